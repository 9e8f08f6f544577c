//! R101 — a year that is not the document's.
//!
//! The document's year comes from its cover (预算年度 / 决算年度). Then:
//! - a comparison with the year before names year − 1: a 2025 budget's "比2024年预算增加", a
//!   2024 决算's "与2023年度相比"; "比2025年预算" in a 2025 budget compares the year with itself;
//! - "YYYY年预算安排 / 预算数为" of a budget is its own year, "YYYY年当年预算执行数" the year before;
//! - a 决算's "截至YYYY年12月31日" (its assets) is the end of its own year;
//! - a table title naming a year ("2024年部门收支总表") names the document's year.
//!
//! Why: the year is copied with last year's text and survives every figure check; an auditor
//! reads a wrong year as a wrong comparison.
//!
//! Example: a 2025 budget: "2025年“三公”经费预算数为6.40万元，比2025年预算减少0.50万元".

use super::{at, char_at, prose};
use crate::model::{DocKind, Document};
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R101";

/// "比2024年预算", "较2024年", "与2023年度相比", "同2023年相比".
static COMPARED: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:比|较|与|同)\s*(?P<y>\d{4})\s*年\s*(?:度)?\s*(?:当年)?\s*(?P<basis>(?:年初|全年)?(?:预算|决算)(?:执行)?数?|执行数|相比|同期|增加|减少|增长|下降|持平|基本持平)",
    )
});
/// "2024年当年预算执行数为", "2024年预算执行数".
static EXECUTED: Lazy<Regex> =
    Lazy::new(|| crate::static_regex(r"(?P<y>\d{4})\s*年\s*(?:度)?\s*(?:当年)?\s*预算执行数"));
