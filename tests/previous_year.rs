//! `--previous`: a document's restated prior figures against last year's document — the
//! Wanli 2025 budget against its 2024 budget (every restated prior compared; a figure
//! planted in 2024 reported at the 2025 claim with both lines), each claim form on small
//! documents written for the test, the pair checks and `--pair-years`.

use budgetlint::model::Document;
use budgetlint::rules::previous;
use budgetlint::rules::Finding;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn doc(name: &str, text: &str) -> Document {
    budgetlint::extract_bytes(name, text.as_bytes()).expect("a disclosure")
}

const W2024: &str = "shanghai/wanli-2024-dept-budget.layout.txt";
const W2025: &str = "wanli-2025-dept-budget.layout.txt";

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).expect("a sample")
}

fn p101(c: &previous::Comparison) -> Vec<&Finding> {
    c.findings.iter().filter(|f| f.rule == "P101").collect()
}

#[test]
fn wanli_2025_restates_the_2024_budget_as_published() {
    let this = doc("2025.txt", &read(W2025));
    let last = doc("2024.txt", &read(W2024));
    previous::check_pair(&this, &last).expect("a pair");
    let c = previous::compare(&this, &last, "2024.txt");
    // 收入/财政拨款收入, 财政拨款支出, 一般公共预算, 政府性基金, 国有资本经营, 三公 and its
    // four items (公务接待费 restated after a full stop): every restated prior the 2024
    // document publishes.
    let lines: Vec<usize> = c.compared.iter().map(|x| x.line).collect();
    assert_eq!(
        lines,
        [73, 74, 75, 75, 76, 755, 756, 757, 758, 759, 760],
        "{:#?}",
        c.compared
    );
    assert!(c.compared.iter().all(|x| x.agrees), "{:#?}", c.compared);
    assert!(p101(&c).is_empty());
    let income = &c.compared[0];
    assert_eq!(income.implied, "15621.11");
}

