"""Change over time: a council's composition as dated changes, and who joined, left or stayed along a series."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

import attrs

from ..model import Citation, Corpus, Declaration, Membership, NotFound, Status, When
from .councils import LEADERSHIP_ROLES, CycleError
from .readings import DateLike, Disputed, Reading, as_when
from .signers import signer_set

__all__ = ["Change", "Step", "composition_changes", "series_changes"]

ChangeKind = Literal["joined", "left", "disputed", "denied", "declined", "withdrew"]
_START_KIND: dict[Status, ChangeKind] = {Status.ASSERTED: "joined", Status.WITHDRAWN: "joined",
                                         Status.DISPUTED: "disputed", Status.UNCLEAR: "disputed",
                                         Status.DENIED: "denied", Status.DECLINED: "declined"}  # fmt: skip


@attrs.frozen
class Change:
    """``member`` joined, left, withdrew from, is disputed in, denied or declined ``council`` on ``when``.

    ``via`` is the chain of councils from the one asked about down to ``council`` (empty for a direct member).
    """

    when: When
    member: str
    kind: ChangeKind
    council: str
    status: Status
    sources: tuple[Citation, ...]
    via: tuple[str, ...] = ()


@attrs.frozen
class Step:
    """From one declaration to the next: who ``joined`` (signed the later only), ``left`` (the earlier only) and
    ``stayed`` (both). ``churn`` is (|joined| + |left|) / |before ∪ after|, that is 1 − Jaccard (0 for two empty
    sets)."""

    before: str
    after: str
    joined: frozenset[str]
    left: frozenset[str]
    stayed: frozenset[str]
    churn: float


def _changes(m: Membership, via: tuple[str, ...]) -> Iterator[Change]:
    sources = (*m.sources, *m.contradicted_by)
    if m.start is not None:
        yield Change(m.start, m.member, _START_KIND[m.status], m.organisation, m.status, sources, via)
    if m.end is not None and m.status in (Status.ASSERTED, Status.WITHDRAWN):
        kind: ChangeKind = "withdrew" if m.status is Status.WITHDRAWN else "left"
        yield Change(m.end, m.member, kind, m.organisation, m.status, sources, via)


def _in_window(when: When, start: When | None, end: When | None) -> bool:
    """May ``when`` fall between ``start`` and ``end`` (both included)?"""
    return (start is None or when.latest >= start.earliest) and (end is None or when.earliest <= end.latest)


def composition_changes(corpus: Corpus, council_id: str, start: DateLike | None = None, end: DateLike | None = None,
                        *, expand: bool = False) -> tuple[Change, ...]:  # fmt: skip
    """The dated changes in the membership of ``council_id`` that may fall between ``start`` and ``end``.

    Each membership gives a change at its start (``joined``, or ``disputed``, ``denied``, ``declined`` after its
    status) and, if it held, at its end (``left``, or ``withdrew``). Undated memberships give none. With ``expand``,
    the changes inside member councils (of any depth, at any time) are included, with ``via``. Sorted by date.

    >>> from coalitions import Citation, Corpus, Membership, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(memberships=[Membership("c", "p", src, start=When.of("2021"), end=When.of("2023-04")),
    ...                              Membership("c", "q", src, start=When.of("2022-05"), status="disputed")])
    >>> [(str(c.when), c.member, c.kind) for c in composition_changes(corpus, "c", "2022", "2024")]
    [('2022-05', 'q', 'disputed'), ('2023-04', 'p', 'left')]
    """
    low = as_when(start) if start is not None else None
    high = as_when(end) if end is not None else None
    found: list[Change] = []
    done: set[str] = set()

    def visit(council: str, via: tuple[str, ...]) -> None:
        if council in via:
            raise CycleError((*via[via.index(council):], council))
        if council in done:
            return
        done.add(council)
        for m in corpus.members_of(council):
            if m.role in LEADERSHIP_ROLES:
                continue
            found.extend(c for c in _changes(m, via) if _in_window(c.when, low, high))
            if expand and m.status not in (Status.DENIED, Status.DECLINED):
                visit(m.member, (*via, council))

    visit(council_id, ())
    return tuple(sorted(found, key=lambda c: (c.when.sort_key, c.via, c.member, c.kind)))


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
                   disputed: Disputed = "in") -> tuple[Step, ...]:  # fmt: skip
    """Joined, left and stayed from each declaration of a series to the next, in date order.

    ``declarations`` is a series name (``"doha"``), ids of declarations (put in date order), or None for every
    declaration of the corpus. Signers as in :func:`~coalitions.analysis.councils.signatories` (``expand`` for councils
    standing for their members; ``disputed="out"`` to leave disputed signatures out).

    >>> from coalitions import Citation, Corpus, DateClaim, Declaration, Signature, When
    >>> src = (Citation("s"),)
    >>> def decl(i, date, *signers):
    ...     return Declaration(i, i, "statement", (DateClaim(When.of(date)),), src, series=("x",),
    ...                        signatures=tuple(Signature(src, s) for s in signers))
    >>> corpus = Corpus(declarations=[decl("d1", "2022", "a", "b"), decl("d2", "2023", "b", "c", "d")])
    >>> step, = series_changes(corpus, "x")
    >>> sorted(step.joined), sorted(step.left), sorted(step.stayed), step.churn
    (['c', 'd'], ['a'], ['b'], 0.75)
    """
    chosen = _series(corpus, declarations)
    sets = [signer_set(corpus, d.id, Reading.of(disputed), expand=expand) for d in chosen]
    steps = []
    for (a, before), (b, after) in zip(zip(chosen, sets), zip(chosen[1:], sets[1:])):
        union = before | after
        joined, left = after - before, before - after
        churn = (len(joined) + len(left)) / len(union) if union else 0.0
        steps.append(Step(a.id, b.id, joined, left, before & after, churn))
    return tuple(steps)
