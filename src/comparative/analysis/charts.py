"""Charts the notebooks draw: matplotlib/seaborn functions that take the case views'
tables and a language and return a Figure.

Text is set in DejaVu Sans, which ships with matplotlib and carries every Vietnamese
letter; Chinese names are written in pinyin (no CJK font is shipped).  Figures are saved
as SVG with text as paths, a fixed hash salt and no date, so the same data gives the same
bytes on every run.
"""

from __future__ import annotations

import io

from ..locale import i18n

FONT = "DejaVu Sans"
WIDTH = 6.6            # inches: the PDF text width
VN_COLOR = "#b2182b"   # Vietnam
CN_COLOR = "#2166ac"   # China
LOCAL_COLOR = "#d6604d"
CENTRAL_COLOR = "#4393c3"
GREY = "#8c8c8c"

_ready = False


def setup() -> None:
    """The project style; idempotent."""
    global _ready
    import matplotlib

    if not _ready:
        import matplotlib.pyplot as plt  # noqa: F401  (keep the notebook's backend)
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "svg.fonttype": "path",
        "svg.hashsalt": "comparative",
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.labelsize": 9.5,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "legend.fontsize": 8.5,
        "legend.frameon": False,
    })
    _ready = True


def svg_bytes(fig) -> bytes:
    """The figure as deterministic SVG; the figure is closed (so Jupyter shows it once)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def _fig(height: float, width: float = WIDTH):
    import matplotlib.pyplot as plt

    setup()
    return plt.subplots(figsize=(width, height), layout="constrained")


def _t(key: str, lang: str, **kw) -> str:
    return i18n.t(key, lang, **kw)


def _fmt(x, lang: str, decimals: int | None = None) -> str:
    return i18n.number(x, lang, decimals)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


# ================================================================== chart data
# Small summaries that a chart and its table share; computed here, never in a notebook.

LEVELS = ("province", "district", "commune")


def level_totals(national_totals):
    """Units per level before and after 1 July 2025, from the reference table of national
    totals: level, before, after, change, change_pct, source_ids."""
    import pandas as pd

    df = national_totals[national_totals["unit_type"] == "all"]
    rows = []
    for level in LEVELS:
        part = df[df["level"] == level]
        pre = part[part["period"].str.startswith("pre")]
        post = part[part["period"].str.startswith("post")]
        if len(pre) != 1 or len(post) != 1:
            continue
        b, a = int(pre["count"].iloc[0]), int(post["count"].iloc[0])
        ids = []
        for s in list(pre["source_id"]) + list(post["source_id"]):
            ids += [x.strip() for x in str(s).split(";") if x.strip() and x.strip() not in ids]
        rows.append({"level": level, "before": b, "after": a, "change": a - b,
                     "change_pct": round(100 * (a - b) / b, 1), "source_ids": ";".join(ids)})
    return pd.DataFrame(rows)


def province_summary(provinces):
    """The 34 units grouped as merged / unchanged: units, former provinces, commune-level
    units, population and area (totals and means)."""
    import pandas as pd

    rows = []
    for merged in (True, False):
        part = provinces[provinces["merged"] == merged]
        rows.append({"merged": merged, "units": len(part),
                     "predecessors": int(part["n_predecessors"].sum()),
                     "communes": int(part["commune_level_total"].sum()),
                     "communes_mean": round(float(part["commune_level_total"].mean()), 1),
                     "population_mean": round(float(part["population"].mean())),
                     "area_mean": round(float(part["area_km2"].mean()), 1)})
    return pd.DataFrame(rows)


SORT_COLUMNS = {"population": "population", "area": "area_km2",
                "communes": "commune_level_total", "name": "name_vi"}


def order_provinces(provinces, sort_by: str = "population", show: str = "all"):
    """The 34 units filtered (all | merged | unchanged) and sorted (largest first, or by name)."""
    from ..errors import UnknownName

    if sort_by not in SORT_COLUMNS:
        raise UnknownName("sort order", sort_by, SORT_COLUMNS)
    if show not in ("all", "merged", "unchanged"):
        raise UnknownName("selection", show, ("all", "merged", "unchanged"))
    df = provinces
    if show != "all":
        df = df[df["merged"] == (show == "merged")]
    col = SORT_COLUMNS[sort_by]
    return df.sort_values(col, ascending=(sort_by == "name"), kind="stable").reset_index(drop=True)


def _unit_type(text: str, lang: str) -> str:
    key = "city" if str(text).startswith("thành phố") else "province"
    return {"city": ("centrally run city", "thành phố trực thuộc TW"),
            "province": ("province", "tỉnh")}[key][lang == "vi"]


def province_rows(provinces, lang: str):
    """The provincial-level units as a table to show: name, type, merged, former provinces,
    commune-level units by kind, population, area."""
    import re

    out = provinces.copy()
    out["type"] = [_unit_type(t, lang) for t in out["unit_type"]]
    out["predecessors"] = [", ".join(re.sub(r"^(Tỉnh|Thành phố)\s+", "", n) for n in str(v).split("|"))
                           for v in out["predecessor_old_names"]]
    out["merged"] = [bool(m) for m in out["merged"]]
    return out


def fact_table(rows, lang: str):
    """Fact rows (``cases.fact_rows``) as a table to show: quantity, value with its qualifier
    and unit, period, written in ``lang``."""
    from ..store.facts import fact

    out = rows.copy()
    out["quantity"] = list(rows[f"quantity_{lang}"])
    facts = [fact(fid) for fid in rows["fact_id"]]
    note = f" ({i18n.t('names_note', lang)})" if lang != "vi" else ""
    out["value"] = [i18n.fact_value(f, lang, unit=True) + (note if f.kind == "names" else "")
                    for f in facts]
    out["period"] = [i18n.period(p, lang) for p in rows["period"].fillna("")]
    out["country"] = [_t("chart.vietnam" if f.country == "VN" else "chart.china", lang) for f in facts]
    return out


# ================================================================== Vietnam 2025

def levels_before_after(totals, lang: str):
    """Small multiples: units at each level before and after (one panel per level, its own
    scale), with the change written above."""
    fig, axes = _subplots(1, len(totals), 2.6)
    for ax, (_, row) in zip(axes, totals.iterrows()):
        vals = [row["before"], row["after"]]
        bars = ax.bar([_t("chart.before", lang), _t("chart.after", lang)], vals,
                      color=[GREY, VN_COLOR], width=0.6)
        for bar, v in zip(bars, vals):
            ax.annotate(_fmt(v, lang), (bar.get_x() + bar.get_width() / 2, v),
                        ha="center", va="bottom", fontsize=8.5, xytext=(0, 2), textcoords="offset points")
        ax.set_title(_t(f"level.{row['level']}", lang), fontsize=10)
        ax.set_ylim(0, max(vals) * 1.22 or 1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        change = _fmt(row["change_pct"], lang) + "%" if row["before"] else ""
        ax.text(0.5, 0.97, change, transform=ax.transAxes, ha="center", va="top", fontsize=8.5, color="#444")
    return fig


def composition(wholes, part_col: str, lang: str):
    """One stacked horizontal bar per whole (``[(label, parts DataFrame), …]``, parts with
    ``number`` and ``share_pct``): each part labelled with its count and share."""
    fig, ax = _fig(0.5 + 0.75 * len(wholes))
    colors = [VN_COLOR, "#ef8a62", "#fddbc7", "#f7f7f7"]
    for y, (label, parts) in enumerate(wholes):
        total = float(parts["number"].sum())
        left = 0.0
        for i, (_, row) in enumerate(parts.iterrows()):
            share = float(row["number"]) / total * 100
            ax.barh(y, share, left=left, color=colors[i % len(colors)], edgecolor="white", height=0.62)
            text = f"{row[part_col]}\n{_fmt(row['number'], lang)} ({_fmt(row['share_pct'], lang)}%)"
            if share >= 12:
                ax.text(left + share / 2, y, text, ha="center", va="center", fontsize=7.5,
                        color="white" if i == 0 else "#222")
            else:
                ax.annotate(text.replace("\n", " "), (left + share, y), xytext=(4, 13),
                            textcoords="offset points", ha="right", va="bottom", fontsize=7.5)
            left += share
    ax.set_yticks(range(len(wholes)))
    ax.set_yticklabels([w[0] for w in wholes], fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.spines["left"].set_visible(False)
    return fig


def provinces_panels(df, lang: str):
    """The 34 units (already filtered and sorted): commune-level units, population and
    area side by side, merged units in colour."""
    n = len(df)
    fig, axes = _subplots(1, 3, 1.0 + 0.19 * n, sharey=True)
    y = range(n)
    colors = [VN_COLOR if m else GREY for m in df["merged"]]
    panels = (("commune_level_total", 1, "chart.communes"),
              ("population", 1e6, "chart.population_m"),
              ("area_km2", 1e3, "chart.area_k"))
    for ax, (col, scale, key) in zip(axes, panels):
        vals = [float(v) / scale for v in df[col]]
        ax.barh(list(y), vals, color=colors, height=0.72)
        ax.set_title(_t(key, lang), fontsize=9.5)
        ax.tick_params(axis="x", labelsize=7.5)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
    axes[0].set_yticks(list(y))
    axes[0].set_yticklabels(list(df["name_vi"]), fontsize=7.8)
    axes[0].invert_yaxis()
    from matplotlib.patches import Patch

    fig.legend(handles=[Patch(color=VN_COLOR, label=_t("chart.merged", lang)),
                        Patch(color=GREY, label=_t("chart.unchanged", lang))],
               loc="outside lower center", ncol=2)
    return fig


def shares(df, label_col: str, value_col: str, lang: str, qualifier_col: str | None = None):
    """Horizontal bars of percentages, each labelled with its value (and qualifier)."""
    fig, ax = _fig(0.6 + 0.38 * len(df))
    labels = [_wrap(v, 46) for v in df[label_col]]
    vals = [float(v) for v in df[value_col]]
    y = list(range(len(df)))
    ax.barh(y, vals, color=VN_COLOR, height=0.62)
    for yi, v, (_, row) in zip(y, vals, df.iterrows()):
        text = _fmt(v, lang) + "%"
        if qualifier_col:
            text = i18n.qualified(text, row[qualifier_col], lang)
        ax.text(v + 1, yi, text, va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("%")
    return fig


# ================================================================== local initiative

def initiative_timeline(timeline, lead, lang: str):
    """One panel per case: local measures (top lane) and central policies (bottom lane) on a
    year axis; between the lanes, one bracket per compared pair, from the earlier to the
    later year, labelled with who came first and by how many years."""
    cases_ = list(dict.fromkeys(timeline["case"]))
    pairs = [len(lead[lead["case"] == c]) for c in cases_]
    fig, axes = _subplots(len(cases_), 1, 0.6 + sum(1.3 + 0.35 * n for n in pairs), sharex=True,
                          squeeze=False, gridspec_kw={"height_ratios": [1.3 + 0.35 * n for n in pairs]})
    years = [int(y) for y in timeline["year"]]
    lo, hi = min(years) - 3, max(years) + 3
    for ax, case, n in zip(axes[:, 0], cases_, pairs):
        tl = timeline[timeline["case"] == case]
        top, bottom = n + 1.0, 0.0
        for level, yv, color in (("local", top, LOCAL_COLOR), ("central", bottom, CENTRAL_COLOR)):
            part = tl[tl["level"] == level]
            xs = [int(v) for v in part["year"]]
            ax.scatter(xs, [yv] * len(xs), s=44, color=color, zorder=3)
            for x in xs:
                ax.annotate(str(x), (x, yv), xytext=(0, 6 if level == "local" else -11),
                            textcoords="offset points", ha="center", fontsize=7.5)
        for k, (_, row) in enumerate(lead[lead["case"] == case].iterrows(), start=1):
            ly, cy = int(row["local_year"]), int(row["central_year"])
            y = top - k
            for x, y0 in ((ly, top), (cy, bottom)):
                ax.plot([x, x], [y0, y], color="#bbb", linewidth=0.6, linestyle=":", zorder=1)
            ax.annotate("", xy=(max(ly, cy), y), xytext=(min(ly, cy), y),
                        arrowprops=dict(arrowstyle="<->", color="#555", linewidth=0.8,
                                        shrinkA=0, shrinkB=0))
            ax.text((ly + cy) / 2, y + 0.08, _lead_label(row, lang), ha="center", va="bottom",
                    fontsize=7.3, color="#222",
                    bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none"))
        ax.set_ylim(bottom - 0.8, top + 0.8)
        ax.set_yticks([top, bottom])
        ax.set_yticklabels([_t("chart.local", lang), _t("chart.central", lang)], fontsize=8.5)
        ax.set_title(_t(f"case.{case}", lang), fontsize=10, loc="left")
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    axes[-1, 0].set_xlim(lo, hi)
    axes[-1, 0].set_xlabel(_t("chart.year", lang))
    return fig


def _lead_label(row, lang: str) -> str:
    n = abs(int(row["years_ahead"]))
    key = {"local": "chart.local_first", "central": "chart.central_first"}.get(row["first"], "chart.same_year")
    return _t(key, lang, years=n)


# ================================================================== digital government

def stages_timeline(stages, milestones, vietnam_path, lang: str, until: int | None = None):
    """China's stages as bands with their milestones (one dot per dated fact, stacked by
    year); Vietnam's dated steps on a second lane when ``vietnam_path`` has rows."""
    import pandas as pd
    from matplotlib.patches import Rectangle

    has_vn = vietnam_path is not None and len(vietnam_path) > 0
    fig, ax = _fig(3.5 if has_vn else 2.9)
    last = int(max(milestones["year"].max(), vietnam_path["year"].max() if has_vn else 0))
    until = until or last + 1
    counts = milestones.groupby("year").size()
    top = 1.0 + 0.16 * (int(counts.max()) + 1) + 0.45
    shades = ["#deebf7", "#9ecae1", "#6baed6"]
    handles = []
    for i, (_, s) in enumerate(stages.iterrows()):
        end = int(s["end_year"]) + 1 if not pd.isna(s["end_year"]) else until
        patch = Rectangle((int(s["start_year"]), 0.85), end - int(s["start_year"]), top - 0.85,
                          color=shades[i % 3], linewidth=0, zorder=0, label=s[f"label_{lang}"])
        ax.add_patch(patch)
        handles.append(patch)
        ax.text((int(s["start_year"]) + end) / 2, top - 0.08, str(s["stage"]), ha="center",
                va="top", fontsize=9, weight="bold", color="#08306b")
    fig.legend(handles=handles, loc="outside lower center", ncol=1, fontsize=7.8)
    for year, n in counts.items():
        ax.scatter([int(year) + 0.5] * int(n), [1.05 + 0.16 * k for k in range(int(n))], s=13,
                   color=CN_COLOR, zorder=3)
    ticks, labels = [1.4], [_t("chart.china", lang)]
    if has_vn:
        for _, row in vietnam_path.iterrows():
            ax.scatter(int(row["year"]) + 0.5, -0.2, s=26, color=VN_COLOR, zorder=3, marker="D")
        ticks.append(-0.2)
        labels.append(_t("chart.vietnam", lang))
    ax.set_ylim(-0.8 if has_vn else 0.6, top + 0.1)
    ax.set_yticks(ticks)
    ax.set_yticklabels(labels, fontsize=8.5)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(int(stages["start_year"].min()) - 1, until + 1)
    ax.set_xlabel(_t("chart.year", lang))
    ax.spines["left"].set_visible(False)
    return fig


