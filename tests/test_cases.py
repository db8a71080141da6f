"""Case views, tested against the numbers the articles print."""

from __future__ import annotations

import pytest

from comparative import cases
from comparative.errors import UnknownName
from comparative.store.facts import fact
from comparative.store.provenance import fold


def _text(sources_dir, name):
    return fold((sources_dir / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ Huzhou

def test_huzhou_coverage_is_the_articles_47456_and_21_17_percent(sources_dir):
    cov = cases.huzhou_pension().coverage.set_index("unit")
    assert cov.loc["persons", "number"] == 47456
    assert cov.loc["percent", "number"] == 21.17
    text = _text(sources_dir, "000_1cc13584fd9619de.txt")
    assert "47.456" in text and "21,17%" in text


def test_huzhou_local_measures_led_central_policy_by_the_printed_years(sources_dir):
    view = cases.huzhou_pension()
    lead = view.lead.set_index(["local_year", "central_year"])
    # document no. 90 (1998) and the 2009 rural pension pilot, as the article prints them
    assert lead.loc[(1998, 2009), "years_ahead"] == 11
    assert lead.loc[(1998, 2009), "first"] == "local"
    assert lead.loc[(2003, 2009), "years_ahead"] == 6
    assert (view.lead["years_ahead"] > 0).all()
    text = _text(sources_dir, "000_1cc13584fd9619de.txt")
    assert fold("văn bản số 90") in text
    timeline = view.timeline
    assert list(timeline["year"]) == sorted(timeline["year"])
    assert set(timeline["level"]) == {"local", "central"}


# ------------------------------------------------------------------ Chongqing

def test_chongqing_reform_followed_the_1997_central_pilot():
    lead = cases.chongqing_hukou().lead.iloc[0]
    assert (lead["local_year"], lead["central_year"]) == (2010, 1997)
    assert lead["first"] == "central" and lead["years_ahead"] == -13


def test_chongqing_land_window_is_three_years(sources_dir):
    land = cases.chongqing_hukou().land.set_index("fact_id")
    assert land.loc["cq-land-rights-retained-years", "number"] == 3
    assert land.loc["cq-land-rights-retained-years", "unit"] == "years"
    assert fold("3 năm") in _text(sources_dir, "000_1cc13584fd9619de.txt") or \
        fold("ba năm") in _text(sources_dir, "000_1cc13584fd9619de.txt")


def test_chongqing_coverage_contrasts_local_and_central_policy():
    cov = cases.chongqing_hukou().coverage
    assert list(cov["fact_id"]) == ["cq-coverage-chongqing-policy", "cq-coverage-central-policy"]


# ------------------------------------------------------------------ digital government

def test_three_stages_with_the_articles_years():
    st = cases.china_digital_government().stages
    assert list(st["start_year"]) == [2000, 2015, 2019]
    assert list(st["end_year"].astype("object").where(st["end_year"].notna(), None)) == [2014, 2018, None]


def test_every_milestone_falls_in_the_stage_its_year_belongs_to():
    v = cases.china_digital_government()
    for _, m in v.milestones.iterrows():
        if m["year"] < 2000:
            assert m["stage"] is None or str(m["stage"]) == "<NA>"
            continue
        expected = 1 if m["year"] <= 2014 else (2 if m["year"] <= 2018 else 3)
        assert m["stage"] == expected, m["fact_id"]


def test_survey_gaps_are_the_differences_of_the_printed_shares(sources_dir):
    gaps = cases.china_digital_government().survey_gaps
    assert list(zip(gaps["stated_pct"], gaps["actual_pct"])) == [(92, 53), (89, 48)]
    assert list(gaps["gap_points"]) == [39, 41]
    text = _text(sources_dir, "003_1460d210af876cd2.txt")
    for pct in ("92%", "53%", "89%", "48%"):
        assert pct in text


def test_website_consolidation_84094_to_14475(sources_dir):
    w = cases.china_digital_government().websites
    assert list(w["number"]) == [84094, 14475]
    assert w["change_pct"].iloc[1] == round(100 * (14475 - 84094) / 84094, 1)
    text = _text(sources_dir, "003_1460d210af876cd2.txt")
    assert "84.094" in text and "14.475" in text


def test_ccid_tiers_have_five_and_eight_provinces():
    tiers = cases.china_digital_government().tiers
    counts = tiers.groupby("tier").size()
    assert counts[1] == fact("cndg-ccid-tier1-count").value == 5
    assert counts[2] == fact("cndg-ccid-tier2-count").value == 8
    assert not tiers["province"].duplicated().any()


def test_big_data_bureau_list_matches_its_count():
    inst = cases.china_digital_government().institutions
    bureaus = inst[inst["fact_id"] == "cndg-big-data-bureaus-provinces"]
    assert len(bureaus) == fact("cndg-big-data-bureaus-provinces-count").value == 12


def test_an_unknown_view_lists_the_views():
    with pytest.raises(UnknownName, match="unknown case view 'atlantis'; allowed: "):
        cases.view("atlantis")
    with pytest.raises(AttributeError, match="has no table 'nope'; tables: timeline"):
        cases.huzhou_pension().nope
