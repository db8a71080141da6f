"""The Vietnam–China model matrix and the bilingual glossary.

Both are curated in ``data/raw/`` (``model_matrix.toml``, ``glossary.toml``): each matrix
cell is a short coded value in English and Vietnamese plus the ids of the facts that
support it; a test checks that every figure written in a cell is the value of one of its
facts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import DataError

COUNTRY_KEYS = ("vn", "cn")
_CELL_FIELDS = ("en", "vi", "facts")
_DIMENSION_FIELDS = ("label_en", "label_vi", "description_en", "description_vi", "vn", "cn")


@lru_cache(maxsize=None)
def _matrix(path_str: str) -> tuple[dict, ...]:
    from ..store.facts import all_facts

    path = Path(path_str)
    file = _rel(path)
    ids = {f.id for f in all_facts()}
    data = read_toml(path)
    out = []
    for key, dim in data.items():
        for field in _DIMENSION_FIELDS:
            if field not in dim:
                raise DataError(file, key, field, "missing; a dimension needs " + ", ".join(_DIMENSION_FIELDS))
        for country in COUNTRY_KEYS:
            cell = dim[country]
            for field in _CELL_FIELDS:
                if not cell.get(field):
                    raise DataError(file, key, f"{country}.{field}", "missing or empty")
            for fid in cell["facts"]:
                if fid not in ids:
                    raise DataError(file, key, f"{country}.facts", f"unknown fact id '{fid}'")
        out.append(dict(dim, dimension=key))
    return tuple(out)


def model_matrix():
    """The Vietnam–China model matrix, one row per dimension.

    Columns: dimension, dimension_en, dimension_vi, description_en, description_vi,
    vn_en, vn_vi, cn_en, cn_vi, vn_fact_ids, cn_fact_ids (ids joined by ';').
    """
    import pandas as pd

    rows = []
    for dim in _matrix(str(raw_dir() / "model_matrix.toml")):
        rows.append({
            "dimension": dim["dimension"], "dimension_en": dim["label_en"],
            "dimension_vi": dim["label_vi"], "description_en": dim["description_en"],
            "description_vi": dim["description_vi"],
            "vn_en": dim["vn"]["en"], "vn_vi": dim["vn"]["vi"],
            "cn_en": dim["cn"]["en"], "cn_vi": dim["cn"]["vi"],
            "vn_fact_ids": ";".join(dim["vn"]["facts"]), "cn_fact_ids": ";".join(dim["cn"]["facts"]),
        })
    return pd.DataFrame(rows).astype("string")


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
