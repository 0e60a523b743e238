"""Every write the tool does: :func:`write_output` for a path a command writes to, on :func:`write_atomic` for files.

A reader of a regular file sees the old file or the new one, never half of either: the text goes to a temporary
file in the target's directory (``.NAME.PID-XXXXXXXX.coalitions.tmp``), is flushed and synced, takes the target's
permissions (and owner and group where the user may set them), and is renamed over the target in one step. A symlink
is followed: the file it points to is replaced, the link stays a link. If anything fails before the rename, the
temporary file is removed and the target is untouched; if the writer is killed, the temporary file names its
process, so a later run can tell it is stale and remove it (:func:`remove_stale`).

:func:`write_output` decides by what the target is: ``-`` (or standard output itself, ``/dev/stdout`` included,
whether a terminal, a file or a pipe) is written to standard output; a regular file (or a new name) is replaced
atomically, unless it is read-only; a character device or a FIFO (``/dev/null``, a named pipe) is written directly,
never replaced; a folder, a block device or a socket is refused. Every failure is one :class:`CannotWrite` naming
the file and the reason.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from ..model import CoalitionsError

__all__ = ["CannotWrite", "TEMPORARY", "remove_stale", "write_atomic", "write_output"]

#: The name of our temporary files: ``.`` + the target's name (its first 100 characters) + ``.`` + the writer's
#: process id + ``-`` + 8 random characters + ``.coalitions.tmp``.
TEMPORARY = re.compile(r"\..*\.(\d+)-[a-z0-9_]{8}\.coalitions\.tmp", re.S)
_SUFFIX = ".coalitions.tmp"


class CannotWrite(CoalitionsError, OSError):
    """A file cannot be written; the message names it and says why (``cannot write PATH: reason``)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder; give a file name",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "a loop of symbolic links",
    errno.EFBIG: "the file is too large for the file system",
}


def _reason(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOENT:
        return f"the folder {path.parent} does not exist"
    return _REASONS.get(error.errno or 0) or str(error.strerror or error).lower()


def _is_stale(name: str) -> bool:
    match = TEMPORARY.fullmatch(name)
    if match is None:
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive: another user's process
        return False
    except (OverflowError, ValueError):  # no process can have this number
        return True
    return False


def remove_stale(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files our writers left in ``folder`` when killed (those matching :data:`TEMPORARY`
    whose process is gone); return them. Nothing else is touched; errors are ignored."""
    removed = []
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.endswith(_SUFFIX) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    for name in names:
        if _is_stale(name):
            try:
                os.unlink(os.path.join(folder, name))
                removed.append(Path(folder) / name)
            except OSError:
                pass
    return removed


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, exclusive: bool = False) -> Path:
    """Write ``data`` (text is encoded as UTF-8) to regular file ``path`` atomically; return the path written.

    Anything else there (a folder, a FIFO, a device) is never replaced: :class:`CannotWrite` (an ``OSError``); to
    write to a device or a pipe, use :func:`write_output`. With ``exclusive``, refuse to replace anything already there (:class:`FileExistsError`), a symbolic link
    included (even one to nothing: it is never written through), also when it appears while writing.
    """
    target = Path(path)
    if exclusive and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, f"{path} exists; not overwriting it")
    if target.is_symlink():
        target = target.resolve()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent
    existing: os.stat_result | None = None
    try:
        existing = target.stat()
    except FileNotFoundError:
        pass
    if exclusive and existing is not None:  # pragma: no cover - lexists said no a moment ago
        raise FileExistsError(errno.EEXIST, f"{path} exists; not overwriting it")
    if existing is not None and not stat.S_ISREG(existing.st_mode):  # a folder, a FIFO, a device: never replaced
        kind = "a folder" if stat.S_ISDIR(existing.st_mode) else "a FIFO" if stat.S_ISFIFO(existing.st_mode) \
            else "a device or a socket"  # fmt: skip
        raise CannotWrite(path, f"it is {kind}, not a regular file; not replacing it")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name[:100]}.{os.getpid()}-", suffix=_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
            if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(temporary, existing.st_uid, existing.st_gid)
                except OSError:  # not allowed: try the group alone, else the writer owns the new file
                    try:
                        os.chown(temporary, -1, existing.st_gid)
                    except OSError:
                        pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        if exclusive:
            os.link(temporary, target)  # fails if the target appeared meanwhile
            os.unlink(temporary)
        else:
            os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return target
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dir_fd)
    return target


def _to_stdout(payload: str | bytes) -> None:
    try:
        if isinstance(payload, str):
            sys.stdout.write(payload)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # the reader has gone: not an error of ours (the command line exits quietly)
    except OSError as error:
        raise CannotWrite("standard output", _reason(error, Path("-"))) from None


def _is_stdout(found: os.stat_result) -> bool:
    try:
        return os.path.samestat(found, os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):  # no real standard output (captured, closed)
        return False


def _write_directly(path: Path, payload: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_output(target: str | os.PathLike[str] | None, data: str | bytes, *, exclusive: bool = False) -> Path | None:
    """Write ``data`` to ``target`` as what it is (see the module); return the path written, or None for standard
    output (``target`` None or ``-``). Raises :class:`CannotWrite` for every failure.

    With ``exclusive`` (``coalitions new``), only a new file is written: anything already there, a symbolic link
    included, is refused.
    """
    if target is None or os.fspath(target) == "-":
        _to_stdout(data)
        return None
    path = Path(target)
    try:
        found: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise CannotWrite(path, _reason(error, path)) from None
    if exclusive and os.path.lexists(path):
        what = "a symbolic link" + (" to nothing" if found is None else "") if path.is_symlink() else "it"
        raise CannotWrite(path, f"{what} already exists; not overwriting it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if found is None or stat.S_ISREG(found.st_mode):
            if found is not None and _is_stdout(found):  # `> out.txt --output /dev/stdout`: one stream, not two
                _to_stdout(data)
                return None
            if found is not None and (not found.st_mode & 0o222 or not os.access(path, os.W_OK)):
                raise CannotWrite(path, "permission denied: the file is read-only; not replacing it")
            return write_atomic(path, payload, exclusive=exclusive)
        if stat.S_ISDIR(found.st_mode):
            raise CannotWrite(path, "it is a folder; give a file name")
        if _is_stdout(found):  # /dev/stdout, /dev/fd/1: a terminal, a pipe or a socket
            _to_stdout(data)
            return None
        if stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode):
            _write_directly(path, payload)  # a device or a pipe is written to, never replaced
            return path
        kind = "a block device (a disk)" if stat.S_ISBLK(found.st_mode) else "a socket" \
            if stat.S_ISSOCK(found.st_mode) else "not a file"  # fmt: skip
        raise CannotWrite(path, f"it is {kind}; not writing to it")
    except FileExistsError:
        raise CannotWrite(path, "it appeared while writing; not overwriting it") from None
    except CannotWrite:
        raise
    except OSError as error:
        raise CannotWrite(path, _reason(error, path)) from None
