"""The ``comparative`` command.

Every failure a user can cause ends with one line on stderr that says what was wrong and
what is allowed, and exit status 2 (1 for a failed build or check).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys

from .errors import ComparativeError, DataError, UnknownName

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130     # 128 + SIGINT, as shells report Ctrl-C
MAX_LINE = 600             # the longest line a failure prints (input echoed: at most 60;
                           # the rest ours: 34 provinces allowed fit)
USAGE_LINE = 260           # argparse's own messages, which echo what was typed


class _Help(argparse.HelpFormatter):
    """Help that fits the terminal and keeps the line breaks of examples and lists: every
    line of a description or epilog is wrapped at words on its own."""

    def _fill_text(self, text, width, indent):
        import textwrap

        out = []
        for line in text.splitlines():
            own = line[:len(line) - len(line.lstrip())]
            lead = indent + own
            out.append(textwrap.fill(line.strip(), width, initial_indent=lead,
                                     subsequent_indent=lead + ("  " if own else ""), break_long_words=False,
                                     break_on_hyphens=False) if line.strip() else "")
        return "\n".join(out)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message):  # one line, status 2, no usage dump
        from ._text import one_line

        self.exit(EXIT_USAGE, one_line(f"comparative: {message} (see 'comparative --help')",
                                       USAGE_LINE) + "\n")


CITE_FORMATS = ("apa", "chicago", "bibtex", "csl-json")
FORMATS = ("table", "csv", "jsonl")
# what `comparative facts` shows by default; --columns picks others, --columns all every one
DEFAULT_COLUMNS = ("id", "value", "label")
TABLE_MAX_COLUMNS = 5   # more than this many columns and each fact is printed as a record
# texts of a sentence or more: in a narrow table, one of them goes under the fact's id
LONG_TEXT = ("quantity_en", "quantity_vi", "evidence", "note", "locator", "caveat_en",
             "caveat_vi")


def _notebooks_epilog() -> str:
    from .reporting.params import available

    names = available()
    listed = "\n".join(f"  {n}" for n in names) if names else "  (no notebooks/ folder here)"
    return f"notebooks (notebooks/):\n{listed}\nsee a notebook's parameters with: comparative params NOTEBOOK"


def _seconds(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (0 < value < 1e7):
        raise argparse.ArgumentTypeError("must be a number of seconds above 0, e.g. 600")
    return value


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    p = _Parser(prog="comparative",
                description="Cited case data on Vietnam's and China's models of local government.",
                epilog="An unknown case, id, notebook or value exits with status 2 and one line; "
                       "a failed build or check with status 1.")
    p.add_argument("--version", action="version", version=f"comparative {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    f = sub.add_parser("facts", help="list facts, find them by words, or show one: "
                                     "comparative facts show ID",
                       description="List the facts (filtered), find them by words, or show one "
                                   "with its quote and citation. Filters ignore case; --search "
                                   "ignores case and Vietnamese diacritics.",
                       epilog="examples:\n  comparative facts --case vietnam_2025 --country vn\n"
                              "  comparative facts --search \"quan tri dia phuong\"\n"
                              "  comparative facts --columns id,value,evidence\n"
                              "  comparative facts show vn2025-communes-change-pct-thuc")
    f.add_argument("action", nargs="*", metavar="show ID",
                   help="'show ID' prints one fact with its citation and evidence")
    f.add_argument("--case", help="only this case, e.g. vietnam_2025 (an unknown one is answered "
                        "with the list)")
    f.add_argument("--country", metavar="COUNTRY",
                   help="VNM or CHN (ISO3; ISO2 VN/CN and the UN's names are accepted too)")
    f.add_argument("--topic", help="only this topic, e.g. 'legal timeline'")
    f.add_argument("--search", metavar="WORDS",
                   help="facts whose label, value, quote or note (English or Vietnamese) hold "
                        "every word; case and diacritics ignored: \"quan tri\" finds \"quản trị\"")
    f.add_argument("--format", default="table", type=str.lower, choices=FORMATS,
                   help="table (fits the terminal) | csv | jsonl (default: table)")
    f.add_argument("--columns", default=None, metavar="COLS",
                   help="the columns, comma-separated, or 'all' (table default: id,value,label;"
                        " label is quantity_en, or quantity_vi with --lang vi; csv and jsonl "
                        "carry every column unless --columns is given)")
    f.add_argument("--style", default="apa", type=str.lower, choices=CITE_FORMATS,
                   help="citation style for 'show' (pandoc citeproc + CSL; default apa)")
    f.add_argument("--lang", default="en", type=str.lower, choices=("en", "vi"),
                   help="language of the label and of the citation for 'show' (CSL locale "
                        "en-US or vi-VN)")

    s = sub.add_parser("sources", help="list the sources, or cite one: comparative sources cite ID",
                       description="List the sources (articles and dataset publishers) with "
                                   "their references, or cite one.")
    s.add_argument("action", nargs="*", metavar="cite ID")
    s.add_argument("--style", default="apa", type=str.lower, choices=CITE_FORMATS,
                   help="citation style (pandoc citeproc + CSL; default apa)")
    s.add_argument("--lang", default="en", type=str.lower, choices=("en", "vi"),
                   help="language of the citation (CSL locale en-US or vi-VN)")

    sub.add_parser("check", help="validate data/raw and check every evidence quote against its "
                                 "source text",
                   description="Validate every record of data/raw/ and check every fact's "
                               "verbatim quote against its article's text (../shared/sources/). "
                               "Exit status 1 when a check fails.")
    bd = sub.add_parser("build", help="rebuild data/processed/ from data/raw/ (when changed)",
                        description="Rebuild data/processed/ from data/raw/: the tidy CSV "
                                    "tables, Parquet, datapackage.json and codebook.md "
                                    "(byte-identical on rebuild).  Nothing is rebuilt when no "
                                    "input (data/raw/, the library, its libraries) changed.")
    bd.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    bd.add_argument("-v", "--verbose", action="store_true", help="list the files rewritten")
    d = sub.add_parser("datasets", help="list the datasets, or describe one: comparative datasets "
                                        "show NAME",
                       description="List the reference datasets, or describe one (sources, "
                                   "files, columns).")
    d.add_argument("action", nargs="*", metavar="show NAME")

    epilog = _notebooks_epilog()
    pa = sub.add_parser("params", help="a notebook's parameters: types, defaults, allowed values",
                        description="A notebook's parameters: type, default, what it does and "
                                    "the values it allows.", epilog=epilog)
    pa.add_argument("notebook", help="notebook name (listed below) or path")

    r = sub.add_parser("run", help="run one notebook into reports/ (ipynb, HTML, PDF): "
                                   "comparative run NOTEBOOK -p NAME VALUE ...",
                       description="Run one notebook with papermill into reports/ (executed "
                                   "notebook, HTML and PDF). Parameters are checked before any "
                                   "kernel starts.", epilog=epilog)
    r.add_argument("notebook", help="notebook name (listed below) or path")
    r.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="set a parameter (repeatable)")
    r.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="fail a cell that runs longer than this (default 600, or "
                        "COMPARATIVE_CELL_TIMEOUT)")

    tr = sub.add_parser("translations", help="list the Vietnamese passages older than their "
                                             "English original; --mark records them as up to date",
                        description="List the Vietnamese cells of the notebooks whose English "
                                    "original changed since they were translated.",
                        epilog=epilog)
    tr.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="only these notebooks")
    tr.add_argument("--mark", nargs="*", metavar="CELL", default=None,
                    help="record the current English originals of these cells (all when none "
                         "named) as translated; writes the notebook")

    rp = sub.add_parser("reports", help="build every report of notebooks/manifest.toml "
                                        "(unchanged ones are skipped)",
                        description="Build every entry of notebooks/manifest.toml (unchanged "
                                    "ones are skipped), then reports/index.html.")
    rp.add_argument("entries", nargs="*", metavar="ENTRY",
                    help="only these entries (entry id or notebook name)")
    rp.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                    help="build N entries in parallel processes (default: the number of "
                         "cores, %d here)" % _cores())
    rp.add_argument("--force", action="store_true", help="rebuild entries that are up to date")
    rp.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                    help="fail a cell that runs longer than this (default 600, or "
                         "COMPARATIVE_CELL_TIMEOUT)")
    return p


# ------------------------------------------------------------------ text that fits

def _width() -> int:
    """The terminal's width (COLUMNS wins; 80 when there is no terminal)."""
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped at word boundaries (never inside a word or an id); continuation
    lines start with ``indent``, the first with ``first`` (default ``indent``)."""
    import textwrap

    first = indent if first is None else first
    return textwrap.fill(str(text), width=width, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or first.rstrip()


def _wrap_lines(text: str, width: int) -> str:
    """Every line of ``text`` wrapped, continuation lines indented two spaces past the line's
    own indentation."""
    out = []
    for line in text.splitlines():
        lead = line[:len(line) - len(line.lstrip())]
        out.append(_wrap(line.strip(), width, lead + "  ", lead) if line.strip() else "")
    return "\n".join(out)


def _field(name: str, text: str, width: int, pad: int = 11) -> str:
    """'  name:    text', the text wrapped in a column of its own."""
    head = f"  {name + ':':<{pad}}"
    return "\n".join(_wrap(part, width, " " * len(head), head if i == 0 else " " * len(head))
                     for i, part in enumerate(str(text).split("\n")))


def _fit_record(text: str, style: str, width: int, indent: str = "") -> str:
    """A BibTeX record with its long fields wrapped at words (BibTeX reads a line break in
    a field as a space, so the record means the same); CSL-JSON as it is (JSON strings
    cannot break)."""
    if style != "bibtex":
        return "\n".join(indent + line for line in text.splitlines())
    out = []
    for line in text.splitlines():
        lead = indent + line[:len(line) - len(line.lstrip())]
        out.append(_wrap(line.strip(), width, lead + "  ", lead))
    return "\n".join(out)


def _console(width: int):
    from rich.console import Console

    return Console(width=width, highlight=False, markup=False, emoji=False, soft_wrap=False,
                   color_system=None)


def _value_cell(row, lang: str = "en") -> str:
    """The value as a reader says it, with its qualifier and unit, in ``lang``: 'more than
    10,000 communes', '−66.9%', English glosses of a list of Vietnamese names in English
    (the same words as the reports, from comparative.locale.i18n)."""
    from .locale import i18n
    from .store.facts import fact

    return i18n.fact_value(fact(str(row["id"])), lang, unit=True)


def _table_columns(spec: str | None, lang: str) -> list[str]:
    from .store.facts import COLUMNS

    label = "quantity_vi" if lang == "vi" else "quantity_en"
    if spec is None:
        return [label if c == "label" else c for c in DEFAULT_COLUMNS]
    if spec.strip().lower() == "all":
        return list(COLUMNS)
    cols = []
    for name in (c.strip() for c in spec.split(",")):
        name = label if name == "label" else name
        if name not in COLUMNS:
            raise UnknownName("column", name, ("all", "label") + COLUMNS, suggest=True)
        cols.append(name)
    return cols


def _cell(row, col: str) -> str:
    value = row[col]
    return "" if value is None or str(value) in ("<NA>", "nan", "None") else str(value)


def _print_table(df, cols: list[str], width: int, lang: str = "en") -> None:
    """The facts as a table that fits ``width``: ids never broken, labels wrapped at
    words, long values (lists of names) cut at a word with '…'.  Below 120 columns one
    long text (a label, the quote, the note) goes under its fact's id, so the id, the value
    and the text all stay readable."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    labels = [c for c in cols if c in LONG_TEXT]
    under = width < 120 and "id" in cols and len(labels) == 1
    shown = [c for c in cols if not (under and c == labels[0])]
    value_width = max(14, width // 4)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                  collapse_padding=True)
    for col in shown:
        if col == "id":
            table.add_column(f"id / {labels[0]}" if under else "id", overflow="fold",
                             ratio=2 if under else None, no_wrap=not under)
        elif col == "value":
            table.add_column("value", max_width=value_width, overflow="fold",
                             ratio=1 if under else None)
        else:
            table.add_column(col, overflow="fold", ratio=1 if col.startswith("quantity") else None)
    limit = value_width * 2
    for _, row in df.iterrows():
        cells = []
        for col in shown:
            text = _value_cell(row, lang) if col == "value" else _cell(row, col)
            if col == "value" and len(text) > limit:
                text = text[:limit - 1].rsplit(" ", 1)[0].rstrip(";,") + "…"
            if col == "id" and under:
                cells.append(Group(Text(text, no_wrap=True, overflow="fold"),
                                   Padding(Text(_cell(row, labels[0])), (0, 0, 0, 2))))
            else:
                cells.append(Text(text))
        table.add_row(*cells)
    console = _console(width)
    with console.capture() as captured:
        console.print(table)
    print("\n".join(line.rstrip() for line in captured.get().splitlines()))


def _print_records(df, cols: list[str], width: int) -> None:
    """Each fact as a block of 'field: value' lines, wrapped: for many columns."""
    pad = max(len(c) for c in cols) + 2
    blocks = []
    for _, row in df.iterrows():
        lines = [_field(c, _cell(row, c), width, pad) for c in cols if _cell(row, c)]
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))


