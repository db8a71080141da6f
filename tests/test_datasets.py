"""Datasets of data/raw/datasets/: registry, values against the raw copies and the shared
reference files, coded variables against their facts, validation messages, the loader of
the UN's own EGOV_DATA files, and the CLI.

Expected values are read in the test from the CSV files (with the csv module, not through
the library) or from the fact store; none is typed in.
"""

from __future__ import annotations

import csv
import importlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

import comparative as c
from comparative._paths import shared_reference_dir
from comparative.errors import DataError, DataWarning, UnknownName
from comparative.store.sources import _sources

from .conftest import ROOT, run_cli

# the module (comparative.datasets is also the name of the function the package exports)
ds = importlib.import_module("comparative.store.datasets")

RAW = ROOT / "data" / "raw" / "datasets"
UN_DIR = RAW / "un_egov_data"
COUNTRIES_CSV = ROOT / "data" / "raw" / "countries.csv"
PAPI_CSV = RAW / "digital_government_indices" / "vn_papi_egovernance_2018_2024.csv"
UNITS_CSV = RAW / "vietnam_2025_units" / "vn_2025_provinces_34.csv"
OLD63_CSV = RAW / "vietnam_2025_units" / "vn_2025_old63_to_new34.csv"
CN_INDEX_CSV = RAW / "digital_government_indices" / "china_prov_online_gov_service_index_2019.csv"
CN_REGION_CSV = RAW / "china_provinces" / "cn_provinces_region.csv"


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def num(text: str):
    return None if text.strip() == "" else float(text)


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing needle (= the spreadsheet row)."""
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A throw-away copy of data/raw that a test may break; the library reads it."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    monkeypatch.setenv("COMPARATIVE_ROOT", str(tmp_path))
    return tmp_path / "data" / "raw"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ------------------------------------------------------------------ registry

def test_every_dataset_is_listed_and_loads_with_its_described_columns():
    listed = c.datasets()
    assert {"un_egdi", "cn_provinces_2019", "vn_papi", "vn_dti_2022"} <= set(listed["name"])
    for name in listed["name"]:
        df = c.dataset(name)
        assert len(df) > 0, name
        assert list(df.columns) == [col.name for col in ds.columns(name)], name
        for col in ("source_id", "confidence"):
            assert col in df.columns, (name, col)
            assert df[col].notna().all(), (name, col)


def test_every_row_cites_publishers_that_are_in_the_source_registry():
    reg = _sources()
    for name in ds.dataset_names():
        df = c.dataset(name)
        id_cols = [col for col in df.columns if col.endswith("source_id")]
        for col in id_cols:
            for cell in df[col].dropna().unique():
                for sid in cell.split("; "):
                    assert sid in reg, (name, col, sid)
        spec = ds._spec(name)
        for sid in spec.sources:
            assert sid in reg


def test_dataset_publishers_have_every_field_and_no_invented_licence():
    publishers = [s for s in _sources().values() if s.kind == "dataset publisher"]
    assert len(publishers) >= 10
    for s in publishers:
        assert s.covers and s.licence and (s.title or s.title_en), s.id
        # a licence the reference files do not show is said to be not shown
        assert "not shown" in s.licence.lower(), s.id


def test_un_egdi_rows_carry_the_readme_confidence_and_their_copy():
    df = c.dataset("un_egdi")
    spec = ds._registry().files["un_egov"]
    assert "high (official layout, cross-checked) for 2010–2024" in spec.confidence
    assert set(df["confidence"]) == {"high"}
    assert set(df["source_id"]) == {"un_desa_egdi"}
    early = df[df["survey_year"] < 2024]
    assert set(early["copy"].str.split(" [(]", regex=True).str[0]) == {
        "as distributed by sevenChrisK/text-mining-week1"}
    assert set(df.loc[df["survey_year"] == 2024, "copy"]) == {
        "as distributed by MaryliaCruzS/Estadistica1CienciaPolitica (EGOV_DATA_2024.csv)"}


def test_unknown_dataset_and_option_are_refused_with_the_allowed_names():
    with pytest.raises(UnknownName) as e:
        c.dataset("egdi")
    assert str(e.value).startswith("unknown dataset 'egdi'; allowed: un_egdi, cn_provinces_2019")
    with pytest.raises(UnknownName) as e:
        c.dataset("vn_papi", folder="/tmp")
    assert str(e.value) == "unknown option of dataset 'vn_papi' 'folder'; allowed: (none)"


def test_the_package_imports_without_pandas_or_statsmodels():
    import subprocess
    import sys

    code = ("import sys, comparative; "
            "print(any(m.split('.')[0] in ('pandas', 'statsmodels', 'numpy') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ values

def test_raw_copies_are_the_shared_reference_files_unchanged():
    ref = shared_reference_dir()
    if ref is None:
        pytest.skip("../shared/reference/ not found beside the repository")
    for path in RAW.rglob("*.csv"):
        original = ref / path.relative_to(RAW)
        assert original.is_file(), path
        assert path.read_bytes() == original.read_bytes(), path


def _un_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_viet_nam_2022_egdi_is_the_shared_reference_value():
    ref = shared_reference_dir()
    if ref is None:
        pytest.skip("../shared/reference/ not found beside the repository")
    (row,) = [r for r in rows(ref / "digital_government_indices" / "un_egdi_panel.csv")
              if r["country"] == "Viet Nam" and r["survey_year"] == "2022"]
    df = c.dataset("un_egdi")
    got = df[(df["iso3"] == "VNM") & (df["survey_year"] == 2022)]
    assert len(got) == 1
    for col in ("egdi", "osi", "tii", "hci", "epi"):
        assert got[col].iloc[0] == pytest.approx(float(row[col]), abs=0), col
    assert got["egdi_rank"].iloc[0] == int(row["egdi_rank"])


def test_un_egdi_equals_the_uns_files_read_with_the_csv_module():
    """Every file, every row: the UN's cells read here with csv, not through the library."""
    df = c.dataset("un_egdi").set_index(["survey_year", "country"])
    files = sorted(UN_DIR.glob("EGOV_DATA_*.csv")) + [UN_DIR / "2024_renamed_columns" / "EGOV_DATA_2024.csv"]
    order = ("egdi_rank", "egdi", "epi", "osi", "hci", "tii")
    checked = 0
    for path in files:
        table = _un_rows(path)
        for line, r in enumerate(table[1:], start=2):
            got = df.loc[(int(r[0]), r[1].strip())]
            for col, text in zip(order, r[2:8]):
                if text.strip() == "":      # an empty cell stays empty (a few early ranks)
                    assert pd.isna(got[col]), (path.name, line, col)
                else:
                    assert float(got[col]) == float(text), (path.name, line, col)
            assert got["source_row"] == line and got["source_file"].endswith(path.name)
            checked += 1
    assert checked == len(df) == 12 * 193


