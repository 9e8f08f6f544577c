//! N190 — a narrative claim that could not be verified against any table (info).
//!
//! Every amount that names a table item, every share whose total is neither stated nor
//! found in a table (or whose amount was not found), every rate whose current amount was
//! not found, and every project whose amount is in no project table, is reported
//! as "未核实的说明" so that nothing is skipped silently. A zero amount whose row is absent
//! is consistent (tables omit empty rows) and is not reported.
//!
//! Why: an auditor must know which sentences the tool did not check.

use super::n120_amount_vs_table;
use super::n121_share_vs_table::base_total;
use super::n122_listed_items_vs_table;
use super::n124_project_vs_table::{performance_amount, table_amount};
use super::resolve::{resolve_amount, resolve_economic};
use super::util::*;
use crate::model::claim::{Claim, ClaimData};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N190";

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        match &c.data {
            ClaimData::Amount { money, .. } => {
                if money.figure.value.is_zero() {
                    continue;
                }
                let resolved = if n120_amount_vs_table::handles(c) {
                    resolve_amount(doc, c).is_some()
                } else if n122_listed_items_vs_table::handles(c) {
                    resolve_economic(doc, &c.subject).is_some()
                } else {
                    continue;
                };
                if resolved {
                    continue;
                }
                let mut f = finding(
                    CODE,
                    Severity::Info,
                    &money.figure,
                    format!(
                        "未核实的说明：“{}”{} 未能对应到任何表中数字",
                        c.subject,
                        money.printed()
                    ),
                    format!(
                        "unverified claim: {} for \"{}\" could not be matched to any table figure",
                        money.printed(),
                        c.subject
                    ),
                );
                f.actual = Some(money.figure.printed());
                out.push(f);
            }
            ClaimData::Share {
                rate,
                amount: Some(_),
                base,
                base_amount: None,
            } if base_total(doc, *base).is_none() => {
                let mut f = finding(
                    CODE,
                    Severity::Info,
                    rate,
                    format!("未核实的说明：无法确定“占 {}%”所对应的总额", rate.printed()),
                    format!(
                        "unverified claim: the total of the share {}% could not be determined",
                        rate.printed()
                    ),
                );
                f.actual = Some(format!("{}%", rate.printed()));
                out.push(f);
            }
            ClaimData::Change {
                current: None,
                prior: None,
                rate: Some(rate),
                ..
            } => {
                let mut f = finding(
                    CODE,
                    Severity::Info,
                    rate,
                    format!(
                        "未核实的说明：找不到“{}”变动率 {}% 所依据的本年金额",
                        c.subject,
                        rate.printed()
                    ),
                    format!(
                        "unverified claim: no current amount found for the rate {}% of \"{}\"",
                        rate.printed(),
                        c.subject
                    ),
                );
                f.actual = Some(format!("{}%", rate.printed()));
                out.push(f);
            }
            ClaimData::Share {
                rate, amount: None, ..
            } => {
                let mut f = finding(
                    CODE,
                    Severity::Info,
                    rate,
                    format!("未核实的说明：找不到“占 {}%”所对应的金额", rate.printed()),
                    format!(
                        "unverified claim: no amount found for the share {}%",
                        rate.printed()
                    ),
                );
                f.actual = Some(format!("{}%", rate.printed()));
                out.push(f);
            }
            _ => {}
        }
    }
    for b in super::n113_project_narrative::blocks(claims) {
        let Some(budget) = b.budget else { continue };
        if table_amount(doc, b.name).is_some() || performance_amount(doc, b.name).is_some() {
            continue;
        }
        let mut f = finding(
            CODE,
            Severity::Info,
            &budget.figure,
            format!(
                "未核实的说明：项目“{}”在项目支出表和绩效目标表中均未找到",
                b.name
            ),
            format!(
                "unverified claim: project \"{}\" was found in no project or performance table",
                b.name
            ),
        );
        f.row = Some(b.name.to_string());
        f.actual = Some(budget.figure.printed());
        out.push(f);
    }
}
