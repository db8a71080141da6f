"""An executed notebook → a clean notebook, a self-contained HTML page and a PDF.

The route (no TeX, no browser, nothing outside the Python environment):

1. **clean**: papermill's timing metadata and ipykernel's execution timestamps are
   stripped, the injected cell gets a fixed id, so the saved ``.ipynb`` is the same bytes
   on every rebuild.
2. **HTML**: nbconvert's ``basic`` template renders the cells' outputs (the injected and
   the ``parameters`` cells never; code inputs only for the seminar audience); we wrap
   the fragment in one page with a title block (title, parameters, data version) and a
   small inline stylesheet.  Figures arrive as ``<figure>`` with an SVG data URI and a
   ``<figcaption>``, tables as ``<table>`` with a ``<caption>`` (see
   :class:`comparative.reports.Report`), so the HTML needs no side files.
3. **PDF**: the same HTML fragment (its images written to files first) goes through
   pandoc (the binary that the ``pypandoc-binary`` wheel ships) to Typst markup (figures
   and captions become ``#figure``, tables real ``#table``), which the ``typst`` wheel
   compiles with a fixed page template: title block, running header, page numbers
   ``n / N``.  Fonts are only those shipped inside the wheels (Typst's Libertinus Serif,
   matplotlib's DejaVu Sans), never the system's, and the document date is fixed, so the
   PDF is byte-identical across rebuilds and machines with the same environment.  Both
   fonts carry the Vietnamese letters; neither carries Chinese characters (see
   :func:`replace_cjk`).

Why this route: nbconvert's ``--to pdf`` needs a TeX installation and ``webpdf`` a
Chromium; both are system software.  pandoc and typst come as wheels, take well under a
second per report, and the PDF shows the same content as the HTML because it is made
from it.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import re
import subprocess
import tempfile
from pathlib import Path

from ..errors import ComparativeError
from . import narrative

HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "lab-only"}
AUDIENCES = ("report", "seminar")


class RenderError(ComparativeError):
    """pandoc or typst failed on an executed notebook."""


# ------------------------------------------------------------------ clean

_NB_PAPERMILL_KEEP = ("parameters",)


def clean_notebook(nb, info: dict):
    """Strip what changes between runs of the same notebook; record what the report is.

    Works on an nbformat NotebookNode (or plain dict) in place and returns it."""
    meta = nb["metadata"]
    pm = meta.get("papermill", {})
    meta["papermill"] = {k: pm[k] for k in _NB_PAPERMILL_KEEP if k in pm}
    meta["comparative"] = {k: info[k] for k in ("notebook", "entry", "lang", "audience",
                                                "parameters", "data_version", "version")
                           if k in info}
    meta.pop("widgets", None)
    if info.get("lang"):   # an edition keeps the prose of its own language only
        nb["cells"] = [c for c in nb["cells"]
                       if narrative.cell_lang(c) in (None, info["lang"])]
    for i, cell in enumerate(nb["cells"]):
        cm = cell.get("metadata", {})
        cm.pop("papermill", None)
        cm.pop("execution", None)
        if "injected-parameters" in cm.get("tags", []):
            cell["id"] = "injected-parameters"
        elif not cell.get("id"):
            cell["id"] = f"cell-{i}"
    return nb


def report_view(nb, audience: str, lang: str | None = None):
    """A copy holding only what a reader of one edition sees.

    Dropped: parameter cells, lab-only notes, the other language's prose (``lang-*``
    tags), seminar-only cells outside the seminar, the ``title`` cell (it becomes the
    title block), warnings printed to stderr, error outputs.  The prose gets its
    ``{eval}`` values written in; a ``caption`` cell becomes the caption of the table or
    figure of the next code cell; in the seminar edition code comments keep the edition's
    language (``# en: …`` / ``# vi: …``) and cells tagged ``remove-input`` show only
    their output."""
    view = copy.deepcopy(nb)
    cells, caption = [], None
    for cell in view["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_TAGS:
            continue
        if cell["cell_type"] == "markdown":
            cl = narrative.cell_lang(cell)
            if (lang and cl and cl != lang) or ("seminar" in tags and audience != "seminar") \
                    or "title" in tags or not narrative.holds(cell):
                continue
            text = narrative.substitute(cell) if narrative.expressions(narrative.source(cell)) \
                else narrative.source(cell)
            if "caption" in tags:
                caption = text.strip()
                continue
            cell["source"] = text
        elif cell["cell_type"] == "code":
            cell["outputs"] = [o for o in cell.get("outputs", [])
                               if o.get("output_type") != "error"
                               and not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            if caption is not None and _fill_caption(cell, caption):
                caption = None
            if audience == "seminar":
                cell["source"] = edition_comments(narrative.source(cell), lang)
                if "remove-input" in tags:
                    cell.setdefault("metadata", {})["transient"] = {"remove_source": True}
            if audience == "report" and not cell["outputs"]:
                continue
        cells.append(cell)
    view["cells"] = cells
    return view


_COMMENT = re.compile(r"^(\s*)# (en|vi): ?(.*)$")


def edition_comments(code: str, lang: str | None) -> str:
    """Code with only the comments of one language: ``# en: …`` lines become ``# …`` in
    the English edition and disappear from the Vietnamese one (and the other way)."""
    out = []
    for line in code.splitlines():
        m = _COMMENT.match(line)
        if m and lang:
            if m.group(2) == lang:
                out.append(f"{m.group(1)}# {m.group(3)}".rstrip())
            continue
        out.append(line)
    return "\n".join(out)


def _inline_html(markdown: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    out = markdown2html_mistune(markdown).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def _fill_caption(cell, caption: str) -> bool:
    """Put a caption's words into the slot of the first table or figure among a code
    cell's outputs; False when the cell shows none."""
    from .markup import ALT_SLOT, CAPTION_SLOT

    for o in cell.get("outputs", []):
        data = o.get("data", {})
        if "text/html" not in data:
            continue
        h = data["text/html"]
        h = "".join(h) if isinstance(h, list) else h
        if CAPTION_SLOT not in h:
            continue
        words = _inline_html(caption.rstrip(".")) + "."
        alt = html.escape(re.sub(r"[*_`]", "", caption), quote=True)
        data["text/html"] = h.replace(CAPTION_SLOT, words, 1).replace(ALT_SLOT, f'alt="{alt}"', 1)
        return True
    return False


def stderr_outputs(nb) -> list[tuple[int, str]]:
    """(cell number, text) of every warning a notebook printed: kept out of the report,
    listed by the build."""
    out = []
    for i, cell in enumerate(nb["cells"], 1):
        for o in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = o.get("text", "")
                out.append((i, "".join(text) if isinstance(text, list) else text))
    return out


# ------------------------------------------------------------------ HTML

_exporters: dict = {}
_warm = False


def warm_up() -> None:
    """Import nbconvert, load its templates and typst's fonts once per process (about
    1 s), so that the time of a render is the render's own."""
    global _warm
    if _warm:
        return
    import nbformat
    import typst

    for audience in AUDIENCES:
        html_fragment(nbformat.v4.new_notebook(), audience)
    typst.compile(b"warm", font_paths=font_dirs(), ignore_system_fonts=True, timestamp=0)
    _warm = True


def _plain_code(source: str, language=None, metadata=None) -> str:
    """Code as plain preformatted text: syntax colouring costs half a second per seminar
    report (thousands of spans to sanitize and parse) and the PDF has none anyway."""
    return f'<div class="highlight"><pre>{html.escape(source, quote=False)}</pre></div>'


def html_fragment(view, audience: str) -> str:
    """nbconvert's ``basic`` template: the cells as an HTML fragment."""
    if audience not in _exporters:
        from nbconvert import HTMLExporter

        _exporters[audience] = HTMLExporter(
            template_name="basic", exclude_input=(audience == "report"),
            exclude_input_prompt=True, exclude_output_prompt=True,
            exclude_anchor_links=True, filters={"highlight_code": _plain_code})
    body, _ = _exporters[audience].from_notebook_node(view)
    # nbconvert names cells by their ids; keep the page free of run-specific names.
    return body.strip() + "\n"


CSS = """
body{font-family:"DejaVu Serif","Libertinus Serif",Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1,h2,h3{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;line-height:1.25}
h1{font-size:1.7rem;margin-bottom:.2rem}
.title-block{border-bottom:1px solid #888;margin-bottom:1.5rem;padding-bottom:.6rem}
.title-block .subtitle{font-size:1.1rem;margin:.2rem 0 .6rem}
.title-block dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;font-size:.9rem;margin:0}
.title-block dt{font-weight:bold}.title-block dd{margin:0}
table{border-collapse:collapse;margin:1rem 0;font-family:"DejaVu Sans",sans-serif;font-size:.85rem}
th,td{padding:.2rem .6rem;text-align:left;vertical-align:top}
thead th{border-bottom:1px solid #444}
caption,figcaption{caption-side:top;text-align:left;font-size:.85rem;color:#333;padding:.3rem 0}
figure{margin:1.2rem 0}figure img{max-width:100%;height:auto}
pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:.85rem}
""".strip()


def title_rows(info: dict) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in info.get("title_rows", [])]


