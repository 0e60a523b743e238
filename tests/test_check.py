"""Tests for coalitions.files.checks: the cross-record checks, on corpora built from model objects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coalitions import (
    Citation,
    Corpus,
    DateClaim,
    Declaration,
    DeclarationKind,
    Membership,
    Name,
    Organisation,
    OrganisationKind,
    Person,
    Signature,
    Source,
    Status,
    parse_when,
)
from coalitions.files.checks import check

DOC = (Citation("doc"),)
SOURCE = Source("doc", "A document")


def org(org_id: str, *names: str, founded: str | None = None) -> Organisation:
    """An organisation with aliases ``names``."""
    return Organisation(org_id, org_id.replace("-", " ").title(), OrganisationKind.COUNCIL, DOC,
                        aliases=tuple(Name(n) for n in names),
                        founded=(DateClaim(parse_when(founded)),) if founded else ())  # fmt: skip


def member(council: str, member_id: str, **fields: object) -> Membership:
    """A membership of ``member_id`` in ``council``."""
    return Membership(council, member_id, DOC, **fields)  # type: ignore[arg-type]


def messages(corpus: Corpus) -> list[str]:
    """The problems of ``corpus`` as ``field: message`` lines (severity shown for warnings)."""
    return [str(p).removeprefix("<corpus>: ") for p in check(corpus)]


class TestCycles:
    """Cycles in council membership are errors that name the cycle."""

    def test_length_one(self) -> None:
        """A council that is its own member."""
        corpus = Corpus([org("a")], memberships=[member("a", "a")], sources=[SOURCE])
        assert ["members[0].member: 'a' cannot be a member of itself"] == messages(corpus)

    def test_length_two(self) -> None:
        """Two councils that contain each other."""
        corpus = Corpus([org("a"), org("b")], memberships=[member("a", "b"), member("b", "a")], sources=[SOURCE])
        assert ["members[0].member: membership cycle: a → b → a; a council cannot contain itself"] == \
            messages(corpus)

    def test_length_three(self) -> None:
        """A longer cycle is named in full."""
        corpus = Corpus([org("a"), org("b"), org("c")],
                        memberships=[member("a", "b"), member("b", "c"), member("c", "a")], sources=[SOURCE])  # fmt: skip
        assert ["members[0].member: membership cycle: a → b → c → a; a council cannot contain itself"] == \
            messages(corpus)

    def test_denied_membership_is_no_edge(self) -> None:
        """A denied membership does not make a cycle: it never held."""
        corpus = Corpus([org("a"), org("b")],
                        memberships=[member("a", "b"), member("b", "a", status=Status.DENIED)], sources=[SOURCE])  # fmt: skip
        assert [] == messages(corpus)

    def test_nesting_without_cycle(self) -> None:
        """A diamond of councils is not a cycle."""
        corpus = Corpus([org("a"), org("b"), org("c"), org("d")],
                        memberships=[member("a", "b"), member("a", "c"), member("b", "d"), member("c", "d")],
                        sources=[SOURCE])  # fmt: skip
        assert [] == messages(corpus)


class TestNames:
    """A name belongs to one organisation only."""

    def test_alias_claimed_twice(self) -> None:
        """Two organisations claiming one alias, compared without case and accents, is an error."""
        corpus = Corpus([org("a", "Hezb-e Islami"), org("b", "HEZB-É ISLAMI")], sources=[SOURCE])
        assert ["aliases[0]: name 'HEZB-É ISLAMI' is also a name of organisation 'a'; a name may belong to one "
                "organisation only"] == messages(corpus)

    def test_people_may_share_names_with_a_warning(self) -> None:
        """Two people of the same name are possible: a warning."""
        corpus = Corpus(people=[Person("a", "Same Name", DOC), Person("b", "Same Name", DOC)], sources=[SOURCE])
        assert ["warning: name: name 'Same Name' is also a name of person 'a'; a name may belong to one person "
                "only"] == messages(corpus)


class TestReferences:
    """Unknown ids are errors with suggestions."""

    def test_case_difference(self) -> None:
        """An id that differs only by case gets the right id as suggestion."""
        declaration = Declaration("d", "D", DeclarationKind.STATEMENT, (DateClaim(parse_when("2024")),), DOC,
                                  signatures=(Signature(DOC, signer="NRF"),))  # fmt: skip
        corpus = Corpus([org("nrf")], declarations=[declaration], sources=[SOURCE])
        assert ["signatures[0].signer: unknown organisation or person id 'NRF'; did you mean 'nrf'?"] == \
            messages(corpus)

    def test_name_instead_of_id(self) -> None:
        """A name or alias written where an id belongs suggests the id."""
        corpus = Corpus([org("national-resistance-front", "NRF"), org("c")],
                        memberships=[member("c", "NRF")], sources=[SOURCE])  # fmt: skip
        assert ["members[0].member: unknown organisation or person id 'NRF'; did you mean "
                "'national-resistance-front'?"] == messages(corpus)

    def test_unknown_source(self) -> None:
        """A citation of a source that does not exist."""
        corpus = Corpus([Organisation("a", "A", OrganisationKind.PARTY, (Citation("dco"),))], sources=[SOURCE])
        assert ["sources[0].source: unknown source id 'dco'; did you mean 'doc'?"] == messages(corpus)

    def test_duplicate_id_across_kinds(self) -> None:
        """An organisation and a person may not share an id."""
        corpus = Corpus([org("x")], people=[Person("x", "X", DOC)], sources=[SOURCE])
        assert ["id: id 'x' is used by an organisation and a person"] == messages(corpus)


class TestDates:
    """Dates outside an organisation's lifetime are warnings; an end before a start is an error."""

    def test_signature_before_founding(self) -> None:
        """Signing before the organisation was founded (by every founding claim) is a warning."""
        declaration = Declaration("d", "D", DeclarationKind.STATEMENT, (DateClaim(parse_when("2021-03")),), DOC,
                                  signatures=(Signature(DOC, signer="a"),))  # fmt: skip
        corpus = Corpus([org("a", founded="2022-03")], declarations=[declaration], sources=[SOURCE])
        assert ["warning: signatures[0].signer: signed on 2021-03 is before a was founded (2022-03)"] == \
            messages(corpus)

    def test_same_month_is_no_warning(self) -> None:
        """A date only known to the month may be after a founding day in that month: no warning."""
        declaration = Declaration("d", "D", DeclarationKind.STATEMENT, (DateClaim(parse_when("2022-03")),), DOC,
                                  signatures=(Signature(DOC, signer="a"),))  # fmt: skip
        corpus = Corpus([org("a", founded="2022-03-12")], declarations=[declaration], sources=[SOURCE])
        assert [] == messages(corpus)

    def test_end_before_start(self) -> None:
        """A membership that ends before it starts."""
        corpus = Corpus([org("a"), org("b")],
                        memberships=[member("a", "b", start=parse_when("2023"), end=parse_when("2022"))],
                        sources=[SOURCE])  # fmt: skip
        assert ["members[0].end: end 2022 is before start 2023"] == messages(corpus)

    def test_disputed_without_other_side(self) -> None:
        """A disputed claim should cite the sources against it."""
        corpus = Corpus([org("a"), org("b")], memberships=[member("a", "b", status=Status.DISPUTED)],
                        sources=[SOURCE])  # fmt: skip
        assert ["warning: members[0].contradicted_by: status is disputed but contradicted_by is empty: cite the "
                "sources on the other side"] == messages(corpus)

    def test_url_scheme(self) -> None:
        """Only http and https URLs are accepted for sources."""
        corpus = Corpus(sources=[Source("doc", "D", url="javascript:alert(1)")])
        assert ["url: 'javascript:alert(1)' is not an http or https URL"] == messages(corpus)


