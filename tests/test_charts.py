"""The charts tell the truth: a share is drawn against its own base, a bound ('more than
90%') as an open-ended bar, axes fit the data, every series a reader needs is named,
numbers on the axes are written as the edition writes them, and no two labels overlap.

Each chart is built from the case views as its notebook builds it, drawn with the Agg
renderer, and its drawn texts measured (a text counts only if the renderer drew it: tick
labels outside the view are not drawn)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

from comparative import cases  # noqa: E402
from comparative.analysis import charts, regression  # noqa: E402
from comparative.locale import i18n  # noqa: E402
from comparative.store.facts import fact  # noqa: E402

from .conftest import ROOT  # noqa: E402

LANGS = ("en", "vi")
pytestmark = pytest.mark.filterwarnings("ignore:More than 20 figures have been opened")


# ------------------------------------------------------------------ measuring a drawn figure

def drawn_texts(fig):
    """(text, box in pixels) of every text the renderer draws, in drawing order."""
    seen = []
    original = Text.draw

    def record(self, renderer):
        if self.get_visible() and self.get_text().strip():
            seen.append(self)
        return original(self, renderer)

    Text.draw = record
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    renderer = fig.canvas.get_renderer()
    out = []
    for t in seen:
        if isinstance(t, Annotation):
            t.update_positions(renderer)
        out.append((t, Text.get_window_extent(t, renderer)))
    return out


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def overlapping_pairs(fig):
    boxes = drawn_texts(fig)
    return [(a.get_text(), b.get_text()) for i, (a, ba) in enumerate(boxes)
            for b, bb in boxes[i + 1:] if _overlap(ba, bb)]


def _bars(ax):
    from matplotlib.patches import Rectangle

    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0 and p.get_height() > 0]


def straddling(fig):
    """Texts of bar charts that cross a bar's edge: a label is inside one bar or clear of
    every bar (a label running out of its segment reads as part of the next)."""
    renderer = fig.canvas.get_renderer()
    bad = []
    for t, box in drawn_texts(fig):
        ax = t.axes
        if ax is None or t in ax.get_xticklabels() + ax.get_yticklabels():
            continue
        for bar in _bars(ax):
            bb = bar.get_window_extent(renderer)
            if _overlap(box, bb) and not (bb.x0 <= box.x0 and box.x1 <= bb.x1 and bb.y0 <= box.y0
                                          and box.y1 <= bb.y1):
                # the pale track behind a share (its whole base) may hold its bar's label
                if bar.get_facecolor()[:3] == matplotlib.colors.to_rgb("#eeeeee"):
                    continue
                bad.append((t.get_text(), bar.get_x(), bar.get_width()))
    return bad


# ------------------------------------------------------------------ the charts as the notebooks build them

def _vn_wholes(lang):
    vn = cases.vietnam_2025()
    p, c = vn.province_types, vn.commune_types
    name = {f: i18n.t(f"part.{f}", lang) for f in list(p["fact_id"]) + list(c["fact_id"])}
    return [(i18n.t("level.province", lang), p.assign(part=[name[f] for f in p["fact_id"]])),
            (i18n.t("level.commune", lang), c.assign(part=[name[f] for f in c["fact_id"]]))]


def _shares_df():
    ops = cases.vietnam_2025().operations
    return ops[ops["unit"] == "percent"]


def _regression_charts(lang, preset_name):
    model = regression.preset(preset_name)
    frame = model.frame()
    far = regression.largest_residuals(model, lang=lang)
    labels = regression.term_labels(model, lang)
    out = {"coefficients": charts.coefficients(regression.coefficient_terms(model), lang, labels)}
    if model.model == "ologit":
        out["predicted_actual"] = charts.predicted_actual(frame, model.y, lang,
                                                          regression.category_labels(model, lang))
    else:
        out["fitted_actual"] = charts.fitted_actual(frame, model.y, lang,
                                                    regression.variable_label(model.y, lang),
                                                    names=dict(zip(far["row"], far["name"])))
        out["residuals"] = charts.residual_diagnostics(frame, regression.qq_points(model), lang)
    return out


def _initiative(which=("huzhou_pension", "chongqing_hukou")):
    views = {"huzhou_pension": cases.huzhou_pension, "chongqing_hukou": cases.chongqing_hukou}
    shown = [views[w]() for w in which]
    return (pd.concat([v.timeline for v in shown], ignore_index=True),
            pd.concat([v.lead for v in shown], ignore_index=True))


def _stages(lang, vietnam=True):
    dg = cases.china_digital_government()
    return charts.stages_timeline(dg.stages, dg.milestones, dg.vietnam_path if vietnam else None, lang)


def all_charts(lang):
    vn = cases.vietnam_2025()
    dg = cases.china_digital_government()
    totals = charts.level_totals(vn.national_totals)
    figs = {
        "levels_before_after": charts.levels_before_after(totals, lang),
        "composition": charts.composition(_vn_wholes(lang), "part", lang),
        "provinces_panels": charts.provinces_panels(charts.order_provinces(vn.provinces), lang),
        "provinces_merged_by_area": charts.provinces_panels(
            charts.order_provinces(vn.provinces, "area", "merged"), lang),
        "shares": charts.shares(_shares_df(), f"quantity_{lang}", "number", lang, qualifier_col="qualifier"),
        "initiative_timeline": charts.initiative_timeline(*_initiative(), lang),
        "initiative_chongqing": charts.initiative_timeline(*_initiative(("chongqing_hukou",)), lang),
        "stages_timeline": _stages(lang),
        "stages_without_vietnam": _stages(lang, vietnam=False),
        "paired_bars": charts.paired_bars(dg.survey_gaps, lang),
        "two_counts": charts.two_counts(dg.websites, f"unit_{lang}", lang),
        "egdi_lines": charts.egdi_lines(__import__("comparative").dataset("un_egdi"), lang),
    }
    for preset_name in ("cn_osi_institutions", "vn_papi_merged", "cn_ccid_tier_ologit", "vn_dti_rank_merged"):
        for name, fig in _regression_charts(lang, preset_name).items():
            figs[f"{preset_name}.{name}"] = fig
    return figs


@pytest.fixture(scope="module", params=LANGS)
def every_chart(request):
    figs = all_charts(request.param)
    yield request.param, figs
    import matplotlib.pyplot as plt

    for fig in figs.values():
        plt.close(fig)


# ------------------------------------------------------------------ no overlapping labels

def test_no_two_texts_of_any_chart_overlap(every_chart):
    lang, figs = every_chart
    found = {name: pairs for name, fig in figs.items() if (pairs := overlapping_pairs(fig))}
    assert found == {}, f"{lang}: overlapping labels {found}"


def test_no_label_runs_across_a_bar_edge(every_chart):
    lang, figs = every_chart
    bar_charts = ("levels_before_after", "composition", "shares", "paired_bars", "two_counts")
    found = {name: bad for name in bar_charts if (bad := straddling(figs[name]))}
    assert found == {}, f"{lang}: {found}"


def test_the_overlap_check_can_fail():
    """Two texts at one place are found, and a label that spills out of its bar is found."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "Provincial level")
    ax.text(0.52, 0.5, "Commune level")
    assert overlapping_pairs(fig) == [("Provincial level", "Commune level")]
    fig2, ax2 = plt.subplots()
    ax2.barh(0, 10, left=90)
    ax2.set_xlim(0, 100)
    ax2.text(95, 0, "cities (thành phố) 6 (17.6%)", ha="center", va="center")
    assert straddling(fig2)
    plt.close(fig)
    plt.close(fig2)


