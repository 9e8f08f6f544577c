//! Physical rows and words of a table region, whatever the converter produced.
//!
//! Four layouts are seen in the wild (DOMAIN.md):
//! - `TabLine`: one printed row per line, cells separated by tabs (empty cells kept);
//! - `TabGrouped`: DOCX text with one cell per tab-prefixed line and blank lines between rows;
//! - `Spaced`: `pdftotext -layout`, columns aligned by runs of spaces, empty cells missing;
//! - `Flow`: PDF text in reading order, cells on their own lines or separated by single
//!   spaces, long cells soft-wrapped over several lines, empty cells missing.
//!
//! Every word keeps its line, character column and, for tab layouts, its cell slot.

use crate::model::{Figure, IssueKind, ParseIssue};
use crate::normalize::SourceLine;
use once_cell::sync::Lazy;
use regex::Regex;

/// How the converter laid the table out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    TabLine,
    TabGrouped,
    Spaced,
    Flow,
}

/// One whitespace-separated word of a cell.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    /// 1-based source line.
    pub line: usize,
    /// 0-based character column in the normalized line.
    pub col: usize,
    /// Cell index in a tab layout.
    pub slot: Option<usize>,
}

impl Word {
    pub fn figure(&self) -> Option<Figure> {
        let mut f = Figure::parse_cell(&self.text, self.line)?;
        f.col = Some(self.col);
        f.width = self.text.chars().count();
        Some(f)
    }

    pub fn is_number(&self) -> bool {
        Figure::parse_cell(&self.text, self.line).is_some()
    }

    /// A mark printed in an empty cell: "-", "—", "——", "–".
    pub fn is_empty_mark(&self) -> bool {
        let n = self.text.chars().count();
        (1..=3).contains(&n)
            && self
                .text
                .chars()
                .all(|c| matches!(c, '-' | '—' | '–' | '―' | '─'))
    }

    /// Digits with separators that do not make a number: "1..2", "12.345.67", "1,23.4",
    /// "12.", ".5", "(12.00". In a value cell its value is unknown (T003), never guessed.
    pub fn is_malformed_number(&self) -> bool {
        let t = self.text.as_str();
        t.chars().any(|c| c.is_ascii_digit())
            && t.chars().any(|c| !c.is_ascii_digit())
            && t.chars().all(|c| {
                c.is_ascii_digit()
                    || matches!(
                        c,
                        '.' | ',' | '，' | '．' | '(' | ')' | '（' | '）' | '-' | '+'
                    )
            })
            && !self.is_number()
            && !is_list_marker(t)
    }

    /// An issue about this word as printed: on its line, with the caret under it.
    pub fn issue(&self, zh: String, en: String, kind: IssueKind) -> ParseIssue {
        let mut i = ParseIssue::bilingual(self.line, zh, en);
        i.kind = kind;
        i.col = Some((self.col, self.text.chars().count()));
        i
    }

    /// Character column of the word's right edge (exclusive).
    pub fn end(&self) -> usize {
        self.col + self.text.chars().count()
    }

    /// Display width-based centre in a spaced layout (pdftotext pads by characters).
    pub fn center2(&self) -> usize {
        self.col * 2 + self.text.chars().count()
    }
}

/// "(1)", "（12）": a list marker, not a broken number.
fn is_list_marker(t: &str) -> bool {
    let inner = t
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']));
    inner.is_some_and(|i| (1..=2).contains(&i.len()) && i.bytes().all(|b| b.is_ascii_digit()))
}

/// A printed row (a line, or a group of tab lines in `TabGrouped`).
#[derive(Debug, Clone)]
pub struct PhysRow {
    pub words: Vec<Word>,
    pub line: usize,
    /// Number of cells in a tab layout (including empty ones).
    pub cells: usize,
}

impl PhysRow {
    /// The row's text without spaces.
    pub fn compact(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }
}

fn gap_re() -> &'static Regex {
    static G: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"\S {2,}\S"));
    &G
}

