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


from .markup import ALT_SLOT, CAPTION_SLOT, data_uri


class Text(str):
    """A live value for the prose: its plain text is itself, without a string's repr
    quotes, so jupyterlab-myst shows it inline (a markdown display would be a block of
    its own) and the stored ``user_expressions`` hold the value as the report prints it."""

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))


class Writer:
    """Values for the prose of one language, used in the notebooks' MyST markdown as
    ``{eval}`en.value("vn2025-provinces-after-thuc")``` (``en``) or the same with ``vi``.

    Every method returns the value written the way the language writes it (numbers,
    dates, qualifier words) and notes what it cites for the edition's references."""

    def __init__(self, report: "Report", lang: str):
        self._r, self.lang = report, lang

    def __repr__(self) -> str:
        return f"<writer {self.lang} of {self._r.notebook}>"

    def value(self, fact_id: str, decimals: int | None = None, unit: bool = False,
              absolute: bool = False, words: bool = False) -> Text:
        """A fact's value with its qualifier (and unit): 'more than 10,000' / 'hơn 10.000';
        ``absolute`` drops the sign of a change for prose that says 'a fall of';
        ``words`` spells out a count below eleven ('three tiers' / 'ba cấp')."""
        f = self._r.fact(fact_id)
        if absolute and f.kind == "number":
            import dataclasses

            f = dataclasses.replace(f, value=abs(f.value))
        return Text(i18n.fact_value(f, self.lang, decimals=decimals, unit=unit, words=words))

    def number(self, x, decimals: int | None = None, words: bool = False) -> Text:
        """A number computed by the library, written in this language: 10,035 / 10.035;
        ``words`` spells out a whole count below eleven ('six dimensions' / 'sáu khía cạnh')."""
        if words:
            return Text(i18n.count_words(x, self.lang))
        return Text(i18n.number(x, self.lang, decimals))

    def percent(self, x, decimals: int | None = 1) -> Text:
        """A share computed by the library: 66.9% / 66,9%."""
        return Text(i18n.number(x, self.lang, decimals) + "%")

    def period(self, fact_id: str) -> Text:
        """A fact's reference date or period ('' when it has none)."""
        return Text(i18n.period(self._r.fact(fact_id).period, self.lang))

    def during(self, fact_id: str, opening: bool = False) -> Text:
        """A fact's reference date or period as a phrase of time: 'from 1 July to August
        2025' / 'từ 1/7 đến tháng 8/2025', 'since 2019' / 'từ năm 2019', 'in 2019' /
        'năm 2019'; ``opening`` capitalizes it for the start of a sentence."""
        text = i18n.during(self._r.fact(fact_id).period, self.lang)
        return Text(text[:1].upper() + text[1:] if opening else text)

    def date(self, iso: str) -> Text:
        """An ISO date ('2025-07-01', '2025-07', '2025') as this language writes it."""
        return Text(i18n.date(str(iso), self.lang))

    def year(self, fact_id: str) -> Text:
        """The year of a fact whose value is a date ('2025' of 1 July 2025), or the value
        of a fact that is a year, with its qualifier."""
        f = self._r.fact(fact_id)
        if f.kind == "date":
            return Text(i18n.qualified(str(f.value)[:4], f.qualifier, self.lang))
        return self.value(fact_id)

    def text(self, value) -> Text:
        """A value the library gives in both languages (``{"en": …, "vi": …}``, e.g. a
        province's name or kind in a profile) in this writer's language; a plain string
        as it is."""
        if isinstance(value, dict):
            return Text(value[self.lang])
        return Text(str(value))

    def word(self, key: str, **fields) -> Text:
        """A word of the furniture catalogue (a level, a qualifier, a country name)."""
        return Text(i18n.t(key, self.lang, **fields))

    def names(self, fact_id: str) -> Text:
        """The items of a list fact, joined as this language joins them."""
        f = self._r.fact(fact_id)
        items = [i18n.item(x, self.lang) for x in f.value]
        if len(items) < 2:
            return Text("".join(items))
        last = " và " if self.lang == "vi" else " and "
        return Text(", ".join(items[:-1]) + last + items[-1])

    def cite(self, fact_ids=(), sources=()) -> Text:
        """'(Nguyễn Thị Thục 2025)': the sources of facts (and of datasets), noted for the
        references."""
        return Text(self._r.cite(fact_ids, sources, lang=self.lang))

    def param(self, name: str) -> Text:
        """The value of one parameter of this edition, as the title block names it
        ('population', 'dân số')."""
        return Text(i18n.param_value(name, self._r.params[name], self.lang))

    def parameters(self) -> Text:
        """The parameters of this edition, echoed as prose (the injected cell is never shown)."""
        return Text(self._r.parameters_list(self.lang))


