//! `budgetlint check DIR...`: walking folders (globs, excludes, hidden and binary files,
//! symbolic-link loops), deterministic order whatever the thread count, failing files, and
//! the per-file summary.

use budgetlint::batch;
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

fn copy_seed(name: &str, to: &Path) {
    if let Some(p) = to.parent() {
        std::fs::create_dir_all(p).expect("dir");
    }
    std::fs::copy(root().join("fixtures").join(name), to).expect("copy");
}

fn jsonl_paths(o: &Output) -> Vec<String> {
    out(o)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["path"].as_str().unwrap_or("").to_string()
        })
        .collect()
}

/// A tree with files to take and files to skip.
fn tree(d: &Path) {
    copy_seed("001_21f1af62e491819b.txt", &d.join("b/001.txt"));
    copy_seed("002_0e3626f947e34449.txt", &d.join("a/002.txt"));
    copy_seed("004_68abc374c9e05f07.txt", &d.join("a/deep/er/004.TXT"));
    copy_seed("002_0e3626f947e34449.txt", &d.join(".hidden/002.txt"));
    copy_seed("002_0e3626f947e34449.txt", &d.join("a/.draft.txt"));
    copy_seed("002_0e3626f947e34449.txt", &d.join("drafts/old.txt"));
    std::fs::write(d.join("a/notes.md"), "# 说明\n").expect("md");
    // A binary file named .txt is skipped when found in a folder.
    std::fs::write(d.join("b/blob.txt"), [0u8, 1, 2, 3, 0, 255, 0, 7]).expect("bin");
}

