"""Finding things by words: facts, dataset variables and names, ignoring case and diacritics.

The same folding as the search of ``reports/index.html`` (its script's ``fold``; here
:func:`comparative._text.fold`): Unicode NFD, combining marks dropped, ``đ``/``Đ`` → ``d``
(a letter of its own, not a ``d`` with a mark, so NFD keeps it), lower case, runs of
white space as one space.  "quan tri" finds
"quản trị", "Da Nang" finds "Đà Nẵng".  A query is a list of words, each of which must
occur somewhere in the record; a phrase can be quoted (``'"chinh quyen" 2025'``).
The codebook's lookup by words (``comparative.find``) is in :mod:`.codebook`.
"""

from __future__ import annotations

import re

from .._text import closest, fold  # noqa: F401  (the store's searching uses these)
from ..errors import UnknownName

_TERMS = re.compile(r'"([^"]*)"?|(\S+)')


def terms(query: str) -> list[str]:
    """The folded words of a query; a quoted phrase is one term."""
    out = []
    for m in _TERMS.finditer(str(query)):
        word = fold(m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if word:
            out.append(word)
    return out


def matches(words: list[str], *fields: object) -> bool:
    """True when every folded word occurs in one of ``fields`` (folded here)."""
    hay = "\u0000".join(fold(f) for f in fields if f is not None)
    return all(w in hay for w in words)


def phrase_in(query: str, *fields: object) -> bool:
    """True when one of ``fields`` holds the whole query as written (folded, quotes
    dropped): what ranks a hit first."""
    phrase = fold(str(query).replace('"', " ")).strip()
    return bool(phrase) and any(phrase in fold(f) for f in fields if f is not None)


def choose(what: str, value: str | None, allowed) -> str | None:
    """``value`` as it is spelled in ``allowed``, compared without case ('vn' → 'VN');
    UnknownName (with the closest names) when it is none of them."""
    if value is None:
        return None
    allowed = list(allowed)
    if value in allowed:
        return value
    folded = {str(a).casefold(): a for a in allowed}
    if str(value).casefold() in folded:
        return folded[str(value).casefold()]
    raise UnknownName(what, value, sorted(allowed), suggest=True)
