"""Datasets beyond the articles: digital-government indices and administrative units.

The raw files sit in ``data/raw/datasets/`` as unchanged copies of ``../shared/reference/``;
``data/raw/datasets/datasets.toml`` describes each file (its columns, key and the
confidence the reference README gives it) and each dataset (the codebook: description,
unit of observation, coverage, sources, notes, columns).  Every file is validated when it
is read: a broken row fails with a :class:`DataError` naming the file, the row and the
column.  Every row of every dataset keeps its source (``source_id``: a key of
``sources.toml`` naming the original publisher, plus the reference file's own source
columns) and a confidence flag.

>>> import comparative as c
>>> c.datasets()                                   # doctest: +SKIP
>>> c.dataset("un_egdi")                           # doctest: +SKIP
>>> c.dataset("un_egdi", folder="~/Downloads/egov")  # the UN's own EGOV_DATA_<year>.csv  # doctest: +SKIP
>>> c.dataset("cn_provinces_2019")                 # doctest: +SKIP

Nothing here writes to ``data/raw/``.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .._paths import raw_dir
from .._toml import _rel, read_toml
from ..errors import DataError, UnknownName

REGISTRY_FILE = "datasets.toml"
CODED_FILE = "cn_coded_variables.toml"
RAW_TYPES = ("integer", "number", "string", "code", "yesno")
FIELD_TYPES = ("integer", "number", "string", "boolean")
_PANDAS_DTYPE = {"integer": "Int64", "number": "Float64", "string": "string", "code": "string",
                 "yesno": "boolean", "boolean": "boolean"}

# The UN's own file layout (EGOV_DATA_<year>.csv), and the renamed layout of the 2024 copy.
UN_LAYOUTS = {
    "un": {"Survey Year": "survey_year", "Country Name": "country", "E-Government Rank": "egdi_rank",
           "E-Government Index": "egdi", "E-Participation Index": "epi", "Online Service Index": "osi",
           "Human Capital Index": "hci", "Telecommunication Infrastructure Index": "tii"},
    "renamed_2024": {"Survey Year": "survey_year", "Country": "country", "Rank": "egdi_rank",
                     "E_Index": "egdi", "E_Participation": "epi", "Online_Service": "osi",
                     "Human_Capital": "hci", "Tele_Infra": "tii"},
}
UN_COLUMNS = UN_LAYOUTS["un"]
REGION_COLUMN = "Region"
_UN_FILE = re.compile(r"^EGOV_(WITH_REGIONS_)?DATA_(\d{4})\.csv$", re.IGNORECASE)


def datasets_dir() -> Path:
    return raw_dir() / "datasets"


# ------------------------------------------------------------------ the registry

@dataclass(frozen=True)
class Column:
    name: str
    type: str
    unit: str
    description: str


@dataclass(frozen=True)
class FileSpec:
    id: str
    path: str
    confidence: str
    flag: str
    flag_by_year: dict
    key: tuple[str, ...]
    columns: dict  # name -> {type, required, min, max}
    source_rules: tuple[dict, ...]
    publisher: str = ""
    copies: tuple[dict, ...] = ()   # for a folder of publisher files: {files, as_distributed_by, where}


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    title: str
    description: str
    unit: str
    coverage: str
    sources: tuple[str, ...]
    files: tuple[str, ...]
    key: tuple[str, ...]
    year_column: str
    country_column: str
    unit_column: str
    notes: tuple[str, ...]
    columns: tuple[Column, ...]
    exclude_provinces: tuple[str, ...]


@dataclass(frozen=True)
class Registry:
    files: dict
    datasets: dict
    vn_aliases: dict


_FILE_FIELDS = {"path", "confidence", "flag", "flag_by_year", "key", "columns", "source_rules",
                "publisher", "copies"}
_DATASET_FIELDS = {"title", "description", "unit", "coverage", "sources", "files", "key",
                   "year_column", "country_column", "unit_column", "notes", "columns",
                   "columns_like", "exclude_provinces"}


def _registry() -> Registry:
    return _load_registry(str(datasets_dir() / REGISTRY_FILE), str(raw_dir() / "sources.toml"))


@lru_cache(maxsize=None)
def _load_registry(path_str: str, sources_str: str) -> Registry:
    from .sources import _registry as source_registry

    path = Path(path_str)
    rel = _rel(path)
    data = read_toml(path)
    known_sources = source_registry(sources_str)

    files = {}
    for fid, rec in data.get("files", {}).items():
        if not isinstance(rec, dict):
            raise DataError(rel, f"files.{fid}", None, "must be a table")
        unknown = set(rec) - _FILE_FIELDS
        if unknown:
            raise DataError(rel, f"files.{fid}", sorted(unknown)[0],
                            f"unknown field; allowed: {', '.join(sorted(_FILE_FIELDS))}")
        for req in ("path", "confidence", "flag", "columns"):
            if not rec.get(req):
                raise DataError(rel, f"files.{fid}", req, "missing; every file needs it")
        for col, cs in rec["columns"].items():
            if not isinstance(cs, dict) or cs.get("type") not in RAW_TYPES:
                raise DataError(rel, f"files.{fid}", f"columns.{col}",
                                f"type must be one of {', '.join(RAW_TYPES)}")
        for k in rec.get("key", []):
            if k not in rec["columns"]:
                raise DataError(rel, f"files.{fid}", "key", f"'{k}' is not a column of the file")
        for rule in rec.get("source_rules", []):
            if rule.get("source_id") not in known_sources:
                raise DataError(rel, f"files.{fid}", "source_rules",
                                f"source_id '{rule.get('source_id')}' is not in sources.toml")
        files[fid] = FileSpec(fid, rec["path"], rec["confidence"], rec["flag"],
                              {str(k): v for k, v in rec.get("flag_by_year", {}).items()},
                              tuple(rec.get("key", ())), dict(rec["columns"]),
                              tuple(rec.get("source_rules", ())), rec.get("publisher", ""),
                              tuple(rec.get("copies", ())))

    raw_sets = data.get("datasets", {})
    sets = {}
    for name, rec in raw_sets.items():
        where = f"datasets.{name}"
        unknown = set(rec) - _DATASET_FIELDS
        if unknown:
            raise DataError(rel, where, sorted(unknown)[0],
                            f"unknown field; allowed: {', '.join(sorted(_DATASET_FIELDS))}")
        for req in ("title", "description", "unit", "coverage", "sources", "files"):
            if not rec.get(req):
                raise DataError(rel, where, req, "missing; every dataset needs it")
        for sid in rec["sources"]:
            if sid not in known_sources:
                raise DataError(rel, where, "sources", f"'{sid}' is not a key of sources.toml")
        for fid in rec["files"]:
            if fid not in files:
                raise DataError(rel, where, "files", f"'{fid}' is not described under [files]")
        cols_rec = rec.get("columns")
        if cols_rec is None and rec.get("columns_like"):
            like = rec["columns_like"]
            if like not in raw_sets or "columns" not in raw_sets[like]:
                raise DataError(rel, where, "columns_like", f"'{like}' is not a dataset with columns")
            cols_rec = raw_sets[like]["columns"]
        if not cols_rec:
            raise DataError(rel, where, "columns", "missing; describe every column")
        columns = []
        for col, cs in cols_rec.items():
            if cs.get("type") not in FIELD_TYPES:
                raise DataError(rel, where, f"columns.{col}",
                                f"type must be one of {', '.join(FIELD_TYPES)}")
            if not cs.get("description"):
                raise DataError(rel, where, f"columns.{col}", "needs a description")
            columns.append(Column(col, cs["type"], cs.get("unit", ""), cs["description"]))
        names = [c.name for c in columns]
        for field in ("year_column", "country_column", "unit_column"):
            if rec.get(field) and rec[field] not in names:
                raise DataError(rel, where, field, f"'{rec[field]}' is not a column of the dataset")
        for k in rec.get("key", []):
            if k not in names:
                raise DataError(rel, where, "key", f"'{k}' is not a column of the dataset")
        sets[name] = DatasetSpec(
            name, rec["title"], rec["description"], rec["unit"], rec["coverage"],
            tuple(rec["sources"]), tuple(rec["files"]), tuple(rec.get("key", ())),
            rec.get("year_column", ""), rec.get("country_column", ""), rec.get("unit_column", ""),
            tuple(rec.get("notes", ())), tuple(columns), tuple(rec.get("exclude_provinces", ())))
    missing_builders = set(sets) - set(_BUILDERS)
    if missing_builders:
        name = sorted(missing_builders)[0]
        raise DataError(rel, f"datasets.{name}", None,
                        f"no loader for this dataset; datasets with a loader: {', '.join(sorted(_BUILDERS))}")
    return Registry(files, sets, dict(data.get("vn_name_aliases", {})))


def _spec(name: str) -> DatasetSpec:
    reg = _registry()
    if name not in reg.datasets:
        raise UnknownName("dataset", name, list(reg.datasets))
    return reg.datasets[name]


def dataset_names() -> list[str]:
    return list(_registry().datasets)


# ------------------------------------------------------------------ reading raw files

def read_raw(file_id: str):
    """One raw CSV of data/raw/datasets/, typed and validated (a copy; cached)."""
    return _read_raw(file_id, str(datasets_dir())).copy()


@lru_cache(maxsize=None)
def _read_raw(file_id: str, folder_str: str):
    reg = _registry()
    if file_id not in reg.files:
        raise UnknownName("dataset file", file_id, list(reg.files))
    spec = reg.files[file_id]
    path = Path(folder_str) / spec.path
    return parse_csv(path, spec.columns, spec.key)


def parse_csv(path: Path, columns: dict, key=(), rename: dict | None = None, encodings=("utf-8",)):
    """Read a CSV as text and type every column by its spec; DataError on the first bad cell.

    ``columns`` maps a column name to ``{type, required, min, max}``; ``rename`` maps the
    file's column names to those names (the file may then hold further columns, ignored).
    """
    import pandas as pd

    rel = _rel(path)
    raw = None
    for enc in encodings:
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=enc)
            break
        except FileNotFoundError:
            raise DataError(rel, None, None, "file not found") from None
        except UnicodeDecodeError as exc:
            problem = f"not readable as {' or '.join(encodings)} text: {exc}"
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise DataError(rel, None, None, f"not a readable CSV: {exc}") from None
    if raw is None:
        raise DataError(rel, None, None, problem)
    raw.columns = [c.strip() for c in raw.columns]
    if rename:
        missing = [c for c in rename if c not in raw.columns]
        if missing:
            raise DataError(rel, None, missing[0],
                            f"column missing; the file must have: {', '.join(rename)}")
        raw = raw[list(rename)].rename(columns=rename)
    else:
        missing = [c for c in columns if c not in raw.columns]
        if missing:
            raise DataError(rel, None, missing[0],
                            f"column missing; the file must have: {', '.join(columns)}")
        extra = [c for c in raw.columns if c not in columns]
        if extra:
            raise DataError(rel, None, extra[0],
                            f"unexpected column; allowed: {', '.join(columns)}")
    out = pd.DataFrame(index=raw.index)
    for col, cs in columns.items():
        if col not in raw.columns:
            continue
        out[col] = _parse_column(raw[col], col, cs, rel)
    for i, dup in enumerate(out.duplicated(list(key), keep=False) if key else []):
        if dup:
            vals = tuple(out.iloc[i][k] for k in key)
            first = next(j for j in range(len(out)) if tuple(out.iloc[j][k] for k in key) == vals)
            if first != i:
                raise DataError(rel, f"row {i + 2}", "+".join(key),
                                f"duplicate key {vals}; also in row {first + 2}")
    return out.reset_index(drop=True)


def _parse_column(series, col: str, cs: dict, rel: str):
    import pandas as pd

    kind = cs["type"]
    text = series.str.strip()
    empty = text == ""
    if cs.get("required"):
        bad = empty[empty].index
        if len(bad):
            raise DataError(rel, f"row {bad[0] + 2}", col, "empty; a value is required")
    if kind in ("string", "code"):
        if kind == "code":
            wrong = ~empty & ~text.str.fullmatch(r"\d+")
            if wrong.any():
                i = wrong[wrong].index[0]
                raise DataError(rel, f"row {i + 2}", col, f"'{text[i]}' is not a numeric code")
        return text.mask(empty).astype("string")
    if kind == "yesno":
        lowered = text.str.lower()
        wrong = ~empty & ~lowered.isin(["yes", "no"])
        if wrong.any():
            i = wrong[wrong].index[0]
            raise DataError(rel, f"row {i + 2}", col, f"'{text[i]}' is not yes or no")
        return lowered.map({"yes": True, "no": False}).astype("boolean")
    numbers = pd.to_numeric(text.mask(empty), errors="coerce")
    wrong = ~empty & numbers.isna()
    if wrong.any():
        i = wrong[wrong].index[0]
        raise DataError(rel, f"row {i + 2}", col, f"'{text[i]}' is not a number")
    if kind == "integer":
        frac = numbers.notna() & (numbers != numbers.round())
        if frac.any():
            i = frac[frac].index[0]
            raise DataError(rel, f"row {i + 2}", col, f"'{text[i]}' is not a whole number")
    for bound, op in (("min", numbers.lt), ("max", numbers.gt)):
        if bound in cs:
            out = op(cs[bound]) & numbers.notna()
            if out.any():
                i = out[out].index[0]
                word = "below the minimum" if bound == "min" else "above the maximum"
                raise DataError(rel, f"row {i + 2}", col, f"{text[i]} is {word} {cs[bound]}")
    return numbers.astype(_PANDAS_DTYPE[kind])


def _rel_file(file_id: str) -> str:
    return _rel(datasets_dir() / _registry().files[file_id].path)


def _flags(df, file_id: str, year_column: str | None = None):
    """The file's confidence flag for every row (by the row's year where the README says)."""
    spec = _registry().files[file_id]
    if year_column and spec.flag_by_year:
        return df[year_column].map(lambda y: spec.flag_by_year.get(str(y), spec.flag)).astype("string")
    return _const(df, spec.flag)


def _const(df, value):
    import pandas as pd

    return pd.Series([value] * len(df), index=df.index, dtype="string")


def _source_by_rule(df, file_id: str, column: str):
    spec = _registry().files[file_id]
    ids = []
    for i, text in enumerate(df[column]):
        for rule in spec.source_rules:
            needle = rule.get(f"{column}_contains")
            if needle and needle in (text or ""):
                ids.append(rule["source_id"])
                break
        else:
            raise DataError(_rel_file(file_id), f"row {i + 2}", column,
                            "no rule of datasets.toml [files.%s] source_rules names its publisher" % file_id)
    return ids


# ------------------------------------------------------------------ Vietnamese provinces

def vn_key(name: str, aliases: dict | None = None) -> str:
    """A folded key for a Vietnamese province name: 'TP. Hồ Chí Minh' -> 'hochiminh'."""
    text = unicodedata.normalize("NFD", str(name).replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()
    text = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", text)
    text = re.sub(r"[^a-z0-9]", "", text)
    aliases = _registry().vn_aliases if aliases is None else aliases
    return aliases.get(text, text)


def _vn_mapping():
    """The 63 former provinces with the unit they belong to from 1 July 2025 (checked)."""
    return _vn_mapping_cached(str(datasets_dir())).copy()


@lru_cache(maxsize=None)
def _vn_mapping_cached(folder_str: str):
    old = read_raw("vn_old63_to_new34")
    new = read_raw("vn_units_34")
    _check_vn_units(old, new)
    units = new.set_index("new_code")
    m = old[["old_code", "old_name_gso", "new_code"]].rename(columns={"old_name_gso": "old_name"})
    m["new_unit"] = m["new_code"].map(units["name_vi"]).astype("string")
    m["merged_2025"] = m["new_code"].map(units["merged"]).astype("boolean")
    m["n_predecessors"] = m["new_code"].map(units["n_predecessors"]).astype("Int64")
    m["key"] = m["old_name"].map(vn_key)
    dup = m["key"].duplicated(keep=False)
    if dup.any():
        i = dup[dup].index[0]
        raise DataError(_rel_file("vn_old63_to_new34"), f"row {i + 2}", "old_name_gso",
                        f"'{m['old_name'][i]}' folds to the same name as another former province")
    return m


def _check_vn_units(old, new) -> None:
    """The two unit files agree with each other and with their own totals."""
    rel_old, rel_new = _rel_file("vn_old63_to_new34"), _rel_file("vn_units_34")
    sums = {"pre_district_level_total": ("pre_quan", "pre_thi_xa", "pre_thanh_pho_thuoc_tinh", "pre_huyen"),
            "pre_commune_level_total": ("pre_xa", "pre_phuong", "pre_thi_tran")}
    for total, parts in sums.items():
        for i in range(len(old)):
            if old[total][i] != sum(old[p][i] for p in parts):
                raise DataError(rel_old, f"row {i + 2}", total, f"is not the sum of {', '.join(parts)}")
    codes = set(new["new_code"])
    for i, code in enumerate(old["new_code"]):
        if code not in codes:
            raise DataError(rel_old, f"row {i + 2}", "new_code",
                            f"'{code}' is not a unit of vn_2025_provinces_34.csv")
    for i in range(len(new)):
        if new["commune_level_total"][i] != new["xa"][i] + new["phuong"][i] + new["dac_khu"][i]:
            raise DataError(rel_new, f"row {i + 2}", "commune_level_total", "is not xa + phuong + dac_khu")
        preds = new["predecessor_old_codes"][i].split("|")
        if len(preds) != new["n_predecessors"][i]:
            raise DataError(rel_new, f"row {i + 2}", "n_predecessors",
                            f"{new['n_predecessors'][i]} but predecessor_old_codes lists {len(preds)}")
        mapped = sorted(old["old_code"][old["new_code"] == new["new_code"][i]])
        if sorted(preds) != mapped:
            raise DataError(rel_new, f"row {i + 2}", "predecessor_old_codes",
                            f"{'|'.join(preds)} but vn_2025_old63_to_new34.csv maps {'|'.join(mapped)} here")
        if bool(new["merged"][i]) != (len(preds) > 1):
            raise DataError(rel_new, f"row {i + 2}", "merged",
                            f"'{'yes' if new['merged'][i] else 'no'}' disagrees with {len(preds)} predecessor(s)")


def _attach_vn_mapping(df, file_id: str, key_cols=()):
    """Add old_code … n_predecessors after `province`; every name must match one province."""
    mapping = _vn_mapping()
    lookup = {k: i for i, k in enumerate(mapping["key"])}
    rel = _rel_file(file_id)
    rows = []
    for i, name in enumerate(df["province"]):
        k = vn_key(name)
        if k not in lookup:
            raise DataError(rel, f"row {i + 2}", "province",
                            f"'{name}' matches no former province; allowed: "
                            + ", ".join(mapping["old_name"]))
        rows.append(lookup[k])
    joined = mapping.drop(columns="key").iloc[rows].reset_index(drop=True)
    out = df.reset_index(drop=True)
    pos = list(out.columns).index("province") + 1
    for j, col in enumerate(joined.columns):
        out.insert(pos + j, col, joined[col])
    seen = {}
    for i in range(len(out)):
        k = tuple(out[c][i] for c in (*key_cols, "old_code"))
        if k in seen:
            raise DataError(rel, f"row {i + 2}", "province",
                            f"'{out['province'][i]}' is the same former province as row {seen[k] + 2}")
        seen[k] = i
    out["mapping_source_id"] = _const(out, "na_resolution_202_2025; gso_admin_units")
    out["mapping_confidence"] = _flags(out, "vn_old63_to_new34")
    return out


# ------------------------------------------------------------------ China: coded variables

@dataclass(frozen=True)
class CodedVariable:
    name: str
    label: str
    kind: str
    levels: tuple  # ((label, (fact ids), count_fact), ...); indicator: one level labelled 1
    order: tuple
    unlisted: object
    note: str

    @property
    def fact_ids(self) -> tuple[str, ...]:
        out = []
        for _, facts, count in self.levels:
            out += list(facts) + ([count] if count else [])
        return tuple(out)


def _coded_specs() -> tuple[CodedVariable, ...]:
    path = datasets_dir() / CODED_FILE
    rel = _rel(path)
    out = []
    allowed = {"label", "kind", "facts", "count_fact", "unlisted", "note", "order", "levels"}
    for name, rec in read_toml(path).items():
        if not isinstance(rec, dict):
            raise DataError(rel, name, None, "each variable must be a table [name]")
        unknown = set(rec) - allowed
        if unknown:
            raise DataError(rel, name, sorted(unknown)[0], f"unknown field; allowed: {', '.join(sorted(allowed))}")
        for req in ("label", "kind", "note"):
            if not rec.get(req):
                raise DataError(rel, name, req, "missing; every coded variable needs it")
        if "unlisted" not in rec:
            raise DataError(rel, name, "unlisted", "missing; say how provinces not named are coded")
        kind = rec["kind"]
        if kind == "indicator":
            if not rec.get("facts"):
                raise DataError(rel, name, "facts", "missing; name the fact ids to read")
            if rec["unlisted"] not in (0, 1, "NA"):
                raise DataError(rel, name, "unlisted", "must be 0, 1 or \"NA\" for an indicator")
            levels = ((1, tuple(rec["facts"]), rec.get("count_fact", "")),)
            order = ()
        elif kind == "tier":
            order = tuple(rec.get("order", ()))
            levels = []
            for lv in rec.get("levels", []):
                if lv.get("label") not in order or not lv.get("facts"):
                    raise DataError(rel, name, "levels",
                                    f"each level needs a label of order ({', '.join(order)}) and facts")
                levels.append((lv["label"], tuple(lv["facts"]), lv.get("count_fact", "")))
            if not levels:
                raise DataError(rel, name, "levels", "missing; a tier variable needs [[levels]]")
            if rec["unlisted"] != "NA" and rec["unlisted"] not in order:
                raise DataError(rel, name, "unlisted", f"must be \"NA\" or one of {', '.join(order)}")
            levels = tuple(levels)
        else:
            raise DataError(rel, name, "kind", f"'{kind}' is not allowed; allowed: indicator, tier")
        out.append(CodedVariable(name, rec["label"], kind, levels, order, rec["unlisted"], rec["note"]))
    return tuple(out)


def _code_provinces(provinces: list[str]):
    """Code every province from the facts; returns {var: (values, facts text)}, missing ids."""
    import pandas as pd

    from .facts import all_facts

    facts = {f.id: f for f in all_facts()}
    known = set(provinces)
    coded, missing = {}, []
    for var in _coded_specs():
        absent = [fid for fid in var.fact_ids if fid not in facts]
        if absent:
            missing += absent
            values = [pd.NA] * len(provinces)
            coded[var.name] = (var, values, "missing: " + "; ".join(absent))
            continue
        named = {}
        for label, fact_ids, count_id in var.levels:
            names = []
            for fid in fact_ids:
                f = facts[fid]
                if f.kind != "names":
                    raise DataError(f.file, fid, "value", f"is a {f.kind}, but {CODED_FILE} reads it as a list of names")
                for n in f.value:
                    if n not in known:
                        raise DataError(f.file, fid, "value",
                                        f"'{n}' matches no province of cn_provinces_region.csv; allowed: {', '.join(provinces)}")
                names += list(f.value)
            if count_id:
                c = facts[count_id]
                if c.kind != "number" or int(c.value) != len(set(names)):
                    raise DataError(c.file, count_id, "value",
                                    f"gives {c.value!r} but {', '.join(fact_ids)} name {len(set(names))} provinces: "
                                    f"the list of '{var.name}' is not complete as {CODED_FILE} assumes")
            for n in names:
                if n in named and named[n] != label:
                    raise DataError(_rel(datasets_dir() / CODED_FILE), var.name, "levels",
                                    f"'{n}' is named in both {named[n]} and {label}")
                named[n] = label
        fill = pd.NA if var.unlisted == "NA" else var.unlisted
        values = [named.get(p, fill) for p in provinces]
        coded[var.name] = (var, values, "; ".join(var.fact_ids))
    return coded, missing


def coded_variables():
    """The coded variables of cn_provinces_2019: label, kind, fact ids, coding of the unnamed."""
    import pandas as pd

    from .facts import all_facts

    ids = {f.id for f in all_facts()}
    rows = []
    for var in _coded_specs():
        absent = [fid for fid in var.fact_ids if fid not in ids]
        rows.append({"variable": var.name, "label": var.label, "kind": var.kind,
                     "levels": "; ".join(str(lv[0]) for lv in var.levels) if var.kind == "tier" else "1",
                     "fact_ids": "; ".join(var.fact_ids), "unlisted": str(var.unlisted),
                     "status": "missing fact: " + ", ".join(absent) if absent else "coded",
                     "note": var.note})
    return pd.DataFrame(rows).astype("string")


# ------------------------------------------------------------------ builders

def _build_un_egdi(spec, folder=None):
    return load_un_egdi(folder if folder is not None else datasets_dir() / _registry().files["un_egov"].path,
                        shipped=folder is None)


class _FileProblem(Exception):
    """One file of a folder that cannot be read: reported, and the other files still load."""

    def __init__(self, row, column, problem):
        self.row, self.column, self.problem = row, column, problem
        super().__init__(problem)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise _FileProblem(None, None, "not readable as UTF-8 or Windows-1252 text")


def _read_un_file(path: Path, year: int):
    """Rows of one EGOV_DATA_<year>.csv (either layout) as dicts; _FileProblem on a broken file.

    A value outside its documented range is kept; the row's ``range_flag`` says why."""
    import csv
    import io

    table = list(csv.reader(io.StringIO(_decode(path), newline="")))
    if not table:
        raise _FileProblem(None, None, "empty file")
    header = [h.strip() for h in table[0]]
    layout = next((lay for lay in UN_LAYOUTS.values() if all(col in header for col in lay)), None)
    if layout is None:
        need = " | ".join(", ".join(lay) for lay in UN_LAYOUTS.values())
        missing = next(col for col in UN_LAYOUTS["un"] if col not in header)
        raise _FileProblem(None, missing, f"column missing; the file must have the UN's columns ({need})")
    pos = {name: header.index(col) for col, name in layout.items()}
    region_at = header.index(REGION_COLUMN) if REGION_COLUMN in header else None
    bounds = _registry().files["un_egov"].columns
    out, seen = [], {}
    for i, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise _FileProblem(i, None, f"{len(cells)} cells where the header has {len(header)}")
        rec = {"source_row": i}
        flags = []
        for name, j in pos.items():
            text = cells[j].strip()
            kind = bounds[name]["type"]
            col = header[j]
            if kind == "string":
                if not text:
                    raise _FileProblem(i, col, "empty; a value is required")
                rec[name] = text
                continue
            if not text:
                if bounds[name].get("required"):
                    raise _FileProblem(i, col, "empty; a value is required")
                rec[name] = None
                continue
            try:
                value = float(text)
            except ValueError:
                raise _FileProblem(i, col, f"'{text}' is not a number") from None
            if kind == "integer":
                if value != int(value):
                    raise _FileProblem(i, col, f"'{text}' is not a whole number")
                value = int(value)
            lo, hi = bounds[name].get("min"), bounds[name].get("max")
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                word = "below" if lo is not None and value < lo else "above"
                rng = f"{lo}–{hi}" if hi is not None else f"{lo} or more"
                flags.append(f"{col} {text} is {word} its documented range {rng}; kept as published")
            rec[name] = value
        if rec["survey_year"] != year:
            raise _FileProblem(i, header[pos["survey_year"]], f"{rec['survey_year']} in a file named for {year}")
        if rec["country"] in seen:
            raise _FileProblem(i, header[pos["country"]],
                               f"'{rec['country']}' twice; also in row {seen[rec['country']]}")
        seen[rec["country"]] = i
        rec["region"] = cells[region_at].strip() or None if region_at is not None else None
        rec["range_flag"] = "; ".join(flags) or None
        out.append(rec)
    if not out:
        raise _FileProblem(None, None, "no data rows")
    return out


