"""Shared guards and history helpers of the rule modules (lifecycle, change requests)."""

from __future__ import annotations

import datetime
import enum
import warnings
from typing import Final, TypeVar

import attrs

from xueji._validators import enum_member
from xueji.actor import Actor, Role
from xueji.errors import (
    DuplicateRegistration,
    IllegalTransition,
    InvalidValue,
    NotAuthorized,
    Reason,
)
from xueji.record import TERMINAL, DedupResult, Event, EventKind, Record
from xueji.school import School
from xueji.workflow import ChangeRequest

__all__ = [
    "UNSET",
    "day",
    "event",
    "evolve",
    "require",
    "require_actor",
    "require_open",
    "require_passed",
    "require_record",
    "require_registrar",
    "require_request",
    "require_school",
    "switch",
]

E = TypeVar("E", bound=enum.Enum)


class Unset(enum.Enum):
    """The default of a deprecated switch, so that an explicit None is still refused."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


def day(on: object, *, after: datetime.date | None = None) -> datetime.date:
    """``on`` as a date (a datetime gives its date), not before ``after``."""
    if isinstance(on, datetime.datetime):
        on = on.date()
    if not isinstance(on, datetime.date):
        raise InvalidValue("'on' must be a datetime.date")
    if after is not None and on < after:
        raise InvalidValue("operations must be dated on or after the previous step")
    return on


def require_actor(actor: object, *, doing: str) -> Actor:
    if not isinstance(actor, Actor):
        raise InvalidValue(f"{doing}: 'by' must be a xueji.Actor")
    return actor


def require(actor: object, role: Role, scope: str | None, *, doing: str) -> Actor:
    """``actor``, unless it lacks ``role`` over ``scope`` (NotAuthorized) or is no Actor."""
    actor = require_actor(actor, doing=doing)
    if actor.role is not role:
        raise NotAuthorized(
            f"{doing} needs the {role.value} role, not {actor.role.value}",
            reason=Reason.WRONG_ROLE,
        )
    if actor.scope != scope:
        raise NotAuthorized(
            f"{doing}: this {actor.role.value} acts for another "
            + ("school" if role is Role.SCHOOL_REGISTRAR else "county"),
            reason=Reason.OUT_OF_SCOPE,
        )
    return actor


def require_registrar(actor: object, school: School, *, doing: str) -> Actor:
    return require(actor, Role.SCHOOL_REGISTRAR, school.code.value, doing=doing)


def require_record(record: object) -> Record:
    if not isinstance(record, Record):
        raise InvalidValue("expected a xueji.Record")
    return record


def require_request(request: object) -> ChangeRequest:
    if not isinstance(request, ChangeRequest):
        raise InvalidValue("expected a xueji.ChangeRequest")
    return request


def require_school(school: object, *, what: str) -> School:
    if not isinstance(school, School):
        raise InvalidValue(f"{what} must be a xueji.School")
    return school


def require_open(record: Record, action: str) -> None:
    if record.status in TERMINAL:
        raise IllegalTransition(state=record.status.value, action=action)


def require_passed(dedup: object) -> None:
    if not isinstance(dedup, DedupResult):
        raise InvalidValue("dedup must be a DedupResult")
    if not dedup.passed:
        raise DuplicateRegistration(dedup.conflicts)


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
    request: ChangeRequest | None = None,
    **after: object,
) -> Event:
    """A history entry for changing ``after``'s fields of ``record``, with their old values."""
    before = {name: getattr(record, name) for name in after}
    return Event(kind, day(on), by, before, after, request)


def evolve(record: Record, change: Event, **changes: object) -> Record:
    """``record`` with ``changes`` applied and ``change`` appended to its history."""
    day(change.on, after=record.history[-1].on if record.history else None)
    return attrs.evolve(record, history=(*record.history, change), **changes)  # type: ignore[arg-type]
