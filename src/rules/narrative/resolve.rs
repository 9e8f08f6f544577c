//! Resolving a narrative claim to the table figure it names.

use super::util::table_wan;
use crate::model::claim::{subject_key, AmountRole, Claim, ClaimData, Section};
use crate::model::{
    Code, ColumnKey, Document, Figure, FunctionCode, Row, RowKind, Table, TableKind,
};
use std::borrow::Cow;

/// The table figure a claim was resolved to (already in 万元).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub table: String,
    pub row: String,
    pub column: String,
    pub figure: Figure,
    /// The identity applied, for the finding.
    pub identity: String,
    /// The table parser inferred the figure's column (no cell positions in the source): a
    /// disagreement is then reported as a warning.
    pub inferred: bool,
}

/// Normalize a name for comparison: no spaces, quotes, level markers; full-width parens.
pub fn norm(s: &str) -> Cow<'_, str> {
    // Called for every comparison of a claim with a row: most names need no change, and
    // then cost no allocation.
    let changes =
        |c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"' | '：' | ':' | '(' | ')' | '（');
    if !s.contains(changes) {
        return Cow::Borrowed(s);
    }
    let mut out: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '：' | ':'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    if out.contains('（') {
        for m in ["（类）", "（款）", "（项）"] {
            if out.contains(m) {
                out = out.replace(m, "");
            }
        }
    }
    Cow::Owned(out)
}

/// Whether two names denote the same item ("一般公共服务" ~ "一般公共服务支出").
pub fn same_name(a: &str, b: &str) -> bool {
    same_normalized(&norm(a), &norm(b))
}

/// [`same_name`] of two names already passed through [`norm`] (a claim's name is compared
/// with every row: normalize it once).
fn same_normalized(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let strip = |s: &str| -> usize { s.strip_suffix("支出").map(str::len).unwrap_or(s.len()) };
    a == b || a.get(..strip(a)) == b.get(..strip(b))
}

fn col_name(t: &Table, key: &ColumnKey) -> String {
    t.column_index(key)
        .and_then(|i| t.columns.get(i))
        .map(|c| c.name.clone())
        .unwrap_or_else(|| format!("{key:?}"))
}

fn value(t: &Table, row: &Row, key: &ColumnKey) -> Option<Figure> {
    row.get(&t.columns, key).map(|f| table_wan(f, t.unit))
}

fn found(t: &Table, row: &Row, key: &ColumnKey, identity: &str) -> Option<Resolved> {
    let figure = value(t, row, key)?;
    Some(Resolved {
        table: t.label.clone(),
        row: row.label(),
        column: col_name(t, key),
        figure,
        identity: identity.to_string(),
        inferred: row.columns_inferred,
    })
}

fn function_tables(doc: &Document, section: Section) -> Vec<&Table> {
    let order: &[TableKind] = match section {
        Section::GeneralBudget | Section::Appropriation => &[
            TableKind::GeneralExpense,
            TableKind::FiscalSummary,
            TableKind::Expense,
            TableKind::Summary,
        ],
        _ => &[
            TableKind::Expense,
            TableKind::Summary,
            TableKind::GeneralExpense,
            TableKind::FiscalSummary,
        ],
    };
    order
        .iter()
        .flat_map(|k| doc.tables.iter().filter(move |t| t.kind == *k))
        .collect()
}

fn fn_code(row: &Row) -> Option<&FunctionCode> {
    match &row.code {
        Some(Code::Function(c)) => Some(c),
        _ => None,
    }
}

