"""Atomic writes (``coalitions.files.atomic.write_atomic``): the target is the old file or the new one, never damaged.

A writer killed with SIGKILL in the middle of a large write, or failing between the write and the rename, leaves
the original file intact; permissions are kept; a symlink stays a symlink; ``exclusive`` never replaces a file.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coalitions.files.atomic import write_atomic

ORIGINAL = b"id: river-party\nname: River Party\n"


def leftovers(folder: Path) -> list[str]:
    """Temporary files of write_atomic left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class TestWrite:
    def test_new_file(self, tmp_path: Path) -> None:
        """A new file gets the data (text as UTF-8) and the permissions the umask gives a new file."""
        umask = os.umask(0o022)
        os.umask(umask)
        path = write_atomic(tmp_path / "new.yaml", "name: Ada Éxample\n")
        assert tmp_path / "new.yaml" == path
        assert "name: Ada Éxample\n".encode() == path.read_bytes()
        assert 0o666 & ~umask == stat.S_IMODE(path.stat().st_mode)
        assert [] == leftovers(tmp_path)

    def test_replace_keeps_permissions(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permission bits (here 0o640), not the umask's."""
        path = tmp_path / "report.html"
        path.write_bytes(ORIGINAL)
        path.chmod(0o640)
        write_atomic(path, b"<p>new</p>")
        assert b"<p>new</p>" == path.read_bytes()
        assert 0o640 == stat.S_IMODE(path.stat().st_mode)

    def test_symlink_stays_a_link(self, tmp_path: Path) -> None:
        """Writing through a symlink replaces the file it points to; the link is not replaced by a file."""
        (tmp_path / "real").mkdir()
        real = tmp_path / "real" / "out.csv"
        real.write_bytes(ORIGINAL)
        link = tmp_path / "out.csv"
        link.symlink_to(Path("real") / "out.csv")
        write_atomic(link, b"a,b\n")
        assert link.is_symlink()
        assert Path("real") / "out.csv" == Path(os.readlink(link))
        assert b"a,b\n" == real.read_bytes() == link.read_bytes()
        assert [] == leftovers(tmp_path) + leftovers(tmp_path / "real")

    def test_dangling_symlink(self, tmp_path: Path) -> None:
        """A symlink to a file not yet there creates that file and stays a link."""
        link = tmp_path / "out.txt"
        link.symlink_to(tmp_path / "target.txt")
        write_atomic(link, "x")
        assert link.is_symlink() and b"x" == (tmp_path / "target.txt").read_bytes()

    def test_directory_target_refused(self, tmp_path: Path) -> None:
        """A folder in the way is an OSError; nothing is left behind."""
        (tmp_path / "out").mkdir()
        with pytest.raises(OSError):
            write_atomic(tmp_path / "out", b"x")
        assert (tmp_path / "out").is_dir() and [] == leftovers(tmp_path)


class TestExclusive:
    def test_refuses_existing(self, tmp_path: Path) -> None:
        """``exclusive`` (``coalitions new``) never replaces an existing file."""
        path = tmp_path / "river-party.yaml"
        path.write_bytes(ORIGINAL)
        with pytest.raises(FileExistsError):
            write_atomic(path, b"other", exclusive=True)
        assert ORIGINAL == path.read_bytes()
        assert [] == leftovers(tmp_path)

    def test_creates_missing(self, tmp_path: Path) -> None:
        """``exclusive`` writes a file that does not exist yet."""
        write_atomic(tmp_path / "new.yaml", b"x", exclusive=True)
        assert b"x" == (tmp_path / "new.yaml").read_bytes()

    def test_file_appearing_while_writing(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file created by someone else between the check and the rename is kept, not replaced."""
        path = tmp_path / "new.yaml"
        fsync = os.fsync

        def fsync_then_race(fd: int) -> None:
            fsync(fd)
            if not path.exists():
                path.write_bytes(ORIGINAL)

        monkeypatch.setattr(os, "fsync", fsync_then_race)
        with pytest.raises(FileExistsError):
            write_atomic(path, b"mine", exclusive=True)
        assert ORIGINAL == path.read_bytes()
        assert [] == leftovers(tmp_path)


class TestFailures:
    def test_failure_between_write_and_rename(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """If the rename fails, the original is intact and the temporary file is removed."""
        path = tmp_path / "report.html"
        path.write_bytes(ORIGINAL)

        def broken_replace(source: str, target: str) -> None:
            assert b"new" * 1000 == Path(source).read_bytes()  # written and synced, not yet renamed
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", broken_replace)
        with pytest.raises(OSError, match="No space left"):
            write_atomic(path, b"new" * 1000)
        assert ORIGINAL == path.read_bytes()
        assert [] == leftovers(tmp_path)

    def test_failure_while_writing(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """If the data cannot be synced (a full disk), the original is intact and nothing is left behind."""
        path = tmp_path / "export.csv"
        path.write_bytes(ORIGINAL)
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "Input/output error")))
        with pytest.raises(OSError, match="Input/output"):
            write_atomic(path, b"x" * 100_000)
        assert ORIGINAL == path.read_bytes()
        assert [] == leftovers(tmp_path)


#: A child that writes 64 MB with write_atomic and stops at a chosen moment, waiting to be killed.
_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from coalitions.files import atomic
    target, moment = sys.argv[1], sys.argv[2]

    def pause():
        print("ready", flush=True)
        time.sleep(120)

    if moment == "mid-write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return self.handle.__exit__(*exc)
            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                pause()
            def __getattr__(self, name):
                return getattr(self.handle, name)

        atomic.os.fdopen = lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
    else:  # "before-rename": everything written and synced
        atomic.os.replace = lambda source, target: pause()
    atomic.write_atomic(target, b"N" * 64_000_000)
    """
)


@pytest.mark.parametrize("moment", ["mid-write", "before-rename"])
def test_killed_writer_leaves_original_intact(moment: str, tmp_path: Path) -> None:
    """A writer killed with SIGKILL midway through a 64 MB write, or after writing and before renaming, leaves the
    original file byte for byte as it was."""
    path = tmp_path / "report.html"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    with subprocess.Popen([sys.executable, "-c", _CHILD, str(path), moment], stdout=subprocess.PIPE) as child:
        try:
            assert child.stdout is not None
            assert b"ready\n" == child.stdout.readline()
            partial = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
            assert 1 == len(partial) and partial[0].stat().st_size >= 32_000_000  # the write was under way
            child.send_signal(signal.SIGKILL)
            assert -signal.SIGKILL == child.wait(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
    assert ORIGINAL == path.read_bytes()
    assert 0o640 == stat.S_IMODE(path.stat().st_mode)
