"""Key-field change requests (关键信息变更) and their review chain (R11–R13).

The school's registry administrator submits a request with evidence; a county reviewer
of the school's county approves or rejects it; the central database runs the national
duplicate check; only then may :func:`apply_change` change the record.
Every decision is kept on the request, and the applied change on the record's history.
"""

from __future__ import annotations

import datetime
import enum
from typing import Final

import attrs

from xueji._rules import day, event, evolve, require, require_open, require_school_admin
from xueji.errors import IllegalTransition, InconsistentIdentity, InvalidValue, NotAuthorized
from xueji.record import Actor, DedupResult, Record, Role, check_name
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import School

__all__ = [
    "ChangeRequest",
    "Decision",
    "KeyField",
    "RequestState",
    "apply_change",
    "central_check",
    "request_change",
    "review",
]


class KeyField(enum.StrEnum):
    """The key fields that change only through a request."""

    NAME = "name"  # 姓名
    RESIDENT_ID = "resident_id"  # 身份证件号
    NUMBER = "number"  # 学籍号 (J → G, or a G renumbering)
    SEX = "sex"  # 性别, for a student without a resident ID (else the ID decides)
    BIRTH_DATE = "birth_date"  # 出生日期, likewise


class RequestState(enum.StrEnum):
    """Where a request stands in the review chain."""

    SUBMITTED = "submitted"
    APPROVED = "approved"  # by the county
    REJECTED = "rejected"  # by the county; final
    VERIFIED = "verified"  # the central duplicate check passed
    CHECK_FAILED = "check-failed"  # the central duplicate check found conflicts; final


@attrs.frozen
class Decision:
    """One step of the review chain: who decided what, when, and why."""

    state: RequestState
    by: Actor
    on: datetime.date
    note: str = ""
    conflicts: tuple[RegistryNumber, ...] = ()


Value = str | ResidentID | RegistryNumber | Sex | datetime.date


def _hide_dates(value: object) -> str:
    # A birth-date request holds birth dates: keep them out of repr() like Student does.
    return "<hidden>" if isinstance(value, datetime.date) else repr(value)


@attrs.frozen
class ChangeRequest:
    """A request to change one key field of one record, with its evidence and decisions."""

    number: RegistryNumber
    school: School
    field: KeyField
    old_value: Value | None = attrs.field(repr=_hide_dates)
    new_value: Value = attrs.field(repr=_hide_dates)
    evidence: tuple[str, ...]
    submitted_by: Actor
    submitted_on: datetime.date
    state: RequestState = RequestState.SUBMITTED
    decisions: tuple[Decision, ...] = ()


def _current(record: Record, field: KeyField) -> Value | None:
    if field is KeyField.NUMBER:
        return record.number
    value: Value | None = getattr(record.student, field.value)
    return value


def _new_value(record: Record, field: KeyField, new_value: object) -> Value:
    if field is KeyField.NAME:
        if not isinstance(new_value, str):
            raise InvalidValue("a new name must be text")
        return check_name(new_value)
    if field is KeyField.RESIDENT_ID:
        if isinstance(new_value, ResidentID):
            return new_value
        return ResidentID.parse(str(new_value))
    if field in (KeyField.SEX, KeyField.BIRTH_DATE):
        if record.student.resident_id is not None:
            raise InconsistentIdentity(
                f"the resident ID decides the {field.value}: request a new resident ID instead"
            )
        if field is KeyField.SEX:
            try:
                return Sex(str(new_value))
            except ValueError:
                raise InvalidValue("a new sex must be a xueji.Sex") from None
        return day(new_value)
    if record.number.kind is RegistryKind.L:
        raise IllegalTransition(
            state="L", action="renumber", detail="an L number becomes formal through promote()"
        )
    number = (
        new_value if isinstance(new_value, RegistryNumber) else RegistryNumber.parse(str(new_value))
    )
    rid = record.student.resident_id
    if rid is None or number != RegistryNumber.for_resident(rid):
        raise InconsistentIdentity("a new number must be G + the student's current resident ID")
    return number


_FIELDS: Final = {f.value: f for f in KeyField}


