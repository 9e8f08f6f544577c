//! N110 — two different amounts stated for the same item in one paragraph.
//!
//! "…基本支出 1302.62 万元… 基本支出 1320.62 万元…" within one paragraph: one of them is a
//! typo. Generic subjects (价值, 其中, …) and project descriptions are not compared.
//!
//! Also an item whose paragraph opens with its amount and then restates it in the
//! comparison: "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房
//! 公积金。2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，…": one item, two
//! values (the rate that follows fits one of them, not both).
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

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    restated_current(doc, claims, out);
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
        set_values(&mut f, mb, ma);
        f.related_lines.push(b.line);
        out.push(f);
    }
}

/// The amount a paragraph opens with against the "本年预算安排" of its comparison.
fn restated_current(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for (i, c) in claims.iter().enumerate() {
        let ClaimData::Change {
            current: Some(cur),
            prior: Some(_),
            ..
        } = &c.data
        else {
            continue;
        };
        let heading = claims
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|a| a.paragraph == c.paragraph)
            .find_map(|a| match &a.data {
                ClaimData::Amount {
                    money,
                    role: AmountRole::Plain,
                    approx: false,
                } if a.span.1 <= c.span.0 && a.subject.chars().count() >= 2 => Some((a, money)),
                _ => None,
            });
        let Some((a, head)) = heading else { continue };
        if Interval::of(&head.wan()).overlaps(Interval::of(&cur.wan())) {
            continue;
        }
        let mut f = finding(
            CODE,
            Severity::Error,
            &cur.figure,
            format!(
                "“{}”在同一段落中写了两个金额：开头为 {}，后文“预算安排”为 {}",
                a.subject,
                head.printed(),
                cur.printed()
            ),
            format!(
                "\"{}\" is given two amounts in one paragraph: {} where it is named, {} as the budget in its comparison",
                a.subject,
                head.printed(),
                cur.printed()
            ),
        );
        set_values(&mut f, head, cur);
        f.related_lines.push(head.figure.line);
        out.push(f);
    }
}

/// Expected (the first amount), actual (the second) and their difference: as printed when
/// both are in one unit, else both in 万元, so that the difference is actual − expected.
fn set_values(f: &mut Finding, first: &Money, second: &Money) {
    if first.unit == second.unit {
        f.expected = Some(first.figure.printed());
        f.actual = Some(second.figure.printed());
    } else {
        f.expected = Some(exact(first.wan().value, 2));
        f.actual = Some(exact(second.wan().value, 2));
    }
    f.difference = Some(exact(second.wan().value - first.wan().value, 2));
}
