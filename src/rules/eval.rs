//! The evaluator of catalogue identities over a [`Document`] (see [`super::formula`]).
//!
//! Semantics, in short:
//! - an identity about one kind of table runs on every table of that kind that satisfies its
//!   `when`; an identity between kinds reads the first table of each kind that satisfies it
//!   ([`table_sets`]);
//! - a table the identity names that the document lacks → the identity is skipped (T001
//!   reports missing tables); a single column the table lacks, a `total` row or an
//!   `income_total` item the table lacks → skipped as well;
//! - an empty cell or a missing row contributes nothing: a side with no figure is exactly 0,
//!   so "missing vs 0.00" is consistent and "missing vs 12.00" is a mismatch;
//! - per-code identities are checked for every code present in any table they name at that
//!   level; a table with no row at that level at all does not break down by it, and the
//!   identity is skipped; likewise `sum(t.rows.x)`, `sum(t.project_rows.x)` and
//!   `sum(t.class.x)` over a table with no such row skip the identity;
//! - comparisons are exact decimal intervals ([`crate::arith::check_balance`]); tables in 元
//!   are converted to 万元 when compared with tables in 万元.

use super::formula::{
    column_key_name, ColPat, ColumnSpec, CondAtom, Condition, Identity, Level, Op, Ref, Selector,
    Term,
};
use super::{Finding, Message};
use crate::arith::{self, Mismatch};
use crate::model::{
    Code, ColumnKey, Document, EconomicCode, Figure, FunctionCode, IncomeItem, Row, RowKind, Table,
    TableKind, Unit,
};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// True when every document atom of the condition holds for the document (`document.kind
/// == final`): an identity of one kind of document is not checked on the other.
pub fn applies_to(doc: &Document, c: Option<&Condition>) -> bool {
    let Some(c) = c else { return true };
    c.atoms.iter().all(|a| match a {
        CondAtom::Kind { equal, kind } => (doc.info.kind == *kind) == *equal,
        CondAtom::Level { equal, level } => (doc.info.level == *level) == *equal,
        CondAtom::Scope { .. } | CondAtom::Has { .. } => true,
    })
}

/// True when every atom of the condition that is about `t`'s kind holds for `t`.
fn satisfies(t: &Table, c: Option<&Condition>) -> bool {
    let Some(c) = c else { return true };
    c.atoms.iter().all(|a| match a {
        CondAtom::Kind { .. } | CondAtom::Level { .. } => true,
        CondAtom::Scope {
            table,
            equal,
            scope,
        } => *table != t.kind || (t.scope == *scope) == *equal,
        CondAtom::Has {
            table,
            column,
            negated,
        } => *table != t.kind || t.column_index(column).is_some() != *negated,
    })
}

/// The sets of tables an identity is evaluated over. An identity about one kind of table
/// (the in-table identities) is checked on every table of that kind that satisfies the
/// condition (a document may have a 一般公共预算 and an all-funds table of one kind); an
/// identity between kinds reads, for each kind, the first table that satisfies the condition.
/// A kind with no such table → no set (the identity is skipped).
pub fn table_sets<'a>(
    doc: &'a Document,
    id: &Identity,
    c: Option<&Condition>,
) -> Vec<BTreeMap<TableKind, &'a Table>> {
    let mut kinds: Vec<TableKind> = id.refs().map(|r| r.table).collect();
    if let Some(c) = c {
        kinds.extend(c.atoms.iter().filter_map(|a| match a {
            CondAtom::Scope { table, .. } | CondAtom::Has { table, .. } => Some(*table),
            CondAtom::Kind { .. } | CondAtom::Level { .. } => None,
        }));
    }
    kinds.sort();
    kinds.dedup();
    let ok = |k: TableKind| {
        doc.tables
            .iter()
            .filter(move |t| t.kind == k && satisfies(t, c))
    };
    match kinds.as_slice() {
        [one] => ok(*one).map(|t| BTreeMap::from([(*one, t)])).collect(),
        _ => {
            let mut m = BTreeMap::new();
            for k in kinds {
                // A kind seen twice (a 目录 entry, an edition without figures): the first
                // table that has figures, else the first.
                let with_data = ok(k).find(|t| !t.is_empty());
                match with_data.or_else(|| ok(k).next()) {
                    Some(t) => {
                        m.insert(k, t);
                    }
                    None => return Vec::new(),
                }
            }
            vec![m]
        }
    }
}

