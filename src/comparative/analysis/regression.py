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

import re
from dataclasses import dataclass, field

from ..errors import ComparativeError, UnknownName

MODELS = ("ols", "ologit")
SE_TYPES = ("nonrobust", "HC1", "HC3", "cluster")
SE_ALIASES = {"robust": "HC1", "classical": "nonrobust"}   # Stata's 'robust' is HC1
BOOTSTRAP_DRAWS = 9999     # wild cluster bootstrap draws (all 2^G sign patterns when fewer)
BOOTSTRAP_SEED = 20241     # the fixed seed of the wild cluster bootstrap: same data, same p
# The first UN survey that names the index the E-Government Development Index; before it,
# the E-Government Readiness Index (datasets.toml, notes of un_egdi).
EGDI_FIRST_SURVEY = 2010
ALPHA = 0.05               # the intervals of table() and term_facts() are 1 - ALPHA = 95%


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
    rows: object = None                 # the rows used with every column of the dataset (sources, confidence flags)
    preset: str | None = None           # the PRESETS name when the request is exactly one of them
    design: object = None               # the design matrix fitted (DataFrame: one column per term but thresholds)

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
    def few_clusters(self) -> bool:
        """True when the standard errors are clustered on fewer than ``FEW_CLUSTERS``
        clusters, where cluster-robust standard errors are unreliable (too small)."""
        return self.se == "cluster" and self.n_clusters < FEW_CLUSTERS

    @property
    def cluster_warning(self) -> str:
        """The warning a result with few clusters carries ('' otherwise)."""
        if not self.few_clusters:
            return ""
        return (f"WARNING: only {self.n_clusters} clusters (fewer than {FEW_CLUSTERS}): "
                "clustered SE are too small; read the wild cluster bootstrap p (table()['p_wild'])")

    @property
    def cluster_df(self) -> int | None:
        """Degrees of freedom of the t distribution the clustered intervals use (clusters - 1)."""
        return self.n_clusters - 1 if self.se == "cluster" else None

    @property
    def n_parameters(self) -> int:
        """Parameters estimated: covariates, intercept, fixed effects and thresholds."""
        return len(self.result.params)

    @property
    def rows_per_parameter(self) -> float:
        return self.n / self.n_parameters

    @property
    def small_sample(self) -> bool:
        """True when there are fewer than ``ROWS_PER_PARAMETER`` rows per parameter."""
        return self.rows_per_parameter < ROWS_PER_PARAMETER

    @property
    def rank_outcome(self) -> bool:
        """True when the outcome is a rank (a smaller number is a better place): its unit in
        the dataset's codebook is a rank; for a data frame, 'rank' is a word of its name."""
        unit = _codebook_unit(self)
        return unit.startswith("rank") if unit is not None else "rank" in str(self.y).split("_")

    @property
    def params(self):
        return self.result.params

    def table(self, fixed_effects: bool = False, alpha: float = ALPHA):
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
        if self.few_clusters:
            out["p_wild"] = [self.wild_bootstrap(t)["p"] if k == "coefficient" else float("nan")
                             for t, k in zip(out["term"], out["kind"])]
            out.attrs["warning"] = self.cluster_warning
        if not fixed_effects:
            out = out[out["kind"] != "fixed effect"]
        return out.reset_index(drop=True)

    def wild_bootstrap(self, term: str, draws: int = BOOTSTRAP_DRAWS, seed: int = BOOTSTRAP_SEED) -> dict:
        """Wild cluster restricted bootstrap of H0: coefficient of ``term`` = 0 (Cameron,
        Gelbach & Miller 2008; Roodman et al. 2019): the model is refitted without ``term``,
        its residuals are flipped by cluster with Rademacher weights (+1/-1), the outcome
        rebuilt, the full model refitted, and the clustered t of ``term`` (small-sample
        corrected) recomputed.  When 2^G ≤ ``draws`` every sign pattern is used (exact);
        otherwise ``draws`` patterns drawn with ``seed``.  Returns t, p (two-sided,
        symmetric), draws, seed (None when enumerated), clusters."""
        key = (term, draws, seed)
        cache = self.__dict__.setdefault("_wild", {})
        if key not in cache:
            cache[key] = _wild_cluster_bootstrap(self, term, draws, seed)
        return dict(cache[key])

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
        parts = [f"{name} of {self.y} (outcome) on {rhs} ({self.dataset})"]
        if self.fixed_effects:
            parts.append(f"fixed effects: {', '.join(self.fixed_effects)}")
        if self.se == "cluster":
            parts.append(f"SE clustered by {self.cluster} ({self.n_clusters} clusters, small-sample "
                         f"corrected, t with {self.cluster_df} df)")
            if self.few_clusters:
                parts.append(self.cluster_warning)
        else:
            parts.append({"nonrobust": "classical SE", "HC1": "HC1 robust SE", "HC3": "HC3 robust SE"}[self.se])
        parts.append(f"N = {self.n} ({self.n_dropped} dropped for missing values)")
        if self.model == "ols":
            parts.append(f"R² = {self.r2:.3f}")
        else:
            parts.append(f"McFadden pseudo-R² = {self.pseudo_r2:.3f}")
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"<RegressionResult: {self.summary_line()}>"

    # -------------------------------------------------- display in JupyterLab (issue 14)
    # Display only: these read the fitted result and change nothing of it.

    def _display_warnings(self) -> list[str]:
        """What a reader must weigh before reading the table, as sentences."""
        out = []
        if self.few_clusters:
            out.append(f"Standard errors are clustered on {self.n_clusters} clusters, fewer than "
                       f"{FEW_CLUSTERS}: cluster-robust standard errors are unreliable (too small).")
        if self.small_sample:
            out.append(f"{self.rows_per_parameter:.1f} rows per estimated parameter, fewer than "
                       f"{ROWS_PER_PARAMETER}: a small sample for this model.")
        if self.rank_outcome:
            out.append(f"The outcome {self.y} is a rank (a smaller number is a better place): a "
                       "negative coefficient goes with a better place.")
        if self.n_dropped:
            out.append(f"{self.n_dropped} rows were dropped for missing values.")
        return out

    def _display_table(self):
        table = self.table()
        for col in table.columns:
            if table[col].dtype.kind == "f":
                table[col] = table[col].map(lambda v: f"{v:.3f}")
        return table

    def _repr_html_(self) -> str:
        """The summary line, the warnings and the coefficient table, escaped."""
        import html

        from ..views.display import frame_html

        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in self._display_warnings())
        return (f'<div class="comparative-regression"><p><strong>{html.escape(self.summary_line())}'
                f"</strong></p>" + (f'<ul style="color:#8a4b00">{warnings}</ul>' if warnings else "")
                + frame_html(self._display_table()) + "</div>")

    def _repr_markdown_(self) -> str:
        from ..views.display import escape_markdown, tables_markdown

        lines = [f"**{escape_markdown(self.summary_line())}**", ""]
        lines += [f"- {escape_markdown(w)}" for w in self._display_warnings()]
        table = tables_markdown("", {"table()": self._display_table()}).split("\n", 1)[1]
        return "\n".join(lines + [table])


