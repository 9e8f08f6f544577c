//! Putting figures under the right column when the text does not say where they are.
//!
//! Reading-order PDF text drops empty cells: "201 03 01 行政运行 341.29 341.29" under
//! 合计 / 基本支出 / 项目支出 could be 合计 + 基本支出 or 合计 + 项目支出. The table itself
//! decides: a row must satisfy its row identity (合计 = 基本支出 + 项目支出), and children
//! must add up to their parent (项 → 款 → 类 → 合计) column by column. Each row gets the
//! order-preserving placements of its figures that are possible; the solver picks, top-down,
//! the combination of children's placements that reproduces the parent, and falls back on a
//! small prior (e.g. 行政运行 is 基本支出) only where the figures cannot tell.

use rust_decimal::Decimal;

/// One possible placement of a row's figures: `cols[i]` is the column of figure `i`.
#[derive(Debug, Clone)]
pub struct Cand {
    pub cols: Vec<usize>,
    /// Prior/position cost; lower is likelier.
    pub cost: u32,
}

/// All order-preserving placements of `k` figures into `m` columns; with `total_first`, the
/// first figure always goes to column 0 (the row total is printed whenever the row has one).
pub fn placements(k: usize, m: usize, total_first: bool) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if k > m || k == 0 {
        return out;
    }
    if total_first {
        for rest in placements(k - 1, m - 1, false).into_iter().take(4096) {
            let mut v = vec![0];
            v.extend(rest.into_iter().map(|c| c + 1));
            out.push(v);
        }
        if k == 1 {
            out.push(vec![0]);
        }
        return out;
    }
    fn rec(start: usize, k: usize, m: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if out.len() >= 4096 {
            return;
        }
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        let need = k - cur.len();
        for c in start..=m.saturating_sub(need) {
            cur.push(c);
            rec(c + 1, k, m, cur, out);
            cur.pop();
        }
    }
    rec(0, k, m, &mut Vec::new(), &mut out);
    out
}

/// The vector of column values a placement gives.
fn vector(vals: &[Decimal], cand: &Cand, m: usize) -> Vec<Decimal> {
    let mut v = vec![Decimal::ZERO; m];
    for (val, c) in vals.iter().zip(cand.cols.iter()) {
        if let Some(slot) = v.get_mut(*c) {
            *slot = *val;
        }
    }
    v
}

/// Choose one placement per row. `parent[i]` is the row whose column values row `i` adds up
/// to (with its siblings). `tol` is the rounding tolerance for one comparison.
pub fn solve(
    vals: &[Vec<Decimal>],
    cands: &[Vec<Cand>],
    parent: &[Option<usize>],
    m: usize,
    tol: Decimal,
) -> Vec<usize> {
    let n = cands.len();
    let mut chosen: Vec<usize> = cands
        .iter()
        .map(|cs| {
            cs.iter()
                .enumerate()
                .min_by_key(|(_, c)| c.cost)
                .map(|(i, _)| i)
                .unwrap_or(0)
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) if *p < n && *p != i => {
                if let Some(c) = children.get_mut(*p) {
                    c.push(i);
                }
            }
            _ => roots.push(i),
        }
    }
    let empty: Vec<Decimal> = Vec::new();
    let row_vec = |i: usize, chosen: &[usize]| -> Vec<Decimal> {
        let c = cands
            .get(i)
            .and_then(|cs| cs.get(*chosen.get(i).unwrap_or(&0)));
        match c {
            Some(c) => vector(vals.get(i).unwrap_or(&empty), c, m),
            None => vec![Decimal::ZERO; m],
        }
    };
    let mut queue = roots;
    let mut seen = vec![false; n];
    while let Some(p) = queue.pop() {
        if seen.get(p).copied().unwrap_or(true) {
            continue;
        }
        if let Some(s) = seen.get_mut(p) {
            *s = true;
        }
        let kids = children.get(p).cloned().unwrap_or_default();
        let amb: Vec<usize> = kids
            .iter()
            .copied()
            .filter(|k| cands.get(*k).map(|c| c.len() > 1).unwrap_or(false))
            .collect();
        if !amb.is_empty() {
            let target = row_vec(p, &chosen);
            let mut residual = target.clone();
            for k in kids.iter().filter(|k| !amb.contains(k)) {
                for (r, v) in residual.iter_mut().zip(row_vec(*k, &chosen)) {
                    *r -= v;
                }
            }
            let space: usize = amb
                .iter()
                .map(|k| cands.get(*k).map(Vec::len).unwrap_or(1))
                .try_fold(1usize, |acc, l| acc.checked_mul(l).filter(|v| *v <= 20_000))
                .unwrap_or(usize::MAX);
            // Each candidate's column vector, computed once, in fixed point (see `Fixed`): the
            // search adds up to 20,000 combinations and Decimal additions dominated it.
            let fixed = Fixed::for_search(vals, &amb, &residual, tol);
            let vecs: Option<Vec<Vec<FixedCand>>> = fixed.as_ref().and_then(|fx| {
                amb.iter()
                    .map(|k| {
                        let row = vals.get(*k).unwrap_or(&empty);
                        cands
                            .get(*k)
                            .map(Vec::as_slice)
                            .unwrap_or_default()
                            .iter()
                            .map(|c| Some((fx.vector(&vector(row, c, m))?, c.cost)))
                            .collect::<Option<Vec<_>>>()
                    })
                    .collect()
            });
            let goal = fixed.as_ref().and_then(|fx| {
                Some((
                    fx.vector(&residual)?,
                    fx.of(tol * Decimal::from(amb.len() + 2))?,
                ))
            });
            if let (Some(vecs), Some((goal, limit)), true) = (vecs, goal, space != usize::MAX) {
                for (k, pick) in amb.iter().zip(search(&vecs, &goal, limit)) {
                    if let Some(c) = chosen.get_mut(*k) {
                        *c = pick;
                    }
                }
            } else {
                // Too many combinations: one child at a time, each taking the placement that
                // best reduces what is left of the parent.
                let mut left = residual;
                for k in &amb {
                    let Some(cs) = cands.get(*k) else { continue };
                    let v = vals.get(*k).unwrap_or(&empty);
                    let best = cs
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, c)| {
                            let vecc = vector(v, c, m);
                            let over = vecc
                                .iter()
                                .zip(left.iter())
                                .filter(|(a, l)| !a.is_zero() && (**a > **l + tol))
                                .count();
                            (over, c.cost)
                        })
                        .map(|(i, _)| i)
                        .unwrap_or(0);
                    if let Some(c) = chosen.get_mut(*k) {
                        *c = best;
                    }
                    if let Some(c) = cs.get(best) {
                        for (l, a) in left.iter_mut().zip(vector(v, c, m)) {
                            *l -= a;
                        }
                    }
                }
            }
        }
        queue.extend(kids);
    }
    chosen
}