/// A budget's own year: "2025年预算安排", "2025年预算数为", "2025年财政拨款预算".
static PLANNED: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"(?P<y>\d{4})\s*年\s*(?:度)?\s*(?:预算安排|预算数为|部门预算安排)")
});
/// "截至2024年12月31日", "截止2024年底".
static AS_OF: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"截[至止]\s*(?P<y>\d{4})\s*年\s*(?:12\s*月\s*31\s*日|年底|底|末)")
});
/// A year in a table title: "2024年部门收支总表".
static TITLE_YEAR: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"(?P<y>\d{4})\s*年"));

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let Some(year) = doc.info.year else { return };
    let prior = year - 1;
    for p in prose(doc) {
        let s = p.text.as_str();
        let mut flag = |m: regex::Match<'_>, y: i32, want: i32, what_zh: &str, what_en: &str| {
            if y == want {
                return;
            }
            let mut f = at(
                CODE,
                Severity::Warning,
                p,
                char_at(s, m.start()),
                m.as_str().chars().count(),
                format!("{year} 年度文件中{what_zh}应为 {want} 年，文中为 {y} 年"),
                format!("in a document for {year}, {what_en} should be {want}; the text says {y}"),
            );
            f.expected = Some(want.to_string());
            f.actual = Some(y.to_string());
            out.push(f);
        };
        let executed: Vec<(usize, usize)> = EXECUTED
            .captures_iter(s)
            .filter_map(|c| c.get(0).map(|m| (m.start(), m.end())))
            .collect();
        for c in COMPARED.captures_iter(s) {
            let Some(m) = c.name("y") else { continue };
            let Ok(y) = m.as_str().parse::<i32>() else {
                continue;
            };
            // A comparison with a history year ("比2020年增长一倍") is not the year-on-year one:
            // only a year next to the document's is taken as meant for the year before.
            if (y - prior).abs() > 1 {
                continue;
            }
            let basis = c.name("basis").map(|b| b.as_str()).unwrap_or("");
            // A 决算 is measured against its own year's 预算 ("较2024年预算数减少",
            // "与2024年年初预算相比"); a budget may compare with the latest 决算, two years
            // back ("比2023年决算数增加").
            if doc.info.kind == DocKind::Final
                && basis.contains("预算")
                && !basis.contains("执行")
                && y == year
            {
                continue;
            }
            if doc.info.kind == DocKind::Budget && basis.contains("决算") && y == year - 2 {
                continue;
            }
            flag(m, y, prior, "比较的上年", "the year compared with");
        }
        for c in EXECUTED.captures_iter(s) {
            let Some(m) = c.name("y") else { continue };
            let Ok(y) = m.as_str().parse::<i32>() else {
                continue;
            };
            if doc.info.kind == DocKind::Budget && (y - prior).abs() <= 1 {
                flag(
                    m,
                    y,
                    prior,
                    "预算执行数的年度",
                    "the year of the 预算执行数",
                );
            }
        }
        for c in PLANNED.captures_iter(s) {
            let Some(m) = c.name("y") else { continue };
            let Ok(y) = m.as_str().parse::<i32>() else {
                continue;
            };
            // Last year's plan stated beside this year's ("2024年预算安排12,000.00万元，2025年
            // 预算安排12,500.00万元") is context, not a wrong year.
            let beside_this_year = y == prior && s.contains(&format!("{year}年"));
            if doc.info.kind == DocKind::Budget
                && (y - year).abs() <= 1
                && !beside_this_year
                && !executed
                    .iter()
                    .any(|(a, b)| *a <= m.start() && m.start() < *b)
            {
                flag(m, y, year, "本年预算的年度", "the year of this budget");
            }
        }
        if doc.info.kind == DocKind::Final {
            for c in AS_OF.captures_iter(s) {
                let Some(m) = c.name("y") else { continue };
                let Ok(y) = m.as_str().parse::<i32>() else {
                    continue;
                };
                flag(m, y, year, "资产等的截至日期", "the as-of date");
            }
        }
    }
    // Table titles, as printed (the model keeps them without the year), and headings that
    // name the document's kind ("第三部分 某局2023年度部门决算情况" in a 2024 决算).
    let kind_word = doc.info.kind.zh();
    let mut titled: Vec<(usize, String, Option<String>)> = doc
        .tables
        .iter()
        .filter_map(|t| {
            let l = doc.lines.get(t.line.checked_sub(1)?)?;
            Some((t.line, l.trim().to_string(), Some(t.label.clone())))
        })
        .collect();
    for p in prose(doc).filter(|p| super::title_like(&p.text)) {
        let t = p.text.trim();
        if t.contains(kind_word)
            && !t.contains("执行")
            && !titled.iter().any(|(l, _, _)| *l == p.line)
        {
            titled.push((p.line, t.to_string(), None));
        }
    }
    for (line, text, table) in titled {
        let Some(c) = TITLE_YEAR.captures(&text) else {
            continue;
        };
        let Some(m) = c.name("y") else { continue };
        let Ok(y) = m.as_str().parse::<i32>() else {
            continue;
        };
        if y == year || (y - year).abs() > 1 {
            continue;
        }
        let mut f = crate::rules::Finding::new(
            CODE,
            line,
            crate::rules::Message::new(
                format!("{year} 年度文件的标题“{text}”写为 {y} 年"),
                format!("the title “{text}” of a document for {year} says {y}"),
            ),
        );
        f.severity = Severity::Warning;
        f.table = table;
        f.expected = Some(year.to_string());
        f.actual = Some(y.to_string());
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const BUDGET: &str =
        "上海市普陀区某局\n2025年部门预算\n\n一、收支预算总体情况\n  收入预算100.00万元。\n";

    #[test]
    fn a_comparison_with_the_document_s_own_year() {
        let ok = format!("{BUDGET}  “三公”经费预算数为6.40万元，比2024年预算减少0.50万元。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("比2024年", "比2025年");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 6);
        assert_eq!(f[0].expected.as_deref(), Some("2024"));
        assert_eq!(f[0].actual.as_deref(), Some("2025"));
    }

    #[test]
    fn executed_and_planned_years_of_a_budget() {
        let ok = format!("{BUDGET}  2024年当年预算执行数为60.79万元，2025年预算安排88.87万元，比2024年预算执行数增加46.19%。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("2024年当年", "2023年当年");
        assert_eq!(run(&bad).len(), 1, "{:?}", run(&bad));
    }

    #[test]
    fn a_final_account_s_as_of_date() {
        let head = "上海市普陀区某局\n2024年度部门决算\n\n一、收入支出决算总体情况说明\n  本年收入合计2946.25万元。\n";
        let ok = format!("{head}  截至2024年12月31日，本部门共有车辆0辆。与2023年度相比，收入支出总计减少56.95万元。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("截至2024年", "截至2023年");
        assert_eq!(run(&bad).len(), 1, "{:?}", run(&bad));
        let bad = ok.replace("与2023年度", "与2024年度");
        assert_eq!(run(&bad).len(), 1, "{:?}", run(&bad));
    }

    #[test]
    fn a_final_against_its_own_years_budget_and_a_budget_against_the_latest_final() {
        let head = "上海市普陀区某局\n2024年度部门决算\n\n一、收入支出决算总体情况说明\n  本年收入合计2946.25万元。\n";
        let ok = format!("{head}  2024年度支出决算2940.05万元，较2024年预算数减少20.00万元，与2024年年初预算相比减少20.00万元。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let ok = format!("{BUDGET}  一般公共预算支出比2023年决算数增加500.00万元。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let ok = format!("{BUDGET}  2024年预算安排12,000.00万元，2025年预算安排12,500.00万元，比2024年预算增加500.00万元。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
    }

    #[test]
    fn a_heading_or_table_title_of_another_year() {
        let head = "上海市普陀区某局\n2024年度部门决算\n\n第三部分 某局2023年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n  本年收入合计2946.25万元。截至2023年底，本部门共有车辆0辆。\n";
        let f = run(head);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!((f[0].line, f[1].line), (7, 4), "{f:?}");
    }

    #[test]
    fn history_years_are_not_comparisons() {
        let ok = format!("{BUDGET}  本部门2018年成立，比2015年增加编制10名。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
    }
}
