"""Regressions on the digital-government datasets: one entry point, tidy results.

>>> import comparative as c
>>> r = c.regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["country", "survey_year"],
...               se="cluster", cluster="country")          # doctest: +SKIP
>>> r.table()                                               # doctest: +SKIP
>>> r.summary_line()                                        # doctest: +SKIP

``regress`` takes a dataset name (see ``comparative.datasets()``) or a DataFrame, drops
rows with a missing value in any variable of the model (listwise; the count is reported as
``n_dropped``), builds the design itself (numeric columns as they are, booleans as 0/1,
text or categorical columns as dummies against a reference level) and fits it with
statsmodels: OLS, or an ordered logit (``OrderedModel``) for an ordered outcome.  A request
that cannot be answered is refused with a one-line :class:`ModelRequestError` (or
:class:`UnknownName`) saying what is wrong and what is allowed.

statsmodels is imported only when a model is fitted, so ``import comparative`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ComparativeError, UnknownName

MODELS = ("ols", "ologit")
SE_TYPES = ("nonrobust", "HC3", "cluster")


class ModelRequestError(ComparativeError, ValueError):
    """A model that cannot be fitted as asked: the message says why and what is allowed."""


class UnknownVariable(UnknownName):
    """A variable that is not a column of the dataset."""

    def __init__(self, name: str, dataset: str, allowed):
        super().__init__(f"variable of {dataset}", name, allowed)
        shown = ", ".join(str(a) for a in self.allowed)
        self.args = (f"variable '{name}' is not in {dataset}; allowed: {shown}",)


# ------------------------------------------------------------------ the result

@dataclass
class RegressionResult:
    """A fitted model: the statsmodels result plus what was asked and what was used."""

    result: object                      # statsmodels results object
    model: str                          # "ols" | "ologit"
    dataset: str
    y: str
    x: tuple[str, ...]
    fixed_effects: tuple[str, ...]
    interaction: tuple[str, str] | None
    se: str
    cluster: str | None
    n: int
    n_dropped: int
    data: object                        # the rows used (DataFrame)
    term_kinds: dict = field(default_factory=dict)  # term -> coefficient | intercept | fixed effect | threshold
    years: tuple | None = None
    countries: tuple | None = None

    @property
    def r2(self) -> float | None:
        return float(self.result.rsquared) if self.model == "ols" else None

    @property
    def pseudo_r2(self) -> float | None:
        """McFadden's pseudo-R² (ordered logit only)."""
        return float(self.result.prsquared) if self.model == "ologit" else None

    @property
    def n_clusters(self) -> int | None:
        if self.se != "cluster":
            return None
        return int(self.data[self.cluster].nunique())

    @property
    def params(self):
        return self.result.params

    def table(self, fixed_effects: bool = False, alpha: float = 0.05):
        """Tidy coefficients: term, kind, coef, se, t (OLS) or z (ologit), p, ci_low, ci_high.

        Fixed-effect dummies are left out unless ``fixed_effects=True``.
        """
        import pandas as pd

        res = self.result
        ci = res.conf_int(alpha=alpha)
        ci = pd.DataFrame(ci, index=res.params.index) if not isinstance(ci, pd.DataFrame) else ci
        stat = "t" if self.model == "ols" else "z"
        out = pd.DataFrame({
            "term": list(res.params.index),
            "kind": [self.term_kinds.get(t, "coefficient") for t in res.params.index],
            "coef": res.params.to_numpy(dtype=float),
            "se": res.bse.to_numpy(dtype=float),
            stat: res.tvalues.to_numpy(dtype=float),
            "p": res.pvalues.to_numpy(dtype=float),
            "ci_low": ci.iloc[:, 0].to_numpy(dtype=float),
            "ci_high": ci.iloc[:, 1].to_numpy(dtype=float),
        })
        if not fixed_effects:
            out = out[out["kind"] != "fixed effect"]
        return out.reset_index(drop=True)

    def frame(self):
        """The rows used with the outcome, fitted values and residuals (OLS) or predicted
        category (ologit): for fitted-against-actual plots and residual diagnostics."""
        out = self.data.copy()
        if self.model == "ols":
            out["fitted"] = self.result.fittedvalues.to_numpy()
            out["residual"] = self.result.resid.to_numpy()
        else:
            probs = self.result.predict()
            levels = list(self.data[self.y].cat.categories)
            out["predicted"] = [levels[i] for i in probs.argmax(axis=1)]
        return out

    def summary(self):
        return self.result.summary()

    def summary_line(self) -> str:
        name = {"ols": "OLS", "ologit": "Ordered logit"}[self.model]
        terms = list(self.x)
        if self.interaction:
            terms.append(f"{self.interaction[0]} × {self.interaction[1]}")
        rhs = " + ".join(terms) if terms else "(intercept only)"
        parts = [f"{name} of {self.y} on {rhs} ({self.dataset})"]
        if self.fixed_effects:
            parts.append(f"fixed effects: {', '.join(self.fixed_effects)}")
        if self.se == "cluster":
            parts.append(f"SE clustered by {self.cluster} ({self.n_clusters} clusters)")
        else:
            parts.append({"nonrobust": "classical SE", "HC3": "HC3 robust SE"}[self.se])
        parts.append(f"N = {self.n} ({self.n_dropped} dropped for missing values)")
        if self.model == "ols":
            parts.append(f"R² = {self.r2:.3f}")
        else:
            parts.append(f"McFadden pseudo-R² = {self.pseudo_r2:.3f}")
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"<RegressionResult: {self.summary_line()}>"