def test_micronesia_2003_is_kept_and_flagged_with_the_reason():
    table = _un_rows(UN_DIR / "EGOV_DATA_2003.csv")
    header = [h.strip() for h in table[0]]
    hci_at = header.index("Human Capital Index")
    raw = {r[1].strip(): r for r in table[1:]}
    df = c.dataset("un_egdi")
    y2003 = df[df["survey_year"] == 2003].set_index("country")
    for name in ("Micronesia (Federated States of)", "Tuvalu"):
        text = raw[name][hci_at]
        assert float(text) > 1
        assert y2003.loc[name, "hci"] == float(text)
        assert y2003.loc[name, "range_flag"] == (f"Human Capital Index {text} is above its documented "
                                                 "range 0–1; kept as published")
    assert y2003.loc["Micronesia (Federated States of)", "iso3"] == "FSM"
    # nothing else is flagged: every other value is inside its range
    others = df[df["range_flag"].notna()]
    assert sorted(others["country"]) == ["Micronesia (Federated States of)", "Tuvalu"]


def test_region_is_the_2022_regions_file_for_every_year():
    table = _un_rows(UN_DIR / "EGOV_WITH_REGIONS_DATA_2022.csv")
    region = {r[1].strip(): r[8].strip() for r in table[1:]}
    df = c.dataset("un_egdi")
    assert df.groupby("country")["region"].nunique().eq(1).all()
    for name, reg in df.groupby("country")["region"].first().items():
        assert reg == region[name], name
    assert set(df.loc[df["iso3"].isin(["VNM", "CHN"]), "region"]) == {"Asia"}


