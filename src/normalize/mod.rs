//! Stage 2: text → numbered, normalized lines.
//!
//! One output line per input line (CRLF, LF and lone CR each end a line), so that findings
//! can cite the line a reader sees in their editor. Each line is cleaned independently, in
//! this order (each step's comments say why):
//! 1. HTML tags and entities ([`html`]);
//! 2. thousands separators, before full-width digits are mapped (the `，` rule needs them);
//! 3. characters: Unicode spaces → ' ', full-width digits/letters/operators → ASCII,
//!    invisible and control characters (form feeds included) dropped ([`chars`]);
//! 4. full-width decimal points between digits;
//! 5. spaced-out headers joined ("收 入 总 计" → "收入总计");
//! 6. stray spaces inside a number in a tab-delimited cell ("1247.2 2" → "1247.22");
//! 7. trailing whitespace trimmed, tabs kept (they mark cells, even empty ones).
//!
//! Deliberately left as printed: Chinese punctuation （）：，。、 (names are compared as
//! printed), "1,23.4" and other malformed groupings, a list number before a year
//! ("4．2025年…"), spaces between numbers outside tab cells (in `pdftotext -layout` rows they
//! separate columns), and the three code-column headers "类 款 项".

mod chars;
mod html;
mod numbers;
mod page;
mod spacing;

pub use page::{is_page_break_marker, is_page_number};

/// One line of the source after normalization. `number` is 1-based in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub number: usize,
    /// PDF page (1-based) when the text carries form feeds (or page-break marker lines).
    pub page: Option<u32>,
    /// The line as decoded (line end removed).
    pub raw: String,
    /// The normalized line.
    pub text: String,
}

/// Split into lines at CRLF, LF or lone CR. A final line end does not start an extra empty
/// line ("a\nb\n" has 2 lines, as in an editor); an empty text has none.
/// `s` without whitespace: how a title, caption or name is compared whatever the layout's
/// spacing ("目   录", "部 门 预 算").
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether the characters of `short` occur in `long` in order: an abbreviated name keeps the
/// full name's order ("克州政府办公室" for "克孜勒苏柯尔克孜自治州人民政府办公室", "区委社会工作部"
/// for "中共上海市普陀区委社会工作部").
pub fn abbreviates(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|l| l == c))
}

pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(at) => {
                lines.push(rest.get(..at).unwrap_or_default());
                let skip = if rest.get(at..at + 2) == Some("\r\n") {
                    2
                } else {
                    1
                };
                rest = rest.get(at + skip..).unwrap_or_default();
            }
            None => {
                lines.push(rest);
                rest = "";
            }
        }
    }
    lines
}

/// Normalize a decoded document into numbered lines with page numbers.
///
/// A line's page is 1 + the number of page breaks before it; a form feed at the start of a
/// line (where `pdftotext` puts it) belongs to that line, so the line opens the new page. A
/// marker line such as "-- PAGE_BREAK --" ends its page. `page` is `None` when the document
/// has no page breaks at all.
pub fn normalize(text: &str) -> Vec<SourceLine> {
    let lines = split_lines(text);
    let paged = text.contains('\u{c}') || lines.iter().any(|l| is_page_break_marker(l));
    let mut breaks: u32 = 0;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let leading = raw
                .chars()
                .take_while(|c| c.is_whitespace())
                .filter(|c| *c == '\u{c}')
                .count();
            let total = raw.matches('\u{c}').count();
            breaks = breaks.saturating_add(u32::try_from(leading).unwrap_or(u32::MAX));
            let page = paged.then_some(breaks.saturating_add(1));
            breaks = breaks.saturating_add(u32::try_from(total - leading).unwrap_or(u32::MAX));
            if is_page_break_marker(raw) {
                breaks = breaks.saturating_add(1);
            }
            SourceLine {
                number: i + 1,
                page,
                text: normalize_line(raw),
                raw: raw.to_string(),
            }
        })
        .collect()
}

