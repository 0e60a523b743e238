"""Tests of the everyday commands (coalitions.cli.read) through the real entry point, coalitions.cli.main."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coalitions.cli import main

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CORPUS = GOLDEN / "corpus"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``coalitions argv``; return the exit code, standard output and standard error."""
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse exits for --help and usage errors
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


class TestGolden:
    @pytest.mark.parametrize(("fmt", "name"), [("text", "report.txt"), ("markdown", "report.md")])
    def test_report_of_the_golden_corpus(self, capsys, fmt, name):
        """The text and Markdown reports of the small fixed corpus are exactly the golden files.

        To accept a deliberate change: coalitions report tests/golden/corpus --to 2024-12-31 [--format markdown]
        > tests/golden/report.txt (or .md), and review the diff.
        """
        code, out, err = run(capsys, "report", str(CORPUS), "--to", "2024-12-31", "--format", fmt)
        assert (0, "") == (code, err)
        assert (GOLDEN / name).read_text(encoding="utf-8") == out


class TestReport:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "csv"])
    def test_every_format(self, capsys, fmt):
        """Every format works on the golden corpus and says something about its declarations."""
        code, out, err = run(capsys, "report", str(CORPUS), "--format", fmt, "--expand", "--window", "quarter")
        assert (0, "") == (code, err)
        assert "First Call for Unity" in out

    def test_json_is_versioned(self, capsys):
        """The JSON report carries its shape version and the filters."""
        code, out, _ = run(capsys, "report", str(CORPUS), "--format", "json", "--from", "2023", "--to", "2024")
        data = json.loads(out)
        assert (0, 2) == (code, data["version"])
        assert {"from": "2023", "to": "2024", "expand": "no", "window": "year", "now": "2024-01-16"} == data["filters"]

    def test_at_is_now(self, capsys):
        """Rule (issue #13, 5): --at sets the date "now" stands for (any precision); without it, the last day the
        corpus covers (2024-01-16 for the golden corpus), never today."""
        code, out, _ = run(capsys, "report", str(CORPUS), "--format", "json", "--at", "2022-02")
        data = json.loads(out)
        summary = next(s for s in data["sections"] if s["key"] == "summary")
        assert (0, "2022-02") == (code, data["filters"]["now"])
        assert any(line.startswith("Now: 2022-02 (given with --at)") for line in summary["lines"])
        members = next(t for s in data["sections"] for t in s["tables"] if t["key"] == "council-members")
        assert "Members of the bodies with member organisations on 2022-02" == members["title"]
        code, out, _ = run(capsys, "report", str(CORPUS))
        assert "Now: 2024-01-16 (the last day the corpus covers)" in out

    def test_scope(self, capsys):
        """--scope names the scope counted; an unknown one is one line and exit code 1."""
        code, out, _ = run(capsys, "report", str(CORPUS), "--scope", "all")
        assert 0 == code and "scope: all" in out.splitlines()[2]
        code, _, err = run(capsys, "report", str(CORPUS), "--scope", "nope")
        assert (1, 1) == (code, len(err.splitlines())) and "scope" in err

    def test_csv_table(self, capsys):
        """--table picks the CSV's table."""
        code, out, _ = run(capsys, "report", str(CORPUS), "--format", "csv", "--table", "council-changes")
        assert 0 == code
        assert "date,earliest,latest,council id,council,member id,member,change,status,via,sources" == \
            out.splitlines()[0]  # fmt: skip

    def test_output_is_atomic_and_keeps_permissions(self, capsys, tmp_path):
        """--output replaces the file in one step and keeps an existing file's permissions."""
        target = tmp_path / "report.md"
        target.write_text("old")
        os.chmod(target, 0o640)
        code, out, err = run(capsys, "report", str(CORPUS), "--format", "markdown", "--output", str(target))
        assert (0, "", f"wrote {target}\n") == (code, out, err)
        assert target.read_text(encoding="utf-8").startswith("# Coalitions report")
        assert 0o640 == stat.S_IMODE(target.stat().st_mode)
        assert ["report.md"] == sorted(p.name for p in tmp_path.iterdir())

    def test_output_unwritable(self, capsys, tmp_path):
        """A folder that does not exist is a one-line error and exit code 1."""
        code, _, err = run(capsys, "report", str(CORPUS), "--output", str(tmp_path / "no" / "r.txt"))
        assert 1 == code and err.startswith("coalitions: cannot write")

    def test_filters(self, capsys):
        """--council and --organisation take any name; --from and --to any precision."""
        code, out, _ = run(capsys, "report", str(CORPUS), "--council", "AC", "--organisation", "Parti Rouge",
                           "--from", "2023-05", "--to", "2023")  # fmt: skip
        assert 0 == code
        assert "council: alpha-council; organisation: red-party" in out
        assert "Second Open Letter" in out and "First Call" not in out

    def test_unknown_council(self, capsys):
        """An unknown name: "did you mean", exit code 1."""
        code, out, err = run(capsys, "report", str(CORPUS), "--council", "alpha-councill")
        assert (1, "") == (code, out)
        assert "coalitions: no organisation with id or name 'alpha-councill'; did you mean 'alpha-council'?\n" == err

    def test_unknown_csv_table_is_usage(self, capsys):
        """A CSV table the report does not have: exit code 2, with the tables it has and "did you mean"."""
        code, _, err = run(capsys, "report", str(CORPUS), "--format", "csv", "--table", "unty")
        assert 2 == code and err.endswith("; did you mean 'unity'? (see 'coalitions report --help')\n")

    def test_bad_date_is_usage(self, capsys):
        """A date that is not one is a usage error (exit code 2) saying what is wrong."""
        code, _, err = run(capsys, "report", "--from", "2024-02-30")
        assert 2 == code and "February 2024 has 29 days" in err

    def test_invalid_data(self, capsys, tmp_path):
        """A corpus with errors: every error located, exit code 1, nothing on standard output."""
        broken = tmp_path / "corpus"
        shutil.copytree(CORPUS, broken)
        (broken / "organisations" / "blue-party.yaml").write_text("id: blue-party\nname: Blue\nkind: nonsense\n")
        code, out, err = run(capsys, "report", str(broken))
        assert (1, "") == (code, out)
        assert "blue-party.yaml:3:7" in err and "the corpus was not loaded" in err


