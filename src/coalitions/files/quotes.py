"""Quotes checked against their sources' texts: every citation's ``quote`` is found, character for character.

A source's ``file`` names its text in one of two places:

* ``texts/NAME`` (any path starting with ``texts/``): a file of the corpus's own ``texts/`` folder, beside the
  ``sources.yaml`` that lists the source. Several folders loaded together each have their own.
* any other relative path: a file of the *shared material*, a folder the user names (``--texts FOLDER``,
  ``load(..., texts=FOLDER)``). The bundled corpus of a source checkout knows its place: the folder ``shared``
  beside the checkout (``../shared``), the project's own copies of its documents (:func:`bundled_texts`).

A text is read as the loader reads a corpus file (:func:`coalitions.files.disk.read_limited`: regular files only,
at most ``Limits.max_file_bytes``), never outside the folder it belongs to: a text of ``texts/`` whose real path
(through any symbolic link, of the file or of a folder on the way) leads out of the corpus is refused, and so is a
file of the shared material leading out of the folder named. Each text is read once, as UTF-8, its line endings
made ``\\n`` (as Python's ``read_text`` does); a quote must be a substring of it.

What the check finds (:class:`QuoteCheck`): a quote not in its text is an error located at the quote
(``file:line:column: signatures[0].sources[1].quote``), with the text's own spelling when only spaces, case,
quotation marks or dashes differ; a text that cannot be read (not UTF-8, too large, a link out) is an error of that
text; a source whose text is not there (no ``file``, no such file, no shared material given) is not an error but
one note per ``sources.yaml``, naming the sources whose quotes were not checked (an error each with ``require``).
The bundled corpus without its shared material (an installed package) is the exception: its quotes are counted as
not checked but not noted, since a user can neither give those texts nor fix those quotes, and the project's tests
check them against the shared material.
"""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

import attrs

from ..model import Citation, Corpus, Problem, Source
from .collect import Collector
from .disk import Refused, read_limited, shown
from .limits import Limits
from .parse import ParseFailure, parse_yaml
from .reader import yaml_fields
from .settings import SETTINGS_FILE, read_settings

__all__ = ["BUNDLED_ELSEWHERE", "QuoteCheck", "Unchecked", "bundled_texts", "citations_of", "quote_problem"]

#: The folder of a corpus holding its sources' texts.
TEXTS = "texts"
#: Why the text of a file of the shared material is not available when no folder was given.
_NO_FOLDER = "of the shared material, whose folder was not given (--texts FOLDER)"
#: Why the bundled corpus's texts are not available where its shared material is not at hand (an installed package).
BUNDLED_ELSEWHERE = "the bundled corpus's shared material is not here; the project's tests check these quotes"

Folder = Union[str, "os.PathLike[str]"]


def bundled_texts(bundled: Path) -> Path | None:
    """The shared material of the bundled corpus at ``bundled``: the folder ``shared`` beside the source checkout
    whose ``data/`` it is, when that folder is there; None for the copy installed inside the package."""
    if bundled.name != "data":
        return None
    shared = bundled.resolve().parent.parent / "shared"
    return shared if shared.is_dir() else None


_WALKED: dict[type, list[tuple[str, str]]] = {}


def _can_cite(tp: Any) -> bool:
    """A value of type ``tp`` may hold a citation (a citation, or a record or tuple that may)."""
    if tp is Citation:
        return True
    if typing.get_origin(tp) in (typing.Union, types.UnionType, tuple):
        return any(_can_cite(a) for a in typing.get_args(tp))
    return isinstance(tp, type) and attrs.has(tp) and bool(_citing_fields(tp))


def _citing_fields(cls: type) -> list[tuple[str, str]]:
    """``(yaml key, attribute)`` of the fields of ``cls`` that may hold a citation (every field where the types
    cannot be told)."""
    fields = _WALKED.get(cls)
    if fields is None:
        _WALKED[cls] = []  # against recursion; a record holding itself adds nothing
        try:
            hints = typing.get_type_hints(cls)
            fields = [(key, a.name) for key, a in yaml_fields(cls) if _can_cite(hints.get(a.name, Citation))]
        except (NameError, TypeError):  # pragma: no cover - a type that cannot be resolved: walk every field
            fields = [(key, a.name) for key, a in yaml_fields(cls)]
        _WALKED[cls] = fields
    return fields


