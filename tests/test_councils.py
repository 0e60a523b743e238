"""Councils and membership at a date, expansion, signatories and timelines (coalitions.analysis.councils, .timeline)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import analysis_whens, cyclic_corpora, nested_corpora

from coalitions import (
    Citation,
    Corpus,
    CycleError,
    DateClaim,
    Declaration,
    ListStatus,
    Membership,
    Organisation,
    OrganisationKind,
    PrintedMember,
    Signature,
    Status,
    When,
    expand,
    members_at,
    signatories,
    timeline,
)
from coalitions.model.errors import NotFound

SRC = (Citation("doc"),)


def membership(council: str, member: str, start: str | None = None, end: str | None = None,
               status: str = "asserted", role: str = "member") -> Membership:  # fmt: skip
    """A membership citing ``doc``."""
    return Membership(council, member, SRC, role=role, start=When.of(start) if start else None,
                      end=When.of(end) if end else None, status=Status(status))  # fmt: skip


def declaration(decl_id: str, date: str, *signatures: Signature) -> Declaration:
    """A statement citing ``doc``."""
    return Declaration(decl_id, decl_id, "statement", (DateClaim(When.of(date)),), SRC, signatures=signatures)


NESTED = Corpus(
    organisations=[Organisation("assembly", "Assembly", "assembly", SRC, founded=(DateClaim(When.of("2020")),))],
    memberships=[
        membership("assembly", "council", "2021-01"),
        membership("council", "a", "2021-03-15"),
        membership("council", "b", "2021-03-15", "2023"),
        membership("council", "c", "2024-02"),
        membership("council", "d", "2021", status="disputed"),
        membership("council", "e", "2021", status="denied"),
        membership("council", "f", "2021", status="withdrawn", end="2022-06"),
        membership("council", "boss", "2021", role="leader"),
        membership("assembly", "g"),
    ],
)


class TestMembersAt:
    """members_at: who belongs to a council on a date, directly or to any depth."""

    def test_time_is_respected(self) -> None:
        """A party that left in 2023 is not a member in 2024; a denied membership never is; a leader is listed."""
        assert {"a", "c", "d", "boss"} == {m.member for m in members_at(NESTED, "council", "2024-06-01")}

    def test_month_precision_is_possible_then_certain(self) -> None:
        """Joined "2024-02": possible on 2024-02-10, certain on 2024-03-01, no member on 2024-01-31."""
        def certainty(day: str) -> list[str]:
            return [m.certainty for m in members_at(NESTED, "council", day) if m.member == "c"]
        assert (["possible"], ["certain"], []) == (certainty("2024-02-10"), certainty("2024-03-01"),
                                                  certainty("2024-01-31"))  # fmt: skip

    def test_disputed_listed_with_status(self) -> None:
        """A disputed membership is listed with status disputed, and left out with disputed="out"."""
        found = {m.member: m.status for m in members_at(NESTED, "council", "2022-01-01")}
        out = {m.member for m in members_at(NESTED, "council", "2022-01-01", disputed="out")}
        assert (Status.DISPUTED, False) == (found["d"], "d" in out)

    def test_withdrawn_ends_at_its_end(self) -> None:
        """A withdrawn membership holds until its end date, not after."""
        def has_f(day: str) -> bool:
            return "f" in {m.member for m in members_at(NESTED, "council", day)}
        assert (True, False) == (has_f("2022-01-01"), has_f("2022-07-01"))

    def test_expanded_lists_nested_with_via(self) -> None:
        """Expanded, the members of member councils appear with the chain of councils."""
        found = {m.member: m.via for m in members_at(NESTED, "assembly", "2022-01-01", expand=True)}
        assert ("assembly", "council") == found["a"] and ("assembly",) == found["council"]

    def test_undated_membership_is_undated_after_founding(self) -> None:
        """A membership with no start is undated (the sources say it held at some time, not when) after the
        council was founded, and no membership before."""
        assert ([], ["undated"]) == ([m.certainty for m in members_at(NESTED, "assembly", "2019-06-01")
                                       if m.member == "g"],
                                      [m.certainty for m in members_at(NESTED, "assembly", "2022-06-01")
                                       if m.member == "g"])  # fmt: skip

    def test_unknown_council(self) -> None:
        """An id that is neither a record nor a council is refused."""
        with pytest.raises(NotFound):
            members_at(NESTED, "nobody", "2022")

    @given(cyclic_corpora())
    def test_cycle_refused(self, case: tuple[Corpus, str]) -> None:
        """Rule: "council expansion ... refuses a cycle" (CycleError names the loop)."""
        corpus, council = case
        with pytest.raises(CycleError):
            members_at(corpus, council, "2024", expand=True)


class TestExpand:
    """expand: councils replaced by what they stand for."""

    def test_leaves(self) -> None:
        """Councils stand for their members at the date; a non-council stands for itself; leaders are not parts."""
        assert {"a", "c", "d", "g"} == expand(NESTED, ["assembly"], "2024-06-01")

    def test_keep_councils(self) -> None:
        """keep_councils keeps the councils beside their members."""
        assert {"assembly", "council", "a", "c", "d", "g"} == expand(NESTED, ["assembly"], "2024-06-01",
                                                                     keep_councils=True)  # fmt: skip

    def test_disputed_out(self) -> None:
        """disputed="out" keeps only certain, asserted memberships (the undated one is only possible)."""
        assert {"a", "c"} == expand(NESTED, ["assembly"], "2024-06-01", disputed="out")

    @given(nested_corpora(), analysis_whens())
    def test_idempotent(self, corpus: Corpus, at: When) -> None:
        """Rule: "council expansion is idempotent": expand(expand(X)) == expand(X)."""
        ids = [o.id for o in corpus.organisations]
        once = expand(corpus, ids, at)
        assert once == expand(corpus, once, at)

    @given(nested_corpora(), analysis_whens(), st.data())
    def test_monotone(self, corpus: Corpus, at: When, data: st.DataObject) -> None:
        """Rule: "council expansion is ... monotone": X ⊆ Y implies expand(X) ⊆ expand(Y)."""
        ids = [o.id for o in corpus.organisations]
        big = data.draw(st.lists(st.sampled_from(ids), unique=True))
        small = data.draw(st.lists(st.sampled_from(big), unique=True)) if big else []
        assert expand(corpus, small, at) <= expand(corpus, big, at)

    @given(nested_corpora(), analysis_whens())
    def test_terminates_on_acyclic(self, corpus: Corpus, at: When) -> None:
        """Rule: "council expansion ... terminates on any acyclic nesting": every id expands to known ids."""
        ids = {o.id for o in corpus.organisations}
        assert expand(corpus, ids, at) <= ids

    @given(cyclic_corpora())
    def test_cycle_refused(self, case: tuple[Corpus, str]) -> None:
        """Rule: "council expansion ... refuses a cycle"."""
        corpus, council = case
        with pytest.raises(CycleError) as error:
            expand(corpus, [council], "2024")
        assert error.value.cycle[0] == error.value.cycle[-1]


PRINTED = Corpus(
    memberships=[membership("nrc", "x", "2020"), membership("nrc", "y", "2020"),
                 membership("sub", "z", "2020")],  # fmt: skip
    declarations=[
        declaration(
            "doha", "2024-02-15",
            Signature(SRC, "nrc", printed_members=(PrintedMember("X", "x"), PrintedMember("Sub", "sub"),
                                                   PrintedMember("W", "w", status=Status.UNCLEAR),
                                                   PrintedMember("Unknown"))),
            Signature(SRC, "party", status=Status.DISPUTED),
            Signature(SRC, "refused", status=Status.DENIED),
            Signature(SRC, "guest", role="invited"),
            Signature(SRC, None, as_printed="Somebody", title="Professor"),
            Signature(SRC, None, as_printed="Some Party"),
        ),
    ],
)  # fmt: skip


class TestUnidentified:
    """A printed name with no record: an individual with a title or an affiliation, else nobody identified."""

    def test_list_partial(self) -> None:
        """"Some Party" is no unit at any level, and the statement's complete list becomes partial: who it
        identifies are lower bounds."""
        from coalitions.analysis.readings import Reading
        from coalitions.analysis.signers import participants

        doha = PRINTED.declaration("doha")
        organisations = participants(PRINTED, doha, Reading.all_in(), None)
        people = participants(PRINTED, doha, Reading.all_in(), None, level="people")
        assert (ListStatus.PARTIAL, {"nrc", "party"}) == (organisations.status, set(organisations.parts))
        assert (ListStatus.PARTIAL, {"~somebody"}) == (people.status, set(people.parts))

    def test_complete_without_unidentified(self) -> None:
        """Without the unidentified name, the statement's list is complete."""
        from coalitions.analysis.readings import Reading
        from coalitions.analysis.signers import participants

        doha = PRINTED.declaration("doha")
        doha = attrs.evolve(doha, signatures=doha.signatures[:-1])
        corpus = Corpus(declarations=[doha], memberships=PRINTED.memberships)
        assert ListStatus.COMPLETE is participants(corpus, doha, Reading.all_in(), None).status


