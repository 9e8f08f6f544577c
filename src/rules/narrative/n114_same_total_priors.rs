//! N114 — one total restated with changes that imply different prior years.
//!
//! A budget balances: 财政拨款收入 and 财政拨款支出 are the same money, and so are 收入预算 and
//! 支出预算. When the narrative states both sides at the same amount and compares each with
//! the same year, the changes must imply the same prior-year figure (prior = current ∓
//! change). Two different changes for one amount mean one of them is wrong, or the two
//! sentences compare with different bases (预算 vs 预算执行数) without saying why.
//!
//! Why: it is the commonest slip of the overview paragraph, and no table shows it: the
//! tables carry only this year's figures.
//!
//! Example: "财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元；…财政拨款支出预算
//! 37,151.47万元，比2024年预算增加24,491.71万元" → implied 2024 figures 12,593.29 and 12,659.76.

use super::util::*;
use crate::arith::Interval;
use crate::model::claim::{Claim, ClaimData, Direction, Money};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N114";

/// The balanced total a subject names, if it names one: both sides of it are one amount.
fn total_class(subject: &str) -> Option<&'static str> {
    let s: String = subject.chars().filter(|c| !c.is_whitespace()).collect();
    let side = s.contains("收入") || s.contains("支出") || s.contains("收支");
    if !side {
        return None;
    }
    if s.contains("政府性基金") || s.contains("国有资本") || s.contains("事业") {
        return None;
    }
    if s.contains("一般公共预算") {
        // 一般公共预算拨款收入 = 一般公共预算拨款支出.
        return Some("一般公共预算拨款");
    }
    if s.contains("财政拨款") {
        return Some("财政拨款");
    }
    let whole = [
        "收入预算",
        "支出预算",
        "收支总预算",
        "收支预算",
        "收入支出总计",
        "收支总计",
    ];
    if whole.iter().any(|w| s.ends_with(w)) || s == "收入" || s == "支出" {
        return Some("收支总计");
    }
    None
}

struct Stated<'a> {
    claim: &'a Claim,
    current: &'a Money,
    change: &'a Money,
    prior: Interval,
    basis: &'a str,
}

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    let mut seen: Vec<(&'static str, Option<i32>, Stated)> = Vec::new();
    for c in claims {
        let ClaimData::Change {
            current: Some(current),
            change: Some(change),
            change_dir,
            prior: None,
            prior_year,
            basis,
            ..
        } = &c.data
        else {
            continue;
        };
        if !matches!(change_dir, Direction::Up | Direction::Down) {
            continue;
        }
        let Some(class) = total_class(&c.subject) else {
            continue;
        };
        let Some(prior) = prior_of(current, change, *change_dir) else {
            continue;
        };
        let me = Stated {
            claim: c,
            current,
            change,
            prior,
            basis,
        };
        let earlier = seen.iter().find(|(k, y, s)| {
            *k == class
                && *y == *prior_year
                && s.claim.section == c.section
                && Interval::of(&s.current.wan()).overlaps(Interval::of(&current.wan()))
        });
        if let Some((_, _, first)) = earlier {
            if !first.prior.overlaps(me.prior) {
                let year = prior_year
                    .map(|y| format!("{y}年"))
                    .unwrap_or_else(|| "上年".into());
                let basis_zh = |b: &str| if b.is_empty() { "上年" } else { b }.to_string();
                let mut f = finding(
                    CODE,
                    Severity::Error,
                    &change.figure,
                    format!(
                        "“{}”与“{}”同为 {}，与{year}相比一处{}{}（比{}），一处{}{}（比{}）：推算的{year}数分别为 {} 与 {}，不一致",
                        first.claim.subject,
                        c.subject,
                        current.printed(),
                        dir_word(first.claim),
                        first.change.printed(),
                        basis_zh(first.basis),
                        dir_word(c),
                        change.printed(),
                        basis_zh(me.basis),
                        p(first.prior.mid(), 2),
                        p(me.prior.mid(), 2),
                    ),
                    format!(
                        "\"{}\" and \"{}\" are both {}, but one changes by {} (against {}) and the other by {} (against {}): the implied prior figures {} and {} differ",
                        first.claim.subject,
                        c.subject,
                        current.printed(),
                        first.change.printed(),
                        basis_zh(first.basis),
                        change.printed(),
                        basis_zh(me.basis),
                        p(first.prior.mid(), 2),
                        p(me.prior.mid(), 2),
                    ),
                );
                f.expected = Some(first.change.figure.printed());
                f.actual = Some(change.figure.printed());
                f.difference = Some(exact(change.wan().value - first.change.wan().value, 2));
                f.identity = Some("同一总额（收入 = 支出）与同一年相比的变动额应相同".into());
                f.related_lines.push(first.change.figure.line);
                out.push(f);
            }
            continue;
        }
        seen.push((class, *prior_year, me));
    }
}

fn dir_word(c: &Claim) -> &'static str {
    match &c.data {
        ClaimData::Change {
            change_dir: Direction::Down,
            ..
        } => "减少",
        _ => "增加",
    }
}
