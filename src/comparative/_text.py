"""Text compared as a reader means it: without case and Vietnamese diacritics.

The base of every layer's searching (``store.search``) and of the "did you mean" of
:class:`comparative.errors.UnknownName`; the script of ``reports/index.html`` folds the
same way in the browser.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: object) -> str:
    """``text`` without case and diacritics, runs of white space as one space:
    ``fold("Quản trị  ĐỊA phương") == "quan tri dia phuong"``.  ``đ``/``Đ`` is a letter
    of its own (NFD keeps it), so it is mapped to ``d`` by hand.  The same steps as
    ``fold`` in the script of ``reports/index.html`` (NFD, drop \\p{M}, đ → d, lower case,
    white space), so the page and the library find the same facts."""
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return _SPACE.sub(" ", bare.replace("đ", "d").replace("Đ", "d").lower())


def closest(name: object, allowed, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The allowed names closest to ``name`` (difflib's ratio, compared folded), best
    first; a name that is a folded prefix or part of an allowed one counts as close."""
    import difflib

    by_fold: dict[str, str] = {}
    for a in allowed:
        by_fold.setdefault(fold(a), str(a))
    key = fold(name)
    hits = difflib.get_close_matches(key, list(by_fold), n=n, cutoff=cutoff)
    if len(hits) < n and len(key) >= 3:
        hits += [k for k in sorted(by_fold, key=lambda k: (len(k), k))
                 if key in k and k not in hits][:n - len(hits)]
    return [by_fold[h] for h in hits]


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]#+!|<>~$]")


def escape_markdown(text: object) -> str:
    """Plain text safe inside markdown: '&' and markdown's special characters as numeric
    entities (not backslashes: in JupyterLab '\\[' and '\\(' open MathJax, as '$' does),
    line breaks as spaces."""
    text = str(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text).replace("\n", " ")


def escape_controls(text: object) -> str:
    """``text`` with control and format characters (newline, ESC, NUL, U+2028, bidi
    marks) written as escapes, so printed input cannot break a line or steer a terminal."""
    import unicodedata

    out = []
    for ch in str(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            out.append(repr(ch)[1:-1] if ch not in "\t" else "\\t")
        else:
            out.append(ch)
    return "".join(out)


def shown(text: object, limit: int = 60) -> str:
    """Input echoed in a message: control characters escaped, at most ``limit`` characters
    (the middle cut with '…')."""
    text = escape_controls(text)
    if len(text) <= limit:
        return text
    keep = limit - 1
    return text[:keep - keep // 3] + "…" + text[len(text) - keep // 3:]


def one_line(text: object, limit: int = 200) -> str:
    """A message as one line of at most ``limit`` characters."""
    return shown(text, limit)
