"""Model objects to canonical YAML text and files: the inverse of the loader.

The canonical form is what ``coalitions fmt`` writes and what ``coalitions new`` starts from:

* keys in the model's field order, with ``sources``, ``contradicted_by``, ``note`` and ``notes`` last;
  fields at their default value are left out;
* block style only (no flow lists or mappings, no anchors), two-space indentation;
* a value is written plain only when every YAML reader reads it back as the same text: it is quoted (double quotes)
  when YAML 1.1 (PyYAML) or YAML 1.2 (editors) would read it as something else (``NO``, ``2024``, ``2024-02-15``,
  ``1:20``, ``null``) or when YAML syntax would misparse it (``: ``, `` #``, a leading indicator);
* dates as written (:meth:`~coalitions.model.dates.When.to_text`): ``16 Qaws 1403`` stays ``16 Qaws 1403``;
* a date field with one claim without sources, note or ``by`` is written as the date alone; a citation with only
  ``source`` as the source id; a name with only ``text`` as the text;
* long text is folded (``>-``) at spaces when that reads back exactly, else kept on one line.

``load(folder)`` after :func:`write_corpus` returns an equal corpus (a property test checks it).
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from ..model import Calendar, Citation, Corpus, DateClaim, Membership, Name, Settings, When, looks_solar_hijri
from .atomic import write_atomic
from .reader import yaml_fields
from .screen import ARABIC_SCRIPT, JOINERS  # the loader's rule for zero-width joiners

__all__ = ["Line", "corpus_files", "dump_record", "emit", "quote", "render", "to_data", "write_corpus"]

#: Fields written after all others, in this order.
_LAST = ("sources", "contradicted_by", "note", "notes")
#: Lines longer than this are folded where the text allows it.
WIDTH = 120

Path_ = tuple[str | int, ...]
Data = Any  # dict[str, Data] | list[Data] | str | int | bool


# -- model -> plain data ------------------------------------------------------------------------------------------


def ordered_fields(cls: type) -> list[tuple[str, attrs.Attribute[Any]]]:
    """``(yaml key, attribute)`` of ``cls`` in canonical order."""
    fields = yaml_fields(cls)
    head = [f for f in fields if f[0] not in _LAST]
    tail = sorted((f for f in fields if f[0] in _LAST), key=lambda f: _LAST.index(f[0]))
    return head + tail


def _is_bare(record: Any, field: str) -> bool:
    """Every field of ``record`` but ``field`` is at its default (a citation that is only a source id)."""
    return all(
        a.name == field or getattr(record, a.name) == a.default for a in attrs.fields(type(record))
    )


def _value(value: Any) -> Data:
    if isinstance(value, When):
        return value.to_text()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Citation) and _is_bare(value, "source"):
        return value.source
    if isinstance(value, Name) and _is_bare(value, "text"):
        return value.text
    if attrs.has(type(value)):
        return to_data(value)
    if isinstance(value, tuple):
        if len(value) == 1 and isinstance(value[0], DateClaim) and _is_bare(value[0], "date"):
            return value[0].date.to_text()
        return [_value(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__}")  # pragma: no cover - every model type is handled


def to_data(record: Any) -> dict[str, Data]:
    """The plain data (dicts, lists, text, numbers, booleans) a record is written as, keys in canonical order.

    >>> from coalitions import Citation, Person
    >>> to_data(Person("ahmad-massoud", "Ahmad Massoud", (Citation("facts"),)))
    {'id': 'ahmad-massoud', 'name': 'Ahmad Massoud', 'sources': ['facts']}
    """
    out: dict[str, Data] = {}
    for key, attribute in ordered_fields(type(record)):
        value = getattr(record, attribute.name)
        if attribute.default is not attrs.NOTHING and value == attribute.default:
            continue
        out[key] = _value(value)
    return out


# -- scalars ------------------------------------------------------------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
# YAML 1.2 core schema (what editors use): what it reads as null, a boolean or a number.
_YAML12_TYPED = re.compile(
    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _needs_escape(text: str, index: int) -> bool:
    """Whether the character at ``index`` must be escaped in a double-quoted scalar (and so cannot be plain)."""
    char = text[index]
    if char.isprintable():
        return False
    if JOINERS.fullmatch(char):
        before, after = text[index - 1 : index], text[index + 1 : index + 2]
        return not (ARABIC_SCRIPT.match(before) and ARABIC_SCRIPT.match(after))
    return True


def _printable(text: str) -> bool:
    return not any(_needs_escape(text, i) for i in range(len(text)))


def is_plain_safe(text: str) -> bool:
    """``text`` reads back as the same text when written without quotes, under YAML 1.1 and YAML 1.2."""
    if not text or text != text.strip() or not _printable(text):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if _YAML12_TYPED.fullmatch(text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar; characters that cannot appear raw are escaped.

    >>> quote('He said "no"')
    '"He said \\\\"no\\\\""'
    """
    parts = ['"']
    for i, char in enumerate(text):
        if char in '"\\':
            parts.append("\\" + char)
        elif char == "\n":
            parts.append("\\n")
        elif _needs_escape(text, i):
            code = ord(char)
            parts.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)


def _foldable(text: str) -> bool:
    return (
        " " in text
        and text == text.strip()
        and "  " not in text
        and "\n" not in text
        and _printable(text)
    )


