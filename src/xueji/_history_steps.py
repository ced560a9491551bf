"""The steps of a history's replay (`xueji.history`): the record so far, and what each
kind of event checks beyond its fields, its actor and the status it starts from."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from xueji.approval import RequestStatus
from xueji.errors import InvalidValue, Reason, XuejiError
from xueji.policy import add_months
from xueji.record import TRANSITIONS, Action, Event, EventKind, Period, Record, Status, Student
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import School, SchoolCategory
from xueji.stage import (
    COMPULSORY,
    Stage,
    first_grade,
    last_grade,
    next_stage,
    stage_of,
    stages_taught,
    teaches_grade,
)
from xueji.workflow import (
    ChangeRequest,
    KeyField,
    SuspensionKind,
    SuspensionRequest,
    TransferRequest,
)

__all__ = [
    "FIELDS",
    "State",
    "changed",
    "check_request",
    "check_step",
    "fault",
    "information",
    "kept",
    "registration",
]

#: The fields of a record, in the order they are compared after the replay.
FIELDS: Final = tuple(f.name for f in attrs.fields(Record) if f.name != "history")
#: The names `update_info` refuses: a record's own fields and its key fields.
_NOT_INFO: Final = frozenset({*FIELDS, "history", "name", "resident_id", "sex", "birth_date"})

#: The grade steps and how far each moves the grade.
_GRADE_STEPS: Final = {
    EventKind.ADVANCE_GRADE: 1,
    EventKind.SKIP_GRADE: 1,
    EventKind.REPEAT_GRADE: -1,
    EventKind.MOVE_DOWN: -1,
}


#: The status change each event of one stands for.
_ACTIONS: Final = {EventKind(action.value): action for action in Action}


@functools.cache
def _bounds(grade: int, years: int) -> tuple[Stage, int, int]:
    """The stage of ``grade`` under ``years`` of primary school, its first and last grade."""
    stage = stage_of(grade, primary_years=years)
    return stage, first_grade(stage, primary_years=years), last_grade(stage, primary_years=years)


#: The event's ``after`` (whose values `check_history` checked by field first), as the
#: map's own dict, read and never changed here: the replay looks up several keys of every
#: event, and the dict does so without a call to the map per key. An attribute getter
#: reads it without a Python call: the replay asks some forty times per record.
changed: Final[Callable[[Event], Mapping[str, Any]]] = operator.attrgetter("after._data")
#: The event's ``before``, as `changed` gives its ``after``.
kept: Final[Callable[[Event], Mapping[str, Any]]] = operator.attrgetter("before._data")


def fault(path: str, detail: str, reason: Reason = Reason.BROKEN_HISTORY) -> InvalidValue:
    return InvalidValue(detail, reason=reason, path=path)


class State:
    """The record as the history has it so far, and what the later events refer to."""

    __slots__ = (*FIELDS, "abroad_since", "carried", "left", "suspension")

    number: RegistryNumber
    student: Student
    school: School
    status: Status
    enrolled_on: datetime.date
    continuous_since: datetime.date
    pending_sync: bool
    former_numbers: tuple[RegistryNumber, ...]
    info: Mapping[str, object]
    grade: int | None
    primary_years: int
    time_abroad: tuple[Period, ...]

    def __init__(self, first: Event) -> None:
        after = changed(first)
        for name in FIELDS:
            setattr(self, name, after.get(name))
        self.status = Status.ENROLLED
        self.enrolled_on = self.continuous_since = first.on
        self.pending_sync = False
        self.former_numbers = self.time_abroad = ()
        self.info = {}
        self.left: School | None = None  # the school an offline transfer left
        self.abroad_since: datetime.date | None = None
        # The running suspension: the day it started and its months, extensions included.
        self.suspension: tuple[datetime.date, int] | None = None
        self.carried: list[object] = []  # the requests carried out so far

    @property
    def suspension_ends(self) -> datetime.date | None:
        """The last day of the running suspension, as `xueji.suspension_ends` counts it."""
        if self.suspension is None:
            return None
        return add_months(*self.suspension)

    def stages(self) -> frozenset[Stage]:
        """The student's stage; every stage the school teaches when the grade is unknown."""
        if self.grade is None:
            return stages_taught(self.school)
        return frozenset({_bounds(self.grade, self.primary_years)[0]})


