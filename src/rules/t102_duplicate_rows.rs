//! T102 duplicate rows (重复行): the same code (and, in a project table, the same project)
//! printed twice in one table; and the same table (same title, same rows) printed twice.
//!
//! Why: a repeated row is counted twice by anyone adding the table up, or hides that one of
//! the two should have carried another code. Of a table printed twice only the first is
//! compared with the other tables, so a second copy with other figures would go unseen.
//!
//! Example: 表六 lists `302 01 办公费 10.00` and again `302 01 办公费` further down.

use super::{Finding, Message};
use crate::model::{Document, RowKind, Table};
use std::collections::HashMap;

pub const CODE: &str = "T102";

/// The same table printed again: same kind, scope and title, the same row labels.
fn duplicate_tables(doc: &Document, out: &mut Vec<Finding>) {
    let labels = |t: &Table| t.rows.iter().map(|r| r.label()).collect::<Vec<_>>();
    for (i, t) in doc.tables.iter().enumerate() {
        if t.title.is_empty() || t.rows.is_empty() {
            continue;
        }
        let first = doc.tables.iter().take(i).find(|o| {
            o.kind == t.kind && o.scope == t.scope && o.title == t.title && labels(o) == labels(t)
        });
        let Some(first) = first else { continue };
        let differ = t
            .rows
            .iter()
            .zip(first.rows.iter())
            .filter(|(a, b)| {
                let shown = |r: &crate::model::Row| {
                    r.values
                        .iter()
                        .map(|v| v.as_ref().map(|f| f.value))
                        .collect::<Vec<_>>()
                };
                shown(a) != shown(b)
            })
            .count();
        let (zh, en) = if differ == 0 {
            (
                "两次的数字相同".to_string(),
                "with the same figures".to_string(),
            )
        } else {
            (
                format!("其中 {differ} 行的数字不同"),
                format!("{differ} row(s) with other figures"),
            )
        };
        let mut f = Finding::new(
            CODE,
            t.line,
            Message::new(
                format!(
                    "{}（{}）重复出现：第 {} 行又有一张同名、同样行的表（首次在第 {} 行），{zh}；跨表核对只使用第一张",
                    t.label, t.title, t.line, first.line
                ),
                format!(
                    "{} ({}) appears twice: line {} starts the same table again (first at line {}), \
                     {en}; the checks against other tables use the first",
                    t.label, t.title, t.line, first.line
                ),
            ),
        );
        f.related_lines = vec![first.line];
        f.table = Some(t.label.clone());
        out.push(f);
    }
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    duplicate_tables(doc, out);
    for t in &doc.tables {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for r in &t.rows {
            if r.kind == RowKind::Total || r.code.is_none() {
                continue;
            }
            let key = match (&r.code, &r.project) {
                (Some(c), Some(p)) => format!("{c}|{p}"),
                (Some(c), None) => c.to_string(),
                _ => continue,
            };
            if let Some(first) = seen.get(&key) {
                let mut f = Finding::new(
                    CODE,
                    r.line,
                    Message::new(
                        format!(
                            "{} 中 {} 重复出现（首次在第 {} 行）",
                            t.label,
                            r.label(),
                            first
                        ),
                        format!(
                            "{}: {} appears twice (first at line {})",
                            t.label,
                            r.label(),
                            first
                        ),
                    ),
                );
                f.related_lines = vec![*first];
                f.table = Some(t.label.clone());
                f.row = Some(r.label());
                out.push(f);
            } else {
                seen.insert(key, r.line);
            }
        }
    }
}
