//! Stage 1: bytes → text (UTF-8 with/without BOM, UTF-16 LE/BE with or without BOM,
//! GB18030/GBK).
//!
//! The rule is "never mangle silently": a file is either decoded exactly, or rejected with a
//! message that says what it looks like (PDF, DOCX, image, …) or which byte offset is bad.
//! Order of checks: empty → magic bytes of known binary formats → BOMs → BOM-less UTF-16 (by
//! NUL pattern) → generic binary (many NUL/control bytes) → UTF-8 → GB18030.

pub mod pdf;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// Why a file could not be decoded as a text disclosure.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("文件为空 (empty file)")]
    Empty,
    /// The file has characters, but only whitespace (spaces, line ends, form feeds, U+3000…).
    #[error("文件只有空白字符，没有内容 (file contains only whitespace)")]
    Blank,
    /// A binary file; the payload is its kind: one of the `KIND_*` constants.
    #[error("{}", binary_message(.0))]
    Binary(String),
    #[error("文本编码错误 (text encoding error): {0}")]
    Encoding(String),
}

/// `DecodeError::Binary` kinds.
pub const KIND_PDF: &str = "PDF";
pub const KIND_ZIP: &str = "DOCX/ZIP";
pub const KIND_OLE: &str = "DOC/XLS";
pub const KIND_PNG: &str = "PNG";
pub const KIND_JPEG: &str = "JPEG";
pub const KIND_GIF: &str = "GIF";
pub const KIND_ELF: &str = "ELF";
pub const KIND_GZIP: &str = "GZIP";
pub const KIND_RAR: &str = "RAR";
pub const KIND_7Z: &str = "7Z";
pub const KIND_BINARY: &str = "binary";

/// What to tell the user for each binary kind: what the file looks like and what to do.
fn binary_message(kind: &str) -> String {
    match kind {
        KIND_PDF => "这看起来是 PDF 文件，需要先提取其中的文字，例如用 `pdftotext -layout 文件.pdf 文件.txt` \
             (this looks like a PDF: its text must be extracted first, e.g. with \
             `pdftotext -layout file.pdf file.txt`)"
            .to_string(),
        KIND_ZIP => "这看起来是 DOCX/XLSX（ZIP 压缩包）文件，请先转换为纯文本 \
             (this looks like a DOCX/ZIP: convert it to text first)"
            .to_string(),
        KIND_OLE => "这看起来是旧版 Word/Excel 文件（.doc/.xls），请先另存为纯文本 \
             (this looks like an old Word/Excel .doc/.xls file: save it as text first)"
            .to_string(),
        KIND_PNG | KIND_JPEG | KIND_GIF => format!(
            "这是图片文件（{kind}），不是文本；扫描件需要先做文字识别（OCR） \
             (this is a {kind} image, not text: run OCR first)"
        ),
        KIND_ELF => "这是可执行程序（ELF），不是文本 (this is an ELF executable, not text)".to_string(),
        KIND_GZIP | KIND_RAR | KIND_7Z => format!(
            "这是压缩包（{kind}），请先解压 (this is a {kind} archive: unpack it first)"
        ),
        _ => format!(
            "这是二进制文件（{kind}），不是文本 (binary {kind} file, not text: \
             too many NUL/control bytes)"
        ),
    }
}

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text without any byte-order mark.
    pub text: String,
    /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE" or "GB18030".
    pub encoding: &'static str,
}

/// Decode a disclosure file. See the module docs for the order of checks.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = magic_kind(bytes) {
        return Err(DecodeError::Binary(kind.to_string()));
    }
    let decoded = decode_text(bytes)?;
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Blank);
    }
    Ok(decoded)
}

fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, 3, "UTF-8 (BOM)");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, 2, UTF_16LE, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, 2, UTF_16BE, "UTF-16BE");
    }
    if let Some(le) = bomless_utf16(bytes) {
        let (enc, name) = if le {
            (UTF_16LE, "UTF-16LE")
        } else {
            (UTF_16BE, "UTF-16BE")
        };
        // A NUL pattern that does not decode is not UTF-16 after all: fall through.
        if let Ok(d) = decode_utf16(bytes, 0, enc, name) {
            return Ok(d);
        }
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary(KIND_BINARY.to_string()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
        }),
        Err(e) => decode_non_utf8(bytes, e.valid_up_to()),
    }
}