def html_page(fragment: str, info: dict) -> str:
    esc = html.escape
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in title_rows(info))
    subtitle = f'<p class="subtitle">{esc(info["subtitle"])}</p>' if info.get("subtitle") else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(info["lang"])}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="comparative {esc(info.get("version", ""))}">\n'
        f"<title>{esc(info['title'])}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f'<header class="title-block">\n<h1>{esc(info["title"])}</h1>\n{subtitle}\n'
        f"<dl>{rows}</dl>\n</header>\n<main>\n{fragment}</main>\n</body>\n</html>\n")


# ------------------------------------------------------------------ PDF

TYPST_TEMPLATE = r"""
#let meta = json(bytes(sys.inputs.meta))
#set document(title: meta.title, author: meta.author, date: none)
#set text(font: ("Libertinus Serif", "DejaVu Sans"), size: 10.5pt, lang: meta.lang)
#set par(justify: true, leading: 0.62em, spacing: 1em)
#set page(
  paper: "a4",
  margin: (x: 2.1cm, top: 2.3cm, bottom: 2.3cm),
  header: context {
    if counter(page).get().first() > 1 {
      set text(size: 8pt, fill: luma(90), font: "DejaVu Sans")
      meta.title
      h(1fr)
      meta.edition
    }
  },
  footer: context {
    set text(size: 8.5pt, font: "DejaVu Sans")
    h(1fr)
    counter(page).display("1 / 1", both: true)
    h(1fr)
  },
)
#show heading: set text(font: "DejaVu Sans", weight: "bold")
#show heading.where(level: 1): set text(size: 15pt)
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 3): set text(size: 11pt)
#show heading: set block(above: 1.4em, below: 0.8em)
#set figure(numbering: none, gap: 0.6em)
#show figure.where(kind: table): set block(breakable: true)
#show figure.where(kind: image): set block(breakable: false)
#show figure.caption: set text(size: 8.8pt)
#show figure.caption: set align(left)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: image): set figure.caption(position: bottom)
#set table(inset: (x: 5pt, y: 3.5pt), stroke: (x, y) => if y == 0 { (bottom: 0.7pt) } else { (bottom: 0.2pt + luma(200)) })
#show table: set text(size: 8.4pt, font: "DejaVu Sans")
#show table: set par(justify: false)
#show raw: set text(font: "DejaVu Sans Mono", size: 8pt)
#show raw.where(block: true): block.with(fill: luma(246), inset: 6pt, width: 100%)
#let horizontalrule = line(length: 100%, stroke: 0.4pt)

#block(width: 100%, below: 1.6em)[
  #set par(justify: false)
  #text(size: 17pt, weight: "bold", font: "DejaVu Sans")[#meta.title]
  #if meta.subtitle != "" {
    v(0.2em)
    text(size: 11pt)[#meta.subtitle]
  }
  #v(0.5em)
  #set text(size: 8.8pt, font: "DejaVu Sans")
  #grid(columns: (auto, 1fr), column-gutter: 1.2em, row-gutter: 0.45em,
    ..meta.rows.map(r => (strong(r.at(0)), r.at(1))).flatten())
  #v(0.3em)
  #line(length: 100%, stroke: 0.5pt)
]

#include "body.typ"
"""

