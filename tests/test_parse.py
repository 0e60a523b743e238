"""Tests for coalitions.files.parse: strict YAML reading into located values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalitions.files.limits import Limits
from coalitions.files.parse import LocDict, LocList, ParseFailure, parse_yaml


def refusal(data: bytes, limits: Limits | None = None) -> list[str]:
    """The problems parse_yaml reports for ``data``."""
    with pytest.raises(ParseFailure) as info:
        parse_yaml(data, "f.yaml", limits)
    return [str(p) for p in info.value.problems]


class TestValues:
    """Every scalar is text as written, with its line and column."""

    def test_no_implicit_typing(self) -> None:
        """NO, on, 1:20, 00042, 0o17, 1e3 and unquoted dates stay the text written."""
        value = parse_yaml(b"a: NO\nb: on\nc: 1:20\nd: 00042\ne: 0o17\nf: 1e3\ng: 2024-02-15\nh: .inf\n")
        assert {"a": "NO", "b": "on", "c": "1:20", "d": "00042", "e": "0o17", "f": "1e3", "g": "2024-02-15",
                "h": ".inf"} == dict(value)  # fmt: skip

    def test_marks(self) -> None:
        """Keys, values and list items remember their 1-based line and column."""
        value = parse_yaml(b"name: x\nitems:\n  - one\n  - two\n")
        items = value["items"]
        assert ((1, 1, 1, 7), (2, 1, 3, 3), [(3, 5), (4, 5)]) == (value.marks["name"], value.marks["items"],
                                                                 items.marks)  # fmt: skip
        assert (LocDict, LocList) == (type(value), type(items))

    def test_flow_style_is_allowed(self) -> None:
        """Flow lists and mappings are plain YAML and read like block ones."""
        assert {"a": ["x", "y"], "b": {"c": "d"}} == parse_yaml(b"a: [x, y]\nb: {c: d}\n")

    def test_crlf_is_accepted(self) -> None:
        """Windows line endings used throughout are fine."""
        assert {"a": "1", "b": "2"} == parse_yaml(b"a: 1\r\nb: 2\r\n")

    def test_persian_joiner_allowed(self) -> None:
        """A zero-width non-joiner between Arabic-script letters is part of Persian spelling."""
        text = "name: می\u200cخواهم\n"
        assert "می\u200cخواهم" == parse_yaml(text.encode())["name"]


class TestRefusals:
    """Each trap gets one precise message."""

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (b"a: 1\nb:\n  c: 1\n  c: 2\n",
             "f.yaml:4:3: duplicate key 'c' (first at line 3); each key may appear once"),
            (b"a: &x 1\n", "f.yaml:1:4: anchor &x: anchors and aliases are not allowed; write the value out"),
            (b"a: !!python/object/apply:os.system [ls]\n",
             "f.yaml:1:4: tag !!python/object/apply:os.system: tags are not allowed; values are plain text, lists "
             "and mappings"),
            (b"a: ~\n", "f.yaml:1:4: YAML null '~': write a value, or leave the field out"),
            (b"a: 1\n---\na: 2\n", "f.yaml:2:1: several YAML documents in one file ('---'); put one record in each "
             "file"),
            (b"- a\n", "f.yaml:1:1: the top level must be a mapping of fields (key: value), found a list"),
            (b"\xff\xfea\x00:\x00", "f.yaml:1:1: file is UTF-16 (or another wide encoding); save it as UTF-8"),
            (b"a: \x1b[31mred\n", "f.yaml:1:4: control character U+001B"),
            ("id: a\u202eb\n".encode(), "f.yaml:1:6: invisible character U+202E RIGHT-TO-LEFT OVERRIDE"),
            ("a: x\u200cy\n".encode(), "f.yaml:1:5: invisible character U+200C ZERO WIDTH NON-JOINER outside "
             "Arabic-script text (allowed only between such letters)"),
            (b"a:\n  - b\n  c: d\n", "f.yaml:3:3: YAML syntax: did not find expected '-' indicator while parsing "
             "a block collection that starts at line 2, column 3; check the indentation: items of one list start "
             "in the same column"),
            (b"\n# only a comment\n", "f.yaml: file is empty (only blanks or comments); a record is a mapping of "
             "fields"),
        ],
    )
    def test_trap(self, data: bytes, expected: str) -> None:
        """The trap is refused with exactly this message."""
        assert expected == refusal(data)[0]

    def test_alias_bomb_is_refused_quickly(self) -> None:
        """A billion-laughs document is refused at its first anchor, without expanding anything."""
        lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
        problems = refusal("\n".join(lines).encode())
        assert problems[0] == "f.yaml:1:4: anchor &a: anchors and aliases are not allowed; write the value out"

    def test_deep_nesting_refused_before_parsing(self) -> None:
        """25,000 levels of nesting are refused by the pre-scan, not by the parser."""
        assert ["f.yaml:1:36: nesting deeper than 32 levels (Limits.max_depth)"] == \
            refusal(b"a: " + b"[" * 25_000 + b"]" * 25_000)

    def test_limits_are_configurable(self) -> None:
        """A smaller size limit refuses a file that the default accepts."""
        assert ["f.yaml: file is 5 bytes, over the limit of 4 (Limits.max_file_bytes); split it or raise the "
                "limit"] == refusal(b"a: 1\n", Limits(max_file_bytes=4))

    @settings(max_examples=200)
    @given(st.binary(max_size=300))
    def test_any_bytes(self, data: bytes) -> None:
        """"Loading any text either returns a corpus or raises the library's own error": here, for any bytes."""
        try:
            result = parse_yaml(data, "f.yaml")
        except ParseFailure as failure:
            assert failure.problems
        else:
            assert isinstance(result, LocDict)

    @settings(max_examples=200)
    @given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!#'\"\n |>?,~")), max_size=80))
    def test_any_yaml_like_text(self, text: str) -> None:
        """"Loading any text either returns a corpus or raises the library's own error": YAML-ish text."""
        try:
            result = parse_yaml(text.encode(), "f.yaml")
        except ParseFailure as failure:
            assert all(p.file == "f.yaml" for p in failure.problems)
        else:
            assert isinstance(result, LocDict)


class TestAsciiScreen:
    """A file of ASCII bytes is screened for forbidden characters with one ``bytes.translate``, not the regular
    expressions; the answer must be the one the regular expressions give."""

    @staticmethod
    def _screened(data: bytes, shortcut: bool) -> tuple[str | None, list[str]]:
        from coalitions.files import screen

        saved = screen._ASCII_ALLOWED
        if not shortcut:  # nothing is allowed: every non-empty file takes the regular expressions
            screen._ASCII_ALLOWED = b""
        try:
            text, problems = screen.check_bytes(data, "f.yaml", Limits())
        finally:
            screen._ASCII_ALLOWED = saved
        return text, [str(p) for p in problems]

    @settings(max_examples=300)
    @given(st.lists(st.sampled_from([*"ab: -[\n", "\t", "\r", "\r\n", "\x00", "\x07", "\x0b", "\x1b", "\x7f"]),
                    max_size=60))
    def test_same_answer_as_the_expressions(self, pieces: list[str]) -> None:
        """"A tab, a control character or DEL is refused where it is, with its name": the shortcut for ASCII files
        finds exactly what the regular expressions find."""
        data = "".join(pieces).encode()
        assert self._screened(data, True) == self._screened(data, False)

    def test_a_control_character_is_still_found(self) -> None:
        """The shortcut is taken only when no byte needs the expressions: DEL and a tab are reported, located."""
        assert self._screened(b"a: b\x7f\nc: \td\n", True)[1] == [
            "f.yaml:1:5: control character U+007F", "f.yaml:2:4: a tab character; indent with spaces and write "
            "tabs in text as spaces"]
