"""Reading ``corpus.yaml``: a corpus's settings (its calendars, its own vocabulary, its scopes and words).

The file is optional; without it a corpus reads Gregorian dates and the built-in vocabulary. It is read before the
other files, because its calendars and vocabulary decide how they are read: :class:`ReadContext` carries them to
each :class:`~coalitions.files.reader.Reader`.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..model import Calendar, Problem, Settings, Vocabulary
from .disk import Refused, read_limited, shown
from .limits import Limits
from .parse import LocDict, LocList, ParseFailure, parse_yaml
from .reader import INVALID, Reader

__all__ = ["ANY", "DEFAULT", "SETTINGS_FILE", "ReadContext", "context_of", "merged", "read_settings"]

#: The settings file, at a corpus's root.
SETTINGS_FILE = "corpus.yaml"


@attrs.frozen
class ReadContext:
    """How a corpus's files are read: the calendars dates may use (None: every calendar) and the vocabulary of the
    open fields (None: any word, when ``corpus.yaml`` could not be read, so that its errors make no knock-on
    errors elsewhere)."""

    calendars: frozenset[str] | None
    vocabulary: Vocabulary | None

    def reader(self, file: str) -> Reader:
        """A reader for ``file`` in this context."""
        return Reader(file, self.calendars, self.vocabulary)

    @property
    def fingerprint(self) -> str:
        """What distinguishes this context, for the load cache's keys."""
        words = None if self.vocabulary is None else (self.vocabulary.words("organisation_kinds"),
                                                      self.vocabulary.words("signature_roles"),
                                                      self.vocabulary.words("declaration_kinds"))  # fmt: skip
        return repr((sorted(self.calendars) if self.calendars is not None else None, words))


#: The context of a corpus without ``corpus.yaml``.
DEFAULT = ReadContext(frozenset(str(c) for c in Settings().calendars), Settings().terms)
#: Any calendar and any word (``corpus.yaml`` unreadable, or ``fmt``, which writes what a file says).
ANY = ReadContext(None, None)


def _own_calendars(value: LocDict) -> frozenset[str] | None:
    """The calendars ``corpus.yaml`` names, to read its own dates with; None when they are not a list of known
    calendars (its reader then reports why, and the file's dates are read with every calendar)."""
    written = value.get("calendars")
    known = {c.value for c in Calendar}
    if isinstance(written, LocList) and all(isinstance(c, str) and c in known for c in written):
        return frozenset(written) | {Calendar.GREGORIAN.value}
    return None


def read_settings(file: str, value: LocDict) -> tuple[Settings | None, ReadContext, list[Problem]]:
    """The settings ``corpus.yaml`` holds, the context to read the other files in, and its problems; the
    settings are None when the file has errors (the context then accepts every calendar and word)."""
    reader = Reader(file, _own_calendars(value))
    settings = reader.record(Settings, value, "", value.mark)
    if settings is INVALID:
        return None, ReadContext(None, None), reader.problems
    calendars = frozenset(str(c) for c in settings.calendars) | {Calendar.GREGORIAN.value}
    return settings, ReadContext(calendars, settings.terms), reader.problems


def context_of(folder: Path) -> ReadContext:
    """The context the files of the corpus in ``folder`` are read in: from its ``corpus.yaml``, :data:`DEFAULT`
    without one, :data:`ANY` when it cannot be read (its own problems are reported by ``validate``)."""
    path = folder / SETTINGS_FILE
    if not path.is_file():
        return DEFAULT
    try:
        value = parse_yaml(read_limited(path, Limits(), shown(path)), shown(path))
    except (Refused, ParseFailure):
        return ANY
    return read_settings(shown(path), value)[1]


def merged(first: Settings, other: Settings) -> Settings:
    """The settings of two folders loaded as one corpus: both calendars, both vocabularies (``other``'s words
    replacing ``first``'s of the same name), the scopes of both, and ``first``'s name and words where it gives them.
    """
    default = Settings()
    calendars = tuple(dict.fromkeys((*first.calendars, *other.calendars)))
    return Settings(
        name=first.name or other.name,
        calendars=calendars,
        words=first.words if first.words != default.words else other.words,
        vocabulary=first.vocabulary.extended(other.vocabulary),
        scopes=(*first.scopes, *other.scopes),
        notes=first.notes or other.notes,
    )
