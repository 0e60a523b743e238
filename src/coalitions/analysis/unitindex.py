"""Units: the organisations a coverage counts on a date, that is the active ones that are not councils then.

:func:`units` is the definition (``docs/metrics.md``, "Coverage"): an organisation is *active* on a date when it is
not only proposed, not founded after the date and not dissolved before it, and it is a *unit* when, besides, no
organisation is its member on that date under the reading. A metric series asks this for every declaration of a
window under several readings; :class:`UnitIndex` answers for many dates at once, without listing the units, and
asks a reading about exactly the claims :func:`units` asks about, so that ranges and claim counts do not change.

How: a membership's answer on a date depends only on the date's first and last possible days. Dates of one length
(days, ranges of two days, months of 30 days, ...) are sorted by their first day, and on them each membership is
none, possible, certain, possible, none again, each on a run of consecutive dates found by bisection. Only the
possible dates and the disputed memberships ask a reading anything; the certain ones are counted by a sweep.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import chain

import attrs

from ..model import Corpus, Organisation, When
from .councils import LEADERSHIP_ROLES, accepted, founded_floor, membership_key
from .readings import ClaimKey, Reading, status_state

__all__ = ["UnitIndex", "UnitSet", "active", "units"]


def active(corpus: Corpus, at: When) -> list[str]:
    """Organisations that may exist on ``at``: not only proposed, not founded after, not dissolved before it."""
    result = []
    for org in corpus.organisations:
        if org.is_proposed_only:
            continue
        if org.founded and min(c.date.earliest for c in org.founded) > at.latest:
            continue
        if org.dissolved and max(c.date.latest for c in org.dissolved) < at.earliest:
            continue
        result.append(org.id)
    return result


def units(corpus: Corpus, at: When, reading: Reading) -> list[str]:
    """Active organisations that have no organisation as member on ``at`` (the parts councils stand for)."""
    result = []
    for org in active(corpus, at):
        members = [m for m in corpus.members_of(org) if accepted(corpus, m, at, reading) is not None]
        if not any(not corpus.is_person(m.member) for m in members):
            result.append(org)
    return result


# -- many dates at once ------------------------------------------------------------------------------------------


@attrs.frozen
class _Claim:
    """A membership :func:`units` asks about, with the days (ordinals) on which it holds while its council is active.

    It holds on a date from first day ``E`` to last day ``L`` when ``L >= hold_from`` and ``E <= hold_to``, and
    certainly so when, besides, ``E >= certain_from`` and ``L <= certain_to``; otherwise it only possibly holds.
    """

    council: str
    counts: bool  # the member is an organisation: the membership makes its council a council
    key: ClaimKey
    uncertain: bool  # disputed or unclear: asked whenever it holds
    hold_from: float
    hold_to: float
    certain_from: float
    certain_to: float


@attrs.frozen
class _Snapshot:
    """What :func:`units` needs on one date, whatever the reading.

    ``active`` counts the active organisations and ``sure`` the active councils whatever the reading. The reading
    decides the claims of ``disputed`` (disputed or unclear memberships that certainly hold: their own claim) and of
    ``possible`` (memberships that possibly hold: the claim ``timed`` of the same rank, and their own if disputed).
    ``keys`` lists all those claims and ``councils_if_in`` the councils they make when all are counted.
    """

    earliest: int
    latest: int
    active: int
    sure: frozenset[str]
    disputed: Sequence[_Claim]
    possible: Sequence[_Claim]
    timed: Sequence[ClaimKey]
    keys: Sequence[ClaimKey]
    councils_if_in: frozenset[str]

    def councils(self, reading: Reading) -> frozenset[str]:
        """The active organisations that are councils on this date under ``reading`` (asking every claim)."""
        uniform = reading.uniform
        if uniform is not None:
            reading.record(self.keys)
            return self.sure | self.councils_if_in if uniform else self.sure
        found = set(self.sure)
        for claim in self.disputed:
            if reading.holds(claim.key) and claim.counts:
                found.add(claim.council)
        for claim, timed in zip(self.possible, self.timed):
            if reading.holds_all((claim.key, timed) if claim.uncertain else (timed,)) and claim.counts:
                found.add(claim.council)
        return frozenset(found)


@attrs.frozen
class UnitSet:
    """The units on one date under one reading, as a set that can be sized and asked, not listed."""

    lifespans: dict[str, tuple[float, float]]
    snapshot: _Snapshot
    councils: frozenset[str]

    def __len__(self) -> int:
        return self.snapshot.active - len(self.councils)

    def __contains__(self, org: object) -> bool:
        return isinstance(org, str) and bool(self.intersection((org,)))

    def intersection(self, ids: Iterable[str]) -> set[str]:
        """The units among ``ids``."""
        earliest, latest = self.snapshot.earliest, self.snapshot.latest
        found = set()
        for org in ids:
            span = self.lifespans.get(org)
            if span is not None and span[0] <= latest and span[1] >= earliest and org not in self.councils:
                found.add(org)
        return found


def _lifespan(org: Organisation) -> tuple[float, float]:
    """The first day it may have been founded and the last day it may have been dissolved (ordinals)."""
    floor = min((c.date.earliest.toordinal() for c in org.founded), default=-math.inf)
    ceiling = max((c.date.latest.toordinal() for c in org.dissolved), default=math.inf)
    return floor, ceiling


class UnitIndex:
    """The units of a corpus at many dates: ``index.at(dates)`` once, then ``index.units(snapshot, reading)``.

    Equal to :func:`units` (as a set) and asks a reading the same claims. Build it with :meth:`of`, which gives
    None for a corpus where two organisations share an id (then use :func:`units`).
    """

    def __init__(self, corpus: Corpus) -> None:
        eligible = [o for o in corpus.organisations if not o.is_proposed_only]
        self.lifespans = {org.id: _lifespan(org) for org in eligible}
        self._floors = sorted(floor for floor, _ in self.lifespans.values())
        self._ceilings = sorted(ceiling for _, ceiling in self.lifespans.values())
        self._odd = [(f, c) for f, c in self.lifespans.values() if c < f]  # dissolved before founded
        self._claims = [claim for org in eligible for claim in self._claims_of(corpus, org.id)]

    @classmethod
    def of(cls, corpus: Corpus) -> UnitIndex | None:
        """The index of ``corpus``, or None when organisation ids repeat (an invalid corpus)."""
        ids = [o.id for o in corpus.organisations]
        return cls(corpus) if len(set(ids)) == len(ids) else None

    def _claims_of(self, corpus: Corpus, org: str) -> Iterable[_Claim]:
        floor, ceiling = self.lifespans[org]
        for m in corpus.members_of(org):
            state = status_state(m.status)
            if state == "out" or m.role in LEADERSHIP_ROLES:
                continue  # accepted() refuses them without asking anything
            hold_to = min(ceiling, m.end.latest.toordinal() if m.end is not None else math.inf)
            if m.start is None:
                founded = founded_floor(corpus, m.organisation)
                start, sure_from = (founded.toordinal() if founded is not None else -math.inf), math.inf
            else:
                start, sure_from = m.start.earliest.toordinal(), m.start.latest.toordinal()
            sure_to = m.end.earliest.toordinal() if m.end is not None else math.inf
            yield _Claim(org, not corpus.is_person(m.member), membership_key(m), state == "uncertain",
                         max(floor, start), hold_to, sure_from, sure_to)  # fmt: skip

    def _active(self, earliest: int, latest: int) -> int:
        founded_after = len(self._floors) - bisect_right(self._floors, latest)
        dissolved_before = bisect_left(self._ceilings, earliest)
        both = sum(1 for f, c in self._odd if f > latest and c < earliest)
        return len(self._floors) - founded_after - dissolved_before + both

    def at(self, dates: Iterable[When]) -> dict[str, _Snapshot]:
        """A snapshot of every date, by its text (dates with the same text are the same days)."""
        spans: dict[int, dict[str, int]] = {}
        for when in dates:
            text = str(when)
            first, last = when.earliest.toordinal(), when.latest.toordinal()
            spans.setdefault(last - first, {}).setdefault(text, first)
        result: dict[str, _Snapshot] = {}
        for span, firsts in spans.items():
            result.update(self._sweep(span, sorted(firsts.items(), key=lambda item: (item[1], item[0]))))
        return result

    def _sweep(self, span: int, dates: list[tuple[str, int]]) -> dict[str, _Snapshot]:
        """Snapshots of dates all ``span`` days long, sorted by first day."""
        texts, starts = [text for text, _ in dates], [first for _, first in dates]
        at_texts = [("at", text) for text in texts]  # the end of the key of a claim "holds at that date"
        disputed: list[list[_Claim]] = [[] for _ in dates]
        possible: list[list[_Claim]] = [[] for _ in dates]
        timed: list[list[ClaimKey]] = [[] for _ in dates]
        sure_from: list[list[str]] = [[] for _ in range(len(dates) + 1)]
        sure_until: list[list[str]] = [[] for _ in range(len(dates) + 1)]
        for claim in self._claims:
            low = bisect_left(starts, claim.hold_from - span)
            high = bisect_right(starts, claim.hold_to)
            if low >= high:
                continue
            sure_low = max(low, bisect_left(starts, claim.certain_from))
            sure_high = min(high, bisect_right(starts, claim.certain_to - span))
            if sure_low >= sure_high:
                sure_low = sure_high = high
            if claim.uncertain:
                for i in range(sure_low, sure_high):
                    disputed[i].append(claim)
            elif claim.counts and sure_low < sure_high:
                sure_from[sure_low].append(claim.council)
                sure_until[sure_high].append(claim.council)
            key = claim.key
            for i in chain(range(low, sure_low), range(sure_high, high)):
                possible[i].append(claim)
                timed[i].append(key + at_texts[i])
        result = {}
        open_: dict[str, int] = {}  # councils whatever the reading, with how many memberships make them so
        for i, (text, first) in enumerate(dates):
            for council in sure_from[i]:
                open_[council] = open_.get(council, 0) + 1
            for council in sure_until[i]:
                open_[council] -= 1
                if not open_[council]:
                    del open_[council]
            asked = disputed[i] + possible[i]
            keys = timed[i] + [c.key for c in asked if c.uncertain]
            result[text] = _Snapshot(first, first + span, self._active(first, first + span), frozenset(open_),
                                     disputed[i], possible[i], timed[i], keys,
                                     frozenset({c.council for c in asked if c.counts}))  # fmt: skip
        return result

    def units(self, snapshot: _Snapshot, reading: Reading) -> UnitSet:
        """The units on the snapshot's date under ``reading``."""
        return UnitSet(self.lifespans, snapshot, snapshot.councils(reading))
