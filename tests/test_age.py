"""Ages in completed years, and the entry-age rule `meets_age` (docs/adr/0018-entry-age.md).

The rule: a child is N years old from their Nth birthday on; someone born on 29 February
has their birthday on 1 March in a year without 29 February, the day after 28 February,
as `ResidentID.age_on` counts. "6 years old on or before 31 August" (年满6周岁) admits the
children whose sixth birthday falls on or before the cut-off date.
"""

from __future__ import annotations

import calendar
import datetime

import pytest

from xueji import InvalidValue, Reason, ResidentID, meets_age

D = datetime.date
AUGUST_31 = D(2026, 8, 31)


@pytest.mark.parametrize(
    ("born", "meets"),
    [
        (D(2020, 8, 31), True),  # sixth birthday on the cut-off day itself
        (D(2020, 9, 1), False),  # one day late: the next year's intake
        (D(2020, 1, 1), True),
        (D(2019, 9, 1), True),  # 7 on 1 September 2026, and so 6 as well
        (D(2021, 8, 31), False),  # 5
    ],
    ids=["birthday-on-the-cut-off", "a-day-late", "january", "a-year-older", "a-year-younger"],
)
def test_a_child_meets_the_entry_age_when_the_birthday_is_on_or_before_the_cut_off(
    born: datetime.date, meets: bool
) -> None:
    assert meets_age(born, years=6, by=AUGUST_31) is meets


LEAP_CHILD = D(2020, 2, 29)


@pytest.mark.parametrize(
    ("cut_off", "meets"),
    [
        (D(2026, 2, 27), False),
        (D(2026, 2, 28), False),  # 2026 has no 29 February: the birthday is 1 March
        (D(2026, 3, 1), True),
        (D(2026, 8, 31), True),
        (D(2024, 2, 28), False),  # a leap year: the birthday is 29 February itself
        (D(2024, 2, 29), True),
    ],
)
def test_a_29_february_child_turns_a_year_older_on_1_march_in_other_years(
    cut_off: datetime.date, meets: bool
) -> None:
    years = cut_off.year - 2020
    assert meets_age(LEAP_CHILD, years=years, by=cut_off) is meets


def test_a_29_february_child_meets_the_entry_age_with_the_usual_cut_off() -> None:
    assert meets_age(LEAP_CHILD, years=6, by=D(2026, 8, 31))
    assert not meets_age(D(2021, 3, 1), years=6, by=D(2027, 2, 28))
    assert meets_age(D(2021, 2, 28), years=6, by=D(2027, 2, 28))


def test_nobody_meets_any_age_before_they_are_born() -> None:
    assert not meets_age(D(2020, 9, 1), years=0, by=D(2020, 8, 31))
    assert meets_age(D(2020, 9, 1), years=0, by=D(2020, 9, 1))


def test_a_datetime_counts_as_its_day() -> None:
    assert meets_age(datetime.datetime(2020, 8, 31, 23, 59), years=6, by=AUGUST_31)
    assert meets_age(D(2020, 8, 31), years=6, by=datetime.datetime(2026, 8, 31, 0, 0))


@pytest.mark.parametrize(
    ("arguments"),
    [
        {"birth_date": "2020-08-31", "years": 6, "by": AUGUST_31},
        {"birth_date": D(2020, 8, 31), "years": 6, "by": "2026-08-31"},
        {"birth_date": D(2020, 8, 31), "years": -1, "by": AUGUST_31},
        {"birth_date": D(2020, 8, 31), "years": 6.0, "by": AUGUST_31},
        {"birth_date": D(2020, 8, 31), "years": True, "by": AUGUST_31},
        {"birth_date": None, "years": 6, "by": AUGUST_31},
    ],
    ids=["text-birth-date", "text-cut-off", "negative-years", "float-years", "bool-years", "none"],
)
def test_arguments_of_the_wrong_type_are_refused_with_invalid_value(
    arguments: dict[str, object],
) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        meets_age(**arguments)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


def test_every_29_february_from_1852_on_is_counted_the_same_way() -> None:
    wrong = []
    for year in range(1852, 2400, 4):
        if not calendar.isleap(year):
            continue
        born = D(year, 2, 29)
        for later in range(year + 1, year + 9):
            birthday = D(later, 2, 29) if calendar.isleap(later) else D(later, 3, 1)
            years = later - year
            before = birthday - datetime.timedelta(days=1)
            if meets_age(born, years=years, by=before) or not meets_age(
                born, years=years, by=birthday
            ):
                wrong.append((year, later))
    assert wrong == []


def test_age_on_counts_completed_years() -> None:
    rid = ResidentID.parse("11010519491231002X")
    assert rid.age_on(D(1950, 12, 30)) == 0
    assert rid.age_on(D(1950, 12, 31)) == 1
