"""A corpus folder on disk: what it may hold, the one rule for symbolic links, and reading a file with a bound.

Every command that reads a corpus (``load``, ``validate``, ``fmt``, ``new``) walks it with :func:`walk` and reads
its files with :func:`read_limited`, so they all see the same files and refuse the same things:

* **What a corpus holds** (:data:`ROOT_FILES`, :data:`FOLDERS`): ``corpus.yaml`` (optional) and ``sources.yaml`` at
  its root, ``.yaml`` files in ``organisations/``, ``people/``, ``memberships/`` and ``declarations/``, and the texts
  of its sources, any files, in ``texts/``. Hidden names (``.git``, an editor's
  ``.x.swp``, our own ``.NAME.*.coalitions.tmp``) and ``README.md``/``LICENSE`` are passed over; anything else is
  a problem ("unexpected file", "unexpected folder"), so that nothing is silently left unread. The folders are
  not searched deeper.
* **Only regular files are read.** A FIFO, a socket, a device (``/dev/zero`` behind a link) or a folder where a
  file is expected is refused with its path and what it is; it is never opened for reading, and what is opened is
  checked again on the open file (``fstat``), so a swap between the check and the open is caught too.
* **Symbolic links inside a corpus are followed when they stay inside it**: a link to a file or folder of the same
  corpus reads as that file or folder. A link that leads outside the corpus, to nothing, or round a loop is
  refused as a problem of the link. (A corpus handed in for checking cannot make ``validate`` read, and print
  pieces of, ``~/.ssh/id_rsa``.) The path a user names (``load(path)``, ``fmt FILE``) is followed wherever it leads.
* **Never more than the limit plus one byte is read**, whatever ``stat`` said before: a file that grows while it
  is read is refused when the bound is passed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..model import Problem
from .limits import Limits
from .screen import too_large

__all__ = ["FOLDERS", "IGNORED", "ROOT_FILES", "Refused", "is_corpus", "read_limited", "shown", "walk", "what_is"]

#: Files a corpus may hold at its root, and the kind each is read as.
ROOT_FILES: dict[str, str] = {"corpus.yaml": "settings", "sources.yaml": "sources"}
#: Folders a corpus may hold, and the kind of record of their ``.yaml`` files (None: a folder whose files are not
#: read, such as a folder of source texts would be).
FOLDERS: dict[str, str | None] = {
    "organisations": "organisations",
    "people": "people",
    "memberships": "memberships",
    "declarations": "declarations",
    "texts": None,
}
#: Names passed over anywhere in a corpus (as are hidden names, starting with ``.``).
IGNORED = frozenset({"README.md", "readme.md", "LICENSE"})

_HOLDS = ("a corpus holds corpus.yaml, sources.yaml, YAML files in organisations/, people/, memberships/ and "
          "declarations/, and source texts in texts/")


class Refused(Exception):
    """A path that is not read, with its problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


_FOLDER_NAMES: dict[tuple[str, str], str | None] = {}


def shown(path: Path | str) -> str:
    """A file name for messages: relative to the working directory when inside it, else as given."""
    folder, name = os.path.split(path)
    if folder and name not in ("", ".", ".."):  # the folder's answer, worked out once per folder
        key = (os.getcwd(), folder)
        if key not in _FOLDER_NAMES:
            if len(_FOLDER_NAMES) > 1000:
                _FOLDER_NAMES.clear()
            try:
                relative: str | None = os.path.relpath(folder)
            except ValueError:  # pragma: no cover - another drive on Windows
                relative = None
            _FOLDER_NAMES[key] = None if relative is None or relative.startswith("..") else relative
        answer = _FOLDER_NAMES[key]
        if answer is None:
            return str(path)
        return name if answer == "." else os.path.join(answer, name)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def what_is(mode: int) -> str:
    """What a file of ``mode`` (``st_mode``) is, in words: ``a FIFO (named pipe)``, ``a character device``, ..."""
    for test, words in (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return words
    return "not a file"  # pragma: no cover - door files and the like


def _link_note(path: Path | str) -> str:
    try:
        return f" (a symbolic link to {os.readlink(path)})"
    except OSError:
        return ""


def _stat(path: Path | str, name: str, inside: str | None) -> os.stat_result:
    """``os.stat`` of ``path`` (links followed), refused with a located problem for a dangling link, a loop of links,
    a link to a file or folder out of the folder ``inside`` (a real path), or any error. (A link to a device or a
    FIFO is refused by the caller, as what it is.) What is not a link takes one ``lstat``: the usual file costs one
    system call, not the two of ``stat`` and ``islink``."""
    try:
        result = os.lstat(path)
        if not stat.S_ISLNK(result.st_mode):
            return result
        result = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Refused(Problem(f"a symbolic link to nothing ({os.readlink(path)}); remove it or make it point to "
                                  "a file", name, code="link")) from None  # fmt: skip
        raise Refused(Problem("no such file or folder", name, code="io")) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused(Problem("a loop of symbolic links; remove the link", name, code="link")) from None
        raise Refused(Problem(f"cannot read: {error.strerror or error}", name, code="io")) from None
    if inside is not None and (stat.S_ISREG(result.st_mode) or stat.S_ISDIR(result.st_mode)):
        real = os.path.realpath(path)
        if real != inside and not real.startswith(inside.rstrip(os.sep) + os.sep):
            raise Refused(Problem(f"a symbolic link to {os.readlink(path)}, outside the corpus; a link in a corpus "
                                  "must stay inside it (copy the file in instead)", name, code="link"))  # fmt: skip
    return result


def _not_regular(mode: int, path: Path | str, name: str, expected: str = "regular files") -> Refused:
    via = _link_note(path) if os.path.islink(path) else ""
    return Refused(Problem(f"not a regular file but {what_is(mode)}{via}; a corpus holds {expected} only", name,
                           code="not-a-file"))  # fmt: skip


def read_limited(path: Path | str, limits: Limits, name: str | None = None, inside: str | None = None) -> bytes:
    """The bytes of regular file ``path``, reading at most ``limits.max_file_bytes`` + 1 bytes; raises
    :class:`Refused` for anything else (not a regular file, a bad link, a file over the limit before or while it is
    read, an error).

    ``inside``: the real path of the corpus the file belongs to, for the rule on links (see the module).
    """
    name = shown(path) if name is None else name
    mode = _stat(path, name, inside).st_mode
    if not stat.S_ISREG(mode):  # never opened: opening a FIFO waits for a writer, a device may do anything
        raise _not_regular(mode, path, name)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))  # fmt: skip
    except OSError as error:
        raise Refused(Problem(f"cannot read: {error.strerror or error}", name, code="io")) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped between the check and the open
            raise _not_regular(opened.st_mode, path, name)
        limit = limits.max_file_bytes
        if opened.st_size > limit:  # refused from its size, before it is read
            raise Refused(too_large(opened.st_size, name, limits))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew after fstat
            raise Refused(too_large(len(data), name, limits, grew=True))
        return data
    except OSError as error:
        raise Refused(Problem(f"cannot read: {error.strerror or error}", name, code="io")) from None
    finally:
        os.close(fd)