def load_un_egdi(folder, shipped: bool = False):
    """Read the UN's own ``EGOV_DATA_<year>.csv`` files under ``folder`` (any subset of
    years, in subfolders too) into the ``un_egdi`` layout: every member state, one row per
    country and survey, with ISO3, the UN's region, the file and row it was read from and
    the copy it was taken from.

    Two layouts are read: the UN's (Survey Year, Country Name, E-Government Rank,
    E-Government Index, E-Participation Index, Online Service Index, Human Capital Index,
    Telecommunication Infrastructure Index) and the renamed one of the 2024 copy (Survey
    Year, Country, Rank, E_Index, E_Participation, Online_Service, Human_Capital,
    Tele_Infra); a Region column is read when present, and ``EGOV_WITH_REGIONS_DATA_<year>.csv``
    gives the region only.  A value outside its documented range is kept and flagged in
    ``range_flag``.  A file that cannot be read is reported (a :class:`DataWarning` naming
    the file, row and column) and left out; the other files still load.
    """
    import fnmatch

    import pandas as pd

    from ..errors import DataWarning
    from .countries import by_un_name

    folder = Path(folder).expanduser()
    shown = _rel(folder) if shipped else str(folder)
    if not folder.is_dir():
        raise DataError(shown, None, None,
                        "folder not found; name the folder that holds the UN's EGOV_DATA_<year>.csv files")
    found = sorted((p for p in folder.rglob("*.csv") if _UN_FILE.match(p.name)),
                   key=lambda p: p.relative_to(folder).as_posix())
    data_files = [p for p in found if not _UN_FILE.match(p.name).group(1)]
    region_files = [p for p in found if _UN_FILE.match(p.name).group(1)]
    if not data_files:
        raise DataError(shown, None, None,
                        "no EGOV_DATA_<year>.csv file here (the UN's file names, e.g. EGOV_DATA_2024.csv)")
    spec = _registry().files["un_egov"]
    iso = by_un_name()
    problems = []

    def report(path, row, column, problem):
        where = _rel(path) if shipped else str(path)
        problems.append(str(DataError(where, f"row {row}" if row else None, column, problem)))

    def copy_of(rel: str) -> str:
        if not shipped:
            return f"the user's own file {folder / rel}"
        for c in spec.copies:
            if any(fnmatch.fnmatch(rel, pat) for pat in c["files"]):
                return f"as distributed by {c['as_distributed_by']} ({c['where']}{Path(rel).name})"
        raise DataError(_rel_file_path(spec), None, "copies", f"no copy names the file {rel}")

    years, rows = {}, []
    for path in data_files:
        year = int(_UN_FILE.match(path.name).group(2))
        rel = path.relative_to(folder).as_posix()
        if year in years:
            report(path, None, None, f"a second file for {year} (the first is {years[year]}); left out")
            continue
        try:
            recs = _read_un_file(path, year)
        except _FileProblem as p:
            report(path, p.row, p.column, p.problem + "; the file is left out, the other files load")
            continue
        years[year] = rel
        for r in recs:
            r["source_file"] = _rel(path) if shipped else str(path)
            r["copy"] = copy_of(rel)
            if r["country"] not in iso:
                report(path, r["source_row"], "Country Name",
                       f"'{r['country']}' is not a UN member state's name in data/raw/countries.csv; iso3 left empty")
        rows += recs
    if not rows:
        raise DataError(shown, None, None, "no EGOV_DATA file could be read: " + " | ".join(problems))

    # the region: from a regions file (the 2022 one), else the latest file with a Region column
    region, region_from = {}, {}
    for path in region_files + sorted(data_files, key=lambda p: -int(_UN_FILE.match(p.name).group(2))):
        is_regions = path in region_files
        try:
            recs = _read_un_file(path, int(_UN_FILE.match(path.name).group(2))) if is_regions else \
                [r for r in rows if r["source_file"] == (_rel(path) if shipped else str(path))]
        except _FileProblem as p:
            report(path, p.row, p.column, p.problem + "; its regions are not used")
            continue
        for r in recs:
            a3 = iso.get(r["country"])
            if a3 and r.get("region") and a3 not in region:
                region[a3] = r["region"]
                region_from[a3] = path.name

    df = pd.DataFrame(rows)
    df = df.sort_values(["survey_year", "country"], kind="stable").reset_index(drop=True)
    df["iso3"] = pd.array([iso.get(n) for n in df["country"]], dtype="string")
    df["region"] = pd.array([region.get(a) for a in df["iso3"].fillna("")], dtype="string")
    df["region_file"] = pd.array([region_from.get(a) for a in df["iso3"].fillna("")], dtype="string")
    for col in ("survey_year", "egdi_rank", "source_row"):
        df[col] = pd.array(df[col].astype("object").where(df[col].notna(), None), dtype="Int64")
    for col in ("egdi", "epi", "osi", "hci", "tii"):
        df[col] = pd.array(df[col].astype("object").where(df[col].notna(), None), dtype="Float64")
    for col in ("country", "range_flag", "source_file", "copy"):
        df[col] = df[col].astype("string")
    df["source_id"] = _const(df, "un_desa_egdi")
    if shipped:
        df["confidence"] = _const(df, spec.flag)
        df["confidence_basis"] = _const(df, "reference README: " + spec.confidence)
    else:
        df["confidence"] = _const(df, "unchecked")
        df["confidence_basis"] = _const(df, "a file from the user's folder, read as it is; not checked by the project")
    df.attrs["problems"] = list(problems)
    if problems:
        warnings.warn(DataWarning(f"un_egdi: {len(problems)} problem(s); " + " | ".join(problems)), stacklevel=3)
    return df


