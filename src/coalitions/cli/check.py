"""``coalitions validate``: check a corpus and print every problem with file:line:column."""

from __future__ import annotations

import argparse
import sys

from ..model import InvalidCorpus
from .grammar import add_corpus, corpus_paths
from .output import EXIT_DATA, EXIT_OK, print_problems, refuse

__all__ = ["register"]


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..files import bundled_data_path, load

    paths = corpus_paths(args, quiet=args.quiet)
    try:
        corpus = load(paths[0] if len(paths) == 1 else paths)
    except InvalidCorpus as error:
        return refuse(error)
    if not args.quiet or args.strict:
        print_problems(corpus.warnings, sys.stderr)
    if args.strict and corpus.warnings:
        count = len(corpus.warnings)
        print(f"{count} warning{'s' if count != 1 else ''}; refused with --strict", file=sys.stderr)
        return EXIT_DATA
    label = "the bundled data" if paths == [bundled_data_path()] else ", ".join(str(p) for p in paths)
    warnings = len(corpus.warnings)
    note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"ok: {label}: {corpus.summary()}{note}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``validate`` to the ``coalitions`` command."""
    validate = subparsers.add_parser(
        "validate",
        help="check a corpus and report every problem",
        description="Check a corpus and print every error with file:line:column.",
        epilog="examples:\n  coalitions validate\n  coalitions validate --data data\n"
        "  coalitions validate --strict --data data --data my-data\n\n"
        "exit codes: 0 valid, 1 invalid, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("path", nargs="?", metavar="PATH", help="corpus folder (the older form of --data PATH)")
    add_corpus(validate)
    validate.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    validate.add_argument("--strict", action="store_true",
                          help="treat warnings (a date before an organisation existed, ...) as errors: exit 1")
    validate.set_defaults(handler=_cmd_validate, parser=validate)
