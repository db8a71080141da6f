"""The page: what a notebook calls, right after its parameters cell.

:func:`start` checks the parameters (papermill accepts anything) and returns a
:class:`Report`: live values for the notebook's MyST prose (``R.en`` / ``R.vi``, see
:class:`Writer`), numbered tables and figures that name their sources, and the list of
references the edition cited.
"""

from __future__ import annotations

import html

from ..locale import i18n
from . import params as params_mod


def start(notebook: str, **values) -> "Report":
    """The first call of every notebook, right after its parameters cell::

        R = comparative.reports.start("vietnam_2025_reorganization", lang=lang,
                                      audience=audience, sort_by=sort_by)

    Checks the values (papermill accepts anything), sets the chart style and returns the
    page the notebook writes to."""
    resolved = params_mod.check(notebook, **values)
    from ..analysis import charts

    charts.setup()
    return Report(notebook, resolved)


class Report:
    """Headings, prose, tables and figures of one notebook in one language, with numbered
    captions that name their sources; :meth:`references` lists every source cited."""

    def __init__(self, notebook: str, parameters: dict):
        self.notebook = notebook
        self.params = dict(parameters)
        self.lang = self.params.get("lang", "en")
        self.audience = self.params.get("audience", "report")
        self._n = {"figure": 0, "table": 0}
        self._cited: dict[str, list[str]] = {}   # source id -> fact ids, in order of use

    # ---------------------------------------------------------------- text
    def t(self, key: str, **kw) -> str:
        """A string of i18n in this report's language."""
        return i18n.t(key, self.lang, **kw)

    def col(self, base: str) -> str:
        """The column of a bilingual table in this language: 'label' -> 'label_vi'."""
        return f"{base}_{self.lang}"

    def number(self, x, decimals: int | None = None) -> str:
        return i18n.number(x, self.lang, decimals)

    def fact(self, fact_id: str):
        """A fact of the store, noted for the references."""
        from ..store.facts import fact

        f = fact(fact_id)
        self._note(f.source, f.id)
        return f

    def value(self, fact_id: str, decimals: int | None = None, unit: bool = False) -> str:
        """A fact's value as text in this language with its qualifier: 'hơn 10.000'."""
        return i18n.fact_value(self.fact(fact_id), self.lang, decimals=decimals, unit=unit)

    def period(self, fact_id: str) -> str:
        """A fact's reference date or period, written in this language ('' when none)."""
        return i18n.period(self.fact(fact_id).period, self.lang)

    def cite(self, fact_ids=(), sources=()) -> str:
        """'(Nguyễn Thị Thục 2025)' for facts and sources; notes them for the references."""
        srcs = []
        for fid in _as_list(fact_ids):
            s = self.fact(fid).source
            if s not in srcs:
                srcs.append(s)
        for s in _as_list(sources):
            if s and s not in srcs:
                srcs.append(s)
                self._note(s, None)
        return "(" + "; ".join(self.short_source(s) for s in srcs) + ")" if srcs else ""

    def short_source(self, source_id: str) -> str:
        from ..store.sources import _sources

        reg = _sources()
        if source_id not in reg:
            return source_id  # a publisher named in a reference table's own column
        s = reg[source_id]
        year = s.year or self.t("cite.no_date")
        return f"{s.short_name} {year}"

    def _note(self, source_id: str, fact_id: str | None) -> None:
        ids = self._cited.setdefault(source_id, [])
        if fact_id and fact_id not in ids:
            ids.append(fact_id)

    # ---------------------------------------------------------------- output
    def _show_html(self, text: str, plain: str) -> None:
        from IPython.display import display

        display({"text/html": text, "text/plain": plain}, raw=True)

    def heading(self, text: str, level: int = 2) -> None:
        from IPython.display import Markdown, display

        display(Markdown("#" * level + " " + text))

    def prose(self, text: str) -> None:
        from IPython.display import Markdown, display

        display(Markdown(text))

    def parameters_sentence(self) -> str:
        """The parameters, echoed as prose (the injected cell is never shown)."""
        spec = params_mod.specs(self.notebook)
        parts = [f"{i18n.param_label(k, self.lang, spec[k].description if k in spec else '')}: "
                 f"{i18n.param_value(k, v, self.lang)}" for k, v in self.params.items()]
        return self.t("report.parameters", list="; ".join(parts))

    def _caption(self, kind: str, caption: str, fact_ids, sources) -> str:
        self._n[kind] += 1
        where = self.cite(fact_ids, sources)
        head = f"{self.t(f'caption.{kind}')} {self._n[kind]}."
        src = f" {self.t('caption.source')}: {where[1:-1]}." if where else ""
        return f"{head} {caption.rstrip('.')}.{src}"

    def figure(self, fig, caption: str, fact_ids=(), sources=()) -> None:
        """A matplotlib figure as a numbered, captioned SVG; the figure is closed."""
        from ..analysis import charts
        from .render import data_uri

        text = self._caption("figure", caption, fact_ids, sources)
        width = min(100, round(100 * fig.get_size_inches()[0] / charts.WIDTH))
        uri = data_uri(charts.svg_bytes(fig), "image/svg+xml")
        esc = html.escape
        self._show_html(f'<figure>\n<img src="{uri}" alt="{esc(caption)}" width="{width}%">\n'
                        f"<figcaption>{esc(text)}</figcaption>\n</figure>", text)

    def table(self, df, caption: str, columns: dict | None = None, fact_ids=(), sources=(),
              decimals: dict | None = None, qualifiers: dict | None = None,
              suffix: dict | None = None, plain=()) -> None:
        """A DataFrame as a numbered, captioned table; ``columns`` maps the columns to show
        to their headings; numbers are written the way the language writes them, with
        ``decimals`` per column, a qualifier taken from another column (``qualifiers``:
        column -> qualifier column, e.g. 'more than') and a ``suffix`` such as '%'.  Years
        (columns whose name ends in 'year') and the ``plain`` columns are not grouped."""
        text = self._caption("table", caption, fact_ids, sources)
        columns = columns or {c: c for c in df.columns}
        decimals, qualifiers, suffix = decimals or {}, qualifiers or {}, suffix or {}
        esc = html.escape
        numeric = {c: all(_is_number(v) or _cell_text(v) == "–" for v in df[c]) and df[c].notna().any()
                   for c in columns}
        align = {c: ' align="right"' if numeric[c] else ' align="left"' for c in columns}
        head = "".join(f"<th{align[c]}>{esc(str(h))}</th>" for c, h in columns.items())
        body, rows_text = [], []
        for _, row in df.iterrows():
            cells, cells_text = [], []
            rows_text.append(cells_text)
            for c in columns:
                v = row[c]
                num = _is_number(v)
                if num and (c.endswith("year") or c in plain):
                    shown = str(int(v)) if float(v).is_integer() else str(v)
                elif num:
                    shown = i18n.number(v, self.lang, decimals.get(c)) + suffix.get(c, "")
                else:
                    shown = _cell_text(v)
                if num and c in qualifiers:
                    shown = i18n.qualified(shown, str(row[qualifiers[c]]), self.lang)
                elif isinstance(v, bool) or type(v).__name__ == "bool_":
                    shown = self.t(f"bool.{bool(v)}")
                cells.append(f"<td{align[c]}>{esc(shown)}</td>")
                cells_text.append(shown)
            body.append("<tr>" + "".join(cells) + "</tr>")
        self._show_html(f"<table>\n<caption>{esc(text)}</caption>\n{_colgroup(columns, rows_text)}"
                        f"<thead><tr>{head}</tr></thead>\n"
                        f"<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>",
                        text + "\n" + df[list(columns)].to_string(index=False))

    def questions(self, keys=None) -> None:
        """Discussion questions, shown to a seminar only."""
        if self.audience != "seminar":
            return
        items = i18n.questions(self.notebook, self.lang) if keys is None else [self.t(k) for k in keys]
        self.heading(self.t("report.questions"))
        self.prose("\n".join(f"{i}. {q}" for i, q in enumerate(items, 1)))

    def references(self) -> None:
        """The full citation of every source cited, with the facts drawn from it."""
        from ..store.sources import _sources, format_source

        self.heading(self.t("report.references"))
        reg = _sources()
        lines = []
        for sid, ids in self._cited.items():
            if sid in reg:
                line = format_source(reg[sid], "apa")
            else:
                line = sid
            if ids:
                line += f" {self.t('report.facts_used')}: " + ", ".join(f"`{i}`" for i in ids) + "."
            lines.append(f"- {line}")
        self.prose("\n".join(lines) if lines else self.t("report.no_references"))


