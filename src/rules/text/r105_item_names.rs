//! R105 — a 类/款/项 path in the narrative whose names are not the names of those levels.
//!
//! "“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元": the 款 named must be a
//! 款 of that 类 and the 项 a 项 of that 款 — as the document's own tables name them (the rows
//! of the function-classified tables), or as the classification data names them
//! (rules/classification.toml). Here 卫生健康支出 is no 款 of 210; the tables have 210 07
//! 计划生育事务 as the 款 and 210 07 17 计划生育服务 as the 项.
//!
//! Only a path whose 类 the tables print is judged, and a name is accepted when it matches
//! either source (abbreviations that drop 支出 included). A level named by the name the
//! classification replaced ([[renamed]] in rules/classification.toml: 医疗卫生与计划生育支出
//! became 卫生健康支出 in 2018) is reported as out of date when the document's year uses the
//! new name and its tables print that code.
//!
//! Why: the narrative is where readers learn what the money is for; a path with the wrong
//! names points at another item than the figure belongs to.

use super::at;
use crate::model::claim::Claim;
use crate::model::{Code, Document};
use crate::rules::narrative::resolve::same_name;
use crate::rules::{Finding, Severity};
use crate::tables::class_names;
use std::collections::BTreeMap;

pub const CODE: &str = "R105";

/// Names of the function codes of a document: its tables' names and the classification's.
struct Names {
    /// code ("210 07") → names printed in the tables.
    printed: BTreeMap<String, Vec<String>>,
}

impl Names {
    fn of(doc: &Document) -> Names {
        let mut printed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &doc.tables {
            for r in &t.rows {
                let Some(Code::Function(f)) = &r.code else {
                    continue;
                };
                let name = class_names::strip_numbering(&r.name);
                if name.is_empty() {
                    continue;
                }
                let v = printed.entry(f.to_string()).or_default();
                if !v.contains(&name) {
                    v.push(name);
                }
            }
        }
        Names { printed }
    }

    /// Child codes of `parent` ("210" → "210 01"…) with their names from both sources.
    fn children(&self, parent: &str) -> Vec<(String, Vec<String>)> {
        let cls = class_names::classification();
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for k in 1..=99 {
            let code = format!("{parent} {k:02}");
            let mut names: Vec<String> = self.printed.get(&code).cloned().unwrap_or_default();
            if let Some(std) = cls.names(&code) {
                names.extend(std.iter().cloned());
            }
            if !names.is_empty() {
                out.push((code, names));
            }
        }
        out
    }

    fn printed_children(&self, parent: &str) -> Vec<(&String, &Vec<String>)> {
        let prefix = format!("{parent} ");
        self.printed
            .iter()
            .filter(|(c, _)| {
                c.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.len() == 2)
            })
            .collect()
    }
}

fn matches(names: &[String], name: &str) -> bool {
    names
        .iter()
        .any(|n| same_name(n, name) || class_names::same_name(n, name))
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let names = Names::of(doc);
    let mut seen = std::collections::HashSet::new();
    for c in &doc.claims {
        let [class, kuan, xiang] = c.path.as_slice() else {
            continue;
        };
        if !seen.insert(c.path.clone()) {
            continue;
        }
        // A level called by its replaced name, for a code the tables print.
        if let Some(year) = doc.info.year {
            let mut old_found = false;
            for (level, mark) in [(class, '类'), (kuan, '款'), (xiang, '项')] {
                let cls = class_names::classification();
                let Some(r) = cls
                    .renamed_from(level)
                    .find(|r| year >= r.since && names.printed.contains_key(&r.code))
                else {
                    continue;
                };
                // The row that prints the code by its current name, when one does.
                let current = doc.tables.iter().flat_map(|t| t.rows.iter()).find(|row| {
                    matches!(&row.code, Some(Code::Function(f)) if f.to_string() == r.code)
                        && class_names::same_name(&class_names::strip_numbering(&row.name), &r.new)
                });
                let printed = match current {
                    Some(_) => r.new.as_str(),
                    None => names
                        .printed
                        .get(&r.code)
                        .and_then(|n| n.first())
                        .map(String::as_str)
                        .unwrap_or(r.new.as_str()),
                };
                push(
                    doc,
                    c,
                    (level, mark),
                    format!(
                        "“{level}”是 {} 的旧名称，{} 年起为“{}”；表中 {} 为“{printed}”",
                        r.code, r.since, r.new, r.code
                    ),
                    format!(
                        "“{level}” is the former name of {} (“{}” since {}); the tables have {} “{printed}”",
                        r.code, r.new, r.since, r.code
                    ),
                    out,
                );
                if let (Some(row), Some(f)) = (current, out.last_mut()) {
                    f.related_lines.push(row.line);
                }
                old_found = true;
            }
            if old_found {
                continue;
            }
        }
        // The 类 by its name, as the tables print it.
        let Some((class_code, _)) = names
            .printed
            .iter()
            .filter(|(code, _)| code.len() == 3)
            .find(|(_, n)| matches(n, class))
        else {
            continue;
        };
        let kuans = names.children(class_code);
        let Some((kuan_code, _)) = kuans.iter().find(|(_, n)| matches(n, kuan)) else {
            // Which 款 of the tables holds the 项 named, if any.
            let holder = names
                .printed_children(class_code)
                .into_iter()
                .find(|(code, _)| {
                    names.children(code).iter().any(|(_, n)| matches(n, xiang))
                        || names.printed.get(*code).is_some_and(|n| matches(n, xiang))
                });
            let hint_zh = match holder {
                Some((code, n)) => format!(
                    "；表中 {code} 为“{}”",
                    n.first().map(String::as_str).unwrap_or("")
                ),
                None => String::new(),
            };
            let hint_en = match holder {
                Some((code, n)) => format!(
                    "; the tables have {code} “{}”",
                    n.first().map(String::as_str).unwrap_or("")
                ),
                None => String::new(),
            };
            push(
                doc,
                c,
                (kuan, '款'),
                format!("“{kuan}（款）”不是 {class_code} {class}的款{hint_zh}"),
                format!("“{kuan}” is not a 款 of {class_code} {class}{hint_en}"),
                out,
            );
            continue;
        };
        // The 项 must be one of the 款's, when the tables print any 项 of it.
        let printed_xiang = names.printed_children(kuan_code);
        if printed_xiang.is_empty() {
            continue;
        }
        let xiangs = names.children(kuan_code);
        if xiangs.iter().any(|(_, n)| matches(n, xiang)) {
            continue;
        }
        let list: Vec<String> = printed_xiang
            .iter()
            .map(|(code, n)| format!("{code} {}", n.first().map(String::as_str).unwrap_or("")))
            .take(4)
            .collect();
        push(
            doc,
            c,
            (xiang, '项'),
            format!(
                "“{xiang}（项）”不是 {kuan_code} {kuan}的项；表中为 {}",
                list.join("、")
            ),
            format!(
                "“{xiang}” is not a 项 of {kuan_code} {kuan}; the tables have {}",
                list.join(", ")
            ),
            out,
        );
    }
}