def test_fitted_actual_names_cover_no_dot():
    model = regression.preset("cn_osi_institutions")
    frame = model.frame()
    far = regression.largest_residuals(model, lang="vi")
    fig = charts.fitted_actual(frame, model.y, "vi", "y", names=dict(zip(far["row"], far["name"])))
    ax = fig.axes[0]
    labels = [(t, box) for t, box in drawn_texts(fig) if t in ax.texts]
    assert [t.get_text() for t, _ in labels] == list(far["name"])
    dots = ax.transData.transform(ax.collections[0].get_offsets())
    for t, box in labels:
        covered = [d for d in dots if box.x0 <= d[0] <= box.x1 and box.y0 <= d[1] <= box.y1]
        assert covered == [], t.get_text()


# ------------------------------------------------------------------ one base per axis, qualifiers drawn

def test_each_share_has_its_own_axis_from_zero_to_its_whole():
    df = _shares_df()
    fig = charts.shares(df, "quantity_en", "number", "en", qualifier_col="qualifier")
    assert len(fig.axes) == len(df) > 1
    for ax, (_, row) in zip(fig.axes, df.iterrows()):
        assert ax.get_xlim() == (0.0, 100.0)
        assert ax.get_title(loc="left").replace("\n", " ") == row["quantity_en"]   # what it is a share of
        values = [t.get_text() for t in ax.texts]
        assert len(values) == 1 and i18n.number(row["number"], "en") in values[0]


