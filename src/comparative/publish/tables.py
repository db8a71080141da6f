"""The tables of data/processed/ and their column metadata (one place for both the
datapackage descriptor and the codebook)."""

from __future__ import annotations

from .schema import Column as C
from .schema import Table


def _facts():
    from ..store.facts import facts

    return facts().astype({"case": "string", "country": "string", "unit": "string",
                           "qualifier": "string", "source": "string", "derivation": "string"})


def _documents():
    from ..store.documents import documents

    return documents()


def _sources():
    from ..store.sources import sources

    return sources()


def _cases():
    import pandas as pd

    from ..store.facts import cases

    return pd.DataFrame([{"case": k, "label_en": v.en, "label_vi": v.vi, "country": v.country}
                         for k, v in cases().items()])


def _units():
    import pandas as pd

    from ..store.facts import units

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
    C("value", "string", "The value as text: a number, an ISO date, an ISO interval, or names or separate dates joined by '; '"),
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
    C("locator", "string", "The article's own section heading (or page) where the statement stands; a work it cites is in cites_*"),
    C("evidence", "string", "Verbatim quote from the source (at most 20 words) that contains the value"),
    C("note", "string", "Ambiguities of the source, recorded rather than resolved"),
    C("caveat_en", "string", "What a reader must know to use the figure, as the reports print it (English)"),
    C("caveat_vi", "string", "The same caveat in Vietnamese"),
    C("derivation", "string", "How the value and its period were read: stated (written in the quote), "
      "computed (worked out from stated figures) or inferred (from context, a citation year, or a "
      "count from the last ordinal of a list)"),
    C("derivation_note", "string", "What was computed or inferred, and from what (empty when stated)"),
    C("evidence_restored", "string", "The quote in proper Vietnamese with diacritics, restored by the "
      "extractor where the source text is OCR without them (article 003); `evidence` stays verbatim"),
    C("cites_ref", "string", "Number of the work in the article's own reference list that the article "
      "cites for the figure ('[4, tr.102-103]' -> 4); the figure is second-hand"),
    C("cites_pages", "string", "Pages of that cited work ('102-103')"),
    C("cites_work", "string", "Author or publisher of a work the article cites in author-year form "
      "('Quốc vụ viện'); the figure is second-hand"),
    C("cites_year", "string", "Year of that cited work"),
    C("same_as", "string", "Ids of facts of other articles that state the same figure, joined by '; '"),
    C("restates", "string", "Id of the fact of the same article that states the same thing first "
      "(its canonical fact); this fact restates it"),
)


