"""The argument of a notebook: MyST markdown cells with live ``{eval}`` values.

A notebook's prose is written in its markdown cells, once in English and once in
Vietnamese, as pairs of cells side by side:

* a cell tagged ``lang-en`` with the id ``NAME-en``, and its translation right after it,
  tagged ``lang-vi`` with the id ``NAME-vi``.  The translation records the hash of the
  English text it was translated from (``metadata.comparative.translation_of``), so the
  build reports a translation whose original has changed since (see :func:`stale`);
* every number, date, qualifier and citation in the prose is an inline expression,
  ``{eval}`en.value("vn2025-provinces-after-thuc")``` — MyST's ``eval`` role — written
  with the edition's writer (``en`` or ``vi``, see :class:`comparative.reporting.page.Writer`);
  the twin cells hold the same expressions, each with its own language's writer;
* a passage that holds only for some parameters carries its condition,
  ``metadata.comparative.when`` (a Python expression, evaluated like the others); the
  report keeps it only when the condition is true;
* further tags: ``title`` (the first cell: ``# Title`` and an italic subtitle line, which
  become the report's title block), ``caption`` (the caption of the table or figure that
  the next code cell shows), ``seminar`` (questions and notes for the seminar edition
  only), ``lab-only`` (notes for JupyterLab, never in a report).

In JupyterLab, ``jupyterlab-myst`` evaluates the expressions from the kernel when a cell
is run and stores the results in the cell's metadata (``user_expressions``).  The build
does the same through papermill (:class:`Engine`): after the code cells before it have
run, each markdown cell of the edition's language sends its expressions to the kernel in
an ``execute_request``'s ``user_expressions``, and stores the results in the same
metadata, in the same shape.  The renderer then writes the values into the text
(:func:`substitute`).  A failing expression fails the entry with one line naming its cell.
"""

from __future__ import annotations

import ast
import hashlib
import re

from ..errors import ComparativeError

LANGS = ("en", "vi")
LANG_TAG = "lang-"
EVAL = re.compile(r"\{eval\}`([^`]+)`")
# The language writer an expression starts with: `en.value(...)` / `vi.value(...)`.
WRITER = re.compile(r"^(en|vi)\.")


class ExpressionError(ComparativeError):
    """An ``{eval}`` expression of a notebook's prose failed in the kernel."""


# ------------------------------------------------------------------ reading cells

def source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def cell_lang(cell) -> str | None:
    """'en' / 'vi' for a prose cell, None for a cell of neither language."""
    for t in tags(cell):
        if t.startswith(LANG_TAG) and t[len(LANG_TAG):] in LANGS:
            return t[len(LANG_TAG):]
    return None


def expressions(text: str) -> list[str]:
    return EVAL.findall(text)


def when(cell) -> str | None:
    """The condition of a passage that holds only for some parameters
    (``metadata.comparative.when``, e.g. ``model.model == "ols"``): the report keeps the
    cell only when the kernel finds it true."""
    return cell.get("metadata", {}).get("comparative", {}).get("when") or None


def holds(cell) -> bool:
    """False for a cell whose ``when`` was evaluated and is not true."""
    cond = when(cell)
    if not cond:
        return True
    for r in cell.get("metadata", {}).get("user_expressions", []):
        if r["expression"] == cond:
            return shown(r["result"]) == "True"
    raise ExpressionError(f"cell {cell.get('id')}: its condition `{cond}` was never evaluated")


def neutral(expr: str) -> str:
    """An expression with its language writer taken out, to compare twins:
    ``en.value("x")`` and ``vi.value("x")`` are the same expression."""
    return WRITER.sub("W.", expr.strip())


