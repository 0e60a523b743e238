"""Checks across a whole corpus: references, duplicate ids and names, membership cycles, dates out of lifetime.

:func:`check` works on model objects only; a ``locate`` callback (the loader's) turns a record and a field path
into ``(file, line, column)``, so the problems it returns are located like any other.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ..model import (
    Citation,
    Corpus,
    DateClaim,
    Membership,
    Organisation,
    Person,
    Problem,
    Settings,
    Status,
    When,
    normalise_name,
)
from .coherence import check_coherence
from .screen import LOOK_ALIKES, describe_character, mixed_script

__all__ = ["Locate", "RecordKey", "check"]

#: ``("organisation", id)``, ``("person", id)``, ``("declaration", id)``, ``("source", id)`` or
#: ``("membership", organisation id, index in that organisation's file)``.
RecordKey = tuple[str, ...]
Locate = Callable[[RecordKey, str], tuple[str, int, int]]


def _keyed(memberships: Sequence[Membership]) -> tuple[tuple[RecordKey, Membership], ...]:
    """Each membership with its record key ``("membership", organisation, index in that organisation's file)``."""
    counters: dict[str, int] = {}
    keyed = []
    for membership in memberships:
        index = counters.get(membership.organisation, 0)
        counters[membership.organisation] = index + 1
        keyed.append((("membership", membership.organisation, str(index)), membership))
    return tuple(keyed)


def _names(record: Organisation | Person) -> list[tuple[str, str]]:
    """``(field, name)`` of every name of an organisation or person."""
    fields = [("name", record.name)]
    if isinstance(record, Organisation):
        fields += [(f"abbreviations[{i}]", a) for i, a in enumerate(record.abbreviations)]
    return fields + [(f"aliases[{i}]", a.text) for i, a in enumerate(record.aliases)]


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


#: Unknown references that get a "did you mean" (each compares the id with every name of a large corpus).
_MAX_SUGGESTED = 50


def _nowhere(key: RecordKey, field: str) -> tuple[str, int, int]:
    return ("", 0, 0)


class _Checker:
    def __init__(
        self, corpus: Corpus, locate: Locate, memberships: Sequence[Membership] | None, unreadable: frozenset[str],
        keyed: Sequence[tuple[RecordKey, Membership]] | None = None,
    ) -> None:
        self.unreadable = unreadable
        self.suggestions_left = _MAX_SUGGESTED
        self.corpus = corpus
        self.located_memberships = tuple(keyed) if keyed is not None else \
            _keyed(memberships if memberships is not None else corpus.memberships)  # fmt: skip
        self.locate = locate
        self.problems: list[Problem] = []
        self.org_ids = {o.id for o in corpus.organisations}
        self.person_ids = {p.id for p in corpus.people}
        self.source_ids = {s.id for s in corpus.sources}
        self.orgs = {o.id: o for o in corpus.organisations}
        #: Of each organisation with a founding or dissolution claim: its earliest possible founding day and its
        #: latest possible dissolution day (None without such claims). A date is certainly before every founding
        #: claim when it ends before the first, and certainly after every dissolution claim when it starts after
        #: the last.
        self.lifetimes = {o.id: (min(c.date.earliest for c in o.founded) if o.founded else None,
                                 max(c.date.latest for c in o.dissolved) if o.dissolved else None)
                          for o in corpus.organisations if o.founded or o.dissolved}  # fmt: skip
        #: The ids a reference of each kind may name (``"organisation|person"``: either).
        self.known = {"organisation": self.org_ids, "person": self.person_ids, "source": self.source_ids,
                      "organisation|person": self.org_ids | self.person_ids}  # fmt: skip

    def report(self, key: RecordKey, field: str, message: str, severity: str = "error", code: str = "") -> None:
        file, line, column = self.locate(key, field)
        shown = f"members[{key[2]}].{field}" if key[0] == "membership" else field
        self.problems.append(Problem(message, file, line, column, shown, severity, code))

    # -- references ---------------------------------------------------------------------------------------------

    def reference(self, key: RecordKey, field: str, value: str | None, kinds: str) -> None:
        if value is None or value in self.known[kinds] or value in self.unreadable:
            return
        types = {"organisation": Organisation, "person": Person}
        suggestions: list[str] = []
        self.suggestions_left -= 1
        for kind in kinds.split("|") if self.suggestions_left >= 0 else ():
            if kind == "source":
                lowered = {s.lower(): s for s in self.source_ids}
                suggestions += [lowered[value.lower()]] if value.lower() in lowered else []
                suggestions += difflib.get_close_matches(value, sorted(self.source_ids), n=2, cutoff=0.6)
            else:
                suggestions += self.corpus.suggest(value, types[kind])
        suggestions = list(dict.fromkeys(suggestions))[:3]
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        what = " or ".join(kinds.split("|"))
        foreign = next((c for c in value if ord(c) > 127), None)  # a look-alike or accented letter is invisible
        note = f" ({foreign!r} is {unicodedata.name(foreign, f'U+{ord(foreign):04X}')})" if foreign else ""
        self.report(key, field, f"unknown {what} id {value!r}{note}{hint}", code="unknown-reference")

    def citations(self, key: RecordKey, field: str, citations: tuple[Citation, ...], required: bool = True) -> None:
        if required and not citations:
            self.report(key, field, "no sources: every claim needs at least one citation", code="no-source")
        known, unreadable = self.source_ids, self.unreadable
        for i, citation in enumerate(citations):
            if citation.source not in known and citation.source not in unreadable:  # the field is named only then
                self.reference(key, f"{field}[{i}].source", citation.source, "source")

    def date_claims(self, key: RecordKey, field: str, claims: tuple[DateClaim, ...]) -> None:
        for i, claim in enumerate(claims):
            self.citations(key, f"{field}[{i}].sources", claim.sources, required=False)
            for j, who in enumerate(claim.by):
                self.reference(key, f"{field}[{i}].by[{j}]", who, "organisation|person")

    # -- lifetimes ----------------------------------------------------------------------------------------------

    def lifetime(self, key: RecordKey, field: str, org_id: str | None, when: When | None, what: str) -> None:
        bounds = self.lifetimes.get(org_id or "")
        if bounds is None or when is None:
            return
        organisation = self.orgs[org_id or ""]
        if bounds[0] is not None and when.latest < bounds[0]:  # before every founding claim
            founded = " or ".join(str(c.date) for c in organisation.founded)
            self.report(key, field, f"{what} {when} is before {org_id} was founded ({founded})", "warning",
                        "before-founding")  # fmt: skip
        if bounds[1] is not None and bounds[1] < when.earliest:  # after every dissolution claim
            dissolved = " or ".join(str(c.date) for c in organisation.dissolved)
            self.report(key, field, f"{what} {when} is after {org_id} was dissolved ({dissolved})", "warning",
                        "after-dissolution")  # fmt: skip

    # -- the checks ---------------------------------------------------------------------------------------------

    def ids(self) -> None:
        seen: dict[str, str] = {}
        kinds = (
            ("organisation", self.corpus.organisations),
            ("person", self.corpus.people),
            ("declaration", self.corpus.declarations),
            ("source", self.corpus.sources),
        )
        folded: dict[str, tuple[str, str]] = {}
        for kind, records in kinds:
            for record in records:
                if record.id in seen:
                    self.report((kind, record.id), "id",
                                f"id {record.id!r} is used by {_a(seen[record.id])} and {_a(kind)}", code="duplicate-id")  # fmt: skip
                    continue
                seen[record.id] = kind
                similar = folded.get(record.id.replace("-", ""))
                if similar is not None and similar[1] != record.id:
                    self.report((kind, record.id), "id",
                                f"id {record.id!r} differs from {similar[1]!r} only by hyphens", code="similar-id")  # fmt: skip
                folded.setdefault(record.id.replace("-", ""), (kind, record.id))

    def names(self) -> None:
        named = [(kind, record, field, name)
                 for kind, records in (("organisation", self.corpus.organisations), ("person", self.corpus.people))
                 for record in records for field, name in _names(record)]  # fmt: skip
        owner: dict[tuple[str, str], str] = {}
        for kind, record, field, name in named:
            first = owner.setdefault((kind, normalise_name(name)), record.id)
            if first != record.id:
                severity = "error" if kind == "organisation" else "warning"
                self.report((kind, record.id), field,
                            f"name {name!r} is also a name of {kind} {first!r}; a name may belong to one "
                            f"{kind} only", severity, "duplicate-name")  # fmt: skip
        self.look_alikes(named)

    def look_alikes(self, named: list[tuple[str, Any, str, str]]) -> None:
        """A name with a Cyrillic or Greek letter among Latin ones: an error where it then looks like another
        organisation's name (a second organisation made by mistake), else a warning."""
        odd = [(kind, record, field, name, char) for kind, record, field, name in named
               if (char := mixed_script(name)) is not None]  # fmt: skip
        if not odd:
            return
        looks: dict[str, tuple[str, str, str]] = {}
        for kind, record, _, name in named:
            if mixed_script(name) is None:
                looks.setdefault(normalise_name(name.translate(LOOK_ALIKES)), (kind, record.id, name))
        for kind, record, field, name, char in odd:
            twin = looks.get(normalise_name(name.translate(LOOK_ALIKES)))
            letter = describe_character(char)
            if twin is not None and twin[1] != record.id:
                severity = "error" if kind == twin[0] == "organisation" else "warning"
                self.report((kind, record.id), field,
                            f"name {name!r} has {letter} among Latin letters: it looks like {twin[2]!r}, a name of "
                            f"{twin[0]} {twin[1]!r}, but is not the same text; write the Latin letter (or use "
                            f"{twin[1]!r})", severity, "look-alike")  # fmt: skip
            else:
                self.report((kind, record.id), field,
                            f"name {name!r} has {letter} among Latin letters; write the Latin letter if that was "
                            "meant", "warning", "mixed-script")  # fmt: skip

    def sources(self) -> None:
        for source in self.corpus.sources:
            key = ("source", source.id)
            if source.url is not None:
                try:
                    parts = urlsplit(source.url)
                except ValueError:  # "http://[" and other malformed hosts
                    parts = urlsplit("")
                if parts.scheme not in ("http", "https") or not parts.netloc:
                    self.report(key, "url", f"{source.url!r} is not an http or https URL", code="url")
            if source.file is not None:
                if source.file.startswith("/") or ".." in source.file.split("/") or "\\" in source.file:
                    self.report(key, "file", f"{source.file!r} must be a relative path: texts/NAME in the corpus's "
                                "texts/ folder, or a path inside the shared material", code="file")  # fmt: skip

    def organisations(self) -> None:
        for organisation in self.corpus.organisations:
            key = ("organisation", organisation.id)
            self.citations(key, "sources", organisation.sources)
            for field in ("founded", "dissolved", "proposed"):
                self.date_claims(key, field, getattr(organisation, field))
            self.reference(key, "parent", organisation.parent, "organisation")
            if organisation.parent == organisation.id:
                self.report(key, "parent", "an organisation cannot be its own parent", code="cycle")
            for i, relation in enumerate(organisation.relations):
                self.reference(key, f"relations[{i}].organisation", relation.organisation, "organisation")
                self.citations(key, f"relations[{i}].sources", relation.sources)

    def people(self) -> None:
        for person in self.corpus.people:
            self.citations(("person", person.id), "sources", person.sources)

    def memberships(self) -> None:
        seen: set[tuple[str, str, str, str, str]] = set()
        for key, membership in self.located_memberships:
            self.reference(key, "organisation", membership.organisation, "organisation")
            self.reference(key, "member", membership.member, "organisation|person")
            self.reference(key, "on_behalf_of", membership.on_behalf_of, "organisation|person")
            self.citations(key, "sources", membership.sources)
            self.citations(key, "contradicted_by", membership.contradicted_by, required=False)
            self.disputed(key, membership.status, membership.contradicted_by)
            if membership.member == membership.organisation:
                self.report(key, "member", f"{membership.member!r} cannot be a member of itself", code="cycle")
            if membership.start and membership.end and membership.end.is_before(membership.start):
                self.report(key, "end", f"end {membership.end} is before start {membership.start}", code="date-order")
            identity = (membership.organisation, membership.member, membership.role,
                        str(membership.start), str(membership.status))  # fmt: skip
            if identity in seen:
                self.report(key, "member", f"{membership.member!r} is listed twice with the same role, start and "
                            "status", code="duplicate-membership")  # fmt: skip
            seen.add(identity)
            for date_field in ("start", "end"):
                when = getattr(membership, date_field)
                self.lifetime(key, date_field, membership.organisation, when, f"membership {date_field}")
                self.lifetime(key, date_field, membership.member, when, f"membership {date_field}")

    def disputed(self, key: RecordKey, status: Status, against: tuple[Citation, ...]) -> None:
        if status is Status.DISPUTED and not against:
            self.report(key, "contradicted_by", "status is disputed but contradicted_by is empty: cite the "
                        "sources on the other side", "warning", "dispute-unsourced")  # fmt: skip

    def declarations(self) -> None:
        # A field's name is made only where something is checked there: a corpus of 10,000 declarations has some
        # 200,000 signatures, and most of their fields are absent or name a known id, with one known source.
        anyone, known, lifetimes = self.known["organisation|person"], self.source_ids, self.lifetimes
        for declaration in self.corpus.declarations:
            key = ("declaration", declaration.id)
            self.citations(key, "sources", declaration.sources)
            self.date_claims(key, "date", declaration.dates)
            when = declaration.date
            for i, signature in enumerate(declaration.signatures):
                signer = signature.signer
                if signer is None and signature.as_printed is None:
                    self.report(key, f"signatures[{i}]", "a signature needs a signer or an as_printed name",
                                code="missing")  # fmt: skip
                if signer not in anyone:
                    self.reference(key, f"signatures[{i}].signer", signer, "organisation|person")
                if signature.on_behalf_of is not None:
                    self.reference(key, f"signatures[{i}].on_behalf_of", signature.on_behalf_of,
                                   "organisation|person")  # fmt: skip
                sources = signature.sources
                if len(sources) != 1 or sources[0].source not in known:
                    self.citations(key, f"signatures[{i}].sources", sources)
                if signature.contradicted_by:
                    self.citations(key, f"signatures[{i}].contradicted_by", signature.contradicted_by,
                                   required=False)  # fmt: skip
                if signature.status is Status.DISPUTED:
                    self.disputed(key, signature.status, signature.contradicted_by)
                if signature.printed_members:
                    if signer not in self.org_ids:
                        self.report(key, f"signatures[{i}].printed_members", "printed_members belong to a "
                                    "signature by an organisation (a council)", code="printed-members")  # fmt: skip
                    for j, printed in enumerate(signature.printed_members):
                        self.reference(key, f"signatures[{i}].printed_members[{j}].member", printed.member,
                                       "organisation|person")  # fmt: skip
                if signer in lifetimes:
                    self.lifetime(key, f"signatures[{i}].signer", signer, when, "signed on")
            for i, count in enumerate(declaration.counts):
                self.citations(key, f"counts[{i}].sources", count.sources)

    def cycles(self) -> None:
        """Cycles through memberships and printed member lists (a council printed as a member of its member)."""
        edges: dict[str, list[tuple[str, RecordKey, str]]] = {}
        for key, membership in self.located_memberships:
            if membership.member in self.org_ids and membership.member != membership.organisation and \
                    membership.status not in (Status.DENIED, Status.DECLINED):
                edges.setdefault(membership.organisation, []).append((membership.member, key, "member"))
        for declaration in self.corpus.declarations:
            for i, signature in enumerate(declaration.signatures):
                for j, printed in enumerate(signature.printed_members):
                    if signature.signer in self.org_ids and printed.member in self.org_ids and \
                            printed.status not in (Status.DENIED, Status.DECLINED):
                        edges.setdefault(signature.signer, []).append(  # type: ignore[arg-type]
                            (printed.member, ("declaration", declaration.id),
                             f"signatures[{i}].printed_members[{j}].member"))  # fmt: skip
        reported: set[frozenset[str]] = set()
        state: dict[str, int] = {}
        for root in sorted(edges):
            if state.get(root):
                continue
            path = [root]
            stack = [iter(edges.get(root, ()))]
            state[root] = 1
            while stack:
                child = next(stack[-1], None)
                if child is None:
                    state[path.pop()] = 2
                    stack.pop()
                    continue
                member, key, field = child
                if state.get(member) == 1:
                    cycle = path[path.index(member):] + [member]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        message = "membership cycle: " + " → ".join(cycle) + "; a council cannot contain itself"
                        self.report(key, field, message, code="cycle")
                elif not state.get(member):
                    state[member] = 1
                    path.append(member)
                    stack.append(iter(edges.get(member, ())))


def check(
    corpus: Corpus,
    locate: Locate | None = None,
    memberships: Sequence[Membership] | None = None,
    unreadable: frozenset[str] = frozenset(),
    *,
    keyed: Sequence[tuple[RecordKey, Membership]] | None = None,
    references: Sequence[tuple[RecordKey, str, str, str]] = (),
    settings_files: Sequence[tuple[RecordKey, Settings]] = (),
) -> list[Problem]:
    """Every cross-record problem of ``corpus`` (errors and warnings), located with ``locate`` when given.

    ``memberships`` is the corpus's memberships in file order (each organisation's file top to bottom), which is
    what the index in a membership's record key counts; by default, the corpus's own order. ``unreadable`` holds
    the ids of records that exist but could not be read (their own errors are reported): references to them are
    not reported again. ``keyed`` gives the memberships with their record keys instead (the loader's, which know
    the file each came from). ``references`` holds ``(record key, field, id, kinds)`` of references read from
    records that are not in the corpus because they did not read cleanly (:func:`coalitions.files.salvage.references`):
    they are checked like the corpus's own. ``settings_files`` holds ``(record key, settings)`` of each
    ``corpus.yaml`` read, for the problems of its scopes (:func:`coalitions.files.coherence.check_coherence`).
    """
    checker = _Checker(corpus, locate or _nowhere, memberships, unreadable, keyed)
    for step in (checker.ids, checker.names, checker.sources, checker.organisations, checker.people,
                 checker.memberships, checker.declarations, checker.cycles):  # fmt: skip
        step()
    for key, field, value, kinds in references:
        checker.reference(key, field, value, kinds)
    check_coherence(checker, settings_files)
    return checker.problems

