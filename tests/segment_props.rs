//! Properties of the segmenter (`src/segment`) and the table reader behind it: arbitrary
//! line sequences never panic, a generated table is found with its rows, and appending
//! unrelated prose does not change what was found.

use budgetlint::normalize::normalize;
use budgetlint::segment::find_regions;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Lines a disclosure is made of, and some it is not.
fn any_line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "",
        "表一",
        "表三：",
        "表 3",
        "表十一：上年结转结余情况明细表",
        "部门支出总体情况表",
        "一般公共预算基本支出情况表",
        "财政拨款“三公”经费支出情况表",
        "项目支出绩效目标表",
        "部门整体绩效目标表",
        "编制部门：某某局                单位：万元",
        "单位：元",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "功能分类科目 合计 基本支出 项目支出",
        "类\t款\t项",
        "201\t03\t01\t行政运行\t1302.62\t1302.62\t",
        "201 一般公共服务支出 1476.62 1302.62 174.00",
        "301 工资福利支出 280.87",
        "合计 1476.62 1302.62 174.00",
        "合计",
        "总计\t1,476.62",
        "项目名称 信息化运维",
        "年度资金总额 174.00",
        "备注：本表为空表。",
        "第三部分 预算情况说明",
        "名词解释",
        "一般公共预算支出1476.62万元，比上年增加82.72万元，增长5.94%。",
        "“三公”经费预算12.50万元，其中公务接待费4.50万元，占36.00%。",
        "- 2 -",
        "\u{c}",
        "……………………………… 3",
        "１２３４．５６",
        "\t\t\t",
        "<td>合计</td>",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => fixed,
        1 => "[表合计一二三0-9. \t：万元项目]{0,30}",
        1 => any::<String>().prop_map(|s| s.replace(['\n', '\r'], " ")),
    ]
}

/// One row of a generated 表三: (基本支出, 项目支出) in cents.
fn rows() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..100_000_000, 0i64..100_000_000), 1..9)
}

const CLASSES: [(&str, &str); 8] = [
    ("201", "一般公共服务支出"),
    ("205", "教育支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("221", "住房保障支出"),
];

fn money(cents: i64) -> String {
    Decimal::new(cents, 2).to_string()
}

/// A 表三 (部门支出总体情况表) with its title, unit, header, one 类 row per entry and the
/// 合计 row, cells separated by tabs.
fn expense_table(rows: &[(i64, i64)]) -> String {
    let mut t = String::from(
        "表三\n部门支出总体情况表\n编制部门：某某局\t单位：万元\n功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出\n",
    );
    for ((b, p), (code, name)) in rows.iter().zip(CLASSES.iter()) {
        t.push_str(&format!(
            "{code}\t{name}\t{}\t{}\t{}\n",
            money(b + p),
            money(*b),
            money(*p)
        ));
    }
    let (tb, tp) = rows.iter().fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1));
    t.push_str(&format!(
        "合计\t\t{}\t{}\t{}\n",
        money(tb + tp),
        money(tb),
        money(tp)
    ));
    t
}

/// Sentences that mention nothing a table is made of.
fn prose() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(
        prop::sample::select(vec![
            "本部门认真贯彻落实中央八项规定精神，严格控制一般性支出，厉行节约，确保各项工作顺利开展，进一步提高资金使用效益。",
            "下一步，我们将继续加强内部管理，完善各项规章制度，提高工作效率和服务水平，自觉接受社会各界的监督和批评。",
            "机关运行经费主要用于办公、印刷、水电、邮电、差旅、会议、培训、维修等日常公用支出，保障机关正常运转需要。",
            "",
        ]),
        1..6,
    )
}

/// The regions found: label, first line and last non-blank line (a region that runs to the
/// end of the file takes in the blank lines after it).
fn regions_of(text: &str) -> Vec<(String, usize, usize)> {
    let lines = normalize(text);
    find_regions(&lines)
        .0
        .into_iter()
        .map(|r| {
            let last = (r.start..r.end)
                .rev()
                .find(|&i| lines.get(i).is_some_and(|l| !l.text.trim().is_empty()))
                .unwrap_or(r.start);
            (r.label, r.start, last)
        })
        .collect()
}

/// 128 cases (each one builds and checks documents) unless PROPTEST_CASES says otherwise
/// (the CI fallback when cargo-fuzz is missing raises it).
fn config() -> ProptestConfig {
    let d = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        d.cases
    } else {
        128
    };
    ProptestConfig { cases, ..d }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_lines_never_panic(lines in prop::collection::vec(any_line(), 0..60)) {
        let text = lines.join("\n");
        let norm = normalize(&text);
        let (regions, perf) = find_regions(&norm);
        for r in &regions {
            prop_assert!(r.start <= r.title_idx && r.title_idx < r.end && r.end <= norm.len(), "{:?}", r);
        }
        for (s, e) in &perf {
            prop_assert!(s < e && *e <= norm.len());
        }
        let doc = budgetlint::build_document("p.txt", &norm);
        prop_assert_eq!(doc.lines.len(), norm.len());
        for t in &doc.tables {
            prop_assert!(t.line >= 1 && t.line <= t.end_line.max(t.line) && t.end_line <= norm.len());
            for row in &t.rows {
                prop_assert!(row.line >= 1 && row.line <= norm.len());
            }
        }
        let _ = budgetlint::check_document(&doc);
    }

    #[test]
    fn generated_table_is_found_with_its_rows(rows in rows()) {
        let text = expense_table(&rows);
        let doc = budgetlint::extract_bytes("gen.txt", text.as_bytes());
        prop_assert!(doc.is_ok(), "{:?}", doc.err());
        let Ok(doc) = doc else { return Ok(()) };
        prop_assert_eq!(doc.tables.len(), 1);
        let t = &doc.tables[0];
        prop_assert_eq!(t.label.as_str(), "表三");
        prop_assert!(t.issues.is_empty(), "{:?}", t.issues);
        // One row per 类 plus the 合计 row.
        prop_assert_eq!(t.rows.len(), rows.len() + 1, "{:#?}", t.rows);
        prop_assert!(t.total_row().is_some());
        // Exactly consistent: no finding about the table's own arithmetic.
        let fs = budgetlint::check_document(&doc);
        prop_assert!(!fs.iter().any(|f| f.rule.starts_with("X1") || f.rule == "T101"), "{:?}", fs);
    }

    #[test]
    fn appending_prose_changes_no_table(rows in rows(), tail in prose(), lead in prose()) {
        // The table ends with a blank line in both texts: a region that runs to the next
        // text takes in the blank lines before it (its end_line with them), which is not
        // what this property is about.
        let table = expense_table(&rows);
        let text = format!("{}\n{table}\n", lead.join("\n"));
        let tail: Vec<&str> = tail.into_iter().filter(|s| !s.is_empty()).collect();
        prop_assume!(!tail.is_empty());
        let more = format!("{text}{}\n", tail.join("\n"));
        prop_assert_eq!(regions_of(&text), regions_of(&more));
        let a = budgetlint::extract_bytes("p.txt", text.as_bytes());
        let b = budgetlint::extract_bytes("p.txt", more.as_bytes());
        prop_assert!(a.is_ok() && b.is_ok());
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert_eq!(
                serde_json::to_value(&a.tables).ok(),
                serde_json::to_value(&b.tables).ok()
            );
        }
    }
}
