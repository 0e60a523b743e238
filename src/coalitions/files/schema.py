"""JSON Schemas of the YAML file kinds, generated from the model.

One schema per kind of file (``corpus``, ``sources``, ``organisation``, ``person``, ``memberships``,
``declaration``), in JSON
Schema draft 2020-12, shipped in the package (``coalitions/schemas/KIND.schema.json``) for editors: a YAML
language server checks a file as it is typed (see ``docs/editors.md``). The schemas describe a file as a YAML 1.2
editor reads it (``2024`` is a number there, ``true`` a boolean) and as coalitions reads it (every value text), so
both validate. The loader stays the judge: it also checks references, names and dates across files.

Regenerate the shipped files after changing the model with ``python -m coalitions.files.schema``; a test fails while
they differ from :func:`file_schema`.
"""

from __future__ import annotations

import enum
import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from ..model import (
    BUILTIN,
    Citation,
    DateClaim,
    Declaration,
    Membership,
    Name,
    Organisation,
    Person,
    Settings,
    Source,
    When,
)
from .dump import ordered_fields
from .reader import ID_PATTERN

__all__ = ["CLASS_HELP", "FIELD_HELP", "KINDS", "SCHEMA_DIR", "file_schema", "schema_path", "schema_text", "write_schemas"]

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
#: File kind -> record class (a ``memberships`` file lists memberships; ``sources.yaml`` lists sources).
KINDS: dict[str, type] = {"corpus": Settings, "sources": Source, "organisation": Organisation, "person": Person,
                          "memberships": Membership, "declaration": Declaration}  # fmt: skip

_ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
_DATE_PATTERN = (r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?"
                 r"|([0-9]{1,2} )?[A-Za-z]+ [0-9]{3,4}( SH)?|[0-9]{3,4} SH)$")  # fmt: skip
_DATE = {"anyOf": [{"type": "string", "pattern": _DATE_PATTERN}, {"type": "integer", "minimum": 1, "maximum": 9999}],
         "description": "a date at the precision the source gives: 2024, 2024-02, 2024-02-15, or a range "
                        "2023-11-27/2023-11-28; or a date of a calendar corpus.yaml names (calendars)"}  # fmt: skip
_TEXT = {"type": "string", "minLength": 1}
_ID_FIELDS = {"id", "source", "organisation", "member", "signer", "on_behalf_of", "parent", "by", "series"}
#: The open vocabularies: a field's built-in words, and what it is called in corpus.yaml.
_OPEN = {"organisation_kinds": "organisation kinds", "signature_roles": "signature roles",
         "declaration_kinds": "declaration kinds"}  # fmt: skip

