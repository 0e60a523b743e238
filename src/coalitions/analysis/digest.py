"""The answers a report or an export shows, one question a call, built on the analysis's public functions.

A report (and an export such as the SQLite database or the organisation graph) asks the analysis for what it shows
rather than re-assembling it from councils' internals:

* :func:`who_counts` -- who each declaration counts, under the rules of every analysis (the scope, the tiers it
  counts, representatives as the organisation they represent; :mod:`.participation`), with its list status and
  who represented whom;
* :func:`declaration_counts` -- how many declarations count each organisation, as a :class:`~.bounds.Range` over
  the readings of the uncertain claims;
* :func:`list_sizes` -- how many organisations each declaration counts, as a range;
* :func:`councils_on` -- for every member, the councils it belongs to on a date, with the certainty of each;
* :func:`composition_segments` -- a council's members over time, one segment for each stretch of days on which
  :func:`~.councils.members_at` gives the same answer;
* :func:`top_movers` -- the uncertain claims that move the most figures.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any

import attrs

from ..model import Corpus, Declaration, ListStatus, When
from .bounds import Part, Range, claims_of, configs, grouped, search
from .councils import MemberAt, members_at, membership_evidence
from .participation import Level, RolesLike
from .readings import ClaimKey, DateLike, Reading, as_when
from .scoping import ScopeLike, choose_scope
from .signers import participants, signatories
from .times import identities

__all__ = ["Counted", "Segment", "composition_segments", "councils_on", "declaration_counts", "list_sizes",
           "top_movers", "who_counts"]  # fmt: skip


@attrs.frozen
class Counted:
    """Who one declaration counts, under the reading that counts every uncertain claim (the sets a reader is shown;
    the ranges cover the other readings).

    ``organisations``: the organisations it counts in the scope (councils as themselves), by the tiers it counts
    (who signed a document; who signed or took part in an event; never hosts or the invited unless asked), each
    once, representatives as the organisation they represent; ``expanded``: the same with every council that
    counts replaced by its members on the declaration's date (its printed members where it printed them).
    ``status``: whether its list of organisations is ``complete``, ``partial`` or ``unknown``. ``people`` and
    ``people_status``: the people who came in their own name, and the individuals without a person record (by
    their printed name, after ``~``), never mixed with organisations. ``represented``: ``(organisation, (who
    signed or attended for it, ...))``.
    """

    declaration: str
    status: ListStatus
    organisations: frozenset[str]
    expanded: frozenset[str]
    people: frozenset[str] = frozenset()
    people_status: ListStatus = ListStatus.UNKNOWN
    represented: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def known(self) -> bool:
        """Its list of organisations is known (complete or partial)."""
        return self.status is not ListStatus.UNKNOWN

    def units(self, expand: bool) -> frozenset[str]:
        """The organisations it counts, councils expanded when ``expand``."""
        return self.expanded if expand else self.organisations


def _declarations(corpus: Corpus, declarations: Iterable[str | Declaration] | None) -> list[Declaration]:
    if declarations is None:
        return list(corpus.declarations)
    return [d if isinstance(d, Declaration) else corpus.declaration(d) for d in declarations]


def who_counts(corpus: Corpus, declarations: Iterable[str | Declaration] | None = None, *,
                  scope: ScopeLike = None, roles: RolesLike = None) -> tuple[Counted, ...]:  # fmt: skip
    """Who each of ``declarations`` (default: all, in the corpus's order) counts, as :class:`Counted`, in
    ``scope`` (default: the corpus's default scope) by ``roles`` (default: the tiers each declaration counts).

    >>> from coalitions import Citation, Corpus, DateClaim, Declaration, Organisation, Person, Signature, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus([Organisation("p", "Party", "party", src), Organisation("i", "Institute", "institute", src)],
    ...                 [Person("ann", "Ann", src)],
    ...                 declarations=[Declaration("d", "D", "conference", (DateClaim(When.of("2024-02-15")),), src,
    ...                     signatures=(Signature(src, "i", role="organiser"),
    ...                                 Signature(src, "ann", role="participant", on_behalf_of="p")))])
    >>> counted, = who_counts(corpus)
    >>> sorted(counted.organisations), counted.represented, str(counted.status)
    (['p'], (('p', ('ann',)),), 'partial')
    """
    chosen = choose_scope(corpus, scope)
    reading = Reading.all_in(remember=False)
    found = []
    for declaration in _declarations(corpus, declarations):
        direct = participants(corpus, declaration, reading, chosen, roles=roles)
        wide = participants(corpus, declaration, reading, chosen, roles=roles, expand=True)
        people = participants(corpus, declaration, reading, chosen, roles=roles, level="people")
        represented = tuple((s.signer, s.represented_by) for s in signatories(
            corpus, declaration.id, roles=roles, scope=scope if scope is not None else _default(corpus))
            if s.represented_by) if any(s.on_behalf_of for s in declaration.signatures) else ()  # fmt: skip
        found.append(Counted(declaration.id, direct.status, direct.parts, wide.parts, people.parts, people.status,
                             represented))  # fmt: skip
    return tuple(found)


def _default(corpus: Corpus) -> str:
    """The scope argument naming the corpus's default scope (``signatories`` counts everyone by default)."""
    chosen = choose_scope(corpus, None)
    return chosen.id if chosen is not None else "all"


# -- how many declarations count each organisation ----------------------------------------------------------------


def declaration_counts(corpus: Corpus, declarations: Iterable[str | Declaration] | None = None, *,
                       scope: ScopeLike = None, roles: RolesLike = None, expand: bool = False,
                       level: Level = "organisations", max_exact: int = 12) -> dict[str, Range]:  # fmt: skip
    """How many of ``declarations`` count each organisation (under the rules of :func:`who_counts`; councils
    expanded to their members with ``expand``), or each person who came in their own name (``level="people"``), as
    a :class:`~.bounds.Range` over the readings of the uncertain claims. A declaration whose list is unknown at
    that level counts nobody.

    Declarations that share no claim are read independently, so the bounds are the sums of each group's lowest and
    highest count: exact whenever no group has more than ``max_exact`` claims (``exact`` False otherwise: then the
    bounds hold for the readings tried). ``movers`` are the claims counted at one end and not at the other.

    >>> from coalitions import Citation, Corpus, DateClaim, Declaration, Organisation, Signature, When
    >>> src = (Citation("s"),)
    >>> def decl(i, status):
    ...     return Declaration(i, i, "statement", (DateClaim(When.of("2024")),), src,
    ...                        signatures=(Signature(src, "p", status=status),))
    >>> corpus = Corpus([Organisation("p", "Party", "party", src)],
    ...                 declarations=[decl("d1", "asserted"), decl("d2", "disputed")])
    >>> r = declaration_counts(corpus)["p"]
    >>> r.low, r.high, r.exact
    (1.0, 2.0, True)
    """
    chosen = choose_scope(corpus, scope)
    chosen_declarations = _declarations(corpus, declarations)

    def who(declaration: Declaration) -> Part:
        def compute(reading: Reading) -> frozenset[str]:
            found = participants(corpus, declaration, reading, chosen, roles=roles, level=level,
                                 expand=expand and level == "organisations")
            return found.parts if found.status is not ListStatus.UNKNOWN else frozenset()

        return Part(declaration.id, compute)

    parts = [who(d) for d in chosen_declarations]
    ends = {name: Counter(u for p in parts for u in p.compute(reading))
            for name, reading in (("in", Reading.all_in(remember=False)), ("out", Reading.all_out(remember=False)))}
    claims = {p.name: claims_of(p) for p in parts}
    low: Counter[str] = Counter()
    high: Counter[str] = Counter()
    movers: dict[str, set[ClaimKey]] = {}
    depends: dict[str, set[ClaimKey]] = {}
    exact = True
    for group in grouped(parts, claims):  # declarations sharing a claim: read together
        group_claims = sorted(set().union(*(claims[p.name] for p in group)))
        if not group_claims:
            for unit in (u for p in group for u in p.compute(Reading.all_out(remember=False))):
                low[unit] += 1
                high[unit] += 1
            continue
        found, covered = configs(group, group_claims, max_exact)
        exact = exact and covered
        tallies = [(Counter(u for units in values for u in units), counted) for values, counted in found]
        for unit in set().union(*(t for t, _ in tallies)):
            least = min(tallies, key=lambda t: t[0][unit])
            most = max(tallies, key=lambda t: t[0][unit])
            low[unit] += least[0][unit]
            high[unit] += most[0][unit]
            if least[0][unit] != most[0][unit]:
                movers.setdefault(unit, set()).update(least[1] ^ most[1])
                depends.setdefault(unit, set()).update(group_claims)
    result = {}
    for unit in sorted(set(high) | set(ends["in"])):
        result[unit] = Range(float(low[unit]), float(high[unit]), float(ends["out"][unit]), float(ends["in"][unit]),
                             exact, None, len(identities(depends.get(unit, ()))),
                             tuple(sorted(identities(movers.get(unit, ())))))  # fmt: skip
    return result


def list_sizes(corpus: Corpus, declarations: Iterable[str | Declaration] | None = None, *, scope: ScopeLike = None,
               roles: RolesLike = None, expand: bool = False, max_exact: int = 12) -> dict[str, Range]:  # fmt: skip
    """How many organisations each of ``declarations`` counts (under the rules of :func:`who_counts`), as a
    :class:`~.bounds.Range` over the readings of its uncertain claims; undefined (NaN) when its list is unknown,
    ``partial`` when its list is partial (a lower bound of who came).

    >>> from coalitions import Citation, Corpus, DateClaim, Declaration, Organisation, Signature, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus([Organisation("p", "P", "party", src), Organisation("q", "Q", "party", src)],
    ...                 declarations=[Declaration("d", "D", "statement", (DateClaim(When.of("2024")),), src,
    ...                     signatures=(Signature(src, "p"), Signature(src, "q", status="disputed")))])
    >>> str(list_sizes(corpus)["d"])
    '1..2'
    """
    chosen = choose_scope(corpus, scope)
    result = {}
    for declaration in _declarations(corpus, declarations):
        def compute(reading: Reading, declaration: Declaration = declaration) -> Any:
            return participants(corpus, declaration, reading, chosen, roles=roles, expand=expand)

        status = compute(Reading.all_in(remember=False)).status

        def value(results: dict[Hashable, Any]) -> dict[str, float]:
            found = results["size"]
            return {"size": float(len(found.parts)) if found.status is not ListStatus.UNKNOWN else math.nan}

        result[declaration.id] = search([Part("size", compute)], value, max_exact=max_exact,
                                        partial=status is ListStatus.PARTIAL)["size"]  # fmt: skip
    return result


# -- councils on a date, and over time ------------------------------------------------------------------------------


def councils_on(corpus: Corpus, at: DateLike, *, expand: bool = False) -> dict[str, tuple[tuple[str, MemberAt], ...]]:
    """For every organisation or person that is a member of a council on ``at``: ``(council, MemberAt)`` for each
    council it belongs to then (:func:`~.councils.members_at` of every council of the corpus, so with its
    certainty -- certain, possible or undated -- and status), councils in the corpus's order.

    >>> from coalitions import Citation, Corpus, Membership, Organisation, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus([Organisation("c", "Council", "council", src), Organisation("p", "Party", "party", src)],
    ...                 memberships=[Membership("c", "p", src, start=When.of("2024-02"))])
    >>> [(c, m.certainty) for c, m in councils_on(corpus, "2024-02-10")["p"]]
    [('c', 'possible')]
    """
    when = as_when(at)
    found: dict[str, list[tuple[str, MemberAt]]] = {}
    for council in corpus.councils:
        for member in members_at(corpus, council.id, when, expand=expand):
            found.setdefault(member.member, []).append((council.id, member))
    return {member: tuple(items) for member, items in found.items()}


@attrs.frozen
class Segment:
    """A stretch of days on which a council's members (as :func:`~.councils.members_at` gives them, with their
    certainty and status) stay the same: from ``start`` to ``last`` (both included; None: without a bound)."""

    start: datetime.date | None
    last: datetime.date | None
    members: tuple[MemberAt, ...]


def _breakpoints(corpus: Corpus, council: str) -> list[datetime.date]:
    """The days on which the answer of ``members_at(council)`` may change: the first day of each date that bounds
    a membership (its start and end, the day its status took effect) and the day after, the lives of the council
    and its members, and the days a dated document shows a member and the day after."""
    days: set[datetime.date] = set()

    def add(when: When | None) -> None:
        if when is not None:
            days.update((when.earliest, when.earliest + datetime.timedelta(days=1), when.latest,
                         when.latest + datetime.timedelta(days=1)))  # fmt: skip

    records = [council, *(m.member for m in corpus.members_of(council))]
    for record in records:
        if corpus.is_organisation(record):
            organisation = corpus.organisation(record)
            for claim in (*organisation.founded, *organisation.dissolved):
                add(claim.date)
    evidence = membership_evidence(corpus)
    for m in corpus.members_of(council):
        for when in (m.start, m.end, m.status_date):
            add(when)
        for ordinal in evidence.get((council, m.member), ()):
            day = datetime.date.fromordinal(ordinal)
            days.update((day, day + datetime.timedelta(days=1)))
    return sorted(days)


def composition_segments(corpus: Corpus, council_id: str, *, expand: bool = False) -> tuple[Segment, ...]:
    """The members of ``council_id`` over time: one :class:`Segment` for each stretch of days with the same answer
    of :func:`~.councils.members_at` (members, certainty and status), in date order; the first starts and the
    last ends without a bound. Undated members are ``undated`` on every day of the council's life, never
    ``certain`` but on the days a dated document shows them.

    >>> from coalitions import Citation, Corpus, Membership, Organisation, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus([Organisation("c", "Council", "council", src), Organisation("p", "Party", "party", src)],
    ...                 memberships=[Membership("c", "p", src, start=When.of("2024-02-10"), end=When.of("2024-05"))])
    >>> for s in composition_segments(corpus, "c"):
    ...     print(s.start, s.last, [m.certainty for m in s.members])
    None 2024-02-09 []
    2024-02-10 2024-04-30 ['certain']
    2024-05-01 2024-05-30 ['possible']
    2024-05-31 None []
    """
    council = corpus.resolve(council_id)
    days = _breakpoints(corpus, council)
    segments: list[list[Any]] = []
    for start, end in zip([None, *days], [*days, None]):
        if start is None and end is None:
            at = datetime.date(2000, 1, 1)  # no date anywhere: any day gives the same answer
        else:
            at = start if start is not None else end - datetime.timedelta(days=1)  # type: ignore[operator]
        members = members_at(corpus, council, at, expand=expand)
        last = end - datetime.timedelta(days=1) if end is not None else None
        if segments and segments[-1][2] == members:
            segments[-1][1] = last
        else:
            segments.append([start, last, members])
    return tuple(Segment(start, last, members) for start, last, members in segments)


# -- the claims that matter most ------------------------------------------------------------------------------------


def top_movers(ranges: Iterable[Range], limit: int | None = 10) -> tuple[tuple[ClaimKey, int], ...]:
    """The claims that move the most of ``ranges`` (a claim moves a range when it is among its ``movers``: counted
    at one end and not at the other), with how many ranges each moves, most first (ties by claim).

    >>> from coalitions.analysis import Range
    >>> moved = Range(1, 2, 1, 2, True, None, 2, (("signature", "d", "0"), ("signature", "d", "1")))
    >>> top_movers([moved, Range(0, 1, 0, 1, True, None, 1, (("signature", "d", "1"),))])
    ((('signature', 'd', '1'), 2), (('signature', 'd', '0'), 1))
    """
    counts: Counter[ClaimKey] = Counter()
    for r in ranges:
        counts.update(set(r.movers))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ordered if limit is None else ordered[:limit])