class TestSignatories:
    """signatories: as printed and expanded."""

    def test_as_printed(self) -> None:
        """Unexpanded: one per counted signature, organisations first; denied and invited ones left out; a printed
        name with a title and no record counts as an individual, never dropped; a name nobody identified counts
        as nobody (and makes the list partial: TestUnidentified)."""
        assert [("nrc", Status.ASSERTED, "organisation"), ("party", Status.DISPUTED, "organisation"),
                ("~somebody", Status.ASSERTED, "individual")] == [
            (s.signer, s.status, s.kind) for s in signatories(PRINTED, "doha")]  # fmt: skip

    def test_printed_members_by_default(self) -> None:
        """use="printed": the council stands for the list the declaration printed; printed councils expand."""
        found = {s.signer: (s.basis, s.status, s.via) for s in signatories(PRINTED, "doha", expand=True)}
        assert {
            "x": ("printed", Status.ASSERTED, ("nrc",)),
            "z": ("printed", Status.ASSERTED, ("nrc", "sub")),
            "w": ("printed", Status.UNCLEAR, ("nrc",)),
            "party": ("signature", Status.DISPUTED, ()),
            "~somebody": ("signature", Status.ASSERTED, ()),
        } == found

    def test_memberships(self) -> None:
        """use="memberships": the council stands for its members at the declaration's date."""
        assert ["x", "y", "party", "~somebody"] == [
            s.signer for s in signatories(PRINTED, "doha", expand=True, use="memberships")]

    def test_disputed_out(self) -> None:
        """disputed="out" leaves disputed and unclear claims out."""
        assert ["x", "z", "~somebody"] == [s.signer for s in signatories(PRINTED, "doha", expand=True, disputed="out")]


