//! Properties of the evaluator: exactly consistent tables never give a finding, and a total
//! moved by more than the rounding tolerance always does.

use budgetlint::model::*;
use budgetlint::rules::{self, Catalogue, Selection};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn cents(c: i64, line: usize) -> Option<Figure> {
    Some(Figure::new(Decimal::new(c, 2), 2, line))
}

fn expense(rows: &[(i64, i64)], total_shift: i64) -> Document {
    let columns = vec![
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
    ];
    let classes = [
        "201", "205", "206", "207", "208", "210", "211", "212", "213", "221",
    ];
    let mut body: Vec<Row> = rows
        .iter()
        .zip(classes.iter())
        .enumerate()
        .map(|(i, ((b, p), code))| Row {
            line: 10 + i,
            kind: RowKind::Function,
            code: FunctionCode::parse(code).map(Code::Function),
            name: format!("类 {code}"),
            project: None,
            values: vec![cents(b + p, 10 + i), cents(*b, 10 + i), cents(*p, 10 + i)],
            columns_inferred: false,
        })
        .collect();
    let (tb, tp): (i64, i64) = rows.iter().fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1));
    body.push(Row {
        line: 99,
        kind: RowKind::Total,
        code: None,
        name: "合计".into(),
        project: None,
        values: vec![
            cents(tb + tp + total_shift, 99),
            cents(tb, 99),
            cents(tp, 99),
        ],
        columns_inferred: false,
    });
    Document {
        path: "p.txt".into(),
        info: DocumentInfo::default(),
        tables: vec![Table {
            label: "表三".into(),
            number: Some(3),
            kind: TableKind::Expense,
            scope: FundScope::AllFunds,
            title: "部门支出总体情况表".into(),
            line: 8,
            end_line: 99,
            unit: Unit::WanYuan,
            unit_stated: true,
            columns,
            income: vec![],
            rows: body,
            empty_note: None,
            issues: vec![],
        }],
        performance: vec![],
        narrative: vec![],
        claims: Vec::new(),
        lines: vec![],
        pages: vec![],
    }
}

fn x_findings(d: &Document) -> Vec<budgetlint::rules::Finding> {
    let cat = Catalogue::builtin().expect("builtin");
    rules::run(d, &cat, &Selection::default())
        .into_iter()
        .filter(|f| f.rule.starts_with('X'))
        .collect()
}

proptest! {
    #[test]
    fn consistent_tables_pass(rows in prop::collection::vec((0i64..100_000_000, 0i64..100_000_000), 1..10)) {
        let f = x_findings(&expense(&rows, 0));
        prop_assert!(f.is_empty(), "{:#?}", f);
    }

    #[test]
    fn shifted_total_is_caught(
        rows in prop::collection::vec((0i64..100_000_000, 0i64..100_000_000), 1..10),
        sign in prop::bool::ANY,
    ) {
        // Beyond n+1 half-units on the column total and 2 on the row identity.
        let shift = (rows.len() as i64 + 2) * if sign { 1 } else { -1 };
        let f = x_findings(&expense(&rows, shift));
        prop_assert!(f.iter().any(|f| f.rule == "X121" && f.line == 99), "{:#?}", f);
        prop_assert!(f.iter().any(|f| f.rule == "X101" && f.line == 99), "{:#?}", f);
    }
}
