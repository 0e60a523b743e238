"""The rows of the flat tables of a corpus (:mod:`coalitions.interop.tables`): one builder a table.

Each builder returns one dict a row, keys in the order of :data:`COLUMNS`. Dates are written as the data has them,
with the earliest and latest day they may stand for beside them (over every claim where sources disagree); several
values of one field (sources, aliases, disputed dates) are joined with ``"; "``. Counts are whole numbers and the
metrics' values are numbers (None where a metric is undefined).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Citation, Corpus, DateClaim, When

__all__ = ["BUILDERS", "COLUMNS", "METRICS", "Row"]

Row = dict[str, Any]

#: The columns of each table, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "signatures": ("declaration", "declaration_title", "date", "date_earliest", "date_latest", "signer",
                   "signer_type", "signer_name", "as_printed", "title", "affiliation", "role", "tier", "status",
                   "status_date", "status_date_earliest", "status_date_latest", "on_behalf_of", "sources",
                   "contradicted_by", "note"),
    "memberships": ("organisation", "organisation_name", "member", "member_type", "member_name", "role", "start",
                    "start_earliest", "end", "end_latest", "status", "status_date", "status_date_earliest",
                    "status_date_latest", "on_behalf_of", "sources", "contradicted_by", "note"),
    "organisations": ("id", "name", "kind", "abbreviations", "aliases", "founded", "founded_earliest",
                      "founded_latest", "dissolved", "dissolved_earliest", "dissolved_latest", "parent",
                      "headquarters", "members", "sources", "notes"),
    "people": ("id", "name", "aliases", "sources", "notes"),
    "declarations": ("id", "title", "kind", "date", "date_earliest", "date_latest", "date_disputed", "place",
                     "series", "listed", "signatures", "sources", "notes"),
    "sources": ("id", "title", "publisher", "author", "url", "file", "date", "date_earliest", "date_latest",
                "confidence", "language", "notes"),
    "metrics": ("window", "window_earliest", "window_latest", "declarations", "left_out", "metric", "low", "high",
                "all_out", "all_in", "exact", "partial", "monotone", "claims", "movers"),
}  # fmt: skip


def _text(when: When | None) -> str | None:
    return when.to_text() if when is not None else None


def _joined(items: Iterable[str]) -> str | None:
    return "; ".join(dict.fromkeys(items)) or None


def _citations(citations: tuple[Citation, ...]) -> str | None:
    return _joined(c.source for c in citations)


def _claims(claims: tuple[DateClaim, ...]) -> tuple[str | None, str | None, str | None]:
    """The dates of the claims as written (joined), and the earliest and latest day over all of them."""
    if not claims:
        return None, None, None
    return (_joined(c.date.to_text() for c in claims), min(c.date.earliest for c in claims).isoformat(),
            max(c.date.latest for c in claims).isoformat())  # fmt: skip


def _dated(name: str, when: When | None) -> Row:
    """A date's three columns: as written, its earliest and its latest day."""
    return {name: _text(when), f"{name}_earliest": when.earliest.isoformat() if when else None,
            f"{name}_latest": when.latest.isoformat() if when else None}  # fmt: skip


def _kind(corpus: Corpus, record_id: str | None) -> str | None:
    if record_id is None:
        return None
    if corpus.is_organisation(record_id):
        return "organisation"
    return "person" if corpus.is_person(record_id) else "unknown"


def _name(corpus: Corpus, record_id: str | None) -> str | None:
    return corpus.name_of(record_id) if record_id is not None and record_id in corpus else None


def _signatures(corpus: Corpus, **_: Any) -> list[Row]:
    rows = []
    for declaration in corpus.declarations:
        when = declaration.date
        for signature in declaration.signatures:
            signer = signature.signer
            rows.append({
                "declaration": declaration.id, "declaration_title": declaration.title, "date": when.to_text(),
                "date_earliest": when.earliest.isoformat(), "date_latest": when.latest.isoformat(),
                "signer": signer, "signer_type": _kind(corpus, signer), "signer_name": _name(corpus, signer),
                "as_printed": signature.as_printed, "title": signature.title, "affiliation": signature.affiliation,
                "role": str(signature.role), "tier": str(corpus.vocabulary.tier(signature.role)),
                "status": str(signature.status), **_dated("status_date", signature.status_date),
                "on_behalf_of": signature.on_behalf_of, "sources": _citations(signature.sources),
                "contradicted_by": _citations(signature.contradicted_by), "note": signature.note,
            })  # fmt: skip
    return rows


