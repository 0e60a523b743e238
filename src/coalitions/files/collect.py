"""What the loader gathers from the files of a corpus: the records, their problems, and where each record stands.

:class:`Collector` reads the parsed value of each file (:mod:`coalitions.files.parse`) into model objects
(:mod:`coalitions.files.reader`), remembers where every record came from (to locate the problems the checks across
records find later), reports an id defined in two files (two folders loaded together, or an organisation and a
person), and, for a record that did not read cleanly, keeps the references it can still check
(:mod:`coalitions.files.salvage`) and counts the checks it skips.
"""

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
from .salvage import SKIPPED, references, skipped_note
from .screen import Mark
from .settings import DEFAULT, ReadContext, merged, read_settings

__all__ = ["Collector"]

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
#: The record class of each file kind, ``sources.yaml`` and ``memberships/`` included.
_CLASSES: dict[str, type] = {**KINDS, "sources": Source, "memberships": Membership}


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
        return self.place(file, node, field)

    @staticmethod
    def place(file: str, node: LocDict | _Reparse, field: str) -> tuple[str, int, int]:
        """``(file, line, column)`` of ``field`` (a path such as ``signatures[0].signer``) in ``node``."""
        if isinstance(node, _Reparse):
            try:
                node = node()
            except (Refused, ParseFailure, LookupError, TypeError):  # changed since: the file, without a line
                return (file, 0, 0)
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


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _within(field: str, bad: str) -> bool:
    """``field`` is ``bad`` or inside it (``signatures[0].signer`` is inside ``signatures[0]``)."""
    return field == bad or (bool(bad) and field.startswith(bad) and field[len(bad)] in ".[")


