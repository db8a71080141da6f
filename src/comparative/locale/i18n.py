"""The furniture of the reports in English and Vietnamese: a small catalogue of words
per language (``locale/en.toml``, ``locale/vi.toml``: column heads, "Figure", "Source",
qualifier words, parameter labels), and numbers and dates written the way each language
writes them (CLDR formats through Babel).  The argument itself lives in the notebooks.

>>> from comparative.locale import i18n
>>> i18n.number(10035, "vi"), i18n.number(66.9, "vi"), i18n.number(10035, "en")
('10.035', '66,9', '10,035')
"""

from __future__ import annotations

import math

from ..errors import DataError, UnknownName

LANGS = ("en", "vi")


# ================================================================== numbers

def number(x, lang: str, decimals: int | None = None) -> str:
    """10035 -> '10,035' (en) / '10.035' (vi); 66.9 -> '66.9' / '66,9'.

    Grouping and decimal signs are CLDR's (Babel) for en-US and vi-VN; the minus is the
    typographic one."""
    _check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    from babel.numbers import format_decimal

    x = float(x)
    if decimals is None:
        decimals = 0 if x.is_integer() else min(len(repr(abs(x)).split(".")[1]), 2)
    from decimal import ROUND_HALF_UP, Decimal

    # Rounded half away from zero on the number as written (2.675 -> 2.68), as a reader
    # rounds by hand, not on its binary approximation.
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(q, format=pattern, locale=_LOCALES[lang], decimal_quantization=True)
    return text.replace("-", "−")


_LOCALES = {"en": "en_US", "vi": "vi_VN"}


# qualifier -> (en, vi), filled from the catalogues (locale/*.toml, [qualifiers])
QUALIFIERS: dict[str, tuple[str, str]] = {}


def pvalue(p: float, lang: str) -> str:
    """A p-value as reported: three decimals, '< 0.001' below that."""
    return f"< {number(0.001, lang, 3)}" if p < 0.001 else number(p, lang, 3)


def qualified(text: str, qualifier: str, lang: str) -> str:
    word = QUALIFIERS[qualifier][LANGS.index(lang)]
    return f"{word} {text}" if word else text


# Counts of things (not time, money, shares or scores) that a sentence may spell out, as
# APA 7 (6.32) and Vietnamese academic prose write numbers below ten: 'three tiers'.
_COUNTED = {"units", "provinces", "communes", "tiers", "count", "documents", "tasks",
            "websites", "cities", "services", "ministries_sectors"}
_WORDS = {"en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten"),
          "vi": ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
                 "mười")}


def count_words(x, lang: str) -> str:
    """A whole count below eleven in words ('three' / 'ba'); larger or fractional numbers
    as :func:`number` writes them."""
    _check_lang(lang)
    if x is not None and float(x).is_integer() and 0 <= float(x) <= 10:
        return _WORDS[lang][int(x)]
    return number(x, lang)


def fact_value(f, lang: str, decimals: int | None = None, unit: bool = False,
               words: bool = False) -> str:
    """A fact's value as text with its qualifier (and unit): 'more than 10,000 communes';
    ``words`` spells out a count below eleven ('three tiers'), as prose does."""
    from ..store.facts import units

    if words and f.kind == "number" and f.unit in _COUNTED:
        text = count_words(f.value, lang)
        if unit and f.unit != "count":
            u = units()[f.unit]
            text = f"{text} {u.vi if lang == 'vi' else u.en}"
        return qualified(text, f.qualifier, lang)

    if f.kind == "number" and f.unit == "decade":
        # 'những năm 90' as the article writes it; 'the ’90s' in English
        n = int(f.value)
        text = f"những năm {n}" if lang == "vi" else f"the ’{n:02d}s"
        return qualified(text, f.qualifier, lang)
    if f.kind == "number" and f.unit in ("document_number", "ordinal"):
        text = str(int(f.value))   # an identifier, not a quantity: no grouping
    elif f.kind == "number":
        text = number(f.value, lang, decimals)
        if unit and f.unit == "count":
            pass                   # a bare count: the sentence names what is counted
        elif unit:
            u = units()[f.unit]
            label = u.vi if lang == "vi" else u.en
            text = f"{text}%" if f.unit == "percent" else f"{text} {label}"
        elif f.unit == "percent":
            text += "%"
    elif f.kind == "date":
        text = date(f.value, lang)
    elif f.kind == "date_range":
        start, end = f.value
        text = period(f"{start}/{end}", lang)
    elif f.kind == "dates":     # separate dates: '1998 and 2003' / '1998 và 2003'
        texts = [date(x, lang) for x in f.value]
        word = " và " if lang == "vi" else " and "
        text = word.join([", ".join(texts[:-1]), texts[-1]])
    else:
        text = ", ".join(item(x, lang) for x in f.value)
    return qualified(text, f.qualifier, lang)


