"""The lifecycle functions one by one, the status table, issuance batches, and the values
(students, answers, records) they work on. The rule-by-rule scenarios are in test_rules.py.
"""

from __future__ import annotations

import copy
import datetime
import pickle
from collections.abc import Callable

import attrs
import pytest
from registry_cast import (
    BIRTH,
    CENTRAL,
    ENROLLED_ON,
    OTHER,
    OTHER_SENIOR,
    PASSED,
    REGISTRAR,
    SCHOOL,
    SENIOR,
    STUDENT,
    D,
    enrolled,
    registrar,
    rid,
    student,
    suspended,
    transferred,
)

from xueji import (
    NATIONAL_EVENTS,
    TERMINAL,
    TRANSITIONS,
    Action,
    Actor,
    ChangeRequest,
    DedupResult,
    DuplicateRegistration,
    EventKind,
    FrozenMap,
    GradeChange,
    IllegalTransition,
    InconsistentIdentity,
    InvalidValue,
    KeyField,
    NotAuthorized,
    Policy,
    PopulationMatch,
    Reason,
    Record,
    RegistryKind,
    RegistryNumber,
    ResidentID,
    Role,
    School,
    SchoolCategory,
    Sex,
    Stage,
    Status,
    Student,
    SyncOutcome,
    TransferMode,
    Verdict,
    XuejiError,
    advance_grade,
    apply_change,
    change_status,
    drop_out,
    issue_formal_numbers,
    numbers_in_use,
    promote,
    register,
    repeat_grade,
    request_change,
    request_suspension,
    request_transfer,
    return_from_abroad,
    review,
    set_grade,
    stages_taught,
    sync_transfer,
    transfer,
    update_info,
    verify_change,
)
from xueji.record import _instance_of

OFFLINE = TransferMode.OFFLINE
LATER = D(2022, 1, 10)


def in_status(status: Status, school: School = SCHOOL, *, grade: int | None = None) -> Record:
    """A record brought to ``status`` through its operations, at ``school``."""
    record = enrolled(school=school, grade=grade)
    if status is Status.ENROLLED:
        return record
    if status is Status.SUSPENDED:
        return suspended(record, ENROLLED_ON)
    action = next(a for (s, a), t in TRANSITIONS.items() if s is Status.ENROLLED and t is status)
    return change_status(record, action, by=registrar(school), on=ENROLLED_ON)


# register


def test_register_starts_an_enrolled_record_with_one_event() -> None:
    record = enrolled()
    assert record.status is Status.ENROLLED
    assert record.school == SCHOOL
    assert record.pending_sync is False
    assert record.info == FrozenMap()
    (first,) = record.history
    assert (first.kind, first.on, first.by) == ("register", ENROLLED_ON, registrar(SCHOOL))
    assert first.after["number"] == record.number


def test_register_refuses_a_student_born_after_the_registration_date() -> None:
    baby = Student("王小明", Sex.MALE, D(2022, 1, 1))
    with pytest.raises(InvalidValue) as excinfo:
        register(baby, school=SCHOOL, by=registrar(SCHOOL), on=ENROLLED_ON, dedup=PASSED, taken=())
    assert excinfo.value.reason is Reason.INVALID_VALUE


def test_register_refuses_a_dedup_that_is_not_a_dedup_result() -> None:
    with pytest.raises(InvalidValue):
        register(
            STUDENT,
            school=SCHOOL,
            by=registrar(SCHOOL),
            on=ENROLLED_ON,
            dedup=True,  # type: ignore[arg-type]
            taken=(),
        )


