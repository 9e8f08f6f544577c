#!/usr/bin/env bash
# Does checking stay linear in the input? Generates inputs of growing size at run time and
# prints CPU time and peak memory per size, and the ratio to the smallest size: a linear
# stage keeps time/size flat; a quadratic one doubles it with every doubling.
#
#   bench/scaling.sh            # sizes 1, 4, 16 (× the base input)
#   SCALES="1 2 4 8" bench/scaling.sh
#
# Inputs (under target/bench-scaling/):
#   doc     seed 001 concatenated k times (many tables, many claims, one file)
#   line    one paragraph on a single line with 5,000·k claims (no line breaks at all)
#   lines   5,000·k claim sentences, one per line
#   rows    one table with 5,000·k body rows
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-"1 4 16"}
DIR=${BENCH_DIR:-target/bench-scaling}
mkdir -p "$DIR"
TIME=/usr/bin/time
if ! [ -x "$TIME" ]; then
  echo "needs GNU time (/usr/bin/time): apt-get install time" >&2
  exit 1
fi
if [ -z "${BUDGETLINT:-}" ]; then
  cargo build --release --quiet
  BUDGETLINT=target/release/budgetlint
fi
SEED=fixtures/001_21f1af62e491819b.txt

gen() { # kind k file
  python3 - "$1" "$2" "$3" "$SEED" <<'EOF'
import sys
kind, k, out, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
n = 5000 * k
with open(out, "w", encoding="utf-8") as f:
    if kind == "doc":
        text = open(seed, encoding="utf-8").read()
        for _ in range(k):
            f.write(text)
    elif kind == "line":
        f.write("第三部分 预算情况说明\n")
        f.write("".join(f"一般公共服务支出{i}.25万元，比上年增加{i % 97}.1万元，增长{i % 13}.5%，" for i in range(n)))
        f.write("。\n")
    elif kind == "lines":
        f.write("第三部分 预算情况说明\n")
        f.write("".join(f"一般公共服务支出{i}.25万元，比上年增加{i % 97}.1万元，增长{i % 13}.5%。\n" for i in range(n)))
    elif kind == "rows":
        f.write("表一\n部门收支总体情况表\n单位：万元\n收入\t金额\t支出\t金额\n")
        f.write("".join(f"项目{i}\t{i}.00\t支出{i}\t{i}.00\n" for i in range(n)))
        f.write("合计\t1.00\t合计\t1.00\n")
EOF
}

printf '%-6s %5s %10s %10s %12s %14s %10s\n' input scale bytes cpu_s "cpu/MB (ms)" "vs scale 1" peak_MB
for kind in doc line lines rows; do
  base=""
  for k in $SCALES; do
    f="$DIR/$kind-$k.txt"
    [ -f "$f" ] || gen "$kind" "$k" "$f"
    bytes=$(wc -c <"$f")
    best=""
    mem=0
    for _ in 1 2 3; do
      out=$({ "$TIME" -f '%U %S %M' "$BUDGETLINT" check -q --format text --exit-zero "$f" >/dev/null; } 2>&1 | tail -1)
      read -r u s m <<<"$out"
      t=$(python3 -c "print(round($u + $s, 2))")
      if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
      mem=$m
    done
    per_mb=$(python3 -c "print(f'{$best * 1000 / ($bytes / 1e6):.1f}')")
    [ -n "$base" ] || base=$per_mb
    ratio=$(python3 -c "print(f'{$per_mb / $base:.2f}' if $base > 0 else '-')")
    printf '%-6s %5s %10s %10s %12s %14s %10s\n' "$kind" "$k" "$bytes" "$best" "$per_mb" "$ratio" "$((mem / 1024))"
  done
done
