//! Evaluator tests over small hand-built documents.

use budgetlint::model::*;
use budgetlint::rules::{self, Catalogue, Finding, Selection, Severity};

fn fig(s: &str, line: usize) -> Option<Figure> {
    if s.is_empty() {
        None
    } else {
        Some(Figure::parse(s, line).expect("test figure"))
    }
}

fn col(name: &str, key: ColumnKey) -> Column {
    Column {
        name: name.to_string(),
        key,
    }
}

/// A row: `code` "" for none, "合计" rows get RowKind::Total; values "" = empty cell.
fn row(line: usize, code: &str, name: &str, values: &[&str]) -> Row {
    let code_v = if code.is_empty() {
        None
    } else if let Some(c) = FunctionCode::parse(code) {
        Some(Code::Function(c))
    } else {
        EconomicCode::parse(code).map(Code::Economic)
    };
    let kind = if name == "合计" {
        RowKind::Total
    } else {
        match &code_v {
            Some(Code::Function(_)) => RowKind::Function,
            Some(Code::Economic(_)) => RowKind::Economic,
            None => RowKind::Item,
        }
    };
    Row {
        line,
        kind,
        code: code_v,
        name: name.to_string(),
        project: None,
        values: values.iter().map(|v| fig(v, line)).collect(),
        columns_inferred: false,
    }
}

fn project(line: usize, code: &str, name: &str, values: &[&str]) -> Row {
    let mut r = row(line, code, name, values);
    r.kind = RowKind::Project;
    r.project = Some(name.to_string());
    r
}

fn table(
    kind: TableKind,
    label: &str,
    scope: FundScope,
    columns: Vec<Column>,
    rows: Vec<Row>,
) -> Table {
    let line = rows.first().map(|r| r.line.saturating_sub(2)).unwrap_or(1);
    let end_line = rows.last().map(|r| r.line).unwrap_or(line);
    Table {
        label: label.to_string(),
        number: None,
        kind,
        scope,
        title: kind.zh().to_string(),
        line,
        end_line,
        unit: Unit::WanYuan,
        unit_stated: true,
        columns,
        income: Vec::new(),
        rows,
        empty_note: None,
        issues: Vec::new(),
    }
}

fn doc(tables: Vec<Table>) -> Document {
    Document {
        path: "test.txt".into(),
        info: DocumentInfo::default(),
        tables,
        performance: Vec::new(),
        narrative: Vec::new(),
        claims: Vec::new(),
        lines: Vec::new(),
        pages: Vec::new(),
    }
}

fn three_cols() -> Vec<Column> {
    vec![
        col("合计", ColumnKey::Total),
        col("基本支出", ColumnKey::Basic),
        col("项目支出", ColumnKey::Project),
    ]
}

/// 表五: general budget expense, consistent.
fn general_expense(total_basic: &str) -> Table {
    table(
        TableKind::GeneralExpense,
        "表五",
        FundScope::GeneralBudget,
        three_cols(),
        vec![
            row(
                100,
                "201",
                "一般公共服务支出",
                &["1459.62", "1302.62", "157.00"],
            ),
            row(
                101,
                "201 03",
                "政府办公厅（室）及相关机构事务",
                &["1459.62", "1302.62", "157.00"],
            ),
            row(102, "201 03 01", "行政运行", &["1302.62", "1302.62", ""]),
            row(103, "201 03 50", "事业运行", &["157.00", "", "157.00"]),
            row(104, "", "合计", &["1459.62", total_basic, "157.00"]),
        ],
    )
}

/// 表六: basic expense by economic class, consistent with 表五 basic 1302.62.
fn basic_economic(scope: FundScope) -> Table {
    table(
        TableKind::BasicEconomic,
        "表六",
        scope,
        vec![
            col("合计", ColumnKey::Total),
            col("人员经费", ColumnKey::Personnel),
            col("公用经费", ColumnKey::PublicUse),
        ],
        vec![
            row(200, "301", "工资福利支出", &["1200.00", "1200.00", ""]),
            row(201, "302", "商品和服务支出", &["102.62", "", "102.62"]),
            row(202, "", "合计", &["1302.62", "1200.00", "102.62"]),
        ],
    )
}

