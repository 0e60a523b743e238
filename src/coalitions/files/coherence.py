"""Checks that a corpus's claims fit together: dated statuses, memberships within their council's life, lists said
complete, and the scopes and vocabulary of ``corpus.yaml``.

Run by :func:`coalitions.files.checks.check` after the references are checked; ``checker`` is its checker (it
reports a problem located at a record key and a field, and checks references).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import ListStatus, Settings, Status, When

__all__ = ["check_coherence"]

_DATED = (Status.DENIED, Status.DECLINED, Status.WITHDRAWN)
#: A scope id that means "everyone" in the analysis.
_RESERVED = "all"


def _status_dates(checker: Any) -> None:
    for key, m in checker.located_memberships:
        if m.status_date is not None and m.status not in _DATED:
            checker.report(key, "status_date", f"status_date is the day a denied, declined or withdrawn status took "
                           f"effect; this membership is {m.status}", code="status-date")  # fmt: skip
        if m.status is Status.WITHDRAWN and m.status_date is not None and m.end is not None and m.end != m.status_date:
            checker.report(key, "end", f"end {m.end} and status_date {m.status_date} differ: a withdrawal ends the "
                           "membership on the day it was withdrawn; give one of them", code="status-date")  # fmt: skip
    for declaration in checker.corpus.declarations:
        key = ("declaration", declaration.id)
        for i, s in enumerate(declaration.signatures):
            if s.status_date is not None and s.status not in (Status.DENIED, Status.WITHDRAWN):
                checker.report(key, f"signatures[{i}].status_date", "status_date is the day a denied or withdrawn "
                               f"status took effect; this signature is {s.status}", code="status-date")  # fmt: skip


def _renamed(checker: Any) -> dict[str, list[tuple[str, When]]]:
    """``organisation -> [(its new name's id, date), ...]`` for the asserted, dated renames of it."""
    found: dict[str, list[tuple[str, When]]] = {}
    for org in checker.corpus.organisations:
        for relation in org.relations:
            asserted = relation.status is Status.ASSERTED and str(relation.kind) == "renamed-from"
            if asserted and relation.date is not None:
                found.setdefault(relation.organisation, []).append((org.id, relation.date))
    return found


def _lives(checker: Any) -> None:
    """A membership never outlives its council: warn where one has no end and the council was dissolved or
    renamed, or ends after it was renamed (the analysis ends it with the dissolution, or the day before the rename:
    the new name has memberships of its own). An end after a dissolution is the checker's lifetime warning."""
    renamed = _renamed(checker)
    for key, m in checker.located_memberships:
        council = checker.orgs.get(m.organisation)
        if council is None or m.status in (Status.DENIED, Status.DECLINED):
            continue
        if council.dissolved:
            ends = [c.date for c in council.dissolved]
            what = "dissolved (" + " or ".join(str(c.date) for c in council.dissolved) + ")"
        elif m.organisation in renamed:
            ends = [date for _, date in renamed[m.organisation]]
            what = "renamed " + " or ".join(f"{new} on {date}" for new, date in renamed[m.organisation])
        else:
            continue
        last = max(w.latest for w in ends)
        if m.end is None:
            checker.report(key, "end", f"no end, and {m.organisation} was {what}: the membership is read as ending "
                           "then", "warning", "outlives-council")  # fmt: skip
        elif m.end.earliest > last and not council.dissolved:
            checker.report(key, "end", f"end {m.end} is after {m.organisation} was {what}: the membership is read "
                           "as ending then", "warning", "outlives-council")  # fmt: skip


def _lists(checker: Any) -> None:
    for declaration in checker.corpus.declarations:
        if declaration.listed is ListStatus.COMPLETE and not declaration.signatures:
            checker.report(("declaration", declaration.id), "listed", "listed complete, but no signature is given: "
                           "a complete list of nobody; leave listed out, or say unknown", "warning",
                           "empty-list")  # fmt: skip


def _settings(checker: Any, files: Sequence[tuple[tuple[str, ...], Settings]]) -> None:
    """The scopes of every ``corpus.yaml``: one default and unique ids across all of them (several folders
    loaded as one corpus), known kinds, known and cited members, dates in order."""
    kinds = set(checker.corpus.vocabulary.words("organisation_kinds"))
    seen: dict[str, str] = {}
    default: str | None = None
    for key, settings in files:
        for i, scope in enumerate(settings.scopes):
            field = f"scopes[{i}]"
            if scope.default:
                if default is not None:
                    checker.report(key, f"{field}.default", f"scope {default!r} is the default already; one scope "
                                   "at most is the default", code="scope")  # fmt: skip
                default = default or scope.id
            if scope.id == _RESERVED:
                checker.report(key, f"{field}.id", f"{_RESERVED!r} is the analysis's word for everyone; choose "
                               "another id", code="scope")  # fmt: skip
            elif scope.id in seen:
                checker.report(key, f"{field}.id", f"scope id {scope.id!r} is used twice (first in "
                               f"{seen[scope.id]})", code="scope")  # fmt: skip
            seen.setdefault(scope.id, key[1])
            for j, kind in enumerate(scope.kinds):
                if kind not in kinds:
                    checker.report(key, f"{field}.kinds[{j}]", f"{kind!r} is not an organisation kind of the "
                                   f"corpus; known: {', '.join(sorted(kinds))}", code="choice")  # fmt: skip
            for j, entry in enumerate(scope.entries):
                entry_field = f"{field}.entries[{j}]"
                checker.reference(key, f"{entry_field}.member", entry.member, "organisation|person")
                checker.citations(key, f"{entry_field}.sources", entry.sources)
                if entry.start is not None and entry.end is not None and entry.end.is_before(entry.start):
                    checker.report(key, f"{entry_field}.end", f"end {entry.end} is before start {entry.start}",
                                   code="date-order")  # fmt: skip


def check_coherence(checker: Any, settings_files: Sequence[tuple[tuple[str, ...], Settings]] = ()) -> None:
    """Every coherence problem of the checker's corpus, reported through ``checker`` (``settings_files``:
    ``(record key, settings)`` of each ``corpus.yaml``, for its scopes' problems)."""
    _status_dates(checker)
    _lives(checker)
    _lists(checker)
    _settings(checker, settings_files)
