"""Notebook display: the ``_repr_html_`` of reports, summaries, checks and values, and the
plain ``repr`` of a summary.

What is shown is escaped; people's numbers are masked (no birth-date digit appears) unless
``to_html(show=True)`` asks for them; every count can be read back and equals the report's.
"""

from __future__ import annotations

import datetime
import html.parser
import re
from typing import Any

import pytest
from texts import EXAMPLE, EXAMPLE_BORN

import xueji
from xueji import (
    Check,
    InvalidValue,
    RegistryNumber,
    Report,
    ResidentID,
    School,
    SchoolCode,
    Sex,
    Student,
    Summary,
    check,
    check_many,
)

COLUMN: list[object] = [
    EXAMPLE,
    "110105194912310021",
    None,
    "110105********002X",
    " 110105 19491231 002x",
    1.1e17,
    "G" + EXAMPLE,
    "2111010001",
]


class Cells(html.parser.HTMLParser):
    """The text of every element with a ``data-*`` attribute, by attribute and value."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[tuple[str, str], str] = {}
        self._open: list[tuple[str, str] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        keys = [(k, v or "") for k, v in attrs if k.startswith("data-")]
        self._open.append(keys[0] if keys else None)

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] is not None:
            self.found[self._open[-1]] = self.found.get(self._open[-1], "") + data


def cells(markup: str) -> dict[tuple[str, str], str]:
    parser = Cells()
    parser.feed(markup)
    return parser.found


def rows_shown(markup: str) -> list[int]:
    return [int(row) for row in re.findall(r'data-row="([0-9]+)"', markup)]


def counts(markup: str, attribute: str) -> dict[str, int]:
    found = cells(markup)
    return {v: int(t.replace(",", "")) for (a, v), t in found.items() if a == attribute}


# -- the summary and the report -------------------------------------------------------------


def test_a_summarys_repr_is_readable_and_builds_an_equal_summary() -> None:
    summary = check_many(COLUMN).summary()
    text = repr(summary)
    assert "FrozenMap" not in text
    assert text.startswith("Summary(rows=8, ok_rows=4, kinds={")
    assert eval(text, {"Summary": Summary}) == summary


def test_every_count_of_the_html_is_the_summarys() -> None:
    report = check_many(COLUMN * 3)
    summary = report.summary()
    for markup in (summary._repr_html_(), report._repr_html_()):
        totals = counts(markup, "data-key")
        assert totals == {
            "rows": summary.rows,
            "ok_rows": summary.ok_rows,
            "invalid_rows": summary.rows - summary.ok_rows,
        }
        assert counts(markup, "data-kind") == dict(summary.kinds)
        assert counts(markup, "data-reason") == dict(summary.reasons)


def test_the_report_shows_its_first_problem_rows_masked() -> None:
    report = check_many(COLUMN)
    markup = report._repr_html_()
    problem_rows = [i for i, _ in report.problems()]
    assert rows_shown(markup) == problem_rows == [1, 2, 3, 4, 5]
    assert EXAMPLE_BORN not in markup
    assert "110105********0021" in markup
    few = report.to_html(rows=2)
    assert rows_shown(few) == [1, 2]
    assert "the first 2 rows" in few
    assert "all 5 rows" in markup


def test_the_report_shows_inputs_unmasked_only_when_asked() -> None:
    report = check_many(COLUMN)
    assert EXAMPLE_BORN not in report.to_html()
    assert "110105194912310021" in report.to_html(show=True)


def test_everything_shown_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    report = check_many([hostile, EXAMPLE])
    for markup in (report.to_html(), report.to_html(show=True), check(hostile)._repr_html_()):
        assert "<script" not in markup
    school = School("2111010001", "实验<b>小学</b>", "110105")
    assert "<b>" not in school._repr_html_()
    assert "&lt;b&gt;" in school._repr_html_()


@pytest.mark.parametrize("options", [{"rows": -1}, {"rows": 2.0}, {"show": 1}, {"show": "yes"}])
def test_to_html_refuses_wrong_options(options: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue):
        check_many(COLUMN).to_html(**options)


# -- checks and values ----------------------------------------------------------------------


def test_a_check_shows_its_verdict_kind_masked_value_and_problems() -> None:
    markup = check(" 11010519491231002x")._repr_html_()
    assert cells(markup)[("data-key", "ok")] == "ok"
    assert "110105********002X" in markup
    assert "normalised" in markup
    assert EXAMPLE_BORN not in markup
    # A school code names an institution, not a person: it is shown as it is.
    assert "2111010001" in check("2111010001")._repr_html_()
    assert cells(check(None)._repr_html_())[("data-key", "ok")] == "not ok"


def test_every_value_type_has_a_display() -> None:
    classes: list[type] = [Report, Summary, Check, ResidentID, RegistryNumber, SchoolCode, School]
    for cls in [*classes, Student, xueji.Record]:
        assert callable(cls._repr_html_)  # type: ignore[attr-defined]


def test_a_student_shows_without_a_birth_date() -> None:
    rid = ResidentID.parse("110105201509010011")
    student = Student("王小明", Sex.MALE, datetime.date(2015, 9, 1), rid)
    markup = student._repr_html_()
    assert "王小明" in markup
    assert "110105********0011" in markup
    for hidden in ("20150901", "2015-09-01", "2015, 9, 1"):
        assert hidden not in markup
