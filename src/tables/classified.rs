//! Tables whose rows are classification codes: function-classified (收入/支出总表, 一般公共预算
//! 支出表, 政府性基金 …), economic-classified (基本支出表) and project tables (项目支出表).

use super::assign::{placements, solve, Cand};
use super::columns::{self, ColSpec};
use super::layout::{Mode, PhysRow, Word};
use super::{NameBook, Reader};
use crate::model::{
    Code, Column, ColumnKey, EconomicCode, Figure, FunctionCode, IssueKind, ParseIssue, Row,
    RowKind, TableKind,
};
use rust_decimal::Decimal;

/// A row being assembled from words.
#[derive(Debug, Default)]
struct Pending {
    line: usize,
    total: bool,
    code: Option<Code>,
    texts: Vec<Word>,
    nums: Vec<Word>,
    /// Words in value cells that are not numbers ("1..2", "12.345.67"): unknown values.
    bad: Vec<Word>,
    /// The code cells as printed when they are not a classification code ("99999", "2x01",
    /// "301 2"), their column, and the code the row was read as, if any.
    bad_code: Option<(String, usize, Option<Code>)>,
    /// Cells of the printed row (tab layouts).
    cells: usize,
}

/// Words at the start of a row that look like a code but are not one ("99999", "2x01",
/// "999 99 99"): digits and letters starting with a digit, no decimal point.
fn bad_code_prefix(lead: &[&Word]) -> Option<(String, usize)> {
    let code_like = |w: &&&Word| {
        w.text.len() >= 2
            && w.text.starts_with(|c: char| c.is_ascii_digit())
            && w.text.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let first = lead.first().filter(code_like)?;
    if first.text.len() < 3 {
        return None;
    }
    let parts: Vec<&str> = lead
        .iter()
        .take(3)
        .take_while(code_like)
        .map(|w| w.text.as_str())
        .collect();
    Some((parts.join(" "), parts.len()))
}

/// A code printed with a digit missing: "301 2" for 301 02, "201 3 01" for 201 03 01, or
/// a 类 cell cut short, "7 11 02" for 210 11 02. Returns the text as printed, the number of
/// words it takes, and the code it stands for when the row before it leaves no doubt: a
/// one-digit 款/项 is that code with its leading zero when the row sits under the printed
/// class; a broken 类 is the class of the row before when that row has the same 款.
/// A name must follow (the digits are a code cell, not figures).
fn misprinted_code(
    lead: &[&Word],
    economic: bool,
    prev: Option<&Code>,
) -> Option<(String, usize, Option<Code>)> {
    let num = |w: &&Word, max: usize| {
        !w.text.is_empty() && w.text.len() <= max && w.text.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = lead
        .iter()
        .take(if economic { 2 } else { 3 })
        .take_while(|w| num(w, 3))
        .map(|w| w.text.as_str())
        .collect();
    let n = parts.len();
    let name_follows = lead
        .get(n)
        .is_some_and(|w| !w.is_number() && !w.text.is_ascii());
    if n < 2 || !name_follows {
        return None;
    }
    let text = parts.join(" ");
    let first = parts.first().copied().unwrap_or("");
    let pad = |p: &str| {
        if p.len() == 1 {
            format!("0{p}")
        } else {
            p.to_string()
        }
    };
    let tail_ok = parts.iter().skip(1).all(|p| p.len() <= 2);
    if !tail_ok {
        return None;
    }
    let well_formed = first.len() == 3 && parts.iter().skip(1).all(|p| p.len() == 2);
    if well_formed {
        return None;
    }
    let placed = if first.len() == 3 {
        // "301 2": the class is printed, a part lost its leading zero.
        let joined: Vec<String> = std::iter::once(first.to_string())
            .chain(parts.iter().skip(1).map(|p| pad(p)))
            .collect();
        let code = if economic {
            EconomicCode::parse(&joined.join(" ")).map(Code::Economic)
        } else {
            FunctionCode::parse(&joined.join(" ")).map(Code::Function)
        };
        let same_class = match (&code, prev) {
            (Some(Code::Economic(c)), Some(Code::Economic(p))) => c.class == p.class,
            (Some(Code::Function(c)), Some(Code::Function(p))) => c.class == p.class,
            _ => false,
        };
        code.filter(|_| same_class)
    } else if !economic && n == 3 && first.len() < 3 {
        // "7 11 02": the class cell is cut short; the row before, in the same 款, says it.
        match prev {
            Some(Code::Function(p)) if p.item.as_deref() == parts.get(1).copied() => {
                FunctionCode::parse(&format!(
                    "{} {} {}",
                    p.class,
                    parts.get(1).copied().unwrap_or(""),
                    pad(parts.get(2).copied().unwrap_or(""))
                ))
                .map(Code::Function)
            }
            _ => None,
        }
    } else {
        None
    };
    Some((text, n, placed))
}

fn digits(w: &Word, n: usize) -> bool {
    w.text.len() == n && w.text.bytes().all(|b| b.is_ascii_digit())
}

/// Parse a code at the start of `words`; returns the code and how many words it used.
fn code_prefix(words: &[&Word], economic: bool) -> Option<(Code, usize)> {
    let w0 = words.first()?;
    let mk = |s: &str| -> Option<Code> {
        if economic {
            EconomicCode::parse(s).map(Code::Economic)
        } else {
            FunctionCode::parse(s).map(Code::Function)
        }
    };
    if digits(w0, 5) || (digits(w0, 7) && !economic) {
        return mk(&w0.text).map(|c| (c, 1));
    }
    if !digits(w0, 3) {
        return None;
    }
    let mut parts = vec![w0.text.clone()];
    let max = if economic { 2 } else { 3 };
    for w in words.iter().skip(1).take(max - 1) {
        if digits(w, 2) {
            parts.push(w.text.clone());
        } else {
            break;
        }
    }
    let n = parts.len();
    mk(&parts.join(" ")).map(|c| (c, n))
}

fn is_total_word(t: &str) -> bool {
    matches!(t, "合计" | "总计" | "合" | "总") || t.starts_with("合计") || t.starts_with("总计")
}

/// Does a physical row start a table row (code or 合计)?
pub(super) fn starts_row(row: &PhysRow, economic: bool, first_value_slot: usize) -> bool {
    let lead: Vec<&Word> = row
        .words
        .iter()
        .filter(|w| w.slot.map(|s| s < first_value_slot.max(1)).unwrap_or(true))
        .collect();
    if code_prefix(&lead, economic).is_some() {
        return true;
    }
    lead.first()
        .map(|w| is_total_word(&w.text))
        .unwrap_or(false)
        && row.words.iter().any(|w| w.is_number())
}

/// Split a run of text words into the row's subject name and its project name, using the
/// name the document gives that code elsewhere: reading-order text interleaves the two cells'
/// wrapped pieces ("其他" "网络" "政府" "办公" …), so the pieces that continue the known name
/// belong to it and the others to the project.
fn split_project(texts: &[String], known: Option<&str>) -> (String, Option<String>) {
    let Some(known) = known else {
        return (String::new(), Some(texts.concat()));
    };
    let mut rest: &str = known;
    let mut name = String::new();
    let mut project = String::new();
    for t in texts {
        if !rest.is_empty() && rest.starts_with(t.as_str()) {
            name.push_str(t);
            rest = rest.get(t.len()..).unwrap_or("");
        } else {
            project.push_str(t);
        }
    }
    if name.is_empty() {
        return (String::new(), Some(texts.concat()));
    }
    (
        name,
        if project.is_empty() {
            None
        } else {
            Some(project)
        },
    )
}

/// The row identities of a kind, as (total column, component columns), used to rank
/// placements of figures.
fn identities(kind: TableKind, cols: &[Column]) -> Vec<(usize, Vec<usize>)> {
    use ColumnKey::*;
    let idx = |k: &ColumnKey| cols.iter().position(|c| &c.key == k);
    let mut out = Vec::new();
    let Some(t) = idx(&Total) else { return out };
    let comps: Vec<usize> = match kind {
        TableKind::BasicEconomic => [Personnel, PublicUse].iter().filter_map(idx).collect(),
        TableKind::Projects => cols
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.key, Economic(_)))
            .map(|(i, _)| i)
            .collect(),
        TableKind::Income => {
            // 财政拨款 is a subtotal only beside the funds it adds up (一般公共预算 …); in a
            // 决算's 收入决算表 it is a source like the others.
            let subtotal = cols
                .iter()
                .any(|c| matches!(c.key, GeneralBudget | GovFund | StateCapital));
            cols.iter()
                .enumerate()
                .filter(|(_, c)| {
                    !(matches!(c.key, Total | Other(_)) || subtotal && c.key == Appropriation)
                })
                .map(|(i, _)| i)
                .collect()
        }
        _ => [Basic, Project].iter().filter_map(idx).collect(),
    };
    if !comps.is_empty() {
        out.push((t, comps));
    }
    out
}

