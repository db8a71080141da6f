"""data/processed/: generated tables, a valid Frictionless data package, a codebook,
byte-identical on rebuild."""

from __future__ import annotations

import hashlib
import json

import pytest

from comparative.publish.processed import build, tables

from .conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    build(out)
    return out


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_rebuilding_gives_byte_identical_files(built, tmp_path):
    build(tmp_path)
    assert _digests(tmp_path) == _digests(built)


def test_every_dataset_has_a_parquet_beside_its_csv_with_the_same_frame(built):
    import numpy as np
    import pandas as pd

    from comparative.store.datasets import dataset_names

    for name in dataset_names():
        csv_path, pq_path = built / f"dataset_{name}.csv", built / f"dataset_{name}.parquet"
        assert csv_path.is_file() and pq_path.is_file(), name
        from_csv = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        from_pq = pd.read_parquet(pq_path)
        assert list(from_pq.columns) == list(from_csv.columns) and len(from_pq) == len(from_csv), name
        for col in from_csv.columns:
            a, b = from_csv[col], from_pq[col]
            if pd.api.types.is_bool_dtype(b) or str(b.dtype) == "boolean":
                b = b.map({True: "True", False: "False"}).fillna("")
                assert list(a) == list(b), (name, col)
            elif pd.api.types.is_numeric_dtype(b):
                nums = pd.to_numeric(a.replace("", np.nan))
                assert np.allclose(nums.to_numpy(float), b.to_numpy(float), equal_nan=True, rtol=0, atol=0), (name, col)
            else:
                assert list(a) == [("" if pd.isna(v) else str(v)) for v in b], (name, col)
    # and the panel's Parquet is the library's frame (nullable dtypes), cell for cell
    import comparative as c

    pd.testing.assert_frame_equal(pd.read_parquet(built / "dataset_un_egdi.parquet", dtype_backend="numpy_nullable"),
                                  c.dataset("un_egdi", dtype_backend="numpy_nullable"), check_dtype=False)


def test_the_data_package_validates_with_frictionless(built):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(built / "datapackage.json")
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors] if not report.valid else []
    assert report.valid, "\n".join(errors[:20])


