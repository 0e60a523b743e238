"""The ``coalitions`` command: its parser, with one module per command group (``read``: report, show, timeline,
diff; ``find``: list, search; ``check``: validate; ``export``; ``edit``: new, fmt), the grammar they share
(``grammar``), and :func:`main`.

Exit codes: 0 success; 1 invalid data or a name not found; 2 wrong usage. No traceback reaches the user: an
unexpected failure prints one line asking for a bug report and exits 70.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..model import CoalitionsError, InvalidCorpus, visible
from .grammar import Parser, UsageError, refuse_unknown
from .output import EXIT_DATA, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, refuse

__all__ = ["build_parser", "main"]


_EPILOG = """\
examples:
  coalitions report                   the report, in the terminal
  coalitions report -o report.html    the report as one HTML page
  coalitions search "freedom front"   find a record by any of its names, with its id
  coalitions validate --data data     check the corpus in ./data

Without --data, a command reads the corpus in the current folder, else in ./data, else the bundled data.
exit codes: 0 ok, 1 invalid data or not found, 2 wrong usage
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``coalitions`` command."""
    parser = Parser(
        prog="coalitions",
        description="Political declarations, who signed them, and how coalitions change over time.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coalitions {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    from .read import register_commands

    register_commands(subparsers)  # report, show, timeline, diff
    from . import check, edit, export, find

    find.register(subparsers)  # list, search
    check.register(subparsers)  # validate
    export.register(subparsers)
    edit.register(subparsers)  # new, fmt
    for command in subparsers.choices.values():  # each command's own options, for "did you mean"
        if command.get_default("parser") is None:
            command.set_defaults(parser=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    refuse_unknown(getattr(args, "parser", None) or parser, extras)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except UsageError as error:
        print(f"coalitions: {args.command}: {visible(str(error))} (see 'coalitions {args.command} --help')",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    except InvalidCorpus as error:
        return refuse(error)
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