/// A candidate placement's column vector in fixed point, with its prior cost.
type FixedCand = (Vec<i128>, u32);

/// Figures as integers in units of 10^-scale, where `scale` is the most decimals any figure
/// of the search has; exact, like the Decimals they come from.
struct Fixed {
    scale: u32,
}

impl Fixed {
    /// The common scale of a search, or `None` when a figure would not fit (absurd input:
    /// the caller then places figures one row at a time).
    fn for_search(
        vals: &[Vec<Decimal>],
        rows: &[usize],
        residual: &[Decimal],
        tol: Decimal,
    ) -> Option<Fixed> {
        let scale = rows
            .iter()
            .filter_map(|k| vals.get(*k))
            .flatten()
            .chain(residual)
            .chain(std::iter::once(&tol))
            .map(Decimal::scale)
            .max()
            .unwrap_or(0);
        (scale <= 12).then_some(Fixed { scale })
    }

    fn of(&self, d: Decimal) -> Option<i128> {
        let up = self.scale.checked_sub(d.scale())?;
        // 10^12 × 2^96 stays far inside i128; sums of 20 such stay inside too.
        d.mantissa().checked_mul(10i128.checked_pow(up)?)
    }

    fn vector(&self, v: &[Decimal]) -> Option<Vec<i128>> {
        v.iter().map(|d| self.of(*d)).collect()
    }
}

/// Exhaustive search over the children's placements (an odometer), keeping the running sum
/// up to date as one digit turns: the combination with the fewest columns off the parent by
/// more than `limit`, then the lowest prior cost; the first such in odometer order.
fn search(vecs: &[Vec<FixedCand>], goal: &[i128], limit: i128) -> Vec<usize> {
    let mut picks = vec![0usize; vecs.len()];
    let mut sum = vec![0i128; goal.len()];
    let mut cost = 0u32;
    for v in vecs {
        if let Some((x, c)) = v.first() {
            cost += c;
            for (s, x) in sum.iter_mut().zip(x) {
                *s += x;
            }
        }
    }
    let bad = |sum: &[i128]| {
        sum.iter()
            .zip(goal)
            .filter(|(s, g)| (**s - **g).abs() > limit)
            .count()
    };
    let mut best = ((bad(&sum), cost), picks.clone());
    loop {
        // Turn the odometer: the lowest digit that does not wrap advances, the ones below it
        // go back to 0; the sum follows each change.
        let mut advanced = false;
        for (p, v) in picks.iter_mut().zip(vecs) {
            let from = *p;
            let to = if from + 1 < v.len() { from + 1 } else { 0 };
            if let (Some((a, ca)), Some((b, cb))) = (v.get(from), v.get(to)) {
                cost = cost - ca + cb;
                for ((s, a), b) in sum.iter_mut().zip(a).zip(b) {
                    *s += b - a;
                }
            }
            *p = to;
            if to != 0 {
                advanced = true;
                break;
            }
        }
        if !advanced {
            break;
        }
        let score = (bad(&sum), cost);
        if score < best.0 {
            best = (score, picks.clone());
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn placements_counts() {
        assert_eq!(placements(2, 3, true), vec![vec![0, 1], vec![0, 2]]);
        assert_eq!(placements(3, 3, true), vec![vec![0, 1, 2]]);
        assert_eq!(placements(2, 3, false).len(), 3);
        assert!(placements(4, 3, true).is_empty());
    }

    #[test]
    fn children_reproduce_parent() {
        // Parent: 合计 100, 基本 60, 项目 40; children "60 60" and "40 40".
        let vals = vec![
            vec![dec!(100), dec!(60), dec!(40)],
            vec![dec!(60), dec!(60)],
            vec![dec!(40), dec!(40)],
        ];
        let mk = |k| {
            placements(k, 3, true)
                .into_iter()
                .map(|cols| Cand { cols, cost: 0 })
                .collect::<Vec<_>>()
        };
        let cands = vec![mk(3), mk(2), mk(2)];
        let parent = vec![None, Some(0), Some(0)];
        let chosen = solve(&vals, &cands, &parent, 3, dec!(0.005));
        assert_eq!(cands[1][chosen[1]].cols, vec![0, 1]);
        assert_eq!(cands[2][chosen[2]].cols, vec![0, 2]);
    }
}
