"""The whole corpus as one JSON document, and back: ``corpus_from_json(corpus_to_json(c)) == c``.

The document mirrors the model: ``{"format": "coalitions-corpus", "version": 1, "settings": {...}, "organisations":
[...], "people": [...], "memberships": [...], "declarations": [...], "sources": [...]}`` (``settings``, what
``corpus.yaml`` says, only when it says something). Field names are the model's (a
declaration's dates are ``dates``; a membership carries its ``organisation``); fields at their default are left
out; dates are text as written (``2024-02``, ``16 Qaws 1403``). The conversion is done by a cattrs converter from
:func:`make_converter` (a factory, no global instance).
"""

from __future__ import annotations

import enum
import json
from typing import Any

import cattrs

from ..model import (
    CoalitionsError,
    Corpus,
    DateError,
    Declaration,
    Membership,
    Organisation,
    Person,
    Settings,
    Source,
    When,
    parse_when,
)

__all__ = ["CorpusJSONError", "FORMAT", "corpus_from_data", "corpus_from_json", "corpus_to_data", "corpus_to_json",
           "make_converter"]  # fmt: skip

FORMAT = "coalitions-corpus"
VERSION = 1
_KINDS: dict[str, type] = {
    "organisations": Organisation,
    "people": Person,
    "memberships": Membership,
    "declarations": Declaration,
    "sources": Source,
}


class CorpusJSONError(CoalitionsError, ValueError):
    """A JSON document that is not a coalitions corpus; the message says where (``$.declarations[2].dates``)."""


def _structure_when(value: Any, _: type) -> When:
    if not isinstance(value, str):
        raise DateError(f"expected a date as text, found {type(value).__name__}")
    return parse_when(value)


def make_converter() -> cattrs.Converter:
    """A cattrs converter between model objects and JSON-ready data (defaults omitted, dates as text)."""
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    converter.register_unstructure_hook(When, When.to_text)
    converter.register_structure_hook(When, _structure_when)
    converter.register_unstructure_hook(enum.Enum, lambda e: e.value)

    def _strict_str(value: Any, _: type) -> str:
        if not isinstance(value, str):
            raise TypeError(f"expected text, found {type(value).__name__}")
        return value

    converter.register_structure_hook(str, _strict_str)
    return converter


def corpus_to_data(corpus: Corpus, converter: cattrs.Converter | None = None) -> dict[str, Any]:
    """``corpus`` as JSON-ready data (dicts, lists, text, numbers, booleans)."""
    converter = converter or make_converter()
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if corpus.settings != Settings():
        data["settings"] = converter.unstructure(corpus.settings, Settings)
    for key, cls in _KINDS.items():
        data[key] = [converter.unstructure(record, cls) for record in getattr(corpus, key)]
    return data


def corpus_from_data(data: Any, converter: cattrs.Converter | None = None) -> Corpus:
    """The corpus in ``data`` (as :func:`corpus_to_data` makes it); :class:`CorpusJSONError` says what is wrong.

    References between records are not checked here; write the corpus out and run ``coalitions validate``, or
    pass it to :func:`coalitions.files.checks.check`.
    """
    converter = converter or make_converter()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CorpusJSONError(f'not a coalitions corpus: expected an object with "format": "{FORMAT}"')
    if data.get("version") != VERSION:
        raise CorpusJSONError(f"unsupported version {data.get('version')!r}; this coalitions reads version {VERSION}")
    unknown = sorted(set(data) - {"format", "version", "settings", *_KINDS})
    if unknown:
        raise CorpusJSONError(f"unknown key {unknown[0]!r}; expected {', '.join(_KINDS)}")
    records: dict[str, list[Any]] = {}
    for key, cls in _KINDS.items():
        items = data.get(key, [])
        if not isinstance(items, list):
            raise CorpusJSONError(f"$.{key}: expected a list")
        records[key] = []
        for i, item in enumerate(items):
            try:
                records[key].append(converter.structure(item, cls))
            except Exception as error:  # noqa: BLE001 - cattrs raises groups of builtin errors
                raise CorpusJSONError(f"$.{key}[{i}]: {_describe(error)}") from error
    settings = Settings()
    if "settings" in data:
        try:
            settings = converter.structure(data["settings"], Settings)
        except Exception as error:  # noqa: BLE001 - cattrs raises groups of builtin errors
            raise CorpusJSONError(f"$.settings: {_describe(error)}") from error
    return Corpus(**records, settings=settings)


def _describe(error: BaseException) -> str:
    """The first leaf error of a cattrs error group, with its path."""
    if isinstance(error, cattrs.ClassValidationError):
        notes = cattrs.transform_error(error, format_exception=lambda exc, _: str(exc) or type(exc).__name__)
        return "; ".join(notes[:3])
    return str(error) or type(error).__name__


def corpus_to_json(corpus: Corpus, *, indent: int | None = 2) -> str:
    """``corpus`` as JSON text (UTF-8, non-ASCII kept).

    >>> from coalitions import Corpus
    >>> corpus_from_json(corpus_to_json(Corpus())) == Corpus()
    True
    """
    return json.dumps(corpus_to_data(corpus), ensure_ascii=False, indent=indent) + "\n"


def corpus_from_json(text: str | bytes) -> Corpus:
    """The corpus in JSON ``text`` written by :func:`corpus_to_json`."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise CorpusJSONError(f"not JSON: {error}") from None
    return corpus_from_data(data)
