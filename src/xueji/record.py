"""Records (学籍) and the values around them: students, actors, outside answers, events.

Everything here is an immutable value; the operations that move a record from one
state to the next are the pure functions of :mod:`xueji.lifecycle` and
:mod:`xueji.change_request`.
"""

from __future__ import annotations

import datetime
import enum
import types
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from xueji._frozen import FrozenMap, frozen_map
from xueji._number import pretty_by_repr
from xueji._regions import county_level_codes
from xueji.errors import InconsistentIdentity, InvalidValue
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import School, school_code_problem

if TYPE_CHECKING:
    from xueji.change_request import ChangeRequest

__all__ = [
    "TERMINAL",
    "TRANSITIONS",
    "Action",
    "Actor",
    "DedupResult",
    "Event",
    "PopulationMatch",
    "Record",
    "Role",
    "Status",
    "Student",
]

_MAX_NAME: Final = 100


def check_name(name: str) -> str:
    """``name`` trimmed; refused when empty, too long, or holding digits or control characters."""
    if not isinstance(name, str):
        raise InvalidValue("a name must be text")
    name = name.strip()
    if not name or len(name) > _MAX_NAME:
        raise InvalidValue(f"a name must have 1 to {_MAX_NAME} characters")
    for ch in name:
        # N* covers every script's digits and numerals (①, ², Ⅻ); C* control, format and
        # unassigned code points; Zl and Zp line and paragraph separators.
        category = unicodedata.category(ch)
        if category[0] in "NC" or category in ("Zl", "Zp"):
            raise InvalidValue("a name may not contain digits or control characters")
    return name


def _check_student(student: Student, _attribute: object, rid: ResidentID | None) -> None:
    if rid is None:
        return
    if not isinstance(rid, ResidentID):
        raise InvalidValue("resident_id must be a ResidentID")
    if rid.birth_date != student.birth_date or rid.sex != student.sex:
        raise InconsistentIdentity("the resident ID disagrees with the birth date or sex")


