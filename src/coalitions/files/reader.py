"""Located plain values (from :mod:`coalitions.files.parse`) to model objects, with a located problem per mistake.

The structure of each file kind follows the attrs classes of :mod:`coalitions.model.records`: field names are the
YAML keys (``Declaration.dates`` is written ``date``), types decide how text is read. Every mistake in a record is
reported, not only the first.
"""

from __future__ import annotations

import difflib
import enum
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs

from ..model import (
    BUILTIN,
    Citation,
    DateClaim,
    DateError,
    Declaration,
    Membership,
    Name,
    Organisation,
    Person,
    Problem,
    ScopeEntry,
    Vocabulary,
    When,
    parse_when,
)
from .parse import LocDict, LocList
from .screen import LOOK_ALIKES, Mark, describe_character

__all__ = ["ID_PATTERN", "RENAMES", "Reader", "yaml_fields"]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_INT = re.compile(r"0|[1-9][0-9]*")

#: YAML key for a model field where they differ.
RENAMES: dict[tuple[type, str], str] = {(Declaration, "dates"): "date", (ScopeEntry, "included"): "in"}

#: Fields a file does not spell out (the membership's organisation comes from the file's ``organisation`` key).
_IMPLIED: dict[type, frozenset[str]] = {Membership: frozenset({"organisation"})}


class _Invalid:
    """Marker for a value that could not be read (its problem is already recorded)."""


INVALID: Any = _Invalid()


def yaml_fields(cls: type) -> list[tuple[str, attrs.Attribute[Any]]]:
    """``(yaml key, attribute)`` for the fields of ``cls`` written in files."""
    implied = _IMPLIED.get(cls, frozenset())
    return [
        (RENAMES.get((cls, a.name), a.name), a)
        for a in attrs.fields(cls)
        if a.init and a.name not in implied
    ]


def describe(value: Any) -> str:
    if isinstance(value, LocDict):
        return "a mapping"
    if isinstance(value, LocList):
        return "a list"
    return f"text {value!r}" if len(value) < 60 else f"text {value[:57]!r}..."


Reader_ = Callable[["Reader", Any, str, Mark], Any]


class Reader:
    """Reads the records of one file, collecting a :class:`Problem` for every mistake.

    ``calendars`` are those dates may be written in (default: every calendar coalitions knows) and
    ``vocabulary`` the words of the open fields (organisation kinds, signature roles, declaration kinds; None: any
    word): both come from the corpus's ``corpus.yaml`` (see :mod:`coalitions.files.settings`).
    """

    def __init__(self, file: str, calendars: frozenset[str] | None = None,
                 vocabulary: Vocabulary | None = BUILTIN) -> None:  # fmt: skip
        self.file = file
        self.calendars = calendars
        self.vocabulary = vocabulary
        self.problems: list[Problem] = []

    def problem(self, message: str, path: str, mark: Mark, code: str = "") -> _Invalid:
        """Record a problem and return the INVALID marker."""
        self.problems.append(Problem(message, self.file, mark[0], mark[1], path, code=code))
        return INVALID

    def record(self, cls: type, value: Any, path: str, mark: Mark, extra: dict[str, Any] | None = None) -> Any:
        """Read ``value`` as an instance of attrs class ``cls``."""
        return _reader_for(cls)(self, value, path, mark, extra)


