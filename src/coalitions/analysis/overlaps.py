"""Overlap between declarations, councils or any sets of organisations, one pair or all pairs at once.

Across many declarations, the two projections of the organisation x declaration affiliation network (Breiger
1974, "The Duality of Persons and Groups"): declaration x declaration (how many signers two declarations share,
:func:`overlap_matrix`) and organisation x organisation (how often two organisations signed together,
:func:`cosigning`). Both are computed by one kernel, :func:`~coalitions.analysis.kernel.overlap_from_sets`
(:mod:`coalitions.analysis.kernel`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from ..model import CoalitionsError, Corpus, Declaration
from .kernel import Backend, PairTable, coefficient, cosigning_from_sets, jaccard, overlap_from_sets
from .readings import DateLike, Disputed, Reading, as_when

__all__ = ["Overlap", "compare", "cosigning", "overlap", "overlap_matrix", "partners"]


@attrs.frozen
class Overlap:
    """Two sets compared: what they share, what only one has, Jaccard (|A∩B| / |A∪B|) and the overlap
    coefficient (|A∩B| / min(|A|, |B|)). Both are 1.0 for two empty sets, 0.0 when only one is empty."""

    shared: frozenset[str]
    only_a: frozenset[str]
    only_b: frozenset[str]
    jaccard: float
    overlap_coefficient: float


def overlap(a: Iterable[str], b: Iterable[str]) -> Overlap:
    """Compare two sets of ids.

    >>> o = overlap(["a", "b", "c"], ["b", "c", "d", "e"])
    >>> sorted(o.shared), sorted(o.only_a), sorted(o.only_b), o.jaccard, o.overlap_coefficient
    (['b', 'c'], ['a'], ['d', 'e'], 0.4, 0.6666666666666666)
    """
    left, right = frozenset(a), frozenset(b)
    shared = left & right
    return Overlap(shared, left - right, right - left, jaccard(len(shared), len(left), len(right)),
                   coefficient(len(shared), len(left), len(right)))  # fmt: skip


# -- the kernel -------------------------------------------------------------------------------------------------


# -- over a corpus ----------------------------------------------------------------------------------------------


def _declarations(corpus: Corpus, declaration_ids: Iterable[str] | None) -> tuple[Declaration, ...]:
    if declaration_ids is None:
        return corpus.declarations
    return tuple(corpus.declaration(d) for d in declaration_ids)


def _signers(corpus: Corpus, declarations: Sequence[Declaration], expand: bool,
             disputed: Disputed) -> list[frozenset[str]]:  # fmt: skip
    from .signers import signer_set

    return [signer_set(corpus, d.id, Reading.of(disputed), expand=expand) for d in declarations]


def overlap_matrix(corpus: Corpus, declaration_ids: Iterable[str] | None = None, *, expand: bool = False,
                   min_shared: int = 1, top_k: int | None = None, disputed: Disputed = "in",
                   backend: Backend = "python") -> PairTable:  # fmt: skip
    """Signers shared by every pair of declarations (all of the corpus by default), as a :class:`PairTable`.

    With ``expand``, councils stand for their members at each declaration's date (see ``signatories``).
    """
    declarations = _declarations(corpus, declaration_ids)
    return overlap_from_sets(_signers(corpus, declarations, expand, disputed), ids=[d.id for d in declarations],
                             min_shared=min_shared, top_k=top_k, backend=backend)  # fmt: skip


def cosigning(corpus: Corpus, declaration_ids: Iterable[str] | None = None, *, expand: bool = False,
              min_shared: int = 1, top_k: int | None = None, disputed: Disputed = "in",
              backend: Backend = "python") -> PairTable:  # fmt: skip
    """How many declarations each pair of signers signed together; ``sizes`` is how many each signed."""
    declarations = _declarations(corpus, declaration_ids)
    return cosigning_from_sets(_signers(corpus, declarations, expand, disputed), min_shared=min_shared,
                               top_k=top_k, backend=backend)  # fmt: skip


def partners(corpus: Corpus, organisation_id: str, declaration_ids: Iterable[str] | None = None, *,
             expand: bool = False, disputed: Disputed = "in") -> tuple[tuple[str, int], ...]:  # fmt: skip
    """Who signed with ``organisation_id`` and how often, most frequent first (ties by id)."""
    counts: Counter[str] = Counter()
    for signers in _signers(corpus, _declarations(corpus, declaration_ids), expand, disputed):
        if organisation_id in signers:
            counts.update(signers - {organisation_id})
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _side(corpus: Corpus, record_id: str, at: DateLike | None, expand: bool, disputed: Disputed) -> frozenset[str]:
    from .councils import expand_with, members_at
    from .signers import signer_set

    record = corpus.get(record_id) if record_id in corpus or not corpus.members_of(record_id) else None
    if isinstance(record, Declaration):
        if at is None:
            return signer_set(corpus, record.id, Reading.of(disputed), expand=expand)
        declared = signer_set(corpus, record.id, Reading.of(disputed))
        return expand_with(corpus, declared, as_when(at), Reading.of(disputed)) if expand else declared
    if at is None:
        raise CoalitionsError(f"comparing the council {record_id!r} needs the date to take its members at")
    members = members_at(corpus, record_id, at, disputed=disputed)
    direct = frozenset(m.member for m in members)
    return expand_with(corpus, direct, as_when(at), Reading.of(disputed)) if expand else direct


def compare(corpus: Corpus, a_id: str, b_id: str, *, expand: bool = False, at_a: DateLike | None = None,
            at_b: DateLike | None = None, disputed: Disputed = "in") -> Overlap:  # fmt: skip
    """Compare two declarations (their signers), two councils (their members at ``at_a``/``at_b``), one council
    at two dates, or a declaration with a council. ``at_b`` defaults to ``at_a``.

    >>> from coalitions import Citation, Corpus, Membership, When
    >>> src = (Citation("s"),)
    >>> corpus = Corpus(memberships=[Membership("c", "p", src, start=When.of("2021"), end=When.of("2022")),
    ...                              Membership("c", "q", src, start=When.of("2021"))])
    >>> sorted(compare(corpus, "c", "c", at_a="2021-06-01", at_b="2023-06-01").only_a)
    ['p']
    """
    at_b = at_a if at_b is None else at_b
    return overlap(_side(corpus, a_id, at_a, expand, disputed), _side(corpus, b_id, at_b, expand, disputed))


