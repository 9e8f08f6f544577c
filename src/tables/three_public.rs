//! The "三公"经费 table: 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and
//! 公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费. Printed either as one row of figures
//! under a two-level header, or transposed (one line per item, columns by fund source).

use super::assign::placements;
use super::columns::{self, ColSpec};
use super::layout::Word;
use super::Reader;
use crate::model::{Column, ColumnKey, Figure, Row, RowKind, TableKind};
use rust_decimal::Decimal;

fn canonical_cols(found: &[ColSpec]) -> Vec<ColSpec> {
    let keys: Vec<ColumnKey> = found.iter().map(|c| c.column.key.clone()).collect();
    let mut out: Vec<ColSpec> = columns::canonical(TableKind::ThreePublic)
        .into_iter()
        .filter(|c| keys.contains(&c.key) || c.key == ColumnKey::Total)
        .map(|column| ColSpec {
            column,
            slot: None,
            x2: None,
        })
        .collect();
    if keys.contains(&ColumnKey::OfficeOperation) {
        out.push(ColSpec {
            column: Column {
                name: "机关运行经费".into(),
                key: ColumnKey::OfficeOperation,
            },
            slot: None,
            x2: None,
        });
    }
    out
}

/// The columns of a transposed table (one line per item): every item.
fn transposed_cols() -> Vec<ColSpec> {
    canonical_cols(
        &columns::canonical(TableKind::ThreePublic)
            .into_iter()
            .map(|column| ColSpec {
                column,
                slot: None,
                x2: None,
            })
            .collect::<Vec<_>>(),
    )
}

/// The item a line of a transposed table names ("其中：公务用车购置及运行费小计" is the
/// subtotal).
fn line_item(label: &str) -> Option<ColumnKey> {
    if label.contains("小计") && label.contains("公务用车") {
        return Some(ColumnKey::Vehicle);
    }
    columns::key_of(label, TableKind::ThreePublic)
}

/// Identities violated by a placement of values.
fn violations(v: &[Option<Decimal>], cols: &[ColSpec]) -> u32 {
    use ColumnKey::*;
    let get = |k: ColumnKey| -> Option<Decimal> {
        cols.iter()
            .position(|c| c.column.key == k)
            .and_then(|i| v.get(i).copied().flatten())
    };
    let z = |o: Option<Decimal>| o.unwrap_or_default();
    let mut bad = 0;
    if let Some(t) = get(Total) {
        if (t - z(get(Abroad)) - z(get(Vehicle)) - z(get(Reception))).abs() > Decimal::new(2, 2) {
            bad += 1;
        }
    }
    // The 公务用车 subtotal is printed whenever one of its parts is.
    if get(Vehicle).is_none() && (get(VehiclePurchase).is_some() || get(VehicleOperation).is_some())
    {
        bad += 1;
    }
    if let Some(vh) = get(Vehicle) {
        if (vh - z(get(VehiclePurchase)) - z(get(VehicleOperation))).abs() > Decimal::new(2, 2) {
            bad += 1;
        }
    }
    bad
}

/// Which of a 决算's paired columns a caption word names: 预算数 (false) or 决算数 (true).
fn pair_word(t: &str) -> Option<bool> {
    match t {
        "预算数" | "预算" | "年初预算数" | "全年预算数" | "预算数（年初）" => {
            Some(false)
        }
        "决算数" | "决算" | "支出决算数" => Some(true),
        _ => None,
    }
}