def text_hash(text: str) -> str:
    """The hash a translation stores of its original (whitespace at the ends ignored)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def pairs(nb) -> list[tuple[dict | None, dict | None]]:
    """(English cell, Vietnamese cell) for every prose cell, paired by id (``X-en``,
    ``X-vi``); a cell without its twin is paired with None."""
    by_id = {c.get("id"): c for c in nb["cells"] if c["cell_type"] == "markdown" and cell_lang(c)}
    out, seen = [], set()
    for cid, cell in by_id.items():
        base = re.sub(r"-(en|vi)$", "", cid or "")
        if base in seen:
            continue
        seen.add(base)
        out.append((by_id.get(f"{base}-en"), by_id.get(f"{base}-vi")))
    return out


def stale(nb) -> list[str]:
    """Ids of the translations whose English original changed since they were written
    (or that record no original): the build lists them as warnings."""
    out = []
    for en, vi in pairs(nb):
        if en is None or vi is None:
            continue
        recorded = vi.get("metadata", {}).get("comparative", {}).get("translation_of", {})
        if recorded.get("id") != en.get("id") or recorded.get("sha256") != text_hash(source(en)):
            out.append(vi.get("id"))
    return out


def mark_translated(nb, ids=None) -> list[str]:
    """Record in each Vietnamese cell (or only those of ``ids``) the hash of its English
    original as it is now: what a translator does after bringing a translation up to date.
    Returns the ids marked."""
    marked = []
    for en, vi in pairs(nb):
        if en is None or vi is None or (ids and vi.get("id") not in ids):
            continue
        vi.setdefault("metadata", {}).setdefault("comparative", {})["translation_of"] = {
            "id": en.get("id"), "sha256": text_hash(source(en))}
        marked.append(vi.get("id"))
    return marked


def title_of(nb, lang: str | None) -> tuple[str, str]:
    """(title, subtitle) from the cell tagged ``title`` in ``lang``: its ``# `` line and
    the line after it (italics stripped); ('', '') when the notebook has none."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown" or "title" not in tags(cell):
            continue
        if lang and cell_lang(cell) not in (None, lang):
            continue
        text = substitute(cell) if expressions(source(cell)) else source(cell)
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), "")
        rest = [ln for ln in lines if not ln.startswith("# ")]
        return title, (rest[0].strip("*_ ") if rest else "")
    return "", ""


# ------------------------------------------------------------------ values into text

def shown(result: dict) -> str:
    """The text of one evaluated expression, as jupyterlab-myst shows it: markdown when
    the value offers it, else its plain text, a string's repr quotes stripped."""
    if result.get("status") != "ok":
        return "⟨" + str(result.get("ename", "error")) + "⟩"
    data = result.get("data", {})
    if "text/markdown" in data:
        text = data["text/markdown"]
        return "".join(text) if isinstance(text, list) else text
    plain = data.get("text/plain", "")
    plain = "".join(plain) if isinstance(plain, list) else plain
    if plain[:1] in "'\"" and plain[-1:] == plain[:1]:
        try:
            value = ast.literal_eval(plain)
            if isinstance(value, str):
                return value
        except (SyntaxError, ValueError):
            pass
    return plain


def substitute(cell) -> str:
    """The cell's markdown with every ``{eval}`` replaced by its stored result."""
    results = {r["expression"]: r["result"]
               for r in cell.get("metadata", {}).get("user_expressions", [])}
    text = source(cell)

    def one(m):
        expr = m.group(1)
        if expr not in results:
            raise ExpressionError(f"cell {cell.get('id')}: {{eval}}`{expr}` was never evaluated")
        return shown(results[expr])

    return EVAL.sub(one, text)


# ------------------------------------------------------------------ the engine

