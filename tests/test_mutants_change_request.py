"""Tests that kill mutmut survivors in xueji.change_request (docs/mutation.md).

Assertions are on reasons and on the public attributes of errors (``state``, ``action``),
requests and history entries; never on message wording.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from xueji import (
    Action,
    Actor,
    ChangeRequest,
    DedupResult,
    IllegalTransition,
    InvalidValue,
    KeyField,
    Reason,
    Record,
    RegistryNumber,
    Role,
    School,
    Sex,
    Student,
    Verdict,
    XuejiError,
    apply_change,
    change_status,
    make_resident_id,
    promote,
    register,
    request_change,
    review,
    verify_change,
)

D = datetime.date
SCHOOL = School("2111010001", "朝阳实验小学", "110105")
REGISTRAR = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师", id="T-1")
REVIEWER = Actor(Role.COUNTY_REVIEWER, "110105", "赵科长")
CENTRAL = Actor(Role.CENTRAL, None, "中心")
BIRTH = D(2015, 9, 1)
RID = make_resident_id(region_code="110105", birth_date=BIRTH, sequence=11)


def _j_record() -> Record:
    student = Student("王小明", Sex.MALE, BIRTH)
    record = register(
        student, school=SCHOOL, by=REGISTRAR, on=D(2021, 9, 1), dedup=DedupResult(), taken=()
    )
    return promote(record, match=None, dedup=DedupResult(), by=CENTRAL, on=D(2021, 10, 1))


def _verified(record: Record, field: KeyField, value: object, start: int = 1) -> ChangeRequest:
    request = request_change(
        record,
        field=field,
        new_value=value,
        evidence=("户口簿",),
        by=REGISTRAR,
        on=D(2022, start, 1),
    )
    approved = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2022, start, 5))
    return verify_change(approved, dedup=DedupResult(), by=CENTRAL, on=D(2022, start, 10))


FILED_ON = D(2022, 1, 1)


def _rename(record: Record, on: datetime.date = FILED_ON) -> ChangeRequest:
    """The registrar's request to rename the student 王大明, with evidence ``x``."""
    return request_change(
        record, field=KeyField.NAME, new_value="王大明", evidence=("x",), by=REGISTRAR, on=on
    )


def _raises(kind: type[XuejiError], call: Callable[[], object]) -> XuejiError:
    with pytest.raises(kind) as info:
        call()
    error = info.value
    assert isinstance(error.args[0], str)
    assert error.args[0]
    return error


def test_the_repr_of_a_request_hides_dates_and_shows_other_values() -> None:
    record = _j_record()
    by_date = request_change(
        record,
        field=KeyField.BIRTH_DATE,
        new_value=D(2015, 9, 2),
        evidence=("x",),
        by=REGISTRAR,
        on=D(2022, 1, 1),
    )
    assert "2015" not in repr(by_date)
    assert "<hidden>" in repr(by_date)
    by_name = _rename(record)
    assert repr("王大明") in repr(by_name)
    assert repr("王小明") in repr(by_name)
    assert "<hidden>" not in repr(by_name)


def test_refusals_of_request_change_carry_messages() -> None:
    record = _j_record()

    def ask(field: object, value: object, evidence: object = ("x",)) -> object:
        return request_change(
            record,
            field=field,  # type: ignore[arg-type]
            new_value=value,
            evidence=evidence,  # type: ignore[arg-type]
            by=REGISTRAR,
            on=D(2022, 1, 1),
        )

    _raises(InvalidValue, lambda: ask(KeyField.NAME, 5))
    _raises(InvalidValue, lambda: ask(KeyField.SEX, "9"))
    _raises(InvalidValue, lambda: ask("shoe size", "42"))
    _raises(InvalidValue, lambda: ask(KeyField.NAME, "王大明", ()))
    _raises(InvalidValue, lambda: ask(KeyField.NAME, "王小明"))
    _raises(XuejiError, lambda: ask(KeyField.NUMBER, "G" + RID.value))
    with_id = apply_change(
        record, _verified(record, KeyField.RESIDENT_ID, RID), by=REGISTRAR, on=D(2022, 1, 20)
    )
    for field in (KeyField.SEX, KeyField.BIRTH_DATE):
        _raises(
            XuejiError,
            lambda field=field: request_change(  # type: ignore[misc]
                with_id, field=field, new_value="2", evidence=("x",), by=REGISTRAR, on=D(2022, 2, 1)
            ),
        )


def test_an_l_record_asking_for_a_new_number_is_refused_as_a_renumbering() -> None:
    student = Student("王小明", Sex.MALE, BIRTH)
    record = register(
        student, school=SCHOOL, by=REGISTRAR, on=D(2021, 9, 1), dedup=DedupResult(), taken=()
    )
    error = _raises(
        IllegalTransition,
        lambda: request_change(
            record,
            field=KeyField.NUMBER,
            new_value="G" + RID.value,
            evidence=("x",),
            by=REGISTRAR,
            on=D(2022, 1, 1),
        ),
    )
    assert (error.state, error.action) == ("L", "renumber")  # type: ignore[attr-defined]


