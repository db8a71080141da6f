"""One scheme for enumerations (issue 11): every enumerated list of an article is a list
fact (unit ``names``) whose items are the article's own short headings.

The audit below reads each article text, finds its enumeration markers ('Thứ nhất,' …,
'Một là,' …, 'Trước hết,' … 'Thứ hai,', '(1)', '1)', 'a)', '-' bullets), groups them into
enumerations by position, and asks for each one a list fact of that article with as many
items as the enumeration has markers, whose quote or items stand inside it.  A marker
sequence that is not an enumeration of content goes into ``NOT_CONTENT`` with its reason.

Counts of such lists are computed from their list facts (``COUNT_OF``), and an item can
be addressed as ``fact_id#n`` (``comparative.item``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import pytest

import comparative as c
from comparative.errors import ComparativeError, UnknownName
from comparative.locale import i18n
from comparative.store.facts import all_facts
from comparative.store.provenance import _word_cost, fold, quote_in_source
from comparative.store.sources import _sources

# ------------------------------------------------------------------ the audit

# Ordinal words after the folding of ``bare`` (no diacritics, lower case), with the OCR
# spellings of article 003 ('Thet nhdt' = Thứ nhất, 'Thit tu' = Thứ tư).
_THU = {"nhat": 1, "nhdt": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8}
_LA = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8}
# An ordinal opens a sentence: at the start of a line or after . : ; and ends with a comma.
_START = r"(?:^\s*|(?<=[.:;])\s+)"
_ORDINAL = re.compile(_START + r"(?:th[a-z]{1,2}\s+(?P<thu>" + "|".join(_THU) + r")"
                      r"|(?P<la>" + "|".join(_LA) + r")\s+la|(?P<first>truoc\s+het))\s*,")
_PAREN = re.compile(r"\((\d{1,2})\)")                   # (1) (2) …
_HALF = re.compile(r"(?:^|(?<=\s))(\d{1,2})\)")          # 1) 2) …
_LETTER = re.compile(r"(?:^|(?<=\s))([a-h])\)")          # a) b) …
_BULLET = re.compile(r"^\s*[-•–+]\s+\S")                 # - item, at the start of a line
# The last item of an enumeration runs to the end of its paragraph, at most this far.
_LAST_ITEM_CHARS = 1500


def _bare_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


def bare(text: str) -> str:
    """Lower case without diacritics, one character for one: 'Thứ nhất' -> 'thu nhat'."""
    return "".join(_bare_char(ch) for ch in text)


@dataclass(frozen=True)
class Marker:
    family: str   # ordinal | paren | half | letter | bullet
    index: int    # 1-based place in its enumeration (a bullet: 0)
    pos: int      # offset in the text, where the marker starts
    line: int     # 0-based line of the text
    label: str    # as the text writes it


@dataclass(frozen=True)
class Enumeration:
    source: str
    family: str
    markers: tuple
    segments: tuple   # the text of each item: from its marker to the next one

    @property
    def n(self) -> int:
        return len(self.markers)

    @property
    def text(self) -> str:
        return "".join(self.segments)

    @property
    def where(self) -> str:
        labels = " … ".join((self.markers[0].label, self.markers[-1].label))
        return f"{self.source} line {self.markers[0].line + 1} ({labels})"


def markers(text: str) -> list[Marker]:
    out = []
    offset = 0
    for i, line in enumerate(text.split("\n")):
        b = bare(line)
        for m in _ORDINAL.finditer(b):
            idx = _THU[m["thu"]] if m["thu"] else _LA[m["la"]] if m["la"] else 1
            start = m.start() + len(m[0]) - len(m[0].lstrip())
            out.append(Marker("ordinal", idx, offset + start, i, line[start:m.end()]))
        for fam, pat in (("paren", _PAREN), ("half", _HALF)):
            for m in pat.finditer(b):
                out.append(Marker(fam, int(m[1]), offset + m.start(), i, m[0]))
        for m in _LETTER.finditer(b):
            out.append(Marker("letter", ord(m[1]) - ord("a") + 1, offset + m.start(), i, m[0]))
        if _BULLET.match(line):
            out.append(Marker("bullet", 0, offset, i, "-"))
        offset += len(line) + 1
    return sorted(out, key=lambda m: m.pos)


def _runs(found: list[Marker]) -> list[list[Marker]]:
    """Runs of one family numbered 1, 2, 3 … (bullets: on consecutive lines).  A lone
    opener ('Trước hết,' inside an item) that nothing follows does not break the run it
    stands in: the next marker may continue that run."""
    runs: list[list[Marker]] = []
    current: dict[str, list[Marker]] = {}
    before: dict[str, list[Marker]] = {}
    for m in found:
        run = current.get(m.family)
        if m.family == "bullet":
            if run and m.line == run[-1].line + 1:
                run.append(m)
            else:
                current["bullet"] = [m]
                runs.append(current["bullet"])
        elif m.index == 1:
            before[m.family] = run
            current[m.family] = [m]
            runs.append(current[m.family])
        elif run and m.index == run[-1].index + 1:
            run.append(m)
        elif (run and len(run) == 1 and before.get(m.family)
              and m.index == before[m.family][-1].index + 1):
            before[m.family].append(m)            # the lone opener was not a list
            current[m.family] = before[m.family]
            runs.remove(run)
        # else: a marker out of sequence ('ngày thứ hai,' in prose) opens nothing
    return runs


def enumerations(source: str, text: str) -> list[Enumeration]:
    """The text's enumerations: runs of at least two markers, each item's text running
    from its marker to the next (the last: to the end of its paragraph)."""
    out = []
    for run in _runs(markers(text)):
        if len(run) < 2:
            continue
        cuts = [m.pos for m in run]
        end = text.find("\n\n", cuts[-1])
        end = len(text) if end < 0 else end
        cuts.append(min(end, cuts[-1] + _LAST_ITEM_CHARS))
        segments = tuple(text[a:b] for a, b in zip(cuts, cuts[1:]))
        out.append(Enumeration(source, run[0].family, tuple(run), segments))
    return out


# Marker sequences that are not enumerations of content, keyed by source id and first
# marker line (1-based), with the reason.  Empty today: the five texts number their
# sections '1.', '2.' (not matched), and their reference lists are not in the extractions.
NOT_CONTENT: dict[tuple[str, int], str] = {}


# Markers that join no enumeration (a run of one), keyed by source id and line (1-based),
# with the reason: a marker missed in a sequence (an OCR spelling the finder does not
# read) would show here.
LONE_MARKERS: dict[tuple[str, int], str] = {
    ("huong2021", 100): "a hyphen wrapping 'kinh tế - xã hội' onto the next line, not a bullet",
}


def lone_markers(source: str, text: str) -> list[Marker]:
    used = {m.pos for e in enumerations(source, text) for m in e.markers}
    return [m for m in markers(text) if m.pos not in used]


def _article_texts(sources_dir) -> dict[str, str]:
    return {sid: (sources_dir / s.file).read_text(encoding="utf-8")
            for sid, s in _sources().items() if s.kind == "article" and s.file}


def _ocr(source_id: str) -> bool:
    return any(f.evidence_restored for f in all_facts() if f.source == source_id)


def _parts(item: str) -> list[str]:
    return [p.strip() for p in item.split("…") if p.strip()]


def _item_in(item: str, span: str, ocr: bool) -> bool:
    """An item (each part of it, when '…' marks an elision) stands in the span: folded,
    or for an OCR text read word by word with the documented OCR confusions."""
    if not ocr:
        return all(fold(p) in fold(span) for p in _parts(item))
    return all(_aligned_in(p, span) for p in _parts(item))


_PUNCT = "“”\"'.,;:!?()[]…"


def _aligned_in(restored: str, ocr_text: str) -> bool:
    words = [w.strip(_PUNCT) for w in ocr_text.split()]
    words = [w for w in words if w]
    want = [fold(w.strip(_PUNCT)) for w in restored.split()]
    want = [w for w in want if w]
    n = len(want)

    def close(ocr_word, word):
        return _word_cost(fold(ocr_word), word) <= (len(word) + 1) // 2 + 1

    for i in range(len(words) - n + 1):
        if all(close(words[i + k], want[k]) for k in range(n)):
            return True
    return False


def covers(f, e: Enumeration, ocr: bool) -> bool:
    """A list fact covers an enumeration: as many items as markers, each item in the text
    of its own marker, in order."""
    if f.kind != "names" or len(f.value) != e.n:
        return False
    return all(_item_in(x, seg, ocr) for x, seg in zip(f.value, e.segments))


def audit(facts, texts: dict[str, str]) -> tuple[list[tuple[Enumeration, list[str]]], list[Enumeration]]:
    """(covered enumerations with the ids of their list facts, uncovered enumerations)."""
    covered, missing = [], []
    for sid, text in sorted(texts.items()):
        ocr = _ocr(sid)
        lists = [f for f in facts if f.source == sid and f.kind == "names"]
        for e in enumerations(sid, text):
            if (sid, e.markers[0].line + 1) in NOT_CONTENT:
                continue
            ids = [f.id for f in lists if covers(f, e, ocr)]
            (covered.append((e, ids)) if ids else missing.append(e))
    return covered, missing


@pytest.fixture(scope="module")
def texts():
    from comparative._paths import shared_sources_dir

    folder = shared_sources_dir()
    if folder is None:
        pytest.skip("../shared/sources/ not found: the article texts are not in this clone")
    return _article_texts(folder)


@lru_cache(maxsize=1)
def _facts():
    return all_facts()


def test_the_marker_finder_reads_ordinals_numbers_and_ocr():
    lines = ["Thứ nhất, a.", "", "Thứ hai, b. Thứ ba, c.", "", "Một là, d.", "Hai là, e.",
             "như sau: (1) x; (2) y; 1) z 2) w", "Thet nhdt, f.", "Thit tu, g.", "ngày thứ hai, h"]
    got = [(m.family, m.index) for m in markers("\n".join(lines))]
    assert got == [("ordinal", 1), ("ordinal", 2), ("ordinal", 3), ("ordinal", 1),
                   ("ordinal", 2), ("paren", 1), ("paren", 2), ("half", 1), ("half", 2),
                   ("ordinal", 1), ("ordinal", 4)]
    found = enumerations("x", "\n".join(lines))
    assert [(e.family, e.n) for e in found] == [("ordinal", 3), ("ordinal", 2), ("paren", 2),
                                                 ("half", 2)]


def test_trước_hết_opens_an_enumeration():
    found = enumerations("x", "Trước hết, a.\n\nThứ hai, b.\n\nThứ ba, c.")
    assert [e.n for e in found] == [3]


def test_every_enumeration_of_every_article_is_a_list_fact(texts):
    covered, missing = audit(_facts(), texts)
    assert len(texts) == 5
    assert len(covered) >= 24                       # the articles' lists, not an empty loop
    assert {e.source for e, _ in covered} == set(texts)
    assert missing == [], "enumerations without a list fact:\n" + "\n".join(e.where for e in missing)


@pytest.mark.parametrize("fid", ["vnlg-characteristics", "vnlg-conditions", "vnlg-requirements",
                                 "vnlg-open-issues", "vnlg-concept-points", "cnlds-conclusions",
                                 "cndg-concept-components", "cndg-stage3-measures-vi",
                                 "cndg-vn-suggestions-vi", "vndec-solutions-thong"])
def test_the_audit_fails_when_a_list_fact_is_removed(texts, fid):
    facts = [f for f in _facts() if f.id != fid]
    _, missing = audit(facts, texts)
    assert missing, f"removing {fid} left every enumeration covered"


def test_the_audit_fails_when_a_list_loses_an_item(texts):
    f = c.fact("vnlg-open-issues")
    short = replace(f, value=f.value[:-1])
    _, missing = audit([short if g.id == f.id else g for g in _facts()], texts)
    assert [e.source for e in missing] == ["article_001"]


def test_the_not_content_list_names_sequences_that_exist(texts):
    starts = {(e.source, e.markers[0].line + 1) for sid, t in texts.items() for e in enumerations(sid, t)}
    for key, reason in NOT_CONTENT.items():
        assert key in starts and reason.strip(), key


# ------------------------------------------------------------------ the items

# Article 003's lists stored as English paraphrases (before issue 11), each restated in the
# article's own (restored) words by a '-vi' fact, which is what covers the enumeration.
PARAPHRASED = ("cndg-stage1-measures", "cndg-stage2-measures", "cndg-stage3-measures",
               "cndg-achievements", "cndg-limitations", "cndg-vn-suggestions")


def test_each_covering_list_is_the_only_one_and_paraphrases_are_restated(texts):
    covered, _ = audit(_facts(), texts)
    ids = [fid for _, fids in covered for fid in fids]
    assert all(len(fids) == 1 for _, fids in covered), [fids for _, fids in covered if len(fids) > 1]
    for fid in PARAPHRASED:
        assert fid not in ids, fid                      # English words stand nowhere
        assert f"{fid}-vi" in ids and c.fact(f"{fid}-vi").restates == fid


def test_the_item_check_refuses_words_the_article_does_not_write(texts):
    e = next(e for e, fids in audit(_facts(), texts)[0] if "vnlg-characteristics" in fids)
    assert _item_in("phân định thẩm quyền giữa Trung ương và CQĐP", e.text, ocr=False)
    assert not _item_in("phân chia quyền lực giữa Trung ương và CQĐP", e.text, ocr=False)
    e3 = next(e for e, fids in audit(_facts(), texts)[0] if "cndg-stage3-measures-vi" in fids)
    assert _item_in("thành lập nên Tiểu tổ lãnh đạo xây dựng Chính phủ số", e3.text, ocr=True)
    assert not _item_in("thành lập nên Ủy ban lãnh đạo xây dựng Chính phủ số", e3.text, ocr=True)


def test_new_lists_are_the_articles_words_with_diacritics():
    from .test_language import vietnamese_letters

    for fid in ("vnlg-characteristics", "huzhou-document-90-covered-groups",
                "cnlds-conclusions", "cndg-concept-components", "cndg-stage3-measures-vi"):
        f = c.fact(fid)
        assert all(len(x.split()) <= 12 for x in f.value), fid
        assert all(vietnamese_letters(x) for x in f.value), fid


def test_the_huzhou_document_90_groups_and_the_technology_pillars(sources_dir):
    f = c.fact("huzhou-document-90-covered-groups")
    assert f.period == "1998" and len(f.value) == 5
    text = (sources_dir / _sources()[f.source].file).read_text(encoding="utf-8")
    start = fold(text).index(fold("văn bản số 90"))
    stop = fold(text).index(fold("Quy định này lần đầu tiên"))
    for x in f.value:
        for p in _parts(x):
            assert start < fold(text).index(fold(p)) < stop, x
    g = c.fact("cndg-technology-pillars")
    assert g.value == ("công nghệ 5G", "Big Data", "trí tuệ nhân tạo", "công nghệ liên kết chuỗi")
    assert quote_in_source(g.evidence, sources_dir / _sources()[g.source].file)


def test_restated_lists_have_as_many_items_as_their_canonical_fact():
    for f in _facts():
        if f.kind == "names" and f.restates:
            g = c.fact(f.restates)
            if g.kind == "names":
                assert len(f.value) == len(g.value), (f.id, g.id)


# ------------------------------------------------------------------ counts from lists

# count fact -> the list fact whose items it counts
COUNT_OF = {
    "vnlg-concept-points-count": "vnlg-concept-points",
    "vnlg-characteristics-count": "vnlg-characteristics",
    "vnlg-conditions-count": "vnlg-conditions",
    "vnlg-requirements-count": "vnlg-requirements",
    "vnlg-open-issues-count": "vnlg-open-issues",
    "vnlg-three-pillars-count": "vnlg-three-pillars",
    "cndg-concept-components-count": "cndg-concept-components",
    "cndg-stages-count": "cndg-stages-names",
    "cndg-big-data-bureaus-provinces-count": "cndg-big-data-bureaus-provinces",
    "cndg-ccid-tier1-count": "cndg-ccid-tier1-names",
    "cndg-ccid-tier2-count": "cndg-ccid-tier2-names",
    "cnlds-conclusions-count": "cnlds-conclusions",
    "cnlds-transition-solutions-count": "cnlds-transition-solutions",
    "cnlds-case-localities-count": "cnlds-case-localities",
    "cq-choice-options-count": "cq-choice-options",
    "vn2025-lg-law-principles-count-thuc": "vn2025-lg-law-principles-thuc",
    "vn2025-solutions-count-thuc": "vn2025-solutions-thuc",
    "vndec-principles-count-thong": "vndec-principles-thong",
    "vndec-orientations-count-thong": "vndec-orientations-thong",
    "vndec-urgency-reasons-count-thong": "vndec-urgency-reasons-thong",
    "vndec-viewpoints-count-thong": "vndec-viewpoints-thong",
    "vndec-solutions-count-thong": "vndec-solutions-thong",
}


@pytest.mark.parametrize("count_id,list_id", sorted(COUNT_OF.items()))
def test_a_count_equals_the_items_of_its_list(count_id, list_id):
    n, lst = c.fact(count_id), c.fact(list_id)
    assert n.kind == "number" and lst.kind == "names"
    assert n.source == lst.source and n.period == lst.period
    assert n.value == len(lst.value), (count_id, n.value, len(lst.value))


def test_a_count_the_article_does_not_write_is_computed_from_its_list():
    """A count the article writes ('ba giai đoạn', '3 trụ cột') stays stated; one read from
    the markers of a list is computed, and its note names the list."""
    computed = 0
    for count_id, list_id in COUNT_OF.items():
        n = c.fact(count_id)
        if n.derivation == "computed":
            assert list_id in n.derivation_note, count_id
            computed += 1
        else:
            assert "last ordinal" not in n.derivation_note, count_id
    assert computed == 15
    counted = {f.id for f in _facts() if f.derivation == "computed" and f.id.endswith(
        ("-count", "-count-thuc", "-count-thong"))}
    assert counted <= set(COUNT_OF)


# ------------------------------------------------------------------ item addresses

def test_an_item_is_addressed_as_fact_id_and_number():
    it = c.item("vnlg-characteristics#3")
    assert it.n == 3 and it.fact_id == "vnlg-characteristics"
    assert it.text == c.fact("vnlg-characteristics").value[2]
    assert it.address == "vnlg-characteristics#3"
    assert it.en == i18n.item(it.text, "en") and it.vi == i18n.item(it.text, "vi")
    assert c.item("vnlg-characteristics", 3) == it
    assert c.fact("vnlg-characteristics#3") == it
    assert c.fact("cndg-technology-pillars#4").en == "blockchain"
    assert c.fact("vnlg-characteristics").kind == "names"          # a plain id: the Fact


@pytest.mark.parametrize("address,words", [
    ("vnlg-characteristics#7", "has 6 items; address 1 to 6"),
    ("vnlg-characteristics#0", "has 6 items; address 1 to 6"),
    ("vnlg-characteristics#x", "not an item number"),
    ("vnlg-characteristics-count#1", "is not a list"),
])
def test_a_bad_item_address_is_refused_in_one_line(address, words):
    with pytest.raises(ComparativeError) as err:
        c.item(address)
    assert words in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ComparativeError):
        c.fact(address)


def test_an_unknown_fact_in_an_address_is_an_unknown_name():
    with pytest.raises(UnknownName, match="did you mean"):
        c.item("vnlg-characteristic#2")


def test_a_lone_opener_inside_an_item_does_not_break_the_run():
    text = "Thứ nhất, a.\n\nThứ hai, b. Trước hết, x.\n\nThứ ba, c.\n\nMột là, d.\n\nHai là, e."
    assert [e.n for e in enumerations("x", text)] == [3, 2]


def test_every_marker_joins_an_enumeration_or_is_explained(texts):
    lone = {(sid, m.line + 1) for sid, t in texts.items() for m in lone_markers(sid, t)}
    assert lone == set(LONE_MARKERS), sorted(lone ^ set(LONE_MARKERS))
    assert all(reason.strip() for reason in LONE_MARKERS.values())