@pytest.mark.parametrize("lang", LANGS)
def test_more_than_ninety_is_an_open_ended_bar_never_exactly_ninety(lang):
    df = _shares_df()
    fid = "vn2025-digitization-pct-thuc"
    f = fact(fid)
    assert (f.qualifier, f.value) == ("more than", 90)           # the fact itself, from the store
    k = list(df["fact_id"]).index(fid)
    ax = charts.shares(df, f"quantity_{lang}", "number", lang, qualifier_col="qualifier").axes[k]
    solid = [p for p in _bars(ax) if not p.get_hatch() and p.get_facecolor()[:3] != matplotlib.colors.to_rgb("#eeeeee")]
    hatched = [p for p in _bars(ax) if p.get_hatch()]
    assert [(p.get_x(), p.get_width()) for p in solid] == [(0, 90)]
    assert [(p.get_x(), p.get_x() + p.get_width()) for p in hatched] == [(90, 100)]   # beyond its value
    label = [t.get_text() for t in ax.texts]
    assert label == [f"> {i18n.number(90, lang)}%"]
    assert not any(t.get_text().strip() == "90%" for t in ax.texts)


def test_a_less_than_bound_is_hatched_up_to_its_value_and_labelled_with_its_sign():
    df = pd.DataFrame({"q": ["Share A", "Share B"], "v": [40.0, 72.0], "qual": ["less than", "about"]})
    fig = charts.shares(df, "q", "v", "vi", qualifier_col="qual")
    a, b = fig.axes
    assert [(p.get_x(), p.get_width()) for p in _bars(a) if p.get_hatch()] == [(0, 40)]
    assert a.texts[0].get_text() == "< 40%"
    assert not [p for p in _bars(b) if p.get_hatch()]
    assert b.texts[0].get_text() == i18n.qualified("72%", "about", "vi")


# ------------------------------------------------------------------ numbers as the edition writes them

def _tick_texts(fig):
    return [t.get_text() for t, _ in drawn_texts(fig)
            if any(t in ax.get_xticklabels() + ax.get_yticklabels() for ax in fig.axes)]


def test_tick_labels_use_the_editions_separators():
    web = cases.china_digital_government().websites
    en = _tick_texts(charts.two_counts(web, "unit_en", "en"))
    vi = _tick_texts(charts.two_counts(web, "unit_vi", "vi"))
    assert "20,000" in en and "80,000" in en and "20000" not in en
    assert "20.000" in vi and "80.000" in vi and "20,000" not in vi
    panel = __import__("comparative").dataset("un_egdi")
    vi_lines = _tick_texts(charts.egdi_lines(panel, "vi"))
    assert "0,2" in vi_lines and "0.2" not in vi_lines
    assert "2010" in vi_lines and "2.010" not in vi_lines                 # years are not grouped
    model = regression.preset("cn_osi_institutions")
    coef = _tick_texts(charts.coefficients(regression.coefficient_terms(model), "vi"))
    assert any(t.startswith("−") for t in coef) and not any(t.startswith("-") for t in coef)


