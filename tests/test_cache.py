"""The load cache (:mod:`coalitions.files.cache`): keyed by file contents, never stale, checks still run every time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coalitions import InvalidCorpus, load
from coalitions.files.cache import LoadCache

BASE = Path(__file__).parent / "bad_inputs" / "_base"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A copy of the small valid corpus of the bad-input catalogue."""
    return Path(shutil.copytree(BASE, tmp_path / "corpus"))


class TestLoadCache:
    def test_key_depends_on_every_part(self) -> None:
        """Rule: the key changes with the bytes, the kind, the file name and the limits."""
        cache = LoadCache()
        base = cache.key("people", "ada", b"id: ada", "limits")
        assert len({base, cache.key("people", "ada", b"id: adb", "limits"),
                    cache.key("organisations", "ada", b"id: ada", "limits"),
                    cache.key("people", "ade", b"id: ada", "limits"),
                    cache.key("people", "ada", b"id: ada", "other")}) == 5  # fmt: skip
        assert base == LoadCache().key("people", "ada", b"id: ada", "limits")

    def test_bounded(self) -> None:
        """Rule: past max_entries the oldest entry is dropped first."""
        cache = LoadCache(max_entries=2)
        for key in "abc":
            cache.put(key, (key,))
        assert (None, ("b",), ("c",)) == (cache.get("a"), cache.get("b"), cache.get("c"))
        assert 2 == len(cache)


class TestLoadWithCache:
    def test_second_load_served_from_cache(self, corpus_dir: Path) -> None:
        """A second load of an unchanged corpus parses nothing and gives an equal corpus."""
        cache = LoadCache()
        first = load(corpus_dir, cache=cache)
        files = len(list(corpus_dir.rglob("*.yaml")))
        assert (0, files, files) == (cache.hits, cache.misses, len(cache))
        second = load(corpus_dir, cache=cache)
        assert (files, files) == (cache.hits, cache.misses)
        assert first == second
        assert first == load(corpus_dir, cache=False)

    def test_edit_invalidates_exactly_that_file(self, corpus_dir: Path) -> None:
        """Rule: an edit to one file makes that file, and only it, be read again; the result is the new text's."""
        cache = LoadCache()
        load(corpus_dir, cache=cache)
        path = corpus_dir / "organisations" / "river-party.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
        hits, misses = cache.hits, cache.misses
        corpus = load(corpus_dir, cache=cache)
        files = len(list(corpus_dir.rglob("*.yaml")))
        assert (hits + files - 1, misses + 1) == (cache.hits, cache.misses)
        assert corpus.organisation("river-party").name.startswith("Renamed ")
        assert corpus == load(corpus_dir, cache=False)

    def test_cross_record_checks_run_on_cached_records(self, corpus_dir: Path) -> None:
        """Deleting a file that others refer to is an error even though every other file comes from the cache."""
        cache = LoadCache()
        load(corpus_dir, cache=cache)
        (corpus_dir / "organisations" / "mountain-front.yaml").unlink()
        with pytest.raises(InvalidCorpus) as cached:
            load(corpus_dir, cache=cache)
        with pytest.raises(InvalidCorpus) as fresh:
            load(corpus_dir, cache=False)
        assert [str(p) for p in fresh.value.problems] == [str(p) for p in cached.value.problems]
        assert any(p.line > 0 and "mountain-front" in p.message for p in cached.value.problems)

    def test_files_with_problems_are_not_cached(self, corpus_dir: Path) -> None:
        """A file with a problem is read (and reported) on every load."""
        cache = LoadCache()
        path = corpus_dir / "people" / "ada-example.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "unknown_field: x\n", encoding="utf-8")
        for _ in range(2):
            with pytest.raises(InvalidCorpus) as error:
                load(corpus_dir, cache=cache)
            assert ["unknown_field"] == [p.field for p in error.value.errors]
        assert len(list(corpus_dir.rglob("*.yaml"))) - 1 == len(cache)

    def test_cache_false_uses_no_cache(self, corpus_dir: Path) -> None:
        """``cache=False`` reads every file and stores nothing."""
        from coalitions.files.cache import default_cache

        before = (default_cache.hits, default_cache.misses, len(default_cache))
        load(corpus_dir, cache=False)
        assert before == (default_cache.hits, default_cache.misses, len(default_cache))
