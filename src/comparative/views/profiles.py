"""Province profiles: one provincial unit of Vietnam (the 34 units of 2025) or China (the 31
provinces), its rows of the datasets gathered in one place for the profile notebooks.

A province is named by an ASCII slug of its name: the Vietnamese name with its diacritics
folded, ``đ`` written ``d``, lower case, spaces as hyphens (``Hồ Chí Minh`` ->
``ho-chi-minh``); China's provinces by their pinyin in lower case (``inner-mongolia``).
:func:`provinces` lists them; the notebooks' ``province`` parameter allows exactly these
(a test checks that the list in each notebook's comment is this one).

Every value here is a dataset row's value (with its source id and confidence) or is
computed from such rows and says so (a median, a mean, a rank within a region); a value
the data does not hold is missing (NaN), never filled in.

>>> from comparative.views import profiles
>>> profiles.provinces("VNM")[:3]             # doctest: +SKIP
['an-giang', 'bac-ninh', 'ca-mau']
>>> profiles.vn_profile("tuyen-quang").predecessor_names   # doctest: +SKIP
['Hà Giang', 'Tuyên Quang']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..errors import UnknownName
from ..locale import i18n

COUNTRIES = {"VNM": "VNM", "VN": "VNM", "VIET NAM": "VNM", "VIETNAM": "VNM",
             "CHN": "CHN", "CN": "CHN", "CHINA": "CHN"}
RESOLUTION_ID = "vn-resolution-202-2025-qh15"   # documents.toml: the resolution of the 34 units
RESOLUTION_FACTS = ["vn2025-res202-qh15-thong"]
COMMUNE_TYPES = ("xa", "phuong", "dac_khu")


def slug(name: str) -> str:
    """The ASCII slug of a name: 'Hồ Chí Minh' -> 'ho-chi-minh', 'Inner Mongolia' ->
    'inner-mongolia'."""
    text = unicodedata.normalize("NFD", str(name).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _country(country: str) -> str:
    key = str(country).strip().upper()
    if key not in COUNTRIES:
        raise UnknownName("country", country, ["VNM", "CHN"])
    return COUNTRIES[key]


def provinces(country: str) -> list[str]:
    """The slugs of a country's provincial units, in alphabetical order: the 34 units of
    Vietnam since 2025 (``"VNM"``) or China's 31 provinces (``"CHN"``)."""
    return sorted(_table(_country(country)))


def province_slug(name: str, country: str | None = None) -> str:
    """The slug of a province given by its name as a dataset writes it ('Tuyên Quang',
    'Inner Mongolia') or by its slug; raises UnknownName listing the slugs."""
    countries = [_country(country)] if country else ["VNM", "CHN"]
    s = slug(name)
    for c in countries:
        if s in _table(c):
            return s
    allowed = [p for c in countries for p in provinces(c)]
    raise UnknownName("province", name, allowed)


def province_row(slug_: str, country: str):
    """The dataset row of a province (vn_units_2025 or cn_provinces_2019) by its slug."""
    table = _table(_country(country))
    if slug_ not in table:
        raise UnknownName("province", slug_, sorted(table))
    return table[slug_]


@lru_cache(maxsize=2)
def _table(country: str) -> dict:
    from ..store.datasets import dataset

    if country == "VNM":
        df = dataset("vn_units_2025")
        rows = {slug(n): row for n, (_, row) in zip(df["name_vi"], df.iterrows())}
    else:
        df = dataset("cn_provinces_2019")
        rows = {slug(n): row for n, (_, row) in zip(df["province"], df.iterrows())}
    if len(rows) != len(df):
        raise AssertionError(f"two provinces of {country} share a slug")
    return rows


def unit_name(name: str, lang: str) -> str:
    """A new provincial unit's name as a reader says it: the GSO list writes 'Hồ Chí
    Minh', which alone names the person; the city is 'TP. Hồ Chí Minh' / 'Ho Chi Minh
    City'.  Other names are kept as the list writes them, in our spelling of tones
    ('Hoà Bình' -> 'Hòa Bình')."""
    if str(name) == "Hồ Chí Minh":
        return "TP. Hồ Chí Minh" if lang == "vi" else "Ho Chi Minh City"
    return i18n.vi_spelling(str(name))


