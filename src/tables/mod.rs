//! Stage 4: table regions → typed tables.
//!
//! A region is first cut into physical rows and words ([`layout`]), its header read into typed
//! columns ([`columns`]); then the reader for its kind assembles the rows: code-classified
//! tables ([`classified`]), the two-sided 收支总表 ([`summary`]), the 三公 table
//! ([`three_public`]). Performance-target tables are read by [`performance`].

mod assign;
pub mod class_names;
mod classified;
pub mod columns;
pub mod header;
pub mod layout;
pub mod performance;
mod summary;
mod three_public;
mod two_sided;

use crate::model::{
    Code, ColumnKey, DocumentInfo, FunctionCode, IssueKind, Note, ParseIssue, Row, RowKind, Table,
    TableKind, Unit,
};
use crate::normalize::{compact, SourceLine};
use crate::segment::Region;
use columns::ColSpec;
use layout::{Mode, PhysRow};
use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashMap;

/// Names the document gives to function codes (from the tables read so far), used to tell a
/// row's subject name from its project name in reading-order text.
#[derive(Debug, Default)]
pub struct NameBook {
    names: HashMap<String, String>,
}

impl NameBook {
    pub fn get(&self, code: &FunctionCode) -> Option<&str> {
        self.names.get(&code.joined()).map(String::as_str)
    }

    /// Learn the code names of a typed table.
    pub fn learn(&mut self, t: &Table) {
        if t.kind == TableKind::Projects {
            return;
        }
        for r in &t.rows {
            if let (Some(Code::Function(c)), false) = (&r.code, r.name.is_empty()) {
                let e = self.names.entry(c.joined()).or_default();
                if r.name.chars().count() > e.chars().count() {
                    *e = r.name.clone();
                }
            }
        }
    }
}

/// The state of reading one region.
pub(crate) struct Reader<'a> {
    pub region: &'a Region,
    pub mode: Mode,
    pub header: Vec<PhysRow>,
    pub body: Vec<PhysRow>,
    pub cols: Vec<ColSpec>,
    /// First tab slot of the value columns (tab layouts).
    pub first_value_slot: usize,
    /// Spaced layouts: the doubled centre of the second row-label caption (the expense side's
    /// 项目 of a two-sided 收支总表), where the expense side's columns start.
    pub expense_from: Option<usize>,
    /// Groups of the header whose parent column is the sum of its children
    /// (基本支出 = 人员经费 + 公用经费), from the header tree.
    pub sums: Vec<(ColumnKey, Vec<ColumnKey>)>,
    pub issues: Vec<ParseIssue>,
}

static UNIT: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"单位\s*[：:]\s*(万元|元|千元)"));

/// Rows that are not part of the grid: title, number marker, unit and 编制部门 lines, notes.
fn is_meta(row: &PhysRow, region: &Region) -> bool {
    static MARKER: Lazy<Regex> =
        Lazy::new(|| crate::static_regex(r"^表[一二三四五六七八九十\d]{1,3}[：:]?$"));
    static YEAR: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"^[（(]\d{4}年?[）)]$"));
    let c = row.compact();
    MARKER.is_match(&c)
        || c.contains("编制部门")
        || c.contains("编制单位")
        || c.contains("填报部门")
        || c.starts_with("单位：")
        || c.starts_with("单位:")
        || (!region.title.is_empty()
            && c.contains(region.title.as_str())
            && c.chars().count() <= region.title.chars().count() + 12)
        || YEAR.is_match(&c)
}

fn is_note(row: &PhysRow) -> bool {
    let c = row.compact();
    c.starts_with("注") || c.starts_with("备注") || c.starts_with("说明：") || c.contains("空表")
}