def citations_of(record: Any, path: str = "") -> Iterator[tuple[str, Citation]]:
    """``(field path, citation)`` of every citation in ``record`` (any model object), the path as the file writes it
    (``signatures[0].sources[1]``, ``date[0].sources[0]``)."""
    for key, name in _citing_fields(type(record)):
        value = getattr(record, name)
        if value is None or isinstance(value, str):
            continue
        here = f"{path}.{key}" if path else key
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, Citation):
                    yield f"{here}[{i}]", item
                elif attrs.has(type(item)):
                    yield from citations_of(item, f"{here}[{i}]")
        elif attrs.has(type(value)):
            yield from citations_of(value, here)


@attrs.frozen
class Unchecked:
    """A source whose text was not available: its id, the ``sources.yaml`` listing it, how many of its quotes were
    not checked, and why (``no file``, ``texts/a.txt not found``, ...). ``noted``: said in the note (not for the
    bundled corpus without its shared material, whose quotes the project's tests check)."""

    source: str
    file: str
    quotes: int
    reason: str
    noted: bool = True


# -- a quote's near miss ---------------------------------------------------------------------------------------------

_ALIKE = {"'": "'‘’ʼ′`", '"': '"“”„″', "-": "-‐‑‒–—―−"}
#: Every space becomes one space, every quotation mark and dash its ASCII form: lengths are kept, so a match in the
#: folded text is at the same place in the text.
_FOLD = str.maketrans({**{c: plain for plain, alike in _ALIKE.items() for c in alike},
                       **{c: " " for c in "\t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                          "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"}})  # fmt: skip
_MAX_NEAR = 1_000


def _near(quote: str, text: str) -> str | None:
    """The text's own spelling of ``quote`` where only spaces, case, quotation marks or dashes differ, or None."""
    words = quote.translate(_FOLD).split()
    if not words or len(quote) > _MAX_NEAR:
        return None
    found = re.search(" +".join(re.escape(w) for w in words), text.translate(_FOLD), re.IGNORECASE)
    return text[found.start() : found.end()] if found else None


def quote_problem(quote: str, text: str, where: str) -> str | None:
    """None when ``quote`` is in ``text`` (the text of ``where``), else the message saying so.

    >>> quote_problem("Massoud", "Ahmad Massoud", "a.txt") is None
    True
    >>> quote_problem("women's  movements", "Women’s movements", "a.txt")
    "not found in a.txt; the text has 'Women’s movements' (copy a quote character for character)"
    """
    if quote in text:
        return None
    near = _near(quote, text)
    if near is not None:
        return f"not found in {where}; the text has {near!r} (copy a quote character for character)"
    return f"not found in {where} (copy a quote character for character from the text)"


# -- the check -------------------------------------------------------------------------------------------------------

_Use = tuple[Any, str, str]  # (where: a record key or (file, parsed corpus.yaml), field path of the quote, quote)


def _some(ids: list[str], most: int = 10) -> str:
    """``ids`` joined, the first ``most`` of them only (and how many more)."""
    more = f" and {len(ids) - most:,} more" if len(ids) > most else ""
    return ", ".join(ids[:most]) + more


def _its(count: int) -> str:
    return "its quote" if count == 1 else f"its {count:,} quotes"


def _inside(real: str, inside: str) -> bool:
    return real == inside or real.startswith(inside.rstrip(os.sep) + os.sep)


@attrs.define
class QuoteCheck:
    """Check every quote of a corpus against its source's text: pass one as ``load(path, quotes=QuoteCheck(...))``.

    ``texts``: the folder of the shared material (the files sources name outside ``texts/``); without it, the bundled
    corpus of a source checkout uses ``../shared`` beside the checkout. ``require``: a quoted source whose text is
    not available is an error (else one note per ``sources.yaml``). After loading, ``checked`` counts the quotes
    compared with their texts, ``not_found`` those not found, and ``unchecked`` lists the sources whose texts were
    not available.
    """

    texts: Folder | None = None
    require: bool = False
    checked: int = attrs.field(default=0, init=False)
    not_found: int = attrs.field(default=0, init=False)
    unchecked: tuple[Unchecked, ...] = attrs.field(default=(), init=False)

    def run(self, corpus: Corpus, roots: list[Path], collector: Collector, limits: Limits,
            bundled: Path | None = None) -> list[Problem]:  # fmt: skip
        """The problems of the quotes of ``corpus``, loaded from ``roots`` by ``collector`` (which knows where
        each record is); ``bundled``: where the bundled corpus is, for its known texts."""
        self.checked, self.not_found, unchecked = 0, 0, []
        problems: list[Problem] = []
        shared = None if self.texts is None else Path(self.texts)
        if shared is not None and not shared.is_dir():
            what = "is not a folder" if os.path.lexists(shared) else "does not exist"
            problems.append(Problem(f"the folder of the shared material, where the texts of sources are read, "
                                    f"{what}", str(shared), code="io"))  # fmt: skip
        uses = self._uses(corpus, roots, collector, limits, problems)
        files = {shown(root / "sources.yaml"): root for root in roots}
        known = bundled_texts(bundled) if shared is None and bundled is not None else None
        real_bundled = os.path.realpath(bundled) if known is not None else None
        folders = {root: shared if shared is not None else known if os.path.realpath(root) == real_bundled else None
                   for root in roots}  # fmt: skip
        texts: dict[str, str | None] = {}
        for source in corpus.sources:
            quoted = uses.get(source.id)
            first = collector.first.get(source.id)
            if not quoted or first is None:
                continue
            listed = first[1]
            root = files.get(listed, roots[0])
            folder = folders[root]
            path, inside, reason = self._place(source, root, folder)
            elsewhere = path is None and reason.endswith(_NO_FOLDER) and bundled is not None and \
                os.path.realpath(root) == os.path.realpath(bundled)  # fmt: skip
            if elsewhere:  # an installed package: the user cannot give these texts, nor fix these quotes
                unchecked.append(Unchecked(source.id, listed, len(quoted), BUNDLED_ELSEWHERE, noted=False))
                continue
            text = None
            if path is not None:
                key = os.path.realpath(path)
                if key not in texts:
                    within = f"the folder {folder}" if folder is not None and inside == os.path.realpath(folder) \
                        else "the corpus"  # fmt: skip
                    texts[key] = self._read(path, inside, within, limits, problems)
                text = texts[key]
                if text is None and os.path.lexists(path):
                    continue  # refused: its error is reported
            if text is None:
                unchecked.append(Unchecked(source.id, listed, len(quoted), reason))
                if self.require:
                    field = "file" if source.file is not None else "id"
                    problems.append(self._at(collector, ("source", source.id), field,
                                             f"the text of source {source.id!r} is not available ({reason}), so "
                                             f"{_its(len(quoted))} cannot be checked (texts are required)",
                                             "text-missing"))  # fmt: skip
                continue
            assert path is not None
            for where, field, quote in quoted:
                if quote in text:
                    self.checked += 1
                    continue
                message = quote_problem(quote, text, shown(path))
                self.not_found += 1
                problems.append(self._at(collector, where, field, f"quote of source {source.id!r} {message}",
                                         "quote-not-found"))  # fmt: skip
        self.unchecked = tuple(unchecked)
        if not self.require:
            problems.extend(self._notes())
        return problems

    @staticmethod
    def _place(source: Source, root: Path, folder: Path | None) -> tuple[Path | None, str, str]:
        """Where the text of ``source`` (listed in the corpus at ``root``) is, the real folder it must stay in, and
        why it is not available (when ``path`` is None, or is not there)."""
        file = source.file
        if file is None:
            return None, "", "no file"
        if file.startswith("/") or ".." in file.split("/") or "\\" in file:
            return None, "", f"{file} is not a relative path"
        if file == TEXTS or file.startswith(TEXTS + "/"):
            return root / file, os.path.realpath(root), f"{shown(root / file)} not found"
        if folder is None:
            return None, "", f"{file} is a file {_NO_FOLDER}"
        return folder / file, os.path.realpath(folder), f"{file} not found in {folder}"

    @staticmethod
    def _read(path: Path, inside: str, within: str, limits: Limits, problems: list[Problem]) -> str | None:
        """The text at ``path`` (line endings made ``\\n``), or None: not there, or refused (its problem appended).
        ``inside``: the real folder it must stay in, ``within`` its name for messages."""
        if not os.path.lexists(path):
            return None
        name = shown(path)
        if not _inside(os.path.realpath(path), inside):
            how = f"a symbolic link to {os.readlink(path)}" if os.path.islink(path) else \
                "through a symbolic link on its path, a file"  # fmt: skip
            problems.append(Problem(f"{how} outside {within}; a text is read only inside the corpus that lists it "
                                    "or the folder of the shared material given (copy it in instead)", name,
                                    code="link"))  # fmt: skip
            return None
        try:
            data = read_limited(path, limits, name, inside)
        except Refused as refused:
            problems.append(refused.problem)
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(f"byte 0x{data[error.start]:02X} at offset {error.start:,} is not valid UTF-8; "
                                    "quotes are checked against a source's text as UTF-8: save it as UTF-8", name,
                                    code="not-utf8"))  # fmt: skip
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    @staticmethod
    def _uses(corpus: Corpus, roots: list[Path], collector: Collector, limits: Limits,
              problems: list[Problem]) -> dict[str, list[_Use]]:  # fmt: skip
        """The quotes of the corpus by the source they cite, each with where it is."""
        uses: dict[str, list[_Use]] = {}

        def add(where: Any, record: Any) -> None:
            for field, citation in citations_of(record):
                if citation.quote is not None:
                    uses.setdefault(citation.source, []).append((where, f"{field}.quote", citation.quote))

        for kind, records in (("organisation", corpus.organisations), ("person", corpus.people),
                              ("declaration", corpus.declarations)):  # fmt: skip
            for record in records:
                add((kind, record.id), record)
        for key, membership in collector.keyed:
            add(key, membership)
        if any(entry.sources for scope in corpus.settings.scopes for entry in scope.entries):
            for root in roots:  # corpus.yaml of each folder, read again (small) to tell its scopes apart
                path = root / SETTINGS_FILE
                if not path.is_file():
                    continue
                try:
                    value = parse_yaml(read_limited(path, limits, shown(path)), shown(path), limits)
                except (Refused, ParseFailure):  # its problems are the loader's
                    continue
                settings = read_settings(shown(path), value)[0]
                if settings is not None:
                    add((shown(path), value), settings)
        return uses

    @staticmethod
    def _at(collector: Collector, where: Any, field: str, message: str, code: str) -> Problem:
        """A problem at ``field`` of the record ``where`` (a record key, or a parsed ``corpus.yaml``)."""
        if isinstance(where[1], str):
            file, line, column = collector.located(where, field)
        else:
            file, line, column = collector.located.place(where[0], where[1], field)
        membership = isinstance(where[1], str) and where[0] == "membership"
        shown_field = f"members[{where[2]}].{field}" if membership else field
        return Problem(message, file, line, column, shown_field, code=code)

    def _notes(self) -> list[Problem]:
        """One note per ``sources.yaml`` naming its sources whose texts were not available, by reason."""
        by_file: dict[str, list[Unchecked]] = {}
        for item in self.unchecked:
            if item.noted:
                by_file.setdefault(item.file, []).append(item)
        notes = []
        for file, items in by_file.items():
            quotes = sum(item.quotes for item in items)
            reasons: dict[str, list[str]] = {}
            for item in items:
                reason = item.reason
                if reason.endswith(_NO_FOLDER):  # one reason for every file of the shared material
                    reason = f"files {_NO_FOLDER}"
                elif reason == "no file":
                    reason = "no file: add file: texts/NAME with the text in texts/"
                reasons.setdefault(reason, []).append(item.source)
            listed = "; ".join(f"{_some(ids)} ({reason})" for reason, ids in reasons.items())
            were = "was" if quotes == 1 else "were"
            head = f"1 source's text was not available, so {_its(quotes)} {were} not checked" if len(items) == 1 \
                else f"{len(items):,} sources' texts were not available, so their {quotes:,} quotes were not checked"
            notes.append(Problem(f"{head}: {listed}", file, severity="note", code="quotes-unchecked"))
        return notes
