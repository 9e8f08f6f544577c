//! R110 — a table's note that names another fund than its table.
//!
//! The 政府性基金 and 国有资本经营 tables of a department with no such money carry a note
//! ("注：本部门2024年没有使用国有资本经营预算拨款安排的支出，故本表为空表。"). When the note
//! under the 国有资本经营 table speaks of 政府性基金 (or the reverse), it was copied from the
//! table before and not edited: the reader is told nothing about this table.
//!
//! Only a note of the table itself (printed inside it or right under it) that names the
//! other fund and not its own is reported.
//!
//! Why: the note is the only statement of an empty table; naming the wrong fund makes it say
//! nothing true.
//!
//! Example: under 2024年国有资本经营预算支出预算表, "注：本单位无政府性基金预算拨款安排的支出，故本表为空表。"

use crate::model::{Document, TableKind};
use crate::rules::{Finding, Message, Severity};

pub const CODE: &str = "R110";

/// The fund a note phrase names: (phrase, the table kind it belongs to).
const FUNDS: &[(&str, TableKind)] = &[
    ("政府性基金", TableKind::GovFund),
    ("国有资本经营", TableKind::StateCapital),
];

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        let Some(own) = FUNDS.iter().find(|(_, k)| *k == t.kind).map(|(p, _)| *p) else {
            continue;
        };
        let Some(note) = &t.empty_note else { continue };
        let mut text: String = note.text.chars().filter(|c| !c.is_whitespace()).collect();
        // A note wrapped over lines is kept by its last line ("…国有资本经营预算财政拨款安排的
        // 预算，故本表为空表。"): its opening lines, up to the one that starts with 注, are read
        // with it.
        let mut line = note.line;
        while !text.starts_with(['注', '备', '说']) && line > t.line + 1 && line + 3 > note.line
        {
            line -= 1;
            let Some(l) = doc.lines.get(line - 1) else {
                break;
            };
            let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            if l.is_empty() {
                break;
            }
            text = format!("{l}{text}");
        }
        if text.contains(own) {
            continue;
        }
        let Some((other, _)) = FUNDS.iter().find(|(p, _)| text.contains(p)) else {
            continue;
        };
        let mut f = Finding::new(
            CODE,
            note.line,
            Message::new(
                format!("{} 的说明写的是“{other}”，不是本表的“{own}”", t.label),
                format!(
                    "the note of {} speaks of “{other}”, not of this table's “{own}”",
                    t.label
                ),
            ),
        );
        f.severity = Severity::Warning;
        f.table = Some(t.label.clone());
        f.related_lines = vec![t.line];
        f.expected = Some(own.to_string());
        f.actual = Some(other.to_string());
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const DOC: &str = "某局\n2024年部门预算\n\n2024年部门政府性基金预算支出预算表\n单位：万元\n功能分类科目编码   功能分类科目名称        合计      基本支出     项目支出\n合计                                       0.00         0.00         0.00\n注：本部门2024年无政府性基金预算拨款安排的支出，故本表为空表。\n\n2024年部门国有资本经营预算支出预算表\n单位：万元\n功能分类科目编码   功能分类科目名称        合计      基本支出     项目支出\n合计                                       0.00         0.00         0.00\n注：本部门2024年无国有资本经营预算拨款安排的支出，故本表为空表。\n\n说明\n  收入预算120.50万元。\n";

    #[test]
    fn notes_naming_their_own_fund_are_clean() {
        assert!(run(DOC).is_empty(), "{:?}", run(DOC));
    }

    #[test]
    fn a_note_naming_both_funds_over_two_lines_is_its_own() {
        let wrapped = DOC.replace(
            "注：本部门2024年无政府性基金预算拨款安排的支出，故本表为空表。",
            "注：本部门2024年无政府性基金预算和\n国有资本经营预算拨款安排的支出，故本表为空表。",
        );
        assert!(run(&wrapped).is_empty(), "{:?}", run(&wrapped));
    }

    #[test]
    fn a_note_copied_from_the_fund_table_above() {
        let bad = DOC.replace(
            "无国有资本经营预算拨款安排的支出",
            "无政府性基金预算拨款安排的支出",
        );
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 14);
        assert!(
            f[0].message.zh.contains("政府性基金"),
            "{}",
            f[0].message.zh
        );
    }
}
