#!/usr/bin/env bash
# Rerunnable throughput benchmark of `budgetlint check` (issue 6).
#
#   bench/run.sh [N]        N documents (default 1000); BENCH_DIR to keep the corpus elsewhere
#
# Builds a corpus of N documents at run time from fixtures/ (the seeds, the other layouts, and
# variants with a planted error: one figure changed by +1 on a line chosen per document),
# then times `budgetlint check --format jsonl` over it with 1 thread and with every core,
# against `LC_ALL=C grep -cE '[0-9]+\.[0-9]+'` over the same files, and reports
# documents/s, MB/s, the ratio to grep, CPU per document, and peak memory (/usr/bin/time -v).
# Memory flatness: peak RSS of the full corpus against a tenth of it.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
BENCH_DIR=${BENCH_DIR:-target/bench}
CORPUS="$BENCH_DIR/corpus-$N"
CORES=$(nproc)

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "need /usr/bin/time (apt-get install time)" >&2; exit 1
  fi
fi

BIN=${BUDGETLINT:-target/release/budgetlint}
if [ -z "${BUDGETLINT:-}" ]; then
  cargo build --release --quiet
fi

# --- corpus --------------------------------------------------------------------------------
if [ ! -f "$CORPUS/.done" ]; then
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  mapfile -t SEEDS < <(ls fixtures/*.txt | sort)
  S=${#SEEDS[@]}
  for ((i = 0; i < N; i++)); do
    src=${SEEDS[$((i % S))]}
    dir="$CORPUS/d$((i / 100))"
    mkdir -p "$dir"
    out="$dir/$(printf '%05d' "$i")-$(basename "$src")"
    if ((i % 3 == 1)); then
      # Planted error: add 1 to the integer part of the k-th decimal figure of the file.
      awk -v k=$(((i * 7919) % 97 + 1)) '
        { if (!done && match($0, /[0-9]+\.[0-9][0-9]/)) { seen++
            if (seen == k) { fig = substr($0, RSTART, RLENGTH); split(fig, p, ".")
              $0 = substr($0, 1, RSTART - 1) (p[1] + 1) "." p[2] substr($0, RSTART + RLENGTH); done = 1 } } }
        { print }' "$src" >"$out"
    else
      cp "$src" "$out"
    fi
  done
  touch "$CORPUS/.done"
fi
BYTES=$(find "$CORPUS" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}')
echo "corpus: $N documents, $MB MB in $CORPUS ($CORES cores)"

# --- measurements --------------------------------------------------------------------------
# measure NAME CMD...: wall seconds, CPU seconds (user+sys), peak RSS in KB.
measure() {
  local name=$1; shift
  local log="$BENCH_DIR/time-$name.log"
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  echo "$wall $cpu $rss"
}

# grep is too fast for /usr/bin/time's 10 ms resolution: best of 5 runs, timed by the shell.
G_WALL=
for _ in 1 2 3 4 5; do
  t0=$EPOCHREALTIME
  LC_ALL=C grep -rcE '[0-9]+\.[0-9]+' "$CORPUS" >/dev/null || true
  t1=$EPOCHREALTIME
  G_WALL=$(awk -v a="$t0" -v b="$t1" -v best="$G_WALL" 'BEGIN {d = b - a; if (best == "" || d < best) best = d; print best}')
done
G_CPU=$G_WALL
read -r B1_WALL B1_CPU B1_RSS < <(measure j1 "$BIN" check --format jsonl -q -j 1 "$CORPUS")
read -r BN_WALL BN_CPU BN_RSS < <(measure jN "$BIN" check --format jsonl -q -j "$CORES" "$CORPUS")

# Memory flatness: a tenth of the corpus (the first folders).
TENTH=$(ls -d "$CORPUS"/d* | head -n $(( (N / 100 + 9) / 10 > 0 ? (N / 100 + 9) / 10 : 1 )))
# shellcheck disable=SC2086
read -r T_WALL T_CPU T_RSS < <(measure tenth "$BIN" check --format jsonl -q -j "$CORES" $TENTH)

# One 65 KB document: CPU per document over 100 copies in one process (startup amortized),
# and one process for one document (startup included).
ONE="$BENCH_DIR/one65k"
if [ ! -d "$ONE" ]; then
  mkdir -p "$ONE"
  for ((i = 0; i < 100; i++)); do cp fixtures/001_21f1af62e491819b.txt "$ONE/$i.txt"; done
fi
read -r O_WALL O_CPU O_RSS < <(measure one100 "$BIN" check --format jsonl -q -j 1 "$ONE")
read -r P_WALL P_CPU P_RSS < <(measure oneproc "$BIN" check --format jsonl -q fixtures/001_21f1af62e491819b.txt)

awk -v n="$N" -v mb="$MB" -v cores="$CORES" \
    -v gw="$G_WALL" -v gc="$G_CPU" \
    -v w1="$B1_WALL" -v c1="$B1_CPU" -v r1="$B1_RSS" \
    -v wn="$BN_WALL" -v cn="$BN_CPU" -v rn="$BN_RSS" \
    -v rt="$T_RSS" -v oc="$O_CPU" -v pc="$P_CPU" 'BEGIN {
  printf "%-34s %10s %10s %10s %12s %10s\n", "", "wall s", "CPU s", "docs/s", "MB/s", "peak MB"
  printf "%-34s %10.3f %10s %10.0f %12.1f %10s\n", "grep -cE (1 thread)", gw, "-", n / gw, mb / gw, "-"
  printf "%-34s %10.2f %10.2f %10.0f %12.1f %10.1f\n", "budgetlint -j 1", w1, c1, n / w1, mb / w1, r1 / 1024
  printf "%-34s %10.2f %10.2f %10.0f %12.1f %10.1f\n", "budgetlint -j " cores, wn, cn, n / wn, mb / wn, rn / 1024
  printf "\n"
  printf "ratio to grep (wall, 1 thread):        %.1fx\n", w1 / gw
  printf "ratio to grep (wall, %d threads):       %.1fx\n", cores, wn / gw
  printf "per-core throughput:                   %.0f docs/s, %.2f MB/s per core\n", n / c1, mb / c1
  printf "speed-up %d threads vs 1:               %.2fx\n", cores, w1 / wn
  printf "CPU per 65 KB document (100 in 1 run): %.1f ms\n", oc * 1000 / 100
  printf "one 65 KB document, whole process:     %.1f ms CPU\n", pc * 1000
  printf "peak memory, %d docs vs a tenth:      %.1f MB vs %.1f MB\n", n, rn / 1024, rt / 1024
}'
