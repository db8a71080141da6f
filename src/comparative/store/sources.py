"""The source registry: every source described once, and citations built from it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import DataError, UnknownName

SOURCE_KINDS = ("article", "dataset publisher")
CITATION_STYLES = ("apa", "chicago", "bibtex")


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

    @property
    def display_title(self) -> str:
        return self.title or self.title_en

    @property
    def short_name(self) -> str:
        """Who to name in an author-date citation: the authors, else a short title in
        brackets (an article whose extraction shows no author), else the title."""
        if self.authors:
            return "; ".join(self.authors)
        if self.short_title:
            return f"[{self.short_title}]"
        return self.display_title


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
            value = rec.get(name, [] if name == "authors" else "")
            values[name] = tuple(value) if name == "authors" else str(value)
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
        rows.append(row)
    return pd.DataFrame(rows).astype("string")


# ---------------------------------------------------------------- citations

def _apa_authors(authors: tuple[str, ...]) -> str:
    # Vietnamese names are cited in full, in their own order (family name first).
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def format_source(s: Source, style: str = "apa", locator: str = "") -> str:
    if style not in CITATION_STYLES:
        raise UnknownName("citation style", style, CITATION_STYLES)
    year = s.year or "n.d."
    title = s.title
    translated = f" [{s.title_en}]" if s.title and s.title_en else ""
    if not title:
        title = f"[{s.title_en}]"
    venue = s.venue + (f" ({s.venue_en})" if s.venue and s.venue_en else "")
    if style == "bibtex":
        return _bibtex(s)
    if style == "apa":
        lead = _apa_authors(s.authors)
        parts = [f"{lead} ({year}). {title}{translated}." if lead else f"{title}{translated} ({year})."]
        if venue:
            parts.append(f"{venue}" + (f", ({s.issue})" if s.issue else "") + (f", {s.pages}" if s.pages else "") + ".")
        if s.doi:
            parts.append(f"https://doi.org/{s.doi}")
        elif s.url:
            parts.append(s.url)
        text = " ".join(parts)
    else:  # chicago (author-date)
        lead = ", ".join(s.authors)
        parts = [f"{lead}. {year}. “{title}”{translated}." if lead else f"“{title}”{translated}. {year}."]
        if venue:
            parts.append(venue + (f", no. {s.issue}" if s.issue else "") + (f": {s.pages}" if s.pages else "") + ".")
        if s.doi:
            parts.append(f"https://doi.org/{s.doi}.")
        elif s.url:
            parts.append(s.url + ".")
        text = " ".join(parts)
    if s.kind == "article" and not s.authors and not s.venue:
        text += f" Source text: {s.file}."
    if locator:
        text += f" Locator: {locator}."
    return text


def _bibtex(s: Source) -> str:
    entry = "article" if s.kind == "article" and s.venue else "misc"
    lines = [f"@{entry}{{{s.id},"]

    def add(key, value, raw=False):
        if value:
            if not raw:
                value = str(value).replace("{", "\\{").replace("}", "\\}")
            lines.append(f"  {key} = {{{value}}},")

    # Braces keep a Vietnamese name whole: BibTeX must not reorder "Nguyễn Thị Thục".
    add("author", " and ".join("{" + a + "}" for a in s.authors), raw=True)
    add("title", s.title or s.title_en)
    if s.title and s.title_en:
        add("titleaddon", s.title_en)
    add("journal" if entry == "article" else "howpublished", s.venue)
    add("number", s.issue)
    add("year", s.year)
    add("pages", s.pages)
    add("doi", s.doi)
    add("url", s.url if not s.doi else "")
    add("language", {"vi": "vietnamese", "en": "english"}.get(s.language, s.language))
    add("note", s.note)
    lines.append("}")
    return "\n".join(lines)
