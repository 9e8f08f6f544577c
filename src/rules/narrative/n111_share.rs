//! N111 — a stated share that does not match amount / total stated in the narrative.
//!
//! "收入预算 1483.22 万元，其中：… 上级专项收入 17 万元，占 1.15%": the total a share refers
//! to is inferred from the section (收入预算, 支出预算, 一般公共预算拨款合计) and is the first
//! amount of that section. The check is done over intervals: "17" (no decimals) stands for
//! [16.5, 17.5].
//!
//! Why: shares are computed by hand from figures that were revised later.

use super::util::*;
use crate::arith::{check_rate, Interval};
use crate::model::claim::{Claim, ClaimData};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N111";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Share {
            rate,
            amount: Some(amount),
            base_amount: Some(base),
            ..
        } = &c.data
        else {
            continue;
        };
        let den = Interval::of(&base.wan());
        let Some(m) = check_rate(rate, Interval::of(&amount.wan()), den) else {
            continue;
        };
        let subject = if c.subject.is_empty() {
            "该项"
        } else {
            c.subject.as_str()
        };
        // One unit of the last printed digit off is the usual adjustment that makes the
        // shares of a list add up to 100% (largest-remainder rounding): a warning.
        let unit = rust_decimal::Decimal::new(1, rate.scale);
        let adjusted = m.difference.abs() <= unit;
        let severity = if adjusted {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut f = finding(
            CODE,
            severity,
            rate,
            format!(
                "{subject} {} 占 {} 的比例应为 {}%，说明中写为 {}%",
                amount.printed(),
                base.printed(),
                p(m.expected, rate.scale.max(2)),
                rate.printed()
            ),
            format!(
                "share of {subject} {} in {} should be {}%, the text says {}%",
                amount.printed(),
                base.printed(),
                p(m.expected, rate.scale.max(2)),
                rate.printed()
            ),
        );
        fill(&mut f, &m, rate.scale.max(2));
        if adjusted {
            f.message
                .zh
                .push_str("（相差一个末位单位，可能为凑足100%的舍入调整）");
            f.message.en.push_str(" (one unit of the last digit: possibly adjusted so that the shares add up to 100%)");
        }
        f.identity = Some("占比 = 金额 ÷ 总额".into());
        f.related_lines = vec![amount.figure.line, base.figure.line];
        f.related_lines.retain(|l| *l != rate.line);
        f.related_lines.dedup();
        out.push(f);
    }
}
