//! Cross-year checks (P1xx): a document's restated figures of the year before against the
//! document published that year (`budgetlint check THIS --previous LAST`).
//!
//! Every budget restates last year's ("收入预算18,976.76万元，比2024年预算增加3,355.65万元":
//! the 2024 budget said 15,621.11), every 决算 last year's 决算 ("与2023年度相比，…增加…").
//! Whether those implied figures are what was published a year earlier needs both
//! documents side by side. A claim's implied prior (current ∓ change, the current itself for
//! 持平, or the prior it states) is looked up in LAST — in its tables as the narrative rules
//! resolve an amount, else in its own narrative under the same section and subject — and
//! compared with interval tolerance.
//!
//! Not compared (counted, P100): a prior that is a 执行数 or 调整预算 (LAST states its 年初
//! 预算, not those), a comparison with another year or kind than LAST's, a change without a
//! direction, and items LAST does not state.

pub mod p101_restated_prior;
pub mod p102_initial_budget;

use crate::arith::Mismatch;
use crate::model::{DocKind, Document, Figure, PreviousRef};
use crate::normalize::{abbreviates, compact};
use crate::rules::{Finding, Message, Severity};

/// (code, one-line English title) of every cross-year rule.
pub const RULES: &[(&str, &str)] = &[
    (
        "P100",
        "How many restated prior figures could be compared with last year's document",
    ),
    (
        p101_restated_prior::CODE,
        "A restated prior figure differs from last year's published figure",
    ),
    (
        p102_initial_budget::CODE,
        "A 决算's 年初预算 differs from the same year's published budget",
    ),
];

/// A 万元 figure as shown: a table in 元 converted to 万元 has four decimals (156,211,123 元 =
/// 15621.1123 万元); it is shown to the fen, as the narrative prints 万元.
pub(crate) fn wan_shown(f: &Figure) -> String {
    if f.scale > 2 {
        let mut v = f.value.round_dp(2);
        v.rescale(2);
        v.to_string()
    } else {
        f.printed()
    }
}

/// A name as shown inside the message's own quotes: without the parser's leftover "年" and
/// without quote marks of its own.
pub(crate) fn shown(subject: &str) -> String {
    subject
        .trim_start_matches(['年', '度'])
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"'))
        .collect()
}

/// Where the other document states the figure a finding compared with.
pub(super) struct OtherFigure<'a> {
    pub doc: &'a Document,
    pub path: &'a str,
    pub figure: &'a Figure,
    /// The other document is the 决算's budget (`--budget`), not last year's.
    pub budget: bool,
}

/// Fill a cross-document finding at `fig` (this document's figure) from mismatch `m`
/// against the other document's figure: a warning, expected as shown (to the fen), actual,
/// their difference, the tolerance, and the other document's line.
pub(super) fn against(
    mut f: Finding,
    fig: &Figure,
    m: &Mismatch,
    other: OtherFigure<'_>,
) -> Finding {
    let value = wan_shown(other.figure);
    f.severity = Severity::Warning;
    f.col = fig.col;
    f.width = fig.printed().chars().count();
    f.expected = Some(value.clone());
    f.actual = Some(m.actual.to_string());
    // actual − expected as shown (the expected shown to the fen).
    let shown_expected = value.parse::<rust_decimal::Decimal>().unwrap_or(m.expected);
    f.difference = Some((m.actual - shown_expected).to_string());
    f.tolerance = Some(m.tolerance.to_string());
    let line = other.figure.line;
    f.previous = Some(PreviousRef {
        path: other.path.to_string(),
        line,
        value,
        text: other
            .doc
            .lines
            .get(line.wrapping_sub(1))
            .cloned()
            .unwrap_or_default(),
        budget: other.budget,
    });
    f
}

/// Why two documents are not a pair of consecutive years of one department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPair {
    pub zh: String,
    pub en: String,
}

/// Whether two cover names are the same department (one may abbreviate the other).
pub fn same_department(a: &str, b: &str) -> bool {
    let (a, b) = (compact(a), compact(b));
    !a.is_empty() && !b.is_empty() && (abbreviates(&a, &b) || abbreviates(&b, &a))
}

