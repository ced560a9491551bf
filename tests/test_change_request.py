"""Key-field change requests (关键信息变更): submission, the review chain, and applying them."""

from __future__ import annotations

import copy
import datetime

import attrs
import pytest
from registry_cast import (
    CENTRAL,
    EVIDENCE,
    OTHER,
    OTHER_REGISTRAR,
    OTHER_REVIEWER,
    PASSED,
    REGISTRAR,
    REVIEWER,
    SCHOOL,
    SUBMITTED_ON,
    D,
    changed,
    enrolled,
    explained,
    g_record,
    j_record,
    rid,
    student,
    submitted,
    transferred,
    verified,
    verify,
)

from xueji import (
    Action,
    Actor,
    ChangeRequest,
    Decision,
    DedupResult,
    IllegalTransition,
    InconsistentIdentity,
    InvalidNumber,
    InvalidValue,
    KeyField,
    NotAuthorized,
    PopulationMatch,
    Reason,
    Record,
    RegistryNumber,
    RequestStatus,
    Role,
    Sex,
    Verdict,
    XuejiError,
    apply_change,
    change_status,
    promote,
    request_change,
    review,
    verify_change,
)

# request_change


def test_a_request_records_the_old_and_new_value_and_its_evidence() -> None:
    record = g_record()
    request = submitted(record)
    assert request.status is RequestStatus.SUBMITTED
    assert (request.field, request.old_value, request.new_value) == (
        KeyField.NAME,
        "王小明",
        "王晓明",
    )
    assert request.number == record.number
    assert request.school == SCHOOL
    assert (request.submitted_by, request.submitted_on) == (REGISTRAR, SUBMITTED_ON)
    assert request.evidence == EVIDENCE
    assert request.decisions == ()


def test_a_request_accepts_the_field_as_text_and_the_id_as_text() -> None:
    request = submitted(g_record(), "resident_id", str(rid(13)))  # type: ignore[arg-type]
    assert request.field is KeyField.RESIDENT_ID
    assert request.new_value == rid(13)


def test_a_new_name_is_cleaned_like_a_students_name() -> None:
    assert submitted(g_record(), KeyField.NAME, " 王晓明 ").new_value == "王晓明"
    with pytest.raises(InvalidValue):
        submitted(g_record(), KeyField.NAME, "王2")


