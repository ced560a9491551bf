"""Who acts in the registry: a role, the scope it acts for, a name and a staff number.

Every step that changes a record or a request takes an [`Actor`][xueji.Actor] as ``by``
and checks the role and scope against the record's current school and county
(ADR 0013).

Examples:
    >>> registrar = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师", id="T-0042")
    >>> registrar.role.value, registrar.scope, registrar.id
    ('school-registrar', '2111010001', 'T-0042')
"""

from __future__ import annotations

import enum
import re
import warnings
from typing import TYPE_CHECKING, Any, Final

import attrs

from xueji._names import parse_name
from xueji._regions import county_level_codes
from xueji.errors import InvalidValue
from xueji.school import school_code_problem

__all__ = ["Actor", "Role", "check_scope", "to_role"]

_OLD_REGISTRAR: Final = "school-admin"


class _RoleType(enum.EnumType):
    # Hidden from type checkers, so that the old spelling is flagged there; at run time
    # it still works for one release, with a DeprecationWarning.
    if not TYPE_CHECKING:

        def __getattr__(cls, name: str) -> Any:
            if name == "SCHOOL_ADMIN":
                warnings.warn(
                    "Role.SCHOOL_ADMIN is deprecated: use Role.SCHOOL_REGISTRAR",
                    DeprecationWarning,
                    stacklevel=2,
                )
                return cls.SCHOOL_REGISTRAR
            raise AttributeError(name)


class Role(enum.StrEnum, metaclass=_RoleType):
    """The roles of the registry, each with its scope.

    ``Role.SCHOOL_ADMIN`` and the value ``"school-admin"`` still give
    ``SCHOOL_REGISTRAR``, with a `DeprecationWarning`, until the next release.
    """

    SCHOOL_REGISTRAR = "school-registrar"  # 学籍管理员: scope, a school code
    COUNTY_REVIEWER = "county-reviewer"  # 县级学籍主管部门: scope, a county-level code
    CENTRAL = "central"  # the central database (教育部): no scope

    @classmethod
    def _missing_(cls, value: object) -> Role | None:
        if value == _OLD_REGISTRAR:
            warnings.warn(
                "the role value 'school-admin' is deprecated: use 'school-registrar'",
                DeprecationWarning,
                stacklevel=4,
            )
            return cls.SCHOOL_REGISTRAR
        return None


def to_role(value: object) -> Role:
    """``value`` as a `Role`: a member or its value as text, else `InvalidValue`."""
    if isinstance(value, Role):
        return value
    if not isinstance(value, str):
        raise InvalidValue("a role must be a xueji.Role")
    try:
        return Role(value)
    except ValueError:
        raise InvalidValue("unknown role") from None


def check_scope(role: Role, scope: object) -> None:
    """Refuse (`InvalidValue`) a scope that does not fit ``role``."""
    # Scopes are compared as text, so they must be canonical: no cleaning here.
    if role is Role.SCHOOL_REGISTRAR:
        if not (isinstance(scope, str) and school_code_problem(scope) is None):
            raise InvalidValue("a school registrar's scope is a valid 10-digit school code")
    elif role is Role.COUNTY_REVIEWER:
        if not (isinstance(scope, str) and scope in county_level_codes()):
            raise InvalidValue("a county reviewer's scope is a known county-level code")
    elif scope is not None:
        raise InvalidValue("the central role has no scope")


def _check_scope(actor: Actor, _attribute: object, scope: Any) -> None:
    check_scope(actor.role, scope)


_STAFF_ID: Final = re.compile(r"[A-Za-z0-9-]{1,64}")


def _check_id(_actor: Actor, _attribute: object, value: Any) -> None:
    if value is None:
        return
    if not (isinstance(value, str) and _STAFF_ID.fullmatch(value)):
        raise InvalidValue("an actor's id is 1 to 64 ASCII letters, digits and '-'")


@attrs.frozen
class Actor:
    """Someone who acts: a school's registrar, a county reviewer, or the central database.

    ``scope`` is a school code for ``SCHOOL_REGISTRAR``, a county-level code for
    ``COUNTY_REVIEWER``, and None for ``CENTRAL``. ``id`` is a stable staff number
    (ASCII letters, digits and ``-``): it, never the name, tells two people apart, so
    nobody decides on a request they filed or already decided. Without an ``id`` that
    check cannot be made.
    """

    role: Role = attrs.field(converter=to_role)
    scope: str | None = attrs.field(validator=_check_scope)
    name: str = attrs.field(converter=parse_name)
    id: str | None = attrs.field(default=None, validator=_check_id)
