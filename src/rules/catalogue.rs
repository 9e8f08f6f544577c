//! The rule catalogue as data: `rules/*.toml` at the top of the repository.
//!
//! Each file holds `[[rule]]` entries:
//!
//! ```toml
//! [[rule]]
//! id = "X201"                 # stable code
//! severity = "error"          # error | warning | info
//! title_zh = "…"
//! title_en = "…"
//! explanation_zh = "…"        # what it checks, why it matters
//! explanation_en = "…"
//! example = "…"               # optional: a worked example
//! formula = "general_expense.total.basic = basic_economic.total.total"   # identities only
//! when = "basic_economic.scope == general_budget"                         # optional condition
//! ```
//!
//! The catalogue is embedded in the binary ([`Catalogue::builtin`]); `--rules DIR` loads a
//! custom set instead ([`Catalogue::load_dir`]). Entries with a `formula` are identities run by
//! the evaluator ([`super::eval`]); the others name rules written in Rust
//! ([`super::registry`]) or narrative checks.

use super::formula::{self, Condition, Identity};
use super::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use thiserror::Error;

/// The catalogue files embedded in the binary, in load order.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("rules/tables.toml", include_str!("../../rules/tables.toml")),
    (
        "rules/identities.toml",
        include_str!("../../rules/identities.toml"),
    ),
    (
        "rules/narrative.toml",
        include_str!("../../rules/narrative.toml"),
    ),
    ("rules/text.toml", include_str!("../../rules/text.toml")),
    (
        "rules/previous.toml",
        include_str!("../../rules/previous.toml"),
    ),
];

/// Why a catalogue could not be loaded. Always names the file (and line when known).
#[derive(Debug, Error)]
pub enum CatalogueError {
    #[error("{file}:{line}: 规则文件格式错误 (malformed rules file): {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}:{line}: 规则 {id} 的公式有误 (bad formula in rule {id}), 第 {col} 个字符 (at char {col}): {message}")]
    Formula {
        file: String,
        line: usize,
        id: String,
        col: usize,
        message: String,
    },
    #[error(
        "{file}: 规则编号重复 (duplicate rule id) {id}（首次出现于 first defined in {first}）"
    )]
    Duplicate {
        file: String,
        id: String,
        first: String,
    },
    #[error("{path}: 无法读取规则目录或文件 (cannot read rules): {message}")]
    Io { path: String, message: String },
    #[error("{path}: 没有找到 [[rule]] 规则条目 (no [[rule]] entry in *.toml)")]
    NoFiles { path: String },
}

/// A rules file: `[[rule]]` entries. Other top-level tables are other data that may share the
/// folder (`rules/table_kinds.toml` of the table parser) and are ignored.
#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<RawEntry>>,
    /// A common typo for `[[rule]]`.
    #[serde(default)]
    rules: Option<toml::Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    severity: Severity,
    title_zh: String,
    title_en: String,
    explanation_zh: String,
    explanation_en: String,
    #[serde(default)]
    example: Option<String>,
    #[serde(default)]
    formula: Option<toml::Spanned<String>>,
    #[serde(default)]
    when: Option<toml::Spanned<String>>,
}

/// One catalogue entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub severity: Severity,
    pub title_zh: String,
    pub title_en: String,
    pub explanation_zh: String,
    pub explanation_en: String,
    pub example: Option<String>,
    /// The identity as written (for identities).
    pub formula: Option<String>,
    pub identity: Option<Identity>,
    /// The condition as written, if any.
    pub when: Option<String>,
    pub condition: Option<Condition>,
    /// File (and line) the entry came from.
    pub source: String,
}

impl Entry {
    pub fn title(&self, lang: crate::rules::Lang) -> &str {
        match lang {
            crate::rules::Lang::Zh => &self.title_zh,
            crate::rules::Lang::En => &self.title_en,
        }
    }

    pub fn explanation(&self, lang: crate::rules::Lang) -> &str {
        match lang {
            crate::rules::Lang::Zh => &self.explanation_zh,
            crate::rules::Lang::En => &self.explanation_en,
        }
    }
}

