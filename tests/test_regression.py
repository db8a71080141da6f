"""regress(): coefficients against closed-form least squares, standard errors against
statsmodels and a numpy sandwich on a design built here, the ordered logit against its own
closed-form null likelihood, the EGDI slope comparison against per-country fits, and every
refused request's message.

Designs are built in this file from the raw CSV copies (read with the csv module) and the
fact store, not by the library under test.
"""

from __future__ import annotations

import csv
import importlib
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import comparative as c
from comparative.analysis import charts
from comparative.locale import i18n
from comparative.analysis import regression
from comparative.errors import ComparativeError, UnknownName
from comparative.analysis.regression import (ModelRequestError, egdi_slope_comparison, from_parameters,
                                    parameters_request, preset, regress)

from .conftest import ROOT

RAW = ROOT / "data" / "raw" / "datasets"
ds = importlib.import_module("comparative.store.datasets")


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


UN_DIR = RAW / "un_egov_data"
UN_FIELDS = ("survey_year", "country", "egdi_rank", "egdi", "epi", "osi", "hci", "tii")


def un_rows() -> list[dict]:
    """Every row of the UN's files, read here with the csv module (positions, not names:
    the 2024 copy renames the columns); iso3 from data/raw/countries.csv."""
    with open(ROOT / "data" / "raw" / "countries.csv", encoding="utf-8", newline="") as handle:
        iso = {r["un_name"]: r["iso3"] for r in csv.DictReader(handle)}
    out = []
    for path in sorted(UN_DIR.glob("EGOV_DATA_*.csv")) + [UN_DIR / "2024_renamed_columns" / "EGOV_DATA_2024.csv"]:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
        for r in table[1:]:
            rec = {k: v.strip() for k, v in zip(UN_FIELDS, r)}
            rec["iso3"] = iso[rec["country"]]
            out.append(rec)
    return out


def num(text: str):
    return np.nan if text.strip() == "" else float(text)


def hc3(X: np.ndarray, e: np.ndarray) -> np.ndarray:
    """HC3 standard errors by the sandwich formula (MacKinnon & White 1985)."""
    bread = np.linalg.inv(X.T @ X)
    h = np.einsum("ij,jk,ik->i", X, bread, X)
    meat = (X * (e**2 / (1 - h) ** 2)[:, None]).T @ X
    return np.sqrt(np.diag(bread @ meat @ bread))


def dummies(values, prefix, reference=None):
    levels = sorted(set(values))
    if reference is not None:
        levels = [reference] + [v for v in levels if v != reference]
    return {f"{prefix}={lv}": np.array([1.0 if v == lv else 0.0 for v in values]) for lv in levels[1:]}


# ------------------------------------------------------------------ panel: OSI on TII, HCI with FE

@pytest.fixture(scope="module")
def panel():
    """OSI, TII, HCI with country and year dummies, from the UN's files (complete rows)."""
    everything = un_rows()
    data = [r for r in everything if all(r[k].strip() for k in ("osi", "tii", "hci"))]
    data.sort(key=lambda r: (int(r["survey_year"]), r["country"]))     # the dataset's row order
    y = np.array([float(r["osi"]) for r in data])
    cols = {"const": np.ones(len(data)), "tii": np.array([float(r["tii"]) for r in data]),
            "hci": np.array([float(r["hci"]) for r in data])}
    # other reference levels than the library's (last, not first): slopes must not care
    countries = [r["iso3"] for r in data]
    years = [r["survey_year"] for r in data]
    cols.update(dummies(countries, "c", reference=sorted(set(countries))[-1]))
    cols.update(dummies(years, "y", reference=sorted(set(years))[-1]))
    X = np.column_stack(list(cols.values()))
    total = len(everything)
    return y, X, list(cols), countries, total


def test_panel_slopes_equal_closed_form_least_squares(panel):
    y, X, names, _, total = panel
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    r = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["country", "survey_year"],
                se="cluster", cluster="country")
    assert r.n == len(y) and r.n_dropped == total - len(y)
    for term in ("tii", "hci"):
        assert r.params[term] == pytest.approx(beta[names.index(term)], rel=1e-9, abs=1e-12)
    # same fit, whatever the dummy coding: fitted values and R²
    fitted = X @ beta
    assert np.allclose(r.frame()["fitted"].to_numpy(), fitted, atol=1e-10)
    r2 = 1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    assert r.r2 == pytest.approx(r2, rel=1e-10)
    assert np.allclose(r.frame()["residual"], r.frame()["osi"] - r.frame()["fitted"])


def test_panel_clustered_se_equal_statsmodels_on_the_same_design(panel):
    y, X, names, countries, _ = panel
    own = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(np.asarray(countries))[0]})
    r = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["country", "survey_year"],
                se="cluster", cluster="country")
    t = r.table().set_index("term")
    for term in ("tii", "hci"):
        assert t.loc[term, "se"] == pytest.approx(own.bse[names.index(term)], rel=1e-8)
    assert r.n_clusters == len(set(countries))
    # inference uses t with G - 1 degrees of freedom
    from scipy import stats

    g = len(set(countries))
    half = stats.t.ppf(0.975, g - 1) * t.loc["tii", "se"]
    assert t.loc["tii", "ci_high"] - t.loc["tii", "coef"] == pytest.approx(half, rel=1e-8)
    assert "fixed effect" not in set(t["kind"])
    assert "fixed effect" in set(r.table(fixed_effects=True)["kind"])


# ------------------------------------------------------------------ China 2019 cross-section, HC3

@pytest.fixture(scope="module")
def china():
    regions = rows(RAW / "china_provinces" / "cn_provinces_region.csv")
    index = {r["province_en"]: r for r in rows(RAW / "digital_government_indices" /
                                                 "china_prov_online_gov_service_index_2019.csv")}
    bureaus = set(c.fact("cndg-big-data-bureaus-provinces").value)
    groups = set(c.fact("cndg-leading-groups-provinces").value)
    provinces = [r["province_en"] for r in regions]
    y = np.array([float(index[p]["overall_index"]) for p in provinces])
    cols = {"const": np.ones(len(provinces)),
            "big_data_bureau_2018": np.array([1.0 if p in bureaus else 0.0 for p in provinces]),
            "dg_leading_group_named": np.array([1.0 if p in groups else 0.0 for p in provinces])}
    for region in ("Central", "West", "Northeast"):  # East is the reference
        cols[f"region[{region}]"] = np.array([1.0 if r["nbs_region_en"] == region else 0.0 for r in regions])
    return y, np.column_stack(list(cols.values())), list(cols), provinces


