"""``coalitions new`` and ``coalitions fmt``: add a record to fill in, and rewrite files in canonical form."""

from __future__ import annotations

import argparse
import sys

from ..model import visible
from .output import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_problems

__all__ = ["register"]

#: Every option ``new`` takes, for one kind or another (``NEW_KINDS`` says which).
_NEW_OPTIONS = ("id", "title", "name", "kind", "date", "source", "place", "language", "founded", "headquarters",
                "organisation", "member", "role", "start", "end", "publisher", "author", "url")  # fmt: skip


def _ask(field: str) -> str:
    return input(f"{field}: ").strip()


def _cmd_new(args: argparse.Namespace) -> int:
    from ..files import NEW_KINDS, new_file

    _, required, optional = NEW_KINDS[args.what]
    allowed = {*required, *optional}
    extra = [k for k in _NEW_OPTIONS if getattr(args, k, None) is not None and k not in allowed]
    if extra:
        print(f"coalitions new {args.what}: {', '.join('--' + k for k in extra)} "
              f"{'is' if len(extra) == 1 else 'are'} not an option of a {args.what}; it takes "
              f"{', '.join('--' + k for k in (*required, *optional))}", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    fields = {k: getattr(args, k) for k in (*required, *optional) if getattr(args, k, None) is not None}
    missing = [k for k in required if k not in fields]
    if missing and not args.no_input and sys.stdin.isatty():
        fields.update({k: _ask(k) for k in missing})
        missing = [k for k in required if k not in fields]
    if missing:
        print(f"coalitions new {args.what}: missing {', '.join('--' + k for k in missing)}", file=sys.stderr)
        return EXIT_USAGE
    path = new_file(args.data, args.what, fields)
    verb = "wrote" if args.what not in ("source", "membership") else f"added the {args.what} to"
    print(f"{verb} {visible(str(path))}; check it with: coalitions validate {visible(str(args.data))}")
    return EXIT_OK


def _cmd_fmt(args: argparse.Namespace) -> int:
    from ..files import fmt_paths

    result = fmt_paths(args.paths or ["."], check=args.check)
    verb = "would reformat" if args.check else "reformatted"
    for path in result.changed:
        print(f"{verb} {visible(str(path))}")
    print_problems(result.problems, sys.stderr)
    count = len(result.checked)
    files = f"{count} file{'s' if count != 1 else ''}"
    if result.problems:
        problems = len(result.problems)
        print(f"{problems} problem{'s' if problems != 1 else ''}; those files were left as they are "
              f"({files} checked)", file=sys.stderr)  # fmt: skip
        return EXIT_DATA
    if not result.changed:
        print(f"all {files} are in canonical form" if count != 1 else "1 file, in canonical form")
    elif args.check:
        print(f"{len(result.changed)} of {files} would change; run: coalitions fmt", file=sys.stderr)
    return EXIT_DATA if (args.check and result.changed) else EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``new`` and ``fmt`` to the ``coalitions`` command."""
    new = subparsers.add_parser(
        "new",
        help="add a declaration, organisation, person, source or membership to fill in",
        description="Add a record to a corpus: a new YAML file with a comment explaining each field (declaration, "
        "organisation, person; never overwrites a file), or a new entry in sources.yaml (source) or in the "
        "organisation's memberships file (membership). The values are checked as coalitions validate checks "
        "them before anything is written. Missing fields are asked for when run in a terminal.",
        epilog="examples:\n"
        "  coalitions new source --data my-corpus --id report-2025 --title 'Annual report'  "
        "# my-corpus: an empty folder\n"
        "  coalitions new organisation --data my-corpus --id example-party --name 'Example Party' --kind party "
        "--source report-2025\n"
        "  coalitions new person --data my-corpus --id ada-example --name 'Ada Example' --source report-2025\n"
        "  coalitions new declaration --data my-corpus --id joint-statement-2025-03 --title 'Joint statement' "
        "--kind statement --date 2025-03 --source report-2025\n"
        "  coalitions new membership --data my-corpus --organisation example-party --member ada-example "
        "--source report-2025\n\n"
        "exit codes: 0 written, 1 bad value, not a corpus folder, or the file exists, 2 wrong usage or missing "
        "fields",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("what", choices=["declaration", "organisation", "person", "source", "membership"],
                     help="the kind of record to add")  # fmt: skip
    new.add_argument("--data", default=".", help="corpus folder (default: the current folder)")
    for name in _NEW_OPTIONS:
        new.add_argument(f"--{name}", help=f"the {name} field")
    new.add_argument("--no-input", action="store_true", help="never ask; fail when a field is missing")
    new.set_defaults(handler=_cmd_new)

    fmt = subparsers.add_parser(
        "fmt",
        help="rewrite YAML files in canonical form, keeping comments",
        description="Rewrite corpus files (key order, quoting, layout) in canonical form, keeping comments; "
        "each file is replaced atomically. Files with errors, and files that cannot be read or written, are "
        "reported and left alone; the others are formatted all the same.",
        epilog="examples:\n  coalitions fmt data\n  coalitions fmt --check data/declarations\n"
        "  coalitions fmt --check my-corpus/declarations/joint-statement-2025-03.yaml\n\n"
        "exit codes: 0 ok, 1 files with problems, nothing to check (or, with --check, files that would change), "
        "2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fmt.add_argument("paths", nargs="*", metavar="PATH",
                     help="corpus folders, folders of a corpus (data/declarations) or files (default: .)")  # fmt: skip
    fmt.add_argument("--check", action="store_true", help="report what would change; write nothing")
    fmt.set_defaults(handler=_cmd_fmt)
