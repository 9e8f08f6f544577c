//! Stage 7: findings → reports (rustc-like text, JSON), and the `extract --format text` view
//! of the typed tables.

mod tables;

pub use tables::tables_text;

use crate::model::Document;
use crate::rules::{Catalogue, Finding, Lang, Severity};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthChar;

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// Why the file could not be checked (unreadable, not a disclosure).
    pub error: Option<String>,
    pub document: Option<Document>,
    pub findings: Vec<Finding>,
}

/// Totals over all files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub checked: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            if r.error.is_some() {
                s.failed += 1;
            } else {
                s.checked += 1;
            }
            s.add(&r.findings);
        }
        s
    }

    fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    fn counts(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "{} 个错误，{} 个警告，{} 个提示",
                self.errors, self.warnings, self.infos
            ),
            Lang::En => format!(
                "{} error{}, {} warning{}, {} info{}",
                self.errors,
                plural(self.errors),
                self.warnings,
                plural(self.warnings),
                self.infos,
                plural(self.infos)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The process exit status of `check`: 2 when a file could not be read (even with
/// `exit_zero`), 1 when a finding is at or above `fail_on` (unless `exit_zero`), else 0.
pub fn exit_status(reports: &[FileReport], fail_on: Severity, exit_zero: bool) -> u8 {
    if reports.iter().any(|r| r.error.is_some()) {
        2
    } else if !exit_zero
        && reports
            .iter()
            .flat_map(|r| r.findings.iter())
            .any(|f| f.severity >= fail_on)
    {
        1
    } else {
        0
    }
}

/// The JSON report (`version` 1; fields may be added, none removed).
pub fn json(reports: &[FileReport], lang: Lang) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            json!({
                "path": r.path,
                "status": if r.error.is_some() { "error" } else { "checked" },
                "error": r.error,
                "document": r.document.as_ref().map(|d| json!({
                    "department": d.info.department,
                    "year": d.info.year,
                })),
                "findings": r.findings.iter().map(|f| finding_json(f, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let s = Summary::of(reports);
    json!({
        "version": 1,
        "files": files,
        "summary": {
            "files": s.files,
            "checked": s.checked,
            "failed": s.failed,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
        }
    })
}

fn finding_json(f: &Finding, lang: Lang) -> Value {
    json!({
        "rule": f.rule,
        "severity": f.severity.name(),
        "line": f.line,
        "related_lines": f.related_lines,
        "table": f.table,
        "row": f.row,
        "column": f.column,
        "message": f.message.get(lang),
        "expected": f.expected,
        "actual": f.actual,
        "difference": f.difference,
        "tolerance": f.tolerance,
        "identity": f.identity,
        "col": f.col,
    })
}

/// Display width of a character as shown in a terminal (tabs as 4 columns, CJK as 2).
fn char_width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        c.width().unwrap_or(0)
    }
}

/// One rustc-like block for a finding.
pub fn finding_text(f: &Finding, path: &str, doc: Option<&Document>, lang: Lang) -> String {
    let mut s = format!(
        "{}[{}]: {}\n",
        f.severity.name(),
        f.rule,
        f.message.get(lang)
    );
    let num = f.line.to_string();
    let pad = " ".repeat(num.len());
    s.push_str(&format!("{pad}--> {path}:{}\n", f.line));
    if let Some(line) = doc.and_then(|d| d.lines.get(f.line.wrapping_sub(1))) {
        let shown: String = line
            .chars()
            .map(|c| {
                if c == '\t' {
                    "    ".to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        s.push_str(&format!("{pad} |\n{num} | {}\n", shown.trim_end()));
        if let Some(col) = f.col {
            let chars: Vec<char> = line.chars().collect();
            let before: usize = chars.iter().take(col).map(|&c| char_width(c)).sum();
            let width: usize = chars
                .iter()
                .skip(col)
                .take(f.width.max(1))
                .map(|&c| char_width(c))
                .sum::<usize>()
                .max(1);
            s.push_str(&format!(
                "{pad} | {}{}\n",
                " ".repeat(before),
                "^".repeat(width)
            ));
        }
    }
    if let (Some(e), Some(a), Some(d)) = (&f.expected, &f.actual, &f.difference) {
        let tol = f.tolerance.clone().unwrap_or_default();
        s.push_str(&match lang {
            Lang::Zh => format!("{pad} = 预期 {e}，实际 {a}，差 {d}（容差 {tol}）\n"),
            Lang::En => {
                format!("{pad} = expected {e}, actual {a}, difference {d} (tolerance {tol})\n")
            }
        });
    }
    if let Some(id) = &f.identity {
        s.push_str(&match lang {
            Lang::Zh => format!("{pad} = 恒等式：{id}\n"),
            Lang::En => format!("{pad} = identity: {id}\n"),
        });
    }
    if !f.related_lines.is_empty() {
        // Long lists (a column total over 30 rows) are cut in text; JSON has them all.
        const SHOWN: usize = 12;
        let n = f.related_lines.len();
        let mut l: Vec<String> = f
            .related_lines
            .iter()
            .take(SHOWN)
            .map(|l| l.to_string())
            .collect();
        if n > SHOWN {
            l.push(match lang {
                Lang::Zh => format!("…（共 {n} 行）"),
                Lang::En => format!("… ({n} lines)"),
            });
        }
        s.push_str(&match lang {
            Lang::Zh => format!("{pad} = 相关行：{}\n", l.join(", ")),
            Lang::En => format!("{pad} = related lines: {}\n", l.join(", ")),
        });
    }
    s
}

/// The text report: every finding, a summary line per file, and a total summary. Files that
/// could not be read are not included (the caller prints them to stderr).
pub fn text(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        if r.error.is_some() {
            continue;
        }
        for f in &r.findings {
            out.push_str(&finding_text(f, &r.path, r.document.as_ref(), lang));
            out.push('\n');
        }
        let mut s = Summary::default();
        s.add(&r.findings);
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        out.push_str(&format!("{}{sep}{}\n", r.path, s.counts(lang)));
    }
    let s = Summary::of(reports);
    out.push_str(&match lang {
        Lang::Zh => format!(
            "共 {} 个文件：已检查 {} 个，无法读取 {} 个；{}\n",
            s.files,
            s.checked,
            s.failed,
            s.counts(lang)
        ),
        Lang::En => format!(
            "{} file{}: {} checked, {} could not be read; {}\n",
            s.files,
            plural(s.files),
            s.checked,
            s.failed,
            s.counts(lang)
        ),
    });
    out
}

/// Count of findings per rule (`--statistics`), most frequent first.
pub fn statistics(reports: &[FileReport], cat: &Catalogue, lang: Lang) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in reports.iter().flat_map(|r| r.findings.iter()) {
        *counts.entry(f.rule.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = String::new();
    for (code, n) in v {
        let (sev, title) = cat
            .get(code)
            .map(|e| (e.severity.name(), e.title(lang)))
            .unwrap_or(("", ""));
        out.push_str(&format!("{n:>5}  {code:<6} {sev:<8} {title}\n"));
    }
    out
}

/// Statistics as JSON: `[{"rule": "X201", "count": 3, "severity": "error", "title": "…"}]`.
pub fn statistics_json(reports: &[FileReport], cat: &Catalogue, lang: Lang) -> Value {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in reports.iter().flat_map(|r| r.findings.iter()) {
        *counts.entry(f.rule.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    Value::Array(
        v.into_iter()
            .map(|(code, n)| {
                let e = cat.get(code);
                json!({
                    "rule": code,
                    "count": n,
                    "severity": e.map(|e| e.severity.name()),
                    "title": e.map(|e| e.title(lang)),
                })
            })
            .collect(),
    )
}

/// `budgetlint rules`: one line per rule.
pub fn rules_text(cat: &Catalogue, lang: Lang) -> String {
    let mut out = String::new();
    for e in cat.entries.values() {
        out.push_str(&format!(
            "{:<6} {:<8} {}\n",
            e.id,
            e.severity.name(),
            e.title(lang)
        ));
    }
    out
}

/// `budgetlint rules --format json`.
pub fn rules_json(cat: &Catalogue, lang: Lang) -> Value {
    Value::Array(
        cat.entries
            .values()
            .map(|e| {
                json!({
                    "code": e.id,
                    "severity": e.severity.name(),
                    "title": e.title(lang),
                    "title_zh": e.title_zh,
                    "title_en": e.title_en,
                    "formula": e.formula,
                    "when": e.when,
                })
            })
            .collect(),
    )
}

/// `budgetlint explain CODE`: the full entry.
pub fn explain_text(e: &crate::rules::Entry, lang: Lang) -> String {
    let mut out = format!("{} {}\n\n", e.id, e.title(lang));
    let (sev, kind, expl, ex, formula, when) = match lang {
        Lang::Zh => ("严重程度", "类型", "说明", "示例", "公式", "适用条件"),
        Lang::En => (
            "Severity",
            "Kind",
            "Explanation",
            "Example",
            "Formula",
            "When",
        ),
    };
    out.push_str(&format!("{sev}: {}\n", e.severity.name()));
    let k = match (e.formula.is_some(), lang) {
        (true, Lang::Zh) => "恒等式（rules/identities.toml 中的公式）",
        (true, Lang::En) => "identity (formula in the catalogue)",
        (false, Lang::Zh) => "规则（Rust 实现）",
        (false, Lang::En) => "rule (implemented in Rust)",
    };
    out.push_str(&format!("{kind}: {k}\n"));
    if let Some(f) = &e.formula {
        out.push_str(&format!("{formula}: {f}\n"));
    }
    if let Some(w) = &e.when {
        out.push_str(&format!("{when}: {w}\n"));
    }
    out.push_str(&format!("\n{expl}:\n{}\n", e.explanation(lang).trim()));
    if let Some(x) = &e.example {
        out.push_str(&format!("\n{ex}:\n{}\n", x.trim()));
    }
    out
}
