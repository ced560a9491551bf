"""Tests that kill mutmut survivors in xueji.resident_id (issue 8.2, docs/mutation.md).

``InvalidNumber.masked``, ``.kind`` and ``.expected`` are attributes of the public API;
the tests assert on them and on ``reason``, never on message wording.
"""

from __future__ import annotations

import datetime

import pytest

from xueji import DateBeforeBirth, InvalidNumber, Reason, RegionCheck, ResidentID
from xueji._checksum import mod_11_2

D = datetime.date
RID = ResidentID.parse("11010519491231002X")


def _error(call: object, *args: object) -> InvalidNumber:
    with pytest.raises(InvalidNumber) as info:
        call(*args)  # type: ignore[operator]
    return info.value


def test_age_on_takes_a_datetime_as_its_date() -> None:
    assert RID.age_on(datetime.datetime(2026, 11, 28, 23, 59)) == RID.age_on(D(2026, 11, 28))
    assert RID.age_on(datetime.datetime(1950, 12, 31, 0, 0)) == 1


def test_age_on_a_day_before_birth_raises_with_a_message() -> None:
    with pytest.raises(DateBeforeBirth) as info:
        RID.age_on(D(1949, 12, 30))
    assert info.value.reason is Reason.DATE_BEFORE_BIRTH
    assert isinstance(info.value.args[0], str)
    assert info.value.args[0]


def test_the_constructor_checks_the_structure_but_not_the_region() -> None:
    body = "000000" + "20150901" + "001"  # no such province
    assert ResidentID(body + mod_11_2(body)).region_code == "000000"
    assert not ResidentID.is_valid(body + mod_11_2(body))


def test_constructor_errors_name_the_kind_and_show_the_masked_input() -> None:
    wrong = _error(ResidentID, "110105194912310021")
    assert (wrong.reason, wrong.kind, wrong.expected) == (Reason.CHECKSUM, "resident ID", "X")
    assert wrong.masked == "110105********0021"
    not_text = _error(ResidentID, 110105194912310021)
    assert (not_text.reason, not_text.kind, not_text.masked) == (
        Reason.NOT_TEXT,
        "resident ID",
        "<int>",
    )


def test_legacy_errors_name_the_kind_and_mask_the_cleaned_input() -> None:
    clean = _error(ResidentID.from_legacy, "110105491332002")
    messy = _error(ResidentID.from_legacy, " 110105 491332 002 ")
    assert clean.reason is messy.reason is Reason.BIRTH_DATE
    assert clean.kind == messy.kind == "legacy resident ID"
    assert clean.masked == messy.masked == "110105******002"
    not_text = _error(ResidentID.from_legacy, 110105491231002)
    assert (not_text.reason, not_text.masked) == (Reason.NOT_TEXT, "<int>")


def test_is_valid_on_messy_text_honours_as_of_and_regions() -> None:
    messy = " 110105 19491231 002x "
    assert ResidentID.is_valid(messy)
    assert not ResidentID.is_valid(messy, as_of=D(1949, 12, 30))
    unknown_county = "110199" + "20150901" + "001"  # Beijing, but no such county
    text = " " + unknown_county + mod_11_2(unknown_county) + " "
    assert ResidentID.is_valid(text, regions=RegionCheck.PROVINCE)
    assert not ResidentID.is_valid(text)
