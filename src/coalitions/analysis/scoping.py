"""Who counts as part of the movement measured: the scopes a corpus defines (``corpus.yaml``), on a date.

An organisation is in a scope on a date when an entry of the scope says so for that date (``in: true``, or out with
``in: false``), and otherwise when its kind is one the scope includes (by default, the kinds the vocabulary marks
``in_scope``: the institutes, forums and delegations that host or visit are left out). A person is in unless an
entry leaves them out; people who sign or attend for an organisation count as it (:mod:`.participation`). An entry
whose dates leave it open on the date asked is an uncertain claim, decided by the reading. A corpus without scopes
counts everyone.

Analysis functions take ``scope=None`` (the corpus's default scope), the id of a scope, or ``"all"`` (everyone).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Corpus, NotFound, Organisation, Scope, ScopeEntry, When
from .readings import DateLike, Disputed, Reading, as_when
from .times import organisation_life

__all__ = ["ALL", "ScopeLike", "choose_scope", "in_scope", "kind_counts", "scope", "scope_label"]

#: The scope argument that counts everyone.
ALL = "all"
#: What a ``scope=`` argument takes: None (the default scope), a scope's id, or ``"all"``.
ScopeLike = str | None


def choose_scope(corpus: Corpus, name: ScopeLike = None) -> Scope | None:
    """The scope ``name`` picks: the corpus's default for None (None when it has none), none for ``"all"``.

    Raises :class:`~coalitions.model.errors.NotFound` with the known scopes for another name.
    """
    scopes = corpus.settings.scopes
    if name == ALL:
        return None
    if name is None:
        return next((s for s in scopes if s.default), None)
    for candidate in scopes:
        if candidate.id == name:
            return candidate
    raise NotFound(name, "scope", tuple(s.id for s in scopes) + (ALL,))


def scope_label(chosen: Scope | None) -> str:
    """How a report names the scope it counted."""
    return f"{chosen.name} (scope {chosen.id!r})" if chosen is not None else "everyone (no scope)"


def _entry_state(entry: ScopeEntry, first: int, last: int) -> str | None:
    """``certain`` when the entry applies on every day of the date, ``possible`` on some, None on none."""
    start = entry.start.earliest.toordinal() if entry.start is not None else None
    sure_start = entry.start.latest.toordinal() if entry.start is not None else None
    stop = entry.end.latest.toordinal() - 1 if entry.end is not None else None  # the end is the day it stopped
    sure_stop = entry.end.earliest.toordinal() - 1 if entry.end is not None else None
    if (start is not None and last < start) or (stop is not None and first > stop):
        return None
    if (sure_start is None or sure_start <= first) and (sure_stop is None or last <= sure_stop):
        return "certain"
    return "possible"


def kind_counts(corpus: Corpus, chosen: Scope | None, member: str) -> bool:
    """Whether ``member``'s kind puts it in ``chosen`` (a person, or a council known only from memberships: yes)."""
    if chosen is None:
        return True
    if not corpus.is_organisation(member):
        return True  # a person, or a council known only from memberships
    kind = str(corpus.organisation(member).kind)
    return kind in chosen.kinds if chosen.kinds else corpus.vocabulary.kind_in_scope(kind)


def in_scope(corpus: Corpus, chosen: Scope | None, member: str, at: When, reading: Reading) -> bool:
    """Whether ``member`` (an organisation or a person) counts in ``chosen`` on ``at`` under ``reading`` (an
    entry that only possibly applies on ``at`` is the claim ``("scope", scope, member, "at", date)``)."""
    if chosen is None:
        return True
    first, last = at.earliest.toordinal(), at.latest.toordinal()
    certain: list[bool] = []
    possible: list[bool] = []
    for entry in chosen.entries:
        if entry.member != member:
            continue
        state = _entry_state(entry, first, last)
        if state == "certain":
            certain.append(entry.included)
        elif state == "possible":
            possible.append(entry.included)
    if False in certain:
        return False
    if certain:
        return True
    fallback = kind_counts(corpus, chosen, member)
    if possible and any(p != fallback for p in possible):
        decided = not fallback  # what the entries say, when the reading counts them
        if reading.holds(("scope", chosen.id, member, "at", str(at))):
            return decided
    return fallback


def scope(corpus: Corpus, at: DateLike | None = None, name: ScopeLike = None, *,
          disputed: Disputed = "in") -> frozenset[str]:  # fmt: skip
    """The ids of the organisations in scope ``name`` (default: the corpus's default scope): on ``at`` when given
    (those that may exist then: not only proposed, not founded after it, not dissolved or renamed before it), else
    at any time. ``disputed="out"`` leaves out those an entry only possibly puts in on ``at``.

    >>> from coalitions import Citation, Corpus, Organisation, Scope, ScopeEntry, Settings
    >>> src = (Citation("s"),)
    >>> corpus = Corpus([Organisation("a", "A", "party", src), Organisation("t", "T", "movement", src),
    ...                  Organisation("i", "I", "institute", src)],
    ...                 settings=Settings(scopes=(Scope("movement", "The movement", default=True,
    ...                                                 entries=(ScopeEntry("t", src, included=False),)),)))
    >>> sorted(scope(corpus)), sorted(scope(corpus, name="all"))
    (['a'], ['a', 'i', 't'])
    """
    chosen = choose_scope(corpus, name)
    reading = Reading.of(disputed)
    if at is not None:
        when = as_when(at)
        return frozenset(o.id for o in corpus.organisations
                         if _exists(corpus, o, when) and in_scope(corpus, chosen, o.id, when, reading))  # fmt: skip
    return frozenset(o.id for o in corpus.organisations if _ever(corpus, chosen, o.id, reading))


def _exists(corpus: Corpus, org: Organisation, at: When) -> bool:
    """``org`` may exist on some day of ``at`` (:func:`~.times.organisation_life`), and is not only proposed."""
    may_from, _, _, may_to = organisation_life(corpus, org.id)
    return not org.is_proposed_only and may_from <= at.latest.toordinal() and may_to >= at.earliest.toordinal()


def _ever(corpus: Corpus, chosen: Scope | None, member: str, reading: Reading) -> bool:
    """In the scope on some day: the kind rule, or an ``in: true`` entry."""
    if chosen is None:
        return True
    entries: Iterable[ScopeEntry] = [e for e in chosen.entries if e.member == member]
    if any(e.included for e in entries):
        return True
    if any(not e.included and e.start is None and e.end is None for e in entries):
        return False
    return kind_counts(corpus, chosen, member)
