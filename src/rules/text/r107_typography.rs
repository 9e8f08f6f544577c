//! R107 — typography an auditor asks to correct (info by default).
//!
//! Doubled punctuation ("。。", "，，", "；；"), a word printed twice in a row ("预算预算",
//! "财政拨款财政拨款"), and brackets or quotes a paragraph opens and never closes (or closes
//! without opening).
//!
//! Why: harmless to the figures, but every reviewer marks them; reporting them as info keeps
//! them out of the way of the arithmetic unless asked for (`--fail-on info`, `--select R107`).

use super::{at, char_at, prose};
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
                let mut f = at(
                    CODE,
                    Severity::Info,
                    p,
                    char_at(s, m.start()),
                    m.as_str().chars().count(),
                    format!("{zh}：“{}”", m.as_str()),
                    format!("{en}: “{}”", m.as_str()),
                );
                f.actual = Some(m.as_str().to_string());
                out.push(f);
            }
        }
        for (open, close, zh, en) in [('（', '）', "括号", "bracket"), ('“', '”', "引号", "quote")]
        {
            let mut depth: Vec<usize> = Vec::new();
            let mut stray: Option<usize> = None;
            for (i, ch) in s.chars().enumerate() {
                if ch == open {
                    depth.push(i);
                } else if ch == close && depth.pop().is_none() && stray.is_none() {
                    stray = Some(i);
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
