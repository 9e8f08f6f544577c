//! Stage 3: normalized lines → regions: table regions (title, unit, body lines),
//! performance-target tables (绩效目标表) and narrative paragraphs.
//!
//! A table starts at its number marker (表一 / 表 1 / 表1： / 表一：) or, when the template
//! prints no number, at its title (部门收支总体情况表, Shanghai's 部门财务收支预算总表 …). A title
//! is only taken as a table when a unit/编制部门 line or a header follows, which keeps the table
//! of contents and sentences that mention a table ("…情况表为空表。") out. A table ends at the
//! next table, a part heading (第三部分), a performance table or the first prose sentence.

pub mod para;
pub mod titles;

use crate::model::{DocKind, DocLevel, DocumentInfo, FundScope, Paragraph, TableKind, Unit};
use crate::normalize::{compact, SourceLine};
use once_cell::sync::Lazy;
use regex::Regex;

/// A table region: the lines of one table, before typing.
#[derive(Debug, Clone)]
pub struct Region {
    /// "表三", or the cleaned title when the table has no number.
    pub label: String,
    pub number: Option<u32>,
    pub title: String,
    /// Index (0-based, into the line slice) of the title line, or of the marker.
    pub title_idx: usize,
    pub kind: TableKind,
    pub scope: FundScope,
    /// First and one-past-last line index of the region.
    pub start: usize,
    pub end: usize,
}

static MARKER: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"^表\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[：:、．.]?\s*(.*)$")
});
static PART: Lazy<Regex> =
    Lazy::new(|| crate::static_regex(r"^第\s*[一二三四五六七八九十]\s*部分"));
static UNIT: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"单位\s*[：:]\s*(万元|元|千元)"));

/// Chinese numeral (一 … 九十九) or digits to a number.
pub fn chinese_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

pub use crate::normalize::is_page_number;

/// The title at line `i`, if the line is a table title: short, no sentence punctuation, not
/// a table-of-contents entry, and confirmed by a unit/编制部门/header line soon after.
fn title_at(
    lines: &[SourceLine],
    i: usize,
    memo: &mut Vec<Option<bool>>,
) -> Option<(TableKind, FundScope, String)> {
    let raw = lines.get(i)?.text.trim();
    // Every title names a 表; most lines are not titles, so test that first.
    if !raw.contains('表') || raw.chars().count() > 120 {
        return None;
    }
    let t = compact(raw);
    if t.is_empty()
        || t.chars().count() > 48
        || t.contains('…')
        || t.contains("。")
        || t.contains("说明")
        || t.contains("关于")
    {
        return None;
    }
    if t.starts_with('-') || t.ends_with(|c: char| c.is_ascii_digit()) && t.contains("..") {
        return None;
    }
    // Strip "1." / "一、" numbering left by some templates in front of the title.
    static NUM: Lazy<Regex> =
        Lazy::new(|| crate::static_regex(r"^(\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、)"));
    let title = NUM.replace(&t, "").into_owned();
    let (kind, scope) = titles::classify(&title)?;
    if !confirmed(lines, i, memo) {
        return None;
    }
    Some((kind, scope, titles::clean_title(&title)))
}

/// A unit line, 编制部门 line or column header within the next few non-blank lines — before
/// any section heading or prose. A title followed by another title is confirmed only when
/// that one is: a run of titles whose last one has no table after it is a table of contents
/// (目录 lists every table title, with or without dot leaders and page numbers); a run whose
/// last title has its table is a body where the tables before it lost their content (kept,
/// and reported, only when no real table of their kind exists). `memo` keeps each line's
/// answer, so a long run of titles is walked once.
fn confirmed(lines: &[SourceLine], i: usize, memo: &mut Vec<Option<bool>>) -> bool {
    if let Some(Some(known)) = memo.get(i) {
        return *known;
    }
    let answer = confirm(lines, i, memo);
    if let Some(m) = memo.get_mut(i) {
        *m = Some(answer);
    }
    answer
}

