"""Notebook parameters: read from each notebook's ``parameters`` cell, checked before any
kernel starts.

A parameter is one annotated line of the cell tagged ``parameters``::

    lang: str = "en"  # language of the report; allowed: en | vi
    year: int = 2022  # survey year of the index; allowed: 2010..2024

(the form ``papermill --help-notebook`` reads too).  The type is one of ``str``, ``int``,
``float``, ``bool``; the text after ``allowed:`` lists the values (``a | b``) or an
integer range (``lo..hi``).  papermill itself accepts any name and any value, so
``comparative run`` / ``comparative reports`` call :func:`resolve` first, and every
notebook calls :func:`check` again right after its parameters cell (for JupyterLab users
who edit the cell by hand).

Reading a notebook here is plain JSON: nothing heavy is imported.
"""

from __future__ import annotations

import ast
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .._paths import notebooks_dir
from ..errors import ComparativeError, UnknownName

TYPES = {"str": str, "int": int, "float": float, "bool": bool}
COMMON = ("lang", "audience")  # every project notebook has these two

_LINE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*=\s*(?P<value>[^#]+?)\s*"
    r"(?:#\s*(?P<comment>.*))?$")
_RANGE = re.compile(r"^(-?\d+)\s*\.\.\s*(-?\d+)$")


class ParameterError(UnknownName):
    """An unknown notebook parameter or a value it does not allow (exit status 2)."""

    def __init__(self, message: str, name: object = None, allowed=()):
        ComparativeError.__init__(self, message)
        self.what = "parameter"
        self.name = name
        self.allowed = list(allowed)


class NotebookError(ComparativeError):
    """A notebook whose parameters cell cannot be read (an authoring mistake)."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: object
    description: str
    allowed: tuple = ()          # the allowed values, () when any value of the type is
    range: tuple | None = None   # (lo, hi) for an integer range

    def allowed_text(self) -> str:
        if self.range:
            return f"{self.range[0]}..{self.range[1]}"
        if self.allowed:
            return " | ".join(str(v) for v in self.allowed)
        return f"any {self.type}"

    def coerce(self, value, notebook: str):
        """The value as this parameter's type, or ParameterError naming what is allowed."""
        want, given = TYPES[self.type], value
        if isinstance(value, str) and self.type != "str":
            value = _parse_text(value, self.type)
        if self.type == "float" and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, str):
            import unicodedata

            value = unicodedata.normalize("NFC", value)   # one spelling of "Việt Nam"
        if isinstance(value, float) and not math.isfinite(value):
            value = None                      # NaN and infinity are no parameter values
        if isinstance(value, str) and not _printable(value):
            raise ParameterError(
                f"parameter '{self.name}' of notebook {notebook}: the value {_echo(given)} holds "
                "a control character", given, self.allowed)
        if value is None or type(value) is not want:
            article = "an" if self.type == "int" else "a"
            raise ParameterError(
                f"parameter '{self.name}' of notebook {notebook} takes {article} {self.type}, not "
                f"{_echo(given)}; allowed: {self.allowed_text()}", given, self.allowed)
        if self.range and not self.range[0] <= value <= self.range[1]:
            raise ParameterError(
                f"value {value} is not allowed for parameter '{self.name}' of notebook "
                f"{notebook}; allowed: {self.allowed_text()}", value, range(self.range[0], self.range[1] + 1))
        if self.allowed and value not in self.allowed:
            from .._text import closest

            near = closest(value, [str(a) for a in self.allowed]) if isinstance(value, str) else []
            did = f"did you mean {' or '.join(near)}? " if near else ""
            raise ParameterError(
                f"value '{_echo(value, False)}' is not allowed for parameter '{self.name}' of notebook "
                f"{notebook}; {did}allowed: {self.allowed_text()}", value, self.allowed)
        return value


def _printable(text: str) -> bool:
    import unicodedata

    return not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in text)


def _echo(v, quoted: bool = True) -> str:
    """A value given by a person, as a message echoes it: short, control characters
    escaped."""
    from .._text import shown

    return shown(repr(v) if quoted else v)


def _show(v) -> str:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else str(v)


