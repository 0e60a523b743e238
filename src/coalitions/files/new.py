"""``coalitions new``: a record to fill in, for every kind of record, that passes ``coalitions validate`` at once.

A declaration, an organisation or a person is a file of its own, written with a comment above each field and the
optional fields listed at the end; it never replaces anything (not even a symbolic link). A source is added to the
corpus's ``sources.yaml``, a membership to its organisation's file in ``memberships/``; each file is created if it is
not there, else rewritten in canonical form (:func:`coalitions.files.edit.format_text`, comments kept) with the new
entry at the end of its list.

The values are checked as the loader checks a file, before anything is written: the record is written as YAML
and read back by the loader's reader (an escape character, a bidirectional control, an empty title, a month name
in a date, non-ASCII digits are refused with the option they came from), and then checked with the corpus it joins
(:func:`coalitions.files.checks.check`: a source that is not in ``sources.yaml``, a member that is neither an
organisation nor a person, an id or a name already taken, a membership cycle). Only what is new in that check stops
``new``: errors the corpus already had are for ``coalitions validate``.

``new`` writes only into a corpus folder (one holding ``sources.yaml`` or a folder of records), or, for a source,
into an empty folder, which starts a corpus there; a record other than a source needs ``sources.yaml`` first, since
it must cite a source.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..model import Corpus, InvalidCorpus, Membership, Problem, Source
from .atomic import CannotWrite, remove_stale, write_output
from .checks import check
from .disk import is_corpus, shown, walk
from .dump import DateText, Line, emit, file_data, ordered_fields, render
from .edit import EditError, format_text, read_records, read_text_file
from .limits import Limits
from .loader import load_file
from .parse import ParseFailure, parse_yaml
from .reader import ID_PATTERN
from .schema import FIELD_HELP
from .settings import ANY, ReadContext, context_of

__all__ = ["NEW_KINDS", "new_file", "new_record", "new_text"]

#: What ``new`` makes: kind -> (the kind of file it goes in, required options, optional options).
NEW_KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "declaration": ("declarations", ("id", "title", "kind", "date", "source"), ("place", "language")),
    "organisation": ("organisations", ("id", "name", "kind", "source"), ("founded", "headquarters")),
    "person": ("people", ("id", "name", "source"), ()),
    "source": ("sources", ("id", "title"), ("publisher", "author", "url", "date", "language")),
    "membership": ("memberships", ("organisation", "member", "source"), ("role", "start", "end")),
}
_DATES = frozenset({"date", "founded", "start", "end"})
_IDS = ("id", "source", "organisation", "member")
_START = "mkdir my-corpus && coalitions new source --data my-corpus --id ID --title TITLE"


def _values(kind: str, fields: Mapping[str, str | None]) -> dict[str, str]:
    """The options given for ``kind``, stripped; a required one missing or blank, or an id option that is not an id,
    is an :class:`~coalitions.files.edit.EditError`."""
    if kind not in NEW_KINDS:
        raise EditError(f"cannot make a new {kind!r}; expected one of {', '.join(NEW_KINDS)}")
    _, required, optional = NEW_KINDS[kind]
    values = {}
    for key in (*required, *optional):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            values[key] = value.strip()
        elif key in required:
            raise EditError(f"--{key} is {'empty' if isinstance(value, str) else 'missing'}; give the {key}")
    for key in _IDS:
        if key in values and not ID_PATTERN.fullmatch(values[key]):
            hint = re.sub(r"[^a-z0-9]+", "-", values[key].lower()).strip("-")
            raise EditError(f"--{key} {values[key]!r} is not a valid id: use lower-case ASCII letters and digits "
                            "joined by hyphens" + (f" (such as {hint!r})" if hint else ""))  # fmt: skip
    return values


def _document(kind: str, values: dict[str, str]) -> dict[str, Any]:
    """The file document holding the new record, as plain data (YAML keys, dates marked as dates)."""
    data: dict[str, Any] = {}
    for key, value in values.items():
        if kind == "membership" and key == "organisation":
            continue
        if key == "source":
            data["sources"] = [value]
        else:
            data[key] = DateText(value) if key in _DATES else value
    if kind == "source":
        return {"sources": [data]}
    if kind == "membership":
        return {"organisation": values["organisation"], "members": [data]}
    return data


def _option(problem: Problem, lines: list[Line]) -> str:
    """The option a problem of the new record's text comes from."""
    field = problem.field
    if not field and 0 < problem.line <= len(lines):  # a problem of the text, found before it was parsed
        path = lines[problem.line - 1].path or ()
        field = ".".join(str(p) for p in path if isinstance(p, str))
    parts = [p for p in re.split(r"[.\[\]]", field) if p and not p.isdigit() and p not in ("members",)]
    if kind_key := (parts[-1] if parts else ""):
        return "--source" if kind_key == "sources" and len(parts) == 1 else f"--{kind_key}"
    return "the values"


