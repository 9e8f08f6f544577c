//! The identity language of `rules/identities.toml`.
//!
//! ```text
//! identity  := expr op expr                 op: "=" | "<=" | ">="
//! expr      := ["-"] term (("+" | "-") term)*
//! term      := ref | "sum(" ref ")"
//! ref       := table "." selector ["." column]      (income selectors take no column)
//! table     := summary | income | expense | fiscal_summary | general_expense
//!            | basic_economic | projects | three_public | gov_fund | state_capital | carry_over
//! selector  := total            the 合计/总计 row (a table with a single row: that row;
//!                               a table without a total row skips the identity)
//!            | each             every row, one check per row (all `each` refs on one table)
//!            | rows             every body row (not 合计); use inside sum()
//!            | project_rows     every project row (RowKind::Project); use inside sum()
//!            | class | item | sub | code          function-code rows: 类 / 款 / 项 / any level;
//!            | econ_class | econ_item            economic-code rows: 类 / 款
//!                                                  one check per code present on either side;
//!                                                  a table that prints no row at that level
//!                                                  rolls its next lower level up to it
//!            | code(208 05 05) | name(合计)      one specific row
//!            | income(general_budget)          a 收支总表 income item by key
//!            | income_total                    the 收入总计 item
//! column    := key | "*" | "{" colset "}"
//! key       := total | basic | project | personnel | public_use | appropriation
//!            | general_budget | gov_fund | state_capital | special_account | business_income
//!            | operating_income | unit_funds | superior | carry_over | abroad | vehicle
//!            | vehicle_purchase | vehicle_operation | reception | office_operation
//!            | economic(301) | other(名称)
//! colset    := key ("," key)* | "* except" key ("," key)* | "economic(*)"
//! ```
//!
//! `*` checks the identity once per column of the (first) table it names; `{…}` adds the
//! listed columns of one row. Inside `sum()` a level selector means "the rows with the code
//! being checked" when the identity is checked per code (another reference uses a level
//! selector outside `sum()`), and "all rows of that level" otherwise.
//!
//! Conditions (`when`): `atom ("and" atom)*`, atom := `table.scope == scope`,
//! `table.scope != scope`, `has(table.column)`, `!has(table.column)`; scope is one of
//! all_funds, appropriation, general_budget, gov_fund, state_capital.

use crate::model::{Code, ColumnKey, EconomicCode, FunctionCode, FundScope, TableKind};
use std::fmt;

/// A formula syntax error at a character position (0-based) of the formula text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub pos: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at char {}: {}", self.pos + 1, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Which rows a level selector keys on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    FnClass,
    FnItem,
    FnSub,
    FnAny,
    EconClass,
    EconItem,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::FnClass => "class",
            Level::FnItem => "item",
            Level::FnSub => "sub",
            Level::FnAny => "code",
            Level::EconClass => "econ_class",
            Level::EconItem => "econ_item",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Level::FnClass => "类",
            Level::FnItem => "款",
            Level::FnSub => "项",
            Level::FnAny => "科目",
            Level::EconClass => "经济分类类",
            Level::EconItem => "经济分类款",
        }
    }

    /// The key of a row code at this level, if the code is at this level.
    pub fn key_of(self, code: &Code) -> Option<Code> {
        match (self, code) {
            (Level::FnClass, Code::Function(c)) if c.level() == 1 => Some(code.clone()),
            (Level::FnItem, Code::Function(c)) if c.level() == 2 => Some(code.clone()),
            (Level::FnSub, Code::Function(c)) if c.level() == 3 => Some(code.clone()),
            (Level::FnAny, Code::Function(_)) => Some(code.clone()),
            (Level::EconClass, Code::Economic(c)) if c.level() == 1 => Some(code.clone()),
            (Level::EconItem, Code::Economic(c)) if c.level() == 2 => Some(code.clone()),
            _ => None,
        }
    }
}

/// Which row(s) a reference reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Total,
    Each,
    Rows,
    ProjectRows,
    Level(Level),
    Code(Code),
    Name(String),
    Income(ColumnKey),
    IncomeTotal,
}

