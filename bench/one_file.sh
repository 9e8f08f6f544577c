#!/usr/bin/env bash
# One-file benchmark (issue 23): what a CI gate pays per document, as ratios measured in the
# same run, so the machine's speed cancels out.
#
#   bench/one_file.sh [RUNS]      RUNS per command (default 15); BUDGETLINT=path to skip the build
#
# For each input, whole-process CPU (user + sys, from wait4's rusage in bench/measure.py) is taken over RUNS runs and the
# median is reported, with the median peak RSS:
#   - a one-line file:            budgetlint check  vs  LC_ALL=C grep -c
#   - a real 35 KB document:      budgetlint check  vs  LC_ALL=C grep -c
#   - a real PDF (if pdftotext and ../shared/samples are there): budgetlint check vs
#     pdftotext -layout alone
# Never fails on the figures; it prints them. Targets (issue 23): one line ≤ 3× grep, the
# document ≤ 5× grep, both < 15 MB peak; a PDF ≤ 1.15× pdftotext.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-15}

command -v python3 >/dev/null || { echo "need python3 (bench/measure.py)" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "need /usr/bin/time (apt-get install time)" >&2
    exit 1
  fi
fi

BIN=${BUDGETLINT:-target/release/budgetlint}
if [ -z "${BUDGETLINT:-}" ]; then
  cargo build --release --quiet
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ONE="$WORK/one-line.txt"
printf '2025年部门预算 收入合计 100.00 万元\n' >"$ONE"
DOC=fixtures/002_0e3626f947e34449.txt
PDF=""
for p in ../shared/samples/shanghai/wanli-2025-dept-budget.pdf ../shared/samples/shanghai/commerce-2025-unit-budget.pdf; do
  if [ -f "$p" ]; then PDF=$p; break; fi
done

# median CPU ms and median peak KB of RUNS runs of "$@" (bench/measure.py: wait4's rusage, /usr/bin/time's peak RSS)
measure() { python3 bench/measure.py "$RUNS" "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b <= 0) b = 0.01; printf "%.1f", a / b}'; }

row() {
  local name=$1 base_name=$2
  shift 2
  local ours theirs
  read -r oc om <<<"$(measure "$BIN" check --no-config -q --exit-zero "$1")"
  if [ "$base_name" = grep ]; then
    read -r tc tm <<<"$(measure env LC_ALL=C grep -c '[0-9]' "$1")"
  else
    read -r tc tm <<<"$(measure pdftotext -layout "$1" -)"
  fi
  printf '%-34s budgetlint %7s ms %6.1f MB | %-9s %7s ms %6.1f MB | ratio %s×\n' \
    "$name" "$oc" "$(awk -v k="$om" 'BEGIN {print k / 1024}')" "$base_name" "$tc" \
    "$(awk -v k="$tm" 'BEGIN {print k / 1024}')" "$(ratio "$oc" "$tc")"
}

echo "one-file benchmark: $RUNS runs each, medians of whole-process CPU (user+sys) and peak RSS"
row "one-line file" grep "$ONE"
row "document ($(($(stat -c %s "$DOC") / 1024)) KB)" grep "$DOC"
if [ -n "$PDF" ] && command -v pdftotext >/dev/null; then
  row "PDF ($(basename "$PDF"))" pdftotext "$PDF"
else
  echo "PDF: skipped (no pdftotext or no sample PDF beside the repository)"
fi