def _cmd_facts(args) -> int:
    from .store import facts as facts_mod

    if args.action:
        if args.action[0] != "show" or len(args.action) != 2:
            raise UnknownName("facts action", " ".join(args.action), ["show ID"])
        return _show_fact(args)
    cols = _table_columns(args.columns, args.lang)
    df = facts_mod.facts(case=args.case, country=args.country, topic=args.topic,
                         search=args.search)
    if args.format != "table" and args.columns is not None:   # for pipes: only when asked
        df = df[cols]
    if args.format == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    elif args.format == "jsonl":
        text = df.to_json(orient="records", lines=True, force_ascii=False).strip()
        sys.stdout.write(text + "\n" if text else "")
    else:
        width = _width()
        crowded = width < 120 and sum(c in LONG_TEXT for c in cols) > 1
        if len(cols) > TABLE_MAX_COLUMNS or crowded:     # a block of 'field: value' per fact
            _print_records(df, cols, width)
            print()
        else:
            _print_table(df, cols, width, args.lang)
        hint = "; none matches (every word must occur; try fewer words)" if args.search else ""
        print(f"{len(df)} fact{'' if len(df) == 1 else 's'}{'' if len(df) else hint}")
    return 0


def _show_fact(args) -> int:
    from .locale import citations
    from .store import facts as facts_mod

    f = facts_mod.fact(args.action[1])
    u = facts_mod.units()[f.unit]
    width = _width()
    print(_wrap(f"{f.id}  [{f.case}, {f.country}, {f.topic}]", width, "  ", ""))
    print(_wrap(f.quantity_en, width, "  "))
    print(_wrap(f.quantity_vi, width, "  "))
    if f.kind == "names":
        value = "\n".join(f"– {n}" for n in f.value)
    else:
        value = facts_mod.value_text(f) + ("" if f.kind.startswith("date") else f" {u.en}")
    qualifier = "" if f.qualifier == "exact" else f"{f.qualifier} "
    print(_field("value", f"{qualifier}{value}" if f.kind != "names" else value, width))
    if f.period:
        print(_field("period", f.period, width))
    if f.restored:   # article 003 is OCR text without diacritics: show what it says, and what it shows
        print(_field("evidence", f"“{f.evidence_restored}” (diacritics restored)", width))
        print(_field("verbatim", f"“{f.evidence}”", width))
    else:
        print(_field("evidence", f"“{f.evidence}”", width))
    if f.note:
        print(_field("note", f.note, width))
    if f.caveat_en:
        print(_field("caveat", f.caveat_en if args.lang == "en" else f.caveat_vi, width))
    cited = citations.cite(f.id, args.style, args.lang)
    if args.style in ("apa", "chicago"):
        reference, _, in_text = cited.partition("\n")
        print(_field("source", reference, width))
        print(_field("cite as", in_text, width))
    else:   # a record for a reference manager, as it is; the place in the source beside it
        print(_field("locator", f.locator, width))
        print("  source:")
        print(_fit_record(cited, args.style, width, "    "))
    return 0


