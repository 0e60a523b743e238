"""Model objects to canonical YAML text and files: the inverse of the loader.

The canonical form is what ``coalitions fmt`` writes and what ``coalitions new`` starts from (docs/editors.md):

* keys in the model's field order, with ``sources``, ``contradicted_by``, ``note`` and ``notes`` last;
  fields at their default value are left out;
* mappings in block style, two-space indentation, list items indented under their key;
* a date field with one claim without sources, note or ``by`` is written as the date alone; a citation with only
  ``source`` as the source id; a name with only ``text`` as the text;
* every text on one line: nothing is folded that was not written folded;
* a value is written plain only when every YAML reader reads it back as the same text: it is quoted (double quotes)
  when YAML 1.1 (PyYAML) or YAML 1.2 (editors) would read it as something else (``NO``, ``2024``, ``1:20``,
  ``null``) or when YAML syntax would misparse it (``: ``, `` #``, a leading indicator). Dates are the exception:
  a date field holds a date in every reader, so ``2024-02-15`` is written plain, as the tutorial writes it;
* dates as written (:meth:`~coalitions.model.dates.When.to_text`): ``16 Qaws 1403`` stays ``16 Qaws 1403``.

:func:`emit` takes, for ``fmt``, how each value was written in the file (:class:`Written`): a text keeps its
double or single quotes, its plain form when that is safe, a folded (``>-``) or literal (``|-``) block keeps its
line breaks, and a list of texts written in brackets on one line (``series: [doha]``) stays so.

``load(folder)`` after :func:`write_corpus` returns an equal corpus (a property test checks it).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import yaml

from ..model import Citation, DateClaim, Name, When
from .reader import yaml_fields
from .screen import ARABIC_SCRIPT, JOINERS  # the loader's rule for zero-width joiners

__all__ = ["DateText", "Line", "Written", "dump_record", "emit", "quote", "render", "to_data"]

#: Fields written after all others, in this order.
_LAST = ("sources", "contradicted_by", "note", "notes")

Path_ = tuple[str | int, ...]
Data = Any  # dict[str, Data] | list[Data] | str | int | bool


# -- model -> plain data ------------------------------------------------------------------------------------------


def ordered_fields(cls: type) -> list[tuple[str, attrs.Attribute[Any]]]:
    """``(yaml key, attribute)`` of ``cls`` in canonical order."""
    fields = yaml_fields(cls)
    head = [f for f in fields if f[0] not in _LAST and not f[1].metadata.get("after")]
    for field in fields:  # a field added to a class later, written beside the field it belongs with
        after = field[1].metadata.get("after")
        if after:
            place = next(i for i, f in enumerate(head) if f[1].name == after)
            head.insert(place + 1, field)
    tail = sorted((f for f in fields if f[0] in _LAST), key=lambda f: _LAST.index(f[0]))
    return head + tail


def _is_bare(record: Any, field: str) -> bool:
    """Every field of ``record`` but ``field`` is at its default (a citation that is only a source id)."""
    return all(
        a.name == field or getattr(record, a.name) == a.default for a in attrs.fields(type(record))
    )


def _value(value: Any) -> Data:
    if isinstance(value, When):
        return DateText(value.to_text())
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
            return DateText(value[0].date.to_text())
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
    if text.isprintable():
        return True
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
            parts.append(f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)


class DateText(str):
    """The text of a date in :func:`to_data`'s output, written plain where YAML syntax allows (see the module)."""

    __slots__ = ()


_DATE_PLAIN = re.compile(r"[0-9][0-9A-Za-z /-]*")
_FLOW_INDICATORS = frozenset(",[]{}")


def _plain(text: str, in_flow: bool) -> bool:
    if in_flow and any(c in _FLOW_INDICATORS for c in text):
        return False
    if isinstance(text, DateText) and _DATE_PLAIN.fullmatch(text) and text == text.strip() and " #" not in text:
        return True
    return is_plain_safe(text)


def _single(text: str) -> str | None:
    """``text`` in single quotes, or None when it holds a character that needs an escape (only double quotes have
    escapes)."""
    if not text or "\n" in text or not _printable(text):
        return None
    return "'" + text.replace("'", "''") + "'"


def unfold(lines: Sequence[str]) -> str:
    """The text a folded block (``>-``) of ``lines`` (without indentation) reads as: lines joined by spaces, an
    empty line a line break."""
    parts: list[str] = []
    joined = False  # the previous line was text: the next one follows after a space
    for line in lines:
        if not line:
            parts.append("\n")
            joined = False
        else:
            parts.append(f" {line}" if joined else line)
            joined = True
    return "".join(parts)


