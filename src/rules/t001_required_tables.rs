//! T001 required table missing: a budget normally has 部门收支总体情况表 (summary),
//! 部门支出总体情况表 (expense), 一般公共预算支出情况表 (general_expense) and
//! 一般公共预算基本支出情况表 (basic_economic); a 决算 its nine tables (收入支出决算总表 … 国有资本
//! 经营预算财政拨款收入支出决算表), each by the 决算 name. Some templates legitimately merge or drop
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

/// The nine tables of a 决算 (DOMAIN.md, "决算 (final accounts)").
const REQUIRED_FINAL: &[(TableKind, &str, &str)] = &[
    (
        TableKind::Summary,
        "收入支出决算总表",
        "summary of income and expense",
    ),
    (TableKind::Income, "收入决算表", "income table"),
    (TableKind::Expense, "支出决算表", "expense table"),
    (
        TableKind::FiscalSummary,
        "财政拨款收入支出决算总表",
        "summary of appropriations",
    ),
    (
        TableKind::GeneralExpense,
        "一般公共预算财政拨款支出决算表",
        "general public budget expense table",
    ),
    (
        TableKind::BasicEconomic,
        "一般公共预算财政拨款基本支出决算表",
        "basic expense by economic class table",
    ),
    (
        TableKind::ThreePublic,
        "财政拨款“三公”经费支出决算表",
        "三公 expense table",
    ),
    (
        TableKind::GovFund,
        "政府性基金预算财政拨款收入支出决算表",
        "government fund table",
    ),
    (
        TableKind::StateCapital,
        "国有资本经营预算财政拨款收入支出决算表",
        "state capital table",
    ),
];

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let Some(first) = doc.tables.first() else {
        return;
    };
    let required = match doc.info.kind {
        crate::model::DocKind::Final => REQUIRED_FINAL,
        crate::model::DocKind::Budget => REQUIRED,
    };
    for (kind, zh, en) in required {
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