/// A 决算's 三公 table prints a 预算数 and a 决算数 under every item ("预算数 决算数 预算数
/// 决算数 …" under 合计, 因公出国（境）费, …): two rows, the 预算数 (last year's plan) and the
/// 决算数 (the outturn, the row the rest of the document reports: the table's total row).
/// Transposed, the items are lines and 预算数 / 决算数 two columns. `None` when the table has
/// no such pairs.
fn budget_final_pairs(r: &mut Reader<'_>) -> Option<Vec<Row>> {
    let pos =
        r.header.iter().chain(r.body.iter()).position(|p| {
            p.words.len() >= 2 && p.words.iter().all(|w| pair_word(&w.text).is_some())
        })?;
    let all: Vec<&super::layout::PhysRow> = r.header.iter().chain(r.body.iter()).collect();
    let pair_row = *all.get(pos)?;
    let marks: Vec<(usize, bool)> = pair_row
        .words
        .iter()
        .filter_map(|w| pair_word(&w.text).map(|f| (w.center2(), f)))
        .collect();
    let finals = marks.iter().filter(|(_, f)| *f).count();
    if finals == 0 || finals == marks.len() {
        return None;
    }
    let below = all.iter().skip(pos + 1);
    if marks.len() == 2 {
        // Transposed: one line per item, its 预算数 and 决算数 side by side.
        let cols = transposed_cols();
        let mut rows = pair_rows(cols.len(), pair_row.line);
        let mut any_item = false;
        for p in below {
            let label: String = p
                .words
                .iter()
                .filter(|w| !w.is_number())
                .map(|w| w.text.as_str())
                .collect();
            let key = line_item(&label);
            let Some(i) = key.and_then(|k| cols.iter().position(|c| c.column.key == k)) else {
                continue;
            };
            any_item = true;
            for w in p.words.iter().filter(|w| w.is_number()) {
                let Some(fin) = nearest(&marks, w.center2()) else {
                    continue;
                };
                let Some(row) = rows.get_mut(usize::from(fin)) else {
                    continue;
                };
                if let Some(v) = row.values.get_mut(i) {
                    if v.is_none() {
                        *v = w.figure();
                        row.line = p.line;
                    }
                }
            }
        }
        if !any_item {
            return None;
        }
        r.cols = cols;
        return Some(rows);
    }
    // One row of figures under the items' header: the items in the order they are printed.
    let n = marks.len() / 2;
    let mut cols: Vec<ColSpec> = item_columns(all.get(..pos).unwrap_or_default());
    if cols.len() == n + 1 {
        // A 公务用车 group caption over its parts with no 小计 column of its own.
        cols.retain(|c| c.column.key != ColumnKey::Vehicle);
    }
    if cols.len() != n || !marks.len().is_multiple_of(2) {
        return None;
    }
    let mut rows = pair_rows(cols.len(), pair_row.line);
    for p in below {
        for w in p.words.iter().filter(|w| w.is_number()) {
            let x = w.center2();
            let Some(j) = marks
                .iter()
                .enumerate()
                .min_by_key(|(_, (m, _))| (*m as i64 - x as i64).unsigned_abs())
                .map(|(j, _)| j)
            else {
                continue;
            };
            let (Some((_, fin)), i) = (marks.get(j), j / 2) else {
                continue;
            };
            let Some(row) = rows.get_mut(usize::from(*fin)) else {
                continue;
            };
            if let Some(v) = row.values.get_mut(i) {
                if v.is_none() {
                    *v = w.figure();
                    row.line = p.line;
                }
            }
        }
    }
    // An empty row sits with the other on the figures' line.
    let line = rows.iter().map(|r| r.line).max().unwrap_or(pair_row.line);
    for row in rows.iter_mut() {
        if row.values.iter().all(Option::is_none) {
            row.line = line;
        }
    }
    r.cols = cols;
    Some(rows)
}

/// The items of a paired header in the order they are printed: each item caption once, at its
/// leftmost word (a group caption "公务用车购置及运行费" sits over its 小计, which is printed
/// first in the group).
fn item_columns(header: &[&super::layout::PhysRow]) -> Vec<ColSpec> {
    let mut found: Vec<(usize, ColumnKey, String)> = Vec::new();
    for p in header {
        for w in &p.words {
            let key = if w.text == "小计" {
                Some(ColumnKey::Vehicle)
            } else {
                columns::key_of(&w.text, TableKind::ThreePublic)
            };
            let Some(key) = key else { continue };
            match found.iter_mut().find(|(_, k, _)| *k == key) {
                Some(f) if f.0 > w.center2() => f.0 = w.center2(),
                Some(_) => {}
                None => found.push((w.center2(), key, w.text.clone())),
            }
        }
    }
    found.sort_by_key(|(x, _, _)| *x);
    let canonical = columns::canonical(TableKind::ThreePublic);
    found
        .into_iter()
        .map(|(x, key, text)| ColSpec {
            column: canonical
                .iter()
                .find(|c| c.key == key)
                .cloned()
                .unwrap_or(Column { name: text, key }),
            slot: None,
            x2: Some(x),
        })
        .collect()
}

