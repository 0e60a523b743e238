"""Tests of coalitions.load with several folders: your own data beside ours, read and checked as one corpus."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_corpora
from test_load import base_files
from test_load import write_corpus as write_files

import coalitions
from coalitions import Corpus, InvalidCorpus, load, write_corpus
from coalitions.files import LoadCache

MINE_SOURCES = """\
sources:
  - id: my-notes
    title: My notes
    url: https://example.org/my-notes
"""

MINE_PARTY = """\
id: party-b
name: Party B
kind: party
sources: [my-notes]
"""

MINE_DECLARATION = """\
id: my-statement
title: My statement
kind: statement
date: 2024-03
signatures:
  - signer: party-a
    sources: [my-notes]
  - signer: party-b
    sources: [my-notes]
sources: [my-notes, doc]
"""

MINE_MEMBERS = """\
organisation: council
members:
  - member: party-b
    start: 2024-01
    sources: [my-notes]
"""


def mine(root: Path, extra: dict[str, str] | None = None) -> Path:
    """A folder of one's own: a source, a party, a statement citing records of the base corpus, and ``extra``."""
    files = {"sources.yaml": MINE_SOURCES, "organisations/party-b.yaml": MINE_PARTY,
             "declarations/my-statement.yaml": MINE_DECLARATION, **(extra or {})}  # fmt: skip
    return write_files(root, files)


def problems(paths: list[Path]) -> list[str]:
    """The problems of loading ``paths`` together, as text with the temporary folder left out."""
    with pytest.raises(InvalidCorpus) as raised:
        load(paths, cache=False)
    return [str(p).replace(str(paths[0].parent) + "/", "") for p in raised.value.problems]


class TestSeveralFolders:
    def test_ids_resolve_across_folders(self, tmp_path: Path) -> None:
        """A declaration of one folder cites a party and a source of the other; both folders' records are there."""
        corpus = load([write_files(tmp_path / "ours", base_files()), mine(tmp_path / "mine")])
        assert (["party-a", "party-b"], {"doc", "my-notes"}) == (
            [s.signer for s in corpus.declaration("my-statement").signatures], {s.id for s in corpus.sources})

    def test_members_added_to_a_council_of_the_other_folder(self, tmp_path: Path) -> None:
        """A memberships file in each folder for one council: the members of both count."""
        corpus = load([write_files(tmp_path / "ours", base_files()),
                       mine(tmp_path / "mine", {"memberships/council.yaml": MINE_MEMBERS})])  # fmt: skip
        assert ["leader", "party-a", "party-b"] == sorted(m.member for m in corpus.members_of("council"))

    def test_errors_name_the_right_file(self, tmp_path: Path) -> None:
        """A problem in the second folder's memberships file is located there, at its own index."""
        members = MINE_MEMBERS.replace("member: party-b", "member: party-c")
        assert ["mine/memberships/council.yaml:3:13: members[0].member: unknown organisation or person id "
                "'party-c'; did you mean 'party-b', 'party-a'?"] == problems(
            [write_files(tmp_path / "ours", base_files()),
             mine(tmp_path / "mine", {"memberships/council.yaml": members})])

    def test_duplicate_id_names_both_files(self, tmp_path: Path) -> None:
        """The same id in both folders is an error naming both files, whatever the kinds."""
        person = "id: party-a\nname: Someone\nsources: [my-notes]\n"
        assert ["mine/people/party-a.yaml:1:5: id: id 'party-a' is used by an organisation "
                "(ours/organisations/party-a.yaml:1:5) and a person; an id names one record"] == problems(
            [write_files(tmp_path / "ours", base_files()), mine(tmp_path / "mine", {"people/party-a.yaml": person})])

    def test_duplicate_source_names_both_files(self, tmp_path: Path) -> None:
        """A source id in both sources.yaml files is an error naming both."""
        sources = MINE_SOURCES + "  - id: doc\n    title: Mine too\n"
        assert ["mine/sources.yaml:5:9: id: id 'doc' is used by a source (ours/sources.yaml:2:9) and a source; an "
                "id names one record"] == problems(
            [write_files(tmp_path / "ours", base_files()), mine(tmp_path / "mine", {"sources.yaml": sources})])

    def test_same_with_the_cache(self, tmp_path: Path) -> None:
        """Files served from the cache are checked across folders the same way."""
        ours = write_files(tmp_path / "ours", base_files())
        store = LoadCache()
        load(ours, cache=store)
        person = "id: party-a\nname: Someone\nsources: [my-notes]\n"
        with pytest.raises(InvalidCorpus) as raised:
            load([ours, mine(tmp_path / "mine", {"people/party-a.yaml": person})], cache=store)
        assert ["duplicate-id"] == [p.code for p in raised.value.problems]

    def test_a_folder_given_twice(self, tmp_path: Path) -> None:
        """The same folder twice is refused (every id would be defined twice)."""
        ours = write_files(tmp_path / "ours", base_files())
        with pytest.raises(InvalidCorpus, match="given twice"):
            load([ours, tmp_path / "ours" / "." ])

    def test_one_folder_need_not_have_declarations(self, tmp_path: Path) -> None:
        """A folder of organisations only is fine beside one with declarations."""
        extra = write_files(tmp_path / "orgs", {"organisations/party-b.yaml": MINE_PARTY.replace("my-notes", "doc")})
        assert 3 == len(load([write_files(tmp_path / "ours", base_files()), extra]).organisations)

    def test_bundled_and_mine(self, tmp_path: Path) -> None:
        """Beside the bundled corpus: a declaration of one's own signed by a bundled organisation."""
        statement = MINE_DECLARATION.replace("party-a", "afghanistan-freedom-front").replace(", doc]", ", facts]")
        folder = write_files(tmp_path / "mine", {"sources.yaml": MINE_SOURCES, "organisations/party-b.yaml":
                                                  MINE_PARTY, "declarations/my-statement.yaml": statement})  # fmt: skip
        corpus = coalitions.load([coalitions.bundled_data_path(), folder])
        assert len(coalitions.load().declarations) + 1 == len(corpus.declarations)

    def test_no_folder(self) -> None:
        """An empty list is a mistake of the caller."""
        with pytest.raises(ValueError, match="at least one"):
            load([])


class TestSplitProperty:
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_corpora(), st.integers(0, 2**32 - 1))
    def test_split_over_two_folders(self, corpus: Corpus, seed: int) -> None:
        """Rule (issue 11): "the same checks as one corpus": a corpus whose files are shared out between two folders
        loads from both to the corpus it was."""
        chooser = random.Random(seed)
        with tempfile.TemporaryDirectory() as folder:
            whole, first, second = Path(folder) / "whole", Path(folder) / "a", Path(folder) / "b"
            write_corpus(corpus, whole)
            for path in sorted(whole.rglob("*.yaml")):
                target = (first if path.name == "sources.yaml" or chooser.random() < 0.5 else second) / \
                    path.relative_to(whole)  # fmt: skip
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            second.mkdir(exist_ok=True)
            assert corpus == load([first, second], cache=False)