class TestTimeline:
    """timeline: everything an organisation has done, in date order."""

    def test_organisation(self) -> None:
        """Founded, joined, signed, left and denied, in date order, with their objects."""
        corpus = Corpus(
            organisations=[Organisation("p", "Party", "party", SRC, founded=(DateClaim(When.of("2021-08")),))],
            memberships=[membership("c", "p", "2022-05-17", "2023-03"), membership("d", "p", "2022", status="denied")],
            declarations=[declaration("decl", "2022-10-01", Signature(SRC, "p")),
                          declaration("later", "2024-01-01", Signature(SRC, "p", status=Status.WITHDRAWN))],
        )  # fmt: skip
        assert [("2021-08", "founded", None), ("2022", "denied", "d"), ("2022-05-17", "joined", "c"),
                ("2022-10-01", "signed", "decl"), ("2023-03", "left", "c"),
                ("2024-01-01", "withdrew", "later")] == [
            (str(e.when), e.kind, e.object) for e in timeline(corpus, "p")]  # fmt: skip

    def test_council_admits(self) -> None:
        """A council's timeline shows the members it admitted and lost."""
        assert [("admitted", "a"), ("admitted", "b"), ("lost", "b")] == [
            (e.kind, e.object) for e in timeline(NESTED, "council") if e.object in ("a", "b")]

    def test_declaration(self) -> None:
        """A declaration's timeline is one event per signature."""
        assert 6 == len(timeline(PRINTED, "doha"))

    @given(nested_corpora())
    def test_sorted(self, corpus: Corpus) -> None:
        """Rule: "in date order": dated events are sorted by When.sort_key, and undated ones come last."""
        for org in corpus.organisations:
            events = timeline(corpus, org.id)
            dated = [e.when.sort_key for e in events if e.when is not None]
            undated = [i for i, e in enumerate(events) if e.when is None]
            assert sorted(dated) == dated
            assert undated == list(range(len(dated), len(events)))

    def test_undated_membership_is_an_event(self) -> None:
        """A membership the sources give no date for is still in the timeline, as undated."""
        src = (Citation("s"),)
        corpus = Corpus(organisations=[Organisation("p", "Party", OrganisationKind.PARTY, src),
                                       Organisation("c", "C", OrganisationKind.COUNCIL, src)],
                        memberships=[Membership("c", "p", src)])  # fmt: skip
        assert [("undated", "joined", "c")] == [(e.date_text, e.kind, e.object) for e in timeline(corpus, "p")]


