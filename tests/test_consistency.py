"""Parts sum to wholes, stated percentages agree with stated counts, and a figure restated
by two articles (or by an article and a reference table) is the same figure."""

from __future__ import annotations

import pytest

from comparative import cases
from comparative.store.facts import fact


def v(fid):
    return fact(fid).value


def test_communes_2621_687_13_sum_to_3321():
    parts = ["vn2025-communes-xa-after-thong", "vn2025-wards-after-thong", "vn2025-special-zones-after-thong"]
    assert sum(v(p) for p in parts) == v("vn2025-communes-after-thong")
    assert [v(p) for p in parts] == [2621, 687, 13]


def test_provinces_28_and_6_sum_to_34():
    assert v("vn2025-provinces-tinh-after-thong") + v("vn2025-cities-after-thong") == v("vn2025-provinces-after-thong") == 34


def test_the_two_articles_agree_where_they_restate_a_figure():
    from comparative.views.cases import _config

    pairs = _config("vietnam_2025")["restated"]
    assert len(pairs) >= 6
    for thuc, thong in pairs:
        assert fact(thuc).source == "thuc2025" and fact(thong).source == "thong2025"
        assert v(thuc) == v(thong), (thuc, thong)


def test_the_timeline_shows_a_restated_event_once_citing_both_articles():
    tl = cases.vietnam_2025().timeline
    row = tl[tl["fact_ids"].str.contains("vn2025-res202-qh15-thuc")]
    assert len(row) == 1
    assert row["source"].iloc[0] == "thuc2025;thong2025"
    assert not tl["fact_ids"].str.startswith("vn2025-res202-qh15-thong").any()


def test_99_99_percent_paid_agrees_with_146836_of_146847():
    paid, left, pct = v("vn2025-staff-paid-thuc"), v("vn2025-staff-left-thuc"), v("vn2025-staff-paid-pct-thuc")
    assert (paid, left) == (146836, 146847)
    assert round(100 * paid / left, 2) == pct


def test_commune_fall_of_66_9_percent_uses_the_10035_base():
    view = cases.vietnam_2025()
    totals = view.national_totals
    before = totals[(totals["level"] == "commune") & (totals["unit_type"] == "all")
                    & totals["period"].str.startswith("pre")]["count"].iloc[0]
    after = v("vn2025-communes-after-thuc")
    assert before == 10035
    stated = v("vn2025-communes-change-pct-thuc")
    assert round(100 * (after - before) / before, 1) == stated
    # with the article's own "more than 10,000" the fall would round to 66.8%, not 66.9%:
    assert round(100 * (after - 10000) / 10000, 1) != stated
    assert "10,035" in fact("vn2025-communes-change-pct-thuc").note


def test_dossiers_commune_share_is_4_8_of_6_5_million():
    total, commune = v("vn2025-dossiers-total-thuc"), v("vn2025-dossiers-commune-thuc")
    assert commune < total
    # the note records that 73.8% equals the commune share, not necessarily the online share
    assert round(100 * commune / total, 1) == v("vn2025-dossiers-online-pct-thuc")
    assert fact("vn2025-dossiers-online-pct-thuc").note


def test_the_34_units_sum_to_the_national_totals():
    view = cases.vietnam_2025()
    prov = view.provinces
    assert len(prov) == v("vn2025-provinces-after-thong")
    assert prov["commune_level_total"].sum() == v("vn2025-communes-after-thong")
    assert prov["xa"].sum() == v("vn2025-communes-xa-after-thong")
    assert prov["phuong"].sum() == v("vn2025-wards-after-thong")
    assert prov["dac_khu"].sum() == v("vn2025-special-zones-after-thong")
    assert (prov["xa"] + prov["phuong"] + prov["dac_khu"] == prov["commune_level_total"]).all()


def test_the_63_former_provinces_map_onto_the_34():
    view = cases.vietnam_2025()
    mapping, prov = view.mapping, view.provinces
    assert len(mapping) == v("vn2025-provinces-before-thuc") == 63
    assert mapping["old_code"].is_unique
    assert set(mapping["new_code"]) == set(prov["new_code"])
    assert mapping["pre_commune_level_total"].sum() == 10035
    assert mapping["pre_district_level_total"].sum() == 696


def test_guomai_share_implies_the_32_unit_base_the_note_records():
    count, pct = v("cndg-guomai-above-average-count"), v("cndg-guomai-above-average-pct")
    assert round(100 * count / 32, 2) == pct
    assert "32" in fact("cndg-guomai-above-average-pct").note


def test_huzhou_and_chongqing_timelines_are_in_date_order():
    tl = cases.local_initiative_timeline()
    for case, group in tl.groupby("case"):
        assert list(group["year"]) == sorted(group["year"]), case