def old_name(name: str) -> str:
    """A former province without its 'Tỉnh' / 'Thành phố': 'Tỉnh Hoà Bình' -> 'Hòa Bình'."""
    return i18n.vi_spelling(re.sub(r"^(Tỉnh|Thành phố)\s+", "", str(name)))


def both(key: str, **fields) -> dict:
    """A furniture word in both languages, {'en': …, 'vi': …} (a writer's ``text`` picks one)."""
    return {lang: i18n.t(key, lang, **fields) for lang in i18n.LANGS}


def joined(items, lang: str) -> str:
    """'A, B and C' / 'A, B và C'."""
    items = [str(x) for x in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" và " if lang == "vi" else " and ") + items[-1]


def _ids(values) -> list[str]:
    out: list[str] = []
    for v in values:
        for part in str(v).replace(",", ";").split(";"):
            part = part.strip()
            if part and part != "nan" and part not in out:
                out.append(part)
    return out


# ================================================================== Vietnam

@dataclass
class VNProfile:
    """One of the 34 provincial units of Vietnam since 1 July 2025.

    ``unit``: its row of ``vn_units_2025``; ``units``: all 34 rows (the nation, for the
    comparison); ``predecessors``: one row per former province (``vn_units_old63``) with
    its PAPI e-governance total of ``papi_year`` (unverified, as the dataset says), its DTI
    score and rank of ``dti_year`` (the latest year the data covers every province) and its
    DTI rank of ``dti_latest_year`` where the data has it (NaN where not);
    ``resolution``: the document that created the unit (documents.toml)."""

    slug: str
    unit: object
    units: object
    predecessors: object
    resolution: object
    papi: object
    dti: object
    papi_year: int
    dti_year: int
    dti_latest_year: int

    # ---- the unit
    @property
    def merged(self) -> bool:
        return bool(self.unit["merged"])

    @property
    def n_predecessors(self) -> int:
        return int(self.unit["n_predecessors"])

    @property
    def name(self) -> dict:
        return {lang: unit_name(self.unit["name_vi"], lang) for lang in i18n.LANGS}

    @property
    def is_city(self) -> bool:
        return str(self.unit["unit_type"]).startswith("thành phố")

    @property
    def kind(self) -> dict:
        """'province' / 'tỉnh' or 'centrally run city' / 'thành phố trực thuộc trung ương'."""
        return both("profile.kind.city" if self.is_city else "profile.kind.province")

    @property
    def predecessor_names(self) -> list[str]:
        """The former provinces as the GSO list names them, without 'Tỉnh' / 'Thành phố'."""
        return list(self.predecessors["name"])

    @property
    def predecessor_list(self) -> dict:
        """'Hà Giang and Tuyên Quang' / 'Hà Giang và Tuyên Quang'."""
        return {lang: joined([unit_name(n, lang) for n in self.predecessor_names], lang)
                for lang in i18n.LANGS}

    def predecessor_rows(self, lang: str):
        """The predecessors as a table shows them: names as a reader says them in ``lang``."""
        return self.predecessors.assign(name=[unit_name(n, lang) for n in self.predecessors["name"]])

    @property
    def n_units(self) -> int:
        return len(self.units)

    @property
    def n_unchanged(self) -> int:
        """Units the reorganization did not merge (of the 34)."""
        return int((~self.units["merged"].astype(bool)).sum())

    @property
    def commune_resolution(self) -> str:
        """'1684/NQ-UBTVQH15': the Standing Committee's resolution on the unit's communes."""
        return str(self.unit["ubtvqh_resolution"]).split(" (")[0].strip()

    @property
    def commune_resolution_date(self) -> str:
        """The ISO date of that resolution, read from the dataset's '(16/6/2025)'."""
        m = re.search(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)", str(self.unit["ubtvqh_resolution"]))
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else ""

    @property
    def communes(self) -> int:
        return int(self.unit["commune_level_total"])

    def count(self, kind: str) -> int:
        """Commune-level units of one kind: 'xa', 'phuong' or 'dac_khu'."""
        return int(self.unit[kind])

    @property
    def communes_before(self) -> int:
        """Commune-level units of the former provinces before the reorganization (GSO list)."""
        return int(self.predecessors["communes_before"].sum())

    @property
    def population(self) -> int:
        return int(self.unit["population"])

    @property
    def area(self) -> float:
        return float(self.unit["area_km2"])

    @property
    def area_population_from_resolution(self) -> bool:
        """Whether area and population are the resolution's figures (merged units), not the
        map portal's only (the resolution gives none for an unchanged unit)."""
        return self.unit["area_population_source_id"] == "na_resolution_202_2025"

    @property
    def area_population_confidence(self) -> dict:
        return both(f"confidence.{self.unit['area_population_confidence']}")

    @property
    def unit_sources(self) -> list[str]:
        return _ids([self.unit["source_id"]])

    @property
    def area_population_sources(self) -> list[str]:
        return _ids([self.unit["area_population_source_id"]])

    @property
    def figure_sources(self):
        """The sources and confidence of what the comparison figure draws: the Standing
        Committee's resolutions (commune-level units) and the area and population rows."""
        return self.units[["area_population_source_id", "confidence", "area_population_confidence"]].assign(
            commune_source_id="ubtvqh_2025_commune_resolutions")

    # ---- against the nation (computed here from the 34 rows)
    def rank(self, column: str) -> int:
        """The unit's place among the 34 by ``column``, largest first (ties share a place)."""
        return int(self.units[column].rank(ascending=False, method="min")[self.units["new_code"] == self.unit["new_code"]].iloc[0])

    def median(self, column: str) -> float:
        return float(self.units[column].median())

    def place(self, column: str) -> dict:
        """The unit's rank by ``column`` as an ordinal: '1st', '22nd' / 'nhất', '22' (the
        Vietnamese follows 'thứ': 'thứ nhất', 'thứ 22')."""
        n = self.rank(column)
        return {lang: i18n.number(n, lang) + _ordinal(n) if lang == "en" else
                ("nhất" if n == 1 else i18n.number(n, lang)) for lang in i18n.LANGS}

    @property
    def predecessors_label(self) -> dict:
        """What the table of indices lists: 'The former provinces of Phú Thọ', or for a unit
        left unmerged 'Huế before the reorganization' (its one former self)."""
        key = "profile.predecessors.merged" if self.merged else "profile.predecessors.kept"
        return {lang: i18n.t(key, lang, name=self.name[lang]) for lang in i18n.LANGS}

    # ---- the predecessors' indices
    @property
    def papi_missing(self) -> list[str]:
        return list(self.predecessors.loc[self.predecessors["papi_egov_sum"].isna(), "name"])

    @property
    def papi_missing_list(self) -> dict:
        """The former provinces without a PAPI score in ``papi_year``, joined in each language."""
        return {lang: joined([unit_name(n, lang) for n in self.papi_missing], lang) for lang in i18n.LANGS}

    @property
    def dti_latest_missing(self) -> list[str]:
        return list(self.predecessors.loc[self.predecessors["dti_rank_latest"].isna(), "name"])

    @property
    def papi_confidence(self) -> dict:
        return both(f"confidence.{_lowest(self.papi['confidence'])}")

    @property
    def dti_confidence(self) -> dict:
        year = self.dti[self.dti["year"] == self.dti_year]
        return both(f"confidence.{_lowest(year['confidence'])}")

    @property
    def dti_latest_confidence(self) -> dict:
        year = self.dti[self.dti["year"] == self.dti_latest_year]
        return both(f"confidence.{_lowest(year['confidence'])}")

    def papi_median(self) -> float:
        year = self.papi[self.papi["year"] == self.papi_year]
        return float(year["papi_egov_sum"].median())

    def dti_median(self) -> float:
        year = self.dti[self.dti["year"] == self.dti_year]
        return float(year["dti_score"].median())

    @property
    def n_old(self) -> int:
        """Former provinces in the data (63)."""
        return int(self.dti[self.dti["year"] == self.dti_year]["old_code"].nunique())

    def papi_n(self) -> int:
        year = self.papi[self.papi["year"] == self.papi_year]
        return int(year["papi_egov_sum"].notna().sum())

    def dti_scored(self) -> int:
        """Former provinces whose DTI score of ``dti_year`` the data hold (every one has its rank)."""
        year = self.dti[self.dti["year"] == self.dti_year]
        return int(year["dti_score"].notna().sum())

    def dti_latest_n(self) -> int:
        return int((self.dti["year"] == self.dti_latest_year).sum())

    @property
    def index_sources(self) -> list[str]:
        return _ids(list(self.papi["source_id"]) + list(self.dti["source_id"]))


