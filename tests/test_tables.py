"""Tests for coalitions.interop.tables: signatures and memberships as records, CSV and data frames."""

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
            "signer_name": "Ahmad", "as_printed": None, "role": "speaker", "status": "disputed", "on_behalf_of": None,
            "sources": "doc; web", "contradicted_by": "other", "note": "line\nbreak",
        } == rows[1]  # fmt: skip
        assert None is rows[2]["signer_type"]

    def test_memberships(self) -> None:
        """Each membership is one row with its dates as written and their outer bounds."""
        (row,) = to_records(_corpus(), "memberships")
        assert ("council", "party-a", "organisation", "2024-02", "2024-02-01", "2025", "2025-12-31") == (
            row["organisation"], row["member"], row["member_type"], row["start"], row["start_earliest"], row["end"],
            row["end_latest"])  # fmt: skip

    def test_unknown_table(self) -> None:
        """An unknown table name is a ValueError naming the tables."""
        with pytest.raises(ValueError, match="signatures, memberships"):
            to_records(_corpus(), "votes")  # type: ignore[arg-type]


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
                    assert (value or "") == (cell[1:] if cell != value and cell.startswith("'") else cell)


class TestToDataframe:
    """pandas data frames."""

    def test_missing_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas the error says what to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(MissingDependency, match="pip install pandas"):
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

    def test_real_pandas(self) -> None:
        """With pandas installed, the frame has one row per record and the columns in order."""
        pandas = pytest.importorskip("pandas", reason="pandas is not installed (it is not a coalitions extra)")
        frame = to_dataframe(_corpus())
        assert list(COLUMNS["signatures"]) == list(frame.columns)
        assert 3 == len(frame) and isinstance(frame, pandas.DataFrame)
