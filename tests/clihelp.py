"""Running the `comparative` command in this process (for speed: no interpreter start),
capturing its status, stdout and stderr, and a throw-away project tree to run it in."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
from pathlib import Path

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "report_fixture.ipynb"


def cli(*args: str, root: Path | None = None, env: dict | None = None) -> tuple[int, str, str]:
    """``comparative ARGS`` in-process: (status, stdout, stderr).  ``root`` becomes
    COMPARATIVE_ROOT for the call."""
    from comparative import cli as cli_mod

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    if root is not None:
        os.environ["COMPARATIVE_ROOT"] = str(root)
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_mod.main(list(args))
            except SystemExit as exc:   # argparse: --help, a usage error
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with its digest."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


RAW_BEFORE = None


def raw_digest() -> dict[str, str]:
    return tree_digest(ROOT / "data" / "raw")


def make_project(root: Path, raw: bool = False) -> Path:
    """A project tree: the fixture notebook (and the real ones) in notebooks/, data/ linked
    to the repository's (or, ``raw=True``, a copy of data/raw/ one may break)."""
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(FIXTURE, root / "notebooks" / FIXTURE.name)
    if raw:
        shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
        (root / "data" / "processed").mkdir()
    else:
        (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    return root


def stub_builds(monkeypatch, seen: list | None = None):
    """No kernel: every entry that reaches the build "fails" at once (status 1)."""
    from comparative.reporting import build

    def fake(entry, gkey, dversion, timeout=None):
        if seen is not None:
            seen.append(entry)
        return build.Result(entry.id, False, message="not built (test stub)")

    monkeypatch.setattr(build, "build_entry", fake)
