//! Stage 5: narrative paragraphs → claims (amounts, shares, year-over-year changes,
//! arithmetic), and the N1xx rules that check them (issue #4: "half of the defects in real
//! disclosures are in the prose of 第三部分 预算情况说明, where figures are restated by hand").
//!
//! - [`paragraphs_from_lines`] joins soft-wrapped lines into paragraphs;
//! - [`parse_claims`] reads every claim with the line and column of each figure;
//! - [`check_all`] parses `doc.narrative` and runs every rule of [`RULES`];
//! - [`coverage`] counts claims per kind and [`statistics`] adds how many were resolved to a
//!   table figure and how many stayed unverified (for `--statistics`).
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

/// Counts for `--statistics`: claims read per kind, how many were compared with a table
/// figure, and how many could not be (N190).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Statistics {
    pub paragraphs: usize,
    pub claims: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Amount claims resolved to a table figure (N120 / N122 / N123 / N124).
    pub resolved_against_tables: usize,
    /// Claims reported as unverified (N190).
    pub unverified: usize,
}

/// Statistics of the narrative of a document.
pub fn statistics(doc: &crate::model::Document) -> Statistics {
    use rules::resolve::{resolve_amount, resolve_economic};
    let claims = parse_claims(&doc.narrative);
    let mut resolved = 0;
    for c in &claims {
        let hit = if rules::n120_amount_vs_table::handles(c) {
            resolve_amount(doc, c).is_some()
        } else if rules::n122_listed_items_vs_table::handles(c) {
            resolve_economic(doc, &c.subject).is_some()
        } else {
            false
        };
        if hit {
            resolved += 1;
        }
    }
    for b in rules::n113_project_narrative::blocks(&claims) {
        if rules::n124_project_vs_table::table_amount(doc, b.name).is_some()
            || rules::n124_project_vs_table::performance_amount(doc, b.name).is_some()
        {
            resolved += 1;
        }
    }
    let mut unverified = Vec::new();
    rules::n190_unverified::check(doc, &claims, &mut unverified);
    Statistics {
        paragraphs: doc.narrative.len(),
        claims: claims.len(),
        by_kind: coverage(&claims),
        resolved_against_tables: resolved,
        unverified: unverified.len(),
    }
}
