//! Column headers → typed columns. A column is known by what its header says (合计, 基本支出,
//! 一般公共预算拨款, 工资福利支出 …), and, depending on the layout, by its tab slot or its
//! horizontal position, so that a figure can be put under the right header even when empty
//! cells are missing.

use super::layout::{Mode, PhysRow};
use crate::model::{Column, ColumnKey, TableKind};
use once_cell::sync::Lazy;
use regex::Regex;

/// A typed column and where it sits.
#[derive(Debug, Clone)]
pub struct ColSpec {
    pub column: Column,
    /// Tab slot (tab layouts).
    pub slot: Option<usize>,
    /// Doubled character centre (spaced layouts).
    pub x2: Option<usize>,
}

/// Header phrases and the key they name, longest first (the scan takes the leftmost match).
static LABELS: Lazy<Vec<(Regex, ColumnKey)>> = Lazy::new(|| {
    use ColumnKey::*;
    let e = |c: &str| Economic(c.to_string());
    let o = |c: &str| Other(c.to_string());
    let table: Vec<(&str, ColumnKey)> = vec![
        (r"本年(收入|支出)合计", YearTotal),
        (r"年初(财政拨款)?结转和?结余", CarryOver),
        (r"年末(财政拨款)?结转和?结余", CarryEnd),
        (r"使用非财政拨款结余", SurplusUsed),
        (r"结余分配", SurplusDistribution),
        (r"附属单位上缴收入", SubsidiaryIncome),
        (r"上缴上级支出", SuperiorPayment),
        (r"对附属单位补助支出", SubsidiaryGrant),
        (r"财政拨款[（(]补助[）)]小计|财政拨款小计", Appropriation),
        (r"项目支出合计", Total),
        (r"工资福利支出", e("301")),
        (r"商品和服务支出", e("302")),
        (r"对个人和家庭的?补助", e("303")),
        (r"债务利息及费用支出", e("307")),
        (r"资本性支出[（(]基本建设[）)]", e("309")),
        (r"资本性支出", e("310")),
        (r"对企业补助[（(]基本建设[）)]", e("311")),
        (r"对企业补助", e("312")),
        (r"对社会保障基金补助", e("313")),
        (r"其他支出", e("399")),
        (r"基本支出", Basic),
        (r"项目支出", Project),
        (r"人员经费", Personnel),
        (r"公用经费", PublicUse),
        (
            r"上级一般公共预算安排的?转移支付",
            o("上级一般公共预算转移支付"),
        ),
        (
            r"上级政府性基金安排的?转移支付",
            o("上级政府性基金转移支付"),
        ),
        (r"一般公共预算", GeneralBudget),
        (r"政府性基金", GovFund),
        (r"国有资本经营|国有资产经营", StateCapital),
        (r"财政专户", SpecialAccount),
        (r"事业单位经营收入|经营收入", OperatingIncome),
        (r"经营支出", OperatingExpense),
        (r"事业收入", BusinessIncome),
        (r"单位其他资金收入|单位资金|其他收入", UnitFunds),
        (r"上级补助收入|上级专项", Superior),
        (r"非财政拨款结转结余?", o("非财政拨款结转结余")),
        (
            r"财政拨款结转结余|财政拨款结转|上年结转结余|上年结转|结转结余",
            CarryOver,
        ),
        (
            r"因公出国[（(]境[）)]费?|因公[（(]境[）)]费|因公出国",
            Abroad,
        ),
        (r"公务用车购置及运行(维护)?费", Vehicle),
        (r"公务用车购置费?|购置费", VehiclePurchase),
        (r"公务用车运行(维护)?费|运行(维护)?费", VehicleOperation),
        (r"公务接待费", Reception),
        (r"机关运行经费", OfficeOperation),
        (r"财政拨款收入|财政拨款[（(]补助[）)]", Appropriation),
        (r"合计|总计|小计|预算数|决算数", Total),
    ];
    table
        .into_iter()
        .filter_map(|(p, k)| Regex::new(p).ok().map(|r| (r, k)))
        .collect()
});

/// Phrases in headers that are group captions or row-label captions, never value columns.
static NOISE: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"一般公共预算(财政拨款)?(基本|项目)?支出(?:预算)?(?:合计)?$|^一般公共预算(基本|项目)?支出$|(财政拨款)?(支出|收入)预算(数)?|功能分类科目编码|功能分类科目名称|经济分类科目编码|经济分类科目名称|部门预算经济分类科目编码|科目编码|科目名称|项目名称|功能分类|经济分类|“?三公”?经费(预算数)?|财政拨款支出|本年收入|本年支出",
    )
});

