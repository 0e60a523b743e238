"""Finding things in a corpus: every record of a kind (``list``), and a search over every name (``search``).

Each comes in two forms from one source: the plain data (``list_data``, ``search_data``: what ``--format json``
writes, described by ``coalitions/schemas/list.output.schema.json`` and ``search.output.schema.json``) and a
:class:`~coalitions.report.Report` made from it (``list_view``, ``search_view``) for the other formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import CoalitionsError, Corpus, DateClaim, Declaration, Organisation, Person, Source, normalise_name
from .document import Report, Section, Table

__all__ = ["LIST_KINDS", "OUTPUT_VERSION", "list_data", "list_view", "search_data", "search_view"]

#: Version of the JSON shapes of list, search, show, timeline, diff and validate (their ``version`` field).
OUTPUT_VERSION = 1
#: What ``coalitions list`` lists, in the order it lists them.
LIST_KINDS = ("organisations", "councils", "people", "declarations", "sources")

#: The columns of each list (keys of the items), for the text, Markdown, HTML and CSV forms.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "organisations": ("id", "name", "kind", "abbreviations", "founded", "dissolved"),
    "councils": ("id", "name", "kind", "founded", "members"),
    "people": ("id", "name", "aliases"),
    "declarations": ("id", "name", "kind", "date", "signatures", "series"),
    "sources": ("id", "name", "publisher", "date", "url", "file"),
}


def _dates(claims: tuple[DateClaim, ...]) -> list[str]:
    return list(dict.fromkeys(str(c.date) for c in claims))


def _organisation(org: Organisation) -> dict[str, Any]:
    return {"id": org.id, "name": org.name, "kind": org.kind.value, "abbreviations": list(org.abbreviations),
            "founded": _dates(org.founded), "dissolved": _dates(org.dissolved)}  # fmt: skip


def _items(corpus: Corpus, kind: str) -> list[dict[str, Any]]:
    if kind == "organisations":
        return [_organisation(o) for o in corpus.organisations]
    if kind == "councils":
        return [{**{k: v for k, v in _organisation(o).items() if k in _COLUMNS["councils"]},
                 "members": len({m.member for m in corpus.members_of(o.id)})} for o in corpus.councils]  # fmt: skip
    if kind == "people":
        return [{"id": p.id, "name": p.name, "aliases": [a.text for a in p.aliases]} for p in corpus.people]
    if kind == "declarations":
        return [{"id": d.id, "name": d.title, "kind": d.kind.value, "date": _dates(d.dates),
                 "signatures": len(d.signatures), "series": list(d.series)} for d in corpus.declarations]  # fmt: skip
    return [{"id": s.id, "name": s.title, "publisher": s.publisher, "date": str(s.date) if s.date else None,
             "url": s.url, "file": s.file} for s in corpus.sources]  # fmt: skip


def list_data(corpus: Corpus, kind: str | None = None) -> dict[str, Any]:
    """Every record of ``kind`` (one of :data:`LIST_KINDS`; all of them when None) with its id, name and dates.

    The name of a declaration or source is its title; dates are lists of the dates the sources give, as written.
    """
    if kind is not None and kind not in LIST_KINDS:
        raise CoalitionsError(f"cannot list {kind!r}; expected one of {', '.join(LIST_KINDS)}")
    kinds = LIST_KINDS if kind is None else (kind,)
    return {"version": OUTPUT_VERSION, "lists": {k: _items(corpus, k) for k in kinds}}


#: Columns holding the dates the sources give (several where they disagree).
_DATES = frozenset({"founded", "dissolved", "date"})


def _cell(column: str, value: Any) -> Any:
    if isinstance(value, list):
        return " or ".join(value) if column in _DATES else tuple(value)
    return value


def list_view(data: dict[str, Any]) -> Report:
    """The report of :func:`list_data`'s ``data``: one table a kind."""
    sections = []
    for kind, items in data["lists"].items():
        columns = _COLUMNS[kind]
        rows = tuple(tuple(_cell(c, item[c]) for c in columns) for item in items)
        heading = "In the corpus" if len(data["lists"]) == 1 else kind.capitalize()
        sections.append(Section(kind, heading, (Table(kind, kind.capitalize(), columns, rows),)))
    title = next(iter(data["lists"])).capitalize() if len(data["lists"]) == 1 else "Everything in the corpus"
    return Report(title, tuple(sections))


# -- search ------------------------------------------------------------------------------------------------------


def _names(record: Organisation | Person | Declaration | Source) -> Iterator[tuple[str, str]]:
    """``(name, what it is)`` of every name of ``record``, the canonical one first, the id last."""
    if isinstance(record, (Organisation, Person)):
        yield record.name, "name"
        if isinstance(record, Organisation):
            yield from ((a, "abbreviation") for a in record.abbreviations)
        yield from ((a.text, a.kind.value) for a in record.aliases)
    else:
        yield record.title, "title"
        if isinstance(record, Declaration):
            yield from ((t.text, f"other title ({t.kind.value})") for t in record.other_titles)
    yield record.id, "id"


def _rank(query: str, name: str) -> int | None:
    """0 for the same name, 1 for a name starting with the query, 2 for one with a word starting with each word of
    the query (words split at spaces and hyphens)."""
    if name == query:
        return 0
    if name.startswith(query):
        return 1
    words = re.split(r"[\s-]+", name)
    return 2 if all(any(w.startswith(part) for w in words) for part in re.split(r"[\s-]+", query)) else None


def search_data(corpus: Corpus, query: str) -> dict[str, Any]:
    """Every organisation, person, declaration and source with a name, abbreviation, alias, title or id that
    holds ``query``, compared as :func:`~coalitions.model.normalise_name` compares names (without case, accents or
    typographic quotes); each result says which name matched. Best matches first: the same name, then names
    starting with the query, then names with a word starting with each of its words.

    Raises :class:`~coalitions.model.errors.CoalitionsError` (with "did you mean") when nothing matches.
    """
    wanted = normalise_name(query)
    if not wanted:
        raise CoalitionsError("search for what? give a name, or part of one")
    results = []
    for record in (*corpus.organisations, *corpus.people, *corpus.declarations, *corpus.sources):
        best = None
        for order, (name, what) in enumerate(_names(record)):
            shown = normalise_name(name.replace("-", " ") if what == "id" else name)
            rank = _rank(wanted, shown)
            if rank is not None and (best is None or (rank, order) < best[:2]):
                best = (rank, order, name, what)
        if best is not None:
            results.append((best, record))
    if not results:
        suggestions = corpus.suggest(query)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        raise CoalitionsError(f"nothing in the corpus is called {query!r}{hint}")
    results.sort(key=lambda r: (r[0][0], normalise_name(corpus.name_of(r[1].id)), r[1].id))
    return {"version": OUTPUT_VERSION, "query": query, "results": [
        {"id": record.id, "type": type(record).__name__.lower(), "name": corpus.name_of(record.id),
         "matched": name, "matched_as": what, "exact": rank == 0}
        for (rank, _, name, what), record in results]}  # fmt: skip


def search_view(data: dict[str, Any]) -> Report:
    """The report of :func:`search_data`'s ``data``: one table of results."""
    keys = ("id", "type", "name", "matched", "matched_as")
    rows = tuple(tuple(r[c] for c in keys) for r in data["results"])
    table = Table("results", "Results", ("id", "type", "name", "matched", "as"), rows)
    return Report(f"Search: {data['query']}", (Section("search", "Matches", (table,)),))
