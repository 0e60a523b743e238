"""What is refused before YAML reads the text: bytes that are not UTF-8, byte order marks, forbidden and invisible
characters, odd line endings, and absurd sizes, depths and counts, each as a located problem.

:func:`check_bytes` screens a file's bytes; :func:`count_values` finds where a file passes ``Limits.max_items``
with bare libyaml events; :func:`escaped_characters` screens what a double-quoted scalar spells with escapes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import yaml

from ..model import Problem
from .limits import Limits

__all__ = ["ARABIC_SCRIPT", "FORBIDDEN", "JOINERS", "LOOK_ALIKES", "NULLS", "Loader", "Mark", "check_bytes",
           "count_values", "describe_character", "escaped_characters", "event_mark", "line_col", "mixed_script",
           "too_deep", "too_large", "too_many"]  # fmt: skip

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

#: A 1-based ``(line, column)``.
Mark = tuple[int, int]


def event_mark(event: Any) -> Mark:
    """Where a YAML event starts."""
    return event.start_mark.line + 1, event.start_mark.column + 1


# Characters refused anywhere: C0 controls but newline and carriage return, DEL, C1 controls, line and paragraph
# separators (YAML would count them as line breaks), tab (YAML forbids it in indentation; we refuse it everywhere,
# so the file reads the same in every editor), the characters Unicode marks default-ignorable (they render as
# nothing: zero-width and bidirectional formatting characters, BOMs inside the text, the Hangul fillers U+115F,
# U+1160, U+3164 and U+FFA0, the combining grapheme joiner U+034F, the tag characters U+E0000-E007F, ...), the
# interlinear annotation characters, and the 66 noncharacters (U+FFFE, U+FFFF, ...: never text). Zero-width
# (non-)joiners are handled apart: Persian and Pashto spelling needs them. Variation selectors (U+FE00-FE0F,
# U+E0100-E01EF, and the Mongolian ones), default-ignorable too, are allowed: they change how the character before
# them is drawn (an emoji, a CJK form), so they are never alone and never hide anything.
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}"
                                                       for p in range(1, 17))  # fmt: skip
FORBIDDEN = re.compile(
    "[\x00-\x08\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e"
    "\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e00ff\U000e01f0-\U000e0fff" + _NONCHARACTERS + "]"
)
_NONCHARACTER = re.compile("[" + _NONCHARACTERS + "]")

#: Cyrillic and Greek letters that look like Latin ones, and the Latin letter each looks like.
LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝοναικτρ" "АВЕЅІЈКМНОРСТХУ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwovaiktp" "ABESIJKMHOPCTXY" "ABEZHIKMNOPTYX",
)
_WORD = re.compile(r"[^\W\d_]+")


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def mixed_script(text: str) -> str | None:
    """The first Cyrillic or Greek letter of ``text`` in a word that also has Latin letters (``Frоnt`` with a
    Cyrillic ``о``), or None: such a word is almost always a look-alike letter typed or pasted by mistake."""
    if text.isascii():
        return None
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word}
        if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"}:
            return next(c for c in word if _script(c) in ("CYRILLIC", "GREEK"))
    return None


def describe_character(char: str) -> str:
    """``'о' (CYRILLIC SMALL LETTER O)``: a character as a message shows it."""
    return f"{char!r} ({unicodedata.name(char, f'U+{ord(char):04X}')})"


JOINERS = re.compile("[\u200c\u200d]")

#: The ASCII bytes FORBIDDEN does not match (printable ASCII, LF, and CR, which check_bytes handles itself): a file of
#: ASCII bytes that are all of these needs neither regular expression.
_ASCII_ALLOWED = bytes(range(0x20, 0x7F)) + b"\n\r"


ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


NULLS = {"~", "null", "Null", "NULL"}


def _char_name(char: str) -> str:
    if char == "\t":
        return "a tab character; indent with spaces and write tabs in text as spaces"
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) == "Cc":
        return f"control character {code}"
    if _NONCHARACTER.fullmatch(char):
        return f"noncharacter {code} (never part of a text; the file is damaged or not text)"
    return f"invisible character {code} {name}".rstrip()


def line_col(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def too_large(size: int, file: str, limits: Limits, grew: bool = False) -> Problem:
    """The problem of a file of ``size`` bytes over ``limits.max_file_bytes`` (found before or after reading it;
    ``grew``: found while reading it, past the size it had when it was opened, so ``size`` is a lower bound)."""
    what = f"more than {limits.max_file_bytes:,} bytes (it grew while being read)" if grew else f"{size:,} bytes"
    return Problem(
        f"file is {what}, over the limit of {limits.max_file_bytes:,} (Limits.max_file_bytes); split it or "
        "raise the limit",
        file,
        code="file-too-large",
    )


def check_bytes(data: bytes, file: str, limits: Limits) -> tuple[str | None, list[Problem]]:
    """Decode ``data`` as UTF-8 and check what can be checked before parsing."""
    if len(data) > limits.max_file_bytes:
        return None, [too_large(len(data), file, limits)]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem("file starts with a byte order mark (BOM); save it as UTF-8 without BOM", file, 1, 1, code="bom")
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and data.count(b"\x00") > len(data) // 4):
        return None, [Problem("file is UTF-16 (or another wide encoding); save it as UTF-8", file, 1, 1, code="utf16")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line, column = line_col(prefix + "\x00", len(prefix))
        byte = data[error.start]
        return None, [
            Problem(
                f"byte 0x{byte:02X} is not valid UTF-8 (is the file Latin-1 or Windows-1252?); save it as UTF-8",
                file,
                line,
                column,
                code="not-utf8",
            )
        ]
    problems: list[Problem] = []
    if "\r" in text:
        odd = _odd_line_ending(text)
        if odd is not None:
            problems.append(Problem(odd[1], file, *line_col(text, odd[0]), code="line-endings"))
        else:
            text = text.replace("\r\n", "\n")
    if data.isascii() and not data.translate(None, _ASCII_ALLOWED):  # no forbidden character, and no joiner
        return text, problems if problems else _check_depth(text, file, limits)
    for match in FORBIDDEN.finditer(text):
        problems.append(Problem(_char_name(match.group()), file, *line_col(text, match.start()), code="character"))
        if len(problems) >= 20:
            break
    for match in JOINERS.finditer(text):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if not (ARABIC_SCRIPT.match(before) and ARABIC_SCRIPT.match(after)):
            problems.append(
                Problem(
                    f"{_char_name(match.group())} outside Arabic-script text (allowed only between such letters)",
                    file,
                    *line_col(text, match.start()),
                    code="character",
                )
            )
            if len(problems) >= 20:  # each location costs a pass over the text: stop before that adds up
                break
    if not problems:
        problems.extend(_check_depth(text, file, limits))
    return text, problems


_ENDINGS = {"\r\n": "CR LF (Windows)", "\n": "LF", "\r": "a lone CR (old Mac)"}


def _odd_line_ending(text: str) -> tuple[int, str] | None:
    """Index and message of the first line ending unlike the file's usual one; None if all are LF or all CR LF."""
    endings = list(re.finditer("\r\n|\r|\n", text))
    kinds = {m.group() for m in endings}
    if kinds in ({"\n"}, {"\r\n"}):
        return None
    if kinds == {"\r"}:
        return endings[0].start(), "lines end with a lone CR (old Mac line endings); save the file with LF line endings"
    usual = max(("\n", "\r\n"), key=lambda kind: sum(m.group() == kind for m in endings))
    first = next(m for m in endings if m.group() != usual)
    return first.start(), (
        f"this line ends with {_ENDINGS[first.group()]}, the others with {_ENDINGS[usual]}; "
        "use one kind of line ending throughout"
    )


