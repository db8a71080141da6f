"""Issue 12: every failure is one line, names and paths are bounded, report entries are
transactions, cells have a time limit, workers die with their build.

Most tests run the command in this process (tests/clihelp.py); a few need a real process
(a closed pipe, an encoding, /dev/full, kill -9) or a kernel (a timed-out cell, a build
killed at random points).
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from comparative import _files
from comparative.reporting import build, params

from .clihelp import FIXTURE, cli, make_project, raw_digest, stub_builds, tree_digest
from .conftest import ROOT

LONG = "x" * 300                    # a name over 255 bytes


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert len(lines[0]) <= 600, lines[0]     # cli.MAX_LINE
    return lines[0]


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def entry(name: str, **parameters) -> str:
    values = ", ".join(f"{k} = {json.dumps(v)}" for k, v in parameters.items())
    return f'[[report]]\nnotebook = "report_fixture"\nname = "{name}"\nparameters = {{ {values} }}\n'


# ------------------------------------------------------------------ one line, status 2

@pytest.mark.parametrize("args, named", [
    (("params", LONG), "unknown notebook"),
    (("run", LONG), "unknown notebook"),
    (("run", "../tests/fixtures/report_fixture.ipynb"), "unknown notebook"),
    (("run", "/etc/passwd.ipynb"), "unknown notebook"),
    (("run", "report_fixture", "-p", "lang", "v\x1b[31mi\n"), "\\x1b"),
    (("run", "report_fixture", "-p", "rows", "nan"), "rows"),
    (("run", "report_fixture", "-p", LONG, "1"), "unknown parameter"),
    (("facts", "show", "y" * 100_000), "unknown fact id"),
    (("facts", "--case", "a\x00b\u2028c"), "\\x00"),
    (("run", "report_fixture", "--timeout", "nan"), "--timeout"),
    (("reports", "--timeout", "-1"), "--timeout"),
])
def test_refused_input_exits_2_with_one_short_line(project, args, named):
    before = raw_digest()
    code, out, err = cli(*args, root=project)
    assert code == 2, (out, err)
    line = one_line(err)
    assert named in line
    assert "\x1b" not in line and "\x00" not in line and "\u2028" not in line
    assert raw_digest() == before
    assert not (project / "reports").exists()


@pytest.mark.parametrize("manifest, named", [
    ("report = 5\n", "array of tables"),
    ("[[report]]\nnotebook = 5\n", "in quotes"),
    ("report = [5]\n", "must be a table"),
    (entry(LONG), "at most 160"),
    ('[[report]]\nnotebook = "report_fixture"\nname = "ab\\n"\n', "ab\\n"),
    ('[[report]]\nnotebook = "report_fixture"\nname = 5\n', "name"),
    ('[[report]]\nnotebook = "report_fixture"\nparameters = { rows = nan }\n', "rows"),
    ('[[report]]\nnotebook = "../../tests/fixtures/report_fixture"\n', "unknown notebook"),
    (b"\xff\xfe[[report]]\n", "not UTF-8"),
    (None, "is a folder"),
])
def test_a_bad_manifest_is_refused_with_one_line(project, manifest, named):
    path = project / "notebooks" / "manifest.toml"
    if manifest is None:
        path.mkdir()
    elif isinstance(manifest, bytes):
        path.write_bytes(manifest)
    else:
        path.write_text(manifest, encoding="utf-8")
    code, out, err = cli("reports", root=project)
    assert code == 2, (out, err)
    assert named in one_line(err)
    code, out, err = cli("check", root=project)   # check finds it too
    assert code == 2 and named in err, err


def test_a_notebook_that_is_not_a_notebook_is_refused(project):
    (project / "notebooks" / "broken.ipynb").write_text('{"cells": "x"}')
    for args in (("params", "broken"), ("run", "broken")):
        code, out, err = cli(*args, root=project)
        assert code == 2, err
        assert "broken.ipynb" in one_line(err) and "cells" in err
    code, out, err = cli("check", root=project)
    assert code == 2 and "notebooks/broken.ipynb" in err


# ------------------------------------------------------------------ names and ids

def test_distinct_parameter_values_give_distinct_short_ids():
    spec = {"years": params.Param("years", "str", "all", "years")}
    ids = {}
    for v in ("2012-2016", "2012–2016", "2012,2016", "2012_2016", "2012_2016--x", "", "2012+2016",
              ",2012", "2012,", "2012,,2016", "2012++2016",
              "Hà Nội", "Ha Noi", "Ha Noi ", LONG, LONG + "y", "a" * 40, "a" * 41):
        eid = build.entry_id("nb", {"lang": "en", "years": v}, spec)
        assert len(eid) <= build.ID_MAX and build.ID_CHARS.fullmatch(eid), eid
        assert eid not in ids, (v, ids.get(eid))
        ids[eid] = v
    # one spelling of a Vietnamese name: NFD and NFC give one id
    assert build.entry_id("nb", {"lang": "en", "years": unicodedata.normalize("NFD", "Hà Nội")}, spec) in ids
    # a plain value keeps its readable id
    assert build.entry_id("nb", {"lang": "en", "years": "2010-2024"}, spec) == "nb.en.years-2010-2024"
    assert build.entry_id("nb", {"lang": "en", "years": "2014,2016"}, spec) == "nb.en.years-2014+2016"


def test_a_parameter_value_is_stored_in_nfc():
    spec = params.Param("place", "str", "x", "")
    assert spec.coerce(unicodedata.normalize("NFD", "Hà Nội"), "nb") == "Hà Nội"


# ------------------------------------------------------------------ environment failures

def test_reports_folder_that_is_a_file_fails_with_one_line_naming_it(project, monkeypatch):
    stub_builds(monkeypatch)
    (project / "notebooks" / "manifest.toml").write_text(entry("ok"))
    (project / "reports").write_text("not a folder")
    code, out, err = cli("reports", root=project)
    assert code == 1
    assert "reports" in one_line(err)


def test_processed_folder_that_is_a_file_fails_with_one_line_naming_it(tmp_path):
    project = make_project(tmp_path / "p", raw=True)
    (project / "data" / "processed").rmdir()
    (project / "data" / "processed").write_text("not a folder")
    code, out, err = cli("build", root=project)
    assert code == 1, err
    assert "data/processed" in one_line(err)


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_full_or_read_only_disk_keeps_the_previous_entry_and_leaves_no_temporary(
        project, monkeypatch, failure):
    """The entry's files are written (no kernel: fake outputs) and the disk fails at the
    third file: the earlier build's files stay, byte for byte, and no temporary is left."""
    (project / "notebooks" / "manifest.toml").write_text(entry("ok"))
    monkeypatch.setenv("COMPARATIVE_ROOT", str(project))
    build._install("ok", "k1", {"ipynb": b"{}", "html": b"<p>old</p>", "pdf": b"%PDF old"}, {})
    before = tree_digest(project / "reports")
    real = _files.write_temp
    calls = []

    def failing(target, data):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(failure, os.strerror(failure), str(target))
        return real(target, data)

    monkeypatch.setattr(_files, "write_temp", failing)

    def fake(e, gkey, dversion, timeout=None):
        build._install(e.id, "k2", {"ipynb": b"{ }", "html": b"<p>new</p>", "pdf": b"%PDF new"}, {})
        return build.Result(e.id, True)

    monkeypatch.setattr(build, "build_entry", fake)
    code, out, err = cli("reports", "ok", root=project)
    assert code == 1
    line = one_line(err.split("\n", 1)[-1] if err.count("\n") > 1 else err)
    assert f"reports/ok.pdf: {os.strerror(failure)}" in line     # the file, not its temporary
    assert tree_digest(project / "reports") == before
    assert _files.temporaries(project / "reports") == []


