"""One scenario per founding rule (R2–R13 of docs/rules.md), named after the rule it shows.

R1 (every student of an approved school has a record) is the premise of the whole
library rather than a behaviour, so it has no test of its own.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import attrs
import pytest
from registry_cast import (
    BIRTH,
    CENTRAL,
    ELSEWHERE,
    ENROLLED_ON,
    EVIDENCE,
    OTHER,
    OTHER_REGISTRAR,
    OTHER_REVIEWER,
    PASSED,
    PROMOTED_ON,
    REGISTRAR,
    REVIEWER,
    SCHOOL,
    D,
    approve_all,
    changed,
    enrolled,
    g_record,
    registrar,
    rid,
    student,
    submitted,
    suspended,
    transferred,
)

from xueji import (
    Action,
    Actor,
    DedupResult,
    DuplicateRegistration,
    IllegalTransition,
    InconsistentIdentity,
    InvalidValue,
    KeyField,
    KeyFieldChangeRequired,
    NotAuthorized,
    PopulationMatch,
    Reason,
    Record,
    RegistryKind,
    RegistryNumber,
    Role,
    Sex,
    Status,
    Student,
    SyncOutcome,
    TransferMode,
    TransferRequest,
    Verdict,
    allocate,
    apply_change,
    change_status,
    complete_transfer,
    numbers_in_use,
    promote,
    register,
    request_change,
    request_suspension,
    request_transfer,
    review,
    sync_transfer,
    transfer,
    update_info,
    verify_change,
)

# R2 人籍一致: the record follows the student to the receiving school.


def test_r2_transfer_moves_the_record_to_the_receiving_school() -> None:
    """R2: after a transfer, person and record are at the same (receiving) school."""
    record = enrolled()
    moved = transferred(record, OTHER, D(2022, 3, 1))
    assert moved.school == OTHER
    assert moved.number == record.number
    assert moved.status is Status.ENROLLED
    assert moved.continuous_since == ENROLLED_ON
    assert moved.history[-1].kind == "transfer"


def test_r2_only_the_receiving_schools_registrar_moves_a_record() -> None:
    """R2/R5: the sending school cannot push a record; the receiving school starts the move."""
    with pytest.raises(NotAuthorized) as excinfo:
        request_transfer(enrolled(), to_school=OTHER, by=REGISTRAR, on=D(2022, 3, 1))
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE


@pytest.mark.parametrize("action", [Action.SUSPEND, Action.GO_ABROAD, Action.GRADUATE])
def test_r2_only_enrolled_records_move(action: Action) -> None:
    """R2/R5: a suspended, abroad or graduated record stays where it is."""
    if action is Action.SUSPEND:
        record = suspended(enrolled(), D(2022, 1, 10))
    else:
        record = change_status(enrolled(), action, by=REGISTRAR, on=D(2022, 1, 10))
    with pytest.raises(IllegalTransition) as excinfo:
        request_transfer(record, to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1))
    assert excinfo.value.reason is Reason.ILLEGAL_TRANSITION
    assert excinfo.value.state == record.status.value


# R3: the family tells the old school where the student went. That is procedural; what
# the library keeps is the trace of the move, which lets the old school see it.


def test_r3_the_history_shows_where_the_student_went() -> None:
    """R3: the transfer event names both the school left and the school joined."""
    moved = transferred(enrolled(), OTHER, D(2022, 3, 1))
    last = moved.history[-1]
    assert last.before["school"] == SCHOOL
    assert last.after["school"] == OTHER
    assert last.by == OTHER_REGISTRAR
    assert last.on == D(2022, 3, 1)


# R4: a record is not a condition of admission.


def test_r4_a_student_without_a_resident_id_or_record_registers() -> None:
    """R4: registration asks for no prior record and no resident ID."""
    record = enrolled(student(resident_id=None))
    assert record.student.resident_id is None
    assert record.former_numbers == ()
    assert record.status is Status.ENROLLED
    assert record.enrolled_on == record.continuous_since == ENROLLED_ON


# R5: a new record passes the duplicate check (查重) and gets a new number.


def test_r5_registration_is_refused_with_the_conflicts_when_the_duplicate_check_failed() -> None:
    """R5: a failed duplicate check refuses the record and reports what clashed."""
    clash = RegistryNumber.parse("L110105201503010010")
    with pytest.raises(DuplicateRegistration) as excinfo:
        register(
            student(),
            school=SCHOOL,
            by=REGISTRAR,
            on=ENROLLED_ON,
            dedup=DedupResult((clash,)),
            taken=(),
        )
    assert excinfo.value.reason is Reason.DUPLICATE_REGISTRATION
    assert excinfo.value.conflicts == (clash,)
    assert excinfo.value.instead == ("progress", "request_transfer")


@pytest.mark.parametrize("sex", list(Sex))
def test_r5_a_new_record_gets_a_fresh_l_number_from_allocate(sex: Sex) -> None:
    """R5/R10: the L number is the school's region, the birth date, and a free sequence."""
    first = allocate(
        RegistryKind.L, region_code="110105", birth_date=BIRTH, taken=(), sex=sex
    ).value
    taken = {first}
    record = register(
        Student("王小明", sex, BIRTH),
        school=SCHOOL,
        by=REGISTRAR,
        on=ENROLLED_ON,
        dedup=PASSED,
        taken=taken,
    )
    expected = allocate(
        RegistryKind.L, region_code="110105", birth_date=BIRTH, taken=taken, sex=sex
    )
    assert record.number == expected
    assert record.number.value not in taken
    assert record.number.kind is RegistryKind.L
    assert record.number.region_code == SCHOOL.region_code
    assert record.number.birth_date == BIRTH
    sequence = int(record.number.body[14:17])
    assert sequence % 2 == (1 if sex is Sex.MALE else 0)


