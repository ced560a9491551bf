"""Tests that kill mutmut survivors in xueji.lifecycle (docs/mutation.md).

``IllegalTransition.state`` and ``.action`` are attributes of the public API, so the tests
assert on them; message wording is never asserted on.
"""

from __future__ import annotations

import datetime

import pytest

from xueji import (
    Action,
    Actor,
    DedupResult,
    IllegalTransition,
    InvalidValue,
    PopulationMatch,
    Reason,
    Record,
    Role,
    School,
    Sex,
    Student,
    SyncOutcome,
    TransferMode,
    XuejiError,
    change_status,
    issue_formal_numbers,
    make_resident_id,
    promote,
    register,
    sync_transfer,
    transfer,
    update_info,
)

OFFLINE = TransferMode.OFFLINE
D = datetime.date
PRIMARY = School("2111010001", "朝阳实验小学", "110105")
OTHER = School("2111010002", "海淀小学", "110108")
PASSED = DedupResult()
CENTRAL = Actor(Role.CENTRAL, None, "教育部")


def _registrar(school: School) -> Actor:
    return Actor(Role.SCHOOL_REGISTRAR, school.code.value, "李老师")


def _record(name: str = "王小明", taken: frozenset[str] = frozenset()) -> Record:
    student = Student(name, Sex.MALE, D(2015, 9, 1))
    return register(
        student, school=PRIMARY, by=_registrar(PRIMARY), on=D(2021, 9, 1), dedup=PASSED, taken=taken
    )


def test_a_record_twice_in_a_batch_is_refused_the_second_time_as_an_l_promotion() -> None:
    record = _record()
    key = record.number.value
    batch = issue_formal_numbers(
        [record, record], matches={key: None}, dedups={key: PASSED}, by=CENTRAL, on=D(2022, 1, 10)
    )
    assert len(batch.promoted) == 1
    ((refused, error),) = batch.refused
    assert refused == record
    assert isinstance(error, IllegalTransition)
    assert (error.state, error.action) == ("L", "promote")
    assert error.reason is Reason.ILLEGAL_TRANSITION


def test_a_refused_record_does_not_stop_the_batch() -> None:
    first = _record()
    second = _record("王小亮", taken=frozenset({first.number.value}))
    third = _record("王小刚", taken=frozenset({first.number.value, second.number.value}))
    keys = [r.number.value for r in (first, second, third)]
    batch = issue_formal_numbers(
        [first, second, third],
        matches=dict.fromkeys(keys),
        dedups={keys[0]: PASSED, keys[2]: PASSED},  # the second has no duplicate check
        by=CENTRAL,
        on=D(2022, 1, 10),
    )
    assert [r.former_numbers[-1] for r in batch.promoted] == [first.number, third.number]
    ((refused, error),) = batch.refused
    assert refused == second
    assert isinstance(error, InvalidValue)


def test_batch_refusals_carry_a_message() -> None:
    record = _record()
    key = record.number.value
    for matches, dedups in (({key: None}, {}), ({}, {key: PASSED})):
        batch = issue_formal_numbers(
            [record],
            matches=matches,
            dedups=dedups,
            by=CENTRAL,
            on=D(2022, 1, 10),
        )
        ((_, error),) = batch.refused
        assert isinstance(error, XuejiError)
        assert isinstance(error.args[0], str)
        assert error.args[0]


def test_sync_without_a_pending_transfer_names_the_state_and_action() -> None:
    with pytest.raises(IllegalTransition) as info:
        sync_transfer(_record(), outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2022, 1, 10))
    assert (info.value.state, info.value.action) == ("synced", "sync a transfer")


def test_sync_records_the_end_of_the_pending_state_in_the_history() -> None:
    moved = transfer(
        _record(),
        to_school=OTHER,
        by=_registrar(OTHER),
        on=D(2022, 1, 10),
        mode=TransferMode.OFFLINE,
    )
    assert moved.pending_sync is True
    synced = sync_transfer(moved, outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2022, 2, 1))
    assert synced.pending_sync is False
    last = synced.history[-1]
    assert last.kind == "sync-transfer"
    assert dict(last.before) == {"pending_sync": True}
    assert dict(last.after) == {"pending_sync": False}
    assert last.after["pending_sync"] is False


def _female_record() -> Record:
    student = Student("李小红", Sex.FEMALE, D(2015, 9, 1))
    return register(
        student, school=PRIMARY, by=_registrar(PRIMARY), on=D(2021, 9, 1), dedup=PASSED, taken=()
    )


def _message(error: BaseException) -> str:
    (message,) = error.args
    assert isinstance(message, str)
    assert message
    return message


