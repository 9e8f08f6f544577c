//! Fuzz the whole pipeline, bytes → findings → reports. The checks are in
//! `tests/support/pipeline_check.rs`, shared with `tests/fuzz_regressions.rs`, which runs
//! every kept crash input through them.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/pipeline_check.rs"]
mod pipeline_check;

fuzz_target!(|data: &[u8]| {
    pipeline_check::run("fuzz.txt", data);
});