def paired_bars(df, lang: str):
    """Stated intention against actual use, one pair per survey question, gap labelled."""
    fig, ax = _fig(0.8 + 0.75 * len(df))
    y = list(range(len(df)))
    ax.barh([v - 0.18 for v in y], [float(v) for v in df["stated_pct"]], height=0.34,
            color="#9ecae1", label=_t("chart.stated", lang))
    ax.barh([v + 0.18 for v in y], [float(v) for v in df["actual_pct"]], height=0.34,
            color=CN_COLOR, label=_t("chart.actual", lang))
    for yi, (_, row) in zip(y, df.iterrows()):
        ax.text(float(row["stated_pct"]) + 1, yi - 0.18, _fmt(row["stated_pct"], lang) + "%", va="center", fontsize=8)
        ax.text(float(row["actual_pct"]) + 1, yi + 0.18, _fmt(row["actual_pct"], lang) + "%", va="center", fontsize=8)
        ax.text(104, yi, _t("chart.gap", lang, points=_fmt(row["gap_points"], lang)), va="center",
                fontsize=8, color="#b2182b")
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(v, 38) for v in df[f"stated_{lang}"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 130)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("%")
    fig.legend(loc="outside lower center", ncol=2)
    return fig


def two_counts(df, label_col: str, lang: str, color: str = CN_COLOR):
    """Two counts side by side (before / after), with the change."""
    fig, ax = _fig(2.3, width=4.2)
    vals = [float(v) for v in df["number"]]
    labels = [str(p) for p in df["period"]]
    bars = ax.bar(labels, vals, color=[GREY, color], width=0.55)
    for bar, v in zip(bars, vals):
        ax.annotate(_fmt(v, lang), (bar.get_x() + bar.get_width() / 2, v), ha="center", va="bottom",
                    fontsize=8.5, xytext=(0, 2), textcoords="offset points")
    change = df["change_pct"].dropna()
    if len(change):
        ax.text(0.5, 0.95, _fmt(change.iloc[-1], lang) + "%", transform=ax.transAxes, ha="center",
                va="top", fontsize=9, color="#444")
    ax.set_ylim(0, max(vals) * 1.2)
    ax.set_ylabel(df[label_col].iloc[0] if label_col in df else "")
    return fig