fn confirm(lines: &[SourceLine], i: usize, memo: &mut Vec<Option<bool>>) -> bool {
    let next = lines.iter().skip(i + 1).find(|l| !l.text.trim().is_empty());
    if let Some(n) = next {
        if is_leader_line(n.text.trim()) {
            return false;
        }
    }
    let following: Vec<usize> = (i + 1..lines.len())
        .filter(|&j| lines.get(j).is_some_and(|l| !l.text.trim().is_empty()))
        .take(6)
        .collect();
    for (n, j) in following.into_iter().enumerate() {
        let Some(l) = lines.get(j) else { break };
        let c = compact(&l.text);
        if is_title_line(&l.text) {
            // Right after this title: a run of titles, decided by its last one (walked
            // without recursion). Later, after other lines: the next table's title, and
            // this one had nothing of its own before it.
            return n == 0 && run_confirmed(lines, j, memo);
        }
        if UNIT.is_match(&l.text)
            || c.contains("编制部门")
            || c.contains("编制单位")
            || c.contains("填报部门")
            || c.contains("单位：")
            || c.contains("科目编码")
            || c.contains("功能分类")
            || c.contains("经济分类")
            || c.starts_with("项目")
            || c.contains("合计")
        {
            return true;
        }
        if is_section_heading(&l.text) || is_prose(&l.text) || PART.is_match(&c) {
            return false;
        }
        if c.contains("预算单位") {
            return true;
        }
    }
    false
}

/// Whether the title line `j` is confirmed, walking a run of title lines to its end without
/// recursion: the first line of the run that is not directly followed by another title
/// decides for the whole run.
fn run_confirmed(lines: &[SourceLine], j: usize, memo: &mut Vec<Option<bool>>) -> bool {
    let mut run = vec![j];
    let mut cur = j;
    let answer = loop {
        if let Some(Some(known)) = memo.get(cur) {
            break *known;
        }
        let next_title = (cur + 1..lines.len())
            .find(|&k| lines.get(k).is_some_and(|l| !l.text.trim().is_empty()))
            .filter(|&k| lines.get(k).is_some_and(|l| is_title_line(&l.text)));
        match next_title {
            Some(k) if run.len() < lines.len() => {
                run.push(k);
                cur = k;
            }
            _ => break confirm_last(lines, cur, memo),
        }
    };
    for r in run {
        if let Some(m) = memo.get_mut(r) {
            *m = Some(answer);
        }
    }
    answer
}

/// `confirm` for the last title of a run: the line after it is not a title, so this does
/// not walk into another run.
fn confirm_last(lines: &[SourceLine], i: usize, memo: &mut Vec<Option<bool>>) -> bool {
    confirm(lines, i, memo)
}

/// Dot leaders and page numbers: what follows a title in a table of contents.
fn is_leader_line(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '…' | '.' | '·' | '．' | ' ' | '-' | '—') || c.is_ascii_digit())
}

/// A line that reads as a table title, as a table of contents prints it: numbering in
/// front ("1." / "一、" / "表1"), dot leaders and a page number after are allowed; the rest
/// must end in 表 and name a table kind.
pub fn is_title_line(text: &str) -> bool {
    if !text.contains('表') {
        return false;
    }
    static NUM: Lazy<Regex> = Lazy::new(|| {
        crate::static_regex(
            r"^(\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}[、.．]|表\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[：:、．.]?)",
        )
    });
    let t = compact(text);
    let t = t.trim_end_matches(|c: char| {
        matches!(c, '…' | '.' | '·' | '．' | '-' | '—') || c.is_ascii_digit()
    });
    let t = NUM.replace(t, "");
    t.ends_with('表') && t.chars().count() <= 48 && titles::classify(&t).is_some()
}

/// A performance-target table heading (项目支出绩效目标表 / 部门整体绩效目标表).
fn is_performance_title(lines: &[SourceLine], i: usize) -> bool {
    let Some(l) = lines.get(i) else { return false };
    // Cheap test first: this runs on every line.
    if !l.text.contains('绩') {
        return false;
    }
    let t = compact(&l.text);
    t.ends_with("绩效目标表")
        && t.chars().count() <= 30
        && !t.contains('…')
        && lines
            .iter()
            .skip(i + 1)
            .filter(|l| !l.text.trim().is_empty())
            .take(8)
            .any(|l| {
                let c = compact(&l.text);
                c.contains("项目名称") || c.contains("预算单位") || c.contains("资金")
            })
}

