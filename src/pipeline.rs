//! The pipeline, top-down: decode → normalize → segment → tables → narrative claims → rules.
//! Each stage uses only the stages before it; this module drives them in order.
use crate::decode::{decode, DecodeError};
use crate::model::{Document, DocumentInfo};
use crate::normalize::{normalize, SourceLine};
use crate::rules::Finding;
use std::path::Path;
use thiserror::Error;

/// Why a file could not be read as a disclosure. Always names the file.
#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("{path}: 无法读取文件 (cannot read file): {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Decode { path: String, source: DecodeError },
    #[error("{path}: {source}")]
    Pdf {
        path: String,
        source: crate::decode::pdf::PdfError,
    },
    /// Larger than the size limit (`--max-size`): refused before it is read. `size` is the
    /// file's size from its metadata; for a stream whose size is not known in advance (a pipe,
    /// a device) it is what was read before giving up, and `exact` is false.
    #[error("{}", too_large_message(path, *size, *limit, *exact))]
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
        exact: bool,
    },
    #[error("{path}: 不是部门预算公开文件：{reason} (not a budget disclosure: {reason_en})")]
    NotDisclosure {
        path: String,
        reason: String,
        reason_en: String,
    },
}

/// The default size limit of a file: 64 MiB. Disclosures are well under 1 MB of text; a file
/// much larger is not one, and reading it whole would only exhaust memory.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

fn too_large_message(path: &str, size: u64, limit: u64, exact: bool) -> String {
    let lim = crate::config::format_size(limit);
    if exact {
        let sz = crate::config::format_size(size);
        format!(
            "{path}: 文件大小 {sz}（{size} 字节）超过上限 {lim}（{limit} 字节），未读取；\
             可用 --max-size 调整 (file is {sz} ({size} bytes), over the size limit of {lim} \
             ({limit} bytes): not read; raise the limit with --max-size)"
        )
    } else {
        format!(
            "{path}: 读到 {size} 字节时已超过上限 {lim}（{limit} 字节），停止读取；\
             可用 --max-size 调整 (more than the size limit of {lim} ({limit} bytes): \
             reading stopped at {size} bytes; raise the limit with --max-size)"
        )
    }
}

/// Read a file, refusing one larger than `max_bytes` without reading it: the size in the
/// file's metadata is checked first, and the read itself stops after `max_bytes + 1` bytes,
/// so a pipe, a device (`/dev/zero`) or a file that grows while it is read cannot exhaust
/// memory either.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ExtractError> {
    use std::io::Read;
    let shown = || path.display().to_string();
    let io = |source| ExtractError::Io {
        path: shown(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_file() && meta.len() > max_bytes {
        return Err(ExtractError::TooLarge {
            path: shown(),
            size: meta.len(),
            limit: max_bytes,
            exact: true,
        });
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > max_bytes {
        return Err(ExtractError::TooLarge {
            path: shown(),
            size: read,
            limit: max_bytes,
            exact: false,
        });
    }
    Ok(bytes)
}

/// Read and model one file, refusing files over [`DEFAULT_MAX_BYTES`].
pub fn extract(path: &Path) -> Result<Document, ExtractError> {
    extract_with_limit(path, DEFAULT_MAX_BYTES)
}

/// Read and model one file, refusing a file over `max_bytes` before reading it (see
/// [`read_limited`]).
pub fn extract_with_limit(path: &Path, max_bytes: u64) -> Result<Document, ExtractError> {
    extract_bytes(&path.display().to_string(), &text_bytes(path, max_bytes)?)
}

/// A file's bytes as text to decode: a PDF's through `pdftotext`, any other file's as read.
fn text_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ExtractError> {
    let bytes = read_limited(path, max_bytes)?;
    if !crate::decode::pdf::looks_like_pdf(&bytes) {
        return Ok(bytes);
    }
    crate::decode::pdf::pdf_to_text(path)
        .map(String::into_bytes)
        .map_err(|source| ExtractError::Pdf {
            path: path.display().to_string(),
            source,
        })
}

/// The facts of one file's cover and titles (kind, level, department, year) without modelling
/// its tables and narrative: decode → normalize → [`crate::segment::find_info`]. For pairing
/// documents (`--pair-years`) before they are checked.
pub fn read_info(path: &Path, max_bytes: u64) -> Result<DocumentInfo, ExtractError> {
    let decoded = decode(&text_bytes(path, max_bytes)?).map_err(|source| ExtractError::Decode {
        path: path.display().to_string(),
        source,
    })?;
    Ok(crate::segment::find_info(&normalize(&decoded.text)))
}

/// Model a disclosure given as bytes; `path` is only used in messages.
pub fn extract_bytes(path: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    let decoded = decode(bytes).map_err(|source| ExtractError::Decode {
        path: path.to_string(),
        source,
    })?;
    let lines = normalize(&decoded.text);
    let mut doc = build_document(path, &lines);
    doc.info.encoding = decoded.encoding.to_string();
    // A disclosure has tables, or at least a narrative that states budget amounts; a text
    // that merely mentions 预算 (a news item, a policy paper) is neither.
    let mentions = doc
        .narrative
        .iter()
        .any(|p| p.text.contains("预算") || p.text.contains("决算"));
    let states_amounts = doc.claims.iter().any(|c| c.money().is_some());
    if doc.tables.is_empty() && !(mentions && states_amounts) {
        let (reason, reason_en) = if mentions {
            (
                "没有任何预算公开表，说明文字中也没有预算金额（只是提到了预算）",
                "no budget table, and the text states no budget amount (it only mentions 预算)",
            )
        } else {
            (
                "没有找到任何预算公开表或预算说明",
                "no budget table or budget narrative found",
            )
        };
        return Err(ExtractError::NotDisclosure {
            path: path.to_string(),
            reason: reason.into(),
            reason_en: reason_en.into(),
        });
    }
    Ok(doc)
}

/// Model normalized lines, stage by stage: segment → tables → narrative claims. Each stage
/// reads only what the stages before it produced.
pub fn build_document(path: &str, lines: &[SourceLine]) -> Document {
    let seg = crate::segment::segment(lines);
    let (tables, performance) = crate::tables::type_tables(&seg, lines);
    let mut doc = Document {
        path: path.to_string(),
        info: seg.info,
        tables,
        performance,
        narrative: seg.narrative,
        claims: Vec::new(),
        lines: lines.iter().map(|l| l.text.clone()).collect(),
        pages: lines.iter().map(|l| l.page).collect(),
    };
    doc.claims = crate::narrative::claims_of(&doc);
    doc
}

/// Run all rules of the embedded catalogue over a document (Rust rules, narrative checks and
/// the identities of `rules/identities.toml`); findings carry the catalogue's severity and are
/// sorted by (line, rule, column). Use [`crate::rules::run`] for a custom catalogue or a
/// selection of rules.
pub fn check_document(doc: &Document) -> Vec<Finding> {
    match crate::rules::builtin_catalogue() {
        Ok(cat) => crate::rules::run(doc, cat, &crate::rules::Selection::default()),
        // The embedded catalogue is tested to load (tests/engine_catalogue.rs).
        Err(_) => Vec::new(),
    }
}
