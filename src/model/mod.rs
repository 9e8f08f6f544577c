//! The typed, provenance-carrying model of one disclosure (部门预算公开).
//!
//! Every figure remembers the line it was printed on (1-based, in the original file)
//! and how many decimals it was printed with, because the rounding tolerance of every
//! comparison depends on that printed scale (DOMAIN.md, "Rounding: exact, but honest").

pub mod claim;
mod codes;
mod figure;
mod finding;

pub use codes::{EconomicCode, FunctionCode};
pub use figure::Figure;
pub use finding::{Finding, Lang, Message, PreviousRef, Severity};

use serde::{Deserialize, Serialize};

/// The unit a table or sentence states its amounts in (单位：万元 / 单位：元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Unit {
    /// 万元 (ten thousand yuan), the usual unit.
    #[default]
    #[serde(rename = "万元")]
    WanYuan,
    /// 元 (yuan), used by Shanghai's template among others.
    #[serde(rename = "元")]
    Yuan,
}

impl Unit {
    /// The unit as printed: 万元 / 元.
    pub fn zh(self) -> &'static str {
        match self {
            Unit::WanYuan => "万元",
            Unit::Yuan => "元",
        }
    }
}

/// Which kind of table this is, from its title (not its number): the title decides
/// which identities apply (DOMAIN.md, "A table's scope comes from its title").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 部门收支总体情况表 (表一): income items beside expense by function class.
    Summary,
    /// 部门收入总体情况表 (表二): rows by function code, columns by source.
    Income,
    /// 部门支出总体情况表 (表三): rows by function code; 合计 = 基本支出 + 项目支出.
    Expense,
    /// 财政拨款收支预算总体情况表 (表四).
    FiscalSummary,
    /// 一般公共预算支出情况表 (表五).
    GeneralExpense,
    /// 一般公共预算基本支出情况表 (表六): rows by economic code.
    BasicEconomic,
    /// 项目支出情况表 (表七): one row per project.
    Projects,
    /// "三公"经费支出情况表.
    ThreePublic,
    /// 政府性基金预算支出情况表.
    GovFund,
    /// 国有资本经营预算支出情况表.
    StateCapital,
    /// 上年结转结余情况明细表.
    CarryOver,
    /// A titled table that budgetlint does not type.
    Other,
}

impl TableKind {
    /// Short Chinese name of the kind, used in messages.
    pub fn zh(self) -> &'static str {
        match self {
            TableKind::Summary => "收支总表",
            TableKind::Income => "收入总表",
            TableKind::Expense => "支出总表",
            TableKind::FiscalSummary => "财政拨款收支总表",
            TableKind::GeneralExpense => "一般公共预算支出表",
            TableKind::BasicEconomic => "基本支出经济分类表",
            TableKind::Projects => "项目支出表",
            TableKind::ThreePublic => "三公经费表",
            TableKind::GovFund => "政府性基金预算支出表",
            TableKind::StateCapital => "国有资本经营预算支出表",
            TableKind::CarryOver => "上年结转结余表",
            TableKind::Other => "其他表",
        }
    }
}

/// Which funds a table covers, read from its title: "一般公共预算项目支出情况表" covers the
/// general public budget only, a plain "项目支出情况表" covers all funds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundScope {
    /// All funds of the department (部门).
    AllFunds,
    /// 财政拨款 only (一般公共预算 + 政府性基金 + 国有资本经营).
    Appropriation,
    /// 一般公共预算 only.
    GeneralBudget,
    /// 政府性基金预算 only.
    GovFund,
    /// 国有资本经营预算 only.
    StateCapital,
}