/// Type one table region.
pub fn type_table(
    region: &Region,
    lines: &[SourceLine],
    info: &DocumentInfo,
    names: &NameBook,
) -> Table {
    let slice = lines.get(region.start..region.end).unwrap_or(&[]);
    let mut mode = layout::detect(slice);
    let mut rows = layout::phys_rows(slice, mode);
    if mode == Mode::TabLine && !layout::slots_consistent(&rows) {
        // Tabs between the cells that are printed, empty cells dropped: the slots say
        // nothing about columns, so read it like reading-order text.
        mode = Mode::Flow;
        rows = layout::phys_rows(slice, mode);
    }
    let mut unit = None;
    for l in slice {
        if let Some(c) = UNIT.captures(&l.text) {
            unit = match c.get(1).map(|m| m.as_str()) {
                Some("元") => Some(Unit::Yuan),
                Some("万元") => Some(Unit::WanYuan),
                _ => unit,
            };
            break;
        }
    }
    let mut empty_note = None;
    let mut grid: Vec<PhysRow> = Vec::new();
    for r in rows {
        if is_note(&r) {
            // The note that says the table is empty wins over other notes of the table.
            let says_empty = r.compact().contains("空表");
            if empty_note
                .as_ref()
                .is_none_or(|n: &Note| says_empty && !n.text.contains("空表"))
            {
                empty_note = Some(Note {
                    line: r.line,
                    text: r
                        .words
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(""),
                });
            }
            continue;
        }
        if r.line == lines.get(region.title_idx).map(|l| l.number).unwrap_or(0)
            || is_meta(&r, region)
        {
            continue;
        }
        grid.push(r);
    }
    let economic = region.kind == TableKind::BasicEconomic;
    let is_data = |r: &PhysRow| -> bool {
        match region.kind {
            TableKind::Summary | TableKind::FiscalSummary | TableKind::ThreePublic => {
                r.words.iter().any(|w| w.is_number() && w.text.len() < 16)
            }
            _ => classified::starts_row(r, economic, usize::MAX),
        }
    };
    let split = grid.iter().position(is_data).unwrap_or(grid.len());
    let mut body_all = grid.split_off(split);
    let mut header = grid;
    if mode == Mode::Spaced
        && !matches!(
            region.kind,
            TableKind::Summary | TableKind::FiscalSummary | TableKind::ThreePublic
        )
    {
        // A tall 合计 row prints its figures above the header's last line and its label
        // below it ("2,940.05" / "类 款 项" / "合计"): those lines are the body's first row.
        let (rows_first, caps): (Vec<PhysRow>, Vec<PhysRow>) = header.into_iter().partition(|h| {
            let figures = !h.words.is_empty() && h.words.iter().all(|w| w.is_number());
            let total = h.words.len() == 1
                && h.words
                    .first()
                    .is_some_and(|w| matches!(w.text.as_str(), "合计" | "总计"));
            figures || total
        });
        header = caps;
        // The first row's label can begin above its code line, at the foot of the header
        // ("一般公共服务" / "201 … 264.87" / "支出"): a last header line with no caption in it.
        let mut rows_first = rows_first;
        while let Some(last) = header.last() {
            let caption = last.words.iter().any(|w| {
                columns::key_of(&w.text, region.kind).is_some()
                    || header::is_label_caption(&w.text)
                    || w.is_number()
            });
            if caption || last.words.is_empty() {
                break;
            }
            if let Some(row) = header.pop() {
                rows_first.insert(0, row);
            }
        }
        if !rows_first.is_empty() {
            let mut b = rows_first;
            b.append(&mut body_all);
            body_all = b;
        }
    }
    let mut reader = Reader {
        region,
        mode,
        header,
        body: Vec::new(),
        cols: Vec::new(),
        first_value_slot: 0,
        expense_from: None,
        sums: Vec::new(),
        issues: Vec::new(),
    };
    reader.body = strip_repeated_headers(body_all, &reader.header, mode);
    read_columns(&mut reader);

    let mut income = Vec::new();
    let mut summary_cols = Vec::new();
    let table_rows: Vec<Row> = match region.kind {
        TableKind::Summary | TableKind::FiscalSummary => {
            let (inc, rows, cols) = summary::read(&mut reader);
            income = inc;
            summary_cols = cols;
            rows
        }
        TableKind::ThreePublic => three_public::read(&mut reader),
        TableKind::BasicEconomic if mode == Mode::Spaced && two_sided::applies(&reader) => {
            let (rows, cols) = two_sided::read(&mut reader);
            summary_cols = cols;
            rows
        }
        _ => classified::read(&mut reader, names),
    };
    let columns = match region.kind {
        TableKind::Summary | TableKind::FiscalSummary => summary_cols,
        _ if !summary_cols.is_empty() => summary_cols,
        _ => reader.cols.iter().map(|c| c.column.clone()).collect(),
    };
    let mut issues = summarize_issues(reader.issues);
    let mut table_rows = table_rows;
    let title_line = lines.get(region.title_idx).map(|l| l.number).unwrap_or(0);
    let why = implausible(region.kind, &columns, &table_rows, &income).or_else(|| {
        (mode == Mode::Flow)
            .then(|| scrambled(region.kind, &columns, &table_rows))
            .flatten()
    });
    if let Some(why) = why {
        // Better no figures than wrong ones: every rule would report the parser's mistakes.
        // One issue for the table: what else could not be aligned is part of the same loss.
        issues.retain(|i| i.kind != IssueKind::Table);
        issues.push(ParseIssue::new(title_line, why));
        table_rows.clear();
        income.clear();
    }
    // Nothing after the title (a title at the end of a cut-off file, a table lost in
    // conversion): said as such, whatever the kind, instead of passing for an empty table.
    let nothing = reader.header.is_empty() && reader.body.is_empty() && empty_note.is_none();
    if nothing {
        issues.push(ParseIssue::bilingual(
            title_line,
            "标题之后没有表格内容（没有表头，也没有数据行），文件可能不完整".into(),
            "nothing follows the title: no header and no row; the file may be incomplete".into(),
        ));
    } else if table_rows.is_empty()
        && income.is_empty()
        && empty_note.is_none()
        && region.kind != TableKind::Other
        && issues.is_empty()
    {
        issues.push(ParseIssue::new(
            title_line,
            "表格没有读出任何数据行 (no data row could be read from this table)",
        ));
    }
    issues.extend(missing_total(region, lines, &table_rows));
    let end_line = slice.last().map(|l| l.number).unwrap_or(0);
    Table {
        label: region.label.clone(),
        number: region.number,
        kind: region.kind,
        scope: region.scope,
        title: region.title.clone(),
        line: lines.get(region.title_idx).map(|l| l.number).unwrap_or(0),
        end_line,
        unit_stated: unit.is_some(),
        unit: unit.unwrap_or(info.unit),
        columns,
        income,
        rows: table_rows,
        empty_note,
        issues,
    }
}