# R6: an offline transfer first, the electronic one later; the system's record is final.


def test_r6_an_offline_transfer_moves_the_record_on_its_date_and_keeps_continuity() -> None:
    """R6: the student is at the new school from the day the offline procedure completed,
    with no gap in continuous registration."""
    moved = transfer(
        enrolled(), to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1), mode=TransferMode.OFFLINE
    )
    assert moved.school == OTHER
    assert moved.history[-1].on == D(2022, 3, 1)
    assert moved.continuous_since == ENROLLED_ON
    assert moved.pending_sync is True
    assert moved.status is Status.ENROLLED


def test_r6_a_done_sync_keeps_the_record_and_continuity_where_the_offline_move_put_them() -> None:
    """R6: the electronic transfer that follows changes neither the school nor continuity."""
    moved = transfer(
        enrolled(), to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1), mode=TransferMode.OFFLINE
    )
    synced = sync_transfer(moved, outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2022, 3, 20))
    assert synced.pending_sync is False
    assert synced.continuous_since == ENROLLED_ON
    assert synced.school == OTHER
    assert synced.history[-1].kind == "sync-transfer"
    assert synced.history[-1].by == CENTRAL


def test_r6_a_refused_sync_puts_the_record_back_where_the_national_system_has_it() -> None:
    """R6: the system's record is final; the history keeps the offline move and its undoing."""
    moved = transfer(
        enrolled(), to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1), mode=TransferMode.OFFLINE
    )
    refused = sync_transfer(moved, outcome=SyncOutcome.REFUSED, by=None, on=D(2022, 3, 20))
    assert refused.school == SCHOOL
    assert refused.pending_sync is False
    assert refused.continuous_since == ENROLLED_ON
    assert [e.kind for e in refused.history] == ["register", "transfer-offline", "transfer-refused"]
    undo = refused.history[-1]
    assert (undo.before["school"], undo.after["school"], undo.by) == (OTHER, SCHOOL, None)


