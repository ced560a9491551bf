"""What the strategies share: argument checks, dates, sequences, region codes, and the
names, details and evidence drawn into records."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Collection, Iterable, Sequence
from typing import Final, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from xueji._core import CHINA
from xueji._regions import KNOWN_CODES, KNOWN_PROVINCES, county_level_codes, known_countries
from xueji.parsing import EARLIEST_BIRTH_DATE
from xueji.registry_number import RegistryKind
from xueji.resident_id import (
    PERMITS,
    Sex,
)
from xueji.workflow import (
    ChangeRequest,
    SuspensionRequest,
    TransferRequest,
)

T = TypeVar("T")
R = TypeVar("R", ChangeRequest, TransferRequest, SuspensionRequest)

#: The last birth date the parsers accept (the first is ``EARLIEST_BIRTH_DATE``, 1850-01-01).
LATEST_BIRTH_DATE: Final = datetime.date(9999, 12, 31)
ANCHOR: Final = datetime.date(2000, 1, 1)  # dates shrink toward this day
BORN: Final = (EARLIEST_BIRTH_DATE, LATEST_BIRTH_DATE)

PERMIT_CODES: Final = {doc: code for code, doc in PERMITS.items()}
KINDS: Final = tuple(RegistryKind)


_SURNAMES: Final = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳", "司马")
_GIVEN: Final = ("一", "明", "华", "芳", "伟", "娜", "子涵", "梓轩", "欣怡", "浩然", "雨桐", "磊")
# Names in the Uyghur style, with the middle dot; names must accept them too.
_DOTTED: Final = ("阿卜杜拉·买买提", "古丽·艾力", "迪丽拜尔·吐尔逊")
INFO: Final = (
    ("address", ("北京市朝阳区建国路1号", "上海市浦东新区世纪大道2号")),
    ("phone", ("010-12345678", "13800000000")),
    ("guardian", ("王大明", "李秀英")),
)
EVIDENCE: Final = (("户口簿",), ("户口簿", "公安机关证明"), ("出生医学证明",))
SICK_NOTES: Final = (("病历",), ("二级以上医院诊断证明", "家长申请书"))


# -- argument checks (eager: strategies are lazy, and errors belong at the call) ----------


def invalid_argument(message: str) -> InvalidArgument:
    return InvalidArgument(message)


def valid_born(born: object) -> tuple[datetime.date, datetime.date]:
    if not (isinstance(born, tuple) and len(born) == 2):
        raise invalid_argument(f"born must be a (first, last) tuple of dates, not {born!r}")
    lo, hi = born
    for day in (lo, hi):
        # datetime is a date subclass, and comparing one with a date raises TypeError.
        if type(day) is not datetime.date:
            raise invalid_argument(f"born must hold datetime.date values, not {day!r}")
    if not EARLIEST_BIRTH_DATE <= lo <= hi <= LATEST_BIRTH_DATE:
        raise invalid_argument(
            f"born={born!r} holds no day: it needs first <= last, both within "
            f"{EARLIEST_BIRTH_DATE}...{LATEST_BIRTH_DATE}"
        )
    return lo, hi


def valid_sex(sex: object) -> Sex | None:
    if sex is not None and not isinstance(sex, Sex):
        raise invalid_argument(f"sex must be a xueji.Sex or None, not {sex!r}")
    return sex


def valid_members(name: str, values: object, allowed: Sequence[T]) -> tuple[T, ...]:
    """``values`` as a tuple in the order of ``allowed``, so minimal examples do not
    depend on the order the caller listed them in."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise invalid_argument(f"{name} must be a collection, not {values!r}")
    given = list(values)
    for value in given:
        if value not in allowed:
            raise invalid_argument(f"{name}: {value!r} is not one of {[str(a) for a in allowed]}")
    chosen = tuple(a for a in allowed if a in given)
    if not chosen:
        raise invalid_argument(f"{name} must not be empty")
    return chosen


def valid_codes(region_codes: object, accepted: Collection[str]) -> frozenset[str] | None:
    if region_codes is None:
        return None
    if isinstance(region_codes, str) or not isinstance(region_codes, Iterable):
        # A bare "110105" would be taken character by character.
        raise invalid_argument(f"region_codes must be a collection of codes, not {region_codes!r}")
    codes = frozenset(region_codes)
    unknown = sorted(repr(c) for c in codes if c not in accepted)
    if unknown:
        raise invalid_argument(f"region_codes: unknown region code(s) {', '.join(unknown)}")
    if not codes:
        raise invalid_argument("region_codes must not be empty")
    return codes


