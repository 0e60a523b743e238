"""The domain model: organisations, people, memberships, declarations, signatures and sources.

Every class is an immutable attrs class; collections are tuples. The words follow Popolo where it has one
(Organization, Person, Membership with start and end). The model knows nothing of files: the loader builds it,
the analysis reads it, and tests build it directly.
"""

from __future__ import annotations

import enum

import attrs

from .dates import When
from .vocabulary import term

__all__ = [
    "Citation",
    "Confidence",
    "Count",
    "DateClaim",
    "Declaration",
    "DeclarationKind",
    "ListStatus",
    "Membership",
    "Name",
    "NameKind",
    "Organisation",
    "OrganisationKind",
    "Person",
    "PrintedMember",
    "Relation",
    "RelationKind",
    "Signature",
    "SignatureRole",
    "Source",
    "Status",
]


class Confidence(enum.StrEnum):
    """How far a source is trusted for a claim: high, medium or low (the fact sheet's H/M/L)."""

    HIGH = "H"
    MEDIUM = "M"
    LOW = "L"


class Status(enum.StrEnum):
    """What the sources say of a claim (a membership, a signature, a printed member).

    ``asserted``: a source says so and none contradicts it. ``disputed``: sources disagree; both sides are kept.
    ``denied``: the party concerned denied it. ``withdrawn``: it held, then was withdrawn. ``declined``: an
    invitation or a claim that was refused (a party declining to join). ``unclear``: the source itself is
    ambiguous (where a name belongs in a printed list).
    """

    ASSERTED = "asserted"
    DISPUTED = "disputed"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"
    UNCLEAR = "unclear"


class OrganisationKind(enum.StrEnum):
    """What kind of body an organisation is: the built-in kinds (a corpus may add its own in ``corpus.yaml``)."""

    PARTY = "party"
    MOVEMENT = "movement"
    COUNCIL = "council"
    FRONT = "front"
    ASSEMBLY = "assembly"
    INSTITUTE = "institute"
    COALITION = "coalition"
    FACTION = "faction"
    COMMISSION = "commission"
    DELEGATION = "delegation"
    NETWORK = "network"
    FORUM = "forum"
    ORGANISATION = "organisation"


class NameKind(enum.StrEnum):
    """Why a name is an alias: another form, a translation, a transliteration, a former name, or a source's typo."""

    ALIAS = "alias"
    TRANSLATION = "translation"
    TRANSLITERATION = "transliteration"
    FORMER = "former"
    MISSPELLING = "misspelling"


class RelationKind(enum.StrEnum):
    """How two organisations relate beyond membership."""

    SUCCESSOR_OF = "successor-of"
    SAME_AS = "same-as"
    SPLIT_FROM = "split-from"
    RENAMED_FROM = "renamed-from"


class DeclarationKind(enum.StrEnum):
    """What kind of document or event a declaration is: the built-in kinds (a corpus may add its own)."""

    JOINT_DECLARATION = "joint-declaration"
    OPEN_LETTER = "open-letter"
    STATEMENT = "statement"
    FOUNDING_CHARTER = "founding-charter"
    CONFERENCE = "conference"
    MEETING = "meeting"
    ANNOUNCEMENT = "announcement"
    PRESS_CONFERENCE = "press-conference"
    SPEECH = "speech"


class SignatureRole(enum.StrEnum):
    """The part a signer played in a declaration or an event: the built-in roles, each in a tier
    (:class:`~coalitions.model.vocabulary.Tier`); a corpus may add its own."""

    SIGNATORY = "signatory"
    ENDORSER = "endorser"
    REPRESENTATIVE = "representative"
    ORGANISER = "organiser"
    HOST = "host"
    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    SPECIAL_GUEST = "special-guest"
    WITNESS = "witness"
    CHAIR = "chair"
    INVITED = "invited"
    PROPOSER = "proposer"


class ListStatus(enum.StrEnum):
    """How much of who signed or took part a declaration's list gives: all of them (``complete``), some of them
    (``partial``: what it lists are lower bounds), or nobody knows (``unknown``: not an empty list)."""

    COMPLETE = "complete"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


@attrs.frozen
class Citation:
    """A claim's source: the id of a :class:`Source`, a short verbatim quote, and the confidence of this claim."""

    source: str
    quote: str | None = None
    confidence: Confidence | None = None
    note: str | None = None


@attrs.frozen
class Source:
    """A document or page that claims come from.

    ``file`` is the source's text: ``texts/NAME`` in the corpus's own ``texts/`` folder, or a path in the shared
    material (``sources/...``, ``research/facts.md``); quotes citing this source are checked against it
    (docs/format.md, "Citations"). ``url`` is where the document is published.
    """

    id: str
    title: str
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    file: str | None = None
    date: When | None = None
    confidence: Confidence | None = None
    language: str | None = None
    notes: str | None = None


@attrs.frozen
class DateClaim:
    """A date as one set of sources gives it. Several claims for one event mean the sources disagree.

    ``sources`` empty means the record's own sources support the date. ``by`` names who did it (founders,
    a proposer), as ids of people or organisations.
    """

    date: When
    sources: tuple[Citation, ...] = ()
    note: str | None = None
    by: tuple[str, ...] = ()


@attrs.frozen
class Name:
    """Another name of an organisation or person, with its language (``fa``, ``ps``, ``en``) and why it exists."""

    text: str
    lang: str | None = None
    kind: NameKind = NameKind.ALIAS
    note: str | None = None


@attrs.frozen
class Relation:
    """A claim that this organisation is the successor of, the same as, or split from another one."""

    kind: RelationKind
    organisation: str
    status: Status = Status.ASSERTED
    sources: tuple[Citation, ...] = ()
    note: str | None = None
    date: When | None = attrs.field(default=None, metadata={"after": "organisation"})


