"""Cross-checks of rows: `check_row` (the fields of one record against each other) and
`find_duplicates` (the three kinds of clash between records, 查重).

What is promised (`xueji.rows`, ADR 0012): each number checked on its own; the declared
birth date and sex, in their usual spellings, against the ID; the registry number's birth
date against the declared one; a G number whose body is another ID is only a warning;
clashes found in one pass over dicts or data frames, with masked keys.
"""

from __future__ import annotations

import datetime
import decimal
import gc
import types
from typing import Any

import pandas as pd
import polars as pl
import pytest
from texts import EXAMPLE

from xueji import (
    MAX_INPUT,
    Check,
    DuplicateGroup,
    DuplicateKind,
    Kind,
    Reason,
    RegionPolicy,
    RowCheck,
    Severity,
    Sex,
    check_row,
    find_duplicates,
    make_resident_id,
)

CHECKSUM_BAD = EXAMPLE[:17] + "1"
OTHER_ID = make_resident_id(
    region_code="110105", birth_date=datetime.date(1949, 12, 31), sequence=4
).value
G = "G" + EXAMPLE
PERSON = {"name": "name", "sex": "sex", "birth_date": "born"}


def _reasons(result: RowCheck | Check) -> list[Reason]:
    return [p.reason for p in result.problems]


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


# -- check_row: the declared birth date ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1949.12.31", True),  # dots read as hyphens
        ("1949/12/31", True),
        ("19491231", True),
        ("1949W011", True),  # an ISO week date, which fromisoformat reads
        ("1949123", False),  # 7 digits are not YYYYMMDD
        ("194912011", False),  # nor are 9
        (" " * (MAX_INPUT - 10) + "1949-12-31", True),  # exactly MAX_INPUT characters
        (" " * (MAX_INPUT - 9) + "1949-12-31", False),  # one more: refused unread
    ],
)
def test_the_declared_birth_date_is_read_or_refused(text: str, parsed: bool) -> None:
    result = check_row({"born": text}, columns={"birth_date": "born"})
    assert (Reason.INVALID_VALUE not in _reasons(result)) is parsed
    assert result.ok is parsed


@pytest.mark.parametrize(
    ("value", "recognised"),
    [
        ("女", True),
        (2, True),
        (decimal.Decimal(2), False),  # only str, int and Sex are read
        (True, False),
        (" " * (MAX_INPUT - 1) + "女", True),
        (" " * MAX_INPUT + "女", False),
    ],
)
def test_the_declared_sex_is_read_or_refused(value: object, recognised: bool) -> None:
    result = check_row({"sex": value}, columns={"sex": "sex"})
    assert (Reason.INVALID_VALUE not in _reasons(result)) is recognised


def test_check_row_passes_as_of_and_regions_to_every_field_check() -> None:
    unknown_region = "999999" + EXAMPLE[6:]  # not a province either
    result = check_row(
        {"id": EXAMPLE, "xjh": "L" + unknown_region[:-1] + "0"},
        columns={"resident_id": "id", "registry_number": "xjh"},
        as_of=datetime.date(1949, 12, 30),
        regions=RegionPolicy.FORMAT,
    )
    assert _reasons(result.fields["resident_id"]) == [Reason.FUTURE_BIRTH_DATE]
    assert _reasons(result.fields["registry_number"]) == [Reason.FUTURE_BIRTH_DATE]
    later = check_row(
        {"xjh": "L" + unknown_region[:-1] + "0"},
        columns={"registry_number": "xjh"},
        regions=RegionPolicy.FORMAT,
    )
    assert later.ok


def test_a_registry_number_alone_is_checked_without_a_reference_date() -> None:
    result = check_row({"xjh": G}, columns={"registry_number": "xjh"})
    assert result.ok
    assert result.problems == ()


def test_every_problem_of_a_row_is_reported_together() -> None:
    row = {"id": EXAMPLE, "xjh": "G" + OTHER_ID, "born": "2000-01-01", "sex": "?", "x": 1}
    columns = {
        "resident_id": "id",
        "registry_number": "xjh",
        "birth_date": "born",
        "sex": "sex",
        "shoe_size": "x",
    }
    result = check_row(row, columns=columns)
    assert {p.reason for p in result.problems} >= {
        Reason.INVALID_VALUE,
        Reason.BIRTH_DATE_MISMATCH,
        Reason.REGISTRY_ID_MISMATCH,
    }


def test_a_huge_integer_sex_is_not_recognised_and_does_not_raise() -> None:
    result = check_row({"sex": 10**5000}, columns={"sex": "sex"})
    assert _reasons(result) == [Reason.INVALID_VALUE]


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


