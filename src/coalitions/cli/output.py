"""What every command shares: exit codes, problems printed one a line, a refused corpus, and writing the output
(through the one write path, :func:`coalitions.files.atomic.write_output`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from ..model import InvalidCorpus, Problem, visible

__all__ = ["EXIT_DATA", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "MAX_PER_FILE", "MAX_PRINTED", "print_problems", "refuse",
           "write_output"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


#: At most this many problems of one file, and this many in all, are printed unless every one is asked for
#: (``validate --all``); the exception and the JSON output always keep every one.
MAX_PER_FILE, MAX_PRINTED = 50, 200
_ALL_HINT = "; see every one with: coalitions validate --all"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def print_problems(problems: Sequence[Problem], stream: TextIO, *, everything: bool = False,
                   hint: str = _ALL_HINT) -> int:  # fmt: skip
    """Print problems one a line, ``file:line:column: field: message``, terminal-safe: the first
    :data:`MAX_PER_FILE` of each file and :data:`MAX_PRINTED` in all (every one with ``everything``), then one line
    counting the rest. Return how many were not printed."""
    printed, hidden = 0, 0
    per_file: dict[str, int] = {}
    for problem in problems:
        if not everything and (printed >= MAX_PRINTED or per_file.get(problem.file, 0) >= MAX_PER_FILE):
            hidden += 1
            continue
        per_file[problem.file] = per_file.get(problem.file, 0) + 1
        printed += 1
        print(visible(str(problem)), file=stream)
    if hidden:
        print(f"... and {hidden:,} more not shown (at most {MAX_PER_FILE} of a file and {MAX_PRINTED} in all are "
              f"printed){hint}", file=stream)  # fmt: skip
    return hidden


def refuse(error: InvalidCorpus, *, everything: bool = False, quiet: bool = False, hint: str = _ALL_HINT) -> int:
    """Print the problems of a refused corpus (capped as :func:`print_problems` caps them, and without the warnings
    when ``quiet``) and the count line; return the exit code for invalid data."""
    errors = len(error.errors)
    warnings = sum(p.severity == "warning" for p in error.problems)  # notes are neither errors nor warnings
    shown = [p for p in error.problems if p.severity != "warning"] if quiet else error.problems
    print_problems(shown, sys.stderr, everything=everything, hint=hint)
    tail = f" and {_plural(warnings, 'warning')}{' (not shown: --quiet)' if quiet else ''}" if warnings else ""
    print(f"{_plural(errors, 'error')}{tail}; the corpus was not loaded", file=sys.stderr)
    return EXIT_DATA


def write_output(data: str | bytes, output: str | None) -> None:
    """Write a command's output to ``output`` (a file, replaced atomically; ``-``, a pipe or a device, written
    directly; see :func:`coalitions.files.atomic.write_output`), or to standard output; say which file was written.

    A failure raises :class:`~coalitions.files.atomic.CannotWrite` (``cannot write PATH: reason``, exit 1).
    """
    from ..files import remove_stale, write_output as write

    written = write(output, data)
    if written is not None:
        print(f"wrote {visible(str(output))}", file=sys.stderr)
        if written.is_file():
            remove_stale(written.parent)
