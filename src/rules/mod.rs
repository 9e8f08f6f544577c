//! Stage 6: the rule engine. Each Rust rule is a small module with a stable code;
//! [`registry::builtin`] lists them. Severities, titles, explanations and the cross-table
//! identities live in the data catalogue under `rules/` at the top of the repository
//! (see [`catalogue`]); identities are written in the small language of [`formula`] and run
//! by [`eval`].

pub mod catalogue;
pub mod eval;
pub mod formula;
pub mod narrative;
pub mod previous;
pub mod registry;
pub mod text;

pub mod t001_required_tables;
pub mod t002_empty_table_note;
pub mod t003_table_parse_issue;
pub mod t004_empty_note_with_figures;
pub mod t101_code_hierarchy;
pub mod t102_duplicate_rows;
pub mod t103_code_structure;
pub mod t104_code_names;
pub mod t105_income_items;
pub mod t106_project_performance;

pub use catalogue::{Catalogue, CatalogueError, Entry};

use crate::model::Document;
pub use crate::model::{Finding, Lang, Message, Severity};

/// Which rules run: ruff-style code prefixes (`X2` selects X201, X202, …; `ALL` everything).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Empty = all.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    fn matches(prefixes: &[String], code: &str) -> bool {
        prefixes
            .iter()
            .any(|p| p.eq_ignore_ascii_case("ALL") || code.starts_with(p.as_str()))
    }

    /// True when the rule with this code is enabled.
    pub fn enabled(&self, code: &str) -> bool {
        (self.select.is_empty() || Self::matches(&self.select, code))
            && !Self::matches(&self.ignore, code)
    }
}

/// Run every enabled rule of the catalogue over a document: the Rust rules of the registry
/// (a registered code that is absent from the catalogue does not run, so a custom `--rules`
/// set decides what runs), and every identity. The severity of each finding is taken from
/// the catalogue (see [`graded`]); findings of codes the catalogue lacks are dropped; findings
/// are sorted by (line, rule, column).
pub fn run(doc: &Document, cat: &Catalogue, sel: &Selection) -> Vec<Finding> {
    // An unfilled template is that one finding: its blanks are not defects to list.
    if cat.contains(text::r100_unfilled_template::CODE)
        && sel.enabled(text::r100_unfilled_template::CODE)
    {
        if let Some(mut f) = text::unfilled_template(doc) {
            if let Some(e) = cat.get(&f.rule) {
                f.severity = graded(f.severity, e.severity);
            }
            f.page = doc.page_of(f.line);
            return vec![f];
        }
    }
    let mut out = Vec::new();
    for r in registry::builtin() {
        // A registered code may be a prefix ("N") for a check that emits a family of codes.
        let family = cat.entries.keys().any(|k| k.starts_with(r.code));
        if !family {
            continue;
        }
        let mut found = Vec::new();
        (r.check)(doc, &mut found);
        out.extend(found);
    }
    for e in cat.identities() {
        if !sel.enabled(&e.id) {
            continue;
        }
        if let (Some(id), Some(text)) = (&e.identity, &e.formula) {
            let cond = match (&e.when, &e.condition) {
                (Some(w), Some(c)) => Some((w.as_str(), c)),
                _ => None,
            };
            out.extend(eval::check_identity(&e.id, text, id, cond, doc));
        }
    }
    finish(doc, cat, sel, out)
}

/// The enabled findings of codes the catalogue has, graded by it, with their pages, sorted.
fn finish(doc: &Document, cat: &Catalogue, sel: &Selection, mut out: Vec<Finding>) -> Vec<Finding> {
    out.retain(|f| sel.enabled(&f.rule));
    out.retain_mut(|f| match cat.get(&f.rule) {
        Some(e) => {
            f.severity = graded(f.severity, e.severity);
            true
        }
        None => false,
    });
    for f in out.iter_mut() {
        f.page = doc.page_of(f.line);
    }
    sort_findings(&mut out);
    out
}

/// The cross-year rules (P1xx) of `this` against last year's `last` (given as `last_path`),
/// graded and selected like [`run`]. The pair itself is checked by the caller
/// ([`previous::check_pair`]).
pub fn run_previous(
    this: &Document,
    last: &Document,
    last_path: &str,
    cat: &Catalogue,
    sel: &Selection,
) -> Vec<Finding> {
    let c = previous::compare(this, last, last_path);
    finish(this, cat, sel, c.findings)
}

/// P102 of a 决算 `this` against the same year's `budget`, graded and selected like [`run`].
pub fn run_budget(
    this: &Document,
    budget: &Document,
    budget_path: &str,
    cat: &Catalogue,
    sel: &Selection,
) -> Vec<Finding> {
    let c = previous::compare_budget(this, budget, budget_path);
    finish(this, cat, sel, c.findings)
}

/// The severity of a finding: the catalogue's. A rule may grade a milder case below it (a
/// share one digit off is a warning) by setting a severity lower than `Error` on the finding;
/// it can never raise a finding above the catalogue. [`Finding::new`] starts at `Error`, so a
/// rule that sets nothing gets exactly the catalogue's severity.
pub fn graded(found: Severity, catalogue: Severity) -> Severity {
    found.min(catalogue)
}

/// Deterministic order: line, rule, column, then message.
pub fn sort_findings(v: &mut [Finding]) {
    v.sort_by(|a, b| {
        (a.line, &a.rule, &a.column, &a.message.zh).cmp(&(
            b.line,
            &b.rule,
            &b.column,
            &b.message.zh,
        ))
    });
}

/// The embedded catalogue, parsed once.
pub fn builtin_catalogue() -> Result<&'static Catalogue, &'static CatalogueError> {
    static CAT: once_cell::sync::Lazy<Result<Catalogue, CatalogueError>> =
        once_cell::sync::Lazy::new(Catalogue::builtin);
    CAT.as_ref()
}