/// What a column holds, recognized from its header text. The key, not the position,
/// is what rules address ("表五.合计.基本支出").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case", tag = "key", content = "detail")]
pub enum ColumnKey {
    /// 合计 / 总计 / 预算数 / 项目支出合计: the row total.
    Total,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 人员经费.
    Personnel,
    /// 公用经费.
    PublicUse,
    /// 财政拨款（补助）小计.
    Appropriation,
    /// 一般公共预算 (拨款).
    GeneralBudget,
    /// 政府性基金预算 (拨款).
    GovFund,
    /// 国有资本经营预算.
    StateCapital,
    /// 财政专户 (管理资金 / 核拨 / 教育收费).
    SpecialAccount,
    /// 事业收入.
    BusinessIncome,
    /// 事业单位经营收入.
    OperatingIncome,
    /// 单位资金 / 单位其他资金收入 / 其他收入.
    UnitFunds,
    /// 上级补助收入 / 上级专项.
    Superior,
    /// 上年结转 / 结转结余 (all kinds).
    CarryOver,
    /// An economic-class column of a project table (工资福利支出 = 301, …).
    Economic(String),
    /// 因公出国（境）费.
    Abroad,
    /// 公务用车购置及运行费.
    Vehicle,
    /// 公务用车购置费.
    VehiclePurchase,
    /// 公务用车运行费 / 运行维护费.
    VehicleOperation,
    /// 公务接待费.
    Reception,
    /// 机关运行经费.
    OfficeOperation,
    /// 本年收入合计 / 本年支出合计 of a 决算: the year's own total, before carry-forwards.
    YearTotal,
    /// 年末结转和结余 (决算): carried into next year.
    CarryEnd,
    /// 使用非财政拨款结余 (决算).
    SurplusUsed,
    /// 结余分配 (决算).
    SurplusDistribution,
    /// 附属单位上缴收入 (决算).
    SubsidiaryIncome,
    /// 上缴上级支出 (决算).
    SuperiorPayment,
    /// 经营支出 (决算).
    OperatingExpense,
    /// 对附属单位补助支出 (决算).
    SubsidiaryGrant,
    /// 本年收入 of a fund table (政府性基金 / 国有资本经营 决算).
    YearIncome,
    /// A column budgetlint reads but does not interpret.
    Other(String),
}

/// One column of a table: its header text as printed and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    #[serde(flatten)]
    pub key: ColumnKey,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A function-classified row (功能分类 类/款/项).
    Function,
    /// An economic-classified row (经济分类 类/款).
    Economic,
    /// A project row (项目支出表).
    Project,
    /// A 合计 / 总计 row.
    Total,
    /// A labelled item (income sources of 收支总表, 三公 lines, …).
    Item,
}

/// A classification code on a row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "system", content = "code")]
pub enum Code {
    Function(FunctionCode),
    Economic(EconomicCode),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Function(c) => c.fmt(f),
            Code::Economic(c) => c.fmt(f),
        }
    }
}

/// One body or total row of a table. `values` is aligned with the table's columns;
/// an empty cell is `None`, never zero.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub line: usize,
    pub kind: RowKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// The row's name (科目名称, item label, or 合计).
    pub name: String,
    /// 项目名称, for project rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    pub values: Vec<Option<Figure>>,
    /// True when the source gave no cell positions and the columns of some figures were
    /// inferred from the table's identities (e.g. a lone 341.29 under 基本支出, not 项目支出).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub columns_inferred: bool,
}

impl Row {
    /// The figure in the column with this key, if any.
    pub fn get(&self, columns: &[Column], key: &ColumnKey) -> Option<&Figure> {
        columns
            .iter()
            .position(|c| &c.key == key)
            .and_then(|i| self.values.get(i))
            .and_then(|v| v.as_ref())
    }

    /// A label that identifies the row without line numbers (code, project or name).
    pub fn label(&self) -> String {
        match (&self.code, &self.project) {
            (Some(c), Some(p)) => format!("{c} {p}"),
            (Some(c), None) => format!("{c} {}", self.name),
            (None, Some(p)) => p.clone(),
            (None, None) => self.name.clone(),
        }
    }
}

/// One income line of a 收支总表 (left side): 财政拨款（补助）, 一般公共预算, 事业收入, 上年结转结余…
#[derive(Debug, Clone, Serialize)]
pub struct IncomeItem {
    pub line: usize,
    pub name: String,
    pub key: ColumnKey,
    /// True for sub-items (其中：…, or components of 财政拨款) that are not added to the total.
    pub nested: bool,
    pub amount: Option<Figure>,
}

/// A sentence under a table that explains it (备注：…为空表。).
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub line: usize,
    pub text: String,
}

/// Something in a table that could not be read; turned into a finding, never skipped silently.
#[derive(Debug, Clone, Serialize)]
pub struct ParseIssue {
    pub line: usize,
    pub message: String,
    /// What the issue means for the checks (not part of the extract output).
    #[serde(skip)]
    pub kind: IssueKind,
    /// Character column and width of the text that could not be read, when known.
    #[serde(skip)]
    pub col: Option<(usize, usize)>,
    /// The message in Chinese and in English, when given apart (`message` holds both).
    #[serde(skip)]
    pub text: Option<(String, String)>,
}

