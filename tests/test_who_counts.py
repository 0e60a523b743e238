"""Who counts, what is unknown, how sure an answer is: the rules of docs/metrics.md ("Who counts"), as properties.

Each property quotes the rule it checks. The corpora are drawn by ``strategies.nested_corpora`` (councils nesting
without a cycle, disputed and unclear claims, dated and undated memberships) and changed the way each rule says
must not matter: a host added, a representative beside the organisation it represents, a list said unknown, a
record named by its name instead of its id.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import analysis_whens, nested_corpora

import coalitions
from coalitions import (
    Citation,
    Corpus,
    ListStatus,
    Person,
    Scope,
    ScopeEntry,
    Settings,
    Signature,
    When,
    compare,
    cosigning,
    coverage,
    members_at,
    metric_series,
    series_changes,
)
from coalitions.analysis.readings import Reading
from coalitions.analysis.scoping import choose_scope
from coalitions.analysis.signers import participants, signer_set
from coalitions.analysis.unitindex import units

DOC = (Citation("doc"),)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(a: Any, b: Any) -> bool:
    """Equal, NaN equal to NaN (answers are compared through their repr, where NaN is ``nan`` on both sides)."""
    return repr(a) == repr(b)


def readings_sets(corpus: Corpus, declaration_id: str) -> list[frozenset[str]]:
    """The declaration's signer set (organisations, councils expanded) under the all-in and all-out readings."""
    return [signer_set(corpus, declaration_id, r, expand=True) for r in (Reading.all_in(), Reading.all_out())]


def with_signatures(corpus: Corpus, extra: Callable[[Any], tuple[Signature, ...]]) -> Corpus:
    """``corpus`` with ``extra(declaration)`` appended to each declaration's signatures."""
    declarations = [attrs.evolve(d, signatures=d.signatures + extra(d)) for d in corpus.declarations]
    return Corpus(corpus.organisations, corpus.people, corpus.memberships, declarations, corpus.sources,
                  settings=corpus.settings)  # fmt: skip


# -- roles --------------------------------------------------------------------------------------------------------


