"""Who a declaration counts, at a level: its roles' tiers, representation, its scope, and whether its list is known.

* **Tiers.** A declaration counts the signatures whose role is in the tiers it counts: a document (joint declaration,
  open letter, statement) who *signed* it; an event (conference, meeting) who signed or *took part*. Hosts and the
  invited never count unless ``roles=`` asks (a tier, ``"signed"``, ``"took-part"``, ``"hosted"``, ``"invited"``,
  or a role word, ``"organiser"``); the vocabulary of the corpus says which role is in which tier.
* **Representation.** A signer who signed or attended ``on_behalf_of`` an organisation (or a person) counts as that
  organisation (or person), once, however many people came for it. A person who came in their own name counts as
  themselves, even if they lead a party: the sources do not say they spoke for it.
* **Levels.** ``organisations`` (the default) counts organisations, councils expanded to their members with
  ``expand``; ``people`` counts people who came in their own name, and the individuals of an open letter who have no
  person record (a printed name with a ``title`` or an ``affiliation``, counted by that name). The two are never
  mixed.
* **Unidentified.** A printed name with no record and nothing saying it is an individual (``National Movement
  Party``, which two parties could be) is no unit at any level: the sources do not say who it is. It is not dropped
  silently either: a list that holds one is at best ``partial`` (who it identifies are lower bounds).
* **Scope.** Only what is in the scope on the declaration's date counts (:mod:`.scoping`).
* **Unknown is not nobody.** A declaration's list at a level is ``complete``, ``partial`` (what it lists are lower
  bounds) or ``unknown``: a list that names nobody at the level is unknown (unless ``listed: complete`` says there
  was nobody); otherwise ``listed`` in the data says which, and without it a document's list is complete and an
  event's partial; an unidentified name makes a complete list partial.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs

from ..model import Corpus, Declaration, ListStatus, Scope, Signature, Tier, normalise_name
from .readings import Reading, status_state
from .scoping import in_scope

__all__ = ["Level", "Listing", "RolesLike", "counted_roles", "individual", "is_individual", "list_status",
           "listed_units", "signature_units", "unidentified", "unit_of"]  # fmt: skip

Level = Literal["organisations", "people"]
#: What a ``roles=`` argument takes: None (the declaration's own tiers), or tiers and role words.
RolesLike = str | Iterable[str] | None

_TIERS = frozenset(t.value for t in Tier)
_INDIVIDUAL = "~"


def individual(as_printed: str) -> str:
    """The id an individual without a person record counts under: their printed name, normalised, after ``~``."""
    return _INDIVIDUAL + normalise_name(as_printed)


def is_individual(unit: str) -> bool:
    """``unit`` is an individual without a person record (see :func:`individual`)."""
    return unit.startswith(_INDIVIDUAL)


def roles_key(roles: RolesLike) -> str | tuple[str, ...] | None:
    """``roles`` as a key of the answers kept for them: the same roles, in any order or container, one key."""
    return roles if roles is None or isinstance(roles, str) else tuple(sorted(set(roles)))


def counted_roles(corpus: Corpus, declaration: Declaration, roles: RolesLike = None) -> frozenset[str]:
    """The signature roles ``declaration`` counts: those of its tiers (or of ``roles``: tiers or role words)."""
    memo: dict[tuple[str, Any], frozenset[str]] = corpus.derived("counted-roles", lambda _: {})
    key = (str(declaration.kind), roles_key(roles))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _counted_roles(corpus, declaration, roles)
    return found


def _counted_roles(corpus: Corpus, declaration: Declaration, roles: RolesLike) -> frozenset[str]:
    vocabulary = corpus.vocabulary
    if roles is None:
        tiers = {t.value for t in vocabulary.counted(declaration.kind)}
        words: set[str] = set()
    else:
        asked = {roles} if isinstance(roles, str) else set(roles)
        tiers = {r for r in asked if r in _TIERS}
        words = asked - tiers
    return frozenset(w for w in vocabulary.words("signature_roles") if vocabulary.tier(w).value in tiers) | words


def _level_of(corpus: Corpus, unit: str) -> Level:
    """People (and individuals without a record) count at the people level; anything else (organisations, and ids
    a corpus built in memory has no record for) at the organisations level."""
    return "people" if is_individual(unit) or corpus.is_person(unit) else "organisations"


def unit_of(signature: Signature) -> str | None:
    """Whom ``signature`` counts as: the represented, else the signer, else an individual's printed name (a name
    with a ``title`` or an ``affiliation``); None for a name nobody identified."""
    if signature.on_behalf_of is not None:
        return signature.on_behalf_of
    if signature.signer is not None:
        return signature.signer
    if signature.as_printed is not None and (signature.title or signature.affiliation):
        return individual(signature.as_printed)  # an individual without a person record: never dropped
    return None


def unidentified(declaration: Declaration, roles: frozenset[str]) -> tuple[int, ...]:
    """Indices of the signatures in ``roles`` that count as nobody identified (:func:`unit_of` is None), unless
    denied or withdrawn."""
    return tuple(i for i, s in enumerate(declaration.signatures)
                 if str(s.role) in roles and unit_of(s) is None and status_state(s.status, signature=True) != "out")


def signature_units(corpus: Corpus, declaration: Declaration, reading: Reading, roles: frozenset[str],
                    level: Level) -> Iterator[tuple[int, Signature, str]]:  # fmt: skip
    """``(index, signature, unit)`` of every signature counted at ``level`` under ``reading``: in the roles, not
    denied or withdrawn (a disputed one is the claim ``("signature", declaration, index)``), the unit being whom it
    counts as (:func:`unit_of`; a name nobody identified counts as nobody, see :func:`unidentified`)."""
    for i, signature in enumerate(declaration.signatures):
        if str(signature.role) not in roles:
            continue
        unit = unit_of(signature)
        if unit is None or _level_of(corpus, unit) != level:
            continue
        state = status_state(signature.status, signature=True)
        if state == "out" or (state == "uncertain" and not reading.holds(("signature", declaration.id, str(i)))):
            continue
        yield i, signature, unit


def list_status(corpus: Corpus, declaration: Declaration, roles: frozenset[str], level: Level) -> ListStatus:
    """How much of who counts at ``level`` the declaration lists (see the module's docstring); worked out once per
    declaration, roles and level (no reading changes it)."""
    memo: dict[tuple[int, frozenset[str], str], tuple[Declaration, ListStatus]] = corpus.derived("list-status",
                                                                                               lambda _: {})  # fmt: skip
    key = (id(declaration), roles, level)
    found = memo.get(key)
    if found is None or found[0] is not declaration:  # the entry holds the declaration: its id is not reused
        found = memo[key] = (declaration, _list_status(corpus, declaration, roles, level))
    return found[1]


def _list_status(corpus: Corpus, declaration: Declaration, roles: frozenset[str], level: Level) -> ListStatus:
    names_any = any(u for _, _, u in signature_units(corpus, declaration, Reading.all_in(remember=False), roles,
                                                      level))  # fmt: skip
    if not names_any and declaration.listed is not ListStatus.COMPLETE:
        return ListStatus.UNKNOWN
    if declaration.listed is not None:
        found = declaration.listed
    else:
        found = ListStatus.PARTIAL if Tier.TOOK_PART in corpus.vocabulary.counted(declaration.kind) else \
            ListStatus.COMPLETE  # fmt: skip
    if found is ListStatus.COMPLETE and unidentified(declaration, roles):
        return ListStatus.PARTIAL
    return found


@attrs.frozen
class Listing:
    """Who a declaration counts at a level under one reading, and whether its list there is known."""

    units: frozenset[str]
    status: ListStatus

    @property
    def known(self) -> bool:
        """The list is complete or partial (an unknown one says nothing of who came)."""
        return self.status is not ListStatus.UNKNOWN


def listed_units(corpus: Corpus, declaration: Declaration, units: Iterable[str], chosen: Scope | None,
                 reading: Reading) -> frozenset[str]:  # fmt: skip
    """``units`` that are in scope ``chosen`` on the declaration's date."""
    at = declaration.date
    return frozenset(u for u in units if is_individual(u) or in_scope(corpus, chosen, u, at, reading))
