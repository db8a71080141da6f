"""Whole-store checks shared by ``comparative check`` and the test suite."""

from __future__ import annotations

from .._paths import shared_sources_dir
from .facts import all_facts
from .provenance import quote_in_source, value_in_evidence
from .sources import source


def evidence_problems(facts=None) -> list[str]:
    """Every fact whose quote is not in its source text, or does not carry its value."""
    folder = shared_sources_dir()
    problems = []
    for f in facts if facts is not None else all_facts():
        if not value_in_evidence(f.kind, f.value, f.evidence):
            problems.append(f"{f.file}: record '{f.id}', field 'evidence': does not contain the value {f.value!r}")
        src = source(f.source)
        if folder is None or not src.file:
            continue
        if not quote_in_source(f.evidence, folder / src.file):
            problems.append(f"{f.file}: record '{f.id}', field 'evidence': quote not found in {src.file}")
    return problems


def check_all() -> tuple[list[str], str]:
    facts = all_facts()  # raises DataError on a broken record
    problems = evidence_problems(facts)
    where = shared_sources_dir()
    scope = f"quotes checked against {where}" if where else "source texts not found: quotes not checked"
    return problems, f"{len(facts)} facts valid; {len(problems)} evidence problems; {scope}"
