"""Every fact says how its value was read: stated, computed or inferred."""

from __future__ import annotations

import re
import tomllib

import pytest

import comparative as c
from comparative.errors import DataError
from comparative.store.facts import DERIVATIONS, all_facts

from .conftest import ROOT
from .test_fact_store import _load, _record


def test_every_raw_fact_writes_its_derivation_and_explains_any_not_stated():
    for path in sorted((ROOT / "data" / "raw" / "facts").glob("*.toml")):
        for rec in tomllib.loads(path.read_text(encoding="utf-8"))["fact"]:
            assert rec.get("derivation") in DERIVATIONS, (path.name, rec["id"])
            if rec["derivation"] != "stated":
                assert rec.get("derivation_note", "").strip(), (path.name, rec["id"])
            else:
                assert "derivation_note" not in rec, (path.name, rec["id"])


def test_a_period_the_quote_does_not_carry_is_not_called_stated():
    for f in all_facts():
        if not f.period or f.derivation != "stated":
            continue
        for end in f.period.split("/"):
            if end == "..":
                continue
            if end.endswith("X"):        # '199X': the article writes 'những năm 90'
                assert end[2] + "0" in f.evidence, f.id
            else:
                assert end[:4] in f.evidence, (f.id, f.period, f.evidence)


def test_a_count_read_from_the_last_ordinal_is_inferred():
    for f in all_facts():
        if f.kind == "number" and re.search(r"last (ordinal|item|numbered)", f.note):
            assert f.derivation == "inferred", f.id
            assert "last ordinal" in f.derivation_note, f.id


def test_a_date_taken_from_a_citation_year_is_inferred_and_says_so():
    f = c.fact("cndg-fyp14-outline-date")
    assert f.derivation == "inferred"
    assert "citation year" in f.derivation_note and "2021" in f.derivation_note


def test_derivation_is_a_column_of_facts():
    df = c.facts()
    assert set(df["derivation"].astype(str)) <= set(DERIVATIONS)
    assert (df["derivation"] == "inferred").sum() > 0
    inferred = df[df["derivation"] == "inferred"]
    assert (inferred["derivation_note"].str.len() > 0).all()


@pytest.mark.parametrize("extra, field, words", [
    ('derivation = "guessed"\n', "derivation", "'guessed' is not allowed; allowed: stated, computed, inferred"),
    ('derivation = "inferred"\n', "derivation_note", "missing; an inferred value says what was inferred"),
])
def test_the_loader_refuses_a_bad_derivation(tmp_path, extra, field, words):
    with pytest.raises(DataError) as err:
        _load(tmp_path, _record() + extra)
    assert f"field '{field}'" in str(err.value) and words in str(err.value)


def test_the_loader_accepts_an_explained_inference(tmp_path):
    (f,) = _load(tmp_path, _record() + 'derivation = "inferred"\nderivation_note = "Period from context."\n')
    assert f.derivation == "inferred" and f.derivation_note == "Period from context."
