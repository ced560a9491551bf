"""The requests that move along a route: key-field changes, transfers and suspensions.

Each request is filed by a school's registrar and decided step by step by the actors its
`Route` names (`xueji.approval`). A key-field change request (关键信息变更) goes to the
reviewer of the school's county, then to the central database; a transfer request (转学)
from the receiving school through both schools' counties, and across provinces through
the central database too; a suspension request (休学) to the reviewer of the school's
county. Each request checks its whole chain when it is built (ADR 0024). The functions
that file and apply requests are in `xueji.change_request`, `xueji.school_transfer` and
`xueji.suspension`; this module holds the values only, so that a record's history can
refer to its requests without depending on the functions that change records.

Examples:
    >>> from xueji import School
    >>> school = School("2111010001", "朝阳实验小学", "110105")
    >>> [(step.role.value, step.scope) for step in key_field_route(school).steps]
    [('county-reviewer', '110105'), ('central', None)]
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from xueji._deprecated import module_getattr
from xueji._validators import check_date, day, instance_of, tuple_of
from xueji.actor import Actor, Role
from xueji.approval import (
    Decision,
    RequestStatus,
    Route,
    Routed,
    Step,
    WorkingDay,
    chain_problem,
    deprecated_state,
    monday_to_friday,
)
from xueji.errors import InvalidValue, Reason
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID, Sex
from xueji.school import School, SchoolCode
from xueji.stage import check_primary_years

__all__ = [
    "ChangeRequest",
    "KeyField",
    "Late",
    "SuspensionKind",
    "SuspensionRequest",
    "TransferRequest",
    "key_field_route",
    "overdue",
    "suspension_route",
    "transfer_route",
]


class KeyField(enum.StrEnum):
    """The key fields that change only through a request."""

    NAME = "name"  # 姓名
    RESIDENT_ID = "resident_id"  # 身份证件号
    NUMBER = "number"  # 学籍号 (J → G, or a G renumbering)
    SEX = "sex"  # 性别, for a student without a resident ID (else the ID decides)
    BIRTH_DATE = "birth_date"  # 出生日期, likewise


# -- routes -------------------------------------------------------------------------------

_IN_REVIEW: Final = RequestStatus.IN_REVIEW


def _county(school: School, approved: RequestStatus = _IN_REVIEW) -> Step:
    return Step(Role.COUNTY_REVIEWER, school.region_code, approved)


def key_field_route(school: School, *, days: int = 10) -> Route:
    """A key-field change's route: the reviewer of the school's county approves, then the
    central database verifies it with the national duplicate check (R13)."""
    verify = Step(Role.CENTRAL, None, RequestStatus.VERIFIED, RequestStatus.CHECK_FAILED)
    return Route((_county(school, RequestStatus.APPROVED), verify), days)


def transfer_route(from_school: School, to_school: School, *, days: int = 10) -> Route:
    """A transfer's route after the receiving school filed it (ADR 0025).

    Same county: the sending school, then the county. Across counties of one province:
    the receiving county, the sending school, the sending county. Across provinces: the
    receiving county, the central database, the sending school, the sending county.

    Examples:
        >>> a = School("2111010001", "朝阳实验小学", "110105")
        >>> b = School("2131010001", "黄浦小学", "310101")
        >>> for step in transfer_route(a, b).steps:
        ...     print(step.role.value, step.scope)
        county-reviewer 310101
        central None
        school-registrar 2111010001
        county-reviewer 110105
    """
    sending = Step(Role.SCHOOL_REGISTRAR, from_school.code.value, _IN_REVIEW)
    last = _county(from_school, RequestStatus.APPROVED)
    if from_school.region_code == to_school.region_code:
        return Route((sending, last), days)
    if from_school.code.province_code == to_school.code.province_code:
        return Route((_county(to_school), sending, last), days)
    central = Step(Role.CENTRAL, None, _IN_REVIEW)
    return Route((_county(to_school), central, sending, last), days)


def suspension_route(school: School, *, days: int = 10) -> Route:
    """A suspension's route: the reviewer of the school's county decides it."""
    return Route((_county(school, RequestStatus.APPROVED),), days)


def _require_route(request: Routed, expected: Route, filer: Step) -> None:
    """The chain checks every request runs when it is built (ADR 0024)."""
    if request.route != expected:
        raise InvalidValue(
            "the route is not the one the rules give for this request",
            reason=Reason.BROKEN_CHAIN,
            path="route",
        )
    by = request.submitted_by
    if by.role is not filer.role:
        raise InvalidValue(
            "the request was filed by the wrong role",
            reason=Reason.WRONG_ROLE,
            path="submitted_by.role",
        )
    if by.scope != filer.scope:
        raise InvalidValue(
            "the request was filed by a registrar of another school",
            reason=Reason.OUT_OF_SCOPE,
            path="submitted_by.scope",
        )
    problem = chain_problem(
        request.route, by, request.submitted_on, request.decisions, request.status
    )
    if problem is not None:
        reason, detail, path = problem
        raise InvalidValue(detail, reason=reason, path=path)


#: The routes the chain checks expect, by what each is built from. A route builder reads of
#: a school only its code's text (the province is its 3rd and 4th digits) and its region
#: code, and a route is a frozen value: the one built before from the same text and days is
#: the one the builder would build again. Emptied when full.
_ROUTES: Final[dict[tuple[object, ...], Route]] = {}
_ROUTES_SIZE: Final = 1024


def _expected_route(build: Callable[..., Route], *schools: School, days: int) -> Route:
    """``build(*schools, days=days)``, built once per the texts it is built from."""
    key: tuple[object, ...] = (build, days)
    for school in schools:
        code = school.code
        if type(school) is not School or type(code) is not SchoolCode:
            return build(*schools, days=days)
        key += (code.value, school.region_code)
    if type(days) is not int or not all(type(part) is str for part in key[2:]):
        return build(*schools, days=days)  # a value tampered with: no key is sure
    route = _ROUTES.get(key)
    if route is None:
        route = build(*schools, days=days)
        if len(_ROUTES) >= _ROUTES_SIZE:
            _ROUTES.clear()
        _ROUTES[key] = route
    return route


# The type check of the route of a transfer or suspension, made once: a chain check runs it
# on every request built, after the decisions (the route field itself has no validator).
_IS_ROUTE: Final = instance_of(Route)


def _registrar_of(school: School) -> Step:
    return Step(Role.SCHOOL_REGISTRAR, school.code.value)


def _derived_status(request: Any) -> RequestStatus:
    decisions = request.decisions
    if isinstance(decisions, tuple) and decisions and isinstance(decisions[-1], Decision):
        return decisions[-1].status
    return RequestStatus.SUBMITTED


# -- key-field change requests --------------------------------------------------------------

Value = str | ResidentID | RegistryNumber | Sex | datetime.date
#: The type of a key field's values; a request whose values have another is refused.
_VALUE_TYPES: Final[dict[KeyField, type]] = {
    KeyField.NAME: str,
    KeyField.RESIDENT_ID: ResidentID,
    KeyField.NUMBER: RegistryNumber,
    KeyField.SEX: Sex,
    KeyField.BIRTH_DATE: datetime.date,
}


def _hide_dates(value: object) -> str:
    # A birth-date request holds birth dates: keep them out of repr() like Student does.
    return "<hidden>" if isinstance(value, datetime.date) else repr(value)


def _check_value(request: ChangeRequest, attribute: attrs.Attribute[Any], value: Any) -> None:
    field = request.field
    if value is None and attribute.name == "old_value" and field is KeyField.RESIDENT_ID:
        return  # a student without a resident ID asks for one
    if type(value) is not _VALUE_TYPES.get(field):
        raise InvalidValue(f"{attribute.name} is not a value of the field {field!r}")


def _check_evidence(_request: object, _attribute: object, evidence: Any) -> None:
    if not (
        isinstance(evidence, tuple)
        and evidence
        and all(isinstance(e, str) and e.strip() for e in evidence)
    ):
        raise InvalidValue("evidence must be a non-empty tuple of document references")


def _check_change_chain(request: ChangeRequest, _attribute: object, route: Route) -> None:
    expected = _expected_route(key_field_route, request.school, days=route.days)
    _require_route(request, expected, _registrar_of(request.school))


def _schools(*schools: object) -> tuple[School, ...]:
    # The default route is built before the validators run: refuse a school that is none.
    if not all(isinstance(school, School) for school in schools):
        raise InvalidValue("a request's schools must be xueji.School values")
    return schools  # type: ignore[return-value]


def _key_field_route(request: ChangeRequest) -> Route:
    return key_field_route(*_schools(request.school))


@attrs.frozen
class ChangeRequest(Routed):
    """A request to change one key field of one record, with its evidence and decisions.

    ``number`` and ``school`` are the record's number and school when the request was
    filed; ``route`` is `key_field_route` of that school. ``state`` is a deprecated name
    of ``status``.
    """

    number: RegistryNumber = attrs.field(validator=instance_of(RegistryNumber))
    school: School = attrs.field(validator=instance_of(School))
    field: KeyField = attrs.field(validator=instance_of(KeyField))
    old_value: Value | None = attrs.field(repr=_hide_dates, validator=_check_value)
    new_value: Value = attrs.field(repr=_hide_dates, validator=_check_value)
    evidence: tuple[str, ...] = attrs.field(validator=_check_evidence)
    submitted_by: Actor = attrs.field(validator=instance_of(Actor))
    submitted_on: datetime.date = attrs.field(validator=check_date)
    status: RequestStatus = attrs.field(
        default=RequestStatus.SUBMITTED, validator=instance_of(RequestStatus)
    )
    decisions: tuple[Decision, ...] = attrs.field(default=(), validator=tuple_of(Decision))
    route: Route = attrs.field(
        default=attrs.Factory(_key_field_route, takes_self=True),
        validator=[instance_of(Route), _check_change_chain],
    )

    @property
    def state(self) -> RequestStatus:
        """Deprecated: use ``status``."""
        deprecated_state("ChangeRequest")
        return self.status


# -- transfer requests ------------------------------------------------------------------------


def _check_note(_request: object, _attribute: object, note: Any) -> None:
    if not (isinstance(note, str) and note.isprintable()):  # "" is printable too
        raise InvalidValue("a note is printable text")


def _check_transfer_chain(request: TransferRequest, _attribute: object, _status: object) -> None:
    _IS_ROUTE(request, _TRANSFER_FIELDS.route, request.route)
    if request.from_school.code == request.to_school.code:
        raise InvalidValue("a transfer goes to another school")
    expected = _expected_route(
        transfer_route, request.from_school, request.to_school, days=request.route.days
    )
    _require_route(request, expected, _registrar_of(request.to_school))


def _transfer_route(request: TransferRequest) -> Route:
    return transfer_route(*_schools(request.from_school, request.to_school))


@attrs.frozen
class TransferRequest(Routed):
    """A transfer (转学) of the record numbered ``number`` from one school to another.

    Filed by the receiving school's registrar; ``route`` is `transfer_route` of the two
    schools. ``note`` gives the family's reason (转学理由); ``primary_years`` is the
    school system (学制) of the receiving school, which the record takes on.
    """

    number: RegistryNumber = attrs.field(validator=instance_of(RegistryNumber))
    from_school: School = attrs.field(validator=instance_of(School))
    to_school: School = attrs.field(validator=instance_of(School))
    submitted_by: Actor = attrs.field(validator=instance_of(Actor))
    submitted_on: datetime.date = attrs.field(validator=check_date)
    note: str = attrs.field(default="", validator=_check_note)
    primary_years: int = attrs.field(default=6, converter=check_primary_years)
    route: Route = attrs.field(default=attrs.Factory(_transfer_route, takes_self=True))
    decisions: tuple[Decision, ...] = attrs.field(default=(), validator=tuple_of(Decision))
    # The chain, route included, is checked last, once the decisions it reads are checked.
    status: RequestStatus = attrs.field(
        default=attrs.Factory(_derived_status, takes_self=True),
        validator=[instance_of(RequestStatus), _check_transfer_chain],
    )


_TRANSFER_FIELDS: Final = attrs.fields(TransferRequest)

# -- suspension requests -----------------------------------------------------------------------


class SuspensionKind(enum.StrEnum):
    """What a suspension request asks for: a suspension, or an extension of one."""

    SUSPEND = "suspend"  # 休学
    EXTEND = "extend"  # 延长休学


def _check_months(_request: object, _attribute: object, months: Any) -> None:
    if type(months) is not int or not 1 <= months <= 36:
        raise InvalidValue("a suspension lasts 1 to 36 months")


def _check_suspension_chain(
    request: SuspensionRequest, _attribute: object, _status: object
) -> None:
    _IS_ROUTE(request, _SUSPENSION_FIELDS.route, request.route)
    expected = _expected_route(suspension_route, request.school, days=request.route.days)
    _require_route(request, expected, _registrar_of(request.school))


def _suspension_route(request: SuspensionRequest) -> Route:
    return suspension_route(*_schools(request.school))


@attrs.frozen
class SuspensionRequest(Routed):
    """A suspension (休学) of ``months`` months, or an extension of one by that much.

    Filed by the registrar of the record's school with its evidence (a medical
    certificate, say); decided by the reviewer of the school's county.
    """

    number: RegistryNumber = attrs.field(validator=instance_of(RegistryNumber))
    school: School = attrs.field(validator=instance_of(School))
    kind: SuspensionKind = attrs.field(validator=instance_of(SuspensionKind))
    months: int = attrs.field(validator=_check_months)
    evidence: tuple[str, ...] = attrs.field(validator=_check_evidence)
    submitted_by: Actor = attrs.field(validator=instance_of(Actor))
    submitted_on: datetime.date = attrs.field(validator=check_date)
    note: str = attrs.field(default="", validator=_check_note)
    route: Route = attrs.field(default=attrs.Factory(_suspension_route, takes_self=True))
    decisions: tuple[Decision, ...] = attrs.field(default=(), validator=tuple_of(Decision))
    status: RequestStatus = attrs.field(
        default=attrs.Factory(_derived_status, takes_self=True),
        validator=[instance_of(RequestStatus), _check_suspension_chain],
    )


_SUSPENSION_FIELDS: Final = attrs.fields(SuspensionRequest)

#: Every kind of request on a route.
Request = ChangeRequest | TransferRequest | SuspensionRequest


# -- late steps -------------------------------------------------------------------------------


@attrs.frozen
class Late:
    """A step past its deadline: the request, the step waiting, and the last day it had."""

    request: Request = attrs.field(
        validator=instance_of((ChangeRequest, TransferRequest, SuspensionRequest))
    )
    step: Step = attrs.field(validator=instance_of(Step))
    due_on: datetime.date = attrs.field(validator=check_date)


_NOT_REQUESTS: Final = (
    "requests must be an iterable of ChangeRequest, TransferRequest or SuspensionRequest values"
)


def overdue(
    requests: Iterable[Request],
    *,
    today: datetime.date,
    working_day: WorkingDay = monday_to_friday,
) -> tuple[Late, ...]:
    """The pending steps whose deadline passed before ``today``, the longest overdue first.

    Examples:
        >>> overdue([], today=datetime.date(2023, 5, 1))
        ()

    Raises:
        InvalidValue: ``requests`` holds something that is not a request, ``today`` is not
            a date, or ``working_day`` is not a calendar.
    """
    today = day(today)
    if isinstance(requests, str) or not isinstance(requests, Iterable):
        raise InvalidValue(_NOT_REQUESTS)
    late: list[Late] = []
    for request in requests:
        if not isinstance(request, ChangeRequest | TransferRequest | SuspensionRequest):
            raise InvalidValue(_NOT_REQUESTS)
        due = request.due_on(working_day=working_day)
        step = request.pending_step
        if due is not None and step is not None and due < today:
            late.append(Late(request, step, due))
    return tuple(sorted(late, key=lambda item: item.due_on))


__getattr__ = module_getattr(__name__, {"RequestState": "xueji.approval:RequestStatus"})
