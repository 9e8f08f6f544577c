//! The real defects of the sample disclosures are found, each with its line and both figures,
//! and the correct documents raise nothing: no false alarms from rounding or from tables that
//! differ by design (scope read from the title).

use budgetlint::rules::{Finding, Severity};
use std::path::PathBuf;

fn findings(name: &str) -> Vec<Finding> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let doc = budgetlint::extract(&path).unwrap();
    budgetlint::check_document(&doc)
}

fn has(fs: &[Finding], rule: &str, line: usize, expected: &str, actual: &str) -> bool {
    fs.iter().any(|f| {
        f.rule == rule
            && f.line == line
            && f.expected.as_deref() == Some(expected)
            && f.actual.as_deref() == Some(actual)
    })
}

fn errors(fs: &[Finding]) -> Vec<String> {
    fs.iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}@{}", f.rule, f.line))
        .collect()
}

#[test]
fn defects_of_001() {
    let fs = findings("001_21f1af62e491819b.txt");
    // 表七 便民服务站运行费 378.37 vs its 绩效目标表 378.36, naming the 表七 sums it breaks.
    let t = fs.iter().find(|f| f.rule == "T106").expect("T106");
    assert_eq!(
        (t.expected.as_deref(), t.actual.as_deref()),
        (Some("378.36"), Some("378.37"))
    );
    assert!(
        t.message.zh.contains("204 02 公安") && t.message.zh.contains("合计"),
        "{}",
        t.message.zh
    );
    assert!(t.related_lines.contains(&2633), "{:?}", t.related_lines);
    // The same project's narrative 预算安排规模.
    assert!(has(&fs, "N124", 2106, "378.36", "378.37"));
    // 房屋租赁: narrative 本年预算 284.218 and its computed items vs 280.19 in 表七.
    assert!(has(&fs, "N124", 2275, "280.190", "284.218"));
    assert!(has(&fs, "N106", 2293, "284.2160", "280.1900"));
    // 食堂采购与补助: written arithmetic 512.64 vs 512.65.
    assert!(has(&fs, "N113", 2135, "512.64", "512.65"));
    // 便民服务站建设项目 lists 549.26 万元 of items for a budget of 530.00 ("共计约 530 万元");
    // 网络系统运营维护 lists 9.6 + 5 + 12 = 26.60 for a budget of 20.00.
    assert!(has(&fs, "N113", 2305, "549.26", "530.00"));
    assert!(has(&fs, "N113", 2333, "26.60", "20.00"));
    // Growth rates claimed on zero priors.
    assert_eq!(fs.iter().filter(|f| f.rule == "N103").count(), 5);
    // Nothing else is an error: the rounding-only 三公 rate "下降 1.84%" passes.
    let mut e = errors(&fs);
    e.sort();
    assert_eq!(
        e,
        [
            "N103@1996",
            "N103@2002",
            "N103@2029",
            "N103@2037",
            "N103@2045",
            "N106@2293",
            "N113@2135",
            "N113@2275",
            "N113@2305",
            "N113@2333",
            "N124@2106",
            "N124@2149",
            "N124@2275",
            "T106@1683"
        ]
    );
}

#[test]
fn defects_of_002() {
    let fs = findings("002_0e3626f947e34449.txt");
    // 表一 收入总计 1483.22 vs 支出合计 1476.62 (上年结余 6.6 with nothing on the expense side).
    assert!(has(&fs, "X131", 191, "1476.62", "1483.22"));
    // 表二 books everything to 201 03 01 while 表三 splits it.
    assert!(has(&fs, "X205", 237, "1352.62", "1483.22"));
    assert!(has(&fs, "X205", 555, "124", "0"));
    // 表七 codes all five projects to 201 03 99 (174) while 表三 carries 124 there and 50 of
    // 项目支出 under 201 03 01: compared with 表三 because 表七 is a plain 项目支出情况表.
    assert!(has(&fs, "X212", 1390, "124", "174"));
    assert!(has(&fs, "X212", 549, "50", "0"));
    assert!(fs
        .iter()
        .find(|f| f.rule == "X212")
        .unwrap()
        .identity
        .as_deref()
        .unwrap()
        .contains("all_funds"));
    // Narrative: 退休费 0 / 奖励金 0 vs 表六; 2010399 157 vs 表五 107; 基本支出 1459.62 vs 1302.62;
    // the total change 389.3 vs its 项 changes; 机关运行经费 311.52 vs 公用经费 186.54.
    assert!(has(&fs, "N122", 1877, "30.52", "0.00"));
    assert!(has(&fs, "N122", 1877, "4.09", "0.00"));
    assert!(has(&fs, "N120", 1874, "107.00", "157.00"));
    assert!(has(&fs, "N120", 1869, "1302.62", "1459.62"));
    assert!(has(&fs, "N104", 1869, "-204.33", "-389.30"));
    let n123 = fs.iter().find(|f| f.rule == "N123").unwrap();
    assert_eq!(
        (
            n123.severity,
            n123.expected.as_deref(),
            n123.actual.as_deref()
        ),
        (Severity::Warning, Some("186.54"), Some("311.52"))
    );
    // 表三 (all funds) and 表五 (general budget) differ by exactly the 17 of 上级专项: by design.
    assert!(!fs.iter().any(|f| f.rule.starts_with('X')
        && f.message.zh.contains("表五")
        && f.message.zh.contains("表三")
        && f.severity == Severity::Error));
}

