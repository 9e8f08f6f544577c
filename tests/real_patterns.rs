//! What real documents do that the first samples did not (DOMAIN.md, "Things real documents
//! do"): each pattern on a small document written for the test, `tests/data/patterns/`, in
//! the layout `pdftotext -layout` gives. The base document is consistent: it raises no error
//! and no warning; each test changes it the way real documents do and asserts what an
//! auditor would accept — nothing where the change is not a defect, the finding at its line
//! where it is.

use budgetlint::rules::{Finding, Severity};

fn base() -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/patterns/unit-budget.layout.txt");
    std::fs::read_to_string(p).expect("pattern document")
}

fn check(text: &str) -> Vec<Finding> {
    let doc = budgetlint::extract_bytes("pattern.txt", text.as_bytes()).expect("a disclosure");
    budgetlint::check_document(&doc)
}

/// Errors and warnings, as (rule, line).
fn alarms(f: &[Finding]) -> Vec<(String, usize)> {
    f.iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| (f.rule.clone(), f.line))
        .collect()
}

#[path = "support/plant.rs"]
mod plant;
use plant::{line_of, plant};

fn find<'a>(f: &'a [Finding], rule: &str, line: usize) -> &'a Finding {
    f.iter()
        .find(|x| x.rule == rule && x.line == line)
        .unwrap_or_else(|| panic!("no {rule} at line {line}: {:#?}", alarms(f)))
}

#[test]
fn the_base_document_is_consistent() {
    let f = check(&base());
    assert_eq!(alarms(&f), vec![], "{f:#?}");
}

#[test]
fn table_of_contents_titles_are_not_tables() {
    let text = base();
    let doc = budgetlint::extract_bytes("p.txt", text.as_bytes()).expect("doc");
    // Eight tables, each read where it is printed, none at the 目录 (lines 10-17).
    assert_eq!(
        doc.tables.len(),
        8,
        "{:?}",
        doc.tables.iter().map(|t| t.line).collect::<Vec<_>>()
    );
    assert!(
        doc.tables.iter().all(|t| t.line >= 40),
        "{:?}",
        doc.tables.iter().map(|t| t.line).collect::<Vec<_>>()
    );
    // An identity between two tables reads the real ones: a planted error in 301 08 is
    // compared with the 208 05 05 row of the printed 一般公共预算 table, not with an empty one.
    let l = line_of(&text, "301   08", 0);
    let planted = plant(&text, l, "60,000          60,000", "65,000          65,000");
    let f = check(&planted);
    let x = find(&f, "X311", l);
    assert_eq!(x.expected.as_deref(), Some("60000"));
    assert_eq!(x.actual.as_deref(), Some("65000"));
    assert!(!f.iter().any(|f| f.rule == "T003"), "{:#?}", alarms(&f));
}

#[test]
fn table_of_contents_with_table_numbers_and_leaders() {
    // The same 目录 written as "表1 …" entries with dot leaders and page numbers.
    let text = base();
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let n = i + 1;
        if (10..=17).contains(&n) {
            let title = l
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '．' | ' '));
            out.push(format!("  表{} {title}……………………{}", n - 9, n + 2));
        } else {
            out.push(l.to_string());
        }
    }
    let text = out.join("\n");
    let f = check(&text);
    assert_eq!(alarms(&f), vec![], "{f:#?}");
    // Without the leaders, titles one after another are still a 目录.
    let bare: String = text
        .lines()
        .map(|l| l.split('…').next().unwrap_or(l).to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let f = check(&bare);
    assert_eq!(alarms(&f), vec![], "{f:#?}");
}

#[test]
fn a_lone_title_without_its_table_is_reported_once() {
    // The 收支总表's title stays, its body is lost: one T003 at the title, and only because
    // no other table of that kind has content.
    let text = base();
    let start = line_of(&text, "2026年预算单位财务收支预算总表", 20);
    let end = line_of(&text, "2026年预算单位收入预算总表", start);
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = lines[..start].to_vec();
    kept.extend_from_slice(&lines[end - 1..]);
    let f = check(&kept.join("\n"));
    let t003: Vec<usize> = f
        .iter()
        .filter(|f| f.rule == "T003")
        .map(|f| f.line)
        .collect();
    assert_eq!(t003, vec![start], "{:#?}", alarms(&f));
}

