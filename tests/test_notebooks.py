"""The project's notebooks: committed without outputs, parameters that papermill and
`comparative params` can read, and every manifest entry built through papermill into a
PDF and HTML that a reader can use.

The build runs once per session (`comparative reports -j 2` into a throw-away reports/
folder, about a minute on two cores); the tests then read what it wrote.  Deselect it
with `-m "not notebooks"`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from comparative import cases

from comparative.locale import i18n
from comparative.store.version import data_version

from comparative.views import matrix

from comparative.reporting import narrative, params

from comparative.reporting import build as reports

from .conftest import ROOT, run_cli

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
EXPECTED = {"vietnam_2025_reorganization", "local_initiative_china", "digital_government_stages",
            "digital_government_regression", "comparative_overview"}


# ------------------------------------------------------------------ the committed files

def test_every_expected_notebook_is_there():
    assert EXPECTED <= set(NAMES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_notebook_has_no_outputs_and_names_its_kernel(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == reports.KERNEL
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:80]
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    src = "".join(tagged[0]["source"])
    # nothing derived inside the parameters cell: papermill would not recompute it
    assert all(re.match(r"^\w+: \w+ = ", ln) for ln in src.splitlines() if ln.strip()), src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_no_number_is_typed_into_a_notebook(path):
    """Figures come from the library: a code cell may hold digits only inside names, fact ids,
    and the decimals/positions of formatting calls."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
            continue
        code = "".join(cell["source"])
        code = re.sub(r'"[^"\n]*"', '""', code)             # strings: ids, keys, column names
        code = re.sub(r"decimals=\{[^}]*\}", "", code)      # decimals of a table's columns
        code = re.sub(r",\s*-?\d\)", ")", code)              # decimals of R.number(x, 4), round(x, -3)
        code = re.sub(r"\b100\b", "x", code)                # the scale of a percentage
        code = re.sub(r"\(1\s*-", "(", code)                 # a complement, 1 - share
        code = re.sub(r"\b\w*[A-Za-z_]\w*\b", "x", code)     # identifiers like sc81, est.p[3]
        code = re.sub(r"\[\d\]", "[]", code)                 # row positions of a fixed table
        code = re.sub(r"[-+]\s*1\b", "", code)               # k - 1, i + 1
        m = re.search(r"\d", code)
        assert not m, f"{path.name}: a number in a code cell: …{code[max(0, m.start() - 60):m.end() + 20]}…"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_every_notebook_has_lang_and_audience_and_documented_parameters(path):
    spec = params.specs(path)
    assert spec["lang"].allowed == ("en", "vi")
    # every notebook has a seminar edition; the exercises have a teacher's edition instead
    # of a report
    assert "seminar" in spec["audience"].allowed
    assert set(spec["audience"].allowed) <= {"report", "seminar", "teacher"}
    for p in spec.values():
        assert p.description, f"{path.stem}: parameter '{p.name}' has no description"


