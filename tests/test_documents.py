"""The documents the articles name, as data: each checked against the facts that mention it."""

from __future__ import annotations

import pytest

import comparative as c
from comparative.errors import DataError, UnknownName
from comparative.store.documents import TYPES, all_documents, load_documents
from comparative.store.facts import all_facts, value_text
from comparative.store.provenance import fold


def _texts(f) -> list[str]:
    """What a fact says in words: its quotes, its labels, and a list's names."""
    out = [f.evidence, f.evidence_restored, f.quantity_en, f.quantity_vi]
    if f.kind == "names":
        out += list(f.value)
    return [fold(t) for t in out if t]


def test_every_document_names_facts_that_exist_and_mention_it():
    by_id = {f.id: f for f in all_facts()}
    for d in all_documents():
        for fid in d.facts:
            assert fid in by_id, (d.id, fid)
            texts = _texts(by_id[fid])
            assert any(fold(m) in t for m in d.mentions for t in texts), \
                f"{d.id}: fact {fid} names none of {d.mentions}"


def test_every_symbol_and_name_stands_in_its_facts():
    by_id = {f.id: f for f in all_facts()}
    for d in all_documents():
        texts = [t for fid in d.facts for t in _texts(by_id[fid])]
        if d.symbol:
            assert any(fold(d.symbol) in t for t in texts), (d.id, d.symbol)
        quotes_and_labels_vi = [fold(x) for fid in d.facts for x in
                                (by_id[fid].evidence_restored or by_id[fid].evidence,
                                 by_id[fid].quantity_vi, *(by_id[fid].value if by_id[fid].kind == "names" else ()))]
        assert any(fold(d.name_vi) in t for t in quotes_and_labels_vi), (d.id, d.name_vi)


def test_every_date_is_the_value_of_one_of_its_facts():
    """Never a date from memory: a document's date is a date its facts carry."""
    by_id = {f.id: f for f in all_facts()}
    for d in all_documents():
        if not d.date:
            continue
        carried = set()
        for fid in d.facts:
            f = by_id[fid]
            if f.kind in ("date", "dates", "date_range"):
                carried |= set(value_text(f).replace("/", "; ").split("; "))
            if f.period and f.derivation == "stated":
                carried |= set(f.period.split("/"))
        assert d.date in carried, (d.id, d.date, carried)


def test_a_date_the_article_does_not_give_stays_empty():
    assert c.documents().set_index("id").loc["cn-fyp-14-outline", "date"] == ""   # 2021 is a citation year
    assert c.documents().set_index("id").loc["vn-plenum-6-cc-12", "date"] == ""


def test_the_documents_the_issue_asks_for_are_there():
    df = c.documents()
    symbols = set(df["symbol"])
    assert {"18-NQ/TW", "28-KL/TW", "202/2025/QH15", "118/2025/NĐ-CP", "942/QĐ-TTg",
            "số 90", "số 1"} <= symbols
    names = " ".join(df["name_en"])
    for words in ("11th Five-Year Plan", "14th Five-Year Plan", "4th Plenum of the 19th Central Committee"):
        assert words in names, words
    assert set(df["type"]) <= set(TYPES)
    assert df["id"].is_unique


def test_documents_is_a_dataframe_with_filters():
    df = c.documents(country="vn")
    assert len(df) > 0 and set(df["country"]) == {"VNM"}
    assert list(df.columns)[:3] == ["id", "symbol", "type"]
    hit = c.documents(fact="vn2025-res202-qh15-thuc")
    assert list(hit["symbol"]) == ["202/2025/QH15"]
    assert list(hit["date"]) == ["2025-06-12"]
    with pytest.raises(UnknownName, match="unknown document type 'treaty'"):
        c.documents(type="treaty")
    with pytest.raises(UnknownName):
        c.documents(fact="no-such-fact")


@pytest.mark.parametrize("change, field, words", [
    ('facts = ["no-such-fact"]', "facts", "unknown fact id 'no-such-fact'"),
    ('type = "treaty"', "type", "'treaty' is not allowed"),
    ('date = "June 2025"', "date", "not an ISO date"),
])
def test_a_broken_document_names_its_field(tmp_path, change, field, words):
    key = change.split(" = ")[0]
    rec = {"id": '"x-doc"', "symbol": '""', "type": '"law"', "name_vi": '"Luật"', "name_en": '"Law"',
           "issuer_vi": '""', "issuer_en": '""', "country": '"VN"', "date": '""',
           "facts": '["vn2025-res202-qh15-thuc"]'}
    rec[key] = change.split(" = ")[1]
    path = tmp_path / "documents.toml"
    path.write_text("[[document]]\n" + "\n".join(f"{k} = {v}" for k, v in rec.items()) + "\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_documents(path)
    assert f"field '{field}'" in str(err.value) and words in str(err.value)
