"""The scale benchmark: how coalitions' cost grows with the corpus, against the peers that set the floor.

    python benchmarks/run.py            # 100, 1,000, 5,000 and 10,000 declarations (several minutes)
    python benchmarks/run.py --quick    # small sizes, under a minute: checks the benchmark runs, not speed

For each size and each corpus family (``grouped``: signers in movements; ``dense``: one Zipf popularity over
5,000 organisations, nearly every pair of declarations sharing a signer; see ``generate.py``) it generates a corpus
(seeded, cached under ``--workdir``), then times each task (the median of ``--repeat`` runs) and measures its peak
memory (Python allocations traced by ``tracemalloc``, numpy's included, in one more run), next to its peers
measured in the same run. The start-up row times whole processes (``python -c pass``, ``import coalitions``,
``coalitions --help``, ``coalitions validate`` on the bundled data; the median of ``--startup-runs``, taken in
turn). Then it fits how each task grows between 1,000 and 10,000 declarations (the exponent of ``time ~ N^k``),
and prints a one-line summary last. A task whose code or peer is not installed prints ``n/a (not available)``.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import FAMILIES, default_organisations, generate  # noqa: E402

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
    """One implementation of one task at one size of one corpus family ("-" for the start-up row)."""

    def __init__(self, task: str, size: int, impl: str, seconds: float | None, peak: int | None,
                 note: str = "", family: str = "grouped") -> None:  # fmt: skip
        self.task, self.size, self.impl, self.seconds, self.peak, self.note = task, size, impl, seconds, peak, note
        self.family = family
        self.pairs: int | None = None  # the overlap rows: how many pairs, for the bytes a pair


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
    """The floor: read and parse every file with libyaml, nothing else (written as a user would)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [yaml.load(f.read_bytes(), Loader=loader) for f in files]  # noqa: S506 - a safe loader


