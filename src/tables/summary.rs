//! The two-sided 收支总表 (表一 部门收支总体情况表, 表四 财政拨款收支预算总体情况表, Shanghai's
//! 部门财务收支预算总表 …): income items on the left, expense by function class on the right,
//! 收入总计 / 支出总计 at the bottom.

use super::assign::placements;
use super::columns::{self, ColSpec};
use super::layout::{PhysRow, Word};
use super::Reader;
use crate::model::{
    Code, Column, ColumnKey, Figure, FunctionCode, IncomeItem, IssueKind, Row, RowKind, TableKind,
};
use rust_decimal::Decimal;

use super::class_names::class_of_name;

/// Where the expense side of a printed row starts.
fn expense_start(words: &[Word]) -> Option<usize> {
    words.iter().enumerate().position(|(i, w)| {
        let t = w.text.as_str();
        let glued = t.len() > 3
            && t.starts_with('2')
            && t.get(..3)
                .map(|c| c.bytes().all(|b| b.is_ascii_digit()))
                .unwrap_or(false)
            && t.get(3..)
                .map(|r| !r.starts_with(|ch: char| ch.is_ascii_digit()))
                .unwrap_or(false);
        let code_then_text = glued
            || t.len() == 3
                && t.starts_with('2')
                && t.bytes().all(|b| b.is_ascii_digit())
                && words.get(i + 1).map(|n| !n.is_number()).unwrap_or(false);
        code_then_text
            || (t.contains("支出") && !t.contains("收支"))
            || t.contains("预备费")
            || class_of_name(t).is_some()
    })
}

/// The value columns of the expense side, read from the header text (no positions).
fn scanned_columns(r: &Reader<'_>) -> Vec<Column> {
    let text: String = r
        .header
        .iter()
        .map(PhysRow::compact)
        .collect::<Vec<_>>()
        .join(" ");
    let mut cols = columns::scan(&text, r.region.kind);
    if cols.len() >= 2
        && cols
            .first()
            .map(|c| c.key == ColumnKey::Total)
            .unwrap_or(false)
    {
        cols.remove(0);
    }
    if cols.is_empty()
        || cols
            .first()
            .map(|c| c.key != ColumnKey::Total)
            .unwrap_or(true)
    {
        cols.insert(
            0,
            Column {
                name: "预算数".into(),
                key: ColumnKey::Total,
            },
        );
    }
    cols
}

/// The expense side's value columns with their positions, when the header tree gave them
/// (`pdftotext -layout`): the leaves right of the expense side's row-label caption (项目),
/// or, without such a caption, all leaves but the income side's one.
fn positioned_columns(r: &Reader<'_>) -> Option<Vec<ColSpec>> {
    if r.cols.is_empty() || r.cols.iter().any(|c| c.x2.is_none()) {
        return None;
    }
    let specs: Vec<ColSpec> = match r.expense_from {
        Some(from) => r
            .cols
            .iter()
            .filter(|c| c.x2.is_some_and(|x| x > from))
            .cloned()
            .collect(),
        None => r.cols.iter().skip(1).cloned().collect(),
    };
    let total_first = specs
        .first()
        .is_some_and(|c| c.column.key == ColumnKey::Total);
    (total_first && !specs.is_empty()).then_some(specs)
}

/// The columns that add up to the row total (合计): every other column except those that
/// are parts of a group printed with its own column (基本支出 and its 人员经费, 公用经费:
/// the parts are left out, the group counts once).
fn total_parts(cols: &[Column], sums: &[(ColumnKey, Vec<ColumnKey>)]) -> Vec<usize> {
    let printed = |k: &ColumnKey| cols.iter().any(|c| &c.key == k);
    let nested: Vec<&ColumnKey> = sums
        .iter()
        .filter(|(p, _)| printed(p))
        .flat_map(|(_, parts)| parts.iter())
        .collect();
    cols.iter()
        .enumerate()
        .skip(1)
        .filter(|(_, c)| !nested.contains(&&c.key))
        .map(|(i, _)| i)
        .collect()
}

