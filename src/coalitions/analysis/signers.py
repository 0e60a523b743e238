"""What a declaration's signatures stand for: who counts, each once, as printed or with councils expanded.

:func:`participants` is the set form every analysis uses (overlap, co-signing, change over time, the metrics): the
units a declaration counts at a level under a reading, with its list status (:mod:`.participation`: tiers,
representation, scope, unknown lists). :func:`signatories` lists them for a reader, with who represented whom.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ..model import Corpus, Declaration, ListStatus, Membership, PrintedMember, Scope, Signature, Status, When
from .councils import STATUS_RANK, stand_for, strength, strongest, walk, weakest
from .participation import (
    Level,
    Listing,
    RolesLike,
    counted_roles,
    is_individual,
    list_status,
    listed_units,
    roles_key,
    signature_units,
)
from .readings import Disputed, Memo, Reading, status_state
from .scoping import ALL, ScopeLike, choose_scope
from .times import Certainty

__all__ = ["SignatoryAt", "Use", "participants", "signatories", "signer_set"]

Use = Literal["printed", "memberships"]


@attrs.frozen
class SignatoryAt:
    """Who a declaration's signature stands for.

    ``signer`` signed (``via`` empty), or is a member of the council that signed (``via`` starts with it).
    ``basis`` says how: ``signature`` (signed in its own name), ``printed`` (the declaration printed it among a
    council's members) or ``memberships`` (a member of the signing council at the declaration's date).
    ``status`` is the weakest along the chain, ``certainty`` as for :class:`MemberAt`. ``represented_by`` names who
    signed or attended for it (ids, or printed names of people without a record): an organisation represented by
    two people counts once. ``kind`` is ``organisation``, ``person`` or ``individual`` (a printed name without a
    person record).
    """

    signer: str
    status: Status
    certainty: Certainty
    via: tuple[str, ...]
    signature: Signature
    basis: Literal["signature", "printed", "memberships"]
    printed: PrintedMember | None = None
    memberships: tuple[Membership, ...] = ()
    represented_by: tuple[str, ...] = ()
    kind: Literal["organisation", "person", "individual"] = "organisation"


def printed_counted(declaration_id: str, index: int, signature: Signature,
                    reading: Reading) -> list[PrintedMember]:  # fmt: skip
    """The members printed under a signature that a reading counts."""
    result = []
    for j, printed in enumerate(signature.printed_members):
        if printed.member is None:
            continue
        state = status_state(printed.status, signature=True)
        if state == "uncertain":
            if not reading.holds(("printed", declaration_id, str(index), str(j))):
                continue
        elif state == "out":
            continue
        result.append(printed)
    return result


@attrs.frozen
class Participants:
    """A declaration's units at a level under one reading: ``parts`` (councils replaced by what they stand for
    when expanded), ``kept`` (with the councils too) and the list's ``status``."""

    parts: frozenset[str]
    kept: frozenset[str]
    status: ListStatus

    def listing(self, keep_councils: bool = False) -> Listing:
        """The units as a :class:`~.participation.Listing`."""
        return Listing(self.kept if keep_councils else self.parts, self.status)


def participants(corpus: Corpus, declaration: Declaration, reading: Reading, chosen: Scope | None, *,
                 level: Level = "organisations", roles: RolesLike = None, expand: bool = False,
                 use: Use = "printed") -> Participants:  # fmt: skip
    """Who ``declaration`` counts at ``level`` under ``reading``, in scope ``chosen`` (see :mod:`.participation`).

    With ``expand`` (organisations only), a council that signed stands for the members the declaration printed
    under its name (``use="printed"``, where it printed some) or for its members on the declaration's date, to any
    depth; a council with no member then stands for itself.

    Each declaration's answers are kept per corpus (a corpus never changes), one per set of the claims it asks
    about counted (:class:`~.readings.Memo`): the metrics ask the same declaration under many readings.
    """
    memos: dict[tuple[Any, ...], tuple[Declaration, Scope | None, Memo]] = corpus.derived("participants", lambda _: {})
    key = (declaration.id, chosen.id if chosen is not None else None, level, roles_key(roles), expand, use)
    found = memos.get(key)
    if found is None or found[0] is not declaration or (found[1] is not chosen and found[1] != chosen):
        # a scope is known by its id; another one of that id replaces it (so the answers kept stay bounded)
        found = memos[key] = (declaration, chosen, Memo(lambda r: _participants(
            corpus, declaration, r, chosen, level=level, roles=roles, expand=expand, use=use)))  # fmt: skip
    return found[2](reading)  # type: ignore[no-any-return]


def _participants(corpus: Corpus, declaration: Declaration, reading: Reading, chosen: Scope | None, *,
                  level: Level, roles: RolesLike, expand: bool, use: Use) -> Participants:  # fmt: skip
    words = counted_roles(corpus, declaration, roles)
    status = list_status(corpus, declaration, words, level)
    kept: set[str] = set()
    parts: set[str] = set()
    for i, signature, unit in signature_units(corpus, declaration, reading, words, level):
        printed = printed_counted(declaration.id, i, signature, reading) \
            if expand and use == "printed" and unit == signature.signer else []  # fmt: skip
        if printed:
            kept.add(unit)
            stand_for(corpus, [p.member for p in printed if p.member is not None], declaration.date, reading, kept,
                      parts)  # fmt: skip
        elif expand and level == "organisations" and corpus.members_of(unit):
            stand_for(corpus, [unit], declaration.date, reading, kept, parts)
        else:  # stands for itself (the common case, made quick)
            kept.add(unit)
            parts.add(unit)
    return Participants(listed_units(corpus, declaration, parts, chosen, reading),
                        listed_units(corpus, declaration, kept, chosen, reading), status)  # fmt: skip


