"""The package's layout holds: imports flow one way between the rooms (docs/architecture.md), through each room's
``__init__``, with no circle anywhere, no module over 400 lines, and the public API as stored."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import coalitions

PACKAGE = Path(coalitions.__file__).parent
ROOMS = ("model", "files", "analysis", "interop", "report", "cli")
#: What each room may import besides itself (docs/architecture.md): model <- files <- analysis <- interop, report <-
#: cli. The analysis never reads files, so tests can feed it corpora built in memory.
MAY_IMPORT = {
    "model": set(),
    "files": {"model"},
    "analysis": {"model"},
    "interop": {"model", "files", "analysis"},
    "report": {"model", "files", "analysis"},
    "cli": {"model", "files", "analysis", "interop", "report", ""},
    "": {"model", "files", "analysis", "interop", "report", "cli"},  # coalitions/__init__ and __main__
}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    """``{"files.loader": path, "": path of __init__, ...}``: every module of the package by its dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _room(module: str) -> str:
    return module.split(".")[0] if module.split(".")[0] in ROOMS else ""


def _package_of(module: str, path: Path) -> list[str]:
    parts = module.split(".") if module else []
    return parts if path.name == "__init__.py" else parts[:-1]


def _imports(module: str) -> list[tuple[str, tuple[str, ...], int]]:
    """``(target module, names, line)`` of every import of ``coalitions`` modules in ``module``, wherever it
    stands (function-local imports too); ``target`` is dotted inside the package ("" for coalitions itself)."""
    path = MODULES[module]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, path)
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and (node.module == "coalitions" or node.module.startswith("coalitions.")):
                target = node.module.removeprefix("coalitions").lstrip(".")
            else:
                continue
            found.append((target, tuple(a.name for a in node.names), node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("coalitions"):
                    found.append((alias.name.removeprefix("coalitions").lstrip("."), (), node.lineno))
    return found


def _exports(room: str) -> dict[str, str]:
    """What ``room``'s ``__init__`` lets the other rooms use, by defining module (its ``_EXPORTS``)."""
    tree = ast.parse(MODULES[room].read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_EXPORTS" for t in node.targets):
            return ast.literal_eval(node.value)  # type: ignore[no-any-return]
    return {}


def _edges() -> dict[str, set[str]]:
    """Module -> modules it imports, a room's ``__init__`` resolved to the modules defining the names taken."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, names, _ in _imports(module):
            if target in ROOMS and target != module:
                exports = _exports(target)
                for name in names:
                    graph[module].add(f"{target}.{exports[name]}" if name in exports else f"{target}.{name}")
            elif target in MODULES:
                graph[module].add(target)
            else:  # from .room import submodule
                graph[module].update(f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES)
    return graph


def _against_flow(room: str, imports: list[tuple[str, tuple[str, ...], int]]) -> list[tuple[str, int]]:
    """The imports of a module of ``room`` that go against the flow."""
    return [(target, line) for target, _, line in imports
            if _room(target) != room and _room(target) not in MAY_IMPORT[room]]  # fmt: skip


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles a depth-first walk of ``graph`` meets, each as its path back to its start."""
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for child in sorted(graph.get(node, ())):
            if child not in graph:
                continue
            if state.get(child) == 1:
                cycles.append(path[path.index(child):] + [child])
            elif not state.get(child):
                visit(child, [*path, child])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [node])
    return cycles


class TestImportFlow:
    @pytest.mark.parametrize("module", sorted(MODULES))
    def test_imports_flow_one_way(self, module: str) -> None:
        """Rule (docs/architecture.md): "imports flow one way: model <- files <- analysis <- interop/report <- cli,
        nothing imports the cli"; a room imports only the rooms below it."""
        assert [] == _against_flow(_room(module), _imports(module))

    @pytest.mark.parametrize("module", sorted(m for m in MODULES if _room(m)))
    def test_other_rooms_through_their_init(self, module: str) -> None:
        """Rule: "each subpackage's __init__ lists what the others may use": an import from another room names the
        room, and only names its __init__ lists."""
        room = _room(module)
        wrong = []
        for target, names, line in _imports(module):
            other = _room(target)
            if not other or other == room:
                continue
            if target != other:
                wrong.append((line, f"imports {target}: import from the room, {other}"))
            else:
                listed = _exports(other)
                wrong += [(line, f"{name} is not listed in {other}/__init__") for name in names if name not in listed]
        assert [] == wrong

    def test_no_circle(self) -> None:
        """Rule: "no circle anywhere": the graph of module imports (function-local ones too) has no cycle."""
        assert [] == _cycles(_edges())

    def test_the_checks_can_fail(self) -> None:
        """The checks refuse what they are for: the model importing the analysis, the analysis importing the
        files, anything importing the cli, and a circle of two modules."""
        assert [("analysis.councils", 3)] == _against_flow("model", [("analysis.councils", (), 3)])
        assert [("files", 1)] == _against_flow("analysis", [("files", ("load",), 1)])
        assert [("cli", 9)] == _against_flow("report", [("cli", ("main",), 9)])
        assert [] == _against_flow("report", [("analysis", ("overlap",), 2), ("report.document", ("Table",), 4)])
        assert [["a", "b", "a"]] == _cycles({"a": {"b"}, "b": {"a"}})


class TestRooms:
    @pytest.mark.parametrize("module", sorted(MODULES))
    def test_no_module_over_400_lines(self, module: str) -> None:
        """Rule: "no module over 400 lines"."""
        assert len(MODULES[module].read_text(encoding="utf-8").splitlines()) <= MAX_LINES

    @pytest.mark.parametrize("room", [r for r in ROOMS if r != "cli"])
    def test_exports_resolve(self, room: str) -> None:
        """Every name a room's __init__ lists comes from the module it names, and no listed name is also the name
        of one of the room's modules (importing that module would replace the name with the module)."""
        package = __import__(f"coalitions.{room}", fromlist=["_"])
        modules = {p.stem for p in (PACKAGE / room).glob("*.py")}
        for name, module in _exports(room).items():
            assert name not in modules
            source = __import__(f"coalitions.{room}.{module}", fromlist=["_"])
            assert getattr(source, name) is getattr(package, name)

    def test_no_private_name_crosses_a_module(self) -> None:
        """Rule: "private helpers stay private (_)": no module imports another module's ``_name``."""
        crossing = [(m, names) for m in MODULES for _, names, _ in _imports(m)
                    if any(n.startswith("_") and n not in ("__version__",) for n in names)]  # fmt: skip
        assert [] == crossing


class TestPublicAPI:
    def test_all_is_the_stored_list(self) -> None:
        """``import coalitions`` offers exactly the stored public API (tests/public_api.txt); a change to it is a
        change to this file, reviewed."""
        stored = (Path(__file__).parent / "public_api.txt").read_text(encoding="utf-8").split()
        assert stored == list(coalitions.__all__)
        assert all(hasattr(coalitions, name) for name in stored)


#: The optional extras' modules (pyproject.toml), and what only some commands need.
EXTRAS = ("numpy", "scipy", "networkx", "jsonschema", "pandas", "matplotlib", "bokeh", "datasette", "playwright")
HEAVY = ("coalitions.analysis", "coalitions.files", "coalitions.interop", "coalitions.report", "cattrs", "yaml")


def _imported_by(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code`` (its output thrown away)."""
    probe = f"import io, sys, contextlib\nwith contextlib.redirect_stdout(io.StringIO()):\n    {code}\nprint(*sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


class TestStartUp:
    def test_import_imports_no_room(self) -> None:
        """Rule (issue 16): "import coalitions does not import the optional extras", nor any room, PyYAML or
        cattrs: each public name is imported the first time it is asked for (a fresh interpreter)."""
        imported = _imported_by("import coalitions")
        assert ({"coalitions"}, set()) == ({m for m in imported if m.startswith("coalitions")},
                                           imported & {*EXTRAS, "yaml", "cattrs", "attrs"})  # fmt: skip

    def test_help_imports_no_analysis(self) -> None:
        """Rule (issue 16): "the analysis, charts, scipy, networkx, jsonschema and cattrs converters are not needed
        by --help": ``coalitions --help`` imports none of them, nor the files or the report."""
        imported = _imported_by("from coalitions.cli import main\n    try: main(['--help'])\n    except SystemExit: pass")
        assert set() == {m for m in imported if m.split(".")[0] in EXTRAS or m.startswith(HEAVY)}

    def test_public_names_resolve(self) -> None:
        """Every public name is what its room offers, the names for type checkers (``if TYPE_CHECKING``) are the
        same as the lazy ones, and a name that is not public is an AttributeError."""
        tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
        checking = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING")
        typed = {a.name: node.module for node in checking.body if isinstance(node, ast.ImportFrom) for a in node.names}
        assert typed == coalitions._ROOMS
        for name, room in coalitions._ROOMS.items():
            assert getattr(coalitions, name) is getattr(importlib.import_module(f"coalitions.{room}"), name)
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            coalitions.nothing  # noqa: B018
