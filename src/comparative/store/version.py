"""The data version: one short hash of every file under ``data/raw/``.

Computed here only; ``data/processed/datapackage.json``, its codebook and the title block
of every report show this same value, so a reader can tell which data a table or a report
was built from (``comparative check`` prints it too).
"""

from __future__ import annotations

import hashlib

from .._paths import raw_dir


def data_version() -> str:
    """A short hash of every file under data/raw/ (path and bytes, in sorted order)."""
    h = hashlib.sha256()
    root = raw_dir()
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()[:12]