fn projects(scope: FundScope, amounts: (&str, &str)) -> Table {
    table(
        TableKind::Projects,
        "表七",
        scope,
        vec![
            col("项目支出合计", ColumnKey::Total),
            col("商品和服务支出", ColumnKey::Economic("302".into())),
            col("资本性支出", ColumnKey::Economic("310".into())),
        ],
        vec![
            project(300, "201 03 50", "信息化建设", &[amounts.0, amounts.0, ""]),
            project(
                301,
                "201 03 50",
                "办公设备购置",
                &[amounts.1, "", amounts.1],
            ),
        ],
    )
}

fn run(d: &Document) -> Vec<Finding> {
    let cat = Catalogue::builtin().expect("builtin catalogue");
    rules::run(d, &cat, &Selection::default())
        .into_iter()
        .filter(|f| f.rule.starts_with('X'))
        .collect()
}

#[test]
fn consistent_document_has_no_identity_finding() {
    let d = doc(vec![
        general_expense("1302.62"),
        basic_economic(FundScope::GeneralBudget),
        projects(FundScope::GeneralBudget, ("100.00", "57.00")),
    ]);
    let f = run(&d);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn planted_wrong_figure_gives_exactly_one_finding() {
    // 表五 合计 基本支出 1302.62 → 1459.62 breaks X207 (表五 vs 表六)… and X102 / X122 in 表五.
    // So plant the error in 表六 instead, where only the cross-table identity sees it.
    let mut six = basic_economic(FundScope::GeneralBudget);
    six.rows[2].values = vec![fig("1459.62", 202), fig("1200.00", 202), fig("259.62", 202)];
    six.rows[1].values = vec![fig("259.62", 201), None, fig("259.62", 201)];
    let d = doc(vec![general_expense("1302.62"), six]);
    let f = run(&d);
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = &f[0];
    assert_eq!(f.rule, "X207");
    assert_eq!(f.line, 104, "left side's figure: 表五 合计 基本支出");
    assert_eq!(f.related_lines, vec![202]);
    assert_eq!(f.expected.as_deref(), Some("1459.62"));
    assert_eq!(f.actual.as_deref(), Some("1302.62"));
    assert_eq!(f.difference.as_deref(), Some("-157.00"));
    assert_eq!(f.table.as_deref(), Some("表五"));
    assert_eq!(f.column.as_deref(), Some("基本支出"));
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.message.zh,
        "表五 合计 基本支出 1302.62 ≠ 表六 合计 1459.62（差 -157.00）"
    );
    assert_eq!(
        f.message.en,
        "表五 合计 基本支出 1302.62 ≠ 表六 合计 1459.62 (difference -157.00)"
    );
    assert!(f
        .identity
        .as_deref()
        .unwrap_or("")
        .contains("basic_economic.total.total"));
}

#[test]
fn row_identity_reports_the_row() {
    let mut five = general_expense("1302.62");
    five.rows[2].values[0] = fig("1319.62", 102); // 行政运行 合计 ≠ 基本 + 项目
    let d = doc(vec![five]);
    let f: Vec<_> = run(&d).into_iter().filter(|f| f.rule == "X102").collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].line, 102);
    assert_eq!(f[0].expected.as_deref(), Some("1302.62"));
    assert_eq!(f[0].difference.as_deref(), Some("17.00"));
    assert_eq!(f[0].row.as_deref(), Some("201 03 01 行政运行"));
    assert_eq!(
        f[0].message.zh,
        "表五 201 03 01 行政运行 合计 1319.62 ≠ 基本支出 + 项目支出 1302.62（差 17.00）"
    );
}

