//! Stage 5: narrative paragraphs → claims (amounts, shares, year-over-year changes,
//! arithmetic), and the N1xx rules that check them (issue #4: "half of the defects in real
//! disclosures are in the prose of 第三部分 预算情况说明, where figures are restated by hand").
//!
//! - [`paragraphs_from_lines`] joins soft-wrapped lines into paragraphs;
//! - [`parse_claims`] reads every claim with the line and column of each figure;
//! - [`check_all`] parses `doc.narrative` and runs every rule of [`RULES`];
//! - [`coverage`] counts claims per kind (for `--statistics`).
//!
//! Every comparison uses the interval arithmetic of [`crate::arith`]: a figure printed with
//! d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ], so rounding never raises a finding.

pub mod arith_expr;
pub mod claim;
pub(crate) mod para;
mod parse;
pub mod rules;

pub use claim::{
    AmountRole, BreakdownKind, Claim, ClaimData, Direction, Money, Section, ShareBase,
};
pub use para::{locate, paragraphs_from_lines, realign};
pub use parse::parse_claims;
pub use rules::{check_all, check_claims, RULES};

use std::collections::BTreeMap;

/// Number of claims per kind ("amount", "share", "change", "arithmetic", …).
pub fn coverage(claims: &[Claim]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for c in claims {
        *m.entry(c.kind()).or_insert(0) += 1;
    }
    m
}