_ANCHOR = re.compile(r'\s(?:id)="cell-id=[^"]*"')


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def font_dirs() -> list[str]:
    import matplotlib

    return [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")]


_DATA_URI = re.compile(r'src="data:image/(svg\+xml|png|jpeg);base64,([A-Za-z0-9+/=\s]+)"')
_EXT = {"svg+xml": "svg", "png": "png", "jpeg": "jpg"}


def _extract_images(fragment: str, media_dir: Path) -> str:
    """Write the embedded images to files and point at them: pandoc then parses a few
    kilobytes instead of the base64 text (three times faster)."""
    count = 0

    def save(m):
        nonlocal count
        count += 1
        name = f"image-{count}.{_EXT[m.group(1)]}"
        (media_dir / name).write_bytes(base64.b64decode(m.group(2)))
        return f'src="media/{name}"'

    return _DATA_URI.sub(save, fragment)


def html_to_typst(fragment: str, media_dir: Path) -> str:
    fragment = _extract_images(_ANCHOR.sub("", fragment), media_dir)
    try:
        proc = subprocess.run(
            [pandoc_path(), "--from", "html-native_divs", "--to", "typst", "--wrap=none"],
            input=fragment.encode("utf-8"), capture_output=True, check=False,
            cwd=media_dir.parent)
    except OSError as exc:
        raise RenderError(f"pandoc could not start: {exc}") from None
    if proc.returncode:
        raise RenderError("pandoc failed: " + proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1])
    return proc.stdout.decode("utf-8")


