"""The overlap kernel: every pair of sets sharing elements, as compact columns (:class:`PairTable`).

An inverted index (element -> sets seen so far) and one ``Counter`` per set, written into ``array('I')`` columns,
12 bytes a pair; with numpy and scipy installed, ``backend="scipy"`` (or ``"auto"``) uses a sparse product instead.
:func:`cosigning_from_sets` runs the same kernel on the transposed sets.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain, compress
from typing import Any, Literal, NamedTuple

import attrs

from ..model import CoalitionsError, gc_paused

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
        """How many elements ``a`` and ``b`` share (0 when below ``min_shared``)."""
        i, j = self.ids.index(a), self.ids.index(b)
        i, j = min(i, j), max(i, j)
        for k in range(len(self)):
            if self.left[k] == i and self.right[k] == j:
                return int(self.shared[k])
        return 0


@gc_paused  # many lists, no cycles
def _python_kernel(sets: Sequence[Iterable[Hashable]], min_shared: int,
                   top_k: int | None = None) -> tuple[array, array, array, array]:  # fmt: skip
    """The columns of every pair sharing at least ``min_shared`` elements, in order of the later set of the pair
    (``right``), then of the earlier (``left``): the same in every run, whatever the hash seed.

    With ``top_k`` (1 or more), the pairs that can no longer be among the ``top_k`` first in :func:`_top_positions`
    order are dropped as the columns grow, and ``min_shared`` rises to the smallest kept count: the top pairs are
    the same, in the same order, as in the full columns.
    """
    postings: dict[Hashable, list[int]] = {}
    left, right, shared, sizes = array("I"), array("I"), array("I"), array("I")
    get = postings.get
    for i, members in enumerate(sets):
        if not isinstance(members, (set, frozenset)):
            members = set(members)
        sizes.append(len(members))
        found = list(map(get, members))
        lists = [p for p in found if p is not None]
        if not lists:
            for element in members:
                postings[element] = [i]
            continue
        counts: dict[int, int] = Counter(chain.from_iterable(lists))
        if min_shared > 1:
            enough = max(counts.values()) >= min_shared  # else the whole row is dropped at once
            counts = {j: n for j, n in counts.items() if n >= min_shared} if enough else {}
        earlier = sorted(counts)  # the order of the hash table would change with the hash seed
        left.extend(earlier)
        right.extend([i] * len(earlier))
        shared.extend(map(counts.__getitem__, earlier))
        if top_k is not None and len(shared) > max(4 * top_k, 4096):
            keep = _top_positions(shared, top_k, left, right, sizes)
            left, right, shared = (array("I", map(column.__getitem__, keep)) for column in (left, right, shared))
            min_shared = max(min_shared, min(shared))
        for plist in lists:
            plist.append(i)
        if len(lists) < len(found):
            for element, plist in zip(members, found):
                if plist is None:
                    postings[element] = [i]
    return left, right, shared, sizes


def _scipy_kernel(sets: Sequence[Iterable[Hashable]], min_shared: int) -> tuple[Any, Any, Any, Any]:
    import numpy as np
    from scipy import sparse

    rows = [s if isinstance(s, (set, frozenset)) else set(s) for s in sets]
    codes = {e: i for i, e in enumerate(set().union(*rows))}
    sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    indices = np.fromiter(map(codes.__getitem__, chain.from_iterable(rows)), dtype=np.int32, count=int(indptr[-1]))
    incidence = sparse.csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr),
                                  shape=(len(rows), len(codes)))  # fmt: skip
    product = sparse.tril(incidence @ incidence.T, k=-1, format="csr")  # row: the later set of a pair
    product.sort_indices()  # the columns' order, as the pure-Python kernel's: by the later set, then the earlier
    product = product.tocoo()
    later, earlier, data = product.row, product.col, product.data
    if min_shared > 1:
        keep = data >= min_shared
        later, earlier, data = later[keep], earlier[keep], data[keep]
    return (earlier.astype(np.uint32, copy=False), later.astype(np.uint32, copy=False),
            data.astype(np.uint32, copy=False), sizes.astype(np.uint32))  # fmt: skip


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
    if use_scipy:
        left, right, shared, sizes = _scipy_kernel(sets, min_shared)
    else:
        pruned = top_k if top_k is not None and top_k > 0 else None
        left, right, shared, sizes = _python_kernel(sets, min_shared, pruned)
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