def test_r6_a_refusal_with_no_offline_transfer_in_the_history_is_refused_unchanged() -> None:
    """R6: a refused sync sends the record back to the school its offline transfer left;
    a record said to await an answer without such a transfer in its history has nowhere to
    go back to, and is left as it was."""
    record = attrs.evolve(enrolled(), pending_sync=True)
    before = copy.deepcopy(record)
    with pytest.raises(IllegalTransition) as excinfo:
        sync_transfer(record, outcome=SyncOutcome.REFUSED, by=CENTRAL, on=D(2022, 3, 20))
    refused = excinfo.value
    assert (refused.state, refused.action) == ("pending-sync", "refuse a transfer")
    assert refused.reason is Reason.BROKEN_CHAIN
    assert record == before


def test_r6_a_second_transfer_waits_for_the_sync() -> None:
    """R6: the system's record is final, so no new move before the last one is synced."""
    moved = transfer(
        enrolled(), to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1), mode=TransferMode.OFFLINE
    )
    with pytest.raises(IllegalTransition) as excinfo:
        request_transfer(moved, to_school=SCHOOL, by=REGISTRAR, on=D(2022, 3, 5))
    assert excinfo.value.state == "pending-sync"
    synced = sync_transfer(moved, outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2022, 3, 20))
    back = transfer(
        synced, to_school=SCHOOL, by=REGISTRAR, on=D(2022, 4, 1), mode=TransferMode.OFFLINE
    )
    assert back.school == SCHOOL


# R7: the school's registry administrator keeps the non-key information up to date.


def test_r7_update_info_changes_non_key_information_and_none_removes_it() -> None:
    """R7: address and phone are edited directly by the school registrar."""
    record = update_info(
        enrolled(), by=REGISTRAR, on=D(2022, 1, 1), phone="010-1234", address="北京"
    )
    record = update_info(record, by=REGISTRAR, on=D(2022, 6, 1), phone=None, address="上海")
    assert dict(record.info) == {"address": "上海"}
    last = record.history[-1]
    assert dict(last.before) == {"phone": "010-1234", "address": "北京"}
    assert dict(last.after) == {"address": "上海"}
    assert last.by == REGISTRAR


@pytest.mark.parametrize("field", ["name", "resident_id", "number", "sex", "birth_date"])
def test_r7_key_fields_are_not_edited_directly(field: str) -> None:
    """R7/R13: key fields go through a change request, never update_info."""
    with pytest.raises(KeyFieldChangeRequired) as excinfo:
        update_info(enrolled(), by=REGISTRAR, on=D(2022, 1, 1), **{field: "x"})
    assert excinfo.value.reason is Reason.KEY_FIELD_CHANGE_REQUIRED
    assert excinfo.value.field == field


def test_r7_only_the_admin_of_the_records_school_updates_it() -> None:
    """R7: the registrar of another school cannot edit the record."""
    with pytest.raises(NotAuthorized):
        update_info(enrolled(), by=OTHER_REGISTRAR, on=D(2022, 1, 1), phone="010-1234")


# R8: one number per person for life; a replaced number is kept.


def test_r8_the_number_survives_transfers_updates_and_status_changes() -> None:
    """R8: nothing but promotion or a number request changes the number."""
    record = enrolled()
    later = transfer(
        record, to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 1), mode=TransferMode.OFFLINE
    )
    later = sync_transfer(later, outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2022, 3, 2))
    later = update_info(later, by=OTHER_REGISTRAR, on=D(2022, 4, 1), phone="010-1234")
    later = suspended(later, D(2022, 5, 1))
    later = change_status(later, Action.RESUME, by=OTHER_REGISTRAR, on=D(2022, 9, 1))
    assert later.number == record.number
    assert later.former_numbers == ()


def test_r8_the_l_number_is_kept_in_former_numbers_after_promotion() -> None:
    """R8/R9: the temporary number is not dropped when the formal one arrives."""
    record = enrolled()
    promoted = g_record(record)
    assert promoted.former_numbers == (record.number,)
    assert promoted.history[-1].before["number"] == record.number


def test_r8_a_new_student_never_gets_a_number_another_student_held_before() -> None:
    """R8: numbers are lifelong and never reused, so former numbers stay taken."""
    first = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=PROMOTED_ON)
    assert first.former_numbers  # its L number is now a former number
    second = enrolled(student("王小亮"), on=PROMOTED_ON, taken=numbers_in_use([first]))
    assert second.number not in (first.number, *first.former_numbers)
    assert numbers_in_use([first, second]) == {
        first.number.value,
        first.former_numbers[0].value,
        second.number.value,
    }


