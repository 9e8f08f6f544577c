//! The reviewer's text rules (R1xx) on real samples: for each rule one defect planted in a
//! real document (a wrong year, a placeholder, an emptied reason, a flipped word, a renamed
//! class, a unit document calling itself 部门, a doubled stop, a copied purpose), the finding
//! asserted at the planted line with the planted word named in Chinese and in English, and
//! the unplanted original clean at that line.

use budgetlint::rules::Finding;
use std::path::Path;

fn sample(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read_to_string(p).expect("a sample")
}

const WANLI_2025: &str = "wanli-2025-dept-budget.layout.txt";
const WELFARE: &str = "shanghai/welfare-home-2024-unit-budget.layout.txt";
const SOCIAL_WORK_FINAL: &str = "shanghai/social-work-2024-dept-final.layout.txt";

fn check(text: &str) -> Vec<Finding> {
    let doc = budgetlint::extract_bytes("sample.txt", text.as_bytes()).expect("a disclosure");
    budgetlint::check_document(&doc)
}

#[path = "support/plant.rs"]
mod plant;
use plant::plant;

/// 1-based number of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    plant::line_of(text, needle, 0)
}

fn at<'a>(fs: &'a [Finding], rule: &str, line: usize) -> Vec<&'a Finding> {
    fs.iter()
        .filter(|f| f.rule == rule && (f.line == line || f.related_lines.contains(&line)))
        .collect()
}

/// The original is clean at `line` for `rule`; with `from` → `to` planted there, `rule` is
/// reported at that line and its message names `word` in both languages.
fn planted(file: &str, needle: &str, from: &str, to: &str, rule: &str, word: &str) {
    let text = sample(file);
    let line = line_of(&text, needle);
    let clean = check(&text);
    assert!(
        at(&clean, rule, line).is_empty(),
        "{rule} on the original at {line}: {:#?}",
        at(&clean, rule, line)
    );
    let fs = check(&plant(&text, line, from, to));
    let hit = at(&fs, rule, line);
    assert_eq!(
        hit.len(),
        1,
        "{rule} at {line} after planting {to}: {fs:#?}"
    );
    let m = &hit[0].message;
    assert!(
        m.zh.contains(word),
        "zh message does not name {word}: {}",
        m.zh
    );
    assert!(
        m.en.contains(word),
        "en message does not name {word}: {}",
        m.en
    );
}

#[test]
fn r101_a_comparison_with_the_documents_own_year() {
    // A 2025 budget compared "比2025年预算": the prior year must be 2024.
    planted(
        WANLI_2025,
        "支出预算18,976.76万元，其中：财政拨款支出",
        "比2024年预算增加3,355.65",
        "比2025年预算增加3,355.65",
        "R101",
        "2025",
    );
}

#[test]
fn r102_an_alternative_the_template_offers_left_unresolved() {
    planted(
        WANLI_2025,
        "财政拨款收入支出增加的主要原因",
        "收入支出增加的",
        "收入支出增加（减少）的",
        "R102",
        "增加（减少）",
    );
}

#[test]
fn r102_a_placeholder_for_the_department_name() {
    planted(
        WANLI_2025,
        "部门预算是包括万里街道本部",
        "上海市普陀区人民政府万里街道办事处",
        "上海市普陀区XX街道办事处",
        "R102",
        "XX",
    );
}

#[test]
fn r103_a_reason_emptied() {
    planted(
        WANLI_2025,
        "财政拨款收入支出增加的主要原因",
        "主要原因是项目调整。",
        "主要原因是。",
        "R103",
        "主要原因是",
    );
}

#[test]
fn r104_a_reason_whose_word_goes_against_the_fall() {
    // 公务用车购置费 15万元, 10万元 less than the year before, "because funds rose".
    planted(
        WANLI_2025,
        "其中：公务用车购置费15万元",
        "主要原因是购置车辆类型不同",
        "主要原因是购置经费增加",
        "R104",
        "经费增加",
    );
}

#[test]
fn r105_a_class_called_by_its_pre_2018_name() {
    planted(
        WANLI_2025,
        "行政事业单位医疗（款）行政单位医疗（项）",
        "卫生健康支出（类）",
        "医疗卫生与计划生育支出（类）",
        "R105",
        "医疗卫生与计划生育支出",
    );
}

#[test]
fn r106_a_unit_budget_calling_itself_a_department_budget() {
    planted(
        WELFARE,
        "年单位预算安排购置车辆",
        "年单位预算安排",
        "年部门预算安排",
        "R106",
        "部门预算",
    );
}

#[test]
fn r107_a_doubled_full_stop() {
    planted(
        WANLI_2025,
        "部门预算是包括万里街道本部",
        "综合收支计划。",
        "综合收支计划。。",
        "R107",
        "。。",
    );
}