@pytest.mark.parametrize(
    "evidence",
    [(), ("",), ("  ",), ["户口簿"], "户口簿", (1,)],
    ids=["empty", "empty-text", "blank", "list", "text", "not-text"],
)
def test_a_request_needs_evidence(evidence: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        request_change(
            g_record(),
            field=KeyField.NAME,
            new_value="王晓明",
            evidence=evidence,  # type: ignore[arg-type]
            by=REGISTRAR,
            on=SUBMITTED_ON,
        )
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert explained(excinfo.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (KeyField.NAME, "王小明"),
        (KeyField.RESIDENT_ID, rid()),
        (KeyField.NUMBER, RegistryNumber.for_resident(rid())),
    ],
)
def test_a_request_must_change_something(field: KeyField, value: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        submitted(g_record(), field, value)
    assert explained(excinfo.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [(KeyField.NAME, 5), (KeyField.RESIDENT_ID, 110105201503010011), (KeyField.NUMBER, 7)],
    ids=["name", "resident-id", "number"],
)
def test_a_new_value_that_is_not_text_or_its_type_is_an_invalid_value(
    field: KeyField, value: object
) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        submitted(g_record(), field, value)
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert explained(excinfo.value)


@pytest.mark.parametrize("field", ["school", "nickname", "status"])
def test_only_key_fields_have_requests(field: str) -> None:
    with pytest.raises(InvalidValue):
        submitted(g_record(), field, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"), [(KeyField.SEX, Sex.FEMALE), (KeyField.BIRTH_DATE, D(2015, 3, 2))]
)
def test_the_resident_id_decides_sex_and_birth_date_when_there_is_one(
    field: KeyField, value: object
) -> None:
    with pytest.raises(InconsistentIdentity) as excinfo:
        submitted(g_record(), field, value)
    assert explained(excinfo.value)


@pytest.mark.parametrize(
    ("field", "value"), [(KeyField.SEX, Sex.FEMALE), (KeyField.BIRTH_DATE, D(2015, 3, 2))]
)
def test_a_student_without_an_id_corrects_sex_or_birth_date_through_a_request(
    field: KeyField, value: object
) -> None:
    record = j_record()
    after = apply_change(
        record, verify(submitted(record, field, value)), by=REGISTRAR, on=D(2023, 5, 9)
    )
    assert getattr(after.student, field.value) == value
    assert after.number == record.number
    assert after.history[-1].before["student"] == record.student


def test_a_request_for_an_invalid_resident_id_is_refused_with_the_number_reason() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        submitted(g_record(), KeyField.RESIDENT_ID, "110108201503010110")
    assert excinfo.value.reason is Reason.CHECKSUM


def test_an_l_record_cannot_ask_for_a_new_number() -> None:
    """An L number becomes formal through promotion, not a request."""
    record = enrolled(student(resident_id=rid()))
    with pytest.raises(IllegalTransition) as excinfo:
        submitted(record, KeyField.NUMBER, RegistryNumber.for_resident(rid()))
    assert (excinfo.value.state, excinfo.value.action) == ("L", "renumber")


def test_the_repr_of_a_birth_date_request_hides_both_dates() -> None:
    request = submitted(j_record(), KeyField.BIRTH_DATE, D(2015, 3, 2))
    assert "2015" not in repr(request)
    assert "<hidden>" in repr(request)


def test_a_new_number_must_be_g_plus_the_current_resident_id() -> None:
    with pytest.raises(InconsistentIdentity) as excinfo:
        submitted(g_record(), KeyField.NUMBER, RegistryNumber.for_resident(rid(13)))
    assert explained(excinfo.value)
    with pytest.raises(InconsistentIdentity):
        submitted(g_record(), KeyField.NUMBER, "J110105201503010010")


# review and verify_change


def test_a_request_is_reviewed_only_once() -> None:
    approved = review(submitted(g_record()), Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5))
    with pytest.raises(IllegalTransition) as excinfo:
        review(approved, Verdict.REJECT, by=REVIEWER, on=D(2023, 5, 6))
    assert (excinfo.value.state, excinfo.value.action) == ("approved", "review")


def test_a_verified_request_is_not_checked_again() -> None:
    verified = verify(submitted(g_record()))
    with pytest.raises(IllegalTransition) as excinfo:
        verify_change(verified, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 9))
    assert excinfo.value.state == "verified"


def test_a_check_failed_request_keeps_the_conflicts_and_is_final() -> None:
    clash = RegistryNumber.for_resident(rid(13))
    approved = review(
        submitted(g_record(), KeyField.RESIDENT_ID, rid(13)),
        Verdict.APPROVE,
        by=REVIEWER,
        on=D(2023, 5, 5),
    )
    failed = verify_change(approved, dedup=DedupResult((clash,)), by=CENTRAL, on=D(2023, 5, 8))
    assert failed.status is RequestStatus.CHECK_FAILED
    last = failed.decisions[-1]
    assert (last.status, last.by, last.on, last.conflicts) == (
        RequestStatus.CHECK_FAILED,
        CENTRAL,
        D(2023, 5, 8),
        (clash,),
    )
    with pytest.raises(IllegalTransition):
        verify_change(failed, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 9))


def test_verify_change_refuses_a_dedup_that_is_not_a_dedup_result() -> None:
    approved = review(submitted(g_record()), Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5))
    with pytest.raises(InvalidValue) as excinfo:
        verify_change(approved, dedup=None, by=CENTRAL, on=D(2023, 5, 8))  # type: ignore[arg-type]
    assert explained(excinfo.value)
    assert approved.status is RequestStatus.APPROVED