def start(notebook: str, **values) -> "Report":
    """The first call of every notebook, right after its parameters cell::

        R = page.start("vietnam_2025_reorganization", lang=lang, audience=audience,
                       sort_by=sort_by)
        en, vi = R.en, R.vi          # the writers the prose's {eval} expressions use

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
        self._caveats: dict[str, int] = {}       # fact id -> number of its note, in order of use
        self.caveats = True                      # print the notes on the figures
        self.en, self.vi = Writer(self, "en"), Writer(self, "vi")

    @property
    def w(self) -> Writer:
        """The writer of this edition's language."""
        return getattr(self, self.lang)

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
        """A fact of the store, noted for the references (and, when it carries a caveat
        for the reader, numbered for the notes on the figures)."""
        from ..store.facts import fact

        f = fact(fact_id)
        self._note(f.source, f.id)
        return f

    def note_marks(self, fact_ids) -> str:
        """The superscript numbers of the notes on the figures of some facts ('⁷,⁸'),
        numbering a fact's note at its first citation; '' when none has a caveat or the
        edition shows no notes (``caveats = False``, e.g. an exercise's student edition,
        whose notes would give the answers away)."""
        from ..store.facts import fact

        if not self.caveats:
            return ""
        numbers = []
        for fid in _as_list(fact_ids):
            if fact(fid).caveat_en:
                n = self._caveats.setdefault(fid, len(self._caveats) + 1)
                if n not in numbers:
                    numbers.append(n)
        return _marks(sorted(numbers))

    def value(self, fact_id: str, decimals: int | None = None, unit: bool = False) -> str:
        """A fact's value as text in this language with its qualifier: 'hơn 10.000'."""
        return i18n.fact_value(self.fact(fact_id), self.lang, decimals=decimals, unit=unit)

    def period(self, fact_id: str) -> str:
        """A fact's reference date or period, written in this language ('' when none)."""
        return i18n.period(self.fact(fact_id).period, self.lang)

    def cite(self, fact_ids=(), sources=(), lang: str | None = None, to: str = "markdown",
             marks: bool = True) -> str:
        """'(Nguyễn Thị Thục, 2025, Section 3.2)': an in-text citation of facts (each with
        its locator; a second-hand figure says whose work the article cites) and of
        sources, formatted by pandoc's citeproc with APA 7 in the edition's CSL locale.
        Notes what it cites for the references; the facts that carry a caveat get the
        numbers of their notes on the figures after the citation (``marks``), where a
        reader takes them for notes, not for exponents of a figure.  ``to``: 'markdown',
        'plain' or 'html'."""
        from ..locale import citations
        from ..store.sources import _sources

        lang = lang or self.lang
        parts: dict[str, list] = {}
        for fid in _as_list(fact_ids):
            f = self.fact(fid)
            where = citations.fact_locator_parts(f, lang)
            # what the article states and what it takes from a work it cites are cited
            # apart, so that 'as cited in' never covers a figure of the article's own
            parts.setdefault((f.source, bool(where[2])), []).append(where)
        named = []                       # a publisher a table names in its own column
        reg = _sources()
        for s in _as_list(sources):
            if s in reg:
                parts.setdefault((s, False), [])
                self._note(s, None)
            elif s and s not in named:
                named.append(s)
        cluster = tuple((sid,) + citations.join_locators(p, lang)[::-1]
                        for (sid, _), p in parts.items())
        text = citations.in_text(cluster, lang, to=to) if cluster else ""
        if named:
            extra = "; ".join(html.escape(n) if to == "html" else n for n in named)
            text = f"{text[:-1]}; {extra})" if text else f"({extra})"
        return text + (self.note_marks(fact_ids) if marks else "")

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

    def parameters_list(self, lang: str | None = None) -> str:
        """'Language: English; Audience: report; …': the parameters of this edition."""
        lang = lang or self.lang
        spec = params_mod.specs(self.notebook)
        return "; ".join(f"{i18n.param_label(k, lang, spec[k].description if k in spec else '')}: "
                         f"{i18n.param_value(k, v, lang)}" for k, v in self.params.items())

    def parameters_sentence(self) -> str:
        """The parameters, echoed as prose (the injected cell is never shown)."""
        return self.t("report.parameters", list=self.parameters_list())

    def _caption(self, kind: str, caption, fact_ids, sources) -> tuple[str, str]:
        """(HTML, plain text) of a numbered caption naming its sources.  Without
        ``caption`` the words come from the notebook's markdown cell tagged ``caption``
        just before this one; the renderer puts them into the slot.  ``sources`` may be
        the rows drawn on (a DataFrame): their source-id columns are cited and the lowest
        confidence flag of their confidence columns is stated.  A source's caption note
        (sources.toml: the copy used and its standing) follows the citation."""
        sources, flag = _sources_and_confidence(sources)
        self._n[kind] += 1
        where_html = self.cite(fact_ids, sources, to="html", marks=False)
        where = self.cite(fact_ids, sources, to="plain", marks=False)
        marks = self.note_marks(fact_ids)
        head = f"{self.t(f'caption.{kind}')} {self._n[kind]}."
        label = self.t("caption.source")
        # a citation that ends in 'n.d.' takes no second full stop
        src_html = f" {label}: {_stop(where_html[1:-1])}{marks}" if where else ""
        src = f" {label}: {_stop(where[1:-1])}{marks}" if where else ""
        extra = self._caption_notes(sources, flag)
        src_html += html.escape(extra)
        src += extra
        if caption is None:
            return f"{head} {CAPTION_SLOT}{src_html}", f"{head}{src}"
        return f"{html.escape(head + ' ' + caption.rstrip('.') + '.')}{src_html}", \
            f"{head} {caption.rstrip('.')}.{src}"

    def _caption_notes(self, sources, flag) -> str:
        """' PAPI (UNDP & CECODES), as distributed by …, unverified. Confidence: low.'"""
        from ..store.sources import _sources

        reg = _sources()
        out = ""
        for sid in dict.fromkeys(_as_list(sources)):
            if sid in reg and reg[sid].caption_note:
                note = reg[sid].caption_note_vi if self.lang == "vi" and reg[sid].caption_note_vi else reg[sid].caption_note
                out += f" {note.rstrip('.')}."
        if flag:
            key = f"confidence.{flag}"
            word = self.t(key) if i18n.has(key) else flag
            out += " " + self.t("caption.confidence", flag=word)
        return out

    def figure(self, fig, caption: str | None = None, fact_ids=(), sources=()) -> None:
        """A matplotlib figure as a numbered SVG whose caption names its sources, with
        links to download it as SVG and PNG (HTML only); the figure is closed."""
        from ..analysis import charts

        text, plain = self._caption("figure", caption, fact_ids, sources)
        width = min(100, round(100 * fig.get_size_inches()[0] / charts.WIDTH))
        png = _png_bytes(fig)                  # before svg_bytes, which closes the figure
        svg = charts.svg_bytes(fig)
        uri = data_uri(svg, "image/svg+xml")
        alt = f'alt="{html.escape(caption)}"' if caption else ALT_SLOT
        name = self._download_name("figure")
        links = self._downloads([(svg, "image/svg+xml", f"{name}.svg", "download.figure_svg"),
                                 (png, "image/png", f"{name}.png", "download.figure_png")])
        self._show_html(f'<figure>\n<img src="{uri}" {alt} width="{width}%">\n'
                        f"<figcaption>{text}</figcaption>\n</figure>\n{links}", plain)

    def table(self, df, caption: str | None = None, columns=None, fact_ids=(), sources=(),
              decimals: dict | None = None, qualifiers: dict | None = None,
              suffix: dict | None = None, plain=()) -> None:
        """A DataFrame as a numbered, captioned table; ``columns`` maps the columns to show
        to their headings (a list of columns takes the headings of the furniture
        catalogue, ``col.<name>``); numbers are written the way the language writes them, with
        ``decimals`` per column, a qualifier taken from another column (``qualifiers``:
        column -> qualifier column, e.g. 'more than') and a ``suffix`` such as '%'.  Years
        (columns whose name ends in 'year') and the ``plain`` columns are not grouped."""
        text, caption_plain = self._caption("table", caption, fact_ids, sources)
        if columns is None or not isinstance(columns, dict):
            names = list(df.columns) if columns is None else list(columns)
            columns = {c: self.t(f"col.{c}") if i18n.has(f"col.{c}") else c for c in names}
        decimals, qualifiers, suffix = decimals or {}, qualifiers or {}, suffix or {}
        esc = html.escape
        numeric = {c: all(_is_number(v) or _cell_text(v) == "–" for v in df[c]) and df[c].notna().any()
                   for c in columns}
        # the attribute for the PDF's layout, the inline style for browsers and JupyterLab
        # (whose stylesheet right-aligns every cell and beats a bare align attribute)
        align = {c: ' align="right" style="text-align:right"' if numeric[c]
                 else ' align="left" style="text-align:left"' for c in columns}
        head = "".join(f"<th{align[c]}>{esc(str(h))}</th>" for c, h in columns.items())
        body = []
        for _, row in df.iterrows():
            cells = []
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
            body.append("<tr>" + "".join(cells) + "</tr>")
        csv = _csv_bytes(df, columns, qualifiers, self.lang)
        links = self._downloads([(csv, "text/csv;charset=utf-8",
                                  f"{self._download_name('table')}.csv", "download.table_csv")])
        # no column widths: the browser lays a table out from its content (a wide one
        # scrolls inside its box), the PDF measures the cells itself (render.table_layout)
        self._show_html(f'<div class="table-box">\n<table>\n<caption>{text}</caption>\n'
                        f"<thead><tr>{head}</tr></thead>\n"
                        f"<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n" + links,
                        caption_plain + "\n" + df[list(columns)].to_string(index=False))

    def _download_name(self, kind: str) -> str:
        """'vietnam_2025_reorganization.vi.table-2': the file name (without extension) of
        the download of the table or figure just numbered."""
        return f"{self.notebook}.{self.lang}.{kind}-{self._n[kind]}"

    def _downloads(self, files) -> str:
        """Links that save a table's or figure's data, each a self-contained ``data:`` URI
        with a file name; ``files``: (bytes, MIME type, file name, catalogue key of the link
        text).  The HTML shows them; the PDF drops the paragraph (render.DOWNLOADS)."""
        links = [f'<a download="{html.escape(name)}" href="{data_uri(data, mime)}">'
                 f"{html.escape(self.t(key))}</a>" for data, mime, name, key in files]
        return '<p class="downloads">' + " · ".join(links) + "</p>"

    def glossary(self, caption: str | None = None) -> None:
        """The bilingual glossary as a table: the term in this edition's language, the
        other language's term beside it, and our short definition in this language; the
        caption cites the articles that use the terms."""
        import pandas as pd

        from ..views.matrix import glossary

        other = "vi" if self.lang == "en" else "en"
        df = pd.DataFrame([{"term": t[self.lang], "other": t[other],
                            "definition": t[f"definition_{self.lang}"]} for _, t in glossary().iterrows()])
        order = sorted(range(len(df)), key=lambda i: _collation_key(df["term"][i], self.lang))
        df = df.iloc[order].reset_index(drop=True)
        used_in = sorted({s for row in glossary()["sources"] for s in str(row).split(";") if s})
        self.table(df, caption=caption, sources=used_in, columns={
            "term": self.t("col.glossary_term"), "other": self.t(f"col.glossary_in_{other}"),
            "definition": self.t("col.definition")})

    def notes(self) -> None:
        """The notes on the figures: the caveat of every fact this edition used that has
        one (an unresolved base, an inferred date, a second-hand figure …), numbered as the
        superscripts in the prose."""
        from ..store.facts import fact

        if not self._caveats:
            return
        self.heading(self.t("report.notes"))
        items = []
        for fid, n in sorted(self._caveats.items(), key=lambda kv: kv[1]):
            f = fact(fid)
            label = f.quantity_vi if self.lang == "vi" else f.quantity_en
            caveat = f.caveat_vi if self.lang == "vi" else f.caveat_en
            items.append(f'<li value="{n}"><em>{html.escape(label)}</em>: {html.escape(caveat)}</li>')
        self._show_html('<ol class="figure-notes">\n' + "\n".join(items) + "\n</ol>",
                        "\n".join(f"{n}. {fid}" for fid, n in self._caveats.items()))

    def references(self) -> None:
        """The reference list of every source this edition cited: pandoc citeproc output
        (APA 7, CSL locale en-US or vi-VN), each entry followed by the facts drawn from it,
        and the list as BibTeX and CSL-JSON downloads (HTML edition only)."""
        from ..locale import citations
        from ..store.sources import _sources

        self.notes()
        self.heading(self.t("report.references"))
        reg = _sources()
        ids = [sid for sid in self._cited if sid in reg]
        if not ids:
            self.prose(self.t("report.no_references"))
            return
        entries = citations.references(ids, self.lang, to="html", with_ids=True)
        plain = dict(citations.references(ids, self.lang, with_ids=True))
        blocks, text = [], []
        for sid, entry in entries:          # citeproc's order (APA: by author, then year)
            used = self._cited[sid]
            facts = (f'<p class="facts-used">{html.escape(self.t("report.facts_used"))}: '
                     + ", ".join(f"<code>{html.escape(f)}</code>" for f in used) + "</p>") if used else ""
            blocks.append(entry + facts)
            text.append(plain[sid])
        name = f"{self.notebook}.{self.lang}.references"
        links = (f'<p class="downloads">{html.escape(self.t("report.references_files"))} '
                 f'<a download="{name}.bib" href="{data_uri(citations.bibtex(ids, self.lang).encode("utf-8"), "application/x-bibtex")}">BibTeX</a> · '
                 f'<a download="{name}.json" href="{data_uri(citations.csl_json(ids, self.lang).encode("utf-8"), "application/vnd.citationstyles.csl+json")}">CSL-JSON</a></p>')
        self._show_html('<div class="references csl-bib-body">\n' + "\n".join(blocks)
                        + "\n</div>\n" + links, "\n".join(text))


