"""Key-field change requests (关键信息变更): submission, the review chain, and applying them."""

from __future__ import annotations

import datetime

import pytest
from registry_cast import (
    ADMIN,
    BIRTH,
    CENTRAL,
    EVIDENCE,
    OTHER,
    OTHER_ADMIN,
    PASSED,
    REVIEWER,
    SCHOOL,
    D,
)

from xueji import (
    Action,
    ChangeRequest,
    DedupResult,
    IllegalTransition,
    InconsistentIdentity,
    InvalidNumber,
    InvalidValue,
    KeyField,
    PopulationMatch,
    Reason,
    Record,
    RegistryNumber,
    RequestState,
    ResidentID,
    Sex,
    Student,
    apply_change,
    central_check,
    change_status,
    make_resident_id,
    promote,
    register,
    request_change,
    review,
    transfer,
)

SUBMITTED_ON = D(2023, 5, 1)


def rid(sequence: int = 11, *, birth: datetime.date = BIRTH) -> ResidentID:
    return make_resident_id(region_code="110108", birth_date=birth, sequence=sequence)


def g_record() -> Record:
    record = register(
        Student("王小明", Sex.MALE, BIRTH),
        school=SCHOOL,
        by=ADMIN,
        on=D(2021, 9, 1),
        dedup=PASSED,
        taken=(),
    )
    return promote(record, match=PopulationMatch(rid(), "王小明"), dedup=PASSED, on=D(2022, 2, 1))


def j_record() -> Record:
    """A record of a student without a resident ID (J number, R11)."""
    record = register(
        Student("王小明", Sex.MALE, BIRTH),
        school=SCHOOL,
        by=ADMIN,
        on=D(2021, 9, 1),
        dedup=PASSED,
        taken=(),
    )
    return promote(record, match=None, dedup=PASSED, on=D(2022, 2, 1))


def submit(
    record: Record, field: KeyField = KeyField.NAME, new_value: object = "王晓明"
) -> ChangeRequest:
    return request_change(
        record, field=field, new_value=new_value, evidence=EVIDENCE, by=ADMIN, on=SUBMITTED_ON
    )


def verify(request: ChangeRequest) -> ChangeRequest:
    approved = review(request, approve=True, by=REVIEWER, on=D(2023, 5, 5))
    return central_check(approved, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8))


# request_change


def test_a_request_records_the_old_and_new_value_and_its_evidence() -> None:
    record = g_record()
    request = submit(record)
    assert request.state is RequestState.SUBMITTED
    assert (request.field, request.old_value, request.new_value) == (
        KeyField.NAME,
        "王小明",
        "王晓明",
    )
    assert request.number == record.number
    assert request.school == SCHOOL
    assert (request.submitted_by, request.submitted_on) == (ADMIN, SUBMITTED_ON)
    assert request.evidence == EVIDENCE
    assert request.decisions == ()


def test_a_request_accepts_the_field_as_text_and_the_id_as_text() -> None:
    request = submit(g_record(), "resident_id", str(rid(13)))  # type: ignore[arg-type]
    assert request.field is KeyField.RESIDENT_ID
    assert request.new_value == rid(13)


def test_a_new_name_is_cleaned_like_a_students_name() -> None:
    assert submit(g_record(), KeyField.NAME, " 王晓明 ").new_value == "王晓明"
    with pytest.raises(InvalidValue):
        submit(g_record(), KeyField.NAME, "王2")


@pytest.mark.parametrize("evidence", [(), ("",), ("  ",), ["户口簿"], "户口簿", (1,)])
def test_a_request_needs_evidence(evidence: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        request_change(
            g_record(),
            field=KeyField.NAME,
            new_value="王晓明",
            evidence=evidence,  # type: ignore[arg-type]
            by=ADMIN,
            on=SUBMITTED_ON,
        )
    assert excinfo.value.reason is Reason.INVALID_VALUE


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (KeyField.NAME, "王小明"),
        (KeyField.RESIDENT_ID, rid()),
        (KeyField.NUMBER, RegistryNumber.for_resident(rid())),
    ],
)
def test_a_request_must_change_something(field: KeyField, value: object) -> None:
    with pytest.raises(InvalidValue):
        submit(g_record(), field, value)


