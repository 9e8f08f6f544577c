//! Settings of `budgetlint check`: the built-in defaults, a `budgetlint.toml` found from the
//! checked path upwards (or named with `--config`), then the command line, each overriding the
//! one before. `budgetlint check --show-settings` prints the result.

use crate::rules::{Catalogue, Lang, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file searched for.
pub const CONFIG_NAME: &str = "budgetlint.toml";

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Junit,
    Github,
    Csv,
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// When to colour the text report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum, Default)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// A severity override of `--severity CODE=LEVEL`: a new severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Override {
    Set(Severity),
    Off,
}

impl Override {
    pub fn parse(s: &str) -> Option<Override> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Override::Set(Severity::Error)),
            "warning" | "warn" => Some(Override::Set(Severity::Warning)),
            "info" => Some(Override::Set(Severity::Info)),
            "off" | "none" => Some(Override::Off),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Override::Set(s) => s.name(),
            Override::Off => "off",
        }
    }
}

/// Parse a severity name (`error`, `warning`, `info`).
pub fn parse_severity(s: &str) -> Option<Severity> {
    match Override::parse(s) {
        Some(Override::Set(s)) => Some(s),
        _ => None,
    }
}

/// The effective settings of one `check` run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The configuration file that was read, if any.
    pub config_file: Option<PathBuf>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub lang: Lang,
    pub fail_on: Severity,
    pub exit_zero: bool,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity overrides by code or prefix (the longest matching prefix wins).
    pub severity: BTreeMap<String, Override>,
    pub statistics: bool,
    /// List every unverified claim (N190) in the text report instead of one line per file.
    pub show_unverified: bool,
    /// A rule catalogue that replaces the built-in one.
    pub rules_dir: Option<PathBuf>,
    /// Rule files added to the catalogue.
    pub extra_rules: Vec<PathBuf>,
    /// Globs a file found in a folder must match (default: *.txt and *.pdf).
    pub glob: Vec<String>,
    /// Globs of files and folders to skip.
    pub exclude: Vec<String>,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    pub baseline: Option<PathBuf>,
    pub color: ColorChoice,
    pub quiet: bool,
    /// Only the per-file summary (one row per file), not the findings.
    pub summary_only: bool,
    /// Files larger than this many bytes are refused without being read (`--max-size`).
    pub max_size: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config_file: None,
            format: Format::Text,
            output: None,
            lang: Lang::Zh,
            fail_on: Severity::Error,
            exit_zero: false,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            statistics: false,
            show_unverified: false,
            rules_dir: None,
            extra_rules: Vec::new(),
            glob: Vec::new(),
            exclude: Vec::new(),
            jobs: 0,
            baseline: None,
            color: ColorChoice::Auto,
            quiet: false,
            summary_only: false,
            max_size: crate::DEFAULT_MAX_BYTES,
        }
    }
}

/// The contents of `budgetlint.toml`. Paths are relative to the file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    pub format: Option<Format>,
    pub lang: Option<String>,
    pub fail_on: Option<String>,
    pub exit_zero: Option<bool>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub severity: Option<BTreeMap<String, String>>,
    pub statistics: Option<bool>,
    pub show_unverified: Option<bool>,
    pub rules: Option<PathBuf>,
    pub extra_rules: Option<Vec<PathBuf>>,
    pub glob: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub jobs: Option<usize>,
    pub baseline: Option<PathBuf>,
    pub color: Option<ColorChoice>,
    /// `max-size = "64M"` or a number of bytes.
    pub max_size: Option<SizeValue>,
}

/// A size in `budgetlint.toml`: a number of bytes or a string such as "64M".
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum SizeValue {
    Bytes(u64),
    Text(String),
}

/// Parse a size: a number of bytes, or a number with a unit K, M or G (1024-based, case-
/// insensitive, optionally followed by B or iB): "64M", "200K", "1G", "1048576", "64MiB".
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (num, unit) = t.split_at(digits);
    let bad = || {
        format!(
            "无效的大小 (invalid size) '{text}'：应为字节数或带单位 K、M、G 的数，如 64M、200K \
             (a number of bytes, or a number with K, M or G, e.g. 64M, 200K)"
        )
    };
    let n: u64 = num.parse().map_err(|_| bad())?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(bad()),
    };
    let bytes = n.checked_mul(1u64 << shift).ok_or_else(bad)?;
    if bytes == 0 {
        return Err(format!(
            "无效的大小 (invalid size) '{text}'：必须大于 0 (must be more than 0)"
        ));
    }
    Ok(bytes)
}

