"""The fast path of :mod:`coalitions.files.parse` (libyaml composes the tree) against the careful one (event by event).

``_build_fast`` may only accept a file that ``_build`` accepts, and must then give the same tree with the same
marks; anything else it hands to ``_build``. These tests hold it to that on every YAML file of the bad-input
catalogue, the bundled data and a generated benchmark corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from coalitions import bundled_data_path
from coalitions.files import parse
from coalitions.files.limits import Limits
from coalitions.files.parse import LocDict, LocList, ParseFailure, _build_fast, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = sorted((ROOT / "tests" / "bad_inputs").rglob("*.yaml"))
BUNDLED = sorted(bundled_data_path().rglob("*.yaml"))


def _test_id(path: Path) -> str:
    """The file relative to the checkout, or to the bundled data (installed, it may live anywhere)."""
    for base, label in ((ROOT, ""), (bundled_data_path(), "bundled/")):
        if path.is_relative_to(base):
            return label + str(path.relative_to(base))
    return str(path)  # pragma: no cover

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="the fast path needs libyaml")


def _same(a: Any, b: Any) -> bool:
    """Equal values with equal marks, all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, LocDict):
        return a.mark == b.mark and a.marks == b.marks and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, LocList):
        return a.mark == b.mark and a.marks == b.marks and len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


def _outcome(data: bytes, limits: Limits, fast: bool) -> Any:
    saved = parse._FAST
    parse._FAST = fast
    try:
        return parse_yaml(data, "f.yaml", limits)
    except ParseFailure as failure:
        return [str(p) for p in failure.problems]
    finally:
        parse._FAST = saved


def _agree(data: bytes, limits: Limits) -> None:
    with_fast, without = _outcome(data, limits, True), _outcome(data, limits, False)
    if isinstance(without, list):
        assert with_fast == without
    else:
        assert _same(with_fast, without)


class TestBuildFast:
    @pytest.mark.parametrize("path", CATALOGUE + BUNDLED, ids=_test_id)
    def test_agrees_with_build(self, path: Path) -> None:
        """Rule: the fast path accepts only files the careful path accepts, with the same tree and marks."""
        _agree(path.read_bytes(), Limits())

    @pytest.mark.parametrize(
        "text",
        [
            "a: b\na: c\n",
            "a: !!str b\n",
            "a:\n",
            "a: ~\n",
            "<<: {b: c}\n",
            "[a, b]: c\n",
            "a: b\n---\nc: d\n",
            "- a\n",
            "a: [b, null, '']\n",
            "a: {b: [c, {d: e}]}\n",
            "'<<': quoted merge key is text\nb: '~'\nc: \"\"\n",
            "a: 'x'\nb: \"y\"\nc: |\n  block\nd: >-\n  folded\n  text\n",
            "key: [unclosed\n",
        ],
    )
    def test_refuses_what_build_refuses(self, text: str) -> None:
        """Rule: every problem _build reports (tags, nulls, merge and duplicate keys, ...) sends a file to it."""
        _agree(text.encode(), Limits())

    def test_limits(self) -> None:
        """Rule: past max_items, max_string_length or max_depth the fast path hands the file to _build."""
        assert _build_fast("a: [b, c, d]\n", Limits(max_items=5)) is None  # 6 values: mapping, key, list, 3 items
        assert _build_fast("a: [b, c]\n", Limits(max_items=5)) is not None
        for text, limits in [("a: [b, c, d]\n", Limits(max_items=5)), ("a: bbbb\n", Limits(max_string_length=3)),
                             ("a: {b: {c: d}}\n", Limits(max_depth=2))]:  # fmt: skip
            _agree(text.encode(), limits)
        assert _build_fast("a: bbbb\n", Limits(max_string_length=3)) is None
        assert _build_fast("a: {b: {c: d}}\n", Limits(max_depth=2)) is None
        assert _build_fast("a: {b: c}\n", Limits(max_depth=2)) is not None

    def test_generated_corpus(self, tmp_path: Path) -> None:
        """Rule: on a generated benchmark corpus the fast path takes every file and agrees with _build."""
        sys.path.insert(0, str(ROOT / "benchmarks"))
        try:
            from generate import generate
        finally:
            sys.path.remove(str(ROOT / "benchmarks"))
        generate(tmp_path, 20, 150, seed=3)
        files = sorted(tmp_path.rglob("*.yaml"))
        for path in files:
            text = path.read_text(encoding="utf-8")
            assert _build_fast(text, Limits()) is not None, path
            _agree(path.read_bytes(), Limits())
