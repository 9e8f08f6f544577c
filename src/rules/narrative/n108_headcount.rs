//! N108 — 实有人数 that is not 在职 + 退休 + 离休.
//!
//! "实有人数 109 人，其中：在职 65 人…；退休 42 人…；离休 2 人" — 65 + 42 + 2 = 109. Counts
//! are exact (no rounding tolerance).
//!
//! Why: the headcount drives 人员经费; a wrong total is a sign that one of the groups was
//! not updated.

use super::util::*;
use crate::model::claim::{BreakdownKind, Claim, ClaimData};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N108";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Breakdown {
            what: BreakdownKind::Headcount,
            total,
            parts,
            ..
        } = &c.data
        else {
            continue;
        };
        if parts.len() < 2 {
            continue;
        }
        let sum: Decimal = parts.iter().map(|(_, f)| f.value).sum();
        if sum == total.value {
            continue;
        }
        let listed: Vec<String> = parts
            .iter()
            .map(|(n, f)| format!("{n}{}", f.printed()))
            .collect();
        let mut f = finding(
            CODE,
            Severity::Error,
            total,
            format!(
                "实有人数 {} 人，但 {} 合计 {} 人",
                total.printed(),
                listed.join(" + "),
                sum
            ),
            format!(
                "actual staff {} but {} add up to {}",
                total.printed(),
                listed.join(" + "),
                sum
            ),
        );
        f.expected = Some(sum.to_string());
        f.actual = Some(total.printed());
        f.difference = Some((total.value - sum).to_string());
        f.tolerance = Some("0".into());
        f.identity = Some("实有人数 = 在职 + 退休 + 离休".into());
        f.related_lines = parts
            .iter()
            .map(|(_, f)| f.line)
            .filter(|l| *l != total.line)
            .collect();
        f.related_lines.dedup();
        out.push(f);
    }
}
