"""Windows of time for a series: years, half-years, quarters, months or any step, with calendar arithmetic.

A window is a date (``"2024"`` is the year 2024, ``"2024-02"`` the month) or a ``(start, end)`` pair. A series of
windows runs from the first declaration of a corpus to its last; steps are calendar steps
(``dateutil.relativedelta``), so a month is a month and a quarter three.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Union

from ..model import Corpus, PartialDate, When
from .readings import DateLike, as_when

__all__ = ["STEPS", "WindowLike", "window", "windows"]

#: A window: a date (``"2024"`` is the year 2024, ``"2024-02"`` the month) or a ``(start, end)`` pair.
WindowLike = Union[DateLike, tuple[DateLike, DateLike]]
#: The named steps of a series, in months.
STEPS = {"year": 12, "half-year": 6, "quarter": 3, "month": 1}


def window(value: WindowLike) -> When:
    """``value`` as a window: a date, or the days from a start to an end.

    >>> str(window(("2022", "2023-06")))
    '2022/2023-06'
    """
    if isinstance(value, tuple):
        start, end = as_when(value[0]), as_when(value[1])
        return When(start.start, end.end)
    return as_when(value)


def _as_window(first: datetime.date, months: int) -> When:
    """The window of ``months`` months from the first of ``first``'s month, at month or year precision."""
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - only for a series

    last = first + relativedelta(months=months) - relativedelta(days=1)
    if months == 12 and first.month == 1:
        return When(PartialDate(first.year), PartialDate(first.year))
    return When(PartialDate(first.year, first.month), PartialDate(last.year, last.month))


def windows(corpus: Corpus, step: str | Any | Iterable[WindowLike] = "year") -> tuple[When, ...]:
    """The windows of a series: every year (``"year"``), half-year, quarter or month from the first declaration
    to the last, a ``dateutil.relativedelta`` of whole months, or the given windows.

    >>> from coalitions import load
    >>> [str(w) for w in windows(load(), "year")][:2]
    ['2012', '2013']
    """
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415

    if isinstance(step, relativedelta):
        months = step.years * 12 + step.months
        if months <= 0 or step.days or step.weeks:
            raise ValueError("a window's step is a whole number of months (relativedelta(months=...))")
    elif isinstance(step, str):
        if step not in STEPS:
            raise ValueError(f"window must be one of {', '.join(STEPS)}, a relativedelta, or a list of windows, "
                             f"not {step!r}")  # fmt: skip
        months = STEPS[step]
    else:
        return tuple(window(w) for w in step)
    if not corpus.declarations:
        return ()
    first = min(d.date.earliest for d in corpus.declarations)
    last = max(d.date.earliest for d in corpus.declarations)
    start = datetime.date(first.year, 1, 1)
    while start + relativedelta(months=months) <= first.replace(day=1):
        start += relativedelta(months=months)
    result = []
    while start <= last:
        result.append(_as_window(start, months))
        start += relativedelta(months=months)
    return tuple(result)
