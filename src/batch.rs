//! Checking many files: finding them in folders, and running the pipeline over them on
//! several threads while handing the results back in the order of the files.
//!
//! Workers take the next file from a shared counter, so files are started in order and the
//! reorder buffer holds about one result per thread: memory does not grow with the batch.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// A file to check, or a path that could not be read (with the reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    /// Named on the command line (not found in a folder): never skipped as hidden or binary.
    pub explicit: bool,
    pub error: Option<String>,
}

/// Which files a folder walk takes.
#[derive(Debug, Clone)]
pub struct Filter {
    glob: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

fn globset(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = Glob::new(p).map_err(|e| format!("无效的通配符 (invalid glob) '{p}': {e}"))?;
        b.add(g);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

impl Filter {
    /// `glob`: patterns a file must match (default: `*.txt`, `*.pdf`); `exclude`: files and
    /// folders to skip. A pattern without `/` matches the name, otherwise the path relative
    /// to the folder that was named.
    pub fn new(glob: &[String], exclude: &[String]) -> Result<Filter, String> {
        Ok(Filter {
            glob: globset(glob)?,
            exclude: globset(exclude)?,
        })
    }

    fn matches(set: &GlobSet, rel: &Path) -> bool {
        set.is_match(rel) || rel.file_name().is_some_and(|n| set.is_match(Path::new(n)))
    }

    fn excluded(&self, rel: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|s| Self::matches(s, rel))
    }

    fn takes(&self, rel: &Path) -> bool {
        match &self.glob {
            Some(s) => Self::matches(s, rel),
            None => rel
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("pdf")),
        }
    }
}

fn hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Expand the paths: files as given, folders walked recursively (sorted by name, hidden
/// entries skipped, symbolic links to folders followed once: a link back into a folder being
/// walked is not followed again). Paths that do not exist are kept with their reason.
pub fn discover(paths: &[PathBuf], filter: &Filter) -> Vec<Target> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = out.len();
            let mut seen = HashSet::new();
            walk(p, p, filter, &mut seen, &mut out);
            if out.len() == before {
                out.push(Target {
                    path: p.clone(),
                    explicit: true,
                    error: Some(format!(
                        "{}: 目录中没有可检查的文件（*.txt、*.pdf）(no file to check in folder)",
                        p.display()
                    )),
                });
            }
        } else if p.exists() {
            out.push(Target {
                path: p.clone(),
                explicit: true,
                error: None,
            });
        } else {
            out.push(Target {
                path: p.clone(),
                explicit: true,
                error: Some(format!(
                    "{}: 文件不存在 (no such file or directory)",
                    p.display()
                )),
            });
        }
    }
    out
}

fn walk(
    root: &Path,
    dir: &Path,
    filter: &Filter,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<Target>,
) {
    // A folder already being walked (through a link) is not walked again: no loops.
    let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canon) {
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Target {
                path: dir.to_path_buf(),
                explicit: true,
                error: Some(format!(
                    "{}: 无法读取目录 (cannot read folder): {e}",
                    dir.display()
                )),
            });
            return;
        }
    };
    entries.sort();
    for p in entries {
        if hidden(&p) {
            continue;
        }
        let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
        if filter.excluded(&rel) {
            continue;
        }
        if p.is_dir() {
            walk(root, &p, filter, seen, out);
        } else if p.is_file() && filter.takes(&rel) {
            out.push(Target {
                path: p,
                explicit: false,
                error: None,
            });
        }
    }
}

/// True for content that is neither text nor PDF: a NUL byte in the first 8 KiB of a file
/// without a UTF-16 byte-order mark.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    if bytes.starts_with(b"%PDF") {
        return false;
    }
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// [`looks_binary`] on the first 8 KiB of a file, read without reading the rest (for a file
/// too large to be read whole). False when the file cannot be read.
pub fn starts_binary(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(8192);
    match std::fs::File::open(path) {
        Ok(f) => f.take(8192).read_to_end(&mut head).is_ok() && looks_binary(&head),
        Err(_) => false,
    }
}

/// The number of worker threads for `jobs` (0 = one per core).
pub fn threads(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    }
}

/// Run `work` over the items on `jobs` threads and hand each result to `emit` on the calling
/// thread in the order of the items, as soon as it and every result before it are done.
/// A panic in `work` for one item is caught and given to `emit` as `Err` with its message.
pub fn ordered_parallel<T, R, W, E>(items: &[T], jobs: usize, work: W, mut emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(usize, &T) -> R + Sync,
    E: FnMut(usize, Result<R, String>),
{
    let run = |i: usize, t: &T| -> Result<R, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i, t))).map_err(|p| {
            p.downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into())
        })
    };
    let jobs = jobs.max(1).min(items.len().max(1));
    if jobs == 1 {
        for (i, t) in items.iter().enumerate() {
            emit(i, run(i, t));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<R, String>)>(jobs * 2);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let next = &next;
            let run = &run;
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(t) = items.get(i) else {
                    break;
                };
                if tx.send((i, run(i, t))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, Result<R, String>> = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                emit(want, r);
                want += 1;
            }
        }
    });
}

/// `--pair-years`: for each target, the target that is its document of the year before —
/// the same department (as printed on the cover, abbreviations allowed), kind and level,
/// one year earlier — and, for a 决算, the 预算 of its year. Files that cannot be read, or
/// that have no such partner, get none; of several candidates the first in order is taken.
pub fn pair_years(targets: &[Target], max_size: u64) -> Vec<(Option<PathBuf>, Option<PathBuf>)> {
    use crate::model::{DocKind, DocumentInfo};
    let info: Vec<Option<DocumentInfo>> = targets
        .iter()
        .map(|t| {
            if t.error.is_some() {
                return None;
            }
            crate::read_info(&t.path, max_size).ok()
        })
        .collect();
    let find = |this: &DocumentInfo, year: i32, kind: DocKind| -> Option<PathBuf> {
        let this_name = this.department.as_deref()?;
        info.iter().zip(targets).find_map(|(other, t)| {
            let other = other.as_ref()?;
            let ok = other.year == Some(year)
                && other.kind == kind
                && other.level == this.level
                && other
                    .department
                    .as_deref()
                    .is_some_and(|n| crate::rules::previous::same_department(this_name, n));
            ok.then(|| t.path.clone())
        })
    };
    info.iter()
        .map(|this| {
            let Some(this) = this.as_ref() else {
                return (None, None);
            };
            let Some(year) = this.year else {
                return (None, None);
            };
            let last = find(this, year - 1, this.kind);
            let budget = match this.kind {
                DocKind::Final => find(this, year, DocKind::Budget),
                DocKind::Budget => None,
            };
            (last, budget)
        })
        .collect()
}
