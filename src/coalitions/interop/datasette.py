"""Datasette's ``metadata.json`` for the database of :mod:`coalitions.interop.sqlite`: titles, descriptions, the
sources, and canned queries for the five questions (who signed what and when; a council at a date; how two
declarations overlap; who joined or left; how unified over time).

Serve it with ``datasette corpus.db --metadata metadata.json`` (``pip install "coalitions[datasette]"``).
"""

from __future__ import annotations

from typing import Any

from ..model import Corpus

__all__ = ["CANNED_QUERIES", "datasette_metadata"]

#: name -> (title, description, SQL with named parameters).
CANNED_QUERIES: dict[str, tuple[str, str, str]] = {
    "who-signed": (
        "Who signed what and when",
        "Every signature whose signer id, name or printed name contains :name (leave it empty for all), in date "
        "order, with its role and status as the sources give them.",
        "select date, title, signer_name, as_printed, role, status, declaration, signer from signed\n"
        "where :name = '' or signer = :name or signer_name like '%' || :name || '%'\n"
        "  or as_printed like '%' || :name || '%'\n"
        "order by date_earliest, declaration",
    ),
    "council-at-date": (
        "A council at a date",
        "The members of council :council on day :date (YYYY-MM-DD), with their certainty (possible where the dates "
        "of the membership leave it open, undated where the sources say it held but not when) and status, as the "
        "analysis' members_at gives them.",
        "select council_name, member, member_name, certainty, status, via, valid_from, valid_to\n"
        "from council_members\n"
        "where council = :council and (valid_from is null or valid_from <= :date)\n"
        "  and (valid_to is null or :date <= valid_to)\n"
        "order by member",
    ),
    "overlap": (
        "How two declarations overlap",
        "Who declarations :a and :b count (organisations in the corpus's default scope, representatives as the "
        "organisation they represent, hosts never; councils expanded to their members): who is in both, who in one "
        "only, and whether each list is complete, partial or unknown (an unknown list says nothing of who came).",
        "select signer, signer_name, kind, max(declaration = :a) as in_a, max(declaration = :b) as in_b,\n"
        "  max(case when declaration = :a then listed end) as listed_a,\n"
        "  max(case when declaration = :b then listed end) as listed_b\n"
        "from signatories where declaration in (:a, :b)\n"
        "group by signer, signer_name, kind order by in_a + in_b desc, signer",
    ),
    "joined-or-left": (
        "Who joined or left",
        "The changes of council :council (leave it empty for every council): joined, left, withdrew, disputed, "
        "denied, declined, listed (the first day a dated document shows an undated membership), in date order, "
        "then the undated ones (no date: the sources say it held, not when).",
        "select c.date, o.name as council_name, c.change, c.member, r.name as member_name, c.status, c.sources\n"
        "from council_changes c join records o on o.id = c.council join records r on r.id = c.member\n"
        "where :council = '' or c.council = :council\n"
        "order by c.date_earliest is null, c.date_earliest, c.council, c.member",
    ),
    "unity": (
        "How unified over time",
        "Per year: the effective number of blocs, fragmentation, cohesion and coverage, each a range (low to high) "
        "over the readings of the uncertain claims it depends on; exact = 0 where the bounds hold only for the "
        "readings tried, partial = 1 where a list counted is partial (a lower bound of who came); left_out: the "
        "declarations whose list is unknown.",
        "select * from unity order by window_earliest",
    ),
}

_TABLES = {
    "records": ("Every record", "Each organisation, person, declaration and source, by id, with its type and name."),
    "organisations": ("Organisations", "Parties, movements, councils, fronts and other bodies."),
    "people": ("People", "Leaders, founders, speakers and other people."),
    "declarations": ("Declarations", "Joint declarations, statements, letters and meetings; the date as written, "
                     "with the first and last day it may stand for, and whether sources disagree on it."),
    "sources": ("Sources", "The documents claims come from, with their URL where one is known."),
    "names": ("Names", "Abbreviations, aliases, translations, transliterations, former names and misspellings."),
    "date_claims": ("Date claims", "Each date as one set of sources gives it (several where they disagree)."),
    "relations": ("Relations", "Successor of, same as, split from, renamed from, dated where the sources date them."),
    "memberships": ("Memberships", "Who belonged to which organisation from when to when, with the status the "
                    "sources give (asserted, disputed, denied, withdrawn, declined, unclear)."),
    "signatures": ("Signatures", "Who signed (organised, hosted, attended...) each declaration, as printed."),
    "printed_members": ("Printed members", "The member lists declarations printed under a council's name."),
    "counts": ("Counts", "Signatories only counted, not named."),
    "citations": ("Citations", "Every claim's sources, with the verbatim quote where there is one; contradicts = "
                  "1 for a source against the claim."),
    "analysis": ("What the analysis counted", "The scope of the computed tables (the corpus's default scope) and "
                 "the last day the corpus covers."),
    "declaration_lists": ("List statuses", "Whether each declaration's list of organisations, and of people in "
                          "their own name, is complete, partial (a lower bound) or unknown (left out of figures)."),
    "expanded_signatures": ("Who each declaration counts", "Computed by the analysis (signatories, councils "
                            "expanded, in the default scope): organisations (represented_by: who signed or attended "
                            "for it), people in their own name and individuals without a record; hosts and the "
                            "invited never."),
    "council_changes": ("Council changes", "Joins and departures of each council (composition_changes); undated "
                        "ones have no date."),
    "compositions": ("Council compositions", "The members of each council from each day its membership may "
                     "change (valid_from) to the day before the next (valid_to), as members_at gives them, with "
                     "their certainty (certain, possible, undated); empty ends are open."),
    "metric_series": ("Unity metrics", "Every metric per year as a range over the uncertain claims "
                      "(metric_series), with exact, partial, the claims that move it and the declarations left out."),
    "search": ("Full-text search", "Names, aliases, titles and quotes (SQLite FTS5)."),
}


def datasette_metadata(corpus: Corpus, database: str = "corpus") -> dict[str, Any]:
    """Datasette's metadata for the database named ``database`` (the file name without ``.db``)."""
    with_url = [s for s in corpus.sources if s.url]
    tables: dict[str, Any] = {}
    for name, (title, description) in _TABLES.items():
        tables[name] = {"title": title, "description": description}
    for name in ("organisations", "people", "records"):
        tables[name]["label_column"] = "name"
    tables["declarations"]["label_column"] = "title"
    tables["sources"]["label_column"] = "title"
    tables["search"]["searchmode"] = "raw"
    tables["sources"]["description"] += (
        f" {len(with_url)} of the {len(corpus.sources)} sources have a URL: " +
        "; ".join(f"{s.title} <{s.url}>" for s in with_url[:20]) + ("; ..." if len(with_url) > 20 else "")
    ) if with_url else ""  # fmt: skip
    return {
        "title": "coalitions corpus",
        "description": f"Political declarations and who signed them: {corpus.summary()}. Every claim carries its "
        "sources (the citations table); dates are kept as written, with earliest and latest days for range "
        "queries.",
        "source": "coalitions export --format sqlite",
        "databases": {
            database: {
                "title": "coalitions corpus",
                "tables": tables,
                "queries": {
                    name: {"title": title, "description": description, "sql": sql}
                    for name, (title, description, sql) in CANNED_QUERIES.items()
                },
            }
        },
    }
