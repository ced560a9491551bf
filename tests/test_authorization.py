"""Who may do what: every role against every operation that takes ``by``, and actor scopes."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from xueji import (
    Action,
    Actor,
    ChangeRequest,
    DedupResult,
    InvalidValue,
    KeyField,
    NotAuthorized,
    Reason,
    Record,
    Role,
    School,
    Sex,
    Student,
    central_check,
    change_status,
    register,
    request_change,
    review,
    transfer,
    update_info,
)

D = datetime.date

SCHOOL = School("2111010001", "朝阳实验小学", "110105")  # the school in scope, Chaoyang county
OTHER = School("2111010002", "海淀小学", "110108")  # another school, Haidian county
STUDENT = Student("王小明", Sex.MALE, D(2015, 3, 1))
PASSED = DedupResult()
ON = D(2023, 5, 10)

ACTORS = {
    "admin-of-the-school": Actor(Role.SCHOOL_ADMIN, "2111010001", "李老师"),
    "admin-of-another-school": Actor(Role.SCHOOL_ADMIN, "2111010002", "王老师"),
    "reviewer-of-the-county": Actor(Role.COUNTY_REVIEWER, "110105", "赵科长"),
    "reviewer-of-another-county": Actor(Role.COUNTY_REVIEWER, "110108", "钱科长"),
    "central": Actor(Role.CENTRAL, None, "教育部"),
}
ADMIN = ACTORS["admin-of-the-school"]
OTHER_ADMIN = ACTORS["admin-of-another-school"]


def at_school() -> Record:
    return register(STUDENT, school=SCHOOL, by=ADMIN, on=D(2021, 9, 1), dedup=PASSED, taken=())


def at_other_school() -> Record:
    return register(STUDENT, school=OTHER, by=OTHER_ADMIN, on=D(2021, 9, 1), dedup=PASSED, taken=())


def submitted() -> ChangeRequest:
    return request_change(
        at_school(), field=KeyField.NAME, new_value="王晓明", evidence=("户口簿",), by=ADMIN, on=ON
    )


def approved() -> ChangeRequest:
    return review(submitted(), approve=True, by=ACTORS["reviewer-of-the-county"], on=ON)


# Each operation, with ``by`` left open; "the school" is where the operation is in scope:
# the registering school, the receiving school of a transfer, the record's school.
OPERATIONS: dict[str, Callable[[Actor], object]] = {
    "register": lambda by: register(STUDENT, school=SCHOOL, by=by, on=ON, dedup=PASSED, taken=()),
    "transfer": lambda by: transfer(at_other_school(), to_school=SCHOOL, by=by, on=ON),
    "update_info": lambda by: update_info(at_school(), by=by, on=ON, phone="010-1234"),
    "change_status": lambda by: change_status(at_school(), Action.SUSPEND, by=by, on=ON),
    "request_change": lambda by: request_change(
        at_school(), field=KeyField.NAME, new_value="王晓明", evidence=("户口簿",), by=by, on=ON
    ),
    "review": lambda by: review(submitted(), approve=True, by=by, on=ON),
    "central_check": lambda by: central_check(approved(), dedup=PASSED, by=by, on=ON),
}
ALLOWED = {
    "register": "admin-of-the-school",
    "transfer": "admin-of-the-school",
    "update_info": "admin-of-the-school",
    "change_status": "admin-of-the-school",
    "request_change": "admin-of-the-school",
    "review": "reviewer-of-the-county",
    "central_check": "central",
}


@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_each_operation_is_allowed_to_exactly_the_role_in_scope(operation: str, actor: str) -> None:
    run = OPERATIONS[operation]
    if ALLOWED[operation] == actor:
        run(ACTORS[actor])
    else:
        with pytest.raises(NotAuthorized) as excinfo:
            run(ACTORS[actor])
        assert excinfo.value.reason is Reason.NOT_AUTHORIZED


def test_the_sending_school_cannot_start_a_transfer() -> None:
    """The admin of the record's current school is not the receiving school's admin."""
    with pytest.raises(NotAuthorized):
        transfer(at_other_school(), to_school=SCHOOL, by=OTHER_ADMIN, on=ON)


def test_a_reviewer_cannot_review_a_request_they_submitted() -> None:
    namesake = Actor(Role.COUNTY_REVIEWER, "110105", ADMIN.name)
    with pytest.raises(NotAuthorized) as excinfo:
        review(submitted(), approve=True, by=namesake, on=ON)
    assert excinfo.value.reason is Reason.NOT_AUTHORIZED


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("by", [None, "李老师", ("school-admin", "2111010001", "李老师")])
def test_by_must_be_an_actor(operation: str, by: object) -> None:
    with pytest.raises(NotAuthorized):
        OPERATIONS[operation](by)  # type: ignore[arg-type]


# Actor scopes


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.SCHOOL_ADMIN, "2111010001"),
        (Role.COUNTY_REVIEWER, "110105"),
        (Role.CENTRAL, None),
        ("school-admin", "3411010003"),
    ],
)
def test_an_actor_scope_fits_its_role(role: Role, scope: str | None) -> None:
    actor = Actor(role, scope, "李老师")
    assert actor.role is Role(role)
    assert actor.scope == scope


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.SCHOOL_ADMIN, None),
        (Role.SCHOOL_ADMIN, "110105"),
        (Role.SCHOOL_ADMIN, "9911010001"),  # unknown school category
        (Role.COUNTY_REVIEWER, None),
        (Role.COUNTY_REVIEWER, "2111010001"),
        (Role.COUNTY_REVIEWER, "999999"),
        (Role.CENTRAL, "110105"),
        (Role.CENTRAL, ""),
        ("principal", None),
    ],
)
def test_an_actor_scope_that_does_not_fit_its_role_is_refused(
    role: Role, scope: str | None
) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        Actor(role, scope, "李老师")
    assert excinfo.value.reason is Reason.INVALID_VALUE


def test_an_actor_name_follows_the_name_rules() -> None:
    assert Actor(Role.CENTRAL, None, " 教育部 ").name == "教育部"
    with pytest.raises(InvalidValue):
        Actor(Role.CENTRAL, None, "")


@pytest.mark.parametrize("scope", [" 2111010001 ", "２１１１０１０００１"])
def test_a_school_admin_scope_must_be_the_canonical_school_code(scope: str) -> None:
    """Scopes are compared as text, so a scope that needs cleaning is refused outright."""
    with pytest.raises(InvalidValue):
        Actor(Role.SCHOOL_ADMIN, scope, "李老师")
