"""What the HTML explorer draws and links, as chart-data tables of the report (``chart_data=True``: in JSON and CSV,
left out of text and Markdown), so the page shows only facts the report carries.

Each table is built from what :func:`~coalitions.report.build.build_report` has (the corpus, the selection, the
filters and the sections already built) and added to the section it belongs to by :func:`with_chart_data`:

- ``records`` (summary): every organisation, person and declaration the page names, with its kind, dates, other
  names and sources; ``record-sources``: the sources they cite; ``signatures``: who signed what, with ids.
- ``membership-bars`` (councils): one bar per membership of the councils shown, in a named category
  (:data:`CATEGORIES`), with the days the analysis gives it (where it may hold, where it certainly holds: the rest
  is possible), whether it is undated (no bar: a mark on each day a dated document shows it) or open (drawn to the
  last day the corpus covers); ``council-compositions``: each council's members from each day its composition may
  change (:func:`~coalitions.analysis.composition_segments`).
- ``network-nodes``, ``network-edges`` (overlap): who is counted with whom, as co-signing counts them (organisations
  in scope, people who signed for one counted as it, hosts never), the most active only, with the years of their
  shared declarations and the range of each count.
- ``overlap-blocs``, ``overlap-bloc-pairs`` (overlap): the most signed declarations with two organisations or more,
  in a seriated order (average-linkage clustering) so that blocs lie along the diagonal, and the Jaccard of each pair
  with its range.
- ``unity-claims`` (unity): per window, the uncertain claims that move its figures.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Corpus, Declaration, Membership, Person, When
from .document import Cell, Section, Table, range_cells
from .section_councils import CATEGORIES, category, in_period
from .selection import Filters, Selection

__all__ = ["CATEGORIES", "category", "draw_to", "with_chart_data"]

#: Most councils the timeline shows, most nodes the network shows, most declarations the heatmap shows.
MOST_COUNCILS, MOST_NODES, MOST_BLOCS = 8, 40, 30


def draw_to(corpus: Corpus, filters: Filters) -> datetime.date | None:
    """Where a bar with no known end stops: the last day the corpus covers (``corpus.last_day``), and no later than
    the end of the period; never today."""
    last = corpus.last_day
    if last is None:
        return filters.end.latest if filters.end is not None else None
    return min(last, filters.end.latest) if filters.end is not None else last


def _sources(citations: Iterable[object]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in citations))  # type: ignore[attr-defined]


def _day(ordinal: float) -> str | None:
    """An ordinal day as ISO text; None for an unbounded end (an infinity)."""
    return None if math.isinf(ordinal) else datetime.date.fromordinal(int(ordinal)).isoformat()


def _councils_shown(sections: dict[str, Section]) -> tuple[str, ...]:
    """The councils of the report's membership table, those with the most memberships first."""
    table = next(t for t in sections["councils"].tables if t.key == "council-memberships")
    counts = Counter(str(row[0]) for row in table.rows)
    return tuple(sorted(counts, key=lambda c: (-counts[c], c)))


def _bar(corpus: Corpus, m: Membership, evidence: dict[tuple[str, str], frozenset[int]], last: str | None) -> tuple:
    """A membership's bar, from the analysis's days (:func:`~coalitions.analysis.span_of`): where it may hold
    (``may from`` to ``may to``), where it certainly holds (``certain from`` to ``certain to``: the rest is
    possible), whether it is undated (drawn as no bar: a mark on each day a dated document shows it), and whether
    it is open (no known end: drawn to the last day the corpus covers)."""
    from ..analysis import span_of

    shown = evidence.get((m.organisation, m.member), frozenset())
    span = span_of(corpus, m, shown)
    undated = span.undated
    may_from = None if undated else _day(span.hold_from)
    may_to = None if undated else _day(span.hold_to)
    certain_from = None if undated or span.certain_from > span.certain_to else _day(span.certain_from)
    certain_to = None if undated or span.certain_from > span.certain_to else _day(span.certain_to)
    open_end = not undated and math.isinf(span.hold_to)
    return (m.organisation, corpus.name_of(m.organisation), m.member, corpus.name_of(m.member), m.role, category(m),
            str(m.status), str(m.start) if m.start else "", str(m.end) if m.end else "", undated, may_from,
            certain_from, certain_to, may_to, open_end, m.status_date.earliest.isoformat() if m.status_date else None,
            tuple(datetime.date.fromordinal(d).isoformat() for d in sorted(shown)), last,
            _sources((*m.sources, *m.contradicted_by)))  # fmt: skip


