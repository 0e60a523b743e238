"""A whole corpus written as a corpus folder, in canonical form: the inverse of :func:`~coalitions.files.loader.load`.

``load(folder)`` after :func:`write_corpus` returns an equal corpus (a property test checks it), settings included:
``corpus.yaml`` is written when the settings are not the defaults.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..model import Calendar, Corpus, Membership, Settings, When, looks_solar_hijri
from .atomic import write_atomic
from .dump import dump_record, file_data, render

__all__ = ["corpus_files", "write_corpus"]


def _settings(corpus: Corpus) -> Settings:
    """The corpus's settings, with the Solar Hijri calendar on when its dates are written in it (a corpus built in
    memory may have them without saying so), so that the folder reads back as the same corpus."""
    settings = corpus.settings
    solar = Calendar.SOLAR_HIJRI
    if solar not in settings.calendars and _uses_solar_hijri(corpus):
        settings = attrs.evolve(settings, calendars=(*settings.calendars, solar))
    return settings


def _uses_solar_hijri(corpus: Corpus) -> bool:
    def walk(value: Any) -> bool:
        if isinstance(value, When):
            return value.as_written is not None and looks_solar_hijri(value.as_written)
        if isinstance(value, tuple):
            return any(walk(v) for v in value)
        if attrs.has(type(value)):
            return any(walk(getattr(value, a.name)) for a in attrs.fields(type(value)))
        return False

    return any(walk(r) for r in (*corpus.organisations, *corpus.memberships, *corpus.declarations, *corpus.sources))


def corpus_files(corpus: Corpus) -> Iterator[tuple[str, str]]:
    """``(relative path, YAML text)`` of every file of ``corpus``, as a corpus folder holds them."""
    settings = _settings(corpus)
    if settings != Settings():
        yield "corpus.yaml", dump_record(settings)
    yield "sources.yaml", render(file_data("sources", corpus.sources))
    for folder, records in (("organisations", corpus.organisations), ("people", corpus.people),
                            ("declarations", corpus.declarations)):  # fmt: skip
        for record in records:
            yield f"{folder}/{record.id}.yaml", dump_record(record)
    grouped: dict[str, list[Membership]] = {}
    for membership in corpus.memberships:
        grouped.setdefault(membership.organisation, []).append(membership)
    for organisation, memberships in sorted(grouped.items()):
        yield f"memberships/{organisation}.yaml", render(file_data("memberships", memberships))


def write_corpus(corpus: Corpus, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``corpus`` as a corpus folder (each file atomically); return the paths written.

    Files already in ``folder`` that the corpus does not name are left alone.
    """
    root = Path(folder)
    written = []
    for relative, text in corpus_files(corpus):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_atomic(target, text))
    return written
