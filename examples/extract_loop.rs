//! Extracts one file many times (for profiling the parser with callgrind).
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("file");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let bytes = std::fs::read(&path).expect("read");
    let mut tables = 0;
    for _ in 0..n {
        tables += budgetlint::extract_bytes(&path, &bytes)
            .map(|d| d.tables.len())
            .unwrap_or(0);
    }
    println!("{tables}");
}
