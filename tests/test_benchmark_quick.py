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
        """``--quick`` on a tiny size runs every task and ends with the one-line summary."""
        code = bench.run.main(["--quick", "--sizes", "20", "--organisations", "120", "--repeat", "1",  # type: ignore[attr-defined]
                               "--workdir", str(tmp_path)])  # fmt: skip
        lines = capsys.readouterr().out.strip().splitlines()
        assert 0 == code
        assert lines[-1].startswith("summary (N=20): load ")
        assert "CSafeLoader" in lines[-1] and "cached load" in lines[-1]
        table = "\n".join(lines)
        for task in ("load", "load cached", "overlap", "cosign", "report", "expand"):
            assert f"\n{task} " in table


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
