"""The Vietnam–China model matrix and the bilingual glossary.

Both are curated in ``data/raw/`` (``model_matrix.toml``, ``glossary.toml``).  Each matrix
cell is a list of claims, each coded as ``practice`` (what the source reports as done, in
force or observed) or ``proposal`` (what the source, or a plan it reports, says should be
done), written in English and Vietnamese with no typed figure: a figure is a placeholder
``{fact-id}`` (``{id:unit}``, ``{id:period}``, ``{id:start}``, ``{id:end}``) that the fact
store fills in, the way each language writes it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import DataError
from ..locale import i18n

COUNTRY_KEYS = ("vn", "cn")
CODINGS = ("practice", "proposal")
FORMS = ("value", "unit", "period", "start", "end")
_CLAIM_FIELDS = ("coding", "en", "vi", "facts")
_DIMENSION_FIELDS = ("label_en", "label_vi", "description_en", "description_vi", "vn", "cn")
_PLACEHOLDER = re.compile(r"\{([^{}:]*)(?::([^{}]*))?\}")


_ISO3 = {"vn": "VNM", "cn": "CHN"}     # the matrix's cells (vn, cn) by the project's country key

def placeholders(template: str) -> list[tuple[str, str]]:
    """The figures a claim's text asks for: ``[(fact id, form), …]`` in order."""
    return [(m.group(1), m.group(2) or "value") for m in _PLACEHOLDER.finditer(template)]


def _end(f, which: str) -> str | None:
    """One end of a fact's range: of its value if a date range, else of its period."""
    if f.kind == "date_range":
        a, b = f.value
    elif "/" in (f.period or ""):
        a, _, b = f.period.partition("/")
    else:
        return None
    x = a if which == "start" else b
    return None if x == ".." else x


def _figure(f, form: str, lang: str) -> str | None:
    if form == "value":
        return i18n.fact_value(f, lang)
    if form == "unit":
        return i18n.fact_value(f, lang, unit=True)
    if form == "period":
        return i18n.period(f.period, lang) or None
    x = _end(f, form)
    return None if x is None else i18n.date(x, lang)


def _render(template: str, facts: dict, lang: str) -> str:
    return _PLACEHOLDER.sub(lambda m: _figure(facts[m.group(1)], m.group(2) or "value", lang), template)


def _claim(file: str, key: str, where: str, raw, facts: dict) -> dict:
    if not isinstance(raw, dict):
        raise DataError(file, key, where, "a claim is a table with coding, en, vi (and facts)")
    for field in raw:
        if field not in _CLAIM_FIELDS:
            raise DataError(file, key, f"{where}.{field}", "unknown field; a claim has " + ", ".join(_CLAIM_FIELDS))
    coding = raw.get("coding")
    if coding not in CODINGS:
        raise DataError(file, key, f"{where}.coding",
                        f"{coding!r} is not a coding; allowed: {', '.join(CODINGS)}")
    cited: list[str] = []
    asked = {}
    for lang in ("en", "vi"):
        text = raw.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise DataError(file, key, f"{where}.{lang}", "missing or empty")
        bare = _PLACEHOLDER.sub("", text)
        if "{" in bare or "}" in bare:
            raise DataError(file, key, f"{where}.{lang}", "an unclosed '{' or a stray '}'")
        digit = re.search(r"\d+", bare)
        if digit:
            raise DataError(file, key, f"{where}.{lang}",
                            f"figure '{digit.group()}' typed into the text; write {{fact-id}} so that it comes from a fact")
        asked[lang] = placeholders(text)
        for fid, form in asked[lang]:
            if fid not in facts:
                raise DataError(file, key, f"{where}.{lang}", f"unknown fact id '{fid}'")
            if form not in FORMS:
                raise DataError(file, key, f"{where}.{lang}",
                                f"unknown form '{fid}:{form}'; allowed: {', '.join(FORMS)}")
            if _figure(facts[fid], form, lang) is None:
                raise DataError(file, key, f"{where}.{lang}",
                                f"fact '{fid}' has no {form} to write (open or missing)")
            if fid not in cited:
                cited.append(fid)
    if set(asked["en"]) != set(asked["vi"]):
        only_en = sorted(f"{i}:{f}" for i, f in set(asked["en"]) - set(asked["vi"]))
        only_vi = sorted(f"{i}:{f}" for i, f in set(asked["vi"]) - set(asked["en"]))
        raise DataError(file, key, where, "English and Vietnamese write different figures "
                        f"(only in en: {', '.join(only_en) or '-'}; only in vi: {', '.join(only_vi) or '-'})")
    extra = raw.get("facts", [])
    if not isinstance(extra, list):
        raise DataError(file, key, f"{where}.facts", "a list of fact ids")
    for fid in extra:
        if fid not in facts:
            raise DataError(file, key, f"{where}.facts", f"unknown fact id '{fid}'")
        if fid not in cited:
            cited.append(fid)
    if not cited:
        raise DataError(file, key, where, "cites no fact; write a figure {fact-id} or list its facts")
    out = {"coding": coding, "template_en": raw["en"], "template_vi": raw["vi"], "facts": tuple(cited)}
    for lang in ("en", "vi"):
        text = _render(raw[lang], facts, lang)
        if "…" in text:
            raise DataError(file, key, f"{where}.{lang}",
                            "writes '…' (an open range); write one end, {fact-id:start}")
        out[lang] = text
    return out


