"""Small reports about one record: ``show`` (everything known), ``timeline`` and ``diff``.

Like :mod:`coalitions.report`, these build plain :class:`~coalitions.report.Report` objects; the renderers turn
them into text, Markdown, HTML, JSON or CSV.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any

import attrs

from ..model import Citation, CoalitionsError, Corpus, Declaration, Name, Organisation, Person, Source, When
from .document import Cell, Report, Section, Table, date_text, span_text

__all__ = ["diff_view", "show", "timeline_view"]


def _citations(corpus: Corpus, citations: Iterable[Citation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in citations))


def _sources_table(corpus: Corpus, citations: Iterable[Citation]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for citation in citations:
        source = corpus.source(citation.source) if citation.source in corpus else None
        confidence = citation.confidence or (source.confidence if source else None)
        rows.append((
            citation.source, source.title if source else "", (source.url or "") if source else "",
            citation.quote or "", confidence.value if confidence else "",
        ))  # fmt: skip
    return Table("sources", "Sources", ("id", "title", "url", "quote", "confidence"), tuple(rows))


def _names(aliases: Sequence[Name]) -> Table:
    rows = tuple((a.text, a.lang or "", a.kind.value, a.note or "") for a in aliases)
    return Table("names", "Other names", ("name", "language", "kind", "note"), rows)


def _signed(corpus: Corpus, record_id: str) -> Table:
    rows = tuple(
        (date_text(d), d.id, d.title, d.signatures[i].role.value, d.signatures[i].status.value,
         d.signatures[i].as_printed or "")
        for d, i in corpus.signatures_of(record_id)
    )  # fmt: skip
    return Table("signed", "Declarations", ("date", "id", "title", "role", "status", "as printed"), rows)


def _memberships(corpus: Corpus, record_id: str) -> tuple[Table, ...]:
    def row(m: object, other: str) -> tuple[Cell, ...]:
        return (other, corpus.name_of(other), m.role, *span_text(m), m.status.value,  # type: ignore[attr-defined]
                _citations(corpus, m.sources))  # type: ignore[attr-defined]  # fmt: skip

    columns = ("role", "start", "end", "status", "sources")
    tables = [Table("member-of", "Member of", ("id", "name", *columns),
                    tuple(row(m, m.organisation) for m in corpus.memberships_of(record_id)))]  # fmt: skip
    members = corpus.members_of(record_id)
    if members:
        tables.append(Table("members", "Members", ("id", "name", *columns),
                            tuple(row(m, m.member) for m in members)))  # fmt: skip
    return tuple(tables)


def _claims(label: str, claims: Sequence[object]) -> list[str]:
    dates = [str(c.date) for c in claims]  # type: ignore[attr-defined]
    return [f"{label}: {' or '.join(dict.fromkeys(dates))}"] if dates else []


def _show_organisation(corpus: Corpus, org: Organisation) -> Section:
    lines = [f"id: {org.id}", f"kind: {org.kind.value}"]
    if org.abbreviations:
        lines.append(f"abbreviations: {', '.join(org.abbreviations)}")
    lines += _claims("proposed", org.proposed) + _claims("founded", org.founded) + _claims("dissolved", org.dissolved)
    lines += [f"{k}: {v}" for k, v in (("part of", org.parent), ("headquarters", org.headquarters),
                                       ("notes", org.notes)) if v]  # fmt: skip
    lines += [f"{r.kind.value}: {r.organisation} ({r.status.value})" for r in org.relations]
    tables = (_names(org.aliases), *_memberships(corpus, org.id), _signed(corpus, org.id),
              _sources_table(corpus, org.sources))  # fmt: skip
    return Section("record", f"{org.name} (organisation)", tables, tuple(lines))


def _show_person(corpus: Corpus, person: Person) -> Section:
    lines = [f"id: {person.id}"] + ([f"notes: {person.notes}"] if person.notes else [])
    tables = (_names(person.aliases), *_memberships(corpus, person.id), _signed(corpus, person.id),
              _sources_table(corpus, person.sources))  # fmt: skip
    return Section("record", f"{person.name} (person)", tables, tuple(lines))


def _show_declaration(corpus: Corpus, declaration: Declaration) -> Section:
    lines = [f"id: {declaration.id}", f"kind: {declaration.kind.value}", f"date: {date_text(declaration)}"]
    lines += [f"{k}: {v}" for k, v in (("place", declaration.place), ("occasion", declaration.occasion),
                                       ("theme", declaration.theme), ("language", declaration.language),
                                       ("series", ", ".join(declaration.series)), ("notes", declaration.notes)) if v]
    lines += [f"counted: {'~' if c.approximate else ''}{c.number} {c.of}" for c in declaration.counts]
    signatures = tuple(
        (s.as_printed or "", s.signer or "", s.role.value, s.status.value,
         tuple(f"{p.as_printed} ({p.status.value})" if p.status.value != "asserted" else p.as_printed
               for p in s.printed_members),
         _citations(corpus, s.sources), _citations(corpus, s.contradicted_by))
        for s in declaration.signatures
    )  # fmt: skip
    tables = (
        _names(declaration.other_titles),
        Table("signatures", "Signatures",
              ("as printed", "signer", "role", "status", "printed members", "sources", "contradicted by"),
              signatures),
        _sources_table(corpus, declaration.sources),
    )  # fmt: skip
    return Section("record", f"{declaration.title} (declaration)", tables, tuple(lines))


def _show_source(corpus: Corpus, source: Source) -> Section:
    from .shapes import claims_citing

    fields = ("id", "publisher", "author", "url", "file", "date", "confidence", "language", "notes")
    lines = tuple(f"{f}: {getattr(source, f)}" for f in fields if getattr(source, f) is not None)
    rows = tuple(
        (c["type"], c["record"], c.get("member") or "", c["field"], c["quote"] or "", "yes" if c["against"] else "")
        for c in claims_citing(corpus, source.id)
    )  # fmt: skip
    table = Table("claims", "Claims citing it", ("type", "record", "member", "field", "quote", "against"), rows,
                  note="every citation of this source; against: cited in contradicted_by")  # fmt: skip
    return Section("record", f"{source.title} (source)", (table,), lines)


def show(corpus: Corpus, key: str) -> Report:
    """Everything known about the record with id, name or alias ``key``, with its sources.

    Raises :class:`~coalitions.model.errors.NotFound` (with "did you mean" suggestions) when nothing matches.
    """
    record = corpus.get(key)
    if isinstance(record, Organisation):
        section = _show_organisation(corpus, record)
    elif isinstance(record, Person):
        section = _show_person(corpus, record)
    elif isinstance(record, Declaration):
        section = _show_declaration(corpus, record)
    else:
        section = _show_source(corpus, record)
    tables = tuple(t for t in section.tables if t.rows or t.key in ("sources", "claims"))
    return Report(section.title, (attrs.evolve(section, title="Details", tables=tables),))


def timeline_view(corpus: Corpus, key: str) -> Report:
    """What the organisation or person ``key`` did, in date order."""
    from ..analysis import timeline

    record = corpus.get(key)
    if not isinstance(record, (Organisation, Person)):
        raise CoalitionsError(f"{key!r} is a {type(record).__name__.lower()}; a timeline is of an organisation "
                              "or a person (try: coalitions show)")  # fmt: skip
    rows = tuple(
        (e.date_text, e.kind, e.object or "", corpus.name_of(e.object) if e.object else "", e.label,
         e.status.value, _citations(corpus, e.sources))
        for e in timeline(corpus, record.id)
    )  # fmt: skip
    table = Table("timeline", "Events", ("date", "event", "id", "with", "label", "status", "sources"), rows)
    return Report(f"Timeline of {record.name}", (Section("timeline", record.name, (table,)),))


def diff_view(corpus: Corpus, a: str, b: str | None, *, at: Sequence[When] = (), expand: bool = False) -> Report:
    """Two declarations or councils side by side, one council (``b`` None) at the two dates ``at``, or a
    declaration and a council (its members on the declaration's date).

    The sets are those with disputed claims counted in; the figures without them follow when they differ.
    """
    from .shapes import diff_readings

    sides, readings = diff_readings(corpus, a, b, at=at, expand=expand)
    label_a, label_b = (f"{s['id']} on {s['at']}" if s["at"] is not None else s["id"] for s in sides)
    result, without = readings["disputed_in"], readings["disputed_out"]

    def named(ids: Iterable[str]) -> list[str]:
        return sorted((corpus.name_of(i) for i in ids), key=str.casefold)

    rows = tuple(
        zip_longest(named(result["shared"]), named(result["only_a"]), named(result["only_b"]), fillvalue=None)
    )

    def counts(r: dict[str, Any]) -> str:
        return f"shared: {len(r['shared'])}, only A: {len(r['only_a'])}, only B: {len(r['only_b'])}"

    def figures(r: dict[str, Any]) -> str:
        return f"Jaccard: {r['jaccard']:.3f}, overlap coefficient: {r['overlap_coefficient']:.3f}"

    lines = [f"A: {label_a}", f"B: {label_b}", counts(result), figures(result)]
    if without != result:
        lines.append(f"with the disputed claims left out: {counts(without)}; {figures(without)}")
    table = Table("diff", "Side by side", ("shared", "only A", "only B"), rows)
    return Report(f"{label_a} and {label_b}", (Section("diff", "Comparison", (table,), tuple(lines)),))
