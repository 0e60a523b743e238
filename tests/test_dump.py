"""Tests for coalitions.files.dump: model objects to canonical YAML that the loader reads back unchanged."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    DeclarationKind,
    InvalidCorpus,
    Membership,
    Organisation,
    OrganisationKind,
    Signature,
    load,
    load_file,
    parse_when,
)
from coalitions.files.dump import corpus_files, dump_record, file_data, is_plain_safe, quote, render, to_data, write_corpus
from coalitions.files.parse import parse_yaml

from strategies import any_declarations, any_memberships, any_organisations, any_people, any_sources, valid_corpora
from strategies import yaml_texts

_FOLDERS = {Organisation: "organisations", Declaration: "declarations"}


def _read_back(kind: str, text: str, name: str = "x") -> Any:
    """Write ``text`` as a file of ``kind`` in a temporary corpus folder and read it with ``load_file``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / kind / f"{name}.yaml" if kind != "sources" else Path(folder) / "sources.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        (Path(folder) / "corpus.yaml").write_text("calendars: [gregorian, solar-hijri]\n", encoding="utf-8")
        return load_file(path)


class TestIsPlainSafe:
    """Which text may be written without quotes."""

    @pytest.mark.parametrize("text", ["National Resistance Front", "Dushanbe", "16 Qaws 1403", "a:b", "x#y", "é",
                                      "ناصر\u200cالدین"])  # fmt: skip
    def test_plain(self, text: str) -> None:
        """Ordinary names, Solar Hijri dates and joiners inside Persian words stay plain."""
        assert is_plain_safe(text)

    @pytest.mark.parametrize("text", ["NO", "on", "2024", "2024-02-15", "1:20", "00042", "0o17", "1e3", ".inf",
                                      "null", "~", "true", "- x", "a: b", "#c", "x #y", "@at", "=", "<<", "a:",
                                      " x", "", "a\nb", "zero\u200bwidth", "'q'"])  # fmt: skip
    def test_quoted(self, text: str) -> None:
        """Words YAML 1.1 or 1.2 would type, and text YAML syntax would misparse, are quoted."""
        assert not is_plain_safe(text)

    @settings(max_examples=200)
    @given(yaml_texts)
    def test_plain_reads_back(self, text: str) -> None:
        """Rule: "a value is written plain only when every YAML reader reads it back as the same text"
        (PyYAML's YAML 1.1 safe loader and the coalitions parser, as a mapping value and as a list item)."""
        if not is_plain_safe(text):
            return
        assert {"k": text} == yaml.safe_load(f"k: {text}\n")
        assert [text] == yaml.safe_load(f"- {text}\n")
        assert {"k": text} == dict(parse_yaml(f"k: {text}\n".encode()))


class TestQuote:
    """Double-quoted scalars."""

    def test_escapes(self) -> None:
        """Quotes, backslashes, newlines and invisible characters are escaped."""
        assert '"a\\"b\\\\c\\nd\\u200be"' == quote('a"b\\c\nd\u200be')

    @settings(max_examples=200)
    @given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
    def test_reads_back(self, text: str) -> None:
        """Rule: "characters that cannot appear raw are escaped": any text reads back unchanged from its quoted form
        (PyYAML; the coalitions parser reads the same text where it accepts the characters at all)."""
        assert {"k": text} == yaml.safe_load(f"k: {quote(text)}\n")

    @settings(max_examples=200)
    @given(yaml_texts)
    def test_loader_reads_back(self, text: str) -> None:
        """Rule: any text the loader accepts reads back unchanged from its quoted form."""
        assert {"k": text} == dict(parse_yaml(f"k: {quote(text)}\n".encode()))


