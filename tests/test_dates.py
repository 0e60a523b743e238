"""Tests for coalitions.model.dates: partial dates, ranges, ordering and Solar Hijri conversion."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import whens

from coalitions.model.dates import DateError, PartialDate, When, parse_when
from coalitions.model.solarhijri import month_length as _solar_hijri_month_length, solar_hijri_to_gregorian


class TestParseWhen:
    """parse_when reads every accepted form at its precision and refuses the rest with a helpful message."""

    @pytest.mark.parametrize(
        ("text", "precision", "earliest", "latest"),
        [
            ("2024", "year", "2024-01-01", "2024-12-31"),
            ("2024-02", "month", "2024-02-01", "2024-02-29"),
            ("2023-02", "month", "2023-02-01", "2023-02-28"),
            ("2024-02-15", "day", "2024-02-15", "2024-02-15"),
            ("2023-11-27/2023-11-28", "day", "2023-11-27", "2023-11-28"),
            ("2022-03/2022-05", "month", "2022-03-01", "2022-05-31"),
        ],
    )
    def test_iso_forms(self, text: str, precision: str, earliest: str, latest: str) -> None:
        """ISO dates keep their precision; the span runs from the first to the last possible day."""
        when = parse_when(text)
        assert (precision, earliest, latest, text) == (
            when.precision,
            when.earliest.isoformat(),
            when.latest.isoformat(),
            str(when),
        )

    def test_month_is_never_filled_in(self) -> None:
        """"2024-02" stays a month: no day is invented, not 01 and not today."""
        when = parse_when("2024-02")
        assert (None, "2024-02") == (when.start.day, str(when))

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2024-02-30", "2024-02-30 is not a date: February 2024 has 29 days"),
            ("2023-02-29", "2023-02-29 is not a date: February 2023 has 28 days"),
            ("2024-13", "month 13 does not exist (01 to 12)"),
            ("March 2022", "'March 2022': month names are not accepted; write 2022-03 (a month stays a month)"),
            ("15 February 2024", "'15 February 2024': month names are not accepted; write 2024-02-15"),
            ("February 15, 2024", "'February 15, 2024': month names are not accepted; write 2024-02-15"),
            ("05/06/2024", "'05/06/2024' is ambiguous (day/month or month/day?); write 2024-06-05 or 2024-05-06"),
            ("13/06/2024", "'13/06/2024' is not an accepted date form; write 2024-06-13"),
            ("2024-03/2024-01", "the range 2024-03/2024-01 ends before it starts"),
            (" 2024", "' 2024' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ("24-02-15", "'24-02-15' is not a date: write the year with four digits (YYYY, YYYY-MM or YYYY-MM-DD)"),
            ("30 Hut 1402", "'30 Hut 1402': Hut 1402 has 29 days; there is no day 30"),
            ("Feb 2024", "'Feb 2024': month names are not accepted; write 2024-02 (a month stays a month)"),
            ("15/02/2024", "'15/02/2024' is not an accepted date form; write 2024-02-15"),
            ("Tue 8 Apr 2025", "'Tue 8 Apr 2025': month names are not accepted; write 2025-04-08"),
            ("Mon 8 Apr 2025", "'Mon 8 Apr 2025': 2025-04-08 was a Tuesday, not a Monday; check the source, then "
             "write 2025-04-08"),
            ("8 April 2025", "'8 April 2025': month names are not accepted; write 2025-04-08"),
            ("12 March", "'12 March' gives no year; write the date as YYYY-MM-DD with the year the source means"),
            ("2022-05-10 10:30", "'2022-05-10 10:30' gives a time of day; write the date alone: 2022-05-10"),
            ("2645", "'2645' is in year 2645, which is not plausible (expected 1000 to 2100 AD)"),
            ("Mehr 2024", "'Mehr 2024' is in Solar Hijri year 2024, Gregorian 2645, which is not plausible (expected "
             "1000 to 2100 AD)"),
            ("foo", "'foo' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, a range START/END, or a Solar Hijri "
             "date such as '16 Qaws 1403'"),
            ("2024-0٢-15", "'2024-0٢-15': '٢' (ARABIC-INDIC DIGIT TWO) is not an ASCII digit; write 2024-02-15"),
            ("𝟐𝟎𝟐𝟒", "'𝟐𝟎𝟐𝟒': '𝟐' (MATHEMATICAL BOLD DIGIT TWO) is not an ASCII digit; write 2024"),
        ],
    )
    def test_refusals(self, text: str, message: str) -> None:
        """Refused text gets a message that says what to write instead."""
        with pytest.raises(DateError) as info:
            parse_when(text)
        assert message == str(info.value)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("Mehr 2024", "'Mehr 2024' looks like a Solar Hijri date, and this corpus reads Gregorian dates only; "
             "write the Gregorian date (YYYY-MM-DD), or turn Solar Hijri dates on in corpus.yaml (calendars: "
             "[gregorian, solar-hijri])"),
            ("Dey 2024", "'Dey 2024' looks like a Solar Hijri date, and this corpus reads Gregorian dates only; "
             "write the Gregorian date (YYYY-MM-DD), or turn Solar Hijri dates on in corpus.yaml (calendars: "
             "[gregorian, solar-hijri])"),
            ("foo", "'foo' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, a range START/END"),
        ],
    )
    def test_gregorian_only(self, text: str, message: str) -> None:
        """With the Gregorian calendar only (a new corpus), Solar Hijri forms are refused, never read as years of
        that calendar, and no message suggests them."""
        with pytest.raises(DateError) as info:
            parse_when(text, calendars=["gregorian"])
        assert message == str(info.value)

    def test_suggestions_fill_in_nothing(self) -> None:
        """A suggestion never takes a part the text does not give from today or anywhere else: a month stays a
        month, and a text without a year gets no year."""
        for text in ("Feb 2024", "12 March", "March"):
            with pytest.raises(DateError) as info:
                parse_when(text)
            assert str(datetime.date.today().year) not in str(info.value).replace("2024", "")

    def test_not_text(self) -> None:
        """Only text is a date."""
        with pytest.raises(DateError):
            parse_when(20240215)  # type: ignore[arg-type]


class TestSolarHijri:
    """Solar Hijri dates as Afghan sources write them are converted exactly."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("16 Qaws 1403", "2024-12-06"),  # the NAS announcement, fact sheet "Fri 6 Dec 2024 (calc from Qaws 1403)"
            ("16 Saur 1403", "2024-05-05"),
            ("1 Hamal 1399", "2020-03-20"),
            ("1 Hamal 1400", "2021-03-21"),
            ("1 Hamal 1403", "2024-03-20"),
            ("1 Hamal 1404", "2025-03-21"),
            ("30 Hut 1403", "2025-03-20"),  # 1403 is a leap year: Hut has 30 days
            ("24 Asad 1400", "2021-08-15"),  # the fall of Kabul
        ],
    )
    def test_known_days(self, text: str, expected: str) -> None:
        """Known days convert to the right Gregorian day, and the text is kept as written."""
        when = parse_when(text)
        assert (expected, text) == (str(when), when.to_text())

    def test_month_becomes_range(self) -> None:
        """A Solar Hijri month does not line up with a Gregorian one: it becomes a range of days."""
        assert "2024-11-21/2024-12-20" == str(parse_when("Qaws 1403"))

    def test_iranian_month_names(self) -> None:
        """Iranian month names are the same months as the Afghan ones."""
        assert parse_when("16 Azar 1403").start == parse_when("16 Qaws 1403").start

    @given(st.integers(1300, 1500), st.integers(1, 12), st.integers(1, 31))
    def test_consecutive_days(self, year: int, month: int, day: int) -> None:
        """"Converted exactly": consecutive Solar Hijri days are consecutive Gregorian days, across months and years."""
        length = _solar_hijri_month_length(year, month)
        day = min(day, length)
        if day < length:
            following = (year, month, day + 1)
        elif month < 12:
            following = (year, month + 1, 1)
        else:
            following = (year + 1, 1, 1)
        gap = solar_hijri_to_gregorian(*following) - solar_hijri_to_gregorian(year, month, day)
        assert datetime.timedelta(days=1) == gap

    @given(st.integers(1300, 1500))
    def test_year_lengths(self, year: int) -> None:
        """A Solar Hijri year has 365 or 366 days, and Hut has 30 days exactly in the 366-day years."""
        days = (solar_hijri_to_gregorian(year + 1, 1, 1) - solar_hijri_to_gregorian(year, 1, 1)).days
        assert (days, days - 336) == (365 + (_solar_hijri_month_length(year, 12) == 30),
                                      _solar_hijri_month_length(year, 12))


