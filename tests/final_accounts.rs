//! 决算 (final accounts) end to end: one wrong figure (or word) planted in a real 决算 —
//! `fixtures/shanghai/finance-2024-dept-final.layout.txt` — for each 决算 identity and
//! narrative form, and the finding asserted at the planted line; a change within rounding
//! that must not fire; and the identities of the other kind kept apart.
//!
//! A planted figure keeps its width so that the table's columns stay where they were.

use budgetlint::rules::{Finding, Severity};
use std::path::Path;

fn base() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/shanghai/finance-2024-dept-final.layout.txt");
    std::fs::read_to_string(p).expect("the 决算 sample")
}

fn check(text: &str) -> Vec<Finding> {
    let doc = budgetlint::extract_bytes("final.txt", text.as_bytes()).expect("a disclosure");
    assert_eq!(doc.info.kind, budgetlint::model::DocKind::Final);
    budgetlint::check_document(&doc)
}

/// 1-based number of the first line containing `needle` at or after line `after`.
fn line_of(text: &str, needle: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line with {needle}"))
}

/// Replace the `nth` (0-based) occurrence of `from` on line `line` by `to`.
fn plant(text: &str, line: usize, from: &str, to: &str, nth: usize) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    let (at, _) = l
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("line {line} has no {from} #{nth}: {l}"));
    l.replace_range(at..at + from.len(), to);
    lines.join("\n")
}

fn touches(f: &Finding, line: usize) -> bool {
    f.line == line || f.related_lines.contains(&line)
}

/// The errors of `rule` that touch `line`.
fn errors_at<'a>(fs: &'a [Finding], rule: &str, line: usize) -> Vec<&'a Finding> {
    fs.iter()
        .filter(|f| f.rule == rule && f.severity == Severity::Error && touches(f, line))
        .collect()
}

fn alarms(fs: &[Finding]) -> Vec<(String, usize)> {
    fs.iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| (f.rule.clone(), f.line))
        .collect()
}

/// Plant, check, and assert an error of `rule` at the planted line.
fn planted(needle: &str, after: usize, from: &str, to: &str, nth: usize, rule: &str) -> Finding {
    let text = base();
    let line = line_of(&text, needle, after);
    let fs = check(&plant(&text, line, from, to, nth));
    errors_at(&fs, rule, line)
        .first()
        .map(|f| (*f).clone())
        .unwrap_or_else(|| panic!("no {rule} at line {line}: {:#?}", alarms(&fs)))
}

#[test]
fn the_sample_s_own_findings_are_its_reviewed_defects() {
    // The base: what the human review lists (tests/samples_reviewed.rs holds the detail).
    let fs = check(&base());
    let rules: std::collections::BTreeSet<&str> = fs
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        ["N120", "N121", "N125", "N130"],
        "{:#?}",
        alarms(&fs)
    );
}

// --- 收入支出决算总表 -------------------------------------------------------------------

#[test]
fn x142_year_income_is_the_sum_of_its_sources() {
    planted(
        "本年收入合计     2,946.25",
        130,
        "2,946.25",
        "2,947.25",
        0,
        "X142",
    );
}

#[test]
fn x143_income_total_adds_the_carry_over() {
    planted(
        "年初结转和结余              49.14",
        130,
        "49.14",
        "48.14",
        0,
        "X143",
    );
}

#[test]
fn x144_year_expense_is_the_sum_of_the_classes() {
    planted(
        "本年支出合计        2,940.05",
        130,
        "2,940.05",
        "2,941.05",
        0,
        "X144",
    );
}

#[test]
fn x145_expense_total_adds_carry_forward_and_distribution() {
    planted("年末结转和结余     55.34", 130, "55.34", "56.34", 0, "X145");
}

#[test]
fn x244_general_budget_income_in_both_summaries() {
    planted(
        "一、一般公共预算财政拨款收入      2,940.05",
        130,
        "2,940.05",
        "2,941.05",
        0,
        "X244",
    );
}