@pytest.mark.parametrize(
    "who", [None, "王小明", ("王小明", Sex.MALE, BIRTH)], ids=["none", "name", "tuple"]
)
def test_register_refuses_a_student_that_is_not_a_student_value(who: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        register(who, school=SCHOOL, by=REGISTRAR, on=ENROLLED_ON, dedup=PASSED, taken=())  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE


def test_two_registrations_with_the_same_taken_set_get_different_numbers() -> None:
    first = enrolled()
    second = enrolled(student("王小亮"), taken=frozenset({first.number.value}))
    assert first.number != second.number
    assert first.number.birth_date == second.number.birth_date


def test_a_student_may_be_registered_on_the_day_of_birth_and_not_before() -> None:
    assert enrolled(on=BIRTH).enrolled_on == BIRTH
    with pytest.raises(InvalidValue):
        enrolled(on=BIRTH - datetime.timedelta(days=1))


# promote


def test_promote_refuses_a_record_that_already_has_a_formal_number() -> None:
    j_record = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    with pytest.raises(IllegalTransition) as excinfo:
        promote(j_record, match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    assert excinfo.value.state == "J"
    assert excinfo.value.reason is Reason.ILLEGAL_TRANSITION


def test_promote_refuses_a_g_number_already_taken() -> None:
    g_number = RegistryNumber.for_resident(rid())
    with pytest.raises(DuplicateRegistration) as excinfo:
        promote(
            enrolled(),
            match=PopulationMatch(rid(), "王小明"),
            dedup=PASSED,
            by=CENTRAL,
            on=LATER,
            taken={g_number.value},
        )
    assert excinfo.value.conflicts == (g_number,)


def test_promote_refuses_a_match_disagreeing_with_a_known_resident_id() -> None:
    record = enrolled(student(resident_id=rid(11)))
    with pytest.raises(InconsistentIdentity) as excinfo:
        promote(
            record, match=PopulationMatch(rid(13), "王小明"), dedup=PASSED, by=CENTRAL, on=LATER
        )
    assert excinfo.value.reason is Reason.MATCH_MISMATCH


def test_promote_refuses_a_match_that_is_not_a_population_match() -> None:
    with pytest.raises(InvalidValue):
        promote(enrolled(), match=rid(), dedup=PASSED, by=CENTRAL, on=LATER)  # type: ignore[arg-type]


def test_promote_keeps_the_school_status_and_enrolment_date() -> None:
    record = suspended(enrolled(), LATER)
    promoted = promote(record, match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    assert promoted.status is Status.SUSPENDED
    assert (promoted.school, promoted.enrolled_on) == (record.school, record.enrolled_on)
    assert promoted.continuous_since == record.continuous_since


def test_a_j_number_follows_the_sex_parity_of_the_student_and_is_recorded() -> None:
    girl = enrolled(student("李小红", sex=Sex.FEMALE))
    promoted = promote(girl, match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    assert int(promoted.number.value[-2]) % 2 == 0
    last = promoted.history[-1]
    assert last.after["number"] == promoted.number
    assert last.after["student"] == promoted.student


def test_promote_refuses_a_formal_or_closed_record_naming_its_state() -> None:
    promoted = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    with pytest.raises(IllegalTransition) as again:
        promote(promoted, match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 1))
    assert (again.value.state, again.value.action) == ("J", "promote")
    closed = change_status(enrolled(), Action.DECEASE, by=REGISTRAR, on=LATER)
    with pytest.raises(IllegalTransition) as shut:
        promote(closed, match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 1))
    assert (shut.value.state, shut.value.action) == ("deceased", "promote")


def test_promote_refuses_a_match_that_is_not_a_population_match_or_names_another_person() -> None:
    with pytest.raises(InvalidValue):
        promote(enrolled(), match="王小明", dedup=PASSED, by=CENTRAL, on=LATER)  # type: ignore[arg-type]
    with pytest.raises(InconsistentIdentity):
        promote(
            enrolled(), match=PopulationMatch(rid(), "王大明"), dedup=PASSED, by=CENTRAL, on=LATER
        )


@pytest.mark.parametrize(
    ("known", "match", "field"),
    [
        (None, PopulationMatch(rid(13, birth=D(2015, 3, 2)), "王大明"), "name"),
        (None, PopulationMatch(rid(13, birth=D(2015, 3, 2)), "王小明"), "birth_date"),
        (None, PopulationMatch(rid(12), "王小明"), "sex"),
        (rid(11), PopulationMatch(rid(13), "王小明"), "resident_id"),
    ],
    ids=["name", "birth-date", "sex", "resident-id"],
)
def test_a_population_match_that_disagrees_names_the_first_field_it_disagrees_on(
    known: ResidentID | None, match: PopulationMatch, field: str
) -> None:
    """Name, then birth date, then sex, then a resident ID the student already has."""
    record = enrolled(student(resident_id=known))
    with pytest.raises(InconsistentIdentity) as excinfo:
        promote(record, match=match, dedup=PASSED, by=CENTRAL, on=LATER)
    assert (excinfo.value.reason, excinfo.value.field) == (Reason.MATCH_MISMATCH, field)


def test_a_refused_registration_names_the_operations_that_take_up_the_record_instead() -> None:
    """A student the duplicate check finds is taken up by progress or a transfer; a
    refused promotion has nothing to suggest."""
    found = DedupResult((RegistryNumber.for_resident(rid()),))
    with pytest.raises(DuplicateRegistration) as registering:
        register(STUDENT, school=SCHOOL, by=REGISTRAR, on=ENROLLED_ON, dedup=found, taken=())
    assert registering.value.instead == ("progress", "request_transfer")
    with pytest.raises(DuplicateRegistration) as promoting:
        promote(enrolled(), match=None, dedup=found, by=CENTRAL, on=LATER)
    assert promoting.value.instead == ()


@pytest.mark.parametrize(
    "approval",
    [5, b"ref", "", "  ", "朝教发\n12号"],
    ids=["int", "bytes", "empty", "blank", "newline"],
)
def test_an_age_approval_is_a_printable_reference_text(approval: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        register(
            student(born=D(2015, 9, 1)), school=SCHOOL, by=REGISTRAR, on=ENROLLED_ON,
            dedup=PASSED, taken=(), grade=1, age_approval=approval,  # type: ignore[arg-type]
        )  # fmt: skip
    assert excinfo.value.reason is Reason.INVALID_VALUE


# issue_formal_numbers


def test_issuance_promotes_and_refuses_with_the_errors() -> None:
    good = enrolled()
    clash = enrolled(student("王小亮"), taken=frozenset({good.number.value}))
    conflict = RegistryNumber.for_resident(rid())
    batch = issue_formal_numbers(
        [good, clash],
        matches={good.number.value: PopulationMatch(rid(), "王小明"), clash.number.value: None},
        dedups={good.number.value: PASSED, clash.number.value: DedupResult((conflict,))},
        by=CENTRAL,
        on=LATER,
    )
    assert [r.number for r in batch.promoted] == [RegistryNumber.for_resident(rid())]
    ((refused, error),) = batch.refused
    assert refused == clash
    assert isinstance(error, DuplicateRegistration)
    assert error.conflicts == (conflict,)


def test_issuance_never_gives_the_same_j_number_twice_in_a_batch() -> None:
    """Same school region, birth date and sex: the batch still issues different J numbers."""
    first = enrolled()
    second = enrolled(student("王小亮"), taken=frozenset({first.number.value}))
    keys = [first.number.value, second.number.value]
    batch = issue_formal_numbers(
        [first, second],
        matches=dict.fromkeys(keys),
        dedups=dict.fromkeys(keys, PASSED),
        by=CENTRAL,
        on=LATER,
    )
    numbers = [r.number for r in batch.promoted]
    assert batch.refused == ()
    assert [n.kind for n in numbers] == [RegistryKind.J, RegistryKind.J]
    assert numbers[0] != numbers[1]
    assert {n.region_code for n in numbers} == {"110105"}


def test_issuance_honours_numbers_taken_before_the_batch() -> None:
    record = enrolled()
    alone = issue_formal_numbers(
        [record],
        matches={record.number.value: None},
        dedups={record.number.value: PASSED},
        by=CENTRAL,
        on=LATER,
    )
    taken = {alone.promoted[0].number.value}
    again = issue_formal_numbers(
        [record],
        matches={record.number.value: None},
        dedups={record.number.value: PASSED},
        by=CENTRAL,
        on=LATER,
        taken=taken,
    )
    assert again.promoted[0].number.value not in taken


def test_issuance_refuses_two_records_matched_to_the_same_resident_id() -> None:
    first = enrolled()
    second = enrolled(student("王小明"), taken=frozenset({first.number.value}))
    match = PopulationMatch(rid(), "王小明")
    keys = [first.number.value, second.number.value]
    batch = issue_formal_numbers(
        [first, second],
        matches=dict.fromkeys(keys, match),
        dedups=dict.fromkeys(keys, PASSED),
        by=CENTRAL,
        on=LATER,
    )
    assert [r.number for r in batch.promoted] == [RegistryNumber.for_resident(rid())]
    ((refused, error),) = batch.refused
    assert refused == second
    assert error.reason is Reason.DUPLICATE_REGISTRATION


@pytest.mark.parametrize("missing", ["matches", "dedups"])
def test_issuance_refuses_a_record_missing_an_answer(missing: str) -> None:
    record = enrolled()
    answers: dict[str, dict[str, object]] = {
        "matches": {record.number.value: None},
        "dedups": {record.number.value: PASSED},
    }
    answers[missing] = {}
    batch = issue_formal_numbers(
        [record],
        matches=answers["matches"],  # type: ignore[arg-type]
        dedups=answers["dedups"],  # type: ignore[arg-type]
        by=CENTRAL,
        on=LATER,
    )
    assert batch.promoted == ()
    ((refused, error),) = batch.refused
    assert refused == record
    assert isinstance(error, InvalidValue)


def test_issuance_refuses_records_that_are_not_l() -> None:
    j_record = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    key = j_record.number.value
    batch = issue_formal_numbers(
        [j_record], matches={key: None}, dedups={key: PASSED}, by=CENTRAL, on=D(2022, 2, 1)
    )
    ((_, error),) = batch.refused
    assert isinstance(error, IllegalTransition)


def test_a_record_twice_in_a_batch_is_refused_the_second_time_as_an_l_promotion() -> None:
    record = enrolled()
    key = record.number.value
    batch = issue_formal_numbers(
        [record, record], matches={key: None}, dedups={key: PASSED}, by=CENTRAL, on=LATER
    )
    assert len(batch.promoted) == 1
    ((refused, error),) = batch.refused
    assert refused == record
    assert isinstance(error, IllegalTransition)
    assert (error.state, error.action) == ("L", "promote")
    assert error.reason is Reason.ILLEGAL_TRANSITION


def test_a_refused_record_does_not_stop_the_batch() -> None:
    first = enrolled()
    second = enrolled(student("王小亮"), taken=frozenset({first.number.value}))
    third = enrolled(student("王小刚"), taken=frozenset({first.number.value, second.number.value}))
    keys = [r.number.value for r in (first, second, third)]
    batch = issue_formal_numbers(
        [first, second, third],
        matches=dict.fromkeys(keys),
        dedups={keys[0]: PASSED, keys[2]: PASSED},  # the second has no duplicate check
        by=CENTRAL,
        on=LATER,
    )
    assert [r.former_numbers[-1] for r in batch.promoted] == [first.number, third.number]
    ((refused, error),) = batch.refused
    assert refused == second
    assert isinstance(error, InvalidValue)


# transfer and sync


def test_transfer_to_the_same_school_is_refused() -> None:
    with pytest.raises(IllegalTransition):
        transfer(enrolled(), to_school=SCHOOL, by=registrar(SCHOOL), on=LATER, mode=OFFLINE)


def test_sync_without_a_pending_offline_transfer_is_refused() -> None:
    with pytest.raises(IllegalTransition) as excinfo:
        sync_transfer(enrolled(), outcome=SyncOutcome.DONE, by=CENTRAL, on=LATER)
    assert excinfo.value.reason is Reason.ILLEGAL_TRANSITION


def test_an_online_transfer_keeps_continuity_and_needs_no_sync() -> None:
    moved = transferred(enrolled(), OTHER, LATER)
    assert moved.continuous_since == ENROLLED_ON
    assert moved.pending_sync is False


def test_sync_without_a_pending_transfer_names_the_state_and_action() -> None:
    with pytest.raises(IllegalTransition) as excinfo:
        sync_transfer(enrolled(), outcome=SyncOutcome.DONE, by=CENTRAL, on=LATER)
    assert (excinfo.value.state, excinfo.value.action) == ("synced", "sync a transfer")


def test_sync_records_the_end_of_the_pending_state_in_the_history() -> None:
    moved = transfer(enrolled(), to_school=OTHER, by=registrar(OTHER), on=LATER, mode=OFFLINE)
    assert moved.pending_sync is True
    synced = sync_transfer(moved, outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2022, 2, 1))
    assert synced.pending_sync is False
    last = synced.history[-1]
    assert last.kind == "sync-transfer"
    assert dict(last.before) == {"pending_sync": True}
    assert dict(last.after) == {"pending_sync": False}
    assert last.after["pending_sync"] is False


def test_transfer_refuses_a_pending_record_its_own_school_or_a_record_abroad() -> None:
    record = enrolled()
    moved = transfer(record, to_school=OTHER, by=registrar(OTHER), on=LATER, mode=OFFLINE)
    assert moved.history[-1].kind == "transfer-offline"
    back_on = D(2022, 1, 11)
    with pytest.raises(IllegalTransition) as pending:
        transfer(moved, to_school=SCHOOL, by=REGISTRAR, on=back_on, mode=OFFLINE)
    assert (pending.value.state, pending.value.action) == ("pending-sync", "transfer")
    with pytest.raises(IllegalTransition) as same:
        transfer(record, to_school=SCHOOL, by=REGISTRAR, on=back_on, mode=OFFLINE)
    assert (same.value.state, same.value.action) == ("enrolled", "transfer")
    away = change_status(record, Action.GO_ABROAD, by=REGISTRAR, on=LATER)
    with pytest.raises(IllegalTransition) as abroad:
        transfer(away, to_school=OTHER, by=registrar(OTHER), on=back_on, mode=OFFLINE)
    assert (abroad.value.state, abroad.value.action) == ("abroad", "transfer")


# update_info


def test_update_info_with_nothing_to_change_is_refused() -> None:
    with pytest.raises(InvalidValue):
        update_info(enrolled(), by=registrar(SCHOOL), on=LATER)


def test_update_info_freezes_nested_values() -> None:
    guardians = [{"name": "王父", "phone": "010-1"}]
    record = update_info(enrolled(), by=registrar(SCHOOL), on=LATER, guardians=guardians)
    guardians[0]["name"] = "changed"
    assert record.info["guardians"] == (FrozenMap(name="王父", phone="010-1"),)
    hash(record)


@pytest.mark.parametrize(
    "changes", [{}, {"guardians": type("Unhashable", (), {"__hash__": None})()}]
)
def test_update_info_refuses_no_change_and_an_unhashable_value(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidValue):
        update_info(enrolled(), by=REGISTRAR, on=LATER, **changes)


def test_a_graduated_record_refuses_an_update_naming_its_status_and_the_action() -> None:
    closed = change_status(enrolled(), Action.GRADUATE, by=REGISTRAR, on=LATER)
    with pytest.raises(IllegalTransition) as excinfo:
        update_info(closed, by=REGISTRAR, on=D(2022, 1, 11), phone="1")
    assert (excinfo.value.state, excinfo.value.action) == ("graduated", "update information")


# change_status and the table

ALL_PAIRS = [(status, action) for status in Status for action in Action]


@pytest.mark.parametrize(("status", "action"), ALL_PAIRS)
def test_every_status_action_pair_follows_the_table_or_is_illegal(
    status: Status, action: Action
) -> None:
    """Each of the 90 pairs: the table's target, or IllegalTransition (at a 完全中学, in
    grade 9 for a drop-out, else in grade 12, so that the stage allows each move). A
    suspension is the one move of the table that is a request instead."""
    compulsory = Status.DROPPED_OUT in (status, TRANSITIONS.get((status, action)))
    record = in_status(status, SENIOR, grade=9 if compulsory else 12)
    target = TRANSITIONS.get((status, action))
    if target is None or action is Action.SUSPEND:
        with pytest.raises(IllegalTransition) as excinfo:
            change_status(record, action, by=registrar(SENIOR), on=LATER)
        assert excinfo.value.state == status.value
        assert excinfo.value.action == action.value
        assert excinfo.value.reason is (
            Reason.ILLEGAL_TRANSITION if target is None else Reason.REQUEST_REQUIRED
        )
    else:
        after = change_status(record, action, by=registrar(SENIOR), on=LATER)
        assert after.status is target
        assert after.history[-1].before["status"] is status
        assert after.history[-1].after["status"] is target


def test_the_table_leaves_terminal_statuses_with_no_way_out() -> None:
    closed = {Status.GRADUATED, Status.COMPLETED, Status.LEFT, Status.WITHDRAWN, Status.DECEASED}
    assert closed == TERMINAL
    assert not [pair for pair in TRANSITIONS if pair[0] in TERMINAL]
    assert all(target in Status for target in TRANSITIONS.values())


BASIC = [c for c in sorted(SchoolCategory) if stages_taught(c)]


@pytest.mark.parametrize("action", [Action.WITHDRAW, Action.LEAVE])
@pytest.mark.parametrize("category", BASIC)
def test_without_a_grade_only_a_senior_only_school_lets_a_student_withdraw_or_leave(
    category: SchoolCategory, action: Action
) -> None:
    """The school category decides only when the grade is unknown, and only when the school
    teaches senior secondary alone; a 完全中学 (34) needs the grade."""
    school = School(category.value + "11019999", "某校", "110105")
    record = enrolled(school=school)
    taught = stages_taught(category)
    if taught == {Stage.SENIOR}:
        assert (
            change_status(record, action, by=registrar(school), on=LATER).status
            is (TRANSITIONS[(Status.ENROLLED, action)])
        )
        return
    with pytest.raises(IllegalTransition) as excinfo:
        change_status(record, action, by=registrar(school), on=LATER)
    assert excinfo.value.state == "enrolled"
    assert excinfo.value.reason is (
        Reason.GRADE_UNKNOWN if Stage.SENIOR in taught else Reason.WRONG_STAGE
    )


@pytest.mark.parametrize("category", [c for c in sorted(SchoolCategory) if not stages_taught(c)])
def test_nobody_is_registered_at_a_school_outside_basic_education(
    category: SchoolCategory,
) -> None:
    school = School(category.value + "11019999", "某校", "110105")
    with pytest.raises(InvalidValue) as excinfo:
        enrolled(school=school)
    assert excinfo.value.reason is Reason.WRONG_STAGE


def test_a_junior_pupil_at_a_complete_secondary_school_cannot_withdraw() -> None:
    record = enrolled(school=SENIOR, grade=8)
    for action in (Action.WITHDRAW, Action.LEAVE):
        with pytest.raises(IllegalTransition) as excinfo:
            change_status(record, action, by=registrar(SENIOR), on=LATER)
        assert excinfo.value.reason is Reason.WRONG_STAGE
    senior = enrolled(school=SENIOR, grade=11)
    assert change_status(senior, Action.WITHDRAW, by=registrar(SENIOR), on=LATER).status is (
        Status.WITHDRAWN
    )


def test_a_primary_school_student_cannot_withdraw_even_when_suspended() -> None:
    record = in_status(Status.SUSPENDED)
    with pytest.raises(IllegalTransition):
        change_status(record, Action.WITHDRAW, by=registrar(SCHOOL), on=LATER)


def test_a_primary_school_student_cannot_withdraw_when_the_action_is_given_as_text() -> None:
    with pytest.raises(IllegalTransition):
        change_status(enrolled(), "withdraw", by=registrar(SCHOOL), on=LATER)  # type: ignore[arg-type]


def test_a_status_change_keeps_its_note() -> None:
    record = change_status(
        enrolled(), Action.GO_ABROAD, by=registrar(SCHOOL), on=LATER, note="随父母出国"
    )
    assert record.history[-1].after["note"] == "随父母出国"


def closed_with_work_pending(status: Status) -> tuple[Record, ChangeRequest]:
    """A record moved offline to SENIOR (its sync pending) with a verified request of its
    own, then closed in ``status``: nothing pending may still change it."""
    record = transfer(
        enrolled(school=OTHER_SENIOR, grade=12), to_school=SENIOR, by=registrar(SENIOR),
        on=ENROLLED_ON, mode=TransferMode.OFFLINE,
    )  # fmt: skip
    request = request_change(
        record, field=KeyField.NAME, new_value="王晓明", evidence=("户口簿",),
        by=registrar(SENIOR), on=ENROLLED_ON,
    )  # fmt: skip
    reviewer = Actor(Role.COUNTY_REVIEWER, SENIOR.region_code, "赵科长")
    request = review(request, Verdict.APPROVE, by=reviewer, on=ENROLLED_ON)
    request = verify_change(request, dedup=PASSED, by=CENTRAL, on=ENROLLED_ON)
    action = next(a for (s, a), t in TRANSITIONS.items() if s is Status.ENROLLED and t is status)
    return change_status(record, action, by=registrar(SENIOR), on=ENROLLED_ON), request


TERMINAL_OPERATIONS: dict[str, Callable[[Record, ChangeRequest], object]] = {
    "change_status": lambda r, _: change_status(r, Action.RESUME, by=registrar(SENIOR), on=LATER),
    "update_info": lambda r, _: update_info(r, by=registrar(SENIOR), on=LATER, phone="010-1234"),
    "transfer": lambda r, _: transfer(
        r, to_school=OTHER_SENIOR, by=registrar(OTHER_SENIOR), on=LATER, mode=OFFLINE
    ),
    "request_transfer": lambda r, _: request_transfer(
        r, to_school=OTHER_SENIOR, by=registrar(OTHER_SENIOR), on=LATER
    ),
    "request_suspension": lambda r, _: request_suspension(
        r, months=6, evidence=("病历",), by=registrar(SENIOR), on=LATER
    ),
    "drop_out": lambda r, _: drop_out(r, by=registrar(SENIOR), on=LATER),
    "return_from_abroad": lambda r, _: return_from_abroad(
        r, to_school=SENIOR, grade=12, by=registrar(SENIOR), on=LATER
    ),
    "set_grade": lambda r, _: set_grade(r, 11, by=registrar(SENIOR), on=LATER),
    "advance_grade": lambda r, _: advance_grade(r, by=CENTRAL, on=LATER),
    "repeat_grade": lambda r, _: repeat_grade(
        r, by=registrar(SENIOR), on=LATER, policy=Policy(grade_changes={GradeChange.REPEAT})
    ),
    "request_change": lambda r, _: request_change(
        r,
        field=KeyField.NAME,
        new_value="王明",
        evidence=("户口簿",),
        by=registrar(SENIOR),
        on=LATER,
    ),
    "promote": lambda r, _: promote(r, match=None, dedup=PASSED, by=CENTRAL, on=LATER),
    "sync_transfer-done": lambda r, _: sync_transfer(
        r, outcome=SyncOutcome.DONE, by=CENTRAL, on=LATER
    ),
    "sync_transfer-refused": lambda r, _: sync_transfer(
        r, outcome=SyncOutcome.REFUSED, by=None, on=LATER
    ),
    "apply_change": lambda r, request: apply_change(r, request, by=registrar(SENIOR), on=LATER),
}


@pytest.mark.parametrize("status", sorted(TERMINAL))
@pytest.mark.parametrize("operation", sorted(TERMINAL_OPERATIONS))
def test_a_closed_record_accepts_nothing_more(status: Status, operation: str) -> None:
    record, request = closed_with_work_pending(status)
    assert record.pending_sync
    with pytest.raises(IllegalTransition) as excinfo:
        TERMINAL_OPERATIONS[operation](record, request)
    assert excinfo.value.state == status.value


@pytest.mark.parametrize("status", sorted(TERMINAL))
def test_an_issuance_refuses_a_closed_record_and_issues_it_nothing(status: Status) -> None:
    record, _ = closed_with_work_pending(status)
    key = record.number
    batch = issue_formal_numbers(
        [record], matches={key: None}, dedups={key: PASSED}, by=CENTRAL, on=LATER
    )
    assert batch.promoted == ()
    ((refused, error),) = batch.refused
    assert refused is record
    assert isinstance(error, IllegalTransition)
    assert error.state == status.value


def test_change_status_refuses_an_unknown_or_disallowed_action_naming_both() -> None:
    record = enrolled()
    with pytest.raises(IllegalTransition) as unknown:
        change_status(record, "fly", by=REGISTRAR, on=LATER)  # type: ignore[arg-type]
    assert (unknown.value.state, unknown.value.action) == ("enrolled", "fly")
    with pytest.raises(IllegalTransition) as withdraw:
        change_status(record, Action.WITHDRAW, by=REGISTRAR, on=LATER)
    assert (withdraw.value.state, withdraw.value.action) == ("enrolled", "withdraw")


def test_a_status_change_records_who_made_it() -> None:
    changed = change_status(enrolled(), Action.GO_ABROAD, by=REGISTRAR, on=LATER)
    assert changed.history[-1].by == REGISTRAR


# dates


def test_an_operation_dated_before_the_last_event_is_refused() -> None:
    record = update_info(enrolled(), by=registrar(SCHOOL), on=LATER, phone="010-1234")
    with pytest.raises(InvalidValue) as excinfo:
        change_status(record, Action.GO_ABROAD, by=registrar(SCHOOL), on=D(2022, 1, 9))
    assert excinfo.value.reason is Reason.INVALID_VALUE
    same_day = change_status(record, Action.GO_ABROAD, by=registrar(SCHOOL), on=LATER)
    assert same_day.history[-1].on == LATER


def test_a_datetime_as_the_operation_date_counts_as_its_day() -> None:
    record = update_info(
        enrolled(), by=registrar(SCHOOL), on=datetime.datetime(2022, 1, 10, 8, 30), phone="1"
    )
    assert record.history[-1].on == datetime.date(2022, 1, 10)


def test_an_operation_date_that_is_not_a_date_is_an_invalid_value() -> None:
    with pytest.raises(InvalidValue):
        update_info(enrolled(), by=registrar(SCHOOL), on="2022-01-10", phone="1")  # type: ignore[arg-type]


def test_a_record_built_without_history_takes_its_first_event_on_any_day() -> None:
    record = enrolled()
    bare = Record(record.number, record.student, SCHOOL, Status.ENROLLED, ENROLLED_ON, ENROLLED_ON)
    assert bare.history == ()
    updated = update_info(bare, by=REGISTRAR, on=D(2020, 1, 1), phone="1")
    assert [e.kind for e in updated.history] == ["update-info"]


# values


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "王小明2",
        "王小明２",
        "王٣",
        "王\u0e53",
        "王\n明",
        "王\x00明",
        "王\u200b明",
        "王" * 101,
    ],
)
def test_a_student_name_must_be_letters_without_digits_or_control_characters(name: str) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        Student(name, Sex.MALE, BIRTH)
    assert excinfo.value.reason is Reason.INVALID_VALUE