# Column descriptions shared by the case-view tables (one vocabulary for all of them).
VIEW_COLUMNS = {
    "fact_id": ("string", "Id of the fact the row rests on (see facts.csv)"),
    "fact_ids": ("string", "Ids of the facts the row rests on, joined by ';'"),
    "local_fact_id": ("string", "Fact id of the local measure"),
    "central_fact_id": ("string", "Fact id of the central policy"),
    "total_fact_id": ("string", "Fact id of the stated total"),
    "source": ("string", "Source id (see sources.csv); several joined by ';'"),
    "case": ("string", "Case id"),
    "country": ("string", "ISO 3166-1 alpha-3: VNM or CHN"),
    "topic": ("string", "Topic of the fact"),
    "date": ("string", "Date of the event (ISO, at the precision the source gives)"),
    "year": ("integer", "Year of the event"),
    "level": ("string", "local or central (timelines); administrative level (unit tables)"),
    "event_en": ("string", "The event, in English (the fact's label)"),
    "event_vi": ("string", "The event, in Vietnamese (the fact's label)"),
    "quantity_en": ("string", "What the value measures, in English"),
    "quantity_vi": ("string", "What the value measures, in Vietnamese"),
    "label_en": ("string", "Label in English"),
    "label_vi": ("string", "Label in Vietnamese"),
    "value": ("string", "The value as text"),
    "number": ("number", "The value when it is a number"),
    "unit": ("string", "Unit key (see units.csv)"),
    "unit_en": ("string", "Unit in English"),
    "unit_vi": ("string", "Unit in Vietnamese"),
    "qualifier": ("string", "exact, about, more than, less than, at least, at most, nearly"),
    "period": ("string", "Reference date or period (ISO)"),
    "local_event_en": ("string", "The local measure, in English"),
    "local_event_vi": ("string", "The local measure, in Vietnamese"),
    "central_event_en": ("string", "The central policy, in English"),
    "central_event_vi": ("string", "The central policy, in Vietnamese"),
    "local_year": ("integer", "Year of the local measure"),
    "central_year": ("integer", "Year of the central policy"),
    "years_ahead": ("integer", "central_year − local_year: positive when the local measure came first (computed)"),
    "first": ("string", "Which came first: local, central or same year (computed)"),
    "before": ("number", "Count before the reorganization, as the article states it"),
    "before_qualifier": ("string", "Qualifier of the count before"),
    "after": ("number", "Count after the reorganization"),
    "after_qualifier": ("string", "Qualifier of the count after"),
    "change": ("number", "after − before, computed only when both counts are exact"),
    "change_pct": ("number", "Change in percent of before, computed only when both counts are exact"),
    "stated_change_pct": ("number", "The change in percent as the article states it"),
    "total": ("number", "The stated total the parts belong to"),
    "share_pct": ("number", "The part in percent of the stated total (computed, one decimal)"),
    "stage": ("integer", "Stage number (1–3) of China's digital-government path"),
    "name": ("string", "Name of the stage, as the article gives it"),
    "name_en": ("string", "Name of the stage, in English (locale/items.toml)"),
    "name_vi": ("string", "Name of the stage, in Vietnamese (locale/items.toml)"),
    "start": ("string", "Start of the stage (ISO year)"),
    "end": ("string", "End of the stage (ISO year; empty: open)"),
    "start_year": ("integer", "First year of the stage"),
    "end_year": ("integer", "Last year of the stage (empty: open)"),
    "stated_en": ("string", "What people say they want, in English"),
    "stated_vi": ("string", "What people say they want, in Vietnamese"),
    "actual_en": ("string", "What people actually do, in English"),
    "actual_vi": ("string", "What people actually do, in Vietnamese"),
    "stated_pct": ("number", "Share stating it, percent"),
    "actual_pct": ("number", "Share actually doing it, percent"),
    "gap_points": ("number", "stated_pct − actual_pct, percentage points (computed; the article does not state it)"),
    "province": ("string", "Province (pinyin)"),
    "province_en": ("string", "Province as English editions name it (pinyin)"),
    "province_vi": ("string", "Province as Vietnamese editions name it (Sino-Vietnamese)"),
    "tier": ("integer", "Tier of the CCID 2020 application index (1 highest)"),
    "list_en": ("string", "The list the item belongs to, in English"),
    "list_vi": ("string", "The list the item belongs to, in Vietnamese"),
    "item": ("string", "One item of the list, as the article names it"),
    "item_en": ("string", "The item in English (our gloss of the article's words; locale/items.toml)"),
    "item_vi": ("string", "The item in Vietnamese (locale/items.toml)"),
}

# view tables that are datasets passed through (exported once, as datasets)
_PASSTHROUGH = {("vietnam_2025", "national_totals"), ("vietnam_2025", "provinces"),
                ("vietnam_2025", "mapping")}


def _view_table(case: str, table: str) -> Table:
    from ..views.cases import VIEWS
    from ..store.facts import cases as case_table

    def build():
        return VIEWS[case]().tables[table]

    df = build()
    unknown = [c for c in df.columns if c not in VIEW_COLUMNS]
    if unknown:
        raise ValueError(f"view {case}.{table}: columns without a description: {unknown}")
    cols = tuple(C(c, *VIEW_COLUMNS[c]) for c in df.columns)
    label = case_table()[case].en
    return Table(f"{case}_{table}", f"{label}: {table.replace('_', ' ')}",
                 f"Table '{table}' of the case view comparative.cases.{case}(); every row cites its facts.",
                 build, cols,
                 tuple(sorted({s for v in df["source"].dropna() for s in str(v).split(";")}))
                 if "source" in df else ())


def _dataset_table(name: str) -> Table:
    from ..store.datasets import columns, dataset, datasets

    meta = datasets().set_index("name").loc[name]
    kinds = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
             "date": "date", "category": "string"}
    cols = tuple(C(c.name, kinds.get(c.type, "string"), c.description, c.unit) for c in columns(name))
    return Table(f"dataset_{name}", str(meta["title"]),
                 f"{meta['description']} Unit of observation: {meta['unit']}. Coverage: {meta['coverage']}.",
                 lambda: dataset(name, dtype_backend="numpy_nullable"), cols, tuple(s.strip() for s in str(meta["sources"]).split(";") if s.strip()))


def _glossary():
    from ..views.matrix import glossary

    return glossary()


def _matrix():
    from ..views.matrix import model_matrix

    return model_matrix()