def _cmd_sources(args) -> int:
    from .locale import citations
    from .store.sources import _sources, source

    if args.action:
        if args.action[0] != "cite" or len(args.action) != 2:
            raise UnknownName("sources action", " ".join(args.action), ["cite ID"])
        text = citations.cite(source(args.action[1]).id, args.style, args.lang)
        print(_wrap_lines(text, _width()) if args.style in ("apa", "chicago")
              else _fit_record(text, args.style, _width()))
        return 0
    reg = _sources()
    refs = dict(zip(sorted(reg), citations.references(sorted(reg), args.lang, args.style
                                                       if args.style in ("apa", "chicago")
                                                       else "apa", keyed=True)))
    width = _width()
    blocks = [f"{s.id} ({s.kind})\n" + _wrap(refs[s.id], width, "    ", "  ")
              for s in reg.values()]
    print("\n".join(blocks))
    return 0


def _cmd_check(args) -> int:
    """Every problem of data/raw/, the notebooks and the manifest, one line each (status 2:
    the data is refused); when all records are sound, every evidence quote against its
    article (status 1 when one fails).  A sharp fall in a case's facts is a warning."""
    from .reporting.checks import report_problems
    from .store import checks

    from ._text import one_line

    problems = checks.record_problems()
    problems += [p for p in report_problems(views=not problems) if p not in problems]
    for line in problems:
        print(one_line(f"comparative: bad data: {line}", 400), file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'' if len(problems) == 1 else 's'} in the data, "
              "notebooks or manifest; nothing else checked")
        return EXIT_USAGE
    for line in checks.count_warnings():
        print(one_line(f"comparative: warning: {line}", 400), file=sys.stderr)
    evidence, summary = checks.check_all()
    for line in evidence:
        print(one_line(f"comparative: {line}", 400), file=sys.stderr)
    print(summary)
    return EXIT_FAILED if evidence else 0