def registration(event: Event, where: str) -> None:
    after = changed(event)
    number, school, student = after["number"], after["school"], after["student"]
    grade, years = after["grade"], after["primary_years"]
    if not stages_taught(school):
        raise fault(
            f"{where}.after.school",
            "only a school of basic education registers",
            Reason.WRONG_STAGE,
        )
    if number.kind is not RegistryKind.L:
        raise fault(f"{where}.after.number", "a registration gives an L number")
    if student.birth_date > event.on:
        raise fault(f"{where}.after.student", "the student is born before being registered")
    male = int(number.value[15:18]) % 2 == 1
    if (number.region_code, number.birth_date) != (school.region_code, student.birth_date) or (
        male is not (student.sex is Sex.MALE)
    ):
        raise fault(f"{where}.after.number", "not a number of this school's region and student")
    if grade is not None and not teaches_grade(school, grade, primary_years=years):
        raise fault(f"{where}.after.grade", "the school does not teach it", Reason.WRONG_STAGE)


def information(state: State, event: Event, where: str) -> None:
    info = state.info
    for side, values in (("before", kept(event)), ("after", changed(event))):
        for name, value in values.items():
            if name in _NOT_INFO or value is None:
                raise fault(f"{where}.{side}.{name}", "not information that update_info keeps")
    before = kept(event)
    for name, value in before.items():
        if name not in info or info[name] != value:
            raise fault(f"{where}.before.{name}", "not the value the record had")
    if before:  # most updates add information: nothing to drop first
        info = {name: value for name, value in info.items() if name not in before}
    state.info = {**info, **changed(event)}


def check_step(state: State, event: Event, where: str) -> None:
    """What each kind of step checks, beyond its fields, actor and starting status."""
    kind, after = event.kind, changed(event)
    if "status" in after and kind is not EventKind.PROGRESS:
        target = TRANSITIONS.get((state.status, _ACTIONS[kind]))
        if after["status"] is not target:
            raise fault(f"{where}.after.status", "not the status this change leads to")
        _check_status(state, event, where)
    if kind in _GRADE_STEPS or kind is EventKind.SET_GRADE:
        _check_grade(state, event, where)
    elif kind in (EventKind.TRANSFER, EventKind.TRANSFER_OFFLINE):
        _check_move(state, after["school"], where)
        if kind is EventKind.TRANSFER_OFFLINE:
            if after["pending_sync"] is not True:
                raise fault(f"{where}.after.pending_sync", "an offline move awaits its answer")
            state.left = state.school
    elif kind in (EventKind.SYNC_TRANSFER, EventKind.TRANSFER_REFUSED):
        if not state.pending_sync or after["pending_sync"] is not False:
            raise fault(f"{where}.after.pending_sync", "no offline move awaits this answer")
        if kind is EventKind.TRANSFER_REFUSED and after["school"] != state.left:
            raise fault(f"{where}.after.school", "not the school the offline move left")
    elif kind is EventKind.PROMOTE:
        _check_promotion(state, event, where)
    elif kind is EventKind.PROGRESS:
        _check_progression(state, event, where)
    elif kind is EventKind.EXTEND_SUSPENSION:
        ends = state.suspension_ends
        if ends is None or event.on > ends:
            raise fault(f"{where}.on", "the suspension had ended", Reason.SUSPENSION_CAP)