impl ParseIssue {
    pub fn new(line: usize, message: impl Into<String>) -> ParseIssue {
        ParseIssue {
            line,
            message: message.into(),
            kind: IssueKind::Table,
            col: None,
            text: None,
        }
    }

    /// An issue with its message in Chinese and in English.
    pub fn bilingual(line: usize, zh: String, en: String) -> ParseIssue {
        let mut i = ParseIssue::new(line, format!("{zh} ({en})"));
        i.text = Some((zh, en));
        i
    }

    /// The message in Chinese and in English.
    pub fn messages(&self) -> (&str, &str) {
        match &self.text {
            Some((zh, en)) => (zh, en),
            None => (&self.message, &self.message),
        }
    }
}

/// What a [`ParseIssue`] means for the checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IssueKind {
    /// Something about the table as a whole or a row that could not be aligned (T003).
    #[default]
    Table,
    /// A cell of the row starting at line `row` printed something that is not a number
    /// ("1..2", "12.345.67"): its value is unknown, not empty, so no identity uses that cell
    /// (T003). `column` None: the column is not known, every cell of the row is unknown.
    Cell { row: usize, column: Option<usize> },
    /// The table stops at the end of the file without its 合计 row: the file was cut off.
    /// Only each row's own identity is checked (not its last row); identities over the
    /// table's totals, columns or codes and across tables are skipped (T003).
    CutOff,
    /// A row whose code cell is not a classification code as printed ("99999", "2x01",
    /// "301 2", "7 11 02"); reported by T103, not T003. `placed` is the code the row was
    /// read as when its neighbours leave no doubt ("301 2" under 301 is 301 02, "7 11 02"
    /// after 210 11 is 210 11 02); without it the row is kept as an uncoded item, outside
    /// every subtotal.
    Code { text: String, placed: Option<Code> },
    /// An amount on the income side of 收支总表 (the item on line `row`) printed something
    /// that is not a number: the item's amount is unknown, so no sum uses it (T003).
    IncomeCell { row: usize },
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One typed table of 第二部分 预算公开表.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// How the document names it: "表三", or the title when it has no number.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    pub kind: TableKind,
    pub scope: FundScope,
    pub title: String,
    /// Line of the title.
    pub line: usize,
    /// Last line that belongs to the table.
    pub end_line: usize,
    pub unit: Unit,
    /// Whether the table prints its own 单位 line (else `unit` is the document's).
    #[serde(skip_serializing_if = "is_true")]
    pub unit_stated: bool,
    pub columns: Vec<Column>,
    /// The left side of a 收支总表 (income items); empty for other kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub income: Vec<IncomeItem>,
    pub rows: Vec<Row>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_note: Option<Note>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<ParseIssue>,
}

impl Table {
    pub fn column_index(&self, key: &ColumnKey) -> Option<usize> {
        self.columns.iter().position(|c| &c.key == key)
    }

    /// Body rows (not 合计).
    pub fn body(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.kind != RowKind::Total)
    }

    /// The 合计/总计 row; for 收支总表 the 支出总计 row.
    pub fn total_row(&self) -> Option<&Row> {
        self.rows.iter().rev().find(|r| r.kind == RowKind::Total)
    }

    /// False when the table was cut off at the end of the file (see [`IssueKind::CutOff`]).
    pub fn complete(&self) -> bool {
        !self.issues.iter().any(|i| i.kind == IssueKind::CutOff)
    }

    /// True when the cell of `row` in column `col` printed something unreadable, or the row
    /// is the last row of a table cut off at the end of the file: its value is unknown.
    pub fn unreadable(&self, row: &Row, col: usize) -> bool {
        self.issues.iter().any(|i| match &i.kind {
            IssueKind::Cell { row: r, column } => *r == row.line && column.is_none_or(|c| c == col),
            IssueKind::CutOff => i.line == row.line,
            IssueKind::Table | IssueKind::Code { .. } | IssueKind::IncomeCell { .. } => false,
        })
    }

    /// True when the income item on `line` printed an unreadable amount: it is unknown.
    pub fn income_unreadable(&self, line: usize) -> bool {
        self.issues
            .iter()
            .any(|i| i.kind == IssueKind::IncomeCell { row: line })
    }

    /// True when the table has no figure at all.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.values.iter().all(|v| v.is_none()))
            && self.income.iter().all(|i| i.amount.is_none())
    }
}