#: What each field means, as ``Class.field``: the schema's descriptions and the comments of ``coalitions new``.
FIELD_HELP: dict[str, str] = {
    "Source.id": "identifier of the source, cited by its id",
    "Source.title": "title of the document or page",
    "Source.publisher": "who published it",
    "Source.author": "who wrote it",
    "Source.url": "where it is published (http or https)",
    "Source.file": "its text, to check quotes against: texts/NAME in the corpus's texts/ folder, or a path in the "
                   "shared material (coalitions validate --texts FOLDER)",
    "Source.date": "publication date",
    "Source.confidence": "H, M or L",
    "Source.language": "language code (ISO 639-1, such as en)",
    "Source.notes": "free text",
    "Citation.source": "id of a source in sources.yaml",
    "Citation.quote": "a short verbatim quote, copied character for character from the source's text (checked "
                      "against it where the corpus has the text)",
    "Citation.confidence": "H, M or L for this claim; defaults to the source's",
    "Citation.note": "free text",
    "DateClaim.date": "the date, as the source gives it",
    "DateClaim.sources": "citations for this date; without them, the record's own sources support it",
    "DateClaim.note": "free text",
    "DateClaim.by": "ids of the people or organisations who did it (founders, a proposer)",
    "Name.text": "the name as written",
    "Name.lang": "language code of the name (ISO 639-1, such as en)",
    "Name.kind": "why the name exists: alias, translation, transliteration, former, misspelling",
    "Name.note": "free text",
    "Relation.kind": "successor-of, same-as, split-from or renamed-from",
    "Relation.organisation": "id of the other organisation",
    "Relation.status": "what the sources say of the claim",
    "Relation.sources": "citations",
    "Relation.note": "free text",
    "Relation.date": "when it happened (a rename, a split): a rename is a dated relation, not a dissolution",
    "Organisation.id": "identifier, same as the file name; never changes once published",
    "Organisation.name": "canonical name (corrected spelling; the source's spellings go in aliases)",
    "Organisation.kind": "what kind of body it is",
    "Organisation.sources": "citations (at least one)",
    "Organisation.abbreviations": "abbreviations the sources use for it",
    "Organisation.aliases": "other names: text, or text with lang, kind and note",
    "Organisation.founded": "date founded, or a list of date claims where sources disagree",
    "Organisation.dissolved": "date dissolved, or a list of date claims",
    "Organisation.proposed": "date claims for a body that was proposed (by: the proposer)",
    "Organisation.parent": "id of the organisation it is part of",
    "Organisation.relations": "successor-of, same-as, split-from or renamed-from claims",
    "Organisation.headquarters": "place",
    "Organisation.notes": "free text",
    "Person.id": "identifier, same as the file name",
    "Person.name": "canonical name",
    "Person.sources": "citations (at least one)",
    "Person.aliases": "other names",
    "Person.notes": "free text",
    "Membership.organisation": "id of the organisation, same as the file name",
    "Membership.member": "id of an organisation or a person",
    "Membership.sources": "citations (at least one)",
    "Membership.role": "member (default), leader, chair, founder, spokesperson, representative, ...",
    "Membership.start": "date it began; none means since an unknown date",
    "Membership.end": "the day it ended (no longer a member that day); none means no known end",
    "Membership.status": "asserted (default), disputed, denied, withdrawn, declined, unclear",
    "Membership.on_behalf_of": "id of whom the member represents",
    "Membership.contradicted_by": "citations that contradict the claim (expected with disputed)",
    "Membership.note": "free text",
    "Membership.status_date": "the day a denied, declined or withdrawn status took effect",
    "PrintedMember.as_printed": "the member's name as the declaration printed it",
    "PrintedMember.member": "id of the member",
    "PrintedMember.status": "unclear where the document leaves it open",
    "PrintedMember.heading": "the heading it was printed under",
    "PrintedMember.note": "free text",
    "Signature.sources": "citations (at least one)",
    "Signature.signer": "id of an organisation or person; leave out when the printed name cannot be identified",
    "Signature.as_printed": "the name exactly as the document prints it",
    "Signature.role": "signatory (default), endorser, organiser, host, participant, speaker, ...",
    "Signature.status": "asserted (default), disputed, denied, withdrawn, declined, unclear",
    "Signature.on_behalf_of": "id of whom the signer represents",
    "Signature.printed_members": "for a council: the members the declaration printed under its name",
    "Signature.contradicted_by": "citations against the claim",
    "Signature.note": "free text",
    "Signature.title": "an individual signatory's title as printed (Dr, MEP, professor)",
    "Signature.affiliation": "an individual signatory's affiliation as printed (a university, a party)",
    "Signature.status_date": "the day a denied or withdrawn status took effect",
    "Count.number": "how many (a whole number)",
    "Count.of": "what is counted (organisations, individuals)",
    "Count.sources": "citations (at least one)",
    "Count.approximate": "true or false",
    "Count.as_printed": "the count as printed",
    "Declaration.id": "identifier, same as the file name",
    "Declaration.title": "title (corrected spelling; variants go in other_titles)",
    "Declaration.kind": "what kind of document or event it is",
    "Declaration.dates": "date or range, or a list of date claims where sources disagree",
    "Declaration.sources": "citations for the declaration as a whole",
    "Declaration.other_titles": "other titles, as for organisation aliases",
    "Declaration.place": "where it was signed or held",
    "Declaration.occasion": "the occasion",
    "Declaration.theme": "the theme",
    "Declaration.language": "language code (ISO 639-1, such as en)",
    "Declaration.series": "ids of the lineages it belongs to (a series of conferences), for change over time",
    "Declaration.signatures": "who signed, organised, attended or spoke",
    "Declaration.counts": "signatories only counted, not named",
    "Declaration.notes": "free text",
    "Declaration.listed": "complete, partial or unknown: how much of who signed or took part the signatures give",
    "Settings.name": "the corpus's name",
    "Settings.calendars": "calendars dates may be written in: gregorian (always), solar-hijri",
    "Settings.words": "the corpus's own words for the report (councils: bodies with member organisations)",
    "Settings.vocabulary": "the corpus's own organisation kinds, signature roles and declaration kinds",
    "Settings.scopes": "notions of who counts: kinds of organisation included, and dated entries",
    "Settings.notes": "free text",
    "Words.councils": "what the report calls bodies with member organisations",
    "Vocabulary.organisation_kinds": "organisation kinds, each in the default scope or not",
    "Vocabulary.signature_roles": "signature roles, each in a tier: signed, took-part, hosted or invited",
    "Vocabulary.declaration_kinds": "declaration kinds, each counting signed (a document) or took-part (an event)",
    "KindTerm.kind": "the kind, as written in organisation files",
    "KindTerm.in_scope": "true or false: whether the default scope includes organisations of this kind",
    "KindTerm.description": "what it means",
    "RoleTerm.role": "the role, as written in signatures",
    "RoleTerm.tier": "signed, took-part, hosted or invited",
    "RoleTerm.description": "what it means",
    "DeclarationKindTerm.kind": "the kind, as written in declaration files",
    "DeclarationKindTerm.counts": "signed (a document: who signed) or took-part (an event: who signed or took part)",
    "DeclarationKindTerm.description": "what it means",
    "Scope.id": "identifier of the scope",
    "Scope.name": "its name, as the report shows it",
    "Scope.default": "true for the scope every analysis uses unless told otherwise (one at most)",
    "Scope.kinds": "kinds of organisation it includes; none: the kinds the vocabulary marks in_scope",
    "Scope.entries": "dated, sourced claims that a member is in the scope (in: true) or not (in: false)",
    "Scope.description": "what it is and why",
    "ScopeEntry.member": "id of an organisation or a person",
    "ScopeEntry.sources": "citations (at least one)",
    "ScopeEntry.included": "true (in the scope) or false (left out)",
    "ScopeEntry.start": "from when; none: always",
    "ScopeEntry.end": "the day it stopped; none: no known end",
    "ScopeEntry.note": "free text",
}