/// A line of running prose: a long sentence. It ends a table region.
fn is_prose(text: &str) -> bool {
    let t = text.trim();
    let c = t.chars().count();
    c >= 40
        && t.contains('。')
        && !t.starts_with("注")
        && !t.starts_with("备注")
        && !t.contains("空表")
}

/// A heading of the narrative that ends a table region ("其他相关情况说明", "第三部分…").
fn is_section_heading(text: &str) -> bool {
    // Cheap test first (部分 / 说明 / 名词解释): this runs on every line of a table.
    if !text.contains(['部', '明', '释']) {
        return false;
    }
    let t = compact(text);
    PART.is_match(&t)
        || (t.chars().count() <= 30
            && (t.ends_with("说明") || t.ends_with("名词解释"))
            && !t.contains('：'))
}

/// Split the document into table regions, performance regions and narrative.
pub fn find_regions(lines: &[SourceLine]) -> (Vec<Region>, Vec<(usize, usize)>) {
    let mut regions: Vec<Region> = Vec::new();
    let mut perf: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<Region> = None;
    let mut cur_perf: Option<usize> = None;
    let mut memo: Vec<Option<bool>> = vec![None; lines.len()];
    let close = |cur: &mut Option<Region>, regions: &mut Vec<Region>, end: usize| {
        if let Some(mut r) = cur.take() {
            r.end = end;
            regions.push(r);
        }
    };
    for i in 0..lines.len() {
        let text = lines.get(i).map(|l| l.text.trim()).unwrap_or("");
        if text.is_empty() {
            continue;
        }
        // Only a line starting with 表 (a marker) or 第 (第三部分) needs its spaces removed.
        let c = if text.starts_with(['表', '第']) {
            compact(text)
        } else {
            String::new()
        };
        if is_performance_title(lines, i) {
            close(&mut cur, &mut regions, i);
            if let Some(s) = cur_perf.take() {
                perf.push((s, i));
            }
            cur_perf = Some(i);
            continue;
        }
        // The marker is read with the spaces kept as one: "表1 2026年…" is table 1 of 2026,
        // not table 12.
        let spaced = if text.starts_with('表') {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            String::new()
        };
        if let Some(caps) = MARKER.captures(&spaced) {
            let num = caps.get(1).and_then(|m| chinese_number(m.as_str()));
            let rest_spaced = caps.get(2).map(|m| m.as_str()).unwrap_or("");
            let rest_owned = compact(rest_spaced);
            let rest = rest_owned.as_str();
            // "表一" alone, or "表一：部门收支总体情况表"; not "表中…" prose.
            let rest_title = titles::classify(rest);
            if num.is_some() && (rest.is_empty() || rest_title.is_some()) {
                close(&mut cur, &mut regions, i);
                if let Some(s) = cur_perf.take() {
                    perf.push((s, i));
                }
                let (kind, scope, title) = match rest_title {
                    Some((k, s)) => (k, s, titles::clean_title(rest)),
                    None => (TableKind::Other, FundScope::AllFunds, String::new()),
                };
                let label = caps
                    .get(1)
                    .map(|m| format!("表{}", m.as_str()))
                    .unwrap_or_default();
                cur = Some(Region {
                    label,
                    number: num,
                    title,
                    title_idx: i,
                    kind,
                    scope,
                    start: i,
                    end: i + 1,
                });
                continue;
            }
        }
        // A bare marker ("表12") and then its title: the marker vouches for the title even
        // when no unit line or header follows (a file cut off right after the title), so the
        // table is named and reported as having nothing after its title.
        if let Some(r) = cur.as_mut() {
            let right_after = lines
                .get(r.title_idx + 1..i)
                .unwrap_or(&[])
                .iter()
                .all(|l| l.text.trim().is_empty());
            let c = if r.title.is_empty() && right_after {
                compact(text)
            } else {
                String::new()
            };
            if !c.is_empty() && c.chars().count() <= 48 && !c.contains('。') {
                if let Some((kind, scope)) = titles::classify(&c) {
                    r.title = titles::clean_title(&c);
                    r.kind = kind;
                    r.scope = scope;
                    r.title_idx = i;
                    continue;
                }
            }
        }
        if let Some((kind, scope, title)) = title_at(lines, i, &mut memo) {
            if let Some(r) = cur.as_mut() {
                // A caption that repeats the kind before any figure ("一般公共预算基本支出"
                // over 表六's columns) is part of the header, not a new table.
                let before_data = lines
                    .get(r.title_idx + 1..i)
                    .unwrap_or(&[])
                    .iter()
                    .all(|l| {
                        !l.text
                            .split_whitespace()
                            .any(|w| w.contains('.') && crate::model::Figure::parse(w, 0).is_some())
                    });
                if r.kind == kind && before_data && i - r.title_idx <= 40 {
                    continue;
                }
                if r.title.is_empty() {
                    // A numbered table whose title comes after its marker (or, in some PDF
                    // text, after the first page of its body).
                    r.title = title;
                    r.kind = kind;
                    r.scope = scope;
                    r.title_idx = i;
                    continue;
                }
            }
            close(&mut cur, &mut regions, i);
            if let Some(s) = cur_perf.take() {
                perf.push((s, i));
            }
            cur = Some(Region {
                label: title.clone(),
                number: None,
                title,
                title_idx: i,
                kind,
                scope,
                start: i,
                end: i + 1,
            });
            continue;
        }
        if PART.is_match(&c) || (cur.is_some() && (is_prose(text) || is_section_heading(text))) {
            close(&mut cur, &mut regions, i);
            if PART.is_match(&c) {
                if let Some(s) = cur_perf.take() {
                    perf.push((s, i));
                }
            }
        }
    }
    close(&mut cur, &mut regions, lines.len());
    if let Some(s) = cur_perf.take() {
        perf.push((s, lines.len()));
    }
    // A region opened by a bare marker that never got a recognizable title stays `Other`.
    (drop_contents_entries(regions, lines), perf)
}