#[test]
fn two_level_header_fills_its_leaf_columns() {
    // 预算数 → 合计 | 基本支出 (人员经费, 公用经费) | 项目支出: a row of four figures, of two
    // (合计 and 人员经费), and of two far apart (合计 and 项目支出) all read; nothing to report.
    let text = base();
    let doc = budgetlint::extract_bytes("p.txt", text.as_bytes()).expect("doc");
    let s = &doc.tables[0];
    let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["合计", "人员经费", "公用经费", "项目支出"]);
    // A wrong 人员经费 in one class row breaks that row's total and the 类's basic expense
    // against the 支出总表.
    let l = line_of(&text, "一、一般公共服务支出", 40);
    let planted = plant(&text, l, "400,000", "410,000");
    let f = check(&planted);
    let x = find(&f, "X112", l);
    assert_eq!(
        (x.expected.as_deref(), x.actual.as_deref()),
        (Some("710000"), Some("700000"))
    );
    find(&f, "X216", l);
    // A parent is the sum of its children in the cross-table identity too: 支出总计's
    // 人员经费 against the 经济分类 table.
    let t = line_of(&text, "支出总计", 40);
    let planted = plant(&text, t, "500,000       100,000", "500,000        90,000");
    let f = check(&planted);
    find(&f, "X112", t);
    find(
        &f,
        "X319",
        line_of(
            &text,
            "                         合计              600,000",
            0,
        ),
    );
}

#[test]
fn misprinted_codes_are_codes_not_figures() {
    let text = base();
    // "301 8" for 301 08: read as 301 08 (T103 says so), its digits are not a figure, and
    // the 301 class row still adds up.
    let l = line_of(&text, "301   08", 0);
    let planted = plant(&text, l, "301   08  ", "301   8   ");
    let f = check(&planted);
    assert_eq!(alarms(&f), vec![("T103".to_string(), l)], "{f:#?}");
    let t = find(&f, "T103", l);
    assert_eq!(t.expected.as_deref(), Some("301 08"));
    assert_eq!(t.actual.as_deref(), Some("301 8"));
    // "8 05 05" for 208 05 05 under 208 05: placed by its 款; 301 08 = 208 05 05 still holds.
    let l = line_of(
        &text,
        "208   05   05",
        line_of(&text, "一般公共预算支出功能分类预算表", 20),
    );
    let planted = plant(&text, l, "208   05   05", "8     05   05");
    let f = check(&planted);
    assert_eq!(alarms(&f), vec![("T103".to_string(), l)], "{f:#?}");
}

#[test]
fn a_misprinted_code_that_cannot_be_placed_stays_out_of_the_sums() {
    // "1 27 02" in a 201 26 block: no row around it says which class or item it is. It is
    // reported once; the 201 26 subtotal it belongs to, and the other tables' 201 26 02, are
    // not reported against its absence.
    let text = base();
    let l = line_of(
        &text,
        "201   26   02",
        line_of(&text, "2026年预算单位支出预算总表", 20),
    );
    let planted = plant(&text, l, "201   26   02", "1     27   02");
    let f = check(&planted);
    assert_eq!(alarms(&f), vec![("T103".to_string(), l)], "{f:#?}");
    assert!(find(&f, "T103", l)
        .message
        .zh
        .contains("未计入上级科目的核对"));
}

