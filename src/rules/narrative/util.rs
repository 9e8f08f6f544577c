//! Helpers shared by the narrative rules: building findings, signed intervals, printing.

use crate::arith::{Interval, Mismatch};
use crate::model::claim::{Claim, Direction, Money};
use crate::model::{Figure, Unit};
use crate::rules::{Finding, Message, Severity};
use rust_decimal::Decimal;

/// A finding of `code` at the figure's line and column.
pub fn finding(code: &str, severity: Severity, fig: &Figure, zh: String, en: String) -> Finding {
    let mut f = Finding::new(code, fig.line, Message::new(zh, en));
    f.severity = severity;
    f.col = fig.col;
    f.width = fig.width;
    f
}

/// Print a decimal with `scale` decimals (at least; exact digits are never cut when
/// `keep` is set).
pub fn p(d: Decimal, scale: u32) -> String {
    let mut v = d;
    if v.scale() > scale {
        v = v.round_dp(scale);
    }
    v.rescale(scale);
    v.to_string()
}

/// Print an exact decimal without trailing zeros (at least `min` decimals).
pub fn exact(d: Decimal, min: u32) -> String {
    let mut v = d.normalize();
    if v.scale() < min {
        v.rescale(min);
    }
    v.to_string()
}

/// Fill expected/actual/difference/tolerance from a mismatch.
pub fn fill(f: &mut Finding, m: &Mismatch, scale: u32) {
    let (e, a, d) = m.printed(scale);
    f.expected = Some(e);
    f.actual = Some(a);
    f.difference = Some(d);
    f.tolerance = Some(exact(m.tolerance, 0));
}

/// Set expected/actual/difference from decimals.
pub fn set_values(f: &mut Finding, expected: Decimal, actual: Decimal, scale: u32, tol: Decimal) {
    f.expected = Some(p(expected, scale));
    f.actual = Some(p(actual, scale));
    f.difference = Some(p(actual - expected, scale));
    f.tolerance = Some(exact(tol, 0));
}

/// +1 / −1 for a direction; None for 持平 or an unfilled template.
pub fn sign(d: Direction) -> Option<i32> {
    match d {
        Direction::Up => Some(1),
        Direction::Down => Some(-1),
        Direction::Flat | Direction::Unspecified => None,
    }
}

/// The interval of a signed change in 万元; a zero change needs no sign.
pub fn signed_change(m: &Money, d: Direction) -> Option<Interval> {
    let iv = Interval::of(&m.wan());
    if m.figure.value.is_zero() {
        return Some(iv);
    }
    match sign(d)? {
        1 => Some(iv),
        _ => Some(iv.scale(Decimal::NEGATIVE_ONE)),
    }
}

/// The prior-year amount implied by current and change: current − change for an increase,
/// current + change for a decrease.
pub fn prior_of(current: &Money, change: &Money, d: Direction) -> Option<Interval> {
    let c = Interval::of(&current.wan());
    let ch = signed_change(change, d)?;
    Some(c.sub(ch))
}

/// Direction word as printed.
pub fn dir_zh(d: Direction) -> &'static str {
    match d {
        Direction::Up => "增加/增长",
        Direction::Down => "减少/下降",
        Direction::Flat => "持平",
        Direction::Unspecified => "增加（减少）",
    }
}

/// All amount claims, with their money.
pub fn amounts(claims: &[Claim]) -> impl Iterator<Item = (&Claim, &Money)> {
    claims.iter().filter_map(|c| c.money().map(|m| (c, m)))
}

/// A table figure in 万元.
pub fn table_wan(f: &Figure, unit: Unit) -> Figure {
    match unit {
        Unit::WanYuan => f.clone(),
        Unit::Yuan => f.yuan_to_wan(),
    }
}

/// Decimals to print a comparison of two amounts with: at least 2, as many as either
/// figure really has (a table in 元 converted to 万元 carries 4 more printed decimals, most of
/// them zeros), at most 6.
pub fn display_scale(a: &Figure, b: &Figure) -> u32 {
    let sig = |f: &Figure| f.value.normalize().scale();
    sig(a).max(sig(b)).clamp(2, 6)
}