def test_ctrl_c_exits_130_with_one_line(monkeypatch):
    from comparative import cli as cli_mod

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_mod, "_cmd_facts", interrupted)
    code, out, err = cli("facts")
    assert code == 130 and one_line(err) == "comparative: interrupted"


def test_an_unexpected_error_is_one_line_too(monkeypatch):
    from comparative import cli as cli_mod

    def broken(args):
        raise ZeroDivisionError("x" * 10_000)

    monkeypatch.setattr(cli_mod, "_cmd_sources", broken)
    code, out, err = cli("sources")
    assert code == 1 and "internal error: ZeroDivisionError" in one_line(err)


def _run(*args, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "comparative.cli", *args], cwd=ROOT,
                          env=dict(os.environ, **(env or {})), capture_output=True, **kw)


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "comparative.cli", "facts", "--format", "csv"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()                          # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == ""


def test_output_the_terminal_cannot_encode_is_escaped_not_a_crash():
    out = _run("facts", "--country", "VN", "--columns", "id,quantity_vi", "--format", "csv",
               env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 0 and out.stderr == b""
    assert b"\\u" in out.stdout or b"\\x" in out.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_output_device_is_one_line():
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "comparative.cli", "facts"], cwd=ROOT,
                             stdout=full, stderr=subprocess.PIPE, text=True)
    assert out.returncode == 1
    assert "No space left on device" in one_line(out.stderr)


