"""A cache of the records read from each corpus file, keyed by the file's contents.

Loading a corpus again is mostly reading YAML files that have not changed. :class:`LoadCache` remembers, for each
file, the model records it gave, under a key made of a hash of the file's bytes (``blake2b``), its kind and
name, the :class:`~coalitions.files.limits.Limits` and a fingerprint of the code that reads records. Any edit to a file
changes its key, so exactly the edited file is read again, and an entry can never be stale. Only files that
gave no problem at all are stored; the cross-record checks (references, cycles, duplicate names) run on every
load, cached or not. The files are still read (to hash them); they are not parsed.

The cache lives in this process only (records are immutable, so a cached corpus shares them with the one loaded
before). There is no on-disk layer, on purpose: pickle is out (a cache folder is writable by anything running as
the user, and unpickling a planted file runs its code), and the safe alternative measured slower than reading the
YAML again (rebuilding records from JSON with cattrs took 0.39 s where parsing the 2,481 files took 0.34 s; see
``docs/performance.md``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

__all__ = ["LoadCache", "default_cache"]

Entry = tuple[Any, ...]


def _fingerprint() -> bytes:
    """The source of the modules that turn bytes into records. (Not the installed version: the cache lives in one
    process, whose code does not change; asking ``importlib.metadata`` cost a one-shot ``validate`` 25 ms.)"""
    from ..model import Organisation, When  # noqa: PLC0415 - only when a key is first made
    from . import limits, parse, reader, screen  # noqa: PLC0415

    dates, records = sys.modules[When.__module__], sys.modules[Organisation.__module__]
    digest = hashlib.blake2b(digest_size=16)
    for module in (dates, records, limits, screen, parse, reader):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # pragma: no cover - a zipped install: the module names and the version stand in
            digest.update(module.__name__.encode())
    return digest.digest()


class LoadCache:
    """The records of corpus files by content hash, in this process.

    ``max_entries`` bounds it (the oldest entries go first). ``hits`` and ``misses`` count lookups.

    >>> cache = LoadCache()
    >>> key = cache.key("people", "someone", b"id: someone", None)
    >>> cache.get(key) is None
    True
    >>> cache.put(key, ("record",))
    >>> cache.get(key), cache.hits, cache.misses
    (('record',), 1, 1)
    """

    def __init__(self, *, max_entries: int = 500_000) -> None:
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self._memo: dict[str, Entry] = {}
        self._prefix: bytes | None = None

    def key(self, kind: str, stem: str, data: bytes, limits: object) -> str:
        """The key of a file of ``kind`` named ``stem`` holding ``data``, read with ``limits``."""
        if self._prefix is None:
            self._prefix = _fingerprint()
        digest = hashlib.blake2b(self._prefix, digest_size=20)
        digest.update(f"{kind}\0{stem}\0{limits!r}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        """The records stored under ``key``, or None."""
        entry = self._memo.get(key)
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store the records a problem-free file gave."""
        memo = self._memo
        if key not in memo and len(memo) >= self.max_entries:
            del memo[next(iter(memo))]
        memo[key] = entry

    def clear(self) -> None:
        """Forget every entry."""
        self._memo.clear()

    def __len__(self) -> int:
        return len(self._memo)


#: The cache :func:`coalitions.load` uses unless told otherwise.
default_cache = LoadCache()
