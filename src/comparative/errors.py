"""Errors that carry a message meant for a person, never a bare traceback."""

from __future__ import annotations


class ComparativeError(Exception):
    """Base class: the message says what was wrong and what is allowed.

    At the JupyterLab prompt (IPython) such an error shows as its one line, not a
    traceback: IPython asks an exception for ``_render_traceback_`` before formatting
    one, and so does the report build, which names the failing cell with that line."""

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


class DataError(ComparativeError):
    """A raw record that cannot be loaded: names the file, the record id and the field."""

    def __init__(self, file: str, record: str | None, field: str | None, problem: str):
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
        from ._text import shown

        where = file
        if record:
            where += f": record '{shown(record)}'"
        if field:
            where += f", field '{shown(field)}'"
        super().__init__(f"{where}: {problem}")


class UnknownName(ComparativeError, LookupError):
    """An id, case, country, dataset or parameter that does not exist.

    The message is one line.  A short list of allowed names (at most ``SHORT``) is given
    whole; a long one (320 fact ids) is answered with the closest names instead ("did you
    mean …?", difflib), or its first few when none is close.  ``suggest=True`` adds the
    closest names to a short list too (for names a person types: ids, cases, notebooks)."""

    SHORT = 12
    SHOWN = 5

    def __init__(self, what: str, name: object, allowed, suggest: bool | None = None,
                 hint: str = ""):
        from ._text import closest, shown

        allowed = list(allowed)
        self.what = what
        self.name = name
        self.allowed = allowed
        long = len(allowed) > self.SHORT
        self.suggestions = closest(name, allowed) if (suggest or long) and allowed else []
        did = "did you mean " + _either(self.suggestions) + "?" if self.suggestions else ""
        message = f"unknown {what} '{shown(name)}'"
        if not long:
            shown = ", ".join(str(a) for a in allowed)
            message += f"; {did} allowed: {shown}" if did else f"; allowed: {shown}"
        elif did:
            message += f"; {did} ({len(allowed)} in all{'; ' + hint if hint else ''})"
        else:
            shown = ", ".join(str(a) for a in allowed[:self.SHOWN])
            message += (f"; allowed: {shown}, … ({len(allowed)} in all"
                        f"{'; ' + hint if hint else ''})")
        super().__init__(message)


class BadAddress(ComparativeError, LookupError):
    """An item address ('fact_id#n') that names no item: not a number, out of range, or
    the fact is not a list.  The message is one line."""


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class DataWarning(UserWarning):
    """A problem in one file of a folder that did not stop the other files from loading:
    names the file, the row and the column."""