@lru_cache(maxsize=None)
def _matrix(path_str: str) -> tuple[dict, ...]:
    from ..store.facts import all_facts

    path = Path(path_str)
    file = _rel(path)
    facts = {f.id: f for f in all_facts()}
    data = read_toml(path)
    out = []
    for key, dim in data.items():
        for field in _DIMENSION_FIELDS:
            if field not in dim:
                raise DataError(file, key, field, "missing; a dimension needs " + ", ".join(_DIMENSION_FIELDS))
        cells = {}
        for country in COUNTRY_KEYS:
            claims = dim[country]
            if not isinstance(claims, list) or not claims:
                raise DataError(file, key, country,
                                f"a cell is a non-empty list of claims, written [[{key}.{country}]]")
            cells[country] = tuple(_claim(file, key, f"{country}[{n}]", c, facts)
                                   for n, c in enumerate(claims, start=1))
        out.append(dict(dim, dimension=key, **cells))
    return tuple(out)


def _dimensions():
    return _matrix(str(raw_dir() / "model_matrix.toml"))


def cell_text(claims, lang: str) -> str:
    """A cell as one text: each claim after its marker, '[practice] … [proposal] …'; a
    marker of two words ('[thực tiễn]') is held together by a no-break space."""
    def sentence(text: str) -> str:
        text = text.rstrip(".")
        return text[:1].upper() + text[1:] + "."

    def marker(coding: str) -> str:
        return "[" + i18n.t("matrix." + coding, lang).replace(" ", "\u00a0") + "]"

    return " ".join(f"{marker(c['coding'])} {sentence(c[lang])}" for c in claims)


def model_matrix():
    """The Vietnam–China model matrix, one row per dimension.

    Columns: dimension, dimension_en, dimension_vi, description_en, description_vi,
    vn_en, vn_vi, cn_en, cn_vi (each cell's claims, each after its marker
    '[practice]' / '[thực tiễn]' or '[proposal]' / '[đề xuất]'), vn_fact_ids, cn_fact_ids
    (the facts its claims cite, joined by ';').  One row per claim: :func:`matrix_claims`.
    """
    import pandas as pd

    rows = []
    for dim in _dimensions():
        row = {"dimension": dim["dimension"], "dimension_en": dim["label_en"],
               "dimension_vi": dim["label_vi"], "description_en": dim["description_en"],
               "description_vi": dim["description_vi"]}
        for country in COUNTRY_KEYS:
            for lang in ("en", "vi"):
                row[f"{country}_{lang}"] = cell_text(dim[country], lang)
        for country in COUNTRY_KEYS:
            ids = [i for c in dim[country] for i in c["facts"]]
            row[f"{country}_fact_ids"] = ";".join(dict.fromkeys(ids))
        rows.append(row)
    return pd.DataFrame(rows).astype("string")


def matrix_claims():
    """The matrix one claim a row: dimension, country (ISO3: VNM / CHN), claim (its number in the
    cell), coding (practice / proposal), en, vi (the claim with its figures written in),
    fact_ids (joined by ';')."""
    import pandas as pd

    rows = [{"dimension": dim["dimension"], "country": _ISO3[country], "claim": n,
             "coding": c["coding"], "en": c["en"], "vi": c["vi"], "fact_ids": ";".join(c["facts"])}
            for dim in _dimensions() for country in COUNTRY_KEYS
            for n, c in enumerate(dim[country], start=1)]
    return pd.DataFrame(rows).astype({"claim": "int64"}).astype(
        {k: "string" for k in ("dimension", "country", "coding", "en", "vi", "fact_ids")})


def numbers_in(text: str) -> list[str]:
    """The figures written in a text: '3,321', '66.9', '2025', '1/7/2025' parts …"""
    return re.findall(r"\d+(?:[.,]\d+)*", text)


@lru_cache(maxsize=None)
def _glossary(path_str: str) -> tuple[dict, ...]:
    from ..store.sources import _sources

    path = Path(path_str)
    file = _rel(path)
    known = set(_sources())
    out = []
    for key, term in read_toml(path).items():
        for field in ("vi", "en", "definition_en", "definition_vi", "sources"):
            if not term.get(field):
                raise DataError(file, key, field, "missing or empty")
        for sid in term["sources"]:
            if sid not in known:
                raise DataError(file, key, "sources", f"unknown source '{sid}'; allowed: {', '.join(sorted(known))}")
        out.append(dict(term, term=key))
    return tuple(out)


def glossary():
    """The bilingual glossary: term, vi, en, definition_en, definition_vi, sources."""
    import pandas as pd

    rows = [{"term": t["term"], "vi": t["vi"], "en": t["en"],
             "definition_en": t["definition_en"], "definition_vi": t["definition_vi"],
             "as_printed": t.get("as_printed", ""), "sources": ";".join(t["sources"])}
            for t in _glossary(str(raw_dir() / "glossary.toml"))]
    return pd.DataFrame(rows).astype("string")
