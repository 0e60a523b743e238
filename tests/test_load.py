"""Tests for coalitions.load: reading a corpus folder into model objects, with every error located."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import coalitions
from coalitions import (
    Citation,
    Count,
    DateClaim,
    Declaration,
    DeclarationKind,
    InvalidCorpus,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Signature,
    Source,
    Status,
    load,
    load_file,
    parse_when,
)

SOURCES = """\
sources:
  - id: doc
    title: A document
    url: https://example.org/doc
"""

PARTY = """\
id: party-a
name: Party A
kind: party
abbreviations: [PA]
founded: 2020-05
sources: [doc]
"""

COUNCIL = """\
id: council
name: The Council
kind: council
sources:
  - source: doc
    quote: The Council
    confidence: H
"""

PERSON = """\
id: leader
name: Leader Person
sources: [doc]
"""

MEMBERS = """\
organisation: council
members:
  - member: party-a
    start: 2021-10
    sources: [doc]
  - member: leader
    role: chair
    status: disputed
    sources: [doc]
    contradicted_by: [doc]
"""

DECLARATION = """\
id: joint
title: Joint statement
kind: statement
date:
  - date: 2024-02-15
  - date: 2024-02-17
    sources: [doc]
series: [doha]
signatures:
  - signer: council
    as_printed: The Council
    sources: [doc]
counts:
  - number: '35'
    of: organisations
    approximate: true
    sources: [doc]
sources: [doc]
"""


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path → text) under ``root`` and return it."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def base_files() -> dict[str, str]:
    """A small valid corpus."""
    return {
        "sources.yaml": SOURCES,
        "organisations/party-a.yaml": PARTY,
        "organisations/council.yaml": COUNCIL,
        "people/leader.yaml": PERSON,
        "memberships/council.yaml": MEMBERS,
        "declarations/joint.yaml": DECLARATION,
    }


def problems_of(root: Path) -> list[str]:
    """The problems of loading ``root``, as text relative to it."""
    with pytest.raises(InvalidCorpus) as info:
        load(root)
    return [str(p).replace(str(root) + "/", "") for p in info.value.problems]


class TestLoad:
    """load() builds exactly the records the files say."""

    def test_small_corpus(self, tmp_path: Path) -> None:
        """Every field is read as written, into the model objects."""
        corpus = load(write_corpus(tmp_path, base_files()))
        doc = (Citation("doc"),)
        expected = coalitions.Corpus(
            organisations=[
                Organisation("council", "The Council", OrganisationKind.COUNCIL,
                             (Citation("doc", "The Council", coalitions.Confidence.HIGH),)),
                Organisation("party-a", "Party A", OrganisationKind.PARTY, doc, abbreviations=("PA",),
                             founded=(DateClaim(parse_when("2020-05")),)),
            ],
            people=[Person("leader", "Leader Person", doc)],
            memberships=[
                Membership("council", "party-a", doc, start=parse_when("2021-10")),
                Membership("council", "leader", doc, role="chair", status=Status.DISPUTED, contradicted_by=doc),
            ],
            declarations=[
                Declaration(
                    "joint", "Joint statement", DeclarationKind.STATEMENT,
                    (DateClaim(parse_when("2024-02-15")), DateClaim(parse_when("2024-02-17"), doc)),
                    doc, series=("doha",),
                    signatures=(Signature(doc, signer="council", as_printed="The Council"),),
                    counts=(Count(35, "organisations", doc, approximate=True),),
                )
            ],
            sources=[Source("doc", "A document", url="https://example.org/doc")],
        )
        assert expected == corpus

    def test_file_order_does_not_matter(self, tmp_path: Path) -> None:
        """Two folders with the same records in other files and order load to equal corpora."""
        first = load(write_corpus(tmp_path / "a", base_files()))
        files = base_files()
        files["memberships/council.yaml"] = MEMBERS.replace(
            "  - member: party-a\n    start: 2021-10\n    sources: [doc]\n", ""
        ) + "  - member: party-a\n    start: 2021-10\n    sources: [doc]\n"
        second = load(write_corpus(tmp_path / "b", files))
        assert first == second

    def test_text_is_read_as_written(self, tmp_path: Path) -> None:
        """YAML's implicit typing never applies: NO stays "NO", 1:20 stays "1:20"."""
        files = base_files()
        files["organisations/party-a.yaml"] = PARTY.replace("name: Party A", "name: NO") \
            .replace("abbreviations: [PA]", "abbreviations: [on, '1:20', 00042, 1e3]")
        corpus = load(write_corpus(tmp_path, files))
        party = corpus.organisation("party-a")
        assert ("NO", ("on", "1:20", "00042", "1e3")) == (party.name, party.abbreviations)

    def test_warnings_do_not_stop_loading(self, tmp_path: Path) -> None:
        """A membership dated before the member was founded is a located warning."""
        files = base_files()
        files["memberships/council.yaml"] = MEMBERS.replace("start: 2021-10", "start: 2019")
        corpus = load(write_corpus(tmp_path, files))
        assert ["memberships/council.yaml:4:12: warning: members[0].start: membership start 2019 is before party-a was "
                "founded (2020-05)"] == [str(w).replace(str(tmp_path) + "/", "") for w in corpus.warnings]

    def test_bundled_data_loads(self) -> None:
        """The bundled corpus loads without errors, wherever the package is installed."""
        corpus = load()
        assert len(corpus.declarations) > 10 and len(corpus.organisations) > 20

    def test_lookup_by_alias_on_bundled_data(self) -> None:
        """The NRF is found by its id, its abbreviation and a spelling from the sources."""
        corpus = load()
        ids = {corpus.organisation(key).id for key in ("national-resistance-front", "NRF", "nrfa")}
        assert {"national-resistance-front"} == ids