class TestOrdering:
    """Comparisons and sorting respect precision."""

    def test_month_and_day_in_it_are_incomparable(self) -> None:
        """"2024-02" is neither before nor after "2024-02-15"."""
        month, day = parse_when("2024-02"), parse_when("2024-02-15")
        assert (False, False, False, False, True) == (month < day, month > day, day < month, day > month,
                                                      month.overlaps(day))

    def test_certainly_before(self) -> None:
        """A month is before a day of the next month."""
        assert parse_when("2024-01") < parse_when("2024-02-01")

    def test_sort_key_is_total(self) -> None:
        """sort_key orders by earliest day, then latest day: a year before a month in it, a day before its month."""
        texts = ["2024-02-15", "2024", "2024-02", "2023-11-27/2023-11-28", "2024-02-01"]
        ordered = [str(w) for w in sorted((parse_when(t) for t in texts), key=lambda w: w.sort_key)]
        assert ["2023-11-27/2023-11-28", "2024", "2024-02-01", "2024-02", "2024-02-15"] == ordered

    @given(whens(), whens())
    def test_asymmetric(self, a: When, b: When) -> None:
        """"A consistent partial order": a < b and b < a never both hold."""
        assert not (a < b and b < a)

    @given(whens())
    def test_irreflexive(self, a: When) -> None:
        """"A consistent partial order": nothing is before itself, and everything overlaps itself."""
        assert (False, True, True) == (a < a, a <= a, a.overlaps(a))

    @given(whens(), whens(), whens())
    def test_transitive(self, a: When, b: When, c: When) -> None:
        """"A consistent partial order": a < b and b < c imply a < c."""
        if a < b and b < c:
            assert a < c

    @given(whens(), whens())
    def test_sort_key_extends_order(self, a: When, b: When) -> None:
        """Sorting by sort_key never puts a date after one it is certainly before."""
        if a < b:
            assert a.sort_key < b.sort_key

    @given(whens(), whens())
    def test_incomparable_means_overlap(self, a: When, b: When) -> None:
        """Two dates are incomparable exactly when they may stand for a common day."""
        assert (not (a < b) and not (b < a)) == a.overlaps(b)

    @given(whens())
    def test_text_round_trip(self, a: When) -> None:
        """A date written with to_text() reads back equal."""
        assert a == parse_when(a.to_text())


class TestPartialDate:
    """PartialDate refuses impossible dates on construction."""

    def test_day_needs_month(self) -> None:
        """A day without a month is refused."""
        with pytest.raises(DateError):
            PartialDate(2024, None, 3)

    def test_from_date(self) -> None:
        """from_date gives a day-precision date."""
        assert "2024-02-15" == str(PartialDate.from_date(datetime.date(2024, 2, 15)))
