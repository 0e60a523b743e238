"""coalitions: political declarations, who signed them, and how the coalitions behind them change over time.

The public API is what this module lists in ``__all__``; everything else is internal.
"""

from __future__ import annotations

from .change import Change, Step, composition_changes, series_changes
from .corpus import Corpus, normalise_name
from .councils import CycleError, MemberAt, SignatoryAt, expand, members_at, signatories
from .dates import DateError, PartialDate, When, parse_when
from .dump import write_corpus
from .edit import EditError
from .errors import CoalitionsError, InvalidCorpus, NotFound, Problem
from .graph import to_networkx
from .jsonio import CorpusJSONError, corpus_from_json, corpus_to_json
from .load import bundled_data_path, load, load_file
from .model import (
    Citation,
    Confidence,
    Count,
    DateClaim,
    Declaration,
    DeclarationKind,
    Membership,
    Name,
    NameKind,
    Organisation,
    OrganisationKind,
    Person,
    PrintedMember,
    Relation,
    RelationKind,
    Signature,
    SignatureRole,
    Source,
    Status,
)
from .metrics import (
    BCS,
    Cohesion,
    MetricPoint,
    Range,
    bcs_dimensions,
    cohesion,
    coverage,
    effective_number,
    fragmentation,
    metric_series,
)
from .overlap import (
    Overlap,
    Pair,
    PairTable,
    compare,
    cosigning,
    cosigning_from_sets,
    overlap,
    overlap_from_sets,
    overlap_matrix,
    partners,
)
from .parse import Limits
from .popolo import PopoloError, PopoloImport, from_popolo, to_popolo
from .schema import file_schema, schema_path
from .tables import MissingDependency, to_csv, to_dataframe, to_records
from .timeline import Event, timeline

__version__ = "0.1.0"

__all__ = [
    "BCS",
    "Change",
    "Citation",
    "CoalitionsError",
    "Cohesion",
    "Confidence",
    "Corpus",
    "CorpusJSONError",
    "Count",
    "CycleError",
    "DateClaim",
    "DateError",
    "Declaration",
    "DeclarationKind",
    "EditError",
    "Event",
    "InvalidCorpus",
    "Limits",
    "MemberAt",
    "Membership",
    "MetricPoint",
    "MissingDependency",
    "Name",
    "NameKind",
    "NotFound",
    "Organisation",
    "OrganisationKind",
    "Overlap",
    "Pair",
    "PairTable",
    "PartialDate",
    "Person",
    "PopoloError",
    "PopoloImport",
    "PrintedMember",
    "Problem",
    "Range",
    "Relation",
    "RelationKind",
    "SignatoryAt",
    "Signature",
    "SignatureRole",
    "Source",
    "Status",
    "Step",
    "When",
    "bcs_dimensions",
    "bundled_data_path",
    "cohesion",
    "compare",
    "composition_changes",
    "corpus_from_json",
    "corpus_to_json",
    "cosigning",
    "cosigning_from_sets",
    "coverage",
    "effective_number",
    "expand",
    "file_schema",
    "fragmentation",
    "from_popolo",
    "load",
    "load_file",
    "members_at",
    "metric_series",
    "normalise_name",
    "overlap",
    "overlap_from_sets",
    "overlap_matrix",
    "parse_when",
    "partners",
    "schema_path",
    "series_changes",
    "signatories",
    "timeline",
    "to_csv",
    "to_dataframe",
    "to_networkx",
    "to_popolo",
    "to_records",
    "write_corpus",
]
