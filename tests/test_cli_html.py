"""``check FILE --column C --html report.html``: one self-contained page, read back here.

The page is parsed with the standard library's `html.parser`, and every piece of text
holding a digit is accounted for: each count against `xueji.check_many`'s `Report` and
summary of the same column, each problem row against the report's rows, each bar's
length against its count; the rest (the file name, the date, the labels) against what
was asked. Nothing in the page may load anything or run anything.
"""

from __future__ import annotations

import csv
import datetime
import importlib.metadata
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from xueji import Kind, Reason, check_many, make_resident_id
from xueji.cli import main
from xueji.cli.checking import HTML_ROWS
from xueji.cli.html_report import REGION_BARS
from xueji.cli.labels import LANGUAGES

AS_OF = datetime.date(2026, 11, 28)
GOOD_X = "11010519491231002X"
SHENZHEN = make_resident_id(
    region_code="440305", birth_date=datetime.date(2010, 5, 6), sequence=31
).value
WRONG = {c: "0" if c != "0" else "1" for c in "0123456789X"}


def damaged(number: str) -> str:
    """``number`` with a wrong check character."""
    return number[:-1] + WRONG[number[-1]]


# (name, value, the bar of the county chart a row with an error counts in; None: valid)
ROSTER: list[tuple[str, str, str | None]] = [
    ("王芳", GOOD_X, None),
    ("李雷", damaged(GOOD_X), "110105"),
    ("韩梅", "4.40305E+17", "none"),
    ("赵强", "", "none"),
    ("钱多", GOOD_X[:16], "110105"),  # too short, but its region is readable
    ("孙丽", "G" + damaged(SHENZHEN), "440305"),
    ("周杰", "990101200001010011", "none"),  # no such province
    ("吴敏", " 110105 19491231 002x ", None),  # valid: a warning only
    ("郑浩", "abc", "none"),
]


