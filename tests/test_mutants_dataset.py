"""Tests that kill mutmut survivors in xueji.dataset (issue 8.2, docs/mutation.md).

Row checks (declared dates and sexes), duplicate groups and person-record mismatches,
through the public functions only. Assertions are on reasons, kinds and rows.
"""

from __future__ import annotations

import datetime
import decimal
import gc
import types

import pytest

from xueji import (
    Actor,
    DedupResult,
    Kind,
    Reason,
    RegionCheck,
    Role,
    School,
    Sex,
    Student,
    check_many,
    check_row,
    find_duplicates,
    find_mismatches,
    make_resident_id,
    register,
)
from xueji._text import MAX_INPUT

D = datetime.date
RID = "11010519491231002X"  # female, born 1949-12-31
OTHER_RID = str(make_resident_id(region_code="110105", birth_date=D(1949, 12, 31), sequence=4))
G = "G" + RID
PERSON = {"name": "name", "sex": "sex", "birth_date": "born"}


def _reasons(result: object) -> list[Reason]:
    return [p.reason for p in result.problems]  # type: ignore[attr-defined]


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
    unknown_region = "999999" + RID[6:]  # not a province either
    result = check_row(
        {"id": RID, "xjh": "L" + unknown_region[:-1] + "0"},
        columns={"resident_id": "id", "registry_number": "xjh"},
        as_of=D(1949, 12, 30),
        regions=RegionCheck.FORMAT,
    )
    assert _reasons(result.fields["resident_id"]) == [Reason.FUTURE_BIRTH_DATE]
    assert _reasons(result.fields["registry_number"]) == [Reason.FUTURE_BIRTH_DATE]
    later = check_row(
        {"xjh": "L" + unknown_region[:-1] + "0"},
        columns={"registry_number": "xjh"},
        regions=RegionCheck.FORMAT,
    )
    assert later.ok


def test_a_registry_number_alone_is_checked_without_a_reference_date() -> None:
    result = check_row({"xjh": G}, columns={"registry_number": "xjh"})
    assert result.ok
    assert result.problems == ()


def test_every_row_problem_has_a_message() -> None:
    row = {"id": RID, "xjh": "G" + OTHER_RID, "born": "2000-01-01", "sex": "?", "x": 1}
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
    unreadable = check_row({"born": "never"}, columns={"birth_date": "born"})
    for problem in (*result.problems, *unreadable.problems):
        assert isinstance(problem.message, str)
        assert problem.message


# -- find_duplicates ------------------------------------------------------------------------


def test_find_duplicates_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    find_duplicates([{"id": RID}, {"id": RID}], columns={"resident_id": "id"})
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
    row = types.MappingProxyType({"id": RID, "xjh": G})
    other = types.MappingProxyType({"id": RID, "xjh": "L110105194912310011"})
    groups = find_duplicates(
        [row, None, ("not", "a", "row"), other],
        columns={"resident_id": "id", "registry_number": "xjh"},
    )
    assert [(g.kind, g.rows) for g in groups] == [("id-several-numbers", (0, 3))]


def test_resident_ids_alone_need_no_registry_number_column() -> None:
    assert find_duplicates([{"id": RID}, {"id": RID}], columns={"resident_id": "id"}) == []


def test_a_resident_id_in_the_registry_number_column_is_not_a_registry_number() -> None:
    rows = [{"xjh": RID, "id": RID}, {"xjh": RID, "id": OTHER_RID}]
    assert find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"}) == []


def test_one_number_for_two_resident_ids_is_one_number_for_several_people() -> None:
    rows = [{"xjh": G, "id": RID}, {"xjh": G, "id": OTHER_RID}]
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
    rows = [{"xjh": G, "id": RID}, {"xjh": G, "id": RID}]
    assert find_duplicates(rows, columns={"resident_id": "id", "registry_number": "xjh"}) == []


# -- find_mismatches -------------------------------------------------------------------------


def _record(school: School, name: str, taken: frozenset[str] = frozenset()) -> object:
    admin = Actor(Role.SCHOOL_ADMIN, school.code.value, "李老师")
    student = Student(name, Sex.MALE, D(2015, 9, 1))
    return register(
        student, school=school, by=admin, on=D(2021, 9, 1), dedup=DedupResult(), taken=taken
    )


def test_find_mismatches_skips_non_records_and_unknown_keys_without_stopping() -> None:
    here = School("2111010001", "朝阳实验小学", "110105")
    record = _record(here, "王小明")
    attendance = [("L000000000000000000", "2111010002"), (record.number.value, "2111010002")]  # type: ignore[attr-defined]
    found = find_mismatches([object(), record], attendance)
    assert [m.kind for m in found] == ["unregistered", "separated"]


def test_a_huge_integer_sex_is_not_recognised_and_does_not_raise() -> None:
    result = check_row({"sex": 10**5000}, columns={"sex": "sex"})
    assert _reasons(result) == [Reason.INVALID_VALUE]


def test_the_fast_path_of_check_many_honours_as_of() -> None:
    report = check_many([RID, G], as_of=D(1949, 12, 30))
    assert report.ok_mask() == [False, False]
    assert report[0].problems[0].reason is Reason.FUTURE_BIRTH_DATE
    numbers = check_many([G], as_of=D(1949, 12, 30), expect=Kind.REGISTRY_NUMBER)
    assert numbers.ok_mask() == [False]
