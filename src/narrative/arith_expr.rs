//! Written-out arithmetic in project descriptions: "2000 元/月*12 个月*15 个站=36 万元",
//! "（120 平方米*14+150 平方米）*22 元/平方米＝4.026 万元", "4 间房*每间 80 元*365 天=116800 元".
//!
//! The left side is read backwards from the `=` (bounded to 160 characters): terms are
//! `[prefix] number [unit]`, joined by `* × x X +` and parentheses. Values are exact decimals.

use crate::model::Unit;
use rust_decimal::Decimal;

/// A parsed left-hand side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// Byte offset where the expression starts.
    pub start: usize,
    pub value: Decimal,
    /// 万元 if any operand is in 万元, else 元 if any is in 元, else None.
    pub unit: Option<Unit>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal, Option<Unit>),
    Mul,
    Add,
    LParen,
    RParen,
}

fn is_op(c: char) -> bool {
    matches!(c, '*' | '×' | 'x' | 'X' | '+' | '＋' | '✕')
}

fn is_paren(c: char) -> bool {
    matches!(c, '(' | ')' | '（' | '）')
}

fn is_stop(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '、' | ',' | ';' | '：' | ':' | '=' | '＝' | '\t' | '%' | '“' | '”'
    )
}

/// Parse the expression ending at byte `eq` of `s` (the position of `=`).
pub fn parse_at(s: &str, eq: usize) -> Option<Expr> {
    let head = s.get(..eq)?;
    let mut cs: Vec<(usize, char)> = head.char_indices().rev().take(160).collect();
    cs.reverse();
    let mut i = cs.len(); // one past the current char
    let mut toks: Vec<Tok> = Vec::new(); // reversed
    let mut depth = 0i32;
    let mut start;
    let peek = |i: usize| -> Option<char> {
        if i == 0 {
            None
        } else {
            cs.get(i - 1).map(|x| x.1)
        }
    };
    let skip_spaces = |i: &mut usize| {
        while let Some(c) = peek(*i) {
            if c.is_whitespace() {
                *i -= 1;
            } else {
                break;
            }
        }
    };
    let mut nums = 0;
    let mut ops = 0;
    loop {
        skip_spaces(&mut i);
        while let Some(c) = peek(i) {
            if c == ')' || c == '）' {
                toks.push(Tok::RParen);
                depth += 1;
                i -= 1;
                skip_spaces(&mut i);
            } else {
                break;
            }
        }
        // Unit text after the number.
        let unit_end = i;
        let mut n = 0;
        while let Some(c) = peek(i) {
            if c.is_ascii_digit()
                || c.is_whitespace()
                || is_op(c)
                || is_paren(c)
                || is_stop(c)
                || n >= 10
            {
                break;
            }
            i -= 1;
            n += 1;
        }
        let unit_text: String = cs
            .get(i..unit_end)
            .map(|v| v.iter().map(|x| x.1).collect())
            .unwrap_or_default();
        skip_spaces(&mut i);
        // The number.
        let num_end = i;
        while let Some(c) = peek(i) {
            if c.is_ascii_digit() || c == '.' {
                i -= 1;
            } else {
                break;
            }
        }
        if i == num_end {
            return None;
        }
        let num: String = cs.get(i..num_end)?.iter().map(|x| x.1).collect();
        if num.starts_with('.')
            || num.ends_with('.')
            || num.split('.').next().map(str::len).unwrap_or(0) > 15
        {
            return None;
        }
        let v: Decimal = num.parse().ok()?;
        let unit = if unit_text.starts_with("万元") {
            Some(Unit::WanYuan)
        } else if unit_text.starts_with('元') {
            Some(Unit::Yuan)
        } else {
            None
        };
        toks.push(Tok::Num(v, unit));
        nums += 1;
        start = cs.get(i).map(|x| x.0)?;
        // Optional prefix word ("每间") directly after an operator or opening paren.
        let mut j = i;
        skip_spaces(&mut j);
        let mut k = j;
        let mut m = 0;
        while let Some(c) = peek(k) {
            if c.is_ascii_digit()
                || c.is_whitespace()
                || is_op(c)
                || is_paren(c)
                || is_stop(c)
                || m >= 4
            {
                break;
            }
            k -= 1;
            m += 1;
        }
        if m > 0 {
            let mut k2 = k;
            skip_spaces(&mut k2);
            if peek(k2).is_some_and(|c| is_op(c) || c == '(' || c == '（') {
                i = k;
                start = cs.get(i).map(|x| x.0)?;
            }
        }
        // Opening parens closing a group.
        loop {
            skip_spaces(&mut i);
            match peek(i) {
                Some('(') | Some('（') if depth > 0 => {
                    toks.push(Tok::LParen);
                    depth -= 1;
                    i -= 1;
                    start = cs.get(i).map(|x| x.0)?;
                }
                _ => break,
            }
        }
        skip_spaces(&mut i);
        match peek(i) {
            Some(c) if is_op(c) => {
                toks.push(if c == '+' || c == '＋' {
                    Tok::Add
                } else {
                    Tok::Mul
                });
                ops += 1;
                i -= 1;
            }
            _ => break,
        }
    }
    if depth != 0 || nums < 2 || ops < 1 {
        return None;
    }
    toks.reverse();
    let mut pos = 0;
    let value = expr(&toks, &mut pos)?;
    // Keep results in a range where later unit conversions and differences cannot overflow.
    if value.abs() > Decimal::from(10u64.pow(18)) {
        return None;
    }
    if pos != toks.len() {
        return None;
    }
    let units: Vec<Unit> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Num(_, u) => *u,
            _ => None,
        })
        .collect();
    let unit = if units.contains(&Unit::WanYuan) {
        Some(Unit::WanYuan)
    } else if units.contains(&Unit::Yuan) {
        Some(Unit::Yuan)
    } else {
        None
    };
    Some(Expr { start, value, unit })
}

