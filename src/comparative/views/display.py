"""How the library's objects show themselves in JupyterLab: HTML and markdown.

* a **fact**: its label in both languages, its value with its qualifier and unit, the
  verbatim quote, the citation (pandoc citeproc, APA, with the fact's locator), its note
  and caveat, and where it belongs (id, case, country, topic);
* a **source**: its reference and what it covers;
* a **case view**: each of its tables under its name (see ``CaseView._repr_html_``);
* a **regression result** (``RegressionResult._repr_html_`` in ``analysis.regression``):
  its summary line, its warnings and its coefficient table.

Facts and sources are records of the store, the layer below the citations, so they do not
format themselves: ``import comparative`` inside IPython registers these functions with
IPython's display formatters by type name (``comparative._register_displays``); call them
directly (``fact_html(f)``) anywhere else.  Every text is escaped (``html.escape``,
markdown's special characters), so a quote holding ``<`` or ``*`` shows as written.
"""

from __future__ import annotations

import html as _html

from .._text import escape_markdown
from ..locale import i18n as _i18n

__all__ = ["fact_html", "fact_markdown", "source_html", "source_markdown", "tables_html",
           "tables_markdown", "escape_markdown", "frame_html"]

def _e(text: object) -> str:
    return _html.escape(str(text), quote=True)


def _fact_parts(f, lang: str = "en") -> dict:
    from ..locale.citations import cite
    from ..store.facts import cases

    reference, _, in_text = str(cite(f.id, style="apa", lang=lang)).partition("\n")
    case = cases().get(f.case)
    return {
        "label": f.quantity_vi if lang == "vi" else f.quantity_en,
        "other": f.quantity_en if lang == "vi" else f.quantity_vi,
        "value": _i18n.fact_value(f, lang, unit=True),
        "period": _i18n.period(f.period, lang) if f.period else "",
        "quote": f.display_evidence, "locator": f.locator,
        "reference": reference, "in_text": in_text,
        "note": f.note, "caveat": f.caveat_vi if lang == "vi" else f.caveat_en,
        "case": (case.vi if lang == "vi" else case.en) if case else f.case,
    }


def fact_html(f, lang: str = "en") -> str:
    """A fact as an HTML card: label, value with qualifier, quote, citation, note."""
    p = _fact_parts(f, lang)
    t = lambda key: _e(_i18n.t(key, lang))                              # noqa: E731
    rows = [f'<div class="comparative-fact" lang="{lang}">',
            f'<p><strong>{_e(p["label"])}</strong><br>'
            f'<span style="color:#555" lang="{"en" if lang == "vi" else "vi"}">{_e(p["other"])}</span></p>',
            f'<p style="font-size:1.15em"><strong>{_e(p["value"])}</strong>'
            + (f' · {_e(p["period"])}' if p["period"] else "") + "</p>",
            f'<blockquote lang="vi" title="{t("index.quote")}" style="font-style:italic">'
            f'“{_e(p["quote"])}”</blockquote>',
            f'<p>{t("index.citation")}: {_e(p["reference"])}<br>{_e(p["in_text"])}</p>']
    if p["caveat"]:
        rows.append(f'<p><em>{_e(p["caveat"])}</em></p>')
    if p["note"]:
        rows.append(f'<p style="font-size:.9em">{t("index.note")}: {_e(p["note"])}</p>')
    rows.append(f'<p style="font-size:.85em;color:#555"><code>{_e(f.id)}</code> · {_e(p["case"])}'
                f' · {_e(f.country)} · {_e(f.topic)} · {_e(p["locator"])}</p></div>')
    return "\n".join(rows)


def fact_markdown(f, lang: str = "en") -> str:
    """A fact as markdown: the same parts as :func:`fact_html`."""
    p = _fact_parts(f, lang)
    m = escape_markdown
    lines = [f"**{m(p['label'])}**  ", f"*{m(p['other'])}*", "",
             f"**{m(p['value'])}**" + (f" · {m(p['period'])}" if p["period"] else ""), "",
             f"> “{m(p['quote'])}”", "",
             f"{m(_i18n.t('index.citation', lang))}: {m(p['reference'])}  ", m(p["in_text"])]
    if p["caveat"]:
        lines += ["", f"*{m(p['caveat'])}*"]
    if p["note"]:
        lines += ["", f"{m(_i18n.t('index.note', lang))}: {m(p['note'])}"]
    lines += ["", f"`{f.id}` · {m(p['case'])} · {f.country} · {m(f.topic)} · {m(p['locator'])}"]
    return "\n".join(lines)


def _source_parts(s, lang: str = "en") -> tuple[str, str]:
    from ..locale.citations import cite

    return str(cite(s.id, style="apa", lang=lang)), s.covers


def source_html(s, lang: str = "en") -> str:
    reference, covers = _source_parts(s, lang)
    return (f'<div class="comparative-source"><p>{_e(reference)}</p>'
            f'<p style="font-size:.9em;color:#555"><code>{_e(s.id)}</code> · {_e(s.kind)} · '
            f'{_e(covers)}</p></div>')


def source_markdown(s, lang: str = "en") -> str:
    reference, covers = _source_parts(s, lang)
    return f"{escape_markdown(reference)}\n\n`{s.id}` · {escape_markdown(s.kind)} · {escape_markdown(covers)}"


def frame_html(df) -> str:
    """A DataFrame as an escaped HTML table, without its index."""
    return df.to_html(index=False, escape=True, na_rep="", border=0)


def _frame_markdown(df) -> str:
    cols = [str(c) for c in df.columns]
    cell = lambda v: "" if v is None or str(v) in ("<NA>", "nan", "None") else escape_markdown(v)  # noqa: E731
    lines = ["| " + " | ".join(escape_markdown(c) for c in cols) + " |",
             "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |"
              for row in df.itertuples(index=False)]
    return "\n".join(lines)


def tables_html(title: str, tables: dict, footer: str = "") -> str:
    """Named tables under a title: a case view."""
    parts = [f'<div class="comparative-tables"><h4>{_e(title)}</h4>']
    for name, df in tables.items():
        parts.append(f"<h5><code>.{_e(name)}</code> ({len(df)} rows)</h5>")
        parts.append(frame_html(df))
    if footer:
        parts.append(f'<p style="font-size:.9em;color:#555">{_e(footer)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def tables_markdown(title: str, tables: dict, footer: str = "") -> str:
    parts = [f"#### {escape_markdown(title)}"]
    for name, df in tables.items():
        parts += ["", f"`.{name}` ({len(df)} rows)", "", _frame_markdown(df)]
    if footer:
        parts += ["", escape_markdown(footer)]
    return "\n".join(parts)
