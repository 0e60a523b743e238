"""Everything a record has done, in date order: founded, proposed, joined, left, signed, denied, ..."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..model import (
    Citation,
    Corpus,
    Declaration,
    Membership,
    Organisation,
    Person,
    Signature,
    SignatureRole,
    Status,
    When,
)

__all__ = ["Event", "timeline"]

#: The kind of event a signature is, by its role (a signatory or endorser ``signed``).
_ROLE_KIND = {
    SignatureRole.SIGNATORY: "signed",
    SignatureRole.ENDORSER: "signed",
    SignatureRole.REPRESENTATIVE: "represented",
    SignatureRole.ORGANISER: "organised",
    SignatureRole.HOST: "hosted",
    SignatureRole.PARTICIPANT: "participated",
    SignatureRole.SPEAKER: "spoke",
    SignatureRole.SPECIAL_GUEST: "participated",
    SignatureRole.WITNESS: "witnessed",
    SignatureRole.CHAIR: "chaired",
    SignatureRole.INVITED: "invited",
    SignatureRole.PROPOSER: "proposed",
}
_TIER_KIND = {"signed": "signed", "took-part": "participated", "hosted": "hosted", "invited": "invited"}


def _role_kind(corpus: Corpus, role: str) -> str:
    """The event a signature of ``role`` is: the built-in role's, else its tier's (a corpus's own role)."""
    found = _ROLE_KIND.get(role)  # type: ignore[call-overload]
    return found if found is not None else _TIER_KIND[corpus.vocabulary.tier(role).value]


#: A claim that is not plainly asserted becomes an event of its status' kind.
_STATUS_KIND = {Status.DISPUTED: "disputed", Status.UNCLEAR: "disputed", Status.DENIED: "denied",
                Status.DECLINED: "declined", Status.WITHDRAWN: "withdrew"}  # fmt: skip


@attrs.frozen
class Event:
    """Something a record did (or is claimed to have done) on a date.

    ``kind`` is one of ``founded``, ``proposed``, ``dissolved``, ``joined``, ``left``, ``withdrew``, ``denied``,
    ``declined``, ``disputed``, ``signed``, ``organised``, ``hosted``, ``participated``, ``spoke``, ``witnessed``,
    ``chaired``, ``invited``, ``listed`` (printed among a council's members in a declaration), ``admitted`` and
    ``lost`` (a council gaining or losing a member). ``subject`` did it, to or in ``object``; ``status`` is the
    status of the claim behind it. ``when`` is None for a membership the sources give no date for: such events
    come after the dated ones, since they cannot be placed in time (their label says "undated").
    """

    when: When | None
    kind: str
    subject: str
    object: str | None
    label: str
    status: Status
    sources: tuple[Citation, ...]

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Date order (``When.sort_key``, undated last), then kind, then the object."""
        when = (0, self.when.sort_key) if self.when is not None else (1, ())
        return (when, self.kind, self.object or "", self.subject)

    @property
    def date_text(self) -> str:
        """The date as written, or ``"undated"``."""
        return str(self.when) if self.when is not None else "undated"


def _lifecycle(corpus: Corpus, record: Organisation) -> Iterator[Event]:
    for kind, claims in (("proposed", record.proposed), ("founded", record.founded), ("dissolved", record.dissolved)):
        disputed = len({c.date for c in claims}) > 1
        for claim in claims:
            status = Status.DISPUTED if disputed else Status.ASSERTED
            by = f" by {', '.join(corpus.name_of(b) for b in claim.by)}" if claim.by else ""
            yield Event(claim.date, kind, record.id, None, f"{record.name} {kind}{by}", status,
                        claim.sources or record.sources)  # fmt: skip


def _membership_events(corpus: Corpus, m: Membership, subject: str, *, as_council: bool) -> Iterator[Event]:
    member, council = corpus.name_of(m.member), corpus.name_of(m.organisation)
    other = m.member if as_council else m.organisation
    role = "" if m.role == "member" else f" as {m.role}"
    if m.status in (Status.ASSERTED, Status.WITHDRAWN):
        start_kind, end_kind = ("admitted", "lost") if as_council else ("joined", "left")
        if m.status is Status.WITHDRAWN and not as_council:
            end_kind = "withdrew"
    else:
        start_kind = end_kind = _STATUS_KIND[m.status]
    sources = (*m.sources, *m.contradicted_by)
    end = m.status_date if m.status is Status.WITHDRAWN and m.status_date is not None else m.end
    start = m.start
    if start is None and m.status in (Status.DENIED, Status.DECLINED):
        start = m.status_date  # the day the denial or the refusal was made
    if start is not None or end is None:  # an undated membership is an undated event, not no event
        yield Event(start, start_kind, subject, other, f"{member} {start_kind} {council}{role}"
                    if not as_council else f"{council} {start_kind} {member}{role}", m.status, sources)  # fmt: skip
    if end is not None and m.status in (Status.ASSERTED, Status.WITHDRAWN):
        yield Event(end, end_kind, subject, other, f"{member} {end_kind} {council}{role}"
                    if not as_council else f"{council} {end_kind} {member}{role}", m.status, sources)  # fmt: skip


_RELATION_KIND = {"successor-of": "succeeded", "same-as": "same as", "split-from": "split from",
                  "renamed-from": "renamed from"}  # fmt: skip


def _relation_events(corpus: Corpus, record: Organisation) -> Iterator[Event]:
    """Its relations to other organisations, dated where the sources date them, and those of others to it."""
    for relation in record.relations:
        kind = _RELATION_KIND[str(relation.kind)]
        yield Event(relation.date, kind, record.id, relation.organisation,
                    f"{record.name} {kind} {corpus.name_of(relation.organisation)}", relation.status,
                    relation.sources or record.sources)  # fmt: skip
    for other in corpus.organisations:
        for relation in other.relations:
            if relation.organisation == record.id and other.id != record.id:
                kind = _RELATION_KIND[str(relation.kind)]
                yield Event(relation.date, kind, other.id, record.id,
                            f"{other.name} {kind} {record.name}", relation.status, relation.sources or other.sources)


def _for(corpus: Corpus, signature: Signature, kind: str) -> str:
    """Whom a signature was made for, as its label says it: `` represented X``, `` for X``, or nothing."""
    if signature.on_behalf_of is None:
        return ""
    return f"{'' if kind == 'represented' else ' for'} {corpus.name_of(signature.on_behalf_of)}"


def _represented_events(corpus: Corpus, declaration: Declaration, record_id: str) -> Iterator[Event]:
    """What people signed or attended for ``record_id`` at ``declaration``: one event per kind, naming them."""
    found: dict[tuple[str, Status], list[Signature]] = {}
    for signature in declaration.signatures:
        if signature.on_behalf_of == record_id and signature.signer != record_id:
            role_kind = _TIER_KIND[corpus.vocabulary.tier(signature.role).value]  # "signed", not "represented"
            found.setdefault((_STATUS_KIND.get(signature.status, role_kind), signature.status), []).append(signature)
    for (kind, status), signatures in found.items():
        by = ", ".join(dict.fromkeys(corpus.name_of(s.signer) if s.signer else s.label for s in signatures))
        sources = tuple(dict.fromkeys(c for s in signatures for c in s.sources))
        yield Event(declaration.date, kind, record_id, declaration.id,
                    f"{corpus.name_of(record_id)} {kind} (represented by {by}): {declaration.title}", status,
                    sources)  # fmt: skip


def _signature_events(corpus: Corpus, record_id: str) -> Iterator[Event]:
    for declaration in corpus.declarations:
        for signature in declaration.signatures:
            if signature.signer == record_id:
                kind = _STATUS_KIND.get(signature.status, _role_kind(corpus, signature.role))
                yield Event(declaration.date, kind, record_id, declaration.id,
                            f"{corpus.name_of(record_id)} {kind}{_for(corpus, signature, kind)}: "
                            f"{declaration.title}", signature.status, signature.sources)  # fmt: skip
            for printed in signature.printed_members:
                if printed.member == record_id:
                    yield Event(declaration.date, "listed", record_id, declaration.id,
                                f"{corpus.name_of(record_id)} listed under {signature.label}: {declaration.title}",
                                printed.status, signature.sources)  # fmt: skip
        yield from _represented_events(corpus, declaration, record_id)


def _declaration_events(corpus: Corpus, declaration: Declaration) -> Iterator[Event]:
    for signature in declaration.signatures:
        subject = signature.signer or signature.label
        kind = _STATUS_KIND.get(signature.status, _role_kind(corpus, signature.role))
        yield Event(declaration.date, kind, subject, declaration.id,
                    f"{corpus.name_of(subject)} {kind}{_for(corpus, signature, kind)}: {declaration.title}",
                    signature.status, signature.sources)  # fmt: skip


def timeline(corpus: Corpus, record_id: str) -> tuple[Event, ...]:
    """Everything the organisation or person ``record_id`` did, in date order (``When.sort_key``).

    Its founding, proposal and dissolution (each disputed date claim separately), the councils it joined and left
    (or is disputed, denied, declined or withdrew from), for a council the members it admitted and lost, every
    declaration it signed, organised, attended or was listed in, and every one that people signed or attended for
    it (``on_behalf_of``: one event, its label naming them). A representative's own event names whom they
    represented. For a declaration, one event per signature.
    A membership with neither start nor end gives one event with ``when`` None, after the dated ones.

    >>> from coalitions import Citation, Corpus, Membership, Organisation, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(organisations=[Organisation("p", "Party", "party", src),
    ...                                Organisation("c", "C", "council", src)],
    ...                 memberships=[Membership("c", "p", src, start=When.of("2022"), end=When.of("2023-05"))])
    >>> [(e.date_text, e.kind, e.object) for e in timeline(corpus, "p")]
    [('2022', 'joined', 'c'), ('2023-05', 'left', 'c')]
    """
    if record_id not in corpus and not (corpus.members_of(record_id) or corpus.memberships_of(record_id)
                                        or corpus.signatures_of(record_id)):  # fmt: skip
        record_id = corpus.resolve(record_id)  # any name or alias; NotFound with suggestions
    known = record_id in corpus
    record = corpus.get(record_id) if known else None  # an id only memberships or signatures mention is allowed
    events: list[Event] = []
    if isinstance(record, Declaration):
        events.extend(_declaration_events(corpus, record))
    elif record is None or isinstance(record, (Organisation, Person)):
        if isinstance(record, Organisation):
            events.extend(_lifecycle(corpus, record))
            events.extend(_relation_events(corpus, record))
        record_id = record.id if record is not None else record_id
        for m in corpus.memberships_of(record_id):
            events.extend(_membership_events(corpus, m, record_id, as_council=False))
        for m in corpus.members_of(record_id):
            events.extend(_membership_events(corpus, m, record_id, as_council=True))
        events.extend(_signature_events(corpus, record_id))
    return tuple(sorted(events, key=lambda e: e.sort_key))
