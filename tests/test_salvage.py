"""Tests of coalitions.files.salvage: a file that does not read cleanly still has its references checked, and says
how many checks it skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_load import DECLARATION, MEMBERS, PARTY, base_files, problems_of, write_corpus

import coalitions
from coalitions import Corpus, Declaration, Membership, Organisation, Person
from coalitions.files import check, parse_yaml
from coalitions.files.salvage import SKIPPED, references, skipped_note

#: The record class of each folder of a corpus.
FOLDERS = {"organisations": Organisation, "people": Person, "declarations": Declaration}


def _bundled_records() -> list[tuple[str, type, object, dict[str, str]]]:
    """``(file, class, raw value, implied fields)`` of every record of the bundled corpus, memberships one by one."""
    root = coalitions.bundled_data_path()
    found = []
    for folder, cls in FOLDERS.items():
        for path in sorted((root / folder).glob("*.yaml")):
            found.append((f"{folder}/{path.name}", cls, parse_yaml(path.read_bytes(), path.name), {}))
    for path in sorted((root / "memberships").glob("*.yaml")):
        top = parse_yaml(path.read_bytes(), path.name)
        for i, item in enumerate(top["members"]):
            found.append((f"memberships/{path.name}[{i}]", Membership, item, {"organisation": top["organisation"]}))
    return found


def _alone(cls: type, value: object, implied: dict[str, str]) -> Corpus:
    """A corpus holding nothing but the record read from ``value``: every reference in it is unknown."""
    from coalitions.files import Reader

    record = Reader("x").record(cls, value, "", (1, 1), implied or None)
    if cls is Membership:
        return Corpus(memberships=[record])
    return Corpus(**{{Organisation: "organisations", Person: "people", Declaration: "declarations"}[cls]: [record]})


class TestReferences:
    @pytest.mark.parametrize(("name", "cls", "value", "implied"), _bundled_records(), ids=lambda v: v
                             if isinstance(v, str) else "")  # fmt: skip
    def test_finds_what_the_checks_check(self, name: str, cls: type, value: object, implied: dict[str, str]) -> None:
        """Rule: the references read from a raw record are exactly those the checks across records look up: in a
        corpus holding that record alone, every reference is unknown, and the fields of those problems are the
        fields found (for every record of the bundled corpus)."""
        corpus = _alone(cls, value, implied)
        unknown = sorted((p.field.split(".", 1)[1] if p.field.startswith("members[") else p.field,
                          p.message.split("'")[1]) for p in check(corpus) if p.code == "unknown-reference")  # fmt: skip
        assert unknown == sorted((field, text) for field, text, _ in references(cls, value, "", implied))

    def test_shapes_are_skipped_not_guessed(self) -> None:
        """Only text is a reference: a list where an id stands, or a mapping citation without a source, gives
        nothing."""
        raw = parse_yaml(b"signatures:\n  - signer: [a, b]\n    sources: [{quote: x}, doc]\n", "x.yaml")
        assert [("signatures[0].sources[1].source", "doc", "source")] == references(Declaration, raw)


class TestSkippedNote:
    def test_counts(self) -> None:
        """One check or several."""
        assert ("and 1 further check was skipped in this file, until its errors are fixed",
                "and 3 further checks were skipped in this file, until its errors are fixed") == (
            skipped_note(1), skipped_note(3))  # fmt: skip


class TestBrokenFiles:
    """What ``load`` reports of a file that does not read cleanly."""

    def test_unknown_reference_beside_shape_errors(self, tmp_path: Path) -> None:
        """A misspelt field, a month name and a name instead of an id come in one run, with the note."""
        files = base_files()
        files["declarations/joint.yaml"] = DECLARATION.replace("kind: statement", "kinds: statement") \
            .replace("signer: council", "signer: The Council")
        assert [
            "declarations/joint.yaml:1:1: kind: missing required field 'kind'",
            "declarations/joint.yaml:3:1: kinds: unknown field 'kinds'; did you mean 'kind'?",
            "declarations/joint.yaml:10:13: signatures[0].signer: unknown organisation or person id 'The Council'; "
            "did you mean 'council'?",
            f"declarations/joint.yaml: note: {skipped_note(len(SKIPPED[Declaration]))}",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_a_broken_field_is_not_reported_twice(self, tmp_path: Path) -> None:
        """A reference whose own value is refused (spaces around it) gets that error only, not "unknown" too."""
        files = base_files()
        files["organisations/party-a.yaml"] = PARTY.replace("sources: [doc]", "sources: ['doc ', nowhere]")
        assert [
            "organisations/party-a.yaml:6:11: sources[0]: text starts or ends with spaces; remove them",
            "organisations/party-a.yaml:6:19: sources[1].source: unknown source id 'nowhere'",
            f"organisations/party-a.yaml: note: {skipped_note(len(SKIPPED[Organisation]))}",
        ] == problems_of(write_corpus(tmp_path, files))

    def test_broken_membership_item(self, tmp_path: Path) -> None:
        """A membership that does not read still has its member looked up; the other items are checked whole."""
        files = base_files()
        files["memberships/council.yaml"] = MEMBERS.replace("member: party-a\n    start: 2021-10",
                                                            "member: party-b\n    start: October 2021")  # fmt: skip
        problems = problems_of(write_corpus(tmp_path, files))
        assert [
            "memberships/council.yaml:3:13: members[0].member: unknown organisation or person id 'party-b'; "
            "did you mean 'party-a'?",
            "memberships/council.yaml:4:12: members[0].start: 'October 2021': month names are not accepted; write "
            "2021-10 (a month stays a month)",
            f"memberships/council.yaml: note: {skipped_note(len(SKIPPED[Membership]))}",
        ] == problems

    def test_file_that_does_not_parse(self, tmp_path: Path) -> None:
        """A file YAML cannot read skips its references too."""
        files = base_files()
        files["people/leader.yaml"] = "id: leader\nname: 'Leader\n"
        problems = problems_of(write_corpus(tmp_path, files))
        assert f"people/leader.yaml: note: {skipped_note(len(SKIPPED[Person]) + 1)}" == problems[-1]

    def test_cli_counts_errors_not_notes(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``coalitions validate`` prints the note and counts only the errors."""
        from coalitions.cli import main

        files = base_files()
        files["organisations/party-a.yaml"] = PARTY.replace("kind: party", "kind: partie")
        assert 1 == main(["validate", str(write_corpus(tmp_path, files))])
        err = capsys.readouterr().err.splitlines()
        notes = [line.split(str(tmp_path) + "/", 1)[1] for line in err if ": note: " in line]
        assert (f"organisations/party-a.yaml: note: {skipped_note(5)}", "1 error; the corpus was not loaded") == (
            notes[0], err[-1])  # fmt: skip
