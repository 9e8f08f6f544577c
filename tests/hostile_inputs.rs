//! Hostile and broken input, through the real binary: every case asserts the exact exit code
//! and the exact message (Chinese by default, English with `--lang en`). Files are generated at
//! test time; the broken disclosures are a real fixture (004, one row per line, tab cells) with
//! one thing changed, found by its content rather than by line number, so the rest of the
//! document is real. Never panic, never lie: what cannot be read is refused or reported with
//! its reason, and never checked as if it were a number.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const FIXTURE: &str = "004_68abc374c9e05f07.txt";

/// A fresh scratch folder under the target dir.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// Run the binary in `dir` (paths in messages are then as short as given).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("spawn budgetlint")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_has(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected\n{needle}\nin\n{haystack}"
    );
}

fn fixture_text() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(FIXTURE);
    std::fs::read_to_string(p).expect("fixture")
}

/// Write `bytes` as `name` in a fresh folder and check it: (output, folder).
fn check_bytes(case: &str, name: &str, bytes: &[u8], extra: &[&str]) -> Output {
    let dir = scratch(case);
    std::fs::write(dir.join(name), bytes).expect("write");
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    args.push(name);
    run_in(&dir, &args)
}

/// An unreadable file: exit 2, its reason on stderr, the total on stdout.
#[track_caller]
fn assert_refused(o: &Output, name: &str, reason: &str) {
    assert_eq!(code(o), 2, "{}{}", stdout(o), stderr(o));
    assert_eq!(stderr(o), format!("error: {name}: {reason}\n"));
    assert_eq!(
        stdout(o),
        "共 1 个文件：已检查 0 个，无法读取 1 个；0 个错误，0 个警告，0 个提示\n"
    );
}

/// Fixture 004 as lines, with the places the cases change.
struct Doc {
    lines: Vec<String>,
}

impl Doc {
    fn new() -> Doc {
        Doc {
            lines: fixture_text().split('\n').map(str::to_string).collect(),
        }
    }

    /// Index of the first line satisfying `pred` at or after `from`.
    fn find(&self, from: usize, pred: impl Fn(&str) -> bool) -> usize {
        (from..self.lines.len())
            .find(|&i| pred(&self.lines[i]))
            .expect("line in fixture")
    }

    /// 表3 部门支出总体情况表: its marker line ("表 3").
    fn t3_marker(&self) -> usize {
        self.find(0, |l| l.trim() == "表 3")
    }

    /// The row of 表3 whose cells start with `prefix` ("201\t03\t01\t").
    fn t3_row(&self, prefix: &str) -> usize {
        let title = self.find(self.t3_marker(), |l| l.trim() == "部门支出总体情况表");
        self.find(title, |l| l.starts_with(prefix))
    }

    /// 表3's 合计 row.
    fn t3_total(&self) -> usize {
        self.find(self.t3_marker(), |l| l.trim_start().starts_with("合计"))
    }

    /// Replace cell `k` of line `i`.
    fn set_cell(&mut self, i: usize, k: usize, v: &str) {
        let mut cells: Vec<String> = self.lines[i].split('\t').map(str::to_string).collect();
        cells[k] = v.to_string();
        self.lines[i] = cells.join("\t");
    }

    /// 0-based character column of cell `k` of line `i`.
    fn cell_col(&self, i: usize, k: usize) -> usize {
        self.lines[i]
            .split('\t')
            .take(k)
            .map(|c| c.chars().count() + 1)
            .sum()
    }

    fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn check(&self, case: &str, extra: &[&str]) -> Output {
        check_bytes(case, "planted.txt", self.text().as_bytes(), extra)
    }
}

/// Row 201 03 01 行政运行 of 表3: cells code, code, code, name, 合计, 基本支出, 项目支出.
const RUN_ROW: &str = "201\t03\t01\t";
const BASIC: usize = 5;
const PROJECT: usize = 6;

/// The header of a finding block in the text report: message and location.
fn block(head: &str, line: usize, col: Option<usize>) -> String {
    let pad = " ".repeat(line.to_string().len());
    match col {
        Some(c) => format!("{head}\n{pad}--> planted.txt:{line}:{}\n", c + 1),
        None => format!("{head}\n{pad}--> planted.txt:{line}\n"),
    }
}

fn summary_line(errors: usize, warnings: usize) -> String {
    format!("planted.txt：{errors} 个错误，{warnings} 个警告，0 个提示\n")
}