_BRACKETS = re.compile(r"[\[\]{}]")


_INDENT = re.compile(r"^( *)((?:[-?] +)*)", re.MULTILINE)


@functools.lru_cache(maxsize=8)
def _deep_line(max_depth: int) -> re.Pattern[str]:
    """Lines that could be indented past ``2 * max_depth`` levels: an indent level takes at least two characters.
    Searched for in ``"\\n" + text``, so that the first line is one too: a pattern starting with a line break is
    searched for line break by line break, several times faster than ``^`` in multi-line mode."""
    width = 4 * max_depth + 1
    return re.compile(f"\n[ ?-]{{{width}}}")


def _check_depth(text: str, file: str, limits: Limits) -> list[Problem]:
    """Refuse absurd nesting before the parser sees it (an over-estimate: quoted brackets count too)."""
    depth = 0
    flat = text.count("[") + text.count("{") <= limits.max_depth  # quick answers for the usual flat [a, b]
    if not flat and "".join(_BRACKETS.findall(text)).replace("[]", "").replace("{}", ""):
        for match in _BRACKETS.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            if depth > limits.max_depth:
                return [too_deep(file, *line_col(text, match.start()), limits)]
    if len(text) > 4 * limits.max_depth and _deep_line(limits.max_depth).search("\n" + text):
        for match in _INDENT.finditer(text):
            indent = len(match.group(1)) // 2 + match.group(2).count("-") + match.group(2).count("?")
            if indent > 2 * limits.max_depth:
                return [too_deep(file, *line_col(text, match.start()), limits)]
    return []


def too_deep(file: str, line: int, column: int, limits: Limits) -> Problem:
    return Problem(
        f"nesting deeper than {limits.max_depth} levels (Limits.max_depth)", file, line, column, code="too-deep"
    )


_VALUE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def count_values(text: str, limits: Limits) -> Mark | None:
    """Where the value past ``limits.max_items`` starts, found with bare libyaml events; None if there is none.

    Building the tree costs far more per value than counting events, so a file that may hold too many values is
    counted first, and refused in a fraction of the time. A value starts after a line break, a comma, ': ', '- '
    or a bracket: a file with fewer of those than half the limit cannot be over it, and is not counted.
    """
    if 2 * len(text) < limits.max_items:  # no character is part of two separators: fewer than len(text) of them
        return None
    separators = sum(text.count(s) for s in ("\n", ",", ": ", "- ", "[", "{"))
    if 2 * separators < limits.max_items:
        return None
    loader = Loader(text)
    count = depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return None
            if isinstance(event, _VALUE_EVENTS):
                count += 1
                if count > limits.max_items:
                    return event_mark(event)
                if not isinstance(event, yaml.ScalarEvent):
                    depth += 1
                    if depth > limits.max_depth:  # libyaml slows down with depth; _build reports this
                        return None
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported by the parse that follows
    finally:
        loader.dispose()


def too_many(file: str, mark: Mark, limits: Limits) -> Problem:
    return Problem(f"more than {limits.max_items:,} values (Limits.max_items)", file, *mark, code="too-many-items")


def escaped_characters(value: str, file: str, mark: Mark) -> list[Problem]:
    """Forbidden characters written as escapes (``"\\e"``, ``"\\u200B"``) in a double-quoted scalar."""
    found = [m.group() for m in FORBIDDEN.finditer(value)] + (["\r"] if "\r" in value else [])
    found += [
        m.group()
        for m in JOINERS.finditer(value)
        if not (ARABIC_SCRIPT.match(value[m.start() - 1 : m.start()]) and ARABIC_SCRIPT.match(value[m.end() :]))
    ]
    return [
        Problem(f"{_char_name(char)}, written as an escape in quotes; remove it", file, *mark, code="character")
        for char in dict.fromkeys(found)
    ]
