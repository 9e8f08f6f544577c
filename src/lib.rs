//! budgetlint: a validator for Chinese government department budget disclosures
//! (部门预算公开 / 决算公开).
//!
//! The pipeline reads top-down, one module per stage:
//! [`decode`] bytes → text; [`normalize`] text → clean numbered lines; [`segment`] lines →
//! table regions, performance tables and narrative; [`tables`] regions → typed tables;
//! [`narrative`] paragraphs → claims; [`rules`] model → findings; [`render`] findings → report.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod arith;
pub mod baseline;
pub mod batch;
pub mod config;
pub mod decode;
pub mod model;
pub mod narrative;
pub mod normalize;
pub mod render;
pub mod rules;
pub mod segment;
pub mod tables;

mod pipeline;

pub use pipeline::{
    build_document, check_document, extract, extract_bytes, extract_with_limit, read_info,
    read_limited, ExtractError, DEFAULT_MAX_BYTES,
};

/// Compiles a regular expression written in the source code.
///
/// The patterns are literals checked by the test suite, never input, so a failure is a
/// programming error caught by the first test that touches the pattern; this is the one
/// place that may panic for it.
#[allow(clippy::expect_used)]
pub(crate) fn static_regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("regex literal in the source code must compile")
}