def _foldable(lines: tuple[str, ...], value: str) -> bool:
    """``lines`` as a folded block read back as ``value``, the same in every YAML reader."""
    return (
        bool(lines)
        and bool(lines[0])
        and bool(lines[-1])
        and all(line == line.strip() and _printable(line) for line in lines)
        and unfold(lines) == value
    )


@attrs.frozen
class Written:
    """How a value was written in the file being formatted.

    ``style`` is ``plain``, ``double``, ``single``, ``folded`` (``>-``, or a plain text over several lines: ``lines``
    are its lines) or ``literal`` (``|-``) for a text, ``flow`` for a list in brackets on one line. ``text`` is the
    text read, so that a hint is only used for the value it was read from.
    """

    style: str
    text: str | None = None
    lines: tuple[str, ...] = ()


def scalar(value: str | int | bool, indent: int, written: Written | None = None, in_flow: bool = False) -> list[str]:
    """A scalar as YAML: one fragment to follow ``key: `` or ``- ``, then continuation lines (a block scalar's)."""
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int):
        return [str(value)]
    pad = " " * indent
    if written is not None and written.text == value:
        style = written.style
        if style == "double":
            return [quote(value)]
        if style == "single":
            single = _single(value)
            if single is not None:
                return [single]
        elif style == "folded" and not in_flow and _foldable(written.lines, value):
            return [">-", *(pad + line if line else "" for line in written.lines)]
        elif style == "literal" and not in_flow and "\n" in value and value[0] != " " and "\r" not in value \
                and all(_printable(line) for line in value.split("\n")):  # fmt: skip
            return ["|-", *(pad + line if line else "" for line in value.split("\n"))]
    return [value if _plain(value, in_flow) else quote(value)]


# -- data -> lines ------------------------------------------------------------------------------------------------


@attrs.frozen
class Line:
    """One output line and the path of the node that starts on it (the outermost one), or None."""

    text: str
    path: Path_ | None


Hints = Mapping[Path_, Written]


def _flow(items: list[Data], path: Path_, hints: Hints) -> str | None:
    """A list of texts as ``[a, b]`` when it was written so (on one line), else None."""
    written = hints.get(path)
    if written is None or written.style != "flow" or not all(isinstance(item, (str, int)) for item in items):
        return None
    parts = [scalar(item, 0, hints.get((*path, i)), in_flow=True)[0] for i, item in enumerate(items)]
    return "[" + ", ".join(parts) + "]"


def _mapping(data: dict[str, Data], indent: int, path: Path_, out: list[Line], first_prefix: str | None,
             hints: Hints) -> None:  # fmt: skip
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
                _mapping(value, indent + 2, here, out, None, hints)
        elif isinstance(value, list):
            flow = "[]" if not value else _flow(value, here, hints)
            if flow is not None:
                out.append(Line(f"{start} {flow}", line_path))
            else:
                out.append(Line(start, line_path))
                _sequence(value, indent + 2, here, out, hints)
        else:
            first, *rest = scalar(value, indent + 2, hints.get(here))
            out.append(Line(f"{start} {first}", line_path))
            out.extend(Line(text, None) for text in rest)


def _sequence(data: list[Data], indent: int, path: Path_, out: list[Line], hints: Hints) -> None:
    pad = " " * indent
    for i, item in enumerate(data):
        here = (*path, i)
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, here, out, f"{pad}- ", hints)
        elif isinstance(item, (list, dict)):
            raise TypeError("a list item must be text or a non-empty mapping")  # pragma: no cover - not in the model
        else:
            first, *rest = scalar(item, indent + 2, hints.get(here))
            out.append(Line(f"{pad}- {first}", here))
            out.extend(Line(text, None) for text in rest)


def emit(data: dict[str, Data], written: Hints | None = None) -> list[Line]:
    """The lines of the YAML document for mapping ``data``, each with the path of the node starting on it.

    ``written`` says, by path, how values were written in the file being formatted (:class:`Written`).
    """
    out: list[Line] = []
    _mapping(data, 0, (), out, None, written or {})
    return out


def render(data: dict[str, Data]) -> str:
    """``data`` as canonical YAML text.

    >>> print(render({"id": "x", "title": "2024", "date": DateText("2024-02-15"), "series": ["doha"]}), end="")
    id: x
    title: "2024"
    date: 2024-02-15
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


