"""What a declaration's signatures stand for: who signed, each once, as printed or with councils expanded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs

from ..model import Corpus, Membership, PrintedMember, Signature, SignatureRole, Status, When
from .councils import STATUS_RANK, Certainty, stand_for, strength, strongest, walk
from .readings import Disputed, Reading, status_state

__all__ = ["NOT_SIGNING", "SignatoryAt", "Use", "signatories", "signer_set", "signer_sets"]


Use = Literal["printed", "memberships"]


#: Signature roles that are no signature: an invitation is not an act of the invited.
NOT_SIGNING = frozenset({SignatureRole.INVITED})


@attrs.frozen
class SignatoryAt:
    """Who a declaration's signature stands for.

    ``signer`` signed (``via`` empty), or is a member of the council that signed (``via`` starts with it).
    ``basis`` says how: ``signature`` (signed in its own name), ``printed`` (the declaration printed it among a
    council's members) or ``memberships`` (a member of the signing council at the declaration's date).
    ``status`` is the weakest along the chain, ``certainty`` as for :class:`MemberAt`.
    """

    signer: str
    status: Status
    certainty: Certainty
    via: tuple[str, ...]
    signature: Signature
    basis: Literal["signature", "printed", "memberships"]
    printed: PrintedMember | None = None
    memberships: tuple[Membership, ...] = ()


def signatures_counted(declaration_id: str, signatures: tuple[Signature, ...],
                       reading: Reading) -> Iterator[tuple[int, Signature]]:  # fmt: skip
    """The signatures (with their index) a reading counts: identified, not invitations, not denied or withdrawn."""
    for i, signature in enumerate(signatures):
        if signature.signer is None or signature.role in NOT_SIGNING:
            continue
        state = status_state(signature.status, signature=True)
        if state == "out" or (state == "uncertain" and not reading.holds(("signature", declaration_id, str(i)))):
            continue
        yield i, signature


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


def signer_set(corpus: Corpus, declaration_id: str, reading: Reading, *, expand: bool = False,
               use: Use = "printed", keep_councils: bool = False) -> frozenset[str]:  # fmt: skip
    """The ids a declaration's signatures stand for under ``reading`` (the set form of :func:`signatories`)."""
    parts, kept = signer_sets(corpus, declaration_id, reading, expand=expand, use=use)
    return kept if keep_councils else parts


def signer_sets(corpus: Corpus, declaration_id: str, reading: Reading, *, expand: bool = False,
                use: Use = "printed") -> tuple[frozenset[str], frozenset[str]]:  # fmt: skip
    """:func:`signer_set` without and with ``keep_councils``, from one walk of the councils."""
    declaration = corpus.declaration(declaration_id)
    kept: set[str] = set()
    parts: set[str] = set()
    for i, signature in signatures_counted(declaration.id, declaration.signatures, reading):
        signer = signature.signer
        assert signer is not None
        printed = printed_counted(declaration.id, i, signature, reading) if expand and use == "printed" else []
        if printed:
            kept.add(signer)
            members = [p.member for p in printed if p.member is not None]
            stand_for(corpus, members, declaration.date, reading, kept, parts)
        elif expand and corpus.members_of(signer):
            stand_for(corpus, [signer], declaration.date, reading, kept, parts)
        else:  # stands for itself (the common case, made quick)
            kept.add(signer)
            parts.add(signer)
    return frozenset(parts), frozenset(kept)


def signatories(corpus: Corpus, declaration_id: str, *, expand: bool = False, use: Use = "printed",
                disputed: Disputed = "in") -> tuple[SignatoryAt, ...]:  # fmt: skip
    """The signatories of a declaration, as printed or expanded, each once.

    Without ``expand``, one entry per signature (invitations, denied and withdrawn signatures and names the
    sources could not identify left out; disputed and unclear ones kept with their status unless
    ``disputed="out"``). With ``expand``, a council that signed stands for its members at the declaration's date:
    with ``use="printed"`` (the default), for the member list the declaration itself printed under its name where
    it printed one, else for its memberships at that date; with ``use="memberships"``, always for its memberships.
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
    at = declaration.date
    found: list[SignatoryAt] = []
    for i, signature in signatures_counted(declaration.id, declaration.signatures, reading):
        assert signature.signer is not None
        own = SignatoryAt(signature.signer, signature.status, "certain", (), signature, "signature")
        if not expand:
            found.append(own)
            continue
        printed = printed_counted(declaration.id, i, signature, reading) if use == "printed" else []
        if printed:
            for p in printed:
                assert p.member is not None
                status = max(signature.status, p.status, key=lambda s: STATUS_RANK.get(s, 9))
                _add_expanded(corpus, found, SignatoryAt(p.member, status, "certain", (signature.signer,),
                                                         signature, "printed", p), at, reading)  # fmt: skip
        else:
            _add_expanded(corpus, found, own, at, reading)
    by_signer: dict[str, SignatoryAt] = {}
    for item in found:
        old = by_signer.get(item.signer)
        if old is None or strength(item) < strength(old):
            by_signer[item.signer] = item
    return tuple(by_signer.values())


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
        certainty: Certainty = "certain" if item.certainty == member.certainty == "certain" else "possible"
        found.append(SignatoryAt(member.member, status, certainty, member.via, item.signature, item.basis
                                 if item.basis == "printed" else "memberships", item.printed,
                                 member.memberships))  # fmt: skip