# R9: G = "G" + the resident ID, after the duplicate check and the population match.


def test_r9_a_matching_population_answer_gives_g_plus_the_resident_id() -> None:
    """R9: with a matching population-database answer the number becomes G + the ID."""
    record = enrolled()
    promoted = promote(
        record, match=PopulationMatch(rid(), "王小明"), dedup=PASSED, by=CENTRAL, on=D(2022, 2, 20)
    )
    assert promoted.number == RegistryNumber.for_resident(rid())
    assert promoted.number.value == "G" + rid().value
    assert promoted.student.resident_id == rid()
    assert promoted.history[-1].kind == "promote"
    assert promoted.history[-1].by == CENTRAL


@pytest.mark.parametrize("by", [REGISTRAR, REVIEWER], ids=["registrar", "reviewer"])
def test_r9_only_the_national_system_issues_formal_numbers(by: Actor) -> None:
    """R9: formal numbers are sent out by the national system after its checks."""
    with pytest.raises(NotAuthorized) as excinfo:
        promote(enrolled(), match=None, dedup=PASSED, by=by, on=D(2022, 2, 20))
    assert excinfo.value.reason is Reason.WRONG_ROLE


@pytest.mark.parametrize(
    "match",
    [
        PopulationMatch(rid(), "王晓明"),  # another name
        PopulationMatch(rid(birth=D(2015, 3, 2)), "王小明"),  # another birth date
        PopulationMatch(rid(12), "王小明"),  # an even sequence: a woman's ID
    ],
    ids=["name", "birth-date", "sex"],
)
def test_r9_a_mismatching_population_answer_is_refused(match: PopulationMatch) -> None:
    """R9: the match must agree with the student's name, birth date and sex."""
    record = enrolled()
    with pytest.raises(InconsistentIdentity) as excinfo:
        promote(record, match=match, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 20))
    assert excinfo.value.reason is Reason.MATCH_MISMATCH


def test_r9_promotion_waits_for_the_duplicate_check() -> None:
    """R9: no formal number while the national duplicate check reports a conflict."""
    clash = RegistryNumber.for_resident(rid())
    with pytest.raises(DuplicateRegistration) as excinfo:
        promote(
            enrolled(),
            match=PopulationMatch(rid(), "王小明"),
            dedup=DedupResult((clash,)),
            by=CENTRAL,
            on=D(2022, 2, 20),
        )
    assert excinfo.value.conflicts == (clash,)
    assert excinfo.value.instead == ()  # a record being promoted is the student's own


# R10: an L number works like a G number everywhere.


def test_r10_l_records_work_in_every_procedure() -> None:
    """R10: transfer, update, status changes and key-field requests all accept an L record."""
    record = enrolled()
    assert record.number.kind is RegistryKind.L
    moved = transferred(record, OTHER, D(2022, 3, 1))
    updated = update_info(moved, by=OTHER_REGISTRAR, on=D(2022, 3, 2), phone="010-1234")
    away = suspended(updated, D(2022, 3, 3))
    resumed = change_status(away, Action.RESUME, by=OTHER_REGISTRAR, on=D(2022, 9, 1))
    request = request_change(
        resumed,
        field=KeyField.NAME,
        new_value="王晓明",
        evidence=EVIDENCE,
        by=OTHER_REGISTRAR,
        on=D(2022, 9, 2),
    )
    request = review(request, Verdict.APPROVE, by=OTHER_REVIEWER, on=D(2022, 9, 3))
    request = verify_change(request, dedup=PASSED, by=CENTRAL, on=D(2022, 9, 4))
    renamed = apply_change(resumed, request, by=OTHER_REGISTRAR, on=D(2022, 9, 5))
    assert renamed.student.name == "王晓明"
    assert renamed.number == record.number
    assert [e.kind for e in renamed.history] == [
        "register",
        "transfer",
        "update-info",
        "suspend",
        "resume",
        "change-name",
    ]


