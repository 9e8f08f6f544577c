//! Decoding + normalization over the fixtures: every re-encoding or re-spelling of a fixture
//! (GB18030, UTF-16 with BOM, CRLF, CR, full-width digits) must normalize to exactly the same
//! lines as the original.
use budgetlint::decode::{decode, DecodeError};
use budgetlint::normalize::{is_page_number, normalize, SourceLine};
use std::path::PathBuf;

const FIXTURES: &[&str] = &[
    "001_21f1af62e491819b.txt",
    "002_0e3626f947e34449.txt",
    "004_68abc374c9e05f07.txt",
    "wanli-2025-dept-budget.layout.txt",
    "wanli-2025-dept-budget.raw.txt",
    "wanli-2025-dept-budget.tabs.txt",
    "gov-office-2025-dept-budget.layout.txt",
];

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", name]
        .iter()
        .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn fullwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap(),
            c => c,
        })
        .collect()
}

fn texts(lines: &[SourceLine]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

/// Compare line by line so a failure names the first differing line.
fn assert_same(name: &str, variant: &str, want: &[SourceLine], got: &[SourceLine]) {
    for (w, g) in want.iter().zip(got) {
        assert_eq!(
            (w.number, w.page, w.text.as_str()),
            (g.number, g.page, g.text.as_str()),
            "{name} [{variant}] line {}",
            w.number
        );
    }
    assert_eq!(want.len(), got.len(), "{name} [{variant}] line count");
}

fn variants(original: &str) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        (
            "gb18030",
            encoding_rs::GB18030.encode(original).0.into_owned(),
            "GB18030",
        ),
        ("utf16le", utf16(original, true), "UTF-16LE"),
        ("utf16be", utf16(original, false), "UTF-16BE"),
        (
            "utf8-bom",
            [&b"\xEF\xBB\xBF"[..], original.as_bytes()].concat(),
            "UTF-8 (BOM)",
        ),
        ("crlf", original.replace('\n', "\r\n").into_bytes(), "UTF-8"),
        ("cr", original.replace('\n', "\r").into_bytes(), "UTF-8"),
        (
            "fullwidth-digits",
            fullwidth_digits(original).into_bytes(),
            "UTF-8",
        ),
        (
            "gb18030+crlf+fullwidth",
            encoding_rs::GB18030
                .encode(&fullwidth_digits(original).replace('\n', "\r\n"))
                .0
                .into_owned(),
            "GB18030",
        ),
    ]
}

#[test]
fn variants_normalize_like_the_original() {
    for name in FIXTURES {
        let original = fixture(name);
        let base = decode(original.as_bytes()).unwrap();
        assert_eq!(base.encoding, "UTF-8", "{name}");
        let want = normalize(&base.text);
        assert!(want.len() > 100, "{name}: {} lines", want.len());
        for (variant, bytes, encoding) in variants(&original) {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{name} [{variant}]: {e}"));
            assert_eq!(decoded.encoding, encoding, "{name} [{variant}]");
            let got = normalize(&decoded.text);
            assert_same(name, variant, &want, &got);
        }
    }
}

#[test]
fn line_numbers_match_the_file() {
    for name in FIXTURES {
        let original = fixture(name);
        let lines = normalize(&original);
        let file_lines: Vec<&str> = original.lines().collect();
        assert_eq!(lines.len(), file_lines.len(), "{name}");
        for (l, f) in lines.iter().zip(&file_lines) {
            assert_eq!(l.raw, *f, "{name} line {}", l.number);
        }
        assert!(lines.iter().enumerate().all(|(i, l)| l.number == i + 1));
    }
}

#[test]
fn pages_follow_form_feeds_and_markers() {
    // The three Wanli conversions are one 32-page document.
    for name in [
        "wanli-2025-dept-budget.layout.txt",
        "wanli-2025-dept-budget.raw.txt",
        "wanli-2025-dept-budget.tabs.txt",
    ] {
        let lines = normalize(&fixture(name));
        let pages: Vec<u32> = lines.iter().filter_map(|l| l.page).collect();
        assert_eq!(pages.len(), lines.len(), "{name}: every line has a page");
        assert_eq!(pages.first(), Some(&1), "{name}");
        assert!(pages.windows(2).all(|w| w[0] <= w[1]), "{name}");
        assert_eq!(pages.iter().max(), Some(&32), "{name}");
    }
    // No form feeds: no pages.
    let lines = normalize(&fixture("002_0e3626f947e34449.txt"));
    assert!(lines.iter().all(|l| l.page.is_none()));
}