def _rel_file_path(spec) -> str:
    return _rel(datasets_dir() / REGISTRY_FILE) + f" [files.{spec.id}]"


def _build_cn_provinces_2019(spec):
    import pandas as pd

    regions = read_raw("cn_regions")
    index = read_raw("cn_online_service_2019")
    provinces = list(regions["province_en"])
    rel = _rel_file("cn_online_service_2019")
    for i, p in enumerate(index["province_en"]):
        if p not in provinces and p not in spec.exclude_provinces:
            raise DataError(rel, f"row {i + 2}", "province_en",
                            f"'{p}' matches no province of cn_provinces_region.csv; allowed: {', '.join(provinces)}")
    index = index[~index["province_en"].isin(spec.exclude_provinces)].set_index("province_en")
    order = ["East", "Central", "West", "Northeast"]
    bad = ~regions["nbs_region_en"].isin(order)
    if bad.any():
        i = bad[bad].index[0]
        raise DataError(_rel_file("cn_regions"), f"row {i + 2}", "nbs_region_en",
                        f"'{regions['nbs_region_en'][i]}' is not a region; allowed: {', '.join(order)}")
    df = pd.DataFrame({
        "province": regions["province_en"],
        "province_zh": regions["province_zh"],
        "region": pd.Categorical(regions["nbs_region_en"], categories=order),
        "online_service_index": regions["province_en"].map(index["overall_index"]).astype("Float64"),
        "rank_as_published": regions["province_en"].map(index["rank_as_published"]).astype("Int64"),
    })
    coded, missing = _code_provinces(provinces)
    for name, (var, values, fact_text) in coded.items():
        if var.kind == "tier":
            df[name] = pd.Categorical(values, categories=list(var.order), ordered=True)
        else:
            df[name] = pd.array(values, dtype="Int64")
        df[f"{name}_facts"] = _const(df, fact_text)
    df["source_id"] = _const(df, "cps_egov_2020")
    df["source_url"] = regions["province_en"].map(index["source_url"]).astype("string")
    df["source_note"] = regions["province_en"].map(index["source_note"]).astype("string")
    df["confidence"] = _flags(df, "cn_online_service_2019")
    df["region_source_id"] = _const(df, "nbs_regions")
    df["region_confidence"] = _flags(df, "cn_regions")
    df["coded_source_id"] = _const(df, "huong2021")
    if missing:
        warnings.warn(f"cn_provinces_2019: facts not found, their variables are missing (NA): "
                      f"{', '.join(missing)}", stacklevel=3)
    return df


