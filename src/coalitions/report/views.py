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
from .document import Cell, Report, Section, Table, date_text, range_text, span_text

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
    """What the record signed or attended (``for``: on whose behalf), and where someone else did so on its behalf
    (``by``)."""
    from .shapes import represented_in

    rows = [(date_text(d), d.id, d.title, str(d.signatures[i].role), str(d.signatures[i].status),
             d.signatures[i].as_printed or "", corpus.name_of(d.signatures[i].on_behalf_of)
             if d.signatures[i].on_behalf_of else "", "") for d, i in corpus.signatures_of(record_id)]  # fmt: skip
    rows += [(date_text(d), d.id, d.title, str(d.signatures[i].role), str(d.signatures[i].status),
              d.signatures[i].as_printed or "", "", corpus.name_of(d.signatures[i].signer or "")
              or d.signatures[i].as_printed or "?") for d, i in represented_in(corpus, record_id)]  # fmt: skip
    rows.sort(key=lambda r: (corpus.declaration(str(r[1])).date.sort_key, str(r[1])))
    return Table("signed", "Declarations", ("date", "id", "title", "role", "status", "as printed", "for", "by"),
                 tuple(rows), note="for: the organisation it signed or attended for; by: who signed or attended on "
                 "its behalf (it counts as the organisation, once).")  # fmt: skip


def _memberships(corpus: Corpus, record_id: str) -> tuple[Table, ...]:
    def row(m: object, other: str) -> tuple[Cell, ...]:
        return (other, corpus.name_of(other), m.role, *span_text(m), str(m.status),  # type: ignore[attr-defined]
                m.status_date.to_text() if m.status_date else "",  # type: ignore[attr-defined]
                _citations(corpus, m.sources))  # type: ignore[attr-defined]  # fmt: skip

    columns = ("role", "start", "end", "status", "status date", "sources")
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
    lines = [f"id: {org.id}", f"kind: {org.kind}"]
    if org.abbreviations:
        lines.append(f"abbreviations: {', '.join(org.abbreviations)}")
    lines += _claims("proposed", org.proposed) + _claims("founded", org.founded) + _claims("dissolved", org.dissolved)
    lines += [f"{k}: {v}" for k, v in (("part of", org.parent), ("headquarters", org.headquarters),
                                       ("notes", org.notes)) if v]  # fmt: skip
    lines += [f"{r.kind}: {r.organisation} ({r.status}{f', {r.date}' if r.date else ''})" for r in org.relations]
    tables = (_names(org.aliases), *_memberships(corpus, org.id), _signed(corpus, org.id),
              _sources_table(corpus, org.sources))  # fmt: skip
    return Section("record", f"{org.name} (organisation)", tables, tuple(lines))


def _show_person(corpus: Corpus, person: Person) -> Section:
    lines = [f"id: {person.id}"] + ([f"notes: {person.notes}"] if person.notes else [])
    tables = (_names(person.aliases), *_memberships(corpus, person.id), _signed(corpus, person.id),
              _sources_table(corpus, person.sources))  # fmt: skip
    return Section("record", f"{person.name} (person)", tables, tuple(lines))


