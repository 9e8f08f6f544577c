//! T106 project amounts across tables (项目支出表 ↔ 项目支出绩效目标表): a project's amount in
//! the project table must equal the 年度资金总额 of its performance-target table, and that
//! total must equal 财政拨款 + 其他资金.
//!
//! Why: the two tables are filled in by different people from different systems; a project
//! printed with two amounts means one of them is wrong. When only one of the two amounts
//! makes the project table's own subtotals add up exactly, the finding says so, which points
//! at the wrong one.
//!
//! Example: 表七 便民服务站运行费 378.37, its 绩效目标表 年度资金总额 378.36; with 378.36 the
//! 表七 rows 204 02 公安, 204 and 合计 add up exactly.

use super::{Finding, Message};
use crate::arith::{check_equal, check_sum};
use crate::model::{
    Code, ColumnKey, Document, Figure, PerformanceTable, Row, RowKind, Table, TableKind,
};
use rust_decimal::Decimal;

pub const CODE: &str = "T106";

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '《' | '》'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The performance table of a project: same name, or one name containing the other.
fn performance_of<'a>(doc: &'a Document, project: &str) -> Option<&'a PerformanceTable> {
    let p = norm(project);
    if p.chars().count() < 2 {
        return None;
    }
    doc.performance
        .iter()
        .find(|t| norm(&t.project) == p)
        .or_else(|| {
            let cands: Vec<&PerformanceTable> = doc
                .performance
                .iter()
                .filter(|t| {
                    let q = norm(&t.project);
                    q.chars().count() >= 4
                        && p.chars().count() >= 4
                        && (q.contains(&p) || p.contains(&q))
                })
                .collect();
            match cands.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
}

/// The subtotal rows above a project row whose exact sum changes with its amount.
fn enclosing<'a>(t: &'a Table, row: &Row) -> Vec<&'a Row> {
    let mut out = Vec::new();
    let Some(Code::Function(f)) = &row.code else {
        return out;
    };
    let mut up = f.parent();
    while let Some(u) = up {
        if let Some(r) = t
            .rows
            .iter()
            .find(|r| r.kind != RowKind::Project && r.code == Some(Code::Function(u.clone())))
        {
            out.push(r);
        }
        up = u.parent();
    }
    out.extend(t.total_row());
    out
}

