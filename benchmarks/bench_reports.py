"""Time the report build against its targets (issue 13).  Prints a table; not a test.

    .venv/bin/python benchmarks/bench_reports.py [--entries ID ...] [--cold] [--jobs N]

What it measures, in one run, in a throw-away project tree (the repository's notebooks
and data, an empty reports/), so the real reports/ is left as it is:

1. **the build**: ``comparative reports --force -j N`` (default 2) of the manifest (or
   ``--entries``), warm kernels (:mod:`comparative.reporting.kernels`);
2. **the plain scripts**: every executed notebook of that build turned into a script
   (``jupyter nbconvert --to script``, through nbconvert's own exporter) and run with
   python, one process each, one after the other; their times are summed;
3. **a no-op** ``make reports`` (nothing changed), and the lines it prints;
4. **render** (executed notebook -> HTML and PDF) per entry, from the build's stamps;
5. with ``--cold``, the same build in a fresh kernel per entry (``COMPARATIVE_WARM=0``),
   to show what warm kernels save.

Targets: build <= 0.35 x the plain scripts' sum; no-op make reports <= 1 s and one line;
render <= 0.5 s per one-page profile.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ("province_profile_vn", "province_profile_cn")


def run(args, env, cwd=None) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(args, env=env, capture_output=True, text=True, cwd=cwd)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{out.stderr[-2000:]}")
    return seconds, out.stdout + out.stderr


def scripts(folder: Path, ids: list[str], env) -> tuple[float, int]:
    """The executed notebooks as plain scripts, each run with python in its own process
    (in notebooks/, as the kernel runs): the sum of their wall times, and how many failed."""
    from nbconvert import ScriptExporter

    exporter = ScriptExporter()
    total, failed = 0.0, 0
    work = folder / "scripts"
    work.mkdir()
    for i in ids:
        body, _ = exporter.from_filename(str(folder / f"{i}.ipynb"))
        path = work / f"{i}.py"
        path.write_text(body, encoding="utf-8")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, str(path)], env=env, cwd=ROOT / "notebooks",
                             capture_output=True, text=True)
        total += time.perf_counter() - start
        if out.returncode != 0:
            failed += 1
            print(f"  script {i} failed: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
    return total, failed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", nargs="*", default=[], help="only these manifest entries")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cold", action="store_true", help="also build with a fresh kernel per entry")
    opts = ap.parse_args()
    only = opts.entries

    tmp = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        for name in ("notebooks", "data"):
            (tmp / name).symlink_to(ROOT / name, target_is_directory=True)
        env = dict(os.environ, COMPARATIVE_ROOT=str(tmp))
        if (ROOT.parent / "shared").is_dir():
            env["COMPARATIVE_SHARED"] = str(ROOT.parent / "shared")
        cli = [sys.executable, "-m", "comparative.cli"]
        run(cli + ["build"], env)               # data/processed/ as the build finds it
        cold = None
        if opts.cold:
            cold, _ = run(cli + ["reports", "--force", "-j", str(opts.jobs), *only],
                          dict(env, COMPARATIVE_WARM="0"))
        warm, _ = run(cli + ["reports", "--force", "-j", str(opts.jobs), *only], env)
        stamps = {p.stem: json.loads(p.read_text()) for p in
                  sorted((tmp / "reports" / ".cache").glob("*.json"))}
        stamps = {k: v for k, v in stamps.items() if "exec_seconds" in v}   # not combined PDFs
        # make reports builds the whole manifest: with --entries, the same command on them
        noop, said = run(cli + ["reports", *only] if only else
                         ["make", "-s", "-C", str(ROOT), "reports"], env)
        plain, failed = scripts(tmp / "reports", sorted(stamps), env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    by_notebook: dict[str, list[dict]] = {}
    for entry, s in stamps.items():
        by_notebook.setdefault(entry.split(".")[0], []).append(s)
    width = max(len(k) for k in by_notebook) + 2
    print(f"{'notebook':<{width}} {'entries':>7} {'execute (s)':>12} {'render (s)':>11} "
          f"{'render max':>11}")
    for nb, ss in by_notebook.items():
        print(f"{nb:<{width}} {len(ss):>7} {statistics.mean(s['exec_seconds'] for s in ss):>12.2f} "
              f"{statistics.mean(s['render_seconds'] for s in ss):>11.2f} "
              f"{max(s['render_seconds'] for s in ss):>11.2f}")
    print()
    profile_render = [s["render_seconds"] for e, s in stamps.items() if e.startswith(PROFILES)]
    rows = [
        (f"build, {len(stamps)} entries, -j {opts.jobs}, warm kernels", f"{warm:.1f} s", ""),
        (f"the same entries as plain scripts (sum{', %d failed' % failed if failed else ''})",
         f"{plain:.1f} s", ""),
        ("build / plain scripts", f"{warm / plain:.2f}", "<= 0.35"),
    ]
    if cold is not None:
        rows.insert(1, (f"build, -j {opts.jobs}, a fresh kernel per entry", f"{cold:.1f} s", ""))
    rows.append(("no-op make reports" if not only else "no-op comparative reports ENTRY…", f"{noop:.2f} s, {len(said.splitlines())} line(s)",
                 "<= 1 s, 1 line"))
    if profile_render:
        rows.append(("render per profile (mean / max)",
                     f"{statistics.mean(profile_render):.2f} / {max(profile_render):.2f} s",
                     "<= 0.5 s"))
    w = max(len(r[0]) for r in rows) + 2
    print(f"{'measure':<{w}} {'measured':>22}  target")
    for name, value, target in rows:
        print(f"{name:<{w}} {value:>22}  {target}")
    print(f"\n{os.cpu_count()} cores; {sys.version.split()[0]}; {time.strftime('%Y-%m-%d')}")
    print("the no-op printed:\n  " + "\n  ".join(said.strip().splitlines()))


if __name__ == "__main__":
    main()
