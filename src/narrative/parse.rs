//! Paragraphs → claims.
//!
//! The parser works sentence by sentence on a character-normalized copy of each paragraph
//! (full-width digits, ．and ％ mapped one-to-one to ASCII so that character offsets stay
//! those of the paragraph). Every regex is compiled once and has no nested repetition; the
//! `regex` crate runs in linear time, and every backward walk is bounded.

use crate::model::claim::*;
use crate::model::{Figure, FunctionCode, Paragraph, Unit};
use crate::segment::para::locate;
use once_cell::sync::Lazy;
use regex::Regex;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// The most integer digits a figure may have (10¹⁵ 元 is far beyond any budget).
pub(crate) const MAX_INT_DIGITS: usize = 15;

/// A number as printed in prose: "3192.57", "9,101.68", "157".
const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

/// Compiles a claim pattern. `\d` becomes `[0-9]`: the text is already normalized to ASCII
/// digits, and the Unicode digit class made compiling the patterns cost as much as
/// checking a whole document.
fn re(s: &str) -> Regex {
    crate::static_regex(&s.replace("NUM", NUM).replace(r"\d", "[0-9]"))
}

static AMOUNT: Lazy<Regex> = Lazy::new(|| re(r"(NUM)\s*(万元|元)"));
static SHARE: Lazy<Regex> =
    Lazy::new(|| re(r"占(?:比)?([^0-9，,。；;%]{0,14}?)(?:的)?(?:比重|比例)?(?:为)?\s*(NUM)\s*%"));
static CHANGE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?P<cmp>(?:比|较|与)\s*(?:上年|上一年|去年|(?P<yr>\d{4})\s*年)(?:度)?\s*(?:当年)?\s*(?P<basis>预算执行数|预算数|预算|执行数|决算数|决算)?\s*)?(?:同比)?(?P<dir>增加|减少|增长|下降|上升)(?P<tmpl>\s*[（(](?:增加|减少|增长|下降)[)）]|或减少|/减少)?\s*(?:了)?\s*(?P<amt>NUM)\s*(?P<unit>万元|元|%)",
    )
});
static RATE_AFTER: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^\s*[，,]?\s*(?:同比)?(?P<dir>增长率|下降率|增长|下降|增加|减少|上升|增幅|降幅)(?P<rtmpl>\s*[（(](?:增长|下降|减少|增加)[)）])?\s*(?:为|了|达)?\s*(?P<rate>NUM)\s*%",
    )
});
static FLAT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?:比|与|较)\s*(?:上年|上一年|去年|(?P<yr>\d{4})\s*年)(?:度)?\s*(?P<basis>预算执行数|预算数|预算|执行数|决算数|决算)?\s*持平",
    )
});
/// "2025年当年预算执行数为X万元，2026年预算安排Y万元，…": the prior and the current amount
/// stated before the comparison that follows them in the sentence ("比2025年预算执行数增加Z%",
/// "…持平"). The prior is last year's figure: never an amount to look up in this year's
/// tables.
static STATED_HEAD: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?P<py>\d{4})\s*年(?:度)?\s*(?:当年)?\s*(?:预算)?\s*(?P<pb>执行数|预算数|决算数)?\s*为\s*(?P<pv>NUM)\s*(?P<pu>万元|元)\s*[，,]\s*(?P<cy>\d{4})\s*年(?:度)?\s*(?:预算安排|预算数为|预算为|安排|预算数)\s*(?P<cv>NUM)\s*(?P<cu>万元|元)",
    )
});
/// A 决算's outturn against its budget: "年初预算为A万元，（全年预算为A′万元，）支出决算为B万元，
/// （完成年初预算的C%）".
static COMPLETION: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?P<akind>年初|全年)预算(?:数)?(?:为|是)?\s*(?P<a>NUM)\s*(?P<au>万元|元)\s*[，,]\s*(?:(?:调整后的?)?全年预算(?:数)?(?:为|是)?\s*(?P<f>NUM)\s*(?P<fu>万元|元)\s*[，,]\s*)?(?:支出)?决算(?:数)?(?:为|是)?\s*(?P<b>NUM)\s*(?P<bu>万元|元)(?:\s*[，,]?\s*完成(?P<base>年初|全年)?预算(?:数)?的?\s*(?P<c>NUM)\s*%)?",
    )
});
/// "因公出国（境）费决算为0.00万元，完成预算的0%": an item's outturn and rate, its budget
/// stated elsewhere (the 三公 table's 预算数).
static COMPLETION_ITEM: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?:支出)?决算(?:数)?(?:为|是)\s*(?P<b>NUM)\s*(?P<bu>万元|元)\s*[，,]?\s*完成(?P<base>年初|全年)?预算(?:数)?的?\s*(?P<c>NUM)\s*%",
    )
});
/// "决算数小于预算数" / "决算数与全年预算数基本持平": the word comparing outturn and budget.
static COMPLETION_WORD: Lazy<Regex> = Lazy::new(|| {
    re(
        r"决算数?\s*(?:(?P<w>大于|小于|等于|高于|低于|超过|少于|超出)(?P<wb>年初|全年)?预算数?|与(?P<fb>年初|全年)?预算数?(?:基本)?(?:持平|一致|相等|相同))",
    )
});
/// The item a paragraph of a 决算's 具体情况 is about: "1、一般公共服务支出（类）财政事务（款）行政运行（项）。".
static ITEM_HEADING: Lazy<Regex> =
    Lazy::new(|| re(r"^\s*\d{1,2}\s*[、.．]\s*(?P<p>[^。：:]{2,80}?[（(]项[）)])"));

/// "人员经费2152.26万元，主要包括：基本工资、津贴补贴、…；": a 基本支出 group and the items
/// named as its content.
static ITEM_LIST: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?P<g>人员经费|公用经费)(?:支出)?\s*(?:为|共)?\s*(?P<v>NUM)\s*(?P<u>万元|元)\s*[，,]?\s*(?:主要)?(?:包括|包含|用于|有)\s*[：:]?(?P<list>[^；;。]{2,600})",
    )
});

/// "（500*20）10000 元": a product in parentheses followed directly by its result.
static PAREN_PRODUCT: Lazy<Regex> = Lazy::new(|| {
    re(r"[（(]\s*((?:\d+(?:\.\d+)?)(?:\s*[*×xX]\s*\d+(?:\.\d+)?){1,4})\s*[)）]\s*(NUM)\s*(万元|元)")
});
static COUNT: Lazy<Regex> = Lazy::new(|| {
    re(
        r"(?:下设|内设|设有|共设)\s*(\d+)\s*个[^\d，,。：:、]{1,8}?\s*(?:(\d+)\s*个[^\d，,。：:、]{1,8}?\s*)?[，,]?\s*(?:分别(?:是|为)|包括|即)\s*[：:]([^。]*)",
    )
});
static HEADCOUNT: Lazy<Regex> =
    Lazy::new(|| re(r"实有(?:人数|人员)\s*(?:为)?\s*(\d+)\s*(?:人|名)"));
static IN_SERVICE: Lazy<Regex> =
    Lazy::new(|| re(r"在职\s*(?:人员|人数)?\s*(?:为)?\s*(\d+)\s*(?:人|名)"));
static RETIRED: Lazy<Regex> =
    Lazy::new(|| re(r"(离)?退休\s*(?:人员|人数)?\s*(?:为)?\s*(\d+)\s*(?:人|名)"));
static RETIRED_CADRE: Lazy<Regex> =
    Lazy::new(|| re(r"离休\s*(?:人员|人数)?\s*(?:为)?\s*(\d+)\s*(?:人|名)"));
