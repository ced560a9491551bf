"""The library does no I/O: no files, streams, logging, network, clock or global randomness.

Every module under ``src/xueji/`` outside the ``xueji/cli/`` package (the command-line
adapter, the one place allowed to read arguments, files, the clock and the standard streams)
is parsed with :mod:`ast` and checked for:

* calls to ``open``, ``print``, ``input``, ``breakpoint``, ``exec``, ``eval``, ``__import__``;
* imports of ``logging``, ``os``, ``io``, ``pathlib``, ``socket``, ``subprocess``, ``urllib``,
  ``http``, ``shutil``, ``tempfile``, ``time`` (any form, including submodules);
* the standard streams: ``sys.stdout``, ``sys.stderr``, ``sys.stdin`` (and ``__stdout__`` ...);
* the clock: any ``.today``, ``.now`` or ``.utcnow`` attribute (``date.today()``,
  ``datetime.now()``, ...);
* the global random generator: any ``random.<name>`` other than ``random.Random``, and any
  ``from random import <name>`` other than ``Random``.

``__main__.py`` is checked too: it only hands over to ``xueji.cli``. No other library module
imports ``xueji.cli``, so the adapter's I/O cannot be reached from the library.

The checker is tested on small snippets first, so that this test can fail.
A subprocess test checks that ``import xueji`` imports neither Hypothesis nor the adapter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "xueji"
ADAPTER = PACKAGE / "cli"

FORBIDDEN_CALLS = frozenset({"open", "print", "input", "breakpoint", "exec", "eval", "__import__"})
FORBIDDEN_MODULES = frozenset(
    {
        "logging",
        "os",
        "io",
        "pathlib",
        "socket",
        "subprocess",
        "urllib",
        "http",
        "shutil",
        "tempfile",
        "time",
    }
)
STREAMS = frozenset({"stdout", "stderr", "stdin", "__stdout__", "__stderr__", "__stdin__"})
CLOCK = frozenset({"today", "now", "utcnow"})
RANDOM_ALLOWED = "Random"


def _aliases(tree: ast.AST, module: str) -> set[str]:
    """Names under which ``import module`` binds the module."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == module:
                    names.add(alias.asname or alias.name)
    return names