@pytest.mark.parametrize("note", [None, 5, ("x",)], ids=["none", "int", "tuple"])
def test_a_review_note_must_be_text(note: object) -> None:
    request = submitted(g_record())
    with pytest.raises(InvalidValue) as excinfo:
        review(request, Verdict.REJECT, by=REVIEWER, on=D(2023, 5, 5), note=note)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert explained(excinfo.value)


def test_the_decisions_do_not_change_the_request_they_were_given() -> None:
    request = submitted(g_record())
    review(request, Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5))
    assert request.status is RequestStatus.SUBMITTED
    assert request.decisions == ()


def test_the_chain_taken_out_of_turn_is_refused_naming_the_step() -> None:
    record = g_record()
    request = submitted(record)
    with pytest.raises(IllegalTransition) as early:
        verify_change(request, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 2))
    assert early.value.action == "verify a change"
    with pytest.raises(IllegalTransition) as unverified:
        apply_change(record, request, by=REGISTRAR, on=D(2023, 5, 2))
    assert unverified.value.action == "apply a change"


def test_a_verification_cannot_be_dated_before_the_review() -> None:
    approved = review(submitted(g_record()), Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5))
    with pytest.raises(InvalidValue):
        verify_change(approved, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 3))


# apply_change


def test_a_new_resident_id_brings_its_birth_date_and_sex_to_the_student() -> None:
    record = g_record()
    corrected = rid(12, birth=D(2015, 3, 2))  # a woman born a day later
    after = apply_change(
        record,
        verify(submitted(record, KeyField.RESIDENT_ID, corrected)),
        by=REGISTRAR,
        on=D(2023, 5, 9),
    )
    assert after.student.resident_id == corrected
    assert (after.student.birth_date, after.student.sex) == (D(2015, 3, 2), Sex.FEMALE)
    assert after.number == record.number


def test_a_request_applies_only_to_its_own_record() -> None:
    record = g_record()
    other = enrolled(student("李华"))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(other, verify(submitted(record)), by=REGISTRAR, on=D(2023, 5, 9))
    assert (excinfo.value.state, excinfo.value.action) == ("verified", "apply a change")
    assert excinfo.value.reason is Reason.ANOTHER_RECORD


def test_a_stale_request_is_not_applied() -> None:
    """A second request over the same old value fails once the first is applied."""
    record = g_record()
    first = verify(submitted(record, KeyField.NAME, "王晓明"))
    second = verify(submitted(record, KeyField.NAME, "王明"))
    after = apply_change(record, first, by=REGISTRAR, on=D(2023, 5, 9))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(after, second, by=REGISTRAR, on=D(2023, 5, 10))
    assert (excinfo.value.state, excinfo.value.action) == ("verified", "apply a change")
    assert excinfo.value.reason is Reason.STALE_REQUEST


def test_a_request_for_a_closed_record_is_not_applied() -> None:
    record = g_record()
    request = verify(submitted(record))
    graduated = change_status(record, Action.GRADUATE, by=REGISTRAR, on=D(2023, 5, 8))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(graduated, request, by=REGISTRAR, on=D(2023, 5, 9))
    assert (excinfo.value.state, excinfo.value.action) == ("graduated", "apply a change")


def test_a_closed_record_takes_no_new_request() -> None:
    graduated = change_status(g_record(), Action.GRADUATE, by=REGISTRAR, on=D(2023, 5, 8))
    with pytest.raises(IllegalTransition) as excinfo:
        submitted(graduated, on=D(2023, 5, 9))
    assert excinfo.value.action == "request a key-field change"


def test_a_request_filed_before_its_record_moved_is_not_applied_at_the_new_school() -> None:
    """A record that moved needs a new request, filed and reviewed where it is now."""
    record = g_record()
    request = verify(submitted(record))
    moved = transferred(record, OTHER, D(2023, 5, 8))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(moved, request, by=OTHER_REGISTRAR, on=D(2023, 5, 9))
    assert excinfo.value.reason is Reason.RECORD_MOVED


