"""The uncertain claims of a corpus, named for a reader, and counted under one definition.

An **uncertain claim** is a claim the sources leave open: a signature, a printed member or a membership whose
status is ``disputed`` or ``unclear``; a membership whose dates leave it open on a date asked (``possible``); the
undated memberships of a council resting on the same sources (one claim: the list they give held then, or not);
a scope entry whose dates leave it open. Every count of uncertain claims (the report's summary, a metric's
``claims``) counts these, each once (:func:`~.times.claim_identity`), so the numbers agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Corpus, Declaration, Status
from .readings import ClaimKey, status_state
from .times import claim_identity, membership_key, undated_key

__all__ = ["corpus_claims", "describe_claim", "signature_claims"]


def _name(corpus: Corpus, record_id: str) -> str:
    return corpus.name_of(record_id)


def describe_claim(corpus: Corpus, key: ClaimKey) -> str:
    """A claim, as a reader would say it.

    >>> from coalitions import load
    >>> describe_claim(load(), ("signature", "joint-declaration-doha-2024-02-15", "5"))
    'National Resistance Front (NRF) signed the joint declaration of 2024-02-15 (disputed)'
    """
    kind = key[0] if key else ""
    if kind in ("signature", "printed") and key[1] in corpus:
        declaration = corpus.declaration(key[1])
        signature = declaration.signatures[int(key[2])]
        label = signature.as_printed or (_name(corpus, signature.signer) if signature.signer else "?")
        what = _what(str(declaration.kind), str(declaration.date))
        if kind == "signature":
            verb = "signed" if corpus.vocabulary.tier(signature.role).value == "signed" else f"was {signature.role} at"
            return f"{label} {verb} {what} ({signature.status})"
        printed = signature.printed_members[int(key[3])]
        return f"{printed.as_printed} printed among the members of {label} in {what} ({printed.status})"
    if kind == "membership":
        _, org, member, role, _start, _end = key[:6]
        found = next((m for m in corpus.members_of(org) if membership_key(m) == key[:6]), None)
        status = f" ({found.status})" if found is not None and found.status is not Status.ASSERTED else ""
        when = f" on {key[7]} (its dates leave it open)" if len(key) > 7 and key[6] == "at" else ""
        return f"{_name(corpus, member)} a {role} of {_name(corpus, org)}{status}{when}"
    if kind == "undated":
        return (f"the undated members of {_name(corpus, key[1])} (per {', '.join(key[2:])}) at the date asked: the "
                "sources do not say when they held")  # fmt: skip
    if kind == "scope":
        return f"{_name(corpus, key[2])} in the scope {key[1]!r} on {key[4]} (an entry's dates leave it open)"
    return " ".join(key)


def _what(kind: str, date: str) -> str:
    article = "an" if kind[:1] in "aeiou" else "the"
    return f"{article} {kind.replace('-', ' ')} of {date}"


def signature_claims(declaration: Declaration) -> frozenset[ClaimKey]:
    """The uncertain claims of one declaration: its disputed and unclear signatures and printed members."""
    found: set[ClaimKey] = set()
    for i, signature in enumerate(declaration.signatures):
        if status_state(signature.status, signature=True) == "uncertain":
            found.add(("signature", declaration.id, str(i)))
        for j, printed in enumerate(signature.printed_members):
            if printed.member is not None and status_state(printed.status, signature=True) == "uncertain":
                found.add(("printed", declaration.id, str(i), str(j)))
    return frozenset(found)


def corpus_claims(corpus: Corpus, declarations: Iterable[str] | None = None) -> frozenset[ClaimKey]:
    """The uncertain claims of ``corpus`` (of ``declarations`` only, and the memberships, when given) that do not
    depend on a date: disputed and unclear signatures, printed members and memberships, and the groups of undated
    memberships (a ``possible`` membership's claim exists only at the dates asked)."""
    found: set[ClaimKey] = set()
    wanted = set(declarations) if declarations is not None else None
    for declaration in corpus.declarations:
        if wanted is None or declaration.id in wanted:
            found |= signature_claims(declaration)
    for m in corpus.memberships:
        state = status_state(m.status)
        if state == "uncertain":
            found.add(membership_key(m))
        if state != "out" and m.start is None:
            found.add(undated_key(m))
    return frozenset(claim_identity(k) for k in found)