def _ordinal(n: int) -> str:
    """The English ordinal suffix: 1 -> 'st', 12 -> 'th', 22 -> 'nd'."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_FLAGS = ("low", "medium / low", "medium-low", "medium", "medium-high", "high")


def _lowest(flags) -> str:
    seen = {str(f) for f in flags if str(f) != "nan"}
    for f in _FLAGS:
        if f in seen:
            return f
    return sorted(seen)[0] if seen else "unchecked"


def vn_profile(province: str) -> VNProfile:
    """The profile of one of the 34 provincial units of Vietnam, by slug ('tuyen-quang')."""
    import pandas as pd

    from ..store.datasets import dataset
    from ..store.documents import documents

    unit = province_row(province, "VNM")
    units = dataset("vn_units_2025")
    old = dataset("vn_units_old63")
    papi, dti = dataset("vn_papi"), dataset("vn_dti")
    codes = str(unit["predecessor_old_codes"]).split("|")
    papi_year = int(papi.loc[papi["papi_egov_sum"].notna(), "year"].max())
    per_year = dti.groupby("year")["old_code"].nunique()
    dti_year = int(per_year[per_year == old["old_code"].nunique()].index.max())
    dti_latest = int(dti["year"].max())
    rows = []
    for code in codes:
        o = old[old["old_code"] == code].iloc[0]
        p = papi[(papi["old_code"] == code) & (papi["year"] == papi_year)]
        d = dti[(dti["old_code"] == code) & (dti["year"] == dti_year)]
        dl = dti[(dti["old_code"] == code) & (dti["year"] == dti_latest)]
        rows.append({
            "old_code": code, "name": old_name(o["old_name_gso"]),
            "communes_before": int(o["pre_commune_level_total"]),
            # the counts before are the GSO list's; the resolution gives the mapping
            "old_source_id": "; ".join(i for i in _ids([o["source_id"]]) if i != "na_resolution_202_2025"),
            "old_confidence": o["confidence"],
            "papi_egov_sum": float(p["papi_egov_sum"].iloc[0]) if len(p) else float("nan"),
            "papi_source_id": p["source_id"].iloc[0] if len(p) else None,
            "papi_confidence": p["confidence"].iloc[0] if len(p) else None,
            "dti_score": float(d["dti_score"].iloc[0]) if len(d) else float("nan"),
            "dti_rank": float(d["dti_rank"].iloc[0]) if len(d) else float("nan"),
            "dti_source_id": d["source_id"].iloc[0] if len(d) else None,
            "dti_confidence": d["confidence"].iloc[0] if len(d) else None,
            "dti_rank_latest": float(dl["dti_rank"].iloc[0]) if len(dl) else float("nan"),
        })
    docs = documents()
    resolution = docs[docs["id"] == RESOLUTION_ID].iloc[0]
    return VNProfile(province, unit, units, pd.DataFrame(rows), resolution, papi, dti,
                     papi_year, dti_year, dti_latest)


# ================================================================== China

TSINGHUA = "tsinghua_dgdi"
# China's provincial-level units that are not provinces (Constitution, art. 30): the four
# municipalities under the central government and the five autonomous regions; the data
# name them all 'provinces'.
CN_KINDS = {"Beijing": "municipality", "Tianjin": "municipality", "Shanghai": "municipality",
            "Chongqing": "municipality", "Inner Mongolia": "autonomous_region",
            "Guangxi": "autonomous_region", "Tibet": "autonomous_region",
            "Ningxia": "autonomous_region", "Xinjiang": "autonomous_region"}
# The pinyin of the two units the data name by their English names.
CN_PINYIN = {"Tibet": "Xizang", "Inner Mongolia": "Nei Menggu"}


@dataclass
class CNProfile:
    """One of China's 31 provinces: its row of ``cn_provinces_2019`` (the 2019 online
    government service index with its rank as published, the NBS region and the variables
    coded from article 003's lists), all 31 rows (``provinces``), and its rows of the
    Tsinghua digital-government index in ``cn_other_dg_indices`` (``tsinghua``)."""

    slug: str
    row: object
    provinces: object
    tsinghua: object
    tsinghua_all: object

    @property
    def pinyin(self) -> str:
        p = str(self.row["province"])
        return CN_PINYIN.get(p, p)

    @property
    def name(self) -> dict:
        """Pinyin in English (an English name such as 'Tibet' with its pinyin after it);
        Sino-Vietnamese with the pinyin in Vietnamese."""
        p = str(self.row["province"])
        en = i18n.place(p, "en")
        return {"en": en if en == self.pinyin else f"{en} ({self.pinyin})",
                "vi": f"{i18n.place(p, 'vi')} ({self.pinyin})"}

    @property
    def kind(self) -> dict:
        """'a province', 'a municipality under the central government' or 'an autonomous
        region' / 'một tỉnh', …"""
        return both(f"profile.cn_kind.{CN_KINDS.get(str(self.row['province']), 'province')}")

    @property
    def short_name(self) -> dict:
        p = str(self.row["province"])
        return {lang: i18n.place(p, lang) for lang in i18n.LANGS}

    @property
    def year(self) -> int:
        """The assessment year of the online-service index."""
        return _cn_year()

    @property
    def region(self) -> str:
        return str(self.row["region"])

    @property
    def tsinghua_coverage(self) -> dict:
        """'the top 10 in 2020 and the top 6 in 2022' / '…': how far the copy in the data goes."""
        return {lang: joined([i18n.t("profile.top_in", lang, n=self.tsinghua_listed(y), year=y)
                              for y in self.tsinghua_years], lang) for lang in i18n.LANGS}

    def glance(self, lang: str):
        return cn_glance(self, lang)

    @property
    def region_name(self) -> dict:
        return both(f"profile.region.{self.region}")

    @property
    def region_rows(self):
        return self.provinces[self.provinces["region"] == self.region]

    @property
    def index(self) -> float:
        return float(self.row["online_service_index"])

    @property
    def rank(self) -> int:
        """The rank as published (ties share a rank there)."""
        return int(self.row["rank_as_published"])

    @property
    def tied_with(self) -> list[str]:
        """The other provinces with the same rank as published (pinyin)."""
        same = self.provinces[(self.provinces["rank_as_published"] == self.row["rank_as_published"])
                              & (self.provinces["province"] != self.row["province"])]
        return list(same["province"])

    @property
    def shared(self) -> dict:
        """', a rank shared with Guangdong' / '…' where the published rank is a tie; '' if not."""
        if not self.tied_with:
            return {lang: "" for lang in i18n.LANGS}
        return {lang: i18n.t("profile.shared_with", lang,
                             names=joined([i18n.place(n, lang) for n in self.tied_with], lang))
                for lang in i18n.LANGS}

    @property
    def n_above(self) -> int:
        """Computed here: how many of the 31 have a higher index than this province."""
        return int((self.provinces["online_service_index"] > self.index).sum())

    @property
    def rank_follows_values(self) -> bool:
        """Whether the published rank is the province's place by the index values (ties
        sharing the higher place); the transcribed ranks share a rank between ties without
        a gap after it, and in places do not follow the values."""
        return self.rank == self.n_above + 1

    @property
    def n_regions(self) -> int:
        return int(self.provinces["region"].nunique())

    @property
    def index_confidence(self) -> dict:
        return both(f"confidence.{self.row['confidence']}")

    @property
    def region_confidence(self) -> dict:
        return both(f"confidence.{self.row['region_confidence']}")

    def mean(self, region: bool = False) -> float:
        rows = self.region_rows if region else self.provinces
        return float(rows["online_service_index"].mean())

    @property
    def rank_in_region(self) -> int:
        """Computed here: the place within its region by the index, highest first (ties share)."""
        r = self.region_rows["online_service_index"].rank(ascending=False, method="min")
        return int(r[self.region_rows["province"] == self.row["province"]].iloc[0])

    @property
    def n_region(self) -> int:
        return len(self.region_rows)

    def flag(self, variable: str) -> bool:
        return bool(int(self.row[variable]))

    @property
    def ccid_tier(self) -> str:
        return str(self.row["ccid_tier"])

    def facts(self, variable: str) -> list[str]:
        return _ids([self.row[f"{variable}_facts"]])

    @property
    def index_sources(self) -> list[str]:
        return _ids([self.row["source_id"]])

    @property
    def region_sources(self) -> list[str]:
        return _ids([self.row["region_source_id"]])

    # ---- Tsinghua
    def tsinghua_rank(self, year: int) -> float:
        rows = self.tsinghua[(self.tsinghua["metric"] == "rank_of_31") & (self.tsinghua["data_year"] == year)]
        return float(rows["value"].iloc[0]) if len(rows) else float("nan")

    @property
    def tsinghua_years(self) -> list[int]:
        rows = self.tsinghua_all[self.tsinghua_all["metric"] == "rank_of_31"]
        return sorted(int(y) for y in rows["data_year"].unique())

    def tsinghua_listed(self, year: int) -> int:
        """How many provinces the data ranks for a year (the copy lists only the top ones)."""
        rows = self.tsinghua_all[(self.tsinghua_all["metric"] == "rank_of_31") & (self.tsinghua_all["data_year"] == year)]
        return len(rows)

    @property
    def tsinghua_ranked(self) -> list[int]:
        return [y for y in self.tsinghua_years if self.tsinghua_rank(y) == self.tsinghua_rank(y)]

    @property
    def tsinghua_confidence(self) -> dict:
        return both(f"confidence.{_lowest(self.tsinghua_all['confidence'])}")


