"""The questions asked of a corpus, as pure functions of model objects.

Readings of the uncertain claims (``readings``), councils and their members at a date and what a signature stands
for (``councils``), the units coverage counts (``unitindex``), overlap and co-signing (``overlaps``), change over time
(``change``), unity metrics as ranges (``metrics``) and what a record did when (``timelines``). Imports the model
only: never the files, so tests can feed it corpora built in memory.
"""

from __future__ import annotations

from ..model import lazy_exports

#: What the other rooms may use, by the module that defines it (imported when first asked for).
_EXPORTS = {
    "Change": "change",
    "Step": "change",
    "composition_changes": "change",
    "series_changes": "change",
    "CycleError": "councils",
    "LEADERSHIP_ROLES": "councils",
    "MemberAt": "councils",
    "SignatoryAt": "councils",
    "expand": "councils",
    "members_at": "councils",
    "signatories": "councils",
    "signer_set": "councils",
    "signer_sets": "councils",
    "BCS": "metrics",
    "Cohesion": "metrics",
    "MetricPoint": "metrics",
    "Range": "metrics",
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
    "Pair": "overlaps",
    "PairTable": "overlaps",
    "compare": "overlaps",
    "cosigning": "overlaps",
    "cosigning_from_sets": "overlaps",
    "overlap": "overlaps",
    "overlap_from_sets": "overlaps",
    "overlap_matrix": "overlaps",
    "partners": "overlaps",
    "ClaimKey": "readings",
    "DateLike": "readings",
    "Disputed": "readings",
    "Reading": "readings",
    "as_when": "readings",
    "status_state": "readings",
    "Event": "timelines",
    "timeline": "timelines",
    "UnitIndex": "unitindex",
    "UnitSet": "unitindex",
    "active": "unitindex",
    "units": "unitindex",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