def province_lists(tiers, institutions, lang: str):
    """The article's lists of provinces (CCID tiers, Big Data bureaus, leading groups …) as
    rows: list, provinces (pinyin), count, fact_id."""
    import pandas as pd

    rows = []
    for tier, part in tiers.groupby("tier", sort=True):
        rows.append({"list": _t("label.tier", lang, tier=int(tier)), "provinces": ", ".join(part["province"]),
                     "count": len(part), "fact_id": part["fact_id"].iloc[0]})
    for fid, part in institutions.groupby("fact_id", sort=False):
        label = part[f"list_{lang}"].iloc[0]
        period = i18n.period(str(part["period"].iloc[0] or ""), lang) if "period" in part else ""
        rows.append({"list": f"{label} ({period})" if period else label,
                     "provinces": ", ".join(part["province"]), "count": len(part), "fact_id": fid})
    return pd.DataFrame(rows)


# ================================================================== overview

def matrix_chart(matrix, lang: str):
    """The Vietnam–China model matrix as a grid: one row per dimension, one column per
    country, each cell its short coded value."""
    n = len(matrix)
    fig, ax = _fig(0.7 + 0.95 * n)
    ax.set_xlim(0, 3)
    ax.set_ylim(n, -0.6)
    ax.axis("off")
    ax.text(1.5, -0.3, _t("chart.vietnam", lang), ha="center", va="center", fontsize=10, weight="bold", color=VN_COLOR)
    ax.text(2.5, -0.3, _t("chart.china", lang), ha="center", va="center", fontsize=10, weight="bold", color=CN_COLOR)
    for i, (_, row) in enumerate(matrix.iterrows()):
        ax.text(0.02, i + 0.45, _wrap(row[f"dimension_{lang}"], 22), ha="left", va="center", fontsize=8.5, weight="bold")
        for col, key, color in ((1, "vn", "#fbe3e0"), (2, "cn", "#deebf7")):
            ax.add_patch(_box(col + 0.03, i + 0.05, 0.94, 0.85, color))
            ax.text(col + 0.5, i + 0.475, _wrap(_short(row[f"{key}_{lang}"]), 34), ha="center",
                    va="center", fontsize=7.2)
    return fig


