"""Every quote in the bundled data is found, character for character, in the document it cites.

The documents are the plain-text copies in the project's shared material, a folder ``shared`` beside the repository
(``../shared``): ``shared/sources/*.txt`` and ``shared/research/facts.md``. ``data/sources.yaml`` maps each source id
to its ``file``, a path relative to that folder. The module is skipped where the shared material is absent.

This check reads the YAML with ``yaml.safe_load`` and does not depend on the coalitions loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"


def _walk_citations(node: Any, trail: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(path inside the file, citation)`` for every mapping with keys ``source`` and ``quote``.

    Bare source ids (citations written as text) are yielded too, as ``{"source": id}``, so that their ids are checked.
    """
    if isinstance(node, dict):
        if "source" in node and isinstance(node["source"], str):
            yield trail, node
        for key, value in node.items():
            path = f"{trail}.{key}" if trail else str(key)
            if key in ("sources", "contradicted_by") and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield f"{path}[{i}]", {"source": item}
            yield from _walk_citations(value, path)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk_citations(item, f"{trail}[{i}]")


def _data_files() -> list[Path]:
    return sorted(DATA.rglob("*.yaml"))


@pytest.fixture(scope="module")
def shared() -> Path:
    """The shared material beside the repository; the tests are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED} (expected a folder 'shared' beside the repository)")
    return SHARED


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, Any]]:
    """The sources of ``data/sources.yaml`` by id."""
    loaded = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    return {source["id"]: source for source in loaded["sources"]}


@pytest.fixture(scope="module")
def citations() -> list[tuple[str, str, dict[str, Any]]]:
    """``(file, path inside it, citation)`` for every citation in every YAML file under ``data/``."""
    found = []
    for path in _data_files():
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for trail, citation in _walk_citations(record, ""):
            found.append((str(path.relative_to(REPO)), trail, citation))
    return found


class TestDataQuotes:
    """Citations in ``data/`` point at known sources, and their quotes are verbatim."""

    def test_there_are_quotes_to_check(self, shared: Path, citations: list[tuple[str, str, dict[str, Any]]]) -> None:
        """The data holds quoted citations at all (guards against a walk that silently finds nothing)."""
        assert any("quote" in citation for _, _, citation in citations)

    def test_every_cited_source_exists(
        self, shared: Path, sources: dict[str, dict[str, Any]], citations: list[tuple[str, str, dict[str, Any]]]
    ) -> None:
        """Every source id a citation names is defined in ``data/sources.yaml``."""
        failures = [
            f"{file}: {trail}: unknown source {citation['source']!r}"
            for file, trail, citation in citations
            if citation["source"] not in sources
        ]
        assert not failures, "\n" + "\n".join(failures)

    def test_every_quoted_source_has_a_file(
        self, shared: Path, sources: dict[str, dict[str, Any]], citations: list[tuple[str, str, dict[str, Any]]]
    ) -> None:
        """A source that is quoted has a ``file`` in the shared material, and that file exists."""
        failures = []
        for source_id in sorted({c["source"] for _, _, c in citations if "quote" in c and c["source"] in sources}):
            file = sources[source_id].get("file")
            if not file:
                failures.append(f"source {source_id!r} is quoted but has no file")
            elif not (shared / file).is_file():
                failures.append(f"source {source_id!r}: file {file!r} not found in {shared}")
        assert not failures, "\n" + "\n".join(failures)

    def test_every_quote_is_verbatim(
        self, shared: Path, sources: dict[str, dict[str, Any]], citations: list[tuple[str, str, dict[str, Any]]]
    ) -> None:
        """Every quote is a substring of its source's file (read as UTF-8); all failures are reported together."""
        texts: dict[str, str] = {}
        failures = []
        for file, trail, citation in citations:
            if "quote" not in citation:
                continue
            quote = citation["quote"]
            source = sources.get(citation["source"], {})
            if not source.get("file") or not (shared / source["file"]).is_file():
                continue  # reported by test_every_quoted_source_has_a_file
            if source["file"] not in texts:
                texts[source["file"]] = (shared / source["file"]).read_text(encoding="utf-8")
            if not isinstance(quote, str) or not quote or quote not in texts[source["file"]]:
                failures.append(f"{file}: {trail}: quote not found in {source['file']}: {quote!r}")
        assert not failures, f"\n{len(failures)} quote(s) not found:\n" + "\n".join(failures)
