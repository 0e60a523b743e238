"""Turning a corpus's parsed files into records: a :class:`Collector` reads each file by its kind (corpus.yaml,
sources.yaml, memberships, organisations, people, declarations) in the corpus's read context, and :class:`Located`
remembers where each record came from, to locate the problems the cross-record checks find later."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import Declaration, Membership, Organisation, Person, Problem, Settings, Source
from .checks import RecordKey
from .disk import Refused, read_limited, shown
from .limits import Limits
from .parse import LocDict, LocList, ParseFailure, parse_yaml
from .reader import INVALID, KINDS, Reader, describe
from .screen import Mark
from .settings import DEFAULT, read_settings

__all__ = ["Collector", "Located"]

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


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


class Located:
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


class Collector:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.located = Located()
        self.organisations: list[Organisation] = []
        self.people: list[Person] = []
        self.declarations: list[Declaration] = []
        self.sources: list[Source] = []
        self.memberships: list[Membership] = []
        self.unreadable: set[str] = set()
        self.sources_unreadable = False
        self.settings: Settings | None = None
        self.context = DEFAULT

    def settings_file(self, path: Path, value: LocDict) -> None:
        """Read ``corpus.yaml``: the settings, and the context the other files are read in."""
        name = shown(path)
        self.settings, self.context, problems = read_settings(name, value)
        self.located.add(("settings",), name, value)
        self.problems.extend(problems)

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
        elif kind == "settings":
            self.settings_file(path, value)
        elif kind == "memberships":
            self.memberships_file(path, value)
        else:
            self.record_file(path, kind, value)

    def sources_file(self, path: Path, value: LocDict) -> None:
        name = shown(path)
        reader = self.context.reader(name)
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
        reader = self.context.reader(name)
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
        reader = self.context.reader(name)
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
