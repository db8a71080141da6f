"""The tables of data/processed/ and their column metadata (one place for both the
datapackage descriptor and the codebook)."""

from __future__ import annotations

from .processed import Column as C
from .processed import Table


def _facts():
    from .fact_store import facts

    return facts().astype({"case": "string", "country": "string", "unit": "string",
                           "qualifier": "string", "source": "string"})


def _sources():
    from .sources import sources

    return sources()


def _cases():
    import pandas as pd

    from .fact_store import cases

    return pd.DataFrame([{"case": k, "label_en": v.en, "label_vi": v.vi, "country": v.country}
                         for k, v in cases().items()])


def _units():
    import pandas as pd

    from .fact_store import units

    return pd.DataFrame([{"unit": k, "kind": v.kind, "label_en": v.en, "label_vi": v.vi}
                         for k, v in units().items()])


ARTICLES = ("article_000", "article_001", "thuc2025", "huong2021", "thong2025")

FACT_COLUMNS = (
    C("id", "string", "Stable identifier of the fact (slug)"),
    C("case", "string", "Case the fact belongs to (see cases.csv)"),
    C("topic", "string", "Short topic within the case"),
    C("country", "string", "VN (Viet Nam) or CN (China)"),
    C("quantity_en", "string", "What the value measures, in English"),
    C("quantity_vi", "string", "What the value measures, in Vietnamese"),
    C("value", "string", "The value as text: a number, an ISO date, an ISO interval, or names joined by '; '"),
    C("number", "number", "The value when it is a number (else empty); its unit is in `unit`"),
    C("date_start", "string", "The date, or the start of the period, when the value is a date (ISO, year/month/day precision)"),
    C("date_end", "string", "The date, or the end of the period (empty for an open end)"),
    C("names", "string", "The names, joined by '; ', when the value is a list"),
    C("unit", "string", "Unit key (see units.csv)"),
    C("unit_en", "string", "Unit in English"),
    C("unit_vi", "string", "Unit in Vietnamese"),
    C("qualifier", "string", "exact, about, more than, less than, at least, at most, or nearly, as the source words it"),
    C("period", "string", "Reference date or period of the value (ISO), empty when the source gives none"),
    C("source", "string", "Source id (see sources.csv)"),
    C("locator", "string", "Section heading or cited page where the statement stands"),
    C("evidence", "string", "Verbatim quote from the source (at most 20 words) that contains the value"),
    C("note", "string", "Ambiguities of the source, recorded rather than resolved"),
)


def registry() -> list[Table]:
    out = [
        Table("facts", "Facts of the five source articles",
              "Every quantitative or dated statement of the five articles, one row per fact, "
              "with its source, locator and a verbatim evidence quote.",
              _facts, FACT_COLUMNS, ARTICLES, ("id",)),
        Table("sources", "Sources", "Every source, described once.", _sources, (
            C("id", "string", "Source id"),
            C("kind", "string", "article or dataset publisher"),
            C("authors", "string", "Authors as the text shows them, joined by '; '"),
            C("title", "string", "Title in the original language (empty when the text shows none)"),
            C("title_en", "string", "Title in English (our translation or a descriptive title)"),
            C("venue", "string", "Journal or publisher"),
            C("venue_en", "string", "Journal or publisher in English"),
            C("issue", "string", "Issue number"),
            C("year", "string", "Year of publication (empty when not shown)"),
            C("pages", "string", "Pages"),
            C("doi", "string", "DOI"),
            C("url", "string", "URL"),
            C("language", "string", "Language (ISO 639-1)"),
            C("licence", "string", "The source's own licence or terms"),
            C("covers", "string", "What the source covers"),
            C("file", "string", "Text file in ../shared/sources/ (articles)"),
            C("note", "string", "What the source does not show, and other remarks"),
        ), (), ("id",)),
        Table("cases", "Cases", "The cases the facts belong to.", _cases, (
            C("case", "string", "Case id"),
            C("label_en", "string", "Name in English"),
            C("label_vi", "string", "Name in Vietnamese"),
            C("country", "string", "VN or CN"),
        ), (), ("case",)),
        Table("units", "Units", "Every unit a fact may use.", _units, (
            C("unit", "string", "Unit key"),
            C("kind", "string", "number, date, date_range or names"),
            C("label_en", "string", "Unit in English"),
            C("label_vi", "string", "Unit in Vietnamese"),
        ), (), ("unit",)),
    ]
    return out