/// A size for people: "64 MiB", "200 KiB", "1.5 MiB", "512 B".
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(u32, &str); 3] = [(30, "GiB"), (20, "MiB"), (10, "KiB")];
    for (shift, name) in UNITS {
        let unit = 1u64 << shift;
        if bytes >= unit {
            return if bytes.is_multiple_of(unit) {
                format!("{} {name}", bytes / unit)
            } else {
                // Display only: one decimal is enough to compare with the limit.
                format!("{:.1} {name}", bytes as f64 / unit as f64)
            };
        }
    }
    format!("{bytes} B")
}

/// A size as `parse_size` reads it back: "64M", "200K", or plain bytes.
pub fn size_setting(bytes: u64) -> String {
    for (shift, name) in [(30, "G"), (20, "M"), (10, "K")] {
        let unit = 1u64 << shift;
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{}{name}", bytes / unit);
        }
    }
    bytes.to_string()
}

/// Find `budgetlint.toml` from `start` (a file or folder) upwards.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = if start.is_absolute() {
        start.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(start)
    };
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let c = d.join(CONFIG_NAME);
        if c.is_file() {
            return Some(c);
        }
        dir = d.parent();
    }
    None
}

/// Normalize rule codes: trimmed, upper case, empty ones dropped.
pub fn clean_codes(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parse `CODE=LEVEL` pairs of `--severity`.
pub fn parse_overrides(pairs: &[String]) -> Result<BTreeMap<String, Override>, String> {
    let mut out = BTreeMap::new();
    for p in pairs {
        let Some((code, level)) = p.split_once('=') else {
            return Err(format!(
                "--severity 需要 CODE=LEVEL 形式 (expects CODE=LEVEL): {p}"
            ));
        };
        let Some(o) = Override::parse(level) else {
            return Err(format!(
                "未知的严重程度 (unknown severity) '{level}'：应为 error、warning、info 或 off"
            ));
        };
        out.insert(code.trim().to_ascii_uppercase(), o);
    }
    Ok(out)
}

impl Settings {
    /// Apply a configuration file read from `path`.
    pub fn apply_file(&mut self, path: &Path) -> Result<(), String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{}: 无法读取配置文件 (cannot read config file): {e}",
                path.display()
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let fc: FileConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::rules::catalogue::line_of(text, s.start))
                .unwrap_or(1);
            format!(
                "{}:{line}: 配置文件有误 (bad config file): {}",
                path.display(),
                e.message().trim()
            )
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let rel = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        let bad = |what: &str, v: &str| {
            format!(
                "{}: {what} 的值无效 (invalid value for {what}): {v}",
                path.display()
            )
        };
        self.config_file = Some(path.to_path_buf());
        if let Some(f) = fc.format {
            self.format = f;
        }
        if let Some(l) = fc.lang {
            self.lang = match l.as_str() {
                "zh" => Lang::Zh,
                "en" => Lang::En,
                _ => return Err(bad("lang", &l)),
            };
        }
        if let Some(f) = fc.fail_on {
            self.fail_on = parse_severity(&f).ok_or_else(|| bad("fail-on", &f))?;
        }
        if let Some(b) = fc.exit_zero {
            self.exit_zero = b;
        }
        if let Some(s) = fc.select {
            self.select = clean_codes(&s);
        }
        if let Some(s) = fc.ignore {
            self.ignore = clean_codes(&s);
        }
        if let Some(m) = fc.severity {
            for (k, v) in m {
                let o = Override::parse(&v).ok_or_else(|| bad(&format!("severity.{k}"), &v))?;
                self.severity.insert(k.trim().to_ascii_uppercase(), o);
            }
        }
        if let Some(b) = fc.show_unverified {
            self.show_unverified = b;
        }
        if let Some(b) = fc.statistics {
            self.statistics = b;
        }
        if let Some(r) = fc.rules {
            self.rules_dir = Some(rel(r));
        }
        if let Some(v) = fc.extra_rules {
            self.extra_rules = v.into_iter().map(rel).collect();
        }
        if let Some(v) = fc.glob {
            self.glob = v;
        }
        if let Some(v) = fc.exclude {
            self.exclude = v;
        }
        if let Some(j) = fc.jobs {
            self.jobs = j;
        }
        if let Some(b) = fc.baseline {
            self.baseline = Some(rel(b));
        }
        if let Some(c) = fc.color {
            self.color = c;
        }
        if let Some(m) = fc.max_size {
            self.max_size = match m {
                SizeValue::Bytes(0) => return Err(bad("max-size", "0")),
                SizeValue::Bytes(n) => n,
                SizeValue::Text(t) => parse_size(&t).map_err(|_| bad("max-size", &t))?,
            };
        }
        Ok(())
    }

    /// The severity override for a code: the longest matching prefix.
    pub fn override_for(&self, code: &str) -> Option<Override> {
        self.severity
            .iter()
            .filter(|(k, _)| code.starts_with(k.as_str()) || k.as_str() == "ALL")
            .max_by_key(|(k, _)| if k.as_str() == "ALL" { 0 } else { k.len() })
            .map(|(_, v)| *v)
    }

    /// The rule catalogue: built-in or `rules`, plus `extra-rules`.
    pub fn catalogue(&self) -> Result<Catalogue, String> {
        let mut c = match &self.rules_dir {
            Some(d) => Catalogue::load_dir(d).map_err(|e| e.to_string())?,
            None => Catalogue::builtin().map_err(|e| e.to_string())?,
        };
        for f in &self.extra_rules {
            let text = std::fs::read_to_string(f).map_err(|e| {
                format!(
                    "{}: 无法读取规则文件 (cannot read rules file): {e}",
                    f.display()
                )
            })?;
            c.add_file(&f.display().to_string(), &text)
                .map_err(|e| e.to_string())?;
        }
        Ok(c)
    }

    /// Check that every code named in select/ignore/severity exists in the catalogue.
    pub fn validate_codes(&self, cat: &Catalogue) -> Result<(), String> {
        let codes = self
            .select
            .iter()
            .chain(self.ignore.iter())
            .chain(self.severity.keys());
        for code in codes {
            if !code.eq_ignore_ascii_case("ALL")
                && !cat.entries.keys().any(|k| k.starts_with(code.as_str()))
            {
                return Err(format!(
                    "未知的规则代码 (unknown rule code): {code}（`budgetlint rules` 列出所有规则 lists all rules）"
                ));
            }
        }
        Ok(())
    }

    /// The effective settings as TOML (what `--show-settings` prints).
    pub fn show(&self) -> String {
        fn list(v: &[String]) -> String {
            let items: Vec<String> = v.iter().map(|s| toml_str(s)).collect();
            format!("[{}]", items.join(", "))
        }
        fn path(p: &Option<PathBuf>) -> String {
            match p {
                Some(p) => toml_str(&p.display().to_string()),
                None => "\"\"".into(),
            }
        }
        let mut s = String::new();
        s.push_str(&format!(
            "# 配置文件 config file: {}\n",
            self.config_file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "（无 none）".into())
        ));
        s.push_str(&format!("format = {}\n", toml_str(self.format.name())));
        s.push_str(&format!("output = {}\n", path(&self.output)));
        s.push_str(&format!(
            "lang = \"{}\"\n",
            if self.lang == Lang::En { "en" } else { "zh" }
        ));
        s.push_str(&format!("fail-on = \"{}\"\n", self.fail_on.name()));
        s.push_str(&format!("exit-zero = {}\n", self.exit_zero));
        s.push_str(&format!("select = {}\n", list(&self.select)));
        s.push_str(&format!("ignore = {}\n", list(&self.ignore)));
        s.push_str(&format!("statistics = {}\n", self.statistics));
        s.push_str(&format!("show-unverified = {}\n", self.show_unverified));
        s.push_str(&format!("rules = {}\n", path(&self.rules_dir)));
        let extra: Vec<String> = self
            .extra_rules
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        s.push_str(&format!("extra-rules = {}\n", list(&extra)));
        s.push_str(&format!("glob = {}\n", list(&self.glob)));
        s.push_str(&format!("exclude = {}\n", list(&self.exclude)));
        s.push_str(&format!("jobs = {}\n", self.jobs));
        s.push_str(&format!("baseline = {}\n", path(&self.baseline)));
        s.push_str(&format!(
            "color = \"{}\"\n",
            match self.color {
                ColorChoice::Auto => "auto",
                ColorChoice::Always => "always",
                ColorChoice::Never => "never",
            }
        ));
        s.push_str(&format!(
            "max-size = {}\n",
            toml_str(&size_setting(self.max_size))
        ));
        s.push_str("\n[severity]\n");
        for (k, v) in &self.severity {
            s.push_str(&format!("{k} = \"{}\"\n", v.name()));
        }
        s
    }
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if c.is_control() => o.push_str(&format!("\\u{:04X}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("200K"), Ok(200 << 10));
        assert_eq!(parse_size(" 1g "), Ok(1 << 30));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("10b"), Ok(10));
        for bad in ["", "M", "0", "1.5M", "12Q", "-1", "99999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(format_size(64 << 20), "64 MiB");
        assert_eq!(format_size(1536 << 10), "1.5 MiB");
        assert_eq!(format_size(512), "512 B");
        assert_eq!(size_setting(64 << 20), "64M");
        assert_eq!(size_setting(1000), "1000");
    }
}