static VEHICLE: Lazy<Regex> = Lazy::new(|| {
    re(r"([^\d，,。；;：:、\s]{2,14}?)\s*(\d+)\s*辆(?:\s*[，,]\s*价值\s*(NUM)\s*(万元|元))?")
});
static PERFORMANCE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"项目\s*(\d+)\s*个\s*[，,]\s*涉及(?:项目)?(?:预算)?(?:金额|资金|项目预算资金)\s*(NUM)\s*(万元|元)",
    )
});
static FN_CODE7: Lazy<Regex> = Lazy::new(|| re(r"(?:^|\D)(2\d{6})(?:\D|$)"));
/// "（类）", "（210类）", "（11款）", and the cumulative codes "（21011款）", "（2101101项）".
static LEVEL_MARK: Lazy<Regex> = Lazy::new(|| re(r"[（(](\d{2,7})?\s*(类|款|项)[）)]"));
static NUMBERING: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|情况[一二三四五六七八九十]+[：:])",
    )
});
static BOOKMARK: Lazy<Regex> = Lazy::new(|| re(r"\[[^\]]{0,60}\]"));
static TRAIL_YEAR: Lazy<Regex> =
    Lazy::new(|| re(r"\d{4}\s*年(?:度)?\s*(?:当年)?(?:预算数|预算安排|预算)?$"));
/// The name runs to the end of its clause; the reader keeps its first 60 characters
/// (a bounded repetition of a negated class cost half a millisecond to compile).
static PROJECT_NAME: Lazy<Regex> = Lazy::new(|| re(r"项目名称\s*[：:]\s*([^。；;]+)"));
static TOTAL_WORD: Lazy<Regex> = Lazy::new(|| re(r"(?:共计|合计|总计|总共)"));
static PROJECT_RESTATED: Lazy<Regex> =
    Lazy::new(|| re(r"(?:本年度?|本项目|项目)[^，。；]{0,8}?(?:预算|总投入|资金总额)"));

/// Map full-width digits and punctuation that matter to numbers to ASCII, one char for one.
/// A full-width comma between full-width digits grouping thousands ("１，２３４．５６") is a
/// thousands separator; anywhere else it is the clause comma and stays.
fn normalize_chars(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let fw_digit = |c: Option<&char>| c.is_some_and(|c| ('０'..='９').contains(c));
    let any_digit =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '＝' => '=',
            '＊' => '*',
            '\u{3000}' => ' ',
            '，' if i > 0
                && fw_digit(chars.get(i - 1))
                && (1..=3).all(|k| fw_digit(chars.get(i + k)))
                && !any_digit(chars.get(i + 4)) =>
            {
                ','
            }
            _ => c,
        })
        .collect()
}

/// A paragraph's normalized text with byte → char offset mapping.
struct Text<'a> {
    s: String,
    starts: Vec<usize>,
    para: &'a Paragraph,
}

impl<'a> Text<'a> {
    fn new(para: &'a Paragraph) -> Self {
        let mut s = normalize_chars(&para.text);
        // "[bookmark: _GoBack]" (DOCX residue) holds a colon; blank it out, same length.
        if s.contains("[bookmark") {
            s = BOOKMARK
                .replace_all(&s, |c: &regex::Captures| {
                    " ".repeat(c.get(0).map(|m| m.as_str().chars().count()).unwrap_or(0))
                })
                .into_owned();
        }
        let starts = s.char_indices().map(|(b, _)| b).collect();
        Text { s, starts, para }
    }
    /// Char offset of a byte offset.
    fn c(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
    fn get(&self, a: usize, b: usize) -> &str {
        self.s.get(a..b).unwrap_or("")
    }
    /// A figure for the number at bytes [a, b).
    fn figure(&self, a: usize, b: usize) -> Option<Figure> {
        let raw = self.get(a, b);
        let clean: String = raw.chars().filter(|c| *c != ',').collect();
        // No budget figure has more than 15 integer digits; longer runs are not amounts
        // (and would overflow interval arithmetic).
        if clean.split('.').next().map(str::len).unwrap_or(0) > MAX_INT_DIGITS {
            return None;
        }
        let ca = self.c(a);
        let (line, col) = locate(self.para, ca);
        let mut f = Figure::parse(&clean, line)?;
        f.col = Some(col);
        f.width = raw.chars().count();
        Some(f)
    }
    /// Start byte of the sentence containing byte `b` (after the previous 。；! ? or start).
    fn sentence_start(&self, b: usize) -> usize {
        let head = self.get(0, b);
        for (n, (i, c)) in head.char_indices().rev().enumerate() {
            if matches!(c, '。' | '；' | ';' | '！' | '？') {
                return i + c.len_utf8();
            }
            if n >= 400 {
                return i;
            }
        }
        0
    }
}

fn unit_of(s: &str) -> Unit {
    if s == "元" {
        Unit::Yuan
    } else {
        Unit::WanYuan
    }
}

fn is_clause_delim(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '、' | ',' | ';' | '！' | '？' | '\t' | '：' | ':'
    )
}

/// The raw text before byte `b` back to the previous clause delimiter (bounded), and the
/// delimiter found.
fn segment_before(t: &Text, b: usize) -> (String, Option<char>, usize) {
    let head = t.get(0, b);
    let mut start = 0;
    let mut delim = None;
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if n > 80 {
            start = i;
            break;
        }
        if is_clause_delim(c) {
            start = i + c.len_utf8();
            delim = Some(c);
            break;
        }
    }
    (head.get(start..).unwrap_or("").to_string(), delim, start)
}

/// Clean a raw subject: numbering, lead words, trailing 为/预算数为/year.
fn clean_subject(raw: &str) -> String {
    let mut s = BOOKMARK.replace_all(raw, "").trim().to_string();
    if let Some(m) = NUMBERING.find(&s) {
        let rest = s.get(m.end()..).unwrap_or("");
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            s = rest.trim().to_string();
        }
    }
    for lead in ["其中", "包括", "主要包括", "分别为", "以及", "及", "和"] {
        if let Some(r) = s.strip_prefix(lead) {
            s = r
                .trim_start_matches(['：', ':', '，', ','])
                .trim()
                .to_string();
        }
    }
    loop {
        let before = s.clone();
        for tail in [
            "为", "是", "约", "共计", "共", "达", "：", ":", "科目", "”", "\"",
        ] {
            if let Some(r) = s.strip_suffix(tail) {
                s = r.trim_end().to_string();
            }
        }
        if let Some(m) = TRAIL_YEAR.find(&s) {
            s = s.get(..m.start()).unwrap_or("").trim_end().to_string();
        }
        if s == before {
            break;
        }
    }
    s.trim_matches(|c: char| c == '“' || c == '"' || c.is_whitespace())
        .to_string()
}

/// Split a classification path: "A（类）B（款）C（项）" or "A-B-C"; returns names and the
/// code assembled from "（210类）(11款)(01项)" markers when given.
fn split_path(subject: &str) -> (Vec<String>, Option<FunctionCode>) {
    let mut names = Vec::new();
    let mut digits = String::new();
    let mut last = 0;
    for cap in LEVEL_MARK.captures_iter(subject) {
        let (Some(m), Some(level)) = (cap.get(0), cap.get(2)) else {
            continue;
        };
        let mut name = subject.get(last..m.start()).unwrap_or("").trim();
        if names.is_empty() {
            // The 类 starts after the quote that opens the path (a paragraph joined with its
            // heading or numbering carries them before it).
            if let Some(q) = name.rfind('“') {
                name = name.get(q + '“'.len_utf8()..).unwrap_or(name);
            }
        }
        names.push(name.trim_matches(['“', '”', '"']).to_string());
        if let Some(d) = cap.get(1) {
            let d = d.as_str();
            match (level.as_str(), d.len()) {
                ("类", 3) | ("款", 2) | ("项", 2) => digits.push_str(d),
                // A cumulative code restates the levels above it ("21011款" = 210 + 11).
                ("款", 5) | ("项", 7) if d.starts_with(digits.as_str()) && !digits.is_empty() => {
                    digits = d.to_string();
                }
                ("款", 5) | ("项", 7) if digits.is_empty() => digits = d.to_string(),
                _ => {}
            }
        }
        last = m.end();
    }
    if names.is_empty() {
        let s = subject.trim_matches(['“', '”', '"']);
        if s.contains('-') && !s.contains("--") {
            names = s.split('-').map(|x| x.trim().to_string()).collect();
        }
    }
    names.retain(|n| !n.is_empty());
    let code = FunctionCode::parse(&digits);
    (names, code)
}

