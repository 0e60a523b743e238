"""Tests for coalitions.files.edit and the ``fmt`` command: canonical form, comments kept, bad files reported."""

from __future__ import annotations

import os
import re
import stat
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import any_declarations, any_organisations

from coalitions import InvalidCorpus, load, load_file
from coalitions.cli import main
from coalitions.files.dump import dump_record, emit, to_data
from coalitions.files import fmt_file, fmt_paths, format_text

SOURCES = "sources:\n  - id: doc\n    title: A document\n"
MESSY = textwrap.dedent("""\
    # The party, as the fact sheet has it.
    name: Party A   # corrected spelling
    id: party-a
    kind: party

    # Founded twice over, the sources say.
    founded: [{date: 2021-08}]
    sources:
      # the only source
      - {source: doc}
    abbreviations: [NO]
    # trailing remark
    """)


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus.yaml").write_text("calendars: [gregorian, solar-hijri]\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "organisations").mkdir()
    (tmp_path / "organisations" / "party-a.yaml").write_text(MESSY, encoding="utf-8")
    return tmp_path


def _comments(text: str) -> list[str]:
    from coalitions.files.layout import comments as found

    return sorted(c.text for c in found(text))


class TestFormatText:
    """The canonical form with comments kept."""

    def test_messy_file(self) -> None:
        """Keys reordered, flow mappings and one-claim lists rewritten, NO quoted, every comment kept in place."""
        expected = textwrap.dedent("""\
            id: party-a
            # The party, as the fact sheet has it.
            name: Party A  # corrected spelling
            kind: party
            abbreviations: ["NO"]

            # Founded twice over, the sources say.
            founded: 2021-08
            sources:
              # the only source
              - doc
            # trailing remark
            """)
        assert expected == format_text(MESSY, "organisations")

    def test_idempotent(self) -> None:
        """Formatting the canonical form changes nothing."""
        once = format_text(MESSY, "organisations")
        assert once == format_text(once, "organisations")

    def test_written_form_kept(self) -> None:
        """Quotes, folded blocks at their line breaks, lists in brackets and plain dates stay as written; a long
        text on one line is never folded."""
        text = textwrap.dedent("""\
            id: doha-2024
            title: "The Joint Declaration of the Political Currents in Connection With the Holding of the United Nations Meeting in Doha, Qatar"
            kind: joint-declaration
            date: 2024-02-15
            place: 'Doha, "Qatar"'
            series: [doha]
            sources: [doc]
            notes: >-
              First paragraph,
              folded by hand.

              Second paragraph.
            """)
        assert text == format_text(text, "declarations")

    def test_tutorial_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The file of docs/adding-a-declaration.md is in canonical form as written; written with its keys in
        another order and block lists, ``fmt`` makes it canonical in one step."""
        docs = Path(__file__).resolve().parents[1] / "docs" / "adding-a-declaration.md"
        if not docs.is_file():  # pragma: no cover - docs are not installed with the package
            pytest.skip("docs/ not found beside the tests")
        tutorial = re.search(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S).group(1)  # type: ignore[union-attr]
        assert tutorial == format_text(tutorial, "declarations")
        root = _corpus(tmp_path)
        (root / "declarations").mkdir()
        path = root / "declarations" / "example-statement-2024-06.yaml"
        lines = tutorial.splitlines(keepends=True)
        kind = lines.index("kind: statement\n")
        reordered = lines[:kind] + lines[kind + 1 : kind + 2] + [lines[kind]] + lines[kind + 2 :]
        block = re.sub(r"^sources: \[facts\]$", "sources:\n  - facts", "".join(reordered), flags=re.M)
        path.write_text(block, encoding="utf-8")
        assert 1 == main(["fmt", "--check", str(path)])
        assert "would reformat" in capsys.readouterr().out
        assert 0 == main(["fmt", str(path)])
        assert 0 == main(["fmt", "--check", str(path)])
        assert tutorial.replace("\nsources: [facts]\n", "\nsources:\n  - facts\n") == path.read_text(encoding="utf-8")

    def test_errors_are_reported(self) -> None:
        """A file with errors raises InvalidCorpus with located problems, and is not rewritten."""
        with pytest.raises(InvalidCorpus, match="unknown field 'nickname'"):
            format_text("id: a\nname: A\nkind: party\nsources: [doc]\nnickname: x\n", "organisations", "a.yaml")

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(any_organisations(), any_declarations()), st.data())
    def test_comments_never_lost(self, record: Any, data: st.DataObject) -> None:
        """Rule: "never lose a comment silently": with comments inserted before any field or item and at the end of
        any field's line, the output holds every comment, reads back as the same record, and is a fixed point."""
        lines = emit(to_data(record))
        out = []
        for n, line in enumerate(lines):
            if line.path is not None and data.draw(st.booleans(), label=f"before {n}"):
                out.append(f"# c{n} before")
            text = line.text
            if line.path is not None and not text.endswith(">-") and data.draw(st.booleans(), label=f"after {n}"):
                text += f"  # c{n} after"
            out.append(text)
        text = "\n".join(out) + "\n"
        kind = "organisations" if type(record).__name__ == "Organisation" else "declarations"
        result = format_text(text, kind)
        assert _comments(text) == _comments(result)
        without = re.sub(r"  # c\d+ after", "", result)
        assert dump_record(record) == "".join(f"{line}\n" for line in without.splitlines()
                                              if not line.lstrip().startswith("# c"))  # fmt: skip
        assert result == format_text(result, kind)
        from coalitions.files.edit import read_records
        from coalitions.files.parse import parse_yaml

        assert [record] == read_records(parse_yaml(result.encode()), kind, "x")


    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(any_organisations(), any_declarations()), st.data())
    def test_canonical_is_a_fixed_point(self, record: Any, data: st.DataObject) -> None:
        """Rule: "fmt is idempotent": a file in canonical form, with any written style for each text and list,
        is left exactly as it is."""
        from coalitions.files.dump import Written

        plain = to_data(record)
        written: dict[tuple[Any, ...], Written] = {}
        stack: list[tuple[Any, tuple[Any, ...]]] = [(plain, ())]
        while stack:
            value, path = stack.pop()
            for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
                here = (*path, key)
                if isinstance(item, str):
                    style = data.draw(st.sampled_from(["plain", "double", "single", "folded", "literal"]))
                    written[here] = Written(style, item, tuple(item.split(" ")) if style == "folded" else ())
                elif isinstance(item, (dict, list)):
                    if isinstance(item, list) and data.draw(st.booleans()):
                        written[here] = Written("flow")
                    stack.append((item, here))
        text = "".join(line.text + "\n" for line in emit(plain, written))
        kind = "organisations" if type(record).__name__ == "Organisation" else "declarations"
        assert text == format_text(text, kind)


