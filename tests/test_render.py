"""Tests of the renderers (coalitions.report.formats, render_text, the static HTML page) and of coalitions.report.figures
(the explorer: tests/test_explorer.py)."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from coalitions.model.errors import CoalitionsError
from coalitions.report.formats import FORMATS, cell_text, render
from coalitions.report.html import render_static_html
from coalitions.report.text import MAX_WIDTH, _cell_lines, markdown_escape, render_text
from coalitions.report import Report, Section, Table
from strategies import wrap_cells

HOSTILE = "<script>alert(1)</script>"


def sample(name: str = HOSTILE, url: str = "https://example.org/a?b=1&c=2") -> Report:
    """A report with one table holding hostile and number-like text."""
    table = Table(
        "things", "Things", ("name", "version", "url", "list", "n", "x"),
        ((name, "1.10", url, ("a", "\x1b[31mred"), 3, 0.5), ("=SUM(A1)", "007", "javascript:alert(1)", (), 0, None)),
        note="a note",
    )  # fmt: skip
    return Report("Sample", (Section("s", "Section", (table,), ("a line",)),), (("from", "2024"),))


class TestCellText:
    def test_values(self):
        """Lists are joined, fractions lose trailing zeros, None is empty."""
        assert ["a, b", "0.5", "1", "", "7"] == [cell_text(c) for c in (("a", "b"), 0.5, 1.0, None, 7)]


class TestText:
    def test_number_like_text_unchanged(self):
        """tabulate's number parsing is off: "1.10" and "007" stay as written."""
        text = render(sample(), "text")
        assert "1.10" in text and "007" in text

    def test_escape_sequences_made_visible(self):
        """Control and escape characters in data are shown as \\x1b, never sent to the terminal."""
        text = render(sample(), "text")
        assert "\x1b" not in text
        assert "\\x1b[31mred" in text

    def test_layout(self):
        """Title, filters, section, table title with its row count, and the note."""
        lines = render(sample(), "text").splitlines()
        assert ["Sample", "======", "from: 2024", "", "Section", "-------", "a line", "", "Things (2)"] == lines[:9]
        assert "a note" == lines[-1]

    @settings(max_examples=60)
    @given(st.text())
    def test_no_control_characters_reach_the_terminal(self, name):
        """Rule: "control and escape characters in data are made visible, never sent to the terminal"."""
        text = render(sample(name), "text")
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text)

    @settings(max_examples=80)
    @given(st.lists(st.tuples(wrap_cells, wrap_cells), min_size=1, max_size=4))
    def test_wrapping_as_tabulate(self, rows):
        """Rule: cells are wrapped "only where it changes them", the output "byte-identical": a table is laid out
        exactly as tabulate lays it out when it wraps every cell at 30 columns itself."""
        # tabulate itself raises on a cell of line breaks only (int("\n"), tabulate 0.10): no reference to compare with
        assume(not any(_cell_lines(cell) and not _cell_lines(cell).strip("\n") for row in rows for cell in row))
        table = Table("t", "Things", ("a", "b " * 20), tuple(rows))
        expected = tabulate([[_cell_lines(cell) for cell in row] for row in rows], headers=["a", "b " * 20],
                            tablefmt="simple", disable_numparse=True, maxcolwidths=MAX_WIDTH,
                            maxheadercolwidths=MAX_WIDTH)  # fmt: skip
        lines = render_text(Report("R", (Section("s", "S", (table,)),))).splitlines()
        assert expected.splitlines() == lines[lines.index(f"Things ({len(rows)})") + 1:]

    @settings(max_examples=200)
    @given(st.lists(st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=34),
                    max_size=12).map(" ".join))
    def test_fast_line_wrapping_as_the_wrapper(self, line):
        """Rule: the greedy fill used for plain ASCII lines wraps exactly as the tabulate-style wrapper does."""
        from coalitions.report.text import _WRAPPER, _wrapped_line

        assert "\n".join(_WRAPPER.wrap(line)) == _wrapped_line(line)

    def test_long_cells_wrapped(self):
        """A long cell wraps at 30 columns, between words or after a hyphen; a word longer than a line is cut at 30."""
        rows = (("a " + "x-" * 20 + " tail",), ("Second conference of the Vienna Process",), ("y" * 35,))
        text = render_text(Report("R", (Section("s", "S", (Table("t", "Things", ("a",), rows),)),)))
        assert "\na x-x-x-x-x-x-x-x-x-x-x-x-x-x-\nx-x-x-x-x-x- tail\n" in text
        assert "\nSecond conference of the\nVienna Process\n" in text
        assert "\n" + "y" * 30 + "\nyyyyy\n" in text


