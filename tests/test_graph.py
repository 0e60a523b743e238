"""Tests for coalitions.interop.graph: the affiliation network and its projection, as networkx, GraphML and GEXF."""

from __future__ import annotations

import io
import sys

import pytest

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    DeclarationKind,
    Organisation,
    OrganisationKind,
    Person,
    Signature,
    SignatureRole,
    Status,
    parse_when,
)
from coalitions.interop.graph import to_gexf, to_graphml, to_networkx
from coalitions import MissingDependency

nx = pytest.importorskip("networkx", reason='needs networkx: pip install "coalitions[graph]"')
DOC = (Citation("doc"),)


def _declaration(declaration_id: str, date: str, *signers: str, status: Status = Status.ASSERTED) -> Declaration:
    signatures = tuple(Signature(DOC, signer=s, status=status if s == "c" else Status.ASSERTED) for s in signers)
    return Declaration(declaration_id, declaration_id.upper(), DeclarationKind.STATEMENT,
                       (DateClaim(parse_when(date)),), DOC, signatures=signatures)  # fmt: skip


def _corpus() -> Corpus:
    orgs = [Organisation(i, f"Org {i}", OrganisationKind.PARTY, DOC) for i in "abc"]
    return Corpus(orgs, [Person("p", "P", DOC)], (), [
        _declaration("one", "2022-05", "a", "b", "p"),
        _declaration("two", "16 Qaws 1403", "a", "b", "c"),
        _declaration("three", "2025", "b", "c", status=Status.DENIED),
    ])  # fmt: skip


