"""The dates of the validation core: the birth-date part of a number, as-of keys and
completed years. Private to the package; `xueji._core` re-exports every name here."""

from __future__ import annotations

import datetime
import functools
from typing import Final

from xueji.parsing import EARLIEST_BIRTH_DATE

__all__ = [
    "EARLIEST",
    "FIRST_YEAR",
    "MONTH_DAYS",
    "as_of_key",
    "completed_years",
    "date_of",
    "is_leap",
    "meets_age",
]

# -- birth dates -----------------------------------------------------------------------------

EARLIEST: Final = f"{EARLIEST_BIRTH_DATE:%Y%m%d}"
FIRST_YEAR: Final = EARLIEST[:4]
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: Every ``MMDD`` that some year has; ``0229`` then needs a leap year.
MONTH_DAYS: Final = frozenset(
    f"{m:02d}{d:02d}" for m, days in enumerate(_DAYS_IN_MONTH, 1) for d in range(1, days + 1)
)


def is_leap(year: int) -> bool:
    """Whether ``year`` has a 29 February (the Gregorian rule)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@functools.lru_cache(maxsize=1 << 16)
def date_of(digits: str) -> datetime.date | None:
    """The date spelled by 8 ASCII digits ``YYYYMMDD``, or None if no such day is accepted."""
    try:
        day = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return day if digits >= EARLIEST else None


def as_of_key(as_of: datetime.date | None) -> str | None:
    """``as_of`` as ``YYYYMMDD``: such strings order like the dates they spell, so the
    future check is a string comparison on the hot path."""
    return None if as_of is None else f"{as_of.year:04d}{as_of.month:02d}{as_of.day:02d}"


def completed_years(born: datetime.date, day: datetime.date) -> int:
    """Whole years from ``born`` to ``day``: the birthday itself completes a year, and in a
    year without 29 February a 29 February birthday is completed on 1 March."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def meets_age(born: datetime.date, years: int, by: datetime.date) -> bool:
    """Whether someone born on ``born`` has completed ``years`` on the day ``by``."""
    return by >= born and completed_years(born, by) >= years
