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

from .._paths import raw_dir
from .._toml import read_toml
from ..errors import DataError, UnknownName
from ..locale import i18n
from ..store.facts import Fact, all_facts, fact, units, value_text


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

    def _display_parts(self) -> tuple[str, str]:
        from ..store.facts import cases as _cases

        case = _cases().get(self.case)
        title = f"{case.en} ({self.case})" if case else self.case
        return title, "Sources: " + ", ".join(self.sources())

    def _repr_html_(self) -> str:
        """In JupyterLab: each table under its name, then the sources the rows rest on."""
        from .display import tables_html

        title, footer = self._display_parts()
        return tables_html(title, self.tables, footer)

    def _repr_markdown_(self) -> str:
        from .display import tables_markdown

        title, footer = self._display_parts()
        return tables_markdown(title, self.tables, footer)


# keys of case_views.toml whose values are labels, not fact ids
_LABEL_KEYS = {"level_names", "operation_topics"}


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
        if key in _LABEL_KEYS:
            continue
        flat = [v for item in value for v in (item if isinstance(item, list) else [item])]
        for fid in flat:
            if fid and fid not in ids:
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
        raise UnknownName("case view", case, sorted(VIEWS), suggest=True)
    return VIEWS[case]()


def _stage_of(year: int | None, stages) -> int | None:
    if year is None:
        return None
    for number, (start, end) in enumerate(stages, start=1):
        if int(start[:4]) <= year and (end == ".." or year <= int(end[:4])):
            return number
    return None


def china_digital_government() -> CaseView:
    """China's digital-government stages, and Vietnam's path beside them.

    Tables: ``stages`` (number, labels, start, end), ``milestones`` (every dated Chinese
    fact of the case, with the stage its year falls in), ``indicators`` (every number),
    ``survey_gaps`` (stated shares and the gap between them, computed), ``websites``
    (the consolidation of government websites, change computed), ``tiers`` (CCID 2020
    application-index tiers, one row per province), ``institutions`` (Big Data bureaus,
    leading groups, portal members, index leaders: one row per province and list),
    ``province`` as stored (pinyin) and ``province_en`` / ``province_vi`` to show,
    ``vietnam_path`` (the Vietnamese documents and targets the article sets beside China).
    """
    import pandas as pd

    case = "china_digital_government"
    cfg = _config(case)
    stage_facts = [fact(i) for i in cfg["stages"]]
    names = fact(cfg["stage_names"][0]).value
    if len(names) != len(stage_facts):
        raise DataError("data/raw/case_views.toml", case, "stage_names",
                        f"{len(names)} names for {len(stage_facts)} stages")
    stages = pd.DataFrame([{
        "stage": n, "name": names[n - 1], "name_en": i18n.item(names[n - 1], "en"),
        "name_vi": i18n.item(names[n - 1], "vi"), "label_en": f.quantity_en, "label_vi": f.quantity_vi,
        "start": f.value[0], "end": None if f.value[1] == ".." else f.value[1],
        "start_year": int(f.value[0][:4]),
        "end_year": None if f.value[1] == ".." else int(f.value[1][:4]),
        "fact_id": f.id + ";" + cfg["stage_names"][0], "source": f.source,
    } for n, f in enumerate(stage_facts, start=1)])
    stages["end_year"] = stages["end_year"].astype("Int64")
    periods = [f.value for f in stage_facts]

    pool = [f for f in all_facts() if f.case == case]
    milestones = pd.DataFrame([{
        "date": f.value, "year": _year(f), "stage": _stage_of(_year(f), periods),
        "event_en": f.quantity_en, "event_vi": f.quantity_vi, "fact_id": f.id, "source": f.source,
    } for f in pool if f.kind == "date" and f.country == "CHN" and f.topic != "article metadata"])
    milestones = milestones.sort_values(["date", "fact_id"], kind="stable").reset_index(drop=True)
    milestones["stage"] = milestones["stage"].astype("Int64")

    indicators = fact_rows([f.id for f in pool if f.kind == "number" and f.country == "CHN"
                            and f.unit not in ("ordinal", "document_number")])

    gaps = []
    for want_id, did_id in cfg["survey_pairs"]:
        want, did = fact(want_id), fact(did_id)
        if want.unit != "percent" or did.unit != "percent":
            raise DataError("data/raw/case_views.toml", case, "survey_pairs", "both facts must be percentages")
        gaps.append({"stated_en": want.quantity_en, "stated_vi": want.quantity_vi,
                     "actual_en": did.quantity_en, "actual_vi": did.quantity_vi,
                     "stated_pct": want.value, "actual_pct": did.value,
                     # computed here from the two stated figures; the article does not state it
                     "gap_points": want.value - did.value,
                     "period": want.period, "fact_ids": f"{want_id};{did_id}", "source": want.source})
    survey_gaps = pd.DataFrame(gaps)

    w0, w1 = (fact(i) for i in cfg["websites"])
    websites = fact_rows(cfg["websites"])
    websites["change_pct"] = [None, round(100 * (w1.value - w0.value) / w0.value, 1)]
    websites["change_pct"] = websites["change_pct"].astype("Float64")

    # "province" is the name as stored (pinyin: the key to join on); province_en/_vi show it
    tiers = pd.DataFrame([{"province": name, **_place_names(name), "tier": tier, "fact_id": fid,
                           "source": fact(fid).source}
                          for tier, fid in enumerate(cfg["tiers"], start=1) for name in fact(fid).value])
    institutions = pd.DataFrame([{"list_en": fact(fid).quantity_en, "list_vi": fact(fid).quantity_vi,
                                  "province": name, **_place_names(name), "period": fact(fid).period,
                                  "fact_id": fid, "source": fact(fid).source}
                                 for fid in cfg["institutions"] for name in fact(fid).value])
    vn = [f for f in pool if f.country == "VNM"]
    vietnam_path = pd.DataFrame([{
        "date": value_text(f), "year": _year(f), "event_en": f.quantity_en, "event_vi": f.quantity_vi,
        "fact_id": f.id, "source": f.source} for f in vn if f.kind in ("date", "date_range")])
    return CaseView(case, {"stages": stages, "milestones": milestones, "indicators": indicators,
                           "survey_gaps": survey_gaps, "websites": websites, "tiers": tiers,
                           "institutions": institutions, "vietnam_path": vietnam_path})


