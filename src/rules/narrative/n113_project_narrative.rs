//! N113 — a project description that disagrees with its own 预算安排规模.
//!
//! Within one project block (项目名称 … 资金执行时间) the budget (预算安排规模) must equal
//! the budget restated in 资金分配情况 ("本项目本年预算 284.218 万元") and the amount the
//! description works out: its final 共计 (not marked 约), or an annual result of written
//! arithmetic ("42.72 万元*12 月=512.64 万元/年").
//!
//! And the amounts its 资金分配情况 lists (plain amounts and results of written arithmetic,
//! not the totals that add them up) may not add up to more than the budget: a description
//! that spends more than the project has is wrong whatever its "约" total says.
//!
//! Why: 001's 房屋租赁 states 280.19 万元 as 预算安排规模 and 284.218 万元 two lines below;
//! its 食堂采购与补助 works out 512.64 万元/年 against a budget of 512.65; its 便民服务站建设
//! lists 1312877.5 + 3004386 + … 元 = 549.26 万元 for a budget of 530.00 ("共计约 530 万元").

use super::util::*;
use crate::arith::check_equal;
use crate::model::claim::{AmountRole, Claim, ClaimData, Money};
use crate::model::Document;
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N113";

/// The budget, restated budgets and worked-out total of each project block.
pub struct ProjectBlock<'a> {
    pub name: &'a str,
    pub budget: Option<&'a Money>,
    pub restated: Vec<&'a Money>,
    pub computed: Option<&'a Money>,
    /// The amounts listed after the budget: plain amounts and results of arithmetic.
    pub items: Vec<&'a Money>,
}

/// Group the claims of project descriptions by project.
pub fn blocks(claims: &[Claim]) -> Vec<ProjectBlock<'_>> {
    let mut out: Vec<ProjectBlock> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(name) = c.project.as_deref() else {
            continue;
        };
        if out.last().map(|b| b.name) != Some(name) {
            out.push(ProjectBlock {
                name,
                budget: None,
                restated: Vec::new(),
                computed: None,
                items: Vec::new(),
            });
        }
        let Some(b) = out.last_mut() else { continue };
        match &c.data {
            ClaimData::Amount {
                money,
                role: AmountRole::ProjectBudget,
                ..
            } if b.budget.is_none() => b.budget = Some(money),
            ClaimData::Amount {
                money,
                role: AmountRole::ProjectRestated,
                approx: false,
            } => b.restated.push(money),
            ClaimData::Amount {
                money,
                role: AmountRole::Total,
                approx: false,
            } => {
                // Only a total that closes the description counts (no amount after it in
                // the project block).
                let later_amount = claims
                    .get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take(500)
                    .take_while(|x| x.project.as_deref() == Some(name))
                    .any(|x| x.money().is_some() || matches!(x.data, ClaimData::Arithmetic { .. }));
                if !later_amount {
                    b.computed = Some(money);
                }
            }
            ClaimData::Arithmetic {
                result,
                per_year: true,
                ..
            } => b.computed = Some(result),
            ClaimData::Amount {
                money,
                role: AmountRole::Plain | AmountRole::ArithmeticResult,
                ..
            } if b.budget.is_some() => {
                // A result the next expression starts from ("=1.424 万元/天，1.424 万元*30
                // 天=42.72 万元/月") is a step of one computation, not an item of its own.
                let next_uses = claims.get(i + 1..).unwrap_or(&[]).iter().take(3).any(|x| {
                    matches!(&x.data, ClaimData::Arithmetic { expression, .. }
                        if expression.trim_start().starts_with(&money.figure.printed()))
                });
                if !next_uses {
                    b.items.push(money);
                }
            }
            _ => {}
        }
    }
    out
}

pub fn check(_doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for b in blocks(claims) {
        let Some(budget) = b.budget else { continue };
        for r in &b.restated {
            if let Some(m) = check_equal(&r.wan(), &budget.wan()) {
                let mut f = finding(
                    CODE,
                    Severity::Error,
                    &r.figure,
                    format!(
                        "项目“{}”预算安排规模为 {}，资金分配情况中却写为 {}",
                        b.name,
                        budget.printed(),
                        r.printed()
                    ),
                    format!(
                        "project \"{}\": budget {} but the description states {}",
                        b.name,
                        budget.printed(),
                        r.printed()
                    ),
                );
                fill(&mut f, &m, display_scale(&r.wan(), &budget.wan()));
                f.row = Some(b.name.to_string());
                f.related_lines.push(budget.figure.line);
                out.push(f);
            }
        }
        // Only where the description works out no exact total of its own (N106 and the
        // check below compare that one) and restates no budget that already differs.
        let restated_differs = b
            .restated
            .iter()
            .any(|r| check_equal(&r.wan(), &budget.wan()).is_some());
        if b.items.len() >= 2 && b.computed.is_none() && !restated_differs {
            let figs: Vec<crate::model::Figure> = b.items.iter().map(|m| m.wan()).collect();
            let sum = figs.iter().fold(
                crate::arith::Interval::exact(rust_decimal::Decimal::ZERO),
                |a, f| a.add(crate::arith::Interval::of(f)),
            );
            let bud = crate::arith::Interval::of(&budget.wan());
            if sum.lo > bud.hi {
                let listed: rust_decimal::Decimal = figs.iter().map(|f| f.value).sum();
                let mut f = finding(
                    CODE,
                    Severity::Error,
                    &budget.figure,
                    format!(
                        "项目“{}”资金分配情况所列各项合计 {} 万元，超过预算安排规模 {}",
                        b.name,
                        p(listed, 2),
                        budget.printed()
                    ),
                    format!(
                        "project \"{}\": the amounts its description lists add up to {} (10k yuan), more than its budget {}",
                        b.name,
                        p(listed, 2),
                        budget.printed()
                    ),
                );
                set_values(
                    &mut f,
                    listed,
                    budget.wan().value,
                    2,
                    (sum.hi - sum.lo + bud.hi - bud.lo) / rust_decimal::Decimal::TWO,
                );
                f.identity = Some("Σ 资金分配情况所列各项 ≤ 预算安排规模".into());
                f.row = Some(b.name.to_string());
                f.related_lines = b.items.iter().map(|m| m.figure.line).collect();
                f.related_lines.dedup();
                out.push(f);
            }
        }
        if let Some(c) = b.computed {
            if let Some(m) = check_equal(&budget.wan(), &c.wan()) {
                let mut f = finding(
                    CODE,
                    Severity::Error,
                    &budget.figure,
                    format!(
                        "项目“{}”预算安排规模 {} 与资金分配情况测算的 {} 不符",
                        b.name,
                        budget.printed(),
                        c.printed()
                    ),
                    format!(
                        "project \"{}\": budget {} differs from the {} worked out in its description",
                        b.name,
                        budget.printed(),
                        c.printed()
                    ),
                );
                fill(&mut f, &m, display_scale(&c.wan(), &budget.wan()));
                f.row = Some(b.name.to_string());
                f.related_lines.push(c.figure.line);
                out.push(f);
            }
        }
    }
}