def test_china_cross_section_coefficients_and_hc3_se(china):
    y, X, names, _ = china
    beta = np.linalg.solve(X.T @ X, X.T @ y)  # normal equations
    e = y - X @ beta
    r = preset("cn_osi_institutions")
    t = r.table().set_index("term")
    assert list(t.index) == names
    assert np.allclose(t["coef"].to_numpy(), beta, rtol=1e-10, atol=1e-10)
    assert np.allclose(t["se"].to_numpy(), hc3(X, e), rtol=1e-8)
    own = sm.OLS(y, X).fit(cov_type="HC3")
    assert np.allclose(t["se"].to_numpy(), own.bse, rtol=1e-10)
    assert r.se == "HC3" and r.n == len(y) and r.n_dropped == 0


def test_ordered_logit_on_ccid_tiers(china):
    _, X, names, provinces = china
    tier1 = set(c.fact("cndg-ccid-tier1-names").value)
    tier2 = set(c.fact("cndg-ccid-tier2-names").value)
    level = np.array([2 if p in tier1 else 1 if p in tier2 else 0 for p in provinces])
    keep = [names.index(n) for n in ("big_data_bureau_2018", "region[Central]", "region[West]", "region[Northeast]")]
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    own = OrderedModel(level, X[:, keep], distr="logit").fit(method="bfgs", disp=False, maxiter=2000)
    r = preset("cn_ccid_tier_ologit")
    t = r.table()
    coefs = t[t["kind"] == "coefficient"]
    assert np.allclose(coefs["coef"].to_numpy(), own.params[: len(keep)], atol=1e-4)
    assert list(t["kind"]).count("threshold") == 2 and "z" in t.columns
    counts = np.bincount(level)
    llnull = (counts * np.log(counts / counts.sum())).sum()  # thresholds only: observed shares
    assert r.pseudo_r2 == pytest.approx(1 - own.llf / llnull, rel=1e-5)
    assert r.r2 is None and "pseudo-R²" in r.summary_line()
    # the facts a reading states: odds ratios, the share of tiers predicted, the modal share
    f = regression.term_facts(r)
    assert np.allclose(f["odds_ratio"].to_numpy(dtype=float), np.exp(own.params[: len(keep)]), rtol=1e-3)
    predicted = np.asarray(own.predict()).argmax(axis=1)
    assert regression.share_predicted(r) == pytest.approx((predicted == level).mean())
    assert regression.modal_share(r) == pytest.approx(counts.max() / counts.sum())
    with pytest.raises(ModelRequestError):
        regression.share_predicted(preset("cn_osi_institutions"))
    # a threshold sits between two adjacent categories, each named as the report names it
    tiers = [i18n.t(f"category.{v}", "vi") for v in ("below tier 2", "tier 2", "tier 1")]
    thresholds = [v for k, v in regression.term_labels(r, "vi").items() if r.term_kinds.get(k) == "threshold"]
    assert thresholds == [i18n.t("label.threshold", "vi", levels=f"{a}/{b}") for a, b in zip(tiers, tiers[1:])]


# ------------------------------------------------------------------ Vietnam: PAPI on year and merged

def test_vn_papi_model_equals_least_squares_on_an_independent_join():
    old63 = sorted(rows(RAW / "vietnam_2025_units" / "vn_2025_old63_to_new34.csv"), key=lambda r: int(r["old_code"]))
    merged = {r["new_code"]: r["merged"] == "yes" for r in rows(RAW / "vietnam_2025_units" / "vn_2025_provinces_34.csv")}
    data = []
    for r in rows(RAW / "digital_government_indices" / "vn_papi_egovernance_2018_2024.csv"):
        if not r["papi_egov_sc81_access_egov_portals"].strip():
            continue
        old = old63[int(r["province_code"][1:]) - 1]  # P01..P63 in GSO order
        data.append((float(r["papi_egov_sc81_access_egov_portals"]), float(r["year"]),
                     1.0 if merged[old["new_code"]] else 0.0, old["old_code"]))
    y = np.array([d[0] for d in data])
    X = np.column_stack([np.ones(len(data)), [d[1] for d in data], [d[2] for d in data]])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    r = preset("vn_papi_merged")
    assert np.allclose(r.params.to_numpy(), beta, rtol=1e-8)
    own = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(np.asarray([d[3] for d in data]))[0]})
    assert np.allclose(r.table()["se"].to_numpy(), own.bse, rtol=1e-8)
    assert r.n_dropped == 63 * 7 - len(data)
    # counts against the join made here: provinces, clusters, the rows and provinces merged
    provinces = {d[3] for d in data}
    assert regression.n_units(r) == r.n_clusters == len(provinces) and regression.repeated_units(r)
    assert not r.few_clusters and r.cluster_df == len(provinces) - 1
    f = regression.term_facts(r)
    assert f.loc["merged_2025", "ones"] == sum(d[2] for d in data)
    assert f.loc["merged_2025", "units"] == len({d[3] for d in data if d[2]})
    assert not f.loc["year", "binary"] and pd.isna(f.loc["year", "units"])
    assert regression.years_used(r) == sorted({int(d[1]) for d in data})


# ------------------------------------------------------------------ EGDI trajectories

