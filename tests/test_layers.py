"""The package's layout is its data flow (see [tool.importlinter] in pyproject.toml):
store -> locale -> views -> analysis -> publish | reporting -> cli, and no module imports
one that imports it back."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import comparative


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("comparative", cache_dir=None)


def test_the_layers_contract_is_kept():
    # import-linter, as a developer runs it: `lint-imports` reads [tool.importlinter].
    tool = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(tool), "--no-cache"], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 0 and "1 kept, 0 broken" in out.stdout, out.stdout[-2000:]


def test_a_lower_layer_never_reaches_a_higher_one(graph):
    # The same rule by a second route: no chain of imports from a lower stage upwards.
    order = ["store", "locale", "views", "analysis", "reporting"]
    for low, high in itertools.combinations(order, 2):
        chains = graph.find_shortest_chains(importer=f"comparative.{low}",
                                            imported=f"comparative.{high}", as_packages=True)
        assert not chains, f"{low} imports {high}: {sorted(chains)[0]}"
    assert not graph.find_shortest_chains(importer="comparative.publish",
                                          imported="comparative.reporting", as_packages=True)
    assert not graph.find_shortest_chains(importer="comparative.reporting",
                                          imported="comparative.publish", as_packages=True)


def test_no_two_modules_import_each_other(graph):
    pairs = [(a, b) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
             if a < b and graph.direct_import_exists(importer=b, imported=a)]
    assert pairs == []


def test_every_stage_is_a_subpackage_with_its_modules():
    import importlib

    stages = {"store": {"sources", "facts", "provenance", "datasets", "checks", "version"},
              "views": {"cases", "matrix"}, "analysis": {"charts", "regression"},
              "publish": {"schema", "tables", "processed"},
              "reporting": {"params", "page", "build", "render"}}
    for stage, modules in stages.items():
        for m in modules:
            importlib.import_module(f"comparative.{stage}.{m}")
    assert callable(comparative.facts) and callable(comparative.regress)
