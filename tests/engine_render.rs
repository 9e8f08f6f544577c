//! Reports: exit status, text blocks with carets under CJK lines, JSON shape.

use budgetlint::model::{Document, DocumentInfo};
use budgetlint::render::{self, FileReport};
use budgetlint::rules::{Finding, Lang, Message, Severity};

fn doc(lines: &[&str]) -> Document {
    Document {
        path: "a.txt".into(),
        info: DocumentInfo {
            department: Some("某某局".into()),
            year: Some(2022),
            ..DocumentInfo::default()
        },
        tables: Vec::new(),
        performance: Vec::new(),
        narrative: Vec::new(),
        claims: Vec::new(),
        lines: lines.iter().map(|s| s.to_string()).collect(),
        pages: Vec::new(),
    }
}

fn finding(sev: Severity) -> Finding {
    let mut f = Finding::new(
        "X207",
        2,
        Message::new(
            "表五 合计 基本支出 1302.62 ≠ 表六 合计 合计 1459.62（差 -157.00）",
            "表五 合计 基本支出 1302.62 ≠ 表六 合计 合计 1459.62 (difference -157.00)",
        ),
    );
    f.severity = sev;
    f.related_lines = vec![45];
    f.table = Some("表五".into());
    f.column = Some("基本支出".into());
    f.expected = Some("1459.62".into());
    f.actual = Some("1302.62".into());
    f.difference = Some("-157.00".into());
    f.tolerance = Some("0.010".into());
    f.identity = Some("general_expense.total.basic = basic_economic.total.total".into());
    f.col = Some(11);
    f.width = 7;
    f
}

fn report(findings: Vec<Finding>) -> FileReport {
    FileReport {
        path: "a.txt".into(),
        error: None,
        document: Some(doc(&["表五", "合计\t1459.62\t1302.62\t157.00"])),
        findings,
    }
}

#[test]
fn exit_status_follows_fail_on_and_exit_zero() {
    let clean = vec![report(vec![])];
    assert_eq!(render::exit_status(&clean, Severity::Error, false), 0);
    let warn = vec![report(vec![finding(Severity::Warning)])];
    assert_eq!(render::exit_status(&warn, Severity::Error, false), 0);
    assert_eq!(render::exit_status(&warn, Severity::Warning, false), 1);
    assert_eq!(render::exit_status(&warn, Severity::Info, false), 1);
    assert_eq!(render::exit_status(&warn, Severity::Info, true), 0);
    let err = vec![report(vec![finding(Severity::Error)])];
    assert_eq!(render::exit_status(&err, Severity::Error, false), 1);
    let mut unreadable = err.clone();
    unreadable.push(FileReport {
        path: "b.txt".into(),
        error: Some("b.txt: 文件为空 (empty file)".into()),
        document: None,
        findings: vec![],
    });
    assert_eq!(render::exit_status(&unreadable, Severity::Error, true), 2);
}

#[test]
fn text_block_has_location_source_caret_and_numbers() {
    let s = render::text(&[report(vec![finding(Severity::Error)])], Lang::Zh);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        lines[0],
        "error[X207]: 表五 合计 基本支出 1302.62 ≠ 表六 合计 合计 1459.62（差 -157.00）"
    );
    // file:line:column, the column 1-based in characters.
    assert_eq!(lines[1], " --> a.txt:2:12");
    assert_eq!(lines[3], "2 | 合计    1459.62    1302.62    157.00");
    // 合计 is 4 columns wide, a tab 4, 1459.62 7, a tab 4 → the caret starts at column 19.
    assert_eq!(lines[4], format!("  | {}{}", " ".repeat(19), "^".repeat(7)));
    assert!(
        s.contains("= 预期 1459.62，实际 1302.62，差 -157.00（容差 0.010）"),
        "{s}"
    );
    assert!(s.contains("a.txt：1 个错误，0 个警告，0 个提示"), "{s}");
    assert!(s.contains("共 1 个文件：已检查 1 个，无法读取 0 个"), "{s}");
    let en = render::text(&[report(vec![finding(Severity::Error)])], Lang::En);
    assert!(
        en.contains("expected 1459.62, actual 1302.62, difference -157.00"),
        "{en}"
    );
    assert!(en.contains("a.txt: 1 error, 0 warnings, 0 infos"), "{en}");
}

