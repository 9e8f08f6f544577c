//! N112 — a narrative total that is not the sum of its stated parts.
//!
//! - 车辆 N 辆 (价值 X) = Σ by type ("其中：一般公务用车 12 辆，价值 244.81 万元；…");
//! - "三公"经费 = 因公出国（境）费 + 公务用车购置及运行费 (or 购置 + 运行) + 公务接待费, and
//!   公务用车购置及运行费 = 购置费 + 运行费;
//! - 支出预算 / 一般公共预算拨款合计 = 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费;
//! - 人员经费 / 公用经费 against the items listed after them ("主要包括：基本工资 331.92 万元、…"):
//!   more than the total is an error, less is a warning (the list may be partial).
//!
//! Why: these totals are restated in prose next to their parts, and typed separately.

use super::util::*;
use crate::arith::check_sum;
use crate::model::claim::{
    subject_key, AmountRole, BreakdownKind, Claim, ClaimData, Money, Section,
};
use crate::model::{Document, Figure, Unit};
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N112";

fn report(
    out: &mut Vec<Finding>,
    sev: Severity,
    what: &str,
    what_en: &str,
    total: &Figure,
    parts: &[(String, Figure)],
    exact_counts: bool,
) {
    let listed: Vec<String> = parts
        .iter()
        .map(|(n, f)| format!("{n} {}", f.printed()))
        .collect();
    let (expected, actual, diff, tol, scale) = if exact_counts {
        let s: Decimal = parts.iter().map(|(_, f)| f.value).sum();
        if s == total.value {
            return;
        }
        (s, total.value, total.value - s, Decimal::ZERO, 0)
    } else {
        let refs: Vec<&Figure> = parts.iter().map(|(_, f)| f).collect();
        let Some(m) = check_sum(total, &refs) else {
            return;
        };
        let scale = refs
            .iter()
            .map(|f| f.scale)
            .chain([total.scale])
            .max()
            .unwrap_or(2)
            .min(4);
        (m.expected, m.actual, m.difference, m.tolerance, scale)
    };
    let mut f = finding(
        CODE,
        sev,
        total,
        format!(
            "{what} {} 与其组成部分之和 {} 不符（{}）",
            total.printed(),
            p(expected, scale),
            listed.join(" + ")
        ),
        format!(
            "{what_en} {} differs from the sum of its parts {} ({})",
            total.printed(),
            p(expected, scale),
            listed.join(" + ")
        ),
    );
    f.expected = Some(p(expected, scale));
    f.actual = Some(p(actual, scale));
    f.difference = Some(p(diff, scale));
    f.tolerance = Some(exact(tol, 0));
    f.identity = Some(format!("{what} = Σ 组成部分"));
    f.related_lines = parts
        .iter()
        .map(|(_, f)| f.line)
        .filter(|l| *l != total.line)
        .collect();
    f.related_lines.dedup();
    out.push(f);
}

