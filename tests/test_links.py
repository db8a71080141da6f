"""Restatements linked: the same figure in two articles (``same_as``), and the same thing
stated twice in one article (``restates``, pointing to the article's canonical fact)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pytest

import comparative as c
from comparative.errors import DataError
from comparative.store.facts import all_facts, value_text

from .test_fact_store import _load, _record

# Facts of one article that share value, unit and period but say different things, with
# the reason.  Anything else sharing them must be linked by ``restates``.
DISTINCT = {
    ("cndg-state-council-2012-infosec", "cndg-guangdong-intl-cooperation-2012"):
        "a State Council document; Guangdong's foreign projects",
    ("cndg-4th-plenum-19th-cc", "cndg-stage3-comprehensive-policies", "cndg-shanghai-joins-yrd-portal",
     "cndg-syu-survey-date"): "a plenum, a turn in policy, a portal, a survey: four events of 2019",
    ("cndg-fyp14-outline-date", "cndg-white-paper-2021", "cndg-vn-egov-targets-year", "cndg-figure1-source"):
        "four things dated 2021",
    ("cnlds-model-established-1994", "cnlds-decentralization-1994", "cnlds-tax-reform-1994"):
        "the model, the decentralization and the tax reform the article dates to 1994",
    ("cnlds-case-localities-count", "cq-choice-options-count"): "two different counts of two",
    ("huzhou-document-90-1998", "huzhou-expansion-start-1998"):
        "a document of 1998; the start of the expansion, taken from reference [4]",
    ("cnlds-growth-evaluation-1990s", "huzhou-rural-eligibility-late-1990s"):
        "growth-based evaluation since the 1990s; Huzhou's rural residents paid from the late 1990s",
    ("vn2025-operation-start-thuc", "vn2025-systems-stable-from-thuc"):
        "the model's start; the software's stable operation from the same day",
    ("vndec-principles-count-thong", "vndec-orientations-count-thong", "vndec-solutions-count-thong"):
        "counts of three different lists",
    ("vndec-urgency-reasons-count-thong", "vndec-viewpoints-count-thong"): "counts of two lists",
    ("vnlg-concept-points-count", "vnlg-requirements-count"): "counts of two lists",
    ("vnlg-characteristics-count", "vnlg-conditions-count"): "counts of two lists",
}


def unlinked_restatements(facts, distinct=DISTINCT) -> list[tuple[str, str]]:
    """Pairs of facts of one source with the same value, unit and period that are neither
    linked by ``restates`` (one to the other, or both to one canonical fact) nor listed
    as distinct."""
    apart = {frozenset(p) for group in distinct for p in combinations(group, 2)}
    groups = defaultdict(list)
    for f in facts:
        groups[(f.source, value_text(f), f.unit, f.period)].append(f)
    out = []
    for group in groups.values():
        for a, b in combinations(group, 2):
            canon_a, canon_b = a.restates or a.id, b.restates or b.id
            if canon_a == canon_b or frozenset((a.id, b.id)) in apart:
                continue
            out.append((a.id, b.id))
    return out


def test_no_two_facts_of_one_article_state_the_same_thing_unlinked():
    assert unlinked_restatements(all_facts()) == []


def test_the_check_fails_on_an_unlinked_restatement():
    f = c.fact("cnlds-new-countryside-plenum-2005")
    twin = c.fact("huzhou-new-countryside-national-2005")
    from dataclasses import replace

    copy = replace(twin, id="huzhou-test-copy", restates="")
    assert unlinked_restatements(list(all_facts()) + [copy]) != []
    assert twin.restates == f.id
    # and a listed pair that is not distinct after all is caught once unlisted
    assert unlinked_restatements(all_facts(), distinct={}) != []


def test_the_distinct_list_names_facts_that_exist():
    ids = {f.id for f in all_facts()}
    for group in DISTINCT:
        assert set(group) <= ids, group


def test_same_as_links_one_fact_per_article_both_ways():
    by_id = {f.id: f for f in all_facts()}
    linked = [f for f in all_facts() if f.same_as]
    assert len(linked) >= 10
    for f in linked:
        sources = [by_id[x].source for x in f.same_as] + [f.source]
        assert len(sources) == len(set(sources)), f.id        # one fact per article
        for x in f.same_as:
            assert f.id in by_id[x].same_as
            assert value_text(by_id[x]) == value_text(f) and by_id[x].unit == f.unit, (f.id, x)
    assert set(c.fact("vn2025-communes-after-thuc").same_as) == {"vn2025-communes-after-thong"}


def test_facts_has_the_links_as_columns():
    df = c.facts().set_index("id")
    assert df.loc["vn2025-operation-start-thuc", "same_as"] == \
        "vn2025-operation-start-thong; vnlg-two-tier-start"
    assert df.loc["huzhou-new-countryside-national-2005", "restates"] == "cnlds-new-countryside-plenum-2005"


@pytest.mark.parametrize("extra, field, words", [
    ('same_as = ["no-such-fact"]\n', "same_as", "unknown fact id 'no-such-fact'"),
    ('restates = "vn2025-test-fact"\n', "restates", "cannot link to itself"),
    ('same_as = "vn2025-test-fact"\n', "same_as", "cannot link to itself"),
])
def test_broken_links_are_refused(tmp_path, extra, field, words):
    with pytest.raises(DataError) as err:
        _load(tmp_path, _record() + extra)
    assert f"field '{field}'" in str(err.value) and words in str(err.value)


def test_a_one_way_same_as_and_a_restates_chain_are_refused(tmp_path):
    one = _record()
    other = _record(id="vn2025-test-other", source="thong2025")
    with pytest.raises(DataError, match="does not link back"):
        _load(tmp_path, one + 'same_as = ["vn2025-test-other"]\n', other)
    third = _record(id="vn2025-test-third")
    with pytest.raises(DataError, match="itself restates"):
        _load(tmp_path, one, _record(id="vn2025-test-second") + 'restates = "vn2025-test-fact"\n',
              third + 'restates = "vn2025-test-second"\n')
