"""Resource limits (docs/limits.md): every bound is enforced, configurable, and refuses with a located message.

Inputs that could crash the interpreter (25,000 levels of nesting) run in a child interpreter, so that a crash
fails the test instead of ending the test run. How long each refusal takes is measured by
``benchmarks/refusals.py``; the bound asserted here (2 s) only catches a blow-up, not a slowdown.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import coalitions
from coalitions import InvalidCorpus, Limits
from coalitions.files.parse import ParseFailure, parse_yaml

BASE = Path(__file__).parent / "bad_inputs" / "_base"
TARGET = "organisations/river-party.yaml"
RECORD = (BASE / TARGET).read_bytes()

#: Far above any refusal measured (tens of milliseconds); a refusal this slow means a blow-up.
BLOW_UP_SECONDS = 2.0


def refusal(data: bytes, limits: Limits | None = None) -> list[str]:
    """The problems ``parse_yaml`` reports for ``data``, as printed; fails if the data parses or is slow."""
    started = time.perf_counter()
    with pytest.raises(ParseFailure) as raised:
        parse_yaml(data, "f.yaml", limits)
    assert time.perf_counter() - started < BLOW_UP_SECONDS
    return [str(p) for p in raised.value.problems]


def in_child(data: bytes, tmp_path: Path) -> str:
    """Parse ``data`` in a child interpreter; return what it printed, after checking that it did not crash."""
    (tmp_path / "input.yaml").write_bytes(data)
    code = (
        "import sys; from pathlib import Path; from coalitions.files.parse import parse_yaml, ParseFailure\n"
        "try:\n    parse_yaml(Path(sys.argv[1]).read_bytes(), 'f.yaml')\nexcept ParseFailure as e:\n    print(e)\n"
    )
    child = subprocess.run([sys.executable, "-c", code, str(tmp_path / "input.yaml")], capture_output=True,
                           text=True, timeout=120)  # fmt: skip
    assert 0 == child.returncode, child.stderr[-2000:]
    return child.stdout.strip()


class TestDefaults:
    def test_documented_values(self) -> None:
        """The defaults are the ones docs/limits.md lists."""
        assert Limits(1_000_000, 32, 50_000, 20_000, 100_000) == Limits()
        text = (Path(__file__).parents[1] / "docs" / "limits.md").read_text(encoding="utf-8")
        for field in ("max_file_bytes", "max_depth", "max_items", "max_string_length", "max_files"):
            assert f"`{field}`" in text
        assert "| `max_depth` | 32 |" in text


class TestNesting:
    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (b"a: " + b"[" * 25_000 + b"]" * 25_000, "f.yaml:1:36: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"a: " + b"{a: " * 25_000 + b"x" + b"}" * 25_000,
             "f.yaml:1:132: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"a:\n  " + b"- " * 25_000 + b"x", "f.yaml:2:1: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"a:\n  " + b"? " * 25_000 + b"x", "f.yaml:2:1: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"- " * 25_000 + b"x", "f.yaml:1:1: nesting deeper than 32 levels (Limits.max_depth)"),
            (b'n: "' + b"]" * 30_000 + b'"\na: ' + b"[" * 25_000 + b"]" * 25_000,
             "f.yaml:2:35: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"# " + b"]" * 30_000 + b"\na: " + b"[" * 25_000 + b"]" * 25_000,
             "f.yaml:2:35: nesting deeper than 32 levels (Limits.max_depth)"),
        ],
        ids=["flow-list", "flow-mapping", "block-list", "complex-keys", "block-list-on-line-1",
             "behind-quoted-brackets", "behind-a-comment"],  # fmt: skip
    )
    def test_25000_levels_refused_without_crash(self, data: bytes, expected: str, tmp_path: Path) -> None:
        """25,000 levels of nesting (which crash libyaml's composer) are refused, also when quoted or commented
        closing brackets hide the depth from the quick check; the interpreter survives."""
        assert expected == in_child(data, tmp_path)

    def test_limit_is_configurable(self) -> None:
        """``Limits(max_depth=...)`` moves the bound: 40 levels pass with 48 allowed, are refused with 32."""
        data = b"a: " + b"[" * 39 + b"x" + b"]" * 39
        assert 1 == len(parse_yaml(data, "f.yaml", Limits(max_depth=48)))
        assert ["f.yaml:1:36: nesting deeper than 32 levels (Limits.max_depth)"] == refusal(data)

    def test_deep_indentation(self) -> None:
        """Nesting by indentation alone is bounded too."""
        data = b"a:\n" + b"".join(b" " * (2 * i) + b"-\n" for i in range(100))
        assert ["f.yaml:67:1: nesting deeper than 32 levels (Limits.max_depth)"] == refusal(data)


class TestItems:
    def test_too_many_values(self) -> None:
        """A file with more values than ``max_items`` is refused where the first value past the limit starts."""
        assert ["f.yaml:25000:9: more than 50,000 values (Limits.max_items)"] == refusal(
            b"".join(b"k%d: v\n" % i for i in range(30_000)))  # fmt: skip

    def test_flow_items(self) -> None:
        """Values on one line in flow style count the same."""
        assert ["f.yaml:1:99999: more than 50,000 values (Limits.max_items)"] == refusal(
            b"a: [" + b"x," * 60_000 + b"x]")  # fmt: skip

    def test_configurable(self) -> None:
        """``Limits(max_items=...)`` moves the bound both ways."""
        data = b"a: [" + b"x," * 99 + b"x]"
        assert 100 == len(parse_yaml(data, "f.yaml")["a"])
        assert ["f.yaml:1:99: more than 50 values (Limits.max_items)"] == refusal(data, Limits(max_items=50))


class TestStrings:
    def test_too_long(self) -> None:
        """Text longer than ``max_string_length`` is refused at its start."""
        data = b"a: " + b"x" * 20_001
        assert ["f.yaml:1:4: text of 20,001 characters, over the limit of 20,000 (Limits.max_string_length)"] == \
            refusal(data)  # fmt: skip
        assert 20_001 == len(parse_yaml(data, "f.yaml", Limits(max_string_length=30_000))["a"])

    def test_ten_megabyte_string(self) -> None:
        """One 10 MB string is refused by the file size first, or by the string length when files may be bigger."""
        data = b"a: " + b"x" * 10_000_000
        assert ["f.yaml: file is 10,000,003 bytes, over the limit of 1,000,000 (Limits.max_file_bytes); split it "
                "or raise the limit"] == refusal(data)  # fmt: skip
        assert ["f.yaml:1:4: text of 10,000,000 characters, over the limit of 20,000 "
                "(Limits.max_string_length)"] == refusal(data, Limits(max_file_bytes=20_000_000))  # fmt: skip


class TestFiles:
    def corpus(self, tmp_path: Path) -> Path:
        """A copy of the catalogue's valid base corpus."""
        return Path(shutil.copytree(BASE, tmp_path / "corpus"))

    def test_hundred_megabytes_refused_before_reading(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A 100 MB file is refused from its size alone: it is never read."""
        corpus = self.corpus(tmp_path)
        with open(corpus / TARGET, "wb") as handle:
            handle.truncate(100_000_000)  # sparse: no disk space used
        opened, real_open, real_read, real_close = set(), os.open, os.read, os.close

        def tracked_open(path: Any, *args: Any) -> int:
            fd = real_open(path, *args)
            if str(path).endswith(TARGET):
                opened.add(fd)
            return fd

        def tracked_close(fd: int) -> None:
            opened.discard(fd)
            real_close(fd)

        monkeypatch.setattr(os, "open", tracked_open)
        monkeypatch.setattr(os, "close", tracked_close)
        monkeypatch.setattr(os, "read", lambda fd, n: pytest.fail("read") if fd in opened else real_read(fd, n))
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus)
        expected = (f"{corpus / TARGET}: file is 100,000,000 bytes, over the limit of 1,000,000 "
                    "(Limits.max_file_bytes); split it or raise the limit")  # fmt: skip
        assert [expected] == [str(p) for p in raised.value.errors]

    def test_file_size_configurable(self, tmp_path: Path) -> None:
        """``Limits(max_file_bytes=...)`` lowers or raises the bound."""
        corpus = self.corpus(tmp_path)
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus, limits=Limits(max_file_bytes=100))
        assert {"file-too-large"} == {p.code for p in raised.value.errors}
        assert 3 == len(coalitions.load(corpus, limits=Limits(max_file_bytes=2_000_000)).organisations)

    def test_number_of_files(self, tmp_path: Path) -> None:
        """A corpus with more files than ``max_files`` is refused once the count is passed."""
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(self.corpus(tmp_path), limits=Limits(max_files=3))
        assert ["more than 3 files (Limits.max_files)"] == [p.message for p in raised.value.problems]


def problems_of(corpus: Path) -> list[str]:
    """The problems ``load`` reports for ``corpus``, as printed (the working directory is the corpus's parent)."""
    with pytest.raises(InvalidCorpus) as raised:
        coalitions.load(corpus)
    return [str(p) for p in raised.value.problems]


class TestWhatIsRead:
    """docs/limits.md, "What a corpus holds": regular files only, links that stay inside, never past the limit."""

    @pytest.fixture
    def corpus(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """A copy of the base corpus in ``corpus/``, with the working directory above it."""
        monkeypatch.chdir(tmp_path)
        return Path(shutil.copytree(BASE, tmp_path / "corpus"))

    def test_link_to_dev_zero(self, corpus: Path) -> None:
        """A link to a device is refused with what it is, never read (reading /dev/zero never ends)."""
        (corpus / "people" / "zero.yaml").symlink_to("/dev/zero")
        started = time.perf_counter()
        assert ["corpus/people/zero.yaml: not a regular file but a character device (a symbolic link to /dev/zero); "
                "a corpus holds regular files only"] == problems_of(corpus)  # fmt: skip
        assert time.perf_counter() - started < BLOW_UP_SECONDS

    def test_fifo_does_not_hang(self, corpus: Path) -> None:
        """A FIFO (opening it would wait for a writer for ever) is refused by ``validate`` at once."""
        os.mkfifo(corpus / "people" / "pipe.yaml")
        child = subprocess.run([sys.executable, "-m", "coalitions", "validate", "corpus"], capture_output=True,
                               text=True, timeout=60)  # fmt: skip
        assert 1 == child.returncode
        assert child.stderr.startswith("corpus/people/pipe.yaml: not a regular file but a FIFO (named pipe); a "
                                       "corpus holds regular files only\n")  # fmt: skip

    def test_socket(self, corpus: Path) -> None:
        """A socket is refused with what it is."""
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(corpus / "declarations" / "s.yaml"))
            assert ["corpus/declarations/s.yaml: not a regular file but a socket; a corpus holds regular files "
                    "only"] == problems_of(corpus)  # fmt: skip

    def test_never_more_than_the_limit_plus_one(self, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that grows after its size was looked at is refused once the limit is passed; at most the limit
        plus one byte of it is read."""
        (corpus / TARGET).write_bytes(RECORD + b"# " + b"x" * 5000 + b"\n")
        real_fstat, real_read, read = os.fstat, os.read, []

        def small_fstat(fd: int) -> os.stat_result:  # the size of the file when it was opened
            found = real_fstat(fd)
            return os.stat_result((*found[:6], min(found.st_size, 100), *found[7:]))

        def counted_read(fd: int, n: int) -> bytes:
            data = real_read(fd, n)
            read.append(len(data))
            return data

        monkeypatch.setattr(os, "fstat", small_fstat)
        monkeypatch.setattr(os, "read", counted_read)
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus, limits=Limits(max_file_bytes=1000), cache=False)
        assert [f"corpus/{TARGET}: file is more than 1,000 bytes (it grew while being read), over the limit of 1,000 "
                "(Limits.max_file_bytes); split it or raise the limit"] == [str(p) for p in raised.value.errors]  # fmt: skip
        assert max(read) <= 1001

    def test_link_inside_the_corpus(self, corpus: Path) -> None:
        """A link to a file or a folder of the same corpus reads as that file or folder."""
        (corpus / ".store").mkdir()
        (corpus / "people" / "ada-example.yaml").rename(corpus / ".store" / "ada-example.yaml")
        (corpus / "people" / "ada-example.yaml").symlink_to(Path("..") / ".store" / "ada-example.yaml")
        (corpus / "declarations").rename(corpus / ".store" / "declarations")
        (corpus / "declarations").symlink_to(Path(".store") / "declarations", target_is_directory=True)
        assert coalitions.load(BASE, cache=False) == coalitions.load(corpus, cache=False)

    def test_link_out_of_the_corpus(self, corpus: Path, tmp_path: Path) -> None:
        """A link to a file or folder outside the corpus is refused (a corpus handed in for checking cannot make
        ``validate`` read ~/.ssh)."""
        secret = tmp_path / "secret.yaml"
        secret.write_text("id: x\nname: SECRET\n", encoding="utf-8")
        (corpus / "people" / "x.yaml").symlink_to(secret)
        (tmp_path / "elsewhere").mkdir()
        (corpus / "texts").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        assert [f"corpus/people/x.yaml: a symbolic link to {secret}, outside the corpus; a link in a corpus must "
                "stay inside it (copy the file in instead)",
                f"corpus/texts: a symbolic link to {tmp_path / 'elsewhere'}, outside the corpus; a link in a corpus "
                "must stay inside it (copy the file in instead)"] == problems_of(corpus)  # fmt: skip

    def test_dangling_link_and_loop(self, corpus: Path) -> None:
        """A link to nothing and a loop of links are each a problem of the link."""
        (corpus / "people" / "gone.yaml").symlink_to("missing.yaml")
        (corpus / "people" / "loop-a.yaml").symlink_to("loop-b.yaml")
        (corpus / "people" / "loop-b.yaml").symlink_to("loop-a.yaml")
        assert ["corpus/people/gone.yaml: a symbolic link to nothing (missing.yaml); remove it or make it point to "
                "a file",
                "corpus/people/loop-a.yaml: a loop of symbolic links; remove the link",
                "corpus/people/loop-b.yaml: a loop of symbolic links; remove the link"] == problems_of(corpus)  # fmt: skip

    def test_stray_folder(self, corpus: Path) -> None:
        """A folder a corpus does not hold is one problem (its files are not searched), also inside a record
        folder, and also when it is a link back to the corpus (no loop is followed)."""
        (corpus / "notes").mkdir()
        (corpus / "notes" / "a.yaml").write_text("x: y\n", encoding="utf-8")
        (corpus / "people" / "back").symlink_to("..", target_is_directory=True)
        (corpus / "people" / "folder.yaml").mkdir()  # named like a record file: still a folder
        holds = ("a corpus holds corpus.yaml, sources.yaml, YAML files in organisations/, people/, memberships/ and "
                 "declarations/, and source texts in texts/")
        assert [f"corpus/notes: unexpected folder: {holds}",
                f"corpus/people/back: unexpected folder: {holds}",
                f"corpus/people/folder.yaml: unexpected folder: {holds}"] == problems_of(corpus)  # fmt: skip

    def test_root_given_through_a_link(self, corpus: Path, tmp_path: Path) -> None:
        """The folder a user names is followed wherever it leads."""
        (tmp_path / "link").symlink_to(corpus, target_is_directory=True)
        assert 3 == len(coalitions.load(tmp_path / "link").organisations)


class TestNoBlowUp:
    def test_alias_bomb_is_never_expanded(self) -> None:
        """A billion-laughs bomb (10^10 strings once expanded) is refused at its anchors, once per name."""
        lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
        lines += [b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10)) for i in range(1, 10)]
        problems = refusal(b"".join(lines))
        assert 19 == len(problems)
        assert "f.yaml:2:10: alias *a0: anchors and aliases are not allowed; write the value out" == problems[2]

    def test_flood_of_invisible_characters(self) -> None:
        """330,000 zero-width joiners give 20 located problems, not 330,000 (each costing a pass over the text)."""
        problems = refusal(b"a: " + "\u200d".encode() * 330_000)
        assert 20 == len(problems)
        assert problems[0].startswith("f.yaml:1:4: invisible character U+200D ZERO WIDTH JOINER")

    def test_many_unknown_references(self, tmp_path: Path) -> None:
        """"Did you mean" is computed for the first 50 unknown references only; every one is still reported."""
        corpus = Path(shutil.copytree(BASE, tmp_path / "corpus"))
        signatures = b"".join(b"  - signer: river-partie-%d\n    sources: [charter]\n" % i for i in range(200))
        path = corpus / "declarations/founding-charter.yaml"
        path.write_bytes(path.read_bytes().replace(b"signatures:\n", b"signatures:\n" + signatures))
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus)
        messages = [p.message for p in raised.value.problems]
        assert 200 == len(messages)
        assert 50 == sum("did you mean" in m for m in messages)
