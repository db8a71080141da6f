"""Charts the notebooks draw: matplotlib/seaborn functions that take the case views'
tables and a language and return a Figure.

What a chart must not do, and how these avoid it: shares of different wholes never share
an axis (one panel per share, each from 0 to 100% of its own base); a bound is drawn as
what it says ('more than 90%' is an open-ended bar labelled '> 90%', never a bar ending at
90); a year axis fits its data and is broken where decades pass without an event; every
series a reader needs is named (numbered milestones keyed to their table, country names
at the lines' ends); tick labels are written as the edition writes numbers (10,000 / 10.000);
labels that could collide are placed by measuring them with the renderer.

Text is set in DejaVu Sans, which ships with matplotlib and carries every Vietnamese
letter; no CJK font is shipped, so Chinese names are written as the views give them
(Sino-Vietnamese or pinyin).  Figures are saved as SVG with text as paths, a fixed hash
salt and no date, so the same data gives the same bytes on every run.
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



# ================================================================== drawing helpers
# Tick labels in the edition's number format, qualified values drawn as what they say,
# and labels placed by measuring them with the renderer, so that no two overlap.

def _tick_decimals(locs) -> int:
    for d in range(7):
        if all(abs(round(v, d) - v) < 1e-9 * max(1.0, abs(v)) for v in locs):
            return d
    return 6


def _number_formatter(lang: str):
    """Tick labels written as the edition writes numbers (10,000 / 10.000; 0.5 / 0,5),
    with as many decimals as the ticks need and no offset or exponent."""
    from matplotlib import ticker

    class NumberFormatter(ticker.Formatter):
        ticks: list = []

        def set_locs(self, locs):
            self.ticks = [float(v) for v in locs]

        def __call__(self, x, pos=None):
            x = 0.0 if abs(x) < 1e-12 else float(x)
            return _fmt(x, lang, _tick_decimals(self.ticks or [x]))

    return NumberFormatter()


def _year_axis(axis, nbins="auto") -> None:
    """A year axis: whole years, written without grouping (2015, not 2,015)."""
    from matplotlib import ticker

    axis.set_major_locator(ticker.MaxNLocator(integer=True, nbins=nbins, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(ticker.FuncFormatter(lambda x, pos=None: str(int(round(x)))))


def _localize(fig, lang: str):
    """Every numeric axis of ``fig`` (those still with matplotlib's default formatter) gets
    the edition's number format."""
    from matplotlib import ticker

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ticker.ScalarFormatter:
                axis.set_major_formatter(_number_formatter(lang))
    return fig


def _freeze(fig):
    """Lay the figure out once and keep that layout, so that labels placed by measuring
    them stay where they were measured."""
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig.canvas.get_renderer()


QUALIFIER_SIGNS = {"more than": ">", "at least": "≥", "less than": "<", "at most": "≤"}


def qualified_label(value_text: str, qualifier: str, lang: str) -> str:
    """A value's label in a chart: a bound as its sign ('> 90%'), other qualifiers as the
    edition's word ('about 72%', 'khoảng 72%')."""
    q = str(qualifier or "exact")
    if q in QUALIFIER_SIGNS:
        return f"{QUALIFIER_SIGNS[q]} {value_text}"
    return i18n.qualified(value_text, q, lang)


def _qualified_barh(ax, y: float, value: float, qualifier: str, upper: float, color: str,
                    height: float) -> float:
    """A horizontal bar that draws what its qualifier says: 'more than' / 'at least' as a
    solid bar to the value and a hatched, arrow-tipped extension up to ``upper`` (the value
    lies somewhere beyond the solid end); 'less than' / 'at most' as a hatched bar up to
    the value; anything else as a plain bar.  Returns where the drawing ends."""
    from matplotlib.patches import FancyArrow

    q = str(qualifier or "exact")
    if q in ("more than", "at least") and upper > value:
        ax.barh(y, value, color=color, height=height, zorder=2)
        ax.barh(y, upper - value, left=value, facecolor="white", edgecolor=color, hatch="////",
                linewidth=0.8, height=height, zorder=2, label="_open")
        ax.add_patch(FancyArrow(value, y, upper - value, 0, width=0, head_width=height * 0.55,
                                head_length=min(2.5, (upper - value) * 0.4),
                                length_includes_head=True, color=color, zorder=3))
        return upper
    if q in ("less than", "at most"):
        ax.barh(y, value, facecolor="white", edgecolor=color, hatch="////", linewidth=0.8,
                height=height, zorder=2, label="_open")
        return value
    ax.barh(y, value, color=color, height=height, zorder=2)
    return value


def _boxes_overlap(a, b, pad: float = 0.0) -> bool:
    return not (a.x1 + pad <= b.x0 or b.x1 + pad <= a.x0 or a.y1 + pad <= b.y0 or b.y1 + pad <= a.y0)


def _text_box(t, renderer):
    """The box of a text's letters (an annotation's without its leader)."""
    from matplotlib.text import Annotation, Text

    if isinstance(t, Annotation):
        t.update_positions(renderer)
    return Text.get_window_extent(t, renderer)


def _placed_boxes(fig, renderer, skip=()):
    """The boxes of the visible texts of ``fig`` (tick labels, titles, legends, labels)."""
    from matplotlib.text import Text

    out = []
    for t in fig.findobj(Text):
        if t in skip or not t.get_visible() or not t.get_text().strip():
            continue
        out.append(_text_box(t, renderer))
    return out


# offsets (points) tried for a label, nearest first: right, left, above, below, diagonals
_AROUND = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]


