//! N101 — a year-over-year rate that does not match change / prior.
//!
//! The prior-year figure is never printed; it is implied: prior = current − change for an
//! increase, current + change for a decrease. The rate must equal change / prior within the
//! rounding of all three printed figures (interval arithmetic: 001's "三公 减少 1.14 万元，
//! 下降 1.84%" from 60.58 has prior 61.72 and 1.847% printed as 1.84% passes).
//!
//! Why: rates are typed by hand and are the most frequently wrong figure of the narrative.
//!
//! Example: "基本支出 407.66 万元，比上年预算增加 82.72 万元，增长 35.46%" — expected 25.46%.
//! The other form "2025年当年预算执行数为X万元，2026年预算安排Y万元，比2025年预算执行数增加Z%"
//! is checked as (Y − X) / X.

use super::util::*;
use crate::arith::{check_rate, Interval};
use crate::model::claim::{Claim, ClaimData, Direction};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N101";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Change {
            current,
            change,
            change_dir,
            rate: Some(rate),
            rate_dir,
            prior,
            ..
        } = &c.data
        else {
            continue;
        };
        let (num, den) = match (current, change, prior) {
            (Some(cur), _, Some(pr)) => {
                let d = Interval::of(&cur.wan()).sub(Interval::of(&pr.wan()));
                let num = match rate_dir {
                    Some(Direction::Down) => d.scale(rust_decimal::Decimal::NEGATIVE_ONE),
                    _ => d,
                };
                (num, Interval::of(&pr.wan()))
            }
            (Some(cur), Some(ch), None) => {
                let dir = match change_dir {
                    Direction::Unspecified => rate_dir.unwrap_or(Direction::Unspecified),
                    d => *d,
                };
                // An unfilled template ("增加（减少）… 增长（下降）") may go either way: the
                // rate passes when it fits one of them.
                let dirs: &[Direction] = match dir {
                    Direction::Unspecified => &[Direction::Up, Direction::Down],
                    Direction::Up => &[Direction::Up],
                    Direction::Down => &[Direction::Down],
                    Direction::Flat => continue,
                };
                let num = Interval::of(&ch.wan());
                let candidates: Vec<Interval> = dirs
                    .iter()
                    .filter_map(|d| prior_of(cur, ch, *d))
                    .filter(|p| p.lo > rust_decimal::Decimal::ZERO)
                    .collect();
                if candidates
                    .iter()
                    .any(|p| check_rate(rate, num, *p).is_none())
                {
                    continue;
                }
                let Some(prior) = candidates.first().copied() else {
                    continue;
                };
                (num, prior)
            }
            _ => continue,
        };
        // A zero or negative prior is N103's business.
        if den.lo <= rust_decimal::Decimal::ZERO {
            continue;
        }
        let Some(m) = check_rate(rate, num, den) else {
            continue;
        };
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
                "{subject}的变动率与变动额不符：按上年数 {} 万元计算应为 {}%，说明中写为 {}%",
                range(den, "～"),
                p(m.expected, rate.scale.max(2)),
                rate.printed()
            ),
            format!(
                "year-over-year rate of {subject} does not match the change: with the prior year at {} (10k yuan) it should be {}%, the text says {}%",
                range(den, "–"),
                p(m.expected, rate.scale.max(2)),
                rate.printed()
            ),
        );
        fill(&mut f, &m, rate.scale.max(2));
        f.identity = Some("变动率 = 变动额 ÷ (本年数 ∓ 变动额)".into());
        if let Some(cur) = current {
            f.related_lines.push(cur.figure.line);
        }
        if let Some(ch) = change {
            f.related_lines.push(ch.figure.line);
        }
        f.related_lines.retain(|l| *l != rate.line);
        f.related_lines.dedup();
        out.push(f);
    }
}

/// An interval to two decimals: one figure when both ends print alike ("348.52"), else
/// its ends ("348.51～348.53").
fn range(i: Interval, sep: &str) -> String {
    let (lo, hi) = (p(i.lo, 2), p(i.hi, 2));
    if lo == hi {
        lo
    } else {
        format!("{lo}{sep}{hi}")
    }
}
