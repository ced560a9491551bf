"""Records reached by real sequences of operations."""

from __future__ import annotations

import calendar
import datetime
import functools
from typing import Final

import attrs
from hypothesis import strategies as st

from xueji._rules import school_left_offline, student_stages
from xueji.actor import Actor, Role
from xueji.approval import Step, Verdict, decide
from xueji.change_request import apply_change, request_change, review, verify_change
from xueji.lifecycle import promote, register, update_info
from xueji.policy import Policy
from xueji.progression import advance_grade, graduated_stage, progress, set_grade
from xueji.record import (
    TERMINAL,
    TRANSITIONS,
    Action,
    DedupResult,
    EventKind,
    PopulationMatch,
    Record,
    Status,
    Student,
)
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.resident_id import (
    ResidentID,
    Sex,
    make_resident_id,
)
from xueji.school import School, SchoolCategory
from xueji.school_transfer import (
    SyncOutcome,
    TransferMode,
    complete_transfer,
    request_transfer,
    sync_transfer,
    transfer,
)
from xueji.stage import (
    COMPULSORY,
    GRADES,
    STAGES_TAUGHT,
    Stage,
    last_grade,
    next_stage,
    stage_of,
)
from xueji.status import change_status, return_from_abroad
from xueji.strategies._base import (
    BORN,
    INFO,
    LATEST_BIRTH_DATE,
    R,
    county_codes,
    county_region,
    days_between,
    invalid_argument,
    mainland_region,
    person_names,
    valid_born,
)
from xueji.strategies._numbers import any_id_region
from xueji.strategies._people import CENTRAL_ACTOR, draw_school, draw_student, id_for, registrar_of
from xueji.suspension import (
    extend_suspension,
    request_extension,
    request_suspension,
    suspend,
    suspension_ends,
)
from xueji.workflow import (
    KeyField,
)

# -- records: real sequences of operations --------------------------------------------

#: School categories of basic education, the only ones that register students.
_BASIC: Final = tuple(c for c in SchoolCategory if STAGES_TAUGHT[c])
_BASIC_CATEGORIES: Final = st.sampled_from(_BASIC)
NATIONAL_POLICY: Final = Policy.NATIONAL
NOTES: Final = ("", "随父母工作调动", "就近入学")


def later_day(draw: st.DrawFn, day: datetime.date) -> datetime.date:
    """The same day or up to about a year later (never past 9999-12-31)."""
    ordinal = day.toordinal() + draw(st.integers(0, 400))
    return datetime.date.fromordinal(min(ordinal, LATEST_BIRTH_DATE.toordinal()))


def outside_freeze(day: datetime.date) -> datetime.date:
    """``day``, or the first day after the transfer freeze when it falls in it."""
    if NATIONAL_POLICY.in_transfer_freeze(day):
        return datetime.date(day.year, 8, 15)
    return day


def _years_later(day: datetime.date, years: int) -> datetime.date:
    year = min(day.year + years, LATEST_BIRTH_DATE.year)
    # 29 February has its anniversaries on 1 March.
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 3, 1)
    return day.replace(year=year)


@functools.cache
def _counties_of(province: str) -> st.SearchStrategy[str]:
    return st.sampled_from(tuple(c for c in county_codes() if c[:2] == province))


@functools.cache
def other_counties(county: str) -> st.SearchStrategy[str]:
    """Another county of ``county``'s province (itself, if the province has no other)."""
    others = tuple(c for c in county_codes() if c[:2] == county[:2] and c != county)
    return st.sampled_from(others or (county,))


@functools.cache
def counties_outside(province: str) -> st.SearchStrategy[str]:
    return st.sampled_from(tuple(c for c in county_codes() if c[:2] != province))


@functools.cache
def _categories_teaching(stages: frozenset[Stage]) -> st.SearchStrategy[SchoolCategory]:
    return st.sampled_from(tuple(c for c in _BASIC if STAGES_TAUGHT[c] & stages))


def school_teaching(
    draw: st.DrawFn,
    stages: frozenset[Stage],
    regions: st.SearchStrategy[str],
    current: School,
) -> School:
    """Another school than ``current``, in ``regions``, that teaches one of ``stages``."""
    school = draw_school(draw, _categories_teaching(stages), regions)
    if school.code == current.code:
        # A move needs another school: take the next serial, rather than filter.
        code = current.code.value
        serial = int(code[4:]) % 999_999 + 1
        school = attrs.evolve(school, code=f"{code[:4]}{serial:06d}")
    return school


def _actor_for(step: Step) -> Actor:
    if step.role is Role.CENTRAL:
        return CENTRAL_ACTOR
    return Actor(step.role, step.scope, "审核员")


