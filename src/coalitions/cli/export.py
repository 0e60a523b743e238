"""``coalitions export``: the corpus as JSON, Popolo JSON, CSV, GraphML or GEXF, for other tools."""

from __future__ import annotations

import argparse
import sys

from ..files import load
from .output import EXIT_OK, write_output

__all__ = ["register"]


def _cmd_export(args: argparse.Namespace) -> int:
    corpus = load(args.data)
    output = args.output or args.path
    if args.format == "sqlite":  # a binary database: to a file, never to standard output
        from ..interop import write_sqlite
        from ..model import CoalitionsError

        if output is None:
            raise CoalitionsError("sqlite needs a file to write: coalitions export sqlite corpus.db")
        for path in write_sqlite(corpus, output):
            print(f"wrote {path}", file=sys.stderr)
        return EXIT_OK
    if args.format == "json":
        from ..interop import corpus_to_json

        data: str | bytes = corpus_to_json(corpus)
    elif args.format == "popolo":
        import json

        from ..interop import to_popolo

        data = json.dumps(to_popolo(corpus), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        from ..interop import to_csv

        data = to_csv(corpus, args.table)
    else:
        from ..interop import to_gexf, to_graphml

        data = (to_graphml if args.format == "graphml" else to_gexf)(corpus, args.graph)
    write_output(data, output)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``export`` to the ``coalitions`` command."""
    export = subparsers.add_parser(
        "export",
        help="write the corpus as JSON, Popolo JSON, CSV, GraphML, GEXF or a SQLite database",
        description="Export the corpus (default: the bundled data) for other tools.",
        epilog="examples:\n  coalitions export popolo --output popolo.json\n"
        "  coalitions export csv --table memberships > memberships.csv\n"
        "  coalitions export gexf --graph organisations --output cosigning.gexf\n"
        "  coalitions export sqlite corpus.db\n\n"
        "exit codes: 0 ok, 1 invalid data, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("format", choices=["json", "popolo", "csv", "graphml", "gexf", "sqlite"], help="output format")
    export.add_argument("path", nargs="?", help="file to write, as --output (sqlite: the database, with Datasette's "
                        "metadata.json beside it)")
    export.add_argument("-o", "--output", help="file to write (atomically); default: standard output")
    export.add_argument("--data", help="corpus folder (default: the bundled data)")
    export.add_argument("--table", choices=["signatures", "memberships"], default="signatures",
                        help="CSV table (default: signatures)")
    export.add_argument("--graph", choices=["affiliation", "organisations"], default="affiliation",
                        help="graph for GraphML/GEXF (default: affiliation)")
    export.set_defaults(handler=_cmd_export)