/// Resolve a function-classified subject (code, path of names, or a class name).
fn resolve_function(doc: &Document, c: &Claim) -> Option<Resolved> {
    let tables = function_tables(doc, c.section);
    if let Some(code) = &c.function {
        for t in &tables {
            if let Some(r) = t.rows.iter().find(|r| fn_code(r) == Some(code)) {
                return found(
                    t,
                    r,
                    &ColumnKey::Total,
                    "说明金额 = 表中同一功能分类科目的合计",
                );
            }
        }
    }
    let names: Vec<&str> = if c.path.is_empty() {
        vec![c.subject.as_str()]
    } else {
        c.path.iter().map(|s| s.as_str()).collect()
    };
    let level = names.len() as u8;
    let last_norm = norm(names.last()?);
    for t in &tables {
        let mut cands: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Function || r.code.is_some())
            .filter(|r| same_normalized(&norm(&r.name), &last_norm))
            .filter(|r| {
                fn_code(r)
                    .map(|k| k.level() == level || c.path.is_empty())
                    .unwrap_or(true)
            })
            .collect();
        if cands.len() > 1 && names.len() > 1 {
            // Disambiguate by the class (and 款) names.
            let class = t.rows.iter().find(|r| {
                fn_code(r).is_some_and(|k| k.level() == 1)
                    && names.first().is_some_and(|n| same_name(&r.name, n))
            });
            if let Some(cl) = class.and_then(fn_code) {
                cands.retain(|r| fn_code(r).is_some_and(|k| k.class == cl.class));
            }
            if cands.len() > 1 && names.len() > 2 {
                let kuan = t.rows.iter().find(|r| {
                    fn_code(r).is_some_and(|k| k.level() == 2)
                        && names.get(1).is_some_and(|n| same_name(&r.name, n))
                });
                if let Some(k2) = kuan.and_then(fn_code) {
                    cands.retain(|r| {
                        fn_code(r).is_some_and(|k| k.class == k2.class && k.item == k2.item)
                    });
                }
            }
        }
        if cands.len() == 1 {
            if let Some(r) = cands.first() {
                return found(
                    t,
                    r,
                    &ColumnKey::Total,
                    "说明金额 = 表中同名功能分类科目的合计",
                );
            }
        }
    }
    None
}

fn total_of(
    doc: &Document,
    kinds: &[TableKind],
    key: &ColumnKey,
    identity: &str,
) -> Option<Resolved> {
    for k in kinds {
        for t in doc.tables.iter().filter(|t| t.kind == *k) {
            // A two-sided 基本支出决算表 ends in 人员经费合计 and 公用经费合计, totals of a
            // column each: the one with a figure in the column asked for; none is the whole.
            let totals: Vec<&Row> = t.rows.iter().filter(|r| r.kind == RowKind::Total).collect();
            let partial = totals.len() > 1
                && totals
                    .iter()
                    .all(|r| !matches!(r.name.trim(), "合计" | "总计" | "本年支出合计"));
            let row = if partial {
                if *key == ColumnKey::Total {
                    continue;
                }
                totals.into_iter().find(|r| value(t, r, key).is_some())
            } else {
                t.total_row()
            };
            if let Some(r) = row {
                if let Some(x) = found(t, r, key, identity) {
                    return Some(x);
                }
            }
        }
    }
    None
}

