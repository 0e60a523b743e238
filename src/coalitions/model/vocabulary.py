"""The words a corpus codes with: organisation kinds, signature roles and declaration kinds, and what they mean
to the analysis.

Every signature role belongs to one :class:`Tier`: *signed* (signatory, endorser, representative), *took part*
(participant, speaker, special guest, chair, witness, proposer), *hosted* (organiser, host) or *invited*. A
declaration kind says which tiers a record of that kind counts by default: a document (joint declaration, open
letter, statement, ...) counts who **signed** it; an event (conference, meeting, ...) counts who signed or **took
part**. Hosts and the invited are never counted unless asked (``roles=`` of the analysis functions). Every
organisation kind says whether the default scope of a corpus includes organisations of that kind (the institutes
and forums that host, and foreign delegations, are left out).

The built-in vocabulary (:data:`BUILTIN`) is the bundled corpus's; a corpus adds its own words in ``corpus.yaml``
(``vocabulary:``), so that a researcher of another field never has to miscode a "parliamentary group" or a
"co-chair".
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

__all__ = [
    "BUILTIN",
    "DeclarationKindTerm",
    "KindTerm",
    "RoleTerm",
    "Tier",
    "Vocabulary",
    "Word",
    "term",
]


class Tier(enum.StrEnum):
    """What part a role is: signing, taking part, hosting, or being invited."""

    SIGNED = "signed"
    TOOK_PART = "took-part"
    HOSTED = "hosted"
    INVITED = "invited"


@attrs.frozen
class KindTerm:
    """An organisation kind, and whether the default scope includes organisations of that kind."""

    kind: str
    in_scope: bool = True
    description: str | None = None


@attrs.frozen
class RoleTerm:
    """A signature role and its tier."""

    role: str
    tier: Tier
    description: str | None = None


@attrs.frozen
class DeclarationKindTerm:
    """A declaration kind, and the tier it counts by default: ``signed`` for a document, ``took-part`` for an
    event (which counts who signed or took part)."""

    kind: str
    counts: Tier = Tier.SIGNED
    description: str | None = None


def _by_key(items: Iterable[Any], key: str) -> dict[str, Any]:
    return {getattr(item, key): item for item in items}


@attrs.frozen
class Vocabulary:
    """The organisation kinds, signature roles and declaration kinds of a corpus (the built-in ones and its own)."""

    organisation_kinds: tuple[KindTerm, ...] = ()
    signature_roles: tuple[RoleTerm, ...] = ()
    declaration_kinds: tuple[DeclarationKindTerm, ...] = ()

    def extended(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with the terms of ``other`` added (a term of ``other`` replaces one of the same name)."""
        return Vocabulary(
            tuple({**_by_key(self.organisation_kinds, "kind"), **_by_key(other.organisation_kinds, "kind")}.values()),
            tuple({**_by_key(self.signature_roles, "role"), **_by_key(other.signature_roles, "role")}.values()),
            tuple({**_by_key(self.declaration_kinds, "kind"), **_by_key(other.declaration_kinds, "kind")}.values()),
        )

    def words(self, field: str) -> tuple[str, ...]:
        """The known words of ``field``: ``organisation_kinds``, ``signature_roles`` or ``declaration_kinds``."""
        key = "role" if field == "signature_roles" else "kind"
        return tuple(getattr(t, key) for t in getattr(self, field))

    def tier(self, role: str) -> Tier:
        """The tier of signature role ``role`` (a role the vocabulary does not know is ``took-part``)."""
        found = _by_key(self.signature_roles, "role").get(str(role))
        return found.tier if found is not None else Tier.TOOK_PART

    def counted(self, declaration_kind: str) -> frozenset[Tier]:
        """The tiers a declaration of ``declaration_kind`` counts by default: signed, and took part for events."""
        found = _by_key(self.declaration_kinds, "kind").get(str(declaration_kind))
        counts = found.counts if found is not None else Tier.SIGNED
        return frozenset({Tier.SIGNED, Tier.TOOK_PART}) if counts is Tier.TOOK_PART else frozenset({Tier.SIGNED})

    def kind_in_scope(self, kind: str) -> bool:
        """Whether the default scope includes organisations of ``kind`` (an unknown kind: yes)."""
        found = _by_key(self.organisation_kinds, "kind").get(str(kind))
        return found.in_scope if found is not None else True


