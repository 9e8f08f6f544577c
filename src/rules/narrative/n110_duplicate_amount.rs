//! N110 — two different amounts stated for the same item in one paragraph.
//!
//! "…基本支出 1302.62 万元… 基本支出 1320.62 万元…" within one paragraph: one of them is a
//! typo. Generic subjects (价值, 其中, …) and project descriptions are not compared.
//!
//! Why: a restated figure that changed between two mentions cannot both be right.

use super::util::*;
use crate::arith::Interval;
use crate::model::claim::{AmountRole, Claim, ClaimData, Money};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use std::collections::HashMap;

pub const CODE: &str = "N110";

const GENERIC: &[&str] = &[
    "价值", "其中", "合计", "共计", "金额", "预算", "费用", "资金", "经费", "计", "共",
];

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    let am: Vec<(&Claim, &Money)> = claims
        .iter()
        .filter(|c| c.project.is_none())
        .filter_map(|c| match &c.data {
            ClaimData::Amount {
                money,
                role: AmountRole::Plain,
                approx: false,
            } => Some((c, money)),
            _ => None,
        })
        .filter(|(c, _)| c.subject.chars().count() >= 2 && !GENERIC.contains(&c.subject.as_str()))
        .collect();
    let mut first: HashMap<(usize, &str, Option<String>), (&Claim, &Money)> = HashMap::new();
    for (a, ma) in am.iter().copied() {
        let key = (
            a.paragraph,
            a.subject.as_str(),
            a.function.as_ref().map(|f| f.joined()),
        );
        let Some(&(b, mb)) = first.get(&key) else {
            first.insert(key, (a, ma));
            continue;
        };
        if Interval::of(&ma.wan()).overlaps(Interval::of(&mb.wan())) {
            continue;
        }
        let mut f = finding(
            CODE,
            Severity::Error,
            &ma.figure,
            format!(
                "同一段落中“{}”先写为 {}，后写为 {}",
                a.subject,
                mb.printed(),
                ma.printed()
            ),
            format!(
                "\"{}\" is stated as {} and then as {} in the same paragraph",
                a.subject,
                mb.printed(),
                ma.printed()
            ),
        );
        f.expected = Some(mb.figure.printed());
        f.actual = Some(ma.figure.printed());
        f.difference = Some(exact(ma.wan().value - mb.wan().value, 2));
        f.related_lines.push(b.line);
        out.push(f);
    }
}