/// Which keys a table kind's value columns may take (a caption such as
/// "一般公共预算基本支出" over 表六 must not become a 基本支出 column).
fn allowed(kind: TableKind, key: &ColumnKey) -> bool {
    use ColumnKey::*;
    match kind {
        TableKind::Expense => matches!(
            key,
            Total | Basic | Project | SuperiorPayment | OperatingExpense | SubsidiaryGrant
        ),
        TableKind::GeneralExpense => matches!(key, Total | Basic | Project),
        // 决算 editions carry the fund's carry-overs and income beside its expense.
        TableKind::GovFund | TableKind::StateCapital => matches!(
            key,
            Total | Basic | Project | CarryOver | CarryEnd | YearIncome
        ),
        TableKind::BasicEconomic => matches!(key, Total | Personnel | PublicUse),
        TableKind::Projects => matches!(key, Total | Economic(_)),
        TableKind::ThreePublic => matches!(
            key,
            Total
                | Abroad
                | Vehicle
                | VehiclePurchase
                | VehicleOperation
                | Reception
                | OfficeOperation
        ),
        TableKind::Income => !matches!(
            key,
            Basic
                | Project
                | Personnel
                | PublicUse
                | Economic(_)
                | Abroad
                | Vehicle
                | VehiclePurchase
                | VehicleOperation
                | Reception
                | OfficeOperation
        ),
        TableKind::Summary | TableKind::FiscalSummary => matches!(
            key,
            Total
                | GeneralBudget
                | GovFund
                | StateCapital
                | Basic
                | Project
                | Personnel
                | PublicUse
        ),
        TableKind::CarryOver | TableKind::Other => true,
    }
}

/// The key of one header cell's text (spaces removed), if it names a value column.
pub fn key_of(label: &str, kind: TableKind) -> Option<ColumnKey> {
    let t: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    // A fund table of a 决算 has a column of the year's income ("本年收入"), which other
    // headers print only as a group caption.
    if matches!(kind, TableKind::GovFund | TableKind::StateCapital)
        && t.contains("本年收入")
        && !t.contains("合计")
    {
        return Some(ColumnKey::YearIncome);
    }
    let t = NOISE.replace_all(&t, "|");
    LABELS
        .iter()
        .filter_map(|(re, k)| re.find(&t).map(|m| (m.start(), k)))
        // A column headed 本年收入合计 / 本年支出合计 is its table's row total.
        .map(|(s, k)| {
            (
                s,
                if *k == ColumnKey::YearTotal {
                    &ColumnKey::Total
                } else {
                    k
                },
            )
        })
        .filter(|(_, k)| allowed(kind, k))
        .min_by_key(|(s, _)| *s)
        .map(|(_, k)| k.clone())
}

/// The key of a line of a 收支总表 (an income item, a carry-forward line): what its label
/// names, 本年收入合计 apart from 总计.
pub fn item_key(label: &str) -> Option<ColumnKey> {
    let t: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    // Before the captions are blanked: "本年收入" alone is a group caption, "本年收入合计"
    // a line of its own.
    if t.contains("本年收入合计") || t.contains("本年支出合计") {
        return Some(ColumnKey::YearTotal);
    }
    let t = NOISE.replace_all(&t, "|");
    LABELS
        .iter()
        .filter_map(|(re, k)| re.find(&t).map(|m| (m.start(), k)))
        .filter(|(_, k)| allowed(TableKind::Income, k) || **k == ColumnKey::YearTotal)
        .min_by_key(|(s, _)| *s)
        .map(|(_, k)| k.clone())
}

/// Every value-column phrase of a header read as one text, in order (reading-order layouts,
/// where a header cell is broken over many lines).
pub fn scan(text: &str, kind: TableKind) -> Vec<Column> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = NOISE.replace_all(&t, "|").into_owned();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < t.len() {
        let rest = t.get(pos..).unwrap_or("");
        let best = LABELS
            .iter()
            .filter_map(|(re, k)| re.find(rest).map(|m| (m.start(), m.end(), k)))
            .min_by_key(|(s, e, _)| (*s, usize::MAX - *e));
        let Some((s, e, k)) = best else { break };
        if allowed(kind, k) {
            out.push(Column {
                name: rest.get(s..e).unwrap_or("").to_string(),
                key: k.clone(),
            });
        }
        pos += e.max(s + 1);
    }
    out
}

use super::header::is_label_caption;

