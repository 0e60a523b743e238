"""What a report covers: its :class:`Filters`, and the declarations they select with who each counts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ..model import CoalitionsError, Corpus, Declaration, PartialDate, When, parse_when

if TYPE_CHECKING:
    from ..analysis import Counted

__all__ = ["Filters", "Selection", "select"]


def _when(value: When | datetime.date | str | None) -> When | None:
    if value is None or isinstance(value, When):
        return value
    if isinstance(value, datetime.date):
        return When.of(value.isoformat())
    return parse_when(value)


def _roles(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Filters:
    """What a report covers: dates (any precision), one council, one organisation, expansion, the window, the
    scope and roles counted, and the date "now" stands for.

    A declaration is in the period when it may fall in it (a declaration dated "2024" is in a report from
    "2024-06"). ``at`` is the date "now" stands for (the members a council has now, the "councils on" column, a
    diff of two councils): by default the end of the period or the last day the corpus covers, whichever comes
    first, never the wall clock. ``scope`` is the scope counted (None: the corpus's default scope; ``"all"``:
    everyone), ``roles`` the tiers or roles counted (None: a document's signatories, an event's signatories and
    participants; never hosts or the invited).
    """

    start: When | None = attrs.field(default=None, converter=_when)
    end: When | None = attrs.field(default=None, converter=_when)
    council: str | None = None
    organisation: str | None = None
    expand: bool = False
    window: str = "year"
    at: When | None = attrs.field(default=None, converter=_when)
    scope: str | None = None
    roles: tuple[str, ...] | None = attrs.field(default=None, converter=_roles)

    def __attrs_post_init__(self) -> None:
        if self.window not in ("year", "quarter"):
            raise CoalitionsError(f"window must be 'year' or 'quarter', not {self.window!r}")
        if self.start is not None and self.end is not None and self.end.latest < self.start.earliest:
            raise CoalitionsError(f"--to {self.end} is before --from {self.start}")

    def covers(self, when: When) -> bool:
        """``when`` may fall in the period."""
        if self.start is not None and when.latest < self.start.earliest:
            return False
        return not (self.end is not None and when.earliest > self.end.latest)

    def now_in(self, corpus: Corpus) -> When | None:
        """The date "now" stands for in ``corpus``: ``at`` when given, else the end of the period or the last day
        the corpus covers (``corpus.last_day``), whichever comes first; None for a corpus without a date."""
        if self.at is not None:
            return self.at
        days = [d for d in (self.end.latest if self.end is not None else None, corpus.last_day) if d is not None]
        if not days:
            return None
        day = PartialDate.from_date(min(days))
        return When(day, day)

    def now_reason(self, corpus: Corpus) -> str:
        """Why "now" is the date it is, for the report's summary."""
        if self.at is not None:
            return "given with --at"
        last = corpus.last_day
        if last is None:
            return "the corpus gives no date"
        if self.end is not None and self.end.latest < last:
            return "the end of the period"
        return "the last day the corpus covers"

    def resolved(self, corpus: Corpus) -> Filters:
        """These filters with the council and the organisation as ids (looked up by any name; NotFound with
        suggestions) and ``at`` set to the date "now" stands for."""
        council = corpus.organisation(self.council).id if self.council else None
        organisation = corpus.organisation(self.organisation).id if self.organisation else None
        return attrs.evolve(self, council=council, organisation=organisation, at=self.now_in(corpus))

    @property
    def now(self) -> When | None:
        """The date the "now" columns are about (set by :meth:`resolved`; None before)."""
        return self.at

    def described(self) -> tuple[tuple[str, str], ...]:
        """The filters as ``(name, value)`` text pairs, for the report's header."""
        pairs = [
            ("from", str(self.start) if self.start else ""),
            ("to", str(self.end) if self.end else ""),
            ("council", self.council or ""),
            ("organisation", self.organisation or ""),
            ("expand", "yes" if self.expand else "no"),
            ("window", self.window),
            ("scope", self.scope or ""),
            ("roles", ", ".join(self.roles) if self.roles else ""),
            ("now", str(self.at) if self.at else ""),
        ]
        return tuple((k, v) for k, v in pairs if v)


@attrs.frozen
class Selection:
    """The declarations a report covers, in date order, with who each counts (:class:`~coalitions.analysis.Counted`:
    the organisations in scope, by the tiers it counts, representatives as what they represent; its list status)."""

    declarations: tuple[Declaration, ...]
    counted: dict[str, Counted]

    def units(self, declaration_id: str, expand: bool) -> frozenset[str]:
        """The organisations a declaration counts, councils expanded to their members when ``expand``."""
        return self.counted[declaration_id].units(expand)

    @property
    def unknown(self) -> tuple[Declaration, ...]:
        """The declarations whose list of organisations is unknown (left out of every figure)."""
        return tuple(d for d in self.declarations if not self.counted[d.id].known)

    @property
    def known(self) -> tuple[Declaration, ...]:
        """The declarations whose list of organisations is known (complete or partial)."""
        return tuple(d for d in self.declarations if self.counted[d.id].known)


def select(corpus: Corpus, filters: Filters) -> Selection:
    """The declarations ``filters`` select (``filters`` resolved: see :meth:`Filters.resolved`): those that may fall
    in the period; with ``council``, those counting it or one of its members (ever); with ``organisation``, those
    counting it (through a council too, with ``expand``)."""
    from ..analysis import who_counts

    covered = [d for d in corpus.declarations if any(filters.covers(claim.date) for claim in d.dates)]
    found = who_counts(corpus, covered, scope=filters.scope, roles=filters.roles)
    council_members: frozenset[str] = frozenset()
    if filters.council is not None:
        council_members = frozenset(m.member for m in corpus.members_of(filters.council)) | {filters.council}
    chosen: list[Declaration] = []
    counted: dict[str, Any] = {}
    for declaration, mine in zip(covered, found):
        if filters.organisation is not None and filters.organisation not in mine.units(filters.expand):
            continue
        if filters.council is not None and not (council_members & (mine.organisations | mine.expanded)):
            continue
        chosen.append(declaration)
        counted[declaration.id] = mine
    return Selection(tuple(chosen), counted)
