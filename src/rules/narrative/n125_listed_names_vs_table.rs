//! N125 — the economic items named as the content of 人员经费 / 公用经费 disagree with the
//! basic expense table.
//!
//! "人员经费 2152.26 万元，主要包括：基本工资、津贴补贴、…、退休费、个人农业生产补贴" names the
//! 经济分类 items the group consists of. Each named item must have a figure in that group's
//! column of the 基本支出 table (a name whose cell is empty describes money that was not spent;
//! a printed 0.00 may be a few yuan and is not reported);
//! an item with a figure that the list leaves out is reported as a warning, unless the list
//! says it is partial (…等).
//!
//! Why: the list is copied from the template or last year's text and rarely updated; the
//! table is what was spent. An auditor reads the list as the department's own summary.
//!
//! Example: the list names 个人农业生产补贴 (303 10, empty in 基本支出决算表) and omits 奖励金
//! (303 09, 0.31 万元).

use super::resolve::same_name;
use super::util::*;
use crate::model::claim::{Claim, ClaimData};
use crate::model::{Code, ColumnKey, Document, Row, Table, TableKind};
use crate::rules::{Finding, Severity};

pub const CODE: &str = "N125";

pub fn check(doc: &Document, claims: &[Claim], out: &mut Vec<Finding>) {
    for c in claims {
        let ClaimData::ItemList {
            group,
            total,
            items,
            open_ended,
        } = &c.data
        else {
            continue;
        };
        let Some((t, col)) = basic_table(doc, group) else {
            continue;
        };
        let value = |r: &Row| -> Option<rust_decimal::Decimal> {
            r.get(&t.columns, &col)
                .or_else(|| r.get(&t.columns, &ColumnKey::Total))
                .map(|f| f.value)
        };
        let rows: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| matches!(r.code, Some(Code::Economic(_))))
            .collect();
        let mut matched: Vec<&Row> = Vec::new();
        for (name, at) in items {
            // A 款 row of that name, else a 类 row ("工资福利支出" for all of 301).
            let hit = rows
                .iter()
                .filter(|r| same_name(&r.name, name))
                .max_by_key(|r| match &r.code {
                    Some(Code::Economic(e)) => e.level(),
                    _ => 0,
                });
            let Some(row) = hit else { continue };
            matched.push(row);
            // An empty cell is no expenditure; a printed 0.00 may be a few yuan rounded away
            // (the column's total then exceeds its printed parts).
            let v = value(row);
            if v.is_some() {
                continue;
            }
            let mut f = finding(
                CODE,
                Severity::Error,
                at,
                format!(
                    "{group}所列的“{name}”在{}中为空（{}），该项没有支出",
                    t.label,
                    row.label()
                ),
                format!(
                    "{group} lists \"{name}\", but {} has nothing for it ({})",
                    t.label,
                    row.label()
                ),
            );
            f.expected = Some(format!("{}：无支出，不应列出", row.label()));
            f.actual = Some(format!("列出“{name}”"));
            f.related_lines.push(row.line);
            out.push(f);
        }
        if *open_ended || items.len() < 3 || matched.is_empty() {
            continue;
        }
        // Items with a figure in the group's column that the list does not name (nor their 类).
        let covered = |r: &Row| -> bool {
            matched.iter().any(|m| {
                std::ptr::eq(*m, r)
                    || match (&m.code, &r.code) {
                        (Some(Code::Economic(a)), Some(Code::Economic(b))) => {
                            a.level() == 1 && a.class == b.class
                        }
                        _ => false,
                    }
            })
        };
        let omitted: Vec<&Row> = rows
            .iter()
            .copied()
            .filter(|r| matches!(&r.code, Some(Code::Economic(e)) if e.level() == 2))
            .filter(|r| r.get(&t.columns, &col).is_some_and(|f| !f.value.is_zero()))
            .filter(|r| !covered(r))
            .collect();
        if omitted.is_empty() {
            continue;
        }
        let names: Vec<String> = omitted
            .iter()
            .map(|r| {
                let v = r
                    .get(&t.columns, &col)
                    .map(|f| f.printed())
                    .unwrap_or_default();
                format!("{} {v}", r.label())
            })
            .collect();
        // Where the missing names would go: after the last one listed.
        let at = items.last().map(|(_, f)| f).unwrap_or(&total.figure);
        let mut f = finding(
            CODE,
            Severity::Warning,
            at,
            format!(
                "{group}所列项目未包括{}中有支出的：{}",
                t.label,
                names.join("、")
            ),
            format!(
                "{group}: the list leaves out items with expenditure in {}: {}",
                t.label,
                names.join(", ")
            ),
        );
        f.expected = Some(format!("列出 {}", names.join("、")));
        f.actual = Some("未列出".into());
        f.related_lines = omitted.iter().map(|r| r.line).collect();
        out.push(f);
    }
}

/// The 基本支出 table with figures and the column of the group: 人员经费 or 公用经费.
fn basic_table<'a>(doc: &'a Document, group: &str) -> Option<(&'a Table, ColumnKey)> {
    let col = if group == "人员经费" {
        ColumnKey::Personnel
    } else {
        ColumnKey::PublicUse
    };
    doc.tables
        .iter()
        .filter(|t| t.kind == TableKind::BasicEconomic && t.column_index(&col).is_some())
        .find(|t| t.rows.iter().any(|r| r.values.iter().any(Option::is_some)))
        .map(|t| (t, col))
}

#[cfg(test)]
mod tests {
    use crate::model::claim::ClaimData;

    #[test]
    fn lists_are_read_with_their_names() {
        let text = "2024年度部门决算\n\n  六、一般公共预算财政拨款基本支出决算情况说明\n\n  一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要\n包括：基本工资、津贴补贴、退休\n费、个人农业生产补贴；公用经费184.65万元，主要包括：办公费、印刷费等。\n";
        let doc = crate::extract_bytes("list.txt", text.as_bytes()).expect("a disclosure");
        let lists: Vec<_> = doc
            .claims
            .iter()
            .filter_map(|c| match &c.data {
                ClaimData::ItemList {
                    group,
                    items,
                    open_ended,
                    ..
                } => Some((group.clone(), items.clone(), *open_ended)),
                _ => None,
            })
            .collect();
        assert_eq!(lists.len(), 2, "{lists:?}");
        let names: Vec<&str> = lists[0].1.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["基本工资", "津贴补贴", "退休费", "个人农业生产补贴"]
        );
        // "个人农业生产补贴" is printed on line 7, column 2.
        assert_eq!((lists[0].1[3].1.line, lists[0].1[3].1.col), (7, Some(2)));
        assert!(!lists[0].2);
        assert!(lists[1].2, "ends in 等");
    }
}