# ------------------------------------------------------------------ the entry point

def regress(dataset, y: str, x=(), *, fixed_effects=(), se: str = "nonrobust",
            cluster: str | None = None, years=None, countries=None, model: str = "ols",
            interaction=None, reference: dict | None = None,
            options: dict | None = None) -> RegressionResult:
    """Fit ``y`` on ``x`` and return a :class:`RegressionResult`.

    dataset        a name of ``comparative.datasets()`` or a DataFrame
    y, x           the outcome and the covariates (column names; x a name or a list)
    fixed_effects  columns whose levels enter as dummies (reported apart from x)
    se             "nonrobust" | "HC3" | "cluster" (then ``cluster`` names the column;
                   it defaults to the dataset's unit column)
    years          keep only these years (the dataset's year column)
    countries      keep only these countries (names or ISO3, the country column)
    model          "ols" | "ologit" (ordered logit; y ordered categorical or integers)
    interaction    (a, b): adds a, b and their product; with a categorical a, one slope
                   of b per level of a, against the reference level
    reference      {column: level}: the reference level of a categorical column
    options        passed to ``comparative.dataset(name, **options)``, e.g.
                   {"folder": PATH} for the UN's own EGOV_DATA files
    """
    import numpy as np
    import pandas as pd

    if model not in MODELS:
        raise UnknownName("model", model, MODELS)
    if se not in SE_TYPES:
        raise UnknownName("standard-error type", se, SE_TYPES)
    df, label, meta = _load(dataset, options)
    xs = _as_list(x, "x")
    fes = _as_list(fixed_effects, "fixed_effects")
    inter = None
    if interaction is not None:
        inter = tuple(_as_list(interaction, "interaction"))
        if len(inter) != 2:
            raise ModelRequestError(f"interaction takes two columns, e.g. ('country', 'survey_year'); got {list(inter)}")
    if se == "cluster" and cluster is None:
        cluster = meta.get("unit_column") or None
        if cluster is None:
            raise ModelRequestError("se='cluster' needs cluster=COLUMN; allowed: " + ", ".join(map(str, df.columns)))
    if se != "cluster" and cluster is not None:
        raise ModelRequestError(f"cluster='{cluster}' applies only with se='cluster'; se is '{se}'")
    if model == "ologit" and se != "nonrobust":
        raise ModelRequestError(f"model 'ologit' supports se='nonrobust' only; got '{se}'")
    if not isinstance(y, str):
        raise ModelRequestError(f"y must be one column name; got {y!r}")
    wanted = [y, *xs, *fes, *(inter or ()), *([cluster] if cluster else [])]
    for v in wanted:
        if v not in df.columns:
            raise UnknownVariable(v, label, df.columns)
    if y in xs or y in fes or (inter and y in inter):
        raise ModelRequestError(f"the outcome '{y}' cannot also be a covariate")
    dup = [v for v in xs if xs.count(v) > 1] + [v for v in fes if v in xs]
    if dup:
        raise ModelRequestError(f"'{dup[0]}' is named twice among x and fixed_effects")

    df = _filter(df, label, meta, "year", years)
    df = _filter(df, label, meta, "country", countries)

    used = list(dict.fromkeys(wanted))
    before = len(df)
    data = df.dropna(subset=used).reset_index(drop=True)
    n_dropped = before - len(data)

    yv = data[y]
    if model == "ols":
        if not (pd.api.types.is_numeric_dtype(yv) or pd.api.types.is_bool_dtype(yv)) or isinstance(yv.dtype, pd.CategoricalDtype):
            numeric = [str(c) for c in df.columns if _is_numeric(df[c])]
            raise ModelRequestError(
                f"outcome '{y}' is not numeric ({yv.dtype}); OLS needs a numeric outcome"
                + ("; use model='ologit' for an ordered outcome" if isinstance(yv.dtype, pd.CategoricalDtype) else "")
                + f"; numeric columns: {', '.join(numeric)}")
        endog = yv.astype(float).to_numpy()
    else:
        data[y] = _ordered(yv, y)
        endog = data[y]

    exog, kinds = _design(data, xs, fes, inter, reference or {}, intercept=(model == "ols"))
    k = exog.shape[1] + (len(endog.cat.categories) - 1 if model == "ologit" else 0)
    n = len(data)
    if n <= k:
        raise ModelRequestError(
            f"too few observations: {n} rows left ({n_dropped} dropped for missing values) for "
            f"{k} parameters; a model needs more observations than parameters")
    if model == "ologit" and len(endog.cat.categories) < 2:
        raise ModelRequestError(f"outcome '{y}' has only one level among the rows used; an ordered logit needs two or more")
    _check_rank(exog)

    if model == "ols":
        import statsmodels.api as sm

        fit_kw = {"use_t": True}
        if se == "HC3":
            h = _leverage(exog.to_numpy(dtype=float))
            if np.any(h > 1 - 1e-8):
                raise ModelRequestError(
                    "HC3 is undefined here: some observations have leverage 1 (e.g. a fixed-effect "
                    "level with a single row); use se='nonrobust' or 'cluster', or fewer dummies")
            fit_kw["cov_type"] = "HC3"
        elif se == "cluster":
            groups = data[cluster]
            if groups.nunique() < 2:
                raise ModelRequestError(f"se='cluster' needs at least two clusters; '{cluster}' has {groups.nunique()}")
            fit_kw["cov_type"] = "cluster"
            fit_kw["cov_kwds"] = {"groups": pd.factorize(groups)[0]}
        res = sm.OLS(endog, exog).fit(**fit_kw)
    else:
        import warnings

        from statsmodels.miscmodels.ordinal_model import OrderedModel

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = OrderedModel(endog, exog, distr="logit").fit(method="bfgs", disp=False, maxiter=2000)
        if not res.mle_retvals.get("converged", True):
            raise ModelRequestError(
                "the ordered logit did not converge (often perfect separation: a covariate that "
                "sorts the levels exactly); drop or merge covariates")
        for t in res.params.index[exog.shape[1]:]:
            kinds[t] = "threshold"

    return RegressionResult(
        result=res, model=model, dataset=label, y=y, x=tuple(xs), fixed_effects=tuple(fes),
        interaction=inter, se=se, cluster=cluster if se == "cluster" else None, n=n,
        n_dropped=n_dropped, data=data[used], term_kinds=kinds,
        years=tuple(years) if years is not None and not isinstance(years, int) else ((years,) if years is not None else None),
        countries=tuple([countries] if isinstance(countries, str) else countries) if countries is not None else None,
    )


