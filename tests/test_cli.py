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


def test_facts_show_prints_value_evidence_and_citation():
    f = c.facts(country="VN").iloc[0]
    out = run_cli("facts", "show", f["id"])
    assert out.returncode == 0, out.stderr
    assert f["evidence"] in out.stdout
    reference, in_text = c.cite(f["id"]).split("\n")
    assert f"  source:    {reference}\n             {in_text}\n" in out.stdout
    assert f["value"] in out.stdout


@pytest.mark.parametrize("args, message", [
    (("facts", "--case", "atlantis"), "unknown case 'atlantis'; allowed: "),
    (("facts", "--country", "FR"), "unknown country 'FR'; allowed: VNM, CHN, VN, CN, Viet Nam, China"),
    (("facts", "show", "no-such-fact"), "unknown fact id 'no-such-fact'; allowed: "),
    (("facts", "--format", "xml"), "unknown format 'xml'; allowed: table, csv, jsonl"),
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
