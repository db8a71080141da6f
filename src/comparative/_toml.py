"""Reading the hand-kept TOML records of data/raw with messages that name the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import DataError


def read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataError(_rel(path), None, None, "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(_rel(path), None, None, f"not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise DataError(_rel(path), None, None, f"not UTF-8 text: {exc}") from None
    except OSError as exc:   # a folder of that name, no permission, a name too long
        raise DataError(_rel(path), None, None, exc.strerror or type(exc).__name__) from None


def _rel(path: Path) -> str:
    from ._paths import project_root

    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        return str(path)