/// Resolve an amount claim to a table figure.
pub fn resolve_amount(doc: &Document, c: &Claim) -> Option<Resolved> {
    let s = c.subject.as_str();
    let key = subject_key(s);
    match key.as_str() {
        "基本支出" | "项目支出" => {
            let col = if key == "基本支出" {
                ColumnKey::Basic
            } else {
                ColumnKey::Project
            };
            let kinds: &[TableKind] = match c.section {
                Section::GeneralBudget | Section::Appropriation => {
                    &[TableKind::GeneralExpense, TableKind::Expense]
                }
                Section::Basic if key == "基本支出" => {
                    return total_of(
                        doc,
                        &[TableKind::BasicEconomic],
                        &ColumnKey::Total,
                        "基本支出 = 基本支出表合计",
                    )
                    .or_else(|| {
                        total_of(
                            doc,
                            &[TableKind::GeneralExpense],
                            &ColumnKey::Basic,
                            "基本支出 = 一般公共预算支出表基本支出合计",
                        )
                    });
                }
                Section::Projects => &[TableKind::Projects, TableKind::GeneralExpense],
                _ => &[TableKind::Expense, TableKind::GeneralExpense],
            };
            return total_of(doc, kinds, &col, "说明金额 = 支出表合计行").or_else(|| {
                total_of(
                    doc,
                    &[TableKind::Projects],
                    &ColumnKey::Total,
                    "项目支出 = 项目支出表合计",
                )
            });
        }
        "人员经费" | "公用经费" => {
            let col = if key == "人员经费" {
                ColumnKey::Personnel
            } else {
                ColumnKey::PublicUse
            };
            return total_of(
                doc,
                &[TableKind::BasicEconomic],
                &col,
                "说明金额 = 基本支出表合计行",
            );
        }
        "三公" | "因公" | "公务用车购置及运行" | "公务用车购置" | "公务用车运行" | "公务接待" =>
        {
            let col = match key.as_str() {
                "三公" => ColumnKey::Total,
                "因公" => ColumnKey::Abroad,
                "公务用车购置及运行" => ColumnKey::Vehicle,
                "公务用车购置" => ColumnKey::VehiclePurchase,
                "公务用车运行" => ColumnKey::VehicleOperation,
                _ => ColumnKey::Reception,
            };
            for t in doc
                .tables
                .iter()
                .filter(|t| t.kind == TableKind::ThreePublic)
            {
                let row = t.total_row().or_else(|| t.rows.first());
                if let Some(r) = row {
                    if let Some(x) = found(t, r, &col, "说明“三公”经费 = 三公经费表")
                    {
                        return Some(x);
                    }
                }
            }
            return None;
        }
        _ => {}
    }
    if c.function.is_some() || !c.path.is_empty() {
        return resolve_function(doc, c);
    }
    // Income sources of the summary table (by what they are, then by name).
    if matches!(
        c.section,
        Section::Income | Section::Overview | Section::Appropriation | Section::Unknown
    ) {
        if let Some(r) = resolve_income(doc, s) {
            return Some(r);
        }
        // "财政拨款收入2940.05万元": the 收入表's 财政拨款收入 column (a 决算's 财政拨款收支总表
        // 总计 adds the carry-over to it).
        if income_key(s) == Some(ColumnKey::Appropriation) && s.ends_with("收入") {
            if let Some(r) = total_of(
                doc,
                &[TableKind::Income],
                &ColumnKey::Appropriation,
                "财政拨款收入 = 收入表财政拨款收入合计",
            ) {
                return Some(r);
            }
        }
    }
    // Totals.
    let spend = s.contains("支出") || s.contains("拨款") || s.contains("总预算");
    let kinds: Option<(&[TableKind], &str)> = if s.contains("政府性基金") && spend {
        Some((
            &[TableKind::GovFund],
            "政府性基金预算支出 = 政府性基金预算支出表合计",
        ))
    } else if s.contains("国有资本经营") && spend {
        Some((
            &[TableKind::StateCapital],
            "国有资本经营预算支出 = 国有资本经营预算支出表合计",
        ))
    } else if s.contains("一般公共预算") && spend {
        Some((
            &[TableKind::GeneralExpense, TableKind::FiscalSummary],
            "一般公共预算拨款合计 = 一般公共预算支出表合计",
        ))
    } else if s.contains("财政拨款") && spend {
        Some((
            &[TableKind::FiscalSummary, TableKind::GeneralExpense],
            "财政拨款合计 = 财政拨款收支总表合计",
        ))
    } else if s.contains("收入支出总计") || s.contains("收支总计") {
        // The 总计 line both sides of a 收支总表 end in (a 决算's includes the carry-overs).
        let kinds: &[TableKind] = if s.contains("财政拨款") {
            &[TableKind::FiscalSummary]
        } else {
            &[TableKind::Summary]
        };
        return total_of(doc, kinds, &ColumnKey::Total, "收入支出总计 = 收支总表总计");
    } else if s.contains("收支总预算") || s.ends_with("收入预算") || s.ends_with("收入总计")
    {
        return income_total(doc).or_else(|| {
            total_of(
                doc,
                &[TableKind::Income, TableKind::Summary],
                &ColumnKey::Total,
                "说明收入总额 = 收入总表合计",
            )
        });
    } else if s.ends_with("支出预算") || s.ends_with("支出总计") {
        Some((
            &[TableKind::Expense, TableKind::Summary],
            "说明支出总额 = 支出总表合计",
        ))
    } else {
        None
    };
    if let Some((kinds, identity)) = kinds {
        return total_of(doc, kinds, &ColumnKey::Total, identity);
    }
    // A function class named plainly ("一般公共服务支出 1785.63 万元").
    resolve_function(doc, c)
}