/// Header rows repeated at the top of continuation pages are dropped from the body. In
/// reading-order text a caption piece such as "项目" can also be part of a project name, so
/// there a repeat must be at least two header pieces in a row.
fn strip_repeated_headers(body: Vec<PhysRow>, header: &[PhysRow], mode: Mode) -> Vec<PhysRow> {
    let set: std::collections::HashSet<String> = header
        .iter()
        .map(PhysRow::compact)
        .filter(|c| !c.is_empty())
        .collect();
    if set.is_empty() {
        return body;
    }
    // In a spaced layout a repeated header line is also where the header printed it: "款"
    // in the header (the end of a wrapped caption) and "款" at the left margin of the body
    // (the end of a wrapped row label) are not the same line.
    let starts: std::collections::HashMap<String, usize> = header
        .iter()
        .filter_map(|h| Some((h.compact(), h.words.first()?.col)))
        .collect();
    let same_place = |r: &PhysRow| {
        mode != Mode::Spaced
            || r.words.first().is_some_and(|w| {
                starts
                    .get(&r.compact())
                    .is_some_and(|c| c.abs_diff(w.col) <= 4)
            })
    };
    let inset: Vec<bool> = body
        .iter()
        .map(|r| set.contains(&r.compact()) && same_place(r))
        .collect();
    body.into_iter()
        .enumerate()
        .filter(|(i, r)| {
            if !inset.get(*i).copied().unwrap_or(false) {
                return true;
            }
            let neighbour = (i
                .checked_sub(1)
                .and_then(|j| inset.get(j))
                .copied()
                .unwrap_or(false))
                || inset.get(i + 1).copied().unwrap_or(false);
            let strong = r.compact().chars().count() >= 6 && !r.words.iter().any(|w| w.is_number());
            match mode {
                Mode::Flow => !(neighbour || strong),
                _ => r.words.iter().any(|w| w.is_number()),
            }
        })
        .map(|(_, r)| r)
        .collect()
}

