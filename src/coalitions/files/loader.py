"""Load a corpus folder (or the bundled data) into a :class:`~coalitions.model.corpus.Corpus`, or explain every mistake.

``load(path)`` reads every file strictly (:mod:`coalitions.files.parse`), turns records into model objects
(:mod:`coalitions.files.reader`), runs the cross-record checks (:mod:`coalitions.files.checks`) and either returns
the corpus, with its warnings, or raises :class:`~coalitions.model.errors.InvalidCorpus` with every error of every
file, sorted by file and line.
"""

from __future__ import annotations

import importlib.resources
import os
import re
from pathlib import Path
from typing import Any

from ..model import Corpus, Declaration, InvalidCorpus, Membership, Organisation, Person, Problem, Source, gc_paused
from .cache import LoadCache, default_cache
from .checks import RecordKey, check
from .limits import Limits
from .parse import LocDict, LocList, ParseFailure, parse_yaml
from .reader import INVALID, KINDS, Reader, describe
from .disk import Refused, read_limited, shown, walk
from .screen import Mark

__all__ = ["bundled_data_path", "load", "load_file"]

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def bundled_data_path() -> Path:
    """Where the bundled corpus is: inside the installed package, or ``data/`` of a source checkout."""
    packaged = importlib.resources.files("coalitions") / "_data"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "data"
    if (checkout / "declarations").is_dir():
        return checkout
    raise FileNotFoundError("the bundled data is missing from this installation of coalitions")  # pragma: no cover


class _Reparse:
    """The parsed value of a record served from the cache, read again only if a problem needs its marks."""

    __slots__ = ("path", "name", "limits", "steps")

    def __init__(self, path: Path, name: str, limits: Limits, steps: tuple[str | int, ...]) -> None:
        self.path, self.name, self.limits, self.steps = path, name, limits, steps

    def __call__(self) -> LocDict:
        node: Any = parse_yaml(read_limited(self.path, self.limits, self.name), self.name, self.limits)
        for step in self.steps:
            node = node[step]
        return node  # type: ignore[no-any-return]


class _Located:
    """Remembers where each record came from, to locate problems found later."""

    def __init__(self) -> None:
        self.records: dict[RecordKey, tuple[str, LocDict | _Reparse]] = {}

    def add(self, key: RecordKey, file: str, value: LocDict | _Reparse) -> None:
        self.records.setdefault(key, (file, value))

    def __call__(self, key: RecordKey, field: str) -> tuple[str, int, int]:
        found = self.records.get(key)
        if found is None:
            return ("", 0, 0)
        file, node = found
        if isinstance(node, _Reparse):
            try:
                node = node()
            except (Refused, ParseFailure, LookupError, TypeError):  # changed since: the file, without a line
                return (file, 0, 0)
            self.records[key] = (file, node)
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


def _read_bytes(path: Path, limits: Limits, problems: list[Problem], inside: str | None = None) -> bytes | None:
    """The bytes of ``path``, read with the bound and the rules of :mod:`coalitions.files.disk`, or None with its
    problem appended to ``problems``."""
    try:
        return read_limited(path, limits, shown(path), inside)
    except Refused as refused:
        problems.append(refused.problem)
        return None