/// Where a per-check evaluation stands: once, for one row of an `each` table, or for one code.
#[derive(Clone, Copy)]
enum RowCtx<'a> {
    Plain,
    Each(&'a Row),
    Key(&'a Code),
}

/// What one reference resolved to.
struct Got {
    figs: Vec<Figure>,
    plus: bool,
    /// Table and row, in Chinese and English ("表五 合计"), and the column ("基本支出").
    prefix: (String, String),
    col_desc: String,
    table: String,
    row: Option<String>,
    column: Option<String>,
}

struct Skip;

struct Ctx<'a> {
    doc: &'a Document,
    tables: BTreeMap<TableKind, &'a Table>,
    convert: bool,
    /// [`keyed_rows`] per table and level, computed once: an identity checked per code asks
    /// for them once per code, which made large tables quadratic.
    keyed: RefCell<HashMap<(TableKind, Level), Rc<Keyed<'a>>>>,
}

/// The rows of a table keyed by their code at one level, and whether they were rolled up.
type Keyed<'a> = (Vec<(&'a Row, Code)>, bool);

impl<'a> Ctx<'a> {
    fn table(&self, k: TableKind) -> Result<&'a Table, Skip> {
        self.tables.get(&k).copied().ok_or(Skip)
    }

    fn keyed_rows(&self, k: TableKind, level: Level) -> Result<Rc<Keyed<'a>>, Skip> {
        if let Some(v) = self.keyed.borrow().get(&(k, level)) {
            return Ok(Rc::clone(v));
        }
        let v = Rc::new(keyed_rows(self.table(k)?, level));
        self.keyed.borrow_mut().insert((k, level), Rc::clone(&v));
        Ok(v)
    }

    fn fig(&self, t: &Table, f: &Figure) -> Figure {
        if self.convert && t.unit == Unit::Yuan {
            // Locate the figure as printed before converting, for the caret.
            let (col, width) = locate(self.doc, f);
            let mut w = f.yuan_to_wan();
            w.col = col;
            w.width = width;
            w
        } else {
            f.clone()
        }
    }
}

fn key_of_row(level: Level, r: &Row) -> Option<Code> {
    r.code.as_ref().and_then(|c| level.key_of(c))
}

/// The rows of a table keyed at `level`, and whether they were rolled up.
///
/// A table that prints no row at the level but prints lower-level rows (表三 listing only 项
/// rows, with no 类 or 款 subtotal) is read by rolling those rows up: the rows of the highest
/// level present below `level` are keyed by their ancestor at `level` (项 201 03 01 → 类 201),
/// so that 表一's 201 can still be compared with 表三's 201.
fn keyed_rows(t: &Table, level: Level) -> (Vec<(&Row, Code)>, bool) {
    let direct: Vec<(&Row, Code)> = t
        .rows
        .iter()
        .filter_map(|r| key_of_row(level, r).map(|k| (r, k)))
        .collect();
    if !direct.is_empty() {
        return (direct, false);
    }
    let target = match level {
        Level::FnClass | Level::EconClass => 1,
        Level::FnItem => 2,
        Level::FnSub | Level::FnAny | Level::EconItem => return (direct, false),
    };
    let depth = |r: &Row| -> Option<u8> {
        match (&r.code, level) {
            (Some(Code::Function(c)), Level::FnClass | Level::FnItem) => Some(c.level()),
            (Some(Code::Economic(c)), Level::EconClass) => Some(c.level()),
            _ => None,
        }
    };
    let Some(src) = t
        .rows
        .iter()
        .filter_map(depth)
        .filter(|d| *d > target)
        .min()
    else {
        return (direct, false);
    };
    let up = |c: &Code| -> Option<Code> {
        match c {
            Code::Function(f) => Some(Code::Function(FunctionCode {
                class: f.class.clone(),
                item: if target >= 2 { f.item.clone() } else { None },
                sub: None,
            })),
            Code::Economic(e) => Some(Code::Economic(EconomicCode {
                class: e.class.clone(),
                item: None,
            })),
        }
    };
    let rolled = t
        .rows
        .iter()
        .filter(|r| depth(r) == Some(src))
        .filter_map(|r| r.code.as_ref().and_then(up).map(|k| (r, k)))
        .collect();
    (rolled, true)
}

