"""Tests of coalitions.analysis.digest: the answers the report and the exports show, one question a call."""

from __future__ import annotations

import datetime
import itertools
import math

from hypothesis import given, settings
from strategies import nested_corpora

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    Membership,
    Organisation,
    Person,
    PrintedMember,
    Signature,
    When,
    members_at,
)
from coalitions.analysis import (
    Part,
    Range,
    Reading,
    claims_of,
    composition_segments,
    councils_on,
    declaration_counts,
    list_sizes,
    participants,
    top_movers,
    who_counts,
)

SRC = (Citation("s"),)


def declaration(declaration_id: str, kind: str, date: str, *signatures: Signature, listed: str | None = None,
                ) -> Declaration:  # fmt: skip
    """A declaration of ``kind`` on ``date`` with ``signatures``."""
    return Declaration(declaration_id, declaration_id, kind, (DateClaim(When.of(date)),), SRC, listed=listed,
                       signatures=signatures)  # fmt: skip


def party(org_id: str, kind: str = "party") -> Organisation:
    """An organisation of ``kind``."""
    return Organisation(org_id, org_id.title(), kind, SRC)


def conference() -> Corpus:
    """An institute hosts a conference where Ann and Bob attend for a party, Cy in his own name, and the Taliban are
    invited; a statement of the party follows; a meeting names nobody."""
    return Corpus(
        [party("p"), party("q"), party("i", "institute"), party("t", "movement")],
        [Person("ann", "Ann", SRC), Person("bob", "Bob", SRC), Person("cy", "Cy", SRC)],
        declarations=[
            declaration("c", "conference", "2024-02-15", Signature(SRC, "i", role="organiser"),
                        Signature(SRC, "ann", role="participant", on_behalf_of="p"),
                        Signature(SRC, "bob", role="speaker", on_behalf_of="p"),
                        Signature(SRC, "cy", role="participant"), Signature(SRC, "t", role="invited")),
            declaration("s", "statement", "2024-03", Signature(SRC, "p"), Signature(SRC, "q", status="disputed")),
            declaration("m", "meeting", "2024-04", Signature(SRC, "i", role="host")),
        ],
    )  # fmt: skip


class TestWhoCounts:
    def test_tiers_and_representation(self):
        """Rule (issue #13, 2 and 3): hosts and the invited never count; two people attending for a party count as
        the party, once, and are named as its representatives; a person in their own name counts among people."""
        counted = {c.declaration: c for c in who_counts(conference())}
        assert frozenset({"p"}) == counted["c"].organisations
        assert (("p", ("ann", "bob")),) == counted["c"].represented
        assert frozenset({"cy"}) == counted["c"].people

    def test_unknown_list(self):
        """Rule (issue #13, 4): a meeting that names nobody who counts has an unknown list, not an empty one."""
        counted = {c.declaration: c for c in who_counts(conference())}
        assert ("unknown", False) == (str(counted["m"].status), counted["m"].known)
        assert ("partial", "complete") == (str(counted["c"].status), str(counted["s"].status))

    def test_expanded(self):
        """``expanded`` replaces a council that signed by the members it printed."""
        corpus = Corpus([party("c", "council"), party("a")], memberships=[Membership("c", "a", SRC)],
                        declarations=[declaration("d", "statement", "2024", Signature(
                            SRC, "c", printed_members=(PrintedMember("A", "a"),)))])  # fmt: skip
        found, = who_counts(corpus)
        assert (frozenset({"c"}), frozenset({"a"})) == (found.units(False), found.units(True))


def _readings(parts: list[Part]) -> list[Reading]:
    """Every reading of the claims ``parts`` ask about (brute force)."""
    claims = sorted(set().union(*(claims_of(p) for p in parts))) if parts else []
    return [Reading(chosen, remember=False) for n in range(len(claims) + 1)
            for chosen in itertools.combinations(claims, n)]  # fmt: skip


