"""Small reports about one record: ``show`` (everything known), ``timeline`` and ``diff``.

Like :mod:`coalitions.report`, these build plain :class:`~coalitions.report.Report` objects; the renderers turn
them into text, Markdown, HTML, JSON or CSV.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from itertools import zip_longest

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


def _show_source(source: Source) -> Section:
    fields = ("id", "publisher", "author", "url", "file", "date", "confidence", "language", "notes")
    lines = tuple(f"{f}: {getattr(source, f)}" for f in fields if getattr(source, f) is not None)
    return Section("record", f"{source.title} (source)", (), lines)


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
        section = _show_source(record)
    tables = tuple(t for t in section.tables if t.rows or t.key == "sources")
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
    """Two declarations or councils side by side, or one council (``b`` None) at the two dates ``at``."""
    from ..analysis import compare

    first = corpus.get(a)
    second = corpus.get(b) if b is not None else first
    if not at and not isinstance(first, Declaration) and not isinstance(second, Declaration):
        today = When.of(datetime.date.today().isoformat())
        result = compare(corpus, first.id, second.id, expand=expand, at_a=today, at_b=today)
        label_a, label_b = f"{first.id} on {today}", f"{second.id} on {today}"
    elif not at and isinstance(first, Declaration) != isinstance(second, Declaration):  # a council on the day
        day = (first if isinstance(first, Declaration) else second).date  # type: ignore[union-attr]
        on_a, on_b = (None, day) if isinstance(first, Declaration) else (day, None)
        result = compare(corpus, first.id, second.id, expand=expand, at_a=on_a, at_b=on_b)
        label_a, label_b = (f"{r.id} on {day}" if on is not None else r.id for r, on in ((first, on_a), (second, on_b)))
    elif at:
        result = compare(corpus, first.id, first.id, expand=expand, at_a=at[0], at_b=at[1])
        label_a, label_b = f"{first.id} on {at[0]}", f"{first.id} on {at[1]}"
    else:
        result = compare(corpus, first.id, second.id, expand=expand)
        label_a, label_b = first.id, second.id

    def named(ids: Iterable[str]) -> list[str]:
        return sorted((corpus.name_of(i) for i in ids), key=str.casefold)

    rows = tuple(
        zip_longest(named(result.shared), named(result.only_a), named(result.only_b), fillvalue=None)
    )
    lines = (
        f"A: {label_a}", f"B: {label_b}",
        f"shared: {len(result.shared)}, only A: {len(result.only_a)}, only B: {len(result.only_b)}",
        f"Jaccard: {result.jaccard:.3f}, overlap coefficient: {result.overlap_coefficient:.3f}",
    )  # fmt: skip
    table = Table("diff", "Side by side", ("shared", "only A", "only B"), rows)
    return Report(f"{label_a} and {label_b}", (Section("diff", "Comparison", (table,), lines),))
