//! T101 code hierarchy (科目层级): in a classified table a 类 row equals the sum of its 款
//! rows and a 款 row the sum of its 项 rows (function codes), a 类 the sum of its 款
//! (economic codes), and in a project table a code row the sum of its projects — column by
//! column, with interval tolerance.
//!
//! Why: a subtotal that does not add up means either the subtotal or one of its items was
//! typed wrong; either way the table cannot be relied on.
//!
//! Example: 表七 `204 02 公安 972.32` while its projects add up to 63.96 + 378.37 + 530.00 =
//! 972.33 → expected 972.33, actual 972.32, difference −0.01.

use super::{Finding, Message};
use crate::arith::check_sum;
use crate::model::{Code, Document, Figure, IssueKind, Row, RowKind, Table, TableKind};
use std::collections::{HashMap, HashSet};

pub const CODE: &str = "T101";

fn parent_code(c: &Code) -> Option<Code> {
    match c {
        Code::Function(f) => f.parent().map(Code::Function),
        Code::Economic(e) => e.parent().map(Code::Economic),
    }
}

/// The rows of a table indexed for `Kids::children`. Built once per table: looking the children
/// up by scanning every row for every row (and every row again for every project) was cubic
/// in the rows of a long table.
struct Kids<'a> {
    /// Project rows by code, in table order.
    projects: HashMap<&'a Code, Vec<&'a Row>>,
    /// Codes printed on a row that is not a project (a 项 subtotal).
    subtotals: HashSet<&'a Code>,
    /// Rows by the code of their parent, in table order.
    by_parent: HashMap<Code, Vec<&'a Row>>,
}

impl<'a> Kids<'a> {
    fn of(t: &'a Table) -> Self {
        let mut k = Kids {
            projects: HashMap::new(),
            subtotals: HashSet::new(),
            by_parent: HashMap::new(),
        };
        for r in &t.rows {
            if let Some(c) = &r.code {
                if r.kind == RowKind::Project {
                    k.projects.entry(c).or_default().push(r);
                } else {
                    k.subtotals.insert(c);
                }
                if let Some(p) = parent_code(c) {
                    k.by_parent.entry(p).or_default().push(r);
                }
            }
        }
        k
    }

    /// The rows that add up to `row`.
    fn children(&self, row: &Row) -> Vec<&'a Row> {
        let Some(code) = &row.code else {
            return Vec::new();
        };
        if row.kind == RowKind::Project {
            return Vec::new();
        }
        // A 项 row of a project table (a subtotal over its projects).
        if let Some(same_code_projects) = self.projects.get(code) {
            return same_code_projects.clone();
        }
        self.by_parent
            .get(code)
            .into_iter()
            .flatten()
            .copied()
            // Projects sit under their 项 subtotal when the table prints one.
            .filter(|r| {
                r.kind != RowKind::Project
                    || !r.code.as_ref().is_some_and(|c| self.subtotals.contains(c))
            })
            .collect()
    }
}

/// The level of a code (类 1, 款 2, 项 3).
fn level(c: &Code) -> u8 {
    match c {
        Code::Function(f) => f.level(),
        Code::Economic(e) => e.level(),
    }
}

/// Rows whose code cell could not be read or placed ("99999", "7 11 02" with nothing around
/// it to say its class), that sit inside `row`'s block: after it and before the next row of
/// its level or above. Their figures belong to no code, so a subtotal short by exactly them
/// is not reported (T103 reports the code and says so).
fn unplaced_in<'a>(t: &'a Table, row: &Row) -> Vec<&'a Row> {
    let Some(code) = &row.code else {
        return Vec::new();
    };
    let lines: HashSet<usize> = t
        .issues
        .iter()
        .filter(|i| matches!(&i.kind, IssueKind::Code { placed: None, .. }))
        .map(|i| i.line)
        .collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let end = t
        .rows
        .iter()
        .filter(|r| r.line > row.line)
        .find(|r| {
            r.kind == RowKind::Total || r.code.as_ref().is_some_and(|c| level(c) <= level(code))
        })
        .map(|r| r.line)
        .unwrap_or(usize::MAX);
    t.rows
        .iter()
        .filter(|r| {
            r.code.is_none() && lines.contains(&r.line) && r.line > row.line && r.line < end
        })
        .collect()
}

