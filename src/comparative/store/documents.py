"""The documents the articles name: laws, resolutions, decrees, decisions, conclusions,
plans, plenums, congresses and the like, each once, with the facts that mention it.

Records live in ``data/raw/documents.toml`` (one ``[[document]]`` table each).  A date is
as precise as the articles give it and empty when they give none; ``tests/test_documents.py``
checks every record against its facts (each fact exists and mentions the document, each
symbol stands in its facts, each date is the value of one of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import DataError, UnknownName
from .facts import COUNTRIES, country_key, parse_date

TYPES = ("law", "resolution", "decree", "decision", "conclusion", "plan", "plenum",
         "congress", "opinion", "regulation", "notice", "measures", "report", "white paper",
         "programme", "document")
REQUIRED = ("id", "symbol", "type", "name_vi", "name_en", "issuer_vi", "issuer_en", "country",
            "date", "facts")
OPTIONAL = ("aliases", "note")
COLUMNS = ("id", "symbol", "type", "name_vi", "name_en", "issuer_vi", "issuer_en", "country",
           "date", "fact_ids", "note")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Document:
    id: str
    symbol: str
    type: str
    name_vi: str
    name_en: str
    issuer_vi: str
    issuer_en: str
    country: str
    date: str
    facts: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def mentions(self) -> tuple[str, ...]:
        """The words a fact may name the document by."""
        return tuple(x for x in (self.symbol, self.name_vi, self.name_en, *self.aliases) if x)


def _validate(rec: dict, file: str, fact_ids: set[str]) -> Document:
    rid = rec.get("id") if isinstance(rec.get("id"), str) else None

    def fail(field, problem):
        raise DataError(file, rid, field, problem)

    for key in REQUIRED:
        if key not in rec:
            fail(key, "missing; required fields are " + ", ".join(REQUIRED))
    unknown = sorted(set(rec) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        fail(unknown[0], "unknown field; allowed: " + ", ".join(REQUIRED + OPTIONAL))
    for key in REQUIRED + OPTIONAL:
        if key in ("facts", "aliases") or key not in rec:
            continue
        if not isinstance(rec[key], str):
            fail(key, f"must be a string, got {type(rec[key]).__name__}")
    for key in ("id", "type", "name_vi", "name_en", "country"):
        if not rec[key].strip():
            fail(key, "is empty")
    if not _ID.match(rec["id"]):
        fail("id", f"'{rec['id']}' is not a slug (lowercase letters, digits and '-')")
    if rec["type"] not in TYPES:
        fail("type", f"'{rec['type']}' is not allowed; allowed: {', '.join(TYPES)}")
    if country_key(rec["country"]) is None:
        fail("country", f"'{rec['country']}' is not allowed; allowed: {', '.join(COUNTRIES)} (or VN, CN)")
    if rec["date"]:
        try:
            parse_date(rec["date"])
        except ValueError as exc:
            fail("date", str(exc))
    if bool(rec["issuer_vi"]) != bool(rec["issuer_en"]):
        fail("issuer_en" if rec["issuer_vi"] else "issuer_vi", "an issuer needs both languages")
    for key in ("facts", "aliases"):
        value = rec.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            fail(key, "must be a list of strings")
    if not rec["facts"]:
        fail("facts", "is empty; a document is listed for the facts that mention it")
    missing = [x for x in rec["facts"] if x not in fact_ids]
    if missing:
        fail("facts", f"unknown fact id '{missing[0]}'")
    return Document(id=rec["id"], symbol=rec["symbol"], type=rec["type"], name_vi=rec["name_vi"],
                    name_en=rec["name_en"], issuer_vi=rec["issuer_vi"], issuer_en=rec["issuer_en"],
                    country=country_key(rec["country"]), date=rec["date"], facts=tuple(rec["facts"]),
                    aliases=tuple(rec.get("aliases", [])), note=rec.get("note", ""))


def load_documents(path: Path | None = None) -> tuple[Document, ...]:
    """Read and validate documents.toml; raise DataError on the first broken record."""
    from .facts import all_facts

    path = path or (raw_dir() / "documents.toml")
    file = _rel(path)
    data = read_toml(path)
    extra = sorted(set(data) - {"document"})
    if extra:
        raise DataError(file, None, extra[0], "unknown top-level key; write [[document]] tables")
    fact_ids = {f.id for f in all_facts()}
    out, seen = [], set()
    for rec in data.get("document", []):
        doc = _validate(rec, file, fact_ids)
        if doc.id in seen:
            raise DataError(file, doc.id, "id", "duplicate id")
        seen.add(doc.id)
        out.append(doc)
    return tuple(out)


@lru_cache(maxsize=1)
def _cached(path_str: str) -> tuple[Document, ...]:
    return load_documents(Path(path_str))


def all_documents() -> tuple[Document, ...]:
    return _cached(str(raw_dir() / "documents.toml"))


def document(doc_id: str) -> Document:
    for d in all_documents():
        if d.id == doc_id:
            return d
    raise UnknownName("document id", doc_id, sorted(d.id for d in all_documents()))


def documents(country: str | None = None, type: str | None = None, fact: str | None = None):
    """The documents the articles name, as a DataFrame, one row each: symbol, type, name
    in Vietnamese and English, issuing body, date (as precise as the articles give it;
    empty when they give none) and the ids of the facts that mention it (';'-joined).

    >>> import comparative as c
    >>> c.documents(country="VNM")           # doctest: +SKIP  (ISO3; VN and names accepted)
    >>> c.documents(fact="vn2025-res202-qh15-thuc")   # doctest: +SKIP
    """
    import pandas as pd
    from .search import choose

    if country is not None:
        if country_key(country) is None:
            raise UnknownName("country", country, [*COUNTRIES, "VN", "CN", "Viet Nam", "China"])
        country = country_key(country)
    type = choose("document type", type, TYPES)
    pool = all_documents()
    if fact is not None:
        from .facts import fact as get_fact

        get_fact(fact)                                   # an unknown id says so
    rows = [{"id": d.id, "symbol": d.symbol, "type": d.type, "name_vi": d.name_vi,
             "name_en": d.name_en, "issuer_vi": d.issuer_vi, "issuer_en": d.issuer_en,
             "country": d.country, "date": d.date, "fact_ids": ";".join(d.facts), "note": d.note}
            for d in pool
            if (country is None or d.country == country) and (type is None or d.type == type)
            and (fact is None or fact in d.facts)]
    df = pd.DataFrame(rows, columns=list(COLUMNS)).astype("string")
    return df.reset_index(drop=True)
