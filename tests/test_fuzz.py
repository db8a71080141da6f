"""Issue 12's fuzz suite: property-based tests (Hypothesis) over command-line arguments,
notebook parameter values, manifests and fact records.

Whatever the input, the command ends with status 0, 1 or 2, prints no traceback, says a
failure in one line (``check`` in one line per problem), writes nothing under
``data/raw/`` and leaves no temporary file.  The command runs in this process (no
interpreter start) and no kernel starts: an entry that would be built is handed to a
stub that fails it (status 1), so what is checked is everything before the kernel.

Derandomized (the same examples on every run) and few examples each, to keep the suite
fast; ``HYPOTHESIS_PROFILE=deep`` runs many more.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparative import _files
from comparative import cli as cli_module
from comparative.reporting import build

from .clihelp import cli, make_project, raw_digest, stub_builds

settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.register_profile("deep", max_examples=500, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# text a person (or a fuzzer) may type: control characters, Vietnamese in NFC and NFD,
# bidi marks, long runs, path pieces
NASTY = st.sampled_from(["", " ", "\n", "ab\n", "\x1b[31m", "\x00", "\u202e", "\u2028",
                         "Hà Nội", "Ha\u0300 No\u0302\u0323i", "../", "/", "..", "~", "%s",
                         "{x}", "'", '"', "\\", "nan", "inf", "-1", "0", "1e309", "true",
                         "x" * 300, "ệ" * 200, "2012–2016", "2012,2016", "2012-2016"])
TEXT = st.one_of(NASTY, st.text(max_size=20), st.text(min_size=250, max_size=400))

COMMANDS = ["facts", "sources", "datasets", "params", "run", "reports", "translations"]
TOKENS = ["show", "cite", "--case", "--country", "--topic", "--search", "--format",
          "--columns", "--style", "--lang", "-p", "-j", "--timeout", "--force", "--mark",
          "report_fixture", "vietnam_2025", "VN", "vn", "csv", "jsonl", "table", "all",
          "id,value", "lang", "vi", "en", "audience", "seminar", "rows", "fail", "3", "9",
          "apa", "bibtex", "csl-json", "thuc2025", "un_egdi", "ok", "2",
          "vn2025-communes-change-pct-thuc", "--help"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("fuzz") / "project")
    (root / "notebooks" / "manifest.toml").write_text(
        '[[report]]\nnotebook = "report_fixture"\nname = "ok"\n')
    return root


@pytest.fixture(scope="module")
def raw_before():
    return raw_digest()


def _clean(root: Path, code: int, err: str, raw_before, many_lines_ok: bool = False) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if code != 0 and not many_lines_ok:
        assert len(lines) == 1, err
    for ln in lines:
        assert len(ln) <= cli_module.MAX_LINE and ln.startswith(("comparative:", "FAILED", "warning")), ln
        assert "\x1b" not in ln and "\x00" not in ln and "\u2028" not in ln
    assert raw_digest() == raw_before
    assert _files.temporaries(root / "reports") == []


@given(command=st.sampled_from(COMMANDS),
       rest=st.lists(st.one_of(st.sampled_from(TOKENS), TEXT), max_size=6))
def test_any_command_line_ends_cleanly(project, raw_before, monkeypatch, command, rest):
    stub_builds(monkeypatch)
    code, out, err = cli(command, *rest, root=project)
    _clean(project, code, err, raw_before)


PARAM_NAMES = st.one_of(st.sampled_from(["lang", "audience", "fail", "rows"]), TEXT)
VALUES = st.one_of(TEXT, st.integers(-10, 10).map(str), st.sampled_from(["en", "vi", "report",
                                                                         "seminar", "true"]))


@given(pairs=st.lists(st.tuples(PARAM_NAMES, VALUES), max_size=4))
def test_parameter_values_are_refused_or_map_to_one_bounded_id(project, raw_before, monkeypatch,
                                                                 pairs):
    seen: list = []
    stub_builds(monkeypatch, seen)
    args = [x for name, value in pairs for x in ("-p", name, value)]
    code, out, err = cli("run", "report_fixture", *args, root=project)
    _clean(project, code, err, raw_before)
    if code == 1:                                  # accepted: reached the (stub) build
        entry, = seen
        assert len(entry.id) <= build.ID_MAX and build.ID_CHARS.fullmatch(entry.id)
        key = json.dumps(entry.parameters, sort_keys=True)
        assert _IDS.setdefault(entry.id, key) == key, "two parameter sets, one file name"


_IDS: dict[str, str] = {}


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)       # a JSON string is a TOML basic string
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(v)


SCALARS = st.one_of(TEXT, st.integers(-10**6, 10**6), st.booleans(),
                    st.floats(allow_nan=True, allow_infinity=True))
VALUE = st.one_of(SCALARS, st.lists(SCALARS, max_size=3))
ENTRY = st.fixed_dictionaries(
    {"notebook": st.one_of(st.just("report_fixture"), VALUE)},
    optional={"name": st.one_of(st.just("ok"), VALUE),
              "parameters": st.one_of(st.dictionaries(PARAM_NAMES.filter(lambda k: k.isidentifier()),
                                                      st.one_of(VALUE, VALUES), max_size=3), VALUE),
              "colour": VALUE})


def _manifest(entries: list[dict]) -> str:
    out = []
    for e in entries:
        out.append("[[report]]")
        for k, v in e.items():
            if isinstance(v, dict):
                inner = ", ".join(f"{json.dumps(kk)} = {_toml_value(vv)}" for kk, vv in v.items())
                out.append(f"{k} = {{ {inner} }}")
            else:
                out.append(f"{k} = {_toml_value(v)}")
    return "\n".join(out) + "\n"


@given(entries=st.lists(ENTRY, min_size=0, max_size=3),
       junk=st.one_of(st.none(), TEXT, st.binary(max_size=40)))
def test_any_manifest_is_refused_in_one_line_or_built(tmp_path_factory, raw_before, monkeypatch,
                                                       entries, junk):
    root = make_project(tmp_path_factory.mktemp("m") / "p")
    stub_builds(monkeypatch)
    path = root / "notebooks" / "manifest.toml"
    if junk is None:
        path.write_text(_manifest(entries), encoding="utf-8")
    elif isinstance(junk, bytes):
        path.write_bytes(junk)
    else:
        path.write_bytes(junk.encode("utf-8", "surrogatepass"))
    code, out, err = cli("reports", root=root)
    _clean(root, code, err, raw_before, many_lines_ok=code == 1)
    assert code in (1, 2)                          # the stub fails every entry it is given
    if code == 1:
        assert all(ln.startswith("FAILED") for ln in err.splitlines() if ln.strip()), err


# ------------------------------------------------------------------ fact records

FIELDS = ["id", "topic", "country", "quantity_en", "quantity_vi", "value", "unit",
          "qualifier", "source", "locator", "evidence", "period", "note", "caveat_en",
          "colour"]


@pytest.fixture(scope="module")
def raw_copy(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("raw") / "p", raw=True)
    return root


def _write_facts(path: Path, records) -> None:
    out = []
    for rec in records:
        out.append("[[fact]]")
        for k, v in rec.items():
            if hasattr(v, "isoformat") and not isinstance(v, str):
                out.append(f"{k} = {v.isoformat()}")
            else:
                out.append(f"{k} = {_toml_value(v)}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def _clear_caches() -> None:
    from comparative.store import facts, sources

    facts._cached_facts.cache_clear()
    sources._registry.cache_clear()


@settings(max_examples=15)
@given(file=st.sampled_from(["huzhou_pension", "chongqing_hukou", "vietnam_2025"]),
       index=st.integers(0, 200), field=st.sampled_from(FIELDS),
       value=st.one_of(VALUE, st.none()))
def test_a_mutated_fact_record_is_reported_with_its_file_and_never_crashes(
        raw_copy, raw_before, file, index, field, value):
    path = raw_copy / "data" / "raw" / "facts" / f"{file}.toml"
    original = path.read_bytes()
    records = tomllib.loads(original.decode("utf-8"))["fact"]
    rec = records[index % len(records)]
    if value is None:
        rec.pop(field, None)
    else:
        rec[field] = value
    try:
        _write_facts(path, records)
        _clear_caches()
        code, out, err = cli("check", root=raw_copy)
        _clean(raw_copy, code, err, raw_before, many_lines_ok=True)
        if code == 2:
            assert f"facts/{file}.toml" in err or "model matrix" in err or "manifest" in err, err
        _clear_caches()
        code, out, err = cli("facts", "--format", "csv", root=raw_copy)
        _clean(raw_copy, code, err, raw_before)
    finally:
        path.write_bytes(original)
        _clear_caches()
