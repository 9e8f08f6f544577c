//! T105 income side of a 收支总表 (收入项目): the income lines must add up — 收入总计 = the
//! sum of the top-level items (with a 小计 line: 小计 = the items above it, 收入总计 = 小计 +
//! the items after it); a numbered group (一、本年收入) = its numbered items (1. 2. …);
//! 财政拨款（补助） = 一般公共预算 + 政府性基金 + 国有资本经营; an item = its "其中" lines.
//!
//! Why: the income side is typed by hand in many templates; an item that does not add up
//! misstates where the money comes from even when the grand totals agree.
//!
//! Example: 财政拨款（补助） 1466.62 with 一般公共预算 1459.62 and no other fund → expected
//! 1459.62, difference 7.00.

use super::{Finding, Message};
use crate::arith::check_sum;
use crate::model::{ColumnKey, Document, Figure, IncomeItem, Table, TableKind};

pub const CODE: &str = "T105";

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Level {
    Top,
    Item,
    Detail,
}

fn chinese_numbered(name: &str) -> bool {
    let mut cs = name.chars();
    let first = cs
        .next()
        .map(|c| "一二三四五六七八九十".contains(c))
        .unwrap_or(false);
    first && name.contains('、') && name.find('、').map(|i| i <= 9).unwrap_or(false)
}

fn digit_numbered(name: &str) -> bool {
    let digits = name.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && name
            .chars()
            .nth(digits)
            .map(|c| matches!(c, '.' | '．' | '、'))
            .unwrap_or(false)
}

fn is_subtotal(name: &str) -> bool {
    name.contains("小计") || name.ends_with("本年收入合计")
}

fn levels(items: &[&IncomeItem]) -> Vec<Level> {
    let numbered = items.iter().any(|i| chinese_numbered(&i.name));
    items
        .iter()
        .map(|i| {
            if numbered {
                if chinese_numbered(&i.name) {
                    Level::Top
                } else if digit_numbered(&i.name) {
                    Level::Item
                } else {
                    Level::Detail
                }
            } else if i.nested || i.name.starts_with("其中") {
                Level::Detail
            } else {
                Level::Top
            }
        })
        .collect()
}

