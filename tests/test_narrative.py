"""The argument lives in the notebooks: bilingual MyST prose with live values.

The committed notebooks are checked for the guarantees the design makes (every passage
has its twin in the other language with the same expressions and citations, no digit
typed into prose, captions beside their tables and figures, no stale translation), and
the narrative machinery is checked on small notebooks it can get wrong."""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

import pytest

from comparative.reporting import narrative, render
from comparative.reporting.markup import ALT_SLOT, CAPTION_SLOT

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _prose(cell) -> str:
    """A prose cell's text with its live expressions, inline code and list markers out."""
    text = narrative.EVAL.sub(" ", narrative.source(cell))
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"^\s*\d+\.\s", " ", text, flags=re.M)


# ------------------------------------------------------------------ the committed notebooks

@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_every_markdown_cell_is_prose_of_one_language_or_a_lab_note(path):
    for cell in _nb(path)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        lang, tags = narrative.cell_lang(cell), narrative.tags(cell)
        assert lang or "lab-only" in tags, f"{cell.get('id')}: neither lang-en/lang-vi nor lab-only"
        if lang:
            assert cell["id"].endswith(f"-{lang}"), f"{cell['id']}: a {lang} cell's id ends in -{lang}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_every_passage_has_its_twin_with_the_same_expressions(path):
    nb = _nb(path)
    for en, vi in narrative.pairs(nb):
        assert en is not None and vi is not None, f"{(en or vi)['id']}: no twin"
        e, v = narrative.source(en), narrative.source(vi)
        assert sorted(map(narrative.neutral, narrative.expressions(e))) == \
            sorted(map(narrative.neutral, narrative.expressions(v))), en["id"]
        assert narrative.when(en) == narrative.when(vi), en["id"]
        assert narrative.tags(en) - {"lang-en"} == narrative.tags(vi) - {"lang-vi"}, en["id"]
        for lang, cell in (("en", en), ("vi", vi)):
            other = "vi" if lang == "en" else "en"
            for expr in narrative.expressions(narrative.source(cell)):
                assert not re.search(rf"\b{other}\.", expr), f"{cell['id']}: {expr} uses the {other} writer"
                ast.parse(expr, mode="eval")        # a Python expression, as the kernel reads it


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_no_digit_is_typed_into_prose(path):
    for cell in _nb(path)["cells"]:
        if cell["cell_type"] == "markdown" and narrative.cell_lang(cell):
            digits = re.findall(r"\S*\d\S*", _prose(cell))
            assert not digits, f"{cell['id']}: typed {digits[:3]}; use a live {{eval}} value"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_each_notebook_argues_in_both_languages(path):
    nb = _nb(path)
    words = {"en": 0, "vi": 0}
    for cell in nb["cells"]:
        lang = narrative.cell_lang(cell)
        if lang and cell["cell_type"] == "markdown":
            words[lang] += len(re.findall(r"\w+", _prose(cell)))
    assert min(words.values()) >= 150, words
    assert any("title" in narrative.tags(c) for c in nb["cells"]), "no title cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_no_translation_is_older_than_its_original(path):
    assert narrative.stale(_nb(path)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_captions_stand_before_the_table_or_figure_they_caption(path):
    cells = _nb(path)["cells"]
    for i, cell in enumerate(cells):
        code = narrative.source(cell)
        if cell["cell_type"] == "code" and re.search(r"\bR\.(table|figure|glossary)\(", code):
            n = len(re.findall(r"\bR\.(?:table|figure|glossary)\(", code))
            assert n == 1, f"{cell['id']}: one table or figure per cell, so that its caption is found"
            before = [c for c in cells[max(0, i - 2):i] if "caption" in narrative.tags(c)]
            assert {narrative.cell_lang(c) for c in before} == {"en", "vi"}, \
                f"{cell['id']}: no caption in both languages right before it"
        if cell["cell_type"] == "markdown" and "caption" in narrative.tags(cell):
            after = next((c for c in cells[i + 1:] if c["cell_type"] == "code"), None)
            assert after is not None and re.search(r"\bR\.(table|figure|glossary)\(", narrative.source(after)), \
                f"{cell['id']}: a caption with no table or figure after it"


# The modules whose strings can reach a report's text.  Error messages (raised, never
# printed in a report), the codebook's column descriptions (dataset metadata) and the
# page templates of the renderer are not prose of a report.
PROSE_MODULES = ("locale", "views", "analysis", "reporting/page.py", "reporting/narrative.py",
                 "reporting/build.py")


def _long_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) \
                and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant):
            skip.add(id(n.body[0].value))                                   # docstrings
        if isinstance(n, ast.Raise):
            skip |= {id(m) for m in ast.walk(n)}                            # error messages
    return [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip and len(node.value.split()) >= 12]


def test_src_holds_no_report_prose():
    """A handful at most of string literals of 12 words or more, docstrings aside."""
    src = ROOT / "src" / "comparative"
    paths = [p for m in PROSE_MODULES for p in ([src / m] if m.endswith(".py") else (src / m).rglob("*.py"))]
    long = [hit for p in paths for hit in _long_literals(p)]
    assert len(long) <= 5, long


# ------------------------------------------------------------------ the machinery

def _cell(kind, src, cid, tags=(), **meta):
    c = {"cell_type": kind, "id": cid, "metadata": {"tags": list(tags), **meta}, "source": src}
    if kind == "code":
        c.update(outputs=[], execution_count=None)
    return c


