"""The demo data of README.md: schools, staff accounts, and people in the stand-in for the
population database. `seed` adds them to a store, and changes nothing already there."""

from __future__ import annotations

import datetime

import xueji
from registry_service.store import Store

SCHOOLS = (
    xueji.School("2111010001", "朝阳实验小学", "110105"),
    xueji.School("2111010002", "海淀小学", "110108"),
    xueji.School("3111010004", "海淀实验中学", "110108"),  # a junior secondary school
    xueji.School("3111010006", "朝阳第二中学", "110105"),
    xueji.School("3411010003", "北京四中", "110102"),  # junior and senior (完全中学)
)

#: Logins and the staff they are: the X-Actor header names a login.
ACCOUNTS = {
    "li": xueji.Actor(xueji.Role.SCHOOL_REGISTRAR, "2111010001", "李老师", id="CY-0001"),
    "wang": xueji.Actor(xueji.Role.SCHOOL_REGISTRAR, "2111010002", "王老师", id="HD-0007"),
    "zhou": xueji.Actor(xueji.Role.SCHOOL_REGISTRAR, "3111010004", "周老师", id="HD-0102"),
    "wu": xueji.Actor(xueji.Role.SCHOOL_REGISTRAR, "3111010006", "吴老师", id="CY-0205"),
    "sun": xueji.Actor(xueji.Role.SCHOOL_REGISTRAR, "3411010003", "孙老师", id="XC-0033"),
    "zhao": xueji.Actor(xueji.Role.COUNTY_REVIEWER, "110105", "赵科长", id="CY-R-03"),
    "qian": xueji.Actor(xueji.Role.COUNTY_REVIEWER, "110108", "钱科长", id="HD-R-01"),
    "zheng": xueji.Actor(xueji.Role.COUNTY_REVIEWER, "110102", "郑科长", id="XC-R-02"),
    "moe": xueji.Actor(xueji.Role.CENTRAL, None, "全国学籍中心", id="MOE-12"),
}

#: People the population database knows: the promotion of 王小明 finds his resident ID.
PEOPLE = (
    xueji.PopulationMatch(
        xueji.make_resident_id(
            region_code="110105", birth_date=datetime.date(2015, 3, 1), sequence=11
        ),
        "王小明",
    ),
)


def seed(store: Store) -> None:
    """Add the demo schools, accounts and people to ``store``."""
    for school in SCHOOLS:
        store.add_school(school)
    for login, actor in ACCOUNTS.items():
        store.add_account(login, actor)
    for person in PEOPLE:
        store.add_person(person)