/// One pattern of a column set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColPat {
    Key(ColumnKey),
    AnyEconomic,
}

/// Which column(s) a reference reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnSpec {
    /// One column; the identity is skipped when the table lacks it.
    Key(ColumnKey),
    /// `*`: the identity is checked once per column.
    Star,
    /// `{a, b}` / `{* except a, b}`: the sum of these columns of the row.
    Set {
        all: bool,
        include: Vec<ColPat>,
        except: Vec<ColumnKey>,
    },
    /// Income items have no column.
    None,
}

/// `table.selector.column`, possibly inside `sum()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub table: TableKind,
    pub selector: Selector,
    pub column: ColumnSpec,
    pub summed: bool,
}

/// A term with its sign (true = +).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub plus: bool,
    pub r: Ref,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Le,
    Ge,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Le => "<=",
            Op::Ge => ">=",
        }
    }
}

/// A parsed identity `left op right`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub left: Vec<Term>,
    pub op: Op,
    pub right: Vec<Term>,
}

impl Identity {
    pub fn refs(&self) -> impl Iterator<Item = &Ref> {
        self.left.iter().chain(self.right.iter()).map(|t| &t.r)
    }
}

/// One atom of a `when` condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CondAtom {
    Scope {
        table: TableKind,
        equal: bool,
        scope: FundScope,
    },
    Has {
        table: TableKind,
        column: ColumnKey,
        negated: bool,
    },
    /// `document.kind == budget|final`: the identity holds only for one kind of document.
    Kind {
        equal: bool,
        kind: crate::model::DocKind,
    },
    /// `document.level == department|unit`.
    Level {
        equal: bool,
        level: crate::model::DocLevel,
    },
}

/// A conjunction of atoms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub atoms: Vec<CondAtom>,
}

/// snake_case id of a table kind.
pub fn table_kind_from_name(s: &str) -> Option<TableKind> {
    Some(match s {
        "summary" => TableKind::Summary,
        "income" => TableKind::Income,
        "expense" => TableKind::Expense,
        "fiscal_summary" => TableKind::FiscalSummary,
        "general_expense" => TableKind::GeneralExpense,
        "basic_economic" => TableKind::BasicEconomic,
        "projects" => TableKind::Projects,
        "three_public" => TableKind::ThreePublic,
        "gov_fund" => TableKind::GovFund,
        "state_capital" => TableKind::StateCapital,
        "carry_over" => TableKind::CarryOver,
        _ => return None,
    })
}

pub fn table_kind_name(k: TableKind) -> &'static str {
    match k {
        TableKind::Summary => "summary",
        TableKind::Income => "income",
        TableKind::Expense => "expense",
        TableKind::FiscalSummary => "fiscal_summary",
        TableKind::GeneralExpense => "general_expense",
        TableKind::BasicEconomic => "basic_economic",
        TableKind::Projects => "projects",
        TableKind::ThreePublic => "three_public",
        TableKind::GovFund => "gov_fund",
        TableKind::StateCapital => "state_capital",
        TableKind::CarryOver => "carry_over",
        TableKind::Other => "other",
    }
}

pub fn scope_from_name(s: &str) -> Option<FundScope> {
    Some(match s {
        "all_funds" => FundScope::AllFunds,
        "appropriation" => FundScope::Appropriation,
        "general_budget" => FundScope::GeneralBudget,
        "gov_fund" => FundScope::GovFund,
        "state_capital" => FundScope::StateCapital,
        _ => return None,
    })
}

pub fn scope_name(s: FundScope) -> &'static str {
    match s {
        FundScope::AllFunds => "all_funds",
        FundScope::Appropriation => "appropriation",
        FundScope::GeneralBudget => "general_budget",
        FundScope::GovFund => "gov_fund",
        FundScope::StateCapital => "state_capital",
    }
}

