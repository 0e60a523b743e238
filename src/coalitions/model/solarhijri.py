"""The Solar Hijri calendar as Afghan and Iranian sources write it: month names and exact conversion.

The arithmetic is that of the jalaali-js library (Borkowski's breaks), exact against the astronomical calendar for
the years 1 to 3177 SH. :func:`parse_solar_hijri` reads ``16 Qaws 1403``, ``Qaws 1403`` and ``1403 SH``; a month or
a year does not line up with a Gregorian one, so it becomes a range of days.
"""

from __future__ import annotations

import datetime
import re

__all__ = ["MONTH_NAMES", "SOLAR_HIJRI_MONTHS", "SolarHijriError", "looks_solar_hijri", "month_length",
           "solar_hijri_days", "solar_hijri_to_gregorian"]  # fmt: skip


class SolarHijriError(ValueError):
    """A Solar Hijri date that does not exist; :mod:`coalitions.model.dates` raises it as a ``DateError``."""


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

#: The Afghan (Dari) name of each month, for messages: ``MONTH_NAMES[1]`` is ``"Hamal"``.
MONTH_NAMES = ("", "Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi", "Dalw",
               "Hut")  # fmt: skip

_SH_DAY = re.compile(r"([0-9]{1,2}) ([A-Za-z]+) ([0-9]{3,4})(?: SH)?")
_SH_MONTH = re.compile(r"([A-Za-z]+) ([0-9]{3,4})(?: SH)?")
_SH_YEAR = re.compile(r"([0-9]{3,4}) SH")


def _jalali_calendar(year: int) -> tuple[int, int, int]:
    """(leap, gregorian year, day of March of 1 Farvardin) for Solar Hijri ``year``.

    The arithmetic of the jalaali-js library (Borkowski's breaks), exact against the astronomical calendar
    for the years 1 to 3177 SH.
    """
    breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394,
              2456, 3178]  # fmt: skip
    if not 1 <= year < breaks[-1]:
        raise SolarHijriError(f"Solar Hijri year {year} is out of range (1 to {breaks[-1] - 1})")

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


def month_length(year: int, month: int) -> int:
    """How many days Solar Hijri month ``month`` of ``year`` has (31, 30, or 29 or 30 for Hut)."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if _jalali_calendar(year)[0] == 0 else 29


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian day of Solar Hijri ``day`` ``month`` ``year`` (``16 Qaws 1403`` is 2024-12-06)."""
    if not 1 <= month <= 12:
        raise SolarHijriError(f"Solar Hijri month {month} does not exist (1 to 12)")
    length = month_length(year, month)
    if not 1 <= day <= length:
        raise SolarHijriError(f"{MONTH_NAMES[month]} {year} has {length} days; there is no day {day}")
    _, gregorian, march = _jalali_calendar(year)
    offset = (month - 1) * 31 - (month // 7) * (month - 7) + day - 1
    return datetime.date(gregorian, 3, march) + datetime.timedelta(days=offset)


def looks_solar_hijri(text: str) -> bool:
    """``text`` has the form of a Solar Hijri date (a month name of that calendar, or ``SH``)."""
    for pattern, group in ((_SH_DAY, 2), (_SH_MONTH, 1)):
        match = pattern.fullmatch(text)
        if match and match.group(group).lower() in SOLAR_HIJRI_MONTHS:
            return True
    return _SH_YEAR.fullmatch(text) is not None


def solar_hijri_days(text: str) -> tuple[datetime.date, datetime.date, int] | None:
    """The first and last Gregorian days of the Solar Hijri date ``text``, and its Solar Hijri year; None when
    ``text`` is not of that form. Raises :class:`SolarHijriError` for a day that does not exist."""
    match = _SH_DAY.fullmatch(text)
    if match and match.group(2).lower() in SOLAR_HIJRI_MONTHS:
        day, month, year = int(match.group(1)), SOLAR_HIJRI_MONTHS[match.group(2).lower()], int(match.group(3))
        exact = solar_hijri_to_gregorian(year, month, day)
        return exact, exact, year
    match = _SH_MONTH.fullmatch(text)
    if match and match.group(1).lower() in SOLAR_HIJRI_MONTHS:
        month, year = SOLAR_HIJRI_MONTHS[match.group(1).lower()], int(match.group(2))
        return (solar_hijri_to_gregorian(year, month, 1),
                solar_hijri_to_gregorian(year, month, month_length(year, month)), year)  # fmt: skip
    match = _SH_YEAR.fullmatch(text)
    if match:
        year = int(match.group(1))
        return solar_hijri_to_gregorian(year, 1, 1), solar_hijri_to_gregorian(year, 12, month_length(year, 12)), year
    return None