def _read_file(path: Path, limits: Limits, problems: list[Problem], data: bytes | None = None,
               inside: str | None = None) -> LocDict | None:  # fmt: skip
    data = _read_bytes(path, limits, problems, inside) if data is None else data
    if data is None:
        return None
    try:
        return parse_yaml(data, shown(path), limits)
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
        self.sources_unreadable = False

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

    def read(self, kind: str, path: Path, value: LocDict) -> None:
        """Read the parsed file ``path`` of ``kind`` (``sources``, ``memberships`` or a record kind)."""
        if kind == "sources":
            self.sources_file(path, value)
        elif kind == "memberships":
            self.memberships_file(path, value)
        else:
            self.record_file(path, kind, value)

    def sources_file(self, path: Path, value: LocDict) -> None:
        name = shown(path)
        reader = Reader(name)
        self.sources_unreadable = not self.top(reader, value, {"sources": True})
        if not self.sources_unreadable:
            items = value["sources"]
            if not isinstance(items, LocList):
                self.sources_unreadable = True
                reader.problem(f"expected a list of sources, found {describe(items)}", "sources",
                               value.value_mark("sources"), "type")  # fmt: skip
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
        name = shown(path)
        reader = Reader(name)
        if self.top(reader, value, {"organisation": True, "members": True}):
            organisation = value["organisation"]
            if organisation != path.stem:
                reader.problem(f"organisation {organisation!r} does not match the file name {path.stem!r}",
                               "organisation", value.value_mark("organisation"), "file-name")  # fmt: skip
            members = value["members"]
            if not isinstance(members, LocList):
                reader.problem(f"expected a list of members, found {describe(members)}", "members",
                               value.value_mark("members"), "type")  # fmt: skip
            elif isinstance(organisation, str):
                for i, (item, mark) in enumerate(zip(members, members.marks)):
                    membership = reader.record(Membership, item, f"members[{i}]", mark,
                                               {"organisation": organisation})  # fmt: skip
                    self.located.add(("membership", organisation, str(i)), name, item)
                    if membership is not INVALID and organisation == path.stem:  # else: its mismatch is reported
                        self.memberships.append(membership)
        self.problems.extend(reader.problems)

    def cached(self, path: Path, kind: str, entry: tuple[Any, ...]) -> None:
        """Take the records of a problem-free file from the cache; its marks are read again only if needed."""
        name = shown(path)
        getattr(self, kind).extend(entry)
        if kind == "sources":
            for i, source in enumerate(entry):
                self.located.add(("source", source.id), name, _Reparse(path, name, self.limits, ("sources", i)))
        elif kind == "memberships":
            for i, membership in enumerate(entry):
                self.located.add(("membership", membership.organisation, str(i)), name,
                                 _Reparse(path, name, self.limits, ("members", i)))  # fmt: skip
        else:
            for record in entry:
                self.located.add((KINDS[kind].__name__.lower(), record.id), name, _Reparse(path, name, self.limits, ()))

    def record_file(self, path: Path, kind: str, value: LocDict) -> None:
        name = shown(path)
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


@gc_paused
def load(
    path: str | os.PathLike[str] | None = None, *, limits: Limits | None = None, cache: LoadCache | bool = True
) -> Corpus:
    """Load the corpus in folder ``path`` (default: the bundled data).

    Returns a :class:`~coalitions.model.corpus.Corpus` whose ``warnings`` hold the problems that do not stop loading.
    Raises :class:`~coalitions.model.errors.InvalidCorpus` with every error found, sorted by file and line.

    Files that have not changed since an earlier load in this process are not parsed again (see
    :mod:`coalitions.files.cache`); ``cache=False`` parses every file, ``cache=LoadCache()`` uses a cache of your own.
    The cross-record checks run on every load.

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
    files = list(walk(root, limits, collector.problems))
    inside = os.path.realpath(root)
    if any(p.code == "too-many-files" for p in collector.problems):  # stop: reading on would take the time bounded
        raise InvalidCorpus(collector.problems)
    store = default_cache if cache is True else cache if isinstance(cache, LoadCache) else None
    for kind, file_path in files:
        key = data = None
        if store is not None:
            data = _read_bytes(file_path, limits, collector.problems, inside)
            if data is not None:
                key = store.key(kind, file_path.stem, data, limits)
                entry = store.get(key)
                if entry is not None:
                    collector.cached(file_path, kind, entry)
                    continue
        problems_before, records = len(collector.problems), getattr(collector, kind)
        records_before = len(records)
        value = None if store is not None and data is None else \
            _read_file(file_path, limits, collector.problems, data, inside)  # fmt: skip
        if value is None:
            collector.unreadable.add(file_path.stem)
            collector.sources_unreadable |= kind == "sources"
            continue
        collector.read(kind, file_path, value)
        if store is not None and key is not None and len(collector.problems) == problems_before:
            store.put(key, tuple(records[records_before:]))
    if not any(kind == "declarations" for kind, _ in files) and not collector.problems:
        collector.problems.append(Problem("no declarations: expected YAML files in declarations/",
                                          str(root), code="empty-corpus"))  # fmt: skip
    corpus = Corpus(collector.organisations, collector.people, collector.memberships, collector.declarations,
                    collector.sources)  # fmt: skip
    checked = check(corpus, collector.located, collector.memberships, frozenset(collector.unreadable))
    if collector.sources_unreadable:  # its own errors are reported; every citation would be "unknown" too
        checked = [p for p in checked if not (p.code == "unknown-reference" and p.field.endswith("].source"))]
    problems = collector.problems + checked
    if not problems:
        return corpus
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
        if kind in ("sources", "memberships", *KINDS):
            collector.read(kind, file_path, value)
        else:
            collector.problems.append(Problem("cannot tell the kind of record from the folder name",
                                              shown(file_path), code="stray-file"))  # fmt: skip
    if collector.problems:
        raise InvalidCorpus(collector.problems)
    for kind in ("organisations", "people", "declarations", "sources", "memberships"):
        records = getattr(collector, kind)
        if records:
            return records[0] if kind in KINDS else tuple(records)
    return None  # pragma: no cover