def test_egdi_slopes_equal_per_country_fits_and_hc3_contrasts():
    data = un_rows()
    countries = sorted({r["country"] for r in data})
    slopes = {}
    for cn in countries:
        xs = np.array([float(r["survey_year"]) for r in data if r["country"] == cn])
        ys = np.array([float(r["egdi"]) for r in data if r["country"] == cn])
        slopes[cn] = np.polyfit(xs, ys, 1)[0]
    others = [cn for cn in countries if cn != "Viet Nam"]
    table = egdi_slope_comparison().set_index("contrast")
    est = table["estimate"]
    assert est["slope: Viet Nam"] == pytest.approx(slopes["Viet Nam"], rel=1e-8)
    assert est["slope: China"] == pytest.approx(slopes["China"], rel=1e-8)
    mean = np.mean([slopes[o] for o in others])
    assert est[f"slope: mean of the other {len(others)} countries"] == pytest.approx(mean, rel=1e-8)
    assert est["Viet Nam − China"] == pytest.approx(slopes["Viet Nam"] - slopes["China"], rel=1e-6)
    assert est[f"Viet Nam − mean of the other {len(others)} countries"] == pytest.approx(slopes["Viet Nam"] - mean, rel=1e-6)
    # HC3 of a contrast, with a design coded here: one intercept and one slope per country
    X = np.column_stack([np.array([1.0 if r["country"] == cn else 0.0 for r in data]) for cn in countries]
                        + [np.array([float(r["survey_year"]) if r["country"] == cn else 0.0 for r in data])
                           for cn in countries])
    y = np.array([float(r["egdi"]) for r in data])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    bread = np.linalg.inv(X.T @ X)
    h = np.einsum("ij,jk,ik->i", X, bread, X)
    V = bread @ ((X * (e**2 / (1 - h) ** 2)[:, None]).T @ X) @ bread
    k = len(countries)
    vn, cn = countries.index("Viet Nam"), countries.index("China")
    w = np.zeros(2 * k)
    w[k + vn], w[k + cn] = 1.0, -1.0
    assert table.loc["Viet Nam − China", "se"] == pytest.approx(np.sqrt(w @ V @ w), rel=1e-8)
    w = np.zeros(2 * k)
    w[k + vn] = 1.0
    for o in others:
        w[k + countries.index(o)] = -1.0 / len(others)
    assert table.loc[f"Viet Nam − mean of the other {len(others)} countries", "se"] == pytest.approx(np.sqrt(w @ V @ w), rel=1e-8)
    # whether each 95% interval excludes zero, with the t quantile of the residual df here
    from scipy import stats

    half = stats.t.ppf(0.975, len(y) - X.shape[1]) * table["se"]
    assert list(table["excludes_zero"]) == list((table["estimate"].abs() > half))
    assert np.allclose(table["ci_high"] - table["estimate"], half, rtol=1e-8)


# ------------------------------------------------------------------ refused requests

def _refused(exc_type, *args, **kwargs) -> str:
    with pytest.raises(exc_type) as e:
        regress(*args, **kwargs)
    assert isinstance(e.value, ComparativeError)
    message = str(e.value)
    assert "\n" not in message
    return message


def test_a_variable_absent_from_the_dataset_is_refused_with_the_allowed_columns():
    msg = _refused(UnknownName, "un_egdi", "osi", ["tii", "gdp_per_capita"])
    allowed = ", ".join(c.dataset("un_egdi").columns)
    assert msg == f"variable 'gdp_per_capita' is not in dataset 'un_egdi'; allowed: {allowed}"


def test_fewer_observations_than_parameters_is_refused():
    # 2020, two countries: two rows for three parameters
    year = [r for r in un_rows() if r["survey_year"] == "2020" and r["iso3"] in ("VNM", "CHN")]
    complete = sum(all(r[k].strip() for k in ("osi", "tii", "hci")) for r in year)
    assert complete < 3
    msg = _refused(ModelRequestError, "un_egdi", "osi", ["tii", "hci"], years=[2020], countries=["VN", "CN"])
    assert msg == (f"too few observations: {complete} rows left ({len(year) - complete} dropped for missing "
                   "values) for 3 parameters; a model needs more observations than parameters")


def test_a_year_without_data_is_refused_with_the_available_years():
    years = sorted({int(r["survey_year"]) for r in un_rows()})
    msg = _refused(ModelRequestError, "un_egdi", "egdi", ["tii"], years=[2018, 2019])
    assert msg == f"year 2019 has no data in dataset 'un_egdi'; available: {', '.join(map(str, years))}"


def test_a_country_without_data_is_refused_with_the_available_countries():
    names = sorted({r["country"] for r in un_rows()})
    msg = _refused(ModelRequestError, "un_egdi", "egdi", ["tii"], countries=["Viet Nam", "Taiwan"])
    assert msg == f"country 'Taiwan' has no data in dataset 'un_egdi'; available: {', '.join(names)}"


def test_countries_may_be_named_by_iso3():
    r = regress("un_egdi", "egdi", ["tii"], countries=["VNM", "CHN", "THA"])
    assert set(r.data.columns) >= {"egdi", "tii"}
    assert r.countries == ("VNM", "CHN", "THA")


def test_a_non_numeric_outcome_for_ols_is_refused():
    msg = _refused(ModelRequestError, "cn_provinces_2019", "ccid_tier", ["region"])
    assert msg.startswith("outcome 'ccid_tier' is not numeric (category); OLS needs a numeric outcome; "
                          "use model='ologit' for an ordered outcome; numeric columns: online_service_index")
    msg = _refused(ModelRequestError, "cn_provinces_2019", "province", ["region"])
    dtype = c.dataset("cn_provinces_2019")["province"].dtype        # pandas' default text type
    assert msg.startswith(f"outcome 'province' is not numeric ({dtype}); OLS needs a numeric outcome; numeric columns: ")


def test_unknown_se_type_and_model_are_refused():
    assert _refused(UnknownName, "un_egdi", "osi", ["tii"], se="HC2") == \
        "unknown standard-error type 'HC2'; allowed: nonrobust, HC1, HC3, cluster, robust, classical"
    assert _refused(UnknownName, "un_egdi", "osi", ["tii"], model="probit") == \
        "unknown model 'probit'; allowed: ols, ologit"