def request_change(
    record: Record,
    *,
    field: KeyField,
    new_value: object,
    evidence: tuple[str, ...],
    by: Actor,
    on: datetime.date,
) -> ChangeRequest:
    """Submit a key-field change, with references to the household-registration proof.

    Raises:
        NotAuthorized: ``by`` is not the admin of the record's school.
        IllegalTransition: the record is closed, or an L record asks for a new number.
        InvalidValue: no evidence, or the new value equals the old one.
    """
    require_school_admin(by, record.school, doing="request a key-field change")
    require_open(record, "request a key-field change")
    key = _FIELDS.get(str(field))
    if key is None:
        raise InvalidValue(f"not a key field: {field!r}")
    if (
        not isinstance(evidence, tuple)
        or not evidence
        or not all(isinstance(e, str) and e.strip() for e in evidence)
    ):
        raise InvalidValue("evidence must be a non-empty tuple of document references")
    value = _new_value(record, key, new_value)
    old = _current(record, key)
    if value == old:
        raise InvalidValue("the new value equals the current one")
    return ChangeRequest(record.number, record.school, key, old, value, evidence, by, day(on))


def _decide(
    request: ChangeRequest, state: RequestState, by: Actor, on: datetime.date, **extra: object
) -> ChangeRequest:
    last = request.decisions[-1].on if request.decisions else request.submitted_on
    decision = Decision(state, by, day(on, after=last), **extra)  # type: ignore[arg-type]
    return attrs.evolve(request, state=state, decisions=(*request.decisions, decision))


def review(
    request: ChangeRequest, *, approve: bool, by: Actor, on: datetime.date, note: str = ""
) -> ChangeRequest:
    """The county's decision on a submitted request.

    Raises:
        NotAuthorized: ``by`` is not a reviewer of the school's county, or submitted it.
        IllegalTransition: the request is not awaiting review.
    """
    require(by, Role.COUNTY_REVIEWER, request.school.region_code, doing="review")
    if by.name == request.submitted_by.name:
        raise NotAuthorized("review: nobody may review a request they submitted")
    if request.state is not RequestState.SUBMITTED:
        raise IllegalTransition(state=request.state.value, action="review")
    state = RequestState.APPROVED if approve else RequestState.REJECTED
    return _decide(request, state, by, on, note=note)


def central_check(
    request: ChangeRequest, *, dedup: DedupResult, by: Actor, on: datetime.date
) -> ChangeRequest:
    """Record the central database's duplicate check of an approved request.

    Raises:
        NotAuthorized: ``by`` is not the central role.
        IllegalTransition: the request is not approved.
    """
    require(by, Role.CENTRAL, None, doing="central check")
    if request.state is not RequestState.APPROVED:
        raise IllegalTransition(state=request.state.value, action="central check")
    if not isinstance(dedup, DedupResult):
        raise InvalidValue("dedup must be a DedupResult")
    if dedup.passed:
        return _decide(request, RequestState.VERIFIED, by, on)
    return _decide(request, RequestState.CHECK_FAILED, by, on, conflicts=dedup.conflicts)


def apply_change(record: Record, request: ChangeRequest, *, on: datetime.date) -> Record:
    """Apply a verified request; the old value stays in the history (and in
    ``former_numbers`` for a number).

    A new resident ID keeps a G number as it is (R12) and brings its birth date and sex
    to the student; a number change (J → G, or G renumbering) moves the old number to
    ``former_numbers``.

    Raises:
        IllegalTransition: the request is not verified, is for another record, or is
            stale (the field changed since it was submitted), or the record is closed.
    """
    if request.state is not RequestState.VERIFIED:
        raise IllegalTransition(state=request.state.value, action="apply a change")
    day(on, after=request.decisions[-1].on)
    if any(past.request == request for past in record.history):
        raise IllegalTransition(state="applied", action="apply a change", detail="applied before")
    if request.number != record.number and request.field is not KeyField.NUMBER:
        raise IllegalTransition(
            state=request.state.value, action="apply a change", detail="another record's request"
        )
    require_open(record, "apply a change")
    if _current(record, request.field) != request.old_value or request.number != record.number:
        raise IllegalTransition(
            state=request.state.value, action="apply a change", detail="the record has changed"
        )
    new = request.new_value
    what = f"change-{request.field.value}"
    if request.field is KeyField.NUMBER:
        assert isinstance(new, RegistryNumber)
        change = event(record, what, on, None, request=request, number=new)
        return evolve(
            record, change, number=new, former_numbers=(*record.former_numbers, record.number)
        )
    student = record.student
    if request.field is KeyField.NAME:
        assert isinstance(new, str)
        student = attrs.evolve(student, name=new)
    elif request.field is KeyField.SEX:
        assert isinstance(new, Sex)
        student = attrs.evolve(student, sex=new)
    elif request.field is KeyField.BIRTH_DATE:
        assert isinstance(new, datetime.date)
        student = attrs.evolve(student, birth_date=new)
    else:
        assert isinstance(new, ResidentID)
        student = attrs.evolve(student, resident_id=new, birth_date=new.birth_date, sex=new.sex)
    return evolve(
        record, event(record, what, on, None, request=request, student=student), student=student
    )
