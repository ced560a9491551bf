"""Person and record (人籍一致, R2): ``find_discrepancies`` against attendance lists.

The 2025 Measures (教基〔2025〕1号, Art. 25) have schools check their records every semester
for person–record separation (人籍分离) and records with nobody behind them (空挂学籍).
A service acts on what this check reports, so the check must never call a record
"absent" whose student is expected away: suspended, abroad, or done with school.
"""

from __future__ import annotations

import datetime

import pytest
from registry_cast import CENTRAL, CHAOYANG_2, ELSEWHERE, SCHOOL, enrolled, registrar, suspended

from xueji import (
    Action,
    DedupResult,
    Discrepancy,
    DiscrepancyKind,
    InvalidValue,
    PopulationMatch,
    Record,
    School,
    Sex,
    Status,
    Student,
    change_status,
    find_discrepancies,
    make_resident_id,
    numbers_in_use,
    promote,
)

SCHOOL_3 = ELSEWHERE.code.value  # a school where no record is
ON = datetime.date(2020, 9, 1)
LATER = datetime.date(2021, 3, 1)
UNKNOWN_ID = make_resident_id(
    region_code="440305", birth_date=datetime.date(2010, 5, 6), sequence=31
).value


def registered(student: Student, school: School, records: list[Record]) -> Record:
    record = enrolled(student, school=school, on=ON, taken=numbers_in_use(records))
    records.append(record)
    return record


@pytest.fixture
def records() -> list[Record]:
    made: list[Record] = []
    born = datetime.date(2014, 3, 4)
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=23)
    registered(Student("张一", Sex.MALE, born), SCHOOL, made)
    # Promoted with a population match: a G number, its L number kept as a former one.
    second = registered(Student("张二", Sex.MALE, born), SCHOOL, made)
    made[1] = promote(
        second, match=PopulationMatch(rid, "张二"), dedup=DedupResult(), by=CENTRAL, on=ON
    )
    registered(Student("张三", Sex.FEMALE, datetime.date(2014, 5, 6)), CHAOYANG_2, made)
    return made


def summary(found: list[Discrepancy]) -> list[tuple[str, str | None, str | None]]:
    return sorted((d.kind.value, d.registered_at, d.attending) for d in found)


def attending_where_registered(records: list[Record]) -> dict[str, str]:
    return {r.number.value: r.school.code.value for r in records}


def test_students_attending_where_they_are_registered_are_no_discrepancy(
    records: list[Record],
) -> None:
    assert find_discrepancies(records, attending_where_registered(records)) == []


def test_separated_unregistered_and_absent_students_are_found(records: list[Record]) -> None:
    first, second, third = records
    attendance = {
        first.number.value: CHAOYANG_2.code.value,  # registered at 1, attends 2: separated
        second.number.value: SCHOOL.code.value,  # where registered
        "G" + UNKNOWN_ID: SCHOOL_3,  # attends with no record: unregistered
    }  # third attends nowhere: absent (空挂学籍)
    found = find_discrepancies(records, attendance)
    assert summary(found) == [
        ("absent", "2111010005", None),
        ("separated", "2111010001", "2111010005"),
        ("unregistered", None, SCHOOL_3),
    ]
    keys = {d.kind: d.key for d in found}
    assert keys[DiscrepancyKind.SEPARATED] == first.number.masked()
    assert keys[DiscrepancyKind.ABSENT] == third.number.masked()
    assert keys[DiscrepancyKind.UNREGISTERED] == "G" + UNKNOWN_ID[:6] + "********" + UNKNOWN_ID[14:]
    statuses = {d.kind: d.status for d in found}
    assert statuses == {
        DiscrepancyKind.SEPARATED: Status.ENROLLED,
        DiscrepancyKind.ABSENT: Status.ENROLLED,
        DiscrepancyKind.UNREGISTERED: None,
    }


def moved_away(record: Record, action: Action) -> Record:
    """``record`` suspended (through its request), gone abroad or dropped out."""
    if action is Action.SUSPEND:
        return suspended(record, LATER)
    return change_status(record, action, by=registrar(record.school), on=LATER)


@pytest.mark.parametrize("action", [Action.SUSPEND, Action.GO_ABROAD, Action.DROP_OUT])
def test_a_suspended_or_abroad_student_nobody_sees_is_not_reported_absent(
    records: list[Record], action: Action
) -> None:
    """Acting on "absent" deletes records: a student expected away must not be on the list."""
    away = moved_away(records[2], action)
    found = find_discrepancies([*records[:2], away], attending_where_registered(records[:2]))
    assert found == []


@pytest.mark.parametrize("action", [Action.GRADUATE, Action.COMPLETE, Action.DECEASE])
def test_a_closed_record_nobody_attends_under_is_not_reported(
    records: list[Record], action: Action
) -> None:
    closed = change_status(records[2], action, by=registrar(CHAOYANG_2), on=LATER)
    found = find_discrepancies([*records[:2], closed], attending_where_registered(records[:2]))
    assert found == []


@pytest.mark.parametrize(
    ("action", "kind"),
    [
        (Action.SUSPEND, DiscrepancyKind.NOT_ENROLLED),
        (Action.GO_ABROAD, DiscrepancyKind.NOT_ENROLLED),
        (Action.DROP_OUT, DiscrepancyKind.NOT_ENROLLED),
        (Action.GRADUATE, DiscrepancyKind.CLOSED),
        (Action.DECEASE, DiscrepancyKind.CLOSED),
    ],
)
def test_a_student_attending_on_a_record_that_is_not_enrolled_is_reported_under_its_own_kind(
    records: list[Record], action: Action, kind: DiscrepancyKind
) -> None:
    record = moved_away(records[2], action)
    for school in (CHAOYANG_2.code.value, SCHOOL.code.value):  # its own school, or another
        (found,) = find_discrepancies([record], {record.number.value: school})
        assert (found.kind, found.registered_at, found.attending) == (kind, "2111010005", school)
        assert found.status is record.status