/// True when nothing but the title (and dot leaders or page numbers) is in the region.
fn has_no_content(r: &Region, lines: &[SourceLine]) -> bool {
    lines
        .get(r.title_idx + 1..r.end)
        .unwrap_or(&[])
        .iter()
        .map(|l| l.text.trim())
        .all(|t| t.is_empty() || is_leader_line(t) || is_page_number(t))
}

/// Regions that hold nothing but their title are entries of a table of contents when they
/// come in a run (目录 lists the titles one after another) or when a table of the same kind
/// and scope with content exists elsewhere; either way they are not tables, and no identity
/// may read them. A lone title without content whose kind has no real table stays (it is
/// reported as a table with nothing after its title), once per kind.
fn drop_contents_entries(regions: Vec<Region>, lines: &[SourceLine]) -> Vec<Region> {
    let empty: Vec<bool> = regions.iter().map(|r| has_no_content(r, lines)).collect();
    let is_empty = |j: usize| empty.get(j).copied().unwrap_or(false);
    let with_content: std::collections::HashSet<(TableKind, FundScope)> = regions
        .iter()
        .zip(&empty)
        .filter(|(_, e)| !**e)
        .map(|(r, _)| (r.kind, r.scope))
        .collect();
    let mut seen: std::collections::HashSet<(TableKind, FundScope)> = Default::default();
    let mut out = Vec::with_capacity(regions.len());
    for (j, r) in regions.iter().enumerate() {
        if is_empty(j) && r.kind != TableKind::Other {
            let in_run = (j > 0 && is_empty(j - 1)) || is_empty(j + 1);
            let real_elsewhere = with_content.contains(&(r.kind, r.scope));
            if in_run || real_elsewhere || !seen.insert((r.kind, r.scope)) {
                continue;
            }
        }
        out.push(r.clone());
    }
    out
}

/// What the cover says: "上海市普陀区财政局 / 2024年度部门决算", "上海市普陀区2025年区级单位预算",
/// "党政办公室 2022 年部门预算公开".
struct Cover {
    kind: DocKind,
    level: Option<DocLevel>,
    year: i32,
    /// The name printed before the year, when it names more than a region.
    name: Option<String>,
}