/// Prior cost of putting a lone component figure in column `c` for this row: the usual home
/// of a code (行政运行 and social-security items are 基本支出, 301/303 are 人员经费 …).
fn prior(code: Option<&Code>, cols: &[Column], placement: &[usize]) -> u32 {
    use ColumnKey::*;
    let mut cost = 0;
    for (i, c) in placement.iter().enumerate() {
        let Some(col) = cols.get(*c) else { continue };
        cost += match (&col.key, code) {
            (Basic, Some(Code::Function(f))) => {
                let basic_like = f.sub.as_deref() == Some("01")
                    || matches!(f.class.as_str(), "208" | "210" | "221")
                    || f.joined().starts_with("2080505")
                    || f.joined().starts_with("2080506");
                if basic_like {
                    0
                } else {
                    2
                }
            }
            (Project, Some(Code::Function(f))) => {
                if f.sub.as_deref() == Some("01")
                    || matches!(f.class.as_str(), "208" | "210" | "221")
                {
                    3
                } else {
                    1
                }
            }
            (Personnel, Some(Code::Economic(e))) => u32::from(e.class == "302"),
            (PublicUse, Some(Code::Economic(e))) => u32::from(e.class != "302") * 2,
            (Economic(k), _) => match k.as_str() {
                "302" => 0,
                "310" => 1,
                "303" => 2,
                _ => 3,
            },
            _ => (i as u32).min(3),
        };
    }
    cost
}