#: Dates of every precision, some inside others (a month holding a day, a year holding both).
_DATES = st.sampled_from(["2021", "2021-03", "2021-03-12", "2021-12-31", "2022", "2022-01-01", "2022-03",
                          "2022-03-12", "2023"])  # fmt: skip


class TestSignatureProperties:
    """The signature checks, whatever the claims (the checker takes shortcuts where nothing can be wrong)."""

    @given(signed=_DATES, founded=st.lists(_DATES, max_size=3), dissolved=st.lists(_DATES, max_size=3))
    def test_lifetime_warnings_follow_every_claim(self, signed: str, founded: list[str], dissolved: list[str]) -> None:
        """Rule: "signing before the organisation was founded (by every founding claim) is a warning", and signing
        after it was dissolved (by every dissolution claim) likewise."""
        organisation = Organisation("a", "A", OrganisationKind.PARTY, DOC,
                                    founded=tuple(DateClaim(parse_when(f)) for f in founded),
                                    dissolved=tuple(DateClaim(parse_when(d)) for d in dissolved))  # fmt: skip
        declaration = Declaration("d", "D", DeclarationKind.STATEMENT, (DateClaim(parse_when(signed)),), DOC,
                                  signatures=(Signature(DOC, signer="a"),))  # fmt: skip
        when = parse_when(signed)
        expected = []
        if founded and all(when.is_before(parse_when(f)) for f in founded):
            expected.append("before-founding")
        if dissolved and all(when.is_after(parse_when(d)) for d in dissolved):
            expected.append("after-dissolution")
        corpus = Corpus([organisation], declarations=[declaration], sources=[SOURCE])
        found = [p for p in check(corpus) if p.code in ("before-founding", "after-dissolution")]
        assert expected == [p.code for p in found]
        assert all(p.field == "signatures[0].signer" for p in found)

    @given(st.lists(st.sampled_from(["doc", "nope"]), max_size=3))
    def test_every_unknown_source_is_named(self, sources: list[str]) -> None:
        """Rule: "every claim needs at least one citation", and each citation of an unknown source is reported at
        its own index."""
        declaration = Declaration("d", "D", DeclarationKind.STATEMENT, (DateClaim(parse_when("2022")),), DOC,
                                  signatures=(Signature(tuple(Citation(s) for s in sources), signer="a"),))  # fmt: skip
        corpus = Corpus([org("a")], declarations=[declaration], sources=[SOURCE])
        expected = [] if sources else [("signatures[0].sources", "no-source")]
        expected += [(f"signatures[0].sources[{i}].source", "unknown-reference")
                     for i, s in enumerate(sources) if s == "nope"]  # fmt: skip
        assert expected == [(p.field, p.code) for p in check(corpus)]


class TestPrintedCycles:
    """A council printed as a member of one of its own members is a cycle too."""

    def test_printed_member_closes_a_cycle(self) -> None:
        """Memberships say b is in a; a declaration prints a as a member of b."""
        from coalitions import PrintedMember

        signature = Signature(DOC, signer="b", printed_members=(PrintedMember("A", "a"),))
        declaration = Declaration("d", "D", DeclarationKind.STATEMENT, (DateClaim(parse_when("2024")),), DOC,
                                  signatures=(signature,))  # fmt: skip
        corpus = Corpus([org("a"), org("b")], memberships=[member("a", "b")], declarations=[declaration],
                        sources=[SOURCE])  # fmt: skip
        assert ["signatures[0].printed_members[0].member: membership cycle: a → b → a; a council cannot contain "
                "itself"] == messages(corpus)