fn columns_of(t: &Table, spec: &ColumnSpec, star: Option<&ColumnKey>) -> Result<Vec<usize>, Skip> {
    match spec {
        ColumnSpec::Key(k) => t.column_index(k).map(|i| vec![i]).ok_or(Skip),
        ColumnSpec::Star => star
            .and_then(|k| t.column_index(k))
            .map(|i| vec![i])
            .ok_or(Skip),
        ColumnSpec::Set {
            all,
            include,
            except,
        } => {
            let v: Vec<usize> = t
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    if *all {
                        !except.contains(&c.key)
                    } else {
                        include.iter().any(|p| match p {
                            ColPat::Key(k) => &c.key == k,
                            ColPat::AnyEconomic => matches!(c.key, ColumnKey::Economic(_)),
                        })
                    }
                })
                .map(|(i, _)| i)
                .collect();
            if v.is_empty() {
                Err(Skip)
            } else {
                Ok(v)
            }
        }
        ColumnSpec::None => Ok(Vec::new()),
    }
}

fn column_desc(t: &Table, idx: &[usize]) -> String {
    let names: Vec<&str> = idx
        .iter()
        .filter_map(|&i| t.columns.get(i).map(|c| c.name.as_str()))
        .collect();
    match (names.get(..2), names.last()) {
        (Some(first), Some(last)) if names.len() > 3 => format!("{}+…+{last}", first.join("+")),
        _ => names.join("+"),
    }
}

