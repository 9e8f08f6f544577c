//! 项目支出绩效目标表 / 部门整体绩效目标表: the project, its 年度资金总额 = 财政拨款 + 其他资金,
//! and the indicator rows (一级/二级/三级指标, 指标值 such as ">=95%", "≤87.2万元").

use crate::model::{Comparator, Figure, Indicator, PerformanceTable};
use crate::normalize::SourceLine;
use once_cell::sync::Lazy;
use regex::Regex;

/// The region's text joined so that captions wrapped over lines ("年度资金总" / "额：") read
/// whole, with each character's source line kept.
struct Joined {
    text: String,
    lines: Vec<usize>,
}

impl Joined {
    fn new(lines: &[SourceLine]) -> Self {
        let mut text = String::new();
        let mut at = Vec::new();
        for l in lines {
            let t = l.text.trim();
            if t.is_empty() {
                continue;
            }
            if !text.is_empty()
                && (t.starts_with(|c: char| c.is_ascii_digit())
                    || text.ends_with(|c: char| c.is_ascii_digit()))
            {
                text.push(' ');
                at.push(l.number);
            }
            for ch in t.chars() {
                // Tabs separate cells: keep them as spaces.
                text.push(if ch == '\t' { ' ' } else { ch });
                at.push(l.number);
            }
        }
        Joined { text, lines: at }
    }

    fn line_of_byte(&self, byte: usize) -> usize {
        let idx = self
            .text
            .get(..byte)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        self.lines
            .get(idx)
            .copied()
            .or(self.lines.last().copied())
            .unwrap_or(0)
    }

    fn amount_after(&self, caption: &Regex) -> Option<Figure> {
        static NUM: Lazy<Regex> =
            Lazy::new(|| crate::static_regex(r"^[\s：:（）()万元]*(-?\d+(?:\.\d+)?)"));
        let m = caption.find(&self.text)?;
        let rest = self.text.get(m.end()..)?;
        let c = NUM.captures(rest)?;
        let g = c.get(1)?;
        Figure::parse(g.as_str(), self.line_of_byte(m.end() + g.start()))
    }
}

const LEVEL1: &[&str] = &[
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "履职效能",
    "管理效率",
    "项目完成指标",
];
const LEVEL2: &[&str] = &[
    "数量指标",
    "质量指标",
    "时效指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
];

/// Parse a 指标值 such as ">=95%", "≤87.2万元", "=12 个月".
pub fn parse_value(v: &str) -> (Option<Comparator>, Option<Figure>, Option<String>) {
    static V: Lazy<Regex> = Lazy::new(|| {
        crate::static_regex(r"^(>=|<=|≥|≤|>|<|=|＝)?\s*(-?\d+(?:\.\d+)?)\s*(\S{0,8})$")
    });
    let Some(c) = V.captures(v.trim()) else {
        return (None, None, None);
    };
    let cmp = c.get(1).map(|m| match m.as_str() {
        ">=" | "≥" => Comparator::Ge,
        "<=" | "≤" => Comparator::Le,
        ">" => Comparator::Gt,
        "<" => Comparator::Lt,
        _ => Comparator::Eq,
    });
    let num = c.get(2).and_then(|m| Figure::parse(m.as_str(), 0));
    let unit = c
        .get(3)
        .map(|m| m.as_str().to_string())
        .filter(|u| !u.is_empty());
    (cmp, num, unit)
}