VIEWS["china_digital_government"] = china_digital_government


def _place_names(name: str) -> dict:
    """A Chinese place as each edition names it: pinyin (en), Sino-Vietnamese (vi)."""
    return {f"province_{lang}": i18n.place(name, lang) for lang in i18n.LANGS}


def _parts(total_id: str, part_ids: list[str]):
    """Parts of a whole, each with its share of the stated total (computed)."""
    total = fact(total_id)
    df = fact_rows(part_ids)
    df["total"] = total.value
    df["total_fact_id"] = total_id
    df["share_pct"] = (100 * df["number"] / total.value).round(1)
    return df


def vietnam_2025() -> CaseView:
    """Vietnam's 2025 reorganization into two tiers of local government.

    Tables: ``units`` (tiers, provinces and communes before and after, as the articles
    state them, with the change computed), ``province_types`` and ``commune_types`` (the
    parts of 34 and of 3,321), ``national_totals`` (before/after counts of every level,
    districts included, from the reference table with its sources), ``provinces`` (the 34
    new units: type, merged or not, predecessors, area, population, commune counts),
    ``mapping`` (63 former provinces → 34), ``operations`` (staffing, public services,
    tasks moved from districts, new institutions …), ``timeline`` (the legal timeline).
    """
    import pandas as pd

    case = "vietnam_2025"
    cfg = _config(case)
    rows = []
    for name, (before_id, after_id), stated_id in zip(cfg["level_names"], cfg["levels"],
                                                      cfg["stated_change"]):
        b, a = fact(before_id), fact(after_id)
        exact = b.qualifier == a.qualifier == "exact"
        rows.append({"level": name, "label_en": a.quantity_en, "label_vi": a.quantity_vi,
                     "before": b.value, "before_qualifier": b.qualifier, "after": a.value,
                     "after_qualifier": a.qualifier,
                     # computed only where both counts are exact ("more than 10,000" is not)
                     "change": a.value - b.value if exact else None,
                     "change_pct": round(100 * (a.value - b.value) / b.value, 1) if exact else None,
                     "stated_change_pct": fact(stated_id).value if stated_id else None,
                     "fact_ids": ";".join(i for i in (before_id, after_id, stated_id) if i),
                     "source": a.source})
    units_df = pd.DataFrame(rows)
    for col in ("change", "change_pct", "stated_change_pct"):
        units_df[col] = units_df[col].astype("Float64")

    from ..store.datasets import dataset

    pool = [f for f in all_facts() if f.case == case]
    ops = [f.id for f in pool if f.topic in cfg["operation_topics"] and f.kind == "number"]
    operations = fact_rows(ops, topic=lambda f: f.topic)
    # an event both articles state is shown once, citing both
    also = {first: second for first, second in cfg["restated"]}
    seconds = set(also.values())
    timeline = pd.DataFrame([{
        "date": value_text(f), "year": _year(f), "event_en": f.quantity_en,
        "event_vi": f.quantity_vi,
        "fact_ids": f.id + (f";{also[f.id]}" if f.id in also else ""),
        "source": f.source + (f";{fact(also[f.id]).source}" if f.id in also else "")}
        for f in pool if f.kind == "date" and f.topic != "article metadata" and f.id not in seconds])
    timeline = timeline.sort_values(["date", "fact_ids"], kind="stable").reset_index(drop=True)
    return CaseView(case, {
        "units": units_df,
        "province_types": _parts(cfg["province_total"][0], cfg["province_types"]),
        "commune_types": _parts(cfg["commune_total"][0], cfg["commune_types"]),
        "national_totals": dataset("vn_admin_totals", dtype_backend="numpy_nullable"),
        "provinces": dataset("vn_units_2025", dtype_backend="numpy_nullable"),
        "mapping": dataset("vn_units_old63", dtype_backend="numpy_nullable"),
        "operations": operations,
        "timeline": timeline,
    })


