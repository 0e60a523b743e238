"""The report's overlap and unity sections: the most overlapping declarations and the most frequent co-signing
partners, and the unity metrics over time with the claims that move them, every figure a range over the readings
of the uncertain claims (:func:`~coalitions.analysis.compare`, :func:`~coalitions.analysis.overlap_matrix`,
:func:`~coalitions.analysis.cosigning`, :func:`~coalitions.analysis.metric_series`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Corpus
from .document import Cell, Section, Table, range_cells
from .selection import Filters, Selection

__all__ = ["TOP", "UNITY_METRICS", "compared", "overlap_section", "unity_section"]

#: How many rows the "most overlapping" and "co-signing partners" tables show.
TOP = 15

#: The unity metrics the report shows: (column name, MetricPoint attribute).
UNITY_METRICS = (
    ("effective number", "effective_number"),
    ("fragmentation", "fragmentation"),
    ("cohesion", "mean_jaccard"),
    ("coverage", "coverage"),
)


def _left_out(selection: Selection) -> str:
    unknown = selection.unknown
    if not unknown:
        return "No declaration of the report is left out: every one has a known list of organisations."
    return (f"Left out: {len(unknown)} declarations whose list of organisations is unknown (the summary's list); "
            "they count nobody, and are not read as nobody.")  # fmt: skip


def compared(corpus: Corpus, filters: Filters, a: str, b: str) -> Any:
    """:func:`~coalitions.analysis.compare` of two declarations under the report's scope, roles and expansion."""
    from ..analysis import compare

    return compare(corpus, a, b, expand=filters.expand, scope=filters.scope, roles=filters.roles)


def _top_pairs(table: Any, n: int) -> list[tuple[str, str]]:
    """The ``n`` pairs sharing the most (ties: the smaller union, then the earlier pair), as ids."""
    def key(k: int) -> tuple[int, int, int, int]:
        i, j = int(table.left[k]), int(table.right[k])
        return (-int(table.shared[k]), int(table.sizes[i]) + int(table.sizes[j]), i, j)

    chosen = sorted(range(len(table)), key=key)[:n]
    return [(table.ids[int(table.left[k])], table.ids[int(table.right[k])]) for k in chosen]


def overlap_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    """The most overlapping declarations, their Jaccard matrix (chart data) and the co-signing partners."""
    from ..analysis import cosigning, overlap_matrix

    ids = [d.id for d in selection.known]
    titles = {d.id: d.title for d in selection.declarations}
    matrix = overlap_matrix(corpus, ids, expand=filters.expand, top_k=TOP, scope=filters.scope, roles=filters.roles)
    rows = []
    for a, b in _top_pairs(matrix, TOP):
        found = compared(corpus, filters, a, b)
        shared, jaccard = range_cells(found.shared_range, whole=True), range_cells(found.jaccard_range)
        rows.append((a, titles.get(a, a), b, titles.get(b, b), *shared[:3], *jaccard[:3],
                     bool(shared[3] and jaccard[3]), bool(shared[4] or jaccard[4])))  # fmt: skip
    tables = [
        Table("overlap", "Most overlapping declarations",
              ("a", "title a", "b", "title b", "shared", "shared low", "shared high", "jaccard", "jaccard low",
               "jaccard high", "exact", "partial"), tuple(rows),
              shown=("title a", "title b", "shared", "jaccard"),
              note="Shared: organisations both count; Jaccard: shared divided by those either counts (n/a for two "
              "empty lists: nothing is known to be shared). Each a range over the readings of the uncertain claims "
              "of the two."),
        _heatmap(corpus, filters, rows),
    ]  # fmt: skip
    table = cosigning(corpus, ids, expand=filters.expand, scope=filters.scope, roles=filters.roles,
                      top_k=None if filters.organisation is not None else TOP)  # fmt: skip
    order = sorted(range(len(table)), key=lambda k: (-int(table.shared[k]), int(table.left[k]), int(table.right[k])))
    if filters.organisation is not None:
        me = filters.organisation
        mine = []
        for k in order:
            a, b = table.ids[int(table.left[k])], table.ids[int(table.right[k])]
            if me in (a, b):
                other = b if a == me else a
                mine.append((other, corpus.name_of(other), *range_cells(table.shared_range(k), whole=True)[:4]))
        tables.append(Table("partners", f"Co-signing partners of {corpus.name_of(me)}",
                            ("id", "name", "together", "together low", "together high", "exact"), tuple(mine[:TOP]),
                            shown=("name", "together")))  # fmt: skip
    else:
        partners = []
        for k in order[:TOP]:
            a, b = table.ids[int(table.left[k])], table.ids[int(table.right[k])]
            partners.append((a, corpus.name_of(a), b, corpus.name_of(b), *range_cells(table.shared_range(k), whole=True)[:4]))
        tables.append(Table("partners", "Most frequent co-signing partners",
                            ("a", "name a", "b", "name b", "together", "together low", "together high", "exact"),
                            tuple(partners), shown=("name a", "name b", "together"),
                            note="Together: how many declarations count both (organisations in scope; people who "
                            "signed for an organisation count as it; hosts never)."))  # fmt: skip
    return Section("overlap", "Overlap", tuple(tables), (_left_out(selection),))