/// Columns of a tab layout. In `TabLine` every printed row keeps its empty cells, so the
/// header rows give a label per slot (the deepest non-empty caption wins). DOCX exports
/// (`TabGrouped`) merge spanned captions and even spill captions onto lines of their own, so
/// there the captions are read in order and the value columns follow the label captions
/// (a 编码 caption stands for as many cells as the 类/款/项 row has).
pub fn from_slots(header: &[PhysRow], mode: Mode, kind: TableKind) -> (Vec<ColSpec>, usize) {
    let mut grid: Vec<Vec<String>> = Vec::new();
    for r in header {
        let mut cells: Vec<String> = vec![String::new(); r.cells.max(1)];
        for w in &r.words {
            match w.slot {
                Some(s) => {
                    if let Some(c) = cells.get_mut(s) {
                        c.push_str(&w.text);
                    }
                }
                None => {
                    if let Some(c) = cells.get_mut(0) {
                        c.push_str(&w.text);
                    }
                }
            }
        }
        grid.push(cells);
    }
    let code_cells = grid
        .iter()
        .map(|r| {
            r.iter()
                .filter(|c| matches!(c.as_str(), "类" | "款" | "项"))
                .count()
        })
        .max()
        .unwrap_or(0);
    let make = |label: &str, slot: usize| -> ColSpec {
        let key = key_of(label, kind).unwrap_or_else(|| ColumnKey::Other(label.to_string()));
        ColSpec {
            column: Column {
                name: label.to_string(),
                key,
            },
            slot: Some(slot),
            x2: None,
        }
    };
    if mode == Mode::TabGrouped {
        let cells: Vec<&String> = grid
            .iter()
            .flatten()
            .filter(|c| !c.is_empty() && !matches!(c.as_str(), "类" | "款" | "项"))
            .collect();
        let last_caption = cells.iter().rposition(|c| is_label_caption(c));
        let mut first_value = 0;
        if let Some(lc) = last_caption {
            for c in cells.iter().take(lc + 1) {
                first_value += if c.contains("编码") {
                    code_cells.max(1)
                } else {
                    1
                };
            }
        }
        let start = last_caption.map(|i| i + 1).unwrap_or(0);
        let cols = cells
            .iter()
            .skip(start)
            .enumerate()
            .map(|(i, c)| make(c, first_value + i))
            .collect();
        return (cols, first_value);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let mut first_value = 0;
    for r in &grid {
        for (i, c) in r.iter().enumerate() {
            if is_label_caption(c) {
                first_value = first_value.max(i + 1);
            }
        }
    }
    let mut cols = Vec::new();
    for s in first_value..width {
        let labels: Vec<&String> = grid
            .iter()
            .rev()
            .filter_map(|r| r.get(s))
            .filter(|c| !c.is_empty())
            .collect();
        if labels.is_empty() {
            continue;
        }
        let key = labels.iter().find_map(|l| key_of(l, kind));
        let name = labels.first().map(|l| l.to_string()).unwrap_or_default();
        let mut spec = make(&name, s);
        if let Some(k) = key {
            spec.column.key = k;
        }
        cols.push(spec);
    }
    (cols, first_value)
}

/// The canonical columns of a kind, used when a header cannot be read.
pub fn canonical(kind: TableKind) -> Vec<Column> {
    use ColumnKey::*;
    let c = |n: &str, k: ColumnKey| Column {
        name: n.to_string(),
        key: k,
    };
    match kind {
        TableKind::Expense
        | TableKind::GeneralExpense
        | TableKind::GovFund
        | TableKind::StateCapital => {
            vec![
                c("合计", Total),
                c("基本支出", Basic),
                c("项目支出", Project),
            ]
        }
        TableKind::BasicEconomic => vec![
            c("合计", Total),
            c("人员经费", Personnel),
            c("公用经费", PublicUse),
        ],
        TableKind::ThreePublic => vec![
            c("合计", Total),
            c("因公出国（境）费", Abroad),
            c("公务用车购置及运行费", Vehicle),
            c("公务用车购置费", VehiclePurchase),
            c("公务用车运行费", VehicleOperation),
            c("公务接待费", Reception),
        ],
        _ => vec![c("合计", Total)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ColumnKey::*;

    #[test]
    fn keys_respect_table_kind() {
        assert_eq!(
            key_of("一般公共预算基本支出", TableKind::BasicEconomic),
            None
        );
        assert_eq!(key_of("基本支出", TableKind::Expense), Some(Basic));
        assert_eq!(
            key_of("一般公共预算拨款", TableKind::Income),
            Some(GeneralBudget)
        );
        assert_eq!(
            key_of("财政拨款（补助）小计", TableKind::Income),
            Some(Appropriation)
        );
        assert_eq!(key_of("总 计", TableKind::Income), Some(Total));
    }

    #[test]
    fn scan_reading_order_header() {
        let cols = scan(
            "项目 支出预算 功能分类 科目编码 功能分类 科目名称 合计 基本支出 项目支出 类 款 项",
            TableKind::Expense,
        );
        let keys: Vec<ColumnKey> = cols.into_iter().map(|c| c.key).collect();
        assert_eq!(keys, vec![Total, Basic, Project]);
        let cols = scan(
            "功能分类科目编 码 功能分类科目名 称 总计 一般公共 预算拨款 政府性基 金预算拨 款 国有资 本经营 预算 财政 专户 （教 育收 费） 事业 收入 事业 单位 经营 收入 单位 其他 资金 收入 类 款 项",
            TableKind::Income,
        );
        let keys: Vec<ColumnKey> = cols.into_iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            vec![
                Total,
                GeneralBudget,
                GovFund,
                StateCapital,
                SpecialAccount,
                BusinessIncome,
                OperatingIncome,
                UnitFunds
            ]
        );
    }
}
