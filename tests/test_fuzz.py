"""Mutated corpus files: the loader's own error or a valid corpus, never another exception, and quickly.

The files mutated are the bundled data's (``coalitions.bundled_data_path()``); the corpus a mutated file is put
back into is the bundled data when it loads, else the small valid corpus of the bad-input catalogue. The example
counts are small and derandomized for CI; ``benchmarks/fuzz.py`` runs the same strategies for as long as wanted
(see docs/limits.md).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coalitions
from coalitions import Corpus, InvalidCorpus, Problem, bundled_data_path
from strategies import mutated_files

CATALOGUE_BASE = Path(__file__).parent / "bad_inputs" / "_base"

#: Generous bound on one load of one file or one small corpus; a refusal takes milliseconds (docs/limits.md).
SECONDS_PER_LOAD = 2.0

FUZZ = settings(
    max_examples=100, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def valid_corpus() -> Path:
    """The bundled data if it loads, else the catalogue's base corpus."""
    try:
        coalitions.load(bundled_data_path())
    except InvalidCorpus:
        return CATALOGUE_BASE
    return bundled_data_path()


def snapshot(root: Path) -> dict[str, bytes]:
    """The YAML files under ``root`` and their bytes, read once: examples must not see files change."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


SEEDS = snapshot(bundled_data_path())
CORPUS = valid_corpus()
CORPUS_FILES = snapshot(CORPUS)


def assert_located(problems: tuple[Problem, ...]) -> None:
    """Every problem is one of the library's, with a message and a file; a line when the file is named alone."""
    assert problems
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.message and problem.file
        assert problem.line >= 0 and problem.column >= 0


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A scratch folder holding a copy of the valid corpus (``corpus/``) and single files (``single/``)."""
    folder = tmp_path_factory.mktemp("fuzz")
    for relative, data in CORPUS_FILES.items():
        (folder / "corpus" / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / "corpus" / relative).write_bytes(data)
    yield folder


class TestMutatedFiles:
    @FUZZ
    @given(data=st.data())
    def test_single_file(self, workspace: Path, data: st.DataObject) -> None:
        """"Every input either loads exactly as written or is refused with a located, understandable message,
        quickly": ``load_file`` on a mutated bundled file returns a record or raises InvalidCorpus, within 2 s."""
        relative = data.draw(st.sampled_from(sorted(SEEDS)), label="file")
        mutated = data.draw(mutated_files(SEEDS[relative]), label="bytes")
        target = workspace / "single" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(mutated)
        started = time.perf_counter()
        try:
            result = coalitions.load_file(target)
        except InvalidCorpus as error:
            assert_located(error.problems)
        else:
            assert result is not None
        assert time.perf_counter() - started < SECONDS_PER_LOAD

    @FUZZ
    @given(data=st.data())
    def test_file_in_corpus(self, workspace: Path, data: st.DataObject) -> None:
        """"Every input either loads exactly as written or is refused with a located, understandable message":
        a valid corpus with one mutated file loads, or raises InvalidCorpus whose errors are all located, in 2 s."""
        corpus = workspace / "corpus"
        relative = data.draw(st.sampled_from(sorted(CORPUS_FILES)), label="file")
        original = CORPUS_FILES[relative]
        mutated = data.draw(mutated_files(original), label="bytes")
        (corpus / relative).write_bytes(mutated)
        started = time.perf_counter()
        try:
            loaded = coalitions.load(corpus)
        except InvalidCorpus as error:
            assert_located(error.errors)
        else:
            assert isinstance(loaded, Corpus)
        finally:
            (corpus / relative).write_bytes(original)
        assert time.perf_counter() - started < SECONDS_PER_LOAD

    def test_unmutated_corpus_loads(self, workspace: Path) -> None:
        """The corpus the mutations start from is valid, so a refusal always comes from the mutation."""
        assert isinstance(coalitions.load(workspace / "corpus"), Corpus)
