//! The `budgetlint` command line: a thin layer over the library.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

/// The pipeline makes many small strings (cells, names, messages); mimalloc serves them at
/// about half the cost of the system allocator (bench/run.sh, CPU per document).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use budgetlint::baseline::{self, Baseline, Recorder};
use budgetlint::batch::{self, Filter, Target};
use budgetlint::config::{self, ColorChoice, Format, Override, Settings};
use budgetlint::model::Document;
use budgetlint::render::{self, FileReport, FileRow, JunitSuite, Style};
use budgetlint::rules::{self, Catalogue, Finding, Lang, Selection, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "budgetlint",
    version,
    about = "部门预算公开文件校验工具 (validator for Chinese department budget disclosures)"
)]
struct Cli {
    /// 消息语言，默认中文 (language of messages; Chinese by default).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// 使用此目录中的规则目录（*.toml）代替内置规则 (use the rule catalogue in DIR instead of the built-in one).
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SimpleFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 要检查的文件或目录 (files or folders to check).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 输出格式 (output format) [默认 default: text]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// 写入文件而不是标准输出 (write the report to FILE instead of standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// 达到此严重程度的问题使退出码为 1 (findings at or above this severity make the exit code 1) [默认 default: error]
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// 有问题时也以 0 退出（无法读取的文件仍为 2）(exit 0 even with findings; unreadable files still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// 只运行这些规则（代码或前缀，逗号分隔）(run only these codes or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Option<Vec<String>>,
    /// 不运行这些规则 (skip these codes or prefixes).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Option<Vec<String>>,
    /// 改变规则的严重程度，如 X311=error，off 关闭 (override a rule's severity: CODE=error|warning|info|off).
    #[arg(long, value_delimiter = ',', value_name = "CODE=LEVEL")]
    severity: Vec<String>,
    /// 按规则统计问题数 (count findings per rule).
    #[arg(long)]
    statistics: bool,
    /// 在文本报告中逐条列出未能核实的说明（N190），而不是每个文件一行汇总 (list every unverified claim, N190, in the text report instead of one summary line per file).
    #[arg(long)]
    show_unverified: bool,
    /// 使用此配置文件，不再查找 budgetlint.toml (use this config file instead of searching for budgetlint.toml).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// 不读取任何配置文件 (read no config file).
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// 打印生效的设置后退出 (print the effective settings and exit).
    #[arg(long)]
    show_settings: bool,
    /// 只报告基线文件中没有的问题 (report only findings not in this baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// 把当前的问题写入基线文件 (record the current findings in FILE).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// 目录中只检查匹配的文件（可重复；默认 *.txt、*.pdf）(in folders, check only files matching GLOB; repeatable).
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// 跳过匹配的文件和目录（可重复）(skip files and folders matching GLOB; repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// 并行线程数，默认每核一个 (worker threads; default one per core).
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// 不显示进度条和提示 (no progress bar or notes on stderr).
    #[arg(short = 'q', long)]
    quiet: bool,
    /// 颜色 (colour of the text report) [默认 default: auto]
    #[arg(long, value_enum)]
    color: Option<ColorChoice>,
    /// 只输出每个文件一行的汇总（text、csv、json）(only the per-file summary: one row per file).
    #[arg(long)]
    summary: bool,
    /// 超过此大小的文件不读取，如 64M、200K 或字节数 (refuse files larger than SIZE without reading them: 64M, 200K, bytes) [默认 default: 64M]
    #[arg(long, value_name = "SIZE", value_parser = config::parse_size)]
    max_size: Option<u64>,
    /// 上年同一部门的文件：核对本年重述的上年数（P1xx）(last year's document of the same department: check the restated prior figures, P1xx).
    #[arg(long, value_name = "FILE", conflicts_with = "pair_years")]
    previous: Option<PathBuf>,
    /// 决算文件的同年预算：核对决算中的年初预算数（P102）(the same year's budget of a 决算: check its 年初预算 figures, P102).
    #[arg(long, value_name = "FILE", conflicts_with = "pair_years")]
    budget: Option<PathBuf>,
    /// 在目录中配对同一部门相邻年度的文件、决算与同年预算，逐对核对 (pair a folder's documents of one department one year apart, and each 决算 with its year's 预算, and check each pair).
    #[arg(long)]
    pair_years: bool,
}