class TestMarkdown:
    def test_special_characters_escaped(self):
        """HTML and Markdown specials in data are backslash-escaped, so GitHub shows them as text."""
        assert r"\<script\>alert(1)\</script\>" == markdown_escape(HOSTILE)
        assert r"a\|b \*c\* \[d\]" == markdown_escape("a|b *c* [d]")

    def test_pipe_table(self):
        """Tables are GitHub pipe tables; list items are joined with <br>."""
        text = render(sample(), "markdown")
        assert "| name " in text and "|:--" in text
        assert "a<br>\\\\x1b\\[31mred" in text
        assert "# Sample" in text.splitlines()

    @settings(max_examples=60)
    @given(st.text())
    def test_no_raw_markup(self, name):
        """Rule: "every string from the data is escaped": no unescaped < or | from data in a table row."""
        line = [ln for ln in render(sample(name), "markdown").splitlines() if ln.startswith("| ")][1]
        cell = line.split(" | ")[0]
        assert "<" not in cell.replace("\\<", "")


class TestJson:
    def test_shape(self):
        """The documented shape: version, title, filters, sections with lines and tables of columns and rows."""
        data = json.loads(render(sample(), "json"))
        assert 2 == data["version"]
        assert {"from": "2024"} == data["filters"]
        table = data["sections"][0]["tables"][0]
        assert ["key", "title", "note", "columns", "rows"] == list(table)
        assert [HOSTILE, "1.10", "https://example.org/a?b=1&c=2", ["a", "\x1b[31mred"], 3, 0.5] == table["rows"][0]


class TestCsv:
    def test_one_table_spreadsheet_safe(self):
        """CSV writes one table; a cell starting with = is defused; lists are joined with "; "."""
        rows = list(csv.reader(io.StringIO(render(sample(), "csv"))))
        assert ["name", "version", "url", "list", "n", "x"] == rows[0]
        assert [HOSTILE, "1.10", "https://example.org/a?b=1&c=2", "a; \\x1b[31mred", "3", "0.5"] == rows[1]
        assert "'=SUM(A1)" == rows[2][0]

    def test_unknown_table(self):
        """Asking for a table the report lacks names the tables it has."""
        with pytest.raises(CoalitionsError, match="tables: things"):
            render(sample(), "csv", table="nope")


class TestRenderStaticHtml:
    def test_escaped_and_only_http_links(self):
        """Data is escaped; an https URL becomes a link, a javascript: URL stays text."""
        page = render_static_html(sample(), charts=False)
        assert HOSTILE not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">' in page
        assert 'href="javascript' not in page and "<td>javascript:alert(1)</td>" in page

    def test_self_contained(self):
        """No script, no external resource: a content security policy allows only inline style and data images."""
        page = render_static_html(sample(), charts=False)
        assert "<script" not in page and "http-equiv=\"Content-Security-Policy\"" in page
        assert "src=\"http" not in page and "<link" not in page

    def test_without_matplotlib(self, monkeypatch):
        """Without matplotlib the page has tables only and says how to get the charts."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        page = render_static_html(sample())
        assert 'pip install &quot;coalitions[plots]&quot;' in page and "<img" not in page


class TestCharts:
    def test_charts_of_the_golden_report(self):
        """With matplotlib, the four charts are drawn as SVG from the report's tables, text drawn as paths."""
        pytest.importorskip("matplotlib")
        from pathlib import Path

        from coalitions import load
        from coalitions.report.figures import charts
        from coalitions.report import Filters, build_report

        report = build_report(load(Path(__file__).parent / "golden" / "corpus"), Filters(end="2024-12-31"))
        drawn = charts(report)
        assert ["memberships", "overlap", "network", "unity"] == [c.key for c in drawn]
        assert all(c.svg.lstrip().startswith("<?xml") and "<script" not in c.svg for c in drawn)


def test_unknown_format():
    """An unknown format is an error naming the formats."""
    with pytest.raises(CoalitionsError, match=", ".join(FORMATS)):
        render(sample(), "pdf")