def cn_profile(province: str) -> CNProfile:
    """The profile of one of China's 31 provinces, by slug ('zhejiang', 'inner-mongolia')."""
    from ..store.datasets import dataset

    row = province_row(province, "CHN")
    other = dataset("cn_other_dg_indices")
    tsinghua_all = other[other["source_id"] == TSINGHUA]
    mine = tsinghua_all[tsinghua_all["province_en"] == row["province"]]
    return CNProfile(province, row, dataset("cn_provinces_2019"), mine, tsinghua_all)


CN_DATASET = "cn_provinces_2019"
CN_FACT_ROWS = (("big_data_bureau_2018", "profile.row.bureau"),
                ("dg_leading_group_named", "profile.row.group"),
                ("ccid_tier", "profile.row.ccid"),
                ("guomai_leader", "profile.row.guomai"))


def _cn_year() -> int:
    """The assessment year of the online-service index: the year the dataset is named for."""
    return int(CN_DATASET.rsplit("_", 1)[1])


def _cn_value(profile: "CNProfile", variable: str, lang: str) -> str:
    if variable == "ccid_tier":
        return i18n.t(f"profile.tier.{profile.ccid_tier}", lang)
    if variable == "dg_leading_group_named":
        return i18n.t("profile.named" if profile.flag(variable) else "profile.not_named", lang)
    return i18n.t("profile.yes" if profile.flag(variable) else "profile.no", lang)