def _cmd_datasets(args) -> int:
    from .store import datasets as ds

    width = _width()
    if args.action:
        if args.action[0] != "show" or len(args.action) != 2:
            raise UnknownName("datasets action", " ".join(args.action), ["show NAME"])
        print(_wrap_lines(ds.describe(args.action[1]), width))
        return 0
    for row in ds.datasets().itertuples(index=False):
        print(row.name)
        print(_wrap(row.title, width, "    ", "  "))
        print(_wrap(f"unit: {row.unit}; sources: {row.sources.replace(';', ',')}", width,
                    "    ", "  "))
    return 0


def _cmd_build(args) -> int:
    print(_update_processed(force=args.force, verbose=args.verbose))
    return 0


def _update_processed(force: bool = False, verbose: bool = False) -> str:
    """Bring data/processed/ up to date (nothing is rebuilt when no input changed); one
    line saying what happened (``verbose``: then the rewritten files, one per line)."""
    from .publish import processed

    built, files, changed = processed.update(force=force)
    folder = "data/processed/"
    if not built:
        line = f"{folder}: up to date ({len(files)} files)"
    else:
        line = f"{folder}: built, {len(changed)} of {len(files)} files changed"
    if verbose and changed:
        line += "".join(f"\n  {p}" for p in changed)
    return line