class Node:
    """An element of the page, with its attributes and parent."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.texts: list[str] = []

    def ancestors(self) -> list[Node]:
        node: Node | None = self
        out = []
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def text(self) -> str:
        return "".join(self.texts) + "".join(child.text() for child in self.children)

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        found = []
        for child in self.children:
            if child.tag == tag and all(child.attrs.get(k) == v for k, v in attrs.items()):
                found.append(child)
            found += child.find_all(tag, **attrs)
        return found

    def find(self, tag: str, **attrs: str) -> Node:
        (found,) = self.find_all(tag, **attrs)
        return found

    def key(self) -> str:
        """The ``data-key`` attribute: what the element counts."""
        return str(self.attrs["data-key"])


VOID = frozenset({"meta", "br", "link", "img", "input", "hr"})


class Page(HTMLParser):
    """The page as a tree of `Node`s, and every text with the element it is in."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root
        self.texts: list[tuple[str, Node]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        assert node.parent is not None
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.texts.append(data)
        self.texts.append((data, self.current))


def write_roster(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["xm", "sfzh"])
        writer.writerows(rows)
    return path


def report_of(tmp_path: Path, rows: list[tuple[str, str]], *extra: str) -> tuple[int, Page, Path]:
    source = write_roster(tmp_path / "花名册.csv", rows)
    page = tmp_path / "report.html"
    options = ["--as-of", AS_OF.isoformat(), "--html", str(page)]
    options += ["--out", str(tmp_path / "problems.csv"), *extra]
    status = main(["check", str(source), "--column", "sfzh", *options])
    return status, Page(page.read_text(encoding="utf-8")), page


def number(text: str) -> int:
    return int(text.strip().replace(",", ""))


@attrs.define
class Audit:
    """Marks each digit-bearing text of the page as checked, to find any left over."""

    page: Page
    checked: set[int] = attrs.Factory(set)

    def mark(self, node: Node) -> None:
        for i, (_, owner) in enumerate(self.page.texts):
            if node in owner.ancestors():
                self.checked.add(i)

    def unchecked(self) -> list[str]:
        return [
            text
            for i, (text, owner) in enumerate(self.page.texts)
            if re.search(r"[0-9]", text) and i not in self.checked and owner.tag != "style"
        ]


@pytest.fixture(params=sorted(LANGUAGES))
def language(request: pytest.FixtureRequest) -> str:
    """The value of ``--lang``: the page is checked in each language."""
    return str(request.param)


@pytest.fixture
def roster_report(tmp_path: Path, language: str) -> tuple[int, Page, Path]:
    rows = [(name, value) for name, value, _ in ROSTER]
    return report_of(tmp_path, rows, "--lang", language)


def test_every_number_of_the_page_matches_the_report(
    roster_report: tuple[int, Page, Path], tmp_path: Path, language: str
) -> None:
    status, page, _ = roster_report
    labels = LANGUAGES[language]
    values = [value for _, value, _ in ROSTER]
    report = check_many(values, as_of=AS_OF)
    summary = report.summary()
    errors = [(i, result) for i, result in report.problems() if not result.ok]
    audit = Audit(page)
    assert status == 1

    # The file, the column, the header row, the encoding, the date, the version.
    meta = page.root.find("dl", id="meta")
    expected_meta = {
        "file": "花名册.csv",
        "column": "sfzh (B)",
        "header-row": "1",
        "encoding": "UTF-8",
        "as-of": "2026-11-28",
        "version": f"xueji {importlib.metadata.version('xueji')}",
    }
    assert {dd.key(): dd.text() for dd in meta.find_all("dd")} == expected_meta
    audit.mark(meta)
    title = page.root.find("head").find("title")
    assert title.text() == labels.html_title.format(file="花名册.csv")
    audit.mark(title)

    # The summary.
    table = page.root.find("table", id="summary")
    shown = {tr.key(): number(tr.find("td").text()) for tr in table.find_all("tr")}
    assert shown == {
        "rows": summary.rows,
        "ok": summary.ok_rows,
        "errors": summary.rows - summary.ok_rows,
    }
    names = {"rows": labels.html_rows, "ok": labels.html_ok, "errors": labels.html_errors}
    assert {tr.key(): tr.find("th").text() for tr in table.find_all("tr")} == names
    audit.mark(table)

    # Rows by kind, with the rows no kind was recognised for.
    table = page.root.find("table", id="kinds")
    kinds = {}
    for tr in table.find("tbody").find_all("tr"):
        name, count = (td.text() for td in tr.find_all("td"))
        key = tr.key()
        expected = labels.html_no_kind if key == "none" else f"{labels.kinds[Kind(key)]} {key}"
        assert name == expected
        kinds[key] = number(count)
    unrecognised = summary.rows - sum(summary.kinds.values())
    assert kinds == {**summary.kinds, "none": unrecognised}
    audit.mark(table)

    # Problems by reason: the table (with its labels) and the chart.
    table = page.root.find("table", id="reasons")
    for tr in table.find("tbody").find_all("tr"):
        reason = Reason(tr.key())
        code, severity, meaning, count = (td.text() for td in tr.find_all("td"))
        assert code == reason.value
        warning = reason is Reason.NORMALISED
        assert severity == (labels.html_warning if warning else labels.html_error)
        assert meaning == labels.reasons[reason] + labels.advice.get(reason, "")
        assert number(count) == summary.reasons[reason.value]
    assert {tr.key() for tr in table.find("tbody").find_all("tr")} == set(summary.reasons)
    audit.mark(table)
    chart = page.root.find("svg", id="chart-reasons")
    assert check_bars(chart) == dict(summary.reasons)
    for g in chart.find_all("g"):
        assert g.find_all("text")[0].text() == labels.reasons[Reason(g.key())]
    audit.mark(chart)

    # Rows with errors by county.
    chart = page.root.find("svg", id="chart-regions")
    assert check_bars(chart) == dict(Counter(key for _, _, key in ROSTER if key))
    assert sum(check_bars(chart).values()) == summary.rows - summary.ok_rows
    for g in chart.find_all("g"):
        label, key = g.find_all("text")[0].text(), g.key()
        if key == "none":
            assert label == labels.html_no_region
        else:  # names, then the code: no other digit
            assert label.endswith(f"({key})")
            assert not re.search(r"[0-9]", label.removesuffix(f"({key})"))
    audit.mark(chart)

    # The rows with errors, as in the CSV output: row number, masked value, reasons, message.
    table = page.root.find("table", id="problems")
    body = table.find("tbody").find_all("tr")
    with (tmp_path / "problems.csv").open(newline="", encoding="utf-8") as f:
        written = list(csv.DictReader(f))
    assert len(body) == len(errors) == len(written)
    for tr, (i, result), row in zip(body, errors, written, strict=True):
        cells = [td.text() for td in tr.find_all("td")]
        assert number(cells[0]) == i + 2 == number(row["xueji_row"])
        assert cells[1] == row["sfzh"].strip() or cells[1] == row["sfzh"]
        assert cells[2] == ("" if result.kind is None else labels.kinds[result.kind])
        assert cells[3].split(", ") == [p.reason.value for p in result.problems]
        first = result.problems[0]
        words = labels.message.format(message=first.message, label=labels.reasons[first.reason])
        assert cells[4] == words == row["xueji_message"]
    audit.mark(table)

    assert audit.unchecked() == []


def check_bars(chart: Node) -> dict[str, int]:
    """Each bar's count, after checking that its length is proportional to it."""
    counts: dict[str, int] = {}
    lengths: dict[str, float] = {}
    for g in chart.find_all("g"):
        rect = g.find("rect")
        label, shown = g.find_all("text")
        counts[g.key()] = number(shown.text())
        assert number(str(rect.attrs["data-count"])) == counts[g.key()]
        lengths[g.key()] = float(str(rect.attrs["width"]))
        assert label.text()
    top = max(counts.values())
    longest = max(lengths.values())
    for key, count in counts.items():
        assert lengths[key] == pytest.approx(count / top * longest, abs=0.1)
    return counts


def test_the_page_loads_nothing_and_runs_nothing(roster_report: tuple[int, Page, Path]) -> None:
    _, page, path = roster_report
    source = path.read_text(encoding="utf-8")
    assert "<script" not in source.lower()
    assert not re.search(r"https?:|//", source.replace("<!--", ""))
    for node in _all(page.root):
        assert not {"src", "href", "onload", "onclick"} & set(node.attrs)
        assert not any(name.startswith("on") for name in node.attrs)


def _all(node: Node) -> list[Node]:
    out = []
    for child in node.children:
        out += [child, *_all(child)]
    return out


def test_the_page_is_labelled_for_a_chinese_reader(
    roster_report: tuple[int, Page, Path], language: str
) -> None:
    _, page, _ = roster_report
    html = page.root.find("html")
    assert str(html.attrs["lang"]).startswith("zh")
    assert page.root.find_all("meta", charset="utf-8")
    headings = [h.text() for h in page.root.find_all("h2")]
    assert LANGUAGES[language].html_by_region in headings
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in headings)
    # English pages are bilingual; Chinese ones hold no English word in a heading.
    titles = headings + [th.text() for th in page.root.find_all("th")]
    bilingual = [title for title in titles if re.search("[A-Za-z]", title)]
    assert bilingual == ([] if language == "zh" else titles)


