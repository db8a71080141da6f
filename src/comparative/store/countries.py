"""One country key: ISO 3166-1 alpha-3, with ISO alpha-2 and the UN's names accepted as input.

``data/raw/countries.csv`` is a hand-written table of the 193 UN member states: the name
as the UN E-Government Survey files write it (their trailing spaces stripped), the ISO
alpha-3 code and the ISO alpha-2 code.  A name is matched exactly (case aside), never
fuzzily: "Republic of Korea" is KOR, "Democratic People's Republic of Korea" is PRK.

>>> from comparative.store.countries import iso3
>>> iso3("VN"), iso3("Viet Nam"), iso3("vnm")        # doctest: +SKIP
('VNM', 'VNM', 'VNM')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .._paths import raw_dir
from .._toml import _rel
from ..errors import DataError, UnknownName

COUNTRIES_FILE = "countries.csv"


@dataclass(frozen=True)
class Country:
    un_name: str
    iso3: str
    iso2: str


def countries() -> tuple[Country, ...]:
    """The 193 UN member states of data/raw/countries.csv, in the file's order."""
    return _load(str(raw_dir() / COUNTRIES_FILE))[0]


@lru_cache(maxsize=None)
def _load(path_str: str):
    path = Path(path_str)
    rel = _rel(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != ["un_name", "iso3", "iso2"]:
                raise DataError(rel, None, None, "the header must be un_name,iso3,iso2")
            rows = list(reader)
    except FileNotFoundError:
        raise DataError(rel, None, None, "file not found") from None
    out, lookup = [], {}
    for i, r in enumerate(rows, start=2):
        name, a3, a2 = r["un_name"].strip(), r["iso3"].strip(), r["iso2"].strip()
        if not name or len(a3) != 3 or not a3.isalpha() or not a3.isupper():
            raise DataError(rel, f"row {i}", "iso3", f"'{a3}' is not an ISO alpha-3 code (three capitals)")
        if len(a2) != 2 or not a2.isalpha() or not a2.isupper():
            raise DataError(rel, f"row {i}", "iso2", f"'{a2}' is not an ISO alpha-2 code (two capitals)")
        for key in (name.casefold(), a3.casefold(), a2.casefold()):
            if key in lookup and lookup[key] != a3:
                raise DataError(rel, f"row {i}", "un_name", f"'{key}' already names {lookup[key]}")
            lookup[key] = a3
        out.append(Country(name, a3, a2))
    return tuple(out), lookup


def by_un_name() -> dict[str, str]:
    """The UN's name (stripped) -> ISO3, exact."""
    return {c.un_name: c.iso3 for c in countries()}


def iso3(value: str) -> str:
    """ISO3 of a country given as ISO3, ISO2 or the UN's name (case aside); UnknownName otherwise."""
    found = lookup(value)
    if found is None:
        raise UnknownName("country", value, [c.iso3 for c in countries()])
    return found


def lookup(value) -> str | None:
    """ISO3 of an ISO3 code, ISO2 code or UN name, or None when it is none of them."""
    if not isinstance(value, str):
        return None
    return _load(str(raw_dir() / COUNTRIES_FILE))[1].get(value.strip().casefold())


def name(code: str) -> str:
    """The UN's name of an ISO3 (or ISO2) code."""
    a3 = iso3(code)
    return next(c.un_name for c in countries() if c.iso3 == a3)
