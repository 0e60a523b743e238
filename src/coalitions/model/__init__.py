"""The model: what a corpus is made of, knowing nothing of files.

Organisations, people, memberships, declarations with their signatures, sources and citations (``records``); dates
at the precision the sources give (``dates``); the corpus and its lookups by any name (``corpus``); the one error
root (``errors``); and two small helpers every room uses: terminal- and HTML-safe text (``textsafe``) and pausing
the garbage collector (``_gc``). Imports nothing else of coalitions.
"""

from __future__ import annotations

from ._lazy import lazy_exports

#: What the other rooms may use, by the module that defines it (imported when first asked for).
_EXPORTS = {
    "gc_paused": "_gc",
    "lazy_exports": "_lazy",
    "Corpus": "corpus",
    "Record": "corpus",
    "normalise_name": "corpus",
    "DateError": "dates",
    "PLAUSIBLE_YEARS": "dates",
    "PartialDate": "dates",
    "When": "dates",
    "parse_when": "dates",
    "CoalitionsError": "errors",
    "InvalidCorpus": "errors",
    "MissingDependency": "errors",
    "NotFound": "errors",
    "Problem": "errors",
    "Citation": "records",
    "Confidence": "records",
    "Count": "records",
    "DateClaim": "records",
    "Declaration": "records",
    "DeclarationKind": "records",
    "ListStatus": "records",
    "Membership": "records",
    "Name": "records",
    "NameKind": "records",
    "Organisation": "records",
    "OrganisationKind": "records",
    "Person": "records",
    "PrintedMember": "records",
    "Relation": "records",
    "RelationKind": "records",
    "Signature": "records",
    "SignatureRole": "records",
    "Source": "records",
    "Status": "records",
    "Scope": "scopes",
    "ScopeEntry": "scopes",
    "Calendar": "settings",
    "Settings": "settings",
    "Words": "settings",
    "MONTH_NAMES": "solarhijri",
    "SOLAR_HIJRI_MONTHS": "solarhijri",
    "SolarHijriError": "solarhijri",
    "looks_solar_hijri": "solarhijri",
    "month_length": "solarhijri",
    "solar_hijri_days": "solarhijri",
    "solar_hijri_to_gregorian": "solarhijri",
    "html_link": "textsafe",
    "html_text": "textsafe",
    "spreadsheet_cell": "textsafe",
    "visible": "textsafe",
    "BUILTIN": "vocabulary",
    "DeclarationKindTerm": "vocabulary",
    "KindTerm": "vocabulary",
    "RoleTerm": "vocabulary",
    "Tier": "vocabulary",
    "Vocabulary": "vocabulary",
    "term": "vocabulary",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