/// Whether a paragraph can be a heading at all: short, not a table row (no runs of
/// spaces or tabs between cells, no decimal amounts).
fn heading_shaped(t: &str) -> bool {
    t.chars().count() <= 80
        && !t.contains('\t')
        && !t.trim().contains("   ")
        && !AMOUNT_LIKE.is_match(t)
}

static TITLE_PREFIX: Lazy<Regex> =
    Lazy::new(|| re(r"^\s*(?:\d{4}\s*年)?[^，。；、\d]{0,12}?预算编制说明"));

static AMOUNT_LIKE: Lazy<Regex> = Lazy::new(|| re(r"\d,\d{3}|\d\.\d"));

/// Sub-headings of a Shanghai-style project description (they do not end the project).
const PROJECT_PARTS: &[&str] = &[
    "项目概述",
    "立项依据",
    "实施主体",
    "实施方案",
    "实施周期",
    "年度预算安排",
    "绩效目标",
];

fn classify_heading(text: &str) -> Option<Section> {
    let t = text.trim();
    if !heading_shaped(t) {
        return None;
    }
    // Untitled-number headings of other templates: "2025年部门预算编制说明", "其他相关情况说明".
    if t.ends_with("预算编制说明") || t.ends_with("预算情况说明") && !t.contains('、')
    {
        return Some(Section::Overview);
    }
    if t == "其他相关情况说明" || t.ends_with("其他重要事项的情况说明") && !t.contains('、')
    {
        return Some(Section::Other);
    }
    let top = t.starts_with("第") && t.contains("部分")
        || t.chars()
            .next()
            .is_some_and(|c| "一二三四五六七八九十".contains(c))
            && t.chars().take(4).any(|c| c == '、');
    if !top {
        return None;
    }
    // A 决算 names its sections as the 预算 does, with 决算 for 预算 and 收入支出 for 收支
    // ("四、财政拨款收入支出决算总体情况说明").
    let head: String = t
        .chars()
        .take(60)
        .collect::<String>()
        .replace("收入支出", "收支")
        .replace("决算", "预算")
        .replace("一般公共预算财政拨款", "一般公共预算拨款");
    let s = if head.contains("第一部分") || head.contains("部门概况") {
        Section::Organization
    } else if head.contains("部分") && !head.contains("第三部分") {
        Section::Unknown
    } else if head.contains("三公") {
        Section::ThreePublic
    } else if head.contains("政府性基金") || head.contains("国有资本") {
        Section::Fund
    } else if head.contains("基本支出") {
        Section::Basic
    } else if head.contains("项目支出") {
        Section::Projects
    } else if head.contains("一般公共预算当年拨款") || head.contains("一般公共预算拨款")
    {
        Section::GeneralBudget
    } else if head.contains("财政拨款收支") {
        Section::Appropriation
    } else if head.contains("收支预算") || head.contains("收支总体") || head.contains("收支总预算")
    {
        Section::Overview
    } else if head.contains("收入预算") {
        Section::Income
    } else if head.contains("支出预算") {
        Section::Expense
    } else if head.contains("其他重要事项")
        || head.contains("机关运行经费")
        || head.contains("政府采购")
        || head.contains("国有资产")
        || head.contains("绩效")
    {
        Section::Other
    } else {
        Section::Unknown
    };
    Some(s)
}

/// A short line that introduces a list of items of one fund scope: "财政拨款支出主要内容如下：",
/// "一般公共预算拨款支出主要用于以下方面：". No figure of its own.
fn scope_intro(t: &str) -> Option<Section> {
    if t.chars().count() > 40
        || !(t.ends_with('：') || t.ends_with(':') || t.contains("如下") || t.contains("以下"))
        || t.contains(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if t.contains("一般公共预算") {
        Some(Section::GeneralBudget)
    } else if t.contains("财政拨款") {
        Some(Section::Appropriation)
    } else {
        None
    }
}

fn is_subheading(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('（') || t.starts_with('(')
}

struct State {
    /// Sentences read so far (without spaces), to read a sentence the PDF's text layer holds
    /// twice (clipped or hidden text) only once.
    seen: HashSet<String>,
    section: Section,
    subsection: String,
    project: Option<String>,
    /// The total that opens the current section.
    lead: Option<Money>,
}

/// Read the claims of the narrative paragraphs.
pub fn parse_claims(paragraphs: &[Paragraph]) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    let mut st = State {
        seen: HashSet::new(),
        section: Section::Unknown,
        subsection: String::new(),
        project: None,
        lead: None,
    };
    for (pi, p) in paragraphs.iter().enumerate() {
        let trimmed = p.text.trim();
        if heading_shaped(trimmed) && trimmed.ends_with("项目经费情况说明") {
            // Shanghai: "<项目名称>项目经费情况说明" opens one project's description.
            st.section = Section::Projects;
            st.project = trimmed
                .strip_suffix("经费情况说明")
                .map(|x| x.trim().to_string());
            st.lead = None;
        } else if st.project.is_some() && PROJECT_PARTS.iter().any(|k| trimmed.contains(k)) {
            // A part of the current project's description.
        } else if let Some(sec) = classify_heading(&p.text) {
            st.section = sec;
            st.subsection.clear();
            st.project = None;
            st.lead = None;
        } else if TITLE_PREFIX.is_match(&p.text) {
            // A title joined with the first sentence by another segmenter:
            // "2025年部门预算编制说明2025年，…收入预算…".
            st.section = Section::Overview;
            st.subsection.clear();
            st.project = None;
            st.lead = None;
        } else if is_subheading(&p.text) {
            st.subsection = p.text.chars().take(40).collect();
        } else if let Some(sec) = scope_intro(trimmed) {
            // "财政拨款支出主要内容如下：": the items listed after it are 财政拨款 (or
            // 一般公共预算) amounts, compared with those tables, not the all-funds one.
            st.section = sec;
            st.lead = None;
        }
        if let Some(c) = PROJECT_NAME.captures(&p.text) {
            if let Some(m) = c.get(1) {
                let name: String = m.as_str().chars().take(60).collect();
                st.project = Some(name.trim().to_string());
            }
        }
        parse_paragraph(pi, p, &mut st, &mut claims);
    }
    resolve_currents(&mut claims);
    claims
}

/// A change without an amount in its sentence ("“三公”经费比上年减少 1.14 万元") refers to
/// the latest earlier amount of the same item in the same section.
fn resolve_currents(claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let Some(c) = claims.get(i) else { continue };
        let ClaimData::Change {
            current: None,
            prior: None,
            change_dir,
            ..
        } = &c.data
        else {
            continue;
        };
        if *change_dir == Direction::Flat {
            continue;
        }
        let key = subject_key(&c.subject);
        if key.chars().count() < 2 {
            continue;
        }
        let section = c.section;
        let found = claims
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(300)
            .take_while(|a| a.section == section)
            .find(|a| {
                matches!(
                    a.data,
                    ClaimData::Amount {
                        role: AmountRole::Plain | AmountRole::Total,
                        ..
                    }
                ) && {
                    // "某部 2024 年度收入支出总计 307.82 万元。…收入支出总计增加 307.82 万元":
                    // the change restates the end of the amount's subject.
                    let ak = subject_key(&a.subject);
                    ak == key
                        || (a.paragraph == c.paragraph
                            && key.chars().count() >= 4
                            && ak.ends_with(key.as_str()))
                }
            })
            .and_then(|a| a.money().cloned());
        if let Some(m) = found {
            if let Some(ClaimData::Change { current, .. }) = claims.get_mut(i).map(|c| &mut c.data)
            {
                *current = Some(m);
            }
        }
    }
}