/// Known binary formats by their leading bytes.
fn magic_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", KIND_ZIP),
        (b"PK\x05\x06", KIND_ZIP),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", KIND_OLE),
        (b"\x89PNG", KIND_PNG),
        (b"\xFF\xD8\xFF", KIND_JPEG),
        (b"GIF87a", KIND_GIF),
        (b"GIF89a", KIND_GIF),
        (b"\x7FELF", KIND_ELF),
        (b"\x1F\x8B", KIND_GZIP),
        (b"Rar!\x1A\x07", KIND_RAR),
        (b"7z\xBC\xAF\x27\x1C", KIND_7Z),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    // A PDF normally starts with %PDF; allow a BOM or blank lines left by a careless copy.
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = rest
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    rest.get(start..)
        .is_some_and(|r| r.starts_with(b"%PDF"))
        .then_some(KIND_PDF)
}

/// BOM-less UTF-16 shows as NUL bytes at one parity: the high byte of every ASCII character
/// (digits, spaces, line ends are plentiful in disclosures). Returns Some(true) for LE.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i.is_multiple_of(2) {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = sample.len() / 2;
    let (major, minor, le) = if odd >= even {
        (odd, even, true)
    } else {
        (even, odd, false)
    };
    // At least 5% of code units are ASCII, and the NULs sit mostly on one side (CJK such as
    // 一 U+4E00 put a few NULs on the other side).
    if major * 20 >= units && major >= 2 && minor * 3 <= major {
        Some(le)
    } else {
        None
    }
}

/// Many NUL or control bytes (other than tab, line ends, form feed, vertical tab, ESC) mean
/// the file is not text in any encoding we read (UTF-16 was ruled out before).
fn looks_binary(bytes: &[u8]) -> bool {
    let mut nul = 0usize;
    let mut ctrl = 0usize;
    for &b in bytes {
        match b {
            0 => nul += 1,
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1B => {}
            0x01..=0x1F | 0x7F => ctrl += 1,
            _ => {}
        }
    }
    nul * 1000 > bytes.len() || (nul + ctrl) * 100 > bytes.len()
}

fn decode_utf8(bytes: &[u8], offset: usize, name: &'static str) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: name,
        }),
        Err(e) => Err(DecodeError::Encoding(utf8_error_message(
            bytes,
            e.valid_up_to(),
            offset,
        ))),
    }
}

/// The 1-based line of byte offset `at`, counting line ends as `normalize` does (LF, CRLF,
/// lone CR), so the line named in a message is the line an editor shows.
fn line_of_byte(bytes: &[u8], at: usize) -> usize {
    let head = bytes.get(..at).unwrap_or(bytes);
    let lf = head.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = head
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    lf + lone_cr + 1
}

/// The bytes of the line that holds byte offset `at` (without its line end).
fn line_bytes(bytes: &[u8], at: usize) -> &[u8] {
    let is_end = |b: &u8| *b == b'\n' || *b == b'\r';
    let start = bytes
        .get(..at)
        .and_then(|h| h.iter().rposition(is_end))
        .map_or(0, |p| p + 1);
    let end = bytes
        .get(at..)
        .and_then(|t| t.iter().position(is_end))
        .map_or(bytes.len(), |p| at + p);
    bytes.get(start..end).unwrap_or_default()
}

/// "第 L 行（第 N 字节）…(invalid UTF-8 at byte N (line L): 0xFF)"; `base` is added to
/// offsets (BOM length). When the bad line reads as GB18030 text, the message says the file
/// mixes two encodings (a paragraph pasted from a GBK document) instead of guessing.
fn utf8_error_message(bytes: &[u8], at: usize, base: usize) -> String {
    let shown = bytes
        .get(at..bytes.len().min(at + 4))
        .unwrap_or_default()
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    let n = at + base;
    let line = line_of_byte(bytes, at);
    let bad = count_invalid_utf8(bytes).0;
    // The bad line is GB18030 text when it decodes as such with CJK characters and, read as
    // UTF-8, it has more bad spots than good multi-byte characters (damaged UTF-8 has a few
    // bad spots among many good characters; see `decode_non_utf8`).
    let bad_line = line_bytes(bytes, at);
    let (line_invalid, line_multibyte) = count_invalid_utf8(bad_line);
    let mixed = line_invalid > line_multibyte
        && GB18030
            .decode_without_bom_handling_and_without_replacement(bad_line)
            .is_some_and(|t| t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)));
    if mixed {
        format!(
            "文件是 UTF-8 编码，但第 {line} 行（第 {n} 字节起）是 GB18030/GBK 编码：文件混用了两种编码，\
             请整体转换为 UTF-8 后再检查（共 {bad} 处无效字节序列）(invalid UTF-8 at byte {n} \
             (line {line}): {shown}; that line reads as GB18030/GBK: the file mixes two encodings, \
             convert it all to UTF-8; {bad} invalid sequence(s) in total)"
        )
    } else {
        format!(
            "文件是 UTF-8 编码，但第 {line} 行（第 {n} 字节）处无效（共 {bad} 处无效字节序列）\
             (invalid UTF-8 at byte {n} (line {line}): {shown}; {bad} invalid sequence(s) in total)"
        )
    }
}

