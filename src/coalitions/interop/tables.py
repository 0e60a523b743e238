"""Flat tables of the corpus: signatures and memberships, as plain records, CSV text, or pandas data frames.

Columns come in a fixed order (:data:`COLUMNS`); every cell is text or None. Dates are written as the data has them
(``2024-02``, ``16 Qaws 1403``), with the earliest and latest day they may stand for beside them, so a spreadsheet
can sort and filter without losing the precision. In CSV, a cell a spreadsheet would execute (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'`` (:func:`coalitions.model.textsafe.spreadsheet_cell`).
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from ..model import Citation, Corpus, MissingDependency, When, spreadsheet_cell

__all__ = ["COLUMNS", "Table", "to_csv", "to_dataframe", "to_records"]

Table = Literal["signatures", "memberships"]

#: The columns of each table, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "signatures": ("declaration", "declaration_title", "date", "date_earliest", "date_latest", "signer",
                   "signer_type", "signer_name", "as_printed", "role", "status", "on_behalf_of", "sources",
                   "contradicted_by", "note"),
    "memberships": ("organisation", "organisation_name", "member", "member_type", "member_name", "role", "start",
                    "start_earliest", "end", "end_latest", "status", "on_behalf_of", "sources", "contradicted_by",
                    "note"),
}  # fmt: skip


def _text(when: When | None) -> str | None:
    return when.to_text() if when is not None else None


def _citations(citations: tuple[Citation, ...]) -> str | None:
    return "; ".join(c.source for c in citations) or None


def _kind(corpus: Corpus, record_id: str | None) -> str | None:
    if record_id is None:
        return None
    if corpus.is_organisation(record_id):
        return "organisation"
    return "person" if corpus.is_person(record_id) else "unknown"


def _signatures(corpus: Corpus) -> list[dict[str, str | None]]:
    rows = []
    for declaration in corpus.declarations:
        when = declaration.date
        for signature in declaration.signatures:
            signer = signature.signer
            rows.append({
                "declaration": declaration.id,
                "declaration_title": declaration.title,
                "date": when.to_text(),
                "date_earliest": when.earliest.isoformat(),
                "date_latest": when.latest.isoformat(),
                "signer": signer,
                "signer_type": _kind(corpus, signer),
                "signer_name": corpus.name_of(signer) if signer is not None and signer in corpus else None,
                "as_printed": signature.as_printed,
                "role": signature.role.value,
                "status": signature.status.value,
                "on_behalf_of": signature.on_behalf_of,
                "sources": _citations(signature.sources),
                "contradicted_by": _citations(signature.contradicted_by),
                "note": signature.note,
            })  # fmt: skip
    return rows


def _memberships(corpus: Corpus) -> list[dict[str, str | None]]:
    return [
        {
            "organisation": m.organisation,
            "organisation_name": corpus.name_of(m.organisation) if m.organisation in corpus else None,
            "member": m.member,
            "member_type": _kind(corpus, m.member),
            "member_name": corpus.name_of(m.member) if m.member in corpus else None,
            "role": m.role,
            "start": _text(m.start),
            "start_earliest": m.start.earliest.isoformat() if m.start else None,
            "end": _text(m.end),
            "end_latest": m.end.latest.isoformat() if m.end else None,
            "status": m.status.value,
            "on_behalf_of": m.on_behalf_of,
            "sources": _citations(m.sources),
            "contradicted_by": _citations(m.contradicted_by),
            "note": m.note,
        }
        for m in corpus.memberships
    ]


def _check_table(table: str) -> None:
    if table not in COLUMNS:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(COLUMNS)}")


def to_records(corpus: Corpus, table: Table = "signatures") -> list[dict[str, str | None]]:
    """One dict per row of ``table`` (``signatures`` or ``memberships``), keys in :data:`COLUMNS` order.

    Signatures are in declaration date order, memberships by organisation and member. Source ids are joined with
    ``"; "``.

    >>> from coalitions import Citation, Corpus, Membership
    >>> to_records(Corpus(memberships=[Membership("council", "party", (Citation("doc"),))]), "memberships")[0]["member"]
    'party'
    """
    _check_table(table)
    return _signatures(corpus) if table == "signatures" else _memberships(corpus)


def to_csv(corpus: Corpus, table: Table = "signatures") -> str:
    """``table`` as CSV text: a header row, then one row per record; formula-like cells neutralised.

    Empty cells are empty strings. Rows end with ``\\r\\n`` as RFC 4180 says; read it back with the csv module.
    """
    _check_table(table)
    out = io.StringIO()
    writer = csv.writer(out)
    columns = COLUMNS[table]
    writer.writerow(columns)
    for row in to_records(corpus, table):
        writer.writerow([spreadsheet_cell(row[c]) if row[c] is not None else "" for c in columns])
    return out.getvalue()


def to_dataframe(corpus: Corpus, table: Table = "signatures") -> Any:
    """``table`` as a ``pandas.DataFrame`` (columns in :data:`COLUMNS` order; missing values are None).

    Needs pandas: ``pip install pandas``.
    """
    _check_table(table)
    try:
        import pandas
    except ImportError:
        raise MissingDependency("to_dataframe needs pandas: pip install pandas") from None
    return pandas.DataFrame.from_records(to_records(corpus, table), columns=list(COLUMNS[table]))
