"""Records (学籍) and the values around them: students, outside answers, events.

Everything here is an immutable value; the operations that move a record from one
status to the next are the pure functions of `xueji.lifecycle` and
`xueji.change_request`. Actors are in `xueji.actor`, requests in `xueji.workflow`.
"""

from __future__ import annotations

import datetime
import enum
import itertools
import types
import warnings
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from xueji._deprecated import module_getattr
from xueji._display import fields_html
from xueji._frozen import FrozenMap, frozen_map
from xueji._names import parse_name
from xueji._number import pretty_by_repr
from xueji._validators import check_date, instance_of, tuple_of
from xueji.actor import Actor
from xueji.errors import InconsistentIdentity, InvalidValue
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import School
from xueji.stage import Stage, check_grade, check_primary_years, stage_of
from xueji.workflow import (
    ChangeRequest,
    KeyField,
    Request,
    SuspensionKind,
    SuspensionRequest,
    TransferRequest,
)

__all__ = [
    "NATIONAL_EVENTS",
    "REQUEST_EVENTS",
    "TERMINAL",
    "TRANSITIONS",
    "Action",
    "DedupResult",
    "Event",
    "EventKind",
    "Period",
    "PopulationMatch",
    "Record",
    "Status",
    "Student",
]

# Kept under the old names for code written against earlier releases.
_instance_of = instance_of
_check_date = check_date


def _check_student(student: Student, _attribute: object, rid: ResidentID | None) -> None:
    if rid is None:
        return
    if not isinstance(rid, ResidentID):
        raise InvalidValue("resident_id must be a ResidentID")
    if rid.birth_date != student.birth_date or rid.sex != student.sex:
        raise InconsistentIdentity("the resident ID disagrees with the birth date or sex")


def _check_sex(_instance: object, _attribute: object, value: Sex) -> None:
    if not isinstance(value, Sex):
        raise InvalidValue("sex must be a xueji.Sex")


@attrs.frozen(repr=False)
class Student:
    """A student: name, sex, birth date and, once known, the resident ID.

    A given ``resident_id`` must agree with the birth date and sex (else
    `InconsistentIdentity`). ``repr()`` hides the birth date.

    Examples:
        >>> import datetime
        >>> Student(" 王小明 ", Sex.MALE, datetime.date(2015, 9, 1))
        Student(name='王小明', sex=<Sex.MALE: '1'>, birth_date=<hidden>, resident_id=None)
    """

    name: str = attrs.field(converter=parse_name)
    sex: Sex = attrs.field(validator=_check_sex)
    birth_date: datetime.date = attrs.field(validator=check_date)
    resident_id: ResidentID | None = attrs.field(default=None, validator=_check_student)

    def __repr__(self) -> str:
        return (
            f"Student(name={self.name!r}, sex={self.sex!r}, birth_date=<hidden>, "
            f"resident_id={self.resident_id!r})"
        )

    _repr_pretty_ = pretty_by_repr
    _repr_html_ = fields_html("name", "sex", "resident_id")  # not the birth date


@attrs.frozen
class PopulationMatch:
    """What the national population database returned for a student (an outside fact)."""

    resident_id: ResidentID = attrs.field(validator=instance_of(ResidentID))
    name: str = attrs.field(converter=parse_name)


def _to_numbers(values: Iterable[RegistryNumber | str]) -> tuple[RegistryNumber, ...]:
    if isinstance(values, str):
        values = (values,)
    if not isinstance(values, Iterable):
        raise InvalidValue("conflicts must be registry numbers")
    return tuple(v if isinstance(v, RegistryNumber) else RegistryNumber.parse(v) for v in values)


@attrs.frozen
class DedupResult:
    """The outcome of the national duplicate check (全国查重): the clashing numbers, if any.

    Examples:
        >>> DedupResult().passed
        True
    """

    conflicts: tuple[RegistryNumber, ...] = attrs.field(default=(), converter=_to_numbers)

    @property
    def passed(self) -> bool:
        """True when the check found no conflict."""
        return not self.conflicts