def _check_status(state: State, event: Event, where: str) -> None:
    kind, stages = event.kind, state.stages()
    if kind in (EventKind.WITHDRAW, EventKind.LEAVE):
        allowed: frozenset[Stage] | None = frozenset({Stage.SENIOR})
    elif kind is EventKind.DROP_OUT:
        allowed = COMPULSORY
    else:
        allowed = None
    if allowed is not None and not (stages and stages <= allowed):
        raise fault(f"{where}.kind", "not open to the student's stage", Reason.WRONG_STAGE)
    grade = state.grade
    last = None if grade is None else _bounds(grade, state.primary_years)[2]
    if kind in (EventKind.GRADUATE, EventKind.COMPLETE) and grade != last and last is not None:
        raise fault(f"{where}.kind", "only the last grade graduates", Reason.NOT_LAST_GRADE)
    ends = state.suspension_ends
    if kind is EventKind.RESUME and ends is not None and event.on > ends:
        raise fault(f"{where}.on", "the suspension had ended", Reason.SUSPENSION_CAP)
    if kind is EventKind.GO_ABROAD:
        state.abroad_since = event.on
    elif kind is EventKind.RETURN:
        _check_return(state, event, where)
    if changed(event)["status"] is not Status.SUSPENDED:
        state.suspension = None


def _check_return(state: State, event: Event, where: str) -> None:
    after = changed(event)
    assert state.abroad_since is not None  # a record abroad went there by an event
    if after["continuous_since"] != event.on:
        raise fault(f"{where}.after.continuous_since", "continuity restarts on the return")
    if after["time_abroad"] != (*state.time_abroad, Period(state.abroad_since, event.on)):
        raise fault(f"{where}.after.time_abroad", "not the time the student was abroad")
    school, grade, years = after["school"], after["grade"], after["primary_years"]
    if state.pending_sync and school.code != state.school.code:
        raise fault(f"{where}.after.school", "an offline move awaits its answer")
    if grade is not None and not teaches_grade(school, grade, primary_years=years):
        raise fault(f"{where}.after.grade", "the school does not teach it", Reason.WRONG_STAGE)
    _check_kept_on_refusal(state, grade, years, where)


def _check_kept_on_refusal(state: State, grade: int | None, years: int, where: str) -> None:
    """While an offline move awaits its answer, a new grade is one the school it left
    teaches too: a refusal sends the record back there (R6)."""
    left = state.left
    if (
        state.pending_sync
        and grade is not None
        and left is not None
        and not teaches_grade(left, grade, primary_years=years)
    ):
        raise fault(
            f"{where}.after.grade",
            "the school the offline move left does not teach it",
            Reason.WRONG_STAGE,
        )


def _check_grade(state: State, event: Event, where: str) -> None:
    new, old, years = changed(event)["grade"], state.grade, state.primary_years
    if event.kind is EventKind.SET_GRADE:
        years = changed(event)["primary_years"]
        ok = old is None and new is not None
        ok = ok and teaches_grade(state.school, new, primary_years=years)
    elif old is None:
        ok = False
    else:
        _, first, last = _bounds(old, years)
        ok = new == old + _GRADE_STEPS[event.kind] and first <= new <= last
        if event.kind is EventKind.MOVE_DOWN:
            ok = ok and state.school.code.category is SchoolCategory.SPECIAL_EDUCATION
    if not ok:
        raise fault(f"{where}.after.grade", "not a grade this step gives")
    _check_kept_on_refusal(state, new, years, where)


def _check_move(state: State, school: School, where: str) -> None:
    if state.pending_sync:
        raise fault(f"{where}.kind", "an offline move awaits its answer")
    if school.code == state.school.code:
        raise fault(f"{where}.after.school", "a move goes to another school")
    if not state.stages() & stages_taught(school):
        raise fault(
            f"{where}.after.school", "it does not teach the student's stage", Reason.WRONG_STAGE
        )