#[test]
fn stated_prior_and_current_are_one_comparison() {
    // "2025年当年预算执行数为48.00万元，2026年预算安排50.00万元，比2025年预算执行数增加4.17%":
    // no claim without a name, no figure of last year looked up in this year's tables.
    let text = base();
    let doc = budgetlint::extract_bytes("p.txt", text.as_bytes()).expect("doc");
    let f = budgetlint::check_document(&doc);
    assert!(!f.iter().any(|f| f.rule == "N190"), "{f:#?}");
    // A wrong rate is found at its figure.
    let l = line_of(&text, "增加4.17%", 0);
    let f = check(&plant(&text, l, "增加4.17%", "增加5.17%"));
    let x = find(&f, "N101", l);
    assert_eq!(x.actual.as_deref(), Some("5.17"));
    // A prior stated as zero has no growth rate.
    let l = line_of(&text, "执行数为5.00万元", 0);
    let planted = plant(&text, l, "执行数为5.00万元", "执行数为0.00万元");
    let planted = plant(&planted, l, "增加20.00%", "增加100.00%");
    let f = check(&planted);
    find(&f, "N103", l);
    // The sentence's 预算安排 must be the amount the paragraph opens with.
    let l = line_of(&text, "2026年预算安排50.00万元", 0);
    let f = check(&plant(
        &text,
        l,
        "2026年预算安排50.00万元",
        "2026年预算安排52.00万元",
    ));
    let x = find(&f, "N110", l);
    assert_eq!(x.expected.as_deref(), Some("50.00"));
    assert!(x
        .related_lines
        .contains(&line_of(&text, "行政运行（项）”50.00万元", 0)));
}

/// The base document with one more paragraph after the procurement paragraph.
fn with_paragraph(text: &str, para: &str) -> String {
    format!("{}\n{para}\n", text.trim_end())
}

#[test]
fn procurement_reads_procurement_sentences_only() {
    // A function item named 支持中小企业发展和管理支出 is not an amount reserved for SMEs.
    let text = base();
    let l = line_of(&text, "4. “住房保障支出", 0);
    let mut lines: Vec<&str> = text.lines().collect();
    let item = "  5. “资源勘探工业信息等支出（类）支持中小企业发展和管理支出（款）其他支持中小企业发展和管理支出（项）”500.00万元，主要用于产业扶持。";
    lines.insert(l + 1, item);
    let f = check(&lines.join("\n"));
    assert!(!f.iter().any(|f| f.rule == "N109"), "{:#?}", alarms(&f));
    // A real reservation larger than the procurement budget is.
    let planted = with_paragraph(&text, "   其中，面向中小企业预留采购份额12.00万元。");
    let f = check(&planted);
    let x = find(&f, "N109", planted.lines().count());
    assert_eq!(x.actual.as_deref(), Some("12.00"));
}

#[test]
fn amounts_of_different_things_in_one_paragraph() {
    // Three 采购金额 of three kinds of project: not one amount written three times.
    let text = with_paragraph(
        &base(),
        "   面向中小企业预留政府采购项目预算金额10.00万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额8.00万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额2.00万元。",
    );
    let f = check(&text);
    assert!(!f.iter().any(|f| f.rule == "N110"), "{:#?}", alarms(&f));
}

#[test]
fn a_paragraph_printed_twice_is_read_once() {
    // A PDF text layer can hold a paragraph twice (clipped text that is not printed). Its
    // amounts are read once: no "two values for one item", no second listed total.
    let project = "   项目名称：档案数字化项目";
    let para = "   资金分配情况：档案扫描10.00万元、档案修复5.00万元，共计15.00万元。";
    let text = with_paragraph(
        &with_paragraph(&with_paragraph(&base(), project), para),
        para,
    );
    let doc = budgetlint::extract_bytes("p.txt", text.as_bytes()).expect("doc");
    let n = doc
        .claims
        .iter()
        .filter(|c| c.money().is_some_and(|m| m.figure.printed() == "15.00"))
        .count();
    assert_eq!(n, 1);
    // Planted in the paragraph, the wrong total is found once, at the first copy.
    let wrong = "   资金分配情况：档案扫描10.00万元、档案修复5.00万元，共计16.00万元。";
    let text = with_paragraph(
        &with_paragraph(&with_paragraph(&base(), project), wrong),
        wrong,
    );
    let f = check(&text);
    let n106: Vec<usize> = f
        .iter()
        .filter(|f| f.rule == "N106")
        .map(|f| f.line)
        .collect();
    assert_eq!(n106, vec![text.lines().count() - 1], "{:#?}", alarms(&f));
}

