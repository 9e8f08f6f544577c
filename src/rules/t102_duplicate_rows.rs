//! T102 duplicate rows (重复行): the same code (and, in a project table, the same project)
//! printed twice in one table.
//!
//! Why: a repeated row is counted twice by anyone adding the table up, or hides that one of
//! the two should have carried another code.
//!
//! Example: 表六 lists `302 01 办公费 10.00` and again `302 01 办公费` further down.

use super::{Finding, Message};
use crate::model::{Document, RowKind};
use std::collections::HashMap;

pub const CODE: &str = "T102";

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
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
