//! R103 — a reason announced but not given.
//!
//! "主要原因是。", "主要原因：；", "原因是，": the sentence that should explain a change or a
//! difference ends where the reason should start.
//!
//! Why: the reason is what the disclosure owes the public for every change; an empty one is
//! a sentence the author meant to fill in.
//!
//! Example: "公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：…".

use super::{at_match, prose};
use crate::model::Document;
use crate::rules::{Finding, Severity};
use once_cell::sync::Lazy;
use regex::Regex;

pub const CODE: &str = "R103";

/// "主要原因是。" / "原因为：；" / "主要原因：，" / "主要原因是…。": the reason announced (是/为/在于 or a colon) and the clause ending there. A bare
/// 原因 before a comma ("由于上述原因，", "支出减少的原因，主要是…") announces nothing.
static EMPTY: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:主要)?原因(?:是|为|在于)\s*[：:]?\s*(?:[。；;，,]|…+\s*[。；;]?|\.{3,}\s*[。；;]?)|(?:主要)?原因\s*[：:]\s*[。；;，,]|主要原因\s*[。；;]",
    )
});

pub fn check(doc: &Document, out: &mut Vec<Finding>) {
    for p in prose(doc) {
        let s = p.text.as_str();
        for m in EMPTY.find_iter(s) {
            let word = m
                .as_str()
                .trim_end_matches(['。', '；', ';', '，', ',', '…', '.']);
            let mut f = at_match(
                CODE,
                Severity::Warning,
                p,
                m,
                format!("“{}”之后没有写出原因", word.trim()),
                format!("“{}” is followed by no reason", word.trim()),
            );
            f.expected = Some("写明原因 / the reason".into());
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    fn run(text: &str) -> Vec<crate::rules::Finding> {
        crate::rules::text::run_on(super::check, text)
    }

    #[test]
    fn a_bare_reason_word_before_a_comma_announces_nothing() {
        let head = "某局\n2024年部门预算\n\n一、“三公”经费预算情况说明\n  公务用车购置及运行费6.40万元，与2023年预算持平。";
        for tail in [
            "由于上述原因，本年支出较上年有所减少。",
            "因客观原因，部分项目未能按期实施。",
            "支出减少的原因，主要是人员调出。",
            "主要原因是：一是车辆未增加；二是严控支出。",
        ] {
            let t = format!("{head}{tail}\n");
            assert!(run(&t).is_empty(), "{tail}: {:?}", run(&t));
        }
        for tail in ["主要原因是…。", "主要原因是。"] {
            let t = format!("{head}{tail}\n");
            assert_eq!(run(&t).len(), 1, "{tail}: {:?}", run(&t));
        }
    }

    #[test]
    fn an_emptied_reason_is_found_and_a_given_one_is_not() {
        let ok = "某局\n2024年部门预算\n\n一、“三公”经费预算情况说明\n  公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是车辆未增加。其中：公务用车购置费0.00万元。\n";
        assert!(run(ok).is_empty(), "{:?}", run(ok));
        let bad = ok.replace("主要原因是车辆未增加。", "主要原因是。");
        let f = run(&bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 5);
    }
}
