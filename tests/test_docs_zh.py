"""The simplified-Chinese pages of the site (``docs/**/NAME.zh.md``) follow their originals.

A translation runs the same Python as its English page (pytest runs the examples of both,
through ``--doctest-glob=*.md``), and each of its headings carries the anchor the
English heading gets, so that a link to ``guides/roster.md#common-cases`` lands on the
same section in either language.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
TRANSLATIONS = sorted(DOCS.rglob("*.zh.md"))
_FENCE = re.compile(r"^(```+|~~~+)")
_HEADING = re.compile(r"^(#{1,6}) (.*?)(?: \{#([\w-]+)\})?$")


def original(translation: Path) -> Path:
    return translation.with_name(translation.name.removesuffix(".zh.md") + ".md")


def blocks_and_headings(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str | None]]]:
    """The fenced blocks (info string, body), and the headings (title, explicit anchor)."""
    blocks: list[tuple[str, str]] = []
    headings: list[tuple[str, str | None]] = []
    fence: str | None = None
    info, body = "", list[str]()
    for line in text.splitlines():
        stripped = line.strip()
        opening = _FENCE.match(stripped)
        if fence is None and opening:
            fence, info, body = opening[1], stripped[len(opening[1]) :].strip(), []
        elif fence is not None and stripped == fence:
            blocks.append((info, "\n".join(body)))
            fence = None
        elif fence is not None:
            body.append(line.strip())
        elif match := _HEADING.match(line):
            headings.append((match[2], match[3]))
    return blocks, headings


def slug(title: str) -> str:
    """The anchor Python-Markdown's ``toc`` extension gives a heading (its default slugify)."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def python_blocks(path: Path) -> list[str]:
    blocks, _ = blocks_and_headings(path.read_text(encoding="utf-8"))
    return [body for info, body in blocks if info in ("python", "pycon")]


def test_the_parser_skips_fenced_headings_and_reads_anchors() -> None:
    text = "# 上手 {#get-started}\n\n```sh\n# a comment\npip install .\n```\n\n## Two words\n"
    blocks, headings = blocks_and_headings(text)
    assert blocks == [("sh", "# a comment\npip install .")]
    assert headings == [("上手", "get-started"), ("Two words", None)]
    assert slug("R1: every student has a record (学籍)") == "r1-every-student-has-a-record"


def test_the_stable_pages_are_translated() -> None:
    names = {str(path.relative_to(DOCS)) for path in TRANSLATIONS}
    assert names >= {
        "index.zh.md",
        "quickstart.zh.md",
        "concepts.zh.md",
        "guides/roster.zh.md",
        "walkthrough.zh.md",
        "recipes/dataframes.zh.md",
    }


@pytest.mark.parametrize("page", TRANSLATIONS, ids=lambda p: str(p.relative_to(DOCS)))
def test_a_translation_has_an_english_original(page: Path) -> None:
    assert original(page).is_file()


@pytest.mark.parametrize("page", TRANSLATIONS, ids=lambda p: str(p.relative_to(DOCS)))
def test_a_translation_runs_the_same_python_as_its_original(page: Path) -> None:
    assert python_blocks(page) == python_blocks(original(page))


@pytest.mark.parametrize("page", TRANSLATIONS, ids=lambda p: str(p.relative_to(DOCS)))
def test_a_translated_heading_keeps_the_anchor_of_the_original(page: Path) -> None:
    _, translated = blocks_and_headings(page.read_text(encoding="utf-8"))
    _, english = blocks_and_headings(original(page).read_text(encoding="utf-8"))
    assert [anchor for _, anchor in translated] == [slug(title) for title, _ in english]
