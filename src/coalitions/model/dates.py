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

import attrs

__all__ = ["DateError", "PartialDate", "When", "parse_when", "solar_hijri_to_gregorian"]

_MONTHS_EN = [m.lower() for m in calendar.month_name[1:]]
_MONTHS_EN_ABBR = [m.lower() for m in calendar.month_abbr[1:]]

#: Solar Hijri month names as Afghan (Dari) and Iranian sources transliterate them, month number first.
SOLAR_HIJRI_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("hamal", "farvardin", "farwardin"),
        ("sawr", "saur", "sowr", "ordibehesht", "ordibehesht"),
        ("jawza", "jauza", "jowza", "khordad"),
        ("saratan", "sartan", "tir"),
        ("asad", "mordad", "amordad"),
        ("sunbula", "sonbola", "sunbulah", "shahrivar", "shahriwar"),
        ("mizan", "mehr", "mihr"),
        ("aqrab", "akrab", "aban"),
        ("qaws", "qaus", "qous", "azar"),
        ("jadi", "jaddi", "dey", "dei"),
        ("dalw", "dalv", "bahman"),
        ("hut", "hoot", "esfand", "isfand"),
    ],
    start=1,
):
    for _name in _names:
        SOLAR_HIJRI_MONTHS[_name] = _number


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


@attrs.frozen(order=False)
class When:
    """A date or a range of dates at the precision the source gives.

    ``start`` and ``end`` are equal for a single date. ``as_written`` keeps the text of a date given in another
    calendar (``"16 Qaws 1403"``) so that it is written back as the source wrote it.
    """

    start: PartialDate
    end: PartialDate
    as_written: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.end.latest < self.start.earliest:
            raise DateError(f"the range {self.start}/{self.end} ends before it starts")

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


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SH_DAY = re.compile(r"(\d{1,2}) ([A-Za-z]+) (\d{3,4})(?: SH)?")
_SH_MONTH = re.compile(r"([A-Za-z]+) (\d{3,4})(?: SH)?")
_SH_YEAR = re.compile(r"(\d{3,4}) SH")
_SLASHED = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_EN_DAY_MONTH = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)? )?([A-Za-z]+)\.?,? (\d{4})")
_EN_MONTH_DAY = re.compile(r"([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")


def _english_month(name: str) -> int | None:
    name = name.lower()
    if name in _MONTHS_EN:
        return _MONTHS_EN.index(name) + 1
    if name in _MONTHS_EN_ABBR:
        return _MONTHS_EN_ABBR.index(name) + 1
    return None


def _parse_iso(text: str) -> PartialDate:
    match = _ISO.fullmatch(text)
    if match is None:
        raise DateError(_explain(text))
    year, month, day = (int(g) if g is not None else None for g in match.groups())
    assert year is not None
    return PartialDate(year, month, day)


