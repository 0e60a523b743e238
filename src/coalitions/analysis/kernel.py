"""The overlap kernel: every pair of sets sharing elements, as compact columns (:class:`PairTable`).

Pure Python: an inverted index (element -> sets seen so far) and one ``Counter`` per set for sparse rows, and
for dense rows (most earlier sets share something) counts of every earlier set at once in the bytes of an ``int``
(a byte row per popular element, added up), cut at ``min_shared`` and written into ``array('I')`` columns in
``bytes`` operations (:mod:`.bytecount`), 12 bytes a pair. With numpy and scipy installed, ``backend="scipy"`` (or
``"auto"``) uses sparse products, a block of rows at a time, instead.
:func:`cosigning_from_sets` runs the same kernel on the transposed sets.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain, compress
from typing import Any, Literal, NamedTuple

import attrs

from ..model import CoalitionsError, gc_paused
from .bytecount import dense_columns, digit_lanes

__all__ = ["Backend", "Pair", "PairTable", "coefficient", "cosigning_from_sets", "jaccard",
           "overlap_from_sets"]  # fmt: skip


Backend = Literal["auto", "python", "scipy"]


def jaccard(shared: int, size_a: int, size_b: int) -> float:
    union = size_a + size_b - shared
    return shared / union if union else 1.0


def coefficient(shared: int, size_a: int, size_b: int) -> float:
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 1.0 if size_a == size_b else 0.0
    return shared / smaller


class Pair(NamedTuple):
    """One pair of a :class:`PairTable`, made on demand."""

    a: str
    b: str
    shared: int
    jaccard: float
    overlap_coefficient: float


@attrs.frozen(eq=False)
class PairTable:
    """All pairs that share at least ``min_shared`` elements, as compact columns.

    ``ids`` names the sets (declarations, or organisations for co-signing), ``sizes[i]`` is the size of set
    ``i``; pair ``k`` is ``(left[k], right[k])`` (indices into ``ids``, ``left < right``) sharing ``shared[k]``
    elements. Columns are ``array('I')`` (or numpy arrays from the scipy backend); no Python object per pair is
    made unless you ask (:meth:`pairs`, :meth:`top`, :meth:`as_dict`).
    """

    ids: tuple[str, ...]
    sizes: Sequence[int]
    left: Sequence[int]
    right: Sequence[int]
    shared: Sequence[int]

    def __len__(self) -> int:
        return len(self.shared)

    def pair(self, k: int) -> Pair:
        """Pair number ``k``."""
        i, j, n = int(self.left[k]), int(self.right[k]), int(self.shared[k])
        a, b = self.sizes[i], self.sizes[j]
        return Pair(self.ids[i], self.ids[j], n, jaccard(n, a, b), coefficient(n, a, b))

    def pairs(self) -> Iterator[Pair]:
        """Every pair, in the order of the columns."""
        return (self.pair(k) for k in range(len(self)))

    def jaccard(self, k: int) -> float:
        """Jaccard of pair ``k``."""
        return jaccard(int(self.shared[k]), self.sizes[int(self.left[k])], self.sizes[int(self.right[k])])

    def top(self, n: int, by: Literal["shared", "jaccard"] = "shared") -> tuple[Pair, ...]:
        """The ``n`` most-overlapping pairs, by shared count or Jaccard; ties: the other measure, then the earlier
        pair in the input (lower left index, then lower right index), so the same in every run."""
        sizes, left, right, shared = self.sizes, self.left, self.right, self.shared

        def by_shared(k: int) -> tuple[int, int, int, int]:
            i, j = int(left[k]), int(right[k])
            return (-int(shared[k]), int(sizes[i]) + int(sizes[j]), i, j)  # a smaller union: a higher Jaccard

        def by_jaccard(k: int) -> tuple[float, int, int, int]:
            i, j = int(left[k]), int(right[k])
            return (-self.jaccard(k), -int(shared[k]), i, j)

        key = by_shared if by == "shared" else by_jaccard
        return tuple(self.pair(k) for k in heapq.nsmallest(n, range(len(self)), key=key))  # type: ignore[arg-type]

    def as_dict(self) -> dict[tuple[str, str], int]:
        """``{(a, b): shared}`` with ``a`` before ``b`` in ``ids`` (one object per pair: for small tables)."""
        return {(self.ids[int(i)], self.ids[int(j)]): int(n) for i, j, n in zip(self.left, self.right, self.shared)}

    def get(self, a: str, b: str) -> int:
        """How many elements ``a`` and ``b`` share (0 when below ``min_shared``): a binary search of the columns,
        which run by ``right``, then ``left``."""
        k = self.find(self.ids.index(a), self.ids.index(b))
        return int(self.shared[k]) if k >= 0 else 0

    def find(self, i: int, j: int) -> int:
        """The position of the pair of sets ``i`` and ``j`` (indices into ``ids``), or -1 when it is not stored: a
        binary search of the columns, which run by ``right``, then ``left``."""
        i, j = min(i, j), max(i, j)
        start = bisect.bisect_left(self.right, j)
        k = bisect.bisect_left(self.left, i, start, bisect.bisect_right(self.right, j, start))
        return k if k < len(self) and (int(self.left[k]), int(self.right[k])) == (i, j) else -1


#: Which path counts a row (the pairs of set ``i`` with the sets before it), module constants so that tests can send
#: every row down each path: the byte path once ``i`` is at least ``_BYTES_FROM`` and the postings it would walk
#: number at least ``i / _BYTES_WORK`` (a dense row: most earlier sets share something with it), for sets of fewer
#: than 255 elements (a count fits a byte). An element gets a byte row once it is in ``_ROW_SHARE``-th of the sets so
#: far (and at least ``_ROW_MIN``), while the byte rows take at most ``_ROW_BUDGET`` bytes per element of the input.
_BYTES_FROM, _BYTES_WORK, _ROW_MIN, _ROW_SHARE, _ROW_BUDGET = 64, 2, 16, 64, 64
#: A byte row is two ints: its head (the sets before ``start``) and its tail (from ``start`` on), which is all that a
#: new set changes (a set's 1 costs the tail's length, not the row's); the tails are moved into the heads once they
#: span ``_TAIL_MIN`` sets and ``1 / _TAIL_SHARE`` of the head.
_TAIL_MIN, _TAIL_SHARE = 512, 8
#: The scipy backend's blocks: at most ``_BLOCKS``, each of at least ``_BLOCK_WORK`` (see :func:`_scipy_kernel`).
_BLOCKS, _BLOCK_WORK = 32, 1 << 18


@gc_paused  # many lists, no cycles
def _python_kernel(sets: Sequence[Iterable[Hashable]], min_shared: int,
                   top_k: int | None = None) -> tuple[array, array, array, array]:  # fmt: skip
    """The columns of every pair sharing at least ``min_shared`` elements, in order of the later set of the pair
    (``right``), then of the earlier (``left``): the same in every run, whatever the hash seed.

    A row (set ``i`` against the sets before it) with fewer than ``min_shared`` elements that earlier sets hold is
    skipped: no earlier set can share more elements than that. The others are counted one of two ways,
    with the same result. Sparse rows: the postings (element -> the earlier sets holding it) of its elements,
    counted in a ``Counter``. Dense rows: popular elements keep a byte row, an ``int`` whose byte ``j`` is 1 when
    set ``j`` holds the element, kept as a head (sets before ``start``) and a short tail (sets from ``start`` on:
    only the tail grows with each set, and the tails are moved into the heads now and then, see ``_TAIL_MIN``);
    adding the heads and the tails of the row's popular elements counts them for every earlier set at once (a byte
    a count, no carry: a count is below 255), the rare elements' postings are added in one by one, and
    :func:`.bytecount.dense_columns` cuts the counts of at least ``min_shared`` into the columns.

    With ``top_k`` (1 or more), the pairs that can no longer be among the ``top_k`` first in :func:`_top_positions`
    order are dropped as the columns grow, and ``min_shared`` rises to the smallest kept count: the top pairs are
    the same, in the same order, as in the full columns.
    """
    postings: dict[Hashable, list[int]] = {}
    heads: dict[Hashable, int] = {}  # element -> its byte row over the sets before start
    tails: dict[Hashable, int] = {}  # element -> its byte row over the sets from start on (byte 0: set start)
    left, right, shared, sizes = array("I"), array("I"), array("I"), array("I")
    get, get_head, get_tail = postings.get, heads.get, tails.get
    lanes: Any = False  # the index bytes for dense rows (digit_lanes), made at the first dense row
    room = 0  # how many more byte rows the budget allows
    start, moved = 0, _TAIL_MIN  # where the tails begin; where they are next moved into the heads
    for i, members in enumerate(sets):
        if not isinstance(members, (set, frozenset)):
            members = set(members)
        sizes.append(len(members))
        room += _ROW_BUDGET * len(members)
        if i >= moved:
            for element, tail in tails.items():
                heads[element] += tail << (8 * start)
                tails[element] = 0
            start, moved = i, i + max(_TAIL_MIN, i // _TAIL_SHARE)
        found = list(map(get, members))
        lists = [p for p in found if p is not None]
        if len(lists) >= min_shared:  # a pair shares at most the elements seen before (and min_shared >= 1)
            if i >= _BYTES_FROM and len(members) < 255 and sum(map(len, lists)) * _BYTES_WORK >= i:
                least = max(_ROW_MIN, i // _ROW_SHARE)
                head, tail, rare = 0, 0, []
                for element, plist in zip(members, found):
                    if plist is None:
                        continue
                    row = get_head(element)
                    if row is None and len(plist) >= least and room >= len(sets):
                        marks = bytearray(i)
                        for j in plist:
                            marks[j] = 1
                        heads[element] = row = int.from_bytes(marks[:start], "little")
                        tails[element] = int.from_bytes(marks[start:], "little")
                        room -= len(sets)
                    if row is not None:
                        head += row
                        tail += tails[element]
                    else:
                        rare.append(plist)
                counts = bytearray(head.to_bytes(start, "little"))
                counts += tail.to_bytes(i - start, "little")
                for plist in rare:
                    for j in plist:
                        counts[j] += 1
                if lanes is False:
                    lanes = digit_lanes(len(sets))
                dense_columns(counts, i, lanes, left, right, shared, min_shared)
            else:
                tally: dict[int, int] = Counter(chain.from_iterable(lists))
                if min_shared > 1:
                    enough = max(tally.values()) >= min_shared  # else the whole row is dropped at once
                    tally = {j: n for j, n in tally.items() if n >= min_shared} if enough else {}
                earlier = sorted(tally)  # the order of the hash table would change with the hash seed
                left.extend(earlier)
                right.extend(array("I", (i,)) * len(earlier))
                shared.extend(map(tally.__getitem__, earlier))
            if top_k is not None and len(shared) > max(4 * top_k, 4096):
                keep = _top_positions(shared, top_k, left, right, sizes)
                left, right, shared = (array("I", map(column.__getitem__, keep)) for column in (left, right, shared))
                min_shared = max(min_shared, min(shared))
        for plist in lists:
            plist.append(i)
        if tails:
            one = 1 << (8 * (i - start))
            for element in members:
                row = get_tail(element)
                if row is not None:
                    tails[element] = row + one
        if len(lists) < len(found):
            for element, plist in zip(members, found):
                if plist is None:
                    postings[element] = [i]
    return left, right, shared, sizes


def _scipy_kernel(sets: Sequence[Iterable[Hashable]], min_shared: int,
                  top_k: int | None = None) -> tuple[Any, Any, Any, Any]:  # fmt: skip
    """The columns of :func:`_python_kernel`, from sparse products of the set × element incidence matrix ``M``, a
    block of later sets at a time: ``M[:b] @ M[a:b].T`` counts sets ``0..b-1`` against sets ``a..b-1``; taken by
    column (``tocsc`` sorts each column's rows), each later set's earlier sets come in order, and only those are
    kept (the strict lower triangle), so that neither the upper half nor the whole product is ever made. The
    blocks are of about equal work (a row's part of the product is at most its elements' frequencies, summed): at
    most ``_BLOCKS`` of at least ``_BLOCK_WORK``, so that a block's product is a small part of the columns.
    ``top_k`` prunes between blocks as the pure-Python kernel does between rows."""
    import numpy as np
    from scipy import sparse

    rows = [s if isinstance(s, (set, frozenset)) else set(s) for s in sets]
    elements = set().union(*rows)
    codes = dict(zip(elements, range(len(elements))))
    sizes = array("I", map(len, rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    indices = np.frombuffer(array("i", map(codes.__getitem__, chain.from_iterable(rows))) or b"", dtype=np.int32)
    incidence = sparse.csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr),
                                  shape=(len(rows), len(codes)))  # fmt: skip
    left, right, shared = array("I"), array("I"), array("I")
    weights = np.bincount(indices, minlength=len(codes))[indices]
    done = np.concatenate(([0], np.cumsum(weights, dtype=np.int64)))[indptr[1:]]  # the work up to each row
    total = int(done[-1]) if len(done) else 0
    blocks = max(1, min(_BLOCKS, total // _BLOCK_WORK))
    cuts = np.searchsorted(done, np.arange(1, blocks) * (total / blocks)) if blocks > 1 else ()
    bounds = sorted({0, len(rows), *map(int, cuts)})
    for a, b in zip(bounds, bounds[1:]):
        earlier = sparse.csr_matrix((incidence.data[: indptr[b]], incidence.indices[: indptr[b]], indptr[: b + 1]),
                                    shape=(b, len(codes)), copy=False)  # fmt: skip
        # sets 0..b-1 against sets a..b-1, by column: the later set, its earlier sets in order (tocsc sorts them)
        block = (earlier @ incidence[a:b].T).tocsc()
        later = np.repeat(np.arange(a, b, dtype=np.int32), np.diff(block.indptr))
        keep = block.indices < later
        if min_shared > 1:
            keep &= block.data >= min_shared
        left.frombytes(memoryview(block.indices[keep].astype(np.uint32)).cast("B"))
        right.frombytes(memoryview(later[keep].astype(np.uint32)).cast("B"))
        shared.frombytes(memoryview(block.data[keep].astype(np.uint32)).cast("B"))
        if top_k is not None and len(shared) > max(4 * top_k, 4096):
            positions = _top_positions(shared, top_k, left, right, sizes)
            left, right, shared = (array("I", map(column.__getitem__, positions)) for column in (left, right, shared))
            min_shared = max(min_shared, min(shared))
    return tuple(np.frombuffer(c, dtype=np.uint32) if c else np.zeros(0, np.uint32)
                 for c in (left, right, shared, sizes))  # type: ignore[return-value]  # fmt: skip


def _have_scipy() -> bool:
    try:
        import numpy  # noqa: F401
        import scipy.sparse  # noqa: F401
    except ImportError:
        return False
    return True


def _top_positions(shared: Sequence[int], top_k: int, left: Sequence[int], right: Sequence[int],
                   sizes: Sequence[int]) -> list[int]:  # fmt: skip
    """Positions of the ``top_k`` pairs sharing the most, in position order; ties: the higher Jaccard (at an equal
    count, the smaller sum of the two sizes), then the earlier pair (lower ``left``, then lower ``right``).

    The same as ``sorted(heapq.nsmallest(top_k, range(len(shared)), key=rank))`` with ``rank(k) = (-shared[k],
    sizes[left[k]] + sizes[right[k]], left[k], right[k])``, without a Python call per pair: find the smallest count
    kept from a histogram, keep the positions above it, and rank only the pairs at it.

    >>> _top_positions([1, 3, 2, 3, 2], 3, left=[0, 0, 0, 1, 1], right=[1, 2, 3, 2, 3], sizes=[3, 3, 3, 5])
    [1, 2, 3]
    """
    if top_k <= 0:
        return []
    if top_k >= len(shared):
        return list(range(len(shared)))
    counts = Counter(shared)
    above = 0
    for value in sorted(counts, reverse=True):
        if above + counts[value] >= top_k:
            break
        above += counts[value]
    keep = list(compress(range(len(shared)), map(value.__lt__, shared)))  # the positions above the value
    tied = compress(range(len(shared)), map(value.__eq__, shared))

    def rank(k: int) -> tuple[int, int, int]:
        i, j = int(left[k]), int(right[k])
        return (int(sizes[i]) + int(sizes[j]), i, j)

    keep += heapq.nsmallest(top_k - above, tied, key=rank)
    keep.sort()
    return keep


def overlap_from_sets(sets: Sequence[Iterable[Hashable]], *, ids: Sequence[str] | None = None, min_shared: int = 1,
                      top_k: int | None = None, backend: Backend = "python") -> PairTable:  # fmt: skip
    """All pairs of ``sets`` sharing at least ``min_shared`` elements (plain lists of sets are fine).

    ``ids`` names the sets (default ``"0"``, ``"1"``, ...). Pairs come in input order: by their later set, then
    their earlier one. ``top_k`` keeps only the ``top_k`` pairs sharing the most; ties go to the higher Jaccard, then
    to the earlier pair (lower left index, then lower right index), so the same pairs in every run.
    ``backend="scipy"`` uses numpy/scipy (``pip install "coalitions[fast]"``), ``"auto"`` uses it when installed.

    >>> table = overlap_from_sets([{"a", "b"}, {"b", "c"}, {"d"}], ids=["x", "y", "z"])
    >>> [(p.a, p.b, p.shared) for p in table.pairs()]
    [('x', 'y', 1)]
    """
    if min_shared < 1:
        raise ValueError("min_shared must be at least 1 (pairs sharing nothing are never stored)")
    sets = sets if isinstance(sets, Sequence) else list(sets)
    names = tuple(ids) if ids is not None else tuple(str(i) for i in range(len(sets)))
    if len(names) != len(sets):
        raise ValueError(f"{len(names)} ids for {len(sets)} sets")
    if backend == "scipy" and not _have_scipy():
        raise CoalitionsError('backend="scipy" needs numpy and scipy: pip install "coalitions[fast]"')
    use_scipy = backend == "scipy" or (backend == "auto" and _have_scipy())
    pruned = top_k if top_k is not None and top_k > 0 else None
    kernel = _scipy_kernel if use_scipy else _python_kernel
    left, right, shared, sizes = kernel(sets, min_shared, pruned)
    table = PairTable(names, sizes, left, right, shared)
    if top_k is not None and len(table) > top_k:
        keep = _top_positions(shared, top_k, left, right, sizes)
        table = PairTable(names, sizes, array("I", (int(left[k]) for k in keep)),
                          array("I", (int(right[k]) for k in keep)), array("I", (int(shared[k]) for k in keep)))
    return table


def cosigning_from_sets(sets: Sequence[Iterable[str]], *, min_shared: int = 1, top_k: int | None = None,
                        backend: Backend = "python") -> PairTable:  # fmt: skip
    """How often each pair of elements occurs in the same set (organisations signing the same declaration).

    ``ids`` of the result are the elements, sorted; ``sizes`` how many sets each is in.

    >>> table = cosigning_from_sets([{"a", "b"}, {"a", "b", "c"}])
    >>> table.as_dict()
    {('a', 'b'): 2, ('a', 'c'): 1, ('b', 'c'): 1}
    """
    by_element: dict[str, list[int]] = {}
    for i, members in enumerate(sets):
        for element in set(members):
            by_element.setdefault(element, []).append(i)
    names = tuple(sorted(by_element))
    return overlap_from_sets([by_element[n] for n in names], ids=names, min_shared=min_shared, top_k=top_k,
                             backend=backend)  # fmt: skip