def _build_vn_papi(spec):
    import pandas as pd

    df = read_raw("vn_papi")
    df = _attach_vn_mapping(df, "vn_papi", key_cols=("year",))
    parts = ["papi_egov_sc81_access_egov_portals", "papi_egov_sc82_access_internet",
             "papi_egov_sc83_e_responsiveness"]
    df.insert(list(df.columns).index("source_url"), "papi_egov_sum", df[parts].sum(axis=1, skipna=False))
    df.insert(list(df.columns).index("source_url"), "source_id", _const(df, "undp_cecodes_papi"))
    df.insert(list(df.columns).index("source_note") + 1, "confidence", _flags(df, "vn_papi"))
    # reference README: never checked against the PAPI publication
    df.insert(list(df.columns).index("confidence") + 1, "verified", pd.array([False] * len(df), dtype="boolean"))
    df.insert(list(df.columns).index("verified") + 1, "provenance",
              _const(df, "PAPI (UNDP & CECODES), as distributed by hnks-gh/ml-mcdm, unverified"))
    return df


def _vn_plain(file_id: str, source_id: str, key_cols=(), year_column=None):
    df = read_raw(file_id)
    df = _attach_vn_mapping(df, file_id, key_cols=key_cols)
    df.insert(list(df.columns).index("source_url"), "source_id", _const(df, source_id))
    df.insert(list(df.columns).index("source_note") + 1, "confidence", _flags(df, file_id, year_column))
    return df