/// Comparator of a performance indicator value (指标值): ">=95%" → Ge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

/// One indicator row of a 绩效目标表 (一级/二级/三级指标 and 指标值).
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub line: usize,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A 项目支出绩效目标表: per project 年度资金总额 = 财政拨款 + 其他资金, and its indicators.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceTable {
    pub line: usize,
    pub end_line: usize,
    pub project: String,
    pub total: Option<Figure>,
    pub appropriation: Option<Figure>,
    pub other: Option<Figure>,
    pub indicators: Vec<Indicator>,
}

/// A paragraph of the narrative (第三部分 预算情况说明 and the other prose), with the line
/// where each of its source lines starts so a character offset maps back to a line.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub line: usize,
    pub end_line: usize,
    pub text: String,
    /// (char offset in `text`, source line) for each source line joined into the paragraph.
    #[serde(skip)]
    pub starts: Vec<(usize, usize)>,
}

impl Paragraph {
    /// Source line of the character at `offset` in `text`.
    pub fn line_at(&self, offset: usize) -> usize {
        self.starts
            .iter()
            .take_while(|(o, _)| *o <= offset)
            .last()
            .map(|(_, l)| *l)
            .unwrap_or(self.line)
    }
}

/// What kind of disclosure a document is: the year's budget (预算) or, a year later, its
/// final accounts (决算). Identities and narrative forms differ between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 预算公开.
    #[default]
    Budget,
    /// 决算公开.
    Final,
}

/// Whose disclosure it is: a department's, consolidating its units (部门), or one unit's (单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DocLevel {
    /// 部门预算 / 部门决算.
    #[default]
    Department,
    /// 单位预算 / 单位决算.
    Unit,
}

impl DocKind {
    pub fn zh(self) -> &'static str {
        match self {
            DocKind::Budget => "预算",
            DocKind::Final => "决算",
        }
    }
}

impl DocLevel {
    pub fn zh(self) -> &'static str {
        match self {
            DocLevel::Department => "部门",
            DocLevel::Unit => "单位",
        }
    }

    /// The other level (a 单位 document's template is the 部门 one's twin).
    pub fn other(self) -> DocLevel {
        match self {
            DocLevel::Department => DocLevel::Unit,
            DocLevel::Unit => DocLevel::Department,
        }
    }
}

/// Facts about the document as a whole.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DocumentInfo {
    /// 预算 or 决算, from the cover (else the table titles).
    pub kind: DocKind,
    /// 部门 or 单位, from the cover (else the table titles).
    pub level: DocLevel,
    /// 编制部门 / 预算主管部门 / 预算单位, or the name on the cover.
    pub department: Option<String>,
    /// The year the document is for (预算年度 / 决算年度).
    pub year: Option<i32>,
    /// The unit most tables state.
    pub unit: Unit,
    /// Name of the encoding the file was decoded from.
    pub encoding: String,
}

/// The whole model of one disclosure.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Document {
    pub path: String,
    #[serde(flatten)]
    pub info: DocumentInfo,
    pub tables: Vec<Table>,
    pub performance: Vec<PerformanceTable>,
    pub narrative: Vec<Paragraph>,
    /// The claims of the narrative, as the narrative stage read them.
    #[serde(skip)]
    pub claims: Vec<claim::Claim>,
    /// The normalized source lines (index = line − 1); used to render diagnostics.
    #[serde(skip)]
    pub lines: Vec<String>,
    /// The PDF page of each line (index = line − 1), when the text carries page breaks.
    #[serde(skip)]
    pub pages: Vec<Option<u32>>,
}

impl Document {
    /// The page (1-based) a line is on, when the source had page breaks ("第 7 页").
    pub fn page_of(&self, line: usize) -> Option<u32> {
        line.checked_sub(1)
            .and_then(|i| self.pages.get(i))
            .copied()
            .flatten()
    }

    /// The first table of this kind.
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// The first table of this kind with this scope.
    pub fn table_scoped(&self, kind: TableKind, scope: FundScope) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.kind == kind && t.scope == scope)
    }
}