/// Type a code-classified table.
pub(super) fn read(r: &mut Reader<'_>, names: &NameBook) -> Vec<Row> {
    let kind = r.region.kind;
    let economic = kind == TableKind::BasicEconomic
        || (kind == TableKind::Other
            && r.body.iter().any(|row| {
                row.words
                    .first()
                    .map(|w| w.text.starts_with('3'))
                    .unwrap_or(false)
            }));
    let first_value = r.first_value_slot;
    if r.mode == Mode::Spaced && r.cols.iter().all(|c| c.x2.is_some()) && !r.cols.is_empty() {
        let body = std::mem::take(&mut r.body);
        r.body = settle_rows(body, &r.cols, kind, economic, names);
    }
    // 1. Assemble rows.
    let mut pend: Vec<Pending> = Vec::new();
    for row in &r.body {
        // A caption row repeated on a continuation page that differs in spacing from the
        // first header: no figure, no code, captions in several cells.
        if !matches!(r.mode, Mode::Flow) && !row.words.iter().any(|w| w.is_number()) {
            let mut slots: Vec<usize> = row.words.iter().filter_map(|w| w.slot).collect();
            slots.dedup();
            let cells = if slots.is_empty() {
                super::layout::spaced_cells(row).len()
            } else {
                slots.len()
            };
            if cells >= 3 && !starts_row(row, economic, first_value) {
                continue;
            }
        }
        let lead: Vec<&Word> = row
            .words
            .iter()
            .filter(|w| w.slot.map(|s| s < first_value.max(1)).unwrap_or(true))
            .collect();
        // A code printed with a digit missing ("301 2", "7 11 02") starts a row of its own;
        // its digits are a code cell, never figures.
        let misprinted = if r.mode == Mode::Flow {
            None
        } else {
            let prev_code = pend.iter().rev().find_map(|p| p.code.as_ref());
            misprinted_code(&lead, economic, prev_code)
        };
        let code = if misprinted.is_some() {
            None
        } else {
            code_prefix(&lead, economic)
        };
        let total = code.is_none()
            && misprinted.is_none()
            && lead
                .first()
                .map(|w| is_total_word(&w.text))
                .unwrap_or(false);
        let skip = code.as_ref().map(|(_, n)| *n).unwrap_or(0);
        let continues = code.is_none() && !total && misprinted.is_none();
        if continues
            && (matches!(r.mode, Mode::Flow)
                || pend.last().map(|p| p.nums.is_empty()).unwrap_or(false))
        {
            // Reading order: a piece of the current row (wrapped name, its figures).
            if let Some(p) = pend.last_mut() {
                for (i, w) in row.words.iter().enumerate() {
                    let numeric_slot = w.slot.map(|s| s >= first_value).unwrap_or(true);
                    let value_place = numeric_slot
                        && (i > 0 || !p.texts.is_empty() || p.code.is_some() || p.total);
                    if value_place && w.is_empty_mark() {
                        // "-" / "—" in a value cell: an empty cell, not part of the name.
                        continue;
                    }
                    if value_place && w.is_malformed_number() {
                        p.bad.push(w.clone());
                        continue;
                    }
                    if w.is_number() && value_place {
                        p.nums.push(w.clone());
                    } else {
                        p.texts.push(w.clone());
                    }
                }
                continue;
            }
        }
        if continues && !row.words.iter().any(|w| w.is_number()) {
            // A wrapped name on its own line in a row-per-line layout.
            if let Some(p) = pend.last_mut() {
                p.texts.extend(row.words.iter().cloned());
                continue;
            }
        }
        // A code cell that is not a code ("99999", "2x01"): the row is kept as an uncoded
        // item and reported (T103), not silently left out of every subtotal. Reading-order
        // text is left out: there a row may start with a wrapped figure.
        let bad_code = if code.is_none() && !total && r.mode != Mode::Flow {
            misprinted.or_else(|| {
                bad_code_prefix(&lead)
                    .filter(|(_, n)| {
                        let rest = lead.get(*n..).unwrap_or_default();
                        rest.iter().any(|w| !w.is_number()) && row.words.iter().any(Word::is_number)
                    })
                    .map(|(text, n)| (text, n, None))
            })
        } else {
            None
        };
        let skip = skip.max(bad_code.as_ref().map_or(0, |(_, n, _)| *n));
        let placed = bad_code.as_ref().and_then(|(_, _, c)| c.clone());
        let mut p = Pending {
            line: row.line,
            total,
            code: code.map(|(c, _)| c).or(placed),
            bad_code: bad_code.map(|(text, _, placed)| {
                let col = row.words.first().map_or(0, |w| w.col);
                (text, col, placed)
            }),
            cells: row.cells,
            ..Default::default()
        };
        for (i, w) in row.words.iter().enumerate().skip(skip) {
            if total && i == skip {
                continue;
            }
            let numeric_slot = w.slot.map(|s| s >= first_value).unwrap_or(true);
            let after_label = !p.texts.is_empty()
                || matches!(r.mode, Mode::TabLine | Mode::TabGrouped)
                || p.total;
            let value_place = numeric_slot && (after_label || p.code.is_some());
            if value_place && w.is_empty_mark() {
                // "-" / "—" in a value cell: an empty cell, not part of the name.
                continue;
            }
            if value_place && w.is_malformed_number() {
                p.bad.push(w.clone());
                continue;
            }
            if w.is_number() && numeric_slot && after_label {
                p.nums.push(w.clone());
            } else if w.is_number() && numeric_slot && p.code.is_some() {
                // A figure right after the code: the name is missing or wrapped away.
                p.nums.push(w.clone());
            } else {
                p.texts.push(w.clone());
            }
        }
        pend.push(p);
    }
    // Drop rows without code and without figures that are leftovers (e.g. a stray caption).
    pend.retain(|p| p.code.is_some() || p.total || !p.nums.is_empty() || !p.bad.is_empty());
    unreadable_cells(r, &pend);

    // 2. Columns.
    let cols: Vec<Column> = r.cols.iter().map(|c| c.column.clone()).collect();
    let m = cols.len();
    let total_first = cols
        .first()
        .map(|c| c.key == ColumnKey::Total)
        .unwrap_or(false);
    let ids = identities(kind, &cols);
    let mut vals: Vec<Vec<Decimal>> = Vec::new();
    let mut cands: Vec<Vec<Cand>> = Vec::new();
    let mut figs_per_row: Vec<Vec<Figure>> = Vec::new();
    for p in &pend {
        let figs: Vec<Figure> = p.nums.iter().filter_map(Word::figure).collect();
        let k = figs.len();
        let mut cs: Vec<Cand> = Vec::new();
        // Known positions: tab slot or horizontal position.
        let by_slot: Option<Vec<usize>> = if p.nums.iter().all(|w| w.slot.is_some())
            && r.cols.iter().all(|c| c.slot.is_some())
            && k > 0
        {
            p.nums
                .iter()
                .map(|w| r.cols.iter().position(|c| c.slot == w.slot))
                .collect()
        } else {
            None
        };
        if let Some(pos) = by_slot {
            cs.push(Cand { cols: pos, cost: 0 });
        } else if k == m && k > 0 {
            cs.push(Cand {
                cols: (0..m).collect(),
                cost: 0,
            });
        } else if k > 0 && k < m {
            for pl in placements(k, m, total_first) {
                let mut cost = prior(p.code.as_ref(), &cols, pl.get(1..).unwrap_or(&[]));
                // Horizontal position, where the header gave one.
                for (w, c) in p.nums.iter().zip(pl.iter()) {
                    if let Some(x2) = r.cols.get(*c).and_then(|c| c.x2) {
                        let d = (w.center2() as i64 - x2 as i64).unsigned_abs();
                        cost += (d / 4).min(40) as u32 * 5;
                    }
                }
                // Row identity.
                let v = {
                    let mut v = vec![Decimal::ZERO; m];
                    for (f, c) in figs.iter().zip(pl.iter()) {
                        if let Some(s) = v.get_mut(*c) {
                            *s = f.value;
                        }
                    }
                    v
                };
                for (t, comps) in &ids {
                    let present = pl.iter().any(|c| comps.contains(c));
                    if present && pl.contains(t) {
                        let s: Decimal = comps.iter().filter_map(|c| v.get(*c)).sum();
                        if (s - v.get(*t).copied().unwrap_or_default()).abs()
                            > Decimal::new(1, 2) * Decimal::from(comps.len() + 1)
                        {
                            cost += 500;
                        }
                    }
                }
                cs.push(Cand { cols: pl, cost });
            }
        }
        if cs.is_empty() && k > 0 {
            r.issues.push(ParseIssue::new(p.line, format!(
                    "该行有 {k} 个数字，但表头只有 {m} 个数值列，无法对应 (row has {k} figures for {m} value columns)"
                )));
            cs.push(Cand {
                cols: (0..k.min(m)).collect(),
                cost: 0,
            });
        }
        vals.push(figs.iter().map(|f| f.value).collect());
        figs_per_row.push(figs);
        cands.push(cs);
    }
    // 3. Hierarchy for the solver: parent = nearest enclosing code row, else the total row.
    let total_idx = pend.iter().rposition(|p| p.total);
    // First row of each code, looked up instead of scanned so that a table of many rows
    // stays linear.
    let mut first_row: std::collections::HashMap<&Code, usize> = std::collections::HashMap::new();
    for (j, q) in pend.iter().enumerate() {
        if let Some(c) = &q.code {
            first_row.entry(c).or_insert(j);
        }
    }
    let up_of = |c: &Code| match c {
        Code::Function(f) => f.parent().map(Code::Function),
        Code::Economic(e) => e.parent().map(Code::Economic),
    };
    let parent: Vec<Option<usize>> = pend
        .iter()
        .map(|p| {
            let code = p.code.as_ref()?;
            let mut up = up_of(code);
            while let Some(u) = up {
                if let Some(&j) = first_row.get(&u) {
                    return Some(j);
                }
                up = up_of(&u);
            }
            total_idx
        })
        .collect();
    // A column that is empty in the 合计 row is empty in every row: keep only placements
    // into the columns the total row uses (when the total row's own placement is certain).
    if let Some(t) = total_idx {
        if let Some([only]) = cands.get(t).map(Vec::as_slice) {
            let used: Vec<usize> = only.cols.clone();
            for (i, cs) in cands.iter_mut().enumerate() {
                if i == t || cs.len() < 2 {
                    continue;
                }
                let keep: Vec<Cand> = cs
                    .iter()
                    .filter(|c| c.cols.iter().all(|x| used.contains(x)))
                    .cloned()
                    .collect();
                if !keep.is_empty() {
                    *cs = keep;
                }
            }
        }
    }
    let tol = Decimal::new(5, 3);
    let chosen = solve(&vals, &cands, &parent, m, tol);

    // 4. Rows.
    let positional = !r.cols.is_empty() && r.cols.iter().all(|c| c.x2.is_some());
    let mut out = Vec::new();
    for (i, p) in pend.into_iter().enumerate() {
        let mut values: Vec<Option<Figure>> = vec![None; m];
        let cs = cands.get(i);
        let pick = cs.and_then(|cs| cs.get(*chosen.get(i).unwrap_or(&0)));
        if let (Some(pick), Some(figs)) = (pick, figs_per_row.get(i)) {
            for (f, c) in figs.iter().zip(pick.cols.iter()) {
                if let Some(slot) = values.get_mut(*c) {
                    *slot = Some(f.clone());
                }
            }
        }
        let texts: Vec<String> = p.texts.iter().map(|w| w.text.clone()).collect();
        let (name, project) = if p.total {
            ("合计".to_string(), None)
        } else if kind == TableKind::Projects {
            project_names(&p, &texts, names, first_value, r.mode)
        } else {
            (texts.concat(), None)
        };
        let row_kind = if p.total {
            RowKind::Total
        } else if project.is_some() {
            RowKind::Project
        } else {
            match p.code {
                Some(Code::Economic(_)) => RowKind::Economic,
                Some(Code::Function(_)) => RowKind::Function,
                None => RowKind::Item,
            }
        };
        out.push(Row {
            line: p.line,
            kind: row_kind,
            code: p.code,
            name,
            project,
            values,
            // Placed by the header's positions (`pdftotext -layout`), a figure's column is
            // known; only without positions was it inferred from the identities.
            columns_inferred: !positional && cs.map(|c| c.len() > 1).unwrap_or(false),
        });
    }
    out
}