def _instance_of(kind: type) -> Any:
    """A validator like ``attrs.validators.instance_of``, raising InvalidValue instead."""

    def check(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidValue(f"{attribute.name} must be a {kind.__name__}")

    return check


def _check_sex(_instance: object, _attribute: object, value: Sex) -> None:
    if not isinstance(value, Sex):
        raise InvalidValue("sex must be a xueji.Sex")


def _check_date(
    _instance: object, attribute: attrs.Attribute[datetime.date], value: datetime.date
) -> None:
    if type(value) is not datetime.date:
        raise InvalidValue(f"{attribute.name} must be a datetime.date")


@attrs.frozen(repr=False)
class Student:
    """A student: name, sex, birth date and, once known, the resident ID.

    A given ``resident_id`` must agree with the birth date and sex (else
    :class:`~xueji.errors.InconsistentIdentity`). ``repr()`` hides the birth date.

    >>> import datetime
    >>> Student(" 王小明 ", Sex.MALE, datetime.date(2015, 9, 1))
    Student(name='王小明', sex=<Sex.MALE: '1'>, birth_date=<hidden>, resident_id=None)
    """

    name: str = attrs.field(converter=check_name)
    sex: Sex = attrs.field(validator=_check_sex)
    birth_date: datetime.date = attrs.field(validator=_check_date)
    resident_id: ResidentID | None = attrs.field(default=None, validator=_check_student)

    def __repr__(self) -> str:
        return (
            f"Student(name={self.name!r}, sex={self.sex!r}, birth_date=<hidden>, "
            f"resident_id={self.resident_id!r})"
        )

    _repr_pretty_ = pretty_by_repr


class Role(enum.StrEnum):
    """Who acts in the registry."""

    SCHOOL_ADMIN = "school-admin"
    COUNTY_REVIEWER = "county-reviewer"
    CENTRAL = "central"


def _check_scope(actor: Actor, _attribute: object, scope: str | None) -> None:
    # Scopes are compared as text, so they must be canonical: no cleaning here.
    if actor.role is Role.SCHOOL_ADMIN:
        if not (isinstance(scope, str) and school_code_problem(scope) is None):
            raise InvalidValue("a school admin's scope is a valid 10-digit school code")
    elif actor.role is Role.COUNTY_REVIEWER:
        if scope not in county_level_codes():
            raise InvalidValue("a county reviewer's scope is a known county-level code")
    elif scope is not None:
        raise InvalidValue("the central role has no scope")


def _to_role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise InvalidValue("unknown role") from None


@attrs.frozen
class Actor:
    """Someone who acts: a school's registry administrator, a county reviewer, or central.

    ``scope`` is a school code for ``SCHOOL_ADMIN``, a 6-digit county code for
    ``COUNTY_REVIEWER``, and None for ``CENTRAL``.

    >>> Actor(Role.SCHOOL_ADMIN, "2111010001", "李老师").role
    <Role.SCHOOL_ADMIN: 'school-admin'>
    """

    role: Role = attrs.field(converter=_to_role)
    scope: str | None = attrs.field(validator=_check_scope)
    name: str = attrs.field(converter=check_name)


@attrs.frozen
class PopulationMatch:
    """What the national population database returned for a student (an outside fact)."""

    resident_id: ResidentID = attrs.field(validator=_instance_of(ResidentID))
    name: str = attrs.field(converter=check_name)


def _to_numbers(values: Iterable[RegistryNumber | str]) -> tuple[RegistryNumber, ...]:
    if isinstance(values, str):
        values = (values,)
    if not isinstance(values, Iterable):
        raise InvalidValue("conflicts must be registry numbers")
    return tuple(v if isinstance(v, RegistryNumber) else RegistryNumber.parse(v) for v in values)


@attrs.frozen
class DedupResult:
    """The outcome of the national duplicate check (全国查重): the clashing numbers, if any.

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


class Action(enum.StrEnum):
    """Status changes of the 2025 Measures (domain.md §3.4)."""

    SUSPEND = "suspend"  # 休学
    RESUME = "resume"  # 复学
    GRADUATE = "graduate"  # 毕业
    COMPLETE = "complete"  # 结业
    LEAVE = "leave"  # 肄业
    WITHDRAW = "withdraw"  # 退学, upper secondary only
    DECEASE = "decease"  # 死亡
    GO_ABROAD = "go-abroad"  # 出国(境)
    RETURN = "return"  # 回国(境)


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
    }
)
del S, A

#: Statuses that accept nothing more: no status change, update, transfer or key change.
TERMINAL: Final = frozenset(
    {Status.GRADUATED, Status.COMPLETED, Status.LEFT, Status.WITHDRAWN, Status.DECEASED}
)


@attrs.frozen
class Event:
    """One entry of a record's history: what happened, when, who did it, before and after.

    ``by`` is None for what the national system does itself (issuing formal numbers,
    synchronising an offline transfer). ``request`` links a key-field change to the
    request, with its evidence and decisions.
    """

    what: str
    on: datetime.date
    by: Actor | None
    before: FrozenMap[object] = attrs.field(factory=FrozenMap, converter=frozen_map)
    after: FrozenMap[object] = attrs.field(factory=FrozenMap, converter=frozen_map)
    request: ChangeRequest | None = None


def _check_record(record: Record, _attribute: object, history: object) -> None:
    if not (isinstance(history, tuple) and all(isinstance(e, Event) for e in history)):
        raise InvalidValue("history must be a tuple of Events")
    if not (
        isinstance(record.former_numbers, tuple)
        and all(isinstance(n, RegistryNumber) for n in record.former_numbers)
    ):
        raise InvalidValue("former_numbers must be a tuple of RegistryNumbers")
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

    Build records with :func:`xueji.register`; the other operations return new records.
    Nothing is ever dropped: former numbers stay in ``former_numbers`` and every change,
    with its before and after, in ``history``.
    """

    number: RegistryNumber = attrs.field(validator=_instance_of(RegistryNumber))
    student: Student
    school: School
    status: Status = attrs.field(validator=_instance_of(Status))
    enrolled_on: datetime.date = attrs.field(validator=_check_date)
    continuous_since: datetime.date = attrs.field(validator=_check_date)
    pending_sync: bool = False
    former_numbers: tuple[RegistryNumber, ...] = ()
    info: FrozenMap[object] = attrs.field(factory=FrozenMap, converter=frozen_map)
    history: tuple[Event, ...] = attrs.field(default=(), validator=_check_record)