#[test]
fn json_has_the_agreed_shape() {
    let v = render::json(&[report(vec![finding(Severity::Warning)])], Lang::En);
    assert_eq!(v["version"], 1);
    let f0 = &v["files"][0];
    assert_eq!(f0["status"], "checked");
    assert!(f0["error"].is_null());
    assert_eq!(f0["document"]["department"], "某某局");
    assert_eq!(f0["document"]["year"], 2022);
    let x = &f0["findings"][0];
    for (k, want) in [
        ("rule", "X207"),
        ("severity", "warning"),
        ("table", "表五"),
        ("expected", "1459.62"),
        ("actual", "1302.62"),
        ("difference", "-157.00"),
        ("column", "基本支出"),
        ("tolerance", "0.010"),
    ] {
        assert_eq!(x[k], want, "{k}");
    }
    assert_eq!(x["line"], 2);
    assert_eq!(x["related_lines"], serde_json::json!([45]));
    assert!(x["message"]
        .as_str()
        .is_some_and(|m| m.contains("difference")));
    assert!(x["identity"].is_string());
    assert!(x.get("row").is_some());
    assert_eq!(v["summary"]["warnings"], 1);
    assert_eq!(v["summary"]["checked"], 1);
}

#[test]
fn extract_text_aligns_tables() {
    use budgetlint::model::*;
    let f = |s: &str, l: usize| Figure::parse(s, l);
    let t = Table {
        label: "表三".into(),
        number: Some(3),
        kind: TableKind::Expense,
        scope: FundScope::AllFunds,
        title: "部门支出总体情况表".into(),
        line: 10,
        end_line: 14,
        unit: Unit::WanYuan,
        unit_stated: true,
        columns: vec![
            Column {
                name: "合计".into(),
                key: ColumnKey::Total,
            },
            Column {
                name: "基本支出".into(),
                key: ColumnKey::Basic,
            },
            Column {
                name: "项目支出".into(),
                key: ColumnKey::Project,
            },
        ],
        income: vec![],
        rows: vec![
            Row {
                line: 12,
                kind: RowKind::Function,
                code: FunctionCode::parse("201").map(Code::Function),
                name: "一般公共服务支出".into(),
                project: None,
                values: vec![f("1459.62", 12), f("1302.62", 12), f("157", 12)],
                columns_inferred: false,
            },
            Row {
                line: 13,
                kind: RowKind::Total,
                code: None,
                name: "合计".into(),
                project: None,
                values: vec![f("1459.62", 13), f("1302.62", 13), None],
                columns_inferred: false,
            },
        ],
        empty_note: None,
        issues: vec![],
    };
    let mut d = doc(&[]);
    d.tables.push(t);
    let s = render::tables_text(&d);
    let lines: Vec<&str> = s.lines().collect();
    let row = lines
        .iter()
        .find(|l| l.contains("一般公共服务支出"))
        .expect("row");
    let tot = lines
        .iter()
        .find(|l| l.trim_start().starts_with("13"))
        .expect("total");
    // Figures of one column end at the same display column.
    use unicode_width::UnicodeWidthStr;
    let end = |l: &str, pat: &str| {
        l.find(pat)
            .map(|i| UnicodeWidthStr::width(&l[..i]) + pat.len())
    };
    assert_eq!(end(row, "1302.62"), end(tot, "1302.62"), "\n{s}");
    assert!(s.contains("表三 部门支出总体情况表"), "{s}");
}

#[test]
fn long_related_lists_are_cut_in_text() {
    let mut f = finding(Severity::Error);
    f.related_lines = (100..130).collect();
    let s = render::text(&[report(vec![f])], Lang::Zh);
    assert!(s.contains("= 相关行：100, 101,"), "{s}");
    assert!(s.contains("111, …（共 30 行）"), "{s}");
    assert!(!s.contains("112"), "{s}");
}
