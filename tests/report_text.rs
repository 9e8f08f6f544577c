//! The rustc-style text block: location with column and page, underline under CJK text,
//! related lines with their source, colour codes only when asked.

use budgetlint::model::{Document, DocumentInfo};
use budgetlint::render::{self, Style};
use budgetlint::rules::{Finding, Lang, Message, Severity};

fn doc(lines: &[&str], pages: Vec<Option<u32>>) -> Document {
    Document {
        path: "a.txt".into(),
        info: DocumentInfo::default(),
        tables: Vec::new(),
        performance: Vec::new(),
        narrative: Vec::new(),
        claims: Vec::new(),
        lines: lines.iter().map(|s| s.to_string()).collect(),
        pages,
    }
}

fn finding() -> Finding {
    let mut f = Finding::new(
        "X101",
        3,
        Message::new("表三 合计 不等于各行之和", "table 3 total is not the sum"),
    );
    f.severity = Severity::Warning;
    // "２０１　一般公共服务支出　１２.５" — full-width digits and spaces, the figure at char 13.
    f.col = Some(13);
    f.width = 4;
    f.related_lines = vec![1, 2];
    f.expected = Some("12.4".into());
    f.actual = Some("12.5".into());
    f.difference = Some("0.1".into());
    f.tolerance = Some("0.05".into());
    f
}

const LINES: [&str; 3] = [
    "201 01\t一般公共服务\t10.0",
    "201 02\t其他\t2.4",
    "２０１　一般公共服务支出　12.5",
];

#[test]
fn location_has_column_and_page() {
    let d = doc(&LINES, vec![Some(1), Some(1), Some(3)]);
    let s = render::finding_text(&finding(), "a.txt", Some(&d), Lang::Zh);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines[0], "warning[X101]: 表三 合计 不等于各行之和");
    assert_eq!(lines[1], " --> a.txt:3:14（第 3 页）");
    let en = render::finding_text(&finding(), "a.txt", Some(&d), Lang::En);
    assert!(en.contains(" --> a.txt:3:14 (page 3)"), "{en}");
    // Without page breaks, no page.
    let d = doc(&LINES, Vec::new());
    let s = render::finding_text(&finding(), "a.txt", Some(&d), Lang::Zh);
    assert!(s.lines().nth(1) == Some(" --> a.txt:3:14"), "{s}");
}

#[test]
fn underline_counts_full_width_characters_twice() {
    let d = doc(&LINES, Vec::new());
    let s = render::finding_text(&finding(), "a.txt", Some(&d), Lang::Zh);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines[3], "3 | ２０１　一般公共服务支出　12.5");
    // 13 characters before the figure, all full width: 26 columns.
    assert_eq!(lines[4], format!("  | {}^^^^", " ".repeat(26)));
}

#[test]
fn related_lines_are_listed_and_shown() {
    let d = doc(&LINES, Vec::new());
    let s = render::finding_text(&finding(), "a.txt", Some(&d), Lang::Zh);
    assert!(
        s.contains("  = 预期 12.4，实际 12.5，差 0.1（容差 0.05）"),
        "{s}"
    );
    assert!(s.contains("  = 相关行：1, 2"), "{s}");
    assert!(
        s.contains("1 | 201 01    一般公共服务    10.0"),
        "tabs shown as 4: {s}"
    );
    assert!(s.contains("2 | 201 02    其他    2.4"), "{s}");
}

#[test]
fn colour_codes_only_with_colour() {
    let d = doc(&LINES, Vec::new());
    let plain = render::finding_text(&finding(), "a.txt", Some(&d), Lang::Zh);
    assert!(!plain.contains('\x1b'));
    let coloured = render::finding_text_styled(
        &finding(),
        "a.txt",
        Some(&d),
        Lang::Zh,
        Style { color: true },
    );
    assert!(
        coloured.starts_with("\x1b[1;33mwarning[X101]\x1b[0m"),
        "{coloured:?}"
    );
    // Same text once the escape codes are removed.
    let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
        .expect("regex")
        .replace_all(&coloured, "");
    assert_eq!(stripped, plain);
}
