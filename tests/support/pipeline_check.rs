//! The checks of the fuzz target `fuzz/fuzz_targets/pipeline.rs`, shared with
//! `tests/fuzz_regressions.rs` so that a kept crash input is run exactly as the fuzzer ran it.
//!
//! The whole pipeline on arbitrary bytes: decode → normalize → segment → tables → narrative
//! claims → rules → the reports. Nothing may panic, and what comes out must be well-formed:
//! a document or an error that names the file, JSON that parses back to the same value,
//! findings that point at lines of the file and whose stated difference is actual − expected.

use budgetlint::render::{self, FileReport, Style};
use budgetlint::rules::{Lang, Severity};
use rust_decimal::Decimal;

/// Run `data` (named `path`) through the pipeline and every report; panics on a broken
/// invariant. Returns the report.
pub fn run(path: &str, data: &[u8]) -> FileReport {
    let report = match budgetlint::extract_bytes(path, data) {
        Ok(doc) => {
            let findings = budgetlint::check_document(&doc);
            for f in &findings {
                // A finding names a line of the file (0 only for document-level findings).
                assert!(
                    f.line <= doc.lines.len(),
                    "finding {} at line {} of a {}-line document",
                    f.rule,
                    f.line,
                    doc.lines.len()
                );
                // The difference it states is actual − expected, as printed.
                let num = |s: &Option<String>| s.as_deref().and_then(|s| s.parse::<Decimal>().ok());
                if let (Some(e), Some(a), Some(d)) =
                    (num(&f.expected), num(&f.actual), num(&f.difference))
                {
                    assert_eq!(a.checked_sub(e), Some(d), "{f:?}");
                }
            }
            // `extract --format json` / `--format text`.
            let mut v = serde_json::to_value(&doc).expect("document serializes");
            v["claims"] = serde_json::to_value(budgetlint::narrative::parse_claims(&doc.narrative))
                .expect("claims serialize");
            roundtrip(&v);
            let _ = render::tables_text(&doc);
            FileReport {
                path: path.into(),
                error: None,
                document: Some(doc),
                findings,
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with(path),
                "an error that does not name the file: {msg}"
            );
            FileReport {
                path: path.into(),
                error: Some(msg),
                document: None,
                findings: Vec::new(),
            }
        }
    };
    let reports = std::slice::from_ref(&report);
    // Every report format on every input would spend most of a large input's time formatting
    // thousands of findings ten times over, and a slow unit should point at the library, not
    // at this harness: with many findings, only the JSON, text and HTML reports.
    let many = report.findings.len() > 300;
    let json = render::json(reports, Lang::Zh);
    if many {
        let _ = json.to_string();
    } else {
        roundtrip(&json);
    }
    let _ = render::text(reports, Lang::Zh);
    let _ = render::html_section(&report, "f0", Lang::Zh);
    if many {
        return report;
    }
    // In English (other messages), in colour, and the other formats.
    let _ = render::json(reports, Lang::En).to_string();
    let _ = render::file_text(&report, Lang::En, Style { color: true }, false);
    if let Ok(cat) = budgetlint::rules::builtin_catalogue() {
        roundtrip(&serde_json::Value::Array(render::sarif_results(
            &report,
            cat,
            Lang::Zh,
        )));
    }
    let _ = render::csv_findings(&report, Lang::Zh);
    let _ = render::github(&report, Lang::Zh);
    let _ = render::junit_suite(&report, &[], Severity::Error, Lang::Zh);
    report
}

/// The JSON text of a report parses back to the same value.
fn roundtrip(v: &serde_json::Value) {
    let s = serde_json::to_string(v).expect("report serializes");
    let back: serde_json::Value = serde_json::from_str(&s).expect("report parses back");
    assert_eq!(&back, v, "JSON report does not round-trip");
}