@pytest.mark.parametrize(
    ("name", "kept"),
    [(" 王小明\u3000", "王小明"), ("阿依古丽·买买提", "阿依古丽·买买提"), ("Anna Li", "Anna Li")],
)
def test_a_student_name_is_trimmed(name: str, kept: str) -> None:
    assert Student(name, Sex.MALE, BIRTH).name == kept


def test_a_resident_id_must_agree_with_the_birth_date_and_sex() -> None:
    assert Student("王小明", Sex.MALE, BIRTH, rid(11)).resident_id == rid(11)
    with pytest.raises(InconsistentIdentity) as excinfo:
        Student("王小明", Sex.FEMALE, BIRTH, rid(11))
    assert excinfo.value.reason is Reason.INCONSISTENT_IDENTITY
    with pytest.raises(InconsistentIdentity):
        Student("王小明", Sex.MALE, D(2010, 3, 2), rid(11))


def test_a_student_repr_hides_the_birth_date() -> None:
    text = repr(Student("王小明", Sex.MALE, BIRTH, rid(11)))
    assert "2010" not in text
    assert "<hidden>" in text


@pytest.mark.parametrize(
    "fields",
    [
        {"sex": "1"},
        {"birth_date": datetime.datetime(2010, 3, 1)},
        {"birth_date": "2010-03-01"},
        {"resident_id": "110108201003010119"},
    ],
)
def test_a_student_refuses_values_of_the_wrong_type(fields: dict[str, object]) -> None:
    values: dict[str, object] = {"name": "王小明", "sex": Sex.MALE, "birth_date": BIRTH, **fields}
    with pytest.raises(InvalidValue):
        Student(**values)  # type: ignore[arg-type]