/// The finding at the name as printed in the claim's paragraph.
/// The finding at the name as printed in the claim's paragraph: the occurrence marked with
/// its level ("卫生健康支出（款）" / "（21011款）"), not the 类 of the same name before it.
fn push(
    doc: &Document,
    c: &Claim,
    (name, mark): (&str, char),
    zh: String,
    en: String,
    out: &mut Vec<Finding>,
) {
    let Some(p) = doc.narrative.get(c.paragraph) else {
        return;
    };
    let marked = p.text.match_indices(name).find(|(b, _)| {
        let after = p.text.get(b + name.len()..).unwrap_or("");
        after.starts_with(['（', '(']) && after.chars().take(10).any(|ch| ch == mark)
    });
    let offset = marked
        .map(|(b, _)| b)
        .or_else(|| p.text.find(name))
        .map(|b| super::char_at(&p.text, b))
        .unwrap_or(0);
    let mut f = at(
        CODE,
        Severity::Warning,
        p,
        offset,
        name.chars().count(),
        zh,
        en,
    );
    f.actual = Some(name.to_string());
    out.push(f);
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const DOC: &str = "某局\n2025年部门预算\n\n2025年部门一般公共预算支出功能分类预算表\n单位：万元\n功能分类科目编码   功能分类科目名称        合计      基本支出     项目支出\n210                卫生健康支出           20.00         0.00        20.00\n  210 07           计划生育事务           20.00         0.00        20.00\n    210 07 17      计划生育服务           20.00         0.00        20.00\n\n2025年部门预算编制说明\n  1. “卫生健康支出（类）计划生育事务（款）计划生育服务（项）”科目20.00万元，主要用于计划生育服务。\n";

    #[test]
    fn a_path_with_the_tables_names_is_clean() {
        assert!(run(DOC).is_empty(), "{:?}", run(DOC));
    }

    #[test]
    fn a_kuan_that_is_not_of_its_class() {
        let bad = DOC.replace("计划生育事务（款）", "卫生健康支出（款）");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 12);
        assert!(f[0].message.zh.contains("210 07"), "{}", f[0].message.zh);
    }

    #[test]
    fn a_path_written_with_codes_and_the_finding_at_the_kuan() {
        let coded = DOC.replace(
            "“卫生健康支出（类）计划生育事务（款）计划生育服务（项）”",
            "“卫生健康支出（210类）卫生健康支出（21007款）计划生育服务（2100717项）”",
        );
        let f = run(&coded);
        assert_eq!(f.len(), 1, "{f:?}");
        // Under the 款's name, not the 类 of the same name before it.
        assert_eq!(f[0].col, Some(18), "{f:?}");
    }

    #[test]
    fn a_class_by_its_replaced_name() {
        let bad = DOC.replace("卫生健康支出（类）", "医疗卫生与计划生育支出（类）");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 12);
        assert!(f[0].message.zh.contains("旧名称"), "{}", f[0].message.zh);
        assert!(
            f[0].message.en.contains("卫生健康支出"),
            "{}",
            f[0].message.en
        );
        // Before the rename the old name is the right one.
        let old = bad.replace("2025年", "2017年");
        assert!(run(&old).is_empty(), "{:?}", run(&old));
    }
}
