"""Every Hypothesis strategy of the test suite: small composable builders, extended with each feature.

Engineers: append new strategies to this module (never a second strategies module).
"""

from __future__ import annotations

import calendar

from hypothesis import strategies as st

from coalitions import Citation, Name, Organisation, OrganisationKind, PartialDate, When

# -- dates -------------------------------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1990, max_year: int = 2030) -> PartialDate:
    """A date known to the year, the month or the day."""
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@st.composite
def whens(draw: st.DrawFn, ranges: bool = True, min_year: int = 1990, max_year: int = 2030) -> When:
    """A single date at any precision, or (with ``ranges``) a range whose end is not before its start."""
    start = draw(partial_dates(min_year, max_year))
    if not ranges or draw(st.booleans()):
        return When(start, start)
    end = draw(partial_dates(min_year=start.year, max_year=max(start.year, max_year)))
    if end.latest < start.earliest:
        end = start
    return When(start, end)


# -- names and organisations ---------------------------------------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
words = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)


@st.composite
def organisations_with_names(draw: st.DrawFn, max_size: int = 6) -> list[Organisation]:
    """Organisations with distinct ids and names, abbreviations and aliases that no two of them share."""
    from coalitions import normalise_name

    org_ids = draw(st.lists(ids, min_size=1, max_size=max_size, unique=True))
    taken = {normalise_name(i) for i in org_ids}
    organisations = []
    for org_id in org_ids:
        own = []
        for name in draw(st.lists(names, min_size=1, max_size=4)):
            key = normalise_name(name)
            if key and key not in taken:
                taken.add(key)
                own.append(name)
        if not own:
            own = [f"Organisation {org_id}"]
            taken.add(normalise_name(own[0]))
        organisations.append(
            Organisation(org_id, own[0], draw(st.sampled_from(list(OrganisationKind))), (Citation("doc"),),
                         aliases=tuple(Name(n) for n in own[1:]))  # fmt: skip
        )
    return organisations


# -- records for writing and reading back (dump, JSON, Popolo, tables) ---------------------------------------------
# Text here is anything the loader accepts as a value (non-empty, no spaces at either end), including the words
# YAML would read as something else, so that writers are tested against them.

_TRICKY = ["NO", "on", "yes", "2024", "2024-02-15", "1:20", "00042", "0o17", "1e3", ".inf", "null", "Null", "~",
           "true", "- x", "a: b", "#c", "x #y", "@at", "=SUM(A1)", "+1", "'q'", '"dq"', "<<", "=", "a:", "? x",
           "16 Qaws 1403", "line\nbreak", "ناصر\u200cالدین", "no\xa0break", "é",
           "[x]", "{y}", "*a", "&b", "!c", "|d", ">e", "%f", "`g`", "a,b", "%", "x\\y"]  # fmt: skip


def _loadable(text: str) -> bool:
    """The loader accepts ``text`` as a value: no control or invisible character, joiners only in Arabic script."""
    from coalitions.files.screen import ARABIC_SCRIPT, FORBIDDEN, JOINERS

    if FORBIDDEN.search(text) or "\r" in text:
        return False
    return all(ARABIC_SCRIPT.match(text[m.start() - 1 : m.start()]) and ARABIC_SCRIPT.match(text[m.end() :])
               for m in JOINERS.finditer(text))  # fmt: skip


yaml_texts = st.one_of(
    st.sampled_from(_TRICKY),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=24)
    .map(str.strip)
    .filter(lambda t: bool(t) and _loadable(t)),
    st.lists(st.sampled_from(["word", "the", "Afghanistan", "council", "x" * 30, "é"]), min_size=1, max_size=40)
    .map(" ".join),
)

_SOLAR_HIJRI_MONTHS = ["Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi",
                       "Dalw", "Hut"]  # fmt: skip


@st.composite
def any_whens(draw: st.DrawFn) -> When:
    """A date as the loader reads it: ISO at any precision, a range, or a Solar Hijri day, month or year."""
    from coalitions import parse_when

    kind = draw(st.sampled_from(["iso", "iso", "day", "month", "year"]))
    if kind == "iso":
        return draw(whens())
    year = draw(st.integers(1370, 1410))
    month = draw(st.sampled_from(_SOLAR_HIJRI_MONTHS))
    if kind == "day":
        return parse_when(f"{draw(st.integers(1, 29))} {month} {year}")
    return parse_when(f"{month} {year}" if kind == "month" else f"{year} SH")


