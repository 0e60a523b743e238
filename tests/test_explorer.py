"""Tests of the HTML explorer's page (coalitions.report.explorer, html) and its chart data (charts_data), without a
browser (tests/test_html_browser.py opens the page in Chromium)."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalitions import Citation, Membership, Status, load, members_at, parse_when
from coalitions.report import Filters, Report, Section, Table, build_report, render_html
from coalitions.report.charts_data import CATEGORIES, _seriate, category, last_evidence

GOLDEN = Path(__file__).parent / "golden" / "corpus"
HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def golden() -> Report:
    """The report of the small golden corpus."""
    return build_report(load(GOLDEN), Filters(end="2024-12-31"))


def hostile_report() -> Report:
    """A report whose cells try to close the page's scripts and inject markup."""
    table = Table("declarations", "Declarations", ("date", "id", "title", "kind", "disputed"),
                  (("2024", "d", HOSTILE, "statement", ("<b>x</b>",)),))  # fmt: skip
    return Report("Sample <i>", (Section("declarations", "Declarations", (table,)),), (("from", "<2024>"),))


def scripts(page: str) -> list[str]:
    """The page's executable inline scripts (not its JSON data)."""
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def data(page: str, element: str = "report-data") -> dict:
    """The JSON the page carries in ``<script type="application/json" id=element>``."""
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


def decoded(column: object) -> list:
    """A column of the page's data as plain values."""
    if isinstance(column, dict) and "l" in column:
        return [None if v is None else [column["l"][x] for x in v] for v in column["v"]]
    if isinstance(column, dict):
        return [None if i < 0 else column["d"][i] for i in column["i"]]
    return list(column)  # type: ignore[arg-type]


class TestRenderHtml:
    def test_values_escaped(self):
        """A value from the data never reaches the page as markup: nothing can close a script or open a tag, and
        the data reads back as it was."""
        page = render_html(hostile_report(), charts=False)
        assert HOSTILE not in page and "<b>x</b>" not in page and "<i>" not in page
        table = data(page)["tables"]["declarations"]
        assert [HOSTILE] == decoded(table["data"][table["columns"].index("title")])

    def test_strict_content_security_policy(self, golden):
        """The policy forbids every request and allows exactly the page's own inline scripts, by hash."""
        page = render_html(golden)
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
        assert "default-src 'none'" in policy and "unsafe-eval" not in policy
        allowed = re.search(r"script-src ([^;]+)", policy).group(1).split()
        expected = sorted("'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                          for s in scripts(page))  # fmt: skip
        assert expected == sorted(allowed)
        markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # BokehJS mentions a CDN it never reaches
        assert "src=\"http" not in markup and "<link" not in markup and "@import" not in markup

    def test_the_page_carries_the_report(self, golden):
        """Every table of the report is in the page's data, its cells as the report has them."""
        tables = data(render_html(golden, charts=False))["tables"]
        assert [t.key for t in golden.tables()] == list(tables)
        report_table = golden.table("declarations")
        page_table = tables["declarations"]
        for name in page_table["columns"]:
            i = report_table.columns.index(name)
            expected = [list(r[i]) if isinstance(r[i], tuple) else r[i] for r in report_table.rows]
            assert expected == decoded(page_table["data"][page_table["columns"].index(name)])

    def test_opens_on_the_summary(self, golden):
        """The first section is the summary: the latest declarations, who joined or left, how unity moved."""
        page = render_html(golden, charts=False)
        first = page.index('<section id="summary">')
        assert first < page.index('<section id="declarations">')
        summary = page[first:page.index("</section>", first)]
        latest = golden.table("declarations").rows[-1]
        assert "The latest declarations" in summary and f'data-record="{latest[1]}"' in summary
        assert "How unity moved" in summary

    def test_interactive_charts(self, golden):
        """With Bokeh, the four charts are Bokeh documents embedded in the page, with their legends."""
        pytest.importorskip("bokeh")
        page = render_html(golden)
        assert ["memberships", "network", "overlap", "unity"] == list(data(page, "chart-items"))
        assert all(f'id="chart-{k}"' in page for k in ("memberships", "network", "overlap", "unity"))
        assert "no known end" in page and "undated" in page

    def test_without_bokeh(self, golden, monkeypatch):
        """Without Bokeh the page draws matplotlib's static charts and says how to get the interactive ones."""
        pytest.importorskip("matplotlib")
        monkeypatch.setitem(sys.modules, "bokeh", None)
        page = render_html(golden)
        assert 'pip install &quot;coalitions[explorer]&quot;' in page and page.count('class="static"') == 4
        assert {} == data(page, "chart-items")

    def test_without_bokeh_or_matplotlib(self, golden, monkeypatch):
        """Without either, the page has its tables and names both extras."""
        monkeypatch.setitem(sys.modules, "bokeh", None)
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        page = render_html(golden)
        assert "coalitions[explorer]" in page and "coalitions[plots]" in page and "<img" not in page


class TestEncodeColumn:
    @settings(max_examples=60)
    @given(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "<c>"]),
                              st.lists(st.sampled_from(["x", "y"]), max_size=3).map(tuple))))  # fmt: skip
    def test_lossless(self, values):
        """Rule: "take every fact the page shows from the report": a column encoded for the page decodes to the
        same cells (lists as lists)."""
        from coalitions.report.explorer import _encode_column

        assert [list(v) if isinstance(v, tuple) else v for v in values] == decoded(_encode_column(values))


