//! T103 code structure (科目编码): a function code whose 类 is not a class of the
//! government classification (政府收支分类科目 201–234), or a 款/项 row printed without the
//! 类/款 row it belongs to while the table does print subtotals.
//!
//! Why: a mistyped code books the money to a class that does not exist, or leaves a row
//! outside every subtotal, so no sum in the table includes it.
//!
//! Also a row whose code cell is not a code at all ("99999", "2x01", "999 99 99"): the parser
//! keeps it as an uncoded item, which no subtotal includes.
//!
//! Example: `218 01 01 行政运行` (there is no class 218), or `201 03 99` in a table that
//! prints 类 and 款 rows but no `201 03`.

use super::{Finding, Message};
use crate::model::{Code, Document, IssueKind, RowKind, TableKind};
use crate::tables::class_names;

pub const CODE: &str = "T103";

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in &doc.tables {
        for i in &t.issues {
            let IssueKind::Code { text, placed } = &i.kind else {
                continue;
            };
            let (zh, en) = if t.kind == TableKind::BasicEconomic {
                (
                    "经济分类编码为类 3 位、款 2 位，如 301 01",
                    "economic codes are a 3-digit class and a 2-digit item, e.g. 301 01",
                )
            } else {
                (
                    "功能分类编码为类 3 位（2 开头）、款 2 位、项 2 位，如 201 03 01",
                    "function codes are a 3-digit class starting with 2, a 2-digit item and \
                     sub-item, e.g. 201 03 01",
                )
            };
            let message = match placed {
                Some(c) => Message::new(
                    format!(
                        "{} 第 {} 行：“{text}”不是规范的科目编码（{zh}），按上下文读作 {c}",
                        t.label, i.line
                    ),
                    format!(
                        "{} line {}: “{text}” is not a well-formed classification code ({en}); \
                         read as {c} from the rows around it",
                        t.label, i.line
                    ),
                ),
                None => Message::new(
                    format!(
                        "{} 第 {} 行：“{text}”不是科目编码（{zh}），该行不在任何小计之内，\
                         其数字未计入上级科目的核对",
                        t.label, i.line
                    ),
                    format!(
                        "{} line {}: “{text}” is not a classification code ({en}); the row is \
                         outside every subtotal and its figures were left out of the checks \
                         of the codes above it",
                        t.label, i.line
                    ),
                ),
            };
            let mut f = Finding::new(CODE, i.line, message);
            f.expected = placed.as_ref().map(|c| c.to_string());
            f.actual = Some(text.clone());
            if let Some((col, width)) = i.col {
                f.col = Some(col);
                f.width = width;
            }
            f.table = Some(t.label.clone());
            out.push(f);
        }
        let has_subtotals = t.rows.iter().any(|r| {
            matches!(&r.code, Some(Code::Function(f)) if f.level() < 3)
                || matches!(&r.code, Some(Code::Economic(e)) if e.level() == 1)
        });
        for r in &t.rows {
            let Some(code) = &r.code else { continue };
            if let Code::Function(f) = code {
                if !class_names::is_class(&f.class) {
                    let mut fi = Finding::new(
                        CODE,
                        r.line,
                        Message::new(
                            format!(
                                "{} {}：{} 不是政府收支分类的支出功能类",
                                t.label,
                                r.label(),
                                f.class
                            ),
                            format!(
                                "{} {}: {} is not a function class of the classification",
                                t.label,
                                r.label(),
                                f.class
                            ),
                        ),
                    );
                    fi.table = Some(t.label.clone());
                    fi.row = Some(r.label());
                    out.push(fi);
                    continue;
                }
            }
            if !has_subtotals || matches!(t.kind, TableKind::Summary | TableKind::FiscalSummary) {
                continue;
            }
            let parent = match code {
                Code::Function(f) => f.parent().map(Code::Function),
                Code::Economic(e) => e.parent().map(Code::Economic),
            };
            let Some(parent) = parent else { continue };
            let present = t
                .rows
                .iter()
                .any(|o| o.kind != RowKind::Project && o.code.as_ref() == Some(&parent));
            if !present && r.kind != RowKind::Project {
                let mut fi = Finding::new(
                    CODE,
                    r.line,
                    Message::new(
                        format!("{} {}：表中没有其上级科目 {}，该行不在任何小计之内", t.label, r.label(), parent),
                        format!("{} {}: its parent code {} is not in the table, so no subtotal includes it", t.label, r.label(), parent),
                    ),
                );
                fi.table = Some(t.label.clone());
                fi.row = Some(r.label());
                out.push(fi);
            }
        }
    }
}
