//! Narrative claims (issue #4): parsing the real fixtures and checking them.

use budgetlint::model::{
    Code, Column, ColumnKey, Document, DocumentInfo, EconomicCode, Figure, FunctionCode, FundScope,
    Paragraph, Row, RowKind, Table, TableKind, Unit,
};
use budgetlint::narrative::{
    coverage, paragraphs_from_lines, parse_claims, AmountRole, Claim, ClaimData, Direction,
};
use budgetlint::rules::narrative::{check_all, check_claims, RULES};
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
        claims: parse_claims(&paras),
        narrative: paras,
        lines: Vec::new(),
        pages: Vec::new(),
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
        ("N113", 2305), // 便民服务站建设项目: items 549.26 for a budget of 530.00
        ("N113", 2333), // 网络系统运营维护项目: 9.6 + 5 + 12 for a budget of 20.00
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
    // wanli-2025's one narrative slip (地上建筑面积 8013㎡ against 7998 + 105) in each text.
    for (name, slip) in [
        ("wanli-2025-dept-budget.layout.txt", Some(783)),
        ("wanli-2025-dept-budget.tabs.txt", Some(590)),
        ("wanli-2025-dept-budget.raw.txt", None),
        ("gov-office-2025-dept-budget.layout.txt", None),
    ] {
        let text = fixture(name);
        let d = doc(paragraphs(&text, None));
        let claims = parse_claims(&d.narrative);
        let mut out = Vec::new();
        check_claims(&d, &claims, &mut out);
        let mut errs = table_free_errors(&out);
        if slip.is_none() && name.contains("wanli") {
            errs.retain(|(r, _)| r != "N112");
        }
        let want: Vec<(String, usize)> =
            slip.map(|l| ("N112".to_string(), l)).into_iter().collect();
        assert_eq!(errs, want, "{name}: {out:#?}");
        assert!(claims.iter().any(|c| c.kind() == "change"), "{name}");
        // The 编制说明 title opens the overview; its first total is the lead.
        let lead = claims.iter().find(|c| c.lead).expect("lead");
        assert_eq!(
            lead.section,
            budgetlint::narrative::Section::Overview,
            "{name}"
        );
        assert!(
            lead.subject.ends_with("收入预算"),
            "{name}: {}",
            lead.subject
        );
        // 机关运行经费 sits in the other-matters section.
        assert!(
            claims
                .iter()
                .any(|c| c.section == budgetlint::narrative::Section::Other
                    && c.subject.contains("机关运行经费")
                    && c.money().is_some()),
            "{name}"
        );
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
fn parenthesized_products_are_checked() {
    let (claims, _) = run(&fixture("001_21f1af62e491819b.txt"));
    let n = claims
        .iter()
        .filter(|c| matches!(&c.data, ClaimData::Arithmetic { expression, .. } if expression == "500*20"))
        .count();
    assert_eq!(n, 1);
    let text = plant(
        &fixture("001_21f1af62e491819b.txt"),
        2418,
        "（500*20）10000",
        "（500*20）12000",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N105", 2418);
    assert_eq!(f.expected.as_deref(), Some("10000"));
    // The listed total "上述共计 102100 元" no longer adds up either.
    assert!(
        out.iter()
            .any(|f| f.rule == "N106" && f.expected.as_deref() == Some("10.4100")),
        "{out:#?}"
    );
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
    // Each sentence differs (a sentence repeated word for word is read once).
    let unit = |i: usize| {
        format!(
            "一般公共服务支出 {i}.63 万元，占 55.93%，比上年预算增加 82.72 万元，增长 25.46%；\
             共计 2000 元/月*12 个月*{i} 个站={} 万元；",
            i * 24 / 10
        )
    };
    let time = |n: usize| {
        let big: String = (0..n).map(unit).collect();
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

// ---------------------------------------------------------------- table-resolving rules

fn fig(v: &str, line: usize) -> Option<Figure> {
    Figure::parse(v, line)
}

fn col(name: &str, key: ColumnKey) -> Column {
    Column {
        name: name.into(),
        key,
    }
}

fn row(line: usize, code: Option<Code>, name: &str, values: Vec<Option<Figure>>) -> Row {
    let kind = match &code {
        Some(Code::Function(_)) => RowKind::Function,
        Some(Code::Economic(_)) => RowKind::Economic,
        None if name.contains("合计") || name.contains("总计") => RowKind::Total,
        None => RowKind::Project,
    };
    Row {
        line,
        kind,
        code,
        name: name.into(),
        project: None,
        values,
        columns_inferred: false,
    }
}

fn fcode(s: &str) -> Option<Code> {
    FunctionCode::parse(s).map(Code::Function)
}

fn ecode(s: &str) -> Option<Code> {
    EconomicCode::parse(s).map(Code::Economic)
}

fn table(label: &str, kind: TableKind, unit: Unit, columns: Vec<Column>, rows: Vec<Row>) -> Table {
    Table {
        label: label.into(),
        number: None,
        kind,
        scope: FundScope::GeneralBudget,
        title: label.into(),
        line: rows.first().map(|r| r.line.saturating_sub(2)).unwrap_or(0),
        end_line: rows.last().map(|r| r.line).unwrap_or(0),
        unit,
        unit_stated: true,
        columns,
        income: Vec::new(),
        rows,
        empty_note: None,
        issues: Vec::new(),
    }
}

fn check_with(lines: &[(usize, &str)], tables: Vec<Table>) -> Vec<Finding> {
    let mut d = doc(paragraphs_from_lines(lines));
    d.tables = tables;
    let mut out = Vec::new();
    check_all(&d, &mut out);
    out
}

/// 002's real defects against its 表五 and 表六.
#[test]
fn amounts_against_tables_like_002() {
    let lines = [
        (1, "五、关于克州政府办公室2020年一般公共预算当年拨款情况说明"),
        (2, "（一）一般公用预算当年拨款规模变化情况"),
        (3, "克州政府办公室2020年一般公共预算拨款基本支出    1459.62万元，比上年执行数减少389.3万元，下降21.06 %。"),
        (4, "（三）一般公共预算当年拨款具体使用情况"),
        (5, "1.一般公共服务财政事务行政运行2010301：2020年预算数为1352.62万元，比上年执行数减少193.65万元，下降12.52%。"),
        (6, "2. 其他办公厅（室）及相关机构事务支出2010399：2020年预算数为157万元，比上年执行数减少10.68万元，下降6.37%。"),
        (7, "六、关于克州政府办公室2020年一般公共预算基本支出情况说明"),
        (8, "克州政府办公室2020年一般公共预算基本支出1302.62      万元， 其中："),
        (9, "人员经费1116.08万元，主要包括：基本工资331.92万元、退休费0万元、奖励金0万元等。"),
        (10, "公用经费186.54万元，主要包括：办公费10万元等。"),
        (11, "十、其他重要事项的情况说明"),
        (12, "（一）机关运行经费情况"),
        (13, "2020年，克州政府办公室的机关运行经费财政拨款预算311.52万元，比上年预算增加136.65万元，增长78.14%。"),
    ];
    let t5 = table(
        "表五",
        TableKind::GeneralExpense,
        Unit::WanYuan,
        vec![
            col("合计", ColumnKey::Total),
            col("基本支出", ColumnKey::Basic),
            col("项目支出", ColumnKey::Project),
        ],
        vec![
            row(
                101,
                fcode("201"),
                "一般公共服务支出",
                vec![fig("1459.62", 101), fig("1302.62", 101), fig("157", 101)],
            ),
            row(
                102,
                fcode("20103"),
                "政府办公厅（室）及相关机构事务",
                vec![fig("1459.62", 102), fig("1302.62", 102), fig("157", 102)],
            ),
            row(
                103,
                fcode("2010301"),
                "行政运行",
                vec![fig("1352.62", 103), fig("1302.62", 103), fig("50", 103)],
            ),
            row(
                104,
                fcode("2010399"),
                "其他政府办公厅（室）及相关机构事务支出",
                vec![fig("107", 104), None, fig("107", 104)],
            ),
            row(
                105,
                None,
                "合计",
                vec![fig("1459.62", 105), fig("1302.62", 105), fig("157", 105)],
            ),
        ],
    );
    let t6 = table(
        "表六",
        TableKind::BasicEconomic,
        Unit::WanYuan,
        vec![
            col("合计", ColumnKey::Total),
            col("人员经费", ColumnKey::Personnel),
            col("公用经费", ColumnKey::PublicUse),
        ],
        vec![
            row(
                201,
                ecode("30101"),
                "基本工资",
                vec![fig("331.92", 201), fig("331.92", 201), None],
            ),
            row(
                202,
                ecode("30302"),
                "退休费",
                vec![fig("30.52", 202), fig("30.52", 202), None],
            ),
            row(
                203,
                ecode("30309"),
                "奖励金",
                vec![fig("4.09", 203), fig("4.09", 203), None],
            ),
            row(
                204,
                ecode("30201"),
                "办公费",
                vec![fig("10", 204), None, fig("10", 204)],
            ),
            row(
                205,
                None,
                "合计",
                vec![fig("1302.62", 205), fig("1116.08", 205), fig("186.54", 205)],
            ),
        ],
    );
    let out = check_with(&lines, vec![t5, t6]);
    // "一般公共预算拨款基本支出 1459.62" vs 表五 基本支出 1302.62.
    let f = find(&out, "N120", 3);
    assert_eq!(f.expected.as_deref(), Some("1302.62"));
    assert_eq!(f.actual.as_deref(), Some("1459.62"));
    assert_eq!(f.table.as_deref(), Some("表五"));
    assert_eq!(f.related_lines, vec![105]);
    // "2010399：…157万元" vs 表五 107.
    let f = find(&out, "N120", 6);
    assert_eq!(f.expected.as_deref(), Some("107.00"));
    assert_eq!(f.actual.as_deref(), Some("157.00"));
    assert!(!out.iter().any(|f| f.rule == "N120" && f.line == 5));
    // 退休费 0 / 奖励金 0 vs 表六.
    let f = find(&out, "N122", 9);
    assert_eq!(f.expected.as_deref(), Some("30.52"));
    assert!(out
        .iter()
        .any(|f| f.rule == "N122" && f.line == 9 && f.expected.as_deref() == Some("4.09")));
    assert_eq!(
        out.iter().filter(|f| f.rule == "N122").count(),
        2,
        "{out:#?}"
    );
    // 机关运行经费 311.52 vs 公用经费 186.54: a warning.
    let f = find(&out, "N123", 13);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.expected.as_deref(), Some("186.54"));
    // 人员经费 / 公用经费 / 基本支出 agree.
    assert!(
        !out.iter()
            .any(|f| f.rule == "N120" && (8..=10).contains(&f.line)),
        "{out:#?}"
    );
}

#[test]
fn projects_against_project_and_performance_tables_in_yuan() {
    let lines = [
        (1, "七、关于某部门2022年一般公共预算项目支出情况说明"),
        (2, "（十）项目名称：房屋租赁"),
        (3, "预算安排规模：280.19 万元"),
        (
            4,
            "资金分配情况：本项目本年预算 284.218 万元，1500 元/次*30 次＝4.5 万元。",
        ),
        (5, "（十一）项目名称：宣传培训"),
        (6, "预算安排规模：34.00 万元"),
        (7, "（十二）项目名称：无表项目"),
        (8, "预算安排规模：12.00 万元"),
    ];
    let mut r1 = row(
        301,
        fcode("2010399"),
        "其他政府办公厅（室）及相关机构事务支出",
        vec![fig("2801900.00", 301)],
    );
    r1.kind = RowKind::Project;
    r1.project = Some("房屋租赁".into());
    let mut r2 = row(
        302,
        fcode("2010399"),
        "其他政府办公厅（室）及相关机构事务支出",
        vec![fig("340000.00", 302)],
    );
    r2.kind = RowKind::Project;
    r2.project = Some("宣传培训".into());
    let t7 = table(
        "表七",
        TableKind::Projects,
        Unit::Yuan,
        vec![col("项目支出合计", ColumnKey::Total)],
        vec![r1, r2, row(303, None, "合计", vec![fig("3141900.00", 303)])],
    );
    let mut d = doc(paragraphs_from_lines(&lines));
    d.tables = vec![t7];
    d.performance = vec![budgetlint::model::PerformanceTable {
        line: 400,
        end_line: 420,
        project: "宣传培训".into(),
        total: fig("35", 402),
        appropriation: fig("35", 403),
        other: None,
        indicators: Vec::new(),
    }];
    let mut out = Vec::new();
    check_all(&d, &mut out);
    // Restated 284.218 vs 表七 2801900.00 元 = 280.19 万元.
    let f = find(&out, "N124", 4);
    assert_eq!(f.expected.as_deref(), Some("280.190"));
    assert_eq!(f.actual.as_deref(), Some("284.218"));
    assert!(
        !out.iter().any(|f| f.rule == "N124" && f.line == 3),
        "{out:#?}"
    );
    // 宣传培训: 表七 agrees (34.00), the performance table says 35.
    let f = find(&out, "N124", 6);
    assert_eq!(f.expected.as_deref(), Some("35.00"));
    // A project found in no table is reported as unverified.
    let f = find(&out, "N190", 8);
    assert_eq!(f.severity, Severity::Info);
}

#[test]
fn function_amounts_and_shares_against_a_yuan_table() {
    let lines = [
        (1, "三、关于某部门2022年支出预算情况说明"),
        (2, "一般公共服务支出 1785.63 万元，占 60.00%。"),
        (3, "公共安全支出 972.32 万元，占 30.46%。"),
        (4, "外交支出 5.00 万元。"),
        (5, "五、关于某部门2022年一般公共预算当年拨款情况说明"),
        (6, "（三）一般公共预算当年拨款具体使用情况"),
        (7, "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）2022 年预算数为 341.29 万元。"),
    ];
    let t3 = table(
        "表三",
        TableKind::Expense,
        Unit::Yuan,
        vec![col("合计", ColumnKey::Total)],
        vec![
            row(
                501,
                fcode("201"),
                "一般公共服务支出",
                vec![fig("17856300.00", 501)],
            ),
            row(
                502,
                fcode("204"),
                "公共安全支出",
                vec![fig("9723300.00", 502)],
            ),
            row(503, None, "合计", vec![fig("31925700.00", 503)]),
        ],
    );
    let t5 = table(
        "表五",
        TableKind::GeneralExpense,
        Unit::WanYuan,
        vec![col("合计", ColumnKey::Total)],
        vec![
            row(
                601,
                fcode("201"),
                "一般公共服务支出",
                vec![fig("1785.63", 601)],
            ),
            row(
                602,
                fcode("20103"),
                "政府办公厅（室）及相关机构事务",
                vec![fig("1785.63", 602)],
            ),
            row(603, fcode("2010301"), "行政运行", vec![fig("341.30", 603)]),
            row(604, fcode("2080501"), "行政运行", vec![fig("9.99", 604)]),
            row(605, None, "合计", vec![fig("3192.57", 605)]),
        ],
    );
    let out = check_with(&lines, vec![t3, t5]);
    // 1785.63 万元 = 17856300.00 元: no finding; 972.32 vs 972.33: one.
    assert!(
        !out.iter().any(|f| f.rule == "N120" && f.line == 2),
        "{out:#?}"
    );
    let f = find(&out, "N120", 3);
    assert_eq!(f.expected.as_deref(), Some("972.33"));
    // Share of 1785.63 in the table total 3192.57 is 55.93%, not 60.00%.
    let f = find(&out, "N121", 2);
    assert_eq!(f.expected.as_deref(), Some("55.93"));
    assert!(
        !out.iter().any(|f| f.rule == "N121" && f.line == 3),
        "{out:#?}"
    );
    // 外交支出 is in no table: unverified.
    assert_eq!(find(&out, "N190", 4).severity, Severity::Info);
    // The path picks 201 03 01 among two 行政运行 rows: 341.29 vs 341.30.
    let f = find(&out, "N120", 7);
    assert_eq!(f.expected.as_deref(), Some("341.30"));
    assert_eq!(f.row.as_deref(), Some("201 03 01 行政运行"));
}
#[test]
fn income_sources_against_the_summary_table() {
    let lines = [
        (1, "二、关于克州政府办公室2020年收入预算情况说明"),
        (2, "克州政府办公室收入预算1483.22万元，其中："),
        (3, "一般公共预算1459.62 万元，占98.41%，比上年增加（减少）102.16万元，主要原因是人员工资增加；"),
        (4, "上级专项收入18万元，占1.15%，比上年增加17万元。"),
        (5, "单位上年结余（不包括国库集中支付额度结余）6.6万元，占0.44%，比上年减少37.6万元。"),
    ];
    let item = |line: usize, name: &str, key: ColumnKey, v: &str| budgetlint::model::IncomeItem {
        line,
        name: name.into(),
        key,
        nested: false,
        amount: fig(v, line),
    };
    let mut t1 = table(
        "表一",
        TableKind::Summary,
        Unit::WanYuan,
        vec![col("预算数", ColumnKey::Total)],
        vec![row(720, None, "支出总计", vec![fig("1483.22", 720)])],
    );
    t1.income = vec![
        item(
            701,
            "一般公共预算拨款收入",
            ColumnKey::GeneralBudget,
            "1459.62",
        ),
        item(702, "上级补助收入", ColumnKey::Superior, "17.00"),
        item(703, "上年结转", ColumnKey::CarryOver, "6.60"),
    ];
    let mut d = doc(paragraphs_from_lines(&lines));
    d.tables = vec![t1.clone()];
    let st = budgetlint::rules::narrative::statistics(&d);
    assert_eq!(st.unverified, 0);
    assert_eq!(st.resolved_against_tables, 4, "{st:?}");
    let out = check_with(&lines, vec![t1]);
    let f = find(&out, "N120", 4);
    assert_eq!(f.expected.as_deref(), Some("17.00"));
    assert_eq!(f.row.as_deref(), Some("上级补助收入"));
    for l in [2, 3, 5] {
        assert!(
            !out.iter()
                .any(|f| f.line == l && f.severity == Severity::Error),
            "{out:#?}"
        );
    }
    // The lead 收入预算 is verified against the summary total, so nothing is unverified.
    assert!(!out.iter().any(|f| f.rule == "N190"), "{out:#?}");
}

#[test]
fn performance_scope_against_project_expense() {
    let text = plant(
        &fixture("001_21f1af62e491819b.txt"),
        2544,
        "2784.91",
        "2794.91",
    );
    let (_, out) = run(&text);
    let f = find(&out, "N124", 2544);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.expected.as_deref(), Some("2784.91"));
    let (_, out) = run(&fixture("001_21f1af62e491819b.txt"));
    assert!(!out.iter().any(|f| f.rule == "N124"));
}

#[test]
fn warnings_on_unmodified_fixtures_are_few() {
    for name in [
        "001_21f1af62e491819b.txt",
        "002_0e3626f947e34449.txt",
        "004_68abc374c9e05f07.txt",
    ] {
        let (_, out) = run(&fixture(name));
        let w: Vec<_> = out
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .map(|f| (f.rule.as_str(), f.line))
            .collect();
        eprintln!("{name}: {w:?}");
        assert!(w.len() <= 2, "{name}: {w:?}");
    }
}
#[test]
fn three_converters_of_one_document_give_the_same_claims() {
    let mut seen = Vec::new();
    for name in [
        "wanli-2025-dept-budget.layout.txt",
        "wanli-2025-dept-budget.tabs.txt",
        "wanli-2025-dept-budget.raw.txt",
    ] {
        let d = doc(paragraphs(&fixture(name), None));
        let claims = parse_claims(&d.narrative);
        let mut values: Vec<String> = claims
            .iter()
            .filter_map(|c| c.money().map(|m| m.figure.printed()))
            .collect();
        values.sort();
        seen.push((coverage(&claims), values));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:#?}");
}

/// End to end through the real pipeline, once the table parser and segmenter fill the
/// document (skipped while they are stubs): every error is a known real defect.
#[test]
fn end_to_end_known_defects_when_tables_are_parsed() {
    let cases: [(&str, &[(&str, usize)]); 3] = [
        (
            "001_21f1af62e491819b.txt",
            &[
                ("N103", 1996),
                ("N103", 2002),
                ("N103", 2029),
                ("N103", 2037),
                ("N103", 2045),
                ("N106", 2293),
                ("N113", 2135),
                ("N113", 2275),
                ("N113", 2305),
                ("N113", 2333),
                ("N124", 2106), // 378.37 vs 绩效目标表 378.36
                ("N124", 2149), // 食堂 512.64 vs 表七 512.65
                ("N124", 2275), // 房屋租赁 284.218 vs 表七 280.19
            ],
        ),
        (
            "002_0e3626f947e34449.txt",
            &[
                ("N104", 1869),
                ("N104", 1869),
                ("N120", 1869), // 一般公共预算拨款基本支出 1459.62 vs 基本支出 1302.62
                ("N120", 1874), // 2010399 157 vs 表五 107
                ("N122", 1877), // 退休费 0 vs 表六 30.52
                ("N122", 1877), // 奖励金 0 vs 表六 4.09
            ],
        ),
        ("004_68abc374c9e05f07.txt", &[]),
    ];
    for (name, want) in cases {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        let Ok(d) = budgetlint::extract(&path) else {
            eprintln!("{name}: pipeline not ready, skipped");
            continue;
        };
        if d.tables.is_empty() || d.narrative.is_empty() {
            eprintln!("{name}: tables or narrative not parsed yet, skipped");
            continue;
        }
        let mut out = Vec::new();
        check_all(&d, &mut out);
        let mut got: Vec<(String, usize)> = errors(&out)
            .iter()
            .map(|f| (f.rule.clone(), f.line))
            .collect();
        got.sort();
        let mut want: Vec<(String, usize)> =
            want.iter().map(|(r, l)| (r.to_string(), *l)).collect();
        want.sort();
        assert_eq!(got, want, "{name}: {out:#?}");
        if name.starts_with("002") {
            let f = find(&out, "N123", 1920);
            assert_eq!(f.severity, Severity::Warning);
        }
    }
}

#[test]
fn other_wordings_of_changes_counts_and_headcounts() {
    let lines = [
        (1, "一、部门机构设置"),
        (
            2,
            "本部门内设 3 个处室，包括：办公室、财务处、综合处、信息处。",
        ),
        (
            3,
            "实有人员 20 名，其中：在职人员 15 名，退休人员 4 名，离休人员 0 名。",
        ),
        (4, "二、关于某部门2024年支出预算情况说明"),
        (
            5,
            "基本支出 110.00 万元，较上年同比增加 10.00 万元，增幅为 12.00%。",
        ),
        (
            6,
            "项目支出 90.00 万元，比上年预算增加（减少）10.00 万元，增长（下降）12.50%。",
        ),
    ];
    let d = doc(paragraphs_from_lines(&lines));
    let mut out = Vec::new();
    check_all(&d, &mut out);
    assert_eq!(find(&out, "N107", 2).expected.as_deref(), Some("4"));
    assert_eq!(find(&out, "N108", 3).expected.as_deref(), Some("19"));
    // 10 / 100 = 10.00%, not 12.00%.
    assert_eq!(find(&out, "N101", 5).expected.as_deref(), Some("10.00"));
    // Template words "增加（减少）… 增长（下降）": direction unknown, 10/80 = 12.50% is accepted.
    assert!(
        !out.iter()
            .any(|f| f.line == 6 && f.severity == Severity::Error),
        "{out:#?}"
    );
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that exercise every pattern of the parser, glued at random.
    const PIECES: &[&str] = &[
        "比上年",
        "增加",
        "减少（增加）",
        "增长",
        "下降",
        "（",
        "）",
        "(",
        ")",
        "万元",
        "元",
        "%",
        "占",
        "=",
        "＝",
        "*",
        "×",
        "+",
        "/",
        "月",
        "共计",
        "约",
        "其中：",
        "，",
        "。",
        "；",
        "、",
        "下设",
        "个",
        "分别是：",
        "实有人数",
        "在职",
        "退休",
        "离休",
        "人",
        "辆",
        "车辆",
        "价值",
        "政府采购",
        "项目名称：",
        "预算安排规模：",
        "（类）",
        "（款）",
        "（项）",
        "2010399",
        "一、关于收入预算情况说明",
        "（三）",
        "三公",
        "１２",
        "．",
        "0",
        "1",
        "12.5",
        "1,234.56",
        "999999999999999999999999",
        "79228162514264337593543950335",
        "7922816251426433759354395033.5",
        "999999999999999.99",
        "0.000001",
        " ",
        "\t",
        "[bookmark: x]",
        "\u{3000}",
        "项目经费情况说明",
        "编制说明",
        "持平",
        "执行数为",
        "年预算安排",
        "涉及预算金额",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn parsing_and_checking_never_panic(
            lines in proptest::collection::vec(
                proptest::collection::vec(0..PIECES.len(), 0..40), 1..8)
        ) {
            let texts: Vec<String> = lines
                .iter()
                .map(|l| l.iter().map(|&i| PIECES[i]).collect::<String>())
                .collect();
            let numbered: Vec<(usize, &str)> =
                texts.iter().enumerate().map(|(i, t)| (i + 1, t.as_str())).collect();
            let d = doc(paragraphs_from_lines(&numbered));
            let claims = parse_claims(&d.narrative);
            let mut out = Vec::new();
            check_claims(&d, &claims, &mut out);
            let _ = coverage(&claims);
        }
    }
}

#[test]
fn huge_numbers_do_not_overflow() {
    let big = "79228162514264337593543950335";
    let l2 = format!("支出预算 {big} 万元，其中：基本支出 {big} 万元，占 {big}%，比上年预算增加 {big} 万元，增长 {big}%；项目支出 {big} 万元。");
    let l3 = format!("车辆 {big} 辆，价值 {big} 万元；其中：一般公务用车 {big} 辆，价值 {big} 万元；其他车辆 {big} 辆，价值 {big} 万元。");
    let l4 = format!("（{big}*{big}）{big} 元、{big} 元*{big} 个=1 万元，共计 {big} 元。");
    let lines = [
        (1, "三、关于某部门2024年支出预算情况说明"),
        (2, l2.as_str()),
        (3, l3.as_str()),
        (4, "（一）项目名称：大数"),
        (5, l4.as_str()),
    ];
    let d = doc(paragraphs_from_lines(&lines));
    let mut out = Vec::new();
    check_all(&d, &mut out);
}

#[test]
fn full_width_digits_and_thousands_separators() {
    let lines = [
        (1, "三、关于某部门２０２４年支出预算情况说明"),
        (2, "某部门支出预算１，２３４．５６万元，其中："),
        (3, "基本支出１，０００．００万元，占８１．０３％，比上年预算增加１００．００万元，增长１１．１１％。"),
        (4, "项目支出234.56万元，占19.00％。"),
    ];
    let d = doc(paragraphs_from_lines(&lines));
    let claims = parse_claims(&d.narrative);
    let c = amount_at(&claims, 3, "1000.00");
    assert_eq!(c.subject, "基本支出");
    assert_eq!(c.money().and_then(|m| m.figure.col), Some(4));
    let mut out = Vec::new();
    check_claims(&d, &claims, &mut out);
    // 1,000.00 / 1,234.56 = 81.00%, not 81.03%; 234.56 / 1,234.56 = 19.00%.
    let f = find(&out, "N111", 3);
    assert_eq!(f.expected.as_deref(), Some("81.00"));
    assert!(
        !out.iter()
            .any(|f| f.line == 4 && f.severity == Severity::Error),
        "{out:#?}"
    );
    assert!(!out.iter().any(|f| f.rule == "N101"), "{out:#?}");
}
