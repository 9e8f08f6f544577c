//! R106 — a 单位 document whose titles call it 部门 (or the reverse).
//!
//! The cover says what the document is: a 单位预算 (one budget unit) or a 部门预算 (a
//! department with its units), and likewise for 决算. Its headings and table titles then say
//! the same: a 单位预算 with a "2024年部门预算" heading or a "部门收支预算总表" was made from the
//! other template.
//!
//! Why: the level tells the reader whose money the tables cover; the two templates also
//! differ in which tables they must hold.
//!
//! Example: the cover "上海市普陀区社会福利院 2024年单位预算", a heading "2024年部门预算编制说明".

use super::{at, char_at, prose, title_like};
use crate::model::{DocLevel, Document};
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R106";

static LEVEL_WORD: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"(?P<l>部门|单位)(?P<k>预算|决算)(?:编制说明|情况说明|公开|$)")
});

/// The document naming itself in its prose: "2024年部门预算安排…" opening a clause,
/// "本部门预算…", "本部门收入…". The classification's own term 部门预算经济分类 is not a
/// self-reference, nor is the department's budget a unit cites ("关于编制2024年部门预算的通知",
/// "纳入区民政局2024年部门预算", "2024年部门预算中本单位…") or another kind of document (a
/// budget citing last year's 部门决算).
static SELF_REFERENCE: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?P<y>\d{4}\s*年(?:度)?)?(?P<self>本|我)?(?P<l>部门|单位)(?P<k>预算|决算|收入|支出)(?P<next>经济分类|的通知|汇总|中|已|由|编报)?",
    )
});

/// Whether a SELF_REFERENCE match is the document naming itself.
fn names_itself(c: &regex::Captures<'_>, s: &str, kind_word: &str) -> bool {
    let (Some(m), Some(k)) = (c.get(0), c.name("k")) else {
        return false;
    };
    if c.name("next").is_some() {
        return false;
    }
    if c.name("self").is_some() {
        // "本部门预算", "本部门收入…"; "本年" is no 本 of this kind.
        return c.name("y").is_none();
    }
    if c.name("y").is_none() || k.as_str() != kind_word {
        return false;
    }
    // A year form opens its clause: "…。2024年部门预算安排…", not "纳入某局2024年部门预算".
    let before = s.get(..m.start()).and_then(|b| b.chars().last());
    before.is_none_or(|ch| "。；，：、;,: \t".contains(ch))
}

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    // Only a level the cover states is a reference (the fallbacks guess from the titles).
    let cover_level = doc.lines.iter().take(40).find_map(|l| {
        let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        if t.ends_with("单位预算") || t.ends_with("单位决算") {
            Some(DocLevel::Unit)
        } else if t.ends_with("部门预算") || t.ends_with("部门决算") {
            Some(DocLevel::Department)
        } else {
            None
        }
    });
    let Some(level) = cover_level else { return };
    if level != doc.info.level {
        return;
    }
    let (want, other) = (level.zh(), level.other().zh());
    let kind_word = doc.info.kind.zh();
    // Titles by their level word; prose where the document names itself.
    let passes: [(&Regex, bool, &str, &str); 2] = [
        (&LEVEL_WORD, true, "标题", "this title"),
        (&SELF_REFERENCE, false, "正文", "the text"),
    ];
    for (pattern, titles, where_zh, where_en) in passes {
        for p in prose(doc).filter(|p| title_like(&p.text) == titles) {
            let s = p.text.trim_end();
            for c in pattern.captures_iter(s) {
                let Some(l) = c.name("l") else {
                    continue;
                };
                if l.as_str() != other || (!titles && !names_itself(&c, s, kind_word)) {
                    continue;
                }
                // "本单位" in a department's text is one of its units speaking; only a unit
                // document calling itself 本部门 is the other template's.
                if !titles && level == DocLevel::Department && c.name("self").is_some() {
                    continue;
                }
                let kind = match c.name("k").map(|k| k.as_str()) {
                    Some(k @ ("预算" | "决算")) => k,
                    _ => kind_word,
                };
                let mut f = at(
                    CODE,
                    Severity::Warning,
                    p,
                    char_at(s, l.start()),
                    2 + kind.chars().count(),
                    format!("封面为{want}{kind}，{where_zh}写为“{other}{kind}”"),
                    format!("the cover says {want}{kind}, {where_en} says “{other}{kind}”"),
                );
                f.expected = Some(format!("{want}{kind}"));
                f.actual = Some(format!("{other}{kind}"));
                out.push(f);
            }
        }
    }
    for t in &doc.tables {
        let label: String = t.label.chars().filter(|c| !c.is_whitespace()).collect();
        // "部门收支预算总表" in a 单位预算 (the unit templates say 单位/预算单位).
        let wrong = match level {
            DocLevel::Unit => label.starts_with("部门") && !label.contains("单位"),
            DocLevel::Department => false,
        };
        if !wrong {
            continue;
        }
        out.push(super::table_warning(
            CODE,
            t,
            format!("封面为单位文件，表格标题“{}”是部门模板的", t.label),
            format!(
                "the cover says 单位, the title “{}” is the department template's",
                t.label
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const UNIT: &str = "某某福利院\n2024年单位预算\n\n一、2024年单位预算编制说明\n  2024年单位预算收入120.50万元，安排购置车辆0辆。部门预算经济分类科目按规定列示。\n";

    #[test]
    fn a_unit_budget_that_says_unit_is_clean() {
        assert!(run(UNIT).is_empty(), "{:?}", run(UNIT));
    }

    #[test]
    fn a_unit_budget_titled_department() {
        let bad = UNIT.replace("2024年单位预算编制说明", "2024年部门预算编制说明");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 4);
    }

    #[test]
    fn a_unit_budget_whose_text_calls_it_a_department_budget() {
        let bad = UNIT.replace("2024年单位预算收入", "2024年部门预算收入");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 5);
        assert!(f[0].message.zh.contains("部门预算"));
    }

    #[test]
    fn a_unit_citing_its_departments_budget_is_not_judged() {
        for cited in [
            "根据区财政局关于编制2024年部门预算的通知要求，本单位收入120.50万元。",
            "本单位预算纳入上海市普陀区民政局2024年部门预算汇总编报，收入120.50万元。",
            "2024年部门预算中本单位支出占比较小，收入120.50万元。",
            "2023年度部门决算已由主管部门汇总公开，收入120.50万元。",
        ] {
            let t = format!("某某福利院\n2024年单位预算\n\n2024年单位预算编制说明\n  {cited}\n");
            assert!(run(&t).is_empty(), "{cited}: {:?}", run(&t));
        }
        let bad = "某某福利院\n2024年单位预算\n\n2024年单位预算编制说明\n  2024年，本部门收入预算120.50万元。\n";
        assert_eq!(run(bad).len(), 1, "{:?}", run(bad));
    }

    #[test]
    fn a_department_speaking_of_its_units_is_not_judged() {
        let dept = "某某局\n2024年部门预算\n\n2024年部门预算编制说明\n  本单位预算包括局本部及所属单位，收入120.50万元。本部门决算由局本级和所属2家单位的2024年度单位决算汇总而成。\n";
        assert!(run(dept).is_empty(), "{:?}", run(dept));
    }
}
