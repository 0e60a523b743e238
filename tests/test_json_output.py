"""Every command's ``--format json`` is structured data that its JSON Schema describes
(``coalitions/schemas/*.output.schema.json``); and what the data says."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import valid_corpora
from test_cli import CORPUS, run

import coalitions

SCHEMAS = Path(coalitions.__file__).parent / "schemas"

#: ``(schema, argv)``: every command that writes JSON, on the golden corpus, in each of its forms.
RUNS = [
    ("report", ("report", "--data", str(CORPUS), "--to", "2024-12-31")),
    ("show", ("show", "red-party", "--data", str(CORPUS))),
    ("show", ("show", "alpha-council", "--data", str(CORPUS))),
    ("show", ("show", "jane doe", "--data", str(CORPUS))),
    ("show", ("show", "first-call", "--data", str(CORPUS))),
    ("show", ("show", "gazette", "--data", str(CORPUS))),
    ("timeline", ("timeline", "Red Party", "--data", str(CORPUS))),
    ("diff", ("diff", "first-call", "third-statement", "--data", str(CORPUS))),
    ("diff", ("diff", "alpha-council", "--at", "2022-05", "--at", "2024-02-15", "--data", str(CORPUS))),
    ("diff", ("diff", "first-call", "alpha-council", "--data", str(CORPUS))),
    ("list", ("list", "--data", str(CORPUS))),
    ("list", ("list", "councils", "--data", str(CORPUS))),
    ("search", ("search", "party", "--data", str(CORPUS))),
    ("validate", ("validate", "--data", str(CORPUS))),
]


def _schema(name: str) -> Any:
    return json.loads((SCHEMAS / f"{name}.output.schema.json").read_text(encoding="utf-8"))


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    """The JSON ``coalitions argv --format json`` writes (the command must succeed)."""
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (0, "") == (code, err)
    return json.loads(out)


class TestSchemas:
    @pytest.mark.parametrize(("name", "argv"), RUNS, ids=lambda v: v if isinstance(v, str) else " ".join(v[:2]))
    def test_output_follows_its_schema(self, capsys: pytest.CaptureFixture[str], name: str,
                                       argv: tuple[str, ...]) -> None:  # fmt: skip
        """Rule (docs/cli.md): each command's JSON has a `version` and is valid against its shipped schema."""
        jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the schema extra")
        data = output(capsys, *argv)
        jsonschema.Draft202012Validator.check_schema(_schema(name))
        jsonschema.validate(data, _schema(name), cls=jsonschema.Draft202012Validator)
        assert _schema(name)["properties"]["version"]["const"] == data["version"]
        assert (2 if name in ("report", "show", "timeline", "diff") else 1) == data["version"]

    def test_refused_corpus_follows_the_schema(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """validate --format json on a broken corpus: exit 1, every problem located, valid against the schema."""
        jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the schema extra")
        broken = tmp_path / "corpus"
        shutil.copytree(CORPUS, broken)
        (broken / "organisations" / "blue-party.yaml").write_text("id: blue-party\nname: Blue\nkind: nonsense\n")
        code, out, err = run(capsys, "validate", "--data", str(broken), "--format", "json")
        data = json.loads(out)
        jsonschema.validate(data, _schema("validate"), cls=jsonschema.Draft202012Validator)
        assert (1, "", False, None) == (code, err, data["ok"], data["summary"])
        first = data["problems"][0]
        assert ("blue-party.yaml", 1, 1, "sources", "missing", "error") == (
            Path(first["file"]).name, first["line"], first["column"], first["field"], first["code"],
            first["severity"])  # fmt: skip
        assert ["error", "error", "note"] == [p["severity"] for p in data["problems"]]

    def test_every_schema_is_shipped_and_tested(self) -> None:
        """Each output schema in the package is exercised above, and says what it describes."""
        shipped = {p.name.removesuffix(".output.schema.json") for p in SCHEMAS.glob("*.output.schema.json")}
        assert shipped == {name for name, _ in RUNS}
        assert all(_schema(name)["title"].startswith(f"coalitions {name}") for name in shipped)


class TestShow:
    def test_fields_not_lines(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show's JSON has the record's fields as its file has them, and its relations."""
        data = output(capsys, "show", "alpha-council", "--data", str(CORPUS))
        assert ("organisation", "Alpha Council", "council") == (data["type"], data["name"], data["record"]["kind"])
        assert ["blue-party", "green-movement", "red-party"] == sorted(m["member"] for m in data["members"])
        assert "lines" not in data

    def test_source_lists_every_claim_citing_it(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show SOURCE lists the claims that cite it, as many as the files cite it, each with its record, field path
        and quote."""
        data = output(capsys, "show", "wire", "--data", str(CORPUS))
        cited = sum(len(re.findall(r"(?<![\w-])wire(?![\w-])", p.read_text(encoding="utf-8")))
                    for p in CORPUS.rglob("*.yaml") if p.name != "sources.yaml")  # fmt: skip
        assert cited == len(data["claims"])
        assert {"type": "declaration", "record": "third-statement", "field": "date[1].sources[0]", "quote": None,
                "confidence": None, "against": False} in data["claims"]  # fmt: skip
        assert {"type": "membership", "record": "alpha-council", "member": "green-movement", "field": "sources[0]",
                "quote": None, "confidence": None, "against": False} in data["claims"]  # fmt: skip

    def test_against(self, bundled: coalitions.Corpus) -> None:
        """A citation in contradicted_by is a claim against: `against` is true exactly there."""
        from coalitions.report import claims_citing

        claims = claims_citing(bundled, "joint-declaration-2024")
        assert any(c["against"] for c in claims)
        assert all(c["against"] == (".contradicted_by[" in "." + c["field"]) for c in claims)

    def test_who_represented_whom(self, capsys: pytest.CaptureFixture[str], bundled: coalitions.Corpus) -> None:
        """Rule (issue #13, 3): show names who represented whom: a declaration's `counted` gives each organisation
        with who signed or attended for it, and an organisation's `represented_in` the signatures made for it."""
        from coalitions import (Citation, Corpus, DateClaim, Declaration, DeclarationKind, Organisation,
                                OrganisationKind, Person, Signature, parse_when)  # fmt: skip
        from coalitions.report import show_data

        doc = (Citation("doc"),)
        letter = Declaration("letter", "Letter", DeclarationKind.STATEMENT, (DateClaim(parse_when("2023")),), doc,
                             signatures=(Signature(doc, signer="p", on_behalf_of="a"),))  # fmt: skip
        small = Corpus([Organisation("a", "A", OrganisationKind.PARTY, doc)], [Person("p", "P", doc)], (), [letter])
        data = show_data(small, "letter")
        assert [{"id": "a", "kind": "organisation", "status": "asserted", "represented_by": ["p"]}] == data["counted"]
        assert "complete" == data["lists"]["organisations"]
        # The UN chaired the first Doha meeting, Guterres for it; it is out of the bundled default scope, so the
        # meeting counts nobody there, and its list of organisations is partial.
        data = show_data(bundled, "doha-meeting-1")
        assert ([], "partial") == (data["counted"], data["lists"]["organisations"])
        assert "opposition" in data["scope"]
        found = show_data(bundled, "united-nations")["represented_in"]
        assert [("doha-meeting-1", "antonio-guterres")] == [(r["declaration"], r["by"]) for r in found]

    def test_source_in_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The text of show SOURCE has the table of claims."""
        code, out, _ = run(capsys, "show", "gazette", "--data", str(CORPUS))
        assert 0 == code and "Claims citing it (" in out and "field" in out


class TestDiff:
    def test_numbers_and_sets(self, capsys: pytest.CaptureFixture[str]) -> None:
        """diff's JSON has ids, the sets and the figures as numbers, for each reading of the disputed claims."""
        data = output(capsys, "diff", "first-call", "third-statement", "--data", str(CORPUS))
        reading = data["readings"]["disputed_in"]
        assert (2, 0, 0, 1.0) == (len(reading["shared"]), len(reading["only_a"]), len(reading["only_b"]),
                                  reading["jaccard"])  # fmt: skip
        assert {"id": "first-call", "type": "declaration", "at": None} == data["a"]
        assert set(reading["shared"]) <= set(data["names"])

    def test_ranges(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Rule (issue #13, 6): diff's JSON gives each figure over every reading, with low, high, exact, partial and
        the claims that move it as text, the scope and each side's list status."""
        data = output(capsys, "diff", "first-call", "third-statement", "--data", str(CORPUS))
        assert {"text": "0.5 to 1", "low": 0.5, "high": 1.0, "exact": True, "partial": False,
                "movers": ["Green Movement signed the statement of 2024-01-15 (disputed)"]} == data["ranges"]["jaccard"]
        assert ({"a": "complete", "b": "complete"}, "everyone (no scope)") == (data["lists"], data["scope"])


class TestList:
    def test_ids_names_dates(self, capsys: pytest.CaptureFixture[str]) -> None:
        """list organisations gives every organisation with its id, name and dates."""
        data = output(capsys, "list", "organisations", "--data", str(CORPUS))
        corpus = coalitions.load(CORPUS)
        assert [o.id for o in corpus.organisations] == [o["id"] for o in data["lists"]["organisations"]]

    def test_csv_needs_a_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV holds one list: list without a kind in CSV is wrong usage."""
        code, _, err = run(capsys, "list", "--data", str(CORPUS), "--format", "csv")
        assert 2 == code and "say which" in err

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """In text, one table a kind."""
        code, out, _ = run(capsys, "list", "people", "--data", str(CORPUS))
        assert 0 == code and "Jane Doe" in out


class TestSearch:
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_corpora())
    def test_every_name_finds_its_record(self, corpus: coalitions.Corpus) -> None:
        """Rule: "search over names and aliases": every name, abbreviation and alias of an organisation finds it,
        as an exact match, saying which name matched."""
        from coalitions.report import search_data

        for organisation in corpus.organisations:
            for name in organisation.names:
                results = search_data(corpus, name)["results"]
                assert any((r["id"], r["exact"]) == (organisation.id, True) and coalitions.normalise_name(r["matched"])
                           == coalitions.normalise_name(name) for r in results), (name, results)  # fmt: skip

    def test_matches_any_spelling(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A translation of a name finds its organisation, saying which name matched."""
        data = output(capsys, "search", "parti rouge", "--data", str(CORPUS))
        assert [("red-party", "Parti Rouge", "translation", True)] == [
            (r["id"], r["matched"], r["matched_as"], r["exact"]) for r in data["results"]]

    def test_nothing_found(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Nothing matches: exit 1 with "did you mean"."""
        code, out, err = run(capsys, "search", "red partyy", "--data", str(CORPUS))
        assert (1, "") == (code, out)
        assert "did you mean 'red-party'" in err