# ------------------------------------------------------------------ validation

def _break(project: Path, file: str, old: str, new: str) -> None:
    path = project / "data" / "raw" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_reports_every_problem_with_file_record_and_field(tmp_path):
    project = make_project(tmp_path / "p", raw=True)
    _break(project, "facts/huzhou_pension.toml", "value = 47456", "value = nan")
    _break(project, "sources.toml", "[thuc2025]", '[thuc2025]\ntitle_vi = 5')
    path = project / "data" / "raw" / "facts" / "chongqing_hukou.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fact]]\nid = \"Ha\u0300\"\n",
                    encoding="utf-8")
    _break(project, "datasets/datasets.toml", "min = 2001", 'min = "2001"')
    before = raw_digest()
    code, out, err = cli("check", root=project)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert any("huzhou_pension.toml: record 'huzhou-rural-residents-covered-2005', field 'value'"
               in ln and "nan" in ln for ln in lines), err
    assert any("sources.toml: record 'thuc2025', field 'title_vi': must be text" in ln
               for ln in lines), err
    assert any("chongqing_hukou.toml" in ln and "NFC" in ln for ln in lines), err
    assert any("datasets.toml" in ln and "min" in ln and "must be a number" in ln
               for ln in lines), err
    assert "Traceback" not in err and raw_digest() == before


@pytest.mark.parametrize("toml", ["fact = [1, 2]\n", "fact = 5\n"])
def test_facts_that_are_not_tables_are_refused(tmp_path, toml):
    project = make_project(tmp_path / "p", raw=True)
    (project / "data" / "raw" / "facts" / "huzhou_pension.toml").write_text(toml)
    for args in (("check",), ("facts",)):
        code, out, err = cli(*args, root=project)
        assert code == 2 and "huzhou_pension.toml" in err and "Traceback" not in err, err


def test_authors_must_be_a_list_of_names(tmp_path):
    project = make_project(tmp_path / "p", raw=True)
    text = (project / "data" / "raw" / "sources.toml").read_text(encoding="utf-8")
    import re

    new = re.sub(r"(?m)^authors = \[.*\]$", 'authors = "Nguyen"', text, count=1)
    assert new != text
    (project / "data" / "raw" / "sources.toml").write_text(new, encoding="utf-8")
    code, out, err = cli("check", root=project)
    assert code == 2 and "field 'authors': must be a list of names" in err, err


def test_a_negative_figure_needs_a_sign_or_a_word_of_a_fall():
    from comparative.store import checks
    from comparative.store.facts import all_facts
    import dataclasses

    f = next(f for f in all_facts() if f.kind == "number" and f.value == 6)
    bad = dataclasses.replace(f, value=-6)
    assert any("is negative" in p for p in checks.evidence_problems([bad]))


def test_a_sharp_fall_in_a_case_facts_is_a_warning(tmp_path):
    project = make_project(tmp_path / "p", raw=True)
    case = "huzhou_pension"
    n = sum(1 for ln in (project / "data/raw/facts" / f"{case}.toml").read_text().splitlines()
            if ln.strip() == "[[fact]]")
    rows = "".join(f"f{i},{case}\n" for i in range(n * 3))
    (project / "data" / "processed" / "facts.csv").write_text("id,case\n" + rows)
    code, out, err = cli("check", root=project, env={"COMPARATIVE_SHARED": str(tmp_path / "none")})
    assert code == 0, err
    assert f"facts/{case}.toml: {n} facts, {n * 3} at the last build" in err


# ------------------------------------------------------------------ transactions