def test_other_refusals_say_what_is_allowed():
    assert _refused(ModelRequestError, "un_egdi", "osi", ["tii"], cluster="country") == \
        "cluster='country' applies only with se='cluster'; se is 'nonrobust'"
    assert _refused(ModelRequestError, "cn_provinces_2019", "online_service_index", ["region"], years=[2019]) == \
        "dataset 'cn_provinces_2019' has no year column, so years= cannot be used"
    assert _refused(ModelRequestError, "cn_provinces_2019", "ccid_tier", ["region"], model="ologit", se="HC3") == \
        "model 'ologit' supports se='nonrobust' only; got 'HC3'"
    assert _refused(ModelRequestError, "un_egdi", "osi", ["osi"]) == \
        "the outcome 'osi' cannot also be a covariate"
    assert _refused(UnknownName, "egdi", "osi", ["tii"]).startswith("unknown dataset 'egdi'; allowed: un_egdi")
    assert _refused(UnknownName, "cn_provinces_2019", "online_service_index", ["region"],
                    reference={"region": "South"}) == \
        "unknown reference level of 'region' 'South'; allowed: East, Central, West, Northeast"


def test_a_collinear_design_is_refused_naming_the_term():
    df = c.dataset("cn_provinces_2019")
    df["bureau_again"] = df["big_data_bureau_2018"]
    msg = _refused(ModelRequestError, df, "online_service_index", ["big_data_bureau_2018", "bureau_again"])
    assert msg.startswith("the design is collinear on the rows used: bureau_again is a linear combination of earlier terms")


def test_hc3_with_a_leverage_one_row_is_refused():
    df = c.dataset("un_egdi")
    df = df[(df["survey_year"] != 2020) | (df["iso3"] == "VNM")]    # 2020: a single row
    msg = _refused(ModelRequestError, df, "egdi", ["tii"], fixed_effects=["survey_year"], se="HC3",
                   countries=None, years=[2018, 2020])
    assert msg.startswith("HC3 is undefined here: some observations have leverage 1")


def test_a_data_frame_works_like_a_dataset_name():
    by_name = regress("cn_provinces_2019", "online_service_index", ["big_data_bureau_2018"], se="HC3")
    by_frame = regress(c.dataset("cn_provinces_2019"), "online_service_index", ["big_data_bureau_2018"], se="HC3")
    assert np.allclose(by_name.params, by_frame.params)
    assert by_frame.dataset == "the data frame"
    provinces = len(rows(RAW / "china_provinces" / "cn_provinces_region.csv"))
    assert f"N = {provinces} (0 dropped for missing values)" in by_name.summary_line()


def test_unknown_preset_is_refused():
    with pytest.raises(UnknownName) as e:
        preset("everything")
    assert str(e.value).startswith("unknown preset model 'everything'; allowed: panel_osi")


# ------------------------------------------------------------------ the notebook's text parameters

def _example_rows():
    """The rows the scholar's example keeps, read from the UN's files: surveys 2010-2024, Viet
    Nam, China and Thailand, complete OSI, TII and HCI."""
    return [r for r in un_rows()
            if 2010 <= int(r["survey_year"]) <= 2024 and r["iso3"] in ("VNM", "CHN", "THA")]


EXAMPLE = dict(dataset="un_egdi", outcome="osi", covariates="tii,hci", years="2010-2024",
               countries="VNM,CHN,THA", se="cluster")


def test_default_parameters_are_the_provincial_presets():
    for province_model, name in regression.PROVINCE_MODELS.items():
        r = from_parameters(default=name)
        p = preset(name)
        assert r.preset == name == p.preset
        assert np.allclose(r.params, p.params) and np.allclose(r.result.bse, p.result.bse)
        assert (r.n, r.n_dropped, r.se, r.cluster) == (p.n, p.n_dropped, p.se, p.cluster)
    # a dataset alone gives its default model
    for dataset, name in regression.DEFAULT_MODELS.items():
        assert from_parameters(dataset=dataset).preset == name


def test_the_scholars_example_is_the_panel_model_on_the_rows_it_names():
    r = from_parameters(**EXAMPLE)
    kept = _example_rows()
    years = sorted({int(x["survey_year"]) for x in kept})
    direct = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["country", "survey_year"], se="cluster",
                     cluster="country", years=years, countries=["Viet Nam", "China", "Thailand"])
    assert np.allclose(r.params, direct.params) and np.allclose(r.result.bse, direct.result.bse)
    complete = [x for x in kept if all(x[k].strip() for k in ("osi", "tii", "hci"))]
    assert (r.n, r.n_dropped) == (len(complete), len(kept) - len(complete))
    assert r.n_clusters == 3 and r.preset is None
    # closed form on the same rows: OSI on TII, HCI and the dummies
    y = np.array([float(x["osi"]) for x in complete])
    cols = {"const": np.ones(len(complete)), "tii": np.array([float(x["tii"]) for x in complete]),
            "hci": np.array([float(x["hci"]) for x in complete])}
    cols.update(dummies([x["iso3"] for x in complete], "c"))
    cols.update(dummies([x["survey_year"] for x in complete], "y"))
    X = np.column_stack(list(cols.values()))
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.allclose([r.params["tii"], r.params["hci"]], beta[1:3])


def test_text_parameters_are_parsed():
    req = parameters_request(dataset="un_egdi", covariates=" tii , hci ", fixed_effects="none",
                             years="2010, 2014-2018", countries="Viet Nam,CHN", se="HC3")
    assert req["x"] == ["tii", "hci"] and req["fixed_effects"] == []
    available = sorted({int(x["survey_year"]) for x in un_rows()})
    assert req["years"] == [2010] + [v for v in available if 2014 <= v <= 2018]
    assert req["countries"] == ["Viet Nam", "CHN"] and (req["se"], req["cluster"]) == ("HC3", None)
    # auto covariates leave out the outcome; an ordered outcome is fitted by ordered logit
    assert parameters_request(dataset="un_egdi", outcome="tii")["x"] == ["hci"]
    req = parameters_request(dataset="cn_provinces_2019", outcome="ccid_tier")
    assert (req["model"], req["se"]) == ("ologit", "nonrobust")
    assert from_parameters(dataset="cn_provinces_2019", outcome="ccid_tier",
                           covariates="big_data_bureau_2018,region").preset == "cn_ccid_tier_ologit"
    # se cluster: by the default model's cluster column, else the dataset's unit
    assert parameters_request(dataset="vn_papi", se="cluster")["cluster"] == "old_code"
    assert from_parameters(dataset="cn_provinces_2019", se="cluster").cluster == "province"


