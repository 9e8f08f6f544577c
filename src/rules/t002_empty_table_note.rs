//! T002 empty table without a note: a table with no figure at all must say so
//! (备注：本部门无政府性基金预算支出，故此表为空表。). Without the note a reader cannot tell an
//! empty table from a conversion loss.

use super::{Finding, Message};
use crate::model::Document;

pub const CODE: &str = "T002";

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        // A table that could not be read is reported by T003, not as an empty table.
        if t.is_empty() && t.empty_note.is_none() && t.issues.is_empty() {
            let mut f = Finding::new(
                CODE,
                t.line,
                Message::new(
                    format!("{}（{}）没有数字，也没有“为空表”的说明", t.label, t.title),
                    format!(
                        "{} ({}) has no figure and no note saying it is empty (为空表)",
                        t.label, t.title
                    ),
                ),
            );
            f.table = Some(t.label.clone());
            out.push(f);
        }
    }
}
