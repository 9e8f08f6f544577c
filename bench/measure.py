#!/usr/bin/env python3
"""Median whole-process CPU (user + sys, microsecond resolution from wait4's rusage) and
median peak RSS of RUNS runs of a command; output discarded, exit code ignored.

    bench/measure.py RUNS CMD [ARG...]    prints: CPU_MS PEAK_KB

Each run goes through /usr/bin/time for its peak RSS: wait4's own ru_maxrss would count the
pages of this Python process, forked before the exec. time's own CPU (a fraction of a
millisecond) is in both sides of every ratio.
"""
import os
import statistics
import subprocess
import sys
import tempfile

runs = int(sys.argv[1])
cmd = sys.argv[2:]
cpu, rss = [], []
with tempfile.NamedTemporaryFile("r") as out:
    for _ in range(runs):
        p = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, _, ru = os.wait4(p.pid, 0)
        cpu.append((ru.ru_utime + ru.ru_stime) * 1000.0)
        out.seek(0)
        rss.append(int(out.read().strip().splitlines()[-1]))
print(f"{statistics.median(cpu):.2f} {statistics.median(rss):.0f}")