def test_the_country_table_covers_the_193_member_states_exactly():
    from comparative.store import countries

    names = {r[1].strip() for path in UN_DIR.rglob("EGOV_*.csv") for r in _un_rows(path)[1:]}
    table = rows(COUNTRIES_CSV)
    assert len(names) == len(table) == 193
    assert {r["un_name"] for r in table} == names
    assert len({r["iso3"] for r in table}) == len({r["iso2"] for r in table}) == 193
    assert countries.iso3("Republic of Korea") == "KOR"
    assert countries.iso3("Democratic People's Republic of Korea") == "PRK"
    assert countries.iso3("Viet Nam") == "VNM" == countries.iso3("VN") == countries.iso3("vnm")
    assert countries.iso3("Lao People's Democratic Republic") == "LAO"
    assert countries.iso3("Georgia (Country)") == "GEO"
    # the former extract's own codes (an independent list) agree
    ref = shared_reference_dir()
    if ref is not None:
        for r in rows(ref / "digital_government_indices" / "un_egdi_panel.csv"):
            assert countries.iso3(r["country"]) == r["iso3"], r["country"]
    # no fuzzy matching: a near name is refused
    with pytest.raises(UnknownName):
        countries.iso3("Korea")
    assert c.dataset("un_egdi")["iso3"].notna().all()


def test_pandas_habits_work_on_the_panel_as_it_is():
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    import seaborn as sns
    import statsmodels.formula.api as smf

    df = c.dataset("un_egdi")
    assert df["survey_year"].dtype == np.int64 and df["egdi"].dtype == np.float64
    fit = smf.ols("osi ~ tii + hci + C(iso3) + C(survey_year)", data=df).fit()
    # the same coefficients by numpy on the same rows
    X = np.column_stack([np.ones(len(df)), df["tii"], df["hci"],
                         (df["iso3"].to_numpy()[:, None] == np.array(sorted(set(df["iso3"])))[None, 1:]),
                         (df["survey_year"].to_numpy()[:, None] == np.array(sorted(set(df["survey_year"])))[None, 1:])]
                        ).astype(float)
    beta = np.linalg.lstsq(X, df["osi"].to_numpy(), rcond=None)[0]
    assert fit.params["tii"] == pytest.approx(beta[1], rel=1e-9)
    assert fit.params["hci"] == pytest.approx(beta[2], rel=1e-9)
    grid = sns.lmplot(data=df[df["iso3"].isin(["VNM", "CHN", "THA"])], x="tii", y="osi", hue="iso3")
    assert len(grid.ax.collections) >= 3
    nullable = c.dataset("un_egdi", dtype_backend="numpy_nullable")
    assert str(nullable["survey_year"].dtype) == "Int64" and str(nullable["egdi_rank"].dtype) == "Int64"
    arrow = c.dataset("un_egdi", dtype_backend="pyarrow")
    assert str(arrow["survey_year"].dtype) == "int64[pyarrow]" and str(arrow["iso3"].dtype).endswith("[pyarrow]")
    # the three backends hold the same cells
    pd.testing.assert_frame_equal(arrow.convert_dtypes(dtype_backend="numpy_nullable"), nullable, check_dtype=False)
    pd.testing.assert_frame_equal(df.convert_dtypes(dtype_backend="numpy_nullable"), nullable, check_dtype=False)
    with pytest.raises(UnknownName) as e:
        c.dataset("un_egdi", dtype_backend="arrow")
    assert str(e.value) == "unknown dtype_backend 'arrow'; allowed: numpy, numpy_nullable, pyarrow"


def test_papi_values_and_mapping_agree_with_the_raw_copies_by_an_independent_route():
    # The research repository numbers provinces P01..P63 in GSO order: join on that order
    # instead of on names, and the library's name matching must give the same provinces.
    old63 = rows(OLD63_CSV)
    units = {r["new_code"]: r for r in rows(UNITS_CSV)}
    by_position = sorted(old63, key=lambda r: int(r["old_code"]))
    df = c.dataset("vn_papi").set_index(["year", "province_code"])
    raw = rows(PAPI_CSV)
    assert len(raw) == len(df) == 63 * 7
    for r in raw:
        got = df.loc[(int(r["year"]), r["province_code"])]
        expected = by_position[int(r["province_code"][1:]) - 1]
        assert got["old_code"] == expected["old_code"], r["province"]
        assert got["new_code"] == expected["new_code"]
        unit = units[expected["new_code"]]
        assert bool(got["merged_2025"]) == (unit["merged"] == "yes")
        assert got["new_unit"] == unit["name_vi"]
        parts = []
        for col in ("papi_egov_sc81_access_egov_portals", "papi_egov_sc82_access_internet",
                    "papi_egov_sc83_e_responsiveness"):
            want = num(r[col])
            parts.append(want)
            assert (pd.isna(got[col]) if want is None else float(got[col]) == want), col
        if None in parts:
            assert pd.isna(got["papi_egov_sum"])
        else:
            assert float(got["papi_egov_sum"]) == pytest.approx(sum(parts))