#[test]
fn rounding_only_difference_is_not_a_finding() {
    let t = table(
        TableKind::Expense,
        "表三",
        FundScope::AllFunds,
        three_cols(),
        vec![
            row(10, "201", "一般公共服务支出", &["0.33", "0.33", ""]),
            row(11, "205", "教育支出", &["0.33", "0.33", ""]),
            row(12, "208", "社会保障和就业支出", &["0.33", "0.33", ""]),
            row(13, "", "合计", &["1.00", "1.00", ""]),
        ],
    );
    assert!(run(&doc(vec![t.clone()])).is_empty());
    // 1.02 is more than the four half-units away: a real mismatch of the column total.
    let mut bad = t;
    bad.rows[3].values = vec![fig("1.02", 13), fig("1.02", 13), None];
    let f = run(&doc(vec![bad]));
    assert_eq!(f.len(), 2, "{f:#?}"); // 合计 and 基本支出 columns of X121
    assert!(f.iter().all(|f| f.rule == "X121" && f.line == 13));
}

#[test]
fn scope_condition_picks_the_table() {
    // Projects add up to 157.00 = 表五 项目支出 but 表三 says 160.00.
    let expense = table(
        TableKind::Expense,
        "表三",
        FundScope::AllFunds,
        three_cols(),
        vec![
            row(
                50,
                "201",
                "一般公共服务支出",
                &["1462.62", "1302.62", "160.00"],
            ),
            row(
                51,
                "201 03",
                "政府办公厅（室）及相关机构事务",
                &["1462.62", "1302.62", "160.00"],
            ),
            row(52, "201 03 01", "行政运行", &["1302.62", "1302.62", ""]),
            row(53, "201 03 50", "事业运行", &["160.00", "", "160.00"]),
            row(54, "", "合计", &["1462.62", "1302.62", "160.00"]),
        ],
    );
    let gb = doc(vec![
        expense.clone(),
        general_expense("1302.62"),
        projects(FundScope::GeneralBudget, ("100.00", "57.00")),
    ]);
    let f: Vec<_> = run(&gb)
        .into_iter()
        .filter(|f| f.rule.starts_with("X21"))
        .collect();
    assert!(
        f.is_empty(),
        "general_budget projects compare with 表五: {f:#?}"
    );

    let all = doc(vec![
        expense,
        general_expense("1302.62"),
        projects(FundScope::AllFunds, ("100.00", "57.00")),
    ]);
    let mut codes: Vec<_> = run(&all)
        .into_iter()
        .filter(|f| f.rule.starts_with("X2"))
        .map(|f| (f.rule, f.line, f.expected, f.table))
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        vec![
            (
                "X210".to_string(),
                300,
                Some("160.00".to_string()),
                Some("表七".to_string())
            ),
            (
                "X212".to_string(),
                300,
                Some("160.00".to_string()),
                Some("表七".to_string())
            ),
        ]
    );
}

#[test]
fn missing_row_against_nonzero_figure_is_reported_on_the_figure() {
    // 表五 has 项目支出 157.00 under 201 03 50 but 表七 lists its projects under 201 03 99.
    let d = doc(vec![general_expense("1302.62"), {
        let mut p = projects(FundScope::GeneralBudget, ("100.00", "57.00"));
        for r in &mut p.rows {
            r.code = FunctionCode::parse("201 03 99").map(Code::Function);
        }
        p
    }]);
    let f: Vec<_> = run(&d).into_iter().filter(|f| f.rule == "X211").collect();
    assert_eq!(f.len(), 2, "{f:#?}");
    // 201 03 50: nothing in 表七 → reported against 表五's figure (line 103).
    let a = f.iter().find(|f| f.line == 103).expect("201 03 50");
    assert_eq!(a.actual.as_deref(), Some("0.00"));
    assert!(a.message.zh.contains("（无） ≠"), "{}", a.message.zh);
    assert!(a.message.en.contains("(none) ≠"), "{}", a.message.en);
    assert_eq!(a.expected.as_deref(), Some("157.00"));
    // 201 03 99: 表七 projects without a 表五 row → reported on the first project (line 300).
    let b = f.iter().find(|f| f.line == 300).expect("201 03 99");
    assert_eq!(b.related_lines, vec![301]);
    assert_eq!(b.actual.as_deref(), Some("157.00"));
}

