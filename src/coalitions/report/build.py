"""The report's content, built from a corpus and filters: summary, declarations, organisations, councils, overlap,
unity and warnings, each a :class:`~coalitions.report.document.Section`.

Nothing here formats text: :mod:`coalitions.report.formats` turns a :class:`Report` into text, Markdown, HTML, JSON or
CSV.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..model import Corpus, Declaration, Membership, Signature, SignatureRole, Status, When, gc_paused
from .document import Cell, Report, Section, Table, cell_text_number, date_text, span_text
from .selection import Filters, Selection, select

__all__ = ["build_report"]


#: How many rows the "most overlapping" and "co-signing partners" tables show.
TOP = 15


@gc_paused
def build_report(corpus: Corpus, filters: Filters | None = None) -> Report:
    """The report on ``corpus`` under ``filters``: summary, declarations, organisations, councils, overlap,
    unity and warnings.

    Raises :class:`~coalitions.model.errors.NotFound` when the council or organisation of the filters is unknown.
    """
    filters = filters or Filters()
    council = corpus.organisation(filters.council).id if filters.council else None
    organisation = corpus.organisation(filters.organisation).id if filters.organisation else None
    filters = attrs.evolve(filters, council=council, organisation=organisation)
    declarations = select(corpus, filters)
    sections = (
        _summary_section(corpus, declarations, filters),
        _declarations_section(corpus, declarations, filters),
        _organisations_section(corpus, declarations, filters),
        _councils_section(corpus, filters),
        _overlap_section(corpus, declarations, filters),
        _unity_section(corpus, declarations, filters),
        _warnings_section(corpus),
    )
    from .charts_data import with_chart_data  # the explorer's chart-data tables (report/charts_data.py)

    sections = with_chart_data(sections, corpus, declarations, filters)
    return Report("Coalitions report", sections, filters.described())


# -- selection -------------------------------------------------------------------------------------------------


# -- sections --------------------------------------------------------------------------------------------------


def _summary_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    declarations = selection.declarations
    lines = [f"Corpus: {corpus.summary()}."]
    if declarations:
        first, last = declarations[0].date, max(declarations, key=lambda d: d.date.latest).date
        lines.append(f"This report: {len(declarations)} declarations from {first} to {last}.")
    else:
        lines.append("This report: no declarations match the filters.")
    councils = corpus.councils
    lines.append(f"Councils and other bodies with member organisations: {len(councils)}.")
    disputed = sum(1 for d in declarations for s in d.signatures if s.status is Status.DISPUTED)
    disputed += sum(1 for d in declarations if d.date_disputed)
    disputed += sum(1 for m in corpus.memberships if m.status is Status.DISPUTED)
    lines.append(f"Disputed claims (dates, signatures, memberships): {disputed}.")
    return Section("summary", "Summary", lines=tuple(lines))


def _signature_text(corpus: Corpus, signature: Signature) -> str:
    extra = [signature.role.value] if signature.role is not SignatureRole.SIGNATORY else []
    if signature.status is not Status.ASSERTED:
        extra.append(signature.status.value)
    label = _signer_label(corpus, signature)
    return f"{label} ({', '.join(extra)})" if extra else label


def _signer_label(corpus: Corpus, signature: Signature) -> str:
    return signature.as_printed or (corpus.name_of(signature.signer) if signature.signer else "?")


def _disputed_claims(corpus: Corpus, declaration: Declaration) -> tuple[str, ...]:
    claims: list[str] = []
    if declaration.date_disputed:
        claims.append("date: " + " vs ".join(dict.fromkeys(str(c.date) for c in declaration.dates)))
    for signature in declaration.signatures:
        if signature.status is not Status.ASSERTED:
            claims.append(f"{_signer_label(corpus, signature)}: {signature.status.value}")
        for printed in signature.printed_members:
            if printed.status is not Status.ASSERTED:
                claims.append(f"{printed.as_printed} in {_signer_label(corpus, signature)}: {printed.status.value}")
    return tuple(claims)


def _declarations_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    rows = []
    for declaration in selection.declarations:
        direct = selection.direct[declaration.id]
        wide = selection.expanded[declaration.id]
        counts = tuple(
            f"{'~' if c.approximate else ''}{c.number} {c.of}" for c in declaration.counts
        )
        printed = tuple(_signature_text(corpus, s) for s in declaration.signatures) + counts
        added = tuple(sorted(corpus.name_of(i) for i in wide - direct))
        rows.append((
            date_text(declaration), declaration.id, declaration.title, declaration.kind.value,
            printed + tuple(f"+ {name}" for name in added), printed, added, _disputed_claims(corpus, declaration),
        ))  # fmt: skip
    table = Table(
        "declarations",
        "Declarations in date order",
        ("date", "id", "title", "kind", "signatories", "signatories as printed", "added by expanding councils",
         "disputed"),
        tuple(rows),
        shown=("date", "title", "kind", "signatories", "disputed"),
        note="Signatories as printed; roles other than signatory and statuses other than asserted in brackets; "
        "+ marks a member added by expanding a council that signed (its printed members, else its members then).",
    )  # fmt: skip
    return Section("declarations", "Declarations", (table,))


def _members_now(corpus: Corpus, filters: Filters) -> dict[str, dict[str, Any]]:
    """``council id -> {member id: MemberAt}`` on the report's "now"."""
    from ..analysis import members_at

    return {
        council.id: {m.member: m for m in members_at(corpus, council.id, filters.now, expand=filters.expand)}
        for council in corpus.councils
    }


