"""How long the loader takes to refuse inputs built to hurt: the figures of docs/limits.md.

Each input replaces one file of the small valid corpus of the bad-input catalogue (``tests/bad_inputs/_base``);
the time is that of ``coalitions.load`` on the whole corpus, best of ``--repeat`` runs::

    python benchmarks/refusals.py             # every input, a table in milliseconds
    python benchmarks/refusals.py --repeat 5

Each input runs in its own interpreter, so one that crashed the parser would show as a crash, not end the run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parents[1] / "tests" / "bad_inputs" / "_base"
TARGET = "organisations/river-party.yaml"
RECORD = (BASE / TARGET).read_bytes()


def _bomb(levels: int) -> bytes:
    lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    lines += [b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10)) for i in range(1, levels)]
    return RECORD + b"".join(lines)


#: name -> (what it is, how to build it); a callable returning bytes, or None for the sparse 100 MB file.
INPUTS: dict[str, tuple[str, object]] = {
    "nesting-flow": ("25,000 levels of [ in 50 KB", lambda: RECORD + b"notes: " + b"[" * 25_000 + b"]" * 25_000),
    "nesting-flow-mapping": ("25,000 levels of {a: in 125 KB",
                             lambda: RECORD + b"notes: " + b"{a: " * 25_000 + b"x" + b"}" * 25_000),
    "nesting-block": ("25,000 levels of '- ' on one line, 50 KB",
                      lambda: RECORD + b"notes:\n  " + b"- " * 25_000 + b"x"),
    "nesting-hidden": ("25,000 levels of [ behind 30,000 quoted ]",
                       lambda: RECORD + b'n: "' + b"]" * 30_000 + b'"\nnotes: ' + b"[" * 25_000 + b"]" * 25_000),
    "nesting-indented": ("900 levels of indented '-', 800 KB",
                         lambda: RECORD + b"notes:\n" + b"".join(b" " * (2 * i) + b"-\n" for i in range(900))),
    "alias-bomb": ("billion laughs: 10 anchors of 10 aliases each (10^10 strings)", lambda: _bomb(10)),
    "file-100mb": ("a 100 MB file (sparse)", None),
    "string-10mb": ("one 10 MB string", lambda: RECORD + b"notes: " + b"x" * 10_000_000),
    "string-900kb": ("one 900 KB string (under the file limit)", lambda: RECORD + b"notes: " + b"x" * 900_000),
    "items-list": ("160,000 list items, 960 KB", lambda: RECORD + b"notes:\n" + b"  - a\n" * 160_000),
    "items-flow": ("450,000 flow items on one line, 900 KB", lambda: RECORD + b"notes: [" + b"a," * 450_000 + b"a]"),
    "keys": ("100,000 keys, 990 KB", lambda: RECORD + b"".join(b"k%d: v\n" % i for i in range(100_000))),
    "duplicate-keys": ("120,000 duplicate keys", lambda: RECORD + b"name: x\n" * 120_000),
    "invisible-flood": ("330,000 zero-width joiners", lambda: RECORD + b"notes: " + "\u200d".encode() * 330_000),
    "control-flood": ("900,000 NUL bytes", lambda: RECORD + b"notes: " + b"\x00" * 900_000),
    "latin1-flood": ("900,000 Latin-1 bytes", lambda: RECORD + b"notes: " + b"\xe9" * 900_000),
    "long-key": ("a 900 KB key without a colon", lambda: RECORD + b"k" * 900_000 + b"\n"),
}


def measure(name: str, repeat: int) -> tuple[float, str]:
    """Best time in ms of loading the corpus with input ``name``, and the first problem reported."""
    import coalitions

    build = INPUTS[name][1]
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(BASE, corpus)
        if build is None:
            with open(corpus / TARGET, "wb") as handle:
                handle.truncate(100_000_000)
        else:
            (corpus / TARGET).write_bytes(build())  # type: ignore[operator]
        best, first = float("inf"), ""
        for _ in range(repeat):
            started = time.perf_counter()
            try:
                coalitions.load(corpus)
                first = "LOADED"
            except coalitions.InvalidCorpus as error:
                first = str(error.problems[0]).replace(str(corpus) + "/", "")
            best = min(best, time.perf_counter() - started)
    return best * 1000, first


def main(argv: list[str] | None = None) -> int:
    """Measure every input, each in a child interpreter; print a Markdown table; exit 1 on a crash or a load."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per input; the best is kept (default 3)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    failed = False
    print("| input | refused in (ms) | first message |\n| --- | ---: | --- |")
    for name, (what, _) in INPUTS.items():
        child = subprocess.run([sys.executable, __file__, "--one", name, "--repeat", str(args.repeat)],
                               capture_output=True, text=True)  # fmt: skip
        if child.returncode != 0:
            failed = True
            print(f"| {what} | CRASHED (exit {child.returncode}) | {child.stderr.strip()[-200:]} |")
            continue
        ms, first = json.loads(child.stdout)
        failed |= first == "LOADED"
        print(f"| {what} | {ms:,.1f} | `{first[:150]}` |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