fn read_cover(lines: &[SourceLine]) -> Option<Cover> {
    static COVER: Lazy<Regex> = Lazy::new(|| {
        crate::static_regex(
            r"(?P<year>20\d\d)年度?(?:区级|市级|县级|省级|州级|旗级|地级|本级)?(?P<level>部门|单位)?(?P<kind>预算|决算)",
        )
    });
    let mut text = String::new();
    for l in lines.iter().filter(|l| !l.text.trim().is_empty()).take(12) {
        let c = compact(&l.text);
        if c.contains("目录") || c.starts_with("第一部分") || c.starts_with("一、") {
            break;
        }
        text.push_str(&c);
        if text.chars().count() > 120 {
            break;
        }
    }
    let caps = COVER.captures(&text)?;
    let year: i32 = caps.name("year")?.as_str().parse().ok()?;
    let kind = match caps.name("kind").map(|m| m.as_str()) {
        Some("决算") => DocKind::Final,
        _ => DocKind::Budget,
    };
    let level = caps.name("level").map(|m| match m.as_str() {
        "单位" => DocLevel::Unit,
        _ => DocLevel::Department,
    });
    let before = text.get(..caps.get(0)?.start()).unwrap_or("");
    let region_only = before.is_empty()
        || before.ends_with(['省', '市', '区', '县', '州', '旗'])
            && ![
                "局", "委", "办", "院", "部", "处", "所", "站", "中心", "室", "会", "馆", "校",
                "团", "队",
            ]
            .iter()
            .any(|w| before.contains(w));
    let name = (!region_only && before.chars().count() <= 40).then(|| before.to_string());
    Some(Cover {
        kind,
        level,
        year,
        name,
    })
}

/// Without a cover: a document most of whose table titles say 决算 is a 决算.
fn kind_from_titles(lines: &[SourceLine]) -> DocKind {
    let (mut fin, mut bud) = (0, 0);
    for l in lines.iter().filter(|l| is_title_line(&l.text)) {
        if l.text.contains("决算") {
            fin += 1;
        } else if l.text.contains("预算") {
            bud += 1;
        }
    }
    if fin > bud {
        DocKind::Final
    } else {
        DocKind::Budget
    }
}

/// Without a cover that says it: 单位预算/单位决算 more often than 部门预算/部门决算.
fn level_from_text(lines: &[SourceLine]) -> DocLevel {
    let (mut unit, mut dept) = (0, 0);
    for l in lines.iter().take(400) {
        let c = compact(&l.text);
        unit += c.matches("单位预算").count() + c.matches("单位决算").count();
        dept += c.matches("部门预算").count() + c.matches("部门决算").count();
    }
    if unit > dept {
        DocLevel::Unit
    } else {
        DocLevel::Department
    }
}

/// The facts of the document as a whole (kind, level, department, year, unit), without
/// cutting it into regions: what pairing documents by department and year needs.
pub fn find_info(lines: &[SourceLine]) -> DocumentInfo {
    static DEPT: Lazy<Regex> = Lazy::new(|| {
        crate::static_regex(r"(?:编制部门|预算主管部门|填报部门|编制单位|预算单位)\s*[：:]\s*(\S+)")
    });
    static YEAR: Lazy<Regex> = Lazy::new(|| {
        crate::static_regex(
            r"(20\d\d)\s*年\s*(?:度)?\s*(?:区级|市级|县级)?\s*(?:部门|单位)?\s*(?:预算|决算)",
        )
    });
    let mut info = DocumentInfo::default();
    let cover = read_cover(lines);
    if let Some(c) = &cover {
        info.kind = c.kind;
        info.level = c.level.unwrap_or_default();
        info.year = Some(c.year);
    } else {
        info.kind = kind_from_titles(lines);
    }
    if cover.as_ref().is_none_or(|c| c.level.is_none()) {
        info.level = level_from_text(lines);
    }
    for l in lines {
        if info.department.is_none() {
            if let Some(c) = DEPT.captures(&l.text) {
                let d = c.get(1).map(|m| m.as_str()).unwrap_or("");
                let d = d
                    .split("单位")
                    .next()
                    .unwrap_or(d)
                    .trim_end_matches(['，', ',']);
                if !d.is_empty() {
                    info.department = Some(d.to_string());
                }
            }
        }
        if info.year.is_none() {
            if let Some(c) = YEAR.captures(&l.text) {
                info.year = c.get(1).and_then(|m| m.as_str().parse().ok());
            }
        }
        if info.department.is_some() && info.year.is_some() {
            break;
        }
    }
    // A 决算 names its department on the cover, before the year ("上海市普陀区财政局
    // 2024年度部门决算"); a name that is only a region ("上海市普陀区") is not a department.
    if info.department.is_none() {
        if let Some(name) = cover.and_then(|c| c.name) {
            info.department = Some(name);
        }
    }
    let mut wan = 0;
    let mut yuan = 0;
    for l in lines {
        if let Some(c) = UNIT.captures(&l.text) {
            match c.get(1).map(|m| m.as_str()) {
                Some("元") => yuan += 1,
                Some("万元") => wan += 1,
                _ => {}
            }
        }
    }
    info.unit = if yuan > wan {
        Unit::Yuan
    } else {
        Unit::WanYuan
    };
    info
}