def _one_line(exc_type, **kw) -> str:
    with pytest.raises(exc_type) as e:
        from_parameters(**kw)
    assert isinstance(e.value, ComparativeError)
    message = str(e.value)
    assert "\n" not in message
    return message


def test_bad_text_parameters_are_refused_with_what_is_allowed():
    available = ", ".join(map(str, sorted({int(x["survey_year"]) for x in un_rows()})))
    columns = ", ".join(c.dataset("un_egdi").columns)
    assert _one_line(UnknownName, dataset="un_egdi", covariates="tii,gdp") == \
        f"variable 'gdp' is not in dataset 'un_egdi'; allowed: {columns}"
    assert _one_line(UnknownName, dataset="un_egdi", outcome="gdp") == \
        f"variable 'gdp' is not in dataset 'un_egdi'; allowed: {columns}"
    assert _one_line(ModelRequestError, dataset="un_egdi", years="2010 to 2024") == (
        "years '2010 to 2024' is not a list of years or ranges such as 2010-2024 or 2014,2016 (or all); "
        f"available in dataset 'un_egdi': {available}")
    assert _one_line(ModelRequestError, dataset="un_egdi", years="2025-2030") == \
        f"no year of 2025-2030 has data in dataset 'un_egdi'; available: {available}"
    assert _one_line(ModelRequestError, dataset="un_egdi", years="2024-2010") == \
        "years '2024-2010' runs backwards; write the earlier year first (2010-2024)"
    assert _one_line(ModelRequestError, dataset="un_egdi", years="2011") == \
        f"year 2011 has no data in dataset 'un_egdi'; available: {available}"
    names = ", ".join(sorted({x["country"] for x in un_rows()}))
    assert _one_line(ModelRequestError, dataset="un_egdi", countries="VNM,TWN") == \
        f"country 'TWN' has no data in dataset 'un_egdi'; available: {names}"
    assert _one_line(ModelRequestError, dataset="un_egdi", covariates="tii,,hci").startswith(
        "covariates 'tii,,hci' has an empty name; separate column names with commas")
    assert _one_line(ModelRequestError, dataset="cn_provinces_2019", years="2019") == \
        "dataset 'cn_provinces_2019' has no year column, so years must be 'all'; got '2019'"
    assert _one_line(ModelRequestError, dataset="cn_provinces_2019", countries="CHN") == \
        "dataset 'cn_provinces_2019' has no country column, so countries= cannot be used"
    assert _one_line(UnknownName, dataset="egdi") == \
        "unknown dataset for the notebook's model 'egdi'; allowed: " + ", ".join(regression.PARAMETER_DATASETS)
    assert _one_line(UnknownName, se="HC2") == \
        "unknown standard-error type 'HC2'; allowed: " + ", ".join(regression.PARAMETER_SE)
    assert _one_line(ModelRequestError, dataset="cn_provinces_2019", outcome="ccid_tier", se="HC3") == \
        "model 'ologit' supports se='nonrobust' only; got 'HC3'"


def test_the_notebooks_enumerated_parameters_are_the_librarys():
    from comparative.reporting import params

    spec = params.specs("digital_government_regression")
    assert spec["dataset"].allowed == regression.PARAMETER_DATASETS
    assert spec["se"].allowed == regression.PARAMETER_SE
    assert spec["province_model"].allowed == tuple(regression.PROVINCE_MODELS)
    for name in ("outcome", "covariates", "fixed_effects", "years", "countries"):
        assert not spec[name].allowed, name            # free text: the library's refusal lists
        assert "e.g." in spec[name].description or "column" in spec[name].description
    defaults = {k: spec[k].default for k in ("dataset", "outcome", "covariates", "fixed_effects",
                                             "years", "countries", "se")}
    assert from_parameters(**defaults, default=regression.PROVINCE_MODELS[spec["province_model"].default]).preset \
        == regression.PROVINCE_MODELS[spec["province_model"].default]


# ------------------------------------------------------------------ reading a result

def test_every_column_a_model_may_use_has_a_label_in_both_languages():
    for name in regression.DEFAULT_MODELS:
        df = c.dataset(name)
        for col in df.columns:
            s = df[col]
            usable = (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)
                      or isinstance(s.dtype, pd.CategoricalDtype))
            if usable and not col.endswith("_facts"):
                assert i18n.has(f"term.{col}"), f"{name}: no label for column '{col}'"
    assert not i18n.missing()


def test_confidence_flags_and_sources_come_from_the_rows_used():
    r = from_parameters(**EXAMPLE)
    spec = tomllib.loads((RAW / "datasets.toml").read_text(encoding="utf-8"))["files"]
    complete = [x for x in _example_rows() if all(x[k].strip() for k in ("osi", "tii", "hci"))]
    egdi = spec["un_egov"]
    flags = [egdi["flag"] for x in complete]
    counts = regression.confidence_counts(r)
    assert dict(zip(counts["flag"], counts["rows"])) == {f: flags.count(f) for f in set(flags)}
    assert regression.rows_below_high(r) == sum(f != "high" for f in flags) == 0
    worst = ["high", "medium-high", "medium", "medium-low", "medium / low", "low"]
    assert regression.lowest_confidence(r) == max(flags, key=worst.index)
    # two confidence columns: a row counts once when either is below high
    papi = preset("vn_papi_merged")
    assert regression.lowest_confidence(papi) == spec["vn_papi"]["flag"] == "low"
    assert regression.rows_below_high(papi) == papi.n
    dti = preset("vn_dti_rank_merged")                   # 2022 ranks: high, mapping: high
    assert spec["vn_dti"]["flag_by_year"]["2022"] == spec["vn_old63_to_new34"]["flag"] == "high"
    assert regression.rows_below_high(dti) == 0 and regression.lowest_confidence(dti) == "high"
    assert regression.model_sources(r) == ([], ["un_desa_egdi"])
    facts, sources = regression.model_sources(preset("cn_osi_institutions"))
    coded = c.dataset("cn_provinces_2019")
    for col in ("big_data_bureau_2018", "dg_leading_group_named"):
        for cell in coded[f"{col}_facts"]:
            assert {i.strip() for i in cell.replace(",", ";").split(";")} - {""} <= set(facts)
    assert not any("guomai" in f for f in facts)              # not a variable of the model
    assert {"cps_egov_2020", "nbs_regions", "huong2021"} <= set(sources)


