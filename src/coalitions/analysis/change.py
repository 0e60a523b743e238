"""Change over time: a council's composition as dated changes, and who joined, left or stayed along a series.

Like is compared with like: a series is compared at one level (organisations, or the people who came in their own
name), in a scope, by the tiers each declaration counts. Unknown is not nobody: across a declaration whose list is
unknown at that level nobody joins, leaves or stays (the step is not comparable); with a partial list, ``stayed``
holds those listed on both sides (a lower bound) and ``joined``/``left`` only say who is listed on one side.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs

from ..model import (
    Citation,
    Corpus,
    Declaration,
    ListStatus,
    Membership,
    NotFound,
    PartialDate,
    Relation,
    Status,
    When,
)
from .councils import LEADERSHIP_ROLES, CycleError, membership_evidence
from .participation import Level, RolesLike
from .readings import DateLike, Disputed, Reading, as_when
from .scoping import ScopeLike, choose_scope
from .signers import participants

__all__ = ["Change", "Step", "composition_changes", "series_changes"]

ChangeKind = Literal["joined", "left", "disputed", "denied", "declined", "withdrew", "listed", "undated",
                     "renamed-from", "renamed-to", "split-from", "split-off", "successor-of", "succeeded-by"]
#: The change a relation is for the organisation that holds it, and for the one it names.
_RELATION_KINDS: dict[str, tuple[ChangeKind, ChangeKind]] = {
    "renamed-from": ("renamed-from", "renamed-to"), "split-from": ("split-from", "split-off"),
    "successor-of": ("successor-of", "succeeded-by")}  # fmt: skip
_START_KIND: dict[Status, ChangeKind] = {Status.ASSERTED: "joined", Status.WITHDRAWN: "joined",
                                         Status.DISPUTED: "disputed", Status.UNCLEAR: "disputed",
                                         Status.DENIED: "denied", Status.DECLINED: "declined"}  # fmt: skip


@attrs.frozen
class Change:
    """``member`` joined, left, withdrew from, is disputed in, denied or declined ``council`` on ``when``; or was
    ``listed`` among its members by a dated document (an undated membership seen on that day); or is a member at an
    ``undated`` time (``when`` None: the sources say it held, not when).

    A relation between ``council`` and the organisation ``member`` is a change of the council's on the relation's
    date (``when`` None if it has none), read "council kind member": ``renamed-from`` (the council is the new name
    of ``member``), ``renamed-to`` (the old name of it), ``split-from``, ``split-off`` (``member`` split from the
    council), ``successor-of`` and ``succeeded-by``. ``status`` is the relation's.

    ``via`` is the chain of councils from the one asked about down to ``council`` (empty for a direct member).
    """

    when: When | None
    member: str
    kind: ChangeKind
    council: str
    status: Status
    sources: tuple[Citation, ...]
    via: tuple[str, ...] = ()

    @property
    def date_text(self) -> str:
        """The date as written, or ``"undated"``."""
        return str(self.when) if self.when is not None else "undated"


@attrs.frozen
class Step:
    """From one declaration to the next: who ``joined`` (counted by the later only), ``left`` (the earlier only)
    and ``stayed`` (both). ``churn`` is (|joined| + |left|) / |before ∪ after|, that is 1 − Jaccard; NaN when the
    step is not ``comparable`` (a side's list is unknown) or both sides are empty. ``exact`` is False when a side's
    list is partial: then ``stayed`` is a lower bound and ``joined``/``left`` only say who is listed on one side.
    """

    before: str
    after: str
    joined: frozenset[str]
    left: frozenset[str]
    stayed: frozenset[str]
    churn: float
    comparable: bool = True
    exact: bool = True
    lists: tuple[ListStatus, ListStatus] = (ListStatus.COMPLETE, ListStatus.COMPLETE)


def _day(value: datetime.date) -> When:
    day = PartialDate.from_date(value)
    return When(day, day)


def _changes(corpus: Corpus, m: Membership, via: tuple[str, ...]) -> Iterator[Change]:
    sources = (*m.sources, *m.contradicted_by)
    ended = m.end
    if m.status is Status.WITHDRAWN and m.status_date is not None:
        ended = m.status_date
    if m.start is not None:
        yield Change(m.start, m.member, _START_KIND[m.status], m.organisation, m.status, sources, via)
    elif m.status in (Status.DENIED, Status.DECLINED) and m.status_date is not None:
        yield Change(m.status_date, m.member, _START_KIND[m.status], m.organisation, m.status, sources, via)
    elif m.status not in (Status.DENIED, Status.DECLINED):
        days = sorted(membership_evidence(corpus).get((m.organisation, m.member), ()))
        if days:
            yield Change(_day(datetime.date.fromordinal(days[0])), m.member, "listed", m.organisation, m.status,
                         sources, via)  # fmt: skip
        elif ended is None:
            yield Change(None, m.member, "undated", m.organisation, m.status, sources, via)
    if ended is not None and m.status in (Status.ASSERTED, Status.WITHDRAWN):
        kind: ChangeKind = "withdrew" if m.status is Status.WITHDRAWN else "left"
        yield Change(ended, m.member, kind, m.organisation, m.status, sources, via)


def _relations_to(corpus: Corpus) -> dict[str, tuple[tuple[str, Relation], ...]]:
    """``organisation -> ((holder, relation), ...)`` for the relations of other organisations that name it."""
    found: dict[str, list[tuple[str, Relation]]] = {}
    for org in corpus.organisations:
        for relation in org.relations:
            if str(relation.kind) in _RELATION_KINDS and relation.organisation != org.id:
                found.setdefault(relation.organisation, []).append((org.id, relation))
    return {key: tuple(value) for key, value in found.items()}


def _relation_changes(corpus: Corpus, node: str, via: tuple[str, ...],
                      seen: set[tuple[str, Relation]]) -> Iterator[Change]:  # fmt: skip
    """The renames, splits and successions of ``node``, held by it or naming it; each relation once (``seen``:
    ``(holder, relation)`` met already, from its other end)."""
    if corpus.is_organisation(node):
        org = corpus.organisation(node)
        for relation in org.relations:
            if str(relation.kind) in _RELATION_KINDS and (node, relation) not in seen:
                seen.add((node, relation))
                yield Change(relation.date, relation.organisation, _RELATION_KINDS[str(relation.kind)][0], node,
                             relation.status, relation.sources or org.sources, via)  # fmt: skip
    for holder, relation in corpus.derived("relations-to", _relations_to).get(node, ()):
        if (holder, relation) not in seen:
            seen.add((holder, relation))
            sources = relation.sources or corpus.organisation(holder).sources
            yield Change(relation.date, holder, _RELATION_KINDS[str(relation.kind)][1], node, relation.status,
                         sources, via)  # fmt: skip


def _in_window(when: When | None, start: When | None, end: When | None) -> bool:
    """May ``when`` fall between ``start`` and ``end`` (both included)? An undated change may."""
    if when is None:
        return True
    return (start is None or when.latest >= start.earliest) and (end is None or when.earliest <= end.latest)


def composition_changes(corpus: Corpus, council_id: str, start: DateLike | None = None, end: DateLike | None = None,
                        *, expand: bool = False) -> tuple[Change, ...]:  # fmt: skip
    """The changes in the membership of ``council_id`` (any name or alias) that may fall between ``start`` and
    ``end``.

    Each membership gives a change at its start (``joined``, or ``disputed``, ``denied``, ``declined`` after its
    status), at its end if it held (``left``, or ``withdrew`` on the day it was withdrawn), a ``denied`` or
    ``declined`` change on the day the status took effect, and, for an undated membership, ``listed`` on the first
    day a document shows it, else one ``undated`` change (``when`` None) so that it is never silently left out.
    Its renames, splits and successions (relations it holds or that name it) are changes too, on their dates: the
    members an organisation "joined" on the day of a rename are those of the old name.
    With ``expand``, the changes inside member councils (of any depth, at any time) are included, with ``via``.
    Sorted by date, the undated last.

    >>> from coalitions import Citation, Corpus, Membership, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(memberships=[Membership("c", "p", src, start=When.of("2021"), end=When.of("2023-04")),
    ...                              Membership("c", "q", src, start=When.of("2022-05"), status="disputed")])
    >>> [(str(c.when), c.member, c.kind) for c in composition_changes(corpus, "c", "2022", "2024")]
    [('2022-05', 'q', 'disputed'), ('2023-04', 'p', 'left')]
    """
    council = corpus.resolve(council_id)
    low = as_when(start) if start is not None else None
    high = as_when(end) if end is not None else None
    found: list[Change] = []
    done: set[str] = set()
    relations: set[tuple[str, Relation]] = set()

    def visit(node: str, via: tuple[str, ...]) -> None:
        if node in via:
            raise CycleError((*via[via.index(node):], node))
        if node in done:
            return
        done.add(node)
        found.extend(c for c in _relation_changes(corpus, node, via, relations) if _in_window(c.when, low, high))
        for m in corpus.members_of(node):
            if m.role in LEADERSHIP_ROLES:
                continue
            found.extend(c for c in _changes(corpus, m, via) if _in_window(c.when, low, high))
            if expand and m.status not in (Status.DENIED, Status.DECLINED):
                visit(m.member, (*via, node))

    visit(council, ())
    return tuple(sorted(found, key=lambda c: ((0, c.when.sort_key) if c.when is not None else (1, ()), c.via,
                                              c.member, c.kind)))  # fmt: skip


def _series(corpus: Corpus, declarations: str | Iterable[str] | None) -> list[Declaration]:
    if declarations is None:
        return list(corpus.declarations)
    if isinstance(declarations, str):
        chosen = [d for d in corpus.declarations if declarations in d.series]
        if not chosen:
            known = tuple(sorted({s for d in corpus.declarations for s in d.series}))
            raise NotFound(declarations, "series", known)
        return chosen
    return sorted((corpus.declaration(d) for d in declarations), key=lambda d: (d.date.sort_key, d.id))


def series_changes(corpus: Corpus, declarations: str | Iterable[str] | None = None, *, expand: bool = False,
                   disputed: Disputed = "in", scope: ScopeLike = None, roles: RolesLike = None,
                   level: Level = "organisations") -> tuple[Step, ...]:  # fmt: skip
    """Joined, left and stayed from each declaration of a series to the next, in date order, at ``level``.

    ``declarations`` is a series name (``"doha"``), ids or titles of declarations (put in date order), or None for
    every declaration of the corpus. Who counts as for the metrics: ``scope`` (default: the corpus's default),
    the tiers each declaration counts (``roles``), representatives as their organisation; ``expand`` for councils
    standing for their members; ``disputed="out"`` to leave disputed claims out. A step across an unknown list is
    not comparable: nobody joins, leaves or stays across it.

    >>> from coalitions import Citation, Corpus, DateClaim, Declaration, Organisation, Signature, When
    >>> src = (Citation("s"),)
    >>> orgs = [Organisation(i, i.upper(), "party", src) for i in "abcd"]
    >>> def decl(i, date, *signers):
    ...     return Declaration(i, i, "statement", (DateClaim(When.of(date)),), src, series=("x",),
    ...                        signatures=tuple(Signature(src, s) for s in signers))
    >>> corpus = Corpus(orgs, declarations=[decl("d1", "2022", "a", "b"), decl("d2", "2023", "b", "c", "d")])
    >>> step, = series_changes(corpus, "x")
    >>> sorted(step.joined), sorted(step.left), sorted(step.stayed), step.churn
    (['c', 'd'], ['a'], ['b'], 0.75)
    """
    chosen = _series(corpus, declarations)
    scope_ = choose_scope(corpus, scope)
    reading = Reading.of(disputed)
    found = [participants(corpus, d, reading, scope_, level=level, roles=roles, expand=expand) for d in chosen]
    steps = []
    for (a, before), (b, after) in zip(zip(chosen, found), zip(chosen[1:], found[1:])):
        lists = (before.status, after.status)
        if ListStatus.UNKNOWN in lists:
            steps.append(Step(a.id, b.id, frozenset(), frozenset(), frozenset(), math.nan, False, False, lists))
            continue
        union = before.parts | after.parts
        joined, left = after.parts - before.parts, before.parts - after.parts
        churn = (len(joined) + len(left)) / len(union) if union else math.nan
        exact = ListStatus.PARTIAL not in lists
        steps.append(Step(a.id, b.id, joined, left, before.parts & after.parts, churn, True, exact, lists))
    return tuple(steps)