def _build_vn_dti(spec):
    return _vn_plain("vn_dti", "mic_dti", key_cols=("year",), year_column="year")


def _build_vn_dti_2022(spec):
    df = _build_vn_dti(spec)
    return df[df["year"] == 2022].reset_index(drop=True)


def _build_vn_mic_it_2017(spec):
    return _vn_plain("vn_mic_it_2017", "mic_it_application_2017")


def _build_vn_ict_index(spec):
    return _vn_plain("vn_ict_index", "vn_ict_index", key_cols=("year",))


def _build_cn_other_dg_indices(spec):
    df = read_raw("cn_other_dg_indices")
    df.insert(list(df.columns).index("source_url"), "source_id",
              _source_by_rule(df, "cn_other_dg_indices", "publisher"))
    df["source_id"] = df["source_id"].astype("string")
    df["confidence"] = _flags(df, "cn_other_dg_indices")
    return df


def _build_vn_units_2025(spec):
    _vn_mapping()  # checks both unit files against each other
    df = read_raw("vn_units_34")
    df["source_id"] = _const(df, "na_resolution_202_2025; gso_admin_units; ubtvqh_2025_commune_resolutions")
    df["area_population_source_id"] = df["merged"].map(
        {True: "na_resolution_202_2025", False: "sapnhap_bando"}).astype("string")
    df["confidence"] = _flags(df, "vn_units_34")
    # reference README: "area and population high for the 23 merged units, medium for the 11 unchanged ones"
    df["area_population_confidence"] = df["merged"].map({True: "high", False: "medium"}).astype("string")
    return df


