"""The report as plain data: a :class:`Report` of titled :class:`Section` s holding :class:`Table` s of cells.

Cells hold plain values (text, whole numbers, fractions, ``None``, or a tuple of texts for a list), so every renderer,
and every tool reading the JSON, sees the same content. The helpers at the end turn common values into cells.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Union

import attrs

from ..model import Corpus, Declaration, Membership, Status, When

if TYPE_CHECKING:
    from ..analysis import Range

__all__ = ["Cell", "REPORT_VERSION", "Report", "Section", "Table", "cell_text", "cell_text_number", "councils_word",
           "date_cells", "date_text", "is_claimed", "range_cells", "range_text", "span_text", "when_cells"]  # fmt: skip


#: Version of the report's shape (the JSON ``version`` field): bumped when a key is renamed or removed, or a cell
#: changes type. 2: every range in columns of its own (low, high, exact, partial), dates in columns of their own.
REPORT_VERSION = 2


#: A cell: text, a whole number, a fraction, a yes/no (``True``/``False``), ``None`` (unknown or undefined), or a
#: list of texts.
Cell = Union[str, bool, int, float, None, tuple[str, ...]]


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


def councils_word(corpus: Corpus) -> str:
    """The corpus's own word for bodies with member organisations (``corpus.yaml``: ``words: councils:``), for
    wherever the report says "councils"."""
    return corpus.settings.words.councils


def cell_text_number(value: Cell) -> str:
    """A rounded number as text without trailing zeros ("n/a" for none)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 3)


def range_text(value: Range) -> str:
    """A range as a reader sees it, never a bare number that looks exact: ``0.25``, ``0.25 to 0.5``, with ``(not
    exact)`` when the bounds hold only for the readings tried, ``(partial lists)`` when a list it counts is
    partial, ``n/a`` when it is undefined in every reading."""
    if not value.defined:
        return "n/a"
    low, high = cell_text_number(_number(value.low)), cell_text_number(_number(value.high))
    text = low if low == high else f"{low} to {high}"
    notes = [note for note, holds in (("not exact", not value.exact), ("partial lists", value.partial)) if holds]
    return f"{text} ({'; '.join(notes)})" if notes else text


def range_cells(value: Range, whole: bool = False) -> tuple[Cell, Cell, Cell, Cell, Cell]:
    """A range's cells: its text (:func:`range_text`), low, high (rounded to 3 places, whole numbers with
    ``whole``; None when undefined), exact and partial."""
    low, high = _number(value.low), _number(value.high)
    if whole:
        low, high = (None if x is None else int(x) for x in (low, high))
    return range_text(value), low, high, value.exact, value.partial


def when_cells(when: When | None) -> tuple[Cell, Cell, Cell]:
    """A date's cells: as written, its earliest and its latest day (None for no date)."""
    if when is None:
        return None, None, None
    return when.to_text(), when.earliest.isoformat(), when.latest.isoformat()


def date_cells(declaration: Declaration) -> tuple[Cell, Cell, Cell, Cell]:
    """A declaration's date in cells of their own: the date as written, its earliest and latest day over every date
    the sources give, and the other dates they give."""
    others = tuple(dict.fromkeys(c.date.to_text() for c in declaration.dates[1:] if c.date != declaration.date))
    earliest = min(c.date.earliest for c in declaration.dates).isoformat()
    latest = max(c.date.latest for c in declaration.dates).isoformat()
    return declaration.date.to_text(), earliest, latest, others


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
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, tuple):
        return separator.join(cell)
    if isinstance(cell, float):
        return f"{cell:.3f}".rstrip("0").rstrip(".") if cell == cell else "n/a"
    return str(cell)
