"""Load a corpus folder (or the bundled data) into a :class:`~coalitions.model.corpus.Corpus`, or explain every mistake.

``load(path)`` reads every file strictly (:mod:`coalitions.files.parse`), turns records into model objects
(:mod:`coalitions.files.reader`, gathered by :mod:`coalitions.files.collect`), runs the cross-record checks
(:mod:`coalitions.files.checks`) and either returns the corpus, with its warnings, or raises
:class:`~coalitions.model.errors.InvalidCorpus` with every error of every file, sorted by file and line.
``load([folder, other])`` reads several folders as one corpus.
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

from ..model import Corpus, InvalidCorpus, Problem, Settings, gc_paused
from .cache import LoadCache, default_cache
from .checks import check
from .collect import Collector
from .disk import Refused, read_limited, shown, walk
from .limits import Limits
from .parse import LocDict, ParseFailure, parse_yaml
from .quotes import QuoteCheck
from .reader import KINDS
from .settings import SETTINGS_FILE, read_settings

__all__ = ["bundled_data_path", "load", "load_file"]


#: A corpus folder, as a path.
Folder = Union[str, "os.PathLike[str]"]


def bundled_data_path() -> Path:
    """Where the bundled corpus is: inside the installed package, or ``data/`` of a source checkout."""
    packaged = importlib.resources.files("coalitions") / "_data"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "data"
    if (checkout / "declarations").is_dir():
        return checkout
    raise FileNotFoundError("the bundled data is missing from this installation of coalitions")  # pragma: no cover


def _read_bytes(path: Path, limits: Limits, problems: list[Problem], inside: str | None = None,
                name: str | None = None) -> bytes | None:  # fmt: skip
    """The bytes of ``path`` (``name`` in messages, default ``shown(path)``), read with the bound and the rules of
    :mod:`coalitions.files.disk`, or None with its problem appended to ``problems``."""
    try:
        return read_limited(path, limits, shown(path) if name is None else name, inside)
    except Refused as refused:
        problems.append(refused.problem)
        return None


def _read_file(path: Path, limits: Limits, problems: list[Problem], data: bytes | None = None,
               inside: str | None = None, name: str | None = None) -> LocDict | None:  # fmt: skip
    name = shown(path) if name is None else name
    data = _read_bytes(path, limits, problems, inside, name) if data is None else data
    if data is None:
        return None
    try:
        return parse_yaml(data, name, limits)
    except ParseFailure as failure:
        problems.extend(failure.problems)
        return None


def _roots(path: Folder | Sequence[Folder] | None) -> list[Path]:
    """The folders to read: ``path``, each of a list of paths, or the bundled data; refused when one is not a
    folder or is given twice."""
    if path is None:
        return [bundled_data_path()]
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    if not paths:
        raise ValueError("load() needs a corpus folder, or a list of at least one")
    roots, problems, seen = [], [], {}
    for given in paths:
        root = Path(given)
        if not root.exists():
            problems.append(Problem("no such file or folder", str(root), code="io"))
        elif root.is_file():
            problems.append(Problem("expected a corpus folder (with declarations/, organisations/, ...), found a "
                                    "file", str(root), code="io"))  # fmt: skip
        elif root.resolve() in seen:
            problems.append(Problem(f"this folder is given twice (also as {seen[root.resolve()]})", str(root),
                                    code="io"))  # fmt: skip
        else:
            seen[root.resolve()] = str(root)
        roots.append(root)
    if problems:
        raise InvalidCorpus(problems)
    return roots


@gc_paused
def load(
    path: Folder | Sequence[Folder] | None = None, *, limits: Limits | None = None, cache: LoadCache | bool = True,
    quotes: QuoteCheck | bool = False, texts: Folder | None = None,
) -> Corpus:
    """Load the corpus in folder ``path`` (default: the bundled data), or in several folders read as one.

    Returns a :class:`~coalitions.model.corpus.Corpus` whose ``warnings`` hold the problems that do not stop loading.
    Raises :class:`~coalitions.model.errors.InvalidCorpus` with every error found, sorted by file and line.

    A list of folders (``load([bundled_data_path(), "my-data"])``) is one corpus: ids are resolved across the
    folders, and the checks are those of one corpus, an id defined in two folders included (the error names both
    files). Each folder holds its own ``sources.yaml`` and record folders; a council's members may be listed in a
    ``memberships/`` file of each folder.

    Files that have not changed since an earlier load in this process are not parsed again (see
    :mod:`coalitions.files.cache`); ``cache=False`` parses every file, ``cache=LoadCache()`` uses a cache of your own.
    The cross-record checks run on every load.

    ``quotes=True`` also checks every quote against its source's text (:mod:`coalitions.files.quotes`): a text
    of the corpus's ``texts/`` folder, or a file of the shared material in the folder ``texts`` (for the bundled
    corpus of a source checkout, ``../shared`` beside it). A quote not found is an error at the quote; sources
    whose texts are not available are named in a note (a problem of severity ``note`` among the ``warnings``).
    ``quotes=QuoteCheck(...)`` does the same and counts what it checked.

    >>> corpus = load()
    >>> corpus.organisation("NRF").id
    'national-resistance-front'
    """
    if texts is not None and quotes is not True:
        raise ValueError("texts= is the folder quotes are checked against: give quotes=True with it")
    roots = _roots(path)
    limits = limits or Limits()
    collector = Collector(limits)
    files = [(kind, path, inside) for root in roots for inside in (os.path.realpath(root),)
             for kind, path in walk(root, limits, collector.problems)]  # fmt: skip
    if any(p.code == "too-many-files" for p in collector.problems):  # stop: reading on would take the time bounded
        raise InvalidCorpus(collector.problems)
    store = default_cache if cache is True else cache if isinstance(cache, LoadCache) else None
    files.sort(key=lambda item: item[0] != "settings")  # corpus.yaml first: it says how the others are read
    salt: tuple[object, str] | None = None  # the read context, and what of it goes into every cache key
    for kind, file_path, inside in files:
        key = data = None
        name = shown(file_path)  # once a file: every message about it names it so
        if kind == "settings":
            value = _read_file(file_path, limits, collector.problems, None, inside, name)
            if value is None:
                collector.unread(kind, name)
            else:
                collector.read(kind, file_path, value, name)
            continue
        if store is not None:
            data = _read_bytes(file_path, limits, collector.problems, inside, name)
            if data is not None:
                if salt is None or salt[0] is not collector.context:  # worked out once a context, not once a file
                    salt = (collector.context, repr((limits, collector.context.fingerprint)))
                key = store.key(kind, file_path.stem, data, salt[1])
                entry = store.get(key)
                if entry is not None:
                    collector.cached(file_path, kind, entry, name)
                    continue
        problems_before, records = len(collector.problems), getattr(collector, kind)
        records_before = len(records)
        value = None if store is not None and data is None else \
            _read_file(file_path, limits, collector.problems, data, inside, name)  # fmt: skip
        if value is None:
            collector.unreadable.add(file_path.stem)
            collector.sources_unreadable |= kind == "sources"
            collector.unread(kind, name)
            continue
        collector.read(kind, file_path, value, name)
        if store is not None and key is not None and len(collector.problems) == problems_before:
            store.put(key, tuple(records[records_before:]))
    if not any(kind == "declarations" for kind, _, _ in files) and not collector.problems:
        collector.problems.append(Problem("no declarations: expected YAML files in declarations/",
                                          ", ".join(str(r) for r in roots), code="empty-corpus"))  # fmt: skip
    settings = collector.settings or Settings()
    corpus = Corpus(collector.organisations, collector.people, collector.memberships, collector.declarations,
                    collector.sources, settings=settings)  # fmt: skip
    checked = check(corpus, collector.located, unreadable=frozenset(collector.unreadable), keyed=collector.keyed,
                    references=collector.salvaged, settings_files=collector.settings_files)  # fmt: skip
    if quotes is not False:
        run = quotes if isinstance(quotes, QuoteCheck) else QuoteCheck(texts)
        checked += run.run(corpus, roots, collector, limits, bundled_data_path())
    if collector.sources_unreadable:  # its own errors are reported; every citation would be "unknown" too
        checked = [p for p in checked if not (p.code == "unknown-reference" and p.field.endswith("].source"))]
    problems = collector.problems + checked
    if not problems:
        return corpus
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidCorpus(problems + collector.notes(problems))
    warnings = tuple(sorted(problems, key=lambda p: p.sort_key))
    return Corpus(corpus.organisations, corpus.people, corpus.memberships, corpus.declarations, corpus.sources,
                  warnings, settings)  # fmt: skip


def load_file(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Any:
    """Read one record file and return its model object(s), or raise :class:`InvalidCorpus` for that file alone.

    Cross-record checks (references, cycles) need the whole corpus and are not run.
    """
    file_path = Path(path)
    limits = limits or Limits()
    collector = Collector(limits)
    settings_path = (file_path.parent if file_path.name == "sources.yaml" else file_path.parent.parent) / SETTINGS_FILE
    if settings_path.is_file():  # the corpus's calendars and vocabulary; its own problems are not this file's
        settings_value = _read_file(settings_path, limits, [])
        if settings_value is not None:
            collector.context = read_settings(shown(settings_path), settings_value)[1]
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
