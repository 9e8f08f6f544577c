//! Stage 5: narrative paragraphs → claims (amounts, shares, year-over-year changes,
//! arithmetic). Half of the defects of real disclosures are in the prose of 第三部分
//! 预算情况说明, where figures are restated by hand; this stage reads what each sentence
//! asserts, with the line and column of every figure. The rules that check the claims are
//! in [`crate::rules::narrative`].
//!
//! - [`parse_claims`] reads every claim of a list of paragraphs;
//! - [`claims_of`] reads the claims of a document's narrative (what the pipeline stores in
//!   [`Document::claims`]);
//! - [`coverage`] counts claims per kind.

pub mod arith_expr;
mod parse;

pub use crate::model::claim::{
    AmountRole, BreakdownKind, Claim, ClaimData, Direction, Money, Section, ShareBase,
};
pub use crate::segment::para::{locate, paragraphs_from_lines, realign};
pub use parse::parse_claims;

use crate::model::Document;
use std::collections::BTreeMap;

/// The claims of a document's narrative. Paragraphs are first realigned with the source
/// lines, so that every figure's column is its column in the file.
pub fn claims_of(doc: &Document) -> Vec<Claim> {
    if doc.lines.is_empty() {
        parse_claims(&doc.narrative)
    } else {
        parse_claims(&realign(&doc.narrative, &doc.lines))
    }
}

/// Number of claims per kind ("amount", "share", "change", "arithmetic", …).
pub fn coverage(claims: &[Claim]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for c in claims {
        *m.entry(c.kind()).or_insert(0) += 1;
    }
    m
}
