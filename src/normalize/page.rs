//! Page furniture: page-number lines and page-break markers.
use once_cell::sync::Lazy;
use regex::Regex;

static PAGE_NUMBER: Lazy<Regex> = Lazy::new(|| {
    let n = r"([1-9][0-9]{0,3})";
    let dash = r"[-‐‑–—―－−]+";
    let pattern = format!(
        r"(?i)^(?:{n}|{dash}\s*{n}\s*{dash}|第\s*{n}\s*页(?:\s*[,，、/／]?\s*共\s*{n}\s*页)?|共\s*{n}\s*页\s*[,，、]?\s*第\s*{n}\s*页|{n}\s*[/／]\s*{n}|page\s*{n}(?:\s*(?:of|/)\s*{n})?)$"
    );
    crate::static_regex(&pattern)
});

static PAGE_BREAK: Lazy<Regex> =
    Lazy::new(|| crate::static_regex(r"(?i)^-{2,}\s*page[_ ]?break\s*-{2,}$"));

/// A line that is only a page number: "7", "- 7 -", "第 7 页", "7 / 30", "第7页 共30页",
/// "Page 7 of 30". Full-width digits and surrounding whitespace are accepted. Whether a bare
/// "7" really is a page number depends on context, which the caller judges.
pub fn is_page_number(line: &str) -> bool {
    // Cheap tests first: this runs on every line, and a page number is short and has a digit.
    let raw = line.trim();
    if raw.is_empty()
        || raw.len() > 160
        || raw.contains(['.', '．'])
        || !raw.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let mapped = super::chars::map_chars(line);
    let t = mapped.trim();
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let Some(caps) = PAGE_NUMBER.captures(t) else {
        return false;
    };
    // "7 / 30": the page cannot exceed the page count (else it is more likely a fraction).
    let nums: Vec<u32> = caps
        .iter()
        .skip(1)
        .flatten()
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    let (page, total) = if t.starts_with('共') {
        (nums.get(1), nums.first())
    } else {
        (nums.first(), nums.get(1))
    };
    match (page, total) {
        (Some(p), Some(total)) => p <= total,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A page-break marker line written by some converters instead of a form feed
/// ("-- PAGE_BREAK --").
pub fn is_page_break_marker(line: &str) -> bool {
    let t = line.trim();
    // Cheap test first: this runs on every line.
    t.starts_with("--") && PAGE_BREAK.is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in [
            "7",
            "  12  ",
            "- 7 -",
            "—7—",
            "－ ７ －",
            "第 7 页",
            "第7页 共30页",
            "第 7 页，共 30 页",
            "共30页 第7页",
            "7 / 30",
            "7/30",
            "Page 7 of 30",
            "\u{c}3",
        ] {
            assert!(is_page_number(s), "{s}");
        }
    }

    #[test]
    fn not_page_numbers() {
        for s in [
            "",
            "0",
            "1785.63",
            "12345",
            "31 / 30",
            "第 7 章",
            "201 03",
            "- 7",
            "7 万元",
            "合计 7",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn page_break_markers() {
        assert!(is_page_break_marker("-- PAGE_BREAK --"));
        assert!(is_page_break_marker("  --page break--  "));
        assert!(!is_page_break_marker("PAGE_BREAK"));
        assert!(!is_page_break_marker("-- PAGE_BREAK -- 7"));
    }
}