def citations(source_ids: st.SearchStrategy[str] = ids) -> st.SearchStrategy[Citation]:
    """A citation: a bare source id, or with a quote, a confidence and a note."""
    from coalitions import Confidence

    return st.builds(Citation, source_ids, st.none() | yaml_texts, st.none() | st.sampled_from(list(Confidence)),
                     st.none() | yaml_texts)  # fmt: skip


def _tuples(strategy: st.SearchStrategy, min_size: int = 0, max_size: int = 3) -> st.SearchStrategy[tuple]:
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)


def date_claims(refs: st.SearchStrategy[str] = ids) -> st.SearchStrategy:
    """A date claim, bare or with sources, a note and who did it."""
    from coalitions import DateClaim

    return st.builds(DateClaim, any_whens(), _tuples(citations(), max_size=2), st.none() | yaml_texts,
                     _tuples(refs, max_size=2))  # fmt: skip


def _any_names() -> st.SearchStrategy[Name]:
    from coalitions import NameKind

    return st.builds(Name, yaml_texts, st.none() | st.sampled_from(["fa", "ps", "en"]),
                     st.sampled_from(list(NameKind)), st.none() | yaml_texts)  # fmt: skip


any_names = _any_names()


@st.composite
def any_organisations(draw: st.DrawFn, org_id: str | None = None, refs: st.SearchStrategy[str] = ids) -> Organisation:
    """An organisation with every field drawn (references are not checked)."""
    from coalitions import Relation, RelationKind, Status

    relation = st.builds(Relation, st.sampled_from(list(RelationKind)), refs, st.sampled_from(list(Status)),
                         _tuples(citations()), st.none() | yaml_texts, st.none() | any_whens())  # fmt: skip
    return Organisation(
        org_id or draw(ids), draw(yaml_texts), draw(st.sampled_from(list(OrganisationKind))),
        draw(_tuples(citations(), min_size=1)), draw(_tuples(yaml_texts)), draw(_tuples(any_names)),
        draw(_tuples(date_claims(refs), max_size=2)), draw(_tuples(date_claims(refs), max_size=2)),
        draw(_tuples(date_claims(refs), max_size=1)), draw(st.none() | refs), draw(_tuples(relation, max_size=2)),
        draw(st.none() | yaml_texts), draw(st.none() | yaml_texts),
    )  # fmt: skip


def any_people(refs: st.SearchStrategy[str] = ids) -> st.SearchStrategy:
    """A person with every field drawn."""
    from coalitions import Person

    return st.builds(Person, ids, yaml_texts, _tuples(citations(), min_size=1), _tuples(any_names),
                     st.none() | yaml_texts)  # fmt: skip


def any_memberships(organisation: st.SearchStrategy[str] = ids, member: st.SearchStrategy[str] = ids) -> st.SearchStrategy:
    """A membership with every field drawn."""
    from coalitions import Membership, Status

    return st.builds(Membership, organisation, member, _tuples(citations(), min_size=1),
                     st.sampled_from(["member", "leader", "chair", "founder"]), st.none() | any_whens(),
                     st.none() | any_whens(), st.sampled_from(list(Status)), st.none() | member,
                     _tuples(citations(), max_size=2), st.none() | yaml_texts, st.none() | any_whens())  # fmt: skip


def any_signatures(refs: st.SearchStrategy[str] = ids) -> st.SearchStrategy:
    """A signature with every field drawn (signer or as_printed, or both)."""
    from coalitions import PrintedMember, Signature, SignatureRole, Status

    printed = st.builds(PrintedMember, yaml_texts, st.none() | refs, st.sampled_from(list(Status)),
                        st.none() | yaml_texts, st.none() | yaml_texts)  # fmt: skip
    return st.builds(Signature, _tuples(citations(), min_size=1), st.none() | refs, yaml_texts | st.none(),
                     st.sampled_from(list(SignatureRole)), st.sampled_from(list(Status)), st.none() | refs,
                     _tuples(printed, max_size=2), _tuples(citations(), max_size=1),
                     st.none() | yaml_texts, st.none() | yaml_texts, st.none() | yaml_texts,
                     st.none() | any_whens()).filter(lambda s: s.signer or s.as_printed)  # fmt: skip