def _parse_text(text: str, type_: str):
    t = text.strip()
    if type_ == "bool":
        low = t.lower()
        return True if low in ("true", "1", "yes") else False if low in ("false", "0", "no") else None
    try:
        return int(t) if type_ == "int" else float(t)
    except ValueError:
        return None


# ------------------------------------------------------------------ notebooks

def available() -> list[str]:
    """The project's notebooks, by name (file stem)."""
    folder = notebooks_dir()
    return sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []


_NOTEBOOK_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}")


def notebook_path(notebook: str | Path) -> Path:
    """The file of a notebook given by name (``vietnam_2025_reorganization``) or by path.

    A name or path given as text (from the command line, the manifest) is looked up only
    inside ``notebooks/``: ``../tests/x.ipynb`` or ``/tmp/x.ipynb`` is refused.  A
    :class:`~pathlib.Path` object (library use, the tests) may point anywhere."""
    if isinstance(notebook, Path):
        if notebook.suffix == ".ipynb" and notebook.is_file():
            return notebook.resolve()
        raise UnknownName("notebook", str(notebook), available(), suggest=True)
    text = str(notebook)
    folder = notebooks_dir()
    name = text[:-len(".ipynb")] if text.endswith(".ipynb") else text
    if name.startswith("notebooks/"):
        name = name[len("notebooks/"):]
    if not _NOTEBOOK_NAME.fullmatch(name):
        raise UnknownName("notebook", text, available(), suggest=True)
    path = folder / f"{name}.ipynb"
    if not path.is_file():
        raise UnknownName("notebook", text, available(), suggest=True)
    return path


def notebook_name(notebook: str | Path) -> str:
    return notebook_path(notebook).stem


