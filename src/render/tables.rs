//! `budgetlint extract --format text`: the typed tables as aligned text, one block per table,
//! so a person can compare them with the source.

use crate::model::{Document, Figure, Table};
use crate::rules::formula::{column_key_name, scope_name, table_kind_name};
use unicode_width::UnicodeWidthStr;

fn pad_right(s: &str, w: usize) -> String {
    let n = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn pad_left(s: &str, w: usize) -> String {
    let n = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

fn cell(f: &Option<Figure>) -> String {
    f.as_ref().map(Figure::printed).unwrap_or_default()
}

fn table_block(t: &Table) -> String {
    let unit = t.unit.zh();
    let mut out = format!(
        "{} {}\n  类型 kind: {} / 口径 scope: {} / 单位 unit: {unit} / 行 lines {}-{}\n",
        t.label,
        t.title,
        table_kind_name(t.kind),
        scope_name(t.scope),
        t.line,
        t.end_line
    );
    let keys: Vec<String> = t.columns.iter().map(|c| column_key_name(&c.key)).collect();
    out.push_str(&format!("  列 columns: {}\n", keys.join(", ")));
    // Columns: line, code/name, then the table's columns.
    let mut header: Vec<String> = vec!["行".into(), "科目/项目".into()];
    header.extend(t.columns.iter().map(|c| c.name.clone()));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &t.rows {
        let mut label = r.label();
        if r.columns_inferred {
            label.push_str(" (列推断 inferred)");
        }
        let mut v = vec![r.line.to_string(), label];
        for i in 0..t.columns.len() {
            v.push(r.values.get(i).map(cell).unwrap_or_default());
        }
        rows.push(v);
    }
    let mut widths: Vec<usize> = header
        .iter()
        .map(|h| UnicodeWidthStr::width(h.as_str()))
        .collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(UnicodeWidthStr::width(c.as_str()));
            }
        }
    }
    let line = |v: &[String], head: bool| -> String {
        let cells: Vec<String> = v
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let w = widths.get(i).copied().unwrap_or(0);
                if i == 1 || head {
                    pad_right(c, w)
                } else {
                    pad_left(c, w)
                }
            })
            .collect();
        format!("  {}\n", cells.join(" | ").trim_end())
    };
    out.push_str(&line(&header, true));
    let total: usize = widths.iter().sum::<usize>() + 3 * widths.len().saturating_sub(1);
    out.push_str(&format!("  {}\n", "-".repeat(total)));
    for r in &rows {
        out.push_str(&line(r, false));
    }
    if !t.income.is_empty() {
        out.push_str("  收入 income:\n");
        for i in &t.income {
            let indent = if i.nested { "    " } else { "" };
            out.push_str(&format!(
                "  {:>5} | {indent}{} = {}\n",
                i.line,
                i.name,
                cell(&i.amount)
            ));
        }
    }
    if let Some(n) = &t.empty_note {
        out.push_str(&format!("  说明 note ({}): {}\n", n.line, n.text));
    }
    for i in &t.issues {
        out.push_str(&format!(
            "  ! 无法读取 unreadable ({}): {}\n",
            i.line, i.message
        ));
    }
    out
}

/// All tables of a document (and a line for each performance table), as aligned text.
pub fn tables_text(doc: &Document) -> String {
    let mut out = format!(
        "# {}\n# 部门 department: {} / 年度 year: {} / 编码 encoding: {}\n# {} 张表 tables, {} 张绩效目标表 performance tables, {} 段说明 paragraphs\n",
        doc.path,
        doc.info.department.as_deref().unwrap_or("?"),
        doc.info.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
        doc.info.encoding,
        doc.tables.len(),
        doc.performance.len(),
        doc.narrative.len(),
    );
    for t in &doc.tables {
        out.push('\n');
        out.push_str(&table_block(t));
    }
    for p in &doc.performance {
        out.push_str(&format!(
            "\n绩效目标表 performance ({}-{}): {} 年度资金总额 {} = 财政拨款 {} + 其他资金 {}; {} 个指标 indicators\n",
            p.line,
            p.end_line,
            p.project,
            cell(&p.total),
            cell(&p.appropriation),
            cell(&p.other),
            p.indicators.len()
        ));
    }
    out
}