def any_declarations(refs: st.SearchStrategy[str] = ids, declaration_ids: st.SearchStrategy[str] = ids) -> st.SearchStrategy:
    """A declaration with every field drawn."""
    from coalitions import Count, Declaration, DeclarationKind, ListStatus

    count = st.builds(Count, st.integers(0, 10_000), yaml_texts, _tuples(citations(), min_size=1), st.booleans(),
                      st.none() | yaml_texts)  # fmt: skip
    return st.builds(Declaration, declaration_ids, yaml_texts, st.sampled_from(list(DeclarationKind)),
                     _tuples(date_claims(refs), min_size=1, max_size=2), _tuples(citations(), min_size=1),
                     _tuples(any_names), st.none() | yaml_texts, st.none() | yaml_texts, st.none() | yaml_texts,
                     st.none() | st.sampled_from(["en", "fa"]), _tuples(ids, max_size=2),
                     _tuples(any_signatures(refs)), _tuples(count, max_size=2), st.none() | yaml_texts,
                     st.none() | st.sampled_from(list(ListStatus)))  # fmt: skip


def any_sources() -> st.SearchStrategy:
    """A source with every field drawn."""
    from coalitions import Confidence, Source

    return st.builds(Source, ids, yaml_texts, st.none() | yaml_texts, st.none() | yaml_texts,
                     st.none() | st.just("https://example.org/a"), st.none() | st.just("sources/a.txt"),
                     st.none() | any_whens(), st.none() | st.sampled_from(list(Confidence)),
                     st.none() | st.just("en"), st.none() | yaml_texts)  # fmt: skip


def any_records() -> st.SearchStrategy:
    """One record of any file kind."""
    return st.one_of(any_organisations(), any_people(), any_declarations(), any_sources(), any_memberships())


@st.composite
def any_corpora(draw: st.DrawFn, max_size: int = 3) -> "Corpus":
    """A corpus of drawn records; references between them are not checked (for writers that do not check)."""
    from coalitions import Corpus

    return Corpus(
        draw(st.lists(any_organisations(), max_size=max_size)), draw(st.lists(any_people(), max_size=max_size)),
        draw(st.lists(any_memberships(), max_size=max_size)), draw(st.lists(any_declarations(), max_size=max_size)),
        draw(st.lists(any_sources(), max_size=max_size)),
    )  # fmt: skip


def _both_calendars() -> "Settings":
    from coalitions.model import Calendar, Settings

    return Settings(calendars=(Calendar.GREGORIAN, Calendar.SOLAR_HIJRI))


#: Settings that read Solar Hijri dates, which the strategies draw.
BOTH_CALENDARS = _both_calendars()


def _coherent(record):  # noqa: ANN001, ANN202 (a membership or a signature)
    """``record`` with a ``status_date`` only where its status has a day (denied, declined, withdrawn) and, for a
    withdrawn membership with an end, none (the end is the day; validate refuses the two when they differ)."""
    import attrs

    from coalitions import Membership, Status

    dated = (Status.DENIED, Status.DECLINED, Status.WITHDRAWN) if isinstance(record, Membership) else \
        (Status.DENIED, Status.WITHDRAWN)  # fmt: skip
    if record.status not in dated or (isinstance(record, Membership) and record.end is not None):
        return attrs.evolve(record, status_date=None)
    return record


@st.composite
def valid_corpora(draw: st.DrawFn, max_size: int = 4) -> "Corpus":
    """A corpus that loads: every reference resolves, names are unique, memberships form no cycle.

    Organisations come from :func:`organisations_with_names`; memberships only go from a later organisation to an
    earlier one (no cycle), each pair once; signatures and dates cite the one source ``doc``.
    """
    import attrs

    from coalitions import Corpus, ListStatus, Source

    organisations = draw(organisations_with_names(max_size=max_size))
    org_ids = [o.id for o in organisations]
    refs = st.sampled_from(org_ids)
    doc = st.just(Citation("doc"))
    pairs = [(a, b) for i, a in enumerate(org_ids) for b in org_ids[:i]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=4)) if pairs else []
    memberships = [
        draw(any_memberships(st.just(a), st.just(b)).map(
            lambda m: _coherent(attrs.evolve(m, sources=(Citation("doc"),), contradicted_by=(), on_behalf_of=None,
                                             end=None if m.start and m.end and m.end.is_before(m.start) else m.end))))
        for a, b in chosen
    ]  # fmt: skip
    taken = set(org_ids)
    declaration_ids = ids.filter(lambda i: i not in taken and i.replace("-", "") not in {t.replace("-", "") for t in taken})
    declarations = []
    for declaration in draw(st.lists(any_declarations(refs, declaration_ids), min_size=1, max_size=max_size,
                                     unique_by=lambda d: d.id.replace("-", ""))):  # fmt: skip
        signatures = tuple(
            _coherent(attrs.evolve(s, sources=(Citation("doc"),), contradicted_by=(), signer=draw(refs),
                                   on_behalf_of=None, printed_members=()))  # fmt: skip
            for s in declaration.signatures
        )
        claims = tuple(attrs.evolve(c, sources=tuple(attrs.evolve(x, source="doc") for x in c.sources), by=())
                       for c in declaration.dates)  # fmt: skip
        counts = tuple(attrs.evolve(c, sources=(Citation("doc"),)) for c in declaration.counts)
        listed = None if not signatures and declaration.listed is ListStatus.COMPLETE else declaration.listed
        declarations.append(attrs.evolve(declaration, sources=(Citation("doc"),), signatures=signatures,
                                         dates=claims, counts=counts, listed=listed))  # fmt: skip
    return Corpus(organisations, (), memberships, declarations, (Source("doc", "A document"),), settings=BOTH_CALENDARS)