@pytest.mark.parametrize("field", ["school", "nickname", "status"])
def test_only_key_fields_have_requests(field: str) -> None:
    with pytest.raises(InvalidValue):
        submit(g_record(), field, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"), [(KeyField.SEX, Sex.FEMALE), (KeyField.BIRTH_DATE, D(2015, 3, 2))]
)
def test_the_resident_id_decides_sex_and_birth_date_when_there_is_one(
    field: KeyField, value: object
) -> None:
    with pytest.raises(InconsistentIdentity):
        submit(g_record(), field, value)


@pytest.mark.parametrize(
    ("field", "value"), [(KeyField.SEX, Sex.FEMALE), (KeyField.BIRTH_DATE, D(2015, 3, 2))]
)
def test_a_student_without_an_id_corrects_sex_or_birth_date_through_a_request(
    field: KeyField, value: object
) -> None:
    record = j_record()
    after = apply_change(record, verify(submit(record, field, value)), on=D(2023, 5, 9))
    assert getattr(after.student, field.value) == value
    assert after.number == record.number
    assert after.history[-1].before["student"] == record.student


def test_a_request_for_an_invalid_resident_id_is_refused_with_the_number_reason() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        submit(g_record(), KeyField.RESIDENT_ID, "110108201503010110")
    assert excinfo.value.reason is Reason.CHECKSUM


def test_an_l_record_cannot_ask_for_a_new_number() -> None:
    """An L number becomes formal through promotion, not a request."""
    record = register(
        Student("王小明", Sex.MALE, BIRTH, rid()),
        school=SCHOOL,
        by=ADMIN,
        on=D(2021, 9, 1),
        dedup=PASSED,
        taken=(),
    )
    with pytest.raises(IllegalTransition) as excinfo:
        submit(record, KeyField.NUMBER, RegistryNumber.for_resident(rid()))
    assert excinfo.value.state == "L"


def test_a_new_number_must_be_g_plus_the_current_resident_id() -> None:
    with pytest.raises(InconsistentIdentity):
        submit(g_record(), KeyField.NUMBER, RegistryNumber.for_resident(rid(13)))
    with pytest.raises(InconsistentIdentity):
        submit(g_record(), KeyField.NUMBER, "J110105201503010010")


# review and central_check


def test_a_request_is_reviewed_only_once() -> None:
    approved = review(submit(g_record()), approve=True, by=REVIEWER, on=D(2023, 5, 5))
    with pytest.raises(IllegalTransition) as excinfo:
        review(approved, approve=False, by=REVIEWER, on=D(2023, 5, 6))
    assert excinfo.value.state == "approved"


def test_a_verified_request_is_not_checked_again() -> None:
    verified = verify(submit(g_record()))
    with pytest.raises(IllegalTransition) as excinfo:
        central_check(verified, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 9))
    assert excinfo.value.state == "verified"


def test_a_check_failed_request_keeps_the_conflicts_and_is_final() -> None:
    clash = RegistryNumber.for_resident(rid(13))
    approved = review(
        submit(g_record(), KeyField.RESIDENT_ID, rid(13)),
        approve=True,
        by=REVIEWER,
        on=D(2023, 5, 5),
    )
    failed = central_check(approved, dedup=DedupResult((clash,)), by=CENTRAL, on=D(2023, 5, 8))
    assert failed.state is RequestState.CHECK_FAILED
    last = failed.decisions[-1]
    assert (last.state, last.by, last.on, last.conflicts) == (
        RequestState.CHECK_FAILED,
        CENTRAL,
        D(2023, 5, 8),
        (clash,),
    )
    with pytest.raises(IllegalTransition):
        central_check(failed, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 9))


def test_central_check_refuses_a_dedup_that_is_not_a_dedup_result() -> None:
    approved = review(submit(g_record()), approve=True, by=REVIEWER, on=D(2023, 5, 5))
    with pytest.raises(InvalidValue):
        central_check(approved, dedup=None, by=CENTRAL, on=D(2023, 5, 8))  # type: ignore[arg-type]


