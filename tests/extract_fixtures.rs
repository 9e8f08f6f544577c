//! Extraction of the real sample disclosures: every table typed, every figure where the
//! source prints it. The JSON snapshots were checked line by line against the fixtures.

use budgetlint::model::{Code, ColumnKey, Document, RowKind, TableKind};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn doc(name: &str) -> Document {
    budgetlint::extract(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The typed part of the model (tables, performance tables, document facts).
fn typed(d: &Document) -> serde_json::Value {
    serde_json::json!({
        "department": d.info.department,
        "year": d.info.year,
        "unit": d.info.unit,
        "tables": d.tables,
        "performance": d.performance,
    })
}

fn value(d: &Document, kind: TableKind, code: &str, key: ColumnKey) -> Option<String> {
    let t = d.table(kind)?;
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_ref().map(|c| c.to_string()) == Some(code.to_string()))?;
    r.get(&t.columns, &key).map(|f| f.printed())
}

#[test]
fn snapshot_001_pdf_reading_order() {
    insta::assert_json_snapshot!("001_typed", typed(&doc("001_21f1af62e491819b.txt")));
}

#[test]
fn snapshot_002_docx_cells() {
    insta::assert_json_snapshot!("002_typed", typed(&doc("002_0e3626f947e34449.txt")));
}

#[test]
fn snapshot_004_tab_rows() {
    insta::assert_json_snapshot!("004_typed", typed(&doc("004_68abc374c9e05f07.txt")));
}

#[test]
fn all_kinds_found_in_001() {
    let d = doc("001_21f1af62e491819b.txt");
    let kinds: Vec<(String, TableKind)> =
        d.tables.iter().map(|t| (t.label.clone(), t.kind)).collect();
    use TableKind::*;
    let expect = [
        ("表一", Summary),
        ("表二", Income),
        ("表三", Expense),
        ("表四", FiscalSummary),
        ("表五", GeneralExpense),
        ("表六", BasicEconomic),
        ("表七", Projects),
        ("表八", ThreePublic),
        ("表九", GovFund),
    ];
    assert_eq!(
        kinds,
        expect
            .iter()
            .map(|(l, k)| (l.to_string(), *k))
            .collect::<Vec<_>>()
    );
    assert_eq!(d.info.year, Some(2022));
    assert_eq!(
        d.info.department.as_deref(),
        Some("新疆维吾尔自治区喀什地区喀什经济开发区党政办公室")
    );
}

#[test]
fn soft_wrapped_cells_rejoined_in_001() {
    let d = doc("001_21f1af62e491819b.txt");
    let t = d.table(TableKind::Projects).unwrap();
    // "1444." / "34" on two lines is one amount.
    let class = t
        .rows
        .iter()
        .find(|r| r.code.as_ref().map(|c| c.to_string()) == Some("201".into()))
        .unwrap();
    assert_eq!(
        class.get(&t.columns, &ColumnKey::Total).unwrap().printed(),
        "1444.34"
    );
    // A project name broken into two-character pieces, interleaved with its subject name.
    let p = t
        .rows
        .iter()
        .find(|r| r.project.as_deref() == Some("党政内网（域）分保测评项目"))
        .unwrap();
    assert_eq!(p.kind, RowKind::Project);
    assert_eq!(
        p.get(&t.columns, &ColumnKey::Total).unwrap().printed(),
        "0.39"
    );
    // A name continued after the page break and its repeated header.
    assert!(t
        .rows
        .iter()
        .any(|r| r.project.as_deref() == Some("网络系统运营维护项目")));
    assert!(t
        .rows
        .iter()
        .any(|r| r.project.as_deref() == Some("新建改建便民服务站屋顶改造项目")));
    let rent = t
        .rows
        .iter()
        .find(|r| r.project.as_deref() == Some("房屋租赁"))
        .unwrap();
    let f = rent.get(&t.columns, &ColumnKey::Total).unwrap();
    assert_eq!((f.printed().as_str(), f.line), ("280.19", 1422));
    let total = t.total_row().unwrap();
    assert_eq!(
        total.get(&t.columns, &ColumnKey::Total).unwrap().printed(),
        "2784.91"
    );
    assert_eq!(
        t.rows.iter().filter(|r| r.kind == RowKind::Project).count(),
        18
    );
}

#[test]
fn missing_cells_placed_by_identities_in_001() {
    let d = doc("001_21f1af62e491819b.txt");
    // "201 03 01 行政运行 341.29 341.29": 合计 and 基本支出.
    assert_eq!(
        value(&d, TableKind::Expense, "201 03 01", ColumnKey::Basic).as_deref(),
        Some("341.29")
    );
    assert_eq!(
        value(&d, TableKind::Expense, "201 03 01", ColumnKey::Project),
        None
    );
    // "201 32 99 其他组织事务支出 100.00 100.00": 合计 and 项目支出 (its parent has no 基本支出).
    assert_eq!(
        value(&d, TableKind::Expense, "201 32 99", ColumnKey::Project).as_deref(),
        Some("100.00")
    );
    assert_eq!(
        value(&d, TableKind::Expense, "201 32 99", ColumnKey::Basic),
        None
    );
    assert_eq!(
        value(
            &d,
            TableKind::GeneralExpense,
            "210 04 10",
            ColumnKey::Project
        )
        .as_deref(),
        Some("27.00")
    );
    assert_eq!(
        value(&d, TableKind::BasicEconomic, "302 31", ColumnKey::PublicUse).as_deref(),
        Some("51.56")
    );
    let tp = d.table(TableKind::ThreePublic).unwrap();
    let r = tp.rows.first().unwrap();
    assert_eq!(
        r.get(&tp.columns, &ColumnKey::Vehicle).unwrap().printed(),
        "51.56"
    );
    assert_eq!(
        r.get(&tp.columns, &ColumnKey::Reception).unwrap().printed(),
        "9.02"
    );
    assert!(r.get(&tp.columns, &ColumnKey::Abroad).is_none());
}

#[test]
fn docx_cells_in_002() {
    let d = doc("002_0e3626f947e34449.txt");
    // Empty cells are absent, not zero; amounts keep their printed scale.
    assert_eq!(
        value(&d, TableKind::Expense, "201 03 99", ColumnKey::Basic),
        None
    );
    assert_eq!(
        value(&d, TableKind::Expense, "201 03 99", ColumnKey::Project).as_deref(),
        Some("124")
    );
    assert_eq!(
        value(
            &d,
            TableKind::GeneralExpense,
            "201 03 99",
            ColumnKey::Project
        )
        .as_deref(),
        Some("107")
    );
    let inc = d.table(TableKind::Income).unwrap();
    let row = inc.rows.first().unwrap();
    let special = inc
        .columns
        .iter()
        .position(|c| c.name == "上级专项收入")
        .unwrap();
    assert_eq!(row.values[special].as_ref().unwrap().printed(), "17");
    let carry = row.values.last().unwrap().as_ref().unwrap();
    assert_eq!((carry.printed().as_str(), carry.scale), ("6.6", 1));
    let s = d.table(TableKind::Summary).unwrap();
    let total_in = s.income.iter().find(|i| i.key == ColumnKey::Total).unwrap();
    assert_eq!(total_in.amount.as_ref().unwrap().printed(), "1483.22");
    assert_eq!(
        s.total_row().unwrap().values[0].as_ref().unwrap().printed(),
        "1476.62"
    );
    let p = d.table(TableKind::Projects).unwrap();
    assert_eq!(p.scope, budgetlint::model::FundScope::AllFunds);
    assert_eq!(
        p.rows.iter().filter(|r| r.kind == RowKind::Project).count(),
        5
    );
    assert!(p
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Project)
        .all(|r| r.code
            == Some(Code::Function(
                budgetlint::model::FunctionCode::parse("2010399").unwrap()
            ))));
    let gf = d.table(TableKind::GovFund).unwrap();
    assert!(gf.is_empty() && gf.empty_note.is_some());
}