VIEWS["vietnam_2025"] = vietnam_2025


def _generic(case: str) -> CaseView:
    import pandas as pd

    pool = [f for f in all_facts() if f.case == case]
    milestones = pd.DataFrame([{
        "date": value_text(f), "year": _year(f), "event_en": f.quantity_en,
        "event_vi": f.quantity_vi, "country": f.country, "fact_id": f.id, "source": f.source}
        for f in pool if f.kind in ("date", "date_range")],
        columns=["date", "year", "event_en", "event_vi", "country", "fact_id", "source"])
    milestones = milestones.sort_values(["date", "fact_id"], kind="stable").reset_index(drop=True)
    milestones["year"] = milestones["year"].astype("Int64")
    figures = fact_rows([f.id for f in pool if f.kind == "number"], topic=lambda f: f.topic)
    # "item" as stored (the article's words or a pinyin name); item_en/_vi as each edition shows it
    lists = pd.DataFrame([{"list_en": f.quantity_en, "list_vi": f.quantity_vi, "item": item,
                           "item_en": i18n.item(item, "en"), "item_vi": i18n.item(item, "vi"),
                           "fact_id": f.id, "source": f.source}
                          for f in pool if f.kind == "names" for item in f.value],
                         columns=["list_en", "list_vi", "item", "item_en", "item_vi", "fact_id", "source"])
    return CaseView(case, {"milestones": milestones, "figures": figures, "lists": lists})


def vietnam_decentralization() -> CaseView:
    """Central–local decentralization in Vietnam: ``figures``, ``milestones``, ``lists``
    (one row per item: ``item`` as stored, ``item_en`` / ``item_vi`` to show)."""
    return _generic("vietnam_decentralization")


def vietnam_local_governance() -> CaseView:
    """Local governance in Vietnam: ``milestones`` (congresses …), ``figures``, ``lists``."""
    return _generic("vietnam_local_governance")


def china_local_developmental_state() -> CaseView:
    """China's local developmental state: ``milestones``, ``figures``, ``lists``."""
    return _generic("china_local_developmental_state")


VIEWS.update({
    "vietnam_decentralization": vietnam_decentralization,
    "vietnam_local_governance": vietnam_local_governance,
    "china_local_developmental_state": china_local_developmental_state,
})


# What `comparative.cases.<TAB>` offers: the views and their helpers, not the imports.
__all__ = ["CaseView", "VIEWS", "view", "fact_rows", "local_initiative_timeline",
           "huzhou_pension", "chongqing_hukou", "china_digital_government", "vietnam_2025",
           "vietnam_decentralization", "vietnam_local_governance",
           "china_local_developmental_state"]


def __dir__() -> list[str]:
    return list(__all__)