_TEXT_OR_RECORD = {Citation: "source", Name: "text"}

#: What a record is, where its docstring's words are those of the bundled corpus rather than any corpus's.
CLASS_HELP: dict[str, str] = {
    "Name": "Another name of an organisation or person, with its language (a code such as en) and why it exists.",
    "Count": "Signatories only counted, not named: \"12 parties and 40 individuals\" is two counts.",
}
_ROLE = re.compile(r":\w+:`~?\.?([\w.]+)`")


def _describe(cls: type) -> str:
    """What ``cls`` is, for its schema: :data:`CLASS_HELP`, else the first paragraph of its docstring as plain text
    (``x`` and :class:`X` written x and X)."""
    if cls.__name__ in CLASS_HELP:
        return CLASS_HELP[cls.__name__]
    paragraph = (cls.__doc__ or "").strip().split("\n\n")[0]
    text = " ".join(line.strip() for line in paragraph.splitlines())
    return _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text).replace("``", "")


def _def_name(cls: type) -> str:
    return cls.__name__


def _open_word(vocabulary: str) -> dict[str, Any]:
    words = list(BUILTIN.words(vocabulary))
    return {"anyOf": [{"enum": words}, dict(_TEXT)],
            "description": f"one of the built-in {_OPEN[vocabulary]} ({', '.join(words)}) or one the corpus "
                           "defines in corpus.yaml (vocabulary)"}  # fmt: skip


