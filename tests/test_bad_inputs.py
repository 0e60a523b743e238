"""The bad-input catalogue (``tests/bad_inputs/``): every case is refused with exactly its expected messages.

A case is a folder of files laid over the small valid corpus ``tests/bad_inputs/_base``; its ``expected.txt`` holds
the problems, one a line, as ``coalitions validate`` prints them. See ``tests/bad_inputs/README.md``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import coalitions
from coalitions import cli
from coalitions.model.textsafe import visible

CATALOGUE = Path(__file__).parent / "bad_inputs"
BASE = CATALOGUE / "_base"
CASES = sorted(p.name for p in CATALOGUE.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
FAMILIES = ("yaml", "encoding", "shape", "date", "reference", "limit")


def expected_lines(case: str) -> list[str]:
    """The problems a case must produce, as printed."""
    return (CATALOGUE / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def build(case: str, folder: Path) -> Path:
    """The corpus of ``case``: the base corpus with the case's files laid over it, in ``folder/corpus``.

    ``build("_base", folder)`` is a copy of the base corpus alone.
    """
    corpus = folder / "corpus"
    shutil.copytree(BASE, corpus)
    shutil.copytree(CATALOGUE / case, corpus, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return corpus


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to show that nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def is_refusal(lines: list[str]) -> bool:
    """A case whose problems include an error (not only warnings) is refused."""
    return any(": warning: " not in line for line in lines)


class TestCatalogue:
    def test_size_and_families(self) -> None:
        """The catalogue holds at least 40 cases, in every family, each with a non-empty expected.txt."""
        assert len(CASES) >= 40
        assert set(FAMILIES) == {case.split("-")[0] for case in CASES}
        assert [] == [case for case in CASES if not expected_lines(case)]

    def test_base_is_valid(self) -> None:
        """The base corpus loads without errors or warnings, so every problem comes from the case's files."""
        corpus = coalitions.load(BASE)
        assert () == corpus.warnings
        assert 3 == len(corpus.organisations)

    def test_bytes_are_kept(self) -> None:
        """git keeps the catalogue byte for byte (no line-ending conversion), or the encoding cases would change."""
        assert "* -text\n" == (CATALOGUE / ".gitattributes").read_text()
        assert b"\r\n" in (CATALOGUE / "encoding-mixed-line-endings/organisations/river-party.yaml").read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_load_reports_exactly(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``load`` reports exactly the case's expected problems, located, in order; warnings-only cases load."""
    corpus = build(case, tmp_path)
    monkeypatch.chdir(corpus)
    expected = expected_lines(case)
    if is_refusal(expected):
        with pytest.raises(coalitions.InvalidCorpus) as raised:
            coalitions.load(".")
        assert expected == [str(p) for p in raised.value.problems]
        assert all(p.line > 0 or p.code in {"stray-file", "empty", "skipped"} for p in raised.value.problems)
    else:
        assert expected == [str(p) for p in coalitions.load(".").warnings]


@pytest.mark.parametrize("case", CASES)
def test_cli_refuses(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``coalitions validate``: exit 1 (0 for warnings only), the messages on stderr, no traceback, nothing written."""
    corpus = build(case, tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.chdir(corpus)
    expected = expected_lines(case)
    code = cli.main(["validate", "."])
    out, err = capsys.readouterr()
    assert (1 if is_refusal(expected) else 0) == code
    assert [visible(line) for line in expected] == err.splitlines()[: len(expected)]
    assert "Traceback" not in out + err
    assert before == snapshot(tmp_path)


@pytest.mark.parametrize("case", [c for c in CASES if not is_refusal(expected_lines(c))])
def test_cli_strict_refuses_warnings(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``coalitions validate --strict``: a warnings-only case exits 1 with its warnings on stderr."""
    corpus = build(case, tmp_path)
    monkeypatch.chdir(corpus)
    expected = expected_lines(case)
    code = cli.main(["validate", "--strict", "."])
    _, err = capsys.readouterr()
    assert (1, [visible(line) for line in expected]) == (code, err.splitlines()[: len(expected)])
    assert err.splitlines()[-1].endswith("refused with --strict")


#: Cases run in a separate interpreter: the bytes that could crash a parser or garble a terminal.
SUBPROCESS_CASES = [
    "encoding-utf16-with-bom",
    "encoding-nul-byte",
    "encoding-raw-escape-character",
    "yaml-alias-bomb-billion-laughs",
    "yaml-tag-python-object",
    "limit-nesting-too-deep-flow",
]


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_command_in_subprocess(case: str, tmp_path: Path) -> None:
    """``python -m coalitions validate`` as a user runs it: exit 1, the messages on stderr, no traceback, no writes."""
    corpus = build(case, tmp_path)
    before = snapshot(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "coalitions", "validate", "."], cwd=corpus, capture_output=True, env=env, timeout=60
    )
    err = result.stderr.decode("utf-8")
    assert 1 == result.returncode
    assert [visible(line) for line in expected_lines(case)] == err.splitlines()[:-1]
    assert "Traceback" not in err
    assert b"" == result.stdout
    assert before == snapshot(tmp_path)


class TestTrapsThatLoad:
    """What looks like a YAML trap but is valid: every value is text as written (docs/format.md)."""

    def write(self, corpus: Path, relative: str, data: bytes) -> None:
        (corpus / relative).write_bytes(data)

    def test_implicit_types_stay_text(self, tmp_path: Path) -> None:
        """"Every value is text as written": NO, on, 1:20, 00042, 2024-02-15, 1e3 and 0x1F are read as that text."""
        corpus = build("_base", tmp_path)
        self.write(corpus, "organisations/river-party.yaml",
                   b"id: river-party\nname: NO\nkind: party\nabbreviations: [on, '1:20', 00042]\n"
                   b"aliases: [2024-02-15, 1e3, 0x1F, yes, .inf]\nheadquarters: 1:20\nsources: [report]\n")  # fmt: skip
        organisation = coalitions.load(corpus).organisation("river-party")
        assert "NO" == organisation.name
        assert ("on", "1:20", "00042") == organisation.abbreviations
        assert ("2024-02-15", "1e3", "0x1F", "yes", ".inf") == tuple(a.text for a in organisation.aliases)
        assert "1:20" == organisation.headquarters

    def test_flow_style_is_allowed(self, tmp_path: Path) -> None:
        """Flow style lists and mappings (``[a, b]``, ``{text: x}``) read the same as block style."""
        corpus = build("_base", tmp_path)
        self.write(corpus, "organisations/river-party.yaml",
                   b"{id: river-party, name: River Party, kind: party, aliases: [{text: Party of the River}],\n"
                   b" founded: '2019', sources: [report]}\n")  # fmt: skip
        assert coalitions.load(BASE).organisation("river-party") == coalitions.load(corpus).organisation("river-party")

    def test_windows_line_endings_throughout(self, tmp_path: Path) -> None:
        """A file with CR LF on every line reads exactly as the same file with LF."""
        corpus = build("_base", tmp_path)
        self.write(corpus, "organisations/river-party.yaml",
                   (BASE / "organisations/river-party.yaml").read_bytes().replace(b"\n", b"\r\n"))  # fmt: skip
        assert coalitions.load(BASE) == coalitions.load(corpus)

    def test_joiners_inside_persian_names(self, tmp_path: Path) -> None:
        """The zero-width non-joiner that Persian spelling needs is allowed between Arabic-script letters."""
        corpus = build("_base", tmp_path)
        name = "جبهه\u200cی مقاومت"
        self.write(corpus, "organisations/river-party.yaml",
                   (BASE / "organisations/river-party.yaml").read_text().replace(
                       "  - text: Party of the River\n", f"  - text: {name}\n    lang: fa\n").encode())  # fmt: skip
        assert name == coalitions.load(corpus).organisation("river-party").aliases[0].text

    def test_quoted_null_and_booleans_are_text(self, tmp_path: Path) -> None:
        """Quoted ``"~"``, ``"null"`` and ``"true"`` are text, not refused as nulls."""
        corpus = build("_base", tmp_path)
        self.write(corpus, "people/ada-example.yaml",
                   b"id: ada-example\nname: '~'\naliases: ['null', \"true\"]\nsources: [report]\n")  # fmt: skip
        person = coalitions.load(corpus).person("ada-example")
        assert ("~", ("null", "true")) == (person.name, tuple(a.text for a in person.aliases))
