"""``tools/check_site.py``: the built-site check, on small hand-made sites.

Each kind of hit (a literal Sphinx role, a ``>>>`` outside code, a broken internal link)
is shown to be found, and its look-alikes in code blocks, external links and real
anchors to be left alone.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "check_site.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_site", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_site"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


check_site = _load()


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(body) if name.endswith(".html") else body, encoding="utf-8")
    return tmp_path / "site"


def kinds(tmp_path: Path, pages: dict[str, str]) -> list[tuple[str, str]]:
    return [(hit.page, hit.kind) for hit in check_site.check_site(site(tmp_path, pages))]


# -- Sphinx roles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "<p>Every error derives from :class:<code>XuejiError</code>.</p>",
        "<p>Whether :meth:<a href='#x'><code>parse</code></a> accepts it.</p><a id='x'></a>",
        "<p>see :py:func:`check` for more</p>",
        "<td>the same as :attr:<code>Record.status</code></td>",
        "<p>:mod:<code>xueji.dataset</code> and :exc:<code>InvalidNumber</code></p>",
    ],
)
def test_a_role_printed_as_text_is_found(tmp_path: Path, body: str) -> None:
    found = kinds(tmp_path, {"index.html": body})
    assert found
    assert set(found) == {("index.html", "sphinx-role")}


def test_each_role_of_a_paragraph_is_counted(tmp_path: Path) -> None:
    body = "<p>:data:<code>FIRST</code>, :data:<code>LAST</code> and :func:`x`</p>"
    assert len(kinds(tmp_path, {"index.html": body})) == 3


@pytest.mark.parametrize(
    "body",
    [
        "<pre><code>Never write :class:`Record` in a docstring.</code></pre>",
        "<p>Write <code>[`Record`][xueji.Record]</code>, not <code>:class:`Record`</code>.</p>",
        "<p>Time 12:30: the meeting; ratio a:b: c; the key: <code>value</code></p>",
        "<p>Attributes: <code>reason</code>: why.</p>",
    ],
)
def test_role_look_alikes_are_not_roles(tmp_path: Path, body: str) -> None:
    assert kinds(tmp_path, {"index.html": body}) == []


# -- doctest prompts -----------------------------------------------------------------------------


def test_an_example_that_markdown_quoted_is_found(tmp_path: Path) -> None:
    body = (
        "<p>Parse a number.</p><blockquote><blockquote><blockquote>"
        "<p>ResidentID.parse('x')\nResidentID('110105********002X')</p>"
        "</blockquote></blockquote></blockquote>"
    )
    assert kinds(tmp_path, {"index.html": body}) == [("index.html", "doctest-prompt")]


def test_a_prompt_in_prose_is_found_and_one_in_code_is_not(tmp_path: Path) -> None:
    pages = {
        "a.html": "<p>&gt;&gt;&gt; check('x')</p>",
        "b.html": "<pre><code><span>&gt;&gt;&gt; </span>1</code></pre>",
        "c.html": "<p>Lines starting with <code>&gt;&gt;&gt;</code> run as doctests.</p>",
    }
    assert kinds(tmp_path, pages) == [("a.html", "doctest-prompt")]


def test_one_or_two_blockquotes_are_quotations(tmp_path: Path) -> None:
    body = "<blockquote><p>A quote.</p><blockquote><p>Quoted inside.</p></blockquote></blockquote>"
    assert kinds(tmp_path, {"index.html": body}) == []


# -- links ---------------------------------------------------------------------------------------


def test_links_to_pages_assets_and_anchors_that_exist_pass(tmp_path: Path) -> None:
    pages = {
        "index.html": (
            '<a href="guide/">guide</a> <a href="guide/#use">use</a> '
            '<a href="guide/index.html#use">use</a> <a href="#top">top</a><h1 id="top">x</h1>'
            '<link rel="stylesheet" href="assets/site.css"><img src="assets/%E5%9B%BE.png">'
            '<a href="https://example.org/missing/">out</a> <a href="mailto:a@b.c">mail</a>'
        ),
        "guide/index.html": '<h2 id="use">Use</h2><a href="../">home</a><a href="/#top">top</a>',
        "assets/site.css": "body {}",
        "assets/图.png": "",
    }
    assert kinds(tmp_path, pages) == []


@pytest.mark.parametrize(
    ("href", "detail"),
    [
        ("missing/", "no file missing/index.html"),
        ("guide/#nowhere", "no anchor #nowhere"),
        ("#nowhere", "no anchor #nowhere"),
        ("../../outside/", "leaves the site"),
        ("sources.md", "no file sources.md"),
    ],
)
def test_a_link_to_a_missing_page_or_anchor_is_found(
    tmp_path: Path, href: str, detail: str
) -> None:
    pages = {"index.html": f'<a href="{href}">x</a>', "guide/index.html": '<h2 id="use">x</h2>'}
    (hit,) = check_site.check_site(site(tmp_path, pages))
    assert (hit.page, hit.kind) == ("index.html", "broken-link")
    assert detail in hit.detail


def test_a_link_is_resolved_from_the_page_it_is_on(tmp_path: Path) -> None:
    pages = {
        "zh/guide/index.html": '<a href="../../guide/">en</a><a href="../other/">zh</a>',
        "guide/index.html": "",
    }
    assert kinds(tmp_path, pages) == [("zh/guide/index.html", "broken-link")]


# -- the command ---------------------------------------------------------------------------------


def test_the_command_exits_1_and_lists_each_hit_with_its_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site(tmp_path, {"a/index.html": "<p>:class:`X`</p><a href='#gone'>x</a>"})
    assert check_site.main([str(root)]) == 1
    out, err = capsys.readouterr()
    assert sorted(line.split(": ")[:2] for line in out.splitlines()) == [
        ["a/index.html", "broken-link"],
        ["a/index.html", "sphinx-role"],
    ]
    assert "sphinx-role: 1, doctest-prompt: 0, broken-link: 1" in err


def test_the_command_exits_0_on_a_clean_site_and_2_on_no_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_site.main([str(site(tmp_path, {"index.html": "<p>ok</p>"}))]) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check_site.main([str(empty)]) == 2


def test_ci_checks_the_site_that_its_strict_build_wrote() -> None:
    script = (TOOL.parent.parent / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    build = next(
        i
        for i, line in enumerate(script)
        if "mkdocs build --strict" in line and not line.startswith("echo")
    )
    folder = re.search(r'-d "(\$\w+)"', script[build])
    assert folder is not None, "the build writes to a folder named by a variable"
    checks = [line for line in script[build + 1 :] if "tools/check_site.py" in line]
    assert checks, "no check of the built site after the build"
    assert checks[0].split() == ["python", "tools/check_site.py", f'"{folder[1]}"']
