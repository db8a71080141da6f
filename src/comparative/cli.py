"""The ``comparative`` command.

Every failure a user can cause ends with one line on stderr that says what was wrong and
what is allowed, and exit status 2 (1 for a failed build or check).
"""

from __future__ import annotations

import argparse
import sys

from .errors import ComparativeError, DataError, UnknownName

EXIT_USAGE = 2
EXIT_FAILED = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, status 2, no usage dump
        self.exit(EXIT_USAGE, f"comparative: {message} (see 'comparative --help')\n")


CITE_FORMATS = ("apa", "chicago", "bibtex", "csl-json")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="comparative",
                description="Cited case data on Vietnam's and China's models of local government.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    f = sub.add_parser("facts", help="list facts, or show one: comparative facts show ID")
    f.add_argument("action", nargs="*", metavar="show ID",
                   help="'show ID' prints one fact with its citation and evidence")
    f.add_argument("--case", help="only this case")
    f.add_argument("--country", help="VN or CN")
    f.add_argument("--format", default="table", help="table | csv | jsonl (default: table)")
    f.add_argument("--style", default="apa", type=str.lower, choices=CITE_FORMATS,
                   help="citation style for 'show' (pandoc citeproc + CSL; default apa)")
    f.add_argument("--lang", default="en", choices=("en", "vi"),
                   help="language of the citation for 'show' (CSL locale en-US or vi-VN)")

    s = sub.add_parser("sources", help="list the sources, or cite one: comparative sources cite ID")
    s.add_argument("action", nargs="*", metavar="cite ID")
    s.add_argument("--style", default="apa", type=str.lower, choices=CITE_FORMATS,
                   help="citation style (pandoc citeproc + CSL; default apa)")
    s.add_argument("--lang", default="en", choices=("en", "vi"),
                   help="language of the citation (CSL locale en-US or vi-VN)")

    sub.add_parser("check", help="validate data/raw and check every evidence quote against its source text")
    sub.add_parser("build", help="rebuild data/processed/ from data/raw/")
    d = sub.add_parser("datasets", help="list the datasets, or describe one: comparative datasets show NAME")
    d.add_argument("action", nargs="*", metavar="show NAME")

    pa = sub.add_parser("params", help="a notebook's parameters: types, defaults, allowed values")
    pa.add_argument("notebook", help="notebook name (see notebooks/) or path")

    r = sub.add_parser("run", help="run one notebook into reports/ (ipynb, HTML, PDF): "
                                   "comparative run NOTEBOOK -p NAME VALUE ...")
    r.add_argument("notebook", help="notebook name (see notebooks/) or path")
    r.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="set a parameter (repeatable)")

    tr = sub.add_parser("translations", help="list the Vietnamese passages older than their "
                                             "English original; --mark records them as up to date")
    tr.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="only these notebooks")
    tr.add_argument("--mark", nargs="*", metavar="CELL", default=None,
                    help="record the current English originals of these cells (all when none "
                         "named) as translated; writes the notebook")

    rp = sub.add_parser("reports", help="build every report of notebooks/manifest.toml "
                                        "(unchanged ones are skipped)")
    rp.add_argument("entries", nargs="*", metavar="ENTRY",
                    help="only these entries (entry id or notebook name)")
    rp.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                    help="build N entries in parallel processes (default 1)")
    rp.add_argument("--force", action="store_true", help="rebuild entries that are up to date")
    return p


FORMATS = ("table", "csv", "jsonl")


