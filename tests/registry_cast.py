"""The schools, people and outside answers that the record-rule tests share."""

from __future__ import annotations

import datetime

from xueji import Actor, DedupResult, Role, School

D = datetime.date

SCHOOL = School("2111010001", "朝阳实验小学", "110105")
OTHER = School("2111010002", "海淀小学", "110108")
ADMIN = Actor(Role.SCHOOL_ADMIN, "2111010001", "李老师")
OTHER_ADMIN = Actor(Role.SCHOOL_ADMIN, "2111010002", "王老师")
REVIEWER = Actor(Role.COUNTY_REVIEWER, "110105", "赵科长")
OTHER_REVIEWER = Actor(Role.COUNTY_REVIEWER, "110108", "钱科长")
CENTRAL = Actor(Role.CENTRAL, None, "教育部")
BIRTH = D(2015, 3, 1)
PASSED = DedupResult()
EVIDENCE = ("户口簿变更页扫描件",)
