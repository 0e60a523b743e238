"""A seeded generator of large, realistic corpora in the coalitions YAML format, for the benchmark.

The corpora look like a research group's coding of a whole movement: organisations whose popularity follows a
Zipf-like law (a few sign almost everything, most sign once or twice), grouped in movements (a declaration draws
most of its signers from one movement), 5 to 50 signatories per declaration, about 2% councils with 3 to 12
members (some councils sit in other councils), dates at every precision (years, months, days, ranges, Solar
Hijri), and some disputed claims (two founding dates, disputed signatures and memberships with ``contradicted_by``).

Two families of corpora: ``grouped`` (the default, above) and ``dense``, the workload of corpora where one large
front signs most statements: no movements, every declaration draws its 5 to 50 signers from one Zipf popularity
with exponent 1 (weight ``1 / rank``) over 5,000 organisations, so that nearly every pair of declarations shares a
signer (48 million of the 50 million pairs at 10,000 declarations). Everything else (councils, people, dates,
disputed claims) is made as in the grouped family.

Every file is written by hand-made templates in the style of the bundled data; the result validates with
``coalitions validate``. The same ``(declarations, organisations, seed, family)`` always gives byte-identical files.

    python benchmarks/generate.py OUT --declarations 1000 --organisations 5000 --seed 1
    python benchmarks/generate.py OUT --declarations 1000 --family dense
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from pathlib import Path

__all__ = ["FAMILIES", "default_organisations", "generate"]

_ADJECTIVES = ("National", "Islamic", "Democratic", "Progressive", "United", "Free", "Popular", "Independent",
               "Republican", "Civic", "Liberal", "Social", "Green", "New", "Revolutionary", "Peaceful")  # fmt: skip
_NOUNS = ("Unity", "Justice", "Freedom", "Salvation", "Solidarity", "Liberty", "Renewal", "Dignity", "Hope",
          "Resistance", "Reform", "Accord", "Dialogue", "Future", "Trust", "Welfare")  # fmt: skip
_KINDS = ("party", "movement", "front", "assembly", "institute", "coalition", "faction", "network", "forum",
          "organisation", "commission")  # fmt: skip
_KIND_WORDS = {"party": "Party", "movement": "Movement", "front": "Front", "assembly": "Assembly",
               "institute": "Institute", "coalition": "Coalition", "faction": "Faction", "network": "Network",
               "forum": "Forum", "organisation": "Organisation", "commission": "Commission", "council": "Council"}  # fmt: skip
_REGIONS = ("Herat", "Balkh", "Kandahar", "Nangarhar", "Panjshir", "Badakhshan", "Bamyan", "Kabul", "Kunduz",
            "Ghazni", "Helmand", "Paktia", "Takhar", "Faryab", "Logar", "Parwan")  # fmt: skip
_DECLARATION_KINDS = ("joint-declaration", "open-letter", "statement", "founding-charter", "conference",
                      "meeting", "announcement", "press-conference")  # fmt: skip
_THEMES = ("women's rights", "a ceasefire", "elections", "humanitarian access", "the constitution", "education",
           "refugees", "an inclusive government")  # fmt: skip
_SERIES = ("doha", "vienna-process", "herat-security-dialogue", "ankara-talks", "dushanbe-meetings")
_SOLAR_MONTHS = ("Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi", "Dalw",
                 "Hut")  # fmt: skip
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_SOURCES = 24
#: The corpus families: signers grouped in movements, or drawn from one popularity over everyone.
FAMILIES = ("grouped", "dense")


def default_organisations(declarations: int, family: str = "grouped") -> int:
    """The organisation count that goes with a declaration count: 5 per declaration, between 5,000 and 50,000, in
    the grouped family; 5,000 in the dense one."""
    return 5_000 if family == "dense" else min(50_000, max(5_000, 5 * declarations))


def _q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Dates:
    """Dates at the precisions sources give them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def day(self, first_year: int, last_year: int) -> tuple[int, int, int]:
        rng = self.rng
        return rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28)

    def text(self, first_year: int, last_year: int) -> str:
        """A date at a random precision: mostly days, some months, years, ranges and Solar Hijri dates."""
        y, m, d = self.day(first_year, last_year)
        roll = self.rng.random()
        if roll < 0.70:
            return f"{y}-{m:02d}-{d:02d}"
        if roll < 0.87:
            return f"{y}-{m:02d}"
        if roll < 0.92:
            return f"{y}"
        if roll < 0.96:
            return f"{y}-{m:02d}-{d:02d}/{y}-{m:02d}-{min(d + self.rng.randint(1, 2), 28):02d}"
        return f"{self.rng.randint(1, 28)} {self.rng.choice(_SOLAR_MONTHS)} {y - 621}"