def _build_vn_units_old63(spec):
    _vn_mapping()
    df = read_raw("vn_old63_to_new34")
    df["source_id"] = _const(df, "na_resolution_202_2025; gso_admin_units")
    df["confidence"] = _flags(df, "vn_old63_to_new34")
    return df


def _build_vn_admin_totals(spec):
    df = read_raw("vn_admin_totals")
    df["source_id"] = _source_by_rule(df, "vn_admin_totals", "source")
    df["source_id"] = df["source_id"].astype("string")
    df["confidence"] = _flags(df, "vn_admin_totals")
    return df


def _build_cn_regions(spec):
    df = read_raw("cn_regions")
    df["source_id"] = _const(df, "nbs_regions")
    df["confidence"] = _flags(df, "cn_regions")
    return df


_BUILDERS = {
    "un_egdi": _build_un_egdi,
    "cn_provinces_2019": _build_cn_provinces_2019,
    "vn_papi": _build_vn_papi,
    "vn_dti_2022": _build_vn_dti_2022,
    "vn_dti": _build_vn_dti,
    "vn_mic_it_2017": _build_vn_mic_it_2017,
    "vn_ict_index": _build_vn_ict_index,
    "cn_other_dg_indices": _build_cn_other_dg_indices,
    "vn_units_2025": _build_vn_units_2025,
    "vn_units_old63": _build_vn_units_old63,
    "vn_admin_totals": _build_vn_admin_totals,
    "cn_regions": _build_cn_regions,
}
OPTIONS = {"un_egdi": ("folder",)}


