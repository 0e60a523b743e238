"""``fmt``: rewrite corpus files into the canonical form, keeping comments; and reading one file as the loader does.

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
the file's size.

``fmt`` sees a corpus as the loader does (:func:`coalitions.files.disk.walk`: the same files, the same rule for
links, nothing but regular files read, and never more than ``Limits.max_file_bytes`` + 1 bytes of one). A file it
cannot read or write is a problem of that file, and the run goes on. Every write goes through
:func:`coalitions.files.atomic.write_output`: a file is replaced in one step, keeps its permissions, a symlink stays
a symlink, a read-only file is not replaced, and an interrupted run leaves the old file whole (and a temporary file
that the next run removes).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..model import CoalitionsError, InvalidCorpus, Membership, Problem, Settings, Source
from .atomic import CannotWrite, remove_stale, write_output
from .disk import FOLDERS, ROOT_FILES, Refused, is_corpus, read_limited, shown, walk
from .dump import emit, file_data
from .layout import comments, nodes, place_comments, scan_text, written_hints
from .limits import Limits
from .parse import LocDict, LocList, ParseFailure, parse_yaml
from .reader import INVALID, KINDS
from .settings import ANY, ReadContext

__all__ = ["EditError", "Formatted", "fmt_file", "fmt_paths", "format_text", "kind_of", "read_records", "read_text_file"]


class EditError(CoalitionsError, ValueError):
    """``new`` or ``fmt`` cannot do what was asked (a bad value, an existing file, a comment it cannot place)."""


# -- reading one file as the loader does -------------------------------------------------------------------------


def kind_of(path: Path) -> str:
    """The kind of record file ``path`` is, from its name or its folder's (``sources``, ``declarations``, ...)."""
    if path.name in ROOT_FILES:
        return ROOT_FILES[path.name]
    kind = FOLDERS.get(path.parent.name)
    if kind is None:
        raise EditError(f"{path}: cannot tell the kind of record: expected sources.yaml or a file in organisations/, "
                        "people/, memberships/ or declarations/")  # fmt: skip
    return kind


def read_records(value: LocDict, kind: str, name: str, context: ReadContext = ANY) -> list[Any]:
    """The records of a parsed file of ``kind``, read as the loader reads them in ``context``; raises
    :class:`InvalidCorpus`.

    By default any calendar and any word of the open vocabularies is accepted: ``fmt`` writes what a file says,
    and ``validate`` judges it against the corpus's ``corpus.yaml``; ``new`` passes the corpus's context.
    """
    reader = context.reader(name)
    records: list[Any] = []
    if kind == "settings":
        records.append(reader.record(Settings, value, "", value.mark))
    elif kind in KINDS:
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


