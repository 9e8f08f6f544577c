//! `budgetlint check` reports: text diagnostics, JSON, JSONL, SARIF (validated against the
//! OASIS 2.1.0 schema), JUnit XML, GitHub annotations, CSV; exit codes; severity overrides.
//! Inputs are built by mutating a seed fixture at one place, so the findings asserted on are
//! the ones the mutation causes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED_001: &str = "fixtures/001_21f1af62e491819b.txt";
const SEED_002: &str = "fixtures/002_0e3626f947e34449.txt";
const SEED_004: &str = "fixtures/004_68abc374c9e05f07.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("spawn budgetlint")
}

fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn seed(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("fixture")
}

/// Replace `from` by `to` on 1-based line `line` (which must contain it).
fn mutate_line(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert!(l.contains(from), "line {line} is {l:?}, without {from:?}");
    *l = l.replacen(from, to, 1);
    lines.join("\n") + "\n"
}

/// Seed 001 with 表六's 合计 公用经费 changed from 126.79 to 126.89 (line 629):
/// the 合计 row no longer adds up and no longer matches the column. The seed itself has
/// narrative and project findings (N1xx, T106) but none among the table identities, so tests
/// that count findings select the identities (`--select X`).
fn planted_001(dir: &Path) -> PathBuf {
    let text = mutate_line(&seed(SEED_001), 629, "126.79", "126.89");
    let p = dir.join("planted.txt");
    std::fs::write(&p, text).expect("write");
    p
}

fn json_of(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("json: {e}\n{}", out(o)))
}

// --- text -----------------------------------------------------------------------------------

/// Reviewed snapshots of the text report of the three seeds. They change when the parser or
/// the rules change what is found: review them with `cargo insta review`.
#[test]
fn report_text_snapshot_seed_001() {
    let o = run(&["check", "--color", "never", SEED_001]);
    insta::assert_snapshot!("report_text_seed_001", out(&o));
}

#[test]
fn report_text_snapshot_seed_002() {
    let o = run(&["check", "--color", "never", SEED_002]);
    insta::assert_snapshot!("report_text_seed_002", out(&o));
}

#[test]
fn report_text_snapshot_seed_004() {
    let o = run(&["check", "--color", "never", SEED_004]);
    insta::assert_snapshot!("report_text_seed_004", out(&o));
}

