"""How a YAML file is laid out, beyond what it says: its comments and how each value was written.

``fmt`` (:mod:`coalitions.files.edit`) writes a file's records in the canonical form of :mod:`coalitions.files.dump`;
this module finds, in one pass of libyaml's scanner, what of the old layout to keep (:func:`scan_text`): every
comment, with its line and whether a blank line precedes it, and how each text and list was written
(:func:`written_hints`, for :func:`~coalitions.files.dump.emit`). :func:`place_comments` then puts each comment
back beside the field or list item it belonged to, found by bisection in the sorted nodes
(:func:`nodes`): the whole is linear in the size of the file.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import attrs
import yaml

from .dump import Line, Written
from .parse import LocDict, LocList
from .screen import Loader as CLoader
from .screen import Mark

__all__ = ["Comment", "Node", "Scan", "comments", "nodes", "place_comments", "scan_text", "written_hints"]

_COMMENT = re.compile(r"#[^\n]*")
_STYLES = {"": "plain", None: "plain", '"': "double", "'": "single", ">": "folded", "|": "literal"}


@attrs.frozen
class Comment:
    """A comment: its text from ``#``, its line, whether it is alone on its line, and after a blank line."""

    text: str
    line: int  # 1-based
    own_line: bool
    blank_before: bool


@attrs.define
class Scan:
    """What one pass of YAML's scanner says of a file: its comments (the ``#`` runs in the gaps between tokens),
    where each text starts (its style and extent) and, for each list in brackets, the line it ends on."""

    comments: list[Comment] = attrs.Factory(list)
    scalars: dict[Mark, tuple[str, int, int]] = attrs.Factory(dict)
    flows: dict[Mark, int] = attrs.Factory(dict)


def _tokens(text: str) -> list[Any]:
    try:
        return list(yaml.scan(text, Loader=CLoader))
    except yaml.YAMLError:  # pragma: no cover - libyaml's own nesting limit; the pure-Python scanner has none
        return list(yaml.scan(text, Loader=yaml.SafeLoader))


_SCALAR, _FLOW_STARTS = yaml.ScalarToken, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def scan_text(text: str) -> Scan:
    """Scan ``text`` (LF line endings) once; linear in its length.

    A comment is a ``#`` run that no token covers: the candidates are found in one pass of a regular expression,
    and each is looked up among the tokens' starts by bisection.
    """
    scan = Scan()
    spans_start: list[int] = []
    spans_end: list[int] = []
    opened: list[tuple[Any, Mark]] = []
    for token in _tokens(text):
        start_mark = token.start_mark
        start, end = start_mark.index, token.end_mark.index
        if end > start:
            spans_start.append(start)
            spans_end.append(end)
        cls = type(token)
        if cls is _SCALAR:
            scan.scalars[(start_mark.line + 1, start_mark.column + 1)] = (_STYLES.get(token.style, "plain"), start, end)
        elif cls in _FLOW_STARTS:
            opened.append((cls, (start_mark.line + 1, start_mark.column + 1)))
        elif cls in _FLOW_ENDS and opened:
            kind, begun = opened.pop()
            if kind is yaml.FlowSequenceStartToken:
                scan.flows[begun] = start_mark.line + 1
    if "#" not in text:
        return scan
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for match in _COMMENT.finditer(text):
        at = match.start()
        i = bisect.bisect_right(spans_start, at) - 1
        if i >= 0 and at < spans_end[i]:  # inside a token (a text holding '#'): not a comment
            continue
        line = bisect.bisect_right(starts, at)
        line_start = starts[line - 1]
        own = not text[line_start:at].strip()
        blank = own and line >= 2 and not text[starts[line - 2] : line_start].strip()
        scan.comments.append(Comment(match.group().rstrip(), line, own, blank))
    return scan


def comments(text: str) -> list[Comment]:
    """Every comment of ``text``."""
    return scan_text(text.replace("\r\n", "\n")).comments