def test_recover_completes_a_committed_entry_and_removes_dead_temporaries(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    a, b = folder / "x.html", folder / "x.pdf"
    a.write_bytes(b"old html")
    b.write_bytes(b"old pdf")
    dead = 2 ** 22 + 12345                       # above pid_max: no such process
    ta, tb = folder / f".x.html.tmp-{dead}", folder / f".x.pdf.tmp-{dead}"
    ta.write_bytes(b"new html")
    tb.write_bytes(b"new pdf")
    journal = folder / ".x.commit"
    journal.write_text(json.dumps([[str(ta), str(a)], [str(tb), str(b)]]))
    stray = folder / f".y.html.tmp-{dead}"
    stray.write_bytes(b"half")
    mine = folder / f".z.html.tmp-{os.getpid()}"   # a live build's: left alone
    mine.write_bytes(b"live")
    _files.recover(folder)
    assert a.read_bytes() == b"new html" and b.read_bytes() == b"new pdf"
    assert not journal.exists() and not stray.exists() and mine.exists()


def test_files_are_created_with_the_users_umask(tmp_path):
    old = os.umask(0o027)
    try:
        _files.replace_all({tmp_path / "a": b"1", tmp_path / "b": b"2"}, tmp_path / ".j.commit")
    finally:
        os.umask(old)
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o640
    assert _files.temporaries(tmp_path) == []


INSTALL = """
import os, sys
from comparative.reporting import build
build._install("ok", sys.argv[1], {"ipynb": sys.argv[1].encode() * 3000,
                                    "html": sys.argv[1].encode() * 2000,
                                    "pdf": sys.argv[1].encode() * 1000}, {})
"""


def test_an_entry_killed_at_every_step_of_its_commit_is_old_or_new_never_mixed(tmp_path):
    """kill -9 at each step of the transaction (no kernel: fake outputs), then the next
    run's recovery: the entry is wholly the old build or wholly the new one."""
    root = tmp_path / "p"
    (root / "reports").mkdir(parents=True)
    env = dict(os.environ, COMPARATIVE_ROOT=str(root))
    subprocess.run([sys.executable, "-c", INSTALL, "old"], env=env, check=True)
    old = tree_digest(root / "reports")
    seen = set()
    for step in range(1, 12):
        proc = subprocess.run([sys.executable, "-c", INSTALL, "new"],
                              env=dict(env, COMPARATIVE_FAULT_AT=str(step)))
        if proc.returncode == 0:                 # past the last step: nothing to kill
            break
        assert proc.returncode == -signal.SIGKILL
        os.environ["COMPARATIVE_ROOT"] = str(root)
        try:
            build.recover()
        finally:
            del os.environ["COMPARATIVE_ROOT"]
        now = tree_digest(root / "reports")
        assert _files.temporaries(root / "reports") == []
        texts = {p: (root / "reports" / p).read_bytes()[:3] for p in ("ok.ipynb", "ok.html", "ok.pdf")}
        assert len(set(texts.values())) == 1, (step, texts)      # never a mix of two builds
        seen.add(next(iter(texts.values())))
        if texts["ok.html"] == b"old":
            assert now == old
        stamp = json.loads((root / "reports" / ".cache" / "ok.json").read_text())
        for ext in ("ipynb", "html", "pdf"):
            import hashlib

            digest = hashlib.sha256((root / "reports" / f"ok.{ext}").read_bytes()).hexdigest()
            assert stamp["outputs"][ext] == digest
        subprocess.run([sys.executable, "-c", INSTALL, "old"], env=env, check=True)
    assert seen == {b"old", b"new"}                # the kills fell both sides of the commit


# ------------------------------------------------------------------ execution limits

WORKER = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing as mp
from comparative.reporting import build
if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"),
                               initializer=build._worker_init, initargs=(os.getpid(),))
    print(pool.submit(os.getpid).result(), flush=True)
    os.kill(os.getpid(), 9)
