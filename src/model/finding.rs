//! What a rule reports: a [`Finding`] with its [`Severity`] and a bilingual [`Message`].
//!
//! It lives in the model, the contract every stage shares, so that the table rules and the
//! narrative rules (both in [`crate::rules`]) and the renderers use one type without any stage
//! importing a later one.

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A message in the auditors' language and in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// One finding: which rule, where, expected vs actual and by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// 1-based line of the figure found wrong.
    pub line: usize,
    /// Lines of the other figures of the identity.
    pub related_lines: Vec<usize>,
    /// Table label ("表三"), when the finding concerns a table.
    pub table: Option<String>,
    /// Row label (code and name, or project), without line numbers.
    pub row: Option<String>,
    /// Column header.
    pub column: Option<String>,
    pub message: Message,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    /// The rounding tolerance applied.
    pub tolerance: Option<String>,
    /// The identity that was applied, as written in the catalogue.
    pub identity: Option<String>,
    /// 0-based character column of the figure in its line, and its width, for underlining.
    pub col: Option<usize>,
    pub width: usize,
    /// The PDF page of `line` ("第 7 页"), when the text carries page breaks.
    pub page: Option<u32>,
    /// For a cross-document finding (P1xx): the other document's figure it was compared with
    /// (last year's, or the budget of a 决算).
    pub previous: Option<PreviousRef>,
}

/// Where last year's document states the figure a cross-year finding compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviousRef {
    /// Last year's file, as given.
    pub path: String,
    /// 1-based line of last year's figure.
    pub line: usize,
    /// The figure as compared (万元).
    pub value: String,
    /// That line's text, quoted in the report.
    pub text: String,
    /// The other document is the same year's budget of a 决算 (`--budget`), not last year's.
    pub budget: bool,
}

impl Finding {
    /// A finding of `rule` at `line` with severity to be taken from the catalogue.
    pub fn new(rule: &str, line: usize, message: Message) -> Self {
        Finding {
            rule: rule.to_string(),
            severity: Severity::Error,
            line,
            related_lines: Vec::new(),
            table: None,
            row: None,
            column: None,
            message,
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            identity: None,
            col: None,
            width: 0,
            page: None,
            previous: None,
        }
    }
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

/// The language of user-facing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (default).
    #[default]
    Zh,
    En,
}

impl Message {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
