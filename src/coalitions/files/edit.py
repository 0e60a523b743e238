"""Editing the YAML files: ``new`` writes a record file to fill in, ``fmt`` rewrites files into the canonical form.

``fmt`` reads each file strictly, as the loader does (a file with errors is reported and left alone), and writes it
back in the canonical form of :mod:`coalitions.files.dump`, keeping how each text was written where that reads back
the same (quotes, folded blocks at their line breaks, lists in brackets; docs/editors.md) and its comments:

* a comment on a line of its own stays before the field or list item it preceded, indented like it; a blank line
  before such a comment block is kept (other blank lines are not);
* a comment at the end of a line stays at the end of the line of the field or item that started on that line;
* where that field disappears in the canonical form (a one-claim date list becomes a plain date, ``{source: x}``
  becomes ``x``), the comment goes to the nearest enclosing field that remains; an end-of-line comment that
  would meet another one becomes a comment line of its own;
* comments after the last field stay at the end of the file.

So no comment is lost: every comment of the input is in the output, character for character (a test checks it),
and the output reads back as the same records. One pass of libyaml's scanner finds the comments and how each value
was written (:mod:`coalitions.files.layout`), and each comment finds its node by bisection, so the time is linear in
the file's size. Every write is atomic (:func:`coalitions.files.atomic.write_atomic`):
the file keeps its permissions, a symlink stays a symlink, and an interrupted run leaves the old file whole.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..model import (
    Citation,
    CoalitionsError,
    DateClaim,
    DateError,
    Declaration,
    DeclarationKind,
    InvalidCorpus,
    Membership,
    Organisation,
    OrganisationKind,
    Problem,
    Source,
    parse_when,
)
from .atomic import write_atomic
from .dump import emit, file_data, ordered_fields
from .layout import comments, nodes, place_comments, scan_text, written_hints
from .parse import LocDict, LocList, ParseFailure, parse_yaml
from .reader import ID_PATTERN, INVALID, KINDS, Reader
from .schema import FIELD_HELP

__all__ = ["EditError", "NEW_KINDS", "fmt_file", "fmt_paths", "format_text", "new_file", "new_text"]


class EditError(CoalitionsError, ValueError):
    """``new`` or ``fmt`` cannot do what was asked (a bad value, an existing file, a comment it cannot place)."""


# -- reading one file as the loader does -------------------------------------------------------------------------


def _kind_of(path: Path) -> str:
    if path.name == "sources.yaml":
        return "sources"
    if path.parent.name in (*KINDS, "memberships"):
        return path.parent.name
    raise EditError(f"{path}: cannot tell the kind of record: expected sources.yaml or a file in organisations/, "
                    "people/, memberships/ or declarations/")  # fmt: skip


def _read(value: LocDict, kind: str, name: str) -> list[Any]:
    reader = Reader(name)
    records: list[Any] = []
    if kind in KINDS:
        records.append(reader.record(KINDS[kind], value, "", value.mark))
    else:
        key = "sources" if kind == "sources" else "members"
        allowed = {"sources"} if kind == "sources" else {"organisation", "members"}
        for extra in sorted(set(value) - allowed):
            reader.problem(f"unknown field {extra!r}; this file takes {', '.join(sorted(allowed))}", extra,
                           value.key_mark(extra), "unknown-field")  # fmt: skip
        items = value.get(key)
        organisation = value.get("organisation")
        if not isinstance(items, LocList) or (kind == "memberships" and not isinstance(organisation, str)):
            reader.problem(f"expected a list of {key}", key, value.value_mark(key), "type")
        else:
            cls, extra_fields = (Source, None) if kind == "sources" else (Membership, {"organisation": organisation})
            for i, (item, mark) in enumerate(zip(items, items.marks)):
                records.append(reader.record(cls, item, f"{key}[{i}]", mark, extra_fields))
    if reader.problems or any(r is INVALID for r in records):
        raise InvalidCorpus(reader.problems)
    return records


def format_text(text: str, kind: str, name: str = "<input>") -> str:
    """``text``, a file of ``kind`` (``sources``, ``organisations``, ``people``, ``memberships``, ``declarations``),
    in canonical form with its comments kept; raises :class:`InvalidCorpus` for a file with errors.

    >>> print(format_text("# a person\\nname: Ahmad  # as printed\\nid: ahmad\\nsources:\\n- {source: doc}\\n", "people"), end="")
    id: ahmad
    # a person
    name: Ahmad  # as printed
    sources:
      - doc
    """
    try:
        value = parse_yaml(text.encode("utf-8"), name)
    except ParseFailure as failure:
        raise InvalidCorpus(failure.problems) from None
    records = _read(value, kind, name)
    text = text.replace("\r\n", "\n")  # as parse_yaml read it: the marks are the same
    scan = scan_text(text)
    lines = emit(file_data(kind, records), written_hints(value, text, scan))
    result = place_comments(lines, scan.comments, nodes(value))
    if _read(parse_yaml(result.encode("utf-8"), name), kind, name) != records:  # pragma: no cover - a safety net
        raise EditError(f"{name}: the canonical form would not read back the same; file left as it is")
    kept = sorted(c.text for c in comments(result))
    if kept != sorted(c.text for c in scan.comments):  # pragma: no cover - a safety net
        raise EditError(f"{name}: a comment could not be kept; file left as it is")
    return result


def fmt_file(path: str | os.PathLike[str], *, check: bool = False) -> bool:
    """Rewrite ``path`` in canonical form (atomically); return whether it changed (or, with ``check``, would)."""
    target = Path(path)
    data = target.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""  # parse_yaml reports the encoding problem with its location
    if not text:
        parse_yaml(data, str(target))
    formatted = format_text(text, _kind_of(target), str(target))
    if formatted == text.replace("\r\n", "\n") and "\r\n" not in text:
        return False
    if not check:
        write_atomic(target, formatted)
    return True


def _corpus_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if (root / "sources.yaml").is_file():
        yield root / "sources.yaml"
    for folder in ("organisations", "people", "memberships", "declarations"):
        yield from sorted((root / folder).glob("*.yaml"))


def fmt_paths(paths: list[str | os.PathLike[str]], *, check: bool = False) -> tuple[list[Path], list[Problem]]:
    """Format every corpus file under ``paths`` (files or corpus folders); return the files changed (or that would
    change) and the problems of files left alone because they have errors."""
    changed: list[Path] = []
    problems: list[Problem] = []
    for root in paths:
        root_path = Path(root)
        if not root_path.exists():
            raise EditError(f"{root_path}: no such file or folder")
        for path in _corpus_files(root_path):
            try:
                if fmt_file(path, check=check):
                    changed.append(path)
            except InvalidCorpus as error:
                problems.extend(error.problems)
            except ParseFailure as failure:
                problems.extend(failure.problems)
    return changed, problems


# -- new ---------------------------------------------------------------------------------------------------------

#: What ``new`` makes: kind -> (folder, required options, optional options).
NEW_KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "declaration": ("declarations", ("id", "title", "kind", "date", "source"), ("place", "language")),
    "organisation": ("organisations", ("id", "name", "kind", "source"), ("founded", "headquarters")),
}


def _build(kind: str, fields: Mapping[str, str]) -> Any:
    def text(key: str) -> str | None:
        value = fields.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    for key in ("id", "source"):
        if not ID_PATTERN.fullmatch(text(key) or ""):
            hint = re.sub(r"[^a-z0-9]+", "-", (text(key) or "").lower()).strip("-")
            raise EditError(f"{key} {fields.get(key)!r} is not an id: use lower-case ASCII letters and digits joined "
                            f"by hyphens" + (f" (such as {hint!r})" if hint else ""))  # fmt: skip
    choices = DeclarationKind if kind == "declaration" else OrganisationKind
    values = [k.value for k in choices]
    if text("kind") not in values:
        raise EditError(f"kind {fields.get('kind')!r} is not one of {', '.join(values)}")
    try:
        if kind == "declaration":
            return Declaration(text("id"), text("title"), DeclarationKind(text("kind")),  # type: ignore[arg-type]
                               (DateClaim(parse_when(text("date") or "")),), (Citation(text("source")),),  # type: ignore[arg-type]
                               place=text("place"), language=text("language"))  # fmt: skip
        founded = text("founded")
        return Organisation(text("id"), text("name"), OrganisationKind(text("kind")),  # type: ignore[arg-type]
                            (Citation(text("source")),),  # type: ignore[arg-type]
                            founded=(DateClaim(parse_when(founded)),) if founded else (),
                            headquarters=text("headquarters"))  # fmt: skip
    except DateError as error:
        raise EditError(f"date: {error}") from None


def new_text(kind: str, fields: Mapping[str, str]) -> str:
    """The YAML text of a new ``declaration`` or ``organisation`` with ``fields``, a comment above each field and
    the optional fields listed, commented out, at the end."""
    if kind not in NEW_KINDS:
        raise EditError(f"cannot make a new {kind!r}; expected one of {', '.join(NEW_KINDS)}")
    record = _build(kind, fields)
    cls = type(record)
    out = [f"# A new {kind}; see docs/format.md. Check it with: coalitions validate"]
    keys = {k: a.name for k, a in ordered_fields(cls)}
    for line in emit(file_data(NEW_KINDS[kind][0], [record])):
        if line.path is not None and len(line.path) == 1:
            required = attrs.fields_dict(cls)[keys[line.path[0]]].default is attrs.NOTHING
            help_text = FIELD_HELP.get(f"{cls.__name__}.{keys[line.path[0]]}", "")
            out.append(f"# {line.path[0]}{' (required)' if required else ''}: {help_text}")
        out.append(line.text)
    written = set(file_data(NEW_KINDS[kind][0], [record]))
    optional = [(k, a) for k, a in keys.items() if k not in written]
    if optional:
        out.append("")
        out.append("# Optional fields (remove the '# ' to use one):")
        out.extend(f"# {k}: ...  ({FIELD_HELP.get(f'{cls.__name__}.{a}', '')})" for k, a in optional)
    return "".join(f"{line}\n" for line in out)


def new_file(folder: str | os.PathLike[str], kind: str, fields: Mapping[str, str],
             known_sources: Callable[[], set[str] | None] | None = None) -> Path:  # fmt: skip
    """Write a new ``kind`` file in corpus ``folder`` (never over an existing file); return its path.

    ``source`` must be a source of the corpus's ``sources.yaml`` when that file exists, so that the new file passes
    ``coalitions validate`` at once.
    """
    text = new_text(kind, fields)
    root = Path(folder)
    sources = known_sources() if known_sources is not None else _sources_of(root)
    source = fields["source"].strip()
    if sources is not None and source not in sources:
        import difflib

        close = difflib.get_close_matches(source, sorted(sources), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; add it to {root / 'sources.yaml'} first"
        raise EditError(f"source {source!r} is not in {root / 'sources.yaml'}{hint}")
    target = root / NEW_KINDS[kind][0] / f"{fields['id'].strip()}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        return write_atomic(target, text, exclusive=True)
    except FileExistsError:
        raise EditError(f"{target} exists; not overwriting it (edit it, or choose another id)") from None


def _sources_of(root: Path) -> set[str] | None:
    path = root / "sources.yaml"
    if not path.is_file():
        return None
    try:
        value = parse_yaml(path.read_bytes(), str(path))
    except ParseFailure:
        return None
    items = value.get("sources")
    return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)} if isinstance(items, list) else None
