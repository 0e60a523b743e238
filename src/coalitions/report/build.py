"""The report's content, built from a corpus and filters: summary, declarations, organisations, councils, overlap,
unity and warnings, each a :class:`~coalitions.report.document.Section`.

Every section asks the analysis for what it shows (who each declaration counts, how many declarations count each
organisation, the councils each belongs to "now", compositions and changes, overlap, co-signing and the metrics),
under the report's scope and roles, and says what it counted. Nothing here formats text:
:mod:`coalitions.report.formats` turns a :class:`Report` into text, Markdown, HTML, JSON or CSV. The councils
section is built in :mod:`.section_councils`, the overlap and unity sections in :mod:`.section_overlap`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..model import Corpus, Declaration, Signature, SignatureRole, Status, Tier, When, gc_paused
from .document import Cell, Report, Section, Table, councils_word, date_cells, range_cells
from .selection import Filters, Selection, select

__all__ = ["build_report", "declaration_claims", "roles_text"]


@gc_paused
def build_report(corpus: Corpus, filters: Filters | None = None) -> Report:
    """The report on ``corpus`` under ``filters``: summary, declarations, organisations, councils, overlap,
    unity and warnings.

    Raises :class:`~coalitions.model.errors.NotFound` when the council, organisation or scope of the filters is
    unknown.
    """
    from ..analysis import choose_scope, councils_on

    asked = filters or Filters()
    filters = asked.resolved(corpus)
    choose_scope(corpus, filters.scope)  # an unknown scope: NotFound, before any work
    declarations = select(corpus, filters)
    belongs = councils_on(corpus, filters.now, expand=filters.expand) if filters.now is not None else {}
    from .section_councils import councils_section
    from .section_overlap import overlap_section, unity_section

    sections = (
        _summary_section(corpus, declarations, filters, asked.now_reason(corpus)),
        _declarations_section(corpus, declarations, filters),
        _organisations_section(corpus, declarations, filters, belongs),
        councils_section(corpus, filters, belongs),
        overlap_section(corpus, declarations, filters),
        unity_section(corpus, declarations, filters),
        _warnings_section(corpus),
    )
    from .charts_data import with_chart_data  # the explorer's chart-data tables (report/charts_data.py)

    sections = with_chart_data(sections, corpus, declarations, filters)
    return Report("Coalitions report", sections, filters.described())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- summary ---------------------------------------------------------------------------------------------------


def roles_text(corpus: Corpus, roles: tuple[str, ...] | None) -> str:
    """What the figures count, by the tiers of the corpus's vocabulary (or the ``roles`` asked for)."""
    if roles is not None:
        return f"Counted: the roles and tiers asked for ({', '.join(roles)}), in every figure."
    vocabulary = corpus.vocabulary
    words = {tier: ", ".join(w for w in vocabulary.words("signature_roles") if vocabulary.tier(w) is tier)
             for tier in Tier}  # fmt: skip
    return (f"Counted: who signed a document ({words[Tier.SIGNED]}); who signed or took part in an event (also "
            f"{words[Tier.TOOK_PART]}); never who hosted ({words[Tier.HOSTED]}) or was invited "
            f"({words[Tier.INVITED]}): organisers are shown as organisers, never counted as signers.")  # fmt: skip


_REPRESENTATION = (
    "Representation: a person who signed or attended for an organisation (on behalf of it) counts as that "
    "organisation, once however many came for it; a person who came in their own name counts as themselves, among "
    "people, never mixed with organisations (even one who leads a party: the sources do not say they spoke for it)."
)

_UNCERTAIN = (
    "An uncertain claim is a claim the sources leave open: a disputed or unclear signature, printed member or "
    "membership; the undated members of a council resting on the same sources (one claim: that list held at the "
    "date asked, or not); a membership, or a scope entry, whose dates leave it open on a date asked (a claim of that "
    "date only, so a window of the unity table may depend on some not counted here). Each is counted once, and "
    "every figure of this report is a range over the readings of the claims it depends on."
)