def with_decisions(request: R, approvals: int, on: datetime.date, *, reject: bool = False) -> R:
    """``request`` with ``approvals`` steps approved on ``on``, then a rejection if asked."""
    for _ in range(approvals):
        step = request.pending_step
        assert step is not None  # the caller counted the steps
        request = decide(request, Verdict.APPROVE, by=_actor_for(step), on=on)
    step = request.pending_step
    if reject and step is not None:
        request = decide(request, Verdict.REJECT, by=_actor_for(step), on=on, note="材料不全")
    return request


def _online(draw: st.DrawFn, record: Record, school: School, on: datetime.date) -> Record:
    on = outside_freeze(on)
    by = registrar_of(school)
    request = request_transfer(record, to_school=school, by=by, on=on)
    return complete_transfer(
        record, with_decisions(request, len(request.route.steps), on), by=by, on=on
    )


def draw_suspended(draw: st.DrawFn, record: Record, on: datetime.date) -> Record:
    by = registrar_of(record.school)
    months = draw(st.integers(1, NATIONAL_POLICY.suspension_months))
    request = request_suspension(record, months=months, evidence=("病历",), by=by, on=on)
    return suspend(record, with_decisions(request, 1, on), by=by, on=on)


def _may_extend(record: Record, on: datetime.date) -> bool:
    """Whether ``record``'s suspension still runs on ``on`` with its extension unused."""
    ends = suspension_ends(record)
    if ends is None or on > ends:
        return False
    used = 0
    for event in reversed(record.history):
        if event.kind is EventKind.SUSPEND:
            break
        used += event.kind is EventKind.EXTEND_SUSPENSION
    return used < NATIONAL_POLICY.extensions


def _extended(record: Record, on: datetime.date) -> Record:
    """``record``'s running suspension, extended by a month through an approved request."""
    by = registrar_of(record.school)
    request = request_extension(record, months=1, evidence=("病历",), by=by, on=on)
    return extend_suspension(record, with_decisions(request, 1, on), by=by, on=on)


def _key_fields(record: Record) -> list[KeyField]:
    """The key fields a request may change on ``record`` now."""
    rid = record.student.resident_id
    fields = [KeyField.NAME, KeyField.RESIDENT_ID]
    if rid is None:
        fields += [KeyField.SEX, KeyField.BIRTH_DATE]
    elif record.number.kind is not RegistryKind.L and (
        record.number != RegistryNumber.for_resident(rid)
    ):
        fields.append(KeyField.NUMBER)  # J -> G, or G -> G after a new resident ID
    return fields


def draw_new_value(
    draw: st.DrawFn, field: KeyField, student: Student, born: tuple[datetime.date, datetime.date]
) -> object:
    """Another value of ``field`` for ``student``: a number only for a student with a
    resident ID, whose G number it is."""
    if field is KeyField.NAME:
        return _new_name(draw, student.name)
    if field is KeyField.RESIDENT_ID:
        return _new_id(draw, student)
    if field is KeyField.SEX:
        return Sex.FEMALE if student.sex is Sex.MALE else Sex.MALE
    if field is KeyField.BIRTH_DATE:
        return _new_birth_date(draw, student.birth_date, born)
    assert student.resident_id is not None  # the callers offer numbers only then
    return RegistryNumber.for_resident(student.resident_id)


def _changed(draw: st.DrawFn, record: Record, on: datetime.date) -> Record:
    """``record`` with a key field changed through the whole chain: filed, reviewed by
    the county, verified by the central role and applied by the school."""
    field = draw(st.sampled_from(_key_fields(record)))
    new_value = draw_new_value(draw, field, record.student, BORN)
    by = registrar_of(record.school)
    request = request_change(
        record, field=field, new_value=new_value, evidence=("户口簿",), by=by, on=on
    )
    reviewer = Actor(Role.COUNTY_REVIEWER, record.school.region_code, "审核员")
    request = review(request, Verdict.APPROVE, by=reviewer, on=on)
    request = verify_change(request, dedup=DedupResult(), by=CENTRAL_ACTOR, on=on)
    return apply_change(record, request, by=by, on=on)


def _status_actions(record: Record, on: datetime.date, *, closing: bool) -> list[Action]:
    """The status changes `change_status` takes for ``record`` on ``on``."""
    stages = student_stages(record)
    grade, stage = record.grade, record.stage
    last = grade is None or stage is None or grade == last_grade(stage, primary_years=6)
    ends = suspension_ends(record)
    allowed = {
        Action.SUSPEND: False,  # a request, not a status change
        Action.WITHDRAW: bool(stages) and stages <= {Stage.SENIOR},
        Action.LEAVE: bool(stages) and stages <= {Stage.SENIOR},
        Action.DROP_OUT: bool(stages) and stages <= COMPULSORY,
        Action.GRADUATE: last,
        Action.COMPLETE: last,
        Action.RESUME: ends is None or on <= ends,
    }
    return [
        action
        for (state, action), target in TRANSITIONS.items()
        if state is record.status
        and (closing or target not in TERMINAL)
        and allowed.get(action, True)
    ]


