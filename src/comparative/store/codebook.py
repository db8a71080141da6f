"""The codebook's lookup, as V-Dem's ``find_var()`` and ``var_info()``: every dataset,
every variable of every dataset, every fact and every source, found by words
(:func:`find`), and what one of them is and where it comes from (:func:`describe`).
Read only: the datasets' own metadata (``data/raw/datasets/datasets.toml``) and the fact
store."""

from __future__ import annotations

from ..errors import UnknownName
from .facts import search_fields
from .search import matches, terms


FIND_COLUMNS = ("kind", "name", "label", "where")


def _entries():
    """Every searchable name: (kind, name, label, where, fields to search)."""
    from .datasets import codebook, datasets
    from .facts import all_facts
    from .sources import _sources

    out = []
    for row in datasets().itertuples(index=False):
        out.append(("dataset", row.name, row.title, f"sources: {row.sources}",
                    (row.name, row.title, row.description, row.unit, row.notes)))
    for row in codebook().itertuples(index=False):
        unit = f" [{row.unit}]" if row.unit else ""
        out.append(("variable", row.column, f"{row.description}{unit}", f"dataset {row.dataset}",
                    (row.column, row.description, row.unit)))
    for f in all_facts():
        out.append(("fact", f.id, f.quantity_en, f"{f.source}, {f.locator}",
                    search_fields(f)))
    for s in _sources().values():
        out.append(("source", s.id, s.brief, s.kind,
                    (s.id, s.brief, s.title_en, s.title_vi, s.title_romanized, s.venue,
                     s.venue_en, s.covers)))
    return out


def find(words: str):
    """Every dataset, variable, fact and source whose name or description holds all of
    ``words`` (case and diacritics ignored): a DataFrame with kind, name, label and where
    it comes from.

    >>> import comparative as c
    >>> c.find("egdi")                 # doctest: +SKIP
    >>> c.find("quan tri dia phuong")  # doctest: +SKIP
    """
    import pandas as pd

    ws = terms(words)
    if not ws:
        raise UnknownName("search", words, ["one or more words, e.g. 'egdi' or 'quan tri'"])
    rows = [dict(zip(FIND_COLUMNS, e[:4])) for e in _entries() if matches(ws, *e[4])]
    return pd.DataFrame(rows, columns=list(FIND_COLUMNS)).astype("string")


class Description(str):
    """What a name is and where it comes from: plain text, shown as such in JupyterLab."""

    def _repr_markdown_(self) -> str:
        from .._text import escape_markdown

        head, _, rest = self.partition("\n")
        return f"**{escape_markdown(head)}**\n\n```text\n{rest.strip()}\n```"

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))


def describe(name: str) -> Description:
    """What ``name`` is (a dataset, a variable of a dataset, a fact or a source) and where
    it comes from; an unknown name is answered with the closest names."""
    from . import datasets as ds
    from .facts import all_facts, units, value_text
    from .sources import _sources

    lines: list[str] = []
    if name in ds.dataset_names():
        lines.append(ds.describe(name))
    cb = ds.codebook()
    about = {r.name: r for r in ds.datasets().itertuples(index=False)}
    for row in cb[cb["column"] == name].itertuples(index=False):
        unit = f" [{row.unit}]" if row.unit else ""
        where = about[row.dataset]
        lines.append(f"variable {row.column} of dataset {row.dataset} ({row.type}){unit}\n"
                     f"  {row.description}\n  comes from: {where.title}; "
                     f"sources: {where.sources.replace(';', ',')}")
    for f in all_facts():
        if f.id == name:
            u = units()[f.unit]
            text = [f"fact {f.id} [{f.case}, {f.country}, {f.topic}]", f"  {f.quantity_en}",
                    f"  {f.quantity_vi}",
                    f"  value:    {value_text(f)}"
                    + ("" if f.kind in ("names", "date", "date_range") else f" {u.en}")
                    + f" ({f.qualifier})"]
            if f.period:
                text.append(f"  period:   {f.period}")
            text += [f"  quote:    “{f.display_evidence}”", f"  source:   {_sources()[f.source].brief}",
                     f"  locator:  {f.locator}"]
            if f.note:
                text.append(f"  note:     {f.note}")
            if f.caveat_en:
                text.append(f"  caveat:   {f.caveat_en}")
            lines.append("\n".join(text))
    if name in _sources():
        s = _sources()[name]
        lines.append(f"source {s.id} ({s.kind})\n  {s.brief}\n  covers: {s.covers}\n"
                     f"  licence: {s.licence}")
    if not lines:
        known = (ds.dataset_names() + list(cb["column"].unique()) + [f.id for f in all_facts()]
                 + list(_sources()))
        raise UnknownName("dataset, variable, fact or source", name, sorted(set(known)),
                          suggest=True)
    return Description("\n\n".join(lines))
