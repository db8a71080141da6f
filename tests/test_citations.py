"""Citations are built from the registry, and the registry agrees with the article texts."""

from __future__ import annotations

import json
import re

import pytest

import comparative as c
from comparative.errors import UnknownName
from comparative.locale import citations
from comparative.store.facts import all_facts
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
        for lang in ("en", "vi"):
            text = c.cite("thuc2025", style=style, lang=lang)
            assert s.authors[0] in text and s.year in text and s.title in text
            assert f"https://doi.org/{s.doi}" in text
    # APA 7 gives a non-English title its translation in brackets, for English readers only
    assert f"{s.title} [{s.title_en}]" in c.cite("thuc2025", lang="en")
    assert s.title_en not in c.cite("thuc2025", lang="vi")


def test_style_names_ignore_case_and_an_unknown_one_is_refused_with_the_choices():
    assert c.cite("thuc2025", style="APA") == c.cite("thuc2025", style="apa")
    with pytest.raises(UnknownName, match="unknown citation style 'mla'; allowed: apa, chicago, bibtex, csl-json"):
        c.cite("thuc2025", style="mla")


def test_a_source_without_year_is_cited_as_no_date_in_each_language():
    undated = [s for s in _sources().values() if s.kind == "article" and not s.year]
    assert undated, "expected at least one article whose extraction shows no year"
    for s in undated:
        assert "(n.d.)" in c.cite(s.id, style="apa")
        assert "(không ngày)" in c.cite(s.id, style="apa", lang="vi")   # CSL vi-VN's term


def test_an_untitled_article_gets_a_bracketed_description_and_no_file_name():
    for s in _sources().values():
        for lang in ("en", "vi"):
            text = c.cite(s.id, lang=lang)
            if s.file:
                assert s.file not in text and ".txt" not in text, (s.id, lang)
            assert "Source text" not in text and "Locator" not in text
            if s.kind == "article" and not s.title:
                described = (s.title_vi if lang == "vi" else s.title_en).replace("'", "’")
                assert text.startswith(f"[{described}]") or f". [{described}]" in text, (s.id, lang)


ENGLISH_FURNITURE = ("n.d.", "Retrieved", "[Dataset]", "In ", "Section", "citing", "Translated")


def test_vietnamese_references_carry_no_english_furniture():
    vietnamese = [s for s in _sources().values() if s.language == "vi"]
    for s in vietnamese:
        text = citations.references([s.id], "vi")[0]
        for word in ENGLISH_FURNITURE:
            assert word not in text, (s.id, word, text)
    # agencies are named in Vietnamese
    assert citations.references(["gso_admin_units"], "vi")[0].startswith("Tổng cục Thống kê")


def test_bibtex_parses_and_keeps_vietnamese_names_whole_and_the_doi():
    import bibtexparser

    for lang in ("en", "vi"):
        text = citations.bibtex(None, lang)
        lib = bibtexparser.parse_string(text)
        assert not lib.failed_blocks, [b.raw[:80] for b in lib.failed_blocks]
        assert sorted(e.key for e in lib.entries) == sorted(_sources())
        entry = {e.key: e for e in lib.entries}["thuc2025"]
        assert entry.fields_dict["author"].value == "{Nguyễn Thị Thục}"
        assert entry.fields_dict["doi"].value == _sources()["thuc2025"].doi
        assert entry.fields_dict["title"].value == "{" + _sources()["thuc2025"].title + "}"
    assert "author = {{Nguyễn Thị Thục}}" in c.cite("thuc2025", style="bibtex")


def test_csl_json_is_the_items_citeproc_formats():
    items = json.loads(c.cite("thuc2025", style="csl-json"))
    assert items[0]["id"] == "thuc2025" and items[0]["DOI"] == _sources()["thuc2025"].doi
    assert items[0]["author"] == [{"literal": "Nguyễn Thị Thục"}]


@pytest.mark.parametrize("locator, en, vi", [
    ("3.2. Một số hạn chế và thách thức", "sec. 3.2", "mục 3.2"),
    ("[4, tr.102-103]", "reference [4], pp. 102–103, as cited in", "tài liệu [4] của bài, tr. 102–103, dẫn theo"),
    ("[4, tr.104]", "reference [4], p. 104, as cited in", "tài liệu [4] của bài, tr. 104, dẫn theo"),
    ("4.2. Những hạn chế, tồn tại; cited: (Quốc vụ viện, 2016)", "sec. 4.2; State Council, 2016, as cited in",
     "mục 4.2; Quốc vụ viện, 2016, dẫn theo"),
    ("Tóm tắt", "abstract", "phần tóm tắt"),
])
def test_a_locator_becomes_the_suffix_of_the_in_text_citation(locator, en, vi):
    assert citations.locator(locator, "en") == en
    assert citations.locator(locator, "vi") == vi


