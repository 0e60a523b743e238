"""Units: the organisations a coverage counts on a date, that is the active ones in scope that are not councils then.

:func:`units` is the definition (``docs/metrics.md``, "Coverage"): an organisation is *active* on a date when it is
not only proposed and may exist then (not founded after it, not dissolved before it); it is a *unit* when, besides,
it is in the scope and no organisation is its member on that date under the reading (a council stands for its
members). A metric series asks this for every declaration of a window under several readings; :class:`UnitIndex`
answers for many dates at once and asks a reading about exactly the claims :func:`units` asks about.

How: activity is counted with two sorted lists (first and last possible days) for the organisations whose scope
their kind decides, and one by one for the few with scope entries or out of scope; only councils (organisations
with organisation members) are looked at for each date, their memberships classified once by :mod:`.times`.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ..model import Corpus, Membership, Scope, When
from .councils import LEADERSHIP_ROLES, membership_at
from .readings import ClaimKey, Reading, status_state
from .scoping import in_scope, kind_counts
from .times import Span, asked_for, certainty_on, membership_claim, membership_span, organisation_life

__all__ = ["UnitIndex", "UnitSet", "active", "units"]

#: A council's candidates on a date (:meth:`UnitIndex._candidates`): the claims of each membership that may count,
#: the same as sets (None when one asks nothing), and every claim they ask.
_Answer = tuple[tuple[tuple[ClaimKey, ...], ...], tuple[frozenset[ClaimKey], ...] | None, frozenset[ClaimKey]]


def _life(corpus: Corpus, org_id: str) -> tuple[float, float]:
    life = organisation_life(corpus, org_id)
    return life[0], life[3]


def active(corpus: Corpus, at: When) -> list[str]:
    """Organisations that may exist on ``at``: not only proposed, not founded after it, not dissolved before it."""
    first, last = at.earliest.toordinal(), at.latest.toordinal()
    result = []
    for org in corpus.organisations:
        if org.is_proposed_only:
            continue
        may_from, may_to = _life(corpus, org.id)
        if may_from <= last and may_to >= first:
            result.append(org.id)
    return result


def _is_council(corpus: Corpus, org: str, at: When, reading: Reading) -> bool:
    """An organisation member holds on ``at`` under ``reading`` (every membership asked)."""
    found = False
    for m in corpus.members_of(org):
        if not corpus.is_person(m.member) and membership_at(corpus, m, at, reading) is not None:
            found = True
    return found


def units(corpus: Corpus, at: When, reading: Reading, chosen: Scope | None = None) -> list[str]:
    """Active organisations in scope ``chosen`` that have no organisation as member on ``at`` (the parts
    councils stand for)."""
    return [org for org in active(corpus, at)
            if in_scope(corpus, chosen, org, at, reading) and not _is_council(corpus, org, at, reading)]  # fmt: skip


# -- many dates at once ------------------------------------------------------------------------------------------


@attrs.frozen
class _Snapshot:
    """What :func:`units` needs on one date, whatever the reading: how many plain organisations are active, the
    special ones (scope entries, out of scope by kind) active then, and the councils."""

    at: When
    plain_active: int
    special: tuple[str, ...]
    councils: tuple[str, ...]
    #: each council's organisation memberships that its dates let hold on ``at`` and its status does not rule out,
    #: as the claims a reading is asked about for it (:func:`~.times.accepted`, its keys worked out once): every
    #: other membership is out whatever the reading
    candidates: tuple[tuple[tuple[ClaimKey, ...], ...], ...] = ()
    #: the councils a certain, asserted membership makes councils under every reading, and the others with the
    #: claims of each of their candidates (for a reading answered without asking)
    sure: tuple[str, ...] = ()
    unsure: tuple[tuple[str, tuple[frozenset[ClaimKey], ...]], ...] = ()
    #: the unsure councils asking each claim, and every claim they ask (a reading that counts few of them, or
    #: leaves few out, looks only at the councils asking those)
    by_claim: dict[ClaimKey, tuple[int, ...]] = attrs.field(factory=dict, eq=False)
    claims: frozenset[ClaimKey] = frozenset()
    #: every claim of every candidate (what a reading is asked), and the unsure councils
    asked: frozenset[ClaimKey] = frozenset()
    unsure_councils: frozenset[str] = frozenset()
    #: the sure councils that are plain organisations (what a reading with no special organisation in adds to),
    #: and those with the unsure ones that are (the councils of such a reading when every unsure one holds)
    plain_sure: frozenset[str] = frozenset()
    plain_top: frozenset[str] = frozenset()


@attrs.frozen(eq=False)
class UnitSet:
    """The units on one date under one reading, as a set that can be sized and asked, not listed."""

    index: UnitIndex = attrs.field(eq=False, repr=False)
    snapshot: _Snapshot
    special_in: frozenset[str]
    councils: frozenset[str]

    def __eq__(self, other: object) -> bool:  # one snapshot's sets compare by what they hold, not by the snapshot
        return isinstance(other, UnitSet) and (self.snapshot is other.snapshot and self.special_in == other.special_in
                                               and self.councils == other.councils)  # fmt: skip

    def __hash__(self) -> int:
        return hash((id(self.snapshot), self.special_in, self.councils))

    def __len__(self) -> int:
        return self.snapshot.plain_active + len(self.special_in) - len(self.councils)  # councils: plain or in

    def __contains__(self, org: object) -> bool:
        return isinstance(org, str) and bool(self.intersection((org,)))

    def intersection(self, ids: Iterable[str]) -> set[str]:
        """The units among ``ids``."""
        first, last = self.snapshot.at.earliest.toordinal(), self.snapshot.at.latest.toordinal()
        found = set()
        for org in ids:
            if org in self.councils:
                continue
            if org in self.index.plain:
                span = self.index.lifespans[org]
                if span[0] <= last and span[1] >= first:
                    found.add(org)
            elif org in self.special_in:
                found.add(org)
        return found


class UnitIndex:
    """The units of a corpus in a scope at many dates: ``index.at(dates)`` once, then ``index.units(snapshot,
    reading)``. Equal to :func:`units` (as a set) and asks a reading the same claims."""

    def __init__(self, corpus: Corpus, chosen: Scope | None = None) -> None:
        self.corpus, self.chosen = corpus, chosen
        eligible = [o for o in corpus.organisations if not o.is_proposed_only]
        self.lifespans = {org.id: _life(corpus, org.id) for org in eligible}
        entries = {e.member for e in chosen.entries} if chosen is not None else set()
        self.plain = frozenset(o.id for o in eligible if o.id not in entries and kind_counts(corpus, chosen, o.id))
        self.special = [o.id for o in eligible if o.id in entries]
        floors = sorted(self.lifespans[o][0] for o in self.plain)
        ceilings = sorted(self.lifespans[o][1] for o in self.plain)
        self._floors, self._ceilings = floors, ceilings
        self._odd = [self.lifespans[o] for o in self.plain if self.lifespans[o][1] < self.lifespans[o][0]]
        self._memberships: dict[str, tuple[list[tuple[Span, Membership, ClaimKey]], list[float],
                                           dict[Any, _Answer]]] = {}  # fmt: skip
        self._events: tuple[list[float], list[int]] | None = None  # every council's edges, with the council's index
        self._snapshots: dict[str, _Snapshot] = {}
        self._councils = [o.id for o in eligible if any(
            status_state(m.status) != "out" and m.role not in LEADERSHIP_ROLES and not corpus.is_person(m.member)
            for m in corpus.members_of(o.id))]  # fmt: skip

    @classmethod
    def of(cls, corpus: Corpus, chosen: Scope | None = None) -> UnitIndex | None:
        """The index of ``corpus``, or None when organisation ids repeat (an invalid corpus)."""
        ids = [o.id for o in corpus.organisations]
        return cls(corpus, chosen) if len(set(ids)) == len(ids) else None

    def _plain_active(self, first: int, last: int) -> int:
        founded_after = len(self._floors) - bisect_right(self._floors, last)
        dissolved_before = bisect_left(self._ceilings, first)
        both = sum(1 for f, c in self._odd if f > last and c < first)
        return len(self._floors) - founded_after - dissolved_before + both

    def at(self, dates: Iterable[When]) -> dict[str, _Snapshot]:
        """A snapshot of every date, by its text (dates with the same text are the same days)."""
        texts: dict[str, When] = {}  # each text once, in the order asked (a text stands for its days)
        for when in dates:
            texts.setdefault(str(when), when)
        todo = [when for text, when in texts.items() if text not in self._snapshots]  # (a series asks them again)
        lifespans, never = self.lifespans, (-math.inf, math.inf)
        for when, active in self._active_councils(todo):
            text = str(when)
            first, last = when.earliest.toordinal(), when.latest.toordinal()
            councils = tuple(council for council, _ in active)
            candidates = tuple(answer[0] for _, answer in active)
            asked = frozenset().union(*[answer[2] for _, answer in active if answer[2]])
            # a membership that counts in every reading makes a sure council; one that asks claims, an unsure one
            sure = tuple(council for council, (found, sets, _) in active if found and sets is None)
            unsure = [(council, sets, claims) for council, (found, sets, claims) in active if found and sets]
            by_claim: dict[ClaimKey, list[int]] = {}
            for i, (_, _, claims) in enumerate(unsure):
                for claim in claims:
                    by_claim.setdefault(claim, []).append(i)
            special = tuple(o for o in self.special if lifespans.get(o, never)[0] <= last
                            and lifespans.get(o, never)[1] >= first)  # fmt: skip
            every, plain_sure = frozenset(c for c, _, _ in unsure), self.plain.intersection(sure)
            self._snapshots[text] = _Snapshot(
                when, self._plain_active(first, last), special, councils, candidates, sure,
                tuple((council, sets) for council, sets, _ in unsure), {k: tuple(v) for k, v in by_claim.items()},
                frozenset(by_claim), asked, every, plain_sure, plain_sure | self.plain.intersection(every))  # fmt: skip
        return {text: self._snapshots[text] for text in texts}

    def _active_councils(self, dates: list[When]) -> Iterator[tuple[When, list[tuple[str, _Answer]]]]:
        """Each date with its active councils (in the order of ``_councils``) and their candidates.

        The dates are taken in order of days (single days first), and a council is looked at again only when one of
        its edges (first or last possible day, the days of its memberships) lies between the last date's days and
        this one's, or when its answer was of its date only: elsewhere where the two dates' days fall among its
        edges is the same, and so is the answer (:meth:`_candidates`)."""
        if self._events is None:
            events = []
            for c, council in enumerate(self._councils):
                span = self.lifespans.get(council, (-math.inf, math.inf))
                for edge in (*span, *self._entry(council)[1]):
                    if not math.isinf(edge):
                        events.append((edge, c))
            events.sort()
            self._events = ([e for e, _ in events], [c for _, c in events])
        edges, owners = self._events
        councils, lifespans, never = self._councils, self.lifespans, (-math.inf, math.inf)
        current: list[_Answer | None] = [None] * len(councils)
        of_date: set[int] = set()  # councils whose answer holds for its date only
        previous: tuple[int, int] | None = None
        for when in sorted(dates, key=lambda w: (w.earliest.toordinal() != w.latest.toordinal(),
                                             w.earliest.toordinal(), w.latest.toordinal())):
            first, last = when.earliest.toordinal(), when.latest.toordinal()
            if previous is None or (previous[0] == previous[1]) != (first == last):
                stale: Iterable[int] = range(len(councils))
            else:
                lo, hi = min(previous[0], first), max(previous[1], last)
                stale = of_date.union(owners[bisect_left(edges, lo):bisect_right(edges, hi)])
            for c in stale:
                span = lifespans.get(councils[c], never)
                if span[0] <= last and span[1] >= first:
                    current[c], settled = self._candidates(councils[c], when)
                    if settled:
                        of_date.discard(c)
                    else:
                        of_date.add(c)
                else:
                    current[c] = None
                    of_date.discard(c)
            previous = (first, last)
            yield when, [(council, answer) for council, answer in zip(councils, current) if answer is not None]

    def _entry(self, council: str) -> tuple[list[tuple[Span, Membership, ClaimKey]], list[float],
                                            dict[Any, _Answer]]:  # fmt: skip
        """The council's organisation memberships that may count, with their days and claim keys; their edges,
        sorted; and the answers of :meth:`_candidates` known so far (found once)."""
        entry = self._memberships.get(council)
        if entry is None:
            corpus = self.corpus
            memberships = [(membership_span(corpus, m), m, membership_claim(corpus, m)) for m in corpus.members_of(council)
                           if not corpus.is_person(m.member) and m.role not in LEADERSHIP_ROLES
                           and status_state(m.status) != "out"]  # fmt: skip
            edges = sorted({v for span, _, _ in memberships for v in (span.hold_from, span.hold_to,
                                                                      span.certain_from, span.certain_to,
                                                                      *span.evidence)})  # fmt: skip
            entry = self._memberships[council] = (memberships, edges, {})
        return entry

    def _candidates(self, council: str, at: When) -> tuple[_Answer, bool]:
        """The claims of each membership of ``council`` that may count on ``at``, as :func:`~.times.accepted` asks
        them (none for a certain, asserted one); the same as sets, or None when one of them asks nothing (the
        council has a member in every reading); and every claim they ask. And whether that answer holds wherever
        ``at``'s days fall alike among the edges (False: it asks a claim of ``at`` itself)."""
        memberships, edges, known = self._entry(council)
        first, last = at.earliest.toordinal(), at.latest.toordinal()
        # Where the date's first and last days fall among the memberships' edges decides every certainty (each is
        # a comparison of those days with an edge): dates that fall alike share the answer.
        where = (bisect_left(edges, first), bisect_right(edges, first), bisect_left(edges, last),
                 bisect_right(edges, last), first == last)  # fmt: skip
        answer = known.get(where)
        if answer is not None:
            return answer, True
        certainties = [(certainty_on(span, first, last), m, key) for span, m, key in memberships]
        text = str(at)
        asked = [claims for certainty, m, key in certainties
                 if (claims := asked_for(certainty, m, at, key=key, at_text=text)) is not None]  # fmt: skip
        possible = any(certainty == "possible" for certainty, _, _ in certainties)  # claims of this date only
        sets = None if any(not claims for claims in asked) else tuple(map(frozenset, asked))
        answer = (tuple(asked), sets, frozenset(k for claims in asked for k in claims))
        if not possible:
            known[where] = answer
        return answer, not possible

    def units(self, snapshot: _Snapshot, reading: Reading) -> UnitSet:
        """The units on the snapshot's date under ``reading``."""
        corpus, at = self.corpus, snapshot.at
        special_in = frozenset(o for o in snapshot.special if in_scope(corpus, self.chosen, o, at, reading))
        councils = set()
        if reading.remember and reading.chosen is None:  # every answer known: record what would be asked
            reading.record(snapshot.asked)
        if not reading.remember or reading.chosen is None:  # answered without asking each claim
            chosen, unsure, by_claim = reading.chosen, snapshot.unsure, snapshot.by_claim
            every = snapshot.unsure_councils
            held: frozenset[str] | set[str]
            if chosen is None:
                held = every if reading.default else frozenset()
            elif 2 * len(chosen) <= len(snapshot.claims):  # few counted: a council holds by one of them
                looked = {i for claim in chosen for i in by_claim.get(claim, ())}
                held = {unsure[i][0] for i in looked if any(chosen.issuperset(asked) for asked in unsure[i][1])}
            else:  # few left out: a council asking none of them holds
                looked = {i for claim in snapshot.claims - chosen for i in by_claim[claim]}
                dropped = {unsure[i][0] for i in looked if not any(chosen.issuperset(asked) for asked in unsure[i][1])}
                if not special_in:  # the councils when all hold, less those dropped (sure and unsure: disjoint)
                    return UnitSet(self, snapshot, special_in, snapshot.plain_top - dropped if dropped
                                   else snapshot.plain_top)  # fmt: skip
                held = every - dropped
            if special_in:
                found = held.union(snapshot.sure)
                return UnitSet(self, snapshot, special_in, frozenset((found & self.plain) | (found & special_in)))
            if not held:
                return UnitSet(self, snapshot, special_in, snapshot.plain_sure)
            return UnitSet(self, snapshot, special_in, snapshot.plain_sure.union(self.plain.intersection(held)))
        for council, candidates in zip(snapshot.councils, snapshot.candidates):
            # every candidate asked, as _is_council does: a reading must see each claim that could count
            held = [reading.holds_all(asked) for asked in candidates]
            if any(held) and (council in self.plain or council in special_in):
                councils.add(council)
        return UnitSet(self, snapshot, special_in, frozenset(councils))

