"""The docstrings of ``src/xueji`` in the form the API reference renders.

mkdocstrings renders a docstring's examples as highlighted code only inside a Google-style
``Examples:`` section, and shows a Sphinx role (``:class:`X```) as literal text. The built
site is checked too (``tools/check_site.py`` in CI), but only for the names it shows; this
test reads every docstring of every module, private ones included, so that an example
keeps its form when a name becomes public.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "xueji"
MODULES = sorted(SOURCE.rglob("*.py"))
SPHINX_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|mod|exc|data|obj|const):`")


def docstrings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of the module's docstring and of every class and function in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            text = ast.get_docstring(node, clean=True)
            if text is not None:
                yield getattr(node, "lineno", 1), text
    # Attribute docstrings: a string statement right after an assignment.
    for parent in ast.walk(tree):
        body = getattr(parent, "body", None)
        if not isinstance(body, list):
            continue
        for before, after in itertools.pairwise(body):
            if (
                isinstance(before, ast.Assign | ast.AnnAssign)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                yield after.lineno, after.value.value


def stray_examples(text: str) -> list[str]:
    """The ``>>>`` lines of ``text`` that are not inside an ``Examples:`` section."""
    stray: list[str] = []
    section_indent: int | None = None
    for line in text.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped:
            continue
        if section_indent is not None and indent <= section_indent:
            section_indent = None  # a line back at the heading's level ends the section
        if stripped == "Examples:":
            section_indent = indent
        elif stripped.startswith(">>>") and section_indent is None:
            stray.append(stripped)
    return stray


def test_the_section_reader_tells_a_section_from_a_stray_example() -> None:
    inside = "Summary.\n\nExamples:\n    >>> 1 + 1\n    2\n"
    after = "Summary.\n\nExamples:\n    >>> 1\n    1\n\nMore prose.\n>>> 2\n2\n"
    assert stray_examples(inside) == []
    assert stray_examples(after) == [">>> 2"]
    assert stray_examples(">>> 3\n3\n") == [">>> 3"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_docstring_example_sits_in_an_examples_section(path: Path) -> None:
    found = [(line, example) for line, text in docstrings(path) for example in stray_examples(text)]
    assert found == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_docstring_uses_a_sphinx_role(path: Path) -> None:
    found = [line for line, text in docstrings(path) if SPHINX_ROLE.search(text)]
    assert found == []
