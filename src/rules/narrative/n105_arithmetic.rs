//! N105 — written-out arithmetic whose stated result is wrong.
//!
//! Project descriptions show their working: "2000 元/月*12 个月*15 个站=36 万元",
//! "（120 平方米*14+150 平方米）*22 元/平方米＝4.026 万元". The left side is evaluated exactly
//! with units (1 万元 = 10000 元; when no operand names a unit, both readings are tried) and
//! must round to the stated result.
//!
//! Why: a wrong product propagates into the project's total and its table amount.
//!
//! Example: "17 人*22 元/人*365 天*15 个站=214.765 万元" — expected 204.765.

use super::util::*;
use crate::arith::{half_ulp, Interval};
use crate::model::claim::{Claim, ClaimData};
use crate::model::{Document, Unit};
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N105";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    let ten_k = Decimal::from(10_000);
    for c in claims {
        let ClaimData::Arithmetic {
            expression,
            computed,
            operand_unit,
            result,
            ..
        } = &c.data
        else {
            continue;
        };
        let r = Interval::of(&result.figure);
        let conv = |from: Unit| -> Option<Decimal> {
            match (from, result.unit) {
                (Unit::Yuan, Unit::WanYuan) => computed.checked_div(ten_k),
                (Unit::WanYuan, Unit::Yuan) => computed.checked_mul(ten_k),
                _ => Some(*computed),
            }
        };
        let candidates: Vec<Decimal> = match operand_unit {
            Some(u) => conv(*u).into_iter().collect(),
            None => [Some(*computed), conv(Unit::Yuan), conv(Unit::WanYuan)]
                .into_iter()
                .flatten()
                .collect(),
        };
        if candidates.iter().any(|v| r.overlaps(Interval::exact(*v))) {
            continue;
        }
        let Some(best) = candidates
            .iter()
            .min_by_key(|v| (**v - result.figure.value).abs())
            .copied()
        else {
            continue;
        };
        let unit = if result.unit == Unit::Yuan {
            "元"
        } else {
            "万元"
        };
        let mut f = finding(
            CODE,
            Severity::Error,
            &result.figure,
            format!(
                "计算式 {expression} 的结果应为 {} {unit}，说明中写为 {} {unit}",
                exact(best, result.figure.scale),
                result.figure.printed()
            ),
            format!(
                "written arithmetic {expression} gives {} {unit}, the text states {}",
                exact(best, result.figure.scale),
                result.figure.printed()
            ),
        );
        f.expected = Some(exact(best, result.figure.scale));
        f.actual = Some(result.figure.printed());
        f.difference = Some(exact(result.figure.value - best, result.figure.scale));
        f.tolerance = Some(exact(half_ulp(result.figure.scale), 0));
        f.identity = Some(format!("{expression} = {}", result.printed()));
        if c.line != result.figure.line {
            f.related_lines.push(c.line);
        }
        out.push(f);
    }
}
