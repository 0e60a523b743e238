"""Overlap of two sets, all pairs of declarations, co-signing and partners (coalitions.analysis.overlaps)."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import os
import random
import subprocess
import sys
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    Membership,
    PairTable,
    Signature,
    When,
    compare,
    cosigning,
    cosigning_from_sets,
    overlap,
    overlap_from_sets,
    overlap_matrix,
    partners,
)
from coalitions.model.errors import CoalitionsError
from strategies import dense_element_sets, element_sets, nested_corpora, renamed

SRC = (Citation("doc"),)
id_sets = st.frozensets(st.sampled_from("abcdefgh"), max_size=8)


def declaration(decl_id: str, date: str, *signers: str) -> Declaration:
    """A statement citing ``doc`` signed by ``signers``."""
    return Declaration(decl_id, decl_id, "statement", (DateClaim(When.of(date)),), SRC,
                       signatures=tuple(Signature(SRC, s) for s in signers))  # fmt: skip


CORPUS = Corpus(
    memberships=[Membership("council", "a", SRC, start=When.of("2020")),
                 Membership("council", "b", SRC, start=When.of("2020"))],
    declarations=[declaration("d1", "2022-01-01", "a", "b", "c"), declaration("d2", "2022-02-01", "b", "c", "d"),
                  declaration("d3", "2022-03-01", "council", "e"), declaration("d4", "2022-04-01", "x")],
)  # fmt: skip


class TestOverlap:
    """overlap: two sets compared."""

    def test_values(self) -> None:
        """Shared, only in one, Jaccard 2/5 and overlap coefficient 2/3, by hand."""
        o = overlap("abc", "bcde")
        assert ({"b", "c"}, {"a"}, {"d", "e"}, 0.4, 2 / 3) == (o.shared, o.only_a, o.only_b, o.jaccard,
                                                              o.overlap_coefficient)  # fmt: skip

    def test_empty(self) -> None:
        """Two empty sets are not identical: their Jaccard and coefficient are undefined (NaN, "n/a"), never 1; an
        empty and a full set share nothing (Jaccard 0), and their coefficient is undefined (the smaller is empty)."""
        both, one = overlap("", ""), overlap("", "a")
        assert (True, True, 0.0, True) == (math.isnan(both.jaccard), math.isnan(both.overlap_coefficient),
                                           one.jaccard, math.isnan(one.overlap_coefficient))  # fmt: skip

    @given(id_sets, id_sets)
    def test_symmetric_and_bounded(self, a: frozenset[str], b: frozenset[str]) -> None:
        """Rule: "overlap is symmetric and bounded": both measures in [0, 1], the same either way round."""
        ab, ba = overlap(a, b), overlap(b, a)
        assert (repr(ab.jaccard), repr(ab.overlap_coefficient), ab.shared) == (
            repr(ba.jaccard), repr(ba.overlap_coefficient), ba.shared)  # fmt: skip
        if a and b:
            assert 0.0 <= ab.jaccard <= ab.overlap_coefficient <= 1.0
        else:
            assert math.isnan(ab.overlap_coefficient) and (math.isnan(ab.jaccard) or ab.jaccard == 0.0)

    @given(id_sets)
    def test_self_is_one(self, a: frozenset[str]) -> None:
        """Rule: "Jaccard of a set with itself is 1", for a set that is not empty (an empty one has none)."""
        assert (1.0 == overlap(a, a).jaccard) if a else math.isnan(overlap(a, a).jaccard)

    @given(id_sets, id_sets)
    def test_partition(self, a: frozenset[str], b: frozenset[str]) -> None:
        """Rule: "shared ⊆ each side"; shared, only_a and only_b partition the union."""
        o = overlap(a, b)
        assert o.shared <= a and o.shared <= b
        assert (a, b) == (o.shared | o.only_a, o.shared | o.only_b) and not o.only_a & o.only_b


#: How dense_columns cuts ``left`` from a row that drops something: (_DIGITS_FROM, _SPARSE_TO) sending every such row
#: down one way: dropped indices deleted (``replace``), from the gaps between kept positions, or from base-255 digits.
CUTS = {"replace": (2.0, -1.0), "gaps": (-1.0, 2.0), "digits": (-1.0, -1.0)}


@contextlib.contextmanager
def every_row_in_bytes(row_min: int = 1, lanes: bool = True, budget: int = 64, cut: str = "replace",
                       tail_min: int = 512) -> object:  # fmt: skip
    """Send every row that shares something down the overlap kernel's byte path: an element gets a byte row once in
    ``row_min`` earlier sets (the others are rare: their postings are added in), while the budget of bytes per
    element of the input allows; the byte rows' tails moved into their heads every ``tail_min`` sets (512: never,
    in these small inputs); columns cut in bytes operations (``lanes``) or item by item, ``left`` cut one way
    (``cut``, see CUTS) whenever a row drops anything."""
    kernel, bytecount = sys.modules["coalitions.analysis.kernel"], sys.modules["coalitions.analysis.bytecount"]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"_BYTES_FROM": 0, "_BYTES_WORK": 10**9, "_ROW_MIN": row_min, "_ROW_SHARE": 10**9,
                            "_ROW_BUDGET": budget, "_TAIL_MIN": tail_min, "_TAIL_SHARE": 10**9}.items():  # fmt: skip
            patch.setattr(kernel, name, value)
        patch.setattr(bytecount, "_LANES", lanes and bytecount._LANES)
        patch.setattr(bytecount, "_DIGITS_FROM", CUTS[cut][0])
        patch.setattr(bytecount, "_SPARSE_TO", CUTS[cut][1])
        yield


def brute_columns(sets: list[frozenset[int]], min_shared: int = 1) -> list[tuple[int, int, int]]:
    """``(left, right, shared)`` of every pair sharing at least ``min_shared``, by the later set, then the earlier."""
    return [(i, j, len(sets[i] & sets[j])) for j in range(len(sets)) for i in range(j)
            if len(sets[i] & sets[j]) >= min_shared]  # fmt: skip


def rank(table: PairTable, k: int) -> tuple[float, float, int, int]:
    """Pair ``k``'s place in top_k and top(): most shared, then highest Jaccard, then lowest left and right index."""
    return (-table.shared[k], -table.jaccard(k), table.left[k], table.right[k])