def _show_declaration(corpus: Corpus, declaration: Declaration) -> Section:
    from .shapes import counted_data

    found = counted_data(corpus, declaration)
    lines = [f"id: {declaration.id}", f"kind: {declaration.kind}", f"date: {date_text(declaration)}"]
    lines += [f"{k}: {v}" for k, v in (("place", declaration.place), ("occasion", declaration.occasion),
                                       ("theme", declaration.theme), ("language", declaration.language),
                                       ("series", ", ".join(declaration.series)), ("notes", declaration.notes)) if v]
    lines += [f"counted: {'~' if c.approximate else ''}{c.number} {c.of}" for c in declaration.counts]
    lines += [f"who counts: {found['scope']}; list of organisations: {found['lists']['organisations']}; "
              f"of people in their own name: {found['lists']['people']}"]
    signatures = tuple(
        (s.as_printed or "", s.signer or "", str(s.role), str(corpus.vocabulary.tier(s.role)), str(s.status),
         corpus.name_of(s.on_behalf_of) if s.on_behalf_of else "", s.title or "", s.affiliation or "",
         tuple(f"{p.as_printed} ({p.status})" if p.status != "asserted" else p.as_printed for p in s.printed_members),
         _citations(corpus, s.sources), _citations(corpus, s.contradicted_by))
        for s in declaration.signatures
    )  # fmt: skip
    counted = tuple((c["id"], corpus.name_of(c["id"]), c["kind"], c["status"],
                     tuple(corpus.name_of(p) for p in c["represented_by"])) for c in found["counted"])  # fmt: skip
    tables = (
        _names(declaration.other_titles),
        Table("signatures", "Signatures",
              ("as printed", "signer", "role", "tier", "status", "for", "title", "affiliation", "printed members",
               "sources", "contradicted by"), signatures,
              shown=("as printed", "signer", "role", "status", "for", "printed members", "sources",
                     "contradicted by")),
        Table("counted", "Who it counts", ("id", "name", "kind", "status", "represented by"), counted,
              note="Organisations (a person who signed or attended for one counts as it, once: represented by), then "
              "people who came in their own name and individuals without a person record; hosts and the invited "
              "never."),
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
    tables = tuple(t for t in section.tables if t.rows or t.key in ("sources", "claims", "counted"))
    return Report(section.title, (attrs.evolve(section, title="Details", tables=tables),))


def timeline_view(corpus: Corpus, key: str) -> Report:
    """What the organisation or person ``key`` did, in date order, with whom it signed for and who signed for it."""
    from .shapes import timeline_events

    record = corpus.get(key)
    if not isinstance(record, (Organisation, Person)):
        raise CoalitionsError(f"{key!r} is a {type(record).__name__.lower()}; a timeline is of an organisation "
                              "or a person (try: coalitions show)")  # fmt: skip
    rows = tuple(
        (e.date_text, e.kind, e.object or "", corpus.name_of(e.object) if e.object else "", e.label,
         str(e.status), corpus.name_of(who["for"]) if "for" in who else "",
         corpus.name_of(who["by"]) if "by" in who else "", _citations(corpus, e.sources))
        for e, who in timeline_events(corpus, record.id)
    )  # fmt: skip
    table = Table("timeline", "Events", ("date", "event", "id", "with", "label", "status", "for", "by", "sources"),
                  rows, note="for: the organisation a signature was made for; by: who signed or attended on its "
                  "behalf (event represented).")  # fmt: skip
    return Report(f"Timeline of {record.name}", (Section("timeline", record.name, (table,)),))


def diff_view(corpus: Corpus, a: str, b: str | None, *, at: Sequence[When] = (), expand: bool = False) -> Report:
    """Two declarations or councils side by side, one council (``b`` None) at the two dates ``at``, or a
    declaration and a council (its members on the declaration's date); two councils without dates on the last
    day the corpus covers.

    The sets are those with the uncertain claims counted in; each figure follows as a range over every reading of
    them (with the claims that move it), and the figures with the claims left out when they differ.
    """
    from ..analysis import choose_scope, scope_label

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

    def number(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    def figures(r: dict[str, Any]) -> str:
        return f"Jaccard: {number(r['jaccard'])}, overlap coefficient: {number(r['overlap_coefficient'])}"

    ranges, lists = readings["ranges"], readings["lists"]
    lines = [f"A: {label_a}", f"B: {label_b}",
             f"Who counts: {scope_label(choose_scope(corpus, None))}; lists: A {lists['a']}, B {lists['b']}",
             f"{counts(result)}; {figures(result)} (every uncertain claim counted)",
             f"Over every reading of the uncertain claims: shared {ranges['shared']['text']}, Jaccard "
             f"{ranges['jaccard']['text']}, overlap coefficient {ranges['overlap_coefficient']['text']}"]  # fmt: skip
    movers = list(dict.fromkeys(m for r in ranges.values() for m in r["movers"]))
    if movers:
        lines.append(f"moved by: {'; '.join(movers)}")
    if without != result:
        lines.append(f"with the uncertain claims left out: {counts(without)}; {figures(without)}")
    table = Table("diff", "Side by side", ("shared", "only A", "only B"), rows)
    return Report(f"{label_a} and {label_b}", (Section("diff", "Comparison", (table,), tuple(lines)),))