def test_an_applied_change_names_the_registrar_who_applied_it_and_its_date() -> None:
    record = g_record()
    after = apply_change(record, verify(submitted(record)), by=REGISTRAR, on=D(2023, 5, 9))
    last = after.history[-1]
    assert (last.kind, last.on, last.by) == ("change-name", D(2023, 5, 9), REGISTRAR)
    assert after.history[: len(record.history)] == record.history


def test_an_applied_request_cannot_be_applied_again() -> None:
    record = g_record()
    there = verify(submitted(record, KeyField.NAME, "王晓明"))
    renamed = apply_change(record, there, by=REGISTRAR, on=D(2023, 5, 9))
    back_request = request_change(
        renamed,
        field=KeyField.NAME,
        new_value="王小明",
        evidence=EVIDENCE,
        by=REGISTRAR,
        on=D(2023, 6, 1),
    )
    back_request = review(back_request, Verdict.APPROVE, by=REVIEWER, on=D(2023, 6, 2))
    back_request = verify_change(back_request, dedup=PASSED, by=CENTRAL, on=D(2023, 6, 3))
    back = apply_change(renamed, back_request, by=REGISTRAR, on=D(2023, 6, 4))
    with pytest.raises(IllegalTransition):
        apply_change(back, there, by=REGISTRAR, on=D(2023, 6, 5))


def test_a_review_cannot_be_dated_before_the_submission() -> None:
    with pytest.raises(InvalidValue):
        review(submitted(g_record()), Verdict.APPROVE, by=REVIEWER, on=D(2023, 4, 1))


def test_a_change_takes_effect_on_or_after_its_verification_not_its_approval() -> None:
    record = g_record()
    request = verify(submitted(record))  # approved on 5-05, verified on 5-08
    with pytest.raises(InvalidValue):
        apply_change(record, request, by=REGISTRAR, on=D(2023, 5, 6))
    assert apply_change(record, request, by=REGISTRAR, on=D(2023, 5, 8)).student.name == "王晓明"


def test_an_applied_change_records_the_student_before_and_after_and_its_request() -> None:
    record = g_record()
    request = verify(submitted(record))
    after = apply_change(record, request, by=REGISTRAR, on=D(2023, 5, 9))
    last = after.history[-1]
    assert (last.before["student"], last.after["student"]) == (record.student, after.student)
    assert last.request == request


def test_a_number_change_given_as_text_is_applied_and_cannot_be_applied_twice() -> None:
    with_id = changed(j_record(), KeyField.RESIDENT_ID, rid())
    request = verified(with_id, KeyField.NUMBER, "G" + rid().value, on=D(2023, 6, 1))
    renumbered = apply_change(with_id, request, by=REGISTRAR, on=D(2023, 6, 20))
    assert renumbered.number == RegistryNumber.for_resident(rid())
    last = renumbered.history[-1]
    assert last.request == request
    assert (last.before["number"], last.after["number"]) == (with_id.number, renumbered.number)
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(renumbered, request, by=REGISTRAR, on=D(2023, 7, 1))
    assert (excinfo.value.state, excinfo.value.action) == ("verified", "apply a change")
    assert excinfo.value.reason is Reason.ALREADY_APPLIED


# the whole chain, checked again when the change is applied


def forged(request: ChangeRequest, *decisions: Decision) -> ChangeRequest:
    """``request`` claiming to be verified with ``decisions``, as a tampered store might
    hold it. The constructor refuses such a request (see `built`), so it is patched past
    the constructor, as a hand-edited pickle would be: `apply_change` checks it again."""
    fake = copy.copy(request)
    object.__setattr__(fake, "status", RequestStatus.VERIFIED)
    object.__setattr__(fake, "decisions", decisions)
    return fake


def built(request: ChangeRequest, *decisions: Decision) -> Reason:
    """The reason building ``request`` as verified with ``decisions`` is refused for."""
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(request, status=RequestStatus.VERIFIED, decisions=decisions)
    return excinfo.value.reason


