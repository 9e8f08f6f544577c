//! T004 a 空表 note under a table that has figures: the note says the table is empty
//! ("注：本部门2024年无“三公”经费预算，故本表为空表。") while the table prints amounts.
//!
//! Why: either the note was copied from another year's or department's document and is
//! wrong, or the figures are; a reader cannot tell which, and the two cannot both stand.
//! A note that names another table ("政府性基金预算支出表为空表" printed under the
//! 财政拨款收支总表) is about that table and is not reported here.
//!
//! Example: 三公 table 合计 47.91 (因公出国 0, 公务用车 46.56, 公务接待 1.35) with
//! "故本表为空表" under it.

use super::{Finding, Message};
use crate::model::{Document, Table};

pub const CODE: &str = "T004";

/// Whether the note is about this table: "本表/此表/该表为空表", or the table's own kind.
fn about_this_table(t: &Table, text: &str) -> bool {
    ["本表", "此表", "该表", "本张表"]
        .iter()
        .any(|w| text.contains(w))
        || text.contains(t.kind_phrase())
        || (!t.title.is_empty() && text.contains(t.title.replace("部门", "").as_str()))
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        let Some(note) = &t.empty_note else { continue };
        if !note.text.contains("空表") || !about_this_table(t, &note.text) {
            continue;
        }
        // The first non-zero figure of the table: zeros printed in an empty table are fine.
        let first = t
            .rows
            .iter()
            .flat_map(|r| r.values.iter().flatten())
            .chain(t.income.iter().filter_map(|i| i.amount.as_ref()))
            .filter(|f| !f.value.is_zero())
            .min_by_key(|f| (f.line, f.col));
        let Some(fig) = first else { continue };
        let mut f = Finding::new(
            CODE,
            note.line,
            Message::new(
                format!(
                    "{} 下的说明称本表为空表，但表中有数字（如第 {} 行的 {}）",
                    t.label,
                    fig.line,
                    fig.printed()
                ),
                format!(
                    "the note under {} says the table is empty, but it has figures (e.g. {} on line {})",
                    t.label,
                    fig.printed(),
                    fig.line
                ),
            ),
        );
        f.table = Some(t.label.clone());
        f.related_lines = vec![fig.line];
        f.actual = Some(fig.printed());
        f.expected = Some("空表（无数字）/ no figure".into());
        out.push(f);
    }
}
