//! `budgetlint.toml` (discovered upwards, `--config`, flags override it, `--show-settings`)
//! and baselines (`--write-baseline`, `--baseline`, stale entries).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("spawn budgetlint")
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

fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("fixtures").join(name)).expect("fixture")
}

fn mutate_line(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert!(l.contains(from), "line {line} is {l:?}, without {from:?}");
    *l = l.replacen(from, to, 1);
    lines.join("\n") + "\n"
}

fn findings(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", out(o)));
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().cloned().unwrap_or_default())
        .collect()
}

const PLANTED_LINE: usize = 629;

fn planted() -> String {
    mutate_line(
        &seed("001_21f1af62e491819b.txt"),
        PLANTED_LINE,
        "126.79",
        "126.89",
    )
}

#[test]
fn config_is_discovered_upwards_and_flags_override_it() {
    let d = scratch("cfg_discover");
    let sub = d.join("dept/2022");
    std::fs::create_dir_all(&sub).expect("dirs");
    std::fs::write(sub.join("a.txt"), planted()).expect("write");
    std::fs::write(
        d.join("budgetlint.toml"),
        "format = \"json\"\nselect = [\"X\"]\nignore = [\"X106\"]\n\n[severity]\nX126 = \"warning\"\n",
    )
    .expect("config");
    // Run from elsewhere: the config is found from the checked file upwards.
    let o = run_in(
        &root(),
        &["check", &sub.join("a.txt").display().to_string()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "X126 is only a warning: {}",
        err(&o)
    );
    let f = findings(&o);
    assert!(f.iter().all(|f| f["rule"] != "X106"), "{f:?}");
    let x = f.iter().find(|f| f["rule"] == "X126").expect("X126");
    assert_eq!(x["severity"], "warning");
    // Flags override the file.
    let o = run_in(
        &d,
        &[
            "check",
            "--format",
            "text",
            "--fail-on",
            "warning",
            "dept/2022/a.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("warning[X126]"), "{}", out(&o));
    let o = run_in(
        &d,
        &["check", "--severity", "X126=error", "dept/2022/a.txt"],
    );
    assert_eq!(o.status.code(), Some(1));
    // --no-config ignores it: X106 is back.
    let o = run_in(
        &d,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "dept/2022/a.txt",
        ],
    );
    assert!(findings(&o).iter().any(|f| f["rule"] == "X106"));
}

#[test]
fn show_settings_prints_the_effective_settings() {
    let d = scratch("cfg_show");
    std::fs::write(
        d.join("budgetlint.toml"),
        "fail-on = \"warning\"\nselect = [\"x1\", \"T\"]\njobs = 3\n[severity]\nX311 = \"error\"\n",
    )
    .expect("config");
    std::fs::write(d.join("a.txt"), "x").expect("write");
    let o = run_in(&d, &["check", "--show-settings", "--jobs", "2", "a.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("budgetlint.toml"), "{s}");
    assert!(s.contains("fail-on = \"warning\""), "{s}");
    assert!(s.contains("select = [\"X1\", \"T\"]"), "{s}");
    assert!(s.contains("jobs = 2"), "flag wins over the file: {s}");
    assert!(s.contains("X311 = \"error\""), "{s}");
}

#[test]
fn bad_config_is_a_usage_error_with_file_and_line() {
    let d = scratch("cfg_bad");
    std::fs::write(
        d.join("budgetlint.toml"),
        "format = \"json\"\nfail_on = 3\n",
    )
    .expect("cfg");
    std::fs::write(d.join("a.txt"), planted()).expect("write");
    let o = run_in(&d, &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("budgetlint.toml:2"), "{}", err(&o));
}

#[test]
fn config_adds_custom_rule_files() {
    let d = scratch("cfg_rules");
    std::fs::write(d.join("a.txt"), seed("001_21f1af62e491819b.txt")).expect("write");
    // A custom identity that does not hold on this document: 表六 合计 = 人员经费 alone.
    std::fs::write(
        d.join("mine.toml"),
        r#"[[rule]]
id = "X901"
severity = "warning"
title_zh = "测试：基本支出合计等于人员经费"
title_en = "Test: basic total equals personnel"
explanation_zh = "测试规则"
explanation_en = "test rule"
formula = "basic_economic.total.total = basic_economic.total.personnel"
"#,
    )
    .expect("rules");
    std::fs::write(d.join("budgetlint.toml"), "extra-rules = [\"mine.toml\"]\n").expect("cfg");
    let o = run_in(
        &d,
        &["check", "--select", "X901", "--format", "json", "a.txt"],
    );
    let f = findings(&o);
    let x = f
        .iter()
        .find(|f| f["rule"] == "X901")
        .unwrap_or_else(|| panic!("custom rule ran: {f:?} {}", err(&o)));
    assert_eq!(x["severity"], "warning");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn baseline_round_trip() {
    let d = scratch("baseline_rt");
    let doc = d.join("docs/d.txt");
    std::fs::create_dir_all(d.join("docs")).expect("dir");
    let original = seed("002_0e3626f947e34449.txt");
    std::fs::write(&doc, &original).expect("write");
    // 1. Record today's findings.
    let o = run_in(
        &d,
        &[
            "check",
            "--format",
            "json",
            "--write-baseline",
            "bl.json",
            "docs",
        ],
    );
    let before = findings(&o);
    assert!(!before.is_empty(), "the seed has findings to baseline");
    let bl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("bl.json")).expect("baseline"))
            .expect("json");
    let n: u64 = bl["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(n as usize, before.len());
    assert!(
        bl["entries"][0].get("line").is_none(),
        "keyed without line numbers"
    );
    // 2. Re-run: clean, exit 0.
    let check = |d: &Path| {
        run_in(
            d,
            &["check", "--format", "json", "--baseline", "bl.json", "docs"],
        )
    };
    let o = check(&d);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(findings(&o).is_empty());
    // 3. Edit an unrelated paragraph near the top (every later line moves): still clean.
    let mut lines: Vec<&str> = original.lines().collect();
    lines.insert(3, "（本段为新增说明，与预算数字无关。）");
    lines.insert(3, "");
    std::fs::write(&doc, lines.join("\n") + "\n").expect("write");
    let o = check(&d);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(findings(&o).is_empty(), "{}", out(&o));
    // 4. Change one figure (表三 201 03 01 基本支出, line 548 of the original): one new
    //    finding, the 合计 row no longer equals the sum of the rows, naming the changed line.
    let changed = mutate_line(&original, 548, "1302.62", "1302.92");
    std::fs::write(&doc, changed).expect("write");
    let o = check(&d);
    assert_eq!(o.status.code(), Some(1));
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["table"], "表三");
    assert_eq!(f[0]["expected"], "1302.92");
    assert!(
        f[0]["related_lines"]
            .as_array()
            .is_some_and(|l| l.contains(&serde_json::json!(548))),
        "{f:#?}"
    );
    // 5. Stale entries are reported: a document clean under the identities (seed 001, X
    //    codes) leaves every X entry unmatched.
    std::fs::write(&doc, seed("001_21f1af62e491819b.txt")).expect("write");
    let o = run_in(
        &d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "json",
            "--baseline",
            "bl.json",
            "docs",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let stale = v["baseline"]["stale"].as_array().expect("stale list");
    assert!(!stale.is_empty());
    assert!(err(&o).contains("stale"), "{}", err(&o));
}
