"""The corpus as networkx graphs, and as GraphML and GEXF for Gephi and other network tools.

* ``affiliation``: a bipartite graph of organisations (``bipartite=0``) and declarations (``bipartite=1``); an edge
  for each organisation that signed a declaration (role and status as attributes; a disputed signature is kept,
  with ``status="disputed"``; denied and declined ones are left out).
* ``organisations``: its projection on organisations: an edge between two organisations that signed the same
  declarations, with ``weight`` (how many), ``declarations`` (their ids), ``first`` and ``last`` (dates).

Every attribute is text or a whole number, so GraphML and GEXF keep it. Dates are attributes as the data writes
them (``date``) with the first and last day they may stand for (``date_earliest``, ``date_latest``, ISO).
Needs networkx: ``pip install "coalitions[graph]"``.
"""

from __future__ import annotations

import io
from itertools import combinations
from typing import Any, Literal

from ..model import Corpus, MissingDependency, Status

__all__ = ["GRAPHS", "Graph", "to_gexf", "to_graphml", "to_networkx"]

Graph = Literal["affiliation", "organisations"]
GRAPHS: tuple[str, ...] = ("affiliation", "organisations")
_NOT_SIGNED = (Status.DENIED, Status.DECLINED)


def _networkx() -> Any:
    try:
        import networkx
    except ImportError:
        raise MissingDependency('graphs need networkx: pip install "coalitions[graph]"') from None
    return networkx


def _affiliation(corpus: Corpus, nx: Any) -> Any:
    graph = nx.Graph(name="affiliation")
    for organisation in corpus.organisations:
        attributes = {"bipartite": 0, "type": "organisation", "label": organisation.name,
                      "kind": organisation.kind.value}  # fmt: skip
        if organisation.founded:
            attributes["founded"] = organisation.founded[0].date.to_text()
        graph.add_node(organisation.id, **attributes)
    for declaration in corpus.declarations:
        when = declaration.date
        graph.add_node(declaration.id, bipartite=1, type="declaration", label=declaration.title,
                       kind=declaration.kind.value, date=when.to_text(), date_earliest=when.earliest.isoformat(),
                       date_latest=when.latest.isoformat())  # fmt: skip
        for signature in declaration.signatures:
            if signature.signer is None or not corpus.is_organisation(signature.signer):
                continue
            if signature.status in _NOT_SIGNED or graph.has_edge(signature.signer, declaration.id):
                continue
            graph.add_edge(signature.signer, declaration.id, role=signature.role.value,
                           status=signature.status.value, date=when.to_text())  # fmt: skip
    return graph


def _projection(affiliation: Any, corpus: Corpus, nx: Any) -> Any:
    graph = nx.Graph(name="organisations")
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
    return graph


def to_networkx(corpus: Corpus, graph: Graph = "affiliation") -> Any:
    """The ``affiliation`` network (organisations × declarations) or its ``organisations`` projection.

    >>> from coalitions import load
    >>> to_networkx(load()).graph["name"]
    'affiliation'
    """
    nx = _networkx()
    if graph not in GRAPHS:
        raise ValueError(f"unknown graph {graph!r}; expected one of {', '.join(GRAPHS)}")
    affiliation = _affiliation(corpus, nx)
    return affiliation if graph == "affiliation" else _projection(affiliation, corpus, nx)


def to_graphml(corpus: Corpus, graph: Graph = "affiliation") -> bytes:
    """``graph`` as GraphML (UTF-8 bytes), for Gephi, Cytoscape, yEd or ``networkx.read_graphml``."""
    nx = _networkx()
    out = io.BytesIO()
    nx.write_graphml(to_networkx(corpus, graph), out, encoding="utf-8")
    return out.getvalue()


def to_gexf(corpus: Corpus, graph: Graph = "affiliation") -> bytes:
    """``graph`` as GEXF 1.2 (UTF-8 bytes), Gephi's own format."""
    nx = _networkx()
    out = io.BytesIO()
    nx.write_gexf(to_networkx(corpus, graph), out, encoding="utf-8", version="1.2draft")
    return out.getvalue()