def test_no_chart_prints_an_ungrouped_large_number(every_chart):
    lang, figs = every_chart
    for name, fig in figs.items():
        for t, _ in drawn_texts(fig):
            assert not re.search(r"(?<![\d.,])\d{5,}(?![\d.,])", t.get_text()), (lang, name, t.get_text())


# ------------------------------------------------------------------ axes fitted to the data

def _data_x(ax):
    xs = []
    for c in ax.collections:
        xs += [float(x) for x, _ in c.get_offsets()]
    return xs


def test_initiative_axes_fit_each_case_and_break_a_long_empty_stretch():
    fig = charts.initiative_timeline(*_initiative(), "en")
    rows = {}
    for ax in fig.axes:
        rows.setdefault(id(ax.figure), []).append(ax)
    huzhou, chongqing = rows.values()
    # Huzhou's 1998-2009 fills its own axis (the old shared 1955-2012 axis gave it a fifth)
    (hz,) = huzhou
    lo, hi = hz.get_xlim()
    assert min(_data_x(hz)) == 1998 and max(_data_x(hz)) == 2009
    assert (2009 - 1998) / (hi - lo) > 0.55
    # Chongqing: 1958 on a stretch of its own, 1997-2010 on another
    assert [sorted(_data_x(ax)) for ax in chongqing] == [[1958.0], [1997.0, 2010.0]]
    for ax in huzhou + chongqing:
        lo, hi = ax.get_xlim()
        xs = _data_x(ax)
        assert lo >= min(xs) - 3.5 and hi <= max(xs) + 3.5 + 8       # data plus margin (a short stretch is widened)


def test_stages_axis_ends_with_the_data_and_the_open_stage_stays_open():
    dg = cases.china_digital_government()
    fig = charts.stages_timeline(dg.stages, dg.milestones, dg.vietnam_path, "en")
    ax = fig.axes[0]
    last_vn = max([int(y) for y in dg.vietnam_path["year"]] + [2025])
    assert ax.get_xlim()[1] <= last_vn + 1 + 0.5
    no_vn = charts.stages_timeline(dg.stages, dg.milestones, None, "en").axes[0]
    assert no_vn.get_xlim()[1] <= int(dg.milestones["year"].max()) + 1 + 1.5
    # the open stage: solid to the end of its last milestone's year, hatched beyond
    start = int(dg.stages[dg.stages["end_year"].isna()]["start_year"].iloc[0])
    last = int(dg.milestones["year"].max()) + 1
    bands = [p for p in ax.patches if getattr(p, "get_x", None) and p.get_x() >= start]
    solid = [p for p in bands if not p.get_hatch()]
    open_ = [p for p in bands if p.get_hatch()]
    assert [(p.get_x(), p.get_x() + p.get_width()) for p in solid if p.get_x() == start] == [(start, last)]
    assert [p.get_x() for p in open_] == [last] and open_[0].get_x() + open_[0].get_width() == ax.get_xlim()[1]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(i18n.t("chart.open_stage", "en", label=dg.stages["label_en"].iloc[-1], start=start) == t
               for t in legend)


# ------------------------------------------------------------------ every series named

@pytest.mark.parametrize("lang", LANGS)
def test_every_milestone_and_every_vietnamese_step_is_marked_where_it_belongs(lang):
    dg = cases.china_digital_government()
    fig = charts.stages_timeline(dg.stages, dg.milestones, dg.vietnam_path, lang)
    ax = fig.axes[0]
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    for i, (_, row) in enumerate(dg.milestones.iterrows(), start=1):
        assert texts[str(i)][0] == int(row["year"]) + 0.5, (i, row["fact_id"])
    # Vietnam: five steps, five letters (three years used to collapse them into three diamonds)
    letters = [chr(ord("A") + i) for i in range(len(dg.vietnam_path))]
    assert len(letters) == 5 and all(x in texts for x in letters)
    for letter, (_, row) in zip(letters, dg.vietnam_path.iterrows()):
        assert int(texts[letter][0]) == int(str(row["date"])[:4])
    assert list(charts.milestone_marks(dg.milestones)) == [str(i) for i in range(1, len(dg.milestones) + 1)]
    assert list(charts.step_marks(dg.vietnam_path)) == letters
    # the year given as 'about' is drawn hollow
    about = [i for i, f in enumerate(dg.milestones["fact_id"]) if fact(f).qualifier == "about"]
    assert about
    dots = [c for c in ax.collections if len(c.get_offsets()) == 1]
    hollow = [c for c in dots if tuple(c.get_facecolor()[0][:3]) == (1.0, 1.0, 1.0)]
    assert len(hollow) == len(about)


