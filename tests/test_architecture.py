"""The import graph of ``src/xueji`` has no cycle, and the value modules sit below the rules.

Every module is parsed with `ast`; every import counts, wherever it stands: at the top,
inside a function (a lazy import) or under ``if TYPE_CHECKING:``. A cycle through any of
them means two modules cannot be understood, tested or moved one without the other.
The finder is tested on small made-up packages first, so that these tests can fail.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "xueji"


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted name → file, for every module of ``package`` under ``root``."""
    names = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _resolve(name: str, known: Iterable[str]) -> str | None:
    """The longest known module that ``name`` is, or is inside of."""
    known = set(known)
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, path: Path, known: Iterable[str]) -> set[str]:
    """The known modules that ``module`` imports anywhere in its source."""
    known = set(known)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_package:
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import name`` imports the submodule pkg.name when there is one.
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            resolved = _resolve(target, known)
            if resolved is not None and resolved != module:
                found.add(resolved)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    names = module_names(root, package)
    return {name: imports_of(name, path, names) for name, path in names.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


# -- the finder, on made-up packages ---------------------------------------------------------


def write_package(root: Path, files: Mapping[str, str]) -> None:
    for name, source in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


def test_a_lazy_import_inside_a_function_closes_a_cycle(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg.b import thing\n",
            "b.py": "def thing():\n    from pkg import a\n    return a\n",
            "c.py": "import pkg.a\n",
        },
    )
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.b"]]


def test_a_type_checking_import_closes_a_cycle(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "__init__.py": "",
            "low.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from pkg.high import High\n"
            ),
            "high.py": "from .low import *\n",
        },
    )
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.high", "pkg.low"]]


def test_relative_imports_and_imports_of_names_resolve_to_modules(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "__init__.py": "from pkg.sub import deep\n",
            "sub/__init__.py": "from . import deep\nfrom ..top import VALUE\n",
            "sub/deep.py": "import os\nfrom pkg.sub import helper_name\n",
            "top.py": "VALUE = 1\n",
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert graph == {
        "pkg": {"pkg.sub.deep"},
        "pkg.sub": {"pkg.sub.deep", "pkg.top"},
        "pkg.sub.deep": {"pkg.sub"},
        "pkg.top": set(),
    }
    assert cycles(graph) == [["pkg.sub", "pkg.sub.deep"]]


def test_a_tree_of_imports_has_no_cycle(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {"__init__.py": "from pkg import a\n", "a.py": "import pkg.b\n", "b.py": "import json\n"},
    )
    assert cycles(import_graph(tmp_path, "pkg")) == []


# -- xueji itself -----------------------------------------------------------------------------


@functools.cache
def xueji_graph() -> dict[str, set[str]]:
    return import_graph(SOURCE, PACKAGE)


def test_no_module_of_xueji_is_part_of_an_import_cycle() -> None:
    assert cycles(xueji_graph()) == []


#: The modules of values that records, requests and their histories are made of (the
#: approval engine decides requests, which are values, and never touches a record).
VALUE_MODULES = (
    "xueji.actor",
    "xueji.stage",
    "xueji.policy",
    "xueji.approval",
    "xueji.workflow",
    "xueji.record",
)
#: The modules of the functions that change them.
RULE_MODULES = (
    "xueji._rules",
    "xueji.lifecycle",
    "xueji.change_request",
    "xueji.attendance",
    "xueji.school_transfer",
    "xueji.status",
    "xueji.suspension",
    "xueji.progression",
    "xueji.history",
)


@pytest.mark.parametrize("module", VALUE_MODULES)
def test_a_value_module_imports_no_rule_module(module: str) -> None:
    assert xueji_graph()[module].isdisjoint(RULE_MODULES)


#: Longest a module may be: past it, a module is split by concern, as lifecycle was.
MAX_LINES = 500


def is_generated_table(module: str) -> bool:
    return module.rpartition(".")[2].startswith("_region_")


def line_count(module: str) -> int:
    return len(module_names(SOURCE, PACKAGE)[module].read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("module", sorted(module_names(SOURCE, PACKAGE)))
def test_no_module_but_a_generated_table_is_over_500_lines(module: str) -> None:
    if is_generated_table(module):
        return
    assert line_count(module) <= MAX_LINES


def test_the_generated_tables_are_the_region_tables_only() -> None:
    tables = {m for m in module_names(SOURCE, PACKAGE) if is_generated_table(m)}
    assert tables == {"xueji._region_codes", "xueji._region_history", "xueji._region_names"}
