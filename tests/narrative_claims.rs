//! Narrative claims (issue #4): parsing the real fixtures and checking them.

use budgetlint::model::{
    Code, Column, ColumnKey, Document, DocumentInfo, EconomicCode, Figure, FunctionCode, FundScope,
    Paragraph, Row, RowKind, Table, TableKind, Unit,
};
use budgetlint::narrative::{
    check_all, check_claims, coverage, paragraphs_from_lines, parse_claims, AmountRole, Claim,
    ClaimData, Direction, RULES,
};
use budgetlint::rules::{Finding, Severity};

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read_to_string(p).expect("fixture")
}

/// Paragraphs of the lines from the first line containing `from` (or the start) to the end.
fn paragraphs(text: &str, from: Option<&str>) -> Vec<Paragraph> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let start = from
        .and_then(|f| lines.iter().rposition(|(_, l)| l.contains(f)))
        .unwrap_or(0);
    paragraphs_from_lines(&lines[start..])
}

/// The organization part (第一部分) and the narrative (第三部分) of a fixture.
fn narrative(text: &str) -> Vec<Paragraph> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let third = lines
        .iter()
        .rposition(|(_, l)| l.contains("第三部分"))
        .unwrap_or(0);
    // 第一部分 (机构设置, 人员): from the line before the first "下设" to the next 第二部分.
    let org = lines
        .iter()
        .position(|(_, l)| l.contains("下设"))
        .unwrap_or(third)
        .saturating_sub(1);
    let second = lines
        .iter()
        .skip(org)
        .position(|(_, l)| l.contains("第二部分"))
        .map(|i| i + org)
        .unwrap_or(third)
        .min(third);
    let mut ps = paragraphs_from_lines(&lines[org.min(second)..second]);
    ps.extend(paragraphs_from_lines(&lines[third..]));
    ps
}

fn doc(paras: Vec<Paragraph>) -> Document {
    Document {
        path: "test".into(),
        info: DocumentInfo::default(),
        tables: Vec::new(),
        performance: Vec::new(),
        narrative: paras,
        lines: Vec::new(),
    }
}

fn run(text: &str) -> (Vec<Claim>, Vec<Finding>) {
    let d = doc(narrative(text));
    let claims = parse_claims(&d.narrative);
    let mut out = Vec::new();
    check_claims(&d, &claims, &mut out);
    (claims, out)
}

fn errors(f: &[Finding]) -> Vec<&Finding> {
    f.iter().filter(|f| f.severity == Severity::Error).collect()
}

/// (rule, line) of the error findings of the table-free rules.
fn table_free_errors(f: &[Finding]) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = errors(f)
        .into_iter()
        .filter(|f| f.rule.as_str() < "N120")
        .map(|f| (f.rule.clone(), f.line))
        .collect();
    v.sort();
    v
}

fn find<'a>(f: &'a [Finding], rule: &str, line: usize) -> &'a Finding {
    f.iter()
        .find(|x| x.rule == rule && x.line == line)
        .unwrap_or_else(|| panic!("no {rule} at line {line}: {f:#?}"))
}

/// Replace the first occurrence of `from` on line `line` (1-based).
fn plant(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert!(l.contains(from), "line {line} does not contain {from}: {l}");
    *l = l.replacen(from, to, 1);
    lines.join("\n")
}

fn amount_at<'a>(claims: &'a [Claim], line: usize, value: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.line == line && c.money().is_some_and(|m| m.figure.printed() == value))
        .unwrap_or_else(|| panic!("no amount {value} at line {line}"))
}

// ---------------------------------------------------------------- paragraphs

