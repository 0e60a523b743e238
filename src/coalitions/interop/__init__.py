"""Other formats of a corpus: JSON that reads back, Popolo, CSV tables and DataFrames, graphs.

Imports the model, the files and the analysis.
"""

from __future__ import annotations

from ..model import lazy_exports

#: What the other rooms may use, by the module that defines it (imported when first asked for).
_EXPORTS = {
    "CANNED_QUERIES": "datasette",
    "datasette_metadata": "datasette",
    "GRAPHS": "graph",
    "Graph": "graph",
    "to_gexf": "graph",
    "to_graphml": "graph",
    "to_networkx": "graph",
    "CorpusJSONError": "jsonio",
    "FORMAT": "jsonio",
    "corpus_from_data": "jsonio",
    "corpus_from_json": "jsonio",
    "corpus_to_data": "jsonio",
    "corpus_to_json": "jsonio",
    "make_converter": "jsonio",
    "PopoloError": "popolo",
    "PopoloImport": "popolo",
    "from_popolo": "popolo",
    "to_popolo": "popolo",
    "BUILDERS": "rows",
    "COLUMNS": "rows",
    "METRICS": "rows",
    "Row": "rows",
    "SQLiteExportError": "sqlite",
    "to_sqlite": "sqlite",
    "write_sqlite": "sqlite",
    "from_sqlite": "sqlite_read",
    "SCHEMA": "sqlite_schema",
    "Table": "tables",
    "to_csv": "tables",
    "to_dataframe": "tables",
    "to_records": "tables",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
