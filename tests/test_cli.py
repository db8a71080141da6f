"""The `comparative` command: output, and one-line refusals with status 2."""

from __future__ import annotations

import csv
import io
import json

import pytest

import comparative as c

from .conftest import run_cli


def test_facts_csv_round_trips_every_fact_of_a_case():
    out = run_cli("facts", "--case", "vietnam_2025", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    expected = c.facts(case="vietnam_2025")
    assert [r["id"] for r in rows] == list(expected["id"])
    assert {r["case"] for r in rows} == {"vietnam_2025"}


def test_facts_jsonl_keeps_vietnamese_diacritics():
    out = run_cli("facts", "--country", "VN", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records and all(r["country"] == "VNM" for r in records)
    assert any("Số" in r["quantity_vi"] or "ố" in r["quantity_vi"] for r in records)
    assert "\\u" not in out.stdout


def _flat(text: str) -> str:
    """Printed text with its wrapping undone: runs of white space as one space."""
    return " ".join(text.split())


def test_facts_show_prints_value_evidence_and_citation_once_each():
    f = c.facts(country="VN").iloc[0]
    out = run_cli("facts", "show", f["id"], env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    flat = _flat(out.stdout)
    assert f"“{_flat(f['evidence'])}”" in flat
    reference, in_text = c.cite(f["id"]).split("\n")
    assert f"source: {_flat(reference)} cite as: {_flat(in_text)}" in flat
    assert f["value"] in flat
    # the place in the source is printed once, inside the in-text citation
    assert "locator:" not in out.stdout
    assert out.stdout.count(_flat(in_text)) <= 1 and flat.count(_flat(in_text)) == 1


def test_facts_show_never_breaks_a_word():
    fid = "vnlg-governance-actors"
    f = c.fact(fid)
    out = run_cli("facts", "show", fid, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    printed = set(out.stdout.split())
    for text in (f.note, f.evidence, f.quantity_en):
        for word in text.split():
            assert word.strip("“”") in printed or f"“{word}" in printed or f"{word}”" in printed, word


@pytest.mark.parametrize("args, message", [
    (("facts", "--case", "atlantis"), "unknown case 'atlantis'; allowed: "),
    (("facts", "--country", "FR"), "unknown country 'FR'; allowed: VNM, CHN, VN, CN, Viet Nam, China"),
    (("facts", "show", "no-such-fact"), "unknown fact id 'no-such-fact'; allowed: "),
    (("facts", "--format", "xml"), "argument --format: invalid choice: 'xml' (choose from 'table', "
                                   "'csv', 'jsonl')"),
    (("facts", "--columns", "id,vlaue"), "unknown column 'vlaue'; did you mean value"),
    # did you mean: the closest names, on one line, not the alphabetical list
    (("facts", "show", "vn2025-communes-change"), "unknown fact id 'vn2025-communes-change'; did you "
                                                 "mean vn2025-communes-change-pct-thuc, "),
    (("facts", "--case", "vietnam2025"), "unknown case 'vietnam2025'; did you mean vietnam_2025? "),
    (("facts", "--topic", "stage"), "unknown topic 'stage'; did you mean stages"),
    (("params", "vietnam_2025_reorganisation"), "unknown notebook 'vietnam_2025_reorganisation'; "
                                                "did you mean vietnam_2025_reorganization?"),
    (("run", "vietnam_2025_reorganization", "-p", "sortby", "area"),
     "unknown parameter 'sortby' for notebook vietnam_2025_reorganization; did you mean sort_by? "
     "allowed: lang, audience, sort_by, show"),
    (("sources", "cite", "thuc2052"), "did you mean thuc2025"),
    (("facts", "list"), "unknown facts action 'list'; allowed: show ID"),
    (("nonsense",), "invalid choice: 'nonsense'"),
])
def test_bad_input_exits_2_with_one_line(args, message):
    out = run_cli(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert message in lines[0]
    assert len(lines[0]) <= 400, lines[0]           # shortened: never the 320 fact ids


def test_a_broken_record_stops_every_command_with_one_line_and_writes_nothing(tmp_path):
    import shutil

    from .conftest import ROOT

    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    (tmp_path / "data" / "processed").mkdir()
    path = tmp_path / "data" / "raw" / "facts" / "huzhou_pension.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value = 47456", 'value = "47.456"', 1), encoding="utf-8")
    for args in (("facts",), ("check",), ("build",), ("run", "local_initiative_china"), ("reports",)):
        out = run_cli(*args, env={"COMPARATIVE_ROOT": str(tmp_path)})
        assert out.returncode == 2, (args, out.stderr)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, out.stderr
        assert ("data/raw/facts/huzhou_pension.toml: record 'huzhou-rural-residents-covered-2005', "
                "field 'value': does not parse as a number") in lines[0]
    assert list((tmp_path / "data" / "processed").iterdir()) == []
    assert not (tmp_path / "reports").exists() or list((tmp_path / "reports").iterdir()) == []


# ------------------------------------------------------------------ output that fits 80 columns

WIDE_COMMANDS = [
    ("facts",), ("facts", "--lang", "vi"), ("facts", "--columns", "all", "--case", "huzhou_pension"),
    ("facts", "--columns", "id,value,evidence,note", "--case", "vietnam_2025"),
    ("facts", "show", "vnlg-governance-actors"), ("facts", "show", "vn2025-communes-change-pct-thuc"),
    ("facts", "show", "vn2025-communes-change-pct-thuc", "--style", "bibtex", "--lang", "vi"),
    ("sources",), ("sources", "cite", "thuc2025", "--style", "bibtex"),
    ("sources", "cite", "un_desa_egdi", "--style", "chicago"),
    ("datasets",), ("datasets", "show", "vn_papi"), ("params", "vietnam_2025_reorganization"),
    ("params", "digital_government_regression"), ("--help",), ("facts", "--help"), ("run", "--help"),
]


@pytest.mark.parametrize("args", WIDE_COMMANDS, ids=[" ".join(a) for a in WIDE_COMMANDS])
def test_every_line_fits_80_columns(args):
    out = run_cli(*args, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()
    longest = max(out.stdout.splitlines(), key=len)
    assert len(longest) <= 80, f"{len(longest)} columns: {longest}"


def test_the_table_shows_every_fact_with_its_whole_id_and_label_words():
    out = run_cli("facts", "--case", "vietnam_2025", env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    df = c.facts(case="vietnam_2025")
    tokens = set(out.stdout.split())
    assert set(df["id"]) <= tokens                     # ids are never broken or cut
    assert out.stdout.rstrip().endswith(f"{len(df)} facts")
    label = df["quantity_en"].iloc[0]
    assert _flat(label) in _flat(out.stdout)


def test_a_wide_terminal_gets_wide_lines_and_columns_all_gets_every_field():
    out = run_cli("facts", "--case", "huzhou_pension", env={"COLUMNS": "160"})
    assert max(len(line) for line in out.stdout.splitlines()) > 80
    out = run_cli("facts", "--case", "huzhou_pension", "--columns", "all", env={"COLUMNS": "80"})
    f = c.facts(case="huzhou_pension").iloc[0]
    for col in ("id", "case", "topic", "evidence", "locator", "source"):
        assert f"{col}:" in out.stdout
    assert _flat(f["evidence"]) in _flat(out.stdout)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_csv_and_jsonl_are_the_same_bytes_at_any_width(fmt):
    narrow = run_cli("facts", "--format", fmt, env={"COLUMNS": "40"})
    wide = run_cli("facts", "--format", fmt, env={"COLUMNS": "300"})
    assert narrow.returncode == wide.returncode == 0
    assert narrow.stdout == wide.stdout
    df = c.facts()
    if fmt == "csv":
        assert narrow.stdout == df.to_csv(index=False, lineterminator="\n")
    else:
        assert len(narrow.stdout.splitlines()) == len(df)
        assert list(json.loads(narrow.stdout.splitlines()[0])) == list(df.columns)


# ------------------------------------------------------------------ finding facts

def test_search_ignores_case_and_diacritics():
    from comparative.store.facts import all_facts
    from comparative.store.search import fold

    out = run_cli("facts", "--search", "quan tri", "--format", "csv")
    assert out.returncode == 0, out.stderr
    ids = [r["id"] for r in csv.DictReader(io.StringIO(out.stdout))]
    on_governance = [f.id for f in all_facts()
                     if "quản trị" in f.quantity_vi.lower()]
    assert on_governance and set(on_governance) <= set(ids)
    assert "vnlg-governance-actors" in ids
    for r in csv.DictReader(io.StringIO(out.stdout)):
        assert "quan" in fold(" ".join(r.values())) and "tri" in fold(" ".join(r.values()))
    # đ is a letter of its own: "Da Nang" finds "Đà Nẵng", "DA NANG" too
    assert fold("Đà Nẵng") == "da nang"
    assert len(c.facts(search="DA NANG")) == len(c.facts(search="Đà Nẵng")) > 0
    # every word must match; the table says so when none does
    none = run_cli("facts", "--search", "quan tri zzzz")
    assert none.returncode == 0 and "0 facts; none matches (every word must occur" in none.stdout


def test_search_puts_the_whole_phrase_first():
    df = c.facts(search="quan tri dia phuong")
    from comparative.store.search import fold

    first = df.iloc[0]
    assert "quan tri dia phuong" in fold(first["quantity_vi"] + " " + first["evidence"])


def test_filters_ignore_case_and_topic_is_a_filter():
    out = run_cli("facts", "--country", "vn", "--topic", "Legal Timeline", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records and {r["country"] for r in records} == {"VNM"}
    assert {r["topic"] for r in records} == {"legal timeline"}
    assert len(c.facts(case="VIETNAM_2025")) == len(c.facts(case="vietnam_2025"))


# ------------------------------------------------------------------ a CLI that explains itself

def test_version_and_help_on_every_command():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"comparative {c.__version__}"
    from comparative.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():
        assert parser.description and len(parser.description.split()) >= 6, name
        assert any(h.dest == name for h in sub._choices_actions if h.help), name


def test_run_help_lists_every_notebook():
    from comparative.reporting.params import available

    out = run_cli("run", "--help", env={"COLUMNS": "80"})
    assert out.returncode == 0
    names = available()
    assert len(names) >= 7
    for name in names:
        assert f"  {name}\n" in out.stdout


def test_columns_choose_the_fields_of_csv_too():
    out = run_cli("facts", "--case", "huzhou_pension", "--columns", "id,label,evidence", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == ["id", "quantity_en", "evidence"]
    assert [r["evidence"] for r in rows] == list(c.facts(case="huzhou_pension")["evidence"])