def test_a_dedup_result_passes_only_without_conflicts() -> None:
    assert DedupResult().passed
    failed = DedupResult(("L110105201003010010",))
    assert not failed.passed
    assert failed.conflicts == (RegistryNumber.parse("L110105201003010010"),)


def test_a_population_match_name_follows_the_student_name_rules() -> None:
    assert PopulationMatch(rid(), " 王小明 ").name == "王小明"
    with pytest.raises(InvalidValue):
        PopulationMatch(rid(), "王2")


def test_a_record_is_immutable_and_hashable() -> None:
    record = update_info(enrolled(), by=registrar(SCHOOL), on=LATER, phone="010-1234")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.status = Status.LEFT  # type: ignore[misc]
    assert hash(record) == hash(copy.deepcopy(record))
    assert pickle.loads(pickle.dumps(record)) == record
    assert {record, copy.deepcopy(record)} == {record}


def test_record_info_is_immutable() -> None:
    record = update_info(enrolled(), by=registrar(SCHOOL), on=LATER, phone="010-1234")
    with pytest.raises(TypeError):
        record.info["phone"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        record.info._data = {}


def test_a_g_record_needs_a_student_with_a_resident_id() -> None:
    record = enrolled()
    with pytest.raises(InconsistentIdentity):
        attrs.evolve(record, number=RegistryNumber.for_resident(rid()))


def test_continuity_cannot_start_before_enrolment() -> None:
    with pytest.raises(InvalidValue):
        attrs.evolve(enrolled(), continuous_since=D(2021, 8, 31))


def test_every_refusal_here_is_a_xuejierror_with_a_reason() -> None:
    """The errors above are all XuejiErrors; their reasons are members of Reason."""
    record = enrolled()
    refusals: list[Callable[[], object]] = [
        lambda: transfer(record, to_school=SCHOOL, by=registrar(SCHOOL), on=LATER, mode=OFFLINE),
        lambda: sync_transfer(record, outcome=SyncOutcome.DONE, by=CENTRAL, on=LATER),
        lambda: update_info(record, by=registrar(OTHER), on=LATER, phone="1"),
        lambda: promote(
            record, match=None, dedup=DedupResult((record.number,)), by=CENTRAL, on=LATER
        ),
    ]
    reasons = []
    for refuse in refusals:
        with pytest.raises(XuejiError) as excinfo:
            refuse()
        reasons.append(excinfo.value.reason)
    assert reasons == [
        Reason.ILLEGAL_TRANSITION,
        Reason.ILLEGAL_TRANSITION,
        Reason.OUT_OF_SCOPE,
        Reason.DUPLICATE_REGISTRATION,
    ]
    assert isinstance(NotAuthorized("x"), XuejiError)


def test_a_name_of_exactly_the_longest_length_is_accepted() -> None:
    assert student("王" * 100).name == "王" * 100
    with pytest.raises(InvalidValue):
        student("王" * 101)


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": 5}, InvalidValue),
        ({"sex": "1"}, InvalidValue),
        ({"birth_date": "2015-03-01"}, InvalidValue),
        ({"resident_id": str(rid())}, InvalidValue),
        ({"sex": Sex.FEMALE, "resident_id": rid()}, InconsistentIdentity),  # an odd sequence
    ],
)
def test_a_student_refuses_a_field_of_the_wrong_type_or_disagreeing_with_the_id(
    fields: dict[str, object], error: type[XuejiError]
) -> None:
    values: dict[str, object] = {"name": "王小明", "sex": Sex.MALE, "birth_date": BIRTH, **fields}
    with pytest.raises(error):
        Student(**values)  # type: ignore[arg-type]


