//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the Chinese text),
//! RFC 4180 quoting, CRLF line ends. One row per finding, or one row per file (`--summary`).

use super::{FileReport, FileRow};
use crate::rules::Lang;

/// The UTF-8 byte-order mark that starts every CSV output.
pub const BOM: &str = "\u{feff}";

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn record(fields: &[String]) -> String {
    let v: Vec<String> = fields.iter().map(|f| field(f)).collect();
    format!("{}\r\n", v.join(","))
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// The header row of the findings CSV.
pub fn csv_header(lang: Lang) -> String {
    let h: &[&str] = match lang {
        Lang::Zh => &[
            "文件",
            "部门",
            "年度",
            "规则",
            "严重程度",
            "行",
            "列位置",
            "页",
            "表",
            "行标签",
            "栏目",
            "消息",
            "预期",
            "实际",
            "差额",
            "相关行",
        ],
        Lang::En => &[
            "file",
            "department",
            "year",
            "rule",
            "severity",
            "line",
            "col",
            "page",
            "table",
            "row",
            "column",
            "message",
            "expected",
            "actual",
            "difference",
            "related_lines",
        ],
    };
    record(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

/// The rows of one file's findings.
pub fn csv_findings(r: &FileReport, lang: Lang) -> String {
    let doc = r.document.as_ref();
    let dept = doc.and_then(|d| d.info.department.clone());
    let year = doc.and_then(|d| d.info.year);
    let mut out = String::new();
    for f in &r.findings {
        let related: Vec<String> = f.related_lines.iter().map(|l| l.to_string()).collect();
        out.push_str(&record(&[
            r.path.clone(),
            opt(&dept),
            opt(&year),
            f.rule.clone(),
            f.severity.name().to_string(),
            f.line.to_string(),
            opt(&f.col.map(|c| c + 1)),
            opt(&doc.and_then(|d| d.page_of(f.line))),
            opt(&f.table),
            opt(&f.row),
            opt(&f.column),
            f.message.get(lang).to_string(),
            opt(&f.expected),
            opt(&f.actual),
            opt(&f.difference),
            related.join(" "),
        ]));
    }
    out
}

/// The header row of the per-file summary CSV.
pub fn csv_summary_header(lang: Lang) -> String {
    let h: &[&str] = match lang {
        Lang::Zh => &[
            "文件", "部门", "年度", "表数", "错误", "警告", "提示", "状态", "原因",
        ],
        Lang::En => &[
            "file",
            "department",
            "year",
            "tables",
            "errors",
            "warnings",
            "infos",
            "status",
            "reason",
        ],
    };
    record(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

/// One row of the per-file summary CSV.
pub fn csv_summary(r: &FileRow) -> String {
    record(&[
        r.path.clone(),
        opt(&r.department),
        opt(&r.year),
        opt(&r.tables),
        r.errors.to_string(),
        r.warnings.to_string(),
        r.infos.to_string(),
        r.status().to_string(),
        opt(&r.error),
    ])
}
