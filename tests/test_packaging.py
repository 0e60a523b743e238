"""The package's promises about itself: dependency ranges that CI really tests, and dependencies that earn their
place."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import coalitions

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(coalitions.__file__).parent


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


def _name(requirement: str) -> str:
    """The distribution a requirement names, normalised (PEP 503: ``PyYAML`` is ``pyyaml``, ``a_b`` is ``a-b``)."""
    match = re.match(r"[A-Za-z0-9_.-]+", requirement)
    assert match, f"{requirement!r} names no distribution"
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _imported() -> set[str]:
    """The top-level names of every module the package's source imports, function-local imports included (read
    with ``ast``, so that an import only a rarely run path makes still counts)."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"coalitions"}


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    """The installed distributions that provide each of ``modules`` (``yaml``: ``{"pyyaml"}``), from the
    installed packages' own records (``importlib.metadata``); a module not installed has none."""
    providers = importlib.metadata.packages_distributions()
    return {module: {_name(d) for d in providers.get(module, [])} for module in modules}


class TestDependencies:
    """Every runtime dependency is used, and nothing the package imports is undeclared."""

    def test_every_runtime_dependency_is_imported(self) -> None:
        """Rule (issue 11, "Dependencies that earn their place"): every runtime dependency in pyproject.toml is
        imported by the package (python-dateutil by the suggestions of date errors, in a function)."""
        declared = {_name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                    ["project"]["dependencies"]}  # fmt: skip
        provided = {d for found in _distributions(_imported()).values() for d in found}
        assert (set(), True) == (declared - provided, {"attrs", "python-dateutil", "pyyaml"} <= declared)

    def test_every_import_is_declared(self) -> None:
        """Every third-party module the package imports (and that is installed here, so its distribution is
        known) comes from a runtime dependency or an optional extra of pyproject.toml."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        declared = {_name(r) for r in project["dependencies"]}
        declared |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
        found = _distributions(_imported())
        unknown = sorted(m for m, dists in found.items() if not dists and importlib.util.find_spec(m) is not None)
        assert ([], []) == (sorted(m for m, dists in found.items() if dists and not dists & declared), unknown)
