"""The corpus as a SQLite database, for people who query (and for Datasette): :func:`to_sqlite`, :func:`write_sqlite`.

Built with the standard library's :mod:`sqlite3`, so it needs no extra: one table per record kind (``organisations``,
``people``, ``declarations``, ``sources``, all listed in ``records``) and one per claim kind (``memberships``,
``signatures``, ``printed_members``, ``names``, ``date_claims``, ``relations``, ``counts``, ``citations``), with
foreign keys declared (and checked: ``PRAGMA foreign_key_check`` is empty or the export fails). A date is stored as
the text written (``16 Qaws 1403``, ``2024-02``) with its earliest and latest day beside it (``date_earliest``,
``date_latest``, ISO text that sorts), so ranges can be queried without losing the precision. Statuses, roles and
kinds are columns. ``search`` is a full-text index (FTS5) over names, aliases, titles and quotes.

Tables computed by the analysis answer the common questions exactly as the Python API does, under the corpus's
default scope (named in ``analysis``, with the last day the corpus covers): who each declaration counts
(``expanded_signatures``: organisations with who represented them, people in their own name, individuals; hosts and
the invited never) and whether its lists are complete, partial or unknown (``declaration_lists``), councils' changes
(``council_changes``, undated ones with no date) and compositions with their certainty (``compositions``: certain,
possible, undated), and the metrics as ranges with ``exact``, ``partial`` and the claims that move them
(``metric_series``), with views that name what they hold (``signatories``, ``council_members``, ``unity``,
``signed``). The same corpus gives the same bytes.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..model import Citation, CoalitionsError, Corpus, DateClaim, Settings, When
from .jsonio import make_converter
from .sqlite_schema import METRICS, SCHEMA

__all__ = ["SQLiteExportError", "to_sqlite", "write_sqlite"]


class SQLiteExportError(CoalitionsError):
    """The corpus cannot be written as a database (a reference to a record it does not hold, no FTS5)."""


def _dates(when: When | None) -> tuple[str | None, str | None, str | None]:
    if when is None:
        return None, None, None
    return when.to_text(), when.earliest.isoformat(), when.latest.isoformat()


def _list(items: Iterable[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _real(value: float) -> float | None:
    return None if math.isnan(value) else value


class _Writer:
    """Inserts the rows, numbering the claims in the order the corpus holds them."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id: dict[str, int] = {}
        self.citations: list[tuple[Any, ...]] = []
        self.search: list[tuple[Any, ...]] = []

    def insert(self, table: str, row: tuple[Any, ...]) -> int:
        """Insert ``row`` after a new integer id; return the id."""
        new = self.next_id.get(table, 0) + 1
        self.next_id[table] = new
        self.db.execute(f'INSERT INTO {table} VALUES ({", ".join("?" * (len(row) + 1))})', (new, *row))
        return new

    def cite(self, owner: str, owner_id: int | str, citations: tuple[Citation, ...], contradicts: bool = False) -> None:
        """Rows of ``citations`` for the claim ``owner_id`` of the ``owner`` column."""
        columns = ("record", "membership", "signature", "date_claim", "relation", "count")
        for position, citation in enumerate(citations):
            owners = tuple(owner_id if c == owner else None for c in columns)
            number = len(self.citations) + 1
            self.citations.append((number, citation.source, citation.quote,
                                   citation.confidence.value if citation.confidence else None, citation.note,
                                   int(contradicts), position, *owners))  # fmt: skip
            if citation.quote:
                self.search.append((citation.quote, "quote", citation.source, number))

    def names(self, record: str, items: Iterable[tuple[str, str, str | None, str | None]]) -> None:
        """Rows of ``names`` (kind, text, lang, note) for ``record``."""
        for position, (kind, text, lang, note) in enumerate(items):
            self.insert("names", (record, position, kind, text, lang, note))
            self.search.append((text, kind, record, None))

    def date_claims(self, record: str, event: str, claims: tuple[DateClaim, ...]) -> None:
        """Rows of ``date_claims`` with their citations."""
        for position, claim in enumerate(claims):
            number = self.insert("date_claims", (record, event, position, *_dates(claim.date), claim.note,
                                                 _list(claim.by)))  # fmt: skip
            self.cite("date_claim", number, claim.sources)