APPROVED_ON, VERIFIED_ON, APPLIED_ON = D(2023, 5, 5), D(2023, 5, 8), D(2023, 5, 9)


def approval(by: Actor = REVIEWER, on: datetime.date = APPROVED_ON) -> Decision:
    return Decision(RequestStatus.APPROVED, by, on)


def verification(by: Actor = CENTRAL, on: datetime.date = VERIFIED_ON) -> Decision:
    return Decision(RequestStatus.VERIFIED, by, on)


def refusal(record: Record, request: ChangeRequest) -> XuejiError:
    with pytest.raises((NotAuthorized, IllegalTransition)) as excinfo:
        apply_change(record, request, by=REGISTRAR, on=APPLIED_ON)
    return excinfo.value


def test_a_genuine_chain_is_applied_and_the_same_chain_forged_by_hand_is_too() -> None:
    """The check is on the chain's content: a well-formed chain passes however it was built."""
    record = g_record()
    by_hand = attrs.evolve(
        submitted(record), status=RequestStatus.VERIFIED, decisions=(approval(), verification())
    )
    assert by_hand == verify(submitted(record))
    assert apply_change(record, by_hand, by=REGISTRAR, on=APPLIED_ON).student.name == "王晓明"


def test_a_request_reviewed_by_another_county_is_not_applied() -> None:
    record = g_record()
    assert built(submitted(record), approval(OTHER_REVIEWER), verification()) is Reason.OUT_OF_SCOPE
    error = refusal(record, forged(submitted(record), approval(OTHER_REVIEWER), verification()))
    assert isinstance(error, NotAuthorized)
    assert error.reason is Reason.OUT_OF_SCOPE


def test_a_verified_request_whose_only_decision_is_a_registrars_is_not_applied() -> None:
    record = g_record()
    lone = Decision(RequestStatus.VERIFIED, REGISTRAR, VERIFIED_ON)
    assert built(submitted(record), lone) is Reason.BROKEN_CHAIN
    error = refusal(record, forged(submitted(record), lone))
    assert isinstance(error, IllegalTransition)
    assert error.reason is Reason.BROKEN_CHAIN


def test_a_verified_request_with_no_decisions_is_refused_with_a_reason_not_an_index_error() -> None:
    record = g_record()
    assert built(submitted(record)) is Reason.BROKEN_CHAIN
    error = refusal(record, forged(submitted(record)))
    assert isinstance(error, IllegalTransition)
    assert error.reason is Reason.BROKEN_CHAIN


@pytest.mark.parametrize(
    ("decisions", "error_class", "reason"),
    [
        ((verification(), approval()), IllegalTransition, Reason.BROKEN_CHAIN),
        (
            (approval(on=VERIFIED_ON), verification(on=APPROVED_ON)),
            IllegalTransition,
            Reason.BROKEN_CHAIN,
        ),
        ((approval(on=D(2023, 4, 1)), verification()), IllegalTransition, Reason.BROKEN_CHAIN),
        ((approval(), approval(), verification()), IllegalTransition, Reason.BROKEN_CHAIN),
        ((approval(REGISTRAR), verification()), NotAuthorized, Reason.WRONG_ROLE),
        ((approval(CENTRAL), verification()), NotAuthorized, Reason.WRONG_ROLE),
        ((approval(), verification(REVIEWER)), NotAuthorized, Reason.WRONG_ROLE),
    ],
    ids=[
        "steps-swapped",
        "dates-swapped",
        "approved-before-filed",
        "a-step-too-many",
        "approved-by-a-registrar",
        "approved-by-central",
        "verified-by-a-reviewer",
    ],
)
def test_a_chain_out_of_order_or_decided_by_the_wrong_role_is_not_applied(
    decisions: tuple[Decision, ...], error_class: type[XuejiError], reason: Reason
) -> None:
    record = g_record()
    assert built(submitted(record), *decisions) is reason
    error = refusal(record, forged(submitted(record), *decisions))
    assert type(error) is error_class
    assert error.reason is reason