def _fold(text: str, width: int) -> list[str]:
    """``text`` cut at single spaces into lines of at most ``width`` characters where words allow."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def scalar(value: str | int | bool, prefix_width: int, indent: int) -> list[str]:
    """A scalar as YAML: one fragment to follow ``key: `` or ``- ``, then continuation lines (a folded block)."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int):
        return [str(value)]
    if prefix_width + len(value) + 2 > WIDTH and _foldable(value):
        return [">-", *(" " * indent + line for line in _fold(value, max(WIDTH - indent, 40)))]
    return [value if is_plain_safe(value) else quote(value)]


# -- data -> lines ------------------------------------------------------------------------------------------------


@attrs.frozen
class Line:
    """One output line and the path of the node that starts on it (the outermost one), or None."""

    text: str
    path: Path_ | None


def _mapping(data: dict[str, Data], indent: int, path: Path_, out: list[Line], first_prefix: str | None) -> None:
    """Emit a mapping; with ``first_prefix`` (``"- "`` at a list item), the first key shares the item's line."""
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        lead = first_prefix if (n == 0 and first_prefix is not None) else pad
        here = (*path, key)
        start = f"{lead}{key}:"
        line_path = path if (n == 0 and first_prefix is not None) else here
        if isinstance(value, dict):
            if not value:
                out.append(Line(f"{start} {{}}", line_path))
            else:
                out.append(Line(start, line_path))
                _mapping(value, indent + 2, here, out, None)
        elif isinstance(value, list):
            if not value:
                out.append(Line(f"{start} []", line_path))
            else:
                out.append(Line(start, line_path))
                _sequence(value, indent + 2, here, out)
        else:
            first, *rest = scalar(value, len(start) + 1, indent + 2)
            out.append(Line(f"{start} {first}", line_path))
            out.extend(Line(text, None) for text in rest)


def _sequence(data: list[Data], indent: int, path: Path_, out: list[Line]) -> None:
    pad = " " * indent
    for i, item in enumerate(data):
        here = (*path, i)
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, here, out, f"{pad}- ")
        elif isinstance(item, (list, dict)):
            raise TypeError("a list item must be text or a non-empty mapping")  # pragma: no cover - not in the model
        else:
            first, *rest = scalar(item, indent + 2, indent + 2)
            out.append(Line(f"{pad}- {first}", here))
            out.extend(Line(text, None) for text in rest)


def emit(data: dict[str, Data]) -> list[Line]:
    """The lines of the YAML document for mapping ``data``, each with the path of the node starting on it."""
    out: list[Line] = []
    _mapping(data, 0, (), out, None)
    return out


def render(data: dict[str, Data]) -> str:
    """``data`` as canonical YAML text.

    >>> print(render({"id": "x", "date": "2024-02-15", "series": ["doha"]}), end="")
    id: x
    date: "2024-02-15"
    series:
      - doha
    """
    return "".join(line.text + "\n" for line in emit(data))


def file_data(kind: str, records: Sequence[Any]) -> dict[str, Data]:
    """The document of a file of ``kind`` (``sources``, ``memberships``, ``organisations``, ...) for ``records``.

    A memberships file takes the memberships of one organisation; the other kinds take one record.
    """
    if kind == "sources":
        return {"sources": [to_data(s) for s in records]}
    if kind == "memberships":
        organisations = {m.organisation for m in records}
        if len(organisations) != 1:
            raise ValueError("a memberships file holds the members of exactly one organisation")
        return {"organisation": records[0].organisation, "members": [to_data(m) for m in records]}
    (record,) = records
    return to_data(record)


def dump_record(record: Any) -> str:
    """Canonical YAML text of one organisation, person or declaration file."""
    return render(to_data(record))


def _settings(corpus: Corpus) -> Settings:
    """The corpus's settings, with the Solar Hijri calendar on when its dates are written in it (a corpus built in
    memory may have them without saying so), so that the folder reads back as the same corpus."""
    settings = corpus.settings
    solar = Calendar.SOLAR_HIJRI
    if solar not in settings.calendars and _uses_solar_hijri(corpus):
        settings = attrs.evolve(settings, calendars=(*settings.calendars, solar))
    return settings


def _uses_solar_hijri(corpus: Corpus) -> bool:
    def walk(value: Any) -> bool:
        if isinstance(value, When):
            return value.as_written is not None and looks_solar_hijri(value.as_written)
        if isinstance(value, tuple):
            return any(walk(v) for v in value)
        if attrs.has(type(value)):
            return any(walk(getattr(value, a.name)) for a in attrs.fields(type(value)))
        return False

    return any(walk(r) for r in (*corpus.organisations, *corpus.memberships, *corpus.declarations, *corpus.sources))


def corpus_files(corpus: Corpus) -> Iterator[tuple[str, str]]:
    """``(relative path, YAML text)`` of every file of ``corpus``, as a corpus folder holds them."""
    settings = _settings(corpus)
    if settings != Settings():
        yield "corpus.yaml", dump_record(settings)
    yield "sources.yaml", render(file_data("sources", corpus.sources))
    for folder, records in (("organisations", corpus.organisations), ("people", corpus.people),
                            ("declarations", corpus.declarations)):  # fmt: skip
        for record in records:
            yield f"{folder}/{record.id}.yaml", dump_record(record)
    grouped: dict[str, list[Membership]] = {}
    for membership in corpus.memberships:
        grouped.setdefault(membership.organisation, []).append(membership)
    for organisation, memberships in sorted(grouped.items()):
        yield f"memberships/{organisation}.yaml", render(file_data("memberships", memberships))


def write_corpus(corpus: Corpus, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``corpus`` as a corpus folder (each file atomically); return the paths written.

    Files already in ``folder`` that the corpus does not name are left alone.
    """
    root = Path(folder)
    written = []
    for relative, text in corpus_files(corpus):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_atomic(target, text))
    return written