class TestCategory:
    @pytest.mark.parametrize(("status", "start", "expected"), [
        ("asserted", "2021-10", "certain"), ("asserted", None, "undated"), ("unclear", "2021", "possible"),
        ("disputed", None, "disputed"), ("denied", None, "denied"), ("declined", "2022", "declined"),
        ("withdrawn", "2022", "withdrawn"),
    ])  # fmt: skip
    def test_categories(self, status, start, expected):
        """A membership's category comes from its status, and for an asserted one whether its start is known."""
        membership = Membership("c", "p", (Citation("s"),), start=parse_when(start) if start else None,
                                status=Status(status))  # fmt: skip
        assert expected == category(membership)
        assert expected in CATEGORIES


class TestChartData:
    def test_open_bars_stop_at_the_last_evidence(self, golden):
        """A membership with no known end is open and stops at the latest date the corpus gives, not today."""
        bars = golden.table("membership-bars")
        c = {n: i for i, n in enumerate(bars.columns)}
        corpus = load(GOLDEN)
        expected = last_evidence(corpus, Filters(end="2024-12-31")).isoformat()
        assert {expected} == {r[c["last evidence"]] for r in bars.rows}
        assert expected != datetime.date.today().isoformat()
        assert all(r[c["open end"]] == ("yes" if not r[c["end"]] else "no") for r in bars.rows)

    def test_bars_are_the_memberships_table(self, golden):
        """The bars are the memberships the councils section lists (of the councils shown)."""
        bars = golden.table("membership-bars")
        listed = golden.table("council-memberships")
        expected = sorted((str(r[0]), str(r[2]), str(r[4])) for r in listed.rows)
        assert expected == sorted((str(r[0]), str(r[2]), str(r[4])) for r in bars.rows)

    def test_compositions_are_members_at(self, golden):
        """Each council's members from each day its composition may change are what members_at gives that day."""
        corpus = load(GOLDEN)
        rows = golden.table("council-compositions").rows
        for council, day in {(r[0], r[1]) for r in rows if r[1]}:
            expected = sorted(m.member for m in members_at(corpus, str(council), str(day)))
            assert expected == sorted(str(r[2]) for r in rows if (r[0], r[1]) == (council, day) and r[2])

    def test_blocs_matrix_is_symmetric_and_ordered(self, golden):
        """The heatmap's matrix is symmetric with ones on the diagonal, its columns in the order of its rows."""
        table = golden.table("overlap-blocs")
        ids = [str(r[0]) for r in table.rows]
        assert ids == list(table.columns[4:])
        values = [r[4:] for r in table.rows]
        assert all(values[i][i] == 1.0 and values[i][j] == values[j][i] for i in range(len(ids)) for j in range(len(ids)))


class TestSeriate:
    @settings(max_examples=50, deadline=None)
    @given(st.lists(st.integers(0, 3), min_size=1, max_size=12))
    def test_blocs_are_contiguous(self, groups):
        """Rule: "ordered so that blocs appear": declarations of one bloc (similar within, unlike across) come
        next to each other, and every declaration comes once."""
        ids = [f"d{i}" for i in range(len(groups))]
        bloc = dict(zip(ids, groups))
        similarity = {(a, b): 1.0 if a == b else 0.6 if bloc[a] == bloc[b] else 0.0 for a in ids for b in ids}
        order = _seriate(ids, similarity)
        assert sorted(ids) == sorted(order)
        seen = [bloc[i] for i in order]
        runs = [g for k, g in enumerate(seen) if k == 0 or seen[k - 1] != g]
        assert len(set(runs)) == len(runs)
