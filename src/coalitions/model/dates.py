"""Dates at the precision the sources give them.

A date in coalitions is a :class:`When`: a span from a first possible day to a last possible day, each a
:class:`PartialDate` known to the year, the month or the day. Nothing is ever filled in: ``"2024-02"`` stays a month,
and it is neither before nor after ``"2024-02-15"``.

Ordering is a strict partial order: ``a < b`` holds when *every* day ``a`` may stand for comes before *every* day ``b``
may stand for. Two dates that may share a day are incomparable (neither ``<`` nor ``>``). For sorting, use
:attr:`When.sort_key`, a total order: earliest possible day, then latest possible day, then the text.

Accepted text (see ``docs/format.md``):

* ISO 8601 at any precision: ``2024``, ``2024-02``, ``2024-02-15``;
* a range, ISO 8601 interval style: ``2023-11-27/2023-11-28``;
* a Solar Hijri date as Afghan sources write it, converted exactly: ``16 Qaws 1403``, ``Qaws 1403``, ``1403 SH``.
  A Solar Hijri month or year does not line up with a Gregorian one, so it becomes a range of days.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Iterable

import attrs

from .solarhijri import SolarHijriError, looks_solar_hijri, solar_hijri_days

__all__ = ["PLAUSIBLE_YEARS", "DateError", "PartialDate", "When", "parse_when"]

_MONTHS_EN = [m.lower() for m in calendar.month_name[1:]]
_MONTHS_EN_ABBR = [m.lower() for m in calendar.month_abbr[1:]]

class DateError(ValueError):
    """Text that is not a date coalitions accepts, with a message saying what to write instead."""


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to the year, the month or the day (proleptic Gregorian)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range (1 to 9999)")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month:02d} does not exist (01 to 12)")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"{self.year:04d}-{self.month:02d}-{self.day:02d} is not a date: "
                    f"{calendar.month_name[self.month]} {self.year} has {last} days"
                )

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> datetime.date:
        """The first day this date may stand for."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day this date may stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_date(cls, day: datetime.date) -> PartialDate:
        """The exact day ``day``."""
        return cls(day.year, day.month, day.day)


@attrs.frozen(order=False, eq=False)
class When:
    """A date or a range of dates at the precision the source gives.

    ``start`` and ``end`` are equal for a single date. ``as_written`` keeps the text of a date given in another
    calendar (``"16 Qaws 1403"``) so that it is written back as the source wrote it.

    Equality follows the days a date covers, not how it was written: ``16 Qaws 1403`` equals ``2024-12-06``, and
    ``2024-02`` equals ``2024-02-01/2024-02-29`` (both cover the days of February 2024). ``a <= b`` holds when the
    two are equal or ``a < b`` (certainly before); two dates that may share a day without covering the same days are
    neither: ``2024 <= 2024-02`` is false, and so is ``2024-02 <= 2024``.
    """

    start: PartialDate
    end: PartialDate
    as_written: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.end.latest < self.start.earliest:
            raise DateError(f"the range {self.start}/{self.end} ends before it starts")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self.earliest == other.earliest and self.latest == other.latest

    def __hash__(self) -> int:
        return hash((self.earliest, self.latest))

    @classmethod
    def of(cls, text: str) -> When:
        """Parse ``text``; same as :func:`parse_when`."""
        return parse_when(text)

    @property
    def is_range(self) -> bool:
        """True for a range of two different dates (``2023-11-27/2023-11-28``)."""
        return self.start != self.end

    @property
    def precision(self) -> str:
        """The precision of the start: ``"year"``, ``"month"`` or ``"day"``."""
        return self.start.precision

    @property
    def earliest(self) -> datetime.date:
        """The first day this date may stand for."""
        return self.start.earliest

    @property
    def latest(self) -> datetime.date:
        """The last day this date may stand for."""
        return self.end.latest

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.date, str]:
        """A total order for sorting: earliest possible day, then latest possible day, then the text."""
        return (self.earliest, self.latest, str(self))

    def is_before(self, other: When) -> bool:
        """Certainly before: every day ``self`` may stand for is before every day ``other`` may stand for."""
        return self.latest < other.earliest

    def is_after(self, other: When) -> bool:
        """Certainly after (see :meth:`is_before`)."""
        return other.is_before(self)

    def overlaps(self, other: When) -> bool:
        """The two may stand for a common day: neither is certainly before the other."""
        return not (self.is_before(other) or other.is_before(self))

    def may_include(self, day: datetime.date) -> bool:
        """``day`` is one of the days this date may stand for."""
        return self.earliest <= day <= self.latest

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self.is_before(other)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return other.is_before(self)

    def __le__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self == other or self.is_before(other)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self == other or other.is_before(self)

    def __str__(self) -> str:
        if self.start == self.end:
            return str(self.start)
        return f"{self.start}/{self.end}"

    def to_text(self) -> str:
        """The text to write back to a file: as written if it came in another calendar, else ISO."""
        return self.as_written if self.as_written is not None else str(self)


