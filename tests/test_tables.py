"""Tests for coalitions.interop.tables: the corpus's tables (organisations, people, declarations, signatures,
memberships, sources, metrics) as records, CSV and data frames."""

from __future__ import annotations

import csv
import io
import sys
import types
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import any_corpora

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    DeclarationKind,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Signature,
    SignatureRole,
    Status,
    parse_when,
)
from coalitions import MissingDependency
from coalitions.interop.tables import COLUMNS, to_csv, to_dataframe, to_records

DOC = (Citation("doc"),)


def _corpus() -> Corpus:
    party = Organisation("party-a", "=HYPERLINK(\"x\")", OrganisationKind.PARTY, DOC)
    council = Organisation("council", "The Council", OrganisationKind.COUNCIL, DOC)
    person = Person("ahmad", "Ahmad", DOC)
    declaration = Declaration(
        "doha", "Doha, 2024", DeclarationKind.JOINT_DECLARATION, (DateClaim(parse_when("Qaws 1403")),), DOC,
        signatures=(Signature(DOC, signer="party-a", as_printed="-Party A"),
                    Signature((Citation("doc"), Citation("web")), signer="ahmad", role=SignatureRole.SPEAKER,
                              status=Status.DISPUTED, contradicted_by=(Citation("other"),), note="line\nbreak"),
                    Signature(DOC, as_printed="@unknown")),
    )  # fmt: skip
    membership = Membership("council", "party-a", DOC, start=parse_when("2024-02"), end=parse_when("2025"))
    return Corpus([party, council], [person], [membership], [declaration])


class TestToRecords:
    """Plain Python rows."""

    def test_signatures(self) -> None:
        """Each signature is one row with the declaration's date at its precision and its day bounds."""
        rows = to_records(_corpus(), "signatures")
        assert 3 == len(rows)
        assert {
            "declaration": "doha", "declaration_title": "Doha, 2024", "date": "Qaws 1403",
            "date_earliest": "2024-11-21", "date_latest": "2024-12-20", "signer": "ahmad", "signer_type": "person",
            "signer_name": "Ahmad", "as_printed": None, "title": None, "affiliation": None, "role": "speaker",
            "tier": "took-part", "status": "disputed", "status_date": None, "status_date_earliest": None,
            "status_date_latest": None, "on_behalf_of": None, "sources": "doc; web", "contradicted_by": "other",
            "note": "line\nbreak",
        } == rows[1]  # fmt: skip
        assert None is rows[2]["signer_type"]

    def test_memberships(self) -> None:
        """Each membership is one row with its dates as written and their outer bounds."""
        (row,) = to_records(_corpus(), "memberships")
        assert ("council", "party-a", "organisation", "2024-02", "2024-02-01", "2025", "2025-12-31") == (
            row["organisation"], row["member"], row["member_type"], row["start"], row["start_earliest"], row["end"],
            row["end_latest"])  # fmt: skip

    def test_metrics_say_exact_and_partial(self, bundled) -> None:
        """Rule (issue #13, 6): each metric row says whether its range is exact and whether a list it counts is
        partial, names the claims that move it and the declarations left out (their lists unknown)."""
        from coalitions import metric_series

        rows = [r for r in to_records(bundled, "metrics") if r["metric"] == "coverage"]
        points = metric_series(bundled)
        assert [(p.coverage.exact, p.coverage.partial, "; ".join(p.unknown) or None) for p in points] == [
            (r["exact"], r["partial"], r["left_out"]) for r in rows]
        assert any(r["movers"] for r in rows)

    def test_unknown_table(self) -> None:
        """An unknown table name is a ValueError naming the tables."""
        with pytest.raises(ValueError, match="signatures, memberships, organisations, people, declarations, sources, "
                                             "metrics"):  # fmt: skip
            to_records(_corpus(), "votes")  # type: ignore[arg-type]

    def test_metric_options_only_for_metrics(self) -> None:
        """window and expand belong to the metrics table; elsewhere they are a mistake, not ignored."""
        with pytest.raises(ValueError, match="options of the metrics table"):
            to_records(_corpus(), "signatures", window="quarter")

    def test_records_of_each_kind(self) -> None:
        """Organisations, people, declarations and sources: one row a record, with ids, names, dates and counts."""
        corpus = _corpus()
        organisations = to_records(corpus, "organisations")
        assert (["council", "party-a"], [1, 0]) == ([r["id"] for r in organisations],
                                                   [r["members"] for r in organisations])  # fmt: skip
        assert [("ahmad", "Ahmad", "doc")] == [(r["id"], r["name"], r["sources"]) for r in to_records(corpus, "people")]
        (declaration,) = to_records(corpus, "declarations")
        assert ("Qaws 1403", "2024-11-21", "2024-12-20", False, 3) == (
            declaration["date"], declaration["date_earliest"], declaration["date_latest"], declaration["date_disputed"],
            declaration["signatures"])  # fmt: skip

    def test_disputed_dates_span_every_claim(self) -> None:
        """An organisation founded on one of two days: both written, the bounds over both."""
        founded = (DateClaim(parse_when("2021-08-16")), DateClaim(parse_when("2021-08-17")))
        corpus = Corpus([Organisation("front", "Front", OrganisationKind.FRONT, DOC, founded=founded)])
        (row,) = to_records(corpus, "organisations")
        assert ("2021-08-16; 2021-08-17", "2021-08-16", "2021-08-17") == (
            row["founded"], row["founded_earliest"], row["founded_latest"])  # fmt: skip