#[test]
fn missing_cell_against_zero_is_consistent() {
    let t = table(
        TableKind::Expense,
        "表三",
        FundScope::AllFunds,
        three_cols(),
        vec![
            row(10, "201", "一般公共服务支出", &["5.00", "5.00", "0.00"]),
            row(11, "", "合计", &["5.00", "5.00", ""]),
        ],
    );
    assert!(run(&doc(vec![t])).is_empty());
}

#[test]
fn yuan_table_is_converted_to_wan() {
    let mut six = basic_economic(FundScope::GeneralBudget);
    six.unit = Unit::Yuan;
    six.rows = vec![
        row(
            200,
            "301",
            "工资福利支出",
            &["12000000.00", "12000000.00", ""],
        ),
        row(
            201,
            "302",
            "商品和服务支出",
            &["1026200.00", "", "1026200.00"],
        ),
        row(
            202,
            "",
            "合计",
            &["13026200.00", "12000000.00", "1026200.00"],
        ),
    ];
    let d = doc(vec![general_expense("1302.62"), six.clone()]);
    assert!(run(&d).is_empty(), "{:#?}", run(&d));
    six.rows[2].values[0] = fig("13026300.00", 202);
    six.rows[1].values[0] = fig("1026300.00", 201);
    six.rows[1].values[2] = fig("1026300.00", 201);
    six.rows[2].values[2] = fig("1026300.00", 202);
    let f = run(&doc(vec![general_expense("1302.62"), six]));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "X207");
    assert_eq!(f[0].expected.as_deref(), Some("1302.630000"));
}

#[test]
fn missing_table_skips_the_identity() {
    // Only 表五: nothing cross-table can be checked, nothing is reported.
    assert!(run(&doc(vec![general_expense("1302.62")])).is_empty());
}

#[test]
fn mirror_items_are_warnings() {
    let mut five = general_expense("1302.62");
    five.rows.insert(
        3,
        row(150, "221 02 01", "住房公积金", &["70.00", "70.00", ""]),
    );
    let mut six = basic_economic(FundScope::GeneralBudget);
    six.rows
        .insert(1, row(210, "301 13", "住房公积金", &["72.00", "72.00", ""]));
    let f: Vec<_> = run(&doc(vec![five, six]))
        .into_iter()
        .filter(|f| f.rule == "X315")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].line, 210);
    assert_eq!(f[0].difference.as_deref(), Some("2.00"));
}

#[test]
fn custom_catalogue_identity_and_severity() {
    let mut cat = Catalogue::default();
    cat.add_file(
        "custom.toml",
        r#"
[[rule]]
id = "Z001"
severity = "info"
title_zh = "测试"
title_en = "test"
explanation_zh = "测试"
explanation_en = "test"
formula = "general_expense.total.basic = sum(general_expense.sub.basic)"
"#,
    )
    .expect("custom catalogue");
    let mut five = general_expense("1302.62");
    five.rows[2].values[1] = fig("1300.62", 102);
    five.rows[2].values[0] = fig("1300.62", 102);
    let f = rules::run(&doc(vec![five]), &cat, &Selection::default());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "Z001");
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(f[0].difference.as_deref(), Some("2.00"));
}

#[test]
fn selection_filters_codes() {
    let mut five = general_expense("1302.62");
    five.rows[2].values[0] = fig("1319.62", 102);
    let d = doc(vec![five]);
    let cat = Catalogue::builtin().expect("builtin");
    let all = rules::run(&d, &cat, &Selection::default());
    assert!(all.iter().any(|f| f.rule == "X102"));
    let none = rules::run(
        &d,
        &cat,
        &Selection {
            select: vec![],
            ignore: vec!["X1".into()],
        },
    );
    assert!(none.iter().all(|f| !f.rule.starts_with("X1")));
    let only = rules::run(
        &d,
        &cat,
        &Selection {
            select: vec!["X102".into()],
            ignore: vec![],
        },
    );
    assert!(!only.is_empty() && only.iter().all(|f| f.rule == "X102"));
}

