//! Character-level mapping: Unicode spaces, full-width ASCII, invisible and control characters.

/// Map one character; `None` drops it. Tabs stay (they separate table cells); Chinese
/// punctuation such as （）：，。、 stays as printed (names are compared as printed).
pub(crate) fn map_char(c: char) -> Option<char> {
    let mapped = match c {
        '\t' => '\t',
        // Spaces of all widths, including U+3000 (ideographic), NBSP, and the line/paragraph
        // separators and vertical tab that Word uses for soft line breaks.
        '\u{3000}'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{0B}'
        | '\u{85}' => ' ',
        // Invisible: zero-width characters, stray BOM, soft hyphen.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        // Remaining C0/C1 controls (form feed included: page breaks are counted separately).
        c if c.is_control() => return None,
        // Full-width digits and letters.
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c)
        }
        // Full-width operators used in amounts, rates and indicator values.
        '％' => '%',
        '＋' => '+',
        '－' => '-',
        '＝' => '=',
        '＜' => '<',
        '＞' => '>',
        '＊' => '*',
        '／' => '/',
        // Same meaning, one spelling for downstream parsers.
        '≦' => '≤',
        '≧' => '≥',
        c => c,
    };
    Some(mapped)
}

/// Apply [`map_char`] to a whole string.
pub(crate) fn map_chars(s: &str) -> String {
    s.chars().filter_map(map_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_become_ascii_space_tabs_stay() {
        assert_eq!(map_chars("a\u{3000}b\u{00A0}c\u{2002}d\te"), "a b c d\te");
    }

    #[test]
    fn fullwidth_digits_letters_operators() {
        assert_eq!(map_chars("１２３４５６７８９０"), "1234567890");
        assert_eq!(map_chars("ＡＢＣｘｙｚ"), "ABCxyz");
        assert_eq!(map_chars("９５％＋－＝＜＞＊／"), "95%+-=<>*/");
        assert_eq!(map_chars("≦1≧2≤3≥4"), "≤1≥2≤3≥4");
    }

    #[test]
    fn chinese_punctuation_untouched() {
        let s = "政府办公厅（室）：一、二，三。【四】《五》";
        assert_eq!(map_chars(s), s);
        // Full-width point and comma are handled in context (numbers.rs), not here.
        assert_eq!(map_chars("１２．３４，"), "12．34，");
    }

    #[test]
    fn invisible_and_controls_dropped() {
        assert_eq!(map_chars("a\u{200B}b\u{FEFF}c\u{0C}d\u{0}e\u{7F}"), "abcde");
    }
}
