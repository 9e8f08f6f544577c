//! N130 — a 决算's completion of its budget (完成预算的 C%) that does not match outturn ÷
//! budget, or a word comparing them (决算数小于预算数) the figures contradict.
//!
//! A 决算 restates, item by item, last year's budget and this year's outturn: "年初预算为A万元，
//! （全年预算为A′万元，）支出决算为B万元，完成年初预算的C%。决算数小于预算数的主要原因：…".
//! C must be B ÷ (the budget it names) within the rounding of the printed figures. A budget of
//! zero — stated, or an empty 预算数 in the 三公 table for "因公出国（境）费决算为0.00万元，完成
//! 预算的0%" — has no completion rate at all. A rate labelled 年初 that is B ÷ 全年预算 names the
//! wrong budget. "小于 / 大于 / 持平" must agree with B against the budget it names.
//!
//! Why: the budget figures of these sentences appear in no table of the 决算 (they are last
//! year's plans), so nothing else checks them; the rate and the comparison word are typed by
//! hand and are copied from the previous year's text.
//!
//! Example: "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的
//! 95.89%" — the 年初预算 is 0, so no rate of it exists; 95.89% is 307.82 ÷ 321.02, the 全年预算.

use super::util::*;
use crate::arith::{check_rate, Interval};
use crate::model::claim::{subject_key, Claim, ClaimData, Direction, Money};
use crate::model::{ColumnKey, Document, Figure, TableKind};
use crate::rules::{Finding, Severity};
use rust_decimal::Decimal;

pub const CODE: &str = "N130";

/// A budget a completion can be measured against.
#[derive(Debug, Clone)]
struct Budget {
    figure: Figure,
    /// "年初预算" / "全年预算" / "预算数（三公经费表）".
    zh: String,
    en: String,
    /// Whether the budget is 年初 (true), 全年 (false) or a table's 预算数 (None).
    initial: Option<bool>,
}

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::Completion {
            budget,
            budget_initial,
            full_budget,
            actual,
            rate,
            rate_base,
            word,
        } = &c.data
        else {
            continue;
        };
        let mut budgets: Vec<Budget> = Vec::new();
        if let Some(b) = budget {
            budgets.push(stated(b, *budget_initial));
        }
        if let Some(b) = full_budget {
            budgets.push(stated(b, false));
        }
        if budgets.is_empty() {
            if let Some(b) = table_budget(doc, &c.subject) {
                budgets.push(b);
            }
        }
        let subject = if c.subject.is_empty() {
            "该项"
        } else {
            c.subject.as_str()
        };
        let actual = actual.wan();
        if let Some(rate) = rate {
            check_completion_rate(subject, &budgets, rate_base, &actual, rate, out);
        }
        if let Some((dir, base, at)) = word {
            check_word(subject, &budgets, base, &actual, *dir, at, out);
        }
    }
}

fn stated(m: &Money, initial: bool) -> Budget {
    let (zh, en) = if initial {
        ("年初预算", "the initial budget (年初预算)")
    } else {
        ("全年预算", "the full-year budget (全年预算)")
    };
    Budget {
        figure: m.wan(),
        zh: zh.into(),
        en: en.into(),
        initial: Some(initial),
    }
}

/// The budget of a 三公 item from the 三公 table's 预算数 row (a 决算 prints one beside each
/// 决算数); an empty cell of a printed row is a zero budget.
fn table_budget(doc: &Document, subject: &str) -> Option<Budget> {
    let key = match subject_key(subject).as_str() {
        "三公" => ColumnKey::Total,
        "因公" => ColumnKey::Abroad,
        "公务用车购置及运行" => ColumnKey::Vehicle,
        "公务用车购置" => ColumnKey::VehiclePurchase,
        "公务用车运行" => ColumnKey::VehicleOperation,
        "公务接待" => ColumnKey::Reception,
        _ => return None,
    };
    let t = doc
        .tables
        .iter()
        .find(|t| t.kind == TableKind::ThreePublic)?;
    let row = t.rows.iter().find(|r| r.name == "预算数")?;
    let i = t.column_index(&key)?;
    let figure = match row.values.get(i)? {
        Some(f) => table_wan(f, t.unit),
        None => {
            let mut f = Figure::new(Decimal::ZERO, 2, row.line);
            f.col = None;
            f
        }
    };
    Some(Budget {
        figure,
        zh: format!("{}预算数（第 {} 行）", t.label, row.line),
        en: format!("the 预算数 of {} (line {})", t.label, row.line),
        initial: None,
    })
}