class TestRender:
    """The canonical layout."""

    def test_declaration(self) -> None:
        """Key order puts sources last, defaults are left out, typed-looking text is quoted, one date is plain."""
        declaration = Declaration(
            "doha-2024", "Joint declaration", DeclarationKind.JOINT_DECLARATION, (DateClaim(parse_when("2024-02-15")),),
            (Citation("facts"),), place="Doha", series=("doha",),
            signatures=(Signature((Citation("doc", quote="NO: 1"),), signer="party-a", as_printed="NO"),),
        )  # fmt: skip
        expected = textwrap.dedent("""\
            id: doha-2024
            title: Joint declaration
            kind: joint-declaration
            date: "2024-02-15"
            place: Doha
            series:
              - doha
            signatures:
              - signer: party-a
                as_printed: "NO"
                sources:
                  - source: doc
                    quote: "NO: 1"
            sources:
              - facts
            """)
        assert expected == dump_record(declaration)

    def test_disputed_dates_are_claims(self) -> None:
        """Two date claims are written as a list of claims; a Solar Hijri date is written as given."""
        organisation = Organisation("nrf", "NRF", OrganisationKind.FRONT, (Citation("facts"),),
                                    founded=(DateClaim(parse_when("2021-08-16")), DateClaim(parse_when("16 Qaws 1403"))))  # fmt: skip
        assert {"id": "nrf", "name": "NRF", "kind": "front",
                "founded": [{"date": "2021-08-16"}, {"date": "16 Qaws 1403"}], "sources": ["facts"]} == to_data(organisation)  # fmt: skip
        assert "founded:\n  - date: \"2021-08-16\"\n  - date: 16 Qaws 1403\n" in dump_record(organisation)

    def test_long_text_is_folded(self) -> None:
        """Text longer than the line width is folded at spaces, and reads back as one line."""
        notes = " ".join(["word"] * 60)
        text = render({"notes": notes})
        assert text.startswith("notes: >-\n  word word")
        assert all(len(line) <= 120 for line in text.splitlines())
        assert {"notes": notes} == yaml.safe_load(text)

    def test_empty_required_list(self) -> None:
        """An empty required list is written as ``[]`` so that it reads back."""
        assert "sources: []\n" == render({"sources": []})

    def test_memberships_file_needs_one_organisation(self) -> None:
        """A memberships file holds the members of one organisation."""
        with pytest.raises(ValueError, match="exactly one organisation"):
            file_data("memberships", [Membership("a", "b", ()), Membership("c", "b", ())])


class TestRoundTrip:
    """Dump, then load: the same records."""

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(any_organisations(), any_people(), any_declarations()))
    def test_record(self, record: Any) -> None:
        """Rule: "canonical YAML you write must be read back by coalitions.load unchanged" (one record file)."""
        folder = {"Organisation": "organisations", "Person": "people", "Declaration": "declarations"}
        assert record == _read_back(folder[type(record).__name__], dump_record(record), record.id)

    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(any_memberships(organisation=st.just("council")), min_size=1, max_size=3))
    def test_memberships(self, memberships: list[Membership]) -> None:
        """Rule: a memberships file reads back as the same memberships, in order."""
        text = render(file_data("memberships", memberships))
        assert tuple(memberships) == _read_back("memberships", text, "council")

    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(any_sources(), min_size=1, max_size=3))
    def test_sources(self, sources: list[Any]) -> None:
        """Rule: sources.yaml reads back as the same sources, in order."""
        assert tuple(sources) == _read_back("sources", render(file_data("sources", sources)))

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_corpora())
    def test_corpus(self, corpus: Corpus) -> None:
        """Rule: "dump-then-load returns an equal corpus" (write_corpus, then load)."""
        with tempfile.TemporaryDirectory() as folder:
            write_corpus(corpus, folder)
            assert corpus == load(folder)

    def test_bundled_data(self, tmp_path: Path) -> None:
        """The bundled corpus, written out canonically, loads back equal."""
        try:
            corpus = load()
        except InvalidCorpus as error:
            pytest.skip(f"the bundled data does not load yet ({len(error.errors)} errors)")
        write_corpus(corpus, tmp_path)
        assert corpus == load(tmp_path)
        assert len(list(corpus_files(corpus))) == sum(1 for _ in tmp_path.rglob("*.yaml"))
