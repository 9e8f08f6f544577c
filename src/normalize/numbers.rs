//! Number repairs: thousands separators, full-width decimal points, stray spaces in cells.
//! Each works on one line in linear time.

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_sep(c: char) -> bool {
    c == ',' || c == '，'
}

/// `1,234.56` → `1234.56`, `14,348,853.34` → `14348853.34`. Only well-formed numbers: a
/// leading group of 1–3 digits, then groups of exactly 3; anything else ("1,23.4",
/// "1,234,56", "2023,2024") is left as printed. The Chinese comma `，` counts only when the
/// digits are full-width or a decimal part follows ("2，389.52"), since between ASCII
/// integers it more likely separates two values. Runs before the full-width digit mapping.
pub(crate) fn join_thousands(s: &str) -> String {
    if !s.contains(is_sep) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let at = |k: usize| chars.get(k).copied();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = at(i) {
        if !is_digit(c) {
            out.push(c);
            i += 1;
            continue;
        }
        // A digit run starts here (earlier digits were consumed with their run).
        let mut j = i;
        while at(j).is_some_and(is_digit) {
            j += 1;
        }
        let prev = i.checked_sub(1).and_then(at);
        let prev_ok = !prev.is_some_and(|p| matches!(p, '.' | '．') || is_sep(p));
        if prev_ok && (1..=3).contains(&(j - i)) {
            if let Some(end) = thousands_end(&chars, i, j) {
                let digits = chars.get(i..end).unwrap_or_default();
                out.extend(digits.iter().filter(|c| !is_sep(**c)));
                // In a table line the words after the number keep their columns
                // (`pdftotext -layout` places cells by column): the separators become
                // spaces after the number.
                if at(end).is_some_and(char::is_whitespace) {
                    out.extend(digits.iter().filter(|c| is_sep(**c)).map(|_| ' '));
                }
                i = end;
                continue;
            }
        }
        out.extend(chars.get(i..j).unwrap_or_default());
        i = j;
    }
    out
}

/// End (exclusive) of a well-formed grouped number whose first group is `start..first_end`.
fn thousands_end(chars: &[char], start: usize, first_end: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).copied();
    let mut k = first_end;
    let mut sep: Option<char> = None;
    while let Some(s) = at(k).filter(|c| is_sep(*c)) {
        let group = (k + 1..k + 4).all(|m| at(m).is_some_and(is_digit));
        if !group || at(k + 4).is_some_and(is_digit) || sep.is_some_and(|p| p != s) {
            break;
        }
        sep = Some(s);
        k += 4;
    }
    let sep = sep?;
    // "1,234,56": a separator still followed by a digit means the grouping is malformed.
    if at(k).is_some_and(is_sep) && at(k + 1).is_some_and(is_digit) {
        return None;
    }
    if sep == '，' {
        let fullwidth = chars
            .get(start..k)
            .unwrap_or_default()
            .iter()
            .any(|c| ('０'..='９').contains(c));
        let decimals =
            at(k).is_some_and(|c| matches!(c, '.' | '．')) && at(k + 1).is_some_and(is_digit);
        if !fullwidth && !decimals {
            return None;
        }
    }
    Some(k)
}

/// Full-width point between digits is a decimal point: `12．34` → `12.34`. Exception: a list
/// number before a year at the start of a line or cell ("4．2025年部门预算…") stays as printed.
/// Runs after the full-width digit mapping.
pub(crate) fn fullwidth_points(s: &str) -> String {
    if !s.contains('．') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let at = |k: usize| chars.get(k).copied();
    let digit = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '．' && i > 0 && digit(i - 1) && digit(i + 1) && !is_list_number(&chars, i) {
            out.push('.');
        } else {
            out.push(c);
        }
    }
    out
}

/// `chars[dot]` is '．' between digits: is it "N．YYYY年" with N of 1–2 digits opening the
/// line or a cell?
fn is_list_number(chars: &[char], dot: usize) -> bool {
    let at = |k: usize| chars.get(k).copied();
    let mut b = dot;
    while b > 0 && at(b - 1).is_some_and(|c| c.is_ascii_digit()) {
        b -= 1;
    }
    let opens = chars
        .get(..b)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|c| **c != '\t')
        .all(|c| *c == ' ');
    let year = (dot + 1..dot + 5).all(|k| at(k).is_some_and(|c| c.is_ascii_digit()))
        && at(dot + 5) == Some('年');
    opens && (1..=2).contains(&(dot - b)) && year
}

