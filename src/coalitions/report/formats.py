"""Turn a :class:`~coalitions.report.Report` into text: the formats, and the JSON and CSV renderers.

The text, Markdown and HTML renderers live in :mod:`coalitions.report.text` and :mod:`coalitions.report.html`.
Every renderer makes data safe for where it goes: control characters visible in a terminal, Markdown and HTML
special characters escaped, spreadsheet formulas defused in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import CoalitionsError, gc_paused, spreadsheet_cell, visible
from .document import Cell, Report, Table, cell_text

__all__ = ["FORMATS", "render", "render_csv", "render_json"]

FORMATS = ("text", "markdown", "html", "json", "csv")


@gc_paused  # many strings and lists, no cycles: see _gc
def render(report: Report, fmt: str = "text", *, table: str | None = None, charts: bool = True) -> str:
    """``report`` in format ``fmt`` (one of :data:`FORMATS`).

    ``table`` picks the table of a CSV (default: the first one). ``charts`` turns the HTML charts off.
    """
    if fmt == "text":
        from .text import render_text

        return render_text(report)
    if fmt == "markdown":
        from .text import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report, charts=charts)
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report, table)
    raise CoalitionsError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _json_cell(cell: Cell) -> Any:
    return list(cell) if isinstance(cell, tuple) else cell


def report_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (the shape documented in docs/report.md)."""
    return {
        "version": report.version,
        "title": report.title,
        "filters": dict(report.filters),
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "lines": list(section.lines),
                "tables": [
                    {
                        "key": t.key,
                        "title": t.title,
                        "note": t.note,
                        "columns": list(t.columns),
                        "rows": [[_json_cell(c) for c in row] for row in t.rows],
                    }
                    for t in section.tables
                ],
            }
            for section in report.sections
        ],
    }


def render_json(report: Report) -> str:
    """The report as JSON (UTF-8 text)."""
    return json.dumps(report_data(report), ensure_ascii=False) + "\n"


def render_csv(report: Report, key: str | None = None) -> str:
    """One table of the report (``key``, default the first with rows) as CSV, safe to open in a spreadsheet."""
    chosen: Table
    if key is None:
        tables = list(report.tables())
        if not tables:
            raise CoalitionsError("the report has no tables")
        chosen = next((t for t in tables if t.rows), tables[0])
    else:
        try:
            chosen = report.table(key)
        except KeyError as error:
            raise CoalitionsError(str(error.args[0])) from None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(visible(c)) for c in chosen.columns])
    for row in chosen.rows:
        writer.writerow([_csv_cell(c) for c in row])
    return out.getvalue()


def _csv_cell(cell: Cell) -> str | int | float:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell
    return spreadsheet_cell(visible(cell_text(cell, "; ")))
