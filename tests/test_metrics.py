"""Unity metrics and their ranges over the readings of disputed claims (coalitions.analysis.metrics)."""

from __future__ import annotations

import math
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    Membership,
    Organisation,
    Range,
    Signature,
    Status,
    When,
    bcs_dimensions,
    cohesion,
    coverage,
    effective_number,
    fragmentation,
    metric_series,
)
from coalitions.analysis.measures import components, density, laakso_taagepera, mean_jaccard, rae
from coalitions.analysis.periods import windows
from coalitions.analysis.unitindex import UnitIndex
from strategies import nested_corpora, renamed, reordered, undisputed

SRC = (Citation("doc"),)


def org(org_id: str, kind: str = "party") -> Organisation:
    """An organisation citing ``doc``."""
    return Organisation(org_id, org_id.upper(), kind, SRC)


def declaration(decl_id: str, date: str, *signatures: Signature) -> Declaration:
    """A statement citing ``doc``."""
    return Declaration(decl_id, decl_id, "statement", (DateClaim(When.of(date)),), SRC, signatures=signatures)


def sig(signer: str, status: str = "asserted") -> Signature:
    """A signature citing ``doc``."""
    return Signature(SRC, signer, status=Status(status))


# Four parties a b c d, a council n (a, b; c disputed) from 2020; d1 by n and d, d2 by a and e? (e unknown).
CORPUS = Corpus(
    organisations=[org("a"), org("b"), org("c"), org("d"), org("n", "council")],
    memberships=[Membership("n", "a", SRC, start=When.of("2020-01-01")),
                 Membership("n", "b", SRC, start=When.of("2020-01-01")),
                 Membership("n", "c", SRC, start=When.of("2020-01-01"), status=Status.DISPUTED)],
    declarations=[declaration("d1", "2022-03-01", sig("n"), sig("d", "disputed")),
                  declaration("d2", "2022-09-01", sig("a"), sig("d"))],
)  # fmt: skip


def flat(r: Range) -> tuple[object, ...]:
    """A Range as a tuple where NaN equals NaN (for comparing results)."""
    return tuple("nan" if isinstance(v, float) and math.isnan(v) else v for v in attrs_tuple(r))


def invariant(r: Range) -> tuple[object, ...]:
    """What must not change when organisations are renamed or files reordered: the bounds, the ends, exactness
    and the number of claims (the claims themselves are named by ids, which renaming changes)."""
    return flat(r)


def attrs_tuple(r: Range) -> tuple[object, ...]:
    """The fields of a Range."""
    return (r.low, r.high, r.all_out, r.all_in, r.exact, r.monotone, r.claims)


class TestRaeAndLaaksoTaagepera:
    """rae and laakso_taagepera over bloc sizes."""

    def test_values(self) -> None:
        """Blocs of sizes 1, 1, 2: Σp² = 3/8, F = 5/8, N = 8/3."""
        assert (0.625, 8 / 3) == (rae([1, 1, 2]), pytest.approx(laakso_taagepera([1, 1, 2])))

    def test_empty(self) -> None:
        """No bloc: undefined (NaN)."""
        assert math.isnan(rae([])) and math.isnan(laakso_taagepera([]))

    @given(st.lists(st.integers(1, 50), min_size=1, max_size=30))
    def test_bounds(self, sizes: list[int]) -> None:
        """Rule: "0 ≤ F ≤ 1 − 1/n and 1 ≤ N ≤ n, N = 1/(1 − F)"."""
        n = len(sizes)
        f, big_n = rae(sizes), laakso_taagepera(sizes)
        assert -1e-12 <= f <= 1 - 1 / n + 1e-12
        assert 1 - 1e-9 <= big_n <= n + 1e-9
        assert big_n == pytest.approx(1 / (1 - f))


class TestCoverage:
    """coverage: the share of active organisations that signed."""

    def test_hand_computed(self) -> None:
        """Units at d1 are a b d (c only if its disputed membership is out: then it is a unit too; n is a council).

        All in: n stands for a, b, c; d signed (disputed): units a b c d all signed → 1. All out: n stands for a, b;
        c is a unit that did not sign, d's signature is out → 2/4. The other readings give 3/4.
        """
        r = coverage(CORPUS, "d1")
        assert (0.5, 1.0, 0.5, 1.0, True, None, 2) == attrs_tuple(r)
        assert 2 == len(r.movers)  # both claims decide it: counted at the high end, not at the low

    def test_among(self) -> None:
        """Coverage among a chosen set: the council counts as signed."""
        assert (1.0, 1.0) == (coverage(CORPUS, "d1", among=["n", "a"]).low, coverage(CORPUS, "d1", among=["n"]).high)

    def test_empty_universe(self) -> None:
        """Nothing to cover: undefined."""
        assert math.isnan(coverage(CORPUS, "d1", among=[]).low)


