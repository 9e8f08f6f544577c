//! `budgetlint` reads the PDF an auditor actually has: the test writes a real PDF (CJK text
//! in the standard STSong-Light font, one page per form feed of a fixture) and reads it back
//! through `pdftotext -layout`. Skipped, loudly, where poppler is not installed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Write `text` (pages separated by form feeds) as a PDF whose text layer reproduces it.
pub fn write_pdf(text: &str, path: &Path) {
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let mut objs: Vec<String> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 cid font, 5 descriptor; then page/content pairs.
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 6 + 2 * i))
        .collect();
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    ));
    objs.push("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>".into());
    objs.push("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 500 >>".into());
    objs.push("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".into());
    let size = 6.0;
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.split('\n').collect();
        let height = 40.0 + lines.len() as f64 * size * 1.5;
        let mut content = String::new();
        for (n, line) in lines.iter().enumerate() {
            let y = height - 20.0 - n as f64 * size * 1.5;
            // Every glyph is half an em wide and each word sits at its character column, so
            // the text layer reproduces the columns of the fixture.
            let chars: Vec<char> = line.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].is_whitespace() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let mut hex = String::new();
                for u in word.encode_utf16() {
                    let _ = write!(hex, "{u:04X}");
                }
                let x = 10.0 + start as f64 * size * 0.5;
                let _ = writeln!(content, "BT /F1 {size} Tf {x:.1} {y:.1} Td <{hex}> Tj ET");
            }
        }
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1000 {height:.0}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            7 + 2 * i
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{}endstream",
            content.len(),
            content
        ));
    }
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{}\nendobj\n", i + 1, o);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1);
    for off in offsets {
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
        objs.len() + 1,
        xref
    );
    std::fs::write(path, out).unwrap();
}

fn have_pdftotext() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

#[test]
fn pdf_of_a_fixture_reads_like_its_text() {
    if !have_pdftotext() {
        eprintln!("SKIPPED: pdftotext (poppler-utils) is not installed");
        return;
    }
    let text = std::fs::read_to_string(fixture("wanli-2025-dept-budget.layout.txt")).unwrap();
    let dir = std::env::temp_dir().join(format!("budgetlint-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("wanli.pdf");
    write_pdf(&text, &pdf);
    let from_pdf = budgetlint::extract(&pdf).unwrap();
    let from_text = budgetlint::extract(&fixture("wanli-2025-dept-budget.layout.txt")).unwrap();
    let figures = |d: &budgetlint::model::Document| -> Vec<(String, Vec<Option<String>>)> {
        d.tables
            .iter()
            .flat_map(|t| {
                t.rows.iter().map(move |r| {
                    (
                        format!("{} {}", t.label, r.label()),
                        r.values
                            .iter()
                            .map(|v| v.as_ref().map(|f| f.printed()))
                            .collect(),
                    )
                })
            })
            .collect()
    };
    let (a, b) = (figures(&from_pdf), figures(&from_text));
    let diff: Vec<_> = a
        .iter()
        .zip(b.iter())
        .filter(|(x, y)| x != y)
        .take(5)
        .collect();
    assert!(
        diff.is_empty() && a.len() == b.len(),
        "{} vs {} rows; first differences: {diff:?}",
        a.len(),
        b.len()
    );
    // Page breaks survive, so a line can be located in the PDF.
    let t = from_pdf
        .table(budgetlint::model::TableKind::BasicEconomic)
        .unwrap();
    assert!(from_pdf.page_of(t.line).unwrap_or(0) > 1);
    if std::env::var_os("KEEP_PDF").is_none() {
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// `budgetlint check x.pdf` end to end: a planted error in a PDF is reported with the page
/// an auditor can open.
#[test]
fn check_a_pdf_reports_the_page() {
    if !have_pdftotext() {
        eprintln!("SKIPPED: pdftotext (poppler-utils) is not installed");
        return;
    }
    let text = std::fs::read_to_string(fixture("wanli-2025-dept-budget.layout.txt")).unwrap();
    // 表 部门支出预算总表 合计 row: 基本支出 101,341,746 → 101,341,756.
    let planted = text.replacen(
        "合计   189,767,551   101,341,746   88,425,805",
        "合计   189,767,551   101,341,756   88,425,805",
        1,
    );
    assert_ne!(planted, text);
    let dir = std::env::temp_dir().join(format!("budgetlint-pdfcheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("planted.pdf");
    write_pdf(&planted, &pdf);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(["check", "--format", "json"])
        .arg(&pdf)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["actual"] == "101341756")
        .unwrap_or_else(|| panic!("no finding on the planted figure: {findings:#?}"));
    // The 部门支出预算总表 starts on the PDF's page 5 (after the narrative pages).
    let page = f["page"].as_u64().expect("page");
    assert!(page >= 2, "page {page}");
    // The PDF has one page per form feed of the fixture: the page of the planted line there.
    let at = planted.find("101,341,756").unwrap();
    let expected = planted[..at].matches('\u{c}').count() + 1;
    assert_eq!(page as usize, expected);
}
