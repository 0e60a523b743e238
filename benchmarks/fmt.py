"""How long ``coalitions fmt`` takes on large files, against ``validate`` on the same file: the figures of
docs/limits.md ("The formatter").

Each input replaces one file of the small valid corpus of the bad-input catalogue (``tests/bad_inputs/_base``). The
times, best of ``--repeat`` runs, are those of ``fmt --check`` on that file (read, parse, records, canonical text
with every comment placed, read back) and of ``coalitions.load`` on the whole corpus without the cache (what
``validate`` does)::

    python benchmarks/fmt.py              # every input, a table in milliseconds and the ratio fmt / validate
    python benchmarks/fmt.py --repeat 5
    python benchmarks/fmt.py --only comments-240kb

``fmt`` is linear in the size of the file, so the ratio stays about the same from the smallest input to one near
``Limits.max_file_bytes``; before it was (a comment compared with every node) 57 s for the 240 KB file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BASE = Path(__file__).resolve().parents[1] / "tests" / "bad_inputs" / "_base"
HEAD = b"id: river-party\nname: River Party\nkind: party\nsources: [report]\n"


def _commented(size: int) -> bytes:
    """An organisation whose abbreviations are short items, each under a comment line and with an end comment."""
    lines, i = [HEAD, b"abbreviations:\n"], 0
    total = sum(map(len, lines))
    while total < size:
        line = b"  # item %d\n  - A%d  # c\n" % (i, i)
        lines.append(line)
        total += len(line)
        i += 1
    return b"".join(lines)


def _ordinary(size: int) -> bytes:
    """A declaration as the bundled ones are written: many signatures with quotes, a few comments."""
    lines = [b'id: founding-charter\ntitle: "Founding charter"\nkind: founding-charter\ndate: 2020-05-01\n'
             b"signatures:\n"]  # fmt: skip
    total, i = len(lines[0]), 0
    while total < size - 200:
        entry = (b"  - signer: river-party\n    as_printed: \"River Party, signature %d\"\n    role: signatory\n"
                 b"    sources:\n      - source: report\n        quote: \"the River Party signed, as printed on "
                 b"page %d of the report, in the list of the parties that met at the conference and agreed on the "
                 b"text of the charter, which the report reproduces in full\"\n" % (i, i))  # fmt: skip
        if i % 50 == 0:
            entry = b"  # the signatures of page %d\n" % i + entry
        lines.append(entry)
        total += len(entry)
        i += 1
    lines.append(b"sources: [report]\n")
    return b"".join(lines)


#: name -> (what it is, the file of the corpus it replaces, how to build it).
INPUTS: dict[str, tuple[str, str, Callable[[], bytes]]] = {
    "comments-60kb": ("short items with comments, 60 KB", "organisations/river-party.yaml",
                      lambda: _commented(60_000)),
    "comments-240kb": ("short items with comments, 240 KB (the issue's case: 57 s before)",
                       "organisations/river-party.yaml", lambda: _commented(240_000)),
    "comments-950kb": ("short items with comments, 950 KB (near the size limit)", "organisations/river-party.yaml",
                       lambda: _commented(950_000)),
    "ordinary-747kb": ("an ordinary declaration, 747 KB (43 s before)", "declarations/founding-charter.yaml",
                       lambda: _ordinary(747_000)),
    "ordinary-990kb": ("an ordinary declaration, 990 KB (near the size limit)", "declarations/founding-charter.yaml",
                       lambda: _ordinary(990_000)),
}


def measure(name: str, repeat: int) -> tuple[float, float, int]:
    """Best times in ms of ``fmt --check`` on the input's file and of loading the corpus, and the file's size."""
    import coalitions
    from coalitions.files import fmt_paths

    _, target, build = INPUTS[name]
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(BASE, corpus)
        data = build()
        (corpus / target).write_bytes(data)
        best_fmt = best_load = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            result = fmt_paths([corpus / target], check=True)
            best_fmt = min(best_fmt, time.perf_counter() - started)
            assert not result.problems, result.problems[:3]
            started = time.perf_counter()
            coalitions.load(corpus, cache=False)
            best_load = min(best_load, time.perf_counter() - started)
    return best_fmt * 1000, best_load * 1000, len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (the best is kept); default 3")
    parser.add_argument("--only", action="append", choices=sorted(INPUTS), help="this input only (repeatable)")
    args = parser.parse_args(argv)
    print(f"{'input':<16} {'bytes':>9} {'fmt (ms)':>9} {'validate (ms)':>14} {'ratio':>6}  what")
    for name in args.only or INPUTS:
        fmt_ms, load_ms, size = measure(name, args.repeat)
        print(f"{name:<16} {size:>9,} {fmt_ms:>9.0f} {load_ms:>14.0f} {fmt_ms / load_ms:>6.1f}  {INPUTS[name][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