/// (invalid sequences, valid multi-byte sequences) of a byte string read as UTF-8, in one pass.
fn count_invalid_utf8(bytes: &[u8]) -> (usize, usize) {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (invalid, multibyte)
}

/// Not valid UTF-8: GB18030 unless the bytes are mostly good UTF-8 with a few bad spots.
/// GBK text read as UTF-8 has far more invalid sequences than valid multi-byte ones (about
/// 5:1 on the samples), while damaged UTF-8 has a handful of bad spots among many good
/// characters; decoding the latter as GB18030 would silently produce mojibake.
fn decode_non_utf8(bytes: &[u8], utf8_bad_at: usize) -> Result<Decoded, DecodeError> {
    let (invalid, multibyte) = count_invalid_utf8(bytes);
    if multibyte >= 4 && multibyte >= invalid * 4 {
        return Err(DecodeError::Encoding(utf8_error_message(
            bytes,
            utf8_bad_at,
            0,
        )));
    }
    match first_error(GB18030, bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "GB18030",
        }),
        Err(gb_bad_at) => Err(DecodeError::Encoding(format!(
            "既不是有效的 UTF-8（第 {utf8_bad_at} 字节出错），也不是有效的 GB18030/GBK\
             （第 {gb_bad_at} 字节出错）(invalid UTF-8 at byte {utf8_bad_at}; \
             invalid GB18030 at byte {gb_bad_at})"
        ))),
    }
}

fn decode_utf16(
    bytes: &[u8],
    base: usize,
    enc: &'static Encoding,
    name: &'static str,
) -> Result<Decoded, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        let n = base + bytes.len() - 1;
        return Err(DecodeError::Encoding(format!(
            "{name} 文件的字节数为奇数，第 {n} 字节是多余的半个字符 \
             (invalid {name} at byte {n}: odd byte count, stray half character)"
        )));
    }
    first_error(enc, bytes)
        .map(|text| Decoded {
            text,
            encoding: name,
        })
        .map_err(|at| {
            let n = base + at;
            DecodeError::Encoding(format!(
                "{name} 文本在第 {n} 字节处无效（不成对的代理项）\
                 (invalid {name} at byte {n}: unpaired surrogate)"
            ))
        })
}

