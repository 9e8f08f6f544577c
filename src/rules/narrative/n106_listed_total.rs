//! N106 — a 共计 / 合计 that is not the sum of the amounts listed before it.
//!
//! In a project description ("资金分配情况"), the amounts listed since the previous total
//! (plain amounts and results of written arithmetic, in 元 or 万元) must add up to the
//! stated 共计. Totals marked 约 (approximately) are not checked.
//!
//! Why: 001's 房屋租赁 lists 255.01 + 4.5 + 9 + 4.026 + 11.68 = 284.216 万元 and then writes
//! "共计 280.19 万元" (the table amount), hiding a 4 万元 gap.

use super::util::*;
use crate::arith::check_sum;
use crate::model::claim::{AmountRole, Claim, ClaimData};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N106";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for (i, c) in claims.iter().enumerate() {
        let ClaimData::Amount {
            money,
            role: AmountRole::Total,
            approx: false,
        } = &c.data
        else {
            continue;
        };
        if c.project.is_none() {
            continue;
        }
        let mut parts = Vec::new();
        for p in claims.get(..i).unwrap_or(&[]).iter().rev().take(500) {
            if p.project != c.project {
                break;
            }
            match &p.data {
                ClaimData::Amount {
                    role:
                        AmountRole::Total | AmountRole::ProjectBudget | AmountRole::ProjectRestated,
                    ..
                } => break,
                ClaimData::Amount {
                    money,
                    role: AmountRole::Plain | AmountRole::ArithmeticResult,
                    ..
                } => parts.push(money),
                _ => {}
            }
        }
        if parts.len() < 2 {
            continue;
        }
        parts.reverse();
        let figs: Vec<_> = parts.iter().map(|m| m.wan()).collect();
        let refs: Vec<_> = figs.iter().collect();
        let total = money.wan();
        let Some(m) = check_sum(&total, &refs) else {
            continue;
        };
        let listed: Vec<String> = parts.iter().map(|m| m.printed()).collect();
        let scale = figs.iter().map(|f| f.scale).max().unwrap_or(2).clamp(2, 4);
        let mut f = finding(
            CODE,
            Severity::Error,
            &money.figure,
            format!(
                "所列各项 {} 合计 {} 万元，说明中“共计”写为 {}",
                listed.join(" + "),
                exact(m.expected, 2),
                money.printed()
            ),
            format!(
                "the listed amounts {} add up to {} (10k yuan), the stated total is {}",
                listed.join(" + "),
                exact(m.expected, 2),
                money.printed()
            ),
        );
        fill(&mut f, &m, scale);
        f.identity = Some("共计 = Σ 所列各项".into());
        f.related_lines = parts
            .iter()
            .map(|m| m.figure.line)
            .filter(|l| *l != c.line)
            .collect();
        f.related_lines.dedup();
        if let Some(p) = &c.project {
            f.row = Some(p.clone());
        }
        out.push(f);
    }
}
