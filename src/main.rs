//! The `budgetlint` command line: a thin layer over the library.
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "budgetlint",
    version,
    about = "部门预算公开文件校验工具 (validator for Chinese department budget disclosures)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the extracted model of each file.
    Extract {
        files: Vec<PathBuf>,
        #[arg(long, default_value = "json")]
        format: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { files, format: _ } => {
            let mut failed = false;
            for f in files {
                match budgetlint::extract(&f) {
                    Ok(doc) => match serde_json::to_string_pretty(&doc) {
                        Ok(s) => println!("{s}"),
                        Err(e) => {
                            eprintln!("{}: {e}", f.display());
                            failed = true;
                        }
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
