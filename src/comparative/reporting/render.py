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
3. **PDF**: the same HTML fragment (its images written to files first, its download
   links dropped) goes through pandoc (the binary that the ``pypandoc-binary`` wheel
   ships) to Typst markup (figures and captions become ``#figure``), which the ``typst``
   wheel compiles with a fixed page template: title block, running header, page numbers
   ``n / N``.  Tables do not go through pandoc's layout: :func:`table_layout` measures
   their cells in the table font and gives every column at least its longest word (a
   number is one word, never broken), turns a table too wide for the page onto a
   landscape page or splits it, and the template's ``report-table`` keeps a caption with
   its first rows and a row on one page.  Fonts are only those shipped inside the wheels (Typst's Libertinus Serif,
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
from html.parser import HTMLParser
from pathlib import Path

from ..errors import ComparativeError
from . import narrative

HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "lab-only"}
AUDIENCES = ("report", "seminar", "teacher")
CLASS_AUDIENCES = ("seminar", "teacher")   # editions that show the code and the questions


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
        if tags & HIDDEN_TAGS or ("answer" in tags and audience != "teacher"):
            continue        # worked answers: the teacher's edition only
        if cell["cell_type"] == "markdown":
            cl = narrative.cell_lang(cell)
            if (lang and cl and cl != lang) or ("seminar" in tags and audience not in CLASS_AUDIENCES) \
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
            if audience in CLASS_AUDIENCES:
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
.title-block .colophon{font-size:.75rem;color:#555;margin:.4rem 0 0}
table{border-collapse:collapse;margin:1rem 0;font-family:"DejaVu Sans",sans-serif;font-size:.85rem}
th,td{padding:.2rem .6rem;text-align:left;vertical-align:top}
thead th{border-bottom:1px solid #444}
th[align=right],td[align=right]{text-align:right}td[align=right]{white-space:nowrap}
.table-box{overflow-x:auto}.table-box table{margin-bottom:.3rem}
.downloads{font-family:"DejaVu Sans",sans-serif;font-size:.78rem;margin:.1rem 0 1.2rem}
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
    colophon = f'<p class="colophon">{esc(info["colophon"])}</p>\n' if info.get("colophon") else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(info["lang"])}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="comparative {esc(info.get("version", ""))}">\n'
        f"<title>{esc(info['title'])}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f'<header class="title-block">\n<h1>{esc(info["title"])}</h1>\n{subtitle}\n'
        f"<dl>{rows}</dl>\n{colophon}</header>\n<main>\n{fragment}</main>\n</body>\n</html>\n")


# ------------------------------------------------------------------ PDF

TYPST_TEMPLATE = r"""
#let meta = json(bytes(sys.inputs.meta))
#set document(title: meta.title, author: meta.author, date: none)
#set text(font: ("Libertinus Serif", "DejaVu Sans"), size: 10.5pt, lang: meta.lang)
#set par(justify: true, leading: 0.62em, spacing: 1em)
#set page(
  paper: "a4",
  margin: (x: @MARGIN_X@mm, top: @MARGIN_Y@mm, bottom: @MARGIN_Y@mm),
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
// a figure that does not fit where it stands floats to the top of the next page, and the
// text after it fills the rest of this one, instead of leaving the page half empty
#show figure.where(kind: image): set figure(placement: auto)
#show figure.caption: set text(size: 8.8pt)
#show figure.caption: set align(left)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: image): set figure.caption(position: bottom)
#set table(inset: (x: @INSET@pt, y: 3.5pt), stroke: (x, y) => if y == 0 { (bottom: 0.7pt) } else { (bottom: 0.2pt + luma(200)) })
#show table: set text(size: @TABLE_SIZE@pt, font: "@TABLE_FONT@")
#show table: set par(justify: false)
// DejaVu Sans Mono lacks some precomposed Vietnamese letters (ủ, ề, ẫ…) and would stack
// combining marks at full advance ("c ủ a"); those letters come from DejaVu Sans.
#show raw: set text(font: ((name: "DejaVu Sans Mono", covers: regex("[^\u{1E00}-\u{1EFF}]")), "DejaVu Sans"), size: 8pt)
#show raw.where(block: true): block.with(fill: luma(246), inset: 6pt, width: 100%)
#let horizontalrule = line(length: 100%, stroke: 0.4pt)

// the title block is the first float at the top of page 1, so a figure floating to the
// top of that page is set below it, never above the title
#place(top, float: true, clearance: 1.6em, block(width: 100%)[
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
  #if meta.colophon != "" {
    v(-0.2em)
    text(size: 7.5pt, fill: luma(90))[#meta.colophon]
  }
])

#include "body.typ"
"""

# Imported by body.typ (an included file sees none of main.typ's names).
TYPST_TABLES = r"""// The report's tables (render.table_layout measured them): column widths from their
// content, every word of a cell kept whole (a number is never broken), a table too wide
// for the page on a landscape page or split into parts that repeat the first column.
#let report-tables = json("tables.json")
#let report-cell(tokens) = if tokens.len() == 0 { [] } else {
  tokens.map(t => if t.at(1) { box(t.at(0)) } else { t.at(0) }).join(" ")
}
#let report-part(t, p) = {
  set table.cell(breakable: false)          // a row is never split across two pages
  // a long table sets its rows closer, so a page holds it rather than a few stray rows
  set table(inset: (x: @INSET@pt, y: 2pt)) if t.rows.len() > 24
  table(
    columns: p.widths.map(w => w * 1pt),
    align: p.cols.map(i => if t.aligns.at(i) == "right" { right } else { left }),
    table.header(..p.cols.map(i => report-cell(t.head.at(i)))),
    ..t.rows.map(r => p.cols.map(i => report-cell(r.at(i)))).flatten(),
  )
}
#let report-table(n, caption) = {
  let t = report-tables.at(n)
  let parts = t.parts.map(p => report-part(t, p))
  let body = if parts.len() == 1 { parts.first() } else {
    block(width: 100%, stack(spacing: 1.4em, ..parts.map(p => align(left, p))))
  }
  show figure.caption: c => block(sticky: true, width: 100%, c)
  let fig = block(breakable: t.breakable, width: 100%,
    figure(body, kind: table, supplement: none, caption: figure.caption(position: top, caption)))
  // a figure still waiting to float is placed first, so it never lands between the
  // parts of a table that breaks across pages
  if t.flip { page(flipped: true, fig) } else if t.breakable { place.flush(); fig } else { fig }
}
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
            # '-smart': curly quotes and apostrophes reach typst as written; pandoc would
            # turn "the ’90s" into a straight quote that typst opens as "the ‘90s"
            [pandoc_path(), "--from", "html-native_divs", "--to", "typst-smart", "--wrap=none"],
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


# ------------------------------------------------------------------ PDF tables
# pandoc would give a table fixed relative widths (or none) and typst would then squeeze
# a long number or word into a column too narrow for it, which overprints the next one.
# Our tables are measured here instead, with the font the PDF sets them in, and drawn by
# the template's `report-table`: pandoc converts only the caption.

PAGE_MM = (210, 297)                 # A4
MARGIN_X_MM = 21                     # left and right
MARGIN_Y_MM = 23                     # top and bottom
TABLE_FONT, TABLE_FONT_FILE = "DejaVu Sans", "DejaVuSans.ttf"
TABLE_SIZE = 8.4                     # pt
TABLE_INSET = 5.0                    # pt, each side of a cell
_MM = 72 / 25.4
TEXT_WIDTH = (PAGE_MM[0] - 2 * MARGIN_X_MM) * _MM        # 476.2 pt
LANDSCAPE_WIDTH = (PAGE_MM[1] - 2 * MARGIN_X_MM) * _MM   # 722.8 pt
TEXT_HEIGHT = (PAGE_MM[1] - 2 * MARGIN_Y_MM) * _MM      # 711.5 pt
COMFORT = 80.0       # pt: a column of running text is not made narrower than this if it can help
PAD = 2 * TABLE_INSET + 1.0          # inset both sides, and a point for rounding and kerning
LONGEST_WORD = 0.4 * TEXT_WIDTH      # a longer "word" (a URL) may break, not widen its column
# downloads, and the fact ids under each reference (for the HTML's readers who trace a
# figure to the data), are left out of the PDF
DOWNLOADS = re.compile(r'<p class="(?:downloads|facts-used)">.*?</p>\s*', re.S)
_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_MARK = "CMPTBL{}BEGIN", "CMPTBL{}END"
_MARKED = re.compile(r"CMPTBL(\d+)BEGIN\n\n(?:(.*?)\n\n)?CMPTBL\1END", re.S)


def template() -> str:
    """The Typst page template with the page and table measures of this module."""
    return (TYPST_TEMPLATE.replace("@MARGIN_X@", f"{MARGIN_X_MM:g}").replace("@MARGIN_Y@", f"{MARGIN_Y_MM:g}")
            .replace("@INSET@", f"{TABLE_INSET:g}").replace("@TABLE_SIZE@", f"{TABLE_SIZE:g}")
            .replace("@TABLE_FONT@", TABLE_FONT))


_advances: dict = {}


def text_width(text: str, size: float = TABLE_SIZE) -> float:
    """Width in pt of a line of ``text`` set in the table font (advance widths, no kerning:
    kerning only narrows DejaVu Sans, so the measure never falls short)."""
    if not _advances:
        from fontTools.ttLib import TTFont

        font = TTFont(str(Path(font_dirs()[0]) / TABLE_FONT_FILE), lazy=True)
        hmtx, upm = font["hmtx"], font["head"].unitsPerEm
        _advances.update({cp: hmtx[name][0] / upm for cp, name in font.getBestCmap().items()})
        _advances[None] = _advances[ord("M")]      # a letter the font lacks: set wide
    return size * sum(_advances.get(ord(ch), _advances[None]) for ch in text)


class _TableParser(HTMLParser):
    """The cells of a plain table (text only, no spans): (in the head?, [(text, align)])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.plain = [], True
        self._in_head = self._cell = self._skip = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "caption":
            self._skip = True
        elif self._skip:
            pass                                 # the caption's markup goes to pandoc
        elif tag == "thead":
            self._in_head = True
        elif tag == "tbody":
            self._in_head = False
        elif tag == "tr":
            self.rows.append((bool(self._in_head), []))
        elif tag in ("td", "th"):
            if a.get("colspan", "1") != "1" or a.get("rowspan", "1") != "1" or not self.rows:
                self.plain = False
            self._cell = [a.get("align") or "left", []]
        elif self._cell is not None or tag not in ("table", "colgroup", "col"):
            self.plain = False                   # markup inside a cell: pandoc's business

    def handle_endtag(self, tag):
        if tag == "caption":
            self._skip = False
        elif tag in ("td", "th") and self._cell is not None and self.rows:
            align, parts = self._cell
            self.rows[-1][1].append((" ".join("".join(parts).split()), align))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1].append(data)
        elif data.strip() and not self._skip:
            self.plain = False


