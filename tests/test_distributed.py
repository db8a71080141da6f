"""README's recipe for many entries on an existing engine: manifest entries (or sweeps
made in Python) are plain values, ``build_entry`` a plain function, so Dask distributed
(or Ray, or any executor) maps one over the other; each worker process keeps its own warm
kernel.  Built here on a local Dask cluster of one worker process, the reports are the
bytes of the session's build."""

from __future__ import annotations

import pytest

from comparative.reporting import build as reports

from .conftest import ROOT

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.notebooks


def test_entries_built_on_a_dask_cluster_are_the_bytes_of_the_build(built, tmp_path, monkeypatch):
    by_id = {e.id: e for e in built["entries"]}
    picked = [i for i in ("handout.en", "seminar_exercises.vi-teacher") if i in by_id]
    for group in reports.groups(built["entries"]).values():
        picked.append(group[1].id)
    entries = [by_id[i] for i in picked]
    root = tmp_path / "dask"
    root.mkdir()
    for name in ("notebooks", "data"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    for k, v in built["env"].items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("COMPARATIVE_ROOT", str(root))    # the workers inherit it

    # -- README, "Thousands of entries" --
    from dask.distributed import Client, LocalCluster

    gkey, version = reports.global_key(), reports.data_version()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(reports.build_entry, entries, gkey=gkey, dversion=version,
                             pure=False)
        results = client.gather(futures)
    # --
    assert [(r.id, r.ok) for r in results] == [(i, True) for i in picked], \
        [r.message for r in results]
    for i in picked:
        for ext in ("ipynb", "html", "pdf"):
            assert (root / "reports" / f"{i}.{ext}").read_bytes() == \
                (built["dir"] / f"{i}.{ext}").read_bytes(), f"{i}.{ext}"