#[test]
fn an_appropriation_list_is_compared_with_the_general_budget_table() {
    // "财政拨款支出主要内容如下：" — its items are 一般公共预算 amounts. Make the all-funds
    // 支出预算总表 differ (a 行政运行 row with other money in it): the item still agrees with
    // the 一般公共预算 table, and a wrong item is measured against that table.
    let text = base();
    let mut doc = budgetlint::extract_bytes("p.txt", text.as_bytes()).expect("doc");
    let exp = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == budgetlint::model::TableKind::Expense)
        .expect("支出预算总表");
    let row = exp
        .rows
        .iter_mut()
        .find(|r| r.name == "行政运行")
        .expect("行政运行");
    if let Some(Some(f)) = row.values.get_mut(0) {
        f.value = rust_decimal::Decimal::from(600_000);
    }
    let f = budgetlint::check_document(&doc);
    assert!(!f.iter().any(|f| f.rule == "N120"), "{f:#?}");
    let l = line_of(&text, "行政运行（项）”50.00万元", 0);
    let planted = plant(
        &text,
        l,
        "行政运行（项）”50.00万元",
        "行政运行（项）”55.00万元",
    );
    let f = check(&planted);
    let x = find(&f, "N120", l);
    assert_eq!(x.expected.as_deref(), Some("50.00"));
    assert!(
        x.message.zh.contains("一般公共预算支出功能分类预算表"),
        "{}",
        x.message.zh
    );
}

