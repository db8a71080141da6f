"""The second independent fact audit (data/raw/audits/2026-12-03-second-fact-audit/) stays
true of the store: every audited fact still exists, a value the auditor found correct has
not changed since, and each value found wrong has been corrected."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from comparative.store.facts import all_facts

AUDIT = Path(__file__).resolve().parents[1] / "data" / "raw" / "audits" / "2026-12-03-second-fact-audit"


def _rows(name: str) -> dict[str, dict]:
    with open(AUDIT / name, encoding="utf-8", newline="") as fh:
        return {r["fact_id"]: r for r in csv.DictReader(fh)}


def _as_sampled(f) -> str:
    """A fact's value written as the audit's sample wrote it."""
    v = f.value
    return " | ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)


SAMPLE, VERDICTS = _rows("sample.csv"), _rows("audit.csv")
FACTS = {f.id: f for f in all_facts()}


def test_the_audit_covers_sixty_facts_each_with_a_verdict_and_a_short_quote():
    assert len(SAMPLE) == 60 and set(SAMPLE) == set(VERDICTS)
    for fid, r in VERDICTS.items():
        assert r["value_verdict"] in {"correct", "wrong", "not_found", "ambiguous"}, fid
        assert 0 < len(r["your_quote"].split()) <= 20, fid


@pytest.mark.parametrize("fid", sorted(SAMPLE))
def test_an_audited_fact_keeps_a_correct_value_and_corrects_a_wrong_one(fid):
    assert fid in FACTS, f"{fid} was audited and has disappeared"
    now, then = _as_sampled(FACTS[fid]), SAMPLE[fid]["value"]
    verdict = VERDICTS[fid]["value_verdict"]
    if verdict == "correct":
        assert now == then, f"{fid}: the auditor found {then!r} correct; the store now says {now!r}"
    if verdict == "wrong":
        assert now != then, f"{fid}: the auditor found {then!r} wrong and it is unchanged"
