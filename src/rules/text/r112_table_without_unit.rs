//! R112 — a table with figures that does not say its unit.
//!
//! Every table of the disclosure prints its unit ("单位：万元", "单位：元") between its title
//! and its header. Without it the reader cannot tell 万元 from 元 — a factor of ten
//! thousand — and budgetlint takes the unit most other tables state.
//!
//! A unit printed in the header instead ("金额（万元）") counts as stated; a table without
//! figures (an empty table) is not reported.
//!
//! Why: the template requires it, and a reviewer sends a table without its unit back.
//!
//! Example: "2024年部门收入预算总表" followed directly by its header and rows.

use crate::model::Document;
use crate::rules::Finding;
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R112";

/// A unit however the table states it: a 单位 line the table reader did not take
/// ("单位：人民币万元", "金额单位 万元"), the header's "（万元）", or a bare "万元" / "元" closing
/// a line. The 单位 of "编制单位：" and "预算单位：" (who made the table) is no unit.
static UNIT_STATED: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:^|[^编制算])单位\s*[：:]|单位\s+(?:万元|元)|[（(]\s*(?:万元|元)\s*[）)]|(?:^|\s)(?:万元|元)\s*$",
    )
});

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for t in doc.tables.iter().filter(|t| !t.unit_stated) {
        let has_figures = t
            .rows
            .iter()
            .flat_map(|r| r.values.iter().flatten())
            .any(|f| !f.value.is_zero());
        if !has_figures {
            continue;
        }
        let lines = doc
            .lines
            .get(t.line.saturating_sub(1)..t.end_line.min(doc.lines.len()))
            .unwrap_or(&[]);
        // A 单位 line printed just above the title (blank lines between) is the table's.
        let above = doc
            .lines
            .get(..t.line.saturating_sub(1))
            .unwrap_or(&[])
            .iter()
            .rev()
            .filter(|l| !l.trim().is_empty())
            .take(1)
            .any(|l| l.trim().starts_with("单位") && UNIT_STATED.is_match(l));
        let in_header = above || lines.iter().any(|l| UNIT_STATED.is_match(l));
        if in_header {
            continue;
        }
        out.push(super::table_warning(
            CODE,
            t,
            format!(
                "{} 没有写明金额单位（单位：万元或元），按文件多数表格的单位{}读取",
                t.label,
                t.unit.zh()
            ),
            format!(
                "{} does not state its unit (单位：万元 or 元); read in the unit most tables state, {}",
                t.label,
                t.unit.zh()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const DOC: &str = "某局\n2025年部门预算\n\n2025年部门一般公共预算支出功能分类预算表\n单位：万元\n功能分类科目编码   功能分类科目名称        合计      基本支出     项目支出\n210                卫生健康支出           20.00         0.00        20.00\n  210 07           计划生育事务           20.00         0.00        20.00\n\n说明\n  收入预算20.00万元。\n";

    #[test]
    fn a_table_with_its_unit_is_clean() {
        assert!(run(DOC).is_empty(), "{:?}", run(DOC));
    }

    #[test]
    fn the_maker_of_the_table_is_no_unit() {
        let bad = DOC.replace("单位：万元\n", "编制单位：某局\n");
        assert_eq!(run(&bad).len(), 1, "{:?}", run(&bad));
        for stated in [
            "金额单位 万元\n",
            "                                                  万元\n",
        ] {
            let ok = DOC.replace("单位：万元\n", stated);
            assert!(run(&ok).is_empty(), "{stated}: {:?}", run(&ok));
        }
    }

    #[test]
    fn a_unit_line_printed_above_the_title() {
        let ok = DOC.replace(
            "\n2025年部门一般公共预算支出功能分类预算表\n单位：万元\n",
            "\n                                   单位：万元\n2025年部门一般公共预算支出功能分类预算表\n",
        );
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
    }

    #[test]
    fn a_table_without_its_unit_line() {
        let bad = DOC.replace("单位：万元\n", "");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 4);
    }
}
