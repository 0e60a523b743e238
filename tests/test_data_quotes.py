"""Every quote in the bundled data is found, character for character, in the document it cites.

The documents are the plain-text copies in the project's shared material, a folder ``shared`` beside the repository
(``../shared``): ``shared/sources/*.txt`` and ``shared/research/facts.md``. ``data/sources.yaml`` maps each source id
to its ``file``, a path relative to that folder. The check is the library's own, the one ``coalitions validate``
runs (``load(..., quotes=True, texts=...)``, :mod:`coalitions.files.quotes`); the quotes are also counted here with
``yaml.safe_load``, apart from the coalitions loader, so that a quote the check would not see is caught. The module
is skipped where the shared material is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from coalitions import InvalidCorpus, Problem, load
from coalitions.files import QuoteCheck

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"


def _walk_quotes(node: Any) -> Iterator[str]:
    """Every ``quote`` of a citation (a mapping with the keys ``source`` and ``quote``) in plain YAML data."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), str) and "quote" in node:
            yield node["quote"]
        for value in node.values():
            yield from _walk_quotes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_quotes(item)


@pytest.fixture(scope="module")
def shared() -> Path:
    """The shared material beside the repository; the tests are skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED} (expected a folder 'shared' beside the repository)")
    return SHARED


@pytest.fixture(scope="module")
def checked(shared: Path) -> tuple[QuoteCheck, list[Problem]]:
    """The quote check of ``data/`` against the shared material, and every problem of loading with it."""
    check = QuoteCheck(shared)
    try:
        problems = list(load(DATA, quotes=check).warnings)
    except InvalidCorpus as error:
        problems = list(error.problems)
    return check, problems


class TestDataQuotes:
    """Citations in ``data/`` point at known sources, and their quotes are verbatim."""

    def test_every_quote_was_checked(self, checked: tuple[QuoteCheck, list[Problem]]) -> None:
        """The check compared every quote of the data with its text (as many as a plain YAML walk finds, and some:
        a walk that silently finds nothing fails too)."""
        check, _ = checked
        quotes = [q for path in sorted(DATA.rglob("*.yaml"))
                  for q in _walk_quotes(yaml.safe_load(path.read_text(encoding="utf-8")))]  # fmt: skip
        assert (len(quotes), True) == (check.checked + check.not_found, len(quotes) > 0)

    def test_every_cited_source_exists(self, checked: tuple[QuoteCheck, list[Problem]]) -> None:
        """Every source id a citation names is defined in ``data/sources.yaml``."""
        _, problems = checked
        assert [] == [str(p) for p in problems if p.code == "unknown-reference" and p.field.endswith("].source")]

    def test_every_quoted_source_has_its_text(self, checked: tuple[QuoteCheck, list[Problem]]) -> None:
        """A source that is quoted has a ``file`` in the shared material, and that file is there and reads."""
        check, problems = checked
        refused = [str(p) for p in problems if p.severity == "error" and not p.file.endswith(".yaml")]
        assert ((), []) == (check.unchecked, refused)

    def test_every_quote_is_verbatim(self, checked: tuple[QuoteCheck, list[Problem]]) -> None:
        """Every quote is a substring of its source's file (read as UTF-8); all failures are reported together."""
        _, problems = checked
        assert [] == [str(p) for p in problems if p.code == "quote-not-found"]