/// Decide the layout of a region from its lines.
pub fn detect(lines: &[SourceLine]) -> Mode {
    let nonblank: Vec<&SourceLine> = lines.iter().filter(|l| !l.text.trim().is_empty()).collect();
    if nonblank.is_empty() {
        return Mode::Flow;
    }
    let tabbed: Vec<&&SourceLine> = nonblank.iter().filter(|l| l.text.contains('\t')).collect();
    if tabbed.len() * 10 >= nonblank.len() * 3 {
        // One cell per line (DOCX export) when the tab lines carry a single tab in front.
        let single = tabbed
            .iter()
            .filter(|l| l.text.starts_with('\t') && l.text.matches('\t').count() == 1)
            .count();
        return if single * 10 >= tabbed.len() * 7 {
            Mode::TabGrouped
        } else {
            Mode::TabLine
        };
    }
    // Columns by position: runs of spaces between cells, or a line indented to put its one
    // cell under its column (reading-order text is never indented).
    let spaced = nonblank
        .iter()
        .filter(|l| {
            // The line as printed: normalization pads a number whose separators it removed.
            let raw = l.raw.trim_matches(|c: char| c.is_whitespace());
            let indent = l.raw.len() - l.raw.trim_start().len();
            gap_re().is_match(raw) || indent >= 6
        })
        .count();
    if spaced * 10 >= nonblank.len() * 3 {
        Mode::Spaced
    } else {
        Mode::Flow
    }
}

/// Split `text` (a cell, starting at char column `base` of line `line`) into words.
fn words_of(text: &str, line: usize, base: usize, slot: Option<usize>, out: &mut Vec<Word>) {
    let mut start: Option<usize> = None;
    let mut buf = String::new();
    for (i, ch) in text.chars().enumerate() {
        if ch.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Word {
                    text: std::mem::take(&mut buf),
                    line,
                    col: base + s,
                    slot,
                });
            }
        } else {
            if start.is_none() {
                start = Some(i);
            }
            buf.push(ch);
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: buf,
            line,
            col: base + s,
            slot,
        });
    }
}

/// A lone page number between pages of a table (not a cell).
fn is_page_number_line(lines: &[SourceLine], i: usize, mode: Mode) -> bool {
    let Some(l) = lines.get(i) else { return false };
    let t = l.text.trim();
    if crate::normalize::is_page_break_marker(t) {
        return true;
    }
    if !crate::normalize::is_page_number(t) {
        return false;
    }
    match mode {
        // In tab layouts cells carry tabs; a bare number line is the page number.
        Mode::TabLine | Mode::TabGrouped => !l.text.contains('\t'),
        // pdftotext centres page numbers far from the left margin, as the last line of its
        // page: where the text marks its pages, a bare number followed by more of the same
        // page is a cell ("302" alone on its line, a code of a tall row), not a page number.
        Mode::Spaced => {
            if !t.chars().all(|c| c.is_ascii_digit()) {
                return true;
            }
            let indented = l.text.len() - l.text.trim_start().len() >= 8;
            match l.page {
                Some(page) => {
                    let next = lines
                        .get(i + 1..)
                        .unwrap_or(&[])
                        .iter()
                        .find(|n| !n.text.trim().is_empty());
                    indented && next.is_none_or(|n| n.page != Some(page))
                }
                None => indented,
            }
        }
        // Reading-order text puts the page number after a run of blank lines.
        Mode::Flow => {
            let blanks_before = lines
                .get(..i)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take_while(|l| l.text.trim().is_empty())
                .count();
            blanks_before >= 2 || !t.chars().all(|c| c.is_ascii_digit())
        }
    }
}

