"""How the modules of `src/xueji` import one another: one validation core, no private names
across modules, and no import circle through the number side.

The rules of the numbers live once, in `xueji._core`; the modules that check numbers take
them from there by its `__all__` only, and `_vector` (the numpy mirror of the core) imports
nothing else of xueji. Every import is counted: at module level, under `TYPE_CHECKING` and
inside functions. The checker is tried on small snippets first, so that these tests can fail.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from xueji import _core

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "xueji"
#: The modules that check numbers: they take their rules from the core.
NUMBER_SIDE = (
    "xueji.resident_id",
    "xueji.registry_number",
    "xueji.school",
    "xueji.checks",
    "xueji.columns",
    "xueji.rows",
    "xueji._vector",
    "xueji.age",
)
#: Parts of the core that need nothing of the rest; `xueji._core` re-exports their names.
CORE_LEAVES = ("xueji._dates", "xueji._row_codes")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: Every module, the subpackages' (the CLI's, the strategies') included.
MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(source: str) -> list[tuple[str, str | None]]:
    """``(module, name)`` for every xueji import in ``source`` (name None for ``import m``)."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "xueji" or node.module.startswith("xueji."):
                found.extend((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((a.name, None) for a in node.names if a.name.split(".")[0] == "xueji")
    return found


def dependencies(source: str) -> set[str]:
    """The xueji modules ``source`` imports (``from xueji import _core`` counts as _core)."""
    deps = set()
    for module, name in imports(source):
        if module == "xueji" and name is not None and f"xueji.{name}" in MODULES:
            deps.add(f"xueji.{name}")
        else:
            deps.add(module)
    return deps


def private_imports(source: str) -> list[str]:
    """Private names taken from another module: ``from xueji.m import _name``."""
    return [
        f"{module}.{name}"
        for module, name in imports(source)
        if name is not None and name.startswith("_") and f"{module}.{name}" not in MODULES
    ]


def cycles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """Every import circle of ``graph``, each as its modules from the smallest name on."""
    found: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        for dep in sorted(graph.get(path[-1], ())):
            if dep in path:
                circle = path[path.index(dep) :]
                start = circle.index(min(circle))
                found.add(tuple(circle[start:] + circle[:start]))
            elif dep in graph:
                walk([*path, dep])

    for module in graph:
        walk([module])
    return found


# -- the checkers catch what they should --------------------------------------------------


def test_the_checkers_see_every_form_of_import() -> None:
    source = (
        "import xueji.record\n"
        "from xueji import _core, errors\n"
        "from xueji.resident_id import _PERMIT_NAMES, ResidentID\n"
        "def f():\n    from xueji.rows import check_row\n"
        "if TYPE_CHECKING:\n    from xueji.school import School\n"
    )
    assert dependencies(source) == {
        "xueji.record",
        "xueji._core",
        "xueji.errors",
        "xueji.resident_id",
        "xueji.rows",
        "xueji.school",
    }
    assert private_imports(source) == ["xueji.resident_id._PERMIT_NAMES"]


def test_the_cycle_finder_finds_direct_and_longer_circles() -> None:
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"b"}, "e": {"a"}}
    assert cycles(graph) == {("a", "b"), ("b", "c", "d")}
    assert cycles({"a": {"b"}, "b": set()}) == set()


# -- the package ----------------------------------------------------------------------------

GRAPH = {
    module: dependencies(path.read_text(encoding="utf-8")) - {module, "xueji"}
    for module, path in MODULES.items()
    if module != "xueji"  # the package loads its modules by name, on first use
}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_takes_a_private_name_of_another(module: str) -> None:
    assert private_imports(MODULES[module].read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("module", NUMBER_SIDE)
def test_the_number_side_takes_only_the_cores_package_level_names(module: str) -> None:
    taken = {
        name
        for imported, name in imports(MODULES[module].read_text(encoding="utf-8"))
        if imported == "xueji._core"
    }
    assert taken <= set(_core.__all__)
    assert all(hasattr(_core, name) for name in _core.__all__)


def test_the_numpy_mirror_imports_nothing_but_the_core_and_the_arrow_reader() -> None:
    assert GRAPH["xueji._vector"] == {"xueji._core", "xueji._arrow"}
    # The reader knows buffer layouts, no rule: it imports nothing of xueji.
    assert GRAPH["xueji._arrow"] == set()


def test_no_import_circle_runs_through_the_number_side() -> None:
    through = {c for c in cycles(GRAPH) if set(c) & {*NUMBER_SIDE, "xueji._core"}}
    assert through == set()


@pytest.mark.parametrize("module", ["xueji._core", *CORE_LEAVES])
def test_the_core_imports_no_module_that_checks_numbers(module: str) -> None:
    assert not GRAPH[module] & set(NUMBER_SIDE)


@pytest.mark.parametrize("leaf", CORE_LEAVES)
def test_the_cores_leaves_import_nothing_of_the_core_and_are_re_exported_by_it(leaf: str) -> None:
    assert "xueji._core" not in GRAPH[leaf]
    names = importlib.import_module(leaf).__all__
    assert set(names) <= set(_core.__all__)
    assert all(
        getattr(_core, name) is getattr(importlib.import_module(leaf), name) for name in names
    )


def test_the_modules_of_subpackages_are_checked_too() -> None:
    assert module_name(PACKAGE / "cli" / "__init__.py") == "xueji.cli"
    assert {"xueji.strategies", "xueji.strategies._base", "xueji.cli.labels"} <= set(MODULES)
