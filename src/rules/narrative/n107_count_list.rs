//! N107 — a stated number of units that differs from the names listed.
//!
//! "下设 4 个科室 1个中心，分别是：秘书一科、秘书二科、综合一科、综合二科、综合服务服务中心"
//! states 5 and lists 5. A list ending with 等 is not checked.
//!
//! Why: the 机构设置 paragraph is copied from year to year; a merged or new 科室 often
//! changes the list but not the number.

use super::util::*;
use crate::model::claim::{Claim, ClaimData};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N107";

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Count { stated, names } = &c.data else {
            continue;
        };
        if names.is_empty() || names.last().is_some_and(|n| n.ends_with('等')) {
            continue;
        }
        let n = Decimal::from(names.len());
        if n == stated.value {
            continue;
        }
        let mut f = finding(
            CODE,
            Severity::Error,
            stated,
            format!(
                "说明称下设 {} 个机构，但列出了 {} 个：{}",
                stated.printed(),
                names.len(),
                names.join("、")
            ),
            format!(
                "the text states {} units but lists {}: {}",
                stated.printed(),
                names.len(),
                names.join(", ")
            ),
        );
        f.expected = Some(names.len().to_string());
        f.actual = Some(stated.printed());
        f.difference = Some((stated.value - n).to_string());
        f.tolerance = Some("0".into());
        out.push(f);
    }
}
