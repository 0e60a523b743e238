"""The grammar every command shares: the corpus (``--data``), the format and ``--output``, and wrong usage.

- A corpus is given with ``--data PATH``, repeatable (several folders are read as one corpus), and ``--bundled``
  adds the bundled corpus (your own data beside ours). Without either, a
  command reads the corpus in the current folder when the current folder is one, else the corpus in ``./data``
  (a clone of this repository, or a project laid out the same way), else the bundled corpus, and says which on
  standard error.
- The format is ``--format``; without it, it follows the extension of ``--output`` (``report.html`` is HTML), and a
  format that contradicts the extension is refused. ``--output -`` writes to standard output.
- Wrong usage exits 2 with one line starting ``coalitions:``: an unknown command or option gets "did you mean",
  and an option that does nothing in the chosen format is refused rather than ignored.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ..model import CoalitionsError

__all__ = ["EXTENSIONS", "Parser", "UsageError", "add_corpus", "add_output", "corpus_paths", "did_you_mean", "emit",
           "load_corpus", "output_format", "refuse_unknown"]  # fmt: skip

#: The format each file extension stands for.
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
              ".htm": "html", ".json": "json", ".csv": "csv", ".graphml": "graphml", ".gexf": "gexf",
              ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite"}  # fmt: skip
#: Formats written to a file of another format's extension (Popolo is JSON).
_ALSO = {"popolo": (".json",)}


class UsageError(CoalitionsError):
    """The command was used wrongly (found after parsing): exit code 2."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the choices close to ``word``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=2, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``coalitions: ...``), "did you mean" and exit code 2."""

    def error(self, message: str) -> NoReturn:
        import re

        command = self.prog.removeprefix("coalitions").strip()
        choice = re.match(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)$", message)
        if choice:
            name, value, listed = choice.groups()
            choices = [c.strip().strip("'") for c in listed.split(",")]
            if name == "COMMAND":
                message = f"unknown command {value!r}{did_you_mean(value, choices)}"
            else:  # a positional's name is left out: it may be the program's own, not the user's word
                shown = f"{name}: " if name.startswith("-") else ""
                message = f"{shown}{value!r} is not one of {', '.join(choices)}{did_you_mean(value, choices)}"
        else:
            message = re.sub(r"^the following arguments are required: ", "missing ", message)
            message = re.sub(r"^argument (\S+?)(/\S+)?: ", r"\1: ", message)
        where = f"{command}: " if command else ""
        self.exit(2, f"coalitions: {where}{message} (see '{self.prog} --help')\n")


def refuse_unknown(parser: argparse.ArgumentParser, extras: Sequence[str]) -> None:
    """Refuse what the parser did not recognise (an option with "did you mean" from the command's own options)."""
    if not extras:
        return
    first = extras[0]
    if first.startswith("-") and first != "-":
        options = [s for action in parser._actions for s in action.option_strings if s not in ("-h", "--help")]
        parser.error(f"unknown option {first!r}{did_you_mean(first.split('=', 1)[0], options)}")
    parser.error(f"unexpected argument {first!r}")


# -- the corpus --------------------------------------------------------------------------------------------------


def add_corpus(parser: argparse.ArgumentParser) -> None:
    """``--data PATH``, repeatable, and ``--bundled``."""
    parser.add_argument("--data", action="append", metavar="PATH",
                        help="corpus folder; give it twice to read two folders as one corpus (default: the corpus "
                             "in the current folder, else in ./data, else the bundled data)")  # fmt: skip
    parser.add_argument("--bundled", action="store_true",
                        help="read the bundled corpus too, beside the --data folders (your own data beside ours)")


def corpus_paths(args: argparse.Namespace, *, quiet: bool = False) -> list[Path]:
    """The folders the command reads: ``--data`` (or the older positional ``PATH``), else the rule above.

    Without ``--data``, one line on standard error says which corpus is read (unless ``quiet``).
    """
    given = [Path(p) for p in getattr(args, "data", None) or []]
    legacy = getattr(args, "path", None)
    if legacy is not None:
        if given:
            raise UsageError(f"give the corpus once: --data {given[0]} or the older form PATH ({legacy}), not both")
        given = [Path(legacy)]
    if getattr(args, "bundled", False):
        from ..files import bundled_data_path

        return [bundled_data_path(), *given]
    if given:
        return given
    from ..files import is_corpus

    for folder, label in ((Path("."), "the corpus in the current folder"), (Path("data"), "the corpus in data/")):
        if is_corpus(folder):
            if not quiet:
                print(f"coalitions: reading {label} (no --data given)", file=sys.stderr)
            return [folder]
    from ..files import bundled_data_path

    if not quiet:
        print("coalitions: reading the bundled corpus (no --data given, and no corpus in the current folder or in "
              "data/)", file=sys.stderr)  # fmt: skip
    return [bundled_data_path()]


def load_corpus(args: argparse.Namespace, *, quiet: bool = False) -> Any:
    """The corpus the command reads (see :func:`corpus_paths`)."""
    from ..files import load

    paths = corpus_paths(args, quiet=quiet)
    return load(paths[0] if len(paths) == 1 else paths)


# -- the format and the output -----------------------------------------------------------------------------------


def add_output(parser: argparse.ArgumentParser, formats: Sequence[str], default: str | None) -> None:
    """``--format`` (one of ``formats``) and ``-o``/``--output``."""
    shown = f"default: {default}, or the extension of --output" if default else "default: the extension of --output"
    parser.add_argument("--format", choices=formats, help=f"output format ({shown})")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (atomically) instead of standard output; - is standard output")


def output_format(args: argparse.Namespace, formats: Sequence[str], default: str | None) -> str:
    """The format to write: ``--format``, else the extension of ``--output``, else ``default``.

    Raises :class:`UsageError` when ``--format`` contradicts the extension, or no format can be told.
    """
    output = None if args.output in (None, "-") else str(args.output)
    suffix = Path(output).suffix.lower() if output else ""
    implied = EXTENSIONS.get(suffix)
    if args.format is not None:
        if implied is not None and implied != args.format and suffix not in _ALSO.get(args.format, ()):
            raise UsageError(f"--format {args.format} does not match {output} (a {suffix} file is {implied}); "
                             f"change the extension or the format")  # fmt: skip
        return str(args.format)
    if implied in formats:
        return implied
    if output and suffix:
        raise UsageError(f"cannot tell the format from {output}: give --format ({', '.join(formats)})")
    if default is None:
        raise UsageError(f"give --format ({', '.join(formats)}), or an --output file with its extension")
    return default


def emit(data: str | bytes, output: str | None) -> None:
    """Write ``data`` to ``output`` through the one write path (:func:`coalitions.cli.output.write_output`: a file
    replaced atomically, ``-``, a pipe or a device written directly), or to standard output, and say what was
    written."""
    from .output import write_output

    write_output(data, output)
    sys.stdout.flush()