# ------------------------------------------------------------------ public API

def columns(name: str) -> tuple[Column, ...]:
    """The columns of a dataset with type, unit and description (coded variables included)."""
    spec = _spec(name)
    cols = list(spec.columns)
    if name == "cn_provinces_2019":
        pos = [c.name for c in cols].index("rank_as_published") + 1
        extra = []
        for var in _coded_specs():
            extra.append(Column(var.name, "string" if var.kind == "tier" else "integer", "",
                                f"{var.label}. Coded from article 003 (huong2021). {var.note}"))
            extra.append(Column(f"{var.name}_facts", "string", "",
                                f"Fact ids {var.name} is coded from ('missing: …' when a fact does not exist)"))
        cols[pos:pos] = extra
    return tuple(cols)


DTYPE_BACKENDS = ("numpy", "numpy_nullable", "pyarrow")


def dataset(name: str, dtype_backend: str = "numpy", **options):
    """One dataset as a tidy DataFrame; every row keeps its source and confidence columns.

    dtype_backend  "numpy" (the default, pandas' habits: float64; int64 where a column
                   has no missing value, else float64; text as pandas' default text
                   type; bool where nothing is missing), "numpy_nullable" (Int64,
                   Float64, string, boolean with pd.NA) or "pyarrow"
    folder         (un_egdi only) ``dataset("un_egdi", folder=PATH)`` reads the UN's own
                   EGOV_DATA_<year>.csv files found under PATH (any subset of years)
    """
    spec = _spec(name)
    if dtype_backend not in DTYPE_BACKENDS:
        raise UnknownName("dtype_backend", dtype_backend, DTYPE_BACKENDS)
    allowed = OPTIONS.get(name, ())
    for key in options:
        if key not in allowed:
            raise UnknownName(f"option of dataset '{name}'", key, allowed or ["(none)"])
    folder = options.get("folder")
    if folder is not None:
        if not isinstance(folder, (str, Path)):
            raise DataError(repr(folder), None, None, "folder= must be a path (text or pathlib.Path)")
        folder = str(Path(folder).expanduser().resolve())
    df = _dataset_cached(name, folder, str(raw_dir()))
    out = _with_backend(df, dtype_backend)
    out.attrs = {k: (list(v) if isinstance(v, list) else v) for k, v in df.attrs.items()}
    return out


