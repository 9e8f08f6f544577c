//! HTML fragments that leak from web/DOCX exports into cells (`<p>12.5</p>`, `&nbsp;`).
use once_cell::sync::Lazy;
use regex::{Captures, Regex};

/// Only well-known formatting tags, so that text such as "指标值<95%" is left alone.
static TAG: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?i)</?(p|br|span|div|font|td|th|tr|table|tbody|thead|b|i|u|em|strong|sup|sub|o:p|li|ul|ol|h[1-6])(?:\s[^<>]*)?/?>",
    )
});

static ENTITY: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"&(?:(nbsp|amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
});

/// Remove tags (`<br>` becomes a space: it separated words) and decode entities in one pass
/// each, so "&amp;lt;" becomes "&lt;", not "<".
pub(crate) fn strip_html(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    let no_tags = TAG.replace_all(s, |c: &Captures| {
        let is_br = c
            .get(1)
            .is_some_and(|m| m.as_str().eq_ignore_ascii_case("br"));
        if is_br {
            " "
        } else {
            ""
        }
    });
    ENTITY
        .replace_all(&no_tags, |c: &Captures| {
            let whole = c.get(0).map_or("", |m| m.as_str());
            if let Some(name) = c.get(1) {
                return match name.as_str() {
                    "nbsp" => "\u{00A0}",
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                }
                .to_string();
            }
            let code = match (c.get(2), c.get(3)) {
                (Some(d), _) => d.as_str().parse::<u32>().ok(),
                (None, Some(h)) => u32::from_str_radix(h.as_str(), 16).ok(),
                _ => None,
            };
            code.and_then(char::from_u32)
                .map_or_else(|| whole.to_string(), String::from)
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_removed() {
        assert_eq!(strip_html("<p>12.5</p>"), "12.5");
        assert_eq!(strip_html("a<br>b<br/>c<BR />d"), "a b c d");
        assert_eq!(strip_html(r#"<span style="x">合计</span></td>"#), "合计");
        assert_eq!(
            strip_html("<p>1. 目标</p> <p>2. 指标</p>"),
            "1. 目标 2. 指标"
        );
    }

    #[test]
    fn entities_decoded_once() {
        assert_eq!(strip_html("A&amp;B &lt;5&gt;"), "A&B <5>");
        assert_eq!(strip_html("&nbsp;1"), "\u{00A0}1");
        assert_eq!(strip_html("&amp;lt;"), "&lt;");
        assert_eq!(strip_html("&#20803;&#x4E07;"), "元万");
    }

    #[test]
    fn comparison_signs_are_not_tags() {
        for s in [
            "指标值<95%",
            "a < b > c",
            "x<=5",
            "<不低于90%>",
            "&无",
            "R&D",
        ] {
            assert_eq!(strip_html(s), s);
        }
    }
}
