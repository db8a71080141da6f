"""The fact store: loading, validation messages, the API a JupyterLab user calls."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import comparative as c
from comparative.errors import DataError, UnknownName
from comparative.store.facts import load_facts

from .conftest import ROOT

GOOD = dict(
    id="vn2025-test-fact", topic="administrative units", country="VN",
    quantity_en="Provincial-level units", quantity_vi="Số đơn vị hành chính cấp tỉnh",
    value="34", unit="provinces", qualifier="exact", period="2025-07-01",
    source="thuc2025", locator="1. Đặt vấn đề",
    evidence='"toàn quốc giảm từ 63 tỉnh, thành phố xuống còn 34 tỉnh"', note='""',
)


def _record(**changes) -> str:
    fields = dict(GOOD, **changes)
    lines = ["[[fact]]"]
    for key, value in fields.items():
        if value is None:
            continue
        if key in ("value", "evidence", "note"):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f'{key} = "{value}"')
    return "\n".join(lines) + "\n"


def _load(tmp_path: Path, *records: str, name: str = "vietnam_2025.toml"):
    folder = tmp_path / "facts"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("\n".join(records), encoding="utf-8")
    return load_facts(folder)


def test_a_good_record_loads(tmp_path):
    (f,) = _load(tmp_path, _record())
    assert f.value == 34 and f.kind == "number" and f.case == "vietnam_2025"


@pytest.mark.parametrize("changes, field, words", [
    ({"locator": None}, "locator", "missing"),
    ({"source": "nobody2030"}, "source", "unknown source 'nobody2030'; allowed: "),
    ({"unit": "furlongs"}, "unit", "unknown unit 'furlongs'; allowed: "),
    ({"value": '"thirty-four"'}, "value", "does not parse as a number"),
    ({"unit": "date", "value": '"2025-13-01"'}, "value", "not an ISO date"),
    ({"unit": "date", "value": '"2025-02-30"'}, "value", "does not parse as a date"),
    ({"unit": "date_range", "value": '"2014/2000"'}, "value", "ends before it starts"),
    ({"unit": "names", "value": "[]"}, "value", "non-empty list of names"),
    ({"unit": "names", "value": '["' + " ".join(["từ"] * 13) + '"]'}, "value", "a name may have at most 12"),
    ({"unit": "names", "value": "[" + ", ".join(f'"tỉnh số {i} ở xa"' for i in range(13)) + "]"}, "value", "at most 60"),
    ({"qualifier": "roughly"}, "qualifier", "'roughly' is not allowed; allowed: exact, about"),
    ({"country": "LA"}, "country", "'LA' is not allowed; allowed: VNM, CHN (or VN, CN, Viet Nam, China)"),
    ({"id": "Not A Slug"}, "id", "is not a slug"),
    ({"period": "July 2025"}, "period", "is not an ISO date"),
    ({"evidence": '"' + " ".join(["từ"] * 21) + '"'}, "evidence", "21 words; a quote may have at most 20"),
])
def test_a_broken_record_names_file_record_and_field(tmp_path, changes, field, words):
    with pytest.raises(DataError) as err:
        _load(tmp_path, _record(**changes))
    message = str(err.value)
    assert message.startswith("facts/vietnam_2025.toml") or "vietnam_2025.toml" in message
    assert f"field '{field}'" in message
    assert words in message
    if field != "id":
        assert "record 'vn2025-test-fact'" in message


def test_duplicate_ids_are_refused_naming_both_files(tmp_path):
    _load(tmp_path, _record(), name="vietnam_2025.toml")
    (tmp_path / "facts" / "huzhou_pension.toml").write_text(_record(), encoding="utf-8")
    with pytest.raises(DataError, match=r"record 'vn2025-test-fact', field 'id': duplicate id; also in ") as err:
        load_facts(tmp_path / "facts")
    assert "huzhou_pension.toml" in str(err.value) and "vietnam_2025.toml" in str(err.value)


def test_an_unknown_field_is_refused(tmp_path):
    with pytest.raises(DataError, match="field 'colour': unknown field; allowed: id, topic"):
        _load(tmp_path, _record() + 'colour = "red"\n')


def test_a_file_for_an_unknown_case_is_refused(tmp_path):
    with pytest.raises(DataError, match="'hanoi_metro' is not a case of cases.toml; allowed file names: "):
        _load(tmp_path, _record(), name="hanoi_metro.toml")


def test_broken_toml_names_the_file(tmp_path):
    with pytest.raises(DataError, match="vietnam_2025.toml: not valid TOML"):
        _load(tmp_path, "[[fact]\nid = ")


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
            h.update(str(p.stat().st_mtime_ns).encode())
    return h.hexdigest()


def test_loading_and_querying_never_touch_data_raw():
    before = _tree_digest(ROOT / "data" / "raw")
    c.facts()
    c.sources()
    c.cite("thuc2025", style="bibtex")
    assert _tree_digest(ROOT / "data" / "raw") == before


def test_import_reads_and_writes_nothing():
    code = textwrap.dedent("""
        import sys, comparative
        from comparative.store.facts import _cached_facts
        from comparative.store.sources import _registry
        assert _cached_facts.cache_info().currsize == 0, "facts were loaded at import"
        assert _registry.cache_info().currsize == 0, "sources were loaded at import"
        assert "pandas" not in sys.modules, "pandas imported at import time"
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_facts_dataframe_is_typed_and_filters():
    df = c.facts(country="VN")
    assert len(df) > 0
    assert set(df["country"].astype(str)) == {"VNM"}
    assert str(df["number"].dtype) == "Float64"
    assert str(df["case"].dtype) == "category"
    assert df["id"].is_unique
    numbers = df[df["unit"] == "percent"]
    assert numbers["number"].notna().all()