// --- 收入决算表 / 支出决算表 -----------------------------------------------------------

#[test]
fn x141_an_expense_row_is_the_sum_of_its_columns() {
    planted(
        "208   05        行政事业单位养老支出       326.72",
        204,
        "326.72",
        "327.72",
        0,
        "X141",
    );
}

#[test]
fn x242_year_expense_equals_the_expense_table_total() {
    // The expense table's 合计 prints its 本年支出合计 on a line of its own, above "合计".
    let text = base();
    let total = line_of(&text, "2,940.05", 204);
    let text = plant(&text, total, "2,940.05", "2,941.05", 0);
    let fs = check(&text);
    assert!(
        !errors_at(&fs, "X242", total).is_empty(),
        "{:#?}",
        alarms(&fs)
    );
}

// --- 财政拨款收入支出决算总表 ------------------------------------------------------------

#[test]
fn x147_fiscal_total_adds_the_carry_forward() {
    planted(
        "年末财政拨款结转和结余     21.63",
        250,
        "21.63",
        "22.63",
        1,
        "X147",
    );
}

#[test]
fn x148_fiscal_income_total_adds_the_carry_over() {
    planted(
        "年初财政拨款结转和结余     21.63",
        250,
        "21.63",
        "22.63",
        0,
        "X148",
    );
}

#[test]
fn x146_fiscal_year_expense_is_the_sum_of_the_classes() {
    // 本年支出合计's figures sit on the line above its label; the last is the 一般公共预算 one.
    let text = base();
    let line = line_of(&text, "本年支出合计                  2,940.05", 250);
    let fs = check(&plant(&text, line, "2,940.05", "2,941.05", 0));
    assert!(
        !errors_at(&fs, "X146", line).is_empty(),
        "{:#?}",
        alarms(&fs)
    );
}

#[test]
fn x149_fiscal_year_income_is_the_sum_of_the_funds() {
    let text = base();
    let label = line_of(&text, "本年收入合计                    本年支出合计", 250);
    let line = label - 1;
    let fs = check(&plant(&text, line, "2,940.05", "2,941.05", 0));
    assert!(
        !errors_at(&fs, "X149", line).is_empty(),
        "{:#?}",
        alarms(&fs)
    );
}

// --- 一般公共预算财政拨款支出决算表 / 基本支出决算表 ---------------------------------------

#[test]
fn x243_general_expense_total_equals_the_fiscal_summary() {
    planted(
        "合计                2,940.05",
        304,
        "2,940.05",
        "2,941.05",
        0,
        "X243",
    );
}

#[test]
fn x245_basic_expense_is_personnel_plus_public_use() {
    planted(
        "合计                2,940.05",
        304,
        "2,336.91",
        "2,337.91",
        0,
        "X245",
    );
}

#[test]
fn x154_personnel_total_is_the_sum_of_its_classes() {
    planted("2,152.26", 470, "2,152.26", "2,153.26", 0, "X154");
}

#[test]
fn x155_public_use_total_is_the_sum_of_its_classes() {
    planted("2,152.26", 470, "184.65", "185.65", 0, "X155");
}

// --- Fund tables (empty in both 决算 samples: a small document written for the test) ------

fn funds() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/patterns/final-fund-tables.layout.txt");
    std::fs::read_to_string(p).expect("fund tables")
}

fn fund_planted(needle: &str, nth_line: usize, from: &str, to: &str, nth: usize, rule: &str) {
    let text = funds();
    let mut line = 0;
    for _ in 0..=nth_line {
        line = line_of(&text, needle, line + 1);
    }
    let fs = check(&plant(&text, line, from, to, nth));
    assert!(
        !errors_at(&fs, rule, line).is_empty(),
        "{rule} at {line}: {:#?}",
        alarms(&fs)
    );
}

