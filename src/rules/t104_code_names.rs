//! T104 code names (科目名称): a function class printed with a name that is not its
//! standard name, or one code printed with different names in different tables.
//!
//! Why: the name is what a reader goes by; a code whose name does not match it means either
//! the code or the name is wrong, and the money may be booked to another item than described.
//!
//! Example: `208 卫生健康支出` (208 is 社会保障和就业支出), or 表三 `201 03 01 行政运行` while
//! 表五 prints `201 03 01 一般行政管理事务`.

use super::{Finding, Message};
use crate::model::{Code, Document, RowKind};
use crate::tables::class_names;
use std::collections::HashMap;

pub const CODE: &str = "T104";

fn same_name(a: &str, b: &str) -> bool {
    // Narrow columns truncate long names ("文化旅游体育与传媒支"); brackets vary in width.
    let norm = |s: &str| s.replace(['(', '（'], "(").replace([')', '）'], ")");
    let (a, b) = (norm(a), norm(b));
    a == b
        || (a.chars().count() >= 4 && b.starts_with(&a))
        || (b.chars().count() >= 4 && a.starts_with(&b))
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let mut first_name: HashMap<String, (String, String, usize)> = HashMap::new();
    for t in &doc.tables {
        for r in &t.rows {
            let Some(code @ Code::Function(f)) = &r.code else {
                continue;
            };
            if r.name.is_empty() || r.kind == RowKind::Total {
                continue;
            }
            let name = class_names::strip_numbering(&r.name);
            if f.level() == 1 {
                if let Some(std_names) = class_names::names_of(&f.class) {
                    if !std_names.iter().any(|n| same_name(n, &name)) {
                        let mut fi = Finding::new(
                            CODE,
                            r.line,
                            Message::new(
                                format!(
                                    "{} 科目 {} 的名称应为“{}”，表中为“{}”",
                                    t.label,
                                    f.class,
                                    std_names.first().map(String::as_str).unwrap_or(""),
                                    name
                                ),
                                format!(
                                    "{}: class {} is named “{}”, the table prints “{}”",
                                    t.label,
                                    f.class,
                                    std_names.first().map(String::as_str).unwrap_or(""),
                                    name
                                ),
                            ),
                        );
                        fi.table = Some(t.label.clone());
                        fi.row = Some(r.label());
                        fi.expected = std_names.first().map(|s| s.to_string());
                        fi.actual = Some(name.clone());
                        out.push(fi);
                        continue;
                    }
                }
            }
            let key = code.to_string();
            match first_name.get(&key) {
                None => {
                    first_name.insert(key, (name, t.label.clone(), r.line));
                }
                Some((n0, t0, l0)) if !same_name(n0, &name) => {
                    let mut fi = Finding::new(
                        CODE,
                        r.line,
                        Message::new(
                            format!(
                                "{} {} 名称为“{}”，而{}（第 {} 行）为“{}”",
                                t.label, key, name, t0, l0, n0
                            ),
                            format!(
                                "{} {} is named “{}”, but {} (line {}) names it “{}”",
                                t.label, key, name, t0, l0, n0
                            ),
                        ),
                    );
                    fi.related_lines = vec![*l0];
                    fi.table = Some(t.label.clone());
                    fi.row = Some(r.label());
                    fi.expected = Some(n0.clone());
                    fi.actual = Some(name);
                    out.push(fi);
                }
                Some(_) => {}
            }
        }
    }
}