/// All entries, keyed by id (sorted).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub entries: BTreeMap<String, Entry>,
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .iter()
        .take(end)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Catalogue {
    /// The catalogue embedded in the binary.
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        let mut c = Catalogue::default();
        for (name, text) in BUILTIN_FILES {
            c.add_file(name, text)?;
        }
        Ok(c)
    }

    /// Load every `*.toml` file of a directory (sorted by name), or a single file.
    pub fn load_dir(dir: &Path) -> Result<Catalogue, CatalogueError> {
        let io = |e: std::io::Error| CatalogueError::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut files = Vec::new();
        if dir.is_file() {
            files.push(dir.to_path_buf());
        } else {
            for e in std::fs::read_dir(dir).map_err(io)? {
                let p = e.map_err(io)?.path();
                if p.extension().is_some_and(|x| x == "toml") {
                    files.push(p);
                }
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(CatalogueError::NoFiles {
                path: dir.display().to_string(),
            });
        }
        let mut c = Catalogue::default();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| CatalogueError::Io {
                path: f.display().to_string(),
                message: e.to_string(),
            })?;
            c.add_file(&f.display().to_string(), &text)?;
        }
        if c.entries.is_empty() {
            return Err(CatalogueError::NoFiles {
                path: dir.display().to_string(),
            });
        }
        Ok(c)
    }

    /// Parse one rules file and add its entries.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<(), CatalogueError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawFile = toml::from_str(text).map_err(|e| CatalogueError::Syntax {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
            message: e.message().trim().to_string(),
        })?;
        if let Some(r) = &raw.rules {
            return Err(CatalogueError::Syntax {
                file: file.to_string(),
                line: line_of(text, r.span().start),
                message: "'rules' is not a catalogue table: write [[rule]]".into(),
            });
        }
        for spanned in raw.rule {
            let entry_line = line_of(text, spanned.span().start);
            let r = spanned.into_inner();
            let bad_formula = |line: usize, e: formula::ParseError| CatalogueError::Formula {
                file: file.to_string(),
                line,
                id: r.id.clone(),
                col: e.pos + 1,
                message: e.message,
            };
            let (formula, identity) = match &r.formula {
                Some(f) => {
                    let id = formula::parse_identity(f.get_ref())
                        .map_err(|e| bad_formula(line_of(text, f.span().start), e))?;
                    (Some(f.get_ref().clone()), Some(id))
                }
                None => (None, None),
            };
            let (when, condition) = match &r.when {
                Some(w) => {
                    let c = formula::parse_condition(w.get_ref())
                        .map_err(|e| bad_formula(line_of(text, w.span().start), e))?;
                    (Some(w.get_ref().clone()), Some(c))
                }
                None => (None, None),
            };
            let bad = |message: String| CatalogueError::Syntax {
                file: file.to_string(),
                line: entry_line,
                message,
            };
            if r.id.is_empty() || !r.id.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(bad(format!(
                    "rule id '{}' must be letters and digits, such as X201",
                    r.id
                )));
            }
            if r.when.is_some() && r.formula.is_none() {
                return Err(bad(format!(
                    "rule {}: 'when' applies to a formula, but the rule has none",
                    r.id
                )));
            }
            let source = format!("{file}:{entry_line}");
            if let Some(prev) = self.entries.get(&r.id) {
                return Err(CatalogueError::Duplicate {
                    file: source,
                    id: r.id.clone(),
                    first: prev.source.clone(),
                });
            }
            self.entries.insert(
                r.id.clone(),
                Entry {
                    id: r.id,
                    severity: r.severity,
                    title_zh: r.title_zh,
                    title_en: r.title_en,
                    explanation_zh: r.explanation_zh,
                    explanation_en: r.explanation_en,
                    example: r.example,
                    formula,
                    identity,
                    when,
                    condition,
                    source,
                },
            );
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// The entries that are identities (have a formula).
    pub fn identities(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().filter(|e| e.identity.is_some())
    }
}