def test_a_fact_is_cited_with_its_source_and_its_locator():
    f = c.fact("vn2025-provinces-after-thuc")
    text = c.cite(f.id)
    reference, in_text = text.split("\n")
    assert reference == c.cite(f.source)
    section = f.locator.split(".")[0]
    assert in_text == f"(Nguyễn Thị Thục, 2025, Section {section})"
    assert c.cite(f.id, lang="vi").split("\n")[1] == f"(Nguyễn Thị Thục, 2025, mục {section})"


def test_a_second_hand_figure_is_cited_as_apa_cites_a_secondary_source():
    f = next(f for f in all_facts() if f.cites_ref == "4" and f.cites_pages == "102-103")
    assert f.locator.startswith("2. ")        # the article's own section, not the cited pages
    in_text = c.cite(f.id).replace("\xa0", " ").split("\n")[1]
    assert in_text == ("(reference [4], pp. 102–103, as cited in "
                       "[Article on China’s local developmental state], n.d.)")
    vi = c.cite(f.id, lang="vi").replace("\xa0", " ").split("\n")[1]
    assert vi == ("(tài liệu [4] của bài, tr. 102–103, dẫn theo "
                  "[Bài viết về chính quyền kiến tạo địa phương ở Trung Quốc], không ngày)")


def test_an_untitled_source_is_cited_in_text_by_the_first_words_of_its_description():
    """APA 7 (8.14): a work without a title is cited in text by the first words of its
    bracketed description, so the reader finds the entry in the reference list."""
    for sid in ("article_000", "article_001"):
        f = next(f for f in all_facts() if f.source == sid and not f.cites_ref)
        for lang in ("en", "vi"):
            reference, in_text = c.cite(f.id, lang=lang).replace("\xa0", " ").split("\n")
            short = re.search(r"\[([^\]]+)\]", in_text).group(1)
            assert reference.startswith("[" + short), (sid, lang, reference, in_text)
    cited = next(f for f in all_facts() if (f.cites_work, f.cites_year) == ("Quốc vụ viện", "2016"))
    assert "(State Council, 2016, as cited in Nguyễn Diệu Hương, 2021, Section" in c.cite(cited.id)


def test_several_facts_of_one_source_merge_their_sections_in_order():
    parts = [citations.locator_parts(x, "en") for x in ("3.2. a", "1. b", "3.2. c", "4. d; cited: (Mạng Sohu, 2018)",
                                                        "1. e; cited: (Mạng Sohu, 2018)")]
    assert citations.join_locators(parts, "en") == ("Sohu, 2018, as cited in", "sec. 1, 3.2, 4")
    assert citations.in_text((("thuc2025", "sec. 1, 3.2"),), "en", to="plain") == \
        "(Nguyễn Thị Thục, 2025, Sections 1, 3.2)"


def test_the_cli_and_the_api_give_the_same_citation():
    from tests.test_cli import run_cli

    for style, lang in (("chicago", "vi"), ("bibtex", "en"), ("apa", "en")):
        out = run_cli("sources", "cite", "thuc2025", "--style", style, "--lang", lang)
        assert out.returncode == 0, out.stderr
        # the same words; the CLI wraps long lines to the terminal (BibTeX reads a line
        # break inside a field as a space)
        assert out.stdout.split() == c.cite("thuc2025", style=style, lang=lang).split()


def test_a_report_cites_what_the_article_states_apart_from_what_it_takes_from_a_cited_work():
    from comparative.reporting import page

    direct = next(f for f in all_facts() if f.source == "huong2021" and f.locator.startswith("3.1. "))
    second = next(f for f in all_facts() if f.source == "huong2021"
                  and (f.cites_work, f.cites_year) == ("Quốc vụ viện", "2016"))
    R = page.Report("digital_government_stages", {"lang": "en", "audience": "report"})
    text = R.cite([direct.id, second.id], to="plain", marks=False).replace("\xa0", " ")
    section = second.locator.split(" ")[0].rstrip(".")
    assert text == (f"(Nguyễn Diệu Hương, 2021, Section 3.1; State Council, 2016, "
                    f"as cited in Nguyễn Diệu Hương, 2021, Section {section})")


