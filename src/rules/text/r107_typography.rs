//! R107 — typography an auditor asks to correct (info by default).
//!
//! Doubled punctuation ("。。", "，，", "；；"), a word printed twice in a row ("预算预算",
//! "财政拨款财政拨款"), and brackets or quotes a paragraph opens and never closes (or closes
//! without opening).
//!
//! Why: harmless to the figures, but every reviewer marks them; reporting them as info keeps
//! them out of the way of the arithmetic unless asked for (`--fail-on info`, `--select R107`).

use super::{at, at_match, char_at, prose};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R107";

static DOUBLED_MARK: Lazy<Regex> =
    Lazy::new(|| crate::static_regex(r"。。|，，|；；|、、|：：|,,"));
/// Words of the domain that are never printed twice in a row.
static DOUBLED_WORD: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:预算预算|决算决算|财政拨款财政拨款|支出支出|收入收入|万元万元|项目项目|经费经费|单位单位|部门部门)",
    )
});

/// (doubled word, what follows it) where the second word opens a compound of its own.
const COMPOUND_AFTER: &[(&str, &str)] = &[
    ("预算预算", "单位"),
    ("决算决算", "单位"),
    ("单位单位", "性质"),
    ("单位单位", "名称"),
    ("部门部门", "预算"),
    ("部门部门", "决算"),
    ("收入收入", "预算"),
    ("支出支出", "预算"),
    ("项目项目", "支出"),
];

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for p in prose(doc) {
        let s = p.text.as_str();
        for (re, zh, en) in [
            (&*DOUBLED_MARK, "标点重复", "doubled punctuation"),
            (&*DOUBLED_WORD, "词语重复", "a word printed twice"),
        ] {
            for m in re.find_iter(s) {
                // A converter joins a wrapped line to the next: a word ending one line and
                // starting the next ("…部门预算" / "预算单位：…") is not printed twice.
                let (a, b) = (char_at(s, m.start()), char_at(s, m.end()) - 1);
                if crate::segment::para::locate(p, a).0 != crate::segment::para::locate(p, b).0 {
                    continue;
                }
                // A word ending one compound and starting the next is printed once each:
                // "部门预算预算单位", "所属单位单位性质", "部门决算决算单位".
                let after = s.get(m.end()..).unwrap_or("");
                if COMPOUND_AFTER
                    .iter()
                    .any(|(w, next)| m.as_str() == *w && after.starts_with(next))
                {
                    continue;
                }
                out.push(at_match(
                    CODE,
                    Severity::Info,
                    p,
                    m,
                    format!("{zh}：“{}”", m.as_str()),
                    format!("{en}: “{}”", m.as_str()),
                ));
            }
        }
        for (open, close, zh, en) in [('（', '）', "括号", "bracket"), ('“', '”', "引号", "quote")]
        {
            let mut depth: Vec<usize> = Vec::new();
            let mut stray: Option<usize> = None;
            let chars: Vec<char> = s.chars().collect();
            for (i, &ch) in chars.iter().enumerate() {
                if ch == open {
                    depth.push(i);
                } else if ch == close && depth.is_empty() {
                    // "1）…；2）…": a list number closed without an opening bracket.
                    let numbered = i
                        .checked_sub(1)
                        .and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c));
                    if !numbered && stray.is_none() {
                        stray = Some(i);
                    }
                } else if ch == close {
                    depth.pop();
                }
            }
            let pos = depth.first().copied().or(stray);
            let Some(pos) = pos else { continue };
            let what = if stray.is_some() && depth.is_empty() {
                ("多出的", "a closing")
            } else {
                ("未闭合的", "an unclosed")
            };
            let mut f = at(
                CODE,
                Severity::Info,
                p,
                pos,
                1,
                format!("段落中有{}{zh}", what.0),
                format!("{} {en} in this paragraph", what.1),
            );
            f.actual = s.chars().nth(pos).map(|c| c.to_string());
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const HEAD: &str = "某局\n2024年部门预算\n\n一、收支预算总体情况\n  ";

    #[test]
    fn doubled_marks_words_and_open_brackets() {
        for bad in [
            "收入预算120.50万元。。",
            "收入预算预算120.50万元。",
            "收入预算（含结转120.50万元。",
        ] {
            let t = format!("{HEAD}{bad}\n");
            assert_eq!(run(&t).len(), 1, "{bad}: {:?}", run(&t));
        }
    }

    #[test]
    fn compounds_and_numbered_lists_are_not_doubled_or_stray() {
        for ok in [
            "本部门所属单位单位性质均为行政单位，收入预算120.50万元。",
            "纳入部门预算预算单位2家，收入预算120.50万元。",
            "收入预算120.50万元，包括：1）人员经费；2）公用经费。",
        ] {
            let t = format!("{HEAD}{ok}\n");
            assert!(run(&t).is_empty(), "{ok}: {:?}", run(&t));
        }
    }
}