fn income_key(label: &str) -> ColumnKey {
    columns::item_key(label)
        .filter(|k| *k != ColumnKey::Total || label.contains("总计") || label.contains("合计"))
        .unwrap_or_else(|| ColumnKey::Other(label.to_string()))
}

/// Where the two sides meet in a spaced layout (doubled character column): halfway between
/// the income side's value column and the expense side's row-label caption (项目).
fn side_boundary(r: &Reader<'_>) -> Option<usize> {
    let from = r.expense_from?;
    let income_x2 = r
        .cols
        .iter()
        .filter_map(|c| c.x2)
        .filter(|x| *x < from)
        .max()?;
    Some((income_x2 + from) / 2)
}

/// Is this label the start of a line of its own (numbered, a total, a carry-forward line, a
/// known class or income key), not the wrapped end of the label above it ("款", "出")?
fn starts_label(text: &str, right: bool) -> bool {
    let numbered = text.starts_with(|c: char| "一二三四五六七八九十".contains(c))
        && text.contains('、')
        || text.starts_with(|c: char| c.is_ascii_digit())
        || text.starts_with(['（', '(']);
    // "支出" / "理支出" / "的支出" end a wrapped class name; "本年支出合计" is a line.
    let short = text.chars().count() <= 4;
    numbered
        || text.chars().count() > 6
        || ["合计", "总计", "小计", "结余", "结转", "其中"]
            .iter()
            .any(|w| text.contains(w))
        || (!short && (text.contains("收入") || text.contains("支出")))
        || (!right && columns::key_of(text, TableKind::Income).is_some())
        || (right && class_of_name(text).is_some())
}

/// Spaced two-sided tables print a tall row's figures on a line of their own (above or
/// below its label) and wrap long labels ("二、政府性基金预算财政拨" / "款"). Put each line's
/// pieces back: a figure-only line joins the nearest line, below first, whose label on that
/// side has no figure there yet; a short fragment that cannot start a label joins the label
/// of its side on the line above.
fn settle_sides(body: Vec<PhysRow>, boundary: usize) -> Vec<PhysRow> {
    let is_left = |w: &Word| w.center2() < boundary;
    let label_of = |row: &PhysRow, left: bool| -> String {
        row.words
            .iter()
            .filter(|w| is_left(w) == left && !w.is_number() && !w.is_empty_mark())
            .map(|w| w.text.as_str())
            .collect()
    };
    let figs_of = |row: &PhysRow, left: bool| {
        row.words
            .iter()
            .filter(|w| is_left(w) == left && w.is_number())
            .count()
    };
    let mut rows = body;
    // 1. Figure-only lines.
    let mut i = 0;
    while i < rows.len() {
        let Some(row_words) = rows.get(i).map(|r| r.words.clone()) else {
            break;
        };
        let orphan =
            !row_words.is_empty() && row_words.iter().all(|w| w.is_number() || w.is_empty_mark());
        if !orphan {
            i += 1;
            continue;
        }
        let mut moved_all = true;
        for left in [true, false] {
            let words: Vec<Word> = row_words
                .iter()
                .filter(|w| is_left(w) == left)
                .cloned()
                .collect();
            if words.is_empty() {
                continue;
            }
            let fits = |j: usize| {
                rows.get(j).is_some_and(|t| {
                    !label_of(t, left).is_empty()
                        && (if left {
                            figs_of(t, true) == 0
                        } else {
                            // No figure of the target under the same column as these.
                            !t.words
                                .iter()
                                .filter(|w| !is_left(w) && w.is_number())
                                .any(|tw| {
                                    words
                                        .iter()
                                        .any(|w| tw.center2().abs_diff(w.center2()) < 12)
                                })
                        })
                })
            };
            let target = [i + 1, i + 2]
                .into_iter()
                .find(|&j| fits(j))
                .or_else(|| i.checked_sub(1).filter(|&j| fits(j)));
            match target {
                Some(j) => {
                    if let Some(t) = rows.get_mut(j) {
                        t.words.extend(words);
                        t.words.sort_by_key(|w| w.col);
                    }
                }
                None => moved_all = false,
            }
        }
        if moved_all {
            rows.remove(i);
        } else {
            i += 1;
        }
    }
    // 2. Wrapped label fragments.
    let mut i = 1;
    while i < rows.len() {
        let mut changed = false;
        for left in [true, false] {
            let (Some(row), Some(_)) = (rows.get(i), rows.get(i - 1)) else {
                break;
            };
            let text = label_of(row, left);
            if text.is_empty() || figs_of(row, left) > 0 || starts_label(&text, !left) {
                continue;
            }
            // The line above with a label on this side.
            let Some(prev) = (0..i)
                .rev()
                .take(3)
                .find(|&j| rows.get(j).is_some_and(|p| !label_of(p, left).is_empty()))
            else {
                continue;
            };
            let moved: Vec<Word> = row
                .words
                .iter()
                .filter(|w| is_left(w) == left && !w.is_number())
                .cloned()
                .collect();
            if let Some(p) = rows.get_mut(prev) {
                // After the label's last word, before the figures of that side.
                let at = p
                    .words
                    .iter()
                    .rposition(|w| is_left(w) == left && !w.is_number())
                    .map(|k| k + 1)
                    .unwrap_or(p.words.len());
                for (k, w) in moved.into_iter().enumerate() {
                    p.words.insert(at + k, w);
                }
            }
            if let Some(r) = rows.get_mut(i) {
                r.words.retain(|w| is_left(w) != left || w.is_number());
            }
            changed = true;
        }
        if changed && rows.get(i).is_some_and(|r| r.words.is_empty()) {
            rows.remove(i);
        } else {
            i += 1;
        }
    }
    rows
}

