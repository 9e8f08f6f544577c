//! The `budgetlint` binary: subcommands and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("spawn budgetlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory under the target dir.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

#[test]
fn rules_lists_the_catalogue() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("T001") && s.contains("X207") && s.contains("N101"),
        "{s}"
    );
    assert!(s.contains("缺少必备的预算公开表"), "{s}");
    let o = run(&["rules", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let arr = v.as_array().expect("array");
    assert!(arr
        .iter()
        .any(|r| r["code"] == "X207" && r["severity"] == "error"));
}

#[test]
fn explain_prints_the_entry() {
    let o = run(&["explain", "T001"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("T001"));
    let o = run(&["--lang", "en", "explain", "x207"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(
        s.contains("Formula: general_expense.total.basic = basic_economic.total.total"),
        "{s}"
    );
    assert!(
        s.contains("When: document.kind == budget and basic_economic.scope == general_budget"),
        "{s}"
    );
}

#[test]
fn explain_unknown_code_is_a_usage_error() {
    let o = run(&["explain", "NOPE"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NOPE"));
}

#[test]
fn nonexistent_path_exits_2_with_the_path() {
    let o = run(&["check", "no/such/file-xyz.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/file-xyz.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn empty_file_exits_2_with_the_path_even_with_exit_zero() {
    let d = scratch("cli_empty");
    let f = d.join("empty.txt");
    std::fs::write(&f, b"").expect("write");
    let p = f.display().to_string();
    let o = run(&["check", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&p), "{}", stderr(&o));
    let o = run(&["check", "--exit-zero", &p]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn json_report_of_unreadable_files() {
    let d = scratch("cli_json");
    std::fs::write(d.join("a.txt"), b"").expect("write");
    let o = run(&[
        "check",
        "--format",
        "json",
        &d.display().to_string(),
        "missing.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert!(files
        .iter()
        .all(|f| f["status"] == "error" && f["error"].is_string()));
    assert!(files
        .iter()
        .all(|f| f["findings"].as_array().is_some_and(|a| a.is_empty())));
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["failed"], 2);
    assert_eq!(v["summary"]["checked"], 0);
    for k in ["errors", "warnings", "infos"] {
        assert_eq!(v["summary"][k], 0);
    }
}

#[test]
fn select_codes_are_case_insensitive() {
    // A known prefix in lower case is accepted: the only error is the missing file (2).
    let o = run(&[
        "check",
        "--select",
        "x2,t001",
        "--ignore",
        "n",
        "missing-file.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("unknown rule code"), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing-file.txt"));
}

#[test]
fn unknown_select_code_is_a_usage_error() {
    let o = run(&["check", "--select", "Q9", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Q9"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(
        run(&["check", "--fail-on", "fatal", "x.txt"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn custom_rules_dir() {
    let d = scratch("cli_rules");
    std::fs::write(
        d.join("mine.toml"),
        "[[rule]]\nid = \"Z001\"\nseverity = \"info\"\ntitle_zh = \"自定义\"\ntitle_en = \"custom\"\nexplanation_zh = \"说明\"\nexplanation_en = \"text\"\nformula = \"expense.each.total = expense.each.basic + expense.each.project\"\n",
    )
    .expect("write");
    let o = run(&["--rules", &d.display().to_string(), "rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Z001") && !s.contains("X207"), "{s}");

    std::fs::write(d.join("zbad.toml"), "[[rule]]\nid = \"Z2\"\nseverity = \n").expect("write");
    let o = run(&["--rules", &d.display().to_string(), "rules"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("zbad.toml:3"), "{}", stderr(&o));
}

#[test]
fn extract_of_missing_file_exits_2() {
    let o = run(&["extract", "--format", "text", "no-such.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such.txt"));
}

#[test]
fn json_statistics_field() {
    let o = run(&["check", "--format", "json", "--statistics", "nope.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["statistics"].is_array());
}
