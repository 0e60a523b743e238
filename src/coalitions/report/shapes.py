"""The small views as plain data for scripts: what ``show``, ``timeline`` and ``diff`` write with ``--format json``.

Each function returns JSON-ready data with a ``version`` field (:data:`~coalitions.report.lookup.OUTPUT_VERSION`),
described by a JSON Schema in ``coalitions/schemas/`` (``show.output.schema.json``, ...). A record's own fields are
given as its YAML file writes them (:func:`coalitions.files.to_data`), so what a script reads is what a person
edits; ids come with a ``names`` map from each id mentioned to its display name. Also here: every claim citing a
source (:func:`claims_citing`), which ``show SOURCE`` lists.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..files import to_data, yaml_fields
from ..model import Citation, CoalitionsError, Corpus, Declaration, Membership, Organisation, Person, When
from .lookup import OUTPUT_VERSION

__all__ = ["claims_citing", "diff_data", "diff_readings", "show_data", "timeline_data"]


def _type(record: object) -> str:
    return type(record).__name__.lower()


def _walk(value: Any, path: str) -> Iterator[tuple[str, Citation]]:
    """``(field path, citation)`` of every citation in ``value``, with the field paths of the YAML files."""
    if isinstance(value, Citation):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    elif attrs.has(type(value)):
        for key, attribute in yaml_fields(type(value)):
            yield from _walk(getattr(value, attribute.name), f"{path}.{key}" if path else key)


def claims_citing(corpus: Corpus, source_id: str) -> list[dict[str, Any]]:
    """Every claim that cites the source ``source_id``: the record (its type and id; for a membership, the
    organisation and the member), the field path of the citation in the record's file (``signatures[2].sources[0]``),
    its quote and confidence, and whether it cites the source against the claim (in ``contradicted_by``)."""
    claims = []
    records: Iterable[Any] = (*corpus.organisations, *corpus.people, *corpus.memberships, *corpus.declarations)
    for record in records:
        for field, citation in _walk(record, ""):
            if citation.source != source_id:
                continue
            claim = {"type": _type(record), "record": record.organisation if isinstance(record, Membership)
                     else record.id}  # fmt: skip
            if isinstance(record, Membership):
                claim["member"] = record.member
            claim.update({"field": field, "quote": citation.quote,
                          "confidence": citation.confidence.value if citation.confidence else None,
                          "against": "contradicted_by[" in field})  # fmt: skip
            claims.append(claim)
    return claims


def _membership(corpus: Corpus, m: Membership) -> dict[str, Any]:
    return {"organisation": m.organisation, **to_data(m)}


def _names(corpus: Corpus, ids: Iterable[str | None]) -> dict[str, str]:
    return {i: corpus.name_of(i) for i in sorted({i for i in ids if i}) if i in corpus}


def show_data(corpus: Corpus, key: str) -> dict[str, Any]:
    """Everything known about the record with id, name or alias ``key``, as data: the record's fields, and what
    relates to it (memberships, members, declarations signed; for a source, every claim citing it)."""
    record = corpus.get(key)
    data: dict[str, Any] = {"version": OUTPUT_VERSION, "type": _type(record), "id": record.id,
                            "name": corpus.name_of(record.id), "record": to_data(record)}  # fmt: skip
    mentioned: list[str | None] = []
    if isinstance(record, (Organisation, Person)):
        data["member_of"] = [_membership(corpus, m) for m in corpus.memberships_of(record.id)]
        data["members"] = [_membership(corpus, m) for m in corpus.members_of(record.id)]
        data["signed"] = [{"declaration": d.id, "date": [str(c.date) for c in d.dates], "index": i,
                           **to_data(d.signatures[i])} for d, i in corpus.signatures_of(record.id)]  # fmt: skip
        mentioned += [m["organisation"] for m in data["member_of"]] + [m["member"] for m in data["members"]]
        mentioned += [s["declaration"] for s in data["signed"]]
        mentioned += [r.organisation for r in getattr(record, "relations", ())]
    elif isinstance(record, Declaration):
        for signature in record.signatures:
            mentioned += [signature.signer, signature.on_behalf_of, *(p.member for p in signature.printed_members)]
    else:
        data["claims"] = claims_citing(corpus, record.id)
        mentioned += [c["record"] for c in data["claims"]] + [c.get("member") for c in data["claims"]]
    data["names"] = _names(corpus, [*mentioned, *(c.source for _, c in _walk(record, ""))])
    return data


def timeline_data(corpus: Corpus, key: str) -> dict[str, Any]:
    """What the organisation or person ``key`` did, in date order, as data: each event's date as written with the
    earliest and latest day it may stand for (None when undated), its kind, the other record, status and sources."""
    from ..analysis import timeline

    record = corpus.get(key)
    if not isinstance(record, (Organisation, Person)):
        raise CoalitionsError(f"{key!r} is a {_type(record)}; a timeline is of an organisation or a person (try: "
                              "coalitions show)")  # fmt: skip
    events = [{"date": e.date_text if e.when is not None else None,
               "earliest": e.when.earliest.isoformat() if e.when is not None else None,
               "latest": e.when.latest.isoformat() if e.when is not None else None,
               "kind": e.kind, "with": e.object, "label": e.label, "status": e.status.value,
               "sources": list(dict.fromkeys(c.source for c in e.sources))}
              for e in timeline(corpus, record.id)]  # fmt: skip
    return {"version": OUTPUT_VERSION, "type": _type(record), "id": record.id, "name": record.name,
            "events": events, "names": _names(corpus, [e["with"] for e in events])}  # fmt: skip


def diff_readings(corpus: Corpus, a: str, b: str | None, *, at: Sequence[When] = (), expand: bool = False) -> tuple[
        tuple[dict[str, Any], dict[str, Any]], dict[str, Any]]:  # fmt: skip
    """The two sides of a diff (id, type, date or None) and the overlap under each reading of the disputed claims
    (``disputed_in``: counted as holding, what the text shows; ``disputed_out``: left out)."""
    from ..analysis import Overlap, compare

    first = corpus.get(a)
    second = corpus.get(b) if b is not None else first
    if at:
        on_a, on_b = at[0], at[1]
    elif isinstance(first, Declaration) and isinstance(second, Declaration):
        on_a = on_b = None
    elif isinstance(first, Declaration) or isinstance(second, Declaration):  # a council on the declaration's day
        day = (first if isinstance(first, Declaration) else second).date  # type: ignore[union-attr]
        on_a, on_b = (None, day) if isinstance(first, Declaration) else (day, None)
    else:
        on_a = on_b = When.of(datetime.date.today().isoformat())
    readings = {}
    for name, disputed in (("disputed_in", "in"), ("disputed_out", "out")):
        if on_a is None and on_b is not None:  # compare's at_b defaults to at_a: take the council side first
            flipped = compare(corpus, second.id, first.id, expand=expand, at_a=on_b, at_b=None, disputed=disputed)
            result = Overlap(flipped.shared, flipped.only_b, flipped.only_a, flipped.jaccard,
                             flipped.overlap_coefficient)  # fmt: skip
        else:
            result = compare(corpus, first.id, second.id, expand=expand, at_a=on_a, at_b=on_b, disputed=disputed)
        readings[name] = {"shared": sorted(result.shared), "only_a": sorted(result.only_a),
                          "only_b": sorted(result.only_b), "jaccard": result.jaccard,
                          "overlap_coefficient": result.overlap_coefficient}  # fmt: skip
    sides = tuple({"id": r.id, "type": _type(r), "at": str(on) if on is not None else None}
                  for r, on in ((first, on_a), (second, on_b)))  # fmt: skip
    return (sides[0], sides[1]), readings


def diff_data(corpus: Corpus, a: str, b: str | None, *, at: Sequence[When] = (), expand: bool = False) -> dict[
        str, Any]:  # fmt: skip
    """Two declarations or councils side by side (or one council at the two dates ``at``, or a declaration and a
    council on the declaration's date), as data: the sides, and the shared and only-in sets with Jaccard and the
    overlap coefficient under each reading of the disputed claims."""
    (side_a, side_b), readings = diff_readings(corpus, a, b, at=at, expand=expand)
    ids = [i for r in readings.values() for k in ("shared", "only_a", "only_b") for i in r[k]]
    return {"version": OUTPUT_VERSION, "a": side_a, "b": side_b, "expand": expand, "readings": readings,
            "names": _names(corpus, [side_a["id"], side_b["id"], *ids])}  # fmt: skip
