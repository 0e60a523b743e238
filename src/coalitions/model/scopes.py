"""Scopes: who counts as part of the movement being measured, and from when to when.

A corpus defines its scopes in ``corpus.yaml``. An organisation is in a scope on a date when an entry of the scope
says so for that date, or, with no entry for that date, when its kind is one the scope includes (by default, the
kinds the vocabulary marks ``in_scope``). Entries are claims like any other: dated, sourced, and they may say
``in: false`` (the Taliban are no part of the anti-Taliban opposition) or bound a party's time in the movement.
People count through the organisations they represent; a person who represents nobody is in a scope unless an
entry leaves them out.
"""

from __future__ import annotations

import attrs

from .dates import When
from .records import Citation

__all__ = ["Scope", "ScopeEntry"]


@attrs.frozen
class ScopeEntry:
    """A claim that ``member`` (an organisation or a person) is in the scope (``included``), or not, from
    ``start`` until ``end`` (the day it stopped; no dates: always)."""

    member: str
    sources: tuple[Citation, ...]
    included: bool = True
    start: When | None = None
    end: When | None = None
    note: str | None = None


@attrs.frozen
class Scope:
    """A named notion of who counts: the kinds of organisation it includes and its entries.

    ``kinds`` empty means the kinds the vocabulary marks ``in_scope``. ``default`` marks the scope every analysis
    uses unless told otherwise (a corpus has at most one).
    """

    id: str
    name: str
    default: bool = False
    kinds: tuple[str, ...] = ()
    entries: tuple[ScopeEntry, ...] = ()
    description: str | None = None
