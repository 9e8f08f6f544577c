//! R104 — the reason given for a change says the money moved the other way.
//!
//! "比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。" The change
//! fell, its reason says the funds rose. The reason is read from "原因" to the end of its
//! sentence; only words about the money itself count (经费/支出/预算/资金 增加 or 减少), and the
//! reason is left alone when it names both directions or looks back at last year ("上年一次性
//! 经费增加，本年不再安排" explains a fall with last year's rise).
//!
//! Why: the reason is copied from the item above or from last year's text; a reason that
//! contradicts its figure tells the reader the opposite of what happened.
//!
//! Example: see above (a 2024 budget, item 4 of 财政拨款支出).

use super::at;
use crate::model::claim::{ClaimData, Direction};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R104";

/// A direction word about money: "经费增加", "支出相应减少", "增加经费", "预算调减".
static MONEY_MOVES: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:经费|支出|预算|资金|费用|拨款|开支)(?:相应|有所|略有|大幅)?(?P<a>增加|增长|上升|提高|增多|减少|下降|降低|压减|缩减|调减|削减)|(?P<b>增加|减少|压减|缩减|调减|削减)(?:了)?(?:相关)?(?:经费|支出|预算|资金|费用|开支)",
    )
});

fn direction(word: &str) -> Direction {
    match word {
        "增加" | "增长" | "上升" | "提高" | "增多" => Direction::Up,
        _ => Direction::Down,
    }
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    let mut done = std::collections::HashSet::new();
    for c in &doc.claims {
        let ClaimData::Change {
            change_dir,
            rate_dir,
            ..
        } = &c.data
        else {
            continue;
        };
        let dir = match change_dir {
            Direction::Up | Direction::Down => *change_dir,
            _ => match rate_dir {
                Some(d @ (Direction::Up | Direction::Down)) => *d,
                _ => continue,
            },
        };
        let Some(p) = doc.narrative.get(c.paragraph) else {
            continue;
        };
        let chars: Vec<char> = p.text.chars().collect();
        // The reason: "原因" within the two sentences after the change, to the end of its
        // sentence (no other comparison in between).
        let from = c.span.1.min(chars.len());
        let window: String = chars.iter().skip(from).take(160).collect();
        let Some(rb) = window.find("原因") else {
            continue;
        };
        let before: String = window.get(..rb).unwrap_or("").to_string();
        if before.chars().count() > 40
            || before.contains("比")
            || before.contains("增加")
            || before.contains("减少")
            || before.contains("增长")
            || before.contains("下降")
        {
            continue;
        }
        let rest = window.get(rb..).unwrap_or("");
        let end = rest.find('。').unwrap_or(rest.len());
        let reason = rest.get(..end).unwrap_or("");
        if ["上年", "去年", "上一年", "一次性", "同比", "不再"]
            .iter()
            .any(|w| reason.contains(w))
        {
            continue;
        }
        // A reason that speaks of other money ("单位自有资金增加，相应减少财政拨款", "非财政拨款
        // 资金增加") or of curbing a rise ("严控经费增加") explains the change by its opposite:
        // not judged.
        if [
            "自有资金",
            "非财政",
            "其他资金",
            "单位资金",
            "严控",
            "控制",
            "压缩",
            "划转",
            "其他部门",
            "转移",
        ]
        .iter()
        .any(|w| reason.contains(w))
            || (reason.contains("增加") && reason.contains("减少"))
        {
            continue;
        }
        let moves: Vec<(usize, &str)> = MONEY_MOVES
            .captures_iter(reason)
            .filter_map(|m| {
                let w = m.name("a").or_else(|| m.name("b"))?;
                Some((m.get(0)?.start(), w.as_str()))
            })
            .collect();
        let Some(&(pos, word)) = moves.first() else {
            continue;
        };
        if moves.iter().any(|(_, w)| direction(w) == dir) || direction(word) == dir {
            continue;
        }
        let reason_at = from + char_at_str(&window, rb) + char_at_str(reason, pos);
        if !done.insert((c.paragraph, reason_at)) {
            continue;
        }
        let (said, told) = match dir {
            Direction::Up => ("增加", "rose"),
            _ => ("减少", "fell"),
        };
        let subject = if c.subject.is_empty() {
            "该项"
        } else {
            c.subject.as_str()
        };
        let m = MONEY_MOVES
            .find(reason.get(pos..).unwrap_or(""))
            .map(|m| m.as_str().to_string())
            .unwrap_or_else(|| word.to_string());
        let mut f = at(
            CODE,
            Severity::Warning,
            p,
            reason_at,
            m.chars().count(),
            format!("{subject}{said}，但所述原因为“{m}”，方向相反"),
            format!("{subject} {told}, but the reason given says “{m}”: the opposite direction"),
        );
        f.expected = Some(format!("与“{said}”一致的原因"));
        f.actual = Some(m);
        if c.line != f.line {
            f.related_lines.push(c.line);
        }
        out.push(f);
    }
}

fn char_at_str(s: &str, byte: usize) -> usize {
    s.get(..byte).map(|x| x.chars().count()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const HEAD: &str = "某局\n2024年部门预算\n\n一、财政拨款支出预算情况说明\n";

    #[test]
    fn a_reason_against_its_change() {
        let ok = format!("{HEAD}  宣传事务一般行政管理事务110.60万元，比2023年预算执行数减少3.40万元。主要原因是：宣传事务经费减少。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("经费减少", "经费增加");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 5);
        assert_eq!(f[0].actual.as_deref(), Some("经费增加"));
    }

    #[test]
    fn mixed_or_backward_looking_reasons_are_left_alone() {
        let mixed = format!("{HEAD}  某项110.60万元，比2023年预算减少3.40万元。主要原因是：人员经费增加，项目经费减少。\n");
        assert!(run(&mixed).is_empty(), "{:?}", run(&mixed));
        let back = format!(
            "{HEAD}  某项110.60万元，比2023年预算减少3.40万元。主要原因是：上年一次性经费增加。\n"
        );
        assert!(run(&back).is_empty(), "{:?}", run(&back));
        for other in [
            "单位自有资金增加，相应减少财政拨款",
            "非财政拨款资金增加",
            "严控经费增加",
            "部分职能划转至其他部门，相应经费增加在该部门列支",
        ] {
            let t = format!(
                "{HEAD}  某项110.60万元，比2023年预算减少3.40万元。主要原因是：{other}。\n"
            );
            assert!(run(&t).is_empty(), "{other}: {:?}", run(&t));
        }
    }
}
