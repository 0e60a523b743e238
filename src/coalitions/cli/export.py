"""``coalitions export``: the corpus as JSON, Popolo JSON, CSV, GraphML, GEXF or a SQLite database, for other tools."""

from __future__ import annotations

import argparse
import sys

from .grammar import UsageError, add_corpus, add_output, emit, load_corpus, output_format
from .output import EXIT_OK

__all__ = ["TABLES", "register"]

_FORMATS = ("json", "popolo", "csv", "graphml", "gexf", "sqlite")
#: The tables of ``export --format csv`` (``coalitions.interop.COLUMNS``, kept here so --help imports no interop).
TABLES = ("signatures", "memberships", "organisations", "people", "declarations", "sources", "metrics")


def _cmd_export(args: argparse.Namespace) -> int:
    if args.legacy_format is not None:
        if args.format is not None and args.format != args.legacy_format:
            raise UsageError(f"give the format once: --format {args.format} or the older form "
                             f"{args.legacy_format}, not both")  # fmt: skip
        args.format = args.legacy_format
    if args.legacy_path is not None:
        if args.output is not None:
            raise UsageError(f"give the file once: --output {args.output} or the older form {args.legacy_path}, "
                             "not both")  # fmt: skip
        args.output = args.legacy_path
    fmt = output_format(args, _FORMATS, None)
    if args.table is not None and fmt != "csv":
        raise UsageError(f"--table picks the CSV table; it does nothing in {fmt}: give --format csv")
    if args.graph is not None and fmt not in ("graphml", "gexf"):
        raise UsageError(f"--graph picks the graph of GraphML or GEXF; it does nothing in {fmt}")
    if fmt == "sqlite" and args.output in (None, "-"):  # a binary database: to a file, never to standard output
        raise UsageError("--format sqlite writes a database file: give --output corpus.db")
    corpus = load_corpus(args)
    if fmt == "sqlite":
        from ..interop import write_sqlite

        for path in write_sqlite(corpus, args.output):
            print(f"wrote {path}", file=sys.stderr)
        return EXIT_OK
    if fmt == "json":
        from ..interop import corpus_to_json

        data: str | bytes = corpus_to_json(corpus)
    elif fmt == "popolo":
        import json

        from ..interop import to_popolo

        data = json.dumps(to_popolo(corpus), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        from ..interop import to_csv

        data = to_csv(corpus, args.table or "signatures")
    else:
        from ..interop import to_gexf, to_graphml

        data = (to_graphml if fmt == "graphml" else to_gexf)(corpus, args.graph or "affiliation")
    emit(data, args.output)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``export`` to the ``coalitions`` command."""
    export = subparsers.add_parser(
        "export",
        help="write the corpus as JSON, Popolo JSON, CSV, GraphML, GEXF or a SQLite database",
        description="Export the corpus for other tools. The format is --format, or follows the extension of "
        "--output (.json is the corpus as JSON; Popolo needs --format popolo; .db and .sqlite are a SQLite "
        "database, written with Datasette's metadata.json beside it).",
        epilog="examples:\n  coalitions export --format popolo --output popolo.json\n"
        "  coalitions export --format csv --table memberships > memberships.csv\n"
        "  coalitions export --graph organisations --output cosigning.gexf\n"
        "  coalitions export --output corpus.db\n\n"
        "exit codes: 0 ok, 1 invalid data, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("legacy_format", nargs="?", choices=_FORMATS, metavar="FORMAT",
                        help="the older form of --format FORMAT")  # fmt: skip
    export.add_argument("legacy_path", nargs="?", metavar="FILE", help="the older form of --output FILE")
    add_output(export, _FORMATS, None)
    add_corpus(export)
    export.add_argument("--table", choices=TABLES, help="with --format csv: the table (default: signatures)")
    export.add_argument("--graph", choices=["affiliation", "organisations"],
                        help="with GraphML or GEXF: the graph (default: affiliation)")  # fmt: skip
    export.set_defaults(handler=_cmd_export, parser=export)
