"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The text goes to a temporary file in the target's directory, is flushed and synced, takes the target's permissions,
and is renamed over the target in one step. A symlink is followed: the file it points to is replaced, the link
stays a link. If anything fails before the rename, the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, exclusive: bool = False) -> Path:
    """Write ``data`` (text is encoded as UTF-8) to ``path`` atomically; return the path written.

    With ``exclusive``, refuse to replace an existing file (:class:`FileExistsError`), also when one appears
    while writing.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent
    existing_mode: int | None = None
    try:
        existing_mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        pass
    if exclusive and existing_mode is not None:
        raise FileExistsError(f"{path} exists; not overwriting it")
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if existing_mode is not None:
            os.chmod(temporary, existing_mode)
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
