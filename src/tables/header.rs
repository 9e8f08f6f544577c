//! A table header read as a tree, from the spans of its captions (`pdftotext -layout` text).
//!
//! Real headers have two or three levels: 本年支出 → 预算数 → 合计 | 基本支出 (人员经费,
//! 公用经费) | 项目支出. The converter prints each caption at the height of its cell's middle,
//! so a caption that spans two rows (合计, 项目支出) lands between the group caption above its
//! neighbours (基本支出) and their sub-captions (人员经费, 公用经费); and it prints a group
//! caption centred over its group, narrower than the group. So rows alone do not say which
//! caption is whose parent, and neither do overlapping extents.
//!
//! What does: a group caption is centred over its children. Bottom-up, each caption takes as
//! children the smallest run of adjacent captions below it whose middle is its own middle;
//! a caption with nothing under it is a leaf. The leaves are the columns a row's figures
//! fill; a parent with a key (基本支出) is the sum of its children, and a leaf 小计/合计 under
//! it is that parent's own column.

use super::columns::key_of;
use super::layout::{spaced_cells, PhysRow};
use crate::model::{ColumnKey, TableKind};

/// One caption cell as printed: its header row (0 = top) and its character extent.
#[derive(Debug, Clone)]
struct Caption {
    row: usize,
    /// The row of its top piece, for a caption broken over lines.
    top: usize,
    lo: usize,
    hi: usize,
    text: String,
}

/// A node of the header tree.
#[derive(Debug, Clone)]
pub struct HeaderNode {
    pub text: String,
    pub row: usize,
    /// The row of its top piece (a caption broken over lines spans `top..=row`).
    pub top: usize,
    /// Printed extent (characters) of the caption.
    pub lo: usize,
    pub hi: usize,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    /// A row-label caption (项目, 科目编码, 科目名称, 类/款/项): not a value column.
    pub label: bool,
}

/// The header of a table as a tree of captions.
#[derive(Debug, Clone, Default)]
pub struct HeaderTree {
    pub nodes: Vec<HeaderNode>,
}

/// A value column of the tree: a leaf with a key.
#[derive(Debug, Clone)]
pub struct Leaf {
    pub node: usize,
    pub name: String,
    pub key: ColumnKey,
    /// Doubled centre of the caption (characters), to compare with a figure's centre.
    pub x2: usize,
}

/// Captions of row labels: code, name, 项目.
pub fn is_label_caption(t: &str) -> bool {
    t.contains("名称")
        || t.contains("编码")
        || matches!(
            t,
            "科目" | "项目" | "类" | "款" | "项" | "类款项" | "单位名称"
        )
}

