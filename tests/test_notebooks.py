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

from comparative import cases, i18n, matrix, params, reports

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
        code = re.sub(r",\s*\d\)", ")", code)                # decimals of R.number(x, 4)
        code = re.sub(r"\b\w*[A-Za-z_]\w*\b", "x", code)     # identifiers like sc81, est.p[3]
        code = re.sub(r"\[\d\]", "[]", code)                 # row positions of a fixed table
        code = re.sub(r"[-+]\s*1\b", "", code)               # k - 1, i + 1
        m = re.search(r"\d", code)
        assert not m, f"{path.name}: a number in a code cell: …{code[max(0, m.start() - 60):m.end() + 20]}…"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_every_notebook_has_lang_and_audience_and_documented_parameters(path):
    spec = params.specs(path)
    assert spec["lang"].allowed == ("en", "vi") and spec["audience"].allowed == ("report", "seminar")
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
    assert any(e.audience == "seminar" for e in entries)


def test_chart_data_agrees_with_the_articles():
    """The reference totals and the 34-unit table the charts draw give the articles' counts."""
    from comparative import charts, fact

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
    from comparative import charts

    totals = charts.level_totals(cases.vietnam_2025().national_totals)
    first = charts.svg_bytes(charts.levels_before_after(totals, "vi"))
    assert first == charts.svg_bytes(charts.levels_before_after(totals, "vi"))
    assert b"<dc:date>" not in first
    charts.setup()
    import matplotlib.font_manager as fm

    font = fm.findfont(fm.FontProperties(family=["sans-serif"]))
    assert "DejaVuSans" in font                                  # a font with Vietnamese letters


# ------------------------------------------------------------------ the build (heavy)

@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every manifest entry built once, as `make reports` does, into a throw-away folder."""
    root = tmp_path_factory.mktemp("build")
    (root / "notebooks").symlink_to(ROOT / "notebooks", target_is_directory=True)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    env = {"COMPARATIVE_ROOT": str(root)}
    if (ROOT.parent / "shared").is_dir():
        env["COMPARATIVE_SHARED"] = str(ROOT.parent / "shared")
    out = run_cli("reports", "-j", "2", cwd=root, env=env)
    entries = reports.load_manifest(ROOT / "notebooks" / "manifest.toml")
    return {"root": root, "out": out, "env": env, "entries": entries, "dir": root / "reports"}


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


CODE_MARKS = ("import comparative", "reports.start(", "R.prose(", "R.t(", "Traceback", "Error:",
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
        title = i18n.title(e.notebook, e.lang)
        assert title.split(":")[0] in text.replace("\n", " ")
        assert re.search(r"\b1 / \d+\b", text), f"{e.id}: no page numbers"
        assert i18n.t("title.data_version", e.lang) in text
        assert i18n.t("caption.source", e.lang) + ":" in text, f"{e.id}: no caption names its source"
        assert i18n.t("report.references", e.lang) in text
        assert "\ufffd" not in text and "□" not in text
        if e.audience == "report":
            for mark in CODE_MARKS:
                assert mark not in text, f"{e.id}: '{mark}' in the PDF"
            assert i18n.t("report.questions", e.lang) not in text
        else:
            assert i18n.t("report.questions", e.lang) in text
            assert "reports.start(" in text                 # seminar keeps the code
            assert "# Parameters" not in text               # but never the injected cell


@pytest.mark.notebooks
def test_vietnamese_pdf_keeps_its_diacritics(built):
    text = _pdf_text(built["dir"] / "vietnam_2025_reorganization.vi.pdf")
    for heading in ("Các cấp và đơn vị hành chính trước và sau sắp xếp", "Những tháng vận hành đầu tiên",
                    "Tài liệu tham khảo", "Phiên bản dữ liệu"):
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
    assert "(Nguyễn Thị Thục 2025" in text
    en = _pdf_text(built["dir"] / "vietnam_2025_reorganization.en.pdf").replace("\n", " ")
    assert i18n.fact_value(before, "en") in en                # 'more than 10,000'


@pytest.mark.notebooks
def test_html_reports_are_self_contained_and_hide_parameter_cells(built):
    for e in built["entries"]:
        page = (built["dir"] / f"{e.id}.html").read_text(encoding="utf-8")
        assert f'<html lang="{e.lang}">' in page
        assert "injected-parameters" not in page and "# Parameters" not in page
        assert not re.search(r'src="(?!data:)', page), f"{e.id}: an image outside the page"
        assert "<figcaption>" in page
        if e.audience == "report":
            assert "<pre" not in page and "Traceback" not in page


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
