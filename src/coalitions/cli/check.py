"""``coalitions validate``: check a corpus and print every problem with file:line:column, or write them as JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .grammar import UsageError, add_corpus, add_output, corpus_paths, emit, output_format
from .output import EXIT_DATA, EXIT_OK, print_problems, refuse

if TYPE_CHECKING:
    from ..model import Corpus, Problem

__all__ = ["register", "validation_data"]

#: Version of the JSON that ``validate --format json`` writes (``coalitions/schemas/validate.output.schema.json``).
VALIDATE_VERSION = 1


def _problem(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file or None, "line": problem.line or None, "column": problem.column or None,
            "field": problem.field or None, "code": problem.code or None, "message": problem.message,
            "severity": problem.severity}  # fmt: skip


def validation_data(paths: Sequence[object], problems: Sequence[Problem], corpus: Corpus | None,
                    ok: bool, quotes: Any = None) -> dict[str, Any]:  # fmt: skip
    """What ``validate --format json`` writes: the folders read, whether the corpus passed, its counts (with the
    quotes checked and not checked, given the ``quotes`` check), and every problem with its file, line, column,
    field, code, message and severity (for CI systems to annotate files)."""
    summary = None if corpus is None else {
        "organisations": len(corpus.organisations), "people": len(corpus.people),
        "memberships": len(corpus.memberships), "declarations": len(corpus.declarations),
        "signatures": sum(len(d.signatures) for d in corpus.declarations), "sources": len(corpus.sources)}  # fmt: skip
    if summary is not None and quotes is not None:
        summary["quotes_checked"] = quotes.checked
        summary["quotes_not_checked"] = sum(u.quotes for u in quotes.unchecked)
    return {"version": VALIDATE_VERSION, "ok": ok, "corpus": [str(p) for p in paths], "summary": summary,
            "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
            "problems": [_problem(p) for p in problems]}  # fmt: skip


def _all_hint(args: argparse.Namespace) -> str:
    """How to see every problem: this command again, with ``--all``."""
    where = [f"--data {p}" for p in args.data or []] + ([str(args.path)] if args.path else [])
    where += ["--bundled"] if args.bundled else []
    return "; see every one with: " + " ".join(["coalitions validate --all", *where])


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..files import QuoteCheck, bundled_data_path, load
    from ..model import InvalidCorpus

    fmt = output_format(args, ("text", "json"), "text")
    if fmt == "text" and args.output not in (None, "-"):
        raise UsageError("--output writes the JSON of --format json; the text goes to the terminal")
    paths = corpus_paths(args, quiet=args.quiet)
    quotes = QuoteCheck(args.texts, require=args.require_texts)
    try:
        corpus = load(paths[0] if len(paths) == 1 else paths, quotes=quotes)
    except InvalidCorpus as error:
        if fmt != "json":
            return refuse(error, everything=args.all, quiet=args.quiet and not args.strict,
                          hint=_all_hint(args))  # fmt: skip
        shown = [p for p in error.problems if not (args.quiet and p.severity == "warning")]
        from .read import json_text

        emit(json_text(validation_data(paths, shown, None, False)), args.output)
        return EXIT_DATA
    warnings = sum(p.severity == "warning" for p in corpus.warnings)  # a note (quotes not checked) is neither
    refused = args.strict and bool(warnings)
    shown = [p for p in corpus.warnings if not args.quiet or (args.strict and p.severity == "warning")]
    if fmt == "json":
        from .read import json_text

        emit(json_text(validation_data(paths, shown, corpus, not refused, quotes)), args.output)
        return EXIT_DATA if refused else EXIT_OK
    print_problems(shown, sys.stderr, everything=args.all, hint=_all_hint(args))
    if refused:
        print(f"{warnings} warning{'s' if warnings != 1 else ''}; refused with --strict", file=sys.stderr)
        return EXIT_DATA
    label = ", ".join("the bundled data" if p == bundled_data_path() else "the current folder" if str(p) == "."
                      else str(p) for p in paths)  # fmt: skip
    note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"ok: {label}: {corpus.summary()}{note}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``validate`` to the ``coalitions`` command."""
    validate = subparsers.add_parser(
        "validate",
        help="check a corpus and report every problem",
        description="Check a corpus and print every error with file:line:column, every quote checked against "
        "its source's text where the text is there; with --format json, write every "
        "problem as data (file, line, column, field, code, message, severity) for CI systems.",
        epilog="examples:\n  coalitions validate\n  coalitions validate --data data\n"
        "  coalitions validate --strict --data data --data my-data\n"
        "  coalitions validate --data my-data --texts ../shared --require-texts\n"
        "  coalitions validate --data data --format json --output problems.json\n\n"
        "exit codes: 0 valid, 1 invalid, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("path", nargs="?", metavar="PATH", help="corpus folder (the older form of --data PATH)")
    add_corpus(validate)
    add_output(validate, ("text", "json"), "text")
    validate.add_argument("-q", "--quiet", action="store_true",
                          help="do not print (or write) warnings, also when there are errors; a valid corpus prints "
                          "only the result")
    validate.add_argument("--all", action="store_true",
                          help="print every problem (by default the first 50 of a file and 200 in all)")
    validate.add_argument("--strict", action="store_true",
                          help="treat warnings (a date before an organisation existed, ...) as errors: exit 1")
    validate.add_argument("--texts", metavar="FOLDER",
                          help="the folder of the shared material, where the texts sources name outside texts/ "
                          "are (default: none, or ../shared beside a checkout for the bundled corpus)")
    validate.add_argument("--require-texts", action="store_true",
                          help="a quoted source whose text is not available is an error (by default a note)")
    validate.set_defaults(handler=_cmd_validate, parser=validate)
