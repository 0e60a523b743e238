"""Unity metrics of a set of organisations over time, each a :class:`Range` over the readings of disputed claims.

Definitions, formulas, sources in the literature and worked examples: ``docs/metrics.md``. In short:

* **coverage** -- the share of the organisations active at a date that signed a declaration, councils expanded;
* **fragmentation** (Rae's F = 1 − Σ pᵢ²) and the **effective number of blocs** (Laakso–Taagepera's
  N = 1 / Σ pᵢ²);
* **cohesion** -- mean pairwise Jaccard of the declarations of a window, density and components of co-signing;
* the **three dimensions** of Bakke, Cunningham and Seymour (2012): number of organisations, institutionalisation,
  concentration of power.

Every metric is computed under readings of the uncertain claims (see :mod:`coalitions.analysis.readings`) by
:func:`~coalitions.analysis.ranges.ranges`: the one that leaves them all out, the one that counts them all and, when
at most ``max_exact`` claims matter, every reading, which gives exact bounds and whether the metric is monotone in the
claims.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from operator import add, sub, truediv
from typing import Any, Literal, Union

import attrs

from ..model import Corpus, Declaration, PartialDate, When
from .bounds import Range, Values, ranges
from .councils import accepted
from .kernel import overlap_from_sets
from .readings import DateLike, Reading, as_when
from .signers import signer_set, signer_sets
from .unitindex import UnitIndex, UnitSet, units

__all__ = [
    "BCS",
    "Cohesion",
    "MetricPoint",
    "bcs_dimensions",
    "cohesion",
    "coverage",
    "effective_number",
    "fragmentation",
    "laakso_taagepera",
    "metric_series",
    "rae",
    "windows",
]

Blocs = Literal["components", "councils"]
#: A window: a date (``"2024"`` is the year 2024, ``"2024-02"`` the month) or a ``(start, end)`` pair.
WindowLike = Union[DateLike, tuple[DateLike, DateLike]]


# -- building blocks ---------------------------------------------------------------------------------------------


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


def _window(value: WindowLike) -> When:
    if isinstance(value, tuple):
        start, end = as_when(value[0]), as_when(value[1])
        return When(start.start, end.end)
    return as_when(value)


def _last_day(window: When) -> When:
    day = PartialDate.from_date(window.latest)
    return When(day, day)


def _in(declaration: Declaration, window: When) -> bool:
    """A declaration belongs to the window holding its earliest possible day (so windows partition them)."""
    return window.earliest <= declaration.date.earliest <= window.latest


def _signed(corpus: Corpus, declaration: Declaration, reading: Reading, expand: bool) -> frozenset[str]:
    return frozenset(s for s in signer_set(corpus, declaration.id, reading, expand=expand)
                     if not corpus.is_person(s))  # fmt: skip


def _signed_sets(corpus: Corpus, declarations: Sequence[Declaration], reading: Reading,
                 expand: bool) -> list[frozenset[str]]:  # fmt: skip
    """The organisations that signed each declaration (people left out)."""
    return [_signed(corpus, d, reading, expand) for d in declarations]


def _tops(corpus: Corpus, unit: str, at: When, reading: Reading) -> set[str]:
    """The top-level councils ``unit`` belongs to on ``at`` (through nested councils)."""
    tops: set[str] = set()
    seen: set[str] = set()
    frontier = [unit]
    while frontier:
        node = frontier.pop()
        parents = [m.organisation for m in corpus.memberships_of(node) if accepted(corpus, m, at, reading)]
        if not parents and node != unit:
            tops.add(node)
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                frontier.append(parent)
    return tops


def _components(nodes: Iterable[str], groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Sizes of the connected components of the graph where each group is a clique, by representative."""
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


# -- the metrics under one reading ----------------------------------------------------------------------------