"""


def test_a_worker_dies_with_its_build_even_after_kill_9(tmp_path):
    script = tmp_path / "w.py"
    script.write_text(WORKER)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == -signal.SIGKILL, out.stderr
    pid = int(out.stdout.split()[0])
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("the worker outlived its build")




def _kernel_project(tmp_path):
    from .test_reports import Project

    p = Project(tmp_path / "k")
    nb = json.loads((p.root / "notebooks" / FIXTURE.name).read_text())
    cell = next(c for c in nb["cells"] if "deliberate failure" in "".join(c["source"]))
    cell["source"] = "import time\ntime.sleep(60 if rows == 2 else 0)\n" + "".join(cell["source"])
    (p.root / "notebooks" / FIXTURE.name).write_text(json.dumps(nb))
    return p


def test_a_cell_over_the_time_limit_fails_its_entry_naming_the_cell(tmp_path):
    p = _kernel_project(tmp_path)
    t0 = time.monotonic()
    out = p.cli("run", "report_fixture", "-p", "rows", "2", "--timeout", "4")
    assert time.monotonic() - t0 < 50
    assert out.returncode == 1
    line = [ln for ln in out.stderr.splitlines() if "FAILED" in ln]
    assert len(line) == 1 and "cell 13 (import time)" in line[0] and "longer than 4 s" in line[0], out.stderr
    assert not p.reports.exists() or _files.temporaries(p.reports) == []


def test_a_build_killed_at_a_random_moment_keeps_the_previous_entry_and_a_rerun_recovers(tmp_path):
    p = _kernel_project(tmp_path)
    p.manifest(entry("ok", rows=3))
    assert p.cli("reports").returncode == 0
    before = p.files()
    p.manifest(entry("ok", rows=4))
    rnd = random.Random(12)
    proc = subprocess.Popen([sys.executable, "-m", "comparative.cli", "reports"], cwd=p.root,
                            env=dict(os.environ, **p.env), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(rnd.uniform(0.5, 4.0))
    os.killpg(proc.pid, signal.SIGKILL)          # the build, its kernel, everything
    proc.wait()
    after = p.files()
    outputs = [k for k in before if not k.startswith(".")]
    # whole old entry (or, past its commit, a whole new one the next run completes)
    assert all(after.get(k) == before[k] for k in outputs) or any(
        k.endswith(".commit") for k in after), (before, after)
    out = p.cli("reports")
    assert out.returncode == 0, out.stderr
    assert _files.temporaries(p.reports) == []
    stamp = json.loads((p.reports / ".cache" / "ok.json").read_text())
    for ext in ("ipynb", "html", "pdf"):
        import hashlib

        assert stamp["outputs"][ext] == hashlib.sha256((p.reports / f"ok.{ext}").read_bytes()).hexdigest()
    assert p.cli("reports").stdout.startswith("reports: 0 built, 1 up to date")


def test_ctrl_c_during_a_parallel_build_ends_it_workers_and_kernels_too(tmp_path):
    p = _kernel_project(tmp_path)
    p.manifest(entry("a"), entry("b", rows=2))      # b's cell sleeps: still running at ^C
    proc = subprocess.Popen([sys.executable, "-m", "comparative.cli", "reports", "-j", "2"],
                            cwd=p.root, env=dict(os.environ, **p.env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGINT)               # Ctrl-C reaches the whole group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert one_line(err) == "comparative: interrupted"
    time.sleep(1)
    if shutil.which("pgrep"):
        left = subprocess.run(["pgrep", "-f", str(p.root)], capture_output=True, text=True).stdout
        assert left.strip() == "", "a worker or kernel outlived the build"
    assert _files.temporaries(p.reports) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_read_only_reports_folder_is_one_line_naming_it(project, monkeypatch):
    (project / "notebooks" / "manifest.toml").write_text(entry("ok"))
    (project / "reports").mkdir()
    (project / "reports" / ".cache").mkdir()

    def fake(e, gkey, dversion, timeout=None):
        build._install(e.id, "k", {"ipynb": b"{}", "html": b"<p/>", "pdf": b"%PDF"}, {})
        return build.Result(e.id, True)

    monkeypatch.setattr(build, "build_entry", fake)
    for folder in (project / "reports" / ".cache", project / "reports"):
        folder.chmod(0o555)
    try:
        code, out, err = cli("reports", "-j", "1", root=project)
    finally:
        for folder in (project / "reports", project / "reports" / ".cache"):
            folder.chmod(0o755)
    assert code == 1 and "Permission denied" in one_line(err) and "reports" in err