def test_the_decisions_do_not_change_the_request_they_were_given() -> None:
    request = submit(g_record())
    review(request, approve=True, by=REVIEWER, on=D(2023, 5, 5))
    assert request.state is RequestState.SUBMITTED
    assert request.decisions == ()


# apply_change


def test_a_new_resident_id_brings_its_birth_date_and_sex_to_the_student() -> None:
    record = g_record()
    corrected = rid(12, birth=D(2015, 3, 2))  # a woman born a day later
    after = apply_change(
        record, verify(submit(record, KeyField.RESIDENT_ID, corrected)), on=D(2023, 5, 9)
    )
    assert after.student.resident_id == corrected
    assert (after.student.birth_date, after.student.sex) == (D(2015, 3, 2), Sex.FEMALE)
    assert after.number == record.number


def test_a_request_applies_only_to_its_own_record() -> None:
    record = g_record()
    other = register(
        Student("李华", Sex.MALE, BIRTH),
        school=SCHOOL,
        by=ADMIN,
        on=D(2021, 9, 1),
        dedup=PASSED,
        taken=(),
    )
    with pytest.raises(IllegalTransition):
        apply_change(other, verify(submit(record)), on=D(2023, 5, 9))


def test_a_stale_request_is_not_applied() -> None:
    """A second request over the same old value fails once the first is applied."""
    record = g_record()
    first = verify(submit(record, KeyField.NAME, "王晓明"))
    second = verify(submit(record, KeyField.NAME, "王明"))
    after = apply_change(record, first, on=D(2023, 5, 9))
    with pytest.raises(IllegalTransition):
        apply_change(after, second, on=D(2023, 5, 10))


def test_a_request_for_a_closed_record_is_not_applied() -> None:
    record = g_record()
    request = verify(submit(record))
    graduated = change_status(record, Action.GRADUATE, by=ADMIN, on=D(2023, 5, 8))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(graduated, request, on=D(2023, 5, 9))
    assert excinfo.value.state == "graduated"


def test_a_request_survives_a_transfer_of_its_record() -> None:
    """The record moved after the request was approved; the verified change still applies."""
    record = g_record()
    request = verify(submit(record))
    moved = transfer(record, to_school=OTHER, by=OTHER_ADMIN, on=D(2023, 5, 8))
    assert apply_change(moved, request, on=D(2023, 5, 9)).student.name == "王晓明"


def test_an_applied_change_is_done_by_the_system_and_dated_as_asked() -> None:
    record = g_record()
    after = apply_change(record, verify(submit(record)), on=D(2023, 5, 9))
    last = after.history[-1]
    assert (last.what, last.on, last.by) == ("change-name", D(2023, 5, 9), None)
    assert after.history[: len(record.history)] == record.history


def test_an_applied_request_cannot_be_applied_again() -> None:
    record = g_record()
    there = verify(submit(record, KeyField.NAME, "王晓明"))
    renamed = apply_change(record, there, on=D(2023, 5, 9))
    back_request = request_change(
        renamed,
        field=KeyField.NAME,
        new_value="王小明",
        evidence=EVIDENCE,
        by=ADMIN,
        on=D(2023, 6, 1),
    )
    back_request = review(back_request, approve=True, by=REVIEWER, on=D(2023, 6, 2))
    back_request = central_check(back_request, dedup=PASSED, by=CENTRAL, on=D(2023, 6, 3))
    back = apply_change(renamed, back_request, on=D(2023, 6, 4))
    with pytest.raises(IllegalTransition):
        apply_change(back, there, on=D(2023, 6, 5))


def test_a_review_cannot_be_dated_before_the_submission() -> None:
    with pytest.raises(InvalidValue):
        review(submit(g_record()), approve=True, by=REVIEWER, on=D(2023, 4, 1))


def test_a_change_cannot_take_effect_before_it_was_verified() -> None:
    record = g_record()
    with pytest.raises(InvalidValue):
        apply_change(record, verify(submit(record)), on=D(2023, 5, 2))