def test_parameters_clusters_units_and_years_are_counted_from_the_rows(panel):
    y, X, _, countries, _ = panel
    r = preset("panel_osi")
    g = len(set(countries))
    # 1 + 2 covariates + (countries - 1) + (surveys - 1) columns in the design built here
    assert r.n_parameters == X.shape[1] == np.linalg.matrix_rank(X)
    assert r.rows_per_parameter == pytest.approx(len(y) / X.shape[1])
    assert r.small_sample == (len(y) / X.shape[1] < regression.ROWS_PER_PARAMETER)
    assert r.n_clusters == g and r.cluster_df == g - 1
    assert not r.few_clusters and g >= regression.FEW_CLUSTERS     # 193 member states
    assert regression.n_units(r) == g and regression.repeated_units(r)
    complete = [x for x in un_rows() if all(x[k].strip() for k in ("osi", "tii", "hci"))]
    assert regression.years_used(r) == sorted({int(x["survey_year"]) for x in complete})
    # a cross-section: one row per province, no clusters, no year column
    provinces = len(rows(RAW / "china_provinces" / "cn_provinces_region.csv"))
    cn = preset("cn_osi_institutions")
    assert regression.n_units(cn) == cn.n == provinces and not regression.repeated_units(cn)
    assert (cn.few_clusters, cn.cluster_df, cn.n_clusters) == (False, None, None)
    regions = {x["nbs_region_en"] for x in rows(RAW / "china_provinces" / "cn_provinces_region.csv")}
    assert cn.n_parameters == 1 + 2 + len(regions) - 1             # intercept, two flags, regions
    assert cn.small_sample == (provinces / cn.n_parameters < regression.ROWS_PER_PARAMETER)
    assert regression.years_used(cn) == []
    # the three example countries make three clusters: few, and said so
    ex = from_parameters(**EXAMPLE)
    assert ex.few_clusters and ex.n_clusters == regression.n_units(ex) == 3


def test_a_rank_outcome_is_recognised_from_the_codebooks_unit():
    for name in regression.DEFAULT_MODELS:
        df = c.dataset(name)
        for col in ds._spec(name).columns:
            if col.type not in ("integer", "number") or col.name not in df or df[col.name].notna().sum() < 2:
                continue
            r = regress(name, col.name, [])
            assert r.rank_outcome == col.unit.startswith("rank"), (name, col.name, col.unit)
    # a data frame has no codebook: its column's name says it
    df = c.dataset("vn_dti_2022")
    assert regress(df, "dti_rank", []).rank_outcome
    assert not regress(df.rename(columns={"dti_rank": "place"}), "place", []).rank_outcome


def test_term_facts_read_the_hc3_intervals_computed_here(china):
    from scipy import stats

    y, X, names, provinces = china
    beta = np.linalg.solve(X.T @ X, X.T @ y)
    se = hc3(X, y - X @ beta)
    half = stats.t.ppf(0.975, len(y) - X.shape[1]) * se
    lo, hi = beta - half, beta + half
    r = preset("cn_osi_institutions")
    f = regression.term_facts(r)
    covariates = [t for t in names if t != "const"]
    assert list(f.index) == covariates
    j = [names.index(t) for t in covariates]
    assert np.allclose(f["ci_low"], lo[j], rtol=1e-8) and np.allclose(f["ci_high"], hi[j], rtol=1e-8)
    assert list(f["excludes_zero"]) == [bool(lo[i] > 0 or hi[i] < 0) for i in j]
    assert list(f["sign"]) == [int(np.sign(beta[i])) for i in j]
    assert f["binary"].all() and list(f["ones"]) == [int(X[:, i].sum()) for i in j]
    assert f["odds_ratio"].isna().all()
    assert regression.clear_terms(r) == [t for t, i in zip(covariates, j) if lo[i] > 0 or hi[i] < 0]
    assert regression.strongest_term(r) == covariates[int(np.argmax(np.abs(beta[j] / se[j])))]
    # the bureau flag rests on the provinces the article names, the leading group on its examples
    bureaus = set(c.fact("cndg-big-data-bureaus-provinces").value)
    assert f.loc["big_data_bureau_2018", "units"] == len(bureaus & set(provinces)) \
        == c.fact("cndg-big-data-bureaus-provinces-count").value
    groups = set(c.fact("cndg-leading-groups-provinces").value)
    assert f.loc["dg_leading_group_named", "ones"] == len(groups & set(provinces))
    # no covariate: nothing to read
    const = regress("cn_provinces_2019", "online_service_index", [])
    assert regression.term_facts(const).empty and regression.strongest_term(const) is None
    assert regression.clear_terms(const) == []


def test_largest_residuals_and_qq_points_are_the_fits_own():
    r = preset("cn_osi_institutions")
    resid = np.asarray(r.result.resid)
    far = regression.largest_residuals(r, k=3)
    assert list(far["row"]) == list(np.argsort(-np.abs(resid), kind="stable")[:3])
    assert np.allclose(far["residual"], resid[far["row"]])
    assert list(far["name"]) == list(c.dataset("cn_provinces_2019")["province"].iloc[far["row"]])
    qq = regression.qq_points(r)
    X = r.result.model.exog
    h = np.einsum("ij,jk,ik->i", X, np.linalg.inv(X.T @ X), X)
    s = np.sqrt(resid @ resid / (len(resid) - X.shape[1]))
    assert np.allclose(qq["sample"], np.sort(resid / (s * np.sqrt(1 - h))))
    assert np.allclose(qq["theoretical"], -qq["theoretical"][::-1])       # symmetric positions
    with pytest.raises(ModelRequestError):
        regression.qq_points(preset("cn_ccid_tier_ologit"))


