"""Provincial policy (实施细则) as a value: the conditions the national Measures leave to provinces.

The national Measures (教基〔2025〕1号) set up the workflows; the provinces set their
conditions: the entry-age cut-off, the school system (六三制 or 五四制), how long a
suspension may last, whether repeating or skipping a grade is possible (ADR 0026).
`Policy.NATIONAL` holds the national defaults, each with its source in
``docs/rules.md``; `Policy.LIAONING` the Liaoning rules. Every rule function takes
``policy=`` and uses `Policy.NATIONAL` when none is given.

Examples:
    >>> Policy.LIAONING.extensions, Policy.LIAONING.dropout_absence_weeks
    (1, 4)
    >>> import datetime
    >>> Policy.NATIONAL.meets_entry_age(datetime.date(2015, 8, 31), on=datetime.date(2021, 9, 1))
    True
    >>> Policy.NATIONAL.meets_entry_age(datetime.date(2015, 9, 1), on=datetime.date(2021, 9, 1))
    False
"""

from __future__ import annotations

import calendar
import datetime
import enum
from typing import Any, ClassVar

import attrs

from xueji._regions import KNOWN_PROVINCES
from xueji._validators import enum_member
from xueji.age import meets_age
from xueji.errors import InvalidValue
from xueji.stage import check_primary_years

__all__ = ["GradeChange", "MonthDay", "Policy"]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved on by ``months`` calendar months; a day the month lacks becomes its last.
    Past the end of the calendar, the last day it has.

    Examples:
        >>> add_months(datetime.date(2023, 8, 31), 6)
        datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > datetime.MAXYEAR:
        return datetime.date.max
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _check_month_day(value: MonthDay, _attribute: object, day: Any) -> None:
    month = value.month
    if type(month) is not int or not 1 <= month <= 12:
        raise InvalidValue("a month is an int from 1 to 12")
    # 29 February is refused: a yearly date must exist every year.
    if type(day) is not int or not 1 <= day <= calendar.monthrange(2023, month)[1]:
        raise InvalidValue("the day does not exist in that month every year")


@attrs.frozen(order=True)
class MonthDay:
    """A day of the year, such as 31 August: a yearly date in a policy.

    Examples:
        >>> MonthDay(8, 31).in_year(2021)
        datetime.date(2021, 8, 31)
    """

    month: int
    day: int = attrs.field(validator=_check_month_day)

    def in_year(self, year: int) -> datetime.date:
        """This day in ``year``."""
        return datetime.date(year, self.month, self.day)

    @classmethod
    def of(cls, day: datetime.date) -> MonthDay:
        """The month and day of ``day`` (29 February counts as 28 February)."""
        return cls(day.month, min(day.day, 28) if day.month == 2 else day.day)


def _within(day: datetime.date, start: MonthDay, end: MonthDay) -> bool:
    """Whether ``day`` falls in the yearly window from ``start`` to ``end``, both included;
    a window whose end comes before its start runs over the new year."""
    here = (day.month, day.day)
    first, last = (start.month, start.day), (end.month, end.day)
    if first <= last:
        return first <= here <= last
    return here >= first or here <= last


class GradeChange(enum.StrEnum):
    """Grade changes a province may switch on (the national system supports each)."""

    REPEAT = "repeat"  # 留级
    SKIP = "skip"  # 跳级
    MOVE_DOWN = "move-down"  # 降级就读, special education (2025 Measures, Art. 14)


def _int_in(low: int, high: int) -> Any:
    def check(_policy: Policy, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not int or not low <= value <= high:
            raise InvalidValue(f"{attribute.name} is an int from {low} to {high}")

    return check


def _month_day(_policy: Policy, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, MonthDay):
        raise InvalidValue(f"{attribute.name} must be a xueji.MonthDay")


def _window(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, MonthDay) for part in value)
    )


def _check_freeze(_policy: Policy, _attribute: object, value: Any) -> None:
    if value is not None and not _window(value):
        raise InvalidValue("transfer_freeze is None or a (start, end) pair of MonthDay values")


def _check_windows(_policy: Policy, _attribute: object, value: Any) -> None:
    if not (isinstance(value, tuple) and all(_window(w) for w in value)):
        raise InvalidValue("progression_windows is a tuple of (start, end) MonthDay pairs")


def _to_changes(value: object) -> frozenset[GradeChange]:
    if isinstance(value, str) or not isinstance(value, tuple | frozenset | set | list):
        raise InvalidValue("grade_changes is a set of xueji.GradeChange members")
    return frozenset(enum_member(GradeChange, v, what="a grade change") for v in value)


def _check_name(_policy: Policy, _attribute: object, value: Any) -> None:
    if not (isinstance(value, str) and value.strip() and value.isprintable()):
        raise InvalidValue("a policy's name is non-empty printable text")


def _check_province(_policy: Policy, _attribute: object, value: Any) -> None:
    if value is not None and not (isinstance(value, str) and value in KNOWN_PROVINCES):
        raise InvalidValue("a policy's province is None or a known 2-digit province code")