/// Rejoin amounts soft-wrapped over two lines in reading-order text ("1444." / "34",
/// "127.0" / "0"): both parts alone on their lines, together making two decimals.
fn join_wrapped_numbers(lines: &[SourceLine]) -> Vec<(usize, String)> {
    static HEAD: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"^\d+\.\d?$"));
    static TAIL: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"^\d{1,2}$"));
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut skip_to = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && i <= skip_to {
            continue;
        }
        let t = l.text.trim();
        if HEAD.is_match(t) {
            let next = lines
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|(_, n)| !n.text.trim().is_empty());
            if let Some((j, n)) = next {
                let nt = n.text.trim();
                let frac = t.split('.').nth(1).map(str::len).unwrap_or(0);
                if TAIL.is_match(nt) && frac + nt.len() == 2 {
                    out.push((l.number, format!("{t}{nt}")));
                    // The blank lines between the two halves go with them, so that blank
                    // runs keep meaning what they meant (page breaks are longer runs).
                    skip_to = j;
                    continue;
                }
            }
        }
        out.push((l.number, l.text.clone()));
    }
    out
}

/// The physical rows of a region in the given layout (blank lines and page numbers dropped).
pub fn phys_rows(lines: &[SourceLine], mode: Mode) -> Vec<PhysRow> {
    let mut rows = Vec::new();
    match mode {
        Mode::TabGrouped => {
            let mut cur: Option<PhysRow> = None;
            for (i, l) in lines.iter().enumerate() {
                if is_page_number_line(lines, i, mode) {
                    continue;
                }
                if l.text.trim().is_empty() && !l.text.contains('\t') {
                    rows.extend(cur.take());
                    continue;
                }
                if !l.text.starts_with('\t') {
                    // A line outside the cell grid (title, unit, note): its own row.
                    rows.extend(cur.take());
                    let mut words = Vec::new();
                    words_of(&l.text, l.number, 0, None, &mut words);
                    rows.push(PhysRow {
                        words,
                        line: l.number,
                        cells: 0,
                    });
                    continue;
                }
                let row = cur.get_or_insert_with(|| PhysRow {
                    words: Vec::new(),
                    line: l.number,
                    cells: 0,
                });
                for cell in l.text.split('\t').skip(1) {
                    let base = l
                        .text
                        .find(cell)
                        .map(|b| l.text[..b].chars().count())
                        .unwrap_or(1);
                    words_of(cell, l.number, base, Some(row.cells), &mut row.words);
                    row.cells += 1;
                }
            }
            rows.extend(cur);
        }
        Mode::TabLine => {
            for (i, l) in lines.iter().enumerate() {
                if l.text.trim().is_empty() || is_page_number_line(lines, i, mode) {
                    continue;
                }
                let mut words = Vec::new();
                let mut col = 0;
                let mut cells = 0;
                for (slot, cell) in l.text.split('\t').enumerate() {
                    words_of(cell, l.number, col, Some(slot), &mut words);
                    col += cell.chars().count() + 1;
                    cells = slot + 1;
                }
                rows.push(PhysRow {
                    words,
                    line: l.number,
                    cells,
                });
            }
        }
        Mode::Spaced => {
            for (i, l) in lines.iter().enumerate() {
                if l.text.trim().is_empty() || is_page_number_line(lines, i, mode) {
                    continue;
                }
                let mut words = Vec::new();
                words_of(&l.text, l.number, 0, None, &mut words);
                rows.push(PhysRow {
                    words,
                    line: l.number,
                    cells: 0,
                });
            }
        }
        Mode::Flow => {
            let joined = join_wrapped_numbers(lines);
            let as_lines: Vec<SourceLine> = joined
                .iter()
                .map(|(n, t)| SourceLine {
                    number: *n,
                    page: None,
                    raw: t.clone(),
                    text: t.clone(),
                })
                .collect();
            for (i, l) in as_lines.iter().enumerate() {
                if l.text.trim().is_empty() || is_page_number_line(&as_lines, i, mode) {
                    continue;
                }
                let mut words = Vec::new();
                words_of(&l.text, l.number, 0, None, &mut words);
                rows.push(PhysRow {
                    words,
                    line: l.number,
                    cells: 0,
                });
            }
        }
    }
    rows
}