fn expr(t: &[Tok], pos: &mut usize) -> Option<Decimal> {
    let mut v = term(t, pos)?;
    while t.get(*pos) == Some(&Tok::Add) {
        *pos += 1;
        v = v.checked_add(term(t, pos)?)?;
    }
    Some(v)
}

fn term(t: &[Tok], pos: &mut usize) -> Option<Decimal> {
    let mut v = factor(t, pos)?;
    while t.get(*pos) == Some(&Tok::Mul) {
        *pos += 1;
        v = v.checked_mul(factor(t, pos)?)?;
    }
    Some(v)
}

fn factor(t: &[Tok], pos: &mut usize) -> Option<Decimal> {
    match t.get(*pos)? {
        Tok::Num(v, _) => {
            *pos += 1;
            Some(*v)
        }
        Tok::LParen => {
            *pos += 1;
            let v = expr(t, pos)?;
            if t.get(*pos) != Some(&Tok::RParen) {
                return None;
            }
            *pos += 1;
            Some(v)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn at(s: &str) -> Option<Expr> {
        let eq = s.find(['=', '＝'])?;
        parse_at(s, eq)
    }

    #[test]
    fn evaluates_written_arithmetic() {
        let e = at("其中电费 2000 元/月*12 个月*15 个站=36 万元").unwrap();
        assert_eq!(e.value, dec!(360000));
        assert_eq!(e.unit, Some(Unit::Yuan));
        let e = at("暖气费（120 平方米*14+150 平方米）*22 元/平方米＝4.026 万元").unwrap();
        assert_eq!(e.value, dec!(40260));
        let e = at("指导组组住宿费（4 间房*每间 80 元*365 天=116800 元）").unwrap();
        assert_eq!(e.value, dec!(116800));
        let e = at("1、办公室租凭：（26900*7.9）*12=255.01 万元").unwrap();
        assert_eq!(e.value, dec!(2550120.0));
        assert_eq!(e.unit, None);
        let e = at("，1.424 万元*30 天=42.72 万元/月").unwrap();
        assert_eq!(e.unit, Some(Unit::WanYuan));
        assert_eq!(e.value, dec!(42.720));
        assert!(at("2022 年 1月-2022 年 12 月=").is_none());
    }
}
