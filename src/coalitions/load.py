"""Load a corpus folder (or the bundled data) into a :class:`~coalitions.corpus.Corpus`, or explain every mistake.

``load(path)`` reads every file strictly (:mod:`coalitions.parse`), turns records into model objects
(:mod:`coalitions.records`), runs the cross-record checks (:mod:`coalitions.check`) and either returns the corpus,
with its warnings, or raises :class:`~coalitions.errors.InvalidCorpus` with every error of every file, sorted by
file and line.
"""

from __future__ import annotations

import importlib.resources
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .check import RecordKey, check
from .corpus import Corpus
from .errors import InvalidCorpus, Problem
from .model import Declaration, Membership, Organisation, Person, Source
from .parse import Limits, LocDict, LocList, Mark, ParseFailure, parse_yaml
from .records import INVALID, KINDS, Reader

__all__ = ["bundled_data_path", "load", "load_file"]

_IGNORED = {"README.md", "readme.md", "LICENSE"}
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def bundled_data_path() -> Path:
    """Where the bundled corpus is: inside the installed package, or ``data/`` of a source checkout."""
    packaged = importlib.resources.files("coalitions") / "_data"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / "declarations").is_dir():
        return checkout
    raise FileNotFoundError("the bundled data is missing from this installation of coalitions")  # pragma: no cover


class _Located:
    """Remembers where each record came from, to locate problems found later."""

    def __init__(self) -> None:
        self.records: dict[RecordKey, tuple[str, LocDict]] = {}

    def add(self, key: RecordKey, file: str, value: LocDict) -> None:
        self.records.setdefault(key, (file, value))

    def __call__(self, key: RecordKey, field: str) -> tuple[str, int, int]:
        found = self.records.get(key)
        if found is None:
            return ("", 0, 0)
        file, node = found
        mark: Mark = node.mark
        current: Any = node
        for name, index in _SEGMENT.findall(field):
            if name and isinstance(current, LocDict):
                if name not in current:
                    break
                mark = current.value_mark(name)
                current = current[name]
            elif index and isinstance(current, LocList) and int(index) < len(current):
                mark = current.marks[int(index)]
                current = current[int(index)]
            else:
                break
        return (file, *mark)