/// Exit 0 (a warning is below the default `--fail-on error`) and this one warning only;
/// returns the report.
#[track_caller]
fn assert_one_warning(o: &Output, head: &str, line: usize, col: Option<usize>) -> String {
    assert_eq!(code(o), 0, "{}{}", stdout(o), stderr(o));
    let out = stdout(o);
    assert_has(&out, &block(head, line, col));
    assert_has(&out, &summary_line(0, 1));
    out
}

// ---------------------------------------------------------------------------------------
// Files that are not text disclosures: refused with their reason, exit 2.

#[test]
fn empty_file() {
    let o = check_bytes("empty", "empty.txt", b"", &[]);
    assert_refused(&o, "empty.txt", "文件为空 (empty file)");
}

#[test]
fn whitespace_only_file() {
    let o = check_bytes(
        "blank",
        "blank.txt",
        " \n\t\r\n\u{3000}\n\u{c}".as_bytes(),
        &[],
    );
    assert_refused(
        &o,
        "blank.txt",
        "文件只有空白字符，没有内容 (file contains only whitespace)",
    );
}

const BROKEN_PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EO";
const NO_PDFTOTEXT: &str = "需要 poppler 的 pdftotext 才能读取 PDF，请安装 poppler-utils（如 \
     `apt-get install poppler-utils`）(pdftotext from poppler is needed to read PDFs: install \
     poppler-utils)";

/// The two honest outcomes of a broken PDF: pdftotext is missing (exact message), or it ran
/// and failed (exact prefix; the rest is poppler's own complaint, on one line), or it found
/// no text (exact message).
#[track_caller]
fn assert_broken_pdf_refused(o: &Output, name: &str) {
    assert_eq!(code(o), 2, "{}{}", stdout(o), stderr(o));
    let err = stderr(o);
    let missing = format!("error: {name}: {NO_PDFTOTEXT}\n");
    let failed = format!("error: {name}: pdftotext 无法提取文字 (pdftotext failed): ");
    let no_text = format!(
        "error: {name}: PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别）(the PDF has no \
         extractable text; it may be a scan that needs OCR)\n"
    );
    assert!(
        err == missing
            || err == no_text
            || (err.starts_with(&failed) && err.ends_with('\n') && err.lines().count() == 1),
        "{err}"
    );
}

#[test]
fn pdf_bytes_in_a_txt_file() {
    let o = check_bytes("pdf-txt", "report.txt", BROKEN_PDF, &[]);
    assert_broken_pdf_refused(&o, "report.txt");
}

#[test]
fn broken_pdf_file() {
    let o = check_bytes("pdf-broken", "report.pdf", BROKEN_PDF, &[]);
    assert_broken_pdf_refused(&o, "report.pdf");
}

#[test]
fn broken_pdf_without_pdftotext_says_what_to_install() {
    let dir = scratch("pdf-nopoppler");
    std::fs::write(dir.join("report.pdf"), BROKEN_PDF).expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(["check", "report.pdf"])
        .current_dir(&dir)
        .env("PATH", &dir)
        .output()
        .expect("spawn");
    assert_refused(&o, "report.pdf", NO_PDFTOTEXT);
}

#[test]
fn docx_zip_bytes() {
    let bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml";
    let expected = "这看起来是 DOCX/XLSX（ZIP 压缩包）文件，请先转换为纯文本 \
                    (this looks like a DOCX/ZIP: convert it to text first)";
    assert_refused(
        &check_bytes("docx", "report.docx", bytes, &[]),
        "report.docx",
        expected,
    );
    // The same bytes named .txt: the content decides, not the name.
    assert_refused(
        &check_bytes("docx-txt", "report.txt", bytes, &[]),
        "report.txt",
        expected,
    );
}

#[test]
fn png_bytes() {
    let o = check_bytes(
        "png",
        "scan.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        &[],
    );
    assert_refused(
        &o,
        "scan.txt",
        "这是图片文件（PNG），不是文本；扫描件需要先做文字识别（OCR） \
         (this is a PNG image, not text: run OCR first)",
    );
}