def test_papermill_help_notebook_describes_the_parameters():
    out = subprocess.run([str(Path(sys.executable).parent / "papermill"), "--help-notebook",
                          str(ROOT / "notebooks" / "vietnam_2025_reorganization.ipynb")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Unable to parse" not in out.stdout + out.stderr
    for name in params.specs("vietnam_2025_reorganization"):
        assert re.search(rf"^\s+{name}: \w+ \(default", out.stdout, re.M), out.stdout


def test_allowed_values_that_mirror_the_data_are_the_data():
    """Parameters whose allowed values name rows of the data must follow the data."""
    dims = params.specs("comparative_overview")["dimension"].allowed
    assert set(dims) == {"all", *matrix.model_matrix()["dimension"]}
    stages = params.specs("digital_government_stages")["stage"].allowed
    assert set(stages) == {"all", *map(str, cases.china_digital_government().stages["stage"])}
    case = params.specs("local_initiative_china")["case"].allowed
    assert set(case) == {"both", "huzhou_pension", "chongqing_hukou"}


def test_manifest_has_every_notebook_in_both_languages_and_a_seminar_edition():
    entries = reports.load_manifest(ROOT / "notebooks" / "manifest.toml")
    pairs = {(e.notebook, e.lang) for e in entries if e.audience == "report"}
    assert {(n, lang) for n in EXPECTED for lang in ("en", "vi")} <= pairs
    assert {e.notebook for e in entries if e.audience == "seminar"} >= EXPECTED


def test_chart_data_agrees_with_the_articles():
    """The reference totals and the 34-unit table the charts draw give the articles' counts."""
    from comparative import fact
    from comparative.analysis import charts

    vn = cases.vietnam_2025()
    totals = charts.level_totals(vn.national_totals).set_index("level")
    assert totals.loc["province", "before"] == fact("vn2025-provinces-before-thuc").value
    assert totals.loc["province", "after"] == fact("vn2025-provinces-after-thuc").value
    assert totals.loc["commune", "after"] == fact("vn2025-communes-after-thuc").value
    assert totals.loc["commune", "before"] > fact("vn2025-communes-before-thuc").value  # 'more than'
    summary = charts.province_summary(vn.provinces).set_index("merged")
    assert summary["units"].sum() == fact("vn2025-provinces-after-thuc").value
    assert summary["predecessors"].sum() == fact("vn2025-provinces-before-thuc").value
    assert summary["communes"].sum() == fact("vn2025-communes-after-thong").value
    shown = charts.order_provinces(vn.provinces, "area", "merged")
    assert shown["merged"].all() and list(shown["area_km2"]) == sorted(shown["area_km2"], reverse=True)


def test_a_chart_is_the_same_svg_twice_and_keeps_vietnamese_text():
    from comparative.analysis import charts

    totals = charts.level_totals(cases.vietnam_2025().national_totals)
    first = charts.svg_bytes(charts.levels_before_after(totals, "vi"))
    assert first == charts.svg_bytes(charts.levels_before_after(totals, "vi"))
    assert b"<dc:date>" not in first
    charts.setup()
    import matplotlib.font_manager as fm

    font = fm.findfont(fm.FontProperties(family=["sans-serif"]))
    assert "DejaVuSans" in font                                  # a font with Vietnamese letters


# ------------------------------------------------------------------ the build (heavy)

# `built` (every manifest entry built once per session) is in conftest.py.


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _seminar_heading(e) -> str:
    """The first line of the notebook's seminar-only passage in the entry's language."""
    nb = json.loads(e.path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "seminar" in narrative.tags(cell) and narrative.cell_lang(cell) == e.lang:
            return narrative.source(cell).strip().splitlines()[0].lstrip("# ").strip()
    return ""


def _shows_analysis_code(e) -> bool:
    """Whether the notebook has a table or figure cell that a seminar edition shows."""
    nb = json.loads(e.path.read_text(encoding="utf-8"))
    return any(cell["cell_type"] == "code" and re.search(r"R\.(figure|table)\(", narrative.source(cell))
               and not {"remove-input", "answer"} & set(narrative.tags(cell)) for cell in nb["cells"])


CODE_MARKS = ("import comparative", "page.start(", "R.table(", "{eval}", "Traceback", "Error:",
              "# Parameters", "injected-parameters")


@pytest.mark.notebooks
def test_every_entry_builds(built):
    assert built["out"].returncode == 0, built["out"].stderr[-3000:]
    assert f"{len(built['entries'])} built, 0 up to date, 0 failed" in built["out"].stdout
    for e in built["entries"]:
        for ext in ("ipynb", "html", "pdf"):
            assert (built["dir"] / f"{e.id}.{ext}").stat().st_size > 0


@pytest.mark.notebooks
def test_pdfs_read_like_reports(built):
    for e in built["entries"]:
        text = _pdf_text(built["dir"] / f"{e.id}.pdf")
        title, _ = narrative.title_of(json.loads((built["dir"] / f"{e.id}.ipynb").read_text(encoding="utf-8")), e.lang)
        assert title and " ".join(title.split()[:3]) in " ".join(text.split()), f"{e.id}: no title"
        assert re.search(r"\b1 / \d+\b", text), f"{e.id}: no page numbers"
        assert data_version() in text, f"{e.id}: the colophon does not name the data version"
        assert i18n.t("caption.source", e.lang) + ":" in text, f"{e.id}: no caption names its source"
        assert i18n.t("report.references", e.lang) in text
        assert "\ufffd" not in text and "□" not in text
        if e.audience == "report":
            for mark in CODE_MARKS:
                assert mark not in text, f"{e.id}: '{mark}' in the PDF"
        questions = _seminar_heading(e)
        if e.audience == "report":
            assert not questions or questions not in text, f"{e.id}: seminar questions in a report"
        else:
            assert questions and questions in text, f"{e.id}: no seminar questions"
            if _shows_analysis_code(e):
                assert re.search(r"R\.(figure|table)\(", text)  # seminar keeps the analysis code
            assert "page.start(" not in text                # but not the plumbing
            assert "# Parameters" not in text               # but never the injected cell


@pytest.mark.notebooks
def test_vietnamese_pdf_keeps_its_diacritics(built):
    text = _pdf_text(built["dir"] / "vietnam_2025_reorganization.vi.pdf")
    for heading in ("Các cấp và đơn vị hành chính trước và sau sắp xếp", "Những tháng vận hành đầu tiên",
                    "Tài liệu tham khảo", "phiên bản dữ liệu", "Ấn bản"):
        assert heading in text, heading
    assert re.search(r"\d\.\d{3}", text), "Vietnamese thousands separator"   # e.g. 3.321
    assert "Nguồn:" in text and "Hình 1." in text and "Bảng 1." in text


@pytest.mark.notebooks
def test_numbers_in_the_report_are_the_facts_with_their_citation(built):
    """The Vietnamese report writes the stated counts the way the article does, and cites it."""
    from comparative import fact

    text = _pdf_text(built["dir"] / "vietnam_2025_reorganization.vi.pdf").replace("\n", " ")
    after = fact("vn2025-communes-after-thuc")
    assert i18n.number(after.value, "vi") in text
    before = fact("vn2025-communes-before-thuc")
    assert i18n.fact_value(before, "vi") in text              # 'hơn 10.000', not '10.000'
    assert "(Nguyễn Thị Thục, 2025, mục" in text              # CSL APA, with its locator
    en = _pdf_text(built["dir"] / "vietnam_2025_reorganization.en.pdf").replace("\n", " ")
    assert i18n.fact_value(before, "en") in en                # 'more than 10,000'


@pytest.mark.notebooks
def test_html_reports_are_self_contained_and_hide_parameter_cells(built):
    figures = 0
    for e in built["entries"]:
        page = (built["dir"] / f"{e.id}.html").read_text(encoding="utf-8")
        assert f'<html lang="{e.lang}">' in page
        assert "injected-parameters" not in page and "# Parameters" not in page
        assert not re.search(r'src="(?!data:)', page), f"{e.id}: an image outside the page"
        # a report may draw no figure (the overview's matrix is a table), but every figure
        # it draws has its caption
        assert page.count("<figure>") == page.count("<figcaption>"), f"{e.id}: a figure without caption"
        figures += page.count("<figure>")
        if e.audience == "report":
            assert "<pre" not in page and "Traceback" not in page
    assert figures, "no report draws a figure"


@pytest.mark.notebooks
def test_executed_notebooks_carry_no_run_timestamps(built):
    for e in built["entries"]:
        nb = json.loads((built["dir"] / f"{e.id}.ipynb").read_text(encoding="utf-8"))
        assert set(nb["metadata"]["papermill"]) <= {"parameters"}
        assert nb["metadata"]["comparative"]["parameters"] == e.parameters
        for cell in nb["cells"]:
            assert "papermill" not in cell["metadata"] and "execution" not in cell["metadata"]


@pytest.mark.notebooks
def test_rebuilding_one_entry_gives_the_same_bytes(built):
    e = next(x for x in built["entries"] if x.id == "vietnam_2025_reorganization.vi")
    before = {ext: hashlib.sha256((built["dir"] / f"{e.id}.{ext}").read_bytes()).hexdigest()
              for ext in ("ipynb", "html", "pdf")}
    out = run_cli("reports", "--force", e.id, cwd=built["root"], env=built["env"])
    assert out.returncode == 0, out.stderr[-2000:]
    after = {ext: hashlib.sha256((built["dir"] / f"{e.id}.{ext}").read_bytes()).hexdigest()
             for ext in ("ipynb", "html", "pdf")}
    assert after == before


@pytest.mark.notebooks
def test_a_second_build_runs_nothing(built):
    out = run_cli("reports", cwd=built["root"], env=built["env"])
    assert out.returncode == 0
    assert f"0 built, {len(built['entries'])} up to date" in out.stdout


@pytest.mark.notebooks
@pytest.mark.parametrize("name, args", [
    ("vietnam_2025_reorganization", ["-p", "show", "merged", "-p", "sort_by", "name"]),
    ("local_initiative_china", ["-p", "case", "chongqing_hukou", "-p", "lang", "vi"]),
    ("digital_government_stages", ["-p", "stage", "2", "-p", "vietnam", "false"]),
    ("digital_government_regression", ["-p", "province_model", "vn", "-p", "surveys", "all"]),
    ("comparative_overview", ["-p", "dimension", "fiscal", "-p", "lang", "vi"]),
])
def test_each_notebook_runs_with_its_own_parameters(built, name, args):
    out = run_cli("run", name, *args, cwd=built["root"], env=built["env"])
    assert out.returncode == 0, out.stderr[-2000:]
    pdf = Path(out.stdout.split()[-1])
    text = _pdf_text(pdf)
    values = dict(zip(args[1::3], args[2::3]))
    lang = values.get("lang", "en")
    for key, value in values.items():
        if key != "lang":
            assert i18n.param_value(key, params.specs(name)[key].coerce(value, name), lang) in text


# ------------------------------------------------------------------ the regression notebook's model

SPY_KERNEL = """
with open({marker!r}, "a") as fh:
    fh.write("kernel\\n")
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


@pytest.fixture
def spy_root(tmp_path):
    """A throw-away project (the real notebooks and data) whose `comparative` kernel notes
    every start in a file before running the real ipykernel: 'no kernel started' is seen."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "notebooks").symlink_to(ROOT / "notebooks", target_is_directory=True)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    marker = root / "kernel-starts.txt"
    spec = root / "jupyter" / "kernels" / reports.KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", SPY_KERNEL.format(marker=str(marker)), "-f", "{connection_file}"],
        "display_name": "comparative (test spy)", "language": "python"}))
    env = {"COMPARATIVE_ROOT": str(root), "JUPYTER_PATH": str(root / "jupyter")}
    if (ROOT.parent / "shared").is_dir():
        env["COMPARATIVE_SHARED"] = str(ROOT.parent / "shared")
    return {"root": root, "env": env, "marker": marker, "reports": root / "reports"}