def test_a_request_filed_by_another_schools_registrar_is_not_applied() -> None:
    record = g_record()
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(submitted(record), submitted_by=OTHER_REGISTRAR)
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE
    request = copy.copy(submitted(record))
    object.__setattr__(request, "submitted_by", OTHER_REGISTRAR)
    error = refusal(record, forged(request, approval(), verification()))
    assert isinstance(error, NotAuthorized)
    assert error.reason is Reason.OUT_OF_SCOPE


def test_one_person_taking_two_steps_of_a_chain_is_not_applied() -> None:
    record = g_record()
    same_person = Actor(Role.COUNTY_REVIEWER, "110105", "李老师", id=REGISTRAR.id)
    assert built(submitted(record), approval(same_person), verification()) is Reason.OWN_REQUEST
    error = refusal(record, forged(submitted(record), approval(same_person), verification()))
    assert isinstance(error, NotAuthorized)
    assert error.reason is Reason.OWN_REQUEST


def test_a_record_that_moved_county_after_review_needs_a_fresh_review() -> None:
    record = g_record()
    old = verify(submitted(record))
    moved = transferred(record, OTHER, D(2023, 5, 6))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(moved, old, by=OTHER_REGISTRAR, on=APPLIED_ON)
    assert excinfo.value.reason is Reason.RECORD_MOVED
    fresh = request_change(
        moved, field=KeyField.NAME, new_value="王晓明", evidence=EVIDENCE, by=OTHER_REGISTRAR,
        on=D(2023, 5, 10),
    )  # fmt: skip
    fresh = review(fresh, Verdict.APPROVE, by=OTHER_REVIEWER, on=D(2023, 5, 11))
    fresh = verify_change(fresh, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 12))
    renamed = apply_change(moved, fresh, by=OTHER_REGISTRAR, on=D(2023, 5, 13))
    assert renamed.student.name == "王晓明"


def test_a_request_is_applied_only_by_the_registrar_of_the_school_the_record_is_at() -> None:
    record = g_record()
    with pytest.raises(NotAuthorized) as excinfo:
        apply_change(record, verify(submitted(record)), by=OTHER_REGISTRAR, on=APPLIED_ON)
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE


def test_refusals_of_apply_change_name_their_reason() -> None:
    record = g_record()
    other = enrolled(student("李华"))
    first = verify(submitted(record, KeyField.NAME, "王晓明"))
    second = verify(submitted(record, KeyField.NAME, "王明"))
    assert refusal(other, first).reason is Reason.ANOTHER_RECORD
    renamed = apply_change(record, first, by=REGISTRAR, on=APPLIED_ON)
    assert refusal(renamed, first).reason is Reason.ALREADY_APPLIED
    assert refusal(renamed, second).reason is Reason.STALE_REQUEST


@pytest.mark.parametrize("bad", [None, "request", 5])
def test_apply_change_refuses_a_request_that_is_not_a_change_request(bad: object) -> None:
    with pytest.raises(InvalidValue):
        apply_change(g_record(), bad, by=REGISTRAR, on=APPLIED_ON)  # type: ignore[arg-type]


# a request follows its record through promotion


def test_a_verified_request_follows_its_record_through_promotion_to_the_new_number() -> None:
    l_record = enrolled()
    request = verify(submitted(l_record))
    promoted = promote(
        l_record, match=PopulationMatch(rid(), "王小明"), dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8)
    )
    assert request.number == l_record.number != promoted.number
    renamed = apply_change(promoted, request, by=REGISTRAR, on=APPLIED_ON)
    assert renamed.student.name == "王晓明"
    assert renamed.number == promoted.number
    assert renamed.history[-1].request == request


