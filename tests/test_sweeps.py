"""Manifest sweeps: one [[report]] with `sweep = { parameter = "all" }` stands for one
entry per allowed value, named by its parameters, checked before any kernel starts; with
`combine = true` their PDFs are also gathered into one."""

from __future__ import annotations

import io
import json

import pytest

from comparative.reporting import build, params


def _manifest(tmp_path, body: str):
    path = tmp_path / "manifest.toml"
    path.write_text(body, encoding="utf-8")
    return path


STAGES = '[[report]]\nnotebook = "digital_government_stages"\nparameters = { lang = "vi" }\n'


def test_a_sweep_over_all_makes_one_entry_per_allowed_value_in_order(tmp_path):
    stage = params.specs("digital_government_stages")["stage"]
    entries = build.load_manifest(_manifest(tmp_path, STAGES + 'sweep = { stage = "all" }\n'))
    assert [e.parameters["stage"] for e in entries] == list(stage.allowed)
    entries = build.load_manifest(_manifest(tmp_path, STAGES + 'sweep = { vietnam = "all" }\n'))
    assert [e.parameters["vietnam"] for e in entries] == [True, False]   # a bool: both
    # the default value is named too: a sweep's entries are told apart by what it sweeps
    assert [e.id for e in entries] == ["digital_government_stages.vi.vietnam-true",
                                       "digital_government_stages.vi.vietnam-false"]
    entries = build.load_manifest(_manifest(tmp_path, STAGES + 'sweep = { stage = ["1", "3"] }\n'))
    assert [e.id for e in entries] == ["digital_government_stages.vi.stage-1",
                                       "digital_government_stages.vi.stage-3"]
    assert all(e.lang == "vi" and e.combined is None for e in entries)
    entries = build.load_manifest(_manifest(
        tmp_path, '[[report]]\nnotebook = "digital_government_stages"\n'
                  'sweep = { lang = ["en", "vi"], stage = ["1", "2", "3"] }\ncombine = true\n'))
    assert [(e.lang, e.parameters["stage"]) for e in entries] == [
        (lang, s) for lang in ("en", "vi") for s in ("1", "2", "3")]
    assert {e.combined for e in entries} == {None}     # nothing swept over "all": no PDF to gather


def test_combined_groups_gather_what_differs_only_in_parameters_swept_over_all(tmp_path):
    body = ('[[report]]\nnotebook = "digital_government_stages"\n'
            'sweep = { lang = ["en", "vi"], vietnam = "all" }\ncombine = true\n')
    entries = build.load_manifest(_manifest(tmp_path, body))
    groups = build.groups(entries)
    assert list(groups) == ["digital_government_stages.en.vietnam-all",
                            "digital_government_stages.vi.vietnam-all"]       # one language each
    assert [[e.parameters["vietnam"] for e in g] for g in groups.values()] == [[True, False]] * 2


@pytest.mark.parametrize("extra, message", [
    ('sweep = { stage = "everything" }', 'must be "all" or a list'),
    ('sweep = { stag = "all" }', "unknown parameter 'stag'; did you mean stage?"),
    ('sweep = { stage = [] }', 'must be "all" or a list'),
    ('sweep = { stage = ["1", "1"] }', "distinct values"),
    ('sweep = { stage = ["9"] }', "value '9' is not allowed for parameter 'stage'"),
    ('sweep = "stage"', "'sweep' must be a table"),
    ('sweep = {}', "names no parameter"),
    ('combine = true', "'combine' gathers a sweep's entries"),
    ('sweep = { stage = ["1"] }\ncombine = "yes"', "'combine' must be true or false"),
    ('sweep = { stage = ["1"] }\nname = "x"', "drop 'name'"),
    ('sweep = { stage = "all" }\ncombine = true', "would have the name of an entry"),
    ('parameters = { stage = "1" }\nsweep = { stage = "all" }', None),
])
def test_a_bad_sweep_is_refused_in_one_line_naming_the_entry(tmp_path, extra, message):
    body = '[[report]]\nnotebook = "digital_government_stages"\n' + extra + "\n"
    with pytest.raises(build.ManifestError) as err:
        build.load_manifest(_manifest(tmp_path, body))
    text = str(err.value)
    assert "\n" not in text and text.startswith("manifest.toml, report 1: ")
    assert message is None or message in text, text


def test_a_sweep_over_a_parameter_that_allows_anything_is_refused(tmp_path):
    free = [(nb, k) for nb in params.available() for k, p in params.specs(nb).items()
            if not p.allowed and not p.range]
    if not free:
        pytest.skip("every parameter lists its values")
    nb, k = free[0]
    with pytest.raises(build.ManifestError, match="cannot be swept over \"all\""):
        build.load_manifest(_manifest(tmp_path, f'[[report]]\nnotebook = "{nb}"\nsweep = {{ {k} = "all" }}\n'))


