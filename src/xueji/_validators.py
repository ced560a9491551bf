"""attrs validators that refuse a value of the wrong type with `InvalidValue`."""

from __future__ import annotations

import datetime
import enum
from typing import Any, TypeVar

import attrs

from xueji.errors import InvalidValue

__all__ = ["check_date", "day", "enum_member", "instance_of", "tuple_of"]

E = TypeVar("E", bound=enum.Enum)


def instance_of(kind: type | tuple[type, ...]) -> Any:
    """Like ``attrs.validators.instance_of``, raising `InvalidValue` instead of TypeError."""
    names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidValue(f"{attribute.name} must be a {names}")

    return check


def tuple_of(kind: type) -> Any:
    """A validator for a tuple (never a list: values are immutable) of ``kind``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (isinstance(value, tuple) and all(isinstance(v, kind) for v in value)):
            raise InvalidValue(f"{attribute.name} must be a tuple of {kind.__name__}s")

    return check


def check_date(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A ``datetime.date`` and nothing else: a datetime would compare wrongly with dates."""
    if type(value) is not datetime.date:
        raise InvalidValue(f"{attribute.name} must be a datetime.date")


def enum_member(cls: type[E], value: object, *, what: str) -> E:
    """``value`` as a member of ``cls``: a member, or exactly a member's value as text.

    Anything else (``"false"``, ``0``, ``None``, ``True``) is refused with `InvalidValue`,
    so that no switch is ever read from a value's truthiness.
    """
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for member in cls:
            if member.value == value:
                return member
    allowed = ", ".join(f"{cls.__name__}.{m.name}" for m in cls)
    raise InvalidValue(f"{what} must be one of {allowed}")


def day(on: object, *, after: datetime.date | None = None) -> datetime.date:
    """``on`` as a date (a datetime gives its date), not before ``after``."""
    if isinstance(on, datetime.datetime):
        on = on.date()
    if not isinstance(on, datetime.date):
        raise InvalidValue("'on' must be a datetime.date")
    if after is not None and on < after:
        raise InvalidValue("operations must be dated on or after the previous step")
    return on
