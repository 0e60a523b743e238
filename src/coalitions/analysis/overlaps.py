"""Overlap between declarations, councils or any sets of organisations, one pair or all pairs at once.

Across many declarations, the two projections of the organisation x declaration affiliation network (Breiger
1974, "The Duality of Persons and Groups"): declaration x declaration (how many organisations two declarations
count together, :func:`overlap_matrix`) and organisation x organisation (how often two organisations are counted
together, :func:`cosigning`). Both are computed by one kernel, :func:`~coalitions.analysis.kernel.overlap_from_sets`
(:mod:`coalitions.analysis.kernel`). Who counts is the metrics' rule (the scope, the tiers, representation; a
declaration whose list is unknown is left out), and every figure comes with its range over the same readings of the
uncertain claims as the metrics.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import attrs

from ..model import CoalitionsError, Corpus, Declaration, ListStatus, Organisation, Scope, When
from .bounds import Part, Range, claims_of, configs, search
from .councils import expand_with, membership_at
from .kernel import Backend, PairTable, cosigning_from_sets, overlap_from_sets
from .participation import RolesLike
from .readings import DateLike, Disputed, Reading, as_when
from .scoping import ScopeLike, choose_scope, in_scope
from .signers import Participants, participants

__all__ = ["Overlap", "RangedPairTable", "compare", "cosigning", "overlap", "overlap_matrix", "partners"]


@attrs.frozen
class Overlap:
    """Two sets compared: what they share, what only one has, Jaccard (|A∩B| / |A∪B|) and the overlap
    coefficient (|A∩B| / min(|A|, |B|)).

    Jaccard is undefined (NaN) for two empty sets (they are not identical: nothing is known to be shared), and the
    coefficient whenever one is empty. From :func:`compare`, ``shared_range``, ``jaccard_range`` and
    ``coefficient_range`` give each figure over the readings of the uncertain claims (the sets are those of the
    reading asked, all in by default), and ``statuses`` the list status of each side (``complete``, ``partial``,
    ``unknown``; a council's members are ``complete``).
    """

    shared: frozenset[str]
    only_a: frozenset[str]
    only_b: frozenset[str]
    jaccard: float
    overlap_coefficient: float
    shared_range: Range | None = None
    jaccard_range: Range | None = None
    coefficient_range: Range | None = None
    statuses: tuple[ListStatus, ListStatus] = (ListStatus.COMPLETE, ListStatus.COMPLETE)


def _figures(left: frozenset[str], right: frozenset[str]) -> tuple[int, float, float]:
    shared = len(left & right)
    union = len(left | right)
    smaller = min(len(left), len(right))
    return shared, shared / union if union else math.nan, shared / smaller if smaller else math.nan


def overlap(a: Iterable[str], b: Iterable[str]) -> Overlap:
    """Compare two sets of ids.

    >>> o = overlap(["a", "b", "c"], ["b", "c", "d", "e"])
    >>> sorted(o.shared), sorted(o.only_a), sorted(o.only_b), o.jaccard, o.overlap_coefficient
    (['b', 'c'], ['a'], ['d', 'e'], 0.4, 0.6666666666666666)
    >>> overlap([], []).jaccard
    nan
    """
    left, right = frozenset(a), frozenset(b)
    _, j, c = _figures(left, right)
    return Overlap(left & right, left - right, right - left, j, c)


# -- who each side counts -------------------------------------------------------------------------------------------


def _declarations(corpus: Corpus, declaration_ids: Iterable[str] | None) -> tuple[Declaration, ...]:
    if declaration_ids is None:
        return corpus.declarations
    return tuple(corpus.declaration(d) for d in declaration_ids)


def _who(corpus: Corpus, declaration: Declaration, chosen: Scope | None, roles: RolesLike, expand: bool) -> Part:
    return Part(("S", declaration.id), lambda r: participants(corpus, declaration, r, chosen, roles=roles,
                                                                expand=expand))  # fmt: skip


def _members(corpus: Corpus, council: str, at: When, chosen: Scope | None, expand: bool, name: Hashable) -> Part:
    def compute(r: Reading) -> Any:
        members = frozenset(m.member for m in _members_under(corpus, council, at, r))
        found = expand_with(corpus, members, at, r) if expand else members
        kept = frozenset(u for u in found if in_scope(corpus, chosen, u, at, r))
        return Participants(kept, kept, ListStatus.COMPLETE)

    return Part(name, compute)


def _members_under(corpus: Corpus, council: str, at: When, reading: Reading) -> list[Any]:
    """The member organisations of ``council`` on ``at`` under ``reading``: its people (leaders, co-chairs,
    members in their own name) are no part of an organisation-level comparison."""
    return [m for m in corpus.members_of(council)
            if not corpus.is_person(m.member) and membership_at(corpus, m, at, reading)]  # fmt: skip


def _side(corpus: Corpus, record_id: str, at: DateLike | None, chosen: Scope | None, roles: RolesLike,
          expand: bool, name: Hashable) -> Part:  # fmt: skip
    key = corpus.resolve(record_id, (Declaration, Organisation))
    record = corpus.get(key) if key in corpus else None
    if isinstance(record, Declaration):
        if at is None or as_when(at) == record.date:
            return Part(name, _who(corpus, record, chosen, roles, expand).compute)
        when = as_when(at)  # a declaration's signers, councils expanded at another date
        return Part(name, lambda r: _expanded_at(corpus, record, when, chosen, roles, r) if expand else
                    participants(corpus, record, r, chosen, roles=roles))  # fmt: skip
    if at is None:
        raise CoalitionsError(f"comparing the council {record_id!r} needs the date to take its members at")
    return _members(corpus, key, as_when(at), chosen, expand, name)


def _expanded_at(corpus: Corpus, record: Declaration, when: When, chosen: Scope | None, roles: RolesLike,
                 reading: Reading) -> Any:  # fmt: skip
    found = participants(corpus, record, reading, chosen, roles=roles)
    parts = frozenset(u for u in expand_with(corpus, found.parts, when, reading)
                      if in_scope(corpus, chosen, u, when, reading))  # fmt: skip
    return attrs.evolve(found, parts=parts, kept=parts)


def compare(corpus: Corpus, a_id: str, b_id: str, *, expand: bool = False, at_a: DateLike | None = None,
            at_b: DateLike | None = None, disputed: Disputed = "in", scope: ScopeLike = None,
            roles: RolesLike = None, max_exact: int = 12) -> Overlap:  # fmt: skip
    """Compare two declarations (whom they count), two councils (their member organisations at ``at_a``/``at_b``,
    never their leaders or other people), one council at two dates, or a declaration with a council, in ``scope``
    (default: the corpus's default scope). ``at_b``
    defaults to ``at_a``. The sets are those of the reading ``disputed`` asks for; the ranges cover every reading.

    >>> from coalitions import Citation, Corpus, Membership, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(memberships=[Membership("c", "p", src, start=When.of("2021"), end=When.of("2022")),
    ...                              Membership("c", "q", src, start=When.of("2021"))])
    >>> sorted(compare(corpus, "c", "c", at_a="2021-06-01", at_b="2023-06-01").only_a)
    ['p']
    """
    chosen = choose_scope(corpus, scope)
    at_b = at_a if at_b is None else at_b
    sides = [_side(corpus, a_id, at_a, chosen, roles, expand, "a"), _side(corpus, b_id, at_b, chosen, roles,
                                                                           expand, "b")]  # fmt: skip
    reading = Reading.of(disputed)
    left, right = (side.compute(reading) for side in sides)

    def value(results: dict[Hashable, Any]) -> dict[str, float]:
        a, b = results["a"], results["b"]
        if ListStatus.UNKNOWN in (a.status, b.status):
            return {"shared": math.nan, "jaccard": math.nan, "coefficient": math.nan}
        shared, j, c = _figures(a.parts, b.parts)
        return {"shared": float(shared), "jaccard": j, "coefficient": c}

    partial = ListStatus.PARTIAL in (left.status, right.status)
    found = search(sides, value, max_exact=max_exact, partial=partial)
    base = overlap(left.parts, right.parts)
    return attrs.evolve(base, shared_range=found["shared"], jaccard_range=found["jaccard"],
                        coefficient_range=found["coefficient"], statuses=(left.status, right.status))  # fmt: skip


# -- all pairs --------------------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class RangedPairTable(PairTable):
    """A :class:`~coalitions.analysis.kernel.PairTable` with, for each pair, the lowest and highest count over the
    readings of the uncertain claims (``low``, ``high``; the pairs are those of the reading asked), and the ids
    left out because their lists are unknown."""

    low: Sequence[int] = ()
    high: Sequence[int] = ()
    exact: bool = True
    unknown: tuple[str, ...] = ()

    def shared_range(self, k: int) -> Range:
        """Pair ``k``'s count over the readings."""
        shared = float(self.shared[k])
        low = float(self.low[k]) if self.low else shared
        high = float(self.high[k]) if self.high else shared
        return Range(low, high, low, high, self.exact, None)


def _versions(corpus: Corpus, parts: Sequence[Part], max_exact: int) -> tuple[list[list[frozenset[str]]], bool]:
    """For each part, the distinct sets (``parts``) it takes over the readings of its own claims, and whether every
    reading was covered (claims shared between parts are read independently here: see :func:`search`)."""
    exact = True
    found = []
    for part in parts:
        claims = sorted(claims_of(part))
        versions, covered = configs([part], claims, max_exact) if claims else ([((part.compute(Reading.all_out(
            remember=False)),), frozenset())], True)  # fmt: skip
        exact = exact and covered
        found.append(list(dict.fromkeys(c[0][0].parts for c in versions)))
    return found, exact


def _counted(corpus: Corpus, declaration_ids: Iterable[str] | None, disputed: Disputed, scope: ScopeLike,
             roles: RolesLike, expand: bool) -> tuple[list[str], list[Part], list[Any], tuple[str, ...]]:  # fmt: skip
    """For ``overlap_matrix`` and ``cosigning``: the declarations whose list is known (their ids, who each counts as
    a part, and its result under the reading ``disputed`` asks for), and the ids of the others."""
    chosen = choose_scope(corpus, scope)
    declarations = _declarations(corpus, declaration_ids)
    reading = Reading.of(disputed)
    parts = [_who(corpus, d, chosen, roles, expand) for d in declarations]
    found = [p.compute(reading) for p in parts]
    known = [i for i, f in enumerate(found) if f.status is not ListStatus.UNKNOWN]
    unknown = tuple(declarations[i].id for i, f in enumerate(found) if f.status is ListStatus.UNKNOWN)
    return [declarations[i].id for i in known], [parts[i] for i in known], [found[i] for i in known], unknown


def overlap_matrix(corpus: Corpus, declaration_ids: Iterable[str] | None = None, *, expand: bool = False,
                   min_shared: int = 1, top_k: int | None = None, disputed: Disputed = "in",
                   backend: Backend = "python", scope: ScopeLike = None, roles: RolesLike = None,
                   max_exact: int = 12) -> RangedPairTable:  # fmt: skip
    """Organisations counted by both, for every pair of declarations (all of the corpus by default; those with an
    unknown list left out, in ``unknown``), as a :class:`RangedPairTable`: ``shared`` under the reading asked,
    ``low`` and ``high`` over every reading of each declaration's claims.

    With ``expand``, councils stand for their members at each declaration's date (see ``signatories``).
    """
    ids, parts, found, unknown = _counted(corpus, declaration_ids, disputed, scope, roles, expand)
    table = overlap_from_sets([f.parts for f in found], ids=ids,
                              min_shared=min_shared, top_k=top_k, backend=backend)  # fmt: skip
    versions, exact = _versions(corpus, parts, max_exact)
    low, high = [int(n) for n in table.shared], [int(n) for n in table.shared]
    for k in range(len(table)):
        a, b = versions[int(table.left[k])], versions[int(table.right[k])]
        if len(a) > 1 or len(b) > 1:  # a pair of declarations that no claim moves shares what it shares
            counts = [len(x & y) for x in a for y in b]
            low[k], high[k] = min(counts), max(counts)
    return RangedPairTable(table.ids, table.sizes, table.left, table.right, table.shared, low, high, exact, unknown)


def cosigning(corpus: Corpus, declaration_ids: Iterable[str] | None = None, *, expand: bool = False,
              min_shared: int = 1, top_k: int | None = None, disputed: Disputed = "in",
              backend: Backend = "python", scope: ScopeLike = None, roles: RolesLike = None,
              max_exact: int = 12, among: Iterable[str] | None = None) -> RangedPairTable:  # fmt: skip
    """How many declarations count each pair of organisations together; ``sizes`` is how many count each;
    ``low`` and ``high`` over the readings of each declaration's claims. ``among``: only the pairs of these
    organisations (ids; the same counts, without the work of every other pair)."""
    _, parts, found, unknown = _counted(corpus, declaration_ids, disputed, scope, roles, expand)
    sets = [f.parts for f in found]
    versions, exact = _versions(corpus, parts, max_exact)
    if among is not None:
        kept = frozenset(among)
        sets = [s & kept for s in sets]
        versions = [list(dict.fromkeys(v & kept for v in vs)) for vs in versions]
    table = cosigning_from_sets(sets, min_shared=min_shared, top_k=top_k, backend=backend)
    # A declaration counts a pair in every reading when both are in every set it takes, in some reading when both
    # are in one of them. Only the declarations taking more than one set move a count: each pair's count under the
    # reading asked, less what those declarations gave it there, plus what they give it always (low) or sometimes
    # (high), each looked up in an index of those few declarations by organisation.
    unions = {i: frozenset().union(*v) for i, v in enumerate(versions) if len(v) > 1}  # the moved declarations
    used: dict[str, set[int]] = {}
    always: dict[str, set[int]] = {}
    sometimes: dict[str, set[int]] = {}
    for i, union in unions.items():
        for index, members in ((used, sets[i]), (always, frozenset.intersection(*versions[i])), (sometimes, union)):
            for member in members:
                index.setdefault(member, set()).add(i)
    none: set[int] = set()
    low, high = [int(n) for n in table.shared], [int(n) for n in table.shared]
    touched = sum(len(u) * (len(u) - 1) // 2 for u in unions.values())
    if touched < len(table):  # few pairs can move: find them, rather than look at every pair
        where = {x: n for n, x in enumerate(table.ids)}
        found_pairs = {table.find(where[a], where[b]) for union in unions.values()
                       for a, b in itertools.combinations(sorted(union), 2) if a in where and b in where}
        positions: Iterable[int] = sorted(found_pairs - {-1})
    else:
        positions = range(len(table)) if unions else ()
    for k in positions:
        a, b = table.ids[int(table.left[k])], table.ids[int(table.right[k])]
        base = low[k] - len(used.get(a, none) & used.get(b, none))
        low[k] = base + len(always.get(a, none) & always.get(b, none))
        high[k] = base + len(sometimes.get(a, none) & sometimes.get(b, none))
    return RangedPairTable(table.ids, table.sizes, table.left, table.right, table.shared, low, high, exact, unknown)


def partners(corpus: Corpus, organisation_id: str, declaration_ids: Iterable[str] | None = None, *,
             expand: bool = False, disputed: Disputed = "in", scope: ScopeLike = None,
             roles: RolesLike = None) -> tuple[tuple[str, int], ...]:  # fmt: skip
    """Who is counted with ``organisation_id`` (any name or alias) and how often, most frequent first (ties by
    id), under the reading ``disputed`` asks for."""
    me = corpus.resolve(organisation_id)
    chosen = choose_scope(corpus, scope)
    reading = Reading.of(disputed)
    counts: Counter[str] = Counter()
    for declaration in _declarations(corpus, declaration_ids):
        found = participants(corpus, declaration, reading, chosen, roles=roles, expand=expand)
        if me in found.parts:
            counts.update(found.parts - {me})
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