/// Read the header into typed columns.
fn read_columns(r: &mut Reader<'_>) {
    let kind = r.region.kind;
    match r.mode {
        Mode::TabLine | Mode::TabGrouped => {
            let (mut cols, mut first) = columns::from_slots(&r.header, r.mode, kind);
            if r.mode == Mode::TabGrouped {
                // Group captions over the label cells make the header's count unreliable;
                // the data rows say where the figures start: the first figure after a
                // row's first text cell.
                let from_data = r
                    .body
                    .iter()
                    .filter_map(|p| {
                        let text_slot = p
                            .words
                            .iter()
                            .find(|w| !w.is_number())
                            .and_then(|w| w.slot)?;
                        p.words
                            .iter()
                            .filter(|w| w.is_number())
                            .filter_map(|w| w.slot)
                            .find(|s| *s > text_slot)
                    })
                    .min();
                if let Some(d) = from_data {
                    for c in cols.iter_mut() {
                        c.slot = c.slot.map(|s| s + d - first.min(s));
                    }
                    first = d;
                }
            }
            r.cols = cols;
            r.first_value_slot = first;
        }
        Mode::Spaced => {
            let tree = header::HeaderTree::build(&r.header, kind);
            r.cols = tree
                .leaves(kind)
                .into_iter()
                .map(|l| ColSpec {
                    column: crate::model::Column {
                        name: l.name,
                        key: l.key,
                    },
                    slot: None,
                    x2: Some(l.x2),
                })
                .collect();
            r.sums = tree.sums(kind);
            r.expense_from = tree.labels().get(1).map(|(c, _)| *c);
        }
        Mode::Flow => {
            let text: String = r
                .header
                .iter()
                .map(PhysRow::compact)
                .collect::<Vec<_>>()
                .join(" ");
            r.cols = columns::scan(&text, kind)
                .into_iter()
                .map(|column| ColSpec {
                    column,
                    slot: None,
                    x2: None,
                })
                .collect();
        }
    }
    let usable = match kind {
        TableKind::Summary | TableKind::FiscalSummary | TableKind::ThreePublic => {
            !r.cols.is_empty()
        }
        // A 决算's fund table opens with 年初结转和结余; its 本年支出 合计 / 小计 comes later.
        TableKind::GovFund | TableKind::StateCapital => {
            r.cols.iter().any(|c| c.column.key == ColumnKey::Total)
        }
        _ => r
            .cols
            .first()
            .map(|c| c.column.key == ColumnKey::Total)
            .unwrap_or(false),
    };
    if !usable {
        if !r.header.is_empty() || !r.body.is_empty() {
            let line = r
                .header
                .first()
                .or(r.body.first())
                .map(|p| p.line)
                .unwrap_or(0);
            let has_figures = r.body.iter().any(|p| p.words.iter().any(|w| w.is_number()));
            if has_figures && (!r.cols.is_empty() || kind != TableKind::Other) {
                r.issues.push(ParseIssue::new(
                    line,
                    "表头无法识别，按标准列读取 (header not recognized; standard columns assumed)",
                ));
            }
        }
        r.cols = classified::fallback_columns(kind);
        r.first_value_slot = 0;
    }
}

