"""The everyday sub-commands: ``report``, ``show``, ``timeline`` and ``diff``.

Each handler loads the corpus, builds a :class:`~coalitions.report.Report` and renders it in the chosen format,
to standard output or atomically to ``--output``. Errors are raised as :class:`~coalitions.model.errors.CoalitionsError`
(a name not found says "did you mean"); :func:`coalitions.cli.main` turns them into one line and exit code 1, and
wrong usage (:class:`~coalitions.cli.grammar.UsageError`) into exit code 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .grammar import UsageError, add_corpus, add_output, did_you_mean, emit, load_corpus, output_format

if TYPE_CHECKING:
    from ..model import When

__all__ = ["FORMATS", "command", "json_text", "register_commands"]

#: The formats of the report and the views (``coalitions.report.FORMATS``, kept here so --help imports no report).
FORMATS = ("text", "markdown", "html", "json", "csv")
_EXIT_CODES = "exit codes: 0 ok, 1 invalid data or not found, 2 wrong usage"


def _date(text: str) -> When:
    """An argparse type: a date at any precision (``2024``, ``2024-02``, ``2024-02-15``)."""
    from ..model import DateError, parse_when

    try:
        return parse_when(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def json_text(data: dict[str, Any]) -> str:
    """The data of a view as JSON text (UTF-8, indented, one newline at the end)."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def command(handler: Callable[[argparse.Namespace, str], Any], formats: tuple[str, ...] = FORMATS) -> Callable[
        [argparse.Namespace], int]:  # fmt: skip
    """A handler that gets the format to write, once the usage is checked (before the corpus is read):
    ``--table`` only with CSV. The handler returns a report to render, or text to write."""

    def run(args: argparse.Namespace) -> int:
        fmt = output_format(args, formats, "text")
        if getattr(args, "table", None) is not None and fmt != "csv":
            raise UsageError(f"--table picks the table of a CSV; it does nothing in {fmt}: give --format csv")
        result = handler(args, fmt)
        if not isinstance(result, str):
            from ..report import render

            if getattr(args, "table", None) is not None:
                keys = [t.key for t in result.tables()]
                if args.table not in keys:
                    raise UsageError(f"no table {args.table!r}; tables: {', '.join(keys)}"
                                     f"{did_you_mean(args.table, keys)}")  # fmt: skip
            result = render(result, fmt, table=getattr(args, "table", None))
        emit(result, args.output)
        return 0

    return run


def _output_options(parser: argparse.ArgumentParser, table: bool = True) -> None:
    add_output(parser, FORMATS, "text")
    if table:
        parser.add_argument("--table", metavar="KEY", help="with --format csv: the table to write (default: the first)")
    add_corpus(parser)


# -- handlers ----------------------------------------------------------------------------------------------------


def _cmd_report(args: argparse.Namespace, fmt: str) -> Any:
    from ..report import Filters, build_report

    if args.start is not None and args.end is not None and args.end.latest < args.start.earliest:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
    corpus = load_corpus(args)
    filters = Filters(
        start=args.start, end=args.end, council=args.council, organisation=args.organisation,
        expand=args.expand, window=args.window, at=args.at, scope=args.scope,
    )  # fmt: skip
    return build_report(corpus, filters)


def _cmd_show(args: argparse.Namespace, fmt: str) -> Any:
    from ..report import show, show_data

    corpus = load_corpus(args)
    return json_text(show_data(corpus, args.name)) if fmt == "json" else show(corpus, args.name)


def _cmd_timeline(args: argparse.Namespace, fmt: str) -> Any:
    from ..report import timeline_data, timeline_view

    corpus = load_corpus(args)
    return json_text(timeline_data(corpus, args.name)) if fmt == "json" else timeline_view(corpus, args.name)