#[test]
fn walks_sorted_skipping_hidden_binary_and_other_files() {
    let d = scratch("batch_walk");
    tree(&d);
    let o = run_in(&d, &["check", "--format", "jsonl", "-j", "2", "."]);
    assert_eq!(
        jsonl_paths(&o),
        [
            "./a/002.txt",
            "./a/deep/er/004.TXT",
            "./b/001.txt",
            "./drafts/old.txt"
        ],
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("skipped 1 binary file"), "{}", err(&o));
    // Excluded folders and files; a glob narrowing what is taken.
    let o = run_in(
        &d,
        &[
            "check",
            "--format",
            "jsonl",
            "--exclude",
            "drafts",
            "--exclude",
            "deep",
            ".",
        ],
    );
    assert_eq!(jsonl_paths(&o), ["./a/002.txt", "./b/001.txt"]);
    let o = run_in(
        &d,
        &["check", "--format", "jsonl", "--glob", "a/**/*.TXT", "."],
    );
    assert_eq!(jsonl_paths(&o), ["./a/deep/er/004.TXT"]);
    // A hidden or binary file named on the command line is checked (and the binary one fails).
    let o = run_in(
        &d,
        &["check", "--format", "jsonl", "a/.draft.txt", "b/blob.txt"],
    );
    assert_eq!(jsonl_paths(&o), ["a/.draft.txt", "b/blob.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_forever() {
    let d = scratch("batch_loop");
    copy_seed("004_68abc374c9e05f07.txt", &d.join("x/004.txt"));
    std::os::unix::fs::symlink("..", d.join("x/up")).expect("symlink");
    std::os::unix::fs::symlink(d.join("x"), d.join("x/self")).expect("symlink");
    let o = run_in(&d, &["check", "--format", "jsonl", "x"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(jsonl_paths(&o), ["x/004.txt"]);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let d = scratch("batch_order");
    let seeds = [
        "001_21f1af62e491819b.txt",
        "002_0e3626f947e34449.txt",
        "004_68abc374c9e05f07.txt",
        "wanli-2025-dept-budget.raw.txt",
    ];
    for i in 0..8 {
        copy_seed(seeds[i % seeds.len()], &d.join(format!("docs/{i:02}.txt")));
    }
    std::fs::write(d.join("docs/05.txt"), "").expect("an empty file fails");
    for format in ["jsonl", "text"] {
        let one = run_in(&d, &["check", "--format", format, "-j", "1", "docs"]);
        let four = run_in(&d, &["check", "--format", format, "-j", "4", "docs"]);
        assert_eq!(one.status.code(), Some(2));
        assert_eq!(four.status.code(), Some(2));
        assert_eq!(out(&one), out(&four), "{format}");
        assert!(!out(&one).is_empty());
    }
}

#[test]
fn a_failing_file_is_reported_and_the_rest_checked() {
    let d = scratch("batch_fail");
    copy_seed("002_0e3626f947e34449.txt", &d.join("docs/a.txt"));
    std::fs::write(d.join("docs/b.txt"), "这是一份会议纪要，没有任何表格。\n").expect("write");
    copy_seed("004_68abc374c9e05f07.txt", &d.join("docs/c.txt"));
    let o = run_in(&d, &["check", "--color", "never", "docs"]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(
        e.contains("docs/b.txt") && e.contains("不是部门预算公开文件"),
        "{e}"
    );
    let s = out(&o);
    assert!(s.contains("error[X131]"), "a.txt still checked: {s}");
    assert!(
        s.contains("docs/c.txt：0 个错误"),
        "c.txt still checked: {s}"
    );
    // The per-file summary table: department, year, tables, errors, warnings, status.
    let row = s
        .lines()
        .find(|l| l.starts_with("docs/a.txt ") && l.contains("克州政府办公室"))
        .unwrap_or_else(|| panic!("summary row: {s}"));
    assert!(row.contains("2020") && row.contains("有问题"), "{row}");
    let row_b = s
        .lines()
        .find(|l| l.starts_with("docs/b.txt "))
        .unwrap_or_else(|| panic!("summary row: {s}"));
    assert!(row_b.contains("无法检查"), "{row_b}");
    assert!(s.contains("共 3 个文件：已检查 2 个，无法读取 1 个"), "{s}");
}

#[test]
fn summary_as_csv_and_json() {
    let d = scratch("batch_summary");
    copy_seed("002_0e3626f947e34449.txt", &d.join("docs/a.txt"));
    copy_seed("004_68abc374c9e05f07.txt", &d.join("docs/c.txt"));
    std::fs::write(d.join("docs/e.txt"), "").expect("write");
    let o = run_in(
        &d,
        &[
            "--lang",
            "en",
            "check",
            "--summary",
            "--format",
            "csv",
            "docs",
        ],
    );
    let s = out(&o);
    let s = s.strip_prefix('\u{feff}').expect("BOM");
    let rows: Vec<&str> = s.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows[0],
        "file,department,year,tables,errors,warnings,infos,status,reason"
    );
    assert_eq!(rows.len(), 4);
    assert!(
        rows[1].starts_with("docs/a.txt,克州政府办公室,2020,"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains(",findings,"), "{}", rows[1]);
    assert!(rows[2].starts_with("docs/c.txt,") && rows[2].contains(",ok,"));
    assert!(
        rows[3].starts_with("docs/e.txt,,,,0,0,0,error,"),
        "{}",
        rows[3]
    );
    let o = run_in(&d, &["check", "--summary", "--format", "json", "docs"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["document"]["year"], 2020);
    assert!(files[0]["tables"].as_u64().is_some_and(|n| n > 0));
    assert!(files[0]["counts"]["errors"].as_u64().is_some_and(|n| n > 0));
    assert_eq!(files[2]["status"], "error");
    assert_eq!(v["summary"]["failed"], 1);
}

#[test]
fn ordered_parallel_hands_results_back_in_order_and_catches_panics() {
    let items: Vec<u64> = (0..200).collect();
    for jobs in [1, 2, 7] {
        let mut seen = Vec::new();
        batch::ordered_parallel(
            &items,
            jobs,
            |i, &x| {
                // Uneven work so that later items often finish first.
                if x % 13 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(3));
                }
                assert!(x != 150, "boom at {i}");
                x * 2
            },
            |i, r| seen.push((i, r)),
        );
        assert_eq!(seen.len(), 200);
        for (k, (i, r)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            match r {
                Ok(v) => assert_eq!(*v, items[k] * 2),
                Err(m) => {
                    assert_eq!(k, 150);
                    assert!(m.contains("boom at 150"), "{m}");
                }
            }
        }
    }
}

#[test]
fn binary_sniffing() {
    assert!(batch::looks_binary(&[b'a', 0, b'b']));
    assert!(!batch::looks_binary("预算表".as_bytes()));
    assert!(!batch::looks_binary(&[0xFF, 0xFE, b'a', 0]), "UTF-16 LE");
    assert!(!batch::looks_binary(b"%PDF-1.4\n\0\0"));
}

#[test]
fn pdf_files_are_taken_from_folders() {
    let d = scratch("batch_pdf");
    copy_seed("004_68abc374c9e05f07.txt", &d.join("docs/a.txt"));
    // Not a readable PDF: it is still taken, and fails with its reason.
    std::fs::write(
        d.join("docs/b.pdf"),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nbroken\n",
    )
    .expect("pdf");
    std::fs::write(d.join("docs/c.doc"), b"not taken").expect("doc");
    let o = run_in(&d, &["check", "--format", "jsonl", "docs"]);
    assert_eq!(jsonl_paths(&o), ["docs/a.txt", "docs/b.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("docs/b.pdf"), "{}", err(&o));
}

/// Colour by default only on a terminal: run under `script` (a pseudo-terminal) when it is
/// installed; `NO_COLOR` turns it off there too.
#[cfg(unix)]
#[test]
fn colour_on_a_terminal_unless_no_color() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("SKIPPED colour_on_a_terminal_unless_no_color: no /usr/bin/script (util-linux)");
        return;
    }
    let d = scratch("batch_tty");
    let text =
        std::fs::read_to_string(root().join("fixtures/001_21f1af62e491819b.txt")).expect("fixture");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[628] = lines[628].replacen("126.79", "126.89", 1);
    std::fs::write(d.join("p.txt"), lines.join("\n") + "\n").expect("write");
    let bin = env!("CARGO_BIN_EXE_budgetlint");
    let tty = |no_color: bool| {
        let mut c = Command::new("/usr/bin/script");
        c.current_dir(&d).args([
            "-qec",
            &format!("{bin} check --select X p.txt"),
            "/dev/null",
        ]);
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        c.output().expect("script")
    };
    let coloured = out(&tty(false));
    assert!(coloured.contains("\x1b[1;31merror[X126]"), "{coloured:?}");
    let plain = out(&tty(true));
    assert!(
        plain.contains("error[X126]") && !plain.contains('\x1b'),
        "{plain:?}"
    );
}
