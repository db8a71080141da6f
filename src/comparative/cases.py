"""The cases as views over the facts (and the reference tables).

Each view returns a :class:`CaseView`: named pandas DataFrames whose every row carries the
``fact_id`` (or ``fact_ids``) and ``source`` it rests on, so a chart or a table can cite.
Which fact plays which role (a local measure, a central milestone, a coverage figure) is
curation kept in ``data/raw/case_views.toml``; labels and values come from the facts.

>>> from comparative import cases
>>> cases.huzhou_pension().lead          # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ._paths import raw_dir
from ._toml import read_toml
from .errors import DataError, UnknownName
from .fact_store import Fact, all_facts, fact, units, value_text


@dataclass
class CaseView:
    """Named tables of one case.  ``view.tables`` lists them; each is also an attribute."""

    case: str
    tables: dict = field(default_factory=dict)

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"case view '{self.__dict__.get('case')}' has no table '{name}'; "
                             f"tables: {', '.join(tables)}")

    def __dir__(self):
        return list(super().__dir__()) + list(self.tables)

    def fact_ids(self) -> list[str]:
        ids: set[str] = set()
        for df in self.tables.values():
            for col in ("fact_id", "fact_ids", "local_fact_id", "central_fact_id"):
                if col in df.columns:
                    for v in df[col].dropna():
                        ids.update(str(v).split(";"))
        return sorted(i.strip() for i in ids if i.strip())

    def sources(self) -> list[str]:
        return sorted({fact(i).source for i in self.fact_ids()})

    def __repr__(self) -> str:
        parts = ", ".join(f"{k} ({len(v)} rows)" for k, v in self.tables.items())
        return f"CaseView({self.case}: {parts})"


@lru_cache(maxsize=None)
def _config_cached(path_str: str) -> dict:
    from pathlib import Path

    return read_toml(Path(path_str))


def _config(case: str) -> dict:
    path = raw_dir() / "case_views.toml"
    cfg = _config_cached(str(path))
    if case not in cfg:
        raise DataError("data/raw/case_views.toml", case, None, "no view configured for this case")
    ids = {f.id for f in all_facts()}
    for key, value in cfg[case].items():
        flat = [v for item in value for v in (item if isinstance(item, list) else [item])]
        for fid in flat:
            if fid not in ids:
                raise DataError("data/raw/case_views.toml", case, key, f"unknown fact id '{fid}'")
    return cfg[case]


def _year(f: Fact) -> int | None:
    if f.kind == "date":
        return int(f.value[:4])
    if f.kind == "date_range" and f.value[0] != "..":
        return int(f.value[0][:4])
    return None


def fact_rows(ids, **extra):
    """A DataFrame of the given facts: fact_id, labels, value, number, unit, qualifier, source."""
    import pandas as pd

    rows = []
    for fid in ids:
        f = fact(fid)
        u = units()[f.unit]
        row = {"fact_id": f.id, "quantity_en": f.quantity_en, "quantity_vi": f.quantity_vi,
               "value": value_text(f), "number": f.number, "unit": f.unit,
               "unit_en": u.en, "unit_vi": u.vi, "qualifier": f.qualifier,
               "period": f.period, "source": f.source}
        for key, fn in extra.items():
            row[key] = fn(f)
        rows.append(row)
    df = pd.DataFrame(rows)
    if "number" in df:
        df["number"] = df["number"].astype("Float64")
    return df


def _timeline(case: str, local: list[str], central: list[str]):
    import pandas as pd

    rows = []
    for level, ids in (("local", local), ("central", central)):
        for fid in ids:
            f = fact(fid)
            if f.kind not in ("date", "date_range"):
                raise DataError("data/raw/case_views.toml", case, level,
                                f"fact '{fid}' is not a date (unit '{f.unit}')")
            rows.append({"date": value_text(f), "year": _year(f), "level": level,
                         "event_en": f.quantity_en, "event_vi": f.quantity_vi,
                         "fact_id": f.id, "source": f.source, "case": case})
    df = pd.DataFrame(rows).sort_values(["year", "date", "level", "fact_id"], kind="stable")
    df["year"] = df["year"].astype("Int64")
    return df.reset_index(drop=True)


def _leads(case: str, pairs):
    import pandas as pd

    rows = []
    for local_id, central_id in pairs:
        lf, cf = fact(local_id), fact(central_id)
        ly, cy = _year(lf), _year(cf)
        rows.append({"case": case,
                     "local_event_en": lf.quantity_en, "local_event_vi": lf.quantity_vi,
                     "central_event_en": cf.quantity_en, "central_event_vi": cf.quantity_vi,
                     "local_year": ly, "central_year": cy,
                     # positive: the local measure came first by this many years
                     "years_ahead": cy - ly,
                     "first": "local" if ly < cy else ("central" if cy < ly else "same year"),
                     "local_fact_id": local_id, "central_fact_id": central_id,
                     "fact_ids": f"{local_id};{central_id}"})
    df = pd.DataFrame(rows)
    for col in ("local_year", "central_year", "years_ahead"):
        df[col] = df[col].astype("Int64")
    return df


def huzhou_pension() -> CaseView:
    """Huzhou's rural pension expansion against central policy.

    Tables: ``timeline`` (local measures and central milestones), ``lead`` (how many years
    each local measure preceded the central policy it anticipated), ``coverage`` (people
    covered and their share), ``contribution_rule``.
    """
    cfg = _config("huzhou_pension")
    return CaseView("huzhou_pension", {
        "timeline": _timeline("huzhou_pension", cfg["local"], cfg["central"]),
        "lead": _leads("huzhou_pension", cfg["leads"]),
        "coverage": fact_rows(cfg["coverage"]),
        "contribution_rule": fact_rows(cfg["contribution_rule"]),
    })


def chongqing_hukou() -> CaseView:
    """Chongqing's 2010 hukou reform against central hukou policy.

    Tables: ``timeline``, ``lead`` (negative ``years_ahead``: the central measure came
    first), ``coverage`` (whom the local and the central policy cover), ``land`` (the
    three-year land window and the rights exchanged).
    """
    cfg = _config("chongqing_hukou")
    return CaseView("chongqing_hukou", {
        "timeline": _timeline("chongqing_hukou", cfg["local"], cfg["central"]),
        "lead": _leads("chongqing_hukou", cfg["leads"]),
        "coverage": fact_rows(cfg["coverage"]),
        "land": fact_rows(cfg["land"]),
    })


def local_initiative_timeline():
    """Huzhou and Chongqing with their central milestones, one timeline (column ``case``)."""
    import pandas as pd

    frames = [huzhou_pension().timeline, chongqing_hukou().timeline]
    return pd.concat(frames, ignore_index=True)


VIEWS = {
    "huzhou_pension": huzhou_pension,
    "chongqing_hukou": chongqing_hukou,
}


def view(case: str) -> CaseView:
    """The view of a case by its id."""
    if case not in VIEWS:
        raise UnknownName("case view", case, sorted(VIEWS))
    return VIEWS[case]()