impl HeaderTree {
    /// Build the tree of a spaced header (rows top to bottom).
    pub fn build(header: &[PhysRow], kind: TableKind) -> HeaderTree {
        let mut caps: Vec<Caption> = Vec::new();
        for (row, r) in header.iter().enumerate() {
            for cell in spaced_cells(r) {
                let (Some(first), Some(last)) = (cell.first(), cell.last()) else {
                    continue;
                };
                // Captions a single space apart ("政府性基金预算 国有资本经营预算") are
                // one cell to the spacing but two columns: each word names its own.
                let own_keys: Vec<Option<ColumnKey>> =
                    cell.iter().map(|w| key_of(&w.text, kind)).collect();
                let distinct = own_keys.iter().all(Option::is_some)
                    && own_keys
                        .iter()
                        .enumerate()
                        .all(|(i, k)| !own_keys.iter().skip(i + 1).any(|o| o == k));
                if cell.len() > 1 && distinct {
                    for w in &cell {
                        caps.push(Caption {
                            row,
                            top: row,
                            lo: w.col,
                            hi: w.end(),
                            text: w.text.clone(),
                        });
                    }
                    continue;
                }
                let text: String = cell.iter().map(|w| w.text.as_str()).collect();
                caps.push(Caption {
                    row,
                    top: row,
                    lo: first.col,
                    hi: last.end(),
                    text,
                });
            }
        }
        let caps = stack_merge(caps, kind);
        let mut nodes: Vec<HeaderNode> = caps
            .into_iter()
            .map(|c| HeaderNode {
                label: is_label_caption(&c.text),
                text: c.text,
                row: c.row,
                top: c.top,
                lo: c.lo,
                hi: c.hi,
                children: Vec::new(),
                parent: None,
            })
            .collect();
        // Bottom-up: deepest row first, then left to right.
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by_key(|&i| {
            nodes
                .get(i)
                .map(|n| (usize::MAX - n.row, n.lo))
                .unwrap_or_default()
        });
        for &a in &order {
            let Some(an) = nodes.get(a) else { continue };
            if an.label {
                continue;
            }
            let (arow, ac2) = (an.row, an.lo + an.hi);
            let a_half2 = an.hi.saturating_sub(an.lo);
            // The caption's zone: halfway to its neighbours in its own row (labels count),
            // so that a run cannot reach under a sibling caption.
            let (zlo, zhi) = zone2(&nodes, a);
            // Top-level value nodes below this caption within its zone, left to right.
            let mut below: Vec<usize> = (0..nodes.len())
                .filter(|&j| {
                    // A child lies wholly below its parent: a caption broken over lines
                    // that starts above this one is its sibling ("本年支出合" … "计" beside
                    // "基本支出").
                    nodes.get(j).is_some_and(|n| {
                        j != a && n.parent.is_none() && !n.label && n.top > arow && {
                            let c = center2(&nodes, j);
                            c > zlo && c < zhi
                        }
                    })
                })
                .collect();
            below.sort_by_key(|&j| center2(&nodes, j));
            // The smallest run of two or more balanced about the caption's middle (ties: the
            // closest); else one child right under it (a caption stacked on another).
            let mut best: Option<(usize, usize, usize)> = None; // (len, diff, start)
            for s in 0..below.len() {
                for e in s..below.len() {
                    let (Some(&f), Some(&l)) = (below.get(s), below.get(e)) else {
                        continue;
                    };
                    let (lf, _) = extent2(&nodes, f);
                    let (_, hl) = extent2(&nodes, l);
                    let mid2 = (center2(&nodes, f) + center2(&nodes, l)) / 2;
                    let diff = mid2.abs_diff(ac2);
                    let span2 = hl.saturating_sub(lf);
                    if s == e {
                        // A single child must overlap the caption.
                        let (lo2, hi2) = extent2(&nodes, f);
                        if lo2 > ac2 + a_half2 || hi2 + a_half2 < ac2 {
                            continue;
                        }
                    }
                    // Within four characters, a little more for a wide run.
                    if diff > 8.max(span2 / 16) {
                        continue;
                    }
                    let len = e - s + 1;
                    // Runs of two or more rank before a single child.
                    let rank = if len >= 2 { len } else { usize::MAX };
                    let better = match best {
                        None => true,
                        Some((bl, bd, _)) => {
                            let brank = if bl >= 2 { bl } else { usize::MAX };
                            rank < brank || (rank == brank && diff < bd)
                        }
                    };
                    if better {
                        best = Some((len, diff, s));
                    }
                }
            }
            if let Some((len, _, s)) = best {
                let kids: Vec<usize> = below.iter().skip(s).take(len).copied().collect();
                for &k in &kids {
                    if let Some(n) = nodes.get_mut(k) {
                        n.parent = Some(a);
                    }
                }
                if let Some(n) = nodes.get_mut(a) {
                    n.children = kids;
                }
            }
        }
        HeaderTree { nodes }
    }