def test_a_population_match_needs_a_resident_id() -> None:
    with pytest.raises(InvalidValue):
        PopulationMatch("11010519491231002X", "王小明")  # type: ignore[arg-type]


def test_dedup_conflicts_may_be_one_number_as_text_and_nothing_else() -> None:
    g = RegistryNumber.parse("G11010519491231002X")
    assert DedupResult("G11010519491231002X").conflicts == (g,)
    with pytest.raises(InvalidValue):
        DedupResult(5)  # type: ignore[arg-type]


def test_a_records_fields_are_checked_for_their_types() -> None:
    @attrs.frozen
    class Holder:
        number: object = attrs.field(validator=_instance_of(RegistryNumber))

    g = RegistryNumber.parse("G11010519491231002X")
    assert Holder(g).number == g
    with pytest.raises(InvalidValue):
        Holder("G11010519491231002X")


@pytest.mark.parametrize(
    "fields",
    [
        {"history": ("register",)},
        {"history": []},
        {"former_numbers": ("L110105201509010011",)},
        {"former_numbers": [RegistryNumber.parse("G11010519491231002X")]},
        {"pending_sync": 1},
        {"continuous_since": ENROLLED_ON - datetime.timedelta(days=1)},
        {"school": "2111010001"},
        {"student": "王小明"},
    ],
    # Plain ids: mutmut hands node ids back to pytest, and brackets in one break that.
    ids=[
        "history-of-text",
        "history-list",
        "former-numbers-of-text",
        "former-numbers-list",
        "pending-sync-int",
        "continuity-before-enrolment",
        "school-as-text",
        "student-as-text",
    ],
)
def test_a_record_refuses_fields_of_the_wrong_type_or_a_continuity_before_enrolment(
    fields: dict[str, object],
) -> None:
    with pytest.raises(InvalidValue):
        attrs.evolve(enrolled(), **fields)  # type: ignore[arg-type]


