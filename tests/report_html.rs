//! The HTML report: a self-contained page with a summary per department and each finding
//! beside its table, the wrong cell highlighted. Rendered in headless Chromium when it is
//! installed (`apt-get install chromium`): the screenshot must not be blank and must show
//! the red highlight of the wrong cell. Without Chromium that part is skipped, loudly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("spawn budgetlint")
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// Seed 001 with 表六 合计 公用经费 126.79 → 126.89 (line 629), plus seed 004 (clean) and a
/// file that is not a disclosure. The page is made with `--select X` (table identities), under
/// which only the planted figure is wrong.
fn inputs(d: &Path) {
    let text =
        std::fs::read_to_string(root().join("fixtures/001_21f1af62e491819b.txt")).expect("fixture");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert!(lines[628].contains("126.79"));
    lines[628] = lines[628].replacen("126.79", "126.89", 1);
    std::fs::write(d.join("a_planted.txt"), lines.join("\n") + "\n").expect("write");
    std::fs::copy(
        root().join("fixtures/004_68abc374c9e05f07.txt"),
        d.join("b_clean.txt"),
    )
    .expect("copy");
    std::fs::write(d.join("c_memo.txt"), "会议纪要\n").expect("write");
}

fn page(d: &Path) -> String {
    let o = run_in(
        d,
        &[
            "check",
            "--select",
            "X",
            "--format",
            "html",
            "-o",
            "report.html",
            "a_planted.txt",
            "b_clean.txt",
            "c_memo.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "c_memo.txt is not a disclosure");
    std::fs::read_to_string(d.join("report.html")).expect("report written")
}

#[test]
fn html_page_is_self_contained_with_highlighted_cells() {
    let d = scratch("html_structure");
    inputs(&d);
    let html = page(&d);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    // Nothing fetched: no script, no external stylesheet, image or font.
    for bad in ["<script", "<link", "src=\"http", "url(http", "@import"] {
        assert!(!html.contains(bad), "{bad}");
    }
    // Summary per department: both departments, linked to their sections.
    assert!(html.contains("喀什经济开发区党政办公室"));
    assert!(html.contains("喀什市人民政府办公室"));
    assert!(html.contains("<a href=\"#f1\">a_planted.txt</a>"));
    assert!(html.contains("<section id=\"f1\">"));
    // The wrong cell: 126.89 in 表六, highlighted and tied to its finding number.
    let cell = html
        .split("<td class=\"num bad\"")
        .skip(1)
        .find(|c| c.contains(">126.89<sup>"))
        .unwrap_or_else(|| panic!("126.89 highlighted as a bad cell"));
    assert!(cell.contains("title=\"第 629 行\""), "{cell}");
    assert!(html.contains("<h3>表六"));
    assert!(html.contains("class=\"finding error\""));
    assert!(html.contains("X126"));
    // The clean file says so; the memo's error is shown.
    assert!(html.contains("未发现问题"));
    assert!(html.contains("不是部门预算公开文件"));
    // Cells of other findings' tables are not marked: only the planted ones are bad.
    assert_eq!(
        html.matches("class=\"num bad\"").count(),
        html.matches("<div class=\"finding ").count(),
        "one highlighted cell per finding"
    );
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|n| Path::new("/usr/bin").join(n))
        .find(|p| p.exists())
}

#[test]
fn html_page_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!(
            "\n!!! SKIPPED html_page_renders_in_headless_chromium: no Chromium in /usr/bin \
             (apt-get install chromium) — the HTML report was NOT rendered in a browser !!!\n"
        );
        return;
    };
    let d = scratch("html_browser");
    inputs(&d);
    page(&d);
    let png = d.join("report.png");
    let profile = d.join("profile");
    let o = Command::new("timeout")
        .arg("120")
        .arg(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", d.join("report.html").display()))
        .output()
        .expect("spawn chromium");
    assert!(
        png.exists(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png).expect("png"),
    ));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    assert_eq!(info.width, 1400);
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let mut ink = 0usize;
    let mut highlight = 0usize;
    let pixels = bytes.len() / channels;
    for px in bytes.chunks(channels) {
        let (r, g, b) = (px[0], px[1], px[2]);
        if r < 200 || g < 200 || b < 200 {
            ink += 1;
        }
        // The bad cell's background #ffcdd2.
        if r > 245 && (195..=215).contains(&g) && (200..=220).contains(&b) {
            highlight += 1;
        }
    }
    assert!(
        ink * 100 > pixels,
        "page looks blank: {ink} dark pixels of {pixels}"
    );
    assert!(
        highlight > 200,
        "the highlighted cell is not visible ({highlight} pixels)"
    );
}
