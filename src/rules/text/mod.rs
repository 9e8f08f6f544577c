//! The text rules (R1xx): what a human reviewer sends back that is not arithmetic — a wrong
//! year, template text left in, an empty reason, a word the figures contradict, a name that is
//! not its code's, a 单位 document calling itself 部门, doubled punctuation. Each rule is a
//! submodule with a stable `CODE`, a doc comment and `check(doc, out)`; they read the
//! narrative paragraphs and table titles of the [`Document`] (and, for names, its tables and
//! the classification data).
//!
//! R100 is special: a document that is mostly placeholders is an unfilled template, and is
//! reported as that one finding instead of being checked ([`unfilled_template`]).

pub mod r100_unfilled_template;
pub mod r101_years;
pub mod r102_template_text;
pub mod r103_empty_reason;
pub mod r104_reason_direction;
pub mod r105_item_names;
pub mod r106_document_level;
pub mod r107_typography;
pub mod r108_copied_purpose;
pub mod r109_heading_department;
pub mod r110_note_names_another_fund;
pub mod r111_contents_vs_body;
pub mod r112_table_without_unit;

use crate::model::{Document, Paragraph};
use crate::rules::{Finding, Message, Severity};
use crate::segment::para::locate;

/// (code, one-line English title) of every text rule.
pub const RULES: &[(&str, &str)] = &[
    (
        r100_unfilled_template::CODE,
        "The document is an unfilled template",
    ),
    (
        r101_years::CODE,
        "A year that is not the document's (comparison, title, date)",
    ),
    (
        r102_template_text::CODE,
        "Template text left in (placeholders, unresolved alternatives, instructions)",
    ),
    (r103_empty_reason::CODE, "A reason announced but not given"),
    (
        r104_reason_direction::CODE,
        "The reason's direction word contradicts the change it explains",
    ),
    (
        r105_item_names::CODE,
        "A 类/款/项 path whose names are not the tables' names for those levels",
    ),
    (
        r106_document_level::CODE,
        "A 单位 document calls itself 部门 (or the reverse)",
    ),
    (
        r107_typography::CODE,
        "Doubled punctuation or words, unbalanced brackets or quotes",
    ),
    (
        r108_copied_purpose::CODE,
        "An item's purpose names another item (copied text)",
    ),
    (
        r109_heading_department::CODE,
        "A heading names another department than the cover",
    ),
    (
        r110_note_names_another_fund::CODE,
        "A fund table's note names the other fund",
    ),
    (
        r111_contents_vs_body::CODE,
        "A table the 目录 lists is not in the document",
    ),
    (
        r112_table_without_unit::CODE,
        "A table with figures that does not state its unit",
    ),
];

/// Run every text rule (the unfilled template is decided by the caller, see
/// [`unfilled_template`]).
pub fn check_all(doc: &Document, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    r101_years::check(doc, &mut found);
    r102_template_text::check(doc, &mut found);
    r103_empty_reason::check(doc, &mut found);
    r104_reason_direction::check(doc, &mut found);
    r105_item_names::check(doc, &mut found);
    r106_document_level::check(doc, &mut found);
    r107_typography::check(doc, &mut found);
    r108_copied_purpose::check(doc, &mut found);
    r109_heading_department::check(doc, &mut found);
    r110_note_names_another_fund::check(doc, &mut found);
    r111_contents_vs_body::check(doc, &mut found);
    r112_table_without_unit::check(doc, &mut found);
    // A sentence a PDF's text layer holds twice is one defect, reported once.
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert((f.rule.clone(), f.message.zh.clone())));
    out.extend(found);
}

/// The single finding of an unfilled template, when the document is one.
pub fn unfilled_template(doc: &Document) -> Option<Finding> {
    r100_unfilled_template::finding(doc)
}

/// A finding at the char offset `at` of paragraph `p`, `width` chars wide.
pub(crate) fn at(
    code: &str,
    severity: Severity,
    p: &Paragraph,
    at: usize,
    width: usize,
    zh: String,
    en: String,
) -> Finding {
    let (line, col) = locate(p, at);
    let mut f = Finding::new(code, line, Message::new(zh, en));
    f.severity = severity;
    f.col = Some(col);
    f.width = width;
    f
}

/// A warning about table `t` at its title line.
pub(crate) fn table_warning(
    code: &str,
    t: &crate::model::Table,
    zh: String,
    en: String,
) -> Finding {
    let mut f = Finding::new(code, t.line, Message::new(zh, en));
    f.severity = Severity::Warning;
    f.table = Some(t.label.clone());
    f
}

/// A finding at the text a pattern matched in paragraph `p` (underlined whole; the matched
/// text is the finding's `actual`).
pub(crate) fn at_match(
    code: &str,
    severity: Severity,
    p: &Paragraph,
    m: regex::Match<'_>,
    zh: String,
    en: String,
) -> Finding {
    let mut f = at(
        code,
        severity,
        p,
        char_at(&p.text, m.start()),
        m.as_str().chars().count(),
        zh,
        en,
    );
    f.actual = Some(m.as_str().to_string());
    f
}

/// Char offset of a byte offset of `s`.
pub(crate) fn char_at(s: &str, byte: usize) -> usize {
    s.get(..byte).map(|x| x.chars().count()).unwrap_or(0)
}

/// The paragraphs of the narrative that are text (not the cover's or a contents line's
/// dot leaders).
pub(crate) fn prose(doc: &Document) -> impl Iterator<Item = &Paragraph> {
    doc.narrative
        .iter()
        .filter(|p| !p.text.contains("……………") && !p.text.contains("........"))
}

/// Whether a paragraph is a title (a heading, not prose: short, no sentence punctuation).
pub(crate) fn title_like(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() <= 40 && !t.contains(['，', '。', '；', ','])
}

/// Run one text rule on a small document written for a test.
#[cfg(test)]
pub(crate) fn run_on(check: fn(&Document, &mut Vec<Finding>), text: &str) -> Vec<Finding> {
    let doc = crate::extract_bytes("test.txt", text.as_bytes()).expect("a disclosure");
    let mut out = Vec::new();
    check(&doc, &mut out);
    out
}