/// Whether the pair caption nearest to `x` is the 决算数.
fn nearest(marks: &[(usize, bool)], x: usize) -> Option<bool> {
    marks
        .iter()
        .min_by_key(|(m, _)| (*m as i64 - x as i64).unsigned_abs())
        .map(|(_, f)| *f)
}

/// The empty 预算数 and 决算数 rows of a paired table.
fn pair_rows(n: usize, line: usize) -> Vec<Row> {
    let row = |name: &str, kind: RowKind| Row {
        line,
        kind,
        code: None,
        name: name.into(),
        project: None,
        values: vec![None; n],
        columns_inferred: false,
    };
    vec![row("预算数", RowKind::Item), row("决算数", RowKind::Total)]
}

pub(super) fn read(r: &mut Reader<'_>) -> Vec<Row> {
    if let Some(rows) = budget_final_pairs(r) {
        return rows;
    }
    // Transposed: item labels at the start of lines (and no line of several figures, which
    // is the one-row form whose captions may also sit on lines of their own).
    let one_row_form = r
        .body
        .iter()
        .any(|p| p.words.iter().filter(|w| w.is_number()).count() >= 3);
    let label_rows: Vec<&super::layout::PhysRow> = r
        .body
        .iter()
        .chain(r.header.iter())
        .filter(|p| {
            p.words
                .first()
                .and_then(|w| columns::key_of(&w.text, TableKind::ThreePublic))
                .map(|k| k != ColumnKey::Total)
                .unwrap_or(false)
        })
        .collect();
    // The item lines carry the figures, or nobody does (an empty table).
    let any_figure = r.body.iter().any(|p| p.words.iter().any(|w| w.is_number()));
    let labels_with_figures = label_rows
        .iter()
        .any(|p| p.words.iter().any(|w| w.is_number()));
    let transposed = !one_row_form && label_rows.len() >= 2 && (labels_with_figures || !any_figure);
    if transposed {
        let cols = transposed_cols();
        let mut values: Vec<Option<Figure>> = vec![None; cols.len()];
        let mut line = 0;
        for p in r.header.iter().chain(r.body.iter()) {
            let label: String = p
                .words
                .iter()
                .filter(|w| !w.is_number())
                .map(|w| w.text.as_str())
                .collect();
            let key = line_item(&label);
            let Some(key) = key else { continue };
            let fig = p
                .words
                .iter()
                .find(|w| w.is_number())
                .and_then(Word::figure);
            if let Some(i) = cols.iter().position(|c| c.column.key == key) {
                if let Some(v) = values.get_mut(i) {
                    if v.is_none() {
                        *v = fig;
                    }
                }
            }
            if line == 0 {
                line = p.line;
            }
        }
        r.cols = cols;
        return vec![Row {
            line,
            kind: RowKind::Item,
            code: None,
            name: "“三公”经费".into(),
            project: None,
            values,
            columns_inferred: false,
        }];
    }
    let keys: Vec<&ColumnKey> = r.cols.iter().map(|c| &c.column.key).collect();
    let unique = keys
        .iter()
        .enumerate()
        .all(|(i, k)| !keys.iter().skip(i + 1).any(|o| o == k));
    let positional = r.cols.iter().all(|c| c.x2.is_some()) && !r.cols.is_empty() && unique;
    // Without positions the header cannot say the order (its captions are stacked in two
    // levels), and templates differ: the MoF order puts 公务接待费 last, Shanghai's puts it
    // before the 公务用车 group. Try both and keep the one the figures agree with.
    let orders: Vec<Vec<ColSpec>> = if positional {
        vec![r.cols.clone()]
    } else {
        // Captions can also sit between the figures (reading-order text).
        let text: String = r
            .header
            .iter()
            .chain(r.body.iter())
            .map(|p| p.compact())
            .collect::<Vec<_>>()
            .join(" ");
        let mut found: Vec<ColSpec> = columns::scan(&text, TableKind::ThreePublic)
            .into_iter()
            .map(|column| ColSpec {
                column,
                slot: None,
                x2: None,
            })
            .collect();
        found.extend(r.cols.iter().cloned());
        let mof = canonical_cols(&found);
        let mut shanghai = mof.clone();
        if let Some(i) = shanghai
            .iter()
            .position(|c| c.column.key == ColumnKey::Reception)
        {
            let rec = shanghai.remove(i);
            let at = shanghai
                .iter()
                .position(|c| c.column.key == ColumnKey::Vehicle)
                .unwrap_or(shanghai.len());
            shanghai.insert(at, rec);
        }
        vec![mof, shanghai]
    };
    let data: Vec<(usize, Vec<&Word>)> = r
        .body
        .iter()
        .map(|p| {
            (
                p.line,
                p.words.iter().filter(|w| w.is_number()).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, n)| !n.is_empty())
        .collect();
    // Reading-order text puts every figure of the one data row on a line of its own: read
    // them as one row.
    let data = if !positional && data.len() > 1 && data.iter().all(|(_, n)| n.len() == 1) {
        let line = data.first().map(|(l, _)| *l).unwrap_or(0);
        vec![(
            line,
            data.into_iter().flat_map(|(_, n)| n).collect::<Vec<_>>(),
        )]
    } else {
        data
    };
    type Choice = ((u32, u64, u32, usize), Vec<Row>, Vec<ColSpec>);
    let mut best: Option<Choice> = None;
    for (oi, cols) in orders.into_iter().enumerate() {
        let m = cols.len();
        let mut score = (0u32, 0u64, 0u32, oi);
        let mut rows = Vec::new();
        for (line, nums) in &data {
            let figs: Vec<Figure> = nums.iter().filter_map(|w| w.figure()).collect();
            let k = figs.len();
            let cands: Vec<Vec<usize>> = if k == m {
                vec![(0..m).collect()]
            } else {
                placements(k, m, true)
            };
            let scored = cands.into_iter().map(|pl| {
                let mut v: Vec<Option<Decimal>> = vec![None; m];
                for (f, c) in figs.iter().zip(&pl) {
                    if let Some(s) = v.get_mut(*c) {
                        *s = Some(f.value);
                    }
                }
                let mut pos = 0u64;
                for (w, c) in nums.iter().zip(&pl) {
                    if let Some(x2) = cols.get(*c).and_then(|c| c.x2) {
                        pos += (w.center2() as i64 - x2 as i64).unsigned_abs();
                    }
                }
                // Purchase is rarer than operation: prefer 运行费 when the figures cannot tell.
                let purchase = pl.iter().any(|c| {
                    cols.get(*c)
                        .map(|c| c.column.key == ColumnKey::VehiclePurchase)
                        .unwrap_or(false)
                });
                ((violations(&v, &cols), pos, u32::from(purchase)), pl)
            });
            let Some(((bad, pos, pur), pl)) = scored.min_by_key(|(s, _)| *s) else {
                continue;
            };
            score.0 += bad;
            score.1 += pos;
            score.2 += pur;
            let mut values: Vec<Option<Figure>> = vec![None; m];
            for (f, c) in figs.into_iter().zip(pl) {
                if let Some(v) = values.get_mut(c) {
                    *v = Some(f);
                }
            }
            rows.push(Row {
                line: *line,
                kind: RowKind::Item,
                code: None,
                name: "“三公”经费".into(),
                project: None,
                values,
                columns_inferred: k != m || !positional,
            });
        }
        if best.as_ref().map(|(b, _, _)| score < *b).unwrap_or(true) {
            best = Some((score, rows, cols));
        }
    }
    let Some((_, out, cols)) = best else {
        return Vec::new();
    };
    r.cols = cols;
    out
}