def test_dti_2022_has_the_full_rank_list_of_63_former_provinces():
    df = c.dataset("vn_dti_2022")
    raw = [r for r in rows(RAW / "digital_government_indices" / "vn_dti_provincial.csv") if r["year"] == "2022"]
    assert len(df) == len(raw) == len(rows(OLD63_CSV))
    assert df["old_code"].is_unique
    assert sorted(df["dti_rank"]) == sorted(int(r["dti_rank"]) for r in raw)
    assert set(df["confidence"]) == {ds._registry().files["vn_dti"].flag_by_year["2022"]}


def test_34_units_commune_counts_sum_to_the_articles_figures():
    units = c.dataset("vn_units_2025")

    def fact(fid):
        return c.fact(fid).number

    assert len(units) == fact("vn2025-provinces-after-thong")
    assert units["commune_level_total"].sum() == fact("vn2025-communes-after-thong")
    assert units["commune_level_total"].sum() == fact("vn2025-communes-after-thuc")
    assert units["xa"].sum() == fact("vn2025-communes-xa-after-thong")
    assert units["phuong"].sum() == fact("vn2025-wards-after-thong")
    assert units["dac_khu"].sum() == fact("vn2025-special-zones-after-thong")
    assert (units["unit_type"] == "tỉnh").sum() == fact("vn2025-provinces-tinh-after-thong")
    assert (units["unit_type"] != "tỉnh").sum() == fact("vn2025-cities-after-thong")
    assert len(c.dataset("vn_units_old63")) == fact("vn2025-provinces-before-thuc")
    # and the national totals file, an independent row per figure, says the same
    totals = c.dataset("vn_admin_totals")
    post = totals[totals["period"].str.startswith("post-reform") & (totals["level"] == "commune")]
    assert post.set_index("unit_type")["count"]["all"] == units["commune_level_total"].sum()
    assert post.set_index("unit_type")["count"]["xã"] == units["xa"].sum()


def test_area_and_population_confidence_follows_merged_or_not():
    units = c.dataset("vn_units_2025")
    raw = {r["new_code"]: r for r in rows(UNITS_CSV)}
    for _, u in units.iterrows():
        merged = raw[u["new_code"]]["merged"] == "yes"
        assert u["area_population_confidence"] == ("high" if merged else "medium")
        assert u["area_population_source_id"] == ("na_resolution_202_2025" if merged else "sapnhap_bando")
    # unchanged units are those that exactly one former province maps to
    old = [r["new_code"] for r in rows(OLD63_CSV)]
    assert (~units["merged"]).sum() == sum(old.count(code) == 1 for code in set(old))


# ------------------------------------------------------------------ China: coded variables

def _coded_facts():
    import tomllib

    with open(RAW / "cn_coded_variables.toml", "rb") as handle:
        return tomllib.load(handle)


def test_cn_provinces_2019_index_and_region_are_the_raw_values():
    df = c.dataset("cn_provinces_2019").set_index("province")
    regions = rows(CN_REGION_CSV)
    assert sorted(df.index) == sorted(r["province_en"] for r in regions)
    for r in regions:
        assert df.loc[r["province_en"], "region"] == r["nbs_region_en"]
    for r in rows(CN_INDEX_CSV):
        if r["province_en"] not in df.index:
            assert r["overall_index"] == ""  # only the Corps is left out, and it has no score
            continue
        assert float(df.loc[r["province_en"], "online_service_index"]) == float(r["overall_index"])
        assert int(df.loc[r["province_en"], "rank_as_published"]) == int(r["rank_as_published"])