def _check_bool(_policy: Policy, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not bool:
        raise InvalidValue(f"{attribute.name} must be True or False")


def _check_weeks(_policy: Policy, _attribute: object, value: Any) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 52):
        raise InvalidValue("dropout_absence_weeks is None or an int from 1 to 52")


@attrs.frozen
class Policy:
    """The conditions a province sets for the registry's workflows.

    Attributes:
        name: what the policy is, e.g. ``"national"`` or ``"辽宁"``.
        province: the 2-digit province code the policy is for; None for the national one.
        entry_age: the age a pupil must have reached by the cut-off to enter grade 1.
        entry_cutoff: the cut-off day in the year the school year starts (31 August).
        school_year_starts: the first day of the school year (1 September).
        second_term_starts: the first day of the spring term (1 February).
        primary_years: 6 for 六三制, 5 for 五四制.
        transfer_freeze: the yearly window in which no transfer may start, or None.
        progression_windows: the yearly windows in which a progression across provinces
            may start.
        step_days: working days each party of a request has for its step.
        suspension_months: the longest suspension (休学), in months.
        extension_months: the longest extension of a suspension, in months.
        extensions: how many extensions a suspension may have.
        graduating_term_suspension: whether a suspension may start in the second term of
            the last grade of a stage.
        dropout_absence_weeks: weeks of unexcused absence after which a pupil counts as
            dropped out (辍学), or None where the province sets no such count.
        grade_changes: the grade changes the province switches on.
    """

    NATIONAL: ClassVar[Policy]
    LIAONING: ClassVar[Policy]

    name: str = attrs.field(default="national", validator=_check_name)
    province: str | None = attrs.field(default=None, validator=_check_province)
    entry_age: int = attrs.field(default=6, validator=_int_in(3, 9))
    entry_cutoff: MonthDay = attrs.field(default=MonthDay(8, 31), validator=_month_day)
    school_year_starts: MonthDay = attrs.field(default=MonthDay(9, 1), validator=_month_day)
    second_term_starts: MonthDay = attrs.field(default=MonthDay(2, 1), validator=_month_day)
    primary_years: int = attrs.field(default=6, converter=check_primary_years)
    transfer_freeze: tuple[MonthDay, MonthDay] | None = attrs.field(
        default=(MonthDay(7, 15), MonthDay(8, 14)), validator=_check_freeze
    )
    progression_windows: tuple[tuple[MonthDay, MonthDay], ...] = attrs.field(
        default=((MonthDay(8, 15), MonthDay(12, 14)), (MonthDay(3, 1), MonthDay(5, 31))),
        validator=_check_windows,
    )
    step_days: int = attrs.field(default=10, validator=_int_in(1, 60))
    suspension_months: int = attrs.field(default=12, validator=_int_in(1, 36))
    extension_months: int = attrs.field(default=12, validator=_int_in(1, 36))
    extensions: int = attrs.field(default=1, validator=_int_in(0, 5))
    graduating_term_suspension: bool = attrs.field(default=True, validator=_check_bool)
    dropout_absence_weeks: int | None = attrs.field(default=None, validator=_check_weeks)
    grade_changes: frozenset[GradeChange] = attrs.field(
        default=frozenset({GradeChange.MOVE_DOWN}), converter=_to_changes
    )

    def school_year(self, on: datetime.date) -> int:
        """The year in which the school year holding ``on`` started."""
        starts = self.school_year_starts.in_year(on.year)
        return on.year if on >= starts else on.year - 1

    def entry_cutoff_for(self, on: datetime.date) -> datetime.date:
        """The cut-off day for a grade-1 entry in the school year holding ``on``."""
        return self.entry_cutoff.in_year(self.school_year(on))

    def meets_entry_age(self, birth_date: datetime.date, *, on: datetime.date) -> bool:
        """Whether a pupil born on ``birth_date`` is old enough for grade 1 on ``on``:
        ``entry_age`` completed years by the cut-off of that school year."""
        return meets_age(birth_date, years=self.entry_age, by=self.entry_cutoff_for(on))

    def in_transfer_freeze(self, on: datetime.date) -> bool:
        """Whether ``on`` falls in the transfer freeze (转学冻结期)."""
        return self.transfer_freeze is not None and _within(on, *self.transfer_freeze)

    def in_progression_window(self, on: datetime.date) -> bool:
        """Whether a progression across provinces may start on ``on``."""
        return any(_within(on, start, end) for start, end in self.progression_windows)

    def in_second_term(self, on: datetime.date) -> bool:
        """Whether ``on`` falls in the second (spring) term of its school year."""
        return _within(on, self.second_term_starts, _day_before(self.school_year_starts))


def _day_before(day: MonthDay) -> MonthDay:
    return MonthDay.of(day.in_year(2023) - datetime.timedelta(days=1))


Policy.NATIONAL = Policy()
Policy.LIAONING = Policy(
    name="辽宁",
    province="21",
    graduating_term_suspension=False,
    dropout_absence_weeks=4,
)