/// A printed line of a spaced table, as `settle_rows` sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LineRole {
    /// Starts a row: a code (well-formed or misprinted) or 合计.
    Anchor,
    /// Figures only: a tall row's figures printed apart from its label.
    Figures,
    /// Label text only: a wrapped row label.
    Text,
    /// Anything else (left as it is).
    Other,
}

/// `pdftotext -layout` prints a tall row's cells at different heights: its figures on a line
/// above or below its code, its wrapped label over two or three lines around it ("机关事业单位"
/// / "2080505 基本养老保险 6.18" / "缴费支出", or the code line first and the label below).
/// Put each row back together before it is read:
/// - a line of figures joins the nearest row (below first, then above) that has no figure in
///   those columns yet, preferring one whose row total then adds up;
/// - the label lines between two rows are split between them so that each row's name is the
///   name of its code: the classification's (rules/classification.toml) or the one the
///   document prints elsewhere; where no name is known, a row whose own line has no label
///   takes the lines below it, otherwise the lines around a row are shared like its label
///   was centred (as many below as above).
fn settle_rows(
    rows: Vec<PhysRow>,
    cols: &[ColSpec],
    kind: TableKind,
    economic: bool,
    names: &NameBook,
) -> Vec<PhysRow> {
    let x2s: Vec<usize> = cols.iter().filter_map(|c| c.x2).collect();
    let first_x2 = x2s.first().copied().unwrap_or(0);
    let gap = x2s
        .windows(2)
        .filter_map(|w| Some(w.get(1)?.saturating_sub(*w.first()?)))
        .min()
        .unwrap_or(40);
    // Words left of this (doubled centre) are labels, right of it figures.
    let value_start = first_x2.saturating_sub(gap.max(16) / 2 + 8);
    let role = |row: &PhysRow| -> LineRole {
        let lone_total =
            row.words.len() == 1 && row.words.first().is_some_and(|w| is_total_word(&w.text));
        if lone_total || starts_row(row, economic, usize::MAX) || {
            let lead: Vec<&Word> = row.words.iter().collect();
            misprinted_code(&lead, economic, None).is_some()
        } {
            return LineRole::Anchor;
        }
        let nums = row.words.iter().filter(|w| w.is_number()).count();
        if nums > 0
            && nums == row.words.len()
            && row.words.iter().all(|w| w.center2() >= value_start)
        {
            return LineRole::Figures;
        }
        if nums == 0 && row.words.iter().all(|w| w.center2() < value_start) && !row.words.is_empty()
        {
            return LineRole::Text;
        }
        LineRole::Other
    };
    let mut rows: Vec<(LineRole, PhysRow)> = rows.into_iter().map(|r| (role(&r), r)).collect();
    let col_of = |w: &Word| -> Option<usize> {
        x2s.iter()
            .enumerate()
            .min_by_key(|(_, x)| x.abs_diff(w.center2()))
            .map(|(i, _)| i)
    };
    let ids = identities(
        kind,
        &cols.iter().map(|c| c.column.clone()).collect::<Vec<_>>(),
    );
    // 1. Lines of figures.
    let mut i = 0;
    while i < rows.len() {
        if rows.get(i).map(|(r, _)| *r) != Some(LineRole::Figures) {
            i += 1;
            continue;
        }
        let figs: Vec<Word> = rows
            .get(i)
            .map(|(_, r)| r.words.clone())
            .unwrap_or_default();
        let fig_cols: Vec<Option<usize>> = figs.iter().map(&col_of).collect();
        let free = |j: usize| -> Option<(bool, usize)> {
            let (role, t) = rows.get(j)?;
            if *role != LineRole::Anchor {
                return None;
            }
            let taken: Vec<Option<usize>> = t
                .words
                .iter()
                .filter(|w| w.is_number() && w.center2() >= value_start)
                .map(&col_of)
                .collect();
            if fig_cols.iter().any(|c| c.is_some() && taken.contains(c)) {
                return None;
            }
            // Does the row then add up (合计 = its parts)?
            let mut v: Vec<Option<Decimal>> = vec![None; x2s.len()];
            for w in t
                .words
                .iter()
                .filter(|w| w.is_number() && w.center2() >= value_start)
                .chain(figs.iter())
            {
                if let (Some(c), Some(f)) = (col_of(w), w.figure()) {
                    if let Some(s) = v.get_mut(c) {
                        *s = Some(f.value);
                    }
                }
            }
            let adds_up = ids.iter().all(|(tc, parts)| {
                let total = v.get(*tc).copied().flatten();
                let sum: Decimal = parts
                    .iter()
                    .filter_map(|p| v.get(*p).copied().flatten())
                    .sum();
                total.is_none_or(|t| {
                    (t - sum).abs() <= Decimal::new(1, 2) * Decimal::from(parts.len() + 1)
                })
            });
            Some((adds_up, j))
        };
        // The nearest row below and above (label lines and other figure lines between).
        let is_anchor = |j: &usize| rows.get(*j).is_some_and(|(r, _)| *r == LineRole::Anchor);
        let below = (i + 1..rows.len().min(i + 5))
            .filter(is_anchor)
            .take(1)
            .find_map(&free);
        let above = (i.saturating_sub(4)..i)
            .rev()
            .filter(is_anchor)
            .take(1)
            .find_map(&free);
        let target = match (below, above) {
            (Some((true, b)), _) => Some(b),
            (Some((false, b)), Some((true, a))) => Some(a).or(Some(b)),
            (Some((_, b)), _) => Some(b),
            (None, Some((_, a))) => Some(a),
            (None, None) => None,
        };
        match target {
            Some(j) => {
                if let Some((_, t)) = rows.get_mut(j) {
                    t.words.extend(figs);
                    t.words.sort_by_key(|w| w.col);
                }
                rows.remove(i);
            }
            None => i += 1,
        }
    }
    // 2. Wrapped labels: the runs of label lines between rows.
    let known = |code: &Option<Code>| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        if let Some(c) = code {
            let d: String = c
                .to_string()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            if let Some(n) = super::class_names::classification().names(&d) {
                v.extend(n.iter().cloned());
            }
            if let Code::Function(f) = c {
                if let Some(n) = names.get(f) {
                    v.push(n.to_string());
                }
            }
        }
        v
    };
    let code_of = |row: &PhysRow| -> Option<Code> {
        let lead: Vec<&Word> = row.words.iter().collect();
        code_prefix(&lead, economic).map(|(c, _)| c)
    };
    let own_text = |row: &PhysRow| -> String {
        let lead: Vec<&Word> = row.words.iter().collect();
        let skip = code_prefix(&lead, economic).map(|(_, n)| n).unwrap_or(0);
        row.words
            .iter()
            .skip(skip)
            .filter(|w| !w.is_number() && w.center2() < value_start)
            .map(|w| w.text.as_str())
            .collect()
    };
    let anchors: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, (r, _))| *r == LineRole::Anchor)
        .map(|(i, _)| i)
        .collect();
    // Label lines assigned to each anchor: (lines above, lines below), as row indices.
    let mut above: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    let mut below: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    let text_between = |a: usize, b: usize| -> Vec<usize> {
        (a + 1..b)
            .filter(|j| rows.get(*j).is_some_and(|(r, _)| *r == LineRole::Text))
            .collect()
    };
    let joined = |idx: &[usize]| -> String {
        idx.iter()
            .filter_map(|j| rows.get(*j))
            .flat_map(|(_, r)| r.words.iter().map(|w| w.text.as_str()))
            .collect()
    };
    let first_anchor = anchors.first().copied();
    if let Some(fa) = first_anchor {
        // Label lines before the first row, after the header: the first row's.
        let lead: Vec<usize> = (0..fa)
            .filter(|j| rows.get(*j).is_some_and(|(r, _)| *r == LineRole::Text))
            .collect();
        above.insert(fa, lead);
    }
    for w in anchors.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
            continue;
        };
        let run = text_between(a, b);
        if run.is_empty() {
            continue;
        }
        let (Some((_, ra)), Some((_, rb))) = (rows.get(a), rows.get(b)) else {
            continue;
        };
        let (ka, kb) = (known(&code_of(ra)), known(&code_of(rb)));
        let a_above = above.get(&a).cloned().unwrap_or_default();
        let (a_own, b_own) = (own_text(ra), own_text(rb));
        let score = |k: usize| -> (u8, u8) {
            let name_a = format!(
                "{}{}{}",
                joined(&a_above),
                a_own,
                joined(run.get(..k).unwrap_or(&[]))
            );
            let head_b = format!("{}{}", joined(run.get(k..).unwrap_or(&[])), b_own);
            let full_a = u8::from(ka.iter().any(|n| super::class_names::same_name(n, &name_a)));
            let prefix_b = u8::from(
                kb.iter()
                    .any(|n| n.starts_with(&head_b) || super::class_names::same_name(n, &head_b)),
            );
            (full_a + prefix_b, full_a)
        };
        // Without a known name: a row whose line has no label takes what follows it; else
        // as many lines below as above (a centred label).
        let fallback = if a_own.is_empty() && a_above.is_empty() {
            run.len()
        } else {
            a_above.len().min(run.len())
        };
        let best = (0..=run.len())
            .max_by_key(|k| {
                (
                    score(*k),
                    u8::from(*k == fallback),
                    usize::MAX - k.abs_diff(fallback),
                )
            })
            .unwrap_or(fallback);
        below.insert(a, run.get(..best).unwrap_or(&[]).to_vec());
        above.insert(b, run.get(best..).unwrap_or(&[]).to_vec());
    }
    if let Some(&last) = anchors.last() {
        // After the last row (before 合计 there is always an anchor): its own.
        let rest: Vec<usize> = (last + 1..rows.len())
            .filter(|j| rows.get(*j).is_some_and(|(r, _)| *r == LineRole::Text))
            .collect();
        if !rest.is_empty() {
            below.insert(last, rest);
        }
    }
    // Rebuild: each anchor with its label lines' words put after its code, in reading order.
    let mut used = vec![false; rows.len()];
    for v in above.values().chain(below.values()) {
        for j in v {
            if let Some(u) = used.get_mut(*j) {
                *u = true;
            }
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, (r, row)) in rows.iter().enumerate() {
        if used.get(i).copied().unwrap_or(false) {
            continue;
        }
        let none =
            |m: &std::collections::HashMap<usize, Vec<usize>>| m.get(&i).is_none_or(Vec::is_empty);
        if *r != LineRole::Anchor || (none(&above) && none(&below)) {
            out.push(row.clone());
            continue;
        }
        let lead: Vec<&Word> = row.words.iter().collect();
        let skip = misprinted_code(&lead, economic, None)
            .map(|(_, n, _)| n)
            .or_else(|| code_prefix(&lead, economic).map(|(_, n)| n))
            .unwrap_or(0);
        let mut words: Vec<Word> = row.words.iter().take(skip).cloned().collect();
        let pieces = |idx: &[usize]| -> Vec<Word> {
            idx.iter()
                .filter_map(|j| rows.get(*j))
                .flat_map(|(_, r)| r.words.iter().cloned())
                .collect()
        };
        words.extend(pieces(above.get(&i).map(Vec::as_slice).unwrap_or(&[])));
        words.extend(
            row.words
                .iter()
                .skip(skip)
                .filter(|w| !w.is_number())
                .cloned(),
        );
        words.extend(pieces(below.get(&i).map(Vec::as_slice).unwrap_or(&[])));
        words.extend(
            row.words
                .iter()
                .skip(skip)
                .filter(|w| w.is_number())
                .cloned(),
        );
        out.push(PhysRow {
            words,
            line: row.line,
            cells: row.cells,
        });
    }
    out
}