/// Type every table region and performance table that segmentation found, in order; the
/// code names learnt from each table help read the project names of the next.
pub fn type_tables(
    seg: &crate::segment::Segments,
    lines: &[SourceLine],
) -> (Vec<Table>, Vec<crate::model::PerformanceTable>) {
    let mut names = NameBook::default();
    let mut tables = Vec::with_capacity(seg.regions.len());
    for r in &seg.regions {
        let t = type_table(r, lines, &seg.info, &names);
        names.learn(&t);
        tables.push(t);
    }
    let performance = seg
        .performance
        .iter()
        .filter_map(|(s, e)| performance::parse(lines.get(*s..*e).unwrap_or(&[])))
        .collect();
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    attach_empty_notes(&mut tables, &texts);
    (tables, performance)
}

/// Find the notes that say an empty table is empty on purpose ("…为空表"), in the table or
/// anywhere in the document's text naming the table.
pub fn attach_empty_notes(tables: &mut [Table], lines: &[&str]) {
    // The lines that say "空表", compacted once: scanning and compacting every line again
    // for every empty table was quadratic (thousands of empty tables in a hostile input).
    let mut notes: Option<Vec<(usize, String)>> = None;
    for t in tables.iter_mut() {
        if t.empty_note.is_some() || !t.is_empty() {
            continue;
        }
        let notes = notes.get_or_insert_with(|| {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.contains('空'))
                .map(|(i, l)| (i, compact(l)))
                .filter(|(_, c)| c.contains("空表"))
                .collect()
        });
        let key = t.title.replace("部门", "");
        // A table without a title (a bare "表12") would match every note: "".contains is true.
        if key.is_empty() {
            continue;
        }
        if let Some((i, c)) = notes
            .iter()
            .find(|(_, c)| c.contains(&key) || c.contains(t.kind_phrase()))
        {
            t.empty_note = Some(Note {
                line: i + 1,
                text: c.clone(),
            });
        }
    }
}

impl Table {
    /// The phrase a note uses for this table kind ("政府性基金预算", "三公" …).
    pub fn kind_phrase(&self) -> &'static str {
        match self.kind {
            TableKind::GovFund => "政府性基金",
            TableKind::StateCapital => "国有资本经营",
            TableKind::ThreePublic => "三公",
            TableKind::CarryOver => "结转结余",
            TableKind::Projects => "项目支出",
            _ => "\u{0}",
        }
    }
}

/// Convenience: the rows of a table that carry a code.
pub fn coded_rows(t: &Table) -> impl Iterator<Item = &Row> {
    t.rows
        .iter()
        .filter(|r| r.code.is_some() && r.kind != RowKind::Total)
}

/// A table with body rows but no 合计/总计 row. When nothing follows it in the file, the file
/// was cut off in the middle of the table: its last row may be partial, and checks of its
/// totals, columns and codes or against other tables would compare against rows that are
/// missing, so they are skipped ([`IssueKind::CutOff`]); otherwise the rows simply cannot be
/// checked against a total. Not for 三公 tables (one row, which is the total) and untyped tables.
fn missing_total(region: &Region, lines: &[SourceLine], rows: &[Row]) -> Option<ParseIssue> {
    if matches!(region.kind, TableKind::ThreePublic | TableKind::Other)
        || rows.iter().any(|r| r.kind == RowKind::Total)
        || !rows.iter().any(|r| r.values.iter().any(Option::is_some))
    {
        return None;
    }
    let last = rows.last().map(|r| r.line)?;
    let at_end = lines
        .get(region.end..)
        .unwrap_or_default()
        .iter()
        .all(|l| l.text.trim().is_empty());
    Some(if at_end {
        let mut i = ParseIssue::bilingual(
            last,
            format!(
                "表格在文件末尾（第 {last} 行）中断，没有合计行：文件可能被截断；最后一行及涉及本表合计、\
                 各列、科目或其他表的核对均未进行"
            ),
            format!(
                "the table stops at the end of the file (line {last}) without a 合计 row: the file \
                 may be truncated; its last row and the checks of its totals, columns and codes or \
                 against other tables were skipped"
            ),
        );
        i.kind = IssueKind::CutOff;
        i
    } else {
        ParseIssue::bilingual(
            last,
            "表格没有合计/总计行，各行无法与合计核对，表格可能不完整".into(),
            "the table has no 合计/总计 row: its rows cannot be checked against a total; the \
             table may be incomplete"
                .into(),
        )
    })
}