_CLAIM_KINDS = (("signature", "signature", "signatures"), ("printed", "printed member", "printed members"),
                ("membership", "membership", "memberships"),
                ("undated", "group of undated memberships", "groups of undated memberships"))  # fmt: skip


def _summary_section(corpus: Corpus, selection: Selection, filters: Filters, reason: str) -> Section:
    from ..analysis import choose_scope, corpus_claims, scope_label

    declarations = selection.declarations
    lines = [f"Corpus: {corpus.summary()}."]
    if declarations:
        first, last = declarations[0].date, max(declarations, key=lambda d: d.date.latest).date
        lines.append(f"This report: {len(declarations)} declarations from {first} to {last}.")
    else:
        lines.append("This report: no declarations match the filters.")
    lines.append(f"Who counts: {scope_label(choose_scope(corpus, filters.scope))}.")
    lines += [roles_text(corpus, filters.roles), _REPRESENTATION]
    word = councils_word(corpus)
    if filters.now is not None:
        lines.append(f"Now: {filters.now} ({reason}): the {word} each organisation belongs to, and their members, "
                     "are those of that date.")  # fmt: skip
    lines.append(f"{_capital(word)}: {len(corpus.councils)}.")
    claims = corpus_claims(corpus, [d.id for d in declarations])
    kinds = Counter(k[0] for k in claims)
    parts = ", ".join(f"{kinds[k]} {one if kinds[k] == 1 else many}" for k, one, many in _CLAIM_KINDS if kinds[k])
    lines.append(f"Uncertain claims: {len(claims)}" + (f" ({parts})." if parts else ".") + f" {_UNCERTAIN}")
    dated = sum(1 for d in declarations if d.date_disputed)
    if dated:
        lines.append(f"Declarations whose sources give different dates: {dated} (each placed by its earliest possible "
                     "day; the other dates are listed).")  # fmt: skip
    unknown, partial = selection.unknown, [d for d in declarations if str(selection.counted[d.id].status) == "partial"]
    lines.append(f"Lists: {len(unknown)} declarations name no organisation that counts (their list of organisations "
                 "is unknown): they are left out of every figure, never read as nobody; "
                 f"{len(partial)} have a partial list (what they list is a lower bound of who came).")  # fmt: skip
    rows = []
    for d in declarations:
        counted = selection.counted[d.id]
        if str(counted.status) != "complete":
            rows.append((d.id, d.title, d.date.to_text(), str(d.kind), str(counted.status),
                         str(counted.people_status)))  # fmt: skip
    table = Table("lists", "Declarations whose list of organisations is not complete",
                  ("id", "title", "date", "kind", "organisations listed", "people listed"), tuple(rows),
                  shown=("date", "title", "kind", "organisations listed", "people listed"),
                  note="unknown: the declaration names no organisation that counts (left out of every figure); "
                  "partial: it names some of them (a lower bound). People: those who came in their own name.")
    return Section("summary", "Summary", (table,), lines=tuple(lines))  # fmt: skip


# -- declarations ------------------------------------------------------------------------------------------------


def _signer_label(corpus: Corpus, signature: Signature) -> str:
    return signature.as_printed or (corpus.name_of(signature.signer) if signature.signer else "?")


def _signature_text(corpus: Corpus, signature: Signature) -> str:
    extra = [str(signature.role)] if signature.role != SignatureRole.SIGNATORY else []
    if signature.status is not Status.ASSERTED:
        extra.append(str(signature.status))
    if signature.on_behalf_of:
        extra.append(f"for {corpus.name_of(signature.on_behalf_of)}")
    label = _signer_label(corpus, signature)
    if signature.title or signature.affiliation:
        label += ", " + ", ".join(x for x in (signature.title, signature.affiliation) if x)
    return f"{label} ({', '.join(extra)})" if extra else label