/// Bytes of the fixture with `insert` put into the middle of the first line holding
/// `marker`: (bytes, byte offset of the insertion, 1-based line).
fn with_bytes_inside(marker: &str, insert: &[u8]) -> (Vec<u8>, usize, usize) {
    let text = fixture_text();
    let start = text.find(marker).expect("marker");
    // Halfway through the marker, on a character boundary.
    let at = (start + marker.len() / 2..)
        .find(|&i| text.is_char_boundary(i))
        .expect("boundary");
    let line = text[..at].matches('\n').count() + 1;
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(insert);
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    (bytes, at, line)
}

#[test]
fn invalid_utf8_in_the_middle_is_refused_naming_the_line() {
    let (bytes, at, line) = with_bytes_inside("收支总预算 1247.22 万元", b"\xFF\xFE");
    let next: Vec<String> = bytes[at..at + 4]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let o = check_bytes("utf8-bad", "bad.txt", &bytes, &[]);
    assert_refused(
        &o,
        "bad.txt",
        &format!(
            "文本编码错误 (text encoding error): 文件是 UTF-8 编码，但第 {line} 行（第 {at} 字节）处\
             无效（共 2 处无效字节序列）(invalid UTF-8 at byte {at} (line {line}): {}; 2 invalid \
             sequence(s) in total)",
            next.join(" ")
        ),
    );
}

#[test]
fn gb18030_paragraph_in_a_utf8_file_is_refused_as_mixed() {
    let text = fixture_text();
    let para = "收入预算包括：一般公共预算等。";
    let start = text.find(para).expect("paragraph");
    let line = text[..start].matches('\n').count() + 1;
    let gb = encoding_rs::GB18030.encode(para).0;
    let mut bytes = text.as_bytes()[..start].to_vec();
    bytes.extend_from_slice(&gb);
    bytes.extend_from_slice(&text.as_bytes()[start + para.len()..]);
    let shown: Vec<String> = gb[..4].iter().map(|b| format!("0x{b:02X}")).collect();
    let o = check_bytes("mixed", "mixed.txt", &bytes, &[]);
    assert_eq!(code(&o), 2);
    assert_has(
        &stderr(&o),
        &format!(
            "error: mixed.txt: 文本编码错误 (text encoding error): 文件是 UTF-8 编码，但第 {line} \
             行（第 {start} 字节起）是 GB18030/GBK 编码：文件混用了两种编码，请整体转换为 UTF-8 后再\
             检查（共 "
        ),
    );
    assert_has(
        &stderr(&o),
        &format!(
            "(invalid UTF-8 at byte {start} (line {line}): {}; that line reads as GB18030/GBK: the \
             file mixes two encodings, convert it all to UTF-8; ",
            shown.join(" ")
        ),
    );
}

// ---------------------------------------------------------------------------------------
// Resource bounds.

const BIG: u64 = 200 * 1024 * 1024;

fn too_large(name: &str, size: u64, size_h: &str, limit: u64, limit_h: &str) -> String {
    format!(
        "{name}: 文件大小 {size_h}（{size} 字节）超过上限 {limit_h}（{limit} 字节），未读取；可用 \
         --max-size 调整 (file is {size_h} ({size} bytes), over the size limit of {limit_h} \
         ({limit} bytes): not read; raise the limit with --max-size)"
    )
}

/// A sparse file of `size` bytes that starts like a disclosure.
fn big_file(path: &Path, size: u64) {
    std::fs::write(path, "部门预算公开\n一般公共服务支出 1785.63 万元\n").expect("write");
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    f.set_len(size).expect("set_len");
}

#[test]
fn file_over_the_default_size_limit_is_refused_without_reading_it() {
    let dir = scratch("big");
    big_file(&dir.join("big.txt"), BIG);
    let start = Instant::now();
    let o = run_in(&dir, &["check", "big.txt"]);
    assert_refused(
        &o,
        "big.txt",
        too_large("big.txt", BIG, "200 MiB", 64 << 20, "64 MiB").trim_start_matches("big.txt: "),
    );
    // Refused from its metadata: reading 200 MB would take far longer.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    // `extract` has the same bound.
    let o = run_in(&dir, &["extract", "big.txt"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}\n",
            too_large("big.txt", BIG, "200 MiB", 64 << 20, "64 MiB")
        )
    );
}