/// Decode without replacement; on failure, the byte offset where the first malformed
/// sequence starts.
fn first_error(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3).saturating_add(16));
    let mut out = String::with_capacity(cap);
    let mut consumed = 0usize;
    loop {
        let rest = bytes.get(consumed..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Err(bytes.len()),
            encoding_rs::DecoderResult::OutputFull => {
                consumed += read;
                out.reserve(rest.len().saturating_mul(3).saturating_add(16));
            }
            encoding_rs::DecoderResult::Malformed(len, extra) => {
                let end = consumed + read;
                return Err(end.saturating_sub(usize::from(extra) + usize::from(len)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const SAMPLE: &str = "表一 部门收支总体情况表\n单位：万元\n一般公共服务支出\t1785.63\n";

    #[test]
    fn empty_and_blank() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\t\r\n").unwrap_err(), DecodeError::Blank);
        assert_eq!(
            decode("\u{3000}\n\u{c}".as_bytes()).unwrap_err(),
            DecodeError::Blank
        );
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), DecodeError::Blank);
        assert_eq!(
            decode(&utf16(" \n", true, true)).unwrap_err(),
            DecodeError::Blank
        );
        assert!(DecodeError::Blank.to_string().contains("whitespace"));
    }

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-8"));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-8 (BOM)"));
    }

    #[test]
    fn utf16_with_bom() {
        let d = decode(&utf16(SAMPLE, true, true)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16LE"));
        let d = decode(&utf16(SAMPLE, false, true)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom() {
        let d = decode(&utf16(SAMPLE, true, false)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16LE"));
        let d = decode(&utf16(SAMPLE, false, false)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16BE"));
    }

    #[test]
    fn utf16_errors_name_offset() {
        let mut b = utf16("ab", true, true);
        b.push(b'x');
        let e = decode(&b).unwrap_err().to_string();
        assert!(e.contains("byte 6"), "{e}");
        // Unpaired high surrogate at code unit 1 (byte 2 after the BOM → 4).
        let b = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        let e = decode(&b).unwrap_err().to_string();
        assert!(e.contains("UTF-16LE at byte 4"), "{e}");
    }

    #[test]
    fn gb18030() {
        let (bytes, _, unmappable) = GB18030.encode(SAMPLE);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "GB18030"));
    }

    #[test]
    fn neither_utf8_nor_gb18030_names_offsets() {
        // 0xFF is never valid in GB18030 or UTF-8; 预 (GB D4 A4) happens to be valid UTF-8.
        let mut b = GB18030.encode("预算").0.into_owned();
        b.push(0xFF);
        let e = decode(&b).unwrap_err();
        let msg = e.to_string();
        assert!(matches!(e, DecodeError::Encoding(_)));
        assert!(msg.contains("invalid UTF-8 at byte 2"), "{msg}");
        assert!(msg.contains("invalid GB18030 at byte 4"), "{msg}");
    }

    #[test]
    fn damaged_utf8_is_not_read_as_gb18030() {
        let mut b = "部门预算公开表一般公共服务支出".as_bytes().to_vec();
        let at = b.len();
        b.push(0x80);
        b.extend_from_slice("合计 1785.63".as_bytes());
        let msg = decode(&b).unwrap_err().to_string();
        assert!(
            msg.contains(&format!("invalid UTF-8 at byte {at}")),
            "{msg}"
        );
    }

    #[test]
    fn utf8_error_names_the_line() {
        let mut b = "部门预算\n一般公共服务支出\r\n合计".as_bytes().to_vec();
        b.push(0xFF);
        let msg = decode(&b).unwrap_err().to_string();
        assert!(msg.contains("第 3 行") && msg.contains("(line 3)"), "{msg}");
        assert!(!msg.contains("GB18030"), "{msg}");
    }

    #[test]
    fn gb18030_paragraph_in_utf8_is_named_as_mixed() {
        // 4 lines of 17 characters (3 bytes each) and a line end: the GB text starts at 208.
        let mut b = "部门预算公开表一般公共服务支出合计\n"
            .repeat(4)
            .into_bytes();
        b.extend_from_slice(&GB18030.encode("这一段是国标编码的说明文字。").0);
        b.extend_from_slice("\n一般公共服务支出".as_bytes());
        let msg = decode(&b).unwrap_err().to_string();
        assert!(
            msg.contains("第 5 行（第 208 字节起）是 GB18030/GBK 编码"),
            "{msg}"
        );
    }

    #[test]
    fn utf8_bom_error_offset_counts_bom() {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("预算".as_bytes());
        b.push(0xC3);
        let msg = decode(&b).unwrap_err().to_string();
        assert!(msg.contains("invalid UTF-8 at byte 9"), "{msg}");
    }

    #[test]
    fn binary_magic() {
        for (bytes, kind) in [
            (&b"%PDF-1.7\n%\xE2\xE3"[..], KIND_PDF),
            (&b"\xEF\xBB\xBF\r\n%PDF-1.4"[..], KIND_PDF),
            (&b"PK\x03\x04\x14\x00"[..], KIND_ZIP),
            (&b"\x89PNG\r\n\x1a\n"[..], KIND_PNG),
            (&b"\xFF\xD8\xFF\xE0"[..], KIND_JPEG),
            (&b"GIF89a..."[..], KIND_GIF),
            (&b"\x7FELF\x02\x01"[..], KIND_ELF),
            (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], KIND_OLE),
        ] {
            assert_eq!(decode(bytes).unwrap_err(), DecodeError::Binary(kind.into()));
        }
    }

    #[test]
    fn pdf_message_says_extract_text() {
        let msg = decode(b"%PDF-1.4 ...").unwrap_err().to_string();
        assert!(
            msg.contains("PDF") && msg.contains("pdftotext -layout"),
            "{msg}"
        );
        assert!(msg.contains("提取") && msg.contains("extract"), "{msg}");
        let msg = decode(b"PK\x03\x04").unwrap_err().to_string();
        assert!(msg.contains("DOCX/ZIP: convert it to text first"), "{msg}");
    }

    #[test]
    fn generic_binary_by_control_bytes() {
        let b: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        assert_eq!(
            decode(&b).unwrap_err(),
            DecodeError::Binary(KIND_BINARY.into())
        );
        // All NULs, odd length: neither UTF-16 nor text.
        assert_eq!(
            decode(&[0u8; 9]).unwrap_err(),
            DecodeError::Binary(KIND_BINARY.into())
        );
        // A stray control byte in a long text does not make it binary.
        let mut t = SAMPLE.repeat(10).into_bytes();
        t.push(0x01);
        assert!(decode(&t).is_ok());
    }
}
