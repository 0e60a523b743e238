"""A corpus's settings (``corpus.yaml``): its name, the calendars its dates are written in, and its own words.

A new corpus reads Gregorian dates only: ``Mehr 2024`` is then refused rather than read as the Solar Hijri year
2024 (about 2645 AD). The bundled corpus turns Solar Hijri dates on, as Afghan sources write them.
"""

from __future__ import annotations

import enum

import attrs

from .scopes import Scope
from .vocabulary import BUILTIN, Vocabulary

__all__ = ["Calendar", "Settings", "Words"]


class Calendar(enum.StrEnum):
    """A calendar dates may be written in: Gregorian (ISO 8601) always; Solar Hijri when a corpus asks for it."""

    GREGORIAN = "gregorian"
    SOLAR_HIJRI = "solar-hijri"


@attrs.frozen
class Words:
    """How the report names things in the corpus's field (``councils``: bodies with member organisations)."""

    councils: str = "bodies with member organisations"


@attrs.frozen
class Settings:
    """The settings of a corpus, read from ``corpus.yaml`` (every field optional).

    ``vocabulary`` holds the corpus's own words, added to the built-in ones (:data:`~.vocabulary.BUILTIN`);
    ``scopes`` the notions of who counts (see :mod:`coalitions.model.scopes`).
    """

    name: str | None = None
    calendars: tuple[Calendar, ...] = (Calendar.GREGORIAN,)
    words: Words = Words()
    vocabulary: Vocabulary = Vocabulary()
    scopes: tuple[Scope, ...] = ()
    notes: str | None = None

    @property
    def terms(self) -> Vocabulary:
        """The whole vocabulary: the built-in words and the corpus's own."""
        return BUILTIN.extended(self.vocabulary)