/// Issues for what rows printed but could not be read: malformed numbers in value cells
/// (T003), code cells that are not codes (T103), and, in one-row-per-line tab text, rows with
/// more or fewer cells than the table's other rows, whose figures cannot be placed (T003).
fn unreadable_cells(r: &mut Reader<'_>, pend: &[Pending]) {
    let mut out: Vec<ParseIssue> = Vec::new();
    let col_of = |w: &Word| -> Option<usize> {
        w.slot
            .and_then(|s| r.cols.iter().position(|c| c.slot == Some(s)))
    };
    let counts = cell_counts(pend);
    for p in pend {
        if let Some((text, col, placed)) = &p.bad_code {
            let mut i = ParseIssue::bilingual(
                p.line,
                format!("“{text}”不是科目编码"),
                format!("“{text}” is not a classification code"),
            );
            i.kind = IssueKind::Code {
                text: text.clone(),
                placed: placed.clone(),
            };
            i.col = Some((*col, text.chars().count()));
            out.push(i);
        }
        if r.mode == Mode::TabLine && p.cells > 0 {
            if let Some(usual) = counts.filter(|c| *c != p.cells) {
                let n = p.cells;
                let mut i = ParseIssue::bilingual(
                    p.line,
                    format!(
                        "该行有 {n} 格，本表其他行有 {usual} 格：多了或少了一格，数字所在的列无法确定，该行未核对"
                    ),
                    format!(
                        "the row has {n} cells where the table's other rows have {usual}: a cell is \
                         missing or extra, so the columns of its figures are unknown; the row was not checked"
                    ),
                );
                i.kind = IssueKind::Cell {
                    row: p.line,
                    column: None,
                };
                out.push(i);
            }
        }
        for w in &p.bad {
            let column = col_of(w);
            let text = &w.text;
            let (zh, en) = match column.and_then(|c| r.cols.get(c)) {
                Some(c) => {
                    let name = &c.column.name;
                    (
                        format!("“{name}”列的单元格“{text}”不是可读的数字，该格未核对"),
                        format!(
                            "cell “{text}” in column “{name}” is not a readable number: it was not checked"
                        ),
                    )
                }
                None => (
                    format!("单元格“{text}”不是可读的数字，所在列无法确定，该行未核对"),
                    format!(
                        "cell “{text}” is not a readable number and its column is unknown: the row \
                         was not checked"
                    ),
                ),
            };
            out.push(w.issue(
                zh,
                en,
                IssueKind::Cell {
                    row: p.line,
                    column,
                },
            ));
        }
    }
    r.issues.extend(out);
}