def _membership_tables(corpus: Corpus, filters: Filters, sections: dict[str, Section]) -> tuple[Table, ...]:
    from ..analysis import composition_segments, membership_evidence

    councils = _councils_shown(sections)[:MOST_COUNCILS]
    last = draw_to(corpus, filters)
    last_text = last.isoformat() if last else None
    evidence = membership_evidence(corpus)
    bars: list[tuple[Cell, ...]] = []
    compositions: list[tuple[Cell, ...]] = []
    for council in councils:
        bars += [_bar(corpus, m, evidence, last_text) for m in corpus.members_of(council) if in_period(m, filters)]
        for segment in composition_segments(corpus, council, expand=filters.expand):
            if (last is not None and segment.start is not None and segment.start > last) or (
                    filters.start is not None and segment.last is not None and segment.last < filters.start.earliest):
                continue
            start = segment.start.isoformat() if segment.start else ""
            end = segment.last.isoformat() if segment.last else None
            compositions += [(council, start, end, m.member, corpus.name_of(m.member), m.certainty, str(m.status))
                             for m in segment.members]  # fmt: skip
            if not segment.members:
                compositions.append((council, start, end, None, None, None, None))
    return (
        Table("membership-bars", "Memberships of the councils shown, by category",
              ("council id", "council", "member id", "member", "role", "category", "status", "start", "end",
               "undated", "may from", "certain from", "certain to", "may to", "open end", "status date",
               "shown on", "last day", "sources"), tuple(bars), chart_data=True,
              note=f"Categories: {', '.join(CATEGORIES)}. A bar runs from the first to the last day the membership "
              "may hold, possible where its dates leave it open (outside certain from .. certain to); an undated "
              "one has no bar, only a mark on each day a dated document shows it (shown on); one with no known end "
              "is open and drawn to the last day the corpus covers (last day), never to today."),
        Table("council-compositions", "Members of each council from each day its composition may change",
              ("council id", "from", "to", "member id", "member", "certainty", "status"), tuple(compositions),
              chart_data=True),
    )  # fmt: skip