def date(iso: str, lang: str) -> str:
    """'2025-07-01' -> '1 July 2025' / 'ngày 1/7/2025'; '2025-07' -> 'July 2025' / 'tháng 7/2025'."""
    _check_lang(lang)
    if iso.endswith("X"):        # EDTF: a year of a decade ('199X' -> 'the 1990s')
        decade = iso[:-1] + "0"
        return f"những năm {decade}" if lang == "vi" else f"the {decade}s"
    if iso.endswith("~"):        # EDTF: an approximate year
        return f"khoảng năm {iso[:-1]}" if lang == "vi" else f"about {iso[:-1]}"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    y, m = parts[0], int(parts[1])
    if lang == "vi":
        return f"{int(parts[2])}/{m}/{y}" if len(parts) == 3 else f"tháng {m}/{y}"
    month = _MONTHS[m - 1]
    return f"{int(parts[2])} {month} {y}" if len(parts) == 3 else f"{month} {y}"


def period(text: str, lang: str) -> str:
    """A reference date or period written in ``lang``, the year said once where both ends
    share it: '2000/2014' -> '2000–2014'; '2025-07-01/2025-08' -> '1 July – August 2025' /
    'từ 1/7 đến tháng 8/2025'; '2025-07/2025-08' -> 'July–August 2025' / 'tháng 7–8/2025';
    an open end, '2019/..' -> '2019 onwards' / 'từ năm 2019'."""
    if not text:
        return ""
    if "/" not in text:
        return date(text, lang)
    a, _, b = text.partition("/")
    if b == "..":
        fuzzy = a.endswith(("X", "~"))
        return t("period.since" if "-" in a or fuzzy else "period.since_year", lang, start=date(a, lang))
    if a == "..":
        return t("period.until", lang, end=date(b, lang))
    pa, pb = a.split("-"), b.split("-")
    if len(pa) == len(pb) == 1:
        return f"{a}–{b}"
    if pa[0] != pb[0]:                       # different years: both written whole
        start, end = date(a, lang), date(b, lang)
    elif lang == "vi":
        if len(pa) == len(pb) == 2:
            return f"tháng {int(pa[1])}–{int(pb[1])}/{pb[0]}"
        start = f"{int(pa[2])}/{int(pa[1])}" if len(pa) == 3 else f"tháng {int(pa[1])}"
        end = date(b, lang)
    else:
        start = (f"{int(pa[2])} {_MONTHS[int(pa[1]) - 1]}" if len(pa) == 3
                 else _MONTHS[int(pa[1]) - 1])
        end = date(b, lang)
        if len(pa) == len(pb) == 2:
            return f"{start}–{end}"
    if lang == "vi":
        return f"từ {start} đến {end}"
    return f"{start} – {end}"


def during(text: str, lang: str) -> str:
    """A reference date or period as a phrase of time for prose: '2025-07-01/2025-08' ->
    'from 1 July to August 2025' / 'từ 1/7 đến tháng 8/2025'; '2019/..' -> 'since 2019' /
    'từ năm 2019'; '2019' -> 'in 2019' / 'năm 2019'; '2025-07-01' -> 'on 1 July 2025' /
    'ngày 1/7/2025'."""
    if not text:
        return ""
    if "/" not in text:
        if "X" in text or "~" in text:     # a decade or an approximate year carries its own words
            written = period(text, lang)
            return written if lang == "vi" else f"in {written}"
        kind = {1: "year", 2: "month", 3: "day"}[len(text.split("-"))]
        return t(f"during.{kind}", lang, date=date(text, lang))
    a, _, b = text.partition("/")
    if b == "..":
        return t("during.since", lang, start=_phrase_date(a, lang))
    if a == "..":
        return t("period.until", lang, end=date(b, lang))
    written = period(text, lang)
    if lang == "vi":
        if written.startswith("từ "):
            return written
        pa, pb = a.split("-"), b.split("-")
        if len(pa) == len(pb) == 1:
            return f"từ năm {a} đến năm {b}"
        return f"từ tháng {int(pa[1])} đến tháng {int(pb[1])}/{pb[0]}"   # months of one year
    start, _, end = written.replace(" – ", "–").partition("–")
    return f"from {start} to {end}"