def new_record(kind: str, fields: Mapping[str, str | None], context: ReadContext = ANY) -> Any:
    """The record ``new`` would write for ``fields`` (option name -> text), read back by the loader's reader in the
    corpus's ``context`` (its calendars and vocabulary; by default any of them, for a file outside a corpus); raises :class:`~coalitions.files.edit.EditError` naming
    each option whose value the loader would refuse."""
    values = _values(kind, fields)
    document = _document(kind, values)
    lines = emit(document)
    folder = NEW_KINDS[kind][0]
    try:
        records = read_records(parse_yaml(render(document).encode("utf-8"), f"new {kind}"), folder, f"new {kind}",
                               context)  # fmt: skip
    except (ParseFailure, InvalidCorpus) as error:
        problems = error.problems
        raise EditError("; ".join(f"{_option(p, lines)}: {p.message}" for p in problems)) from None
    return records[-1]


def new_text(kind: str, fields: Mapping[str, str | None]) -> str:
    """The YAML text of a new file of ``kind`` holding the new record, a comment above each field and the optional
    fields listed, commented out, at the end."""
    record = new_record(kind, fields)
    cls = type(record)
    folder = NEW_KINDS[kind][0]
    document = file_data(folder, [record])
    out = [f"# A new {kind}; see docs/format.md. Check it with: coalitions validate"]
    keys = {k: a.name for k, a in ordered_fields(cls)}
    item = folder in ("sources", "memberships")  # the record is the first item of the file's list
    written = set()
    for line in emit(document):
        path = line.path or ()
        key = None
        if item and len(path) == 2:  # "- key: value": the item's first field shares its line
            key = next(iter(document[path[0]][path[1]]))
        elif len(path) == (3 if item else 1) and isinstance(path[-1], str):
            key = path[-1]
        if key in keys:
            written.add(key)
            required = attrs.fields_dict(cls)[keys[key]].default is attrs.NOTHING
            indent = " " * (len(line.text) - len(line.text.lstrip(" ")))
            help_text = FIELD_HELP.get(f"{cls.__name__}.{keys[key]}", "")
            out.append(f"{indent}# {key}{' (required)' if required else ''}: {help_text}")
        out.append(line.text)
    optional = [(k, a) for k, a in keys.items() if k not in written]
    if optional and item:  # a list file grows: a note at its top, not lines that would follow a later entry
        out.insert(1, f"# Other fields of a {kind}: {', '.join(k for k, _ in optional)} (docs/format.md)")
    elif optional:
        out.append("")
        out.append("# Optional fields (remove the '# ' to use one):")
        out.extend(f"# {k}: ...  ({FIELD_HELP.get(f'{cls.__name__}.{a}', '')})" for k, a in optional)
    return "".join(f"{line}\n" for line in out)


def _corpus_of(root: Path) -> Corpus:
    """The records of the corpus at ``root``, each file read alone (a file with errors is left out)."""
    found: dict[str, list[Any]] = {k: [] for k in ("organisations", "people", "memberships", "declarations", "sources")}
    for kind, path in walk(root, Limits(), []):
        try:
            value = load_file(path)
        except InvalidCorpus:
            continue
        if kind in ("sources", "memberships"):
            found[kind].extend(value)
        else:
            found[kind].append(value)
    return Corpus(found["organisations"], found["people"], found["memberships"], found["declarations"],
                  found["sources"])  # fmt: skip


def _with(corpus: Corpus, record: Any) -> Corpus:
    parts = {"organisations": list(corpus.organisations), "people": list(corpus.people),
             "memberships": list(corpus.memberships), "declarations": list(corpus.declarations),
             "sources": list(corpus.sources)}  # fmt: skip
    kinds = {Source: "sources", Membership: "memberships"}
    parts[kinds.get(type(record)) or {"Organisation": "organisations", "Person": "people",
                                      "Declaration": "declarations"}[type(record).__name__]].append(record)  # fmt: skip
    return Corpus(**parts)


