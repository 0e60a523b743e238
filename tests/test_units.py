"""The units of a date: the definition, and the index that answers for many dates at once (coalitions.analysis.unitindex)."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from coalitions import Citation, Corpus, Membership, Organisation, PartialDate, Status, When
from coalitions.model.records import DateClaim
from coalitions.analysis.readings import Reading
from coalitions.analysis.unitindex import UnitIndex, active, units
from strategies import lifespan_corpora, whens

SRC = (Citation("doc"),)


def org(org_id: str, founded: str | None = None, dissolved: str | None = None) -> Organisation:
    """A party citing ``doc``, founded and dissolved on the dates given."""
    return Organisation(org_id, org_id, "party", SRC,
                        founded=(DateClaim(When.of(founded)),) if founded else (),
                        dissolved=(DateClaim(When.of(dissolved)),) if dissolved else ())  # fmt: skip


# c, a council of a (from 2021-02) and b (disputed, since an unknown date), founded 2020; a dissolved in 2023.
CORPUS = Corpus(
    organisations=[org("a", dissolved="2023"), org("b"), org("c", founded="2020")],
    memberships=[Membership("c", "a", SRC, start=When.of("2021-02")),
                 Membership("c", "b", SRC, status=Status.DISPUTED)],
)  # fmt: skip


def _index_answer(corpus: Corpus, at: When, reading: Reading) -> tuple[set[str], int]:
    """The units on ``at`` as the index gives them: the ids it contains, and its size."""
    index = UnitIndex.of(corpus)
    assert index is not None
    found = index.units(index.at([at])[str(at)], reading)
    ids = {o.id for o in corpus.organisations} | {m.member for m in corpus.memberships}
    return {i for i in ids if i in found}, len(found)


def _edges(corpus: Corpus) -> list[When]:
    """The corpus's dates, and the days just before, at and after their first and last days."""
    found = [c.date for o in corpus.organisations for c in (*o.founded, *o.dissolved)]
    found += [w for m in corpus.memberships for w in (m.start, m.end) if w is not None]
    days = {d + datetime.timedelta(days=k) for w in found for d in (w.earliest, w.latest) for k in (-1, 0, 1)}
    return found + [When(PartialDate.from_date(d), PartialDate.from_date(d)) for d in sorted(days)]


class TestUnits:
    """units: active organisations with no organisation as member on the date."""

    def test_hand_computed(self) -> None:
        """2021-06-01: a is c's member for certain, so c is a council whatever the reading: units a and b."""
        assert ["a", "b"] == units(CORPUS, When.of("2021-06-01"), Reading.all_out())

    def test_possible_membership(self) -> None:
        """In February 2021 a only possibly belongs to c: all out, c is a unit; all in, it is a council."""
        at = When.of("2021-02")
        assert (["a", "b", "c"], ["a", "b"]) == (units(CORPUS, at, Reading.all_out()),
                                                  units(CORPUS, at, Reading.all_in()))  # fmt: skip

    def test_active(self) -> None:
        """c is not founded in 2019; a is dissolved by 2024."""
        assert (["a", "b"], ["b", "c"]) == (active(CORPUS, When.of("2019")), active(CORPUS, When.of("2024")))


class TestUnitIndex:
    """UnitIndex: the same units, and the same claims asked, for many dates at once."""

    def test_hand_computed(self) -> None:
        """In February 2021, all in: c is a council (a possibly, b disputed), so the units are a and b."""
        assert ({"a", "b"}, 2) == _index_answer(CORPUS, When.of("2021-02"), Reading.all_in())

    def test_month_end(self) -> None:
        """A membership that ended in March 2021 (the end is the day it ended, on which it no longer held) holds for
        certain on 2021-02-28 and only possibly on 2021-03-01, which may be that day: all out, c is a council on the
        first day and a unit on the second."""
        corpus = Corpus(organisations=[org("a"), org("c")],
                        memberships=[Membership("c", "a", SRC, start=When.of("2020"), end=When.of("2021-03"))])
        first, second = (_index_answer(corpus, When.of(day), Reading.all_out()) for day in ("2021-02-28", "2021-03-01"))
        assert (({"a"}, 1), ({"a", "c"}, 2)) == (first, second)

    def test_duplicate_ids(self) -> None:
        """Two organisations with one id: no index (the definition is used instead)."""
        assert UnitIndex.of(Corpus(organisations=[org("a"), org("a", founded="2020")])) is None

    @given(lifespan_corpora(), st.lists(whens(min_year=2019, max_year=2023), max_size=4),
           st.randoms(use_true_random=False))  # fmt: skip
    def test_equals_definition(self, corpus: Corpus, drawn: list[When], rng: object) -> None:
        """Rule: the index gives "the same units as units(), and asks a reading the same claims", on every date,
        under the all-in, the all-out and a mixed reading (dates drawn, and the days around the corpus's dates), and the
        same units to a reading that does not remember what it is asked" (also to readings counting one claim, or
        all but one: the index answers those from the councils asking that claim)."""
        dates = drawn + _edges(corpus)
        index = UnitIndex(corpus)
        snapshots = index.at(dates)
        for at in dates:
            probe = Reading.all_in()
            units(corpus, at, probe)
            mixed = sorted(probe.seen)
            chosen = [key for key in mixed if rng.random() < 0.5]  # type: ignore[attr-defined]
            one = [rng.choice(mixed)] if mixed else []  # type: ignore[attr-defined]
            makers = [Reading.all_in, Reading.all_out, lambda: Reading(chosen), lambda: Reading(one),
                      lambda: Reading(set(mixed) - set(one))]  # fmt: skip
            for make in makers:
                expected_reading, actual_reading = make(), make()
                expected = frozenset(units(corpus, at, expected_reading))
                found = index.units(snapshots[str(at)], actual_reading)
                ids = {o.id for o in corpus.organisations} | {m.member for m in corpus.memberships}
                assert (expected, len(expected), expected_reading.seen) == (
                    {i for i in ids if i in found}, len(found), actual_reading.seen)
                # a reading that does not remember what it is asked is answered without asking: the same units
                silent = make()
                silent.remember = False
                quiet = index.units(snapshots[str(at)], silent)
                assert (quiet.special_in, quiet.councils) == (found.special_in, found.councils)
                assert quiet == found and hash(quiet) == hash(found)