@pytest.mark.parametrize("lang", LANGS)
def test_egdi_lines_show_viet_nam_china_their_region_and_the_world(lang):
    import csv

    # the UN's files read here: Viet Nam's region, and the means by survey year
    un = ROOT / "data" / "raw" / "datasets" / "un_egov_data"
    with open(un / "EGOV_WITH_REGIONS_DATA_2022.csv", encoding="utf-8", newline="") as handle:
        region = {r[1].strip(): r[8].strip() for r in list(csv.reader(handle))[1:]}
    by_year, asia = {}, {}
    for path in sorted(un.glob("EGOV_DATA_*.csv")) + [un / "2024_renamed_columns" / "EGOV_DATA_2024.csv"]:
        with open(path, encoding="utf-8", newline="") as handle:
            for r in list(csv.reader(handle))[1:]:
                by_year.setdefault(int(r[0]), []).append(float(r[3]))
                if region[r[1].strip()] == region["Viet Nam"]:
                    asia.setdefault(int(r[0]), []).append(float(r[3]))
    panel = __import__("comparative").dataset("un_egdi")
    fig = charts.egdi_lines(panel, lang)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.texts]
    assert i18n.t("country.China", lang) in names and i18n.t("country.Viet Nam", lang) in names
    world = [ln for ln in ax.lines if ln.get_color() == "#555"]         # world mean
    dashed = [ln for ln in ax.lines if ln.get_color() == "#333"]        # the region's mean
    assert len(world) == len(dashed) == 1
    years = sorted(by_year)
    assert list(world[0].get_xdata()) == years
    assert np.allclose(world[0].get_ydata(), [sum(by_year[y]) / len(by_year[y]) for y in years])
    assert np.allclose(dashed[0].get_ydata(), [sum(asia[y]) / len(asia[y]) for y in years])
    # grey lines: the other countries of the region
    others = sum(1 for n, r in region.items() if r == region["Viet Nam"] and n not in ("Viet Nam", "China"))
    assert len(ax.lines) == others + 2 + 2
    assert len(names) == 4


def test_the_lists_of_provinces_say_their_period_once():
    dg = cases.china_digital_government()
    for lang in LANGS:
        lists = charts.province_lists(dg.tiers, dg.institutions, lang).set_index("fact_id")["list"]
        bureaus = lists["cndg-big-data-bureaus-provinces"]
        assert bureaus.count("2018") == 1, bureaus
        assert lists["cndg-guomai-leaders"].count("2020") == 1
        assert not re.search(r"\)\s*\(", lists["cndg-guomai-leaders"])       # no ') (' pile-up


def test_charts_with_measured_labels_are_the_same_svg_twice():
    dg = cases.china_digital_government()
    a = charts.svg_bytes(charts.stages_timeline(dg.stages, dg.milestones, dg.vietnam_path, "vi"))
    b = charts.svg_bytes(charts.stages_timeline(dg.stages, dg.milestones, dg.vietnam_path, "vi"))
    assert a == b
    c = charts.svg_bytes(charts.composition(_vn_wholes("vi"), "part", "vi"))
    assert c == charts.svg_bytes(charts.composition(_vn_wholes("vi"), "part", "vi"))


def test_ho_chi_minh_city_is_named_as_a_city_not_as_the_person():
    from comparative.analysis.charts import unit_name

    assert unit_name("Hồ Chí Minh", "vi") == "TP. Hồ Chí Minh"
    assert unit_name("Hồ Chí Minh", "en") == "Ho Chi Minh City"
    assert unit_name("Hà Nội", "en") == "Hà Nội"       # the others as the GSO list writes them