# R11: J for students with no usable ID; J → G once they have one.


def test_r11_without_a_population_match_the_number_is_a_j_from_allocate() -> None:
    """R11: ``match=None`` (no usable ID) gives a J number at the school's region."""
    record = enrolled()
    taken = {record.number.value}
    promoted = promote(record, match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 20), taken=taken)
    expected = allocate(
        RegistryKind.J, region_code="110105", birth_date=BIRTH, taken=taken, sex=Sex.MALE
    )
    assert promoted.number == expected
    assert promoted.number.is_formal
    assert promoted.student.resident_id is None
    assert promoted.former_numbers == (record.number,)


def test_r11_once_the_student_has_an_id_a_number_request_turns_j_into_g() -> None:
    """R11: a resident-ID request, then a number request, changes J to G; J is kept."""
    temporary_record = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 20))
    with_id = changed(temporary_record, KeyField.RESIDENT_ID, rid(), on=D(2023, 3, 1))
    assert with_id.number == temporary_record.number
    assert with_id.student.resident_id == rid()
    formal_record = changed(
        with_id, KeyField.NUMBER, RegistryNumber.for_resident(rid()), on=D(2023, 6, 1)
    )
    assert formal_record.number == RegistryNumber.for_resident(rid())
    assert formal_record.former_numbers == (
        *temporary_record.former_numbers,
        temporary_record.number,
    )
    assert formal_record.history[-1].kind == "change-number"


def test_r11_a_j_number_cannot_become_g_before_the_student_has_an_id() -> None:
    """R11: the G number must be G + the student's own resident ID."""
    temporary_record = promote(enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 20))
    with pytest.raises(InconsistentIdentity) as excinfo:
        request_change(
            temporary_record,
            field=KeyField.NUMBER,
            new_value=RegistryNumber.for_resident(rid()),
            evidence=EVIDENCE,
            by=REGISTRAR,
            on=D(2023, 3, 1),
        )
    assert excinfo.value.reason is Reason.INCONSISTENT_IDENTITY


# R12: a G number that no longer equals G + the ID affects nothing.


def test_r12_a_new_resident_id_keeps_the_g_number() -> None:
    """R12: correcting the ID does not renumber; the G body may then differ from the ID."""
    formal_record = g_record()
    corrected = rid(13)
    after = changed(formal_record, KeyField.RESIDENT_ID, corrected, on=D(2023, 3, 1))
    assert after.number == formal_record.number
    assert after.student.resident_id == corrected
    assert after.number.body != corrected.value
    assert after.former_numbers == formal_record.former_numbers


def test_r12_a_number_request_renumbers_g_to_the_new_id() -> None:
    """R12: where the G number must follow the new ID, that goes through the procedure."""
    formal_record = g_record()
    corrected = rid(13)
    after = changed(formal_record, KeyField.RESIDENT_ID, corrected, on=D(2023, 3, 1))
    renumbered = changed(
        after, KeyField.NUMBER, RegistryNumber.for_resident(corrected), on=D(2023, 6, 1)
    )
    assert renumbered.number.value == "G" + corrected.value
    assert renumbered.former_numbers == (*formal_record.former_numbers, formal_record.number)


# R13: key fields change only through request → county review → central check → apply.


def test_r13_a_name_change_goes_through_review_and_verify_change() -> None:
    """R13: each step is done by its own role and leaves its decision on the request."""
    record = g_record()
    request = submitted(record)
    request = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5), note="户口簿已核")
    request = verify_change(request, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8))
    after = apply_change(record, request, by=REGISTRAR, on=D(2023, 5, 9))
    assert after.student.name == "王晓明"
    assert after.number == record.number
    last = after.history[-1]
    assert last.kind == "change-name"
    assert last.before["student"] == record.student
    assert last.request == request
    assert last.request is not None
    assert last.request.evidence == EVIDENCE
    assert [(d.status.value, d.by.role, d.on) for d in last.request.decisions] == [
        ("approved", Role.COUNTY_REVIEWER, D(2023, 5, 5)),
        ("verified", Role.CENTRAL, D(2023, 5, 8)),
    ]
    assert last.request.decisions[0].note == "户口簿已核"