def require_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise invalid_argument(f"{name} must be a Hypothesis strategy or None, not {value!r}")


# -- parts ------------------------------------------------------------------------------


@functools.cache
def mainland_codes() -> tuple[str, ...]:
    # Sorted, so that shrinking (toward index 0) reaches the lowest code, 110000.
    return tuple(sorted(KNOWN_CODES - PERMITS.keys()))


@functools.cache
def school_region_codes() -> tuple[str, ...]:
    # L and J numbers and schools take any GB/T 2260 code, 810000 and 820000 included.
    return tuple(sorted(KNOWN_CODES))


@functools.cache
def county_codes() -> tuple[str, ...]:
    # A school's location is a county-level code, which is also the scope of the county
    # reviewer who reviews its change requests.
    return tuple(sorted(county_level_codes()))


@functools.cache
def _countries() -> tuple[str, ...]:
    # A foreigner's nationality: any known country but China.
    return tuple(sorted(known_countries() - {CHINA}))


@functools.cache
def foreign_country() -> st.SearchStrategy[str]:
    return st.sampled_from(_countries())


@functools.cache
def _bad_nationalities() -> tuple[str, ...]:
    # China first: the shortest way to a nationality the card cannot have.
    known = known_countries()
    return (CHINA, *(c for c in (f"{n:03d}" for n in range(1000)) if c not in known))


@functools.cache
def _unknown_provinces() -> tuple[str, ...]:
    # First digit 0-8 only: a leading 9 is a foreigner's card. 83 is left out because
    # 830000 is the Taiwan residents' permit code.
    return tuple(
        p for p in (f"{n:02d}" for n in range(90)) if p not in KNOWN_PROVINCES and p != "83"
    )


# Strategies over the big lists, built once: Hypothesis checks every element of a new
# sampled_from, which inside a composite would cost that check on every draw.
@functools.cache
def county_region() -> st.SearchStrategy[str]:
    return st.sampled_from(county_codes())


@functools.cache
def mainland_region() -> st.SearchStrategy[str]:
    return st.sampled_from(mainland_codes())


@functools.cache
def bad_regions() -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    """Unknown provinces (first digit 0-8), and nationalities no foreigner's card has
    (China's, and codes that are no ISO 3166 numeric country)."""
    return st.sampled_from(_unknown_provinces()), st.sampled_from(_bad_nationalities())


def clamp(day: datetime.date, lo: datetime.date, hi: datetime.date) -> datetime.date:
    return min(max(day, lo), hi)


def days_between(
    lo: datetime.date, hi: datetime.date, anchor: datetime.date = ANCHOR
) -> st.SearchStrategy[datetime.date]:
    """Days in ``lo...hi`` that shrink toward ``anchor`` (clamped into the range).

    An integer offset from the anchor: Hypothesis shrinks integers toward 0, and one
    draw per date is cheaper than st.dates' year, month and day.
    """
    start = clamp(anchor, lo, hi).toordinal()
    return st.integers(lo.toordinal() - start, hi.toordinal() - start).map(
        lambda n: datetime.date.fromordinal(start + n)
    )


def sequence_numbers(sex: Sex | None) -> st.SearchStrategy[int]:
    """Sequences 001-999 (000 is never issued), odd for men and even for women."""
    if sex is None:
        return st.integers(1, 999)
    if sex is Sex.MALE:
        return st.integers(0, 499).map(lambda k: 2 * k + 1)
    return st.integers(1, 499).map(lambda k: 2 * k)


def foreign(province: str, country: str) -> str:
    return f"9{province}{country}"


@functools.cache
def foreign_codes(provinces: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(foreign(p, c) for p in provinces for c in _countries())


# One list, one draw: alternatives with fewer draws would win the shrink over 王一.
_NAMES: Final = (*(s + g for s in _SURNAMES for g in _GIVEN), *_DOTTED)


def person_names() -> st.SearchStrategy[str]:
    return st.sampled_from(_NAMES)
