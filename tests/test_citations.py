"""Citations are built from the registry, and the registry agrees with the article texts."""

from __future__ import annotations

import re

import comparative as c
from comparative.store.provenance import fold, undouble_line
from comparative.store.sources import _sources


def test_the_doi_of_002_is_the_one_printed_in_the_article(sources_dir):
    text = (sources_dir / "002_d63259fce6964aa9.txt").read_text(encoding="utf-8")
    printed = "\n".join(undouble_line(line) for line in text.splitlines())
    doi = c.sources().set_index("id").loc["thuc2025", "doi"]
    assert f"doi.org/{doi}" in printed


def test_named_authors_appear_in_their_article(sources_dir):
    # compared folded: 002 prints "NguyễN", 003 is OCR without reliable diacritics
    for s in _sources().values():
        if s.kind != "article":
            continue
        text = fold((sources_dir / s.file).read_text(encoding="utf-8"))
        for author in s.authors:
            assert fold(author) in text, (s.id, author)


def test_apa_and_chicago_carry_author_year_title_and_doi():
    s = _sources()["thuc2025"]
    for style in ("apa", "chicago"):
        text = c.cite("thuc2025", style=style)
        assert s.authors[0] in text and s.year in text and s.title in text
        assert f"https://doi.org/{s.doi}" in text


def test_a_source_without_year_is_cited_as_no_date():
    undated = [s for s in _sources().values() if s.kind == "article" and not s.year]
    assert undated, "expected at least one article whose extraction shows no year"
    for s in undated:
        assert "(n.d.)" in c.cite(s.id, style="apa")


def test_bibtex_is_well_formed_and_keeps_vietnamese_names_whole():
    for sid in _sources():
        bib = c.cite(sid, style="bibtex")
        assert bib.startswith("@") and bib.rstrip().endswith("}")
        assert bib.count("{") == bib.count("}"), sid
        assert re.match(r"@(article|misc)\{" + re.escape(sid) + ",", bib)
    assert "author = {{Nguyễn Thị Thục}}" in c.cite("thuc2025", style="bibtex")


def test_a_fact_is_cited_with_its_source_and_locator():
    f = c.facts().iloc[0]
    text = c.cite(f["id"])
    assert f"Locator: {f['locator']}" in text
    assert c.cite(f["source"]) in text
