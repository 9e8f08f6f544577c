//! SARIF 2.1.0 (the format GitHub code scanning uploads): one run, the catalogue as the
//! driver's rules, one result per finding, files that could not be read as tool execution
//! notifications. Columns count Unicode code points (`columnKind`).

use super::{set_field, FileReport};
use crate::baseline;
use crate::rules::{Catalogue, Lang, Severity};
use serde_json::{json, Value};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A relative path as a URI reference (percent-encoded, `/` separators); an absolute one as
/// a `file://` URI.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p).to_string();
    let mut out = String::new();
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// FNV-1a, for stable fingerprints (the baseline key, free of line numbers).
fn fnv(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn location(path: &str, line: usize, col: Option<usize>, width: usize) -> Value {
    let mut region = json!({ "startLine": line.max(1) });
    if let Some(c) = col {
        set_field(&mut region, "startColumn", json!(c + 1));
        set_field(&mut region, "endColumn", json!(c + 1 + width.max(1)));
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
            "region": region,
        }
    })
}

/// The results of one file.
pub fn sarif_results(r: &FileReport, cat: &Catalogue, lang: Lang) -> Vec<Value> {
    let mut out = Vec::new();
    for f in &r.findings {
        let mut text = f.message.get(lang).to_string();
        if let (Some(e), Some(a), Some(d)) = (&f.expected, &f.actual, &f.difference) {
            text.push_str(&match lang {
                Lang::Zh => format!("（预期 {e}，实际 {a}，差 {d}）"),
                Lang::En => format!(" (expected {e}, actual {a}, difference {d})"),
            });
        }
        let key = baseline::entry_of(&r.path, f);
        let fp = fnv(&format!(
            "{}|{}|{:?}|{:?}|{:?}|{}",
            key.file, key.rule, key.table, key.row, key.column, key.signature
        ));
        let mut v = json!({
            "ruleId": f.rule,
            "level": level(f.severity),
            "message": { "text": text },
            "locations": [location(&r.path, f.line, f.col, f.width)],
            "partialFingerprints": { "budgetlintKey/v1": fp },
            "properties": {
                "table": f.table,
                "row": f.row,
                "column": f.column,
                "expected": f.expected,
                "actual": f.actual,
                "difference": f.difference,
                "tolerance": f.tolerance,
                "identity": f.identity,
            },
        });
        if let Some(i) = cat.entries.keys().position(|k| k == &f.rule) {
            set_field(&mut v, "ruleIndex", json!(i));
        }
        if !f.related_lines.is_empty() {
            let rel: Vec<Value> = f
                .related_lines
                .iter()
                .enumerate()
                .map(|(i, &l)| {
                    let mut loc = location(&r.path, l, None, 0);
                    set_field(&mut loc, "id", json!(i + 1));
                    set_field(
                        &mut loc,
                        "message",
                        json!({ "text": match lang {
                            Lang::Zh => "相关数字",
                            Lang::En => "related figure",
                        }}),
                    );
                    loc
                })
                .collect();
            set_field(&mut v, "relatedLocations", Value::Array(rel));
        }
        out.push(v);
    }
    out
}

/// The whole SARIF log: the catalogue as rules, the results, and `failures` (path, reason)
/// as error notifications of the invocation.
pub fn sarif_log(
    results: Vec<Value>,
    failures: &[(String, String)],
    cat: &Catalogue,
    lang: Lang,
) -> Value {
    let rules: Vec<Value> = cat
        .entries
        .values()
        .map(|e| {
            json!({
                "id": e.id,
                "name": e.id,
                "shortDescription": { "text": e.title(lang) },
                "fullDescription": { "text": e.explanation(lang).trim() },
                "help": { "text": match &e.formula {
                    Some(f) => format!("{}\n\n{f}", e.explanation(lang).trim()),
                    None => e.explanation(lang).trim().to_string(),
                }},
                "defaultConfiguration": { "level": level(e.severity) },
                "properties": { "tags": ["budget"] },
            })
        })
        .collect();
    let notes: Vec<Value> = failures
        .iter()
        .map(|(path, reason)| {
            json!({
                "level": "error",
                "message": { "text": reason },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(path) } }
                }],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "budgetlint",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": failures.is_empty(),
                "toolExecutionNotifications": notes,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
