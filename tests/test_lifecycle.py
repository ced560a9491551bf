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

from xueji import (
    TERMINAL,
    TRANSITIONS,
    UPPER_SECONDARY,
    Action,
    Actor,
    DedupResult,
    DuplicateRegistration,
    FrozenMap,
    IllegalTransition,
    InconsistentIdentity,
    InvalidValue,
    KeyField,
    NotAuthorized,
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
    Status,
    Student,
    XuejiError,
    change_status,
    issue_formal_numbers,
    make_resident_id,
    promote,
    register,
    request_change,
    sync_transfer,
    transfer,
    update_info,
)

D = datetime.date

PRIMARY = School("2111010001", "朝阳实验小学", "110105")
OTHER = School("2111010002", "海淀小学", "110108")
SENIOR = School("3411010003", "北京四中", "110102")
ADMIN_NAMES = {"2111010001": "李老师", "2111010002": "王老师", "3411010003": "张老师"}
BIRTH = D(2010, 3, 1)
ENROLLED_ON = D(2021, 9, 1)
LATER = D(2022, 1, 10)
PASSED = DedupResult()


def admin(school: School) -> Actor:
    """The registry administrator of ``school``."""
    code = school.code.value
    return Actor(Role.SCHOOL_ADMIN, code, ADMIN_NAMES.get(code, "某老师"))


def rid(sequence: int = 11, *, birth: datetime.date = BIRTH) -> ResidentID:
    return make_resident_id(region_code="110108", birth_date=birth, sequence=sequence)


def enrolled(
    school: School = PRIMARY,
    *,
    name: str = "王小明",
    sex: Sex = Sex.MALE,
    taken: frozenset[str] = frozenset(),
) -> Record:
    return register(
        Student(name, sex, BIRTH),
        school=school,
        by=admin(school),
        on=ENROLLED_ON,
        dedup=PASSED,
        taken=taken,
    )


def in_status(status: Status, school: School = PRIMARY) -> Record:
    """A record brought to ``status`` through the table, at ``school``."""
    record = enrolled(school)
    if status is Status.ENROLLED:
        return record
    first = Action.GO_ABROAD if status is Status.ABROAD else Action.SUSPEND
    if status in (Status.SUSPENDED, Status.ABROAD):
        return change_status(record, first, by=admin(school), on=ENROLLED_ON)
    action = next(a for (s, a), t in TRANSITIONS.items() if s is Status.ENROLLED and t is status)
    return change_status(record, action, by=admin(school), on=ENROLLED_ON)


# register


def test_register_starts_an_enrolled_record_with_one_event() -> None:
    record = enrolled()
    assert record.status is Status.ENROLLED
    assert record.school == PRIMARY
    assert record.pending_sync is False
    assert record.info == FrozenMap()
    (first,) = record.history
    assert (first.what, first.on, first.by) == ("register", ENROLLED_ON, admin(PRIMARY))
    assert first.after["number"] == record.number


def test_register_refuses_a_student_born_after_the_registration_date() -> None:
    baby = Student("王小明", Sex.MALE, D(2022, 1, 1))
    with pytest.raises(InvalidValue) as excinfo:
        register(baby, school=PRIMARY, by=admin(PRIMARY), on=ENROLLED_ON, dedup=PASSED, taken=())
    assert excinfo.value.reason is Reason.INVALID_VALUE


def test_register_refuses_a_dedup_that_is_not_a_dedup_result() -> None:
    with pytest.raises(InvalidValue):
        register(
            Student("王小明", Sex.MALE, BIRTH),
            school=PRIMARY,
            by=admin(PRIMARY),
            on=ENROLLED_ON,
            dedup=True,  # type: ignore[arg-type]
            taken=(),
        )


def test_two_registrations_with_the_same_taken_set_get_different_numbers() -> None:
    first = enrolled()
    second = enrolled(name="王小亮", taken=frozenset({first.number.value}))
    assert first.number != second.number
    assert first.number.birth_date == second.number.birth_date