#[test]
fn no_form_feeds_or_fullwidth_digits_survive() {
    for name in FIXTURES {
        for l in normalize(&fixture(name)) {
            assert!(!l.text.contains('\u{c}'), "{name} line {}", l.number);
            assert!(!l.text.contains('\u{3000}'), "{name} line {}", l.number);
            assert!(
                !l.text.chars().any(|c| ('０'..='９').contains(&c)),
                "{name} line {}",
                l.number
            );
            assert_eq!(
                l.text.trim_end_matches([' ', '\u{a0}']),
                l.text,
                "{name} line {}",
                l.number
            );
        }
    }
}

#[test]
fn fixture_specific_repairs() {
    let t004 = normalize(&fixture("004_68abc374c9e05f07.txt"));
    let all: Vec<&str> = texts(&t004);
    assert!(all.iter().any(|l| l.contains("财政拨款（补助）")));
    assert!(all
        .iter()
        .any(|l| l.starts_with("收入总计\t1247.22\t支出总计\t1247.22")));
    assert!(!all.iter().any(|l| l.contains("1247.2 2")));
    assert!(!all.iter().any(|l| l.contains("<p>")));
    // Multi-character tokens stay apart.
    assert!(all.iter().any(|l| l.contains("功能分类 科目编码")));

    let gov = normalize(&fixture("gov-office-2025-dept-budget.layout.txt"));
    let all = texts(&gov);
    assert!(all.iter().any(|l| l.contains("收入预算9101.68万元")));
    assert!(all.iter().any(|l| l.contains("政府办公厅（室）")));
    assert!(
        all.iter().any(|l| l.contains("4．2025年部门")),
        "list number kept"
    );

    let t002 = normalize(&fixture("002_0e3626f947e34449.txt"));
    let all = texts(&t002);
    assert!(all.contains(&"\t收入总计"));
    assert!(all.contains(&"\t10.00"));
}

#[test]
fn empty_whitespace_and_binary_inputs() {
    assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
    assert_eq!(decode(b"  \r\n\t\n").unwrap_err(), DecodeError::Blank);
    assert_eq!(
        decode("\u{3000}\u{3000}\n".as_bytes()).unwrap_err(),
        DecodeError::Blank
    );

    let pdf = decode(b"%PDF-1.5\n%\xB5\xB5\xB5\xB5\n1 0 obj").unwrap_err();
    assert_eq!(pdf, DecodeError::Binary("PDF".into()));
    let msg = pdf.to_string();
    assert!(msg.contains("PDF") && msg.contains("pdftotext"), "{msg}");
    assert!(msg.contains("文字") && msg.contains("extract"), "{msg}");

    let zip = decode(b"PK\x03\x04\x14\x00\x06\x00")
        .unwrap_err()
        .to_string();
    assert!(
        zip.contains("DOCX") && zip.contains("convert it to text first"),
        "{zip}"
    );

    let png = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        .unwrap_err()
        .to_string();
    assert!(png.contains("PNG"), "{png}");

    let junk: Vec<u8> = (0u8..=255).cycle().take(10_000).collect();
    assert!(matches!(decode(&junk), Err(DecodeError::Binary(_))));
}

#[test]
fn invalid_utf8_in_the_middle_names_the_offset() {
    let original = fixture("001_21f1af62e491819b.txt");
    let mut bytes = original.into_bytes();
    // Break the lead byte of a character somewhere in the middle.
    let at = (bytes.len() / 2..bytes.len())
        .find(|&i| bytes[i] >= 0xE0)
        .unwrap();
    bytes[at] = 0xFF;
    let err = decode(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::Encoding(_)));
    assert!(
        err.to_string()
            .contains(&format!("invalid UTF-8 at byte {at}")),
        "{err}"
    );
}

#[test]
fn gb18030_with_a_bad_byte_names_the_offset() {
    let mut bytes = encoding_rs::GB18030
        .encode("部门预算公开\n一般公共服务支出 1785.63\n")
        .0
        .into_owned();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xFF\n");
    let msg = decode(&bytes).unwrap_err().to_string();
    assert!(
        msg.contains(&format!("invalid GB18030 at byte {at}")),
        "{msg}"
    );
}

