"""Unity metrics of a movement over time, each a :class:`~.bounds.Range` over the readings of the uncertain claims.

Definitions, formulas, sources in the literature and worked examples: ``docs/metrics.md``. In short:

* **coverage** -- the share of the organisations in scope, active at a date and not councils, that a declaration
  counts (councils expanded);
* **fragmentation** (Rae's F = 1 − Σ pᵢ²) and the **effective number of blocs** (Laakso–Taagepera's
  N = 1 / Σ pᵢ²);
* **cohesion** -- mean pairwise Jaccard of the declarations of a window, density and components of co-signing;
* the **three dimensions** of Bakke, Cunningham and Seymour (2012): number of organisations, institutionalisation,
  concentration of power.

Who counts (docs/metrics.md, "Who counts"): organisations in the scope (default: the corpus's default scope), by
the tiers each declaration counts (who signed a document, who signed or took part in an event; never hosts by
default), representatives as the organisation they represent. A declaration whose list is unknown is left out (it
says nothing of who came); a partial list is counted, and the range says ``partial``. Each metric is searched on
its own claims (:func:`~.bounds.search`), so a window's ranges are exact wherever the groups of claims allow.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Literal

import attrs

from ..model import Corpus, Declaration, ListStatus, Scope, When
from .bounds import Part, Range, Values, search
from .councils import LEADERSHIP_ROLES, membership_at
from .measures import components, concentration, density, laakso_taagepera, mean_jaccard, rae
from .participation import RolesLike
from .periods import WindowLike, window, windows
from .readings import ClaimKey, DateLike, Reading, as_when
from .scoping import ScopeLike, choose_scope
from .signers import Participants, participants
from .times import asked_for, certainty_on, membership_span
from .unitindex import UnitIndex, units

__all__ = ["BCS", "Blocs", "Cohesion", "MetricPoint", "bcs_dimensions", "cohesion", "coverage", "effective_number",
           "fragmentation", "metric_series"]  # fmt: skip

Blocs = Literal["components", "councils"]


@attrs.frozen
class _Context:
    """What every metric of one corpus shares: the scope, the roles, expansion and the unit index."""

    corpus: Corpus
    chosen: Scope | None
    roles: RolesLike
    expand: bool
    index: UnitIndex | None
    max_exact: int
    #: the claims each part asks (by its name: one name, one computation), found once for all the searches
    asked: dict[Hashable, set[ClaimKey]] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, corpus: Corpus, scope: ScopeLike, roles: RolesLike, expand: bool, max_exact: int) -> _Context:
        chosen = choose_scope(corpus, scope)
        return cls(corpus, chosen, tuple(roles) if isinstance(roles, (list, set, frozenset)) else roles, expand,
                   UnitIndex.of(corpus, chosen), max_exact)  # fmt: skip

    def who(self, declaration: Declaration) -> Part:
        """Who ``declaration`` counts (organisations, in scope)."""
        return Part(("S", declaration.id), lambda r: participants(
            self.corpus, declaration, r, self.chosen, roles=self.roles, expand=self.expand))  # fmt: skip

    def units(self, at: When) -> Part:
        """The units on ``at`` (:mod:`.unitindex`; its definition, :func:`~.unitindex.units`, without an index)."""
        if self.index is None:  # repeated ids (an invalid corpus), or a test of the definition
            return Part(("U", str(at)), lambda r: frozenset(units(self.corpus, at, r, self.chosen)))
        snapshot = self.index.at([at])[str(at)]
        return Part(("U", str(at)), lambda r: self.index.units(snapshot, r))  # type: ignore[union-attr]

    def search(self, parts: Sequence[Part], value: Any, partial: bool = False) -> dict[str, Range]:
        return search(parts, value, max_exact=self.max_exact, partial=partial, asked=self.asked)


def _known(results: dict[Hashable, Any], declarations: Sequence[Declaration]) -> list[Participants]:
    found = [results[("S", d.id)] for d in declarations]
    return [p for p in found if p.status is not ListStatus.UNKNOWN]


def _partial(ctx: _Context, declarations: Sequence[Declaration]) -> bool:
    """Some list the window counts is partial (under the all-in reading: a list's status does not depend on it)."""
    reading = Reading.all_in(remember=False)
    return any(ctx.who(d).compute(reading).status is ListStatus.PARTIAL for d in declarations)


# -- coverage ---------------------------------------------------------------------------------------------------


def _share(found: Participants, universe: Any, among: frozenset[str] | None) -> float:
    if found.status is ListStatus.UNKNOWN:
        return math.nan
    pool = among if among is not None else universe
    size = len(pool)
    counted = len(found.kept & pool) if among is not None else len(universe.intersection(found.kept))
    return counted / size if size else math.nan


def coverage(corpus: Corpus, declaration_id: str, *, among: Iterable[str] | None = None, at: DateLike | None = None,
             expand: bool = True, scope: ScopeLike = None, roles: RolesLike = None,
             max_exact: int = 12) -> Range:  # fmt: skip
    """The share of ``among`` (default: the organisations in scope active on ``at`` that are not councils) that
    the declaration counts: a signing council counts, and with ``expand`` (the default) so do its members at the
    declaration's date, to any depth (its printed member list where the declaration printed one). ``at`` defaults
    to the declaration's date. Undefined (NaN) when the declaration's list is unknown; ``partial`` when it is
    partial (the share is then a lower bound).
    """
    declaration = corpus.declaration(declaration_id)
    ctx = _Context.of(corpus, scope, roles, expand, max_exact)
    when = as_when(at) if at is not None else declaration.date
    pool = frozenset(corpus.resolve(i) for i in among) if among is not None else None
    parts = [ctx.who(declaration)] + ([ctx.units(when)] if pool is None else [])

    def value(results: dict[Hashable, Any]) -> Values:
        universe = results.get(("U", str(when)))
        return {"coverage": _share(results[("S", declaration.id)], universe, pool)}

    return ctx.search(parts, value, _partial(ctx, [declaration]))["coverage"]


def _mean_coverage(ctx: _Context, declarations: Sequence[Declaration]) -> dict[str, Range]:
    dates = {str(d.date): d.date for d in declarations}
    if ctx.index is not None:  # every date at once: the index walks them in order of days
        ctx.index.at(dates.values())
    parts = [ctx.who(d) for d in declarations] + [ctx.units(w) for w in dates.values()]

    def value(results: dict[Hashable, Any]) -> Values:
        shares = [_share(results[("S", d.id)], results[("U", str(d.date))], None) for d in declarations]
        real = [s for s in shares if not math.isnan(s)]
        return {"coverage": math.fsum(real) / len(real) if real else math.nan}

    return ctx.search(parts, value, _partial(ctx, declarations))


# -- blocs --------------------------------------------------------------------------------------------------------


def _tops(corpus: Corpus, unit: str, window: When, reading: Reading) -> frozenset[str]:
    """The top-level councils ``unit`` belongs to during ``window`` (through nested councils)."""
    tops: set[str] = set()
    seen: set[str] = set()
    frontier = [unit]
    while frontier:
        node = frontier.pop()
        parents = [m.organisation for m in corpus.memberships_of(node)
                   if membership_at(corpus, m, window, reading, during=True)]  # fmt: skip
        if not parents and node != unit:
            tops.add(node)
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                frontier.append(parent)
    return frozenset(tops)


def _council_blocs(ctx: _Context, when: When) -> Part:
    """Each unit of the window with its top-level councils, as ``((unit, tops), ...)``."""
    unit_part = ctx.units(when)

    def compute(r: Reading) -> tuple[tuple[str, frozenset[str]], ...]:
        found = unit_part.compute(r).intersection(o.id for o in ctx.corpus.organisations)
        return tuple((u, _tops(ctx.corpus, u, when, r)) for u in sorted(found))

    return Part(("W", str(when)), compute)


def _bloc_sizes(blocs: Sequence[tuple[str, frozenset[str]]]) -> list[float]:
    weights: dict[str, float] = {}
    for unit, tops in blocs:
        chosen = sorted(tops) or [unit]
        for top in chosen:
            weights[top] = weights.get(top, 0.0) + 1.0 / len(chosen)
    return list(weights.values())


def _fragmentation(ctx: _Context, when: When, declarations: Sequence[Declaration], blocs: Blocs) -> dict[str, Range]:
    if blocs == "councils":
        def by_councils(results: dict[Hashable, Any]) -> Values:
            sizes = _bloc_sizes(results[("W", str(when))])
            return {"fragmentation": rae(sizes), "effective_number": laakso_taagepera(sizes)}

        return ctx.search([_council_blocs(ctx, when)], by_councils)

    def by_components(results: dict[Hashable, Any]) -> Values:
        sets = [p.parts for p in _known(results, declarations)]
        sizes = [float(s) for s in components(set().union(*sets), sets).values()] if sets else []
        return {"fragmentation": rae(sizes), "effective_number": laakso_taagepera(sizes)}

    return ctx.search([ctx.who(d) for d in declarations], by_components, _partial(ctx, declarations))


def fragmentation(corpus: Corpus, window: WindowLike, *, blocs: Blocs = "components", expand: bool = True,
                  scope: ScopeLike = None, roles: RolesLike = None, max_exact: int = 12) -> Range:  # fmt: skip
    """Rae's F = 1 − Σ pᵢ² over the blocs of ``window``.

    ``blocs="components"``: the connected components of the co-signing network of the window's declarations (an
    organisation that signed alone is a bloc); ``"councils"``: the top-level councils of the window (an
    organisation belongs to a council when a membership held during the window), each unit in no council a bloc of
    its own, one in k top-level councils counting 1/k to each.
    """
    ctx = _Context.of(corpus, scope, roles, expand, max_exact)
    when = _window(window)
    return _fragmentation(ctx, when, _declarations_in(corpus, when), blocs)["fragmentation"]


def effective_number(corpus: Corpus, window: WindowLike, *, blocs: Blocs = "components", expand: bool = True,
                     scope: ScopeLike = None, roles: RolesLike = None, max_exact: int = 12) -> Range:  # fmt: skip
    """Laakso–Taagepera's N = 1 / Σ pᵢ² over the blocs of ``window`` (blocs as for :func:`fragmentation`)."""
    ctx = _Context.of(corpus, scope, roles, expand, max_exact)
    when = _window(window)
    return _fragmentation(ctx, when, _declarations_in(corpus, when), blocs)["effective_number"]


# -- cohesion and the three dimensions ----------------------------------------------------------------------------


@attrs.frozen
class Cohesion:
    """Mean pairwise Jaccard of the declarations of a window (pairs of two empty lists left out: they are not
    identical, their Jaccard is undefined), and density and number of connected components of their co-signing
    network (organisations linked when a declaration counts them together)."""

    mean_jaccard: Range
    density: Range
    components: Range


def _cohesion(ctx: _Context, declarations: Sequence[Declaration]) -> dict[str, Range]:
    def value(results: dict[Hashable, Any]) -> Values:
        sets = [p.parts for p in _known(results, declarations)]
        nodes = set().union(*sets) if sets else set()
        return {"mean_jaccard": mean_jaccard(sets), "density": density(sets),
                "components": float(len(components(nodes, sets)))}  # fmt: skip

    return ctx.search([ctx.who(d) for d in declarations], value, _partial(ctx, declarations))


def cohesion(corpus: Corpus, window: WindowLike, *, expand: bool = True, scope: ScopeLike = None,
             roles: RolesLike = None, max_exact: int = 12) -> Cohesion:  # fmt: skip
    """The cohesion of the declarations of ``window`` (see :class:`Cohesion`)."""
    ctx = _Context.of(corpus, scope, roles, expand, max_exact)
    return Cohesion(**_cohesion(ctx, _declarations_in(corpus, _window(window))))


@attrs.frozen
class BCS:
    """The three dimensions of fragmentation of Bakke, Cunningham and Seymour (2012), operationalised on signatures.

    ``organisations``: how many organisations the window's declarations count. ``institutionalisation``: the share
    of them that belong to an umbrella organisation (a council, front or assembly) during the window.
    ``concentration``: the Herfindahl index Σ sᵢ² of their shares of signatures (1 when one organisation signed
    everything); a proxy for the distribution of power, which signatures show only as visibility.
    """

    organisations: Range
    institutionalisation: Range
    concentration: Range


def _inside(ctx: _Context, when: When, candidates: frozenset[str]) -> Part:
    """The candidates that belong to a council during ``when``: one whose membership
    (:func:`~.councils.membership_at`, ``during``) the reading counts, asked in the order of its memberships until
    one holds. Each membership's days are classified once for the window, and its claims kept
    (:func:`~.times.asked_for`), so a reading only asks them."""
    corpus, first, last = ctx.corpus, when.earliest.toordinal(), when.latest.toordinal()
    asked: list[tuple[str, list[tuple[ClaimKey, ...]]]] = []
    for o in sorted(candidates):
        claims = [found for m in corpus.memberships_of(o) if m.role not in LEADERSHIP_ROLES
                  and (found := asked_for(certainty_on(membership_span(corpus, m), first, last, True), m, when))
                  is not None]  # fmt: skip
        if claims:
            asked.append((o, claims))
    sure = [o for o, claims in asked if not claims[0]]  # the first that may count is certain and asserted
    unsure = [(o, claims) for o, claims in asked if claims[0]]

    def compute(r: Reading) -> frozenset[str]:
        found = list(sure)
        for o, claims in unsure:
            for keys in claims:
                if r.holds_all(keys):
                    found.append(o)
                    break
        return frozenset(found)

    return Part(("I", str(when)), compute)


def _bcs(ctx: _Context, when: When, declarations: Sequence[Declaration]) -> dict[str, Range]:
    who = [ctx.who(d) for d in declarations]
    candidates = frozenset().union(*(p.compute(r).parts for p in who for r in (Reading.all_in(remember=False),
                                                                                Reading.all_out(remember=False))))
    parts = [*who, _inside(ctx, when, candidates)]

    def value(results: dict[Hashable, Any]) -> Values:
        sets = [p.parts for p in _known(results, declarations)]
        orgs = set().union(*sets) if sets else set()
        inside = results[("I", str(when))] & orgs
        return {"organisations": float(len(orgs)), "institutionalisation": len(inside) / len(orgs) if orgs
                else math.nan, "concentration": concentration(sets)}  # fmt: skip

    return ctx.search(parts, value, _partial(ctx, declarations))


def bcs_dimensions(corpus: Corpus, window: WindowLike, *, expand: bool = True, scope: ScopeLike = None,
                   roles: RolesLike = None, max_exact: int = 12) -> BCS:  # fmt: skip
    """Bakke–Cunningham–Seymour's three dimensions for ``window`` (see :class:`BCS`)."""
    ctx = _Context.of(corpus, scope, roles, expand, max_exact)
    when = _window(window)
    return BCS(**_bcs(ctx, when, _declarations_in(corpus, when)))


# -- the series ---------------------------------------------------------------------------------------------------


def _window(value: WindowLike) -> When:
    return window(value)


def _declarations_in(corpus: Corpus, when: When) -> list[Declaration]:
    """A declaration belongs to the window holding its earliest possible day (so windows partition them)."""
    return [d for d in corpus.declarations if when.earliest <= d.date.earliest <= when.latest]


@attrs.frozen
class MetricPoint:
    """Every metric for one window, each searched on its own claims. ``coverage`` is the mean coverage of the
    window's declarations. ``unknown`` lists the declarations whose lists are unknown (left out)."""

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
    unknown: tuple[str, ...] = ()


def metric_series(corpus: Corpus, window: str | Iterable[WindowLike] = "year", *, blocs: Blocs = "components",
                  expand: bool = True, scope: ScopeLike = None, roles: RolesLike = None,
                  max_exact: int = 12) -> tuple[MetricPoint, ...]:  # fmt: skip
    """Every metric for every window (``"year"``, ``"half-year"``, ``"quarter"``, ``"month"``, a
    ``dateutil.relativedelta`` step, or a list of windows: see :func:`~.windows.windows`), so that one sees whether
    the movement grew more or less unified, and how much the disputes move that."""
    ctx = _Context.of(corpus, scope, roles, expand, max_exact)
    points = []
    for when in windows(corpus, window):
        decls = _declarations_in(corpus, when)
        unknown = tuple(d.id for d in decls
                        if ctx.who(d).compute(Reading.all_in(remember=False)).status is ListStatus.UNKNOWN)  # fmt: skip
        found: dict[str, Range] = {}
        found.update(_mean_coverage(ctx, decls))
        found.update(_fragmentation(ctx, when, decls, blocs))
        found.update(_cohesion(ctx, decls))
        found.update(_bcs(ctx, when, decls))
        points.append(MetricPoint(when, tuple(d.id for d in decls), unknown=unknown, **found))
    return tuple(points)