/// The number of cells most data rows of a tab table have, when most rows (60 %, at least 3)
/// agree on it.
fn cell_counts(pend: &[Pending]) -> Option<usize> {
    let mut freq: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for p in pend.iter().filter(|p| p.cells > 0) {
        *freq.entry(p.cells).or_default() += 1;
    }
    let n: usize = freq.values().sum();
    let (cells, top) = freq.into_iter().max_by_key(|(c, f)| (*f, *c))?;
    (n >= 3 && top * 10 >= n * 6).then_some(cells)
}

/// Subject name and project name of a project-table row.
fn project_names(
    p: &Pending,
    texts: &[String],
    names: &NameBook,
    first_value: usize,
    mode: Mode,
) -> (String, Option<String>) {
    let code = match &p.code {
        Some(Code::Function(f)) => Some(f),
        _ => None,
    };
    let level3 = code.map(|c| c.level() == 3).unwrap_or(false);
    if matches!(mode, Mode::TabLine | Mode::TabGrouped) {
        // The project name is the text cell just before the value columns.
        let proj: String = p
            .texts
            .iter()
            .filter(|w| w.slot == Some(first_value.saturating_sub(1)))
            .map(|w| w.text.as_str())
            .collect();
        let name: String = p
            .texts
            .iter()
            .filter(|w| w.slot != Some(first_value.saturating_sub(1)))
            .map(|w| w.text.as_str())
            .collect();
        if !proj.is_empty() && !name.is_empty() {
            return (name, Some(proj));
        }
        if !proj.is_empty() && level3 {
            return (String::new(), Some(proj));
        }
        return (texts.concat(), None);
    }
    let known = code.and_then(|c| names.get(c));
    if !level3 {
        return (texts.concat(), None);
    }
    let (name, project) = split_project(texts, known);
    match project {
        Some(pj) => (name, Some(pj)),
        None => (name, None),
    }
}

/// Column specs when none could be read from the header.
pub(super) fn fallback_columns(kind: TableKind) -> Vec<ColSpec> {
    columns::canonical(kind)
        .into_iter()
        .map(|column| ColSpec {
            column,
            slot: None,
            x2: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_split_interleaved() {
        let t: Vec<String> = [
            "其他",
            "网络",
            "政府",
            "办公",
            "厅",
            "（室）",
            "及相",
            "关机",
            "构事",
            "务支",
            "出",
            "系统",
            "运营",
            "维护",
            "项目",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (n, p) = split_project(&t, Some("其他政府办公厅（室）及相关机构事务支出"));
        assert_eq!(n, "其他政府办公厅（室）及相关机构事务支出");
        assert_eq!(p.as_deref(), Some("网络系统运营维护项目"));
    }
}
