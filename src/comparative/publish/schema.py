"""What a table of data/processed/ is: its columns and their metadata (Frictionless)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

# Frictionless field types used here
_TYPES = ("string", "number", "integer", "boolean", "date")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    build: Callable[[], "object"]  # -> pandas DataFrame
    columns: tuple[Column, ...]
    sources: tuple[str, ...] = ()
    primary_key: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


