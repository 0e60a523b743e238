"""The small views as plain data for scripts: what ``show``, ``timeline`` and ``diff`` write with ``--format json``.

Each function returns JSON-ready data with a ``version`` field (:data:`SHOW_VERSION`, :data:`TIMELINE_VERSION`,
:data:`DIFF_VERSION`), described by a JSON Schema in ``coalitions/schemas/`` (``show.output.schema.json``, ...). A record's own fields are
given as its YAML file writes them (:func:`coalitions.files.to_data`), so what a script reads is what a person
edits; ids come with a ``names`` map from each id mentioned to its display name. Who represented whom is named
(``represented_in``, ``counted``, ``for``, ``by``), and a figure that readings of the uncertain claims move is a range
with ``low``, ``high``, ``exact``, ``partial`` and the claims that move it. Also here: every claim citing a source
(:func:`claims_citing`), which ``show SOURCE`` lists.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..files import to_data, yaml_fields
from ..model import Citation, CoalitionsError, Corpus, Declaration, Membership, Organisation, Person, When

__all__ = ["DIFF_VERSION", "SHOW_VERSION", "TIMELINE_VERSION", "claims_citing", "diff_data", "diff_readings",
           "range_data", "represented_in", "show_data", "timeline_data"]  # fmt: skip

#: Versions of the shapes (bumped when a key is renamed or removed, or changes meaning). 2: who represented whom;
#: diff's figures as ranges over the readings of the uncertain claims; a council diff without dates on the last day
#: the corpus covers.
SHOW_VERSION = TIMELINE_VERSION = DIFF_VERSION = 2


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


def represented_in(corpus: Corpus, record_id: str) -> tuple[tuple[Declaration, int], ...]:
    """``(declaration, index)`` of every signature made on behalf of ``record_id`` by someone else, in date order."""
    return tuple((d, i) for d in corpus.declarations for i, s in enumerate(d.signatures)
                 if s.on_behalf_of == record_id and s.signer != record_id)  # fmt: skip


def counted_data(corpus: Corpus, declaration: Declaration) -> dict[str, Any]:
    """Who a declaration counts (the analysis's :func:`~coalitions.analysis.signatories` in the corpus's default
    scope: organisations with who represented them, then people in their own name and individuals), and whether its
    lists are complete, partial or unknown."""
    from ..analysis import choose_scope, scope_label, signatories, who_counts

    chosen = choose_scope(corpus, None)
    scope = chosen.id if chosen is not None else "all"
    counted, = who_counts(corpus, [declaration.id])
    return {
        "scope": scope_label(chosen),
        "lists": {"organisations": str(counted.status), "people": str(counted.people_status)},
        "counted": [{"id": s.signer, "kind": s.kind, "status": str(s.status), "represented_by": list(s.represented_by)}
                    for s in signatories(corpus, declaration.id, scope=scope)],
    }  # fmt: skip


def show_data(corpus: Corpus, key: str) -> dict[str, Any]:
    """Everything known about the record with id, name or alias ``key``, as data: the record's fields, and what
    relates to it (memberships, members, declarations signed and those it was represented in; for a declaration,
    who it counts and who represented them; for a source, every claim citing it)."""
    record = corpus.get(key)
    data: dict[str, Any] = {"version": SHOW_VERSION, "type": _type(record), "id": record.id,
                            "name": corpus.name_of(record.id), "record": to_data(record)}  # fmt: skip
    mentioned: list[str | None] = []
    if isinstance(record, (Organisation, Person)):
        data["member_of"] = [_membership(corpus, m) for m in corpus.memberships_of(record.id)]
        data["members"] = [_membership(corpus, m) for m in corpus.members_of(record.id)]
        data["signed"] = [{"declaration": d.id, "date": [str(c.date) for c in d.dates], "index": i,
                           **to_data(d.signatures[i])} for d, i in corpus.signatures_of(record.id)]  # fmt: skip
        data["represented_in"] = [{"declaration": d.id, "date": [str(c.date) for c in d.dates], "index": i,
                                   "by": d.signatures[i].signer, "as_printed": d.signatures[i].as_printed,
                                   "role": str(d.signatures[i].role), "status": str(d.signatures[i].status)}
                                  for d, i in represented_in(corpus, record.id)]  # fmt: skip
        mentioned += [m["organisation"] for m in data["member_of"]] + [m["member"] for m in data["members"]]
        mentioned += [s["declaration"] for s in data["signed"]] + [s.get("on_behalf_of") for s in data["signed"]]
        mentioned += [s["declaration"] for s in data["represented_in"]] + [s["by"] for s in data["represented_in"]]
        mentioned += [r.organisation for r in getattr(record, "relations", ())]
    elif isinstance(record, Declaration):
        data.update(counted_data(corpus, record))
        for signature in record.signatures:
            mentioned += [signature.signer, signature.on_behalf_of, *(p.member for p in signature.printed_members)]
        for item in data["counted"]:
            mentioned += [item["id"], *item["represented_by"]]
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
               "kind": e.kind, "with": e.object, "label": e.label, "status": str(e.status),
               "sources": list(dict.fromkeys(c.source for c in e.sources)), **who}
              for e, who in timeline_events(corpus, record.id)]  # fmt: skip
    return {"version": TIMELINE_VERSION, "type": _type(record), "id": record.id, "name": record.name,
            "events": events, "names": _names(corpus, [i for e in events for i in (e["with"], e.get("for"),
                                                                                   e.get("by"))])}  # fmt: skip


def timeline_events(corpus: Corpus, record_id: str) -> list[tuple[Any, dict[str, Any]]]:
    """The analysis's :func:`~coalitions.analysis.timeline` of ``record_id``, each event with who it was for (a
    signature made on behalf of an organisation: ``for``), and the declarations where someone else signed or
    attended on its behalf (kind ``represented``, with ``by``), in date order."""
    from ..analysis import Event, timeline

    found: list[tuple[Any, dict[str, Any]]] = []
    for event in timeline(corpus, record_id):
        who: dict[str, Any] = {}
        if event.object is not None and event.object in corpus and isinstance(corpus.get(event.object), Declaration):
            mine = [s for s in corpus.declaration(event.object).signatures if s.signer == record_id and s.on_behalf_of]
            if mine:
                who["for"] = mine[0].on_behalf_of
        found.append((event, who))
    for d, i in represented_in(corpus, record_id):
        signature = d.signatures[i]
        by = signature.signer or signature.as_printed or "?"
        label = f"{corpus.name_of(by)} ({signature.role}) for {corpus.name_of(record_id)}: {d.title}"
        found.append((Event(d.date, "represented", record_id, d.id, label, signature.status, signature.sources),
                      {"by": by}))  # fmt: skip
    return sorted(found, key=lambda pair: pair[0].sort_key)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


def range_data(corpus: Corpus, value: Any) -> dict[str, Any]:
    """A :class:`~coalitions.analysis.Range` as data: its text (``0.5 to 1 (not exact)``), ``low`` and ``high``
    (null when undefined), ``exact``, ``partial`` and the claims that move it, named for a reader."""
    from ..analysis import describe_claim

    from .document import range_text

    return {"text": range_text(value), "low": _number(value.low), "high": _number(value.high), "exact": value.exact,
            "partial": value.partial, "movers": [describe_claim(corpus, c) for c in value.movers]}  # fmt: skip


def diff_readings(corpus: Corpus, a: str, b: str | None, *, at: Sequence[When] = (), expand: bool = False) -> tuple[
        tuple[dict[str, Any], dict[str, Any]], dict[str, Any]]:  # fmt: skip
    """The two sides of a diff (id, type, date or None), the overlap under each reading of the uncertain claims
    (``disputed_in``: counted as holding, what the text shows; ``disputed_out``: left out), and, under ``ranges``,
    each figure over every reading, with the list status of each side (``lists``). Two councils without dates are
    taken on the last day the corpus covers, never today."""
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
        if corpus.last_day is None:
            raise CoalitionsError("the corpus gives no date to take the councils' members at: give --at twice")
        on_a = on_b = When.of(corpus.last_day.isoformat())
    readings: dict[str, Any] = {}
    found = None
    for name, disputed in (("disputed_in", "in"), ("disputed_out", "out")):
        if on_a is None and on_b is not None:  # compare's at_b defaults to at_a: take the council side first
            flipped = compare(corpus, second.id, first.id, expand=expand, at_a=on_b, at_b=None, disputed=disputed)
            result = Overlap(flipped.shared, flipped.only_b, flipped.only_a, flipped.jaccard,
                             flipped.overlap_coefficient, flipped.shared_range, flipped.jaccard_range,
                             flipped.coefficient_range, flipped.statuses[::-1])  # fmt: skip
        else:
            result = compare(corpus, first.id, second.id, expand=expand, at_a=on_a, at_b=on_b, disputed=disputed)
        found = found or result
        readings[name] = {"shared": sorted(result.shared), "only_a": sorted(result.only_a),
                          "only_b": sorted(result.only_b), "jaccard": _number(result.jaccard),
                          "overlap_coefficient": _number(result.overlap_coefficient)}  # fmt: skip
    assert found is not None
    readings["ranges"] = {"shared": range_data(corpus, found.shared_range),
                          "jaccard": range_data(corpus, found.jaccard_range),
                          "overlap_coefficient": range_data(corpus, found.coefficient_range)}  # fmt: skip
    readings["lists"] = {"a": str(found.statuses[0]), "b": str(found.statuses[1])}
    sides = tuple({"id": r.id, "type": _type(r), "at": str(on) if on is not None else None}
                  for r, on in ((first, on_a), (second, on_b)))  # fmt: skip
    return (sides[0], sides[1]), readings


def diff_data(corpus: Corpus, a: str, b: str | None, *, at: Sequence[When] = (), expand: bool = False) -> dict[
        str, Any]:  # fmt: skip
    """Two declarations or councils side by side (or one council at the two dates ``at``, or a declaration and a
    council on the declaration's date), as data: the sides, the scope counted and each side's list status, the
    shared and only-in sets with Jaccard and the overlap coefficient under each reading of the uncertain claims,
    and each figure as a range over every reading (``ranges``)."""
    from ..analysis import choose_scope, scope_label

    (side_a, side_b), found = diff_readings(corpus, a, b, at=at, expand=expand)
    readings = {k: found[k] for k in ("disputed_in", "disputed_out")}
    ids = [i for r in readings.values() for k in ("shared", "only_a", "only_b") for i in r[k]]
    return {"version": DIFF_VERSION, "a": side_a, "b": side_b, "expand": expand,
            "scope": scope_label(choose_scope(corpus, None)), "lists": found["lists"], "readings": readings,
            "ranges": found["ranges"], "names": _names(corpus, [side_a["id"], side_b["id"], *ids])}  # fmt: skip
