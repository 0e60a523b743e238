"""Tests for coalitions.files.new and ``coalitions new``: a record of every kind, checked as the loader checks it
before anything is written, that passes ``coalitions validate`` at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coalitions import load, load_file
from coalitions.cli import main
from coalitions.files import EditError, new_file, new_record, new_text

SOURCES = "sources:\n  - id: doc\n    title: A document\n"
PARTY = "id: party-a\nname: Party A\nkind: party\nsources: [doc]\n"
DECLARATION = "id: charter\ntitle: Charter\nkind: founding-charter\ndate: 2020\nsources: [doc]\n"


def corpus(tmp_path: Path, declaration: bool = True) -> Path:
    """A small valid corpus: one source, one party, and (by default) one declaration."""
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "organisations").mkdir()
    (tmp_path / "organisations" / "party-a.yaml").write_text(PARTY, encoding="utf-8")
    if declaration:
        (tmp_path / "declarations").mkdir()
        (tmp_path / "declarations" / "charter.yaml").write_text(DECLARATION, encoding="utf-8")
    return tmp_path


class TestNewRecord:
    """The values, read back as the loader reads them."""

    @pytest.mark.parametrize(
        ("kind", "fields", "message"),
        [
            ("declaration", {"title": "   "}, "--title is empty; give the title"),
            ("declaration", {"title": "\x1b[31mRed"}, "--title: control character U+001B, written as an escape in "
                                                    "quotes; remove it"),
            ("organisation", {"name": "Party \u202eB"}, "--name: invisible character U+202E RIGHT-TO-LEFT OVERRIDE, "
                                                      "written as an escape in quotes; remove it"),
            ("declaration", {"id": "Doha 2025"}, "--id 'Doha 2025' is not a valid id: use lower-case ASCII letters "
                                                "and digits joined by hyphens (such as 'doha-2025')"),
            ("declaration", {"date": "2024-0\u0662-15"}, "--date: '2024-0\u0662-15': '\u0662' (ARABIC-INDIC DIGIT "
                                                        "TWO) is not an ASCII digit; write 2024-02-15"),
            ("organisation", {"name": "Party\u3164B"}, "--name: invisible character U+3164 HANGUL FILLER"),
            ("membership", {"start": "June 2024"}, "--start: 'June 2024': month names are not accepted; write "
                                                  "2024-06 (a month stays a month)"),
            ("source", {"url": "ftp://example.org"}, None),
        ],
    )  # fmt: skip
    def test_refused_as_the_loader_refuses(self, kind: str, fields: dict[str, str], message: str | None) -> None:
        """A blank required value, an escape character, a bidirectional control, non-ASCII digits, a month name
        are refused before writing, naming the option (never a TypeError)."""
        base = {"declaration": {"id": "doha-2025", "title": "Joint statement", "kind": "statement", "date": "2025-03",
                                "source": "doc"},
                "organisation": {"id": "party-b", "name": "Party B", "kind": "party", "source": "doc"},
                "membership": {"organisation": "council", "member": "party-a", "source": "doc"},
                "source": {"id": "report", "title": "A report"}}[kind]  # fmt: skip
        if message is None:  # a check across records (the URL's scheme): made with the corpus, by new_file
            assert "ftp://example.org" == new_record(kind, {**base, **fields}).url
            return
        with pytest.raises(EditError) as raised:
            new_record(kind, {**base, **fields})
        assert message == str(raised.value)

    def test_every_kind(self) -> None:
        """Each kind gives its record, values stripped."""
        assert "Ada" == new_record("person", {"id": "ada", "name": " Ada ", "source": "doc"}).name
        membership = new_record("membership", {"organisation": "c", "member": "m", "source": "doc", "role": "chair"})
        assert ("c", "m", "chair") == (membership.organisation, membership.member, membership.role)
        assert "2024" == new_record("source", {"id": "s", "title": "T", "date": "2024"}).date.to_text()


class TestNewText:
    """The text of a new file."""

    FIELDS = {"id": "doha-2025", "title": "NO", "kind": "statement", "date": "16 Qaws 1403", "source": "doc"}

    def test_text(self) -> None:
        """Each field has a comment; optional fields are listed commented out."""
        text = new_text("declaration", self.FIELDS)
        assert "# title (required): title (corrected spelling; variants go in other_titles)\ntitle: \"NO\"\n" in text
        assert "date: 16 Qaws 1403\n" in text and "# place: ..." in text

    def test_list_files(self) -> None:
        """A new sources.yaml or memberships file comments the fields of its one entry, and names the others at
        its top (lines at its end would come after the entries added later)."""
        text = new_text("source", {"id": "report", "title": "A report"})
        assert ("# A new source; see docs/format.md. Check it with: coalitions validate\n"
                "# Other fields of a source: publisher, author, url, file, date, confidence, language, notes "
                "(docs/format.md)\nsources:\n"
                "  # id (required): identifier of the source, cited by its id\n  - id: report\n"
                "    # title (required): title of the document or page\n    title: A report\n") == text  # fmt: skip


class TestNewFile:
    """Adding a record to a corpus."""

    def test_every_kind_validates(self, tmp_path: Path) -> None:
        """A corpus built with ``new`` alone, from an empty folder, passes validate after each step that makes it
        complete: the first source starts the corpus, and every record written validates."""
        root = tmp_path / "my-corpus"
        root.mkdir()
        assert root / "sources.yaml" == new_file(root, "source", {"id": "report", "title": "Annual report"})
        new_file(root, "organisation", {"id": "council", "name": "The Council", "kind": "council", "source": "report"})
        new_file(root, "person", {"id": "ada", "name": "Ada Example", "source": "report"})
        new_file(root, "declaration", {"id": "charter", "title": "Charter", "kind": "founding-charter",
                                       "date": "2020-05", "source": "report"})  # fmt: skip
        path = new_file(root, "membership", {"organisation": "council", "member": "ada", "source": "report",
                                             "role": "chair", "start": "2020-05"})  # fmt: skip
        assert root / "memberships" / "council.yaml" == path
        new_file(root, "source", {"id": "interview", "title": "An interview", "url": "https://example.org/i"})
        corpus = load(root, cache=False)
        assert () == corpus.warnings
        assert ["interview", "report"] == [s.id for s in corpus.sources]
        assert [("council", "ada", "chair")] == [(m.organisation, m.member, m.role) for m in corpus.memberships]

    def test_appends_keeping_comments(self, tmp_path: Path) -> None:
        """A source is added at the end of sources.yaml, which keeps its comments and layout."""
        root = corpus(tmp_path)
        (root / "sources.yaml").write_text("# where claims come from\nsources:\n  - id: doc\n    title: 'A document'"
                                           "  # the first\n", encoding="utf-8")  # fmt: skip
        new_file(root, "source", {"id": "report", "title": "A report"})
        assert textwrap.dedent("""\
            # where claims come from
            sources:
              - id: doc
                title: 'A document'  # the first
              - id: report
                title: A report
            """) == (root / "sources.yaml").read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        ("kind", "fields", "message"),
        [
            ("declaration", {"source": "dok"}, "unknown source id 'dok'; did you mean 'doc'?"),
            ("membership", {"member": "nobody"}, "unknown organisation or person id 'nobody'"),
            ("membership", {"organisation": "party-b"}, "unknown organisation id 'party-b'"),
            ("person", {"id": "party-a"}, "id 'party-a' is used by an organisation and a person"),
            ("organisation", {"name": "PARTY A"}, "name 'PARTY A' is also a name of organisation 'party-a'; a name "
                                                  "may belong to one organisation only"),
            ("source", {"id": "doc"}, "id 'doc' is used by a source and a source"),
            ("organisation", {"name": "P\u0430rty A"}, "name 'P\u0430rty A' has '\u0430' (CYRILLIC SMALL LETTER A) "
                                                       "among Latin letters: it looks like 'Party A', a name of "
                                                       "organisation 'party-a'"),
        ],
    )  # fmt: skip
    def test_checked_with_the_corpus(self, tmp_path: Path, kind: str, fields: dict[str, str], message: str) -> None:
        """What the corpus would refuse with the new record (an unknown source, member or organisation, an id or a
        name taken) is refused before writing; nothing changes."""
        root = corpus(tmp_path)
        base = {"declaration": {"id": "doha-2025", "title": "Joint statement", "kind": "statement", "date": "2025",
                                "source": "doc"},
                "membership": {"organisation": "party-a", "member": "party-a", "source": "doc"},
                "person": {"id": "ada", "name": "Ada", "source": "doc"},
                "organisation": {"id": "party-b", "name": "Party B", "kind": "party", "source": "doc"},
                "source": {"id": "report", "title": "A report"}}[kind]  # fmt: skip
        before = sorted((p, p.read_bytes()) for p in root.rglob("*") if p.is_file())
        with pytest.raises(EditError) as raised:
            new_file(root, kind, {**base, **fields})
        assert message in str(raised.value)
        assert before == sorted((p, p.read_bytes()) for p in root.rglob("*") if p.is_file())

    def test_never_overwrites(self, tmp_path: Path) -> None:
        """An existing file is never replaced, nor a link to nothing written through."""
        (tmp_path / "c").mkdir()
        root = corpus(tmp_path / "c")
        with pytest.raises(EditError, match="exists; not overwriting"):
            new_file(root, "organisation", {"id": "party-a", "name": "B", "kind": "party", "source": "doc"})
        assert PARTY == (root / "organisations" / "party-a.yaml").read_text(encoding="utf-8")
        outside = tmp_path / "outside"
        outside.mkdir()
        (root / "organisations" / "party-c.yaml").symlink_to(outside / "made.yaml")
        with pytest.raises(EditError, match="party-c.yaml \\(a symbolic link\\) exists; not overwriting it"):
            new_file(root, "organisation", {"id": "party-c", "name": "C", "kind": "party", "source": "doc"})
        assert [] == list(outside.iterdir())

    def test_never_writes_out_of_the_corpus(self, tmp_path: Path) -> None:
        """A record folder that is a link out of the corpus is not written into."""
        (tmp_path / "c").mkdir()
        root = corpus(tmp_path / "c", declaration=False)
        outside = tmp_path / "outside"
        outside.mkdir()
        (root / "people").symlink_to(outside, target_is_directory=True)
        with pytest.raises(EditError, match="is not a folder of the corpus"):
            new_file(root, "person", {"id": "ada", "name": "Ada", "source": "doc"})
        assert [] == list(outside.iterdir())

    def test_not_a_corpus(self, tmp_path: Path) -> None:
        """A folder that is not a corpus is refused, with how to start one; nothing is created there."""
        (tmp_path / "notes.txt").write_text("my notes", encoding="utf-8")
        with pytest.raises(EditError) as raised:
            new_file(tmp_path, "declaration", {"id": "d", "title": "T", "kind": "statement", "date": "2024",
                                               "source": "doc"})  # fmt: skip
        assert (f"{tmp_path} is not a corpus folder (it has no sources.yaml, declarations/, organisations/, people/ "
                "or memberships/); give the corpus with --data, or start one in a new, empty folder: mkdir "
                "my-corpus && coalitions new source --data my-corpus --id ID --title TITLE") == str(raised.value)
        assert ["notes.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_needs_a_source_first(self, tmp_path: Path) -> None:
        """In an empty folder only a source can be added (everything else cites one), and ``new`` says so."""
        with pytest.raises(EditError) as raised:
            new_file(tmp_path, "organisation", {"id": "p", "name": "P", "kind": "party", "source": "doc"})
        assert (f"{tmp_path} is empty; a corpus starts with a source, which every record cites: coalitions new "
                f"source --data {tmp_path} --id ID --title TITLE") == str(raised.value)
        (tmp_path / "declarations").mkdir()
        with pytest.raises(EditError) as raised:
            new_file(tmp_path, "organisation", {"id": "p", "name": "P", "kind": "party", "source": "doc"})
        assert (f"{tmp_path} has no sources.yaml, and an organisation must cite a source; add one first: coalitions "
                f"new source --data {tmp_path} --id ID --title TITLE") == str(raised.value)
        assert ["declarations"] == [p.name for p in tmp_path.iterdir()]

    def test_broken_list_file_is_left_alone(self, tmp_path: Path) -> None:
        """A sources.yaml with errors is not rewritten; new says to fix it first."""
        root = corpus(tmp_path)
        (root / "sources.yaml").write_text("sources:\n  - id: doc\n    titel: x\n", encoding="utf-8")
        with pytest.raises(EditError, match="sources.yaml has errors; fix them first"):
            new_file(root, "source", {"id": "report", "title": "A report"})
        assert "titel: x" in (root / "sources.yaml").read_text(encoding="utf-8")


class TestNewCommand:
    """``coalitions new``."""

    def test_new(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Exit 0 and a valid file; exit 1 when it exists; exit 2 when a field is missing or does not belong."""
        root = corpus(tmp_path)
        args = ["new", "organisation", "--data", str(root), "--id", "party-b", "--name", "Party B", "--kind", "party",
                "--source", "doc", "--no-input"]  # fmt: skip
        assert 0 == main(args)
        assert 1 == main(args)
        assert 2 == main(["new", "organisation", "--data", str(root), "--id", "party-c", "--no-input"])
        assert "missing --name, --kind, --source" in capsys.readouterr().err
        assert 2 == main(["new", "person", "--data", str(root), "--id", "ada", "--name", "Ada", "--source", "doc",
                          "--kind", "party"])  # fmt: skip
        assert "--kind is not an option of a person" in capsys.readouterr().err
        assert 0 == main(["validate", str(root)])

    def test_blank_title_is_a_clear_error(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--title "   "`` is refused with exit 1 and one line (it was a TypeError, exit 70)."""
        root = corpus(tmp_path)
        assert 1 == main(["new", "declaration", "--data", str(root), "--id", "d", "--title", "   ", "--kind",
                          "statement", "--date", "2024", "--source", "doc", "--no-input"])  # fmt: skip
        assert "coalitions: --title is empty; give the title\n" == capsys.readouterr().err

    def test_not_a_corpus(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """``new`` in a folder that is not a corpus (the default ``.``) says so; no declarations/ appears."""
        (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert 1 == main(["new", "person", "--id", "ada", "--name", "Ada", "--source", "doc", "--no-input"])
        assert capsys.readouterr().err.startswith("coalitions: . is not a corpus folder")
        assert ["notes.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_folder_not_writable(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
        """A folder ``new`` may not write in is one ``cannot write`` line and exit 1, not an internal error."""
        import tempfile

        root = corpus(tmp_path)
        monkeypatch.setattr(tempfile, "mkstemp", lambda **kw: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
        assert 1 == main(["new", "person", "--data", str(root), "--id", "ada", "--name", "Ada", "--source", "doc"])
        assert f"coalitions: cannot write {root / 'people' / 'ada.yaml'}: permission denied\n" == capsys.readouterr().err

    def test_new_asks(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """In a terminal, missing fields are asked for."""
        root = corpus(tmp_path)
        answers = iter(["Party C", "party", "doc"])
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
        assert 0 == main(["new", "organisation", "--data", str(root), "--id", "party-c"])
        assert "Party C" == load_file(root / "organisations" / "party-c.yaml").name