/// The budgets a rate or word naming `base` ("年初", "全年", "") may mean.
fn named<'a>(budgets: &'a [Budget], base: &str) -> Vec<&'a Budget> {
    match base {
        "年初" => budgets
            .iter()
            .filter(|b| b.initial != Some(false))
            .collect(),
        "全年" => budgets.iter().filter(|b| b.initial != Some(true)).collect(),
        _ => budgets.iter().collect(),
    }
}

fn is_zero(f: &Figure) -> bool {
    Interval::of(f).overlaps(Interval::exact(Decimal::ZERO))
}

fn check_completion_rate(
    subject: &str,
    budgets: &[Budget],
    base: &str,
    actual: &Figure,
    rate: &Figure,
    out: &mut Vec<Finding>,
) {
    let candidates = named(budgets, base);
    if candidates.is_empty() {
        return;
    }
    let fits = |b: &Budget| -> bool {
        !is_zero(&b.figure)
            && check_rate(rate, Interval::of(actual), Interval::of(&b.figure)).is_none()
    };
    if candidates.iter().any(|b| fits(b)) {
        return;
    }
    // The rate is another budget's: "完成年初预算的95.89%" computed on the 全年预算.
    let other = budgets
        .iter()
        .find(|b| !candidates.iter().any(|c| std::ptr::eq(*c, *b)) && fits(b));
    let Some(b) = candidates.first() else { return };
    if is_zero(&b.figure) {
        let (also_zh, also_en) = match other {
            Some(o) => (
                format!(
                    "；{}% 是决算 {} ÷ {} {}",
                    rate.printed(),
                    actual.printed(),
                    o.zh,
                    o.figure.printed()
                ),
                format!(
                    "; {}% is the outturn {} / {} {}",
                    rate.printed(),
                    actual.printed(),
                    o.en,
                    o.figure.printed()
                ),
            ),
            None => (String::new(), String::new()),
        };
        let mut f = finding(
            CODE,
            Severity::Error,
            rate,
            format!(
                "{subject}的{}为 {}，完成预算的比率无意义，不应写为 {}%{also_zh}",
                b.zh,
                b.figure.printed(),
                rate.printed()
            ),
            format!(
                "{subject}: {} is {}, so there is no completion rate; the text claims {}%{also_en}",
                b.en,
                b.figure.printed(),
                rate.printed()
            ),
        );
        f.expected = Some("无（预算数为0，完成率无意义）/ undefined".into());
        f.actual = Some(format!("{}%", rate.printed()));
        f.identity = Some("完成率 = 决算数 ÷ 预算数".into());
        related(&mut f, &[&b.figure, actual], rate.line);
        out.push(f);
        return;
    }
    let Some(m) = check_rate(rate, Interval::of(actual), Interval::of(&b.figure)) else {
        return;
    };
    let (also_zh, also_en) = match other {
        Some(o) => (
            format!("（该比率是按{} {} 计算的）", o.zh, o.figure.printed()),
            format!(" (the rate is the one of {} {})", o.en, o.figure.printed()),
        ),
        None => (String::new(), String::new()),
    };
    let mut f = finding(
        CODE,
        Severity::Error,
        rate,
        format!(
            "{subject}的完成率与决算数、预算数不符：{} ÷ {}{} 应为 {}%，说明中写为 {}%{also_zh}",
            actual.printed(),
            b.zh,
            b.figure.printed(),
            p(m.expected, rate.scale.max(2)),
            rate.printed()
        ),
        format!(
            "{subject}: the completion rate does not match: {} / {} {} is {}%, the text says {}%{also_en}",
            actual.printed(),
            b.en,
            b.figure.printed(),
            p(m.expected, rate.scale.max(2)),
            rate.printed()
        ),
    );
    fill(&mut f, &m, rate.scale.max(2));
    f.identity = Some("完成率 = 决算数 ÷ 预算数".into());
    related(&mut f, &[&b.figure, actual], rate.line);
    out.push(f);
}