# ------------------------------------------------------------------ the entry point

def regress(dataset, y: str | None = None, x=(), *, formula: str | None = None, fixed_effects=(),
            se: str = "nonrobust", cluster: str | None = None, years=None, countries=None,
            model: str = "ols", interaction=None, reference: dict | None = None,
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
    formula        instead of y, x and fixed_effects: "osi ~ tii + hci + C(iso3) + C(survey_year)"
                   (plain columns are covariates, C(column) a fixed effect)

    se also accepts "robust" (= HC1, as Stata names it).  With se="cluster" the standard
    errors carry the small-sample correction G/(G-1)·(N-1)/(N-K) and the intervals use t
    with G-1 degrees of freedom; with fewer than FEW_CLUSTERS clusters the result says so
    and table() adds the wild cluster bootstrap p (``p_wild``).
    """
    import numpy as np
    import pandas as pd

    if model not in MODELS:
        raise UnknownName("model", model, MODELS)
    if isinstance(se, str):
        se = SE_ALIASES.get(se, se)
    if se not in SE_TYPES:
        raise UnknownName("standard-error type", se, (*SE_TYPES, *SE_ALIASES))
    if formula is not None:
        if y is not None or x or fixed_effects:
            raise ModelRequestError("give either formula= or y, x and fixed_effects, not both")
        y, x, fixed_effects = parse_formula(formula)
    elif y is None:
        raise ModelRequestError("name the outcome: regress(dataset, y, x) or regress(dataset, formula='y ~ x1 + x2')")
    df, label, meta = _load(dataset, options)
    twice = [str(c) for c in df.columns[df.columns.duplicated()]]
    if twice:
        raise ModelRequestError(f"the data has two columns named '{twice[0]}'; rename one first")
    if cluster is not None and not isinstance(cluster, str):
        raise ModelRequestError(f"cluster must be one column name; got {type(cluster).__name__}")
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

    for v in used:                      # inf would pass dropna and poison the fit
        col = data[v]
        if _is_numeric(col) and not isinstance(col.dtype, pd.CategoricalDtype):
            bad = ~np.isfinite(col.astype(float).to_numpy())
            if bad.any():
                raise ModelRequestError(
                    f"column '{v}' holds {int(bad.sum())} non-finite value(s) (inf); drop or "
                    "recode those rows first")

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
        if se == "HC1":
            fit_kw["cov_type"] = "HC1"
        elif se == "HC3":
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
        # a separated outcome can 'converge' to thresholds in the hundreds: refuse it too
        if not res.mle_retvals.get("converged", True) or np.any(np.abs(np.asarray(res.params)) > 50):
            raise ModelRequestError(
                "the ordered logit did not converge (often perfect separation: a covariate that "
                "sorts the levels exactly); drop or merge covariates")
        for t in res.params.index[exog.shape[1]:]:
            kinds[t] = "threshold"

    return RegressionResult(
        result=res, model=model, dataset=label, y=y, x=tuple(xs), fixed_effects=tuple(fes),
        interaction=inter, se=se, cluster=cluster if se == "cluster" else None, n=n,
        n_dropped=n_dropped, data=data[used], term_kinds=kinds, design=exog,
        years=tuple(years) if years is not None and not isinstance(years, int) else ((years,) if years is not None else None),
        countries=tuple([countries] if isinstance(countries, str) else countries) if countries is not None else None,
        rows=data,
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
    same t and p).  Returns a tidy table: contrast, estimate (per year of ``survey_year``),
    se, t, p, ci_low, ci_high, excludes_zero (the 95% interval lies on one side of zero), n,
    and the model in ``.attrs["regression"]``.
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
                    "excludes_zero": bool(lo > 0 or hi < 0), "n": r.n})
    table = pd.DataFrame(out)
    table.attrs["regression"] = r
    table.attrs["countries"] = levels
    return table


# ------------------------------------------------------------------ formula and bootstrap

_FORMULA_TERM = re.compile(r"^(?:C\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)|([A-Za-z_][A-Za-z0-9_]*))$")


def parse_formula(formula: str) -> tuple[str, list[str], list[str]]:
    """'osi ~ tii + hci + C(iso3) + C(survey_year)' -> ('osi', ['tii', 'hci'], ['iso3', 'survey_year'])."""
    if not isinstance(formula, str) or formula.count("~") != 1:
        raise ModelRequestError(f"formula must read 'outcome ~ x1 + x2 + C(fixed_effect)'; got {formula!r}")
    left, right = (part.strip() for part in formula.split("~"))
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", left):
        raise ModelRequestError(f"the outcome of a formula is one column name; got '{left}'")
    x, fes = [], []
    for term in (t.strip() for t in right.split("+")):
        m = _FORMULA_TERM.match(term)
        if not m:
            raise ModelRequestError(f"formula term '{term}' is not understood; allowed: a column name "
                                    "(a covariate) or C(column) (a fixed effect), joined by +")
        (fes if m[1] else x).append(m[1] or m[2])
    return left, x, fes


def _wild_cluster_bootstrap(r, term: str, draws: int, seed: int) -> dict:
    import itertools

    import numpy as np
    import pandas as pd

    if r.model != "ols" or r.se != "cluster":
        raise ModelRequestError("the wild cluster bootstrap needs an OLS model with se='cluster'")
    names = list(r.design.columns)
    if term not in names or r.term_kinds.get(term, "coefficient") != "coefficient":
        allowed = [t for t in names if r.term_kinds.get(t, "coefficient") == "coefficient" and t != "const"]
        raise UnknownName("term of the model", term, allowed)
    X = r.design.to_numpy(dtype=float)
    y = np.asarray(r.result.model.endog, dtype=float)
    groups = pd.factorize(r.data[r.cluster])[0]
    G, (N, K) = groups.max() + 1, X.shape
    k = names.index(term)
    XtX_inv = np.linalg.pinv(X.T @ X)
    A = XtX_inv @ X.T                                   # beta = A y
    w = X @ XtX_inv[k]                                  # score weights of term k
    scale = G / (G - 1) * (N - 1) / (N - K)             # CRV1, as statsmodels' cluster
    onehot = np.zeros((G, N))
    onehot[groups, np.arange(N)] = 1.0

    def t_stats(Y):                                     # Y: N x B outcomes
        B = A @ Y
        E = Y - X @ B
        s = onehot @ (w[:, None] * E)                   # G x B cluster scores of term k
        return B[k] / np.sqrt(scale * (s ** 2).sum(axis=0))

    t = float(t_stats(y[:, None])[0])
    Xr = np.delete(X, k, axis=1)                        # restricted model: term k = 0
    fitted_r = Xr @ np.linalg.lstsq(Xr, y, rcond=None)[0]
    resid_r = y - fitted_r
    if 2 ** G <= draws:
        V = np.array(list(itertools.product((1.0, -1.0), repeat=G)))
        used_seed = None
    else:
        V = np.random.default_rng(seed).choice(np.array([1.0, -1.0]), size=(draws, G))
        used_seed = seed
    t_star = np.concatenate([t_stats(fitted_r[:, None] + resid_r[:, None] * V[i:i + 512, groups].T)
                             for i in range(0, len(V), 512)])
    p = float(np.mean(np.abs(t_star) >= abs(t) - 1e-12))
    return {"term": term, "t": t, "p": p, "draws": len(V), "seed": used_seed, "clusters": int(G),
            "enumerated": used_seed is None}


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
    "vn_dti_rank_merged": dict(dataset="vn_dti_2022", y="dti_rank", x=["merged_2025"], se="HC3"),
    "vn_mic_it_merged": dict(dataset="vn_mic_it_2017", y="index_value", x=["merged_2025"], se="HC3"),
}


def preset(name: str, **overrides) -> RegressionResult:
    """Fit one of the models of issue 5 by name (see PRESETS); keywords override its settings."""
    if name not in PRESETS:
        raise UnknownName("preset model", name, PRESETS)
    kw = {**PRESETS[name], **overrides}
    r = regress(kw.pop("dataset"), kw.pop("y"), kw.pop("x", ()), **kw)
    if not overrides:
        r.preset = name
    return r


# ------------------------------------------------------------------ notebook parameters
# The regression notebook's parameters arrive as text (``-p covariates "tii,hci"``); these
# functions turn them into a regress() request.  What cannot be answered is refused with
# one line that says what is allowed (regress() itself checks names, years and countries
# against the dataset).

AUTO, ALL, NONE = "auto", "all", "none"

# The datasets a notebook may model, each with the model it fits by default.
DEFAULT_MODELS = {
    "un_egdi": "panel_osi",
    "cn_provinces_2019": "cn_osi_institutions",
    "vn_papi": "vn_papi_merged",
    "vn_dti_2022": "vn_dti_rank_merged",
    "vn_mic_it_2017": "vn_mic_it_merged",
}
# The regression notebook's parameter province_model: the preset its default model is.
PROVINCE_MODELS = {"cn": "cn_osi_institutions", "vn": "vn_papi_merged"}
PARAMETER_DATASETS = (AUTO, *DEFAULT_MODELS)
PARAMETER_SE = (AUTO, *SE_TYPES, *SE_ALIASES)


def parameters_request(dataset: str = AUTO, outcome: str = AUTO, covariates: str = AUTO,
                       fixed_effects: str = AUTO, years: str = ALL, countries: str = ALL,
                       se: str = AUTO, default: str = "cn_osi_institutions") -> dict:
    """The regress() keywords for a notebook's text parameters.

    dataset        a key of DEFAULT_MODELS, or "auto": the dataset of preset ``default``
    outcome        a column, or "auto": the default model's outcome; an ordered categorical
                   outcome is fitted by ordered logit
    covariates     columns separated by commas ("tii,hci"), "none", or "auto": the default
                   model's covariates (less the outcome)
    fixed_effects  columns separated by commas, "none", or "auto": the default model's
    years          "all", or years and ranges separated by commas ("2010-2024", "2014,2016");
                   a range keeps the dataset's years inside it
    countries      "all", or names or ISO3 codes separated by commas ("VNM,CHN,THA")
    se             "auto" (the default model's), "nonrobust", "HC1" ("robust"), "HC3" or "cluster" (by the
                   default model's cluster column, else the dataset's unit)

    Returns dataset, y, x, fixed_effects, se, cluster, years, countries, model.
    """
    import pandas as pd

    if default not in PRESETS:
        raise UnknownName("preset model", default, PRESETS)
    dataset = _text(dataset, "dataset")
    if dataset == AUTO:
        base = PRESETS[default]
    elif dataset in DEFAULT_MODELS:
        base = PRESETS[DEFAULT_MODELS[dataset]]
    else:
        raise UnknownName("dataset for the notebook's model", dataset, PARAMETER_DATASETS)
    name = base["dataset"]
    df, label, meta = _load(name, None)

    outcome = _text(outcome, "outcome")
    y = base["y"] if outcome == AUTO else outcome
    if not y or "," in y:
        raise ModelRequestError(f"outcome '{outcome}' must be one column of {label}; "
                                f"numeric columns: {', '.join(str(c) for c in df.columns if _is_numeric(df[c]))}")
    covariates = _text(covariates, "covariates")
    x = [v for v in _as_list(base.get("x", ()), "x") if v != y] if covariates == AUTO else _names(covariates, "covariates")
    fixed_effects = _text(fixed_effects, "fixed_effects")
    fes = list(base.get("fixed_effects", ())) if fixed_effects == AUTO else _names(fixed_effects, "fixed_effects")
    ordered = y in df.columns and isinstance(df[y].dtype, pd.CategoricalDtype) and df[y].dtype.ordered
    model = "ologit" if ordered else "ols"

    se = _text(se, "se")
    se = SE_ALIASES.get(se, se)
    if se == AUTO:
        se_, cluster = ("nonrobust", None) if model == "ologit" else (base.get("se", "nonrobust"), base.get("cluster"))
    elif se in SE_TYPES:
        se_ = se
        cluster = base.get("cluster") if se == "cluster" and base.get("se") == "cluster" else None
    else:
        raise UnknownName("standard-error type", se, PARAMETER_SE)
    return dict(dataset=name, y=y, x=x, fixed_effects=fes, se=se_, cluster=cluster,
                years=_years(years, df, label, meta), countries=_countries(countries), model=model)


def from_parameters(dataset: str = AUTO, outcome: str = AUTO, covariates: str = AUTO,
                    fixed_effects: str = AUTO, years: str = ALL, countries: str = ALL,
                    se: str = AUTO, default: str = "cn_osi_institutions") -> RegressionResult:
    """Fit the model a notebook's parameters ask for (see :func:`parameters_request`);
    ``.preset`` names the preset when the request is exactly one of them."""
    req = parameters_request(dataset, outcome, covariates, fixed_effects, years, countries, se, default)
    r = regress(req["dataset"], req["y"], req["x"], fixed_effects=req["fixed_effects"], se=req["se"],
                cluster=req["cluster"], years=req["years"], countries=req["countries"], model=req["model"])
    r.preset = matching_preset(req)
    return r


def matching_preset(request: dict) -> str | None:
    """The name of the preset that ``request`` (as :func:`parameters_request` gives it) is."""
    if request.get("years") is not None or request.get("countries") is not None:
        return None
    for name, kw in PRESETS.items():
        want = dict(dataset=kw["dataset"], y=kw["y"], x=_as_list(kw.get("x", ()), "x"),
                    fixed_effects=_as_list(kw.get("fixed_effects", ()), "fixed_effects"),
                    se=kw.get("se", "nonrobust"), cluster=kw.get("cluster"), model=kw.get("model", "ols"))
        if all(request.get(k) == v for k, v in want.items()):
            return name
    return None


def describe_parameters(params: dict, lang: str) -> dict:
    """The model's parameters in words, for a report's title block: the dataset, outcome,
    covariates, fixed effects and standard errors the parameters resolve to ('auto'
    included), in ``lang``; {} when the parameters cannot be resolved."""
    from ..locale import i18n

    keys = ("dataset", "outcome", "covariates", "fixed_effects", "years", "countries", "se")
    try:
        req = parameters_request(**{k: params[k] for k in keys if k in params},
                                 default=PROVINCE_MODELS.get(params.get("province_model", "cn"), "cn_osi_institutions"))
    except (ComparativeError, KeyError, TypeError):
        return {}
    none = i18n.param_value("covariates", "none", lang)
    se = i18n.param_value("se", req["se"], lang)
    if req["cluster"]:
        se = i18n.t("param.clustered_by", lang, unit=unit_label(req["cluster"], lang))
    model = {"ols": "OLS", "ologit": i18n.t("param.ologit", lang)}[req["model"]]
    dataset = req["dataset"]
    return {
        "dataset": i18n.t(f"dataset.{dataset}", lang) if i18n.has(f"dataset.{dataset}") else dataset,
        "outcome": f"{variable_label(req['y'], lang)}, {model}",
        "covariates": ", ".join(variable_label(v, lang) for v in req["x"]) or none,
        "fixed_effects": ", ".join(unit_label(v, lang) for v in req["fixed_effects"]) or none,
        "se": se,
    }


def _text(value, what: str) -> str:
    if not isinstance(value, str):
        raise ModelRequestError(f"{what} must be text, e.g. {what}=\"auto\"; got {value!r}")
    return value.strip()


def _names(text: str, what: str) -> list[str]:
    """'tii, hci' -> ['tii', 'hci']; 'none' -> []."""
    if text.lower() == NONE:
        return []
    items = [v.strip() for v in text.split(",")]
    if not text or any(not v for v in items):
        raise ModelRequestError(f"{what} '{text}' has an empty name; separate column names with "
                                f"commas, e.g. tii,hci (or write none or auto)")
    return items


_YEAR_ITEM = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")


def _years(text, df, label: str, meta: dict):
    text = _text(text, "years")
    if text.lower() == ALL:
        return None
    col = meta.get("year_column")
    if not col:
        raise ModelRequestError(f"{label} has no year column, so years must be 'all'; got '{text}'")
    available = sorted(int(v) for v in df[col].dropna().unique())
    shown = ", ".join(map(str, available))
    out = []
    for item in (v.strip() for v in text.split(",")):
        m = _YEAR_ITEM.match(item)
        if not m:
            raise ModelRequestError(f"years '{text}' is not a list of years or ranges such as 2010-2024 "
                                    f"or 2014,2016 (or all); available in {label}: {shown}")
        lo, hi = int(m[1]), int(m[2]) if m[2] else None
        if hi is None:
            out.append(lo)       # regress() refuses a year without data, listing the years
            continue
        if hi < lo:
            raise ModelRequestError(f"years '{item}' runs backwards; write the earlier year first ({hi}-{lo})")
        inside = [v for v in available if lo <= v <= hi]
        if not inside:
            raise ModelRequestError(f"no year of {lo}-{hi} has data in {label}; available: {shown}")
        out += inside
    return list(dict.fromkeys(out))


def _countries(text):
    text = _text(text, "countries")
    if text.lower() == ALL:
        return None
    items = [v.strip() for v in text.split(",")]
    if not text or any(not v for v in items):
        raise ModelRequestError(f"countries '{text}' has an empty name; separate names or ISO3 codes "
                                "with commas, e.g. VNM,CHN,THA (or write all)")
    return items


# ------------------------------------------------------------------ reading a result
# Facts about a fitted model, computed here so that no notebook computes them: which
# terms' intervals exclude zero, how many units and clusters the rows hold, whether a
# unit repeats, the years pooled, the confidence flags and sources of the rows used, the
# rows furthest from the fit, Q-Q points.  The sentences that read them are the
# notebook's own (its markdown, in both languages); only the labels of variables, terms
# and categories are looked up here (``term.*``, ``category.*`` of comparative.i18n).

FEW_CLUSTERS = 30          # below this, cluster-robust standard errors are unreliable
ROWS_PER_PARAMETER = 10    # below this, a sample is small for the model fitted on it
_FLAG_ORDER = ("high", "medium-high", "medium", "medium-low", "medium / low", "low", "unchecked")
_NAME_COLUMNS = ("country", "old_name", "province", "province_en", "new_unit")
_YEAR_COLUMNS = ("survey_year", "year", "data_year")
_UNIT_COLUMNS = ("country", "old_code", "province")


def _rows(result):
    return result.rows if result.rows is not None else result.data


def year_column(result) -> str | None:
    rows = _rows(result)
    return next((c for c in _YEAR_COLUMNS if c in rows.columns), None)


def years_used(result) -> list[int]:
    """The years of the rows used, in order ([] for a dataset without a year column)."""
    col = year_column(result)
    return sorted(int(v) for v in _rows(result)[col].dropna().unique()) if col else []


def unit_column(result) -> str | None:
    """The column naming the unit of the rows used ('country', 'old_code', 'province')."""
    rows = _rows(result)
    return next((c for c in _UNIT_COLUMNS if c in rows.columns), None)


def n_units(result) -> int:
    """How many distinct units (countries, provinces) the rows used hold."""
    col = unit_column(result)
    return int(_rows(result)[col].nunique()) if col else result.n


def repeated_units(result) -> bool:
    """True when some unit appears in more than one row used (a panel): rows of the same
    unit are not independent, which only clustered standard errors allow for."""
    col = unit_column(result)
    return bool(col and _rows(result)[col].duplicated().any())


def coefficient_terms(result):
    """The rows of ``table()`` a coefficient plot and a reading show: the covariates."""
    t = result.table()
    return t[t["kind"] == "coefficient"].reset_index(drop=True)


def term_facts(result):
    """One row per covariate term (index: the term), in the order of ``table()``:

    coef, se, p, ci_low, ci_high  as in ``table()`` (95% intervals)
    excludes_zero                 the interval lies on one side of zero
    sign                          +1, -1 or 0: the direction of the estimate
    binary                        the term's design column holds only 0 and 1 (a flag or a
                                  dummy of a category)
    ones                          rows where a binary term is 1 (the rows its estimate
                                  rests on); NaN for other terms
    units                         distinct units (countries, provinces) among those rows;
                                  NaN for other terms
    odds_ratio                    exp(coef) for an ordered logit; NaN for OLS
    """
    import numpy as np

    t = coefficient_terms(result).set_index("term")
    out = t[["coef", "se", "p", "ci_low", "ci_high"]].copy()
    out["excludes_zero"] = (out["ci_low"] > 0) | (out["ci_high"] < 0)
    out["sign"] = np.sign(out["coef"]).astype(int)
    rows, unit = _rows(result), unit_column(result)
    binary, ones, units = [], [], []
    for term in out.index:
        column = result.design[term].to_numpy(dtype=float) if result.design is not None else None
        is_binary = column is not None and set(np.unique(column)) <= {0.0, 1.0}
        binary.append(bool(is_binary))
        ones.append(float(column.sum()) if is_binary else np.nan)
        if is_binary:
            units.append(float(rows[unit][column == 1].nunique()) if unit else float(column.sum()))
        else:
            units.append(np.nan)
    out["binary"] = binary
    out["ones"] = ones              # counts, as floats so that NaN can mark a non-binary term
    out["units"] = units
    out["odds_ratio"] = np.exp(out["coef"]) if result.model == "ologit" else np.nan
    return out


def clear_terms(result) -> list[str]:
    """The covariate terms whose 95% interval excludes zero, in the order of ``table()``."""
    f = term_facts(result)
    return list(f.index[f["excludes_zero"]])


def strongest_term(result) -> str | None:
    """The covariate term furthest from zero in standard errors (largest |t| or |z|);
    None for a model without covariates."""
    f = term_facts(result)
    if f.empty:
        return None
    return str((f["coef"] / f["se"]).abs().idxmax())


def row_names(result, lang: str | None = None):
    """A name for each row used: the unit ('Beijing', 'Viet Nam') and, when the rows span
    several years, the year ('Viet Nam 2014'); country names in ``lang`` when given."""
    import pandas as pd

    rows = _rows(result)
    col = next((c for c in _NAME_COLUMNS if c in rows.columns), None)
    if col == "country" and lang:
        names = rows[col].astype(str).map(lambda v: _label("country", v, lang))
    elif col == "province" and lang:   # China's provinces: pinyin in en, Sino-Vietnamese in vi
        from ..locale import i18n

        names = rows[col].astype(str).map(lambda v: i18n.place(v, lang))
    elif col == "old_name":   # GSO names, with diacritics: 'Thành phố Đà Nẵng' -> 'Đà Nẵng'
        names = rows[col].astype(str).str.replace(r"^(Tỉnh|Thành phố)\s+", "", regex=True)
    elif col:
        names = rows[col].astype(str)
    else:
        names = pd.Series([str(i + 1) for i in range(len(rows))], index=rows.index)
    ycol = year_column(result)
    if ycol and rows[ycol].nunique() > 1:
        names = names + " " + rows[ycol].astype("Int64").astype(str)
    return names


def unit_residuals(result, unit: str | None = None):
    """Each unit's mean residual over its rows (OLS), largest first, with its rank (1 = most
    above the fit) and the number of rows: where a country stands against what the model
    predicts from its covariates and fixed effects.  Columns: unit, mean_residual, rank, rows."""
    import pandas as pd

    if result.model != "ols":
        raise ModelRequestError("unit residuals need an OLS model")
    col = unit or unit_column(result)
    f = result.frame()
    rows = _rows(result)
    if col not in f.columns:
        f[col] = rows[col].to_numpy()
    g = f.groupby(col)["residual"].agg(["mean", "size"]).sort_values("mean", ascending=False, kind="stable")
    return pd.DataFrame({"unit": g.index.astype(str), "mean_residual": g["mean"].to_numpy(),
                         "rank": range(1, len(g) + 1), "rows": g["size"].to_numpy()})


def largest_residuals(result, k: int = 3, lang: str | None = None):
    """The ``k`` rows furthest from the fit (OLS): row (the index of ``frame()``), name,
    actual, fitted, residual."""
    import pandas as pd

    if result.model != "ols":
        return pd.DataFrame(columns=["row", "name", "actual", "fitted", "residual"])
    f = result.frame()
    out = pd.DataFrame({"row": f.index, "name": row_names(result, lang), "actual": f[result.y].astype(float),
                        "fitted": f["fitted"].astype(float), "residual": f["residual"].astype(float)})
    order = out["residual"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[order[:k]].reset_index(drop=True)


def qq_points(result):
    """Normal Q-Q points of the internally studentized residuals (OLS): theoretical
    quantiles (Blom's plotting positions) against the sorted residuals; rows with
    leverage 1, whose residual is 0 by construction, are left out."""
    import numpy as np
    import pandas as pd
    from scipy import stats

    if result.model != "ols":
        raise ModelRequestError("Q-Q points need an OLS model; an ordered logit has no residuals of that kind")
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.asarray(result.result.get_influence().resid_studentized_internal, dtype=float)
    r = np.sort(r[np.isfinite(r)])
    n = len(r)
    theo = stats.norm.ppf((np.arange(1, n + 1) - 0.375) / (n + 0.25))
    return pd.DataFrame({"theoretical": theo, "sample": r})


def share_predicted(result) -> float:
    """Ordered logit: the share of rows used whose most likely category is their actual one."""
    if result.model != "ologit":
        raise ModelRequestError("a share of categories predicted needs an ordered logit; OLS predicts values")
    f = result.frame()
    return float((f[result.y].astype(str) == f["predicted"].astype(str)).mean())


def modal_share(result) -> float:
    """Ordered logit: the share of rows used in the outcome's most frequent category (what
    always predicting that category gets right)."""
    if result.model != "ologit":
        raise ModelRequestError("a modal share needs an ordered logit's categorical outcome")
    return float(result.data[result.y].value_counts(normalize=True).max())


def confidence_counts(result):
    """How many rows used carry each confidence flag, per confidence column of the
    dataset (``confidence``, ``region_confidence``, ``mapping_confidence`` …)."""
    import pandas as pd

    rows = _rows(result)
    out = []
    for col in _confidence_columns(rows):
        counts = rows[col].dropna().astype(str).value_counts()
        order = sorted(counts.index, key=_flag_rank)
        out += [{"column": col, "flag": f, "rows": int(counts[f])} for f in order]
    return pd.DataFrame(out, columns=["column", "flag", "rows"])


def lowest_confidence(result) -> str | None:
    """The lowest confidence flag any row used carries, in any confidence column
    ('medium-low'); None when the dataset has no confidence column."""
    flags = list(confidence_counts(result)["flag"])
    return max(flags, key=_flag_rank) if flags else None


def rows_below_high(result) -> int:
    """Rows used with a confidence flag other than 'high' in at least one confidence column."""
    rows = _rows(result)
    below = None
    for col in _confidence_columns(rows):
        flag = rows[col].astype("string")
        low = flag.notna() & (flag != "high")
        below = low if below is None else below | low
    return int(below.sum()) if below is not None else 0


def _confidence_columns(rows) -> list[str]:
    return [c for c in rows.columns if str(c).endswith("confidence")]


def _flag_rank(flag: str):
    return (_FLAG_ORDER.index(flag) if flag in _FLAG_ORDER else len(_FLAG_ORDER), flag)


def model_sources(result) -> tuple[list[str], list[str]]:
    """(fact ids, source ids) behind the rows used: the facts that coded the model's
    variables (``<column>_facts``) and every source column of the rows."""
    rows = _rows(result)
    variables = [result.y, *result.x, *result.fixed_effects, *(result.interaction or ())]
    facts, sources = [], []
    for v in variables:
        if f"{v}_facts" in rows.columns:
            for cell in rows[f"{v}_facts"].dropna():
                facts += [i.strip() for i in str(cell).replace(",", ";").split(";") if i.strip() and i.strip() not in facts]
    for col in (c for c in rows.columns if str(c).endswith("source_id")):
        for cell in rows[col].dropna().unique():
            sources += [i.strip() for i in str(cell).split(";") if i.strip() and i.strip() not in sources]
    return facts, sources


def decimals(result) -> int:
    """Decimals to show the estimates with: 3, or 4 when they are all small."""
    import numpy as np

    shown = result.table()
    values = np.abs(shown.loc[shown["kind"] == "coefficient", ["coef", "se"]].to_numpy(dtype=float))
    return 4 if values.size and np.nanmax(values) < 0.1 else 3


def _codebook_unit(result) -> str | None:
    """The unit the dataset's codebook gives the outcome ('rank of 63'); None for a data
    frame or a column the codebook does not describe."""
    from ..store.datasets import _spec

    try:
        spec = _spec(dataset_name(result))
    except UnknownName:
        return None
    return next((col.unit for col in spec.columns if col.name == result.y), None)


def dataset_name(result) -> str:
    """The dataset's name ('un_egdi'), or the result's label for a data frame."""
    m = re.match(r"^dataset '(.+)'$", str(result.dataset))
    return m[1] if m else str(result.dataset)


# ------------------------------------------------------------------ labels (furniture)

def _label(key_base: str, name: str, lang: str) -> str:
    from ..locale import i18n

    key = f"{key_base}.{name}"
    return i18n.t(key, lang) if i18n.has(key) else str(name)


def variable_label(name: str, lang: str) -> str:
    """How a report names a column: ``term.<column>`` of i18n, else the column's name."""
    return _label("term", name, lang)