def _engine_classes():
    """The papermill engine and its notebook client, built on first use (papermill and
    nbclient are imported only by the build)."""
    from nbclient.util import ensure_async, run_sync
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine
    from traitlets import Unicode

    class Client(PapermillNotebookClient):
        edition_lang = Unicode("", help="evaluate only the prose of this language").tag(config=True)

        async def async_execute_cell(self, cell, cell_index, execution_count=None,
                                     store_history=True):
            if cell.cell_type != "markdown":
                return await super().async_execute_cell(cell, cell_index, execution_count,
                                                        store_history)
            lang = cell_lang(cell)
            if "lab-only" in tags(cell):
                return cell
            exprs = list(dict.fromkeys(expressions(source(cell))))
            cond = when(cell)
            if (not exprs and not cond) or (self.edition_lang and lang and lang != self.edition_lang):
                return cell
            stored = []
            if cond:       # a passage that does not hold is not evaluated: it cites nothing
                stored = await self._evaluate(cell, cell_index, [cond])
                exprs = exprs if shown(stored[0]["result"]) == "True" else []
            stored += await self._evaluate(cell, cell_index, exprs) if exprs else []
            cell.metadata["user_expressions"] = stored
            return cell

        async def _evaluate(self, cell, cell_index, exprs):
            msg_id = await ensure_async(self.kc.execute(
                "", silent=True, store_history=False, stop_on_error=False,
                user_expressions={str(i): e for i, e in enumerate(exprs)}))
            reply = await self.async_wait_for_reply(msg_id, cell)
            got = (reply or {}).get("content", {}).get("user_expressions", {})
            stored = []
            for i, expr in enumerate(exprs):
                result = dict(got.get(str(i), {"status": "error", "ename": "NoReply",
                                                "evalue": "the kernel gave no result"}))
                if result.get("status") != "ok":
                    raise ExpressionError(
                        f"cell {cell_index} ({cell.get('id')}): {{eval}}`{expr}`: "
                        f"{result.get('ename', 'Error')}: {result.get('evalue', '')}".strip())
                result.pop("traceback", None)
                stored.append({"expression": expr, "result": result})
            return stored

        # nbclient binds its synchronous wrapper to its own coroutine: rebind to ours.
        execute_cell = run_sync(async_execute_cell)

        async def _async_modules(self):
            msg_id = await ensure_async(self.kc.execute(
                "", silent=True, store_history=False, user_expressions={"m": MODULES_USED}))
            reply = await self.async_wait_for_reply(msg_id)
            result = (reply or {}).get("content", {}).get("user_expressions", {}).get("m", {})
            return ast.literal_eval(shown(result)) if result.get("status") == "ok" else []

        def papermill_execute_cells(self):
            super().papermill_execute_cells()
            # The library modules the kernel imported: the build's cache key covers them.
            self.nb.metadata["comparative_modules"] = run_sync(self._async_modules)()

    class Engine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, **kwargs):
            kwargs.pop("input_path", None)
            kwargs.pop("timeout", None)
            kwargs.pop("startup_timeout", None)
            warm = kwargs.pop("warm", None)     # a kernels.WarmKernel: reset, then reused
            client = Client(nb_man, km=warm.km if warm else None, timeout=execution_timeout,
                            startup_timeout=start_timeout, kernel_name=kernel_name,
                            log=_logger(), log_output=log_output, stdout_file=stdout_file,
                            stderr_file=stderr_file, **kwargs)
            if warm is not None:
                warm.reset()
                client.kc = warm.kc
            return client.execute()

    return Engine


ENGINE = "comparative"
# Evaluated in the kernel after the last cell: the package's modules loaded in it (in a
# warm kernel, earlier entries' too), as paths inside the package.
MODULES_USED = ("sorted({__import__('os').path.relpath(m.__file__, __import__('os').path.dirname("
                "__import__('comparative').__file__)) for m in list(__import__('sys').modules.values()) "
                "if getattr(m, '__name__', '').startswith('comparative') and getattr(m, '__file__', None)})")
_registered = False


def _logger():
    from papermill.log import logger

    return logger


def register() -> str:
    """Register the engine with papermill once per process; returns its name."""
    global _registered
    if not _registered:
        from papermill.engines import papermill_engines

        papermill_engines.register(ENGINE, _engine_classes())
        _registered = True
    return ENGINE
