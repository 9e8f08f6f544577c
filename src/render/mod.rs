//! Stage 7: findings → reports (rustc-like text, JSON), and the `extract --format text` view
//! of the typed tables.

mod csv;
mod github;
mod html;
mod junit;
mod sarif;
mod tables;
mod window;

pub use csv::{csv_findings, csv_header, csv_summary, csv_summary_header, BOM};
pub use github::github;
pub use html::{html_page, html_section};
pub use junit::{junit_report, junit_suite, xml_escape, JunitSuite};
pub use sarif::{sarif_log, sarif_results};
pub use tables::tables_text;
pub use window::{Cut, Windows};

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

    /// Count these findings in.
    pub fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// "1 个错误，0 个警告，0 个提示" / "1 error, 0 warnings, 0 infos".
    pub fn counts(&self, lang: Lang) -> String {
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

/// The JSON object of one file in the report (also one line of `--format jsonl`).
pub fn file_json(r: &FileReport, lang: Lang) -> Value {
    let mut s = Summary::default();
    s.add(&r.findings);
    json!({
        "path": r.path,
        "status": if r.error.is_some() { "error" } else { "checked" },
        "error": r.error,
        "document": r.document.as_ref().map(|d| json!({
            "kind": d.info.kind,
            "level": d.info.level,
            "department": d.info.department,
            "year": d.info.year,
        })),
        "tables": r.document.as_ref().map(|d| d.tables.len()),
        "findings": r
            .findings
            .iter()
            .map(|f| finding_json_in(f, r.document.as_ref(), lang))
            .collect::<Vec<_>>(),
        "counts": {"errors": s.errors, "warnings": s.warnings, "infos": s.infos},
    })
}

/// The `summary` object of the JSON report.
pub fn summary_json(s: &Summary) -> Value {
    json!({
        "files": s.files,
        "checked": s.checked,
        "failed": s.failed,
        "errors": s.errors,
        "warnings": s.warnings,
        "infos": s.infos,
    })
}

/// The JSON report (`version` 1; fields may be added, none removed).
pub fn json(reports: &[FileReport], lang: Lang) -> Value {
    let files: Vec<Value> = reports.iter().map(|r| file_json(r, lang)).collect();
    json_report(files, &Summary::of(reports))
}

/// The JSON report from the objects of its files.
pub fn json_report(files: Vec<Value>, s: &Summary) -> Value {
    json!({
        "version": 1,
        "files": files,
        "summary": summary_json(s),
    })
}

/// A finding as JSON; with the document, also its page when the source had page breaks.
pub fn finding_json_in(f: &Finding, doc: Option<&Document>, lang: Lang) -> Value {
    let mut v = json!({
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
    });
    if let Some(p) = doc.and_then(|d| d.page_of(f.line)) {
        set_field(&mut v, "page", json!(p));
    }
    if let Some(p) = &f.previous {
        set_field(
            &mut v,
            if p.budget { "budget" } else { "previous" },
            json!({"path": p.path, "line": p.line, "value": p.value}),
        );
    }
    v
}

/// Display width of a character as shown in a terminal (tabs as 4 columns, CJK as 2).
fn char_width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        c.width().unwrap_or(0)
    }
}

