//! N120 — a narrative amount that disagrees with the table figure it names.
//!
//! Function classes, 款 and 项 (by code "2010399", by "(210类)(11款)(01项)" markers, or by
//! their names "一般公共服务支出（类）…（款）行政运行（项）") resolve to rows of the expense
//! tables (the 一般公共预算 table in the 一般公共预算当年拨款 section, the all-funds table
//! elsewhere); 基本支出 / 项目支出 / 人员经费 / 公用经费 to the total rows; income sources to
//! the income side of the summary table; "三公" items to the 三公 table. Tables in 元 are
//! converted to 万元 first.
//!
//! Why: the narrative restates the tables by hand. 002 writes "2010399：2020年预算数为157万元"
//! where 表五 has 107, and "一般公共预算拨款基本支出 1459.62万元" where 基本支出 is 1302.62.

use super::resolve::{checkable_amount, resolve_amount};
use super::util::*;
use crate::arith::check_equal;
use crate::model::claim::{subject_key, Claim, Section};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N120";

/// Claims N120 handles (N122 handles the economic items listed in 基本支出情况说明).
pub fn handles(c: &Claim) -> bool {
    checkable_amount(c)
        && (c.section != Section::Basic
            || matches!(
                subject_key(&c.subject).as_str(),
                "基本支出" | "人员经费" | "公用经费"
            ))
        && subject_key(&c.subject) != "机关运行经费"
}

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims.iter().filter(|c| handles(c)) {
        let Some(money) = c.money() else { continue };
        let Some(r) = resolve_amount(doc, c) else {
            continue;
        };
        let Some(m) = check_equal(&money.wan(), &r.figure) else {
            continue;
        };
        // Where the table parser had to infer the figure's column (reading-order text), a
        // disagreement may be the parser's: the claim is reported as unverified (N190), not
        // as a defect.
        let (code, severity) = if r.inferred {
            (super::n190_unverified::CODE, Severity::Info)
        } else {
            (CODE, Severity::Error)
        };
        let mut f = finding(
            code,
            severity,
            &money.figure,
            format!(
                "说明中“{}”为 {}，{}“{}”{}为 {} 万元",
                c.subject,
                money.printed(),
                r.table,
                r.row,
                r.column,
                r.figure.printed()
            ),
            format!(
                "the text states {} for \"{}\", {} row \"{}\" column \"{}\" has {}",
                money.printed(),
                c.subject,
                r.table,
                r.row,
                r.column,
                r.figure.printed()
            ),
        );
        fill(&mut f, &m, display_scale(&money.wan(), &r.figure));
        f.table = Some(r.table.clone());
        f.row = Some(r.row.clone());
        f.column = Some(r.column.clone());
        f.identity = Some(r.identity.clone());
        f.related_lines.push(r.figure.line);
        if r.inferred {
            f.message
                .zh
                .insert_str(0, "未核实的说明（表中该数的列位置系推断得出）：");
            f.message.en.insert_str(
                0,
                "unverified claim (the table figure's column was inferred): ",
            );
        }
        out.push(f);
    }
}
