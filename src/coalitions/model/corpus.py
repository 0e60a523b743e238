"""The corpus: every record of a dataset, with lookups by id and by any name.

A :class:`Corpus` is built from model objects (by the loader, or directly in tests) and never touches files.
Names are matched after :func:`normalise_name`: without case, accents, typographic quotes or extra spaces, so
``"National İslamic Movement"`` and ``"national islamic movement"`` find the same organisation.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, Union

import attrs

from .errors import NotFound, Problem
from .records import Declaration, Membership, Organisation, Person, Source
from .settings import Settings
from .vocabulary import Vocabulary

__all__ = ["Corpus", "Record", "normalise_name"]

Record = Union[Organisation, Person, Declaration, Source]
T = TypeVar("T")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@functools.lru_cache(maxsize=1 << 18)
def normalise_name(name: str) -> str:
    """The form names are compared in: NFKD without combining marks, case-folded, plain quotes, single spaces."""
    if name.isascii():  # the same result, faster: ASCII has no marks to drop and one quote to straighten
        return " ".join(name.replace("`", "'").lower().split())
    decomposed = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def _tuple(items: Iterable[object]) -> tuple[object, ...]:
    return tuple(items)


def _last_day(corpus: Corpus) -> datetime.date | None:
    days = [c.date.latest for d in corpus.declarations for c in d.dates]
    for m in corpus.memberships:
        days += [w.latest for w in (m.start, m.end, m.status_date) if w is not None]
    for o in corpus.organisations:
        days += [c.date.latest for c in (*o.founded, *o.dissolved, *o.proposed)]
        days += [r.date.latest for r in o.relations if r.date is not None]
    return max(days, default=None)


@attrs.frozen(eq=False)
class _Index:
    by_id: dict[str, Record]
    by_name: dict[str, tuple[str, ...]]
    members_of: dict[str, tuple[Membership, ...]]
    memberships_of: dict[str, tuple[Membership, ...]]
    vocabulary: Vocabulary
    last_day: datetime.date | None
    derived: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Corpus:
    """All records of one dataset. Equality compares the records, not the order of files they came from.

    ``warnings`` holds the problems that did not stop loading (a date before an organisation existed, ...).
    ``settings`` holds what ``corpus.yaml`` says: the calendars, the corpus's own vocabulary and its scopes.
    """

    organisations: tuple[Organisation, ...] = attrs.field(default=(), converter=_tuple)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=_tuple)
    declarations: tuple[Declaration, ...] = attrs.field(default=(), converter=_tuple)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)
    warnings: tuple[Problem, ...] = attrs.field(default=(), converter=_tuple, eq=False)
    settings: Settings = Settings()
    _index: _Index = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        order = {
            "organisations": lambda o: o.id,
            "people": lambda p: p.id,
            "sources": lambda s: s.id,
            "declarations": lambda d: (d.date.sort_key, d.id),
            "memberships": lambda m: (m.organisation, m.member, m.start.sort_key if m.start else (), m.role),
        }
        for name, key in order.items():
            object.__setattr__(self, name, tuple(sorted(getattr(self, name), key=key)))
        by_id: dict[str, Record] = {}
        by_name: dict[str, list[str]] = {}
        for record in (*self.organisations, *self.people, *self.declarations, *self.sources):
            by_id.setdefault(record.id, record)
        for record in (*self.organisations, *self.people):
            for name in {normalise_name(n) for n in (*record.names, record.id)}:
                by_name.setdefault(name, []).append(record.id)
        for declaration in self.declarations:
            for name in {normalise_name(n) for n in (declaration.title, *(t.text for t in declaration.other_titles))}:
                by_name.setdefault(name, []).append(declaration.id)
        members_of: dict[str, list[Membership]] = {}
        memberships_of: dict[str, list[Membership]] = {}
        for membership in self.memberships:
            members_of.setdefault(membership.organisation, []).append(membership)
            memberships_of.setdefault(membership.member, []).append(membership)
        index = _Index(
            by_id,
            {k: tuple(dict.fromkeys(v)) for k, v in by_name.items()},
            {k: tuple(v) for k, v in members_of.items()},
            {k: tuple(v) for k, v in memberships_of.items()},
            self.settings.terms,
            _last_day(self),
        )
        object.__setattr__(self, "_index", index)

    # -- lookups ------------------------------------------------------------------------------------------------

    def get(self, key: str) -> Record:
        """The record with id ``key``, or the one organisation, person or declaration with that name or alias.

        Raises :class:`~coalitions.model.errors.NotFound` (with suggestions) when none or several match.
        """
        record = self._index.by_id.get(key)
        if record is not None:
            return record
        ids = self._index.by_name.get(normalise_name(key), ())
        if len(ids) == 1:
            return self._index.by_id[ids[0]]
        if len(ids) > 1:
            raise NotFound(key, "single record (the name is ambiguous)", ids)
        raise NotFound(key, "record", self.suggest(key))

    def _typed(self, key: str, kind: type, what: str) -> Record:
        try:
            record = self.get(key)
        except NotFound as error:
            matches = tuple(i for i in error.suggestions if isinstance(self._index.by_id.get(i), kind))
            raise NotFound(key, what, matches or self.suggest(key, kind)) from None
        if not isinstance(record, kind):
            raise NotFound(key, what, self.suggest(key, kind))
        return record

    def organisation(self, key: str) -> Organisation:
        """The organisation with this id, name, abbreviation or alias."""
        return self._typed(key, Organisation, "organisation")  # type: ignore[return-value]

    def person(self, key: str) -> Person:
        """The person with this id, name or alias."""
        return self._typed(key, Person, "person")  # type: ignore[return-value]

    def declaration(self, key: str) -> Declaration:
        """The declaration with this id or title."""
        return self._typed(key, Declaration, "declaration")  # type: ignore[return-value]

    def source(self, key: str) -> Source:
        """The source with this id."""
        return self._typed(key, Source, "source")  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._index.by_id

    def name_of(self, record_id: str) -> str:
        """The display name of the record with id ``record_id`` (the id itself if unknown)."""
        record = self._index.by_id.get(record_id)
        if record is None:
            return record_id
        return record.title if isinstance(record, (Declaration, Source)) else record.name

    def suggest(self, key: str, kind: type | tuple[type, ...] | None = None, limit: int = 3) -> tuple[str, ...]:
        """Ids of records (of ``kind`` when given) whose id or name is close to ``key`` (for "did you mean")."""
        wanted = normalise_name(key)
        candidates: dict[str, str] = {}
        for name, ids in self._index.by_name.items():
            for record_id in ids:
                if kind is None or isinstance(self._index.by_id[record_id], kind):
                    candidates.setdefault(name, record_id)
        for record_id, record in self._index.by_id.items():
            if kind is None or isinstance(record, kind):
                candidates.setdefault(normalise_name(record_id), record_id)
        exact = candidates.get(wanted)
        if exact is not None:
            return (exact,)
        close = difflib.get_close_matches(wanted, list(candidates), n=limit * 3, cutoff=0.75)
        contained = [n for n in candidates if len(wanted) >= 3 and (wanted in n.split() or wanted in n)]
        return tuple(dict.fromkeys(candidates[n] for n in (*close, *contained[:limit])))[:limit]

    def resolve(self, key: str, kind: type | tuple[type, ...] | None = None) -> str:
        """The id of the record ``key`` names (its id, or any name, abbreviation or alias), of ``kind`` when given.

        Raises :class:`~coalitions.model.errors.NotFound` with suggestions for a key no record answers to. An id
        that only memberships mention (a council without a record of its own) resolves to itself.
        """
        if key in self._index.by_id:
            record = self._index.by_id[key]
            if kind is None or isinstance(record, kind):
                return key
        elif self._index.members_of.get(key) or self._index.memberships_of.get(key):
            return key
        kinds = kind if isinstance(kind, tuple) else (kind,) if kind is not None else ()
        if len(kinds) == 1:
            what = {Organisation: "organisation", Person: "person", Declaration: "declaration", Source: "source"}
            return self._typed(key, kinds[0], what.get(kinds[0], "record")).id
        what = " or ".join(k.__name__.lower() for k in kinds)
        try:
            record = self.get(key)
        except NotFound:
            if not kinds:
                raise
            raise NotFound(key, what, self.suggest(key, kinds)) from None
        if kinds and not isinstance(record, kinds):
            raise NotFound(key, what, self.suggest(key, kinds))
        return record.id

    def derived(self, key: str, build: Callable[[Corpus], T]) -> T:
        """What ``build(corpus)`` gives, worked out once per corpus (a corpus never changes): for the analysis's
        indexes of the corpus (its evidence of memberships, its spans)."""
        memo = self._index.derived
        if key not in memo:
            memo[key] = build(self)
        return memo[key]  # type: ignore[no-any-return]

    @property
    def vocabulary(self) -> Vocabulary:
        """The corpus's words: the built-in vocabulary and the one of ``corpus.yaml``."""
        return self._index.vocabulary

    @property
    def last_day(self) -> datetime.date | None:
        """The last day the corpus covers: the latest day any of its dates may stand for (None for no date).

        "Now", for a question asked without a date, is this day, never the wall clock.
        """
        return self._index.last_day

    # -- relations ----------------------------------------------------------------------------------------------

    def members_of(self, organisation_id: str) -> tuple[Membership, ...]:
        """Every membership recorded in organisation ``organisation_id``, whatever its dates and status."""
        return self._index.members_of.get(organisation_id, ())

    def memberships_of(self, member_id: str) -> tuple[Membership, ...]:
        """Every membership of ``member_id`` (an organisation or a person) in other organisations."""
        return self._index.memberships_of.get(member_id, ())

    def signatures_of(self, signer_id: str) -> tuple[tuple[Declaration, int], ...]:
        """``(declaration, index of the signature)`` for every signature by ``signer_id``, in date order."""
        return tuple(
            (declaration, i)
            for declaration in self.declarations
            for i, signature in enumerate(declaration.signatures)
            if signature.signer == signer_id
        )

    @property
    def councils(self) -> tuple[Organisation, ...]:
        """Organisations that have organisations as members (councils, fronts, assemblies, coalitions)."""
        orgs = {o.id for o in self.organisations}
        return tuple(
            o for o in self.organisations if any(m.member in orgs for m in self.members_of(o.id))
        )

    def is_organisation(self, record_id: str) -> bool:
        """``record_id`` names an organisation."""
        return isinstance(self._index.by_id.get(record_id), Organisation)

    def is_person(self, record_id: str) -> bool:
        """``record_id`` names a person."""
        return isinstance(self._index.by_id.get(record_id), Person)

    def summary(self) -> str:
        """One line: how many records of each kind (``1 organisation, 2 people, ...``)."""
        signatures = sum(len(d.signatures) for d in self.declarations)

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return (
            f"{n(len(self.organisations), 'organisation', 'organisations')}, "
            f"{n(len(self.people), 'person', 'people')}, {n(len(self.memberships), 'membership', 'memberships')}, "
            f"{n(len(self.declarations), 'declaration', 'declarations')} "
            f"({n(signatures, 'signature', 'signatures')}), {n(len(self.sources), 'source', 'sources')}"
        )
