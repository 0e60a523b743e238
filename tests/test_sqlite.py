"""Tests of coalitions.interop.sqlite, sqlite_read and datasette: the corpus as a SQLite database for Datasette."""

from __future__ import annotations

import datetime
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import valid_corpora

from coalitions import (
    Citation,
    Corpus,
    ListStatus,
    Organisation,
    OrganisationKind,
    bundled_data_path,
    load,
    members_at,
    metric_series,
    signatories,
)
from coalitions.cli import main
from coalitions.interop import (
    SQLiteExportError,
    datasette_metadata,
    from_sqlite,
    to_sqlite,
    write_sqlite,
)
from coalitions.interop.datasette import CANNED_QUERIES

BUNDLED = load()


def _scope() -> str:
    """The scope argument naming the corpus's default scope (what the database's computed tables count)."""
    from coalitions.analysis import choose_scope

    chosen = choose_scope(BUNDLED)
    return chosen.id if chosen is not None else "all"


def _undated() -> Corpus:
    """A council with an undated member, one a dated document shows, a withdrawn one with its date, a rename dated
    2023-05, a partial list, an individual's title, and a default scope."""
    from coalitions import (DateClaim, Declaration, Membership, Person, PrintedMember, Relation, Scope, ScopeEntry,
                            Settings, Signature, Source, Status, When)  # fmt: skip

    src = (Citation("doc"),)
    orgs = [Organisation("c", "C", "council", src, relations=(Relation("renamed-from", "old", sources=src,
                                                                        date=When.of("2023-05")),)),
            *(Organisation(i, i.upper(), "party", src) for i in ("b", "d", "old", "w"))]  # fmt: skip
    scope = Scope("movement", "The movement", default=True, entries=(ScopeEntry("old", src, included=False),))
    return Corpus(orgs, [Person("ann", "Ann", src)], memberships=[
        Membership("c", "b", src), Membership("c", "d", src),
        Membership("c", "w", src, start=When.of("2021"), status=Status.WITHDRAWN, status_date=When.of("2022-05-01")),
    ], declarations=[Declaration("x", "X", "statement", (DateClaim(When.of("2024-06-10")),), src,
                                 listed=ListStatus.PARTIAL, signatures=(
        Signature(src, "c", printed_members=(PrintedMember("D", "d"),)),
        Signature(src, None, "Jo Bloggs", title="Chair", affiliation="A union", status=Status.WITHDRAWN,
                  status_date=When.of("2024-06-11"))))],
        sources=[Source("doc", "A document")], settings=Settings(scopes=(scope,)))  # fmt: skip


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    """The bundled corpus's database, open in memory."""
    connection = sqlite3.connect(":memory:")
    connection.deserialize(to_sqlite(BUNDLED))
    return connection


def _citations(corpus: Corpus) -> Counter[tuple[str, str | None, int]]:
    """``(source, quote, contradicts)`` of every citation of every claim in ``corpus``."""
    found: Counter[tuple[str, str | None, int]] = Counter()

    def add(citations: tuple[Citation, ...], contradicts: int = 0) -> None:
        found.update((c.source, c.quote, contradicts) for c in citations)

    for o in corpus.organisations:
        add(o.sources)
        for claim in (*o.founded, *o.dissolved, *o.proposed):
            add(claim.sources)
        for relation in o.relations:
            add(relation.sources)
    for p in corpus.people:
        add(p.sources)
    for m in corpus.memberships:
        add(m.sources)
        add(m.contradicted_by, 1)
    for d in corpus.declarations:
        add(d.sources)
        for claim in d.dates:
            add(claim.sources)
        for s in d.signatures:
            add(s.sources)
            add(s.contradicted_by, 1)
        for count in d.counts:
            add(count.sources)
    return found