def _text(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
    if not isinstance(value, str):
        return reader.problem(f"expected text, found {describe(value)}", path, mark, "type")
    if not value:  # quoted: a plain empty value is refused by the parser
        return reader.problem('empty text (""); write the text, or remove it', path, mark, "empty-text")
    if value != value.strip():
        return reader.problem("text starts or ends with spaces; remove them", path, mark, "spaces")
    return value


def _ascii_fold(text: str) -> str:
    """``text`` with accents dropped and look-alike letters replaced by their ASCII twins (for suggestions only)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LOOK_ALIKES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _identifier(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
    text = _text(reader, value, path, mark)
    if text is INVALID:
        return text
    if not ID_PATTERN.fullmatch(text):
        hint = re.sub(r"[^a-z0-9]+", "-", _ascii_fold(text).lower()).strip("-")
        suggestion = f"; did you mean {hint!r}?" if hint and ID_PATTERN.fullmatch(hint) else ""
        foreign = next((c for c in text if ord(c) > 127), None)
        contains = f" ({foreign!r} is {unicodedata.name(foreign, f'U+{ord(foreign):04X}')})" if foreign else ""
        return reader.problem(
            f"{text!r} is not a valid id{contains}: use lower-case ASCII letters and digits joined by hyphens"
            f"{suggestion}",
            path,
            mark,
            "id",
        )
    return text


def _integer(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
    if not isinstance(value, str) or not _INT.fullmatch(value):
        return reader.problem(f"expected a whole number such as 35, found {describe(value)}", path, mark, "type")
    return int(value)


def _boolean(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
    if value == "true":
        return True
    if value == "false":
        return False
    return reader.problem(f"expected true or false, found {describe(value)}", path, mark, "type")


def _when(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
    if not isinstance(value, str):
        return reader.problem(f"expected a date such as 2024-02-15, found {describe(value)}", path, mark, "type")
    digit = next((c for c in value if unicodedata.category(c) == "Nd" and not c.isascii()), None)
    if digit is not None:  # parse_when would read them as the digits they stand for, silently
        digits = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in value)
        hint = f"; write {digits}" if digits.isascii() else "; write the digits 0-9"
        return reader.problem(f"{value!r}: {describe_character(digit)} is not an ASCII digit{hint}", path, mark,
                              "date")  # fmt: skip
    try:
        return parse_when(value, calendars=reader.calendars)
    except DateError as error:
        return reader.problem(str(error), path, mark, "date")


def _open_word(field: str) -> Reader_:
    """A word of an open vocabulary (``organisation_kinds``, ...): the built-in words and the corpus's own."""

    last: list[Any] = [(None, (), frozenset())]  # the vocabulary last asked, its words, and the same as a set

    def read(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
        text = _text(reader, value, path, mark)
        vocabulary = reader.vocabulary
        if text is INVALID or vocabulary is None:  # None: any word (corpus.yaml unreadable, or fmt)
            return text
        known = last[0]  # one tuple, replaced whole: a corpus's files share one vocabulary, listed once
        if known[0] is not vocabulary:
            words = vocabulary.words(field)
            known = last[0] = (vocabulary, words, frozenset(words))
        if text in known[2]:
            return text
        words = known[1]
        close = difflib.get_close_matches(text, words, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        what = field.replace("_", " ")[:-1]
        return reader.problem(f"{text!r} is not a known {what}{hint}; known: {', '.join(words)}; a corpus adds its "
                              "own in corpus.yaml (vocabulary)", path, mark, "choice")  # fmt: skip

    return read


def _enum(cls: type[enum.Enum]) -> Reader_:
    values = [m.value for m in cls]  # type: ignore[var-annotated]
    members = {m.value: m for m in cls}

    def read(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
        member = members.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        close = difflib.get_close_matches(value, values, n=1, cutoff=0.6) if isinstance(value, str) else []
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return reader.problem(
            f"expected one of {', '.join(values)}; found {describe(value)}{hint}", path, mark, "choice"
        )

    return read


def _sequence(item: Reader_) -> Reader_:
    def read(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
        if not isinstance(value, LocList):
            return reader.problem(f"expected a list, found {describe(value)}", path, mark, "type")
        out = [item(reader, v, f"{path}[{i}]", m) for i, (v, m) in enumerate(zip(value, value.marks))]
        return INVALID if any(v is INVALID for v in out) else tuple(out)

    return read


def _text_or_record(cls: type, field: str) -> Reader_:
    """A record that may be written as plain text, standing for its ``field`` (a citation as a source id)."""

    made: dict[str, Any] = {}  # records are immutable: the same text gives the same record, checked once

    def read(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
        if isinstance(value, str):
            record = made.get(value)
            if record is not None:
                return record
            checked = _text(reader, value, path, mark)
            if checked is INVALID:
                return checked
            record = cls(**{field: checked})
            if len(made) < 10_000:
                made[value] = record
            return record
        return reader.record(cls, value, path, mark)

    return read


def _date_claims(reader: Reader, value: Any, path: str, mark: Mark) -> Any:
    if isinstance(value, str):
        when = _when(reader, value, path, mark)
        return when if when is INVALID else (DateClaim(when),)
    if isinstance(value, LocList) and not value:
        return reader.problem("expected a date or a non-empty list of date claims, found an empty list", path,
                              mark, "type")  # fmt: skip
    return _sequence(lambda r, v, p, m: r.record(DateClaim, v, p, m))(reader, value, path, mark)


#: Field names whose text must have the form of an id. References to other records (``signer``, ``member``,
#: ``source``, ...) are text here: the cross-record checks say which record was meant, with suggestions.
_ID_FIELDS = {"id"}


def _reader_for_type(tp: Any, name: str) -> tuple[Reader_, bool]:
    """The reader for a field of type ``tp``, and whether the field is optional (``X | None``)."""
    optional = False
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) < len(typing.get_args(tp))
        tp = args[0]
        origin = typing.get_origin(tp)
    if origin is tuple:
        (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if item is DateClaim:
            return _date_claims, optional
        if item is str:
            item_reader = _identifier if name == "series" else _text
            return _sequence(item_reader), optional
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return _sequence(_enum(item)), optional
        return _sequence(_reader_for_item(item)), optional
    if tp is str:
        return (_identifier if name in _ID_FIELDS else _text), optional
    if tp is int:
        return _integer, optional
    if tp is bool:
        return _boolean, optional
    if tp is When:
        return _when, optional
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp), optional
    if attrs.has(tp):
        return _reader_for_item(tp), optional
    raise TypeError(f"no reader for {tp!r}")  # pragma: no cover - a model field of an unsupported type


def _reader_for_item(cls: type) -> Reader_:
    if cls is Citation:
        return _text_or_record(Citation, "source")
    if cls is Name:
        return _text_or_record(Name, "text")
    return lambda reader, value, path, mark: reader.record(cls, value, path, mark)


_RECORD_READERS: dict[type, Callable[..., Any]] = {}


def _reader_for(cls: type) -> Callable[..., Any]:
    cached = _RECORD_READERS.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls)
    specs = []
    for key, attribute in yaml_fields(cls):
        vocabulary = attribute.metadata.get("vocabulary")
        field_reader = (_open_word(vocabulary) if vocabulary else
                        _reader_for_type(hints[attribute.name], attribute.name)[0])  # fmt: skip
        required = attribute.default is attrs.NOTHING
        specs.append((key, attribute.name, field_reader, required))
    by_key = {spec[0]: spec for spec in specs}
    keys = list(by_key)
    required_keys = tuple(spec[0] for spec in specs if spec[3])

    def read(reader: Reader, value: Any, path: str, mark: Mark, extra: dict[str, Any] | None = None) -> Any:
        if not isinstance(value, LocDict):
            what = cls.__name__.lower()
            return reader.problem(f"expected a mapping (a {what}), found {describe(value)}", path, mark, "type")
        ok = True
        kwargs: dict[str, Any] = dict(extra) if extra else {}
        marks, prefix = value.marks, f"{path}." if path else ""  # once a record: this runs for every field read
        for key, item in value.items():
            spec = by_key.get(key)
            if spec is None:
                close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(keys)}"
                reader.problem(f"unknown field {key!r}{hint}", prefix + key, value.key_mark(key), "unknown-field")
                ok = False
                continue
            if item == "":  # a quoted "" (a plain empty value is refused by the parser)
                advice = f"{key!r} is required; write it" if spec[3] else "write a value, or leave the field out"
                reader.problem(f'empty text (""): {advice}', prefix + key, value.value_mark(key), "empty-text")
                ok = False
                continue
            at = marks.get(key)
            result = spec[2](reader, item, prefix + key, (at[2], at[3]) if at else value.mark)
            if result is INVALID:
                ok = False
            else:
                kwargs[spec[1]] = result
        for key in required_keys:
            if key not in value:
                reader.problem(f"missing required field {key!r}", prefix + key, value.mark, "missing")
                ok = False
        if not ok:
            return INVALID
        try:
            return cls(**kwargs)
        except (DateError, ValueError) as error:  # pragma: no cover - the readers check what constructors check
            return reader.problem(str(error), path, mark, "invalid")

    _RECORD_READERS[cls] = read
    return read


#: The record class of each file kind.
KINDS: dict[str, type] = {
    "organisations": Organisation,
    "people": Person,
    "declarations": Declaration,
}