class TestToNetworkx:
    """The graphs."""

    def test_affiliation(self) -> None:
        """Organisations and declarations, an edge per organisation signature; people and denials left out."""
        graph = to_networkx(_corpus())
        assert {("a", "one"), ("b", "one"), ("a", "two"), ("b", "two"), ("c", "two"), ("b", "three")} == {
            tuple(sorted(e, key=lambda n: len(n) > 1)) for e in graph.edges}  # fmt: skip
        assert {"bipartite": 1, "type": "declaration", "label": "TWO", "kind": "statement", "date": "16 Qaws 1403",
                "date_earliest": "2024-12-06", "date_latest": "2024-12-06", "listed": "complete"} == graph.nodes["two"]  # fmt: skip
        assert "p" not in graph

    def test_projection(self) -> None:
        """Two organisations are linked by the declarations they both signed, with the first and last date."""
        graph = to_networkx(_corpus(), "organisations")
        assert {"weight": 2, "weight_low": 2, "weight_high": 2, "declarations": "one two", "first": "2022-05",
                "last": "16 Qaws 1403"} == graph.edges["a", "b"]  # fmt: skip
        assert 1 == graph.edges["b", "c"]["weight"]

    def test_hosts_are_linked_only_when_asked(self) -> None:
        """A host is no signer: it has no edge unless ``roles`` asks for the hosted tier."""
        host = Signature(DOC, signer="c", role=SignatureRole.HOST)
        corpus = _corpus()
        corpus = Corpus(corpus.organisations, corpus.people, (), [*corpus.declarations[:2], Declaration(
            "meeting", "MEETING", DeclarationKind.CONFERENCE, (DateClaim(parse_when("2023")),), DOC,
            signatures=(Signature(DOC, signer="a", role=SignatureRole.PARTICIPANT), host))])  # fmt: skip
        assert not to_networkx(corpus).has_edge("c", "meeting")
        assert to_networkx(corpus).has_edge("a", "meeting")
        assert "host" == to_networkx(corpus, roles=["hosted"]).edges["c", "meeting"]["role"]

    def test_representative_counts_as_the_organisation(self) -> None:
        """A person who signed for an organisation links that organisation, once, and is named as its
        representative."""
        corpus = _corpus()
        for_a = Signature(DOC, signer="p", on_behalf_of="a")
        corpus = Corpus(corpus.organisations, corpus.people, (), [Declaration(
            "letter", "LETTER", DeclarationKind.STATEMENT, (DateClaim(parse_when("2023")),), DOC,
            signatures=(for_a,))])  # fmt: skip
        graph = to_networkx(corpus)
        assert {("a", "letter")} == {tuple(sorted(e, key=lambda n: len(n) > 1)) for e in graph.edges}
        assert "p" == graph.edges["a", "letter"]["represented_by"]

    def test_unknown_list_has_no_edge(self) -> None:
        """A declaration whose list is unknown says nothing of who came: no edge, ``listed="unknown"``."""
        corpus = _corpus()
        silent = Declaration("silent", "SILENT", DeclarationKind.CONFERENCE, (DateClaim(parse_when("2023")),), DOC)
        graph = to_networkx(Corpus(corpus.organisations, corpus.people, (), [*corpus.declarations, silent]))
        assert "unknown" == graph.nodes["silent"]["listed"]
        assert 0 == graph.degree("silent")

    def test_bundled_scope(self) -> None:
        """On the bundled corpus, the default scope leaves out the Taliban and the hosts of the conferences; over
        everyone, the Herat Security Dialogue's organiser AISS is linked only where its head spoke for it, never as
        the organiser, and the Taliban only where they took part (Doha III), not where they were invited (Herat Security
        Dialogue XI, Doha II)."""
        from coalitions import load

        graph = to_networkx(load())
        assert "taliban" not in graph and "afghan-institute-for-strategic-studies" not in graph
        everyone = to_networkx(load(), scope="all")
        aiss = "afghan-institute-for-strategic-studies"
        assert [("herat-security-dialogue-11", "speaker", "davood-moradian")] == [
            (b, e["role"], e["represented_by"]) for _, b, e in everyone.edges(aiss, data=True)]  # fmt: skip
        assert ["doha-meeting-3"] == [b for _, b in everyone.edges("taliban")]
        assert everyone.degree(aiss) < to_networkx(load(), scope="all", roles=["hosted", "signed", "took part"]).degree(aiss)

    def test_unknown_graph(self) -> None:
        """An unknown graph name is refused."""
        with pytest.raises(ValueError, match="affiliation, organisations"):
            to_networkx(_corpus(), "people")  # type: ignore[arg-type]

    def test_missing_networkx(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without networkx the error says what to install."""
        monkeypatch.setitem(sys.modules, "networkx", None)
        with pytest.raises(MissingDependency, match=r"coalitions\[graph\]"):
            to_networkx(_corpus())


class TestFiles:
    """GraphML and GEXF read back by networkx."""

    @pytest.mark.parametrize("graph", ["affiliation", "organisations"])
    def test_graphml(self, graph: str) -> None:
        """GraphML reads back with the same nodes, edges and attributes."""
        original = to_networkx(_corpus(), graph)  # type: ignore[arg-type]
        read = nx.read_graphml(io.BytesIO(to_graphml(_corpus(), graph)))  # type: ignore[arg-type]
        assert dict(original.nodes(data=True)) == dict(read.nodes(data=True))
        assert {frozenset(e) for e in original.edges} == {frozenset(e) for e in read.edges}
        a, b = next(iter(original.edges))
        assert original.edges[a, b] == read.edges[a, b]

    @pytest.mark.parametrize("graph", ["affiliation", "organisations"])
    def test_gexf(self, graph: str) -> None:
        """GEXF reads back with the same nodes, edges and date attributes."""
        original = to_networkx(_corpus(), graph)  # type: ignore[arg-type]
        read = nx.read_gexf(io.BytesIO(to_gexf(_corpus(), graph)))  # type: ignore[arg-type]
        assert set(original.nodes) == set(read.nodes)
        assert {frozenset(e) for e in original.edges} == {frozenset(e) for e in read.edges}
        if graph == "affiliation":
            assert "16 Qaws 1403" == read.nodes["two"]["date"]
        else:
            assert "one two" == read.edges["a", "b"]["declarations"]
