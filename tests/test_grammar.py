"""Tests of the grammar every command shares (coalitions.cli.grammar): the corpus, the format, wrong usage."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import CORPUS, run

import coalitions
from coalitions.cli.grammar import EXTENSIONS, did_you_mean
from coalitions.files import is_corpus

#: Wrong usages of every kind, each with its command (for "every error line starts with coalitions:").
WRONG = [
    ("reprot",),
    ("report", "--formt", "json"),
    ("report", "--format", "htm"),
    ("report", "--table", "unity"),
    ("report", "--to", "2024", "--from", "2025"),
    ("report", "--from", "2024-02-30"),
    ("report", "--format", "json", "-o", "x.html"),
    ("report", "-o", "report.docx"),
    ("report", "stray", "--data", "."),
    ("show",),
    ("show", "a", "b"),
    ("diff", "a"),
    ("export",),
    ("export", "--format", "csv", "--graph", "organisations"),
    ("export", "--format", "json", "--table", "memberships"),
    ("export", "json", "--format", "csv"),
    ("validate", "--stict"),
    ("validate", "-o", "problems.txt"),
    ("search", " "),
]


class TestDidYouMean:
    def test_close_and_far(self) -> None:
        """The close choices are named, a far word gets nothing."""
        assert ("; did you mean 'report'?", "") == (did_you_mean("reprot", ["report", "show"]),
                                                    did_you_mean("zzz", ["report", "show"]))  # fmt: skip


class TestWrongUsage:
    @pytest.mark.parametrize("argv", WRONG, ids=" ".join)
    def test_exit_2_one_line(self, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]) -> None:  # fmt: skip
        """Rule (docs/cli.md): wrong usage exits 2 with one line on standard error starting with `coalitions:`,
        before any corpus is read, and nothing on standard output."""
        monkeypatch.chdir(tmp_path)
        code, out, err = run(capsys, *argv)
        assert (2, "", 1) == (code, out, len(err.splitlines())), err
        assert err.startswith("coalitions: ")
        assert not list(tmp_path.iterdir())

    @pytest.mark.parametrize(("argv", "expected"), [
        (("reprot",), "coalitions: unknown command 'reprot'; did you mean 'report' or 'export'? (see 'coalitions "
                      "--help')"),
        (("report", "--formt", "json"), "coalitions: report: unknown option '--formt'; did you mean '--format' or "
                                        "'--from'? (see 'coalitions report --help')"),
        (("report", "--table", "unity"), "coalitions: report: --table picks the table of a CSV; it does nothing in "
                                         "text: give --format csv (see 'coalitions report --help')"),
        (("report", "--format", "htm"), "coalitions: report: --format: 'htm' is not one of text, markdown, html, "
                                        "json, csv; did you mean 'html'? (see 'coalitions report --help')"),
        (("report", "--to", "2024", "--from", "2025"), "coalitions: report: --to 2024 is before --from 2025 (see "
                                                       "'coalitions report --help')"),
        (("show",), "coalitions: show: missing ID-OR-NAME (see 'coalitions show --help')"),
        (("new", "persn"), "coalitions: new: 'persn' is not one of declaration, organisation, person, source, "
                           "membership; did you mean 'person'? (see 'coalitions new --help')"),
    ])  # fmt: skip
    def test_messages(self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected: str) -> None:
        """What the messages say: did you mean, the option refused, no Python parameter names."""
        code, _, err = run(capsys, *argv)
        assert (2, expected) == (code, err.strip())


class TestCorpusOption:
    def test_data_twice(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--data given twice reads two folders as one corpus."""
        mine = tmp_path / "mine"
        (mine / "organisations").mkdir(parents=True)
        (mine / "organisations" / "new-party.yaml").write_text(
            "id: new-party\nname: New Party\nkind: party\nsources: [gazette]\n", encoding="utf-8")
        code, out, err = run(capsys, "show", "New Party", "--data", str(CORPUS), "--data", str(mine))
        assert (0, "", "New Party (organisation)") == (code, err, out.splitlines()[0])

    def test_bundled_beside_mine(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--bundled reads the bundled corpus beside the --data folders, and validate names both."""
        mine = tmp_path / "mine"
        (mine / "organisations").mkdir(parents=True)
        (mine / "organisations" / "new-party.yaml").write_text(
            "id: new-party\nname: New Party\nkind: party\nsources: [facts]\n", encoding="utf-8")
        code, out, err = run(capsys, "validate", "--bundled", "--data", str(mine))
        assert (0, "") == (code, err)
        count = len(coalitions.load().organisations) + 1
        assert out.startswith(f"ok: the bundled data, {mine}: {count} organisations, ")

    def test_old_positional_forms(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The older forms `validate PATH`, `report PATH` and `export FORMAT` still work."""
        assert 0 == run(capsys, "validate", str(CORPUS))[0]
        assert 0 == run(capsys, "report", str(CORPUS), "--format", "json")[0]
        code, out, _ = run(capsys, "export", "json", "--data", str(CORPUS))
        assert (0, True) == (code, "organisations" in json.loads(out))

    def test_reads_the_current_folder(self, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """Without --data, in a corpus folder: that corpus, and a note saying so."""
        monkeypatch.chdir(CORPUS)
        code, out, err = run(capsys, "validate")
        assert (0, "coalitions: reading the corpus in the current folder (no --data given)\n") == (code, err)
        assert out.startswith("ok: the current folder: ")

    def test_reads_data_below(self, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """Without --data, beside a corpus folder named data (a clone of the repository): that corpus."""
        shutil.copytree(CORPUS, tmp_path / "data")
        monkeypatch.chdir(tmp_path)
        code, out, err = run(capsys, "show", "gazette")
        assert (0, "coalitions: reading the corpus in data/ (no --data given)\n") == (code, err)

    def test_says_when_it_reads_the_bundled_corpus(self, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """Forgetting --data outside a corpus reads the bundled corpus, and a note says so (not an error)."""
        monkeypatch.chdir(tmp_path)
        code, out, err = run(capsys, "show", "NRF")
        assert (0, "coalitions: reading the bundled corpus (no --data given, and no corpus in the current folder "
                   "or in data/)\n") == (code, err)  # fmt: skip
        assert out.startswith("National Resistance Front")

    def test_quiet_validate_has_no_note(self, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """validate -q prints only the result."""
        monkeypatch.chdir(tmp_path)
        code, out, err = run(capsys, "validate", "-q")
        assert (0, "", True) == (code, err, out.startswith("ok: the bundled data: "))


class TestHelp:
    def test_every_command_has_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help of every command shows examples and the exit codes."""
        from coalitions.cli.app import build_parser

        commands = next(a for a in build_parser()._actions if a.dest == "command").choices
        for command in commands:
            code, out, _ = run(capsys, command, "--help")
            assert (0, True, True) == (code, f"examples:\n  coalitions {command}" in out, "exit codes: 0" in out)


class TestIsCorpus:
    def test_folders(self, tmp_path: Path) -> None:
        """A folder with a record folder or sources.yaml is a corpus; an empty one is not."""
        (tmp_path / "people").mkdir()
        assert (True, False) == (is_corpus(tmp_path), is_corpus(tmp_path / "people"))


class TestOutputFormat:
    @pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"), ("r.md", "# "), ("r.json", "{"),
                                                 ("r.csv", "name,"),
                                                 ("r.txt", "Red Party (organisation)")])  # fmt: skip
    def test_follows_the_extension(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str,
                                   start: str) -> None:  # fmt: skip
        """-o FILE without --format writes the format of the file's extension."""
        target = tmp_path / name
        code, _, err = run(capsys, "show", "red-party", "--data", str(CORPUS), "-o", str(target))
        assert (0, f"wrote {target}\n") == (code, err)
        assert target.read_text(encoding="utf-8").startswith(start)

    def test_export_follows_the_extension(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """export -o FILE.gexf writes GEXF; Popolo may go to a .json file."""
        assert 0 == run(capsys, "export", "--data", str(CORPUS), "-o", str(tmp_path / "g.gexf"))[0]
        assert "<gexf" in (tmp_path / "g.gexf").read_text(encoding="utf-8")
        popolo = tmp_path / "p.json"
        assert 0 == run(capsys, "export", "--format", "popolo", "--data", str(CORPUS), "-o", str(popolo))[0]

    def test_dash_is_standard_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--output - writes to standard output, and nothing is said on standard error."""
        code, out, err = run(capsys, "show", "red-party", "--data", str(CORPUS), "--output", "-", "--format", "json")
        assert (0, "") == (code, err)
        assert json.loads(out)

    def test_every_extension_is_a_format(self) -> None:
        """The extensions name formats the commands write."""
        assert {"text", "markdown", "html", "json", "csv", "graphml", "gexf", "sqlite"} == set(EXTENSIONS.values())

    def test_pipe(self, tmp_path: Path) -> None:
        """In a real process, -o - into a pipe gives the output to the reading end."""
        result = subprocess.run([sys.executable, "-m", "coalitions", "show", "red-party", "--data", str(CORPUS),
                                 "-o", "-"], capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
        assert (0, "Red Party (organisation)") == (result.returncode, result.stdout.splitlines()[0])


def test_cli_formats_are_the_report_formats() -> None:
    """The formats the command line offers are the report's (kept apart so that --help imports no report)."""
    from coalitions.cli.read import FORMATS
    from coalitions.report import FORMATS as REPORT_FORMATS

    assert REPORT_FORMATS == FORMATS


def test_help_imports_no_extra() -> None:
    """Rule (the brief): every command's imports are lazy, so `coalitions --help` loads none of the optional
    extras (matplotlib, networkx, pandas, jsonschema, numpy, scipy)."""
    code = ("import sys; from coalitions.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('matplotlib', 'networkx', 'pandas', 'jsonschema', 'numpy', 'scipy') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                            env={**os.environ, "COLUMNS": "120"})  # fmt: skip
    assert "[]" == result.stdout.splitlines()[-1]


def test_messages_name_no_parameter() -> None:
    """Rule (issue 11): messages never show Python parameter names: comparing a council without a date says what
    is missing in words (not "at_a, at_b")."""
    from coalitions import CoalitionsError, compare

    with pytest.raises(CoalitionsError) as raised:
        compare(coalitions.load(CORPUS), "alpha-council", "first-call")
    assert "comparing the council 'alpha-council' needs the date to take its members at" == str(raised.value)
