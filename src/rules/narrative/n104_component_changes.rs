//! N104 — item amounts or changes that do not add up to the total's.
//!
//! In 一般公共预算当年拨款情况说明 the total (一般公共预算拨款合计, with its change or the changes
//! of 基本支出 and 项目支出) is followed by each 项 of 具体使用情况 with its own change. When the
//! items cover the total (Σ item amounts ≥ total), their amounts may not exceed it and their
//! changes must add up to the total's change. The same holds for "三公" 经费 and its items.
//!
//! Why: 002 states a total decrease of 389.3 万元 while its two 项 decrease by 193.65 and
//! 10.68; and its items add up to 1509.62 against a total of 1459.62.

use super::util::*;
use crate::arith::Interval;
use crate::model::claim::{subject_key, Claim, ClaimData, Direction, Money, Section};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N104";

struct Ch<'a> {
    current: Option<&'a Money>,
    change: &'a Money,
    dir: Direction,
}

fn change_of(c: &Claim) -> Option<Ch<'_>> {
    match &c.data {
        ClaimData::Change {
            current,
            change: Some(change),
            change_dir,
            ..
        } => Some(Ch {
            current: current.as_ref(),
            change,
            dir: *change_dir,
        }),
        _ => None,
    }
}

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    general_budget(claims, Section::GeneralBudget, out);
    general_budget(claims, Section::Appropriation, out);
    three_public(claims, out);
}

/// The total a section's items are part of: its lead, or, for a list a line such as
/// "财政拨款支出主要内容如下：" opened (no lead of its own), the amount of that scope stated
/// just before it ("财政拨款支出预算950.12万元").
fn section_total<'a>(
    claims: &'a [Claim],
    sec: &[&'a Claim],
    section: Section,
) -> Option<&'a Claim> {
    if let Some(lead) = sec.iter().find(|c| c.lead) {
        return Some(lead);
    }
    let first = sec.first()?;
    let start = claims.iter().position(|c| std::ptr::eq(c, *first))?;
    let key = match section {
        Section::GeneralBudget => "一般公共预算",
        _ => "财政拨款支出",
    };
    claims
        .get(..start)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take(40)
        .find(|c| {
            c.function.is_none()
                && c.path.is_empty()
                && c.subject.contains(key)
                && (section != Section::GeneralBudget || c.subject.contains("支出"))
                && matches!(c.data, ClaimData::Amount { .. })
        })
}

fn sum_signed(items: &[Ch]) -> Option<(Interval, Decimal)> {
    let mut acc = Interval::exact(Decimal::ZERO);
    let mut v = Decimal::ZERO;
    for i in items {
        let iv = signed_change(i.change, i.dir)?;
        acc = acc.add(iv);
        let s = if i.dir == Direction::Down { -1 } else { 1 };
        v += i.change.wan().value * Decimal::from(s);
    }
    Some((acc, v))
}

