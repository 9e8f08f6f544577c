//! T001 required table missing: a disclosure normally has 部门收支总体情况表 (summary),
//! 部门支出总体情况表 (expense), 一般公共预算支出情况表 (general_expense) and
//! 一般公共预算基本支出情况表 (basic_economic). Some templates legitimately merge or drop
//! tables, so the catalogue makes this a warning. Nothing is reported when the document has no
//! table at all (the table parser found none; that is reported elsewhere).

use super::{Finding, Message};
use crate::model::{Document, TableKind};

pub const CODE: &str = "T001";

const REQUIRED: &[(TableKind, &str, &str)] = &[
    (
        TableKind::Summary,
        "部门收支总体情况表",
        "summary of income and expense",
    ),
    (TableKind::Expense, "部门支出总体情况表", "expense table"),
    (
        TableKind::GeneralExpense,
        "一般公共预算支出情况表",
        "general public budget expense table",
    ),
    (
        TableKind::BasicEconomic,
        "一般公共预算基本支出情况表",
        "basic expense by economic class table",
    ),
];

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let Some(first) = doc.tables.first() else {
        return;
    };
    for (kind, zh, en) in REQUIRED {
        if doc.table(*kind).is_none() {
            out.push(Finding::new(
                CODE,
                first.line,
                Message::new(
                    format!("缺少{zh}（{}）", kind.zh()),
                    format!("missing {en} ({zh})"),
                ),
            ));
        }
    }
}
