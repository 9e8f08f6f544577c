//! Inputs that crashed or hung the pipeline (found by the fuzz target `fuzz/` and by hostile
//! inputs written for it), kept so the fixes stay fixed. Each file under
//! `tests/data/fuzz_regressions/` goes through the fuzz target's own checks
//! (`tests/support/pipeline_check.rs`): extract → check → the reports; nothing may panic, and
//! the result must be sensible — a document or an `ExtractError` naming the file, JSON that
//! parses back, findings that point at lines of the file.

use budgetlint::arith::{check_rate, Interval};
use budgetlint::model::Figure;
use budgetlint::render::{self, FileReport, Style};
use budgetlint::rules::{Finding, Lang};
use rust_decimal::Decimal;
use std::path::PathBuf;

#[path = "support/pipeline_check.rs"]
mod pipeline_check;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz_regressions")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fuzz target's pipeline and checks. Returns the report.
fn run(name: &str, bytes: &[u8]) -> FileReport {
    pipeline_check::run(name, bytes)
}

fn findings(r: &FileReport) -> &[Finding] {
    &r.findings
}

#[test]
fn every_regression_input_goes_through_the_pipeline() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/data/fuzz_regressions")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 7, "{names:?}");
    for name in &names {
        run(name, &read(name));
    }
}

/// Crash: `attempt to add with overflow` in `Decimal` (arith::Interval::printed, from the
/// identities of rules/eval.rs) on 29-digit amounts. Such runs are not read as figures now.
#[test]
fn amounts_beyond_decimal_range_are_not_figures() {
    let r = run(
        "decimal-overflow-table.txt",
        &read("decimal-overflow-table.txt"),
    );
    let doc = r.document.as_ref().expect("a document");
    let t = doc.tables.first().expect("表三 is found");
    assert!(
        t.rows
            .iter()
            .flat_map(|r| r.values.iter().flatten())
            .all(|f| f.value.abs() < Decimal::from(10u64.pow(15))),
        "{:?}",
        t.rows
    );
    for f in findings(&r) {
        for v in [&f.expected, &f.actual].into_iter().flatten() {
            assert!(!v.contains("79228162514264337593543950335"), "{f:?}");
        }
    }
}

/// More decimals than `Decimal` holds were rounded by the parser: "0.000…0001" (30
/// decimals) was read as 0. A figure that cannot be held exactly is not read.
#[test]
fn figures_are_never_rounded_when_read() {
    assert!(Figure::parse("0.000000000000000000000000000001", 1).is_none());
    assert!(Figure::parse("9.0000000000000000000000000001", 1).is_none());
    let f = Figure::parse("1.0000000000000000000000000001", 1).expect("29 digits fit");
    assert_eq!(f.printed(), "1.0000000000000000000000000001");
    assert!(Figure::parse("9999999999999999", 1).is_none());
    let f = Figure::parse("999999999999999.99", 1).expect("15 integer digits");
    assert_eq!(f.printed(), "999999999999999.99");
    let r = run(
        "decimal-too-many-decimals.txt",
        &read("decimal-too-many-decimals.txt"),
    );
    let doc = r.document.as_ref().expect("a document");
    for row in doc.tables.iter().flat_map(|t| t.rows.iter()) {
        for f in row.values.iter().flatten() {
            assert_eq!(f.value.scale(), f.scale, "{f:?}");
        }
    }
}

/// `check_rate` multiplied the quotient by 100 with `*`, which panics past `Decimal`'s
/// range: 700000000000000 over 0.0000000000001 is 7·10²⁷, ×100 overflows. An amount over a
/// denominator indistinguishable from zero has no rate: undefined, like a zero denominator.
#[test]
fn rate_over_a_vanishing_denominator_does_not_overflow() {
    let num = Interval::printed(Decimal::from(700_000_000_000_000u64), 0);
    let den = Interval::printed(Decimal::new(1, 13), 13);
    let rate = Figure::parse("5.00", 1).expect("a rate");
    assert!(check_rate(&rate, num, den).is_none());
    // Ordinary rates are still checked.
    let num = Interval::printed(Decimal::new(114, 2), 2);
    let den = Interval::printed(Decimal::new(6172, 2), 2);
    assert!(check_rate(&Figure::parse("1.84", 1).expect("rate"), num, den).is_none());
    let m = check_rate(&Figure::parse("1.95", 1).expect("rate"), num, den).expect("mismatch");
    assert_eq!(m.expected.to_string(), "1.85");
    run(
        "rate-overflow-narrative.txt",
        &read("rate-overflow-narrative.txt"),
    );
}

/// Timeouts: quadratic work in the size of the input. A long prose line with thousands of
/// claims (the text and HTML reports quoted the whole line per finding), thousands of empty
/// tables (each scanned every line for its "为空表" note; the HTML report looked every
/// finding's table up in every table), thousands of rows of one code (T101 looked every
/// row's children up in every row; the HTML report every cell in every finding) and of a
/// tab table (the table reader looked every row's parent up in every row). These are
/// smaller than the inputs that timed out; the fuzz target checks the time.
#[test]
fn long_inputs_give_sensible_reports() {
    let r = run("long-prose-line.txt", &read("long-prose-line.txt"));
    let text = render::file_text(&r, Lang::Zh, Style::default(), true);
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 300, "a quoted line of {longest} characters");
    // The figure is still underlined under itself in the excerpt.
    let f = r
        .findings
        .iter()
        .find(|f| f.col.unwrap_or(0) > 1000 && f.width > 0)
        .expect("a finding far into the line");
    let doc = r.document.as_ref().expect("a document");
    let (col, width) = (f.col.unwrap_or(0), f.width);
    let figure: String = doc.lines[f.line - 1]
        .chars()
        .skip(col)
        .take(width)
        .collect();
    let block = render::finding_text(f, "p.txt", Some(doc), Lang::Zh);
    let lines: Vec<&str> = block.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&format!("{} |", f.line)))
        .expect("the quoted line");
    let (quoted, carets) = (lines[at], lines[at + 1]);
    assert!(quoted.contains('…'), "{block}");
    // Display columns: the caret line and the quoted line share their gutter.
    let caret_at = carets.find('^').expect("a caret");
    let mut w = 0;
    let mut under = String::new();
    for c in quoted.chars() {
        if w >= caret_at {
            under.push(c);
        }
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    assert!(
        under.starts_with(&figure),
        "{figure:?} not under the caret:\n{block}"
    );

    let r = run("many-empty-tables.txt", &read("many-empty-tables.txt"));
    assert_eq!(r.document.as_ref().map(|d| d.tables.len()), Some(3000));

    let r = run("many-flow-rows.txt", &read("many-flow-rows.txt"));
    assert!(r.document.is_some());
    let r = run("many-tab-rows.txt", &read("many-tab-rows.txt"));
    let doc = r.document.as_ref().expect("a document");
    assert_eq!(doc.tables.len(), 1);
}