class Collector:
    """Gathers the records of the files of a corpus, one file at a time (:meth:`read` or :meth:`cached`)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.located = _Located()
        self.organisations: list[Organisation] = []
        self.people: list[Person] = []
        self.declarations: list[Declaration] = []
        self.sources: list[Source] = []
        self.memberships: list[Membership] = []
        #: The memberships in file order with their record keys (organisation, index in its file, file).
        self.keyed: list[tuple[RecordKey, Membership]] = []
        self.unreadable: set[str] = set()
        self.sources_unreadable = False
        #: ``(record key, field, id, kinds)`` of references read from records that did not read cleanly.
        self.salvaged: list[tuple[RecordKey, str, str, str]] = []
        #: Checks skipped, by file name.
        self.skipped: dict[str, int] = {}
        #: The first record of each id: its kind, file and value (to locate it when a second one comes).
        self.first: dict[str, tuple[str, str, LocDict | _Reparse]] = {}
        #: What the corpus.yaml files say (None: none read), and the context the other files are read in.
        self.settings: Settings | None = None
        #: ``(record key, settings)`` of every ``corpus.yaml`` read cleanly, in reading order.
        self.settings_files: list[tuple[tuple[str, ...], Settings]] = []
        self.context: ReadContext = DEFAULT

    # -- what every file kind shares ----------------------------------------------------------------------------

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

    def claim(self, kind: str, record_id: str, name: str, node: LocDict | _Reparse) -> bool:
        """Register the record ``record_id`` of ``kind`` from file ``name``; False (reported) if the id is taken."""
        first = self.first.get(record_id)
        if first is None:
            self.first[record_id] = (kind, name, node)
            return True
        first_kind, first_name, first_node = first
        where = self.located.place(first_name, first_node, "id")
        line, column = self.located.place(name, node, "id")[1:]
        self.problems.append(Problem(f"id {record_id!r} is used by {_a(first_kind)} ({where[0]}:{where[1]}:"
                                     f"{where[2]}) and {_a(kind)}; an id names one record", name, line, column,
                                     "id", code="duplicate-id"))  # fmt: skip
        return False

    def salvage(self, name: str, cls: type, value: Any, problems: list[Problem], top: LocDict,
                path: str = "", implied: dict[str, str] | None = None) -> None:  # fmt: skip
        """Keep the references of a record that did not read (``value``, at ``path`` in the file's ``top``)."""
        key = ("salvaged", name)
        self.located.add(key, name, top)
        bad = [p.field for p in problems]
        for field, text, kinds in references(cls, value, path, implied):
            if not any(_within(field, b) for b in bad):
                self.salvaged.append((key, field, text, kinds))
        self.skip(name, len(SKIPPED[cls]))

    def skip(self, name: str, count: int) -> None:
        self.skipped[name] = self.skipped.get(name, 0) + count

    def unread(self, kind: str, name: str) -> None:
        """The file ``name`` of ``kind`` could not be read at all: every check of its records is skipped."""
        if kind == "settings":
            self.context = ReadContext(None, None)  # its errors are reported; no knock-on errors elsewhere
            return
        self.skip(name, len(SKIPPED[_CLASSES[kind]]) + 1)

    def notes(self, problems: list[Problem]) -> list[Problem]:
        """One note per file that skipped checks, where ``problems`` hold an error of the file (which says why)."""
        failed = {p.file for p in problems if p.severity == "error"}
        return [Problem(skipped_note(count), name, severity="note", code="skipped")
                for name, count in self.skipped.items() if count and name in failed]  # fmt: skip

    # -- the file kinds -----------------------------------------------------------------------------------------

    def read(self, kind: str, path: Path, value: LocDict, name: str | None = None) -> None:
        """Read the parsed file ``path`` of ``kind`` (``settings``, ``sources``, ``memberships`` or a record kind);
        ``name``: the file's name for messages, when the caller has it (else ``shown(path)``)."""
        name = shown(path) if name is None else name
        if kind == "settings":
            self.settings_file(path, value, name)
        elif kind == "sources":
            self.sources_file(path, value, name)
        elif kind == "memberships":
            self.memberships_file(path, value, name)
        else:
            self.record_file(path, kind, value, name)

    def settings_file(self, path: Path, value: LocDict, name: str) -> None:
        """Read a ``corpus.yaml``: the settings, merged with those of the folders read before (several folders
        loaded together), and the context the other files are read in."""
        settings, context, problems = read_settings(name, value)
        self.located.add(("settings", name), name, value)
        self.problems.extend(problems)
        if settings is None:
            self.context = ReadContext(None, None)  # its errors are reported; no knock-on errors elsewhere
            return
        self.settings_files.append((("settings", name), settings))
        self.settings = settings if self.settings is None else merged(self.settings, settings)
        if self.context.vocabulary is not None:  # else an unreadable corpus.yaml came first
            self.context = ReadContext(frozenset(str(c) for c in self.settings.calendars), self.settings.terms)

    def sources_file(self, path: Path, value: LocDict, name: str) -> None:
        reader = self.context.reader(name)
        unreadable = not self.top(reader, value, {"sources": True})
        if not unreadable:
            items = value["sources"]
            if not isinstance(items, LocList):
                unreadable = True
                reader.problem(f"expected a list of sources, found {describe(items)}", "sources",
                               value.value_mark("sources"), "type")  # fmt: skip
            else:
                for i, (item, mark) in enumerate(zip(items, items.marks)):
                    source = reader.record(Source, item, f"sources[{i}]", mark)
                    if source is INVALID:
                        if isinstance(item, LocDict) and isinstance(item.get("id"), str):
                            self.unreadable.add(item["id"])
                        self.skip(name, len(SKIPPED[Source]))
                    elif self.claim("source", source.id, name, item):
                        self.sources.append(source)
                        self.located.add(("source", source.id), name, item)
        if unreadable:
            self.sources_unreadable = True
            self.skip(name, len(SKIPPED[Source]))
        self.problems.extend(reader.problems)

    def memberships_file(self, path: Path, value: LocDict, name: str) -> None:
        reader = self.context.reader(name)
        whole = self.top(reader, value, {"organisation": True, "members": True})
        organisation = value.get("organisation")
        if whole and organisation != path.stem:
            reader.problem(f"organisation {organisation!r} does not match the file name {path.stem!r}",
                           "organisation", value.value_mark("organisation"), "file-name")  # fmt: skip
        members = value.get("members")
        if "members" in value and not isinstance(members, LocList):
            reader.problem(f"expected a list of members, found {describe(members)}", "members",
                           value.value_mark("members"), "type")  # fmt: skip
        if not isinstance(members, LocList) or not isinstance(organisation, str):
            self.skip(name, len(SKIPPED[Membership]) + 1)
            self.problems.extend(reader.problems)
            return
        broken = []
        for i, (item, mark) in enumerate(zip(members, members.marks)):
            before = len(reader.problems)
            membership = reader.record(Membership, item, f"members[{i}]", mark, {"organisation": organisation})
            key = ("membership", organisation, str(i), name)
            self.located.add(key, name, item)
            if membership is not INVALID and whole and organisation == path.stem:  # else: the file is reported
                self.memberships.append(membership)
                self.keyed.append((key, membership))
            else:
                broken.append((i, item, reader.problems[before:]))
        self.problems.extend(reader.problems)
        for i, item, problems in broken:
            self.salvage(name, Membership, item, problems, value, f"members[{i}]", {"organisation": organisation})

    def cached(self, path: Path, kind: str, entry: tuple[Any, ...], name: str | None = None) -> None:
        """Take the records of a problem-free file from the cache; its marks are read again only if needed."""
        name = shown(path) if name is None else name
        if kind == "sources":
            for i, source in enumerate(entry):
                node = _Reparse(path, name, self.limits, ("sources", i))
                if self.claim("source", source.id, name, node):
                    self.sources.append(source)
                    self.located.add(("source", source.id), name, node)
        elif kind == "memberships":
            self.memberships.extend(entry)
            for i, membership in enumerate(entry):
                key = ("membership", membership.organisation, str(i), name)
                self.keyed.append((key, membership))
                self.located.add(key, name, _Reparse(path, name, self.limits, ("members", i)))
        else:
            noun = KINDS[kind].__name__.lower()
            for record in entry:
                node = _Reparse(path, name, self.limits, ())
                if self.claim(noun, record.id, name, node):
                    getattr(self, kind).append(record)
                    self.located.add((noun, record.id), name, node)

    def record_file(self, path: Path, kind: str, value: LocDict, name: str) -> None:
        reader = self.context.reader(name)
        cls = KINDS[kind]
        record = reader.record(cls, value, "", value.mark)
        record_id = value.get("id")
        if isinstance(record_id, str) and record_id != path.stem:
            reader.problem(f"id {record_id!r} does not match the file name {path.stem!r}; rename one of them",
                           "id", value.value_mark("id"), "file-name")  # fmt: skip
        self.problems.extend(reader.problems)
        if record is INVALID:
            self.unreadable.add(path.stem)
            self.salvage(name, cls, value, reader.problems, value)
        elif self.claim(cls.__name__.lower(), record.id, name, value):
            getattr(self, kind).append(record)
            self.located.add((cls.__name__.lower(), record.id), name, value)
