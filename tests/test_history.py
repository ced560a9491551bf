"""A record's history is the proof of its fields: `check_history` replays it.

Every rule function's output passes (a property over `xueji.strategies.records()`, the
state machine of tests/test_state_machine.py, and here the steps the strategies do not
take); and each kind of record no sequence of rule functions could have made is refused
with `InvalidValue`, the path of the fault and a reason.
"""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from registry_cast import (
    CENTRAL,
    CHAOYANG_JUNIOR,
    OTHER,
    OTHER_REGISTRAR,
    REGISTRAR,
    REVIEWER,
    SCHOOL,
    SHANGHAI_SENIOR,
    approve_all,
    enrolled,
    name_change,
    registrar,
    suspended,
    transferred,
)

from xueji import (
    Action,
    Actor,
    DedupResult,
    Event,
    EventKind,
    FrozenMap,
    GradeChange,
    InvalidValue,
    Period,
    Policy,
    PopulationMatch,
    Reason,
    Record,
    Role,
    School,
    Sex,
    Status,
    Student,
    Verdict,
    advance_grade,
    apply_change,
    change_status,
    check_history,
    drop_out,
    extend_suspension,
    make_resident_id,
    move_down,
    promote,
    register,
    repeat_grade,
    request_extension,
    resume,
    return_from_abroad,
    review,
    set_grade,
    skip_grade,
    sync_transfer,
    transfer,
    update_info,
    verify_change,
)
from xueji.school_transfer import SyncOutcome, TransferMode
from xueji.strategies import records

D = datetime.date
SPECIAL = School("5111010009", "朝阳特殊教育学校", "110105")
LENIENT = Policy(grade_changes={GradeChange.REPEAT, GradeChange.SKIP, GradeChange.MOVE_DOWN})


def refused(record: Record) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        check_history(record)
    return caught.value


def with_event(record: Record, i: int, **changes: object) -> Record:
    """``record`` with event ``i`` changed, bypassing the rules (as a tampered store)."""
    history = list(record.history)
    history[i] = attrs.evolve(history[i], **changes)  # type: ignore[arg-type]
    return attrs.evolve(record, history=tuple(history))


def in_grade(grade: int, school: School = SCHOOL) -> Record:
    registrar = Actor(Role.SCHOOL_REGISTRAR, school.code.value, "老师", id="T-9")
    return register(
        Student("王小明", Sex.MALE, D(2012, 3, 1)),
        school=school,
        by=registrar,
        on=D(2021, 9, 1),
        dedup=DedupResult(),
        taken=(),
        grade=grade,
    )


# -- what the rules make passes ------------------------------------------------------------


@given(records(max_steps=8))
def test_every_record_the_rule_functions_make_passes(record: Record) -> None:
    check_history(record)


def test_the_grade_steps_a_lenient_province_allows_pass() -> None:
    record = in_grade(4)
    by = Actor(Role.SCHOOL_REGISTRAR, SCHOOL.code.value, "老师", id="T-9")
    record = repeat_grade(record, by=by, on=D(2022, 9, 1), policy=LENIENT)
    record = skip_grade(record, by=by, on=D(2022, 9, 2), policy=LENIENT)
    check_history(record)
    special = in_grade(5, SPECIAL)
    by = Actor(Role.SCHOOL_REGISTRAR, SPECIAL.code.value, "老师", id="T-9")
    check_history(move_down(special, by=by, on=D(2022, 9, 1), policy=LENIENT))


def test_a_grade_set_later_an_extension_a_drop_out_and_a_return_elsewhere_pass() -> None:
    record = set_grade(enrolled(), 2, by=REGISTRAR, on=D(2021, 9, 2))
    record = suspended(record, D(2021, 10, 1))
    request = request_extension(
        record, months=3, evidence=("病历",), by=REGISTRAR, on=D(2022, 3, 1)
    )
    record = extend_suspension(
        record, approve_all(request, D(2022, 3, 2)), by=REGISTRAR, on=D(2022, 3, 3)
    )
    record = resume(record, by=REGISTRAR, on=D(2022, 6, 1))
    record = drop_out(record, by=REGISTRAR, on=D(2022, 6, 2), absent_since=D(2022, 5, 1))
    record = resume(record, by=REGISTRAR, on=D(2022, 6, 3), note="返校")
    record = change_status(record, Action.GO_ABROAD, by=REGISTRAR, on=D(2022, 7, 1))
    record = return_from_abroad(
        record, to_school=OTHER, grade=3, by=OTHER_REGISTRAR, on=D(2023, 9, 1)
    )
    check_history(record)
    assert record.time_abroad == (Period(D(2022, 7, 1), D(2023, 9, 1)),)