def _phrase_date(iso: str, lang: str) -> str:
    """A date as it follows 'since' / 'từ': '2019' / 'năm 2019', '1/7/2025' / 'ngày 1/7/2025'."""
    if lang != "vi":
        return date(iso, lang)
    if iso.endswith(("X", "~")):
        return date(iso, lang)
    n = len(iso.split("-"))
    return {1: f"năm {iso}", 2: date(iso, lang), 3: f"ngày {date(iso, lang)}"}[n]


# English month names, filled from locale/en.toml ([months])
_MONTHS: list[str] = []


# ================================================================== the catalogue

# key -> (en, vi), filled from locale/en.toml and locale/vi.toml below
STRINGS: dict[str, tuple[str, str]] = {}
PARAM_LABELS: dict[str, tuple[str, str]] = {}
PARAM_VALUES: dict[str, dict[str, tuple[str, str]]] = {}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise UnknownName("language", lang, LANGS)


def t(key: str, lang: str, **fields) -> str:
    """The furniture word ``key`` in ``lang``, with ``{fields}`` filled in."""
    _check_lang(lang)
    try:
        text = STRINGS[key][LANGS.index(lang)]
    except KeyError:
        raise UnknownName("text key", key, sorted(STRINGS)) from None
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    return key in STRINGS


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
    return str(value)


# ================================================================== list items and places
# How the items of list facts, and Chinese place names, are shown in each language
# (locale/items.toml).  The facts keep their items as the articles give them; the edition
# shows them in its own language.

# item as stored -> (en, vi); PLACES is the part of it that names Chinese places
ITEMS: dict[str, tuple[str, str]] = {}
PLACES: dict[str, tuple[str, str]] = {}
_ITEMS_FILE = "src/comparative/locale/items.toml"


def item(text: str, lang: str) -> str:
    """A list item (as the fact stores it) shown in ``lang``: 'lao động nông thôn của chính
    thành phố' -> 'rural workers of the city itself' (en); 'Guangdong' -> 'Quảng Đông' (vi).

    An item the catalogue lacks is an error naming it, never shown untranslated."""
    _check_lang(lang)
    import unicodedata

    key = unicodedata.normalize("NFC", str(text))
    if key not in ITEMS:
        raise DataError(_ITEMS_FILE, None, None,
                        f"list item '{key}' has no display names; add "
                        f'"{key}" = {{ en = "…", vi = "…" }} to the catalogue')
    return ITEMS[key][LANGS.index(lang)]


# Vietnamese writes a tone on "oa", "oe", "uy" two ways; our text places it on the first
# vowel ("Hòa", "Thủy"), as the 2018 orthography rules and most of the sources do.  A
# publisher's list that writes "Hoà Bình" keeps its spelling in data; a report shows ours.
_OLD_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
             "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
             "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_TONE_RE = None


# The Vietnamese alphabet, and the tones in the order dictionaries use (ngang, huyền,
# hỏi, ngã, sắc, nặng): letters first, tones only to break ties.
_VI_ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
_VI_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str, lang: str):
    """A key that orders names as a reader of ``lang`` expects: in Vietnamese by its
    alphabet (a ă â … d đ …; 'Cao Bằng' before 'Cần Thơ', 'Dak Lak' before 'Đà Nẵng'),
    tones breaking ties, word by word ('Hà Nội' before 'Hải Phòng'), a leading 'TP.' (city)
    not counted; in English by the letters without their marks."""
    import re
    import unicodedata

    if lang != "vi":
        from .._text import fold

        return (fold(text), text)
    letters, tones = [], []
    name = re.sub(r"^(tp\.|thành phố)\s+", "", unicodedata.normalize("NFC", text.casefold()))
    for ch in name:
        if not ch.isalnum():          # a word ends before any letter: Hà Nội, Hải Phòng
            letters.append(-1)
            tones.append(0)
            continue
        parts = unicodedata.normalize("NFD", ch)
        tone = next((m for m in parts[1:] if m in _VI_TONES), "")
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m != tone))
        if base == "đ" or base in _VI_ALPHABET:
            letters.append(_VI_ALPHABET.index(base) if base != "đ" else _VI_ALPHABET.index("đ"))
        else:
            letters.append(100 + ord(base[0]) if base else 100)
        tones.append(_VI_TONES[tone])
    return (tuple(letters), tuple(tones), text)


