"""Strict YAML reading: bytes in, plain located values out, or located problems.

Every scalar is read as the text written (no implicit typing: ``NO`` stays ``"NO"``); mappings and lists come back as
:class:`LocDict` and :class:`LocList`, which remember the line and column of each key and item. Anything YAML could
misread, or that could hurt (duplicate keys, anchors, aliases, merge keys, tags, several documents, tabs, byte
order marks, non-UTF-8 bytes, control and invisible characters, absurd sizes or depths), is refused with a located
:class:`~coalitions.errors.Problem`.

The YAML events come from libyaml where PyYAML has it (``CParser``) and from the pure-Python parser otherwise; the
tree is built here, iteratively, so no depth of nesting can exhaust the stack.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import attrs
import yaml

from .errors import Problem

__all__ = ["Limits", "LocDict", "LocList", "ParseFailure", "parse_yaml"]

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@attrs.frozen
class Limits:
    """Bounds on one input file; anything past them is refused before or while it is parsed.

    See ``docs/limits.md``. Pass ``Limits(max_file_bytes=...)`` to :func:`coalitions.load` to change them.
    """

    max_file_bytes: int = 1_000_000
    max_depth: int = 32
    max_items: int = 50_000
    max_string_length: int = 20_000
    max_files: int = 100_000


Mark = tuple[int, int]


class LocDict(dict[str, Any]):
    """A mapping read from YAML; ``marks[key]`` is ``(key_line, key_column, value_line, value_column)``."""

    __slots__ = ("mark", "marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.marks: dict[str, tuple[int, int, int, int]] = {}

    def value_mark(self, key: str) -> Mark:
        """Line and column where the value of ``key`` starts (the mapping's own mark if the key is absent)."""
        marks = self.marks.get(key)
        return (marks[2], marks[3]) if marks else self.mark

    def key_mark(self, key: str) -> Mark:
        """Line and column of ``key`` itself."""
        marks = self.marks.get(key)
        return (marks[0], marks[1]) if marks else self.mark


class LocList(list[Any]):
    """A list read from YAML; ``marks[i]`` is the line and column of item ``i``."""

    __slots__ = ("mark", "marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.marks: list[Mark] = []


class ParseFailure(Exception):
    """Raised by :func:`parse_yaml` with the problems of one file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# Characters refused anywhere: C0 controls but newline and carriage return, DEL, C1 controls, line and paragraph
# separators (YAML would count them as line breaks), zero-width and bidirectional formatting characters, BOMs
# inside the text, and tab (YAML forbids it in indentation; we refuse it everywhere, so the file reads the same
# in every editor). Zero-width (non-)joiners are handled apart: Persian and Pashto spelling needs them.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_JOINERS = re.compile("[\u200c\u200d]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_NULLS = {"~", "null", "Null", "NULL"}


def _char_name(char: str) -> str:
    if char == "\t":
        return "a tab character; indent with spaces and write tabs in text as spaces"
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) == "Cc":
        return f"control character {code}"
    return f"invisible character {code} {name}".rstrip()


def _line_col(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _check_bytes(data: bytes, file: str, limits: Limits) -> tuple[str | None, list[Problem]]:
    """Decode ``data`` as UTF-8 and check what can be checked before parsing."""
    if len(data) > limits.max_file_bytes:
        return None, [
            Problem(
                f"file is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,} "
                "(Limits.max_file_bytes); split it or raise the limit",
                file,
                code="file-too-large",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem("file starts with a byte order mark (BOM); save it as UTF-8 without BOM", file, 1, 1, code="bom")
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and data.count(b"\x00") > len(data) // 4):
        return None, [Problem("file is UTF-16 (or another wide encoding); save it as UTF-8", file, 1, 1, code="utf16")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line, column = _line_col(prefix + "\x00", len(prefix))
        byte = data[error.start]
        return None, [
            Problem(
                f"byte 0x{byte:02X} is not valid UTF-8 (is the file Latin-1 or Windows-1252?); save it as UTF-8",
                file,
                line,
                column,
                code="not-utf8",
            )
        ]
    problems: list[Problem] = []
    if "\r" in text:
        crlf = text.count("\r\n")
        if crlf != text.count("\r") or crlf != text.count("\n"):
            index = text.find("\r") if crlf == 0 else _first_mixed_line_ending(text)
            problems.append(
                Problem(
                    "mixed or old Mac line endings; use one kind of line ending (LF or CRLF) throughout",
                    file,
                    *_line_col(text, index),
                    code="line-endings",
                )
            )
        else:
            text = text.replace("\r\n", "\n")
    for match in _FORBIDDEN.finditer(text):
        problems.append(Problem(_char_name(match.group()), file, *_line_col(text, match.start()), code="character"))
        if len(problems) >= 20:
            break
    for match in _JOINERS.finditer(text):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if not (_ARABIC_SCRIPT.match(before) and _ARABIC_SCRIPT.match(after)):
            problems.append(
                Problem(
                    f"{_char_name(match.group())} outside Arabic-script text (allowed only between such letters)",
                    file,
                    *_line_col(text, match.start()),
                    code="character",
                )
            )
    if not problems:
        problems.extend(_check_depth(text, file, limits))
    return text, problems


def _first_mixed_line_ending(text: str) -> int:
    for match in re.finditer("\r\n|\r|\n", text):
        if match.group() != "\r\n":
            return match.start()
    return 0  # pragma: no cover - only called when some ending is not CRLF


_BRACKETS = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"^( *)((?:[-?] +)*)", re.MULTILINE)


def _check_depth(text: str, file: str, limits: Limits) -> list[Problem]:
    """Refuse absurd nesting before the parser sees it (an over-estimate: quoted brackets count too)."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limits.max_depth:
            return [_too_deep(file, *_line_col(text, match.start()), limits)]
    if len(text) > 4 * limits.max_depth:
        for match in _INDENT.finditer(text):
            indent = len(match.group(1)) // 2 + match.group(2).count("-") + match.group(2).count("?")
            if indent > 2 * limits.max_depth:
                return [_too_deep(file, *_line_col(text, match.start()), limits)]
    return []


def _too_deep(file: str, line: int, column: int, limits: Limits) -> Problem:
    return Problem(
        f"nesting deeper than {limits.max_depth} levels (Limits.max_depth)", file, line, column, code="too-deep"
    )


def _mark(event: Any) -> Mark:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Frame:
    __slots__ = ("container", "key", "key_mark", "is_map")

    def __init__(self, container: LocDict | LocList, is_map: bool) -> None:
        self.container = container
        self.is_map = is_map
        self.key: str | None = None
        self.key_mark: Mark = (0, 0)


def parse_yaml(data: bytes, file: str = "<input>", limits: Limits | None = None) -> LocDict:
    """Read one YAML document whose top level is a mapping; raise :class:`ParseFailure` with every problem found."""
    limits = limits or Limits()
    text, problems = _check_bytes(data, file, limits)
    if text is None or problems:
        raise ParseFailure(problems)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise ParseFailure([Problem("file is empty (only blanks or comments); a record is a mapping of fields",
                                    file, code="empty")])  # fmt: skip
    try:
        return _build(text, file, limits)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise ParseFailure([Problem(f"YAML syntax: {message}", file, line, column, code="syntax")]) from None
    except yaml.YAMLError as error:  # pragma: no cover - reader errors are caught by _check_bytes first
        raise ParseFailure([Problem(f"YAML: {error}", file, code="syntax")]) from None


def _build(text: str, file: str, limits: Limits) -> LocDict:
    problems: list[Problem] = []
    stack: list[_Frame] = []
    root: LocDict | None = None
    documents = 0
    items = 0
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                items += 1
                if items > limits.max_items:
                    raise ParseFailure(
                        [Problem(f"more than {limits.max_items:,} values (Limits.max_items)", file,
                                 *_mark(event), code="too-many-items")]  # fmt: skip
                    )
                if event.anchor is not None:
                    problems.append(
                        Problem(f"anchor &{event.anchor}: anchors and aliases are not allowed; write the value out",
                                file, *_mark(event), code="anchor")  # fmt: skip
                    )
                if event.tag is not None and event.tag != "!":
                    problems.append(
                        Problem(f"tag {_shown_tag(event.tag)}: tags are not allowed; values are plain text, lists and mappings",
                                file, *_mark(event), code="tag")  # fmt: skip
                    )
            if kind is yaml.ScalarEvent:
                value = event.value
                plain = event.style is None or event.style == ""
                if plain and (value == "" or value in _NULLS):
                    shown = "empty value" if value == "" else f"YAML null {value!r}"
                    problems.append(
                        Problem(f"{shown}: write a value, or leave the field out", file, *_mark(event), code="null")
                    )
                if len(value) > limits.max_string_length:
                    problems.append(
                        Problem(f"text of {len(value):,} characters, over the limit of "
                                f"{limits.max_string_length:,} (Limits.max_string_length)",
                                file, *_mark(event), code="too-long")  # fmt: skip
                    )
                    value = value[:100]
                if not stack:
                    problems.append(_top_level(file, _mark(event), "text"))
                    root = LocDict(_mark(event))
                    continue
                _add(stack[-1], value, _mark(event), plain, problems, file)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = _mark(event)
                is_map = kind is yaml.MappingStartEvent
                container: LocDict | LocList = LocDict(mark) if is_map else LocList(mark)
                if not stack:
                    if not is_map:
                        problems.append(_top_level(file, mark, "a list"))
                    root = container if is_map else LocDict(mark)  # type: ignore[assignment]
                else:
                    _add(stack[-1], container, mark, False, problems, file)
                if len(stack) >= limits.max_depth:
                    raise ParseFailure([_too_deep(file, *mark, limits)])
                stack.append(_Frame(container, is_map))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                problems.append(
                    Problem(f"alias *{event.anchor}: anchors and aliases are not allowed; write the value out",
                            file, *_mark(event), code="alias")  # fmt: skip
                )
                if stack:
                    _add(stack[-1], "", _mark(event), False, problems, file)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        Problem("several YAML documents in one file ('---'); put one record in each file",
                                file, *_mark(event), code="documents")  # fmt: skip
                    )
                    break
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    if problems:
        raise ParseFailure(problems)
    assert root is not None
    return root


def _shown_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _top_level(file: str, mark: Mark, found: str) -> Problem:
    return Problem(f"the top level must be a mapping of fields (key: value), found {found}", file, *mark,
                   code="top-level")  # fmt: skip


def _add(frame: _Frame, value: Any, mark: Mark, plain: bool, problems: list[Problem], file: str) -> None:
    container = frame.container
    if not frame.is_map:
        container.append(value)
        container.marks.append(mark)  # type: ignore[union-attr]
        return
    if frame.key is None:
        if not isinstance(value, str):
            problems.append(Problem("a key must be plain text, not a list or mapping", file, *mark, code="key"))
            frame.key = "\x00"
            frame.key_mark = mark
            return
        if value == "<<" and plain:
            problems.append(
                Problem("merge key '<<': merge keys are not allowed; write the fields out", file, *mark, code="merge")
            )
        elif value in container:
            first = container.marks[value]  # type: ignore[union-attr]
            problems.append(
                Problem(f"duplicate key {value!r} (first at line {first[0]}); each key may appear once",
                        file, *mark, code="duplicate-key")  # fmt: skip
            )
        frame.key = value
        frame.key_mark = mark
        return
    key = frame.key
    frame.key = None
    if key == "\x00" or key in container:
        return
    container[key] = value
    container.marks[key] = (*frame.key_mark, *mark)  # type: ignore[union-attr]
