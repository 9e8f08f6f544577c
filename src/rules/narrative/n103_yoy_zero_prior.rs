//! N103 — a growth rate claimed on a zero (or negative) prior.
//!
//! When the change equals the current amount ("预算数为 100.00 万元，比上年预算增加 100.00 万元，
//! 增长 100.00%"), the prior year was zero and growth is undefined; printing 100% (or any
//! rate) is wrong. An increase larger than the current amount implies a negative prior.
//!
//! Why: "增长 100.00%" for a new item is a common template habit and misstates the change:
//! 100% growth would mean the item doubled from 50.00.

use super::util::*;
use crate::arith::Interval;
use crate::model::claim::{Claim, ClaimData, Direction};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N103";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        stated_zero_prior(c, out);
        let ClaimData::Change {
            current: Some(cur),
            change: Some(ch),
            change_dir,
            rate,
            rate_dir,
            prior: None,
            ..
        } = &c.data
        else {
            continue;
        };
        let dir = match change_dir {
            Direction::Unspecified => rate_dir.unwrap_or(Direction::Unspecified),
            d => *d,
        };
        let Some(prior) = prior_of(cur, ch, dir) else {
            continue;
        };
        let subject = if c.subject.is_empty() {
            "该项"
        } else {
            c.subject.as_str()
        };
        let zero = Interval::exact(Decimal::ZERO);
        if prior.hi < Decimal::ZERO && !prior.overlaps(zero) {
            let mut f = finding(
                CODE,
                Severity::Error,
                &ch.figure,
                format!(
                    "{subject}比上年增加 {} 万元，超过本年数 {} 万元，上年数将为负",
                    ch.figure.printed(),
                    cur.figure.printed()
                ),
                format!(
                    "{subject}: an increase of {} exceeds the current amount {}; the prior year would be negative",
                    ch.figure.printed(),
                    cur.figure.printed()
                ),
            );
            f.expected = Some(format!("<= {}", cur.figure.printed()));
            f.actual = Some(ch.figure.printed());
            out.push(f);
            continue;
        }
        let Some(rate) = rate else { continue };
        let prior_zero = prior.lo <= Decimal::ZERO && prior.hi >= Decimal::ZERO;
        if !prior_zero || Interval::of(rate).overlaps(zero) {
            continue;
        }
        let mut f = finding(
            CODE,
            Severity::Error,
            rate,
            format!(
                "{subject}上年数为 0（本年 {} 万元，增加 {} 万元），增长率无意义，不应写为 {}%",
                cur.figure.printed(),
                ch.figure.printed(),
                rate.printed()
            ),
            format!(
                "{subject}: the prior year was zero (current {}, change {}), so growth is undefined; the text claims {}%",
                cur.figure.printed(),
                ch.figure.printed(),
                rate.printed()
            ),
        );
        f.expected = Some("无（上年为0，增长率无意义）/ undefined".into());
        f.actual = Some(format!("{}%", rate.printed()));
        f.identity = Some("上年数 = 本年数 − 增加额 = 0".into());
        if cur.figure.line != rate.line {
            f.related_lines.push(cur.figure.line);
        }
        out.push(f);
    }
}

/// "2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%":
/// a rate over a prior stated as zero.
fn stated_zero_prior(c: &Claim, out: &mut Vec<Finding>) {
    let ClaimData::Change {
        current: Some(cur),
        prior: Some(pr),
        rate: Some(rate),
        ..
    } = &c.data
    else {
        return;
    };
    let zero = Interval::exact(Decimal::ZERO);
    if !Interval::of(&pr.wan()).overlaps(zero) || Interval::of(rate).overlaps(zero) {
        return;
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
            "{subject}上年数为 {}（本年 {}），增长率无意义，不应写为 {}%",
            pr.printed(),
            cur.printed(),
            rate.printed()
        ),
        format!(
            "{subject}: the prior year is stated as {} (current {}), so growth is undefined; the text claims {}%",
            pr.printed(),
            cur.printed(),
            rate.printed()
        ),
    );
    f.expected = Some("无（上年为0，增长率无意义）/ undefined".into());
    f.actual = Some(format!("{}%", rate.printed()));
    f.identity = Some("增长率 = (本年数 − 上年数) ÷ 上年数，上年数 = 0".into());
    for l in [pr.figure.line, cur.figure.line] {
        if l != rate.line && !f.related_lines.contains(&l) {
            f.related_lines.push(l);
        }
    }
    out.push(f);
}
