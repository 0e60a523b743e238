"""What can still be checked in a file that did not read cleanly: its references, and what was skipped.

A record with a shape error (a misspelt field, a month name in a date) cannot become a model object, so the checks
across records (:mod:`coalitions.files.checks`) never see it. Its references can still be read from the located
plain values: :func:`references` walks a record's raw value along the model's types and returns every id it
cites (signers, members, parents, sources) that is written as text, so the loader reports an unknown id in the same
run as the shape error. The other checks need the whole record; :data:`SKIPPED` names them, so that the loader can
say how many were skipped in the file instead of staying silent.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

import attrs

from ..model import (
    Citation,
    DateClaim,
    Declaration,
    Membership,
    Organisation,
    Person,
    PrintedMember,
    Relation,
    Signature,
    Source,
)
from .parse import LocDict, LocList
from .reader import yaml_fields

__all__ = ["REFERENCE_FIELDS", "SKIPPED", "references", "skipped_note"]

#: Fields holding the id of another record, with what they may name (as the cross-record checks read them).
#: A citation's ``source`` names a source wherever a citation stands.
REFERENCE_FIELDS: dict[tuple[type, str], str] = {
    (Organisation, "parent"): "organisation",
    (Relation, "organisation"): "organisation",
    (Membership, "organisation"): "organisation",
    (Membership, "member"): "organisation|person",
    (Membership, "on_behalf_of"): "organisation|person",
    (Signature, "signer"): "organisation|person",
    (Signature, "on_behalf_of"): "organisation|person",
    (PrintedMember, "member"): "organisation|person",
    (DateClaim, "by"): "organisation|person",
}

#: The checks across records, besides references, that a record of each kind needs whole: what is skipped for a
#: record that did not read (one list per record; a file that did not parse skips its references too).
SKIPPED: dict[type, tuple[str, ...]] = {
    Organisation: ("duplicate ids", "duplicate names", "at least one source", "its own parent",
                   "dates within its lifetime"),
    Person: ("duplicate ids", "duplicate names", "at least one source"),
    Declaration: ("duplicate ids", "at least one source", "a signer or a printed name",
                  "printed members under an organisation", "disputes citing the other side",
                  "signing dates within lifetimes", "council cycles"),
    Membership: ("at least one source", "disputes citing the other side", "not a member of itself",
                 "end after start", "listed once", "dates within lifetimes", "council cycles"),
    Source: ("duplicate ids", "url", "file path"),
}  # fmt: skip


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """``(item type, is a tuple)`` of a field's type, without ``| None``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    if typing.get_origin(tp) is tuple:
        return next(a for a in typing.get_args(tp) if a is not Ellipsis), True
    return tp, False


_HINTS: dict[type, dict[str, Any]] = {}


def _walk(cls: type, value: Any, path: str) -> Iterator[tuple[str, str, str]]:
    if not isinstance(value, LocDict):
        return
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    for key, attribute in yaml_fields(cls):
        if key not in value:
            continue
        raw, field = value[key], _join(path, key)
        item, many = _unwrap(hints[attribute.name])
        if cls is Declaration and key == "date" and isinstance(raw, str):  # a date written alone: no claim
            continue
        items = [(raw, field)] if not many else \
            [(v, f"{field}[{i}]") for i, v in enumerate(raw)] if isinstance(raw, LocList) else []  # fmt: skip
        kinds = REFERENCE_FIELDS.get((cls, attribute.name))
        for one, where in items:
            if kinds is not None:
                if isinstance(one, str):
                    yield where, one, kinds
            elif item is Citation:
                source = one if isinstance(one, str) else one.get("source") if isinstance(one, LocDict) else None
                if isinstance(source, str):
                    yield f"{where}.source", source, "source"
            elif attrs.has(item):
                yield from _walk(item, one, where)


def references(cls: type, value: Any, path: str = "", implied: dict[str, str] | None = None) -> list[
        tuple[str, str, str]]:  # fmt: skip
    """``(field, id, kinds)`` for every reference written as text in the raw ``value`` of a record of ``cls``.

    ``field`` is the path the checks would report (``signatures[1].signer``, ``sources[0].source``), under
    ``path``; ``kinds`` is what the id may name (``organisation|person``, ``source``). ``implied`` holds fields
    the file gives outside the record (a membership's ``organisation``).

    >>> from coalitions.files import parse_yaml
    >>> raw = parse_yaml(b"kinds: statement\\nsignatures:\\n  - signer: NRF\\n    sources: [facts]\\n", "x.yaml")
    >>> references(Declaration, raw)
    [('signatures[0].sources[0].source', 'facts', 'source'), ('signatures[0].signer', 'NRF', 'organisation|person')]
    """
    found = list(_walk(cls, value, path))
    for key, text in (implied or {}).items():
        kinds = REFERENCE_FIELDS.get((cls, key))
        if kinds is not None:
            found.insert(0, (_join(path, key), text, kinds))
    return found


def skipped_note(count: int) -> str:
    """The message saying that ``count`` checks were skipped in a file that did not read cleanly."""
    return f"and {count} further check{'s were' if count != 1 else ' was'} skipped in this file, until its errors " \
        "are fixed"  # fmt: skip
