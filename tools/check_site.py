"""Check a built documentation site for what a reader should never see.

Run it on the output of ``mkdocs build``::

    python tools/check_site.py site/

It reads every ``.html`` file under the folder and reports three kinds of hit, each with
the page it is on:

``sphinx-role``
    A Sphinx role printed as text, such as ``:class:`` before a ``Record`` in code, or
    ``:py:meth:`x``` (mkdocstrings wants Markdown cross-references:
    ``[`Record`][xueji.Record]``).
``doctest-prompt``
    A ``>>>`` outside a code block, or what Markdown makes of a line starting with one:
    three blockquotes inside each other (a docstring example outside an ``Examples:``
    section).
``broken-link``
    An ``href`` or ``src`` to a file of the site that does not exist, or to an anchor
    (``#id``) that the target page does not have. Links out of the site are not
    followed; a link starting with ``/`` is taken from the site's root.

Text inside ``pre``, ``code``, ``kbd``, ``samp``, ``script``, ``style`` and ``textarea``
is code and is not searched. The exit status is 0 when there is no hit, 1 when there is
any (each is printed as ``page: kind: detail``, then the count of each kind), 2 when the
folder holds no page.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

KINDS = ("sphinx-role", "doctest-prompt", "broken-link")

#: Elements whose text is code, not prose.
CODE = frozenset({"pre", "code", "kbd", "samp", "script", "style", "textarea"})
#: Elements that never have an end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: The attributes that point at another file, by element.
LINKS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
}
# ":role:" or ":domain:role:" (":class:", ":py:meth:", ":rfc:" ...), the role's target
# following as `text` or as the code element that Markdown made of it.
ROLE = re.compile(r"(?<![\w:`]):(?:[a-z]+:)?[a-z]+:(?=`|\Z)")
#: Elements that may stand between a role and the code element of its target.
_WRAPPERS = frozenset({"a", "span", "autoref"})
PROMPT = ">>>"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, order=True)
class Hit:
    """One thing found on one page."""

    page: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: {self.kind}: {self.detail}"


@dataclass
class Page:
    """What a page holds: its anchors, the links it makes, the hits in its text."""

    path: str
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.open: list[str] = []  # the elements open now, outermost first
        self.role: str | None = None  # a role that ended the last text, awaiting its code
        self.before = ""  # the text that ended with it
        self.quoted = False  # a third blockquote opened: its text is the example

    def _in_code(self) -> bool:
        return any(tag in CODE for tag in self.open)

    def _hit(self, kind: str, detail: str) -> None:
        self.page.hits.append(Hit(self.page.path, kind, detail))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(str(values[name]))
        target = values.get(LINKS.get(tag, ""))
        if target:
            self.page.links.append(target)
        if self.role is not None and tag == "code":
            self._hit("sphinx-role", f"{self.role} before a code element, after {self.before!r}")
        if tag not in _WRAPPERS:
            self.role = None
        if tag == "blockquote" and not self._in_code() and self.open.count("blockquote") == 2:
            self.quoted = True
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            # Close it and anything left open inside it, as a browser does.
            while self.open and self.open.pop() != tag:
                pass
        self.role = None

    def handle_data(self, data: str) -> None:
        if self.quoted and data.strip():
            self._hit("doctest-prompt", f"an example quoted as prose: {_shorten(data)!r}")
            self.quoted = False
        self.role = None
        if self._in_code():
            return
        for match in ROLE.finditer(data):
            if match.end() == len(data):
                self.role = match[0]  # a hit if the next element is code
                self.before = _shorten(data[-40:])
            else:
                self._hit("sphinx-role", f"{match[0]} in {_shorten(data)!r}")
        if PROMPT in data:
            self._hit("doctest-prompt", f"{PROMPT} in {_shorten(data)!r}")


def read_page(path: str, source: str) -> Page:
    """The anchors, links and text hits of one page; ``path`` is relative to the site."""
    page = Page(path)
    reader = _Reader(page)
    reader.feed(source)
    reader.close()
    if reader.quoted:
        page.hits.append(Hit(path, "doctest-prompt", "an empty example quoted as prose"))
    return page


def _target(page: str, href: str) -> tuple[str, str] | None:
    """The site file and the anchor ``href`` on ``page`` points at; None if off the site."""
    if href.startswith("//") or _SCHEME.match(href):
        return None
    address, anchor = urldefrag(href)
    address = unquote(address)
    if not address:
        return page, unquote(anchor)
    if address.startswith("/"):
        joined = address.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), address)
    resolved = posixpath.normpath(joined) if joined else "."
    if address.endswith("/") or resolved == ".":
        resolved = posixpath.join(resolved, "index.html") if resolved != "." else "index.html"
    return resolved, unquote(anchor)


def broken_links(pages: dict[str, Page], files: set[str]) -> list[Hit]:
    """Links to a file that is not there, or to an anchor the target page does not have.

    ``files`` holds every file of the site (pages, assets), relative to it, with ``/``.
    """
    hits = []
    for path, page in pages.items():
        for href in page.links:
            found = _target(path, href)
            if found is None:
                continue
            target, anchor = found
            if target.startswith("../"):
                hits.append(Hit(path, "broken-link", f"{href} leaves the site"))
                continue
            if target not in files and f"{target}/index.html" in files:
                target = f"{target}/index.html"
            if target not in files:
                hits.append(Hit(path, "broken-link", f"{href}: no file {target}"))
            elif anchor and target in pages and anchor not in pages[target].ids:
                hits.append(Hit(path, "broken-link", f"{href}: no anchor #{anchor} in {target}"))
    return hits


def check_site(root: Path) -> list[Hit]:
    """Every hit in the site under ``root``, sorted by page and kind."""
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    pages = {
        path: read_page(path, (root / path).read_text(encoding="utf-8", errors="replace"))
        for path in sorted(files)
        if path.endswith(".html")
    }
    hits = [hit for page in pages.values() for hit in page.hits]
    return sorted(hits + broken_links(pages, files))


def summary(hits: Iterable[Hit]) -> str:
    counts = Counter(hit.kind for hit in hits)
    return ", ".join(f"{kind}: {counts[kind]}" for kind in KINDS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the folder mkdocs built")
    args = parser.parse_args(argv)
    if not any(args.site.rglob("*.html")):
        print(f"check_site: no .html file under {args.site}", file=sys.stderr)
        return 2
    hits = check_site(args.site)
    for hit in hits:
        print(hit)
    print(f"check_site: {len(hits)} hits ({summary(hits)})", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
