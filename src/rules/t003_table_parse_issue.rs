//! T003 table could not be fully read: every [`crate::model::ParseIssue`] the table parser
//! recorded becomes a finding, so nothing unreadable is skipped silently (a figure that was
//! not read cannot be checked).
//!
//! What the parser reports (src/tables):
//! - a value cell that is not a number — "1..2", "12.345.67", "1,23.4" (a malformed grouping),
//!   "12." and ".5" (digits possibly lost) — with its line and the text as printed; its value is
//!   unknown, not empty, so every identity that would use the cell is skipped;
//! - a row of one-row-per-line tab text with more or fewer cells than the table's other rows
//!   (a cell missing or extra): the columns of its figures are unknown, the row is not checked;
//! - a table with body rows but no 合计/总计 row; when nothing follows it in the file, the
//!   file was cut off there: only each row's own identity is checked, not its last row, its
//!   totals, columns and codes or the identities with other tables;
//! - a table title with nothing after it; a header that could not be read; rows that could not
//!   be aligned with the header; tables whose rows came out as nonsense (emptied).
//!
//! Not reported: "-", "—" in a value cell mean an empty cell; full-width digits ("１２.３４")
//! are read as 12.34; a negative amount ("-12.00") is kept and checked; "(12.00)" is a
//! negative in accounting notation (−12.00; "(1)" stays text, a list marker). A code cell that
//! is not a code is reported by T103.

use super::{Finding, Message};
use crate::model::{Document, IssueKind};

pub const CODE: &str = "T003";

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        for i in &t.issues {
            if matches!(i.kind, IssueKind::Code { .. }) {
                continue;
            }
            let (zh, en) = i.messages();
            let mut f = Finding::new(
                CODE,
                i.line,
                Message::new(
                    format!("{}：无法读取：{zh}", t.label),
                    format!("{}: could not read: {en}", t.label),
                ),
            );
            if let Some((col, width)) = i.col {
                f.col = Some(col);
                f.width = width;
            }
            f.table = Some(t.label.clone());
            out.push(f);
        }
    }
}