# ------------------------------------------------------------------ EGDI trajectories

def egdi_slope_comparison(dataset="un_egdi", y: str = "egdi", focus: str = "Viet Nam",
                          compare: str = "China", years=None, countries=None,
                          se: str = "HC3", options: dict | None = None):
    """Do Viet Nam's EGDI gains per year differ from China's and from the regional mean?

    Fits ``y`` on country dummies, survey year and country × survey year (one intercept and
    one linear slope per country; ``focus`` is the reference country) and tests linear
    combinations of the slopes.  The regional mean is the mean slope of the other countries
    in the sample (testing against the mean of all countries, ``focus`` included, gives the
    same t and p).  Returns a tidy table: contrast, estimate (per survey year), se, t, p,
    ci_low, ci_high, n, and the model in ``.attrs["regression"]``.
    """
    import numpy as np
    import pandas as pd

    r = regress(dataset, y, [], interaction=("country", "survey_year"), reference={"country": focus},
                se=se, years=years, countries=countries, options=options)
    names = list(r.result.params.index)
    levels = sorted(set(r.data["country"]))
    if compare not in levels:
        raise ModelRequestError(f"country '{compare}' has no data in this model; available: {', '.join(levels)}")
    others = [c for c in levels if c != focus]
    if not others:
        raise ModelRequestError("the slope comparison needs at least two countries")

    def vec(weights):
        v = np.zeros(len(names))
        for term, w in weights.items():
            v[names.index(term)] += w
        return v

    slope = "survey_year"
    dev = {c: f"country[{c}]:survey_year" for c in others}
    mean_others = {slope: 1.0, **{dev[c]: 1.0 / len(others) for c in others}}
    rows = [
        (f"slope: {focus}", vec({slope: 1.0})),
        (f"slope: {compare}", vec({slope: 1.0, dev[compare]: 1.0})),
        (f"slope: mean of the other {len(others)} countries", vec(mean_others)),
        (f"{focus} − {compare}", vec({dev[compare]: -1.0})),
        (f"{focus} − mean of the other {len(others)} countries",
         vec({d: -1.0 / len(others) for d in dev.values()})),
    ]
    out = []
    for label, v in rows:
        t = r.result.t_test(v.reshape(1, -1))
        lo, hi = np.asarray(t.conf_int()).ravel()
        out.append({"contrast": label, "estimate": float(np.ravel(t.effect)[0]),
                    "se": float(np.ravel(t.sd)[0]), "t": float(np.ravel(t.tvalue)[0]),
                    "p": float(np.ravel(t.pvalue)[0]), "ci_low": float(lo), "ci_high": float(hi),
                    "n": r.n})
    table = pd.DataFrame(out)
    table.attrs["regression"] = r
    table.attrs["countries"] = levels
    return table