/// What kind of income a subject names ("事业单位经营收入" → 经营收入), if any.
pub fn income_key(s: &str) -> Option<ColumnKey> {
    if s.contains("支出") {
        return None;
    }
    let k = if s.contains("经营收入") {
        ColumnKey::OperatingIncome
    } else if s.contains("事业收入") {
        ColumnKey::BusinessIncome
    } else if s.contains("财政专户") || s.contains("教育收费") {
        ColumnKey::SpecialAccount
    } else if s.contains("上级") {
        ColumnKey::Superior
    } else if s.contains("上年结转") || s.contains("上年结余") || s.contains("结转结余")
    {
        ColumnKey::CarryOver
    } else if s.contains("政府性基金") {
        ColumnKey::GovFund
    } else if s.contains("国有资本经营") {
        ColumnKey::StateCapital
    } else if s.contains("一般公共预算") {
        ColumnKey::GeneralBudget
    } else if s.contains("财政拨款") {
        ColumnKey::Appropriation
    } else if s.contains("其他收入") || s.contains("单位资金") {
        ColumnKey::UnitFunds
    } else {
        return None;
    };
    Some(k)
}

/// 收入总计 of the summary table (the income side's total).
fn income_total(doc: &Document) -> Option<Resolved> {
    for t in doc.tables.iter().filter(|t| t.kind == TableKind::Summary) {
        let totals: Vec<_> = t
            .income
            .iter()
            .filter(|i| i.key == ColumnKey::Total && i.amount.is_some())
            .collect();
        let item = totals
            .iter()
            .find(|i| norm(&i.name).contains("总计"))
            .or_else(|| totals.last());
        if let Some(i) = item {
            if let Some(a) = &i.amount {
                return Some(Resolved {
                    table: t.label.clone(),
                    row: i.name.clone(),
                    column: "收入".into(),
                    figure: table_wan(a, t.unit),
                    identity: "说明收入总额 = 收支总表收入总计".into(),
                    inferred: false,
                });
            }
        }
    }
    None
}

fn resolve_income(doc: &Document, s: &str) -> Option<Resolved> {
    let key = income_key(s);
    for t in doc
        .tables
        .iter()
        .filter(|t| matches!(t.kind, TableKind::Summary | TableKind::FiscalSummary))
    {
        let item = t
            .income
            .iter()
            .find(|i| key.as_ref().is_some_and(|k| &i.key == k))
            .or_else(|| t.income.iter().find(|i| same_name(&i.name, s)));
        if let Some(item) = item {
            if let Some(a) = &item.amount {
                return Some(Resolved {
                    table: t.label.clone(),
                    row: item.name.clone(),
                    column: "收入".into(),
                    figure: table_wan(a, t.unit),
                    identity: "说明收入金额 = 收支总表收入项目".into(),
                    inferred: false,
                });
            }
        }
    }
    None
}

/// Resolve an economic item name to the basic-expense table.
pub fn resolve_economic(doc: &Document, name: &str) -> Option<Resolved> {
    let name_norm = norm(name);
    for t in doc
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::BasicEconomic)
    {
        let cands: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| matches!(r.code, Some(Code::Economic(_))) || r.kind == RowKind::Economic)
            .filter(|r| same_normalized(&norm(&r.name), &name_norm))
            .collect();
        // Prefer a 款 row (e.g. 301 01 基本工资) over a 类 row of the same name.
        let pick = cands
            .iter()
            .find(|r| matches!(&r.code, Some(Code::Economic(c)) if c.level() == 2))
            .or_else(|| cands.first());
        if let Some(r) = pick {
            return found(
                t,
                r,
                &ColumnKey::Total,
                "说明所列经济分类金额 = 基本支出表同名科目",
            );
        }
    }
    None
}

/// Whether the claim is an amount that the table rules should try to resolve.
pub fn checkable_amount(c: &Claim) -> bool {
    matches!(
        c.data,
        ClaimData::Amount {
            role: AmountRole::Plain | AmountRole::Total,
            approx: false,
            ..
        }
    ) && c.project.is_none()
        && !matches!(
            c.section,
            Section::Organization | Section::Projects | Section::Other
        )
        && !c.subject.is_empty()
        // Spending plans by period ("第一季度用款计划 15 万元") name no table item.
        && !["季度", "用款计划", "月份"].iter().any(|w| c.subject.contains(w))
}
