"""What the explorer's Bokeh charts share (:mod:`.charts_bokeh`, :mod:`.charts_timeline`): making a figure, and
reading the cells of the report's chart-data tables."""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ..model import visible
from .document import Cell, Table

__all__ = ["InteractiveChart", "col", "figure", "iso", "label", "ms", "text"]


@attrs.frozen
class InteractiveChart:
    """One chart: its key, the section it belongs to, a title, what its marks mean, and the Bokeh JSON item."""

    key: str
    section: str
    title: str
    legend: tuple[tuple[str, str, str], ...]
    item: dict[str, Any]
    #: About how tall it is drawn, in CSS pixels (the page keeps the room while it draws).
    height: int = 400


def label(text: object, width: int = 60) -> str:
    """``text`` made visible and cut to ``width`` characters."""
    shown = visible(str(text), newlines=False)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def ms(day: datetime.date) -> float:
    """A day as Bokeh's datetime axis counts it: milliseconds since 1970."""
    return (day - datetime.date(1970, 1, 1)).days * 86_400_000.0


def col(table: Table) -> dict[str, int]:
    """The index of each column of ``table``."""
    return {c: i for i, c in enumerate(table.columns)}


def text(cell: Cell) -> str:
    """A cell as text, lists joined with ``; ``."""
    return "; ".join(cell) if isinstance(cell, tuple) else "" if cell is None else str(cell)


def figure(**options: Any) -> Any:
    """A Bokeh figure as every chart of the explorer has it: the page's width, the usual tools, no logo."""
    from bokeh.plotting import figure as make

    plot = make(sizing_mode="stretch_width", tools="pan,wheel_zoom,box_zoom,reset,save", toolbar_location="above",
                  **options)  # fmt: skip
    plot.toolbar.logo = None
    plot.title.text_font_size = "13px"
    return plot


def iso(cell: Cell) -> datetime.date | None:
    """A cell holding an ISO day, as a date (None when empty)."""
    return datetime.date.fromisoformat(str(cell)) if cell else None