def violations(source: str, filename: str = "<snippet>") -> list[str]:
    """Every forbidden construct in ``source``, as ``filename:line: what``."""
    tree = ast.parse(source, filename=filename)
    sys_names = _aliases(tree, "sys")
    random_names = _aliases(tree, "random")
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{filename}:{getattr(node, 'lineno', '?')}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in FORBIDDEN_CALLS:
                report(node, f"call to {node.func.id}()")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                    report(node, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            root = node.module.split(".")[0]
            names = [alias.name for alias in node.names]
            if root in FORBIDDEN_MODULES:
                report(node, f"from {node.module} import ...")
            elif node.module == "sys" and STREAMS.intersection(names):
                report(node, f"from sys import {', '.join(sorted(STREAMS.intersection(names)))}")
            elif node.module == "random" and any(name != RANDOM_ALLOWED for name in names):
                report(node, f"from random import {', '.join(names)}")
        elif isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if node.attr in CLOCK:
                report(node, f"clock: .{node.attr}")
            elif owner in sys_names and node.attr in STREAMS:
                report(node, f"stream: sys.{node.attr}")
            elif owner in random_names and node.attr != RANDOM_ALLOWED:
                report(node, f"global random: random.{node.attr}")
    return found


# -- the checker catches what it should, and only that ------------------------------------

BAD_SNIPPETS = [
    "open('f')",
    "with open('f') as f: pass",
    "print('x')",
    "input()",
    "breakpoint()",
    "exec('1')",
    "eval('1')",
    "__import__('os')",
    "import logging",
    "import os",
    "import os.path",
    "from os import path",
    "from os.path import join",
    "import io",
    "from io import StringIO",
    "import pathlib",
    "from pathlib import Path",
    "import socket",
    "import subprocess",
    "import urllib.request",
    "from urllib import request",
    "import http.client",
    "import shutil",
    "import tempfile",
    "import time",
    "import time as t",
    "from time import time",
    "import sys\nsys.stdout.write('x')",
    "import sys\nsys.stderr.write('x')",
    "import sys\nsys.stdin.read()",
    "import sys as s\ns.stdout.write('x')",
    "from sys import stdout",
    "import datetime\ndatetime.date.today()",
    "from datetime import date\ndate.today()",
    "from datetime import datetime\ndatetime.now()",
    "import datetime\ndatetime.datetime.utcnow()",
    "from datetime import date\nclock = date.today",
    "import random\nrandom.choice([1, 2])",
    "import random\nrandom.random()",
    "import random\nrandom.seed(1)",
    "import random as r\nr.randint(1, 2)",
    "from random import choice",
    "from random import Random, shuffle",
    "from random import *",
]

GOOD_SNIPPETS = [
    "import random\nrng = random.Random(1)\nrng.choice([1, 2])",
    "from random import Random\nRandom(1).random()",
    "import datetime\ndatetime.date(2000, 1, 1)",
    "import sys\nsys.maxsize",
    "import re\nre.compile('x')",
    "x = {}\nx.get('today')",
    "def f(out):\n    out.write('x')",
    "from xueji import _region_names",
    "import functools",
    "from typing import Final",
]


@pytest.mark.parametrize("snippet", BAD_SNIPPETS)
def test_checker_reports_each_forbidden_pattern(snippet: str) -> None:
    assert violations(snippet), snippet


@pytest.mark.parametrize("snippet", GOOD_SNIPPETS)
def test_checker_allows_pure_code(snippet: str) -> None:
    assert violations(snippet) == []


def test_checker_reports_the_line_of_each_violation() -> None:
    found = violations("x = 1\nimport os\nprint(x)\n", "m.py")
    assert found == ["m.py:2: import os", "m.py:3: call to print()"]


# -- the library itself ---------------------------------------------------------------

LIBRARY_MODULES = sorted(path for path in PACKAGE.rglob("*.py") if ADAPTER not in path.parents)
ENTRY_POINT = PACKAGE / "__main__.py"


def test_the_library_modules_are_found() -> None:
    names = {path.name for path in LIBRARY_MODULES}
    assert {"__init__.py", "resident_id.py", "errors.py", "_text.py", "_checksum.py"} <= names
    assert ENTRY_POINT in LIBRARY_MODULES


def test_the_adapter_is_the_cli_package_and_nothing_else() -> None:
    adapter = sorted(PACKAGE.rglob("*.py"))
    exempt = [path for path in adapter if path not in LIBRARY_MODULES]
    assert exempt, "the adapter package was not found"
    assert all(path.is_relative_to(ADAPTER) for path in exempt)
    # The adapter does I/O: the checker must see it, or the exemption would hide nothing.
    assert violations((ADAPTER / "writing.py").read_text(encoding="utf-8"))


def adapter_imports(source: str) -> list[str]:
    """Every import of ``xueji.cli`` (or a module under it) in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found += [name for name in names if name == "xueji.cli" or name.startswith("xueji.cli.")]
    return found


@pytest.mark.parametrize(
    ("snippet", "imports"),
    [
        ("import xueji.cli", True),
        ("from xueji.cli import main", True),
        ("from xueji import cli", True),
        ("from xueji.cli.reading import open_table", True),
        ("from xueji import checks", False),
        ("import xueji.client_side", False),
    ],
)
def test_adapter_import_finder(snippet: str, imports: bool) -> None:
    assert bool(adapter_imports(snippet)) is imports


@pytest.mark.parametrize(
    "path",
    [p for p in LIBRARY_MODULES if p != ENTRY_POINT],
    ids=[str(p.relative_to(PACKAGE)) for p in LIBRARY_MODULES if p != ENTRY_POINT],
)
def test_no_library_module_imports_the_adapter(path: Path) -> None:
    assert adapter_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "path", LIBRARY_MODULES, ids=[str(p.relative_to(PACKAGE)) for p in LIBRARY_MODULES]
)
def test_library_module_does_no_io(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8"), path.name) == []


def test_importing_xueji_imports_neither_hypothesis_nor_the_adapter() -> None:
    code = (
        "import sys, xueji\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'hypothesis'"
        " or m.startswith('xueji.cli')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
