//! Planting a defect in a document's text, shared by the tests that plant one in a sample or
//! a document written for the test.

/// 1-based line of the first line containing `needle`, after the first `after` lines.
pub fn line_of(text: &str, needle: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line with {needle}"))
}

/// Replace the first `from` on line `line` (1-based) by `to`; a `to` of the same width keeps
/// the table's columns where they are.
pub fn plant(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert!(l.contains(from), "line {line} has no {from}: {l}");
    *l = l.replacen(from, to, 1);
    lines.join("\n")
}
