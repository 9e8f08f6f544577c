//! N123 — 机关运行经费 that differs from 公用经费 of the basic expense table.
//!
//! 机关运行经费 is normally the 公用经费 of 一般公共预算基本支出 (表六, column 公用经费 of the
//! 合计 row): a difference is a warning (some templates define it more widely). When a table
//! has a 机关运行经费 column (Shanghai's "三公"经费和机关运行经费预算表), a difference from it
//! is an error.
//!
//! Why: 002 states 机关运行经费 311.52 万元 while its 公用经费 is 186.54.

use super::util::*;
use crate::arith::check_equal;
use crate::model::claim::{subject_key, AmountRole, Claim, ClaimData};
use crate::model::{ColumnKey, Document};
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N123";

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Amount {
            money,
            role: AmountRole::Plain | AmountRole::Total,
            ..
        } = &c.data
        else {
            continue;
        };
        if subject_key(&c.subject) != "机关运行经费" {
            continue;
        }
        let direct = doc.tables.iter().find_map(|t| {
            let r = t.total_row().or_else(|| t.rows.first())?;
            r.get(&t.columns, &ColumnKey::OfficeOperation).map(|f| {
                (
                    table_wan(f, t.unit),
                    t.label.clone(),
                    Severity::Error,
                    "机关运行经费",
                )
            })
        });
        let public = doc
            .tables
            .iter()
            .filter(|t| t.kind == crate::model::TableKind::BasicEconomic)
            .find_map(|t| {
                t.total_row()?
                    .get(&t.columns, &ColumnKey::PublicUse)
                    .map(|f| {
                        (
                            table_wan(f, t.unit),
                            t.label.clone(),
                            Severity::Warning,
                            "公用经费",
                        )
                    })
            });
        let Some((fig, label, sev, col)) = direct.or(public) else {
            continue;
        };
        let Some(m) = check_equal(&money.wan(), &fig) else {
            continue;
        };
        let mut f = finding(
            CODE,
            sev,
            &money.figure,
            format!(
                "机关运行经费 {} 与{}{} {} 万元不一致",
                money.printed(),
                label,
                col,
                fig.printed()
            ),
            format!(
                "office operation expenses {} differ from {} {} {}",
                money.printed(),
                label,
                if col == "公用经费" {
                    "public-use expenses"
                } else {
                    "office operation column"
                },
                fig.printed()
            ),
        );
        fill(&mut f, &m, display_scale(&money.wan(), &fig));
        f.table = Some(label);
        f.column = Some(col.to_string());
        f.identity = Some("机关运行经费 = 基本支出公用经费".into());
        f.related_lines.push(fig.line);
        out.push(f);
    }
}
