//! Rounding-aware exact arithmetic (the XBRL Calculations 1.1 method, DOMAIN.md).
//!
//! A figure printed with `d` decimals stands for the interval [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ].
//! A sum is consistent when the total's interval overlaps the sum of the parts' intervals;
//! a rate is consistent when the printed rate's interval overlaps the rate computed over the
//! inputs' intervals. Everything is `rust_decimal`; never floating point.

use crate::model::Figure;
use rust_decimal::Decimal;

/// A closed interval of exact decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

/// Half a unit of the last printed digit: 0.005 for 2 decimals.
pub fn half_ulp(scale: u32) -> Decimal {
    Decimal::new(5, scale.min(27) + 1)
}

#[allow(clippy::should_implement_trait)]
impl Interval {
    pub fn exact(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    /// The interval a printed value with `scale` decimals stands for.
    pub fn printed(v: Decimal, scale: u32) -> Self {
        let h = half_ulp(scale);
        Interval {
            lo: v - h,
            hi: v + h,
        }
    }

    pub fn of(f: &Figure) -> Self {
        Self::printed(f.value, f.scale)
    }

    pub fn add(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo + o.lo,
            hi: self.hi + o.hi,
        }
    }

    pub fn sub(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo - o.hi,
            hi: self.hi - o.lo,
        }
    }

    /// True when the intervals share more than a boundary point. Two figures printed at
    /// the same scale that differ by one unit of the last digit (378.37 vs 378.36) only
    /// touch at 378.365 and are a real mismatch (DOMAIN.md), so a touching boundary does
    /// not count; a degenerate (exact) interval counts when it lies inside the other.
    /// The middle of the interval: the value as printed, for an interval of printed figures.
    pub fn mid(self) -> Decimal {
        (self.lo + self.hi) / Decimal::TWO
    }

    pub fn overlaps(self, o: Interval) -> bool {
        if self.lo == self.hi || o.lo == o.hi {
            return self.lo <= o.hi && o.lo <= self.hi;
        }
        self.lo < o.hi && o.lo < self.hi
    }

    /// Distance between the two intervals (0 when they overlap).
    pub fn gap(self, o: Interval) -> Decimal {
        if self.overlaps(o) {
            Decimal::ZERO
        } else if self.hi < o.lo {
            o.lo - self.hi
        } else {
            self.lo - o.hi
        }
    }

    /// self / o, for o strictly positive or strictly negative; None when o contains 0.
    pub fn div(self, o: Interval) -> Option<Interval> {
        if o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO {
            return None;
        }
        let c = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        let lo = c.iter().copied().min()?;
        let hi = c.iter().copied().max()?;
        Some(Interval { lo, hi })
    }

    pub fn scale(self, k: Decimal) -> Interval {
        let a = self.lo * k;
        let b = self.hi * k;
        Interval {
            lo: a.min(b),
            hi: a.max(b),
        }
    }
}

/// The result of comparing a stated figure with what the other figures imply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// What the other figures imply (exact sum of printed values, at the stated scale).
    pub expected: Decimal,
    /// What was printed.
    pub actual: Decimal,
    /// actual − expected.
    pub difference: Decimal,
    /// The tolerance the intervals allowed (sum of half-units).
    pub tolerance: Decimal,
}

impl Mismatch {
    /// Expected, actual and difference printed with `scale` decimals.
    pub fn printed(&self, scale: u32) -> (String, String, String) {
        let p = |mut d: Decimal| {
            d.rescale(scale);
            d.to_string()
        };
        (p(self.expected), p(self.actual), p(self.difference))
    }
}

/// Sum of parts (exact printed values).
pub fn sum(parts: &[&Figure]) -> Decimal {
    parts.iter().map(|f| f.value).sum()
}

/// Check `total = Σ parts` with interval tolerance; None when consistent.
pub fn check_sum(total: &Figure, parts: &[&Figure]) -> Option<Mismatch> {
    check_sum_signed(total, &parts.iter().map(|f| (*f, true)).collect::<Vec<_>>())
}

/// Check `total = Σ ±parts` (true = add, false = subtract); None when consistent.
pub fn check_sum_signed(total: &Figure, parts: &[(&Figure, bool)]) -> Option<Mismatch> {
    let mut acc = Interval::exact(Decimal::ZERO);
    let mut expected = Decimal::ZERO;
    for (f, plus) in parts {
        if *plus {
            acc = acc.add(Interval::of(f));
            expected += f.value;
        } else {
            acc = acc.sub(Interval::of(f));
            expected -= f.value;
        }
    }
    let t = Interval::of(total);
    if t.overlaps(acc) {
        return None;
    }
    Some(Mismatch {
        expected,
        actual: total.value,
        difference: total.value - expected,
        tolerance: (t.hi - t.lo + acc.hi - acc.lo) / Decimal::TWO,
    })
}

