"""Shared guards and history helpers of the rule modules (lifecycle, transfers, requests…)."""

from __future__ import annotations

import datetime
import enum
import warnings
from collections.abc import Iterable
from typing import Final, NamedTuple, TypeVar

import attrs

from xueji._authority import require, require_actor
from xueji._validators import day, enum_member
from xueji.actor import Actor, Role
from xueji.approval import RequestStatus, Routed, require_chain
from xueji.errors import DuplicateRegistration, IllegalTransition, InvalidValue, Reason
from xueji.policy import Policy
from xueji.record import TERMINAL, DedupResult, Event, EventKind, Record
from xueji.registry_number import RegistryNumber
from xueji.school import School
from xueji.stage import Stage, stages_taught, teaches_grade
from xueji.workflow import ChangeRequest, Request

__all__ = [
    "UNSET",
    "day",
    "event",
    "evolve",
    "require",
    "require_actor",
    "require_applicable",
    "require_grade_kept_on_refusal",
    "require_open",
    "require_passed",
    "require_pending_free",
    "require_policy",
    "require_record",
    "require_registrar",
    "require_request",
    "require_school",
    "require_stage",
    "school_left_offline",
    "student_stages",
    "switch",
    "taking",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


class Unset(enum.Enum):
    """The default of a deprecated switch, so that an explicit None is still refused."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


def require_registrar(actor: object, school: School, *, doing: str) -> Actor:
    return require(actor, Role.SCHOOL_REGISTRAR, school.code.value, doing=doing)


def _expect(value: object, kind: type[T]) -> T:
    """``value`` if it is a ``kind``, else `InvalidValue` naming the type expected and given."""
    if not isinstance(value, kind):
        raise InvalidValue(f"expected a xueji.{kind.__name__}, not {type(value).__name__}")
    return value


def require_record(record: object) -> Record:
    return _expect(record, Record)


def require_records(records: object) -> Iterable[object]:
    """``records`` as given, once it is an iterable and not one record or a text; its
    entries are the caller's to check."""
    if isinstance(records, str | Record) or not isinstance(records, Iterable):
        raise InvalidValue(
            f"must be an iterable of xueji.Record, not {type(records).__name__}", path="records"
        )
    return records


def require_request(request: object) -> ChangeRequest:
    return _expect(request, ChangeRequest)


def require_school(school: object, *, what: str) -> School:
    if not isinstance(school, School):
        raise InvalidValue(f"{what} must be a xueji.School")
    return school


def require_open(record: Record, action: str) -> None:
    if record.status in TERMINAL:
        raise IllegalTransition(state=record.status.value, action=action)


def require_passed(dedup: object, *, instead: tuple[str, ...] = ()) -> None:
    dedup = _expect(dedup, DedupResult)
    if not dedup.passed:
        raise DuplicateRegistration(dedup.conflicts, instead=instead)


def switch(
    value: object,
    old: object,
    *,
    cls: type[E],
    what: str,
    old_name: str,
    when: tuple[E, E],
    default: object = None,
) -> E:
    """The member ``value`` names; or, from the deprecated boolean ``old``, ``when[0]`` for
    True and ``when[1]`` for False. Nothing is read from truthiness."""
    if old is UNSET:
        return enum_member(cls, value, what=what)
    warnings.warn(
        f"{old_name}= is deprecated: use {what}={cls.__name__}.{when[0].name}",
        DeprecationWarning,
        stacklevel=3,
    )
    if value is not default:
        raise InvalidValue(f"give {what} or the deprecated {old_name}, not both")
    if type(old) is not bool:
        raise InvalidValue(f"{old_name} must be True or False")
    return when[0] if old else when[1]


def event(
    record: Record,
    kind: EventKind,
    on: datetime.date,
    by: Actor | None,
    *,
    request: Request | None = None,
    **after: object,
) -> Event:
    """A history entry for changing ``after``'s fields of ``record``, with their old values."""
    before = {name: getattr(record, name) for name in after}
    return Event(kind, day(on), by, before, after, request)


def evolve(record: Record, change: Event, **changes: object) -> Record:
    """``record`` with ``changes`` applied and ``change`` appended to its history."""
    day(change.on, after=record.history[-1].on if record.history else None)
    return attrs.evolve(record, history=(*record.history, change), **changes)  # type: ignore[arg-type]


class Taking(NamedTuple):
    """What a step by the school that takes a student checks first: the values given."""

    record: Record
    school: School
    by: Actor
    policy: Policy
    on: datetime.date


def taking(
    record: object, school: object, by: object, policy: object, on: object, *, doing: str
) -> Taking:
    """``record``, the school that takes it (``to_school``), that school's registrar
    ``by``, ``policy`` and ``on``, each checked; refusals as the values' own checks."""
    record = require_record(record)
    school = require_school(school, what="to_school")
    actor = require_registrar(by, school, doing=doing)
    return Taking(record, school, actor, require_policy(policy), day(on))


def require_policy(policy: object) -> Policy:
    return _expect(policy, Policy)


def student_stages(record: Record) -> frozenset[Stage]:
    """The stage of the student's grade; when the grade is unknown, every stage the
    school may teach."""
    stage = record.stage
    return frozenset({stage}) if stage is not None else stages_taught(record.school)


def require_stage(record: Record, allowed: frozenset[Stage], *, action: str) -> None:
    """Refuse ``action`` unless the student is in one of the ``allowed`` stages: with
    ``wrong-stage`` when they are not, ``grade-unknown`` when only the grade could tell."""
    stages = student_stages(record)
    if stages and stages <= allowed:
        return
    unknown = record.grade is None and stages & allowed
    raise IllegalTransition(
        state=record.status.value,
        action=action,
        detail="the grade decides: record it first" if unknown else "not in the student's stage",
        reason=Reason.GRADE_UNKNOWN if unknown else Reason.WRONG_STAGE,
    )


def numbers_of(record: Record) -> tuple[RegistryNumber, ...]:
    return (record.number, *record.former_numbers)


def _open(request: Request, record: Record) -> bool:
    if request.status in (RequestStatus.REJECTED, RequestStatus.CHECK_FAILED):
        return False
    return not any(past.request == request for past in record.history)


def require_pending_free(
    record: Record, pending: object, kind: type[Request], *, action: str
) -> None:
    """Refuse ``action`` while one of ``pending`` (the record's requests, from the caller's
    store) is an open request of ``kind`` for this record."""
    if isinstance(pending, str) or not isinstance(pending, Iterable):
        raise InvalidValue("pending must be an iterable of the record's requests")
    numbers = numbers_of(record)
    for request in pending:
        if not isinstance(request, Routed):
            raise InvalidValue("pending must hold requests")
        if isinstance(request, kind) and request.number in numbers and _open(request, record):
            raise IllegalTransition(
                state=record.status.value,
                action=action,
                detail=f"an open {kind.__name__} for this record comes first",
                reason=Reason.PENDING_REQUEST,
            )


def require_applicable(record: Record, request: Request, *, school: School, action: str) -> None:
    """A request approved at every step, for this record, filed at the school the record
    is at now, and not carried out before."""
    if request.number not in numbers_of(record):
        raise IllegalTransition(
            state=request.status.value,
            action=action,
            detail="another record's request",
            reason=Reason.ANOTHER_RECORD,
        )
    if request.status is not RequestStatus.APPROVED:
        raise IllegalTransition(state=request.status.value, action=action)
    if any(past.request == request for past in record.history):
        raise IllegalTransition(
            state=request.status.value,
            action=action,
            detail="carried out before",
            reason=Reason.ALREADY_APPLIED,
        )
    require_chain(request, action=action)
    if record.school.code != school.code:
        raise IllegalTransition(
            state=request.status.value,
            action=action,
            detail="the record moved since the request was filed",
            reason=Reason.RECORD_MOVED,
        )


def school_left_offline(record: Record) -> School:
    """The school the record's pending offline transfer left, from its event."""
    for past in reversed(record.history):
        if past.kind is EventKind.TRANSFER_OFFLINE:
            left = past.before.get("school")
            if isinstance(left, School):
                return left
            break
    raise IllegalTransition(
        state="pending-sync",
        action="refuse a transfer",
        detail="the history holds no offline transfer to undo",
        reason=Reason.BROKEN_CHAIN,
    )


def require_grade_kept_on_refusal(
    record: Record, grade: int, *, primary_years: int, action: str
) -> None:
    """While an offline transfer awaits the national system's answer, a new grade must be
    one the school it left teaches too: a refusal sends the record back there (R6)."""
    if record.pending_sync and not teaches_grade(
        school_left_offline(record), grade, primary_years=primary_years
    ):
        raise IllegalTransition(
            state="pending-sync",
            action=action,
            detail="the school left offline does not teach that grade: sync the transfer first",
            reason=Reason.WRONG_STAGE,
        )