fn base_claim(pi: usize, st: &State, line: usize, span: (usize, usize)) -> Claim {
    Claim {
        paragraph: pi,
        line,
        span,
        section: st.section,
        subsection: st.subsection.clone(),
        project: st.project.clone(),
        subject: String::new(),
        path: Vec::new(),
        function: None,
        lead: false,
        data: ClaimData::Performance {
            count: Figure::new(Decimal::ZERO, 0, line),
            amount: Money {
                figure: Figure::new(Decimal::ZERO, 0, line),
                unit: Unit::WanYuan,
            },
        },
    }
}

fn parse_paragraph(pi: usize, p: &Paragraph, st: &mut State, claims: &mut Vec<Claim>) {
    // Every claim has a figure except "与上年持平"; most paragraphs of a document have
    // neither, and need none of the patterns below (nor change the state here).
    if !p
        .text
        .contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !p.text.contains("持平")
    {
        return;
    }
    let t = Text::new(p);
    let first_new = claims.len();

    // 1. Written arithmetic: byte ranges of operands (excluded from amounts) and results.
    let mut operand_ranges: Vec<(usize, usize)> = Vec::new();
    let mut result_starts: HashSet<usize> = HashSet::new();
    for (eq, ch) in t.s.match_indices(['=']).map(|(i, s)| (i, s.len())) {
        if let Some(a) = super::arith_expr::parse_at(&t.s, eq) {
            let after = eq + ch;
            let mut lim = (after + 48).min(t.s.len());
            while !t.s.is_char_boundary(lim) {
                lim -= 1;
            }
            let Some(m) = AMOUNT.captures(t.get(after, lim)) else {
                continue;
            };
            let (Some(w0), Some(n0), Some(u)) = (m.get(0), m.get(1), m.get(2)) else {
                continue;
            };
            if t.get(after, after + w0.start()).trim() != "" {
                continue;
            }
            let whole = after + w0.start()..after + w0.end();
            let num = after + n0.start()..after + n0.end();
            let Some(fig) = t.figure(num.start, num.end) else {
                continue;
            };
            let per_year = t.get(whole.end, t.s.len()).trim_start().starts_with("/年");
            operand_ranges.push((a.start, eq));
            result_starts.insert(num.start);
            let line = fig.line;
            let mut c = base_claim(pi, st, line, (t.c(a.start), t.c(whole.end)));
            c.subject = clean_subject(&segment_before(&t, a.start).0);
            c.data = ClaimData::Arithmetic {
                expression: t.get(a.start, eq).trim().to_string(),
                computed: a.value,
                operand_unit: a.unit,
                result: Money {
                    figure: fig,
                    unit: unit_of(u.as_str()),
                },
                per_year,
            };
            claims.push(c);
        }
    }

    for cap in PAREN_PRODUCT.captures_iter(&t.s) {
        let (Some(w), Some(expr), Some(num), Some(u)) =
            (cap.get(0), cap.get(1), cap.get(2), cap.get(3))
        else {
            continue;
        };
        let mut value = Some(Decimal::ONE);
        for factor in expr.as_str().split(['*', '×', 'x', 'X']) {
            let factor = factor.trim();
            let f: Option<Decimal> =
                if factor.split('.').next().map(str::len).unwrap_or(0) > MAX_INT_DIGITS {
                    None
                } else {
                    factor.parse().ok()
                };
            value = value.zip(f).and_then(|(a, b)| a.checked_mul(b));
        }
        let value = value.filter(|v| v.abs() <= Decimal::from(10u64.pow(18)));
        let (Some(value), Some(fig)) = (value, t.figure(num.start(), num.end())) else {
            continue;
        };
        let mut c = base_claim(pi, st, fig.line, (t.c(w.start()), t.c(w.end())));
        c.subject = clean_subject(&segment_before(&t, w.start()).0);
        c.data = ClaimData::Arithmetic {
            expression: expr.as_str().to_string(),
            computed: value,
            operand_unit: None,
            result: Money {
                figure: fig,
                unit: unit_of(u.as_str()),
            },
            per_year: false,
        };
        claims.push(c);
    }

    // 2. Changes (year over year).
    let mut change_amounts: HashSet<usize> = HashSet::new();
    for cap in CHANGE.captures_iter(&t.s) {
        let (Some(whole), Some(dir), Some(amt), Some(unit)) = (
            cap.get(0),
            cap.name("dir"),
            cap.name("amt"),
            cap.name("unit"),
        ) else {
            continue;
        };
        let anchored = cap.name("cmp").is_some();
        let is_rate = unit.as_str() == "%";
        let rate_after = if is_rate {
            None
        } else {
            RATE_AFTER.captures(t.get(whole.end(), t.s.len()))
        };
        if !anchored && rate_after.is_none() {
            // "公务用车运行费增加11.9万元": accept when a subject precedes in the clause.
            let (seg, _, _) = segment_before(&t, whole.start());
            if clean_subject(&seg).chars().count() < 2 || is_rate {
                continue;
            }
        }
        change_amounts.insert(amt.start());
        let Some(fig) = t.figure(amt.start(), amt.end()) else {
            continue;
        };
        let dir_of = |s: &str| match s {
            "增加" | "增长" | "上升" | "增幅" | "增长率" => Direction::Up,
            _ => Direction::Down,
        };
        let change_dir = if cap.name("tmpl").is_some() {
            Direction::Unspecified
        } else {
            dir_of(dir.as_str())
        };
        let mut end = whole.end();
        let (change, mut rate, mut rate_dir) = if is_rate {
            (None, Some(fig.clone()), Some(change_dir))
        } else {
            (
                Some(Money {
                    figure: fig.clone(),
                    unit: unit_of(unit.as_str()),
                }),
                None,
                None,
            )
        };
        if let Some(r) = &rate_after {
            if let (Some(rm), Some(rd), Some(all)) = (r.name("rate"), r.name("dir"), r.get(0)) {
                let off = whole.end();
                rate = t.figure(off + rm.start(), off + rm.end());
                rate_dir = Some(if r.name("rtmpl").is_some() {
                    Direction::Unspecified
                } else {
                    dir_of(rd.as_str())
                });
                end = off + all.end();
            }
        }
        // The current amount is resolved below, once the amounts of the paragraph are known.
        let cur: Option<Claim> = None;
        let (seg, _, _) = segment_before(&t, whole.start());
        let mut c = base_claim(pi, st, fig.line, (t.c(whole.start()), t.c(end)));
        match &cur {
            Some(cc) => {
                c.subject = cc.subject.clone();
                c.path = cc.path.clone();
                c.function = cc.function.clone();
            }
            None => c.subject = clean_subject(seg.split('比').next().unwrap_or("")),
        }
        c.data = ClaimData::Change {
            current: cur.as_ref().and_then(|c| c.money().cloned()),
            change,
            change_dir,
            rate,
            rate_dir,
            basis: cap
                .name("basis")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            prior_year: cap.name("yr").and_then(|m| m.as_str().parse().ok()),
            prior: None,
        };
        // Amount claims created before this point are already in `claims`; the change
        // amount itself must not become an amount claim (filtered below).
        claims.push(c);
    }
    for caps in FLAT.captures_iter(&t.s) {
        let Some(cap) = caps.get(0) else { continue };
        let line = locate(p, t.c(cap.start())).0;
        let mut c = base_claim(pi, st, line, (t.c(cap.start()), t.c(cap.end())));
        let (seg, _, _) = segment_before(&t, cap.start());
        c.subject = clean_subject(&seg);
        c.data = ClaimData::Change {
            current: None,
            change: None,
            change_dir: Direction::Flat,
            rate: None,
            rate_dir: None,
            basis: caps
                .name("basis")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            prior_year: caps.name("yr").and_then(|m| m.as_str().parse().ok()),
            prior: None,
        };
        claims.push(c);
    }
    // Stated prior and current ("2025年当年预算执行数为X万元，2026年预算安排Y万元"): their
    // figures are not amount claims; the comparison after them gets them below.
    let mut heads: Vec<(usize, usize, Money, Money, String)> = Vec::new();
    for cap in STATED_HEAD.captures_iter(&t.s) {
        let (Some(w), Some(pv), Some(pu), Some(cv), Some(cu)) = (
            cap.get(0),
            cap.name("pv"),
            cap.name("pu"),
            cap.name("cv"),
            cap.name("cu"),
        ) else {
            continue;
        };
        let (Some(pf), Some(cf)) = (
            t.figure(pv.start(), pv.end()),
            t.figure(cv.start(), cv.end()),
        ) else {
            continue;
        };
        change_amounts.insert(pv.start());
        change_amounts.insert(cv.start());
        let basis = cap.name("pb").map(|m| m.as_str()).unwrap_or("预算");
        heads.push((
            t.c(w.start()),
            t.c(w.end()),
            Money {
                figure: pf,
                unit: unit_of(pu.as_str()),
            },
            Money {
                figure: cf,
                unit: unit_of(cu.as_str()),
            },
            basis.to_string(),
        ));
    }

    // 决算 outturn against budget. The budget figures are not amounts to look up in the
    // 决算's tables (only the 三公 table prints a 预算数); the outturn is.
    let item_path: Option<(String, Vec<String>, Option<FunctionCode>)> = ITEM_HEADING
        .captures(&t.s)
        .and_then(|c| c.name("p"))
        .map(|m| {
            let (path, code) = split_path(m.as_str());
            let subject = path.last().cloned().unwrap_or_default();
            (subject, path, code)
        });
    let mut outturns: std::collections::HashMap<
        usize,
        (String, Vec<String>, Option<FunctionCode>),
    > = Default::default();
    let mut completion_spans: Vec<(usize, usize)> = Vec::new();
    for cap in COMPLETION.captures_iter(&t.s) {
        let (Some(w), Some(a), Some(au), Some(b), Some(bu)) = (
            cap.get(0),
            cap.name("a"),
            cap.name("au"),
            cap.name("b"),
            cap.name("bu"),
        ) else {
            continue;
        };
        let (Some(af), Some(bf)) = (t.figure(a.start(), a.end()), t.figure(b.start(), b.end()))
        else {
            continue;
        };
        change_amounts.insert(a.start());
        let full = cap.name("f").zip(cap.name("fu")).and_then(|(f, fu)| {
            change_amounts.insert(f.start());
            t.figure(f.start(), f.end()).map(|figure| Money {
                figure,
                unit: unit_of(fu.as_str()),
            })
        });
        let start = cap.name("akind").map(|m| m.start()).unwrap_or(w.start());
        let (subject, path, function) = completion_subject(&t, start, &item_path);
        outturns.insert(b.start(), (subject.clone(), path.clone(), function.clone()));
        completion_spans.push((w.start(), w.end()));
        let rate = cap.name("c").and_then(|c| t.figure(c.start(), c.end()));
        let mut c = base_claim(pi, st, bf.line, (t.c(w.start()), t.c(w.end())));
        c.subject = subject;
        c.path = path;
        c.function = function;
        c.data = ClaimData::Completion {
            budget: Some(Money {
                figure: af,
                unit: unit_of(au.as_str()),
            }),
            budget_initial: cap.name("akind").is_some_and(|m| m.as_str() == "年初"),
            full_budget: full,
            actual: Money {
                figure: bf,
                unit: unit_of(bu.as_str()),
            },
            rate,
            rate_base: cap
                .name("base")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            word: completion_word(&t, w.end()),
        };
        claims.push(c);
    }
    for cap in COMPLETION_ITEM.captures_iter(&t.s) {
        let (Some(w), Some(b), Some(bu)) = (cap.get(0), cap.name("b"), cap.name("bu")) else {
            continue;
        };
        if completion_spans
            .iter()
            .any(|(s, e)| w.start() < *e && *s < w.end())
        {
            continue;
        }
        let Some(bf) = t.figure(b.start(), b.end()) else {
            continue;
        };
        let (subject, path, function) = completion_subject(&t, w.start(), &item_path);
        outturns.insert(b.start(), (subject.clone(), path.clone(), function.clone()));
        let mut c = base_claim(pi, st, bf.line, (t.c(w.start()), t.c(w.end())));
        c.subject = subject;
        c.path = path;
        c.function = function;
        c.data = ClaimData::Completion {
            budget: None,
            budget_initial: true,
            full_budget: None,
            actual: Money {
                figure: bf,
                unit: unit_of(bu.as_str()),
            },
            rate: cap.name("c").and_then(|c| t.figure(c.start(), c.end())),
            rate_base: cap
                .name("base")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            word: None,
        };
        claims.push(c);
    }

    // 3. Amounts.
    let mut amounts: Vec<Claim> = Vec::new();
    for cap in AMOUNT.captures_iter(&t.s) {
        let (Some(whole), Some(num), Some(u)) = (cap.get(0), cap.get(1), cap.get(2)) else {
            continue;
        };
        if change_amounts.contains(&num.start()) {
            continue;
        }
        // Operand ranges are ordered by start; the one starting last before the number.
        let k = operand_ranges.partition_point(|&(a, _)| a <= num.start());
        if k.checked_sub(1)
            .and_then(|i| operand_ranges.get(i))
            .is_some_and(|&(_, b)| num.start() < b)
        {
            continue;
        }
        let follow = t.get(whole.end(), t.s.len()).trim_start();
        let is_result = result_starts.contains(&num.start());
        if !is_result
            && (follow.starts_with('/')
                || follow.starts_with("以上")
                || follow.starts_with("以下")
                || follow.starts_with('*')
                || follow.starts_with('×')
                || follow.starts_with("（含）")
                || follow.starts_with("(含)"))
        {
            continue;
        }
        // A number glued to a preceding digit run ("2010399：2020年…") is fine; a number
        // preceded by a percent context is not an amount.
        let Some(fig) = t.figure(num.start(), num.end()) else {
            continue;
        };
        let (mut seg, delim, seg_start) = segment_before(&t, num.start());
        if seg.contains("每") && !is_result {
            continue;
        }
        let mut subject = clean_subject(&seg);
        if (subject.is_empty() || subject == "预算" || subject == "预算数")
            && matches!(delim, Some('：') | Some(':') | Some('；') | Some(';'))
        {
            {
                let colon = seg_start.saturating_sub(delim.map(|c| c.len_utf8()).unwrap_or(0));
                let (prev, _, _) = segment_before(&t, colon);
                let ps = clean_subject(&prev);
                seg = format!("{prev}{seg}");
                subject = ps;
            }
        }
        let approx = seg.contains('约');
        let role = if is_result {
            AmountRole::ArithmeticResult
        } else if seg.contains("预算安排规模") {
            AmountRole::ProjectBudget
        } else if TOTAL_WORD.is_match(&seg) && st.project.is_some() {
            AmountRole::Total
        } else if st.project.is_some() && PROJECT_RESTATED.is_match(&seg) {
            AmountRole::ProjectRestated
        } else if TOTAL_WORD.is_match(&seg) || seg.trim_end().ends_with('共') {
            AmountRole::Total
        } else {
            AmountRole::Plain
        };
        let (path, mut code) = split_path(&subject);
        if code.is_none() {
            if let Some(m) = FN_CODE7.captures(&subject).and_then(|c| c.get(1)) {
                code = FunctionCode::parse(m.as_str());
            }
        }
        let mut c = base_claim(pi, st, fig.line, (t.c(seg_start), t.c(whole.end())));
        c.subject = match path.last() {
            Some(last) => last.clone(),
            None => strip_code(&subject),
        };
        // The outturn of a 决算 item is about the item its sentence names.
        let (path, code) = match outturns.get(&num.start()) {
            Some((s, p, f)) => {
                c.subject = s.clone();
                (p.clone(), f.clone())
            }
            None => (path, code),
        };
        if path.is_empty() && is_generic_measure(&c.subject) {
            // "…由中小企业供应商中标或成交的，采购金额246.47万元；在其他政府采购项目中，
            // 由中小企业供应商中标或成交的，采购金额4.79万元": a bare measure is named by
            // the clauses before it in its sentence.
            let qualifier: String = t
                .get(t.sentence_start(seg_start), seg_start)
                .chars()
                .filter(|c| !c.is_whitespace() && !is_clause_delim(*c))
                .collect();
            let tail: String = qualifier
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            c.subject = format!("{tail}{}", c.subject);
        }
        c.path = path;
        c.function = code;
        c.data = ClaimData::Amount {
            money: Money {
                figure: fig,
                unit: unit_of(u.as_str()),
            },
            role,
            approx,
        };
        amounts.push(c);
    }
    // The section's lead total: the first total-like amount of the section.
    if st.lead.is_none() {
        if let Some(a) = amounts.iter_mut().find(|a| lead_like(&t, a)) {
            a.lead = true;
            st.lead = a.money().cloned();
        }
    }
    // Keep claims ordered by position within the paragraph.
    let mut changes: Vec<Claim> = claims.split_off(first_new);
    // A comparison right after a stated prior and current, in the same sentence, is about
    // them: "…执行数为X万元，2026年预算安排Y万元，比2025年预算执行数增加Z%".
    for c in changes.iter_mut() {
        let ClaimData::Change {
            current,
            prior,
            basis,
            ..
        } = &mut c.data
        else {
            continue;
        };
        if current.is_some() || prior.is_some() {
            continue;
        }
        let s_start = t.c(t.sentence_start(t.starts.get(c.span.0).copied().unwrap_or(0)));
        let head = heads
            .iter()
            .rev()
            .find(|h| h.1 <= c.span.0 && h.0 >= s_start && c.span.0 - h.1 <= 4);
        if let Some((hs, _, pm, cm, hb)) = head {
            *current = Some(cm.clone());
            *prior = Some(pm.clone());
            if basis.is_empty() {
                *basis = hb.clone();
            }
            let (seg, _, _) = segment_before(&t, t.starts.get(*hs).copied().unwrap_or(0));
            let subject = clean_subject(&seg);
            if !subject.is_empty() {
                c.subject = subject;
            } else if let Some(a) = last_amount_before(&amounts, 0, *hs) {
                // The item the paragraph opens with ("“…住房公积金（项）”350.35万元").
                c.subject = a.subject.clone();
                c.path = a.path.clone();
                c.function = a.function.clone();
            }
        }
    }
    // Changes were resolved against amounts of this paragraph only through `claims`
    // (empty at that time); re-resolve now that amounts are known.
    for c in changes.iter_mut() {
        if let ClaimData::Change {
            current,
            prior: None,
            change_dir,
            ..
        } = &mut c.data
        {
            if current.is_some() {
                continue;
            }
            let s_start = t.c(t.sentence_start(t.starts.get(c.span.0).copied().unwrap_or(0)));
            if let Some(a) = last_amount_before(&amounts, s_start, c.span.0) {
                // "…0万元，比2024年预算持平": a flat comparison is about that amount too.
                if *change_dir == Direction::Flat && !c.subject.is_empty() {
                    continue;
                }
                *current = a.money().cloned();
                c.subject = a.subject.clone();
                c.path = a.path.clone();
                c.function = a.function.clone();
            }
        }
    }
    let n_amounts = amounts.len();
    let mut all: Vec<Claim> = amounts;
    all.extend(changes);

    // 4. Shares.
    for cap in SHARE.captures_iter(&t.s) {
        let (Some(whole), Some(of), Some(num)) = (cap.get(0), cap.get(1), cap.get(2)) else {
            continue;
        };
        let Some(rate) = t.figure(num.start(), num.end()) else {
            continue;
        };
        let s_start = t.c(t.sentence_start(whole.start()));
        let w = t.c(whole.start());
        let amt = last_amount_before(all.get(..n_amounts).unwrap_or(&[]), s_start, w).cloned();
        let of = of.as_str();
        let base = if of.contains("收入") {
            ShareBase::IncomeTotal
        } else if of.contains("支出") {
            ShareBase::ExpenseTotal
        } else if of.contains("一般公共预算") {
            ShareBase::GeneralBudgetTotal
        } else if of.contains("财政拨款") {
            ShareBase::AppropriationTotal
        } else {
            match st.section {
                Section::Income => ShareBase::IncomeTotal,
                Section::Expense => ShareBase::ExpenseTotal,
                Section::GeneralBudget => ShareBase::GeneralBudgetTotal,
                Section::Appropriation => ShareBase::AppropriationTotal,
                Section::Basic => ShareBase::BasicTotal,
                _ => ShareBase::Unknown,
            }
        };
        let lead = st
            .lead
            .clone()
            .filter(|l| Some(l) != amt.as_ref().and_then(|a| a.money()));
        let base_amount = if of.trim().is_empty() || base != ShareBase::Unknown {
            lead
        } else {
            None
        };
        let mut c = base_claim(pi, st, rate.line, (t.c(whole.start()), t.c(whole.end())));
        if let Some(a) = &amt {
            c.subject = a.subject.clone();
            c.path = a.path.clone();
            c.function = a.function.clone();
        }
        c.data = ClaimData::Share {
            rate,
            amount: amt.and_then(|a| a.money().cloned()),
            base,
            base_amount,
        };
        all.push(c);
    }

    // 5. Counts, headcounts, vehicles, performance.
    for cap in COUNT.captures_iter(&t.s) {
        let (Some(w), Some(a)) = (cap.get(0), cap.get(1)) else {
            continue;
        };
        let mut n: u64 = a.as_str().parse().unwrap_or(0);
        if let Some(b) = cap.get(2) {
            n = n.saturating_add(b.as_str().parse::<u64>().unwrap_or(0));
        }
        let list = cap.get(3).map(|m| m.as_str()).unwrap_or("");
        let names: Vec<String> = list
            .split(['、', '，', ',', '；', ';'])
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect();
        let line = locate(p, t.c(a.start())).0;
        let mut fig = Figure::new(Decimal::from(n), 0, line);
        fig.col = Some(locate(p, t.c(a.start())).1);
        fig.width = a.as_str().chars().count();
        let mut c = base_claim(pi, st, line, (t.c(w.start()), t.c(w.end())));
        c.subject = "下设机构".into();
        c.data = ClaimData::Count { stated: fig, names };
        all.push(c);
    }
    for cap in HEADCOUNT.captures_iter(&t.s) {
        let (Some(w), Some(n)) = (cap.get(0), cap.get(1)) else {
            continue;
        };
        let end = t.sentence_end_dot(w.end());
        let rest = t.get(w.end(), end);
        let off = w.end();
        let mut parts = Vec::new();
        if let Some(m) = IN_SERVICE.captures(rest).and_then(|c| c.get(1)) {
            if let Some(f) = t.figure(off + m.start(), off + m.end()) {
                parts.push(("在职".to_string(), f));
            }
        }
        if let Some(m) = RETIRED
            .captures_iter(rest)
            .find(|c| c.get(1).is_none())
            .and_then(|c| c.get(2))
        {
            if let Some(f) = t.figure(off + m.start(), off + m.end()) {
                parts.push(("退休".to_string(), f));
            }
        }
        if let Some(m) = RETIRED_CADRE.captures(rest).and_then(|c| c.get(1)) {
            if let Some(f) = t.figure(off + m.start(), off + m.end()) {
                parts.push(("离休".to_string(), f));
            }
        }
        let Some(total) = t.figure(n.start(), n.end()) else {
            continue;
        };
        if parts.is_empty() {
            continue;
        }
        let mut c = base_claim(pi, st, total.line, (t.c(w.start()), t.c(end)));
        c.subject = "实有人数".into();
        c.data = ClaimData::Breakdown {
            what: BreakdownKind::Headcount,
            total,
            unit: None,
            parts,
        };
        all.push(c);
    }
    parse_vehicles(&t, pi, st, &mut all);
    parse_quantities(&t, pi, st, &mut all);
    parse_item_lists(&t, pi, st, &mut all);
    for cap in PERFORMANCE.captures_iter(&t.s) {
        let (Some(w), Some(n), Some(a), Some(u)) = (cap.get(0), cap.get(1), cap.get(2), cap.get(3))
        else {
            continue;
        };
        let (Some(nf), Some(af)) = (t.figure(n.start(), n.end()), t.figure(a.start(), a.end()))
        else {
            continue;
        };
        // The amount was also read as an amount claim; drop that duplicate.
        all.retain(|c| !(c.money().is_some_and(|m| m.figure == af)));
        let mut c = base_claim(pi, st, af.line, (t.c(w.start()), t.c(w.end())));
        c.subject = "预算绩效管理项目".into();
        c.data = ClaimData::Performance {
            count: nf,
            amount: Money {
                figure: af,
                unit: unit_of(u.as_str()),
            },
        };
        all.push(c);
    }

    all.sort_by_key(|c| c.span.0);
    // A sentence printed twice (a PDF text layer can hold clipped text that is not printed,
    // so a paragraph may come out twice) is one statement: its claims are kept once.
    let mut first_at: std::collections::HashMap<String, usize> = Default::default();
    let keys: Vec<Option<(String, usize)>> = all
        .iter()
        .map(|c| {
            let b = t.starts.get(c.span.0).copied().unwrap_or(0);
            let start = t.sentence_start(b);
            let end = t.sentence_end(b);
            let key: String = t
                .get(start, end)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (key.chars().count() >= 12).then_some((key, start))
        })
        .collect();
    let mut keep = Vec::with_capacity(all.len());
    for (c, k) in all.into_iter().zip(keys) {
        if let Some((key, start)) = k {
            if st.seen.contains(&key) {
                continue;
            }
            if first_at.get(&key).is_some_and(|s| *s != start) {
                continue;
            }
            first_at.entry(key).or_insert(start);
        }
        keep.push(c);
    }
    st.seen.extend(first_at.into_keys());
    claims.extend(keep);
}