/// Read both sides; returns the income items, the expense rows and the expense columns.
pub(super) fn read(r: &mut Reader<'_>) -> (Vec<IncomeItem>, Vec<Row>, Vec<Column>) {
    let boundary = side_boundary(r);
    if let Some(b) = boundary {
        r.body = settle_sides(std::mem::take(&mut r.body), b);
    }
    let specs = positioned_columns(r);
    let cols: Vec<Column> = match &specs {
        Some(s) => s.iter().map(|c| c.column.clone()).collect(),
        None => scanned_columns(r),
    };
    let parts = total_parts(&cols, &r.sums);
    let m = cols.len();
    let mut income: Vec<IncomeItem> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut in_group = false;
    let mut under_appropriation = false;
    for pr in &r.body {
        let words = &pr.words;
        // By position where the header gave the sides' columns, else by what the words say.
        let split = match boundary {
            Some(b) => words.iter().position(|w| w.center2() >= b),
            None => expense_start(words),
        }
        .unwrap_or(words.len());
        let (left, right) = words.split_at(split.min(words.len()));
        // Income side.
        // A malformed amount ("1247..22") after the item's name is unknown: not part of the
        // name, not a figure. In front of the name it is numbering ("1." / "1、").
        let is_bad_amount = |i: usize, w: &Word| i > 0 && w.is_malformed_number();
        let label: String = left
            .iter()
            .enumerate()
            .filter(|(i, w)| !w.is_number() && !is_bad_amount(*i, w))
            .map(|(_, w)| w.text.as_str())
            .collect();
        for (_, w) in left
            .iter()
            .enumerate()
            .filter(|(i, w)| is_bad_amount(*i, w))
        {
            let text = &w.text;
            r.issues.push(w.issue(
                format!("收入栏的金额“{text}”不是可读的数字，该项未核对"),
                format!(
                    "income amount “{text}” is not a readable number: the item was not checked"
                ),
                IssueKind::IncomeCell { row: pr.line },
            ));
        }
        let amount = left.iter().find(|w| w.is_number()).and_then(Word::figure);
        if !label.is_empty() {
            let key = income_key(&label);
            let top = label.starts_with(|c: char| "一二三四五六七八九十".contains(c))
                && label.contains('、');
            if top {
                in_group = true;
            }
            if key == ColumnKey::Appropriation {
                under_appropriation = true;
            } else if !matches!(
                key,
                ColumnKey::GeneralBudget
                    | ColumnKey::GovFund
                    | ColumnKey::StateCapital
                    | ColumnKey::Other(_)
            ) {
                under_appropriation = false;
            }
            let nested = label.starts_with("其中")
                || (in_group && !top)
                || (under_appropriation
                    && matches!(
                        key,
                        ColumnKey::GeneralBudget | ColumnKey::GovFund | ColumnKey::StateCapital
                    ));
            income.push(IncomeItem {
                line: pr.line,
                name: label,
                key: key.clone(),
                nested: nested && key != ColumnKey::Total,
                amount,
            });
        } else if let (Some(a), Some(last)) = (amount, income.last_mut()) {
            if last.amount.is_none() {
                last.amount = Some(a);
            }
        }
        // Expense side.
        if right.is_empty() {
            continue;
        }
        let mut name = String::new();
        let mut code: Option<FunctionCode> = None;
        let mut figs: Vec<Figure> = Vec::new();
        let mut fig_words: Vec<&Word> = Vec::new();
        for (i, w) in right.iter().enumerate() {
            if i == 0 && w.text.len() == 3 && w.text.bytes().all(|b| b.is_ascii_digit()) {
                code = FunctionCode::parse(&w.text);
                continue;
            }
            // "209社会保险基金支出": code glued to the name.
            if i == 0
                && w.text.len() > 3
                && w.text
                    .get(..3)
                    .map(|c| c.bytes().all(|b| b.is_ascii_digit()))
                    .unwrap_or(false)
            {
                if let (Some(c), Some(rest)) = (
                    w.text.get(..3).and_then(FunctionCode::parse),
                    w.text.get(3..),
                ) {
                    if !rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                        code = Some(c);
                        name.push_str(rest);
                        continue;
                    }
                }
            }
            let value_place = !name.is_empty() || code.is_some();
            if w.is_number() && value_place {
                if let Some(f) = w.figure() {
                    figs.push(f);
                    fig_words.push(w);
                }
            } else if w.is_malformed_number() && value_place {
                // Unknown, not empty: the row's columns cannot be placed, so none is checked.
                let text = &w.text;
                r.issues.push(w.issue(
                    format!("支出栏的单元格“{text}”不是可读的数字，该行未核对"),
                    format!(
                        "expense cell “{text}” is not a readable number: the row was not checked"
                    ),
                    IssueKind::Cell {
                        row: pr.line,
                        column: None,
                    },
                ));
            } else {
                name.push_str(&w.text);
            }
        }
        let total = name.contains("总计") || name.contains("合计");
        if code.is_none() && !total {
            code = class_of_name(&name).and_then(FunctionCode::parse);
        }
        let mut values: Vec<Option<Figure>> = vec![None; m];
        let k = figs.len();
        let mut inferred = false;
        if k > m {
            r.issues.push(crate::model::ParseIssue::new(pr.line, format!("支出栏有 {k} 个数字，多于 {m} 列 (expense side has {k} figures for {m} columns)")));
        } else if let (Some(specs), true) = (&specs, k > 0) {
            // Each figure under the column it is printed under: order kept, the nearest
            // placement by position, one that breaks the row total ranked last.
            let best = placements(k, m, true).into_iter().min_by_key(|pl| {
                let mut cost: u64 = 0;
                for (w, c) in fig_words.iter().zip(pl.iter()) {
                    if let Some(x2) = specs.get(*c).and_then(|s| s.x2) {
                        cost += (w.center2() as u64).abs_diff(x2 as u64).min(160);
                    }
                }
                let mut v = vec![Decimal::ZERO; m];
                for (f, c) in figs.iter().zip(pl) {
                    if let Some(s) = v.get_mut(*c) {
                        *s = f.value;
                    }
                }
                let sum: Decimal = parts.iter().filter_map(|i| v.get(*i)).sum();
                let total = v.first().copied().unwrap_or_default();
                let tol = Decimal::new(1, 2) * Decimal::from(parts.len() + 1);
                let breaks =
                    k > 1 && (sum - total).abs() > tol.max(total.abs() / Decimal::from(100_000));
                (u64::from(breaks) * 10_000) + cost
            });
            if let Some(pl) = best {
                for (f, c) in figs.into_iter().zip(pl) {
                    if let Some(v) = values.get_mut(c) {
                        *v = Some(f);
                    }
                }
            }
        } else if k == m {
            for (v, f) in values.iter_mut().zip(figs) {
                *v = Some(f);
            }
        } else if k > 0 {
            inferred = true;
            // First figure is the total; the others in column order, preferring a placement
            // where the funds add up to the total.
            let best = placements(k, m, true).into_iter().min_by_key(|pl| {
                let mut v = vec![Decimal::ZERO; m];
                for (f, c) in figs.iter().zip(pl) {
                    if let Some(s) = v.get_mut(*c) {
                        *s = f.value;
                    }
                }
                let parts: Decimal = v.iter().skip(1).sum();
                let bad = u32::from(
                    (parts - v.first().copied().unwrap_or_default()).abs() > Decimal::new(2, 2),
                );
                (bad, pl.iter().sum::<usize>())
            });
            if let Some(pl) = best {
                for (f, c) in figs.into_iter().zip(pl) {
                    if let Some(v) = values.get_mut(c) {
                        *v = Some(f);
                    }
                }
            }
        }
        rows.push(Row {
            line: pr.line,
            kind: if total {
                RowKind::Total
            } else if code.is_some() {
                RowKind::Function
            } else {
                RowKind::Item
            },
            code: if total {
                None
            } else {
                code.map(Code::Function)
            },
            name,
            project: None,
            values,
            columns_inferred: inferred,
        });
    }
    if specs.is_some() {
        settle_total_rows(&mut rows, &parts);
    }
    (income, rows, cols)
}