def _display(path: Path, root: Path | None) -> str:
    """A file name for messages: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _read_file(path: Path, limits: Limits, problems: list[Problem]) -> LocDict | None:
    name = _display(path, None)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            problems.append(Problem(f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} "
                                    "(Limits.max_file_bytes); split it or raise the limit", name,
                                    code="file-too-large"))  # fmt: skip
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(f"cannot read: {error.strerror or error}", name, code="io"))
        return None
    try:
        return parse_yaml(data, name, limits)
    except ParseFailure as failure:
        problems.extend(failure.problems)
        return None


class _Collector:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.located = _Located()
        self.organisations: list[Organisation] = []
        self.people: list[Person] = []
        self.declarations: list[Declaration] = []
        self.sources: list[Source] = []
        self.memberships: list[Membership] = []
        self.unreadable: set[str] = set()

    def top(self, reader: Reader, value: LocDict, allowed: dict[str, bool]) -> bool:
        ok = True
        for key in value:
            if key not in allowed:
                expected = ", ".join(allowed)
                reader.problem(f"unknown field {key!r}; this file takes {expected}", key, value.key_mark(key),
                               "unknown-field")  # fmt: skip
                ok = False
        for key, required in allowed.items():
            if required and key not in value:
                reader.problem(f"missing required field {key!r}", key, value.mark, "missing")
                ok = False
        return ok

    def sources_file(self, path: Path, value: LocDict) -> None:
        name = _display(path, None)
        reader = Reader(name)
        if self.top(reader, value, {"sources": True}):
            items = value["sources"]
            if not isinstance(items, LocList):
                reader.problem("expected a list of sources", "sources", value.value_mark("sources"), "type")
            else:
                for i, (item, mark) in enumerate(zip(items, items.marks)):
                    source = reader.record(Source, item, f"sources[{i}]", mark)
                    if source is INVALID and isinstance(item, LocDict) and isinstance(item.get("id"), str):
                        self.unreadable.add(item["id"])
                    if source is not INVALID:
                        self.sources.append(source)
                        self.located.add(("source", source.id), name, item)
        self.problems.extend(reader.problems)

    def memberships_file(self, path: Path, value: LocDict) -> None:
        name = _display(path, None)
        reader = Reader(name)
        if self.top(reader, value, {"organisation": True, "members": True}):
            organisation = value["organisation"]
            if organisation != path.stem:
                reader.problem(f"organisation {organisation!r} does not match the file name {path.stem!r}",
                               "organisation", value.value_mark("organisation"), "file-name")  # fmt: skip
            members = value["members"]
            if not isinstance(members, LocList):
                reader.problem("expected a list of members", "members", value.value_mark("members"), "type")
            elif isinstance(organisation, str):
                for i, (item, mark) in enumerate(zip(members, members.marks)):
                    membership = reader.record(Membership, item, f"members[{i}]", mark,
                                               {"organisation": organisation})  # fmt: skip
                    self.located.add(("membership", organisation, str(i)), name, item)
                    if membership is not INVALID:
                        self.memberships.append(membership)
        self.problems.extend(reader.problems)

    def record_file(self, path: Path, kind: str, value: LocDict) -> None:
        name = _display(path, None)
        reader = Reader(name)
        cls = KINDS[kind]
        record = reader.record(cls, value, "", value.mark)
        record_id = value.get("id")
        if isinstance(record_id, str) and record_id != path.stem:
            reader.problem(f"id {record_id!r} does not match the file name {path.stem!r}; rename one of them",
                           "id", value.value_mark("id"), "file-name")  # fmt: skip
        if record is not INVALID:
            getattr(self, kind).append(record)
            self.located.add((cls.__name__.lower(), record.id), name, value)
        else:
            self.unreadable.add(path.stem)
        self.problems.extend(reader.problems)


def _corpus_files(root: Path, limits: Limits, problems: list[Problem]) -> Iterable[tuple[str, Path]]:
    """``(kind, path)`` of every file of the corpus at ``root``; stray files are problems."""
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        relative = here.relative_to(root).parts
        for filename in sorted(filenames):
            path = here / filename
            if filename.startswith(".") or filename in _IGNORED:
                continue
            count += 1
            if count > limits.max_files:
                problems.append(Problem(f"more than {limits.max_files:,} files (Limits.max_files)",
                                        _display(path, root), code="too-many-files"))  # fmt: skip
                return
            if not relative and filename == "sources.yaml":
                yield "sources", path
            elif len(relative) == 1 and relative[0] in ("organisations", "people", "declarations", "memberships") \
                    and filename.endswith(".yaml"):  # fmt: skip
                yield relative[0], path
            else:
                hint = "; rename it to .yaml" if filename.endswith(".yml") else ""
                problems.append(Problem(
                    "unexpected file: a corpus holds sources.yaml and YAML files in organisations/, people/, "
                    f"memberships/ and declarations/{hint}", _display(path, root), code="stray-file"))  # fmt: skip


def load(path: str | os.PathLike[str] | None = None, *, limits: Limits | None = None) -> Corpus:
    """Load the corpus in folder ``path`` (default: the bundled data).

    Returns a :class:`~coalitions.corpus.Corpus` whose ``warnings`` hold the problems that do not stop loading.
    Raises :class:`~coalitions.errors.InvalidCorpus` with every error found, sorted by file and line.

    >>> corpus = load()
    >>> corpus.organisation("NRF").id
    'national-resistance-front'
    """
    root = Path(path) if path is not None else bundled_data_path()
    limits = limits or Limits()
    if not root.exists():
        raise InvalidCorpus([Problem("no such file or folder", str(root), code="io")])
    if root.is_file():
        raise InvalidCorpus([Problem("expected a corpus folder (with declarations/, organisations/, ...), "
                                     "found a file", str(root), code="io")])  # fmt: skip
    collector = _Collector(limits)
    files = list(_corpus_files(root, limits, collector.problems))
    for kind, file_path in files:
        value = _read_file(file_path, limits, collector.problems)
        if value is None:
            collector.unreadable.add(file_path.stem)
            continue
        if kind == "sources":
            collector.sources_file(file_path, value)
        elif kind == "memberships":
            collector.memberships_file(file_path, value)
        else:
            collector.record_file(file_path, kind, value)
    if not any(kind == "declarations" for kind, _ in files) and not collector.problems:
        collector.problems.append(Problem("no declarations: expected YAML files in declarations/",
                                          str(root), code="empty-corpus"))  # fmt: skip
    corpus = Corpus(collector.organisations, collector.people, collector.memberships, collector.declarations,
                    collector.sources)  # fmt: skip
    problems = collector.problems + check(corpus, collector.located, collector.memberships,
                                         frozenset(collector.unreadable))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidCorpus(problems)
    warnings = tuple(sorted(problems, key=lambda p: p.sort_key))
    return Corpus(corpus.organisations, corpus.people, corpus.memberships, corpus.declarations, corpus.sources,
                  warnings)  # fmt: skip


def load_file(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Any:
    """Read one record file and return its model object(s), or raise :class:`InvalidCorpus` for that file alone.

    Cross-record checks (references, cycles) need the whole corpus and are not run.
    """
    file_path = Path(path)
    limits = limits or Limits()
    collector = _Collector(limits)
    value = _read_file(file_path, limits, collector.problems)
    if value is not None:
        kind = file_path.parent.name if file_path.name != "sources.yaml" else "sources"
        if kind == "sources":
            collector.sources_file(file_path, value)
        elif kind == "memberships":
            collector.memberships_file(file_path, value)
        elif kind in KINDS:
            collector.record_file(file_path, kind, value)
        else:
            collector.problems.append(Problem("cannot tell the kind of record from the folder name",
                                              _display(file_path, None), code="stray-file"))  # fmt: skip
    if collector.problems:
        raise InvalidCorpus(collector.problems)
    for kind in ("organisations", "people", "declarations", "sources", "memberships"):
        records = getattr(collector, kind)
        if records:
            return records[0] if kind in KINDS else tuple(records)
    return None  # pragma: no cover