def _field_schema(tp: Any, name: str, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        origin = typing.get_origin(tp)
    if origin is tuple:
        (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if item is DateClaim:
            _record_schema(DateClaim, defs)
            return {"anyOf": [_DATE, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/DateClaim"}}]}
        return {"type": "array", "items": _field_schema(item, name, defs)}
    if tp is str:
        return dict(_ID) if name in _ID_FIELDS else dict(_TEXT)
    if tp is int:
        return {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"}]}
    if tp is bool:
        return {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}
    if tp is When:
        return dict(_DATE)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        _record_schema(tp, defs)
        ref = {"$ref": f"#/$defs/{_def_name(tp)}"}
        if tp in _TEXT_OR_RECORD:
            text = dict(_ID) if _TEXT_OR_RECORD[tp] == "source" else dict(_TEXT)
            return {"anyOf": [text, ref]}
        return ref
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - a model field of an unsupported type


def _record_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """The object schema of ``cls``, added to ``defs`` under its name (once)."""
    name = _def_name(cls)
    if name in defs:
        return defs[name]  # type: ignore[no-any-return]
    defs[name] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for key, attribute in ordered_fields(cls):
        vocabulary = attribute.metadata.get("vocabulary")
        schema = _open_word(vocabulary) if vocabulary else _field_schema(hints[attribute.name], attribute.name, defs)
        help_text = FIELD_HELP.get(f"{cls.__name__}.{attribute.name}")
        if help_text and "description" not in schema:
            schema = {"description": help_text, **schema}
        properties[key] = schema
        if attribute.default is attrs.NOTHING:
            required.append(key)
    defs[name] = {"type": "object", "description": _describe(cls), "properties": properties, "required": required,
                  "additionalProperties": False}  # fmt: skip
    return defs[name]  # type: ignore[no-any-return]


def file_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file of ``kind`` (``corpus``, ``sources``, ``organisation``, ``person``,
    ``memberships``, ``declaration``).

    >>> file_schema("person")["required"]
    ['id', 'name', 'sources']
    """
    if kind not in KINDS:
        raise ValueError(f"unknown file kind {kind!r}; expected one of {', '.join(KINDS)}")
    defs: dict[str, Any] = {}
    cls = KINDS[kind]
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.schema.json",
            "title": f"coalitions {kind} file"}  # fmt: skip
    if kind == "sources":
        _record_schema(Source, defs)
        body = {"type": "object", "description": "sources.yaml: the documents and pages claims come from",
                "properties": {"sources": {"type": "array", "items": {"$ref": "#/$defs/Source"}}},
                "required": ["sources"], "additionalProperties": False}  # fmt: skip
    elif kind == "memberships":
        _record_schema(Membership, defs)
        body = {"type": "object", "description": "memberships/ID.yaml: the members of organisation ID",
                "properties": {"organisation": {"description": FIELD_HELP["Membership.organisation"], **_ID},
                               "members": {"type": "array", "items": {"$ref": "#/$defs/Membership"}}},
                "required": ["organisation", "members"], "additionalProperties": False}  # fmt: skip
    else:
        body = dict(_record_schema(cls, defs))
        del defs[_def_name(cls)]
    return {**head, **body, "$defs": dict(sorted(defs.items()))}


def schema_path(kind: str) -> Path:
    """Where the shipped schema of ``kind`` is (``.../coalitions/schemas/KIND.schema.json``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown file kind {kind!r}; expected one of {', '.join(KINDS)}")
    return SCHEMA_DIR / f"{kind}.schema.json"


def schema_text(kind: str) -> str:
    """The schema of ``kind`` as the JSON text shipped in the package."""
    return json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: str | Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema to ``folder`` (default: the package's ``schemas``); return the paths written."""
    from .atomic import write_atomic

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    return [write_atomic(target / f"{kind}.schema.json", schema_text(kind)) for kind in KINDS]


if __name__ == "__main__":  # pragma: no cover - the maintainers' regeneration command
    for path in write_schemas(sys.argv[1] if len(sys.argv) > 1 else SCHEMA_DIR):
        print(path)