class Status(enum.StrEnum):
    """The status of a record (学籍状态)."""

    ENROLLED = "enrolled"  # 在籍
    SUSPENDED = "suspended"  # 休学
    GRADUATED = "graduated"  # 毕业
    COMPLETED = "completed"  # 结业
    LEFT = "left"  # 肄业
    WITHDRAWN = "withdrawn"  # 退学
    DECEASED = "deceased"  # 死亡
    ABROAD = "abroad"  # 出国(境)
    DROPPED_OUT = "dropped-out"  # 辍学: compulsory stage only; the record is kept


class Action(enum.StrEnum):
    """Status changes (学籍异动) of the 2025 Measures (教基〔2025〕1号) and the provinces' rules."""

    SUSPEND = "suspend"  # 休学
    RESUME = "resume"  # 复学
    GRADUATE = "graduate"  # 毕业
    COMPLETE = "complete"  # 结业
    LEAVE = "leave"  # 肄业
    WITHDRAW = "withdraw"  # 退学, upper secondary only
    DECEASE = "decease"  # 死亡
    GO_ABROAD = "go-abroad"  # 出国(境)
    RETURN = "return"  # 回国(境)
    DROP_OUT = "drop-out"  # 辍学, compulsory stage only; undone by RESUME


S, A = Status, Action
#: Every allowed status change; any pair not listed raises IllegalTransition.
TRANSITIONS: Final[Mapping[tuple[Status, Action], Status]] = types.MappingProxyType(
    {
        (S.ENROLLED, A.SUSPEND): S.SUSPENDED,
        (S.SUSPENDED, A.RESUME): S.ENROLLED,
        (S.ENROLLED, A.GRADUATE): S.GRADUATED,
        (S.ENROLLED, A.COMPLETE): S.COMPLETED,
        (S.ENROLLED, A.LEAVE): S.LEFT,
        (S.ENROLLED, A.WITHDRAW): S.WITHDRAWN,
        (S.SUSPENDED, A.WITHDRAW): S.WITHDRAWN,
        (S.ENROLLED, A.DECEASE): S.DECEASED,
        (S.SUSPENDED, A.DECEASE): S.DECEASED,
        (S.ABROAD, A.DECEASE): S.DECEASED,
        (S.ENROLLED, A.GO_ABROAD): S.ABROAD,
        (S.ABROAD, A.RETURN): S.ENROLLED,
        (S.ENROLLED, A.DROP_OUT): S.DROPPED_OUT,
        (S.SUSPENDED, A.DROP_OUT): S.DROPPED_OUT,
        (S.DROPPED_OUT, A.RESUME): S.ENROLLED,
        (S.DROPPED_OUT, A.DECEASE): S.DECEASED,
    }
)
del S, A

#: Statuses that accept nothing more: no status change, update, transfer or key change.
TERMINAL: Final = frozenset(
    {Status.GRADUATED, Status.COMPLETED, Status.LEFT, Status.WITHDRAWN, Status.DECEASED}
)


class EventKind(enum.StrEnum):
    """What an event of a record's history records.

    Status changes use the value of their `Action`; key-field changes are
    ``change-<field>`` and carry their request.
    """

    REGISTER = "register"  # 学籍建立
    PROMOTE = "promote"  # L → G or J (正式学籍号)
    TRANSFER = "transfer"  # 转学, through the national system
    TRANSFER_OFFLINE = "transfer-offline"  # 线下转学: the electronic step follows (R6)
    SYNC_TRANSFER = "sync-transfer"  # the national system completed the electronic step
    TRANSFER_REFUSED = "transfer-refused"  # it refused it: the record goes back
    UPDATE_INFO = "update-info"
    SUSPEND = "suspend"
    RESUME = "resume"
    GRADUATE = "graduate"
    COMPLETE = "complete"
    LEAVE = "leave"
    WITHDRAW = "withdraw"
    DECEASE = "decease"
    GO_ABROAD = "go-abroad"
    RETURN = "return"
    DROP_OUT = "drop-out"  # 辍学
    EXTEND_SUSPENSION = "extend-suspension"  # 延长休学, carries its request
    SET_GRADE = "set-grade"  # the grade of a record registered without one
    ADVANCE_GRADE = "advance-grade"  # 升级, the yearly rollover
    REPEAT_GRADE = "repeat-grade"  # 留级
    SKIP_GRADE = "skip-grade"  # 跳级
    MOVE_DOWN = "move-down"  # 降级就读
    PROGRESS = "progress"  # 升学: the next stage's school takes up the record and its archive
    CHANGE_NAME = "change-name"
    CHANGE_RESIDENT_ID = "change-resident-id"
    CHANGE_NUMBER = "change-number"
    CHANGE_SEX = "change-sex"
    CHANGE_BIRTH_DATE = "change-birth-date"