@attrs.frozen
class Organisation:
    """A party, movement, council, front, assembly or other body. Councils are organisations with members."""

    id: str
    name: str
    kind: str = attrs.field(converter=term(OrganisationKind), metadata={"vocabulary": "organisation_kinds"})
    sources: tuple[Citation, ...] = attrs.field()
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[Name, ...] = ()
    founded: tuple[DateClaim, ...] = ()
    dissolved: tuple[DateClaim, ...] = ()
    proposed: tuple[DateClaim, ...] = ()
    parent: str | None = None
    relations: tuple[Relation, ...] = ()
    headquarters: str | None = None
    notes: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by: the canonical name, abbreviations and aliases."""
        return (self.name, *self.abbreviations, *(a.text for a in self.aliases))

    @property
    def is_proposed_only(self) -> bool:
        """Proposed but, as far as the sources say, never founded."""
        return bool(self.proposed) and not self.founded


@attrs.frozen
class Person:
    """A leader, founder, speaker or other person. Their roles are memberships."""

    id: str
    name: str
    sources: tuple[Citation, ...]
    aliases: tuple[Name, ...] = ()
    notes: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *(a.text for a in self.aliases))


@attrs.frozen
class Membership:
    """``member`` (an organisation or a person) belongs to ``organisation`` from ``start`` until ``end``.

    A council in an assembly, a party in a council, a leader of a party. ``start`` is the first day as a member;
    ``end`` is the day the membership ended, on which the member is no longer one (a party expelled by a statement
    of 5 March is not a member on 5 March). No ``start``: since a date the sources do not give; no ``end``: no known
    end. ``status_date`` is the day a ``denied``, ``declined`` or ``withdrawn`` status took effect (a withdrawal
    ends the membership that day). ``on_behalf_of`` names whom a member represents. ``contradicted_by`` lists the
    sources against the claim (with ``status`` disputed).
    """

    organisation: str
    member: str
    sources: tuple[Citation, ...]
    role: str = "member"
    start: When | None = None
    end: When | None = None
    status: Status = Status.ASSERTED
    on_behalf_of: str | None = None
    contradicted_by: tuple[Citation, ...] = ()
    note: str | None = None
    status_date: When | None = attrs.field(default=None, metadata={"after": "status"})


@attrs.frozen
class PrintedMember:
    """One member of a council as a declaration printed it: a dated snapshot of the council's composition."""

    as_printed: str
    member: str | None = None
    status: Status = Status.ASSERTED
    heading: str | None = None
    note: str | None = None


@attrs.frozen
class Signature:
    """Who signed (or organised, attended, spoke at) a declaration, exactly as printed.

    ``signer`` is the id of an organisation or person, or None where the printed name cannot be identified (an
    individual of an open letter without a person record: ``as_printed`` with their ``title`` and ``affiliation``
    as printed). ``role`` is a word of the corpus's vocabulary, in a tier (signed, took part, hosted, invited).
    ``on_behalf_of`` names the organisation (or person) the signer signed or attended for: organisation-level
    analyses count that organisation, once. ``status_date`` is the day a ``denied`` or ``withdrawn`` status took
    effect. ``printed_members`` is, for a council, the member list the declaration printed under its name.
    """

    sources: tuple[Citation, ...]
    signer: str | None = None
    as_printed: str | None = None
    role: str = attrs.field(default=SignatureRole.SIGNATORY, converter=term(SignatureRole),
                            metadata={"vocabulary": "signature_roles"})  # fmt: skip
    status: Status = Status.ASSERTED
    on_behalf_of: str | None = None
    printed_members: tuple[PrintedMember, ...] = ()
    contradicted_by: tuple[Citation, ...] = ()
    note: str | None = None
    title: str | None = attrs.field(default=None, metadata={"after": "as_printed"})
    affiliation: str | None = attrs.field(default=None, metadata={"after": "title"})
    status_date: When | None = attrs.field(default=None, metadata={"after": "status"})

    @property
    def label(self) -> str:
        """The name to show: as printed, else the signer's id."""
        return self.as_printed or self.signer or "?"


@attrs.frozen
class Count:
    """Signatories only counted, not named: "35 organisations and 170 individuals" is two counts."""

    number: int
    of: str
    sources: tuple[Citation, ...]
    approximate: bool = False
    as_printed: str | None = None


@attrs.frozen
class Declaration:
    """A joint declaration, open letter, statement, founding charter or conference, with its signatures.

    ``dates`` holds one claim, or several where the sources disagree; ``date`` is the first. ``series`` names
    the lineages it belongs to (``doha``, ``vienna-process``), for change-over-time analysis. ``listed`` says how
    much of who signed or took part the signatures give (:class:`ListStatus`); when not given: ``unknown`` if
    nobody is listed, else ``complete`` for a document and ``partial`` for an event (docs/metrics.md, "Who counts").
    """

    id: str
    title: str
    kind: str = attrs.field(converter=term(DeclarationKind), metadata={"vocabulary": "declaration_kinds"})
    dates: tuple[DateClaim, ...] = attrs.field()
    sources: tuple[Citation, ...] = attrs.field()
    other_titles: tuple[Name, ...] = ()
    place: str | None = None
    occasion: str | None = None
    theme: str | None = None
    language: str | None = None
    series: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    counts: tuple[Count, ...] = ()
    notes: str | None = None
    listed: ListStatus | None = attrs.field(default=None, metadata={"after": "series"})

    @property
    def date(self) -> When:
        """The first date claim's date (see ``dates`` for disagreeing sources)."""
        return self.dates[0].date

    @property
    def date_disputed(self) -> bool:
        """Sources give more than one date."""
        return len({c.date for c in self.dates}) > 1