#[test]
fn max_size_option_in_a_folder_batch() {
    let dir = scratch("big-folder");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).expect("mkdir");
    // Text this time (a sparse file of NULs found in a folder is skipped as binary): 65 MiB.
    let big_size: u64 = 65 << 20;
    let chunk = "一般公共服务支出\t1785.63\t1785.63\n".repeat(1024);
    let mut bytes = chunk
        .repeat((big_size as usize) / chunk.len() + 1)
        .into_bytes();
    bytes.truncate(big_size as usize);
    std::fs::write(docs.join("a-big.txt"), bytes).expect("write");
    std::fs::write(docs.join("b-004.txt"), fixture_text()).expect("write");
    let o = run_in(&dir, &["check", "docs"]);
    // The big file is reported, the other one is still checked, and 2 comes at the end.
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    let big = Path::new("docs").join("a-big.txt").display().to_string();
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}\n",
            too_large(&big, big_size, "65 MiB", 64 << 20, "64 MiB")
        )
    );
    assert_has(
        &stdout(&o),
        "共 2 个文件：已检查 1 个，无法读取 1 个；0 个错误，0 个警告，0 个提示",
    );
    // A smaller limit refuses the fixture too (34,470 bytes); a larger one lets it through.
    let size = std::fs::metadata(docs.join("b-004.txt"))
        .expect("meta")
        .len();
    let size_h = format!("{:.1} KiB", size as f64 / 1024.0);
    let o = run_in(&dir, &["check", "--max-size", "32K", "docs/b-004.txt"]);
    assert_refused(
        &o,
        "docs/b-004.txt",
        too_large("docs/b-004.txt", size, &size_h, 32 << 10, "32 KiB")
            .trim_start_matches("docs/b-004.txt: "),
    );
    let o = run_in(&dir, &["check", "--max-size", "64k", "docs/b-004.txt"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let o = run_in(
        &dir,
        &["check", "--max-size", &size.to_string(), "docs/b-004.txt"],
    );
    assert_eq!(code(&o), 0, "exactly the limit is allowed: {}", stderr(&o));
    // A bad size is a usage error.
    let o = run_in(&dir, &["check", "--max-size", "12Q", "docs"]);
    assert_eq!(code(&o), 2);
    assert_has(
        &stderr(&o),
        "error: invalid value '12Q' for '--max-size <SIZE>': 无效的大小 (invalid size) '12Q'：应为\
         字节数或带单位 K、M、G 的数，如 64M、200K (a number of bytes, or a number with K, M or G, \
         e.g. 64M, 200K)",
    );
    // And it can be set in budgetlint.toml.
    std::fs::write(dir.join("budgetlint.toml"), "max-size = \"1M\"\n").expect("write");
    let o = run_in(&dir, &["check", "--show-settings", "docs"]);
    assert_has(&stdout(&o), "max-size = \"1M\"\n");
}

#[cfg(target_os = "linux")]
#[test]
fn endless_stream_is_read_only_up_to_the_limit() {
    let o = run_in(
        &scratch("dev-zero"),
        &["check", "--max-size", "1K", "/dev/zero"],
    );
    assert_refused(
        &o,
        "/dev/zero",
        "读到 1025 字节时已超过上限 1 KiB（1024 字节），停止读取；可用 --max-size 调整 (more than \
         the size limit of 1 KiB (1024 bytes): reading stopped at 1025 bytes; raise the limit with \
         --max-size)",
    );
}

#[test]
fn ten_megabyte_line_is_checked_quickly_and_shown_as_a_window() {
    let mut doc = Doc::new();
    let i = doc.find(0, |l| {
        l.starts_with("新疆维吾尔自治区喀什地区喀什市人民政府办公室部门收入预算 1247.22 万元")
    });
    // A wrong amount (1247.32 for 1247.22) in the middle of a 10 MB line.
    let claim = doc.lines[i].replace("1247.22", "1247.32");
    let half = 5 * 1024 * 1024;
    doc.lines[i] = format!("{}。{claim}{}", "x".repeat(half), "y".repeat(half));
    let chars: Vec<char> = doc.lines[i].chars().collect();
    let at = doc.lines[i].find("1247.32").expect("amount");
    let col = doc.lines[i][..at].chars().count();
    let start = Instant::now();
    let o = doc.check("ten-mb-line", &[]);
    let took = start.elapsed();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    let line = i + 1;
    assert_has(
        &out,
        &block(
            "error[N120]: 说明中“新疆维吾尔自治区喀什地区喀什市人民政府办公室部门收入预算”为 \
             1247.32万元，表1“收入总计”收入为 1247.22 万元",
            line,
            Some(col),
        ),
    );
    // 60 characters either side of the figure, cut with "…", and the caret under the figure.
    let window: String = chars[col - 60..col + 7 + 60].iter().collect();
    assert_has(&out, &format!("{line} | …{window}…\n"));
    let before: usize = chars[col - 60..col]
        .iter()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    assert_has(&out, &format!("    | {}^^^^^^^\n", " ".repeat(1 + before)));
    assert!(out.len() < 4096, "{} bytes of report", out.len());
    assert_has(&out, &summary_line(1, 0));
    // Linear work: seconds in a debug build; quadratic would take hours.
    assert!(took < Duration::from_secs(120), "{took:?}");
}

// ---------------------------------------------------------------------------------------
// Broken tables: what can be checked is checked, what cannot is said.

#[test]
fn truncated_in_the_middle_of_a_table() {
    let mut doc = Doc::new();
    // A real error before the cut, in 表2: 行政单位医疗 总计 30.30 → 30.40.
    let t2 = doc.find(0, |l| l.trim() == "表 2");
    let med = doc.find(t2, |l| l.starts_with("210\t11\t01\t"));
    doc.set_cell(med, 4, "30.40");
    // Cut in the middle of 表3's row 208 05 05, in the middle of its name.
    let cut = doc.t3_row("208\t05\t05\t");
    doc.lines.truncate(cut + 1);
    let row = doc.lines[cut].clone();
    let name_mid = row
        .char_indices()
        .nth(15)
        .map(|(b, _)| b)
        .expect("long row");
    doc.lines[cut] = row[..name_mid].to_string();
    let o = doc.check("truncated", &[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    let line = cut + 1;
    assert_has(
        &out,
        &block(
            &format!(
                "warning[T003]: 表3：无法读取：表格在文件末尾（第 {line} 行）中断，没有合计行：文件可能\
                 被截断；最后一行及涉及本表合计、各列、科目或其他表的核对均未进行"
            ),
            line,
            None,
        ),
    );
    // The checks that can still run do: 表2's own error is found.
    assert_has(
        &out,
        "error[T101]: 表2 210 11 行政事业单位医疗“总计”列 34.53 ≠ 下级科目合计 34.63（差 -0.10）\n",
    );
    // Nothing is compared with the rows 表3 lost: no 表1/表2 vs 表3 identity fires.
    assert!(!out.contains("≠ 表3"), "{out}");
    assert!(!out.contains("error[X2"), "{out}");
    assert!(!out.contains("T101]: 表3"), "{out}");
    // The tables after the cut are missing, and said to be.
    assert_has(
        &out,
        "warning[T001]: 缺少一般公共预算支出情况表（一般公共预算支出表）\n",
    );
    // In English.
    let o = doc.check("truncated-en", &["--lang", "en"]);
    assert_eq!(code(&o), 1);
    assert_has(
        &stdout(&o),
        &format!(
            "warning[T003]: 表3: could not read: the table stops at the end of the file (line \
             {line}) without a 合计 row: the file may be truncated; its last row and the checks of \
             its totals, columns and codes or against other tables were skipped\n"
        ),
    );
}

#[test]
fn table_without_a_total_row() {
    let mut doc = Doc::new();
    let total = doc.t3_total();
    doc.lines.remove(total);
    let last = total; // 1-based line of the row above the removed 合计 row
    let o = doc.check("no-total", &["--fail-on", "warning"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert_has(
        &out,
        &block(
            "warning[T003]: 表3：无法读取：表格没有合计/总计行，各行无法与合计核对，表格可能不完整",
            last,
            None,
        ),
    );
    assert_has(&out, &summary_line(0, 1));
}

#[test]
fn row_with_an_extra_cell() {
    let mut doc = Doc::new();
    let i = doc.t3_row(RUN_ROW);
    doc.lines[i].push_str("\t99.99");
    let o = doc.check("extra-cell", &[]);
    // A warning, and no made-up difference from a figure put under the wrong column.
    assert_one_warning(
        &o,
        "warning[T003]: 表3：无法读取：该行有 8 格，本表其他行有 7 格：多了或少了一格，数字所在的\
         列无法确定，该行未核对",
        i + 1,
        None,
    );
}

#[test]
fn row_with_a_missing_cell() {
    let mut doc = Doc::new();
    // 一般行政管理事务: 合计 114.08, 基本支出 empty, 项目支出 114.08 → drop the empty cell,
    // which moves 114.08 under 基本支出.
    let i = doc.t3_row("201\t03\t02\t");
    let mut cells: Vec<&str> = doc.lines[i].split('\t').collect();
    assert_eq!(cells[BASIC], "");
    cells.remove(BASIC);
    doc.lines[i] = cells.join("\t");
    let o = doc.check("missing-cell", &["--lang", "en"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert_has(
        &out,
        &block(
            "warning[T003]: 表3: could not read: the row has 6 cells where the table's other rows \
             have 7: a cell is missing or extra, so the columns of its figures are unknown; the \
             row was not checked",
            i + 1,
            None,
        ),
    );
    assert_has(&out, "planted.txt: 0 errors, 1 warning, 0 infos\n");
}

#[test]
fn duplicated_table() {
    let mut doc = Doc::new();
    let (from, to) = (doc.t3_marker(), doc.t3_total());
    let copy: Vec<String> = doc.lines[from..=to].to_vec();
    let at = to + 1;
    doc.lines.insert(at, String::new());
    for (k, l) in copy.into_iter().enumerate() {
        doc.lines.insert(at + 1 + k, l);
    }
    let o = doc.check("duplicate", &[]);
    let first = doc.find(from, |l| l.trim() == "部门支出总体情况表") + 1;
    let second = doc.find(at, |l| l.trim() == "部门支出总体情况表") + 1;
    assert_one_warning(
        &o,
        &format!(
            "warning[T102]: 表3（部门支出总体情况表）重复出现：第 {second} 行又有一张同名、同样行的\
             表（首次在第 {first} 行），两次的数字相同；跨表核对只使用第一张"
        ),
        second,
        None,
    );
}

/// Put `value` in cell `k` of 行政运行 in 表3 and check.
fn with_cell(case: &str, k: usize, value: &str, extra: &[&str]) -> (Output, Doc, usize) {
    let mut doc = Doc::new();
    let i = doc.t3_row(RUN_ROW);
    doc.set_cell(i, k, value);
    let o = doc.check(case, extra);
    (o, doc, i)
}

/// A malformed number in 行政运行's 基本支出 cell: T003 with the line, the column and the
/// text as printed; the cell is unknown, so neither the row identity (X101) nor the
/// hierarchy (T101) reports a difference that is not in the document.
#[track_caller]
fn assert_unreadable_cell(case: &str, value: &str) {
    let (o, doc, i) = with_cell(case, BASIC, value, &[]);
    let out = assert_one_warning(
        &o,
        &format!(
            "warning[T003]: 表3：无法读取：“基本支出”列的单元格“{value}”不是可读的数字，该格未核对"
        ),
        i + 1,
        Some(doc.cell_col(i, BASIC)),
    );
    assert!(!out.contains("X101") && !out.contains("T101"), "{out}");
}

#[test]
fn number_with_two_points() {
    assert_unreadable_cell("num-dotdot", "1..2");
}

#[test]
fn number_with_several_decimal_points() {
    assert_unreadable_cell("num-multi", "12.345.67");
}

#[test]
fn number_with_a_malformed_thousands_separator() {
    assert_unreadable_cell("num-badsep", "1,23.4");
}

#[test]
fn number_ending_in_a_point() {
    assert_unreadable_cell("num-trail", "870.");
}

#[test]
fn number_starting_with_a_point() {
    assert_unreadable_cell("num-lead", ".5");
}

/// The 收支总表 row "一、本年收入 | amount | 201 一般公共服务支出 | amount".
fn summary_income_row(doc: &Doc) -> usize {
    doc.find(0, |l| l.starts_with("一、本年收入\t") && l.contains("201 "))
}

/// A malformed amount on the income side of 收支总表: T003 names it, and the income sums
/// over that item (T105) are not checked instead of being reported against a zero.
#[test]
fn unreadable_income_amount_in_the_summary_table() {
    let mut doc = Doc::new();
    let i = summary_income_row(&doc);
    doc.set_cell(i, 1, "1247..22");
    let o = doc.check("summary-income", &[]);
    let out = assert_one_warning(
        &o,
        "warning[T003]: 表1：无法读取：收入栏的金额“1247..22”不是可读的数字，该项未核对",
        i + 1,
        Some(doc.cell_col(i, 1)),
    );
    assert!(!out.contains("T105"), "{out}");
}

/// A malformed amount on the expense side of 收支总表: T003, and the row is left out of the
/// checks (no X125 / X201 difference invented from a missing 201).
#[test]
fn unreadable_expense_amount_in_the_summary_table() {
    let mut doc = Doc::new();
    let i = summary_income_row(&doc);
    doc.set_cell(i, 3, "98,4.62");
    let o = doc.check("summary-expense", &[]);
    let out = assert_one_warning(
        &o,
        "warning[T003]: 表1：无法读取：支出栏的单元格“98,4.62”不是可读的数字，该行未核对",
        i + 1,
        Some(doc.cell_col(i, 3)),
    );
    assert!(!out.contains("X125") && !out.contains("X201"), "{out}");
}

#[test]
fn unreadable_number_in_english() {
    let (o, doc, i) = with_cell("num-dotdot-en", BASIC, "1..2", &["--lang", "en"]);
    assert_eq!(code(&o), 0);
    assert_has(
        &stdout(&o),
        &block(
            "warning[T003]: 表3: could not read: cell “1..2” in column “基本支出” is not a \
             readable number: it was not checked",
            i + 1,
            Some(doc.cell_col(i, BASIC)),
        ),
    );
}

#[test]
fn dash_and_em_dash_are_empty_cells() {
    for (case, mark) in [("dash", "-"), ("em-dash", "—")] {
        // 行政运行 has no 项目支出: a dash there is the same empty cell.
        let (o, _, i) = with_cell(case, PROJECT, mark, &[]);
        assert_eq!(code(&o), 0, "{mark}: {}", stdout(&o));
        assert_eq!(
            stdout(&o),
            format!(
                "{}共 1 个文件：已检查 1 个，无法读取 0 个；0 个错误，0 个警告，0 个提示\n",
                summary_line(0, 0)
            ),
            "{mark}"
        );
        // …and not part of the row's name.
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("hostile")
            .join(case);
        let x = run_in(&dir, &["extract", "--format", "text", "planted.txt"]);
        let table = stdout(&x);
        assert_has(&table, &format!("  {} | 201 03 01 行政运行 ", i + 1));
        assert!(!table.contains(&format!("行政运行{mark}")), "{table}");
    }
}

#[test]
fn full_width_digits_are_the_same_number() {
    let mut doc = Doc::new();
    let i = doc.t3_row(RUN_ROW);
    doc.set_cell(i, 4, "８７０.５４");
    doc.set_cell(i, BASIC, "８７０．５４");
    let o = doc.check("full-width", &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_has(&stdout(&o), &summary_line(0, 0));
}

#[test]
fn zero_is_a_value_not_an_empty_cell() {
    // 0.00 in place of 870.54: the row no longer adds up, and the message says 0.00, not (无).
    let (o, doc, i) = with_cell("zero", BASIC, "0.00", &[]);
    assert_eq!(code(&o), 1);
    assert_has(
        &stdout(&o),
        &block(
            "error[X101]: 表3 201 03 01 行政运行 合计 870.54 ≠ 基本支出 + 项目支出 0.00（差 870.54）",
            i + 1,
            Some(doc.cell_col(i, 4)),
        ),
    );
    // 0.00 in the empty 项目支出 cell: consistent.
    let (o, _, _) = with_cell("zero-empty", PROJECT, "0.00", &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

/// 行政运行 as 合计 870.54 = 基本支出 880.54 + 项目支出 −10.00: the row holds, and the
/// negative is added into 201 03's 项目支出 (114.08 printed, 104.08 summed).
#[track_caller]
fn assert_negative_is_kept(case: &str, printed: &str) {
    let mut doc = Doc::new();
    let i = doc.t3_row(RUN_ROW);
    doc.set_cell(i, BASIC, "880.54");
    doc.set_cell(i, PROJECT, printed);
    let o = doc.check(case, &[]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(!out.contains("X101"), "{out}");
    let parent = doc.t3_row("201\t03\t\t") + 1;
    assert_has(
        &out,
        &format!(
            "error[T101]: 表3 201 03 政府办公厅（室）及相关机构事务“项目支出”列 114.08 ≠ 下级科目合计 \
             104.08（差 10.00）\n   --> planted.txt:{parent}:"
        ),
    );
    assert_has(
        &out,
        "error[T101]: 表3 201 03 政府办公厅（室）及相关机构事务“基本支出”列 870.54 ≠ 下级科目合计 \
         880.54（差 -10.00）",
    );
}

#[test]
fn negative_amount_is_kept_and_checked() {
    assert_negative_is_kept("negative", "-10.00");
}

#[test]
fn parenthesized_amount_is_an_accounting_negative() {
    assert_negative_is_kept("accounting", "(10.00)");
}

/// A row with a code cell that is not a code, inserted under 行政运行.
fn with_bad_code(case: &str, code_text: &str, extra: &[&str]) -> (Output, usize) {
    let mut doc = Doc::new();
    let i = doc.t3_row(RUN_ROW) + 1;
    doc.lines
        .insert(i, format!("{code_text}\t\t\t其他支出\t1.00\t1.00\t"));
    (doc.check(case, extra), i + 1)
}

#[test]
fn nonsense_code_of_digits() {
    let (o, line) = with_bad_code("code-99999", "99999", &[]);
    assert_one_warning(
        &o,
        &format!(
            "warning[T103]: 表3 第 {line} 行：“99999”不是科目编码（功能分类编码为类 3 位（2 开头）、\
             款 2 位、项 2 位，如 201 03 01），该行不在任何小计之内，其数字未计入上级科目的核对"
        ),
        line,
        Some(0),
    );
}

#[test]
fn nonsense_code_with_a_letter() {
    let (o, line) = with_bad_code("code-2x01", "2x01", &["--lang", "en"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_has(
        &stdout(&o),
        &block(
            &format!(
                "warning[T103]: 表3 line {line}: “2x01” is not a classification code (function \
                 codes are a 3-digit class starting with 2, a 2-digit item and sub-item, e.g. 201 \
                 03 01); the row is outside every subtotal and its figures were left out of the \
                 checks of the codes above it"
            ),
            line,
            Some(0),
        ),
    );
}

#[test]
fn table_title_at_the_end_with_no_table() {
    let mut doc = Doc::new();
    doc.lines
        .extend(["", "表 12", "", "部门项目支出情况表", ""].map(String::from));
    let line = doc.lines.len() - 1;
    let o = doc.check("title-end", &[]);
    let out = assert_one_warning(
        &o,
        "warning[T003]: 表12：无法读取：标题之后没有表格内容（没有表头，也没有数据行），文件可能不完整",
        line,
        None,
    );
    // Not passed off as an empty table with a note (T002) borrowed from another table.
    assert!(!out.contains("T002"), "{out}");
}

#[test]
fn table_title_in_the_middle_with_no_table() {
    let mut doc = Doc::new();
    let t4 = doc.find(0, |l| l.trim() == "表 4");
    for (k, l) in ["表 12", "", "部门项目支出情况表", ""].iter().enumerate() {
        doc.lines.insert(t4 + k, l.to_string());
    }
    let o = doc.check("title-middle", &[]);
    assert_one_warning(
        &o,
        "warning[T003]: 表12：无法读取：标题之后没有表格内容（没有表头，也没有数据行），文件可能不完整",
        t4 + 3,
        None,
    );
}

// ---------------------------------------------------------------------------------------
// Determinism.

#[test]
fn same_folder_same_json_whatever_the_threads() {
    let dir = scratch("determinism");
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("sub")).expect("mkdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for f in std::fs::read_dir(&fixtures).expect("fixtures") {
        let p = f.expect("entry").path();
        // The folder's own files; fixtures/shanghai is exercised by tests/samples_reviewed.rs.
        if p.is_file() {
            std::fs::copy(&p, docs.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    // Broken ones among them: several findings per file, an unreadable file, a refused one.
    let mut doc = Doc::new();
    let i = doc.t3_row(RUN_ROW);
    doc.set_cell(i, BASIC, "1..2");
    let total = doc.t3_total();
    doc.lines.truncate(total);
    std::fs::write(docs.join("sub").join("broken.txt"), doc.text()).expect("write");
    std::fs::write(docs.join("sub").join("empty.txt"), b"").expect("write");
    std::fs::write(docs.join("sub").join("scan.txt"), b"\x89PNG\r\n\x1a\n").expect("write");
    let json = |jobs: &str| {
        let o = run_in(
            &dir,
            &["check", "--format", "json", "-q", "-j", jobs, "docs"],
        );
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        o.stdout
    };
    let one = json("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, json("2"), "-j 1 and -j 2 differ");
    assert_eq!(one, json("2"), "two runs of -j 2 differ");
    assert_eq!(one, json("1"), "two runs of -j 1 differ");
}