def test_one_country_key_iso3_with_iso2_and_un_names_accepted():
    import tomllib

    # the raw records, read here: each fact's country as its file writes it (ISO2)
    raw = {}
    for path in sorted((ROOT / "data" / "raw" / "facts").glob("*.toml")):
        for rec in tomllib.loads(path.read_text(encoding="utf-8")).get("fact", []):
            raw[rec["id"]] = rec["country"]
    iso3 = {"VN": "VNM", "CN": "CHN"}
    by_iso3 = c.facts(country="VNM")
    assert set(by_iso3["id"]) == {i for i, k in raw.items() if k == "VN"}
    for name in ("VN", "Viet Nam", "vnm"):
        assert list(c.facts(country=name)["id"]) == list(by_iso3["id"]), name
    everything = c.facts()
    assert all(iso3[raw[i]] == k for i, k in zip(everything["id"], everything["country"].astype(str)))
    assert set(c.facts(country="China")["id"]) == {i for i, k in raw.items() if k == "CN"}


def test_facts_merge_with_a_dataset_on_iso3():
    import pandas as pd

    panel = c.dataset("un_egdi")
    latest = panel[panel["survey_year"] == panel["survey_year"].max()][["iso3", "egdi", "egdi_rank"]]
    counts = c.facts().assign(iso3=lambda d: d["country"].astype(str)).groupby("iso3").size().rename("facts")
    merged = counts.reset_index().merge(latest, on="iso3", how="inner", validate="one_to_one")
    assert sorted(merged["iso3"]) == ["CHN", "VNM"]
    vn = merged.set_index("iso3").loc["VNM"]
    assert vn["egdi"] == float(panel.loc[(panel["iso3"] == "VNM") & (panel["survey_year"] == panel["survey_year"].max()), "egdi"].iloc[0])
    assert vn["facts"] == len(c.facts(country="VN")) and not pd.isna(vn["egdi_rank"])


def test_unknown_filters_list_what_is_allowed():
    with pytest.raises(UnknownName) as e:
        c.facts(country="FR")
    assert str(e.value) == "unknown country 'FR'; allowed: VNM, CHN, VN, CN, Viet Nam, China"
    with pytest.raises(UnknownName, match="unknown case 'atlantis'; allowed: .*vietnam_2025"):
        c.facts(case="atlantis")
    with pytest.raises(UnknownName, match="unknown fact id 'no-such-fact'"):
        c.fact("no-such-fact")
    with pytest.raises(UnknownName, match="unknown citation style 'mla'; allowed: apa, chicago, bibtex, csl-json"):
        c.cite("thuc2025", style="mla")


def test_a_caveat_in_one_language_only_is_refused(tmp_path):
    with pytest.raises(DataError, match="field 'caveat_vi': a caveat needs both languages"):
        _load(tmp_path, _record() + 'caveat_en = "The base is not named."\n')
    facts = _load(tmp_path, _record() + 'caveat_en = "The base is not named."\ncaveat_vi = "Bài viết không nêu mẫu số."\n')
    assert facts[0].caveat_vi == "Bài viết không nêu mẫu số."


# ------------------------------------------------------------------ finding by words

def test_search_folds_case_and_vietnamese_diacritics():
    from comparative._text import fold

    assert fold("Quản trị  ĐỊA phương") == "quan tri dia phuong"
    assert fold("Đà Nẵng") == "da nang" and fold("đ") == "d"
    hits = c.facts(search="quan tri dia phuong")
    assert "vnlg-governance-actors" in set(hits["id"])
    for _, row in hits.iterrows():
        hay = fold(" ".join(str(v) for v in row.values))
        assert all(w in hay for w in ("quan", "tri", "dia", "phuong")), row["id"]
    assert len(c.facts(search="QUẢN TRỊ")) == len(c.facts(search="quan tri"))


def test_find_searches_dataset_variables_facts_and_sources():
    found = c.find("online service")
    assert list(found.columns) == ["kind", "name", "label", "where"]
    osi = found[(found["kind"] == "variable") & (found["name"] == "osi")]
    assert list(osi["where"]) == ["dataset un_egdi"]
    gov = c.find("quan tri dia phuong")
    assert "vnlg-governance-actors" in set(gov[gov["kind"] == "fact"]["name"])
    with pytest.raises(UnknownName, match="unknown search ''"):
        c.find("")


def test_describe_says_what_a_name_is_and_where_it_comes_from():
    text = c.describe("osi")
    assert text.startswith("variable osi of dataset un_egdi")
    assert "Online Service Index" in text and "un_desa_egdi" in text
    f = c.fact("vnlg-governance-actors")
    text = c.describe(f.id)
    assert f.evidence in text and f.locator in text and f.quantity_vi in text
    assert "```text" in text._repr_markdown_()
    with pytest.raises(UnknownName, match="did you mean osi"):
        c.describe("osj")


def test_an_unknown_fact_id_is_answered_with_the_closest_ids_on_one_short_line():
    with pytest.raises(UnknownName) as e:
        c.fact("vn2025-communes-change")
    msg = str(e.value)
    assert "did you mean vn2025-communes-change-pct-thuc" in msg
    assert "\n" not in msg and len(msg) < 300
    assert e.value.suggestions[0] == "vn2025-communes-change-pct-thuc"
