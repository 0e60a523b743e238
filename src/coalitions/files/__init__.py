"""Corpus folders on disk: strict reading, the checks across records, and canonical, atomic writing.

Bytes to located plain values (``parse``), plain values to records (``reader``), the cross-record checks
(``checks``), what a corpus folder holds and how its files are read (``disk``), loading a folder (``loader``, with
its in-process ``cache``), the canonical YAML writer (``dump``), ``fmt`` (``edit``) with what it keeps of a file's
layout (``layout``), ``new`` (``new``), every write (``atomic``) and the JSON Schemas of the file kinds (``schema``).
Imports the model only.
"""

from __future__ import annotations

from ..model import lazy_exports

#: What the other rooms may use, by the module that defines it (imported when first asked for).
_EXPORTS = {
    "CannotWrite": "atomic",
    "remove_stale": "atomic",
    "write_atomic": "atomic",
    "write_output": "atomic",
    "LoadCache": "cache",
    "default_cache": "cache",
    "Locate": "checks",
    "RecordKey": "checks",
    "check": "checks",
    "Line": "dump",
    "corpus_files": "dump",
    "dump_record": "dump",
    "emit": "dump",
    "quote": "dump",
    "render": "dump",
    "to_data": "dump",
    "write_corpus": "dump",
    "FOLDERS": "disk",
    "ROOT_FILES": "disk",
    "is_corpus": "disk",
    "EditError": "edit",
    "Formatted": "edit",
    "fmt_file": "edit",
    "fmt_paths": "edit",
    "format_text": "edit",
    "NEW_KINDS": "new",
    "new_file": "new",
    "new_record": "new",
    "new_text": "new",
    "Limits": "limits",
    "bundled_data_path": "loader",
    "load": "loader",
    "load_file": "loader",
    "LocDict": "parse",
    "LocList": "parse",
    "ParseFailure": "parse",
    "parse_yaml": "parse",
    "ID_PATTERN": "reader",
    "RENAMES": "reader",
    "Reader": "reader",
    "yaml_fields": "reader",
    "FIELD_HELP": "schema",
    "KINDS": "schema",
    "SCHEMA_DIR": "schema",
    "file_schema": "schema",
    "schema_path": "schema",
    "schema_text": "schema",
    "write_schemas": "schema",
    "ARABIC_SCRIPT": "screen",
    "FORBIDDEN": "screen",
    "JOINERS": "screen",
    "Loader": "screen",
    "Mark": "screen",
    "NULLS": "screen",
    "check_bytes": "screen",
    "count_values": "screen",
    "escaped_characters": "screen",
    "event_mark": "screen",
    "line_col": "screen",
    "too_deep": "screen",
    "too_large": "screen",
    "too_many": "screen",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