_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SLASHED = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})")
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)} | {
    name.lower(): number for number, name in enumerate(calendar.day_abbr)}  # fmt: skip

#: The years a date may fall in, in any calendar once converted: outside them a date is refused as implausible
#: (a Solar Hijri year read as Gregorian, or a typo), not stored.
PLAUSIBLE_YEARS = range(1000, 2101)

#: The calendars :func:`parse_when` reads when not told otherwise.
ALL_CALENDARS = frozenset({"gregorian", "solar-hijri"})


def _plausible(year: int, text: str, solar_year: int | None = None) -> None:
    if year not in PLAUSIBLE_YEARS:
        what = f"Solar Hijri year {solar_year}, Gregorian {year}," if solar_year is not None else f"year {year},"
        raise DateError(f"{text!r} is in {what} which is not plausible (expected {PLAUSIBLE_YEARS.start} to "
                        f"{PLAUSIBLE_YEARS.stop - 1} AD)")  # fmt: skip


def _parse_iso(text: str, whole: str, solar: bool) -> PartialDate:
    match = _ISO.fullmatch(text)
    if match is None:
        raise DateError(_explain(whole, solar))
    year, month, day = (int(g) if g is not None else None for g in match.groups())
    assert year is not None
    _plausible(year, whole)
    return PartialDate(year, month, day)


def _suggestion(text: str) -> str | None:
    """The ISO form of a date written by hand ("Feb 2024", "15/02/2024", "Tue 8 Apr 2025"), worked out with
    python-dateutil without filling in anything the text does not give; None when it cannot be read."""
    from dateutil import parser  # noqa: PLC0415 - only when a date is refused

    sentinels = (datetime.datetime(1, 1, 1), datetime.datetime(2, 2, 2))
    try:
        first, second = (parser.parse(text, default=d) for d in sentinels)
        day_first = parser.parse(text, default=sentinels[0], dayfirst=True)
    except (ValueError, OverflowError, TypeError):
        return None
    shown = repr(text)
    if first.year != second.year:
        return f"{shown} gives no year; write the date as YYYY-MM-DD with the year the source means"
    if first.month != second.month:
        return f"{shown} is not an accepted date form; write {first.year:04d}"
    if (first.hour, first.minute, first.second, first.microsecond) != (0, 0, 0, 0) or first.tzinfo is not None:
        day = f"{first.year:04d}-{first.month:02d}" + (f"-{first.day:02d}" if first.day == second.day else "")
        return f"{shown} gives a time of day; write the date alone: {day}"
    if first.day != second.day:
        return f"{shown}: month names are not accepted; write {first.year:04d}-{first.month:02d} (a month stays a month)"
    if day_first != first:
        a, b = (f"{d.year:04d}-{d.month:02d}-{d.day:02d}" for d in (day_first, first))
        return f"{shown} is ambiguous (day/month or month/day?); write {a} or {b}"
    iso = f"{first.year:04d}-{first.month:02d}-{first.day:02d}"
    named = [_WEEKDAYS[w] for w in re.findall(r"[A-Za-z]+", text.lower()) if w in _WEEKDAYS]
    if named and named[0] != first.weekday():
        return (f"{shown}: {iso} was a {calendar.day_name[first.weekday()]}, not a "
                f"{calendar.day_name[named[0]]}; check the source, then write {iso}")  # fmt: skip
    kind = "month names are not accepted" if re.search(r"[A-Za-z]{3}", text) else "is not an accepted date form"
    return f"{shown}: {kind}; write {iso}" if kind.startswith("month") else f"{shown} {kind}; write {iso}"


