"""The YAML examples of the docs are valid: the format reference's examples load as a corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coalitions

DOCS = Path(__file__).resolve().parents[1] / "docs"


def examples(name: str) -> dict[str, str]:
    """The ```yaml blocks of ``docs/NAME`` that start with ``# file: PATH``, by path."""
    text = (DOCS / name).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    found = {}
    for block in blocks:
        match = re.match(r"# file: (\S+)\n", block)
        if match:
            found[match.group(1)] = block
    return found


class TestFormatReference:
    """docs/format.md shows one example of every file kind, and together they are a valid corpus."""

    def test_every_kind_has_an_example(self) -> None:
        """Each of the five file kinds and corpus.yaml has an example."""
        kinds = {path.split("/")[0] for path in examples("format.md")}
        assert {"corpus.yaml", "sources.yaml", "organisations", "people", "memberships", "declarations"} == kinds

    def test_examples_load(self, tmp_path: Path) -> None:
        """The examples load without errors or warnings."""
        if not DOCS.is_dir():  # pragma: no cover - docs are not installed with the package
            pytest.skip("docs/ not found beside the tests")
        for path, text in examples("format.md").items():
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        corpus = coalitions.load(tmp_path)
        assert ((), 1, 1, 1) == (corpus.warnings, len(corpus.declarations), len(corpus.people),
                                 len(corpus.memberships))  # fmt: skip
        assert (("opposition",), "invited") == (tuple(s.id for s in corpus.settings.scopes),
                                                str(corpus.vocabulary.tier("observer")))  # fmt: skip
