"""Popolo JSON: export the corpus's organisations, people and memberships, and import a Popolo dataset.

Export (:func:`to_popolo`) writes ``{"organizations": [...], "persons": [...], "memberships": [...]}`` as the
Popolo specification (https://www.popoloproject.com/specs/) describes them:

* an organisation: ``id``, ``name``, ``classification`` (its kind), ``other_names`` (abbreviations with the note
  ``abbreviation``, aliases with ``lang`` and a note), ``founding_date``, ``dissolution_date``, ``parent_id``,
  ``description`` (its notes) and ``sources``;
* a person: ``id``, ``name``, ``other_names``, ``sources``;
* a membership: ``organization_id``, the member as ``person_id`` or, for an organisation in an organisation, as
  ``member: {"@type": "Organization", "id": ...}``, ``role``, ``start_date``, ``end_date``, ``on_behalf_of_id``,
  ``label`` (the status when it is not ``asserted``, such as ``disputed``) and ``sources``.

Popolo dates are ISO 8601 at the precision of a year, a month or a day. A date of ours that is a range (a Solar
Hijri month), or a field the sources disagree on, is written as the narrowest ISO date holding every reading
(16 or 17 August 2021 is ``2021-08``), and left out when no year holds them all. A source becomes a Popolo link:
its ``url`` (or ``urn:coalitions:source:ID`` when it has none) and a note with its title and the quote.

Import (:func:`from_popolo`) reads such a document back into a :class:`~coalitions.model.corpus.Corpus`. Whatever has
no place in the model is listed in :attr:`PopoloImport.unmapped`, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..files import ID_PATTERN
from ..model import (
    Citation,
    CoalitionsError,
    Corpus,
    DateClaim,
    DateError,
    Membership,
    Name,
    NameKind,
    Organisation,
    OrganisationKind,
    Person,
    Source,
    Status,
    When,
    parse_when,
)

__all__ = ["PopoloError", "PopoloImport", "from_popolo", "to_popolo"]

_URN = "urn:coalitions:source:"


class PopoloError(CoalitionsError, ValueError):
    """A document that is not Popolo JSON (not an object with ``organizations``, ``persons`` or ``memberships``)."""


# -- export -------------------------------------------------------------------------------------------------------


def _enclosing(whens: Iterable[When]) -> str | None:
    """The narrowest ISO date (year, month or day) holding every day of ``whens``, or None."""
    days = [d for w in whens for d in (w.earliest, w.latest)]
    if not days:
        return None
    first, last = min(days), max(days)
    if first.year != last.year:
        return None
    if first.month != last.month:
        return f"{first.year:04d}"
    if first.day != last.day:
        return f"{first.year:04d}-{first.month:02d}"
    return first.isoformat()


def _exact(when: When) -> str | None:
    """A date of ours as Popolo text at the precision we hold."""
    if not when.is_range and when.as_written is None:
        return str(when)
    return _enclosing([when])


class _Exporter:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.sources = {s.id: s for s in corpus.sources}

    def links(self, citations: Iterable[Citation]) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        for citation in citations:
            source = self.sources.get(citation.source)
            url = source.url if source is not None and source.url else _URN + citation.source
            note = source.title if source is not None else citation.source
            if citation.quote:
                note += f': "{citation.quote}"'
            link = {"url": url, "note": note}
            if link not in out:
                out.append(link)
        return out

    @staticmethod
    def other_names(names: Iterable[Name], abbreviations: Iterable[str] = ()) -> list[dict[str, str]]:
        out = [{"name": a, "note": "abbreviation"} for a in abbreviations]
        for name in names:
            item = {"name": name.text}
            if name.lang:
                item["lang"] = name.lang
            note = "; ".join(n for n in (name.kind.value if name.kind is not NameKind.ALIAS else None, name.note) if n)
            if note:
                item["note"] = note
            out.append(item)
        return out

    def organisation(self, organisation: Organisation) -> dict[str, Any]:
        out: dict[str, Any] = {"id": organisation.id, "name": organisation.name,
                               "classification": organisation.kind.value}  # fmt: skip
        other = self.other_names(organisation.aliases, organisation.abbreviations)
        if other:
            out["other_names"] = other
        for key, claims in (("founding_date", organisation.founded), ("dissolution_date", organisation.dissolved)):
            date = _enclosing(c.date for c in claims)
            if date is not None:
                out[key] = date
        if organisation.parent:
            out["parent_id"] = organisation.parent
        if organisation.notes:
            out["description"] = organisation.notes
        out["sources"] = self.links(organisation.sources)
        return out

    def person(self, person: Person) -> dict[str, Any]:
        out: dict[str, Any] = {"id": person.id, "name": person.name}
        other = self.other_names(person.aliases)
        if other:
            out["other_names"] = other
        out["sources"] = self.links(person.sources)
        return out

    def membership(self, membership: Membership, number: int) -> dict[str, Any]:
        out: dict[str, Any] = {"id": f"{membership.organisation}/{membership.member}/{number}",
                               "organization_id": membership.organisation}  # fmt: skip
        if self.corpus.is_organisation(membership.member):
            out["member"] = {"@type": "Organization", "id": membership.member}
        else:
            out["person_id"] = membership.member
        out["role"] = membership.role
        for key, when in (("start_date", membership.start), ("end_date", membership.end)):
            date = _exact(when) if when is not None else None
            if date is not None:
                out[key] = date
        if membership.on_behalf_of:
            out["on_behalf_of_id"] = membership.on_behalf_of
        if membership.status is not Status.ASSERTED:
            out["label"] = membership.status.value
        out["sources"] = self.links(membership.sources)
        return out


def to_popolo(corpus: Corpus) -> dict[str, Any]:
    """The organisations, people and memberships of ``corpus`` as a Popolo JSON document (see the module text).

    >>> from coalitions import Citation, Corpus, Organisation, OrganisationKind
    >>> to_popolo(Corpus([Organisation("nrf", "NRF", OrganisationKind.FRONT, (Citation("facts"),))]))["organizations"]
    [{'id': 'nrf', 'name': 'NRF', 'classification': 'front', 'sources': [{'url': 'urn:coalitions:source:facts', 'note': 'facts'}]}]
    """
    exporter = _Exporter(corpus)
    counters: dict[tuple[str, str], int] = {}
    memberships = []
    for membership in corpus.memberships:
        key = (membership.organisation, membership.member)
        counters[key] = counters.get(key, 0) + 1
        memberships.append(exporter.membership(membership, counters[key]))
    return {
        "persons": [exporter.person(p) for p in corpus.people],
        "organizations": [exporter.organisation(o) for o in corpus.organisations],
        "memberships": memberships,
    }


# -- import -------------------------------------------------------------------------------------------------------


@attrs.frozen
class PopoloImport:
    """What :func:`from_popolo` made of a Popolo document.

    ``corpus`` holds the records; ``unmapped`` one line per field (or value) that has no place in the model, such
    as ``"persons[].birth_date: 12 values not imported"``; ``renamed`` maps Popolo ids that are not coalitions ids
    (``ocd-person/1a2b``) to the ids given instead (``ocd-person-1a2b``).
    """

    corpus: Corpus
    unmapped: tuple[str, ...]
    renamed: dict[str, str]


_ORG_FIELDS = {"id", "name", "other_names", "classification", "founding_date", "dissolution_date", "parent_id",
               "description", "sources"}  # fmt: skip
_PERSON_FIELDS = {"id", "name", "other_names", "summary", "sources"}
_MEMBERSHIP_FIELDS = {"id", "organization_id", "person_id", "member", "role", "start_date", "end_date",
                      "on_behalf_of_id", "label", "sources"}  # fmt: skip


class _Importer:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.sources: dict[str, Source] = {source.id: source}
        self.by_url: dict[str, str] = {}
        self.unmapped: dict[str, list[str]] = {}
        self.renamed: dict[str, str] = {}
        self.taken: set[str] = {source.id}

    def skip(self, where: str, what: str) -> None:
        self.unmapped.setdefault(where, []).append(what)

    def new_id(self, raw: Any, fallback: str) -> str:
        text = raw if isinstance(raw, str) and raw else fallback
        if text in self.renamed:
            return self.renamed[text]
        candidate = text if ID_PATTERN.fullmatch(text) else re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        candidate = candidate or fallback
        unique, n = candidate, 1
        while unique in self.taken:
            n += 1
            unique = f"{candidate}-{n}"
        self.taken.add(unique)
        if unique != text:
            self.renamed[text] = unique
        return unique

    def ref(self, raw: Any) -> str | None:
        if not isinstance(raw, str) or not raw:
            return None
        return self.renamed.get(raw, raw)

    def citations(self, links: Any, where: str) -> tuple[Citation, ...]:
        out = [Citation(self.source.id)]
        for i, link in enumerate(links if isinstance(links, list) else []):
            url = link.get("url") if isinstance(link, dict) else None
            if not isinstance(url, str) or not url:
                self.skip(f"{where}.sources[]", "a source without a url")
                continue
            if url.startswith(_URN) and url[len(_URN):] in self.sources:
                out.append(Citation(url[len(_URN):]))
                continue
            if url not in self.by_url:
                note = link.get("note")
                title = note if isinstance(note, str) and note else url
                source_id = self.new_id(re.sub(r"^https?://(www\.)?", "", url)[:60], f"source-{len(self.sources)}")
                self.sources[source_id] = Source(source_id, title, url=url if url.startswith(("http://", "https://"))
                                                 else None, notes=None if url.startswith("http") else url)  # fmt: skip
                self.by_url[url] = source_id
            citation = Citation(self.by_url[url])
            if citation not in out:
                out.append(citation)
        return tuple(out)

    def when(self, raw: Any, where: str) -> When | None:
        if raw is None or raw == "":
            return None
        try:
            return parse_when(str(raw)[:10])
        except DateError as error:
            self.skip(where, f"date {raw!r} ({error})")
            return None

    def names(self, raw: Any, where: str) -> tuple[list[str], list[Name]]:
        abbreviations, names = [], []
        for item in raw if isinstance(raw, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
                self.skip(f"{where}.other_names[]", "a name that is not text")
                continue
            for key in sorted(set(item) - {"name", "note", "lang"}):
                self.skip(f"{where}.other_names[].{key}", repr(item[key]))
            note = item.get("note") if isinstance(item.get("note"), str) else None
            if note == "abbreviation":
                abbreviations.append(item["name"].strip())
                continue
            kind = NameKind.ALIAS
            if note:
                head, _, rest = note.partition("; ")
                if head in {k.value for k in NameKind}:
                    kind, note = NameKind(head), rest or None
            lang = item.get("lang") if isinstance(item.get("lang"), str) else None
            names.append(Name(item["name"].strip(), lang, kind, note))
        return abbreviations, names

    def extra(self, item: dict[str, Any], known: set[str], where: str) -> None:
        for key in sorted(set(item) - known):
            self.skip(f"{where}.{key}", repr(item[key])[:60])

    def organisation(self, item: dict[str, Any], record_id: str) -> Organisation | None:
        where = "organizations[]"
        self.extra(item, _ORG_FIELDS, where)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            self.skip(f"{where}.name", f"organisation {item.get('id')!r} without a name (not imported)")
            return None
        classification = item.get("classification")
        kinds = {k.value for k in OrganisationKind}
        if isinstance(classification, str) and classification.lower() in kinds:
            kind = OrganisationKind(classification.lower())
        else:
            kind = OrganisationKind.ORGANISATION
            if classification is not None:
                self.skip(f"{where}.classification", f"{classification!r} (imported as kind organisation)")
        abbreviations, aliases = self.names(item.get("other_names"), where)
        founded = self.when(item.get("founding_date"), f"{where}.founding_date")
        dissolved = self.when(item.get("dissolution_date"), f"{where}.dissolution_date")
        description = item.get("description")
        return Organisation(
            record_id, name.strip(), kind,
            self.citations(item.get("sources"), where), tuple(abbreviations), tuple(aliases),
            (DateClaim(founded),) if founded else (), (DateClaim(dissolved),) if dissolved else (),
            parent=self.ref(item.get("parent_id")),
            notes=description.strip() if isinstance(description, str) and description.strip() else None,
        )  # fmt: skip

    def person(self, item: dict[str, Any], record_id: str) -> Person | None:
        where = "persons[]"
        self.extra(item, _PERSON_FIELDS, where)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            self.skip(f"{where}.name", f"person {item.get('id')!r} without a name (not imported)")
            return None
        abbreviations, aliases = self.names(item.get("other_names"), where)
        aliases += [Name(a) for a in abbreviations]
        summary = item.get("summary")
        return Person(record_id, name.strip(),
                      self.citations(item.get("sources"), where), tuple(aliases),
                      summary.strip() if isinstance(summary, str) and summary.strip() else None)  # fmt: skip

    def membership(self, item: dict[str, Any]) -> Membership | None:
        where = "memberships[]"
        self.extra(item, _MEMBERSHIP_FIELDS, where)
        organisation = self.ref(item.get("organization_id"))
        member_ref = item.get("member") if isinstance(item.get("member"), dict) else {}
        member = self.ref(item.get("person_id")) or self.ref(member_ref.get("id"))
        if organisation is None or member is None:
            self.skip(where, f"membership {item.get('id')!r} without organization_id or member (not imported)")
            return None
        label = item.get("label") if isinstance(item.get("label"), str) else None
        status = Status(label) if label in {s.value for s in Status} else Status.ASSERTED
        role = item.get("role") if isinstance(item.get("role"), str) and item["role"].strip() else "member"
        return Membership(
            organisation, member, self.citations(item.get("sources"), where), role.strip(),
            self.when(item.get("start_date"), f"{where}.start_date"), self.when(item.get("end_date"), f"{where}.end_date"),
            status, self.ref(item.get("on_behalf_of_id")),
            note=label if label and status is Status.ASSERTED else None,
        )  # fmt: skip


def from_popolo(data: Any, *, source_id: str = "popolo", source_title: str = "Imported Popolo dataset",
                url: str | None = None) -> PopoloImport:  # fmt: skip
    """Read a Popolo JSON document (organisations, persons, memberships) into a corpus.

    Every record cites the source ``source_id`` (the dataset itself, with ``source_title`` and ``url``) and a
    source for each Popolo link it had. Ids that are not coalitions ids are rewritten (see
    :attr:`PopoloImport.renamed`), references follow. What cannot be mapped is listed in
    :attr:`PopoloImport.unmapped`. The corpus is not checked: write it out and run ``coalitions validate``.
    """
    if not isinstance(data, dict) or not {"organizations", "persons", "memberships"} & set(data):
        raise PopoloError("not Popolo JSON: expected an object with organizations, persons or memberships")
    importer = _Importer(Source(source_id, source_title, url=url))
    for key in sorted(set(data) - {"organizations", "persons", "memberships"}):
        importer.skip(key, "a collection coalitions does not import")
    collections = {key: [i for i in data.get(key) or [] if isinstance(i, dict)]
                   for key in ("organizations", "persons", "memberships")}  # fmt: skip
    assigned = {key: [importer.new_id(item.get("id"), f"{fallback}-{n}") for n, item in enumerate(collections[key], 1)]
                for key, fallback in (("organizations", "organisation"), ("persons", "person"))}  # fmt: skip
    organisations = [r for r in map(importer.organisation, collections["organizations"], assigned["organizations"])
                     if r is not None]  # fmt: skip
    people = [r for r in map(importer.person, collections["persons"], assigned["persons"]) if r is not None]
    memberships = [m for m in (importer.membership(i) for i in collections["memberships"]) if m is not None]
    unmapped = tuple(
        f"{where}: {what[0]}" if len(what) == 1 else f"{where}: {len(what)} values not imported (first: {what[0]})"
        for where, what in sorted(importer.unmapped.items())
    )
    corpus = Corpus(organisations, people, memberships, (), tuple(importer.sources.values()))
    return PopoloImport(corpus, unmapped, dict(importer.renamed))
