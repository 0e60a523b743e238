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

from coalitions import Citation, Corpus, Membership, Organisation, Status, When, load, members_at, parse_when
from coalitions.report import Filters, Report, Section, Table, build_report, render_html
from coalitions.report.charts_data import CATEGORIES, _seriate, category, draw_to

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
        table = golden.table("declarations")
        latest = table.rows[-1][table.columns.index("id")]
        assert "The latest declarations" in summary and f'data-record="{latest}"' in summary
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
        ("asserted", "2021-10", "certain"), ("asserted", None, "undated"), ("unclear", "2021", "disputed"),
        ("disputed", None, "disputed"), ("denied", None, "denied"), ("declined", "2022", "declined"),
        ("withdrawn", "2022", "withdrawn"),
    ])  # fmt: skip
    def test_categories(self, status, start, expected):
        """A membership's category comes from its status (unclear with disputed: the sources leave it open), and for
        an asserted one whether its start is known; "possible" is drawn from the analysis's days, not a status."""
        membership = Membership("c", "p", (Citation("s"),), start=parse_when(start) if start else None,
                                status=Status(status))  # fmt: skip
        assert expected == category(membership)
        assert expected in CATEGORIES


def undated_corpus() -> Corpus:
    """A council founded in 2020 with a member from 2021-03 (no end), an undated one, one shown by a dated document
    and a withdrawn one; the corpus ends in 2024-06."""
    from coalitions import DateClaim, Declaration, PrintedMember, Signature

    src = (Citation("s"),)
    orgs = [Organisation("c", "Council", "council", src, founded=(DateClaim(When.of("2020")),)),
            *(Organisation(i, i.upper(), "party", src) for i in ("a", "b", "d", "w"))]  # fmt: skip
    return Corpus(orgs, memberships=[
        Membership("c", "a", src, start=When.of("2021-03")), Membership("c", "b", src), Membership("c", "d", src),
        Membership("c", "w", src, start=When.of("2021"), status=Status.WITHDRAWN,
                   status_date=When.of("2022-05-01")),
    ], declarations=[Declaration("x", "X", "statement", (DateClaim(When.of("2024-06-10")),), src, signatures=(
        Signature(src, "c", printed_members=(PrintedMember("D", "d"),)),))])  # fmt: skip


class TestChartData:
    def test_open_bars_stop_at_the_last_day(self, golden):
        """Rule (issue #13, 5): a membership with no known end is open and drawn to the last day the corpus covers
        (no later than the end of the period), never to today."""
        bars = golden.table("membership-bars")
        c = {n: i for i, n in enumerate(bars.columns)}
        corpus = load(GOLDEN)
        assert datetime.date(2024, 1, 16) == corpus.last_day == draw_to(corpus, Filters(end="2024-12-31"))
        assert {"2024-01-16"} == {r[c["last day"]] for r in bars.rows}
        assert all(r[c["open end"]] == (not r[c["end"]]) for r in bars.rows)
        assert datetime.date(2023, 6, 30) == draw_to(corpus, Filters(end="2023-06"))

    def test_undated_is_drawn_undated(self):
        """Rule (issue #13, 5): an undated membership is drawn as undated, not as a bar from the founding to today:
        it has no days of its own, only the days a dated document shows it; a dated one has the analysis's days
        (possible in its first month, certain after); a withdrawn one ends on the day it was withdrawn."""
        report = build_report(undated_corpus())
        bars = report.table("membership-bars")
        c = {n: i for i, n in enumerate(bars.columns)}
        by = {r[c["member id"]]: r for r in bars.rows}
        assert (True, None, None, ()) == tuple(by["b"][c[k]] for k in ("undated", "may from", "may to", "shown on"))
        assert (True, ("2024-06-10",)) == (by["d"][c["undated"]], by["d"][c["shown on"]])
        assert ("certain", False, "2021-03-01", "2021-03-31", None, True) == tuple(
            by["a"][c[k]] for k in ("category", "undated", "may from", "certain from", "may to", "open end"))
        assert ("withdrawn", "2022-04-30", False) == tuple(by["w"][c[k]] for k in ("category", "may to", "open end"))

    def test_undated_in_the_compositions(self):
        """The cursor's compositions give an undated member as undated on every day, certain on the day a document
        shows it, never a member before the council was founded."""
        report = build_report(undated_corpus())
        rows = report.table("council-compositions").rows
        on = {(r[1], r[3]): r[5] for r in rows}
        assert "undated" == on[("2020-01-01", "b")] and "certain" == on[("2024-06-10", "d")]
        assert all(r[3] is None for r in rows if r[1] == "")  # before its founding: no member

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
            expected = sorted((m.member, m.certainty) for m in members_at(corpus, str(council), str(day)))
            assert expected == sorted((str(r[3]), r[5]) for r in rows if (r[0], r[1]) == (council, day) and r[3])

    def test_blocs_pairs_are_symmetric_and_ordered(self, golden):
        """The heatmap's pairs are every pair of its declarations, in the order of its rows, symmetric, with one on
        the diagonal, each with its range."""
        table, pairs = golden.table("overlap-blocs"), golden.table("overlap-bloc-pairs")
        ids = [str(r[0]) for r in table.rows]
        assert [(a, b) for a in ids for b in ids] == [(r[0], r[1]) for r in pairs.rows]
        value = {(r[0], r[1]): (r[2], r[4], r[5]) for r in pairs.rows}
        assert all(value[(a, a)] == (1.0, 1.0, 1.0) for a in ids)
        assert all(value[(a, b)] == value[(b, a)] for a in ids for b in ids)
        assert all(low <= v <= high for v, low, high in value.values())

    def test_network_has_no_host(self):
        """Rule (issue #13, 2): the network is co-signing's: an organiser is not a node, an invited guest no edge."""
        from coalitions import DateClaim, Declaration, Signature

        src = (Citation("s"),)
        corpus = Corpus([Organisation(i, i.upper(), k, src) for i, k in (("h", "institute"), ("p", "party"),
                                                                          ("q", "party"), ("t", "movement"))],
                        declarations=[Declaration("c", "C", "conference", (DateClaim(When.of("2023-11-27")),), src,
                                                  signatures=(Signature(src, "h", role="organiser"),
                                                              Signature(src, "p", role="participant"),
                                                              Signature(src, "q", role="participant"),
                                                              Signature(src, "t", role="invited")))])  # fmt: skip
        report = build_report(corpus)
        assert ["p", "q"] == sorted(r[0] for r in report.table("network-nodes").rows)
        assert [("p", "q")] == [(r[0], r[1]) for r in report.table("network-edges").rows]


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