def test_a_student_may_be_registered_on_the_day_of_birth() -> None:
    born = D(2015, 9, 1)
    student = Student("王小明", Sex.MALE, born)
    record = register(
        student, school=PRIMARY, by=_registrar(PRIMARY), on=born, dedup=PASSED, taken=()
    )
    assert record.enrolled_on == born
    with pytest.raises(InvalidValue) as info:
        register(
            student,
            school=PRIMARY,
            by=_registrar(PRIMARY),
            on=D(2015, 8, 31),
            dedup=PASSED,
            taken=(),
        )
    _message(info.value)


def test_a_j_number_follows_the_sex_parity_of_the_student() -> None:
    promoted = promote(_female_record(), match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 1, 10))
    assert int(promoted.number.value[-2]) % 2 == 0
    history = promoted.history[-1]
    assert history.after["number"] == promoted.number
    assert history.after["student"] == promoted.student


def test_promote_refusals_name_the_state_and_action() -> None:
    promoted = promote(_record(), match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 1, 10))
    with pytest.raises(IllegalTransition) as info:
        promote(promoted, match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 1))
    assert (info.value.state, info.value.action) == ("J", "promote")
    closed = change_status(_record(), Action.DECEASE, by=_registrar(PRIMARY), on=D(2022, 1, 10))
    with pytest.raises(IllegalTransition) as info:
        promote(closed, match=None, dedup=PASSED, by=CENTRAL, on=D(2022, 2, 1))
    assert (info.value.state, info.value.action) == ("deceased", "promote")
    with pytest.raises(InvalidValue) as bad:
        promote(_record(), match="王小明", dedup=PASSED, by=CENTRAL, on=D(2022, 2, 1))  # type: ignore[arg-type]
    _message(bad.value)
    rid = make_resident_id(region_code="110105", birth_date=D(2015, 9, 1), sequence=11)
    with pytest.raises(XuejiError) as mismatch:
        promote(
            _record(),
            match=PopulationMatch(rid, "王大明"),
            dedup=PASSED,
            by=CENTRAL,
            on=D(2022, 2, 1),
        )
    _message(mismatch.value)


def test_transfer_refusals_name_the_state_and_action() -> None:
    record = _record()
    moved = transfer(
        record, to_school=OTHER, by=_registrar(OTHER), on=D(2022, 1, 10), mode=TransferMode.OFFLINE
    )
    assert moved.history[-1].kind == "transfer-offline"
    with pytest.raises(IllegalTransition) as pending:
        transfer(moved, to_school=PRIMARY, by=_registrar(PRIMARY), on=D(2022, 1, 11), mode=OFFLINE)
    assert (pending.value.state, pending.value.action) == ("pending-sync", "transfer")
    with pytest.raises(IllegalTransition) as same:
        transfer(record, to_school=PRIMARY, by=_registrar(PRIMARY), on=D(2022, 1, 11), mode=OFFLINE)
    assert (same.value.state, same.value.action) == ("enrolled", "transfer")
    away = change_status(record, Action.GO_ABROAD, by=_registrar(PRIMARY), on=D(2022, 1, 10))
    with pytest.raises(IllegalTransition) as suspended:
        transfer(away, to_school=OTHER, by=_registrar(OTHER), on=D(2022, 1, 11), mode=OFFLINE)
    assert (suspended.value.state, suspended.value.action) == ("abroad", "transfer")


def test_update_info_refusals_carry_messages_and_name_the_action() -> None:
    record = _record()
    unhashable = type("Unhashable", (), {"__hash__": None})()
    for changes in ({}, {"guardians": unhashable}):
        with pytest.raises(InvalidValue) as info:
            update_info(record, by=_registrar(PRIMARY), on=D(2022, 1, 10), **changes)
        _message(info.value)
    closed = change_status(record, Action.GRADUATE, by=_registrar(PRIMARY), on=D(2022, 1, 10))
    with pytest.raises(IllegalTransition) as shut:
        update_info(closed, by=_registrar(PRIMARY), on=D(2022, 1, 11), phone="1")
    assert shut.value.action == "update information"


def test_change_status_refusals_name_the_state_and_action() -> None:
    record = _record()
    with pytest.raises(IllegalTransition) as unknown:
        change_status(record, "fly", by=_registrar(PRIMARY), on=D(2022, 1, 10))  # type: ignore[arg-type]
    assert (unknown.value.state, unknown.value.action) == ("enrolled", "fly")
    with pytest.raises(IllegalTransition) as withdraw:
        change_status(record, Action.WITHDRAW, by=_registrar(PRIMARY), on=D(2022, 1, 10))
    assert (withdraw.value.state, withdraw.value.action) == ("enrolled", "withdraw")


def test_a_status_change_records_who_made_it() -> None:
    changed = change_status(_record(), Action.GO_ABROAD, by=_registrar(PRIMARY), on=D(2022, 1, 10))
    assert changed.history[-1].by == _registrar(PRIMARY)