/// Does the subtotal `r` add up exactly when the project's amount is `amount`?
fn exact_with(t: &Table, sub: &Row, project: &Row, amount: Decimal, col: usize) -> Option<bool> {
    let total = sub.values.get(col)?.as_ref()?.value;
    let parts: Decimal = if sub.kind == RowKind::Total {
        t.rows
            .iter()
            .filter(|r| r.kind == RowKind::Project)
            .filter_map(|r| r.values.get(col).and_then(Option::as_ref))
            .map(|f| f.value)
            .sum::<Decimal>()
    } else {
        let Some(Code::Function(sc)) = &sub.code else {
            return None;
        };
        t.rows
            .iter()
            .filter(|r| r.kind == RowKind::Project)
            .filter(|r| matches!(&r.code, Some(Code::Function(f)) if f.joined().starts_with(&sc.joined())))
            .filter_map(|r| r.values.get(col).and_then(Option::as_ref))
            .map(|f| f.value)
            .sum::<Decimal>()
    };
    let own = project.values.get(col)?.as_ref()?.value;
    Some(parts - own + amount == total)
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    // Performance tables: 年度资金总额 = 财政拨款 + 其他资金.
    for p in &doc.performance {
        let (Some(total), Some(a)) = (&p.total, &p.appropriation) else {
            continue;
        };
        let parts: Vec<&Figure> = [Some(a), p.other.as_ref()].into_iter().flatten().collect();
        if let Some(m) = check_sum(total, &parts) {
            let (exp, act, diff) = m.printed(total.scale.max(a.scale));
            let mut f = Finding::new(
                CODE,
                total.line,
                Message::new(
                    format!("绩效目标表“{}”年度资金总额 {} ≠ 财政拨款 + 其他资金 {}（差 {}）", p.project, act, exp, diff),
                    format!("performance table “{}”: annual total {} ≠ appropriation + other funds {} (difference {})", p.project, act, exp, diff),
                ),
            );
            f.col = total.col;
            f.width = total.width;
            f.related_lines = parts.iter().map(|x| x.line).collect();
            f.table = Some("绩效目标表".into());
            f.row = Some(p.project.clone());
            f.expected = Some(exp);
            f.actual = Some(act);
            f.difference = Some(diff);
            out.push(f);
        }
    }
    let Some(t) = doc.table(TableKind::Projects) else {
        return;
    };
    let Some(col) = t.column_index(&ColumnKey::Total) else {
        return;
    };
    for row in t.rows.iter().filter(|r| r.kind == RowKind::Project) {
        let (Some(project), Some(amount)) =
            (&row.project, row.values.get(col).and_then(Option::as_ref))
        else {
            continue;
        };
        let Some(perf) = performance_of(doc, project) else {
            continue;
        };
        let Some(ptotal) = &perf.total else { continue };
        // Compare in the table's unit.
        let ptotal_in_table = if t.unit == crate::model::Unit::Yuan {
            let mut f = ptotal.clone();
            f.value *= Decimal::from(10_000);
            f.scale = f.scale.saturating_sub(4);
            f
        } else {
            ptotal.clone()
        };
        let Some(m) = check_equal(amount, &ptotal_in_table) else {
            continue;
        };
        let (exp, act, diff) = m.printed(amount.scale.max(ptotal_in_table.scale));
        let subs = enclosing(t, row);
        let table_fits = subs
            .iter()
            .all(|s| exact_with(t, s, row, amount.value, col).unwrap_or(true));
        let perf_fits = subs
            .iter()
            .all(|s| exact_with(t, s, row, ptotal_in_table.value, col).unwrap_or(true));
        let labels: Vec<String> = subs.iter().map(|s| s.label()).collect();
        let (hint_zh, hint_en) = match (table_fits, perf_fits, subs.is_empty()) {
            (false, true, false) => (
                format!("；取 {exp} 时，{} 各行的小计恰好相符，{act} 使其不符", labels.join("、")),
                format!("; with {exp} the subtotals {} add up exactly, {act} breaks them", labels.join(", ")),
            ),
            (true, false, false) => (
                format!("；表中 {act} 与 {} 各行的小计相符，绩效目标表的 {exp} 可能有误", labels.join("、")),
                format!("; {act} agrees with the subtotals {}, the performance table's {exp} may be wrong", labels.join(", ")),
            ),
            _ => (String::new(), String::new()),
        };
        let mut f = Finding::new(
            CODE,
            amount.line,
            Message::new(
                format!(
                    "{} 项目“{}” {} ≠ 绩效目标表年度资金总额 {}（差 {}）{}",
                    t.label, project, act, exp, diff, hint_zh
                ),
                format!(
                    "{} project “{}” {} ≠ performance table annual total {} (difference {}){}",
                    t.label, project, act, exp, diff, hint_en
                ),
            ),
        );
        f.col = amount.col;
        f.width = amount.width;
        f.related_lines = std::iter::once(ptotal.line)
            .chain(
                subs.iter()
                    .filter_map(|s| s.values.get(col).and_then(Option::as_ref))
                    .map(|x| x.line),
            )
            .collect();
        f.related_lines.sort_unstable();
        f.related_lines.dedup();
        f.table = Some(t.label.clone());
        f.row = Some(row.label());
        f.column = t.columns.get(col).map(|c| c.name.clone());
        f.expected = Some(exp);
        f.actual = Some(act);
        f.difference = Some(diff);
        f.tolerance = Some(m.tolerance.normalize().to_string());
        f.identity = Some(format!(
            "{}.{}.合计 = 绩效目标表.{}.年度资金总额",
            t.label, project, perf.project
        ));
        out.push(f);
    }
}
