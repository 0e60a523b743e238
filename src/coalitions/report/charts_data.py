"""What the HTML explorer draws and links, as chart-data tables of the report (``chart_data=True``: in JSON and CSV,
left out of text and Markdown), so the page shows only facts the report carries.

Each table is built from what :func:`~coalitions.report.build.build_report` has (the corpus, the selection, the
filters and the sections already built) and added to the section it belongs to by :func:`with_chart_data`:

- ``records`` (summary): every organisation, person and declaration the page names, with its kind, dates, other
  names and sources; ``record-sources``: the sources they cite; ``signatures``: who signed what, with ids.
- ``membership-bars`` (councils): one bar per membership of the councils shown, in a named category
  (:data:`CATEGORIES`), with ``open end`` and the corpus's ``last evidence`` date where an open bar stops;
  ``council-compositions``: each council's members from each day its composition may change (``members_at``).
- ``network-nodes``, ``network-edges`` (overlap): who signed with whom, people counted for the organisation they
  signed for, the most active signers only, with the years of their shared declarations.
- ``overlap-blocs`` (overlap): the Jaccard matrix of the most signed declarations with two signers or more, in a
  seriated order (average-linkage clustering) so that blocs lie along the diagonal.
- ``unity-claims`` (unity): per window, the disputed claims of its declarations (what may move its ranges).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import Corpus, Declaration, Membership, Person, Status, When
from .document import Cell, Section, Table
from .selection import Filters, Selection

__all__ = ["CATEGORIES", "with_chart_data"]

#: The membership categories the timeline draws, each distinctly, in legend order.
CATEGORIES = ("certain", "possible", "undated", "disputed", "denied", "declined", "withdrawn")

#: Most councils the timeline shows, most nodes the network shows, most declarations the heatmap shows.
MOST_COUNCILS, MOST_NODES, MOST_BLOCS = 8, 40, 30


def category(membership: Membership) -> str:
    """A membership's category: from its status, and for an asserted one whether its start is known.

    (The analysis' finer certainty can replace this without changing the chart: it draws the names above.)
    """
    status = membership.status
    if status is Status.ASSERTED:
        return "certain" if membership.start is not None else "undated"
    return "possible" if status is Status.UNCLEAR else status.value


def last_evidence(corpus: Corpus, filters: Filters) -> datetime.date | None:
    """The latest day any record of the corpus gives (declarations, memberships, foundings, sources), and no later
    than the end of the period: where a bar with no known end stops."""
    days: list[datetime.date] = [c.date.latest for d in corpus.declarations for c in d.dates]
    days += [w.latest for m in corpus.memberships for w in (m.start, m.end) if w is not None]
    days += [c.date.latest for o in corpus.organisations for c in (*o.founded, *o.dissolved, *o.proposed)]
    days += [s.date.latest for s in corpus.sources if s.date is not None]
    if not days:
        return None
    last = max(days)
    return min(last, filters.end.latest) if filters.end is not None else last


def _in_period(membership: Membership, filters: Filters) -> bool:
    """The membership may overlap the period (as the councils section lists them)."""
    if filters.end is not None and membership.start is not None and membership.start.earliest > filters.end.latest:
        return False
    return not (
        filters.start is not None and membership.end is not None and membership.end.latest < filters.start.earliest
    )


def _sources(citations: Iterable[object]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in citations))  # type: ignore[attr-defined]


def _day(when: When | None, latest: bool = False) -> str | None:
    if when is None:
        return None
    return (when.latest if latest else when.earliest).isoformat()


def _councils_shown(sections: dict[str, Section]) -> tuple[str, ...]:
    """The councils of the report's membership table, those with the most memberships first."""
    table = next(t for t in sections["councils"].tables if t.key == "council-memberships")
    counts = Counter(str(row[0]) for row in table.rows)
    return tuple(sorted(counts, key=lambda c: (-counts[c], c)))


def _membership_tables(corpus: Corpus, filters: Filters, sections: dict[str, Section]) -> tuple[Table, ...]:
    from ..analysis import members_at

    councils = _councils_shown(sections)[:MOST_COUNCILS]
    last = last_evidence(corpus, filters)
    bars: list[tuple[Cell, ...]] = []
    compositions: list[tuple[Cell, ...]] = []
    for council in councils:
        days: set[datetime.date] = set()
        for m in corpus.members_of(council):
            if not _in_period(m, filters):
                continue
            bars.append((council, corpus.name_of(council), m.member, corpus.name_of(m.member), m.role, category(m),
                         m.status.value, str(m.start) if m.start else "", str(m.end) if m.end else "",
                         _day(m.start), _day(m.end, latest=True), "yes" if m.end is None else "no",
                         last.isoformat() if last else None, _sources((*m.sources, *m.contradicted_by))))  # fmt: skip
            for when in (m.start, m.end):
                if when is not None:
                    days |= {when.earliest, when.latest + datetime.timedelta(days=1)}
        founded = [c.date.earliest for c in corpus.organisation(council).founded] if council in corpus else []
        days |= set(sorted(founded)[:1])
        ordered = sorted(days)
        previous: tuple[tuple[str, str, str], ...] | None = None
        for day in ordered[:1] or [last or datetime.date(2000, 1, 1)]:  # before the first change: since when known
            members = tuple((m.member, m.certainty, m.status.value)
                            for m in members_at(corpus, council, day - datetime.timedelta(days=1)))  # fmt: skip
            compositions += [(council, "", member, corpus.name_of(member), certainty, status)
                             for member, certainty, status in members]  # fmt: skip
            previous = members
        for day in ordered:
            members = tuple((m.member, m.certainty, m.status.value) for m in members_at(corpus, council, day))
            if members != previous:
                compositions += [(council, day.isoformat(), member, corpus.name_of(member), certainty, status)
                                 for member, certainty, status in members]  # fmt: skip
                if not members:
                    compositions.append((council, day.isoformat(), None, None, None, None))
                previous = members
    return (
        Table("membership-bars", "Memberships of the councils shown, by category",
              ("council id", "council", "member id", "member", "role", "category", "status", "start", "end",
               "start day", "end day", "open end", "last evidence", "sources"), tuple(bars), chart_data=True,
              note=f"Categories: {', '.join(CATEGORIES)}. A bar with no known end is open and drawn to the last "
              "evidence date (the latest date the corpus gives), never to today."),
        Table("council-compositions", "Members of each council from each day its composition may change",
              ("council id", "from", "member id", "member", "certainty", "status"), tuple(compositions),
              chart_data=True),
    )  # fmt: skip


def _node(corpus: Corpus, declaration: Declaration, signer: str) -> str:
    """The node a signer is drawn as: a person who signed for an organisation counts as that organisation."""
    for signature in declaration.signatures:
        if signature.signer == signer and signature.on_behalf_of and isinstance(corpus.get(signer), Person):
            return signature.on_behalf_of
    return signer


def _network_tables(corpus: Corpus, selection: Selection, filters: Filters) -> tuple[Table, ...]:
    nodes_of: dict[str, frozenset[str]] = {}
    for d in selection.declarations:
        nodes_of[d.id] = frozenset(_node(corpus, d, s) for s in selection.signers(d.id, filters.expand))
    signed = Counter(n for nodes in nodes_of.values() for n in nodes)
    top = set(sorted(signed, key=lambda n: (-signed[n], n))[:MOST_NODES])
    edges: dict[tuple[str, str], list[Declaration]] = {}
    for d in selection.declarations:
        shown = sorted(nodes_of[d.id] & top)
        for i, a in enumerate(shown):
            for b in shown[i + 1:]:
                edges.setdefault((a, b), []).append(d)
    rows = []
    for (a, b), shared in sorted(edges.items()):
        years = Counter(str(d.date.earliest.year) for d in shared)
        latest = sorted(shared, key=lambda d: d.date.sort_key)[-5:]
        rows.append((a, b, len(shared), tuple(f"{y}:{n}" for y, n in sorted(years.items())),
                     tuple(f"{d.date}: {d.title}" for d in reversed(latest))))  # fmt: skip
    kind = {o.id: o.kind.value for o in corpus.organisations}
    years: dict[str, Counter[str]] = {n: Counter() for n in top}
    for d in selection.declarations:
        for n in nodes_of[d.id] & top:
            years[n][str(d.date.earliest.year)] += 1
    nodes = tuple((n, corpus.name_of(n), kind.get(n, "person"), signed[n],
                   tuple(f"{y}:{k}" for y, k in sorted(years[n].items())))
                  for n in sorted(top, key=lambda n: (-signed[n], n)))  # fmt: skip
    return (
        Table("network-nodes", "Signers in the network (the most active)", ("id", "name", "kind", "declarations", "years"),
              nodes, chart_data=True),
        Table("network-edges", "Who signed with whom", ("a", "b", "declarations together", "years", "latest"),
              tuple(rows), chart_data=True,
              note="years: YEAR:declarations signed together that year; latest: the latest five."),
    )  # fmt: skip


def _seriate(ids: Sequence[str], similarity: dict[tuple[str, str], float]) -> list[str]:
    """``ids`` in the leaf order of an average-linkage clustering on ``similarity`` (ties broken by id), each merge
    turning its two halves so that the most similar ends meet: similar declarations end up next to each other, and
    blocs show as squares along the diagonal."""
    clusters: dict[int, list[str]] = {k: [i] for k, i in enumerate(sorted(ids))}
    link = {(a, b): similarity[(clusters[a][0], clusters[b][0])] for a in clusters for b in clusters if a < b}
    fresh = len(clusters)
    while len(clusters) > 1:
        a, b = max(link, key=lambda pair: (link[pair], -pair[0], -pair[1]))
        x, y = clusters.pop(a), clusters.pop(b)
        options = (x + y, x + y[::-1], x[::-1] + y, x[::-1] + y[::-1])
        merged = max(options, key=lambda o: similarity[(o[len(x) - 1], o[len(x)])])
        for k in clusters:
            old = [link.pop((min(k, c), max(k, c))) for c in (a, b)]
            link[(k, fresh)] = (old[0] * len(x) + old[1] * len(y)) / (len(x) + len(y))
        del link[(a, b)]
        clusters[fresh] = merged
        fresh += 1
    return next(iter(clusters.values()), [])


def _blocs_table(selection: Selection, filters: Filters) -> Table:
    from ..analysis import overlap

    sets = {d.id: selection.signers(d.id, filters.expand) for d in selection.declarations}
    candidates = [d for d in selection.declarations if len(sets[d.id]) >= 2]
    chosen = sorted(candidates, key=lambda d: (-len(sets[d.id]), d.id))[:MOST_BLOCS]
    by_id = {d.id: d for d in chosen}
    similarity = {(a, b): overlap(sets[a], sets[b]).jaccard for a in by_id for b in by_id}
    order = _seriate(list(by_id), similarity)
    rows = tuple((i, by_id[i].title, str(by_id[i].date), len(sets[i]), *(round(similarity[(i, j)], 3) for j in order))
                 for i in order)  # fmt: skip
    return Table("overlap-blocs", "Overlap of the most signed declarations (Jaccard), blocs along the diagonal",
                 ("id", "title", "date", "signers", *order), rows, chart_data=True,
                 note="The declarations of the period with two signers or more, the most signed first, in the order "
                 "of an average-linkage clustering.")  # fmt: skip


def _unity_claims(corpus: Corpus, sections: dict[str, Section]) -> Table:
    unity = next(t for t in sections["unity"].tables if t.key == "unity")
    declarations = next(t for t in sections["declarations"].tables if t.key == "declarations")
    col = {c: i for i, c in enumerate(declarations.columns)}
    disputed = [(corpus.declaration(str(r[col["id"]])), r[col["disputed"]]) for r in declarations.rows
                if r[col["disputed"]]]  # fmt: skip
    rows = []
    for row in unity.rows:
        window = When.of(str(row[0]))
        claims = tuple(f"{d.title}: {claim}" for d, found in disputed if d.date.overlaps(window)
                       for claim in found)  # type: ignore[union-attr]  # fmt: skip
        rows.append((str(row[0]), claims))
    return Table("unity-claims", "Disputed claims of each window's declarations", ("window", "claims"), tuple(rows),
                 chart_data=True)  # fmt: skip


def _record_tables(corpus: Corpus, selection: Selection, filters: Filters,
                   sections: dict[str, Section]) -> tuple[Table, ...]:  # fmt: skip
    wanted: dict[str, None] = {}
    signatures = []
    for d in selection.declarations:
        wanted[d.id] = None
        for s in d.signatures:
            if s.signer is not None:
                wanted[s.signer] = None
            signatures.append((d.id, s.signer, s.as_printed or corpus.name_of(s.signer or "?"), s.role.value,
                               s.status.value, s.on_behalf_of, _sources((*s.sources, *s.contradicted_by))))  # fmt: skip
    for key in ("organisations", "people"):
        for table in sections["organisations"].tables:
            if table.key == key:
                wanted.update((str(row[0]), None) for row in table.rows)
    for m in corpus.memberships:
        if _in_period(m, filters) and (m.organisation in wanted or m.member in wanted):
            wanted[m.organisation] = wanted[m.member] = None
    records = []
    cited: dict[str, None] = {}
    for record_id in wanted:
        if record_id not in corpus:
            continue
        record = corpus.get(record_id)
        if isinstance(record, Declaration):
            kind, first, last = record.kind.value, record.date.earliest.isoformat(), record.date.latest.isoformat()
            names: tuple[str, ...] = tuple(t.text for t in record.other_titles)
            date = " or ".join(dict.fromkeys(str(c.date) for c in record.dates))
        elif isinstance(record, Person):
            kind, first, last, date, names = "person", None, None, None, tuple(a.text for a in record.aliases)
        else:
            kind, first, last, names = record.kind.value, None, None, record.names[1:]  # type: ignore[union-attr]
            date = " or ".join(dict.fromkeys(str(c.date) for c in record.founded)) or None  # type: ignore[union-attr]
        sources = _sources(record.sources)  # type: ignore[union-attr]
        cited.update((s, None) for s in sources)
        records.append((record_id, "declaration" if isinstance(record, Declaration) else
                        "person" if kind == "person" else "organisation", corpus.name_of(record_id), kind, date,
                        first, last, names, sources))  # fmt: skip
    for row in signatures:
        cited.update((s, None) for s in row[-1])
    sources = tuple((s.id, s.title, s.publisher, s.url, str(s.date) if s.date else None)
                    for s in corpus.sources if s.id in cited)  # fmt: skip
    return (
        Table("records", "Every organisation, person and declaration the page names",
              ("id", "type", "name", "kind", "date", "earliest", "latest", "other names", "sources"), tuple(records),
              chart_data=True, note="date: a declaration's date (all the dates sources give), an organisation's "
              "founding."),
        Table("record-sources", "The sources they cite", ("id", "title", "publisher", "url", "date"), sources,
              chart_data=True),
        Table("signatures", "Who signed what, with ids", ("declaration", "signer id", "as printed", "role",
              "status", "on behalf of", "sources"), tuple(signatures), chart_data=True),
    )  # fmt: skip


def with_chart_data(sections: Sequence[Section], corpus: Corpus, selection: Selection,
                    filters: Filters) -> tuple[Section, ...]:  # fmt: skip
    """``sections`` with the explorer's chart-data tables added to the sections they belong to."""
    import attrs

    by_key = {s.key: s for s in sections}
    extra: dict[str, tuple[Table, ...]] = {
        "summary": _record_tables(corpus, selection, filters, by_key),
        "councils": _membership_tables(corpus, filters, by_key),
        "overlap": (*_network_tables(corpus, selection, filters), _blocs_table(selection, filters)),
        "unity": (_unity_claims(corpus, by_key),),
    }
    return tuple(attrs.evolve(s, tables=s.tables + extra.get(s.key, ())) for s in sections)