#[test]
fn tab_rows_in_004() {
    let d = doc("004_68abc374c9e05f07.txt");
    assert_eq!(d.tables.len(), 11);
    // "1247.2 2": a number broken by a stray space.
    let inc = d.table(TableKind::Income).unwrap();
    assert_eq!(
        inc.total_row().unwrap().values[0]
            .as_ref()
            .unwrap()
            .printed(),
        "1247.22"
    );
    assert_eq!(
        value(&d, TableKind::Expense, "201 03 02", ColumnKey::Project).as_deref(),
        Some("114.08")
    );
    let tp = d.table(TableKind::ThreePublic).unwrap();
    assert!(tp.is_empty() && tp.empty_note.is_some());
    let perf = d
        .performance
        .iter()
        .find(|p| p.project == "单位运转项目")
        .unwrap();
    assert_eq!(perf.total.as_ref().unwrap().printed(), "114.08");
    assert!(perf
        .indicators
        .iter()
        .any(|i| i.level3 == "保障办公人员数量" && i.value == ">=75 人"));
}

#[test]
fn shanghai_layout_in_yuan() {
    let d = doc("wanli-2025-dept-budget.layout.txt");
    assert_eq!(d.tables.len(), 9);
    let e = d.table(TableKind::Expense).unwrap();
    assert_eq!(e.unit, budgetlint::model::Unit::Yuan);
    let t = e.total_row().unwrap();
    assert_eq!(
        t.values
            .iter()
            .map(|v| v.as_ref().unwrap().printed())
            .collect::<Vec<_>>(),
        ["189767551", "101341746", "88425805"]
    );
    let tp = d.table(TableKind::ThreePublic).unwrap();
    let r = tp.rows.first().unwrap();
    assert_eq!(
        r.get(&tp.columns, &ColumnKey::Total).unwrap().printed(),
        "37.91"
    );
    assert_eq!(
        r.get(&tp.columns, &ColumnKey::Vehicle).unwrap().printed(),
        "36.56"
    );
    assert_eq!(
        r.get(&tp.columns, &ColumnKey::OfficeOperation)
            .unwrap()
            .printed(),
        "464.64"
    );
}

