"""What every command shares: exit codes, problems printed one a line, a refused corpus, and writing the output."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from ..model import InvalidCorpus, Problem, visible

__all__ = ["EXIT_DATA", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "print_problems", "refuse", "write_output"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    """Print problems one a line, ``file:line:column: field: message``, terminal-safe."""
    for problem in problems:
        print(visible(str(problem)), file=stream)


def refuse(error: InvalidCorpus) -> int:
    """Print every problem of a refused corpus and the count line; return the exit code for invalid data."""
    print_problems(error.problems, sys.stderr)
    errors = len(error.errors)
    warnings = sum(p.severity == "warning" for p in error.problems)  # notes are neither
    tail = f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"{errors} error{'s' if errors != 1 else ''}{tail}; the corpus was not loaded", file=sys.stderr)
    return EXIT_DATA


def write_output(data: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically, or to standard output."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    from ..files import write_atomic

    write_atomic(output, data)
