"""Hints name no word of the bundled corpus: the field help, the file schemas' descriptions, the files ``coalitions
new`` writes and its examples use neutral examples, so that a corpus of another field is not told about Afghan
councils, Solar Hijri months or Dari and Pashto (issue 11, "A corpus of another field")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import coalitions
from coalitions.cli import main
from coalitions.files import new_file
from coalitions.files.schema import CLASS_HELP, FIELD_HELP, KINDS, file_schema

try:  # the Solar Hijri months as the first corpus's sources name them (its data writes only some of them)
    from coalitions.model.solarhijri import MONTH_NAMES
except ImportError:  # pragma: no cover - moved: the months the data writes are still looked for
    MONTH_NAMES = ()


#: The languages the first corpus's field writes in (Dari, Pashto), which its data does not tag.
FIELD_LANGUAGES = {"fa", "ps"}


def _bundled_words() -> set[str]:
    """What only the bundled corpus says: its ids, names, abbreviations and aliases, its series, the languages of
    its names besides English, and the words of its dates as written (Solar Hijri months)."""
    corpus = coalitions.load()
    words: set[str] = FIELD_LANGUAGES | {m for m in MONTH_NAMES if m}
    dates = [m.start for m in corpus.memberships] + [m.end for m in corpus.memberships]
    for record in (*corpus.organisations, *corpus.people):
        words |= {record.id, record.name, *(a.text for a in record.aliases)}
        words |= {a.lang for a in record.aliases if a.lang and a.lang != "en"}
        words |= set(getattr(record, "abbreviations", ()))
        for field in ("founded", "dissolved", "proposed"):
            dates += [claim.date for claim in getattr(record, field, ())]
    for declaration in corpus.declarations:
        words |= {declaration.id, *declaration.series}
        dates += [claim.date for claim in declaration.dates]
    words |= {source.id for source in corpus.sources}
    return words | {w for when in dates if when is not None for w in re.findall(r"[A-Za-z]{3,}", when.to_text())}


WORDS = sorted(_bundled_words(), key=len, reverse=True)
_PATTERN = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in WORDS), re.IGNORECASE)


def _descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            yield from _descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item)


def _found(texts: dict[str, str]) -> list[str]:
    """``where: word`` for each word of the bundled corpus in ``texts`` (where -> text)."""
    return [f"{where}: {m.group()!r}" for where, text in texts.items() for m in _PATTERN.finditer(text)]


class TestNeutralHints:
    """Hints, templates and schema descriptions use neutral examples."""

    def test_the_words_are_there_to_find(self) -> None:
        """The bundled corpus's words include its abbreviations, series, languages and Solar Hijri months (the
        check cannot pass by finding nothing to look for)."""
        assert {"NRF", "doha", "fa", "Saur"} <= set(WORDS)
        assert ["'NRF'"] == [f.split(": ", 1)[1] for f in _found({"old help": "abbreviations (NRF)"})]

    def test_field_help(self) -> None:
        """Every field's help (the schemas' descriptions and the comments of ``coalitions new``)."""
        assert [] == _found({**FIELD_HELP, **CLASS_HELP})

    @pytest.mark.parametrize("kind", list(KINDS))
    def test_file_schemas(self, kind: str) -> None:
        """Every description of the file schemas, the records' own included."""
        assert [] == _found({f"{kind}[{i}]": d for i, d in enumerate(_descriptions(file_schema(kind)))})

    def test_new_files(self, tmp_path: Path) -> None:
        """What ``coalitions new`` writes for every kind, in a new corpus: only its comments and the values given."""
        fields = {"source": {"id": "minutes", "title": "Minutes"},
                  "organisation": {"id": "example-party", "name": "Example Party", "kind": "party",
                                   "source": "minutes"},
                  "person": {"id": "ada", "name": "Ada Example", "source": "minutes"},
                  "declaration": {"id": "charter", "title": "Charter", "kind": "statement", "date": "2025-03",
                                  "source": "minutes"},
                  "membership": {"organisation": "example-party", "member": "ada", "source": "minutes"}}  # fmt: skip
        texts = {}
        for kind, values in fields.items():
            path = new_file(tmp_path, kind, values)
            texts[kind] = path.read_text(encoding="utf-8")
        assert [] == _found(texts)

    def test_new_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The examples of ``coalitions new --help``."""
        with pytest.raises(SystemExit):
            main(["new", "--help"])
        assert [] == _found({"new --help": capsys.readouterr().out})