/// Do the tab slots of a `TabLine` table mean columns? When empty cells are kept, the first
/// figure of every coded row sits in the same slot; converters that drop empty cells put it
/// wherever the row's text ends.
pub fn slots_consistent(rows: &[PhysRow]) -> bool {
    let mut firsts: Vec<usize> = rows
        .iter()
        .filter(|r| {
            r.words
                .first()
                .map(|w| w.text.len() == 3 && w.text.bytes().all(|b| b.is_ascii_digit()))
                .unwrap_or(false)
        })
        .filter_map(|r| {
            let text_slot = r
                .words
                .iter()
                .find(|w| !w.is_number())
                .and_then(|w| w.slot)?;
            r.words
                .iter()
                .filter(|w| w.is_number())
                .filter_map(|w| w.slot)
                .find(|s| *s > text_slot)
        })
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts.len() <= 1
}

/// In a spaced layout, group a row's words into cells separated by runs of 2+ spaces.
pub fn spaced_cells(row: &PhysRow) -> Vec<Vec<&Word>> {
    let mut cells: Vec<Vec<&Word>> = Vec::new();
    let mut last_end: Option<usize> = None;
    for w in &row.words {
        let new_cell = match last_end {
            None => true,
            Some(e) => w.col >= e + 2,
        };
        if new_cell {
            cells.push(vec![w]);
        } else if let Some(c) = cells.last_mut() {
            c.push(w);
        }
        last_end = Some(w.end());
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sl(text: &str) -> Vec<SourceLine> {
        crate::normalize::normalize(text)
    }

    #[test]
    fn detects_layouts() {
        assert_eq!(
            detect(&sl("201\t03\t01\t行政运行\t1.00\n合计\t\t\t\t1.00\n")),
            Mode::TabLine
        );
        assert_eq!(
            detect(&sl("\t201\n\t行政运行\n\t1.00\n\n\t合计\n\t1.00\n")),
            Mode::TabGrouped
        );
        assert_eq!(
            detect(&sl(
                "201   05   07   专项普查活动    438,300\n合计     1   2\n"
            )),
            Mode::Spaced
        );
        assert_eq!(
            detect(&sl("201 03 01 行政运行 341.29 341.29\n一般公共\n")),
            Mode::Flow
        );
    }

    #[test]
    fn rejoins_wrapped_amounts() {
        let rows = phys_rows(
            &sl("合计\n\n2784.\n\n91\n\n127.0\n\n0\n\n6.6\n\n17\n"),
            Mode::Flow,
        );
        let texts: Vec<String> = rows.iter().map(|r| r.compact()).collect();
        assert_eq!(texts, vec!["合计", "2784.91", "127.00", "6.6", "17"]);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn grouped_cells_keep_slots() {
        let rows = phys_rows(
            &sl("\t201 \n\t行政运行\n\t\n\t1.00\n\n\t合计\n"),
            Mode::TabGrouped,
        );
        assert_eq!(rows.len(), 2);
        let slots: Vec<Option<usize>> = rows[0].words.iter().map(|w| w.slot).collect();
        assert_eq!(slots, vec![Some(0), Some(1), Some(3)]);
    }

    #[test]
    fn empty_marks_and_malformed_numbers() {
        let w = |t: &str| Word {
            text: t.into(),
            line: 1,
            col: 0,
            slot: None,
        };
        for t in ["-", "—", "——", "–"] {
            assert!(w(t).is_empty_mark(), "{t}");
        }
        for t in ["1..2", "12.345.67", "1,23.4", "12.", ".5", "(12.00", "1-2"] {
            assert!(w(t).is_malformed_number(), "{t}");
        }
        for t in [
            "12.34",
            "-12.00",
            "(12.00)",
            "201",
            "(1)",
            "（12）",
            "行政运行",
            "-",
            "合计",
        ] {
            assert!(!w(t).is_malformed_number(), "{t}");
        }
    }

    #[test]
    fn page_numbers_dropped_in_flow() {
        let rows = phys_rows(&sl("212 城乡 1.00\n\n\n\n7\n\n功能分类\n"), Mode::Flow);
        assert_eq!(rows.len(), 2);
    }
}