/// snake_case name of a column key (`economic(301)`, `other(名称)`).
pub fn column_key_name(k: &ColumnKey) -> String {
    match k {
        ColumnKey::Total => "total".into(),
        ColumnKey::Basic => "basic".into(),
        ColumnKey::Project => "project".into(),
        ColumnKey::Personnel => "personnel".into(),
        ColumnKey::PublicUse => "public_use".into(),
        ColumnKey::Appropriation => "appropriation".into(),
        ColumnKey::GeneralBudget => "general_budget".into(),
        ColumnKey::GovFund => "gov_fund".into(),
        ColumnKey::StateCapital => "state_capital".into(),
        ColumnKey::SpecialAccount => "special_account".into(),
        ColumnKey::BusinessIncome => "business_income".into(),
        ColumnKey::OperatingIncome => "operating_income".into(),
        ColumnKey::UnitFunds => "unit_funds".into(),
        ColumnKey::Superior => "superior".into(),
        ColumnKey::CarryOver => "carry_over".into(),
        ColumnKey::Economic(c) => format!("economic({c})"),
        ColumnKey::Abroad => "abroad".into(),
        ColumnKey::Vehicle => "vehicle".into(),
        ColumnKey::VehiclePurchase => "vehicle_purchase".into(),
        ColumnKey::VehicleOperation => "vehicle_operation".into(),
        ColumnKey::Reception => "reception".into(),
        ColumnKey::OfficeOperation => "office_operation".into(),
        ColumnKey::YearTotal => "year_total".into(),
        ColumnKey::CarryEnd => "carry_end".into(),
        ColumnKey::SurplusUsed => "surplus_used".into(),
        ColumnKey::SurplusDistribution => "surplus_distribution".into(),
        ColumnKey::SubsidiaryIncome => "subsidiary_income".into(),
        ColumnKey::SuperiorPayment => "superior_payment".into(),
        ColumnKey::OperatingExpense => "operating_expense".into(),
        ColumnKey::SubsidiaryGrant => "subsidiary_grant".into(),
        ColumnKey::YearIncome => "year_income".into(),
        ColumnKey::Other(s) => format!("other({s})"),
    }
}

fn simple_column_key(s: &str) -> Option<ColumnKey> {
    Some(match s {
        "total" => ColumnKey::Total,
        "basic" => ColumnKey::Basic,
        "project" => ColumnKey::Project,
        "personnel" => ColumnKey::Personnel,
        "public_use" => ColumnKey::PublicUse,
        "appropriation" => ColumnKey::Appropriation,
        "general_budget" => ColumnKey::GeneralBudget,
        "gov_fund" => ColumnKey::GovFund,
        "state_capital" => ColumnKey::StateCapital,
        "special_account" => ColumnKey::SpecialAccount,
        "business_income" => ColumnKey::BusinessIncome,
        "operating_income" => ColumnKey::OperatingIncome,
        "unit_funds" => ColumnKey::UnitFunds,
        "superior" => ColumnKey::Superior,
        "carry_over" => ColumnKey::CarryOver,
        "abroad" => ColumnKey::Abroad,
        "vehicle" => ColumnKey::Vehicle,
        "vehicle_purchase" => ColumnKey::VehiclePurchase,
        "vehicle_operation" => ColumnKey::VehicleOperation,
        "reception" => ColumnKey::Reception,
        "office_operation" => ColumnKey::OfficeOperation,
        "year_total" => ColumnKey::YearTotal,
        "carry_end" => ColumnKey::CarryEnd,
        "surplus_used" => ColumnKey::SurplusUsed,
        "surplus_distribution" => ColumnKey::SurplusDistribution,
        "subsidiary_income" => ColumnKey::SubsidiaryIncome,
        "superior_payment" => ColumnKey::SuperiorPayment,
        "operating_expense" => ColumnKey::OperatingExpense,
        "subsidiary_grant" => ColumnKey::SubsidiaryGrant,
        "year_income" => ColumnKey::YearIncome,
        _ => return None,
    })
}