fn resolve(
    ctx: &Ctx<'_>,
    term: &Term,
    rc: RowCtx<'_>,
    star: Option<&ColumnKey>,
) -> Result<Got, Skip> {
    let r: &Ref = &term.r;
    let t = ctx.table(r.table)?;
    let label = t.label.clone();
    // Income items.
    if let Selector::Income(_) | Selector::IncomeTotal = r.selector {
        let items: Vec<&IncomeItem> = match &r.selector {
            Selector::Income(k) => {
                let all = t.income.iter().filter(|i| &i.key == k);
                if r.summed {
                    all.collect()
                } else {
                    all.take(1).collect()
                }
            }
            _ => match t.income.iter().rev().find(|i| i.key == ColumnKey::Total) {
                Some(i) => vec![i],
                None => return Err(Skip),
            },
        };
        let name = match (items.first(), &r.selector) {
            (Some(i), _) => i.name.clone(),
            (None, Selector::Income(k)) => column_key_name(k),
            (None, _) => "收入总计".to_string(),
        };
        let figs = items
            .iter()
            .filter_map(|i| i.amount.as_ref())
            .map(|f| ctx.fig(t, f))
            .collect();
        return Ok(Got {
            figs,
            plus: term.plus,
            prefix: (format!("{label} {name}"), format!("{label} {name}")),
            col_desc: String::new(),
            table: label,
            row: Some(name),
            column: None,
        });
    }
    // A table cut off at the end of the file lacks rows: only a row's own identity holds.
    if !t.complete() && r.selector != Selector::Each {
        return Err(Skip);
    }
    let cols = columns_of(t, &r.column, star)?;
    let summed = r.summed;
    fn first_only(v: Vec<&Row>, summed: bool) -> Vec<&Row> {
        if summed {
            v
        } else {
            v.into_iter().take(1).collect()
        }
    }
    let (rows, row_zh, row_en): (Vec<&Row>, String, String) = match &r.selector {
        Selector::Total => {
            let row = t.total_row().or(if t.rows.len() == 1 {
                t.rows.first()
            } else {
                None
            });
            // A table without a 合计 row cannot be checked against its total.
            let Some(row) = row else { return Err(Skip) };
            (vec![row], row.label(), row.label())
        }
        Selector::Each => match rc {
            RowCtx::Each(row) => (vec![row], row.label(), row.label()),
            _ => return Err(Skip),
        },
        Selector::Rows => (t.body().collect(), "各行".into(), "all rows".into()),
        Selector::ProjectRows => (
            t.rows
                .iter()
                .filter(|r| r.kind == RowKind::Project)
                .collect(),
            "各项目".into(),
            "all projects".into(),
        ),
        Selector::Level(level) => {
            let keyed_rolled = ctx.keyed_rows(r.table, *level)?;
            let (keyed, rolled) = (&keyed_rolled.0, keyed_rolled.1);
            match rc {
                RowCtx::Key(k) => {
                    let v: Vec<&Row> = keyed
                        .iter()
                        .filter(|(_, key)| key == k)
                        .map(|(row, _)| *row)
                        .collect();
                    // Rolled-up rows are always added: together they are the code's amount.
                    let v = first_only(v, summed || rolled);
                    let (zh, en) = match (v.as_slice(), r.summed, rolled) {
                        (_, _, true) => (
                            format!("{k}（下级科目合计）"),
                            format!("{k} (sum of its lower-level rows)"),
                        ),
                        ([one], false, false) => (one.label(), one.label()),
                        (_, true, false) => (format!("{k} 各行"), format!("rows of {k}")),
                        _ => (k.to_string(), k.to_string()),
                    };
                    (v, zh, en)
                }
                _ => {
                    let (zh, en) = if rolled {
                        (
                            format!("各{}（由下级科目汇总）", level.zh()),
                            format!("all {} (rolled up from lower-level rows)", level.name()),
                        )
                    } else {
                        (
                            format!("各{}行", level.zh()),
                            format!("all {} rows", level.name()),
                        )
                    };
                    (keyed.iter().map(|(row, _)| *row).collect(), zh, en)
                }
            }
        }
        Selector::Code(c) => {
            let v = first_only(
                t.rows
                    .iter()
                    .filter(|row| row.code.as_ref() == Some(c))
                    .collect(),
                summed,
            );
            let l = match v.as_slice() {
                [one] => one.label(),
                _ => c.to_string(),
            };
            (v, l.clone(), l)
        }
        Selector::Name(n) => {
            // "name(年末财政拨款结转和结余|年末结转和结余)": templates word a line either way.
            let names: Vec<&str> = n.split('|').map(str::trim).collect();
            let v = first_only(
                t.rows
                    .iter()
                    .filter(|row| names.contains(&row.name.trim()))
                    .collect(),
                summed,
            );
            // A named line the table does not print: the identity does not apply to it
            // (rather than counting the line as zero).
            if v.is_empty() {
                return Err(Skip);
            }
            let shown = names.first().copied().unwrap_or(n.as_str()).to_string();
            (v, shown.clone(), shown)
        }
        Selector::Income(_) | Selector::IncomeTotal => return Err(Skip),
    };
    // A multi-row selector that matches no row: the table does not break down that way
    // (no 类 rows, no project rows), so the identity does not apply to it.
    let multi = matches!(r.selector, Selector::Rows | Selector::ProjectRows)
        || matches!((&r.selector, rc), (Selector::Level(_), RowCtx::Plain));
    if multi && rows.is_empty() {
        return Err(Skip);
    }
    // Where the text dropped empty cells, a project's economic columns are a guess (only its
    // total is certain): identities over those columns would report the guess.
    // A row identity adds all of a row's economic columns, whichever they are: it stays.
    let guessed = !matches!(r.selector, Selector::Each)
        && rows.iter().any(|row| row.columns_inferred)
        && cols.iter().any(|&i| {
            matches!(
                t.columns.get(i).map(|c| &c.key),
                Some(ColumnKey::Economic(_))
            )
        });
    if guessed {
        return Err(Skip);
    }
    // A cell that printed something unreadable ("1..2") is unknown, not empty: an identity
    // over it would report a difference that is not in the document (T003 reports the cell).
    if rows
        .iter()
        .any(|row| cols.iter().any(|&i| t.unreadable(row, i)))
    {
        return Err(Skip);
    }
    let mut figs = Vec::new();
    for row in &rows {
        for &i in &cols {
            if let Some(Some(f)) = row.values.get(i) {
                figs.push(ctx.fig(t, f));
            }
        }
    }
    let col = column_desc(t, &cols);
    let sigma = if r.summed { "Σ " } else { "" };
    Ok(Got {
        figs,
        plus: term.plus,
        prefix: (
            format!("{sigma}{label} {row_zh}"),
            format!("{sigma}{label} {row_en}"),
        ),
        col_desc: col.clone(),
        table: label,
        row: Some(match rows.as_slice() {
            [only] if !r.summed => only.label(),
            _ => row_zh,
        }),
        column: Some(col),
    })
}