def _spy_run(spy, *args):
    return run_cli("run", "digital_government_regression", *args, cwd=spy["root"], env=spy["env"])


def _written(spy) -> list[str]:
    folder = spy["reports"]
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


REGRESSION_BAD = [
    (("-p", "dataset", "egdi"), ["'egdi'", "'dataset'", "auto | un_egdi | cn_provinces_2019 | vn_papi"]),
    (("-p", "se", "HC2"), ["'HC2'", "'se'", "auto | nonrobust | HC1 | HC3 | cluster | robust | classical"]),
    (("-p", "dataset", "un_egdi", "-p", "se", "HC9"), ["'HC9'", "'se'", "auto | nonrobust | HC1 | HC3 | cluster | robust | classical"]),
    (("-p", "outcomes", "osi"), ["'outcomes'", "outcome, covariates, fixed_effects, years, countries, se"]),
    (("-p", "years", "2010", "-p", "years", "2012"), ["'years'", "twice"]),
    # checked by the library before any kernel: a column, year or country the data lacks
    (("-p", "dataset", "un_egdi", "-p", "covariates", "tii,gdp"),
     ["variable 'gdp' is not in dataset 'un_egdi'; allowed: survey_year, country"]),
    (("-p", "dataset", "un_egdi", "-p", "years", "1990"), ["year 1990 has no data", "available: 2003"]),
    (("-p", "dataset", "un_egdi", "-p", "countries", "TWN"), ["TWN"]),
]