def test_attendance_may_be_keyed_by_former_number_or_resident_id(records: list[Record]) -> None:
    second = records[1]
    assert second.former_numbers
    assert second.student.resident_id is not None
    by_former = {second.former_numbers[0].value: CHAOYANG_2.code.value}
    found = find_discrepancies([second], by_former)
    assert summary(found) == [("separated", "2111010001", "2111010005")]
    assert found[0].key == second.number.masked()
    by_id = {second.student.resident_id.value.lower(): SCHOOL.code.value}
    assert find_discrepancies([second], by_id) == []
    by_values = {second.student.resident_id: SCHOOL, second.number: SCHOOL.code}
    assert find_discrepancies([second], by_values) == []  # type: ignore[arg-type]


def test_attendance_may_be_an_iterable_of_pairs(records: list[Record]) -> None:
    first, second, third = records
    pairs = iter(
        [
            (first.number.value, SCHOOL.code.value),
            (second.number.value, SCHOOL.code.value),
            (third.number.value, SCHOOL.code.value),
        ]
    )
    found = find_discrepancies(records, pairs)
    assert summary(found) == [("separated", "2111010005", "2111010001")]


def test_findings_follow_the_attendance_then_the_absent_records_by_school_and_number(
    records: list[Record],
) -> None:
    first, second, third = records
    attendance = [("G" + UNKNOWN_ID, SCHOOL_3), (third.number.value, SCHOOL_3)]
    found = find_discrepancies(records, attendance)
    assert [(d.kind.value, d.key) for d in found] == [
        ("unregistered", "G" + UNKNOWN_ID[:6] + "********" + UNKNOWN_ID[14:]),
        ("separated", third.number.masked()),
        *sorted(("absent", r.number.masked()) for r in (first, second)),
    ]


def test_an_open_record_answers_for_a_resident_id_a_closed_record_shares() -> None:
    """The same person's old, closed record and new, open one: the open one is checked."""
    made: list[Record] = []
    born = datetime.date(2014, 3, 4)
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=23)
    old = registered(Student("张二", Sex.MALE, born, rid), SCHOOL, made)
    old = change_status(old, Action.GRADUATE, by=registrar(SCHOOL), on=LATER)
    new = registered(Student("张二", Sex.MALE, born, rid), CHAOYANG_2, made)
    for order in ([old, new], [new, old]):
        assert find_discrepancies(order, {rid.value: CHAOYANG_2.code.value}) == []


@pytest.mark.parametrize(
    ("records", "attendance", "path"),
    [
        ([enrolled(), "not a record"], {}, "records[1]"),
        ([None], {}, "records[0]"),
        ("L110105201403040010", {}, "records"),
        ([], {5: SCHOOL_3}, "attendance"),
        ([], {"G" + UNKNOWN_ID: 2111010003}, "attendance"),
        ([], "G" + UNKNOWN_ID, "attendance"),
        ([], [("G" + UNKNOWN_ID, SCHOOL_3), ("G" + UNKNOWN_ID,)], "attendance[1]"),
        ([], [["G" + UNKNOWN_ID, SCHOOL_3]], "attendance[0]"),
        (5, {}, "records"),
        ([], 5, "attendance"),
        (enrolled(), {}, "records"),
    ],
    ids=[
        "text",
        "none",
        "one-text",
        "int-key",
        "int-school",
        "text-attendance",
        "one-tuple",
        "list-pair",
        "int-records",
        "int-attendance",
        "one-record",
    ],
)
def test_what_is_not_a_record_or_an_attendance_entry_is_refused_naming_where(
    records: object, attendance: object, path: str
) -> None:
    """The path says which argument, and which entry of a list, is at fault."""
    with pytest.raises(InvalidValue) as excinfo:
        find_discrepancies(records, attendance)  # type: ignore[arg-type]
    assert excinfo.value.path == path


def test_no_discrepancy_key_shows_a_birth_date(records: list[Record]) -> None:
    other = make_resident_id(
        region_code="310115", birth_date=datetime.date(2011, 7, 8), sequence=42
    ).value
    attendance = {"G" + other: SCHOOL_3, records[0].number.value: SCHOOL_3}
    found = find_discrepancies(records, attendance)
    assert len(found) == 4
    for d in found:
        for born in ("20140304", "20140506", "20110708"):
            assert born not in d.key
            assert born not in repr(d)


def test_of_records_sharing_a_key_the_enrolled_one_answers_then_the_first_of_a_rank() -> None:
    """Enrolled before suspended, abroad or dropped out, before closed; among records
    of one rank the first given answers."""
    made: list[Record] = []
    born = datetime.date(2014, 3, 4)
    rid = make_resident_id(region_code="110105", birth_date=born, sequence=25)
    first = registered(Student("张二", Sex.MALE, born, rid), SCHOOL, made)
    second = suspended(registered(Student("张二", Sex.MALE, born, rid), CHAOYANG_2, made), LATER)
    assert find_discrepancies([first, second], {rid.value: SCHOOL.code.value}) == []
    closed = [
        change_status(record, Action.GRADUATE, by=registrar(record.school), on=LATER)
        for record in (
            registered(Student("张二", Sex.MALE, born, rid), SCHOOL, made),
            registered(Student("张二", Sex.MALE, born, rid), CHAOYANG_2, made),
        )
    ]
    for order in (closed, closed[::-1]):
        [found] = find_discrepancies(order, {rid.value: SCHOOL_3})
        assert (found.kind, found.registered_at) == (
            DiscrepancyKind.CLOSED,
            order[0].school.code.value,
        )
