"""Time `import comparative` plus `comparative.facts()` in a fresh interpreter.

Target: under 1 s.  Prints a table; not a test.
    .venv/bin/python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CODE = "import comparative; comparative.facts()"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    rows = []
    for label, code in (("python -c pass", "pass"),
                        ("import comparative", "import comparative"),
                        ("import + facts()", CODE)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        rows.append((label, statistics.median(times), min(times), max(times)))
    print(f"| step (fresh interpreter, {runs} runs) | median s | min s | max s |")
    print("|---|---|---|---|")
    for label, med, lo, hi in rows:
        print(f"| {label} | {med:.3f} | {lo:.3f} | {hi:.3f} |")
    verdict = "meets" if rows[-1][1] < 1.0 else "MISSES"
    print(f"\nimport + facts(): {rows[-1][1]:.3f} s median — {verdict} the 1 s target")


if __name__ == "__main__":
    main()