@pytest.mark.parametrize("args, named", REGRESSION_BAD, ids=[" ".join(a) for a, _ in REGRESSION_BAD])
def test_a_bad_model_parameter_exits_2_with_one_line_before_any_kernel(spy_root, args, named):
    out = _spy_run(spy_root, *args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    line, = out.stderr.strip().splitlines()
    for text in named:
        assert text in line, line
    assert not spy_root["marker"].exists(), "a kernel started"
    assert _written(spy_root) == []


def _flat(text: str) -> str:
    """PDF text without any whitespace: a label may break across lines anywhere."""
    return "".join(text.split())


@pytest.mark.notebooks
def test_the_scholars_model_runs_through_the_pipeline(spy_root):
    from comparative.analysis.regression import egdi_slope_comparison, regress

    args = ["-p", "dataset", "un_egdi", "-p", "outcome", "osi", "-p", "covariates", "tii,hci",
            "-p", "years", "2010-2024", "-p", "countries", "VNM,CHN,THA", "-p", "se", "cluster"]
    out = _spy_run(spy_root, *args)
    assert out.returncode == 0, out.stderr[-3000:]
    pdf = Path(out.stdout.split()[-1])
    assert pdf.name == ("digital_government_regression.en.dataset-un_egdi.outcome-osi.covariates-tii+hci."
                        "years-2010-2024.countries-VNM+CHN+THA.se-cluster.pdf")
    text = _flat(_pdf_text(pdf))
    # the model, fitted here without the notebook's parameter parsing
    panel = regress("un_egdi", "osi", ["tii", "hci"])
    years = [y for y in sorted(set(panel.rows["survey_year"])) if 2010 <= y <= 2024]
    r = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["country", "survey_year"], se="cluster",
                cluster="country", years=years, countries=["VNM", "CHN", "THA"])
    assert _flat(i18n.t("term.osi", "en")) in text                       # the chosen outcome's label
    assert _flat(f"N = {r.n};") in text
    dropped = _flat(f"{r.n_dropped} rows of the dataset were left out because a value the model needs is missing")
    assert (dropped in text) == (r.n_dropped > 0)          # said only when rows were left out
    assert _flat(f"R² = {i18n.number(r.r2, 'en', 3)}") in text
    assert _flat(f"clustered by country ({r.n_clusters} clusters)") in text
    for heading in ("Fit and residuals", "Reading the estimates", "Caveats",
                    "The model chosen for this edition"):     # the notebook's own headings
        assert _flat(heading) in text, heading
    coef = r.table().set_index("term")
    assert _flat(i18n.number(coef.loc["tii", "ci_low"], "en", 3)) in text
    # the trajectory section keeps its own countries whatever the model's: Viet Nam's UN region
    rows = panel.rows
    region = rows.loc[rows["iso3"] == "VNM", "region"].iloc[0]
    mates = sorted(set(rows.loc[rows["region"] == region, "iso3"]))
    k = len(egdi_slope_comparison(years=[y for y in years], countries=mates).attrs["countries"]) - 1
    assert _flat(i18n.t("label.contrast.2", "en", k=k)) in text
    # the headline model on the full panel, fitted here: its estimates and clusters in the prose
    head = regress("un_egdi", "osi", ["tii", "hci"], fixed_effects=["iso3", "survey_year"], se="cluster",
                   cluster="iso3").table().set_index("term")
    for term in ("tii", "hci"):
        for col in ("coef", "ci_low", "ci_high"):
            assert _flat(i18n.number(head.loc[term, col], "en", 3)) in text, (term, col)
    n_states = panel.rows["iso3"].nunique()
    assert _flat(f"on {n_states} clusters") in text and _flat(f"all {n_states} member states") in text
    for mark in CODE_MARKS:
        assert _flat(mark) not in text, mark
    assert len(re.findall(r"Figure\d\.", text)) == 4          # trajectory, coefficients, fit, residuals