#[test]
fn a_figure_changed_in_last_years_document_is_reported_at_this_years_claim() {
    let this = doc("2025.txt", &read(W2025));
    let text = read(W2024);
    let row = text
        .lines()
        .position(|l| l.trim_start().starts_with("47.91"))
        .expect("the 2024 三公 row")
        + 1;
    let planted: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == row {
                l.replacen("47.91", "48.91", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    let last = doc("2024.txt", &planted.join("\n"));
    let c = previous::compare(&this, &last, "2024.txt");
    let f = p101(&c);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 755, "the 2025 三公 sentence");
    let p = f[0].previous.as_ref().expect("last year's line");
    assert_eq!((p.line, p.value.as_str()), (row, "48.91"));
    assert!(p.text.contains("48.91"));
    assert!(f[0].message.zh.contains("47.91") && f[0].message.zh.contains("48.91"));
}

const THIS: &str = "某局\n2025年部门预算\n\n2025年部门预算编制说明\n\n一、收入支出预算总体情况\n  2025年收入预算130.50万元，比2024年预算增加10.00万元。\n  2025年支出预算130.50万元，上年预算数为120.50万元。\n  “三公”经费预算数为5.00万元，比2024年预算持平。\n  机关运行经费预算为20.00万元，比2024年预算减少2.00万元。\n  2024年当年预算执行数为118.00万元，2025年预算安排130.50万元，比2024年执行数增加10.59%。\n";

const LAST: &str = "某局\n2024年部门预算\n\n2024年部门预算编制说明\n\n一、收入支出预算总体情况\n  2024年收入预算120.50万元，比2023年预算增加10.00万元。\n  2024年支出预算120.50万元，比2023年预算增加10.00万元。\n  “三公”经费预算数为5.00万元，比2023年预算持平。\n  机关运行经费预算为22.00万元，比2023年预算减少2.00万元。\n";

/// THIS against LAST with `from` → `to` planted in LAST: the P101 lines.
fn planted_last(from: &str, to: &str) -> (previous::Comparison, Vec<usize>) {
    let last = LAST.replacen(from, to, 1);
    assert_ne!(last, LAST, "{from} not in LAST");
    let c = previous::compare(&doc("this.txt", THIS), &doc("last.txt", &last), "last.txt");
    let lines = p101(&c).iter().map(|f| f.line).collect();
    (c, lines)
}

#[test]
fn every_form_agrees_with_an_unchanged_last_year() {
    let c = previous::compare(&doc("this.txt", THIS), &doc("last.txt", LAST), "last.txt");
    assert_eq!(c.compared.len(), 4, "{:#?}", c.compared);
    assert!(p101(&c).is_empty(), "{:#?}", c.findings);
}

#[test]
fn an_increase_implies_current_minus_the_change() {
    assert_eq!(
        planted_last("2024年收入预算120.50", "2024年收入预算121.50").1,
        [7]
    );
}

#[test]
fn a_decrease_implies_current_plus_the_change() {
    assert_eq!(
        planted_last("机关运行经费预算为22.00", "机关运行经费预算为23.00").1,
        [10]
    );
}

#[test]
fn unchanged_implies_the_current() {
    assert_eq!(
        planted_last("“三公”经费预算数为5.00", "“三公”经费预算数为6.00").1,
        [9]
    );
}

#[test]
fn a_stated_prior_is_compared_as_stated() {
    assert_eq!(
        planted_last("2024年支出预算120.50", "2024年支出预算121.50").1,
        [8]
    );
}

#[test]
fn an_execution_figure_is_not_comparable_and_never_a_mismatch() {
    // LAST states its 年初预算, not what was spent: the 执行数 claim is counted apart.
    let c = previous::compare(&doc("this.txt", THIS), &doc("last.txt", LAST), "last.txt");
    assert!(c
        .not_comparable
        .iter()
        .any(|(l, why)| *l == 11 && why.contains("执行")));
    assert!(p101(&c).iter().all(|f| f.line != 11));
    let p100 = c
        .findings
        .iter()
        .find(|f| f.rule == "P100")
        .expect("the count");
    assert!(p100.message.zh.contains("核对了 4 处") && p100.message.zh.contains("1 处无法核对"));
}

const FINAL_THIS: &str = "某局\n2024年度部门决算\n\n第三部分 某局2024年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n  2024年度收入总计130.50万元。与2023年度相比，收入总计增加10.50万元，主要原因是人员增加。\n  2024年度“三公”经费财政拨款支出决算为5.00万元，比2023年度决算减少1.00万元。\n";

const FINAL_LAST: &str = "某局\n2023年度部门决算\n\n第三部分 某局2023年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n  2023年度收入总计120.00万元。与2022年度相比，收入总计增加10.00万元，主要原因是人员增加。\n  2023年度“三公”经费财政拨款支出决算为6.00万元，比2022年度决算减少1.00万元。\n";

#[test]
fn a_final_against_last_years_final() {
    let this = doc("this.txt", FINAL_THIS);
    let last = doc("last.txt", FINAL_LAST);
    previous::check_pair(&this, &last).expect("a pair");
    let c = previous::compare(&this, &last, "last.txt");
    assert_eq!(c.compared.len(), 2, "{:#?}", c.compared);
    assert!(p101(&c).is_empty());
    let wrong = doc(
        "last.txt",
        &FINAL_LAST.replacen("收入总计120.00", "收入总计125.00", 1),
    );
    let c = previous::compare(&this, &wrong, "last.txt");
    let f = p101(&c);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 7);
}

#[test]
fn pairs_of_another_department_year_or_kind_are_refused() {
    let this = doc("this.txt", THIS);
    let other = doc("other.txt", &LAST.replace("某局", "某委员会"));
    assert!(previous::check_pair(&this, &other).is_err());
    assert!(previous::check_pair(&this, &doc("same.txt", THIS)).is_err());
    assert!(previous::check_pair(&doc("f.txt", FINAL_THIS), &doc("b.txt", LAST)).is_err());
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
}