def _cmd_facts(args) -> int:
    from .store import facts as facts_mod

    if args.action:
        if args.action[0] != "show" or len(args.action) != 2:
            raise UnknownName("facts action", " ".join(args.action), ["show ID"])
        f = facts_mod.fact(args.action[1])
        u = facts_mod.units()[f.unit]
        print(f"{f.id}  [{f.case}, {f.country}]")
        print(f"  {f.quantity_en}")
        print(f"  {f.quantity_vi}")
        print(f"  value:     {facts_mod.value_text(f)} {u.en}  ({f.qualifier})")
        if f.period:
            print(f"  period:    {f.period}")
        print(f"  evidence:  “{f.evidence}”")
        print(f"  locator:   {f.locator}")
        if f.note:
            print(f"  note:      {f.note}")
        from .locale import citations

        cited = citations.cite(f.id, args.style, args.lang)
        print("  source:    " + cited.replace("\n", "\n             "))
        return 0
    if args.format not in FORMATS:
        raise UnknownName("format", args.format, FORMATS)
    df = facts_mod.facts(case=args.case, country=args.country)
    if args.format == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    elif args.format == "jsonl":
        text = df.to_json(orient="records", lines=True, force_ascii=False).strip()
        sys.stdout.write(text + "\n" if text else "")
    else:
        cols = ["id", "value", "unit", "qualifier", "quantity_en"]
        with __import__("pandas").option_context("display.max_rows", None, "display.width", 200,
                                                 "display.max_colwidth", 70):
            print(df[cols].to_string(index=False))
        print(f"{len(df)} facts")
    return 0


def _cmd_sources(args) -> int:
    from .locale import citations
    from .store.sources import _sources, source

    if args.action:
        if args.action[0] != "cite" or len(args.action) != 2:
            raise UnknownName("sources action", " ".join(args.action), ["cite ID"])
        print(citations.cite(source(args.action[1]).id, args.style, args.lang))
        return 0
    reg = _sources()
    refs = dict(zip(sorted(reg), citations.references(sorted(reg), args.lang, "apa",
                                                       keyed=True)))
    for s in reg.values():
        print(f"{s.id:14} {s.kind:18} {refs[s.id]}")
    return 0


def _cmd_check(args) -> int:
    from .store.checks import check_all

    problems, summary = check_all()
    for line in problems:
        print(line, file=sys.stderr)
    print(summary)
    return EXIT_FAILED if problems else 0


def _cmd_datasets(args) -> int:
    from .store.datasets import cli_datasets

    return cli_datasets(args.action)


def _cmd_build(args) -> int:
    from .publish.processed import build

    for path in build():
        print(path)
    return 0


def _cmd_params(args) -> int:
    from .reporting.params import describe

    print(describe(args.notebook))
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
    entry, result = reports.run(args.notebook, given)  # checked before any kernel starts
    if not result.ok:
        return EXIT_FAILED
    for path in reports.output_paths(entry.id).values():
        print(path)
    return 0


def _cmd_reports(args) -> int:
    from .reporting import build as reports

    if args.jobs < 1:
        raise UnknownName("number of jobs (-j)", args.jobs, ["1", "2", "..."])
    _check_data()
    manifest = reports.load_manifest()
    entries = reports.select(manifest, args.entries)  # all checked first
    results = reports.build(entries, jobs=args.jobs, force=args.force)
    from .reporting import index

    index.write_index(manifest)   # reports/index.html: every entry, every fact (if inputs changed)
    print(reports.summary(results))
    return EXIT_FAILED if any(not r.ok for r in results) else 0


def _cmd_translations(args) -> int:
    import json
    import os
    import tempfile

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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(nb, fh, indent=1, ensure_ascii=False, sort_keys=True)   # as nbformat writes
            fh.write("\n")
        os.chmod(tmp, path.stat().st_mode & 0o7777)   # keep the notebook's own mode
        os.replace(tmp, path)
        print(f"{path.stem}: marked {', '.join(marked)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"facts": _cmd_facts, "sources": _cmd_sources, "check": _cmd_check,
               "build": _cmd_build, "datasets": _cmd_datasets, "params": _cmd_params, "run": _cmd_run,
               "reports": _cmd_reports, "translations": _cmd_translations}[args.command]
    try:
        return handler(args)
    except UnknownName as exc:
        print(f"comparative: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        print(f"comparative: bad data: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ComparativeError as exc:
        print(f"comparative: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
