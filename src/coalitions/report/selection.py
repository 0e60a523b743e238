"""What a report covers: its :class:`Filters`, and the declarations they select with the ids of their signers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import attrs

from ..model import CoalitionsError, Corpus, Declaration, When, parse_when
from .document import is_claimed

__all__ = ["Filters", "Selection", "select"]


def _when(value: When | datetime.date | str | None) -> When | None:
    if value is None or isinstance(value, When):
        return value
    if isinstance(value, datetime.date):
        return When.of(value.isoformat())
    return parse_when(value)


@attrs.frozen
class Filters:
    """What a report covers: dates (any precision), one council, one organisation, expansion and the window.

    A declaration is in the period when it may fall in it (a declaration dated "2024" is in a report from
    "2024-06"). ``today`` is the date "now" stands for (the members a council has now); it defaults to the end
    of the period, or the current day.
    """

    start: When | None = attrs.field(default=None, converter=_when)
    end: When | None = attrs.field(default=None, converter=_when)
    council: str | None = None
    organisation: str | None = None
    expand: bool = False
    window: str = "year"
    today: datetime.date | None = None

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

    @property
    def now(self) -> datetime.date:
        """The day the "now" columns are about."""
        if self.today is not None:
            return self.today if self.end is None else min(self.today, self.end.latest)
        return self.end.latest if self.end is not None else datetime.date.today()

    def described(self) -> tuple[tuple[str, str], ...]:
        """The filters as ``(name, value)`` text pairs, for the report's header."""
        pairs = [
            ("from", str(self.start) if self.start else ""),
            ("to", str(self.end) if self.end else ""),
            ("council", self.council or ""),
            ("organisation", self.organisation or ""),
            ("expand", "yes" if self.expand else "no"),
            ("window", self.window),
            ("now", self.now.isoformat()),
        ]
        return tuple((k, v) for k, v in pairs if v)


@attrs.frozen
class Selection:
    """The declarations a report covers, in date order, with the ids of their signers (direct and expanded)."""

    declarations: tuple[Declaration, ...]
    direct: dict[str, frozenset[str]]
    expanded: dict[str, frozenset[str]]

    def signers(self, declaration_id: str, expand: bool) -> frozenset[str]:
        """The signers of a declaration, councils expanded to their members when ``expand``."""
        return (self.expanded if expand else self.direct)[declaration_id]


def _signer_ids(items: Iterable[Any]) -> frozenset[str]:
    return frozenset(i.signer for i in items if is_claimed(i.status))


def select(corpus: Corpus, filters: Filters) -> Selection:
    from ..analysis import Reading, signatories, signer_set

    chosen: list[Declaration] = []
    direct: dict[str, frozenset[str]] = {}
    expanded: dict[str, frozenset[str]] = {}
    council_members: frozenset[str] = frozenset()
    if filters.council is not None:
        council_members = frozenset(m.member for m in corpus.members_of(filters.council)) | {filters.council}
    for declaration in corpus.declarations:
        if not any(filters.covers(claim.date) for claim in declaration.dates):
            continue
        mine = signer_set(corpus, declaration.id, Reading.all_in())  # signatures counted are all claimed
        wide = _signer_ids(signatories(corpus, declaration.id, expand=True))
        if filters.organisation is not None and filters.organisation not in (wide if filters.expand else mine):
            continue
        if filters.council is not None and not (council_members & (mine | wide)):
            continue
        chosen.append(declaration)
        direct[declaration.id] = mine
        expanded[declaration.id] = wide
    return Selection(tuple(chosen), direct, expanded)