# promote


def test_promote_refuses_a_record_that_already_has_a_formal_number() -> None:
    j_record = promote(enrolled(), match=None, dedup=PASSED, on=LATER)
    with pytest.raises(IllegalTransition) as excinfo:
        promote(j_record, match=None, dedup=PASSED, on=LATER)
    assert excinfo.value.state == "J"
    assert excinfo.value.reason is Reason.ILLEGAL_TRANSITION


def test_promote_refuses_a_g_number_already_taken() -> None:
    g_number = RegistryNumber.for_resident(rid())
    with pytest.raises(DuplicateRegistration) as excinfo:
        promote(
            enrolled(),
            match=PopulationMatch(rid(), "王小明"),
            dedup=PASSED,
            on=LATER,
            taken={g_number.value},
        )
    assert excinfo.value.conflicts == (g_number,)


def test_promote_refuses_a_match_disagreeing_with_a_known_resident_id() -> None:
    record = register(
        Student("王小明", Sex.MALE, BIRTH, rid(11)),
        school=PRIMARY,
        by=admin(PRIMARY),
        on=ENROLLED_ON,
        dedup=PASSED,
        taken=(),
    )
    with pytest.raises(InconsistentIdentity) as excinfo:
        promote(record, match=PopulationMatch(rid(13), "王小明"), dedup=PASSED, on=LATER)
    assert excinfo.value.reason is Reason.MATCH_MISMATCH


def test_promote_refuses_a_match_that_is_not_a_population_match() -> None:
    with pytest.raises(InvalidValue):
        promote(enrolled(), match=rid(), dedup=PASSED, on=LATER)  # type: ignore[arg-type]


def test_promote_keeps_the_school_status_and_enrolment_date() -> None:
    record = change_status(enrolled(), Action.SUSPEND, by=admin(PRIMARY), on=LATER)
    promoted = promote(record, match=None, dedup=PASSED, on=LATER)
    assert promoted.status is Status.SUSPENDED
    assert (promoted.school, promoted.enrolled_on) == (record.school, record.enrolled_on)
    assert promoted.continuous_since == record.continuous_since


# issue_formal_numbers