#[test]
fn text_names_the_planted_figure_with_file_line_column_and_caret() {
    let d = scratch("rep_text");
    let p = planted_001(&d);
    let o = run_in(
        &d,
        &["check", "--select", "X", "--color", "never", "planted.txt"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("error[X126]"), "{s}");
    // 合计 407.66 280.87 126.89: the caret under 126.89, after "合计 407.66 280.87 " which is
    // 4 + 1 + 6 + 1 + 6 + 1 = 19 columns wide (合 and 计 count two each).
    assert!(s.contains("--> planted.txt:629:"), "{s}");
    let lines: Vec<&str> = s.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("error[X126]"))
        .expect("X126 block");
    let i = start
        + lines[start..]
            .iter()
            .position(|l| l.contains("| 合计 407.66 280.87 126.89"))
            .unwrap_or_else(|| panic!("source line shown: {s}"));
    let caret = lines[i + 1];
    let bar = caret.find('|').expect("gutter");
    let under = &caret[bar + 2..];
    assert!(
        under.starts_with(&" ".repeat(19)) && under.trim() == "^^^^^^",
        "{caret:?}"
    );
    assert!(s.contains("预期 126.79，实际 126.89，差 0.10"), "{s}");
    assert!(s.contains("planted.txt：2 个错误"), "{s}");
    drop(p);
    // English.
    let o = run_in(
        &d,
        &[
            "--lang",
            "en",
            "check",
            "--select",
            "X",
            "--color",
            "never",
            "planted.txt",
        ],
    );
    assert!(out(&o).contains("expected 126.79, actual 126.89, difference 0.10"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let d = scratch("rep_color");
    planted_001(&d);
    // Not a terminal (a pipe): no escape codes.
    let o = run_in(&d, &["check", "planted.txt"]);
    assert!(!out(&o).contains('\x1b'));
    let o = run_in(&d, &["check", "--color", "always", "planted.txt"]);
    assert!(out(&o).contains("\x1b[1;31merror[X126]"), "{}", out(&o));
}

// --- exit codes and selection ---------------------------------------------------------------

#[test]
fn exit_codes_0_1_2() {
    let d = scratch("rep_exit");
    planted_001(&d);
    assert_eq!(
        run(&["check", "--select", "X", SEED_001]).status.code(),
        Some(0)
    );
    assert_eq!(
        run_in(&d, &["check", "--select", "X", "planted.txt"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run_in(
            &d,
            &["check", "--select", "X", "--exit-zero", "planted.txt"]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        run_in(
            &d,
            &[
                "check",
                "--select",
                "X",
                "--exit-zero",
                "planted.txt",
                "missing.txt"
            ]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--select", "X", "--format", "nope", SEED_001])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn severity_overrides_change_level_and_exit_code() {
    let d = scratch("rep_sev");
    planted_001(&d);
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "json",
            "--severity",
            "X106=warning,X126=warning",
            "planted.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "only warnings left: {}", err(&o));
    let v = json_of(&o);
    let f = v["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .clone();
    assert!(!f.is_empty());
    assert!(f.iter().all(|f| f["severity"] == "warning"), "{f:?}");
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--severity",
            "X1=warning",
            "--fail-on",
            "warning",
            "planted.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "json",
            "--severity",
            "X1=off",
            "planted.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_of(&o)["summary"]["errors"], 0);
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--severity",
            "X126=loud",
            "planted.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("loud"));
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--severity",
            "Q9=error",
            "planted.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("Q9"));
}

// --- JSON / JSONL ---------------------------------------------------------------------------

#[test]
fn json_keeps_the_version_1_shape() {
    let d = scratch("rep_json");
    planted_001(&d);
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "json",
            "planted.txt",
            "missing.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json_of(&o);
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    let f0 = &files[0];
    for k in ["path", "status", "error", "document", "findings"] {
        assert!(f0.get(k).is_some(), "file field {k}");
    }
    assert_eq!(f0["status"], "checked");
    assert!(f0["document"]["department"].is_string());
    assert_eq!(f0["document"]["year"], 2022);
    let x126 = f0["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "X126")
        .expect("X126 finding")
        .clone();
    for k in [
        "rule",
        "severity",
        "line",
        "related_lines",
        "table",
        "message",
        "expected",
        "actual",
        "difference",
    ] {
        assert!(x126.get(k).is_some(), "finding field {k}");
    }
    assert_eq!(x126["line"], 629);
    assert_eq!(x126["table"], "表六");
    assert_eq!(x126["expected"], "126.79");
    assert_eq!(x126["actual"], "126.89");
    assert_eq!(files[1]["status"], "error");
    assert!(files[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("missing.txt")));
    let s = &v["summary"];
    assert_eq!(s["files"], 2);
    assert_eq!(s["checked"], 1);
    assert_eq!(s["failed"], 1);
    assert_eq!(s["errors"], 2);
    for k in ["warnings", "infos"] {
        assert!(s[k].is_u64());
    }
}

#[test]
fn jsonl_is_one_object_per_file_in_order() {
    let d = scratch("rep_jsonl");
    planted_001(&d);
    std::fs::copy(root().join(SEED_004), d.join("z.txt")).expect("copy");
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "jsonl",
            "planted.txt",
            "z.txt",
            "nope.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = out(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let paths: Vec<&str> = lines.iter().filter_map(|v| v["path"].as_str()).collect();
    assert_eq!(paths, ["planted.txt", "z.txt", "nope.txt"]);
    assert_eq!(lines[0]["counts"]["errors"], 2);
    assert_eq!(lines[2]["status"], "error");
}

// --- SARIF ----------------------------------------------------------------------------------

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let d = scratch("rep_sarif");
    planted_001(&d);
    let o = run_in(
        &d,
        &["check", "--format", "sarif", "planted.txt", "missing.txt"],
    );
    assert_eq!(o.status.code(), Some(2));
    let v = json_of(&o);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And the content GitHub code scanning reads.
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "budgetlint");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "X126"));
    let results = run0["results"].as_array().expect("results");
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "X126")
        .expect("X126 result");
    assert_eq!(r["level"], "error");
    let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[idx]["id"], "X126");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "planted.txt");
    assert_eq!(loc["region"]["startLine"], 629);
    assert!(r["partialFingerprints"].is_object());
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
    // A broken log is caught by the schema (the test can fail).
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
}

// --- JUnit ----------------------------------------------------------------------------------

#[test]
fn junit_has_one_testcase_per_rule_per_file() {
    let d = scratch("rep_junit");
    planted_001(&d);
    std::fs::copy(root().join(SEED_004), d.join("clean.txt")).expect("copy");
    let o = run_in(
        &d,
        &[
            "check",
            "--format",
            "junit",
            "planted.txt",
            "clean.txt",
            "gone.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let xml = out(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root_el = doc.root_element();
    assert_eq!(root_el.tag_name().name(), "testsuites");
    let suites: Vec<_> = root_el
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 3);
    let rules = run(&["rules", "--format", "json"]);
    let n_rules = json_of(&rules).as_array().expect("rules").len();
    fn cases<'a, 'i>(s: &roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
        s.children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect()
    }
    assert_eq!(cases(&suites[0]).len(), n_rules);
    assert_eq!(cases(&suites[1]).len(), n_rules);
    assert_eq!(suites[0].attribute("name"), Some("planted.txt"));
    let failed: Vec<_> = cases(&suites[0])
        .into_iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    let names: Vec<&str> = failed.iter().filter_map(|c| c.attribute("name")).collect();
    assert!(names.iter().any(|n| n.starts_with("X126 ")), "{names:?}");
    let x126 = failed
        .iter()
        .find(|c| c.attribute("name").is_some_and(|n| n.starts_with("X126")))
        .expect("X126 case");
    let failure = x126
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("failure");
    assert!(failure.text().is_some_and(|t| t.contains("126.89")));
    assert_eq!(
        suites[0].attribute("failures"),
        Some(failed.len().to_string().as_str())
    );
    assert_eq!(suites[1].attribute("failures"), Some("0"));
    assert_eq!(suites[2].attribute("errors"), Some("1"));
    let total: usize = root_el
        .attribute("tests")
        .and_then(|t| t.parse().ok())
        .expect("tests");
    assert_eq!(total, 2 * n_rules + 1);
}

// --- GitHub, CSV ----------------------------------------------------------------------------

#[test]
fn github_annotations() {
    let d = scratch("rep_gh");
    planted_001(&d);
    let o = run_in(&d, &["check", "--format", "github", "planted.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let s = out(&o);
    let l = s
        .lines()
        .find(|l| l.contains("X126"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(
        l.starts_with("::error file=planted.txt,line=629,col="),
        "{l}"
    );
    assert!(l.contains("::表六"), "{l}");
    assert!(!l.contains('\n'));
    assert!(s.lines().all(|l| l.starts_with("::")), "{s}");
}

#[test]
fn csv_has_bom_header_and_a_row_per_finding() {
    let d = scratch("rep_csv");
    planted_001(&d);
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "csv",
            "-o",
            "out.csv",
            "planted.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).is_empty(), "-o writes to the file only");
    let bytes = std::fs::read(d.join("out.csv")).expect("csv written");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let rows: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(rows[0].starts_with("文件,部门,年度,规则,严重程度,行"));
    assert_eq!(rows.len(), 1 + 2, "{text}");
    assert!(rows
        .iter()
        .any(|r| r.starts_with("planted.txt,") && r.contains(",X126,error,629,")));
}

// --- JSON schema ----------------------------------------------------------------------------

fn report_schema() -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/report-v1.schema.json")).expect("schema"),
    )
    .expect("schema json")
}

#[test]
fn json_and_jsonl_validate_against_the_report_schema() {
    let d = scratch("rep_schema");
    planted_001(&d);
    std::fs::copy(root().join(SEED_002), d.join("b.txt")).expect("copy");
    std::fs::write(d.join("c.txt"), "会议纪要\n").expect("write");
    let schema = report_schema();
    let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
    let args = ["planted.txt", "b.txt", "c.txt", "gone.txt"];
    let o = run_in(
        &d,
        &[
            &["check", "--format", "json", "--statistics"][..],
            &args[..],
        ]
        .concat(),
    );
    let v = json_of(&o);
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v["files"].as_array().map(Vec::len), Some(4));
    // Every JSONL line is a file object of the same report.
    let mut file_schema = schema.clone();
    file_schema["$ref"] = "#/$defs/file".into();
    if let Some(o) = file_schema.as_object_mut() {
        o.remove("required");
        o.remove("properties");
    }
    let file_validator = jsonschema::draft202012::new(&file_schema).expect("compiles");
    let o = run_in(
        &d,
        &[&["check", "--format", "jsonl"][..], &args[..]].concat(),
    );
    let lines: Vec<serde_json::Value> = out(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 4);
    for l in &lines {
        assert!(file_validator.is_valid(l), "{l}");
    }
    // The schema can fail: a finding without its rule is rejected.
    let mut bad = lines[0].clone();
    if let Some(f) = bad["findings"][0].as_object_mut() {
        f.remove("rule");
    }
    assert!(!file_validator.is_valid(&bad));
}