def _colgroup(columns: dict, rows: list[list[str]]) -> str:
    """Relative column widths for a wide table (text columns get room, numbers little);
    none for a narrow one, which the page lays out by itself."""
    natural = []
    for i, head in enumerate(columns.values()):
        longest_word = max((len(w) for w in str(head).split()), default=1)
        longest_cell = max((len(r[i]) for r in rows), default=1)
        # + 3: a cell's inset and gutter, so that a short word ("Chongqing") never overflows
        natural.append(max(longest_word + 1, min(longest_cell, 60), 4) + 3)
    if sum(natural) <= 95:
        return ""
    total = sum(natural)
    return "<colgroup>" + "".join(f'<col width="{100 * n / total:.1f}%">' for n in natural) + "</colgroup>\n"


def _as_list(x) -> list[str]:
    """Ids given as one string ('a; b' as in a fact_ids column) or as an iterable of such."""
    if x is None:
        return []
    items = [x] if isinstance(x, str) else list(x)
    out = []
    for item in items:
        if isinstance(item, str):
            out += [p.strip() for p in item.replace(";", ",").split(",") if p.strip()]
        elif hasattr(item, "__iter__"):        # a list, a column, an array
            out += _as_list(list(item))
    return out


def _is_number(v) -> bool:
    import numbers

    if isinstance(v, bool) or v is None:
        return False
    try:
        import pandas as pd

        if pd.isna(v):
            return False
    except (TypeError, ValueError):
        pass
    return isinstance(v, numbers.Number)


def _cell_text(v) -> str:
    try:
        import pandas as pd

        if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)):
            return "–"
    except (TypeError, ValueError):
        pass
    return str(v)
