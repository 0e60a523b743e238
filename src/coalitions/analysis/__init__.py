"""The questions asked of a corpus, as pure functions of model objects.

Readings of the uncertain claims (``readings``) and values over them (``bounds``); councils and their members at a
date (``councils``) and what a signature stands for (``signers``); the units coverage counts (``unitindex``);
overlap and co-signing (``overlaps``, on the pair ``kernel``); change over time (``change``); unity metrics
(``metrics``); and what a record did when (``timelines``). Imports the model only: never the files, so tests can
feed it corpora built in memory.
"""

from __future__ import annotations

from ..model import lazy_exports

#: What the other rooms may use, by the module that defines it (imported when first asked for).
_EXPORTS = {
    "Range": "bounds",
    "Values": "bounds",
    "ranges": "bounds",
    "Change": "change",
    "Step": "change",
    "composition_changes": "change",
    "series_changes": "change",
    "Certainty": "councils",
    "CycleError": "councils",
    "LEADERSHIP_ROLES": "councils",
    "MemberAt": "councils",
    "accepted": "councils",
    "expand": "councils",
    "expand_with": "councils",
    "holds_at": "councils",
    "members_at": "councils",
    "Backend": "kernel",
    "Pair": "kernel",
    "PairTable": "kernel",
    "coefficient": "kernel",
    "cosigning_from_sets": "kernel",
    "jaccard": "kernel",
    "mean_jaccard": "kernel",
    "overlap_from_sets": "kernel",
    "BCS": "metrics",
    "Cohesion": "metrics",
    "MetricPoint": "metrics",
    "bcs_dimensions": "metrics",
    "cohesion": "metrics",
    "coverage": "metrics",
    "effective_number": "metrics",
    "fragmentation": "metrics",
    "laakso_taagepera": "metrics",
    "metric_series": "metrics",
    "rae": "metrics",
    "windows": "metrics",
    "Overlap": "overlaps",
    "compare": "overlaps",
    "cosigning": "overlaps",
    "overlap": "overlaps",
    "overlap_matrix": "overlaps",
    "partners": "overlaps",
    "ClaimKey": "readings",
    "DateLike": "readings",
    "Disputed": "readings",
    "Reading": "readings",
    "as_when": "readings",
    "status_state": "readings",
    "NOT_SIGNING": "signers",
    "SignatoryAt": "signers",
    "Use": "signers",
    "signatories": "signers",
    "signer_set": "signers",
    "signer_sets": "signers",
    "Event": "timelines",
    "timeline": "timelines",
    "UnitIndex": "unitindex",
    "UnitSet": "unitindex",
    "active": "unitindex",
    "units": "unitindex",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