/// ANSI styling of the text report (no escape codes when `color` is false).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn sev(&self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, s)
    }
    fn gutter(&self, s: &str) -> String {
        self.paint("1;34", s)
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// A source line as shown: tabs expanded to 4 columns, trailing blanks cut.
fn shown_line(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    for c in line.chars() {
        if c == '\t' {
            s.push_str("    ");
        } else {
            s.push(c);
        }
    }
    s.trim_end().to_string()
}

/// A decimal as shown to people: at most 6 decimals ("0.005158238360840405523826865" →
/// "0.005158"); anything that is not a plain decimal is kept as it is. JSON keeps the full value.
pub fn short_decimal(s: &str) -> String {
    match (s.split_once('.'), s.parse::<rust_decimal::Decimal>()) {
        (Some((_, frac)), Ok(d)) if frac.len() > 6 => d.round_dp(6).normalize().to_string(),
        _ => s.to_string(),
    }
}

/// "第 7 页" / "page 7" for a line of a document with page breaks.
pub fn page_note(doc: Option<&Document>, line: usize, lang: Lang) -> String {
    match doc.and_then(|d| d.page_of(line)) {
        Some(p) => match lang {
            Lang::Zh => format!("（第 {p} 页）"),
            Lang::En => format!(" (page {p})"),
        },
        None => String::new(),
    }
}

/// One rustc-like block for a finding.
pub fn finding_text(f: &Finding, path: &str, doc: Option<&Document>, lang: Lang) -> String {
    finding_text_styled(f, path, doc, lang, Style::default())
}

/// How many related lines are shown with their source text under a finding.
const RELATED_SHOWN: usize = 3;

/// One rustc-like block for a finding: header, location (with the page when the document has
/// page breaks), the source line with the figure underlined (CJK characters count two
/// columns, tabs four), the numbers, the identity, and the related figures' lines. A line
/// longer than [`window::LONG_LINE`] characters is shown as a window around the figure.
pub fn finding_text_styled(
    f: &Finding,
    path: &str,
    doc: Option<&Document>,
    lang: Lang,
    st: Style,
) -> String {
    finding_block(f, path, doc, lang, st, &mut Windows::default())
}

/// A cut line as shown, with "…" where it was cut: (text, display columns before the figure,
/// display columns of the figure).
fn shown_cut(c: &Cut<'_>) -> (String, usize, usize) {
    let (front, back) = c.ellipses();
    let text = shown_line(&format!("{front}{}{}{}{back}", c.before, c.figure, c.after));
    let before: usize = front.chars().chain(c.before.chars()).map(char_width).sum();
    let width: usize = c.figure.chars().map(char_width).sum();
    (text, before, width)
}

fn finding_block(
    f: &Finding,
    path: &str,
    doc: Option<&Document>,
    lang: Lang,
    st: Style,
    windows: &mut Windows,
) -> String {
    let src = |l: usize| doc.and_then(|d| d.lines.get(l.wrapping_sub(1)));
    let related_src: Vec<(usize, &String)> = f
        .related_lines
        .iter()
        .filter(|&&l| l != f.line)
        .filter_map(|&l| src(l).map(|s| (l, s)))
        .take(RELATED_SHOWN)
        .collect();
    let widest = related_src
        .iter()
        .map(|(l, _)| *l)
        .chain(std::iter::once(f.line))
        .max()
        .unwrap_or(f.line);
    let nw = widest.to_string().len();
    let pad = " ".repeat(nw);
    let bar = st.gutter("|");
    let mut s = format!(
        "{}{}\n",
        st.sev(f.severity, &format!("{}[{}]", f.severity.name(), f.rule)),
        st.bold(&format!(": {}", f.message.get(lang)))
    );
    let loc = match f.col {
        Some(c) => format!("{path}:{}:{}", f.line, c + 1),
        None => format!("{path}:{}", f.line),
    };
    s.push_str(&format!(
        "{pad}{} {loc}{}\n",
        st.gutter("-->"),
        page_note(doc, f.line, lang)
    ));
    if let Some(line) = src(f.line) {
        let cut = windows.cut(f.line, line, f.col, f.width.max(1));
        let (text, before, width) = shown_cut(&cut);
        s.push_str(&format!("{pad} {bar}\n"));
        s.push_str(&format!(
            "{} {bar} {}\n",
            st.gutter(&format!("{:>nw$}", f.line)),
            text
        ));
        if f.col.is_some() {
            s.push_str(&format!(
                "{pad} {bar} {}{}\n",
                " ".repeat(before),
                st.sev(f.severity, &"^".repeat(width.max(1)))
            ));
        }
    }
    let eq = st.gutter("=");
    if let (Some(e), Some(a), Some(d)) = (&f.expected, &f.actual, &f.difference) {
        let tol = f
            .tolerance
            .as_deref()
            .map(short_decimal)
            .unwrap_or_default();
        s.push_str(&match lang {
            Lang::Zh => format!("{pad} {eq} 预期 {e}，实际 {a}，差 {d}（容差 {tol}）\n"),
            Lang::En => {
                format!("{pad} {eq} expected {e}, actual {a}, difference {d} (tolerance {tol})\n")
            }
        });
    }
    if let Some(id) = &f.identity {
        s.push_str(&match lang {
            Lang::Zh => format!("{pad} {eq} 恒等式：{id}\n"),
            Lang::En => format!("{pad} {eq} identity: {id}\n"),
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
            Lang::Zh => format!("{pad} {eq} 相关行：{}\n", l.join(", ")),
            Lang::En => format!("{pad} {eq} related lines: {}\n", l.join(", ")),
        });
        if !related_src.is_empty() {
            s.push_str(&format!("{pad} {bar}\n"));
        }
        for (l, text) in &related_src {
            let (text, _, _) = shown_cut(&windows.cut(*l, text, None, 0));
            s.push_str(&format!(
                "{} {bar} {}\n",
                st.gutter(&format!("{l:>nw$}")),
                text
            ));
        }
    }
    if let Some(p) = &f.previous {
        // The other document's line (last year's, or the year's budget), quoted under this one.
        let (zh, en) = if p.budget {
            ("同年预算文件", "the year's budget")
        } else {
            ("上年文件", "last year's document")
        };
        s.push_str(&match lang {
            Lang::Zh => format!("{pad} {eq} {zh} {}:{}：{} 万元\n", p.path, p.line, p.value),
            Lang::En => format!("{pad} {eq} {en} {}:{}: {} 万元\n", p.path, p.line, p.value),
        });
        let (text, _, _) = shown_cut(&Windows::default().cut(p.line, &p.text, None, 0));
        s.push_str(&format!("{pad} {bar} {}\n", text));
    }
    s
}

/// The code of the unverified-claim notes ("could not verify"): listed one by one only with
/// `show_unverified`, else one line per file says how many there are.
pub const UNVERIFIED: &str = "N190";

/// The text of one checked file: every finding, then its summary line. Empty for a file
/// that could not be read (the caller prints it to stderr). Without `show_unverified` the
/// unverified-claim notes (N190) are one line, not a block each: they say what was not
/// checked, not what is wrong (JSON, SARIF and the other formats keep every one).
pub fn file_text(r: &FileReport, lang: Lang, st: Style, show_unverified: bool) -> String {
    let mut out = String::new();
    if r.error.is_some() {
        return out;
    }
    let mut windows = Windows::default();
    let mut unverified = 0usize;
    for f in &r.findings {
        if !show_unverified && f.rule == UNVERIFIED {
            unverified += 1;
            continue;
        }
        out.push_str(&finding_block(
            f,
            &r.path,
            r.document.as_ref(),
            lang,
            st,
            &mut windows,
        ));
        out.push('\n');
    }
    if unverified > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "{}：另有 {unverified} 条说明未能与表中数字核对（{UNVERIFIED}，提示），用 --show-unverified 逐条列出\n\n",
                st.bold(&r.path)
            ),
            Lang::En => format!(
                "{}: {unverified} narrative claim{} could not be checked against the tables ({UNVERIFIED}, info); --show-unverified lists them\n\n",
                st.bold(&r.path),
                plural(unverified)
            ),
        });
    }
    let mut s = Summary::default();
    s.add(&r.findings);
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    out.push_str(&format!("{}{sep}{}\n", st.bold(&r.path), s.counts(lang)));
    out
}

