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
from coalitions.files.dump import (
    DateText,
    Written,
    dump_record,
    emit,
    file_data,
    is_plain_safe,
    quote,
    render,
    to_data,
    unfold,
)
from coalitions.files.parse import parse_yaml
from coalitions.files.writer import corpus_files, write_corpus

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
        """Key order puts sources last, defaults are left out, typed-looking text is quoted, a date is plain."""
        declaration = Declaration(
            "doha-2024", "Joint declaration", DeclarationKind.JOINT_DECLARATION, (DateClaim(parse_when("2024-02-15")),),
            (Citation("facts"),), place="Doha", series=("doha",),
            signatures=(Signature((Citation("doc", quote="NO: 1"),), signer="party-a", as_printed="NO"),),
        )  # fmt: skip
        expected = textwrap.dedent("""\
            id: doha-2024
            title: Joint declaration
            kind: joint-declaration
            date: 2024-02-15
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
        assert "founded:\n  - date: 2021-08-16\n  - date: 16 Qaws 1403\n" in dump_record(organisation)

    def test_long_text_stays_on_one_line(self) -> None:
        """Text of any length is written on one line (a title stays greppable), and reads back."""
        notes = "Doha, " + " ".join(["word"] * 60)
        text = render({"notes": notes})
        assert f"notes: {notes}\n" == text
        assert {"notes": notes} == yaml.safe_load(text)

    def test_empty_required_list(self) -> None:
        """An empty required list is written as ``[]`` so that it reads back."""
        assert "sources: []\n" == render({"sources": []})

    def test_memberships_file_needs_one_organisation(self) -> None:
        """A memberships file holds the members of one organisation."""
        with pytest.raises(ValueError, match="exactly one organisation"):
            file_data("memberships", [Membership("a", "b", ()), Membership("c", "b", ())])


def _text(data: dict[str, Any], written: dict[tuple[Any, ...], Written]) -> str:
    return "".join(line.text + "\n" for line in emit(data, written))


class TestEmit:
    """How values were written is kept where it reads back the same (the hints ``fmt`` passes)."""

    def test_quotes_kept(self) -> None:
        """Double and single quotes stay; a text without a hint is plain when safe."""
        data = {"title": "Doha, Qatar", "note": 'He said "no"', "place": "Doha"}
        written = {("title",): Written("double", "Doha, Qatar"), ("note",): Written("single", 'He said "no"')}
        assert "title: \"Doha, Qatar\"\nnote: 'He said \"no\"'\nplace: Doha\n" == _text(data, written)

    def test_folded_kept_at_its_breaks(self) -> None:
        """A folded text keeps the line breaks it was written with, paragraphs included, re-indented."""
        lines = ("One two", "three.", "", "Four")
        data = {"notes": "One two three.\nFour"}
        text = _text(data, {("notes",): Written("folded", data["notes"], lines)})
        assert "notes: >-\n  One two\n  three.\n\n  Four\n" == text
        assert data == yaml.safe_load(text) == dict(parse_yaml(text.encode()))

    def test_literal_kept(self) -> None:
        """A literal block keeps its lines."""
        data = {"notes": "line one\n  indented\n\nlast"}
        text = _text(data, {("notes",): Written("literal", data["notes"])})
        assert "notes: |-\n  line one\n    indented\n\n  last\n" == text
        assert data == dict(parse_yaml(text.encode()))

    def test_flow_list_kept(self) -> None:
        """A list of texts written in brackets stays in brackets, each item quoted where flow syntax needs it."""
        data = {"series": ["doha", "NO", "a, b"], "sources": ["x"]}
        text = _text(data, {("series",): Written("flow"), ("series", 2): Written("single", "a, b")})
        assert "series: [doha, \"NO\", 'a, b']\nsources:\n  - x\n" == text
        assert data == yaml.safe_load(text)

    @pytest.mark.parametrize(
        ("value", "written", "expected"),
        [
            ("NO", Written("plain", "NO"), '"NO"'),
            ("a\nb", Written("single", "a\nb"), '"a\\nb"'),
            ("one two", Written("folded", "one two", ("one", "three")), "one two"),
            ("one two", Written("folded", "one two", (" one", "two")), "one two"),
            ("one", Written("double", "other"), "one"),
            (" x\ny", Written("literal", " x\ny"), '" x\\ny"'),
        ],
    )  # fmt: skip
    def test_style_that_cannot_hold_the_text(self, value: str, written: Written, expected: str) -> None:
        """Where the written style would not read back as the text (or the hint is for another text), the text
        is written plain if safe, else in double quotes."""
        assert f"k: {expected}\n" == _text({"k": value}, {("k",): written})

    def test_dates_plain(self) -> None:
        """A date is written plain, as the tutorial writes it; quoted when it was written quoted."""
        data = {"date": DateText("2024-02-15"), "end": DateText("2024")}
        assert "date: 2024-02-15\nend: \"2024\"\n" == _text(data, {("end",): Written("double", "2024")})

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(any_organisations(), any_declarations()), st.data())
    def test_any_written_style_reads_back(self, record: Any, data: st.DataObject) -> None:
        """Rule: "a value is written in the style it was written in when that reads back as the same text, else
        plain or in double quotes": with any style asked for each text, the file reads back as the same record."""
        plain = to_data(record)
        written: dict[tuple[Any, ...], Written] = {}

        def walk(value: Any, path: tuple[Any, ...]) -> None:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                here = (*path, key)
                if isinstance(item, str):
                    style = data.draw(st.sampled_from(["plain", "double", "single", "folded", "literal"]))
                    written[here] = Written(style, item, tuple(item.split(" ")) if style == "folded" else ())
                elif isinstance(item, (dict, list)):
                    if isinstance(item, list) and data.draw(st.booleans()):
                        written[here] = Written("flow")
                    walk(item, here)

        walk(plain, ())
        folder = "organisations" if isinstance(record, Organisation) else "declarations"
        assert record == _read_back(folder, _text(plain, written), record.id)


class TestUnfold:
    """What a folded block reads as."""

    def test_paragraphs(self) -> None:
        """Lines join with spaces; an empty line is a line break, two are two."""
        assert "a b\nc\n\nd" == unfold(["a", "b", "", "c", "", "", "d"])


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
    @given(st.lists(any_sources(), min_size=1, max_size=3, unique_by=lambda s: s.id))
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