#[test]
fn the_fund_tables_are_consistent() {
    let fs = check(&funds());
    let x: Vec<_> = fs
        .iter()
        .filter(|f| f.rule.starts_with('X') && f.severity >= Severity::Warning)
        .collect();
    assert!(x.is_empty(), "{x:#?}");
}

#[test]
fn x150_gov_fund_carry_forward() {
    // 10.00 + 50.00 − 45.00 = 15.00.
    fund_planted("合计", 0, "15.00", "16.00", 0, "X150");
}

#[test]
fn x151_state_capital_carry_forward() {
    // 2.00 + 8.00 − 7.50 = 2.50.
    fund_planted("合计", 1, "2.50", "3.50", 0, "X151");
}

#[test]
fn x152_gov_fund_expense_is_basic_plus_project() {
    fund_planted("彩票公益金安排的支出", 0, "5.00", "6.00", 0, "X152");
}

#[test]
fn x153_state_capital_expense_is_basic_plus_project() {
    // The row's second 7.50 is its 项目支出.
    fund_planted("国有资本经营预算支出", 0, "7.50", "8.50", 1, "X153");
}

// --- Rounding ----------------------------------------------------------------------------

#[test]
fn a_difference_within_the_rounding_of_the_parts_does_not_fire() {
    // 行政运行 1,511.89 = 1,503.52 + 8.37 in 一般公共预算财政拨款支出决算表; printed at two
    // decimals, 1,511.90 is within the half-units of the three figures (0.015).
    let text = base();
    let line = line_of(&text, "201     06   01   行政运行", 304);
    let fs = check(&plant(&text, line, "1,511.89", "1,511.90", 0));
    let at_line: Vec<_> = fs
        .iter()
        .filter(|f| f.line == line && f.severity >= Severity::Warning && f.rule.starts_with('X'))
        .collect();
    assert!(at_line.is_empty(), "{at_line:#?}");
    // One cent more is outside it.
    let fs = check(&plant(&text, line, "1,511.89", "1,511.91", 0));
    assert!(
        fs.iter()
            .any(|f| f.line == line && f.rule.starts_with('X') && f.severity == Severity::Error),
        "{:#?}",
        alarms(&fs)
    );
}

// --- Narrative forms ---------------------------------------------------------------------

#[test]
fn completion_rate_against_outturn_and_budget() {
    // 2940.05 / 2993.92 = 98.20%.
    let f = planted("成年初预算的98.20%", 570, "98.20", "98.02", 0, "N130");
    assert_eq!(f.expected.as_deref(), Some("98.20"));
}

#[test]
fn completion_word_against_the_figures() {
    // 1511.89 < 1560.05: "小于" is right, "大于" is not.
    let text = base();
    let line = line_of(&text, "元。 决算数小于预算数的主要原因：人员进出", 570);
    let fs = check(&plant(&text, line, "小于", "大于", 0));
    assert!(
        !errors_at(&fs, "N130", line).is_empty(),
        "{:#?}",
        alarms(&fs)
    );
}

#[test]
fn a_three_public_item_without_budget_has_no_completion_rate() {
    // 公务接待费's 预算数 is 0.95 in the 三公 table: 0.00 / 0.95 = 0% holds; the other items'
    // are empty (the sample's reviewed defect). A rate of 5% for 公务接待费 is wrong.
    let text = base();
    let line = line_of(
        &text,
        "维护费支出决算为0.00万元，完成预算的0%；公务接待费",
        630,
    );
    let next = line + 1;
    let fs = check(&plant(&text, next, "预算的0%", "预算的5%", 0));
    assert!(
        !errors_at(&fs, "N130", next).is_empty(),
        "{:#?}",
        alarms(&fs)
    );
}

#[test]
fn year_on_year_change_on_final_figures() {
    // 收入支出总计 2995.39, 减少56.95 → prior 3052.34, 1.87%.
    planted(
        "支出总计减少56.95万元，下降1.87%",
        525,
        "1.87",
        "1.78",
        0,
        "N101",
    );
}

