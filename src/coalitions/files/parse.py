"""Strict YAML reading: bytes in, plain located values out, or located problems.

Every scalar is read as the text written (no implicit typing: ``NO`` stays ``"NO"``); mappings and lists come back as
:class:`LocDict` and :class:`LocList`, which remember the line and column of each key and item. Anything YAML could
misread, or that could hurt (duplicate keys, anchors, aliases, merge keys, tags, several documents, tabs, byte
order marks, non-UTF-8 bytes, control and invisible characters, absurd sizes or depths), is refused with a located
:class:`~coalitions.model.errors.Problem`.

What can be refused before YAML reads the text (encodings, characters, sizes, depths) is refused by
:mod:`coalitions.files.screen`. The YAML events come from libyaml where PyYAML has it (``CParser``) and from the
pure-Python parser otherwise; the tree is built here, iteratively, so no depth of nesting can exhaust the stack.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..model import Problem
from .limits import Limits
from .screen import NULLS, Mark, check_bytes, count_values, escaped_characters, too_deep, too_many
from .screen import Loader as _Loader
from .screen import event_mark as _mark

__all__ = ["LocDict", "LocList", "ParseFailure", "parse_yaml"]


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
    text, problems = check_bytes(data, file, limits)
    if text is None or problems:
        raise ParseFailure(problems)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise ParseFailure([Problem("file is empty (only blanks or comments); a record is a mapping of fields",
                                    file, code="empty")])  # fmt: skip
    past = count_values(text, limits)
    if past is not None:
        raise ParseFailure([too_many(file, past, limits)])
    # libyaml's composer recurses in C and crashes the interpreter some 20,000 levels deep; _check_depth can be
    # fooled by closing brackets in quotes or comments, so only the count of opening brackets bounds flow depth.
    if _FAST and limits.max_depth <= 64 and "&" not in text and "*" not in text and "\\" not in text \
            and text.count("[") + text.count("{") <= _FAST_MAX_BRACKETS:  # fmt: skip
        root = _build_fast(text, limits)
        if root is not None:
            return root
    try:
        return _build(text, file, limits)
    except yaml.MarkedYAMLError as error:
        if _FAST and "maximum nesting depth" in (error.problem or ""):
            # libyaml 0.2.6 and later (in the PyYAML 6.0.4 wheels) stop at 1,000 flow levels of their own, and
            # its scanner reads up to 1,024 characters ahead, so its limit can fire before Limits.max_depth is met
            # in the events. The pure-Python reader has no such limit: read again with it, so that ours fires.
            try:
                return _build(text, file, limits, yaml.SafeLoader)
            except yaml.MarkedYAMLError as again:
                raise ParseFailure([_syntax_problem(again, file)]) from None
        raise ParseFailure([_syntax_problem(error, file)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - reader errors are caught by check_bytes first
        raise ParseFailure([Problem(f"YAML: {error}", file, code="syntax")]) from None


#: What usually causes a libyaml complaint, by a piece of its wording.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "text holding ': ' must be quoted (\"...\"), or the line is indented too far"),
    ("cannot start any token", "text that starts with `, @ or % must be quoted"),
    ("end of stream", "a quote or bracket is opened and never closed"),
    ("expected key", "check the indentation: keys of one mapping start in the same column"),
    ("'-' indicator", "check the indentation: items of one list start in the same column"),
    ("expected ',' or", "a bracket is opened and never closed, or an item lacks a comma"),
    ("<document start>", "nothing may follow the end of the document ('...')"),
    ("could not find expected ':'", "a line without 'key: value'; is a ':' missing, or a quote unclosed?"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    """A YAML syntax error as a located problem, with what usually causes it."""
    problem, context = error.problem or "invalid YAML", error.context or ""
    start, mark = error.context_mark, error.problem_mark or error.context_mark
    if start is not None and "end of stream" in problem:  # the end of the file says little; point to the start
        mark = start
    if context and start is not None:
        context = f" {context} that starts at line {start.line + 1}, column {start.column + 1}"
    elif context:
        context = f" {context}"
    hint = next((f"; {hint}" for key, hint in _SYNTAX_HINTS if key in problem), "")
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return Problem(f"YAML syntax: {problem}{context}{hint}", file, line, column, code="syntax")


class _Slow(Exception):
    """Raised inside :func:`_build_fast` when the file needs the careful path."""


class _FastLoader(_Loader):  # type: ignore[misc,valid-type]
    """libyaml's composer with no implicit typing: a node keeps a tag only if the file wrote one."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
        return None

    # The composer calls these around every node, for path resolvers; there are none (8% of composing).
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_FAST = _Loader.__name__ == "CSafeLoader"
_FAST_MAX_BRACKETS = 256  # flow nesting the C composer may see: a few hundred levels of C stack at most
_EMPTY = frozenset({""}) | NULLS  # plain values _build refuses
_NOT_KEY = _EMPTY | {"<<"}  # plain keys _build refuses