def test_a_caveat_is_numbered_after_the_citation_and_not_at_all_when_notes_are_off():
    from comparative.reporting import page

    noted = next(f for f in all_facts() if f.caveat_en)
    R = page.Report("vietnam_2025_reorganization", {"lang": "en", "audience": "report"})
    assert R.cite([noted.id]).endswith(")¹")
    assert "¹" not in R.en.value(noted.id)                     # not on the figure itself
    off = page.Report("vietnam_2025_reorganization", {"lang": "en", "audience": "report"})
    off.caveats = False
    assert off.cite([noted.id]).endswith(")") and off.note_marks([noted.id]) == ""


def test_a_source_cited_twice_in_one_citation_names_its_author_both_times():
    """A figure of the article's own beside one it takes from a work it cites: citeproc
    alone would print '…, 2021, Section 3.2; 2021, Section 3.3', which cannot be pasted."""
    cluster = (("huong2021", "Section 3.2", "State Council, 2012, as cited in"),
               ("huong2021", "Section 3.3"), ("thuc2025", "Section 2"))
    for to in ("plain", "html", "markdown"):
        text = citations.in_text(cluster, "en", to=to)
        assert text.count("Nguyễn Diệu Hương, 2021, Section") == 2, text
        assert "; 2021" not in text and text.startswith("(") and text.endswith(")")


@pytest.mark.parametrize("numbers, marks", [([1, 2], "¹,²"), ([1, 2, 3, 4, 7], "¹–⁴,⁷"),
                                            ([3, 5, 6, 7, 8, 11, 13], "³,⁵–⁸,¹¹,¹³")])
def test_a_run_of_note_numbers_is_written_as_a_range(numbers, marks):
    from comparative.reporting.page import _marks

    assert _marks(numbers) == marks


# --- locators that cannot mislead: the article's own place, the cited work apart --------

def test_a_locator_is_the_articles_own_section_and_a_cited_work_is_a_field_of_its_own():
    for f in all_facts():
        assert not f.locator.startswith("[") and "cited:" not in f.locator, f.id
        section = citations.locator_parts(f.locator, "en")
        assert not section[2], f.id                    # no cited work hides in the locator
        if f.cites_ref:
            assert not f.cites_work, f.id
    # the article's reference numbers are those of 000, the author-year works those of 003
    assert {f.source for f in all_facts() if f.cites_ref} == {"article_000"}
    assert {f.source for f in all_facts() if f.cites_work} == {"huong2021"}


def test_the_article_writes_the_reference_the_fact_cites_it_by(sources_dir):
    """'[4, tr.102-103]' stands in the article's text after the quote's paragraph, and
    'Quốc vụ viện, 2016' (in the OCR's spelling) in the section the locator names."""
    from comparative.store.provenance import fold

    text = {sid: fold((sources_dir / s.file).read_text(encoding="utf-8"))
            for sid, s in _sources().items() if s.file}
    for f in all_facts():
        if f.cites_ref:
            mark = f"[{f.cites_ref}" + (f",tr.{f.cites_pages}]" if f.cites_pages else "]")
            assert fold(mark) in text[f.source], (f.id, mark)
        if f.cites_work:
            assert f.cites_year in text[f.source], f.id


def test_in_text_citations_read_the_fields_not_the_locator_string():
    from types import SimpleNamespace as F

    ref = F(locator="2. Chính phủ kiến tạo địa phương", cites_ref="4", cites_pages="102-103",
            cites_work="", cites_year="")
    work = F(locator="4.2. Những hạn chế, tồn tại", cites_ref="", cites_pages="",
             cites_work="Quốc vụ viện", cites_year="2016")
    own = F(locator="3.2. Một số hạn chế và thách thức", cites_ref="", cites_pages="",
            cites_work="", cites_year="")
    assert citations.join_locators([citations.fact_locator_parts(ref, "en")], "en") == \
        ("reference [4], pp. 102–103, as cited in", "")
    assert citations.join_locators([citations.fact_locator_parts(work, "vi")], "vi") == \
        ("Quốc vụ viện, 2016, dẫn theo", "mục 4.2")
    assert citations.join_locators([citations.fact_locator_parts(work, "en")], "en") == \
        ("State Council, 2016, as cited in", "sec. 4.2")
    assert citations.fact_locator_parts(own, "en") == ("3.2", "", "")


def test_two_resolutions_in_one_citation_are_apart_with_a_semicolon():
    """citeproc cites a legal document by its title and joined two resolutions with a
    comma, as one author's two works: 'Nghị quyết 1654…, 2025, Nghị quyết số 202…, 2025'."""
    from comparative.locale import citations

    for lang in ("en", "vi"):
        text = citations.in_text((("ubtvqh_2025_commune_resolutions", ""),
                                  ("na_resolution_202_2025", "")), lang, to="plain")
        assert re.search(r"1687/NQ-UBTVQH15.*, 2025; Nghị quyết số 202/2025/QH15", text), text
