#!/usr/bin/env bash
# Fuzz the whole pipeline (bytes → findings → reports) with cargo-fuzz/libFuzzer on the
# stable toolchain. Usage: fuzz/run.sh [SECONDS] [extra libFuzzer flags...]   (default 600 s)
#
# The checked-in seeds (fuzz/corpus/pipeline/seed-*) are read, never written: new inputs go
# to fuzz/corpus-work/ (git-ignored), which is kept between runs. A crash, timeout or OOM is
# written to fuzz/artifacts/pipeline/; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run pipeline fuzz/artifacts/pipeline/crash-…
# and keep it as a regression test under tests/data/fuzz_regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz not found: cargo install cargo-fuzz --locked" >&2
  exit 1
fi
mkdir -p fuzz/corpus-work
# RUSTC_BOOTSTRAP=1 lets the stable compiler accept the sanitizer flags cargo-fuzz passes.
RUSTC_BOOTSTRAP=1 exec cargo fuzz run pipeline fuzz/corpus-work fuzz/corpus/pipeline -- \
  -max_total_time="$secs" -max_len=200000 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/pipeline.dict -print_final_stats=1 "$@"