def _organisations_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    signed: Counter[str] = Counter()
    first: dict[str, When] = {}
    last: dict[str, When] = {}
    for declaration in selection.declarations:
        for signer in selection.signers(declaration.id, filters.expand):
            signed[signer] += 1
            first.setdefault(signer, declaration.date)
            if signer not in last or last[signer].latest <= declaration.date.latest:
                last[signer] = declaration.date
    now = _members_now(corpus, filters)
    belongs: dict[str, list[str]] = {}
    for council_id, members in now.items():
        for member_id, member in members.items():
            mark = "" if member.certainty == "certain" and member.status is Status.ASSERTED else "?"
            belongs.setdefault(member_id, []).append(corpus.name_of(council_id) + mark)
    wanted = _wanted_ids(corpus, filters)

    def row(record_id: str, name: str, kind: str | None) -> tuple[Cell, ...]:
        cells: tuple[Cell, ...] = (record_id, name)
        if kind is not None:
            cells += (kind,)
        seen = (str(first[record_id]), str(last[record_id])) if record_id in first else ("", "")
        return (*cells, signed[record_id], *seen, tuple(sorted(belongs.get(record_id, ()))))

    orgs = tuple(
        row(o.id, o.name, o.kind.value)
        for o in corpus.organisations
        if (wanted is None or o.id in wanted) and (signed[o.id] or o.id in belongs or wanted is not None)
    )
    people = tuple(
        row(p.id, p.name, None)
        for p in corpus.people
        if (wanted is None or p.id in wanted) and (signed[p.id] or p.id in belongs)
    )
    tail = ("declarations signed", "first seen", "last seen", f"councils on {filters.now.isoformat()}")
    note = "A ? marks a membership that is disputed, or not certain on that day (a month or year precision)."
    return Section(
        "organisations",
        "Organisations and people",
        (
            Table("organisations", "Organisations", ("id", "name", "kind", *tail), orgs, note=note,
                  shown=("name", "kind", *tail)),
            Table("people", "People", ("id", "name", *tail), people, shown=("name", *tail)),
        ),
    )


def _wanted_ids(corpus: Corpus, filters: Filters) -> set[str] | None:
    """The organisations a filter narrows the organisations table to (None: all)."""
    wanted: set[str] | None = None
    if filters.council is not None:
        wanted = {filters.council, *(m.member for m in corpus.members_of(filters.council))}
    if filters.organisation is not None:
        wanted = (wanted or set()) | {filters.organisation}
    return wanted


def _councils(corpus: Corpus, filters: Filters) -> tuple[str, ...]:
    if filters.council is not None:
        return (filters.council,)
    councils = tuple(c.id for c in corpus.councils)
    if filters.organisation is not None:
        mine = {m.organisation for m in corpus.memberships_of(filters.organisation)}
        councils = tuple(c for c in councils if c in mine or c == filters.organisation)
    return councils


def _in_period(membership: Membership, filters: Filters) -> bool:
    if filters.end is not None and membership.start is not None and membership.start.earliest > filters.end.latest:
        return False
    return not (
        filters.start is not None and membership.end is not None and membership.end.latest < filters.start.earliest
    )


def _councils_section(corpus: Corpus, filters: Filters) -> Section:
    from ..analysis import composition_changes

    councils = _councils(corpus, filters)
    changes: list[tuple[Cell, ...]] = []
    spans: list[tuple[Cell, ...]] = []
    for council_id in councils:
        for change in composition_changes(corpus, council_id, filters.start, filters.end, expand=filters.expand):
            changes.append((
                str(change.when), council_id, corpus.name_of(council_id), change.member,
                corpus.name_of(change.member), change.kind, tuple(c.source for c in change.sources),
            ))  # fmt: skip
        for membership in corpus.members_of(council_id):
            if _in_period(membership, filters):
                spans.append((
                    council_id, corpus.name_of(council_id), membership.member, corpus.name_of(membership.member),
                    membership.role, *span_text(membership), membership.status.value,
                ))  # fmt: skip
    changes.sort(key=lambda row: (When.of(str(row[0])).sort_key, str(row[1]), str(row[3])))
    return Section(
        "councils",
        "Councils over time",
        (
            Table(
                "council-changes",
                "Joins and departures",
                ("date", "council id", "council", "member id", "member", "change", "sources"),
                tuple(changes),
                shown=("date", "council", "member", "change", "sources"),
            ),
            Table(
                "council-memberships",
                "Memberships (who was in which council when)",
                ("council id", "council", "member id", "member", "role", "start", "end", "status"),
                tuple(spans),
                shown=("council", "member", "role", "start", "end", "status"),
                note="An empty start means since an unknown date; an empty end means no known end.",
            ),
        ),
    )