#[test]
fn wanli_converters_agree_on_the_figures() {
    let a = doc("wanli-2025-dept-budget.layout.txt");
    let b = doc("wanli-2025-dept-budget.tabs.txt");
    for kind in [
        TableKind::Summary,
        TableKind::Income,
        TableKind::Expense,
        TableKind::GeneralExpense,
        TableKind::BasicEconomic,
        TableKind::ThreePublic,
    ] {
        let fa = a.table(kind).unwrap();
        let fb = b.table(kind).unwrap();
        let vals = |t: &budgetlint::model::Table| -> Vec<(String, Vec<Option<String>>)> {
            t.rows
                .iter()
                .map(|r| {
                    (
                        r.label(),
                        r.values
                            .iter()
                            .map(|v| v.as_ref().map(|f| f.printed()))
                            .collect(),
                    )
                })
                .collect()
        };
        assert_eq!(vals(fa), vals(fb), "{kind:?}");
    }
}

#[test]
fn encodings_and_line_ends_give_the_same_model() {
    for name in [
        "001_21f1af62e491819b.txt",
        "002_0e3626f947e34449.txt",
        "004_68abc374c9e05f07.txt",
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let base = serde_json::to_value(budgetlint::extract_bytes(name, &bytes).unwrap()).unwrap();
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let crlf = text.replace('\n', "\r\n").into_bytes();
        let fullwidth: String = text
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap()
                } else {
                    c
                }
            })
            .collect();
        for (what, variant) in [
            ("GB18030", gb.into_owned()),
            ("UTF-16LE", utf16),
            ("CRLF", crlf),
            ("full-width digits", fullwidth.into_bytes()),
        ] {
            let mut got =
                serde_json::to_value(budgetlint::extract_bytes(name, &variant).unwrap()).unwrap();
            got["encoding"] = base["encoding"].clone();
            assert!(got == base, "{name}: {what} variant gives another model");
        }
    }
}

#[test]
fn non_disclosures_are_refused_with_the_file_name() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty"),
        (
            "notes.txt",
            "今天天气很好，我们去公园散步。\n明天再说。\n".as_bytes(),
            "not a budget disclosure",
        ),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (
            "blob.bin",
            &[0u8, 1, 2, 3, 0, 0, 0, 255, 254, 0, 0, 7],
            "binary",
        ),
    ];
    for (name, bytes, want) in cases {
        let err = budgetlint::extract_bytes(name, bytes)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(name), "{err}");
        assert!(err.contains(want), "{name}: {err}");
    }
}