/// Stray spaces inside one number in one tab-delimited cell: "1247.2 2" → "1247.22",
/// "12 47.22" → "1247.22". Only when the line has tabs (elsewhere spaces separate cells:
/// "6.6 17" in a `pdftotext -layout` row is two amounts), the cell holds nothing but digits,
/// exactly one '.', and single spaces, and the result has at most two decimals (so two
/// amounts in one cell, "6.6 17", are not fused into "6.617").
pub(crate) fn join_cell_number_spaces(s: &str) -> String {
    if !s.contains('\t') || !s.contains(' ') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (n, cell) in s.split('\t').enumerate() {
        if n > 0 {
            out.push('\t');
        }
        match join_cell(cell) {
            Some(fixed) => out.push_str(&fixed),
            None => out.push_str(cell),
        }
    }
    out
}

fn join_cell(cell: &str) -> Option<String> {
    let core = cell.trim_matches(' ');
    let body = core.strip_prefix('-').unwrap_or(core);
    let ok_chars = body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ' ');
    if !ok_chars
        || !body.contains(' ')
        || body.contains("  ")
        || body.matches('.').count() != 1
        || !body.starts_with(|c: char| c.is_ascii_digit())
        || !body.ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let joined: String = core.chars().filter(|c| *c != ' ').collect();
    let decimals = joined.split('.').nth(1).map_or(0, str::len);
    if decimals > 2 {
        return None;
    }
    let lead = cell.len() - cell.trim_start_matches(' ').len();
    let trail = cell.len() - cell.trim_end_matches(' ').len();
    Some(format!(
        "{}{}{}",
        " ".repeat(lead),
        joined,
        " ".repeat(trail)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_well_formed() {
        assert_eq!(join_thousands("1,234.56"), "1234.56");
        assert_eq!(join_thousands("14,348,853.34"), "14348853.34");
        assert_eq!(
            join_thousands("收入预算9,101.68万元"),
            "收入预算9101.68万元"
        );
        assert_eq!(
            join_thousands("科目1,202.95万元，主要"),
            "科目1202.95万元，主要"
        );
        assert_eq!(join_thousands("4,614万元"), "4614万元");
        assert_eq!(join_thousands("-1,000"), "-1000");
        assert_eq!(join_thousands("１２，３４５"), "１２３４５");
        assert_eq!(join_thousands("减少2，389.52万元"), "减少2389.52万元");
    }

    #[test]
    fn thousands_malformed_unchanged() {
        for s in [
            "1,23.4",
            "1,234,56",
            "1,2345",
            "1234,567",
            "2023,2024",
            "0.123,456",
            "第1，2项",
            "100，200万元",
            "1,234，567",
            "a,b",
            ",123",
        ] {
            assert_eq!(join_thousands(s), s, "{s}");
        }
    }

    #[test]
    fn fullwidth_point_between_digits() {
        assert_eq!(fullwidth_points("12．34"), "12.34");
        assert_eq!(fullwidth_points("合计 0．5万元"), "合计 0.5万元");
        assert_eq!(fullwidth_points("一．总则"), "一．总则");
        assert_eq!(fullwidth_points("12．"), "12．");
        assert_eq!(fullwidth_points("．5"), "．5");
    }

    #[test]
    fn fullwidth_point_list_number_before_year_kept() {
        assert_eq!(
            fullwidth_points("  4．2025年部门预算"),
            "  4．2025年部门预算"
        );
        assert_eq!(fullwidth_points("x\t12．2025年"), "x\t12．2025年");
        // Not at the start of the line, or not a year: a decimal.
        assert_eq!(fullwidth_points("共4．2025年"), "共4.2025年");
        assert_eq!(fullwidth_points("4．20万元"), "4.20万元");
    }

    #[test]
    fn cell_number_spaces_joined() {
        assert_eq!(
            join_cell_number_spaces("合计\t1247.2 2\t5"),
            "合计\t1247.22\t5"
        );
        assert_eq!(join_cell_number_spaces("12 47.22\tx"), "1247.22\tx");
        assert_eq!(join_cell_number_spaces("\t 1 247.2 \t"), "\t 1247.2 \t");
        assert_eq!(join_cell_number_spaces("a\t-12 3.5"), "a\t-123.5");
    }

    #[test]
    fn cell_number_spaces_not_joined() {
        for s in [
            "合计 1247.2 2",      // no tabs: spaces may separate cells
            "6.6 17",             // ditto
            "a\t6.6 17",          // would give 3 decimals: two amounts
            "a\t1785.63 1785.63", // two points
            "a\t201 03 99",       // a code, no point
            "a\t12  47.22",       // double space: a column gap
            "a\t12 47.22 元",     // not only digits
            "a\t.5 5",
        ] {
            assert_eq!(join_cell_number_spaces(s), s, "{s}");
        }
    }
}