const COLUMN_NAMES: &str = "total, basic, project, personnel, public_use, appropriation, general_budget, gov_fund, state_capital, special_account, business_income, operating_income, unit_funds, superior, carry_over, abroad, vehicle, vehicle_purchase, vehicle_operation, reception, office_operation, year_total, carry_end, surplus_used, surplus_distribution, subsidiary_income, superior_payment, operating_expense, subsidiary_grant, year_income, economic(301), other(名称)";
const TABLE_NAMES: &str = "summary, income, expense, fiscal_summary, general_expense, basic_economic, projects, three_public, gov_fund, state_capital, carry_over";

struct P<'a> {
    chars: Vec<char>,
    pos: usize,
    _src: &'a str,
}

impl<'a> P<'a> {
    fn new(src: &'a str) -> Self {
        P {
            chars: src.chars().collect(),
            pos: 0,
            _src: src,
        }
    }

    fn err<T>(&self, pos: usize, msg: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            pos,
            message: msg.into(),
        })
    }

    /// The formula text between two character positions.
    fn text(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    fn ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.ws();
        self.chars.get(self.pos).copied()
    }

    fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    fn eat(&mut self, s: &str) -> bool {
        self.ws();
        let n = s.chars().count();
        if self
            .chars
            .get(self.pos..self.pos + n)
            .is_some_and(|w| w.iter().copied().eq(s.chars()))
        {
            self.pos += n;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, s: &str) -> Result<(), ParseError> {
        if self.eat(s) {
            Ok(())
        } else {
            let found = self
                .peek()
                .map(|c| format!("'{c}'"))
                .unwrap_or_else(|| "end of formula".into());
            self.err(self.pos, format!("expected '{s}', found {found}"))
        }
    }

    fn ident(&mut self) -> Result<(usize, String), ParseError> {
        self.ws();
        let start = self.pos;
        while self
            .chars
            .get(self.pos)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.pos += 1;
        }
        if start == self.pos {
            let found = self
                .chars
                .get(start)
                .map(|c| format!("'{c}'"))
                .unwrap_or_else(|| "end of formula".into());
            return self.err(start, format!("expected a name, found {found}"));
        }
        Ok((start, self.text(start, self.pos)))
    }

    /// Raw text up to the closing ')' (which is consumed).
    fn raw_arg(&mut self) -> Result<(usize, String), ParseError> {
        let start = self.pos;
        while self.chars.get(self.pos).is_some_and(|&c| c != ')') {
            self.pos += 1;
        }
        if self.pos >= self.chars.len() {
            return self.err(start, "missing ')'");
        }
        let s = self.text(start, self.pos);
        self.pos += 1;
        let s = s.trim().trim_matches('"').trim().to_string();
        if s.is_empty() {
            return self.err(start, "empty argument");
        }
        Ok((start, s))
    }

    fn table(&mut self) -> Result<TableKind, ParseError> {
        let (p, name) = self.ident()?;
        match table_kind_from_name(&name) {
            Some(k) => Ok(k),
            None => self.err(
                p,
                format!("unknown table '{name}' (expected one of: {TABLE_NAMES})"),
            ),
        }
    }

    fn column_key(&mut self) -> Result<ColumnKey, ParseError> {
        let (p, name) = self.ident()?;
        if name == "economic" || name == "other" {
            self.expect("(")?;
            let (ap, arg) = self.raw_arg()?;
            if name == "economic" {
                if EconomicCode::parse(&arg).is_none() {
                    return self.err(ap, format!("'{arg}' is not an economic code such as 301"));
                }
                return Ok(ColumnKey::Economic(arg));
            }
            return Ok(ColumnKey::Other(arg));
        }
        match simple_column_key(&name) {
            Some(k) => Ok(k),
            None => self.err(
                p,
                format!("unknown column '{name}' (expected one of: {COLUMN_NAMES})"),
            ),
        }
    }

    fn column(&mut self) -> Result<ColumnSpec, ParseError> {
        if self.eat("*") {
            return Ok(ColumnSpec::Star);
        }
        if self.eat("{") {
            let mut all = false;
            let mut include = Vec::new();
            let mut except = Vec::new();
            if self.eat("*") {
                all = true;
                let (p, w) = self.ident()?;
                if w != "except" {
                    return self.err(p, "expected 'except' after '*' in a column set");
                }
                loop {
                    except.push(self.column_key()?);
                    if !self.eat(",") {
                        break;
                    }
                }
            } else {
                loop {
                    self.ws();
                    let save = self.pos;
                    if self.eat("economic") && self.eat("(") && self.eat("*") {
                        self.expect(")")?;
                        include.push(ColPat::AnyEconomic);
                    } else {
                        self.pos = save;
                        include.push(ColPat::Key(self.column_key()?));
                    }
                    if !self.eat(",") {
                        break;
                    }
                }
            }
            self.expect("}")?;
            return Ok(ColumnSpec::Set {
                all,
                include,
                except,
            });
        }
        Ok(ColumnSpec::Key(self.column_key()?))
    }

    fn reference(&mut self, summed: bool) -> Result<Ref, ParseError> {
        let table = self.table()?;
        self.expect(".")?;
        let (p, sel) = self.ident()?;
        let selector = match sel.as_str() {
            "total" => Selector::Total,
            "each" => Selector::Each,
            "rows" => Selector::Rows,
            "project_rows" => Selector::ProjectRows,
            "class" => Selector::Level(Level::FnClass),
            "item" => Selector::Level(Level::FnItem),
            "sub" => Selector::Level(Level::FnSub),
            "econ_class" => Selector::Level(Level::EconClass),
            "econ_item" => Selector::Level(Level::EconItem),
            "code" => {
                if self.eat("(") {
                    let (ap, arg) = self.raw_arg()?;
                    let code = FunctionCode::parse(&arg)
                        .map(Code::Function)
                        .or_else(|| EconomicCode::parse(&arg).map(Code::Economic));
                    match code {
                        Some(c) => Selector::Code(c),
                        None => {
                            return self.err(
                                ap,
                                format!("'{arg}' is not a function (201 03 01) or economic (301 08) code"),
                            )
                        }
                    }
                } else {
                    Selector::Level(Level::FnAny)
                }
            }
            "name" => {
                self.expect("(")?;
                Selector::Name(self.raw_arg()?.1)
            }
            "income" => {
                if table != TableKind::Summary && table != TableKind::FiscalSummary {
                    return self.err(p, "income items exist only in summary / fiscal_summary");
                }
                self.expect("(")?;
                let key = self.column_key()?;
                self.expect(")")?;
                Selector::Income(key)
            }
            "income_total" => {
                if table != TableKind::Summary && table != TableKind::FiscalSummary {
                    return self.err(p, "income_total exists only in summary / fiscal_summary");
                }
                Selector::IncomeTotal
            }
            _ => {
                return self.err(
                    p,
                    format!("unknown row selector '{sel}' (expected total, each, rows, project_rows, class, item, sub, code, econ_class, econ_item, code(…), name(…), income(…), income_total)"),
                )
            }
        };
        let column = if matches!(selector, Selector::Income(_) | Selector::IncomeTotal) {
            ColumnSpec::None
        } else {
            self.expect(".")?;
            self.column()?
        };
        if matches!(selector, Selector::Rows | Selector::ProjectRows) && !summed {
            return self.err(
                p,
                format!("'{sel}' reads several rows: use it inside sum()"),
            );
        }
        Ok(Ref {
            table,
            selector,
            column,
            summed,
        })
    }

    fn term(&mut self, plus: bool) -> Result<Term, ParseError> {
        self.ws();
        let save = self.pos;
        if self.eat("sum") && self.eat("(") {
            let r = self.reference(true)?;
            self.expect(")")?;
            return Ok(Term { plus, r });
        }
        self.pos = save;
        Ok(Term {
            plus,
            r: self.reference(false)?,
        })
    }

    fn expr(&mut self) -> Result<Vec<Term>, ParseError> {
        let mut terms = Vec::new();
        let first_plus = !self.eat("-");
        terms.push(self.term(first_plus)?);
        loop {
            if self.eat("+") {
                terms.push(self.term(true)?);
            } else if self.eat("-") {
                terms.push(self.term(false)?);
            } else {
                break;
            }
        }
        Ok(terms)
    }
}

