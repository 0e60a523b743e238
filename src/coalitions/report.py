"""The report's content as plain data: sections of titled tables, built from a corpus and filters.

Nothing here formats text: :mod:`coalitions.render` turns a :class:`Report` into text, Markdown, HTML, JSON or
CSV. Cells hold plain values (text, whole numbers, fractions, ``None``, or a tuple of texts for a list), so every
renderer, and every tool reading the JSON, sees the same content.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Union

import attrs

from .corpus import Corpus
from .dates import When, parse_when
from .errors import CoalitionsError
from .model import Declaration, Membership, Status

__all__ = ["Cell", "Filters", "Report", "Section", "Table", "build_report", "REPORT_VERSION"]

#: Version of the report's shape (the JSON ``version`` field): bumped when a key is renamed or removed.
REPORT_VERSION = 1

Cell = Union[str, int, float, None, tuple[str, ...]]

#: How many rows the "most overlapping" and "co-signing partners" tables show.
TOP = 15


@attrs.frozen
class Table:
    """A titled table: ``key`` is its stable machine name, ``rows`` hold one cell per column."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = ()
    note: str | None = None


@attrs.frozen
class Section:
    """A titled part of a report: a few lines of text and tables."""

    key: str
    title: str
    tables: tuple[Table, ...] = ()
    lines: tuple[str, ...] = ()


@attrs.frozen
class Report:
    """A whole report: a title, the filters it was built with (as text), and its sections in reading order."""

    title: str
    sections: tuple[Section, ...]
    filters: tuple[tuple[str, str], ...] = ()
    version: int = REPORT_VERSION

    def section(self, key: str) -> Section:
        """The section named ``key``."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def tables(self) -> Iterable[Table]:
        """Every table, in reading order."""
        for section in self.sections:
            yield from section.tables

    def table(self, key: str) -> Table:
        """The table named ``key`` (raises :class:`KeyError` listing the names when there is none)."""
        for table in self.tables():
            if table.key == key:
                return table
        raise KeyError(f"no table {key!r}; tables: {', '.join(t.key for t in self.tables())}")


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


def build_report(corpus: Corpus, filters: Filters | None = None) -> Report:
    """The report on ``corpus`` under ``filters``: summary, declarations, organisations, councils, overlap,
    unity and warnings.

    Raises :class:`~coalitions.errors.NotFound` when the council or organisation of the filters is unknown.
    """
    filters = filters or Filters()
    council = corpus.organisation(filters.council).id if filters.council else None
    organisation = corpus.organisation(filters.organisation).id if filters.organisation else None
    filters = attrs.evolve(filters, council=council, organisation=organisation)
    declarations = _selected(corpus, filters)
    sections = (
        _summary_section(corpus, declarations, filters),
        _declarations_section(corpus, declarations, filters),
        _organisations_section(corpus, declarations, filters),
        _councils_section(corpus, filters),
        _overlap_section(corpus, declarations, filters),
        _unity_section(corpus, declarations, filters),
        _warnings_section(corpus),
    )
    return Report("Coalitions report", sections, filters.described())


# -- small helpers shared by the section builders ---------------------------------------------------------------


def date_text(declaration: Declaration) -> str:
    """The declaration's date at its precision, with the other dates sources give: ``2021-08-16 (or 2021-08-17)``."""
    others = [str(c.date) for c in declaration.dates[1:] if c.date != declaration.date]
    first = str(declaration.date)
    return f"{first} (or {', '.join(dict.fromkeys(others))})" if others else first


def span_text(membership: Membership) -> tuple[str, str]:
    """The membership's start and end as text ("" where unknown)."""
    return (str(membership.start) if membership.start else "", str(membership.end) if membership.end else "")


def counted(items: Iterable[str]) -> Counter[str]:
    """A :class:`Counter` of ``items``."""
    return Counter(items)


def is_claimed(status: Status) -> bool:
    """The status counts as a claim that holds (asserted, disputed or unclear), not a denial or refusal."""
    return status in (Status.ASSERTED, Status.DISPUTED, Status.UNCLEAR)


def names(corpus: Corpus, ids: Sequence[str]) -> tuple[str, ...]:
    """Display names of the records ``ids``."""
    return tuple(corpus.name_of(i) for i in ids)
