"""The report as terminal text and as Markdown, both laid out by tabulate.

Every cell is turned into text first and tabulate's number parsing is off, so "1.10" stays "1.10". Terminal text
shows control and escape characters as ``\\x1b``; Markdown escapes the characters that would change its meaning.
"""

from __future__ import annotations

import re
import textwrap

from tabulate import tabulate

from .render import cell_text
from .report import Report, Table
from .textsafe import visible

__all__ = ["markdown_escape", "render_markdown", "render_text"]

#: Widest a terminal column grows before its text wraps.
MAX_WIDTH = 30


def _terminal(text: str) -> str:
    return visible(text, newlines=False)


def _text_table(table: Table) -> str:
    if not table.rows:
        return "(none)"
    keep = table.visible_columns()
    rows = [[_cell_lines(row[i]) for i in keep] for row in table.rows]
    return tabulate(
        rows,
        headers=[_terminal(table.columns[i]) for i in keep],
        tablefmt="simple",
        disable_numparse=True,
        maxcolwidths=MAX_WIDTH,
        maxheadercolwidths=MAX_WIDTH,
    )


def _cell_lines(cell: object) -> str:
    if isinstance(cell, tuple):
        return "\n".join(_terminal(item) for item in cell)
    return _terminal(cell_text(cell))  # type: ignore[arg-type]


def render_text(report: Report) -> str:
    """The report for a terminal: a title, the filters, then each section's lines and tables."""
    out = [_terminal(report.title), "=" * len(report.title)]
    if report.filters:
        out.append("; ".join(f"{k}: {_terminal(v)}" for k, v in report.filters))
    for section in report.sections:
        out += ["", _terminal(section.title), "-" * len(section.title)]
        out += [wrapped for line in section.lines for wrapped in textwrap.wrap(_terminal(line), 100) or [""]]
        for table in (t for t in section.tables if not t.chart_data):
            out += ["", f"{_terminal(table.title)} ({len(table.rows)})", _text_table(table)]
            if table.note and table.rows:
                out += textwrap.wrap(_terminal(table.note), 100)
    return "\n".join(out) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def markdown_escape(text: str) -> str:
    """``text`` shown literally by GitHub Markdown: special characters backslash-escaped, controls visible."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text, newlines=False))


def _markdown_cell(cell: object) -> str:
    if isinstance(cell, tuple):
        return "<br>".join(markdown_escape(item) for item in cell)
    return markdown_escape(cell_text(cell))  # type: ignore[arg-type]


def _markdown_table(table: Table) -> str:
    if not table.rows:
        return "_None._"
    keep = table.visible_columns()
    return tabulate(
        [[_markdown_cell(row[i]) for i in keep] for row in table.rows],
        headers=[markdown_escape(table.columns[i]) for i in keep],
        tablefmt="pipe",
        disable_numparse=True,
    )


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown: headings, paragraphs and pipe tables."""
    out = [f"# {markdown_escape(report.title)}", ""]
    if report.filters:
        out += ["; ".join(f"**{k}**: {markdown_escape(v)}" for k, v in report.filters), ""]
    for section in report.sections:
        out += [f"## {markdown_escape(section.title)}", ""]
        if section.lines:
            out += [*(f"- {markdown_escape(line)}" for line in section.lines), ""]
        for table in (t for t in section.tables if not t.chart_data):
            out += [f"### {markdown_escape(table.title)} ({len(table.rows)})", "", _markdown_table(table), ""]
            if table.note and table.rows:
                out += [f"_{markdown_escape(table.note)}_", ""]
    return "\n".join(out).rstrip("\n") + "\n"