fn check_word(
    subject: &str,
    budgets: &[Budget],
    base: &str,
    actual: &Figure,
    dir: Direction,
    at: &Figure,
    out: &mut Vec<Finding>,
) {
    let candidates = named(budgets, base);
    if candidates.is_empty() {
        return;
    }
    let a = Interval::of(actual);
    let agrees = |b: &Budget| -> bool {
        let bi = Interval::of(&b.figure);
        match dir {
            Direction::Up => a.hi > bi.lo,
            Direction::Down => a.lo < bi.hi,
            // "基本持平": equal, or within 1% of the budget.
            Direction::Flat => {
                let slack = (bi.hi.abs() / Decimal::ONE_HUNDRED).max(Decimal::ZERO);
                a.lo <= bi.hi + slack && bi.lo - slack <= a.hi
            }
            Direction::Unspecified => true,
        }
    };
    if candidates.iter().any(|b| agrees(b)) {
        return;
    }
    let Some(b) = candidates.first() else { return };
    let (word_zh, word_en) = match dir {
        Direction::Up => ("大于", "greater than"),
        Direction::Down => ("小于", "less than"),
        _ => ("持平", "level with"),
    };
    let truth = match actual.value.cmp(&b.figure.value) {
        std::cmp::Ordering::Greater => "大于",
        std::cmp::Ordering::Less => "小于",
        std::cmp::Ordering::Equal => "等于",
    };
    let mut f = finding(
        CODE,
        Severity::Error,
        at,
        format!(
            "{subject}：说明写决算数{word_zh}预算数，但决算 {} {truth}{} {}",
            actual.printed(),
            b.zh,
            b.figure.printed()
        ),
        format!(
            "{subject}: the text says the outturn is {word_en} the budget, but the outturn {} vs {} {}",
            actual.printed(),
            b.en,
            b.figure.printed()
        ),
    );
    f.expected = Some(format!("决算数{truth}预算数"));
    f.actual = Some(format!("决算数{word_zh}预算数"));
    related(&mut f, &[&b.figure, actual], at.line);
    out.push(f);
}

fn related(f: &mut Finding, figs: &[&Figure], own: usize) {
    for g in figs {
        if g.line != own && g.line != 0 && !f.related_lines.contains(&g.line) {
            f.related_lines.push(g.line);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::claim::ClaimData;
    use crate::model::Document;
    use crate::rules::Finding;

    fn build_document(text: &str) -> Document {
        crate::extract_bytes("completion.txt", text.as_bytes()).expect("a disclosure")
    }

    fn run(text: &str) -> Vec<Finding> {
        let doc = build_document(text);
        let mut out = Vec::new();
        super::check(&doc, &doc.claims, &mut out);
        out
    }

    const HEAD: &str = "2024年度部门决算\n\n  （三）一般公共预算财政拨款支出决算具体情况\n\n";

    #[test]
    fn consistent_rate_passes() {
        let t = format!("{HEAD}  一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：项目调减。\n");
        let doc = build_document(&t);
        assert!(doc
            .claims
            .iter()
            .any(|c| matches!(c.data, ClaimData::Completion { .. })));
        assert!(run(&t).is_empty(), "{:?}", run(&t));
    }

    #[test]
    fn wrong_rate_is_found_at_its_figure() {
        let t = format!("{HEAD}  一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.02%。\n");
        let f = run(&t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 5);
        assert_eq!(f[0].expected.as_deref(), Some("98.20"));
        assert_eq!(f[0].actual.as_deref(), Some("98.02"));
    }

    #[test]
    fn rate_of_a_zero_initial_budget_is_undefined_and_names_the_budget_it_is_of() {
        let t = format!("{HEAD}  一般公共预算财政拨款支出年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。\n");
        let f = run(&t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.zh.contains("无意义"), "{}", f[0].message.zh);
        assert!(f[0].message.zh.contains("全年预算"), "{}", f[0].message.zh);
    }

    #[test]
    fn full_year_rate_checked_against_the_full_year_budget() {
        let ok = format!("{HEAD}  1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：人员支出。全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 98.69%。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("98.69", "96.89");
        assert_eq!(run(&bad).len(), 1);
    }

    #[test]
    fn comparison_word_against_the_figures() {
        let ok = format!("{HEAD}  1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为 1560.05 万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员变动。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("小于", "大于");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.zh.contains("小于"), "{}", f[0].message.zh);
        let flat = ok.replace(
            "决算数小于预算数的主要原因：人员变动",
            "决算数与预算数基本持平",
        );
        assert_eq!(run(&flat).len(), 1);
        let level = format!("{HEAD}  2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：宣传。年初预算为 10.00 万元，支出决算为10.00万元。决算数与预算数基本持平。\n");
        assert!(run(&level).is_empty(), "{:?}", run(&level));
    }
}