/// Parse an identity such as `expense.each.total = expense.each.basic + expense.each.project`.
pub fn parse_identity(src: &str) -> Result<Identity, ParseError> {
    let mut p = P::new(src);
    let left = p.expr()?;
    let op = if p.eat("<=") {
        Op::Le
    } else if p.eat(">=") {
        Op::Ge
    } else if p.eat("=") {
        Op::Eq
    } else {
        let pos = p.pos;
        return p.err(pos, "expected '=', '<=' or '>=' (or '+' / '-')");
    };
    let right = p.expr()?;
    if !p.at_end() {
        let pos = p.pos;
        return p.err(pos, "unexpected text after the identity");
    }
    let id = Identity { left, op, right };
    validate(&id, src)?;
    Ok(id)
}

/// Static checks: `each` on one table only; per-code references share one level.
fn validate(id: &Identity, src: &str) -> Result<(), ParseError> {
    let whole = |m: &str| ParseError {
        pos: 0,
        message: format!("{m} in '{src}'"),
    };
    let each: Vec<TableKind> = id
        .refs()
        .filter(|r| r.selector == Selector::Each)
        .map(|r| r.table)
        .collect();
    if each.windows(2).any(|w| w.first() != w.last()) {
        return Err(whole("'each' references must all be on the same table"));
    }
    let mut levels: Vec<Level> = id
        .refs()
        .filter(|r| !r.summed)
        .filter_map(|r| match r.selector {
            Selector::Level(l) => Some(l),
            _ => None,
        })
        .collect();
    levels.dedup();
    if levels.windows(2).any(|w| w.first() != w.last()) {
        return Err(whole("references checked per code must use the same level"));
    }
    if !each.is_empty() && !levels.is_empty() {
        return Err(whole("'each' cannot be combined with per-code selectors"));
    }
    if let Some(l) = levels.first() {
        if id
            .refs()
            .any(|r| matches!(r.selector, Selector::Level(m) if m != *l))
        {
            return Err(whole("references checked per code must use the same level"));
        }
    }
    Ok(())
}

