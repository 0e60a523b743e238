"""Every write (``coalitions.files.atomic``): a file is the old one or the new one, never damaged; what is not a
regular file is never replaced; every failure is one ``cannot write PATH: reason``.

A writer killed with SIGKILL in the middle of a large write, or failing between the write and the rename, leaves
the original file intact, and a temporary file that the next run recognises and removes; permissions are kept; a
symlink stays a symlink; ``exclusive`` never replaces a file (nor writes through a link).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from coalitions import bundled_data_path
from coalitions.cli import main
from coalitions.files.atomic import CannotWrite, remove_stale, write_atomic, write_output

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

    def test_fifo_never_replaced(self, tmp_path: Path) -> None:
        """A FIFO (or a device) in the way is refused, not replaced by a regular file (write_corpus, write_schemas
        write through write_atomic)."""
        os.mkfifo(tmp_path / "out")
        with pytest.raises(CannotWrite, match="it is a FIFO, not a regular file; not replacing it"):
            write_atomic(tmp_path / "out", b"x")
        assert stat.S_ISFIFO(os.lstat(tmp_path / "out").st_mode) and [] == leftovers(tmp_path)

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


def dead_pid() -> int:
    """A process id that no process has now."""
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


class TestWriteOutput:
    """The one write path of every command: by what the target is."""

    def test_regular_file_replaced_atomically(self, tmp_path: Path) -> None:
        """A regular file (or a new name) is written through write_atomic; the path is returned."""
        assert tmp_path / "r.txt" == write_output(tmp_path / "r.txt", "report\n")
        (tmp_path / "r.txt").chmod(0o640)
        write_output(tmp_path / "r.txt", b"again\n")
        assert b"again\n" == (tmp_path / "r.txt").read_bytes() and 0o640 == stat.S_IMODE((tmp_path / "r.txt").stat().st_mode)
        assert [] == leftovers(tmp_path)

    def test_dash_is_standard_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``-`` (and None) write to standard output."""
        assert None is write_output("-", "to stdout\n")
        assert None is write_output(None, "and again\n")
        assert "to stdout\nand again\n" == capsys.readouterr().out

    def test_fifo_is_written_not_replaced(self, tmp_path: Path) -> None:
        """A FIFO is written to directly (a reader gets the data) and stays a FIFO."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
        reader.start()
        write_output(fifo, "through the pipe\n")
        reader.join(timeout=30)
        assert [b"through the pipe\n"] == received
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and [] == leftovers(tmp_path)

    def test_device_is_written_not_replaced(self, tmp_path: Path) -> None:
        """A character device is written to, never replaced by a regular file (as root, ``--output /dev/null``
        would otherwise destroy /dev/null); tried on a null device made for the test."""
        device = tmp_path / "null"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
        assert device == write_output(device, "into the void\n")
        assert stat.S_ISCHR(os.lstat(device).st_mode) and os.makedev(1, 3) == os.lstat(device).st_rdev
        assert 0 == main(["report", "--output", str(device)])
        assert stat.S_ISCHR(os.lstat(device).st_mode) and [] == leftovers(tmp_path)
        assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)

    def test_block_device_refused(self, tmp_path: Path) -> None:
        """A block device (a disk) is never written to."""
        device = tmp_path / "disk"
        try:
            os.mknod(device, stat.S_IFBLK | 0o600, os.makedev(7, 200))
        except PermissionError:
            pytest.skip("making a device node needs root")
        with pytest.raises(CannotWrite, match="it is a block device \\(a disk\\); not writing to it"):
            write_output(device, "x")
        assert stat.S_ISBLK(os.lstat(device).st_mode)

    @pytest.mark.parametrize(
        ("make", "expected"),
        [
            (lambda p: p.mkdir(), "it is a folder; give a file name"),
            (lambda p: None, "the folder {parent} does not exist"),
            (lambda p: (p.write_text("old"), p.chmod(0o444)), "permission denied: the file is read-only; not replacing it"),
        ],
        ids=["folder", "missing-folder", "read-only"],
    )  # fmt: skip
    def test_refused(self, tmp_path: Path, make: Any, expected: str) -> None:
        """A folder, a missing folder and a read-only file are each one ``cannot write PATH: reason``; nothing is
        replaced or left behind."""
        target = tmp_path / "missing" / "out.html" if "does not exist" in expected else tmp_path / "out"
        make(target)
        with pytest.raises(CannotWrite) as raised:
            write_output(target, "x")
        assert f"cannot write {target}: {expected.format(parent=target.parent)}" == str(raised.value)
        assert [] == leftovers(tmp_path)
        if target.is_file():
            assert "old" == target.read_text()

    def test_name_too_long(self, tmp_path: Path) -> None:
        """A name longer than the file system allows is a clear reason, not an internal error."""
        with pytest.raises(CannotWrite, match="the file name is too long$"):
            write_output(tmp_path / ("x" * 300), "x")

    def test_disk_full(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A full disk while writing leaves the old file whole and says so."""
        target = tmp_path / "export.json"
        target.write_bytes(ORIGINAL)
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left")))
        with pytest.raises(CannotWrite, match=f"^cannot write {target}: no space left on the device$"):
            write_output(target, b"x" * 100_000)
        assert ORIGINAL == target.read_bytes() and [] == leftovers(tmp_path)

    def test_exclusive_never_writes_through_a_link(self, tmp_path: Path) -> None:
        """``exclusive`` refuses anything there, a link to nothing included: the file it points to is not made."""
        link = tmp_path / "new.yaml"
        link.symlink_to(tmp_path / "outside" / "made.yaml")
        (tmp_path / "outside").mkdir()
        with pytest.raises(CannotWrite, match="a symbolic link to nothing already exists; not overwriting it"):
            write_output(link, "x", exclusive=True)
        assert not (tmp_path / "outside" / "made.yaml").exists()

    @pytest.mark.parametrize("command", [["report"], ["show", "NRF"], ["export", "json"], ["export", "popolo"]])
    def test_commands_say_cannot_write(self, command: list[str], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
        """Every command that writes ``--output`` says ``coalitions: cannot write PATH: reason`` and exits 1 (never
        "internal error", exit 70) for a missing folder, a folder and a name too long."""
        (tmp_path / "folder").mkdir()
        for target, reason in ((tmp_path / "no" / "out", f"the folder {tmp_path / 'no'} does not exist"),
                               (tmp_path / "folder", "it is a folder; give a file name"),
                               (tmp_path / ("x" * 300), "the file name is too long")):  # fmt: skip
            assert 1 == main([*command, "--data", str(bundled_data_path()), "--output", str(target)])
            assert f"coalitions: cannot write {target}: {reason}\n" == capsys.readouterr().err

    def test_stdout_through_its_name_when_a_pipe(self) -> None:
        """``--output /dev/stdout`` and ``--output -`` work when standard output is a pipe."""
        for name in ("/dev/stdout", "-"):
            child = subprocess.run([sys.executable, "-m", "coalitions", "report", "--output", name],
                                   capture_output=True, text=True, timeout=120)  # fmt: skip
            assert 0 == child.returncode, child.stderr
            assert child.stdout.startswith("Coalitions report")


class TestRemoveStale:
    def test_only_ours_and_dead(self, tmp_path: Path) -> None:
        """Only temporary files named as ours whose writer is gone are removed; a live writer's (pid 1, this
        process) and any other hidden file are kept."""
        dead = f".x.yaml.{dead_pid()}-abcd_123.coalitions.tmp"
        kept = [f".x.yaml.1-abcd_123.coalitions.tmp", f".x.yaml.{os.getpid()}-abcdefgh.coalitions.tmp",
                ".x.yaml.abcdefgh.tmp", ".notes.coalitions.tmp", "x.yaml"]  # fmt: skip
        for name in [dead, *kept]:
            (tmp_path / name).write_text("partial")
        assert [tmp_path / dead] == remove_stale(tmp_path)
        assert sorted(kept) == sorted(p.name for p in tmp_path.iterdir())


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
    left = leftovers(tmp_path)
    assert 1 == len(left) and left[0].startswith(".report.html.") and left[0].endswith(".coalitions.tmp")
    assert [tmp_path / left[0]] == remove_stale(tmp_path)  # the next run's clean-up
    assert [] == leftovers(tmp_path)
