"""When a membership holds: the one place that reads a membership's dates (docs/metrics.md, "Who counts").

A membership holds from its ``start`` (the first day as a member) until its ``end`` (the day it ended, on which the
member is no longer one), never before its council (or the member organisation) was founded nor after it was
dissolved, and, for a withdrawal,
not after the day it was withdrawn (``status_date``). On a date (a span of days, from its first to its last
possible day) it is:

* ``certain`` -- it holds on every day of the date, whatever the exact start and end days were;
* ``possible`` -- the dates allow it on some days of the date but not on every one (joined ``2024-02``, asked about
  2024-02-10);
* ``undated`` -- the sources say it held at some time, not when (no start), and nothing rules the date out;
* None -- it cannot hold then (before its start, from its end, outside its council's life, denied or declined).

A membership is also ``certain`` on a day a dated document shows it: the council printed the member under its name
in a declaration of that day. That is evidence, not an invented date: an undated membership stays undated on every
other day. The undated memberships of a council that rest on the same sources are one uncertain claim for the
whole of a computation (the list those sources give held then, or not: :func:`undated_key`), where a ``possible``
membership is a claim of each date asked.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from typing import Literal

import attrs

from ..model import Corpus, Membership, Status, When
from .readings import ClaimKey, Reading, status_state

__all__ = ["Certainty", "Span", "accepted", "asked_for", "certainty_on", "claim_identity", "day", "evidence_days",
           "holds_at", "holds_during", "identities", "membership_claim", "membership_evidence", "membership_key",
           "membership_span", "organisation_life", "span_of", "undated_key"]  # fmt: skip

Certainty = Literal["certain", "possible", "undated"]

_NEVER = math.inf


@attrs.frozen
class Span:
    """A membership's days as ordinals: it may hold from ``hold_from`` to ``hold_to`` and certainly holds from
    ``certain_from`` to ``certain_to`` (both ends included; infinities where unbounded). ``undated``: no start is
    known, so between its bounds it only holds at an unknown time. ``evidence``: ordinals of days a dated document
    shows it."""

    hold_from: float
    hold_to: float
    certain_from: float
    certain_to: float
    undated: bool
    evidence: frozenset[int] = frozenset()


def _renames(corpus: Corpus) -> dict[str, tuple[list[When], list[When]]]:
    """``organisation -> (days it took its name, days it lost it)``: the dates of the asserted ``renamed-from``
    relations (the new name's record names the old one's), once per corpus."""
    found: dict[str, tuple[list[When], list[When]]] = {}
    for org in corpus.organisations:
        for relation in org.relations:
            asserted = relation.status is Status.ASSERTED and str(relation.kind) == "renamed-from"
            if asserted and relation.date is not None:
                found.setdefault(org.id, ([], []))[0].append(relation.date)
                found.setdefault(relation.organisation, ([], []))[1].append(relation.date)
    return found


def organisation_life(corpus: Corpus, organisation_id: str) -> tuple[float, float, float, float]:
    """``(may exist from, certainly exists from, certainly exists until, may exist until)`` as ordinals: from the
    earliest and latest founding day, until the day before the earliest and latest dissolution day (the day it was
    dissolved it is no more); infinities where the sources give no date.

    A rename is not a dissolution, but a record is one name of a body: an organisation renamed (an asserted,
    dated ``renamed-from`` relation of the new name's record) exists under its old name until the day before the
    rename, and, unless the sources date its founding, under its new name from the day of the rename.
    """
    if not corpus.is_organisation(organisation_id):
        return -_NEVER, -_NEVER, _NEVER, _NEVER
    org = corpus.organisation(organisation_id)
    founded = [c.date for c in org.founded]
    dissolved = [c.date for c in org.dissolved]
    took, lost = corpus.derived("renames", _renames).get(organisation_id, ([], []))
    founded = founded or took
    dissolved = dissolved or lost
    may_from = min((w.earliest.toordinal() for w in founded), default=-_NEVER)
    sure_from = max((w.latest.toordinal() for w in founded), default=-_NEVER)
    sure_to = min((w.earliest.toordinal() - 1 for w in dissolved), default=_NEVER)
    may_to = max((w.latest.toordinal() - 1 for w in dissolved), default=_NEVER)
    return may_from, sure_from, sure_to, may_to


def evidence_days(corpus: Corpus) -> dict[tuple[str, str], frozenset[int]]:
    """``(council, member) -> ordinals of the days`` a declaration of a single day printed ``member`` (asserted)
    under a signature of ``council``: the days the membership is shown to hold."""
    found: dict[tuple[str, str], set[int]] = {}
    for declaration in corpus.declarations:
        when = declaration.date
        if when.earliest != when.latest or declaration.date_disputed:
            continue  # a range or disputed dates show no one day
        for signature in declaration.signatures:
            if signature.signer is None or status_state(signature.status, signature=True) != "in":
                continue
            for printed in signature.printed_members:
                if printed.member is not None and printed.status is Status.ASSERTED:
                    found.setdefault((signature.signer, printed.member), set()).add(when.earliest.toordinal())
    return {key: frozenset(days) for key, days in found.items()}


def span_of(corpus: Corpus, membership: Membership, evidence: frozenset[int] = frozenset()) -> Span:
    """The days of ``membership`` (see the module's docstring); ``evidence``: days a document shows it."""
    m = membership
    may_from, sure_from, sure_to, may_to = organisation_life(corpus, m.organisation)
    if corpus.is_organisation(m.member):  # nor outside the member's own life
        member_life = organisation_life(corpus, m.member)
        may_from, sure_from = max(may_from, member_life[0]), max(sure_from, member_life[1])
        sure_to, may_to = min(sure_to, member_life[2]), min(may_to, member_life[3])
    end: When | None = m.end
    if m.status is Status.WITHDRAWN and m.status_date is not None and (end is None or m.status_date < end):
        end = m.status_date
    hold_to = min(may_to, end.latest.toordinal() - 1) if end is not None else may_to
    certain_to = min(sure_to, end.earliest.toordinal() - 1) if end is not None else sure_to
    if m.start is None:
        return Span(may_from, hold_to, _NEVER, -_NEVER, True, evidence)
    return Span(max(may_from, m.start.earliest.toordinal()), hold_to, max(sure_from, m.start.latest.toordinal()),
                certain_to, False, evidence)  # fmt: skip


def certainty_on(span: Span, first: int, last: int, during: bool = False) -> Certainty | None:
    """What :func:`holds_at` (or, ``during``, :func:`holds_during`) says of a membership of ``span`` on the days
    ``first`` to ``last`` (ordinals)."""
    if last < span.hold_from or first > span.hold_to:
        return None
    if span.evidence and any(first <= day <= last for day in span.evidence) and (during or first == last):
        return "certain"
    if span.undated:
        return "undated"
    if during:  # certainly held on some day of the date
        certain = max(first, span.certain_from) <= min(last, span.certain_to)
    else:  # on every day of it
        certain = span.certain_from <= first and last <= span.certain_to
    return "certain" if certain else "possible"


def _span(corpus: Corpus, membership: Membership, evidence: frozenset[int]) -> Span:
    """:func:`span_of`, worked out once per membership and evidence of a corpus (a corpus never changes; the
    memo holds the membership, so its id is never reused while the entry lives)."""
    memo: dict[tuple[int, frozenset[int]], tuple[Membership, Span]] = corpus.derived("spans", lambda _: {})
    key = (id(membership), evidence)
    found = memo.get(key)
    if found is None or found[0] is not membership:
        found = memo[key] = (membership, span_of(corpus, membership, evidence))
    return found[1]


def holds_at(corpus: Corpus, membership: Membership, at: When, evidence: frozenset[int] = frozenset()) -> Certainty | None:
    """Whether ``membership`` held on every day of ``at``, by its dates: ``certain``, ``possible``, ``undated`` or
    None (its status aside: see :func:`accepted`)."""
    span = _span(corpus, membership, evidence)
    return certainty_on(span, at.earliest.toordinal(), at.latest.toordinal(), False)


def holds_during(corpus: Corpus, membership: Membership, window: When,
                 evidence: frozenset[int] = frozenset()) -> Certainty | None:  # fmt: skip
    """Whether ``membership`` held on some day of ``window`` (a year, a quarter): ``certain`` when it certainly did
    (or a document of the window shows it), ``possible``, ``undated`` or None."""
    span = _span(corpus, membership, evidence)
    return certainty_on(span, window.earliest.toordinal(), window.latest.toordinal(), True)


def membership_key(m: Membership) -> ClaimKey:
    """The identity of a membership claim in readings."""
    return ("membership", m.organisation, m.member, m.role, str(m.start), str(m.end))


def membership_claim(corpus: Corpus, m: Membership) -> ClaimKey:
    """:func:`membership_key` of a membership of ``corpus``, worked out once (a corpus never changes; the memo holds
    the membership, so its id is never reused while the entry lives)."""
    memo: dict[int, tuple[Membership, ClaimKey]] = corpus.derived("membership-keys", lambda _: {})
    found = memo.get(id(m))
    if found is None or found[0] is not m:
        found = memo[id(m)] = (m, membership_key(m))
    return found[1]


def accepted(certainty: Certainty | None, m: Membership, at: When, reading: Reading, *,
             key: ClaimKey | None = None) -> Certainty | None:  # fmt: skip
    """``certainty`` if the reading counts the membership ``m`` then, else None; every uncertain claim is asked.

    Denied and declined memberships never count. A disputed or unclear one is its own claim; a ``possible`` one is
    a claim of the date asked; an ``undated`` one is one claim for the whole computation. ``key``: ``m``'s
    :func:`membership_key`, when known.
    """
    asked = asked_for(certainty, m, at, key=key)
    return certainty if asked is not None and reading.holds_all(asked) else None


def asked_for(certainty: Certainty | None, m: Membership, at: When, *, key: ClaimKey | None = None,
              at_text: str | None = None) -> tuple[ClaimKey, ...] | None:  # fmt: skip
    """The claims :func:`accepted` asks a reading about ``m`` on ``at``, in order (it counts ``m`` when the reading
    holds them all), or None when ``m`` never counts then (out, or ``certainty`` None): also for an index that
    answers many readings without walking the memberships again (and may pass ``m``'s :func:`membership_key` and
    ``str(at)``, worked out once)."""
    state = status_state(m.status)
    if state == "out" or certainty is None:
        return None
    if key is None:
        key = membership_key(m)
    asked = [key] if state == "uncertain" else []
    if certainty == "possible":
        asked.append((*key, "at", str(at) if at_text is None else at_text))
    elif certainty == "undated":
        asked.append(undated_key(m))
    return tuple(asked)


def membership_span(corpus: Corpus, m: Membership) -> Span:
    """The days of ``m`` with the days a document shows it (:func:`span_of`, once per membership), for
    :func:`certainty_on`."""
    return _span(corpus, m, membership_evidence(corpus).get((m.organisation, m.member), frozenset()))


def membership_evidence(corpus: Corpus) -> dict[tuple[str, str], frozenset[int]]:
    """``(council, member) -> days`` a dated document shows the membership (:func:`evidence_days`, once per
    corpus)."""
    return corpus.derived("membership-evidence", evidence_days)


def undated_key(m: Membership) -> ClaimKey:
    """The claim that ``m``, undated, held at the time asked. The undated memberships of one council that rest on
    the same sources are one claim (the list those sources give held then, or it did not): they were established
    together, and reading them one by one would invent compositions no source suggests."""
    return ("undated", m.organisation, *sorted({c.source for c in m.sources}))


def claim_identity(key: ClaimKey) -> ClaimKey:
    """The claim a reading key is about, without the date it was asked for: one membership is one claim, however
    many dates a computation asks it about."""
    if key and key[0] == "membership" and len(key) > 6:
        return key[:6]
    if key and key[0] == "scope" and len(key) > 4:
        return key[:4]
    return key


def identities(keys: Iterable[ClaimKey]) -> frozenset[ClaimKey]:
    """The distinct claims of ``keys`` (see :func:`claim_identity`)."""
    return frozenset(claim_identity(k) for k in keys)


def day(value: datetime.date) -> When:
    """The single day ``value`` as a When."""
    from ..model import PartialDate

    day_ = PartialDate.from_date(value)
    return When(day_, day_)