# -- hostile input: valid files mutated (tests/test_fuzz.py, benchmarks/fuzz.py) ---------------------------------

#: Characters that mean something to YAML or that the loader refuses, inserted more often than chance would.
HOSTILE_CHARACTERS = ":-[]{}#&*!|>'\"%@`,?~\\ \t\n\r\x00\x1b\x85\u00a0\u00ad\u200b\u200c\u200d\u202e\u2028\ufeff"

_insertions = st.text(st.sampled_from(HOSTILE_CHARACTERS) | st.characters(), min_size=1, max_size=6)


@st.composite
def _mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after one edit of the kinds people and tools make: lines deleted, duplicated, swapped or re-indented,
    characters or raw bytes inserted, a byte overwritten, or the file cut short."""
    lines = data.splitlines(keepends=True)
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "text", "bytes", "overwrite", "truncate"]))
    if kind in ("delete", "duplicate", "swap", "indent") and lines:
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            stripped = lines[i].lstrip(b" ")
            lines[i] = b" " * draw(st.integers(0, 12)) + stripped
        return b"".join(lines)
    at = draw(st.integers(0, len(data)))
    if kind == "text":
        return data[:at] + draw(_insertions).encode("utf-8", "surrogatepass") + data[at:]
    if kind == "bytes":
        return data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    if kind == "overwrite" and at < len(data):
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data[:at]


@st.composite
def mutated_files(draw: st.DrawFn, data: bytes, max_mutations: int = 3) -> bytes:
    """``data`` (a valid corpus file) after one to ``max_mutations`` random edits."""
    for _ in range(draw(st.integers(1, max_mutations))):
        data = draw(_mutation(data))
    return data


# -- corpora for the analysis (councils, overlap, change, metrics) -------------------------------------------------

ANALYSIS_STATUSES = ["asserted", "asserted", "asserted", "disputed", "unclear", "denied", "withdrawn", "declined"]


@st.composite
def analysis_whens(draw: st.DrawFn) -> When:
    """A date in 2021-2025 at the precision of a year, a month or a day (the span of the bundled corpus)."""
    return When.of(str(draw(partial_dates(min_year=2021, max_year=2025))))


@st.composite
def nested_corpora(draw: st.DrawFn, max_organisations: int = 7, max_declarations: int = 5,
                   statuses: list[str] | None = None, dated: bool = True) -> "Corpus":  # fmt: skip
    """A corpus for the analysis: organisations ``o0``..., councils nesting without a cycle, declarations.

    Memberships go from a later organisation to an earlier one only (so nesting is acyclic), with drawn dates
    (``dated=False``: none) and statuses (``statuses``: the ones to draw from); signatures name organisations,
    sometimes with a printed member list. Every claim cites the source ``doc``.
    """
    from coalitions import (Corpus, DateClaim, Declaration, Membership, PrintedMember, Signature, Source,
                            Status)  # fmt: skip

    statuses = statuses or ANALYSIS_STATUSES
    status = st.sampled_from(statuses).map(Status)
    n = draw(st.integers(2, max_organisations))
    org_ids = [f"o{i}" for i in range(n)]
    doc = (Citation("doc"),)
    organisations = [Organisation(o, f"Organisation {o}", OrganisationKind.PARTY, doc) for o in org_ids]
    pairs = [(a, b) for i, a in enumerate(org_ids) for b in org_ids[:i]]
    memberships = []
    for council, member in draw(st.lists(st.sampled_from(pairs), max_size=2 * n, unique=True)):
        start = draw(st.none() | analysis_whens()) if dated else None
        end = draw(st.none() | analysis_whens()) if dated else None
        if start is not None and end is not None and end.latest < start.earliest:
            start, end = end, start
        memberships.append(Membership(council, member, doc, start=start, end=end, status=draw(status)))
    declarations = []
    for k in range(draw(st.integers(0, max_declarations))):
        signatures = []
        for signer in draw(st.lists(st.sampled_from(org_ids), max_size=n, unique=True)):
            printed = ()
            earlier = org_ids[: org_ids.index(signer)]  # printed members, like memberships, nest without a cycle
            if earlier and draw(st.integers(0, 4)) == 0:
                printed = tuple(PrintedMember(m, m, draw(status))
                                for m in draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)))  # fmt: skip
            signatures.append(Signature(doc, signer, status=draw(status), printed_members=printed))
        series = ("s",) if draw(st.booleans()) else ()
        declarations.append(Declaration(f"d{k}", f"Declaration {k}", "statement",
                                        (DateClaim(draw(analysis_whens())),), doc, series=series,
                                        signatures=tuple(signatures)))  # fmt: skip
    return Corpus(organisations, (), memberships, declarations, (Source("doc", "A document"),))


def undisputed(corpus: "Corpus") -> "Corpus":
    """``corpus`` with every disputed or unclear claim made asserted and every date made a day (nothing uncertain)."""
    import attrs

    from coalitions import Corpus, Status

    def sure(status: Status) -> Status:
        return Status.ASSERTED if status in (Status.DISPUTED, Status.UNCLEAR) else status

    def day(when: When | None) -> When | None:
        return None if when is None else When(PartialDate.from_date(when.earliest), PartialDate.from_date(when.earliest))

    memberships = [attrs.evolve(m, status=sure(m.status), start=day(m.start) or When.of("2000-01-01"),
                                end=day(m.end)) for m in corpus.memberships]  # fmt: skip
    declarations = [attrs.evolve(d, dates=tuple(attrs.evolve(c, date=day(c.date)) for c in d.dates), signatures=tuple(
        attrs.evolve(s, status=sure(s.status), printed_members=tuple(attrs.evolve(p, status=sure(p.status))
                                                                     for p in s.printed_members))
        for s in d.signatures)) for d in corpus.declarations]  # fmt: skip
    return Corpus(corpus.organisations, corpus.people, memberships, declarations, corpus.sources)


def renamed(corpus: "Corpus", mapping: dict[str, str]) -> "Corpus":
    """``corpus`` with every organisation id ``o`` replaced by ``mapping[o]`` wherever it occurs."""
    import attrs

    from coalitions import Corpus

    def r(i: str | None) -> str | None:
        return None if i is None else mapping.get(i, i)

    organisations = [attrs.evolve(o, id=r(o.id)) for o in corpus.organisations]
    memberships = [attrs.evolve(m, organisation=r(m.organisation), member=r(m.member)) for m in corpus.memberships]
    declarations = [attrs.evolve(d, signatures=tuple(
        attrs.evolve(s, signer=r(s.signer), printed_members=tuple(attrs.evolve(p, member=r(p.member))
                                                                  for p in s.printed_members))
        for s in d.signatures)) for d in corpus.declarations]  # fmt: skip
    return Corpus(organisations, corpus.people, memberships, declarations, corpus.sources)


def reordered(corpus: "Corpus", seed: int) -> "Corpus":
    """``corpus`` with its records in another order (as if its files were read in another order)."""
    import random

    from coalitions import Corpus

    rng = random.Random(seed)

    def shuffled(items: tuple) -> list:
        items = list(items)
        rng.shuffle(items)
        return items

    return Corpus(shuffled(corpus.organisations), shuffled(corpus.people), shuffled(corpus.memberships),
                  shuffled(corpus.declarations), shuffled(corpus.sources))  # fmt: skip


@st.composite
def cyclic_corpora(draw: st.DrawFn) -> tuple["Corpus", str]:
    """A corpus whose councils nest in a loop (asserted, undated memberships), and one council on the loop."""
    from coalitions import Corpus, Membership

    size = draw(st.integers(1, 4))
    loop = [f"c{i}" for i in range(size)]
    doc = (Citation("doc"),)
    memberships = [Membership(a, b, doc) for a, b in zip(loop, loop[1:] + loop[:1])]
    memberships.append(Membership(loop[0], "leaf", doc))
    return Corpus(memberships=memberships), draw(st.sampled_from(loop))


element_sets = st.lists(st.frozensets(st.integers(0, 12), max_size=6), max_size=8)
#: Many sets drawn from few elements, so that most pairs share something (the overlap kernel's dense rows).
dense_element_sets = st.lists(st.frozensets(st.integers(0, 9), max_size=8), max_size=30)

#: Text a hostile data file could hold: escape sequences, markup, formula starts, invisible and control characters.
hostile_texts = st.text(
    st.sampled_from(HOSTILE_CHARACTERS + "<>&\"'=+-@/\\x1b[31mjavascript:") | st.characters(), max_size=40
)

#: URLs with and without safe schemes, and strings that only look like URLs.
hostile_urls = st.one_of(
    st.sampled_from(["https://example.org/a?b=1&c=<2>", "http://x.org", "javascript:alert(1)", "JavaScript:alert(1)",
                     " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>", "//evil.example",
                     "vbscript:msgbox", "https:", "file:///etc/passwd", "http://a.org/\"onmouseover=\"x"]),  # fmt: skip
    st.builds(lambda scheme, rest: scheme + rest, st.sampled_from(["http://", "https://", "ftp://", "", "javascript:"]),
              hostile_texts),  # fmt: skip
)


@st.composite
def lifespan_corpora(draw: st.DrawFn, max_organisations: int = 6, duplicate_ids: bool = False) -> "Corpus":
    """A corpus for the units of a date: organisations founded, dissolved or only proposed on drawn dates (any
    precision, ranges too), people, and memberships of every status and role, in organisations, people or unknown
    ids, dated or not, all in 2019-2023. ``duplicate_ids`` may give two organisations one id (an invalid corpus)."""
    from coalitions import Corpus, DateClaim, Membership, Person, Status

    doc = (Citation("doc"),)
    n = draw(st.integers(1, max_organisations))
    org_ids = [f"o{i}" for i in range(n)]
    if duplicate_ids and n > 1 and draw(st.booleans()):
        org_ids[-1] = org_ids[0]
    near = whens(min_year=2019, max_year=2023)
    dates = st.lists(st.builds(DateClaim, near), max_size=2).map(tuple)
    organisations = [Organisation(o, o, OrganisationKind.PARTY, doc, founded=draw(dates), dissolved=draw(dates),
                                  proposed=draw(dates) if draw(st.integers(0, 3)) == 0 else ())
                     for o in org_ids]  # fmt: skip
    people = [Person(p, p, doc) for p in ("p0", "p1")]
    memberships = [
        Membership(draw(st.sampled_from(org_ids)), draw(st.sampled_from([*org_ids, "p0", "p1", "x"])), doc,
                   role=draw(st.sampled_from(["member", "member", "leader"])), start=draw(st.none() | near),
                   end=draw(st.none() | near), status=draw(st.sampled_from([Status.ASSERTED, *Status])))
        for _ in range(draw(st.integers(0, 2 * n)))
    ]  # fmt: skip
    return Corpus(organisations, people, memberships)


#: Table cells for the text renderer's wrapping: words, hyphens, runs of spaces, a non-ASCII quote and a tab, long
#: enough to wrap at 30 columns; a list cell is shown one item a line. "True" and "False" are left out: tabulate's
#: own wrapping turns both into "True" (it parses them as booleans even with number parsing off).
_wrap_texts = st.lists(st.sampled_from(["a", "bc", "defgh", " ", "  ", "-", "’", "\t", "x" * 12]), max_size=14).map(
    "".join
).filter(lambda text: text not in ("True", "False"))
wrap_cells = st.one_of(_wrap_texts, st.lists(_wrap_texts, min_size=1, max_size=3).map(tuple))


# -- quotes and the texts of sources ---------------------------------------------------------------------------------

#: The text of a source: words, the spaces and line breaks between them (a no-break space too), and the quotation
#: marks and dashes a copy from a PDF or a web page holds in either form.
source_texts = st.lists(st.sampled_from(["a", "Ab", "party", " ", "  ", "\n", "\u00a0", "'", "’", '"', "“", "-", "–",
                                         "é", "x" * 5]), max_size=30).map("".join)  # fmt: skip


@st.composite
def quotes_of(draw: st.DrawFn, text: str) -> str:
    """A quote of ``text``: a non-empty piece of it, copied character for character."""
    start = draw(st.integers(0, len(text) - 1))
    return text[start : draw(st.integers(start + 1, len(text)))]
