"""Every command shown in README.md and docs/ runs, and gives the output the docs show.

A harness reads each page in order: a ``yaml`` block whose first line is ``# PATH`` (``# data/declarations/x.yaml``)
is written to PATH (without that first line, which names the file), and so is a ``text`` block whose first line
names a file of a ``texts/`` folder (``# my-data/texts/minutes.txt``, a source's text); a shell block (``sh``, or
unmarked) has its ``coalitions`` commands run, and a ``text`` block right after a shell block is the output they
must give (standard error, then standard output, of each command; ``...`` stands for any text). A command exits 0
unless its line says ``# exits N``. A full command in the prose (```coalitions export --format csv --table
organisations```, with arguments and no placeholder) runs too. Each page runs in a folder of its own holding
``data/``, a copy of the bundled corpus, as a clone of the repository does.
"""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import coalitions
from coalitions.cli import main

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Words of the docs that stand for a value (a span holding one is a synopsis, not a command to run).
PLACEHOLDERS = {"FILE", "PATH", "ID-OR-NAME", "DATE", "FORMAT", "TEXT", "KIND", "COUNCIL", "A", "B", "NAME", "KEY",
                "FOLDER", "SOURCE", "COMMAND", "OPTIONS", "ID", "DECLARATION", "declaration|organisation"}  # fmt: skip
_FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```\n", re.M | re.S)
_SPAN = re.compile(r"`(coalitions [^`]+)`")
_SOURCE_TEXT = re.compile(r"# ((?:[\w.-]+/)*texts/[\w./-]+)\n")


def _commands(body: str) -> list[tuple[list[str], int, str]]:
    """``(argv, expected exit code, line)`` of each ``coalitions`` command of a shell block."""
    found = []
    for line in body.replace("\\\n", " ").splitlines():
        if line.startswith("mkdir ") and found is not None:  # a folder the commands after it use
            found.append((["!mkdir", *shlex.split(line)[1:]], 0, line))
            continue
        if not line.startswith("coalitions "):
            continue
        exits = re.search(r"#\s*exits (\d+)\s*$", line)
        argv = shlex.split(line, comments=True)
        found.append((argv[1:], int(exits.group(1)) if exits else 0, line))
    return found


def steps(page: Path) -> Iterator[tuple[str, object]]:
    """What the harness does for ``page``, in order: ``("file", (path, text))``, ``("run", (commands, expected))``."""
    text = page.read_text(encoding="utf-8")
    position = 0
    fences = list(_FENCE.finditer(text))
    for i, fence in enumerate(fences):
        for span in _spans(text[position:fence.start()]):
            yield "run", ([(shlex.split(span)[1:], 0, span)], None)
        position = fence.end()
        lang, body = fence.group(1), fence.group(2)
        header = re.match(r"# ([\w./-]+\.yaml)\n", body)
        if lang == "yaml" and header:
            yield "file", (header.group(1), body[header.end():])
        elif lang == "text" and (named := _SOURCE_TEXT.match(body)):
            yield "file", (named.group(1), body[named.end():])
        elif lang in ("sh", "") and any(argv[0] != "!mkdir" for argv, _, _ in _commands(body)):
            after = fences[i + 1] if i + 1 < len(fences) else None
            expected = after.group(2) if after and after.group(1) == "text" and not _SOURCE_TEXT.match(
                after.group(2)) and not text[fence.end():after.start()].strip() else None  # fmt: skip
            yield "run", (_commands(body), expected)
    for span in _spans(text[position:]):
        yield "run", ([(shlex.split(span)[1:], 0, span)], None)


def _spans(prose: str) -> Iterator[str]:
    """Full commands written in the prose (not in headings, with arguments, without placeholders)."""
    for line in prose.splitlines():
        if line.startswith("#"):
            continue
        for span in _SPAN.findall(line):
            words = shlex.split(span)
            if len(words) >= 3 and not any(w in PLACEHOLDERS or w.startswith("[") or "..." in w for w in words):
                yield span


def _pages_with_commands() -> list[Path]:
    return [p for p in PAGES if any(kind == "run" for kind, _ in steps(p))]


@pytest.mark.parametrize("page", _pages_with_commands(), ids=lambda p: p.name)
def test_commands_of_the_docs_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """Rule (the brief): "docs examples that run": every command of the page runs with the exit code it is shown
    with, and gives the output shown after it."""
    work = tmp_path / "work"
    shutil.copytree(coalitions.bundled_data_path(), work / "data")
    monkeypatch.chdir(work)
    for kind, step in steps(page):
        if kind == "file":
            path, body = step  # type: ignore[misc]
            (work / path).parent.mkdir(parents=True, exist_ok=True)
            (work / path).write_text(body, encoding="utf-8")
            continue
        commands, expected = step  # type: ignore[misc]
        shown = ""
        for argv, exits, line in commands:
            if argv[0] == "!mkdir":
                for folder in argv[1:]:
                    (work / folder).mkdir(parents=True, exist_ok=True)
                continue
            assert not set(argv) & {">", "<", "|", "&&", ";", "2>"}, f"{page.name}: {line}: use --output, not a shell"
            try:
                code = main(argv)
            except SystemExit as exit:  # --help
                code = int(exit.code or 0)
            out, err = capsys.readouterr()
            assert exits == code, f"{page.name}: {line}\n{err}"
            shown += err + out
        if expected is not None:
            checker = doctest.OutputChecker()
            assert checker.check_output(expected, shown, doctest.ELLIPSIS), \
                f"{page.name}: {commands[-1][2]}\nexpected:\n{expected}\ngot:\n{shown}"  # fmt: skip


def test_the_harness_sees_the_tutorial() -> None:
    """The tutorial's path is run as written: the file is written, validate says ok, the report shows it."""
    page = ROOT / "docs" / "adding-a-declaration.md"
    found = list(steps(page))
    files = [step[0] for kind, step in found if kind == "file"]  # type: ignore[index]
    runs = [c[2] for kind, step in found if kind == "run" for c in step[0]]  # type: ignore[index]
    assert "data/declarations/example-statement-2024-06.yaml" == files[0]
    assert ["coalitions validate", "coalitions report"] == runs[:2]


def test_every_command_is_documented() -> None:
    """docs/cli.md has a section for every command of `coalitions --help`."""
    from coalitions.cli.app import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert [] == [c for c in commands if f"## `coalitions {c}" not in text]


#: Internal names the docs still name, each with why (to be made public or reworded by the owner of the page).
NOT_YET_PUBLIC = {
}


def _internal_names() -> set[str]:
    """Names the rooms lend each other (their ``_EXPORTS``) that ``coalitions`` does not export."""
    import importlib

    names: set[str] = set()
    for room in ("model", "files", "analysis", "interop", "report"):
        names |= set(importlib.import_module(f"coalitions.{room}")._EXPORTS)
    return names - set(coalitions.__all__)


def _field_names() -> set[str]:
    """Every field name of the file formats (``in_scope``, ``status_date``): words of the YAML, not code."""
    import json

    from coalitions import schema_path
    from coalitions.files import KINDS

    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for kind in KINDS:
        walk(json.loads(schema_path(kind).read_text(encoding="utf-8")))
    return names


def test_docs_name_only_public_names() -> None:
    """Rule (the brief): the docs name only public names: no name in backticks that reads as code (dotted, called,
    snake_case, CamelCase; a word such as `quote` may be a field), and no name a Python example imports, is an
    internal one (docs/architecture.md, which is about the inside, excepted). A field of the file formats
    (``in_scope``) is a word of the YAML, whatever an internal function may be called."""
    internal = _internal_names() - _field_names()
    found = set()
    for page in PAGES:
        if page.name == "architecture.md":
            continue
        text = page.read_text(encoding="utf-8")
        spans = [plain for dotted, plain, call in re.findall(
            r"`(coalitions(?:\.\w+)*\.)?([A-Za-z_]\w*)(\([^`]*\))?`", text)
            if dotted or call or "_" in plain or (plain != plain.lower() and plain != plain.upper())]  # fmt: skip
        groups = re.findall(r"from coalitions[\w.]* import \(([^)]*)\)", text) + \
            re.findall(r"^(?:>>> )?from coalitions[\w.]* import ([\w, ]+)$", text, re.M)  # fmt: skip
        imported = [n.strip() for group in groups for n in group.replace("...", "").replace("\n", ",").split(",")]
        found |= {(page.name, name) for name in (*spans, *imported) if name in internal}
    assert set() == found - set(NOT_YET_PUBLIC)
    assert set() == set(NOT_YET_PUBLIC) - found, "a name no longer named: take it off the list"