def _label_points(ax, renderer, items, dots=(), distances=(5, 11, 18, 27, 38), prefer=None,
                  fontsize: float = 7.2, color: str = "#333", leader: bool = False):
    """Label data points without overlaps: ``items`` are (x, y, text); each label is tried
    at growing distances around its point (``prefer(x, y)`` may reorder the directions)
    and kept at the first place where its box is inside the axes and touches no other
    text and no dot of ``dots`` (data points).  A label away from its point (or every
    label, with ``leader``) gets a leader line back to it."""
    import numpy as np

    fig = ax.figure
    inside = ax.get_window_extent(renderer)
    taken = _placed_boxes(fig, renderer)
    marks = [ax.transData.transform((float(x), float(y))) for x, y in dots]
    r = 3.0 * fig.dpi / 72
    points = fig.dpi / 72
    out = []
    for x, y, text in items:
        ann = ax.annotate(str(text), (x, y), xytext=(0, 0), textcoords="offset points",
                          fontsize=fontsize, color=color, zorder=4)
        own = ax.transData.transform((float(x), float(y)))
        dirs = prefer(x, y) if prefer else _AROUND
        chosen = None
        for dist in distances:
            for dx, dy in dirs:
                norm = float(np.hypot(dx, dy))
                ox, oy = dist * dx / norm, dist * dy / norm
                ann.set_position((ox, oy))
                ann.set_ha("left" if dx > 0 else "right" if dx < 0 else "center")
                ann.set_va("bottom" if dy > 0 else "top" if dy < 0 else "center")
                box = _text_box(ann, renderer)
                if (box.x0 < inside.x0 or box.x1 > inside.x1 or box.y0 < inside.y0
                        or box.y1 > inside.y1):
                    continue
                if any(_boxes_overlap(box, b, pad=1.5 * points) for b in taken):
                    continue
                if any(box.x0 - r < mx < box.x1 + r and box.y0 - r < my < box.y1 + r
                       for mx, my in marks if abs(mx - own[0]) > 0.5 or abs(my - own[1]) > 0.5):
                    continue
                chosen = (ox, oy, dist)
                break
            if chosen:
                break
        if chosen is None:                      # nowhere free: the farthest place, with a leader
            chosen = (distances[-1], distances[-1], distances[-1])
            ann.set_ha("left")
            ann.set_va("bottom")
        ha, va = ann.get_ha(), ann.get_va()
        ann.remove()
        far = leader or chosen[2] > distances[0]
        ann = ax.annotate(str(text), (x, y), xytext=chosen[:2], textcoords="offset points",
                          ha=ha, va=va, fontsize=fontsize, color=color, zorder=4,
                          arrowprops=dict(arrowstyle="-", color="#999", linewidth=0.5,
                                          shrinkA=0, shrinkB=2) if far else None)
        taken.append(_text_box(ann, renderer))
        out.append(ann)
    return out


