"""The scale benchmark (``benchmarks/``) still runs: its generator makes valid corpora and its runner prints a
summary. Speed is not judged here (no timed assertions); see ``docs/performance.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coalitions import load

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> object:
    """The benchmark's modules, imported from the repository's ``benchmarks/`` folder."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import generate
        import run
    finally:
        sys.path.remove(str(BENCHMARKS))
    return type("Bench", (), {"generate": generate, "run": run})


class TestGenerate:
    def test_dense_family(self, bench: object, tmp_path: Path) -> None:
        """The dense family loads without problems; its signers are drawn from one popularity, so that the most
        popular organisation signs most declarations and most pairs of declarations share a signer."""
        root = bench.generate.generate(tmp_path / "d", 60, 300, seed=2, family="dense")  # type: ignore[attr-defined]
        corpus = load(root, cache=False)
        sets = [{s.signer for s in d.signatures} for d in corpus.declarations]
        top = max(sum(org in s for s in sets) for org in {o for s in sets for o in s})
        sharing = sum(bool(a & b) for i, a in enumerate(sets) for b in sets[:i])
        assert (60, ()) == (len(corpus.declarations), corpus.warnings)
        assert top > 30 and sharing > 0.8 * 60 * 59 / 2

    def test_valid_and_seeded(self, bench: object, tmp_path: Path) -> None:
        """A generated corpus loads without problems, has the sizes asked for, and a seed gives the same bytes."""
        a = bench.generate.generate(tmp_path / "a", 30, 200, seed=7)  # type: ignore[attr-defined]
        b = bench.generate.generate(tmp_path / "b", 30, 200, seed=7)  # type: ignore[attr-defined]
        corpus = load(a, cache=False)
        assert (30, 200, ()) == (len(corpus.declarations), len(corpus.organisations), corpus.warnings)
        assert all(5 <= len(d.signatures) <= 51 for d in corpus.declarations)
        assert corpus.councils
        files = sorted(p.relative_to(a) for p in a.rglob("*.yaml"))
        assert files == sorted(p.relative_to(b) for p in b.rglob("*.yaml"))
        assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


class TestRun:
    def test_quick_mode_prints_summary(self, bench: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--quick`` on a tiny size runs every task in both corpus families, and the start-up row, and ends with
        the one-line summary naming both families."""
        code = bench.run.main(["--quick", "--sizes", "20", "--organisations", "120", "--repeat", "1",  # type: ignore[attr-defined]
                               "--startup-runs", "1", "--workdir", str(tmp_path)])  # fmt: skip
        lines = capsys.readouterr().out.strip().splitlines()
        assert 0 == code
        assert lines[-1].startswith("summary (N=20): load ")
        for part in ("CSafeLoader with the GC paused", "cached load", "(grouped)", "(dense)", "B/pair", "top_k",
                     "report text", "html", "start-up import +"):  # fmt: skip
            assert part in lines[-1]
        table = "\n".join(lines)
        for task in ("start-up", "load", "load cached", "overlap", "overlap top_k", "overlap min", "cosign", "report",
                     "expand"):  # fmt: skip
            assert f"\n{task} " in table
        for family in ("grouped", "dense"):
            assert f"\noverlap       {family} " in table and f"\nreport        {family} " in table


class TestFmtBenchmark:
    def test_runs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``benchmarks/fmt.py`` formats its smallest input without a problem and prints the ratio (not judged)."""
        sys.path.insert(0, str(BENCHMARKS))
        try:
            import fmt
        finally:
            sys.path.remove(str(BENCHMARKS))
        assert 0 == fmt.main(["--repeat", "1", "--only", "comments-60kb"])
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith("input") and lines[1].startswith("comments-60kb")
