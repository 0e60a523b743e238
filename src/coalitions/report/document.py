"""The report as plain data: a :class:`Report` of titled :class:`Section` s holding :class:`Table` s of cells.

Cells hold plain values (text, whole numbers, fractions, ``None``, or a tuple of texts for a list), so every renderer,
and every tool reading the JSON, sees the same content. The helpers at the end turn common values into cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Union

import attrs

from ..model import Declaration, Membership, Status

__all__ = ["Cell", "REPORT_VERSION", "Report", "Section", "Table", "cell_text", "cell_text_number", "date_text",
           "is_claimed", "span_text"]  # fmt: skip


#: Version of the report's shape (the JSON ``version`` field): bumped when a key is renamed or removed.
REPORT_VERSION = 1


Cell = Union[str, int, float, None, tuple[str, ...]]


@attrs.frozen
class Table:
    """A titled table: ``key`` is its stable machine name, ``rows`` hold one cell per column."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = ()
    note: str | None = None
    #: The columns a reader sees in text, Markdown and HTML (default: all); JSON and CSV always have every column.
    shown: tuple[str, ...] = ()
    #: Data for a chart (the overlap matrix): left out of text and Markdown, where it would not be read.
    chart_data: bool = False

    def visible_columns(self) -> tuple[int, ...]:
        """Indices of the columns a reader sees."""
        wanted = set(self.shown or self.columns)
        return tuple(i for i, c in enumerate(self.columns) if c in wanted)


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


def cell_text_number(value: Cell) -> str:
    """A rounded number as text without trailing zeros ("n/a" for none)."""
    if value is None:
        return "n/a"
    return f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def date_text(declaration: Declaration) -> str:
    """The declaration's date at its precision, with the other dates sources give: ``2021-08-16 (or 2021-08-17)``."""
    others = [str(c.date) for c in declaration.dates[1:] if c.date != declaration.date]
    return f"{declaration.date} (or {', '.join(dict.fromkeys(others))})" if others else str(declaration.date)


def span_text(membership: Membership) -> tuple[str, str]:
    """The membership's start and end as text ("" where unknown)."""
    return (str(membership.start) if membership.start else "", str(membership.end) if membership.end else "")


def is_claimed(status: Status) -> bool:
    """The status counts as a claim that holds (asserted, disputed or unclear), not a denial or refusal."""
    return status in (Status.ASSERTED, Status.DISPUTED, Status.UNCLEAR)


def cell_text(cell: Cell, separator: str = ", ") -> str:
    """A cell as text: lists joined with ``separator``, fractions without trailing zeros, ``None`` empty.

    Control characters are not handled here; each renderer escapes for its own medium.
    """
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return separator.join(cell)
    if isinstance(cell, float):
        return f"{cell:.3f}".rstrip("0").rstrip(".") if cell == cell else "n/a"
    return str(cell)