def _csv_bytes(df, columns: dict, qualifiers: dict, lang: str) -> bytes:
    """The columns a table shows, as CSV (UTF-8, no BOM, ``\\n`` line ends): headed as the
    table heads them, with the values themselves (numbers unrounded, '.' for decimals), and
    after a column with qualifiers ('more than') a column of the qualifier words."""
    import pandas as pd

    heads, values = [], []
    for c, h in columns.items():
        heads.append(str(h))
        values.append(list(df[c]))
        if c in qualifiers:
            heads.append(i18n.t("download.qualifier", lang, column=h))
            values.append([_qualifier_word(q, lang) for q in df[qualifiers[c]]])
    out = pd.DataFrame(dict(enumerate(values)))
    out.columns = heads
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _qualifier_word(q, lang: str) -> str:
    """'more than' -> 'hơn' in Vietnamese; '' for an exact value or none."""
    if not isinstance(q, str) or q not in i18n.QUALIFIERS:
        return ""
    return i18n.qualified("", q, lang).strip()


def _png_bytes(fig) -> bytes:
    """The figure as PNG (150 dpi: about 1000 pixels across, enough for a slide; no
    software stamp, so the same bytes on every run)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# Vietnamese alphabetical order: letters with breve, circumflex and horn, and đ, are
# letters of their own; tone marks only break ties.
_VI_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _collation_key(text: str, lang: str) -> tuple:
    """Sort key for a glossary in ``lang``: Vietnamese alphabet order in Vietnamese,
    case, brackets and diacritics ignored in English."""
    import unicodedata

    word = text.casefold().lstrip("(")
    if lang != "vi":
        plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
        return (plain, word)
    letters, tones = [], []
    for ch in unicodedata.normalize("NFC", word):
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        letters.append(_VI_LETTERS.index(base) if base in _VI_LETTERS else 100 + ord(base[0]))
        tones.append(tone)
    return (tuple(letters), tuple(tones))


def _marks(numbers: list[int]) -> str:
    """Note numbers as superscripts, runs of three or more as a range: '¹–⁴,⁷'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    sup = [[str(n).translate(_SUPERSCRIPT) for n in r] for r in runs]
    return ",".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ",".join(r) for r in sup)


def _stop(text: str) -> str:
    """``text`` ending in one full stop."""
    return text if text.endswith(".") else text + "."


def _sources_and_confidence(sources):
    """(source ids, lowest confidence flag or None) of ``sources``: ids as given, or the
    rows drawn on (a DataFrame with source-id and confidence columns)."""
    try:
        import pandas as pd
    except ImportError:          # pragma: no cover
        return sources, None
    if not isinstance(sources, pd.DataFrame):
        return sources, None
    from ..analysis.regression import _FLAG_ORDER

    ids = [v for col in sources.columns if str(col).endswith("source_id")
           for v in sources[col].dropna().astype(str)]
    flags = {str(v) for col in sources.columns if str(col).endswith("confidence")
             for v in sources[col].dropna()}
    order = list(_FLAG_ORDER)
    flag = max(flags, key=lambda f: (order.index(f) if f in order else len(order), f)) if flags else None
    return ids, flag


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
