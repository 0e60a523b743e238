"""Tests for coalitions.analysis.bounds: the readings a group of parts is computed under, against their definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coalitions.analysis.bounds import Part, claims_of, configs
from coalitions.analysis.readings import Reading

CLAIMS = [("claim", str(i)) for i in range(6)]


def part(name: int, own: list[int], kind: int) -> Part:
    """A part asking the claims ``own``: its value is the number of them counted, whether all are, or whether any
    is (``kind`` 0, 1, 2: values that often stay the same when one claim flips)."""
    keys = [CLAIMS[i] for i in own]

    def compute(reading: Reading) -> object:
        counted = [reading.holds(k) for k in keys]
        return sum(counted) if kind == 0 else all(counted) if kind == 1 else any(counted)

    return Part(name, compute)


@st.composite
def groups(draw: st.DrawFn) -> list[Part]:
    """A few parts over a few claims, each part asking one to three of them."""
    count = draw(st.integers(1, 6))
    return [part(n, draw(st.lists(st.integers(0, 5), min_size=1, max_size=3, unique=True)), draw(st.integers(0, 2)))
            for n in range(count)]  # fmt: skip


@given(groups(), st.integers(0, 3))
def test_past_max_exact_both_ends_and_each_flip(group: list[Part], max_exact: int) -> None:
    """Rule (configs' docstring): "past ``max_exact`` claims the readings are both ends and, for each claim, the one
    flipping it from each end": the distinct values of the group under those readings, in that order (the bottom
    end, the top end, each claim flipped from the bottom, each flipped from the top), each with the claims its
    first reading counts."""
    asked = {p.name: claims_of(p) for p in group}
    claims = sorted(set().union(*asked.values()))
    found, exact = configs(group, claims, max_exact, asked)
    every = frozenset(claims)
    readings = [frozenset(), every] + [frozenset((c,)) for c in claims] + [every - {c} for c in claims]
    if len(claims) <= max_exact:  # the exact path: every reading
        readings = [frozenset(c for b, c in enumerate(claims) if mask >> b & 1) for mask in range(1 << len(claims))]
    expected: dict[tuple[object, ...], frozenset[object]] = {}
    for counted in readings:
        expected.setdefault(tuple(p.compute(Reading(counted, remember=False)) for p in group), counted)
    assert (len(claims) <= max_exact) == exact
    assert list(expected.items()) == found
