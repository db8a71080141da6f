"""Checking evidence quotes against the source texts.

The texts in ``../shared/sources/`` are PDF and OCR extractions: hard line breaks, doubled
characters in headings of 002, OCR without reliable diacritics in 003.  A quote is
matched after folding each of those away on both sides, but digits are never altered, so
a changed figure never matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# OCR of 003 renders Vietnamese vowels and some letters as look-alike characters; these
# folds apply to letters only and never touch a digit.
_LETTER_FOLDS = str.maketrans({
    "đ": "d", "Đ": "d", "ð": "d", "ơ": "o", "ư": "u", "ă": "a", "â": "a", "ê": "e", "ô": "o",
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‑": "-",
    "…": "...", "\u00a0": " ",
})


def fold(text: str) -> str:
    """Lower-case, drop diacritics and every space; keep digits and punctuation."""
    text = unicodedata.normalize("NFD", text.translate(_LETTER_FOLDS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_LETTER_FOLDS).lower()
    return re.sub(r"\s+", "", text)


def undouble_line(line: str) -> str:
    """'ĐĐặặtt  vvấấnn' -> 'Đặt vấn': halve a line only when every character is doubled."""
    s = line.rstrip("\n")
    stripped = s.strip()
    if len(stripped) >= 4 and len(stripped) % 2 == 0 and stripped[0::2] == stripped[1::2]:
        return stripped[0::2]
    # Doubled runs inside a line (a heading glued to body text): halve maximal runs of
    # doubled pairs of at least 4 characters.
    return re.sub(r"((.)\2){4,}", lambda m: m.group(0)[0::2], s)


@lru_cache(maxsize=None)
def folded_source(path_str: str) -> tuple[str, str]:
    """The folded text of a source file, as is and with doubled characters halved."""
    raw = Path(path_str).read_text(encoding="utf-8")
    undoubled = "\n".join(undouble_line(line) for line in raw.splitlines())
    return fold(raw), fold(undoubled)


def quote_in_source(quote: str, source_path: Path) -> bool:
    plain, undoubled = folded_source(str(source_path))
    q = fold(quote)
    return bool(q) and (q in plain or q in undoubled)


# ------------------------------------------------------- the value in its quote

_VI_NUMBER_WORDS = {
    1: ("một",), 2: ("hai",), 3: ("ba",), 4: ("bốn", "tư"), 5: ("năm",), 6: ("sáu",),
    7: ("bảy", "bẩy"), 8: ("tám",), 9: ("chín",), 10: ("mười",),
}


# 003's OCR drops the diacritics of a number word ('Tam thanh phd khac' = 'Tám thành phố
# khác', eight other cities): the quote keeps the OCR spelling, so the check accepts it.
# Only words without any diacritic, which occur in the OCR text alone.
_OCR_NUMBER_WORDS = {8: ("tam",)}


def number_spellings(value) -> set[str]:
    """Ways an article may write a number: 47.456 / 47,456 / 47456, 21,17 / 21.17, 06."""
    out: set[str] = set()
    value = abs(value)  # a fall is written as a word ("giảm 66,9%"), not a sign
    if isinstance(value, int) or float(value).is_integer():
        n = int(value)
        plain = str(n)
        out |= {plain, f"{n:,}", f"{n:,}".replace(",", "."), f"{n:,}".replace(",", " ")}
        if 0 <= n < 10:
            out.add(f"0{n}")
        out |= set(_VI_NUMBER_WORDS.get(n, ()))
        out |= set(_OCR_NUMBER_WORDS.get(n, ()))
    else:
        text = repr(float(value))
        whole, _, frac = text.partition(".")
        w = int(whole)
        for grouped in (str(w), f"{w:,}".replace(",", ".")):
            out.add(f"{grouped},{frac}")
        out.add(f"{w:,}.{frac}")
        out.add(text)
    return out


def value_in_evidence(kind: str, value, evidence: str) -> bool:
    """Whether a quote carries the value it is evidence for.

    Numbers: one of their spellings stands in the quote as a whole number (not inside a
    longer one).  Dates: the year, and the day and month where given.  Periods: both
    ends' years.  Names: not checked (pinyin against Vietnamese transcriptions).
    """
    ev = unicodedata.normalize("NFC", evidence).lower()
    if kind == "number":
        for s in number_spellings(value):
            if s.isalpha():
                if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", ev):
                    return True
            elif re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d]|[.,]\d)", ev):
                return True
        return False
    if kind == "date":
        return _date_in(value, ev)
    if kind == "date_range":
        start, end = value
        if start != ".." and end != ".." and _year_written_once(start, end, ev):
            return True
        return all(x == ".." or _date_in(x, ev) for x in value)
    if kind == "dates":
        return all(_date_in(d, ev) for d in value)
    return True


def _date_in(iso: str, ev: str) -> bool:
    parts = iso.split("-")
    if parts[0] not in ev:
        return False
    if len(parts) == 3:
        d, m = int(parts[2]), int(parts[1])
        pats = [rf"0?{d}/0?{m}/{parts[0]}", rf"0?{d}-0?{m}-{parts[0]}",
                rf"ngày\s+0?{d}\s+tháng\s+0?{m}"]
        return any(re.search(p, ev) for p in pats)
    if len(parts) == 2:
        m = int(parts[1])
        pats = [rf"0?{m}/{parts[0]}", rf"tháng\s+0?{m}"]
        return any(re.search(p, ev) for p in pats)
    return True


def _year_written_once(start: str, end: str, ev: str) -> bool:
    """'01/8 - 23/8/2025': two days of one year, the year written after the second only."""
    a, b = start.split("-"), end.split("-")
    if not (len(a) == len(b) == 3 and a[0] == b[0]):
        return False
    pat = (rf"(?<!\d)0?{int(a[2])}/0?{int(a[1])}\s*[-–]\s*0?{int(b[2])}/0?{int(b[1])}/{b[0]}")
    return bool(re.search(pat, ev))


# ------------------------------------------------- restored quotes of an OCR text
#
# Article 003 is OCR without Vietnamese diacritics.  A fact's ``evidence`` keeps the OCR
# spelling (it is what the text shows, and what the check above matches); its
# ``evidence_restored`` gives the same words in proper Vietnamese.  :func:`align_restored`
# checks that the restoration is the OCR text and nothing else: word for word, each
# word's letters after removing diacritics equal to the OCR's, except for the documented
# confusions below.  A digit of the restored quote must stand as the same digit in the
# OCR; a digit is never inserted, dropped or changed.

# What the OCR prints for a letter of the (diacritic-free) Vietnamese word: printed
# character -> the letters it may stand for.
OCR_CONFUSIONS: dict[str, str] = {
    # digits and signs that look like letters ('s6' = số, '14p' = lập, 'd3' = đã, '¢' = có/ở)
    "6": "o", "1": "l", "4": "a", "3": "a", "¢": "co", "&": "oae", "€": "e", ";": "i",
    # capitals read as another letter: 'Pong'/'Bén' = Đông/Đến, 'Ién'/'Iy' = lên/lý (lower-cased)
    "p": "d", "b": "do", "i": "laeu",
    # letters of a vowel with its marks read as another vowel or letter
    "a": "eiuo", "e": "aouc", "o": "ae", "u": "ao", "y": "u", "w": "u", "t": "u", "l": "u",
    "d": "oa", "g": "o", "r": "u",
    # 'ư' with its tilde read as a sign or a letter: '@ng' = ứng, 'dix liéu' = dữ liệu
    "@": "u", "x": "u",
}
# Characters the OCR adds inside a word (the marks of 'ư', 'ơ', 'ố' read as letters):
# 'tir' = từ, 'phuwong' = phương, 'Quédc' = Quốc, 'QDP' = QĐ.
OCR_STRAY = set("rtizwyaedp")
# Vowels whose marks the OCR read as nothing: 's' = số, 'ha' = hóa, 'cp' = cấp.
OCR_DROPPED = set("aeiouy")


def _word_cost(ocr: str, restored: str) -> float:
    """The fewest documented confusions that turn the OCR word into the restored one
    (both folded); infinite when no such way exists."""
    inf = float("inf")
    o, r = ocr, restored
    n, m = len(o), len(r)
    d = [[inf] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = d[i][j]
            if cur == inf:
                continue
            if i < n and j < m:
                a, b = o[i], r[j]
                if a == b:
                    d[i + 1][j + 1] = min(d[i + 1][j + 1], cur)
                elif not b.isdigit() and b in OCR_CONFUSIONS.get(a, ""):
                    d[i + 1][j + 1] = min(d[i + 1][j + 1], cur + 1)
            if i < n and o[i] in OCR_STRAY:                  # an OCR character dropped
                d[i + 1][j] = min(d[i + 1][j], cur + 1)
            if j < m and r[j] in OCR_DROPPED:                # a vowel the OCR lost
                d[i][j + 1] = min(d[i][j + 1], cur + 1)
    return d[n][m]


def align_restored(ocr: str, restored: str) -> list[str]:
    """Problems aligning a restored quote with its OCR quote, word by word; [] when the
    restoration is the OCR text read with the documented confusions only."""
    a, b = ocr.split(), restored.split()
    if len(a) != len(b):
        return [f"{len(a)} words in the OCR quote, {len(b)} in the restored one"]
    problems = []
    for x, y in zip(a, b):
        fx, fy = fold(x), fold(y)
        cost = _word_cost(fx, fy)
        budget = (len(fy) + 1) // 2 + 1
        if cost > budget:
            why = "no documented confusion" if cost == float("inf") else f"{int(cost)} confusions"
            problems.append(f"'{x}' -> '{y}': {why}")
    return problems