def _cmd_params(args) -> int:
    from .reporting.params import describe

    print(describe(args.notebook, width=_width()))
    return 0


def _check_data() -> None:
    """Load the fact store and the source registry before any kernel starts: a broken
    record stops the build at once with one line (DataError, exit 2), not in every
    notebook."""
    from .store.facts import all_facts
    from .views.matrix import model_matrix

    all_facts()
    model_matrix()


def _cmd_run(args) -> int:
    from .reporting import build as reports
    from .reporting.params import ParameterError

    _check_data()
    given = {}
    for name, value in args.parameter:
        if name in given:
            raise ParameterError(f"parameter '{name}' given twice; give each parameter once", name)
        given[name] = value
    entry, result = reports.run(args.notebook, given,   # checked before any kernel starts
                                timeout=args.timeout)
    if not result.ok:
        return EXIT_FAILED
    for path in reports.output_paths(entry.id).values():
        print(path)
    return 0


def _cores() -> int:
    """The cores this process may use (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _cmd_reports(args) -> int:
    from .reporting import build as reports

    jobs = _cores() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UnknownName("number of jobs (-j)", args.jobs, ["1", "2", "..."])
    data = _update_processed()     # the reports are made from data/processed/
    manifest = reports.load_manifest()
    entries = reports.select(manifest, args.entries)  # all checked first
    gkey = reports.global_key()
    if args.force or not reports.all_up_to_date(entries, gkey):
        _check_data()
        results = reports.build(entries, jobs=jobs, force=args.force, timeout=args.timeout)
    else:      # nothing to build: not even the fact store is loaded
        results = [reports.Result(e.id, True, skipped=True) for e in entries]
    # the combined PDFs of the sweeps built here, each of its whole sweep (not of the
    # entries named on the command line alone)
    combined = reports.combine(manifest, only={e.combined for e in entries if e.combined})
    from .reporting import index

    index.write_index(manifest)   # reports/index.html: every entry, every fact (if inputs changed)
    for r in combined:
        if not r.ok:
            print(f"warning {r.id}: {r.message}", file=sys.stderr)
    print(reports.summary(results, combined, data if "up to date" not in data else ""))
    return EXIT_FAILED if any(not r.ok for r in results) else 0


def _cmd_translations(args) -> int:
    import json

    from . import _files
    from .reporting import narrative
    from .reporting.params import available, notebook_path

    names = args.notebooks or available()
    paths = [notebook_path(n) for n in names]        # unknown names refused before any write
    books = {path: json.loads(path.read_text(encoding="utf-8")) for path in paths}
    if args.mark:                                     # a named cell must be in one of them
        known = {v["id"] for nb in books.values() for _, v in narrative.pairs(nb) if v}
        unknown = [c for c in args.mark if c not in known]
        if unknown:
            stale = [c for nb in books.values() for c in narrative.stale(nb)]
            raise UnknownName("translation cell", unknown[0], stale or ["(none is stale)"])
    for path, nb in books.items():
        stale = narrative.stale(nb)
        if args.mark is None:
            for cid in stale:
                print(f"{path.stem}: {cid} is older than its English original")
            continue
        marked = narrative.mark_translated(nb, [c for c in (args.mark or stale)]) if stale or args.mark else []
        if not marked:
            continue
        text = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"  # as nbformat
        tmp = _files.write_temp(path, text.encode("utf-8"))
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)   # keep the notebook's own mode
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        print(f"{path.stem}: marked {', '.join(marked)}")
    return 0


def _say(message: object) -> None:
    """One line on stderr: 'comparative: …', control characters escaped, at most
    MAX_LINE characters."""
    from ._text import one_line

    line = one_line(f"comparative: {message}", MAX_LINE)
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _os_error(exc: OSError) -> str:
    """'cannot write reports/x.html: No space left on device', the path shortened."""
    from ._text import shown

    what = exc.strerror or type(exc).__name__
    if exc.filename is None:
        return what
    path = str(exc.filename)
    from ._files import TMP

    m = TMP.match(os.path.basename(path))
    if m:   # the temporary beside a file: name the file a person knows
        path = os.path.join(os.path.dirname(path), m["name"])
    try:   # a path inside the project reads better relative to it
        from ._paths import project_root

        path = os.path.relpath(path, project_root()) if os.path.isabs(path) else path
    except (ValueError, OSError):
        pass
    return f"{shown(path, 100)}: {what}"


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command; every failure ends with one line on stderr and its status: 2 for
    refused input, 1 for a failed build or check (or an environment that refuses a write:
    a full disk, a read-only folder), 130 for Ctrl-C.  No traceback unless
    COMPARATIVE_DEBUG=1."""
    # Output that the terminal's encoding cannot hold is escaped, not a crash.
    enc = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "")
    if enc and enc != "utf8" and hasattr(sys.stdout, "reconfigure"):
        try:
            sys.stdout.reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass
    try:
        args = _parser().parse_args(argv)
        handler = {"facts": _cmd_facts, "sources": _cmd_sources, "check": _cmd_check,
                   "build": _cmd_build, "datasets": _cmd_datasets, "params": _cmd_params,
                   "run": _cmd_run, "reports": _cmd_reports,
                   "translations": _cmd_translations}[args.command]
        status = handler(args)
        sys.stdout.flush()      # a full disk or closed pipe shows here, not at exit
        return status
    except BrokenPipeError:      # `comparative facts | head`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except UnknownName as exc:
        _say(exc)
        return EXIT_USAGE
    except DataError as exc:
        _say(f"bad data: {exc}")
        return EXIT_USAGE
    except ComparativeError as exc:
        from .reporting.params import NotebookError

        _say(exc)
        return EXIT_USAGE if isinstance(exc, NotebookError) else EXIT_FAILED
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _quiet_stdout()
            return 0
        stdout_failed = exc.filename is None and exc.errno in (errno.ENOSPC, errno.EIO, errno.EBADF)
        if stdout_failed:
            _quiet_stdout()
            _say(f"cannot write the output: {exc.strerror}")
        else:
            _say(_os_error(exc))
        return EXIT_FAILED
    except SystemExit:
        raise
    except Exception as exc:   # a bug: still one line, and how to see the traceback
        if os.environ.get("COMPARATIVE_DEBUG"):
            raise
        _say(f"internal error: {type(exc).__name__}: {exc} (COMPARATIVE_DEBUG=1 shows the "
             "traceback; please report it)")
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
