"""Councils and their members at a date, and what a council stands for when expanded.

Time is honest (:mod:`.times`): a membership holds from its start until its end (the day it ended excluded). With a
start known to the month, a member is ``possible`` on days inside that month and ``certain`` after it (joined
``2024-02``: possible on 2024-02-10, certain on 2024-03-01). A membership without a start is ``undated``: the
sources say it held at some time, not when; it is certain only on the days a dated document shows it (a
declaration printing the member under the council's name). ``certainty`` is about dates only; ``status`` says what
the sources say (a ``disputed`` member is listed, with its status).

See ``docs/metrics.md`` for how uncertain claims enter the metrics.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

import attrs

from ..model import CoalitionsError, Corpus, Membership, Status, When
from .readings import ClaimKey, DateLike, Disputed, Reading, as_when
from .times import (
    Certainty,
    asked_for,
    holds_at,
    holds_during,
    membership_claim,
    membership_evidence,
)

__all__ = ["LEADERSHIP_ROLES", "CycleError", "MemberAt", "expand", "expand_with", "members_at", "membership_at",
           "membership_evidence"]  # fmt: skip


#: Membership roles that make someone a leader of an organisation rather than a part it stands for; expansion
#: does not follow them (a party's leader is not one of the parties of a council).
LEADERSHIP_ROLES = frozenset({"leader", "chair", "co-chair", "deputy", "deputy-leader", "spokesperson", "head",
                              "secretary-general", "president", "vice-president"})  # fmt: skip

STATUS_RANK = {Status.ASSERTED: 0, Status.WITHDRAWN: 1, Status.UNCLEAR: 2, Status.DISPUTED: 3}


class CycleError(CoalitionsError, ValueError):
    """Councils are members of each other in a loop at the date asked; ``cycle`` lists them in order."""

    def __init__(self, cycle: tuple[str, ...]) -> None:
        self.cycle = cycle
        super().__init__("membership cycle: " + " -> ".join(cycle))


@attrs.frozen
class MemberAt:
    """A member of a council at a date.

    ``certainty`` is ``certain``, ``possible`` when the dates of the membership leave it open whether it held that
    day, or ``undated`` when the sources say it held at some time, not when;
    ``status`` is the weakest status along ``via`` (the chain of councils from the one asked about down to the
    member's own council); ``memberships`` are the claims that make it a member, in the same order as ``via``.
    """

    member: str
    certainty: Certainty
    status: Status
    via: tuple[str, ...]
    memberships: tuple[Membership, ...]


# -- time -------------------------------------------------------------------------------------------------------


def membership_at(corpus: Corpus, m: Membership, at: When, reading: Reading, *, leaders: bool = False,
                  during: bool = False) -> Certainty | None:  # fmt: skip
    """The certainty of ``m`` on ``at`` (every day of it; some day of it with ``during``) if ``reading`` counts
    it, else None; every uncertain claim is asked (:func:`~.times.accepted`). Memberships with a role in
    :data:`LEADERSHIP_ROLES` count only with ``leaders``."""
    claims = _membership_claims(corpus, m, at, leaders=leaders, during=during)
    return claims[0] if claims is not None and reading.holds_all(claims[1]) else None


def _membership_claims(corpus: Corpus, m: Membership, at: When, *, leaders: bool,
                       during: bool = False) -> tuple[Certainty, tuple[ClaimKey, ...]] | None:  # fmt: skip
    """:func:`membership_at`, reading aside: the certainty of ``m`` on ``at`` and the claims a reading is asked to
    count it (:func:`~.times.asked_for`), or None when it never counts then."""
    if m.role in LEADERSHIP_ROLES and not leaders:
        return None
    evidence = membership_evidence(corpus).get((m.organisation, m.member), frozenset())
    certainty = (holds_during if during else holds_at)(corpus, m, at, evidence)
    if certainty is None:  # not held then: nothing is asked
        return None
    asked = asked_for(certainty, m, at, key=membership_claim(corpus, m))
    return None if asked is None else (certainty, asked)


def _direct(corpus: Corpus, council: str, at: When, reading: Reading, leaders: bool = False,
            organisations: bool = False) -> list[tuple[Membership, Certainty]]:  # fmt: skip
    # A list, not a generator with any(): every uncertain claim must be asked, or a reading would miss it.
    # With ``organisations``, people's memberships are not asked about: they make no council and no part.
    return [(m, certainty) for m, certainty, asked in _direct_claims(corpus, council, at, leaders, organisations)
            if not asked or reading.holds_all(asked)]  # fmt: skip


def _direct_claims(corpus: Corpus, council: str, at: When, leaders: bool,
                   organisations: bool) -> tuple[tuple[Membership, Certainty, tuple[ClaimKey, ...]], ...]:  # fmt: skip
    """The memberships of ``council`` that may hold on ``at``, each with its certainty and the claims a reading is
    asked to count it (:func:`membership_at`, reading aside), in the order of the memberships: worked out once per
    council and date of a corpus (a corpus never changes), since the metrics expand the same council on the same
    date under many readings. The date is keyed as written, not by the days it covers: a claim of a possible
    membership names the date as written."""
    memo: dict[tuple[Any, ...], tuple[tuple[Membership, Certainty, tuple[ClaimKey, ...]], ...]]
    memo = corpus.derived("direct", lambda _: {})
    key = (council, at.start, at.end, at.as_written, leaders, organisations)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(
            (m, *claims) for m in corpus.members_of(council) if not (organisations and corpus.is_person(m.member))
            for claims in (_membership_claims(corpus, m, at, leaders=leaders),) if claims is not None)  # fmt: skip
    return found


# -- members ----------------------------------------------------------------------------------------------------


def _is_council(corpus: Corpus, members: list[tuple[Membership, Certainty]]) -> bool:
    """A council, at a date, is an organisation with an organisation among its members (people alone: no)."""
    return any(not corpus.is_person(m.member) for m, _ in members)


def walk(corpus: Corpus, council: str, at: When, reading: Reading, via: tuple[str, ...],
          chain: tuple[Membership, ...], certainty: Certainty, expand: bool, leaders: bool = False,
          require_council: bool = False) -> Iterator[MemberAt]:  # fmt: skip
    members = _direct(corpus, council, at, reading, leaders)
    if require_council and not _is_council(corpus, members):
        return
    via = (*via, council)
    for m, sure in members:
        if m.member in via:
            raise CycleError((*via[via.index(m.member):], m.member))
        links = (*chain, m)
        status = max((x.status for x in links), key=STATUS_RANK.__getitem__)
        both = weakest(certainty, sure)
        yield MemberAt(m.member, both, status, via, links)
        if expand:
            yield from walk(corpus, m.member, at, reading, via, links, both, expand, leaders, True)


_CERTAINTY_RANK = {"certain": 0, "possible": 1, "undated": 2}


def weakest(a: Certainty, b: Certainty) -> Certainty:
    """The weaker of two certainties along a chain of councils: certain, then possible, then undated."""
    return a if _CERTAINTY_RANK[a] >= _CERTAINTY_RANK[b] else b


def strongest(items: Iterable[MemberAt]) -> tuple[MemberAt, ...]:
    """One entry per member, the strongest claim (status, then certainty, then the shortest chain), first seen."""
    best: dict[str, MemberAt] = {}
    for item in items:
        old = best.get(item.member)
        if old is None or strength(item) < strength(old):
            best[item.member] = item
    return tuple(best.values())


class _Claimed(Protocol):
    """A member or a signatory, as far as :func:`strength` looks at it."""

    status: Status
    certainty: Certainty
    via: tuple[str, ...]


def strength(item: _Claimed) -> tuple[int, int, int]:
    return (STATUS_RANK.get(item.status, 9), _CERTAINTY_RANK[item.certainty], len(item.via))


def members_at(corpus: Corpus, organisation_id: str, at: DateLike, *, expand: bool = False,
               disputed: Disputed = "in") -> tuple[MemberAt, ...]:  # fmt: skip
    """The members of ``organisation_id`` on ``at``, each once, with its certainty, status and sources.

    Every role is listed (leaders and chairs too; see ``memberships`` for the role). With ``expand``, members of
    member councils are listed too, to any depth (``via`` gives the chain). Disputed
    and unclear memberships are listed with their status (``disputed="out"`` leaves them, and the memberships that
    only possibly hold on ``at``, out); denied and declined ones never are. Raises :class:`CycleError` if councils
    nest in a loop at that date.

    >>> from coalitions import Citation, Corpus, Membership, Organisation, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(
    ...     organisations=[Organisation("c", "Council", "council", src), Organisation("p", "Party", "party", src)],
    ...     memberships=[Membership("c", "p", src, start=When.of("2024-02"))])
    >>> [m.certainty for m in members_at(corpus, "c", "2024-02-10")]
    ['possible']
    >>> [m.certainty for m in members_at(corpus, "c", "2024-03-01")]
    ['certain']
    >>> members_at(corpus, "c", "2024-01-31")
    ()
    """
    when = as_when(at)
    council = corpus.resolve(organisation_id)  # any name or alias; NotFound with suggestions
    return strongest(walk(corpus, council, when, Reading.of(disputed), (), (), "certain", expand, True))


def expand_with(corpus: Corpus, ids: Iterable[str], at: When, reading: Reading, *,
                keep_councils: bool = False) -> frozenset[str]:  # fmt: skip
    """``ids`` with every council replaced by what it stands for under ``reading`` (see :func:`expand`)."""
    kept: set[str] = set()
    parts: set[str] = set()
    stand_for(corpus, ids, at, reading, kept, parts)
    return frozenset(kept if keep_councils else parts)


def stand_for(corpus: Corpus, ids: Iterable[str], at: When, reading: Reading, kept: set[str],
               parts: set[str]) -> None:  # fmt: skip
    """Walk down from ``ids``: add every node met to ``kept``, and those that are no council on ``at`` to ``parts``."""
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        if node in path:
            raise CycleError((*path[path.index(node):], node))
        kept.add(node)
        members = _direct(corpus, node, at, reading, organisations=True)
        council = _is_council(corpus, members)
        if not council:
            parts.add(node)
        if node in done or not council:
            return
        for m, _ in members:
            visit(m.member, (*path, node))
        done.add(node)

    for node in ids:
        if corpus.members_of(node):
            visit(node, ())
        else:  # no member, nothing to ask, no council: the common case, made quick
            kept.add(node)
            parts.add(node)


def expand(corpus: Corpus, ids: Iterable[str], at: DateLike, *, keep_councils: bool = False,
           disputed: Disputed = "in") -> frozenset[str]:  # fmt: skip
    """What ``ids`` stand for on ``at``: each council replaced by its members there, to any depth.

    A council is an organisation with an organisation among its members on ``at``; it stands for all its members
    but leaders (:data:`LEADERSHIP_ROLES`). Anything else (a party, a front of people, a council with no member
    on ``at``) stands for itself. ``keep_councils`` keeps the councils next to their
    members. ``disputed="in"`` (the default) counts disputed and unclear memberships and those that only possibly
    hold on ``at``; ``"out"`` counts only certain, asserted ones. Idempotent and monotone; raises
    :class:`CycleError` on a loop of councils.

    >>> from coalitions import Citation, Corpus, Membership
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(memberships=[Membership("assembly", "council", src), Membership("council", "party", src),
    ...                              Membership("council", "front", src, status="disputed")])
    >>> sorted(expand(corpus, ["assembly", "party"], "2024"))
    ['front', 'party']
    >>> sorted(expand(corpus, ["assembly"], "2024", disputed="out"))
    ['assembly']
    """
    resolved = [i if i in corpus or corpus.members_of(i) or corpus.memberships_of(i) else corpus.resolve(i)
                for i in ids]  # fmt: skip
    return expand_with(corpus, resolved, as_when(at), Reading.of(disputed), keep_councils=keep_councils)


# -- signatories ------------------------------------------------------------------------------------------------


