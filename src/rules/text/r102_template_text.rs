//! R102 — template text left in.
//!
//! Three kinds of text only the template should contain:
//! - placeholders where a name or figure belongs: XX, XXX, ××, 待填写 ("上海市XX局");
//! - alternatives the template offers and the author must resolve: "增加（减少）",
//!   "下降（增长）", "大于（小于）";
//! - instructions to the author in brackets: "具体包括（列示至基层预算单位）", "（请填写…）",
//!   "（如无此项请删除）".
//!
//! Why: a reviewer sends these back first — they show the text was not read after filling in,
//! and an unresolved alternative leaves the reader without the direction of a change.
//!
//! Example: "本部门中，行政单位1家，事业单位1家，具体包括（列示至基层预算单位）：".

use super::r100_unfilled_template::PLACEHOLDER;
use super::{at_match, prose};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R102";

/// Alternatives offered by the template.
static ALTERNATIVE: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:增加|减少|增长|下降|上升|大于|小于|高于|低于|持平)\s*[（(/／]\s*(?:增加|减少|增长|下降|上升|大于|小于|高于|低于|持平)(?:\s*[/／、]\s*(?:增加|减少|增长|下降|持平))?\s*[）)]?",
    )
});
/// An instruction to the author, in brackets.
static INSTRUCTION: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"[（(][^（）()]{0,24}(?:列示至|请填写|请根据|请按|请在|填写说明|填列|如无此项|如有此项|根据实际情况填|选填|可选填|可删除|删除本|保留本|此处填|此处写|按实际填|填写|逐一列示|逐一列明)[^（）()]{0,24}[）)]",
    )
});

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for p in prose(doc) {
        let s = p.text.as_str();
        for m in PLACEHOLDER.find_iter(s) {
            out.push(at_match(
                CODE,
                Severity::Warning,
                p,
                m,
                format!("模板占位符“{}”未填写", m.as_str()),
                format!("template placeholder “{}” left in", m.as_str()),
            ));
        }
        for m in ALTERNATIVE.find_iter(s) {
            // "增加（减少以“-”号表示）": a table's sign convention, not an alternative.
            if s.get(m.end()..).is_some_and(|r| r.starts_with('以')) {
                continue;
            }
            // "增加/减少" inside a placeholder sentence of an unfilled template is the same
            // defect as the placeholder; elsewhere it is its own.
            let mut f = at_match(
                CODE,
                Severity::Warning,
                p,
                m,
                format!("模板中的备选词“{}”未选定", m.as_str()),
                format!(
                    "the template's alternatives “{}” were not resolved",
                    m.as_str()
                ),
            );
            f.expected = Some("选定其一 / one of them".into());
            out.push(f);
        }
        for m in INSTRUCTION.find_iter(s) {
            // "（减少以“-”号填列）": the sign convention of a table, printed on purpose.
            if m.as_str().contains('号') {
                continue;
            }
            out.push(at_match(
                CODE,
                Severity::Warning,
                p,
                m,
                format!("模板的填写说明“{}”留在正文中", m.as_str()),
                format!(
                    "the template's instruction “{}” left in the text",
                    m.as_str()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const HEAD: &str = "上海市普陀区某局\n2025年部门预算\n\n一、部门概况\n";

    #[test]
    fn an_instruction_left_in() {
        let ok = format!(
            "{HEAD}  本部门中，行政单位1家，事业单位1家，具体包括：1.本部。收入预算100.00万元。\n"
        );
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("具体包括：", "具体包括（列示至基层预算单位）：");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].col), (5, Some(25)));
    }

    #[test]
    fn placeholders_and_alternatives() {
        let ok = format!("{HEAD}  收入预算100.00万元，比2024年预算增加5.00万元，增长5.26%。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
        let bad = ok.replace("增加5.00", "增加（减少）5.00");
        assert_eq!(run(&bad).len(), 1, "{:?}", run(&bad));
        let bad = ok.replace("收入预算", "上海市XX局收入预算");
        assert_eq!(run(&bad).len(), 1, "{:?}", run(&bad));
        for blank in ["xx万元", "____万元", "＿＿＿万元"] {
            let bad = ok.replace("增长5.26%。", &format!("增长5.26%。其中人员经费{blank}。"));
            assert_eq!(run(&bad).len(), 1, "{blank}: {:?}", run(&bad));
        }
        for convention in ["增加（减少以“-”号表示）", "变动额（减少以“-”号填列）"]
        {
            let t = ok.replace("收入预算", &format!("{convention}，收入预算"));
            assert!(run(&t).is_empty(), "{convention}: {:?}", run(&t));
        }
        for instruction in [
            "（填写所属单位名称）",
            "（按预算单位逐一列示）",
            "（逐一列明所属单位名称）",
        ] {
            let bad = ok.replace("收入预算", &format!("{instruction}收入预算"));
            assert_eq!(run(&bad).len(), 1, "{instruction}: {:?}", run(&bad));
        }
    }

    #[test]
    fn brackets_that_are_not_instructions() {
        let ok = format!("{HEAD}  政府采购金额（以合同签订为准）为21.07万元，单价100万元（含）以上设备2台（套）。\n");
        assert!(run(&ok).is_empty(), "{:?}", run(&ok));
    }
}