def parse_table(table_html: str):
    """(caption HTML, head cells, body rows) of a plain table, each cell (text, align);
    None for a table with spans or markup in its cells (pandoc converts those)."""
    m = _CAPTION.search(table_html)
    parser = _TableParser()
    parser.feed(table_html)
    parser.close()
    rows = parser.rows
    if not parser.plain or not rows or len({len(r) for _, r in rows}) != 1 or not rows[0][1]:
        return None
    head = [r for h, r in rows if h]
    body = [r for h, r in rows if not h]
    if len(head) > 1:
        return None
    if not head:                                 # no <thead>: the first row heads it
        head, body = [body[0]], body[1:]
    return (m.group(1).strip() if m else ""), head[0], body


def _tokens(text: str, whole: bool) -> list:
    """A cell's words, each [word, keep whole?]; a number cell is one unbreakable word."""
    if whole:
        return [[text, True]] if text else []
    return [[w, text_width(w) <= LONGEST_WORD] for w in text.split(" ") if w]


def _lines(words, width: float) -> int:
    """Lines a cell takes at ``width`` (pt, inside the insets), broken as a ragged line is:
    greedily at spaces; ``words``: (width, may break inside?) of each word."""
    space = _space()
    lines, x = 1, 0.0
    for w, breaks in words:
        if x and x + space + w > width:
            lines, x = lines + 1, 0.0
        if breaks and w > width:                 # a URL-like run: broken where it must be
            extra = int(w // max(width, 1.0))
            lines, x = lines + extra, w - extra * width
        else:
            x = x + space + w if x else w
    return lines


def _space() -> float:
    return text_width(" ")


GRID = 2.0           # pt: the step in which column widths are tried


class _Columns:
    """The cells of a table, column by column (head row first), with the lines each
    cell takes at a width; widths are tried on a grid of GRID pt above the minimum."""

    def __init__(self, cells, mins, maxs):
        self.cells, self.mins, self.maxs = cells, mins, maxs
        self._cache: dict = {}

    def lines(self, i: int, width: float) -> tuple:
        key = (i, round(width, 3))
        if key not in self._cache:
            self._cache[key] = tuple(_lines(c, width - PAD) for c in self.cells[i])
        return self._cache[key]

    def height(self, widths) -> int:
        """The table's height in lines: every row as tall as its tallest cell."""
        cols = [self.lines(i, w) for i, w in enumerate(widths)]
        return sum(max(r) for r in zip(*cols)) if cols else 0


def fit_columns(cols: "_Columns", floor, width: float):
    """Widths (pt) of the columns within ``width``: each at least its ``floor``, at most its
    natural width (its longest cell on one line), the room between handed out a step at a
    time to the column whose widening saves the table most lines per point; None when
    the floors alone are too wide.  Room left when no column saves a line more is shared
    out in proportion to what each column still lacks of its natural width."""
    maxs = [max(m, f) for m, f in zip(cols.maxs, floor)]
    if sum(floor) > width + 1e-6:
        return None
    if sum(maxs) <= width:
        return list(maxs)
    w = list(floor)
    while True:
        spare = width - sum(w)
        per = [cols.lines(i, x) for i, x in enumerate(w)]
        rows = list(zip(*per))
        now = sum(max(r) for r in rows)
        best = None                                  # (lines saved per pt, column, new width)
        for i in range(len(w)):
            others = [max(r[:i] + r[i + 1:], default=0) for r in rows]
            x, last = w[i], per[i]
            while True:
                x = min(x + GRID, maxs[i])
                if x - w[i] > spare + 1e-6:
                    break
                mine = cols.lines(i, x)
                if mine != last:                     # the column got shorter somewhere
                    saved = now - sum(max(a, b) for a, b in zip(mine, others))
                    if saved > 0:
                        rate = saved / (x - w[i])
                        if best is None or rate > best[0] + 1e-9:
                            best = (rate, i, x)
                        break
                    last = mine
                if x >= maxs[i]:
                    break
        if best is None:
            break
        w[best[1]] = best[2]
    spare = width - sum(w)
    lack = [mx - x for mx, x in zip(maxs, w)]
    if spare > 0 and sum(lack) > 0:
        w = [x + spare * l / sum(lack) for x, l in zip(w, lack)]
    return w


def table_layout(head, rows) -> dict:
    """How a table is set in the PDF: its cells as words, the columns' widths in pt, on a
    portrait or a landscape (``flip``) page, in one part or in parts that each repeat the
    first column, and whether it may break across pages.

    A column is at least as wide as its longest word (a number cell is one word) and at
    most as wide as its longest cell.  The first of these that fits is taken: every column
    of running text at least COMFORT wide on a portrait page, then on a landscape one;
    every column at its minimum, portrait then landscape; parts of the table, each
    repeating the first column.  Within the width chosen, :func:`fit_columns` makes the
    table as short as it can."""
    n = len(head)
    numeric = [bool(rows) and all(r[i][1] == "right" for r in rows) for i in range(n)]
    head_t = [_tokens(h[0], False) for h in head]
    rows_t = [[_tokens(r[i][0], numeric[i]) for i in range(n)] for r in rows]
    cells = [[[(text_width(t), not keep) for t, keep in cell]
              for cell in [head_t[i]] + [r[i] for r in rows_t]] for i in range(n)]
    mins, maxs = [], []
    for i in range(n):
        whole = [w for c in cells[i] for w, breaks in c if not breaks]
        longest = max(whole + [LONGEST_WORD if any(b for c in cells[i] for _, b in c) else 0.0],
                      default=0.0)
        natural = max([text_width(head[i][0])] + [text_width(r[i][0]) for r in rows])
        mins.append(longest + PAD)
        maxs.append(max(natural, longest) + PAD)
    cols = _Columns(cells, mins, maxs)
    comfy = [mn if numeric[i] else max(mn, min(mx, COMFORT)) for i, (mn, mx) in enumerate(zip(mins, maxs))]
    layout = {"aligns": ["right" if numeric[i] else "left" for i in range(n)],
              "head": head_t, "rows": rows_t, "flip": False}
    every = list(range(n))
    for floor in (comfy, mins):
        for flip, width in ((False, TEXT_WIDTH), (True, LANDSCAPE_WIDTH)):
            if sum(floor) <= width + 1e-6:
                layout.update(flip=flip, parts=[{"cols": every, "widths": fit_columns(cols, floor, width)}])
                return _breakable(layout, cols)
    # too wide even in landscape: parts, each led by the first column (what a row is about)
    lead = [0] if n > 1 else []
    flip = any(mins[0] + m > TEXT_WIDTH for m in mins[1:])
    width = LANDSCAPE_WIDTH if flip else TEXT_WIDTH
    parts, current = [], list(lead)
    for i in every[len(lead):]:
        if current != lead and sum(mins[j] for j in current + [i]) > width:
            parts.append(current)
            current = list(lead)
        current.append(i)
    parts.append(current)
    out = []
    for p in parts:
        sub = _Columns([cells[j] for j in p], [mins[j] for j in p], [maxs[j] for j in p])
        floor = [comfy[j] for j in p] if sum(comfy[j] for j in p) <= width else sub.mins
        widths = fit_columns(sub, floor, width) or [width * m / sum(sub.mins) for m in sub.mins]
        out.append({"cols": p, "widths": widths})
    layout.update(flip=flip, parts=out)
    return _breakable(layout, cols)


LINE = 1.4 * TABLE_SIZE          # pt: a table's line pitch (typst: cap height, descent, leading)


def _breakable(layout: dict, cols: "_Columns") -> dict:
    """A table of less than a third of a page stays in one piece; a longer one may break across
    pages (its head row repeats, its caption stays with its first rows)."""
    height = 0.0
    for part in layout["parts"]:
        sub = _Columns([cols.cells[j] for j in part["cols"]], [], [])
        rows = len(cols.cells[0]) if cols.cells else 0
        height += sub.height(part["widths"]) * LINE + rows * 7.0
    layout["breakable"] = height > TEXT_HEIGHT / 3
    return layout


def _tables_out(fragment: str) -> tuple[str, list]:
    """Plain tables out of the HTML, each replaced by markers around its caption (pandoc
    converts the caption's markup); returns the fragment and the tables' layouts."""
    layouts = []

    def mark(m):
        parsed = parse_table(m.group(0))
        if parsed is None:
            return m.group(0)
        caption, head, rows = parsed
        begin, end = (x.format(len(layouts)) for x in _MARK)
        layouts.append(table_layout(head, rows))
        return f"<p>{begin}</p>\n<p>{caption}</p>\n<p>{end}</p>"

    return _TABLE.sub(mark, fragment), layouts


def _tables_in(typst_body: str) -> str:
    """The markers pandoc passed through become calls of the template's table."""
    return _MARKED.sub(lambda m: f"#report-table({m.group(1)}, [{m.group(2) or ''}])", typst_body)


def pdf_bytes(fragment: str, info: dict) -> bytes:
    import typst

    fragment = replace_cjk(fragment, info.get("cjk_marker", "[…]"))
    fragment, tables = _tables_out(DOWNLOADS.sub("", fragment))   # the PDF has no downloads

    meta = {"title": info["title"], "subtitle": info.get("subtitle", ""),
            "lang": info["lang"], "author": info.get("author", "comparative"),
            "edition": info.get("edition", ""), "colophon": info.get("colophon", ""),
            "rows": [list(r) for r in title_rows(info)]}
    with tempfile.TemporaryDirectory(prefix="comparative-render-") as tmp:
        root = Path(tmp)
        media = root / "media"
        media.mkdir()
        body = _tables_in(html_to_typst(fragment, media))
        (root / "body.typ").write_text('#import "tables.typ": report-table\n' + body, encoding="utf-8")
        (root / "tables.typ").write_text(TYPST_TABLES.replace("@INSET@", f"{TABLE_INSET:g}"),
                                          encoding="utf-8")
        (root / "tables.json").write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
        (root / "main.typ").write_text(template(), encoding="utf-8")
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
