"""Grades through the years (升级, 留级, 跳级, 降级就读) and progression to the next stage (升学).

The national system advances every non-graduating student by one grade each summer
([`advance_grades`][xueji.advance_grades], by the central role; 10 August nationally);
the last grade of a stage does not advance, it graduates. Repeating, skipping and moving
down a grade are separate steps the province switches on (`Policy.grade_changes`), and
none crosses a stage boundary. A primary or junior graduate is taken up by a school of
the next stage with the same record ([`progress`][xueji.progress]): one number, one
student, one history for the whole of basic education (R8, ADR 0027).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from xueji._rules import (
    event,
    evolve,
    require,
    require_grade_kept_on_refusal,
    require_open,
    require_policy,
    require_record,
    require_records,
    require_registrar,
    taking,
)
from xueji.actor import Actor, Role
from xueji.errors import IllegalTransition, Reason, XuejiError
from xueji.policy import GradeChange, Policy
from xueji.record import EventKind, Record, Status
from xueji.school import School, SchoolCategory
from xueji.stage import (
    Stage,
    check_grade,
    first_grade,
    last_grade,
    next_stage,
    stages_taught,
    teaches_grade,
)

__all__ = [
    "Rollover",
    "advance_grade",
    "advance_grades",
    "graduated_stage",
    "move_down",
    "progress",
    "repeat_grade",
    "set_grade",
    "skip_grade",
]


def _refuse(record: Record, action: str, detail: str, reason: Reason) -> IllegalTransition:
    return IllegalTransition(state=record.status.value, action=action, detail=detail, reason=reason)


def _known_grade(record: Record, action: str) -> tuple[int, Stage]:
    if record.status is not Status.ENROLLED:
        raise IllegalTransition(state=record.status.value, action=action)
    stage = record.stage
    if record.grade is None or stage is None:
        raise _refuse(record, action, "the grade is not known: set it first", Reason.GRADE_UNKNOWN)
    return record.grade, stage


def _regrade(record: Record, kind: EventKind, grade: int, by: Actor, on: datetime.date) -> Record:
    require_grade_kept_on_refusal(
        record, grade, primary_years=record.primary_years, action=f"move to grade {grade}"
    )
    return evolve(record, event(record, kind, on, by, grade=grade), grade=grade)


def set_grade(
    record: Record,
    grade: int,
    *,
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Record the grade of a record registered without one (counted under
    ``policy.primary_years``); a known grade changes only by the steps of this module.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is closed or already has a grade
            (``illegal-transition``), or the school does not teach it (``wrong-stage``).
    """
    record = require_record(record)
    action = "set the grade"
    by = require_registrar(by, record.school, doing=action)
    policy = require_policy(policy)
    require_open(record, action)
    grade = check_grade(grade)
    if record.grade is not None:
        raise _refuse(
            record, action, "the grade is known: it moves by its steps", Reason.ILLEGAL_TRANSITION
        )
    if not teaches_grade(record.school, grade, primary_years=policy.primary_years):
        raise _refuse(record, action, "the school does not teach that grade", Reason.WRONG_STAGE)
    require_grade_kept_on_refusal(record, grade, primary_years=policy.primary_years, action=action)
    change = event(
        record, EventKind.SET_GRADE, on, by, grade=grade, primary_years=policy.primary_years
    )
    return evolve(record, change, grade=grade, primary_years=policy.primary_years)


def advance_grade(record: Record, *, by: Actor, on: datetime.date) -> Record:
    """Move an enrolled student up one grade (升级): the yearly rollover, by the central role.

    Raises:
        NotAuthorized: ``by`` is not the central role.
        IllegalTransition: the record is not enrolled (``illegal-transition``), its grade is
            not known (``grade-unknown``) or is the last of its stage, which graduates
            instead (``last-grade``).
    """
    record = require_record(record)
    action = "advance the grade"
    by = require(by, Role.CENTRAL, None, doing=action)
    grade, stage = _known_grade(record, action)
    if grade == last_grade(stage, primary_years=record.primary_years):
        raise _refuse(record, action, "the last grade graduates", Reason.LAST_GRADE)
    return _regrade(record, EventKind.ADVANCE_GRADE, grade + 1, by, on)


@attrs.frozen
class Rollover:
    """The outcome of a yearly rollover: the records advanced, and those not, with why."""

    advanced: tuple[Record, ...]
    refused: tuple[tuple[Record, XuejiError], ...]


def advance_grades(records: Iterable[Record], *, by: Actor, on: datetime.date) -> Rollover:
    """Advance every record that can move up one grade; the others are returned with the
    refusal (``last-grade`` for those who graduate instead, ``illegal-transition`` for
    those not enrolled). ``by`` is the central role, checked once for the whole batch.

    Raises:
        NotAuthorized: ``by`` is not the central role (nothing is advanced).
        InvalidValue: ``records`` is not an iterable of records.
    """
    by = require(by, Role.CENTRAL, None, doing="advance the grades")
    advanced: list[Record] = []
    refused: list[tuple[Record, XuejiError]] = []
    for entry in require_records(records):
        record = require_record(entry)
        try:
            advanced.append(advance_grade(record, by=by, on=on))
        except XuejiError as err:
            refused.append((record, err))
    return Rollover(tuple(advanced), tuple(refused))