/// What a 决算 completion sentence is about: the words before it in its sentence
/// ("一般公共预算财政拨款支出年初预算为…"), else the item its paragraph opens with
/// ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为…").
fn completion_subject(
    t: &Text,
    start: usize,
    item: &Option<(String, Vec<String>, Option<FunctionCode>)>,
) -> (String, Vec<String>, Option<FunctionCode>) {
    let (seg, _, _) = segment_before(t, start);
    let subject = clean_subject(&seg);
    let generic = subject.is_empty()
        || matches!(subject.as_str(), "支出" | "其中" | "全年" | "年初" | "预算");
    if !generic {
        let (path, code) = split_path(&subject);
        let s = path.last().cloned().unwrap_or(subject);
        return (s, path, code);
    }
    match item {
        Some((s, p, f)) => (s.clone(), p.clone(), f.clone()),
        None => (String::new(), Vec::new(), None),
    }
}

/// The word after a completion that compares the outturn with the budget ("决算数小于预算数"),
/// within the next two sentences.
fn completion_word(t: &Text, from: usize) -> Option<(Direction, String, Figure)> {
    let mut end = from;
    for _ in 0..2 {
        end = t.sentence_end(end.min(t.s.len()));
    }
    let window = t.get(from, end);
    let cap = COMPLETION_WORD.captures(window)?;
    let w = cap.get(0)?;
    let (dir, base) = match cap.name("w").map(|m| m.as_str()) {
        Some("大于" | "高于" | "超过" | "超出") => (Direction::Up, cap.name("wb")),
        Some(_) => (Direction::Down, cap.name("wb")),
        None => (Direction::Flat, cap.name("fb")),
    };
    let (line, col) = locate(t.para, t.c(from + w.start()));
    let mut f = Figure::new(Decimal::ZERO, 0, line);
    f.col = Some(col);
    f.width = w.as_str().chars().count();
    Some((
        dir,
        base.map(|m| m.as_str().to_string()).unwrap_or_default(),
        f,
    ))
}