def csafe_all_paused(files: list[Path]) -> list[Any]:
    """The fair floor: the same loop with the garbage collector paused, as ``coalitions.load`` pauses it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return csafe_all(files)
    finally:
        if enabled:
            gc.enable()


def startup(args: argparse.Namespace, out: list[Result]) -> None:
    """Whole processes, each the median of ``--startup-runs`` taken in turn: ``python -c pass`` (the floor), ``import
    coalitions``, ``coalitions --help`` and ``coalitions validate`` on the bundled data."""
    script = Path(sys.executable).with_name("coalitions")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "coalitions"]
    data = str(coalitions.bundled_data_path())
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "import coalitions": [sys.executable, "-c", "import coalitions"],
                "coalitions --help": [*cli, "--help"],
                "coalitions validate": [*cli, "validate", "--data", data]}  # fmt: skip
    env = {**os.environ, "COALITIONS_CACHE": "off"}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.startup_runs + 1):  # the first round warms the disk cache, and is not counted
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            times[name].append(time.perf_counter() - start)
    floor = statistics.median(times["python -c pass"][1:])
    for name, runs in times.items():
        seconds = statistics.median(runs[1:])
        note = f"+{seconds - floor:.3f}s over python -c pass" if name != "python -c pass" else ""
        if name == "coalitions validate":
            note += f" ({len(list(Path(data).rglob('*.yaml'))):,} bundled files)"
        out.append(Result("start-up", 0, name, seconds, None, note, family="-"))
        print(f"# start-up     {name:<26} {seconds:8.3f}s", flush=True)


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


def run_size(size: int, organisations: int, family: str, args: argparse.Namespace, out: list[Result]) -> None:
    """Every task at one size of one corpus family."""
    name = f"corpus-{size}-{organisations}-{args.seed}" if family == "grouped" else f"{family}-{size}-{organisations}-{args.seed}"
    root = Path(args.workdir) / name
    if not (root / ".complete").exists():
        print(f"# generating {size:,} declarations, {organisations:,} organisations ({family}) in {root}", flush=True)
        generate(root, size, organisations, args.seed, family)
        (root / ".complete").write_text("ok\n")
    files = sorted(p for p in root.rglob("*.yaml"))
    rep, mem = args.repeat, not args.no_memory

    def add(task: str, impl: str, function: Callable[[], Any] | None, note: str = "", repeat: int = rep) -> Any:
        if function is None:
            out.append(Result(task, size, impl, None, None, NA, family))
            return None
        # --quick checks that the benchmark runs: the report's rows skip their (slow) tracemalloc run there
        seconds, peak, result = measure(function, repeat, mem and not (args.quick and task == "report"))
        out.append(Result(task, size, impl, seconds, peak, note, family))
        print(f"# {task:<12} {family:<7} {size:>6,} {impl:<26} {seconds:8.3f}s", flush=True)
        return result

    def skipped(task: str, impl: str, note: str) -> None:
        out.append(Result(task, size, impl, None, None, note, family))

    corpus = add("load", "coalitions", lambda: coalitions.load(root, cache=False), f"{len(files):,} files")
    add("load", "CSafeLoader", lambda: csafe_all(files))
    add("load", "CSafeLoader, GC paused", lambda: csafe_all_paused(files))
    if LoadCache is not None:
        coalitions.load(root)  # fills the in-process cache
        cached = add("load cached", "coalitions (in-process)", lambda: coalitions.load(root))
        assert cached == corpus
        out[-1].note = f"{out[-1].seconds / len(files) * 10_000:.2f}s per 10,000 files"
    else:
        add("load cached", "coalitions", None)

    sets = [frozenset(s.signer for s in d.signatures if s.signer) for d in corpus.declarations]
    if overlap_from_sets is not None:
        table = add("overlap", "coalitions (pure Python)", lambda: overlap_from_sets(sets))
        pairs = len(table)
        del table
        out[-1].note, out[-1].pairs = f"{pairs:,} pairs", pairs
        if np is not None:
            add("overlap", "coalitions (numpy/scipy)", lambda: overlap_from_sets(sets, backend="scipy"))
            out[-1].pairs = pairs
        add("overlap top_k", "coalitions (pure Python)", lambda: overlap_from_sets(sets, top_k=args.top_k),
            f"top_k={args.top_k}")  # fmt: skip
        add("overlap min", "coalitions (pure Python)", lambda: overlap_from_sets(sets, min_shared=args.min_shared),
            f"min_shared={args.min_shared}")  # fmt: skip
        out[-1].note += f", {len(overlap_from_sets(sets, min_shared=args.min_shared)):,} pairs"
    else:
        add("overlap", "coalitions", None)
    add("overlap", "scipy M @ M.T", (lambda: scipy_overlap(sets)) if sparse is not None else None)
    if nx_bipartite is not None and size <= args.networkx_max:
        graph = bipartite_graph(sets)
        nodes = [("d", i) for i in range(len(sets))]
        add("overlap", "networkx", lambda: nx_bipartite.overlap_weighted_projected_graph(graph, nodes), repeat=1)
        del graph
    elif nx_bipartite is not None:
        skipped("overlap", "networkx", f"skipped above {args.networkx_max:,}")
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
        del graph
    elif nx_bipartite is not None:
        skipped("cosign", "networkx", f"skipped above {args.networkx_max:,}")

    if build_report is not None and render is not None and size > args.report_max:
        for impl in ("build", "text", "html"):
            skipped("report", f"coalitions ({impl})", f"skipped above {args.report_max:,}")
    elif build_report is not None and render is not None:
        # Built once (timed), then each format rendered from it (timed): a format's row is build + render.
        report = add("report", "coalitions (build)", lambda: build_report(corpus), repeat=max(1, rep - 1))
        build = out[-1]
        for fmt in ("text", "html"):
            output = add("report", f"coalitions ({fmt})", lambda: render(report, fmt), repeat=max(1, rep - 1))
            row = out[-1]
            row.note = f"render {row.seconds:.3f}s + build, {len(output.encode()) / 1e6:.1f} MB"
            row.seconds = (row.seconds or 0.0) + (build.seconds or 0.0)
            row.peak = max(row.peak or 0, build.peak or 0) if build.peak is not None else None
        del report, output
    else:
        add("report", "coalitions", None)
    if expand is not None:
        councils = [c.id for c in corpus.councils]
        add("expand", "coalitions", lambda: [expand(corpus, [c], "2024-06-15") for c in councils],
            f"{len(councils):,} councils at 2024-06-15")  # fmt: skip
    else:
        add("expand", "coalitions", None)
    for result in out:
        if (result.task, result.size, result.family) == ("overlap", size, family) and result.pairs and result.peak:
            result.note += (", " if result.note else "") + f"{result.peak / result.pairs:.1f} B/pair"


def _find(results: list[Result], task: str, size: int, family: str, prefix: str) -> Result | None:
    for result in results:
        if ((result.task, result.size, result.family) == (task, size, family) and result.impl.startswith(prefix)
                and result.seconds):  # fmt: skip
            return result
    return None


def _ratio(results: list[Result], row: Result) -> str:
    """A peer's row: the first coalitions row against it; the numpy/scipy backend's row: against scipy; the
    CSafeLoader rows: coalitions against each; top_k and min_shared: against the full table."""
    if row.seconds is None or row.task == "start-up":
        return ""
    if row.impl == "coalitions (numpy/scipy)":
        ours, peer = row, _find(results, row.task, row.size, row.family, "scipy")
    elif row.task in ("overlap top_k", "overlap min"):
        ours, peer = row, _find(results, "overlap", row.size, row.family, "coalitions (pure Python)")
        if ours is None or peer is None:
            return ""
        return f"{ours.seconds / peer.seconds:.2f}x the full table"  # type: ignore[operator]
    elif row.impl.startswith("coalitions"):
        return ""
    else:
        ours, peer = _find(results, row.task, row.size, row.family, "coalitions"), row
    if ours is None or peer is None:
        return ""
    ratio = ours.seconds / peer.seconds  # type: ignore[operator]
    name = peer.impl if peer.impl.startswith("CSafeLoader") else peer.impl.split()[0]
    return f"{ratio:.2f}x {name}" if ratio >= 1 else f"{1 / ratio:.1f}x faster than {name}"


def table(results: list[Result]) -> list[str]:
    """The result table, one row per task, family, size and implementation."""
    rows = [f"{'task':<13} {'family':<7} {'N':>7} {'implementation':<26} {'median':>9} {'peak MB':>8}  "
            "coalitions vs this peer"]  # fmt: skip
    for r in results:
        seconds = f"{r.seconds:.3f}s" if r.seconds is not None else "-"
        peak = f"{r.peak / 1e6:.1f}" if r.peak is not None else "-"
        ratio = _ratio(results, r)
        extra = "; ".join(x for x in (ratio, r.note) if x)
        size = f"{r.size:>7,}" if r.size else f"{'-':>7}"
        rows.append(f"{r.task:<13} {r.family:<7} {size} {r.impl:<26} {seconds:>9} {peak:>8}  {extra}".rstrip())
    return rows


def exponents(results: list[Result]) -> list[str]:
    """Least-squares slope of log(time) on log(N), over sizes of 1,000 and more (all sizes if fewer than two)."""
    rows = []
    keys = dict.fromkeys((r.task, r.family, r.impl) for r in results if r.seconds and r.size)
    for task, family, impl in keys:
        points = [(r.size, r.seconds) for r in results if (r.task, r.family, r.impl) == (task, family, impl)
                  and r.seconds]  # fmt: skip
        big = [p for p in points if p[0] >= 1000]
        points = big if len(big) >= 2 else points
        if len(points) < 2:
            continue
        xs = [math.log(n) for n, _ in points]
        ys = [math.log(t) for _, t in points]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        span = f"{points[0][0]:,}..{points[-1][0]:,}"
        rows.append(f"{task:<13} {family:<7} {impl:<26} time ~ N^{slope:.2f}  ({span})")
    return rows


def summary(results: list[Result]) -> str:
    """The one-line summary of the key ratios at the largest size run, for each family."""
    size = max(r.size for r in results)
    families = list(dict.fromkeys(r.family for r in results if r.family != "-"))

    def get(task: str, impl: str, family: str = "grouped") -> Result | None:
        found = [r for r in results if (r.task, r.impl, r.family) == (task, impl, family) and r.seconds is not None]
        return max(found, key=lambda r: r.size) if found else None

    def at(row: Result) -> str:
        return "" if row.size == size else f" (at {row.size:,})"

    def ratio(task: str, ours: str, peer: str, family: str = "grouped", inverse: bool = False) -> str:
        b = get(task, peer, family)
        a = _find(results, task, b.size, family, ours) if b else None
        if a is None or b is None or a.impl != ours:
            return ""
        value = (b.seconds / a.seconds) if inverse else (a.seconds / b.seconds)  # type: ignore[operator]
        return (f"{value:.0f}x" if value >= 10 else f"{value:.1f}x") + at(a)

    def per_pair(family: str, impl: str) -> str:
        row = get("overlap", impl, family)
        return f", {row.peak / row.pairs:.1f} B/pair" if row and row.peak and row.pairs else ""

    parts = []
    load = [f"{x} {label}" for peer, label in (("CSafeLoader", "CSafeLoader"),
                                               ("CSafeLoader, GC paused", "CSafeLoader with the GC paused"))
            if (x := ratio("load", "coalitions", peer))]  # fmt: skip
    parts.append("load " + ", ".join(load) if load else "load n/a")
    overlap = [f"{x} scipy{per_pair(f, 'coalitions (pure Python)')} ({f})" for f in families
               if (x := ratio("overlap", "coalitions (pure Python)", "scipy M @ M.T", f))]  # fmt: skip
    networkx = ratio("overlap", "coalitions (pure Python)", "networkx", inverse=True)
    if networkx:
        value, _, where = networkx.partition(" ")
        overlap.append(f"{value} faster than networkx" + (f" {where}" if where else ""))
    parts.append("overlap " + ", ".join(overlap) if overlap else "overlap n/a")
    backend = [f"{x} scipy{per_pair(f, 'coalitions (numpy/scipy)')} ({f})" for f in families
               if (x := ratio("overlap", "coalitions (numpy/scipy)", "scipy M @ M.T", f))]  # fmt: skip
    if backend:
        parts.append("scipy backend " + ", ".join(backend))
    pruned = []
    for f in families:
        full = get("overlap", "coalitions (pure Python)", f)
        for task, label in (("overlap top_k", "top_k"), ("overlap min", "min_shared")):
            row = get(task, "coalitions (pure Python)", f)
            if row and full and row.size == full.size:
                pruned.append(f"{label} {row.seconds / full.seconds:.2f}x ({f})")  # type: ignore[operator]
    if pruned:
        parts.append("of the full table: " + ", ".join(pruned))
    cosign = [f"{x} scipy ({f})" for f in families if (x := ratio("cosign", "coalitions (pure Python)",
                                                                     "scipy M.T @ M", f))]  # fmt: skip
    parts.append("cosign " + ", ".join(cosign) if cosign else "cosign n/a")
    report = [f"{impl} {row.seconds:.1f}s{at(row)} ({f})" for impl in ("text", "html") for f in families
              if (row := get("report", f"coalitions ({impl})", f))]  # fmt: skip
    parts.append("report " + ", ".join(report) if report else "report n/a")
    cached = get("load cached", "coalitions (in-process)")
    parts.append(f"cached load {cached.seconds:.2f}s" if cached else "cached load n/a")
    rows = {r.impl: r.seconds for r in results if r.task == "start-up" and r.seconds is not None}
    if "python -c pass" in rows:
        floor = rows["python -c pass"]
        shown = [f"{name.split()[-1] if name != 'import coalitions' else 'import'} +{rows[name] - floor:.2f}s"
                 for name in ("import coalitions", "coalitions --help") if name in rows]  # fmt: skip
        if "coalitions validate" in rows:
            shown.append(f"validate {rows['coalitions validate']:.2f}s")
        parts.append("start-up " + ", ".join(shown))
    return f"summary (N={size:,}): " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description="The coalitions scale benchmark.")
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                        help="declaration counts, comma-separated (default 100,1000,5000,10000)")  # fmt: skip
    parser.add_argument("--families", type=lambda s: s.split(","), default=list(FAMILIES),
                        help=f"corpus families, comma-separated (default {','.join(FAMILIES)})")  # fmt: skip
    parser.add_argument("--organisations", type=int, default=None, help="organisation count (default: 5 per "
                        "declaration, 5,000 to 50,000, grouped; 5,000 dense; in --quick, 5 per declaration)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=None, help="runs per task (default 3, --quick 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--networkx-max", type=int, default=2000, help="largest size networkx runs at")
    parser.add_argument("--report-max", type=int, default=None, help="largest size the report runs at (default "
                        "100, --quick 20: its exact ranges take minutes there already, see docs/performance.md)")  # fmt: skip
    parser.add_argument("--top-k", type=int, default=100, help="the top_k of the pruned overlap row (default 100)")
    parser.add_argument("--min-shared", type=int, default=5, help="the min_shared of its row (default 5)")
    parser.add_argument("--startup-runs", type=int, default=None, help="process runs of each start-up command "
                        "(default 11, --quick 3; 0 skips the row)")  # fmt: skip
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "coalitions-bench"),
                        help="where generated corpora are kept between runs")  # fmt: skip
    args = parser.parse_args(argv)
    unknown = [f for f in args.families if f not in FAMILIES]
    if unknown:
        parser.error(f"unknown family {unknown[0]!r}: choose from {', '.join(FAMILIES)}")
    sizes = args.sizes or ([100, 400] if args.quick else [100, 1000, 5000, 10000])
    args.repeat = args.repeat or (2 if args.quick else 3)
    args.report_max = (20 if args.quick else 100) if args.report_max is None else args.report_max
    args.startup_runs = (3 if args.quick else 11) if args.startup_runs is None else args.startup_runs
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    started = time.perf_counter()
    if args.startup_runs > 0:
        startup(args, results)
    for size in sizes:
        for family in args.families:
            organisations = args.organisations or (5 * size if args.quick else default_organisations(size, family))
            run_size(size, organisations, family, args, results)
    print()
    print(f"coalitions {coalitions.__version__}, Python {sys.version.split()[0]}, libyaml "
          f"{'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}, numpy/scipy {'yes' if np is not None else 'no'}, "
          f"networkx {'yes' if nx_bipartite is not None else 'no'}; median of {args.repeat} runs (start-up: "
          f"{args.startup_runs} process runs); peak MB = tracemalloc peak of Python allocations; "
          f"{time.perf_counter() - started:.0f}s in all")  # fmt: skip
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
