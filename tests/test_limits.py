"""Resource limits (docs/limits.md): every bound is enforced, configurable, and refuses with a located message.

Inputs that could crash the interpreter (25,000 levels of nesting) run in a child interpreter, so that a crash
fails the test instead of ending the test run. How long each refusal takes is measured by
``benchmarks/refusals.py``; the bound asserted here (2 s) only catches a blow-up, not a slowdown.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import coalitions
from coalitions import InvalidCorpus, Limits
from coalitions.files.parse import ParseFailure, parse_yaml

BASE = Path(__file__).parent / "bad_inputs" / "_base"
TARGET = "organisations/river-party.yaml"
RECORD = (BASE / TARGET).read_bytes()

#: Far above any refusal measured (tens of milliseconds); a refusal this slow means a blow-up.
BLOW_UP_SECONDS = 2.0


def refusal(data: bytes, limits: Limits | None = None) -> list[str]:
    """The problems ``parse_yaml`` reports for ``data``, as printed; fails if the data parses or is slow."""
    started = time.perf_counter()
    with pytest.raises(ParseFailure) as raised:
        parse_yaml(data, "f.yaml", limits)
    assert time.perf_counter() - started < BLOW_UP_SECONDS
    return [str(p) for p in raised.value.problems]


def in_child(data: bytes, tmp_path: Path) -> str:
    """Parse ``data`` in a child interpreter; return what it printed, after checking that it did not crash."""
    (tmp_path / "input.yaml").write_bytes(data)
    code = (
        "import sys; from pathlib import Path; from coalitions.files.parse import parse_yaml, ParseFailure\n"
        "try:\n    parse_yaml(Path(sys.argv[1]).read_bytes(), 'f.yaml')\nexcept ParseFailure as e:\n    print(e)\n"
    )
    child = subprocess.run([sys.executable, "-c", code, str(tmp_path / "input.yaml")], capture_output=True,
                           text=True, timeout=120)  # fmt: skip
    assert 0 == child.returncode, child.stderr[-2000:]
    return child.stdout.strip()


class TestDefaults:
    def test_documented_values(self) -> None:
        """The defaults are the ones docs/limits.md lists."""
        assert Limits(1_000_000, 32, 50_000, 20_000, 100_000) == Limits()
        text = (Path(__file__).parents[1] / "docs" / "limits.md").read_text(encoding="utf-8")
        for field in ("max_file_bytes", "max_depth", "max_items", "max_string_length", "max_files"):
            assert f"`{field}`" in text
        assert "| `max_depth` | 32 |" in text


class TestNesting:
    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (b"a: " + b"[" * 25_000 + b"]" * 25_000, "f.yaml:1:36: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"a: " + b"{a: " * 25_000 + b"x" + b"}" * 25_000,
             "f.yaml:1:132: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"a:\n  " + b"- " * 25_000 + b"x", "f.yaml:2:1: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"a:\n  " + b"? " * 25_000 + b"x", "f.yaml:2:1: nesting deeper than 32 levels (Limits.max_depth)"),
            (b'n: "' + b"]" * 30_000 + b'"\na: ' + b"[" * 25_000 + b"]" * 25_000,
             "f.yaml:2:35: nesting deeper than 32 levels (Limits.max_depth)"),
            (b"# " + b"]" * 30_000 + b"\na: " + b"[" * 25_000 + b"]" * 25_000,
             "f.yaml:2:35: nesting deeper than 32 levels (Limits.max_depth)"),
        ],
        ids=["flow-list", "flow-mapping", "block-list", "complex-keys", "behind-quoted-brackets",
             "behind-a-comment"],  # fmt: skip
    )
    def test_25000_levels_refused_without_crash(self, data: bytes, expected: str, tmp_path: Path) -> None:
        """25,000 levels of nesting (which crash libyaml's composer) are refused, also when quoted or commented
        closing brackets hide the depth from the quick check; the interpreter survives."""
        assert expected == in_child(data, tmp_path)

    def test_limit_is_configurable(self) -> None:
        """``Limits(max_depth=...)`` moves the bound: 40 levels pass with 48 allowed, are refused with 32."""
        data = b"a: " + b"[" * 39 + b"x" + b"]" * 39
        assert 1 == len(parse_yaml(data, "f.yaml", Limits(max_depth=48)))
        assert ["f.yaml:1:36: nesting deeper than 32 levels (Limits.max_depth)"] == refusal(data)

    def test_deep_indentation(self) -> None:
        """Nesting by indentation alone is bounded too."""
        data = b"a:\n" + b"".join(b" " * (2 * i) + b"-\n" for i in range(100))
        assert ["f.yaml:67:1: nesting deeper than 32 levels (Limits.max_depth)"] == refusal(data)


class TestItems:
    def test_too_many_values(self) -> None:
        """A file with more values than ``max_items`` is refused where the first value past the limit starts."""
        assert ["f.yaml:25000:9: more than 50,000 values (Limits.max_items)"] == refusal(
            b"".join(b"k%d: v\n" % i for i in range(30_000)))  # fmt: skip

    def test_flow_items(self) -> None:
        """Values on one line in flow style count the same."""
        assert ["f.yaml:1:99999: more than 50,000 values (Limits.max_items)"] == refusal(
            b"a: [" + b"x," * 60_000 + b"x]")  # fmt: skip

    def test_configurable(self) -> None:
        """``Limits(max_items=...)`` moves the bound both ways."""
        data = b"a: [" + b"x," * 99 + b"x]"
        assert 100 == len(parse_yaml(data, "f.yaml")["a"])
        assert ["f.yaml:1:99: more than 50 values (Limits.max_items)"] == refusal(data, Limits(max_items=50))


class TestStrings:
    def test_too_long(self) -> None:
        """Text longer than ``max_string_length`` is refused at its start."""
        data = b"a: " + b"x" * 20_001
        assert ["f.yaml:1:4: text of 20,001 characters, over the limit of 20,000 (Limits.max_string_length)"] == \
            refusal(data)  # fmt: skip
        assert 20_001 == len(parse_yaml(data, "f.yaml", Limits(max_string_length=30_000))["a"])

    def test_ten_megabyte_string(self) -> None:
        """One 10 MB string is refused by the file size first, or by the string length when files may be bigger."""
        data = b"a: " + b"x" * 10_000_000
        assert ["f.yaml: file is 10,000,003 bytes, over the limit of 1,000,000 (Limits.max_file_bytes); split it "
                "or raise the limit"] == refusal(data)  # fmt: skip
        assert ["f.yaml:1:4: text of 10,000,000 characters, over the limit of 20,000 "
                "(Limits.max_string_length)"] == refusal(data, Limits(max_file_bytes=20_000_000))  # fmt: skip


class TestFiles:
    def corpus(self, tmp_path: Path) -> Path:
        """A copy of the catalogue's valid base corpus."""
        return Path(shutil.copytree(BASE, tmp_path / "corpus"))

    def test_hundred_megabytes_refused_before_reading(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A 100 MB file is refused from its size alone: it is never read."""
        corpus = self.corpus(tmp_path)
        with open(corpus / TARGET, "wb") as handle:
            handle.truncate(100_000_000)  # sparse: no disk space used
        read_bytes = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes",
                            lambda self: pytest.fail("read") if self.match(TARGET) else read_bytes(self))  # fmt: skip
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus)
        expected = (f"{corpus / TARGET}: file is 100,000,000 bytes, over the limit of 1,000,000 "
                    "(Limits.max_file_bytes); split it or raise the limit")  # fmt: skip
        assert [expected] == [str(p) for p in raised.value.errors]

    def test_file_size_configurable(self, tmp_path: Path) -> None:
        """``Limits(max_file_bytes=...)`` lowers or raises the bound."""
        corpus = self.corpus(tmp_path)
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus, limits=Limits(max_file_bytes=100))
        assert {"file-too-large"} == {p.code for p in raised.value.errors}
        assert 3 == len(coalitions.load(corpus, limits=Limits(max_file_bytes=2_000_000)).organisations)

    def test_number_of_files(self, tmp_path: Path) -> None:
        """A corpus with more files than ``max_files`` is refused once the count is passed."""
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(self.corpus(tmp_path), limits=Limits(max_files=3))
        assert ["more than 3 files (Limits.max_files)"] == [p.message for p in raised.value.problems]


class TestNoBlowUp:
    def test_alias_bomb_is_never_expanded(self) -> None:
        """A billion-laughs bomb (10^10 strings once expanded) is refused at its anchors, once per name."""
        lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
        lines += [b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10)) for i in range(1, 10)]
        problems = refusal(b"".join(lines))
        assert 19 == len(problems)
        assert "f.yaml:2:10: alias *a0: anchors and aliases are not allowed; write the value out" == problems[2]

    def test_flood_of_invisible_characters(self) -> None:
        """330,000 zero-width joiners give 20 located problems, not 330,000 (each costing a pass over the text)."""
        problems = refusal(b"a: " + "\u200d".encode() * 330_000)
        assert 20 == len(problems)
        assert problems[0].startswith("f.yaml:1:4: invisible character U+200D ZERO WIDTH JOINER")

    def test_many_unknown_references(self, tmp_path: Path) -> None:
        """"Did you mean" is computed for the first 50 unknown references only; every one is still reported."""
        corpus = Path(shutil.copytree(BASE, tmp_path / "corpus"))
        signatures = b"".join(b"  - signer: river-partie-%d\n    sources: [charter]\n" % i for i in range(200))
        path = corpus / "declarations/founding-charter.yaml"
        path.write_bytes(path.read_bytes().replace(b"signatures:\n", b"signatures:\n" + signatures))
        with pytest.raises(InvalidCorpus) as raised:
            coalitions.load(corpus)
        messages = [p.message for p in raised.value.problems]
        assert 200 == len(messages)
        assert 50 == sum("did you mean" in m for m in messages)