    /// The value columns: leaves with a key, left to right. A leaf 小计/合计 under a parent
    /// with a key of its own is that parent's column (公务用车购置及运行费 → 小计); a leaf
    /// without a key takes its parent's key when the parent has one and no other leaf does.
    pub fn leaves(&self, kind: TableKind) -> Vec<Leaf> {
        let mut out: Vec<Leaf> = Vec::new();
        let mut idx: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| {
                self.nodes
                    .get(i)
                    .is_some_and(|n| n.children.is_empty() && !n.label)
            })
            .collect();
        idx.sort_by_key(|&i| center2(&self.nodes, i));
        for i in idx {
            let Some(n) = self.nodes.get(i) else { continue };
            let own = key_of(&n.text, kind);
            let parent_key = self.parent_key(i, kind);
            let key = match (own, parent_key) {
                (Some(ColumnKey::Total), Some(pk)) if is_subtotal(&n.text) => Some(pk),
                (Some(k), _) => Some(k),
                (None, Some(pk)) if self.only_child_without_key(i, kind) => Some(pk),
                (None, _) => None,
            };
            if let Some(key) = key {
                out.push(Leaf {
                    node: i,
                    name: n.text.clone(),
                    key,
                    x2: n.lo + n.hi,
                });
            }
        }
        out
    }

    /// The nearest ancestor's key other than a plain total (预算数 over the whole side).
    fn parent_key(&self, i: usize, kind: TableKind) -> Option<ColumnKey> {
        let mut p = self.nodes.get(i)?.parent;
        while let Some(pi) = p {
            let n = self.nodes.get(pi)?;
            if let Some(k) = key_of(&n.text, kind) {
                if k != ColumnKey::Total {
                    return Some(k);
                }
            }
            p = n.parent;
        }
        None
    }

    fn only_child_without_key(&self, i: usize, kind: TableKind) -> bool {
        let Some(p) = self.nodes.get(i).and_then(|n| n.parent) else {
            return false;
        };
        self.nodes.get(p).is_some_and(|pn| {
            pn.children
                .iter()
                .filter(|&&c| {
                    self.nodes
                        .get(c)
                        .is_some_and(|cn| key_of(&cn.text, kind).is_none())
                })
                .count()
                == 1
        })
    }

    /// The row-label captions (项目, 科目名称 …), left to right, as (doubled centre, text).
    pub fn labels(&self) -> Vec<(usize, &str)> {
        let mut v: Vec<(usize, &str)> = self
            .nodes
            .iter()
            .filter(|n| n.label)
            .map(|n| (n.lo + n.hi, n.text.as_str()))
            .collect();
        v.sort_by_key(|(c, _)| *c);
        v
    }

    /// Groups whose parent is the sum of its children, as (parent key, children's keys):
    /// 基本支出 = 人员经费 + 公用经费. Only parents with a key of their own (not 预算数 or
    /// a caption such as 本年支出) whose children all have keys.
    pub fn sums(&self, kind: TableKind) -> Vec<(ColumnKey, Vec<ColumnKey>)> {
        let leaves = self.leaves(kind);
        let leaf_key = |i: usize| leaves.iter().find(|l| l.node == i).map(|l| l.key.clone());
        let mut out = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if n.children.len() < 2 {
                continue;
            }
            let Some(pk) = key_of(&n.text, kind).filter(|k| *k != ColumnKey::Total) else {
                continue;
            };
            let _ = i;
            let parts: Vec<ColumnKey> = n
                .children
                .iter()
                .filter_map(|&c| leaf_key(c))
                .filter(|k| *k != pk)
                .collect();
            if parts.len() >= 2 && parts.len() + 1 >= n.children.len() {
                out.push((pk, parts));
            }
        }
        out
    }
}

/// The doubled horizontal zone of a caption: from halfway to its left neighbour in the same
/// header row to halfway to its right neighbour (open at the ends).
fn zone2(nodes: &[HeaderNode], a: usize) -> (usize, usize) {
    let Some(an) = nodes.get(a) else {
        return (0, usize::MAX);
    };
    let c = an.lo + an.hi;
    let mut lo = 0;
    let mut hi = usize::MAX;
    for (j, n) in nodes.iter().enumerate() {
        if j == a || n.row != an.row {
            continue;
        }
        let nc = n.lo + n.hi;
        if nc < c {
            lo = lo.max((nc + c) / 2);
        } else if nc > c {
            hi = hi.min((nc + c) / 2);
        }
    }
    (lo, hi)
}

/// 小计 / 合计 printed under a group caption.
fn is_subtotal(t: &str) -> bool {
    matches!(t, "小计" | "合计" | "计")
}

/// Doubled centre of a node: the middle of its leaves' extent (a group caption is centred
/// over its group, whatever its own width).
fn center2(nodes: &[HeaderNode], i: usize) -> usize {
    let (lo, hi) = extent2(nodes, i);
    (lo + hi) / 2
}

/// Doubled extent (2·lo, 2·hi) of a node, through its descendants.
fn extent2(nodes: &[HeaderNode], i: usize) -> (usize, usize) {
    let mut lo = usize::MAX;
    let mut hi = 0;
    let mut stack = vec![i];
    let mut guard = 0;
    while let Some(j) = stack.pop() {
        guard += 1;
        if guard > nodes.len() + 1 {
            break;
        }
        let Some(n) = nodes.get(j) else { continue };
        if n.children.is_empty() {
            lo = lo.min(n.lo * 2);
            hi = hi.max(n.hi * 2);
        } else {
            stack.extend(n.children.iter().copied());
        }
    }
    if lo == usize::MAX {
        let n = nodes.get(i);
        return (
            n.map(|n| n.lo * 2).unwrap_or(0),
            n.map(|n| n.hi * 2).unwrap_or(0),
        );
    }
    (lo, hi)
}