/// Read one performance-target table from its lines.
pub fn parse(lines: &[SourceLine]) -> Option<PerformanceTable> {
    static NAME: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"项目名称\s*([^\s]+)"));
    static TOTAL: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"年度(资金|预算)总额"));
    static APPROP: Lazy<Regex> =
        Lazy::new(|| crate::static_regex(r"其中\s*[：:]\s*财政拨款|财政拨款"));
    static OTHER: Lazy<Regex> = Lazy::new(|| crate::static_regex(r"其他资金"));
    static VALUE: Lazy<Regex> = Lazy::new(|| {
        crate::static_regex(
            r"(?:^|\s)((?:>=|<=|≥|≤|>|<|=|＝)\s*-?\d+(?:\.\d+)?\s*[^\s\d]{0,6}|\d+(?:\.\d+)?%)",
        )
    });
    let first = lines.first()?;
    let j = Joined::new(lines);
    let project = NAME
        .captures(&j.text)
        .and_then(|c| c.get(1))
        .map(|m| {
            // The name cell ends where the next caption starts.
            let n = m.as_str();
            let cut = [
                "项目资金",
                "项目负责人",
                "主管部门",
                "实施单位",
                "预算单位",
                "年度资金",
                "项目属性",
                "联系电话",
            ]
            .iter()
            .filter_map(|c| n.find(c))
            .filter(|i| *i > 0)
            .min()
            .unwrap_or(n.len());
            n.get(..cut).unwrap_or(n).to_string()
        })
        .unwrap_or_default();
    let mut indicators = Vec::new();
    let mut l1 = String::new();
    let mut l2 = String::new();
    let mut started = false;
    // Rows as the converter laid them out (a DOCX export puts each cell on its own line).
    let mode = super::layout::detect(lines);
    for row in super::layout::phys_rows(lines, mode) {
        let cells: Vec<&str> = row.words.iter().map(|w| w.text.as_str()).collect();
        if cells.iter().any(|c| c.contains("一级指标")) {
            started = true;
            continue;
        }
        if !started || cells.is_empty() {
            continue;
        }
        let mut rest: Vec<&str> = Vec::new();
        let levels: Vec<&str> = cells
            .iter()
            .copied()
            .take_while(|c| LEVEL1.contains(c) || LEVEL2.contains(c))
            .collect();
        match levels.as_slice() {
            [] => {}
            [one] => {
                let second_level =
                    LEVEL2.contains(one) && (!LEVEL1.contains(one) || l1 == "产出指标");
                if second_level {
                    l2 = one.to_string();
                } else {
                    l1 = one.to_string();
                    l2.clear();
                }
            }
            [a, b, ..] => {
                l1 = a.to_string();
                l2 = b.to_string();
            }
        }
        rest.extend(cells.iter().skip(levels.len()).copied());
        let joined = rest.join(" ");
        if let Some(m) = VALUE.captures(&joined).and_then(|c| c.get(1)) {
            let name = joined.get(..m.start()).unwrap_or("").trim().to_string();
            let value = m.as_str().trim().to_string();
            let (comparator, mut number, unit) = parse_value(&value);
            let line = row
                .words
                .iter()
                .find(|w| value.starts_with(w.text.as_str()) || w.text.starts_with(value.as_str()))
                .map(|w| w.line)
                .unwrap_or(row.line);
            if let Some(n) = number.as_mut() {
                n.line = line;
            }
            indicators.push(Indicator {
                line,
                level1: l1.clone(),
                level2: l2.clone(),
                level3: name,
                value,
                comparator,
                number,
                unit,
            });
        }
    }
    Some(PerformanceTable {
        line: first.number,
        end_line: lines.last().map(|l| l.number).unwrap_or(first.number),
        project,
        total: j.amount_after(&TOTAL),
        appropriation: j.amount_after(&APPROP),
        other: j.amount_after(&OTHER),
        indicators,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        let (c, n, u) = parse_value(">=95%");
        assert_eq!(c, Some(Comparator::Ge));
        assert_eq!(n.unwrap().printed(), "95");
        assert_eq!(u.as_deref(), Some("%"));
        let (c, n, u) = parse_value("≤87.2万元");
        assert_eq!(c, Some(Comparator::Le));
        assert_eq!(n.unwrap().printed(), "87.2");
        assert_eq!(u.as_deref(), Some("万元"));
        assert_eq!(parse_value("有效提升").1, None);
    }

    #[test]
    fn wrapped_captions() {
        let text = "项目支出绩效目标表\n预算单位 某局\n项目名称 宣传培训\n年度资金总\n\n额：\n34.00\n其中：财政拨\n款\n34.00 其他资金 0.00\n一级指标 二级指标 三级指标\n产出指标\n数量指标\n制作宣传片时长 >=6分钟\n";
        let lines = crate::normalize::normalize(text);
        let p = parse(&lines).unwrap();
        assert_eq!(p.project, "宣传培训");
        assert_eq!(p.total.as_ref().unwrap().printed(), "34.00");
        assert_eq!(p.total.as_ref().unwrap().line, 7);
        assert_eq!(p.appropriation.as_ref().unwrap().printed(), "34.00");
        assert_eq!(p.other.as_ref().unwrap().printed(), "0.00");
        assert_eq!(p.indicators.len(), 1);
        assert_eq!(p.indicators[0].level3, "制作宣传片时长");
        assert_eq!(p.indicators[0].level2, "数量指标");
    }
}
