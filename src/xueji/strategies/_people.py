"""Schools, students and actors."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Collection
from typing import Final

from hypothesis import strategies as st

from xueji.actor import Actor, Role
from xueji.record import (
    Student,
)
from xueji.regions import region
from xueji.resident_id import (
    Document,
    ResidentID,
    Sex,
    make_resident_id,
)
from xueji.school import School, SchoolCategory
from xueji.strategies._base import (
    BORN,
    county_codes,
    county_region,
    days_between,
    invalid_argument,
    person_names,
    sequence_numbers,
    valid_born,
    valid_codes,
    valid_members,
    valid_sex,
)
from xueji.strategies._numbers import id_regions, located_codes, school_code


@functools.cache
def _place(code: str) -> str:
    names = region(code)
    place = names and (names.county or names.prefecture or names.province)
    return place or "某地"


def _organisation_code(serial: int) -> str:
    """An 8-digit organisation code with its GB 11714 check character (a USCC part)."""
    body = f"{serial:08d}"
    total = sum(int(d) * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = (11 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def _credit_code(region_code: str, serial: int) -> str:
    # Imported here, as xueji.school does: python-stdnum is slow to import.
    from stdnum.cn import uscc

    # 12: a public institution (事业单位) registered with the establishment office.
    stem = f"12{region_code}{_organisation_code(serial)}"
    return stem + uscc.calc_check_digit(stem)


_CATEGORIES: Final = st.sampled_from(tuple(SchoolCategory))


def draw_school(
    draw: st.DrawFn,
    categories: st.SearchStrategy[SchoolCategory],
    regions: st.SearchStrategy[str],
) -> School:
    region_code = draw(regions)
    category = draw(categories)
    serial = draw(st.integers(1, 999_999))
    ordinal = draw(st.integers(1, 99))
    credit = draw(st.none() | st.integers(1, 99_999_999))
    return School(
        school_code(category, region_code[:2], serial),
        f"{_place(region_code)}第{ordinal}{category.label}",
        region_code,
        None if credit is None else _credit_code(region_code, credit),
    )


def schools(
    *,
    categories: Collection[SchoolCategory] = tuple(SchoolCategory),
    region_codes: Collection[str] | None = None,
) -> st.SearchStrategy[School]:
    """Valid schools: located at a county-level code (``region_codes``, when given, must
    be such codes) in the province of the school code, with a printable name and, when
    there is one, a unified social credit code that passes its check.

    Examples:
        >>> from hypothesis import find, settings
        >>> find(schools(), lambda _: True, settings=settings(database=None))
        School(code=SchoolCode(value='1111000001'), name='东城区第1幼儿园', region_code='110101',
               credit_code=None)
    """
    cats = valid_members("categories", categories, tuple(SchoolCategory))
    located = located_codes(valid_codes(region_codes, county_codes()), county=True)
    assert located is not None  # valid_codes refused every code that is not county-level
    categories_ = st.sampled_from(cats)

    @st.composite
    def build(draw: st.DrawFn) -> School:
        return draw_school(draw, categories_, located)

    return build()


def id_for(
    draw: st.DrawFn, regions: st.SearchStrategy[str], birth_date: datetime.date, sex: Sex
) -> ResidentID:
    """A resident ID that agrees with ``birth_date`` and ``sex``."""
    return make_resident_id(
        region_code=draw(regions), birth_date=birth_date, sequence=draw(sequence_numbers(sex))
    )


def draw_student(
    draw: st.DrawFn,
    born: tuple[datetime.date, datetime.date],
    sex: Sex | None,
    *,
    with_id: bool | None,
    regions: st.SearchStrategy[str],
) -> Student:
    the_sex = sex if sex is not None else draw(st.sampled_from(tuple(Sex)))
    birth_date = draw(days_between(*born))
    name = draw(person_names())
    has_id = draw(st.booleans()) if with_id is None else with_id
    rid = id_for(draw, regions, birth_date, the_sex) if has_id else None
    return Student(name, the_sex, birth_date, rid)


def students(
    *,
    born: tuple[datetime.date, datetime.date] = BORN,
    sex: Sex | None = None,
    with_resident_id: bool | None = None,
    documents: Collection[Document] = tuple(Document),
) -> st.SearchStrategy[Student]:
    """Valid students; a resident ID, when present, agrees with the birth date and sex.

    ``with_resident_id``: True always gives one, False never, None either.
    ``documents`` limits the resident ID's document.

    Examples:
        The minimal example, born 2000-01-01 (``repr`` hides the birth date):

        >>> from hypothesis import find, settings
        >>> find(students(), lambda _: True, settings=settings(database=None))
        Student(name='王一', sex=<Sex.MALE: '1'>, birth_date=<hidden>, resident_id=None)
    """
    lo, hi = valid_born(born)
    the_sex = valid_sex(sex)
    if with_resident_id is not None and type(with_resident_id) is not bool:
        raise invalid_argument(
            f"with_resident_id must be True, False or None, not {with_resident_id!r}"
        )
    regions = id_regions(valid_members("documents", documents, tuple(Document)), None)
    assert regions is not None  # every document has a region part when codes are free

    @st.composite
    def build(draw: st.DrawFn) -> Student:
        return draw_student(draw, (lo, hi), the_sex, with_id=with_resident_id, regions=regions)

    return build()


# -- actors --------------------------------------------------------------------------------

CENTRAL_ACTOR: Final = Actor(Role.CENTRAL, None, "全国学籍中心")


def registrar_of(school: School) -> Actor:
    return Actor(Role.SCHOOL_REGISTRAR, school.code.value, "管理员")


def actors(*, roles: Collection[Role] = tuple(Role)) -> st.SearchStrategy[Actor]:
    """Valid actors of ``roles``: a registrar of a school, a reviewer of a county-level
    code, or the central role; with a name and, half the time, a staff number (``id``).

    Examples:
        The minimal example is of the central role: it has no scope to draw, and
        Hypothesis shrinks toward fewer draws first.

        >>> from hypothesis import find, settings
        >>> find(actors(), lambda _: True, settings=settings(database=None))
        Actor(role=<Role.CENTRAL: 'central'>, scope=None, name='王一', id=None)
    """
    chosen = valid_members("roles", roles, tuple(Role))

    @st.composite
    def build(draw: st.DrawFn) -> Actor:
        role = draw(st.sampled_from(chosen))
        scope: str | None = None
        if role is Role.SCHOOL_REGISTRAR:
            scope = draw_school(draw, _CATEGORIES, county_region()).code.value
        elif role is Role.COUNTY_REVIEWER:
            scope = draw(county_region())
        staff = draw(st.none() | st.integers(1, 99_999).map(lambda n: f"T-{n:05d}"))
        return Actor(role, scope, draw(person_names()), id=staff)

    return build()