def _heatmap(corpus: Corpus, filters: Filters, top: Sequence[tuple[Cell, ...]]) -> Table:
    """Jaccard between every two of the declarations in the top pairs (at most ``TOP``), for the heatmap: one row a
    pair, with its range."""
    ids = tuple(dict.fromkeys(str(i) for row in top for i in (row[0], row[2])))[:TOP]
    rows = []
    found: dict[tuple[str, str], Any] = {}
    for i, a in enumerate(ids):
        for b in ids[i:]:
            found[(a, b)] = found[(b, a)] = compared(corpus, filters, a, b).jaccard_range
    for a in ids:
        for b in ids:
            text, low, high, exact, _ = range_cells(found[(a, b)])
            rows.append((a, b, text, low, high, exact))
    return Table("overlap-matrix", "Overlap of the most overlapping declarations (Jaccard), one row a pair",
                 ("a", "b", "jaccard", "jaccard low", "jaccard high", "exact"), tuple(rows), chart_data=True)  # fmt: skip


def unity_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    """Unity per window, every metric a range, and the claims that move them most."""
    from ..analysis import describe_claim, metric_series, top_movers

    rows = []
    ranges = []
    windows_of: dict[Any, list[str]] = {}
    for point in metric_series(corpus, window=filters.window, scope=filters.scope, roles=filters.roles):
        if not filters.covers(point.window):
            continue
        found = [getattr(point, attribute) for _, attribute in UNITY_METRICS]
        ranges += found
        for r in found:
            for claim in r.movers:
                windows_of.setdefault(claim, []).append(str(point.window))
        cells: list[Cell] = []
        for r in found:
            cells += [*range_cells(r), tuple(describe_claim(corpus, c) for c in r.movers)]
        rows.append((str(point.window), len(point.declarations), len(point.unknown), *cells,
                     max(r.claims for r in found)))  # fmt: skip
    names = [name for name, _ in UNITY_METRICS]
    columns = ["window", "declarations", "left out"]
    for name in names:
        columns += [name, f"{name} low", f"{name} high", f"{name} exact", f"{name} partial", f"{name} movers"]
    table = Table(
        "unity",
        f"Unity over time (per {filters.window})",
        (*columns, "uncertain claims"),
        tuple(rows),
        shown=("window", "declarations", "left out", *names, "uncertain claims"),
        note="Each metric is a range over the readings of the uncertain claims it depends on (one value when none "
        "matters), marked not exact when its bounds hold only for the readings tried, and partial lists when a "
        "list it counts is partial. Effective number of blocs (Laakso-Taagepera) and fragmentation (Rae) among the "
        "organisations counted in the window; cohesion: mean Jaccard of the declarations' organisations; coverage: "
        "share of the organisations in scope, active and not councils, a declaration counts, on average. Councils "
        "count as their members. Left out: declarations whose list of organisations is unknown. Uncertain claims: "
        "how many the window's figures depend on (the most of any one of them), as the summary defines them.",
    )  # fmt: skip
    movers = tuple((describe_claim(corpus, claim), n, tuple(dict.fromkeys(windows_of[claim])))
                   for claim, n in top_movers(ranges, 10))  # fmt: skip
    table_movers = Table("unity-movers", "The uncertain claims that move the unity figures most",
                         ("claim", "figures moved", "windows"), movers,
                         note="A claim moves a figure when it is counted in the reading giving one end of the range "
                         "and not in the reading giving the other.")  # fmt: skip
    return Section("unity", "Unity over time", (table, table_movers))