def _explain(text: str) -> str:
    """Why ``text`` is refused, with the ISO form to write when it can be worked out without guessing."""
    shown = repr(text)
    match = _SLASHED.fullmatch(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if first <= 12 and second <= 12 and first != second:
            return (
                f"{shown} is ambiguous (day/month or month/day?); write {year:04d}-{second:02d}-{first:02d} "
                f"or {year:04d}-{first:02d}-{second:02d}"
            )
        day, month = (first, second) if first > 12 else (second, first)
        return f"{shown} is not an accepted date form; write {year:04d}-{month:02d}-{day:02d}"
    for pattern, order in ((_EN_DAY_MONTH, "dmy"), (_EN_MONTH_DAY, "mdy")):
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = dict(zip(order, match.groups()))
        month = _english_month(groups["m"] or "")
        if month is None:
            continue
        year = int(groups["y"])
        if groups.get("d"):
            return f"{shown}: month names are not accepted; write {year:04d}-{month:02d}-{int(groups['d']):02d}"
        return f"{shown}: month names are not accepted; write {year:04d}-{month:02d} (a month stays a month)"
    return (
        f"{shown} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, a range START/END, "
        "or a Solar Hijri date such as '16 Qaws 1403'"
    )


def _jalali_calendar(year: int) -> tuple[int, int, int]:
    """(leap, gregorian year, day of March of 1 Farvardin) for Solar Hijri ``year``.

    The arithmetic of the jalaali-js library (Borkowski's breaks), exact against the astronomical calendar
    for the years 1 to 3177 SH.
    """
    breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394,
              2456, 3178]  # fmt: skip
    if not 1 <= year < breaks[-1]:
        raise DateError(f"Solar Hijri year {year} is out of range (1 to {breaks[-1] - 1})")

    def div(a: int, b: int) -> int:
        return int(a / b)

    def mod(a: int, b: int) -> int:
        return a - div(a, b) * b

    gregorian = year + 621
    leap_j = -14
    jp = breaks[0]
    jump = 0
    for jm in breaks[1:]:
        jump = jm - jp
        if year < jm:
            break
        leap_j += div(jump, 33) * 8 + div(mod(jump, 33), 4)
        jp = jm
    n = year - jp
    leap_j += div(n, 33) * 8 + div(mod(n, 33) + 3, 4)
    if mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = div(gregorian, 4) - div((div(gregorian, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + div(jump + 4, 33) * 33
    leap = mod(mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, gregorian, march


def _solar_hijri_month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if _jalali_calendar(year)[0] == 0 else 29


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian day of Solar Hijri ``day`` ``month`` ``year`` (``16 Qaws 1403`` is 2024-12-06)."""
    if not 1 <= month <= 12:
        raise DateError(f"Solar Hijri month {month} does not exist (1 to 12)")
    length = _solar_hijri_month_length(year, month)
    if not 1 <= day <= length:
        raise DateError(f"day {day} does not exist in Solar Hijri month {month} of {year} ({length} days)")
    _, gregorian, march = _jalali_calendar(year)
    offset = (month - 1) * 31 - (month // 7) * (month - 7) + day - 1
    return datetime.date(gregorian, 3, march) + datetime.timedelta(days=offset)


def _parse_solar_hijri(text: str) -> When | None:
    match = _SH_DAY.fullmatch(text)
    if match and match.group(2).lower() in SOLAR_HIJRI_MONTHS:
        day, month, year = int(match.group(1)), SOLAR_HIJRI_MONTHS[match.group(2).lower()], int(match.group(3))
        exact = PartialDate.from_date(solar_hijri_to_gregorian(year, month, day))
        return When(exact, exact, as_written=text)
    match = _SH_MONTH.fullmatch(text)
    if match and match.group(1).lower() in SOLAR_HIJRI_MONTHS:
        month, year = SOLAR_HIJRI_MONTHS[match.group(1).lower()], int(match.group(2))
        first = solar_hijri_to_gregorian(year, month, 1)
        last = solar_hijri_to_gregorian(year, month, _solar_hijri_month_length(year, month))
        return When(PartialDate.from_date(first), PartialDate.from_date(last), as_written=text)
    match = _SH_YEAR.fullmatch(text)
    if match:
        year = int(match.group(1))
        first = solar_hijri_to_gregorian(year, 1, 1)
        last = solar_hijri_to_gregorian(year, 12, _solar_hijri_month_length(year, 12))
        return When(PartialDate.from_date(first), PartialDate.from_date(last), as_written=text)
    return None


def parse_when(text: str) -> When:
    """Parse a date, a range or a Solar Hijri date; raise :class:`DateError` with a helpful message otherwise.

    >>> str(parse_when("2024-02"))
    '2024-02'
    >>> str(parse_when("16 Qaws 1403"))
    '2024-12-06'
    """
    if not isinstance(text, str):
        raise DateError(f"expected a date as text, got {type(text).__name__}")
    stripped = text.strip()
    if stripped != text or not text:
        raise DateError(f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
    solar = _parse_solar_hijri(text)
    if solar is not None:
        return solar
    if text.count("/") == 1 and _SLASHED.fullmatch(text) is None:
        first, _, second = text.partition("/")
        start, end = _parse_iso(first), _parse_iso(second)
        return When(start, end)
    single = _parse_iso(text)
    return When(single, single)
