"""The ``coalitions`` command: ``app`` (the parser, validate, export, new, fmt and the exit codes) and ``read``
(report, show, timeline, diff). Imports every other room; nothing imports it.
"""

from __future__ import annotations

from .app import main

__all__ = ["main"]