def test_a_resident_id_request_made_stale_by_promotion_is_not_applied() -> None:
    """Promotion gave the student an ID: a request to set one from none is out of date."""
    l_record = enrolled()
    request = verify(submitted(l_record, KeyField.RESIDENT_ID, rid(13)))
    promoted = promote(
        l_record, match=PopulationMatch(rid(), "王小明"), dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8)
    )
    assert refusal(promoted, request).reason is Reason.STALE_REQUEST


# nobody decides on their own request: people are told apart by staff number, not name


def test_two_different_people_with_the_same_name_may_review_each_others_requests() -> None:
    namesake = Actor(Role.COUNTY_REVIEWER, "110105", REGISTRAR.name, id="R-0099")
    approved = review(submitted(g_record()), Verdict.APPROVE, by=namesake, on=APPROVED_ON)
    assert approved.status is RequestStatus.APPROVED


def test_a_reviewer_with_the_filers_staff_number_cannot_review_the_request() -> None:
    same_person = Actor(Role.COUNTY_REVIEWER, "110105", "赵科长", id=REGISTRAR.id)
    with pytest.raises(NotAuthorized) as excinfo:
        review(submitted(g_record()), Verdict.APPROVE, by=same_person, on=APPROVED_ON)
    assert excinfo.value.reason is Reason.OWN_REQUEST


def test_the_central_verifier_cannot_be_the_person_who_reviewed_the_request() -> None:
    approved = review(submitted(g_record()), Verdict.APPROVE, by=REVIEWER, on=APPROVED_ON)
    same_person = Actor(Role.CENTRAL, None, "赵科长", id=REVIEWER.id)
    with pytest.raises(NotAuthorized) as excinfo:
        verify_change(approved, dedup=PASSED, by=same_person, on=VERIFIED_ON)
    assert excinfo.value.reason is Reason.OWN_REQUEST


def test_actors_without_staff_numbers_are_not_refused_by_name() -> None:
    filer = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "张伟")
    reviewer = Actor(Role.COUNTY_REVIEWER, "110105", "张伟")
    record = g_record()
    request = request_change(
        record, field=KeyField.NAME, new_value="王晓明", evidence=EVIDENCE, by=filer,
        on=SUBMITTED_ON,
    )  # fmt: skip
    assert review(request, Verdict.REJECT, by=reviewer, on=APPROVED_ON).status is (
        RequestStatus.REJECTED
    )


@pytest.mark.parametrize("sex", [1, "male", "9", None])
def test_a_new_sex_must_be_a_sex_not_something_that_prints_like_one(sex: object) -> None:
    with pytest.raises(InvalidValue):
        submitted(j_record(), KeyField.SEX, sex)


@pytest.mark.parametrize("name", [5, b"\xe7\x8e\x8b"])
def test_a_new_name_must_be_text(name: object) -> None:
    with pytest.raises(InvalidValue):
        submitted(j_record(), KeyField.NAME, name)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("new_value", rid()),  # an ID for a name request
        ("new_value", Sex.FEMALE),  # a Sex is text too, but not a name
        ("old_value", None),  # only a resident-ID request may start from nothing
        ("field", KeyField.SEX),  # a name request's values are not sexes
    ],
)
def test_a_request_whose_values_do_not_fit_its_field_cannot_be_built(
    field: str, value: object
) -> None:
    """So apply_change never meets a request it could not apply."""
    with pytest.raises(InvalidValue):
        attrs.evolve(submitted(g_record()), **{field: value})  # type: ignore[arg-type]


def test_a_key_field_chain_patched_past_the_constructor_is_refused_when_applied() -> None:
    """A hand-edited pickle skips the constructor: applying it checks the chain again."""
    record = g_record()
    patched = copy.copy(submitted(record))
    object.__setattr__(patched, "status", RequestStatus.VERIFIED)
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(record, patched, by=REGISTRAR, on=D(2023, 5, 9))
    refused = excinfo.value
    assert (refused.state, refused.action, refused.reason) == (
        "verified",
        "apply a change",
        Reason.BROKEN_CHAIN,
    )
