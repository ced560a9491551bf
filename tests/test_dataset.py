"""Checks over many values: ``check_many``, ``check_row`` and ``find_duplicates``.

What is promised (dataset.py, ADR 0012): any iterable in, per-row results in input order;
counts, masks and cleaned values that agree with the rows; a vectorised path that gives
exactly the scalar path's results; no import of pandas or polars; row cross-checks; the
three kinds of 查重 clash. Person and record (人籍分离, 空挂学籍) are in test_attendance.py.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_check import AS_OF, EXAMPLE, any_text, damaged_ids, registry_texts, with_check

from xueji import (
    Reason,
    RegionCheck,
    Sex,
    make_resident_id,
)
from xueji.checks import Check, Kind, Severity, check
from xueji.dataset import (
    DuplicateGroup,
    RowCheck,
    check_many,
    check_row,
    find_duplicates,
)

CHECKSUM_BAD = EXAMPLE[:17] + "1"
NORMALISED = EXAMPLE.lower()
RETIRED = with_check("11010320150301012")
AGGREGATE = with_check("11000020150301012")
FLOAT_000 = "110105194912310000"
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
    assert (summary.rows, summary.ok) == (10, 5)
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
    report = check_many([with_check("11019920150301012")], regions=RegionCheck.PROVINCE)
    assert report.ok_mask() == [True]
    report = check_many(["G" + EXAMPLE, EXAMPLE], expect=Kind.REGISTRY_NUMBER)
    assert reason_lists(report) == [[], ["prefix"]]
    assert report.summary().kinds == {"registry-number": 2}


def test_an_empty_input_gives_an_empty_report() -> None:
    report = check_many([])
    assert (len(report), report.ok_mask(), report.values()) == (0, [], [])
    assert report.summary().rows == 0


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
values = st.one_of(
    damaged_ids().map(lambda pair: pair[0]),
    registry_texts(),
    any_text,
    st.integers(0, len(JUNK) - 1).map(JUNK.__getitem__),
)


def assert_same_report(xs: list[object], **options: Any) -> None:
    vector = check_many(xs, vectorise=True, **options)
    scalar = check_many(xs, vectorise=False, **options)
    rows = list(scalar)
    assert list(vector) == rows
    assert vector.summary() == scalar.summary()
    assert vector.ok_mask() == scalar.ok_mask()
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
    assert scalar.summary().ok == sum(r.ok for r in alone)


@settings(max_examples=60)
@given(
    xs=st.lists(values, max_size=40),
    as_of=AS_OF,
    regions=st.sampled_from(RegionCheck),
)
def test_the_vectorised_path_equals_the_scalar_path(
    xs: list[object], as_of: datetime.date | None, regions: RegionCheck
) -> None:
    assert_same_report(xs, as_of=as_of, regions=regions)


@settings(max_examples=30)
@given(
    xs=st.lists(values, max_size=30),
    as_of=AS_OF,
    regions=st.sampled_from(RegionCheck),
    expect=st.sampled_from(Kind),
)
def test_the_vectorise_option_never_changes_a_report_whatever_kind_is_expected(
    xs: list[object], as_of: datetime.date | None, regions: RegionCheck, expect: Kind
) -> None:
    assert_same_report(xs, as_of=as_of, regions=regions, expect=expect)


@settings(max_examples=30)
@given(
    xs=st.lists(st.one_of(damaged_ids().map(lambda pair: pair[0]), st.text(max_size=20))),
    as_of=AS_OF,
    regions=st.sampled_from(RegionCheck),
)
def test_the_vectorised_path_on_a_numpy_string_array_equals_the_scalar_path(
    xs: list[str], as_of: datetime.date | None, regions: RegionCheck
) -> None:
    # numpy's U dtype drops trailing NULs: compare against what the array holds.
    array = np.array(xs, dtype=str)
    held = array.tolist()
    vector = check_many(array, vectorise=True, as_of=as_of, regions=regions)
    scalar = check_many(held, vectorise=False, as_of=as_of, regions=regions)
    assert list(vector) == list(scalar)
    assert vector.summary() == scalar.summary()
    assert vector.ok_mask() == scalar.ok_mask()
    assert vector.values() == scalar.values()


@pytest.mark.parametrize("block", [1, 3, 7])
def test_the_vectorised_path_gives_the_same_report_in_blocks_of_any_size(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xueji import _vector

    monkeypatch.setattr(_vector, "_BLOCK", block)
    xs: list[object] = [*MIXED, *JUNK] * 3
    for regions in RegionCheck:
        assert_same_report(xs, as_of=datetime.date(2020, 1, 1), regions=regions)


def test_the_vectorised_path_leaves_only_unusual_rows_to_the_scalar_path() -> None:
    from xueji import _vector

    leap_day_1949 = with_check("11010519490229001")
    usual = [EXAMPLE, CHECKSUM_BAD, RETIRED, AGGREGATE, EXAMPLE[:17], leap_day_1949]
    _, rest = _vector.classify([*usual, NORMALISED, *usual], None, RegionCheck.KNOWN)
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
        "from xueji.dataset import check_many\n"
        f"r = check_many(['{EXAMPLE}', None, 1.5] * 10000)\n"
        "r.summary(); r.values(); r.to_records()\n"
        f"r = check_many(['{EXAMPLE}'], vectorise=False); list(r)\n"
        "print(sorted(m for m in ('pandas', 'polars') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


# -- check_row ----------------------------------------------------------------------------------

ROW_COLUMNS = {
    "resident_id": "sfzh",
    "registry_number": "xjh",
    "school_code": "xxbsm",
    "birth_date": "csrq",
    "sex": "xb",
    "name": "xm",
}
GOOD_ROW: dict[str, object] = {
    "sfzh": EXAMPLE,
    "xjh": "G" + EXAMPLE,
    "xxbsm": "2111010001",
    "csrq": "1949-12-31",
    "xb": "女",
    "xm": "王芳",
}


def row_reasons(result: RowCheck) -> list[tuple[Reason, Severity]]:
    return [(p.reason, p.severity) for p in result.problems]


def test_a_consistent_row_is_ok_and_every_field_is_checked() -> None:
    result = check_row(GOOD_ROW, columns=ROW_COLUMNS)
    assert (result.ok, result.problems) == (True, ())
    assert set(result.fields) == {"resident_id", "registry_number", "school_code"}
    assert result.fields["school_code"].kind is Kind.SCHOOL_CODE


@pytest.mark.parametrize(
    "born",
    [
        datetime.date(1949, 12, 31),
        datetime.datetime(1949, 12, 31, 8, 30),
        "1949-12-31",
        "19491231",
        " 1949/12/31 ",
        pd.Timestamp("1949-12-31"),
    ],
    ids=repr,
)
def test_a_declared_birth_date_in_any_usual_form_matches_the_id(born: object) -> None:
    result = check_row({**GOOD_ROW, "csrq": born}, columns=ROW_COLUMNS)
    assert (result.ok, result.problems) == (True, ())


@pytest.mark.parametrize(
    "born", [datetime.date(1949, 12, 30), "1950-12-31", "19491130", datetime.datetime(2000, 1, 1)]
)
def test_a_declared_birth_date_other_than_the_ids_is_a_mismatch(born: object) -> None:
    result = check_row(
        {"sfzh": EXAMPLE, "csrq": born}, columns={"resident_id": "sfzh", "birth_date": "csrq"}
    )
    assert not result.ok
    assert row_reasons(result) == [(Reason.BIRTH_DATE_MISMATCH, Severity.ERROR)]


@pytest.mark.parametrize("sex", ["2", "女", "F", "f", "female", Sex.FEMALE, 2])
def test_a_declared_sex_in_any_usual_form_matches_the_id(sex: object) -> None:
    result = check_row({"sfzh": EXAMPLE, "xb": sex}, columns={"resident_id": "sfzh", "sex": "xb"})
    assert (result.ok, result.problems) == (True, ())


@pytest.mark.parametrize("sex", ["1", "男", "M", "m", "male", Sex.MALE, 1])
def test_a_declared_sex_other_than_the_ids_is_a_mismatch(sex: object) -> None:
    result = check_row({"sfzh": EXAMPLE, "xb": sex}, columns={"resident_id": "sfzh", "sex": "xb"})
    assert not result.ok
    assert row_reasons(result) == [(Reason.SEX_MISMATCH, Severity.ERROR)]


@pytest.mark.parametrize(
    ("column", "value"), [("csrq", "1949-13-01"), ("csrq", None), ("xb", "?"), ("xb", None)]
)
def test_an_unreadable_declared_birth_date_or_sex_is_an_invalid_value(
    column: str, value: object
) -> None:
    result = check_row({**GOOD_ROW, column: value}, columns=ROW_COLUMNS)
    assert not result.ok
    assert row_reasons(result) == [(Reason.INVALID_VALUE, Severity.ERROR)]


def test_the_registry_numbers_birth_date_is_checked_against_the_declared_one() -> None:
    number = "L110105201509010123"  # born 2015-09-01
    columns = {"registry_number": "xjh", "birth_date": "csrq"}
    assert check_row({"xjh": number, "csrq": "2015-09-01"}, columns=columns).ok
    result = check_row({"xjh": number, "csrq": "2015-09-02"}, columns=columns)
    assert not result.ok
    assert row_reasons(result) == [(Reason.BIRTH_DATE_MISMATCH, Severity.ERROR)]


def test_without_a_declared_date_the_registry_number_is_checked_against_the_id() -> None:
    columns = {"resident_id": "sfzh", "registry_number": "xjh"}
    result = check_row({"sfzh": EXAMPLE, "xjh": "L110105201509010123"}, columns=columns)
    assert row_reasons(result) == [(Reason.BIRTH_DATE_MISMATCH, Severity.ERROR)]


def test_a_g_number_whose_body_is_another_id_is_a_warning_and_the_row_stays_ok() -> None:
    other = make_resident_id(
        region_code="110105", birth_date=datetime.date(1949, 12, 31), sequence=4
    )
    result = check_row({**GOOD_ROW, "xjh": "G" + other.value}, columns=ROW_COLUMNS)
    assert result.ok
    assert row_reasons(result) == [(Reason.REGISTRY_ID_MISMATCH, Severity.WARNING)]


def test_an_invalid_field_makes_the_row_not_ok_with_the_fields_reason() -> None:
    result = check_row({**GOOD_ROW, "xxbsm": "9911010001"}, columns=ROW_COLUMNS)
    assert not result.ok
    assert [p.reason for p in result.fields["school_code"].problems] == [Reason.CATEGORY]
    result = check_row({**GOOD_ROW, "sfzh": CHECKSUM_BAD}, columns=ROW_COLUMNS)
    assert not result.ok
    assert [p.reason for p in result.fields["resident_id"].problems] == [Reason.CHECKSUM]


def test_a_resident_id_column_is_checked_as_a_resident_id() -> None:
    result = check_row({"sfzh": "G" + EXAMPLE}, columns={"resident_id": "sfzh"})
    assert (result.ok, result.fields["resident_id"].kind) == (False, Kind.RESIDENT_ID)


def test_unknown_field_names_are_reported() -> None:
    result = check_row(GOOD_ROW, columns={**ROW_COLUMNS, "id_card": "sfzh", "grade": "nj"})
    assert not result.ok
    assert row_reasons(result) == [(Reason.INVALID_VALUE, Severity.ERROR)] * 2


def test_no_row_problem_message_contains_the_birth_date_digits() -> None:
    row = {**GOOD_ROW, "csrq": "2000-01-01", "xb": "男", "xjh": "L110105201509010123"}
    result = check_row(row, columns=ROW_COLUMNS)
    assert len(result.problems) >= 3
    for p in result.problems:
        assert "19491231" not in p.message
        assert "20150901" not in p.message


# -- find_duplicates ---------------------------------------------------------------------------

A = EXAMPLE
B = make_resident_id(region_code="440305", birth_date=datetime.date(2010, 5, 6), sequence=31).value
C = make_resident_id(region_code="310115", birth_date=datetime.date(2011, 7, 8), sequence=42).value
L_A = "L110105194912310011"
DUP_COLUMNS = {
    "resident_id": "sfzh",
    "registry_number": "xjh",
    "name": "xm",
    "sex": "xb",
    "birth_date": "csrq",
}


def person(rid: str | None, number: str | None, name: str, sex: str, born: str) -> dict[str, Any]:
    return {"sfzh": rid, "xjh": number, "xm": name, "xb": sex, "csrq": born}


DUP_ROWS = [
    person(A, "G" + A, "王芳", "2", "1949-12-31"),  # 0: A under G
    person(B, "G" + B, "李雷", "1", "2010-05-06"),  # 1
    person(A, L_A, "王芳", "2", "1949-12-31"),  # 2: A again, under L: id-several-numbers
    person(C, "G" + B, "韩梅", "2", "2011-07-08"),  # 3: B's number for C: number-several-people
    person(None, None, "赵强", "1", "2012-01-01"),  # 4
    person(None, "L440305201201010011", "赵强", "男", "20120101"),  # 5: same details as 4
    person("bad", "bad", "钱多", "1", "2012-02-02"),  # 6: invalid numbers are skipped
    person(CHECKSUM_BAD, "G" + CHECKSUM_BAD, "孙丽", "2", "2012-03-03"),  # 7
    person(CHECKSUM_BAD, "G" + CHECKSUM_BAD, "周杰", "1", "2012-04-04"),  # 8
]
EXPECTED_GROUPS = [
    ("id-several-numbers", (0, 2)),
    ("same-person-details", (0, 2)),
    ("number-several-people", (1, 3)),
    ("same-person-details", (4, 5)),
]


def group_summary(groups: list[DuplicateGroup]) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((g.kind, g.rows) for g in groups)


def frames() -> dict[str, object]:
    return {
        "dicts": DUP_ROWS,
        "pandas": pd.DataFrame(DUP_ROWS),
        "polars": pl.DataFrame(DUP_ROWS),
    }


@pytest.mark.parametrize("source", ["dicts", "pandas", "polars"])
def test_find_duplicates_finds_the_planted_clashes(source: str) -> None:
    groups = find_duplicates(frames()[source], columns=DUP_COLUMNS)
    assert group_summary(groups) == sorted(EXPECTED_GROUPS)


def test_duplicate_groups_come_in_row_order() -> None:
    groups = find_duplicates(DUP_ROWS, columns=DUP_COLUMNS)
    assert [g.rows for g in groups] == sorted(g.rows for g in groups)


def test_duplicate_keys_are_masked() -> None:
    groups = find_duplicates(DUP_ROWS, columns=DUP_COLUMNS)
    keys = {g.kind: g.key for g in groups}
    assert keys["id-several-numbers"] == A[:6] + "********" + A[14:]
    assert keys["number-several-people"] == "G" + B[:6] + "********" + B[14:]
    for group in groups:
        for rid in (A, B, C):
            assert rid[6:14] not in group.key
        assert "王芳" not in group.key
        assert "赵强" not in group.key


def test_invalid_numbers_are_not_duplicates_of_each_other() -> None:
    groups = find_duplicates(DUP_ROWS, columns=DUP_COLUMNS)
    assert not any(set(g.rows) & {6, 7, 8} for g in groups)


def test_the_same_record_listed_twice_is_no_clash() -> None:
    rows = [person(A, "G" + A, "王芳", "2", "1949-12-31")] * 2
    assert find_duplicates(rows, columns=DUP_COLUMNS) == []


def test_cleaning_does_not_hide_a_clash() -> None:
    rows = [
        {"sfzh": A, "xjh": "G" + A},
        {"sfzh": A.lower(), "xjh": " " + L_A},
    ]
    groups = find_duplicates(rows, columns={"resident_id": "sfzh", "registry_number": "xjh"})
    assert group_summary(groups) == [("id-several-numbers", (0, 1))]


def test_find_duplicates_works_with_only_some_columns() -> None:
    rows = [{"xjh": "G" + A, "xm": "甲"}, {"xjh": "G" + A, "xm": "乙"}]
    assert find_duplicates(rows, columns={"registry_number": "xjh"}) == []
    assert find_duplicates([], columns=DUP_COLUMNS) == []


def test_a_school_code_in_the_resident_id_column_is_skipped_as_invalid() -> None:
    rows = [{"sfzh": "2111010001", "xjh": "G" + A}, {"sfzh": "2111010001", "xjh": "G" + B}]
    groups = find_duplicates(rows, columns={"resident_id": "sfzh", "registry_number": "xjh"})
    assert groups == []


def test_one_person_with_a_missing_id_in_one_row_is_not_several_people() -> None:
    rows = [
        person(A, "G" + A, "王芳", "2", "1949-12-31"),
        person(None, "G" + A, "王芳", "2", "1949-12-31"),
    ]
    kinds = [g.kind for g in find_duplicates(rows, columns=DUP_COLUMNS)]
    assert "number-several-people" not in kinds
