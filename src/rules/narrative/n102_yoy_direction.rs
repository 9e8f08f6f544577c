//! N102 — direction words of a change that contradict each other.
//!
//! "比上年减少 12.00 万元，增长 5.00%": the amount says down, the rate says up. Also an
//! "increase" larger than the current amount (prior would be negative) is reported by N103.
//!
//! Why: a copied sentence whose numbers were updated but whose words were not misleads the
//! reader about the direction of the budget.

use super::util::*;
use crate::model::claim::{Claim, ClaimData};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N102";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Change {
            change: Some(ch),
            change_dir,
            rate: Some(rate),
            rate_dir: Some(rd),
            ..
        } = &c.data
        else {
            continue;
        };
        let (Some(a), Some(b)) = (sign(*change_dir), sign(*rd)) else {
            continue;
        };
        if a == b || ch.figure.value.is_zero() || rate.value.is_zero() {
            continue;
        }
        let subject = if c.subject.is_empty() {
            "该项"
        } else {
            c.subject.as_str()
        };
        let mut f = finding(
            CODE,
            Severity::Error,
            rate,
            format!(
                "{subject}的变动方向前后矛盾：变动额为“{}”{}万元，变动率却为“{}”{}%",
                dir_zh(*change_dir),
                ch.figure.printed(),
                dir_zh(*rd),
                rate.printed()
            ),
            format!(
                "direction of the change of {subject} contradicts itself: the amount says {:?} {}, the rate says {:?} {}%",
                change_dir,
                ch.figure.printed(),
                rd,
                rate.printed()
            ),
        );
        f.expected = Some(dir_zh(*change_dir).to_string());
        f.actual = Some(dir_zh(*rd).to_string());
        if ch.figure.line != rate.line {
            f.related_lines.push(ch.figure.line);
        }
        out.push(f);
    }
}