def registry() -> list[Table]:
    from ..views.cases import VIEWS
    from ..store.datasets import dataset_names

    out = [
        Table("facts", "Facts of the five source articles",
              "Every quantitative or dated statement of the five articles, one row per fact, "
              "with its source, locator and a verbatim evidence quote.",
              _facts, FACT_COLUMNS, ARTICLES, ("id",)),
        Table("documents", "Documents the articles name",
              "Every law, resolution, decree, decision, conclusion, plan, plenum, congress and "
              "other document the five articles name, once each, with the facts that mention it.",
              _documents, (
                  C("id", "string", "Stable identifier of the document (slug)"),
                  C("symbol", "string", "Its number or code as the article writes it (empty when it has none)"),
                  C("type", "string", "law, resolution, decree, decision, conclusion, plan, plenum, congress, "
                    "opinion, regulation, notice, measures, report, white paper, programme or document"),
                  C("name_vi", "string", "The document as the article names it, in Vietnamese"),
                  C("name_en", "string", "The document in English (our translation)"),
                  C("issuer_vi", "string", "Issuing body as the article names it (empty when it does not)"),
                  C("issuer_en", "string", "Issuing body in English"),
                  C("country", "string", "VN (Viet Nam) or CN (China)"),
                  C("date", "string", "Date as precise as the articles give it (ISO); empty when they give none"),
                  C("fact_ids", "string", "Ids of the facts that mention it, joined by ';'"),
                  C("note", "string", "Remarks"),
              ), ARTICLES, ("id",)),
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
            C("short_title", "string", "Short title named in author-date citations when the source shows no author"),
            C("title_vi", "string", "Title or bracketed description in Vietnamese, for the Vietnamese editions"),
            C("title_romanized", "string", "The original title in pinyin (Chinese titles)"),
            C("authors_vi", "string", "Publishers' names in Vietnamese, joined by '; '"),
            C("short_title_vi", "string", "Short title in Vietnamese for author-date citations"),
            C("caption_note", "string", "What every caption drawing on the source says of the copy used and its standing"),
            C("caption_note_vi", "string", "The same in Vietnamese"),
        ), (), ("id",)),
        Table("cases", "Cases", "The cases the facts belong to.", _cases, (
            C("case", "string", "Case id"),
            C("label_en", "string", "Name in English"),
            C("label_vi", "string", "Name in Vietnamese"),
            C("country", "string", "ISO 3166-1 alpha-3: VNM or CHN"),
        ), (), ("case",)),
        Table("units", "Units", "Every unit a fact may use.", _units, (
            C("unit", "string", "Unit key"),
            C("kind", "string", "number, date, date_range, names or dates (separate dates, not a period)"),
            C("label_en", "string", "Unit in English"),
            C("label_vi", "string", "Unit in Vietnamese"),
        ), (), ("unit",)),
        Table("glossary", "Glossary", "A bilingual glossary of the field's terms (definitions ours).",
              _glossary, (
                  C("term", "string", "Term id"),
                  C("vi", "string", "The term in Vietnamese"),
                  C("en", "string", "The term in English"),
                  C("definition_en", "string", "Short definition in English"),
                  C("definition_vi", "string", "Short definition in Vietnamese"),
                  C("as_printed", "string", "The term as an OCR source prints it, where it differs"),
                  C("sources", "string", "Articles that use the term, joined by ';'"),
              ), ARTICLES, ("term",)),
        Table("model_matrix", "Vietnam–China model matrix",
              "Each dimension of the comparison coded for Viet Nam and China in both languages, "
              "with the facts each cell rests on (coding ours; figures from the facts).",
              _matrix, (
                  C("dimension", "string", "Dimension id"),
                  C("dimension_en", "string", "Dimension in English"),
                  C("dimension_vi", "string", "Dimension in Vietnamese"),
                  C("description_en", "string", "What the dimension asks, in English"),
                  C("description_vi", "string", "What the dimension asks, in Vietnamese"),
                  C("vn_en", "string", "Viet Nam's coded value, in English"),
                  C("vn_vi", "string", "Viet Nam's coded value, in Vietnamese"),
                  C("cn_en", "string", "China's coded value, in English"),
                  C("cn_vi", "string", "China's coded value, in Vietnamese"),
                  C("vn_fact_ids", "string", "Facts supporting Viet Nam's cell, joined by ';'"),
                  C("cn_fact_ids", "string", "Facts supporting China's cell, joined by ';'"),
              ), ARTICLES, ("dimension",)),
    ]
    for case, fn in VIEWS.items():
        for table in fn().tables:
            if (case, table) not in _PASSTHROUGH:
                out.append(_view_table(case, table))
    out += [_dataset_table(name) for name in dataset_names()]
    return out
