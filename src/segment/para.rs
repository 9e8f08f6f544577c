//! Joining soft-wrapped source lines into paragraphs.
//!
//! PDF converters wrap one paragraph over several lines (001 even puts a blank line between
//! every wrapped line), so a paragraph ends only at a line ending with 。 ： ！ ？ (or their
//! ASCII forms), at a heading, at a field label (项目名称：…), or at a table-like line.
//! Lines consisting only of a page number are dropped. Leading whitespace of each line is
//! kept so that a character offset maps back to a column of its source line.

use crate::model::Paragraph;
use once_cell::sync::Lazy;
use regex::Regex;

/// A line that starts a heading: 第三部分, 一、, （一）, 1. / 1、 / 1．
static HEADING: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|情况[一二三四五六七八九十]+[：:])",
    )
});

/// A field label that starts its own paragraph in project descriptions.
static LABEL: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"^(?:项目名称|设立的?政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间|项目概述|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)\s*[：:]",
    )
});

/// A heading line that is complete by itself (ends a paragraph even without 。).
static HEADING_END: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(
        r"(?:说明|情况|概况|名词解释|预算公开表|预算表|内容|职能|部分|预算|概述|依据|主体|方案|周期|安排|目标)$",
    )
});

/// A stand-alone title line without a number ("2025年部门预算编制说明").
static TITLE_END: Lazy<Regex> =
    Lazy::new(|| crate::static_regex(r"(?:编制说明|情况说明|预算表|相关情况说明)$"));

/// A line that begins with the end of a clause: an amount or a share ("449.52万元。…",
/// "15.16%；").
static CONTINUES: Lazy<Regex> =
    Lazy::new(|| crate::static_regex(r"^\d[\d,]*(?:\.\d+)?\s*(?:万元|元|%|％)"));

/// A line that ends waiting for an amount: "…支出决算为", "…占", "…项目支出".
static AWAITS_AMOUNT: Lazy<Regex> = Lazy::new(|| {
    crate::static_regex(r"(?:为|占|达|计|是|约|支出|收入|经费|合计|总计|金额|资金)\s*$")
});

/// Put back lines a converter printed one place too early. pdftotext sometimes emits the
/// last line of a wrapped sentence before the line it completes:
///
/// ```text
/// （类）326.72万元，占11.11%；
/// 15.16%；                                        ← belongs after the next line
/// 卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占
/// ```
///
/// A line that begins with an amount or share is swapped with the line after it when that
/// line ends waiting for an amount and the line before does not (so in-order text, where the
/// line before is the one waiting, is never touched).
pub fn restore_order<'a>(lines: &[(usize, &'a str)]) -> Vec<(usize, &'a str)> {
    let mut out: Vec<(usize, &'a str)> = lines.to_vec();
    let content: Vec<usize> = (0..out.len())
        .filter(|&i| {
            out.get(i)
                .is_some_and(|(_, t)| !t.trim().is_empty() && !is_page_number(t.trim()))
        })
        .collect();
    let mut k = 0;
    while k + 1 < content.len() {
        let (Some(&a), Some(&b)) = (content.get(k), content.get(k + 1)) else {
            break;
        };
        let text = |i: usize| out.get(i).map(|(_, t)| t.trim()).unwrap_or("");
        let before_waits = k
            .checked_sub(1)
            .and_then(|j| content.get(j))
            .is_some_and(|&p| AWAITS_AMOUNT.is_match(text(p)) || text(p).contains('\t'));
        let swap = CONTINUES.is_match(text(a))
            && AWAITS_AMOUNT.is_match(text(b))
            && !before_waits
            && !text(a).contains('\t')
            && !text(b).contains('\t');
        if swap {
            out.swap(a, b);
            k += 2;
        } else {
            k += 1;
        }
    }
    out
}

fn is_page_number(t: &str) -> bool {
    if t.contains("PAGE_BREAK") {
        return true;
    }
    let t = t.trim_matches(|c: char| {
        c.is_whitespace() || c == '-' || c == '—' || c == '第' || c == '页'
    });
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

fn ends_paragraph(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '）' || c == ')' || c == '”' || c == '"'
    });
    matches!(
        t.chars().last(),
        Some('。') | Some('：') | Some(':') | Some('！') | Some('？') | Some('!') | Some('?')
    )
}

/// Join soft-wrapped lines into paragraphs. `lines` are (1-based line number, text).
/// `starts` of each paragraph records (char offset in `text`, source line) of every joined line.
pub fn paragraphs_from_lines(lines: &[(usize, &str)]) -> Vec<Paragraph> {
    let lines = restore_order(lines);
    let mut out = Vec::new();
    let mut cur: Option<Paragraph> = None;
    let mut cur_chars = 0usize;
    let mut cur_heading = false;
    for &(no, raw) in &lines {
        let text = raw.trim_end();
        let trimmed = text.trim_start();
        if trimmed.is_empty() || is_page_number(trimmed) {
            continue;
        }
        let tabular = text.contains('\t');
        let heading = HEADING.is_match(trimmed);
        let starts_new = heading || tabular || LABEL.is_match(trimmed);
        if starts_new {
            if let Some(p) = cur.take() {
                out.push(p);
            }
        }
        match cur.as_mut() {
            Some(p) => {
                p.starts.push((cur_chars, no));
                p.text.push_str(text);
                p.end_line = p.end_line.max(no);
            }
            None => {
                cur = Some(Paragraph {
                    line: no,
                    end_line: no,
                    text: text.to_string(),
                    starts: vec![(0, no)],
                });
                cur_chars = 0;
                cur_heading = heading;
            }
        }
        cur_chars += text.chars().count();
        let short_title = trimmed.chars().count() <= 30
            && !trimmed.contains(['，', ',', '。', '；'])
            && cur.as_ref().is_some_and(|p| p.starts.len() == 1);
        let done = tabular
            || ends_paragraph(trimmed)
            || (cur_heading && HEADING_END.is_match(trimmed.trim_end_matches(['。', ' '])))
            // A title line on its own ("2025年部门预算编制说明").
            || (short_title && TITLE_END.is_match(trimmed));
        if done {
            if let Some(p) = cur.take() {
                out.push(p);
            }
        }
    }
    if let Some(p) = cur.take() {
        out.push(p);
    }
    out
}