#: The event that records each applied key-field change.
CHANGE_EVENTS: Final[Mapping[KeyField, EventKind]] = types.MappingProxyType(
    {
        KeyField.NAME: EventKind.CHANGE_NAME,
        KeyField.RESIDENT_ID: EventKind.CHANGE_RESIDENT_ID,
        KeyField.NUMBER: EventKind.CHANGE_NUMBER,
        KeyField.SEX: EventKind.CHANGE_SEX,
        KeyField.BIRTH_DATE: EventKind.CHANGE_BIRTH_DATE,
    }
)

#: The national system's own events: its answer to an offline transfer. These are the
#: only events whose ``by`` may be None, meaning the answer came from the national
#: system's data exchange with no person acting; every other event names its actor.
NATIONAL_EVENTS: Final = frozenset({EventKind.SYNC_TRANSFER, EventKind.TRANSFER_REFUSED})


def _to_kind(value: object) -> EventKind:
    if isinstance(value, EventKind):
        return value
    if isinstance(value, str):
        try:
            return EventKind(value)
        except ValueError:
            pass
    raise InvalidValue("an event's kind must be a xueji.EventKind")


def _check_by(event: Event, _attribute: object, by: Any) -> None:
    if by is None and event.kind in NATIONAL_EVENTS:
        return
    if not isinstance(by, Actor):
        raise InvalidValue("an event names its actor: only the national system's events may not")


#: The events that carry the request they carry out, with the request's type.
REQUEST_EVENTS: Final[Mapping[EventKind, type]] = types.MappingProxyType(
    {
        **dict.fromkeys(CHANGE_EVENTS.values(), ChangeRequest),
        EventKind.TRANSFER: TransferRequest,
        EventKind.SUSPEND: SuspensionRequest,
        EventKind.EXTEND_SUSPENSION: SuspensionRequest,
    }
)
_SUSPENSION_KINDS: Final = {
    EventKind.SUSPEND: SuspensionKind.SUSPEND,
    EventKind.EXTEND_SUSPENSION: SuspensionKind.EXTEND,
}


def _check_request(event: Event, _attribute: object, request: Any) -> None:
    wanted = REQUEST_EVENTS.get(event.kind)
    if wanted is None:
        if request is not None:
            raise InvalidValue(
                "only a key-field change, a transfer or a suspension carries a request"
            )
    elif not isinstance(request, wanted):
        raise InvalidValue(f"a {event.kind.value} event carries its {wanted.__name__}")
    elif isinstance(request, ChangeRequest) and CHANGE_EVENTS[request.field] is not event.kind:
        raise InvalidValue("a key-field change carries the request for that field")
    elif (
        isinstance(request, SuspensionRequest) and _SUSPENSION_KINDS[event.kind] is not request.kind
    ):
        raise InvalidValue("a suspension event carries a request of its kind")


@attrs.frozen
class Event:
    """One entry of a record's history: what happened, when, who did it, before and after.

    ``by`` names the actor; only the national system's own events (`NATIONAL_EVENTS`)
    may have None there. ``request`` links a key-field change, a transfer or a suspension
    to its request, with the evidence and every decision (`REQUEST_EVENTS`). ``what`` is
    a deprecated name of ``kind``.
    """

    kind: EventKind = attrs.field(converter=_to_kind)
    on: datetime.date = attrs.field(validator=check_date)
    by: Actor | None = attrs.field(validator=_check_by)
    before: FrozenMap[object] = attrs.field(factory=FrozenMap, converter=frozen_map)
    after: FrozenMap[object] = attrs.field(factory=FrozenMap, converter=frozen_map)
    request: Request | None = attrs.field(default=None, validator=_check_request)

    @property
    def what(self) -> EventKind:
        """Deprecated: use ``kind``."""
        warnings.warn("Event.what is deprecated: use Event.kind", DeprecationWarning, stacklevel=2)
        return self.kind