class TestToSqlite:
    """The database of the bundled corpus."""

    def test_counts_per_kind(self, db):
        """Every table of a record or claim kind holds one row per record or claim of the corpus."""
        c = BUNDLED
        expected = {
            "organisations": len(c.organisations), "people": len(c.people), "declarations": len(c.declarations),
            "sources": len(c.sources), "memberships": len(c.memberships),
            "records": len(c.organisations) + len(c.people) + len(c.declarations) + len(c.sources),
            "signatures": sum(len(d.signatures) for d in c.declarations),
            "printed_members": sum(len(s.printed_members) for d in c.declarations for s in d.signatures),
            "names": sum(len(o.abbreviations) + len(o.aliases) for o in c.organisations)
            + sum(len(p.aliases) for p in c.people) + sum(len(d.other_titles) for d in c.declarations),
            "date_claims": sum(len(o.founded) + len(o.dissolved) + len(o.proposed) for o in c.organisations)
            + sum(len(d.dates) for d in c.declarations),
            "relations": sum(len(o.relations) for o in c.organisations),
            "counts": sum(len(d.counts) for d in c.declarations),
            "citations": sum(_citations(c).values()),
        }  # fmt: skip
        actual = {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in expected}
        assert expected == actual

    def test_every_citation_and_quote(self, db):
        """Every citation of the corpus, its quote included, is a row of ``citations``, and nothing else is."""
        rows = Counter(db.execute("SELECT source, quote, contradicts FROM citations").fetchall())
        assert _citations(BUNDLED) == rows

    def test_foreign_keys_declared_and_valid(self, db):
        """The claim tables declare their foreign keys, and ``PRAGMA foreign_key_check`` finds none broken."""
        declared = {row[2] for row in db.execute("PRAGMA foreign_key_list(signatures)")}
        assert {"declarations", "records"} == declared
        assert [] == db.execute("PRAGMA foreign_key_check").fetchall()

    def test_same_corpus_same_bytes(self):
        """The same corpus, loaded twice, gives the same database byte for byte."""
        from coalitions import bundled_data_path
        from coalitions.files import load as load_again

        assert to_sqlite(BUNDLED) == to_sqlite(load_again(bundled_data_path(), cache=False))

    def test_dates_as_written_with_their_days(self):
        """A Solar Hijri date is kept as written, with the Gregorian first and last day beside it."""
        from coalitions import DateClaim, Declaration, DeclarationKind, Source, parse_when

        doc = (Citation("doc"),)
        corpus = Corpus(declarations=[Declaration("d", "D", DeclarationKind.STATEMENT,
                                                  (DateClaim(parse_when("Qaws 1403")),), doc)],
                        sources=[Source("doc", "A document")])  # fmt: skip
        connection = sqlite3.connect(":memory:")
        connection.deserialize(to_sqlite(corpus))
        row = connection.execute("SELECT date, date_earliest, date_latest FROM declarations").fetchone()
        assert ("Qaws 1403", "2024-11-21", "2024-12-20") == row

    def test_full_text_search(self, db):
        """``search`` finds an abbreviation and a quote by their words."""
        org = next(o for o in BUNDLED.organisations if o.abbreviations)
        hits = db.execute("SELECT record FROM search WHERE search MATCH ? AND kind = 'abbreviation'",
                          (f'"{org.abbreviations[0]}"',)).fetchall()  # fmt: skip
        assert (org.id,) in hits
        quote = next(c.quote for c in BUNDLED.organisations[0].sources if c.quote)
        words = " ".join(f'"{w}"' for w in quote.split()[:3])
        found = db.execute("SELECT text FROM search WHERE search MATCH ? AND kind = 'quote'", (words,)).fetchall()
        assert (quote,) in found

    def test_signatories_view_is_the_analysis(self, db):
        """The ``signatories`` view lists, for each declaration, what ``signatories(expand=True)`` lists in the
        corpus's default scope, with who represented each organisation and the list's status."""
        from coalitions.analysis import who_counts

        lists = {c.declaration: (str(c.status), str(c.people_status)) for c in who_counts(BUNDLED)}
        for declaration in BUNDLED.declarations:
            found = signatories(BUNDLED, declaration.id, expand=True, scope=_scope())
            expected = sorted((s.signer, s.kind, str(s.status), s.certainty, s.basis, json.dumps(
                list(s.represented_by)), lists[declaration.id][s.kind != "organisation"]) for s in found)  # fmt: skip
            actual = sorted(db.execute("SELECT signer, kind, status, certainty, basis, represented_by, listed FROM "
                                       "signatories WHERE declaration = ?", (declaration.id,)).fetchall())  # fmt: skip
            assert expected == actual

    def test_council_members_view_is_members_at(self, db):
        """For every council, on every day its composition may change and the day before, ``council_members``
        lists what ``members_at`` lists."""
        for council in BUNDLED.councils:
            days = {datetime.date(2019, 1, 1), datetime.date(2025, 6, 30)}
            for m in BUNDLED.members_of(council.id):
                for when in (m.start, m.end):
                    if when is not None:
                        days |= {when.earliest, when.latest, when.earliest - datetime.timedelta(days=1),
                                 when.latest + datetime.timedelta(days=1)}  # fmt: skip
            for day in sorted(days):
                expected = sorted((m.member, m.certainty, m.status.value) for m in members_at(BUNDLED, council.id, day))
                actual = db.execute(
                    "SELECT member, certainty, status FROM council_members WHERE council = ? AND "
                    "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR ? <= valid_to) ORDER BY 1, 2, 3",
                    (council.id, day.isoformat(), day.isoformat()),
                ).fetchall()
                assert expected == actual, (council.id, day)

    def test_what_it_counted(self, db):
        """The ``analysis`` table names the scope of the computed tables and the last day the corpus covers."""
        from coalitions.analysis import choose_scope, scope_label

        assert [(scope_label(choose_scope(BUNDLED)), BUNDLED.last_day.isoformat())] == db.execute(
            "SELECT scope_label, last_day FROM analysis").fetchall()

    def test_list_statuses(self, db):
        """Rule (issue #13, 4): each declaration's lists are complete, partial or unknown as the analysis says."""
        from coalitions.analysis import who_counts

        expected = sorted((c.declaration, level, str(status)) for c in who_counts(BUNDLED)
                          for level, status in (("organisations", c.status), ("people", c.people_status)))
        assert expected == sorted(db.execute("SELECT declaration, level, status FROM declaration_lists").fetchall())

    def test_undated_changes_have_no_date(self):
        """Rule (issue #13, 5): an undated membership is a change with no date (never dropped), one a dated document
        shows a change "listed" on that day, a rename is a change on its day, and the composition gives it as undated, certain on that day."""
        db = sqlite3.connect(":memory:")
        db.deserialize(to_sqlite(_undated()))
        assert [(None, "b", "undated"), ("2024-06-10", "d", "listed"), ("2023-05", "old", "renamed-from"),
                ("2021", "w", "joined"), ("2022-05-01", "w", "withdrew")] == db.execute(
            "SELECT date, member, change FROM council_changes ORDER BY member, date_earliest").fetchall()
        assert {"undated", "certain"} == {r[0] for r in db.execute(
            "SELECT certainty FROM council_members WHERE member = 'd'")}  # fmt: skip
        assert [("certain",)] == db.execute("SELECT certainty FROM council_members WHERE member = 'd' AND "
                                            "valid_from <= '2024-06-10' AND '2024-06-10' <= valid_to").fetchall()

    def test_unity_view_is_the_metric_series(self, db):
        """The ``unity`` view holds the ranges of ``metric_series``, NaN as NULL."""
        expected = []
        for point in metric_series(BUNDLED):
            value = point.effective_number
            expected.append((str(point.window), None if value.low != value.low else value.low,
                             None if value.high != value.high else value.high))  # fmt: skip
        actual = db.execute("SELECT window, effective_number_low, effective_number_high FROM unity").fetchall()
        assert expected == actual
        flags = [(str(p.window), int(all(getattr(p, m).exact for m in ("effective_number", "fragmentation",
                                                                          "mean_jaccard", "coverage"))),
                  int(any(getattr(p, m).partial for m in ("effective_number", "fragmentation", "mean_jaccard",
                                                          "coverage"))), json.dumps(list(p.unknown)))
                 for p in metric_series(BUNDLED)]  # fmt: skip
        assert flags == db.execute("SELECT window, exact, partial, left_out FROM unity").fetchall()
        movers = db.execute("SELECT movers FROM metric_series WHERE window = '2024' AND metric = 'coverage'").fetchone()
        from coalitions import describe_claim

        point = next(p for p in metric_series(BUNDLED) if str(p.window) == "2024")
        assert [describe_claim(BUNDLED, c) for c in point.coverage.movers] == json.loads(movers[0])

    def test_refuses_a_dangling_reference(self):
        """A corpus citing a source it does not hold is refused, naming the table."""
        corpus = Corpus([Organisation("nrf", "NRF", OrganisationKind.FRONT, (Citation("missing"),))])
        with pytest.raises(SQLiteExportError, match="citations row 1 refers to a missing sources"):
            to_sqlite(corpus)


