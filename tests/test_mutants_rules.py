"""Tests that kill mutmut survivors in xueji._rules (docs/mutation.md).

The shared guards, through the public operations that use them.
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
    Record,
    Role,
    School,
    Sex,
    Status,
    Student,
    change_status,
    register,
    update_info,
)

D = datetime.date
SCHOOL = School("2111010001", "朝阳实验小学", "110105")
ADMIN = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师")


def _record() -> Record:
    student = Student("王小明", Sex.MALE, D(2015, 9, 1))
    return register(
        student, school=SCHOOL, by=ADMIN, on=D(2021, 9, 1), dedup=DedupResult(), taken=()
    )


def test_a_closed_record_names_the_refused_action() -> None:
    closed = change_status(_record(), Action.GRADUATE, by=ADMIN, on=D(2022, 7, 1))
    with pytest.raises(IllegalTransition) as info:
        update_info(closed, by=ADMIN, on=D(2022, 7, 2), phone="1")
    assert (info.value.state, info.value.action) == ("graduated", "update information")


def test_a_record_without_history_takes_its_first_event_on_any_day() -> None:
    record = _record()
    bare = Record(
        record.number, record.student, SCHOOL, Status.ENROLLED, D(2021, 9, 1), D(2021, 9, 1)
    )
    updated = update_info(bare, by=ADMIN, on=D(2020, 1, 1), phone="1")
    assert [e.kind for e in updated.history] == ["update-info"]


def test_a_dedup_that_is_not_a_dedup_result_is_refused_with_a_message() -> None:
    student = Student("王小明", Sex.MALE, D(2015, 9, 1))
    with pytest.raises(InvalidValue) as info:
        register(student, school=SCHOOL, by=ADMIN, on=D(2021, 9, 1), dedup=None, taken=())  # type: ignore[arg-type]
    assert isinstance(info.value.args[0], str)
    assert info.value.args[0]