def _written(value: str, style: str, raw: str) -> Written:
    """How text ``value`` was written, from its ``style`` and its ``raw`` source text."""
    if style == "folded" or (style == "plain" and "\n" in raw):
        lines = [line.strip() for line in raw.split("\n")[1 if style == "folded" else 0 :]]
        while lines and not lines[-1]:
            lines.pop()
        return Written("folded", value, tuple(lines))
    return Written(style, value)


def written_hints(value: LocDict, text: str, scan: Scan) -> dict[tuple[Any, ...], Written]:
    """How every text and list of ``value``, parsed from ``text``, was written, by path (for
    :func:`~coalitions.files.dump.emit`); an iterative walk, so no depth of nesting can exhaust the stack."""
    out: dict[tuple[Any, ...], Written] = {}
    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack:
        node, here = stack.pop()
        if isinstance(node, LocDict):
            children = [(item, (*here, key), node.value_mark(key)) for key, item in node.items()]
        else:
            children = [(item, (*here, i), mark) for i, (item, mark) in enumerate(zip(node, node.marks))]
        for item, where, mark in children:
            if isinstance(item, str):
                found = scan.scalars.get(mark)
                if found is not None:
                    out[where] = _written(item, found[0], text[found[1] : found[2]])
            else:
                if isinstance(item, LocList) and scan.flows.get(mark) == mark[0]:
                    out[where] = Written("flow")
                stack.append((item, where))
    return out


Node = tuple[int, int, int, tuple[Any, ...]]  # line, column, depth, path: sorted, the order a reader meets them


def nodes(value: LocDict) -> list[Node]:
    """Every key and list item of a parsed document, in the order of the text."""
    out: list[Node] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, LocDict):
            for key, item in node.items():
                line, column = node.key_mark(key)
                out.append((line, column, len(path) + 1, (*path, key)))
                if isinstance(item, (LocDict, LocList)):
                    stack.append((item, (*path, key)))
        elif isinstance(node, LocList):
            for i, (item, (line, column)) in enumerate(zip(node, node.marks)):
                out.append((line, column - 2 if isinstance(item, LocDict) else column, len(path) + 1, (*path, i)))
                if isinstance(item, (LocDict, LocList)):
                    stack.append((item, (*path, i)))
    out.sort(key=lambda n: n[:3])
    return out


def _target(comment: Comment, nodes: list[Node], keys: list[tuple[int, int, int]]) -> tuple[Any, ...] | None:
    """The path a comment belongs to: the next node for a comment line, the node of its line for an end comment
    (else the last node before it); found by bisection in the sorted nodes."""
    if comment.own_line:
        i = bisect.bisect_left(keys, (comment.line + 1,))
        return nodes[i][3] if i < len(nodes) else None
    i = bisect.bisect_left(keys, (comment.line,))
    if i < len(nodes) and nodes[i][0] == comment.line:
        return nodes[i][3]
    if i == 0:
        return None
    first = bisect.bisect_left(keys, (nodes[i - 1][0],))
    return nodes[first][3]


def place_comments(lines: list[Line], comments: list[Comment], nodes: list[Node]) -> str:
    """The text of ``lines`` (the canonical form) with each of ``comments`` (of the file whose ``nodes`` are given)
    beside the line of the field or item it belonged to."""
    index = {line.path: i for i, line in reversed(list(enumerate(lines))) if line.path is not None}
    before: dict[int, list[str]] = {}
    trailing: dict[int, str] = {}
    at_end: list[str] = []
    keys = [n[:3] for n in nodes]
    for comment in comments:
        path = _target(comment, nodes, keys)
        if path is None:
            at_end.extend(([""] if comment.blank_before else []) + [comment.text])
            continue
        while path and path not in index:
            path = path[:-1]
        where = index.get(path, 0) if path else 0
        if not comment.own_line and where not in trailing:
            trailing[where] = comment.text
            continue
        indent = len(lines[where].text) - len(lines[where].text.lstrip(" "))
        block = before.setdefault(where, [])
        if comment.blank_before and (where > 0 or block):
            block.append("")
        block.append(" " * indent + comment.text)
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(before.get(i, []))
        out.append(f"{line.text}  {trailing[i]}" if i in trailing else line.text)
    out.extend(at_end)
    return "".join(f"{line}\n" for line in out)
