"""What JupyterLab shows: facts, sources, case views, regression results and citations as
readable, escaped HTML and markdown; tab completion offering public names only."""

from __future__ import annotations

import dataclasses
import html

import pytest

import comparative as c
from comparative.locale import i18n
from comparative.store.facts import all_facts
from comparative.store.sources import source
from comparative.views import display

FACT = "vn2025-communes-change-pct-thuc"


@pytest.fixture(scope="module")
def shell():
    """What a JupyterLab kernel formats output with: IPython's DisplayFormatter (every
    mime type on), with our displays registered as ``import comparative`` does in a
    kernel.  No InteractiveShell: the suite's one shell is tests/test_reports.py's."""
    from types import SimpleNamespace

    from IPython.core.formatters import DisplayFormatter

    ip = SimpleNamespace(display_formatter=DisplayFormatter())
    assert c._register_displays(ip)
    return ip


def test_a_fact_shows_its_value_quote_citation_and_note_as_html(shell):
    f = c.fact(FACT)
    data, _ = shell.display_formatter.format(f)
    page = data["text/html"]
    reference, in_text = c.cite(FACT).split("\n")
    assert html.escape(i18n.fact_value(f, "en", unit=True)) in page      # "−66.9%", qualifier and all
    assert f"“{html.escape(f.evidence)}”" in page
    assert html.escape(reference) in page and html.escape(in_text) in page
    assert html.escape(f.note) in page and html.escape(f.caveat_en) in page
    assert html.escape(f.quantity_en) in page and f.quantity_vi in page
    md = data["text/markdown"]
    assert f.evidence in md and "Nguyễn Thị Thục" in md


def test_a_qualified_value_keeps_its_qualifier():
    f = next(f for f in all_facts() if f.qualifier == "more than")
    page = display.fact_html(f)
    assert html.escape(i18n.fact_value(f, "en", unit=True)) in page
    assert "more than" in page


def test_fact_text_is_escaped_in_html_and_markdown():
    f = dataclasses.replace(c.fact(FACT), evidence="<script>alert(1)</script> a*b [c] $x$",
                            note="R&D <b>")
    page = display.fact_html(f)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "R&amp;D &lt;b&gt;" in page
    md = display.fact_markdown(f)
    assert "<script>" not in md and "a*b" not in md and "$x$" not in md
    assert "\\[" not in md and "\\(" not in md          # would open MathJax in JupyterLab


def test_a_source_shows_its_reference(shell):
    s = source("thuc2025")
    data, _ = shell.display_formatter.format(s)
    assert html.escape(c.cite("thuc2025")) in data["text/html"]
    assert html.escape(s.covers) in data["text/html"]


def test_a_case_view_shows_every_table_with_its_rows():
    view = c.cases.huzhou_pension()
    page = view._repr_html_()
    for name, df in view.tables.items():
        assert f"<code>.{name}</code> ({len(df)} rows)" in page
    first = view.tables["timeline"].iloc[0]
    assert html.escape(first["event_en"], quote=False) in page and first["fact_id"] in page
    assert "Huzhou" in page and "Sources: article_000" in page
    md = view._repr_markdown_()
    assert "`.timeline`" in md and first["fact_id"] in md


def test_a_regression_result_shows_its_table_and_warnings():
    twelve = ["VNM", "CHN", "THA", "MYS", "IDN", "PHL", "SGP", "LAO", "KHM", "KOR", "MMR", "BRN"]
    r = c.regress("un_egdi", y="osi", x=["tii", "hci"], fixed_effects=("country", "survey_year"),
                  se="cluster", cluster="country", countries=twelve)
    page = r._repr_html_()
    assert html.escape(r.summary_line()) in page
    table = r.table()
    for _, row in table.iterrows():
        assert f"<td>{row['term']}</td>" in page and f"<td>{row['coef']:.3f}</td>" in page
    assert r.few_clusters and f"clustered on {r.n_clusters} clusters, fewer than 30" in page
    assert "|---|" in r._repr_markdown_()


def test_a_citation_is_text_that_shows_formatted():
    bib = c.cite("thuc2025", style="BibTeX")
    assert isinstance(bib, str) and bib.startswith("@article{thuc2025,")
    assert bib._repr_markdown_().startswith("```bibtex\n@article{thuc2025,\n")
    assert "<pre><code>@article{thuc2025," in bib._repr_html_()
    apa = c.cite(FACT, style="APA")
    assert apa == c.cite(FACT, style="apa")
    assert "<br>" in apa._repr_html_() and "\\n" not in apa._repr_html_()

    class Printer:
        def __init__(self):
            self.out = ""

        def text(self, t):
            self.out += t

    p = Printer()
    bib._repr_pretty_(p, False)
    assert p.out == str(bib) and "\\n" not in p.out


def test_tab_completion_offers_public_names_only():
    names = dir(c.cases)
    for internal in ("dataclass", "lru_cache", "read_toml", "raw_dir", "DataError", "field", "i18n"):
        assert internal not in names
    assert {"huzhou_pension", "vietnam_2025", "view", "fact_rows", "CaseView"} <= set(names)
    assert callable(c.cases.fact) and c.cases.fact_rows([FACT])["fact_id"][0] == FACT  # old names work
    assert "annotations" not in dir(c)
    assert {"find", "describe", "fact", "facts", "cite"} <= set(dir(c))


def test_importing_comparative_in_a_kernel_registers_the_displays():
    # a fresh interpreter, as a JupyterLab kernel: IPython's shell first, then the import
    import subprocess
    import sys

    code = ("from IPython.core.interactiveshell import InteractiveShell\n"
            "ip = InteractiveShell.instance()\n"
            "import comparative as c\n"
            f"data, _ = ip.display_formatter.format(c.fact({FACT!r}))\n"
            "print(sorted(data))\n"
            "print(data['text/html'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("['text/html', 'text/markdown', 'text/plain']")
    assert html.escape(c.fact(FACT).evidence) in out.stdout
    # and a plain script registers nothing (IPython is not even imported)
    out = subprocess.run([sys.executable, "-c", "import sys, comparative as c\n"
                          "print(c._register_displays(), 'IPython' in sys.modules)"],
                         capture_output=True, text=True, timeout=300)
    assert out.stdout.split() == ["False", "False"]


def test_an_ocr_quote_shows_restored_in_the_card_and_the_index():
    """Article 003's text is OCR without diacritics: a reader sees the restored quote."""
    from comparative.views import display

    f = next(f for f in c.facts().itertuples() if f.evidence_restored)
    fact = c.fact(f.id)
    page = display.fact_html(fact)
    assert html.escape(fact.evidence_restored) in page and html.escape(fact.evidence) not in page
