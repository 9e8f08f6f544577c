//! R109 — a heading that names another department than the cover.
//!
//! The headings of the narrative name the department ("上海市普陀区财政局2024年度部门决算情况",
//! "某局2024年部门预算编制说明"). That name is the cover's department or unit, in full or
//! abbreviated; a heading naming another department was taken from another document.
//!
//! An abbreviation keeps the order of the full name's characters ("克州政府办公室" for
//! "克孜勒苏柯尔克孜自治州人民政府办公室", "区委社会工作部" for "中共上海市普陀区委社会工作部"):
//! a heading's name is accepted when its characters occur, in order, in a name of the cover
//! (or the cover's in it). Only a name that ends as an organisation does (局, 委员会, 办公室,
//! 办事处, 院, 中心, 部 …) and stands right before the year is read.
//!
//! Why: a department's disclosure copied from another's keeps the other's name in places;
//! the reader then cannot tell whose figures these are.
//!
//! Example: the cover "上海市普陀区民政局", a heading "上海市普陀区财政局2024年部门预算编制说明".

use super::{at, prose, title_like};
use crate::model::Document;
use crate::normalize::{abbreviates, compact};
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R109";

static HEADING_NAME: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|关于)?(?P<name>\p{Han}[\p{Han}（）()]{1,40}?(?:局|委员会|办公室|办事处|街道|镇|乡|法院|检察院|院|中心|政府|部|厅|处|所|站|馆|队|学校|联合会|协会|委))\d{4}年",
    )
});

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    // The names the cover states: its lines (unit and 主管部门 alike, up to the 目录, else the
    // first three) and the department read.
    let head: Vec<String> = doc.lines.iter().take(60).map(|l| compact(l)).collect();
    let mut cover: Vec<String> = match head.iter().position(|l| l.starts_with("目录")) {
        Some(toc) => head.get(..toc).unwrap_or_default().to_vec(),
        None => head.into_iter().filter(|l| !l.is_empty()).take(3).collect(),
    };
    if let Some(d) = &doc.info.department {
        cover.push(compact(d));
    }
    cover.retain(|c| !c.is_empty());
    if cover.is_empty() {
        return;
    }
    // Only the headings where the document names itself: its level and kind ("…2024年度部门
    // 决算情况", "…2025年部门预算编制说明"), not a sub-heading about one of its units or
    // another body ("（一）国库收付中心2024年度单位决算情况", "区委区政府2024年度重点工作").
    let (level, other) = (doc.info.level.zh(), doc.info.level.other().zh());
    let kind = doc.info.kind.zh();
    let own = format!("{level}{kind}");
    let mut seen = std::collections::HashSet::new();
    for p in prose(doc).filter(|p| title_like(&p.text)) {
        let t = compact(&p.text);
        let names_itself = t.contains(&own)
            || ((t.contains(&format!("{kind}编制说明")) || t.contains(&format!("{kind}情况说明")))
                && !t.contains(&format!("{other}{kind}")));
        if !names_itself || t.starts_with('（') {
            continue;
        }
        let Some(name) = HEADING_NAME.captures(&t).and_then(|c| c.name("name")) else {
            continue;
        };
        let name = name.as_str();
        let known = cover.iter().any(|c| {
            abbreviates(name, c)
                || doc
                    .info
                    .department
                    .as_deref()
                    .is_some_and(|d| abbreviates(&compact(d), name))
        });
        if known || !seen.insert(name.to_string()) {
            continue;
        }
        let cover_name = doc.info.department.as_deref().unwrap_or("");
        let offset = p
            .text
            .find(name.chars().next().unwrap_or(' '))
            .map(|b| super::char_at(&p.text, b))
            .unwrap_or(0);
        let mut f = at(
            CODE,
            Severity::Warning,
            p,
            offset,
            name.chars().count(),
            format!("标题中的单位“{name}”不是封面上的“{cover_name}”"),
            format!("the heading names “{name}”, the cover “{cover_name}”"),
        );
        f.expected = Some(cover_name.to_string());
        f.actual = Some(name.to_string());
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    const DOC: &str = "上海市某区民政局\n2024年部门预算\n目 录\n一、部门预算编制说明\n\n上海市某区民政局2024年部门预算编制说明\n  2024年收入预算120.50万元。\n\n区民政局2024年部门预算情况说明\n  “三公”经费预算0.00万元。\n\n上海市某区救助管理站2024年单位预算情况说明\n  收入预算20.00万元。\n\n区委区政府2024年重点工作部署\n  收入预算20.00万元。\n";

    #[test]
    fn the_cover_name_and_its_abbreviation_are_clean() {
        assert!(run(DOC).is_empty(), "{:?}", run(DOC));
    }

    #[test]
    fn a_heading_naming_another_department() {
        let bad = DOC.replace(
            "上海市某区民政局2024年部门预算编制说明",
            "上海市某区财政局2024年部门预算编制说明",
        );
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 6);
        assert!(
            f[0].message.zh.contains("上海市某区财政局"),
            "{}",
            f[0].message.zh
        );
        assert!(
            f[0].message.en.contains("上海市某区财政局"),
            "{}",
            f[0].message.en
        );
    }

    #[test]
    fn an_abbreviation_out_of_order_is_another_name() {
        assert!(super::abbreviates(
            "克州政府办公室",
            "克孜勒苏柯尔克孜自治州人民政府办公室"
        ));
        assert!(!super::abbreviates("区财政局", "上海市某区民政局"));
    }
}