def _memberships(corpus: Corpus, **_: Any) -> list[Row]:
    return [
        {
            "organisation": m.organisation, "organisation_name": _name(corpus, m.organisation), "member": m.member,
            "member_type": _kind(corpus, m.member), "member_name": _name(corpus, m.member), "role": m.role,
            "start": _text(m.start), "start_earliest": m.start.earliest.isoformat() if m.start else None,
            "end": _text(m.end), "end_latest": m.end.latest.isoformat() if m.end else None,
            "status": str(m.status), **_dated("status_date", m.status_date), "on_behalf_of": m.on_behalf_of,
            "sources": _citations(m.sources),
            "contradicted_by": _citations(m.contradicted_by), "note": m.note,
        }
        for m in corpus.memberships
    ]  # fmt: skip


def _organisations(corpus: Corpus, **_: Any) -> list[Row]:
    rows = []
    for o in corpus.organisations:
        founded, dissolved = _claims(o.founded), _claims(o.dissolved)
        rows.append({
            "id": o.id, "name": o.name, "kind": str(o.kind), "abbreviations": _joined(o.abbreviations),
            "aliases": _joined(a.text for a in o.aliases), "founded": founded[0], "founded_earliest": founded[1],
            "founded_latest": founded[2], "dissolved": dissolved[0], "dissolved_earliest": dissolved[1],
            "dissolved_latest": dissolved[2], "parent": o.parent, "headquarters": o.headquarters,
            "members": len({m.member for m in corpus.members_of(o.id)}), "sources": _citations(o.sources),
            "notes": o.notes,
        })  # fmt: skip
    return rows


def _people(corpus: Corpus, **_: Any) -> list[Row]:
    return [{"id": p.id, "name": p.name, "aliases": _joined(a.text for a in p.aliases),
             "sources": _citations(p.sources), "notes": p.notes} for p in corpus.people]  # fmt: skip


def _declarations(corpus: Corpus, **_: Any) -> list[Row]:
    rows = []
    for d in corpus.declarations:
        date, earliest, latest = _claims(d.dates)
        rows.append({
            "id": d.id, "title": d.title, "kind": str(d.kind), "date": date, "date_earliest": earliest,
            "date_latest": latest, "date_disputed": d.date_disputed, "place": d.place, "series": _joined(d.series),
            "listed": str(d.listed) if d.listed is not None else None,
            "signatures": len(d.signatures), "sources": _citations(d.sources), "notes": d.notes,
        })  # fmt: skip
    return rows


def _sources(corpus: Corpus, **_: Any) -> list[Row]:
    return [{"id": s.id, "title": s.title, "publisher": s.publisher, "author": s.author, "url": s.url,
             "file": s.file, "date": _text(s.date), "date_earliest": s.date.earliest.isoformat() if s.date else None,
             "date_latest": s.date.latest.isoformat() if s.date else None,
             "confidence": s.confidence.value if s.confidence else None, "language": s.language, "notes": s.notes}
            for s in corpus.sources]  # fmt: skip


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


#: The metrics of :class:`~coalitions.analysis.MetricPoint`, in its order: one row each per window.
METRICS = ("coverage", "fragmentation", "effective_number", "mean_jaccard", "density", "components", "organisations",
           "institutionalisation", "concentration")  # fmt: skip


def _metrics(corpus: Corpus, *, window: str = "year", expand: bool = True, **_: Any) -> list[Row]:
    """The metrics of every window (the corpus's default scope), each a range: ``exact`` False where its bounds
    hold only for the readings tried, ``partial`` True where a list it counts is partial (a lower bound of who
    came), ``movers`` the claims that move it, ``left_out`` the declarations whose list is unknown."""
    from ..analysis import describe_claim, metric_series

    rows = []
    for point in metric_series(corpus, window, expand=expand):  # type: ignore[arg-type]
        for metric in METRICS:
            value = getattr(point, metric)
            rows.append({
                "window": point.window.to_text(), "window_earliest": point.window.earliest.isoformat(),
                "window_latest": point.window.latest.isoformat(), "declarations": len(point.declarations),
                "left_out": _joined(point.unknown), "metric": metric, "low": _number(value.low),
                "high": _number(value.high), "all_out": _number(value.all_out), "all_in": _number(value.all_in),
                "exact": value.exact, "partial": value.partial, "monotone": value.monotone, "claims": value.claims,
                "movers": _joined(describe_claim(corpus, c) for c in value.movers),
            })  # fmt: skip
    return rows


#: The builder of each table.
BUILDERS: dict[str, Callable[..., list[Row]]] = {
    "signatures": _signatures, "memberships": _memberships, "organisations": _organisations, "people": _people,
    "declarations": _declarations, "sources": _sources, "metrics": _metrics,
}  # fmt: skip
