//! Stage 2: text → numbered, normalized lines.

/// One line of the source after normalization. `number` is 1-based in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub number: usize,
    /// PDF page (1-based) when the text carries form feeds.
    pub page: Option<u32>,
    /// The line as decoded (line end removed).
    pub raw: String,
    /// The normalized line.
    pub text: String,
}

pub fn normalize(text: &str) -> Vec<SourceLine> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            let raw = l.trim_end_matches('\r').to_string();
            SourceLine {
                number: i + 1,
                page: None,
                text: raw.replace('\u{3000}', " "),
                raw,
            }
        })
        .collect()
}