def test_r13_history_keeps_every_former_value() -> None:
    """R13: after two name changes, both earlier names are still in the history."""
    record = changed(g_record(), KeyField.NAME, "王晓明", on=D(2023, 5, 1))
    record = changed(record, KeyField.NAME, "王明", on=D(2024, 5, 1))
    names = [e.before["student"].name for e in record.history if e.kind == "change-name"]  # type: ignore[attr-defined]
    assert names == ["王小明", "王晓明"]
    assert record.student.name == "王明"


def test_r13_a_rejected_request_cannot_be_applied() -> None:
    """R13: the county's rejection is final."""
    record = g_record()
    request = submitted(record)
    rejected = review(request, Verdict.REJECT, by=REVIEWER, on=D(2023, 5, 5), note="证明不全")
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(record, rejected, by=REGISTRAR, on=D(2023, 5, 9))
    assert excinfo.value.state == "rejected"
    with pytest.raises(IllegalTransition):
        verify_change(rejected, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8))


def test_r13_a_request_that_failed_the_verify_change_cannot_be_applied() -> None:
    """R13: the national duplicate check must pass before the change takes effect."""
    record = g_record()
    new_id = rid(13)
    clash = RegistryNumber.for_resident(new_id)
    request = request_change(
        record, field=KeyField.RESIDENT_ID, new_value=new_id, evidence=EVIDENCE, by=REGISTRAR,
        on=D(2023, 5, 1),
    )  # fmt: skip
    request = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5))
    failed = verify_change(request, dedup=DedupResult((clash,)), by=CENTRAL, on=D(2023, 5, 8))
    assert failed.decisions[-1].conflicts == (clash,)
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(record, failed, by=REGISTRAR, on=D(2023, 5, 9))
    assert excinfo.value.state == "check-failed"


def test_r13_an_unreviewed_request_cannot_be_applied_or_checked() -> None:
    """R13: the central check and the change both wait for the county review."""
    record = g_record()
    request = submitted(record)
    with pytest.raises(IllegalTransition):
        verify_change(request, dedup=PASSED, by=CENTRAL, on=D(2023, 5, 8))
    with pytest.raises(IllegalTransition):
        apply_change(record, request, by=REGISTRAR, on=D(2023, 5, 9))
    approved = review(request, Verdict.APPROVE, by=REVIEWER, on=D(2023, 5, 5))
    with pytest.raises(IllegalTransition) as excinfo:
        apply_change(record, approved, by=REGISTRAR, on=D(2023, 5, 9))
    assert excinfo.value.state == "approved"


def test_r13_only_a_reviewer_of_the_schools_county_reviews() -> None:
    """R13: the county-level department of the record's school reviews, not another one."""
    request = request_change(
        g_record(),
        field=KeyField.NAME,
        new_value="王晓明",
        evidence=EVIDENCE,
        by=REGISTRAR,
        on=D(2023, 5, 1),
    )
    with pytest.raises(NotAuthorized):
        review(request, Verdict.APPROVE, by=OTHER_REVIEWER, on=D(2023, 5, 5))


# Requests held in the caller's store: one open request of a kind holds back a second one
# of that kind for the same record (pending-request), and a request is carried out once,
# for its own record, at the school it was filed from.


def _another_record(record: Record) -> Record:
    return enrolled(student("李华"), grade=3, taken=(str(record.number),))


def _transfer_request(record: Record, on: D) -> TransferRequest:
    return request_transfer(record, to_school=OTHER, by=OTHER_REGISTRAR, on=on)