def declaration_claims(corpus: Corpus, declaration: Declaration) -> tuple[str, ...]:
    """The uncertain claims of a declaration (its signatures and printed members), named for a reader."""
    from ..analysis import describe_claim, signature_claims

    mine = signature_claims(declaration)
    return tuple(describe_claim(corpus, k) for k in sorted(mine, key=lambda k: tuple(int(x) for x in k[2:])))


def _represented(corpus: Corpus, represented: Iterable[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    return tuple(f"{corpus.name_of(unit)} (by {', '.join(corpus.name_of(p) for p in people)})"
                 for unit, people in represented)  # fmt: skip


def _declarations_section(corpus: Corpus, selection: Selection, filters: Filters) -> Section:
    rows = []
    for declaration in selection.declarations:
        counted = selection.counted[declaration.id]
        counts = tuple(f"{'~' if c.approximate else ''}{c.number} {c.of}" for c in declaration.counts)
        printed = tuple(_signature_text(corpus, s) for s in declaration.signatures) + counts
        added = tuple(sorted(corpus.name_of(i) for i in counted.expanded - counted.organisations))
        rows.append((
            *date_cells(declaration), declaration.id, declaration.title, str(declaration.kind),
            printed + tuple(f"+ {name}" for name in added), printed,
            tuple(sorted(corpus.name_of(i) for i in counted.organisations)), _represented(corpus, counted.represented),
            added, str(counted.status), str(counted.people_status), declaration_claims(corpus, declaration),
        ))  # fmt: skip
    table = Table(
        "declarations",
        "Declarations in date order",
        ("date", "earliest", "latest", "other dates", "id", "title", "kind", "signatories", "signatories as printed",
         "organisations counted", "represented", "added by expanding councils", "organisations listed",
         "people listed", "uncertain claims"),
        tuple(rows),
        shown=("date", "other dates", "title", "kind", "signatories", "organisations listed", "uncertain claims"),
        note="Signatories as printed; roles other than signatory, statuses other than asserted and whom a person "
        "signed for in brackets; + marks a member added by expanding a council that signed (its printed members, "
        "else its members then). Organisations listed: whether the list of organisations is complete, partial or "
        "unknown. Other dates: dates other sources give.",
    )  # fmt: skip
    return Section("declarations", "Declarations", (table,))


# -- organisations and people ------------------------------------------------------------------------------------


def _belongs_text(corpus: Corpus, items: Iterable[tuple[str, Any]]) -> tuple[str, ...]:
    """Each council a member belongs to now, with its certainty and status when not certain and asserted."""
    found = []
    for council, member in items:
        marks = [m for m in (member.certainty if member.certainty != "certain" else "",
                             str(member.status) if member.status is not Status.ASSERTED else "") if m]  # fmt: skip
        found.append(corpus.name_of(council) + (f" ({', '.join(marks)})" if marks else ""))
    return tuple(sorted(found))


def _seen(selection: Selection, units: Any) -> tuple[dict[str, When], dict[str, When]]:
    first: dict[str, When] = {}
    last: dict[str, When] = {}
    for declaration in selection.declarations:
        for unit in units(selection.counted[declaration.id]):
            first.setdefault(unit, declaration.date)
            if unit not in last or last[unit].latest <= declaration.date.latest:
                last[unit] = declaration.date
    return first, last


def _organisations_section(corpus: Corpus, selection: Selection, filters: Filters,
                           belongs: dict[str, Any]) -> Section:  # fmt: skip
    from ..analysis import declaration_counts, scope

    ids = [d.id for d in selection.declarations]
    counts = declaration_counts(corpus, ids, scope=filters.scope, roles=filters.roles, expand=filters.expand)
    people_counts = declaration_counts(corpus, ids, scope=filters.scope, roles=filters.roles, level="people")
    first, last = _seen(selection, lambda c: c.units(filters.expand) if c.known else ())
    first_p, last_p = _seen(selection, lambda c: c.people)
    in_scope = scope(corpus, name=filters.scope)
    wanted = _wanted_ids(corpus, filters)

    def row(record_id: str, name: str, kind: str | None, found: Any, seen: tuple[dict[str, When], ...]) -> tuple:
        cells: tuple[Cell, ...] = (record_id, name)
        if kind is not None:
            cells += (kind, record_id in in_scope)
        text, low, high, exact, _ = range_cells(found[record_id], whole=True) if record_id in found else ("0", 0, 0, True, False)
        dates = tuple(str(s[record_id]) if record_id in s else None for s in seen)
        return (*cells, text, low, high, exact, *dates, _belongs_text(corpus, belongs.get(record_id, ())))

    def counted(record_id: str, found: Any) -> bool:
        return record_id in found and found[record_id].high > 0

    orgs = tuple(row(o.id, o.name, str(o.kind), counts, (first, last)) for o in corpus.organisations
                 if (wanted is None or o.id in wanted)
                 and (counted(o.id, counts) or o.id in belongs or wanted is not None))  # fmt: skip
    people = tuple(row(p.id, p.name, None, people_counts, (first_p, last_p)) for p in corpus.people
                   if (wanted is None or p.id in wanted) and (counted(p.id, people_counts) or p.id in belongs))
    individuals = _individuals(selection)
    people += tuple(row(unit, name, None, people_counts, (first_p, last_p)) for unit, name in individuals.items()
                    if wanted is None and counted(unit, people_counts))  # fmt: skip
    word = councils_word(corpus)
    now = f"{word} on {filters.now}" if filters.now is not None else f"{word} now"
    tail = ("declarations", "declarations low", "declarations high", "declarations exact", "first seen", "last seen",
            now)  # fmt: skip
    shown = ("declarations", "first seen", "last seen", now)
    note = (f"Declarations: how many declarations of the report count it (as a range where uncertain claims decide); "
            f"{now}: the {word} it belongs to then, marked possible (its dates leave it open that day), undated (the "
            "sources do not say when) or with its status when not asserted.")  # fmt: skip
    return Section(
        "organisations",
        "Organisations and people",
        (
            Table("organisations", "Organisations", ("id", "name", "kind", "in scope", *tail), orgs, note=note,
                  shown=("name", "kind", "in scope", *shown)),
            Table("people", "People who came in their own name", ("id", "name", *tail), people,
                  shown=("name", *shown),
                  note="People who signed or attended for an organisation count as it (see Organisations); those "
                  "printed without a person record are listed by their printed name (id ~name)."),
        ),
    )  # fmt: skip


def _individuals(selection: Selection) -> dict[str, str]:
    """The individuals without a person record the report counts (id ``~name``), with a printed name."""
    from ..analysis import individual

    found: dict[str, str] = {}
    for declaration in selection.declarations:
        units = selection.counted[declaration.id].people
        for signature in declaration.signatures:
            if signature.signer is None and signature.as_printed and individual(signature.as_printed) in units:
                found.setdefault(individual(signature.as_printed), signature.as_printed)
    return found


def _wanted_ids(corpus: Corpus, filters: Filters) -> set[str] | None:
    """The organisations a filter narrows the organisations table to (None: all)."""
    wanted: set[str] | None = None
    if filters.council is not None:
        wanted = {filters.council, *(m.member for m in corpus.members_of(filters.council))}
    if filters.organisation is not None:
        wanted = (wanted or set()) | {filters.organisation}
    return wanted


def _warnings_section(corpus: Corpus) -> Section:
    rows = tuple((p.location, p.field, p.message) for p in corpus.warnings)
    return Section("warnings", "Validation warnings", (Table("warnings", "Warnings", ("where", "field", "message"),
                                                             rows),))  # fmt: skip
