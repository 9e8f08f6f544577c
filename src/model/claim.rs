//! What a narrative sentence asserts, with the position of every figure.

use crate::model::{Figure, FunctionCode, Unit};
use rust_decimal::Decimal;
use serde::Serialize;

/// Which part of 第三部分 a claim sits in, from the nearest heading above it. Decides which
/// total a share refers to and which table an amount is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// 第一部分 部门概况 (机构设置, 人员).
    Organization,
    /// 收支预算情况的总体说明.
    Overview,
    /// 收入预算情况说明.
    Income,
    /// 支出预算情况说明.
    Expense,
    /// 财政拨款收支预算情况的总体说明.
    Appropriation,
    /// 一般公共预算当年拨款情况说明.
    GeneralBudget,
    /// 一般公共预算基本支出情况说明.
    Basic,
    /// 项目支出情况说明.
    Projects,
    /// "三公"经费.
    ThreePublic,
    /// 政府性基金 / 国有资本经营.
    Fund,
    /// 其他重要事项 (机关运行经费, 政府采购, 国有资产, 预算绩效).
    Other,
    #[default]
    Unknown,
}

/// Direction words of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增加 / 增长 / 上升.
    Up,
    /// 减少 / 下降.
    Down,
    /// 持平.
    Flat,
    /// The template's "增加（减少）": the direction was never filled in.
    Unspecified,
}

/// A printed amount with its unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Money {
    pub figure: Figure,
    pub unit: Unit,
}

impl Money {
    /// The amount in 万元 (tolerance kept as printed).
    pub fn wan(&self) -> Figure {
        match self.unit {
            Unit::WanYuan => self.figure.clone(),
            Unit::Yuan => self.figure.yuan_to_wan(),
        }
    }

    /// The amount as printed with its unit, "284.218万元".
    pub fn printed(&self) -> String {
        format!("{}{}", self.figure.printed(), self.unit.zh())
    }
}

/// What an amount claim stands for, when the sentence says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountRole {
    /// A plain restated figure ("一般公共服务支出 1785.63 万元").
    Plain,
    /// 共计 / 合计 / 总计 of the amounts listed before it.
    Total,
    /// 预算安排规模 of the current project.
    ProjectBudget,
    /// "本项目本年预算 284.218 万元" — the project budget restated in its description.
    ProjectRestated,
    /// The result of written arithmetic ("…=36 万元").
    ArithmeticResult,
}

/// The kind-specific content of a claim.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ClaimData {
    /// "人员经费 280.87 万元".
    Amount {
        money: Money,
        role: AmountRole,
        /// "约 27 万元": an approximation.
        approx: bool,
    },
    /// "占 12.77%" of `base` (a total inferred from the section), about `amount`.
    Share {
        rate: Figure,
        amount: Option<Money>,
        base: ShareBase,
        /// The base total as stated in the narrative, when it was.
        base_amount: Option<Money>,
    },
    /// "比上年预算增加 82.72 万元，增长 25.46%".
    Change {
        current: Option<Money>,
        change: Option<Money>,
        change_dir: Direction,
        rate: Option<Figure>,
        rate_dir: Option<Direction>,
        /// Against what: 预算 / 执行数 / 决算, as printed ("" when not said).
        basis: String,
        /// The year compared with, when printed ("比2024年预算" → 2024); None for "比上年".
        #[serde(skip_serializing_if = "Option::is_none")]
        prior_year: Option<i32>,
        /// Prior stated explicitly ("2025年当年预算执行数为X万元，2026年预算安排Y万元").
        prior: Option<Money>,
    },
    /// "下设 N 个科室…分别是：A、B、…".
    Count { stated: Figure, names: Vec<String> },
    /// A total and its stated parts: 实有人数 = 在职 + 退休 + 离休, 政府采购 = 货物 + 工程 +
    /// 服务, 车辆 by type, "三公" = its items.
    Breakdown {
        what: BreakdownKind,
        total: Figure,
        unit: Option<Unit>,
        parts: Vec<(String, Figure)>,
    },
    /// "2000 元/月*12 个月*15 个站=36 万元".
    Arithmetic {
        expression: String,
        /// Exact value of the left side, in 万元 when units resolve (see `operand_unit`).
        computed: Decimal,
        /// Unit of the left side: Some(元/万元) from the operands, None when no operand said.
        operand_unit: Option<Unit>,
        result: Money,
        /// The result is an annual figure ("…=512.64 万元/年").
        per_year: bool,
    },
    /// "预算绩效管理的财政拨款项目 18个，涉及预算金额 2784.91 万元".
    Performance { count: Figure, amount: Money },
    /// "人员经费 2152.26 万元，主要包括：基本工资、津贴补贴、…、退休费" — the economic items a
    /// group of 基本支出 (人员经费 / 公用经费) is said to consist of, named without amounts.
    ItemList {
        /// "人员经费" or "公用经费".
        group: String,
        total: Money,
        /// Each name with where it is printed (the figure's value is unused: zero).
        items: Vec<(String, Figure)>,
        /// The list ends in 等 or ……: it says itself that it is partial.
        open_ended: bool,
    },
    /// A 决算's outturn against its budget: "年初预算为A万元，（全年预算为A′万元，）支出决算为
    /// B万元，完成年初预算的C%。决算数小于预算数的主要原因…". The budget figures are last
    /// year's plans: no table of the 决算 prints them (but the 三公 table's 预算数).
    Completion {
        /// 年初预算 (or the only budget stated, 全年预算 when that is all it says).
        budget: Option<Money>,
        /// Whether `budget` is the 年初 (initial) or the 全年 (adjusted) budget.
        budget_initial: bool,
        /// 全年预算, when stated beside the 年初预算.
        full_budget: Option<Money>,
        /// 支出决算 / 决算.
        actual: Money,
        /// 完成预算的 C%.
        rate: Option<Figure>,
        /// The budget the rate names: "年初", "全年" or "" (预算).
        rate_base: String,
        /// The word comparing the outturn with the budget that follows ("决算数小于预算数"):
        /// Up = 大于, Down = 小于, Flat = 等于/持平; and which budget it names.
        word: Option<(Direction, String, Figure)>,
    },
}

