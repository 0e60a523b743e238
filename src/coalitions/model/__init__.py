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
    "PartialDate": "dates",
    "When": "dates",
    "parse_when": "dates",
    "solar_hijri_to_gregorian": "dates",
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
    "html_link": "textsafe",
    "html_text": "textsafe",
    "spreadsheet_cell": "textsafe",
    "visible": "textsafe",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