def test_a_closed_record_refuses_requests_and_changes_naming_the_action() -> None:
    record = _j_record()
    request = _verified(record, KeyField.NAME, "王大明")
    closed = change_status(record, Action.GRADUATE, by=REGISTRAR, on=D(2022, 1, 12))
    error = _raises(
        IllegalTransition,
        lambda: _rename(closed, D(2022, 2, 1)),
    )
    assert error.action == "request a key-field change"  # type: ignore[attr-defined]
    error = _raises(
        IllegalTransition, lambda: apply_change(closed, request, by=REGISTRAR, on=D(2022, 2, 1))
    )
    assert error.action == "apply a change"  # type: ignore[attr-defined]


def test_review_chain_refusals_name_their_action() -> None:
    record = _j_record()
    request = _rename(record)
    _raises(
        XuejiError,
        lambda: review(
            request,
            Verdict.APPROVE,
            by=Actor(Role.COUNTY_REVIEWER, "110105", "李老师", id="T-1"),
            on=D(2022, 1, 2),
        ),
    )
    early = _raises(
        IllegalTransition,
        lambda: verify_change(request, dedup=DedupResult(), by=CENTRAL, on=D(2022, 1, 2)),
    )
    assert early.action == "verify a change"  # type: ignore[attr-defined]
    unverified = _raises(
        IllegalTransition, lambda: apply_change(record, request, by=REGISTRAR, on=D(2022, 1, 2))
    )
    assert unverified.action == "apply a change"  # type: ignore[attr-defined]
    approved = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2022, 1, 5))
    again = _raises(
        IllegalTransition, lambda: review(approved, Verdict.APPROVE, by=REVIEWER, on=D(2022, 1, 6))
    )
    assert again.action == "review"  # type: ignore[attr-defined]
    _raises(InvalidValue, lambda: verify_change(approved, dedup=None, by=CENTRAL, on=D(2022, 1, 6)))  # type: ignore[arg-type]


def test_each_decision_is_dated_on_or_after_the_previous_decision() -> None:
    record = _j_record()
    request = _rename(record)
    approved = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2022, 1, 5))
    _raises(
        InvalidValue,
        lambda: verify_change(approved, dedup=DedupResult(), by=CENTRAL, on=D(2022, 1, 3)),
    )


def test_a_change_is_applied_on_or_after_the_verification_not_only_the_approval() -> None:
    record = _j_record()
    verified = _verified(record, KeyField.NAME, "王大明")  # approved on 1-05, verified on 1-10
    _raises(InvalidValue, lambda: apply_change(record, verified, by=REGISTRAR, on=D(2022, 1, 7)))
    assert apply_change(record, verified, by=REGISTRAR, on=D(2022, 1, 10)).student.name == "王大明"


def test_a_number_change_given_as_text_is_recorded_with_its_request() -> None:
    record = _j_record()
    with_id = apply_change(
        record, _verified(record, KeyField.RESIDENT_ID, RID), by=REGISTRAR, on=D(2022, 1, 20)
    )
    change = _verified(with_id, KeyField.NUMBER, "G" + RID.value, start=2)
    renumbered = apply_change(with_id, change, by=REGISTRAR, on=D(2022, 2, 20))
    assert renumbered.number == RegistryNumber.for_resident(RID)
    last = renumbered.history[-1]
    assert last.request == change
    assert last.after["number"] == RegistryNumber.for_resident(RID)
    assert last.before["number"] == record.number
    applied = _raises(
        IllegalTransition, lambda: apply_change(renumbered, change, by=REGISTRAR, on=D(2022, 3, 1))
    )
    assert (applied.state, applied.action) == ("verified", "apply a change")  # type: ignore[attr-defined]
    assert applied.reason is Reason.ALREADY_APPLIED


def test_a_student_change_is_recorded_with_the_new_student() -> None:
    record = _j_record()
    request = _verified(record, KeyField.NAME, "王大明")
    changed = apply_change(record, request, by=REGISTRAR, on=D(2022, 1, 20))
    last = changed.history[-1]
    assert last.after["student"] == changed.student
    assert last.before["student"] == record.student
    assert last.request == request


def test_another_records_request_is_refused_with_the_request_state() -> None:
    record = _j_record()
    other = register(
        Student("李小红", Sex.FEMALE, BIRTH),
        school=SCHOOL,
        by=REGISTRAR,
        on=D(2021, 9, 1),
        dedup=DedupResult(),
        taken=(),
    )
    request = _verified(record, KeyField.NAME, "王大明")
    error = _raises(
        IllegalTransition, lambda: apply_change(other, request, by=REGISTRAR, on=D(2022, 1, 20))
    )
    assert (error.state, error.action) == ("verified", "apply a change")  # type: ignore[attr-defined]
    assert error.reason is Reason.ANOTHER_RECORD
    renamed = apply_change(
        record, _verified(record, KeyField.NAME, "王中明"), by=REGISTRAR, on=D(2022, 1, 20)
    )
    stale = _raises(
        IllegalTransition, lambda: apply_change(renamed, request, by=REGISTRAR, on=D(2022, 1, 21))
    )
    assert (stale.state, stale.action) == ("verified", "apply a change")  # type: ignore[attr-defined]
    assert stale.reason is Reason.STALE_REQUEST
