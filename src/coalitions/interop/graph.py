"""The corpus as networkx graphs, and as GraphML and GEXF for Gephi and other network tools.

Who is linked to what follows the analysis's rules, so that a projection never says more than ``cosigning`` does:
the organisations in the scope (default: the corpus's default scope), by the tiers each declaration counts (who
signed a document; who signed or took part in an event; hosts and the invited never, unless ``roles`` asks), a
person who signed or attended for an organisation counted as that organisation, once (``represented_by``). People
who came in their own name count among people, not organisations, and are no nodes here.

* ``affiliation``: a bipartite graph of organisations (``bipartite=0``) and declarations (``bipartite=1``); an edge
  for each organisation a declaration counts, with the role and status of the signature that counts it (a disputed
  one is kept, with ``status="disputed"``) and who represented it. A declaration whose list of organisations is
  unknown has no edge (``listed="unknown"``: it says nothing of who came), one whose list is partial says so.
* ``organisations``: its projection on organisations: an edge between two organisations counted by the same
  declarations, with ``weight`` (how many, every uncertain claim counted: ``cosigning``'s count), ``weight_low`` and
  ``weight_high`` (its range over the readings of the uncertain claims), ``declarations`` (their ids), ``first`` and
  ``last`` (dates).

Every attribute is text or a whole number, so GraphML and GEXF keep it. Dates are attributes as the data writes
them (``date``) with the first and last day they may stand for (``date_earliest``, ``date_latest``, ISO).
Needs networkx: ``pip install "coalitions[graph]"``.
"""

from __future__ import annotations

import io
from itertools import combinations
from typing import Any, Literal

from ..model import Corpus, MissingDependency

__all__ = ["GRAPHS", "Graph", "to_gexf", "to_graphml", "to_networkx"]

Graph = Literal["affiliation", "organisations"]
GRAPHS: tuple[str, ...] = ("affiliation", "organisations")


def _networkx() -> Any:
    try:
        import networkx
    except ImportError:
        raise MissingDependency('graphs need networkx: pip install "coalitions[graph]"') from None
    return networkx


def _affiliation(corpus: Corpus, nx: Any, scope: str | None, roles: Any) -> Any:
    from ..analysis import choose_scope, scope_label, signatories, who_counts
    from ..analysis import scope as in_scope

    chosen = choose_scope(corpus, scope)
    graph = nx.Graph(name="affiliation", scope=scope_label(chosen))
    wanted = in_scope(corpus, name=scope)
    for organisation in corpus.organisations:
        if organisation.id not in wanted:
            continue
        attributes = {"bipartite": 0, "type": "organisation", "label": organisation.name,
                      "kind": str(organisation.kind)}  # fmt: skip
        if organisation.founded:
            attributes["founded"] = organisation.founded[0].date.to_text()
        graph.add_node(organisation.id, **attributes)
    counted = {c.declaration: c for c in who_counts(corpus, scope=scope, roles=roles)}
    argument = chosen.id if chosen is not None else "all"
    for declaration in corpus.declarations:
        when = declaration.date
        mine = counted[declaration.id]
        graph.add_node(declaration.id, bipartite=1, type="declaration", label=declaration.title,
                       kind=str(declaration.kind), date=when.to_text(), date_earliest=when.earliest.isoformat(),
                       date_latest=when.latest.isoformat(), listed=str(mine.status))  # fmt: skip
        if not mine.known:
            continue
        for found in signatories(corpus, declaration.id, roles=roles, scope=argument):
            if found.kind != "organisation" or found.signer not in mine.organisations:
                continue
            if found.signer not in graph:  # an organisation known only from memberships
                graph.add_node(found.signer, bipartite=0, type="organisation", label=corpus.name_of(found.signer),
                               kind="organisation")  # fmt: skip
            attributes = {"role": str(found.signature.role), "status": str(found.status), "date": when.to_text()}
            if found.represented_by:
                attributes["represented_by"] = " ".join(found.represented_by)
            graph.add_edge(found.signer, declaration.id, **attributes)
    return graph


def _projection(affiliation: Any, corpus: Corpus, nx: Any, scope: str | None, roles: Any) -> Any:
    from ..analysis import cosigning

    graph = nx.Graph(name="organisations", scope=affiliation.graph["scope"])
    for node, data in affiliation.nodes(data=True):
        if data["type"] == "organisation":
            graph.add_node(node, **{k: v for k, v in data.items() if k != "bipartite"})
    for declaration in corpus.declarations:
        if declaration.id not in affiliation:
            continue
        signers = sorted(affiliation.neighbors(declaration.id))
        when = declaration.date
        for a, b in combinations(signers, 2):
            if graph.has_edge(a, b):
                edge = graph.edges[a, b]
                edge["weight"] += 1
                edge["declarations"] += f" {declaration.id}"
                edge["last"] = when.to_text()  # declarations come in date order
            else:
                graph.add_edge(a, b, weight=1, declarations=declaration.id, first=when.to_text(), last=when.to_text())
    table = cosigning(corpus, scope=scope, roles=roles)
    for k in range(len(table)):
        a, b = table.ids[int(table.left[k])], table.ids[int(table.right[k])]
        if graph.has_edge(a, b):
            graph.edges[a, b]["weight_low"] = int(table.low[k])
            graph.edges[a, b]["weight_high"] = int(table.high[k])
    return graph


def to_networkx(corpus: Corpus, graph: Graph = "affiliation", *, scope: str | None = None,
                roles: Any = None) -> Any:  # fmt: skip
    """The ``affiliation`` network (organisations × declarations) or its ``organisations`` projection, in ``scope``
    (default: the corpus's default scope; ``"all"``: everyone) by ``roles`` (default: the tiers each declaration
    counts).

    >>> from coalitions import load
    >>> to_networkx(load()).graph["name"]
    'affiliation'
    """
    nx = _networkx()
    if graph not in GRAPHS:
        raise ValueError(f"unknown graph {graph!r}; expected one of {', '.join(GRAPHS)}")
    affiliation = _affiliation(corpus, nx, scope, roles)
    return affiliation if graph == "affiliation" else _projection(affiliation, corpus, nx, scope, roles)


def to_graphml(corpus: Corpus, graph: Graph = "affiliation", *, scope: str | None = None, roles: Any = None) -> bytes:
    """``graph`` as GraphML (UTF-8 bytes), for Gephi, Cytoscape, yEd or ``networkx.read_graphml``."""
    nx = _networkx()
    out = io.BytesIO()
    nx.write_graphml(to_networkx(corpus, graph, scope=scope, roles=roles), out, encoding="utf-8")
    return out.getvalue()


def to_gexf(corpus: Corpus, graph: Graph = "affiliation", *, scope: str | None = None, roles: Any = None) -> bytes:
    """``graph`` as GEXF 1.2 (UTF-8 bytes), Gephi's own format."""
    nx = _networkx()
    out = io.BytesIO()
    nx.write_gexf(to_networkx(corpus, graph, scope=scope, roles=roles), out, encoding="utf-8", version="1.2draft")
    return out.getvalue()