/// Which total a share refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareBase {
    /// 收入预算 / 收入总计.
    IncomeTotal,
    /// 支出预算 / 支出总计.
    ExpenseTotal,
    /// 一般公共预算拨款合计.
    GeneralBudgetTotal,
    /// 财政拨款合计.
    AppropriationTotal,
    /// 基本支出.
    BasicTotal,
    /// Could not be inferred.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakdownKind {
    /// 实有人数 = 在职 + 退休 + 离休.
    Headcount,
    /// 政府采购预算 = 货物 + 工程 + 服务.
    Procurement,
    /// 车辆 N 辆 = Σ by type.
    VehicleCount,
    /// 车辆价值 = Σ by type.
    VehicleValue,
    /// "三公"经费 = 因公出国（境）+ 公务用车购置及运行 + 公务接待.
    ThreePublic,
    /// 公务用车购置及运行费 = 购置费 + 运行费.
    Vehicle,
    /// 共计 = Σ listed amounts.
    ListedTotal,
    /// 基本支出 = 人员经费 + 公用经费 (or 收入/支出 total = listed sources/uses).
    Components,
    /// A quantity and the parts listed after "其中" in the same unit ("建筑面积13459平方米，
    /// 其中地上8013平方米（其中计容7998平方米，不计容105平方米），地下5356平方米").
    Quantity,
}

/// One claim read from the narrative.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// Index of the paragraph in the slice given to [`crate::narrative::parse_claims`].
    pub paragraph: usize,
    /// Line of the claim's main figure.
    pub line: usize,
    /// Char span (start, end) of the claim in the paragraph text.
    pub span: (usize, usize),
    pub section: Section,
    /// Sub-section heading ("（三）一般公共预算当年拨款具体使用情况"), if any.
    pub subsection: String,
    /// The current project (项目名称) for claims inside a project description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// What the claim is about, cleaned ("一般公共服务支出", "行政运行", "基本工资").
    pub subject: String,
    /// The classification path as written ("一般公共服务支出（类）…（款）行政运行（项）").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<FunctionCode>,
    /// True for the total that opens its section ("支出预算 3192.57 万元，其中：…",
    /// "一般公共预算拨款合计 …"): the base of the section's shares and the whole of its parts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lead: bool,
    #[serde(flatten)]
    pub data: ClaimData,
}

impl Claim {
    /// Short name of the claim kind (for statistics).
    pub fn kind(&self) -> &'static str {
        match &self.data {
            ClaimData::Amount { role, .. } => match role {
                AmountRole::Total => "total",
                AmountRole::ProjectBudget | AmountRole::ProjectRestated => "project_budget",
                AmountRole::ArithmeticResult => "arithmetic_result",
                AmountRole::Plain => "amount",
            },
            ClaimData::Share { .. } => "share",
            ClaimData::Change { .. } => "change",
            ClaimData::Count { .. } => "count",
            ClaimData::Breakdown { .. } => "breakdown",
            ClaimData::Arithmetic { .. } => "arithmetic",
            ClaimData::Performance { .. } => "performance",
            ClaimData::Completion { .. } => "completion",
            ClaimData::ItemList { .. } => "item_list",
        }
    }

    /// The amount of an amount claim.
    pub fn money(&self) -> Option<&Money> {
        match &self.data {
            ClaimData::Amount { money, .. } => Some(money),
            _ => None,
        }
    }
}

/// Keywords that identify an item whatever words surround it, longest first.
const KEYS: &[&str] = &[
    "公务用车购置及运行",
    "公务用车运行",
    "公务用车购置",
    "公务接待",
    "因公出国",
    "因公（境）",
    "出国（境）",
    "三公",
    "机关运行经费",
    "人员经费",
    "公用经费",
    "基本支出",
    "项目支出",
];

/// A comparison key for a subject: a known keyword it contains (因公出国 / 因公（境） /
/// 出国（境） all give "因公"), else the subject without year, quotes and spaces.
pub fn subject_key(s: &str) -> String {
    for k in KEYS {
        if s.contains(k) {
            return match *k {
                "因公（境）" | "出国（境）" | "因公出国" => "因公".to_string(),
                _ => k.to_string(),
            };
        }
    }
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"'))
        .collect()
}
