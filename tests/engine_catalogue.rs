//! The catalogue (rules/*.toml) and the registry agree, and bad catalogues are reported
//! with file and line.

use budgetlint::rules::{registry, Catalogue, CatalogueError};
use std::collections::BTreeSet;

#[test]
fn builtin_catalogue_loads() {
    let cat = Catalogue::builtin().expect("embedded catalogue must load");
    assert!(cat.entries.len() > 40);
    assert!(cat.identities().count() > 30);
    for e in cat.entries.values() {
        assert!(
            !e.title_zh.trim().is_empty() && !e.title_en.trim().is_empty(),
            "{}",
            e.id
        );
        assert!(
            !e.explanation_zh.trim().is_empty() && !e.explanation_en.trim().is_empty(),
            "{}",
            e.id
        );
        assert!(e.example.is_some(), "{} has no example", e.id);
    }
}

#[test]
fn builtin_files_are_the_files_on_disk() {
    // The binary embeds rules/*.toml; loading the folder gives the same catalogue.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let disk = Catalogue::load_dir(&dir).expect("rules/ loads");
    let builtin = Catalogue::builtin().expect("builtin");
    let a: Vec<_> = disk.entries.keys().collect();
    let b: Vec<_> = builtin.entries.keys().collect();
    assert_eq!(a, b, "a rules/*.toml file is not listed in BUILTIN_FILES");
}

#[test]
fn registry_and_catalogue_agree() {
    let cat = Catalogue::builtin().expect("builtin");
    let registered: BTreeSet<&str> = registry::builtin().iter().map(|r| r.code).collect();
    let narrative: BTreeSet<&str> = registry::narrative_codes()
        .into_iter()
        .chain(registry::text_codes())
        .chain(registry::previous_codes())
        .collect();
    let reserved: BTreeSet<&str> = registry::RESERVED.iter().copied().collect();

    for code in &registered {
        assert!(
            cat.entries.keys().any(|k| k.starts_with(code)),
            "registered rule {code} has no catalogue entry"
        );
    }
    for code in &narrative {
        assert!(
            cat.contains(code),
            "narrative code {code} has no catalogue entry"
        );
    }
    for code in &reserved {
        assert!(
            cat.contains(code),
            "reserved code {code} has no catalogue entry"
        );
        assert!(
            !registered.contains(code),
            "{code} is registered: remove it from RESERVED"
        );
    }
    for e in cat.entries.values().filter(|e| e.formula.is_none()) {
        let id = e.id.as_str();
        let implemented =
            registered.contains(id) || narrative.contains(id) || reserved.contains(id);
        assert!(
            implemented,
            "catalogue entry {id} has neither a formula nor an implementation"
        );
    }
    // Identities are not registered in Rust.
    for e in cat.identities() {
        assert!(
            !registered.contains(e.id.as_str()),
            "{} is both a formula and Rust",
            e.id
        );
    }
}

#[test]
fn malformed_toml_names_file_and_line() {
    let text = "[[rule]]\nid = \"Z1\"\nseverity = \"error\"\ntitle_zh = \"a\"\ntitle_en = oops\n";
    let err = Catalogue::default()
        .add_file("rules/bad.toml", text)
        .expect_err("malformed");
    match &err {
        CatalogueError::Syntax { file, line, .. } => {
            assert_eq!(file, "rules/bad.toml");
            assert_eq!(*line, 5);
        }
        e => panic!("unexpected {e:?}"),
    }
    assert!(err.to_string().starts_with("rules/bad.toml:5:"), "{err}");
}

#[test]
fn unknown_field_and_bad_severity_are_errors() {
    let base = "[[rule]]\nid = \"Z1\"\ntitle_zh = \"a\"\ntitle_en = \"a\"\nexplanation_zh = \"a\"\nexplanation_en = \"a\"\n";
    let bad_sev = format!("{base}severity = \"fatal\"\n");
    let e = Catalogue::default()
        .add_file("x.toml", &bad_sev)
        .expect_err("bad severity");
    assert!(e.to_string().contains("x.toml:7"), "{e}");
    let unknown = format!("{base}severity = \"error\"\nforumla = \"x\"\n");
    let e = Catalogue::default()
        .add_file("x.toml", &unknown)
        .expect_err("unknown field");
    assert!(e.to_string().contains("forumla"), "{e}");
}