def _cmd_diff(args: argparse.Namespace, fmt: str) -> Any:
    from ..report import diff_data, diff_view

    at = args.at or []
    if len(at) not in (0, 2):
        raise UsageError("give --at twice (a council at two dates), or not at all")
    if at and args.b is not None:
        raise UsageError("with --at, give one council: coalitions diff COUNCIL --at DATE --at DATE")
    if not at and args.b is None:
        raise UsageError("give two declarations or councils, or one council with --at twice")
    corpus = load_corpus(args)
    if fmt == "json":
        return json_text(diff_data(corpus, args.a, args.b, at=tuple(at), expand=args.expand))
    return diff_view(corpus, args.a, args.b, at=tuple(at), expand=args.expand)


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
        "A report of a corpus: declarations, organisations, councils over time, overlap, unity metrics as ranges "
        "over the uncertain claims, and validation warnings, each figure naming who it counts.",
        "  coalitions report\n"
        "  coalitions report --from 2023 --to 2024-06 --council national-resistance-council\n"
        "  coalitions report --at 2024-02-15\n"
        "  coalitions report --output report.html\n"
        "  coalitions report --format csv --table organisations --output organisations.csv",
    )  # fmt: skip
    report.add_argument("path", nargs="?", metavar="PATH", help="corpus folder (the older form of --data PATH)")
    report.add_argument("--from", dest="start", type=_date, metavar="DATE", help="from this date (any precision)")
    report.add_argument("--to", dest="end", type=_date, metavar="DATE", help="up to this date (any precision)")
    report.add_argument("--council", metavar="ID", help="only this council, its members and their declarations")
    report.add_argument("--organisation", metavar="ID", help="only this organisation and what it signed")
    report.add_argument("--expand", action=argparse.BooleanOptionalAction, default=False,
                        help="count a council's signature as its members' (default: no)")  # fmt: skip
    report.add_argument("--window", choices=("year", "quarter"), default="year", help="unity metrics per ...")
    report.add_argument("--at", type=_date, metavar="DATE",
                        help='the date "now" stands for (default: the end of the period or the last day the corpus '
                        "covers, whichever comes first; never today)")  # fmt: skip
    report.add_argument("--scope", metavar="ID", help="the scope counted (default: the corpus's default scope; "
                        "'all': everyone)")  # fmt: skip
    _output_options(report)
    report.set_defaults(handler=command(_cmd_report))

    show = _add(
        subparsers, "show", "everything known about one record, with its sources",
        "Show an organisation, person, council, declaration or source, looked up by id or any name or alias; a "
        "source lists every claim that cites it.",
        "  coalitions show national-resistance-front\n  coalitions show NRF\n  coalitions show 'Ahmad Massoud'\n"
        "  coalitions show facts --format json",
    )  # fmt: skip
    show.add_argument("name", metavar="ID-OR-NAME")
    _output_options(show)
    show.set_defaults(handler=command(_cmd_show))

    timeline = _add(
        subparsers, "timeline", "what an organisation or person did, in date order",
        "What an organisation or person did (founded, joined, left, signed, ...), in date order, with sources.",
        "  coalitions timeline jamiat-e-islami-afghanistan\n  coalitions timeline 'Ahmad Massoud' --format markdown",
    )  # fmt: skip
    timeline.add_argument("name", metavar="ID-OR-NAME")
    _output_options(timeline)
    timeline.set_defaults(handler=command(_cmd_timeline))

    diff = _add(
        subparsers, "diff", "two declarations or councils side by side",
        "Compare two declarations or two councils (shared members, only in A, only in B, Jaccard, each a range over "
        "the readings of the uncertain claims), one council at two dates, or a declaration and a council (its "
        "members on the declaration's date); two councils without --at on the last day the corpus covers.",
        "  coalitions diff vienna-process-conference-1 vienna-process-conference-2\n"
        "  coalitions diff national-resistance-council --at 2022-05 --at 2024-02-15",
    )  # fmt: skip
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B", nargs="?")
    diff.add_argument("--at", action="append", type=_date, metavar="DATE", help="a date (give it twice)")
    diff.add_argument("--expand", action=argparse.BooleanOptionalAction, default=False,
                      help="expand councils among the signatories to their members")  # fmt: skip
    _output_options(diff)
    diff.set_defaults(handler=command(_cmd_diff))