/// Many rows that could not be aligned make one issue, not a flood. Unreadable cells and
/// codes are kept one by one: each names its line and the text printed there.
fn summarize_issues(issues: Vec<ParseIssue>) -> Vec<ParseIssue> {
    let (rows, mut cells): (Vec<ParseIssue>, Vec<ParseIssue>) =
        issues.into_iter().partition(|i| i.kind == IssueKind::Table);
    let mut out = summarize_rows(rows);
    out.append(&mut cells);
    out
}

fn summarize_rows(issues: Vec<ParseIssue>) -> Vec<ParseIssue> {
    if issues.len() <= 3 {
        return issues;
    }
    let first = issues.first().map(|i| i.line).unwrap_or(0);
    let lines: Vec<String> = issues.iter().take(8).map(|i| i.line.to_string()).collect();
    vec![ParseIssue::new(
        first,
        format!(
            "{} 行无法与表头对齐（第 {} 行等），本表的数字可能不完整 ({} rows could not be aligned with the header, e.g. lines {}; figures of this table may be incomplete)",
            issues.len(),
            lines.join("、"),
            issues.len(),
            lines.join(", ")
        ),
    )]
}

/// A reading-order table (plain `pdftotext`: cells of a row scattered over lines, a row's
/// figures before its code) that could not be put back together: several codes twice,
/// several rows that break their own total, or several subtotals that are not the sum of
/// their rows. Reported once (T003) and left out of the checks: the layout text of the same
/// PDF gives no such error, so every one of them would be the parser's.
fn scrambled(kind: TableKind, columns: &[crate::model::Column], rows: &[Row]) -> Option<String> {
    use crate::model::ColumnKey::*;
    let coded: Vec<&Row> = rows.iter().filter(|r| r.code.is_some()).collect();
    if coded.len() < 3 {
        return None;
    }
    let mut seen = std::collections::HashSet::new();
    let repeated = coded
        .iter()
        .filter(|r| r.kind != RowKind::Project)
        .filter(|r| !seen.insert(r.code.clone()))
        .count();
    // Row identities: 合计 = Σ its parts.
    let total = columns.iter().position(|c| c.key == Total);
    let has_general = columns.iter().any(|c| c.key == GeneralBudget);
    let parts: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| match kind {
            TableKind::Expense
            | TableKind::GeneralExpense
            | TableKind::GovFund
            | TableKind::StateCapital => {
                matches!(c.key, Basic | Project)
            }
            TableKind::BasicEconomic => matches!(c.key, Personnel | PublicUse),
            TableKind::Income => {
                let subtotal = has_general && c.key == Appropriation;
                !(matches!(c.key, Total | Other(_)) || subtotal)
            }
            TableKind::Projects => matches!(c.key, Economic(_)),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    let (mut checked, mut broken) = (0usize, 0usize);
    if let (Some(t), false) = (total, parts.is_empty()) {
        for r in &coded {
            let Some(tv) = r.values.get(t).and_then(Option::as_ref) else {
                continue;
            };
            let ps: Vec<&crate::model::Figure> = parts
                .iter()
                .filter_map(|i| r.values.get(*i).and_then(Option::as_ref))
                .collect();
            if ps.is_empty() {
                continue;
            }
            checked += 1;
            if crate::arith::check_sum(tv, &ps).is_some() {
                broken += 1;
            }
        }
    }
    // Subtotals: a code row against its children's 合计.
    let (mut sums, mut bad_sums) = (0usize, 0usize);
    if let Some(t) = total {
        for r in &coded {
            let Some(Code::Function(f)) = &r.code else {
                continue;
            };
            let kids: Vec<&crate::model::Figure> = coded
                .iter()
                .filter(|k| matches!(&k.code, Some(Code::Function(kf)) if kf.parent().as_ref() == Some(f)))
                .filter(|k| k.kind != RowKind::Project)
                .filter_map(|k| k.values.get(t).and_then(Option::as_ref))
                .collect();
            let Some(tv) = r.values.get(t).and_then(Option::as_ref) else {
                continue;
            };
            if kids.is_empty() {
                continue;
            }
            sums += 1;
            if crate::arith::check_sum(tv, &kids).is_some() {
                bad_sums += 1;
            }
        }
    }
    let many = |bad: usize, of: usize| bad >= 2 && bad * 4 >= of;
    if repeated >= 3 || many(broken, checked) || many(bad_sums, sums) {
        return Some(format!(
            "按阅读顺序输出的文本中本表的单元格错位（{repeated} 个科目重复、{broken}/{checked} 行合计与分项不符、{bad_sums}/{sums} 个小计与下级不符），无法还原本表，未核对；请用 pdftotext -layout 等保留版面的文本 (reading-order text scatters this table's cells: {repeated} codes repeated, {broken} of {checked} rows off their total, {bad_sums} of {sums} subtotals off their rows; it could not be rebuilt and was not checked; use layout-preserving text such as pdftotext -layout)"
        ));
    }
    None
}

/// A table whose rows came out as nonsense: most coded rows without a name (the converter
/// wrote the cells column by column, as reading-order `pdftotext` does), or most rows
/// breaking their own row identity. Returns why.
fn implausible(
    kind: TableKind,
    columns: &[crate::model::Column],
    rows: &[Row],
    income: &[crate::model::IncomeItem],
) -> Option<String> {
    use crate::model::ColumnKey::*;
    let coded: Vec<&Row> = rows.iter().filter(|r| r.code.is_some()).collect();
    if matches!(kind, TableKind::Summary | TableKind::FiscalSummary)
        && coded.len() >= 3
        && rows.iter().all(|r| r.values.iter().all(Option::is_none))
        && income.iter().filter(|i| i.amount.is_some()).count() >= 2
    {
        return Some(format!(
            "收入一侧有数字而支出一侧 {} 行全无数字：两侧的行无法对齐（文字可能是逐列排列的）(the income side has figures but none of the {} expense lines has one: the two sides cannot be aligned; the text may give the cells column by column)",
            coded.len(),
            coded.len()
        ));
    }
    if coded.len() < 4 {
        return None;
    }
    let nameless = coded
        .iter()
        .filter(|r| r.name.trim().is_empty() && r.project.is_none())
        .count();
    if nameless * 2 > coded.len() {
        return Some(format!(
            "{} 个科目行中 {} 个没有名称：文字是逐列而不是逐行排列的，无法还原本表的行 ({} of {} coded rows have no name: the text gives the cells column by column, so the rows cannot be rebuilt)",
            coded.len(), nameless, nameless, coded.len()
        ));
    }
    let comps: Vec<usize> = match kind {
        TableKind::Expense | TableKind::GeneralExpense => [Basic, Project]
            .iter()
            .filter_map(|k| columns.iter().position(|c| &c.key == k))
            .collect(),
        TableKind::BasicEconomic => [Personnel, PublicUse]
            .iter()
            .filter_map(|k| columns.iter().position(|c| &c.key == k))
            .collect(),
        _ => Vec::new(),
    };
    let total = columns.iter().position(|c| c.key == Total)?;
    if comps.is_empty() {
        return None;
    }
    let mut checked = 0;
    let mut failed = 0;
    for r in &coded {
        let Some(t) = r.values.get(total).and_then(Option::as_ref) else {
            continue;
        };
        let parts: Vec<&crate::model::Figure> = comps
            .iter()
            .filter_map(|c| r.values.get(*c).and_then(Option::as_ref))
            .collect();
        if parts.is_empty() {
            continue;
        }
        checked += 1;
        if crate::arith::check_sum(t, &parts).is_some() {
            failed += 1;
        }
    }
    if checked >= 4 && failed * 2 > checked {
        return Some(format!(
            "{checked} 行中 {failed} 行的合计与分项不符，行列无法可靠还原 ({failed} of {checked} rows break their own row total: the rows and columns could not be rebuilt reliably)"
        ));
    }
    None
}