# ------------------------------------------------------------------ the charts of a result

def _offsets(collection):
    return np.asarray(collection.get_offsets(), dtype=float)


def test_fitted_actual_chart_plots_exactly_the_frames_values():
    r = from_parameters(**EXAMPLE)
    frame = r.frame()
    far = regression.largest_residuals(r, lang="vi")
    fig = charts.fitted_actual(frame, r.y, "vi", regression.variable_label(r.y, "vi"),
                               names=dict(zip(far["row"], far["name"])))
    ax = fig.axes[0]
    dots = _offsets(ax.collections[0])
    assert np.allclose(dots[:, 0], frame[r.y].astype(float)) and np.allclose(dots[:, 1], frame["fitted"])
    line = ax.lines[0]
    assert np.allclose(line.get_xdata(), line.get_ydata())                  # the 45° line
    assert ax.get_xlim() == ax.get_ylim()
    assert [t.get_text() for t in ax.texts] == list(far["name"])
    assert any(n.startswith(("Việt Nam ", "Trung Quốc ", "Thái Lan ")) for n in far["name"])  # names in Vietnamese
    svg = charts.svg_bytes(fig)
    assert svg == charts.svg_bytes(charts.fitted_actual(frame, r.y, "vi", regression.variable_label(r.y, "vi"),
                                                        names=dict(zip(far["row"], far["name"]))))


def test_residual_chart_plots_the_residuals_and_the_qq_points():
    r = preset("vn_papi_merged")
    frame, qq = r.frame(), regression.qq_points(r)
    fig = charts.residual_diagnostics(frame, qq, "en")
    left, right = fig.axes
    assert np.allclose(_offsets(left.collections[0]), frame[["fitted", "residual"]].to_numpy(dtype=float))
    assert np.allclose(_offsets(right.collections[0]), qq[["theoretical", "sample"]].to_numpy())
    assert np.allclose(frame["residual"], r.result.resid)


def test_predicted_actual_chart_counts_every_row():
    r = preset("cn_ccid_tier_ologit")
    frame = r.frame()
    fig = charts.predicted_actual(frame, r.y, "vi", regression.category_labels(r, "vi"))
    ax = fig.axes[0]
    counts = [int(t.get_text()) for t in ax.texts]
    assert sum(counts) == r.n
    right = sum(int(a == p) for a, p in zip(frame[r.y], frame["predicted"]))
    on_diagonal = [int(t.get_text()) for t in ax.texts if t.get_position()[0] == t.get_position()[1]]
    assert sum(on_diagonal) == right
    assert [t.get_text() for t in ax.get_xticklabels()] == ["dưới nhóm 2", "nhóm 2", "nhóm 1"]


# ------------------------------------------------------------------ inference a scholar can defend

ASEAN8 = ["VNM", "CHN", "THA", "KHM", "LAO", "MMR", "MYS", "IDN"]


def test_clustered_se_carry_the_small_sample_correction_by_a_numpy_sandwich():
    r = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster",
                cluster="iso3", countries=ASEAN8)
    X, y = r.design.to_numpy(float), r.data["osi"].to_numpy(float)
    groups = r.data["iso3"].to_numpy()
    bread = np.linalg.pinv(X.T @ X)
    e = y - X @ (bread @ X.T @ y)
    meat = sum(np.outer(X[groups == g].T @ e[groups == g], X[groups == g].T @ e[groups == g]) for g in set(groups))
    G, (N, K) = len(set(groups)), X.shape
    V = G / (G - 1) * (N - 1) / (N - K) * bread @ meat @ bread
    t = r.table().set_index("term")
    for term in ("tii", "hci"):
        assert t.loc[term, "se"] == pytest.approx(np.sqrt(V[list(r.design.columns).index(term)] [list(r.design.columns).index(term)]), rel=1e-9)
    assert r.few_clusters and "WARNING: only 8 clusters" in repr(r)
    assert r.table().attrs["warning"] == r.cluster_warning and r.cluster_warning.startswith("WARNING: only 8 clusters")
    full = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster", cluster="iso3")
    assert full.cluster_warning == "" and "warning" not in full.table().attrs and "p_wild" not in full.table()


def test_wild_cluster_bootstrap_equals_a_brute_force_refit_of_every_sign_pattern():
    import itertools

    r = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster",
                cluster="iso3", countries=ASEAN8)
    X = r.design.to_numpy(float)
    y = r.data["osi"].to_numpy(float)
    names = list(r.design.columns)
    groups = pd.factorize(r.data["iso3"])[0]
    for term in ("tii", "hci"):
        k = names.index(term)
        t0 = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": groups}).tvalues[k]
        restricted = sm.OLS(y, np.delete(X, k, axis=1)).fit()
        t_star = []
        for signs in itertools.product((1.0, -1.0), repeat=8):       # all 2^8 = 256 patterns
            ystar = restricted.fittedvalues + restricted.resid * np.array(signs)[groups]
            t_star.append(sm.OLS(ystar, X).fit(cov_type="cluster", cov_kwds={"groups": groups}).tvalues[k])
        p = np.mean(np.abs(t_star) >= abs(t0) - 1e-12)
        got = r.wild_bootstrap(term)
        assert got["enumerated"] and got["draws"] == 256 and got["seed"] is None
        assert got["t"] == pytest.approx(t0, rel=1e-9)
        assert got["p"] == pytest.approx(p, abs=1e-12)
    assert list(r.table()["p_wild"].dropna()) == [r.wild_bootstrap("tii")["p"], r.wild_bootstrap("hci")["p"]]


