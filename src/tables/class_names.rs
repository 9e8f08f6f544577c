//! Standard names of the function classes (政府收支分类科目, 支出功能分类 类级), with the older
//! names some years use. Domain data, not sample data: the classification is national.

use once_cell::sync::Lazy;
use regex::Regex;

/// Class code → standard names (current first).
pub const CLASS_NAMES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    ("204", &["公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    ("207", &["文化旅游体育与传媒支出", "文化体育与传媒支出"]),
    ("208", &["社会保障和就业支出"]),
    ("209", &["社会保险基金支出"]),
    ("210", &["卫生健康支出", "医疗卫生与计划生育支出"]),
    ("211", &["节能环保支出"]),
    ("212", &["城乡社区支出"]),
    ("213", &["农林水支出"]),
    ("214", &["交通运输支出"]),
    ("215", &["资源勘探工业信息等支出", "资源勘探信息等支出"]),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出"]),
    ("219", &["援助其他地区支出"]),
    ("220", &["自然资源海洋气象等支出", "国土海洋气象等支出"]),
    ("221", &["住房保障支出"]),
    ("222", &["粮油物资储备支出"]),
    ("223", &["国有资本经营预算支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
    ("234", &["抗疫特别国债安排的支出", "抗疫特别国债还本支出"]),
];

/// The class code whose standard name this (possibly truncated) label is.
pub fn class_of_name(label: &str) -> Option<&'static str> {
    let l = strip_numbering(label);

    if l.chars().count() < 4 {
        return None;
    }
    CLASS_NAMES
        .iter()
        .find(|(_, names)| {
            names.iter().any(|n| {
                *n == l || (n.starts_with(l.as_str()) && l.chars().count() >= 6 && l.contains('支'))
            })
        })
        .map(|(c, _)| *c)
}

/// Is this a function class of the classification?
pub fn is_class(code: &str) -> bool {
    CLASS_NAMES.iter().any(|(c, _)| *c == code)
}

/// The standard names of a class.
pub fn names_of(code: &str) -> Option<&'static [&'static str]> {
    CLASS_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

/// A label without its "一、" / "1." numbering.
pub fn strip_numbering(label: &str) -> String {
    static NUM: Lazy<Regex> =
        Lazy::new(|| crate::static_regex(r"^([一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])"));
    NUM.replace(label, "").into_owned()
}