fn bin(args: &[&str], file: &str) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(args)
        .arg(file)
        .output()
        .expect("run budgetlint");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn unverified_claims_are_one_line_in_the_text_report() {
    let dir = std::env::temp_dir().join(format!("bl-unverified-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let path = dir.join("u.txt");
    // An item of the 财政拨款 list that no table has.
    let base = base();
    let l = line_of(&base, "4. “住房保障支出", 0);
    let mut lines: Vec<&str> = base.lines().collect();
    lines.insert(
        l - 1,
        "  5. “教育支出（类）普通教育（款）小学教育（项）”3.00万元，主要用于档案进校园。",
    );
    let text = lines.join("\n");
    std::fs::write(&path, text).expect("write");
    let p = path.to_string_lossy().into_owned();
    let plain = bin(&["check", "--color", "never"], &p);
    assert!(!plain.contains("info[N190]"), "{plain}");
    assert!(
        plain.contains("另有 1 条说明未能与表中数字核对（N190，提示）"),
        "{plain}"
    );
    let all = bin(&["check", "--color", "never", "--show-unverified"], &p);
    assert!(all.contains("info[N190]"), "{all}");
    let info = bin(&["check", "--color", "never", "--fail-on", "info"], &p);
    assert!(info.contains("info[N190]"), "{info}");
    let json = bin(&["check", "--format", "json"], &p);
    assert!(json.contains("\"N190\""), "{json}");
}

#[test]
fn prose_that_mentions_budgets_is_not_a_disclosure() {
    let dir = std::env::temp_dir().join(format!("bl-prose-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let path = dir.join("notice.txt");
    std::fs::write(
        &path,
        "关于加强预算管理的通知\n各单位要严格执行预算，加强预算绩效管理，提高资金使用效益。\n预算编制要科学合理，按时报送。\n",
    )
    .expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(["check", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("notice.txt"), "{err}");
    assert!(err.contains("it only mentions 预算"), "{err}");
    // A narrative with budget amounts and no table is still read.
    std::fs::write(
        &path,
        "2026年部门预算编制说明\n2026年，某局收入预算80.00万元，其中：财政拨款收入80.00万元。\n",
    )
    .expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("run");
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_reading_order_table_that_cannot_be_rebuilt_is_one_t003() {
    // Plain `pdftotext` (reading order): a row's name and figures come before its code, codes
    // are printed apart from their rows. The table is reported once and not checked; no
    // identity, duplicate-row or name finding comes from its scattered cells.
    let cells = [
        "2026年部门收入预算总表",
        "编制部门：某某局",
        "单位：元",
        "项目",
        "功能分类科目编码",
        "类",
        "款",
        "功能分类科目名称",
        "合计",
        "财政拨款收入",
        "一般公共服务支出",
        "700,000.00",
        "700,000.00",
        "档案事务",
        "700,000.00",
        "700,000.00",
        "项",
        "201",
        "收入预算",
        "201",
        "26",
        "201",
        "26",
        "01",
        "行政运行",
        "500,000.00",
        "500,000.00",
        "201",
        "26",
        "02",
        "一般行政管理事务",
        "200,000.00",
        "200,000.00",
        "社会保障和就业支出",
        "60,000.00",
        "60,000.00",
        "208",
        "208",
        "05",
        "行政事业单位养老支出",
        "60,000.00",
        "60,000.00",
        "208",
        "05",
        "05",
        "机关事业单位基本养老保险缴费支出",
        "60,000.00",
        "60,000.00",
        "合计",
        "760,000.00",
        "760,000.00",
    ];
    let text = format!("{}\n", cells.join("\n\n"));
    let f = check(&text);
    let kinds: Vec<&str> = f
        .iter()
        .filter(|f| f.severity >= Severity::Warning && f.rule != "T001")
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(kinds, vec!["T003"], "{:#?}", alarms(&f));
}

#[test]
fn one_total_restated_with_two_changes() {
    // 财政拨款收入 and 财政拨款支出 are the same 80.00 万元, both compared with 2025: their
    // changes must imply the same 2025 figure.
    let text = base();
    let l = line_of(&text, "财政拨款收入80.00万元，比2025年预算增加5.00万元", 0);
    let planted = plant(
        &text,
        l,
        "比2025年预算增加5.00万元",
        "比2025年预算执行数增加6.00万元",
    );
    let f = check(&planted);
    let x = find(&f, "N114", l + 2);
    assert_eq!(
        (x.expected.as_deref(), x.actual.as_deref()),
        (Some("6.00"), Some("5.00"))
    );
    assert!(x.related_lines.contains(&l));
}

#[test]
fn a_quantity_listed_after_qizhong_is_not_more_than_its_total() {
    let ok = "   档案馆用房面积1200平方米，其中办公用房800平方米（其中业务用房500平方米，档案库房300平方米），附属用房400平方米。";
    let f = check(&with_paragraph(&base(), ok));
    assert!(!f.iter().any(|f| f.rule == "N112"), "{:#?}", alarms(&f));
    let wrong = ok.replace("档案库房300", "档案库房350");
    let text = with_paragraph(&base(), &wrong);
    let f = check(&text);
    let x = find(&f, "N112", text.lines().count());
    assert_eq!(
        (x.expected.as_deref(), x.actual.as_deref()),
        (Some("850"), Some("800"))
    );
    // Operands of written arithmetic are not quantities of a breakdown.
    let arith = "   其中：电费2000元/月*12个月*15个站=36万元，场地租金10元/平方米*300平方米*12个月=3.6万元。";
    let f = check(&with_paragraph(&base(), arith));
    assert!(!f.iter().any(|f| f.rule == "N112"), "{:#?}", alarms(&f));
}

/// The 302 block of the pattern's basic expense table printed with three 款: `codes` gives
/// each row's code, names stay 办公费 / 咨询费 / 水费.
fn with_office_costs(codes: [&str; 3]) -> String {
    let text = base();
    let at = line_of(&text, "302   01    办公费", 0);
    let row = |code: &str, name: &str, v: &str| {
        format!(
            "  302   {code}    {name}{}{v}                            {v}",
            // The figure ends where the base row's does.
            " ".repeat(27 - name.chars().count())
        )
    };
    let rows = [
        row(codes[0], "办公费", " 40,000"),
        row(codes[1], "咨询费", " 30,000"),
        row(codes[2], "水费", " 30,000"),
    ];
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    lines.splice(at - 1..at, rows);
    lines.join("\n")
}

#[test]
fn economic_codes_renumbered_against_the_classification() {
    // 咨询费 is 302 03 and 水费 302 05: printed as 302 02 / 302 03 the 类 is renumbered.
    let text = with_office_costs(["01", "02", "03"]);
    let f = check(&text);
    let at = line_of(&text, "302         商品和服务支出", 0);
    let hit = find(&f, "T104", at);
    assert!(
        hit.message.zh.contains("302 02“咨询费”"),
        "{}",
        hit.message.zh
    );
    assert!(hit.message.en.contains("302 03"), "{}", hit.message.en);
    // With their standard codes the same rows are clean.
    let clean = with_office_costs(["01", "03", "05"]);
    assert_eq!(alarms(&check(&clean)), vec![], "{:#?}", check(&clean));
}