def _coverage_values(corpus: Corpus, declaration: Declaration, among: frozenset[str] | None, at: When,
                     expand: bool, reading: Reading) -> float:  # fmt: skip
    signed = signer_set(corpus, declaration.id, reading, expand=expand, keep_councils=True)
    universe = among if among is not None else frozenset(units(corpus, at, reading))
    return len(signed & universe) / len(universe) if universe else math.nan


def _bloc_sizes(corpus: Corpus, window: When, sets: Sequence[frozenset[str]], blocs: Blocs, reading: Reading,
                components: dict[str, int] | None = None) -> list[float]:  # fmt: skip
    if blocs == "components":
        components = components if components is not None else _components(set().union(*sets), sets)
        return [float(s) for s in components.values()]
    at = _last_day(window)
    weights: dict[str, float] = {}
    for unit in units(corpus, at, reading):
        tops = sorted(_tops(corpus, unit, at, reading)) or [unit]
        for top in tops:
            weights[top] = weights.get(top, 0.0) + 1.0 / len(tops)
    return list(weights.values())


def _jaccard_sum(sets: Sequence[frozenset[str]]) -> float:
    """The sum of the Jaccard of every pair of ``sets``, exactly rounded (so the same in any order).

    Pairs sharing no element score 0, but two empty sets (1.0); the pairs sharing one or more come from the overlap
    kernel, and their Jaccard shared / (size + size - shared) is computed by ``operator`` functions, without a Python
    call per pair.
    """
    table = overlap_from_sets(sets)
    sizes = table.sizes
    unions = map(sub, map(add, map(sizes.__getitem__, table.left), map(sizes.__getitem__, table.right)), table.shared)
    empty = sum(1 for s in sets if not s)
    return math.fsum(chain(map(truediv, table.shared, unions), repeat(1.0, empty * (empty - 1) // 2)))


def _edge_count(sets: Sequence[frozenset[str]]) -> int:
    """How many pairs of elements share a set (the edges of the co-signing network): each element's neighbours
    are the union of the sets it is in, less itself."""
    groups: dict[str, list[frozenset[str]]] = {}
    for s in sets:
        for element in s:
            groups.setdefault(element, []).append(s)
    return sum(len(frozenset().union(*g)) - 1 for g in groups.values()) // 2


def _cohesion_values(sets: Sequence[frozenset[str]], components: dict[str, int] | None = None) -> Values:
    pairs = len(sets) * (len(sets) - 1) // 2
    nodes = set().union(*sets)
    n = len(nodes)
    components = components if components is not None else _components(nodes, sets)
    return {
        "mean_jaccard": _jaccard_sum(sets) / pairs if pairs else math.nan,
        "density": 2 * _edge_count(sets) / (n * (n - 1)) if n > 1 else math.nan,
        "components": float(len(components)),
    }


def _bcs_values(corpus: Corpus, window: When, sets: Sequence[frozenset[str]], reading: Reading) -> Values:
    counts = Counter(chain.from_iterable(sets))
    at = _last_day(window)
    inside = [o for o in sorted(counts) if any(accepted(corpus, m, at, reading) for m in corpus.memberships_of(o))]
    total = sum(counts.values())
    return {
        "organisations": float(len(counts)),
        "institutionalisation": len(inside) / len(counts) if counts else math.nan,
        "concentration": math.fsum((c / total) ** 2 for c in counts.values()) if total else math.nan,
    }


# -- public metrics -------------------------------------------------------------------------------------------


def coverage(corpus: Corpus, declaration_id: str, *, among: Iterable[str] | None = None, at: DateLike | None = None,
             expand: bool = True, max_exact: int = 8) -> Range:  # fmt: skip
    """The share of ``among`` (default: the organisations active on ``at`` that are not councils) that signed.

    A signing council counts as signed, and with ``expand`` (the default) so do its members at the declaration's
    date, to any depth (its printed member list where the declaration printed one). ``at`` defaults to the
    declaration's date.
    """
    declaration = corpus.declaration(declaration_id)
    when = as_when(at) if at is not None else declaration.date
    chosen = frozenset(among) if among is not None else None
    return ranges(lambda r: {"coverage": _coverage_values(corpus, declaration, chosen, when, expand, r)},
                  max_exact=max_exact)["coverage"]  # fmt: skip


def _declarations_in(corpus: Corpus, window: When) -> list[Declaration]:
    return [d for d in corpus.declarations if _in(d, window)]


def _fragmentation_values(corpus: Corpus, window: When, sets: Sequence[frozenset[str]], blocs: Blocs,
                          reading: Reading, components: dict[str, int] | None = None) -> Values:  # fmt: skip
    sizes = _bloc_sizes(corpus, window, sets, blocs, reading, components)
    return {"fragmentation": rae(sizes), "effective_number": laakso_taagepera(sizes)}


def fragmentation(corpus: Corpus, window: WindowLike, *, blocs: Blocs = "components", expand: bool = True,
                  max_exact: int = 8) -> Range:  # fmt: skip
    """Rae's F = 1 − Σ pᵢ² over the blocs of ``window``.

    ``blocs="components"``: the connected components of the co-signing network of the declarations in the window
    (an organisation that signed alone is a bloc); ``"councils"``: the top-level councils on the window's last
    day, each organisation in no council a bloc of its own, one in k top-level councils counting 1/k to each.
    """
    when = _window(window)
    decls = _declarations_in(corpus, when)
    return ranges(lambda r: _fragmentation_values(corpus, when, _signed_sets(corpus, decls, r, expand), blocs, r),
                  max_exact=max_exact)["fragmentation"]  # fmt: skip


def effective_number(corpus: Corpus, window: WindowLike, *, blocs: Blocs = "components", expand: bool = True,
                     max_exact: int = 8) -> Range:  # fmt: skip
    """Laakso–Taagepera's N = 1 / Σ pᵢ² over the blocs of ``window`` (blocs as for :func:`fragmentation`)."""
    when = _window(window)
    decls = _declarations_in(corpus, when)
    return ranges(lambda r: _fragmentation_values(corpus, when, _signed_sets(corpus, decls, r, expand), blocs, r),
                  max_exact=max_exact)["effective_number"]  # fmt: skip


@attrs.frozen
class Cohesion:
    """Mean pairwise Jaccard of the declarations of a window, and density and number of connected components of
    their co-signing network (organisations linked when they signed a declaration together)."""

    mean_jaccard: Range
    density: Range
    components: Range


def cohesion(corpus: Corpus, window: WindowLike, *, expand: bool = True, max_exact: int = 8) -> Cohesion:
    """The cohesion of the declarations of ``window`` (see :class:`Cohesion`)."""
    when = _window(window)
    decls = _declarations_in(corpus, when)
    found = ranges(lambda r: _cohesion_values(_signed_sets(corpus, decls, r, expand)), max_exact=max_exact)
    return Cohesion(**found)


@attrs.frozen
class BCS:
    """The three dimensions of fragmentation of Bakke, Cunningham and Seymour (2012), operationalised on signatures.

    ``organisations``: how many organisations signed in the window. ``institutionalisation``: the share of them
    that belong to an umbrella organisation (a council, front or assembly) on the window's last day.
    ``concentration``: the Herfindahl index Σ sᵢ² of their shares of signatures (1 when one organisation signed
    everything); a proxy for the distribution of power, which signatures show only as visibility.
    """

    organisations: Range
    institutionalisation: Range
    concentration: Range


def bcs_dimensions(corpus: Corpus, window: WindowLike, *, expand: bool = True, max_exact: int = 8) -> BCS:
    """Bakke–Cunningham–Seymour's three dimensions for ``window`` (see :class:`BCS`)."""
    when = _window(window)
    decls = _declarations_in(corpus, when)
    return BCS(**ranges(lambda r: _bcs_values(corpus, when, _signed_sets(corpus, decls, r, expand), r),
                        max_exact=max_exact))  # fmt: skip


@attrs.frozen
class MetricPoint:
    """Every metric for one window. ``coverage`` is the mean coverage of the window's declarations."""

    window: When
    declarations: tuple[str, ...]
    coverage: Range
    fragmentation: Range
    effective_number: Range
    mean_jaccard: Range
    density: Range
    components: Range
    organisations: Range
    institutionalisation: Range
    concentration: Range


def windows(corpus: Corpus, window: Literal["year", "quarter"] | Iterable[WindowLike] = "year") -> tuple[When, ...]:
    """The windows of a series: every year or quarter from the first declaration to the last, or the given ones."""
    if not isinstance(window, str):
        return tuple(_window(w) for w in window)
    if window not in ("year", "quarter"):
        raise ValueError(f"window must be 'year', 'quarter' or a list of windows, not {window!r}")
    if not corpus.declarations:
        return ()
    first = min(d.date.earliest for d in corpus.declarations)
    last = max(d.date.earliest for d in corpus.declarations)
    result = []
    for year in range(first.year, last.year + 1):
        if window == "year":
            result.append(When(PartialDate(year), PartialDate(year)))
            continue
        for q in range(4):
            quarter = When(PartialDate(year, 3 * q + 1), PartialDate(year, 3 * q + 3))
            if first <= quarter.latest and quarter.earliest <= last:
                result.append(quarter)
    return tuple(result)


def _mean_coverage(corpus: Corpus, declarations: Sequence[Declaration], signed: Sequence[frozenset[str]],
                   reading: Reading, index: UnitIndex | None, snapshots: dict[str, Any]) -> float:  # fmt: skip
    """The mean coverage of ``declarations`` (undefined ones left out), ``signed`` holding their signers with
    councils kept, each among the units on its date."""
    found: dict[str, UnitSet | frozenset[str]] = {}  # the units on each date, under this reading
    covered = []
    for d, signers in zip(declarations, signed):
        date = str(d.date)
        if date not in found:
            found[date] = (index.units(snapshots[date], reading) if index is not None
                           else frozenset(units(corpus, d.date, reading)))  # fmt: skip
        universe = found[date]
        covered.append(len(universe.intersection(signers)) / len(universe) if len(universe) else math.nan)
    covered = [c for c in covered if not math.isnan(c)]
    return math.fsum(covered) / len(covered) if covered else math.nan


def metric_series(corpus: Corpus, window: Literal["year", "quarter"] | Iterable[WindowLike] = "year", *,
                  blocs: Blocs = "components", expand: bool = True,
                  max_exact: int = 8) -> tuple[MetricPoint, ...]:  # fmt: skip
    """Every metric for every window, so that one sees whether the organisations grew more or less unified."""
    index = UnitIndex.of(corpus)
    people = frozenset(p.id for p in corpus.people if corpus.is_person(p.id))  # signers the metrics leave out
    points = []
    for when in windows(corpus, window):
        decls = _declarations_in(corpus, when)
        snapshots = index.at(d.date for d in decls) if index is not None else {}

        def evaluate(r: Reading, when: When = when, decls: list[Declaration] = decls,
                     snapshots: dict[str, Any] = snapshots) -> Values:  # fmt: skip
            walked = [signer_sets(corpus, d.id, r, expand=expand) for d in decls]
            sets = [parts - people if parts & people else parts for parts, _ in walked]
            components = _components(set().union(*sets), sets)
            return {
                "coverage": _mean_coverage(corpus, decls, [kept for _, kept in walked], r, index, snapshots),
                **_fragmentation_values(corpus, when, sets, blocs, r, components),
                **_cohesion_values(sets, components),
                **_bcs_values(corpus, when, sets, r),
            }

        points.append(MetricPoint(when, tuple(d.id for d in decls), **ranges(evaluate, max_exact=max_exact)))
    return tuple(points)