#[test]
fn the_cli_refuses_a_mismatched_pair_with_exit_2() {
    let o = bin()
        .args(["check", "--no-config", "--previous"])
        .arg(fixture("shanghai/welfare-home-2024-unit-budget.layout.txt"))
        .arg(fixture(W2025))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("不是同一部门") && err.contains("welfare-home"),
        "{err}"
    );
}

#[test]
fn the_cli_quotes_last_years_line_under_this_years() {
    let dir = std::env::temp_dir().join(format!("budgetlint-prev-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let last = dir.join("last.txt");
    std::fs::write(
        &last,
        LAST.replacen("机关运行经费预算为22.00", "机关运行经费预算为23.00", 1),
    )
    .expect("write");
    let this = dir.join("this.txt");
    std::fs::write(&this, THIS).expect("write");
    let o = bin()
        .args(["check", "--no-config", "--color", "never", "--previous"])
        .arg(&last)
        .arg(&this)
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("warning[P101]"), "{out}");
    assert!(
        out.contains("上年文件") && out.contains("last.txt:10"),
        "{out}"
    );
    assert!(out.contains("机关运行经费预算为23.00万元"), "{out}");
    let o = bin()
        .args(["check", "--no-config", "--format", "json", "--previous"])
        .arg(&last)
        .arg(&this)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let f = v["files"][0]["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["rule"] == "P101"))
        .cloned()
        .expect("P101 in JSON");
    assert_eq!(f["previous"]["line"], 10);
    assert_eq!(f["previous"]["value"], "23.00");
    // The report, with its cross-document fields, is a report of the published schema.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report-v1.schema.json"),
        )
        .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pair_years_pairs_exactly_the_two_wanli_budgets() {
    let dir = std::env::temp_dir().join(format!("budgetlint-pairs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (rel, name) in [
        (W2024, "a-2024.txt"),
        (W2025, "b-2025.txt"),
        (
            "shanghai/welfare-home-2024-unit-budget.layout.txt",
            "c-welfare.txt",
        ),
    ] {
        std::fs::copy(fixture(rel), dir.join(name)).expect("copy");
    }
    let o = bin()
        .args(["check", "--no-config", "--format", "json", "--pair-years"])
        .arg(&dir)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    let pairs: Vec<&str> = err.lines().filter(|l| l.contains("配对")).collect();
    assert_eq!(pairs.len(), 1, "{err}");
    assert!(
        pairs[0].contains("b-2025.txt") && pairs[0].contains("a-2024.txt"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for f in v["files"].as_array().expect("files") {
        let has_p = f["findings"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x["rule"] == "P100"));
        let path = f["path"].as_str().unwrap_or("");
        assert_eq!(has_p, path.ends_with("b-2025.txt"), "{path}");
    }
    // The summary table names the pair.
    let o = bin()
        .args([
            "check",
            "--no-config",
            "-q",
            "--color",
            "never",
            "--pair-years",
        ])
        .arg(&dir)
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    let shown: Vec<&str> = out.lines().filter(|l| l.starts_with("对照：")).collect();
    assert_eq!(shown.len(), 1, "{out}");
    assert!(shown[0].contains("b-2025.txt ← 上年") && shown[0].ends_with("a-2024.txt"));
    let _ = std::fs::remove_dir_all(&dir);
}

const BUDGET_2024: &str = "某局\n2024年部门预算\n\n2024年部门一般公共预算支出功能分类预算表\n单位：万元\n功能分类科目编码   功能分类科目名称        合计      基本支出     项目支出\n合计                                     200.00       150.00        50.00\n201                一般公共服务支出       200.00       150.00        50.00\n  201 06           财政事务               200.00       150.00        50.00\n    201 06 01      行政运行               150.00       150.00         0.00\n    201 06 02      一般行政管理事务        50.00         0.00        50.00\n\n2024年部门预算编制说明\n  2024年收入预算200.00万元。\n";

const FINAL_2024: &str = "某局\n2024年度部门决算\n\n第三部分 某局2024年度部门决算情况说明\n\n（三）一般公共预算财政拨款支出决算具体情况\n  1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为150.00万元，支出决算为148.00万元，完成年初预算的98.67%。决算数小于预算数的主要原因是人员减少。\n  2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。年初预算为50.00万元，全年预算为60.00万元，支出决算为59.00万元，完成全年预算的98.33%。\n";

#[test]
fn a_finals_initial_budget_against_the_years_budget() {
    let this = doc("final.txt", FINAL_2024);
    let budget = doc("budget.txt", BUDGET_2024);
    previous::check_budget_pair(&this, &budget).expect("a pair");
    let c = previous::compare_budget(&this, &budget, "budget.txt");
    assert_eq!(c.compared.len(), 2, "{:#?}", c.compared);
    assert!(
        c.findings.iter().all(|f| f.rule != "P102"),
        "{:#?}",
        c.findings
    );
    // The budget's 行政运行 row changed: P102 at the 决算's 年初预算, quoting the budget row.
    let changed = BUDGET_2024.replacen(
        "行政运行               150.00",
        "行政运行               155.00",
        1,
    );
    let c = previous::compare_budget(&this, &doc("budget.txt", &changed), "budget.txt");
    let f: Vec<_> = c.findings.iter().filter(|f| f.rule == "P102").collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 7);
    let p = f[0].previous.as_ref().expect("the budget's line");
    assert!(p.budget && p.line == 10 && p.text.contains("155.00"));
    // A budget is not a 决算's budget of another year, nor a 决算.
    let other_year = doc("b.txt", &BUDGET_2024.replace("2024年", "2023年"));
    assert!(previous::check_budget_pair(&this, &other_year).is_err());
    assert!(previous::check_budget_pair(&budget, &this).is_err());
}

#[test]
fn pair_years_pairs_a_final_with_its_years_budget() {
    let dir = std::env::temp_dir().join(format!("budgetlint-fb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("budget.txt"), BUDGET_2024).expect("write");
    std::fs::write(dir.join("final.txt"), FINAL_2024).expect("write");
    let o = bin()
        .args(["check", "--no-config", "--pair-years"])
        .arg(&dir)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    let pairs: Vec<&str> = err.lines().filter(|l| l.contains("配对")).collect();
    assert_eq!(pairs.len(), 1, "{err}");
    assert!(
        pairs[0].contains("final.txt") && pairs[0].contains("同年预算"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_item_that_mentions_its_fund_is_not_the_funds_total() {
    // "…财政拨款的机关运行经费预算为464.64万元，比2024年预算增加21.46万元" says 443.18, what the
    // 2024 document states for 机关运行经费 — never the 2024 财政拨款 grand total.
    let text = read(W2025).replacen(
        "机关运行经费预算为464.64万元",
        "机关运行经费预算为464.64万元，比2024年预算增加21.46万元",
        1,
    );
    let this = doc("2025.txt", &text);
    let last = doc("2024.txt", &read(W2024));
    let c = previous::compare(&this, &last, "2024.txt");
    assert!(p101(&c).is_empty(), "{:#?}", p101(&c));
    let run = c.compared.iter().find(|x| x.line == 762).expect("compared");
    assert_eq!((run.last_line, run.last_value.as_str()), (805, "443.18"));
    // Wrong by 1.00: reported against 443.18.
    let wrong = text.replacen("增加21.46万元", "增加22.46万元", 1);
    let c = previous::compare(&doc("2025.txt", &wrong), &last, "2024.txt");
    let f = p101(&c);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].expected.as_deref(), Some("443.18"));
}
