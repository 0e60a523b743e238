"""The everyday sub-commands: ``report``, ``show``, ``timeline`` and ``diff``.

Each handler loads the corpus, builds a :class:`~coalitions.report.Report` and renders it in the chosen format,
to standard output or atomically to ``--output``. Errors are raised as :class:`~coalitions.model.errors.CoalitionsError`
(a name not found says "did you mean"); :func:`coalitions.cli.main` turns them into one line and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..model import CoalitionsError, DateError, When, parse_when
from ..report import FORMATS, render

__all__ = ["register_commands"]

_EXIT_CODES = "exit codes: 0 ok, 1 invalid data or not found, 2 wrong usage"


def _date(text: str) -> When:
    """An argparse type: a date at any precision (``2024``, ``2024-02``, ``2024-02-15``)."""
    try:
        return parse_when(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _load(path: str | None) -> Any:
    from ..files import bundled_data_path, load

    return load(path or bundled_data_path())


def _emit(text: str, output: str | None) -> None:
    from .output import write_output

    write_output(text, output)


def _output_options(parser: argparse.ArgumentParser, default: str = "text") -> None:
    parser.add_argument("--format", choices=FORMATS, default=default, help=f"output format (default: {default})")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of the terminal")
    parser.add_argument("--table", metavar="KEY", help="with --format csv: the table to write (default: the first)")
    parser.add_argument("--data", metavar="PATH", help="corpus folder (default: the bundled data)")


def _finish(report: Any, args: argparse.Namespace) -> int:
    _emit(render(report, args.format, table=args.table), args.output)
    return 0


# -- handlers ----------------------------------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace) -> int:
    from ..report import Filters, build_report

    corpus = _load(args.path or args.data)
    filters = Filters(
        start=args.start, end=args.end, council=args.council, organisation=args.organisation,
        expand=args.expand, window=args.window,
    )  # fmt: skip
    return _finish(build_report(corpus, filters), args)


def _cmd_show(args: argparse.Namespace) -> int:
    from ..report import show

    return _finish(show(_load(args.data), args.name), args)


def _cmd_timeline(args: argparse.Namespace) -> int:
    from ..report import timeline_view

    return _finish(timeline_view(_load(args.data), args.name), args)


def _cmd_diff(args: argparse.Namespace) -> int:
    from ..report import diff_view

    at = args.at or []
    if len(at) not in (0, 2):
        raise _Usage("diff: give --at twice (a council at two dates), or not at all")
    if at and args.b is not None:
        raise _Usage("diff: with --at, give one council: coalitions diff COUNCIL --at DATE --at DATE")
    if not at and args.b is None:
        raise _Usage("diff: give two declarations or councils, or one council with --at twice")
    report = diff_view(_load(args.data), args.a, args.b, at=tuple(at), expand=args.expand)
    return _finish(report, args)


class _Usage(CoalitionsError):
    """Wrong usage found after parsing."""


def _usage_guard(handler: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(handler(args))
        except _Usage as error:
            args.parser.print_usage(sys.stderr)
            print(f"coalitions: error: {error}", file=sys.stderr)
            return 2

    return run


# -- parsers -----------------------------------------------------------------------------------------------------


def _add(subparsers: Any, name: str, help: str, description: str, examples: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog=f"examples:\n{examples}\n\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(parser=parser)
    return parser


def register_commands(subparsers: Any) -> None:
    """Add ``report``, ``show``, ``timeline`` and ``diff`` to the ``coalitions`` command's sub-parsers."""
    report = _add(
        subparsers, "report", "the state of the coalitions at a glance (the main command)",
        "A report of a corpus (default: the bundled data): declarations, organisations, councils over time, "
        "overlap, unity metrics with their disputed ranges, and validation warnings.",
        "  coalitions report\n"
        "  coalitions report --from 2023 --to 2024-06 --council national-resistance-council\n"
        "  coalitions report --format html --output report.html\n"
        "  coalitions report --format csv --table organisations --output organisations.csv",
    )  # fmt: skip
    report.add_argument("path", nargs="?", help="corpus folder (default: the bundled data)")
    report.add_argument("--from", dest="start", type=_date, metavar="DATE", help="from this date (any precision)")
    report.add_argument("--to", dest="end", type=_date, metavar="DATE", help="up to this date (any precision)")
    report.add_argument("--council", metavar="ID", help="only this council, its members and their declarations")
    report.add_argument("--organisation", metavar="ID", help="only this organisation and what it signed")
    report.add_argument("--expand", action=argparse.BooleanOptionalAction, default=False,
                        help="count a council's signature as its members' (default: no)")  # fmt: skip
    report.add_argument("--window", choices=("year", "quarter"), default="year", help="unity metrics per ...")
    _output_options(report)
    report.set_defaults(handler=_cmd_report)

    show = _add(
        subparsers, "show", "everything known about one record, with its sources",
        "Show an organisation, person, council, declaration or source, looked up by id or any name or alias.",
        "  coalitions show national-resistance-front\n  coalitions show NRF\n  coalitions show 'Ahmad Massoud'",
    )  # fmt: skip
    show.add_argument("name", metavar="ID-OR-NAME")
    _output_options(show)
    show.set_defaults(handler=_cmd_show)

    timeline = _add(
        subparsers, "timeline", "what an organisation or person did, in date order",
        "What an organisation or person did (founded, joined, left, signed, ...), in date order, with sources.",
        "  coalitions timeline jamiat-e-islami-afghanistan\n  coalitions timeline 'Ahmad Massoud' --format markdown",
    )  # fmt: skip
    timeline.add_argument("name", metavar="ID-OR-NAME")
    _output_options(timeline)
    timeline.set_defaults(handler=_cmd_timeline)

    diff = _add(
        subparsers, "diff", "two declarations or councils side by side",
        "Compare two declarations or two councils (shared members, only in A, only in B, Jaccard), "
        "or one council at two dates.",
        "  coalitions diff DECLARATION-A DECLARATION-B\n"
        "  coalitions diff national-resistance-council --at 2022-05 --at 2024-02-15",
    )  # fmt: skip
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B", nargs="?")
    diff.add_argument("--at", action="append", type=_date, metavar="DATE", help="a date (give it twice)")
    diff.add_argument("--expand", action=argparse.BooleanOptionalAction, default=False,
                      help="expand councils among the signatories to their members")  # fmt: skip
    _output_options(diff)
    diff.set_defaults(handler=_usage_guard(_cmd_diff))