/// The final line of the text report.
pub fn total_text(s: &Summary, lang: Lang) -> String {
    match lang {
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
    }
}

/// The text report: every finding, a summary line per file, and a total summary. Files that
/// could not be read are not included (the caller prints them to stderr).
pub fn text(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&file_text(r, lang, Style::default(), true));
    }
    out.push_str(&total_text(&Summary::of(reports), lang));
    out
}

/// Findings per rule over a set of reports.
pub fn rule_counts(reports: &[FileReport]) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in reports.iter().flat_map(|r| r.findings.iter()) {
        *counts.entry(f.rule.clone()).or_default() += 1;
    }
    counts
}

fn by_count(counts: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

/// Count of findings per rule (`--statistics`), most frequent first.
pub fn statistics(reports: &[FileReport], cat: &Catalogue, lang: Lang) -> String {
    statistics_of(&rule_counts(reports), cat, lang)
}

/// `--statistics` text from counts per rule.
pub fn statistics_of(counts: &BTreeMap<String, usize>, cat: &Catalogue, lang: Lang) -> String {
    let mut out = String::new();
    for (code, n) in by_count(counts) {
        let (sev, title) = cat
            .get(code)
            .map(|e| (e.severity.name(), e.title(lang)))
            .unwrap_or(("", ""));
        out.push_str(&format!("{n:>5}  {code:<6} {sev:<8} {title}\n"));
    }
    out
}

/// `--statistics`: the narrative claims read per kind, how many were compared with a table
/// figure, how many failed a check and how many could not be verified.
pub fn claim_statistics(counts: &BTreeMap<String, usize>, lang: Lang) -> String {
    let get = |k: &str| counts.get(k).copied().unwrap_or(0);
    let mut out = String::new();
    let en = matches!(lang, Lang::En);
    out.push_str(&if en {
        format!(
            "narrative claims: {} read, {} compared with a table figure, {} failing a check, {} unverified\n",
            get("claims"),
            get("resolved"),
            get("failed"),
            get("unverified")
        )
    } else {
        format!(
            "说明中的数字 claims：共读出 {} 处，与表中数字核对 {} 处，未通过核对 {} 处，无法核实 {} 处\n",
            get("claims"),
            get("resolved"),
            get("failed"),
            get("unverified")
        )
    });
    for (k, n) in counts {
        if let Some(kind) = k.strip_prefix("parsed:") {
            out.push_str(&format!("{n:>5}  {kind}\n"));
        }
    }
    out
}

/// Statistics as JSON: `[{"rule": "X201", "count": 3, "severity": "error", "title": "…"}]`.
pub fn statistics_json(reports: &[FileReport], cat: &Catalogue, lang: Lang) -> Value {
    statistics_json_of(&rule_counts(reports), cat, lang)
}

/// Statistics as JSON from counts per rule.
pub fn statistics_json_of(counts: &BTreeMap<String, usize>, cat: &Catalogue, lang: Lang) -> Value {
    Value::Array(
        by_count(counts)
            .into_iter()
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

/// One row of the batch summary: a file, its department and year, how many tables were
/// found, its findings by severity and its status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileRow {
    pub path: String,
    pub error: Option<String>,
    pub department: Option<String>,
    pub year: Option<i32>,
    /// 预算 / 决算 and 部门 / 单位, as the cover says.
    pub kind: Option<crate::model::DocKind>,
    pub level: Option<crate::model::DocLevel>,
    pub tables: Option<usize>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The documents this one was checked against (`--previous`, `--budget`,
    /// `--pair-years`): (relation "previous" | "budget", path).
    pub paired_with: Vec<(String, String)>,
}

impl FileRow {
    pub fn of(r: &FileReport) -> FileRow {
        let mut s = Summary::default();
        s.add(&r.findings);
        FileRow {
            path: r.path.clone(),
            error: r.error.clone(),
            department: r.document.as_ref().and_then(|d| d.info.department.clone()),
            year: r.document.as_ref().and_then(|d| d.info.year),
            kind: r.document.as_ref().map(|d| d.info.kind),
            level: r.document.as_ref().map(|d| d.info.level),
            tables: r.document.as_ref().map(|d| d.tables.len()),
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            paired_with: Vec::new(),
        }
    }

    /// "ok" / "findings" / "error" (a file that could not be checked).
    pub fn status(&self) -> &'static str {
        if self.error.is_some() {
            "error"
        } else if self.errors + self.warnings + self.infos > 0 {
            "findings"
        } else {
            "ok"
        }
    }

    fn status_shown(&self, lang: Lang) -> &'static str {
        match (self.status(), lang) {
            ("error", Lang::Zh) => "无法检查",
            ("findings", Lang::Zh) => "有问题",
            (_, Lang::Zh) => "通过",
            ("error", Lang::En) => "not checked",
            ("findings", Lang::En) => "findings",
            (_, Lang::En) => "ok",
        }
    }
}

/// Totals of a set of file rows.
pub fn summary_of_rows(rows: &[FileRow]) -> Summary {
    let mut s = Summary::default();
    for r in rows {
        s.add_row(r);
    }
    s
}

impl Summary {
    /// Count one more file.
    pub fn add_row(&mut self, r: &FileRow) {
        self.files += 1;
        if r.error.is_some() {
            self.failed += 1;
        } else {
            self.checked += 1;
        }
        self.errors += r.errors;
        self.warnings += r.warnings;
        self.infos += r.infos;
    }
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The batch summary as an aligned text table, one row per file.
pub fn summary_table(rows: &[FileRow], lang: Lang) -> String {
    let head: Vec<String> = match lang {
        Lang::Zh => ["文件", "部门", "年度", "类别", "表", "错误", "警告", "状态"],
        Lang::En => [
            "file",
            "department",
            "year",
            "document",
            "tables",
            "errors",
            "warnings",
            "status",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut cells: Vec<Vec<String>> = vec![head];
    for r in rows {
        cells.push(vec![
            r.path.clone(),
            r.department.clone().unwrap_or_else(|| "-".into()),
            r.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
            match (r.kind, r.level, lang) {
                (Some(k), Some(l), Lang::Zh) => format!("{}{}", l.zh(), k.zh()),
                (Some(k), Some(l), Lang::En) => format!(
                    "{} {}",
                    match l {
                        crate::model::DocLevel::Department => "department",
                        crate::model::DocLevel::Unit => "unit",
                    },
                    match k {
                        crate::model::DocKind::Budget => "budget",
                        crate::model::DocKind::Final => "final accounts",
                    }
                ),
                _ => "-".into(),
            },
            r.tables
                .map(|t| t.to_string())
                .unwrap_or_else(|| "-".into()),
            r.errors.to_string(),
            r.warnings.to_string(),
            match &r.error {
                Some(e) => format!("{}：{e}", r.status_shown(lang)),
                None => r.status_shown(lang).to_string(),
            },
        ]);
    }
    let n = 8;
    let mut w = vec![0usize; n];
    for row in &cells {
        for (wi, c) in w.iter_mut().zip(row.iter()).take(n - 1) {
            *wi = (*wi).max(width(c));
        }
    }
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (i, c) in row.iter().enumerate() {
            let wi = w.get(i).copied().unwrap_or(0);
            if i == n - 1 {
                line.push_str(c);
            } else if (4..=6).contains(&i) {
                line.push_str(&" ".repeat(wi.saturating_sub(width(c))));
                line.push_str(c);
                line.push_str("  ");
            } else {
                line.push_str(c);
                line.push_str(&" ".repeat(wi.saturating_sub(width(c)) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // The pairs the cross-document rules (P1xx) read.
    for r in rows {
        for (rel, p) in &r.paired_with {
            let (zh, en) = if rel == "budget" {
                ("同年预算", "the year's budget")
            } else {
                ("上年", "last year")
            };
            out.push_str(&match lang {
                Lang::Zh => format!("对照：{} ← {zh} {p}\n", r.path),
                Lang::En => format!("paired: {} ← {en} {p}\n", r.path),
            });
        }
    }
    out
}

/// The batch summary as JSON: `{"version":1,"files":[…],"summary":{…}}` without findings.
pub fn summary_rows_json(rows: &[FileRow]) -> Value {
    let files: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "path": r.path,
                "status": if r.error.is_some() { "error" } else { "checked" },
                "result": r.status(),
                "error": r.error,
                "document": if r.error.is_none() {
                    json!({"kind": r.kind, "level": r.level, "department": r.department, "year": r.year})
                } else {
                    Value::Null
                },
                "tables": r.tables,
                "counts": {"errors": r.errors, "warnings": r.warnings, "infos": r.infos},
                "paired_with": r.paired_with.iter().map(|(rel, p)| json!({"relation": rel, "path": p})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "version": 1,
        "files": files,
        "summary": summary_json(&summary_of_rows(rows)),
    })
}

/// Sets a field of a JSON object (a no-op on any other value, where indexing would panic).
pub fn set_field(v: &mut Value, key: &str, x: Value) {
    if let Some(o) = v.as_object_mut() {
        o.insert(key.to_string(), x);
    }
}
