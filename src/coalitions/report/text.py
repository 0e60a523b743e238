"""The report as terminal text and as Markdown, both laid out by tabulate.

Every cell is turned into text first and tabulate's number parsing is off, so "1.10" stays "1.10". Terminal text
shows control and escape characters as ``\\x1b``; Markdown escapes the characters that would change its meaning.
"""

from __future__ import annotations

import re
import textwrap

from tabulate import WIDE_CHARS_MODE, tabulate

from ..model import visible
from .document import Report, Table, cell_text

__all__ = ["markdown_escape", "render_markdown", "render_text"]

#: Widest a terminal column grows before its text wraps.
MAX_WIDTH = 30


def _terminal(text: str) -> str:
    return visible(text, newlines=False)


def _text_table(table: Table) -> str:
    if not table.rows:
        return "(none)"
    keep = table.visible_columns()
    columns = list(zip(*([_cell_lines(row[i]) for i in keep] for row in table.rows)))
    headers = [_terminal(table.columns[i]) for i in keep]
    # tabulate wraps every cell of a column given a width, slowly: cells are wrapped here, the same way, only where
    # wrapping changes them; tabulate gets a width only for a column with a cell it measures otherwise (wcwidth)
    widths = []
    memo: dict[str, str] = {}
    for n, column in enumerate(columns):
        if not all(map(_fits, column)):
            ours = all(map(_same_width, column))
            columns[n] = tuple(_wrapped(cell, memo) for cell in column) if ours else column
            widths.append(None if ours else MAX_WIDTH)
        else:
            widths.append(None)
    return tabulate(
        list(zip(*columns)),
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
        maxcolwidths=widths if any(widths) else None,  # None: tabulate skips a pass over every cell
        maxheadercolwidths=[None if _fits(h) else MAX_WIDTH for h in headers],
    )


def _fits(text: str) -> bool:
    """Wrapping ``text`` at :data:`MAX_WIDTH` would leave it as it is: each line is printable (no tab or other
    line break), not empty, without a space at either end, and at most :data:`MAX_WIDTH` columns wide even if every
    character took two columns (East Asian wide characters, when tabulate measures them with wcwidth)."""
    if not text:
        return True
    for line in text.split("\n"):
        if not line or line[0] == " " or line[-1] == " " or not line.isprintable():
            return False
        if len(line) > (MAX_WIDTH if line.isascii() else MAX_WIDTH // 2):
            return False
    return True


class _TabulateWrapper(textwrap.TextWrapper):
    """Wraps as tabulate does with ``maxcolwidths``, for text whose width is its length: a TextWrapper breaking on
    hyphens between words, but cutting a word too long for a line at the width (not at a hyphen inside it)."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words and space_left > 0:
            chunk = reversed_chunks[-1]
            cur_line.append(chunk[:space_left])
            reversed_chunks[-1] = chunk[space_left:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


_WRAPPER = _TabulateWrapper(width=MAX_WIDTH)


def _same_width(text: str) -> bool:
    """tabulate measures ``text`` by its length: ASCII, or any text when it does not measure wide characters."""
    return text.isascii() or not WIDE_CHARS_MODE


def _wrapped(text: str, memo: dict[str, str] | None = None) -> str:
    """``text`` wrapped at :data:`MAX_WIDTH` as tabulate's ``maxcolwidths`` would: each line wrapped on its own,
    blank lines left out. ``memo`` remembers wrapped lines (a name recurs in many cells of a table)."""
    if _fits(text):
        return text
    memo = {} if memo is None else memo
    lines = []
    for line in text.splitlines():
        if line.strip() != "":
            if line not in memo:
                memo[line] = _wrapped_line(line)
            lines.append(memo[line])
    return "\n".join(lines)


def _wrapped_line(line: str) -> str:
    """One line wrapped at :data:`MAX_WIDTH` as :data:`_WRAPPER` wraps it.

    Plain words (printable ASCII, no hyphen, no word too long, single spaces between them) are filled greedily here,
    which is what the wrapper does with them, only faster; anything else goes to the wrapper.
    """
    if _fits(line):
        return line
    words = line.split(" ")
    plain = line.isascii() and line.isprintable() and "-" not in line and all(0 < len(w) <= MAX_WIDTH for w in words)
    if not plain:
        return "\n".join(_WRAPPER.wrap(line))
    out: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) <= MAX_WIDTH:
            current += " " + word
        else:
            out.append(current)
            current = word
    out.append(current)
    return "\n".join(out)


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
