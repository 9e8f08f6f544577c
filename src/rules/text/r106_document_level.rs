//! R106 — a 单位 document whose titles call it 部门 (or the reverse).
//!
//! The cover says what the document is: a 单位预算 (one budget unit) or a 部门预算 (a
//! department with its units), and likewise for 决算. Its headings and table titles then say
//! the same: a 单位预算 with a "2024年部门预算" heading or a "部门收支预算总表" was made from the
//! other template.
//!
//! Why: the level tells the reader whose money the tables cover; the two templates also
//! differ in which tables they must hold.
//!
//! Example: the cover "上海市普陀区社会福利院 2024年单位预算", a heading "2024年部门预算编制说明".

use super::{at, char_at, prose};
use crate::model::{DocLevel, Document};
use crate::rules::{Finding, Message, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R106";

static LEVEL_WORD: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"(?P<l>部门|单位)(?P<k>预算|决算)(?:编制说明|情况说明|公开|$)")
});

/// Whether a title line of the document's text (a heading, not prose: short, no sentence
/// punctuation).
fn title_like(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() <= 40 && !t.contains(['，', '。', '；', ','])
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    // Only a level the cover states is a reference (the fallbacks guess from the titles).
    let cover_level = doc.lines.iter().take(40).find_map(|l| {
        let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        if t.ends_with("单位预算") || t.ends_with("单位决算") {
            Some(DocLevel::Unit)
        } else if t.ends_with("部门预算") || t.ends_with("部门决算") {
            Some(DocLevel::Department)
        } else {
            None
        }
    });
    let Some(level) = cover_level else { return };
    if level != doc.info.level {
        return;
    }
    let (want, other) = match level {
        DocLevel::Unit => ("单位", "部门"),
        DocLevel::Department => ("部门", "单位"),
    };
    for p in prose(doc).filter(|p| title_like(&p.text)) {
        let s = p.text.trim_end();
        for c in LEVEL_WORD.captures_iter(s) {
            let (Some(m), Some(l)) = (c.get(0), c.name("l")) else {
                continue;
            };
            if l.as_str() != other {
                continue;
            }
            let kind = c.name("k").map(|k| k.as_str()).unwrap_or("预算");
            let mut f = at(
                CODE,
                Severity::Warning,
                p,
                char_at(s, l.start()),
                m.as_str().chars().count(),
                format!("封面为{want}{kind}，标题写为“{other}{kind}”"),
                format!("the cover says {want}{kind}, this title says “{other}{kind}”"),
            );
            f.expected = Some(format!("{want}{kind}"));
            f.actual = Some(format!("{other}{kind}"));
            out.push(f);
        }
    }
    for t in &doc.tables {
        let label: String = t.label.chars().filter(|c| !c.is_whitespace()).collect();
        // "部门收支预算总表" in a 单位预算 (the unit templates say 单位/预算单位).
        let wrong = match level {
            DocLevel::Unit => label.starts_with("部门") && !label.contains("单位"),
            DocLevel::Department => false,
        };
        if !wrong {
            continue;
        }
        let mut f = Finding::new(
            CODE,
            t.line,
            Message::new(
                format!("封面为单位文件，表格标题“{}”是部门模板的", t.label),
                format!(
                    "the cover says 单位, the title “{}” is the department template's",
                    t.label
                ),
            ),
        );
        f.severity = Severity::Warning;
        f.table = Some(t.label.clone());
        out.push(f);
    }
}
