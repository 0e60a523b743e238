"""The ``coalitions`` command.

Exit codes: 0 success; 1 invalid data or a name not found; 2 wrong usage. No traceback reaches the user: an
unexpected failure prints one line asking for a bug report and exits 70.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from .. import __version__
from ..files import bundled_data_path, load
from ..model import CoalitionsError, InvalidCorpus, Problem, visible

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and a hint to ``--help`` on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    """Print problems one a line, ``file:line:column: field: message``, terminal-safe."""
    for problem in problems:
        print(visible(str(problem)), file=stream)


def _refuse(error: InvalidCorpus) -> int:
    """Print every problem of a refused corpus and the count line; return the exit code for invalid data."""
    print_problems(error.problems, sys.stderr)
    errors = len(error.errors)
    warnings = len(error.problems) - errors
    tail = f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"{errors} error{'s' if errors != 1 else ''}{tail}; the corpus was not loaded", file=sys.stderr)
    return EXIT_DATA


def _cmd_validate(args: argparse.Namespace) -> int:
    path = args.path or bundled_data_path()
    try:
        corpus = load(path)
    except InvalidCorpus as error:
        return _refuse(error)
    if not args.quiet or args.strict:
        print_problems(corpus.warnings, sys.stderr)
    if args.strict and corpus.warnings:
        count = len(corpus.warnings)
        print(f"{count} warning{'s' if count != 1 else ''}; refused with --strict", file=sys.stderr)
        return EXIT_DATA
    label = "the bundled data" if args.path is None else str(args.path)
    warnings = len(corpus.warnings)
    note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"ok: {label}: {corpus.summary()}{note}")
    return EXIT_OK


# -- export, new, fmt (interop and editing) -----------------------------------------------------------------------


def _write_output(data: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically, or to standard output."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    from ..files import write_atomic

    write_atomic(output, data)


def _cmd_export(args: argparse.Namespace) -> int:
    corpus = load(args.data)
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
        from ..interop import graph

        data = (graph.to_graphml if args.format == "graphml" else graph.to_gexf)(corpus, args.graph)
    _write_output(data, args.output)
    return EXIT_OK


def _ask(field: str) -> str:
    return input(f"{field}: ").strip()


def _cmd_new(args: argparse.Namespace) -> int:
    from ..files import NEW_KINDS, new_file

    _, required, optional = NEW_KINDS[args.what]
    fields = {k: getattr(args, k) for k in (*required, *optional) if getattr(args, k, None)}
    missing = [k for k in required if k not in fields]
    if missing and not args.no_input and sys.stdin.isatty():
        fields.update({k: _ask(k) for k in missing})
        missing = [k for k in required if not fields.get(k)]
    if missing:
        print(f"coalitions new {args.what}: missing {', '.join('--' + k for k in missing)}", file=sys.stderr)
        return EXIT_USAGE
    path = new_file(args.data, args.what, fields)
    print(f"wrote {visible(str(path))}; check it with: coalitions validate {visible(str(args.data))}")
    return EXIT_OK


def _cmd_fmt(args: argparse.Namespace) -> int:
    from ..files import fmt_paths

    changed, problems = fmt_paths(args.paths or ["."], check=args.check)
    verb = "would reformat" if args.check else "reformatted"
    for path in changed:
        print(f"{verb} {visible(str(path))}")
    print_problems(problems, sys.stderr)
    if problems:
        print(f"{len(problems)} problems; those files were left as they are", file=sys.stderr)
        return EXIT_DATA
    if not changed:
        print("all files are in canonical form")
    return EXIT_DATA if (args.check and changed) else EXIT_OK


def _register_interop(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = subparsers.add_parser(
        "export",
        help="write the corpus as JSON, Popolo JSON, CSV, GraphML or GEXF",
        description="Export the corpus (default: the bundled data) for other tools.",
        epilog="examples:\n  coalitions export popolo --output popolo.json\n"
        "  coalitions export csv --table memberships > memberships.csv\n"
        "  coalitions export gexf --graph organisations --output cosigning.gexf\n\n"
        "exit codes: 0 ok, 1 invalid data, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("format", choices=["json", "popolo", "csv", "graphml", "gexf"], help="output format")
    export.add_argument("-o", "--output", help="file to write (atomically); default: standard output")
    export.add_argument("--data", help="corpus folder (default: the bundled data)")
    export.add_argument("--table", choices=["signatures", "memberships"], default="signatures",
                        help="CSV table (default: signatures)")
    export.add_argument("--graph", choices=["affiliation", "organisations"], default="affiliation",
                        help="graph for GraphML/GEXF (default: affiliation)")
    export.set_defaults(handler=_cmd_export)

    new = subparsers.add_parser(
        "new",
        help="write a new declaration or organisation file to fill in",
        description="Write a new YAML file with a comment explaining each field; never overwrites a file. "
        "Missing fields are asked for when run in a terminal.",
        epilog="examples:\n  coalitions new declaration --data data --id doha-2025 --title 'Joint statement' "
        "--kind statement --date 2025-03 --source facts\n"
        "  coalitions new organisation --data data --id new-party --name 'New Party' --kind party --source facts\n\n"
        "exit codes: 0 written, 1 bad value or the file exists, 2 wrong usage or missing fields",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("what", choices=["declaration", "organisation"], help="the kind of file to write")
    new.add_argument("--data", default=".", help="corpus folder (default: the current folder)")
    for name in ("id", "title", "name", "kind", "date", "source", "place", "language", "founded", "headquarters"):
        new.add_argument(f"--{name}", help=f"the {name} field")
    new.add_argument("--no-input", action="store_true", help="never ask; fail when a field is missing")
    new.set_defaults(handler=_cmd_new)

    fmt = subparsers.add_parser(
        "fmt",
        help="rewrite YAML files in canonical form, keeping comments",
        description="Rewrite corpus files (key order, quoting, layout) in canonical form, keeping comments; "
        "each file is replaced atomically. Files with errors are reported and left alone.",
        epilog="examples:\n  coalitions fmt data\n  coalitions fmt --check data/declarations/doha-2024.yaml\n\n"
        "exit codes: 0 ok, 1 files with errors (or, with --check, files that would change), 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files or corpus folders (default: .)")
    fmt.add_argument("--check", action="store_true", help="report what would change; write nothing")
    fmt.set_defaults(handler=_cmd_fmt)


_EPILOG = """\
examples:
  coalitions validate                 check the bundled data
  coalitions validate data            check the corpus in ./data
  coalitions report --format html --output report.html