/// Words of a subject that make it a section total.
const LEAD_WORDS: &[&str] = &["总预算", "收入预算", "支出预算", "合计", "总计", "预算拨款"];

/// Whether an amount claim opens its section as a total: a total word in its subject, or
/// "其中" right after it.
fn lead_like(t: &Text, c: &Claim) -> bool {
    if !matches!(
        c.data,
        ClaimData::Amount {
            role: AmountRole::Plain | AmountRole::Total,
            ..
        }
    ) {
        return false;
    }
    if LEAD_WORDS.iter().any(|w| c.subject.contains(w)) {
        return true;
    }
    let end = t.starts.get(c.span.1).copied().unwrap_or(t.s.len());
    let after: String = t.get(end, t.s.len()).chars().take(12).collect();
    after.contains("其中")
}

/// The last amount claim of `sorted` (ordered by start) lying within [s_start, end).
fn last_amount_before(sorted: &[Claim], s_start: usize, end: usize) -> Option<&Claim> {
    let idx = sorted.partition_point(|a| a.span.0 < end);
    sorted
        .get(..idx)
        .unwrap_or(&[])
        .iter()
        .rev()
        .take_while(|a| a.span.0 >= s_start)
        .find(|a| a.span.1 <= end && matches!(a.data, ClaimData::Amount { .. }))
}

