"""Flat tables of the corpus, as plain records, CSV text, or pandas data frames: organisations, people,
declarations, signatures, memberships, sources, and the unity metrics over time.

Columns come in a fixed order (:data:`COLUMNS`; the rows are built in :mod:`coalitions.interop.rows`). Cells are
text, None, whole numbers (counts), booleans, or numbers (the metrics). Dates are written as the data has them
(``2024-02``, ``16 Qaws 1403``), with the earliest and latest day they may stand for beside them, so a spreadsheet
can sort and filter without losing the precision. The ``metrics`` table has one row a window and metric
(:func:`coalitions.metric_series`) with the ``low`` and ``high`` bounds over the readings of the disputed claims,
whether they are ``exact``, and the two readings ``all_out`` and ``all_in``. In CSV, a cell a spreadsheet would
execute (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'``
(:func:`coalitions.model.textsafe.spreadsheet_cell`).
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from ..model import Corpus, MissingDependency, spreadsheet_cell
from .rows import BUILDERS, COLUMNS

__all__ = ["COLUMNS", "Table", "to_csv", "to_dataframe", "to_records"]

Table = Literal["signatures", "memberships", "organisations", "people", "declarations", "sources", "metrics"]


def _options(table: str, window: str | None, expand: bool | None) -> dict[str, Any]:
    if table not in COLUMNS:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(COLUMNS)}")
    if table != "metrics" and (window is not None or expand is not None):
        raise ValueError("window and expand are options of the metrics table")
    options: dict[str, Any] = {}
    if window is not None:
        options["window"] = window
    if expand is not None:
        options["expand"] = expand
    return options


def to_records(corpus: Corpus, table: Table = "signatures", *, window: str | None = None,
               expand: bool | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """One dict per row of ``table``, keys in :data:`COLUMNS` order.

    Signatures are in declaration date order, memberships by organisation and member, the other records by id
    (declarations by date), metrics by window. Several values of a field (source ids, aliases) are joined with
    ``"; "``. For ``metrics``, ``window`` (``year`` or ``quarter``, default year) and ``expand`` (count a council's
    signature as its members', default True) are passed to :func:`coalitions.metric_series`.

    >>> from coalitions import Citation, Corpus, Membership
    >>> to_records(Corpus(memberships=[Membership("council", "party", (Citation("doc"),))]), "memberships")[0]["member"]
    'party'
    """
    options = _options(table, window, expand)
    return BUILDERS[table](corpus, **options)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, (int, float)) else spreadsheet_cell(value)


def to_csv(corpus: Corpus, table: Table = "signatures", *, window: str | None = None,
           expand: bool | None = None) -> str:  # fmt: skip
    """``table`` as CSV text: a header row, then one row per record; formula-like cells neutralised.

    Empty cells are empty strings (a metric undefined in a window too), booleans ``true`` and ``false``. Rows end
    with ``\\r\\n`` as RFC 4180 says; read it back with the csv module.
    """
    records = to_records(corpus, table, window=window, expand=expand)
    out = io.StringIO()
    writer = csv.writer(out)
    columns = COLUMNS[table]
    writer.writerow(columns)
    for row in records:
        writer.writerow([_csv_cell(row[c]) for c in columns])
    return out.getvalue()


def to_dataframe(corpus: Corpus, table: Table = "signatures", *, window: str | None = None,
                 expand: bool | None = None) -> Any:  # fmt: skip
    """``table`` as a ``pandas.DataFrame`` (columns in :data:`COLUMNS` order; missing values are None, or NaN in
    a column of numbers), for any table of :func:`to_records`.

    Needs pandas: ``pip install "coalitions[pandas]"``.
    """
    records = to_records(corpus, table, window=window, expand=expand)
    try:
        import pandas
    except ImportError:
        raise MissingDependency('to_dataframe needs pandas: pip install "coalitions[pandas]"') from None
    return pandas.DataFrame.from_records(records, columns=list(COLUMNS[table]))
