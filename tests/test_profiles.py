"""Province profiles: the slugs, the figures a profile shows against the dataset rows, and
the notebooks' `province` parameter against the data."""

from __future__ import annotations

import math

import pytest

from comparative import dataset
from comparative.errors import UnknownName
from comparative.locale import i18n
from comparative.reporting import params
from comparative.views import profiles

from .conftest import run_cli


# ------------------------------------------------------------------ slugs and allowed values

def test_slugs_fold_diacritics_and_d():
    assert profiles.slug("Hồ Chí Minh") == "ho-chi-minh"
    assert profiles.slug("Đắk Lắk") == "dak-lak"
    assert profiles.slug("Inner Mongolia") == "inner-mongolia"


def test_one_slug_per_unit_of_the_data():
    vn, cn = profiles.provinces("VNM"), profiles.provinces("CHN")
    assert len(vn) == len(set(vn)) == len(dataset("vn_units_2025")) == 34
    assert len(cn) == len(set(cn)) == len(dataset("cn_provinces_2019")) == 31
    assert sorted(profiles.slug(n) for n in dataset("vn_units_2025")["name_vi"]) == vn
    assert "tuyen-quang" in vn and "ho-chi-minh" in vn and "inner-mongolia" in cn


@pytest.mark.parametrize("notebook, country", [("province_profile_vn", "VNM"), ("province_profile_cn", "CHN")])
def test_each_notebooks_allowed_provinces_are_exactly_the_librarys(notebook, country):
    spec = params.specs(notebook)["province"]
    assert list(spec.allowed) == profiles.provinces(country)
    assert spec.default in spec.allowed


def test_the_title_block_names_each_province_as_the_data_do():
    for lang in ("en", "vi"):
        for name in dataset("vn_units_2025")["name_vi"]:
            assert i18n.param_value("province", profiles.slug(name), lang) == profiles.unit_name(name, lang)
        for name in dataset("cn_provinces_2019")["province"]:
            assert i18n.param_value("province", profiles.slug(name), lang) == i18n.place(name, lang)


def test_an_unknown_province_is_refused_with_the_allowed_values():
    with pytest.raises(params.ParameterError) as err:
        params.resolve("province_profile_vn", {"province": "saigon"})
    message = str(err.value)
    assert "\n" not in message and "'saigon'" in message and "'province'" in message
    assert " | ".join(profiles.provinces("VNM")) in message
    with pytest.raises(params.ParameterError, match="inner-mongolia"):
        params.resolve("province_profile_cn", {"province": "Inner Mongolia"})
    with pytest.raises(UnknownName):
        profiles.vn_profile("atlantis")


def test_the_command_refuses_an_unknown_province_in_one_line():
    out = run_cli("params", "province_profile_cn")
    assert out.returncode == 0 and "zhejiang" in out.stdout
    out = run_cli("run", "province_profile_cn", "-p", "province", "formosa")
    assert out.returncode == 2
    line, = out.stderr.strip().splitlines()
    assert "'formosa'" in line and "zhejiang" in line


# ------------------------------------------------------------------ Vietnam

def test_tuyen_quang_is_ha_giang_and_tuyen_quang():
    p = profiles.vn_profile("tuyen-quang")
    row = dataset("vn_units_2025").set_index("name_vi").loc["Tuyên Quang"]
    assert p.merged and p.n_predecessors == 2
    assert p.predecessor_names == ["Hà Giang", "Tuyên Quang"]
    assert p.communes == row["xa"] + row["phuong"] + row["dac_khu"] == row["commune_level_total"]
    assert (p.count("xa"), p.count("phuong"), p.count("dac_khu")) == (row["xa"], row["phuong"], row["dac_khu"])
    assert p.commune_resolution == "1684/NQ-UBTVQH15" and p.commune_resolution_date == "2025-06-16"
    assert p.resolution["symbol"] == "202/2025/QH15"
    assert p.area_population_from_resolution


def test_an_unmerged_unit_kept_its_boundaries_and_its_area_rests_on_the_portal():
    p = profiles.vn_profile("ha-noi")
    assert not p.merged and p.predecessor_names == ["Hà Nội"]
    assert not p.area_population_from_resolution
    assert p.unit["area_population_confidence"] == "medium"


def test_ho_chi_minh_city_has_three_predecessors_and_their_scores_are_the_rows():
    p = profiles.vn_profile("ho-chi-minh")
    assert p.name == {"en": "Ho Chi Minh City", "vi": "TP. Hồ Chí Minh"}
    assert p.n_predecessors == 3 and len(p.predecessors) == 3
    papi, dti = dataset("vn_papi"), dataset("vn_dti")
    for _, r in p.predecessors.iterrows():
        want = papi[(papi["old_code"] == r["old_code"]) & (papi["year"] == p.papi_year)]["papi_egov_sum"]
        assert math.isclose(r["papi_egov_sum"], float(want.iloc[0]))
        d = dti[(dti["old_code"] == r["old_code"]) & (dti["year"] == p.dti_year)]
        assert r["dti_rank"] == d["dti_rank"].iloc[0]
        # a score the data do not hold stays missing
        assert math.isnan(r["dti_score"]) == bool(d["dti_score"].isna().iloc[0])
    assert p.papi_confidence["en"] == "low"


