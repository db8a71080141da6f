"""Time the report build: per entry execution and render, the whole build at -j 1 and
-j 2, and a no-op rebuild.  Prints a table; not a test.

    .venv/bin/python benchmarks/bench_reports.py [--entries ID ...]

Targets (issue 4): render (executed notebook -> HTML and PDF) at most 1 s per report; a
no-op rebuild at most 2 s; -j 2 at most 0.6 x the -j 1 time.  Builds into a throw-away
project tree (the repository's notebooks and data, an empty reports/), so the real
reports/ is left as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli(args, env) -> float:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "comparative.cli", *args], env=env,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"comparative {' '.join(args)} failed:\n{out.stderr[-2000:]}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", nargs="*", default=[], help="only these manifest entries")
    only = ap.parse_args().entries

    tmp = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        for name in ("notebooks", "data"):
            (tmp / name).symlink_to(ROOT / name, target_is_directory=True)
        env = dict(os.environ, COMPARATIVE_ROOT=str(tmp))
        if (ROOT.parent / "shared").is_dir():
            env["COMPARATIVE_SHARED"] = str(ROOT.parent / "shared")

        j1 = cli(["reports", "--force", "-j", "1", *only], env)
        stamps = {p.stem: json.loads(p.read_text()) for p in sorted((tmp / "reports" / ".cache").glob("*.json"))}
        j2 = cli(["reports", "--force", "-j", "2", *only], env)
        noop = cli(["reports", *only], env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    width = max(len(k) for k in stamps) + 2
    print(f"{'entry':<{width}} {'execute (s)':>12} {'render (s)':>11}")
    for entry, s in stamps.items():
        print(f"{entry:<{width}} {s['exec_seconds']:>12.2f} {s['render_seconds']:>11.2f}")
    renders = [s["render_seconds"] for s in stamps.values()]
    print()
    print(f"{'measure':<34} {'seconds':>8}  target")
    print(f"{'render, slowest entry':<34} {max(renders):>8.2f}  <= 1.0  {'ok' if max(renders) <= 1 else 'MISSED'}")
    print(f"{'whole build, -j 1':<34} {j1:>8.1f}")
    ratio = j2 / j1
    print(f"{'whole build, -j 2':<34} {j2:>8.1f}  <= 0.6 x -j 1: {ratio:.2f} {'ok' if ratio <= 0.6 else 'MISSED'}")
    print(f"{'no-op rebuild':<34} {noop:>8.2f}  <= 2.0  {'ok' if noop <= 2 else 'MISSED'}")
    print(f"\n{len(stamps)} entries, {os.cpu_count()} CPUs; execution includes the kernel start")


if __name__ == "__main__":
    main()