def test_a_record_refuses_a_g_number_its_student_has_no_resident_id_for() -> None:
    with pytest.raises(XuejiError):
        attrs.evolve(enrolled(), number=RegistryNumber.parse("G11010519491231002X"))


# update_info keeps to non-key information


@pytest.mark.parametrize(
    "field",
    ["school", "status", "enrolled_on", "continuous_since", "pending_sync", "former_numbers",
     "info", "history", "student", "grade", "primary_years", "time_abroad"],
)  # fmt: skip
def test_update_info_cannot_smuggle_a_records_own_field_into_its_information(field: str) -> None:
    record = enrolled()
    with pytest.raises(InvalidValue) as excinfo:
        update_info(record, by=registrar(SCHOOL), on=LATER, **{field: "x"})
    assert (excinfo.value.reason, excinfo.value.path) == (Reason.INVALID_VALUE, field)


def test_update_info_refuses_a_status_and_a_school_given_together_without_storing_either() -> None:
    record = enrolled()
    with pytest.raises(InvalidValue):
        update_info(record, by=registrar(SCHOOL), on=LATER, status="graduated", school=OTHER)
    assert record.info == FrozenMap()


# issue_formal_numbers keys


def test_issuance_accepts_registry_numbers_as_keys_as_well_as_text() -> None:
    first = enrolled()
    second = enrolled(student("王小亮"), taken=frozenset({first.number.value}))
    matches: dict[str | RegistryNumber, None] = {
        first.number: None,
        str(second.number).lower(): None,
    }
    dedups: dict[str | RegistryNumber, DedupResult] = {str(first.number): PASSED}
    dedups[second.number] = PASSED
    batch = issue_formal_numbers(
        [first, second],
        matches=matches,
        dedups=dedups,
        by=CENTRAL,
        on=LATER,
    )
    assert batch.refused == ()
    assert [r.former_numbers[-1] for r in batch.promoted] == [first.number, second.number]