# ------------------------------------------------------------------ presets

PRESETS = {
    "panel_osi": dict(dataset="un_egdi", y="osi", x=["tii", "hci"],
                      fixed_effects=["country", "survey_year"], se="cluster", cluster="country"),
    "cn_osi_institutions": dict(dataset="cn_provinces_2019", y="online_service_index",
                                x=["big_data_bureau_2018", "dg_leading_group_named", "region"], se="HC3"),
    "cn_ccid_tier_ologit": dict(dataset="cn_provinces_2019", y="ccid_tier",
                                x=["big_data_bureau_2018", "region"], model="ologit"),
    "vn_papi_merged": dict(dataset="vn_papi", y="papi_egov_sc81_access_egov_portals",
                           x=["year", "merged_2025"], se="cluster", cluster="old_code"),
}


def preset(name: str, **overrides) -> RegressionResult:
    """Fit one of the models of issue 5 by name (see PRESETS); keywords override its settings."""
    if name not in PRESETS:
        raise UnknownName("preset model", name, PRESETS)
    kw = {**PRESETS[name], **overrides}
    return regress(kw.pop("dataset"), kw.pop("y"), kw.pop("x", ()), **kw)


# ------------------------------------------------------------------ helpers

def _load(dataset, options):
    import pandas as pd

    if isinstance(dataset, pd.DataFrame):
        if options:
            raise ModelRequestError("options apply only to a dataset given by name")
        cols = set(dataset.columns)
        meta = {"year_column": next((c for c in ("survey_year", "year") if c in cols), ""),
                "country_column": "country" if "country" in cols else "",
                "iso_column": "iso3" if "iso3" in cols else "", "unit_column": ""}
        return dataset.copy(), "the data frame", meta
    if not isinstance(dataset, str):
        raise ModelRequestError(f"dataset must be a dataset name or a DataFrame; got {type(dataset).__name__}")
    from .datasets import _spec, dataset as load

    spec = _spec(dataset)  # UnknownName lists the datasets
    df = load(dataset, **(options or {}))
    meta = {"year_column": spec.year_column, "country_column": spec.country_column,
            "iso_column": "iso3" if "iso3" in df.columns else "", "unit_column": spec.unit_column}
    return df, f"dataset '{dataset}'", meta