class TestShow:
    @pytest.mark.parametrize(
        ("key", "title"),
        [("RP", "Red Party (organisation)"), ("alpha-council", "Alpha Council (organisation)"),
         ("jane doe", "Jane Doe (person)"), ("First Call for Unity", "First Call for Unity (declaration)"),
         ("gazette", "The Example Gazette (source)")],
    )  # fmt: skip
    def test_any_record_by_id_or_name(self, capsys, key, title):
        """show finds organisations, people, declarations and sources by id or any name, with their sources."""
        code, out, _ = run(capsys, "show", key, "--data", str(CORPUS))
        assert 0 == code
        assert title == out.splitlines()[0]
        assert "https://example.org/gazette" in out or "http://example.net/wire" in out

    def test_council_members(self, capsys):
        """A council shows its members with dates and statuses."""
        code, out, _ = run(capsys, "show", "AC", "--data", str(CORPUS), "--format", "json")
        members = json.loads(out)["members"]
        assert [["blue-party", "2022-03-01", "2023-06", "asserted"], ["green-movement", "2023", "", "disputed"],
                ["red-party", "2022-01", "", "asserted"]] == [
            [m["member"], m.get("start", ""), m.get("end", ""), m.get("status", "asserted")] for m in members]
        code, out, _ = run(capsys, "show", "AC", "--data", str(CORPUS))
        assert "Members (3)" in out

    def test_did_you_mean(self, capsys):
        """An unknown name suggests near ones and exits 1."""
        code, _, err = run(capsys, "show", "redd-party", "--data", str(CORPUS))
        assert 1 == code
        assert "coalitions: no record with id or name 'redd-party'; did you mean 'red-party'?\n" == err