@pytest.mark.notebooks
def test_a_vietnamese_model_edition_and_an_ordered_logit(spy_root):
    from comparative.analysis.regression import regress

    out = _spy_run(spy_root, "-p", "lang", "vi", "-p", "dataset", "vn_papi", "-p", "years", "2018-2022",
                   "-p", "se", "HC3")
    assert out.returncode == 0, out.stderr[-3000:]
    text = _flat(_pdf_text(Path(out.stdout.split()[-1])))
    r = regress("vn_papi", "papi_egov_sc81_access_egov_portals", ["year", "merged_2025"], se="HC3",
                years=[2018, 2019, 2020, 2021, 2022])
    assert _flat(i18n.t("term.papi_egov_sc81_access_egov_portals", "vi")) in text
    assert _flat(f"N = {i18n.number(r.n, 'vi')};") in text
    assert _flat(f"{i18n.number(r.n_dropped, 'vi')} quan sát của bộ dữ liệu bị loại vì thiếu giá trị") in text
    assert _flat(f"R² = {i18n.number(r.r2, 'vi', 3)}") in text
    assert _flat("Những điểm cần lưu ý") in text and _flat("Độ khớp và phần dư") in text
    assert _flat("xuất hiện trong nhiều năm, nhưng sai số chuẩn ở đây coi các quan sát là độc lập") in text  # HC3 on repeated provinces

    out = _spy_run(spy_root, "-p", "dataset", "cn_provinces_2019", "-p", "outcome", "ccid_tier",
                   "-p", "covariates", "big_data_bureau_2018,region")
    assert out.returncode == 0, out.stderr[-3000:]
    text = _flat(_pdf_text(Path(out.stdout.split()[-1])))
    o = regress("cn_provinces_2019", "ccid_tier", ["big_data_bureau_2018", "region"], model="ologit")
    assert _flat(f"pseudo-R² = {i18n.number(o.pseudo_r2, 'en', 3)}") in text
    assert _flat("An ordered logit has no residuals in the OLS sense") in text
    assert _flat("Fit and residuals") in text