def _records(writer: _Writer, corpus: Corpus) -> None:
    db = writer.db
    converter = make_converter()
    db.execute("INSERT INTO settings VALUES (?)",
                (json.dumps(converter.unstructure(corpus.settings, Settings), ensure_ascii=False, sort_keys=True),))
    kinds = (("organisation", corpus.organisations), ("person", corpus.people),
             ("declaration", corpus.declarations), ("source", corpus.sources))  # fmt: skip
    for kind, records in kinds:
        for record in records:
            db.execute("INSERT INTO records VALUES (?, ?, ?)", (record.id, kind, corpus.name_of(record.id)))
            writer.search.append((corpus.name_of(record.id), "title" if kind in ("declaration", "source") else "name",
                                  record.id, None))  # fmt: skip
    for s in corpus.sources:
        db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (s.id, s.title, s.publisher, s.author, s.url, s.file, *_dates(s.date),
                    s.confidence.value if s.confidence else None, s.language, s.notes))  # fmt: skip
    for o in corpus.organisations:
        db.execute("INSERT INTO organisations VALUES (?, ?, ?, ?, ?, ?)",
                   (o.id, o.name, str(o.kind), o.parent, o.headquarters, o.notes))  # fmt: skip
        writer.cite("record", o.id, o.sources)
        writer.names(o.id, [*(("abbreviation", a, None, None) for a in o.abbreviations),
                            *((n.kind.value, n.text, n.lang, n.note) for n in o.aliases)])  # fmt: skip
        for event in ("founded", "dissolved", "proposed"):
            writer.date_claims(o.id, event, getattr(o, event))
        for position, relation in enumerate(o.relations):
            number = writer.insert("relations", (o.id, position, str(relation.kind), relation.organisation,
                                                 *_dates(relation.date), str(relation.status),
                                                 relation.note))  # fmt: skip
            writer.cite("relation", number, relation.sources)
    for p in corpus.people:
        db.execute("INSERT INTO people VALUES (?, ?, ?)", (p.id, p.name, p.notes))
        writer.cite("record", p.id, p.sources)
        writer.names(p.id, [(n.kind.value, n.text, n.lang, n.note) for n in p.aliases])


def _claims(writer: _Writer, corpus: Corpus) -> None:
    for m in corpus.memberships:
        member_type = "person" if corpus.is_person(m.member) else "organisation"
        number = writer.insert("memberships", (m.organisation, m.member, member_type, m.role, *_dates(m.start),
                                               *_dates(m.end), str(m.status), *_dates(m.status_date),
                                               m.on_behalf_of, m.note))  # fmt: skip
        writer.cite("membership", number, m.sources)
        writer.cite("membership", number, m.contradicted_by, contradicts=True)
    for d in corpus.declarations:
        writer.db.execute("INSERT INTO declarations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (d.id, d.title, str(d.kind), *_dates(d.date), int(d.date_disputed), d.place, d.occasion,
                           d.theme, d.language, _list(d.series), str(d.listed) if d.listed else None,
                           d.notes))  # fmt: skip
        writer.cite("record", d.id, d.sources)
        writer.names(d.id, [(n.kind.value, n.text, n.lang, n.note) for n in d.other_titles])
        writer.date_claims(d.id, "date", d.dates)
        for position, s in enumerate(d.signatures):
            number = writer.insert("signatures", (d.id, position, s.signer, s.as_printed, s.title, s.affiliation,
                                                  str(s.role), str(s.status), *_dates(s.status_date),
                                                  s.on_behalf_of, s.note))  # fmt: skip
            writer.cite("signature", number, s.sources)
            writer.cite("signature", number, s.contradicted_by, contradicts=True)
            for j, printed in enumerate(s.printed_members):
                writer.insert("printed_members", (number, j, printed.as_printed, printed.member,
                                                  str(printed.status), printed.heading, printed.note))  # fmt: skip
        for position, count in enumerate(d.counts):
            number = writer.insert("counts", (d.id, position, count.number, count.of, int(count.approximate),
                                              count.as_printed))  # fmt: skip
            writer.cite("count", number, count.sources)