def _step(draw: st.DrawFn, record: Record, *, closing: bool, mode: str) -> Record | None:
    """One operation that applies to ``record``, dated on or after its last event; None
    when nothing applies. ``mode="enrolled"`` keeps the record enrolled and synced."""
    status = record.status
    on = later_day(draw, record.history[-1].on)
    keep = mode == "enrolled"
    actions = [] if keep else _status_actions(record, on, closing=closing)
    grade, stage = record.grade, record.stage
    moves: list[str] = []
    if status not in TERMINAL:
        moves.append("update")
        if mode in ("any", "enrolled"):  # the other modes keep the key fields for a request
            moves.append("change")
        settable = _settable_grades(record) if grade is None else ()
        if settable:
            moves.append("set-grade")
    if status is Status.SUSPENDED and _may_extend(record, on):
        moves.append("extend")
    if status is Status.ABROAD and not record.pending_sync:
        moves.append("return-elsewhere")
    if actions:
        moves.append("status")
    if status is Status.ENROLLED and not record.pending_sync:
        moves.append("transfer")
        if not keep:
            moves.append("suspend")
        if grade is not None and stage is not None and grade < last_grade(stage, primary_years=6):
            moves.append("advance")
    if record.pending_sync and status not in TERMINAL:
        moves.append("sync")
    if status not in TERMINAL and record.number.kind is RegistryKind.L:
        moves.append("promote")
    graduated = graduated_stage(record)
    if not (keep or record.pending_sync) and graduated is not None and next_stage(graduated):
        moves.append("progress")
    if not moves:
        return None
    move = draw(st.sampled_from(moves))
    if move == "update":
        field, values = draw(st.sampled_from(INFO))
        value = draw(st.sampled_from((*values, None)))
        return update_info(record, by=registrar_of(record.school), on=on, **{field: value})
    if move == "status":
        action = draw(st.sampled_from(actions))
        return change_status(record, action, by=registrar_of(record.school), on=on)
    if move == "transfer":
        school = school_teaching(draw, student_stages(record), county_region(), record.school)
        if keep or draw(st.booleans()):
            return _online(draw, record, school, on)
        return transfer(
            record, to_school=school, by=registrar_of(school), on=on, mode=TransferMode.OFFLINE
        )
    if move == "suspend":
        return draw_suspended(draw, record, on)
    if move == "change":
        return _changed(draw, record, on)
    if move == "extend":
        return _extended(record, on)
    if move == "set-grade":
        grade = draw(st.sampled_from(settable))
        return set_grade(record, grade, by=registrar_of(record.school), on=on)
    if move == "return-elsewhere":
        school = draw_school(draw, _BASIC_CATEGORIES, county_region())
        grade = draw(st.sampled_from(_grades_of(school)))
        return return_from_abroad(
            record, to_school=school, grade=grade, by=registrar_of(school), on=on
        )
    if move == "advance":
        return advance_grade(record, by=CENTRAL_ACTOR, on=on)
    if move == "progress":
        following = next_stage(graduated)  # type: ignore[arg-type]  # checked above
        assert following is not None
        province = record.school.code.province_code
        school = school_teaching(
            draw, frozenset({following}), _counties_of(province), record.school
        )
        return progress(record, to_school=school, by=registrar_of(school), on=on)
    if move == "sync":
        outcome = draw(st.sampled_from(SyncOutcome))
        by = draw(st.sampled_from((CENTRAL_ACTOR, None)))
        return sync_transfer(record, outcome=outcome, by=by, on=on)
    student = record.student
    match = None
    # Found in the population database: a G number, and the student gains the ID.
    if mode != "no-id" and draw(st.booleans()):
        rid = student.resident_id or id_for(
            draw, mainland_region(), student.birth_date, student.sex
        )
        match = PopulationMatch(rid, student.name)
    return promote(record, match=match, dedup=DedupResult(), by=CENTRAL_ACTOR, on=on)


def _grades_of(school: School) -> tuple[int, ...]:
    """The grades the school teaches (under 六三制)."""
    taught = STAGES_TAUGHT[school.code.category]
    return tuple(g for g in GRADES if stage_of(g, primary_years=6) in taught)


def _settable_grades(record: Record) -> tuple[int, ...]:
    """The grades `set_grade` takes for ``record``: its school's, and while an offline
    transfer awaits its answer, only those the school it left teaches too."""
    grades = _grades_of(record.school)
    if record.pending_sync:
        left = set(_grades_of(school_left_offline(record)))
        grades = tuple(g for g in grades if g in left)
    return grades


