"""The fact store: every figure of the source articles, with its provenance.

Raw records live in ``data/raw/facts/<case>.toml`` (one ``[[fact]]`` table each) and are
validated on load; a broken record fails with a message naming the file, the record id
and the field.  Nothing here writes to ``data/raw/``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import BadAddress, DataError, UnknownName

# ISO 3166-1 alpha-3, the project's one country key.  The raw records write VN / CN; any
# ISO2, ISO3 or UN name of these countries is accepted (store.countries) and stored as ISO3.
COUNTRIES = ("VNM", "CHN")


def country_key(value) -> str | None:
    """ISO3 of one of COUNTRIES named by ISO3, ISO2 or its UN name; None otherwise."""
    from .countries import lookup

    code = lookup(value) if isinstance(value, str) else None
    return code if code in COUNTRIES else None


def _countries_allowed() -> str:
    return "VNM, CHN (or VN, CN, Viet Nam, China)"


QUALIFIERS = ("exact", "about", "more than", "less than", "at least", "at most", "nearly")
UNIT_KINDS = ("number", "date", "date_range", "names", "dates")
# How a value was read from its article: written there (``stated``), worked out by the
# extractor from stated figures (``computed``: a sum, a count of an enumerated list), or
# read from context, a citation year or an ordinal (``inferred``).  ``derivation_note``
# says what was computed or inferred.
DERIVATIONS = ("stated", "computed", "inferred")
MAX_EVIDENCE_WORDS = 20
# A names list carries short labels, never the article's prose.
MAX_NAME_WORDS = 12
MAX_NAMES_WORDS = 60   # vnlg-open-issues: seven headings, each whole enough to keep its meaning

REQUIRED = ("id", "topic", "country", "quantity_en", "quantity_vi", "value", "unit",
            "qualifier", "source", "locator", "evidence")
OPTIONAL = ("period", "note", "caveat_en", "caveat_vi", "derivation", "derivation_note",
            "evidence_restored", "cites_ref", "cites_pages", "cites_work", "cites_year",
            "same_as", "restates")
FIELDS = REQUIRED + OPTIONAL

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
# Fuzzy dates, in the notation of EDTF (ISO 8601-2, level 1): '199X' a year of the 1990s
# (the decade is known, the year is not), '1998~' about 1998.  Only these two forms.
_FUZZY = re.compile(r"^(?:\d{3}X|\d{4}~)$")


@dataclass(frozen=True)
class Unit:
    id: str
    kind: str
    en: str
    vi: str


@dataclass(frozen=True)
class Case:
    id: str
    en: str
    vi: str
    country: str


@dataclass(frozen=True)
class Fact:
    id: str
    case: str
    topic: str
    country: str
    quantity_en: str
    quantity_vi: str
    value: object  # float|int, ISO date str, (start, end) tuple, or tuple of names
    unit: str
    kind: str
    qualifier: str
    period: str
    source: str
    locator: str
    evidence: str
    note: str
    file: str
    # What a reader must know to use the figure (an unresolved base, an inferred date, a
    # second-hand figure), in both languages: the reports print it as a note on the
    # figure.  ``note`` stays the extractor's record for the data's users.
    caveat_en: str = ""
    caveat_vi: str = ""
    # stated | computed | inferred, and what was computed or inferred (empty when stated)
    derivation: str = "stated"
    derivation_note: str = ""
    # 003 is OCR without diacritics: ``evidence`` stays as the OCR text shows it (that is
    # what the provenance check matches), ``evidence_restored`` is the same words in proper
    # Vietnamese, restored by the extractor (tests/test_restored.py aligns the two).
    evidence_restored: str = ""
    # A work the article cites for the figure: its reference number in the article's own
    # list and pages ("[4, tr.102-103]" -> "4", "102-103"), or its author and year
    # ("cited: (Quốc vụ viện, 2016)").  The locator stays the article's own section.
    cites_ref: str = ""
    cites_pages: str = ""
    cites_work: str = ""
    cites_year: str = ""
    # Links: the same figure stated by other articles (their fact ids), and the fact of
    # this article that states the same thing first (its canonical fact).
    same_as: tuple = ()
    restates: str = ""

    @property
    def number(self) -> float | None:
        return float(self.value) if self.kind == "number" else None

    @property
    def display_evidence(self) -> str:
        """The quote to show a reader: the restored Vietnamese where the article's text is
        OCR without diacritics, else the verbatim quote."""
        return self.evidence_restored or self.evidence

    @property
    def restored(self) -> bool:
        return bool(self.evidence_restored)



# ------------------------------------------------------------------ validation

def parse_date(text: str, fuzzy: bool = False) -> str:
    """Check an ISO date of year, month or day precision; return it unchanged.  With
    ``fuzzy``, also an EDTF decade ('199X') or approximate year ('1998~')."""
    if fuzzy and _FUZZY.match(text):
        return text
    if not _DATE.match(text):
        raise ValueError(f"'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(text) == 10:
        date.fromisoformat(text)  # rejects 2025-02-30
    return text


def parse_period(text: str) -> str:
    if text == "":
        return text
    if "/" in text:
        start, _, end = text.partition("/")
        if start != "..":
            parse_date(start, fuzzy=True)
        if end != "..":
            parse_date(end, fuzzy=True)
        if start == end == "..":
            raise ValueError("a period needs at least one end")
        if start != ".." and end != ".." and end < start:
            raise ValueError(f"period '{text}' ends before it starts")
        return text
    return parse_date(text, fuzzy=True)


def is_fuzzy(text: str) -> bool:
    """Whether a date is an EDTF decade or approximate year ('199X', '1998~')."""
    return bool(_FUZZY.match(text or ""))


def _parse_value(kind: str, value):
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{value!r} is not a number (write 47456 or 21.17, not a string)")
        if isinstance(value, float) and not math.isfinite(value):   # issue 12
            raise ValueError(f"{value!r} is not a number (NaN and infinity are not values)")
        return value
    if kind == "date":
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not an ISO date string")
        return parse_date(value)
    if kind == "date_range":
        if not isinstance(value, str) or "/" not in value:
            raise ValueError(f"{value!r} is not an ISO interval such as \"2000/2014\" or \"2019/..\"")
        parse_period(value)
        start, _, end = value.partition("/")
        return (start, end)
    if kind == "dates":
        # separate dates the article names together ('năm 1998 và năm 2003'): a list,
        # never an interval
        if not isinstance(value, list) or len(value) < 2 or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{value!r} is not a list of at least two ISO date strings")
        for v in value:
            parse_date(v)
        if list(value) != sorted(set(value)):
            raise ValueError("the dates must be distinct and in order")
        return tuple(value)
    if kind == "names":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"{value!r} is not a non-empty list of names")
        if len(set(value)) != len(value):
            raise ValueError("the list of names repeats a name")
        longest = max(value, key=lambda v: len(v.split()))
        if len(longest.split()) > MAX_NAME_WORDS:
            raise ValueError(f"'{longest[:40]}…' has {len(longest.split())} words; a name may have "
                             f"at most {MAX_NAME_WORDS} (lists carry short labels, not prose)")
        total = sum(len(v.split()) for v in value)
        if total > MAX_NAMES_WORDS:
            raise ValueError(f"the list has {total} words; at most {MAX_NAMES_WORDS} "
                             "(lists carry short labels, not prose)")
        return tuple(value)
    raise ValueError(f"unknown unit kind {kind}")


@lru_cache(maxsize=None)
def _units(path_str: str) -> dict[str, Unit]:
    path = Path(path_str)
    out = {}
    for uid, rec in read_toml(path).items():
        for key in ("kind", "en", "vi"):
            if not isinstance(rec, dict) or not rec.get(key):
                raise DataError(_rel(path), uid, key, "missing; every unit needs kind, en and vi")
        if rec["kind"] not in UNIT_KINDS:
            raise DataError(_rel(path), uid, "kind",
                            f"'{rec['kind']}' is not allowed; allowed: {', '.join(UNIT_KINDS)}")
        out[uid] = Unit(uid, rec["kind"], rec["en"], rec["vi"])
    return out


@lru_cache(maxsize=None)
def _cases(path_str: str) -> dict[str, Case]:
    path = Path(path_str)
    out = {}
    for cid, rec in read_toml(path).items():
        for key in ("en", "vi", "country"):
            if not isinstance(rec, dict) or not rec.get(key):
                raise DataError(_rel(path), cid, key, "missing; every case needs en, vi and country")
        if country_key(rec["country"]) is None:
            raise DataError(_rel(path), cid, "country",
                            f"'{rec['country']}' is not allowed; allowed: {_countries_allowed()}")
        out[cid] = Case(cid, rec["en"], rec["vi"], country_key(rec["country"]))
    return out


def units() -> dict[str, Unit]:
    return _units(str(raw_dir() / "units.toml"))


def cases() -> dict[str, Case]:
    return _cases(str(raw_dir() / "cases.toml"))


def validate_record(rec: dict, case: str, file: str, unit_table: dict[str, Unit],
                    source_ids) -> Fact:
    if not isinstance(rec, dict):   # issue 12: `fact = [1, 2]`
        raise DataError(file, None, "fact", "write each fact as a [[fact]] table")
    rid = rec.get("id") if isinstance(rec.get("id"), str) else None

    def fail(field, problem):
        raise DataError(file, rid, field, problem)

    for key in REQUIRED:
        if key not in rec:
            fail(key, "missing; required fields are " + ", ".join(REQUIRED))
    unknown = sorted(set(rec) - set(FIELDS))
    if unknown:
        fail(unknown[0], "unknown field; allowed: " + ", ".join(FIELDS))
    for key in FIELDS:
        if key in rec and key not in ("value", "same_as") and not isinstance(rec[key], str):
            fail(key, f"must be a string, got {type(rec[key]).__name__}")
    for key in REQUIRED:
        if key != "value" and not rec[key].strip():
            fail(key, "is empty")
    if not _ID.match(rec["id"]):
        fail("id", f"'{rec['id']}' is not a slug (lowercase letters, digits and '-')")
    if not isinstance(rec["country"], str) or country_key(rec["country"]) is None:
        fail("country", f"'{rec['country']}' is not allowed; allowed: {_countries_allowed()}")
    if rec["qualifier"] not in QUALIFIERS:
        fail("qualifier", f"'{rec['qualifier']}' is not allowed; allowed: {', '.join(QUALIFIERS)}")
    if rec["unit"] not in unit_table:
        fail("unit", f"unknown unit '{rec['unit']}'; allowed: {', '.join(sorted(unit_table))}")
    if rec["source"] not in source_ids:
        fail("source", f"unknown source '{rec['source']}'; allowed: {', '.join(sorted(source_ids))}")
    words = len(rec["evidence"].split())
    if words > MAX_EVIDENCE_WORDS:
        fail("evidence", f"{words} words; a quote may have at most {MAX_EVIDENCE_WORDS}")
    kind = unit_table[rec["unit"]].kind
    try:
        value = _parse_value(kind, rec["value"])
    except ValueError as exc:
        fail("value", f"does not parse as a {kind} (unit '{rec['unit']}'): {exc}")
    try:
        period = parse_period(rec.get("period", ""))
    except ValueError as exc:
        fail("period", str(exc))
    if bool(rec.get("caveat_en")) != bool(rec.get("caveat_vi")):
        fail("caveat_vi" if rec.get("caveat_en") else "caveat_en",
             "a caveat needs both languages: give caveat_en and caveat_vi")
    derivation = rec.get("derivation", "stated")
    if derivation not in DERIVATIONS:
        fail("derivation", f"'{derivation}' is not allowed; allowed: {', '.join(DERIVATIONS)}")
    if derivation != "stated" and not rec.get("derivation_note", "").strip():
        article = "an" if derivation[0] in "aeiou" else "a"
        fail("derivation_note", f"missing; {article} {derivation} value says what was {derivation}")
    restored = rec.get("evidence_restored", "")
    if restored and len(restored.split()) > MAX_EVIDENCE_WORDS:
        fail("evidence_restored", f"{len(restored.split())} words; a quote may have at most "
             f"{MAX_EVIDENCE_WORDS}")
    if restored:
        from .provenance import align_restored

        problems = align_restored(rec["evidence"], restored)
        if problems:
            fail("evidence_restored", "does not align with the OCR quote in evidence: "
                 + problems[0] + " (see provenance.OCR_CONFUSIONS)")
    if rec.get("cites_ref") and not rec["cites_ref"].isdigit():
        fail("cites_ref", f"'{rec['cites_ref']}' is not the number of a reference (write \"4\")")
    if rec.get("cites_pages") and not re.fullmatch(r"\d+(?:-\d+)?", rec["cites_pages"]):
        fail("cites_pages", f"'{rec['cites_pages']}' is not a page or page range (write \"102-103\")")
    if rec.get("cites_pages") and not rec.get("cites_ref"):
        fail("cites_pages", "pages of a cited work need its cites_ref")
    if bool(rec.get("cites_work")) != bool(rec.get("cites_year")):
        fail("cites_year" if rec.get("cites_work") else "cites_work",
             "a cited work needs both cites_work and cites_year")
    if rec.get("cites_year") and not re.fullmatch(r"\d{4}", rec["cites_year"]):
        fail("cites_year", f"'{rec['cites_year']}' is not a year")
    same_as = rec.get("same_as", [])
    if isinstance(same_as, str):
        same_as = [same_as]
    if not isinstance(same_as, list) or not all(isinstance(x, str) and _ID.match(x) for x in same_as):
        fail("same_as", "must be a list of fact ids")
    if rec["id"] in same_as or rec.get("restates") == rec["id"]:
        fail("same_as" if rec["id"] in same_as else "restates", "a fact cannot link to itself")
    return Fact(id=rec["id"], case=case, topic=rec["topic"], country=country_key(rec["country"]),
                quantity_en=rec["quantity_en"], quantity_vi=rec["quantity_vi"], value=value,
                unit=rec["unit"], kind=kind, qualifier=rec["qualifier"], period=period,
                source=rec["source"], locator=rec["locator"], evidence=rec["evidence"],
                note=rec.get("note", ""), file=file,
                caveat_en=rec.get("caveat_en", ""), caveat_vi=rec.get("caveat_vi", ""),
                derivation=derivation, derivation_note=rec.get("derivation_note", ""),
                evidence_restored=restored, cites_ref=rec.get("cites_ref", ""),
                cites_pages=rec.get("cites_pages", ""), cites_work=rec.get("cites_work", ""),
                cites_year=rec.get("cites_year", ""), same_as=tuple(same_as),
                restates=rec.get("restates", ""))


def load_facts(folder: Path | None = None) -> tuple[Fact, ...]:
    """Read and validate every fact file; raise DataError on the first broken record."""
    from .sources import _sources

    folder = folder or (raw_dir() / "facts")
    case_table = cases()
    unit_table = units()
    source_ids = set(_sources())
    out: list[Fact] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        file = _rel(path)
        case = path.stem
        if case not in case_table:
            raise DataError(file, None, None,
                            f"'{case}' is not a case of cases.toml; allowed file names: "
                            + ", ".join(f"{c}.toml" for c in case_table))
        data = read_toml(path)
        extra = sorted(set(data) - {"fact"})
        if extra:
            raise DataError(file, None, extra[0], "unknown top-level key; write facts as [[fact]] tables")
        records = data.get("fact", [])
        if not isinstance(records, list):
            raise DataError(file, None, "fact", "write facts as [[fact]] tables")
        for rec in records:
            fact = validate_record(rec, case, file, unit_table, source_ids)
            if fact.id in seen:
                raise DataError(file, fact.id, "id", f"duplicate id; also in {seen[fact.id]}")
            seen[fact.id] = file
            out.append(fact)
    _check_links(out)
    return tuple(out)


def _check_links(facts) -> None:
    """``same_as`` names facts of other sources, both ways; ``restates`` a fact of the same
    source that restates nothing itself."""
    by_id = {f.id: f for f in facts}
    for f in facts:
        for other in f.same_as:
            if other not in by_id:
                raise DataError(f.file, f.id, "same_as", f"unknown fact id '{other}'")
            g = by_id[other]
            if g.source == f.source:
                raise DataError(f.file, f.id, "same_as", f"'{other}' is of the same source; "
                                "link restatements within one article with restates")
            if f.id not in g.same_as:
                raise DataError(f.file, f.id, "same_as", f"'{other}' does not link back "
                                "(give same_as on both facts)")
        if f.restates:
            if f.restates not in by_id:
                raise DataError(f.file, f.id, "restates", f"unknown fact id '{f.restates}'")
            g = by_id[f.restates]
            if g.source != f.source:
                raise DataError(f.file, f.id, "restates", f"'{g.id}' is of another source; "
                                "link facts of two articles with same_as")
            if g.restates:
                raise DataError(f.file, f.id, "restates", f"'{g.id}' itself restates "
                                f"'{g.restates}'; link to the canonical fact")


@lru_cache(maxsize=1)
def _cached_facts(folder_str: str) -> tuple[Fact, ...]:
    return load_facts(Path(folder_str))


def all_facts() -> tuple[Fact, ...]:
    return _cached_facts(str(raw_dir() / "facts"))


def fact(fact_id: str) -> Fact:
    """One fact by its id."""
    for f in all_facts():
        if f.id == fact_id:
            return f
    raise UnknownName("fact id", fact_id, sorted(f.id for f in all_facts()),
                      hint="search with comparative facts --search WORDS")


# ------------------------------------------------------------------ item addresses

@dataclass(frozen=True)
class Item:
    """One item of a list fact, addressed as ``fact_id#n`` (1-based): the item as the
    fact stores it, and its display forms (filled in by ``comparative.item``, which reads
    the catalogue of the locale layer)."""
    fact_id: str
    n: int
    text: str
    en: str = ""
    vi: str = ""

    @property
    def address(self) -> str:
        return f"{self.fact_id}#{self.n}"


def parse_address(address: str, n=None) -> tuple[str, int]:
    """'vnlg-characteristics#3' -> ('vnlg-characteristics', 3); or (address, n)."""
    if not isinstance(address, str):
        raise BadAddress(f"{address!r} is not an item address: write fact_id#n, n from 1")
    fid, sep, num = address.partition("#")
    if sep and n is not None:
        raise BadAddress(f"'{address}' already holds an item number; give n only with a plain id")
    if not sep:
        if n is None:
            raise BadAddress(f"'{address}' is not an item address: write fact_id#n, n from 1")
        num = str(n)
    if not re.fullmatch(r"-?\d+", num.strip()):
        raise BadAddress(f"'{num}' is not an item number: write {fid}#n, n from 1")
    return fid, int(num)


def list_item(address: str, n=None) -> Item:
    """The ``n``-th item (1-based) of a list fact, as stored; refused in one line when the
    fact is not a list or has no such item."""
    fid, k = parse_address(address, n)
    f = fact(fid)
    if f.kind != "names":
        raise BadAddress(f"'{fid}' is not a list (its unit is '{f.unit}'); only a list fact "
                         "has items to address")
    if not 1 <= k <= len(f.value):
        raise BadAddress(f"'{fid}' has {len(f.value)} items; address 1 to {len(f.value)}, "
                         f"not {k}")
    return Item(fid, k, f.value[k - 1])


# ------------------------------------------------------------------ DataFrame

COLUMNS = ("id", "case", "topic", "country", "quantity_en", "quantity_vi", "value",
           "number", "date_start", "date_end", "names", "unit", "unit_en", "unit_vi",
           "qualifier", "period", "source", "locator", "evidence", "note", "caveat_en",
           "caveat_vi", "derivation", "derivation_note", "evidence_restored", "cites_ref",
           "cites_pages", "cites_work", "cites_year", "same_as", "restates")


def value_text(f: Fact) -> str:
    """The value as plain text: 47456, 21.17, 2025-07-01, 2000/2014, a; b; c."""
    if f.kind == "number":
        return str(f.value) if isinstance(f.value, int) else repr(float(f.value))
    if f.kind == "date":
        return f.value
    if f.kind == "date_range":
        return "/".join(f.value)
    return "; ".join(f.value)      # names, dates


def to_row(f: Fact) -> dict:
    u = units()[f.unit]
    start = end = None
    if f.kind == "date":
        start = end = f.value
    elif f.kind == "date_range":
        start = None if f.value[0] == ".." else f.value[0]
        end = None if f.value[1] == ".." else f.value[1]
    elif f.kind == "dates":
        start, end = f.value[0], f.value[-1]
    return {
        "id": f.id, "case": f.case, "topic": f.topic, "country": f.country,
        "quantity_en": f.quantity_en, "quantity_vi": f.quantity_vi,
        "value": value_text(f),
        "number": f.number,
        "date_start": start, "date_end": end,
        "names": "; ".join(f.value) if f.kind == "names" else None,
        "unit": f.unit, "unit_en": u.en, "unit_vi": u.vi,
        "qualifier": f.qualifier, "period": f.period, "source": f.source,
        "locator": f.locator, "evidence": f.evidence, "note": f.note,
        "caveat_en": f.caveat_en, "caveat_vi": f.caveat_vi,
        "derivation": f.derivation, "derivation_note": f.derivation_note,
        "evidence_restored": f.evidence_restored, "cites_ref": f.cites_ref,
        "cites_pages": f.cites_pages, "cites_work": f.cites_work, "cites_year": f.cites_year,
        "same_as": "; ".join(f.same_as), "restates": f.restates,
    }


def search_fields(f: Fact) -> tuple:
    """What a search of the facts reads: id, labels, value, unit, quote, note, caveats,
    period and topic, in both languages."""
    u = units()[f.unit]
    return (f.id, f.quantity_en, f.quantity_vi, value_text(f), u.en, u.vi, f.evidence,
            f.evidence_restored, f.note, f.caveat_en, f.caveat_vi, f.period, f.topic)


def _check_choice(what, value, allowed):
    """``value`` as spelled in ``allowed`` (case ignored: 'vn' is 'VN'), or UnknownName."""
    from .search import choose

    return choose(what, value, allowed)


def facts(case: str | None = None, country: str | None = None, topic: str | None = None,
          source: str | None = None, kind: str | None = None, search: str | None = None):
    """Facts as a DataFrame, one row per fact; every filter is optional.

    Filters ignore case ('vn' is 'VN'); ``search`` keeps the facts whose label, value,
    unit, quote, note, caveat or topic, in either language, hold every word of it, case
    and diacritics ignored ("quan tri" finds "quản trị").

    >>> import comparative as c
    >>> c.facts(case="vietnam_2025", country="VNM")     # doctest: +SKIP
    >>> c.facts(search="quan tri dia phuong")           # doctest: +SKIP

    ``country`` is ISO3 (VNM, CHN), ISO2 (VN, CN) or the UN's name (Viet Nam, China); the
    country column holds ISO3, the key datasets carry too.
    """
    import pandas as pd
    from .search import matches, phrase_in, terms
    from .sources import _sources

    pool = all_facts()
    case = _check_choice("case", case, cases())
    if country is not None:
        if country_key(country) is None:
            raise UnknownName("country", country, [*COUNTRIES, "VN", "CN", "Viet Nam", "China"])
        country = country_key(country)
    source = _check_choice("source", source, _sources())
    kind = _check_choice("unit kind", kind, UNIT_KINDS)
    topic = _check_choice("topic", topic, {f.topic for f in pool})
    words = terms(search) if search is not None else []
    chosen = [f for f in pool
              if (case is None or f.case == case)
              and (country is None or f.country == country)
              and (topic is None or f.topic == topic)
              and (source is None or f.source == source)
              and (kind is None or f.kind == kind)
              and (not words or matches(words, *search_fields(f)))]
    if len(words) > 1:   # as reports/index.html: facts holding the whole query in one field first
        chosen.sort(key=lambda f: not phrase_in(search, *search_fields(f)))
    rows = [to_row(f) for f in chosen]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df = df.astype({c: "string" for c in COLUMNS if c != "number"})
    df["number"] = df["number"].astype("Float64")
    for col in ("case", "country", "unit", "qualifier", "source", "derivation"):
        df[col] = df[col].astype("category")
    return df.reset_index(drop=True)


def printed_range(f) -> tuple[float, float]:
    """The values a number fact's printed figure stands for: half a unit of its last
    printed digit either side ('−66.9' → (−66.95, −66.85)); a computation from a rounded
    figure carries this range, not one number."""
    if f.kind != "number":
        raise DataError(f.file, f.id, "value", "has no printed range: it is not a number")
    from decimal import Decimal

    exponent = Decimal(repr(float(f.value))).normalize().as_tuple().exponent
    half = float(Decimal(5).scaleb(min(exponent, 0) - 1))
    return round(float(f.value) - half, 12), round(float(f.value) + half, 12)