def _derived(writer: _Writer, corpus: Corpus) -> None:
    """The tables the analysis computes, in the corpus's default scope: who each declaration counts and its list
    statuses, councils' changes and compositions, the metrics."""
    from ..analysis import (choose_scope, composition_changes, composition_segments, describe_claim, metric_series,
                            scope_label, signatories, who_counts)  # fmt: skip

    chosen = choose_scope(corpus, None)
    scope = chosen.id if chosen is not None else "all"
    writer.db.execute("INSERT INTO analysis VALUES (?, ?, ?)", (chosen.id if chosen is not None else None,
                                                                scope_label(chosen),
                                                                corpus.last_day.isoformat() if corpus.last_day
                                                                else None))  # fmt: skip
    for counted in who_counts(corpus):
        writer.insert("declaration_lists", (counted.declaration, "organisations", str(counted.status)))
        writer.insert("declaration_lists", (counted.declaration, "people", str(counted.people_status)))
    for d in corpus.declarations:
        for s in signatories(corpus, d.id, expand=True, scope=scope):
            individual = s.signer if s.kind == "individual" else None
            writer.insert("expanded_signatures", (d.id, None if individual else s.signer, individual, s.kind,
                                                  str(s.status), s.certainty, _list(s.via), s.basis,
                                                  _list(s.represented_by)))  # fmt: skip
    for council in corpus.councils:
        for change in composition_changes(corpus, council.id):
            writer.insert("council_changes", (council.id, *_dates(change.when), change.member, str(change.kind),
                                              str(change.status), _list(change.via),
                                              _list(c.source for c in change.sources)))  # fmt: skip
        for segment in composition_segments(corpus, council.id):
            for m in segment.members:
                writer.insert("compositions", (council.id, segment.start.isoformat() if segment.start else None,
                                               segment.last.isoformat() if segment.last else None, m.member,
                                               m.certainty, str(m.status), _list(m.via)))  # fmt: skip
    for point in metric_series(corpus):
        for metric in METRICS:
            value = getattr(point, metric)
            writer.insert("metric_series", (str(point.window), point.window.earliest.isoformat(),
                                            point.window.latest.isoformat(), len(point.declarations), metric,
                                            _real(value.low), _real(value.high), _real(value.all_out),
                                            _real(value.all_in), int(value.exact), int(value.partial), value.claims,
                                            _list(describe_claim(corpus, c) for c in value.movers),
                                            _list(point.unknown)))  # fmt: skip


def _check(db: sqlite3.Connection) -> None:
    dangling = db.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        shown = "; ".join(f"{table} row {row} refers to a missing {parent}" for table, row, parent, _ in dangling[:5])
        raise SQLiteExportError(f"the corpus refers to records it does not hold: {shown}"
                                + (f" (and {len(dangling) - 5} more)" if len(dangling) > 5 else ""))  # fmt: skip


def to_sqlite(corpus: Corpus) -> bytes:
    """The corpus as the bytes of a SQLite database file (the same corpus gives the same bytes).

    >>> import sqlite3
    >>> from coalitions import Citation, Corpus, Organisation, OrganisationKind, Source
    >>> corpus = Corpus([Organisation("nrf", "NRF", OrganisationKind.FRONT, (Citation("doc", "the NRF"),))],
    ...                 sources=[Source("doc", "A document")])
    >>> db = sqlite3.connect(":memory:")
    >>> db.deserialize(to_sqlite(corpus))
    >>> db.execute("SELECT name, kind FROM organisations").fetchall()
    [('NRF', 'front')]
    >>> db.execute("SELECT record, kind FROM search WHERE search MATCH 'nrf'").fetchall()
    [('nrf', 'name'), ('doc', 'quote')]
    """
    db = sqlite3.connect(":memory:")
    try:
        try:
            db.executescript(SCHEMA)
        except sqlite3.OperationalError as error:  # pragma: no cover - a Python built without FTS5
            raise SQLiteExportError(f"this Python's SQLite cannot build the database: {error}") from None
        writer = _Writer(db)
        with db:
            _records(writer, corpus)
            _claims(writer, corpus)
            db.executemany(f"INSERT INTO citations VALUES ({', '.join('?' * 13)})", writer.citations)
            db.executemany("INSERT INTO search VALUES (?, ?, ?, ?)", writer.search)
            _derived(writer, corpus)
        _check(db)
        db.execute("INSERT INTO search(search) VALUES ('optimize')")
        db.commit()
        db.execute("VACUUM")
        return db.serialize()
    finally:
        db.close()


def write_sqlite(corpus: Corpus, path: str | os.PathLike[str], *, metadata: bool = True) -> tuple[Path, ...]:
    """Write the corpus as a SQLite database at ``path`` (atomically) and, with ``metadata``, Datasette's
    ``metadata.json`` beside it; return the paths written.

    Refuses (:class:`SQLiteExportError`) to write over anything that is not a regular file.
    """
    from ..files import write_atomic
    from .datasette import datasette_metadata

    target = Path(path)
    written = [target]
    if metadata:
        written.append(target.with_name("metadata.json"))
    for each in written:
        if each.exists() and not each.resolve().is_file():
            raise SQLiteExportError(f"{each} exists and is not a regular file; not writing over it")
    data = to_sqlite(corpus)
    try:
        write_atomic(target, data)
        if metadata:
            text = json.dumps(datasette_metadata(corpus, target.stem), ensure_ascii=False, indent=2) + "\n"
            write_atomic(written[1], text)
    except OSError as error:
        raise SQLiteExportError(f"cannot write {error.filename or target}: {error.strerror or error}") from None
    return tuple(written)


def rows(db: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    """Every row of ``table`` as a dict, in id order."""
    cursor = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    names = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))
