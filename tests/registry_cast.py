"""The schools, people and outside answers that the record-rule tests share."""

from __future__ import annotations

import datetime

from xueji import (
    Actor,
    ChangeRequest,
    DedupResult,
    KeyField,
    Record,
    Role,
    School,
    Sex,
    Student,
    register,
    request_change,
)

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