class TestTimeline:
    def test_in_date_order(self, capsys):
        """What an organisation did, in date order."""
        code, out, _ = run(capsys, "timeline", "Red Party", "--data", str(CORPUS), "--format", "csv")
        assert 0 == code
        assert ["2021", "2022-01", "2022-02-10", "2023-05"] == [line.split(",")[0] for line in out.splitlines()[1:]]

    def test_not_of_a_declaration(self, capsys):
        """A declaration has no timeline: exit code 1 with a hint."""
        code, _, err = run(capsys, "timeline", "first-call", "--data", str(CORPUS))
        assert 1 == code and "try: coalitions show" in err


class TestDiff:
    def test_two_declarations(self, capsys):
        """Shared, only A, only B and Jaccard of two declarations (organisations that signed: Jane Doe spoke at the
        statement, a document counts who signed it), then each figure over every reading of the uncertain claims,
        with the claim that moves it."""
        code, out, _ = run(capsys, "diff", "first-call", "third-statement", "--data", str(CORPUS))
        assert 0 == code
        assert "shared: 2, only A: 0, only B: 0; Jaccard: 1.000" in out
        assert "shared 1 to 2, Jaccard 0.5 to 1, overlap coefficient 1" in out
        assert "moved by: Green Movement signed the statement of 2024-01-15 (disputed)" in out

    def test_two_councils_on_the_last_day(self, capsys):
        """Rule (issue #13, 5): two councils without --at are compared on the last day the corpus covers."""
        code, out, _ = run(capsys, "diff", "alpha-council", "AC", "--data", str(CORPUS))
        assert 0 == code and "A: alpha-council on 2024-01-16" in out

    def test_council_at_two_dates(self, capsys):
        """A council at two dates."""
        code, out, _ = run(capsys, "diff", "alpha-council", "--at", "2022-05", "--at", "2024-02-15",
                           "--data", str(CORPUS), "--format", "json")  # fmt: skip
        reading = json.loads(out)["readings"]["disputed_in"]
        assert (0, ["red-party"], ["blue-party"], ["green-movement"]) == (
            code, reading["shared"], reading["only_a"], reading["only_b"])

    def test_declaration_and_council(self, capsys):
        """A declaration and a council: the council's members on the declaration's date."""
        code, out, _ = run(capsys, "diff", "first-call", "alpha-council", "--data", str(CORPUS))
        assert 0 == code
        assert "B: alpha-council on 2022-02-10" in out and "shared: 0, only A: 2, only B: 1" in out

    @pytest.mark.parametrize(
        "argv", [("first-call",), ("a", "b", "--at", "2024"), ("a", "--at", "2024"), ("a", "b", "--at", "x")]
    )
    def test_usage(self, capsys, argv):
        """Wrong combinations of names and --at are usage errors (exit code 2)."""
        code, _, err = run(capsys, "diff", *argv, "--data", str(CORPUS))
        assert (2, 1) == (code, len(err.splitlines())) and err.startswith("coalitions: diff: ")


class TestHelp:
    @pytest.mark.parametrize("command", ["report", "show", "timeline", "diff", "validate"])
    def test_help_has_an_example(self, capsys, command):
        """--help of every command shows examples and the exit codes."""
        code, out, _ = run(capsys, command, "--help")
        assert 0 == code
        assert f"examples:\n  coalitions {command}" in out and "exit codes: 0" in out

    def test_report_is_listed_first(self, capsys):
        """The main help lists report first."""
        _, out, _ = run(capsys, "--help")
        commands = [line.split()[0] for line in out.splitlines() if line.startswith("    ")]
        assert "report" == commands[0]


def test_entry_point_subprocess(tmp_path):
    """python -m coalitions report runs as a real process, and an escape sequence in data stays invisible."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    result = subprocess.run([sys.executable, "-m", "coalitions", "show", "version-party", "--data", str(corpus)],
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert (0, "") == (result.returncode, result.stderr)
    assert "Party 1.10 <script>alert(1)</script> (organisation)" == result.stdout.splitlines()[0]