def signer_set(corpus: Corpus, declaration_id: str, reading: Reading, *, expand: bool = False, use: Use = "printed",
               keep_councils: bool = False, scope: ScopeLike = ALL, level: Level = "organisations",
               roles: RolesLike = None) -> frozenset[str]:  # fmt: skip
    """The ids a declaration counts under ``reading`` (the set form of :func:`signatories`; everyone unless a
    ``scope`` is given)."""
    found = participants(corpus, corpus.declaration(declaration_id), reading, choose_scope(corpus, scope),
                         level=level, roles=roles, expand=expand, use=use)  # fmt: skip
    return found.kept if keep_councils else found.parts


def signatories(corpus: Corpus, declaration_id: str, *, expand: bool = False, use: Use = "printed",
                disputed: Disputed = "in", roles: RolesLike = None, scope: ScopeLike = ALL,
                people: bool = False) -> tuple[SignatoryAt, ...]:  # fmt: skip
    """Who a declaration counts, each once: organisations (with who represented them), then the people who came in
    their own name and the individuals printed without a person record.

    ``roles`` are the tiers or roles counted (default: the declaration's, who *signed* a document, who signed or
    *took part* in an event; hosts and the invited only when asked). Denied and withdrawn signatures and names the
    sources could not identify are left out; disputed and unclear ones kept with their status unless
    ``disputed="out"``. ``scope`` (default: everyone, as the document says) leaves out what is outside a scope.
    ``people=True`` lists the people themselves, a representative beside (not in place of) the organisation.

    With ``expand``, a council that signed stands for its members at the declaration's date: with
    ``use="printed"`` (the default), for the member list the declaration itself printed under its name where it
    printed one, else for its memberships at that date; with ``use="memberships"``, always for its memberships.
    Members that are councils are expanded further through their memberships. A council with no member stands for
    itself.

    >>> from coalitions import Citation, Corpus, Declaration, DateClaim, Membership, PrintedMember, Signature, When
    >>> src = (Citation("s"),)
    >>> nrc = Signature(src, "nrc", printed_members=(PrintedMember("Party A", "a"),))
    >>> corpus = Corpus(declarations=[Declaration("d", "D", "statement", (DateClaim(When.of("2024-02-15")),),
    ...                                           src, signatures=(nrc,))],
    ...                 memberships=[Membership("nrc", "b", src, start=When.of("2023"))])
    >>> [s.signer for s in signatories(corpus, "d", expand=True)]
    ['a']
    >>> [(s.signer, s.basis) for s in signatories(corpus, "d", expand=True, use="memberships")]
    [('b', 'memberships')]
    """
    declaration = corpus.declaration(declaration_id)
    reading = Reading.of(disputed)
    chosen = choose_scope(corpus, scope)
    words = counted_roles(corpus, declaration, roles)
    found: list[SignatoryAt] = []
    represented: dict[str, list[str]] = {}
    levels: tuple[Level, ...] = ("organisations", "people")
    for level in levels:
        for i, signature, unit in signature_units(corpus, declaration, reading, words, level):
            kind = "individual" if is_individual(unit) else "person" if level == "people" else "organisation"
            if unit != signature.signer and signature.on_behalf_of == unit:
                represented.setdefault(unit, []).append(signature.signer or signature.as_printed or "?")
            own = SignatoryAt(unit, signature.status, "certain", (), signature, "signature", kind=kind)
            if people and signature.on_behalf_of is not None and signature.signer is not None:
                found.append(attrs.evolve(own, signer=signature.signer, kind="person"))
            if not expand or level == "people":
                found.append(own)
                continue
            printed = printed_counted(declaration.id, i, signature, reading) \
                if use == "printed" and unit == signature.signer else []  # fmt: skip
            if printed:
                for p in printed:
                    assert p.member is not None
                    status = max(signature.status, p.status, key=lambda s: STATUS_RANK.get(s, 9))
                    _add_expanded(corpus, found, SignatoryAt(p.member, status, "certain", (unit,), signature,
                                                             "printed", p), declaration.date, reading)  # fmt: skip
            else:
                _add_expanded(corpus, found, own, declaration.date, reading)
    in_scope = listed_units(corpus, declaration, {item.signer for item in found}, chosen, reading)
    by_signer: dict[str, SignatoryAt] = {}
    for item in found:
        if item.signer not in in_scope:
            continue
        old = by_signer.get(item.signer)
        if old is None or strength(item) < strength(old):
            by_signer[item.signer] = item
    return tuple(attrs.evolve(item, represented_by=tuple(dict.fromkeys(represented.get(item.signer, ()))))
                 for item in by_signer.values())  # fmt: skip


def _add_expanded(corpus: Corpus, found: list[SignatoryAt], item: SignatoryAt, at: When, reading: Reading) -> None:
    # Printed members are a snapshot, not memberships: only memberships can make a cycle, so walk from the member.
    if not corpus.members_of(item.signer):  # no member: nothing to walk or ask (the common case, made quick)
        found.append(item)
        return
    raw = [attrs.evolve(m, via=(*item.via, *m.via)) for m in walk(corpus, item.signer, at, reading, (), (),
                                                                    "certain", True, require_council=True)]
    if not raw:
        found.append(item)
        return
    nested = {m.via[-1] for m in raw}
    for member in strongest(raw):
        if member.member in nested:
            continue
        status = max(item.status, member.status, key=lambda s: STATUS_RANK.get(s, 9))
        found.append(SignatoryAt(member.member, status, weakest(item.certainty, member.certainty), member.via,
                                 item.signature, item.basis if item.basis == "printed" else "memberships",
                                 item.printed, member.memberships))  # fmt: skip