def test_an_offline_transfer_refused_by_the_national_system_passes() -> None:
    record = transfer(
        enrolled(), to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1), mode=TransferMode.OFFLINE
    )
    check_history(sync_transfer(record, outcome=SyncOutcome.REFUSED, by=None, on=D(2022, 4, 1)))


def test_the_registration_keeps_the_student_so_the_history_gives_every_field() -> None:
    record = enrolled()
    assert record.history[0].after["student"] == record.student


# -- what they cannot make is refused, with the path ----------------------------------------


def test_a_record_without_a_registration_is_refused() -> None:
    record = enrolled()
    bare = attrs.evolve(record, history=())
    assert refused(bare).path == "history"
    assert refused(attrs.evolve(record, history=record.history[1:] or ())).path == "history"


def test_a_number_that_is_not_the_last_the_history_gives_is_refused() -> None:
    record = promote(enrolled(), match=None, dedup=DedupResult(), by=CENTRAL, on=D(2021, 10, 1))
    err = refused(attrs.evolve(record, number=record.former_numbers[0], former_numbers=()))
    assert (err.path, err.reason) == ("number", Reason.BROKEN_HISTORY)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", Status.SUSPENDED),
        ("grade", 4),
        ("school", OTHER),
        ("continuous_since", D(2021, 9, 2)),
        ("info", FrozenMap({"phone": "1"})),
        ("student", Student("王晓明", Sex.MALE, D(2015, 3, 1))),
    ],
)
def test_a_field_the_history_does_not_lead_to_is_refused(field: str, value: object) -> None:
    err = refused(attrs.evolve(enrolled(), **{field: value}))  # type: ignore[arg-type]
    assert (err.path, err.reason) == (field, Reason.BROKEN_HISTORY)


def test_an_event_by_a_registrar_of_another_school_is_refused() -> None:
    record = update_info(enrolled(), by=REGISTRAR, on=D(2021, 9, 2), phone="1")
    err = refused(with_event(record, 1, by=OTHER_REGISTRAR))
    assert (err.path, err.reason) == ("history[1].by.scope", Reason.OUT_OF_SCOPE)
    err = refused(with_event(record, 1, by=CENTRAL))
    assert (err.path, err.reason) == ("history[1].by.role", Reason.WRONG_ROLE)


def test_events_out_of_order_are_refused() -> None:
    record = update_info(enrolled(), by=REGISTRAR, on=D(2021, 9, 2), phone="1")
    err = refused(with_event(record, 1, on=D(2021, 8, 31)))
    assert err.path == "history[1].on"


def test_an_event_whose_before_is_not_what_the_record_had_is_refused() -> None:
    record = transferred(enrolled(), OTHER, D(2022, 3, 1))
    err = refused(with_event(record, 1, before={"school": OTHER, "primary_years": 6}))
    assert err.path == "history[1].before.school"


def test_an_event_that_records_a_field_it_does_not_change_is_refused() -> None:
    record = change_status(enrolled(), Action.GO_ABROAD, by=REGISTRAR, on=D(2022, 1, 1))
    after = {**record.history[1].after, "grade": 3}
    assert refused(with_event(record, 1, after=after)).path == "history[1].after.grade"


def test_a_status_change_the_table_does_not_allow_is_refused() -> None:
    record = change_status(enrolled(), Action.GO_ABROAD, by=REGISTRAR, on=D(2022, 1, 1))
    err = refused(with_event(record, 1, kind=EventKind.RESUME))
    assert err.path == "history[1].kind"


def test_a_second_registration_is_refused() -> None:
    record = enrolled()
    twice = attrs.evolve(record, history=(record.history[0], record.history[0]))
    assert refused(twice).path == "history[1].kind"


