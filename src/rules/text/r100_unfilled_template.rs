//! R100 — the document is an unfilled template.
//!
//! A template (上海市 XX 局 2024 年度部门决算, "收入支出总计 XXX 万元，增长 XX%") has the
//! structure of a disclosure and no figures of its own: checking it would report every empty
//! table and every placeholder. It is reported once, as what it is, and nothing else is
//! checked.
//!
//! Why: a template published by mistake, or a department's draft sent before it was filled in,
//! must be caught as such — not buried under a hundred findings about its blanks.
//!
//! Example: the narrative holds 40 placeholders (XXX 万元, XX%, XX 局) and no amount; the
//! tables have no figures.

use super::char_at;
use crate::model::claim::ClaimData;
use crate::model::Document;
use crate::rules::{Finding, Message};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R100";

/// A placeholder where a name, a figure or a rate belongs.
pub(crate) static PLACEHOLDER: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:X{2,8}|Ｘ{2,8}|×{2,8}|＊{3,8}|\*{3,8}|□{2,8}|待填写|待补充|待定金额|(?:x{2,8}|ｘ{2,8}|_{3,12}|＿{3,12})(?:万元|元|局|委|办|单位|部门|年|月|日|个|人|家|%|％|项|辆))",
    )
});

/// The finding when the document is an unfilled template: at least five placeholders in its
/// narrative and more placeholders than figures (amounts read, table cells filled).
pub fn finding(doc: &Document) -> Option<Finding> {
    let mut count = 0usize;
    let mut first: Option<(usize, usize, usize)> = None;
    for p in &doc.narrative {
        for m in PLACEHOLDER.find_iter(&p.text) {
            count += 1;
            if first.is_none() {
                let (line, col) = crate::segment::para::locate(p, char_at(&p.text, m.start()));
                first = Some((line, col, m.as_str().chars().count()));
            }
        }
    }
    let amounts = doc
        .claims
        .iter()
        .filter(
            |c| matches!(&c.data, ClaimData::Amount { money, .. } if !money.figure.value.is_zero()),
        )
        .count();
    let cells = doc
        .tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.values.iter())
        .filter(|v| v.as_ref().is_some_and(|f| !f.value.is_zero()))
        .count();
    if count < 5 || count <= amounts + cells {
        return None;
    }
    let (line, col, width) = first?;
    let mut f = Finding::new(
        CODE,
        line,
        Message::new(
            format!(
                "文件是未填写的模板：说明中有 {count} 处占位符（如 XX、XXX 万元），只有 {amounts} 个金额、{cells} 个表格数字；未作其他检查"
            ),
            format!(
                "the document is an unfilled template: {count} placeholders (XX, XXX 万元) in its text, {amounts} amounts and {cells} table figures; nothing else was checked"
            ),
        ),
    );
    f.col = Some(col);
    f.width = width;
    f.expected = Some("填写后的公开文件 / a filled-in disclosure".into());
    f.actual = Some(format!("{count} 处占位符 / placeholders"));
    Some(f)
}
