use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// A printed amount: its exact decimal value, how many decimals it was printed with
/// (the rounding tolerance is half a unit of the last printed digit), and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub value: Decimal,
    /// Decimals as printed: "17" → 0, "6.6" → 1, "1476.62" → 2.
    pub scale: u32,
    /// 1-based line in the original file.
    pub line: usize,
    /// 0-based character column of the figure's first character in that line, when known.
    pub col: Option<usize>,
    /// Width of the printed figure in characters (for underlining), when known.
    pub width: usize,
}

/// The most integer digits of a figure read from the text.
const MAX_INT_DIGITS: usize = 15;

impl Figure {
    pub fn new(value: Decimal, scale: u32, line: usize) -> Self {
        Figure {
            value,
            scale,
            line,
            col: None,
            width: 0,
        }
    }

    /// Parse a normalized number such as "1476.62", "-3", "1234.5" (thousands separators
    /// must already be removed). Returns None for anything else.
    pub fn parse(text: &str, line: usize) -> Option<Self> {
        let t = text.trim();
        if t.is_empty() || t.len() > 40 {
            return None;
        }
        let body = t.strip_prefix('-').unwrap_or(t);
        let mut parts = body.split('.');
        let int = parts.next()?;
        let frac = parts.next();
        if parts.next().is_some() || int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if let Some(f) = frac {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
        }
        // No budget figure has more than 15 integer digits (as in the narrative parser);
        // longer runs are not amounts, and summing them would overflow `Decimal` (whose `+`
        // panics) in the interval arithmetic.
        if int.len() > MAX_INT_DIGITS {
            return None;
        }
        let value: Decimal = t.parse().ok()?;
        let scale = frac.map(|f| f.len() as u32).unwrap_or(0);
        // More decimals than `Decimal` holds are rounded by the parser: a figure that cannot
        // be held exactly is not read rather than misstated.
        if value.scale() != scale {
            return None;
        }
        Some(Figure {
            value,
            scale,
            line,
            col: None,
            width: t.chars().count(),
        })
    }

    /// A figure in a table cell: a number as [`Figure::parse`] reads it, or a negative in
    /// accounting notation, "(12.00)" or "（12.00）" = −12.00. The parenthesized form needs a
    /// decimal point, so that a list marker such as "(1)" is never taken for a number.
    pub fn parse_cell(text: &str, line: usize) -> Option<Self> {
        if let Some(f) = Figure::parse(text, line) {
            return Some(f);
        }
        let t = text.trim();
        let inner = t
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .or_else(|| t.strip_prefix('（').and_then(|r| r.strip_suffix('）')))?;
        if inner.starts_with('-') || !inner.contains('.') {
            return None;
        }
        let mut f = Figure::parse(inner, line)?;
        f.value = -f.value;
        f.width = t.chars().count();
        Some(f)
    }

    /// The figure as printed (value with its printed decimals).
    pub fn printed(&self) -> String {
        let mut v = self.value;
        v.rescale(self.scale);
        v.to_string()
    }

    /// The same figure converted from 元 to 万元 (value / 10000, scale + 4), so that the
    /// tolerance stays that of the printed figure.
    pub fn yuan_to_wan(&self) -> Figure {
        let mut f = self.clone();
        f.value = self.value / Decimal::from(10_000);
        f.scale = self.scale + 4;
        f
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Figure", 3)?;
        st.serialize_field("value", &self.printed())?;
        st.serialize_field("line", &self.line)?;
        if let Some(c) = self.col {
            st.serialize_field("col", &c)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_scale() {
        let f = Figure::parse("1476.62", 3).unwrap();
        assert_eq!(f.scale, 2);
        assert_eq!(f.printed(), "1476.62");
        assert_eq!(Figure::parse("17", 1).unwrap().scale, 0);
        assert_eq!(Figure::parse("6.6", 1).unwrap().scale, 1);
        assert_eq!(Figure::parse("-3.10", 1).unwrap().printed(), "-3.10");
    }

    #[test]
    fn rejects_non_numbers() {
        for s in [
            "",
            "-",
            "1..2",
            "12.",
            ".5",
            "1,2",
            "12.345.67",
            "abc",
            "１２",
        ] {
            assert!(Figure::parse(s, 1).is_none(), "{s}");
        }
    }

    #[test]
    fn accounting_negatives_in_cells() {
        let f = Figure::parse_cell("(12.00)", 1).unwrap();
        assert_eq!((f.printed().as_str(), f.width), ("-12.00", 7));
        assert_eq!(Figure::parse_cell("（0.5）", 1).unwrap().printed(), "-0.5");
        for s in ["(1)", "(-12.00)", "(12.00", "((1.0))", "(1..2)"] {
            assert!(Figure::parse_cell(s, 1).is_none(), "{s}");
        }
        assert_eq!(Figure::parse_cell("-12.00", 1).unwrap().printed(), "-12.00");
    }

    #[test]
    fn yuan_to_wan_keeps_tolerance() {
        let f = Figure::parse("14348853.34", 1).unwrap().yuan_to_wan();
        assert_eq!(f.scale, 6);
        assert_eq!(f.value.to_string(), "1434.885334");
    }
}