DOHA = "joint-declaration-doha-2024-02-15"
NRC_PRINTED = ["islamic-unity-party-of-afghanistan", "hizb-e-islami-afghanistan", "jamiat-e-islami-afghanistan",
               "national-islamic-movement-of-afghanistan", "dawat-e-islami-afghanistan",
               "peoples-islamic-unity-party-of-afghanistan", "justice-and-freedom-party-of-afghanistan",
               "council-of-the-loya-eastern-region", "council-of-the-loya-qandahar-region",
               "council-of-the-loya-northern-region"]  # fmt: skip


class TestBundledData:
    """Hand-checked against the sources: the Doha declaration of 15 Feb 2024 and the councils."""

    def test_doha_as_printed(self, bundled: Corpus) -> None:
        """The six signatures of the declaration, in printed order; the Process's and the NRF's are uncertain."""
        assert [("afghanistan-freedom-front", "asserted"), ("afghanistans-women-protestor-movements", "asserted"),
                ("people-of-afghanistans-empathy-party", "asserted"), ("national-resistance-council", "asserted"),
                ("process-to-protect-the-values-of-jihad-and-resistance", "unclear"),
                ("national-resistance-front", "disputed")] == [
            (s.signer, s.status.value) for s in signatories(bundled, DOHA)]  # fmt: skip

    def test_nrc_printed_members(self, bundled: Corpus) -> None:
        """Expanded with the list the declaration printed: the NRC stands for its ten printed entities."""
        assert NRC_PRINTED == [s.signer for s in signatories(bundled, DOHA, expand=True, disputed="out")
                               if s.via == ("national-resistance-council",)]  # fmt: skip

    def test_supreme_council_sept_2022(self, bundled: Corpus) -> None:
        """Sayyaf, Mohaqiq, Noor and Dostum (reported Oct 2021); Karim Khalili denied and is not a member."""
        found = members_at(bundled, "supreme-council-of-national-resistance", "2022-09-15")
        assert ["dostum", "mohaqiq", "noor", "sayyaf"] == sorted(m.member for m in found)
        assert {"certain"} == {m.certainty for m in found}
