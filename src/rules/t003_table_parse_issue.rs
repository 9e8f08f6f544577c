//! T003 table could not be fully read: every [`crate::model::ParseIssue`] the table parser
//! recorded becomes a finding, so nothing unreadable is skipped silently (a figure that was
//! not read cannot be checked).

use super::{Finding, Message};
use crate::model::Document;

pub const CODE: &str = "T003";

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        for i in &t.issues {
            let mut f = Finding::new(
                CODE,
                i.line,
                Message::new(
                    format!("{}：无法读取：{}", t.label, i.message),
                    format!("{}: could not read: {}", t.label, i.message),
                ),
            );
            f.table = Some(t.label.clone());
            out.push(f);
        }
    }
}
