"""A corpus read back from the database :func:`~coalitions.interop.sqlite.to_sqlite` writes: :func:`from_sqlite`.

``from_sqlite(to_sqlite(corpus)) == corpus``: every record and claim, every citation and quote, the dates as written.
It reads the tables of records and claims only; the tables the analysis computes are left to SQL.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..model import (
    Citation,
    Confidence,
    Corpus,
    Count,
    DateClaim,
    Declaration,
    DeclarationKind,
    ListStatus,
    Membership,
    Name,
    NameKind,
    Organisation,
    OrganisationKind,
    Person,
    PrintedMember,
    Relation,
    RelationKind,
    Settings,
    Signature,
    SignatureRole,
    Source,
    Status,
    When,
    parse_when,
)
from .jsonio import make_converter

__all__ = ["from_sqlite"]


def _when(text: str | None) -> When | None:
    return parse_when(text) if text is not None else None


def _term(enumeration: Any, text: str) -> Any:
    """A built-in word as its enumeration's member, a word of the corpus's own vocabulary as text."""
    return next((m for m in enumeration if m.value == text), text)


def _grouped(db: sqlite3.Connection, table: str, key: str) -> dict[Any, list[dict[str, Any]]]:
    from .sqlite import rows

    found: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows(db, table):
        found[row[key]].append(row)
    for group in found.values():
        group.sort(key=lambda r: r.get("position", 0))
    return found


class _Reader:
    def __init__(self, db: sqlite3.Connection) -> None:
        from .sqlite import rows

        self.db = db
        self.rows = lambda table: list(rows(db, table))
        self.citations: dict[tuple[str, Any, int], list[Citation]] = defaultdict(list)
        for row in sorted(self.rows("citations"), key=lambda r: r["position"]):
            owner = next(c for c in ("record", "membership", "signature", "date_claim", "relation", "count")
                         if row[c] is not None)  # fmt: skip
            self.citations[(owner, row[owner], row["contradicts"])].append(Citation(
                row["source"], row["quote"], Confidence(row["confidence"]) if row["confidence"] else None, row["note"]))
        self.names = _grouped(db, "names", "record")
        self.dates = defaultdict(list)
        for row in sorted(self.rows("date_claims"), key=lambda r: r["position"]):
            self.dates[(row["record"], row["event"])].append(row)

    def cited(self, owner: str, key: Any, contradicts: bool = False) -> tuple[Citation, ...]:
        return tuple(self.citations.get((owner, key, int(contradicts)), ()))

    def aliases(self, record: str) -> tuple[Name, ...]:
        return tuple(Name(r["text"], r["lang"], NameKind(r["kind"]), r["note"])
                     for r in self.names.get(record, ()) if r["kind"] != "abbreviation")  # fmt: skip

    def date_claims(self, record: str, event: str) -> tuple[DateClaim, ...]:
        return tuple(DateClaim(parse_when(r["date"]), self.cited("date_claim", r["id"]), r["note"],
                               tuple(json.loads(r["by"])))
                     for r in self.dates.get((record, event), ()))  # fmt: skip


def _organisations(reader: _Reader) -> list[Organisation]:
    relations = _grouped(reader.db, "relations", "organisation")
    return [
        Organisation(
            row["id"], row["name"], _term(OrganisationKind, row["kind"]), reader.cited("record", row["id"]),
            abbreviations=tuple(r["text"] for r in reader.names.get(row["id"], ()) if r["kind"] == "abbreviation"),
            aliases=reader.aliases(row["id"]),
            founded=reader.date_claims(row["id"], "founded"),
            dissolved=reader.date_claims(row["id"], "dissolved"),
            proposed=reader.date_claims(row["id"], "proposed"),
            parent=row["parent"],
            relations=tuple(Relation(_term(RelationKind, r["kind"]), r["other"], Status(r["status"]),
                                     reader.cited("relation", r["id"]), r["note"], _when(r["date"]))
                            for r in relations.get(row["id"], ())),
            headquarters=row["headquarters"], notes=row["notes"],
        )  # fmt: skip
        for row in reader.rows("organisations")
    ]


def _declarations(reader: _Reader) -> list[Declaration]:
    signatures = _grouped(reader.db, "signatures", "declaration")
    printed = _grouped(reader.db, "printed_members", "signature")
    counts = _grouped(reader.db, "counts", "declaration")

    def signature(r: dict[str, Any]) -> Signature:
        members = tuple(PrintedMember(p["as_printed"], p["member"], Status(p["status"]), p["heading"], p["note"])
                        for p in printed.get(r["id"], ()))  # fmt: skip
        return Signature(reader.cited("signature", r["id"]), r["signer"], r["as_printed"],
                         _term(SignatureRole, r["role"]), Status(r["status"]), r["on_behalf_of"], members,
                         reader.cited("signature", r["id"], True), r["note"], title=r["title"],
                         affiliation=r["affiliation"], status_date=_when(r["status_date"]))  # fmt: skip

    return [
        Declaration(
            row["id"], row["title"], _term(DeclarationKind, row["kind"]), reader.date_claims(row["id"], "date"),
            reader.cited("record", row["id"]), other_titles=reader.aliases(row["id"]), place=row["place"],
            occasion=row["occasion"], theme=row["theme"], language=row["language"],
            series=tuple(json.loads(row["series"])), listed=ListStatus(row["listed"]) if row["listed"] else None,
            signatures=tuple(signature(r) for r in signatures.get(row["id"], ())),
            counts=tuple(Count(c["number"], c["of"], reader.cited("count", c["id"]), bool(c["approximate"]),
                               c["as_printed"]) for c in counts.get(row["id"], ())),
            notes=row["notes"],
        )  # fmt: skip
        for row in reader.rows("declarations")
    ]


def from_sqlite(database: str | os.PathLike[str] | bytes) -> Corpus:
    """The corpus in a database written by :func:`~coalitions.interop.sqlite.to_sqlite` (a path, or its bytes)."""
    db = sqlite3.connect(":memory:")
    try:
        if isinstance(database, bytes):
            db.deserialize(database)
        else:
            disk = sqlite3.connect(Path(os.fspath(database)).resolve().as_uri() + "?mode=ro", uri=True)
            try:
                disk.backup(db)
            finally:
                disk.close()
        reader = _Reader(db)
        people = [Person(r["id"], r["name"], reader.cited("record", r["id"]), reader.aliases(r["id"]), r["notes"])
                  for r in reader.rows("people")]  # fmt: skip
        memberships = [
            Membership(r["organisation"], r["member"], reader.cited("membership", r["id"]), r["role"],
                       _when(r["start"]), _when(r["end"]), Status(r["status"]), r["on_behalf_of"],
                       reader.cited("membership", r["id"], True), r["note"], _when(r["status_date"]))
            for r in reader.rows("memberships")
        ]  # fmt: skip
        sources = [
            Source(r["id"], r["title"], r["publisher"], r["author"], r["url"], r["file"], _when(r["date"]),
                   Confidence(r["confidence"]) if r["confidence"] else None, r["language"], r["notes"])
            for r in reader.rows("sources")
        ]  # fmt: skip
        settings = make_converter().structure(json.loads(db.execute("SELECT json FROM settings").fetchone()[0]),
                                              Settings)  # fmt: skip
        return Corpus(_organisations(reader), people, memberships, _declarations(reader), sources,
                      settings=settings)  # fmt: skip
    finally:
        db.close()