#[test]
fn paragraphs_join_wrapped_lines_of_001() {
    let text = fixture("001_21f1af62e491819b.txt");
    let ps = paragraphs(&text, Some("第三部分"));
    // "一般公共预算 3192.57 万元，占 100.00%，比上年预算增加 2346.19 万元，\n\n增长 277.20%，…"
    let p = ps
        .iter()
        .find(|p| p.text.contains("增长 277.20%"))
        .expect("paragraph");
    assert_eq!(p.line, 1898);
    assert!(p.end_line >= 1902);
    let off = p.text.chars().count() - p.text.chars().rev().position(|c| c == '7').unwrap_or(0);
    assert!(p.line_at(off) >= 1900);
    // Headings are paragraphs of their own.
    assert!(ps
        .iter()
        .any(|p| p.text.starts_with("三、关于") && p.text.ends_with("支出预算情况说明")));
}

// ---------------------------------------------------------------- parsing

#[test]
fn parses_amounts_changes_shares_of_001() {
    let (claims, _) = run(&fixture("001_21f1af62e491819b.txt"));
    let c = amount_at(&claims, 1884, "1785.63");
    assert_eq!(c.subject, "一般公共服务支出");
    let m = c.money().unwrap();
    assert_eq!(m.unit, Unit::WanYuan);
    assert_eq!(m.figure.col, Some(16));
    assert_eq!(amount_at(&claims, 1878, "3192.57").subject, "收支总预算");
    assert_eq!(amount_at(&claims, 2062, "280.87").subject, "人员经费");
    // Classified 项 with its path.
    let c = amount_at(&claims, 1982, "341.29");
    assert_eq!(c.subject, "行政运行");
    assert_eq!(c.path.first().map(String::as_str), Some("一般公共服务支出"));
    // Year-over-year change with rate, current from the same sentence.
    let ch = claims
        .iter()
        .find(|c| c.line == 1913 && c.kind() == "change")
        .expect("change");
    match &ch.data {
        ClaimData::Change {
            current: Some(cur),
            change: Some(chg),
            change_dir: Direction::Up,
            rate: Some(rate),
            ..
        } => {
            assert_eq!(cur.figure.printed(), "407.66");
            assert_eq!(chg.figure.printed(), "82.72");
            assert_eq!(rate.printed(), "25.46");
        }
        other => panic!("{other:?}"),
    }
    // 三公 change without an amount in its sentence: current resolved from the section.
    let ch = claims
        .iter()
        .find(|c| c.line == 2477 && c.kind() == "change")
        .expect("三公 change");
    match &ch.data {
        ClaimData::Change {
            current: Some(cur), ..
        } => assert_eq!(cur.figure.printed(), "60.58"),
        other => panic!("{other:?}"),
    }
    // Share with its base.
    let sh = claims
        .iter()
        .find(|c| c.line == 1966 && c.kind() == "share")
        .expect("share");
    match &sh.data {
        ClaimData::Share {
            rate,
            base_amount: Some(b),
            ..
        } => {
            assert_eq!(rate.printed(), "55.93");
            assert_eq!(b.figure.printed(), "3192.57");
        }
        other => panic!("{other:?}"),
    }
    // Count and headcount.
    let cnt = claims.iter().find(|c| c.kind() == "count").expect("count");
    assert_eq!(cnt.line, 18);
    match &cnt.data {
        ClaimData::Count { stated, names } => {
            assert_eq!(stated.printed(), "5");
            assert_eq!(names.len(), 5);
        }
        other => panic!("{other:?}"),
    }
    // Written arithmetic.
    let ar = claims
        .iter()
        .find(|c| c.kind() == "arithmetic" && c.line == 2117 && matches!(&c.data, ClaimData::Arithmetic { result, .. } if result.figure.printed() == "204.765"))
        .expect("arithmetic");
    match &ar.data {
        ClaimData::Arithmetic {
            expression,
            computed,
            ..
        } => {
            assert_eq!(expression, "17 人*22 元/人*365 天*15 个站");
            assert_eq!(computed.to_string(), "2047650");
        }
        other => panic!("{other:?}"),
    }
    // Project budget and restatement.
    let pb = amount_at(&claims, 2271, "280.19");
    assert_eq!(pb.project.as_deref(), Some("房屋租赁"));
    assert!(matches!(
        pb.data,
        ClaimData::Amount {
            role: AmountRole::ProjectBudget,
            ..
        }
    ));
    let cov = coverage(&claims);
    assert!(cov.get("amount").copied().unwrap_or(0) > 100, "{cov:?}");
    assert!(cov.get("arithmetic").copied().unwrap_or(0) >= 20, "{cov:?}");
}

