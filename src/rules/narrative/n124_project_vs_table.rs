//! N124 — a project amount in the narrative that disagrees with the project table or the
//! project's performance target table.
//!
//! Each project's 预算安排规模, its restated budget and its worked-out total (see N113) are
//! compared with the 项目支出 table (sum of the rows of that project, in 万元) and with the
//! 年度资金总额 of its 项目支出绩效目标表.
//!
//! Also the scope of 预算绩效管理 ("项目 18个，涉及预算金额 2784.91 万元") against the project
//! table's 合计 and its number of projects (or the narrative's 项目支出) — as a warning,
//! since some templates count only part of the projects.
//!
//! Why: DOMAIN.md — "each project amount agrees across 表七, its narrative 预算安排规模 and
//! its 绩效目标表 年度资金总额". 001's 房屋租赁 restates 284.218 万元 while 表七 has 280.19.

use super::n113_project_narrative::blocks;
use super::resolve::norm;
use super::util::*;
use crate::arith::check_equal;
use crate::model::claim::{subject_key, ClaimData, Section};
use crate::model::claim::{Claim, Money};
use crate::model::{ColumnKey, Document, Figure, TableKind};
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub const CODE: &str = "N124";

/// Whether a project name matches `b`, a name already passed through [`norm`] (it is
/// compared with every row: normalized once).
fn same_project(a: &str, b: &str) -> bool {
    let a = norm(a);
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(b) || b.contains(&*a))
}

/// The project's amount in the project table(s), summed over its rows, in 万元.
pub fn table_amount(doc: &Document, name: &str) -> Option<(Figure, String)> {
    let name = norm(name);
    let name = name.as_ref();
    for t in doc.tables.iter().filter(|t| t.kind == TableKind::Projects) {
        let rows: Vec<_> = t
            .body()
            .filter(|r| r.project.as_deref().is_some_and(|p| same_project(p, name)))
            .collect();
        let figs: Vec<Figure> = rows
            .iter()
            .filter_map(|r| {
                r.get(&t.columns, &ColumnKey::Total)
                    .map(|f| table_wan(f, t.unit))
            })
            .collect();
        if let Some(first) = figs.first() {
            let mut f = first.clone();
            f.value = figs.iter().map(|x| x.value).sum::<Decimal>();
            f.scale = figs.iter().map(|x| x.scale).max().unwrap_or(2);
            return Some((f, t.label.clone()));
        }
    }
    None
}

/// The project's 年度资金总额 from its performance table, in 万元.
pub fn performance_amount(doc: &Document, name: &str) -> Option<Figure> {
    let name = norm(name);
    let name = name.as_ref();
    doc.performance
        .iter()
        .find(|p| same_project(&p.project, name))
        .and_then(|p| p.total.clone())
}

fn report(
    out: &mut Vec<Finding>,
    name: &str,
    m: &Money,
    what_zh: &str,
    reference: &Figure,
    label: &str,
) {
    let Some(mm) = check_equal(&m.wan(), reference) else {
        return;
    };
    let mut f = finding(
        CODE,
        Severity::Error,
        &m.figure,
        format!(
            "项目“{name}”说明中的{what_zh} {} 与{label} {} 万元不一致",
            m.printed(),
            reference.printed()
        ),
        format!(
            "project \"{name}\": the narrative's {} differs from {label} {}",
            m.printed(),
            reference.printed()
        ),
    );
    fill(&mut f, &mm, display_scale(&m.wan(), reference));
    f.table = Some(label.to_string());
    f.row = Some(name.to_string());
    f.identity = Some("项目说明金额 = 项目支出表金额 = 绩效目标表年度资金总额".into());
    f.related_lines.push(reference.line);
    out.push(f);
}

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    performance_scope(doc, claims, out);
    for b in blocks(claims) {
        let mut amounts: Vec<(&Money, &str)> = Vec::new();
        if let Some(x) = b.budget {
            amounts.push((x, "预算安排规模"));
        }
        for r in &b.restated {
            amounts.push((r, "本年预算"));
        }
        if let Some(c) = b.computed {
            amounts.push((c, "测算合计"));
        }
        if let Some((t, label)) = table_amount(doc, b.name) {
            for (m, what) in &amounts {
                report(out, b.name, m, what, &t, &label);
            }
        }
        if let Some(pf) = performance_amount(doc, b.name) {
            if let Some((m, what)) = amounts.first() {
                report(out, b.name, m, what, &pf, "绩效目标表年度资金总额");
            }
        }
    }
}

/// The scope of 预算绩效管理 ("项目 18个，涉及预算金额 2784.91 万元") against the project
/// table's 合计 and project count, or the narrative's 项目支出 (warnings: some templates count
/// only part of the projects).
fn performance_scope(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    // A 决算's 预算绩效管理 amounts are the budgets of the projects evaluated, not its outturn.
    if doc.info.kind == crate::model::DocKind::Final {
        return;
    }
    for c in claims {
        let ClaimData::Performance { count, amount } = &c.data else {
            continue;
        };
        if count.value.is_zero() && amount.figure.value.is_zero() {
            continue;
        }
        let table = doc.tables.iter().find(|t| t.kind == TableKind::Projects);
        let reference: Option<(Figure, String)> = table
            .and_then(|t| {
                t.total_row()
                    .and_then(|r| r.get(&t.columns, &ColumnKey::Total))
                    .map(|f| (table_wan(f, t.unit), format!("{}合计", t.label)))
            })
            .or_else(|| {
                claims
                    .iter()
                    .find(|x| {
                        x.section == Section::Expense && subject_key(&x.subject) == "项目支出"
                    })
                    .and_then(|x| x.money())
                    .map(|m| (m.wan(), "说明中的项目支出".to_string()))
            });
        if let Some((r, label)) = reference {
            if let Some(m) = check_equal(&amount.wan(), &r) {
                let mut f = finding(
                    CODE,
                    Severity::Warning,
                    &amount.figure,
                    format!(
                        "预算绩效管理项目涉及金额 {} 与{} {} 万元不一致",
                        amount.printed(),
                        label,
                        r.printed()
                    ),
                    format!(
                        "the amount under performance management {} differs from {} {}",
                        amount.printed(),
                        label,
                        r.printed()
                    ),
                );
                fill(&mut f, &m, 2);
                f.related_lines.push(r.line);
                out.push(f);
            }
        }
        if let Some(t) = table {
            let names: BTreeSet<&str> = t.body().filter_map(|r| r.project.as_deref()).collect();
            let n = Decimal::from(names.len());
            if !names.is_empty() && n != count.value {
                let mut f = finding(
                    CODE,
                    Severity::Warning,
                    count,
                    format!(
                        "预算绩效管理项目 {} 个，{}列有 {} 个项目",
                        count.printed(),
                        t.label,
                        names.len()
                    ),
                    format!(
                        "{} projects under performance management, {} lists {}",
                        count.printed(),
                        t.label,
                        names.len()
                    ),
                );
                f.expected = Some(names.len().to_string());
                f.actual = Some(count.printed());
                f.table = Some(t.label.clone());
                out.push(f);
            }
        }
    }
}