def _short(text: str, words: int = 22) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _box(x, y, w, h, color):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.06", facecolor=color,
                          edgecolor="none")


# ================================================================== regression

def coefficients(table, lang: str, labels: dict | None = None):
    """Estimates with their confidence intervals (a coefficient plot); ``table`` is
    ``RegressionResult.table()`` without the rows to leave out."""
    labels = labels or {}
    fig, ax = _fig(0.9 + 0.42 * len(table), width=5.8)
    y = list(range(len(table)))
    ax.hlines(y, [float(v) for v in table["ci_low"]], [float(v) for v in table["ci_high"]],
              color=CN_COLOR, linewidth=1.6)
    ax.scatter([float(v) for v in table["coef"]], y, color=CN_COLOR, zorder=3, s=22)
    ax.axvline(0, color="#888", linewidth=0.7, linestyle="--")
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(labels.get(t, t), 34) for t in table["term"]], fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlabel(_t("chart.estimate", lang))
    return fig


def egdi_lines(panel, lang: str, focus: str = "Viet Nam", compare: str = "China", y: str = "egdi"):
    """The index by survey year: every country in grey, ``focus`` and ``compare`` in colour."""
    fig, ax = _fig(3.0)
    for country, part in panel.groupby("country", sort=True):
        part = part.sort_values("survey_year")
        if country in (focus, compare):
            continue
        ax.plot(part["survey_year"], part[y].astype(float), color="#c8c8c8", linewidth=0.9)
    for country, color in ((compare, CN_COLOR), (focus, VN_COLOR)):
        part = panel[panel["country"] == country].sort_values("survey_year")
        label = _t(f"country.{country}", lang) if i18n.has(f"country.{country}") else country
        ax.plot(part["survey_year"], part[y].astype(float), color=color, linewidth=2, marker="o",
                markersize=3.5, label=label)
    ax.set_xlabel(_t("chart.year", lang))
    ax.set_ylabel("EGDI")
    ax.legend(loc="upper left")
    ax.grid(axis="y", color="#eee", linewidth=0.6)
    return fig


