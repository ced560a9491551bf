"""Grades (年级) and stages (学段): which grade belongs to which stage, which school teaches which.

Grades run from 1 to 12 through basic education. Under 六三制 primary school is grades
1–6, junior secondary 7–9 and senior secondary 10–12; under 五四制 primary school is
grades 1–5 and junior secondary 6–9 (the primary length is a school attribute in the
national system, 小学学制年限). A school category says which stages a school may teach:
a 完全中学 is coded as a senior secondary school (34) and teaches junior pupils too, and a
九年一贯制 school has been seen coded as a junior secondary school (31) (ADR 0027).

Examples:
    >>> stage_of(6, primary_years=6), stage_of(6, primary_years=5)
    (<Stage.PRIMARY: 'primary'>, <Stage.JUNIOR: 'junior'>)
    >>> sorted(stages_taught(SchoolCategory.SENIOR_SECONDARY))
    [<Stage.JUNIOR: 'junior'>, <Stage.SENIOR: 'senior'>]
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Final

from xueji._validators import enum_member
from xueji.errors import InvalidValue
from xueji.school import School, SchoolCategory

__all__ = [
    "STAGES_TAUGHT",
    "Stage",
    "stages_taught",
]


class Stage(enum.StrEnum):
    """A stage of basic education (学段), in order."""

    PRIMARY = "primary"  # 小学
    JUNIOR = "junior"  # 初中
    SENIOR = "senior"  # 高中

    @property
    def label(self) -> str:
        """The Chinese name of the stage."""
        return {"primary": "小学", "junior": "初中", "senior": "高中"}[self.value]


#: Every grade of basic education, 1 to 12.
GRADES: Final = range(1, 13)
#: The stages of compulsory education (义务教育): no withdrawal, and a drop-out keeps the record.
COMPULSORY: Final = frozenset({Stage.PRIMARY, Stage.JUNIOR})

_P, _J, _S = Stage.PRIMARY, Stage.JUNIOR, Stage.SENIOR
#: The stages a school of each category may teach; categories outside basic education
#: (kindergartens, universities, training institutions) teach none.
STAGES_TAUGHT: Final[Mapping[SchoolCategory, frozenset[Stage]]] = types.MappingProxyType(
    {
        SchoolCategory.KINDERGARTEN: frozenset(),
        SchoolCategory.PRIMARY: frozenset({_P}),
        SchoolCategory.ADULT_PRIMARY: frozenset({_P}),
        # 九年一贯制 schools have been seen under 31 (a sample code, 3162012300).
        SchoolCategory.JUNIOR_SECONDARY: frozenset({_P, _J}),
        SchoolCategory.VOCATIONAL_JUNIOR_SECONDARY: frozenset({_J}),
        SchoolCategory.ADULT_JUNIOR_SECONDARY: frozenset({_J}),
        # 完全中学 are listed under 34 and teach junior pupils too.
        SchoolCategory.SENIOR_SECONDARY: frozenset({_J, _S}),
        SchoolCategory.ADULT_SENIOR_SECONDARY: frozenset({_S}),
        SchoolCategory.SECONDARY_VOCATIONAL: frozenset({_S}),
        SchoolCategory.SPECIALIZED: frozenset({_P, _J, _S}),
        SchoolCategory.REGULAR_HIGHER: frozenset(),
        SchoolCategory.ADULT_HIGHER: frozenset(),
        SchoolCategory.SPECIAL_EDUCATION: frozenset({_P, _J, _S}),
        SchoolCategory.RESEARCH_INSTITUTE: frozenset(),
        SchoolCategory.PRIVATE_HIGHER_OTHER: frozenset(),
        SchoolCategory.VOCATIONAL_TRAINING: frozenset(),
    }
)
del _P, _J, _S


def check_primary_years(value: object) -> int:
    """``value`` if it is 5 (五四制) or 6 (六三制), else `InvalidValue`."""
    if type(value) is not int or value not in (5, 6):
        raise InvalidValue("primary_years is 6 (六三制) or 5 (五四制)")
    return value


def check_grade(value: object) -> int:
    """``value`` if it is a grade, an int from 1 to 12, else `InvalidValue`."""
    if type(value) is not int or value not in GRADES:
        raise InvalidValue("a grade is an int from 1 to 12")
    return value


def stage_of(grade: int, *, primary_years: int) -> Stage:
    """The stage of ``grade`` when primary school lasts ``primary_years`` years."""
    grade = check_grade(grade)
    if grade <= check_primary_years(primary_years):
        return Stage.PRIMARY
    return Stage.JUNIOR if grade <= 9 else Stage.SENIOR


def first_grade(stage: Stage, *, primary_years: int) -> int:
    """The first grade of ``stage``.

    Examples:
        >>> first_grade(Stage.JUNIOR, primary_years=5)
        6
    """
    years = check_primary_years(primary_years)
    return {Stage.PRIMARY: 1, Stage.JUNIOR: years + 1, Stage.SENIOR: 10}[
        enum_member(Stage, stage, what="stage")
    ]


def last_grade(stage: Stage, *, primary_years: int) -> int:
    """The last grade of ``stage``: the one its pupils graduate from."""
    years = check_primary_years(primary_years)
    return {Stage.PRIMARY: years, Stage.JUNIOR: 9, Stage.SENIOR: 12}[
        enum_member(Stage, stage, what="stage")
    ]


def next_stage(stage: Stage) -> Stage | None:
    """The stage a graduate of ``stage`` moves on to (升学); None after senior secondary."""
    return {Stage.PRIMARY: Stage.JUNIOR, Stage.JUNIOR: Stage.SENIOR}.get(
        enum_member(Stage, stage, what="stage")
    )


def teaches_grade(school: School, grade: int, *, primary_years: int) -> bool:
    """Whether ``school`` may teach ``grade`` under a school system of ``primary_years``."""
    return stage_of(grade, primary_years=primary_years) in stages_taught(school)


def stages_taught(school: School | SchoolCategory) -> frozenset[Stage]:
    """The stages a school (or a school category) may teach."""
    if isinstance(school, School):
        return STAGES_TAUGHT[school.code.category]
    if isinstance(school, SchoolCategory):
        return STAGES_TAUGHT[school]
    raise InvalidValue("expected a xueji.School or a xueji.SchoolCategory")