#[test]
fn findings_are_sorted() {
    let mut five = general_expense("1302.62");
    five.rows[2].values[0] = fig("1319.62", 102);
    five.rows[0].values[0] = fig("1469.62", 100);
    let f = budgetlint::check_document(&doc(vec![five]));
    let keys: Vec<_> = f
        .iter()
        .map(|f| (f.line, f.rule.clone(), f.column.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

fn income_item(line: usize, name: &str, key: ColumnKey, nested: bool, amount: &str) -> IncomeItem {
    IncomeItem {
        line,
        name: name.to_string(),
        key,
        nested,
        amount: fig(amount, line),
    }
}

fn summary(income_total: &str) -> Table {
    let mut t = table(
        TableKind::Summary,
        "表一",
        FundScope::AllFunds,
        vec![col("预算数", ColumnKey::Total)],
        vec![
            row(20, "201", "一般公共服务支出", &["1476.62"]),
            row(25, "", "合计", &["1476.62"]),
        ],
    );
    t.rows[1].name = "支出总计".into();
    t.income = vec![
        income_item(
            20,
            "一般公共预算拨款收入",
            ColumnKey::GeneralBudget,
            false,
            "1459.62",
        ),
        income_item(21, "上年结转", ColumnKey::CarryOver, false, "17.00"),
        income_item(25, "收入总计", ColumnKey::Total, false, income_total),
    ];
    t
}

#[test]
fn summary_income_total_equals_expense_total() {
    assert!(run(&doc(vec![summary("1476.62")])).is_empty());
    let f = run(&doc(vec![summary("1467.62")]));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "X131");
    assert_eq!(f[0].line, 25);
    assert_eq!(f[0].row.as_deref(), Some("收入总计"));
    assert_eq!(f[0].difference.as_deref(), Some("-9.00"));
}

#[test]
fn non_general_budget_expense_matches_other_income() {
    let expense = table(
        TableKind::Expense,
        "表三",
        FundScope::AllFunds,
        three_cols(),
        vec![
            row(
                50,
                "201",
                "一般公共服务支出",
                &["1476.62", "1302.62", "174.00"],
            ),
            row(51, "", "合计", &["1476.62", "1302.62", "174.00"]),
        ],
    );
    let d = doc(vec![
        summary("1476.62"),
        expense.clone(),
        general_expense("1302.62"),
    ]);
    let f: Vec<_> = run(&d).into_iter().filter(|f| f.rule == "X213").collect();
    assert!(
        f.is_empty(),
        "1476.62 − 1459.62 = 1476.62 − 1459.62: {f:#?}"
    );
    let mut s = summary("1476.62");
    s.income[0].amount = fig("1450.62", 20);
    s.income[1].amount = fig("26.00", 21);
    let f: Vec<_> = run(&doc(vec![s, expense, general_expense("1302.62")]))
        .into_iter()
        .filter(|f| f.rule == "X213")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].expected.as_deref(), Some("26.00"));
    assert_eq!(f[0].actual.as_deref(), Some("17.00"));
}

#[test]
fn at_least_relation() {
    let three = |reception: &str| {
        table(
            TableKind::ThreePublic,
            "表八",
            FundScope::GeneralBudget,
            vec![
                col("合计", ColumnKey::Total),
                col("因公出国（境）费", ColumnKey::Abroad),
                col("公务用车购置及运行费", ColumnKey::Vehicle),
                col("购置费", ColumnKey::VehiclePurchase),
                col("运行费", ColumnKey::VehicleOperation),
                col("公务接待费", ColumnKey::Reception),
            ],
            vec![row(
                400,
                "",
                "2022年预算数",
                &["12.00", "", "10.00", "", "10.00", reception],
            )],
        )
    };
    let mut six = basic_economic(FundScope::GeneralBudget);
    six.rows
        .insert(2, row(220, "302 17", "公务接待费", &["2.00", "", "2.00"]));
    let ok = doc(vec![three("2.00"), six.clone()]);
    assert!(run(&ok).is_empty(), "{:#?}", run(&ok));
    // 三公 接待费 1.50 < 302 17 2.00: X301, and the 三公 row no longer adds up (X108).
    let bad = doc(vec![three("1.50"), six]);
    let mut codes: Vec<_> = run(&bad).into_iter().map(|f| f.rule).collect();
    codes.sort();
    assert_eq!(codes, vec!["X108", "X301"]);
}

