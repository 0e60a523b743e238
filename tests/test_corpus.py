"""Tests for coalitions.model.corpus: lookups by id and by any name."""

from __future__ import annotations

import pytest
from hypothesis import given
from strategies import organisations_with_names

from coalitions import Citation, Corpus, Name, NotFound, Organisation, OrganisationKind, Person, normalise_name

DOC = (Citation("doc"),)
NIM = Organisation(
    "national-islamic-movement",
    "National Islamic Movement of Afghanistan",
    OrganisationKind.PARTY,
    DOC,
    abbreviations=("NIM",),
    aliases=(Name("National İslamic Movement of Afghanistan"), Name("جنبش ملی اسلامی افغانستان", "fa")),
)
NRF = Organisation("national-resistance-front", "National Resistance Front of Afghanistan", OrganisationKind.FRONT,
                   DOC, abbreviations=("NRF", "NRFA"))  # fmt: skip
MASSOUD = Person("ahmad-massoud", "Ahmad Massoud", DOC, aliases=(Name("A. Massoud"),))
CORPUS = Corpus([NIM, NRF], [MASSOUD])


class TestNormaliseName:
    """Names are compared without case, accents, typographic quotes or extra spaces."""

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("National İslamic Movement", "national islamic movement"),
            ("Afghanistan’s Women", "Afghanistan's women"),
            ("  Hezb-e   Islami ", "hezb-e islami"),
            ("Nauruzistan – Persian World", "nauruzistan - persian world"),
        ],
    )
    def test_equal_forms(self, a: str, b: str) -> None:
        """Forms that differ only typographically normalise alike."""
        assert normalise_name(b) == normalise_name(a)


class TestLookups:
    """get, organisation, person and declaration find records by id and by any name."""

    @pytest.mark.parametrize(
        "key",
        ["national-islamic-movement", "NIM", "nim", "National İslamic Movement of Afghanistan",
         "national islamic movement of afghanistan", "جنبش ملی اسلامی افغانستان"],
    )
    def test_every_name_finds_it(self, key: str) -> None:
        """The id, abbreviation, canonical name, aliases and other scripts all find the organisation."""
        assert "national-islamic-movement" == CORPUS.organisation(key).id

    def test_person(self) -> None:
        """People are found by alias too."""
        assert "ahmad-massoud" == CORPUS.person("A. Massoud").id

    def test_wrong_kind(self) -> None:
        """Asking for a person by an organisation's name is not found."""
        with pytest.raises(NotFound):
            CORPUS.person("NRF")

    def test_not_found_suggests(self) -> None:
        """A near miss gets suggestions."""
        with pytest.raises(NotFound) as info:
            CORPUS.get("National Resistance Front of Afghanistn")
        assert "national-resistance-front" == info.value.suggestions[0]
        assert str(info.value).startswith("no record with id or name 'National Resistance Front of Afghanistn'; "
                                          "did you mean 'national-resistance-front'")

    def test_name_of(self) -> None:
        """name_of gives the display name, or the id when unknown."""
        assert ("Ahmad Massoud", "nobody") == (CORPUS.name_of("ahmad-massoud"), CORPUS.name_of("nobody"))

    @given(organisations_with_names())
    def test_any_alias_finds_the_same(self, organisations: list[Organisation]) -> None:
        """"Lookups by any alias find the same organisation"."""
        corpus = Corpus(organisations)
        for organisation in organisations:
            for name in (organisation.id, *organisation.names):
                assert organisation.id == corpus.organisation(name).id