struct Ctx<'a> {
    table: &'a Table,
    label: &'a str,
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    fn report(&mut self, whole: &IncomeItem, parts: &[&IncomeItem], what_zh: &str, what_en: &str) {
        // An amount printed unreadably is unknown (T003 says so): no sum over it is checked.
        if std::iter::once(whole)
            .chain(parts.iter().copied())
            .any(|i| self.table.income_unreadable(i.line))
        {
            return;
        }
        let figs: Vec<&Figure> = parts.iter().filter_map(|p| p.amount.as_ref()).collect();
        let zero;
        let total = match whole.amount.as_ref() {
            Some(a) => a,
            None => {
                let Some(s) = figs.first() else { return };
                zero = Figure::new(rust_decimal::Decimal::ZERO, s.scale, whole.line);
                &zero
            }
        };
        if figs.is_empty()
            && whole
                .amount
                .as_ref()
                .map(|a| a.value.is_zero())
                .unwrap_or(true)
        {
            return;
        }
        let Some(m) = check_sum(total, &figs) else {
            return;
        };
        let scale = figs
            .iter()
            .map(|f| f.scale)
            .chain([total.scale])
            .max()
            .unwrap_or(2);
        let (exp, act, diff) = m.printed(scale);
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        let mut f = Finding::new(
            CODE,
            total.line,
            Message::new(
                format!(
                    "{} 收入“{}” {} ≠ {}（{}）之和 {}（差 {}）",
                    self.label,
                    whole.name,
                    act,
                    what_zh,
                    names.join("、"),
                    exp,
                    diff
                ),
                format!(
                    "{} income “{}” {} ≠ sum of {} ({}) {} (difference {})",
                    self.label,
                    whole.name,
                    act,
                    what_en,
                    names.join(", "),
                    exp,
                    diff
                ),
            ),
        );
        f.col = total.col;
        f.width = total.width;
        f.related_lines = figs.iter().map(|p| p.line).collect();
        f.table = Some(self.label.to_string());
        f.row = Some(whole.name.clone());
        f.expected = Some(exp);
        f.actual = Some(act);
        f.difference = Some(diff);
        f.tolerance = Some(m.tolerance.normalize().to_string());
        f.identity = Some(format!(
            "{}.收入.{} = Σ {}",
            self.label, whole.name, what_zh
        ));
        self.out.push(f);
    }
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    // A 决算's income side is checked by its identities (X142, X143, X148, X149), written
    // out for its template.
    if doc.info.kind == crate::model::DocKind::Final {
        return;
    }
    for t in doc
        .tables
        .iter()
        .filter(|t| matches!(t.kind, TableKind::Summary | TableKind::FiscalSummary))
    {
        let items: Vec<&IncomeItem> = t
            .income
            .iter()
            .filter(|i| i.key != ColumnKey::Total)
            .collect();
        let total = t.income.iter().rev().find(|i| i.key == ColumnKey::Total);
        let lv = levels(&items);
        let mut ctx = Ctx {
            table: t,
            label: &t.label,
            out,
        };
        // Groups: a top item and the items under it.
        for (i, item) in items.iter().enumerate() {
            let below: Vec<(usize, &&IncomeItem)> = items
                .iter()
                .enumerate()
                .skip(i + 1)
                .take_while(|(j, _)| {
                    lv.get(*j)
                        .map(|l| *l > lv.get(i).copied().unwrap_or(Level::Top))
                        .unwrap_or(false)
                })
                .collect();
            if below.is_empty() {
                continue;
            }
            let mine = lv.get(i).copied().unwrap_or(Level::Top);
            // Direct children: the next level present under this item.
            let child_level = below
                .iter()
                .filter_map(|(j, _)| lv.get(*j).copied())
                .min()
                .unwrap_or(Level::Detail);
            let kids: Vec<&IncomeItem> = below
                .iter()
                .filter(|(j, _)| lv.get(*j) == Some(&child_level))
                .map(|(_, it)| **it)
                .collect();
            if item.key == ColumnKey::Appropriation {
                let funds: Vec<&IncomeItem> = kids
                    .iter()
                    .copied()
                    .filter(|k| {
                        matches!(
                            k.key,
                            ColumnKey::GeneralBudget | ColumnKey::GovFund | ColumnKey::StateCapital
                        )
                    })
                    .collect();
                if !funds.is_empty() {
                    ctx.report(item, &funds, "各财政拨款来源", "its fund sources");
                }
                continue;
            }
            if mine == Level::Top || child_level == Level::Item {
                ctx.report(item, &kids, "所列分项", "its items");
            } else if kids.len() >= 2 {
                // "其中" lines may list only part of an item: they must not exceed it.
                let sum: rust_decimal::Decimal = kids
                    .iter()
                    .filter_map(|k| k.amount.as_ref())
                    .map(|a| a.value)
                    .sum();
                let whole = item.amount.as_ref().map(|a| a.value).unwrap_or_default();
                if sum
                    > whole
                        + rust_decimal::Decimal::new(1, 2)
                            * rust_decimal::Decimal::from(kids.len() + 1)
                {
                    ctx.report(item, &kids, "其中各项", "its 其中 lines");
                }
            }
        }
        // The grand total.
        if let Some(total) = total {
            let tops: Vec<(usize, &IncomeItem)> = items
                .iter()
                .enumerate()
                .filter(|(j, _)| lv.get(*j) == Some(&Level::Top))
                .map(|(j, it)| (j, *it))
                .collect();
            match tops.iter().position(|(_, it)| is_subtotal(&it.name)) {
                Some(p) => {
                    let before: Vec<&IncomeItem> = tops.iter().take(p).map(|(_, it)| *it).collect();
                    let Some((_, sub)) = tops.get(p) else {
                        continue;
                    };
                    ctx.report(sub, &before, "其上各项", "the items above it");
                    let after: Vec<&IncomeItem> = std::iter::once(*sub)
                        .chain(tops.iter().skip(p + 1).map(|(_, it)| *it))
                        .collect();
                    ctx.report(
                        total,
                        &after,
                        "小计及其后各项",
                        "the subtotal and the items after it",
                    );
                }
                None => {
                    let all: Vec<&IncomeItem> = tops.iter().map(|(_, it)| *it).collect();
                    ctx.report(total, &all, "各收入项目", "the income items");
                }
            }
        }
    }
}
