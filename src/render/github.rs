//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.

use super::FileReport;
use crate::rules::{Lang, Severity};

/// Escape the message part of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation per finding; a file that could not be read is an error on the file.
pub fn github(r: &FileReport, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(e) = &r.error {
        out.push_str(&format!(
            "::error file={},title={}::{}\n",
            prop(&r.path),
            prop("budgetlint"),
            data(e)
        ));
        return out;
    }
    for f in &r.findings {
        let cmd = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!("file={},line={}", prop(&r.path), f.line);
        if let Some(c) = f.col {
            props.push_str(&format!(",col={}", c + 1));
            if f.width > 0 {
                props.push_str(&format!(",endColumn={}", c + 1 + f.width));
            }
        }
        props.push_str(&format!(
            ",title={}",
            prop(&format!("budgetlint {}", f.rule))
        ));
        let mut msg = f.message.get(lang).to_string();
        if let (Some(e), Some(a), Some(d)) = (&f.expected, &f.actual, &f.difference) {
            msg.push_str(&match lang {
                Lang::Zh => format!("\n预期 {e}，实际 {a}，差 {d}"),
                Lang::En => format!("\nexpected {e}, actual {a}, difference {d}"),
            });
        }
        out.push_str(&format!("::{cmd} {props}::{}\n", data(&msg)));
    }
    out
}