def _with_backend(df, backend: str):
    """A copy of a nullable-typed frame in the dtypes of ``backend``."""
    import numpy as np
    import pandas as pd

    if backend == "numpy_nullable":
        return df.copy()
    if backend == "pyarrow":
        return df.convert_dtypes(dtype_backend="pyarrow")
    out = {}
    for col in df.columns:
        s = df[col]
        dtype = s.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            out[col] = s.copy()
        elif isinstance(dtype, pd.BooleanDtype):
            out[col] = s.astype(bool) if s.notna().all() else s.astype(object).where(s.notna(), np.nan)
        elif pd.api.types.is_integer_dtype(dtype):
            out[col] = s.astype("int64") if s.notna().all() else s.astype("float64")
        elif pd.api.types.is_float_dtype(dtype):
            out[col] = s.astype("float64")
        elif isinstance(dtype, pd.StringDtype):
            out[col] = s.astype(object).where(s.notna(), np.nan).astype(_TEXT_DTYPE())
        else:
            out[col] = s.copy()
    return pd.DataFrame(out, index=df.index)


def _TEXT_DTYPE():
    """pandas' default dtype for text: 'str' from pandas 3, object before."""
    import pandas as pd

    return "str" if int(pd.__version__.split(".")[0]) >= 3 else object


@lru_cache(maxsize=None)
def _dataset_cached(name: str, folder: str | None, root: str):
    spec = _spec(name)
    builder = _BUILDERS[name]
    df = builder(spec, folder=folder) if folder is not None else builder(spec)
    attrs = dict(df.attrs)
    declared = columns(name)
    names = [c.name for c in declared]
    produced = list(df.columns)
    if set(produced) != set(names):
        extra = sorted(set(produced) - set(names))
        lacking = sorted(set(names) - set(produced))
        what = f"produced but not described: {', '.join(extra)}" if extra else f"described but not produced: {', '.join(lacking)}"
        raise DataError(_rel(datasets_dir() / REGISTRY_FILE), f"datasets.{name}", "columns", what)
    df = df[names].reset_index(drop=True)
    for c in declared:
        if str(df[c.name].dtype) == "category":
            continue
        df[c.name] = df[c.name].astype(_PANDAS_DTYPE[c.type])
    df.attrs = attrs
    return df


def datasets():
    """Every dataset: name, title, unit of observation, coverage, sources, notes."""
    import pandas as pd

    rows = [{"name": s.name, "title": s.title, "unit": s.unit, "coverage": s.coverage,
             "sources": "; ".join(s.sources), "description": s.description,
             "files": "; ".join(_registry().files[f].path for f in s.files),
             "notes": " | ".join(s.notes)}
            for s in _registry().datasets.values()]
    return pd.DataFrame(rows).astype("string")


def codebook(name: str | None = None):
    """Column metadata of one dataset, or of all: dataset, column, type, unit, description."""
    import pandas as pd

    names = [name] if name is not None else dataset_names()
    rows = [{"dataset": n, "column": c.name, "type": c.type, "unit": c.unit, "description": c.description}
            for n in names for c in columns(n)]
    return pd.DataFrame(rows).astype("string")


def describe(name: str) -> str:
    """A plain-text description of a dataset (``comparative datasets show NAME``)."""
    from .sources import source

    s = _spec(name)
    lines = [f"{s.name}: {s.title}", "", s.description, "",
             f"  unit of observation: {s.unit}", f"  coverage:            {s.coverage}"]
    if s.key:
        lines.append(f"  key:                 {', '.join(s.key)}")
    lines += ["", "Sources:"] + [f"  [{sid}] {source(sid).brief}" for sid in s.sources]
    lines += ["", "Files (data/raw/datasets/) and the confidence the reference README gives them:"]
    lines += [f"  {_registry().files[f].path}: {_registry().files[f].confidence}" for f in s.files]
    if s.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in s.notes]
    lines += ["", "Columns:"]
    for c in columns(name):
        unit = f" [{c.unit}]" if c.unit else ""
        lines.append(f"  {c.name} ({c.type}){unit}: {c.description}")
    return "\n".join(lines)


def cli_datasets(action: list[str]) -> int:
    """``comparative datasets`` (list) and ``comparative datasets show NAME``."""
    if action:
        if action[0] != "show" or len(action) != 2:
            raise UnknownName("datasets action", " ".join(action), ["show NAME"])
        print(describe(action[1]))
        return 0
    for s in _registry().datasets.values():
        print(f"{s.name:20} {s.title}")
        print(f"{'':20} unit: {s.unit}; sources: {', '.join(s.sources)}")
    return 0
