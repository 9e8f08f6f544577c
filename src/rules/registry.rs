//! The registry of rules written in Rust. Identities written as formulas in
//! `rules/identities.toml` are not listed here: the evaluator ([`super::eval`]) runs every
//! catalogue entry that has a `formula`.
//!
//! To add a Rust rule: write a module `src/rules/tNNN_name.rs` with a doc comment and
//! `pub fn check(doc: &Document, out: &mut Vec<Finding>)`, add a `[[rule]]` entry with the
//! same code to `rules/tables.toml` (severity, titles, explanation), and list it in
//! [`builtin`]. The tests in `tests/engine_catalogue.rs` fail when a registered code has no
//! catalogue entry or a catalogue entry without formula has no implementation.

use super::Finding;
use crate::model::Document;

/// One rule implemented in Rust. `code` is the rule's stable code; a check that emits a
/// family of codes (the narrative checks, N1xx) registers the family's prefix ("N").
pub struct RuleImpl {
    pub code: &'static str,
    pub check: fn(&Document, &mut Vec<Finding>),
}

/// Every Rust rule, in code order.
pub fn builtin() -> Vec<RuleImpl> {
    vec![
        RuleImpl {
            code: "T001",
            check: super::t001_required_tables::check,
        },
        RuleImpl {
            code: "T002",
            check: super::t002_empty_table_note::check,
        },
        RuleImpl {
            code: "T003",
            check: super::t003_table_parse_issue::check,
        },
        RuleImpl {
            code: "T004",
            check: super::t004_empty_note_with_figures::check,
        },
        RuleImpl {
            code: "T101",
            check: super::t101_code_hierarchy::check,
        },
        RuleImpl {
            code: "T102",
            check: super::t102_duplicate_rows::check,
        },
        RuleImpl {
            code: "T103",
            check: super::t103_code_structure::check,
        },
        RuleImpl {
            code: "T104",
            check: super::t104_code_names::check,
        },
        RuleImpl {
            code: "T105",
            check: super::t105_income_items::check,
        },
        RuleImpl {
            code: "T106",
            check: super::t106_project_performance::check,
        },
        RuleImpl {
            code: "N",
            check: super::narrative::check_all,
        },
        RuleImpl {
            code: "R",
            check: super::text::check_all,
        },
    ]
}

/// Codes that have a catalogue entry but whose Rust implementation is not merged yet.
/// Findings are never produced for them; remove a code from here when its rule is registered.
pub const RESERVED: &[&str] = &[];

/// The codes the narrative checks emit (each must have a catalogue entry in
/// `rules/narrative.toml`, and every N entry there must be one of them).
pub fn narrative_codes() -> Vec<&'static str> {
    super::narrative::RULES
        .iter()
        .map(|(code, _)| *code)
        .collect()
}

/// The codes the text checks emit (each must have a catalogue entry in `rules/text.toml`,
/// and every R entry there must be one of them).
pub fn text_codes() -> Vec<&'static str> {
    super::text::RULES.iter().map(|(code, _)| *code).collect()
}

/// The codes the cross-year checks emit (each must have a catalogue entry in
/// `rules/previous.toml`, and every P entry there must be one of them). They run on a pair
/// of documents ([`super::run_previous`]), not from [`builtin`].
pub fn previous_codes() -> Vec<&'static str> {
    super::previous::RULES
        .iter()
        .map(|(code, _)| *code)
        .collect()
}
