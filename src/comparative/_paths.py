"""Where the project's folders are.

The package is installed editable from the repository (``make`` does this), so the data
folders sit beside ``src/``.  ``COMPARATIVE_ROOT`` points elsewhere (used by tests that
build a throw-away project tree).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("COMPARATIVE_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def raw_dir() -> Path:
    return project_root() / "data" / "raw"


def processed_dir() -> Path:
    return project_root() / "data" / "processed"


def reports_dir() -> Path:
    return project_root() / "reports"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def shared_sources_dir() -> Path | None:
    """The folder of the five article texts (``../shared/sources``), or None when absent."""
    env = os.environ.get("COMPARATIVE_SHARED")
    base = Path(env) if env else project_root().parent / "shared"
    folder = base / "sources"
    return folder if folder.is_dir() else None


def shared_reference_dir() -> Path | None:
    env = os.environ.get("COMPARATIVE_SHARED")
    base = Path(env) if env else project_root().parent / "shared"
    folder = base / "reference"
    return folder if folder.is_dir() else None
