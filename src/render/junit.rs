//! JUnit XML for CI dashboards: one `<testsuite>` per file, one `<testcase>` per rule per
//! file; a rule with findings at or above `--fail-on` fails and its `<failure>` carries the
//! messages; milder findings go to `<system-out>`. A file that could not be read is one
//! `<testcase>` with an `<error>`.

use super::FileReport;
use crate::rules::{Finding, Lang, Severity};

/// Escape text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => o.push(c),
        }
    }
    o
}

/// One file's `<testsuite>` and its counts.
#[derive(Debug, Clone, Default)]
pub struct JunitSuite {
    pub xml: String,
    pub tests: usize,
    pub failures: usize,
    pub errors: usize,
}

/// The suite of one file. `rules` lists (code, title) of every rule that ran.
pub fn junit_suite(
    r: &FileReport,
    rules: &[(String, String)],
    fail_on: Severity,
    lang: Lang,
) -> JunitSuite {
    let name = xml_escape(&r.path);
    if let Some(e) = &r.error {
        let xml = format!(
            "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase classname=\"{name}\" name=\"{}\">\n      <error message=\"{}\">{}</error>\n    </testcase>\n  </testsuite>\n",
            match lang {
                Lang::Zh => "读取文件",
                Lang::En => "read file",
            },
            xml_escape(e),
            xml_escape(e)
        );
        return JunitSuite {
            xml,
            tests: 1,
            failures: 0,
            errors: 1,
        };
    }
    let mut body = String::new();
    let mut failures = 0;
    for (code, title) in rules {
        let found: Vec<_> = r.findings.iter().filter(|f| &f.rule == code).collect();
        body.push_str(&format!(
            "    <testcase classname=\"{name}\" name=\"{} {}\"",
            xml_escape(code),
            xml_escape(title)
        ));
        if found.is_empty() {
            body.push_str("/>\n");
            continue;
        }
        body.push_str(">\n");
        let (failing, mild): (Vec<&&Finding>, Vec<&&Finding>) =
            found.iter().partition(|f| f.severity >= fail_on);
        let line = |f: &Finding| {
            format!(
                "{}:{}: {}[{}]: {}\n",
                r.path,
                f.line,
                f.severity.name(),
                f.rule,
                f.message.get(lang)
            )
        };
        if let Some(first) = failing.first() {
            failures += 1;
            let text: String = failing.iter().map(|f| line(f)).collect();
            body.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                first.severity.name(),
                xml_escape(first.message.get(lang)),
                xml_escape(&text)
            ));
        }
        if !mild.is_empty() {
            let text: String = mild.iter().map(|f| line(f)).collect();
            body.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml_escape(&text)
            ));
        }
        body.push_str("    </testcase>\n");
    }
    let tests = rules.len();
    JunitSuite {
        xml: format!(
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{body}  </testsuite>\n"
        ),
        tests,
        failures,
        errors: 0,
    }
}

/// The whole document.
pub fn junit_report(suites: &[JunitSuite]) -> String {
    let tests: usize = suites.iter().map(|s| s.tests).sum();
    let failures: usize = suites.iter().map(|s| s.failures).sum();
    let errors: usize = suites.iter().map(|s| s.errors).sum();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"budgetlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
    );
    for s in suites {
        out.push_str(&s.xml);
    }
    out.push_str("</testsuites>\n");
    out
}