class _Popularity:
    """Zipf-like sampling of distinct items: weight ``1 / (rank + offset) ** exponent``."""

    def __init__(self, items: list[str], rng: random.Random, exponent: float = 1.1, offset: float = 2.0) -> None:
        self.items = items
        self.rng = rng
        weights = [1.0 / (rank + offset) ** exponent for rank in range(len(items))]
        self.cumulative = list(itertools.accumulate(weights))

    def sample(self, k: int, into: dict[str, None]) -> None:
        """Add ``k`` distinct items (fewer if there are not so many) to ``into``, by popularity."""
        k = min(k, len(self.items))
        total = self.cumulative[-1]
        wanted = len(into) + k
        tries = 0
        while len(into) < wanted and tries < 50 * k:
            tries += 1
            into.setdefault(self.items[bisect.bisect(self.cumulative, self.rng.random() * total)], None)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _citations(rng: random.Random, indent: str, quote: bool = True) -> str:
    """A ``sources:`` list: source ids, sometimes a mapping with a quote and a confidence mark."""
    picks = rng.sample(range(1, _SOURCES + 1), rng.choice((1, 1, 1, 2)))
    if quote and rng.random() < 0.25:
        first, *rest = picks
        lines = [f"{indent}sources:", f"{indent}  - source: src-{first:02d}",
                 f"{indent}    quote: {_q(rng.choice(_NOUNS) + ' and ' + rng.choice(_NOUNS).lower())}",
                 f"{indent}    confidence: {rng.choice('HML')}"]  # fmt: skip
        lines += [f"{indent}  - src-{p:02d}" for p in rest]
        return "\n".join(lines) + "\n"
    return f"{indent}sources: [{', '.join(f'src-{p:02d}' for p in picks)}]\n"