exit codes: 0 ok, 1 invalid data or not found, 2 wrong usage
"""

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``coalitions`` command."""
    parser = _Parser(
        prog="coalitions",
        description="Political declarations, who signed them, and how coalitions change over time.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coalitions {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from .read import register_commands

    register_commands(subparsers)  # report, show, timeline, diff
    validate = subparsers.add_parser(
        "validate",
        help="check a corpus and report every problem",
        description="Check a corpus (default: the bundled data) and print every error with file:line:column.",
        epilog="examples:\n  coalitions validate\n  coalitions validate data\n  coalitions validate --strict data\n\n"
        "exit codes: 0 valid, 1 invalid, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("path", nargs="?", help="corpus folder (default: the bundled data)")
    validate.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    validate.add_argument("--strict", action="store_true",
                          help="treat warnings (a date before an organisation existed, ...) as errors: exit 1")
    validate.set_defaults(handler=_cmd_validate)
    _register_interop(subparsers)  # export, new, fmt
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except InvalidCorpus as error:
        return _refuse(error)
    except CoalitionsError as error:  # NotFound too: its message carries the "did you mean"
        print(f"coalitions: {visible(str(error))}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("coalitions: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the promise is: no traceback reaches the user
        print(f"coalitions: internal error ({type(error).__name__}: {visible(str(error))}); "
              "please report it with the command you ran", file=sys.stderr)  # fmt: skip
        return EXIT_INTERNAL