fn general_budget(claims: &[Claim], section: Section, out: &mut Vec<Finding>) {
    let sec: Vec<&Claim> = claims.iter().filter(|c| c.section == section).collect();
    let Some(lead) = section_total(claims, &sec, section) else {
        return;
    };
    let Some(total) = lead.money() else { return };
    // Items: classified subjects (具体使用情况), with their amounts and changes.
    let classified = |c: &&&Claim| c.function.is_some() || c.path.len() >= 2;
    let amounts: Vec<&Money> = sec
        .iter()
        .filter(classified)
        .filter_map(|c| match &c.data {
            ClaimData::Amount {
                money,
                role: crate::model::claim::AmountRole::Plain,
                approx: false,
            } => Some(money),
            _ => None,
        })
        .collect();
    let items: Vec<(&Claim, Ch)> = sec
        .iter()
        .filter(classified)
        .filter_map(|c| change_of(c).map(|ch| (*c, ch)))
        .filter(|(_, ch)| ch.current.is_some())
        .collect();
    if amounts.len() < 2 {
        return;
    }
    // Σ item amounts against the total.
    let mut amt = Interval::exact(Decimal::ZERO);
    let mut amt_v = Decimal::ZERO;
    for cur in &amounts {
        amt = amt.add(Interval::of(&cur.wan()));
        amt_v += cur.wan().value;
    }
    let (scope, items_name) = if section == Section::GeneralBudget {
        ("一般公共预算拨款合计", "具体使用情况各项")
    } else {
        ("财政拨款支出", "所列各项")
    };
    let t = Interval::of(&total.wan());
    let covers = amt.hi >= t.lo;
    if amt.lo > t.hi {
        let mut f = finding(
            CODE,
            Severity::Error,
            &total.figure,
            format!(
                "各项目（项）预算数合计 {} 万元，超过{scope} {} 万元",
                exact(amt_v, 2),
                total.figure.printed()
            ),
            format!(
                "the items of 具体使用情况 add up to {} (10k yuan), more than the total {}",
                exact(amt_v, 2),
                total.figure.printed()
            ),
        );
        set_values(
            &mut f,
            amt_v,
            total.wan().value,
            2,
            (t.hi - t.lo + amt.hi - amt.lo) / Decimal::TWO,
        );
        f.identity = Some(format!("Σ {items_name} ≤ {scope}"));
        f.related_lines = amounts.iter().map(|m| m.figure.line).collect();
        out.push(f);
    }
    if !covers || items.len() < 2 {
        return;
    }
    // The total's change: stated on the lead, else 基本支出 + 项目支出.
    let lead_change = sec
        .iter()
        .filter_map(|c| change_of(c).map(|ch| (*c, ch)))
        .find(|(_, ch)| ch.current == Some(total));
    let total_change: Option<(Interval, Decimal, usize)> = match lead_change {
        Some((_, ch)) => {
            let iv = signed_change(ch.change, ch.dir);
            let s = if ch.dir == Direction::Down { -1 } else { 1 };
            iv.map(|iv| {
                (
                    iv,
                    ch.change.wan().value * Decimal::from(s),
                    ch.change.figure.line,
                )
            })
        }
        None => {
            let parts: Vec<Ch> = ["基本支出", "项目支出"]
                .iter()
                .filter_map(|k| {
                    sec.iter()
                        .filter(|c| c.function.is_none() && c.path.is_empty())
                        .filter_map(|c| change_of(c).map(|ch| (*c, ch)))
                        .find(|(c, _)| c.subject == *k)
                        .map(|(_, ch)| ch)
                })
                .collect();
            match parts.first() {
                Some(first) if parts.len() == 2 => {
                    let line = first.change.figure.line;
                    sum_signed(&parts).map(|(iv, v)| (iv, v, line))
                }
                _ => None,
            }
        }
    };
    let Some((tc, tv, tline)) = total_change else {
        return;
    };
    let chs: Vec<Ch> = items.into_iter().map(|(_, ch)| ch).collect();
    let Some((sum, sv)) = sum_signed(&chs) else {
        return;
    };
    if sum.overlaps(tc) {
        return;
    }
    let fig = crate::model::Figure {
        line: tline,
        ..total.figure.clone()
    };
    let mut f = finding(
        CODE,
        Severity::Error,
        &fig,
        format!(
            "一般公共预算拨款合计比上年变动 {} 万元，而具体使用情况各项变动之和为 {} 万元",
            exact(tv, 2),
            exact(sv, 2)
        ),
        format!(
            "the total changes by {} (10k yuan) but the changes of its items add up to {}",
            exact(tv, 2),
            exact(sv, 2)
        ),
    );
    f.col = None;
    f.width = 0;
    set_values(
        &mut f,
        sv,
        tv,
        2,
        (tc.hi - tc.lo + sum.hi - sum.lo) / Decimal::TWO,
    );
    f.identity = Some("总额变动 = Σ 各项变动".into());
    f.related_lines = chs.iter().map(|c| c.change.figure.line).collect();
    out.push(f);
}

fn three_public(claims: &[Claim], out: &mut Vec<Finding>) {
    let sec: Vec<(&Claim, Ch)> = claims
        .iter()
        .filter(|c| c.section == Section::ThreePublic)
        .filter_map(|c| change_of(c).map(|ch| (c, ch)))
        .collect();
    let find = |k: &str| sec.iter().find(|(c, _)| subject_key(&c.subject) == k);
    let Some((_, total)) = find("三公") else {
        return;
    };
    let mut keys = vec!["因公"];
    if find("公务用车购置及运行").is_some() {
        keys.push("公务用车购置及运行");
    } else {
        keys.push("公务用车购置");
        keys.push("公务用车运行");
    }
    keys.push("公务接待");
    let mut parts = Vec::new();
    for k in keys {
        match find(k) {
            Some((_, ch)) => parts.push(Ch {
                current: ch.current,
                change: ch.change,
                dir: ch.dir,
            }),
            None => return,
        }
    }
    // An unfilled template direction on the total: compare magnitudes.
    let (t_iv, t_v) = match signed_change(total.change, total.dir) {
        Some(iv) => (
            iv,
            if total.dir == Direction::Down {
                -total.change.wan().value
            } else {
                total.change.wan().value
            },
        ),
        None => return,
    };
    let Some((sum, sv)) = sum_signed(&parts) else {
        return;
    };
    if sum.overlaps(t_iv) {
        return;
    }
    let mut f = finding(
        CODE,
        Severity::Error,
        &total.change.figure,
        format!(
            "“三公”经费比上年变动 {} 万元，而各分项变动之和为 {} 万元",
            exact(t_v, 2),
            exact(sv, 2)
        ),
        format!(
            "\"three public\" expenses change by {} (10k yuan) but their items change by {} in total",
            exact(t_v, 2),
            exact(sv, 2)
        ),
    );
    set_values(
        &mut f,
        sv,
        t_v,
        2,
        (t_iv.hi - t_iv.lo + sum.hi - sum.lo) / Decimal::TWO,
    );
    f.identity = Some("“三公”变动 = 因公出国（境）+ 公务用车购置及运行 + 公务接待 变动".into());
    f.related_lines = parts.iter().map(|c| c.change.figure.line).collect();
    out.push(f);
}