@pytest.mark.parametrize(
    "answers",
    [{5: None}, {"not a number": None}, "L110105201003010010", [("L110105201003010010", None)]],
    ids=["int-key", "text-not-a-number", "text", "pairs"],
)
@pytest.mark.parametrize("argument", ["matches", "dedups"])
def test_issuance_refuses_answers_not_keyed_by_registry_numbers_naming_the_argument(
    answers: object, argument: str
) -> None:
    record = enrolled()
    given: dict[str, object] = {"matches": {record.number: None}, "dedups": {record.number: PASSED}}
    given[argument] = answers
    with pytest.raises(InvalidValue) as excinfo:
        issue_formal_numbers([record], **given, by=CENTRAL, on=LATER)  # type: ignore[arg-type]
    assert excinfo.value.path == argument


@pytest.mark.parametrize("argument", ["matches", "dedups"])
def test_issuance_refuses_two_keys_for_the_same_number(argument: str) -> None:
    record = enrolled()
    given: dict[str, object] = {"matches": {record.number: None}, "dedups": {record.number: PASSED}}
    given[argument] = {record.number: given[argument][record.number], record.number.value: None}  # type: ignore[index]
    with pytest.raises(InvalidValue) as excinfo:
        issue_formal_numbers([record], **given, by=CENTRAL, on=LATER)  # type: ignore[arg-type]
    assert excinfo.value.path == argument


@pytest.mark.parametrize("records", ["L110105201003010010", None, [object()]])
def test_issuance_refuses_records_that_are_not_records(records: object) -> None:
    with pytest.raises(InvalidValue):
        issue_formal_numbers(records, matches={}, dedups={}, by=CENTRAL, on=LATER)  # type: ignore[arg-type]


@pytest.mark.parametrize("taken", ["L110105201003010010", None, 5])
def test_issuance_refuses_a_taken_that_is_not_a_container_before_promoting_anything(
    taken: object,
) -> None:
    record = enrolled()
    with pytest.raises(InvalidValue) as excinfo:
        issue_formal_numbers(
            [record],
            matches={record.number: None},
            dedups={record.number: PASSED},
            by=CENTRAL,
            on=LATER,
            taken=taken,  # type: ignore[arg-type]
        )
    assert excinfo.value.path == "taken"


# numbers in use


def test_numbers_in_use_lists_current_and_former_numbers_of_every_record() -> None:
    first = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    second = enrolled(student("王小亮"), taken=frozenset({first.former_numbers[0].value}))
    assert numbers_in_use([first, second]) == frozenset(
        {first.number.value, first.former_numbers[0].value, second.number.value}
    )
    assert numbers_in_use([]) == frozenset()


@pytest.mark.parametrize(
    ("records", "path"), [(None, "records"), ("L110105201003010010", "records"), ([object()], None)]
)
def test_numbers_in_use_refuses_what_is_not_records(records: object, path: str | None) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        numbers_in_use(records)  # type: ignore[arg-type]
    assert excinfo.value.path == path