def _explain(text: str, solar: bool) -> str:
    """Why ``text`` is refused, with the ISO form to write when it can be worked out without guessing."""
    if looks_solar_hijri(text) and not solar:
        return (f"{text!r} looks like a Solar Hijri date, and this corpus reads Gregorian dates only; write the "
                "Gregorian date (YYYY-MM-DD), or turn Solar Hijri dates on in corpus.yaml "
                "(calendars: [gregorian, solar-hijri])")  # fmt: skip
    numbers = re.findall(r"[0-9]+", text)
    if numbers and not any(len(n) == 4 for n in numbers):
        if len(numbers) == 1:
            return f"{text!r} gives no year; write the date as YYYY-MM-DD with the year the source means"
        return f"{text!r} is not a date: write the year with four digits (YYYY, YYYY-MM or YYYY-MM-DD)"
    suggestion = _suggestion(text) if re.search(r"[0-9]", text) else None
    if suggestion is not None:
        return suggestion
    also = ", or a Solar Hijri date such as '16 Qaws 1403'" if solar else ""
    return f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, a range START/END{also}"


def _solar_hijri(text: str) -> When | None:
    try:
        found = solar_hijri_days(text)
    except SolarHijriError as error:
        raise DateError(f"{text!r}: {error}") from None
    if found is None:
        return None
    first, last, year = found
    _plausible(first.year, text, year)
    _plausible(last.year, text, year)
    return When(PartialDate.from_date(first), PartialDate.from_date(last), as_written=text)


def parse_when(text: str, *, calendars: Iterable[str] | None = None) -> When:
    """Parse a date, a range or a Solar Hijri date; raise :class:`DateError` with a helpful message otherwise.

    ``calendars`` are those the text may be written in (``"gregorian"``, ``"solar-hijri"``; default both): a corpus
    reads the calendars its ``corpus.yaml`` names, Gregorian only unless it asks. Years outside
    :data:`PLAUSIBLE_YEARS` are refused in every calendar.

    >>> str(parse_when("2024-02"))
    '2024-02'
    >>> str(parse_when("16 Qaws 1403"))
    '2024-12-06'
    """
    if not isinstance(text, str):
        raise DateError(f"expected a date as text, got {type(text).__name__}")
    foreign = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if foreign is not None:  # Arabic-Indic, Persian or mathematical digits: never converted silently
        ascii_form = "".join(str(int(c)) if c.isdigit() and not c.isascii() else c for c in text)
        raise DateError(f"{text!r}: {foreign!r} ({unicodedata.name(foreign, 'a digit')}) is not an ASCII digit; "
                        f"write {ascii_form}")  # fmt: skip
    solar = "solar-hijri" in (ALL_CALENDARS if calendars is None else frozenset(map(str, calendars)))
    stripped = text.strip()
    if stripped != text or not text:
        raise DateError(f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
    if solar:
        found = _solar_hijri(text)
        if found is not None:
            return found
    if text.count("/") == 1 and _SLASHED.fullmatch(text) is None:
        first, _, second = text.partition("/")
        return When(_parse_iso(first, text, solar), _parse_iso(second, text, solar))
    single = _parse_iso(text, text, solar)
    return When(single, single)