#[test]
fn r108_a_purpose_copied_from_another_item() {
    // 城乡社区环境卫生 said to be "主要用于城管执法", the purpose of item 26.
    planted(
        WANLI_2025,
        "城乡社区环境卫生（项）”科目",
        "主要用于城乡社区环境卫生。",
        "主要用于城管执法。",
        "R108",
        "城管执法",
    );
}

#[test]
fn r108_the_real_copied_purpose_of_a_final() {
    // The sample's own defect: 住房公积金 described as 事业单位医疗保险支出.
    let text = sample(SOCIAL_WORK_FINAL);
    let fs = check(&text);
    let r108: Vec<_> = fs.iter().filter(|f| f.rule == "R108").collect();
    assert_eq!(r108.len(), 1, "{r108:#?}");
    // The purpose is printed at the finding's line, the item it belongs to two lines above.
    let l = r108[0].line;
    assert!(text
        .lines()
        .nth(l - 1)
        .is_some_and(|x| x.contains("事业单位医疗保险支出")));
    assert!(text
        .lines()
        .nth(l - 3)
        .is_some_and(|x| x.contains("住房公积金")));
}

#[test]
fn r100_the_template_is_one_finding_and_a_filled_document_none() {
    let template = sample("shanghai/final-template-2024.layout.txt");
    let fs = check(&template);
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0].rule, "R100");
    for file in [WANLI_2025, WELFARE, SOCIAL_WORK_FINAL] {
        assert!(
            check(&sample(file)).iter().all(|f| f.rule != "R100"),
            "{file}"
        );
    }
}

#[test]
fn r100_a_filled_document_with_its_narrative_figures_blanked_is_not_a_template() {
    // A document whose narrative amounts were replaced by XX but whose tables carry figures
    // is not an unfilled template: its placeholders are R102 findings, and the rest is read.
    let text = sample(WANLI_2025);
    let line = line_of(&text, "部门预算是包括万里街道本部");
    let fs = check(&plant(&text, line, "5 家", "XX 家"));
    assert!(fs.iter().all(|f| f.rule != "R100"));
    assert_eq!(at(&fs, "R102", line).len(), 1);
}

#[test]
fn r109_a_heading_naming_another_department() {
    planted(
        "shanghai/finance-2024-dept-final.layout.txt",
        "2024年度部门决算情况",
        "上海市普陀区财政局",
        "上海市普陀区民政局",
        "R109",
        "上海市普陀区民政局",
    );
}

#[test]
fn r105_the_real_obsolete_class_name_of_a_unit_budget() {
    // The welfare home's narrative calls 210 by its pre-2018 name; its 支出 table prints
    // 卫生健康支出 (the finding points there too).
    let text = sample(WELFARE);
    let line = line_of(&text, "“医疗卫生与计划生育支出（类）");
    let fs = check(&text);
    let hit = at(&fs, "R105", line);
    assert_eq!(hit.len(), 1, "{fs:#?}");
    let row = hit[0].related_lines.first().copied().unwrap_or(0);
    assert!(text
        .lines()
        .nth(row.saturating_sub(1))
        .is_some_and(|l| l.contains("210") && l.contains("卫生健康支出")));
}

#[test]
fn r110_the_state_capital_note_copied_from_the_fund_table() {
    planted(
        WANLI_2025,
        "无国有资本经营预算财政拨款安排的预算，故本表为空表",
        "无国有资本经营预算",
        "无政府性基金预算",
        "R110",
        "政府性基金",
    );
}

#[test]
fn r111_a_table_the_contents_list_and_the_body_lacks() {
    // The 目录 lists the 国有资本经营 table; its title printed otherwise in the body.
    let text = sample(WANLI_2025);
    let toc = line_of(&text, "7．2025年部门国有资本经营预算支出功能分类预算表");
    assert!(at(&check(&text), "R111", toc).is_empty());
    let title = text
        .lines()
        .enumerate()
        .skip(toc)
        .find(|(_, l)| l.contains("国有资本经营预算支出功能分类预算表"))
        .map(|(i, _)| i + 1)
        .expect("the body title");
    let fs = check(&plant(&text, title, "国有资本经营预算", "国资预算"));
    let hit = at(&fs, "R111", toc);
    assert_eq!(hit.len(), 1, "{fs:#?}");
    assert!(hit[0]
        .message
        .en
        .contains("国有资本经营预算支出功能分类预算表"));
}

#[test]
fn r112_a_table_whose_unit_line_was_dropped() {
    let text = sample(WANLI_2025);
    let title = line_of(&text, "2025年部门一般公共预算支出功能分类预算表");
    let title = text
        .lines()
        .enumerate()
        .skip(title)
        .find(|(_, l)| l.trim() == "2025年部门一般公共预算支出功能分类预算表")
        .map(|(i, _)| i + 1)
        .expect("the body title");
    assert!(at(&check(&text), "R112", title).is_empty());
    let fs = check(&plant(&text, title + 1, "单位：元", ""));
    let hit = at(&fs, "R112", title);
    assert_eq!(hit.len(), 1, "{fs:#?}");
}