def generate(root: str | Path, declarations: int, organisations: int | None = None, seed: int = 1,
             family: str = "grouped") -> Path:  # fmt: skip
    """Write a corpus of ``declarations`` declarations and ``organisations`` organisations under ``root``, of the
    ``family`` asked for (``"grouped"`` or ``"dense"``).

    ``root`` must not exist or be empty. Returns ``root`` as a Path. Same arguments, same bytes.
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {', '.join(FAMILIES)}, not {family!r}")
    root = Path(root)
    organisations = organisations or default_organisations(declarations, family)
    rng = random.Random(seed)
    dates = _Dates(rng)
    for folder in ("organisations", "people", "memberships", "declarations"):
        (root / folder).mkdir(parents=True, exist_ok=True)

    lines = ["# Sources of a generated benchmark corpus.", "sources:"]
    for i in range(1, _SOURCES + 1):
        lines += [f"  - id: src-{i:02d}", f"    title: Generated source number {i}",
                  f"    url: https://example.org/sources/{i}", f"    date: {dates.text(2021, 2025)}"]  # fmt: skip
    _write(root / "sources.yaml", "\n".join(lines) + "\n")
    _write(root / "corpus.yaml", "name: A generated benchmark corpus\ncalendars: [gregorian, solar-hijri]\n")

    org_ids = [f"org-{i:05d}" for i in range(organisations)]
    councils = org_ids[: max(1, organisations // 50)]  # about 2%
    council_set = set(councils)
    for i, org_id in enumerate(org_ids):
        kind = "council" if org_id in council_set else rng.choice(_KINDS)
        words = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {_KIND_WORDS[kind]} of {rng.choice(_REGIONS)}"
        text = [f"id: {org_id}", f"name: {words} {i}", f"kind: {kind}"]
        if rng.random() < 0.3:
            text.append(f"abbreviations: [{''.join(w[0] for w in words.split() if w[0].isupper())}{i}]")
        if rng.random() < 0.1:
            persian = f"جنبش ملی {str(i).translate(_PERSIAN_DIGITS)}"
            text += ["aliases:", f"  - text: {persian}", "    lang: fa", "    kind: translation"]
        roll = rng.random()
        if roll < 0.03:  # the sources disagree on the founding date
            y, m, d = dates.day(1990, 2019)
            text += ["founded:", f"  - date: {y}-{m:02d}-{d:02d}", f"  - date: {y}-{m:02d}-{min(d + 1, 28):02d}"]
        elif roll < 0.5:
            text.append(f"founded: {dates.text(1990, 2019)}")
        text.append(_citations(rng, "").rstrip("\n"))
        _write(root / "organisations" / f"{org_id}.yaml", "\n".join(text) + "\n")

    people = [f"person-{i:05d}" for i in range(max(10, organisations // 50))]
    for i, person_id in enumerate(people):
        text = [f"id: {person_id}", f"name: Person Number {i}", _citations(rng, "").rstrip("\n")]
        _write(root / "people" / f"{person_id}.yaml", "\n".join(text) + "\n")

    # Councils of 3 to 12 members; a council may contain later councils only, so there is never a cycle.
    for index, council in enumerate(councils):
        members: dict[str, None] = {}
        later = councils[index + 1 :]
        while len(members) < rng.randint(3, 12):
            if later and rng.random() < 0.15:
                members.setdefault(rng.choice(later), None)
            else:
                members.setdefault(rng.choice(org_ids[len(councils) :]), None)
        text = [f"organisation: {council}", "members:"]
        for member in members:
            text.append(f"  - member: {member}")
            if rng.random() < 0.8:
                text.append(f"    start: {dates.text(2020, 2023)}")
            roll = rng.random()
            if roll < 0.05:
                text += ["    status: disputed", "    contradicted_by: [src-01]"]
            elif roll < 0.10:
                text += ["    status: withdrawn", f"    end: {dates.text(2024, 2025)}"]
            text.append(_citations(rng, "    ").rstrip("\n"))
        _write(root / "memberships" / f"{council}.yaml", "\n".join(text) + "\n")

    # Signers, grouped: a declaration belongs to one movement (a slice of the organisations) and draws 80% of its
    # signers from that movement's popularity and 20% from the whole field's. Dense: all from one Zipf popularity
    # with exponent 1 over every organisation.
    shuffled = org_ids[:]
    rng.shuffle(shuffled)
    movements = max(4, organisations // 500)
    size = len(shuffled) // movements
    if family == "dense":
        local, everyone = [], _Popularity(shuffled, rng, exponent=1.0, offset=1.0)
    else:
        local = [_Popularity(shuffled[m * size : (m + 1) * size], rng) for m in range(movements)]
        everyone = _Popularity(shuffled, rng, exponent=1.0, offset=20.0)
    for i in range(declarations):
        declaration_id = f"decl-{i:05d}"
        k = min(50, max(5, int(rng.triangular(5, 50, 12))))
        signers: dict[str, None] = {}
        if family == "dense":
            everyone.sample(k, signers)
        else:
            everyone.sample(max(1, k // 5), signers)
            local[rng.randrange(movements)].sample(k - len(signers), signers)
        if rng.random() < 0.1:
            signers.setdefault(rng.choice(people), None)
        kind = rng.choice(_DECLARATION_KINDS)
        text = [f"id: {declaration_id}", f"title: {_q(f'Statement {i} of the political currents on {rng.choice(_THEMES)}')}",
                f"kind: {kind}"]  # fmt: skip
        if rng.random() < 0.02:
            y, m, d = dates.day(2021, 2025)
            text += ["date:", f"  - date: {y}-{m:02d}-{d:02d}", "    sources: [src-02]",
                     f"  - date: {y}-{m:02d}-{min(d + 1, 28):02d}", "    sources: [src-03]"]  # fmt: skip
        else:
            text.append(f"date: {dates.text(2021, 2025)}")
        if rng.random() < 0.5:
            text.append(f"place: {rng.choice(_REGIONS)}")
        if rng.random() < 0.2:
            text.append(f"series: [{rng.choice(_SERIES)}]")
        text.append("signatures:")
        for signer in signers:
            text.append(f"  - signer: {signer}")
            if rng.random() < 0.3:
                text.append(f"    as_printed: {_q(signer.replace('-', ' ').title())}")
            roll = rng.random()
            if roll < 0.03:
                text += ["    status: disputed", "    contradicted_by: [src-04]"]
            elif roll < 0.05:
                text.append("    role: endorser")
            if signer in council_set and rng.random() < 0.3:
                text.append("    printed_members:")
                for member in rng.sample(org_ids[len(councils) :], rng.randint(2, 5)):
                    text += [f"      - as_printed: {_q(member)}", f"        member: {member}"]
            text.append(_citations(rng, "    ", quote=False).rstrip("\n"))
        if rng.random() < 0.05:
            text += ["counts:", f"  - number: {rng.randint(10, 400)}", "    of: individuals",
                     "    approximate: true", "    sources: [src-05]"]  # fmt: skip
        text.append(_citations(rng, "").rstrip("\n"))
        _write(root / "declarations" / f"{declaration_id}.yaml", "\n".join(text) + "\n")
    return root


def main() -> None:
    """Command line: write one corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--declarations", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--family", choices=FAMILIES, default="grouped")
    args = parser.parse_args()
    generate(args.out, args.declarations, args.organisations, args.seed, args.family)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