class TestDeclarationCounts:
    def test_disputed_signature_is_a_range(self):
        """A party represented at the conference and signing the statement counts 2; one whose signature of the
        statement is disputed counts 0 to 1, exactly, moved by that signature."""
        found = declaration_counts(conference())
        assert (2.0, 2.0, True) == (found["p"].low, found["p"].high, found["p"].exact)
        assert (0.0, 1.0, True) == (found["q"].low, found["q"].high, found["q"].exact)
        assert (("signature", "s", "1"),) == found["q"].movers

    def test_hosts_never_count(self):
        """Rule (issue #13, 2): the institute that hosted and organised counts in no declaration."""
        assert "i" not in declaration_counts(conference()) or 0 == declaration_counts(conference())["i"].high

    def test_people_level(self):
        """At the level of people, only who came in their own name counts."""
        assert {"cy"} == set(declaration_counts(conference(), level="people"))

    @settings(max_examples=40, deadline=None)
    @given(nested_corpora(max_organisations=5, max_declarations=4))
    def test_bounds_are_every_reading(self, corpus):
        """Rule (issue #13, 6): "the exact bounds contain every reading's value (checked by brute force)": when
        ``exact``, low and high are the least and the most declarations counting each organisation over every
        reading of the claims, expanded or not."""
        for expand in (False, True):
            found = declaration_counts(corpus, expand=expand)
            parts = [Part(d.id, lambda r, d=d: participants(corpus, d, r, None, expand=expand))
                     for d in corpus.declarations]  # fmt: skip
            readings = _readings(parts)
            if len(readings) > 512 or not all(r.exact for r in found.values()):
                continue
            counts = [{o: sum(o in p.compute(r).parts for p in parts if str(p.compute(r).status) != "unknown")
                       for o in found} for r in readings]  # fmt: skip
            for o, r in found.items():
                assert (r.low, r.high) == (min(c[o] for c in counts), max(c[o] for c in counts)), o


class TestListSizes:
    def test_unknown_is_undefined(self):
        """Rule (issue #13, 4): an unknown list has no size (NaN), a partial one is marked partial."""
        sizes = list_sizes(conference())
        assert math.isnan(sizes["m"].low) and not sizes["m"].defined
        assert (1.0, True) == (sizes["c"].low, sizes["c"].partial)
        assert (1.0, 2.0) == (sizes["s"].low, sizes["s"].high)


class TestCouncilsOn:
    def test_certainty(self):
        """Each member's councils on a date, with the analysis's certainty: an undated membership is undated,
        never certain."""
        corpus = Corpus([party("c", "council"), party("a"), party("b")],
                        memberships=[Membership("c", "a", SRC, start=When.of("2024-02")), Membership("c", "b", SRC)])
        found = councils_on(corpus, "2024-02-10")
        assert [("c", "possible")] == [(c, m.certainty) for c, m in found["a"]]
        assert [("c", "undated")] == [(c, m.certainty) for c, m in found["b"]]


class TestCompositionSegments:
    @settings(max_examples=40, deadline=None)
    @given(nested_corpora(max_organisations=5, max_declarations=3))
    def test_each_segment_is_members_at(self, corpus):
        """Rule: a segment is a stretch of days with one answer of members_at: the answer on its first day and on
        its last day is its members, and the next segment's answer differs."""
        for council in {m.organisation for m in corpus.memberships}:
            segments = composition_segments(corpus, council)
            for one, two in zip(segments, segments[1:]):
                assert one.members != two.members
                assert one.last is not None and two.start == one.last + datetime.timedelta(days=1)
            for segment in segments:
                for day in (segment.start, segment.last):
                    if day is not None:
                        assert segment.members == members_at(corpus, council, day)

    def test_undated_is_never_certain(self):
        """Rule (issue #13, 5): "adding an undated membership never makes a member certain on any date" but on the
        day a dated document shows it."""
        corpus = Corpus([party("c", "council"), party("a")], memberships=[Membership("c", "a", SRC)],
                        declarations=[declaration("d", "statement", "2024-05-01", Signature(
                            SRC, "c", printed_members=(PrintedMember("A", "a"),)))])  # fmt: skip
        found = [(str(s.start), str(s.last), [m.certainty for m in s.members])
                 for s in composition_segments(corpus, "c")]  # fmt: skip
        assert [("None", "2024-04-30", ["undated"]), ("2024-05-01", "2024-05-01", ["certain"]),
                ("2024-05-02", "None", ["undated"])] == found  # fmt: skip


class TestTopMovers:
    def test_most_first(self):
        """Claims are ranked by how many ranges they move, then by claim; ``limit`` keeps the first."""
        a, b = ("signature", "d", "0"), ("signature", "d", "1")
        ranges = [Range(0, 1, 0, 1, True, None, 1, (b,)), Range(0, 1, 0, 1, True, None, 2, (a, b)),
                  Range.point(1.0)]  # fmt: skip
        assert ((b, 2), (a, 1)) == top_movers(ranges)
        assert ((b, 2),) == top_movers(ranges, 1)
