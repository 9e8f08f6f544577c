//! N121 — a stated share that disagrees with the table amount / total.
//!
//! When the narrative does not state the total a share refers to, the total is taken from
//! the table the section describes: 收入/支出 totals of the summary table, the 合计 of the
//! 一般公共预算 table, the 基本支出 table. The rate is checked over intervals.
//!
//! Why: "占 12.77%" is only meaningful against the right total; a share computed against
//! an old total survives every other check.

use super::util::*;
use crate::arith::{check_rate, Interval};
use crate::model::claim::{Claim, ClaimData, ShareBase};
use crate::model::{ColumnKey, DocKind, Document, Figure, RowKind, TableKind};
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N121";

/// The table total a share base refers to (in 万元), with the table label.
pub fn base_total(doc: &Document, base: ShareBase) -> Option<(Figure, String)> {
    let kinds: &[TableKind] = match base {
        ShareBase::IncomeTotal | ShareBase::ExpenseTotal => {
            &[TableKind::Summary, TableKind::Expense]
        }
        ShareBase::GeneralBudgetTotal => &[TableKind::GeneralExpense, TableKind::FiscalSummary],
        ShareBase::AppropriationTotal => &[TableKind::FiscalSummary, TableKind::GeneralExpense],
        ShareBase::BasicTotal => &[TableKind::BasicEconomic],
        ShareBase::Unknown => return None,
    };
    // A 决算's 总计 adds the carry-overs to the year's figures: its shares are of 本年收入合计 /
    // 本年支出合计, the lines above it.
    if doc.info.kind == DocKind::Final {
        for k in kinds {
            for t in doc.tables.iter().filter(|t| t.kind == *k) {
                if base == ShareBase::IncomeTotal {
                    let year = t
                        .income
                        .iter()
                        .find(|i| i.name.contains("本年收入合计"))
                        .and_then(|i| i.amount.as_ref());
                    if let Some(f) = year {
                        return Some((table_wan(f, t.unit), t.label.clone()));
                    }
                    continue;
                }
                let year = t
                    .rows
                    .iter()
                    .filter(|r| r.kind == RowKind::Total && r.name.contains("本年支出合计"))
                    .find_map(|r| r.get(&t.columns, &ColumnKey::Total));
                if let Some(f) = year {
                    return Some((table_wan(f, t.unit), t.label.clone()));
                }
            }
        }
    }
    for k in kinds {
        for t in doc.tables.iter().filter(|t| t.kind == *k) {
            if let Some(f) = t
                .total_row()
                .and_then(|r| r.get(&t.columns, &ColumnKey::Total))
            {
                return Some((table_wan(f, t.unit), t.label.clone()));
            }
        }
    }
    None
}

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Share {
            rate,
            amount: Some(amount),
            base,
            base_amount: None,
        } = &c.data
        else {
            continue;
        };
        let Some((total, label)) = base_total(doc, *base) else {
            continue;
        };
        let Some(m) = check_rate(rate, Interval::of(&amount.wan()), Interval::of(&total)) else {
            continue;
        };
        // One unit of the last printed digit off is the usual adjustment that makes the
        // shares of a list add up to 100% (largest-remainder rounding): a warning.
        let unit = rust_decimal::Decimal::new(1, rate.scale);
        let adjusted = m.difference.abs() <= unit;
        let severity = if adjusted {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut f = finding(
            CODE,
            severity,
            rate,
            format!(
                "{} {} 占{}合计 {} 万元的比例应为 {}%，说明中写为 {}%",
                c.subject,
                amount.printed(),
                label,
                total.printed(),
                p(m.expected, rate.scale.max(2)),
                rate.printed()
            ),
            format!(
                "share of {} {} in the {} total {} should be {}%, the text says {}%",
                c.subject,
                amount.printed(),
                label,
                total.printed(),
                p(m.expected, rate.scale.max(2)),
                rate.printed()
            ),
        );
        fill(&mut f, &m, rate.scale.max(2));
        if adjusted {
            f.message
                .zh
                .push_str("（相差一个末位单位，可能为凑足100%的舍入调整）");
            f.message.en.push_str(" (one unit of the last digit: possibly adjusted so that the shares add up to 100%)");
        }
        f.table = Some(label);
        f.identity = Some("占比 = 金额 ÷ 表中合计".into());
        f.related_lines.push(total.line);
        out.push(f);
    }
}