def test_coded_indicators_are_the_names_of_their_facts():
    df = c.dataset("cn_provinces_2019").set_index("province")
    for var, spec in _coded_facts().items():
        if spec["kind"] != "indicator":
            continue
        named = set()
        for fid in spec["facts"]:
            named |= set(c.fact(fid).value)
        assert named, var
        assert set(df.index[df[var] == 1]) == named, var
        assert (df.loc[~df.index.isin(named), var] == spec["unlisted"]).all(), var
        assert all(fid in df[f"{var}_facts"].iloc[0] for fid in spec["facts"])
        if "count_fact" in spec:
            assert len(named) == c.fact(spec["count_fact"]).number


def test_ccid_tiers_are_the_names_of_their_facts_and_ordered():
    df = c.dataset("cn_provinces_2019").set_index("province")
    spec = _coded_facts()["ccid_tier"]
    assert list(df["ccid_tier"].cat.categories) == spec["order"] and df["ccid_tier"].cat.ordered
    listed = set()
    for level in spec["levels"]:
        names = set(c.fact(level["facts"][0]).value)
        listed |= names
        assert set(df.index[df["ccid_tier"] == level["label"]]) == names
    assert (df.loc[~df.index.isin(listed), "ccid_tier"] == spec["unlisted"]).all()


def test_coded_variables_table_lists_each_variable_with_its_facts():
    table = ds.coded_variables().set_index("variable")
    spec = _coded_facts()
    assert sorted(table.index) == sorted(spec)
    for var, rec in spec.items():
        ids = list(rec.get("facts", [])) + ([rec["count_fact"]] if "count_fact" in rec else [])
        for level in rec.get("levels", []):
            ids += list(level["facts"]) + ([level["count_fact"]] if "count_fact" in level else [])
        assert sorted(table.loc[var, "fact_ids"].split("; ")) == sorted(ids)
        assert table.loc[var, "status"] == "coded"


def test_a_name_in_a_fact_that_matches_no_province_is_a_data_error(tree):
    facts = tree / "facts" / "china_digital_government.toml"
    edit(facts, '"Shanghai", "Chongqing"]', '"Shanghai", "Chungking"]')
    with pytest.raises(DataError) as e:
        c.dataset("cn_provinces_2019")
    msg = str(e.value)
    assert msg.startswith("data/raw/facts/china_digital_government.toml: record 'cndg-big-data-bureaus-provinces', field 'value': ")
    assert "'Chungking' matches no province of cn_provinces_region.csv; allowed: Beijing, Tianjin" in msg


def test_a_count_that_disagrees_with_its_list_is_a_data_error(tree):
    facts = tree / "facts" / "china_digital_government.toml"
    edit(facts, '"Shanghai", "Chongqing"]', '"Shanghai"]')
    with pytest.raises(DataError) as e:
        c.dataset("cn_provinces_2019")
    assert "record 'cndg-big-data-bureaus-provinces-count', field 'value': gives 12 but " \
           "cndg-big-data-bureaus-provinces name 11 provinces" in str(e.value)


def test_a_variable_whose_fact_does_not_exist_stays_missing(tree):
    edit(tree / "datasets" / "cn_coded_variables.toml", 'facts = ["cndg-guomai-leaders"]',
         'facts = ["cndg-not-yet-written"]')
    with pytest.warns(UserWarning, match="cndg-not-yet-written"):
        df = c.dataset("cn_provinces_2019")
    assert df["guomai_leader"].isna().all()
    assert (df["guomai_leader_facts"] == "missing: cndg-not-yet-written").all()
    assert df["big_data_bureau_2018"].notna().all()  # the others are still coded


# ------------------------------------------------------------------ validation of raw files

def test_a_broken_un_file_is_reported_with_file_and_row_and_the_others_load(tree):
    path = tree / "datasets" / "un_egov_data" / "EGOV_DATA_2010.csv"
    line = line_of(path, '"Viet Nam ",')
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = text[line - 1].replace("0.44544", "zero")
    path.write_text("".join(text), encoding="utf-8")
    with pytest.warns(DataWarning) as w:
        df = c.dataset("un_egdi")
    msg = str(w[0].message)
    assert (f"data/raw/datasets/un_egov_data/EGOV_DATA_2010.csv: record 'row {line}', "
            "field 'E-Government Index': 'zero' is not a number; the file is left out") in msg
    assert 2010 not in set(df["survey_year"])
    assert len(df) == 11 * 193 and df.attrs["problems"]


