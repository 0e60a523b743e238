"""``coalitions validate``: check a corpus and print every problem with file:line:column."""

from __future__ import annotations

import argparse
import sys

from ..files import bundled_data_path, load
from ..model import InvalidCorpus
from .output import EXIT_DATA, EXIT_OK, print_problems, refuse

__all__ = ["register"]


def _cmd_validate(args: argparse.Namespace) -> int:
    path = args.path or bundled_data_path()
    try:
        corpus = load(path)
    except InvalidCorpus as error:
        return refuse(error, everything=args.all, quiet=args.quiet and not args.strict,
                      hint=f"; see every one with: coalitions validate --all {args.path or ''}".rstrip())  # fmt: skip
    if not args.quiet or args.strict:
        print_problems(corpus.warnings, sys.stderr, everything=args.all,
                       hint=f"; see every one with: coalitions validate --all {args.path or ''}".rstrip())  # fmt: skip
    if args.strict and corpus.warnings:
        count = len(corpus.warnings)
        print(f"{count} warning{'s' if count != 1 else ''}; refused with --strict", file=sys.stderr)
        return EXIT_DATA
    label = "the bundled data" if args.path is None else str(args.path)
    warnings = len(corpus.warnings)
    note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"ok: {label}: {corpus.summary()}{note}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``validate`` to the ``coalitions`` command."""
    validate = subparsers.add_parser(
        "validate",
        help="check a corpus and report every problem",
        description="Check a corpus (default: the bundled data) and print every error with file:line:column.",
        epilog="examples:\n  coalitions validate\n  coalitions validate data\n  coalitions validate --strict data\n\n"
        "exit codes: 0 valid, 1 invalid, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("path", nargs="?", help="corpus folder (default: the bundled data)")
    validate.add_argument("-q", "--quiet", action="store_true", help="do not print warnings (also when there are errors)")
    validate.add_argument("--all", action="store_true",
                          help="print every problem (by default the first 50 of a file and 200 in all)")
    validate.add_argument("--strict", action="store_true",
                          help="treat warnings (a date before an organisation existed, ...) as errors: exit 1")
    validate.set_defaults(handler=_cmd_validate)
