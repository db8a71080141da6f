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
        where = file
        if record:
            where += f": record '{record}'"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


class UnknownName(ComparativeError, LookupError):
    """An id, case, country, dataset or parameter that does not exist."""

    def __init__(self, what: str, name: object, allowed):
        allowed = list(allowed)
        self.what = what
        self.name = name
        self.allowed = allowed
        shown = ", ".join(str(a) for a in allowed[:40])
        if len(allowed) > 40:
            shown += f", … ({len(allowed)} in all)"
        super().__init__(f"unknown {what} '{name}'; allowed: {shown}")


class DataWarning(UserWarning):
    """A problem in one file of a folder that did not stop the other files from loading:
    names the file, the row and the column."""