def test_the_kind_of_a_group_is_a_duplicate_kind_equal_to_its_text() -> None:
    groups = find_duplicates(DUP_ROWS, columns=DUP_COLUMNS)
    assert {type(g.kind) for g in groups} == {DuplicateKind}
    assert {g.kind for g in groups} == set(DuplicateKind)
    text: str = DuplicateKind.ID_SEVERAL_NUMBERS  # a StrEnum: it is its text too
    assert text == "id-several-numbers"


def test_duplicate_groups_come_in_row_order() -> None:
    groups = find_duplicates(DUP_ROWS, columns=DUP_COLUMNS)
    assert [g.rows for g in groups] == sorted(g.rows for g in groups)


def test_duplicate_keys_are_masked() -> None:
    groups = find_duplicates(DUP_ROWS, columns=DUP_COLUMNS)
    keys = {g.kind: g.key for g in groups}
    assert keys[DuplicateKind.ID_SEVERAL_NUMBERS] == A[:6] + "********" + A[14:]
    assert keys[DuplicateKind.NUMBER_SEVERAL_PEOPLE] == "G" + B[:6] + "********" + B[14:]
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


# -- find_duplicates: what is read, and what clashes ---------------------------------------


def test_find_duplicates_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    find_duplicates([{"id": EXAMPLE}, {"id": EXAMPLE}], columns={"resident_id": "id"})
    assert gc.isenabled()


def test_person_columns_alone_find_the_same_person_twice() -> None:
    rows = [{"name": "王小明", "sex": "男", "born": "2015-09-01"}] * 2
    (group,) = find_duplicates(rows, columns=PERSON)
    assert (group.kind, group.rows) == ("same-person-details", (0, 1))


def test_a_name_of_the_longest_allowed_length_still_counts() -> None:
    name = "王" * 100
    rows = [{"name": name, "sex": "男", "born": "2015-09-01"}] * 2
    assert [g.rows for g in find_duplicates(rows, columns=PERSON)] == [(0, 1)]
    too_long = [{"name": name + "王", "sex": "男", "born": "2015-09-01"}] * 2
    assert find_duplicates(too_long, columns=PERSON) == []


@pytest.mark.parametrize(
    "row",
    [
        {"name": None, "sex": "男", "born": "2015-09-01"},
        {"name": 7, "sex": "男", "born": "2015-09-01"},
        {"name": "王小明", "sex": "?", "born": "2015-09-01"},
        {"name": "王小明", "sex": "男", "born": "never"},
        {"name": None, "sex": None, "born": "2015-09-01"},
    ],
)
def test_rows_with_an_unreadable_person_field_never_form_a_group(row: dict[str, object]) -> None:
    assert find_duplicates([row, dict(row)], columns=PERSON) == []


def test_an_unhashable_value_in_a_column_does_not_hide_the_other_rows() -> None:
    person = {"name": "王小明", "sex": "男", "born": "2015-09-01"}
    rows = [person, dict(person), {"name": "李", "sex": "女", "born": ["2015-09-01"]}]
    assert [g.rows for g in find_duplicates(rows, columns=PERSON)] == [(0, 1)]


def test_rows_may_be_any_mapping_and_non_mappings_are_skipped() -> None:
    row = types.MappingProxyType({"id": EXAMPLE, "xjh": G})
    other = types.MappingProxyType({"id": EXAMPLE, "xjh": "L110105194912310011"})
    groups = find_duplicates(
        [row, None, ("not", "a", "row"), other],
        columns={"resident_id": "id", "registry_number": "xjh"},
    )
    assert [(g.kind, g.rows) for g in groups] == [("id-several-numbers", (0, 3))]


def test_resident_ids_alone_need_no_registry_number_column() -> None:
    assert find_duplicates([{"id": EXAMPLE}, {"id": EXAMPLE}], columns={"resident_id": "id"}) == []


def test_a_resident_id_in_the_registry_number_column_is_not_a_registry_number() -> None:
    rows = [{"xjh": EXAMPLE, "id": EXAMPLE}, {"xjh": EXAMPLE, "id": OTHER_ID}]
    assert find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"}) == []


def test_one_number_for_two_resident_ids_is_one_number_for_several_people() -> None:
    rows = [{"xjh": G, "id": EXAMPLE}, {"xjh": G, "id": OTHER_ID}]
    (group,) = find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"})
    assert (group.kind, group.rows) == ("number-several-people", (0, 1))


def test_one_number_for_two_people_without_ids_is_one_number_for_several_people() -> None:
    rows = [
        {"xjh": G, "name": "王小明", "sex": "男", "born": "2015-09-01"},
        {"xjh": G, "name": "李小红", "sex": "女", "born": "2015-09-01"},
    ]
    (group,) = find_duplicates(rows, columns={"registry_number": "xjh", **PERSON})
    assert (group.kind, group.rows) == ("number-several-people", (0, 1))


def test_one_number_for_one_person_twice_is_no_clash() -> None:
    rows = [{"xjh": G, "id": EXAMPLE}, {"xjh": G, "id": EXAMPLE}]
    assert find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"}) == []