/// "表三 201 一般公共服务支出 基本支出 + 项目支出": a term on the same table and row as the
/// previous one shows only its column; a column named like its row (合计 / 合计) once.
fn side_desc(gots: &[Got], en: bool, prev: &mut Option<String>) -> String {
    let mut s = String::new();
    for (i, g) in gots.iter().enumerate() {
        let prefix = if en { &g.prefix.1 } else { &g.prefix.0 };
        match (i, g.plus) {
            (0, true) => {}
            (0, false) => s.push_str("− "),
            (_, true) => s.push_str(" + "),
            (_, false) => s.push_str(" − "),
        }
        let same_row = prev.as_deref() == Some(prefix.as_str());
        let redundant = g.col_desc.is_empty() || prefix.ends_with(&format!(" {}", g.col_desc));
        match (same_row, redundant) {
            (true, false) => s.push_str(&g.col_desc),
            (_, true) => s.push_str(prefix),
            (false, false) => {
                s.push_str(prefix);
                s.push(' ');
                s.push_str(&g.col_desc);
            }
        }
        *prev = Some(prefix.clone());
    }
    s
}

fn signed(gots: &[Got]) -> Vec<(&Figure, bool)> {
    gots.iter()
        .flat_map(|g| g.figs.iter().map(move |f| (f, g.plus)))
        .collect()
}

fn compare(op: Op, left: &[(&Figure, bool)], right: &[(&Figure, bool)]) -> Option<Mismatch> {
    match op {
        Op::Eq => arith::check_balance(left, right),
        Op::Le | Op::Ge => {
            let (actual, l) = arith::signed_sum(left);
            let (expected, r) = arith::signed_sum(right);
            let ok = if op == Op::Le {
                l.lo <= r.hi
            } else {
                l.hi >= r.lo
            };
            if ok {
                None
            } else {
                Some(Mismatch {
                    expected,
                    actual,
                    difference: actual - expected,
                    tolerance: (l.hi - l.lo + r.hi - r.lo) / Decimal::TWO,
                })
            }
        }
    }
}

fn printed(mut d: Decimal, scale: u32) -> String {
    d.rescale(scale);
    d.to_string()
}

/// Locate a figure in its source line when the parser gave no column.
fn locate(doc: &Document, f: &Figure) -> (Option<usize>, usize) {
    if f.col.is_some() {
        return (f.col, f.width);
    }
    let Some(line) = doc.lines.get(f.line.wrapping_sub(1)) else {
        return (None, f.width);
    };
    let text = f.printed();
    let chars: Vec<char> = line.chars().collect();
    let needle: Vec<char> = text.chars().collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return (None, f.width);
    }
    let num = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || *c == '.');
    for i in 0..=chars.len() - needle.len() {
        if chars.get(i..i + needle.len()) == Some(&needle[..])
            && !num(i.checked_sub(1).and_then(|j| chars.get(j)))
            && !num(chars.get(i + needle.len()))
        {
            return (Some(i), needle.len());
        }
    }
    (None, f.width)
}

/// Evaluate one catalogue identity; one finding per violated instance.
pub fn check_identity(
    rule: &str,
    formula_text: &str,
    id: &Identity,
    condition: Option<(&str, &Condition)>,
    doc: &Document,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !applies_to(doc, condition.map(|c| c.1)) {
        return out;
    }
    for tables in table_sets(doc, id, condition.map(|c| c.1)) {
        check_on(&mut out, rule, formula_text, id, condition, doc, tables);
    }
    out
}

