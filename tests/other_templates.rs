//! Narrative forms of other provinces' templates, planted in real samples: Shanghai's
//! class/款/项-path sentences against tables printed in 元, the "执行数为X…预算安排Y…增加Z%"
//! form, code-addressed amounts "（210类）…（11款）…（01项）", and a paragraph stating two
//! amounts for one item.

use budgetlint::rules::Finding;
use std::path::PathBuf;

fn text(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

fn check(t: &str) -> Vec<Finding> {
    let doc = budgetlint::extract_bytes("planted.txt", t.as_bytes()).unwrap();
    budgetlint::check_document(&doc)
}

fn line_of(t: &str, needle: &str) -> usize {
    t.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn shanghai_path_sentence_against_a_table_in_yuan() {
    let t = text("wanli-2025-dept-budget.layout.txt");
    let clean: Vec<Finding> = check(&t).into_iter().filter(|f| f.rule == "N120").collect();
    assert!(clean.is_empty(), "{clean:?}");
    // 表 prints 438,300 元 = 43.83 万元; the sentence now says 53.83 万元.
    let sentence = "专项普查活动（项）”科目43.83万元";
    let planted = t.replacen(sentence, "专项普查活动（项）”科目53.83万元", 1);
    let line = line_of(&planted, "科目53.83万元");
    let fs = check(&planted);
    let f = fs
        .iter()
        .find(|f| f.rule == "N120" && f.line == line)
        .expect("N120 at the planted line");
    assert_eq!(f.actual.as_deref(), Some("53.83"));
    assert!(
        f.expected.as_deref().unwrap().starts_with("43.83"),
        "{:?}",
        f.expected
    );
}

#[test]
fn budget_and_execution_form_rate_and_direction() {
    let base = text("004_68abc374c9e05f07.txt");
    let add = |s: &str| format!("{base}\n{s}\n");
    let ok = add("其他事项：2023年当年预算执行数为100.00万元，2024年预算安排110.00万元，比2023年预算执行数增加10.00%。");
    assert!(!check(&ok)
        .iter()
        .any(|f| f.rule == "N101" || f.rule == "N102"));
    let wrong_rate = add("其他事项：2023年当年预算执行数为100.00万元，2024年预算安排110.00万元，比2023年预算执行数增加12.00%。");
    let line = line_of(&wrong_rate, "增加12.00%");
    let fs = check(&wrong_rate);
    let f = fs.iter().find(|f| f.rule == "N101").expect("N101");
    assert_eq!((f.line, f.actual.as_deref()), (line, Some("12.00")));
    assert!(
        f.expected.as_deref().unwrap().starts_with("10.0"),
        "{:?}",
        f.expected
    );
    let wrong_word = add("其他事项：2023年当年预算执行数为100.00万元，2024年预算安排90.00万元，比2023年预算执行数增加10.00%。");
    assert!(check(&wrong_word)
        .iter()
        .any(|f| f.rule == "N102" || f.rule == "N101"));
}

#[test]
fn code_addressed_amount_and_class_name() {
    let base = text("004_68abc374c9e05f07.txt");
    // 表5 210 11 01 行政单位医疗 is 30.30.
    let right = format!("{base}\n卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）30.30万元，主要用于行政单位医疗。\n");
    assert!(
        !check(&right).iter().any(|f| f.rule == "N120"),
        "{:?}",
        check(&right)
            .iter()
            .filter(|f| f.rule == "N120")
            .collect::<Vec<_>>()
    );
    let wrong = format!("{base}\n卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）40.30万元，主要用于行政单位医疗。\n");
    let line = line_of(&wrong, "40.30万元");
    let fs = check(&wrong);
    let f = fs
        .iter()
        .find(|f| f.rule == "N120" && f.line == line)
        .expect("N120");
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("30.30"), Some("40.30"))
    );
}

#[test]
fn one_paragraph_two_amounts_for_one_item() {
    let base = text("004_68abc374c9e05f07.txt");
    let t = format!("{base}\n其他说明：基本支出1133.14万元，主要用于人员和公用经费；基本支出1143.14万元，保障机构运转。\n");
    let line = line_of(&t, "基本支出1143.14万元");
    let fs = check(&t);
    assert!(
        fs.iter()
            .any(|f| f.rule == "N110" && (f.line == line || f.related_lines.contains(&line))),
        "{:?}",
        fs.iter()
            .filter(|f| f.rule.starts_with('N'))
            .map(|f| (&f.rule, f.line, &f.message.zh))
            .collect::<Vec<_>>()
    );
}
