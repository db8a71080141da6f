"""The source registry: every source described once, and citations built from it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import DataError, UnknownName

SOURCE_KINDS = ("article", "dataset publisher")


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    authors: tuple[str, ...]
    title: str
    title_en: str
    venue: str
    venue_en: str
    issue: str
    year: str
    pages: str
    doi: str
    url: str
    language: str
    licence: str
    covers: str
    file: str
    note: str

    short_title: str = ""
    title_vi: str = ""
    title_romanized: str = ""
    authors_vi: tuple[str, ...] = ()
    short_title_vi: str = ""
    # what every caption that draws on the source says of the copy used and its standing
    # (e.g. 'as distributed by …, unverified'), in English and Vietnamese
    caption_note: str = ""
    caption_note_vi: str = ""

    @property
    def display_title(self) -> str:
        return self.title or self.title_en

    @property
    def brief(self) -> str:
        """'Nguyễn Thị Thục (2025), Một số vấn đề …': who, when and what, for listings that
        are not citations (a citation comes from :mod:`comparative.locale.citations`)."""
        who = "; ".join(self.authors) or "[no author shown]"
        return f"{who} ({self.year or 'n.d.'}), {self.title or self.title_en}"



_REQUIRED = ("kind", "licence", "covers")


@lru_cache(maxsize=None)
def _registry(path_str: str) -> dict[str, Source]:
    from pathlib import Path

    path = Path(path_str)
    data = read_toml(path)
    out: dict[str, Source] = {}
    names = [f.name for f in fields(Source) if f.name != "id"]
    for sid, rec in data.items():
        if not isinstance(rec, dict):
            raise DataError(_rel(path), sid, None, "each source must be a table [id]")
        for key in _REQUIRED:
            if not rec.get(key):
                raise DataError(_rel(path), sid, key, "missing; every source needs it")
        unknown = set(rec) - set(names)
        if unknown:
            raise DataError(_rel(path), sid, sorted(unknown)[0],
                            f"unknown field; allowed: {', '.join(names)}")
        if rec["kind"] not in SOURCE_KINDS:
            raise DataError(_rel(path), sid, "kind",
                            f"'{rec['kind']}' is not allowed; allowed: {', '.join(SOURCE_KINDS)}")
        if not (rec.get("title") or rec.get("title_en")):
            raise DataError(_rel(path), sid, "title", "a source needs a title or title_en")
        values = {}
        for name in names:
            listed = name in ("authors", "authors_vi")
            value = rec.get(name, [] if listed else "")
            if listed and not (isinstance(value, list) and all(isinstance(a, str) for a in value)):
                raise DataError(_rel(path), sid, name, "must be a list of names, e.g. [\"Nguyễn Thị Thục\"]")
            values[name] = tuple(value) if listed else str(value)
        out[sid] = Source(id=sid, **values)
    return out


def _sources() -> dict[str, Source]:
    return _registry(str(raw_dir() / "sources.toml"))


def source(source_id: str) -> Source:
    reg = _sources()
    if source_id not in reg:
        raise UnknownName("source", source_id, sorted(reg))
    return reg[source_id]


def sources():
    """All sources as a DataFrame, one row per source."""
    import pandas as pd

    rows = []
    for s in _sources().values():
        row = {f.name: getattr(s, f.name) for f in fields(Source)}
        row["authors"] = "; ".join(s.authors)
        row["authors_vi"] = "; ".join(s.authors_vi)
        rows.append(row)
    return pd.DataFrame(rows).astype("string")


# Citations are formatted one level up, by pandoc's citeproc with CSL styles
# (comparative.locale.citations); the store only describes its sources.