/// Restore the indentation of each source line inside paragraphs built by another
/// segmenter (which may have trimmed it), so that character offsets map to true columns.
/// A joined piece is replaced by its source line only when both agree once trimmed.
pub fn realign(paragraphs: &[Paragraph], lines: &[String]) -> Vec<Paragraph> {
    paragraphs
        .iter()
        .map(|p| {
            let chars: Vec<char> = p.text.chars().collect();
            let mut text = String::with_capacity(p.text.len());
            let mut starts = Vec::with_capacity(p.starts.len());
            let mut count = 0usize;
            for (k, &(o, l)) in p.starts.iter().enumerate() {
                let end = p.starts.get(k + 1).map(|x| x.0).unwrap_or(chars.len());
                let piece: String = chars.get(o..end.max(o)).unwrap_or(&[]).iter().collect();
                let source = l
                    .checked_sub(1)
                    .and_then(|i| lines.get(i))
                    .map(|s| s.trim_end())
                    .filter(|s| s.trim() == piece.trim() && s.len() >= piece.trim_end().len());
                let use_text = source.unwrap_or(piece.as_str());
                starts.push((count, l));
                count += use_text.chars().count();
                text.push_str(use_text);
            }
            if p.starts.is_empty() {
                return p.clone();
            }
            Paragraph {
                line: p.line,
                end_line: p.end_line,
                text,
                starts,
            }
        })
        .collect()
}

/// Source line and 0-based column (within that line) of the character at `offset` of `p`.
pub fn locate(p: &Paragraph, offset: usize) -> (usize, usize) {
    let idx = p.starts.partition_point(|&(o, _)| o <= offset);
    match idx.checked_sub(1).and_then(|i| p.starts.get(i)) {
        Some(&(o, l)) => (l, offset.saturating_sub(o)),
        None => (p.line, offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realign_restores_indentation() {
        let p = Paragraph {
            line: 1,
            end_line: 2,
            text: "基本支出407.66万元，占12.77%，".to_string(),
            starts: vec![(0, 1), (13, 2)],
        };
        let lines = vec![
            "   基本支出407.66万元，".to_string(),
            "占12.77%，".to_string(),
        ];
        let r = realign(&[p], &lines);
        assert_eq!(r[0].text, "   基本支出407.66万元，占12.77%，");
        let off = r[0]
            .text
            .find("407")
            .map(|b| r[0].text[..b].chars().count())
            .unwrap_or(0);
        assert_eq!(locate(&r[0], off), (1, 7));
    }

    #[test]
    fn joins_wrapped_lines_across_blank_lines() {
        let lines = [
            (1, "一、关于某部门 2022"),
            (2, ""),
            (3, "年收支预算情况的总体说明"),
            (4, "按照全口径预算的原则，收支总预算 3192.57"),
            (5, ""),
            (6, "万元。"),
            (7, "27"),
            (8, "预算安排规模：34.00 万元"),
            (9, "项目承担单位：某单位"),
        ];
        let ps = paragraphs_from_lines(&lines);
        assert_eq!(ps.len(), 4, "{ps:?}");
        assert_eq!(ps[0].text, "一、关于某部门 2022年收支预算情况的总体说明");
        assert_eq!(ps[1].text, "按照全口径预算的原则，收支总预算 3192.57万元。");
        assert_eq!(ps[1].line, 4);
        assert_eq!(ps[1].end_line, 6);
        let off = ps[1].text.chars().position(|c| c == '万').unwrap_or(0);
        assert_eq!(ps[1].line_at(off), 6);
        assert_eq!(locate(&ps[1], off), (6, 0));
        assert_eq!(ps[2].text, "预算安排规模：34.00 万元");
    }

    #[test]
    fn lines_printed_before_the_line_they_complete_are_put_back() {
        let lines = [
            (
                1,
                "  一般公共预算财政拨款支出2940.05万元，主要用于：一般公共服务支出",
            ),
            (
                2,
                "（类）2106.66万元，占71.65%；社会保障和就业支出（类）326.72万元，占11.11%；",
            ),
            (3, ""),
            (4, "15.16%；"),
            (
                5,
                "卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占",
            ),
            (6, "其他。"),
        ];
        let ps = paragraphs_from_lines(&lines);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(
            ps[0].text.contains("445.69万元，占15.16%；其他。"),
            "{}",
            ps[0].text
        );
        // The share keeps its own source line.
        let off = ps[0].text.chars().count() - "15.16%；其他。".chars().count();
        assert_eq!(locate(&ps[0], off), (4, 0));
        assert_eq!(ps[0].end_line, 6);
    }

    #[test]
    fn lines_in_order_are_left_alone() {
        // The line before is the one waiting for the amount: nothing to put back.
        let lines = [
            (1, "  年初预算为"),
            (
                2,
                "161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：预算按充分",
            ),
            (3, "保障预估，实际执行贴合预期，合计"),
            (4, "其他。"),
        ];
        let ps = paragraphs_from_lines(&lines);
        assert_eq!(
            ps[0].text,
            "  年初预算为161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：预算按充分保障预估，实际执行贴合预期，合计其他。"
        );
    }
}