#[test]
fn correct_documents_raise_nothing() {
    let serious = |fs: &[Finding], expected: &[(&str, usize)]| -> Vec<String> {
        fs.iter()
            .filter(|f| f.severity != Severity::Info)
            .filter(|f| !expected.contains(&(f.rule.as_str(), f.line)))
            .map(|f| format!("{} {} {}", f.rule, f.line, f.message.zh))
            .collect()
    };
    let fs = findings("004_68abc374c9e05f07.txt");
    assert!(
        serious(&fs, &[]).is_empty(),
        "004: {:#?}",
        serious(&fs, &[])
    );
    // gov-office's one defect (the human review's, line 47): the template's instruction
    // "具体包括（列示至基层预算单位）" left in the text. Nothing else.
    let fs = findings("gov-office-2025-dept-budget.layout.txt");
    assert!(fs.iter().any(|f| f.rule == "R102" && f.line == 47));
    let left = serious(&fs, &[("R102", 47)]);
    assert!(left.is_empty(), "gov-office: {left:#?}");
    // wanli-2025's two (the review's lines 783 and 120): 地上建筑面积 8013㎡ against 计容 7998 +
    // 不计容 105 = 8103, and item 21's 款 named 卫生健康支出 where the tables have 210 07
    // 计划生育事务. Nothing else.
    for (name, area, item) in [
        ("wanli-2025-dept-budget.layout.txt", 783, 120),
        ("wanli-2025-dept-budget.tabs.txt", 590, 122),
    ] {
        let fs = findings(name);
        let left = serious(&fs, &[("N112", area), ("R105", item)]);
        assert!(left.is_empty(), "{name}: {left:#?}");
        assert!(has(&fs, "N112", area, "8103", "8013"), "{name}");
        assert!(
            fs.iter().any(|f| f.rule == "R105" && f.line == item),
            "{name}"
        );
    }
}

#[test]
fn wanli_converters_give_the_same_findings() {
    let key = |fs: Vec<Finding>| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = fs.into_iter().map(|f| (f.rule, f.message.zh)).collect();
        v.sort();
        v
    };
    assert_eq!(
        key(findings("wanli-2025-dept-budget.layout.txt")),
        key(findings("wanli-2025-dept-budget.tabs.txt"))
    );
    // The reading-order text cannot give its tables: it says which, and claims nothing the
    // layout text does not (its narrative's one real defect it finds too).
    let raw = findings("wanli-2025-dept-budget.raw.txt");
    let layout = key(findings("wanli-2025-dept-budget.layout.txt"));
    assert!(
        raw.iter()
            .filter(|f| f.severity == Severity::Error)
            .all(|f| layout.contains(&(f.rule.clone(), f.message.zh.clone()))),
        "{:?}",
        errors(&raw)
    );
    let unreadable: Vec<&Finding> = raw.iter().filter(|f| f.rule == "T003").collect();
    for table in [
        "部门财务收支预算总表",
        "部门收入预算总表",
        "部门支出预算总表",
        "部门一般公共预算支出功能分类预算表",
    ] {
        assert!(
            unreadable.iter().any(|f| f.table.as_deref() == Some(table)),
            "{table} not reported as unreadable"
        );
    }
}

/// A sum off only by rounding passes; a real difference does not. Thirds of 100.00 are
/// printed 33.33 each: their printed sum 99.99 is within the half-cents of four figures.
#[test]
fn rounding_tolerance_on_sums() {
    let table = |class: &str| {
        format!(
            "表三\n部门支出总体情况表\n编制部门：某局\t单位：万元\n科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出\n类\t款\t项\n\
             201\t\t\t一般公共服务支出\t{class}\t{class}\t\n\
             201\t01\t\t人大事务\t33.33\t33.33\t\n\
             201\t02\t\t政协事务\t33.33\t33.33\t\n\
             201\t03\t\t政府办公厅（室）及相关机构事务\t33.33\t33.33\t\n\
             \t\t\t合计\t{class}\t{class}\t\n"
        )
    };
    let check = |class: &str| {
        let doc = budgetlint::extract_bytes("t.txt", table(class).as_bytes()).unwrap();
        budgetlint::check_document(&doc)
            .into_iter()
            .filter(|f| f.rule == "T101")
            .collect::<Vec<_>>()
    };
    assert!(check("100.00").is_empty(), "{:?}", check("100.00"));
    let off = check("100.05");
    let f = off.first().expect("a 0.06 difference is reported");
    assert_eq!(
        (
            f.expected.as_deref(),
            f.actual.as_deref(),
            f.difference.as_deref()
        ),
        (Some("99.99"), Some("100.05"), Some("0.06"))
    );
    assert_eq!(f.line, 6);
    assert_eq!(f.related_lines, vec![7, 8, 9]);
}