# The record's tuple checks, made once: a record is built on every step and every load.
_EVENTS: Final = tuple_of(Event)
_NUMBERS: Final = tuple_of(RegistryNumber)


def _check_end(period: Period, _attribute: object, end: Any) -> None:
    check_date(period, attrs.fields(Period).end, end)
    if end < period.start:
        raise InvalidValue("a period ends on or after its start")


@attrs.frozen
class Period:
    """A dated stretch of time: a time abroad, from the day the student left to the day
    they came back."""

    start: datetime.date = attrs.field(validator=check_date)
    end: datetime.date = attrs.field(validator=_check_end)


_PERIODS: Final = tuple_of(Period)


def _check_grade(_record: Record, _attribute: object, grade: Any) -> None:
    if grade is not None:
        check_grade(grade)


def _check_years(_record: Record, _attribute: object, years: Any) -> None:
    check_primary_years(years)


def _check_abroad(_record: Record, _attribute: object, periods: Any) -> None:
    _PERIODS(_record, _RECORD_FIELDS.time_abroad, periods)
    for earlier, later in itertools.pairwise(periods):
        if later.start < earlier.end:
            raise InvalidValue("the periods abroad are in order and do not overlap")


def _check_record(record: Record, _attribute: object, history: Any) -> None:
    _EVENTS(record, _RECORD_FIELDS.history, history)
    _NUMBERS(record, _RECORD_FIELDS.former_numbers, record.former_numbers)
    if not isinstance(record.pending_sync, bool):
        raise InvalidValue("pending_sync must be a bool")
    if record.continuous_since < record.enrolled_on:
        raise InvalidValue("continuous registration cannot start before enrolment")
    if not isinstance(record.school, School):
        raise InvalidValue("school must be a School")
    if not isinstance(record.student, Student):
        raise InvalidValue("student must be a Student")
    # The number's birth date may differ from the student's after a corrected resident ID:
    # numbers are lifelong (R8, R12), so that is not checked here.
    if record.number.kind == "G" and record.student.resident_id is None:
        raise InconsistentIdentity("a G record's student must have a resident ID")


@attrs.frozen
class Record:
    """A student's registry record (学籍) at one school.

    Build records with [`register`][xueji.register]; the other operations return new
    records. Nothing is ever dropped: former numbers stay in ``former_numbers`` and every
    change, with its actor, before and after, in ``history``.

    ``continuous_since`` is the first day of uninterrupted registration in basic
    education: transfers, online or offline, keep it; it restarts only on the return from
    abroad, the one gap the registry records (docs/rules.md, "continuous registration").

    ``grade`` is the grade (年级, 1–12) when known, counted under ``primary_years`` (6 for
    六三制, 5 for 五四制); ``stage`` follows from both. ``time_abroad`` keeps every
    period the student spent abroad, from leaving to returning.
    """

    _repr_html_ = fields_html("number", "status", "student", "school", "enrolled_on")
    number: RegistryNumber = attrs.field(validator=instance_of(RegistryNumber))
    student: Student
    school: School
    status: Status = attrs.field(validator=instance_of(Status))
    enrolled_on: datetime.date = attrs.field(validator=check_date)
    continuous_since: datetime.date = attrs.field(validator=check_date)
    pending_sync: bool = False
    former_numbers: tuple[RegistryNumber, ...] = ()
    info: FrozenMap[object] = attrs.field(factory=FrozenMap, converter=frozen_map)
    history: tuple[Event, ...] = attrs.field(default=(), validator=_check_record)
    grade: int | None = attrs.field(default=None, validator=_check_grade)
    primary_years: int = attrs.field(default=6, validator=_check_years)
    time_abroad: tuple[Period, ...] = attrs.field(default=(), validator=_check_abroad)

    @property
    def stage(self) -> Stage | None:
        """The stage (学段) of the student's grade; None when the grade is not known."""
        if self.grade is None:
            return None
        return stage_of(self.grade, primary_years=self.primary_years)


_RECORD_FIELDS: Final = attrs.fields(Record)


# Names are checked by the values that hold them (Student, Actor, PopulationMatch).
__getattr__ = module_getattr(
    __name__, {"check_name": ("xueji._names:parse_name", "xueji.Student, which checks names")}
)
