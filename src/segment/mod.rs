//! Stage 3: normalized lines → regions: table regions (title, unit, body lines),
//! performance-target tables (绩效目标表) and narrative paragraphs.
use crate::model::{Document, DocumentInfo};
use crate::normalize::SourceLine;

pub fn segment(path: &str, lines: &[SourceLine]) -> Document {
    Document {
        path: path.to_string(),
        info: DocumentInfo::default(),
        tables: Vec::new(),
        performance: Vec::new(),
        narrative: Vec::new(),
        lines: lines.iter().map(|l| l.text.clone()).collect(),
    }
}