def _as_list(value, what: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        out = list(value)
    except TypeError:
        raise ModelRequestError(f"{what} must be a column name or a list of names; got {value!r}") from None
    bad = [v for v in out if not isinstance(v, str)]
    if bad:
        raise ModelRequestError(f"{what} must hold column names; got {bad[0]!r}")
    return out


def _filter(df, label: str, meta: dict, what: str, wanted):
    if wanted is None:
        return df
    col = meta.get(f"{what}_column")
    if not col:
        hint = {"year": "a 'survey_year' or 'year' column", "country": "a 'country' column"}[what]
        raise ModelRequestError(f"{label} has no {what} column, so {what}s= cannot be used"
                                + (f"; a data frame needs {hint}" if label == "the data frame" else ""))
    items = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
    if not items:
        raise ModelRequestError(f"{what}s= is empty; leave it out to use every {what}")
    if what == "year":
        available = sorted(int(v) for v in df[col].dropna().unique())
        keep = []
        for v in items:
            try:
                iv = int(v)
            except (TypeError, ValueError):
                raise ModelRequestError(f"year {v!r} is not a year; available: {', '.join(map(str, available))}") from None
            if iv != v and str(iv) != str(v):
                raise ModelRequestError(f"year {v!r} is not a whole year; available: {', '.join(map(str, available))}")
            if iv not in available:
                raise ModelRequestError(f"year {iv} has no data in {label}; available: {', '.join(map(str, available))}")
            keep.append(iv)
        return df[df[col].isin(keep)].reset_index(drop=True)
    names = sorted(str(v) for v in df[col].dropna().unique())
    iso_col = meta.get("iso_column")
    iso = dict(zip(df[iso_col].astype("string"), df[col])) if iso_col else {}
    keep = []
    for v in items:
        if v in names:
            keep.append(v)
        elif v in iso and iso[v] is not None and str(iso[v]) in names:
            keep.append(str(iso[v]))
        else:
            raise ModelRequestError(f"country '{v}' has no data in {label}; available: {', '.join(names)}")
    return df[df[col].isin(keep)].reset_index(drop=True)


def _is_numeric(s) -> bool:
    import pandas as pd

    return (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)) and not isinstance(s.dtype, pd.CategoricalDtype)