class TestFmtFile:
    """Rewriting files in place."""

    def test_check_writes_nothing(self, tmp_path: Path) -> None:
        """``check`` reports a change without writing."""
        path = _corpus(tmp_path) / "organisations" / "party-a.yaml"
        assert fmt_file(path, check=True)
        assert MESSY == path.read_text(encoding="utf-8")
        assert fmt_file(path)
        assert not fmt_file(path)

    def test_keeps_permissions_and_symlinks(self, tmp_path: Path) -> None:
        """The rewritten file keeps its mode; a symlink stays a symlink to the rewritten file."""
        root = _corpus(tmp_path)
        real = root / "organisations" / "party-a.yaml"
        os.chmod(real, 0o640)
        (root / "elsewhere").mkdir()
        moved = root / "elsewhere" / "party-a.yaml"
        real.rename(moved)
        real.symlink_to(moved)
        assert fmt_file(real)
        assert real.is_symlink() and 0o640 == stat.S_IMODE(moved.stat().st_mode)
        assert moved.read_text(encoding="utf-8").startswith("id: party-a\n")

    def test_interrupted_write_leaves_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """If the final rename fails, the old file is whole and no temporary file is left behind."""
        root = _corpus(tmp_path)
        path = root / "organisations" / "party-a.yaml"

        def broken(*args: Any) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", broken)
        with pytest.raises(OSError, match="disk full"):
            fmt_file(path)
        assert MESSY == path.read_text(encoding="utf-8")
        assert ["party-a.yaml"] == sorted(p.name for p in path.parent.iterdir())

    def test_paths_report_bad_files(self, tmp_path: Path) -> None:
        """Files with errors are reported and left alone; the others are formatted."""
        root = _corpus(tmp_path)
        bad = root / "organisations" / "bad.yaml"
        bad.write_text("id: bad\nname: [\n", encoding="utf-8")
        result = fmt_paths([root])
        assert [root / "organisations" / "party-a.yaml"] == result.changed
        assert 1 == len(result.problems) and "bad.yaml" in result.problems[0].file
        assert "id: bad\nname: [\n" == bad.read_text(encoding="utf-8")

    def test_bundled_data(self, tmp_path: Path) -> None:
        """The bundled files are in canonical form; formatted again, every comment is kept and the corpus loads
        equal to the original."""
        import shutil

        from coalitions import bundled_data_path

        try:
            original = load()
        except InvalidCorpus as error:
            pytest.skip(f"the bundled data does not load yet ({len(error.errors)} errors)")
        shipped = fmt_paths([bundled_data_path()], check=True)  # shipped canonical (CI checks it too)
        assert ([], []) == (shipped.changed, shipped.problems) and shipped.checked
        copy = tmp_path / "data"
        shutil.copytree(bundled_data_path(), copy)
        before = {p: _comments(p.read_text(encoding="utf-8")) for p in copy.rglob("*.yaml")}
        assert [] == fmt_paths([copy]).problems
        assert before == {p: _comments(p.read_text(encoding="utf-8")) for p in copy.rglob("*.yaml")}
        assert original == load(copy)
        again = fmt_paths([copy], check=True)
        assert ([], []) == (again.changed, again.problems)


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


