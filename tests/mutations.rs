//! A planted error in any table figure of a real sample is caught: every figure of every
//! table is changed in turn (in the source text, as a typo would be), and the check must
//! report a new finding at that line or naming it among the related lines.

use budgetlint::model::{Document, Figure};
use budgetlint::rules::Finding;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

fn figures(doc: &Document) -> Vec<Figure> {
    let mut out = Vec::new();
    for t in &doc.tables {
        for i in &t.income {
            out.extend(i.amount.clone());
        }
        for r in &t.rows {
            out.extend(r.values.iter().flatten().cloned());
        }
    }
    out
}

fn key(f: &Finding) -> (String, usize, Option<String>, Option<String>) {
    (f.rule.clone(), f.line, f.expected.clone(), f.actual.clone())
}

/// The source text with the figure at (line, col) replaced, when it is printed there. A
/// typo in the units digit only changes the integer part, so a figure soft-wrapped over two
/// lines ("1444." / "34") is planted by changing the part on its first line.
fn plant(text: &str, f: &Figure, new: &str) -> Option<String> {
    let col = f.col?;
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let line = lines.get_mut(f.line - 1)?;
    let chars: Vec<char> = line.chars().collect();
    let printed = f.printed();
    let int_old = printed.split('.').next()?;
    let int_new = new.split('.').next()?;
    let at: String = chars
        .get(col..)?
        .iter()
        .take(int_old.chars().count())
        .collect();
    if at != int_old {
        return None;
    }
    let mut s: String = chars.get(..col)?.iter().collect();
    s.push_str(int_new);
    s.extend(chars.get(col + int_old.chars().count()..)?.iter());
    *line = s;
    Some(lines.join("\n"))
}

fn mutate(name: &str) -> (usize, usize, Vec<String>) {
    let bytes = fixture(name);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let doc = budgetlint::extract_bytes(name, &bytes).unwrap();
    let base: HashSet<_> = budgetlint::check_document(&doc).iter().map(key).collect();
    let mut tried = 0;
    let mut skipped = 0;
    let mut missed = Vec::new();
    let mut seen = HashSet::new();
    for f in figures(&doc) {
        if !seen.insert((f.line, f.col)) {
            continue;
        }
        // A typo in the units digit (12.34 → 19.34, 17 → 24): a change no rounding of the
        // other figures (some printed without decimals) can absorb.
        let mut v = f.value + Decimal::new(7, 0);
        v.rescale(f.scale);
        let Some(planted) = plant(&text, &f, &v.to_string()) else {
            skipped += 1;
            continue;
        };
        tried += 1;
        let d = budgetlint::extract_bytes(name, planted.as_bytes()).unwrap();
        let found = budgetlint::check_document(&d)
            .into_iter()
            .filter(|x| !base.contains(&key(x)))
            .any(|x| x.line == f.line || x.related_lines.contains(&f.line));
        if !found {
            missed.push(format!("line {} {} → {}", f.line, f.printed(), v));
        }
    }
    (tried, skipped, missed)
}

fn assert_all_caught(name: &str) {
    let (tried, skipped, missed) = mutate(name);
    assert!(
        tried > 20,
        "{name}: only {tried} figures could be planted ({skipped} skipped)"
    );
    assert!(
        skipped * 10 <= tried,
        "{name}: {skipped} of {} figures could not be planted",
        tried + skipped
    );
    assert!(
        missed.is_empty(),
        "{name}: {} of {tried} planted errors not reported:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn planted_errors_caught_in_001() {
    assert_all_caught("001_21f1af62e491819b.txt");
}

#[test]
fn planted_errors_caught_in_002() {
    assert_all_caught("002_0e3626f947e34449.txt");
}

#[test]
fn planted_errors_caught_in_004() {
    assert_all_caught("004_68abc374c9e05f07.txt");
}