#[derive(Subcommand)]
enum Command {
    /// 校验文件或目录（递归查找 *.txt、*.pdf）(check files, or folders searched recursively).
    Check(Box<CheckArgs>),
    /// 列出所有规则 (list all rules).
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: SimpleFormat,
    },
    /// 显示一条规则的完整说明 (print the full entry of one rule).
    Explain {
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// 输出每个文件提取出的模型 (print the extracted model of each file).
    Extract {
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: SimpleFormat,
        /// 超过此大小的文件不读取，如 64M、200K 或字节数 (refuse files larger than SIZE without reading them: 64M, 200K, bytes)
        #[arg(long, value_name = "SIZE", value_parser = config::parse_size, default_value = "64M")]
        max_size: u64,
    },
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

fn load_catalogue(dir: Option<&Path>) -> Result<Catalogue, String> {
    match dir {
        Some(d) => Catalogue::load_dir(d).map_err(|e| e.to_string()),
        None => Catalogue::builtin().map_err(|e| e.to_string()),
    }
}

fn print(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
}

fn lang_of(l: LangArg) -> Lang {
    match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.map(lang_of).unwrap_or_default();
    match cli.command {
        Command::Check(args) => check(*args, cli.lang.map(lang_of), cli.rules),
        Command::Rules { format } => {
            let cat = match load_catalogue(cli.rules.as_deref()) {
                Ok(c) => c,
                Err(e) => return usage_error(&e),
            };
            match format {
                SimpleFormat::Text => print(&render::rules_text(&cat, lang)),
                SimpleFormat::Json => {
                    match serde_json::to_string_pretty(&render::rules_json(&cat, lang)) {
                        Ok(s) => print(&format!("{s}\n")),
                        Err(e) => return usage_error(&e.to_string()),
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Command::Explain { code } => {
            let cat = match load_catalogue(cli.rules.as_deref()) {
                Ok(c) => c,
                Err(e) => return usage_error(&e),
            };
            let key = code.trim().to_ascii_uppercase();
            match cat.get(&key) {
                Some(e) => {
                    print(&render::explain_text(e, lang));
                    ExitCode::SUCCESS
                }
                None => usage_error(&format!(
                    "未知的规则代码 (unknown rule code): {code}（`budgetlint rules` 列出所有规则 lists all rules）"
                )),
            }
        }
        Command::Extract {
            files,
            format,
            max_size,
        } => {
            let mut failed = false;
            for f in files {
                match budgetlint::extract_with_limit(&f, max_size) {
                    Ok(doc) => match format {
                        SimpleFormat::Text => print(&render::tables_text(&doc)),
                        SimpleFormat::Json => match serde_json::to_value(&doc).and_then(|mut v| {
                            // The narrative claims as read, so an auditor can see what was checked.
                            render::set_field(&mut v, "claims", serde_json::to_value(&doc.claims)?);
                            serde_json::to_string_pretty(&v)
                        }) {
                            Ok(s) => print(&format!("{s}\n")),
                            Err(e) => {
                                eprintln!("error: {}: {e}", f.display());
                                failed = true;
                            }
                        },
                    },
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed = true;
                    }
                }
            }
            if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

/// Defaults, then budgetlint.toml, then the command line.
fn settings(a: &CheckArgs, lang: Option<Lang>, rules: Option<PathBuf>) -> Result<Settings, String> {
    let mut s = Settings::default();
    let file = if a.no_config {
        None
    } else if let Some(c) = &a.config {
        Some(c.clone())
    } else {
        let start = a
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        config::discover(&start)
    };
    if let Some(f) = file {
        s.apply_file(&f)?;
    }
    if let Some(f) = a.format {
        s.format = f;
    }
    if let Some(o) = &a.output {
        s.output = Some(o.clone());
    }
    if let Some(l) = lang {
        s.lang = l;
    }
    if let Some(f) = a.fail_on {
        s.fail_on = match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        };
    }
    if a.exit_zero {
        s.exit_zero = true;
    }
    if let Some(v) = &a.select {
        s.select = config::clean_codes(v);
    }
    if let Some(v) = &a.ignore {
        s.ignore = config::clean_codes(v);
    }
    s.severity.extend(config::parse_overrides(&a.severity)?);
    if a.statistics {
        s.statistics = true;
    }
    if a.show_unverified {
        s.show_unverified = true;
    }
    if let Some(r) = rules {
        s.rules_dir = Some(r);
    }
    if !a.glob.is_empty() {
        s.glob = a.glob.clone();
    }
    if !a.exclude.is_empty() {
        s.exclude = a.exclude.clone();
    }
    if let Some(j) = a.jobs {
        s.jobs = j;
    }
    if let Some(b) = &a.baseline {
        s.baseline = Some(b.clone());
    }
    if let Some(c) = a.color {
        s.color = c;
    }
    if let Some(m) = a.max_size {
        s.max_size = m;
    }
    s.quiet = a.quiet;
    s.summary_only = a.summary;
    Ok(s)
}

/// What a worker hands back for one file: its summary row and its part of the report.
struct Done {
    row: FileRow,
    chunk: Chunk,
    rules: BTreeMap<String, usize>,
    /// Narrative claims read, checked and left unverified (for `--statistics`).
    claims: BTreeMap<String, usize>,
    worst: Option<Severity>,
    suppressed: usize,
    stale: Vec<baseline::Entry>,
    recorded: Vec<rules::Finding>,
    key: String,
    skipped: bool,
}

/// One file's part of the report, rendered while its document is at hand.
enum Chunk {
    None,
    Text(String),
    Json(Value),
    Sarif(Vec<Value>),
    Junit(JunitSuite),
    Html(String),
}

struct Ctx<'a> {
    s: &'a Settings,
    cat: &'a Catalogue,
    sel: Selection,
    baseline: Option<Baseline>,
    junit_rules: Vec<(String, String)>,
    style: Style,
    /// Folder the paths of `--baseline` are relative to.
    filter_base: Option<PathBuf>,
    /// Folder the paths of `--write-baseline` are relative to (None: not recording).
    record_base: Option<PathBuf>,
    /// Per target (by index): last year's document to compare it with (`--previous`,
    /// `--pair-years`).
    previous: Vec<Option<PathBuf>>,
    /// Per target: the same year's budget of a 决算 (`--budget`, `--pair-years`).
    budget: Vec<Option<PathBuf>>,
    /// The documents of `--previous` / `--budget`, read once when the pair was checked.
    loaded: Vec<(PathBuf, Document)>,
}

fn read_report(t: &Target, max_size: u64) -> Result<FileReport, String> {
    let shown = t.path.display().to_string();
    let fail = |e: String| FileReport {
        path: shown.clone(),
        error: Some(e),
        document: None,
        findings: Vec::new(),
    };
    if let Some(e) = &t.error {
        return Ok(fail(e.clone()));
    }
    // The size limit is checked before reading (a 200 MB file is not read at all).
    let bytes = match budgetlint::read_limited(&t.path, max_size) {
        Ok(b) => b,
        Err(e @ budgetlint::ExtractError::TooLarge { .. }) => {
            // A large binary file found in a folder is skipped like any binary file.
            if !t.explicit && batch::starts_binary(&t.path) {
                return Err(shown);
            }
            return Ok(fail(e.to_string()));
        }
        Err(e) => return Ok(fail(e.to_string())),
    };
    if !t.explicit && batch::looks_binary(&bytes) {
        return Err(shown);
    }
    let doc = if budgetlint::decode::pdf::looks_like_pdf(&bytes) {
        budgetlint::extract_with_limit(&t.path, max_size)
    } else {
        budgetlint::extract_bytes(&shown, &bytes)
    };
    Ok(match doc {
        Ok(d) => FileReport {
            path: shown,
            error: None,
            document: Some(d),
            findings: Vec::new(),
        },
        Err(e) => fail(e.to_string()),
    })
}

fn check_one(i: usize, t: &Target, ctx: &Ctx) -> Done {
    let mut r = match read_report(t, ctx.s.max_size) {
        Ok(r) => r,
        Err(path) => {
            return Done {
                row: FileRow {
                    path,
                    ..FileRow::default()
                },
                chunk: Chunk::None,
                rules: BTreeMap::new(),
                claims: BTreeMap::new(),
                worst: None,
                suppressed: 0,
                stale: Vec::new(),
                recorded: Vec::new(),
                key: String::new(),
                skipped: true,
            }
        }
    };
    if let Some(doc) = &r.document {
        let mut found = rules::run(doc, ctx.cat, &ctx.sel);
        type CrossRun = fn(&Document, &Document, &str, &Catalogue, &Selection) -> Vec<Finding>;
        let cross: [(&Vec<Option<PathBuf>>, CrossRun); 2] = [
            (&ctx.previous, rules::run_previous),
            (&ctx.budget, rules::run_budget),
        ];
        for (others, run) in cross {
            let Some(Some(path)) = others.get(i) else {
                continue;
            };
            // A document read when the pair was checked is not read again; one found by
            // --pair-years is read here (an unreadable one was never paired).
            let other = match ctx.loaded.iter().find(|(p, _)| p == path) {
                Some((_, d)) => Cow::Borrowed(d),
                None => match budgetlint::extract_with_limit(path, ctx.s.max_size) {
                    Ok(d) => Cow::Owned(d),
                    Err(_) => continue,
                },
            };
            let shown = path.display().to_string();
            found.extend(run(doc, &other, &shown, ctx.cat, &ctx.sel));
            rules::sort_findings(&mut found);
        }
        found.retain_mut(|f| match ctx.s.override_for(&f.rule) {
            Some(Override::Off) => false,
            Some(Override::Set(s)) => {
                f.severity = s;
                true
            }
            None => true,
        });
        r.findings = found;
    }
    let (key, recorded) = match &ctx.record_base {
        Some(base) => (baseline::file_key(&t.path, base), r.findings.clone()),
        None => (String::new(), Vec::new()),
    };
    let mut suppressed = 0;
    let mut stale = Vec::new();
    if let (Some(b), Some(base), None) = (&ctx.baseline, &ctx.filter_base, &r.error) {
        let key = baseline::file_key(&t.path, base);
        let mut fb = b.for_file(&key);
        suppressed = fb.filter(&key, &mut r.findings);
        stale = fb.stale();
    }
    let mut rules_count: BTreeMap<String, usize> = BTreeMap::new();
    for f in &r.findings {
        *rules_count.entry(f.rule.clone()).or_default() += 1;
    }
    let worst = r.findings.iter().map(|f| f.severity).max();
    let mut claims: BTreeMap<String, usize> = BTreeMap::new();
    if ctx.s.statistics {
        if let Some(doc) = &r.document {
            let st = budgetlint::rules::narrative::statistics(doc);
            for (k, n) in st.by_kind {
                *claims.entry(format!("parsed:{k}")).or_default() += n;
            }
            *claims.entry("claims".into()).or_default() += st.claims;
            *claims.entry("resolved".into()).or_default() += st.resolved_against_tables;
            *claims.entry("unverified".into()).or_default() += st.unverified;
            let failed = r
                .findings
                .iter()
                .filter(|f| f.rule.starts_with('N') && f.severity != Severity::Info)
                .count();
            *claims.entry("failed".into()).or_default() += failed;
        }
    }
    let lang = ctx.s.lang;
    let summary = ctx.s.summary_only;
    let chunk = match ctx.s.format {
        Format::Text if !summary => Chunk::Text(render::file_text(
            &r,
            lang,
            ctx.style,
            ctx.s.show_unverified || ctx.s.fail_on == Severity::Info,
        )),
        Format::Json | Format::Jsonl if !summary => Chunk::Json(render::file_json(&r, lang)),
        Format::Sarif => Chunk::Sarif(render::sarif_results(&r, ctx.cat, lang)),
        Format::Junit => Chunk::Junit(render::junit_suite(
            &r,
            &ctx.junit_rules,
            ctx.s.fail_on,
            lang,
        )),
        Format::Github => Chunk::Text(render::github(&r, lang)),
        Format::Csv if !summary => Chunk::Text(render::csv_findings(&r, lang)),
        Format::Html => Chunk::Html(render::html_section(&r, &anchor(i), lang)),
        _ => Chunk::None,
    };
    let mut row = FileRow::of(&r);
    for (rel, other) in [("previous", &ctx.previous), ("budget", &ctx.budget)] {
        if let Some(Some(p)) = other.get(i) {
            row.paired_with
                .push((rel.to_string(), p.display().to_string()));
        }
    }
    Done {
        row,
        chunk,
        rules: rules_count,
        claims,
        worst,
        suppressed,
        stale,
        recorded,
        key,
        skipped: false,
    }
}

/// `--previous LAST` (or `--budget BUDGET`) for one document THIS: both readable
/// disclosures of one department and level, LAST one year before THIS (BUDGET the 预算 of
/// the 决算 THIS's year): the other document, read once; else the reason (exit 2).
fn other_document(
    targets: &[batch::Target],
    other: &Path,
    max_size: u64,
    budget: bool,
) -> Result<Document, String> {
    let flag = if budget { "--budget" } else { "--previous" };
    let [this] = targets else {
        return Err(format!(
            "{flag} 只能与一个文件一起使用 ({flag} takes exactly one document to check)"
        ));
    };
    let read = |p: &Path| budgetlint::extract_with_limit(p, max_size).map_err(|e| e.to_string());
    let this_doc = read(&this.path)?;
    let other_doc = read(other)?;
    let checked = if budget {
        budgetlint::rules::previous::check_budget_pair(&this_doc, &other_doc)
    } else {
        budgetlint::rules::previous::check_pair(&this_doc, &other_doc)
    };
    let (zh, en) = if budget {
        ("同年预算文件", "the year's budget")
    } else {
        ("上年文件", "last year's document")
    };
    checked.map_err(|e| {
        format!(
            "{} 不是 {} 的{zh}：{} ({} is not {en} of {}: {})",
            other.display(),
            this.path.display(),
            e.zh,
            other.display(),
            this.path.display(),
            e.en
        )
    })?;
    Ok(other_doc)
}

/// The HTML id of the i-th file's section.
fn anchor(i: usize) -> String {
    format!("f{}", i + 1)
}

fn color_for(s: &Settings) -> bool {
    match s.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            s.format == Format::Text
                && s.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn check(a: CheckArgs, lang: Option<Lang>, rules_dir: Option<PathBuf>) -> ExitCode {
    let s = match settings(&a, lang, rules_dir) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    if a.show_settings {
        print(&s.show());
        return ExitCode::SUCCESS;
    }
    if a.paths.is_empty() {
        return usage_error(
            "需要至少一个文件或目录 (at least one file or folder is required): budgetlint check PATH...",
        );
    }
    let cat = match s.catalogue() {
        Ok(c) => c,
        Err(e) => return usage_error(&e),
    };
    if let Err(e) = s.validate_codes(&cat) {
        return usage_error(&e);
    }
    let filter = match Filter::new(&s.glob, &s.exclude) {
        Ok(f) => f,
        Err(e) => return usage_error(&e),
    };
    let baseline = match &s.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => return usage_error(&e),
        },
        None => None,
    };
    let sel = Selection {
        select: s.select.clone(),
        ignore: s.ignore.clone(),
    };
    let junit_rules: Vec<(String, String)> = cat
        .entries
        .values()
        .filter(|e| sel.enabled(&e.id) && s.override_for(&e.id) != Some(Override::Off))
        .map(|e| (e.id.clone(), e.title(s.lang).to_string()))
        .collect();
    let targets = batch::discover(&a.paths, &filter);
    let mut loaded: Vec<(PathBuf, Document)> = Vec::new();
    let (previous, budget) = if a.pair_years {
        let pairs = batch::pair_years(&targets, s.max_size);
        if !s.quiet {
            for (i, (p, b)) in pairs.iter().enumerate() {
                let Some(t) = targets.get(i) else { continue };
                if let Some(p) = p {
                    eprintln!(
                        "配对 (pair): {} ← 上年 (last year) {}",
                        t.path.display(),
                        p.display()
                    );
                }
                if let Some(b) = b {
                    eprintln!(
                        "配对 (pair): {} ← 同年预算 (budget) {}",
                        t.path.display(),
                        b.display()
                    );
                }
            }
        }
        pairs.into_iter().unzip()
    } else {
        let mut found: [Vec<Option<PathBuf>>; 2] = [Vec::new(), Vec::new()];
        for (slot, (given, budget)) in found
            .iter_mut()
            .zip([(&a.previous, false), (&a.budget, true)])
        {
            let Some(other) = given else { continue };
            match other_document(&targets, other, s.max_size, budget) {
                Ok(d) => {
                    *slot = vec![Some(other.clone())];
                    loaded.push((other.clone(), d));
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        let [previous, budget] = found;
        (previous, budget)
    };
    let ctx = Ctx {
        s: &s,
        cat: &cat,
        sel,
        baseline,
        junit_rules,
        style: Style {
            color: color_for(&s),
        },
        filter_base: s.baseline.as_deref().map(baseline::base_of),
        record_base: a.write_baseline.as_deref().map(baseline::base_of),
        previous,
        budget,
        loaded,
    };

    let mut out: Box<dyn Write> = match &s.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                return usage_error(&format!(
                    "{}: 无法写入输出文件 (cannot write output): {e}",
                    p.display()
                ))
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    // The first write error; a closed pipe (`| head`) ends the output quietly.
    let mut write_error: Option<std::io::Error> = None;
    let mut put = |out: &mut Box<dyn Write>, text: &str| {
        if write_error.is_none() {
            if let Err(e) = out.write_all(text.as_bytes()) {
                write_error = Some(e);
            }
        }
    };

    let progress =
        (!s.quiet && targets.len() >= 20 && std::io::stderr().is_terminal()).then(|| {
            let pb = indicatif::ProgressBar::new(targets.len() as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} {per_sec} 剩余 {eta} {wide_msg}",
            ) {
                pb.set_style(style);
            }
            pb
        });
    let note = |msg: &str| match &progress {
        Some(pb) => pb.suspend(|| eprintln!("{msg}")),
        None => eprintln!("{msg}"),
    };

    // Headers of streamed formats.
    match (s.format, s.summary_only) {
        (Format::Csv, false) => put(
            &mut out,
            &format!("{}{}", render::BOM, render::csv_header(s.lang)),
        ),
        (Format::Csv, true) => put(
            &mut out,
            &format!("{}{}", render::BOM, render::csv_summary_header(s.lang)),
        ),
        _ => {}
    }

    // Rows are small (no document, no findings) but are kept only for the reports that list
    // every file at the end; streaming formats keep just the totals.
    let keep_rows =
        matches!(s.format, Format::Text) || (s.format == Format::Json && s.summary_only);
    let mut rows: Vec<FileRow> = Vec::new();
    let mut total = render::Summary::default();
    let mut rule_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut worst: Option<Severity> = None;
    let mut suppressed = 0usize;
    let mut stale: Vec<baseline::Entry> = Vec::new();
    let mut recorder = Recorder::default();
    let mut json_files: Vec<Value> = Vec::new();
    let mut sarif_results: Vec<Value> = Vec::new();
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut suites: Vec<JunitSuite> = Vec::new();
    let mut html: Vec<String> = Vec::new();
    let mut anchors: Vec<(String, FileRow)> = Vec::new();
    let mut skipped = 0usize;
    let mut claim_counts: BTreeMap<String, usize> = BTreeMap::new();

    let jobs = batch::threads(s.jobs);
    batch::ordered_parallel(
        &targets,
        jobs,
        |i, t| check_one(i, t, &ctx),
        |i, done| {
            if let Some(pb) = &progress {
                pb.inc(1);
            }
            let d = match done {
                Ok(d) => d,
                Err(panic) => {
                    let path = targets
                        .get(i)
                        .map(|t| t.path.display().to_string())
                        .unwrap_or_default();
                    let msg = format!("{path}: 内部错误 (internal error): {panic}");
                    let r = FileReport {
                        path: path.clone(),
                        error: Some(msg),
                        document: None,
                        findings: Vec::new(),
                    };
                    Done {
                        row: FileRow::of(&r),
                        chunk: match s.format {
                            Format::Json | Format::Jsonl => {
                                Chunk::Json(render::file_json(&r, s.lang))
                            }
                            Format::Github => Chunk::Text(render::github(&r, s.lang)),
                            Format::Junit => Chunk::Junit(render::junit_suite(
                                &r,
                                &ctx.junit_rules,
                                s.fail_on,
                                s.lang,
                            )),
                            Format::Html => {
                                Chunk::Html(render::html_section(&r, &anchor(i), s.lang))
                            }
                            _ => Chunk::None,
                        },
                        rules: BTreeMap::new(),
                        claims: BTreeMap::new(),
                        worst: None,
                        suppressed: 0,
                        stale: Vec::new(),
                        recorded: Vec::new(),
                        key: path,
                        skipped: false,
                    }
                }
            };
            if d.skipped {
                skipped += 1;
                return;
            }
            if let Some(e) = &d.row.error {
                note(&format!("error: {e}"));
                failures.push((d.row.path.clone(), e.clone()));
            }
            for (k, n) in d.rules {
                *rule_counts.entry(k).or_default() += n;
            }
            for (k, n) in d.claims {
                *claim_counts.entry(k).or_default() += n;
            }
            worst = worst.max(d.worst);
            suppressed += d.suppressed;
            stale.extend(d.stale);
            if !d.recorded.is_empty() {
                recorder.add(&d.key, &d.recorded);
            }
            match d.chunk {
                Chunk::None => {}
                Chunk::Text(t) => match &progress {
                    Some(pb) => pb.suspend(|| put(&mut out, &t)),
                    None => put(&mut out, &t),
                },
                Chunk::Json(v) => {
                    if s.format == Format::Jsonl {
                        put(&mut out, &format!("{v}\n"));
                    } else {
                        json_files.push(v);
                    }
                }
                Chunk::Sarif(v) => sarif_results.extend(v),
                Chunk::Junit(j) => suites.push(j),
                Chunk::Html(h) => {
                    html.push(h);
                    anchors.push((anchor(i), d.row.clone()));
                }
            }
            if s.format == Format::Csv && s.summary_only {
                put(&mut out, &render::csv_summary(&d.row));
            }
            if s.format == Format::Jsonl && s.summary_only {
                let v = render::summary_rows_json(std::slice::from_ref(&d.row));
                put(
                    &mut out,
                    &format!(
                        "{}\n",
                        v.pointer("/files/0").unwrap_or(&serde_json::Value::Null)
                    ),
                );
            }
            total.add_row(&d.row);
            if keep_rows {
                rows.push(d.row);
            }
        },
    );
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }

    let stats = s
        .statistics
        .then(|| render::statistics_json_of(&rule_counts, &cat, s.lang));
    let claim_stats = s.statistics.then(|| json!(claim_counts));
    let baseline_json = ctx.baseline.as_ref().map(|_| {
        json!({
            "suppressed": suppressed,
            "stale": stale.iter().map(|e| json!({
                "file": e.file, "rule": e.rule, "table": e.table, "row": e.row,
                "column": e.column, "count": e.count, "message": e.message,
            })).collect::<Vec<_>>(),
        })
    });
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string());
    match s.format {
        Format::Text => {
            if s.summary_only || total.files > 1 {
                if !s.summary_only {
                    put(&mut out, "\n");
                }
                put(&mut out, &render::summary_table(&rows, s.lang));
                put(&mut out, "\n");
            }
            if s.statistics {
                put(&mut out, &render::statistics_of(&rule_counts, &cat, s.lang));
                put(&mut out, "\n");
                put(&mut out, &render::claim_statistics(&claim_counts, s.lang));
                put(&mut out, "\n");
            }
            put(&mut out, &render::total_text(&total, s.lang));
        }
        Format::Json => {
            let mut v = if s.summary_only {
                render::summary_rows_json(&rows)
            } else {
                render::json_report(std::mem::take(&mut json_files), &total)
            };
            if let Some(st) = &stats {
                render::set_field(&mut v, "statistics", st.clone());
            }
            if let Some(cs) = &claim_stats {
                render::set_field(&mut v, "claim_statistics", cs.clone());
            }
            if let Some(b) = &baseline_json {
                render::set_field(&mut v, "baseline", b.clone());
            }
            put(&mut out, &format!("{}\n", pretty(&v)));
        }
        Format::Sarif => {
            let v = render::sarif_log(std::mem::take(&mut sarif_results), &failures, &cat, s.lang);
            put(&mut out, &format!("{}\n", pretty(&v)));
        }
        Format::Junit => put(&mut out, &render::junit_report(&suites)),
        Format::Html => put(&mut out, &render::html_page(&anchors, &html, s.lang)),
        Format::Jsonl | Format::Github | Format::Csv => {}
    }
    let flushed = out.flush();
    drop(out);
    match write_error.map(Err).unwrap_or(flushed) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return usage_error(&format!("无法写出报告 (cannot write the report): {e}")),
        Ok(()) => {}
    }

    if !stale.is_empty() && !s.quiet {
        let head = match s.lang {
            Lang::Zh => format!(
                "warning: 基线中有 {} 条记录已不再出现，可用 --write-baseline 更新 (stale baseline entries):",
                stale.len()
            ),
            Lang::En => format!(
                "warning: {} baseline entr{} no longer found; refresh with --write-baseline:",
                stale.len(),
                if stale.len() == 1 { "y" } else { "ies" }
            ),
        };
        eprintln!("{head}");
        for e in &stale {
            eprintln!(
                "  {} {} {} {} {} ×{}",
                e.file,
                e.rule,
                e.table.as_deref().unwrap_or("-"),
                e.row.as_deref().unwrap_or("-"),
                e.column.as_deref().unwrap_or("-"),
                e.count
            );
        }
    }
    if skipped > 0 && !s.quiet {
        eprintln!(
            "note: 跳过 {skipped} 个二进制文件 (skipped {skipped} binary file{})",
            if skipped == 1 { "" } else { "s" }
        );
    }
    if let Some(p) = &a.write_baseline {
        let b = recorder.into_baseline();
        if let Err(e) = b.save(p) {
            return usage_error(&e);
        }
        if !s.quiet {
            let n: usize = b.entries.iter().map(|e| e.count).sum();
            eprintln!(
                "note: 已把 {n} 个问题写入基线 (wrote {n} findings to the baseline) {}",
                p.display()
            );
        }
    }

    if total.failed > 0 {
        ExitCode::from(2)
    } else if !s.exit_zero && worst.is_some_and(|w| w >= s.fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
