"""Overlap between declarations, councils or any sets of organisations, one pair or all pairs at once.

Across many declarations, the two projections of the organisation x declaration affiliation network (Breiger
1974, "The Duality of Persons and Groups"): declaration x declaration (how many signers two declarations share,
:func:`overlap_matrix`) and organisation x organisation (how often two organisations signed together,
:func:`cosigning`). Both are computed by one kernel, :func:`overlap_from_sets`: an inverted index (element -> sets
seen so far) and one ``Counter`` per set, written into ``array('I')`` columns, 12 bytes a pair. With numpy and
scipy installed, ``backend="scipy"`` (or ``"auto"``) uses a sparse product instead.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain, compress
from typing import Any, Literal, NamedTuple

import attrs

from ..model import CoalitionsError, Corpus, Declaration, gc_paused
from .readings import DateLike, Disputed, Reading, as_when

__all__ = [
    "Overlap",
    "Pair",
    "PairTable",
    "compare",
    "cosigning",
    "cosigning_from_sets",
    "overlap",
    "overlap_from_sets",
    "overlap_matrix",
    "partners",
]

Backend = Literal["auto", "python", "scipy"]


@attrs.frozen
class Overlap:
    """Two sets compared: what they share, what only one has, Jaccard (|A∩B| / |A∪B|) and the overlap
    coefficient (|A∩B| / min(|A|, |B|)). Both are 1.0 for two empty sets, 0.0 when only one is empty."""

    shared: frozenset[str]
    only_a: frozenset[str]
    only_b: frozenset[str]
    jaccard: float
    overlap_coefficient: float


def _jaccard(shared: int, size_a: int, size_b: int) -> float:
    union = size_a + size_b - shared
    return shared / union if union else 1.0


def _coefficient(shared: int, size_a: int, size_b: int) -> float:
    smaller = min(size_a, size_b)
    if smaller == 0:
        return 1.0 if size_a == size_b else 0.0
    return shared / smaller


def overlap(a: Iterable[str], b: Iterable[str]) -> Overlap:
    """Compare two sets of ids.

    >>> o = overlap(["a", "b", "c"], ["b", "c", "d", "e"])
    >>> sorted(o.shared), sorted(o.only_a), sorted(o.only_b), o.jaccard, o.overlap_coefficient
    (['b', 'c'], ['a'], ['d', 'e'], 0.4, 0.6666666666666666)
    """
    left, right = frozenset(a), frozenset(b)
    shared = left & right
    return Overlap(shared, left - right, right - left, _jaccard(len(shared), len(left), len(right)),
                   _coefficient(len(shared), len(left), len(right)))  # fmt: skip


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
        return Pair(self.ids[i], self.ids[j], n, _jaccard(n, a, b), _coefficient(n, a, b))

    def pairs(self) -> Iterator[Pair]:
        """Every pair, in the order of the columns."""
        return (self.pair(k) for k in range(len(self)))

    def jaccard(self, k: int) -> float:
        """Jaccard of pair ``k``."""
        return _jaccard(int(self.shared[k]), self.sizes[int(self.left[k])], self.sizes[int(self.right[k])])

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


# -- the kernel -------------------------------------------------------------------------------------------------


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


# -- over a corpus ----------------------------------------------------------------------------------------------


def _declarations(corpus: Corpus, declaration_ids: Iterable[str] | None) -> tuple[Declaration, ...]:
    if declaration_ids is None:
        return corpus.declarations
    return tuple(corpus.declaration(d) for d in declaration_ids)


def _signers(corpus: Corpus, declarations: Sequence[Declaration], expand: bool,
             disputed: Disputed) -> list[frozenset[str]]:  # fmt: skip
    from .councils import signer_set

    return [signer_set(corpus, d.id, Reading.of(disputed), expand=expand) for d in declarations]


def overlap_matrix(corpus: Corpus, declaration_ids: Iterable[str] | None = None, *, expand: bool = False,
                   min_shared: int = 1, top_k: int | None = None, disputed: Disputed = "in",
                   backend: Backend = "python") -> PairTable:  # fmt: skip
    """Signers shared by every pair of declarations (all of the corpus by default), as a :class:`PairTable`.

    With ``expand``, councils stand for their members at each declaration's date (see ``signatories``).
    """
    declarations = _declarations(corpus, declaration_ids)
    return overlap_from_sets(_signers(corpus, declarations, expand, disputed), ids=[d.id for d in declarations],
                             min_shared=min_shared, top_k=top_k, backend=backend)  # fmt: skip


def cosigning(corpus: Corpus, declaration_ids: Iterable[str] | None = None, *, expand: bool = False,
              min_shared: int = 1, top_k: int | None = None, disputed: Disputed = "in",
              backend: Backend = "python") -> PairTable:  # fmt: skip
    """How many declarations each pair of signers signed together; ``sizes`` is how many each signed."""
    declarations = _declarations(corpus, declaration_ids)
    return cosigning_from_sets(_signers(corpus, declarations, expand, disputed), min_shared=min_shared,
                               top_k=top_k, backend=backend)  # fmt: skip


def partners(corpus: Corpus, organisation_id: str, declaration_ids: Iterable[str] | None = None, *,
             expand: bool = False, disputed: Disputed = "in") -> tuple[tuple[str, int], ...]:  # fmt: skip
    """Who signed with ``organisation_id`` and how often, most frequent first (ties by id)."""
    counts: Counter[str] = Counter()
    for signers in _signers(corpus, _declarations(corpus, declaration_ids), expand, disputed):
        if organisation_id in signers:
            counts.update(signers - {organisation_id})
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _side(corpus: Corpus, record_id: str, at: DateLike | None, expand: bool, disputed: Disputed) -> frozenset[str]:
    from .councils import expand_with, members_at, signer_set

    record = corpus.get(record_id) if record_id in corpus or not corpus.members_of(record_id) else None
    if isinstance(record, Declaration):
        if at is None:
            return signer_set(corpus, record.id, Reading.of(disputed), expand=expand)
        declared = signer_set(corpus, record.id, Reading.of(disputed))
        return expand_with(corpus, declared, as_when(at), Reading.of(disputed)) if expand else declared
    if at is None:
        raise CoalitionsError(f"comparing the council {record_id!r} needs a date (at_a, at_b)")
    members = members_at(corpus, record_id, at, disputed=disputed)
    direct = frozenset(m.member for m in members)
    return expand_with(corpus, direct, as_when(at), Reading.of(disputed)) if expand else direct


def compare(corpus: Corpus, a_id: str, b_id: str, *, expand: bool = False, at_a: DateLike | None = None,
            at_b: DateLike | None = None, disputed: Disputed = "in") -> Overlap:  # fmt: skip
    """Compare two declarations (their signers), two councils (their members at ``at_a``/``at_b``), one council
    at two dates, or a declaration with a council. ``at_b`` defaults to ``at_a``.

    >>> from coalitions import Citation, Corpus, Membership, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(memberships=[Membership("c", "p", src, start=When.of("2021"), end=When.of("2022")),
    ...                              Membership("c", "q", src, start=When.of("2021"))])
    >>> sorted(compare(corpus, "c", "c", at_a="2021-06-01", at_b="2023-06-01").only_a)
    ['p']
    """
    at_b = at_a if at_b is None else at_b
    return overlap(_side(corpus, a_id, at_a, expand, disputed), _side(corpus, b_id, at_b, expand, disputed))


def mean_jaccard(table: PairTable) -> float:
    """The mean Jaccard over *all* pairs of the table's sets (pairs sharing nothing count 0); NaN under 2 sets."""
    n = len(table.ids)
    if n < 2:
        return math.nan
    return math.fsum(table.jaccard(k) for k in range(len(table))) / (n * (n - 1) / 2)
