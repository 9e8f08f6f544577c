//! The HTML report: one self-contained page (inline CSS, no script, nothing fetched) with a
//! summary per department and, per file, each finding beside the table it concerns, the
//! wrong cells highlighted in red and the related figures in amber.

use super::junit::xml_escape as esc;
use super::{FileReport, FileRow};
use crate::model::{Document, Figure, Table};
use crate::rules::{Finding, Lang, Severity};
use std::collections::BTreeMap;

const CSS: &str = "
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:8px 0}
table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #d0d7de;padding:2px 6px}th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.bad{background:#ffcdd2;outline:2px solid #d32f2f;font-weight:bold}
td.related{background:#fff3c4}
tr.badrow td{background:#ffebee}
.pair{display:flex;gap:24px;align-items:flex-start;margin:12px 0 24px}
.tbl{flex:0 1 auto;overflow-x:auto;max-width:62%}.finds{flex:1 1 320px}
.finding{border-left:4px solid #d32f2f;background:#fafafa;padding:6px 10px;margin-bottom:8px;font-size:13px}
.finding.warning{border-color:#f9a825}.finding.info{border-color:#0288d1}
.code{font-family:monospace;font-weight:bold}.meta{color:#57606a}
.ok{color:#2e7d32;font-weight:bold}.err{color:#d32f2f;font-weight:bold}.warn{color:#b26a00;font-weight:bold}
pre.src{background:#f6f8fa;padding:6px;font-size:13px;overflow-x:auto}pre.src b{background:#ffcdd2;outline:2px solid #d32f2f}
.summary td{white-space:nowrap}
";

fn sev_class(s: Severity) -> &'static str {
    s.name()
}

fn finding_card(n: usize, f: &Finding, doc: Option<&Document>, lang: Lang) -> String {
    let mut s = format!(
        "<div class=\"finding {}\"><span class=\"code\">[{n}] {} {}</span> {}",
        sev_class(f.severity),
        esc(&f.rule),
        f.severity.name(),
        esc(f.message.get(lang))
    );
    if let (Some(e), Some(a), Some(d)) = (&f.expected, &f.actual, &f.difference) {
        s.push_str(&format!(
            "<br><span class=\"meta\">{}</span>",
            esc(&match lang {
                Lang::Zh => format!("预期 {e}，实际 {a}，差 {d}"),
                Lang::En => format!("expected {e}, actual {a}, difference {d}"),
            })
        ));
    }
    let page = super::page_note(doc, f.line, lang);
    let mut loc = match lang {
        Lang::Zh => format!("第 {} 行{page}", f.line),
        Lang::En => format!("line {}{page}", f.line),
    };
    if !f.related_lines.is_empty() {
        let rel: Vec<String> = f
            .related_lines
            .iter()
            .take(12)
            .map(|l| l.to_string())
            .collect();
        loc.push_str(&match lang {
            Lang::Zh => format!("；相关行 {}", rel.join(", ")),
            Lang::En => format!("; related lines {}", rel.join(", ")),
        });
    }
    s.push_str(&format!("<br><span class=\"meta\">{}</span>", esc(&loc)));
    if let Some(id) = &f.identity {
        s.push_str(&format!("<br><span class=\"meta\">{}</span>", esc(id)));
    }
    s.push_str("</div>\n");
    s
}

/// Which of the findings (numbered) mark this figure: wrong (`bad`) or related.
fn mark(fig: &Figure, column: &str, list: &[(usize, &Finding)]) -> (bool, bool, Vec<usize>) {
    let mut bad = false;
    let mut related = false;
    let mut nums = Vec::new();
    for (n, f) in list {
        if fig.line == f.line {
            let hit = match (f.col, fig.col) {
                (Some(a), Some(b)) => a == b,
                _ => f.column.as_deref() == Some(column),
            };
            if hit {
                bad = true;
                nums.push(*n);
            }
        } else if f.related_lines.contains(&fig.line)
            && (f.column.is_none() || f.column.as_deref() == Some(column))
        {
            related = true;
        }
    }
    (bad, related, nums)
}

fn cell(fig: &Option<Figure>, column: &str, list: &[(usize, &Finding)]) -> String {
    match fig {
        None => "<td class=\"num\"></td>".into(),
        Some(f) => {
            let (bad, related, nums) = mark(f, column, list);
            let class = if bad {
                "num bad"
            } else if related {
                "num related"
            } else {
                "num"
            };
            let tag = if nums.is_empty() {
                String::new()
            } else {
                let v: Vec<String> = nums.iter().map(|n| n.to_string()).collect();
                format!("<sup>[{}]</sup>", v.join(","))
            };
            format!(
                "<td class=\"{class}\" title=\"第 {} 行\">{}{tag}</td>",
                f.line,
                esc(&f.printed())
            )
        }
    }
}

fn table_html(t: &Table, list: &[(usize, &Finding)], lang: Lang) -> String {
    let mut s = format!(
        "<h3>{} {}</h3>\n<table>\n<tr><th>{}</th><th>{}</th>",
        esc(&t.label),
        esc(&t.title),
        match lang {
            Lang::Zh => "行",
            Lang::En => "line",
        },
        match lang {
            Lang::Zh => "科目/项目",
            Lang::En => "item",
        }
    );
    for c in &t.columns {
        s.push_str(&format!("<th>{}</th>", esc(&c.name)));
    }
    s.push_str("</tr>\n");
    for i in &t.income {
        let bad = i
            .amount
            .as_ref()
            .is_some_and(|a| list.iter().any(|(_, f)| f.line == a.line));
        s.push_str(&format!(
            "<tr{}><td>{}</td><td>{}{}</td>{}</tr>\n",
            if bad { " class=\"badrow\"" } else { "" },
            i.line,
            if i.nested { "　" } else { "" },
            esc(&i.name),
            cell(&i.amount, "", list)
        ));
    }
    for r in &t.rows {
        let row_hit = list
            .iter()
            .any(|(_, f)| f.line == r.line && f.col.is_none() && f.column.is_none());
        s.push_str(&format!(
            "<tr{}><td>{}</td><td>{}</td>",
            if row_hit { " class=\"badrow\"" } else { "" },
            r.line,
            esc(&r.label())
        ));
        for (i, c) in t.columns.iter().enumerate() {
            let v = r.values.get(i).cloned().flatten();
            s.push_str(&cell(&v, &c.name, list));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table>\n");
    s
}

fn source_html(doc: &Document, f: &Finding, windows: &mut super::Windows) -> String {
    let line = f.line;
    let lo = line.saturating_sub(2).max(1);
    let hi = (line + 2).min(doc.lines.len());
    let mut s = String::from("<pre class=\"src\">");
    for l in lo..=hi {
        let text = doc
            .lines
            .get(l.wrapping_sub(1))
            .map(String::as_str)
            .unwrap_or("");
        // A very long line is shown as a window around the figure (see `super::window`).
        let col = if l == line { f.col } else { None };
        let c = windows.cut(l, text, col, f.width.max(1));
        let (front, back) = c.ellipses();
        if l != line {
            s.push_str(&format!(
                "{l:>5} | {front}{}{}{}{back}\n",
                esc(c.before),
                esc(c.figure),
                esc(c.after)
            ));
            continue;
        }
        // The figure itself in bold red when its position is known, else the whole line.
        if c.figure.is_empty() {
            s.push_str(&format!(
                "{l:>5} | <b>{front}{}{}{back}</b>\n",
                esc(c.before),
                esc(c.after)
            ));
        } else {
            s.push_str(&format!(
                "{l:>5} | {front}{}<b>{}</b>{}{back}\n",
                esc(c.before),
                esc(c.figure),
                esc(c.after)
            ));
        }
    }
    s.push_str("</pre>");
    s
}

/// The section of one file; `anchor` is its HTML id.
pub fn html_section(r: &FileReport, anchor: &str, lang: Lang) -> String {
    let row = FileRow::of(r);
    let mut s = format!(
        "<section id=\"{}\">\n<h2>{}</h2>\n",
        esc(anchor),
        esc(&r.path)
    );
    if let Some(e) = &r.error {
        s.push_str(&format!("<p class=\"err\">{}</p>\n</section>\n", esc(e)));
        return s;
    }
    s.push_str(&format!(
        "<p>{} · {} · {}</p>\n",
        esc(row.department.as_deref().unwrap_or("?")),
        row.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "?".into()),
        esc(&match lang {
            Lang::Zh => format!(
                "{} 张表，{} 个错误，{} 个警告，{} 个提示",
                row.tables.unwrap_or(0),
                row.errors,
                row.warnings,
                row.infos
            ),
            Lang::En => format!(
                "{} tables, {} errors, {} warnings, {} infos",
                row.tables.unwrap_or(0),
                row.errors,
                row.warnings,
                row.infos
            ),
        })
    ));
    let Some(doc) = r.document.as_ref() else {
        s.push_str("</section>\n");
        return s;
    };
    if r.findings.is_empty() {
        s.push_str(&format!(
            "<p class=\"ok\">{}</p>\n",
            match lang {
                Lang::Zh => "未发现问题",
                Lang::En => "No findings",
            }
        ));
    }
    // Findings by the table they concern (index into doc.tables), the rest by themselves.
    let mut by_table: BTreeMap<usize, Vec<(usize, &Finding)>> = BTreeMap::new();
    let mut loose: Vec<(usize, &Finding)> = Vec::new();
    for (i, f) in r.findings.iter().enumerate() {
        let n = i + 1;
        let within = |t: &Table| t.line <= f.line && f.line <= t.end_line.max(t.line);
        let t = doc
            .tables
            .iter()
            .position(|t| f.table.as_deref() == Some(t.label.as_str()) && within(t))
            .or_else(|| doc.tables.iter().position(within));
        match t {
            Some(t) => by_table.entry(t).or_default().push((n, f)),
            None => loose.push((n, f)),
        }
    }
    for (ti, list) in &by_table {
        let Some(t) = doc.tables.get(*ti) else {
            continue;
        };
        s.push_str("<div class=\"pair\"><div class=\"tbl\">\n");
        s.push_str(&table_html(t, list, lang));
        s.push_str("</div><div class=\"finds\">\n");
        for (n, f) in list {
            s.push_str(&finding_card(*n, f, Some(doc), lang));
        }
        s.push_str("</div></div>\n");
    }
    let mut windows = super::Windows::default();
    for (n, f) in &loose {
        s.push_str("<div class=\"pair\"><div class=\"tbl\">");
        s.push_str(&source_html(doc, f, &mut windows));
        s.push_str("</div><div class=\"finds\">\n");
        s.push_str(&finding_card(*n, f, Some(doc), lang));
        s.push_str("</div></div>\n");
    }
    s.push_str("</section>\n");
    s
}

/// The page: title, summary per department (with a link to each file), then the sections.
pub fn html_page(rows: &[(String, FileRow)], sections: &[String], lang: Lang) -> String {
    let s = super::summary_of_rows(&rows.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>());
    let title = match lang {
        Lang::Zh => "budgetlint 部门预算公开校验报告",
        Lang::En => "budgetlint report on budget disclosures",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        esc(super::total_text(&s, lang).trim())
    );
    // One row per department (files of the same department grouped).
    let mut by_dept: BTreeMap<String, Vec<&(String, FileRow)>> = BTreeMap::new();
    for r in rows {
        let key = r.1.department.clone().unwrap_or_else(|| "?".into());
        by_dept.entry(key).or_default().push(r);
    }
    let head: [&str; 7] = match lang {
        Lang::Zh => ["部门", "年度", "文件", "表", "错误", "警告", "状态"],
        Lang::En => [
            "department",
            "year",
            "file",
            "tables",
            "errors",
            "warnings",
            "status",
        ],
    };
    out.push_str("<table class=\"summary\">\n<tr>");
    for h in head {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr>\n");
    for (dept, files) in &by_dept {
        for (anchor, r) in files {
            let status = match (r.status(), lang) {
                ("error", Lang::Zh) => "<span class=\"err\">无法检查</span>",
                ("error", Lang::En) => "<span class=\"err\">not checked</span>",
                ("findings", Lang::Zh) if r.errors > 0 => "<span class=\"err\">有错误</span>",
                ("findings", Lang::En) if r.errors > 0 => "<span class=\"err\">errors</span>",
                ("findings", Lang::Zh) => "<span class=\"warn\">有警告</span>",
                ("findings", Lang::En) => "<span class=\"warn\">warnings</span>",
                (_, Lang::Zh) => "<span class=\"ok\">通过</span>",
                (_, Lang::En) => "<span class=\"ok\">ok</span>",
            };
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td><a href=\"#{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{status}</td></tr>\n",
                esc(dept),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                esc(anchor),
                esc(&r.path),
                r.tables.map(|t| t.to_string()).unwrap_or_default(),
                r.errors,
                r.warnings
            ));
        }
    }
    out.push_str("</table>\n");
    for sec in sections {
        out.push_str(sec);
    }
    out.push_str("</body>\n</html>\n");
    out
}