def test_only_an_open_request_of_the_same_kind_for_the_same_record_holds_back_a_new_one() -> None:
    record = enrolled(grade=3)
    first = _transfer_request(record, D(2022, 3, 1))
    with pytest.raises(IllegalTransition) as excinfo:
        request_transfer(
            record, to_school=OTHER, by=OTHER_REGISTRAR, on=D(2022, 3, 2), pending=[first]
        )
    held = excinfo.value
    assert (held.state, held.action, held.reason) == (
        "enrolled",
        "request a transfer",
        Reason.PENDING_REQUEST,
    )
    suspension = request_suspension(
        record, months=6, evidence=("病历",), by=REGISTRAR, on=D(2022, 3, 2)
    )
    of_another_record = _transfer_request(_another_record(record), D(2022, 3, 1))
    again = request_transfer(
        record,
        to_school=OTHER,
        by=OTHER_REGISTRAR,
        on=D(2022, 3, 2),
        pending=[suspension, of_another_record],
    )
    assert again.number == record.number


@pytest.mark.parametrize("pending", [5, "pending", [object()]], ids=["number", "text", "object"])
def test_pending_must_be_an_iterable_of_requests(pending: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        request_transfer(
            enrolled(grade=3),
            to_school=OTHER,
            by=OTHER_REGISTRAR,
            on=D(2022, 3, 2),
            pending=pending,  # type: ignore[arg-type]
        )
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


#: A rule function given a value of another type where it expects a record, a request, a
#: school, a duplicate-check answer or a policy.
WRONG_TYPES: dict[str, Callable[[], object]] = {
    "record": lambda: update_info("record", by=REGISTRAR, on=D(2022, 1, 1), phone="010-1234"),  # type: ignore[arg-type]
    "request": lambda: apply_change(g_record(), "request", by=REGISTRAR, on=D(2023, 5, 9)),  # type: ignore[arg-type]
    "to_school": lambda: transfer(
        enrolled(), to_school="2111010002", by=OTHER_REGISTRAR, on=D(2022, 3, 1),  # type: ignore[arg-type]
        mode=TransferMode.OFFLINE,
    ),
    "dedup": lambda: register(
        student(), school=SCHOOL, by=REGISTRAR, on=ENROLLED_ON, dedup=True, taken=()  # type: ignore[arg-type]
    ),
    "policy": lambda: register(
        student(), school=SCHOOL, by=REGISTRAR, on=ENROLLED_ON, dedup=PASSED, taken=(),
        policy="national",  # type: ignore[arg-type]
    ),
}  # fmt: skip


@pytest.mark.parametrize("given", sorted(WRONG_TYPES))
def test_a_value_of_another_type_is_refused_as_invalid_value_with_a_message(given: str) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        WRONG_TYPES[given]()
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


def _refusal(record: Record, request: TransferRequest) -> IllegalTransition:
    with pytest.raises(IllegalTransition) as excinfo:
        complete_transfer(record, request, by=OTHER_REGISTRAR, on=D(2022, 3, 11))
    return excinfo.value


def test_a_transfer_is_completed_once_for_its_own_record_from_the_school_it_was_filed_at() -> None:
    record = enrolled(grade=3)
    filed = _transfer_request(record, D(2022, 3, 1))
    approved = approve_all(filed, D(2022, 3, 2))
    action = "complete a transfer"
    unapproved = _refusal(record, filed)
    assert (unapproved.state, unapproved.action) == (filed.status.value, action)
    assert unapproved.reason is Reason.ILLEGAL_TRANSITION
    other = _refusal(_another_record(record), approved)
    assert (other.state, other.action, other.reason) == ("approved", action, Reason.ANOTHER_RECORD)
    moved = complete_transfer(record, approved, by=OTHER_REGISTRAR, on=D(2022, 3, 10))
    again = _refusal(moved, approved)
    assert (again.state, again.action, again.reason) == ("approved", action, Reason.ALREADY_APPLIED)
    second = approve_all(
        request_transfer(record, to_school=ELSEWHERE, by=registrar(ELSEWHERE), on=D(2022, 3, 1)),
        D(2022, 3, 2),
    )
    with pytest.raises(IllegalTransition) as excinfo:
        complete_transfer(moved, second, by=registrar(ELSEWHERE), on=D(2022, 3, 11))
    stale = excinfo.value
    assert (stale.state, stale.action, stale.reason) == ("approved", action, Reason.RECORD_MOVED)
