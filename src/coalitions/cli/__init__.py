"""The ``coalitions`` command: the parser and :func:`main` (``app``), one module per command group (``read``:
report, show, timeline, diff; ``check``: validate; ``export``; ``edit``: new, fmt) and what they share (``output``).
Imports every other room; nothing imports it.
"""

from __future__ import annotations

from .app import main

__all__ = ["main"]
