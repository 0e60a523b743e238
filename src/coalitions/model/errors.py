"""The one error root of coalitions, and the located problems a corpus can have."""

from __future__ import annotations

import attrs

__all__ = ["CoalitionsError", "InvalidCorpus", "MissingDependency", "NotFound", "Problem"]


class CoalitionsError(Exception):
    """The root of every error coalitions raises on purpose."""


@attrs.frozen
class Problem:
    """One located problem in the input: an error, or a warning that does not stop loading (``severity``
    ``error`` or ``warning``); a ``note`` is neither: what the errors of its file hid (the checks they skipped), or what could not be
    checked (quotes whose source's text is not available).

    ``line`` and ``column`` are 1-based; 0 means the problem belongs to the whole file (or, with no ``file``,
    to the whole corpus). ``field`` is the path inside the record, such as ``signatures[2].role``.
    """

    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    field: str = ""
    severity: str = "error"
    code: str = ""

    @property
    def location(self) -> str:
        """``file:line:column``, shortened where the parts are unknown."""
        if not self.file:
            return "<corpus>"
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.location}: {tag}{field}{self.message}"

    @property
    def sort_key(self) -> tuple[str, bool, int, int, str, str]:
        """Order of reporting: by file, line, column, then field and message; a file's notes after its problems."""
        return (self.file, self.severity == "note", self.line, self.column, self.field, self.message)


class InvalidCorpus(CoalitionsError, ValueError):
    """The input has errors; ``problems`` holds every one of them, sorted by file and line."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=lambda p: p.sort_key))
        super().__init__(self._summary())

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity ``error``."""
        return tuple(p for p in self.problems if p.severity == "error")

    def _summary(self) -> str:
        errors = self.errors
        lines = [f"{len(errors)} error{'s' if len(errors) != 1 else ''} in the corpus:"]
        lines.extend(str(p) for p in errors)
        return "\n".join(lines)


class NotFound(CoalitionsError, KeyError):
    """No record has this id or name; ``suggestions`` lists near matches."""

    def __init__(self, key: str, what: str = "record", suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.what = what
        self.suggestions = suggestions
        super().__init__(key)

    def __str__(self) -> str:
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        return f"no {self.what} with id or name {self.key!r}{hint}"


class MissingDependency(CoalitionsError, ImportError):
    """An optional package a feature needs is not installed; the message says what to install."""
