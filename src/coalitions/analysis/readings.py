"""Readings of the uncertain claims: which disputed memberships and signatures a computation counts.

A claim (a membership, a signature, a member a declaration printed under a council) is in one of three states:

* **in** -- ``asserted`` (and ``withdrawn``, for a membership, between its start and its end);
* **out** -- ``denied`` and ``declined`` (never members, never signatories), and a ``withdrawn`` signature;
* **uncertain** -- ``disputed`` and ``unclear``, and a membership whose dates make it only *possibly* hold at the
  date asked (joined "2024-02", asked about 2024-02-10).

A *reading* decides every uncertain claim. The analysis functions compute under one reading; the metrics compute
under several (see :mod:`coalitions.analysis.metrics`) and report the range. A :class:`Reading` records every
uncertain claim it was asked about, which is how a metric learns which claims it depends on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any, Literal, Union

from ..model import PartialDate, Status, When, parse_when

__all__ = ["ClaimKey", "DateLike", "Disputed", "Memo", "Reading", "as_when", "asked_claims", "status_state"]

#: A claim's identity: ``("membership", organisation, member, role, start, end)``, ``("time", ..., at)``,
#: ``("signature", declaration, index)`` or ``("printed", declaration, signature index, member index)``.
ClaimKey = tuple[str, ...]
#: A date as the analysis functions accept it: a :class:`~coalitions.model.dates.When`, a day, or text.
DateLike = Union[When, datetime.date, str]
#: ``"in"`` counts the uncertain claims (every reading's union); ``"out"`` leaves them all out.
Disputed = Literal["in", "out"]

_IN = frozenset({Status.ASSERTED, Status.WITHDRAWN})
_UNCERTAIN = frozenset({Status.DISPUTED, Status.UNCLEAR})


def status_state(status: Status, *, signature: bool = False) -> Literal["in", "out", "uncertain"]:
    """Whether a claim with ``status`` is in, out or uncertain.

    ``withdrawn`` is *in* for a membership (it held until its end date) and *out* for a signature (the signer took
    the signature back).

    >>> status_state(Status.UNCLEAR)
    'uncertain'
    >>> status_state(Status.WITHDRAWN, signature=True)
    'out'
    """
    if status in _UNCERTAIN:
        return "uncertain"
    if status in _IN and not (signature and status is Status.WITHDRAWN):
        return "in"
    return "out"


def as_when(value: DateLike) -> When:
    """``value`` as a :class:`When`: a When as is, a ``datetime.date`` as that day, text parsed by ``parse_when``.

    >>> str(as_when("2024-02"))
    '2024-02'
    """
    if isinstance(value, When):
        return value
    if isinstance(value, datetime.date):
        day = PartialDate.from_date(value)
        return When(day, day)
    return parse_when(value)


class Reading:
    """One way of deciding the uncertain claims: all in, all out, or in exactly for the claims in ``chosen``.

    ``seen`` collects every uncertain claim the reading was asked about (unless ``remember`` is False, for a
    reading whose claims nobody will look at).
    """

    __slots__ = ("chosen", "default", "remember", "seen")

    def __init__(self, chosen: Iterable[ClaimKey] | None = None, *, default: bool = False,
                 remember: bool = True) -> None:  # fmt: skip
        self.chosen = frozenset(chosen) if chosen is not None else None
        self.default = default
        self.remember = remember
        self.seen: set[ClaimKey] = set()

    @classmethod
    def all_in(cls, *, remember: bool = True) -> Reading:
        """The reading that counts every uncertain claim."""
        return cls(None, default=True, remember=remember)

    @classmethod
    def all_out(cls, *, remember: bool = True) -> Reading:
        """The reading that leaves every uncertain claim out."""
        return cls(None, default=False, remember=remember)

    @classmethod
    def of(cls, disputed: Disputed) -> Reading:
        """``Reading.all_in()`` for ``"in"``, ``Reading.all_out()`` for ``"out"``."""
        if disputed not in ("in", "out"):
            raise ValueError(f"disputed must be 'in' or 'out', not {disputed!r}")
        return cls.all_in() if disputed == "in" else cls.all_out()

    def holds(self, key: ClaimKey) -> bool:
        """Whether the uncertain claim ``key`` is counted in this reading (and remember it was asked)."""
        if self.remember:
            self.seen.add(key)
        if self.chosen is None:
            return self.default
        return key in self.chosen

    def holds_all(self, keys: Iterable[ClaimKey]) -> bool:
        """Whether every claim of ``keys`` is counted; every one is asked (none is skipped after a refusal).

        >>> Reading([("a",)]).holds_all([("a",), ("b",)])
        False
        """
        counted = True
        for key in keys:
            counted = self.holds(key) and counted
        return counted

    @property
    def uniform(self) -> bool | None:
        """The answer this reading gives every claim (all in: True, all out: False), or None when it depends."""
        return self.default if self.chosen is None else None

    def record(self, keys: Iterable[ClaimKey]) -> None:
        """Remember that ``keys`` were asked, without asking (for a uniform reading, whose answers are known)."""
        if self.remember:
            self.seen.update(keys)


def asked_claims(compute: Callable[[Reading], Any]) -> set[ClaimKey]:
    """The claims ``compute`` asks a reading about, closed under asking: those of both ends, then of the reading
    counting each claim alone, until no new one comes (a claim may be asked only when another is counted), stopping
    past 16."""
    seen: set[ClaimKey] = set()
    for probe in (Reading.all_in(), Reading.all_out()):
        compute(probe)
        seen |= probe.seen
    frontier = set(seen)
    while frontier and len(seen) <= 16:
        found: set[ClaimKey] = set()
        for claim in sorted(frontier):
            probe = Reading([claim])
            compute(probe)
            found |= probe.seen
        frontier = found - seen
        seen |= found
    return seen


class Memo:
    """One computation's results under the readings it was asked for, each computed once: a reading is answered by
    the result (and the claims asked) of the claims it counts among those the computation asks about
    (:func:`asked_claims`), so two readings that differ only in other claims share one result. ``compute`` must
    depend on the reading only through what it asks it. A reading that asks a claim outside them (past the 16 of
    :func:`asked_claims`) is computed as itself, never served a result of another."""

    __slots__ = ("claims", "compute", "probes", "results")

    def __init__(self, compute: Callable[[Reading], Any]) -> None:
        self.compute = compute
        self.claims: frozenset[ClaimKey] | None = None
        self.results: dict[Any, tuple[Any, frozenset[ClaimKey]]] = {}
        self.probes: list[tuple[Reading, Any]] | None = None

    def __call__(self, reading: Reading) -> Any:
        if reading.chosen is None:
            key: Any = reading.default
        else:
            if self.claims is None:
                self._discover()
            key = self._key(reading.chosen)
        found = self.results.get(key)
        if found is None and isinstance(key, bool):  # one end asking nothing: the other end goes the same way
            found = self.results.get(not key)
            if found is not None and found[1]:
                found = None
        if found is None:
            probe = Reading(None, default=key) if isinstance(key, bool) else Reading(key)
            value = self.compute(probe)
            if reading.chosen is not None and not probe.seen <= self.claims:  # type: ignore[operator]
                return self.compute(reading)  # a claim the probes did not reach: this reading as itself
            found = self.results[key] = (value, frozenset(probe.seen))
        if reading.remember:
            reading.seen |= found[1]
        return found[0]

    def _discover(self) -> None:
        """Find the claims, and keep the answer of every probe that asked only them (each probe counts some of
        the claims found and is computed as such: the answer of those claims counted)."""
        self.probes = []
        claims = self.claims = frozenset(asked_claims(self._uniform_or_direct))
        for probe, value in self.probes:
            if probe.seen <= claims:
                self.results.setdefault(self._key(probe.chosen), (value, frozenset(probe.seen)))  # type: ignore[arg-type]
        self.probes = None

    def _key(self, chosen: frozenset[ClaimKey]) -> Any:
        """The key of a reading counting ``chosen``: the claims it counts among those asked; ``False`` for none and
        ``True`` for all of them, the keys of the two ends (each end asks only claims found, so a reading that
        answers those alike goes the same way)."""
        key = chosen & self.claims  # type: ignore[operator]
        return False if not key else True if len(key) == len(self.claims) else key  # type: ignore[arg-type]

    def _uniform_or_direct(self, reading: Reading) -> Any:
        if reading.chosen is None:
            return self(reading)
        value = self.compute(reading)
        if self.probes is not None and reading.remember:
            self.probes.append((reading, value))
        return value
