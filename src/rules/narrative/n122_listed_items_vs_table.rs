//! N122 — economic items listed in 基本支出情况说明 that disagree with the basic expense table.
//!
//! "人员经费1116.08万元，主要包括：基本工资331.92万元、…、退休费0万元、…" — each listed item
//! is compared with the row of the same name in 一般公共预算基本支出情况表 (表六).
//!
//! Why: 002 lists 退休费 0 万元 while 表六 has 退休费 30.52; a zero written for a real
//! expense hides it from the reader.

use super::resolve::{checkable_amount, resolve_economic};
use super::util::*;
use crate::arith::check_equal;
use crate::model::claim::{subject_key, Claim, Section};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N122";

/// Claims N122 handles.
pub fn handles(c: &Claim) -> bool {
    checkable_amount(c)
        && c.section == Section::Basic
        && !matches!(
            subject_key(&c.subject).as_str(),
            "基本支出" | "人员经费" | "公用经费" | "机关运行经费"
        )
}

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims.iter().filter(|c| handles(c)) {
        let Some(money) = c.money() else { continue };
        let Some(r) = resolve_economic(doc, &c.subject) else {
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
                "说明列出“{}”{}，{}“{}”为 {} 万元",
                c.subject,
                money.printed(),
                r.table,
                r.row,
                r.figure.printed()
            ),
            format!(
                "the text lists {} for \"{}\", {} row \"{}\" has {}",
                money.printed(),
                c.subject,
                r.table,
                r.row,
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
