"""The scale benchmark: how coalitions' cost grows with the corpus, against the peers that set the floor.

    python benchmarks/run.py            # 100, 1,000, 5,000 and 10,000 declarations (several minutes)
    python benchmarks/run.py --quick    # small sizes, under a minute: checks the benchmark runs, not speed

For each size it generates a corpus (seeded, cached under ``--workdir``), then times each task (the median of
``--repeat`` runs) and measures its peak memory (Python allocations traced by ``tracemalloc``, numpy's included,
in one more run), next to its peers measured in the same run. Then it fits how each task grows between 1,000 and
10,000 declarations (the exponent of ``time ~ N^k``), and prints a one-line summary last. A task whose code or
peer is not installed prints ``n/a (not available)``.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import default_organisations, generate  # noqa: E402

import yaml  # noqa: E402

import coalitions  # noqa: E402

NA = "n/a (not available)"


def _optional(module: str, name: str) -> Any:
    try:
        return getattr(__import__(module, fromlist=[name]), name)
    except (ImportError, AttributeError):
        return None


overlap_from_sets = _optional("coalitions.analysis.kernel", "overlap_from_sets")
cosigning_from_sets = _optional("coalitions.analysis.kernel", "cosigning_from_sets")
build_report = _optional("coalitions.report", "build_report")
render = _optional("coalitions.report.formats", "render")
expand = _optional("coalitions.analysis.councils", "expand")
LoadCache = _optional("coalitions.files.cache", "LoadCache")
sparse = _optional("scipy", "sparse")
np = sys.modules.get("numpy") if sparse is not None else None
nx_bipartite = _optional("networkx.algorithms", "bipartite")


class Result:
    """One implementation of one task at one size."""

    def __init__(self, task: str, size: int, impl: str, seconds: float | None, peak: int | None,
                 note: str = "") -> None:  # fmt: skip
        self.task, self.size, self.impl, self.seconds, self.peak, self.note = task, size, impl, seconds, peak, note


def measure(function: Callable[[], Any], repeat: int, memory: bool) -> tuple[float, int | None, Any]:
    """Median seconds of ``repeat`` runs, peak traced bytes of one more run (or None), and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    peak = None
    if memory:
        result = None
        gc.collect()
        tracemalloc.start()
        try:
            result = function()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return statistics.median(times), peak, result


def csafe_all(files: list[Path]) -> list[Any]:
    """The floor: read and parse every file with libyaml, nothing else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [yaml.load(f.read_bytes(), Loader=loader) for f in files]  # noqa: S506 - a safe loader


def scipy_matrix(sets: list[frozenset[str]]) -> Any:
    """The declaration × signer incidence matrix (CSR), built from the same sets."""
    codes: dict[str, int] = {}
    indices = [codes.setdefault(e, len(codes)) for s in sets for e in s]
    indptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=indptr[1:])
    data = np.ones(len(indices), dtype=np.int32)
    return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int32), indptr), shape=(len(sets), len(codes)))


def scipy_overlap(sets: list[frozenset[str]]) -> Any:
    """Shared signers of every pair of declarations: ``triu(M @ M.T, 1)``."""
    m = scipy_matrix(sets)
    return sparse.triu(m @ m.T, k=1).tocoo()


def scipy_cosign(sets: list[frozenset[str]]) -> Any:
    """Co-signing counts of every pair of signers: ``triu(M.T @ M, 1)``."""
    m = scipy_matrix(sets).tocsc()
    return sparse.triu(m.T @ m, k=1).tocoo()


def bipartite_graph(sets: list[frozenset[str]]) -> Any:
    """The declaration–signer graph networkx projects (built outside the timing)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from((("d", i) for i in range(len(sets))), bipartite=0)
    graph.add_edges_from((("d", i), ("o", e)) for i, s in enumerate(sets) for e in s)
    return graph


