"""Reports: parameterized notebooks run through papermill into ``reports/``.

Two halves:

* **the build** (``comparative reports``, ``comparative run``): the manifest
  ``notebooks/manifest.toml`` lists the entries (a notebook and its parameters); every
  entry is checked before any kernel starts, then executed with papermill and rendered to
  ``reports/<entry>.ipynb|.html|.pdf`` (see :mod:`comparative.render`).  An entry whose
  notebook, parameters, library code, data and environment are unchanged since its last
  build is skipped; ``-j N`` builds entries in N worker processes under one progress bar.
  An entry's files are replaced as one transaction (:mod:`comparative._files`): a
  failed, killed or out-of-space build leaves no partial file and keeps the reports of
  earlier builds, and the next build completes or removes what a crash left.  A cell
  has a time limit (``--timeout``); ``-j`` workers die with the build.
The page a notebook writes to is :mod:`comparative.reporting.page`.

>>> import comparative.reports as r
>>> [e.id for e in r.load_manifest()][:2]            # doctest: +SKIP
['vietnam_2025_reorganization.en', 'vietnam_2025_reorganization.vi']
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import _files
from ..locale import i18n
from . import kernels, params as params_mod
from .._paths import notebooks_dir, processed_dir, raw_dir, reports_dir, shared_reference_dir
from ..errors import ComparativeError, UnknownName
from .._text import one_line as _one_line, shown as _shown
from ..store.version import data_version

KERNEL = "comparative"
# The kernel's own start-up chatter ("running over TCP without encryption") would break
# through the progress bar (so would a harmless KeyboardInterrupt logged at shutdown); a
# notebook's errors reach the build through papermill, not through this log.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
KERNEL_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MANIFEST = "manifest.toml"
OUTPUTS = ("ipynb", "html", "pdf")
CACHE_DIR = ".cache"
# The environment a report depends on beyond our own code: a new version re-renders.
# A cell that runs longer than this fails its entry (``--timeout``, COMPARATIVE_CELL_TIMEOUT).
CELL_TIMEOUT = 600
ENV_PACKAGES = ("matplotlib", "seaborn", "pandas", "numpy", "statsmodels", "nbconvert",
                "papermill", "typst", "pypandoc-binary", "ipykernel")


class ManifestError(UnknownName):
    """A manifest entry that cannot be built as written (exit status 2)."""

    def __init__(self, message: str):
        ComparativeError.__init__(self, message)
        self.what, self.name, self.allowed = "manifest entry", None, []


# ================================================================== the manifest

@dataclass(frozen=True)
class Entry:
    id: str
    notebook: str          # name (file stem)
    path: Path
    parameters: dict       # every parameter, resolved and typed
    # a swept entry: the id of the sweep's combined PDF ("…province-all"), when combined
    combined: str | None = None
    swept: tuple = ()      # the parameters its sweep varies: named in its id and title block

    @property
    def lang(self) -> str:
        return self.parameters.get("lang", "en")

    @property
    def audience(self) -> str:
        return self.parameters.get("audience", "report")


ID_MAX = 160         # characters of an entry id: its files' names (".ID.ipynb.tmp-PID") stay below 255 bytes
SLUG_MAX = 40        # characters of one parameter value in an id
HASH_MARK = "--"     # a slug holding this carries a hash of the value; no plain slug does


def entry_id(notebook: str, values: dict, spec: dict, always: tuple = ()) -> str:
    """``notebook.lang[-seminar][.name-value…]``: parameters that differ from their
    defaults (and those in ``always``: a sweep's parameters), in the order of the parameters
    cell.  Distinct values give distinct ids: a
    value that is a plain slug (letters, digits, '-' and '_', a list of them separated by
    commas, written with '+'; at most SLUG_MAX characters, no '--') stands as it is; any
    other is slugged and suffixed with a short hash of the value
    (``years-2012_2016--d48b721a``); an id longer than ID_MAX is cut and suffixed with a
    hash of every value."""
    out = f"{notebook}.{values.get('lang', 'en')}"
    if values.get("audience", "report") != "report":
        out += f"-{_slug(values['audience'])}"
    extra = [f"{k}-{_slug(v)}" for k, v in values.items()
             if k not in params_mod.COMMON and (v != spec[k].default or k in always)]
    out += ("." + ".".join(extra) if extra else "")
    if len(out) > ID_MAX:
        whole = _digest(json.dumps(values, sort_keys=True, ensure_ascii=False, default=str))
        out = out[:ID_MAX - len(HASH_MARK) - len(whole)].rstrip("._+-") + HASH_MARK + whole
    return out


_PLAIN = re.compile(r"[A-Za-z0-9_,-]{1,%d}" % SLUG_MAX)
ID_CHARS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")    # what entry_id() can produce


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _slug(v) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    import unicodedata

    text = unicodedata.normalize("NFC", str(v))
    if _PLAIN.fullmatch(text) and HASH_MARK not in text and "," not in (text[0], text[-1]):
        return text.replace(",", "+")        # a list: tii,hci -> tii+hci (no '+' otherwise)
    slug = re.sub(r"[^A-Za-z0-9-]+", "_", text)[:SLUG_MAX - 10].strip("_-")
    slug = re.sub(r"-{2,}", "-", slug)
    return f"{slug}{HASH_MARK}{_digest(type(v).__name__ + ':' + text)}"


def make_entry(notebook, given: dict | None = None, name: str | None = None) -> Entry:
    """Check a notebook and its parameters (no kernel, nothing written) into an Entry."""
    path = params_mod.notebook_path(notebook)
    spec = params_mod.specs(path)
    values = params_mod._resolve(spec, path.stem, given or {})
    return Entry(name or entry_id(path.stem, values, spec), path.stem, path, values)


ALL = "all"          # sweep = { province = "all" }: every value the parameter allows
SWEEP_MAX = 10_000   # entries one sweep may make: a typo should not queue a million


def sweep_entries(notebook: str, given: dict, sweep: dict, combine: bool = False,
                  where: str = "") -> list[Entry]:
    """The entries of a sweep: one per combination of the swept parameters' values
    (``"all"``: every value the parameters cell allows, in its order; a list: those
    values), the other parameters as ``given``.  Every swept parameter appears in the
    ids (``province_profile_vn.vi.province-tuyen-quang``).  With ``combine``, the entries
    that differ only in parameters swept over ``"all"`` share one combined PDF, named as
    an entry whose value is ``all`` (``province_profile_vn.vi.province-all``)."""
    import itertools

    path = params_mod.notebook_path(notebook)
    spec = params_mod.specs(path)
    where = where or f"notebook {path.stem}"
    axes = []
    for k, v in sweep.items():
        if k not in spec:
            from .._text import closest

            near = closest(k, spec)
            did = f"did you mean {' or '.join(near)}? " if near else ""
            raise ManifestError(f"{where}: sweep over unknown parameter '{_shown(k)}'; {did}"
                                f"allowed: {', '.join(spec)}")
        if k in given:
            raise ManifestError(f"{where}: parameter '{k}' is both set and swept; give it once")
        if v == ALL:
            p = spec[k]
            if p.range:
                values = list(range(p.range[0], p.range[1] + 1))
            elif p.allowed:
                values = list(p.allowed)
            elif p.type == "bool":
                values = [True, False]
            else:
                raise ManifestError(f"{where}: parameter '{k}' allows any {p.type}, so it cannot "
                                    f"be swept over \"all\"; give a list, e.g. {k} = [\"a\", \"b\"]")
        elif isinstance(v, list) and v and len(set(map(repr, v))) == len(v):
            values = v
        else:
            raise ManifestError(f"{where}: sweep value of '{_shown(k)}' must be \"all\" or a list "
                                f"of distinct values, e.g. {k} = \"all\"")
        axes.append((k, values))
    if not axes:
        raise ManifestError(f"{where}: 'sweep' names no parameter, e.g. sweep = {{ province = \"all\" }}")
    n = 1
    for _, values in axes:
        n *= len(values)
    if n > SWEEP_MAX:
        raise ManifestError(f"{where}: the sweep makes {n} entries, more than {SWEEP_MAX}")
    names = tuple(k for k, _ in axes)
    every = tuple(k for k, v in sweep.items() if v == ALL)
    out = []
    for combo in itertools.product(*(values for _, values in axes)):
        values = params_mod._resolve(spec, path.stem, {**given, **dict(zip(names, combo))})
        combined = None
        if combine and every:       # nothing swept over "all": nothing to gather
            whole = {**values, **{k: ALL for k in every}}
            combined = entry_id(path.stem, whole, spec, always=names)
        out.append(Entry(entry_id(path.stem, values, spec, always=names), path.stem, path,
                         values, combined, names))
    clash = {e.id for e in out} & {e.combined for e in out}
    if clash:
        raise ManifestError(f"{where}: the combined PDF '{sorted(clash)[0]}' would have the "
                            f"name of an entry (\"{ALL}\" is one of the values swept); "
                            "sweep over a list without it")
    return out


def manifest_path() -> Path:
    return notebooks_dir() / MANIFEST


_ENTRY_KEYS = ("notebook", "parameters", "name", "sweep", "combine")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,%d}" % (ID_MAX - 1))   # fullmatch: no "ab\n"


def load_manifest(path: Path | None = None, problems: list[str] | None = None) -> list[Entry]:
    """Every entry of the manifest, checked; raises ManifestError / ParameterError /
    UnknownName naming the entry.  With ``problems`` (a list), every problem is appended
    to it instead (``comparative check``) and the sound entries are returned."""
    path = path or manifest_path()

    def refuse(message: str) -> None:
        if problems is None:
            raise ManifestError(message)
        problems.append(f"notebooks/{message}")

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"no manifest: {path} does not exist") from None
    except IsADirectoryError:
        refuse(f"{path.name}: is a folder, not a file")
        return []
    except UnicodeDecodeError as exc:
        refuse(f"{path.name}: not UTF-8 text (byte {exc.start})")
        return []
    except tomllib.TOMLDecodeError as exc:
        refuse(f"{path.name}: not valid TOML: {exc}")
        return []
    if not isinstance(data.get("report", []), list):
        refuse(f"{path.name}: 'report' must be an array of tables: [[report]]")
        return []
    unknown = set(data) - {"report"}
    if unknown:
        refuse(f"{path.name}: unknown table '{_shown(sorted(unknown)[0])}'; allowed: [[report]]")
    entries, seen = [], {}
    for i, rec in enumerate(data.get("report", []), 1):
        where = f"{path.name}, report {i}"
        try:
            made = _manifest_entries(rec, where)
        except UnknownName as exc:
            refuse(str(exc))
            continue
        for e in made:
            if e.id in seen:
                refuse(f"{where}: entry '{e.id}' is already report {seen[e.id]}; "
                       "give one of them a 'name'")
                continue
            seen[e.id] = i
            entries.append(e)
    if not entries and problems is None:
        raise ManifestError(f"{path.name}: no [[report]] entries")
    return entries


def _manifest_entries(rec, where: str) -> list[Entry]:
    if not isinstance(rec, dict):
        raise ManifestError(f"{where}: must be a table: [[report]] with notebook = \"…\"")
    bad = set(rec) - set(_ENTRY_KEYS)
    if bad:
        raise ManifestError(f"{where}: unknown key '{_shown(sorted(bad)[0])}'; allowed: {', '.join(_ENTRY_KEYS)}")
    if not isinstance(rec.get("notebook", ""), str):
        raise ManifestError(f"{where}: 'notebook' must be a name in quotes; allowed: "
                            f"{', '.join(params_mod.available())}")
    if "notebook" not in rec:
        raise ManifestError(f"{where}: missing 'notebook'; allowed: {', '.join(params_mod.available())}")
    if not isinstance(rec.get("parameters", {}), dict):
        raise ManifestError(f"{where}: 'parameters' must be a table, e.g. parameters = {{ lang = \"vi\" }}")
    if "name" in rec and not (isinstance(rec["name"], str) and _NAME.fullmatch(rec["name"])):
        raise ManifestError(f"{where}: name '{_shown(rec['name'])}' must be text of at most "
                            f"{ID_MAX} letters, digits, '.', '-' and '_', starting with a "
                            "letter or digit")
    sweep, combine = rec.get("sweep"), rec.get("combine", False)
    if sweep is not None and not isinstance(sweep, dict):
        raise ManifestError(f"{where}: 'sweep' must be a table, e.g. sweep = {{ province = \"all\" }}")
    if not isinstance(combine, bool):
        raise ManifestError(f"{where}: 'combine' must be true or false")
    if combine and sweep is None:
        raise ManifestError(f"{where}: 'combine' gathers a sweep's entries; add a 'sweep'")
    if sweep is not None and "name" in rec:
        raise ManifestError(f"{where}: a sweep's entries are named by their parameters; drop 'name'")
    try:
        if sweep is not None:
            return sweep_entries(rec["notebook"], rec.get("parameters", {}), sweep, combine,
                                 where)
        return [make_entry(rec["notebook"], rec.get("parameters", {}), rec.get("name"))]
    except UnknownName as exc:
        if isinstance(exc, ManifestError):
            raise
        raise ManifestError(f"{where}: {exc}") from None
    except params_mod.NotebookError as exc:
        raise ManifestError(f"{where}: {exc}") from None


def select(entries: list[Entry], names: list[str]) -> list[Entry]:
    """Entries named by id or by notebook name."""
    if not names:
        return entries
    out = []
    for n in names:
        hit = [e for e in entries if n in (e.id, e.notebook)]
        if not hit:
            raise UnknownName("report entry", n, [e.id for e in entries])
        out += [e for e in hit if e not in out]
    return out


# ================================================================== cache keys

def _digest_tree(h, root: Path, suffixes: tuple[str, ...] | None = None) -> None:
    if not root.is_dir():
        return
    for p in sorted(root.rglob("*")):
        if not p.is_file() or "__pycache__" in p.parts or p.name.startswith("."):
            continue
        if suffixes and p.suffix not in suffixes:
            continue
        h.update(str(p.relative_to(root)).encode())
        h.update(b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())


def _env_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for name in ENV_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


# The code every entry depends on whatever its notebook imports: the build and the
# renderer run in this process and shape every output, and the furniture catalogues.
ALWAYS_CODE = ("reporting", "locale", "_paths.py", "_toml.py", "errors.py", "__init__.py")
CODE_SUFFIXES = (".py", ".toml", ".typ", ".json", ".csv")


def global_key() -> str:
    """What every entry depends on beyond its notebook, its parameters and the library
    modules its kernel imported: the data, the always-used code, the environment."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent.parent
    for name in ALWAYS_CODE:
        p = pkg / name
        if p.is_dir():
            _digest_tree(h, p, CODE_SUFFIXES)
        elif p.is_file():
            h.update(name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    for folder in (raw_dir(), processed_dir()):
        _digest_tree(h, folder)
    ref = shared_reference_dir()
    if ref is not None:
        _digest_tree(h, ref)
    h.update(json.dumps(_env_versions(), sort_keys=True).encode())
    return h.hexdigest()


def _modules_digest(modules: list[str]) -> str:
    """A digest of the library modules (paths inside the package) an entry's kernel used."""
    pkg = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for rel in sorted(set(modules)):
        p = pkg / rel
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest() if p.is_file() else b"missing")
    return h.hexdigest()


def entry_key(entry: Entry, gkey: str, modules: list[str] | None = None) -> str | None:
    """The key of an entry: its notebook, parameters, the global key and the library
    modules its last build imported (``modules``, from its stamp); None when no build has
    recorded them yet, so the entry is built.  Editing one notebook rebuilds only its
    entries.  The modules are those loaded in the entry's kernel when it ended: in a warm
    kernel (:mod:`.kernels`) also those earlier entries of that kernel loaded, so editing
    a library module rebuilds every entry that may have used it, and some that did not."""
    if modules is None:
        return None
    h = hashlib.sha256(gkey.encode())
    h.update(entry.path.read_bytes())
    h.update(json.dumps({"id": entry.id, "parameters": entry.parameters},
                        sort_keys=True, ensure_ascii=False).encode())
    h.update(_modules_digest(modules).encode())
    return h.hexdigest()


def stamped_key(entry: Entry, gkey: str) -> str | None:
    """The key an entry has now, by the modules its last build recorded."""
    stamp = read_stamp(entry.id) or {}
    return entry_key(entry, gkey, stamp.get("modules"))


def _stamp_path(entry_id_: str) -> Path:
    return reports_dir() / CACHE_DIR / f"{entry_id_}.json"


def output_paths(entry_id_: str) -> dict[str, Path]:
    return {ext: reports_dir() / f"{entry_id_}.{ext}" for ext in OUTPUTS}


def read_stamp(entry_id_: str) -> dict | None:
    try:
        stamp = json.loads(_stamp_path(entry_id_).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and isinstance(stamp.get("outputs", {}), dict) else None


def up_to_date(entry: Entry, key: str | None) -> bool:
    """Built before with the same key, and the outputs are still the bytes written then."""
    stamp = read_stamp(entry.id)
    if key is None or not stamp or stamp.get("key") != key:
        return False
    for ext, p in output_paths(entry.id).items():
        try:
            if hashlib.sha256(p.read_bytes()).hexdigest() != stamp["outputs"].get(ext):
                return False
        except OSError:
            return False
    return True


# ================================================================== building one entry

@dataclass
class Result:
    id: str
    ok: bool
    skipped: bool = False
    exec_seconds: float = 0.0
    render_seconds: float = 0.0
    message: str = ""
    warnings: list = field(default_factory=list)


def _quiet_imports() -> None:
    # jsonschema (via nbformat) imports rfc3987_syntax when installed, which compiles a
    # grammar for ~2 s at import; its IRI format check is never used by nbformat, so the
    # build processes skip it.  JupyterLab and the kernel are unaffected.
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def _atomic_write(path: Path, data: bytes) -> Path:
    """Write beside the target under a temporary name; return it (rename happens later)."""
    return _files.write_temp(path, data)


def _described_parameters(entry: Entry, lang: str) -> dict:
    """The model parameters of the regression report in words ('auto' resolved)."""
    if entry.notebook != "digital_government_regression":
        return {}
    from ..analysis import regression

    return regression.describe_parameters(entry.parameters, lang)


def render_info(entry: Entry, dversion: str) -> dict:
    from .. import __version__

    lang, audience = entry.lang, entry.audience
    spec = params_mod.specs(entry.path)
    words = _described_parameters(entry, lang)
    edition = i18n.t(f"audience.{audience}", lang)
    # A reader is told the edition and what this edition changed (and, in a sweep, the
    # value it sweeps, default or not); the defaults are the report as written, and the
    # language is the page's own.
    rows = [(i18n.t("title.edition", lang), edition)]
    # ... and, for the regression report, the model it fits, in words ('auto' resolved)
    rows += [(i18n.param_label(k, lang, spec[k].description), words.get(k) or i18n.param_value(k, v, lang))
             for k, v in entry.parameters.items()
             if k not in params_mod.COMMON and k in spec
             and (v != spec[k].default or k in words or k in entry.swept)]
    # what reproduces the page, in small print below the title block
    colophon = i18n.t("title.colophon", lang, notebook=f"notebooks/{entry.notebook}.ipynb",
                      version=dversion, software=f"comparative {__version__}")
    return {"notebook": entry.notebook, "entry": entry.id, "lang": lang, "audience": audience,
            "parameters": entry.parameters, "title": entry.notebook.replace("_", " ").capitalize(),
            "subtitle": "", "title_rows": rows,   # both from the notebook's title cell
            "colophon": colophon,
            "edition": f"{i18n.t('title.edition', lang)}: {edition}",
            "data_version": dversion, "version": __version__,
            "cjk_marker": i18n.t("render.cjk", lang)}


def _describe_failure(exc, entry: Entry) -> str:
    """'cell 4 (first line of the cell): KeyError: 'x'' in the numbering of the source
    notebook (papermill's injected cell does not count)."""
    cell_index = getattr(exc, "cell_index", None)
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    if cell_index is None:
        return f"{ename}: {evalue}"
    nb = params_mod.read_notebook_json(entry.path)
    pcell = next((i for i, c in enumerate(nb["cells"])
                  if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    n = cell_index - 1 if pcell is not None and cell_index > pcell else cell_index
    src = nb["cells"][n]["source"] if 0 <= n < len(nb["cells"]) else ""
    src = "".join(src) if isinstance(src, list) else src
    first = next((ln.strip() for ln in src.splitlines() if ln.strip() and not ln.strip().startswith("#")), "")
    if len(first) > 60:
        first = first[:57] + "..."
    return f"cell {n + 1} ({first}): {ename}: {evalue}".replace("\n", " ")


def cell_timeout(given: float | None = None) -> float:
    """Seconds a cell may run: ``given``, else COMPARATIVE_CELL_TIMEOUT, else CELL_TIMEOUT."""
    if given is None:
        text = os.environ.get("COMPARATIVE_CELL_TIMEOUT", "").strip()
        try:
            given = float(text) if text else CELL_TIMEOUT
        except ValueError:
            raise UnknownName("cell timeout (COMPARATIVE_CELL_TIMEOUT)", text,
                              ["a number of seconds, e.g. 600"]) from None
    if not (0 < given < 1e7):    # NaN and infinity too
        raise UnknownName("cell timeout in seconds", given, ["a number above 0, e.g. 600"])
    return given


def _timed_out_cell(exc, entry: Entry, seconds: float) -> str:
    """'cell 4 (first line): ran longer than 600 s' for nbclient's CellTimeoutError, whose
    message quotes the cell's source."""
    text = str(exc)
    try:
        nb = params_mod.read_notebook_json(entry.path)
    except ComparativeError:
        nb = {"cells": []}
    code = [c for c in nb["cells"] if c.get("cell_type") == "code"]
    n, first = None, ""
    for i, cell in enumerate(nb["cells"]):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        lines = [ln.strip() for ln in src.splitlines() if ln.strip()]
        if cell in code and lines and all(ln in text for ln in lines[:3]):
            n = i
            first = next((ln for ln in lines if not ln.startswith("#")), lines[0])
            break
    first = first if len(first) <= 60 else first[:57] + "..."
    where = f"cell {n + 1} ({first})" if n is not None else "a cell"
    return f"{where}: ran longer than {seconds:g} s (the limit: --timeout or COMPARATIVE_CELL_TIMEOUT)"


def build_entry(entry: Entry, gkey: str, dversion: str, timeout: float | None = None) -> Result:
    """Execute and render one entry; on any failure nothing in reports/ changes."""
    _quiet_imports()
    import papermill as pm

    from . import narrative, render

    # The renderer's one-time set-up (nbconvert templates, typst fonts) runs in a thread
    # while the kernel works in its own process; it is done before the render is timed.
    warming = threading.Thread(target=render.warm_up, daemon=True)
    warming.start()
    _one_blas_thread()
    t0 = time.perf_counter()
    try:
        # This process's warm kernel (see kernels.py), or a fresh one per entry.
        warm = (kernels.get(KERNEL, KERNEL_ARGS, str(entry.path.parent))
                if kernels.enabled() else None)
        nb = pm.execute_notebook(
            str(entry.path), None, parameters=dict(entry.parameters), kernel_name=KERNEL,
            progress_bar=False, log_output=False, request_save_on_cell_execute=False,
            cwd=str(entry.path.parent), extra_arguments=KERNEL_ARGS,
            engine_name=narrative.register(), edition_lang=entry.lang,
            execution_timeout=cell_timeout(timeout), warm=warm)
    except Exception as exc:
        kernels.discard()      # a kernel that failed an entry is not trusted with the next
        return _failed(entry, exc, t0, timeout)
    except BaseException:      # Ctrl-C: the kernel goes with the build
        kernels.discard()
        raise
    modules = nb.metadata.pop("comparative_modules", [])
    key = entry_key(entry, gkey, modules)
    warnings = [f"cell {i}: {text.strip().splitlines()[-1] if text.strip() else ''}"
                for i, text in render.stderr_outputs(nb)]
    if entry.lang != "en":
        warnings += [f"translation '{cid}' is older than its English original "
                     f"(`comparative translations {entry.notebook} --mark {cid}` once it is brought up to date)"
                     for cid in narrative.stale(nb)]
    t1 = time.perf_counter()
    warming.join()
    t1w = time.perf_counter()
    try:
        nb_text, page, pdf = render.render(nb, render_info(entry, dversion))
    except ComparativeError as exc:
        return Result(entry.id, False, message=f"render: {exc}",
                      exec_seconds=t1 - t0, render_seconds=time.perf_counter() - t1w)
    t2 = time.perf_counter()
    blobs = {"ipynb": nb_text.encode("utf-8"), "html": page.encode("utf-8"), "pdf": pdf}
    _install(entry.id, key, blobs, {"modules": sorted(modules), "exec_seconds": round(t1 - t0, 3),
                                    # the how-manieth entry of its kernel (0: a fresh kernel)
                                    "kernel_use": warm.entries if warm is not None else 0,
                                    "render_seconds": round(t2 - t1w, 3), "warnings": warnings})
    return Result(entry.id, True, exec_seconds=t1 - t0, render_seconds=t2 - t1w, warnings=warnings)


def _failed(entry: Entry, exc: Exception, t0: float, timeout: float | None) -> Result:
    """The Result of an entry whose execution raised ``exc``: one line."""
    from papermill.exceptions import PapermillExecutionError

    seconds = time.perf_counter() - t0
    if isinstance(exc, PapermillExecutionError):
        return Result(entry.id, False, message=_describe_failure(exc, entry), exec_seconds=seconds)
    if isinstance(exc, TimeoutError):     # nbclient's CellTimeoutError
        return Result(entry.id, False, message=_timed_out_cell(exc, entry, cell_timeout(timeout)),
                      exec_seconds=seconds)
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""   # no kernel, kernel died
    return Result(entry.id, False, message=f"{type(exc).__name__}: {msg}", exec_seconds=seconds)


def _install(entry_id_: str, key: str, blobs: dict[str, bytes], extra: dict) -> None:
    """The entry's files (notebook, HTML, PDF, stamp) replaced as one transaction: all of
    them or, after a crash, none (see :mod:`comparative._files`)."""
    out = reports_dir()
    (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    targets = output_paths(entry_id_)
    stamp = {"key": key, "outputs": {ext: hashlib.sha256(d).hexdigest() for ext, d in blobs.items()},
             **extra}
    files = {targets[ext]: data for ext, data in blobs.items()}
    files[_stamp_path(entry_id_)] = json.dumps(stamp, indent=1).encode()
    _files.replace_all(files, journal=out / CACHE_DIR / f".{entry_id_}{_files.JOURNAL_SUFFIX}")


# ================================================================== combined PDFs

def groups(entries: list[Entry]) -> dict[str, list[Entry]]:
    """The combined PDFs of the entries' sweeps: their id → their entries, in sweep order."""
    out: dict[str, list[Entry]] = {}
    for e in entries:
        if e.combined:
            out.setdefault(e.combined, []).append(e)
    return out


def combine(entries: list[Entry], only: set | None = None) -> list[Result]:
    """Write ``reports/<sweep>-all.pdf`` for each combined sweep among ``entries`` whose
    every entry has a PDF built: their pages in the alphabetical order of their titles in
    the edition's language (:func:`i18n.sort_key`), one bookmark per entry (its PDF's
    title).  Unchanged when none of the PDFs changed; a sweep with an entry not
    built is reported and its old combined PDF, if any, is left as it was.  ``only``: just
    these combined PDFs (each still made of its whole sweep among ``entries``)."""
    import io

    results = []
    for gid, members in groups(entries).items():
        if only is not None and gid not in only:
            continue
        stamps = [read_stamp(e.id) or {} for e in members]
        missing = [e.id for e, st in zip(members, stamps)
                   if not (st.get("outputs", {}).get("pdf") and output_paths(e.id)["pdf"].is_file())]
        if missing:
            results.append(Result(gid, False, message=f"not combined: {len(missing)} of its "
                                  f"{len(members)} entries have no PDF (first: {missing[0]})"))
            continue
        # the entries' PDFs, this code and pypdf's version make the combined PDF
        h = hashlib.sha256(json.dumps(_env_versions(), sort_keys=True).encode())
        h.update(_combine_code_key().encode())
        for e, st in zip(members, stamps):
            h.update(f"{e.id}\0{st['outputs']['pdf']}\0".encode())
        key = h.hexdigest()
        target = reports_dir() / f"{gid}.pdf"
        old = read_stamp(gid)
        if old and old.get("key") == key and _sha(target) == old["outputs"].get("pdf"):
            results.append(Result(gid, True, skipped=True))
            continue
        t0 = time.perf_counter()
        import pypdf

        writer = pypdf.PdfWriter()
        readers = [pypdf.PdfReader(output_paths(e.id)["pdf"]) for e in members]
        titles = [str((r.metadata or {}).get("/Title") or e.id) for r, e in zip(readers, members)]
        # in the order of the edition's alphabet: Cao Bằng before Cần Thơ in Vietnamese
        order = sorted(range(len(members)),
                       key=lambda i: (i18n.sort_key(titles[i], members[i].lang), i))
        for i in order:
            first = len(writer.pages)
            writer.append(readers[i], import_outline=False)   # one bookmark per entry, below
            writer.add_outline_item(title=titles[i], page_number=first)
        writer.add_metadata({"/Title": gid, "/Author": "comparative", "/Producer": "pypdf"})
        writer.compress_identical_objects()      # one copy of the fonts the pages share
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
        out = reports_dir()
        (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
        stamp = {"key": key, "outputs": {"pdf": hashlib.sha256(data).hexdigest()},
                 "entries": [e.id for e in members]}
        _files.replace_all({target: data,
                            _stamp_path(gid): json.dumps(stamp, indent=1).encode()},
                           journal=out / CACHE_DIR / f".{gid}{_files.JOURNAL_SUFFIX}")
        results.append(Result(gid, True, render_seconds=time.perf_counter() - t0))
    return results


def _combine_code_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        pypdf_version = version("pypdf")
    except PackageNotFoundError:
        pypdf_version = "none"
    # this module writes it, i18n.sort_key orders it
    return f"{_sha(Path(__file__))} {_sha(Path(i18n.__file__))} pypdf {pypdf_version}"


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def recover() -> list[Path]:
    """Complete or undo what a crashed build left in reports/ (temporaries, journals)."""
    out = reports_dir()
    return _files.recover(out / CACHE_DIR, out)


def _die_with_parent(parent: int) -> None:
    """A worker process ends when the build that started it ends, even by kill -9: Linux
    sends it SIGTERM (PR_SET_PDEATHSIG); elsewhere, and as a backstop, a thread watches its
    parent's PID.  Its kernel then sees its own parent gone and exits (ipykernel's parent
    poller)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)    # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:       # died before the line above took effect
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="die-with-parent").start()


def _one_blas_thread() -> None:
    """One BLAS thread per kernel, so that N kernels share N cores (a kernel inherits the
    environment when it starts: set before any kernel of this process starts)."""
    for name in KERNEL_THREADS:
        os.environ.setdefault(name, "1")


def _worker_init(parent: int | None = None) -> None:
    if parent is not None:
        _die_with_parent(parent)
    _one_blas_thread()
    _quiet_imports()
    import papermill  # noqa: F401  (pay the import once per worker, not per entry)

    if kernels.enabled():    # the worker's kernel starts and imports while the others do
        try:
            kernels.get(KERNEL, KERNEL_ARGS, str(notebooks_dir()))
        except Exception:    # the first entry tries again and reports what fails
            kernels.discard()


# ================================================================== the build

def build(entries: list[Entry], jobs: int = 1, force: bool = False, progress: bool = True,
          log=None, timeout: float | None = None) -> list[Result]:
    """Build entries (skipping those up to date unless ``force``); one progress bar."""
    from tqdm import tqdm

    if jobs < 1:
        raise UnknownName("number of jobs", jobs, ["1", "2", "…"])
    log = log or (lambda msg: tqdm.write(msg, file=sys.stderr))
    timeout = cell_timeout(timeout)
    reports_dir().mkdir(parents=True, exist_ok=True)
    recover()
    gkey = global_key()
    dversion = data_version()
    todo = [e for e in entries if force or not up_to_date(e, stamped_key(e, gkey))]
    results = [Result(e.id, True, skipped=True) for e in entries if e not in todo]
    # One bar: entries done of those to build, how many failed, the time left (tqdm's
    # estimate from the entries done), the entry just finished; only on a terminal (logs
    # and pipes get one line per failure instead).
    bar = tqdm(total=len(todo), unit="report", desc="reports",
               bar_format="{desc}: {n}/{total} {bar} {postfix} [{elapsed}<{remaining}]",
               disable=not progress or not todo or not _is_tty(sys.stderr), file=sys.stderr,
               dynamic_ncols=True)
    failed = 0
    bar.set_postfix_str("0 failed", refresh=False)

    def done(r: Result):
        nonlocal failed
        results.append(r)
        failed += not r.ok
        bar.set_postfix_str(f"{failed} failed, last {r.id}", refresh=False)
        bar.update(1)
        if not r.ok:
            log(_one_line(f"FAILED {r.id}: {r.message}", 300))
        for w in r.warnings:
            log(_one_line(f"warning {r.id}: {w}", 300))

    try:
        if jobs == 1 or len(todo) <= 1:
            for e in todo:
                done(build_entry(e, gkey, dversion, timeout))
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed

            # Longest first (by the last build's time), so no worker is left with a long
            # entry at the end while the others idle.
            todo.sort(key=lambda e: -((read_stamp(e.id) or {}).get("exec_seconds") or 1e9))
            ctx = mp.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx,
                                       initializer=_worker_init, initargs=(os.getpid(),))
            try:
                futures = {pool.submit(build_entry, e, gkey, dversion, timeout): e for e in todo}
                for fut in as_completed(futures):
                    e = futures[fut]
                    try:
                        done(fut.result())
                    except Exception as exc:  # a worker that died
                        done(Result(e.id, False, message=f"{type(exc).__name__}: {exc}"))
            except BaseException:     # Ctrl-C, an error here: no worker outlives the build
                for proc in list((getattr(pool, "_processes", None) or {}).values()):
                    proc.terminate()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown(wait=True)
    finally:
        bar.close()
        kernels.discard()     # this process's kernel (-j 1); workers' go with them
    order = {e.id: i for i, e in enumerate(entries)}
    return sorted(results, key=lambda r: order[r.id])


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def all_up_to_date(entries: list[Entry], gkey: str | None = None) -> bool:
    """Every entry built before with its present key, its files unchanged."""
    gkey = gkey or global_key()
    return all(up_to_date(e, stamped_key(e, gkey)) for e in entries)


def summary(results: list[Result], combined: list[Result] = (), data: str = "") -> str:
    """One line: what was built, what was up to date, what failed, where."""
    built = sum(r.ok and not r.skipped for r in results)
    skipped = sum(r.skipped for r in results)
    failed = [r for r in results if not r.ok]
    text = f"reports: {built} built, {skipped} up to date, {len(failed)} failed"
    if combined:
        made = sum(r.ok and not r.skipped for r in combined)
        text += f"; {len(combined)} combined PDFs" + (f" ({made} rewritten)" if made else "")
    if data:
        text += f"; {data}"
    return text + f" (in {reports_dir()})"


def run(notebook: str, given: dict, force: bool = True,
        timeout: float | None = None) -> tuple[Entry, Result]:
    """``comparative run``: one notebook with parameters into reports/."""
    entry = make_entry(notebook, given)
    return entry, build([entry], jobs=1, force=force, timeout=timeout)[0]
