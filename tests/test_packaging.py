"""The package's promises about itself: dependency ranges that CI really tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lower_bounds() -> dict[str, str]:
    """``{name: version}`` of every ``>=`` bound in pyproject.toml, runtime and optional dependencies alike."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += [r for r in extra if not r.startswith("coalitions")]
    bounds = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?>=([0-9][0-9.]*)(?:,.*)?", requirement)
        assert match, f"{requirement!r} has no lower bound (>=)"
        bounds[match.group(1).lower()] = match.group(2)
    return bounds


def _release(version: str) -> tuple[int, ...]:
    """A release number without its trailing zeros: ``3.1.0`` and ``3.1`` are the same version."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


class TestOldestConstraints:
    def test_constraints_are_the_lower_bounds(self):
        """Every lower bound in pyproject.toml is pinned in .ci/constraints-oldest.txt at that version (3.1 and
        3.1.0 are one version), and nothing else is, so CI's second run installs exactly the oldest versions
        claimed."""
        pinned = {}
        for line in (ROOT / ".ci" / "constraints-oldest.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, version = line.partition("==")
                pinned[name.strip().lower()] = version.strip()
        assert {n: _release(v) for n, v in _lower_bounds().items()} == {n: _release(v) for n, v in pinned.items()}