def _spread(values, gap: float, lo: float, hi: float):
    """Positions for labels at ``values`` (sorted order kept) at least ``gap`` apart and
    within [lo, hi]: each pushed up from the one below, then the stack pushed down from hi."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    pos = [float(values[i]) for i in order]
    for k in range(1, len(pos)):
        pos[k] = max(pos[k], pos[k - 1] + gap)
    if pos and pos[-1] > hi:
        pos[-1] = hi
        for k in range(len(pos) - 2, -1, -1):
            pos[k] = min(pos[k], pos[k + 1] - gap)
    if pos and pos[0] < lo:
        pos[0] = lo
        for k in range(1, len(pos)):
            pos[k] = max(pos[k], pos[k - 1] + gap)
    out = [0.0] * len(values)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


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


def unit_name(name: str, lang: str) -> str:
    """A new provincial unit's name as a reader says it: the GSO list writes 'Hồ Chí
    Minh', which alone names the person; the city is 'TP. Hồ Chí Minh' / 'Ho Chi Minh
    City'.  Other names are kept as the list writes them, in our spelling of tones
    ('Hoà Bình' -> 'Hòa Bình', as 'Khánh Hòa' beside it)."""
    if str(name) == "Hồ Chí Minh":
        return "TP. Hồ Chí Minh" if lang == "vi" else "Ho Chi Minh City"
    return i18n.vi_spelling(str(name))


def _unit_type(text: str, lang: str) -> str:
    key = "city" if str(text).startswith("thành phố") else "province"
    return {"city": ("centrally run city", "thành phố trực thuộc trung ương"),
            "province": ("province", "tỉnh")}[key][lang == "vi"]


def province_rows(provinces, lang: str):
    """The provincial-level units as a table to show: name, type, merged, former provinces,
    commune-level units by kind, population, area."""
    import re

    out = provinces.copy()
    out["type"] = [_unit_type(t, lang) for t in out["unit_type"]]
    out["name_vi"] = [unit_name(n, lang) for n in out["name_vi"]]
    out["predecessors"] = [", ".join(i18n.vi_spelling(re.sub(r"^(Tỉnh|Thành phố)\s+", "", n))
                                     for n in str(v).split("|"))
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
    # list items come through the display catalogue (locale/items.toml): in English our
    # glosses of the article's wording, which README and the catalogue say are ours
    out["value"] = [i18n.fact_value(f, lang, unit=True) for f in facts]
    out["period"] = [i18n.period(p, lang) for p in rows["period"].fillna("")]
    out["country"] = [_t("chart.vietnam" if f.country == "VNM" else "chart.china", lang) for f in facts]
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
        change = _fmt(row["change_pct"], lang, 1) + "%" if row["before"] else ""
        ax.text(0.5, 0.97, change, transform=ax.transAxes, ha="center", va="top", fontsize=8.5, color="#444")
    return fig


def composition(wholes, part_col: str, lang: str):
    """One stacked horizontal bar per whole (``[(label, parts DataFrame), …]``, parts with
    ``number`` and ``share_pct``): each part labelled with its count and share, inside its
    segment when the label fits there (measured), otherwise beside the bar with a leader."""
    fig, ax = _fig(0.7 + 0.85 * len(wholes))
    colors = [VN_COLOR, "#ef8a62", "#fddbc7", "#f7f7f7"]
    height = 0.56
    segments = []
    for y, (label, parts) in enumerate(wholes):
        total = float(parts["number"].sum())
        left = 0.0
        for i, (_, row) in enumerate(parts.iterrows()):
            share = float(row["number"]) / total * 100
            ax.barh(y, share, left=left, color=colors[i % len(colors)], edgecolor="white", height=height)
            segments.append((y, left, share, i, row))
            left += share
    ax.set_yticks(range(len(wholes)))
    ax.set_yticklabels([w[0] for w in wholes], fontsize=8.5)
    ax.set_ylim(len(wholes) - 1 + 0.45, -0.75)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    _localize(fig, lang)
    renderer = _freeze(fig)
    points = fig.dpi / 72
    outside = []
    for y, left, share, i, row in segments:
        name = str(row[part_col])
        count, pct = _fmt(row["number"], lang), f"({_fmt(row['share_pct'], lang)}%)"
        (x0, y0), (x1, y1) = ax.transData.transform([(left, y + height / 2), (left + share, y - height / 2)])
        kept = None
        for text in (f"{name}\n{count} {pct}", f"{_wrap(name, 14)}\n{count} {pct}",
                     f"{_wrap(name, 9)}\n{count}\n{pct}"):
            t = ax.text(left + share / 2, y, text, ha="center", va="center", fontsize=7.5,
                        color="white" if i == 0 else "#222")
            box = _text_box(t, renderer)
            if (box.x0 >= min(x0, x1) + 2 * points and box.x1 <= max(x0, x1) - 2 * points
                    and box.y0 >= min(y0, y1) + points and box.y1 <= max(y0, y1) - points):
                kept = t
                break
            t.remove()
        if kept is None:
            outside.append((left + share / 2, y - height / 2, f"{name} {count} {pct}"))
    above = [(0, 1), (-1, 1), (1, 1), (-1, 0), (1, 0), (0, -1)]
    _label_points(ax, renderer, outside, prefer=lambda x, y: above, fontsize=7.5, color="#222",
                  distances=(6, 11, 17, 24), leader=True)
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
        ax.set_xlim(0, max(vals) * 1.04)
    axes[0].set_yticks(list(y))
    axes[0].set_yticklabels([unit_name(n, lang) for n in df["name_vi"]], fontsize=7.8)
    axes[0].set_ylim(n - 0.4, -0.6)
    from matplotlib.patches import Patch

    shown = [(True, VN_COLOR, "chart.merged"), (False, GREY, "chart.unchanged")]
    fig.legend(handles=[Patch(color=c, label=_t(key, lang)) for m, c, key in shown
                        if any(bool(v) == m for v in df["merged"])],
               loc="outside lower center", ncol=2)
    return _localize(fig, lang)


def shares(df, label_col: str, value_col: str, lang: str, qualifier_col: str | None = None):
    """One panel per share.  Each share is a part of its own whole (persons who left their
    jobs, dossiers received, former district tasks …), so no two share an axis: each panel
    runs from 0 to 100% of its own base, drawn as the pale track behind its bar, and is
    titled with what it is a share of.  A bound is drawn as what it says: 'more than 90%'
    is solid to 90 and hatched, arrow-tipped beyond, labelled '> 90%'."""
    n = len(df)
    fig, axes = _subplots(n, 1, 0.35 + 0.64 * n, squeeze=False)
    for ax, (_, row) in zip(axes[:, 0], df.iterrows()):
        v = float(row[value_col])
        q = row[qualifier_col] if qualifier_col else "exact"
        ax.barh(0, 100, color="#eeeeee", height=0.56, zorder=1)
        _qualified_barh(ax, 0, v, q, 100.0, VN_COLOR, 0.56)
        ax.text(101.5, 0, qualified_label(_fmt(v, lang) + "%", q, lang), va="center", ha="left",
                fontsize=8)
        ax.set_title(_wrap(row[label_col], 88), loc="left", fontsize=8, fontweight="normal", pad=3)
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.4, 0.4)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xticks([0, 50, 100])
        ax.set_xticklabels([_fmt(t, lang) + "%" for t in (0, 50, 100)], fontsize=7)
    return fig


# ================================================================== local initiative

def _year_segments(years, pad: float = 3.0):
    """The stretches of a year axis worth drawing: years split where a gap is longer than
    ten years and than 40% of the whole span (1958 | 1997–2010), each padded."""
    ys = sorted({int(y) for y in years})
    span = ys[-1] - ys[0]
    groups = [[ys[0]]]
    for y in ys[1:]:
        if y - groups[-1][-1] > max(10, 0.4 * span):
            groups.append([y])
        else:
            groups[-1].append(y)
    return [(g[0] - pad, g[-1] + pad) for g in groups]


def _break_marks(left_ax, right_ax) -> None:
    """The two slanted strokes that say the year axis is broken between two panels."""
    kw = dict(marker=[(-1, -2.2), (1, 2.2)], markersize=7, linestyle="none", color="#333",
              mec="#333", mew=0.9, clip_on=False)
    left_ax.plot([1], [0], transform=left_ax.transAxes, **kw)
    right_ax.plot([0], [0], transform=right_ax.transAxes, **kw)


def initiative_timeline(timeline, lead, lang: str):
    """One row per case: local measures (top lane) and central policies (bottom lane) on a
    year axis fitted to that case's years, broken where a long empty stretch would squeeze
    the rest (see ``_year_segments``); between the lanes, one bracket per compared pair,
    from the earlier to the later year, labelled with who came first and by how many years."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import ConnectionPatch

    setup()
    cases_ = list(dict.fromkeys(timeline["case"]))
    pairs = [len(lead[lead["case"] == c]) for c in cases_]
    heights = [1.5 + 0.35 * n for n in pairs]
    fig = plt.figure(figsize=(WIDTH, 0.4 + sum(heights)), layout="constrained")
    subfigs = fig.subfigures(len(cases_), 1, height_ratios=heights, squeeze=False)[:, 0]
    for sf, case, n in zip(subfigs, cases_, pairs):
        tl = timeline[timeline["case"] == case]
        ld = lead[lead["case"] == case]
        years = [int(v) for v in tl["year"]] + [int(v) for v in ld["local_year"]] + \
            [int(v) for v in ld["central_year"]]
        segs = _year_segments(years)
        widths = [max(hi - lo, 8.0) for lo, hi in segs]
        gs = sf.add_gridspec(1, len(segs), width_ratios=widths, wspace=0.03)
        axes = []
        for j, (lo, hi) in enumerate(segs):
            axes.append(sf.add_subplot(gs[0, j], sharey=axes[0] if axes else None))
            axes[-1].set_xlim(lo, hi)

        def home(x):
            return next(a for a, (lo, hi) in zip(axes, segs) if lo <= x <= hi)

        top, bottom = n + 1.0, 0.0
        for level, yv, color in (("local", top, LOCAL_COLOR), ("central", bottom, CENTRAL_COLOR)):
            xs = sorted(int(v) for v in tl[tl["level"] == level]["year"])
            for k, x in enumerate(xs):
                ax = home(x)
                ax.scatter([x], [yv], s=44, color=color, zorder=3)
                close = k > 0 and x - xs[k - 1] < 3
                dy = (6 + (9 if close and k % 2 else 0)) * (1 if level == "local" else -1)
                ax.annotate(str(x), (x, yv), xytext=(0, dy), textcoords="offset points", ha="center",
                            va="bottom" if level == "local" else "top", fontsize=7.5)
        for k, (_, row) in enumerate(ld.iterrows(), start=1):
            ly, cy = int(row["local_year"]), int(row["central_year"])
            y = top - k
            for x, y0 in ((ly, top), (cy, bottom)):
                home(x).plot([x, x], [y0, y], color="#bbb", linewidth=0.6, linestyle=":", zorder=1)
            early, late = min(ly, cy), max(ly, cy)
            a_early, a_late = home(early), home(late)
            arrow = dict(arrowstyle="<->", color="#555", linewidth=0.8, shrinkA=0, shrinkB=0)
            if a_early is a_late:
                a_early.annotate("", xy=(late, y), xytext=(early, y), arrowprops=arrow)
                where, xm = a_early, (early + late) / 2
            else:
                sf.add_artist(ConnectionPatch(xyA=(early, y), coordsA=a_early.transData,
                                              xyB=(late, y), coordsB=a_late.transData, **arrow))
                where = a_late
                xm = (a_late.get_xlim()[0] + late) / 2
            where.text(xm, y + 0.08, _lead_label(row, lang), ha="center", va="bottom",
                       fontsize=7.3, color="#222",
                       bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none"))
        for j, ax in enumerate(axes):
            ax.set_ylim(bottom - 0.8, top + 0.8)
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
            _year_axis(ax.xaxis, nbins=max(2, round(widths[j] / 4)))
            if j:
                ax.tick_params(axis="y", labelleft=False)
            if j + 1 < len(axes):
                _break_marks(ax, axes[j + 1])
        axes[0].set_yticks([top, bottom])
        axes[0].set_yticklabels([_t("chart.local", lang), _t("chart.central", lang)], fontsize=8.5)
        sf.suptitle(_t(f"case.{case}", lang), fontsize=10, fontweight="bold", x=0.01, ha="left")
    fig.supxlabel(_t("chart.year", lang), fontsize=9.5)
    return fig


def _lead_label(row, lang: str) -> str:
    n = abs(int(row["years_ahead"]))
    key = {"local": "chart.local_first", "central": "chart.central_first"}.get(row["first"], "chart.same_year")
    return _t(key, lang, years=n)


# ================================================================== digital government

def milestone_marks(milestones):
    """The number each milestone carries in the stages figure and in its table (1, 2, …,
    in the order of the milestones)."""
    import pandas as pd

    return pd.Series([str(i + 1) for i in range(len(milestones))], index=milestones.index, dtype=object)


def step_marks(vietnam_path):
    """The letter each of Vietnam's dated steps carries in the stages figure and its table."""
    import pandas as pd

    return pd.Series([chr(ord("A") + i) for i in range(len(vietnam_path))], index=vietnam_path.index,
                     dtype=object)


def _year_range(date: str):
    """'2021/2025' -> (2021, 2025); a single date -> None."""
    text = str(date)
    if "/" not in text:
        return None
    start, end = (p.strip()[:4] for p in text.split("/", 1))
    return int(start), (int(end) if end.isdigit() else None)


def stages_timeline(stages, milestones, vietnam_path, lang: str, until: int | None = None):
    """China's stages as bands, each milestone a numbered dot in its year's column (the
    number is its row in the milestone table; a hollow dot is a year given as 'about');
    the stage without an end is drawn solid to its last milestone and open (hatched, an
    arrow) beyond.  Vietnam's dated steps on a second lane, each its own lettered diamond
    (its row in Vietnam's table), a period as a bar from its first to its last year."""
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrow, Patch, Rectangle

    from ..store.facts import fact

    has_vn = vietnam_path is not None and len(vietnam_path) > 0
    marks = milestone_marks(milestones)
    cn_years = [int(v) for v in milestones["year"]]
    slots = int(milestones.groupby("year").size().max())
    vn_points, vn_ranges = [], []
    if has_vn:
        letters = step_marks(vietnam_path)
        for idx, row in vietnam_path.iterrows():
            span = _year_range(row["date"])
            if span:
                vn_ranges.append((span[0], span[1] if span[1] is not None else span[0], letters[idx]))
            else:
                vn_points.append((int(row["year"]), letters[idx]))
    vn_slots = max([sum(1 for y, _ in vn_points if y == yr) for yr, _ in vn_points] or [0])
    vn_top = -1.9
    vn_bottom = vn_top - max(vn_slots - 1, 0) - len(vn_ranges)
    band_top = slots - 1 + 1.3
    units = band_top + 0.6 + ((-vn_bottom + 0.7) if has_vn else 0.7)
    fig, ax = _fig(1.55 + 0.19 * units)

    last_cn = max(cn_years) + 1                       # end of the last milestone's year
    vn_end = max([y + 1 for y, _ in vn_points] + [e + 1 for _, e, _ in vn_ranges] or [0])
    right = max(last_cn + 1.5, vn_end + 0.4) if until is None else until + 1
    left = int(stages["start_year"].min()) - 0.6
    shades = ["#deebf7", "#9ecae1", "#6baed6"]
    handles = []
    for i, (_, s) in enumerate(stages.iterrows()):
        start = int(s["start_year"])
        shade = shades[i % 3]
        is_open = pd.isna(s["end_year"])
        end = last_cn if is_open else int(s["end_year"]) + 1
        ax.add_patch(Rectangle((start, -0.7), end - start, band_top + 0.7, color=shade, linewidth=0, zorder=0))
        label = s[f"label_{lang}"]
        if is_open:
            ax.add_patch(Rectangle((end, -0.7), right - end, band_top + 0.7, facecolor="white",
                                   edgecolor="#c6dbef", hatch="///", linewidth=0, zorder=0))
            ax.add_patch(FancyArrow(end, band_top - 0.35, right - end - 0.05, 0, width=0.02,
                                    head_width=0.4, head_length=0.45, length_includes_head=True,
                                    color="#6baed6", zorder=1))
            label = _t("chart.open_stage", lang, label=label, start=start)
            handles.append(Patch(facecolor=shade, edgecolor="#9ecae1", hatch="///", label=label))
        else:
            handles.append(Patch(color=shade, label=label))
        ax.text((start + end) / 2, band_top - 0.35, str(s["stage"]), ha="center", va="center",
                fontsize=9, weight="bold", color="#08306b", zorder=2)
    approx = False
    seen: dict[int, int] = {}
    for idx, row in milestones.iterrows():
        year = int(row["year"])
        k = seen.get(year, 0)
        seen[year] = k + 1
        about = fact(row["fact_id"]).qualifier not in ("exact", "", None)
        approx = approx or about
        ax.scatter([year + 0.5], [k], s=92, zorder=3, linewidths=0.9, edgecolors=CN_COLOR,
                   facecolors="white" if about else CN_COLOR)
        ax.text(year + 0.5, k, marks[idx], ha="center", va="center", fontsize=5.2, zorder=4,
                color=CN_COLOR if about else "white")
    ticks, labels = [(slots - 1) / 2], [_t("chart.china", lang)]
    if has_vn:
        seen = {}
        for year, letter in vn_points:
            k = seen.get(year, 0)
            seen[year] = k + 1
            ax.scatter([year + 0.5], [vn_top - k], s=92, color=VN_COLOR, marker="D", zorder=3)
            ax.text(year + 0.5, vn_top - k, letter, ha="center", va="center", fontsize=5.6,
                    color="white", zorder=4)
        for r, (start, end, letter) in enumerate(vn_ranges):
            yr = vn_top - max(vn_slots - 1, 0) - 1 - r
            ax.barh(yr, end + 1 - start, left=start, height=0.55, color="#f4a6a6", zorder=2)
            ax.scatter([start + 0.5], [yr], s=92, color=VN_COLOR, marker="D", zorder=3)
            ax.text(start + 0.5, yr, letter, ha="center", va="center", fontsize=5.6, color="white", zorder=4)
        ticks.append((vn_top + vn_bottom) / 2)
        labels.append(_t("chart.vietnam", lang))
    if approx:
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor=CN_COLOR, markersize=7, label=_t("chart.approximate", lang)))
    fig.legend(handles=handles, loc="outside lower center", ncol=1, fontsize=7.8,
               title=_t("chart.marks_note" if has_vn else "chart.numbers_note", lang),
               title_fontsize=7.8)
    ax.set_ylim((vn_bottom - 0.7) if has_vn else -0.9, band_top + 0.1)
    ax.set_yticks(ticks)
    ax.set_yticklabels(labels, fontsize=8.5)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(left, right)
    _year_axis(ax.xaxis)
    ax.set_xlabel(_t("chart.year", lang))
    ax.spines["left"].set_visible(False)
    return fig


