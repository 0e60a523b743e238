"""Tests of coalitions.report: the report's content as plain data, built from the small golden corpus."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coalitions import load
from coalitions.model.errors import CoalitionsError, NotFound
from coalitions.report import REPORT_VERSION, Filters, Report, Table, build_report

GOLDEN = Path(__file__).parent / "golden" / "corpus"


@pytest.fixture(scope="module")
def corpus():
    """The small fixed corpus of the golden-file tests."""
    return load(GOLDEN)


def rows(report: Report, key: str, *columns: str) -> list[tuple]:
    """The cells of ``columns`` of table ``key``, row by row."""
    table = report.table(key)
    index = [table.columns.index(c) for c in columns]
    return [tuple(row[i] for i in index) for row in table.rows]


class TestFilters:
    def test_dates_at_any_precision(self):
        """--from and --to take text at any precision; a declaration is in the period when it may fall in it."""
        filters = Filters(start="2023", end="2024-01-15")
        assert filters.covers(load_when("2023-05"))
        assert filters.covers(load_when("2024-01"))  # may be on the 15th or before
        assert not filters.covers(load_when("2024-01-16"))
        assert not filters.covers(load_when("2022-12-31"))

    def test_end_before_start(self):
        """A period that ends before it starts is refused with a CoalitionsError."""
        with pytest.raises(CoalitionsError, match="before"):
            Filters(start="2024", end="2023")

    def test_window(self):
        """Only year and quarter windows exist."""
        with pytest.raises(CoalitionsError, match="window"):
            Filters(window="month")

    def test_now_is_never_the_wall_clock(self, corpus):
        """Rule (issue #13, 5): "now" is the last day the corpus covers, or the end of the period when it comes
        first, or --at; never today."""
        assert load_when("2024-01-16") == Filters().now_in(corpus) == Filters(end="2030").now_in(corpus)
        assert datetime.date(2024, 1, 16) == corpus.last_day
        assert load_when("2023-12-31") == Filters(end="2023").now_in(corpus)
        assert load_when("2022-05") == Filters(end="2023", at="2022-05").now_in(corpus)
        assert None is Filters().now  # until resolved against a corpus


def load_when(text: str):
    """A When from text."""
    from coalitions import When

    return When.of(text)


class TestBuildReport:
    def test_sections_in_reading_order(self, corpus):
        """The report has the sections the issue lists, in this order, and the current shape version."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert 2 == REPORT_VERSION == report.version
        assert ["summary", "declarations", "organisations", "councils", "overlap", "unity", "warnings"] == [
            s.key for s in report.sections
        ]

    def test_says_its_scope_roles_and_representation(self, corpus):
        """Rule (issue #13, 1-3): the report states the scope it used, what it counted (a document's signatories,
        an event's signatories and participants, hosts never) and how representatives and people in their own name
        count."""
        lines = build_report(corpus).section("summary").lines
        assert "Who counts: everyone (no scope)." in lines
        counted = next(line for line in lines if line.startswith("Counted:"))
        assert "who signed a document (signatory, endorser, representative)" in counted
        assert "signed or took part in an event" in counted and "never who hosted (organiser, host)" in counted
        represented = next(line for line in lines if line.startswith("Representation:"))
        assert "counts as that organisation, once" in represented and "in their own name counts as themselves" in \
            represented  # fmt: skip
        assert ("scope", "all") in build_report(corpus, Filters(scope="all")).filters

    def test_says_the_scope_it_used(self):
        """With a default scope in the corpus's settings, the report names it and counts only what is in it."""
        report = build_report(scoped())
        assert "Who counts: The movement (scope 'movement')." in report.section("summary").lines
        assert ["p"] == [r[0] for r in rows(report, "organisations", "id")]
        everyone = build_report(scoped(), Filters(scope="all"))
        assert ["p", "t"] == sorted(r[0] for r in rows(everyone, "organisations", "id"))

    def test_unknown_scope(self, corpus):
        """An unknown scope is NotFound."""
        with pytest.raises(NotFound, match="scope"):
            build_report(corpus, Filters(scope="nope"))

    def test_declarations_in_date_order_with_claims(self, corpus):
        """Declarations come in date order, dates in cells of their own, with their uncertain claims named."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [
            ("2022-02-10", "2022-02-10", "2022-02-10", (), "first-call", ()),
            ("2023-05", "2023-05-01", "2023-05-31", (), "second-letter", ()),
            ("2024-01-15", "2024-01-15", "2024-01-16", ("2024-01-16",), "third-statement",
             ("Green Movement signed the statement of 2024-01-15 (disputed)",)),
        ] == rows(report, "declarations", "date", "earliest", "latest", "other dates", "id", "uncertain claims")

    def test_signatories_printed_and_expanded(self, corpus):
        """Signatories as printed keep the printed name, role and status; expanding adds the council's members;
        a speaker at a statement is shown, not counted (a document counts who signed it)."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        printed, added, counted = zip(*rows(report, "declarations", "signatories as printed",
                                            "added by expanding councils", "organisations counted"))  # fmt: skip
        assert ("Alpha Council", "Jane Doe (speaker)", "Green Movement (disputed)", "~12 organisations") == printed[2]
        assert (("Blue Party", "Red Party"), (), ("Red Party",)) == added
        assert ("Alpha Council", "Green Movement") == counted[2]

    def test_represented(self):
        """Rule (issue #13, 3): who signed for an organisation is named, and the organisation counts once."""
        report = build_report(scoped())
        assert [(("P (by Ann, Bob)",), "partial"), ((), "unknown")] == rows(report, "declarations", "represented",
                                                                            "organisations listed")  # fmt: skip
        assert [("p", "1")] == rows(report, "organisations", "id", "declarations")

    def test_organisations(self, corpus):
        """Each organisation: how many declarations count it (a range where an uncertain claim decides), first and
        last seen, and the councils it is in on the last day the corpus covers, with the status when not
        asserted."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [
            ("alpha-council", "2", True, "2022-02-10", "2024-01-15", ()),
            ("blue-party", "1", True, "2023-05", "2023-05", ()),
            ("green-movement", "1 to 2", True, "2022-02-10", "2024-01-15", ("Alpha Council (disputed)",)),
            ("red-party", "1", True, "2023-05", "2023-05", ("Alpha Council",)),
            ("version-party", "1", True, "2023-05", "2023-05", ()),
        ] == rows(report, "organisations", "id", "declarations", "declarations exact", "first seen", "last seen",
                  "bodies with member organisations on 2024-01-16")  # fmt: skip

    def test_the_corpus_word_for_councils(self, corpus):
        """Rule (issue #13): the report says councils with the corpus's own word (corpus.yaml), the default
        otherwise."""
        import attrs

        from coalitions import Settings
        from coalitions.model.settings import Words

        report = build_report(attrs.evolve(corpus, settings=Settings(words=Words("alliances"))))
        assert "Alliances over time" == report.section("councils").title
        assert "alliances on 2024-01-16" in report.table("organisations").columns
        assert "Alliances: 1." in report.section("summary").lines
        assert "Bodies with member organisations over time" == build_report(corpus).section("councils").title

    def test_council_members_now(self, corpus):
        """Each council's members on "now", with their certainty and status."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [("green-movement", "certain", "disputed"), ("red-party", "certain", "asserted")] == rows(
            report, "council-members", "member id", "certainty", "status")
        earlier = build_report(corpus, Filters(at="2022-01-15"))
        assert [("red-party", "possible", "asserted")] == rows(earlier, "council-members", "member id", "certainty",
                                                               "status")  # fmt: skip

    def test_council_changes(self, corpus):
        """Joins and departures of each council in date order."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [
            ("2022-01", "red-party", "joined"),
            ("2022-03-01", "blue-party", "joined"),
            ("2023", "green-movement", "disputed"),
            ("2023-06", "blue-party", "left"),
        ] == rows(report, "council-changes", "date", "member id", "change")

    def test_undated_and_listed_changes(self):
        """Rule (issue #13, 5): an undated membership is a change of its own (undated, last), one a dated document
        shows is "listed" on that day, a rename is a change on its day; relations are shown with their dates."""
        report = build_report(undated())
        assert [("2023-05", "old", "renamed-from"), ("2024-06-10", "d", "listed"), ("undated", "b", "undated")] == rows(
            report, "council-changes", "date", "member id", "change")
        assert [("2023-05", "c", "renamed-from", "old")] == rows(report, "relations", "date", "organisation id",
                                                                  "relation", "other id")  # fmt: skip

    def test_overlap_and_partners(self, corpus):
        """The most overlapping declarations and the most frequent co-signing partners, each a range over the
        readings of the uncertain claims (Green Movement's disputed signature of the third statement)."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [("first-call", "third-statement", "1 to 2", 1, 2, "0.5 to 1", 0.5, 1.0, True)] == rows(
            report, "overlap", "a", "b", "shared", "shared low", "shared high", "jaccard", "jaccard low",
            "jaccard high", "exact")
        assert ("alpha-council", "green-movement", "1 to 2", 1, 2) == rows(
            report, "partners", "a", "b", "together", "together low", "together high")[0]
        assert [("first-call", "first-call", "1"), ("first-call", "third-statement", "0.5 to 1"),
                ("third-statement", "first-call", "0.5 to 1"), ("third-statement", "third-statement", "1")] == rows(
            report, "overlap-matrix", "a", "b", "jaccard")  # fmt: skip

    def test_unknown_lists_are_left_out_and_listed(self):
        """Rule (issue #13, 4): a declaration whose list is unknown is listed as such, left out of the overlap and
        counted among the unity table's left out, never as an empty list."""
        report = build_report(scoped())
        assert [("m", "unknown")] == rows(report, "lists", "id", "organisations listed")[1:]
        assert "c" in [r[0] for r in rows(report, "lists", "id")]
        assert any("Left out: 1 declarations" in line for line in report.section("overlap").lines)
        assert [(2, 1)] == rows(report, "unity", "declarations", "left out")

    def test_unity_ranges(self, corpus):
        """Unity metrics per window, with a range where uncertain claims matter, and the claims that move them."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [("2022", 1, "0.75"), ("2023", 1, "0.75"), ("2024", 1, "0.25 to 0.5")] == rows(
            report, "unity", "window", "declarations", "coverage"
        )
        assert [("Green Movement a member of Alpha Council (disputed)", 1, ("2024",))] == rows(
            report, "unity-movers", "claim", "figures moved", "windows")

    def test_from_filter(self, corpus):
        """--from 2023 leaves out the 2022 declaration and the changes that certainly came before."""
        report = build_report(corpus, Filters(start="2023", end="2024-12-31"))
        assert ["second-letter", "third-statement"] == [r[0] for r in rows(report, "declarations", "id")]
        assert ["green-movement", "blue-party"] == [r[0] for r in rows(report, "council-changes", "member id")]

    def test_organisation_filter(self, corpus):
        """--organisation narrows to what counts it, and lists its partners (as co-signing counts them: organisations
        only); it is looked up by any name."""
        report = build_report(corpus, Filters(organisation="Green Movement", end="2024-12-31"))
        assert ["first-call", "third-statement"] == [r[0] for r in rows(report, "declarations", "id")]
        assert [("alpha-council", "1 to 2")] == rows(report, "partners", "id", "together")
        assert [("green-movement",)] == rows(report, "organisations", "id")

    def test_council_filter(self, corpus):
        """--council narrows the councils section to that council and the organisations to it and its members."""
        report = build_report(corpus, Filters(council="AC", end="2024-12-31"))
        assert {"alpha-council", "red-party", "blue-party", "green-movement"} == {
            r[0] for r in rows(report, "organisations", "id")
        }

    def test_expand(self, corpus):
        """With --expand, a council's signature counts for its members."""
        report = build_report(corpus, Filters(expand=True, end="2024-12-31"))
        counted = dict(rows(report, "organisations", "id", "declarations"))
        assert "3" == counted["red-party"]  # printed in first-call, a member in third-statement, own second-letter

    def test_unknown_organisation(self, corpus):
        """An unknown organisation is NotFound with a suggestion."""
        with pytest.raises(NotFound, match="did you mean 'red-party'"):
            build_report(corpus, Filters(organisation="red-partyy"))

    def test_missing_table(self):
        """Report.table names the tables it has when asked for one it lacks."""
        report = Report("t", ())
        with pytest.raises(KeyError, match="no table 'x'"):
            report.table("x")

    def test_visible_columns(self):
        """A table shows the columns in ``shown``, all of them by default."""
        assert (0, 2) == Table("t", "T", ("a", "b", "c"), shown=("c", "a")).visible_columns()
        assert (0, 1) == Table("t", "T", ("a", "b")).visible_columns()


class TestInexactRanges:
    def test_marked_in_every_format(self):
        """Rule (issue #13, 6): "wherever a range is not exact it says so in every output (text, Markdown, HTML,
        JSON): never a bare number that looks exact": a window whose claims exceed what the search covers says
        "not exact" in text, Markdown and the page, and carries exact false with its low and high in JSON and
        CSV."""
        import csv
        import io
        import json

        from coalitions.report import render

        report = build_report(crowded())
        table = report.table("unity")
        row = dict(zip(table.columns, table.rows[0]))
        assert row["coverage"].endswith("(not exact)") and row["coverage exact"] is False
        for fmt in ("text", "markdown", "html"):
            assert "(not exact)" in render(report, fmt, charts=False), fmt
        data = json.loads(render(report, "json"))
        unity = next(t for s in data["sections"] for t in s["tables"] if t["key"] == "unity")
        cells = dict(zip(unity["columns"], unity["rows"][0]))
        assert (False, True) == (cells["coverage exact"], cells["coverage low"] <= cells["coverage high"])
        found = next(csv.DictReader(io.StringIO(render(report, "csv", table="unity"))))
        assert ("no", str(cells["coverage low"])) == (found["coverage exact"], found["coverage low"])

    def test_csv_one_value_a_cell(self, corpus):
        """Rule (issue #11): the CSV keeps one value a cell: a declaration's dates and a range have columns of
        their own, never "2024-01-15 (or 2024-01-16)" or "1 to 2" alone."""
        import csv
        import io

        from coalitions.report import render

        report = build_report(corpus)
        third = list(csv.DictReader(io.StringIO(render(report, "csv", table="declarations"))))[2]
        assert ("2024-01-15", "2024-01-15", "2024-01-16", "2024-01-16") == (
            third["date"], third["earliest"], third["latest"], third["other dates"])
        green = list(csv.DictReader(io.StringIO(render(report, "csv", table="organisations"))))[2]
        assert ("1", "2", "yes") == (green["declarations low"], green["declarations high"],
                                     green["declarations exact"])  # fmt: skip


def scoped():
    """A corpus whose default scope leaves the Taliban out: a conference an institute hosts, where Ann and Bob
    attend for a party and the Taliban are invited, and a meeting that names nobody who counts."""
    from coalitions import (Citation, Corpus, DateClaim, Declaration, Organisation, Person, Scope, ScopeEntry,
                            Settings, Signature, When)  # fmt: skip

    src = (Citation("s"),)
    scope = Scope("movement", "The movement", default=True, entries=(ScopeEntry("t", src, included=False),))
    orgs = [Organisation(i, i.upper(), k, src) for i, k in (("p", "party"), ("h", "institute"), ("t", "movement"))]
    return Corpus(orgs, [Person("ann", "Ann", src), Person("bob", "Bob", src)], declarations=[
        Declaration("c", "C", "conference", (DateClaim(When.of("2024-02-15")),), src, signatures=(
            Signature(src, "h", role="organiser"), Signature(src, "ann", role="participant", on_behalf_of="p"),
            Signature(src, "bob", role="participant", on_behalf_of="p"), Signature(src, "t", role="participant"))),
        Declaration("m", "M", "meeting", (DateClaim(When.of("2024-03")),), src, signatures=(
            Signature(src, "h", role="host"),)),
    ], settings=Settings(scopes=(scope,)))  # fmt: skip


def undated():
    """A council with an undated member, one a dated document shows, and a rename dated 2023-05."""
    from coalitions import (Citation, Corpus, DateClaim, Declaration, Membership, Organisation, PrintedMember,
                            Relation, Signature, When)  # fmt: skip

    src = (Citation("s"),)
    orgs = [Organisation("c", "C", "council", src, relations=(Relation("renamed-from", "old", sources=src,
                                                                        date=When.of("2023-05")),)),
            *(Organisation(i, i.upper(), "party", src) for i in ("b", "d", "old"))]  # fmt: skip
    return Corpus(orgs, memberships=[Membership("c", "b", src), Membership("c", "d", src)], declarations=[
        Declaration("x", "X", "statement", (DateClaim(When.of("2024-06-10")),), src, signatures=(
            Signature(src, "c", printed_members=(PrintedMember("D", "d"),)),))])  # fmt: skip


def crowded():
    """One statement signed by a party and fourteen disputed ones: more claims than the search covers exactly."""
    from coalitions import Citation, Corpus, DateClaim, Declaration, Organisation, Signature, When

    src = (Citation("s"),)
    orgs = [Organisation(f"p{i}", f"P{i}", "party", src) for i in range(15)]
    signatures = (Signature(src, "p0"), *(Signature(src, f"p{i}", status="disputed") for i in range(1, 15)))
    return Corpus(orgs, declarations=[Declaration("d", "D", "statement", (DateClaim(When.of("2024-02-15")),), src,
                                                  signatures=signatures)])  # fmt: skip


def test_json_same_under_any_hash_seed() -> None:
    """The JSON report of the bundled data (plain and with councils expanded) is byte-identical whatever the hash
    seed, which changes the iteration order of sets of ids from run to run: run in two interpreters with
    different PYTHONHASHSEED."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = [sys.executable, "-m", "coalitions", "report", "--format", "json", "--to", "2025-12-31"]
        plain = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
        expanded = subprocess.run([*run, "--expand"], env=env, capture_output=True, text=True, check=True).stdout
        outputs.append((plain, expanded))
    assert outputs[0] == outputs[1]
    assert '"most overlapping declarations"' in outputs[0][0].lower()
