"""Pausing the cyclic garbage collector around work that makes many objects and no reference cycles."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["gc_paused"]

_F = TypeVar("_F", bound=Callable[..., Any])


def gc_paused(function: _F) -> _F:
    """Pause the cyclic garbage collector while ``function`` runs (restored after, also on error).

    For work that makes many objects and no cycles (loading a corpus, building a report, the overlap kernel):
    the collector's passes over every live container then cost time and free nothing. Reference counting still
    frees everything as usual.
    """

    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused  # type: ignore[return-value]
