"""The report pipeline on a notebook the tests control (tests/fixtures/report_fixture.ipynb):
parameter checks before any kernel starts, a failing notebook, atomic writes, the cache,
parallel builds, byte-identical rebuilds, and what the HTML and PDF show.

Each test builds in a throw-away project tree (COMPARATIVE_ROOT) whose `comparative`
kernel is a spy: it notes every start in a file, then runs the real ipykernel.  So "no
kernel started" is observed, not assumed.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from comparative.locale import i18n

from comparative.reporting import params

from comparative.reporting import render

from comparative.reporting import build as reports

from .conftest import ROOT, run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "report_fixture.ipynb"
SPY = """
import sys
with open({marker!r}, "a") as fh:
    fh.write("kernel\\n")
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


class Project:
    """A project tree with the fixture notebook, the real data and a spying kernel."""

    def __init__(self, root: Path):
        self.root = root
        (root / "notebooks").mkdir(parents=True)
        shutil.copy(FIXTURE, root / "notebooks" / FIXTURE.name)
        (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
        self.reports = root / "reports"
        self.marker = root / "kernel-starts.txt"
        spec = root / "jupyter" / "kernels" / "comparative"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-c", SPY.format(marker=str(self.marker)), "-f", "{connection_file}"],
            "display_name": "comparative (test spy)", "language": "python"}))
        shared = ROOT.parent / "shared"
        self.env = {"COMPARATIVE_ROOT": str(root), "JUPYTER_PATH": str(root / "jupyter"),
                    **({"COMPARATIVE_SHARED": str(shared)} if shared.is_dir() else {})}

    def manifest(self, *entries: str) -> None:
        (self.root / "notebooks" / "manifest.toml").write_text("\n".join(entries))

    def cli(self, *args):
        return run_cli(*args, cwd=self.root, env=self.env)

    def kernel_starts(self) -> int:
        return len(self.marker.read_text().splitlines()) if self.marker.exists() else 0

    def files(self, stamps: bool = True) -> dict[str, str]:
        """Every file under reports/ (hidden ones too) with its digest; ``stamps=False``
        leaves out the cache stamps (they record timings)."""
        if not self.reports.exists():
            return {}
        return {str(p.relative_to(self.reports)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(self.reports.rglob("*"))
                if p.is_file() and (stamps or reports.CACHE_DIR not in p.parts)}


def entry(name: str, **parameters) -> str:
    values = ", ".join(f"{k} = {json.dumps(v)}" for k, v in parameters.items())
    return f'[[report]]\nnotebook = "report_fixture"\nname = "{name}"\nparameters = {{ {values} }}\n'


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "project")


# ------------------------------------------------------------------ fast: no kernel

def test_params_lists_types_defaults_and_allowed_values(project):
    out = project.cli("params", "report_fixture")
    assert out.returncode == 0, out.stderr
    # a block per parameter: name, type and default on its first line, then what it allows
    blocks, name = {}, None
    for ln in out.stdout.splitlines()[3:]:
        if not ln.startswith(" "):
            name = ln.split()[0]
        blocks[name] = blocks.get(name, "") + ln + "\n"
    lines = {k: " ".join(v.split()) for k, v in blocks.items()}
    assert list(lines) == ["lang", "audience", "fail", "rows"]
    assert max(len(ln) for ln in out.stdout.splitlines()) <= 80
    assert "str" in lines["lang"] and '"en"' in lines["lang"] and "allowed: en | vi" in lines["lang"]
    assert "int" in lines["rows"] and "default 3" in lines["rows"] and "allowed: 1..5" in lines["rows"]
    assert "bool" in lines["fail"]


BAD_INPUT = [
    (("run", "no_such_notebook"), ["no_such_notebook", "report_fixture"]),
    (("params", "no_such_notebook"), ["no_such_notebook", "report_fixture"]),
    (("run", "report_fixture", "-p", "langue", "vi"), ["langue", "lang, audience, fail, rows"]),
    (("run", "report_fixture", "-p", "lang", "fr"), ["'fr'", "lang", "en | vi"]),
    (("run", "report_fixture", "-p", "rows", "9"), ["9", "rows", "1..5"]),
    (("run", "report_fixture", "-p", "rows", "three"), ["'three'", "rows", "int"]),
    (("run", "report_fixture", "-p", "fail", "maybe"), ["'maybe'", "fail", "bool"]),
    (("run", "report_fixture", "-p", "lang", "vi", "-p", "lang", "en"), ["lang", "twice"]),
    (("reports", "-j", "0"), ["-j", "0"]),
    (("reports", "no_such_entry"), ["no_such_entry", "ok"]),
]