#[test]
fn scope_condition_reads_the_table_of_that_scope() {
    // Both a general-budget and an all-funds project table: each identity reads its own.
    let expense = {
        let mut e = general_expense("1302.62");
        e.kind = TableKind::Expense;
        e.label = "表三".into();
        e.scope = FundScope::AllFunds;
        e
    };
    let mut all = projects(FundScope::AllFunds, ("100.00", "60.00"));
    all.label = "表七（全部资金）".into();
    let d = doc(vec![
        expense,
        general_expense("1302.62"),
        projects(FundScope::GeneralBudget, ("100.00", "57.00")),
        all,
    ]);
    // X209/X211 read the general-budget 表七 (157.00 = 表五): consistent. X210/X212 read the
    // all-funds one (160.00 ≠ 表三 157.00).
    let mut got: Vec<_> = run(&d)
        .into_iter()
        .map(|f| (f.rule, f.table.unwrap_or_default()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("X210".to_string(), "表七（全部资金）".to_string()),
            ("X212".to_string(), "表七（全部资金）".to_string()),
        ]
    );
}

#[test]
fn in_table_identities_run_on_every_table_of_the_kind() {
    let mut second = general_expense("1302.62");
    second.label = "表五（续）".into();
    second.scope = FundScope::AllFunds;
    second.rows[3].values[0] = fig("150.00", 103); // 事业运行 合计 ≠ 项目支出 157.00
    let d = doc(vec![general_expense("1302.62"), second]);
    let f: Vec<_> = run(&d).into_iter().filter(|f| f.rule == "X102").collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].table.as_deref(), Some("表五（续）"));
    assert_eq!(f[0].line, 103);
}

#[test]
fn lower_level_rows_roll_up_when_a_level_is_not_printed() {
    // 表三 prints only 项 rows (as fixture 002 does); 表一 prints 类 rows.
    let expense = |second: &str| {
        table(
            TableKind::Expense,
            "表三",
            FundScope::AllFunds,
            three_cols(),
            vec![
                row(543, "201 03 01", "行政运行", &["1352.62", "1302.62", "50"]),
                row(
                    551,
                    "201 03 99",
                    "其他办公厅（室）及相关机构事务支出",
                    &[second, "", second],
                ),
                row(727, "", "合计", &["1476.62", "1302.62", "174"]),
            ],
        )
    };
    let summary = table(
        TableKind::Summary,
        "表一",
        FundScope::AllFunds,
        vec![col("预算数", ColumnKey::Total)],
        vec![
            row(35, "201", "一般公共服务支出", &["1476.62"]),
            row(40, "202", "外交支出", &[""]),
            row(190, "", "合计", &["1476.62"]),
        ],
    );
    let ok = doc(vec![summary.clone(), expense("124")]);
    assert!(run(&ok).is_empty(), "{:#?}", run(&ok));
    let bad = doc(vec![summary, expense("107")]);
    let f = run(&bad);
    let x201: Vec<_> = f.iter().filter(|f| f.rule == "X201").collect();
    assert_eq!(x201.len(), 1, "{f:#?}");
    assert_eq!(x201[0].line, 35);
    assert_eq!(x201[0].expected.as_deref(), Some("1459.62"));
    assert!(
        x201[0].message.zh.contains("201（下级科目合计）"),
        "{}",
        x201[0].message.zh
    );
    // The column totals of 表三 are checked against its 项 rows as well.
    assert!(
        f.iter().any(|f| f.rule == "X121" && f.line == 727),
        "{f:#?}"
    );
}