def test_a_missing_papi_score_is_missing_not_filled():
    papi = dataset("vn_papi")
    year = int(papi.loc[papi["papi_egov_sum"].notna(), "year"].max())
    gaps = papi[(papi["year"] == year) & papi["papi_egov_sum"].isna()]
    assert len(gaps)
    new = gaps["new_code"].iloc[0]
    name = dataset("vn_units_2025").set_index("new_code").loc[new, "name_vi"]
    p = profiles.vn_profile(profiles.slug(name))
    assert profiles.old_name(gaps["old_name"].iloc[0]) in p.papi_missing
    assert p.predecessors["papi_egov_sum"].isna().sum() == len(p.papi_missing) >= 1


def test_ranks_against_the_nation_are_computed_from_the_34_rows():
    p = profiles.vn_profile("ho-chi-minh")
    units = dataset("vn_units_2025")
    assert p.rank("population") == 1 + int((units["population"] > p.population).sum())
    assert p.median("area_km2") == float(units["area_km2"].median())


# ------------------------------------------------------------------ China

def test_zhejiangs_index_is_the_csv_value():
    p = profiles.cn_profile("zhejiang")
    row = dataset("cn_provinces_2019").set_index("province").loc["Zhejiang"]
    assert p.index == row["online_service_index"] and p.rank == row["rank_as_published"]
    assert p.region == "East" and p.flag("big_data_bureau_2018") and p.ccid_tier == "tier 1"
    assert p.name == {"en": "Zhejiang", "vi": "Chiết Giang (Zhejiang)"}
    other = dataset("cn_other_dg_indices")
    ts = other[(other["source_id"] == "tsinghua_dgdi") & (other["province_en"] == "Zhejiang")
               & (other["metric"] == "rank_of_31")]
    assert {int(y): v for y, v in zip(ts["data_year"], ts["value"])} == \
        {y: p.tsinghua_rank(y) for y in p.tsinghua_ranked}


def test_a_province_outside_the_tsinghua_copy_is_said_not_to_be_in_the_data():
    p = profiles.cn_profile("tibet")
    assert p.tsinghua_ranked == []
    glance = p.glance("en").set_index("indicator")
    assert glance.loc[i18n.t("profile.row.tsinghua", "en"), "value"] == "not in the data"
    assert glance.loc[i18n.t("profile.row.group", "en"), "value"] == "not named"


def test_region_figures_are_computed_from_the_regions_rows():
    p = profiles.cn_profile("guizhou")
    rows = dataset("cn_provinces_2019")
    west = rows[rows["region"] == "West"]
    assert p.n_region == len(west)
    assert math.isclose(p.mean(region=True), float(west["online_service_index"].mean()))
    assert p.rank_in_region == 1 + int((west["online_service_index"] > p.index).sum())


# ------------------------------------------------------------------ read as a scholar reads

def test_a_unit_is_named_as_what_it_is_and_a_tie_says_with_whom():
    assert profiles.cn_profile("tibet").kind["en"] == "an autonomous region"
    assert profiles.cn_profile("beijing").kind["vi"] == "một thành phố trực thuộc trung ương"
    assert profiles.cn_profile("tibet").name == {"en": "Tibet (Xizang)", "vi": "Tây Tạng (Xizang)"}
    zj = profiles.cn_profile("zhejiang")
    assert zj.tied_with == ["Guangdong"] and zj.shared["en"] == ", a rank shared with Guangdong"
    assert profiles.cn_profile("shanghai").shared["vi"] == ""


def test_a_published_rank_that_is_not_the_place_by_value_is_flagged():
    bj = profiles.cn_profile("beijing")
    rows = dataset("cn_provinces_2019")
    assert bj.n_above == int((rows["online_service_index"] > bj.index).sum())
    assert bj.rank == 4 and not bj.rank_follows_values          # 5 have a higher index
    assert profiles.cn_profile("zhejiang").rank_follows_values


def test_ranks_read_as_ordinals_and_an_unmerged_unit_has_no_former_provinces():
    hcm, lc = profiles.vn_profile("ho-chi-minh"), profiles.vn_profile("lai-chau")
    assert hcm.place("population") == {"en": "1st", "vi": "nhất"}
    assert lc.place("population")["en"] == "34th" and profiles._ordinal(12) == "th" and profiles._ordinal(22) == "nd"
    assert lc.predecessors_label["en"] == "Lai Châu before the reorganization"
    assert hcm.predecessors_label["vi"] == "Các tỉnh cũ hợp thành TP. Hồ Chí Minh"
