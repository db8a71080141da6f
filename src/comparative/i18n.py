"""Bilingual strings (English / Vietnamese): titles, headings, captions, prose templates,
discussion questions, and numbers written the way each language writes them.

Every key has both languages (a test checks it).  Templates take ``{name}`` fields that the
notebooks fill with values from the library; no number is ever written into a string
here.

>>> from comparative import i18n
>>> i18n.number(10035, "vi"), i18n.number(66.9, "vi"), i18n.number(10035, "en")
('10.035', '66,9', '10,035')
"""

from __future__ import annotations

import math

from .errors import UnknownName

LANGS = ("en", "vi")


# ================================================================== numbers

def number(x, lang: str, decimals: int | None = None) -> str:
    """10035 -> '10,035' (en) / '10.035' (vi); 66.9 -> '66.9' / '66,9'."""
    _check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    x = float(x)
    if decimals is None:
        decimals = 0 if x.is_integer() else min(len(repr(abs(x)).split(".")[1]), 2)
    text = f"{x:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace("-", "−")


QUALIFIERS = {
    "exact": ("", ""),
    "about": ("about", "khoảng"),
    "more than": ("more than", "hơn"),
    "less than": ("less than", "chưa đến"),
    "at least": ("at least", "ít nhất"),
    "at most": ("at most", "nhiều nhất"),
    "nearly": ("nearly", "gần"),
}


def qualified(text: str, qualifier: str, lang: str) -> str:
    word = QUALIFIERS[qualifier][LANGS.index(lang)]
    return f"{word} {text}" if word else text


def fact_value(f, lang: str, decimals: int | None = None, unit: bool = False) -> str:
    """A fact's value as text with its qualifier (and unit): 'more than 10,000 communes'."""
    from .fact_store import units

    if f.kind == "number":
        text = number(f.value, lang, decimals)
        if unit:
            u = units()[f.unit]
            label = u.vi if lang == "vi" else u.en
            text = f"{text}%" if f.unit == "percent" else f"{text} {label}"
        elif f.unit == "percent":
            text += "%"
    elif f.kind == "date":
        text = date(f.value, lang)
    elif f.kind == "date_range":
        start, end = f.value
        text = f"{date(start, lang) if start != '..' else '…'}–{date(end, lang) if end != '..' else '…'}"
    else:
        text = ", ".join(f.value)
    return qualified(text, f.qualifier, lang)


def date(iso: str, lang: str) -> str:
    """'2025-07-01' -> '1 July 2025' / 'ngày 1/7/2025'; '2025-07' -> 'July 2025' / 'tháng 7/2025'."""
    _check_lang(lang)
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    y, m = parts[0], int(parts[1])
    if lang == "vi":
        return f"{int(parts[2])}/{m}/{y}" if len(parts) == 3 else f"tháng {m}/{y}"
    month = _MONTHS[m - 1]
    return f"{int(parts[2])} {month} {y}" if len(parts) == 3 else f"{month} {y}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


# ================================================================== strings

# key -> (en, vi)
STRINGS: dict[str, tuple[str, str]] = {
    # ---- title block and common report furniture
    "title.data_version": ("Data version", "Phiên bản dữ liệu"),
    "title.notebook": ("Notebook", "Notebook"),
    "title.edition": ("Edition", "Ấn bản"),
    "audience.report": ("report", "báo cáo"),
    "audience.seminar": ("seminar", "thảo luận (seminar)"),
    "lang.en": ("English", "tiếng Anh"),
    "lang.vi": ("Vietnamese", "tiếng Việt"),
    "param.lang": ("Language", "Ngôn ngữ"),
    "param.audience": ("Audience", "Đối tượng"),
    "bool.True": ("yes", "có"),
    "bool.False": ("no", "không"),
    "caption.figure": ("Figure", "Hình"),
    "caption.table": ("Table", "Bảng"),
    "caption.source": ("Source", "Nguồn"),
    "cite.no_date": ("n.d.", "k.r.n."),
    "report.parameters": ("Parameters of this edition: {list}.", "Tham số của ấn bản này: {list}."),
    "report.questions": ("Questions for discussion", "Câu hỏi thảo luận"),
    "report.references": ("References", "Tài liệu tham khảo"),
    "report.facts_used": ("Facts used", "Dữ kiện sử dụng"),
    "report.no_references": ("No source was cited.", "Không trích dẫn nguồn nào."),
}

# notebook -> ((title en, title vi), (subtitle en, subtitle vi))
TITLES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {}

# notebook -> (questions en, questions vi)
QUESTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

# parameter name -> (label en, label vi); parameter name -> value -> (en, vi)
PARAM_LABELS: dict[str, tuple[str, str]] = {}
PARAM_VALUES: dict[str, dict[str, tuple[str, str]]] = {}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UnknownName("language", lang, LANGS)


def t(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang``, with ``{fields}`` filled in."""
    _check_lang(lang)
    try:
        text = STRINGS[key][LANGS.index(lang)]
    except KeyError:
        raise UnknownName("text key", key, sorted(STRINGS)) from None
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    return key in STRINGS


def title(notebook: str, lang: str) -> str:
    _check_lang(lang)
    if notebook in TITLES:
        return TITLES[notebook][0][LANGS.index(lang)]
    return notebook.replace("_", " ").capitalize()


def subtitle(notebook: str, lang: str) -> str:
    _check_lang(lang)
    return TITLES[notebook][1][LANGS.index(lang)] if notebook in TITLES else ""


def questions(notebook: str, lang: str) -> list[str]:
    _check_lang(lang)
    return list(QUESTIONS.get(notebook, ((), ()))[LANGS.index(lang)])


def param_label(name: str, lang: str, fallback: str = "") -> str:
    """How the title block names a parameter; the parameter's own description, else its name."""
    _check_lang(lang)
    key = f"param.{name}"
    if key in STRINGS:
        return t(key, lang)
    if name in PARAM_LABELS:
        return PARAM_LABELS[name][LANGS.index(lang)]
    return (fallback or name).split(";")[0].strip().capitalize() or name


def param_value(name: str, value, lang: str) -> str:
    _check_lang(lang)
    if name == "lang":
        return t(f"lang.{value}", lang)
    if name == "audience":
        return t(f"audience.{value}", lang)
    if name in PARAM_VALUES and str(value) in PARAM_VALUES[name]:
        return PARAM_VALUES[name][str(value)][LANGS.index(lang)]
    if isinstance(value, bool):
        return t(f"bool.{value}", lang)
    if isinstance(value, (int, float)):
        return str(value)
    return str(value)


def missing() -> list[str]:
    """Keys with an empty string in either language (a test keeps this empty)."""
    out = [k for k, v in STRINGS.items() if len(v) != 2 or not all(v)]
    out += [f"title {k}" for k, (a, b) in TITLES.items() if not (all(a) and len(a) == 2 and len(b) == 2)]
    out += [f"questions {k}" for k, (a, b) in QUESTIONS.items() if len(a) != len(b) or not all(a + b)]
    return out
