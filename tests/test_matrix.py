"""The model matrix writes no figure that its facts do not carry; the glossary's terms
occur in the articles it names."""

from __future__ import annotations

import re

from comparative.store.facts import fact
from comparative.views.matrix import glossary, model_matrix, numbers_in
from comparative.store.provenance import fold
from comparative.store.sources import source


def _readings(token: str) -> set[float]:
    """'3.321' / '3,321' may be 3321 (grouping) or 3.321 (decimal); '73,8' is 73.8."""
    out = {float(token.replace(".", "").replace(",", ""))}
    if token.count(",") == 1 and "." not in token:
        out.add(float(token.replace(",", ".")))
    if token.count(".") == 1 and "," not in token:
        out.add(float(token))
    return out


def _allowed(fact_ids: str) -> set[float]:
    allowed: set[float] = set()
    for fid in fact_ids.split(";"):
        f = fact(fid)
        if f.kind == "number":
            allowed.add(abs(float(f.value)))
        values = [f.value] if f.kind == "date" else (list(f.value) if f.kind == "date_range" else [])
        for text in values + [f.period] + [f.quantity_en, f.quantity_vi]:
            for token in numbers_in(str(text).replace("-", " ")):
                allowed |= _readings(token)
    return allowed


def test_every_figure_in_a_cell_is_carried_by_its_facts():
    m = model_matrix()
    assert len(m) >= 6
    for _, row in m.iterrows():
        for country in ("vn", "cn"):
            allowed = _allowed(row[f"{country}_fact_ids"])
            for lang in ("en", "vi"):
                for token in numbers_in(row[f"{country}_{lang}"]):
                    assert _readings(token) & allowed, (row["dimension"], country, lang, token)


def test_matrix_has_both_languages_and_facts_for_every_cell():
    m = model_matrix()
    assert list(m["dimension"]) == ["levels", "fiscal", "innovation", "digital_stage",
                                    "digital_institutions", "accountability"]
    for col in ("dimension_en", "dimension_vi", "vn_en", "vn_vi", "cn_en", "cn_vi", "vn_fact_ids", "cn_fact_ids"):
        assert m[col].str.len().min() > 0, col
    for _, row in m.iterrows():
        assert all(fact(i).country == "VN" for i in row["vn_fact_ids"].split(";")) or row["dimension"] == "digital_stage"
        assert all(fact(i).country == "CN" for i in row["cn_fact_ids"].split(";"))


def test_a_figure_not_carried_by_the_facts_would_be_caught():
    allowed = _allowed("vn2025-communes-after-thuc")
    assert _readings("3.321") & allowed
    assert not (_readings("3.312") & allowed)


def test_glossary_terms_occur_in_the_articles_they_name(sources_dir):
    g = glossary()
    assert {"phân quyền", "phân cấp", "ủy quyền", "hộ khẩu", "quản trị địa phương"} <= set(g["vi"])
    for _, term in g.iterrows():
        for sid in term["sources"].split(";"):
            text = fold((sources_dir / source(sid).file).read_text(encoding="utf-8"))
            printed = term["as_printed"] or term["vi"]
            assert fold(term["vi"]) in text or fold(printed) in text, (term["term"], sid)
