"""The report's councils section (named with the corpus's own word for councils): each council's members "now",
its changes (undated and "listed" ones included), its memberships with the category the charts draw them in, and
the dated relations between organisations (renamed from, split from, successor of)."""

from __future__ import annotations

from typing import Any

from ..model import Corpus, Membership, Organisation, Status
from .document import Cell, Section, Table, councils_word, span_text, when_cells
from .selection import Filters

__all__ = ["CATEGORIES", "category", "councils_section", "councils_shown", "in_period"]

#: The membership categories the report and its charts draw, each distinctly, in legend order. ``possible`` is
#: drawn where a membership's dates leave it open (the analysis's certainty), inside the bar of its category.
CATEGORIES = ("certain", "possible", "undated", "disputed", "denied", "declined", "withdrawn")


def category(membership: Membership) -> str:
    """A membership's category: ``certain`` (asserted, with a start), ``undated`` (asserted, no start: the sources
    say it held, not when), ``disputed`` (disputed or unclear), ``denied``, ``declined`` or ``withdrawn``."""
    status = membership.status
    if status is Status.ASSERTED:
        return "certain" if membership.start is not None else "undated"
    return "disputed" if status in (Status.DISPUTED, Status.UNCLEAR) else str(status)


def in_period(membership: Membership, filters: Filters) -> bool:
    """The membership may overlap the report's period."""
    if filters.end is not None and membership.start is not None and membership.start.earliest > filters.end.latest:
        return False
    return not (
        filters.start is not None and membership.end is not None and membership.end.latest < filters.start.earliest
    )


def councils_shown(corpus: Corpus, filters: Filters) -> tuple[str, ...]:
    """The councils the section covers: the one of ``--council``, those of ``--organisation``, else every one."""
    if filters.council is not None:
        return (filters.council,)
    councils = tuple(c.id for c in corpus.councils)
    if filters.organisation is not None:
        mine = {m.organisation for m in corpus.memberships_of(filters.organisation)}
        councils = tuple(c for c in councils if c in mine or c == filters.organisation)
    return councils


def _sources(citations: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in citations))


def _members_now(corpus: Corpus, councils: tuple[str, ...], belongs: dict[str, Any]) -> tuple[tuple[Cell, ...], ...]:
    order = {c: i for i, c in enumerate(councils)}
    rows = []
    for member_id, items in belongs.items():
        for council_id, member in items:
            if council_id not in order:
                continue
            last = member.memberships[-1]
            rows.append((council_id, corpus.name_of(council_id), member_id, corpus.name_of(member_id), last.role,
                         member.certainty, str(member.status), tuple(corpus.name_of(v) for v in member.via[1:]),
                         _sources((*last.sources, *last.contradicted_by))))  # fmt: skip
    return tuple(sorted(rows, key=lambda r: (order[str(r[0])], str(r[3]).casefold(), str(r[2]))))


def _relations(corpus: Corpus, filters: Filters, councils: tuple[str, ...]) -> tuple[tuple[Cell, ...], ...]:
    """Every relation of the organisations the section covers (all of them without a filter), dated where the
    sources date them."""
    if filters.council is None and filters.organisation is None:
        organisations: list[Organisation] = list(corpus.organisations)
    else:
        wanted = set(councils) | {filters.organisation} | {m.member for c in councils for m in corpus.members_of(c)}
        organisations = [o for o in corpus.organisations if o.id in wanted or any(
            r.organisation in wanted for r in o.relations)]  # fmt: skip
    rows = []
    for o in organisations:
        for relation in o.relations:
            if relation.date is not None and not filters.covers(relation.date):
                continue
            rows.append((*when_cells(relation.date), o.id, o.name, str(relation.kind), relation.organisation,
                         corpus.name_of(relation.organisation), str(relation.status),
                         _sources(relation.sources or o.sources)))  # fmt: skip
    return tuple(sorted(rows, key=lambda r: (r[1] is None, str(r[1] or ""), str(r[3]), str(r[6]))))


def councils_section(corpus: Corpus, filters: Filters, belongs: dict[str, Any]) -> Section:
    """The councils section: members now, changes, memberships, relations."""
    from ..analysis import composition_changes

    word = councils_word(corpus)
    councils = councils_shown(corpus, filters)
    changes: list[tuple[Cell, ...]] = []
    spans: list[tuple[Cell, ...]] = []
    for council_id in councils:
        for change in composition_changes(corpus, council_id, filters.start, filters.end, expand=filters.expand):
            changes.append((
                change.date_text, *when_cells(change.when)[1:], council_id, corpus.name_of(council_id), change.member,
                corpus.name_of(change.member), change.kind, str(change.status),
                tuple(corpus.name_of(v) for v in (*change.via, change.council)[1:]) if change.via else (),
                _sources(change.sources),
            ))  # fmt: skip
        for m in corpus.members_of(council_id):
            if in_period(m, filters):
                spans.append((
                    council_id, corpus.name_of(council_id), m.member, corpus.name_of(m.member), m.role,
                    *span_text(m), str(m.status), m.status_date.to_text() if m.status_date else None, category(m),
                    _sources((*m.sources, *m.contradicted_by)),
                ))  # fmt: skip
    changes.sort(key=lambda row: (row[1] is None, str(row[1] or ""), str(row[2] or ""), str(row[4]), str(row[6])))
    now = str(filters.now) if filters.now is not None else "no date"
    tables = (
        Table("council-members", f"Members of the {word} on {now}",
              ("council id", "council", "member id", "member", "role", "certainty", "status", "via", "sources"),
              _members_now(corpus, councils, belongs), shown=("council", "member", "role", "certainty", "status"),
              note="certainty: certain (held on that day), possible (its dates leave it open that day) or undated "
              "(the sources say it held, not when); status: what the sources say (disputed, unclear, withdrawn)."),
        Table("council-changes", "Joins and departures",
              ("date", "earliest", "latest", "council id", "council", "member id", "member", "change", "status",
               "via", "sources"), tuple(changes), shown=("date", "council", "member", "change", "status", "sources"),
              note="undated: a membership the sources give no date for (listed last, never dropped); listed: the "
              "first day a dated document shows an undated membership; denied, declined and withdrew on the day "
              "the sources date them."),
        Table("council-memberships", "Memberships (who was in which council when)",
              ("council id", "council", "member id", "member", "role", "start", "end", "status", "status date",
               "category", "sources"), tuple(spans),
              shown=("council", "member", "role", "start", "end", "status", "category"),
              note="An empty start: the sources do not say when it began (undated); an empty end: no known end (the "
              f"membership holds until the {word} or the member is dissolved). Categories: {', '.join(CATEGORIES)}."),
        Table("relations", "Relations between organisations (renamed from, split from, successor of)",
              ("date", "earliest", "latest", "organisation id", "organisation", "relation", "other id", "other",
               "status", "sources"), _relations(corpus, filters, councils),
              shown=("date", "organisation", "relation", "other", "status"),
              note="Dated where the sources date them; undated relations last."),
    )  # fmt: skip
    return Section("councils", f"{word[:1].upper()}{word[1:]} over time", tables)