/// A subject that names a measure, not an item: "金额", "采购金额", "预算金额", "份额".
fn is_generic_measure(s: &str) -> bool {
    s.chars().count() <= 4
        && ["金额", "份额", "资金", "规模", "数额"]
            .iter()
            .any(|m| s.ends_with(m))
}

fn strip_code(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    let t = t.trim().trim_end_matches(['：', ':']).trim();
    if t.is_empty() {
        s.to_string()
    } else {
        t.to_string()
    }
}

fn parse_vehicles(t: &Text, pi: usize, st: &State, all: &mut Vec<Claim>) {
    let Some(qi) = t.s.find("其中") else {
        return;
    };
    let mut total: Option<(Figure, Option<Figure>)> = None;
    let mut parts_n = Vec::new();
    let mut parts_v = Vec::new();
    let mut unit = Unit::WanYuan;
    let end = t.sentence_end_dot(qi);
    for cap in VEHICLE.captures_iter(&t.s) {
        let (Some(w), Some(name), Some(n)) = (cap.get(0), cap.get(1), cap.get(2)) else {
            continue;
        };
        if w.start() >= end {
            break;
        }
        let Some(nf) = t.figure(n.start(), n.end()) else {
            continue;
        };
        let vf = cap.get(3).and_then(|v| t.figure(v.start(), v.end()));
        if let Some(u) = cap.get(4) {
            unit = unit_of(u.as_str());
        }
        let nm = name.as_str().trim_start_matches("其中").to_string();
        if w.start() < qi {
            if nm.ends_with("车辆") && total.is_none() {
                total = Some((nf, vf));
            }
        } else if total.is_some() {
            parts_n.push((nm.clone(), nf));
            if let Some(v) = vf {
                parts_v.push((nm, v));
            }
        }
    }
    let Some((tn, tv)) = total else {
        return;
    };
    if parts_n.len() < 2 {
        return;
    }
    let mut c = base_claim(pi, st, tn.line, (0, t.c(end)));
    c.subject = "车辆".into();
    c.data = ClaimData::Breakdown {
        what: BreakdownKind::VehicleCount,
        total: tn,
        unit: None,
        parts: parts_n.clone(),
    };
    all.push(c.clone());
    if let Some(v) = tv {
        if parts_v.len() == parts_n.len() {
            c.line = v.line;
            c.data = ClaimData::Breakdown {
                what: BreakdownKind::VehicleValue,
                total: v,
                unit: Some(unit),
                parts: parts_v,
            };
            all.push(c);
        }
    }
}

/// A quantity in a unit that is not money (areas, lengths, counts of things). Vehicles and
/// people have readers of their own.
static QUANTITY: Lazy<Regex> = Lazy::new(|| {
    re(r"(NUM)\s*(平方米|平方公里|㎡|平米|公里|千米|立方米|亩|吨|台套|台|套|户|间|册|件|所)")
});