/// Evaluate one identity over one set of tables.
fn check_on(
    out: &mut Vec<Finding>,
    rule: &str,
    formula_text: &str,
    id: &Identity,
    condition: Option<(&str, &Condition)>,
    doc: &Document,
    tables: BTreeMap<TableKind, &'_ Table>,
) {
    let units: Vec<Unit> = tables.values().map(|t| t.unit).collect();
    let convert = units.contains(&Unit::Yuan) && units.contains(&Unit::WanYuan);
    let ctx = Ctx {
        doc,
        tables,
        convert,
        keyed: RefCell::new(HashMap::new()),
    };
    let identity_text = match condition {
        Some((w, _)) => format!("{formula_text}（当 when {w}）"),
        None => formula_text.to_string(),
    };

    // Columns to iterate for `*`.
    let stars: Vec<Option<ColumnKey>> = match id.refs().find(|r| r.column == ColumnSpec::Star) {
        Some(r) => match ctx.table(r.table) {
            Ok(t) => t.columns.iter().map(|c| Some(c.key.clone())).collect(),
            Err(Skip) => return,
        },
        None => vec![None],
    };

    // Rows / codes to iterate.
    let each_table = id
        .refs()
        .find(|r| r.selector == Selector::Each)
        .map(|r| r.table);
    let level = id.refs().find_map(|r| match r.selector {
        Selector::Level(l) if !r.summed => Some(l),
        _ => None,
    });
    let mut keys: Vec<Code> = Vec::new();
    if let Some(level) = level {
        for r in id.refs() {
            if let Selector::Level(_) = r.selector {
                let Ok(keyed) = ctx.keyed_rows(r.table, level) else {
                    return;
                };
                let mut any = false;
                for (_, k) in keyed.0.iter().cloned() {
                    any = true;
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                // The table does not break down by this level: the identity does not apply.
                if !any {
                    return;
                }
            }
        }
        keys.sort_by_key(|k| k.to_string());
    }
    let ctxs: Vec<RowCtx<'_>> = if let Some(k) = each_table {
        match ctx.table(k) {
            Ok(t) => t.rows.iter().map(RowCtx::Each).collect(),
            Err(Skip) => return,
        }
    } else if level.is_some() {
        keys.iter().map(RowCtx::Key).collect()
    } else {
        vec![RowCtx::Plain]
    };

    // A table with a row whose code cell could not be read or placed ("7 11 02" with
    // nothing around it to say its class) may lack a code only because that row is it: a
    // per-code comparison that finds the code missing there is not made.
    let unplaced_gap = |k: &Code| -> bool {
        let Some(level) = level else { return false };
        id.refs()
            .filter(|r| matches!(r.selector, Selector::Level(_)))
            .any(|r| {
                let Ok(t) = ctx.table(r.table) else {
                    return false;
                };
                let has_unplaced = t
                    .issues
                    .iter()
                    .any(|i| matches!(&i.kind, crate::model::IssueKind::Code { placed: None, .. }));
                has_unplaced
                    && ctx
                        .keyed_rows(r.table, level)
                        .is_ok_and(|keyed| !keyed.0.iter().any(|(_, c)| c == k))
            })
    };
    for star in &stars {
        for rc in &ctxs {
            if let RowCtx::Key(k) = rc {
                if unplaced_gap(k) {
                    continue;
                }
            }
            let left: Result<Vec<Got>, Skip> = id
                .left
                .iter()
                .map(|t| resolve(&ctx, t, *rc, star.as_ref()))
                .collect();
            let right: Result<Vec<Got>, Skip> = id
                .right
                .iter()
                .map(|t| resolve(&ctx, t, *rc, star.as_ref()))
                .collect();
            let (Ok(left), Ok(right)) = (left, right) else {
                continue;
            };
            let lf = signed(&left);
            let rf = signed(&right);
            if lf.is_empty() && rf.is_empty() {
                continue;
            }
            let Some(m) = compare(id.op, &lf, &rf) else {
                continue;
            };
            // The figure reported: the left side's first, else the right's first.
            let (pivot_got, pivot) = match left.iter().find_map(|g| g.figs.first().map(|f| (g, f)))
            {
                Some(p) => p,
                None => match right.iter().find_map(|g| g.figs.first().map(|f| (g, f))) {
                    Some(p) => p,
                    None => continue,
                },
            };
            let scale = lf
                .iter()
                .chain(rf.iter())
                .map(|(f, _)| f.scale)
                .max()
                .unwrap_or(2)
                .min(6);
            let (e, a, d) = (
                printed(m.expected, scale),
                printed(m.actual, scale),
                printed(m.difference, scale),
            );
            let tol = printed(m.tolerance, scale.max(3));
            let (mut pz, mut pe) = (None, None);
            let (lz, le) = (
                side_desc(&left, false, &mut pz),
                side_desc(&left, true, &mut pe),
            );
            let (rz, re) = (
                side_desc(&right, false, &mut pz),
                side_desc(&right, true, &mut pe),
            );
            // A side with no figure is 0 in the arithmetic; say "none" in the message.
            let (a_msg, e_msg) = (
                if lf.is_empty() {
                    None
                } else {
                    Some(a.as_str())
                },
                if rf.is_empty() {
                    None
                } else {
                    Some(e.as_str())
                },
            );
            let (az, ae) = (a_msg.unwrap_or("（无）"), a_msg.unwrap_or("(none)"));
            let (ez, ee) = (e_msg.unwrap_or("（无）"), e_msg.unwrap_or("(none)"));
            let message = match id.op {
                Op::Eq => Message::new(
                    format!("{lz} {az} ≠ {rz} {ez}（差 {d}）"),
                    format!("{le} {ae} ≠ {re} {ee} (difference {d})"),
                ),
                Op::Le => Message::new(
                    format!("{lz} {az} 超过 {rz} {ez}（超出 {d}）"),
                    format!("{le} {ae} exceeds {re} {ee} (by {d})"),
                ),
                Op::Ge => Message::new(
                    format!("{lz} {az} 小于 {rz} {ez}（差 {d}）"),
                    format!("{le} {ae} is less than {re} {ee} (difference {d})"),
                ),
            };
            let message = if ctx.convert {
                Message::new(
                    format!("{}（单位为元的数字已折算为万元）", message.zh),
                    format!("{} (amounts in 元 converted to 万元)", message.en),
                )
            } else {
                message
            };
            let mut f = Finding::new(rule, pivot.line, message);
            let mut related: Vec<usize> = lf
                .iter()
                .chain(rf.iter())
                .map(|(f, _)| f.line)
                .filter(|&l| l != pivot.line)
                .collect();
            related.sort_unstable();
            related.dedup();
            f.related_lines = related;
            f.table = Some(pivot_got.table.clone());
            f.row = pivot_got.row.clone();
            f.column = pivot_got.column.clone();
            f.expected = Some(e);
            f.actual = Some(a);
            f.difference = Some(d);
            f.tolerance = Some(tol);
            f.identity = Some(identity_text.clone());
            let (col, width) = locate(doc, pivot);
            f.col = col;
            f.width = width;
            // One figure printed in two tables one unit of its last digit apart (326.71 in the
            // 收支总表, 326.72 in the 支出表): the value lies on the rounding boundary and each
            // table rounded it so that its own columns foot (尾差). Said as a note, not an error.
            let one_ulp = matches!((lf.as_slice(), rf.as_slice()), ([(a, _)], [(b, _)])
                if a.scale == b.scale
                    && (a.value - b.value).abs() == crate::arith::half_ulp(a.scale) * Decimal::TWO);
            let two_tables = left
                .iter()
                .any(|g| right.iter().any(|h| g.table != h.table));
            if one_ulp && two_tables {
                f.severity = crate::rules::Severity::Info;
                f.message
                    .zh
                    .push_str("（相差末位一个单位，可能是各表为合计平衡所作的尾差调整）");
                f.message
                    .en
                    .push_str(" (one unit of the last digit apart: possibly a rounding residual each table adjusted to foot its own totals)");
            }
            out.push(f);
        }
    }
}