def test_a_withdrawal_in_primary_school_is_refused() -> None:
    record = change_status(enrolled(), Action.DECEASE, by=REGISTRAR, on=D(2022, 1, 1))
    event = record.history[1]
    forged = attrs.evolve(event, kind=EventKind.WITHDRAW, after={"status": Status.WITHDRAWN})
    err = refused(
        attrs.evolve(record, history=(record.history[0], forged), status=Status.WITHDRAWN)
    )
    assert (err.path, err.reason) == ("history[1].kind", Reason.WRONG_STAGE)


def test_a_return_in_a_grade_the_school_left_offline_does_not_teach_is_refused() -> None:
    """The replay holds a stored record to the rule of R6: while an offline transfer
    awaits its answer, a new grade is one the school it left teaches too."""
    record = in_grade(8, CHAOYANG_JUNIOR)
    moved = transfer(
        record,
        to_school=SHANGHAI_SENIOR,
        by=registrar(SHANGHAI_SENIOR),
        on=D(2022, 3, 1),
        mode=TransferMode.OFFLINE,
    )
    away = change_status(moved, Action.GO_ABROAD, by=registrar(SHANGHAI_SENIOR), on=D(2022, 4, 1))
    back = return_from_abroad(
        away, to_school=SHANGHAI_SENIOR, grade=8, by=registrar(SHANGHAI_SENIOR), on=D(2022, 9, 1)
    )
    check_history(back)
    after = {**back.history[-1].after, "grade": 11}
    forged = attrs.evolve(with_event(back, -1, after=FrozenMap(after)), grade=11)
    err = refused(forged)
    assert (err.path, err.reason) == (
        f"history[{len(back.history) - 1}].after.grade",
        Reason.WRONG_STAGE,
    )


def test_a_grade_that_jumps_is_refused() -> None:
    record = advance_grade(in_grade(3), by=CENTRAL, on=D(2022, 8, 10))
    forged = with_event(record, 1, after={"grade": 5})
    assert refused(attrs.evolve(forged, grade=5)).path == "history[1].after.grade"


def test_a_promotion_to_a_g_number_of_another_person_is_refused() -> None:
    record = enrolled()
    rid = make_resident_id(region_code="110105", birth_date=D(2015, 3, 1), sequence=11)
    record = promote(
        record,
        match=PopulationMatch(rid, "王小明"),
        dedup=DedupResult(),
        by=CENTRAL,
        on=D(2022, 1, 1),
    )
    other = make_resident_id(region_code="110105", birth_date=D(2015, 3, 1), sequence=13)
    student = attrs.evolve(record.student, resident_id=other)
    forged = with_event(record, 1, after={"number": record.number, "student": student})
    err = refused(attrs.evolve(forged, student=student))
    assert err.path == "history[1].after.number"


def test_a_change_carried_out_twice_is_refused() -> None:
    request = name_change(enrolled(), D(2021, 10, 1))
    request = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2021, 10, 2))
    request = verify_change(request, dedup=DedupResult(), by=CENTRAL, on=D(2021, 10, 3))
    record = apply_change(enrolled(), request, by=REGISTRAR, on=D(2021, 10, 4))
    renamed = {"student": record.student}
    twice = attrs.evolve(record.history[1], before=renamed, after=renamed)
    err = refused(attrs.evolve(record, history=(*record.history, twice)))
    assert (err.path, err.reason) == ("history[2].request", Reason.ALREADY_APPLIED)


def test_a_change_whose_request_was_not_verified_is_refused() -> None:
    request = name_change(enrolled(), D(2021, 10, 1))
    request = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2021, 10, 2))
    verified = verify_change(request, dedup=DedupResult(), by=CENTRAL, on=D(2021, 10, 3))
    record = apply_change(enrolled(), verified, by=REGISTRAR, on=D(2021, 10, 4))
    err = refused(with_event(record, 1, request=request))
    assert (err.path, err.reason) == ("history[1].request.status", Reason.ILLEGAL_TRANSITION)


def test_check_history_takes_records_only() -> None:
    with pytest.raises(InvalidValue):
        check_history("record")  # type: ignore[arg-type]


def test_a_hand_built_event_holding_a_wrong_type_is_refused_not_crashed() -> None:
    record = enrolled()
    first = record.history[0]
    broken = Event(first.kind, first.on, first.by, {}, {**first.after, "school": "2111010001"})
    err = refused(attrs.evolve(record, history=(broken,)))
    assert err.path == "history[0].after.school"