class Word(str):
    """A word of a corpus's own vocabulary in an open field (an organisation kind, a signature role, a declaration
    kind that is no built-in word): text, with ``value`` as a built-in word's enum member has, so that ``kind.value``
    and ``str(kind)`` read either."""

    __slots__ = ()

    @property
    def value(self) -> str:
        """The word, as plain text."""
        return str(self)


def term(enumeration: type[enum.StrEnum]) -> Callable[[Any], Any]:
    """A converter for a field whose words are open: a built-in word becomes its ``enumeration`` member, any other
    text a :class:`Word` (a word of the corpus's own vocabulary, checked by the loader).

    >>> convert = term(enum.StrEnum("Kind", {"PARTY": "party"}))
    >>> convert("party").value, convert("trade-union").value, convert("trade-union") == "trade-union"
    ('party', 'trade-union', True)
    """
    members = {m.value: m for m in enumeration}

    def convert(value: Any) -> Any:
        if not isinstance(value, str) or isinstance(value, enum.Enum):
            return value
        return members.get(value) or Word(value)

    return convert


_ORGANISATION_KINDS = (
    ("party", True, "a political party"),
    ("movement", True, "a political or social movement"),
    ("council", True, "a council of organisations or people"),
    ("front", True, "a front of organisations or fighters"),
    ("assembly", True, "an assembly of organisations or people"),
    ("institute", False, "a research institute (hosts and organisers; outside the default scope)"),
    ("coalition", True, "a coalition of organisations"),
    ("faction", True, "a faction of an organisation"),
    ("commission", True, "a commission or working group"),
    ("delegation", False, "a delegation of another state (outside the default scope)"),
    ("network", True, "a network of organisations or people"),
    ("forum", False, "a forum or foundation that hosts (outside the default scope)"),
    ("organisation", True, "any other organisation"),
)
_SIGNATURE_ROLES = (
    ("signatory", Tier.SIGNED, "signed the document"),
    ("endorser", Tier.SIGNED, "endorsed it"),
    ("representative", Tier.SIGNED, "signed or attended for someone (see on_behalf_of)"),
    ("organiser", Tier.HOSTED, "organised the event"),
    ("host", Tier.HOSTED, "hosted the event"),
    ("participant", Tier.TOOK_PART, "took part"),
    ("speaker", Tier.TOOK_PART, "spoke"),
    ("special-guest", Tier.TOOK_PART, "took part as a special guest"),
    ("witness", Tier.TOOK_PART, "witnessed it"),
    ("chair", Tier.TOOK_PART, "chaired it or a session"),
    ("invited", Tier.INVITED, "was invited (whether or not they came: see status)"),
    ("proposer", Tier.TOOK_PART, "proposed something at it"),
)
_DECLARATION_KINDS = (
    ("joint-declaration", Tier.SIGNED, "a declaration signed by several parties"),
    ("open-letter", Tier.SIGNED, "an open letter"),
    ("statement", Tier.SIGNED, "a statement"),
    ("founding-charter", Tier.SIGNED, "the founding charter of a body"),
    ("conference", Tier.TOOK_PART, "a conference"),
    ("meeting", Tier.TOOK_PART, "a meeting"),
    ("announcement", Tier.SIGNED, "an announcement"),
    ("press-conference", Tier.TOOK_PART, "a press conference"),
    ("speech", Tier.TOOK_PART, "a speech"),
)

#: The built-in vocabulary: the bundled corpus's words.
BUILTIN = Vocabulary(
    tuple(KindTerm(k, s, d) for k, s, d in _ORGANISATION_KINDS),
    tuple(RoleTerm(r, t, d) for r, t, d in _SIGNATURE_ROLES),
    tuple(DeclarationKindTerm(k, t, d) for k, t, d in _DECLARATION_KINDS),
)