class TestMetricsTable:
    """The unity metrics over time, one row a window and metric."""

    def test_rows_are_the_series(self, bundled: Corpus) -> None:
        """Each row is one metric of one window of metric_series, with its low, high and exact."""
        from coalitions import metric_series
        from coalitions.interop.rows import METRICS

        points = metric_series(bundled, "year")
        rows = to_records(bundled, "metrics")
        assert len(points) * len(METRICS) == len(rows)
        first = points[0]

        def number(value: float) -> float | None:
            return None if value != value else value  # NaN: undefined

        assert [(first.window.to_text(), m, number(getattr(first, m).low), number(getattr(first, m).high),
                 getattr(first, m).exact) for m in METRICS] == [
            (r["window"], r["metric"], r["low"], r["high"], r["exact"]) for r in rows[:len(METRICS)]]  # fmt: skip

    def test_every_metric(self) -> None:
        """The table has a row for every metric a MetricPoint holds (a new metric cannot be left out)."""
        import attrs

        from coalitions import MetricPoint, Range
        from coalitions.interop.rows import METRICS

        assert [f.name for f in attrs.fields(MetricPoint) if f.type in (Range, "Range")] == list(METRICS)

    def test_undefined_is_empty(self) -> None:
        """A metric undefined in a window (NaN) is None in the records and an empty CSV cell."""
        rows = to_records(_corpus(), "metrics", window="quarter", expand=False)
        undefined = [r for r in rows if r["low"] is None]
        assert undefined and all(r["high"] is None for r in undefined)
        assert ",," in to_csv(_corpus(), "metrics", window="quarter")


class TestToCsv:
    """CSV text."""

    def test_header_and_neutralised_cells(self) -> None:
        """The header is the column list; cells starting with = + - @ get a leading quote."""
        rows = list(csv.reader(io.StringIO(to_csv(_corpus(), "signatures"))))
        assert list(COLUMNS["signatures"]) == rows[0]
        assert "'-Party A" == rows[1][rows[0].index("as_printed")]
        assert "'@unknown" == rows[3][rows[0].index("as_printed")]
        assert "line\nbreak" == rows[2][rows[0].index("note")]
        membership_rows = list(csv.DictReader(io.StringIO(to_csv(_corpus(), "memberships"))))
        assert "'=HYPERLINK(\"x\")" == membership_rows[0]["member_name"]

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(any_corpora(max_size=2))
    def test_read_back(self, corpus: Corpus) -> None:
        """Rule: "CSV read back by the csv module": every row has every column, cells equal the records
        (None as empty, formula-like text with a leading quote), and no cell starts with = + - @ tab or CR."""
        for table in COLUMNS:
            rows = list(csv.DictReader(io.StringIO(to_csv(corpus, table), newline="")))
            records = to_records(corpus, table)
            assert len(records) == len(rows)
            for record, row in zip(records, rows):
                assert list(COLUMNS[table]) == list(row)
                for column, value in record.items():
                    cell = row[column]
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                    if isinstance(value, str) or value is None:
                        assert (value or "") == (cell[1:] if cell != value and cell.startswith("'") else cell)
                    else:  # a count, a flag or a metric's value
                        assert (str(value).lower() if isinstance(value, bool) else str(value)) == cell


class TestToDataframe:
    """pandas data frames."""

    def test_missing_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas the error says what to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(MissingDependency, match='pip install "coalitions\\[pandas\\]"'):
            to_dataframe(_corpus())

    def test_with_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With pandas (here a stand-in recording the call), the records and the column order are passed on."""
        calls: list[tuple[Any, Any]] = []
        fake = types.ModuleType("pandas")
        fake.DataFrame = types.SimpleNamespace(  # type: ignore[attr-defined]
            from_records=lambda records, columns: calls.append((records, columns)) or "frame")
        monkeypatch.setitem(sys.modules, "pandas", fake)
        assert "frame" == to_dataframe(_corpus(), "memberships")
        assert [(to_records(_corpus(), "memberships"), list(COLUMNS["memberships"]))] == calls

    @pytest.mark.parametrize("table", list(COLUMNS))
    def test_real_pandas(self, table: str) -> None:
        """With pandas installed (the pandas extra), every table is a frame with one row per record and the columns
        in order."""
        pandas = pytest.importorskip("pandas", reason="pandas is not installed (coalitions[pandas])")
        frame = to_dataframe(_corpus(), table)  # type: ignore[arg-type]
        assert list(COLUMNS[table]) == list(frame.columns)
        assert len(to_records(_corpus(), table)) == len(frame) and isinstance(frame, pandas.DataFrame)  # type: ignore[arg-type]

    def test_metric_columns_are_numbers(self) -> None:
        """The metrics frame has low, high and exact as numbers and booleans a script can compute with."""
        pytest.importorskip("pandas", reason="pandas is not installed (coalitions[pandas])")
        frame = to_dataframe(_corpus(), "metrics")
        assert ("f", "f", "b") == (frame["low"].dtype.kind, frame["high"].dtype.kind, frame["exact"].dtype.kind)


def test_export_offers_every_table() -> None:
    """`coalitions export --format csv --table` offers every table (kept apart so that --help imports no interop)."""
    from coalitions.cli.export import TABLES

    assert tuple(COLUMNS) == TABLES