def read_text_file(path: Path, limits: Limits | None = None, inside: str | None = None) -> str:
    """The text of corpus file ``path``, read as the loader reads it (a regular file, with the size bound); raises
    :class:`InvalidCorpus` with the file's problem."""
    name = shown(path)
    try:
        data = read_limited(path, limits or Limits(), name, inside)
    except Refused as refused:
        raise InvalidCorpus([refused.problem]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            parse_yaml(data, name, limits)  # reports the encoding problem with its location
        except ParseFailure as failure:
            raise InvalidCorpus(failure.problems) from None
        raise  # pragma: no cover - parse_yaml refuses what does not decode


def format_text(text: str, kind: str, name: str = "<input>", add: Sequence[Any] = ()) -> str:
    """``text``, a file of ``kind`` (``sources``, ``organisations``, ``people``, ``memberships``, ``declarations``),
    in canonical form with its comments kept; raises :class:`InvalidCorpus` for a file with errors.

    ``add``: records to append to a sources or memberships file (what ``coalitions new source`` does).

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
    records = read_records(value, kind, name) + list(add)
    text = text.replace("\r\n", "\n")  # as parse_yaml read it: the marks are the same
    scan = scan_text(text)
    lines = emit(file_data(kind, records), written_hints(value, text, scan))
    result = place_comments(lines, scan.comments, nodes(value))
    if read_records(parse_yaml(result.encode("utf-8"), name), kind, name) != records:  # pragma: no cover - a safety net
        raise EditError(f"{name}: the canonical form would not read back the same; file left as it is")
    kept = sorted(c.text for c in comments(result))
    if kept != sorted(c.text for c in scan.comments):  # pragma: no cover - a safety net
        raise EditError(f"{name}: a comment could not be kept; file left as it is")
    return result


def fmt_file(path: str | os.PathLike[str], *, check: bool = False, limits: Limits | None = None,
             kind: str | None = None, inside: str | None = None) -> bool:  # fmt: skip
    """Rewrite ``path`` in canonical form (atomically); return whether it changed (or, with ``check``, would).

    Raises :class:`InvalidCorpus` for a file with errors or one that cannot be read (not a regular file, too large)
    and :class:`~coalitions.files.atomic.CannotWrite` for one that cannot be written (read-only, a full disk).
    ``inside``: the real path of the corpus the file belongs to, for the rule on links.
    """
    target = Path(path)
    text = read_text_file(target, limits, inside)
    formatted = format_text(text, kind or kind_of(target), shown(target))
    if formatted == text:
        return False
    if not check:
        write_output(target, formatted)
    return True


@attrs.frozen
class Formatted:
    """What :func:`fmt_paths` did: the files it checked, those it changed (with ``check``: that would change), and
    the problems of the files it left alone."""

    checked: list[Path]
    changed: list[Path]
    problems: list[Problem]


def _files(given: Path, limits: Limits, problems: list[Problem]) -> Iterable[tuple[str, Path, str | None]]:
    """``(kind, path, corpus)`` of the files ``fmt`` formats for a path given to it; a corpus folder as the loader
    walks it, one folder of a corpus, or one file."""
    name = shown(given)
    if not os.path.lexists(given):
        problems.append(Problem("no such file or folder", name, code="io"))
        return []
    if not os.path.isdir(given):
        try:
            return [(kind_of(given), given, None)]
        except EditError as error:
            problems.append(Problem(str(error).removeprefix(f"{given}: "), name, code="stray-file"))
            return []
    if is_corpus(given):
        inside = os.path.realpath(given)
        return ((kind, path, inside) for kind, path in walk(given, limits, problems))
    folder = Path(os.path.abspath(given))
    if FOLDERS.get(folder.name) is not None:
        inside = os.path.realpath(folder.parent)
        return ((kind, path, inside) for kind, path in walk(folder.parent, limits, problems, only=folder.name))
    problems.append(Problem("not a corpus folder: it holds none of sources.yaml, organisations/, people/, "
                            "memberships/ and declarations/; give a corpus folder, one of its folders or files",
                            name, code="not-a-corpus"))  # fmt: skip
    return []


def fmt_paths(paths: Sequence[str | os.PathLike[str]], *, check: bool = False,
              limits: Limits | None = None) -> Formatted:  # fmt: skip
    """Format every corpus file under ``paths`` (corpus folders, folders of a corpus, files).

    A file that cannot be read, has errors or cannot be written is a problem, and the others are formatted all the
    same; a path with no corpus file to check is a problem too, so that success always means something was checked.
    """
    limits = limits or Limits()
    result = Formatted([], [], [])
    cleaned: set[Path] = set()
    for given in paths:
        before = (len(result.checked), len(result.problems))
        for kind, path, inside in _files(Path(given), limits, result.problems):
            result.checked.append(path)
            if not check and path.parent not in cleaned:  # temporary files a killed run left here
                cleaned.add(path.parent)
                remove_stale(path.parent)
            try:
                if fmt_file(path, check=check, limits=limits, kind=kind, inside=inside):
                    result.changed.append(path)
            except InvalidCorpus as error:
                result.problems.extend(error.problems)
            except CannotWrite as error:
                result.problems.append(Problem(f"cannot write: {error.reason}; file left as it is", shown(path),
                                               code="io"))  # fmt: skip
            except EditError as error:
                result.problems.append(Problem(str(error), shown(path), code="fmt"))
        if (len(result.checked), len(result.problems)) == before:
            result.problems.append(Problem("no corpus files to format here", shown(Path(given)), code="empty"))
    return result