def is_corpus(folder: Path | str) -> bool:
    """``folder`` holds at least one of the names a corpus holds (``sources.yaml``, ``declarations/``, ...)."""
    return any(os.path.lexists(os.path.join(folder, name)) for name in (*ROOT_FILES, *FOLDERS))


def _entries(folder: Path, name: str, inside: str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return sorted((e for e in found if not e.name.startswith(".") and e.name not in IGNORED),
                          key=lambda e: e.name)  # fmt: skip
    except OSError as error:
        problems.append(Problem(f"cannot read the folder: {error.strerror or error}", name, code="io"))
        return []


def walk(root: Path, limits: Limits, problems: list[Problem], only: str | None = None) -> Iterator[tuple[str, Path]]:
    """``(kind, path)`` of every file of the corpus at ``root`` to read, sorted; every other entry is a problem
    appended to ``problems``. Stops after ``limits.max_files`` entries, with a ``too-many-files`` problem.

    ``only`` (a name of :data:`FOLDERS`): walk that folder of the corpus only.
    """
    inside = os.path.realpath(root)
    count = 0

    def counted(path: Path) -> bool:
        nonlocal count
        count += 1
        if count > limits.max_files:
            problems.append(Problem(f"more than {limits.max_files:,} files (Limits.max_files)", shown(path),
                                    code="too-many-files"))  # fmt: skip
            return False
        return True

    for entry in _entries(root, shown(root), inside, problems) if only is None else ():
        path = Path(entry.path)
        if not counted(path):
            return
        name = shown(path)
        try:
            mode = _stat(path, name, inside).st_mode
        except Refused as refused:
            problems.append(refused.problem)
            continue
        if entry.name in ROOT_FILES:
            if stat.S_ISREG(mode):
                yield ROOT_FILES[entry.name], path
            else:
                problems.append(_not_regular(mode, path, name).problem)
        elif entry.name in FOLDERS and stat.S_ISDIR(mode):
            continue  # walked below, in the order of FOLDERS
        elif stat.S_ISDIR(mode):
            problems.append(Problem(f"unexpected folder: {_HOLDS}", name, code="stray-file"))
        elif stat.S_ISREG(mode):
            hint = "; rename it to .yaml" if entry.name.endswith(".yml") else ""
            problems.append(Problem(f"unexpected file: {_HOLDS}{hint}", name, code="stray-file"))
        else:
            problems.append(_not_regular(mode, path, name).problem)
    for folder, kind in sorted(FOLDERS.items()):
        if only is not None and folder != only:
            continue
        here = root / folder
        if not os.path.lexists(here) or (only is None and not os.path.isdir(here)):
            continue  # absent, or reported above
        if kind is None:  # texts/: the texts of sources, read by the quote check, not as records
            continue
        try:
            mode = _stat(here, shown(here), inside).st_mode
        except Refused as refused:  # reported above
            if only is not None:
                problems.append(refused.problem)
            continue
        if not stat.S_ISDIR(mode):
            continue
        for entry in _entries(here, shown(here), inside, problems):
            path = Path(entry.path)
            if not counted(path):
                return
            if entry.name.endswith(".yaml") and entry.is_file(follow_symlinks=False):
                yield kind, path  # a regular file, not a link: the folder listing says so (no system call)
                continue
            name = shown(path)
            try:
                mode = _stat(path, name, inside).st_mode
            except Refused as refused:
                problems.append(refused.problem)
                continue
            if stat.S_ISREG(mode) and entry.name.endswith(".yaml"):
                yield kind, path
            elif stat.S_ISREG(mode):
                hint = "; rename it to .yaml" if entry.name.endswith(".yml") else ""
                problems.append(Problem(f"unexpected file: {_HOLDS}{hint}", name, code="stray-file"))
            elif stat.S_ISDIR(mode):
                problems.append(Problem(f"unexpected folder: {_HOLDS}", name, code="stray-file"))
            else:
                problems.append(_not_regular(mode, path, name).problem)