#[test]
fn normalization_rules_positive_and_negative() {
    let cases = [
        ("６.６", "6.6"),
        ("１２．３４", "12.34"),
        ("<p>12.5</p>", "12.5"),
        ("1,23.4", "1,23.4"),
        ("1,234.56", "1234.56"),
        ("14,348,853.34", "14348853.34"),
        ("a&nbsp;&amp;&lt;b&gt;", "a &<b>"),
        ("财 政 拨 款 （ 补 助 ）", "财政拨款（补助）"),
        ("收  入  总  计", "收入总计"),
        ("合计 因公出国（境）费", "合计 因公出国（境）费"),
        ("收   入   总   计", "收   入   总   计"),
        ("x\t1247.2 2", "x\t1247.22"),
        ("x\t12 47.22", "x\t1247.22"),
        ("一般公共服务支出    6.6 17", "一般公共服务支出    6.6 17"),
        ("政府办公厅（室）", "政府办公厅（室）"),
        ("\t\u{3000}", "\t"),
        ("指标值：≧９５％", "指标值：≥95%"),
        ("ＡＢＣ", "ABC"),
    ];
    for (input, want) in cases {
        let got = normalize(input);
        assert_eq!(texts(&got), [want], "{input:?}");
    }
}

#[test]
fn page_number_helper() {
    for s in [
        "7",
        "- 7 -",
        "第 7 页",
        "7 / 30",
        "第7页 共30页",
        "－ ７ －",
    ] {
        assert!(is_page_number(s), "{s}");
    }
    for s in ["1785.63", "第 7 章", "201 03 01", "合计"] {
        assert!(!is_page_number(s), "{s}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text biased towards the characters the rules act on.
    fn tricky_text() -> impl Strategy<Value = String> {
        let alphabet = prop::sample::select(vec![
            "财",
            "政",
            "拨",
            "款",
            "（",
            "）",
            "类",
            "合",
            "计",
            " ",
            "  ",
            "   ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\u{c}",
            "\u{3000}",
            "\u{a0}",
            "０",
            "９",
            "．",
            "，",
            ",",
            ".",
            "1",
            "2",
            "3",
            "<p>",
            "</p>",
            "<br>",
            "&amp;",
            "&nbsp;",
            "&",
            "<",
            "年",
            "-- PAGE_BREAK --",
            "\u{0}",
            "\u{200b}",
            "Ａ",
            "％",
            "≧",
        ]);
        prop::collection::vec(alphabet, 0..120).prop_map(|v| v.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![tricky_text(), any::<String>()]
    }

    proptest! {
        #[test]
        fn normalize_keeps_lines_one_to_one(text in any_text()) {
            let lines = normalize(&text);
            let expected = budgetlint::normalize::split_lines(&text);
            prop_assert_eq!(lines.len(), expected.len());
            let paged = lines.iter().any(|l| l.page.is_some());
            for (i, (l, raw)) in lines.iter().zip(&expected).enumerate() {
                prop_assert_eq!(l.number, i + 1);
                prop_assert_eq!(&l.raw, raw);
                prop_assert!(!l.raw.contains(['\n', '\r']));
                let bad = ['\u{c}', '\u{3000}', '\u{a0}', '\n', '\r'];
                prop_assert!(!l.text.contains(bad), "{:?}", l.text);
                prop_assert!(!l.text.ends_with(' '));
                prop_assert_eq!(l.page.is_some(), paged);
            }
            let pages: Vec<u32> = lines.iter().filter_map(|l| l.page).collect();
            prop_assert!(pages.windows(2).all(|w| w[0] <= w[1]));
        }

        #[test]
        fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(d) = decode(&bytes) {
                prop_assert!(!d.text.chars().all(char::is_whitespace));
            }
        }

        #[test]
        fn utf16_with_bom_round_trips(text in any_text(), le in any::<bool>()) {
            prop_assume!(!text.chars().all(char::is_whitespace));
            let d = decode(&utf16(&text, le));
            prop_assert!(d.is_ok(), "{:?}", d);
            if let Ok(d) = d {
                prop_assert_eq!(d.text, text);
                prop_assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
            }
        }

        #[test]
        fn utf8_round_trips_unless_binary(text in any_text()) {
            prop_assume!(!text.chars().all(char::is_whitespace));
            prop_assume!(!text.contains('\u{0}') && !text.trim_start().starts_with("%PDF"));
            prop_assume!(!text.chars().any(|c| c.is_control() && !"\t\n\r\u{b}\u{c}\u{1b}".contains(c)));
            let d = decode(text.as_bytes());
            prop_assert!(d.is_ok(), "{:?}", d);
            if let Ok(d) = d {
                prop_assert_eq!(d.text, text);
            }
        }
    }
}