def _draw_grade(draw: st.DrawFn, school: School) -> int | None:
    """No grade, or a grade the school teaches (under 六三制)."""
    return draw(st.none() | st.sampled_from(_grades_of(school)))


def draw_record(
    draw: st.DrawFn,
    born: tuple[datetime.date, datetime.date],
    max_steps: int,
    *,
    closing: bool,
    mode: str = "any",
) -> Record:
    """Register a student, then take up to ``max_steps`` operations.

    ``closing=False`` keeps the record open. ``mode`` shapes it for a request:
    ``"renumber"`` gives a J record whose student has a resident ID (for J -> G),
    ``"no-id"`` a student who never gains one (for sex and birth-date changes),
    ``"enrolled"`` an enrolled record with no offline move pending (for a transfer or a
    suspension).
    """
    school = draw_school(draw, _BASIC_CATEGORIES, county_region())
    with_id = {"renumber": True, "no-id": False}.get(mode)
    student = draw_student(draw, born, None, with_id=with_id, regions=any_id_region())
    enrolled = draw(
        days_between(
            student.birth_date,
            _years_later(student.birth_date, 20),
            _years_later(student.birth_date, 6),
        )
    )
    grade = _draw_grade(draw, school)
    young = grade == 1 and not NATIONAL_POLICY.meets_entry_age(student.birth_date, on=enrolled)
    record = register(
        student,
        school=school,
        by=registrar_of(school),
        on=enrolled,
        dedup=DedupResult(),
        taken=(),
        grade=grade,
        age_approval="区教育局批复" if young else None,
    )
    if mode == "renumber":
        # A J number on a student with a resident ID: the case a J -> G change is for.
        record = promote(record, match=None, dedup=DedupResult(), by=CENTRAL_ACTOR, on=enrolled)
    for _ in range(draw(st.integers(0, max_steps))):
        after = _step(draw, record, closing=closing, mode=mode)
        if after is None:
            break
        record = after
    return record


def valid_max_steps(max_steps: object) -> int:
    if type(max_steps) is not int or not 0 <= max_steps <= 100:
        raise invalid_argument(f"max_steps must be an int in 0...100, not {max_steps!r}")
    return max_steps


def records(
    *,
    born: tuple[datetime.date, datetime.date] = BORN,
    max_steps: int = 5,
) -> st.SearchStrategy[Record]:
    """Records reached by real operations: [`register`][xueji.register] at a school of
    basic education, with no grade or a grade it teaches, then up to ``max_steps`` of
    transfer (a completed request, or offline), sync_transfer (done or refused),
    update_info, promote, a key-field change (filed, reviewed, verified and applied), a
    suspension (requested, approved, started) and its extension, setting a missing grade,
    the yearly grade rollover, change_status (graduation from the last grade, withdrawal in
    senior secondary, dropping out in the compulsory stages, resumption…), a return from
    abroad to another school and progression of a graduate to the next stage, each
    allowed where the record stands, done by an actor in scope and dated on or after the
    last event. Every record passes [`check_history`][xueji.check_history].

    Examples:
        The minimal example: a student born 2000-01-01, registered on 2006-01-01 with
        no grade at the minimal primary school (``2111000001`` at 110101) with number
        ``L110101200001010010``, and nothing more.
    """
    lo, hi = valid_born(born)
    steps = valid_max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> Record:
        return draw_record(draw, (lo, hi), steps, closing=True)

    return build()


def _new_name(draw: st.DrawFn, old: str) -> str:
    name = draw(person_names())
    return name if name != old else old + "一"


def _new_id(draw: st.DrawFn, student: Student) -> ResidentID:
    rid = id_for(draw, mainland_region(), student.birth_date, student.sex)
    if rid == student.resident_id:
        # Another ID with the same parts but the sequence two along (same sex).
        seq = rid.sequence + 2 if rid.sequence <= 997 else rid.sequence - 2
        rid = make_resident_id(region_code=rid.region_code, birth_date=rid.birth_date, sequence=seq)
    return rid


def _new_birth_date(
    draw: st.DrawFn, old: datetime.date, born: tuple[datetime.date, datetime.date]
) -> datetime.date:
    """A corrected birth date within ``born``: shrinks to the day after ``old``."""
    lo, hi = born
    if lo == hi:  # the range has no other day: step outside it, rather than fail
        return old + datetime.timedelta(days=1 if old < LATEST_BIRTH_DATE else -1)
    new = draw(days_between(lo, hi, old + datetime.timedelta(days=1) if old < hi else old))
    if new == old:
        new = old + datetime.timedelta(days=1 if old < hi else -1)
    return new