fn plain(c: &Claim) -> Option<&Money> {
    match &c.data {
        ClaimData::Amount {
            money,
            role: AmountRole::Plain | AmountRole::Total,
            ..
        } => Some(money),
        _ => None,
    }
}

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        if let ClaimData::Breakdown {
            what,
            total,
            parts,
            unit,
            ..
        } = &c.data
        {
            match what {
                BreakdownKind::VehicleCount => report(
                    out,
                    Severity::Error,
                    "车辆数",
                    "vehicle count",
                    total,
                    parts,
                    true,
                ),
                BreakdownKind::VehicleValue => {
                    let conv = |f: &Figure| table_wan(f, unit.unwrap_or(Unit::WanYuan));
                    let ps: Vec<(String, Figure)> =
                        parts.iter().map(|(n, f)| (n.clone(), conv(f))).collect();
                    report(
                        out,
                        Severity::Error,
                        "车辆价值",
                        "vehicle value",
                        &conv(total),
                        &ps,
                        false,
                    )
                }
                BreakdownKind::Quantity => {
                    // A list after "其中" may leave things out; it can never hold more.
                    let refs: Vec<&Figure> = parts.iter().map(|(_, f)| f).collect();
                    let over = check_sum(total, &refs).is_some_and(|m| m.expected > m.actual);
                    if over {
                        let name = if c.subject.is_empty() {
                            "数量"
                        } else {
                            c.subject.as_str()
                        };
                        report(out, Severity::Error, name, name, total, parts, false);
                    }
                }
                _ => {}
            }
        }
    }
    three_public(claims, out);
    for (sec, total_zh, total_en, keys) in [
        (
            Section::Expense,
            "支出预算",
            "expense budget",
            ["基本支出", "项目支出"],
        ),
        (
            Section::GeneralBudget,
            "一般公共预算拨款合计",
            "general budget appropriation",
            ["基本支出", "项目支出"],
        ),
        (
            Section::Basic,
            "基本支出",
            "basic expense",
            ["人员经费", "公用经费"],
        ),
    ] {
        let sc: Vec<&Claim> = claims.iter().filter(|c| c.section == sec).collect();
        let Some(lead) = sc.iter().find_map(|c| plain(c)) else {
            continue;
        };
        let parts: Vec<(String, Figure)> = keys
            .iter()
            .filter_map(|k| {
                sc.iter()
                    .filter(|c| c.subject == *k)
                    .find_map(|c| plain(c))
                    .filter(|m| *m != lead)
                    .map(|m| (k.to_string(), m.wan()))
            })
            .collect();
        if parts.len() == 2 {
            report(
                out,
                Severity::Error,
                total_zh,
                total_en,
                &lead.wan(),
                &parts,
                false,
            );
        }
    }
    // 人员经费 / 公用经费 against their listed items.
    for key in ["人员经费", "公用经费"] {
        for (i, c) in claims.iter().enumerate() {
            if c.section != Section::Basic || c.subject != key {
                continue;
            }
            let Some(total) = plain(c) else { continue };
            let items: Vec<(String, Figure)> = claims
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|x| x.paragraph == c.paragraph)
                .filter_map(|x| plain(x).map(|m| (x.subject.clone(), m.wan())))
                .collect();
            if items.len() < 2 {
                continue;
            }
            let sum: Decimal = items.iter().map(|(_, f)| f.value).sum();
            let sev = if sum > total.wan().value {
                Severity::Error
            } else {
                Severity::Warning
            };
            report(out, sev, key, key, &total.wan(), &items, false);
        }
    }
}

fn three_public(claims: &[Claim], out: &mut Vec<Finding>) {
    let sc: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.section == Section::ThreePublic)
        .collect();
    let Some(ti) = sc
        .iter()
        .position(|c| plain(c).is_some() && subject_key(&c.subject) == "三公")
    else {
        return;
    };
    let Some(tc) = sc.get(ti) else { return };
    let Some(total) = plain(tc) else { return };
    let find = |k: &str| {
        sc.iter()
            .skip(ti + 1)
            .take_while(|c| c.paragraph == tc.paragraph)
            .find(|c| plain(c).is_some() && subject_key(&c.subject) == k)
            .and_then(|c| plain(c))
            .map(|m| (k.to_string(), m.wan()))
    };
    let both = find("公务用车购置及运行");
    let buy = find("公务用车购置");
    let run = find("公务用车运行");
    let mut keys: Vec<Option<(String, Figure)>> = vec![find("因公")];
    match &both {
        Some(b) => {
            keys.push(Some(b.clone()));
            if let (Some(bu), Some(ru)) = (&buy, &run) {
                report(
                    out,
                    Severity::Error,
                    "公务用车购置及运行费",
                    "official vehicle purchase and operation",
                    &b.1,
                    &[bu.clone(), ru.clone()],
                    false,
                );
            }
        }
        None => {
            keys.push(buy);
            keys.push(run);
        }
    }
    keys.push(find("公务接待"));
    let Some(parts) = keys.into_iter().collect::<Option<Vec<_>>>() else {
        return;
    };
    report(
        out,
        Severity::Error,
        "“三公”经费",
        "\"three public\" expenses",
        &total.wan(),
        &parts,
        false,
    );
}
