//! P101 — a restated prior figure that differs from last year's published figure.
//!
//! "2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元" says the 2024 budget had
//! 47.91; the 2024 document's 三公 table is read for it. The prior is the current ∓ the
//! change (the current for 持平, the stated prior when the sentence gives one), with the
//! tolerance of both printed figures.
//!
//! Why: a restated prior that is not what was published makes the stated change wrong too,
//! and no reader can see it from one document.
//!
//! Example: 2025 "收入预算18,976.76万元，比2024年预算增加3,355.65万元" → 15,621.11; the 2024
//! budget's 收入预算 15,621.11 agrees. Had it said 15,721.11, P101 at the 2025 claim, with
//! the 2024 line quoted.

use super::{shown, wan_shown};
use crate::arith::check_balance;
use crate::model::claim::{subject_key, AmountRole, Claim, ClaimData, Direction, Money};
use crate::model::{DocKind, Document, Figure};
use crate::rules::narrative::resolve::{norm, resolve_amount};
use crate::rules::{Finding, Message};

pub const CODE: &str = "P101";

/// One claim compared with last year's figure.
#[derive(Debug, Clone)]
pub struct Compared {
    pub line: usize,
    pub subject: String,
    pub implied: String,
    pub last_line: usize,
    pub last_value: String,
    pub agrees: bool,
}

/// The prior a change claim implies (exact value, the figures it comes from with signs).
fn implied<'a>(
    current: &'a Money,
    change: Option<&'a Money>,
    dir: Direction,
    prior: Option<&'a Money>,
) -> Option<Vec<(Figure, bool)>> {
    if let Some(p) = prior {
        return Some(vec![(p.wan(), true)]);
    }
    match (dir, change) {
        (Direction::Flat, _) => Some(vec![(current.wan(), true)]),
        (Direction::Up, Some(ch)) => Some(vec![(current.wan(), true), (ch.wan(), false)]),
        (Direction::Down, Some(ch)) => Some(vec![(current.wan(), true), (ch.wan(), true)]),
        _ => None,
    }
}

/// Subjects that name no table figure although they mention a fund: procurement,
/// performance, office running costs.
const NOT_TABLE_ITEMS: &[&str] = &["采购", "绩效", "机关运行", "运行经费"];

/// LAST's figure for the item of claim `c` (in 万元), with its line and what it is.
fn last_figure(last: &Document, c: &Claim, current: &Money) -> Option<(Figure, String)> {
    let mut probe = c.clone();
    probe.data = ClaimData::Amount {
        money: current.clone(),
        role: AmountRole::Plain,
        approx: false,
    };
    // Only what the narrative rules would resolve to a table figure (N120's claims), and
    // never an item that merely mentions its money ("财政拨款的机关运行经费", "使用财政拨款
    // 安排的政府采购预算"): those are read from LAST's narrative.
    let table_item = crate::rules::narrative::n120_amount_vs_table::handles(&probe)
        && !NOT_TABLE_ITEMS.iter().any(|w| c.subject.contains(w));
    // A figure whose column the table reader had to infer (reading-order text) is no
    // reference for another document.
    if let Some(r) = resolve_amount(last, &probe).filter(|r| table_item && !r.inferred) {
        return Some((
            r.figure,
            format!("{}“{}”{}", r.table, shown(&r.row), r.column),
        ));
    }
    // LAST's narrative: the same section and subject, its current amount.
    let key = subject_key(&c.subject);
    let want = norm(&c.subject).into_owned();
    last.claims
        .iter()
        .filter(|o| o.section == c.section && o.project.is_none())
        .filter(|o| subject_key(&o.subject) == key && norm(&o.subject) == want)
        .find_map(|o| {
            let m = match &o.data {
                ClaimData::Amount {
                    money,
                    approx: false,
                    ..
                } => money,
                ClaimData::Change {
                    current: Some(m), ..
                } => m,
                _ => return None,
            };
            Some((m.wan(), format!("说明“{}”", shown(&o.subject))))
        })
}

/// The claim just before claim `i`, when it is in the same paragraph.
fn claim_before(doc: &Document, i: usize) -> Option<&Claim> {
    let c = doc.claims.get(i)?;
    doc.claims
        .get(i.checked_sub(1)?)
        .filter(|o| o.paragraph == c.paragraph)
}

