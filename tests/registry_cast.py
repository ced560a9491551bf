"""The cast every record-rule test shares: schools, actors, students and the records built
from them, each defined once.

Schools are named for where they are: ``SCHOOL`` is the primary school most records start
at (Chaoyang county, Beijing), ``OTHER`` a primary school of another county of Beijing,
``FAR`` one of another province. Actors come from the school or county they act for
(`registrar`, `reviewer`), so that an actor in scope is always the same value. Students
are born on ``BIRTH`` unless a test needs another age, and records are registered on
``ENROLLED_ON``.
"""

from __future__ import annotations

import datetime
from typing import TypeVar

from xueji import (
    Actor,
    ChangeRequest,
    DedupResult,
    KeyField,
    Policy,
    PopulationMatch,
    Record,
    ResidentID,
    Role,
    School,
    Sex,
    Step,
    Student,
    SuspensionRequest,
    TransferRequest,
    Verdict,
    apply_change,
    complete_transfer,
    decide,
    make_resident_id,
    promote,
    register,
    request_change,
    request_suspension,
    request_transfer,
    review,
    suspend,
    verify_change,
)

R = TypeVar("R", ChangeRequest, TransferRequest, SuspensionRequest)

D = datetime.date

# -- schools --------------------------------------------------------------------------------

SCHOOL = School("2111010001", "朝阳实验小学", "110105")
CHAOYANG_2 = School("2111010005", "朝阳二小", "110105")  # another school of SCHOOL's county
OTHER = School("2111010002", "海淀小学", "110108")  # another county of Beijing
NEIGHBOUR = School("2111010004", "海淀二小", "110108")  # another school of OTHER's county
ELSEWHERE = School("2111010003", "东城小学", "110101")
FAR = School("2131010001", "黄浦小学", "310101")  # Shanghai: another province
SHENYANG = School("2121010001", "沈阳市实验小学", "210102")  # Liaoning, which has its own policy
SHENYANG_JUNIOR = School("3121010002", "沈阳市第二中学", "210102")
#: A 九年一贯制 school (primary and junior secondary) of OTHER's county.
JUNIOR = School("3111010004", "海淀实验学校", "110108")
SHANGHAI_JUNIOR = School("3131010007", "上海市第一中学", "310101")
CHAOYANG_JUNIOR = School("3111010005", "朝阳九年一贯制学校", "110105")  # of SCHOOL's county
#: A 完全中学 (junior and senior secondary).
SENIOR = School("3411010003", "北京四中", "110102")
OTHER_SENIOR = School("3411010004", "北京八中", "110105")
SHANGHAI_SENIOR = School("3431010004", "上海中学", "310101")  # junior and senior
SENIOR_ONLY = School("3611010006", "北京市信息管理学校", "110102")  # vocational: senior only
SPECIAL = School("5111010005", "海淀培智学校", "110108")  # special education

# -- actors ---------------------------------------------------------------------------------

_REGISTRAR_NAMES = {"2111010001": "李老师", "2111010002": "王老师", "3411010003": "张老师"}
_REVIEWER_NAMES = {"110105": "赵科长", "110108": "钱科长"}


def registrar(school: School) -> Actor:
    """The registrar of ``school``, with a staff number made from its code."""
    code = school.code.value
    name = _REGISTRAR_NAMES.get(code, "学籍管理员")
    return Actor(Role.SCHOOL_REGISTRAR, code, name, id=f"T-{code}")


def reviewer(school: School) -> Actor:
    """The reviewer of the county ``school`` is in."""
    county = school.region_code
    name = _REVIEWER_NAMES.get(county, "审核科长")
    return Actor(Role.COUNTY_REVIEWER, county, name, id=f"R-{county}")


REGISTRAR = registrar(SCHOOL)
OTHER_REGISTRAR = registrar(OTHER)
REVIEWER = reviewer(SCHOOL)
OTHER_REVIEWER = reviewer(OTHER)
CENTRAL = Actor(Role.CENTRAL, None, "教育部", id="C-0001")


def actor_for(step: Step) -> Actor:
    """The actor a step of a route admits; a staff number made from its scope."""
    if step.role is Role.CENTRAL:
        return Actor(Role.CENTRAL, None, "教育部", id="C-route")
    return Actor(step.role, step.scope, "审核人", id=f"A-{step.scope}")


# -- students -------------------------------------------------------------------------------

BIRTH = D(2015, 3, 1)
ENROLLED_ON = D(2021, 9, 1)
PROMOTED_ON = D(2022, 2, 1)
PASSED = DedupResult()
EVIDENCE = ("户口簿变更页扫描件",)


def rid(sequence: int = 11, *, birth: datetime.date = BIRTH) -> ResidentID:
    """A resident ID of Haidian county born on ``birth``; odd sequences are male."""
    return make_resident_id(region_code="110108", birth_date=birth, sequence=sequence)