def vi_spelling(text: str) -> str:
    """``text`` with the tone of a final "oa", "oe" or "uy" on its first vowel, as our
    text writes it: "Hoà Bình" -> "Hòa Bình"; "hoàn", "quý" (a syllable that goes on, or
    "qu") are left alone."""
    import re

    global _OLD_TONE_RE
    if _OLD_TONE_RE is None:
        pairs = "|".join(_OLD_TONE) + "|" + "|".join(k[0].upper() + k[1] for k in _OLD_TONE)
        _OLD_TONE_RE = re.compile(rf"(?<![qQ])({pairs})(?![^\W\d_])")

    def fix(m):
        old = m.group(1)
        new = _OLD_TONE[old.lower()]
        return new[0].upper() + new[1] if old[0].isupper() else new
    return _OLD_TONE_RE.sub(fix, text)


def place(name: str, lang: str) -> str:
    """A Chinese province or city (pinyin, as datasets and facts store it) in ``lang``:
    'Guangdong' -> 'Guangdong' (en), 'Quảng Đông' (vi)."""
    _check_lang(lang)
    import unicodedata

    key = unicodedata.normalize("NFC", str(name))
    if key not in PLACES:
        raise DataError(_ITEMS_FILE, None, "places",
                        f"Chinese place '{key}' has no display names; add "
                        f'"{key}" = {{ en = "{key}", vi = "…" }} under [places]')
    return PLACES[key][LANGS.index(lang)]


def missing() -> list[str]:
    """Keys with an empty string in either language (a test keeps this empty)."""
    return [k for k, v in STRINGS.items() if len(v) != 2 or not all(v)]


# ================================================================== the catalogues
# The furniture lives in data files, one per language (locale/en.toml, locale/vi.toml);
# the argument of each report lives in its notebook.

def _load_catalogues() -> None:
    import tomllib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    cats = {lang: tomllib.loads((here / f"{lang}.toml").read_text(encoding="utf-8")) for lang in LANGS}
    en, vi = cats["en"], cats["vi"]
    for key in en["strings"]:
        STRINGS[key] = (en["strings"][key], vi["strings"].get(key, ""))
    for key in vi["strings"]:
        STRINGS.setdefault(key, ("", vi["strings"][key]))
    _MONTHS[:] = en["months"]["names"]
    for key in en["qualifiers"]:
        QUALIFIERS[key] = (en["qualifiers"][key], vi["qualifiers"].get(key, ""))
    for key in en["param_labels"]:
        PARAM_LABELS[key] = (en["param_labels"][key], vi["param_labels"].get(key, ""))
    for name, values in en["param_values"].items():
        PARAM_VALUES[name] = {k: (v, vi["param_values"].get(name, {}).get(k, "")) for k, v in values.items()}
    _load_items(tomllib.loads((here / "items.toml").read_text(encoding="utf-8")))


def _load_items(cat: dict) -> None:
    """Fill ITEMS and PLACES; an entry without both languages fails here, on import."""
    import unicodedata

    for section, target in (("places", PLACES), ("items", None)):
        for key, entry in cat.get(section, {}).items():
            if not isinstance(entry, dict) or set(entry) != set(LANGS) or not all(
                    isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGS):
                raise DataError(_ITEMS_FILE, key, section, "needs exactly a non-empty en and vi")
            key = unicodedata.normalize("NFC", key)
            pair = tuple(unicodedata.normalize("NFC", entry[lang]) for lang in LANGS)
            if key in ITEMS:
                raise DataError(_ITEMS_FILE, key, section, "listed twice")
            ITEMS[key] = pair
            if target is not None:
                target[key] = pair


_load_catalogues()