class TestOverlapFromSets:
    """overlap_from_sets: the all-pairs kernel."""

    @given(element_sets, st.integers(1, 3))
    def test_matches_brute_force(self, sets: list[frozenset[int]], min_shared: int) -> None:
        """Rule: the kernel finds exactly the pairs i < j with |Sᵢ ∩ Sⱼ| ≥ min_shared, with that count."""
        table = overlap_from_sets(sets, min_shared=min_shared)
        expected = {(str(i), str(j)): len(sets[i] & sets[j]) for i, j in itertools.combinations(range(len(sets)), 2)
                    if len(sets[i] & sets[j]) >= min_shared}  # fmt: skip
        assert expected == table.as_dict()

    @given(element_sets)
    def test_bounded(self, sets: list[frozenset[int]]) -> None:
        """Rule: "overlap is ... bounded": every stored pair's Jaccard is in (0, 1]; left < right."""
        table = overlap_from_sets(sets)
        assert all(0.0 < p.jaccard <= 1.0 and p.shared <= min(len(sets[int(p.a)]), len(sets[int(p.b)]))
                   for p in table.pairs())  # fmt: skip
        assert all(i < j for i, j in zip(table.left, table.right))

    def test_columns_are_arrays(self) -> None:
        """The pure-Python result is three array('I') columns, no object per pair."""
        table = overlap_from_sets([{1, 2}, {2, 3}, {2}])
        assert all(isinstance(c, array) and c.typecode == "I" for c in (table.left, table.right, table.shared))

    def test_top_k(self) -> None:
        """top_k keeps the pairs sharing the most."""
        table = overlap_from_sets([{1, 2, 3}, {1, 2, 3}, {3, 4}, {4}], ids="abcd", top_k=1)
        assert [("a", "b", 3)] == [(p.a, p.b, p.shared) for p in table.pairs()]

    @given(element_sets, st.integers(0, 10))
    def test_top_k_as_full_sort(self, sets: list[frozenset[int]], k: int) -> None:
        """Rule: top_k keeps "the k pairs sharing the most, ties to the higher Jaccard, then to the earlier pair
        (left, then right index), in the order of the columns": the same pairs as a full sort of every pair."""
        full = overlap_from_sets(sets)
        keep = sorted(heapq.nsmallest(k, range(len(full)), key=lambda p: rank(full, p)))
        expected = [(full.left[p], full.right[p], full.shared[p]) for p in keep]
        top = overlap_from_sets(sets, top_k=k)
        assert expected == list(zip(top.left, top.right, top.shared))

    def test_top_k_many_pairs(self) -> None:
        """With more pairs than the kernel keeps before dropping those out of reach (thousands), top_k still keeps
        the same pairs as a full sort (seeded random sets: 400 sets growing slowly, so that the top pairs keep
        changing, and over 20,000 pairs)."""
        rng = random.Random(4)
        sets = [frozenset(rng.sample(range(30), min(30, rng.randint(0, 6 + i // 20)))) for i in range(400)]
        full = overlap_from_sets(sets)
        for k in (1, 15, 1500):
            keep = sorted(heapq.nsmallest(k, range(len(full)), key=lambda p: rank(full, p)))
            top = overlap_from_sets(sets, top_k=k)
            assert [(full.left[p], full.right[p], full.shared[p]) for p in keep] == list(zip(top.left, top.right,
                                                                                            top.shared))  # fmt: skip
        assert len(full) > 20_000

    @given(dense_element_sets, st.integers(1, 4), st.sampled_from([1, 3]), st.booleans(), st.sampled_from([0, 1, 64]),
           st.sampled_from(sorted(CUTS)))  # fmt: skip
    def test_byte_rows_match_brute_force(self, sets: list[frozenset[int]], min_shared: int, row_min: int,
                                         lanes: bool, budget: int, cut: str) -> None:  # fmt: skip
        """Rule: the kernel finds exactly the pairs i < j with |Sᵢ ∩ Sⱼ| ≥ min_shared, with that count, "by their
        later set, then their earlier one", also when a row is counted in bytes: the byte rows of its popular
        elements added up, the postings of the rare ones added in, the counts below min_shared dropped and the
        columns cut in bytes operations (dropped indices deleted, from the gaps between kept positions, or from
        their digits) or item by item (every row sent down that path; no byte rows at all without a budget, a few
        with a small one)."""
        with every_row_in_bytes(row_min, lanes, budget, cut):
            table = overlap_from_sets(sets, min_shared=min_shared)
        assert brute_columns(sets, min_shared) == list(zip(table.left, table.right, table.shared))

    @given(dense_element_sets, st.integers(1, 3), st.integers(1, 4), st.sampled_from([1, 3]),
           st.sampled_from(sorted(CUTS)))  # fmt: skip
    def test_byte_row_tails_match_brute_force(self, sets: list[frozenset[int]], min_shared: int, tail_min: int,
                                              row_min: int, cut: str) -> None:  # fmt: skip
        """Rule: the kernel finds exactly the pairs i < j with |Sᵢ ∩ Sⱼ| ≥ min_shared, with that count, "by their
        later set, then their earlier one", when each byte row is a head and a tail and the tails are moved into
        the heads every 1 to 4 sets (every row counted in bytes; byte rows made before and after a move, so that
        a new row's marks are split between its head and its tail)."""
        with every_row_in_bytes(row_min, cut=cut, tail_min=tail_min):
            table = overlap_from_sets(sets, min_shared=min_shared)
        assert brute_columns(sets, min_shared) == list(zip(table.left, table.right, table.shared))

    @given(st.lists(st.integers(0, 12) | st.integers(0, 255), max_size=600), st.integers(1, 12) | st.integers(1, 255),
           st.sampled_from([*sorted(CUTS), "item by item"]))  # fmt: skip
    def test_dense_columns_keep_counts_from_least(self, row: list[int], least: int, cut: str) -> None:
        """Rule: a dense row's columns are exactly its positions whose count is at least ``least``, in order, with
        their counts (the row sent down each way of cutting ``left``, or item by item without lanes; counts mostly
        near ``least``, so that some are just below it)."""
        bytecount = sys.modules["coalitions.analysis.bytecount"]
        counts = bytearray(row)
        lanes = None if cut == "item by item" else bytecount.digit_lanes(len(counts) + 1)
        left, right, shared = array("I"), array("I"), array("I")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(bytecount, "_DIGITS_FROM", CUTS.get(cut, (2.0, -1.0))[0])
            patch.setattr(bytecount, "_SPARSE_TO", CUTS.get(cut, (2.0, -1.0))[1])
            bytecount.dense_columns(counts, len(counts), lanes, left, right, shared, least)
        kept = [(j, len(counts), n) for j, n in enumerate(counts) if n >= least]
        assert kept == list(zip(left, right, shared))

    @given(st.lists(st.frozensets(st.integers(0, 7), max_size=5), max_size=12), st.integers(1, 6))
    def test_rows_out_of_reach(self, sets: list[frozenset[int]], min_shared: int) -> None:
        """Rule: the kernel finds exactly the pairs i < j with |Sᵢ ∩ Sⱼ| ≥ min_shared, with that count, also where
        a row is skipped because fewer than min_shared of its elements are in earlier sets (min_shared up to 6 over
        sets of at most 5 elements, counted by Counter and in bytes)."""
        table = overlap_from_sets(sets, min_shared=min_shared)
        assert brute_columns(sets, min_shared) == list(zip(table.left, table.right, table.shared))
        with every_row_in_bytes():
            table = overlap_from_sets(sets, min_shared=min_shared)
        assert brute_columns(sets, min_shared) == list(zip(table.left, table.right, table.shared))

    @given(dense_element_sets, st.integers(1, 3))
    def test_counter_rows_match_brute_force(self, sets: list[frozenset[int]], min_shared: int) -> None:
        """Rule: the kernel finds exactly the pairs i < j with |Sᵢ ∩ Sⱼ| ≥ min_shared, with that count, "by their
        later set, then their earlier one", when every row is counted in a Counter (the byte path never taken)."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys.modules["coalitions.analysis.kernel"], "_BYTES_FROM", 10**9)
            table = overlap_from_sets(sets, min_shared=min_shared)
        assert brute_columns(sets, min_shared) == list(zip(table.left, table.right, table.shared))

    @given(dense_element_sets, st.integers(0, 10))
    def test_byte_rows_top_k_as_full_sort(self, sets: list[frozenset[int]], k: int) -> None:
        """Rule: top_k keeps "the k pairs sharing the most, ties to the higher Jaccard, then to the earlier pair",
        also when the rows are counted in bytes and pruned as they come."""
        full = overlap_from_sets(sets)
        keep = sorted(heapq.nsmallest(k, range(len(full)), key=lambda p: rank(full, p)))
        with every_row_in_bytes(row_min=2, cut=sorted(CUTS)[k % 3], tail_min=1 + k % 4):
            top = overlap_from_sets(sets, top_k=k)
        assert [(full.left[p], full.right[p], full.shared[p]) for p in keep] == list(zip(top.left, top.right,
                                                                                        top.shared))  # fmt: skip

    def test_byte_rows_of_large_sets(self) -> None:
        """A set of 255 elements or more (a count that might not fit a byte) is counted in a Counter, also when its
        row would go down the byte path; the dense rows around it are counted in bytes."""
        rng = random.Random(3)
        sets = [frozenset(rng.sample(range(320), rng.choice((3, 300)))) for _ in range(40)]
        with every_row_in_bytes():
            table = overlap_from_sets(sets)
        assert brute_columns(sets) == list(zip(table.left, table.right, table.shared))
        assert max(table.shared) > 255

    def test_dense_rows_by_default(self) -> None:
        """With the kernel's own thresholds, rows of 300 seeded sets drawn from 12 elements are dense (every one past
        the 64th is counted in bytes) and give the brute-force columns, in order, also with min_shared 3."""
        rng = random.Random(8)
        sets = [frozenset(rng.sample(range(12), rng.randint(1, 8))) for _ in range(300)]
        for min_shared in (1, 3):
            table = overlap_from_sets(sets, min_shared=min_shared)
            assert brute_columns(sets, min_shared) == list(zip(table.left, table.right, table.shared))

    @pytest.mark.parametrize("cut", sorted(CUTS))
    @pytest.mark.parametrize("least", [1, 5])
    def test_columns_of_long_rows(self, cut: str, least: int) -> None:
        """A row cut from bytes gives the indices and counts of its bytes of at least ``least``, in order, past 255
        and 65,025 positions (where an index takes a second and a third byte, and a base-255 digit more), whichever
        way ``left`` is cut; seeded rows of 70,000 counts, none, a few, most or nearly all of them dropped."""
        bytecount = sys.modules["coalitions.analysis.bytecount"]
        rng = random.Random(11)
        lanes = bytecount.digit_lanes(70_001)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(bytecount, "_DIGITS_FROM", CUTS[cut][0])
            patch.setattr(bytecount, "_SPARSE_TO", CUTS[cut][1])
            for drops in (0.0, 0.03, 0.9, 0.99):
                counts = bytearray(rng.randrange(least) if rng.random() < drops else rng.randint(least, 254)
                                   for _ in range(70_000))  # fmt: skip
                left, right, shared = array("I"), array("I"), array("I")
                bytecount.dense_columns(counts, 70_000, lanes, left, right, shared, least)
                kept = [j for j in range(70_000) if counts[j] >= least]
                assert (kept, [70_000] * len(kept), [counts[j] for j in kept]) == (list(left), list(right),
                                                                                    list(shared))  # fmt: skip

    @given(dense_element_sets, st.integers(1, 3))
    def test_scipy_blocks_match_brute_force(self, sets: list[frozenset[int]], min_shared: int) -> None:
        """Rule: the scipy backend finds the same pairs, counts and order, a block of later sets at a time (blocks
        of the least work: as many as it makes, up to 32)."""
        pytest.importorskip("scipy")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys.modules["coalitions.analysis.kernel"], "_BLOCK_WORK", 1)
            table = overlap_from_sets(sets, min_shared=min_shared, backend="scipy")
        assert brute_columns(sets, min_shared) == [tuple(map(int, c)) for c in zip(table.left, table.right,
                                                                                     table.shared)]  # fmt: skip

    @given(dense_element_sets, st.integers(1, 3))
    def test_get(self, sets: list[frozenset[int]], min_shared: int) -> None:
        """Rule: ``get(a, b)`` is "how many elements a and b share (0 when below min_shared)", either way round
        (found by a binary search of the ordered columns)."""
        table = overlap_from_sets(sets, min_shared=min_shared)
        expected = {(i, j): n for i, j, n in brute_columns(sets, min_shared)}
        assert all(expected.get((min(i, j), max(i, j)), 0) == table.get(str(i), str(j))
                   for i in range(len(sets)) for j in range(len(sets)) if i != j)  # fmt: skip

    def test_top(self) -> None:
        """top(n) orders by shared, then Jaccard, then ids."""
        table = overlap_from_sets([{1, 2}, {1, 2, 3, 4}, {1, 2}, {9}], ids="abcd")
        assert [("a", "c"), ("a", "b")] == [(p.a, p.b) for p in table.top(2)]

    def test_min_shared_must_be_positive(self) -> None:
        """min_shared 0 would store every pair; it is refused."""
        with pytest.raises(ValueError):
            overlap_from_sets([{1}], min_shared=0)

    def test_scipy_backend_agrees(self) -> None:
        """The scipy backend gives the same pairs as the pure-Python one, in the same order, and the same top_k."""
        pytest.importorskip("scipy")
        sets = [{1, 2, 3}, {2, 3}, {3, 4, 5}, {9}, {1, 9}]
        assert overlap_from_sets(sets).as_dict() == overlap_from_sets(sets, backend="scipy").as_dict()
        rng = random.Random(5)
        many = [frozenset(f"o{rng.randrange(40)}" for _ in range(5)) for _ in range(300)]
        for k in (None, 1, 15):
            ours, theirs = overlap_from_sets(many, top_k=k), overlap_from_sets(many, top_k=k, backend="scipy")
            assert [list(c) for c in (ours.left, ours.right, ours.shared)] == [
                [int(x) for x in c] for c in (theirs.left, theirs.right, theirs.shared)]  # fmt: skip

    def test_columns_in_input_order(self) -> None:
        """The columns run by the later set of each pair, then the earlier, whatever order the sets iterate in."""
        table = overlap_from_sets([{"p", "q"}, {"q", "r"}, {"r", "p"}, {"p", "q", "r"}])
        assert [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)] == list(zip(table.left, table.right))

    def test_top_k_ties(self) -> None:
        """Among pairs sharing as many, top_k and top() keep the higher Jaccard, then the earlier pair by left, then
        right index, not by the ids' spelling: all six pairs share x; the three with w have the lower Jaccard (1/4);
        of the other three, (z, b) and (z, a) come first in the input."""
        sets = [{"x", "s", "t"}, {"x", "p"}, {"x", "q"}, {"x", "r"}]
        table = overlap_from_sets(sets, ids="wzba", top_k=2)
        assert [("z", "b", 1), ("z", "a", 1)] == [(p.a, p.b, p.shared) for p in table.pairs()]
        assert [("z", "b"), ("z", "a")] == [(p.a, p.b) for p in overlap_from_sets(sets, ids="wzba").top(2)]
        assert [("z", "b"), ("z", "a")] == [(p.a, p.b) for p in overlap_from_sets(sets, ids="wzba").top(2, "jaccard")]

    def test_scipy_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Asking for scipy without it installed says what to install."""
        module = sys.modules["coalitions.analysis.kernel"]
        monkeypatch.setattr(module, "_have_scipy", lambda: False)
        with pytest.raises(CoalitionsError, match="pip install"):
            overlap_from_sets([{1}], backend="scipy")


class TestCosigning:
    """cosigning_from_sets, cosigning and partners: the organisation projection."""

    @given(st.lists(id_sets, max_size=6))
    def test_matches_brute_force(self, sets: list[frozenset[str]]) -> None:
        """Rule: the count of a pair is the number of sets holding both (Breiger's person projection)."""
        expected: dict[tuple[str, str], int] = {}
        for s in sets:
            for a, b in itertools.combinations(sorted(s), 2):
                expected[(a, b)] = expected.get((a, b), 0) + 1
        assert expected == cosigning_from_sets(sets).as_dict()

    def test_corpus(self) -> None:
        """Co-signing over the corpus, unexpanded and expanded (the council stands for a and b in d3)."""
        plain = cosigning(CORPUS).as_dict()
        expanded = cosigning(CORPUS, expand=True).as_dict()
        assert (2, 1, 0, 1) == (plain[("b", "c")], plain[("council", "e")], plain.get(("a", "e"), 0),
                                expanded[("a", "e")])  # fmt: skip

    @given(nested_corpora(), st.sets(st.sampled_from([f"o{i}" for i in range(7)])))
    def test_ranges_and_among(self, corpus: Corpus, among: set[str]) -> None:
        """Rule: a pair's low and high are "how many declarations count both in every reading of their claims, and in
        some" (each declaration read on its own claims), and ``among`` keeps exactly the pairs of those
        organisations, with the same counts and ranges."""
        from coalitions.analysis.bounds import Part, claims_of
        from coalitions.analysis.readings import Reading
        from coalitions.analysis.signers import participants

        table = cosigning(corpus, expand=True)
        always: dict[tuple[str, str], int] = {}
        sometimes: dict[tuple[str, str], int] = {}
        for d in corpus.declarations:
            def who(r: Reading, d=d) -> frozenset[str]:  # noqa: ANN001
                return participants(corpus, d, r, None, expand=True).parts
            if participants(corpus, d, Reading.all_in(remember=False), None, expand=True).status.value == "unknown":
                continue
            claims = sorted(claims_of(Part(d.id, who)))
            sets = [who(Reading(c, remember=False)) for n in range(len(claims) + 1)
                    for c in itertools.combinations(claims, n)]  # fmt: skip
            for counts, pairs in ((always, frozenset.intersection(*sets)), (sometimes, frozenset().union(*sets))):
                for pair in itertools.combinations(sorted(pairs), 2):
                    counts[pair] = counts.get(pair, 0) + 1
        found = {}
        for k in range(len(table)):
            pair = tuple(sorted((table.ids[int(table.left[k])], table.ids[int(table.right[k])])))
            found[pair] = (table.shared_range(k).low, table.shared_range(k).high)
            assert (always.get(pair, 0), sometimes.get(pair, 0)) == found[pair]
        some = cosigning(corpus, expand=True, among=among)
        kept = {}
        for k in range(len(some)):
            pair = tuple(sorted((some.ids[int(some.left[k])], some.ids[int(some.right[k])])))
            kept[pair] = (some.shared_range(k).low, some.shared_range(k).high)
        assert {p: v for p, v in found.items() if set(p) <= among} == kept

    def test_find(self) -> None:
        """PairTable.find gives a stored pair's position, either way round, and -1 for a pair not stored."""
        table = cosigning_from_sets([{"a", "b"}, {"b", "c"}])
        positions = {(table.ids[int(table.left[k])], table.ids[int(table.right[k])]): k for k in range(len(table))}
        assert positions[("a", "b")] == table.find(0, 1) == table.find(1, 0)
        assert positions[("b", "c")] == table.find(1, 2)
        assert -1 == table.find(0, 2)

    def test_partners(self) -> None:
        """b signed with c twice, with a and d once."""
        assert (("c", 2), ("a", 1), ("d", 1)) == partners(CORPUS, "b")


class TestOverlapMatrix:
    """overlap_matrix and compare over a corpus."""

    def test_pairs(self) -> None:
        """d1 and d2 share b and c; expanded, d3 (signed by the council) shares a and b with d1."""
        assert {("d1", "d2"): 2} == overlap_matrix(CORPUS).as_dict()
        assert {("d1", "d2"): 2, ("d1", "d3"): 2, ("d2", "d3"): 1} == overlap_matrix(CORPUS, expand=True).as_dict()

    @given(nested_corpora(), st.permutations(range(7)))
    def test_invariant_under_renaming(self, corpus: Corpus, order: list[int]) -> None:
        """Rule: "every metric is invariant under renaming organisations" (the overlap counts included)."""
        mapping = {f"o{i}": f"z{j}" for i, j in enumerate(order)}
        before = overlap_matrix(corpus, expand=True).as_dict()
        after = overlap_matrix(renamed(corpus, mapping), expand=True).as_dict()
        assert before == after

    def test_compare_declarations(self) -> None:
        """Two declarations compared by their signers."""
        assert {"b", "c"} == compare(CORPUS, "d1", "d2").shared

    def test_compare_council_needs_date(self) -> None:
        """A council has members only at a date."""
        with pytest.raises(CoalitionsError):
            compare(CORPUS, "council", "d1")

    def test_compare_council_and_declaration(self) -> None:
        """A council's members at a date against a declaration's signers."""
        o = compare(CORPUS, "council", "d1", at_a="2022", at_b=None)
        assert ({"a", "b"}, {"c"}) == (o.shared, o.only_b)


_TIES = """
import random
from coalitions import cosigning_from_sets, overlap_from_sets
rng = random.Random(7)
sets = [frozenset(f"o{rng.randrange(50)}" for _ in range(rng.randint(1, 6))) for _ in range(600)]
for k in (1, 15, 500):
    print([tuple(p) for p in overlap_from_sets(sets, top_k=k).pairs()])
    print(overlap_from_sets(sets).top(k), overlap_from_sets(sets).top(k, "jaccard"))
    print(cosigning_from_sets(sets, top_k=k).as_dict(), cosigning_from_sets(sets).top(k))
print(overlap_from_sets(sets).as_dict())
dense = [frozenset(f"o{rng.randrange(12)}" for _ in range(rng.randint(1, 8))) for _ in range(300)]
for k, least in ((None, 1), (None, 3), (20, 1)):
    table = overlap_from_sets(dense, top_k=k, min_shared=least)
    print([list(c) for c in (table.left, table.right, table.shared)], table.top(10))
"""


def test_same_under_any_hash_seed() -> None:
    """top_k, top() and the columns are the same whatever the hash seed (string hashing changes the order of
    sets of ids from run to run): 600 generated sets of ids drawn from 50, so thousands of pairs tie, some with
    more pairs than the kernel keeps before dropping, and 300 sets drawn from 12 ids, whose rows are counted in bytes
    (the byte rows made in the order the sets iterate), run in two interpreters with different PYTHONHASHSEED."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", _TIES], env=env, capture_output=True, text=True, check=True)
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("Pair(") > 1000