fn zero_like(f: &Figure, line: usize) -> Figure {
    let mut z = Figure::new(rust_decimal::Decimal::ZERO, f.scale, line);
    z.width = 0;
    z
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        // A table cut off at the end of the file lacks rows: its subtotals would not add up.
        if matches!(
            t.kind,
            TableKind::Summary | TableKind::FiscalSummary | TableKind::ThreePublic
        ) || !t.complete()
        {
            continue;
        }
        let index = Kids::of(t);
        for row in &t.rows {
            let kids = index.children(row);
            if kids.is_empty() {
                continue;
            }
            for (ci, col) in t.columns.iter().enumerate() {
                // Where the source dropped empty cells and the column of a figure had to be
                // inferred, only the row total is certain; the other columns are checked by
                // the row identities.
                let inferred = row.columns_inferred || kids.iter().any(|k| k.columns_inferred);
                if inferred && ci != 0 {
                    continue;
                }
                // A cell that could not be read is unknown, not empty (T003 reports it).
                if t.unreadable(row, ci) || kids.iter().any(|k| t.unreadable(k, ci)) {
                    continue;
                }
                let parts: Vec<&Figure> = kids
                    .iter()
                    .filter_map(|k| k.values.get(ci).and_then(Option::as_ref))
                    .collect();
                let own = row.values.get(ci).and_then(Option::as_ref);
                let Some(sample) = own.or(parts.first().copied()) else {
                    continue;
                };
                let zero = zero_like(sample, row.line);
                let total = own.unwrap_or(&zero);
                let Some(m) = check_sum(total, &parts) else {
                    continue;
                };
                let unplaced = unplaced_in(t, row);
                if !unplaced.is_empty() {
                    let mut with: Vec<&Figure> = parts.clone();
                    with.extend(
                        unplaced
                            .iter()
                            .filter_map(|u| u.values.get(ci).and_then(Option::as_ref)),
                    );
                    if check_sum(total, &with).is_none() {
                        continue;
                    }
                }
                let scale = parts
                    .iter()
                    .map(|p| p.scale)
                    .chain(own.map(|o| o.scale))
                    .max()
                    .unwrap_or(2);
                let (exp, act, diff) = m.printed(scale);
                let act_shown = if own.is_some() {
                    act.clone()
                } else {
                    "空".to_string()
                };
                let mut f = Finding::new(
                    CODE,
                    row.line,
                    Message::new(
                        format!(
                            "{} {}“{}”列 {} ≠ 下级科目合计 {}（差 {}）",
                            t.label,
                            row.label(),
                            col.name,
                            act_shown,
                            exp,
                            diff
                        ),
                        format!(
                            "{} {} column “{}”: {} ≠ sum of its {} sub-rows {} (difference {})",
                            t.label,
                            row.label(),
                            col.name,
                            if own.is_some() {
                                act.clone()
                            } else {
                                "empty".into()
                            },
                            parts.len(),
                            exp,
                            diff
                        ),
                    ),
                );
                if let Some(o) = own {
                    f.line = o.line;
                    f.col = o.col;
                    f.width = o.width;
                }
                f.related_lines = parts.iter().map(|p| p.line).collect();
                f.table = Some(t.label.clone());
                f.row = Some(row.label());
                f.column = Some(col.name.clone());
                f.expected = Some(exp);
                f.actual = Some(if own.is_some() { act } else { "0".into() });
                f.difference = Some(diff);
                f.tolerance = Some(m.tolerance.normalize().to_string());
                f.identity = Some(format!(
                    "{}.{}.{} = Σ 下级科目",
                    t.label,
                    row.label(),
                    col.name
                ));
                out.push(f);
            }
        }
    }
}