class TestFragmentation:
    """fragmentation and effective_number over blocs."""

    def test_components(self) -> None:
        """2022: d1 links a b (c disputed) d, d2 links a d: one component → F 0, N 1, whatever the reading."""
        assert (0.0, 1.0) == (fragmentation(CORPUS, "2022").high, effective_number(CORPUS, "2022").low)

    def test_councils(self) -> None:
        """Top-level councils during 2022: bloc n (a b, and c if counted) and d alone.

        All in: sizes 3, 1 → F = 1 − (9+1)/16 = 0.375. All out: c alone too: sizes 2, 1, 1 → F = 0.625.
        """
        r = fragmentation(CORPUS, "2022", blocs="councils")
        assert (0.375, 0.625, 0.625, 0.375, True, None) == attrs_tuple(r)[:6]

    @given(nested_corpora())
    def test_bounds_on_corpora(self, corpus: Corpus) -> None:
        """Rule: "0 ≤ F ≤ 1 − 1/n and 1 ≤ N ≤ n", n the number of organisations, under every reading."""
        n = len(corpus.organisations)
        for blocs in ("components", "councils"):
            f = fragmentation(corpus, ("2021", "2025"), blocs=blocs)
            big_n = effective_number(corpus, ("2021", "2025"), blocs=blocs)
            if not math.isnan(f.low):
                assert 0.0 <= f.low <= f.high <= 1 - 1 / n + 1e-12
                assert 1.0 - 1e-9 <= big_n.low <= big_n.high <= n + 1e-9


class TestCohesionAndBCS:
    """cohesion and the Bakke–Cunningham–Seymour dimensions."""

    def test_cohesion(self) -> None:
        """All in: d1 = {a b c d}, d2 = {a d}: Jaccard 1/2; all out: d1 = {a b}: Jaccard 1/3."""
        c = cohesion(CORPUS, "2022")
        assert (1 / 3, 0.5) == (c.mean_jaccard.all_out, c.mean_jaccard.all_in)
        assert (1.0, 1.0) == (c.components.low, c.components.high)

    def test_bcs(self) -> None:
        """All in: 4 organisations, a b c inside n (3/4); signature shares a 2, b 1, c 1, d 2 → Σs² = 10/36."""
        b = bcs_dimensions(CORPUS, "2022")
        assert (4.0, 0.75, pytest.approx(10 / 36)) == (b.organisations.all_in, b.institutionalisation.all_in,
                                                        b.concentration.all_in)  # fmt: skip


class TestRanges:
    """Every metric as a range over the readings of the disputed claims."""

    @given(nested_corpora(max_organisations=5, max_declarations=4))
    def test_range_contains_readings(self, corpus: Corpus) -> None:
        """Rule: "the disputed-claim range contains the all-out and all-in readings"."""
        for point in metric_series(corpus, "year"):
            for name in ("coverage", "fragmentation", "effective_number", "mean_jaccard", "density", "components",
                         "organisations", "institutionalisation", "concentration"):
                r = getattr(point, name)
                for value in (r.all_out, r.all_in):
                    assert math.isnan(value) or r.low <= value <= r.high

    @given(nested_corpora(max_organisations=5, max_declarations=4))
    def test_collapses_without_disputes(self, corpus: Corpus) -> None:
        """Rule: the range "collapses to a point when nothing is disputed"."""
        for point in metric_series(undisputed(corpus), "year"):
            assert all(getattr(point, name).is_point and getattr(point, name).claims == 0
                       for name in ("coverage", "fragmentation", "mean_jaccard", "institutionalisation"))  # fmt: skip

    def test_non_monotone_exact(self) -> None:
        """Two disputed members b, c of council n; d1 is signed by n, d2 by b. Mean Jaccard of d1 and d2:
        neither counted, n stands for itself: {n} vs {b} = 0; b only: {b} vs {b} = 1; c only: 0; both:
        {b, c} vs {b} = 1/2. Not monotone, and the exact bounds 0..1 are wider than the end readings 0 and 1/2.
        """
        corpus = Corpus(
            organisations=[org("n", "council"), org("b"), org("c")],
            memberships=[Membership("n", "b", SRC, start=When.of("2020-01-01"), status=Status.DISPUTED),
                         Membership("n", "c", SRC, start=When.of("2020-01-01"), status=Status.DISPUTED)],
            declarations=[declaration("d1", "2022-01-01", sig("n")), declaration("d2", "2022-02-01", sig("b"))],
        )  # fmt: skip
        r = cohesion(corpus, "2022").mean_jaccard
        assert (0.0, 1.0, 0.0, 0.5, True, None, 2) == attrs_tuple(r)

    def test_too_many_claims(self) -> None:
        """Beyond max_exact claims, a local search bounds the readings tried, and the range says it is not exact
        (in its text too)."""
        r = coverage(CORPUS, "d1", max_exact=1)
        assert (False, None, 0.5, 1.0, "0.5..1 (not exact)") == (r.exact, r.monotone, r.low, r.high, str(r))


