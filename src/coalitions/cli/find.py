"""``coalitions list`` and ``coalitions search``: find the records of a corpus and their ids."""

from __future__ import annotations

import argparse
from typing import Any

from .grammar import UsageError, add_corpus, add_output, load_corpus
from .read import FORMATS, command, json_text

__all__ = ["register"]

#: What ``list`` lists (``coalitions.report.LIST_KINDS``, kept here so --help imports no report).
_KINDS = ("organisations", "councils", "people", "declarations", "sources")


def _cmd_list(args: argparse.Namespace, fmt: str) -> Any:
    from ..report import list_data, list_view

    if fmt == "csv" and args.kind is None:
        raise UsageError(f"a CSV holds one list: say which ({', '.join(_KINDS)})")
    data = list_data(load_corpus(args), args.kind)
    return json_text(data) if fmt == "json" else list_view(data)


def _cmd_search(args: argparse.Namespace, fmt: str) -> Any:
    from ..report import search_data, search_view

    if not args.query.strip():
        raise UsageError("search for what? give a name, or part of one")
    data = search_data(load_corpus(args), args.query)
    return json_text(data) if fmt == "json" else search_view(data)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``list`` and ``search`` to the ``coalitions`` command."""
    listing = subparsers.add_parser(
        "list",
        help="every organisation, council, person, declaration or source, with ids, names and dates",
        description="List the records of a corpus with their ids, names and dates: one kind, or every kind.",
        epilog="examples:\n  coalitions list organisations\n  coalitions list councils\n"
        "  coalitions list declarations --format csv --output declarations.csv\n\n"
        "exit codes: 0 ok, 1 invalid data, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    listing.add_argument("kind", nargs="?", choices=_KINDS, metavar="KIND",
                         help=f"what to list: {', '.join(_KINDS)} (default: everything)")  # fmt: skip
    add_output(listing, FORMATS, "text")
    add_corpus(listing)
    listing.set_defaults(handler=command(_cmd_list), parser=listing)

    search = subparsers.add_parser(
        "search",
        help="find records by any of their names, abbreviations, aliases or titles",
        description="Search every name, abbreviation, alias, title and id of the corpus, without case or accents; "
        "each result says which name matched.",
        epilog="examples:\n  coalitions search \"freedom front\"\n  coalitions search NRF --format json\n\n"
        "exit codes: 0 found, 1 nothing found (with suggestions), 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", metavar="TEXT", help="a name or part of one")
    add_output(search, FORMATS, "text")
    add_corpus(search)
    search.set_defaults(handler=command(_cmd_search), parser=search)
