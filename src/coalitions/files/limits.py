"""The bounds on one input file, past which it is refused before or while it is parsed (``docs/limits.md``)."""

from __future__ import annotations

import attrs

__all__ = ["Limits"]


@attrs.frozen
class Limits:
    """Bounds on one input file; anything past them is refused before or while it is parsed.

    See ``docs/limits.md``. Pass ``Limits(max_file_bytes=...)`` to :func:`coalitions.load` to change them.
    """

    max_file_bytes: int = 1_000_000
    max_depth: int = 32
    max_items: int = 50_000
    max_string_length: int = 20_000
    max_files: int = 100_000
