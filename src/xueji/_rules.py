"""Shared guards and history helpers of the rule modules (lifecycle, change requests)."""

from __future__ import annotations

import datetime

import attrs

from xueji.errors import DuplicateRegistration, IllegalTransition, InvalidValue, NotAuthorized
from xueji.record import TERMINAL, Actor, DedupResult, Event, Record, Role
from xueji.school import School

__all__ = [
    "day",
    "event",
    "evolve",
    "require",
    "require_open",
    "require_passed",
    "require_school_admin",
]


def day(on: object, *, after: datetime.date | None = None) -> datetime.date:
    """``on`` as a date (a datetime gives its date), not before ``after``."""
    if isinstance(on, datetime.datetime):
        on = on.date()
    if not isinstance(on, datetime.date):
        raise InvalidValue("'on' must be a datetime.date")
    if after is not None and on < after:
        raise InvalidValue("operations must be dated on or after the previous step")
    return on


def require(actor: Actor, role: Role, scope: str | None, *, doing: str) -> None:
    """Raise NotAuthorized unless ``actor`` has ``role`` over ``scope``."""
    if not isinstance(actor, Actor):
        raise NotAuthorized(f"{doing}: 'by' must be an Actor")
    if actor.role is not role:
        raise NotAuthorized(f"{doing} needs the {role.value} role, not {actor.role.value}")
    if actor.scope != scope:
        raise NotAuthorized(f"{doing}: {actor.role.value} {actor.scope} acts outside its scope")


def require_school_admin(actor: Actor, school: School, *, doing: str) -> None:
    require(actor, Role.SCHOOL_ADMIN, school.code.value, doing=doing)


def require_open(record: Record, action: str) -> None:
    if record.status in TERMINAL:
        raise IllegalTransition(state=record.status.value, action=action)


def require_passed(dedup: DedupResult) -> None:
    if not isinstance(dedup, DedupResult):
        raise InvalidValue("dedup must be a DedupResult")
    if not dedup.passed:
        raise DuplicateRegistration(dedup.conflicts)


def event(
    record: Record,
    what: str,
    on: datetime.date,
    by: Actor | None,
    *,
    request: object = None,
    **after: object,
) -> Event:
    """A history entry for changing ``after``'s fields of ``record``, with their old values."""
    before = {name: getattr(record, name) for name in after}
    return Event(what, day(on), by, before, after, request)  # type: ignore[arg-type]


def evolve(record: Record, change: Event, **changes: object) -> Record:
    """``record`` with ``changes`` applied and ``change`` appended to its history."""
    day(change.on, after=record.history[-1].on if record.history else None)
    return attrs.evolve(record, history=(*record.history, change), **changes)  # type: ignore[arg-type]
