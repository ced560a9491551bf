"""Properties of `meets_age`: meeting an age by a day is having that age on the day, in
completed years, as `ResidentID.age_on` counts them (docs/adr/0018-entry-age.md).
"""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from xueji import ResidentID, meets_age
from xueji import strategies as xs

D = datetime.date


@given(
    rid=xs.resident_ids(born=(D(1850, 1, 1), D(2100, 12, 31))),
    cut_off=st.dates(D(1850, 1, 1), D(2120, 12, 31)),
    years=st.integers(0, 30),
)
def test_meeting_an_age_is_having_that_age_on_the_day_as_age_on_counts(
    rid: ResidentID, cut_off: datetime.date, years: int
) -> None:
    born = rid.birth_date
    expected = cut_off >= born and rid.age_on(cut_off) >= years
    assert meets_age(born, years=years, by=cut_off) is expected
