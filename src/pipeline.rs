//! The pipeline, top-down: decode → normalize → segment → type tables → (claims, rules).
use crate::decode::{decode, DecodeError};
use crate::model::Document;
use crate::normalize::normalize;
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
    #[error("{path}: 不是部门预算公开文件：{reason} (not a budget disclosure: {reason_en})")]
    NotDisclosure {
        path: String,
        reason: String,
        reason_en: String,
    },
}

/// Read and model one file.
pub fn extract(path: &Path) -> Result<Document, ExtractError> {
    let bytes = std::fs::read(path).map_err(|source| ExtractError::Io {
        path: path.display().to_string(),
        source,
    })?;
    if crate::decode::pdf::looks_like_pdf(&bytes) {
        let text = crate::decode::pdf::pdf_to_text(path).map_err(|source| ExtractError::Pdf {
            path: path.display().to_string(),
            source,
        })?;
        return extract_bytes(&path.display().to_string(), text.as_bytes());
    }
    extract_bytes(&path.display().to_string(), &bytes)
}

/// Model a disclosure given as bytes; `path` is only used in messages.
pub fn extract_bytes(path: &str, bytes: &[u8]) -> Result<Document, ExtractError> {
    let decoded = decode(bytes).map_err(|source| ExtractError::Decode {
        path: path.to_string(),
        source,
    })?;
    let lines = normalize(&decoded.text);
    let mut doc = crate::segment::segment(path, &lines);
    doc.info.encoding = decoded.encoding.to_string();
    if doc.tables.is_empty() && doc.narrative.iter().all(|p| !p.text.contains("预算")) {
        return Err(ExtractError::NotDisclosure {
            path: path.to_string(),
            reason: "没有找到任何预算公开表或预算说明".into(),
            reason_en: "no budget table or budget narrative found".into(),
        });
    }
    Ok(doc)
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
