//! R105 — a 类/款/项 path in the narrative whose names are not the names of those levels.
//!
//! "“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元": the 款 named must be a
//! 款 of that 类 and the 项 a 项 of that 款 — as the document's own tables name them (the rows
//! of the function-classified tables), or as the classification data names them
//! (rules/classification.toml). Here 卫生健康支出 is no 款 of 210; the tables have 210 07
//! 计划生育事务 as the 款 and 210 07 17 计划生育服务 as the 项.
//!
//! Only a path whose 类 the tables print is judged, and a name is accepted when it matches
//! either source (abbreviations that drop 支出 included).
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
                kuan,
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
            xiang,
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
fn push(doc: &Document, c: &Claim, name: &str, zh: String, en: String, out: &mut Vec<Finding>) {
    let Some(p) = doc.narrative.get(c.paragraph) else {
        return;
    };
    let offset = p
        .text
        .find(name)
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
