"""Change over time: a council's dated changes and joined/left/stayed along a series (coalitions.analysis.change)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given

from coalitions import (
    Citation,
    Corpus,
    CycleError,
    DateClaim,
    Declaration,
    Membership,
    Signature,
    Status,
    When,
    composition_changes,
    series_changes,
    signatories,
)
from coalitions.model.errors import NotFound
from strategies import cyclic_corpora, nested_corpora

SRC = (Citation("doc"),)


def membership(council: str, member: str, start: str | None = None, end: str | None = None,
               status: str = "asserted") -> Membership:  # fmt: skip
    """A membership citing ``doc``."""
    return Membership(council, member, SRC, start=When.of(start) if start else None,
                      end=When.of(end) if end else None, status=Status(status))  # fmt: skip


def declaration(decl_id: str, date: str, signers: str, series: tuple[str, ...] = ("doha",)) -> Declaration:
    """A statement citing ``doc``, signed by each letter of ``signers``."""
    return Declaration(decl_id, decl_id, "statement", (DateClaim(When.of(date)),), SRC, series=series,
                       signatures=tuple(Signature(SRC, s) for s in signers))  # fmt: skip


COUNCIL = Corpus(memberships=[
    membership("top", "council", "2021"),
    membership("council", "a", "2021-05", "2023-02"),
    membership("council", "b", "2022-03-04", status="disputed"),
    membership("council", "c", "2022", status="withdrawn", end="2024-01"),
    membership("council", "d", "2023", status="declined"),
    membership("council", "e"),
])  # fmt: skip


class TestCompositionChanges:
    """composition_changes: a council's composition over time as dated changes."""

    def test_all(self) -> None:
        """Every change, in date order; the undated membership gives one undated change, last, never none."""
        assert [("2021-05", "a", "joined"), ("2022", "c", "joined"), ("2022-03-04", "b", "disputed"),
                ("2023", "d", "declined"), ("2023-02", "a", "left"), ("2024-01", "c", "withdrew"),
                ("undated", "e", "undated")] == [
            (c.date_text, c.member, c.kind) for c in composition_changes(COUNCIL, "council")]  # fmt: skip

    def test_between_dates(self) -> None:
        """Only the changes that may fall between the two dates (a year-dated change may fall in 2023-01; an
        undated one may fall anywhere)."""
        assert ["d", "a", "e"] == [c.member for c in composition_changes(COUNCIL, "council", "2023-01", "2023-06")]

    def test_expanded(self) -> None:
        """Expanded, the changes inside member councils come with the chain of councils."""
        found = [(c.member, c.via) for c in composition_changes(COUNCIL, "top", expand=True)]
        assert ("council", ()) == found[0] and ("a", ("top",)) in found

    @given(cyclic_corpora())
    def test_cycle_refused(self, case: tuple[Corpus, str]) -> None:
        """Rule: expansion "refuses a cycle"."""
        corpus, council = case
        with pytest.raises(CycleError):
            composition_changes(corpus, council, expand=True)


SERIES = Corpus(declarations=[
    declaration("d1", "2022-01-01", "abc"),
    declaration("d3", "2024-01-01", "cde"),
    declaration("d2", "2023-01-01", "bcd"),
    declaration("other", "2023-06-01", "xyz", series=()),
])  # fmt: skip


class TestSeriesChanges:
    """series_changes: joined, left and stayed from each declaration to the next."""

    def test_named_series(self) -> None:
        """The doha series in date order: d1 → d2 → d3, churn 2/4 each step."""
        steps = series_changes(SERIES, "doha")
        assert [("d1", "d2", {"d"}, {"a"}, {"b", "c"}, 0.5), ("d2", "d3", {"e"}, {"b"}, {"c", "d"}, 0.5)] == [
            (s.before, s.after, s.joined, s.left, s.stayed, s.churn) for s in steps]  # fmt: skip

    def test_all_and_given(self) -> None:
        """None takes every declaration; given ids are put in date order."""
        assert (3, ("d2", "other")) == (len(series_changes(SERIES)),
                                        (series_changes(SERIES, ["other", "d2"])[0].before,
                                         series_changes(SERIES, ["other", "d2"])[0].after))  # fmt: skip

    def test_unknown_series(self) -> None:
        """An unknown series name is refused with the known names as suggestions."""
        with pytest.raises(NotFound) as error:
            series_changes(SERIES, "dohaa")
        assert ("doha",) == error.value.suggestions

    @given(nested_corpora())
    def test_partition(self, corpus: Corpus) -> None:
        """Rule: "joined, left and stayed partition the two sides": before = left ⊎ stayed, after = joined ⊎
        stayed (the organisations each counts), and churn = 1 − Jaccard, undefined for two empty sides."""
        for step in series_changes(corpus, expand=True, scope="all"):
            if not step.comparable:
                continue
            before = {s.signer for s in signatories(corpus, step.before, expand=True) if s.kind == "organisation"}
            after = {s.signer for s in signatories(corpus, step.after, expand=True) if s.kind == "organisation"}
            assert (before, after) == (step.left | step.stayed, step.joined | step.stayed)
            assert not step.joined & step.stayed and not step.left & step.stayed and not step.joined & step.left
            union = step.joined | step.left | step.stayed
            if union:
                assert (len(step.joined) + len(step.left)) / len(union) == step.churn and 0.0 <= step.churn <= 1.0
            else:
                assert math.isnan(step.churn)

    def test_unknown_list_is_not_nobody(self) -> None:
        """A declaration that names nobody at the level compared has an unknown list: nobody joins, leaves or
        stays across it, and the steps around it are not comparable (churn undefined)."""
        corpus = Corpus(declarations=[declaration("d1", "2022-01-01", "ab"), declaration("d2", "2023-01-01", ""),
                                      declaration("d3", "2024-01-01", "bc")])  # fmt: skip
        steps = series_changes(corpus, "doha")
        assert [(False, frozenset(), frozenset(), frozenset(), True)] * 2 == [
            (s.comparable, s.joined, s.left, s.stayed, math.isnan(s.churn)) for s in steps]  # fmt: skip