/// "A，其中B、C" breakdowns of quantities, nested in parentheses too: the parts after a
/// "其中" at one bracket depth, in the unit of the quantity before it.
/// Lists of economic items named without amounts: "人员经费X万元，主要包括：基本工资、津贴补贴、
/// …、退休费；公用经费…". A list with amounts ("基本工资331.92万元、…") is read as amounts.
fn parse_item_lists(t: &Text, pi: usize, st: &State, all: &mut Vec<Claim>) {
    for cap in ITEM_LIST.captures_iter(&t.s) {
        let (Some(w), Some(g), Some(v), Some(u), Some(list)) = (
            cap.get(0),
            cap.name("g"),
            cap.name("v"),
            cap.name("u"),
            cap.name("list"),
        ) else {
            continue;
        };
        let body = list.as_str();
        if body.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some(total) = t.figure(v.start(), v.end()) else {
            continue;
        };
        let mut items: Vec<(String, Figure)> = Vec::new();
        let mut open_ended = false;
        let mut at = list.start();
        for piece in body.split(['、', '，', ',']) {
            let start = at;
            at += piece.len() + '、'.len_utf8();
            let lead = piece.len() - piece.trim_start().len();
            let mut name = piece.trim().to_string();
            for tail in ["等支出", "等", "……", "…", "。"] {
                if let Some(x) = name.strip_suffix(tail) {
                    name = x.trim_end().to_string();
                    open_ended = true;
                }
            }
            let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            if name.contains("……") || name.contains('…') {
                open_ended = true;
                continue;
            }
            let n = name.chars().count();
            if !(2..=16).contains(&n) {
                // Not a list of names (a sentence about the group).
                items.clear();
                break;
            }
            let (line, col) = locate(t.para, t.c(start + lead));
            let mut f = Figure::new(Decimal::ZERO, 0, line);
            f.col = Some(col);
            f.width = n;
            items.push((name, f));
        }
        if items.len() < 2 {
            continue;
        }
        let mut c = base_claim(pi, st, total.line, (t.c(w.start()), t.c(w.end())));
        c.subject = g.as_str().to_string();
        c.data = ClaimData::ItemList {
            group: g.as_str().to_string(),
            total: Money {
                figure: total,
                unit: unit_of(u.as_str()),
            },
            items,
            open_ended,
        };
        all.push(c);
    }
}

fn parse_quantities(t: &Text, pi: usize, st: &State, all: &mut Vec<Claim>) {
    if !t.s.contains("其中") {
        return;
    }
    // Bracket depth at every byte that starts a char, computed once.
    let mut depth_at: Vec<(usize, i32)> = Vec::new();
    let mut d = 0i32;
    for (b, ch) in t.s.char_indices() {
        match ch {
            '（' | '(' => d += 1,
            '）' | ')' => d = (d - 1).max(0),
            _ => {}
        }
        depth_at.push((b, d));
    }
    let depth = |b: usize| -> i32 {
        let i = depth_at.partition_point(|(x, _)| *x <= b);
        i.checked_sub(1)
            .and_then(|i| depth_at.get(i))
            .map(|(_, d)| *d)
            .unwrap_or(0)
    };
    struct Q {
        start: usize,
        fig: Figure,
        unit: String,
        approx: bool,
    }
    let qs: Vec<Q> = QUANTITY
        .captures_iter(&t.s)
        .filter_map(|c| {
            let (n, u) = (c.get(1)?, c.get(2)?);
            // A number glued to a previous digit or a decimal point is not a quantity start;
            // an operand of written arithmetic ("2000 元/月*12 个月*15 个站") is not one either.
            let before: String = t.get(0, n.start()).chars().rev().take(3).collect();
            if before.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                return None;
            }
            let after = t.get(u.end(), t.s.len()).trim_start();
            let operand = |c: char| matches!(c, '*' | '×' | '/' | '=' | '÷');
            if after.starts_with(operand) || before.trim_start().starts_with(operand) {
                return None;
            }
            Some(Q {
                start: n.start(),
                fig: t.figure(n.start(), n.end())?,
                unit: u.as_str().replace("㎡", "平方米").replace("平米", "平方米"),
                approx: before.contains('约'),
            })
        })
        .collect();
    if qs.len() < 3 {
        return;
    }
    for (q, _) in t.s.match_indices("其中") {
        let dq = depth(q);
        let s_start = t.sentence_start(q);
        let end = t.sentence_end_dot(q);
        // The total: the nearest quantity before "其中" in its sentence, at its depth or above.
        let Some(total) = qs
            .iter()
            .rev()
            .find(|x| x.start < q && x.start >= s_start && depth(x.start) <= dq)
        else {
            continue;
        };
        // The parts: after "其中", at its depth, in the total's unit, until the bracket that
        // holds it closes or the sentence ends.
        let mut parts: Vec<(String, Figure)> = Vec::new();
        for x in qs.iter().filter(|x| x.start > q && x.start < end) {
            let dx = depth(x.start);
            if dx < dq {
                break;
            }
            if dx == dq && x.unit == total.unit {
                let (seg, _, _) = segment_before(t, x.start);
                // The part's name starts after the "其中" or the bracket before it.
                let cut = ["其中", "（", "("]
                    .iter()
                    .filter_map(|m| seg.rfind(m).map(|i| i + m.len()))
                    .max()
                    .unwrap_or(0);
                let name = clean_subject(seg.get(cut..).unwrap_or(&seg));
                parts.push((name, x.fig.clone()));
            }
        }
        if parts.len() < 2 || total.approx {
            continue;
        }
        let mut c = base_claim(pi, st, total.fig.line, (t.c(total.start), t.c(end)));
        let (seg, _, _) = segment_before(t, total.start);
        let cut = ["其中", "（", "("]
            .iter()
            .filter_map(|m| seg.rfind(m).map(|i| i + m.len()))
            .max()
            .unwrap_or(0);
        c.subject = format!(
            "{}（{}）",
            clean_subject(seg.get(cut..).unwrap_or(&seg)),
            total.unit
        );
        c.data = ClaimData::Breakdown {
            what: BreakdownKind::Quantity,
            total: total.fig.clone(),
            unit: None,
            parts,
        };
        all.push(c);
    }
}

impl Text<'_> {
    /// End byte of the sentence containing byte `b` (at the next 。；！？ or the end).
    fn sentence_end(&self, b: usize) -> usize {
        self.get(b, self.s.len())
            .char_indices()
            .take(2000)
            .find(|(_, c)| matches!(c, '。' | '；' | ';' | '！' | '？'))
            .map(|(i, c)| b + i + c.len_utf8())
            .unwrap_or_else(|| (b + 2000).min(self.s.len()))
    }

    /// End of the sentence at 。 only (lists of vehicles use ；between items).
    fn sentence_end_dot(&self, b: usize) -> usize {
        self.get(b, self.s.len())
            .find('。')
            .map(|i| b + i)
            .unwrap_or(self.s.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_subjects() {
        assert_eq!(clean_subject("其中：基本支出"), "基本支出");
        assert_eq!(
            clean_subject("1.一般公共服务支出（类）"),
            "一般公共服务支出（类）"
        );
        assert_eq!(
            clean_subject("行政运行（项）2022 年预算数为"),
            "行政运行（项）"
        );
        let (p, _) =
            split_path("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）");
        assert_eq!(
            p,
            vec![
                "一般公共服务支出",
                "政府办公厅（室）及相关机构事务",
                "行政运行"
            ]
        );
        let (_, code) =
            split_path("卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）");
        assert_eq!(code.map(|c| c.joined()), Some("2101101".to_string()));
        // Cumulative codes restate the levels above.
        let (p, code) =
            split_path("卫生健康支出（210类）行政事业单位医疗（21011款）行政单位医疗（2101101项）");
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(code.map(|c| c.joined()), Some("2101101".to_string()));
    }
}
