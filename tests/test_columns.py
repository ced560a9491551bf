"""The column report: `check_many`, its lazy `Report` and the `Summary` of counts.

What is promised (`xueji.columns`, ADR 0012): any iterable in, per-row results in input
order that are `check` run on each value alone; counts, masks and cleaned values that
agree with the rows; a vectorised path that gives exactly the scalar path's results
(tests/property/test_columns_properties.py holds the two equal on generated columns);
no import of pandas or polars.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd
import polars as pl
import pytest
from texts import EXAMPLE, with_check

from xueji import (
    Check,
    Kind,
    Reason,
    RegionPolicy,
    Report,
    check,
    check_many,
)

D = datetime.date


CHECKSUM_BAD = EXAMPLE[:17] + "1"
NORMALISED = EXAMPLE.lower()
RETIRED = with_check("11010320150301012")
AGGREGATE = with_check("11000020150301012")
FLOAT_000 = "110105194912310000"  # fails its checksum and ends in 000: float damage
G = "G" + EXAMPLE
MIXED: list[object] = [
    EXAMPLE,
    CHECKSUM_BAD,
    None,
    NORMALISED,
    1.1e17,
    RETIRED,
    AGGREGATE,
    "",
    FLOAT_000,
    "G" + EXAMPLE,
]


def reasons(result: Check) -> list[Reason]:
    return [p.reason for p in result.problems]


def reason_lists(results: Sequence[Check]) -> list[list[str]]:
    return [[p.reason.value for p in r.problems] for r in results]


# -- check_many: inputs ------------------------------------------------------------------------


def generator() -> Iterator[object]:
    yield from MIXED


INPUTS: dict[str, Any] = {
    "list": lambda: list(MIXED),
    "tuple": lambda: tuple(MIXED),
    "generator": generator,
    "numpy-object": lambda: np.array(MIXED, dtype=object),
    "pandas": lambda: pd.Series(MIXED, dtype=object),
    "polars": lambda: pl.Series([None if v is None else str(v) for v in MIXED]),
}


@pytest.mark.parametrize("name", INPUTS)
def test_check_many_takes_any_iterable_and_keeps_the_input_order(name: str) -> None:
    report = check_many(INPUTS[name]())
    expected = [check(v) for v in MIXED]
    if name == "polars":  # a polars text column holds the float's text, not the float
        expected[4] = check(str(1.1e17))
    assert list(report) == expected


@pytest.mark.parametrize("vectorise", [True, False])
def test_check_many_takes_a_numpy_string_array(vectorise: bool) -> None:
    texts = [EXAMPLE, CHECKSUM_BAD, NORMALISED, RETIRED, AGGREGATE, "", FLOAT_000, "G" + EXAMPLE]
    report = check_many(np.array(texts), vectorise=vectorise)
    assert list(report) == [check(t) for t in texts]
    assert report.values() == [check(t).value for t in texts]


@pytest.mark.parametrize(
    ("rows", "in_place"), [(20_000, True), (19_999, False)], ids=["at", "below"]
)
def test_a_numpy_string_column_from_20000_rows_is_checked_in_place_not_copied_to_a_list(
    rows: int, in_place: bool
) -> None:
    # The numpy path reads the array as it is (a list of the rows would cost more than the
    # check); below the threshold the scalar path reads the rows as a list.
    column = np.array(([EXAMPLE, CHECKSUM_BAD] * rows)[:rows])
    report = check_many(column)
    assert (report._values is cast(object, column)) is in_place
    assert report.ok_mask()[:2] == [True, False]


@pytest.mark.parametrize("vectorise", [True, False])
def test_check_many_takes_a_strided_or_two_dimensional_string_array(vectorise: bool) -> None:
    texts = [EXAMPLE, CHECKSUM_BAD, "", NORMALISED] * 3
    strided = np.array(texts)[::2]
    assert list(check_many(strided, vectorise=vectorise)) == list(check_many(texts[::2]))
    # A 2-D array is a sequence of rows, and a row is not text.
    table = np.array(texts).reshape(4, 3)
    assert reason_lists(check_many(table, vectorise=vectorise)) == [["not-text"]] * 4


@pytest.mark.parametrize("unit", ["D", "ns"])
def test_a_numpy_date_column_is_not_text_and_its_gaps_are_missing(unit: str) -> None:
    dates = np.array(["2015-03-01", "NaT", "2015-03-02"], dtype=f"datetime64[{unit}]")
    assert reason_lists(check_many(dates)) == [["not-text"], ["missing"], ["not-text"]]
    assert reason_lists(check_many(dates)) == reason_lists([check(d) for d in dates])


def test_a_numpy_duration_column_checks_as_its_elements_do() -> None:
    # numpy counts a duration as an integer: a number, as its tolist() ints are.
    durations = np.array([1, "NaT", 2], dtype="timedelta64[ns]")
    assert reason_lists(check_many(durations)) == reason_lists([check(d) for d in durations])


def test_a_masked_entry_of_a_numpy_masked_array_is_missing() -> None:
    column = np.ma.masked_array([EXAMPLE, CHECKSUM_BAD], mask=[False, True], dtype=object)
    assert reason_lists(check_many(column)) == [[], ["missing"]]
    assert reason_lists([check(np.ma.masked)]) == [["missing"]]


def test_a_pandas_float_column_is_float_damage_in_every_row_but_the_gaps() -> None:
    column = pd.Series([1.1010519491231e17, None, 4.4e17])
    assert reason_lists(check_many(column)) == [["float-damage"], ["missing"], ["float-damage"]]


def test_a_report_is_indexed_iterated_and_sliced_like_a_sequence() -> None:
    report = check_many(MIXED)
    rows = [check(v) for v in MIXED]
    assert len(report) == len(MIXED)
    assert [report[i] for i in range(len(MIXED))] == rows
    assert report[-1] == rows[-1]
    assert report[-len(MIXED)] == rows[0]
    assert list(report[2:5]) == rows[2:5]
    assert list(report[::-3]) == rows[::-3]
    with pytest.raises(IndexError):
        report[len(MIXED)]
    with pytest.raises(IndexError):
        report[-len(MIXED) - 1]


def test_the_summary_counts_rows_ok_rows_kinds_and_reasons() -> None:
    summary = check_many(MIXED).summary()
    assert (summary.rows, summary.ok_rows) == (10, 5)
    assert summary.kinds == {"registry-number": 1, "resident-id": 6}
    assert summary.reasons == {
        "aggregate-region": 1,
        "checksum": 1,
        "float-damage": 2,
        "missing": 2,
        "normalised": 1,
        "retired-region": 1,
    }


def test_ok_mask_values_and_problems_agree_with_the_rows() -> None:
    report = check_many(MIXED)
    rows = [check(v) for v in MIXED]
    assert report.ok_mask() == [r.ok for r in rows]
    assert report.values() == [r.value for r in rows]
    assert report.values()[3] == EXAMPLE  # the lower-case x, cleaned
    listed = dict(report.problems())
    assert all(listed[i] == rows[i] for i in listed)
    assert {i for i, r in enumerate(rows) if r.problems} <= set(listed)


def test_to_records_makes_a_pandas_and_a_polars_data_frame() -> None:
    records = check_many(MIXED).to_records()
    frame = pd.DataFrame(records)
    assert list(frame["row"]) == list(range(len(MIXED)))
    assert list(frame["ok"]) == [check(v).ok for v in MIXED]
    assert frame.loc[1, "reason"] == "checksum"
    assert frame.loc[0, "value"] == EXAMPLE
    polars_frame = pl.DataFrame(records)
    assert polars_frame.height == len(MIXED)
    assert polars_frame["reasons"].to_list()[3] == "normalised"
    assert polars_frame["kind"].to_list()[9] == "registry-number"


def test_to_records_can_keep_the_problem_rows_only() -> None:
    records = check_many(MIXED[:9]).to_records(problems_only=True)
    assert [r["row"] for r in records] == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("value", ["G" + EXAMPLE, "2111010001", "L110105201509010123"], ids=repr)
def test_problems_lists_only_rows_with_an_error_or_a_warning(value: object) -> None:
    report = check_many([value, EXAMPLE])
    assert (report[0].problems, report[1].problems) == ((), ())
    assert list(report.problems()) == []
    assert report.to_records(problems_only=True) == []


def test_check_many_passes_its_options_on() -> None:
    future = with_check("11010520991231001")
    report = check_many([future, "G" + future], as_of=datetime.date(2026, 11, 28))
    assert reason_lists(report) == [["future-birth-date"], ["future-birth-date"]]
    report = check_many([with_check("11019920150301012")], regions=RegionPolicy.PROVINCE)
    assert report.ok_mask() == [True]
    report = check_many(["G" + EXAMPLE, EXAMPLE], expect=Kind.REGISTRY_NUMBER)
    assert reason_lists(report) == [[], ["prefix"]]
    assert report.summary().kinds == {"registry-number": 2}


def test_an_empty_input_gives_an_empty_report() -> None:
    report = check_many([])
    assert (len(report), report.ok_mask(), report.values()) == (0, [], [])
    assert report.summary().rows == 0


def test_the_fast_path_of_check_many_honours_as_of() -> None:
    report = check_many([EXAMPLE, G], as_of=D(1949, 12, 30))
    assert report.ok_mask() == [False, False]
    assert report[0].problems[0].reason is Reason.FUTURE_BIRTH_DATE
    numbers = check_many([G], as_of=D(1949, 12, 30), expect=Kind.REGISTRY_NUMBER)
    assert numbers.ok_mask() == [False]


# -- check_many: differential, vectorised against scalar -----------------------------------------

JUNK: list[object] = [
    None,
    float("nan"),
    1.1e17,
    110105194912310021,
    b"11010519491231002X",
    object(),
    {"a": 1},
    "",
    " ",
    "１１０１０５１９４９１２３１００２Ｘ",
    "\ud800" * 18,
    "x" * 18,
    "*" * 18,
    np.str_(EXAMPLE),
    pd.NA,
    # Line breaks: the vectorised path splits a joined column on them.
    "\n",
    EXAMPLE + "\n",
    "\n" + EXAMPLE[1:],
    EXAMPLE[:9] + "\n" + EXAMPLE[9:],
    EXAMPLE[:17],
    "G" + EXAMPLE[:17],
    "X" + EXAMPLE[1:],
    EXAMPLE[:17] + "é",
    # 29 February: a leap year, a year that is not one, a century year that is not one.
    with_check("11010520000229001"),
    with_check("11010519490229001"),
    with_check("11010519000229001"),
    # The earliest birth year accepted, and the year before it.
    with_check("11010518500101001"),
    with_check("11010518491231001"),
]


def assert_same_report(xs: list[object], **options: Any) -> None:
    vector = check_many(xs, vectorise=True, **options)
    scalar = check_many(xs, vectorise=False, **options)
    rows = list(scalar)
    assert list(vector) == rows
    assert vector.summary() == scalar.summary()
    assert vector.ok_mask() == scalar.ok_mask()
    assert vector.ok_array().tolist() == scalar.ok_array().tolist() == scalar.ok_mask()
    assert vector.values() == scalar.values()
    assert list(vector.problems()) == list(scalar.problems())
    assert vector.to_records() == scalar.to_records()
    # And each row is check() run alone.
    expect = options.get("expect")
    alone = [
        check(x, as_of=options.get("as_of"), regions=options["regions"], expect=expect) for x in xs
    ]
    assert rows == alone
    # The summary is the rows' own count.
    reasons = Counter(p.reason.value for r in alone for p in r.problems)
    assert scalar.summary().reasons == dict(sorted(reasons.items()))
    assert scalar.summary().ok_rows == sum(r.ok for r in alone)


@pytest.mark.parametrize("block", [1, 3, 7])
def test_the_vectorised_path_gives_the_same_report_in_blocks_of_any_size(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xueji import _vector

    monkeypatch.setattr(_vector, "_BLOCK", block)
    monkeypatch.setattr(_vector, "_SCAN", block)  # line breaks looked for a few bytes at a time
    xs: list[object] = [*MIXED, *JUNK] * 3
    for regions in RegionPolicy:
        assert_same_report(xs, as_of=datetime.date(2020, 1, 1), regions=regions)


def test_the_vectorised_path_leaves_only_unusual_rows_to_the_scalar_path() -> None:
    from xueji import _vector

    leap_day_1949 = with_check("11010519490229001")
    usual = [EXAMPLE, CHECKSUM_BAD, RETIRED, AGGREGATE, EXAMPLE[:17], leap_day_1949]
    _, rest = _vector.classify([*usual, NORMALISED, *usual], None, RegionPolicy.KNOWN)
    assert rest.tolist() == [len(usual)]


def test_a_large_input_takes_the_vectorised_path_by_default_with_the_same_results() -> None:
    xs: list[object] = [*MIXED] * 2_500  # 25,000 rows: above the 20,000-row threshold
    default = check_many(xs)
    scalar = check_many(xs, vectorise=False)
    assert default.summary() == scalar.summary()
    assert default.ok_mask() == scalar.ok_mask()
    assert default.values() == scalar.values()


@pytest.mark.parametrize(
    "junk",
    [("a", "b"), [1, 2]],
    ids=["tuples", "lists"],
)
def test_the_vectorised_path_takes_rows_that_are_sequences(junk: object) -> None:
    xs = [junk, junk]
    assert list(check_many(xs, vectorise=True)) == list(check_many(xs, vectorise=False))


class HostileStr:
    """Not text, and its str() raises."""

    def __str__(self) -> str:
        raise RuntimeError("boom")


def test_the_vectorised_path_takes_a_row_whose_str_raises() -> None:
    xs: list[object] = [HostileStr(), EXAMPLE]
    report = check_many(xs, vectorise=True)
    assert reason_lists(report) == [["not-text"], []]


def test_check_many_imports_neither_pandas_nor_polars() -> None:
    code = (
        "import sys, xueji\n"
        "from xueji import check_many\n"
        f"r = check_many(['{EXAMPLE}', None, 1.5] * 10000)\n"
        "r.summary(); r.values(); r.to_records()\n"
        f"r = check_many(['{EXAMPLE}'], vectorise=False); list(r)\n"
        "print(sorted(m for m in ('pandas', 'polars') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


# -- every view of a report is check() run on each value alone, under every option --------


RETIRED_LAST_YEAR = with_check("11010320100301012")  # 110103's last year is 2010: no warning
RETIRED_AFTER = with_check("11010320110301012")  # born the year after: retired-region
UNKNOWN_COUNTY = with_check("12345619491231002")  # province 12 exists, county 3456 never did
UNKNOWN_PROVINCE = with_check("01010119491231002")
UNKNOWN_COUNTRY = with_check("91199919491231002")  # a permanent residence card, no such country
CHINESE_CARD = with_check("91115619491231002")  # a foreigner's card cannot be China's (156)
TAIWAN_CARD = with_check("97184019491231002")  # Taiwan (71) issues no foreigner's card
FOREIGN_CARD = with_check("94484019491231002")  # Guangdong, United States: valid
BAD_DATE = with_check("11010519491331002")
VALUES: list[object] = [
    EXAMPLE,
    EXAMPLE.lower(),
    CHECKSUM_BAD,
    FLOAT_000,
    BAD_DATE,
    RETIRED_LAST_YEAR,
    RETIRED_AFTER,
    " " + RETIRED_AFTER,  # two problems: normalised and retired-region
    AGGREGATE,
    UNKNOWN_COUNTY,
    UNKNOWN_PROVINCE,
    UNKNOWN_COUNTRY,
    CHINESE_CARD,
    TAIWAN_CARD,
    FOREIGN_CARD,
    "G" + CHINESE_CARD,
    "G" + TAIWAN_CARD,
    G,
    "g" + EXAMPLE,
    " " + G,  # 20 characters
    " 1" + EXAMPLE,  # 20 characters: 19 once the space is cleaned
    "*" + "1" * 19,
    "G" + RETIRED_LAST_YEAR,
    "G" + RETIRED_AFTER,
    "G" + AGGREGATE,
    "G" + UNKNOWN_COUNTY,
    "G" + UNKNOWN_PROVINCE,
    "G" + CHECKSUM_BAD,
    "G" + FLOAT_000,
    "G" + BAD_DATE,
    "L110105194912310011",
    "1" + EXAMPLE,  # 19 characters, no prefix letter
    "X" + EXAMPLE,
    "G" + EXAMPLE[:17],
    "G" + EXAMPLE[1:],  # 18 characters starting with a prefix letter
    "L" + EXAMPLE[1:],
    "J" + EXAMPLE[1:],
    "5",
    "X",
    "12345",
    "X1234",
    "1234X",
    "2111010001",  # 10 digits: a school code
    "1" * 17,
    "1" * 19,
    "1" * 20,
    "1" * 21,
    "X" * 20,
    "",
    " ",
    None,
    1.1e17,
    b"11010519491231002X",
]
EXPECTS = {
    "auto": None,
    "rid": Kind.RESIDENT_ID,
    "reg": Kind.REGISTRY_NUMBER,
    "school": Kind.SCHOOL_CODE,
}
# Today; the day before EXAMPLE's birth date; a day in RETIRED_LAST_YEAR's birth year.
AS_OFS = {"today": None, "1949-12-30": D(1949, 12, 30), "2010-06-01": D(2010, 6, 1)}
OPTIONS = [
    pytest.param(expect, regions, as_of, vectorise, id=f"{e}-{regions.value}-{a}-{v}")
    for e, expect in EXPECTS.items()
    for regions in RegionPolicy
    for a, as_of in AS_OFS.items()
    for v, vectorise in {"scalar": False, "vector": True}.items()
]


def assert_report_is_the_checks(report: Report, checks: list[Check]) -> None:
    """Every view of ``report`` equals what the per-value ``checks`` say."""
    assert len(report) == len(checks)
    assert list(report) == checks
    assert report.ok_mask() == [c.ok for c in checks]
    assert report.ok_array().tolist() == [c.ok for c in checks]
    assert report.values() == [c.value for c in checks]
    summary = report.summary()
    assert (summary.rows, summary.ok_rows) == (len(checks), sum(c.ok for c in checks))
    assert dict(summary.kinds) == Counter(c.kind.value for c in checks if c.kind is not None)
    assert dict(summary.reasons) == Counter(p.reason.value for c in checks for p in c.problems)
    assert list(report.problems()) == [(i, c) for i, c in enumerate(checks) if c.problems]
    assert report.to_records() == [
        {
            "row": i,
            "ok": c.ok,
            "kind": None if c.kind is None else c.kind.value,
            "value": c.value,
            "reason": c.problems[0].reason.value if c.problems else None,
            "reasons": ";".join(p.reason.value for p in c.problems),
        }
        for i, c in enumerate(checks)
    ]


@pytest.mark.parametrize(("expect", "regions", "as_of", "vectorise"), OPTIONS)
def test_every_view_of_a_report_is_what_check_says_of_each_value(
    expect: Kind | None, regions: RegionPolicy, as_of: datetime.date | None, vectorise: bool
) -> None:
    report = check_many(VALUES, expect=expect, regions=regions, as_of=as_of, vectorise=vectorise)
    checks = [check(v, expect=expect, regions=regions, as_of=as_of) for v in VALUES]
    assert_report_is_the_checks(report, checks)


@pytest.mark.parametrize(("expect", "regions", "as_of", "vectorise"), OPTIONS)
def test_a_numpy_string_array_report_is_what_check_says_of_each_value(
    expect: Kind | None, regions: RegionPolicy, as_of: datetime.date | None, vectorise: bool
) -> None:
    texts = [v for v in VALUES if isinstance(v, str) and v]
    report = check_many(
        np.array(texts), expect=expect, regions=regions, as_of=as_of, vectorise=vectorise
    )
    checks = [check(v, expect=expect, regions=regions, as_of=as_of) for v in texts]
    assert_report_is_the_checks(report, checks)


def test_a_report_shows_its_counts_in_its_repr() -> None:
    shown = repr(check_many([EXAMPLE, None, CHECKSUM_BAD]))
    assert "rows=3" in shown
    assert "ok_rows=1" in shown
    assert EXAMPLE[6:14] not in shown


def test_the_reasons_of_a_record_are_joined_by_semicolons() -> None:
    (record,) = check_many([" " + RETIRED_AFTER]).to_records()
    assert record["reasons"] == "normalised;retired-region"
    assert record["reason"] == "normalised"


# -- more inputs ---------------------------------------------------------------------


def test_the_masked_entries_of_a_numpy_masked_array_are_missing() -> None:
    column = np.ma.array([EXAMPLE, "x", CHECKSUM_BAD], mask=[False, True, False])
    report = check_many(column)
    assert [reasons(r) for r in report] == [[], [Reason.MISSING], [Reason.CHECKSUM]]
    assert report.summary().reasons == {"missing": 1, "checksum": 1}
    numbers = np.ma.array([1.1e17, 2.0], mask=[False, True])
    assert [reasons(r) for r in check_many(numbers)] == [[Reason.FLOAT_DAMAGE], [Reason.MISSING]]


def test_the_rows_of_a_polars_list_column_are_not_text() -> None:
    column = pl.Series([[EXAMPLE], None, [EXAMPLE, EXAMPLE]])
    report = check_many(column)
    assert [reasons(r) for r in report] == [[Reason.NOT_TEXT], [Reason.MISSING], [Reason.NOT_TEXT]]
    assert report.summary().reasons == {"not-text": 2, "missing": 1}


class ndarray(list[object]):  # noqa: N801 - named like numpy's class on purpose
    """A plain list whose class happens to share numpy's array class name."""


def test_an_iterable_named_like_a_numpy_array_but_without_a_dtype_is_read_as_a_list() -> None:
    column = ndarray([EXAMPLE, CHECKSUM_BAD, None])
    for vectorise in (False, True):
        report = check_many(column, vectorise=vectorise)
        assert [reasons(r) for r in report] == [[], [Reason.CHECKSUM], [Reason.MISSING]]
        assert report.ok_mask() == [True, False, False]