def test_the_combined_pdf_has_every_page_in_order_with_bookmarks_and_is_stable(tmp_path, monkeypatch):
    """Fake entries (no kernel): three one-page PDFs, stamped as built, combined."""
    import pypdf

    body = ('[[report]]\nnotebook = "digital_government_stages"\nparameters = { lang = "en" }\n'
            'sweep = { stage = ["1", "2", "3"] }\n')
    entries = build.load_manifest(_manifest(tmp_path, body))
    monkeypatch.setenv("COMPARATIVE_ROOT", str(tmp_path))
    (tmp_path / "reports" / ".cache").mkdir(parents=True)
    entries = [build.Entry(e.id, e.notebook, e.path, e.parameters, "stages.en.stage-all")
               for e in entries]
    for n, e in enumerate(entries, 1):
        w = pypdf.PdfWriter()
        w.add_blank_page(200 + n, 300)
        w.add_metadata({"/Title": f"Stage {n}"})
        buf = io.BytesIO()
        w.write(buf)
        build._install(e.id, "k", {"ipynb": b"{}", "html": b"<p>", "pdf": buf.getvalue()}, {})
    first = build.combine(entries)
    assert [(r.id, r.ok, r.skipped) for r in first] == [("stages.en.stage-all", True, False)]
    target = tmp_path / "reports" / "stages.en.stage-all.pdf"
    reader = pypdf.PdfReader(target)
    assert [float(p.mediabox.width) for p in reader.pages] == [201, 202, 203]
    assert [o.title for o in reader.outline] == ["Stage 1", "Stage 2", "Stage 3"]   # theirs not imported
    data = target.read_bytes()
    assert build.combine(entries)[0].skipped and target.read_bytes() == data
    target.unlink()
    assert not build.combine(entries)[0].skipped and target.read_bytes() == data   # same bytes
    (tmp_path / "reports" / f"{entries[1].id}.pdf").unlink()     # an entry without its PDF
    missing = build.combine(entries)[0]
    assert not missing.ok and "1 of its 3 entries have no PDF" in missing.message
    assert target.read_bytes() == data                            # the old one is kept
    assert json.loads((tmp_path / "reports" / ".cache" / "stages.en.stage-all.json").read_text())["entries"] == [e.id for e in entries]


def test_an_unknown_province_gets_one_line_with_the_closest_and_every_allowed_value():
    """`comparative run` of one profile: a mistyped province is refused before any kernel
    starts, in one line that suggests the closest and lists all 34, uncut."""
    from comparative.views import profiles

    from .conftest import run_cli

    out = run_cli("run", "province_profile_vn", "-p", "province", "ha-nol")
    assert out.returncode == 2 and out.stdout == ""
    line, = out.stderr.strip().splitlines()
    assert "did you mean ha-noi" in line
    assert line.endswith("allowed: " + " | ".join(profiles.provinces("VNM")))


def test_a_swept_edition_names_its_province_in_the_title_block_even_the_default():
    """Hà Nội is the notebook's default province: a lone run leaves the default unsaid,
    but in a sweep every page says which province it is."""
    entries = build.load_manifest(build.manifest_path())
    hanoi = next(e for e in entries if e.id == "province_profile_vn.vi.province-ha-noi")
    assert hanoi.swept == ("province",)
    rows = build.render_info(hanoi, "v")["title_rows"]
    assert ("Tỉnh, thành phố", "Hà Nội") in rows or any("Hà Nội" in v for _, v in rows), rows
    alone = build.make_entry("province_profile_vn", {"lang": "vi"})
    assert not any("Hà Nội" in v for _, v in build.render_info(alone, "v")["title_rows"])


def test_building_one_swept_entry_keeps_the_combined_pdf_whole(tmp_path, monkeypatch):
    """`comparative reports ONE-ENTRY` combines that entry's sweep from the whole
    manifest: one rebuilt page does not turn a 3-page handout into a 1-page one."""
    import pypdf

    body = ('[[report]]\nnotebook = "digital_government_stages"\nparameters = { lang = "en" }\n'
            'sweep = { vietnam = "all" }\ncombine = true\n')
    manifest = build.load_manifest(_manifest(tmp_path, body))
    monkeypatch.setenv("COMPARATIVE_ROOT", str(tmp_path))
    (tmp_path / "reports" / ".cache").mkdir(parents=True)
    for e in manifest:
        w = pypdf.PdfWriter()
        w.add_blank_page(200, 300)
        buf = io.BytesIO()
        w.write(buf)
        build._install(e.id, "k", {"ipynb": b"{}", "html": b"<p>", "pdf": buf.getvalue()}, {})
    gid = manifest[0].combined
    done = build.combine(manifest, only={gid})
    assert [r.id for r in done] == [gid]
    assert len(pypdf.PdfReader(tmp_path / "reports" / f"{gid}.pdf").pages) == len(manifest) == 2
    assert build.combine(manifest, only=set()) == []
