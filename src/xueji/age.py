"""Ages, said precisely: completed years, and the entry-age rule of a cut-off date.

An age is a number of *completed* years (周岁): a child is 6 from their sixth birthday
on. Someone born on 29 February completes a year on 29 February of a leap year and on
1 March of the other years, the day after 28 February, as
[`ResidentID.age_on`][xueji.resident_id.ResidentID.age_on] counts (docs/adr/0018-entry-age.md).

The entry age of primary school is set by each province as a cut-off date: "6 years old
on or before 31 August" (年满6周岁, 8月31日前(含)) admits exactly the children whose sixth
birthday falls on or before 31 August of the entry year.

Examples:
    >>> import datetime
    >>> cut_off = datetime.date(2026, 8, 31)
    >>> meets_age(datetime.date(2020, 8, 31), years=6, by=cut_off)
    True
    >>> meets_age(datetime.date(2020, 9, 1), years=6, by=cut_off)
    False
"""

from __future__ import annotations

import datetime

from xueji import _core
from xueji.errors import InvalidValue

__all__ = ["meets_age"]


def _day(name: str, value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if not isinstance(value, datetime.date):
        raise InvalidValue(f"{name} must be a datetime.date, not {type(value).__name__}")
    return value


def meets_age(birth_date: datetime.date, *, years: int, by: datetime.date) -> bool:
    """Whether someone born on ``birth_date`` is ``years`` old on the day ``by``.

    That is: they have completed ``years`` years on ``by``, their birthday falling on
    or before it. A 29 February birthday is reached on 1 March in a year without one,
    so a child born on 29 February 2020 is not 6 on 28 February 2026 but is on 1 March.
    Nobody meets any age on a day before their birth. A `datetime` counts as its day.

    Raises:
        InvalidValue: ``birth_date`` or ``by`` is not a date, or ``years`` is not an
            int of 0 or more.

    Examples:
        >>> leap = datetime.date(2020, 2, 29)
        >>> meets_age(leap, years=6, by=datetime.date(2026, 2, 28))
        False
        >>> meets_age(leap, years=6, by=datetime.date(2026, 3, 1))
        True
        >>> meets_age(leap, years=4, by=datetime.date(2024, 2, 29))
        True
    """
    born = _day("birth_date", birth_date)
    cut_off = _day("by", by)
    if type(years) is not int or years < 0:
        raise InvalidValue(f"years must be an int of 0 or more, not {years!r}")
    return _core.meets_age(born, years, cut_off)