/// A column that no class row of the expense side uses is empty in its 总计 row too: when a
/// 总计 row's figures were placed by position into such a column (its figures drift under
/// the neighbouring caption), they are moved, order kept, into the columns the class rows
/// use, if the row total still adds up there.
fn settle_total_rows(rows: &mut [Row], parts: &[usize]) {
    let Some(m) = rows.first().map(|r| r.values.len()) else {
        return;
    };
    let mut used = vec![false; m];
    for r in rows.iter().filter(|r| r.kind != RowKind::Total) {
        for (u, v) in used.iter_mut().zip(&r.values) {
            *u |= v.is_some();
        }
    }
    if !used.iter().any(|u| *u) {
        return;
    }
    for r in rows.iter_mut().filter(|r| r.kind == RowKind::Total) {
        let stray = r.values.iter().zip(&used).any(|(v, u)| v.is_some() && !*u);
        if !stray {
            continue;
        }
        let figs: Vec<Figure> = r.values.iter().flatten().cloned().collect();
        let adds_up = |pl: &[usize]| {
            let mut v = vec![Decimal::ZERO; m];
            for (f, c) in figs.iter().zip(pl) {
                if let Some(s) = v.get_mut(*c) {
                    *s = f.value;
                }
            }
            let sum: Decimal = parts.iter().filter_map(|i| v.get(*i)).sum();
            let tol = Decimal::new(1, 2) * Decimal::from(parts.len() + 1);
            figs.len() < 2 || (sum - v.first().copied().unwrap_or_default()).abs() <= tol
        };
        let fit = placements(figs.len(), m, true)
            .into_iter()
            .find(|pl| pl.iter().all(|c| used.get(*c).copied().unwrap_or(false)) && adds_up(pl));
        if let Some(pl) = fit {
            let mut values = vec![None; m];
            for (f, c) in figs.into_iter().zip(pl) {
                if let Some(v) = values.get_mut(c) {
                    *v = Some(f);
                }
            }
            r.values = values;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names() {
        assert_eq!(class_of_name("一、一般公共服务支出"), Some("201"));
        assert_eq!(class_of_name("207 文化旅游体育与传媒支"), None);
        assert_eq!(class_of_name("文化旅游体育与传媒支"), Some("207"));
        assert_eq!(class_of_name("财政拨款收入"), None);
    }
}
