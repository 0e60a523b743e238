"""Text from the data made safe for where it is shown: a terminal, an HTML page, a spreadsheet cell.

Data is never trusted to be harmless: a name may hold an escape sequence, a ``<script>``, or ``=HYPERLINK(...)``.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

__all__ = ["html_text", "html_link", "spreadsheet_cell", "visible"]

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """``text`` with control, escape and invisible formatting characters written as ``\\x1b``, ``\\u202e``.

    Newlines are kept unless ``newlines`` is False (then they show as ``\\n``, for one-line table cells).
    """
    if text.isprintable():  # the common case: no newline, and _CONTROL matches no printable character
        return text
    shown = _CONTROL.sub(_escape, text)
    return shown if newlines else shown.replace("\n", "\\n")


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content or a quoted attribute."""
    return html.escape(visible(text), quote=True)


def html_link(url: str | None, label: str) -> str:
    """An ``<a>`` to ``url`` if it is an http or https URL, else the label as escaped text."""
    if url:
        try:
            parts = urlsplit(url)
        except ValueError:  # "http://[" and other malformed hosts: no link
            return html_text(label)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f'<a href="{html_text(url)}" rel="noopener noreferrer">{html_text(label)}</a>'
    return html_text(label)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """``text`` that a spreadsheet will not execute: a leading ``=``, ``+``, ``-``, ``@``, tab or CR gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text
