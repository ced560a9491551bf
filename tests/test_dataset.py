"""Person and record: `find_mismatches` finds 人籍分离 (registered at one school, attending
another), students attending with no record, and 空挂学籍 (a record at a school the student
does not attend).

The column report and the row cross-checks that also lived in `xueji.dataset` are tested
in tests/test_columns.py and tests/test_rows.py.
"""

from __future__ import annotations

import datetime

import pytest

from xueji import (
    Actor,
    DedupResult,
    Mismatch,
    PopulationMatch,
    Record,
    Role,
    School,
    Sex,
    Student,
    find_mismatches,
    make_resident_id,
    promote,
    register,
)

B = make_resident_id(region_code="440305", birth_date=datetime.date(2010, 5, 6), sequence=31).value
C = make_resident_id(region_code="310115", birth_date=datetime.date(2011, 7, 8), sequence=42).value


# -- find_mismatches ---------------------------------------------------------------------------

SCHOOL_1 = School("2111010001", "北京市朝阳区实验小学", "110105")
SCHOOL_2 = School("2111010002", "北京市朝阳区第二小学", "110105")
SCHOOL_3 = "2111010003"
ON = datetime.date(2020, 9, 1)


def registered(student: Student, school: School, taken: set[str]) -> Record:
    admin = Actor(Role.SCHOOL_ADMIN, school.code.value, "李老师")
    record = register(student, school=school, by=admin, on=ON, dedup=DedupResult(), taken=taken)
    taken.add(record.number.value)
    return record


@pytest.fixture
def records() -> list[Record]:
    taken: set[str] = set()
    born = datetime.date(2014, 3, 4)
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=23)
    first = registered(Student("张一", Sex.MALE, born), SCHOOL_1, taken)
    # Promoted with a population match: G number, its L number kept as a former one.
    second = promote(
        registered(Student("张二", Sex.MALE, born), SCHOOL_1, taken),
        match=PopulationMatch(rid, "张二"),
        dedup=DedupResult(),
        on=ON,
    )
    third = registered(Student("张三", Sex.FEMALE, datetime.date(2014, 5, 6)), SCHOOL_2, taken)
    return [first, second, third]


def summary(found: list[Mismatch]) -> list[tuple[str, str | None, str | None]]:
    return sorted((m.kind, m.registered_at, m.attending) for m in found)


def test_students_attending_where_they_are_registered_are_no_mismatch(
    records: list[Record],
) -> None:
    attendance = {r.number.value: r.school.code.value for r in records}
    assert find_mismatches(records, attendance) == []


def test_separated_unregistered_and_absent_students_are_found(records: list[Record]) -> None:
    first, second, third = records
    attendance = {
        first.number.value: SCHOOL_2.code.value,  # registered at 1, attends 2: separated
        second.number.value: SCHOOL_1.code.value,  # where registered
        "G" + B: SCHOOL_3,  # attends with no record: unregistered
    }  # third attends nowhere: absent (空挂学籍)
    found = find_mismatches(records, attendance)
    assert summary(found) == [
        ("absent", "2111010002", None),
        ("separated", "2111010001", "2111010002"),
        ("unregistered", None, SCHOOL_3),
    ]
    keys = {m.kind: m.key for m in found}
    assert keys["separated"] == first.number.masked()
    assert keys["absent"] == third.number.masked()
    assert keys["unregistered"] == "G" + B[:6] + "********" + B[14:]


def test_attendance_may_be_keyed_by_former_number_or_resident_id(records: list[Record]) -> None:
    second = records[1]
    assert second.former_numbers
    assert second.student.resident_id is not None
    by_former = {second.former_numbers[0].value: SCHOOL_2.code.value}
    found = find_mismatches([second], by_former)
    assert summary(found) == [("separated", "2111010001", "2111010002")]
    assert found[0].key == second.number.masked()
    by_id = {second.student.resident_id.value.lower(): SCHOOL_1.code.value}
    assert find_mismatches([second], by_id) == []


def test_attendance_may_be_an_iterable_of_pairs(records: list[Record]) -> None:
    first, second, third = records
    pairs = iter(
        [
            (first.number.value, SCHOOL_1.code.value),
            (second.number.value, SCHOOL_1.code.value),
            (third.number.value, SCHOOL_1.code.value),
        ]
    )
    found = find_mismatches(records, pairs)
    assert summary(found) == [("separated", "2111010002", "2111010001")]


def test_things_that_are_not_records_are_ignored(records: list[Record]) -> None:
    found = find_mismatches([*records, "not a record", None], {})
    assert [m.kind for m in found] == ["absent"] * 3


def test_no_mismatch_key_shows_a_birth_date(records: list[Record]) -> None:
    attendance = {"G" + C: SCHOOL_3, records[0].number.value: SCHOOL_3}
    found = find_mismatches(records, attendance)
    assert len(found) == 4
    for m in found:
        for born in ("20140304", "20140506", C[6:14]):
            assert born not in m.key


def test_find_mismatches_skips_non_records_and_unknown_keys_without_stopping() -> None:
    record = registered(Student("王小明", Sex.MALE, datetime.date(2015, 9, 1)), SCHOOL_1, set())
    attendance = [("L000000000000000000", "2111010002"), (record.number.value, "2111010002")]
    found = find_mismatches([object(), record], attendance)
    assert [m.kind for m in found] == ["unregistered", "separated"]