class TestFromSqlite:
    """Reading the database back."""

    def test_bundled_round_trip(self, tmp_path):
        """The bundled corpus, written to a file and read back, is equal to itself: every record, claim and
        citation."""
        path = tmp_path / "corpus with space.db"
        write_sqlite(BUNDLED, path, metadata=False)
        assert BUNDLED == from_sqlite(path)

    def test_new_fields_round_trip(self):
        """A declaration's list status, a signature's title, affiliation and status date, a membership's status
        date, a relation's date and the settings' scopes read back as they were written."""
        corpus = _undated()
        assert corpus == from_sqlite(to_sqlite(corpus))
        read = from_sqlite(to_sqlite(corpus))
        assert (ListStatus.PARTIAL, "Chair", "2024-06-11", "2022-05-01", "2023-05", "movement") == (
            read.declaration("x").listed, read.declaration("x").signatures[1].title,
            str(read.declaration("x").signatures[1].status_date), str(read.memberships[-1].status_date),
            str(read.organisation("c").relations[0].date), read.settings.scopes[0].id)

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_corpora())
    def test_round_trip(self, corpus):
        """Rule: "the export is complete and exact": reading the database of a valid corpus gives an equal corpus."""
        assert corpus == from_sqlite(to_sqlite(corpus))


class TestWriteSqlite:
    """Writing the database and its metadata."""

    def test_writes_both(self, tmp_path):
        """The database and Datasette's metadata.json are written side by side."""
        written = write_sqlite(BUNDLED, tmp_path / "corpus.db")
        assert (tmp_path / "corpus.db", tmp_path / "metadata.json") == written
        assert "corpus" in json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))["databases"]

    def test_refuses_a_directory(self, tmp_path):
        """A directory in the way is not written over."""
        (tmp_path / "corpus.db").mkdir()
        with pytest.raises(SQLiteExportError, match="is not a regular file"):
            write_sqlite(BUNDLED, tmp_path / "corpus.db")