def _change_grade(
    record: Record,
    change: GradeChange,
    step: int,
    *,
    by: Actor,
    on: datetime.date,
    policy: Policy,
) -> Record:
    record = require_record(record)
    action = {
        GradeChange.REPEAT: "repeat a grade",
        GradeChange.SKIP: "skip a grade",
        GradeChange.MOVE_DOWN: "move down a grade",
    }[change]
    by = require_registrar(by, record.school, doing=action)
    policy = require_policy(policy)
    grade, stage = _known_grade(record, action)
    if change not in policy.grade_changes:
        raise _refuse(
            record, action, f"the policy does not allow to {action}", Reason.NOT_IN_POLICY
        )
    if change is GradeChange.MOVE_DOWN and record.school.code.category is not (
        SchoolCategory.SPECIAL_EDUCATION
    ):
        raise _refuse(
            record, action, "only special-education students move down", Reason.WRONG_STAGE
        )
    years = record.primary_years
    if (
        not first_grade(stage, primary_years=years)
        <= grade + step
        <= last_grade(stage, primary_years=years)
    ):
        raise _refuse(record, action, "no grade change crosses a stage", Reason.STAGE_BOUNDARY)
    kind = {
        GradeChange.REPEAT: EventKind.REPEAT_GRADE,
        GradeChange.SKIP: EventKind.SKIP_GRADE,
        GradeChange.MOVE_DOWN: EventKind.MOVE_DOWN,
    }[change]
    return _regrade(record, kind, grade + step, by, on)


def repeat_grade(
    record: Record, *, by: Actor, on: datetime.date, policy: Policy = Policy.NATIONAL
) -> Record:
    """Send a student back one grade to repeat it (留级), where the policy allows it.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the policy does not allow it (``not-in-policy``), the student is
            in the first grade of a stage (``stage-boundary``), the grade is not known
            (``grade-unknown``), or the record is not enrolled.
    """
    return _change_grade(record, GradeChange.REPEAT, -1, by=by, on=on, policy=policy)


def skip_grade(
    record: Record, *, by: Actor, on: datetime.date, policy: Policy = Policy.NATIONAL
) -> Record:
    """Move a student up one grade beyond the rollover (跳级), where the policy allows it;
    never out of the stage's last grade.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: as for `repeat_grade`.
    """
    return _change_grade(record, GradeChange.SKIP, 1, by=by, on=on, policy=policy)


def move_down(
    record: Record, *, by: Actor, on: datetime.date, policy: Policy = Policy.NATIONAL
) -> Record:
    """Move a special-education student down one grade (降级就读, 2025 Measures, Art. 14).

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: as for `repeat_grade`; a school that is not a special-education
            school (``wrong-stage``).
    """
    return _change_grade(record, GradeChange.MOVE_DOWN, -1, by=by, on=on, policy=policy)


def graduated_stage(record: Record) -> Stage | None:
    """The stage a graduated record graduated from: its grade's, or for a record without a
    grade the highest stage its school teaches; None when it has not graduated."""
    record = require_record(record)
    if record.status is not Status.GRADUATED:
        return None
    if record.stage is not None:
        return record.stage
    taught = stages_taught(record.school)
    return max(taught, key=list(Stage).index) if taught else None


def progress(
    record: Record,
    *,
    to_school: School,
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """A school of the next stage takes up a primary or junior graduate (升学).

    The record keeps its number, student, history and continuous registration (R8): the
    lifelong number. The student enters the first grade of the next stage under
    ``policy`` (the receiving school's), and the progression event is the handover of the
    archive from the graduating school (``before``) to ``to_school`` (``after``). A 五四制
    primary graduate does not enter a 六三制 junior school. Across provinces, progression
    starts only in ``policy.progression_windows`` (15 August to 14 December and 1 March to
    31 May nationally). A senior graduate has finished basic education.

    Raises:
        NotAuthorized: ``by`` is not the registrar of ``to_school``.
        IllegalTransition: the record has not graduated or awaits a sync
            (``illegal-transition``); it graduated from senior secondary, ``to_school``
            does not teach the next stage or runs another school system (``wrong-stage``);
            outside the windows (``out-of-window``).
    """
    action = "progress"
    record, to_school, by, policy, on = taking(record, to_school, by, policy, on, doing=action)
    if record.status is not Status.GRADUATED or record.pending_sync:
        state = "pending-sync" if record.pending_sync else record.status.value
        raise IllegalTransition(state=state, action=action)
    stage = graduated_stage(record)
    following = None if stage is None else next_stage(stage)
    if following is None:
        raise _refuse(record, action, "basic education is complete", Reason.WRONG_STAGE)
    if stage is Stage.PRIMARY and record.primary_years != policy.primary_years:
        raise _refuse(
            record, action, "the receiving school runs another school system", Reason.WRONG_STAGE
        )
    if following not in stages_taught(to_school):
        raise _refuse(
            record, action, f"the school does not teach {following.label}", Reason.WRONG_STAGE
        )
    if to_school.code.province_code != record.school.code.province_code and not (
        policy.in_progression_window(on)
    ):
        raise _refuse(
            record, action, "progression across provinces is closed now", Reason.OUT_OF_WINDOW
        )
    grade = first_grade(following, primary_years=policy.primary_years)
    changes: dict[str, object] = {
        "status": Status.ENROLLED,
        "school": to_school,
        "grade": grade,
        "primary_years": policy.primary_years,
    }
    change = event(record, EventKind.PROGRESS, on, by, **changes)  # type: ignore[arg-type]
    return evolve(record, change, **changes)
