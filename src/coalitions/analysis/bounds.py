"""A value over the readings of the uncertain claims it depends on: :class:`Range`, and :func:`ranges`, which
evaluates a computation under the readings it needs (all out, all in, and every reading when few claims matter)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import attrs

from .readings import ClaimKey, Reading

__all__ = ["Range", "Values", "ranges"]


Values = dict[str, float]


@attrs.frozen
class Range:
    """A metric over the readings of the uncertain claims it depends on.

    ``all_out`` leaves every uncertain claim out, ``all_in`` counts them all; ``low`` and ``high`` bound the
    metric over the readings. ``exact`` is True when every reading was computed (then the bounds are exact), and
    ``monotone`` says whether counting one more claim always moves the metric the same way (None when unknown).
    ``claims`` is how many uncertain claims the metric depends on when ``exact``; otherwise it is how many were
    met before there were too many to enumerate (a lower bound, which can depend on the order the claims were met
    in). NaN means undefined (no organisation, fewer than two declarations).
    """

    low: float
    high: float
    all_out: float
    all_in: float
    exact: bool
    monotone: bool | None
    claims: int = 0

    @classmethod
    def point(cls, value: float) -> Range:
        """A metric that no uncertain claim moves."""
        return cls(value, value, value, value, True, True, 0)

    @property
    def is_point(self) -> bool:
        """No reading moves the metric (NaN counts as equal to NaN)."""
        return self.low == self.high or (math.isnan(self.low) and math.isnan(self.high))

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (int, float)) and self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{self.low:.3g}" if self.is_point else f"{self.low:.3g}..{self.high:.3g}"


def _nanmin(values: Iterable[float]) -> float:
    real = [v for v in values if not math.isnan(v)]
    return min(real) if real else math.nan


def _nanmax(values: Iterable[float]) -> float:
    real = [v for v in values if not math.isnan(v)]
    return max(real) if real else math.nan


def _monotone(values: Sequence[float], bits: int) -> bool:
    up = down = True
    for mask, value in enumerate(values):
        for bit in range(bits):
            if mask & (1 << bit):
                continue
            other = values[mask | (1 << bit)]
            if math.isnan(value) or math.isnan(other):
                if math.isnan(value) != math.isnan(other):
                    return False
                continue
            up = up and other >= value
            down = down and other <= value
    return up or down


def _sorted_if_few(claims: set[ClaimKey], max_exact: int) -> list[ClaimKey]:
    """The claims in order when few enough to enumerate their readings (sorting many would be wasted)."""
    return sorted(claims) if len(claims) <= max_exact else list(claims)


def ranges(evaluate: Callable[[Reading], Values], *, max_exact: int = 8) -> dict[str, Range]:
    """Evaluate ``evaluate`` under the readings of the claims it asks about, and report each value as a Range."""
    probe = Reading.all_in()
    high_end = evaluate(probe)
    low_end = evaluate(Reading.all_out(remember=False))  # the claims are those the all-in reading was asked
    claims: list[ClaimKey] = _sorted_if_few(probe.seen, max_exact)
    while 0 < len(claims) <= max_exact:
        table: list[Values] = []
        seen: set[ClaimKey] = set()
        for mask in range(1 << len(claims)):
            reading = Reading(c for bit, c in enumerate(claims) if mask & (1 << bit))
            table.append(evaluate(reading))
            seen |= reading.seen
        if seen <= set(claims):
            return {name: Range(_nanmin(row[name] for row in table), _nanmax(row[name] for row in table),
                                low_end[name], high_end[name], True,
                                _monotone([row[name] for row in table], len(claims)), len(claims))
                    for name in high_end}  # fmt: skip
        claims = _sorted_if_few(seen | set(claims), max_exact)
    if not claims:
        return {name: Range.point(value) for name, value in high_end.items()}
    return {name: Range(_nanmin((low_end[name], high_end[name])), _nanmax((low_end[name], high_end[name])),
                        low_end[name], high_end[name], False, None, len(claims))
            for name in high_end}  # fmt: skip