/// Parse a `when` condition such as `projects.scope == general_budget`.
pub fn parse_condition(src: &str) -> Result<Condition, ParseError> {
    let mut p = P::new(src);
    let mut atoms = Vec::new();
    loop {
        let negated = p.eat("!") || {
            let save = p.pos;
            if p.eat("not ") {
                true
            } else {
                p.pos = save;
                false
            }
        };
        p.ws();
        let save = p.pos;
        if p.eat("has") && p.eat("(") {
            let table = p.table()?;
            p.expect(".")?;
            let column = p.column_key()?;
            p.expect(")")?;
            atoms.push(CondAtom::Has {
                table,
                column,
                negated,
            });
        } else {
            p.pos = save;
            if negated {
                return p.err(save, "'!' applies to has(…) only");
            }
            if p.eat("document") {
                p.expect(".")?;
                let (kp, k) = p.ident()?;
                let equal = if p.eat("==") {
                    true
                } else if p.eat("!=") {
                    false
                } else {
                    let pos = p.pos;
                    return p.err(pos, "expected '==' or '!='");
                };
                let (vp, v) = p.ident()?;
                use crate::model::{DocKind, DocLevel};
                let atom = match (k.as_str(), v.as_str()) {
                    ("kind", "budget") => CondAtom::Kind {
                        equal,
                        kind: DocKind::Budget,
                    },
                    ("kind", "final") => CondAtom::Kind {
                        equal,
                        kind: DocKind::Final,
                    },
                    ("level", "department") => CondAtom::Level {
                        equal,
                        level: DocLevel::Department,
                    },
                    ("level", "unit") => CondAtom::Level {
                        equal,
                        level: DocLevel::Unit,
                    },
                    ("kind", _) => {
                        return p.err(vp, format!("unknown document kind '{v}' (budget, final)"))
                    }
                    ("level", _) => {
                        return p.err(
                            vp,
                            format!("unknown document level '{v}' (department, unit)"),
                        )
                    }
                    _ => return p.err(kp, "expected document.kind or document.level"),
                };
                atoms.push(atom);
                if p.at_end() {
                    break;
                }
                let save = p.pos;
                if !(p.eat("and") || p.eat("&&")) {
                    return p.err(save, "expected 'and' or end of condition");
                }
                continue;
            }
            let table = p.table()?;
            p.expect(".")?;
            let (kp, k) = p.ident()?;
            if k != "scope" {
                return p.err(
                    kp,
                    "expected 'scope' (conditions: table.scope == scope, has(table.column))",
                );
            }
            let equal = if p.eat("==") {
                true
            } else if p.eat("!=") {
                false
            } else {
                let pos = p.pos;
                return p.err(pos, "expected '==' or '!='");
            };
            let (sp, s) = p.ident()?;
            let scope = match scope_from_name(&s) {
                Some(s) => s,
                None => {
                    return p.err(
                        sp,
                        format!("unknown scope '{s}' (all_funds, appropriation, general_budget, gov_fund, state_capital)"),
                    )
                }
            };
            atoms.push(CondAtom::Scope {
                table,
                equal,
                scope,
            });
        }
        if p.at_end() {
            break;
        }
        let save = p.pos;
        if !(p.eat("and") || p.eat("&&")) {
            return p.err(save, "expected 'and' or end of condition");
        }
    }
    Ok(Condition { atoms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_row_identity() {
        let id = parse_identity("expense.each.total = expense.each.basic + expense.each.project")
            .unwrap();
        assert_eq!(id.left.len(), 1);
        assert_eq!(id.right.len(), 2);
        assert_eq!(id.right[1].r.column, ColumnSpec::Key(ColumnKey::Project));
    }

    #[test]
    fn parses_sums_sets_and_codes() {
        let id = parse_identity("sum(projects.sub.total) = general_expense.sub.project").unwrap();
        assert!(id.left[0].r.summed);
        let id = parse_identity(
            "basic_economic.code(301 10).total = general_expense.code(210 11 01).basic + general_expense.code(2101102).basic",
        )
        .unwrap();
        assert!(matches!(
            id.left[0].r.selector,
            Selector::Code(Code::Economic(_))
        ));
        let id = parse_identity("income.each.total = income.each.{* except total, appropriation}")
            .unwrap();
        assert!(matches!(
            id.right[0].r.column,
            ColumnSpec::Set { all: true, .. }
        ));
        let id = parse_identity("projects.each.total = projects.each.{economic(*)}").unwrap();
        assert!(
            matches!(&id.right[0].r.column, ColumnSpec::Set { include, .. } if include == &vec![ColPat::AnyEconomic])
        );
        parse_identity("summary.income_total = summary.total.total").unwrap();
        parse_identity("three_public.total.reception >= basic_economic.code(302 17).total")
            .unwrap();
    }

    #[test]
    fn reports_positions() {
        let e = parse_identity("expense.each.totl = expense.each.basic").unwrap_err();
        assert_eq!(e.pos, 13);
        let e = parse_identity("expens.each.total = expense.each.basic").unwrap_err();
        assert_eq!(e.pos, 0);
        let e = parse_identity("expense.each.total expense.each.basic").unwrap_err();
        assert!(e.message.contains("expected '='"));
        assert!(parse_identity("expense.rows.total = expense.total.total").is_err());
        assert!(parse_identity("expense.each.total = income.each.total").is_err());
    }

    #[test]
    fn parses_conditions() {
        let c = parse_condition("projects.scope == general_budget and has(income.general_budget)")
            .unwrap();
        assert_eq!(c.atoms.len(), 2);
        let c = parse_condition("!has(income.general_budget)").unwrap();
        assert!(matches!(c.atoms[0], CondAtom::Has { negated: true, .. }));
        assert!(parse_condition("projects.scope == everything").is_err());
    }
}