def _subplots(rows: int, cols: int, height: float, width: float = WIDTH, **kw):
    import matplotlib.pyplot as plt

    setup()
    fig, axes = plt.subplots(rows, cols, figsize=(width, height), layout="constrained", **kw)
    return fig, axes


# ================================================================== regression diagnostics
# Each takes what comparative.regression computes (RegressionResult.frame(), qq_points(),
# largest_residuals()) and plots it as it is.

def _span(values, pad: float = 0.06):
    lo, hi = min(values), max(values)
    d = (hi - lo) * pad or abs(hi) * pad or 1.0
    return lo - d, hi + d


def fitted_actual(frame, y: str, lang: str, label: str | None = None, names: dict | None = None):
    """Fitted against actual values (OLS): one dot per row of ``RegressionResult.frame()``
    (actual ``y`` across, ``fitted`` up) and the 45° line where they are equal; ``names``
    ({row of frame: name}) labels a few rows, e.g. those furthest from the fit."""
    fig, ax = _fig(3.3, width=4.3)
    actual = [float(v) for v in frame[y]]
    fitted = [float(v) for v in frame["fitted"]]
    lo, hi = _span(actual + fitted)
    ax.plot([lo, hi], [lo, hi], color="#888", linewidth=0.8, linestyle="--", zorder=1,
            label=_t("chart.fit_equals", lang))
    ax.scatter(actual, fitted, s=18, color=CN_COLOR, alpha=0.85, edgecolor="white", linewidth=0.4, zorder=3)
    placed = []
    for row, name in (names or {}).items():
        # away from the 45° line, where the dots crowd: up-left above it, down-right below;
        # a label near one already placed on the same side moves one line further out
        a, f = float(frame.loc[row, y]), float(frame.loc[row, "fitted"])
        above = f >= a
        near = sum(1 for (pa, pf, side) in placed
                   if side == above and abs(pa - a) < 0.3 * (hi - lo) and abs(pf - f) < 0.08 * (hi - lo))
        placed.append((a, f, above))
        dy = (4 + 10 * near) * (1 if above else -1)
        left = above                       # text to the left of the dot, unless the edge is near
        if left and a - lo < 0.3 * (hi - lo):
            left = False
        elif not left and hi - a < 0.3 * (hi - lo):
            left = True
        ax.annotate(str(name), (a, f), xytext=(-5 if left else 5, dy), textcoords="offset points",
                    ha="right" if left else "left", va="bottom" if above else "top", fontsize=7.2,
                    color="#333", zorder=4,
                    arrowprops=dict(arrowstyle="-", color="#999", linewidth=0.5) if near else None,
                    bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.8))
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(_wrap(_t("chart.actual_of", lang, label=label or y), 52))
    ax.set_ylabel(_t("chart.fitted", lang))
    ax.legend(loc="upper left")
    ax.grid(color="#eee", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def residual_diagnostics(frame, qq, lang: str):
    """Two panels (OLS): residuals against fitted values with the zero line, and the normal
    Q–Q plot of ``qq`` (``regression.qq_points``: theoretical against sample quantiles)
    with the 45° line."""
    fig, (left, right) = _subplots(1, 2, 2.9)
    left.scatter([float(v) for v in frame["fitted"]], [float(v) for v in frame["residual"]], s=14,
                 color=CN_COLOR, alpha=0.85, edgecolor="white", linewidth=0.3, zorder=3)
    left.axhline(0, color="#888", linewidth=0.8, linestyle="--", zorder=1)
    left.set_title(_t("chart.residuals_vs_fitted", lang), fontsize=9.5)
    left.set_xlabel(_t("chart.fitted", lang))
    left.set_ylabel(_t("chart.residual", lang))
    theo, sample = [float(v) for v in qq["theoretical"]], [float(v) for v in qq["sample"]]
    lo, hi = _span(theo + sample)
    right.plot([lo, hi], [lo, hi], color="#888", linewidth=0.8, linestyle="--", zorder=1)
    right.scatter(theo, sample, s=14, color=CN_COLOR, alpha=0.85, edgecolor="white", linewidth=0.3, zorder=3)
    right.set_xlim(lo, hi)
    right.set_ylim(lo, hi)
    right.set_title(_t("chart.qq", lang), fontsize=9.5)
    right.set_xlabel(_t("chart.normal_quantile", lang))
    right.set_ylabel(_t("chart.studentized", lang))
    for ax in (left, right):
        ax.grid(color="#eee", linewidth=0.6)
        ax.set_axisbelow(True)
    return fig


def predicted_actual(frame, y: str, lang: str, levels=None):
    """Predicted against actual category (ordered logit): one circle per cell of the
    cross-table of ``frame[y]`` and ``frame["predicted"]``, sized and labelled by its count,
    the diagonal where the prediction is right.  ``levels`` are the category labels to
    show (default: the categories themselves)."""
    cats = list(frame[y].cat.categories) if hasattr(frame[y], "cat") else sorted(set(frame[y]))
    shown = list(levels) if levels is not None else [str(c) for c in cats]
    pos = {c: i for i, c in enumerate(cats)}
    counts = {}
    for a, p in zip(frame[y], frame["predicted"]):
        counts[(pos[a], pos[p])] = counts.get((pos[a], pos[p]), 0) + 1
    fig, ax = _fig(0.9 + 0.75 * len(cats), width=4.4)
    n = len(cats)
    ax.plot([-0.5, n - 0.5], [-0.5, n - 0.5], color="#888", linewidth=0.8, linestyle="--", zorder=1)
    top = max(counts.values())
    for (a, p), k in sorted(counts.items()):
        ax.scatter([a], [p], s=120 + 900 * k / top, color=CN_COLOR if a == p else GREY, alpha=0.8, zorder=3)
        ax.text(a, p, str(k), ha="center", va="center", fontsize=8, color="white", zorder=4)
    ax.set_xticks(range(n))
    ax.set_xticklabels([_wrap(s, 14) for s in shown], fontsize=8)
    ax.set_yticks(range(n))
    ax.set_yticklabels([_wrap(s, 14) for s in shown], fontsize=8)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel(_t("chart.actual_cat", lang))
    ax.set_ylabel(_t("chart.predicted_cat", lang))
    return fig
