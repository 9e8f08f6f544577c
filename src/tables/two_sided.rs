//! The two-sided economic table of a 决算 (一般公共预算财政拨款基本支出决算表): 人员经费 items
//! (301, 303) on the left, 公用经费 items (302, 310, …) on the right, each side a column of
//! codes, names and 决算数, closed by 人员经费合计 and 公用经费合计.
//!
//! `pdftotext -layout` prints its tall rows over two or three lines: a row's figure on the
//! line above its code ("262.33" / "301 01" / "基本工资"), its 款 code on the line after its
//! class code ("302" / "01 办公费"), its name wrapped around the code line ("机关事业单位基本" /
//! "30108 6.18" / "养老保险缴费"). Each side is read on its own as a sequence of lines: a
//! code starts a row, figures on a line of their own go to the next row of their side, a
//! two-digit 款 after a class code completes it, and the label lines between two rows are
//! shared between them so that each row gets the name of its code (rules/classification.toml),
//! else by the converter's alignment.

use super::layout::Word;
use super::Reader;
use crate::model::{Code, Column, ColumnKey, EconomicCode, Figure, Row, RowKind, TableKind};

/// Is this a two-sided economic table: its header names the code and name columns twice?
pub(super) fn applies(r: &Reader<'_>) -> bool {
    if r.region.kind != TableKind::BasicEconomic {
        return false;
    }
    // Caption cells, not substrings: "经济分类科目编码" and "部门经济分类科目名称" are one
    // side's two captions.
    let cells: Vec<String> = r
        .header
        .iter()
        .flat_map(|h| {
            super::layout::spaced_cells(h)
                .into_iter()
                .map(|c| c.iter().map(|w| w.text.as_str()).collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    let count = |s: &str| cells.iter().filter(|c| c.contains(s)).count();
    count("科目名称") >= 2 || count("决算数") >= 2 || count("预算数") >= 2
}

/// A code at the start of a side's line: "301", "30101", "310资本性支出" (glued to its name).
fn code_word(w: &Word) -> Option<(String, String)> {
    let t = w.text.as_str();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t.get(digits.len()..).unwrap_or("");
    let code_like = (digits.len() == 3 || digits.len() == 5) && digits.starts_with('3');
    if !code_like || rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    Some((digits, rest.to_string()))
}

fn is_kuan(w: &Word) -> bool {
    w.text.len() == 2 && w.text.bytes().all(|b| b.is_ascii_digit())
}

/// One row being read on one side.
#[derive(Default)]
struct Entry {
    line: usize,
    code: String,
    own: Vec<Word>,
    figs: Vec<Word>,
    /// Label lines (as word lists) assigned above and below.
    footer: bool,
}

/// Read one side: its lines (words of that side only), in order.
fn read_side(lines: &[(usize, Vec<Word>)], personnel: bool) -> Vec<Row> {
    let mut entries: Vec<Entry> = Vec::new();
    // Label lines not yet given to a row: (index of the entry before them, words).
    let mut runs: Vec<(Option<usize>, Vec<Word>)> = Vec::new();
    let mut pending_figs: Vec<Word> = Vec::new();
    for (line, words) in lines {
        if words.is_empty() {
            continue;
        }
        let first = words.first();
        let code = first.and_then(code_word);
        let footer = words.iter().any(|w| {
            w.text.contains("人员经费合计") || w.text.contains("公用经费合计") || w.text == "合计"
        });
        if let Some((digits, glued)) = code {
            let mut e = Entry {
                line: *line,
                code: digits,
                ..Entry::default()
            };
            e.figs.append(&mut pending_figs);
            let mut rest = words.iter().skip(1).peekable();
            if let (3, Some(k)) = (e.code.len(), rest.peek()) {
                if is_kuan(k) {
                    e.code.push_str(&k.text);
                    rest.next();
                }
            }
            if !glued.is_empty() {
                if let Some(w) = first {
                    e.own.push(Word {
                        text: glued,
                        ..w.clone()
                    });
                }
            }
            for w in rest {
                if w.is_number() {
                    e.figs.push(w.clone());
                } else if !w.is_empty_mark() {
                    e.own.push(w.clone());
                }
            }
            entries.push(e);
            continue;
        }
        if footer {
            let mut e = Entry {
                line: *line,
                footer: true,
                ..Entry::default()
            };
            e.figs.append(&mut pending_figs);
            for w in words {
                if w.is_number() {
                    e.figs.push(w.clone());
                } else {
                    e.own.push(w.clone());
                }
            }
            entries.push(e);
            continue;
        }
        // "01 办公费" on the line after "302": the 款 of the class code just read.
        let mut ws: Vec<Word> = words.clone();
        let last_at = entries.len().checked_sub(1);
        let no_run = runs.last().is_none_or(|(at, _)| *at != last_at);
        if let (Some(k), Some(last)) = (ws.first(), entries.last_mut()) {
            // A class code waiting for its 款: nothing read after it yet, or the start of an
            // item's name that is not the class's ("302 公务用车运行维护" / "31" / "费").
            let own: String = last.own.iter().map(|w| w.text.as_str()).collect();
            let class_name = super::class_names::classification().name(&last.code);
            let open = last.code.len() == 3
                && !last.footer
                && (own.is_empty() || class_name.is_some_and(|n| !n.starts_with(&own)));
            if is_kuan(k) && open && (no_run || !own.is_empty()) {
                last.code.push_str(&k.text);
                ws.remove(0);
            }
        }
        // A two-digit word at the start of a line is a 款 code, never a figure.
        if ws.first().is_some_and(is_kuan) {
            ws.remove(0);
        }
        let (figs, texts): (Vec<Word>, Vec<Word>) = ws.into_iter().partition(Word::is_number);
        // Figures beside a label on a line of their own ("30299" / "其他商品和服务支出 0.20")
        // are the row above's when it has none; figures alone on a line are the next row's
        // (a tall row's figure printed above its code).
        let with_label = !texts.is_empty() && !figs.is_empty();
        match entries.last_mut() {
            Some(last) if with_label && last.figs.is_empty() && !last.footer => {
                last.figs.extend(figs)
            }
            _ => pending_figs.extend(figs),
        }
        if !texts.is_empty() {
            let at = entries.len().checked_sub(1);
            runs.push((at, texts));
        }
    }
    // The label lines between two rows: each row the name of its code, else a row whose own
    // line has no label takes what follows it, else as many lines below as above it.
    let known = |code: &str| -> Vec<String> {
        super::class_names::classification()
            .names(code)
            .map(<[String]>::to_vec)
            .unwrap_or_default()
    };
    let text = |ws: &[Word]| -> String { ws.iter().map(|w| w.text.as_str()).collect() };
    let mut above: Vec<Vec<Word>> = vec![Vec::new(); entries.len()];
    let mut below: Vec<Vec<Word>> = vec![Vec::new(); entries.len()];
    let mut k = 0;
    while k < runs.len() {
        let at = runs.get(k).and_then(|r| r.0);
        let group: Vec<Vec<Word>> = runs
            .iter()
            .skip(k)
            .take_while(|r| r.0 == at)
            .map(|r| r.1.clone())
            .collect();
        k += group.len().max(1);
        let next = at.map(|a| a + 1).unwrap_or(0);
        let prev = at;
        let n = group.len();
        let score = |split: usize| -> (u8, usize) {
            let mut s = 0u8;
            if let Some(p) = prev.and_then(|p| entries.get(p)) {
                let name = format!(
                    "{}{}{}",
                    text(&above.get(prev.unwrap_or(0)).cloned().unwrap_or_default()),
                    text(&p.own),
                    group
                        .iter()
                        .take(split)
                        .map(|g| text(g))
                        .collect::<String>()
                );
                if known(&p.code)
                    .iter()
                    .any(|kn| super::class_names::same_name(kn, &name))
                {
                    s += 1;
                }
            }
            if let Some(q) = entries.get(next) {
                let head = format!(
                    "{}{}",
                    group
                        .iter()
                        .skip(split)
                        .map(|g| text(g))
                        .collect::<String>(),
                    text(&q.own)
                );
                if known(&q.code)
                    .iter()
                    .any(|kn| kn.starts_with(&head) || super::class_names::same_name(kn, &head))
                {
                    s += 1;
                }
            }
            let fallback = match prev.and_then(|p| entries.get(p)) {
                None => 0,
                Some(p)
                    if p.own.is_empty()
                        && above.get(prev.unwrap_or(0)).is_none_or(Vec::is_empty) =>
                {
                    n
                }
                Some(_) => above.get(prev.unwrap_or(0)).map_or(0, Vec::len).min(n),
            };
            (s, usize::MAX - split.abs_diff(fallback))
        };
        let best = (0..=n).max_by_key(|s| score(*s)).unwrap_or(0);
        if let Some(p) = prev {
            if let Some(b) = below.get_mut(p) {
                b.extend(group.iter().take(best).flatten().cloned());
            }
        }
        if let Some(a) = above.get_mut(next) {
            a.extend(group.iter().skip(best).flatten().cloned());
        }
    }
    let mut out = Vec::new();
    for (i, e) in entries.into_iter().enumerate() {
        let name: String = above
            .get(i)
            .into_iter()
            .flatten()
            .chain(e.own.iter())
            .chain(below.get(i).into_iter().flatten())
            .map(|w| w.text.as_str())
            .collect();
        let fig: Option<Figure> = e.figs.last().and_then(Word::figure);
        let mut values = vec![None, None, None];
        if let Some(f) = fig {
            if let Some(v) = values.get_mut(0) {
                *v = Some(f.clone());
            }
            if let Some(v) = values.get_mut(if personnel { 1 } else { 2 }) {
                *v = Some(f);
            }
        }
        if e.footer {
            // The side's total: 人员经费合计 / 公用经费合计.
            let name = if personnel {
                "人员经费合计"
            } else {
                "公用经费合计"
            };
            out.push(Row {
                line: e.line,
                kind: RowKind::Total,
                code: None,
                name: name.to_string(),
                project: None,
                values,
                columns_inferred: false,
            });
            continue;
        }
        let code = EconomicCode::parse(&e.code).map(Code::Economic);
        out.push(Row {
            line: e.line,
            kind: if code.is_some() {
                RowKind::Economic
            } else {
                RowKind::Item
            },
            code,
            name,
            project: None,
            values,
            columns_inferred: false,
        });
    }
    out
}

/// Read the table: the rows of the left side, then the right side's.
pub(super) fn read(r: &mut Reader<'_>) -> (Vec<Row>, Vec<Column>) {
    // Where the right side starts on a line: at its code (a code word past the left margin),
    // else at the leftmost column any right-side code is printed in.
    let right_code = |w: &Word| w.col > 10 && code_word(w).is_some();
    let split_est = r
        .body
        .iter()
        .flat_map(|row| row.words.iter().filter(|w| right_code(w)).map(|w| w.col))
        .min()
        .unwrap_or(usize::MAX);
    let mut left: Vec<(usize, Vec<Word>)> = Vec::new();
    let mut right: Vec<(usize, Vec<Word>)> = Vec::new();
    for row in &r.body {
        let at = row
            .words
            .iter()
            .position(&right_code)
            .or_else(|| row.words.iter().position(|w| w.col + 1 >= split_est));
        let (l, rt) = row.words.split_at(at.unwrap_or(row.words.len()));
        left.push((row.line, l.to_vec()));
        right.push((row.line, rt.to_vec()));
    }
    let mut rows = read_side(&left, true);
    rows.extend(read_side(&right, false));
    let c = |n: &str, k: ColumnKey| Column {
        name: n.to_string(),
        key: k,
    };
    (
        rows,
        vec![
            c("决算数", ColumnKey::Total),
            c("人员经费", ColumnKey::Personnel),
            c("公用经费", ColumnKey::PublicUse),
        ],
    )
}
