//! N125 — the scope of 预算绩效管理 that does not match the project expense (warning).
//!
//! "本年度预算绩效管理的财政拨款项目 18个，涉及预算金额 2784.91 万元": normally every project is
//! under performance management, so the amount equals 项目支出 (the table's 合计, or the
//! 项目支出 stated in the narrative) and the count equals the number of projects of the
//! project table. A difference is a warning: some templates count only part of them.
//!
//! Why: the 绩效 paragraph is typed separately and often keeps last year's figures.

use super::util::*;
use crate::arith::check_equal;
use crate::model::{ColumnKey, Document, Figure, TableKind};
use crate::narrative::claim::{subject_key, Claim, ClaimData, Section};
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub const CODE: &str = "N125";

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Performance { count, amount } = &c.data else {
            continue;
        };
        if count.value.is_zero() && amount.figure.value.is_zero() {
            continue;
        }
        let table = doc.tables.iter().find(|t| t.kind == TableKind::Projects);
        let reference: Option<(Figure, String)> = table
            .and_then(|t| {
                t.total_row()
                    .and_then(|r| r.get(&t.columns, &ColumnKey::Total))
                    .map(|f| (table_wan(f, t.unit), format!("{}合计", t.label)))
            })
            .or_else(|| {
                claims
                    .iter()
                    .find(|x| {
                        x.section == Section::Expense && subject_key(&x.subject) == "项目支出"
                    })
                    .and_then(|x| x.money())
                    .map(|m| (m.wan(), "说明中的项目支出".to_string()))
            });
        if let Some((r, label)) = reference {
            if let Some(m) = check_equal(&amount.wan(), &r) {
                let mut f = finding(
                    CODE,
                    Severity::Warning,
                    &amount.figure,
                    format!(
                        "预算绩效管理项目涉及金额 {} 与{} {} 万元不一致",
                        amount.printed(),
                        label,
                        r.printed()
                    ),
                    format!(
                        "the amount under performance management {} differs from {} {}",
                        amount.printed(),
                        label,
                        r.printed()
                    ),
                );
                fill(&mut f, &m, 2);
                f.related_lines.push(r.line);
                out.push(f);
            }
        }
        if let Some(t) = table {
            let names: BTreeSet<&str> = t.body().filter_map(|r| r.project.as_deref()).collect();
            let n = Decimal::from(names.len());
            if !names.is_empty() && n != count.value {
                let mut f = finding(
                    CODE,
                    Severity::Warning,
                    count,
                    format!(
                        "预算绩效管理项目 {} 个，{}列有 {} 个项目",
                        count.printed(),
                        t.label,
                        names.len()
                    ),
                    format!(
                        "{} projects under performance management, {} lists {}",
                        count.printed(),
                        t.label,
                        names.len()
                    ),
                );
                f.expected = Some(names.len().to_string());
                f.actual = Some(count.printed());
                f.table = Some(t.label.clone());
                out.push(f);
            }
        }
    }
}