def test_wild_cluster_bootstrap_reproduces_with_its_seed():
    twelve = ASEAN8 + ["PHL", "SGP", "BRN", "KOR"]
    first = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster",
                    cluster="iso3", countries=twelve)
    again = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster",
                    cluster="iso3", countries=twelve)
    a, b = first.wild_bootstrap("hci", draws=999, seed=7), again.wild_bootstrap("hci", draws=999, seed=7)
    assert a == b and a["seed"] == 7 and not a["enumerated"] and a["draws"] == 999
    other = again.wild_bootstrap("hci", draws=999, seed=8)
    assert other["t"] == a["t"] and abs(other["p"] - a["p"]) < 0.1      # another seed: near, drawn anew
    with pytest.raises(UnknownName):
        first.wild_bootstrap("C(iso3)")


def test_formula_se_names_and_the_outcome_in_the_summary():
    by_formula = regress("un_egdi", formula="osi ~ tii + hci + C(iso3) + C(survey_year)", se="cluster", cluster="iso3")
    by_names = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster", cluster="iso3")
    assert np.allclose(by_formula.params, by_names.params)
    assert by_formula.summary_line().startswith("OLS of osi (outcome) on tii + hci")
    assert not by_formula.few_clusters and "WARNING" not in repr(by_formula)
    # robust = HC1, as Stata names it; statsmodels' HC1 on the same design
    r = regress("un_egdi", "osi", ["tii", "hci"], se="robust", years=[2022])
    assert r.se == "HC1"
    own = sm.OLS(r.data["osi"].to_numpy(float), r.design.to_numpy(float)).fit(cov_type="HC1")
    assert np.allclose(r.result.bse, own.bse)
    assert _refused(UnknownName, "un_egdi", "osi", ["tii"], se="HC9") == \
        "unknown standard-error type 'HC9'; allowed: nonrobust, HC1, HC3, cluster, robust, classical"
    with pytest.raises(ModelRequestError) as e:
        regress("un_egdi", formula="osi ~ log(tii)")
    assert str(e.value) == ("formula term 'log(tii)' is not understood; allowed: a column name (a covariate) "
                            "or C(column) (a fixed effect), joined by +")


def test_countries_may_be_named_by_iso2_iso3_or_the_uns_name():
    by_iso2 = regress("un_egdi", "egdi", ["tii"], countries=["VN", "CN"])
    by_iso3 = regress("un_egdi", "egdi", ["tii"], countries=["VNM", "CHN"])
    by_name = regress("un_egdi", "egdi", ["tii"], countries=["Viet Nam", "China"])
    assert by_iso2.n == by_iso3.n == by_name.n == 2 * len({r["survey_year"] for r in un_rows()})
    assert np.allclose(by_iso2.params, by_name.params) and np.allclose(by_iso3.params, by_name.params)


# ------------------------------------------------------------------ honest provenance

def test_papi_is_unverified_in_the_dataset_the_codebook_and_every_caption_on_it():
    from comparative.reporting.page import Report

    cite_as = "PAPI (UNDP & CECODES), as distributed by hnks-gh/ml-mcdm, unverified"
    spec = tomllib.loads((RAW / "datasets.toml").read_text(encoding="utf-8"))
    assert spec["files"]["vn_papi"]["flag"] == "low" and cite_as in spec["files"]["vn_papi"]["confidence"]
    df = c.dataset("vn_papi")
    assert (df["verified"] == False).all() and set(df["provenance"]) == {cite_as}   # noqa: E712
    assert set(df["confidence"]) == {"low"}
    assert cite_as in ds.describe("vn_papi")
    assert any(cite_as in row.description for row in ds.columns("vn_papi"))
    r = preset("vn_papi_merged")
    for lang, words in (("en", (cite_as, "Confidence of the data: low.")),
                        ("vi", ("theo bản do hnks-gh/ml-mcdm phân phối, chưa được kiểm chứng",
                                "Độ tin cậy của dữ liệu: " + i18n.t("confidence.low", "vi")))):
        page = Report("digital_government_regression", {"lang": lang, "audience": "report"})
        html_text, plain = page._caption("figure", "PAPI", (), r.rows)
        for w in words:
            assert w in plain, (lang, plain)
    # a caption on the UN's files names the copies and their high confidence
    page = Report("digital_government_regression", {"lang": "en", "audience": "report"})
    _, plain = page._caption("table", "EGDI", (), c.dataset("un_egdi"))
    assert "as distributed by sevenChrisK/text-mining-week1" in plain and "Confidence of the data: high." in plain


# ------------------------------------------------------------------ numerics refused (issue 12)

def _toy(n=40, seed=3):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"y": 1 + 2 * x + rng.normal(size=n), "x": x,
                         "g": np.repeat(np.arange(n // 4), 4)})


@pytest.mark.parametrize("column", ["y", "x"])
def test_an_infinite_value_is_refused_naming_its_column(column):
    import numpy as np

    from comparative.analysis.regression import ModelRequestError

    df = _toy()
    df.loc[5, column] = np.inf
    with pytest.raises(ModelRequestError, match=f"column '{column}' holds 1 non-finite value"):
        regress(df, "y", ["x"])


def test_duplicated_column_names_are_refused():
    import pandas as pd

    from comparative.analysis.regression import ModelRequestError

    df = _toy()
    df = pd.concat([df, df[["x"]]], axis=1)
    with pytest.raises(ModelRequestError, match="two columns named 'x'"):
        regress(df, "y", ["x"])


def test_a_separated_ordered_logit_is_refused():
    import pandas as pd

    from comparative.analysis.regression import ModelRequestError

    x = list(range(30))
    df = pd.DataFrame({"tier": [1 if v < 10 else 2 if v < 20 else 3 for v in x], "x": x})
    with pytest.raises(ModelRequestError, match="did not converge|separation"):
        regress(df, "tier", ["x"], model="ologit")


def test_a_wrong_argument_type_is_the_librarys_own_error():
    from comparative.errors import ComparativeError

    with pytest.raises(ComparativeError):
        regress(_toy(), ["y"], ["x"])
    with pytest.raises(ComparativeError):
        regress(_toy(), "y", ["x"], se="cluster", cluster=["g"])