def student(
    name: str = "王小明",
    *,
    sex: Sex = Sex.MALE,
    born: datetime.date = BIRTH,
    resident_id: ResidentID | None = None,
) -> Student:
    return Student(name, sex, born, resident_id)


STUDENT = student()

# -- records --------------------------------------------------------------------------------


def enrolled(
    who: Student | None = None,
    *,
    born: datetime.date = BIRTH,
    school: School = SCHOOL,
    on: datetime.date = ENROLLED_ON,
    grade: int | None = None,
    taken: frozenset[str] | tuple[str, ...] = (),
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """``who`` (王小明, born on ``born``, by default) registered at ``school`` by its
    registrar on ``on``."""
    return register(
        who or student(born=born),
        school=school,
        by=registrar(school),
        on=on,
        dedup=PASSED,
        taken=taken,
        grade=grade,
        policy=policy,
    )


def j_record(record: Record | None = None, *, on: datetime.date = PROMOTED_ON) -> Record:
    """``record`` (by default a fresh one) promoted without a population match: a J number,
    for a student without a resident ID."""
    return promote(record or enrolled(), match=None, dedup=PASSED, by=CENTRAL, on=on)


def g_record(record: Record | None = None, *, on: datetime.date = PROMOTED_ON) -> Record:
    """``record`` (by default a fresh one) promoted to G with a matching population answer
    (resident ID `rid()`)."""
    record = record or enrolled()
    match = PopulationMatch(rid(), record.student.name)
    return promote(record, match=match, dedup=PASSED, by=CENTRAL, on=on)


SUBMITTED_ON = D(2023, 5, 1)


def submitted(
    record: Record,
    field: KeyField = KeyField.NAME,
    new_value: object = "王晓明",
    *,
    on: datetime.date = SUBMITTED_ON,
) -> ChangeRequest:
    """A key-field request by SCHOOL's registrar, with evidence, not yet reviewed; by
    default to rename the student 王晓明."""
    return request_change(
        record, field=field, new_value=new_value, evidence=EVIDENCE, by=REGISTRAR, on=on
    )


def name_change(record: Record, on: datetime.date) -> ChangeRequest:
    """``submitted(record, on=on)``: the rename to 王晓明, under the name some tests use."""
    return submitted(record, on=on)


def verify(request: ChangeRequest) -> ChangeRequest:
    """``request`` approved by SCHOOL's county 4 days after it was filed and checked by
    the central role 7 days after."""
    filed = request.submitted_on
    approved = review(request, Verdict.APPROVE, by=REVIEWER, on=filed + datetime.timedelta(4))
    return verify_change(approved, dedup=PASSED, by=CENTRAL, on=filed + datetime.timedelta(7))


def verified(
    record: Record, field: KeyField, new_value: object, *, on: datetime.date = SUBMITTED_ON
) -> ChangeRequest:
    """A request that went through the whole chain: submitted on ``on``, approved, checked."""
    return verify(submitted(record, field, new_value, on=on))


def changed(
    record: Record, field: KeyField, new_value: object, *, on: datetime.date = SUBMITTED_ON
) -> Record:
    """``record`` with ``field`` changed through the whole chain, applied the day after it
    was verified (8 days after ``on``)."""
    request = verified(record, field, new_value, on=on)
    return apply_change(record, request, by=REGISTRAR, on=on + datetime.timedelta(8))


# -- routed requests: every step decided by the actor it names ----------------------------


def approve_all(request: R, on: datetime.date) -> R:
    """``request`` approved at every step on ``on``, each by the actor the step names."""
    while (step := request.pending_step) is not None:
        request = decide(request, Verdict.APPROVE, by=actor_for(step), on=on)
    return request


def transferred(
    record: Record, to_school: School, on: datetime.date, policy: Policy = Policy.NATIONAL
) -> Record:
    """``record`` moved online to ``to_school`` on ``on``: requested, approved, completed."""
    by = registrar(to_school)
    request = request_transfer(record, to_school=to_school, by=by, on=on, policy=policy)
    return complete_transfer(record, approve_all(request, on), by=by, on=on)


def suspended(record: Record, on: datetime.date, months: int = 6) -> Record:
    """``record`` suspended for ``months`` months from ``on``, its request approved."""
    by = registrar(record.school)
    request = request_suspension(record, months=months, evidence=("病历",), by=by, on=on)
    return suspend(record, approve_all(request, on), by=by, on=on)


# -- errors -----------------------------------------------------------------------------------


def explained(error: BaseException) -> bool:
    """Whether ``error`` carries a message for people: non-empty text, whatever its wording."""
    (message,) = error.args
    return isinstance(message, str) and bool(message.strip())
