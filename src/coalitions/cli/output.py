"""What every command shares: exit codes, problems printed one a line, a refused corpus, and writing the output
(through the one write path, :func:`coalitions.files.atomic.write_output`)."""

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
    warnings = len(error.problems) - errors
    tail = f" and {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"{errors} error{'s' if errors != 1 else ''}{tail}; the corpus was not loaded", file=sys.stderr)
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
