//! PDF input: the text is extracted with poppler's `pdftotext -layout`, the converter most
//! disclosures go through. Form feeds (page breaks) are kept, so findings can name the page.

use std::path::Path;
use std::process::Command;

/// Does the file start like a PDF (after an optional BOM and blank lines)?
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let trimmed: &[u8] = {
        let mut b = bytes;
        if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            b = rest;
        }
        let skip = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
        b.get(skip..).unwrap_or(&[])
    };
    trimmed.starts_with(b"%PDF-")
}

/// Why a PDF could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("需要 poppler 的 pdftotext 才能读取 PDF，请安装 poppler-utils（如 `apt-get install poppler-utils`）(pdftotext from poppler is needed to read PDFs: install poppler-utils)")]
    Missing,
    #[error("pdftotext 无法提取文字 (pdftotext failed): {0}")]
    Failed(String),
    #[error("PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别）(the PDF has no extractable text; it may be a scan that needs OCR)")]
    NoText,
}

/// Extract the text of a PDF with `pdftotext -layout -enc UTF-8`.
pub fn pdf_to_text(path: &Path) -> Result<String, PdfError> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PdfError::Missing,
            _ => PdfError::Failed(e.to_string()),
        })?;
    if !out.status.success() {
        // poppler repeats its complaints on several lines ("Syntax Error: …" twice); one line
        // of distinct messages keeps the report one line per failed file.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut seen: Vec<&str> = Vec::new();
        for l in stderr.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !seen.contains(&l) {
                seen.push(l);
            }
        }
        let msg = seen.join("; ");
        return Err(PdfError::Failed(if msg.is_empty() {
            format!("exit status {}", out.status)
        } else {
            msg
        }));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if text.chars().all(|c| c.is_whitespace()) {
        return Err(PdfError::NoText);
    }
    Ok(text)
}
