"""environment.yml (conda users) and pyproject.toml (make) describe the same environment."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for group in project["optional-dependencies"].values() for r in group}
    listed = set()
    in_pip = False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- pip:"):
            in_pip = True
            continue
        if in_pip and stripped.startswith("- ") and not stripped.startswith("- -e"):
            listed.add(_name(stripped[2:]))
    assert listed == declared


def test_every_dependency_is_pinned_in_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {_name(line) for line in (ROOT / "constraints.txt").read_text().splitlines()
            if line and not line.startswith("#")}
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for g in project["optional-dependencies"].values() for r in g}
    assert wanted <= pins, wanted - pins
