//! Properties of the amount parser and of the interval arithmetic (`src/arith`).
//!
//! An amount cell is read in two steps: `normalize_line` repairs the printing (thousands
//! separators, full-width digits and points) and `Figure::parse` reads the normalized word.
//! The rule-level properties (consistent tables pass, a shifted total is caught) are in
//! `engine_props.rs`; these are one level down.

use budgetlint::arith::{check_rate, check_sum, half_ulp, Interval};
use budgetlint::model::Figure;
use budgetlint::normalize::normalize_line;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// A cell as the tables read it: normalize the line, then parse it.
fn cell(printed: &str) -> Option<Figure> {
    Figure::parse(&normalize_line(printed), 1)
}

/// `1234567` → `1,234,567` with `sep`.
fn grouped(int: &str, sep: char) -> String {
    let n = int.len();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            '.' => '．',
            _ => c,
        })
        .collect()
}

/// A printed decimal: mantissa and scale, e.g. (147662, 2) = "1476.62".
fn printed() -> impl Strategy<Value = (i64, u32)> {
    (-10_000_000_000i64..10_000_000_000, 0u32..=6)
}

/// Strings made of the characters a number cell is made of, so that near-numbers
/// ("1..2", "1,23.4", "-.5", "１２．") are common.
fn numberish() -> impl Strategy<Value = String> {
    let alphabet = prop::sample::select(vec![
        "0", "1", "5", "9", ".", ",", "，", "．", "０", "９", "-", " ", "\t", "万元", "%", "e", "+",
    ]);
    prop::collection::vec(alphabet, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn parser_never_panics(s in prop_oneof![any::<String>(), numberish()]) {
        let _ = Figure::parse(&s, 1);
        if let Some(f) = cell(&s) {
            // Whatever parses has a scale its digits can carry and prints back to itself.
            prop_assert!(f.scale <= 40);
            prop_assert_eq!(Figure::parse(&f.printed(), 1).map(|g| g.value), Some(f.value));
        }
    }

    #[test]
    fn formatted_decimals_round_trip_with_their_scale((m, scale) in printed()) {
        let d = Decimal::new(m, scale);
        let s = d.to_string();
        let f = Figure::parse(&s, 7);
        prop_assert!(f.is_some(), "{}", s);
        if let Some(f) = f {
            prop_assert_eq!(f.value, d);
            prop_assert_eq!(f.scale, scale);
            prop_assert_eq!(f.line, 7);
            prop_assert_eq!(f.printed(), s.clone());
            prop_assert_eq!(f.width, s.chars().count());
        }
    }

    #[test]
    fn thousands_separators_are_read_as_the_plain_number(
        int in 0u64..100_000_000_000,
        frac in prop::option::of(0u32..100),
        neg in any::<bool>(),
    ) {
        let int_s = int.to_string();
        let frac_s = frac.map(|f| format!(".{f:02}")).unwrap_or_default();
        let sign = if neg { "-" } else { "" };
        let plain = format!("{sign}{int_s}{frac_s}");
        let want = cell(&plain);
        prop_assert!(want.is_some(), "{}", plain);
        let comma = format!("{sign}{}{frac_s}", grouped(&int_s, ','));
        prop_assert_eq!(cell(&comma).map(|f| (f.value, f.scale)), want.clone().map(|f| (f.value, f.scale)), "{}", comma);
        // The Chinese comma counts as a separator only before a decimal part (between ASCII
        // integers it more likely separates two values).
        if frac.is_some() {
            let cn = format!("{sign}{}{frac_s}", grouped(&int_s, '，'));
            prop_assert_eq!(cell(&cn).map(|f| (f.value, f.scale)), want.map(|f| (f.value, f.scale)), "{}", cn);
        }
    }

    #[test]
    fn fullwidth_digits_equal_halfwidth((m, scale) in printed()) {
        let s = Decimal::new(m, scale).to_string();
        let half = cell(&s).map(|f| (f.value, f.scale));
        let full = cell(&fullwidth(&s)).map(|f| (f.value, f.scale));
        prop_assert!(half.is_some());
        prop_assert_eq!(full, half, "{}", fullwidth(&s));
    }

    #[test]
    fn malformed_numbers_are_rejected(
        a in 1u32..1000,
        b in 0u32..100,
        c in 0u32..1000,
        which in 0usize..6,
    ) {
        let s = match which {
            0 => format!("{a}..{b}"),
            1 => format!("{a}.{b}.{c}"),
            2 => format!("{a},{b:02}.{c}"),          // a group of two digits
            3 => format!("{a},{c:03},{b:02}"),       // a short last group
            4 => format!("{a}."),
            _ => format!(".{a}"),
        };
        prop_assert!(cell(&s).is_none(), "{} read as {:?}", s, cell(&s));
        prop_assert!(cell(&fullwidth(&s)).is_none(), "{}", fullwidth(&s));
    }

    #[test]
    fn interval_sum_contains_the_true_sum(
        parts in prop::collection::vec((0i64..10_000_000_000, 0u32..=3), 1..12),
    ) {
        // True values with 4 decimals, printed rounded to `scale` decimals (any rounding).
        let mut acc = Interval::exact(Decimal::ZERO);
        let mut truth = Decimal::ZERO;
        for (m, scale) in &parts {
            let v = Decimal::new(*m, 4);
            let p = v.round_dp(*scale);
            let i = Interval::printed(p, *scale);
            prop_assert!(i.lo <= v && v <= i.hi);
            acc = acc.add(i);
            truth += v;
        }
        prop_assert!(acc.lo <= truth && truth <= acc.hi);
    }

    #[test]
    fn exactly_summed_total_is_consistent(
        parts in prop::collection::vec((-10_000_000_000i64..10_000_000_000, 0u32..=3), 0..12),
        total_scale in 0u32..=3,
    ) {
        let figs: Vec<Figure> = parts.iter().map(|(m, s)| Figure::new(Decimal::new(*m, *s), *s, 1)).collect();
        let refs: Vec<&Figure> = figs.iter().collect();
        let sum: Decimal = figs.iter().map(|f| f.value).sum();
        let total = Figure::new(sum, total_scale.max(sum.scale()), 1);
        prop_assert!(check_sum(&total, &refs).is_none());
    }

    #[test]
    fn rounded_true_total_is_consistent_with_rounded_parts(
        parts in prop::collection::vec(0i64..10_000_000_000, 1..12),
    ) {
        // Amounts are printed rounded half up: a true sum printed to 2 decimals is consistent
        // with its parts printed to 2 decimals, however the rounding errors add up.
        let round = |v: Decimal| v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let truth: Vec<Decimal> = parts.iter().map(|m| Decimal::new(*m, 4)).collect();
        let figs: Vec<Figure> = truth.iter().map(|v| Figure::new(round(*v), 2, 1)).collect();
        let refs: Vec<&Figure> = figs.iter().collect();
        let total = Figure::new(round(truth.iter().copied().sum()), 2, 1);
        prop_assert!(check_sum(&total, &refs).is_none(), "{:?} vs {:?}", total, figs);
    }

    #[test]
    fn total_off_by_more_than_the_tolerance_is_flagged(
        parts in prop::collection::vec((0i64..10_000_000_000, 0u32..=3), 1..12),
        total_scale in 0u32..=3,
        off in -100_000i64..100_000,
    ) {
        let figs: Vec<Figure> = parts.iter().map(|(m, s)| Figure::new(Decimal::new(*m, *s), *s, 1)).collect();
        let refs: Vec<&Figure> = figs.iter().collect();
        let sum: Decimal = figs.iter().map(|f| f.value).sum();
        let delta = Decimal::new(off, total_scale);
        let scale = total_scale.max(sum.scale());
        let total = Figure::new(sum + delta, scale, 1);
        let tolerance = figs.iter().map(|f| half_ulp(f.scale)).sum::<Decimal>() + half_ulp(scale);
        let found = check_sum(&total, &refs);
        if delta.abs() >= tolerance {
            // Beyond (or exactly at) the summed half-units: always a mismatch, reported
            // with the exact expected value and difference.
            prop_assert!(found.is_some(), "{} off by {} (tolerance {})", sum, delta, tolerance);
            if let Some(m) = found {
                prop_assert_eq!(m.expected, sum);
                prop_assert_eq!(m.actual, sum + delta);
                prop_assert_eq!(m.difference, delta);
                prop_assert_eq!(m.tolerance, tolerance);
            }
        } else {
            prop_assert!(found.is_none(), "{} off by {} (tolerance {})", sum, delta, tolerance);
        }
    }

    #[test]
    fn rate_printed_from_the_figures_is_consistent(
        num in 0i64..1_000_000_000,
        den in 1i64..1_000_000_000,
        rate_scale in 1u32..=2,
    ) {
        let (n, d) = (Decimal::new(num, 2), Decimal::new(den, 2));
        let rate = (n / d * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(rate_scale, RoundingStrategy::MidpointAwayFromZero);
        let r = Figure::new(rate, rate_scale, 1);
        let found = check_rate(&r, Interval::printed(n, 2), Interval::printed(d, 2));
        prop_assert!(found.is_none(), "{}/{} printed {}: {:?}", n, d, rate, found);
    }
}

#[test]
fn malformed_examples_from_the_brief() {
    for s in [
        "1..2",
        "12.345.67",
        "1,23.4",
        "1,234,56",
        "１..２",
        "--1",
        "1-2",
        "",
    ] {
        assert!(cell(s).is_none(), "{s}");
    }
    // Well-formed groupings read as the plain number.
    assert_eq!(
        cell("1,234.56").map(|f| f.printed()),
        Some("1234.56".into())
    );
    assert_eq!(
        cell("１，２３４．５６").map(|f| f.printed()),
        Some("1234.56".into())
    );
}