/// What segmentation finds in a document: its facts, the table regions, the performance
/// tables' line ranges and the narrative paragraphs (every line outside a table).
#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub info: DocumentInfo,
    pub regions: Vec<Region>,
    /// (first, one-past-last) line index of each 绩效目标表.
    pub performance: Vec<(usize, usize)>,
    pub narrative: Vec<Paragraph>,
}

/// Cut normalized lines into table regions, performance tables and narrative paragraphs.
pub fn segment(lines: &[SourceLine]) -> Segments {
    let (regions, perf) = find_regions(lines);
    let info = find_info(lines);
    let mut in_table = vec![false; lines.len()];
    for (s, e) in regions
        .iter()
        .map(|r| (r.start, r.end))
        .chain(perf.iter().copied())
    {
        for f in in_table.iter_mut().take(e).skip(s) {
            *f = true;
        }
    }
    let narrative_lines: Vec<(usize, &str)> = lines
        .iter()
        .zip(in_table.iter())
        .filter(|(_, t)| !**t)
        .map(|(l, _)| (l.number, l.text.as_str()))
        .collect();
    Segments {
        info,
        regions,
        performance: perf,
        narrative: para::paragraphs_from_lines(&narrative_lines),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        crate::normalize::normalize(text)
    }

    #[test]
    fn numbers() {
        assert_eq!(chinese_number("十一"), Some(11));
        assert_eq!(chinese_number("七"), Some(7));
        assert_eq!(chinese_number("10"), Some(10));
        assert_eq!(chinese_number("二十"), Some(20));
    }

    #[test]
    fn marker_then_title_and_toc_ignored() {
        let text = "目录\n- 一、部门收支总体情况表\n- 二、部门收入总体情况表\n表 1\n\n部门收支总体情况表\n编制部门：某某局\n单位：万元\n收入 支出\n";
        let (regions, _) = find_regions(&lines(text));
        assert_eq!(regions.len(), 1);
        let r = &regions[0];
        assert_eq!(r.label, "表1");
        assert_eq!(r.kind, TableKind::Summary);
        assert_eq!(r.start, 3);
    }

    #[test]
    fn title_without_number_and_prose_end() {
        let text = "                2025年部门收入预算总表\n编制部门：某某办事处     单位：元\n合计 1 1\n这是一段很长的说明文字，它说明了很多的事情，所以表格应该在这里结束了。对吧对吧对吧。\n";
        let (regions, _) = find_regions(&lines(text));
        assert_eq!(regions.len(), 1);
        assert_eq!(regions[0].kind, TableKind::Income);
        assert_eq!(regions[0].end, 3);
        assert_eq!(regions[0].label, "部门收入预算总表");
    }

    #[test]
    fn sentence_mentioning_a_table_is_not_a_title() {
        let text = "备注：没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。\n单位：万元\n";
        let (regions, _) = find_regions(&lines(text));
        assert!(regions.is_empty());
    }
}
