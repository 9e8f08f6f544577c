//! The `budgetlint` command line: a thin layer over the library.
use budgetlint::render::{self, FileReport};
use budgetlint::rules::{self, Catalogue, Lang, Selection, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "budgetlint",
    version,
    about = "部门预算公开文件校验工具 (validator for Chinese department budget disclosures)"
)]
struct Cli {
    /// 消息语言 (language of messages).
    #[arg(long, global = true, value_enum, default_value = "zh")]
    lang: LangArg,
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
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Subcommand)]
enum Command {
    /// 校验文件或目录（递归查找 *.txt）(check files, or folders searched recursively for *.txt).
    Check {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// 达到此严重程度的问题使退出码为 1 (findings at or above this severity make the exit code 1).
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// 有问题时也以 0 退出（无法读取的文件仍为 2）(exit 0 even with findings; unreadable files still exit 2).
        #[arg(long)]
        exit_zero: bool,
        /// 只运行这些规则（代码或前缀，逗号分隔）(run only these codes or prefixes, comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        select: Vec<String>,
        /// 不运行这些规则 (skip these codes or prefixes).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        ignore: Vec<String>,
        /// 按规则统计问题数 (count findings per rule).
        #[arg(long)]
        statistics: bool,
    },
    /// 列出所有规则 (list all rules).
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
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
        format: Format,
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

/// Expand the arguments: files as given, folders walked recursively for *.txt (sorted).
/// Paths that do not exist are kept, to be reported as unreadable.
fn expand(paths: &[PathBuf]) -> Vec<(PathBuf, Option<String>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, errs: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                errs.push((dir.to_path_buf(), e.to_string()));
                return;
            }
        };
        entries.sort();
        for p in entries {
            let real_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_dir());
            if real_dir {
                // Symlinked folders are not followed (no cycles).
                walk(&p, out, errs);
            } else if p.is_dir() {
                continue;
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files = Vec::new();
            let mut errs = Vec::new();
            walk(p, &mut files, &mut errs);
            if files.is_empty() && errs.is_empty() {
                out.push((
                    p.clone(),
                    Some(format!(
                        "{}: 目录中没有 *.txt 文件 (no *.txt file in folder)",
                        p.display()
                    )),
                ));
            }
            out.extend(files.into_iter().map(|f| (f, None)));
            out.extend(errs.into_iter().map(|(d, e)| {
                let msg = format!("{}: 无法读取目录 (cannot read folder): {e}", d.display());
                (d, Some(msg))
            }));
        } else if p.exists() {
            out.push((p.clone(), None));
        } else {
            let msg = format!("{}: 文件不存在 (no such file or directory)", p.display());
            out.push((p.clone(), Some(msg)));
        }
    }
    out
}

fn print(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    let cat = match load_catalogue(cli.rules.as_deref()) {
        Ok(c) => c,
        Err(e) => return usage_error(&e),
    };
    match cli.command {
        Command::Check {
            paths,
            format,
            fail_on,
            exit_zero,
            select,
            ignore,
            statistics,
        } => {
            let clean = |v: Vec<String>| -> Vec<String> {
                v.into_iter()
                    .map(|s| s.trim().to_ascii_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect()
            };
            let sel = Selection {
                select: clean(select),
                ignore: clean(ignore),
            };
            for code in sel.select.iter().chain(sel.ignore.iter()) {
                if !code.eq_ignore_ascii_case("ALL")
                    && !cat.entries.keys().any(|k| k.starts_with(code.as_str()))
                {
                    return usage_error(&format!(
                        "未知的规则代码 (unknown rule code): {code}（`budgetlint rules` 列出所有规则 lists all rules）"
                    ));
                }
            }
            let mut reports = Vec::new();
            for (path, err) in expand(&paths) {
                let shown = path.display().to_string();
                if let Some(e) = err {
                    eprintln!("error: {e}");
                    reports.push(FileReport {
                        path: shown,
                        error: Some(e),
                        document: None,
                        findings: Vec::new(),
                    });
                    continue;
                }
                match budgetlint::extract(&path) {
                    Ok(doc) => {
                        let findings = rules::run(&doc, &cat, &sel);
                        reports.push(FileReport {
                            path: shown,
                            error: None,
                            document: Some(doc),
                            findings,
                        });
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        reports.push(FileReport {
                            path: shown,
                            error: Some(e.to_string()),
                            document: None,
                            findings: Vec::new(),
                        });
                    }
                }
            }
            match format {
                Format::Text => {
                    print(&render::text(&reports, lang));
                    if statistics {
                        print("\n");
                        print(&render::statistics(&reports, &cat, lang));
                    }
                }
                Format::Json => {
                    let mut v = render::json(&reports, lang);
                    if statistics {
                        v["statistics"] = render::statistics_json(&reports, &cat, lang);
                    }
                    match serde_json::to_string_pretty(&v) {
                        Ok(s) => print(&format!("{s}\n")),
                        Err(e) => return usage_error(&e.to_string()),
                    }
                }
            }
            let threshold = match fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            };
            ExitCode::from(render::exit_status(&reports, threshold, exit_zero))
        }
        Command::Rules { format } => {
            match format {
                Format::Text => print(&render::rules_text(&cat, lang)),
                Format::Json => match serde_json::to_string_pretty(&render::rules_json(&cat, lang))
                {
                    Ok(s) => print(&format!("{s}\n")),
                    Err(e) => return usage_error(&e.to_string()),
                },
            }
            ExitCode::SUCCESS
        }
        Command::Explain { code } => {
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
        Command::Extract { files, format } => {
            let mut failed = false;
            for f in files {
                match budgetlint::extract(&f) {
                    Ok(doc) => match format {
                        Format::Text => print(&render::tables_text(&doc)),
                        Format::Json => match serde_json::to_string_pretty(&doc) {
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