def run_size(size: int, organisations: int, args: argparse.Namespace, out: list[Result]) -> None:
    """Every task at one size."""
    root = Path(args.workdir) / f"corpus-{size}-{organisations}-{args.seed}"
    if not (root / ".complete").exists():
        print(f"# generating {size:,} declarations, {organisations:,} organisations in {root}", flush=True)
        generate(root, size, organisations, args.seed)
        (root / ".complete").write_text("ok\n")
    files = sorted(p for p in root.rglob("*.yaml"))
    rep, mem = args.repeat, not args.no_memory

    def add(task: str, impl: str, function: Callable[[], Any] | None, note: str = "", repeat: int = rep) -> Any:
        if function is None:
            out.append(Result(task, size, impl, None, None, NA))
            return None
        seconds, peak, result = measure(function, repeat, mem)
        out.append(Result(task, size, impl, seconds, peak, note))
        print(f"# {task:<12} {size:>6,} {impl:<26} {seconds:8.3f}s", flush=True)
        return result

    corpus = add("load", "coalitions", lambda: coalitions.load(root, cache=False), f"{len(files):,} files")
    add("load", "CSafeLoader", lambda: csafe_all(files))
    if LoadCache is not None:
        coalitions.load(root)  # fills the in-process cache
        cached = add("load cached", "coalitions (in-process)", lambda: coalitions.load(root))
        assert cached == corpus
        out[-1].note = f"{out[-1].seconds / len(files) * 10_000:.2f}s per 10,000 files"
    else:
        add("load cached", "coalitions", None)

    sets = [frozenset(s.signer for s in d.signatures if s.signer) for d in corpus.declarations]
    pairs = None
    if overlap_from_sets is not None:
        table = add("overlap", "coalitions (pure Python)", lambda: overlap_from_sets(sets))
        pairs = len(table)
        out[-1].note = f"{pairs:,} pairs"
        if np is not None:
            add("overlap", "coalitions (numpy/scipy)", lambda: overlap_from_sets(sets, backend="scipy"))
    else:
        add("overlap", "coalitions", None)
    add("overlap", "scipy M @ M.T", (lambda: scipy_overlap(sets)) if sparse is not None else None)
    if nx_bipartite is not None and size <= args.networkx_max:
        graph = bipartite_graph(sets)
        nodes = [("d", i) for i in range(len(sets))]
        add("overlap", "networkx", lambda: nx_bipartite.overlap_weighted_projected_graph(graph, nodes), repeat=1)
    elif nx_bipartite is not None:
        out.append(Result("overlap", size, "networkx", None, None, f"skipped above {args.networkx_max:,}"))
    else:
        add("overlap", "networkx", None)

    if cosigning_from_sets is not None:
        table = add("cosign", "coalitions (pure Python)", lambda: cosigning_from_sets(sets))
        out[-1].note = f"{len(table):,} pairs"
        if np is not None:
            add("cosign", "coalitions (numpy/scipy)", lambda: cosigning_from_sets(sets, backend="scipy"))
    else:
        add("cosign", "coalitions", None)
    add("cosign", "scipy M.T @ M", (lambda: scipy_cosign(sets)) if sparse is not None else None)
    if nx_bipartite is not None and size <= args.networkx_max:
        graph = bipartite_graph(sets)
        orgs = sorted({("o", e) for s in sets for e in s})
        add("cosign", "networkx", lambda: nx_bipartite.weighted_projected_graph(graph, orgs), repeat=1)
    elif nx_bipartite is not None:
        out.append(Result("cosign", size, "networkx", None, None, f"skipped above {args.networkx_max:,}"))

    if build_report is not None and render is not None and size > args.report_max:
        out.append(Result("report", size, "coalitions (text)", None, None, f"skipped above {args.report_max:,}"))
    elif build_report is not None and render is not None:
        add("report", "coalitions (text)", lambda: render(build_report(corpus), "text"), repeat=max(1, rep - 1))
    else:
        add("report", "coalitions", None)
    if expand is not None:
        councils = [c.id for c in corpus.councils]
        add("expand", "coalitions", lambda: [expand(corpus, [c], "2024-06-15") for c in councils],
            f"{len(councils):,} councils at 2024-06-15")  # fmt: skip
    else:
        add("expand", "coalitions", None)
    if pairs is not None and mem:
        for result in out:
            if (result.task, result.size, result.impl) == ("overlap", size, "coalitions (pure Python)") and pairs:
                result.note += f", {result.peak / pairs:.1f} B/pair"


def _find(results: list[Result], task: str, size: int, prefix: str) -> Result | None:
    for result in results:
        if result.task == task and result.size == size and result.impl.startswith(prefix) and result.seconds:
            return result
    return None


def _ratio(results: list[Result], row: Result) -> str:
    """A peer's row: the first coalitions row against it; the numpy/scipy backend's row: against scipy."""
    if row.seconds is None:
        return ""
    if row.impl == "coalitions (numpy/scipy)":
        ours, peer = row, _find(results, row.task, row.size, "scipy")
    elif row.impl.startswith("coalitions"):
        return ""
    else:
        ours, peer = _find(results, row.task, row.size, "coalitions"), row
    if ours is None or peer is None:
        return ""
    ratio = ours.seconds / peer.seconds  # type: ignore[operator]
    return f"{ratio:.2f}x {peer.impl.split()[0]}" if ratio >= 1 else f"{1 / ratio:.1f}x faster than {peer.impl.split()[0]}"


def table(results: list[Result]) -> list[str]:
    """The result table, one row per task, size and implementation."""
    rows = [f"{'task':<12} {'N':>7} {'implementation':<26} {'median':>9} {'peak MB':>8}  coalitions vs this peer"]
    for r in results:
        seconds = f"{r.seconds:.3f}s" if r.seconds is not None else "-"
        peak = f"{r.peak / 1e6:.1f}" if r.peak is not None else "-"
        ratio = _ratio(results, r)
        extra = "; ".join(x for x in (ratio, r.note) if x)
        rows.append(f"{r.task:<12} {r.size:>7,} {r.impl:<26} {seconds:>9} {peak:>8}  {extra}")
    return rows


