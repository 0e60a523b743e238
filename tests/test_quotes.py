"""Quotes checked against their sources' texts (coalitions.files.quotes), through load and coalitions validate."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_records, quotes_of, source_texts

from coalitions import InvalidCorpus, Limits, load
from coalitions.cli import main
from coalitions.files import QuoteCheck, Unchecked, bundled_texts, citations_of, quote_problem, to_data
from coalitions.files.quotes import BUNDLED_ELSEWHERE

TEXT = "Minutes of 3 March 2025.\nThe Example Party was founded today; the party’s twelve members signed.\n"

SOURCES = """\
sources:
  - id: minutes
    title: Minutes
    file: texts/minutes.txt
  - id: page
    title: A page
    url: https://example.org/page
  - id: report
    title: A report of the shared material
    file: reports/annual.txt
"""

PARTY = """\
id: example-party
name: Example Party
kind: party
sources:
  - source: minutes
    quote: The Example Party was founded today
"""

DECLARATION = """\
id: charter
title: Charter
kind: founding-charter
date:
  - date: 2025-03-03
    sources:
      - source: minutes
        quote: Minutes of 3 March 2025.
signatures:
  - signer: example-party
    sources:
      - source: minutes
        quote: twelve members signed
sources: [minutes]
"""


def corpus_at(root: Path, changed: dict[str, str | None] | None = None) -> Path:
    """A small valid corpus at ``root``: ``sources.yaml``, its text ``texts/minutes.txt``, an organisation and a
    declaration quoting it; ``changed`` replaces files by name (None leaves one out)."""
    files: dict[str, str | None] = {"sources.yaml": SOURCES, "texts/minutes.txt": TEXT,
                                    "organisations/example-party.yaml": PARTY, "declarations/charter.yaml": DECLARATION}
    files.update(changed or {})
    for name, text in files.items():
        if text is None:
            continue
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def problems_of(root: Path | list[Path], **options: Any) -> list[tuple[str, int, int, str, str, str]]:
    """``(file relative to the test's folder, line, column, field, severity, code)`` of every problem of loading
    ``root`` with its quotes checked."""
    try:
        corpus = load(root, quotes=True, **options)
        problems = corpus.warnings
    except InvalidCorpus as error:
        problems = error.problems
    base = str((root[0] if isinstance(root, list) else root).parent) + os.sep
    return [(p.file.replace(base, ""), p.line, p.column, p.field, p.severity, p.code) for p in problems]


def messages_of(root: Path, **options: Any) -> list[str]:
    """The messages of loading ``root`` with its quotes checked."""
    try:
        return [p.message for p in load(root, quotes=True, **options).warnings]
    except InvalidCorpus as error:
        return [p.message for p in error.problems]


class TestQuoteProblem:
    """A quote is found when it is a substring of its text, character for character."""

    def test_found(self) -> None:
        """A piece of the text is found."""
        assert None is quote_problem("party’s twelve", TEXT, "minutes.txt")

    def test_not_found(self) -> None:
        """A quote that is not in the text says so, with the text's name."""
        expected = "not found in minutes.txt (copy a quote character for character from the text)"
        assert expected == quote_problem("thirteen members", TEXT, "minutes.txt")

    @pytest.mark.parametrize("quote", ["the party's twelve", "THE PARTY’S TWELVE", "the  party’s\ntwelve",
                                       "the\u00a0party’s twelve"])  # fmt: skip
    def test_near_miss_shows_the_texts_spelling(self, quote: str) -> None:
        """Where only quotation marks, case or spaces differ, the message gives the text's own spelling."""
        expected = "not found in m.txt; the text has 'the party’s twelve' (copy a quote character for character)"
        assert expected == quote_problem(quote, TEXT, "m.txt")

    def test_dashes_are_a_near_miss(self) -> None:
        """A hyphen for an en dash is a near miss too."""
        message = quote_problem("2012-2021", "from 2012–2021 on", "m.txt")
        assert "not found in m.txt; the text has '2012–2021' (copy a quote character for character)" == message

    def test_other_words_are_not_a_near_miss(self) -> None:
        """A different word is not found, without a suggestion."""
        message = quote_problem("the party’s thirteen", TEXT, "m.txt")
        assert "not found in m.txt (copy a quote character for character from the text)" == message

    @given(st.data(), source_texts.filter(bool))
    def test_every_piece_of_the_text_is_found(self, data: st.DataObject, text: str) -> None:
        """Rule (docs/format.md, Citations): "a quote ... must be found, character for character, in the text":
        every piece of a text, copied as it is, is found."""
        assert None is quote_problem(data.draw(quotes_of(text)), text, "t.txt")

    @given(source_texts, source_texts)
    def test_found_exactly_when_a_substring(self, quote: str, text: str) -> None:
        """Rule (docs/format.md, Citations): a quote is found exactly when it is a substring of the text; a
        suggested spelling is always a piece of the text."""
        message = quote_problem(quote, text, "t.txt")
        assert (quote in text) == (message is None)
        if message is not None and "the text has " in message:
            shown = message.split("the text has ", 1)[1].rsplit(" (copy", 1)[0]
            assert eval(shown) in text  # noqa: S307 - the repr of a str the check wrote


def _walk(node: Any, trail: str = "") -> list[tuple[str, str]]:
    """``(path, source)`` of every citation in plain data as written to a file (a mapping with ``source``, or a
    text in a ``sources`` or ``contradicted_by`` list)."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("source"), str):
            found.append((trail, node["source"]))
        for key, value in node.items():
            path = f"{trail}.{key}" if trail else str(key)
            if key in ("sources", "contradicted_by") and isinstance(value, list):
                found += [(f"{path}[{i}]", item) for i, item in enumerate(value) if isinstance(item, str)]
            found += _walk(value, path)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _walk(item, f"{trail}[{i}]")
    return found


class TestCitationsOf:
    """Every citation of a record, at the path its file writes it at."""

    def test_paths_as_written(self, tmp_path: Path) -> None:
        """A declaration's date claims, signatures and own sources, each at its path in the file."""
        declaration = load(corpus_at(tmp_path / "c")).declaration("charter")
        expected = [("date[0].sources[0]", "minutes"), ("signatures[0].sources[0]", "minutes"),
                    ("sources[0]", "minutes")]  # fmt: skip
        assert expected == sorted((path, c.source) for path, c in citations_of(declaration))

    @given(any_records())
    def test_every_citation_at_its_place_in_the_file(self, record: Any) -> None:
        """Rule (docs/format.md, Citations): every quote is checked, and located at the quote: the citations found
        in a record are those of the file it is written as, at the same paths."""
        assert sorted(_walk(to_data(record))) == sorted((path, c.source) for path, c in citations_of(record))


class TestBundledTexts:
    """The bundled corpus of a source checkout finds its texts in ../shared beside the checkout."""

    def test_beside_a_checkout(self, tmp_path: Path) -> None:
        """``CHECKOUT/data`` has its texts in ``shared`` beside ``CHECKOUT``."""
        (tmp_path / "clone" / "data").mkdir(parents=True)
        (tmp_path / "shared").mkdir()
        assert (tmp_path / "shared").resolve() == bundled_texts(tmp_path / "clone" / "data")

    def test_without_shared_material(self, tmp_path: Path) -> None:
        """No ``shared`` folder beside the checkout: no texts."""
        (tmp_path / "clone" / "data").mkdir(parents=True)
        assert None is bundled_texts(tmp_path / "clone" / "data")

    def test_installed_package(self, tmp_path: Path) -> None:
        """The copy inside an installed package (``coalitions/_data``) has none, whatever is beside it."""
        (tmp_path / "site" / "coalitions" / "_data").mkdir(parents=True)
        (tmp_path / "site" / "shared").mkdir()
        assert None is bundled_texts(tmp_path / "site" / "coalitions" / "_data")


class TestLoadWithQuotes:
    """load(..., quotes=True) checks every quote against its source's text."""

    def test_every_quote_found(self, tmp_path: Path) -> None:
        """Quotes of texts/ are found; the sources without a text are one note; the checked quotes are counted."""
        check = QuoteCheck()
        corpus = load(corpus_at(tmp_path / "c"), quotes=check)
        assert (3, 0, ()) == (check.checked, check.not_found, tuple(p for p in corpus.warnings))

    def test_quote_not_found_is_an_error_at_the_quote(self, tmp_path: Path) -> None:
        """A quote not in its text is an error located at the quote, with the source and the text named."""
        root = corpus_at(tmp_path / "c", {"declarations/charter.yaml": DECLARATION.replace("twelve members signed",
                                                                                        "12 members signed")})
        expected = [("c/declarations/charter.yaml", 13, 16, "signatures[0].sources[0].quote", "error",
                     "quote-not-found")]  # fmt: skip
        assert expected == problems_of(root)
        assert messages_of(root)[0].startswith(f"quote of source 'minutes' not found in {root}/texts/minutes.txt")

    def test_in_a_memberships_file_and_a_date_claim(self, tmp_path: Path) -> None:
        """Quotes of a membership and of a date claim are located in their own lists."""
        members = "organisation: example-party\nmembers:\n  - member: example-party-two\n    sources: [minutes]\n" \
            "  - member: someone\n    sources:\n      - source: minutes\n        quote: nowhere\n"  # fmt: skip
        root = corpus_at(tmp_path / "c", {"memberships/example-party.yaml": members,
                         "people/someone.yaml": "id: someone\nname: Someone\nsources: [minutes]\n",
                         "organisations/example-party-two.yaml": PARTY.replace("quote: The Example Party was",
                                                                               "quote: was")
                         .replace("example-party", "example-party-two")
                         .replace("Example Party", "Example Party Two"),
                         "declarations/charter.yaml": DECLARATION.replace("Minutes of 3", "Minutes of 4")})  # fmt: skip
        expected = [("c/declarations/charter.yaml", 8, 16, "date[0].sources[0].quote", "error", "quote-not-found"),
                    ("c/memberships/example-party.yaml", 8, 16, "members[1].sources[0].quote", "error",
                     "quote-not-found")]  # fmt: skip
        assert expected == problems_of(root)

    def test_line_endings_of_the_text(self, tmp_path: Path) -> None:
        """A text with CRLF line endings is read with ``\\n`` ones: a quote across a line break is found."""
        party = PARTY.replace("quote: The Example Party was founded today",
                              'quote: "3 March 2025.\\nThe Example Party"')  # fmt: skip
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        (root / "texts" / "minutes.txt").write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
        assert [] == problems_of(root)

    def test_texts_not_available_are_one_note(self, tmp_path: Path) -> None:
        """A source without a file, one of the shared material without its folder, and a missing file of texts/
        make one note naming them, not an error; their quotes are counted as not checked."""
        party = PARTY + "  - source: page\n    quote: a page\n  - source: report\n    quote: a report\n" \
            "  - source: report\n    quote: the report\n"  # fmt: skip
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        check = QuoteCheck()
        corpus = load(root, quotes=check)
        expected = ("c/sources.yaml: note: 2 sources' texts were not available, so their 3 quotes were not checked: "
                    "page (no file: add file: texts/NAME with the text in texts/); report (files of the shared "
                    "material, whose folder was not given (--texts FOLDER))")  # fmt: skip
        assert [expected] == [str(p).replace(f"{tmp_path}/", "") for p in corpus.warnings]
        assert (Unchecked("page", f"{root}/sources.yaml", 1, "no file"),
                Unchecked("report", f"{root}/sources.yaml", 2, "reports/annual.txt is a file of the shared "
                          "material, whose folder was not given (--texts FOLDER)")) == check.unchecked  # fmt: skip
        (root / "texts" / "minutes.txt").unlink()
        assert messages_of(root)[0].startswith("3 sources' texts were not available, so their 6 quotes were not "
                                               f"checked: minutes ({root}/texts/minutes.txt not found)")  # fmt: skip

    def test_require_makes_each_an_error_at_its_file(self, tmp_path: Path) -> None:
        """With ``require``, a quoted source whose text is not available is an error at its ``file`` (or its id)."""
        party = PARTY + "  - source: page\n    quote: a page\n  - source: report\n    quote: a report\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        with pytest.raises(InvalidCorpus) as info:
            load(root, quotes=QuoteCheck(require=True))
        expected = [(5, 9, "id", "text-missing"), (10, 11, "file", "text-missing")]
        assert expected == [(p.line, p.column, p.field, p.code) for p in info.value.problems]

    def test_shared_material_in_the_folder_given(self, tmp_path: Path) -> None:
        """A file outside texts/ is read in the folder given with ``texts=``."""
        party = PARTY + "  - source: report\n    quote: two lines\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        (tmp_path / "shared" / "reports").mkdir(parents=True)
        (tmp_path / "shared" / "reports" / "annual.txt").write_text("It has two lines.\n", encoding="utf-8")
        check = QuoteCheck(tmp_path / "shared")
        load(root, quotes=check)
        assert (4, ()) == (check.checked, check.unchecked)
        assert [] == problems_of(root, texts=tmp_path / "shared")

    def test_bundled_corpus_of_a_checkout(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The bundled corpus of a checkout (``CHECKOUT/data``) reads its shared material in ``../shared`` beside
        the checkout, without ``texts=``."""
        import coalitions.files.loader as loader

        party = PARTY + "  - source: report\n    quote: two lines\n"
        root = corpus_at(tmp_path / "clone" / "data", {"organisations/example-party.yaml": party})
        (tmp_path / "shared" / "reports").mkdir(parents=True)
        (tmp_path / "shared" / "reports" / "annual.txt").write_text("It has two lines.\n", encoding="utf-8")
        monkeypatch.setattr(loader, "bundled_data_path", lambda: root)
        check = QuoteCheck()
        load(root, quotes=check)
        assert (4, ()) == (check.checked, check.unchecked)

    def test_bundled_corpus_installed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The bundled corpus of an installed package has no shared material: its quotes of that material are
        counted as not checked, without a note or an error (the project's tests check them); its texts/ are read."""
        import coalitions.files.loader as loader

        party = PARTY + "  - source: report\n    quote: two lines\n"
        root = corpus_at(tmp_path / "site" / "coalitions" / "_data", {"organisations/example-party.yaml": party})
        monkeypatch.setattr(loader, "bundled_data_path", lambda: root)
        check = QuoteCheck(require=True)
        corpus = load(root, quotes=check)
        assert ((), 3) == (corpus.warnings, check.checked)
        assert (Unchecked("report", str(root / "sources.yaml"), 1, BUNDLED_ELSEWHERE, noted=False),) == \
            check.unchecked  # fmt: skip

    def test_a_missing_folder_of_shared_material(self, tmp_path: Path) -> None:
        """A folder given that is not there is an error of its own."""
        expected = [("c/sources.yaml", 0, 0, "", "note", "quotes-unchecked"), ("nowhere", 0, 0, "", "error", "io")]
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": PARTY + "  - source: report\n"
                         "    quote: a report\n"})  # fmt: skip
        assert expected == [(f, *rest) if f != str(tmp_path / "nowhere") else ("nowhere", *rest)
                            for f, *rest in problems_of(root, texts=tmp_path / "nowhere")]  # fmt: skip

    def test_texts_needs_quotes(self, tmp_path: Path) -> None:
        """``texts=`` without ``quotes=True`` is a mistake of the call, said as such."""
        with pytest.raises(ValueError, match="give quotes=True"):
            load(corpus_at(tmp_path / "c"), texts=tmp_path)

    def test_each_text_read_once(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A text quoted many times, by several sources, is read once."""
        import coalitions.files.quotes as quotes

        reads: list[str] = []
        real = quotes.read_limited

        def counted(path: Any, *args: Any, **kwargs: Any) -> bytes:
            reads.append(Path(path).name)
            return real(path, *args, **kwargs)

        monkeypatch.setattr(quotes, "read_limited", counted)
        sources = SOURCES + "  - id: minutes-again\n    title: The same minutes\n    file: texts/minutes.txt\n"
        party = PARTY + "  - source: minutes-again\n    quote: twelve members\n"
        load(corpus_at(tmp_path / "c", {"sources.yaml": sources, "organisations/example-party.yaml": party}),
             quotes=True)
        assert ["minutes.txt"] == reads


class TestTextsRefused:
    """A text is read as the corpus's files are: regular files, within the limit, never through a link out."""

    def test_link_out_of_the_corpus(self, tmp_path: Path) -> None:
        """A text of texts/ that is a link out of the corpus is refused, never read."""
        root = corpus_at(tmp_path / "c")
        (tmp_path / "secret.txt").write_text("The Example Party was founded today", encoding="utf-8")
        (root / "texts" / "minutes.txt").unlink()
        (root / "texts" / "minutes.txt").symlink_to(tmp_path / "secret.txt")
        check = QuoteCheck()
        assert [("c/texts/minutes.txt", 0, 0, "", "error", "link")] == problems_of(root)
        with pytest.raises(InvalidCorpus):
            load(root, quotes=check)
        assert 0 == check.checked

    def test_folder_link_out_of_the_corpus(self, tmp_path: Path) -> None:
        """A texts/ folder that leads out of the corpus is refused (the folder, and each text read through it)."""
        root = corpus_at(tmp_path / "c")
        (root / "texts").rename(tmp_path / "elsewhere")
        (root / "texts").symlink_to(tmp_path / "elsewhere")
        assert [("c/texts", 0, 0, "", "error", "link"), ("c/texts/minutes.txt", 0, 0, "", "error", "link")] == \
            problems_of(root)  # fmt: skip

    def test_link_inside_the_corpus(self, tmp_path: Path) -> None:
        """A link to a text of the same corpus is followed."""
        root = corpus_at(tmp_path / "c")
        (root / "texts" / "minutes.txt").rename(root / "texts" / "original.txt")
        (root / "texts" / "minutes.txt").symlink_to("original.txt")
        assert [] == problems_of(root)

    def test_link_out_of_the_shared_material(self, tmp_path: Path) -> None:
        """A file of the shared material that leads out of the folder given is refused."""
        party = PARTY + "  - source: report\n    quote: a report\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        (tmp_path / "shared" / "reports").mkdir(parents=True)
        (tmp_path / "secret.txt").write_text("a report", encoding="utf-8")
        (tmp_path / "shared" / "reports" / "annual.txt").symlink_to(tmp_path / "secret.txt")
        assert [("shared/reports/annual.txt", 0, 0, "", "error", "link")] == [
            (f.replace(f"{tmp_path}/", ""), *rest) for f, *rest in problems_of(root, texts=tmp_path / "shared")]

    def test_over_the_limit(self, tmp_path: Path) -> None:
        """A text over ``Limits.max_file_bytes`` is refused from its size."""
        root = corpus_at(tmp_path / "c")
        (root / "texts" / "minutes.txt").write_text(TEXT + "x" * 2000, encoding="utf-8")
        assert [("c/texts/minutes.txt", 0, 0, "", "error", "file-too-large")] == \
            problems_of(root, limits=Limits(max_file_bytes=1500))  # fmt: skip

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_a_fifo(self, tmp_path: Path) -> None:
        """A FIFO is refused as what it is, without waiting for a writer."""
        root = corpus_at(tmp_path / "c")
        (root / "texts" / "minutes.txt").unlink()
        os.mkfifo(root / "texts" / "minutes.txt")
        assert [("c/texts/minutes.txt", 0, 0, "", "error", "not-a-file")] == problems_of(root)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A text that is not UTF-8 is an error of the text, with the byte and where it is."""
        root = corpus_at(tmp_path / "c")
        (root / "texts" / "minutes.txt").write_bytes(b"Minutes of 3 March 2025, caf\xe9.\n")
        assert ["byte 0xE9 at offset 28 is not valid UTF-8; quotes are checked against a source's text as UTF-8: "
                "save it as UTF-8"] == messages_of(root)  # fmt: skip


class TestSeveralFolders:
    """Folders loaded together: each source's texts/ is the one beside the sources.yaml that lists it."""

    def test_each_folder_its_own_texts(self, tmp_path: Path) -> None:
        """Two folders with a texts/minutes.txt each: each source is checked against its own folder's text."""
        first = corpus_at(tmp_path / "first")
        sources = SOURCES.replace("id: minutes", "id: other-minutes").replace("id: page", "id: other-page") \
            .replace("id: report", "id: other-report")  # fmt: skip
        party = PARTY.replace("source: minutes\n    quote: The Example Party was founded today",
                              "source: other-minutes\n    quote: Only in the second") \
            .replace("example-party", "other-party").replace("Example Party", "Other Party")  # fmt: skip
        second = corpus_at(tmp_path / "second", {"sources.yaml": sources, "organisations/example-party.yaml": None,
                           "declarations/charter.yaml": None, "organisations/other-party.yaml": party,
                           "texts/minutes.txt": "Only in the second folder.\n"})  # fmt: skip
        check = QuoteCheck()
        load([first, second], quotes=check)
        assert (4, 0) == (check.checked, check.not_found)


class TestValidate:
    """coalitions validate checks the quotes and says which sources it could not check."""

    def test_quote_not_found(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A quote not found is printed as file:line:column: field: message, and the command exits 1."""
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": PARTY.replace("founded today",
                                                                                         "founded yesterday")})
        assert 1 == main(["validate", "--data", str(root)])
        err = capsys.readouterr().err.splitlines()
        assert [f"{root}/organisations/example-party.yaml:6:12: sources[0].quote: quote of source 'minutes' not "
                f"found in {root}/texts/minutes.txt (copy a quote character for character from the text)",
                "1 error; the corpus was not loaded"] == err  # fmt: skip

    def test_note_does_not_fail_strict(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Sources whose texts are not there are a note, which ``--strict`` does not fail on; ``--quiet`` prints only
        the result."""
        party = PARTY + "  - source: page\n    quote: a page\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        assert 0 == main(["validate", "--data", str(root), "--strict"])
        out, err = capsys.readouterr()
        assert (f"{root}/sources.yaml: note: 1 source's text was not available, so its quote was not checked: page "
                "(no file: add file: texts/NAME with the text in texts/)\n") == err  # fmt: skip
        assert out.startswith(f"ok: {root}: ")
        assert (0, "") == (main(["validate", "--data", str(root), "--strict", "--quiet"]), capsys.readouterr().err)

    def test_require_texts(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--require-texts`` makes such a source an error at its place in sources.yaml."""
        party = PARTY + "  - source: page\n    quote: a page\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        assert 1 == main(["validate", "--data", str(root), "--require-texts"])
        assert [f"{root}/sources.yaml:5:9: id: the text of source 'page' is not available (no file), so its quote "
                "cannot be checked (texts are required)", "1 error; the corpus was not loaded"] == \
            capsys.readouterr().err.splitlines()  # fmt: skip

    def test_texts_option(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--texts FOLDER`` names the shared material."""
        party = PARTY + "  - source: report\n    quote: a report\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        (tmp_path / "shared" / "reports").mkdir(parents=True)
        (tmp_path / "shared" / "reports" / "annual.txt").write_text("It is A  Report.\n", encoding="utf-8")
        assert 1 == main(["validate", "--data", str(root), "--texts", str(tmp_path / "shared")])
        assert f"not found in {tmp_path}/shared/reports/annual.txt; the text has 'A  Report'" in capsys.readouterr().err

    def test_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format json`` counts the quotes checked and not checked, and has the note among the problems."""
        party = PARTY + "  - source: page\n    quote: a page\n"
        root = corpus_at(tmp_path / "c", {"organisations/example-party.yaml": party})
        assert 0 == main(["validate", "--data", str(root), "--format", "json"])
        data = json.loads(capsys.readouterr().out)
        assert ((3, 1), [("note", "quotes-unchecked")]) == (
            (data["summary"]["quotes_checked"], data["summary"]["quotes_not_checked"]),
            [(p["severity"], p["code"]) for p in data["problems"]])  # fmt: skip
