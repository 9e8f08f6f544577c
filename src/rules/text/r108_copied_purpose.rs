//! R108 — an item's purpose names another item of the same list (copied text).
//!
//! The items of 财政拨款支出 (a budget's "“A（类）B（款）C（项）”X万元，主要用于…", a 决算's
//! "8、A（类）B（款）C（项）。主要用于：…") each say what the money is for. A purpose that
//! names another item of the list and not its own was copied from that item: 住房公积金（项）
//! "主要用于：事业单位医疗保险支出", the purpose of the 事业单位医疗 item above it.
//!
//! Why: the purpose is the only description of the item the reader gets; a copied one
//! describes the wrong spending.

use super::{at, char_at};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R108";

/// An item path: "A（类）B（款）C（项）".
static ITEM: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?P<c>[^。“”：:、]{2,30})[（(]类[）)](?P<k>[^。“”]{1,30}?)[（(]款[）)](?P<x>[^。“”]{1,40}?)[（(]项[）)]”?",
    )
});

static PURPOSE: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"主要用于\s*[：:]?"));

struct Item {
    paragraph: usize,
    kuan: String,
    xiang: String,
    /// The purpose text and its char offset in its paragraph.
    purpose: String,
    purpose_paragraph: usize,
    at: usize,
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let mut items: Vec<Item> = Vec::new();
    for (pi, p) in doc.narrative.iter().enumerate() {
        for c in ITEM.captures_iter(&p.text) {
            let (Some(m), Some(k), Some(x)) = (c.get(0), c.name("k"), c.name("x")) else {
                continue;
            };
            // "主要用于" follows the path in its paragraph (after its amount), or opens the
            // next paragraph when the path ends its own ("…住房公积金（项）。" / "主要用于：…").
            let rest = p.text.get(m.end()..).unwrap_or("");
            let here = PURPOSE.find(rest).filter(|u| {
                rest.get(..u.start())
                    .is_some_and(|b| b.chars().count() <= 40 && !b.contains("（类）"))
            });
            let (purpose, ppi, at_char) = match here {
                Some(u) => (
                    rest.get(u.end()..).unwrap_or("").to_string(),
                    pi,
                    char_at(&p.text, m.end() + u.end()),
                ),
                None if rest
                    .trim()
                    .trim_start_matches(['。', '.'])
                    .trim()
                    .is_empty() =>
                {
                    let Some(n) = doc.narrative.get(pi + 1) else {
                        continue;
                    };
                    let t = n.text.trim_start();
                    let Some(u) = PURPOSE.find(t).filter(|u| u.start() == 0) else {
                        continue;
                    };
                    let lead = n.text.len() - t.len() + u.end();
                    (
                        n.text.get(lead..).unwrap_or("").to_string(),
                        pi + 1,
                        char_at(&n.text, lead),
                    )
                }
                None => continue,
            };
            let end = purpose.find('。').unwrap_or(purpose.len());
            let purpose = compact(purpose.get(..end).unwrap_or(""));
            if purpose.is_empty() {
                continue;
            }
            items.push(Item {
                paragraph: pi,
                kuan: compact(k.as_str()),
                xiang: compact(x.as_str()),
                purpose,
                purpose_paragraph: ppi,
                at: at_char,
            });
        }
    }
    for (i, it) in items.iter().enumerate() {
        if it.purpose.contains(&it.xiang) || it.purpose.contains(&it.kuan) {
            continue;
        }
        let other = items.iter().enumerate().find(|(j, o)| {
            *j != i
                && o.xiang != it.xiang
                && o.xiang.chars().count() >= 4
                && it.purpose.contains(&o.xiang)
                && o.paragraph.abs_diff(it.paragraph) <= 40
        });
        let Some((_, o)) = other else { continue };
        let Some(p) = doc.narrative.get(it.purpose_paragraph) else {
            continue;
        };
        let mut f = at(
            CODE,
            Severity::Warning,
            p,
            it.at,
            it.purpose.chars().count().min(40),
            format!(
                "“{}（项）”的用途写为“{}”，说的是另一项“{}”，像是照抄",
                it.xiang, it.purpose, o.xiang
            ),
            format!(
                "the purpose of “{}” reads “{}”, which names another item, “{}” (copied?)",
                it.xiang, it.purpose, o.xiang
            ),
        );
        f.actual = Some(it.purpose.clone());
        if let Some(q) = doc.narrative.get(o.purpose_paragraph) {
            f.related_lines.push(q.line);
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const ITEMS: &str = "某部\n2024年度部门决算\n\n（三）一般公共预算财政拨款支出决算具体情况\n  7、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。主要用于：事业单位医疗保险支出。全年预算为 2.29 万元，支出决算为 0.49 万元。\n  8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：缴纳住房公积金。全年预算为 18.12 万元，支出决算为 17.70 万元。\n";

    #[test]
    fn a_purpose_copied_from_the_item_above() {
        assert!(run(ITEMS).is_empty(), "{:?}", run(ITEMS));
        let bad = ITEMS.replace("缴纳住房公积金", "事业单位医疗保险支出");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 6);
        assert!(f[0].message.zh.contains("事业单位医疗"));
    }
}