def _check_with_corpus(root: Path, kind: str, record: Any) -> None:
    """Refuse ``record`` if adding it to the corpus at ``root`` would add an error (a cross-record check)."""
    corpus = _corpus_of(root)
    before = {str(p) for p in check(corpus) if p.severity == "error"}
    new = [p for p in check(_with(corpus, record)) if p.severity == "error" and str(p) not in before]
    if not new:
        return
    messages = list(dict.fromkeys(p.message for p in new))
    if kind != "source" and not corpus.sources:
        messages.append(f"{shown(root / 'sources.yaml')} holds no source that reads; add one first: coalitions new "
                        f"source --data {root} --id ID --title TITLE")  # fmt: skip
    raise EditError("; ".join(messages))


def _check_folder(root: Path, kind: str) -> None:
    """Refuse a folder ``new`` must not write into: not there, not a corpus (unless empty, for a first source), or
    a corpus without ``sources.yaml`` for a record that must cite a source."""
    if not root.is_dir():
        exists = "is not a folder" if os.path.lexists(root) else "does not exist"
        raise EditError(f"{root} {exists}; to start a corpus: {_START}")
    first_source = f"coalitions new source --data {root} --id ID --title TITLE"
    if not is_corpus(root):
        empty = not any(not name.startswith(".") for name in os.listdir(root))
        if empty and kind != "source":
            raise EditError(f"{root} is empty; a corpus starts with a source, which every record cites: "
                            f"{first_source}")  # fmt: skip
        if not empty:
            raise EditError(f"{root} is not a corpus folder (it has no sources.yaml, declarations/, organisations/, "
                            "people/ or memberships/); give the corpus with --data, or start one in a new, empty "
                            f"folder: {_START}")  # fmt: skip
    if kind != "source" and not os.path.lexists(root / "sources.yaml"):
        article = "an" if kind[0] in "aeiou" else "a"
        raise EditError(f"{root} has no sources.yaml, and {article} {kind} must cite a source; add one first: "
                        f"{first_source}")  # fmt: skip


def _make_folder(folder: Path, root: Path) -> None:
    """Create ``folder`` of the corpus if it is not there; refuse one that is a link out of the corpus or to
    nothing (``new`` never writes through such a link)."""
    if os.path.lexists(folder):
        real, inside = os.path.realpath(folder), os.path.realpath(root)
        if not os.path.isdir(folder) or not (real == inside or real.startswith(inside.rstrip(os.sep) + os.sep)):
            raise EditError(f"{folder} is not a folder of the corpus (a link out of it, to nothing, or a file); "
                            "not writing there")  # fmt: skip
        return
    try:
        folder.mkdir()
    except OSError as error:
        raise CannotWrite(folder, (error.strerror or str(error)).lower()) from None


def new_file(folder: str | os.PathLike[str], kind: str, fields: Mapping[str, str | None]) -> Path:
    """Add a new ``kind`` record with ``fields`` to the corpus in ``folder``; return the file written.

    A declaration, organisation or person is a new file, never written over anything; a source goes into
    ``sources.yaml``, a membership into ``memberships/ORGANISATION.yaml`` (created, or rewritten with the new entry
    last). Raises :class:`~coalitions.files.edit.EditError` for values the corpus would refuse and
    :class:`~coalitions.files.atomic.CannotWrite` when the file cannot be written.
    """
    root = Path(folder)
    _check_folder(root, kind)
    record = new_record(kind, fields, context_of(root))
    file_kind = NEW_KINDS[kind][0]
    if kind == "source":
        target = root / "sources.yaml"
    elif kind == "membership":
        target = root / "memberships" / f"{record.organisation}.yaml"
    else:
        target = root / file_kind / f"{record.id}.yaml"
    appending = kind in ("source", "membership") and os.path.lexists(target)
    if not appending and os.path.lexists(target):
        link = " (a symbolic link)" if target.is_symlink() else ""
        raise EditError(f"{target}{link} exists; not overwriting it (edit it, or choose another id)")
    _check_with_corpus(root, kind, record)
    _make_folder(target.parent, root)
    remove_stale(target.parent)
    if appending:
        inside = os.path.realpath(root)
        try:
            old = read_text_file(target, inside=inside)
            text = format_text(old, file_kind, shown(target), add=[record])
        except InvalidCorpus as error:
            raise EditError(f"{shown(target)} has errors; fix them first (coalitions validate): "
                            f"{error.problems[0]}") from None  # fmt: skip
        if read_text_file(target, inside=inside) != old:  # pragma: no cover - a race with another writer
            raise EditError(f"{shown(target)} changed while it was being written; run the command again")
        write_output(target, text)
        return target
    try:
        written = write_output(target, new_text(kind, fields), exclusive=True)
    except CannotWrite as error:
        if "already exists" in error.reason or "appeared" in error.reason:
            raise EditError(f"{target} exists; not overwriting it (edit it, or choose another id)") from None
        raise
    assert written is not None
    return written