def unit_label(name: str, lang: str) -> str:
    """How a report names a unit or fixed-effect column: ``unit.<column>`` ('former
    province'), else the column's name."""
    return _label("unit", str(name), lang)


def term_labels(result, lang: str) -> dict:
    """A label for every term of the result: covariates, dummies ('region: West (against
    East)'), thresholds of an ordered logit, the intercept."""
    from ..locale import i18n

    out = {}
    names = list(result.result.params.index)
    rows = _rows(result)
    for t in names:
        m = re.match(r"^(\w+)\[(.*)\]$", t)
        if i18n.has(f"term.{t}"):
            out[t] = i18n.t(f"term.{t}", lang)
        elif result.term_kinds.get(t) == "threshold":     # 'below tier 2/tier 2': two categories
            levels = "/".join(_label("category", part, lang) for part in t.split("/"))
            out[t] = i18n.t("label.threshold", lang, levels=levels)
        elif m and m[1] in rows.columns:
            col, level = m[1], m[2]
            present = {n[len(col) + 1:-1] for n in names if n.startswith(f"{col}[") and n.endswith("]")}
            others = [str(v) for v in rows[col].astype(str).unique() if str(v) not in present]
            ref = others[0] if len(others) == 1 else "…"
            out[t] = i18n.t("label.term_level", lang, column=variable_label(col, lang),
                            level=_label("category", level, lang), ref=_label("category", ref, lang))
        else:
            out[t] = variable_label(t, lang)
    return out