/// What `last` must be for `this`: the same department, kind and level, one year earlier.
pub fn check_pair(this: &Document, last: &Document) -> Result<(), NotAPair> {
    let name = |d: &Document| d.info.department.clone().unwrap_or_default();
    if !same_department(&name(this), &name(last)) {
        return Err(NotAPair {
            zh: format!(
                "不是同一部门的文件：本年为“{}”，上年为“{}”",
                name(this),
                name(last)
            ),
            en: format!(
                "not the same department: this year “{}”, last year “{}”",
                name(this),
                name(last)
            ),
        });
    }
    if this.info.kind != last.info.kind || this.info.level != last.info.level {
        return Err(NotAPair {
            zh: "两个文件的类型不同（预算/决算、部门/单位）".into(),
            en: "the two documents are not of one kind (预算/决算, 部门/单位)".into(),
        });
    }
    match (this.info.year, last.info.year) {
        (Some(t), Some(l)) if t == l + 1 => Ok(()),
        (t, l) => Err(NotAPair {
            zh: format!(
                "上年文件的年度应为 {}，实为 {}",
                t.map(|y| (y - 1).to_string()).unwrap_or_else(|| "?".into()),
                l.map(|y| y.to_string()).unwrap_or_else(|| "?".into())
            ),
            en: format!(
                "last year's document should be for {}, it is for {}",
                t.map(|y| (y - 1).to_string()).unwrap_or_else(|| "?".into()),
                l.map(|y| y.to_string()).unwrap_or_else(|| "?".into())
            ),
        }),
    }
}

/// The outcome of comparing one document with last year's.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub findings: Vec<Finding>,
    /// Claims whose implied prior was found in LAST and compared (agreeing or not).
    pub compared: Vec<p101_restated_prior::Compared>,
    /// Claims that restate a prior LAST cannot confirm, with the reason.
    pub not_comparable: Vec<(usize, &'static str)>,
}

/// Compare `this` with `last` (`last_path` as the user gave it, for the findings).
pub fn compare(this: &Document, last: &Document, last_path: &str) -> Comparison {
    let kind = this.info.kind.zh();
    counted(
        p101_restated_prior::compare(this, last, last_path),
        |n, m| {
            Message::new(
            format!("与上年{kind}文件 {last_path} 比较：核对了 {n} 处上年数，{m} 处无法核对"),
            format!(
                "against last year's document {last_path}: {n} restated prior figures compared, {m} could not be"
            ),
        )
        },
    )
}

/// A comparison with its P100 note: how many claims were compared (`n`) and how many could
/// not be (`m`).
fn counted(mut c: Comparison, message: impl FnOnce(usize, usize) -> Message) -> Comparison {
    let mut f = Finding::new("P100", 1, message(c.compared.len(), c.not_comparable.len()));
    f.severity = Severity::Info;
    c.findings.push(f);
    c
}

/// What `budget` must be for the 决算 `this`: the same department and level, a 预算 of the
/// same year.
pub fn check_budget_pair(this: &Document, budget: &Document) -> Result<(), NotAPair> {
    let name = |d: &Document| d.info.department.clone().unwrap_or_default();
    if this.info.kind != DocKind::Final || budget.info.kind != DocKind::Budget {
        return Err(NotAPair {
            zh: "--budget 用于决算文件，所给文件应为同年的预算".into(),
            en: "--budget is for a 决算, and the file given must be that year's 预算".into(),
        });
    }
    if !same_department(&name(this), &name(budget)) {
        return Err(NotAPair {
            zh: format!(
                "不是同一部门的文件：决算为“{}”，预算为“{}”",
                name(this),
                name(budget)
            ),
            en: format!(
                "not the same department: the 决算 is “{}”, the budget “{}”",
                name(this),
                name(budget)
            ),
        });
    }
    if this.info.level != budget.info.level {
        return Err(NotAPair {
            zh: "两个文件一个是部门、一个是单位".into(),
            en: "one document is a department's, the other a unit's".into(),
        });
    }
    if this.info.year.is_none() || this.info.year != budget.info.year {
        return Err(NotAPair {
            zh: "预算文件的年度与决算不同".into(),
            en: "the budget is not for the year of the 决算".into(),
        });
    }
    Ok(())
}

/// Compare a 决算's 年初预算 figures with the same year's `budget` (`budget_path` as given).
pub fn compare_budget(this: &Document, budget: &Document, budget_path: &str) -> Comparison {
    counted(
        p102_initial_budget::compare(this, budget, budget_path),
        |n, m| {
            Message::new(
            format!("与同年预算文件 {budget_path} 比较：核对了 {n} 处年初预算数，{m} 处无法核对"),
            format!(
                "against the year's budget {budget_path}: {n} 年初预算 figures compared, {m} could not be"
            ),
        )
        },
    )
}
