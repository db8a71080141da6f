"""Every evidence quote occurs in its source text, and carries its value."""

from __future__ import annotations

import pytest

import comparative as c
from comparative.store.checks import evidence_problems
from comparative.store.facts import all_facts
from comparative.store.provenance import fold, quote_in_source, undouble_line, value_in_evidence


def test_every_quote_is_in_its_source_and_carries_its_value(sources_dir):
    facts = all_facts()
    assert len(facts) > 0
    problems = evidence_problems(facts)
    assert problems == [], "\n".join(problems[:50])


def test_every_article_fact_points_to_a_text_that_exists(sources_dir):
    for f in all_facts():
        src = c.sources().set_index("id").loc[f.source]
        if src["kind"] == "article":
            assert (sources_dir / src["file"]).is_file(), f.id


# --- the matcher itself: tolerant of the extraction's quirks, never of a digit ---------

def test_line_breaks_and_spacing_are_tolerated(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("toàn quốc giảm từ 63 tỉnh,\nthành phố xuống   còn 34 tỉnh", encoding="utf-8")
    assert quote_in_source("giảm từ 63 tỉnh, thành phố xuống còn 34", text)


def test_a_changed_digit_never_matches(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("có 47.456 người dân nông thôn, chiếm 21,17%", encoding="utf-8")
    assert quote_in_source("có 47.456 người", text)
    assert not quote_in_source("có 47.457 người", text)
    assert not quote_in_source("chiếm 21,71%", text)
    assert not quote_in_source("có 47456 người", text)


def test_doubled_characters_of_002_headings_are_halved(tmp_path):
    assert undouble_line("ĐĐặặtt  vvấấnn  đđềề") == "Đặt vấn đề"
    text = tmp_path / "t.txt"
    text.write_text("DDOOII::  hhttttppss::////ddooii..oorrgg//1100..5599339944//qqllnnnn\n", encoding="utf-8")
    assert quote_in_source("DOI: https://doi.org/10.59394/qlnn", text)
    assert not quote_in_source("doi.org/10.59395", text)


def test_lost_diacritics_of_003_are_tolerated():
    assert fold("Chính phủ số") == fold("Chinh phu so")
    assert fold("Đảng") == fold("dang")
    assert fold("84.094") != fold("84.904")


@pytest.mark.parametrize("kind, value, evidence, ok", [
    ("number", 47456, "có 47.456 người dân", True),
    ("number", 47456, "có 47.465 người dân", False),
    ("number", 21.17, "chiếm 21,17% dân số", True),
    ("number", 21.17, "chiếm 21,1% dân số", False),
    ("number", 6, "gồm 28 tỉnh và 06 thành phố", True),
    ("number", 3, "trải qua ba giai đoạn", True),
    ("number", 34, "có 340 đơn vị", False),
    ("number", -66.9, "giảm 66,9%", True),
    ("date", "2025-06-12", "Nghị quyết số 202/2025/QH15 ngày 12/6/2025", True),
    ("date", "2025-06-21", "Nghị quyết số 202/2025/QH15 ngày 12/6/2025", False),
    ("date", "1998", "năm 1998 ban hành văn bản số 90", True),
    ("date_range", ("2000", "2014"), "giai đoạn 2000 - 2014", True),
    ("date_range", ("2019", ".."), "từ năm 2019 đến nay", True),
    ("date_range", ("2015", "2018"), "giai đoạn 2015 - 2019", False),
    # the year written once, after the second day
    ("date_range", ("2025-08-01", "2025-08-23"), "Từ ngày 01/8 - 23/8/2025", True),
    ("date_range", ("2025-08-02", "2025-08-23"), "Từ ngày 01/8 - 23/8/2025", False),
    ("dates", ("1998", "2003"), "vào năm 1998 và năm 2003", True),
    ("dates", ("1998", "2004"), "vào năm 1998 và năm 2003", False),
    # 003's OCR number word without its diacritic ('Tam' = Tám)
    ("number", 8, "Tam thanh phd khac", True),
    ("number", 3, "Tam thanh phd khac", False),
])
def test_the_value_must_stand_in_its_quote(kind, value, evidence, ok):
    assert value_in_evidence(kind, value, evidence) is ok
