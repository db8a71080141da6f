"""Article 003 is OCR without diacritics: each of its quotes keeps the OCR text verbatim
(``evidence``, checked against the article) and gives it in proper Vietnamese
(``evidence_restored``).  The restoration must be the OCR text and nothing else: word for
word, equal after removing diacritics except for the documented OCR confusions, and
never with a changed digit."""

from __future__ import annotations

import pytest

import comparative as c
from comparative.store.facts import all_facts
from comparative.store.provenance import (OCR_CONFUSIONS, OCR_DROPPED, OCR_STRAY, align_restored,
                                          value_in_evidence)

OCR_SOURCES = {"huong2021"}     # 003: the only OCR text without diacritics


def test_every_quote_of_the_ocr_article_is_restored_and_no_other_is():
    for f in all_facts():
        if f.source in OCR_SOURCES:
            assert f.evidence_restored, f"{f.id}: an OCR quote needs evidence_restored"
        else:
            assert not f.evidence_restored, f"{f.id}: only OCR quotes are restored"


def test_every_restored_quote_aligns_with_its_ocr_quote():
    problems = [f"{f.id}: {p}" for f in all_facts() if f.evidence_restored
                for p in align_restored(f.evidence, f.evidence_restored)]
    assert problems == [], "\n".join(problems)


def test_every_restored_quote_carries_the_value():
    for f in all_facts():
        if f.evidence_restored:
            assert value_in_evidence(f.kind, f.value, f.evidence_restored), f.id


def test_the_restored_quote_is_vietnamese_with_diacritics():
    f = c.fact("cndg-guomai-above-average-count")
    assert f.evidence == "¢ 14 tinh thanh vuot qua duge diém trung binh, chiém tong s6 43,75%"
    assert f.evidence_restored == ("có 14 tỉnh thành vượt qua được điểm trung bình, "
                                   "chiếm tổng số 43,75%")
    assert f.display_evidence == f.evidence_restored and f.restored
    other = c.fact("vn2025-communes-after-thuc")
    assert other.display_evidence == other.evidence and not other.restored


def test_facts_has_the_restored_quote_as_a_column():
    df = c.facts(source="huong2021")
    assert df["evidence_restored"].str.len().gt(0).all()
    assert (c.facts(source="thuc2025")["evidence_restored"] == "").all()
    # search reads the restored words: diacritics or none
    assert "cndg-guomai-above-average-count" in set(c.facts(search="vượt qua được điểm trung bình")["id"])


# --- the alignment itself: it accepts the documented confusions and nothing else -------

@pytest.mark.parametrize("ocr, restored", [
    ("¢ 14 tinh thanh vuot qua duge diém trung binh, chiém tong s6 43,75%",
     "có 14 tỉnh thành vượt qua được điểm trung bình, chiếm tổng số 43,75%"),
    ("Tam thanh phd khac dat chi s6 nam trong cép d6 2", "Tám thành phố khác đạt chỉ số nằm trong cấp độ 2"),
    ("c6 12 tinh d3 thanh 14p", "có 12 tỉnh đã thành lập"),
    ("Quyét dinh sb 942/QDP-TTg", "Quyết định số 942/QĐ-TTg"),
])
def test_documented_confusions_align(ocr, restored):
    assert align_restored(ocr, restored) == []


@pytest.mark.parametrize("ocr, restored", [
    # a changed digit of the value, never
    ("chiém tong s6 43,75%", "chiếm tổng số 43,76%"),
    ("Nam 2015, Trung Qudc c6 84.094 trang web", "Năm 2015, Trung Quốc có 84.904 trang web"),
    ("c6 12 tinh", "có 13 tỉnh"),
    ("dat 92%", "đạt 9%"),
    ("dat 92%", "đạt 192%"),
    ("nam 2019", "năm 2018"),
    # a digit is never read as another digit, nor dropped, nor made up
    ("Trong d6 5 tinh", "Trong đó 6 tỉnh"),
    ("giai doan 3", "giai đoạn"),
    # another word, not the OCR's
    ("Quang Pong", "Quảng Tây"),
    ("Tam thanh", "Ba thành"),
    ("nhiém vu", "nhiều vụ"),
    ("c6 12 tinh", "có 12 huyện"),
    # a word more or less
    ("c6 12 tinh", "có tới 12 tỉnh"),
])
def test_anything_else_fails_to_align(ocr, restored):
    assert align_restored(ocr, restored) != []


def test_changing_any_digit_of_any_restored_quote_fails_its_alignment():
    checked = 0
    for f in all_facts():
        r = f.evidence_restored
        for i, ch in enumerate(r):
            if ch.isdigit():
                changed = r[:i] + str((int(ch) + 1) % 10) + r[i + 1:]
                assert align_restored(f.evidence, changed) != [], (f.id, changed)
                checked += 1
    assert checked > 100


def test_the_confusion_table_never_turns_a_letter_into_a_digit():
    assert not any(ch.isdigit() for targets in OCR_CONFUSIONS.values() for ch in targets)
    assert not any(ch.isdigit() for ch in OCR_STRAY | OCR_DROPPED)


def test_the_loader_refuses_a_restoration_that_changes_a_digit(tmp_path):
    from comparative.errors import DataError

    from .test_fact_store import _load, _record

    ocr = '"¢ 14 tinh thanh vuot qua duge diém trung binh"'
    good = _record(source="huong2021", value="14", evidence=ocr)
    (f,) = _load(tmp_path, good + 'evidence_restored = "có 14 tỉnh thành vượt qua được điểm trung bình"\n')
    assert f.display_evidence.startswith("có 14 tỉnh")
    with pytest.raises(DataError, match="field 'evidence_restored': does not align .*'14' -> '15'"):
        _load(tmp_path, good + 'evidence_restored = "có 15 tỉnh thành vượt qua được điểm trung bình"\n')