def category_labels(result, lang: str) -> list[str]:
    """The outcome's categories (ordered logit), in order, as a report names them."""
    return [_label("category", str(c), lang) for c in result.data[result.y].cat.categories]


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
    from ..store.datasets import _spec, dataset as load

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


_PLURAL = {"year": "years", "country": "countries"}


def _filter(df, label: str, meta: dict, what: str, wanted):
    if wanted is None:
        return df
    col = meta.get(f"{what}_column")
    if not col:
        hint = {"year": "a 'survey_year' or 'year' column", "country": "a 'country' column"}[what]
        raise ModelRequestError(f"{label} has no {what} column, so {_PLURAL[what]}= cannot be used"
                                + (f"; a data frame needs {hint}" if label == "the data frame" else ""))
    items = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
    if not items:
        raise ModelRequestError(f"{_PLURAL[what]}= is empty; leave it out to use every {what}")
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
    # a country may be named as the dataset writes it, or by ISO3, ISO2 or its UN name
    by_iso = {}
    if iso_col:
        for code, name in zip(df[iso_col], df[col]):
            if isinstance(code, str) and isinstance(name, str):
                by_iso.setdefault(code, name)
    keep = []
    for v in items:
        if v in names:
            keep.append(v)
            continue
        code = country_code(v)
        if code is not None and code in by_iso:
            keep.append(by_iso[code])
        elif code is not None and code in names:
            keep.append(code)
        else:
            raise ModelRequestError(f"country '{v}' has no data in {label}; available: {', '.join(names)}")
    return df[df[col].isin(keep)].reset_index(drop=True)


def country_code(value) -> str | None:
    """ISO3 of a country named by ISO3, ISO2 or its UN name (None when it is none of them)."""
    from ..store.countries import lookup

    return lookup(value) if isinstance(value, str) else None


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