pub fn compare(this: &Document, last: &Document, last_path: &str) -> super::Comparison {
    let mut out = super::Comparison::default();
    let last_year = last.info.year;
    for (i, c) in this.claims.iter().enumerate() {
        let stated;
        let (item, current, change, change_dir, basis, prior_year, prior) = match &c.data {
            ClaimData::Change {
                current,
                change,
                change_dir,
                basis,
                prior_year,
                prior,
                ..
            } => {
                // "公务接待费1.35万元。比2024年预算持平": the item and its current are the
                // amount just before, in the same paragraph.
                let before = claim_before(this, i).filter(|o| !o.subject.is_empty());
                let from_before = match (current, before) {
                    (None, Some(b)) if c.subject.is_empty() || c.subject == b.subject => {
                        match &b.data {
                            ClaimData::Amount { money, .. } => Some((b, money)),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                match from_before {
                    Some((b, money)) => (
                        b,
                        Some(money),
                        change.as_ref(),
                        *change_dir,
                        basis.as_str(),
                        *prior_year,
                        prior.as_ref(),
                    ),
                    None => (
                        c,
                        current.as_ref(),
                        change.as_ref(),
                        *change_dir,
                        basis.as_str(),
                        *prior_year,
                        prior.as_ref(),
                    ),
                }
            }
            // "2025年支出预算130.50万元，上年预算数为120.50万元": the prior of the amount
            // stated just before it in the paragraph.
            ClaimData::Amount { money, .. } if c.subject.starts_with("上年") => {
                let Some(item) = claim_before(this, i).filter(|o| !o.subject.starts_with("上年"))
                else {
                    continue;
                };
                let ClaimData::Amount { money: cur, .. } = &item.data else {
                    continue;
                };
                stated = c.subject.trim_start_matches("上年").to_string();
                (
                    item,
                    Some(cur),
                    None,
                    Direction::Unspecified,
                    stated.as_str(),
                    None,
                    Some(money),
                )
            }
            _ => continue,
        };
        // LAST states its 年初预算 (a budget) or its 决算: an 执行数 or 调整预算 is not there.
        if basis.contains("执行") || basis.contains("调整") {
            out.not_comparable.push((c.line, "执行数/调整预算"));
            continue;
        }
        let c = item;
        let Some(current) = current else {
            out.not_comparable.push((c.line, "没有本年数"));
            continue;
        };
        if c.subject.is_empty() || c.project.is_some() {
            out.not_comparable.push((c.line, "项目不明"));
            continue;
        }
        let basis_kind = if basis.contains("决算") {
            Some(DocKind::Final)
        } else if basis.contains("预算") {
            Some(DocKind::Budget)
        } else {
            None
        };
        if basis_kind.is_some_and(|k| k != last.info.kind) {
            out.not_comparable.push((c.line, "另一类文件"));
            continue;
        }
        if prior_year.is_some() && prior_year != last_year {
            out.not_comparable.push((c.line, "另一年度"));
            continue;
        }
        let Some(parts) = implied(current, change, change_dir, prior) else {
            out.not_comparable.push((c.line, "变动方向不明"));
            continue;
        };
        let Some((theirs, what)) = last_figure(last, c, current) else {
            out.not_comparable.push((c.line, "上年文件中找不到"));
            continue;
        };
        let left: Vec<(&Figure, bool)> = parts.iter().map(|(f, s)| (f, *s)).collect();
        let mismatch = check_balance(&left, &[(&theirs, true)]);
        let implied_value: rust_decimal::Decimal = parts
            .iter()
            .map(|(f, plus)| if *plus { f.value } else { -f.value })
            .sum();
        let last_value = wan_shown(&theirs);
        out.compared.push(Compared {
            line: c.line,
            subject: c.subject.clone(),
            implied: implied_value.to_string(),
            last_line: theirs.line,
            last_value: last_value.clone(),
            agrees: mismatch.is_none(),
        });
        let Some(m) = mismatch else { continue };
        let fig = prior
            .map(|p| &p.figure)
            .or(change.map(|ch| &ch.figure))
            .unwrap_or(&current.figure);
        let year = last_year.map(|y| y.to_string()).unwrap_or_default();
        let mut f = Finding::new(
            CODE,
            fig.line,
            Message::new(
                format!(
                    "“{}”的上年数按本句为 {} 万元，{year}年文件{what}为 {last_value} 万元",
                    shown(&c.subject),
                    m.actual
                ),
                format!(
                    "“{}”: this sentence implies {} 万元 for last year; the {year} document's {what} is {last_value} 万元",
                    shown(&c.subject),
                    m.actual
                ),
            ),
        );
        if current.figure.line != fig.line {
            f.related_lines = vec![current.figure.line];
        }
        let other = super::OtherFigure {
            doc: last,
            path: last_path,
            figure: &theirs,
            budget: false,
        };
        out.findings.push(super::against(f, fig, &m, other));
    }
    out
}