def test_a_name_not_in_the_country_table_is_reported_and_kept(tree):
    path = tree / "datasets" / "un_egov_data" / "EGOV_DATA_2012.csv"
    line = line_of(path, '"Viet Nam ",')
    edit(path, '"Viet Nam ",', '"Vietnam",')
    with pytest.warns(DataWarning, match=f"EGOV_DATA_2012.csv: record 'row {line}', field 'Country Name': "
                                         "'Vietnam' is not a UN member state's name"):
        df = c.dataset("un_egdi")
    row = df[(df["survey_year"] == 2012) & (df["country"] == "Vietnam")]
    assert len(row) == 1 and pd.isna(row["iso3"].iloc[0])


def test_a_duplicated_key_is_refused(tree):
    path = tree / "datasets" / "china_provinces" / "cn_provinces_region.csv"
    edit(path, "天津,Tianjin,", "天津,Beijing,")
    with pytest.raises(DataError) as e:
        c.dataset("cn_regions")
    assert str(e.value) == ("data/raw/datasets/china_provinces/cn_provinces_region.csv: record 'row 3', "
                            "field 'province_en': duplicate key ('Beijing',); also in row 2")


def test_a_missing_column_is_refused(tree):
    path = tree / "datasets" / "china_provinces" / "cn_provinces_region.csv"
    edit(path, "province_zh,province_en,nbs_region_zh", "province_zh,province,nbs_region_zh")
    with pytest.raises(DataError) as e:
        c.dataset("cn_regions")
    assert "field 'province_en': column missing; the file must have: province_zh, province_en" in str(e.value)


def test_a_province_name_that_matches_no_former_province_is_refused(tree):
    path = tree / "datasets" / "digital_government_indices" / "vn_dti_provincial.csv"
    line = line_of(path, "2022,Lạng Sơn,6,")
    edit(path, "2022,Lạng Sơn,6,", "2022,Lang Biang,6,")
    with pytest.raises(DataError) as e:
        c.dataset("vn_dti_2022")
    msg = str(e.value)
    assert msg.startswith("data/raw/datasets/digital_government_indices/vn_dti_provincial.csv: "
                          f"record 'row {line}', field 'province': 'Lang Biang' matches no former province; "
                          "allowed: Thành phố Hà Nội, Tỉnh Hà Giang")


def test_unit_files_that_disagree_are_refused(tree):
    path = tree / "datasets" / "vietnam_2025_units" / "vn_2025_provinces_34.csv"
    line = line_of(path, "08,Tuyên Quang,tỉnh,yes,2,02|08,")
    edit(path, "08,Tuyên Quang,tỉnh,yes,2,02|08,", "08,Tuyên Quang,tỉnh,yes,2,02|10,")
    with pytest.raises(DataError) as e:
        c.dataset("vn_units_2025")
    assert str(e.value).endswith(f"record 'row {line}', field 'predecessor_old_codes': 02|10 but "
                                 "vn_2025_old63_to_new34.csv maps 02|08 here")


# ------------------------------------------------------------------ the UN's own files

UN_HEADER = ["Survey Year", "Country Name", "E-Government Rank", "E-Government Index",
             "E-Participation Index", "Online Service Index", "Human Capital Index",
             "Telecommunication Infrastructure Index"]
RENAMED_HEADER = ["Survey Year", "Country", "Rank", "E_Index", "E_Participation", "Online_Service",
                  "Human_Capital", "Tele_Infra"]


def _write_un(folder: Path, year: int, body: list[list], encoding="utf-8", extra_col=False, header=UN_HEADER):
    folder.mkdir(parents=True, exist_ok=True)
    header = header + (["Region"] if extra_col else [])
    with open(folder / f"EGOV_DATA_{year}.csv", "w", encoding=encoding, newline="") as handle:
        w = csv.writer(handle)
        w.writerow(header)
        for r in body:
            w.writerow(r + (["Asia"] if extra_col else []))