def test_a_promotion_avoids_a_number_another_record_held_before() -> None:
    """The J number the lowest sequence would give is someone's former number: skipped."""
    earlier = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=LATER)
    renumbered_away = attrs.evolve(
        earlier,
        number=RegistryNumber.for_resident(rid()),
        student=attrs.evolve(earlier.student, resident_id=rid()),
        former_numbers=(*earlier.former_numbers, earlier.number),
    )
    taken = numbers_in_use([renumbered_away])
    assert earlier.number.value in taken
    later = enrolled(student("王小亮"), taken=taken)
    promoted = promote(later, match=None, dedup=PASSED, by=CENTRAL, on=LATER, taken=taken)
    assert promoted.number != earlier.number
    assert promoted.number.value not in taken


@pytest.mark.parametrize("taken", ["L110105201003010010", None, 5])
def test_taken_must_be_a_container_of_numbers_not_text(taken: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        register(
            STUDENT, school=SCHOOL, by=registrar(SCHOOL),
            on=ENROLLED_ON, dedup=PASSED, taken=taken,  # type: ignore[arg-type]
        )  # fmt: skip
    assert excinfo.value.path == "taken"
    with pytest.raises(InvalidValue) as excinfo:
        promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=LATER, taken=taken)  # type: ignore[arg-type]
    assert excinfo.value.path == "taken"


# transfers, their sync, and continuous registration


@pytest.mark.parametrize("mode", list(TransferMode))
def test_a_transfer_keeps_continuous_registration_online_and_offline(mode: TransferMode) -> None:
    if mode is TransferMode.ONLINE:
        moved = transferred(enrolled(), OTHER, LATER)
    else:
        moved = transfer(enrolled(), to_school=OTHER, by=registrar(OTHER), on=LATER, mode=mode)
    assert moved.continuous_since == ENROLLED_ON
    assert moved.pending_sync is (mode is TransferMode.OFFLINE)
    assert moved.history[-1].kind == (
        "transfer" if mode is TransferMode.ONLINE else "transfer-offline"
    )


def test_a_return_from_abroad_restarts_continuous_registration_and_a_suspension_does_not() -> None:
    record = suspended(enrolled(), LATER)
    record = change_status(record, Action.RESUME, by=registrar(SCHOOL), on=D(2022, 3, 1))
    assert record.continuous_since == ENROLLED_ON
    record = change_status(record, Action.GO_ABROAD, by=registrar(SCHOOL), on=D(2022, 4, 1))
    assert record.continuous_since == ENROLLED_ON
    back = change_status(record, Action.RETURN, by=registrar(SCHOOL), on=D(2023, 9, 1))
    assert back.continuous_since == D(2023, 9, 1)
    assert back.history[-1].before["continuous_since"] == ENROLLED_ON


def test_a_refused_sync_takes_the_record_back_even_after_other_events_at_the_new_school() -> None:
    moved = transfer(
        enrolled(), to_school=OTHER, by=registrar(OTHER), on=LATER, mode=TransferMode.OFFLINE
    )
    moved = update_info(moved, by=registrar(OTHER), on=LATER, phone="010-1")
    moved = suspended(moved, LATER)
    back = sync_transfer(moved, outcome=SyncOutcome.REFUSED, by=CENTRAL, on=D(2022, 2, 1))
    assert (back.school, back.status, back.pending_sync) == (SCHOOL, Status.SUSPENDED, False)
    assert back.history[-1].by == CENTRAL


def test_a_refused_sync_with_no_offline_transfer_in_the_history_is_refused() -> None:
    record = enrolled()
    bare = Record(
        record.number, record.student, OTHER, Status.ENROLLED, ENROLLED_ON, ENROLLED_ON, True
    )
    with pytest.raises(IllegalTransition) as excinfo:
        sync_transfer(bare, outcome=SyncOutcome.REFUSED, by=None, on=LATER)
    assert excinfo.value.reason is Reason.BROKEN_CHAIN


def test_a_sync_is_dated_and_kept_in_order() -> None:
    moved = transfer(
        enrolled(), to_school=OTHER, by=registrar(OTHER), on=LATER, mode=TransferMode.OFFLINE
    )
    with pytest.raises(InvalidValue):
        sync_transfer(moved, outcome=SyncOutcome.DONE, by=None, on=ENROLLED_ON)


# status changes take only actions and notes


@pytest.mark.parametrize("action", [None, 1, Status.SUSPENDED.name.encode()])
def test_a_status_change_that_is_not_an_action_is_an_invalid_value(action: object) -> None:
    with pytest.raises(InvalidValue):
        change_status(enrolled(), action, by=registrar(SCHOOL), on=LATER)  # type: ignore[arg-type]


def test_a_status_change_note_must_be_text() -> None:
    with pytest.raises(InvalidValue):
        change_status(enrolled(), Action.GO_ABROAD, by=registrar(SCHOOL), on=LATER, note=5)  # type: ignore[arg-type]


# events


def test_every_event_but_the_national_systems_names_its_actor() -> None:
    first = enrolled().history[0]
    with pytest.raises(InvalidValue):
        attrs.evolve(first, by=None)
    for kind in NATIONAL_EVENTS:
        assert attrs.evolve(first, kind=kind, by=None).by is None


def test_only_a_key_field_change_carries_a_request_and_it_must_be_one_for_that_field() -> None:
    first = enrolled().history[0]
    with pytest.raises(InvalidValue):
        attrs.evolve(first, kind=EventKind.CHANGE_NAME)
    with pytest.raises(InvalidValue):
        attrs.evolve(first, kind="teleport")


def test_a_refused_sync_whose_offline_event_lost_the_school_left_is_refused_with_a_reason() -> None:
    moved = transfer(
        enrolled(), to_school=OTHER, by=registrar(OTHER), on=LATER, mode=TransferMode.OFFLINE
    )
    offline = attrs.evolve(moved.history[-1], before={"school": "2111010001"})
    tampered = attrs.evolve(moved, history=(*moved.history[:-1], offline))
    with pytest.raises(IllegalTransition) as excinfo:
        sync_transfer(tampered, outcome=SyncOutcome.REFUSED, by=CENTRAL, on=LATER)
    assert excinfo.value.reason is Reason.BROKEN_CHAIN
