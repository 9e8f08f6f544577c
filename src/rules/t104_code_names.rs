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

/// Two spellings of one name ("机关事业单位基本养老保险费" / "…缴费"): one holds all but a
/// character or two of the other, in order.
fn variant(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || long.len() - short.len() > 2 {
        return false;
    }
    let mut it = long.iter();
    let common = short.iter().filter(|c| it.any(|l| l == *c)).count();
    common + 1 >= short.len() && common * 5 >= long.len() * 4
}

/// Economic 款 codes whose printed names are not the standard names of their codes, one
/// finding per 类 of a table: a 类 renumbered (its 款 printed with the names of other codes)
/// or printed with three or more names of its own. A code the classification does not list
/// (a local extension) is not judged, nor a lone variant spelling.
/// (code, printed name, standard name, the code whose standard name was printed).
type Misnamed = (String, String, String, Option<String>);

fn economic_names(doc: &Document, out: &mut Vec<Finding>) {
    let cls = class_names::classification();
    for t in &doc.tables {
        let mut by_class: Vec<(String, Vec<Misnamed>)> = Vec::new();
        for r in &t.rows {
            let Some(Code::Economic(e)) = &r.code else {
                continue;
            };
            if e.level() != 2 || r.name.is_empty() {
                continue;
            }
            let code = e.to_string();
            let Some(std) = cls.names(&code) else {
                continue;
            };
            let name = class_names::strip_numbering(&r.name);
            if std.iter().any(|n| same_name(n, &name) || variant(n, &name)) {
                continue;
            }
            // The standard code of the printed name, within the same 类.
            let other = t
                .rows
                .iter()
                .filter_map(|o| match &o.code {
                    Some(Code::Economic(x)) if x.class == e.class && x.level() == 2 => {
                        Some(x.to_string())
                    }
                    _ => None,
                })
                .chain((1..100).map(|k| format!("{} {k:02}", e.class)))
                .find(|c| {
                    *c != code
                        && cls
                            .names(c)
                            .is_some_and(|n| n.iter().any(|n| same_name(n, &name)))
                });
            let entry = (code, name, std.first().cloned().unwrap_or_default(), other);
            match by_class.iter_mut().find(|(c, _)| *c == e.class) {
                Some((_, v)) => v.push(entry),
                None => by_class.push((e.class.clone(), vec![entry])),
            }
        }
        for (class, bad) in by_class {
            let renumbered = bad.iter().filter(|b| b.3.is_some()).count();
            if renumbered < 2 && bad.len() < 3 {
                continue;
            }
            let line = t
                .rows
                .iter()
                .find(|r| matches!(&r.code, Some(Code::Economic(e)) if e.class == class && e.level() == 1))
                .or_else(|| {
                    t.rows.iter().find(|r| {
                        matches!(&r.code, Some(Code::Economic(e)) if bad.first().is_some_and(|b| e.to_string() == b.0))
                    })
                })
                .map(|r| r.line)
                .unwrap_or(t.line);
            let shown: Vec<&(String, String, String, Option<String>)> =
                bad.iter().take(6).collect();
            let zh: Vec<String> = shown
                .iter()
                .map(|(c, n, s, o)| match o {
                    Some(o) => format!("{c}“{n}”（应为“{s}”；“{n}”是 {o}）"),
                    None => format!("{c}“{n}”（应为“{s}”）"),
                })
                .collect();
            let en: Vec<String> = shown
                .iter()
                .map(|(c, n, s, o)| match o {
                    Some(o) => format!("{c} “{n}” (standard “{s}”; “{n}” is {o})"),
                    None => format!("{c} “{n}” (standard “{s}”)"),
                })
                .collect();
            let more = if bad.len() > shown.len() {
                format!(" 等 {} 个", bad.len())
            } else {
                String::new()
            };
            let mut fi = Finding::new(
                CODE,
                line,
                Message::new(
                    format!(
                        "{} 经济分类 {class} 类下的款编码与名称不符合经济分类科目：{}{more}",
                        t.label,
                        zh.join("；")
                    ),
                    format!(
                        "{}: economic class {class} prints its 款 codes with names of other codes: {}{}",
                        t.label,
                        en.join("; "),
                        if bad.len() > shown.len() {
                            format!(" ({} in all)", bad.len())
                        } else {
                            String::new()
                        }
                    ),
                ),
            );
            fi.table = Some(t.label.clone());
            fi.expected = Some(
                shown
                    .iter()
                    .map(|(c, _, s, _)| format!("{c} {s}"))
                    .collect::<Vec<_>>()
                    .join("、"),
            );
            fi.actual = Some(
                shown
                    .iter()
                    .map(|(c, n, _, _)| format!("{c} {n}"))
                    .collect::<Vec<_>>()
                    .join("、"),
            );
            fi.related_lines = t
                .rows
                .iter()
                .filter(|r| {
                    matches!(&r.code, Some(Code::Economic(e)) if bad.iter().any(|b| b.0 == e.to_string()))
                })
                .map(|r| r.line)
                .filter(|l| *l != line)
                .take(6)
                .collect();
            out.push(fi);
        }
    }
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    economic_names(doc, out);
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