def _ordered(s, name: str):
    import pandas as pd

    if isinstance(s.dtype, pd.CategoricalDtype):
        if not s.dtype.ordered:
            raise ModelRequestError(f"outcome '{s.name}' is an unordered category; model 'ologit' needs an ordered one")
        return s.cat.remove_unused_categories()
    if pd.api.types.is_integer_dtype(s) or (pd.api.types.is_numeric_dtype(s) and (s == s.round()).all()):
        levels = sorted(int(v) for v in s.unique())
        return pd.Series(pd.Categorical(s.astype(int), categories=levels, ordered=True), index=s.index)
    raise ModelRequestError(f"outcome '{name}' ({s.dtype}) is not ordered; model 'ologit' needs an "
                            "ordered categorical or integer outcome")


def _levels(s, col: str, reference: dict):
    import pandas as pd

    if isinstance(s.dtype, pd.CategoricalDtype):
        levels = [lv for lv in s.cat.categories if (s == lv).any()]
    else:
        levels = sorted(str(v) for v in s.unique())
    if col in reference:
        ref = reference[col]
        if ref not in levels:
            raise UnknownName(f"reference level of '{col}'", ref, levels)
        levels = [ref] + [lv for lv in levels if lv != ref]
    return levels


def _dummies(s, col: str, reference: dict):
    import pandas as pd

    levels = _levels(s, col, reference)
    text = s.astype(str) if not isinstance(s.dtype, pd.CategoricalDtype) else s
    return {f"{col}[{lv}]": (text == lv).astype(float).to_numpy() for lv in levels[1:]}


def _design(data, xs, fes, inter, reference, intercept: bool):
    import pandas as pd

    cols, kinds = {}, {}
    if intercept:
        cols["const"] = [1.0] * len(data)
        kinds["const"] = "intercept"

    def add_main(v):
        s = data[v]
        if _is_numeric(s):
            if v not in cols:
                cols[v] = s.astype(float).to_numpy()
        else:
            for name, values in _dummies(s, v, reference).items():
                cols.setdefault(name, values)

    for v in xs:
        add_main(v)
    if inter:
        a, b = inter
        add_main(a)
        add_main(b)
        sa, sb = data[a], data[b]
        if _is_numeric(sa) and _is_numeric(sb):
            cols[f"{a}:{b}"] = (sa.astype(float) * sb.astype(float)).to_numpy()
        elif not _is_numeric(sa) and _is_numeric(sb):
            for name, values in _dummies(sa, a, reference).items():
                cols[f"{name}:{b}"] = values * sb.astype(float).to_numpy()
        elif _is_numeric(sa) and not _is_numeric(sb):
            for name, values in _dummies(sb, b, reference).items():
                cols[f"{name}:{a}"] = values * sa.astype(float).to_numpy()
        else:
            raise ModelRequestError(f"interaction of two categorical columns ('{a}', '{b}') is not supported; "
                                    "one of them must be numeric")
    for v in fes:
        for name, values in _dummies(data[v].astype(str), v, reference).items():
            if name not in cols:
                cols[name] = values
                kinds[name] = "fixed effect"
    return pd.DataFrame(cols, index=data.index), kinds


def _check_rank(exog) -> None:
    import numpy as np

    X = exog.to_numpy(dtype=float)
    if X.shape[1] == 0:
        raise ModelRequestError("the model has no terms; give x, fixed_effects or interaction")
    if np.linalg.matrix_rank(X) == X.shape[1]:
        return
    redundant, kept = [], []
    for j, name in enumerate(exog.columns):
        trial = X[:, kept + [j]]
        if np.linalg.matrix_rank(trial) == len(kept) + 1:
            kept.append(j)
        else:
            redundant.append(name)
    raise ModelRequestError(
        f"the design is collinear on the rows used: {', '.join(map(str, redundant))} "
        f"{'is a linear combination' if len(redundant) == 1 else 'are linear combinations'} of earlier terms "
        "(a constant column, a duplicated variable, or a dummy set that spans the intercept); drop "
        "a variable or a fixed effect")


def _leverage(X):
    import numpy as np

    q, _ = np.linalg.qr(X)
    return (q * q).sum(axis=1)