# No font with Chinese characters ships in the environment (figures keep to pinyin); in
# the PDF a run of them, e.g. a source's original title, is replaced by a marker, and its
# translation beside it stays.  The HTML keeps the characters (browsers have the fonts).
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uf900-\ufaff\uff00-\uffef]+")


def replace_cjk(text: str, marker: str) -> str:
    return _CJK.sub(marker, text)


def pdf_bytes(fragment: str, info: dict) -> bytes:
    import typst

    fragment = replace_cjk(fragment, info.get("cjk_marker", "[…]"))

    meta = {"title": info["title"], "subtitle": info.get("subtitle", ""),
            "lang": info["lang"], "author": info.get("author", "comparative"),
            "edition": info.get("edition", ""),
            "rows": [list(r) for r in title_rows(info)]}
    with tempfile.TemporaryDirectory(prefix="comparative-render-") as tmp:
        root = Path(tmp)
        media = root / "media"
        media.mkdir()
        (root / "body.typ").write_text(html_to_typst(fragment, media), encoding="utf-8")
        (root / "main.typ").write_text(TYPST_TEMPLATE, encoding="utf-8")
        try:
            return typst.compile(str(root / "main.typ"), root=str(root), font_paths=font_dirs(),
                                 ignore_system_fonts=True, timestamp=0,
                                 sys_inputs={"meta": json.dumps(meta, ensure_ascii=False)})
        except Exception as exc:  # typst.TypstError carries a one-line message
            raise RenderError(f"typst failed: {getattr(exc, 'message', exc)}") from None


# ------------------------------------------------------------------ all three

def render(nb, info: dict) -> tuple[str, str, bytes]:
    """(notebook JSON, HTML page, PDF bytes) of an executed notebook; ``nb`` is cleaned in
    place first.  ``info``: notebook, entry, title, subtitle, lang, audience, parameters,
    title_rows, edition, data_version, version."""
    import nbformat

    clean_notebook(nb, info)
    title, subtitle = narrative.title_of(nb, info.get("lang"))
    if title:
        info = {**info, "title": title, "subtitle": subtitle}
    nb_text = nbformat.writes(nb) + "\n"
    view = report_view(nb, info["audience"], info.get("lang"))
    fragment = html_fragment(view, info["audience"])
    return nb_text, html_page(fragment, info), pdf_bytes(fragment, info)


from .markup import data_uri  # noqa: E402,F401  (kept importable from here)