class TestErrors:
    """Every mistake is reported with file:line:column, field path and what was expected, all at once."""

    def test_all_errors_together_sorted(self, tmp_path: Path) -> None:
        """Errors of several files come together, sorted by file and line."""
        files = base_files()
        files["organisations/party-a.yaml"] = PARTY.replace("kind: party", "kind: partie")
        files["declarations/joint.yaml"] = DECLARATION.replace("approximate: true", "approximate: yes") \
            .replace("kind: statement", "knd: statement")
        assert [
            "declarations/joint.yaml:1:1: kind: missing required field 'kind'",
            "declarations/joint.yaml:3:1: knd: unknown field 'knd'; did you mean 'kind'?",
            "declarations/joint.yaml:16:18: counts[0].approximate: expected true or false, found text 'yes'",
            "declarations/joint.yaml: note: and 7 further checks were skipped in this file, until its errors "
            "are fixed",
            "organisations/party-a.yaml:3:7: kind: 'partie' is not a known organisation kind (did you mean "
            "'party'?); known: party, movement, council, front, assembly, institute, coalition, faction, "
            "commission, delegation, network, forum, organisation; a corpus adds its own in corpus.yaml "
            "(vocabulary)",
            "organisations/party-a.yaml: note: and 5 further checks were skipped in this file, until its errors "
            "are fixed",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_shapes(self, tmp_path: Path) -> None:
        """Text where a list is expected, and a list where text is expected, are refused."""
        files = base_files()
        files["organisations/party-a.yaml"] = PARTY.replace("abbreviations: [PA]", "abbreviations: PA") \
            .replace("name: Party A", "name: [Party, A]")
        assert [
            "organisations/party-a.yaml:2:7: name: expected text, found a list",
            "organisations/party-a.yaml:4:16: abbreviations: expected a list, found text 'PA'",
            "organisations/party-a.yaml: note: and 5 further checks were skipped in this file, until its errors "
            "are fixed",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_numbers_and_ids(self, tmp_path: Path) -> None:
        """A number with leading zeros and an id with capitals are refused, with what to write."""
        files = base_files()
        files["declarations/joint.yaml"] = DECLARATION.replace("number: '35'", "number: 035")
        files["organisations/party-a.yaml"] = PARTY.replace("founded: 2020-05\n", "parent: Party_A\n")
        assert [
            "declarations/joint.yaml:14:13: counts[0].number: expected a whole number such as 35, found text '035'",
            "declarations/joint.yaml: note: and 7 further checks were skipped in this file, until its errors "
            "are fixed",
            "organisations/party-a.yaml:5:9: parent: unknown organisation id 'Party_A'; did you mean 'party-a'?",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_dates(self, tmp_path: Path) -> None:
        """Impossible dates and month names are refused with the form to write."""
        files = base_files()
        files["memberships/council.yaml"] = MEMBERS.replace("start: 2021-10", "start: 2024-02-30")
        files["organisations/party-a.yaml"] = PARTY.replace("founded: 2020-05", "founded: March 2022")
        assert [
            "memberships/council.yaml:4:12: members[0].start: 2024-02-30 is not a date: February 2024 has 29 days",
            "memberships/council.yaml: note: and 7 further checks were skipped in this file, until its errors "
            "are fixed",
            "organisations/party-a.yaml:5:10: founded: 'March 2022': month names are not accepted; write 2022-03 "
            "(a month stays a month)",
            "organisations/party-a.yaml: note: and 5 further checks were skipped in this file, until its errors "
            "are fixed",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_references(self, tmp_path: Path) -> None:
        """Unknown ids get suggestions from ids, names and abbreviations."""
        files = base_files()
        files["declarations/joint.yaml"] = DECLARATION.replace("signer: council", "signer: counci")
        files["memberships/council.yaml"] = MEMBERS.replace("member: party-a", "member: pa")
        assert [
            "declarations/joint.yaml:10:13: signatures[0].signer: unknown organisation or person id 'counci'; "
            "did you mean 'council'?",
            "memberships/council.yaml:3:13: members[0].member: unknown organisation or person id 'pa'; "
            "did you mean 'party-a'?",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_file_name_must_match_id(self, tmp_path: Path) -> None:
        """A record's id and its file name agree."""
        files = base_files()
        files["organisations/party-b.yaml"] = files.pop("organisations/party-a.yaml")
        problems = problems_of(write_corpus(tmp_path, files))
        assert "organisations/party-b.yaml:1:5: id: id 'party-a' does not match the file name 'party-b'; rename " \
               "one of them" == problems[0]

    def test_stray_files(self, tmp_path: Path) -> None:
        """Files the loader would not read are errors, so nothing is silently ignored."""
        files = base_files()
        files["declarations/other.yml"] = DECLARATION
        files["notes.txt"] = "notes"
        assert [
            "declarations/other.yml: unexpected file: a corpus holds corpus.yaml, sources.yaml, YAML files in "
            "organisations/, people/, memberships/ and declarations/, and source texts in texts/; rename it to .yaml",
            "notes.txt: unexpected file: a corpus holds corpus.yaml, sources.yaml, YAML files in organisations/, "
            "people/, memberships/ and declarations/, and source texts in texts/",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A path that does not exist is one located error."""
        with pytest.raises(InvalidCorpus) as info:
            load(tmp_path / "nowhere")
        assert [f"{tmp_path / 'nowhere'}: no such file or folder"] == [str(p) for p in info.value.problems]


class TestLoadFile:
    """load_file reads one record file on its own."""

    def test_organisation(self, tmp_path: Path) -> None:
        """An organisation file gives its Organisation."""
        root = write_corpus(tmp_path, base_files())
        assert "Party A" == load_file(root / "organisations" / "party-a.yaml").name

    def test_memberships(self, tmp_path: Path) -> None:
        """A memberships file gives its memberships, each knowing its organisation."""
        root = write_corpus(tmp_path, base_files())
        assert ("council", "council") == tuple(m.organisation for m in load_file(root / "memberships/council.yaml"))
