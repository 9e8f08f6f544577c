//! P102 — a 决算's 年初预算 figure that is not the same year's published budget.
//!
//! "行政运行（项）。年初预算为1560.05万元，支出决算为1532.18万元，完成年初预算的98.21%": the
//! 年初预算 is the figure the department's budget of that year published for that item. Given
//! that budget (`--budget FILE`), the item is looked up in its tables (by function class,
//! 款, 项 or total, as the narrative rules resolve an amount) and compared with interval
//! tolerance. A 全年预算 (the adjusted budget) is not in the budget document and is counted
//! as not comparable.
//!
//! Why: the completion rate and the reasons a 决算 gives rest on its 年初预算; a 年初预算 the
//! budget never stated makes them meaningless.
//!
//! Example: 2024 决算 "住房公积金（项）。年初预算为187.75万元"; the 2024 budget's 一般公共
//! 预算支出功能分类表 row 221 02 01 住房公积金 187.75 agrees.

use super::{shown, wan_shown};
use crate::arith::check_equal;
use crate::model::claim::{AmountRole, ClaimData};
use crate::model::Document;
use crate::rules::narrative::resolve::resolve_amount;
use crate::rules::{Finding, Message};

pub const CODE: &str = "P102";

pub fn compare(this: &Document, budget: &Document, budget_path: &str) -> super::Comparison {
    let mut out = super::Comparison::default();
    for c in &this.claims {
        let ClaimData::Completion {
            budget: Some(stated),
            budget_initial,
            ..
        } = &c.data
        else {
            continue;
        };
        if !budget_initial {
            out.not_comparable.push((c.line, "全年预算"));
            continue;
        }
        if c.subject.is_empty() || c.project.is_some() {
            out.not_comparable.push((c.line, "项目不明"));
            continue;
        }
        let mut probe = c.clone();
        probe.data = ClaimData::Amount {
            money: stated.clone(),
            role: AmountRole::Plain,
            approx: false,
        };
        let Some(r) = resolve_amount(budget, &probe).filter(|r| !r.inferred) else {
            out.not_comparable.push((c.line, "预算文件中找不到"));
            continue;
        };
        let mismatch = check_equal(&stated.wan(), &r.figure);
        let value = wan_shown(&r.figure);
        out.compared.push(super::p101_restated_prior::Compared {
            line: c.line,
            subject: c.subject.clone(),
            implied: stated.wan().printed(),
            last_line: r.figure.line,
            last_value: value.clone(),
            agrees: mismatch.is_none(),
        });
        let Some(m) = mismatch else { continue };
        let what = format!("{}“{}”{}", r.table, shown(&r.row), r.column);
        let f = Finding::new(
            CODE,
            stated.figure.line,
            Message::new(
                format!(
                    "“{}”的年初预算写为 {}，同年预算文件{what}为 {value} 万元",
                    shown(&c.subject),
                    stated.printed()
                ),
                format!(
                    "“{}”: 年初预算 stated as {}; the year's budget document's {what} is {value} 万元",
                    shown(&c.subject),
                    stated.printed()
                ),
            ),
        );
        let other = super::OtherFigure {
            doc: budget,
            path: budget_path,
            figure: &r.figure,
            budget: true,
        };
        out.findings
            .push(super::against(f, &stated.figure, &m, other));
    }
    out
}