def _ok(text, mime="text/plain"):
    return {"status": "ok", "data": {mime: text}, "metadata": {}}


def test_values_are_written_in_as_jupyterlab_myst_shows_them():
    cell = _cell("markdown", "In {eval}`x` there were {eval}`n` units ({eval}`c`).", "a-en", ["lang-en"])
    cell["metadata"]["user_expressions"] = [
        {"expression": "x", "result": _ok("'Việt Nam'")},             # a str: repr quotes go
        {"expression": "n", "result": _ok("3,321")},
        {"expression": "c", "result": _ok("(Nguyễn Thị Thục 2025)", "text/markdown")}]
    assert narrative.substitute(cell) == "In Việt Nam there were 3,321 units ((Nguyễn Thị Thục 2025))."
    cell["metadata"]["user_expressions"].pop()
    with pytest.raises(narrative.ExpressionError, match="never evaluated"):
        narrative.substitute(cell)


def test_a_translation_knows_when_its_original_changed():
    nb = {"cells": [_cell("markdown", "The units {eval}`en.value('a')`.", "p-en", ["lang-en"]),
                    _cell("markdown", "Các đơn vị {eval}`vi.value('a')`.", "p-vi", ["lang-vi"])]}
    assert narrative.stale(nb) == ["p-vi"]                    # never marked
    assert narrative.mark_translated(nb) == ["p-vi"]
    assert narrative.stale(nb) == []
    nb["cells"][0]["source"] = "The new units {eval}`en.value('a')`."
    assert narrative.stale(nb) == ["p-vi"]
    assert narrative.neutral("en.value('a')") == narrative.neutral("vi.value('a')")


def _view_nb():
    fig_html = (f'<figure><img src="x.svg" {ALT_SLOT}><figcaption>Figure 1. {CAPTION_SLOT}'
                ' Source: A 2025.</figcaption></figure>')
    when = {"comparative": {"when": "k == 1"}}
    cells = [
        _cell("markdown", "# Title {eval}`en.year('y')`\n*Sub*", "title-en", ["lang-en", "title"]),
        _cell("markdown", "# Tiêu đề {eval}`vi.year('y')`\n*Phụ*", "title-vi", ["lang-vi", "title"]),
        _cell("markdown", "English {eval}`en.n`.", "p-en", ["lang-en"]),
        _cell("markdown", "Tiếng Việt {eval}`vi.n`.", "p-vi", ["lang-vi"]),
        _cell("markdown", "Only when k is one.", "w-en", ["lang-en"], **when),
        _cell("markdown", "A *chart* of units", "cap-en", ["lang-en", "caption"]),
        _cell("markdown", "Biểu đồ", "cap-vi", ["lang-vi", "caption"]),
        _cell("code", "# en: Draw it.\n# vi: Vẽ hình.\nR.figure(f)", "code-1"),
        _cell("markdown", "Questions", "q-en", ["lang-en", "seminar"]),
    ]
    cells[7]["outputs"] = [{"output_type": "display_data", "metadata": {},
                            "data": {"text/html": fig_html, "text/plain": "Figure 1."}}]
    for c, exprs in ((cells[0], {"en.year('y')": "'2025'"}), (cells[2], {"en.n": "'3'"}),
                     (cells[4], {"k == 1": "False"}), (cells[1], {"vi.year('y')": "'2025'"}),
                     (cells[3], {"vi.n": "'3'"})):
        c["metadata"]["user_expressions"] = [{"expression": e, "result": _ok(v)} for e, v in exprs.items()]
    return {"cells": cells, "metadata": {}}


def test_an_edition_shows_one_language_fills_captions_and_keeps_what_holds():
    nb = _view_nb()
    view = render.report_view(copy.deepcopy(nb), "report", "en")
    ids = [c["id"] for c in view["cells"]]
    assert ids == ["p-en", "code-1"]                  # no vi, no title, no false `when`, no seminar
    assert view["cells"][0]["source"] == "English 3."
    html = view["cells"][1]["outputs"][0]["data"]["text/html"]
    assert "Figure 1. A <em>chart</em> of units. Source: A 2025." in html
    assert 'alt="A chart of units"' in html and CAPTION_SLOT not in html
    assert narrative.title_of(nb, "vi") == ("Tiêu đề 2025", "Phụ")

    seminar = render.report_view(copy.deepcopy(nb), "seminar", "vi")
    code = next(c for c in seminar["cells"] if c["id"] == "code-1")
    assert narrative.source(code) == "# Vẽ hình.\nR.figure(f)"
    assert "Biểu đồ." in code["outputs"][0]["data"]["text/html"]
    assert "q-en" not in [c["id"] for c in seminar["cells"]]   # the English seminar cell


def test_a_cell_whose_condition_was_never_evaluated_is_an_error_not_a_guess():
    cell = _cell("markdown", "x", "w-en", ["lang-en"], comparative={"when": "a > 1"})
    with pytest.raises(narrative.ExpressionError, match="never evaluated"):
        narrative.holds(cell)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_text_is_utf8_in_composed_form(path):
    import unicodedata

    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text), "Vietnamese letters must be precomposed (NFC)"


def test_a_live_value_shows_inline_without_repr_quotes():
    from IPython.lib.pretty import pretty

    from comparative.reporting.page import Text

    value = Text("hơn 10.000")
    assert pretty(value) == "hơn 10.000" and not hasattr(value, "_repr_markdown_")