/// Normalize one line (no line ends inside). See the module docs for the steps.
pub fn normalize_line(raw: &str) -> String {
    let s = html::strip_html(raw);
    let s = numbers::join_thousands(&s);
    let s = chars::map_chars(&s);
    let s = numbers::fullwidth_points(&s);
    let s = spacing::merge_spaced_cjk(&s);
    let s = numbers::join_cell_number_spaces(&s);
    s.trim_end_matches(|c: char| c.is_whitespace() && c != '\t')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        normalize(t).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn line_ends_all_kinds() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(split_lines("a\r\r\nb"), ["a", "", "b"]);
        assert_eq!(split_lines("\n"), [""]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn numbering_is_one_to_one() {
        let lines = normalize("一\r\n\r\n三\r四\n");
        let nums: Vec<_> = lines.iter().map(|l| (l.number, l.raw.as_str())).collect();
        assert_eq!(nums, [(1, "一"), (2, ""), (3, "三"), (4, "四")]);
        assert!(lines.iter().all(|l| l.page.is_none()));
    }

    #[test]
    fn form_feeds_make_pages() {
        let lines = normalize("封面\n\u{c}   目 录\n一\n\u{c}第二页\n\u{c}");
        let pages: Vec<_> = lines.iter().map(|l| l.page).collect();
        assert_eq!(pages, [Some(1), Some(2), Some(2), Some(3), Some(4)]);
        assert_eq!(lines.get(1).map(|l| l.text.as_str()), Some("   目录"));
        assert_eq!(lines.get(1).map(|l| l.raw.as_str()), Some("\u{c}   目 录"));
        assert_eq!(lines.get(4).map(|l| l.text.as_str()), Some(""));
    }

    #[test]
    fn form_feed_mid_line_counts_for_next_lines() {
        let pages: Vec<_> = normalize("a\u{c}b\nc").iter().map(|l| l.page).collect();
        assert_eq!(pages, [Some(1), Some(2)]);
    }

    #[test]
    fn page_break_marker_lines_make_pages() {
        let lines = normalize("封面\n-- PAGE_BREAK --\n目录\n");
        let pages: Vec<_> = lines.iter().map(|l| l.page).collect();
        assert_eq!(pages, [Some(1), Some(1), Some(2)]);
        assert_eq!(
            lines.get(1).map(|l| l.text.as_str()),
            Some("-- PAGE_BREAK --")
        );
    }

    #[test]
    fn trailing_whitespace_trimmed_tabs_kept() {
        assert_eq!(texts("\t\u{3000}"), ["\t"]);
        assert_eq!(texts("a\t\t"), ["a\t\t"]);
        assert_eq!(texts("\t10.00 "), ["\t10.00"]);
        assert_eq!(texts("  缩进  \u{3000}"), ["  缩进"]);
        assert_eq!(texts("a\u{3000}\u{3000}b"), ["a  b"]);
    }

    #[test]
    fn full_pipeline_examples() {
        assert_eq!(normalize_line("６.６"), "6.6");
        assert_eq!(normalize_line("１２．３４"), "12.34");
        assert_eq!(normalize_line("１，２３４．５６"), "1234.56");
        assert_eq!(normalize_line("<p>12.5</p>"), "12.5");
        assert_eq!(normalize_line("1,23.4"), "1,23.4");
        assert_eq!(normalize_line("14,348,853.34"), "14348853.34");
        assert_eq!(
            normalize_line("政府办公厅（室）：合计，"),
            "政府办公厅（室）：合计，"
        );
        assert_eq!(normalize_line("指标值＞＝９５％"), "指标值>=95%");
        assert_eq!(normalize_line("&nbsp;&nbsp;合计&nbsp;"), "  合计");
        assert_eq!(
            normalize_line("功能分类 科目编码\t总 计\t财 政 拨 款 （ 补 助 ）\t"),
            "功能分类 科目编码\t总计\t财政拨款（补助）\t"
        );
        assert_eq!(
            normalize_line("2010301\t行政运行\t1247.2 2\t1 247.22"),
            "2010301\t行政运行\t1247.22\t1247.22"
        );
        assert_eq!(normalize_line("  4．2025年部门预算"), "  4．2025年部门预算");
        assert_eq!(normalize_line("合计 6.6 17"), "合计 6.6 17");
    }

    #[test]
    fn huge_single_line_is_linear() {
        // 10 MB on one line with every rule triggered many times.
        let unit = "收 入 总 计\t1,234.56\t１２．３４\t<p>1247.2 2</p>\t&amp;\u{3000}\t";
        let line = unit.repeat(10 * 1024 * 1024 / unit.len());
        let start = std::time::Instant::now();
        let lines = normalize(&line);
        assert_eq!(lines.len(), 1);
        assert!(lines.first().is_some_and(|l| l
            .text
            .starts_with("收入总计\t1234.56\t12.34\t1247.22\t& \t收入总计\t")));
        // Generous bound for debug builds on a shared machine; quadratic would take hours.
        assert!(start.elapsed().as_secs() < 60);
    }
}