def test_the_page_never_shows_a_birth_date_even_with_show(tmp_path: Path) -> None:
    rows = [(name, value) for name, value, _ in ROSTER]
    _, _, path = report_of(tmp_path, rows, "--show")
    source = path.read_text(encoding="utf-8")
    for digits in ("19491231", "20100506"):
        assert digits not in source


def test_regions_past_the_largest_share_one_bar(tmp_path: Path) -> None:
    codes = [f"1101{n:02d}" for n in (1, 2, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17)]
    codes += [f"1201{n:02d}" for n in (1, 2, 3, 4, 5, 6)]
    codes += ["130102", "130104", "130105"]
    assert len(codes) > REGION_BARS
    rows = []
    for i, code in enumerate(codes):
        rid = make_resident_id(region_code=code, birth_date=datetime.date(2012, 3, 4), sequence=i)
        rows += [("某", damaged(rid.value))] * (1 + (i < 5))  # the first five twice
    _, page, _ = report_of(tmp_path, rows)
    bars = check_bars(page.root.find("svg", id="chart-regions"))
    assert len(bars) == REGION_BARS + 1
    assert bars["other"] == len(codes) - REGION_BARS
    assert all(bars[code] == 2 for code in codes[:5])
    assert sum(bars.values()) == len(rows)


def test_the_page_lists_the_first_rows_and_says_how_many_there_are(tmp_path: Path) -> None:
    rows = [("某", "abc")] * (HTML_ROWS + 1)
    _, page, _ = report_of(tmp_path, rows)
    assert len(page.root.find("table", id="problems").find("tbody").find_all("tr")) == HTML_ROWS
    note = page.root.find("p", **{"data-key": "showing"}).text()
    assert {number(n) for n in re.findall(r"[0-9][0-9,]*", note)} == {HTML_ROWS, HTML_ROWS + 1}


def test_a_file_without_problems_gets_a_page_without_charts(tmp_path: Path) -> None:
    status, page, _ = report_of(tmp_path, [("王芳", GOOD_X)])
    assert status == 0
    assert page.root.find_all("svg") == []
    assert number(page.root.find("tr", **{"data-key": "errors"}).find("td").text()) == 0