def cn_glance(profile: "CNProfile", lang: str):
    """The province's digital-government institutions, one row per figure: indicator, value
    (written in ``lang``; 'not in the data' where the data hold none), the source ids or
    fact ids to cite, and the confidence the dataset gives (for the rows coded from the
    article's lists: the list).  The index, its rank and the region are the prose's."""
    import pandas as pd

    def conf(flag):
        return i18n.t(f"confidence.{flag}", lang)

    rows = []
    for variable, key in CN_FACT_ROWS:
        rows.append({"indicator": i18n.t(key, lang), "value": _cn_value(profile, variable, lang),
                     "sources": [], "facts": profile.facts(variable),
                     "confidence": i18n.t("profile.article_list", lang)})
    flag = _lowest(profile.tsinghua_all["confidence"])
    ranks = []
    for y in profile.tsinghua_years:
        r = profile.tsinghua_rank(y)
        ranks.append(f"{y}: " + (i18n.t("profile.rank_of", lang, rank=int(r), n=len(profile.provinces))
                                 if r == r else i18n.t("profile.not_in_data", lang)))
    value = "; ".join(ranks) if profile.tsinghua_ranked else i18n.t("profile.not_in_data", lang)
    rows.append({"indicator": i18n.t("profile.row.tsinghua", lang), "value": value,
                 "sources": [TSINGHUA], "facts": [], "confidence": conf(flag)})
    return pd.DataFrame(rows)
