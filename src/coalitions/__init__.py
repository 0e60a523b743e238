"""coalitions: political declarations, who signed them, and how the coalitions behind them change over time.

The public API is what this module lists in ``__all__``; everything else is internal.
"""

from __future__ import annotations

from .corpus import Corpus, normalise_name
from .dates import DateError, PartialDate, When, parse_when
from .errors import CoalitionsError, InvalidCorpus, NotFound, Problem
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
from .parse import Limits

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "CoalitionsError",
    "Confidence",
    "Corpus",
    "Count",
    "DateClaim",
    "DateError",
    "Declaration",
    "DeclarationKind",
    "InvalidCorpus",
    "Limits",
    "Membership",
    "Name",
    "NameKind",
    "NotFound",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "Person",
    "PrintedMember",
    "Problem",
    "Relation",
    "RelationKind",
    "Signature",
    "SignatureRole",
    "Source",
    "Status",
    "When",
    "bundled_data_path",
    "load",
    "load_file",
    "normalise_name",
    "parse_when",
]
