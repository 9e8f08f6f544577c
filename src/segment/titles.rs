//! The title registry: which table title means which typed table (data in
//! `rules/table_kinds.toml`, embedded at build time).

use crate::model::{FundScope, TableKind};
use once_cell::sync::Lazy;
use regex::Regex;
use serde::Deserialize;

const BUILTIN: &str = include_str!("../../rules/table_kinds.toml");

#[derive(Deserialize)]
struct File {
    kind: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    kind: TableKind,
    scope: FundScope,
    patterns: Vec<String>,
}

/// One compiled registry entry.
pub struct TitlePattern {
    pub kind: TableKind,
    pub scope: FundScope,
    pub pattern: Regex,
}

/// Parse a registry file; errors name the line.
pub fn parse_registry(text: &str) -> Result<Vec<TitlePattern>, String> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text.get(..s.start).unwrap_or("").matches('\n').count() + 1)
            .unwrap_or(0);
        format!("table_kinds.toml:{line}: {}", e.message())
    })?;
    let mut out = Vec::new();
    for e in file.kind {
        let (kind, scope) = (e.kind, e.scope);
        for p in e.patterns {
            let pattern = Regex::new(&p).map_err(|err| format!("table_kinds.toml: {p}: {err}"))?;
            out.push(TitlePattern {
                kind,
                scope,
                pattern,
            });
        }
    }
    Ok(out)
}

static REGISTRY: Lazy<Vec<TitlePattern>> =
    Lazy::new(|| parse_registry(BUILTIN).unwrap_or_default());

/// Title text with spaces, quotes, book-title marks and a leading year removed.
pub fn clean_title(text: &str) -> String {
    static YEAR: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"^(20\d\d|19\d\d)年(度)?"));
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '“' | '”' | '"' | '\''))
        .collect();
    YEAR.replace(&t, "").into_owned()
}

/// The kind and scope a title names, if any.
pub fn classify(title: &str) -> Option<(TableKind, FundScope)> {
    let t = clean_title(title);
    REGISTRY
        .iter()
        .find(|p| p.pattern.is_match(&t))
        .map(|p| (p.kind, p.scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_registry_parses() {
        assert!(parse_registry(BUILTIN).unwrap().len() > 10);
    }

    #[test]
    fn titles_of_several_templates() {
        use FundScope::*;
        use TableKind::*;
        let cases = [
            ("部门收支总体情况表", Summary, AllFunds),
            ("2025年部门财务收支预算总表", Summary, AllFunds),
            ("部门收入总体情况表", Income, AllFunds),
            ("2025年部门收入预算总表", Income, AllFunds),
            ("部门支出总体情况表", Expense, AllFunds),
            ("财政拨款收支预算总体情况表", FiscalSummary, Appropriation),
            (
                "2025年部门财政拨款收支预算总表",
                FiscalSummary,
                Appropriation,
            ),
            ("一般公共预算支出情况表", GeneralExpense, GeneralBudget),
            (
                "2025年部门一般公共预算支出功能分类预算表",
                GeneralExpense,
                GeneralBudget,
            ),
            ("一般公共预算基本支出情况表", BasicEconomic, GeneralBudget),
            (
                "2025年部门一般公共预算基本支出部门预算经济分类预算表",
                BasicEconomic,
                GeneralBudget,
            ),
            ("一般公共预算项目支出情况表", Projects, GeneralBudget),
            ("项目支出情况表", Projects, AllFunds),
            (
                "一般公共预算“三公”经费支出情况表",
                ThreePublic,
                Appropriation,
            ),
            (
                "2025年部门“三公”经费和机关运行经费预算表",
                ThreePublic,
                Appropriation,
            ),
            (
                "政府性基金预算支出情况表",
                TableKind::GovFund,
                FundScope::GovFund,
            ),
            (
                "2025年部门政府性基金预算支出功能分类预算表",
                TableKind::GovFund,
                FundScope::GovFund,
            ),
            (
                "国有资本经营预算支出情况表",
                TableKind::StateCapital,
                FundScope::StateCapital,
            ),
            ("上年结转结余情况明细表", CarryOver, AllFunds),
        ];
        for (t, k, s) in cases {
            assert_eq!(classify(t), Some((k, s)), "{t}");
        }
        assert_eq!(classify("主要职能"), None);
        // Final accounts (决算) editions.
        assert_eq!(classify("收入支出决算总表"), Some((Summary, AllFunds)));
        assert_eq!(
            classify("财政拨款收入支出决算总表"),
            Some((FiscalSummary, Appropriation))
        );
        assert_eq!(classify("收入决算表"), Some((Income, AllFunds)));
        assert_eq!(classify("支出决算表"), Some((Expense, AllFunds)));
        assert_eq!(
            classify("一般公共预算财政拨款支出决算表"),
            Some((GeneralExpense, GeneralBudget))
        );
        assert_eq!(
            classify("一般公共预算财政拨款基本支出决算表"),
            Some((BasicEconomic, GeneralBudget))
        );
    }

    #[test]
    fn malformed_registry_names_the_line() {
        let err = parse_registry("[[kind]]\nkind = \"nope\"\n").err().unwrap();
        assert!(err.contains(":2:"), "{err}");
    }
}