/// Check that two figures that should be equal are, within their printed precision.
pub fn check_equal(stated: &Figure, reference: &Figure) -> Option<Mismatch> {
    check_sum(stated, &[reference])
}

/// Check a printed percentage `rate` (e.g. 12.77 meaning 12.77%) against
/// numerator/denominator × 100 over the inputs' intervals. None when consistent or when the
/// denominator's interval contains zero (undefined; callers report that separately).
///
/// A quotient over a denominator so close to zero that the rate (×100, its midpoint, its
/// width) leaves `Decimal`'s range is undefined the same way: `Decimal`'s operators panic on
/// overflow, so every step here is checked.
pub fn check_rate(rate: &Figure, num: Interval, den: Interval) -> Option<Mismatch> {
    let q = num.div(den)?;
    let computed = Interval {
        lo: q.lo.checked_mul(Decimal::ONE_HUNDRED)?,
        hi: q.hi.checked_mul(Decimal::ONE_HUNDRED)?,
    };
    let r = Interval::of(rate);
    if r.overlaps(computed) {
        return None;
    }
    let mid = match computed.lo.checked_add(computed.hi) {
        Some(s) => s / Decimal::TWO,
        None => computed.lo / Decimal::TWO + computed.hi / Decimal::TWO,
    };
    let expected = mid.round_dp(rate.scale.max(2));
    let width = computed.hi.checked_sub(computed.lo)?;
    Some(Mismatch {
        expected,
        actual: rate.value,
        difference: rate.value.checked_sub(expected)?,
        tolerance: (r.hi - r.lo).checked_add(width)? / Decimal::TWO,
    })
}

/// The interval and exact value of a signed sum of printed figures (true = add).
/// An empty sum is exactly zero.
pub fn signed_sum(parts: &[(&Figure, bool)]) -> (Decimal, Interval) {
    let mut acc = Interval::exact(Decimal::ZERO);
    let mut exact = Decimal::ZERO;
    for (f, plus) in parts {
        if *plus {
            acc = acc.add(Interval::of(f));
            exact += f.value;
        } else {
            acc = acc.sub(Interval::of(f));
            exact -= f.value;
        }
    }
    (exact, acc)
}

/// Check `Σ ±left = Σ ±right` with interval tolerance; None when consistent. The
/// generalization of [`check_sum_signed`] to several figures on the stated side (it is the
/// same check when `left` is one figure): `actual` is the left side, `expected` the right.
/// An empty side is exactly zero, so a missing cell is consistent with a printed 0.00.
pub fn check_balance(left: &[(&Figure, bool)], right: &[(&Figure, bool)]) -> Option<Mismatch> {
    let (actual, l) = signed_sum(left);
    let (expected, r) = signed_sum(right);
    if l.overlaps(r) {
        return None;
    }
    Some(Mismatch {
        expected,
        actual,
        difference: actual - expected,
        tolerance: (l.hi - l.lo + r.hi - r.lo) / Decimal::TWO,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Figure {
        Figure::parse(s, 1).unwrap()
    }

    #[test]
    fn sum_within_rounding_passes() {
        // 0.33 + 0.33 + 0.33 printed for thirds of 1.00: off by 0.01 but within 4 half-units.
        assert!(check_sum(&f("1.00"), &[&f("0.33"), &f("0.33"), &f("0.33")]).is_none());
    }

    #[test]
    fn real_mismatch_is_reported() {
        let m = check_equal(&f("378.37"), &f("378.36")).unwrap();
        assert_eq!(m.difference.to_string(), "0.01");
        assert_eq!(m.printed(2).0, "378.36");
    }

    #[test]
    fn rate_within_interval() {
        // DOMAIN.md: 1.14/61.72 = 1.847% printed as 1.84% is consistent.
        let num = Interval::of(&f("1.14"));
        let den = Interval::of(&f("61.72"));
        assert!(check_rate(&f("1.84"), num, den).is_none());
        assert!(check_rate(&f("1.95"), num, den).is_some());
    }

    #[test]
    fn rate_on_zero_denominator_is_undefined() {
        let num = Interval::of(&f("100.00"));
        let den = Interval::exact(Decimal::ZERO);
        assert!(num.div(den).is_none());
    }

    #[test]
    fn balance_matches_check_sum_signed() {
        let (a, b, c) = (f("1476.62"), f("1302.62"), f("174.00"));
        assert!(check_balance(&[(&a, true)], &[(&b, true), (&c, true)]).is_none());
        let m = check_balance(&[(&b, true)], &[(&a, true)]).unwrap();
        assert_eq!(m.difference.to_string(), "-174.00");
        // Missing on one side vs 0.00 on the other is consistent; vs 0.01 it is not.
        assert!(check_balance(&[], &[(&f("0.00"), true)]).is_none());
        assert!(check_balance(&[], &[(&f("0.01"), true)]).is_some());
    }
}