#[test]
fn bad_formula_names_file_rule_and_position() {
    let text = "\n[[rule]]\nid = \"Z9\"\nseverity = \"error\"\ntitle_zh = \"a\"\ntitle_en = \"a\"\nexplanation_zh = \"a\"\nexplanation_en = \"a\"\nformula = \"expense.each.totl = expense.each.basic\"\n";
    let err = Catalogue::default()
        .add_file("rules/mine.toml", text)
        .expect_err("bad formula");
    match &err {
        CatalogueError::Formula {
            file,
            line,
            id,
            col,
            message,
        } => {
            assert_eq!(file, "rules/mine.toml");
            assert_eq!(*line, 9);
            assert_eq!(id, "Z9");
            assert_eq!(*col, 14);
            assert!(message.contains("totl"), "{message}");
        }
        e => panic!("unexpected {e:?}"),
    }
}

#[test]
fn duplicate_ids_are_rejected() {
    let one = "[[rule]]\nid = \"Z1\"\nseverity = \"error\"\ntitle_zh = \"a\"\ntitle_en = \"a\"\nexplanation_zh = \"a\"\nexplanation_en = \"a\"\n";
    let mut cat = Catalogue::default();
    cat.add_file("a.toml", one).expect("first");
    let e = cat.add_file("b.toml", one).expect_err("duplicate");
    assert!(matches!(e, CatalogueError::Duplicate { .. }), "{e}");
    assert!(e.to_string().contains("a.toml:1"), "{e}");
}

#[test]
fn entry_checks() {
    let base = |extra: &str, id: &str| {
        format!("\u{feff}[[rule]]\nid = \"{id}\"\nseverity = \"error\"\ntitle_zh = \"a\"\ntitle_en = \"a\"\nexplanation_zh = \"a\"\nexplanation_en = \"a\"\n{extra}")
    };
    // A BOM and CRLF are fine.
    let mut c = Catalogue::default();
    c.add_file("ok.toml", &base("", "Z1").replace('\n', "\r\n"))
        .expect("bom + crlf");
    assert!(c.contains("Z1"));
    let e = Catalogue::default()
        .add_file("x.toml", &base("", "Z 1"))
        .expect_err("bad id");
    assert!(e.to_string().contains("x.toml:1"), "{e}");
    let e = Catalogue::default()
        .add_file(
            "x.toml",
            &base("when = \"projects.scope == general_budget\"\n", "Z2"),
        )
        .expect_err("when without formula");
    assert!(e.to_string().contains("when"), "{e}");
    let e = Catalogue::default()
        .add_file(
            "x.toml",
            &base("formula = \"expense.total.total = expense.total.basic\"\nwhen = \"projects.scope = all\"\n", "Z3"),
        )
        .expect_err("bad condition");
    assert!(
        e.to_string().contains("Z3") && e.to_string().contains("x.toml:9"),
        "{e}"
    );
}

#[test]
fn every_narrative_entry_is_a_narrative_code() {
    let cat = Catalogue::builtin().expect("builtin");
    let narrative: BTreeSet<&str> = registry::narrative_codes().into_iter().collect();
    let entries: BTreeSet<&str> = cat
        .entries
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with('N'))
        .collect();
    assert_eq!(entries, narrative);
}

#[test]
fn every_text_entry_is_a_text_code() {
    let cat = Catalogue::builtin().expect("builtin");
    let text: BTreeSet<&str> = registry::text_codes().into_iter().collect();
    let entries: BTreeSet<&str> = cat
        .entries
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with('R'))
        .collect();
    assert_eq!(entries, text);
}

#[test]
fn every_previous_entry_is_a_previous_code() {
    let cat = Catalogue::builtin().expect("builtin");
    let codes: BTreeSet<&str> = registry::previous_codes().into_iter().collect();
    let entries: BTreeSet<&str> = cat
        .entries
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with('P'))
        .collect();
    assert_eq!(entries, codes);
}

#[test]
fn rules_grade_below_the_catalogue_never_above() {
    use budgetlint::rules::{graded, Severity::*};
    assert_eq!(graded(Error, Warning), Warning); // Finding::new default → catalogue
    assert_eq!(graded(Error, Info), Info);
    assert_eq!(graded(Warning, Error), Warning); // a milder case stays milder
    assert_eq!(graded(Warning, Info), Info);
}

#[test]
fn other_data_in_the_rules_folder_is_ignored() {
    // The table parser keeps rules/table_kinds.toml ([[kind]] entries) in the same folder.
    let mut c = Catalogue::default();
    c.add_file(
        "rules/table_kinds.toml",
        "[[kind]]\nkind = \"summary\"\npatterns = [\"收支总表\"]\n",
    )
    .expect("other data is ignored");
    assert!(c.entries.is_empty());
    let e = Catalogue::default()
        .add_file("x.toml", "\n[[rules]]\nid = \"Z1\"\n")
        .expect_err("[[rules]] typo");
    assert!(e.to_string().contains("x.toml:2"), "{e}");
}