#[test]
fn parses_codes_and_item_lists_of_002() {
    let (claims, _) = run(&fixture("002_0e3626f947e34449.txt"));
    let c = amount_at(&claims, 1874, "157");
    assert_eq!(
        c.function.as_ref().map(FunctionCode::joined).as_deref(),
        Some("2010399")
    );
    assert_eq!(amount_at(&claims, 1877, "0").subject, "伙食补助费");
    assert!(claims
        .iter()
        .any(|c| c.line == 1877 && c.subject == "退休费" && c.money().is_some()));
    // Template "增加（减少）" has no direction.
    assert!(claims.iter().any(|c| c.line == 1851
        && matches!(
            c.data,
            ClaimData::Change {
                change_dir: Direction::Unspecified,
                ..
            }
        )));
    assert!(claims
        .iter()
        .any(|c| c.kind() == "breakdown" && c.line == 20));
}

#[test]
fn parses_004_headcount_and_year_over_year() {
    let (claims, _) = run(&fixture("004_68abc374c9e05f07.txt"));
    let h = claims
        .iter()
        .find(|c| c.line == 77 && c.kind() == "breakdown")
        .expect("headcount");
    match &h.data {
        ClaimData::Breakdown { total, parts, .. } => {
            assert_eq!(total.printed(), "109");
            assert_eq!(parts.len(), 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(claims.iter().filter(|c| c.kind() == "change").count() >= 10);
}

// ---------------------------------------------------------------- unmodified fixtures

#[test]
fn unmodified_001_only_known_defects() {
    let (_, out) = run(&fixture("001_21f1af62e491819b.txt"));
    let got = table_free_errors(&out);
    let want: Vec<(String, usize)> = [
        ("N103", 1996), // 其他组织事务支出 增长 100.00% on a zero prior
        ("N103", 2002),
        ("N103", 2029),
        ("N103", 2037),
        ("N103", 2045),
        ("N106", 2293), // 房屋租赁: parts add up to 284.216, 共计 280.19
        ("N113", 2135), // 食堂采购与补助: 512.65 vs worked-out 512.64
        ("N113", 2275), // 房屋租赁: 本年预算 284.218 vs 预算安排规模 280.19
    ]
    .iter()
    .map(|(r, l)| (r.to_string(), *l))
    .collect();
    assert_eq!(got, want, "{out:#?}");
    let f = find(&out, "N106", 2293);
    assert_eq!(f.expected.as_deref(), Some("284.2160"));
    assert_eq!(f.actual.as_deref(), Some("280.1900"));
    let f = find(&out, "N113", 2135);
    assert_eq!(f.expected.as_deref(), Some("512.64"));
    assert_eq!(f.actual.as_deref(), Some("512.65"));
    // 三公 "减少 1.14 万元，下降 1.84%" from 60.58 passes (rounding).
    assert!(!out.iter().any(|f| f.rule == "N101"));
}

#[test]
fn unmodified_002_only_known_defects() {
    let (_, out) = run(&fixture("002_0e3626f947e34449.txt"));
    let got = table_free_errors(&out);
    assert_eq!(
        got,
        vec![("N104".to_string(), 1869), ("N104".to_string(), 1869)],
        "{out:#?}"
    );
    // The total change 389.3 against its two 项 changes 193.65 + 10.68.
    assert!(out.iter().any(|f| f.rule == "N104"
        && f.actual.as_deref() == Some("-389.30")
        && f.expected.as_deref() == Some("-204.33")));
}

#[test]
fn unmodified_004_has_no_error() {
    let (_, out) = run(&fixture("004_68abc374c9e05f07.txt"));
    assert_eq!(table_free_errors(&out), vec![], "{out:#?}");
}

#[test]
fn shanghai_layouts_have_no_error() {
    for name in [
        "wanli-2025-dept-budget.layout.txt",
        "wanli-2025-dept-budget.tabs.txt",
        "wanli-2025-dept-budget.raw.txt",
        "gov-office-2025-dept-budget.layout.txt",
    ] {
        let text = fixture(name);
        let d = doc(paragraphs(&text, None));
        let claims = parse_claims(&d.narrative);
        let mut out = Vec::new();
        check_claims(&d, &claims, &mut out);
        assert_eq!(table_free_errors(&out), vec![], "{name}: {out:#?}");
        assert!(claims.iter().any(|c| c.kind() == "change"), "{name}");
    }
}

// ---------------------------------------------------------------- planted errors

#[test]
fn planted_wrong_rate_is_reported() {
    let text = plant(
        &fixture("001_21f1af62e491819b.txt"),
        1913,
        "增长25.46%",
        "增长35.46%",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N101", 1913);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.expected.as_deref(), Some("25.46"));
    assert_eq!(f.actual.as_deref(), Some("35.46"));
    assert!(f.col.is_some());
    // 三公 rate.
    let text = plant(&fixture("001_21f1af62e491819b.txt"), 2477, "1.84%", "1.95%");
    let (_, out) = run(&text);
    let f = find(&out, "N101", 2477);
    assert_eq!(f.expected.as_deref(), Some("1.85"));
}

#[test]
fn planted_direction_contradiction_is_reported() {
    let text = plant(
        &fixture("004_68abc374c9e05f07.txt"),
        381,
        "下降 12.72%",
        "增长 12.72%",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N102", 381);
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn planted_wrong_arithmetic_is_reported() {
    let text = plant(
        &fixture("001_21f1af62e491819b.txt"),
        2117,
        "=204.765",
        "=214.765",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N105", 2117);
    assert_eq!(f.expected.as_deref(), Some("204.765"));
    assert_eq!(f.actual.as_deref(), Some("214.765"));
}

#[test]
fn planted_wrong_listed_total_is_reported() {
    // "约 10 万元" printed without decimals stands for [9.5, 10.5]: 56 is within the
    // tolerance of four such parts (55 ± 2), 58 is not.
    let text = plant(
        &fixture("001_21f1af62e491819b.txt"),
        2192,
        "55万元",
        "56万元",
    );
    let (_, out) = run(&text);
    assert!(!out.iter().any(|f| f.rule == "N106" && f.line == 2192));
    let text = plant(
        &fixture("001_21f1af62e491819b.txt"),
        2192,
        "55万元",
        "58万元",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N106", 2192);
    assert_eq!(f.expected.as_deref(), Some("55.00"));
    assert_eq!(f.actual.as_deref(), Some("58.00"));
}

#[test]
fn planted_count_and_headcount_errors_are_reported() {
    let text = plant(
        &fixture("002_0e3626f947e34449.txt"),
        19,
        "下设12个处室",
        "下设11个处室",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N107", 19);
    assert_eq!(f.expected.as_deref(), Some("12"));
    assert_eq!(f.actual.as_deref(), Some("11"));
    let text = plant(
        &fixture("004_68abc374c9e05f07.txt"),
        77,
        "实有人数 109 人",
        "实有人数 110 人",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N108", 77);
    assert_eq!(f.expected.as_deref(), Some("109"));
}

#[test]
fn planted_share_and_procurement_errors_are_reported() {
    let text = plant(
        &fixture("002_0e3626f947e34449.txt"),
        1851,
        "占98.41%",
        "占97.41%",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N111", 1851);
    assert_eq!(f.expected.as_deref(), Some("98.41"));
    assert_eq!(f.severity, Severity::Error);
    let text = plant(
        &fixture("002_0e3626f947e34449.txt"),
        1922,
        "服务预算90万元",
        "服务预算95万元",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N109", 1922);
    assert_eq!(f.expected.as_deref(), Some("149.40"));
    assert_eq!(f.actual.as_deref(), Some("144.40"));
}

#[test]
fn planted_zero_prior_and_component_errors() {
    let lines = [
        (1, "五、关于某部门2024年一般公共预算当年拨款情况说明"),
        (2, "（一）一般公共预算当年拨款规模变化情况"),
        (3, "某部门2024年一般公共预算拨款合计 300.00 万元，比上年预算增加 30.00 万元，增长 11.11%。"),
        (4, "（三）一般公共预算当年拨款具体使用情况"),
        (5, "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）2024年预算数为 200.00 万元，比上年预算增加 10.00 万元，增长 5.26%。"),
        (6, "2.住房保障支出（类）住房改革支出（款）住房公积金（项）2024年预算数为 100.00 万元，比上年预算增加 100.00 万元，增长 100.00%。"),
    ];
    let d = doc(paragraphs_from_lines(&lines));
    let mut out = Vec::new();
    check_all(&d, &mut out);
    let f = find(&out, "N103", 6);
    assert_eq!(f.actual.as_deref(), Some("100.00%"));
    // 10 + 100 = 110 ≠ 30.
    let f = find(&out, "N104", 3);
    assert_eq!(f.expected.as_deref(), Some("110.00"));
    assert_eq!(f.actual.as_deref(), Some("30.00"));
    // The first item's rate is right (200 − 10 = 190; 10/190 = 5.26%).
    assert!(!out.iter().any(|f| f.rule == "N101"));
}

#[test]
fn duplicate_amount_in_one_paragraph() {
    let lines = [
        (1, "六、关于某部门2024年一般公共预算基本支出情况说明"),
        (2, "某部门基本支出 407.66 万元，其中人员经费 280.87 万元、公用经费 126.79 万元；人员经费 281.87 万元主要用于工资。"),
    ];
    let d = doc(paragraphs_from_lines(&lines));
    let mut out = Vec::new();
    check_all(&d, &mut out);
    let f = find(&out, "N110", 2);
    assert_eq!(f.expected.as_deref(), Some("280.87"));
    assert_eq!(f.actual.as_deref(), Some("281.87"));
}

#[test]
fn stated_prior_form_is_checked() {
    let lines = [(
        1,
        "2025年当年预算执行数为 100.00 万元，2026年预算安排 110.00 万元，比2025年预算执行数增加 12.00%。",
    )];
    let d = doc(paragraphs_from_lines(&lines));
    let mut out = Vec::new();
    check_all(&d, &mut out);
    let f = find(&out, "N101", 1);
    assert_eq!(f.expected.as_deref(), Some("10.00"));
    assert_eq!(f.actual.as_deref(), Some("12.00"));
}

#[test]
fn huge_paragraph_is_linear() {
    let unit = "一般公共服务支出 1785.63 万元，占 55.93%，比上年预算增加 82.72 万元，增长 25.46%；\
                共计 2000 元/月*12 个月*15 个站=36 万元；";
    let time = |n: usize| {
        let big: String = unit.repeat(n);
        let lines = [(1usize, big.as_str())];
        let t = std::time::Instant::now();
        let d = doc(paragraphs_from_lines(&lines));
        let claims = parse_claims(&d.narrative);
        assert!(claims.len() >= n * 4);
        let mut out = Vec::new();
        check_claims(&d, &claims, &mut out);
        t.elapsed()
    };
    let small = time(2_000);
    let large = time(16_000);
    eprintln!("2k: {small:?}, 16k: {large:?}");
    // Eight times the input may not take much more than eight times as long.
    assert!(
        large < small * 20 + std::time::Duration::from_millis(500),
        "{small:?} {large:?}"
    );
}

#[test]
fn rules_are_listed() {
    assert!(RULES.len() >= 15);
    for (code, title) in RULES {
        assert!(code.starts_with('N') && !title.is_empty());
    }
}