#[test]
fn shares_of_year_income_and_year_expense() {
    // 6.2 / 2946.25 = 0.21% of 本年收入合计 (not of 总计 2995.39).
    planted("收入6.2万元，占0.21%", 530, "0.21", "0.31", 0, "N111");
    // 603.14 / 2940.05 = 20.51% of 本年支出合计.
    planted("603.14万元，占20.51%", 530, "20.51", "21.51", 0, "N111");
}

#[test]
fn totals_of_the_narrative_against_the_total_rows() {
    // 收入支出总计 = 收入支出决算总表 总计 2995.39.
    planted(
        "年度收入支出总计2995.39万元",
        525,
        "2995.39",
        "2995.93",
        0,
        "N120",
    );
}

#[test]
fn basic_expense_groups_against_the_basic_table() {
    planted(
        "其中：人员经费2152.26万元",
        620,
        "2152.26",
        "2152.62",
        0,
        "N120",
    );
}

#[test]
fn a_named_item_without_expenditure() {
    // 公用经费's list: naming 邮电费 is right (21.21 → 302 07 has a figure); 取暖费 (302 08)
    // has none in the table.
    let text = base();
    let line = line_of(&text, "费、邮电费、差旅费", 620);
    let fs = check(&plant(&text, line, "邮电费", "取暖费", 0));
    assert!(
        !errors_at(&fs, "N125", line).is_empty(),
        "{:#?}",
        alarms(&fs)
    );
}

#[test]
fn procurement_parts_and_sme_wins() {
    // 货物 4.79 + 工程 0 + 服务 246.47 = 251.26 ≈ 251.25; 服务 247.47 is not.
    planted(
        "中：货物采购金额4.79万元",
        680,
        "246.47",
        "247.47",
        0,
        "N109",
    );
}

// --- Kinds kept apart --------------------------------------------------------------------

#[test]
fn no_budget_only_identity_runs_on_a_final_account() {
    let cat = budgetlint::rules::builtin_catalogue().expect("catalogue");
    let budget_only: Vec<&str> = cat
        .entries
        .values()
        .filter(|e| {
            e.when
                .as_deref()
                .is_some_and(|w| w.contains("document.kind == budget"))
        })
        .map(|e| e.id.as_str())
        .collect();
    assert!(budget_only.len() >= 10, "{budget_only:?}");
    let fs = check(&base());
    let ran: Vec<&Finding> = fs
        .iter()
        .filter(|f| budget_only.contains(&f.rule.as_str()))
        .collect();
    assert!(ran.is_empty(), "{ran:#?}");
}

#[test]
fn no_final_only_identity_runs_on_a_budget() {
    let cat = budgetlint::rules::builtin_catalogue().expect("catalogue");
    let final_only: Vec<&str> = cat
        .entries
        .values()
        .filter(|e| {
            e.when
                .as_deref()
                .is_some_and(|w| w.contains("document.kind == final"))
        })
        .map(|e| e.id.as_str())
        .collect();
    assert!(final_only.len() >= 15, "{final_only:?}");
    for name in [
        "fixtures/shanghai/wanli-2024-dept-budget.layout.txt",
        "fixtures/shanghai/commerce-2025-unit-budget.layout.txt",
        "fixtures/001_21f1af62e491819b.txt",
    ] {
        let doc = budgetlint::extract(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
            .expect("a budget");
        assert_eq!(doc.info.kind, budgetlint::model::DocKind::Budget, "{name}");
        let fs = budgetlint::check_document(&doc);
        let ran: Vec<&Finding> = fs
            .iter()
            .filter(|f| final_only.contains(&f.rule.as_str()))
            .collect();
        assert!(ran.is_empty(), "{name}: {ran:#?}");
    }
}
