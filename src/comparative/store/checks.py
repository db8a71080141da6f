"""Whole-store checks shared by ``comparative check`` and the test suite.

:func:`record_problems` reads every file of ``data/raw/`` that the library reads (sources,
cases, units, facts, the dataset registry and every dataset) and reports **every**
problem it finds, each as one line naming the file, the record and the field — not just
the first, as the loaders do when a command needs the data.  Beyond the loaders' own
checks it refuses text with control characters or not in Unicode NFC, numbers that are
NaN or infinite, wrongly typed registry bounds (``min = "2003"``), an empty dataset, and a
negative fact whose quote carries no sign or word of a fall.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

from .._paths import processed_dir, raw_dir, shared_sources_dir
from .._text import escape_controls, shown
from .._toml import _rel, read_toml
from ..errors import ComparativeError, DataError
from .facts import all_facts
from .provenance import quote_in_source, value_in_evidence
from .sources import source

# A case whose fact count falls by more than this share since the last build is flagged.
DROP_WARNING = 0.25
# Words that say a figure fell, so that a negative value may be quoted without its sign.
FALL_WORDS = ("giảm", "ít hơn", "bớt", "fall", "fell", "drop", "decline", "decrease",
              "down", "less", "fewer", "reduc", "cut", "−", "-", "–")
TEXT_CONTROLS_ALLOWED = "\n\t"    # a quote or note may keep a line break of its source


def evidence_problems(facts=None) -> list[str]:
    """Every fact whose quote is not in its source text, or does not carry its value."""
    folder = shared_sources_dir()
    problems = []
    for f in facts if facts is not None else all_facts():
        if not value_in_evidence(f.kind, f.value, f.evidence):
            problems.append(f"{f.file}: record '{f.id}', field 'evidence': does not contain the value {f.value!r}")
        elif f.kind == "number" and f.value < 0 and not _says_fall(f.evidence):
            problems.append(f"{f.file}: record '{f.id}', field 'value': {f.value!r} is negative "
                            "but the quote carries no minus sign or word of a fall")
        src = source(f.source)
        if folder is None or not src.file:
            continue
        if not quote_in_source(f.evidence, folder / src.file):
            problems.append(f"{f.file}: record '{f.id}', field 'evidence': quote not found in {src.file}")
    return problems


def _says_fall(evidence: str) -> bool:
    text = unicodedata.normalize("NFC", evidence).lower()
    return any(w in text for w in FALL_WORDS)


# ------------------------------------------------------------------ every record

def text_problem(value: str) -> str | None:
    """Why a text cannot stand in a record, or None."""
    bad = [ch for ch in value if ch not in TEXT_CONTROLS_ALLOWED
           and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    if bad:
        return f"holds a control character ({escape_controls(bad[0])})"
    if not unicodedata.is_normalized("NFC", value):
        return "is not in Unicode NFC (a letter and its accent stored apart); save it as NFC"
    return None


def value_problems(value, path: str = "") -> list[tuple[str, str]]:
    """(where inside the value, problem) for every text or number in ``value`` (nested
    lists and tables too) that cannot stand in a record."""
    out = []
    if isinstance(value, str):
        p = text_problem(value)
        if p:
            out.append((path, p))
    elif isinstance(value, float) and not math.isfinite(value):
        out.append((path, f"is {value!r}; NaN and infinity are not values"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += value_problems(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            out += value_problems(k if isinstance(k, str) else str(k), f"{path}.<key>" if path else "<key>")
            out += value_problems(v, f"{path}.{k}" if path else str(k))
    return out


def _line(file: str, record, field, problem: str) -> str:
    return str(DataError(file, None if record is None else str(record),
                         None if field is None else str(field), problem))


def _scan_file(path: Path, problems: list[str]) -> dict | None:
    """The TOML of ``path``, and every text or number in it that cannot stand (named by
    its record and field); None when the file cannot be read."""
    try:
        data = read_toml(path)
    except DataError as exc:
        problems.append(str(exc))
        return None
    except OSError as exc:
        problems.append(_line(_rel(path), None, None, exc.strerror or str(exc)))
        return None
    rel = _rel(path)
    for key, value in data.items():
        records = value if isinstance(value, list) else [value]
        for i, rec in enumerate(records):
            rid = key
            if isinstance(value, list):
                rid = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str) else f"{key} {i + 1}"
            if isinstance(rec, dict):
                for field, v in rec.items():
                    for where, p in value_problems(v, str(field)):
                        problems.append(_line(rel, rid, where, p))
            else:
                for where, p in value_problems(rec, ""):
                    problems.append(_line(rel, rid, where or None, p))
    return data


def _sources_problems(problems: list[str]) -> None:
    from .sources import SOURCE_KINDS, Source
    from dataclasses import fields

    path = raw_dir() / "sources.toml"
    data = _scan_file(path, problems)
    if data is None:
        return
    rel = _rel(path)
    names = [f.name for f in fields(Source) if f.name != "id"]
    for sid, rec in data.items():
        if not isinstance(rec, dict):
            problems.append(_line(rel, sid, None, "each source must be a table [id]"))
            continue
        for key in ("kind", "licence", "covers"):
            if not rec.get(key):
                problems.append(_line(rel, sid, key, "missing; every source needs it"))
        for key in sorted(set(rec) - set(names)):
            problems.append(_line(rel, sid, key, f"unknown field; allowed: {', '.join(names)}"))
        if rec.get("kind") and rec["kind"] not in SOURCE_KINDS:
            problems.append(_line(rel, sid, "kind", f"'{shown(rec['kind'])}' is not allowed; "
                                                    f"allowed: {', '.join(SOURCE_KINDS)}"))
        if not (rec.get("title") or rec.get("title_en")):
            problems.append(_line(rel, sid, "title", "a source needs a title or title_en"))
        for name in names:
            if name not in rec:
                continue
            value = rec[name]
            if name in ("authors", "authors_vi"):
                if not (isinstance(value, list) and all(isinstance(a, str) for a in value)):
                    problems.append(_line(rel, sid, name, "must be a list of names, e.g. "
                                                          "[\"Nguyễn Thị Thục\"]"))
            elif not isinstance(value, str):
                problems.append(_line(rel, sid, name, f"must be text in quotes, not "
                                                      f"{type(value).__name__} {shown(value, 30)}"))


def _facts_problems(problems: list[str]) -> None:
    from .facts import _cases, _units, validate_record
    from .sources import _sources

    tables = {}
    for name, loader in (("cases.toml", _cases), ("units.toml", _units)):
        path = raw_dir() / name
        if _scan_file(path, problems) is None:
            tables[name] = {}
            continue
        try:
            tables[name] = loader(str(path))
        except DataError as exc:
            problems.append(str(exc))
            tables[name] = {}
        except (AttributeError, TypeError, KeyError) as exc:
            problems.append(_line(_rel(path), None, None, f"not in the expected shape ({exc})"))
            tables[name] = {}
    try:
        source_ids = set(_sources())
    except DataError:
        source_ids = set()   # reported by _sources_problems
    seen: dict[str, str] = {}
    folder = raw_dir() / "facts"
    for path in sorted(folder.glob("*.toml")):
        rel = _rel(path)
        if tables["cases.toml"] and path.stem not in tables["cases.toml"]:
            problems.append(_line(rel, None, None, f"'{path.stem}' is not a case of cases.toml"))
            continue
        data = _scan_file(path, problems)
        if data is None:
            continue
        for key in sorted(set(data) - {"fact"}):
            problems.append(_line(rel, None, key, "unknown top-level key; write facts as [[fact]] tables"))
        records = data.get("fact", [])
        if not isinstance(records, list):
            problems.append(_line(rel, None, "fact", "write facts as [[fact]] tables"))
            continue
        for i, rec in enumerate(records, 1):
            if not isinstance(rec, dict):
                problems.append(_line(rel, f"fact {i}", None,
                                      f"is {type(rec).__name__} {shown(rec, 30)}; write each fact "
                                      "as a [[fact]] table"))
                continue
            try:
                f = validate_record(rec, path.stem, rel, tables["units.toml"], source_ids)
            except DataError as exc:
                problems.append(str(exc))
                continue
            except (AttributeError, TypeError, KeyError, ValueError) as exc:
                problems.append(_line(rel, rec.get("id") if isinstance(rec.get("id"), str)
                                      else f"fact {i}", None, f"cannot be read: {exc}"))
                continue
            if f.id in seen:
                problems.append(_line(rel, f.id, "id", f"duplicate id; also in {seen[f.id]}"))
            seen[f.id] = rel


def _registry_problems(problems: list[str]) -> None:
    """datasets.toml: bounds that are numbers, before the loaders read it."""
    from .datasets import REGISTRY_FILE, datasets_dir

    path = datasets_dir() / REGISTRY_FILE
    data = _scan_file(path, problems)
    if data is None:
        return
    rel = _rel(path)
    for section in ("files", "datasets"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            problems.append(_line(rel, section, None, "must be a table"))
            continue
        for rid, rec in table.items():
            cols = rec.get("columns", {}) if isinstance(rec, dict) else {}
            if not isinstance(cols, dict):
                continue
            for col, cs in cols.items():
                if not isinstance(cs, dict):
                    continue
                for bound in ("min", "max"):
                    if bound in cs and (isinstance(cs[bound], bool)
                                        or not isinstance(cs[bound], (int, float))):
                        problems.append(_line(rel, f"{section}.{rid}", f"columns.{col}.{bound}",
                                              f"must be a number, not {shown(repr(cs[bound]), 30)}"))
                if "min" in cs and "max" in cs and all(
                        isinstance(cs[b], (int, float)) and not isinstance(cs[b], bool)
                        for b in ("min", "max")) and cs["min"] > cs["max"]:
                    problems.append(_line(rel, f"{section}.{rid}", f"columns.{col}",
                                          "min is above max"))


def _datasets_problems(problems: list[str]) -> None:
    """Every dataset through its own loader (the loaders stop at their first problem: one
    line per dataset), then what they let through: infinities, an empty table."""
    from . import datasets as ds

    try:
        names = ds.dataset_names()
    except DataError as exc:
        problems.append(str(exc))
        return
    except Exception as exc:   # a loader that raised a raw exception
        problems.append(_line("data/raw/datasets/datasets.toml", None, None,
                              f"cannot be read: {type(exc).__name__}: {exc}"))
        return
    for name in names:
        where = f"datasets.{name}"
        try:
            df = ds.dataset(name)
        except DataError as exc:
            problems.append(str(exc))
            continue
        except ComparativeError as exc:
            problems.append(_line("data/raw/datasets/datasets.toml", where, None, str(exc)))
            continue
        except Exception as exc:
            problems.append(_line("data/raw/datasets/datasets.toml", where, None,
                                  f"its files cannot be read: {type(exc).__name__}: {shown(exc, 120)}"))
            continue
        if len(df) == 0:
            problems.append(_line("data/raw/datasets/datasets.toml", where, None,
                                  "is empty: its files hold no rows"))
        for col in df.columns:
            if df[col].dtype.kind not in "fiu" and not str(df[col].dtype).startswith(("Float", "Int")):
                continue
            values = df[col].astype("float64")
            bad = values.index[values.isin([math.inf, -math.inf])]
            if len(bad):
                problems.append(_line("data/raw/datasets/datasets.toml", where, col,
                                      f"row {int(bad[0]) + 1} of the dataset is infinite"))


def count_warnings(facts=None) -> list[str]:
    """A case whose number of facts fell sharply since the last ``comparative build``
    (data/processed/facts.csv): a file cut short by an editor shows here."""
    import csv
    from collections import Counter

    path = processed_dir() / "facts.csv"
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            before = Counter(row.get("case") for row in csv.DictReader(fh))
    except (OSError, ValueError, csv.Error):
        return []
    now = Counter(f.case for f in (facts if facts is not None else all_facts()))
    out = []
    for case, n in sorted(before.items()):
        if case and n and now.get(case, 0) < n * (1 - DROP_WARNING):
            out.append(f"data/raw/facts/{case}.toml: {now.get(case, 0)} facts, {n} at the last "
                       "build (data/processed/facts.csv); was a record lost?")
    return out


def record_problems() -> list[str]:
    """Every problem of every record of data/raw/ (one line each; [] when all is well)."""
    problems: list[str] = []
    _sources_problems(problems)
    _facts_problems(problems)
    _registry_problems(problems)
    if not problems:    # the dataset loaders need sources and the registry sound
        _datasets_problems(problems)
    out, seen = [], set()
    for p in problems:   # a field found wrong twice (by the scan and a loader) is said once
        where = p.split("': ", 1)[0] if ", field '" in p else p
        if where not in seen:
            seen.add(where)
            out.append(p)
    return out


def check_all() -> tuple[list[str], str]:
    """Record problems (exit status 2) or, when every record is sound, evidence problems
    (exit status 1), and a one-line summary."""
    problems = record_problems()
    if problems:
        return problems, f"{len(problems)} problems in data/raw/"
    facts = all_facts()
    problems = evidence_problems(facts)
    where = shared_sources_dir()
    scope = f"quotes checked against {where}" if where else "source texts not found: quotes not checked"
    return problems, f"{len(facts)} facts valid; {len(problems)} evidence problems; {scope}"
