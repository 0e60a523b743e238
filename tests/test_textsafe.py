"""Text from the data made safe for a terminal, an HTML page and a spreadsheet (``coalitions.model.textsafe``)."""

from __future__ import annotations

import html
import unicodedata
from urllib.parse import urlsplit

import pytest
from hypothesis import given

from coalitions.model.textsafe import html_link, html_text, spreadsheet_cell, visible
from strategies import hostile_texts, hostile_urls

#: Characters that change what a terminal or a bidirectional text shows without being shown themselves.
_INVISIBLE = {"\u200b", "\u200e", "\u200f", "\u2028", "\u2029", "\ufeff", *map(chr, range(0x202A, 0x202F)),
              *map(chr, range(0x2066, 0x206A))}  # fmt: skip


class TestVisible:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Ada \x1b[31mExample", "Ada \\x1b[31mExample"),
            ("a\u202eb", "a\\u202eb"),
            ("tab\there", "tab\\x09here"),
            ("cr\rover", "cr\\x0dover"),
            ("bell\x07 del\x7f c1\x9b", "bell\\x07 del\\x7f c1\\x9b"),
            ("line\nnext", "line\nnext"),
            ("جبهه\u200cی", "جبهه\u200cی"),
        ],
    )
    def test_examples(self, text: str, expected: str) -> None:
        """Escape, control and bidirectional characters are written out; newlines and Persian joiners are kept."""
        assert expected == visible(text)

    def test_one_line(self) -> None:
        """With ``newlines=False`` a newline shows as ``\\n``, for table cells."""
        assert "a\\nb\\x0d" == visible("a\nb\r", newlines=False)

    @given(hostile_texts)
    def test_nothing_hidden_reaches_the_terminal(self, text: str) -> None:
        """"terminal: control and escape sequences made visible": the output holds no control character but
        newline, and no invisible formatting character."""
        shown = visible(text)
        assert [] == [c for c in shown if c != "\n" and (unicodedata.category(c) == "Cc" or c in _INVISIBLE)]

    @given(hostile_texts)
    def test_plain_text_unchanged(self, text: str) -> None:
        """Text without control or invisible characters is printed exactly as it is."""
        if not any(unicodedata.category(c) == "Cc" and c != "\n" or c in _INVISIBLE for c in text):
            assert text == visible(text)


class TestHtmlText:
    def test_markup_escaped(self) -> None:
        """Markup and quotes become entities."""
        assert "&lt;script&gt;alert(&quot;x&#x27;)&lt;/script&gt; &amp;" == html_text("<script>alert(\"x')</script> &")

    @given(hostile_texts)
    def test_no_markup_survives(self, text: str) -> None:
        """"HTML: all data escaped": no < > " ' survives, and unescaping gives back the visible text."""
        escaped = html_text(text)
        assert not set("<>\"'") & set(escaped)
        assert visible(text) == html.unescape(escaped)


class TestHtmlLink:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("https://example.org/?a=1&b=2", '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">'
                                             "Example</a>"),  # fmt: skip
            ("javascript:alert(1)", "Example"),
            ("JAVASCRIPT:alert(1)", "Example"),
            (" javascript:alert(1)", "Example"),
            ("data:text/html,<script>alert(1)</script>", "Example"),
            ("//evil.example/", "Example"),
            ("https:", "Example"),
            (None, "Example"),
        ],
    )
    def test_examples(self, url: str | None, expected: str) -> None:
        """Only http and https URLs with a host become links; anything else is the label as text."""
        assert expected == html_link(url, "Example")

    @given(hostile_urls, hostile_texts)
    def test_only_http_links(self, url: str, label: str) -> None:
        """"only http/https links": a link is made only for an http or https URL with a host; the label is
        always escaped."""
        shown = html_link(url, label)
        if shown.startswith("<a "):
            parts = urlsplit(url)
            assert parts.scheme in ("http", "https") and parts.netloc
            assert shown.endswith(f">{html_text(label)}</a>")
            assert shown.count('"') == 4  # href="..." rel="...": the URL cannot close the attribute
        else:
            assert html_text(label) == shown


class TestSpreadsheetCell:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("National Resistance Front", "National Resistance Front"),
            ("", ""),
        ],
    )
    def test_examples(self, text: str, expected: str) -> None:
        """Formula-like cells get a leading apostrophe; others are unchanged."""
        assert expected == spreadsheet_cell(text)

    @given(hostile_texts)
    def test_never_a_formula(self, text: str) -> None:
        """"CSV: formula-like cells neutralised": no cell starts with = + - @ tab or CR, and the text is kept."""
        cell = spreadsheet_cell(text)
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert cell in (text, "'" + text)
