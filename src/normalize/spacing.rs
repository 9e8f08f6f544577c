//! Headers printed with spaces between every character ("财 政 拨 款 （ 补 助 ）").

/// Han ideographs (BMP blocks and the supplementary planes).
pub(crate) fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '（' | '）'
            | '【'
            | '】'
            | '《'
            | '》'
            | '〔'
            | '〕'
            | '［'
            | '］'
            | '〈'
            | '〉'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// The single character of a token that may take part in a spaced-out run.
fn single(token: &str) -> Option<char> {
    let mut it = token.chars();
    let c = it.next()?;
    (it.next().is_none() && (is_han(c) || is_bracket(c))).then_some(c)
}

/// Join runs of at least 3 single CJK characters (or full-width brackets) separated by 1 or
/// 2 spaces, with at least 2 Han characters in the run; a run of 2 ("合 计") only when it
/// is all of a tab-delimited cell or of the line. Never across a tab or 3+ spaces
/// (a `pdftotext -layout` column gap), never multi-character tokens ("合计 因公出国（境）费"),
/// and not the column headers "类 款 项", which are three cells.
pub(crate) fn merge_spaced_cjk(line: &str) -> String {
    if !line.contains(' ') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    for (n, seg) in line.split('\t').enumerate() {
        if n > 0 {
            out.push('\t');
        }
        merge_segment(seg, &mut out);
    }
    out
}

fn merge_segment(seg: &str, out: &mut String) {
    // Tokens with the number of spaces before each; trailing spaces counted separately.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut gap = 0usize;
    for part in seg.split(' ') {
        if part.is_empty() {
            gap += 1;
        } else {
            // `split` yields one empty part per extra space; the first token's gap is exact.
            let spaces = if tokens.is_empty() { gap } else { gap + 1 };
            tokens.push((spaces, part));
            gap = 0;
        }
    }
    let trailing = if tokens.is_empty() { seg.len() } else { gap };
    // join[k]: token k is glued to token k-1.
    let mut join = vec![false; tokens.len()];
    let mut a = 0;
    while a < tokens.len() {
        let mut b = a;
        while tokens
            .get(b)
            .is_some_and(|(g, t)| single(t).is_some() && (b == a || (1..=2).contains(g)))
        {
            b += 1;
        }
        if b == a {
            a += 1;
            continue;
        }
        let run = tokens.get(a..b).unwrap_or_default();
        let hans = run
            .iter()
            .filter(|(_, t)| single(t).is_some_and(is_han))
            .count();
        let only_codes = run
            .iter()
            .all(|(_, t)| matches!(single(t), Some('类' | '款' | '项')));
        // Two characters are joined only when they are the whole cell (or line): "合 计".
        let whole = a == 0 && b == tokens.len();
        if (b - a >= 3 || whole) && hans >= 2 && !only_codes {
            for j in join.iter_mut().take(b).skip(a + 1) {
                *j = true;
            }
        }
        a = b;
    }
    for (k, (spaces, t)) in tokens.iter().enumerate() {
        if !join.get(k).copied().unwrap_or(false) {
            out.extend(std::iter::repeat_n(' ', *spaces));
        }
        out.push_str(t);
    }
    out.extend(std::iter::repeat_n(' ', trailing));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_headers_joined() {
        assert_eq!(
            merge_spaced_cjk("财 政 拨 款 （ 补 助 ）"),
            "财政拨款（补助）"
        );
        assert_eq!(merge_spaced_cjk("收  入  总  计"), "收入总计");
        assert_eq!(merge_spaced_cjk("\t收  入  总  计"), "\t收入总计");
        assert_eq!(
            merge_spaced_cjk("收 入 总 计\t1247.22\t支 出 总 计\t1247.22"),
            "收入总计\t1247.22\t支出总计\t1247.22"
        );
        assert_eq!(
            merge_spaced_cjk("  第 一 部 分   概况  "),
            "  第一部分   概况  "
        );
        assert_eq!(merge_spaced_cjk("收 入 总 计 1247.22"), "收入总计 1247.22");
        // Two characters forming a whole cell or line.
        assert_eq!(
            merge_spaced_cjk("项 目\t合 计\t总  计 "),
            "项目\t合计\t总计 "
        );
        assert_eq!(merge_spaced_cjk("  目 录"), "  目录");
        assert_eq!(merge_spaced_cjk("类 款"), "类 款");
    }

    #[test]
    fn not_joined() {
        for s in [
            "合计 因公出国（境）费",
            "总 计 1247.22", // two characters, not the whole cell
            "合计\t总 计 x",
            "目   录",           // column gap
            "收   入   总   计", // 3-space gaps are column gaps
            "收\t入\t总\t计",    // cells
            "类 款 项",          // three code columns
            "项 目 名称",        // a run of two
            "（ ） （",          // no Han
            "a b c d",
            "下设 4 个科室",
        ] {
            assert_eq!(merge_spaced_cjk(s), s, "{s}");
        }
    }

    #[test]
    fn spaces_preserved_elsewhere() {
        let s = "   一般公共服务支出        1785.63      1785.63   ";
        assert_eq!(merge_spaced_cjk(s), s);
        assert_eq!(merge_spaced_cjk("     "), "     ");
        assert_eq!(merge_spaced_cjk(" a  b "), " a  b ");
    }
}