class TestFmtPaths:
    """What ``fmt`` formats, and how it goes on past a bad file."""

    def test_folder_of_a_corpus(self, tmp_path: Path) -> None:
        """A folder of a corpus (``data/organisations``) is formatted: its files, checked as the loader reads them."""
        folder = _corpus(tmp_path) / "organisations"
        result = fmt_paths([folder], check=True)
        assert ([folder / "party-a.yaml"], [folder / "party-a.yaml"], []) == (result.checked, result.changed,
                                                                            result.problems)  # fmt: skip

    def test_not_a_corpus(self, tmp_path: Path) -> None:
        """A folder that is not a corpus (nor one of its folders) is refused, never reported as clean."""
        (tmp_path / "notes").mkdir()
        (tmp_path / "notes" / "a.yaml").write_text("x: y\n", encoding="utf-8")
        result = fmt_paths([tmp_path / "notes"], check=True)
        assert [] == result.checked
        assert [f"{tmp_path / 'notes'}: not a corpus folder: it holds none of sources.yaml, organisations/, people/, "
                "memberships/ and declarations/; give a corpus folder, one of its folders or files"] == \
            [str(p) for p in result.problems]  # fmt: skip

    def test_nothing_to_check(self, tmp_path: Path) -> None:
        """A corpus folder without a file to check is a problem: success always means something was checked."""
        (tmp_path / "declarations").mkdir()
        assert [f"{tmp_path}: no corpus files to format here"] == [str(p) for p in fmt_paths([tmp_path]).problems]

    def test_bad_files_do_not_stop_the_run(self, tmp_path: Path) -> None:
        """A link to nothing, a loop of links, a FIFO and a read-only file are problems of their own; the files
        after them are formatted all the same, and the read-only file is not replaced."""
        root = _corpus(tmp_path)
        folder = root / "organisations"
        (folder / "a-gone.yaml").symlink_to("missing.yaml")
        (folder / "b-loop.yaml").symlink_to("b-loop.yaml")
        os.mkfifo(folder / "c-pipe.yaml")
        locked = folder / "d-locked.yaml"
        locked.write_text(MESSY.replace("party-a", "d-locked"), encoding="utf-8")
        locked.chmod(0o444)
        inode = locked.stat().st_ino
        result = fmt_paths([root])
        assert [folder / "party-a.yaml"] == result.changed
        assert [
            f"{folder / 'a-gone.yaml'}: a symbolic link to nothing (missing.yaml); remove it or make it point to a file",
            f"{folder / 'b-loop.yaml'}: a loop of symbolic links; remove the link",
            f"{folder / 'c-pipe.yaml'}: not a regular file but a FIFO (named pipe); a corpus holds regular files only",
            f"{locked}: cannot write: permission denied: the file is read-only; not replacing it; file left as it is",
        ] == [str(p) for p in result.problems]
        assert (MESSY.replace("party-a", "d-locked"), inode) == (locked.read_text(encoding="utf-8"), locked.stat().st_ino)

    def test_folder_not_writable(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
        """A folder ``fmt`` may not write in makes each file a ``cannot write`` problem (exit 1), not an internal
        error, and the file is left whole."""
        import tempfile

        root = _corpus(tmp_path)
        monkeypatch.setattr(tempfile, "mkstemp", lambda **kw: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
        assert 1 == main(["fmt", str(root)])
        path = root / "organisations" / "party-a.yaml"
        assert f"{path}: cannot write: permission denied; file left as it is\n" in capsys.readouterr().err
        assert MESSY == path.read_text(encoding="utf-8")

    def test_links_as_the_loader_reads_them(self, tmp_path: Path) -> None:
        """A link to a folder inside the corpus is formatted through (the link stays); a link out of the corpus is
        a problem, and what it points to is not touched."""
        (tmp_path / "c").mkdir()
        root = _corpus(tmp_path / "c")
        (root / ".store").mkdir()
        (root / "organisations").rename(root / ".store" / "organisations")
        (root / "organisations").symlink_to(Path(".store") / "organisations", target_is_directory=True)
        outside = tmp_path / "outside.yaml"
        outside.write_text(MESSY, encoding="utf-8")
        (root / ".store" / "organisations" / "party-b.yaml").symlink_to(outside)
        result = fmt_paths([root])
        assert [root / "organisations" / "party-a.yaml"] == result.changed
        assert [f"{root / 'organisations' / 'party-b.yaml'}: a symbolic link to {outside}, outside the corpus; a "
                "link in a corpus must stay inside it (copy the file in instead)"] == [str(p) for p in result.problems]
        assert (root / "organisations").is_symlink() and MESSY == outside.read_text(encoding="utf-8")

    def test_size_checked_before_reading(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A 60 MB file is refused from its size, as the loader refuses it: never read."""
        root = _corpus(tmp_path)
        big = root / "organisations" / "party-a.yaml"
        with open(big, "wb") as handle:
            handle.truncate(60_000_000)  # sparse
        monkeypatch.setattr(os, "read", lambda fd, n: pytest.fail(f"read {n} bytes"))
        assert [f"{big}: file is 60,000,000 bytes, over the limit of 1,000,000 (Limits.max_file_bytes); split it or "
                "raise the limit"] == [str(p) for p in fmt_paths([big]).problems]  # fmt: skip

    def test_stale_temporary_files_removed(self, tmp_path: Path) -> None:
        """A run that writes removes the temporary files a killed run left in the folders it writes (ours only,
        their writer gone); ``--check`` writes nothing and removes nothing."""
        root = _corpus(tmp_path)
        stale = root / "organisations" / f".party-a.yaml.{_dead_pid()}-abcdefgh.coalitions.tmp"
        stale.write_text("half a file", encoding="utf-8")
        other = root / "organisations" / ".notes.tmp"
        other.write_text("mine", encoding="utf-8")
        fmt_paths([root], check=True)
        assert stale.exists()
        fmt_paths([root])
        assert not stale.exists() and other.exists()


#: A child that runs ``coalitions fmt`` and stops between writing a file and renaming it, waiting to be killed.
_KILLED_FMT = textwrap.dedent(
    """
    import os, sys, time
    from coalitions.files import atomic
    from coalitions.cli import main

    def pause(source, target):
        print("ready", flush=True)
        time.sleep(120)

    atomic.os.replace = pause
    main(["fmt", sys.argv[1]])
    """
)


def test_fmt_killed_then_run_again(tmp_path: Path) -> None:
    """``kill -9`` while ``fmt`` writes leaves the file whole and one temporary file, which the next run removes."""
    import signal
    import subprocess
    import sys

    root = _corpus(tmp_path)
    path = root / "organisations" / "party-a.yaml"
    with subprocess.Popen([sys.executable, "-c", _KILLED_FMT, str(root)], stdout=subprocess.PIPE) as child:
        try:
            assert child.stdout is not None and b"ready\n" == child.stdout.readline()
            child.send_signal(signal.SIGKILL)
            assert -signal.SIGKILL == child.wait(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
    assert MESSY == path.read_text(encoding="utf-8")
    assert 1 == len([p for p in path.parent.iterdir() if p.name.endswith(".coalitions.tmp")])
    assert 0 == main(["fmt", str(root)])
    assert ["party-a.yaml"] == sorted(p.name for p in path.parent.iterdir())
    assert load_file(path) == load_file(path)


class TestCommands:
    """``coalitions fmt``."""

    def test_fmt(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--check`` exits 1 and writes nothing while a file would change; ``fmt`` rewrites it; then all is clean."""
        root = _corpus(tmp_path)
        assert 1 == main(["fmt", "--check", str(root)])
        assert "would reformat" in capsys.readouterr().out
        assert 0 == main(["fmt", str(root)])
        assert 0 == main(["fmt", "--check", str(root)])
        assert "all 3 files are in canonical form" in capsys.readouterr().out