def test_the_loader_reads_a_users_own_files_in_either_layout(tmp_path):
    body = [[2022, "Viet Nam ", 86, "0.67870", "0.53410", "0.64840", "0.69030", "0.69730"],
            [2022, "Côte d'Ivoire ", 120, "0.54670", "0.37500", "0.54670", "0.57480", "0.51860"]]
    _write_un(tmp_path / "un", 2022, body, encoding="cp1252", extra_col=True)
    _write_un(tmp_path / "un" / "sub", 2024, [[2024, "Viet Nam", 71, "0.77092", "0.60270", "0.70811", "0.72665", "0.87797"]],
              header=RENAMED_HEADER)
    df = c.dataset("un_egdi", folder=tmp_path / "un")
    assert list(df.columns) == list(c.dataset("un_egdi").columns)
    assert len(df) == 3
    vn = df[(df["country"] == "Viet Nam") & (df["survey_year"] == 2022)].iloc[0]
    for col, i in (("egdi_rank", 2), ("egdi", 3), ("epi", 4), ("osi", 5), ("hci", 6), ("tii", 7)):
        assert float(vn[col]) == float(body[0][i]), col
    assert vn["iso3"] == "VNM" and vn["region"] == "Asia"
    civ = df[df["country"] == "Côte d'Ivoire"].iloc[0]
    assert civ["iso3"] == "CIV" and float(civ["egdi"]) == float(body[1][3])
    assert set(df["source_id"]) == {"un_desa_egdi"} and set(df["confidence"]) == {"unchecked"}
    assert df["copy"].str.startswith("the user's own file").all()
    assert df["source_file"].str.endswith(("EGOV_DATA_2022.csv", "EGOV_DATA_2024.csv")).all()
    # and it can replace the shipped files in a model
    from comparative.analysis.regression import regress

    r = regress("un_egdi", "egdi", ["tii"], options={"folder": str(tmp_path / "un")})
    assert r.n == 3


def test_a_users_file_without_a_un_column_is_reported_and_the_others_load(tmp_path):
    folder = tmp_path / "un"
    folder.mkdir()
    (folder / "EGOV_DATA_2020.csv").write_text(
        "Survey Year,Country Name,E-Government Rank,E-Government Index\n2020,Viet Nam,86,0.6667\n",
        encoding="utf-8")
    _write_un(folder, 2022, [[2020, "Viet Nam", 86, "0.6787", "0.5341", "0.6484", "0.6903", "0.6973"]])
    _write_un(folder, 2024, [[2024, "Viet Nam", 71, "0.77092", "0.60270", "0.70811", "0.72665", "0.87797"]])
    with pytest.warns(DataWarning) as w:
        df = ds.load_un_egdi(folder)
    msg = str(w[0].message)
    assert "EGOV_DATA_2020.csv, field 'E-Participation Index': column missing" in msg
    assert "EGOV_DATA_2022.csv: record 'row 2', field 'Survey Year': 2020 in a file named for 2022" in msg
    assert list(df["survey_year"]) == [2024]


def test_the_loader_refuses_a_folder_without_un_files(tmp_path):
    with pytest.raises(DataError) as e:
        ds.load_un_egdi(tmp_path)
    assert "no EGOV_DATA_<year>.csv file here" in str(e.value)
    with pytest.raises(DataError) as e:
        ds.load_un_egdi(tmp_path / "absent")
    assert "folder not found" in str(e.value)


def test_codebook_describes_every_column_with_a_type():
    book = ds.codebook()
    assert book["description"].str.len().min() > 0
    assert set(book["type"]) <= {"integer", "number", "string", "boolean"}
    coded = book[(book["dataset"] == "cn_provinces_2019") & (book["column"] == "ccid_tier")]
    assert "CCID" in coded["description"].iloc[0]


def test_cli_lists_and_shows_datasets():
    out = run_cli("datasets")
    assert out.returncode == 0, out.stderr
    for name in ds.dataset_names():
        assert name in out.stdout
    out = run_cli("datasets", "show", "un_egdi")
    assert out.returncode == 0, out.stderr
    flat = " ".join(out.stdout.split())            # the CLI wraps at words
    assert ds._spec("un_egdi").title in flat and "[un_desa_egdi]" in flat
    out = run_cli("datasets", "show", "egdi")
    assert out.returncode == 2
    assert out.stderr.startswith("comparative: unknown dataset 'egdi'; allowed: un_egdi")
