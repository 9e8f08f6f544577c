//! The national classification (政府收支分类科目): the standard name of each function code
//! (支出功能分类 类/款/项) and economic code (部门预算支出经济分类 类/款), and the names that were
//! replaced in earlier years. Domain data, not sample data: `rules/classification.toml`,
//! embedded at build time. A code the file does not list is unknown, never wrong.

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;

const BUILTIN: &str = include_str!("../../rules/classification.toml");

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    function: Vec<Entry>,
    #[serde(default)]
    economic: Vec<Entry>,
    #[serde(default)]
    renamed: Vec<Renamed>,
}

#[derive(Deserialize)]
struct Entry {
    code: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A name replaced by another in the classification of year `since`.
#[derive(Debug, Clone, Deserialize)]
pub struct Renamed {
    pub code: String,
    pub old: String,
    pub new: String,
    pub since: i32,
}

/// The classification: code (digits only, "2010301" / "30101") → standard names (current
/// first, then accepted variants and earlier names).
pub struct Classification {
    names: HashMap<String, Vec<String>>,
    renamed: Vec<Renamed>,
}

fn digits(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_digit()).collect()
}

impl Classification {
    fn parse(text: &str) -> Result<Classification, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut names: HashMap<String, Vec<String>> = HashMap::new();
        for e in f.function.into_iter().chain(f.economic) {
            let v = names.entry(digits(&e.code)).or_default();
            v.push(e.name);
            v.extend(e.aliases);
        }
        for r in &f.renamed {
            names
                .entry(digits(&r.code))
                .or_default()
                .push(r.old.clone());
        }
        Ok(Classification {
            names,
            renamed: f.renamed,
        })
    }

    /// The standard names of a code (current first), when the classification lists it.
    pub fn names(&self, code: &str) -> Option<&[String]> {
        self.names.get(&digits(code)).map(Vec::as_slice)
    }

    /// The current name of a code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names(code).and_then(|n| n.first()).map(String::as_str)
    }

    /// The renames whose old name this is (any code).
    pub fn renamed_from<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Renamed> + 'a {
        self.renamed.iter().filter(move |r| same_name(&r.old, name))
    }

    /// The rename of `code` whose old name this is, if any.
    pub fn renamed(&self, code: &str, name: &str) -> Option<&Renamed> {
        let d = digits(code);
        self.renamed
            .iter()
            .find(|r| digits(&r.code) == d && same_name(&r.old, name))
    }
}

/// The embedded classification (empty if it failed to load: tested to load).
pub fn classification() -> &'static Classification {
    static C: Lazy<Classification> = Lazy::new(|| {
        Classification::parse(BUILTIN).unwrap_or(Classification {
            names: HashMap::new(),
            renamed: Vec::new(),
        })
    });
    &C
}

/// Names compared as printed, with bracket widths and spaces ignored.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '(' => '（',
                ')' => '）',
                _ => c,
            })
            .collect()
    };
    norm(a) == norm(b)
}

/// The function classes (类) and their names, current first.
fn classes() -> impl Iterator<Item = (&'static str, &'static [String])> {
    static CLASSES: Lazy<Vec<(String, Vec<String>)>> = Lazy::new(|| {
        let mut v: Vec<(String, Vec<String>)> = classification()
            .names
            .iter()
            .filter(|(c, _)| c.len() == 3 && c.starts_with('2'))
            .map(|(c, n)| (c.clone(), n.clone()))
            .collect();
        v.sort();
        v
    });
    CLASSES.iter().map(|(c, n)| (c.as_str(), n.as_slice()))
}

/// The class code whose standard name this (possibly truncated) label is.
pub fn class_of_name(label: &str) -> Option<&'static str> {
    let l = strip_numbering(label);
    if l.chars().count() < 4 {
        return None;
    }
    classes()
        .find(|(_, names)| {
            names.iter().any(|n| {
                same_name(n, &l)
                    || (n.starts_with(l.as_str()) && l.chars().count() >= 6 && l.contains('支'))
            })
        })
        .map(|(c, _)| c)
}

/// Is this a function class of the classification?
pub fn is_class(code: &str) -> bool {
    classes().any(|(c, _)| c == code)
}

/// The standard names of a class.
pub fn names_of(code: &str) -> Option<&'static [String]> {
    classes().find(|(c, _)| *c == code).map(|(_, n)| n)
}

/// A label without its "一、" / "1." numbering.
pub fn strip_numbering(label: &str) -> String {
    static NUM: Lazy<Regex> =
        Lazy::new(|| crate::static_regex(r"^([一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])"));
    NUM.replace(label, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_classification_loads() {
        let c = Classification::parse(BUILTIN).unwrap();
        assert_eq!(c.name("210"), Some("卫生健康支出"));
        assert_eq!(c.name("201 03 01"), Some("行政运行"));
        assert_eq!(c.name("30108"), Some("机关事业单位基本养老保险缴费"));
        assert!(c.renamed("210", "医疗卫生与计划生育支出").is_some());
        assert!(c.names.len() > 900);
    }

    #[test]
    fn class_names() {
        assert_eq!(class_of_name("一、一般公共服务支出"), Some("201"));
        assert_eq!(class_of_name("文化旅游体育与传媒支"), Some("207"));
        assert_eq!(class_of_name("医疗卫生与计划生育支出"), Some("210"));
        assert_eq!(class_of_name("财政拨款收入"), None);
        assert!(is_class("234"));
        assert!(!is_class("218"));
    }
}
