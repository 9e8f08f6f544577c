//! Narrative claims (issue #4): parsing the real fixtures and checking them.

use budgetlint::model::{Document, DocumentInfo, Paragraph};
use budgetlint::narrative::{
    check_claims, coverage, paragraphs_from_lines, parse_claims, Claim, ClaimData,
};
use budgetlint::rules::{Finding, Severity};

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read_to_string(p).expect("fixture")
}

/// Paragraphs of the lines from the first line containing `from` (or the start) to the end.
fn paragraphs(text: &str, from: Option<&str>) -> Vec<Paragraph> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let start = from
        .and_then(|f| lines.iter().rposition(|(_, l)| l.contains(f)))
        .unwrap_or(0);
    paragraphs_from_lines(&lines[start..])
}

/// The organization part (第一部分) and the narrative (第三部分) of a fixture.
fn narrative(text: &str) -> Vec<Paragraph> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let third = lines
        .iter()
        .rposition(|(_, l)| l.contains("第三部分"))
        .unwrap_or(0);
    // 第一部分 (机构设置, 人员): from the line before the first "下设" to the next 第二部分.
    let org = lines
        .iter()
        .position(|(_, l)| l.contains("下设"))
        .unwrap_or(third)
        .saturating_sub(1);
    let second = lines
        .iter()
        .skip(org)
        .position(|(_, l)| l.contains("第二部分"))
        .map(|i| i + org)
        .unwrap_or(third)
        .min(third);
    let mut ps = paragraphs_from_lines(&lines[org.min(second)..second]);
    ps.extend(paragraphs_from_lines(&lines[third..]));
    ps
}

fn doc(paras: Vec<Paragraph>) -> Document {
    Document {
        path: "test".into(),
        info: DocumentInfo::default(),
        tables: Vec::new(),
        performance: Vec::new(),
        narrative: paras,
        lines: Vec::new(),
    }
}

fn run(text: &str) -> (Vec<Claim>, Vec<Finding>) {
    let d = doc(narrative(text));
    let claims = parse_claims(&d.narrative);
    let mut out = Vec::new();
    check_claims(&d, &claims, &mut out);
    (claims, out)
}

fn errors(f: &[Finding]) -> Vec<&Finding> {
    f.iter().filter(|f| f.severity == Severity::Error).collect()
}

#[test]
fn dump_001() {
    for name in [
        "001_21f1af62e491819b.txt",
        "002_0e3626f947e34449.txt",
        "004_68abc374c9e05f07.txt",
    ] {
        let (claims, out) = run(&fixture(name));
        eprintln!("== {name}: {:?}", coverage(&claims));
        for c in &claims {
            eprintln!(
                "{} {:?} [{}] {:?} {}",
                c.line,
                c.section,
                c.subject,
                c.function.as_ref().map(|f| f.joined()),
                serde_json::to_string(&c.data).unwrap_or_default()
            );
        }
        for f in errors(&out) {
            eprintln!(
                "ERR {} L{} {} exp={:?} act={:?}",
                f.rule, f.line, f.message.zh, f.expected, f.actual
            );
        }
        for f in out.iter().filter(|f| f.severity == Severity::Warning) {
            eprintln!("WARN {} L{} {}", f.rule, f.line, f.message.zh);
        }
    }
    let _ = paragraphs("", None);
    let _ = |c: &ClaimData| c.clone();
}
