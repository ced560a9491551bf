"""The schools, people and outside answers that the record-rule tests share."""

from __future__ import annotations

import datetime
from typing import TypeVar

from xueji import (
    Actor,
    ChangeRequest,
    DedupResult,
    KeyField,
    Policy,
    Record,
    Role,
    School,
    Sex,
    Step,
    Student,
    SuspensionRequest,
    TransferRequest,
    Verdict,
    complete_transfer,
    decide,
    register,
    request_change,
    request_suspension,
    request_transfer,
    suspend,
)

R = TypeVar("R", ChangeRequest, TransferRequest, SuspensionRequest)

D = datetime.date

SCHOOL = School("2111010001", "朝阳实验小学", "110105")
OTHER = School("2111010002", "海淀小学", "110108")
REGISTRAR = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师", id="T-0001")
OTHER_REGISTRAR = Actor(Role.SCHOOL_REGISTRAR, "2111010002", "王老师", id="T-0002")
REVIEWER = Actor(Role.COUNTY_REVIEWER, "110105", "赵科长", id="R-0001")
OTHER_REVIEWER = Actor(Role.COUNTY_REVIEWER, "110108", "钱科长", id="R-0002")
CENTRAL = Actor(Role.CENTRAL, None, "教育部", id="C-0001")
BIRTH = D(2015, 3, 1)
PASSED = DedupResult()
EVIDENCE = ("户口簿变更页扫描件",)
ENROLLED_ON = D(2021, 9, 1)


def enrolled() -> Record:
    """王小明, born on BIRTH, registered at SCHOOL by its registrar on ENROLLED_ON."""
    student = Student("王小明", Sex.MALE, BIRTH)
    return register(student, school=SCHOOL, by=REGISTRAR, on=ENROLLED_ON, dedup=PASSED, taken=())


def name_change(record: Record, on: datetime.date) -> ChangeRequest:
    """A request by SCHOOL's registrar to rename the student 王晓明, not yet reviewed."""
    return request_change(
        record, field=KeyField.NAME, new_value="王晓明", evidence=EVIDENCE, by=REGISTRAR, on=on
    )


# -- routed requests: every step decided by the actor it names ----------------------------


def actor_for(step: Step) -> Actor:
    """The actor a step of a route admits; a staff number made from its scope."""
    if step.role is Role.CENTRAL:
        return Actor(Role.CENTRAL, None, "教育部", id="C-route")
    return Actor(step.role, step.scope, "审核人", id=f"A-{step.scope}")


def approve_all(request: R, on: datetime.date) -> R:
    """``request`` approved at every step on ``on``, each by the actor the step names."""
    while (step := request.pending_step) is not None:
        request = decide(request, Verdict.APPROVE, by=actor_for(step), on=on)
    return request


def transferred(
    record: Record, to_school: School, on: datetime.date, policy: Policy = Policy.NATIONAL
) -> Record:
    """``record`` moved online to ``to_school`` on ``on``: requested, approved, completed."""
    by = Actor(
        Role.SCHOOL_REGISTRAR, to_school.code.value, "接收校管理员", id=f"T-{to_school.code}"
    )
    request = request_transfer(record, to_school=to_school, by=by, on=on, policy=policy)
    return complete_transfer(record, approve_all(request, on), by=by, on=on)


def suspended(record: Record, on: datetime.date, months: int = 6) -> Record:
    """``record`` suspended for ``months`` months from ``on``, its request approved."""
    school = record.school
    by = Actor(Role.SCHOOL_REGISTRAR, school.code.value, "学校管理员", id=f"S-{school.code}")
    request = request_suspension(record, months=months, evidence=("病历",), by=by, on=on)
    return suspend(record, approve_all(request, on), by=by, on=on)
