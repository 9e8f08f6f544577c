//! Times each pipeline stage over the given files (a quick profile; the rerunnable benchmark
//! is bench/run.sh).
use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let n = 20;
        let t0 = Instant::now();
        let mut doc = None;
        for _ in 0..n {
            doc = Some(budgetlint::extract_bytes(&path, &bytes).expect("extract"));
        }
        let t1 = Instant::now();
        let doc = doc.expect("doc");
        let mut k = 0;
        for _ in 0..n {
            k += budgetlint::check_document(&doc).len();
        }
        let t2 = Instant::now();
        let mut c = 0;
        for _ in 0..n {
            let mut out = Vec::new();
            budgetlint::rules::narrative::check_all(&doc, &mut out);
            c += out.len();
        }
        let t3 = Instant::now();
        println!(
            "{path}: extract {:.2} ms, check {:.2} ms (narrative {:.2} ms) [{k} {c}]",
            (t1 - t0).as_secs_f64() * 1000.0 / n as f64,
            (t2 - t1).as_secs_f64() * 1000.0 / n as f64,
            (t3 - t2).as_secs_f64() * 1000.0 / n as f64
        );
    }
}
