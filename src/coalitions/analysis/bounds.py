"""Values over the readings of the uncertain claims they depend on: :class:`Range`, and the search for its bounds.

A computation is split into *parts* (who a declaration counts, the units on a date, the councils of a window), each
asking a reading about its own claims. :func:`search` finds the claims each part asks about, groups the parts that
share a claim, reads every group under every reading of its claims (``2**k`` for ``k`` claims, up to ``max_exact``),
keeps the distinct results, and evaluates the value for every combination of the groups' results. This is exact --
every reading of every claim is covered -- as long as no group has more than ``max_exact`` claims and the
combinations are at most ``budget`` (fewer where the parts are many: :data:`WORK`); the value over independent groups is then found without trying all ``2**K``
readings of all ``K`` claims. Past those limits the bounds come from a local search (both ends, then the best result
of each group in turn, until nothing improves): they bound every reading *tried*, and the range says it is not
exact. Either way the range names the claims that move it: those counted at one end and not at the other.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import attrs

from .readings import ClaimKey, Reading, asked_claims
from .times import claim_identity, identities

__all__ = ["Part", "Range", "RangeError", "Values", "claims_of", "configs", "grouped", "search"]

Values = dict[str, float]


class RangeError(TypeError):
    """A range asked for as one number (``float(range)``) while readings give several values."""


def _nan_key(value: float) -> float:
    return -math.inf if math.isnan(value) else value


@attrs.frozen
class Range:
    """A value over the readings of the uncertain claims it depends on.

    ``all_out`` leaves every uncertain claim out, ``all_in`` counts them all; ``low`` and ``high`` bound the value
    over the readings. ``exact`` is True when every reading was covered (then the bounds are the true ones); when
    False, they bound the readings tried and the true range may be wider. ``monotone`` says whether counting one
    more claim always moves the value the same way (None when not computed). ``claims`` is how many uncertain claims
    the value depends on; ``movers`` the claims that decide it (counted in the reading of one end and not in that
    of the other), ``low_claims`` and ``high_claims`` the claims counted in the readings giving ``low`` and
    ``high``. ``partial`` says that a list it counts is partial (a lower bound of who came). NaN means undefined
    (no organisation, fewer than two declarations); ``float(r)`` is the value when no reading moves it, and a
    :class:`RangeError` otherwise.
    """

    low: float
    high: float
    all_out: float
    all_in: float
    exact: bool
    monotone: bool | None
    claims: int = 0
    movers: tuple[ClaimKey, ...] = ()
    low_claims: frozenset[ClaimKey] = frozenset()
    high_claims: frozenset[ClaimKey] = frozenset()
    partial: bool = False

    @classmethod
    def point(cls, value: float, *, partial: bool = False) -> Range:
        """A value that no uncertain claim moves."""
        return cls(value, value, value, value, True, True, 0, partial=partial)

    @property
    def is_point(self) -> bool:
        """No reading moves the value (NaN counts as equal to NaN)."""
        return self.low == self.high or (math.isnan(self.low) and math.isnan(self.high))

    @property
    def defined(self) -> bool:
        """The value is defined in some reading (not NaN at both ends)."""
        return not (math.isnan(self.low) and math.isnan(self.high))

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (int, float)) and self.low <= value <= self.high

    def __float__(self) -> float:
        if self.is_point and self.exact:
            return float(self.low)
        raise RangeError(f"{self} is a range over readings of uncertain claims, not one number: use .low, .high, "
                         ".all_in or .all_out")  # fmt: skip

    def __format__(self, spec: str) -> str:
        """``format(r, ".3f")``: the bounds in that format, ``n/a`` where undefined, "(not exact)" when not exact."""
        if not spec:
            return str(self)
        low, high = (_shown(v, spec) for v in (self.low, self.high))
        text = low if low == high else f"{low}..{high}"
        return text if self.exact else f"{text} (not exact)"

    def __str__(self) -> str:
        """``0.4..0.441``, ``0.5`` for a point, ``n/a`` for an undefined value (two empty sets have no Jaccard),
        and "(not exact)" after the bounds of a search that did not cover every reading."""
        low, high = (_shown(v, ".3g") for v in (self.low, self.high))
        text = low if self.is_point else f"{low}..{high}"
        return text if self.exact else f"{text} (not exact)"


def _shown(value: float, spec: str) -> str:
    return "n/a" if math.isnan(value) else format(value, spec)


@attrs.frozen(eq=False)
class Part:
    """A piece of a computation: ``compute(reading)`` gives a hashable value, asking the reading its claims."""

    name: Hashable
    compute: Callable[[Reading], Any]


def claims_of(part: Part) -> set[ClaimKey]:
    """The claims ``part`` asks about, closed under asking (a claim may only be asked in some readings)."""
    return asked_claims(part.compute)


def grouped(parts: Sequence[Part], claims: dict[Hashable, set[ClaimKey]]) -> list[list[Part]]:
    """The parts, grouped so that parts sharing a claim are in one group (each group in the parts' order, groups
    by their first part), in time linear in the claims asked."""
    owner: dict[ClaimKey, int] = {}
    parent = list(range(len(parts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, part in enumerate(parts):
        for claim in claims[part.name]:
            j = owner.setdefault(claim, i)
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    found: dict[int, list[Part]] = {}
    for i, part in enumerate(parts):
        found.setdefault(find(i), []).append(part)
    return list(found.values())


Config = tuple[tuple[Any, ...], frozenset[ClaimKey]]


def configs(group: list[Part], claims: list[ClaimKey], max_exact: int,
            asked: dict[Hashable, set[ClaimKey]] | None = None, flips: int | None = None) -> tuple[list[Config], bool]:  # fmt: skip
    """The distinct values of ``group`` over the readings of ``claims``, each with the claims counted in a reading
    giving it; and whether every reading was covered.

    A part is computed once for each set of its own claims counted (``asked``: each part's claims,
    :func:`claims_of`; by default all of ``claims``), under the reading of exactly those: a part's value depends on
    its own claims only, so the readings of a group that differ elsewhere reuse it (a group of many parts asks each
    about few claims).

    Past ``max_exact`` claims the readings are both ends and, for each claim, the one flipping it from each end;
    with ``flips``, for at most that many claims, spread evenly over them (a large group: a bound on the work)."""
    def claims_in(mask: int) -> frozenset[ClaimKey]:  # the exact path's masks: at most max_exact claims
        found = []
        while mask:
            low = mask & -mask
            found.append(claims[low.bit_length() - 1])
            mask ^= low
        return frozenset(found)

    memo: dict[tuple[int, int], Any] = {}
    index = {claim: b for b, claim in enumerate(claims)}
    own_bits = [sorted({index[c] for c in asked[part.name] if c in index}) if asked is not None
                else list(range(len(claims))) for part in group]  # fmt: skip
    own = [_mask(bits, len(claims)) for bits in own_bits]
    own_sets: dict[int, frozenset[ClaimKey]] = {}

    def own_set(i: int) -> frozenset[ClaimKey]:
        if i not in own_sets:
            own_sets[i] = frozenset(claims[b] for b in own_bits[i])
        return own_sets[i]

    def part_value(i: int, mask: int, counted: frozenset[ClaimKey] | None = None) -> Any:
        """Part ``i`` under the reading counting ``mask`` (its own claims; ``counted``: the same, as a set)."""
        key = (i, mask)
        if key not in memo:
            memo[key] = group[i].compute(Reading(claims_in(mask) if counted is None else counted, remember=False))
        return memo[key]

    found: dict[tuple[Any, ...], int] = {}  # each distinct value, with the first reading giving it
    exact = len(claims) <= max_exact
    if exact:
        for chosen in range(1 << len(claims)):
            found.setdefault(tuple(part_value(i, chosen & own[i]) for i in range(len(group))), chosen)
        return [(value, claims_in(chosen)) for value, chosen in found.items()], exact
    # both ends, then each flipped claim from each end: only the parts asking about that claim change
    step = max(1, -(-len(claims) // flips)) if flips else 1
    flipped = range(0, len(claims), step)
    owners: dict[int, list[int]] = {}
    wanted = set(flipped)
    for i, bits in enumerate(own_bits):
        for b in bits:
            if b in wanted:
                owners.setdefault(b, []).append(i)
    none: frozenset[ClaimKey] = frozenset()
    ends = [[part_value(i, 0, none) for i in range(len(group))],
            [part_value(i, own[i], own_set(i)) for i in range(len(group))]]  # fmt: skip
    readings: dict[tuple[Any, ...], tuple[bool, int | None]] = {}  # each distinct value: (from the top?, flipped)
    readings.setdefault(tuple(ends[0]), (False, None))
    readings.setdefault(tuple(ends[1]), (True, None))
    for top in (False, True):
        base = ends[top]
        for b in flipped:
            one = frozenset((claims[b],))
            changed = []
            for i in owners.get(b, ()):  # b is one of part i's claims
                value = part_value(i, own[i] ^ (1 << b), own_set(i) - one) if top else part_value(i, 1 << b, one)
                if not (value is base[i] or value == base[i]):  # as tuples compare
                    changed.append((i, value))
            if not changed:  # the end's own values, found already
                continue
            values = list(base)
            for i, value in changed:
                values[i] = value
            readings.setdefault(tuple(values), (top, b))
    every = frozenset(claims)
    return [(value, (every if top else none) if b is None else (every - {claims[b]} if top else
             frozenset((claims[b],)))) for value, (top, b) in readings.items()], exact  # fmt: skip


def _mask(bits: Sequence[int], size: int) -> int:
    """The int whose bits ``bits`` are set (built in a byte buffer: adding thousands of wide ints is quadratic)."""
    buffer = bytearray((size + 7) // 8)
    for b in bits:
        buffer[b >> 3] |= 1 << (b & 7)
    return int.from_bytes(buffer, "little")


#: How much work a search may do, in evaluations of the value times the square of the number of parts (a value
#: over n parts, such as a mean Jaccard over n declarations, costs up to n² to evaluate): the combinations tried
#: one by one, or the steps of the local search, are at most ``max(16, min(budget, WORK // n²))``; a group past
#: ``max_exact`` claims flips at most ``max(8, WORK // its parts)`` of them (:func:`configs`).
WORK = 250_000


def search(parts: Sequence[Part], value: Callable[[dict[Hashable, Any]], Values], *, max_exact: int = 12,
           budget: int = 50_000, partial: bool = False,
           asked: dict[Hashable, set[ClaimKey]] | None = None) -> dict[str, Range]:  # fmt: skip
    """Each value of ``value(results of the parts)`` as a :class:`Range` over the readings of the parts' claims
    (see the module's docstring for how, and what it guarantees). ``budget``: the most combinations of the groups'
    results tried one by one, fewer where the parts are many (:data:`WORK`). ``asked``: the claims of the parts
    found before (:func:`claims_of`), by part name, kept for the next search over parts of the same names (a part's
    name must then stand for one computation)."""
    ends = {}
    for name, reading in (("in", Reading.all_in(remember=False)), ("out", Reading.all_out(remember=False))):
        ends[name] = value({p.name: p.compute(reading) for p in parts})
    known = {} if asked is None else asked
    for p in parts:
        if p.name not in known:
            known[p.name] = claims_of(p)
    claims = {p.name: known[p.name] for p in parts}
    uncertain = [p for p in parts if claims[p.name]]
    fixed = {p.name: p.compute(Reading.all_out(remember=False)) for p in parts if not claims[p.name]}
    every = set().union(*claims.values()) if claims else set()
    count = len(identities(every))
    if not uncertain:
        return {k: Range.point(v, partial=partial) for k, v in ends["in"].items()}
    groups = grouped(uncertain, claims)
    options: list[list[Config]] = []
    exact = True
    for group in groups:
        group_claims = sorted(set().union(*(claims[p.name] for p in group)))
        found, covered = configs(group, group_claims, max_exact, claims, max(8, WORK // max(1, len(group))))
        options.append(found)
        exact = exact and covered
    names = [[p.name for p in group] for group in groups]

    evaluated: dict[tuple[int, ...], Values] = {}  # the local search tries one choice for each value and direction

    def evaluate(choice: Sequence[Config]) -> Values:
        key = tuple(map(id, choice))  # the configs live in ``options`` throughout: their ids are theirs
        if key not in evaluated:
            results = dict(fixed)
            for group_names, (values, _) in zip(names, choice):
                results.update(zip(group_names, values))
            evaluated[key] = value(results)
        return evaluated[key]

    total = math.prod(len(o) for o in options)
    allowed = max(16, min(budget, WORK // max(1, len(parts)) ** 2))
    keys = list(ends["in"])
    best_low: dict[str, tuple[float, frozenset[ClaimKey]]] = {}
    best_high: dict[str, tuple[float, frozenset[ClaimKey]]] = {}

    def consider(choice: Sequence[Config]) -> None:
        values = evaluate(choice)
        counted = frozenset().union(*(c for _, c in choice))
        for key in keys:
            v = values[key]
            if math.isnan(v):
                continue
            if key not in best_low or v < best_low[key][0]:
                best_low[key] = (v, counted)
            if key not in best_high or v > best_high[key][0]:
                best_high[key] = (v, counted)

    if total <= allowed:
        for choice in itertools.product(*options):
            consider(choice)
    else:
        exact = False
        _local_search(options, evaluate, keys, consider, allowed)
    result = {}
    for key in keys:
        if key not in best_low:
            result[key] = Range(math.nan, math.nan, ends["out"][key], ends["in"][key], exact, None, count,
                                partial=partial)  # fmt: skip
            continue
        low, low_claims = best_low[key]
        high, high_claims = best_high[key]
        movers = tuple(sorted(identities(low_claims ^ high_claims))) if low != high else ()
        result[key] = Range(low, high, ends["out"][key], ends["in"][key], exact, None, count, movers,
                            frozenset(map(claim_identity, low_claims)), frozenset(map(claim_identity, high_claims)),
                            partial)  # fmt: skip
    return result


def _local_search(options: list[list[Config]], evaluate: Callable[[Sequence[Config]], Values], keys: list[str],
                  consider: Callable[[Sequence[Config]], None], allowed: int = 50_000) -> None:  # fmt: skip
    """Both ends, then, for each value and direction, the best result of each group in turn until nothing
    improves (a bounded number of rounds, and at most about ``allowed`` evaluations in all)."""
    starts = [[o[0] for o in options], [o[-1] for o in options]]
    for start in starts:
        consider(start)
    share = max(4, allowed // (2 * max(1, len(keys))))  # each value and direction its part of the steps

    for key in keys:
        for sign in (1.0, -1.0):
            choice = list(starts[0])
            current = evaluate(choice)[key]
            steps = 1
            for _ in range(3):
                improved = False
                for i, configs in enumerate(options):
                    if len(configs) < 2:
                        continue
                    for config in configs:
                        if steps >= share:
                            break
                        trial = [*choice[:i], config, *choice[i + 1:]]
                        v = evaluate(trial)[key]
                        steps += 1
                        if not math.isnan(v) and (math.isnan(current) or sign * v < sign * current):
                            choice, current, improved = trial, v, True
                    consider(choice)
                    steps += 1
                    if steps >= share:
                        break
                if not improved:
                    break