/// Captions broken over two lines ("事业单位" / "经营收入", "本年收入合" / "计"): two
/// vertically stacked, overlapping pieces that do not each name a column but name one
/// together are one caption (in the lower piece's row, so it is a leaf if the lower is).
fn stack_merge(mut caps: Vec<Caption>, kind: TableKind) -> Vec<Caption> {
    let meaningful = |t: &str| key_of(t, kind).is_some() || is_label_caption(t);
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 8 {
        changed = false;
        rounds += 1;
        'outer: for i in 0..caps.len() {
            for j in 0..caps.len() {
                if i == j {
                    continue;
                }
                let (Some(a), Some(b)) = (caps.get(i), caps.get(j)) else {
                    continue;
                };
                // a above b, overlapping or nearly (centred pieces of different widths).
                if a.row >= b.row || b.row - a.row > 4 {
                    continue;
                }
                let overlap = a.lo < b.hi + 1 && b.lo < a.hi + 1;
                if !overlap {
                    continue;
                }
                // No caption between them in the rows between.
                let between = caps.iter().any(|c| {
                    c.row > a.row && c.row < b.row && c.lo < a.hi.max(b.hi) && a.lo.min(b.lo) < c.hi
                });
                if between {
                    continue;
                }
                let joined = format!("{}{}", a.text, b.text);
                let a_ok = meaningful(&a.text);
                let b_ok = meaningful(&b.text);
                let jk = key_of(&joined, kind);
                // Neither piece names a column but the whole does ("事业单位" / "经营收入"), or
                // the whole names another column than its one meaningful piece ("机关运行经" /
                // "费预算数"); a group caption over a column ("收入预算" / "事业收入") is not
                // a piece of it.
                // A short piece without a key of its own under a caption ("一般公共预算" /
                // "财" / "政拨款") is the rest of that caption, wrapped one word per line.
                let fragment = |t: &str| t.chars().count() <= 4 && key_of(t, kind).is_none();
                let fits = match (a_ok, b_ok) {
                    (false, false) => {
                        jk.is_some() || b.text.chars().count() <= 2 && !a.text.is_empty()
                    }
                    (true, false) => {
                        jk.is_some() && (jk != key_of(&a.text, kind) || fragment(&b.text))
                    }
                    (false, true) => jk.is_some() && jk != key_of(&b.text, kind),
                    (true, true) => false,
                };
                if !fits {
                    continue;
                }
                let merged = Caption {
                    row: b.row,
                    top: a.top.min(b.top),
                    lo: a.lo.min(b.lo),
                    hi: a.hi.max(b.hi),
                    text: joined,
                };
                let (lo_i, hi_i) = if i < j { (i, j) } else { (j, i) };
                caps.remove(hi_i);
                caps.remove(lo_i);
                caps.push(merged);
                changed = true;
                break 'outer;
            }
        }
    }
    caps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::layout::{phys_rows, Mode};

    fn tree(text: &str, kind: TableKind) -> (HeaderTree, Vec<Leaf>) {
        let lines = crate::normalize::normalize(text);
        let rows = phys_rows(&lines, Mode::Spaced);
        let t = HeaderTree::build(&rows, kind);
        let l = t.leaves(kind);
        (t, l)
    }

    /// A header line with each caption at its character column.
    fn line(cells: &[(usize, &str)]) -> String {
        let mut s = String::new();
        for (col, text) in cells {
            while s.chars().count() < *col {
                s.push(' ');
            }
            s.push_str(text);
        }
        s.push('\n');
        s
    }

    #[test]
    fn two_level_expense_header() {
        // 预算数 over 合计 | 基本支出 (人员经费, 公用经费) | 项目支出; 合计 and 项目支出 span
        // two rows, so they are printed between 基本支出 and its sub-captions.
        let h = [
            line(&[(10, "本年收入"), (59, "本年支出")]),
            line(&[(75, "预算数")]),
            line(&[(5, "项目"), (20, "预算数"), (39, "项目"), (74, "基本支出")]),
            line(&[(54, "合计"), (97, "项目支出")]),
            line(&[(68, "人员经费"), (82, "公用经费")]),
        ]
        .concat();
        let (t, leaves) = tree(&h, TableKind::Summary);
        let keys: Vec<ColumnKey> = leaves.iter().map(|l| l.key.clone()).collect();
        use ColumnKey::*;
        assert_eq!(keys, vec![Total, Total, Personnel, PublicUse, Project]);
        assert_eq!(
            t.sums(TableKind::Summary),
            vec![(Basic, vec![Personnel, PublicUse])]
        );
    }

    #[test]
    fn subtotal_under_group_takes_its_key() {
        let h = [
            line(&[
                (3, "合计"),
                (12, "因公出国(境)费"),
                (36, "公务用车购置及运行费"),
                (60, "公务接待费"),
            ]),
            line(&[(31, "小计"), (40, "购置费"), (49, "运行费")]),
        ]
        .concat();
        let (_, leaves) = tree(&h, TableKind::ThreePublic);
        let keys: Vec<ColumnKey> = leaves.iter().map(|l| l.key.clone()).collect();
        use ColumnKey::*;
        assert_eq!(
            keys,
            vec![
                Total,
                Abroad,
                Vehicle,
                VehiclePurchase,
                VehicleOperation,
                Reception
            ]
        );
    }
}
