"""Notebook display masks people's numbers: no birth-date digit shows in the HTML of a
report, a check, a number or a record drawn from `xueji.strategies` (or damaged by hand),
unless ``to_html(show=True)`` asks for the numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from texts import damaged_ids

import xueji
from xueji import (
    Check,
    RegistryNumber,
    ResidentID,
    check,
    check_many,
)
from xueji import strategies as xs


@settings(max_examples=30)
@given(st.lists(damaged_ids(), min_size=1, max_size=20))
def test_no_birth_date_shows_in_a_report_or_its_checks(pairs: list[tuple[str, str]]) -> None:
    texts = [text for text, _ in pairs]
    report = check_many(texts)
    markup = report.to_html(rows=len(texts))
    for text, born in pairs:
        assert born not in markup
        assert born not in check(text)._repr_html_()
        if born in text and not report[texts.index(text)].ok:
            assert born in report.to_html(rows=len(texts), show=True)


@given(
    st.one_of(
        xs.resident_ids(),
        xs.registry_numbers(),
        st.builds(lambda rid: check(str(rid)), xs.resident_ids()),
    )
)
def test_a_number_and_its_check_show_masked(value: ResidentID | RegistryNumber | Check) -> None:
    markup = value._repr_html_()
    text = value.value
    assert text is not None
    body = text[-18:]
    assert body[6:14] not in markup
    assert body[:6] in markup


@settings(max_examples=20)
@given(xs.records())
def test_a_record_shows_its_number_masked_and_no_birth_date(record: xueji.Record) -> None:
    markup = record._repr_html_()
    born = record.student.birth_date
    assert f"{born:%Y%m%d}" not in markup
    if record.enrolled_on != born:  # the day of enrolment is shown, and may be the same
        assert born.isoformat() not in markup
    assert record.number.masked() in markup
    assert record.status.value in markup
