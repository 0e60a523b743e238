"""Tests for coalitions.cli.output: what every command prints of a refused corpus (capped, ``--all``, ``--quiet``)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from coalitions import InvalidCorpus, Problem, load
from coalitions.cli import main
from coalitions.cli.output import MAX_PER_FILE, MAX_PRINTED, print_problems, refuse

BASE = Path(__file__).parent / "bad_inputs" / "_base"


def many_errors(tmp_path: Path) -> Path:
    """The base corpus with 5,000 unknown signers in its declaration and 10 files of 30 errors each: 5,300 errors."""
    corpus = Path(shutil.copytree(BASE, tmp_path / "corpus"))
    path = corpus / "declarations" / "founding-charter.yaml"
    signatures = b"".join(b"  - signer: nobody-%d\n    sources: [charter]\n" % i for i in range(5000))
    path.write_bytes(path.read_bytes().replace(b"signatures:\n", b"signatures:\n" + signatures))
    for n in range(10):
        aliases = "".join(f"  - text: Alias {i}\n    kinds: x\n" for i in range(30))
        (corpus / "people" / f"p{n}.yaml").write_text(f"id: p{n}\nname: Person {n}\nsources: [report]\naliases:\n"
                                                       f"{aliases}", encoding="utf-8")  # fmt: skip
    return corpus


class TestPrintProblems:
    def test_capped_per_file_and_in_all(self) -> None:
        """At most 50 problems of a file and 200 in all are printed, then one line counting the rest."""
        problems = [Problem(f"m{i}", f"f{i // 100}.yaml", i + 1, 1) for i in range(1000)]
        stream = io.StringIO()
        assert 800 == print_problems(problems, stream)
        lines = stream.getvalue().splitlines()
        assert MAX_PRINTED + 1 == len(lines)
        assert {f"f{n}.yaml" for n in range(4)} == {line.split(":")[0] for line in lines[:-1]}
        assert all(sum(line.startswith(f"f{n}.yaml:") for line in lines) == MAX_PER_FILE for n in range(4))
        assert ("... and 800 more not shown (at most 50 of a file and 200 in all are printed); see every one with: "
                "coalitions validate --all") == lines[-1]

    def test_everything(self) -> None:
        """With ``everything``, every problem is printed and nothing counted."""
        stream = io.StringIO()
        assert 0 == print_problems([Problem("m", "f.yaml", i + 1, 1) for i in range(300)], stream, everything=True)
        assert 300 == len(stream.getvalue().splitlines())


class TestRefuse:
    def test_quiet_hides_warnings_with_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``quiet`` leaves the warnings out also when there are errors, and says so in the count line."""
        error = InvalidCorpus([Problem("bad", "a.yaml", 1, 1), Problem("odd", "a.yaml", 2, 1, severity="warning")])
        assert 1 == refuse(error, quiet=True)
        assert ["a.yaml:1:1: bad", "1 error and 1 warning (not shown: --quiet); the corpus was not loaded"] == \
            capsys.readouterr().err.splitlines()  # fmt: skip


class TestValidate:
    """``coalitions validate`` on a corpus with 5,300 errors."""

    def test_capped(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The first 50 of each file, 200 in all, a line for the rest and the count line: not 5,301 lines."""
        corpus = many_errors(tmp_path)
        assert 1 == main(["validate", str(corpus)])
        lines = capsys.readouterr().err.splitlines()
        assert 202 == len(lines)
        assert ("... and 5,110 more not shown (at most 50 of a file and 200 in all are printed); see every one with: "
                f"coalitions validate --all {corpus}") == lines[-2]  # 5,100 errors and the 10 files' notes  # fmt: skip
        assert "5,300 errors; the corpus was not loaded" == lines[-1]

    def test_all(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--all`` prints every problem; the exception keeps every one anyway."""
        corpus = many_errors(tmp_path)
        assert 1 == main(["validate", "--all", str(corpus)])
        lines = capsys.readouterr().err.splitlines()
        notes = sum(": note: " in line for line in lines)
        assert (5301, 10) == (len(lines) - notes, notes)  # the errors, the count line, and a note per file
        with pytest.raises(InvalidCorpus) as raised:
            load(corpus)
        assert (5300, 5310) == (len(raised.value.errors), len(raised.value.problems))  # and a note per file

    def test_quiet_with_errors(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``-q`` hides the warnings also when the corpus has errors."""
        corpus = Path(shutil.copytree(BASE, tmp_path / "corpus"))
        path = corpus / "declarations" / "founding-charter.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("  - signer: river-party\n",
                                                                 "  - signer: river-party\n    status: disputed\n"),
                        encoding="utf-8")  # fmt: skip
        with open(corpus / "people" / "ada-example.yaml", "a", encoding="utf-8") as person:
            person.write("notes: ''\n")
        assert 1 == main(["validate", str(corpus)])
        assert 4 == len(capsys.readouterr().err.splitlines())  # the warning, the error, its file's note, the count
        assert 1 == main(["validate", "-q", str(corpus)])
        err = capsys.readouterr().err.splitlines()
        assert [": warning: " in line for line in err] == [False, False, False]
        assert "1 error and 1 warning (not shown: --quiet); the corpus was not loaded" == err[-1]

    def test_other_commands_capped(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A command that loads the corpus (``report``) prints the same capped list."""
        assert 1 == main(["report", "--data", str(many_errors(tmp_path))])
        assert 202 == len(capsys.readouterr().err.splitlines())