def test_descriptor_lists_every_table_with_its_fields(built):
    desc = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in desc["resources"]]
    assert names == [t.name for t in tables()]
    assert {"facts", "sources", "glossary", "model_matrix", "dataset_un_egdi",
            "vietnam_2025_units", "huzhou_pension_lead"} <= set(names)
    for r in desc["resources"]:
        header = (built / r["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [f["name"] for f in r["schema"]["fields"]], r["name"]
        assert all(f.get("description") for f in r["schema"]["fields"]), r["name"]


def test_codebook_documents_every_table_and_column(built):
    text = (built / "codebook.md").read_text(encoding="utf-8")
    for t in tables():
        assert f"## `{t.name}.csv`" in text
        for c in t.columns:
            assert f"| `{c.name}` |" in text


def test_vietnamese_diacritics_survive_into_the_csv(built):
    import pandas as pd

    facts = pd.read_csv(built / "facts.csv", dtype=str, keep_default_na=False)
    assert facts["quantity_vi"].str.contains("Số đơn vị hành chính cấp xã").any()
    units = pd.read_csv(built / "dataset_vn_units_2025.csv", dtype=str)
    assert "Hà Nội" in set(units["name_vi"])


def test_building_never_touches_data_raw(tmp_path):
    def digest():
        h = hashlib.sha256()
        for p in sorted((ROOT / "data" / "raw").rglob("*")):
            if p.is_file():
                h.update(p.read_bytes() + str(p.stat().st_mtime_ns).encode())
        return h.hexdigest()

    before = digest()
    build(tmp_path)
    assert digest() == before


def test_a_failing_table_leaves_earlier_files_untouched(tmp_path, monkeypatch):
    build(tmp_path)
    before = _digests(tmp_path)
    import comparative.publish.processed as processed

    original = processed.tables

    def broken():
        ts = original()
        bad = ts[-1]
        return ts[:-1] + [bad.__class__(bad.name, bad.title, bad.description,
                                         lambda: (_ for _ in ()).throw(RuntimeError("boom")),
                                         bad.columns)]

    monkeypatch.setattr(processed, "tables", broken)
    with pytest.raises(RuntimeError, match="boom"):
        build(tmp_path)
    assert _digests(tmp_path) == before
    from comparative import _files

    assert not _files.temporaries(tmp_path)      # the temporaries' names are .X.tmp-PID


def test_processed_files_get_the_mode_a_plain_write_would_give(tmp_path):
    import os

    mask = os.umask(0o022)
    try:
        build(tmp_path)
    finally:
        os.umask(mask)
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes and set(modes.values()) == {0o644}, modes    # not mkstemp's 0600


def _tree(tmp_path):
    """A project whose data/processed/ is its own (data/raw is the real one)."""
    root = tmp_path / "project"
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "raw").symlink_to(ROOT / "data" / "raw", target_is_directory=True)
    return root, root / "data" / "processed"


def _state(folder):
    """The package as a reader sees it (not the build's own stamp and journal)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def test_a_build_killed_at_any_step_leaves_the_old_package_or_completes_on_rerun(tmp_path):
    """data/processed/ is replaced as one transaction: a kill -9 before the commit leaves
    the previous package whole, one after it is completed by the next run; no temporary
    is left either way.  The old package is a fresh build with two files altered."""
    from comparative import _files
    from comparative.publish.processed import JOURNAL

    from .conftest import run_cli

    root, out = _tree(tmp_path)
    env = {"COMPARATIVE_ROOT": str(root)}
    assert run_cli("build", env=env).returncode == 0
    new = _state(out)
    old = dict(new, **{"facts.csv": b"an older facts table\n", "codebook.md": b"# older\n"})
    # two files to replace: steps 1-2 write them beside, 3-4 write the commit record (the
    # commit is its rename), 5-6 rename the files after it
    for step in (1, 4, 6):
        for name in ("facts.csv", "codebook.md"):
            (out / name).write_bytes(old[name])
        killed = run_cli("build", env=dict(env, COMPARATIVE_FAULT_AT=str(step)))
        assert killed.returncode != 0
        state = _state(out)
        committed = (out / JOURNAL).exists()
        assert state in (old, new) or committed, f"step {step}: a mix of old and new files"
        assert committed == (step == 6), f"step {step}"
        rerun = run_cli("build", env=env)
        assert rerun.returncode == 0, rerun.stderr
        assert _state(out) == new and not _files.temporaries(out), f"step {step}"
        assert run_cli("build", env=env).stdout.startswith("data/processed/: up to date")


def test_an_unchanged_build_rewrites_nothing(tmp_path):
    from .conftest import run_cli

    root, out = _tree(tmp_path)
    env = {"COMPARATIVE_ROOT": str(root)}
    assert run_cli("build", env=env).returncode == 0
    inodes = {p.name: p.stat().st_ino for p in out.iterdir()}
    assert run_cli("build", env=env).returncode == 0
    assert {p.name: p.stat().st_ino for p in out.iterdir()} == inodes


def test_the_build_runs_only_when_an_input_or_an_output_changed(tmp_path):
    """`comparative build` says in one line that nothing changed, and rebuilds when
    data/raw/ changes or a built file was altered (restoring its bytes)."""
    import shutil

    from .conftest import run_cli

    root = tmp_path / "project"
    (root / "data" / "processed").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    out = root / "data" / "processed"
    env = {"COMPARATIVE_ROOT": str(root)}
    first = run_cli("build", env=env)
    assert first.returncode == 0 and first.stdout.startswith("data/processed/: built"), first.stdout
    fresh = _state(out)
    again = run_cli("build", env=env)
    assert again.stdout.splitlines() == [f"data/processed/: up to date ({len(fresh)} files)"]
    (out / "facts.csv").write_bytes(b"altered\n")              # an output altered by hand
    assert run_cli("build", env=env).stdout.startswith("data/processed/: built, 1 of")
    assert _state(out) == fresh
    glossary = root / "data" / "raw" / "glossary.toml"        # an input changed
    glossary.write_bytes(glossary.read_bytes() + b"\n# a comment\n")
    assert run_cli("build", env=env).stdout.startswith("data/processed/: built, ")  # its version
    assert run_cli("build", env=env).stdout.startswith("data/processed/: up to date")