class TestRoles:
    @SLOW
    @given(nested_corpora(), st.data())
    def test_hosts_never_count(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "Hosts, organisers and the invited never count by default: adding one changes no signer set, no
        co-signing count and no metric." """
        ids = [o.id for o in corpus.organisations]
        role = data.draw(st.sampled_from(["host", "organiser", "invited"]))
        hosted = with_signatures(corpus, lambda d: tuple(
            Signature(DOC, o, role=role) for o in data.draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
            if o not in {s.signer for s in d.signatures}))  # fmt: skip
        for d in corpus.declarations:
            assert readings_sets(corpus, d.id) == readings_sets(hosted, d.id)
        assert same(cosigning(corpus).low, cosigning(hosted).low)
        assert same(cosigning(corpus).high, cosigning(hosted).high)
        assert same(metric_series(corpus, "year"), metric_series(hosted, "year"))

    @SLOW
    @given(nested_corpora(), st.data())
    def test_hosts_count_when_asked(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "roles= names the tiers or roles that count": asked for hosts, a host is counted."""
        assume(corpus.declarations)
        ids = [o.id for o in corpus.organisations]
        host = data.draw(st.sampled_from(ids))
        first = corpus.declarations[0]
        hosted = with_signatures(corpus, lambda d: (Signature(DOC, host, role="host"),) if d is first else ())
        counted = signer_set(hosted, first.id, Reading.all_in(), roles=("hosted",))
        assert host in counted
        assert host not in signer_set(hosted, first.id, Reading.all_in()) - signer_set(corpus, first.id,
                                                                                        Reading.all_in())  # fmt: skip


class TestRepresentation:
    @SLOW
    @given(nested_corpora(), st.data())
    def test_representative_counts_once_as_the_represented(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "a signature on_behalf_of X counts as X, once": a person signing for an organisation adds that
        organisation (as if it had signed) and never the person, whether or not the organisation signed too."""
        assume(corpus.declarations)
        ids = [o.id for o in corpus.organisations]
        people = [Person(f"p{i}", f"Person {i}", DOC) for i in range(3)]
        base = Corpus(corpus.organisations, people, corpus.memberships, corpus.declarations, corpus.sources)
        picks = {d.id: data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) for d in base.declarations}
        by_person = with_signatures(base, lambda d: tuple(
            Signature(DOC, f"p{i}", role="representative", on_behalf_of=o) for i, o in enumerate(picks[d.id])))
        by_itself = with_signatures(base, lambda d: tuple(Signature(DOC, o) for o in picks[d.id]))
        for d in base.declarations:
            for reading in (Reading.all_in, Reading.all_out):
                person = signer_set(by_person, d.id, reading(), expand=True)
                itself = signer_set(by_itself, d.id, reading(), expand=True)
                assert person == itself
                assert not person & {p.id for p in people}


# -- what is unknown ----------------------------------------------------------------------------------------------


def unknown_lists(corpus: Corpus, chosen: set[str]) -> Corpus:
    """``corpus`` with the lists of the ``chosen`` declarations said unknown (and the others complete), all in
    one series."""
    declarations = [attrs.evolve(d, series=("s",), listed=ListStatus.UNKNOWN if d.id in chosen else ListStatus.COMPLETE,
                                 signatures=() if d.id in chosen else d.signatures)
                    for d in corpus.declarations]  # fmt: skip
    return Corpus(corpus.organisations, corpus.people, corpus.memberships, declarations, corpus.sources)


class TestUnknown:
    @SLOW
    @given(nested_corpora(), st.data())
    def test_unknown_list_never_joins_or_leaves(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "An unknown list is not an empty one: a step across it is not comparable, and nobody joins,
        leaves or stays across it." """
        ids = [d.id for d in corpus.declarations]
        assume(len(ids) >= 2)
        chosen = set(data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)))
        steps = series_changes(unknown_lists(corpus, chosen), "s")
        assert len(steps) == len(ids) - 1
        for step in steps:
            if step.before in chosen or step.after in chosen:
                assert (step.joined, step.left, step.stayed, step.comparable) == (frozenset(),) * 3 + (False,)
                assert math.isnan(step.churn)
            else:
                assert step.comparable

    @SLOW
    @given(nested_corpora(), st.data())
    def test_unknown_list_leaves_coverage_undefined(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "A declaration whose list is unknown is left out: its coverage is undefined (NaN), never 0." """
        assume(corpus.declarations)
        first = corpus.declarations[0].id
        unknown = unknown_lists(corpus, {first})
        value = coverage(unknown, first)
        assert math.isnan(value.low) and math.isnan(value.high)
        assert participants(unknown, unknown.declaration(first), Reading.all_in(), None).status is ListStatus.UNKNOWN

    @SLOW
    @given(nested_corpora(dated=False), analysis_whens())
    def test_undated_membership_is_never_certain(self, corpus: Corpus, at: When) -> None:
        """Rule: "an undated membership stays undated on every other day" (a day no dated document shows it):
        it is never a certain membership on a date, whatever the date."""
        stripped = Corpus(corpus.organisations, (), corpus.memberships, [
            attrs.evolve(d, signatures=tuple(attrs.evolve(s, printed_members=()) for s in d.signatures))
            for d in corpus.declarations], corpus.sources)  # fmt: skip
        for council in {m.organisation for m in stripped.memberships}:
            for found in members_at(stripped, council, at):
                assert found.certainty == "undated"

    @SLOW
    @given(nested_corpora(), st.data(), analysis_whens())
    def test_adding_undated_membership_makes_nobody_certain(self, corpus: Corpus, data: st.DataObject,
                                                           at: When) -> None:  # fmt: skip
        """Rule: "adding an undated membership never makes a member certain on any date" (a membership no dated
        document shows): the certain members of every council on every date are the same, or fewer."""
        from coalitions import Membership

        ids = [o.id for o in corpus.organisations]
        i = data.draw(st.integers(1, len(ids) - 1))
        council, member = ids[i], data.draw(st.sampled_from(ids[:i]))  # later to earlier: no cycle
        shown = {(s.signer, p.member) for d in corpus.declarations for s in d.signatures for p in s.printed_members}
        assume((council, member) not in shown)
        added = Corpus(corpus.organisations, (), [*corpus.memberships, Membership(council, member, DOC)],
                       corpus.declarations, corpus.sources)  # fmt: skip

        def certain(c: Corpus, of: str, expand: bool) -> set[str]:
            return {m.member for m in members_at(c, of, at, expand=expand) if m.certainty == "certain"}

        for of in ids:
            for expand in (False, True):
                assert certain(added, of, expand) <= certain(corpus, of, expand)

    def test_undated_membership_is_certain_on_the_day_a_document_shows_it(self) -> None:
        """Rule: "A membership is also certain on a day a dated document shows it", and on no other day."""
        from coalitions import DateClaim, Declaration, Membership, Organisation, PrintedMember

        orgs = [Organisation(i, i.upper(), "council" if i == "c" else "party", DOC) for i in "abc"]
        printed = Signature(DOC, "c", printed_members=(PrintedMember("A", "a"),))
        corpus = Corpus(orgs, memberships=[Membership("c", "a", DOC), Membership("c", "b", DOC)], declarations=[
            Declaration("d", "D", "statement", (DateClaim(When.of("2024-02-15")),), DOC, signatures=(printed,))])
        on_day = {m.member: m.certainty for m in members_at(corpus, "c", "2024-02-15")}
        other_day = {m.member: m.certainty for m in members_at(corpus, "c", "2024-02-16")}
        assert (on_day, other_day) == ({"a": "certain", "b": "undated"}, {"a": "undated", "b": "undated"})


# -- how sure ---------------------------------------------------------------------------------------------------


def claims_closed(compute: Callable[[Reading], Any]) -> set[Hashable]:
    """Every claim ``compute`` asks about, under any reading (closed under asking, like the search itself)."""
    seen: set[Hashable] = set()
    for probe in (Reading.all_in(), Reading.all_out()):
        compute(probe)
        seen |= probe.seen
    frontier = set(seen)
    while frontier and len(seen) <= 10:
        found: set[Hashable] = set()
        for claim in frontier:
            probe = Reading([claim])
            compute(probe)
            found |= probe.seen
        frontier, seen = found - seen, seen | found
    return seen


def every_reading(compute: Callable[[Reading], float]) -> list[float] | None:
    """``compute`` under every reading of its claims (brute force, 2**k readings), or None past 10 claims."""
    claims = sorted(claims_closed(compute), key=repr)
    if len(claims) > 10:
        return None
    return [compute(Reading(chosen)) for k in range(len(claims) + 1) for chosen in itertools.combinations(claims, k)]


def contains_every(r: coalitions.Range, values: list[float]) -> None:
    defined = [v for v in values if not math.isnan(v)]
    if not defined:
        assert not r.defined
        return
    assert r.low <= min(defined) + 1e-12 and max(defined) <= r.high + 1e-12
    if r.exact:  # the true bounds: some reading gives each
        assert math.isclose(r.low, min(defined)) and math.isclose(r.high, max(defined))


def scoped(corpus: Corpus, data: st.DataObject) -> Corpus:
    """``corpus`` with a default scope whose entries leave drawn organisations out, undated or for a drawn time."""
    ids = [o.id for o in corpus.organisations]
    entries = []
    for member in data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)):
        start = data.draw(st.none() | analysis_whens())
        entries.append(ScopeEntry(member, DOC, included=False, start=start))
    chosen = Scope("movement", "The movement", default=True, entries=tuple(entries))
    return Corpus(corpus.organisations, corpus.people, corpus.memberships, corpus.declarations, corpus.sources,
                  settings=Settings(scopes=(chosen,)))  # fmt: skip


class TestExactness:
    @SLOW
    @given(nested_corpora(max_organisations=5, max_declarations=3), st.data())
    def test_coverage_contains_every_reading(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "an exact range is the true one: every reading of the uncertain claims gives a value between its
        bounds, and some reading gives each bound" (coverage, against brute force over every reading)."""
        assume(corpus.declarations)
        corpus = scoped(corpus, data) if data.draw(st.booleans()) else corpus
        chosen = choose_scope(corpus, None)
        declaration = data.draw(st.sampled_from(list(corpus.declarations)))
        at = declaration.date

        def value(reading: Reading) -> float:
            found = participants(corpus, declaration, reading, chosen, expand=True)
            universe = set(units(corpus, at, reading, chosen))
            if found.status is ListStatus.UNKNOWN or not universe:
                return math.nan
            return len(universe & found.kept) / len(universe)

        values = every_reading(value)
        assume(values is not None)
        contains_every(coverage(corpus, declaration.id), values)  # type: ignore[arg-type]

    @SLOW
    @given(nested_corpora(max_organisations=5, max_declarations=3), st.data())
    def test_overlap_contains_every_reading(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "an exact range is the true one" (the Jaccard index of two declarations, against brute force)."""
        assume(len(corpus.declarations) >= 2)
        a, b = data.draw(st.lists(st.sampled_from(list(corpus.declarations)), min_size=2, max_size=2, unique=True))

        def value(reading: Reading) -> float:
            fa, fb = participants(corpus, a, reading, None), participants(corpus, b, reading, None)
            if ListStatus.UNKNOWN in (fa.status, fb.status):  # an unknown list overlaps nothing, not zero
                return math.nan
            union = fa.parts | fb.parts
            return len(fa.parts & fb.parts) / len(union) if union else math.nan

        values = every_reading(value)
        assume(values is not None)
        contains_every(compare(corpus, a.id, b.id, scope="all").jaccard_range, values)  # type: ignore[arg-type]

    @SLOW
    @given(nested_corpora(max_organisations=5, max_declarations=3), st.data())
    def test_scope_left_out_never_counts(self, corpus: Corpus, data: st.DataObject) -> None:
        """Rule: "An entry in: false leaves its member out of the scope for its time": an organisation left out
        for all time is in no declaration's count and in no date's units, under any reading."""
        assume(corpus.declarations)
        ids = [o.id for o in corpus.organisations]
        out = data.draw(st.sampled_from(ids))
        chosen = Scope("movement", "The movement", default=True, entries=(ScopeEntry(out, DOC, included=False),))
        corpus = Corpus(corpus.organisations, (), corpus.memberships, corpus.declarations, corpus.sources,
                        settings=Settings(scopes=(chosen,)))  # fmt: skip
        for d in corpus.declarations:
            for reading in (Reading.all_in(), Reading.all_out()):
                assert out not in participants(corpus, d, reading, chosen, expand=True).kept
                assert out not in units(corpus, d.date, reading, chosen)


    def test_answers_kept_follow_the_scope(self) -> None:
        """Two scopes of one id (one built anew, leaving the signer out) give each its own answer: the answers
        participants keeps are those of the scope asked, not of the first one asked under that id."""
        corpus = coalitions.load()
        d = corpus.declaration("joint-declaration-doha-2024-02-15")
        first = choose_scope(corpus, None)
        assert first is not None
        member = sorted(participants(corpus, d, Reading.all_in(), first).kept)[0]
        narrower = attrs.evolve(first, entries=(*first.entries, ScopeEntry(member, DOC, included=False)))
        assert member in participants(corpus, d, Reading.all_in(), first).kept
        assert member not in participants(corpus, d, Reading.all_in(), narrower).kept
        assert member in participants(corpus, d, Reading.all_in(), attrs.evolve(first)).kept


class TestBundledReadings:
    """Rule: "the exact bounds contain every reading's value", checked on the bundled corpus by a random search of
    readings (its claims are too many for brute force): each reading's value, computed from the definitions, lies
    within the range the library reports, and an exact range's ends are reached by the readings it names."""

    @staticmethod
    def sample(compute: Callable[[Reading], float], rng: Any, n: int = 150) -> list[float]:
        claims = sorted(claims_closed(compute), key=repr)
        values = [compute(Reading(c for c in claims if rng.random() < p)) for p in (0.2, 0.5, 0.8) for _ in range(n // 3)]
        return values + [compute(Reading.all_in()), compute(Reading.all_out())]

    def test_coverage_of_the_joint_declaration(self, bundled: Corpus) -> None:
        """The 15 February 2024 declaration's coverage, over 150 random readings."""
        import random

        declaration = bundled.declaration(JOINT)
        chosen = choose_scope(bundled, None)

        def value(reading: Reading) -> float:
            found = participants(bundled, declaration, reading, chosen, expand=True)
            universe = set(units(bundled, declaration.date, reading, chosen))
            return len(universe & found.kept) / len(universe)

        reported = coverage(bundled, JOINT)
        contains_every(attrs.evolve(reported, exact=False), self.sample(value, random.Random(13)))
        assert math.isclose(reported.low, value(Reading(reported.low_claims)))
        assert math.isclose(reported.high, value(Reading(reported.high_claims)))

    @pytest.mark.parametrize("year", ["2022", "2024"])
    def test_fragmentation_of_a_year(self, bundled: Corpus, year: str) -> None:
        """Rae's fragmentation of the co-signing components of a year's declarations, over 150 random readings."""
        import random

        from coalitions.analysis.measures import components, rae

        window = When.of(year)
        chosen = choose_scope(bundled, None)
        declarations = [d for d in bundled.declarations if window.earliest <= d.date.earliest <= window.latest]

        def value(reading: Reading) -> float:
            found = [participants(bundled, d, reading, chosen, expand=True) for d in declarations]
            sets = [f.parts for f in found if f.status is not ListStatus.UNKNOWN]
            return rae([float(n) for n in components(set().union(*sets), sets).values()] if sets else [])

        reported = coalitions.fragmentation(bundled, year)
        contains_every(attrs.evolve(reported, exact=False), self.sample(value, random.Random(int(year))))


# -- names and ids ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return coalitions.load(coalitions.bundled_data_path())


JOINT = "joint-declaration-doha-2024-02-15"
ORGANISATION_QUESTIONS: dict[str, Callable[[Corpus, str], Any]] = {
    "members_at": lambda c, k: coalitions.members_at(c, k, "2024-02-15", expand=True),
    "expand": lambda c, k: coalitions.expand(c, [k], "2024-02-15"),
    "composition_changes": lambda c, k: coalitions.composition_changes(c, k),
    "timeline": lambda c, k: coalitions.timeline(c, k),
    "partners": lambda c, k: coalitions.partners(c, k),
    "coverage among": lambda c, k: coalitions.coverage(c, JOINT, among=[k]),
    "compare": lambda c, k: coalitions.compare(c, JOINT, k, at_b="2024-02-15"),
}
DECLARATION_QUESTIONS: dict[str, Callable[[Corpus, str], Any]] = {
    "signatories": lambda c, k: coalitions.signatories(c, k),
    "coverage": lambda c, k: coalitions.coverage(c, k),
    "compare": lambda c, k: coalitions.compare(c, k, JOINT),
    "overlap_matrix": lambda c, k: coalitions.overlap_matrix(c, [k, JOINT]).low,
    "series_changes": lambda c, k: coalitions.series_changes(c, [k, JOINT]),
}


class TestNames:
    @pytest.mark.parametrize("question", sorted(ORGANISATION_QUESTIONS))
    def test_organisation_name_and_id(self, bundled: Corpus, question: str) -> None:
        """Rule: "Every function that takes an id takes any name, abbreviation or alias, with the same answer"
        (every council of the bundled corpus, by id, name and each abbreviation)."""
        ask = ORGANISATION_QUESTIONS[question]
        councils = [o for o in bundled.organisations if bundled.members_of(o.id)]
        assert councils
        for council in councils:
            expected = ask(bundled, council.id)
            for key in (council.name, *council.abbreviations, *(a.text for a in council.aliases)):
                if bundled.resolve(key) == council.id:  # a name two records share is refused elsewhere
                    assert same(expected, ask(bundled, key)), (question, council.id, key)

    @pytest.mark.parametrize("question", sorted(DECLARATION_QUESTIONS))
    def test_declaration_title_and_id(self, bundled: Corpus, question: str) -> None:
        """Rule: "Every function that takes an id takes any name", a declaration's title too."""
        ask = DECLARATION_QUESTIONS[question]
        for declaration in bundled.declarations[::3]:
            assert same(ask(bundled, declaration.id), ask(bundled, declaration.title)), (question, declaration.id)

    def test_compare_names_what_it_compares(self, bundled: Corpus) -> None:
        """compare takes a declaration or an organisation: a source's id (``joint-declaration-2024`` is the
        source of the joint declaration) is not found, with the declaration it may mean, never "a council"."""
        with pytest.raises(coalitions.NotFound, match="joint-declaration-doha-2024-02-15"):
            compare(bundled, "joint-declaration-2024", JOINT)


class TestAnswersKept:
    """participants keeps each declaration's answers per set of the claims it asks (readings.Memo)."""

    @given(nested_corpora(), st.booleans())
    def test_kept_answer_is_the_answer(self, corpus: coalitions.Corpus, expand: bool) -> None:
        """Rule: a kept answer is "the answer the reading gives, and the claims it asks": for every declaration
        and every reading of its claims (and of claims it never asks), remembering or not, participants gives
        what computing it afresh gives, and a remembering reading sees the same claims."""
        from coalitions.analysis.bounds import Part, claims_of
        from coalitions.analysis.signers import _participants, participants

        for d in corpus.declarations:
            def fresh(r: Reading, d: coalitions.Declaration = d) -> Any:
                return _participants(corpus, d, r, None, level="organisations", roles=None, expand=expand,
                                     use="printed")  # fmt: skip

            claims = sorted(claims_of(Part(d.id, fresh)))
            for n in range(len(claims) + 1):
                for chosen in itertools.combinations(claims, n):
                    for extra in ((), (("signature", "elsewhere", "0"),)):
                        expected, actual = Reading(chosen + extra), Reading(chosen + extra)
                        assert fresh(expected) == participants(corpus, d, actual, None, expand=expand)
                        assert expected.seen == actual.seen
                        quiet = Reading(chosen + extra, remember=False)
                        assert fresh(expected) == participants(corpus, d, quiet, None, expand=expand)
            for uniform in (Reading.all_in(), Reading.all_out()):
                again = Reading(None, default=uniform.default)
                assert fresh(uniform) == participants(corpus, d, again, None, expand=expand)
                assert uniform.seen == again.seen