class TestInvariance:
    """Every metric is invariant under renaming organisations and under the order of input files."""

    @given(nested_corpora(max_organisations=5, max_declarations=4), st.permutations(range(5)), st.integers(0, 99))
    def test_series(self, corpus: Corpus, order: list[int], seed: int) -> None:
        """Rule: "every metric is invariant under renaming organisations and under the order of input files"."""
        mapping = {f"o{i}": f"x{j}" for i, j in enumerate(order)}
        names = ("coverage", "fragmentation", "effective_number", "mean_jaccard", "density", "components",
                 "organisations", "institutionalisation", "concentration")  # fmt: skip

        def values(c: Corpus) -> list[tuple[object, ...]]:
            return [invariant(getattr(p, n)) for p in metric_series(c, "year") for n in names]

        before = values(corpus)
        assert before == values(renamed(corpus, mapping)) == values(reordered(corpus, seed))


class TestWindows:
    """windows and metric_series."""

    def test_quarters(self) -> None:
        """Quarters from the first declaration to the last."""
        assert ["2022-01/2022-03", "2022-04/2022-06", "2022-07/2022-09"] == [str(w) for w in windows(CORPUS,
                                                                                                      "quarter")]

    def test_series(self) -> None:
        """A series by year has the declarations of each year."""
        (point,) = metric_series(CORPUS)
        assert ("2022", ("d1", "d2")) == (str(point.window), point.declarations)


class TestFastPaths:
    """The series computes units with an index and cohesion with the overlap kernel: the same results as the
    definitions."""

    NAMES = ("coverage", "fragmentation", "effective_number", "mean_jaccard", "density", "components",
             "organisations", "institutionalisation", "concentration")  # fmt: skip

    @given(nested_corpora(max_organisations=6, max_declarations=5), st.sampled_from(["year", "quarter"]),
           st.sampled_from(["components", "councils"]))  # fmt: skip
    def test_series_without_index(self, corpus: Corpus, window: str, blocs: str) -> None:
        """Rule: every metric, its range and its claim count are "the same with the unit index as with units()"."""

        def values() -> list[tuple[object, ...]]:
            return [flat(getattr(p, n)) for p in metric_series(corpus, window, blocs=blocs) for n in self.NAMES]

        fast = values()
        with mock.patch.object(UnitIndex, "of", return_value=None):
            assert fast == values()

    @given(st.lists(st.frozensets(st.sampled_from("abcdefg"), max_size=5), max_size=8))
    def test_cohesion_definition(self, sets: list[frozenset[str]]) -> None:
        """Rule: cohesion is "the mean Jaccard over every pair of declarations (two empty lists are not identical:
        such a pair is left out), the share of pairs of organisations that signed together, and the connected
        components", computed pair by pair."""
        pairs = [(a, b) for i, a in enumerate(sets) for b in sets[i + 1:] if a | b]
        jaccards = [len(a & b) / len(a | b) for a, b in pairs]
        nodes = set().union(*sets)
        edges = {(x, y) for s in sets for x in s for y in s if x < y}
        expected = {
            "mean_jaccard": math.fsum(jaccards) / len(pairs) if pairs else math.nan,
            "density": 2 * len(edges) / (len(nodes) * (len(nodes) - 1)) if len(nodes) > 1 else math.nan,
            "components": float(len(components(nodes, sets))),
        }
        actual = {"mean_jaccard": mean_jaccard(sets), "density": density(sets),
                  "components": float(len(components(nodes, sets)))}  # fmt: skip
        assert {k: repr(v) for k, v in expected.items()} == {k: repr(v) for k, v in actual.items()}

    def test_two_empty_lists_are_not_identical(self) -> None:
        """Two declarations that count nobody (signed by people only) have no Jaccard: cohesion is undefined, not
        1."""
        assert math.isnan(mean_jaccard([frozenset(), frozenset()]))
