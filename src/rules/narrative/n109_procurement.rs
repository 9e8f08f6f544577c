//! N109 — government procurement parts or reservations that do not fit the total.
//!
//! "政府采购预算 2091.94 万元，其中：货物 1155.41 万元，工程 87.55 万元，服务 848.98 万元" —
//! the three parts must add up to the total; the amount reserved for 中小企业 may not exceed
//! the total, and the part of it reserved for 小微企业 may not exceed the 中小企业 amount.
//!
//! Why: procurement figures are compiled outside the budget tables and are not checked by
//! any table identity.

use super::util::*;
use crate::arith::{check_sum, Interval};
use crate::model::claim::{Claim, Money};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N109";

fn is_total(s: &str) -> bool {
    s.contains("政府采购")
        && s.contains("预算")
        && !["货物", "工程", "服务", "中小", "小微", "小型", "微型"]
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
