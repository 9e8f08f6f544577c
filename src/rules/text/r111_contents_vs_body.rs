//! R111 — a table the document's own 目录 lists that its body does not print.
//!
//! The 目录 (table of contents) lists every table of the disclosure. A table it lists whose
//! title appears nowhere after the 目录 was left out of the document (or retitled without
//! the 目录 being updated); either way the reader looking for it does not find it.
//!
//! Titles are compared without numbering, years, quotes, dot leaders, page numbers and the
//! words 部门/单位 (a 单位 document's 目录 may say 部门 and the reverse: that is R106's), so
//! only a title absent in any spelling is reported. A table printed but not recognised is
//! not this rule's (T001, T003).
//!
//! Why: the 目录 is the document's own statement of what it contains; a listed table that
//! is missing is a defect a reviewer sends back.
//!
//! Example: the 目录 lists "十一、上年结转结余情况明细表", and no such table follows.

use crate::model::Document;
use crate::rules::{Finding, Message, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R111";

/// An entry of a 目录 that names a table: numbering, the title ending in 表, dot leaders
/// and a page number.
static ENTRY: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"^[-•·\s]*(?:[（(]?[一二三四五六七八九十\d]+[)）]?\s*[、.．：:]?\s*|(?:附表|表|公开)\s*[一二三四五六七八九十\d]+(?:\s*[-－—]\s*\d+)?\s*表?\s*[：:、.．]?\s*)?(?P<title>[^…。，；.]{4,60}?表)\s*(?:[（(][^）)]*[）)])?\s*[….·\s\d-]*$",
    )
});

/// A title as compared: no spaces, digits, years, quotes, level words (the same on both
/// sides, so a 目录 entry cut as "年收支总表" still finds "2024年收支总表").
fn key(s: &str) -> String {
    let t: String = s
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_digit()
                && !matches!(
                    c,
                    '“' | '”'
                        | '"'
                        | '‘'
                        | '’'
                        | '年'
                        | '度'
                        | '：'
                        | ':'
                        | '、'
                        | '-'
                        | '－'
                        | '—'
                )
        })
        .collect();
    t.replace("预算单位", "")
        .replace("部门", "")
        .replace("单位", "")
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let lines = &doc.lines;
    // The 目录: the line saying so, near the top.
    let Some(start) = lines.iter().take(80).position(|l| {
        let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        c == "目录"
    }) else {
        return;
    };
    // Its entries, up to the first sentence (the body begins) or 80 lines.
    let mut entries: Vec<(usize, String)> = Vec::new();
    let mut end = start + 1;
    for (i, l) in lines.iter().enumerate().skip(start + 1).take(80) {
        if l.contains('。') {
            break;
        }
        end = i + 1;
        // A part ("第二部分 某局2024年度部门决算表") is the chapter holding the tables.
        if l.trim_start().starts_with('第') && l.contains("部分") {
            continue;
        }
        if let Some(t) = ENTRY.captures(l.trim()).and_then(|c| c.name("title")) {
            entries.push((i + 1, t.as_str().trim().to_string()));
        }
    }
    if entries.is_empty() {
        return;
    }
    let body: String = lines.iter().skip(end).map(|l| key(l)).collect();
    for (line, title) in entries {
        let k = key(&title);
        if k.chars().count() < 4 || body.contains(&k) {
            continue;
        }
        // A table of the kind the entry names is printed (its title worded a little
        // differently, "…和…" for "…及…"): the table is there.
        let kind = crate::segment::titles::classify(&title).map(|(k, _)| k);
        if kind.is_some_and(|k| doc.tables.iter().any(|t| t.kind == k)) {
            continue;
        }
        let mut f = Finding::new(
            CODE,
            line,
            Message::new(
                format!("目录列出“{title}”，正文中没有这张表"),
                format!("the 目录 lists “{title}”, the body has no such table"),
            ),
        );
        f.severity = Severity::Warning;
        f.actual = Some(title);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const DOC: &str = "某局\n2024年部门预算\n目 录\n第二部分 某局2024年部门预算公开表\n一、部门收支总体情况表 ………… 3\n二、财政拨款“三公”经费支出情况表 ………… 4\n\n第三部分 2024年部门预算情况说明\n  2024年收入预算120.50万元。\n\n表一\n2024年部门收支总体情况表\n单位：万元\n\n表二\n2024年财政拨款三公经费支出情况表\n单位：万元\n";

    #[test]
    fn every_listed_table_printed_is_clean() {
        assert!(run(DOC).is_empty(), "{:?}", run(DOC));
    }

    #[test]
    fn a_listed_table_the_body_lacks() {
        let bad = DOC.replace("表二\n2024年财政拨款三公经费支出情况表\n单位：万元\n", "");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 6);
        assert!(f[0].message.zh.contains("三公"), "{}", f[0].message.zh);
    }

    #[test]
    fn numbering_styles_of_the_contents() {
        for entry in [
            "表1：部门收支总体情况表",
            "表一：部门收支总体情况表",
            "表1、部门收支总体情况表",
            "附表1 部门收支总体情况表",
            "表1-1 部门收支总体情况表",
            "公开01表 部门收支总体情况表",
        ] {
            let t = DOC.replace("一、部门收支总体情况表 ………… 3", entry);
            assert!(run(&t).is_empty(), "{entry}: {:?}", run(&t));
        }
    }

    #[test]
    fn a_unit_title_for_a_department_entry_is_the_same_table() {
        let unit = DOC.replace(
            "2024年部门收支总体情况表\n单位",
            "2024年单位收支总体情况表\n单位",
        );
        assert!(run(&unit).is_empty(), "{:?}", run(&unit));
    }
}
