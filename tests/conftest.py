"""Shared fixtures: where the article texts are, and a throw-away fact folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_sources() -> Path | None:
    from comparative._paths import shared_sources_dir

    return shared_sources_dir()


@pytest.fixture
def sources_dir() -> Path:
    folder = shared_sources()
    if folder is None:
        pytest.skip("../shared/sources/ not found beside the repository: the article texts "
                    "are not part of this clone, so quotes cannot be checked here")
    return folder


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None):
    """Run the installed `comparative` command in a fresh interpreter."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "comparative.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=full_env, timeout=600)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every manifest entry built once, as `make reports` does, into a throw-away folder
    (tests/test_notebooks.py and tests/test_pdf_layout.py read it)."""
    root = tmp_path_factory.mktemp("build")
    (root / "notebooks").symlink_to(ROOT / "notebooks", target_is_directory=True)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    env = {"COMPARATIVE_ROOT": str(root)}
    if (ROOT.parent / "shared").is_dir():
        env["COMPARATIVE_SHARED"] = str(ROOT.parent / "shared")
    from comparative.reporting import build as reports

    out = run_cli("reports", "-j", "2", cwd=root, env=env)
    entries = reports.load_manifest(ROOT / "notebooks" / "manifest.toml")
    return {"root": root, "out": out, "env": env, "entries": entries, "dir": root / "reports"}
