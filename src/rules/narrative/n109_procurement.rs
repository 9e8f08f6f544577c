//! N109 — government procurement parts or reservations that do not fit the total.
//!
//! "政府采购预算 2091.94 万元，其中：货物 1155.41 万元，工程 87.55 万元，服务 848.98 万元" —
//! the three parts must add up to the total; the amount reserved for 中小企业 may not exceed
//! the total, and the part of it reserved for 小微企业 may not exceed the 中小企业 amount.
//!
//! In a 决算, the contracts won by 中小企业 — in the projects reserved for them and in the
//! other projects — are parts of the year's procurement: together they cannot exceed it.
//!
//! Why: procurement figures are compiled outside the budget tables and are not checked by
//! any table identity.

use super::util::*;
use crate::arith::{check_sum, Interval};
use crate::model::claim::{Claim, Money};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N109";

/// The procurement total: "政府采购预算" of a 预算, "政府采购金额（以合同签订为准）" or
/// "政府采购支出总额" of a 决算.
fn is_total(s: &str) -> bool {
    s.contains("政府采购")
        && (s.contains("预算") || s.contains("金额") || s.contains("总额"))
        && ![
            "货物", "工程", "服务", "中小", "小微", "小型", "微型", "预留", "中标", "授予",
        ]
        .iter()
        .any(|k| s.contains(k))
}

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    let am: Vec<(&Claim, &Money)> = amounts(claims).collect();
    let Some(&(tc, total)) = am.iter().find(|(c, _)| is_total(&c.subject)) else {
        return;
    };
    let parts: Vec<&Money> = ["货物", "工程", "服务"]
        .iter()
        .filter_map(|k| {
            am.iter()
                .find(|(c, _)| {
                    c.paragraph == tc.paragraph
                        && c.subject.contains(k)
                        && c.subject.contains("采购")
                })
                .map(|(_, m)| *m)
        })
        .collect();
    if let [goods, works, services] = parts.as_slice() {
        let figs: Vec<_> = parts.iter().map(|m| m.wan()).collect();
        let refs: Vec<_> = figs.iter().collect();
        if let Some(m) = check_sum(&total.wan(), &refs) {
            let mut f = finding(
                CODE,
                Severity::Error,
                &total.figure,
                format!(
                    "政府采购预算 {} 不等于货物 {} + 工程 {} + 服务 {}（合计 {} 万元）",
                    total.printed(),
                    goods.printed(),
                    works.printed(),
                    services.printed(),
                    exact(m.expected, 2)
                ),
                format!(
                    "procurement budget {} is not goods + works + services = {} (10k yuan)",
                    total.printed(),
                    exact(m.expected, 2)
                ),
            );
            fill(&mut f, &m, 2);
            f.identity = Some("政府采购预算 = 货物 + 工程 + 服务".into());
            f.related_lines = parts
                .iter()
                .map(|m| m.figure.line)
                .filter(|l| *l != total.figure.line)
                .collect();
            f.related_lines.dedup();
            out.push(f);
        }
    }
    // A reservation is a procurement sentence of the total's paragraph or of the few after
    // it, never a function item whose name mentions 中小企业 ("支持中小企业发展和管理支出").
    let reservation = |c: &Claim| {
        c.path.is_empty()
            && c.function.is_none()
            && c.paragraph >= tc.paragraph
            && c.paragraph <= tc.paragraph + 3
            && (c.subject.contains("预留")
                || c.subject.contains("采购")
                || c.subject.contains("份额"))
    };
    let sme = am
        .iter()
        .find(|(c, _)| c.subject.contains("中小企业") && reservation(c))
        .map(|(_, m)| *m);
    let micro = am
        .iter()
        .find(|(c, _)| {
            (c.subject.contains("小微") || c.subject.contains("小型和微型")) && reservation(c)
        })
        .map(|(_, m)| *m);
    // 决算: "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 A；
    // …在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 B": A + B ≤ the total.
    let won = |c: &Claim, other: bool| {
        reservation(c)
            && c.subject.contains("中小企业")
            && (c.subject.contains("中标") || c.subject.contains("成交"))
            && c.subject.contains("其他") == other
    };
    let won_reserved = am.iter().find(|(c, _)| won(c, false));
    let won_other = am.iter().find(|(c, _)| won(c, true));
    if let (Some(&(_, a)), Some(&(oc, b))) = (won_reserved, won_other) {
        let sum = Interval::of(&a.wan()).add(Interval::of(&b.wan()));
        let w = Interval::of(&total.wan());
        if sum.lo > w.hi {
            let exact_sum = a.wan().value + b.wan().value;
            let mut f = finding(
                CODE,
                Severity::Error,
                &b.figure,
                format!(
                    "中小企业中标或成交的采购金额（预留项目 {} + 其他项目 {} = {} 万元）超过政府采购金额 {}",
                    a.printed(),
                    b.printed(),
                    exact(exact_sum, 2),
                    total.printed()
                ),
                format!(
                    "contracts won by SMEs (reserved projects {} + other projects {} = {}) exceed the procurement total {}",
                    a.printed(),
                    b.printed(),
                    exact(exact_sum, 2),
                    total.printed()
                ),
            );
            f.expected = Some(format!("<= {}", total.figure.printed()));
            f.actual = Some(exact(exact_sum, 2));
            f.difference = Some(exact(exact_sum - total.wan().value, 2));
            f.identity =
                Some("预留项目中小企业成交额 + 其他项目中小企业成交额 ≤ 政府采购金额".into());
            for l in [a.figure.line, total.figure.line] {
                if l != oc.line && !f.related_lines.contains(&l) {
                    f.related_lines.push(l);
                }
            }
            out.push(f);
        }
    }
    let mut bound = |part: &Money, whole: &Money, zh: &str, en: &str| {
        let p = Interval::of(&part.wan());
        let w = Interval::of(&whole.wan());
        if p.lo > w.hi {
            let mut f = finding(
                CODE,
                Severity::Error,
                &part.figure,
                format!("{zh} {} 超过 {}", part.printed(), whole.printed()),
                format!("{en}: {} exceeds {}", part.printed(), whole.printed()),
            );
            f.expected = Some(format!("<= {}", whole.figure.printed()));
            f.actual = Some(part.figure.printed());
            f.difference = Some(exact(part.wan().value - whole.wan().value, 2));
            f.related_lines.push(whole.figure.line);
            out.push(f);
        }
    };
    if let Some(s) = sme {
        bound(
            s,
            total,
            "面向中小企业预留金额",
            "amount reserved for SMEs vs procurement total",
        );
        if let Some(mi) = micro {
            bound(
                mi,
                s,
                "面向小微企业预留金额",
                "amount reserved for micro firms vs SMEs",
            );
        }
    }
}
