"""Status changes (学籍异动): graduation, withdrawal, dropping out, resumption, going abroad.

The table `TRANSITIONS` says which status each change leads to; the student's stage says
which changes are open to them (ADR 0027): withdrawal (退学) and leaving (肄业) are for
senior secondary students only, dropping out (辍学) for the compulsory stages only, and
graduation (毕业) or completion (结业) only from the last grade of a stage. A suspension is
a request ([`request_suspension`][xueji.request_suspension]), never a plain status change.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from xueji._frozen import FrozenMap
from xueji._rules import (
    day,
    event,
    evolve,
    require_grade_kept_on_refusal,
    require_policy,
    require_record,
    require_registrar,
    require_stage,
    taking,
)
from xueji._text import mask
from xueji.actor import Actor
from xueji.errors import IllegalTransition, InvalidValue, Reason
from xueji.policy import Policy
from xueji.record import TRANSITIONS, Action, EventKind, Period, Record, Status
from xueji.school import School
from xueji.stage import COMPULSORY, Stage, check_grade, last_grade, teaches_grade
from xueji.suspension import suspension_ends

__all__ = ["change_status", "drop_out", "resume", "return_from_abroad"]

_SENIOR = frozenset({Stage.SENIOR})


def _target(record: Record, action: Action) -> Status:
    target = TRANSITIONS.get((record.status, action))
    if target is None:
        raise IllegalTransition(state=record.status.value, action=str(action))
    return target


def _noted(
    record: Record,
    kind: EventKind,
    on: datetime.date,
    by: Actor,
    note: str,
    *,
    extra: Mapping[str, object] | None = None,
    **changes: object,
) -> Record:
    """``record`` with ``changes`` made by an event of ``kind``, whose ``after`` also keeps
    the note and ``extra`` facts (they are no fields of the record)."""
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    change = event(record, kind, on, by, **changes)  # type: ignore[arg-type]
    facts = {**(extra or {}), **({"note": note} if note else {})}
    if facts:
        change = attrs.evolve(change, after=FrozenMap({**change.after, **facts}))
    return evolve(record, change, **changes)


def drop_out(
    record: Record,
    *,
    by: Actor,
    on: datetime.date,
    absent_since: datetime.date | None = None,
    note: str = "",
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Record that a compulsory-stage pupil dropped out (辍学); the record is kept.

    ``absent_since`` is the first day of unexcused absence. Where the policy counts
    weeks of absence (``policy.dropout_absence_weeks``: four in Liaoning), it is required
    and the absence must have lasted that long by ``on``. Resumption undoes it.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is neither enrolled nor suspended
            (``illegal-transition``), the pupil is in senior secondary (``wrong-stage``)
            or only the grade could tell (``grade-unknown``), or the absence is shorter
            than the policy's count (``absence-too-short``).
    """
    record = require_record(record)
    action = Action.DROP_OUT
    by = require_registrar(by, record.school, doing=str(action))
    policy = require_policy(policy)
    on = day(on)
    target = _target(record, action)
    require_stage(record, COMPULSORY, action=str(action))
    weeks = policy.dropout_absence_weeks
    extra: dict[str, object] = {}
    if absent_since is not None:
        since = day(absent_since)
        if since > on:
            raise InvalidValue("the absence starts on or before the day it is recorded")
        if weeks is not None and (on - since).days < 7 * weeks:
            raise IllegalTransition(
                state=record.status.value,
                action=str(action),
                detail=f"the policy counts a drop-out after {weeks} weeks of absence",
                reason=Reason.ABSENCE_TOO_SHORT,
            )
        extra["absent_since"] = since
    elif weeks is not None:
        raise InvalidValue("this policy counts weeks of absence: give absent_since")
    return _noted(record, EventKind.DROP_OUT, on, by, note, extra=extra, status=target)


