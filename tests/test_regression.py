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
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import comparative as c
from comparative.errors import ComparativeError, UnknownName
from comparative.regression import ModelRequestError, egdi_slope_comparison, preset, regress

from .conftest import ROOT

RAW = ROOT / "data" / "raw" / "datasets"
ds = importlib.import_module("comparative.datasets")


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


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
    """OSI, TII, HCI with country and year dummies, from the raw extract (complete rows)."""
    data = [r for r in rows(RAW / "digital_government_indices" / "un_egdi_panel.csv")
            if all(r[k].strip() for k in ("osi", "tii", "hci"))]
    y = np.array([float(r["osi"]) for r in data])
    cols = {"const": np.ones(len(data)), "tii": np.array([float(r["tii"]) for r in data]),
            "hci": np.array([float(r["hci"]) for r in data])}
    # other reference levels than the library's (last, not first): slopes must not care
    countries = [r["iso3"] for r in data]
    years = [r["survey_year"] for r in data]
    cols.update(dummies(countries, "c", reference=sorted(set(countries))[-1]))
    cols.update(dummies(years, "y", reference=sorted(set(years))[-1]))
    X = np.column_stack(list(cols.values()))
    total = len(rows(RAW / "digital_government_indices" / "un_egdi_panel.csv"))
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


# ------------------------------------------------------------------ EGDI trajectories

def test_egdi_slopes_equal_per_country_fits_and_hc3_contrasts():
    data = rows(RAW / "digital_government_indices" / "un_egdi_panel.csv")
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
    # 2020: the extract has components for Viet Nam only
    year = [r for r in rows(RAW / "digital_government_indices" / "un_egdi_panel.csv") if r["survey_year"] == "2020"]
    complete = sum(all(r[k].strip() for k in ("osi", "tii", "hci")) for r in year)
    assert complete < 3
    msg = _refused(ModelRequestError, "un_egdi", "osi", ["tii", "hci"], years=[2020])
    assert msg == (f"too few observations: {complete} rows left ({len(year) - complete} dropped for missing "
                   "values) for 3 parameters; a model needs more observations than parameters")


def test_a_year_without_data_is_refused_with_the_available_years():
    years = sorted({int(r["survey_year"]) for r in rows(RAW / "digital_government_indices" / "un_egdi_panel.csv")})
    msg = _refused(ModelRequestError, "un_egdi", "egdi", ["tii"], years=[2018, 2019])
    assert msg == f"year 2019 has no data in dataset 'un_egdi'; available: {', '.join(map(str, years))}"


def test_a_country_without_data_is_refused_with_the_available_countries():
    names = sorted({r["country"] for r in rows(RAW / "digital_government_indices" / "un_egdi_panel.csv")})
    msg = _refused(ModelRequestError, "un_egdi", "egdi", ["tii"], countries=["Viet Nam", "Japan"])
    assert msg == f"country 'Japan' has no data in dataset 'un_egdi'; available: {', '.join(names)}"


def test_countries_may_be_named_by_iso3():
    r = regress("un_egdi", "egdi", ["tii"], countries=["VNM", "CHN", "THA"])
    assert set(r.data.columns) >= {"egdi", "tii"}
    assert r.countries == ("VNM", "CHN", "THA")


def test_a_non_numeric_outcome_for_ols_is_refused():
    msg = _refused(ModelRequestError, "cn_provinces_2019", "ccid_tier", ["region"])
    assert msg.startswith("outcome 'ccid_tier' is not numeric (category); OLS needs a numeric outcome; "
                          "use model='ologit' for an ordered outcome; numeric columns: online_service_index")
    msg = _refused(ModelRequestError, "cn_provinces_2019", "province", ["region"])
    assert msg.startswith("outcome 'province' is not numeric (string); OLS needs a numeric outcome; numeric columns: ")


def test_unknown_se_type_and_model_are_refused():
    assert _refused(UnknownName, "un_egdi", "osi", ["tii"], se="HC1") == \
        "unknown standard-error type 'HC1'; allowed: nonrobust, HC3, cluster"
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
