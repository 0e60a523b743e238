"""The ``coalitions`` command.

Exit codes: 0 success; 1 invalid data or a name not found; 2 wrong usage. No traceback reaches the user: an
unexpected failure prints one line asking for a bug report and exits 70.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import __version__
from .errors import CoalitionsError, InvalidCorpus, NotFound, Problem
from .load import bundled_data_path, load

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and a hint to ``--help`` on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def _safe(text: str) -> str:
    """Text fit for a terminal: control and escape characters made visible."""
    from .textsafe import visible

    return visible(text)


def print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    """Print problems one a line, ``file:line:column: field: message``, terminal-safe."""
    for problem in problems:
        print(_safe(str(problem)), file=stream)


def _cmd_validate(args: argparse.Namespace) -> int:
    path = args.path or bundled_data_path()
    try:
        corpus = load(path)
    except InvalidCorpus as error:
        print_problems(error.problems, sys.stderr)
        errors = len(error.errors)
        warnings = len(error.problems) - errors
        tail = f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        print(f"{errors} error{'s' if errors != 1 else ''}{tail}; the corpus was not loaded", file=sys.stderr)
        return EXIT_DATA
    if not args.quiet:
        print_problems(corpus.warnings, sys.stderr)
    label = "the bundled data" if args.path is None else str(args.path)
    warnings = len(corpus.warnings)
    note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"ok: {label}: {corpus.summary()}{note}")
    return EXIT_OK


_EPILOG = """\
examples:
  coalitions validate                 check the bundled data
  coalitions validate data            check the corpus in ./data
  coalitions report --format html --output report.html

exit codes: 0 ok, 1 invalid data or not found, 2 wrong usage
"""

#: Extra sub-commands registered by other modules: ``name -> (setup(subparsers), handler)``.
_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


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
    from .commands import register_commands

    register_commands(subparsers)  # report, show, timeline, diff
    validate = subparsers.add_parser(
        "validate",
        help="check a corpus and report every problem",
        description="Check a corpus (default: the bundled data) and print every error with file:line:column.",
        epilog="examples:\n  coalitions validate\n  coalitions validate data\n\n"
        "exit codes: 0 valid, 1 invalid, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("path", nargs="?", help="corpus folder (default: the bundled data)")
    validate.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    validate.set_defaults(handler=_cmd_validate)
    for register in _COMMANDS:
        register(subparsers)
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
        print_problems(error.problems, sys.stderr)
        print(f"{len(error.errors)} errors; the corpus was not loaded", file=sys.stderr)
        return EXIT_DATA
    except NotFound as error:
        print(f"coalitions: {_safe(str(error))}", file=sys.stderr)
        return EXIT_DATA
    except CoalitionsError as error:
        print(f"coalitions: {_safe(str(error))}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("coalitions: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the promise is: no traceback reaches the user
        print(f"coalitions: internal error ({type(error).__name__}: {_safe(str(error))}); "
              "please report it with the command you ran", file=sys.stderr)  # fmt: skip
        return EXIT_INTERNAL