class TestDatasetteMetadata:
    """The canned queries."""

    def test_five_questions(self):
        """The metadata has a canned query for each of the five questions, with a title and a description."""
        queries = datasette_metadata(BUNDLED)["databases"]["corpus"]["queries"]
        assert ["who-signed", "council-at-date", "overlap", "joined-or-left", "unity"] == list(queries)
        assert all(q["title"] and q["description"] and q["sql"] for q in queries.values())

    def test_queries_run(self, db):
        """Each canned query runs on the database with its parameters and answers as the Python API does."""
        council = "supreme-council-of-national-resistance"
        a, b = BUNDLED.declarations[-1].id, BUNDLED.declarations[-2].id
        params = {"who-signed": {"name": "jamiat"}, "council-at-date": {"council": council, "date": "2024-06-30"},
                  "overlap": {"a": a, "b": b}, "joined-or-left": {"council": council}, "unity": {}}  # fmt: skip
        answers = {name: db.execute(sql, params[name]).fetchall() for name, (_, _, sql) in CANNED_QUERIES.items()}
        assert all(answers["who-signed"]) and answers["joined-or-left"] and answers["unity"]
        members = sorted(m.member for m in members_at(BUNDLED, council, "2024-06-30"))
        assert members == [row[1] for row in answers["council-at-date"]]
        both = {s.signer for s in signatories(BUNDLED, a, expand=True, scope=_scope())} & {
            s.signer for s in signatories(BUNDLED, b, expand=True, scope=_scope())}
        assert both == {row[0] for row in answers["overlap"] if row[3] and row[4]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestDatasette:
    """The database served by a real Datasette (when the ``datasette`` extra is installed)."""

    def test_table_and_canned_query(self, tmp_path):
        """Datasette serves the organisations table and the "council at a date" query as JSON, matching the
        Python API; the server is stopped after."""
        pytest.importorskip("datasette", reason='needs Datasette: pip install "coalitions[datasette]"')
        write_sqlite(BUNDLED, tmp_path / "corpus.db")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", str(tmp_path / "corpus.db"), "--metadata",
             str(tmp_path / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}/corpus"

        def get(path: str) -> object:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                return json.loads(response.read())

        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    organisations = get("/organisations.json?_shape=array&_size=max")
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(f"datasette did not start: {server.stderr.read().decode()[-2000:]}")
                    time.sleep(0.3)
            assert sorted(o.id for o in BUNDLED.organisations) == sorted(o["id"] for o in organisations)
            council = "supreme-council-of-national-resistance"
            answer = get(f"/council-at-date.json?council={council}&date=2024-06-30&_shape=array")
            expected = sorted((m.member, m.certainty) for m in members_at(BUNDLED, council, "2024-06-30"))
            assert expected == [(row["member"], row["certainty"]) for row in answer]
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            server.stderr.close()


class TestExportCommand:
    """``coalitions export --format sqlite``."""

    @pytest.mark.parametrize("how", [["--output", "{db}"], ["--format", "sqlite", "-o", "{db}"], ["sqlite", "{db}"]])
    def test_writes_the_database(self, tmp_path, capsys, how):
        """``coalitions export --output corpus.db`` (the format follows .db; the older ``export sqlite FILE`` too)
        writes the database and its metadata, and says so."""
        db = tmp_path / "corpus.db"
        code = main(["export", "--data", str(bundled_data_path()), *(a.format(db=db) for a in how)])
        err = capsys.readouterr().err
        assert (0, f"wrote {db}\nwrote {tmp_path / 'metadata.json'}\n") == (code, err)
        assert BUNDLED == from_sqlite(db)

    @pytest.mark.parametrize("output", [[], ["--output", "-"]])
    def test_never_to_standard_output(self, capsys, output):
        """Without a file, the command is refused as wrong usage (a database is no text for a terminal), before
        any corpus is read."""
        code = main(["export", "--format", "sqlite", *output])
        out, err = capsys.readouterr()
        assert (2, "") == (code, out)
        assert ("coalitions: export: --format sqlite writes a database file: give --output corpus.db (see 'coalitions "
                "export --help')\n") == err