def resume(
    record: Record,
    *,
    by: Actor,
    on: datetime.date,
    note: str = "",
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Resume (复学) after a suspension, on or before the day it ends, or after dropping out.

    ``by`` is the registrar of the record's school. The grade stays as it was: a suspended
    or dropped-out pupil missed the yearly rollover.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is neither suspended nor dropped out
            (``illegal-transition``), or the suspension ended before ``on``
            (``suspension-cap``): extend it in time, or close the record.
    """
    record = require_record(record)
    action = Action.RESUME
    by = require_registrar(by, record.school, doing=str(action))
    require_policy(policy)
    on = day(on)
    target = _target(record, action)
    ends = suspension_ends(record)
    if ends is not None and on > ends:
        raise IllegalTransition(
            state=record.status.value,
            action=str(action),
            detail="the suspension ended: it was not extended in time",
            reason=Reason.SUSPENSION_CAP,
        )
    return _noted(record, EventKind.RESUME, on, by, note, status=target)


def _returned(
    record: Record,
    school: School,
    grade: int | None,
    primary_years: int,
    by: Actor,
    on: datetime.date,
    note: str,
) -> Record:
    target = _target(record, Action.RETURN)
    left = next(e.on for e in reversed(record.history) if e.kind is EventKind.GO_ABROAD)
    return _noted(
        record,
        EventKind.RETURN,
        on,
        by,
        note,
        status=target,
        school=school,
        grade=grade,
        primary_years=primary_years,
        continuous_since=on,
        time_abroad=(*record.time_abroad, Period(left, on)),
    )


def return_from_abroad(
    record: Record,
    *,
    to_school: School,
    grade: int,
    by: Actor,
    on: datetime.date,
    note: str = "",
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Take back a student returning from abroad (回国(境)), at any school and at the grade
    that school sets from the student's studies abroad.

    ``by`` is the registrar of ``to_school``; ``policy`` is that school's. The time abroad
    is kept on the record as a dated [`Period`][xueji.Period], from the day the student
    left to ``on``, and continuous registration restarts on ``on``.

    Raises:
        NotAuthorized: ``by`` is not the registrar of ``to_school``.
        IllegalTransition: the record is not abroad, or awaits the answer to an offline
            transfer (``illegal-transition``); ``to_school`` does not teach the grade
            (``wrong-stage``).
    """
    action = "return from abroad"
    record, to_school, by, policy, on = taking(record, to_school, by, policy, on, doing=action)
    _target(record, Action.RETURN)
    grade = check_grade(grade)
    if not teaches_grade(to_school, grade, primary_years=policy.primary_years):
        raise IllegalTransition(
            state=record.status.value,
            action=action,
            detail="the school does not teach that grade",
            reason=Reason.WRONG_STAGE,
        )
    if record.pending_sync and to_school.code != record.school.code:
        raise IllegalTransition(
            state="pending-sync", action=action, detail="sync the last offline transfer first"
        )
    require_grade_kept_on_refusal(record, grade, primary_years=policy.primary_years, action=action)
    return _returned(record, to_school, grade, policy.primary_years, by, on, note)


def _require_last_grade(record: Record, action: Action) -> None:
    stage = record.stage
    if stage is None or record.grade is None:
        return  # a record without a grade graduates as before
    if record.grade != last_grade(stage, primary_years=record.primary_years):
        raise IllegalTransition(
            state=record.status.value,
            action=str(action),
            detail=f"only the last grade of {stage.label} graduates",
            reason=Reason.NOT_LAST_GRADE,
        )


def change_status(
    record: Record,
    action: Action,
    *,
    by: Actor,
    on: datetime.date,
    note: str = "",
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Apply a status change (毕业, 结业, 退学, 死亡, 出国 …) allowed by `TRANSITIONS`.

    ``by`` is the registrar of the record's school. Graduation and completion are only
    from the last grade of a stage when the grade is known. Withdrawal (退学) and leaving
    (肄业) are for senior secondary students only: the grade decides, or when it is not
    known, a school that teaches senior secondary only. Dropping out and resuming are
    [`drop_out`][xueji.drop_out] and [`resume`][xueji.resume]; a return from abroad here
    is to the same school and grade ([`return_from_abroad`][xueji.return_from_abroad]
    takes any school) and restarts continuous registration. A suspension is a request:
    `Action.SUSPEND` is refused with ``request-required``.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the table has no such move from the current status
            (``illegal-transition``); the stage does not allow it (``wrong-stage``,
            ``grade-unknown``); not the last grade (``not-last-grade``); a suspension
            (``request-required``).
        InvalidValue: ``action`` is neither an `Action` nor text, or ``note`` is not text.
    """
    record = require_record(record)
    if not isinstance(action, str):
        raise InvalidValue("action must be a xueji.Action")
    try:
        action = Action(action)
    except ValueError:
        # A form may have put a personal number where the action belongs: anything as
        # long as one is shown masked, as school codes are.
        shown = action if len(action) <= 12 else mask(action)
        raise IllegalTransition(state=record.status.value, action=shown) from None
    by = require_registrar(by, record.school, doing=f"{action}")
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    if action is Action.RESUME:
        return resume(record, by=by, on=on, note=note, policy=policy)
    if action is Action.DROP_OUT:
        return drop_out(record, by=by, on=on, note=note, policy=policy)
    target = _target(record, action)
    if action is Action.SUSPEND:
        raise IllegalTransition(
            state=record.status.value,
            action=str(action),
            detail="a suspension is a request: request_suspension, decide, then suspend",
            reason=Reason.REQUEST_REQUIRED,
        )
    if action is Action.RETURN:
        return _returned(
            record, record.school, record.grade, record.primary_years, by, day(on), note
        )
    if action in (Action.WITHDRAW, Action.LEAVE):
        require_stage(record, _SENIOR, action=str(action))
    if action in (Action.GRADUATE, Action.COMPLETE):
        _require_last_grade(record, action)
    return _noted(record, EventKind(action.value), day(on), by, note, status=target)
