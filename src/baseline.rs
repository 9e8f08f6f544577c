//! Baselines: record today's findings (`--write-baseline FILE`) and report only new ones
//! later (`--baseline FILE`).
//!
//! An entry is keyed by file, rule, table, row label, column and the message with its digits
//! blanked out, never by line numbers, so editing an unrelated paragraph (which moves every
//! line) does not break it. Entries are counted: two identical findings need two entries.
//! Entries of a checked file that no finding matched any more are *stale* and reported.

use crate::rules::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Path of the file, relative to the baseline's folder when it lies under it.
    pub file: String,
    pub rule: String,
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub row: Option<String>,
    #[serde(default)]
    pub column: Option<String>,
    /// The Chinese message with every run of digits replaced by `#`.
    pub signature: String,
    /// How many identical findings this entry covers.
    #[serde(default = "one")]
    pub count: usize,
    /// The message when recorded, for people reading the file (not part of the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

fn one() -> usize {
    1
}

/// The key of an entry (everything but count and message).
type Key = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

impl Entry {
    fn key(&self) -> Key {
        (
            self.file.clone(),
            self.rule.clone(),
            self.table.clone(),
            self.row.clone(),
            self.column.clone(),
            self.signature.clone(),
        )
    }
}

/// The baseline file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
    /// Folder the file paths are relative to (the baseline's folder); not stored.
    #[serde(skip)]
    pub base: PathBuf,
}

/// Blank out digits: "表五 合计 1302.62 ≠ 1459.62" → "表五 合计 #.# ≠ #.#".
pub fn signature(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_digits = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out
}

/// The folder a baseline file's paths are relative to.
pub fn base_of(baseline_file: &Path) -> PathBuf {
    let parent = match baseline_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::canonicalize(&parent).unwrap_or(parent)
}

/// The key path of a checked file: relative to `base` when under it, with `/` separators.
pub fn file_key(file: &Path, base: &Path) -> String {
    let shown = match std::fs::canonicalize(file) {
        Ok(abs) => match abs.strip_prefix(base) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => file.to_path_buf(),
        },
        Err(_) => file.to_path_buf(),
    };
    let s = shown.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The entry a finding of `file` would be recorded as.
pub fn entry_of(file: &str, f: &Finding) -> Entry {
    Entry {
        file: file.to_string(),
        rule: f.rule.clone(),
        table: f.table.clone(),
        row: f.row.clone(),
        column: f.column.clone(),
        signature: signature(&f.message.zh),
        count: 1,
        message: Some(f.message.zh.clone()),
    }
}

/// Collects entries while checking (for `--write-baseline`), merging identical keys.
#[derive(Debug, Default)]
pub struct Recorder {
    entries: BTreeMap<Key, Entry>,
}

impl Recorder {
    pub fn add(&mut self, file: &str, findings: &[Finding]) {
        for f in findings {
            let e = entry_of(file, f);
            self.entries
                .entry(e.key())
                .and_modify(|x| x.count += 1)
                .or_insert(e);
        }
    }

    pub fn into_baseline(self) -> Baseline {
        Baseline {
            version: 1,
            entries: self.entries.into_values().collect(),
            base: PathBuf::new(),
        }
    }
}

impl Baseline {
    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{}: 无法读取基线文件 (cannot read baseline): {e}",
                path.display()
            )
        })?;
        let mut b: Baseline = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: 基线文件格式有误 (bad baseline file): {e}",
                path.display()
            )
        })?;
        b.base = base_of(path);
        Ok(b)
    }

    /// Write a baseline file (pretty JSON, entries sorted).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, format!("{text}\n")).map_err(|e| {
            format!(
                "{}: 无法写入基线文件 (cannot write baseline): {e}",
                path.display()
            )
        })
    }

    /// The entries of one file, by key with their counts.
    pub fn for_file(&self, file: &str) -> FileBaseline {
        let mut remaining: BTreeMap<Key, (usize, Entry)> = BTreeMap::new();
        for e in self.entries.iter().filter(|e| e.file == file) {
            let slot = remaining.entry(e.key()).or_insert((0, e.clone()));
            slot.0 += e.count;
        }
        FileBaseline { remaining }
    }
}

/// The baseline entries of one file, consumed as findings match them.
#[derive(Debug, Default)]
pub struct FileBaseline {
    remaining: BTreeMap<Key, (usize, Entry)>,
}

impl FileBaseline {
    /// Keep only the findings the baseline does not cover; returns how many were dropped.
    pub fn filter(&mut self, file: &str, findings: &mut Vec<Finding>) -> usize {
        let before = findings.len();
        findings.retain(|f| {
            let k = entry_of(file, f).key();
            match self.remaining.get_mut(&k) {
                Some((n, _)) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - findings.len()
    }

    /// Entries no finding matched (stale), with the number left over.
    pub fn stale(self) -> Vec<Entry> {
        self.remaining
            .into_values()
            .filter(|(n, _)| *n > 0)
            .map(|(n, mut e)| {
                e.count = n;
                e
            })
            .collect()
    }
}
