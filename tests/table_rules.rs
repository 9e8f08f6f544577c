//! Each table rule catches one wrong figure (or code, or name) planted in a real sample, at
//! the planted line, with expected and actual. The sample is 004 (one printed row per line).

use budgetlint::rules::Finding;
use std::path::PathBuf;

fn sample() -> Vec<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("004_68abc374c9e05f07.txt");
    std::fs::read_to_string(p)
        .unwrap()
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// Replace `from` by `to` on line `line` (1-based) and check the result.
fn planted(line: usize, from: &str, to: &str) -> Vec<Finding> {
    let mut lines = sample();
    let l = &mut lines[line - 1];
    assert!(l.contains(from), "line {line}: {l:?} has no {from:?}");
    *l = l.replacen(from, to, 1);
    let text = lines.join("\n");
    let doc = budgetlint::extract_bytes("planted.txt", text.as_bytes()).unwrap();
    budgetlint::check_document(&doc)
}

fn one<'a>(fs: &'a [Finding], rule: &str, line: usize) -> &'a Finding {
    fs.iter()
        .find(|f| f.rule == rule && f.line == line)
        .unwrap_or_else(|| {
            panic!(
                "no {rule} at line {line}: {:#?}",
                fs.iter()
                    .map(|f| (&f.rule, f.line, &f.message.zh))
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn sample_is_clean() {
    let text = sample().join("\n");
    let doc = budgetlint::extract_bytes("clean.txt", text.as_bytes()).unwrap();
    assert!(budgetlint::check_document(&doc).is_empty());
}

#[test]
fn t101_class_not_sum_of_its_items() {
    // 表3 "201 一般公共服务支出 984.62 870.54 114.08": the class total and its 基本支出 both
    // raised by 10, so the row still adds up but its 款 201 03 (984.62) no longer does.
    let fs = planted(167, "984.62\t870.54", "994.62\t880.54");
    let f = one(&fs, "T101", 167);
    assert_eq!(
        (
            f.expected.as_deref(),
            f.actual.as_deref(),
            f.difference.as_deref()
        ),
        (Some("984.62"), Some("994.62"), Some("10.00"))
    );
    assert_eq!(f.related_lines, vec![168]);
    assert_eq!(f.table.as_deref(), Some("表3"));
}

#[test]
fn t102_duplicate_row() {
    let mut lines = sample();
    let row = lines[176].clone();
    assert!(row.starts_with("210\t11\t01"));
    lines.insert(177, row);
    let doc = budgetlint::extract_bytes("dup.txt", lines.join("\n").as_bytes()).unwrap();
    let fs = budgetlint::check_document(&doc);
    let f = one(&fs, "T102", 178);
    assert_eq!(f.related_lines, vec![177]);
}

#[test]
fn t103_row_outside_every_subtotal() {
    // 表3 "221 02 01 住房公积金" recoded to 221 05 01: there is no 221 05 row.
    let fs = planted(181, "221\t02\t01", "221\t05\t01");
    let f = one(&fs, "T103", 181);
    assert!(f.message.zh.contains("221 05"), "{}", f.message.zh);
}

#[test]
fn t104_class_with_another_class_name() {
    let fs = planted(171, "社会保障和就业支出", "卫生健康支出");
    let f = one(&fs, "T104", 171);
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("社会保障和就业支出"), Some("卫生健康支出"))
    );
}

#[test]
fn t105_income_group_not_sum_of_its_items() {
    let fs = planted(91, "1247.22", "1257.22");
    let f = one(&fs, "T105", 91);
    assert_eq!(
        (
            f.expected.as_deref(),
            f.actual.as_deref(),
            f.difference.as_deref()
        ),
        (Some("1247.22"), Some("1257.22"), Some("10.00"))
    );
}

#[test]
fn t106_project_table_and_performance_table_disagree() {
    // 绩效目标表 单位运转项目 年度预算总额 114.08 → 115.08; 表7 keeps 114.08.
    let fs = planted(551, "年度预算总额：\t114.08", "年度预算总额：\t115.08");
    let f = fs.iter().find(|f| f.rule == "T106").expect("T106");
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("115.08"), Some("114.08"))
    );
    assert_eq!(f.line, 300);
    assert!(f.related_lines.contains(&551));
    // The table's 114.08 is the one its subtotals agree with.
    assert!(f.message.zh.contains("可能有误"), "{}", f.message.zh);
}
