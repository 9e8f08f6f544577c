//! The narrative rules (N1xx), over the claims the narrative stage read. Each rule is a submodule with a stable `CODE`, a doc comment
//! (what it checks, why it matters, an example) and `check(doc, claims, out)`.
//!
//! N101–N113 need no table: they check the narrative against itself. N120–N124 compare
//! claims with the typed tables of the [`Document`]; N190 reports claims that could not be
//! resolved to any table figure, so that nothing is skipped silently.

pub mod resolve;
pub mod util;

pub mod n101_yoy_rate;
pub mod n102_yoy_direction;
pub mod n103_yoy_zero_prior;
pub mod n104_component_changes;
pub mod n105_arithmetic;
pub mod n106_listed_total;
pub mod n107_count_list;
pub mod n108_headcount;
pub mod n109_procurement;
pub mod n110_duplicate_amount;
pub mod n111_share;
pub mod n112_breakdown;
pub mod n113_project_narrative;
pub mod n114_same_total_priors;
pub mod n120_amount_vs_table;
pub mod n121_share_vs_table;
pub mod n122_listed_items_vs_table;
pub mod n123_office_operation;
pub mod n124_project_vs_table;
pub mod n125_listed_names_vs_table;
pub mod n130_completion;
pub mod n190_unverified;

use crate::model::claim::Claim;
use crate::model::Document;
use crate::rules::Finding;

/// (code, one-line English title) of every narrative rule.
pub const RULES: &[(&str, &str)] = &[
    (
        n101_yoy_rate::CODE,
        "Year-over-year rate does not match change / prior",
    ),
    (
        n102_yoy_direction::CODE,
        "Direction words of a change contradict each other",
    ),
    (
        n103_yoy_zero_prior::CODE,
        "Growth rate claimed on a zero (or negative) prior",
    ),
    (
        n104_component_changes::CODE,
        "Item amounts or changes do not add up to the total's",
    ),
    (
        n105_arithmetic::CODE,
        "Written-out arithmetic has a wrong result",
    ),
    (
        n106_listed_total::CODE,
        "A 共计/合计 is not the sum of the amounts listed before it",
    ),
    (
        n107_count_list::CODE,
        "Stated number of units differs from the names listed",
    ),
    (n108_headcount::CODE, "实有人数 is not 在职 + 退休 + 离休"),
    (
        n109_procurement::CODE,
        "Government procurement parts or reservations do not fit the total",
    ),
    (
        n110_duplicate_amount::CODE,
        "Two different amounts for the same item in one paragraph",
    ),
    (
        n111_share::CODE,
        "Stated share does not match amount / total stated in the narrative",
    ),
    (
        n112_breakdown::CODE,
        "A narrative total is not the sum of its stated parts",
    ),
    (
        n113_project_narrative::CODE,
        "Project description disagrees with its 预算安排规模",
    ),
    (
        n114_same_total_priors::CODE,
        "One total restated with changes that imply different prior years",
    ),
    (
        n120_amount_vs_table::CODE,
        "Narrative amount disagrees with the table figure it names",
    ),
    (
        n121_share_vs_table::CODE,
        "Stated share disagrees with the table amount / total",
    ),
    (
        n122_listed_items_vs_table::CODE,
        "Listed economic items disagree with the basic expense table",
    ),
    (
        n123_office_operation::CODE,
        "机关运行经费 differs from 公用经费 of the basic expense table",
    ),
    (
        n124_project_vs_table::CODE,
        "Project amount disagrees with the project / performance table",
    ),
    (
        n125_listed_names_vs_table::CODE,
        "Items named as 人员经费 / 公用经费 disagree with the basic expense table",
    ),
    (
        n130_completion::CODE,
        "决算 completion rate or comparison word disagrees with outturn and budget",
    ),
    (
        n190_unverified::CODE,
        "Narrative claim could not be verified against any table",
    ),
];

/// Run every narrative rule over the document's claims ([`Document::claims`], read by the
/// narrative stage).
pub fn check_all(doc: &Document, out: &mut Vec<Finding>) {
    check_claims(doc, &doc.claims, out);
}

/// Run every narrative rule over already parsed claims.
pub fn check_claims(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    n101_yoy_rate::check(doc, claims, out);
    n102_yoy_direction::check(doc, claims, out);
    n103_yoy_zero_prior::check(doc, claims, out);
    n104_component_changes::check(doc, claims, out);
    n105_arithmetic::check(doc, claims, out);
    n106_listed_total::check(doc, claims, out);
    n107_count_list::check(doc, claims, out);
    n108_headcount::check(doc, claims, out);
    n109_procurement::check(doc, claims, out);
    n110_duplicate_amount::check(doc, claims, out);
    n111_share::check(doc, claims, out);
    n112_breakdown::check(doc, claims, out);
    n113_project_narrative::check(doc, claims, out);
    n114_same_total_priors::check(doc, claims, out);
    n120_amount_vs_table::check(doc, claims, out);
    n121_share_vs_table::check(doc, claims, out);
    n122_listed_items_vs_table::check(doc, claims, out);
    n123_office_operation::check(doc, claims, out);
    n124_project_vs_table::check(doc, claims, out);
    n125_listed_names_vs_table::check(doc, claims, out);
    n130_completion::check(doc, claims, out);
    n190_unverified::check(doc, claims, out);
}

/// Counts for `--statistics`: claims read per kind, how many were compared with a table
/// figure, and how many could not be (N190).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Statistics {
    pub paragraphs: usize,
    pub claims: usize,
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
    /// Amount claims resolved to a table figure (N120 / N122 / N123 / N124).
    pub resolved_against_tables: usize,
    /// Claims reported as unverified (N190).
    pub unverified: usize,
}

/// Statistics of the narrative of a document.
pub fn statistics(doc: &Document) -> Statistics {
    use resolve::{resolve_amount, resolve_economic};
    let claims = &doc.claims;
    let mut resolved = 0;
    for c in claims {
        let hit = if n120_amount_vs_table::handles(c) {
            resolve_amount(doc, c).is_some()
        } else if n122_listed_items_vs_table::handles(c) {
            resolve_economic(doc, &c.subject).is_some()
        } else {
            false
        };
        if hit {
            resolved += 1;
        }
    }
    for b in n113_project_narrative::blocks(claims) {
        if n124_project_vs_table::table_amount(doc, b.name).is_some()
            || n124_project_vs_table::performance_amount(doc, b.name).is_some()
        {
            resolved += 1;
        }
    }
    let mut unverified = Vec::new();
    n190_unverified::check(doc, claims, &mut unverified);
    Statistics {
        paragraphs: doc.narrative.len(),
        claims: claims.len(),
        by_kind: crate::narrative::coverage(claims),
        resolved_against_tables: resolved,
        unverified: unverified.len(),
    }
}