@pytest.mark.parametrize("args, named", BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_exits_2_with_one_line_before_any_kernel(project, args, named):
    project.manifest(entry("ok", lang="vi"))
    out = project.cli(*args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for text in named:
        assert text in lines[0], lines[0]
    assert project.kernel_starts() == 0
    assert project.files() == {}


@pytest.mark.parametrize("manifest, named", [
    (entry("x", lang="de"), ["report 2", "'de'", "en | vi"]),
    (entry("x", colour="red"), ["report 2", "colour", "lang, audience, fail, rows"]),
    ('[[report]]\nnotebook = "nope"\n', ["report 2", "nope", "report_fixture"]),
    ('[[report]]\nnotebok = "report_fixture"\n', ["report 2", "notebok", "notebook, parameters, name"]),
    (entry("x", lang="vi") + entry("x", lang="en"), ["report 3", "'x'", "report 2"]),
])
def test_a_bad_manifest_entry_stops_the_whole_build_before_any_kernel(project, manifest, named):
    project.manifest(entry("good", lang="vi"), manifest)
    out = project.cli("reports")
    assert out.returncode == 2, out.stderr
    line, = out.stderr.strip().splitlines()
    for text in named:
        assert text in line, line
    assert project.kernel_starts() == 0 and project.files() == {}


def test_parameters_cell_is_read_with_types_and_allowed_values():
    spec = params.specs(FIXTURE)
    assert spec["lang"] == params.Param("lang", "str", "en", "language of the report", ("en", "vi"))
    assert spec["rows"].range == (1, 5)
    assert params.resolve(FIXTURE, {"rows": "2", "fail": "true"})["rows"] == 2
    assert params.resolve(FIXTURE, {"fail": "true"})["fail"] is True
    with pytest.raises(params.ParameterError, match="allowed: 1..5"):
        params.resolve(FIXTURE, {"rows": 0})


@pytest.mark.parametrize("line, problem", [
    ('lang = "en"  # no type', "name: type = default"),
    ('lang: list = ["en"]', "type one of"),
    ('lang: str = "de"  # language; allowed: en | vi', "'de' is not allowed"),
    ('year: float = 1.0  # allowed: 1..3', "range"),
    ('n: int = f(3)', "literal"),
])
def test_a_badly_written_parameters_cell_is_refused_with_its_line(line, problem):
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": line}]}
    with pytest.raises(params.ComparativeError, match=problem):
        params.specs_from_json(nb, "demo")


def test_entry_ids_name_language_audience_and_changed_parameters():
    spec = params.specs(FIXTURE)
    values = params._resolve(spec, "report_fixture", {"lang": "vi"})
    assert reports.entry_id("report_fixture", values, spec) == "report_fixture.vi"
    values = params._resolve(spec, "report_fixture", {"audience": "seminar", "rows": 2})
    assert reports.entry_id("report_fixture", values, spec) == "report_fixture.en-seminar.rows-2"


def test_numbers_are_written_the_way_each_language_writes_them():
    assert i18n.number(10035, "en") == "10,035" and i18n.number(10035, "vi") == "10.035"
    assert i18n.number(66.9, "en") == "66.9" and i18n.number(66.9, "vi") == "66,9"
    assert i18n.number(-29, "vi") == "−29"
    assert i18n.number(99.99, "vi", 1) == "100,0"
    assert i18n.date("2025-07-01", "vi") == "1/7/2025" and i18n.date("2025-07", "en") == "July 2025"


def test_every_string_has_both_languages():
    assert i18n.missing() == []


def test_clean_notebook_strips_run_specific_metadata():
    nb = {"metadata": {"papermill": {"parameters": {"lang": "vi"}, "start_time": "x", "duration": 1.0,
                                     "input_path": "/tmp/a.ipynb", "environment_variables": {}}},
          "cells": [{"cell_type": "code", "id": "9f0a", "source": "", "outputs": [],
                     "metadata": {"tags": ["injected-parameters"], "papermill": {"duration": 2},
                                  "execution": {"iopub.status.busy": "2025"}}}]}
    render.clean_notebook(nb, {"notebook": "n", "lang": "vi"})
    assert nb["metadata"]["papermill"] == {"parameters": {"lang": "vi"}}
    assert nb["cells"][0]["metadata"] == {"tags": ["injected-parameters"]}
    assert nb["cells"][0]["id"] == "injected-parameters"


def test_report_view_hides_parameter_cells_lab_notes_and_warnings():
    def cell(tags, outputs):
        return {"cell_type": "code", "metadata": {"tags": tags}, "source": "x", "outputs": outputs}
    shown = {"output_type": "display_data", "data": {"text/plain": "shown"}, "metadata": {}}
    warn = {"output_type": "stream", "name": "stderr", "text": "DeprecationWarning"}
    nb = {"metadata": {}, "cells": [cell(["parameters"], [shown]), cell(["injected-parameters"], [shown]),
                                    cell(["lab-only"], [shown]), cell([], [warn]), cell([], [shown, warn])]}
    view = render.report_view(nb, "report")
    assert [c["outputs"] for c in view["cells"]] == [[shown]]
    assert len(render.report_view(nb, "seminar")["cells"]) == 2  # code without output stays
    assert render.stderr_outputs(nb) == [(4, "DeprecationWarning"), (5, "DeprecationWarning")]


# ------------------------------------------------------------------ builds (kernels)

def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_build_parallel_then_noop_then_rebuild_is_byte_identical(project):
    project.manifest(entry("ok_vi", lang="vi"), entry("ok_en", lang="en", rows=2))
    out = project.cli("reports", "-j", "2")
    assert out.returncode == 0, out.stderr
    assert "2 built, 0 up to date, 0 failed" in out.stdout
    assert project.kernel_starts() == 2
    first = project.files()
    assert {"ok_vi.html", "ok_vi.pdf", "ok_vi.ipynb", "ok_en.html", "ok_en.pdf", "ok_en.ipynb"} <= set(first)

    out = project.cli("reports")               # nothing changed: no kernel, same files
    assert out.returncode == 0 and "0 built, 2 up to date" in out.stdout, out.stdout
    assert project.kernel_starts() == 2 and project.files() == first

    (project.reports / "ok_en.pdf").unlink()   # a lost output is rebuilt
    out = project.cli("reports")
    assert "1 built, 1 up to date" in out.stdout and project.kernel_starts() == 3

    out = project.cli("reports", "--force")    # from scratch: the same bytes
    assert out.returncode == 0 and "2 built" in out.stdout
    assert project.files(stamps=False) == {k: v for k, v in first.items() if not k.startswith(".cache")}

    nb = project.root / "notebooks" / "report_fixture.ipynb"   # a changed notebook reruns
    nb.write_text(nb.read_text().replace("Bảng minh họa", "Bảng minh họa, đã sửa"))
    out = project.cli("reports", "ok_vi")
    assert "1 built" in out.stdout and project.kernel_starts() == 6
    assert project.files()["ok_vi.html"] != first["ok_vi.html"]


def test_a_failing_notebook_names_its_cell_keeps_earlier_reports_and_others_build(project):
    project.manifest(entry("victim", lang="vi"), entry("other", lang="en"))
    assert project.cli("reports").returncode == 0
    before = project.files()

    project.manifest(entry("victim", lang="vi", fail=True), entry("other", lang="en"),
                     entry("newcomer", lang="en", fail=True))
    out = project.cli("reports", "--force", "-j", "2")
    assert out.returncode == 1
    failures = [ln for ln in out.stderr.splitlines() if ln.startswith("FAILED")]
    assert len(failures) == 2, out.stderr
    victim = next(ln for ln in failures if "victim" in ln)
    assert "cell 13 (if fail:)" in victim and "ValueError: deliberate failure for the test" in victim
    assert "1 built, 0 up to date, 2 failed" in out.stdout

    after = project.files()
    for ext in ("html", "pdf", "ipynb"):
        assert after[f"victim.{ext}"] == before[f"victim.{ext}"]   # earlier report untouched
        assert f"newcomer.{ext}" not in after                        # no partial file
    assert after[".cache/victim.json"] == before[".cache/victim.json"]
    assert not [name for name in after if ".tmp-" in name]
    assert "other.pdf" in after


def test_run_writes_one_report_whose_pdf_and_html_a_reader_can_use(project):
    out = project.cli("run", "report_fixture", "-p", "lang", "vi", "-p", "rows", "4")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(project.reports / f"report_fixture.vi.rows-4.{e}")
                                  for e in ("ipynb", "html", "pdf")]
    text = _pdf_text(project.reports / "report_fixture.vi.rows-4.pdf")
    assert "Sắp xếp đơn vị hành chính – Tiếng Việt có dấu" in text   # diacritics survive
    assert "phiên bản dữ liệu" in text and "Ấn bản" in text
    assert "Bảng 1. Bảng minh họa. Nguồn: Nguyễn Thị Thục, 2025, mục 2." in text   # caption from markdown, CSL citation
    assert "Demonstration" not in text and "Provinces after" not in text  # one language
    assert "Hình 1." in text and ("1 / 1" in text or "1 / 2" in text)
    assert "10.035,5" in text                                        # Vietnamese number format
    for code in ("import comparative", "{eval}", "page.start", "Traceback", "# Parameters"):
        assert code not in text

    page = (project.reports / "report_fixture.vi.rows-4.html").read_text()
    assert '<html lang="vi">' in page and "<pre" not in page and "injected-parameters" not in page
    assert page.count("<figure>") == 1 and "<figcaption>Hình 1." in page
    assert "Nguyễn Thị Thục. (2025). Một số vấn đề" in page          # the reference list (CSL APA)

    out = project.cli("run", "report_fixture", "-p", "audience", "seminar")
    assert out.returncode == 0, out.stderr
    page = (project.reports / "report_fixture.en-seminar.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))               # code is highlighted in spans
    assert "R.table(df" in text and "# Parameters" not in text      # code shown, injected cell never
    assert "page.start(" not in text                                # plumbing hidden
    assert "# A small table with Vietnamese names." in text and "# vi:" not in text
    assert "References" in _pdf_text(project.reports / "report_fixture.en-seminar.pdf")


def test_editing_one_notebooks_prose_rebuilds_only_its_entries_and_flags_its_translation(project):
    other = project.root / "notebooks" / "other_fixture.ipynb"
    other.write_text(FIXTURE.read_text(encoding="utf-8").replace(
        'page.start(\\"report_fixture\\"', 'page.start(\\"other_fixture\\"'), encoding="utf-8")
    project.manifest('[[report]]\nnotebook = "report_fixture"\n',
                     '[[report]]\nnotebook = "other_fixture"\nparameters = { lang = "vi" }\n')
    out = project.cli("reports")
    assert "2 built, 0 up to date, 0 failed" in out.stdout, out.stderr
    assert "older than its English original" not in out.stderr

    other.write_text(other.read_text(encoding="utf-8").replace(
        "Provinces after the reorganization:", "Provinces after the reform:"), encoding="utf-8")
    out = project.cli("reports")
    assert "1 built, 1 up to date, 0 failed" in out.stdout, out.stdout
    assert project.kernel_starts() == 3
    warning = [ln for ln in out.stderr.splitlines() if ln.startswith("warning other_fixture.vi")]
    assert len(warning) == 1 and "translation 'intro-vi' is older than its English original" in warning[0]

    out = project.cli("reports")                    # nothing else changed: nothing runs
    assert "0 built, 2 up to date" in out.stdout and project.kernel_starts() == 3


def test_every_report_names_the_data_version_of_datapackage_json(project, tmp_path):
    from comparative.publish.processed import build
    from comparative.store.version import data_version

    build(out_dir=tmp_path)

    out = project.cli("run", "report_fixture")
    assert out.returncode == 0, out.stderr
    page = (project.reports / "report_fixture.en.html").read_text(encoding="utf-8")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == data_version()
    colophon = re.search(r'<p class="colophon">([^<]*)</p>', page).group(1)
    assert f"data version {descriptor['version']};" in colophon


def test_the_title_block_names_the_edition_and_only_the_parameters_it_changed():
    """Defaults are the report as written: the title block lists the edition and the
    parameters this edition changed, never an internal default ('as in the default model');
    the notebook and data version go to the colophon."""
    path = FIXTURE
    defaults = {k: p.default for k, p in reports.params_mod.specs(path).items()}
    info = reports.render_info(reports.Entry("report_fixture.en", "report_fixture", path, defaults), "v1")
    assert info["title_rows"] == [("Edition", "report")]
    assert "notebooks/report_fixture.ipynb" in info["colophon"] and "data version v1;" in info["colophon"]
    changed = {**defaults, "rows": 4, "lang": "vi"}
    rows = reports.render_info(reports.Entry("x", "report_fixture", path, changed), "v1")["title_rows"]
    assert rows[0] == ("Ấn bản", "báo cáo") and len(rows) == 2 and rows[1][1] == "4"


def test_the_furniture_catalogues_have_the_same_keys_in_both_languages():
    import tomllib

    folder = ROOT / "src" / "comparative" / "locale"
    en, vi = (tomllib.loads((folder / f"{lang}.toml").read_text(encoding="utf-8")) for lang in ("en", "vi"))
    for section in ("strings", "qualifiers", "param_labels", "param_values"):
        assert set(en[section]) == set(vi[section]), section
    for name, values in en["param_values"].items():
        assert set(values) == set(vi["param_values"][name]), name
    assert all(v.strip() for v in vi["strings"].values()) and all(v.strip() for v in en["strings"].values())
    assert i18n.t("caption.figure", "vi") == vi["strings"]["caption.figure"] == "Hình"
    assert max(len(v.split()) for v in en["strings"].values()) < 12       # words, not prose


def test_translations_lists_a_stale_passage_and_marks_it_once_brought_up_to_date(project):
    nb = project.root / "notebooks" / "report_fixture.ipynb"
    assert project.cli("translations").stdout == ""
    nb.write_text(nb.read_text(encoding="utf-8").replace("Provinces after the reorganization:",
                                                         "Provinces after the reform:"), encoding="utf-8")
    out = project.cli("translations")
    assert out.returncode == 0 and out.stdout.strip() == \
        "report_fixture: intro-vi is older than its English original"
    bad = project.cli("translations", "--mark", "intro-xx")
    assert bad.returncode == 2 and "intro-xx" in bad.stderr and "Traceback" not in bad.stderr
    out = project.cli("translations", "report_fixture", "--mark", "intro-vi")
    assert out.returncode == 0 and "marked intro-vi" in out.stdout
    assert project.cli("translations").stdout == ""


def test_a_passage_that_does_not_hold_is_left_out_and_cites_nothing(project):
    out = project.cli("run", "report_fixture", "-p", "rows", "4")
    assert out.returncode == 0, out.stderr
    page = (project.reports / "report_fixture.en.rows-4.html").read_text(encoding="utf-8")
    assert "a second source" not in page and "Lê Minh Thông" not in page   # nor in the references
    out = project.cli("run", "report_fixture", "-p", "rows", "5")
    page = (project.reports / "report_fixture.en.rows-5.html").read_text(encoding="utf-8")
    assert "With every row shown, a second source counts 34 provinces (Lê Minh Thông" in page
    assert page.count("Lê Minh Thông") >= 2                                 # cited and referenced


def test_a_bad_parameter_at_the_jupyterlab_prompt_shows_one_line_not_a_traceback():
    # IPython (the kernel JupyterLab runs) renders an exception through its
    # _render_traceback_; ours gives the message alone.
    import contextlib
    import io

    from IPython.testing.globalipapp import start_ipython

    ip = start_ipython()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ip.run_cell("from comparative.reporting import page\n"
                    "R = page.start('vietnam_2025_reorganization', lang='fr')")
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).strip()
    assert text == ("ParameterError: value 'fr' is not allowed for parameter 'lang' of "
                    "notebook vietnam_2025_reorganization; allowed: en | vi")


def test_tables_align_text_left_and_numbers_right_in_jupyterlab_too(monkeypatch):
    # JupyterLab's stylesheet right-aligns every cell and beats a bare align attribute,
    # so each cell carries its alignment as an inline style as well.
    import pandas as pd

    from comparative.reporting import page

    shown = []
    R = page.Report("vietnam_2025_reorganization", {"lang": "en", "audience": "report"})
    monkeypatch.setattr(R, "_show_html", lambda html_text, plain: shown.append(html_text))
    R.table(pd.DataFrame({"name": ["Hà Nội", "Huế"], "n": [1, 23]}), caption="x",
            columns={"name": "Name", "n": "Count"})
    cells = re.findall(r"<t[dh]([^>]*)>([^<]*)</t[dh]>", shown[0])
    styles = {text: attrs for attrs, text in cells}
    for text in ("Name", "Hà Nội", "Huế"):
        assert 'align="left" style="text-align:left"' in styles[text], text
    for text in ("Count", "1", "23"):
        assert 'align="right" style="text-align:right"' in styles[text], text