def _check_promotion(state: State, event: Event, where: str) -> None:
    number, student, old = changed(event)["number"], changed(event)["student"], state.student
    if state.number.kind is not RegistryKind.L:
        raise fault(f"{where}.kind", "only an L number is promoted")
    rid = student.resident_id
    if number.kind is RegistryKind.G:
        # The student gains the matched resident ID, and nothing else changes.
        ok = rid is not None and number == RegistryNumber.for_resident(rid)
        ok = ok and old.resident_id in (None, rid) and _person(student) == _person(old)
    else:
        where_born = (number.region_code, number.birth_date)
        ok = number.kind is RegistryKind.J and student == old
        ok = ok and where_born == (state.school.region_code, old.birth_date)
    if not ok:
        raise fault(f"{where}.after.number", "not a formal number this student could be given")


def _person(student: Student) -> tuple[str, Sex, datetime.date]:
    return student.name, student.sex, student.birth_date


def _check_progression(state: State, event: Event, where: str) -> None:
    after = changed(event)
    school, years = after["school"], after["primary_years"]
    stages = state.stages()
    stage = None if not stages else max(stages, key=list(Stage).index)
    following = None if stage is None else next_stage(stage)
    if state.pending_sync or following is None or following not in stages_taught(school):
        raise fault(f"{where}.after.school", "not a school of the next stage", Reason.WRONG_STAGE)
    if stage is Stage.PRIMARY and years != state.primary_years:
        raise fault(f"{where}.after.primary_years", "another school system", Reason.WRONG_STAGE)
    if after["status"] is not Status.ENROLLED or after["grade"] != first_grade(
        following, primary_years=years
    ):
        raise fault(f"{where}.after.grade", "not the first grade of the next stage")


def check_request(state: State, event: Event, where: str) -> None:
    request = event.request
    at = f"{where}.request"
    assert request is not None
    if request.number not in (state.number, *state.former_numbers):
        raise fault(f"{at}.number", "another record's request", Reason.ANOTHER_RECORD)
    final = RequestStatus.VERIFIED if isinstance(request, ChangeRequest) else RequestStatus.APPROVED
    if request.status is not final:
        raise fault(f"{at}.status", "not approved at every step", Reason.ILLEGAL_TRANSITION)
    if request.decisions[-1].on > event.on:
        raise fault(f"{where}.on", "carried out before its last decision")
    if request in state.carried:
        raise fault(at, "carried out before", Reason.ALREADY_APPLIED)
    state.carried.append(request)
    filed = request.from_school if isinstance(request, TransferRequest) else request.school
    if filed.code != state.school.code:
        raise fault(at, "filed before the record moved", Reason.RECORD_MOVED)
    if isinstance(request, ChangeRequest):
        _check_change(state, event, request, at)
    elif isinstance(request, SuspensionRequest):
        if request.kind is SuspensionKind.SUSPEND:
            state.suspension = (event.on, request.months)
        elif state.suspension is not None:
            started, months = state.suspension
            state.suspension = (started, months + request.months)
    elif (changed(event)["school"], changed(event)["primary_years"]) != (
        request.to_school,
        request.primary_years,
    ):
        raise fault(f"{where}.after.school", "not where the request moves the record")


def _check_change(state: State, event: Event, request: ChangeRequest, at: str) -> None:
    field, new, student = request.field, request.new_value, state.student
    current = state.number if field is KeyField.NUMBER else getattr(student, field.value)
    if current != request.old_value or (
        field is KeyField.NUMBER and request.number != state.number
    ):
        raise fault(f"{at}.old_value", "the field changed since", Reason.STALE_REQUEST)
    if field is KeyField.NUMBER:
        if state.number.kind is RegistryKind.L or changed(event)["number"] != new:
            raise fault(f"{at}.new_value", "not the number the history gives")
        return
    changes: dict[str, Any] = {field.value: new}
    if isinstance(new, ResidentID):
        changes |= {"birth_date": new.birth_date, "sex": new.sex}
    try:
        wanted = attrs.evolve(student, **changes)
    except XuejiError:
        wanted = None  # apply_change could not have made that student either
    if changed(event)["student"] != wanted:
        raise fault(f"{at}.new_value", "not the change the history gives")
