"""The formulas of the unity metrics, on plain sets and sizes (docs/metrics.md gives their sources).

Nothing here knows a corpus: the metrics (:mod:`.metrics`) decide who counts and hand the sets over.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import add, sub, truediv

from .kernel import overlap_from_sets

__all__ = ["components", "concentration", "density", "laakso_taagepera", "mean_jaccard", "rae"]


def rae(sizes: Iterable[float]) -> float:
    """Rae's fractionalisation F = 1 − Σ pᵢ², pᵢ = sizeᵢ / Σ size; NaN with no bloc.

    >>> rae([1, 1, 2])
    0.625
    """
    sizes = [s for s in sizes if s > 0]
    total = math.fsum(sizes)
    return 1.0 - math.fsum((s / total) ** 2 for s in sizes) if total else math.nan


def laakso_taagepera(sizes: Iterable[float]) -> float:
    """The effective number N = 1 / Σ pᵢ² (Laakso and Taagepera 1979); NaN with no bloc.

    >>> laakso_taagepera([1, 1, 2])
    2.6666666666666665
    """
    sizes = [s for s in sizes if s > 0]
    total = math.fsum(sizes)
    return 1.0 / math.fsum((s / total) ** 2 for s in sizes) if total else math.nan


def components(nodes: Iterable[str], groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Sizes of the connected components of the graph where each group is a clique, by representative.

    >>> sorted(components("abcd", [{"a", "b"}, {"b", "c"}]).values())
    [1, 3]
    """
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        members = list(group)
        for other in members[1:]:
            a, b = find(members[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    sizes: dict[str, int] = {}
    for n in parent:
        root = find(n)
        sizes[root] = sizes.get(root, 0) + 1
    return sizes


def mean_jaccard(sets: Sequence[frozenset[str]]) -> float:
    """The mean Jaccard of every pair of ``sets`` that are not both empty (two empty sets are not identical:
    their Jaccard is undefined, and such pairs are left out); NaN when no pair is left.

    Pairs sharing no element score 0; the pairs sharing one or more come from the overlap kernel, summed exactly
    (so the same in any order).

    >>> mean_jaccard([frozenset("ab"), frozenset("b"), frozenset()])
    0.16666666666666666
    """
    n, empty = len(sets), sum(1 for s in sets if not s)
    pairs = n * (n - 1) // 2 - empty * (empty - 1) // 2
    if not pairs:
        return math.nan
    table = overlap_from_sets(sets)
    sizes = table.sizes
    unions = map(sub, map(add, map(sizes.__getitem__, table.left), map(sizes.__getitem__, table.right)), table.shared)
    return math.fsum(map(truediv, table.shared, unions)) / pairs


def _edge_count(sets: Sequence[frozenset[str]]) -> int:
    """How many pairs of elements share a set: each element's neighbours are the union of its sets, less itself."""
    groups: dict[str, list[frozenset[str]]] = {}
    for s in sets:
        for element in s:
            groups.setdefault(element, []).append(s)
    return sum(len(frozenset().union(*g)) - 1 for g in groups.values()) // 2


def density(sets: Sequence[frozenset[str]]) -> float:
    """2E / (n(n − 1)) of the co-signing network of ``sets`` (n elements, E pairs sharing a set); NaN under two.

    >>> density([frozenset("ab"), frozenset("c")])
    0.3333333333333333
    """
    n = len(set().union(*sets)) if sets else 0
    return 2 * _edge_count(sets) / (n * (n - 1)) if n > 1 else math.nan


def concentration(sets: Sequence[frozenset[str]]) -> float:
    """The Herfindahl index Σ sᵢ² of the elements' shares of all memberships of ``sets`` (1 when one element is in
    everything and alone); NaN when the sets are empty.

    >>> concentration([frozenset("a"), frozenset("ab")])
    0.5555555555555556
    """
    counts = Counter(chain.from_iterable(sets))
    total = sum(counts.values())
    return math.fsum((c / total) ** 2 for c in counts.values()) if total else math.nan
