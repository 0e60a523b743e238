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

    def test_now_is_the_end_of_the_period(self):
        """'Now' is the last day of the period, else the given today."""
        assert datetime.date(2024, 12, 31) == Filters(end="2024").now
        assert datetime.date(2023, 3, 1) == Filters(today=datetime.date(2023, 3, 1)).now


def load_when(text: str):
    """A When from text."""
    from coalitions import When

    return When.of(text)


class TestBuildReport:
    def test_sections_in_reading_order(self, corpus):
        """The report has the sections the issue lists, in this order, and the current shape version."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert REPORT_VERSION == report.version
        assert ["summary", "declarations", "organisations", "councils", "overlap", "unity", "warnings"] == [
            s.key for s in report.sections
        ]

    def test_declarations_in_date_order_with_disputes(self, corpus):
        """Declarations come in date order, dates at their precision, with disputed claims listed."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [
            ("2022-02-10", "first-call", ()),
            ("2023-05", "second-letter", ()),
            ("2024-01-15 (or 2024-01-16)", "third-statement",
             ("date: 2024-01-15 vs 2024-01-16", "Green Movement: disputed")),
        ] == rows(report, "declarations", "date", "id", "disputed")  # fmt: skip

    def test_signatories_printed_and_expanded(self, corpus):
        """Signatories as printed keep the printed name, role and status; expanding adds the council's members."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        printed, added = zip(*rows(report, "declarations", "signatories as printed", "added by expanding councils"))
        assert ("Alpha Council", "Jane Doe (speaker)", "Green Movement (disputed)", "~12 organisations") == printed[2]
        assert (("Blue Party", "Red Party"), (), ("Red Party",)) == added

    def test_organisations(self, corpus):
        """Each organisation: declarations signed, first and last seen, and the councils it is in now."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [
            ("alpha-council", 2, "2022-02-10", "2024-01-15", ()),
            ("blue-party", 1, "2023-05", "2023-05", ()),
            ("green-movement", 2, "2022-02-10", "2024-01-15", ("Alpha Council?",)),
            ("red-party", 1, "2023-05", "2023-05", ("Alpha Council",)),
            ("version-party", 1, "2023-05", "2023-05", ()),
        ] == rows(report, "organisations", "id", "declarations signed", "first seen", "last seen",
                  "councils on 2024-12-31")  # fmt: skip

    def test_council_changes(self, corpus):
        """Joins and departures of each council in date order."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [
            ("2022-01", "red-party", "joined"),
            ("2022-03-01", "blue-party", "joined"),
            ("2023", "green-movement", "disputed"),
            ("2023-06", "blue-party", "left"),
        ] == rows(report, "council-changes", "date", "member id", "change")

    def test_overlap_and_partners(self, corpus):
        """The most overlapping declarations with Jaccard, and the most frequent co-signing partners."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [("first-call", "third-statement", 2, 0.667)] == rows(
            report, "overlap", "a", "b", "shared signers", "jaccard"
        )
        assert ("alpha-council", "green-movement", 2) == rows(report, "partners", "a", "b",
                                                              "declarations together")[0]  # fmt: skip
        assert (("first-call", 1.0, 0.667), ("third-statement", 0.667, 1.0)) == report.table("overlap-matrix").rows

    def test_unity_ranges(self, corpus):
        """Unity metrics per window, with a range where disputed claims matter."""
        report = build_report(corpus, Filters(end="2024-12-31"))
        assert [("2022", 1, "0.75"), ("2023", 1, "0.75"), ("2024", 1, "0.25 to 0.5")] == rows(
            report, "unity", "window", "declarations", "coverage"
        )

    def test_from_filter(self, corpus):
        """--from 2023 leaves out the 2022 declaration and the changes that certainly came before."""
        report = build_report(corpus, Filters(start="2023", end="2024-12-31"))
        assert ["second-letter", "third-statement"] == [r[0] for r in rows(report, "declarations", "id")]
        assert ["green-movement", "blue-party"] == [r[0] for r in rows(report, "council-changes", "member id")]

    def test_organisation_filter(self, corpus):
        """--organisation narrows to what it signed, and lists its partners; it is looked up by any name."""
        report = build_report(corpus, Filters(organisation="Green Movement", end="2024-12-31"))
        assert ["first-call", "third-statement"] == [r[0] for r in rows(report, "declarations", "id")]
        assert [("alpha-council", 2), ("jane-doe", 1)] == rows(report, "partners", "id", "declarations together")
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
        signed = dict(rows(report, "organisations", "id", "declarations signed"))
        assert 3 == signed["red-party"]  # printed in first-call, a member in third-statement, own second-letter

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