def exponents(results: list[Result]) -> list[str]:
    """Least-squares slope of log(time) on log(N), over sizes of 1,000 and more (all sizes if fewer than two)."""
    rows = []
    keys = dict.fromkeys((r.task, r.impl) for r in results if r.seconds)
    for task, impl in keys:
        points = [(r.size, r.seconds) for r in results if (r.task, r.impl) == (task, impl) and r.seconds]
        big = [p for p in points if p[0] >= 1000]
        points = big if len(big) >= 2 else points
        if len(points) < 2:
            continue
        xs = [math.log(n) for n, _ in points]
        ys = [math.log(t) for _, t in points]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        span = f"{points[0][0]:,}..{points[-1][0]:,}"
        rows.append(f"{task:<12} {impl:<26} time ~ N^{slope:.2f}  ({span})")
    return rows


def summary(results: list[Result]) -> str:
    """The one-line summary of the key ratios at the largest size run."""
    size = max(r.size for r in results)

    def get(task: str, impl: str) -> Result | None:
        found = [r for r in results if r.task == task and r.impl == impl and r.seconds is not None]
        return max(found, key=lambda r: r.size) if found else None

    def ratio(task: str, ours: str, peer: str, inverse: bool = False) -> str:
        b = get(task, peer)
        a = next((r for r in results if r.task == task and r.impl == ours and b and r.size == b.size and
                  r.seconds), None)  # fmt: skip
        if a is None or b is None:
            return ""
        value = (b.seconds / a.seconds) if inverse else (a.seconds / b.seconds)  # type: ignore[operator]
        shown = f"{value:.0f}x" if value >= 10 else f"{value:.1f}x"
        return shown if a.size == size else f"{shown} (at {a.size:,})"

    parts = []
    load = ratio("load", "coalitions", "CSafeLoader")
    parts.append(f"load {load} CSafeLoader" if load else "load n/a")
    overlap = [x for x in (ratio("overlap", "coalitions (pure Python)", "scipy M @ M.T") + " scipy"
                           if get("overlap", "scipy M @ M.T") else "",
                           ratio("overlap", "coalitions (pure Python)", "networkx", inverse=True)) if x]  # fmt: skip
    if len(overlap) == 2:
        value, _, at = overlap[1].partition(" ")
        overlap[1] = f"{value} faster than networkx" + (f" {at}" if at else "")
    parts.append("overlap " + ", ".join(overlap) if overlap and get("overlap", "coalitions (pure Python)")
                 else "overlap n/a")  # fmt: skip
    cosign = ratio("cosign", "coalitions (pure Python)", "scipy M.T @ M")
    parts.append(f"cosign {cosign} scipy" if cosign else "cosign n/a")
    report = get("report", "coalitions (text)")
    at = "" if report is None or report.size == size else f" (at {report.size:,})"
    parts.append(f"report {report.seconds:.1f}s{at}" if report else "report n/a")
    cached = get("load cached", "coalitions (in-process)")
    parts.append(f"cached load {cached.seconds:.2f}s" if cached else "cached load n/a")
    return f"summary (N={size:,}): " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description="The coalitions scale benchmark.")
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                        help="declaration counts, comma-separated (default 100,1000,5000,10000)")  # fmt: skip
    parser.add_argument("--organisations", type=int, default=None, help="organisation count (default: 5 per "
                        "declaration, 5,000 to 50,000; in --quick, 5 per declaration)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=None, help="runs per task (default 3, --quick 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--networkx-max", type=int, default=2000, help="largest size networkx runs at")
    parser.add_argument("--report-max", type=int, default=10000, help="largest size the report runs at")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "coalitions-bench"),
                        help="where generated corpora are kept between runs")  # fmt: skip
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100, 400] if args.quick else [100, 1000, 5000, 10000])
    args.repeat = args.repeat or (2 if args.quick else 3)
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    started = time.perf_counter()
    for size in sizes:
        organisations = args.organisations or (5 * size if args.quick else default_organisations(size))
        run_size(size, organisations, args, results)
    print()
    print(f"coalitions {coalitions.__version__}, Python {sys.version.split()[0]}, libyaml "
          f"{'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}, numpy/scipy {'yes' if np is not None else 'no'}, "
          f"networkx {'yes' if nx_bipartite is not None else 'no'}; median of {args.repeat} runs; peak MB = "
          f"tracemalloc peak of Python allocations; {time.perf_counter() - started:.0f}s in all")  # fmt: skip
    print()
    print("\n".join(table(results)))
    print()
    print("growth (fitted exponent):")
    print("\n".join(exponents(results)) or "  n/a (needs two sizes)")
    print()
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
