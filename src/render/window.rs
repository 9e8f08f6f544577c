//! What a report shows of a source line: the whole line, or, for a very long line (a 10 MB
//! line of a broken conversion), a window of characters around the figure with "…" where the
//! line was cut. Char → byte offsets of long lines are computed once per line and kept, so a
//! long line with thousands of findings is not scanned again for each one.

use std::collections::HashMap;

/// Lines of at most this many characters are shown whole.
pub const LONG_LINE: usize = 1000;
/// Characters shown on each side of the figure in a long line (twice this from the start of a
/// long line when no figure is underlined).
pub const CONTEXT: usize = 60;
/// Offsets are recorded for every STEP-th character of a long line.
const STEP: usize = 1024;

/// A line cut for display: `before` + `figure` + `after` is the part shown; `front`/`back`
/// say whether the line goes on before/after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut<'a> {
    pub front: bool,
    pub before: &'a str,
    pub figure: &'a str,
    pub after: &'a str,
    pub back: bool,
}

impl Cut<'_> {
    /// The marks shown before and after the cut part: "…" where the line goes on.
    pub fn ellipses(&self) -> (&'static str, &'static str) {
        let mark = |cut: bool| if cut { "…" } else { "" };
        (mark(self.front), mark(self.back))
    }
}

/// Offsets of long lines (by line number), built on first use.
#[derive(Debug, Default)]
pub struct Windows {
    marks: HashMap<usize, Marks>,
}

#[derive(Debug)]
struct Marks {
    /// Byte offset of character k·STEP, for every k.
    bytes: Vec<usize>,
    chars: usize,
}

impl Marks {
    fn of(line: &str) -> Marks {
        let mut bytes = Vec::with_capacity(line.len() / STEP + 1);
        let mut chars = 0;
        for (i, (b, _)) in line.char_indices().enumerate() {
            if i % STEP == 0 {
                bytes.push(b);
            }
            chars = i + 1;
        }
        Marks { bytes, chars }
    }

    /// Byte offset of character `ch` (the end of the line past the last character).
    fn byte_at(&self, line: &str, ch: usize) -> usize {
        if ch >= self.chars {
            return line.len();
        }
        let from = self.bytes.get(ch / STEP).copied().unwrap_or(0);
        let rest = line.get(from..).unwrap_or_default();
        rest.char_indices()
            .nth(ch % STEP)
            .map_or(line.len(), |(b, _)| from + b)
    }
}

/// Byte offset of character `ch` of a short line.
fn byte_at(line: &str, ch: usize) -> usize {
    line.char_indices().nth(ch).map_or(line.len(), |(b, _)| b)
}

impl Windows {
    /// The part of line `number` (text `line`) to show for a figure at character `col`,
    /// `width` characters wide; `col` None when no figure is underlined.
    pub fn cut<'a>(
        &mut self,
        number: usize,
        line: &'a str,
        col: Option<usize>,
        width: usize,
    ) -> Cut<'a> {
        let short =
            line.len() <= LONG_LINE || line.chars().take(LONG_LINE + 1).count() <= LONG_LINE;
        let slice = |a: usize, b: usize| line.get(a..b).unwrap_or_default();
        if short {
            let (a, b) = match col {
                Some(c) => (byte_at(line, c), byte_at(line, c.saturating_add(width))),
                None => (0, 0),
            };
            return Cut {
                front: false,
                before: slice(0, a),
                figure: slice(a, b),
                after: slice(b, line.len()),
                back: false,
            };
        }
        let marks = self.marks.entry(number).or_insert_with(|| Marks::of(line));
        let (start, fig, fig_end, end) = match col {
            Some(c) => {
                let fig_end = c.saturating_add(width).min(marks.chars);
                let c = c.min(marks.chars);
                (
                    c.saturating_sub(CONTEXT),
                    c,
                    fig_end,
                    fig_end.saturating_add(CONTEXT).min(marks.chars),
                )
            }
            None => (0, 0, 0, (2 * CONTEXT).min(marks.chars)),
        };
        let [s, f, fe, e] = [start, fig, fig_end, end].map(|ch| marks.byte_at(line, ch));
        Cut {
            front: start > 0,
            before: slice(s, f),
            figure: slice(f, fe),
            after: slice(fe, e),
            back: end < marks.chars,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_whole() {
        let mut w = Windows::default();
        let c = w.cut(1, "合计 12.50 元", Some(3), 5);
        assert_eq!((c.before, c.figure, c.after), ("合计 ", "12.50", " 元"));
        assert!(!c.front && !c.back);
        let c = w.cut(1, "ab", Some(9), 3);
        assert_eq!((c.before, c.figure, c.after), ("ab", "", ""));
    }

    #[test]
    fn long_lines_cut_around_the_figure() {
        let line = format!("{}合计 12.50{}", "甲".repeat(5000), "乙".repeat(5000));
        let mut w = Windows::default();
        let c = w.cut(7, &line, Some(5003), 5);
        assert_eq!(c.figure, "12.50");
        assert_eq!(c.before, format!("{}合计 ", "甲".repeat(57)));
        assert_eq!(c.after, "乙".repeat(60));
        assert!(c.front && c.back);
        let c = w.cut(7, &line, None, 0);
        assert_eq!((c.before, c.figure), ("", ""));
        assert_eq!(c.after, "甲".repeat(120));
        assert!(!c.front && c.back);
        let c = w.cut(7, &line, Some(0), 1);
        assert_eq!((c.before, c.figure, c.front), ("", "甲", false));
    }
}