def _build_fast(text: str, limits: Limits) -> LocDict | None:
    """The tree of a clean file, composed by libyaml in C; None when the file needs :func:`_build`.

    It accepts a file only when :func:`_build` would find no problem in it, and then returns the same tree with
    the same marks; anything else (tags, empty or null values, merge or duplicate keys, non-text keys, several
    documents, syntax errors, sizes past the limits) returns None, and :func:`_build` reports it. The caller has
    already refused anchors, aliases and backslash escapes. A check added to :func:`_build` must make this
    function return None too (``tests/test_parse_fast.py`` compares the two on every bad-input fixture).
    """
    if "\\" in text:  # an escape in double quotes may write a forbidden character, which only _build checks
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if type(node) is not yaml.MappingNode or node.tag is not None:
        return None
    max_length = limits.max_string_length
    max_depth = limits.max_depth
    scalar_node = yaml.ScalarNode
    mapping_node = yaml.MappingNode
    count = 1

    def walk(node: Any, depth: int) -> Any:
        nonlocal count
        if depth > max_depth or node.tag is not None:
            raise _Slow
        mark = node.start_mark
        if type(node) is mapping_node:
            mapping = LocDict((mark.line + 1, mark.column + 1))
            marks = mapping.marks
            count += 2 * len(node.value)
            for key_node, value_node in node.value:
                if type(key_node) is not scalar_node or key_node.tag is not None:
                    raise _Slow
                key = key_node.value
                if key in mapping or len(key) > max_length or (not key_node.style and key in _NOT_KEY):
                    raise _Slow
                if type(value_node) is scalar_node:
                    value = value_node.value
                    if value_node.tag is not None or len(value) > max_length or \
                            (not value_node.style and value in _EMPTY):  # fmt: skip
                        raise _Slow
                else:
                    value = walk(value_node, depth + 1)
                key_mark = key_node.start_mark
                value_mark = value_node.start_mark
                mapping[key] = value
                marks[key] = (key_mark.line + 1, key_mark.column + 1, value_mark.line + 1, value_mark.column + 1)
            return mapping
        sequence = LocList((mark.line + 1, mark.column + 1))
        item_marks = sequence.marks
        count += len(node.value)
        for item_node in node.value:
            if type(item_node) is scalar_node:
                value = item_node.value
                if item_node.tag is not None or len(value) > max_length or \
                        (not item_node.style and value in _EMPTY):  # fmt: skip
                    raise _Slow
            else:
                value = walk(item_node, depth + 1)
            sequence.append(value)
            item_mark = item_node.start_mark
            item_marks.append((item_mark.line + 1, item_mark.column + 1))
        return sequence

    try:
        root: LocDict = walk(node, 1)
    except _Slow:
        return None
    return root if count <= limits.max_items else None


def _build(text: str, file: str, limits: Limits, loader_class: type = _Loader) -> LocDict:
    problems: list[Problem] = []
    stack: list[_Frame] = []
    root: LocDict | None = None
    documents = 0
    items = 0
    aliases: set[str] = set()
    loader = loader_class(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                items += 1
                if items > limits.max_items:
                    raise ParseFailure([too_many(file, _mark(event), limits)])
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
                if event.style == '"':
                    problems.extend(escaped_characters(value, file, _mark(event)))
                if plain and (value == "" or value in NULLS):
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
                    raise ParseFailure([too_deep(file, *mark, limits)])
                stack.append(_Frame(container, is_map))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                if event.anchor not in aliases:  # once per name: an alias bomb repeats the same few names
                    aliases.add(event.anchor)
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