def read_notebook_json(path: Path) -> dict:
    """A notebook's JSON, with the shape every reader here relies on checked: an object
    whose ``cells`` is a list of objects, each with a ``metadata`` object and a ``source``
    of text (or a list of texts)."""
    from .._text import shown

    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NotebookError(f"{path.name}: not a readable notebook: {shown(exc, 120)}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotebookError(f"{path.name}: not a notebook: 'cells' must be a list of cells")
    for i, cell in enumerate(nb["cells"], 1):
        source = cell.get("source", "") if isinstance(cell, dict) else None
        if (not isinstance(cell, dict) or not isinstance(cell.get("metadata", {}), dict)
                or not isinstance(cell["metadata"].get("tags", []) if "metadata" in cell else [], list)
                or not (isinstance(source, str)
                        or isinstance(source, list) and all(isinstance(x, str) for x in source))):
            raise NotebookError(f"{path.name}: cell {i} is not a notebook cell (an object with "
                                "'metadata' and a 'source' of text)")
    return nb


def parameters_cell(nb: dict) -> dict | None:
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def specs(notebook: str | Path) -> dict[str, Param]:
    """The parameters a notebook declares, in the order of its parameters cell."""
    path = notebook_path(notebook)
    return specs_from_json(read_notebook_json(path), path.stem)


def specs_from_json(nb: dict, name: str) -> dict[str, Param]:
    cell = parameters_cell(nb)
    if cell is None:
        raise NotebookError(f"notebook {name} has no cell tagged 'parameters'")
    source = cell["source"]
    source = "".join(source) if isinstance(source, list) else source
    out: dict[str, Param] = {}
    for lineno, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _LINE.match(stripped)
        if not m or m["type"] not in TYPES:
            raise NotebookError(
                f"notebook {name}, parameters cell line {lineno}: write each parameter as "
                f"'name: type = default  # description; allowed: a | b' with type one of "
                f"{', '.join(TYPES)}; got: {stripped}")
        try:
            default = ast.literal_eval(m["value"])
        except (ValueError, SyntaxError):
            raise NotebookError(f"notebook {name}, parameters cell line {lineno}: "
                                f"the default must be a literal; got: {m['value']}") from None
        comment = (m["comment"] or "").strip()
        if "=" in comment:
            raise NotebookError(f"notebook {name}, parameters cell line {lineno}: no '=' in the "
                                f"comment (papermill --help-notebook cannot read the line); got: {stripped}")
        description, allowed, rng = _split_comment(comment, m["type"], name, lineno)
        p = Param(m["name"], m["type"], default, description, allowed, rng)
        p.coerce(default, name)  # a default outside its own allowed values is a bug
        out[p.name] = p
    return out


def _split_comment(comment: str, type_: str, name: str, lineno: int):
    description, sep, allowed_text = comment.partition("allowed:")
    description = description.strip().rstrip(";").strip()
    if not sep:
        return description, (), None
    allowed_text = allowed_text.strip()
    m = _RANGE.match(allowed_text)
    if m:
        if type_ != "int":
            raise NotebookError(f"notebook {name}, parameters cell line {lineno}: "
                                f"a range of allowed values needs type int")
        return description, (), (int(m[1]), int(m[2]))
    values = []
    for token in (t.strip() for t in allowed_text.split("|")):
        v = token if type_ == "str" else _parse_text(token, type_)
        if v is None or v == "":
            raise NotebookError(f"notebook {name}, parameters cell line {lineno}: "
                                f"allowed value '{token}' is not a {type_}")
        values.append(v)
    return description, tuple(values), None


# ------------------------------------------------------------------ checking

def resolve(notebook: str | Path, given: dict | None = None) -> dict:
    """Every parameter of a notebook, from ``given`` (text from the command line or typed
    values from the manifest) and the defaults; raises ParameterError naming the bad name
    or value and what is allowed.  Starts no kernel and writes nothing."""
    path = notebook_path(notebook)
    spec = specs(path)
    return _resolve(spec, path.stem, given or {})


def _resolve(spec: dict[str, Param], name: str, given: dict) -> dict:
    for key in given:
        if key not in spec:
            from .._text import closest

            near = closest(key, spec)
            did = f"did you mean {' or '.join(near)}? " if near else ""
            raise ParameterError(f"unknown parameter '{_echo(key, False)}' for notebook {name}; {did}"
                                 f"allowed: {', '.join(spec)}", key, list(spec))
    values = {k: p.coerce(given[k], name) if k in given else p.default for k, p in spec.items()}
    checker = LIBRARY_CHECKS.get(name)
    if checker and any(values[k] != spec[k].default for k in checker[0] if k in spec):
        try:
            checker[1](values)
        except ComparativeError as exc:
            raise ParameterError(f"notebook {name}: {exc}") from None
    return values


def _check_regression(values: dict) -> None:
    from ..analysis.regression import PROVINCE_MODELS, from_parameters

    from_parameters(dataset=values["dataset"], outcome=values["outcome"],
                    covariates=values["covariates"], fixed_effects=values["fixed_effects"],
                    years=values["years"], countries=values["countries"], se=values["se"],
                    default=PROVINCE_MODELS[values["province_model"]])


# Checks that need the library (a column the dataset has, a year with data): they run
# before any kernel starts, only when one of the named parameters differs from its default
# (the defaults are checked by the test suite), so a no-op rebuild stays fast.
LIBRARY_CHECKS = {
    "digital_government_regression": (
        ("dataset", "outcome", "covariates", "fixed_effects", "years", "countries", "se"),
        _check_regression),
}


def check(notebook: str, **values) -> dict:
    """Called by a notebook right after its parameters cell: the same checks as the
    command line, on the values the cell (or papermill) set."""
    return resolve(notebook, values)


def describe(notebook: str | Path, width: int = 80) -> str:
    """The text of ``comparative params NOTEBOOK``: a block per parameter (its name, type
    and default on the first line; what it does and what it allows below), wrapped at
    words to ``width`` columns."""
    import textwrap

    path = notebook_path(notebook)
    spec = specs(path)
    pad = max((len(p.name) for p in spec.values()), default=0) + 2
    indent = " " * pad

    def wrap(text: str, first: str = indent) -> str:
        return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False)

    lines = [f"{path.stem}: {len(spec)} parameters",
             wrap(f"set with: comparative run {path.stem} -p NAME VALUE", ""), ""]
    for p in spec.values():
        lines.append(f"{p.name:<{pad}}{p.type}, default {_show(p.default)}")
        if p.description:
            lines.append(wrap(p.description))
        lines.append(wrap(f"allowed: {p.allowed_text()}"))
    return "\n".join(lines)