def _network_tables(corpus: Corpus, selection: Selection, filters: Filters) -> tuple[Table, ...]:
    """Who is counted with whom (organisations, as co-signing counts them), the most active only."""
    from ..analysis import cosigning

    known = selection.known
    nodes_of = {d.id: selection.units(d.id, filters.expand) for d in known}
    signed = Counter(n for nodes in nodes_of.values() for n in nodes)
    top = set(sorted(signed, key=lambda n: (-signed[n], n))[:MOST_NODES])
    table = cosigning(corpus, [d.id for d in known], expand=filters.expand, scope=filters.scope, roles=filters.roles,
                      among=top)  # fmt: skip
    ranges = {tuple(sorted((table.ids[int(table.left[k])], table.ids[int(table.right[k])]))): table.shared_range(k)
              for k in range(len(table))}  # fmt: skip
    edges: dict[tuple[str, str], list[Declaration]] = {}
    for d in known:
        shown = sorted(nodes_of[d.id] & top)
        for i, a in enumerate(shown):
            for b in shown[i + 1:]:
                edges.setdefault((a, b), []).append(d)
    rows = []
    for (a, b), shared in sorted(edges.items()):
        years = Counter(str(d.date.earliest.year) for d in shared)
        latest = sorted(shared, key=lambda d: d.date.sort_key)[-5:]
        text, low, high, exact, _ = range_cells(ranges[(a, b)], whole=True)
        rows.append((a, b, len(shared), text, low, high, exact, tuple(f"{y}:{n}" for y, n in sorted(years.items())),
                     tuple(f"{d.date}: {d.title}" for d in reversed(latest))))  # fmt: skip
    kind = {o.id: str(o.kind) for o in corpus.organisations}
    years: dict[str, Counter[str]] = {n: Counter() for n in top}
    for d in known:
        for n in nodes_of[d.id] & top:
            years[n][str(d.date.earliest.year)] += 1
    nodes = tuple((n, corpus.name_of(n), kind.get(n, "organisation"), signed[n],
                   tuple(f"{y}:{k}" for y, k in sorted(years[n].items())))
                  for n in sorted(top, key=lambda n: (-signed[n], n)))  # fmt: skip
    return (
        Table("network-nodes", "Organisations in the network (the most active)",
              ("id", "name", "kind", "declarations", "years"), nodes, chart_data=True,
              note="declarations: how many count it, every uncertain claim counted."),
        Table("network-edges", "Who is counted with whom", ("a", "b", "declarations together", "together",
              "together low", "together high", "exact", "years", "latest"), tuple(rows), chart_data=True,
              note="declarations together: every uncertain claim counted; together: its range over the readings; "
              "years: YEAR:declarations together that year; latest: the latest five."),
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


def _blocs_tables(corpus: Corpus, selection: Selection, filters: Filters) -> tuple[Table, ...]:
    from ..analysis import list_sizes

    from .section_overlap import compared

    sets = {d.id: selection.units(d.id, filters.expand) for d in selection.known}
    candidates = [d for d in selection.known if len(sets[d.id]) >= 2]
    chosen = sorted(candidates, key=lambda d: (-len(sets[d.id]), d.id))[:MOST_BLOCS]
    by_id = {d.id: d for d in chosen}
    ranges: dict[tuple[str, str], Any] = {}
    ids = list(by_id)
    for i, a in enumerate(ids):
        for b in ids[i:]:
            ranges[(a, b)] = ranges[(b, a)] = compared(corpus, filters, a, b)
    similarity = {pair: found.jaccard for pair, found in ranges.items()}
    order = _seriate(ids, similarity)
    sizes = list_sizes(corpus, order, expand=filters.expand, scope=filters.scope, roles=filters.roles)
    rows = tuple((i, by_id[i].title, str(by_id[i].date), *range_cells(sizes[i], whole=True)[:4]) for i in order)
    pairs = tuple((a, b, round(ranges[(a, b)].jaccard, 3), *range_cells(ranges[(a, b)].jaccard_range)[:4])
                  for a in order for b in order)  # fmt: skip
    return (
        Table("overlap-blocs", "The most signed declarations, blocs along the diagonal",
              ("id", "title", "date", "signers", "signers low", "signers high", "exact"), rows, chart_data=True,
              note="The declarations of the period whose lists of organisations are known, with two organisations "
              "or more, the most signed first, in the order of an average-linkage clustering."),
        Table("overlap-bloc-pairs", "Overlap of the most signed declarations (Jaccard), one row a pair",
              ("a", "b", "value", "jaccard", "jaccard low", "jaccard high", "exact"), pairs, chart_data=True,
              note="value: Jaccard with every uncertain claim counted (the colour); jaccard: its range."),
    )  # fmt: skip


def _unity_claims(corpus: Corpus, sections: dict[str, Section]) -> Table:
    """Per window, the uncertain claims that move its figures (their movers), named for a reader."""
    unity = next(t for t in sections["unity"].tables if t.key == "unity")
    col = {c: i for i, c in enumerate(unity.columns)}
    rows = []
    for row in unity.rows:
        claims = tuple(dict.fromkeys(c for name in col if name.endswith(" movers")
                                     for c in row[col[name]] or ()))  # type: ignore[union-attr]  # fmt: skip
        rows.append((str(row[0]), row[col["uncertain claims"]], claims))
    return Table("unity-claims", "The uncertain claims that move each window's figures",
                 ("window", "uncertain claims", "claims"), tuple(rows), chart_data=True)  # fmt: skip


def _record_tables(corpus: Corpus, selection: Selection, filters: Filters,
                   sections: dict[str, Section]) -> tuple[Table, ...]:  # fmt: skip
    wanted: dict[str, None] = {}
    signatures = []
    for d in selection.declarations:
        wanted[d.id] = None
        for s in d.signatures:
            if s.signer is not None:
                wanted[s.signer] = None
            signatures.append((d.id, s.signer, s.as_printed or corpus.name_of(s.signer or "?"), str(s.role),
                               str(corpus.vocabulary.tier(s.role)), str(s.status), s.on_behalf_of, s.title,
                               s.affiliation, _sources((*s.sources, *s.contradicted_by))))  # fmt: skip
    for key in ("organisations", "people"):
        for table in sections["organisations"].tables:
            if table.key == key:
                wanted.update((str(row[0]), None) for row in table.rows)
    for m in corpus.memberships:
        if in_period(m, filters) and (m.organisation in wanted or m.member in wanted):
            wanted[m.organisation] = wanted[m.member] = None
    records = []
    cited: dict[str, None] = {}
    for record_id in wanted:
        if record_id not in corpus:
            continue
        record = corpus.get(record_id)
        claims: tuple[Any, ...] = ()
        if isinstance(record, Declaration):
            kind, claims = str(record.kind), record.dates
            names: tuple[str, ...] = tuple(t.text for t in record.other_titles)
        elif isinstance(record, Person):
            kind, names = "person", tuple(a.text for a in record.aliases)
        else:
            kind, names = str(record.kind), record.names[1:]  # type: ignore[union-attr]
            claims = record.founded  # type: ignore[union-attr]
        date, first, last = (claims[0].date.to_text(), min(c.date.earliest for c in claims).isoformat(),
                             max(c.date.latest for c in claims).isoformat()) if claims else (None, None, None)
        others = tuple(dict.fromkeys(c.date.to_text() for c in claims[1:] if c.date != claims[0].date))
        sources = _sources(record.sources)  # type: ignore[union-attr]
        cited.update((s, None) for s in sources)
        records.append((record_id, "declaration" if isinstance(record, Declaration) else
                        "person" if kind == "person" else "organisation", corpus.name_of(record_id), kind, date,
                        first, last, others, names, sources))  # fmt: skip
    for row in signatures:
        cited.update((s, None) for s in row[-1])
    sources = tuple((s.id, s.title, s.publisher, s.url, str(s.date) if s.date else None)
                    for s in corpus.sources if s.id in cited)  # fmt: skip
    return (
        Table("records", "Every organisation, person and declaration the page names",
              ("id", "type", "name", "kind", "date", "earliest", "latest", "other dates", "other names", "sources"),
              tuple(records), chart_data=True, note="date: a declaration's date, an organisation's founding (as "
              "written; earliest and latest over every date the sources give; other dates: those of other "
              "sources)."),
        Table("record-sources", "The sources they cite", ("id", "title", "publisher", "url", "date"), sources,
              chart_data=True),
        Table("signatures", "Who signed what, with ids", ("declaration", "signer id", "as printed", "role", "tier",
              "status", "on behalf of", "title", "affiliation", "sources"), tuple(signatures), chart_data=True,
              note="tier: signed, took-part, hosted or invited (hosts and the invited are never counted)."),
    )  # fmt: skip


def with_chart_data(sections: Sequence[Section], corpus: Corpus, selection: Selection,
                    filters: Filters) -> tuple[Section, ...]:  # fmt: skip
    """``sections`` with the explorer's chart-data tables added to the sections they belong to."""
    import attrs

    by_key = {s.key: s for s in sections}
    extra: dict[str, tuple[Table, ...]] = {
        "summary": _record_tables(corpus, selection, filters, by_key),
        "councils": _membership_tables(corpus, filters, by_key),
        "overlap": (*_network_tables(corpus, selection, filters), *_blocs_tables(corpus, selection, filters)),
        "unity": (_unity_claims(corpus, by_key),),
    }
    return tuple(attrs.evolve(s, tables=s.tables + extra.get(s.key, ())) for s in sections)
