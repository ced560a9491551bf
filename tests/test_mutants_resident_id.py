"""Tests that kill mutmut survivors in xueji.resident_id (issue 8.2, docs/mutation.md).

``InvalidNumber.masked``, ``.kind`` and ``.expected`` are attributes of the public API;
the tests assert on them and on ``reason``, never on message wording.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

import pytest

from xueji import (
    DateBeforeBirth,
    InvalidNumber,
    Reason,
    RegionCheck,
    ResidentID,
    make_resident_id,
)
from xueji._checksum import mod_11_2
from xueji._text import MAX_INPUT

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


# -- problem(): the stray-character diagnosis up to MAX_INPUT ---------------------------------


@pytest.mark.parametrize(
    ("size", "reason"),
    [(MAX_INPUT - 1, Reason.FORMAT), (MAX_INPUT, Reason.FORMAT), (MAX_INPUT + 1, Reason.LENGTH)],
    ids=["below-max", "at-max", "above-max"],
)
def test_a_stray_character_is_diagnosed_in_any_input_up_to_the_maximum_length(
    size: int, reason: Reason
) -> None:
    text = "11010519491231002X" + "#" * (size - 18)
    assert len(text) == size
    assert _error(ResidentID.parse, text).reason is reason
    assert _error(ResidentID, text).reason is reason


# -- problem(): 29 February follows the Gregorian calendar in every accepted year ---------


def test_29_february_is_accepted_exactly_in_the_gregorian_leap_years() -> None:
    # Century years are where a rule on the last three digits of the year would differ
    # (3000 is not a leap year, 3200 is).
    wrong = []
    for year in range(1850, 10000):
        body = f"110105{year:04d}0229001"
        number = body + mod_11_2(body)
        if ResidentID.is_valid(number, regions=RegionCheck.FORMAT) is not calendar.isleap(year):
            wrong.append(year)
    assert wrong == []


@pytest.mark.parametrize(
    ("year", "leap"),
    [(1900, False), (2000, True), (2100, False), (2400, True), (3000, False), (3200, True)],
    ids=str,
)
def test_29_february_of_a_century_year_is_valid_only_if_it_divides_by_400(
    year: int, leap: bool
) -> None:
    body = f"110105{year}0229001"
    number = body + mod_11_2(body)
    if leap:
        assert ResidentID.parse(number).birth_date == D(year, 2, 29)
    else:
        assert _error(ResidentID.parse, number).reason is Reason.BIRTH_DATE


# -- make_resident_id: the errors' attributes -------------------------------------------------

BORN = D(1990, 1, 1)


@pytest.mark.parametrize(
    ("parts", "reason", "kind", "masked"),
    [
        ({"region_code": "11010a"}, Reason.REGION, "region code", "******"),
        ({"region_code": "11010"}, Reason.REGION, "region code", "******"),
        ({"region_code": "\uff11" * 6}, Reason.REGION, "region code", "******"),
        ({"region_code": "119999"}, Reason.REGION, "region code", "119999"),
        ({"region_code": "990000"}, Reason.REGION, "region code", "990000"),
        ({"region_code": "911000"}, Reason.NATIONALITY, "region code", "911000"),
        ({"sequence": -1}, Reason.SEQUENCE, "sequence", "***"),
        ({"sequence": 1000}, Reason.SEQUENCE, "sequence", "***"),
        ({"birth_date": D(1849, 12, 31)}, Reason.BIRTH_DATE, "birth date", "********"),
        (
            {"birth_date": datetime.datetime(1849, 12, 31, 23, 59)},
            Reason.BIRTH_DATE,
            "birth date",
            "********",
        ),
    ],
    ids=[
        "region-not-digits",
        "region-too-short",
        "region-full-width",
        "region-unknown-county",
        "region-unknown-province",
        "nationality-unknown",
        "sequence-negative",
        "sequence-too-big",
        "birth-date-too-early",
        "birth-datetime-too-early",
    ],
)
def test_make_resident_id_errors_name_the_part_and_mask_it(
    parts: dict[str, Any], reason: Reason, kind: str, masked: str
) -> None:
    arguments: dict[str, Any] = {"region_code": "110105", "birth_date": BORN, "sequence": 1}
    arguments.update(parts)
    err = _error(lambda: make_resident_id(**arguments))
    assert (err.reason, err.kind, err.masked, err.expected) == (reason, kind, masked, None)
    assert isinstance(str(err), str)
    assert str(err)
    assert "1849" not in str(err)


def test_make_resident_id_takes_a_datetime_as_its_date() -> None:
    moment = datetime.datetime(1949, 12, 31, 23, 59)
    rid = make_resident_id(region_code="110105", birth_date=moment, sequence=2)
    assert rid == make_resident_id(region_code="110105", birth_date=D(1949, 12, 31), sequence=2)
    assert rid.value == "11010519491231002X"
    assert rid.birth_date == D(1949, 12, 31)