def _overlap_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    from ..analysis import cosigning_from_sets, overlap_from_sets

    ids = [d.id for d in selection.declarations]
    titles = {d.id: d.title for d in selection.declarations}
    sets = [selection.signers(i, filters.expand) for i in ids]
    top = tuple(
        (a, titles.get(a, a), b, titles.get(b, b), shared, round(jaccard, 3))
        for a, b, shared, jaccard in _pair_rows(overlap_from_sets(sets, ids=ids, top_k=TOP), TOP)
    )
    tables = [
        Table(
            "overlap",
            "Most overlapping declarations",
            ("a", "title a", "b", "title b", "shared signers", "jaccard"),
            top,
            shown=("title a", "title b", "shared signers", "jaccard"),
            note="Jaccard: signers in both divided by signers in either.",
        ),
        _heatmap(selection, filters, top),
    ]
    if filters.organisation is not None:
        me = filters.organisation
        counts = Counter(other for signers in sets if me in signers for other in signers if other != me)
        rows = tuple((other, corpus.name_of(other), n) for other, n in sorted(counts.items(),
                                                                              key=lambda kv: (-kv[1], kv[0])))
        tables.append(Table("partners", f"Co-signing partners of {corpus.name_of(me)}",
                            ("id", "name", "declarations together"), rows[:TOP]))  # fmt: skip
    else:
        rows = tuple(
            (a, corpus.name_of(a), b, corpus.name_of(b), shared)
            for a, b, shared, _ in _pair_rows(cosigning_from_sets(sets, top_k=TOP), TOP)
        )
        tables.append(Table("partners", "Most frequent co-signing partners",
                            ("a", "name a", "b", "name b", "declarations together"), rows,
                            shown=("name a", "name b", "declarations together")))  # fmt: skip
    return Section("overlap", "Overlap", tuple(tables))


def _pair_rows(table: Any, n: int) -> Iterable[tuple[str, str, int, float]]:
    """``(id a, id b, shared, jaccard)`` for the top ``n`` pairs of a PairTable."""
    for pair in table.top(n):
        yield pair.a, pair.b, pair.shared, pair.jaccard


def _heatmap(selection: Selection, filters: Filters, top: Sequence[tuple[Cell, ...]]) -> Table:
    """Jaccard between every two of the declarations in the top pairs (at most ``TOP``), for the heatmap."""
    from ..analysis import overlap

    ids = tuple(dict.fromkeys(str(i) for row in top for i in (row[0], row[2])))[:TOP]
    rows = []
    for a in ids:
        sa = selection.signers(a, filters.expand)
        rows.append((a, *(round(overlap(sa, selection.signers(b, filters.expand)).jaccard, 3) for b in ids)))
    return Table("overlap-matrix", "Overlap of the most overlapping declarations (Jaccard)", ("id", *ids),
                 tuple(rows), chart_data=True)  # fmt: skip


#: The unity metrics the report shows: (column name, MetricPoint attribute).
UNITY_METRICS = (
    ("effective number", "effective_number"),
    ("fragmentation", "fragmentation"),
    ("cohesion", "mean_jaccard"),
    ("coverage", "coverage"),
)


def _unity_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    from ..analysis import metric_series

    rows = []
    for point in metric_series(corpus, window=filters.window):
        if not filters.covers(point.window):
            continue
        ranges = [getattr(point, attribute) for _, attribute in UNITY_METRICS]
        cells = [cell for value in ranges for cell in _range(value)]
        shown = tuple(_range_text(value) for value in ranges)
        rows.append((str(point.window), len(point.declarations), *shown, *cells, max(r.claims for r in ranges)))
    names = [name for name, _ in UNITY_METRICS]
    columns = ["window", "declarations", *names]
    for name in names:
        columns += [f"{name} low", f"{name} high"]
    table = Table(
        "unity",
        f"Unity over time (per {filters.window})",
        (*columns, "disputed claims"),
        tuple(rows),
        shown=("window", "declarations", *names, "disputed claims"),
        note="Each metric is a range over the readings of the disputed claims it depends on (low = high when "
        "none matter). Effective number of blocs (Laakso-Taagepera) and fragmentation (Rae) among the "
        "organisations active in the window; cohesion: mean Jaccard of the declarations' signers; coverage: "
        "share of active organisations signing, on average. Councils count as their members.",
    )
    return Section("unity", "Unity over time", (table,))


def _range_text(value: Any) -> str:
    """``0.25`` or ``0.25 to 0.5``: a metric's range over the disputed claims, as text."""
    low, high = (cell_text_number(x) for x in _range(value))
    return low if low == high else f"{low} to {high}"


def _range(value: Any) -> tuple[Cell, Cell]:
    low, high = float(value.low), float(value.high)
    return (None if math.isnan(low) else round(low, 3), None if math.isnan(high) else round(high, 3))


def _warnings_section(corpus: Corpus) -> Section:
    rows = tuple((p.location, p.field, p.message) for p in corpus.warnings)
    return Section("warnings", "Validation warnings", (Table("warnings", "Warnings", ("where", "field", "message"),
                                                             rows),))  # fmt: skip


