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
use crate::normalize::compact;
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

/// `s` without its bracketed parts.
fn strip_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
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
        // Shanghai writes a purpose as "<款><项>" ("城乡社区管理事务城管执法"): the 款 says
        // nothing about which 项, so what is left after it must be the item's own.
        let own = it.xiang.trim_end_matches("支出");
        // What the purpose excludes in brackets ("（住房公积金以外）", "（不含事业单位医疗）")
        // names other items on purpose.
        let rest = strip_brackets(&it.purpose.replacen(&it.kuan, "", 1));
        if rest.contains(own) || rest.chars().count() < 4 {
            continue;
        }
        let other = items.iter().enumerate().find(|(j, o)| {
            *j != i
                && o.xiang != it.xiang
                && o.xiang.chars().count() >= 4
                && rest.contains(&o.xiang)
                && !it.kuan.contains(&o.xiang)
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
    fn an_item_a_purpose_excludes_in_brackets_is_not_copied() {
        let ok = ITEMS.replace("缴纳住房公积金", "缴纳住房公积金（不含事业单位医疗）");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
    }

    #[test]
    fn a_purpose_copied_within_one_kuan() {
        let items = "某局\n2024年部门预算\n\n（三）财政拨款支出预算具体情况\n  25. “城乡社区支出（类）城乡社区管理事务（款）一般行政管理事务（项）”科目1746.42万元，主要用于城乡社区管理事务一般行政管理事务。\n  26. “城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”科目652.27万元，主要用于城乡社区管理事务城管执法。\n  27. “城乡社区支出（类）城乡社区管理事务（款）其他城乡社区管理事务支出（项）”科目53.11万元，主要用于其他城乡社区管理事务。\n";
        assert!(run(items).is_empty(), "{:?}", run(items));
        let bad = items.replace(
            "主要用于城乡社区管理事务城管执法",
            "主要用于城乡社区管理事务一般行政管理事务",
        );
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 6);
    }

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