def paired_bars(df, lang: str):
    """Stated intention against actual use, one pair per survey question (both shares of
    the same respondents), gap labelled."""
    fig, ax = _fig(0.8 + 0.75 * len(df))
    y = list(range(len(df)))
    ax.barh([v - 0.18 for v in y], [float(v) for v in df["stated_pct"]], height=0.34,
            color="#9ecae1", label=_t("chart.stated", lang))
    ax.barh([v + 0.18 for v in y], [float(v) for v in df["actual_pct"]], height=0.34,
            color=CN_COLOR, label=_t("chart.actual", lang))
    for yi, (_, row) in zip(y, df.iterrows()):
        ax.text(float(row["stated_pct"]) + 1, yi - 0.18, _fmt(row["stated_pct"], lang) + "%", va="center", fontsize=8)
        ax.text(float(row["actual_pct"]) + 1, yi + 0.18, _fmt(row["actual_pct"], lang) + "%", va="center", fontsize=8)
        ax.text(106, yi, _t("chart.gap", lang, points=_fmt(row["gap_points"], lang)), va="center",
                fontsize=8, color="#b2182b")
    ax.set_yticks(y)
    ax.set_yticklabels([_wrap(v, 42) for v in df[f"stated_{lang}"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 130)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.spines["bottom"].set_bounds(0, 100)
    ax.set_xlabel("%")
    ax.xaxis.set_label_coords(50 / 130, -0.16)
    fig.legend(loc="outside lower center", ncol=2)
    return _localize(fig, lang)


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
    return _localize(fig, lang)


def _with_period(label: str, period: str) -> str:
    """A list's label with its period, unless the label already says it ('by end-2018')."""
    import re

    if not period or any(y in label for y in re.findall(r"\d{4}", period)):
        return label
    if label.endswith(")"):
        return f"{label[:-1]}, {period})"
    return f"{label} ({period})"


def province_lists(tiers, institutions, lang: str):
    """The article's lists of provinces (CCID tiers, Big Data bureaus, leading groups …) as
    rows: list, provinces (in the edition's language: Sino-Vietnamese in Vietnamese), count,
    fact_id."""
    import pandas as pd

    rows = []
    for tier, part in tiers.groupby("tier", sort=True):
        rows.append({"list": _t("label.tier", lang, tier=int(tier)), "provinces": ", ".join(part[f"province_{lang}"]),
                     "count": len(part), "fact_id": part["fact_id"].iloc[0]})
    for fid, part in institutions.groupby("fact_id", sort=False):
        label = part[f"list_{lang}"].iloc[0]
        period = i18n.period(str(part["period"].iloc[0] or ""), lang) if "period" in part else ""
        rows.append({"list": _with_period(label, period),
                     "provinces": ", ".join(part[f"province_{lang}"]), "count": len(part), "fact_id": fid})
    return pd.DataFrame(rows)


# ================================================================== overview


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
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlabel(_t("chart.estimate", lang))
    return _localize(fig, lang)


def country_name(country: str, lang: str) -> str:
    """A country as a chart labels it: the catalogue's short form when it has one
    ('Lao PDR'), else its name in the edition's language, else the dataset's name."""
    for key in (f"chart.short.{country}", f"country.{country}"):
        if i18n.has(key):
            return _t(key, lang)
    return str(country)


def egdi_lines(panel, lang: str, focus: str = "Viet Nam", compare: str = "China", y: str = "egdi"):
    """The index by survey year: the other countries of ``focus``'s region in grey (every
    country when the panel has no ``region`` column), the mean of that region and the mean
    of all countries of the panel dashed, ``focus`` and ``compare`` in colour; the named
    lines are labelled at their last survey (the names spread so that none overlaps
    another, with a leader back to the line's end).  The means are of the countries with a
    value in each survey, computed here from the panel's rows."""
    fig, ax = _fig(3.6)
    ends = []
    data = panel.dropna(subset=[y])
    region = None
    if "region" in data.columns:
        mine = data.loc[data["country"] == focus, "region"].dropna()
        region = str(mine.iloc[0]) if len(mine) else None
    near = data[data["region"] == region] if region is not None else data
    for country, part in near.groupby("country", sort=True):
        if country in (focus, compare):
            continue
        part = part.sort_values("survey_year")
        ax.plot(part["survey_year"], part[y].astype(float), color="#dddddd", linewidth=0.6, zorder=1)
    means = [(data, _t("chart.mean_world", lang), "#555", (0, (1, 1.5)))]
    if region is not None:
        means.insert(0, (near, _t("chart.mean_region", lang, region=_t(f"region.{region}", lang)
                                  if i18n.has(f"region.{region}") else region), "#333", (0, (4, 2))))
    for rows, label, color, style in means:
        mean = rows.groupby("survey_year")[y].mean().sort_index()
        ax.plot(mean.index, mean.to_numpy(dtype=float), color=color, linewidth=1.3, linestyle=style, zorder=2)
        ends.append((label, {"survey_year": mean.index[-1], y: mean.iloc[-1]}, color, "normal"))
    for country, color in ((compare, CN_COLOR), (focus, VN_COLOR)):
        part = data[data["country"] == country].sort_values("survey_year")
        if not len(part):
            continue
        ax.plot(part["survey_year"], part[y].astype(float), color=color, linewidth=2, marker="o",
                markersize=3.5, zorder=3)
        ends.append((country_name(country, lang), part.iloc[-1], color, "bold"))
    years = [int(v) for v in panel["survey_year"]]
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    _year_axis(ax.xaxis)
    ax.set_xlabel(_t("chart.year", lang))
    ax.set_ylabel("EGDI" if y == "egdi" else y.upper())
    ax.grid(axis="y", color="#eee", linewidth=0.6)
    _localize(fig, lang)
    fig.draw_without_rendering()                 # the axes' height, to space the names
    (_, y0), (_, y1) = ax.transData.transform([(0, 0), (0, 1)])
    gap = 9.0 * fig.dpi / 72 / (y1 - y0)
    lo, hi = ax.get_ylim()
    values = [float(row[y]) for _, row, _, _ in ends]
    where = _spread(values, gap, lo + gap / 2, hi - gap / 2)
    for (name, row, color, weight), yt in zip(ends, where):
        ax.annotate(name, (float(row["survey_year"]), float(row[y])),
                    xytext=(1.02, yt), textcoords=("axes fraction", "data"), ha="left", va="center",
                    fontsize=7.3, color=color, fontweight=weight, annotation_clip=False,
                    arrowprops=dict(arrowstyle="-", color="#bbb", linewidth=0.5, shrinkA=1, shrinkB=2))
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
    ({row of frame: name}) labels a few rows, e.g. those furthest from the fit, each name
    placed where it touches no other text and no dot (measured), with a leader when it
    had to move away from its dot."""
    fig, ax = _fig(3.3, width=4.3)
    actual = [float(v) for v in frame[y]]
    fitted = [float(v) for v in frame["fitted"]]
    lo, hi = _span(actual + fitted)
    ax.plot([lo, hi], [lo, hi], color="#888", linewidth=0.8, linestyle="--", zorder=1,
            label=_t("chart.fit_equals", lang))
    ax.scatter(actual, fitted, s=18, color=CN_COLOR, alpha=0.85, edgecolor="white", linewidth=0.4, zorder=3)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(_wrap(_t("chart.actual_of", lang, label=label or y), 52))
    ax.set_ylabel(_t("chart.fitted", lang))
    ax.legend(loc="upper left")
    ax.grid(color="#eee", linewidth=0.6)
    ax.set_axisbelow(True)
    _localize(fig, lang)
    renderer = _freeze(fig)
    items = [(float(frame.loc[row, y]), float(frame.loc[row, "fitted"]), name)
             for row, name in (names or {}).items()]

    def away_from_the_line(a, f):                 # the dots crowd along the 45° line
        if f >= a:
            return [(-1, 1), (0, 1), (-1, 0), (1, 1), (-1, -1), (1, 0), (0, -1), (1, -1)]
        return [(1, -1), (0, -1), (1, 0), (-1, -1), (1, 1), (-1, 0), (0, 1), (-1, 1)]

    _label_points(ax, renderer, items, dots=list(zip(actual, fitted)), prefer=away_from_the_line)
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
    return _localize(fig, lang)


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
    return _localize(fig, lang)


# ================================================================== province profiles
# One unit against the nation: every unit a grey dot on its own scale, the unit of the
# profile in colour with its value, the median (or mean) of the whole as a dark tick.

def _strip(ax, values, focus: float, centre: float, lang: str, color: str, y: float = 0.0,
           decimals: int | None = None, centre_key: str = "chart.median", label: bool = True) -> None:
    vals = [float(v) for v in values]
    ax.scatter(vals, [y] * len(vals), s=22, color="#bdbdbd", edgecolor="white", linewidth=0.4, zorder=2)
    ax.plot([centre, centre], [y - 0.28, y + 0.28], color="#333", linewidth=1.3, zorder=3)
    ax.annotate(_t(centre_key, lang), (centre, y - 0.28), xytext=(0, -2), textcoords="offset points",
                ha="center", va="top", fontsize=7, color="#333")
    ax.scatter([focus], [y], s=46, color=color, edgecolor="white", linewidth=0.6, zorder=4)
    if label:
        ax.annotate(_fmt(focus, lang, decimals), (focus, y + 0.1), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=7.5, color=color, fontweight="bold")


def _strip_axes(ax, lo: float, hi: float) -> None:
    pad = (hi - lo) * 0.06 or 1.0
    ax.set_xlim(lo - pad, hi + pad)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.tick_params(axis="x", labelsize=7.5)
    ax.grid(axis="x", color="#ececec", linewidth=0.6)
    ax.set_axisbelow(True)


def profile_units(units, code: str, lang: str):
    """The 34 provincial units on three scales side by side (commune-level units,
    population in millions, area in thousand km²): grey dots, the unit ``code``
    (``new_code``) in colour with its value, the median of the 34 as a dark tick."""
    fig, axes = _subplots(1, 3, 0.95)
    me = units[units["new_code"] == code].iloc[0]
    panels = (("commune_level_total", 1, "chart.communes", 0),
              ("population", 1e6, "chart.population_m", 1),
              ("area_km2", 1e3, "chart.area_k", 1))
    for ax, (col, scale, key, decimals) in zip(axes, panels):
        vals = [float(v) / scale for v in units[col]]
        median = float(units[col].median()) / scale
        _strip(ax, vals, float(me[col]) / scale, median, lang, VN_COLOR, decimals=decimals)
        _strip_axes(ax, min(vals), max(vals))
        ax.set_ylim(-0.75, 0.6)
        ax.set_yticks([])
        ax.set_title(_t(key, lang), fontsize=9)
    return _localize(fig, lang)


def profile_index(provinces, province: str, region: str, region_label: str, lang: str,
                  column: str = "online_service_index"):
    """China's provinces on one index: a row for the nation and a row for the province's
    region, grey dots, the province in colour with its value, each row's mean as a dark
    tick."""
    fig, ax = _fig(1.0)
    me = float(provinces.loc[provinces["province"] == province, column].iloc[0])
    rows = [(_t("chart.all_provinces", lang, n=len(provinces)), provinces[column]),
            (_t("chart.region_provinces", lang, region=region_label,
                n=int((provinces["region"] == region).sum())),
             provinces.loc[provinces["region"] == region, column])]
    for y, (_, vals) in enumerate(rows):
        _strip(ax, vals, me, float(vals.mean()), lang, CN_COLOR, y=-y, decimals=2, centre_key="chart.mean",
               label=False)
    allv = [float(v) for v in provinces[column]]
    _strip_axes(ax, min(allv), max(allv))
    # the province's value once, above the top row (a label on each row would meet the
    # mean's label of the row above)
    ax.annotate(_fmt(me, lang, 2), (me, 0.28), xytext=(0, 2), textcoords="offset points",
                ha="center", va="bottom", fontsize=7.5, color=CN_COLOR, fontweight="bold")
    ax.set_yticks([0, -1])
    # a row label begins a line: capitalised ('miền Đông' in a sentence, 'Miền Đông (10)' here)
    ax.set_yticklabels([r[0][:1].upper() + r[0][1:] for r in rows], fontsize=8)
    ax.set_ylim(-1.75, 0.55)
    return _localize(fig, lang)