@pytest.mark.notebooks
def test_entries_built_in_used_kernels_are_the_bytes_of_fresh_kernels(built, tmp_path):
    """The session's build ran at -j 2 in warm kernels (comparative.reporting.kernels):
    each worker's kernel ran entry after entry of different notebooks.  A sample rebuilt
    each in a kernel of its own (COMPARATIVE_WARM=0) gives the same bytes."""
    by_id = {e.id: e for e in built["entries"]}
    sample = [i for i in ("handout.vi", "seminar_exercises.en-teacher",
                          "digital_government_stages.en", "vietnam_2025_reorganization.vi-seminar")
              if i in by_id]
    for group in reports.groups(built["entries"]).values():   # a sweep's first and last
        sample += [group[0].id, group[-1].id]
    uses = {i: json.loads((built["dir"] / ".cache" / f"{i}.json").read_text())["kernel_use"]
            for i in sample}
    assert sum(u > 1 for u in uses.values()) >= len(sample) // 2, uses   # really reused kernels
    root = tmp_path / "fresh"
    root.mkdir()
    for name in ("notebooks", "data"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    env = dict(built["env"], COMPARATIVE_ROOT=str(root), COMPARATIVE_WARM="0")
    out = run_cli("reports", "-j", "2", *sample, cwd=root, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    for i in sample:
        assert json.loads((root / "reports" / ".cache" / f"{i}.json").read_text())["kernel_use"] == 0
        for ext in ("ipynb", "html", "pdf"):
            warm = (built["dir"] / f"{i}.{ext}").read_bytes()
            fresh = (root / "reports" / f"{i}.{ext}").read_bytes()
            assert warm == fresh, f"{i}.{ext} differs between a used and a fresh kernel"