def test_issuance_promotes_and_refuses_with_the_errors() -> None:
    good = enrolled()
    clash = enrolled(name="王小亮", taken=frozenset({good.number.value}))
    conflict = RegistryNumber.for_resident(rid())
    batch = issue_formal_numbers(
        [good, clash],
        matches={good.number.value: PopulationMatch(rid(), "王小明"), clash.number.value: None},
        dedups={good.number.value: PASSED, clash.number.value: DedupResult((conflict,))},
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
    second = enrolled(name="王小亮", taken=frozenset({first.number.value}))
    keys = [first.number.value, second.number.value]
    batch = issue_formal_numbers(
        [first, second],
        matches=dict.fromkeys(keys),
        dedups=dict.fromkeys(keys, PASSED),
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
        on=LATER,
    )
    taken = {alone.promoted[0].number.value}
    again = issue_formal_numbers(
        [record],
        matches={record.number.value: None},
        dedups={record.number.value: PASSED},
        on=LATER,
        taken=taken,
    )
    assert again.promoted[0].number.value not in taken


def test_issuance_refuses_two_records_matched_to_the_same_resident_id() -> None:
    first = enrolled()
    second = enrolled(name="王小明", taken=frozenset({first.number.value}))
    match = PopulationMatch(rid(), "王小明")
    keys = [first.number.value, second.number.value]
    batch = issue_formal_numbers(
        [first, second],
        matches=dict.fromkeys(keys, match),
        dedups=dict.fromkeys(keys, PASSED),
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
        on=LATER,
    )
    assert batch.promoted == ()
    ((refused, error),) = batch.refused
    assert refused == record
    assert isinstance(error, InvalidValue)


def test_issuance_refuses_records_that_are_not_l() -> None:
    j_record = promote(enrolled(), match=None, dedup=PASSED, on=LATER)
    key = j_record.number.value
    batch = issue_formal_numbers(
        [j_record], matches={key: None}, dedups={key: PASSED}, on=D(2022, 2, 1)
    )
    ((_, error),) = batch.refused
    assert isinstance(error, IllegalTransition)


# transfer and sync


def test_transfer_to_the_same_school_is_refused() -> None:
    with pytest.raises(IllegalTransition):
        transfer(enrolled(), to_school=PRIMARY, by=admin(PRIMARY), on=LATER)


def test_sync_without_a_pending_offline_transfer_is_refused() -> None:
    with pytest.raises(IllegalTransition) as excinfo:
        sync_transfer(enrolled(), on=LATER)
    assert excinfo.value.reason is Reason.ILLEGAL_TRANSITION


def test_an_online_transfer_keeps_continuity_and_needs_no_sync() -> None:
    moved = transfer(enrolled(), to_school=OTHER, by=admin(OTHER), on=LATER)
    assert moved.continuous_since == ENROLLED_ON
    assert moved.pending_sync is False


# update_info


def test_update_info_with_nothing_to_change_is_refused() -> None:
    with pytest.raises(InvalidValue):
        update_info(enrolled(), by=admin(PRIMARY), on=LATER)


def test_update_info_freezes_nested_values() -> None:
    guardians = [{"name": "王父", "phone": "010-1"}]
    record = update_info(enrolled(), by=admin(PRIMARY), on=LATER, guardians=guardians)
    guardians[0]["name"] = "changed"
    assert record.info["guardians"] == (FrozenMap(name="王父", phone="010-1"),)
    hash(record)


# change_status and the table

ALL_PAIRS = [(status, action) for status in Status for action in Action]


@pytest.mark.parametrize(("status", "action"), ALL_PAIRS)
def test_every_status_action_pair_follows_the_table_or_is_illegal(
    status: Status, action: Action
) -> None:
    """Each of the 72 pairs: the table's target, or IllegalTransition (at a senior school)."""
    record = in_status(status, SENIOR)
    target = TRANSITIONS.get((status, action))
    if target is None:
        with pytest.raises(IllegalTransition) as excinfo:
            change_status(record, action, by=admin(SENIOR), on=LATER)
        assert excinfo.value.state == status.value
        assert excinfo.value.action == action.value
    else:
        after = change_status(record, action, by=admin(SENIOR), on=LATER)
        assert after.status is target
        assert after.history[-1].before["status"] is status
        assert after.history[-1].after["status"] is target


def test_the_table_leaves_terminal_statuses_with_no_way_out() -> None:
    closed = {Status.GRADUATED, Status.COMPLETED, Status.LEFT, Status.WITHDRAWN, Status.DECEASED}
    assert closed == TERMINAL
    assert not [pair for pair in TRANSITIONS if pair[0] in TERMINAL]
    assert all(target in Status for target in TRANSITIONS.values())


@pytest.mark.parametrize("category", sorted(SchoolCategory))
def test_withdrawal_is_for_upper_secondary_students_only(category: SchoolCategory) -> None:
    school = School(category.value + "11019999", "某校", "110105")
    record = enrolled(school)
    if category in UPPER_SECONDARY:
        assert change_status(record, Action.WITHDRAW, by=admin(school), on=LATER).status is (
            Status.WITHDRAWN
        )
    else:
        with pytest.raises(IllegalTransition) as excinfo:
            change_status(record, Action.WITHDRAW, by=admin(school), on=LATER)
        assert excinfo.value.state == "enrolled"


def test_a_primary_school_student_cannot_withdraw_even_when_suspended() -> None:
    record = in_status(Status.SUSPENDED)
    with pytest.raises(IllegalTransition):
        change_status(record, Action.WITHDRAW, by=admin(PRIMARY), on=LATER)


def test_a_primary_school_student_cannot_withdraw_when_the_action_is_given_as_text() -> None:
    with pytest.raises(IllegalTransition):
        change_status(enrolled(), "withdraw", by=admin(PRIMARY), on=LATER)  # type: ignore[arg-type]


def test_a_status_change_keeps_its_note() -> None:
    record = change_status(enrolled(), Action.SUSPEND, by=admin(PRIMARY), on=LATER, note="病休")
    assert record.history[-1].after["note"] == "病休"


TERMINAL_OPERATIONS: dict[str, Callable[[Record], object]] = {
    "change_status": lambda r: change_status(r, Action.RESUME, by=admin(SENIOR), on=LATER),
    "update_info": lambda r: update_info(r, by=admin(SENIOR), on=LATER, phone="010-1234"),
    "transfer": lambda r: transfer(r, to_school=OTHER, by=admin(OTHER), on=LATER),
    "request_change": lambda r: request_change(
        r, field=KeyField.NAME, new_value="王晓明", evidence=("户口簿",), by=admin(SENIOR), on=LATER
    ),
    "promote": lambda r: promote(r, match=None, dedup=PASSED, on=LATER),
}


@pytest.mark.parametrize("status", sorted(TERMINAL))
@pytest.mark.parametrize("operation", sorted(TERMINAL_OPERATIONS))
def test_a_closed_record_accepts_nothing_more(status: Status, operation: str) -> None:
    record = in_status(status, SENIOR)
    with pytest.raises(IllegalTransition) as excinfo:
        TERMINAL_OPERATIONS[operation](record)
    assert excinfo.value.state == status.value


# dates


def test_an_operation_dated_before_the_last_event_is_refused() -> None:
    record = update_info(enrolled(), by=admin(PRIMARY), on=LATER, phone="010-1234")
    with pytest.raises(InvalidValue) as excinfo:
        change_status(record, Action.SUSPEND, by=admin(PRIMARY), on=D(2022, 1, 9))
    assert excinfo.value.reason is Reason.INVALID_VALUE
    same_day = change_status(record, Action.SUSPEND, by=admin(PRIMARY), on=LATER)
    assert same_day.history[-1].on == LATER


def test_a_datetime_as_the_operation_date_counts_as_its_day() -> None:
    record = update_info(
        enrolled(), by=admin(PRIMARY), on=datetime.datetime(2022, 1, 10, 8, 30), phone="1"
    )
    assert record.history[-1].on == datetime.date(2022, 1, 10)


def test_an_operation_date_that_is_not_a_date_is_an_invalid_value() -> None:
    with pytest.raises(InvalidValue):
        update_info(enrolled(), by=admin(PRIMARY), on="2022-01-10", phone="1")  # type: ignore[arg-type]


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
    record = update_info(enrolled(), by=admin(PRIMARY), on=LATER, phone="010-1234")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.status = Status.LEFT  # type: ignore[misc]
    assert hash(record) == hash(copy.deepcopy(record))
    assert pickle.loads(pickle.dumps(record)) == record
    assert {record, copy.deepcopy(record)} == {record}


def test_record_info_is_immutable() -> None:
    record = update_info(enrolled(), by=admin(PRIMARY), on=LATER, phone="010-1234")
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
        lambda: transfer(record, to_school=PRIMARY, by=admin(PRIMARY), on=LATER),
        lambda: sync_transfer(record, on=LATER),
        lambda: update_info(record, by=admin(OTHER), on=LATER, phone="1"),
        lambda: promote(record, match=None, dedup=DedupResult((record.number,)), on=LATER),
    ]
    reasons = []
    for refuse in refusals:
        with pytest.raises(XuejiError) as excinfo:
            refuse()
        reasons.append(excinfo.value.reason)
    assert reasons == [
        Reason.ILLEGAL_TRANSITION,
        Reason.ILLEGAL_TRANSITION,
        Reason.NOT_AUTHORIZED,
        Reason.DUPLICATE_REGISTRATION,
    ]
    assert isinstance(NotAuthorized("x"), XuejiError)
