"""`extract_fields`: the fields of a column's numbers, row by row or whole-array.

The property tests (tests/property/test_fields_properties.py) hold every field equal to
the scalar properties over generated columns; these are the documented cases one by one,
the arguments it refuses, and the path it takes without numpy.
"""

from __future__ import annotations

import datetime
import sys
from typing import Any

import numpy as np
import pytest
from texts import EXAMPLE, with_check

import xueji
from xueji import (
    FIELD_NAMES,
    InvalidValue,
    Kind,
    Reason,
    RegionPolicy,
    ResidentID,
    check_many,
    extract_fields,
    region,
)

ON = datetime.date(2026, 11, 28)
L_NUMBER = "L110105201509010123"
HONG_KONG = with_check("81000020100101001")
TAIWAN = with_check("83000020100101002")
FOREIGNER = "911398199012310021"  # a card first issued in Beijing (11), to a Japanese (398)
COLUMN: list[object] = [EXAMPLE, " 110105 19491231 002x", "110105194912310021", None, 1.1e17]


@pytest.fixture(params=[True, False], ids=["numpy", "row by row"])
def vectorise(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def fields_of(values: list[object], **options: Any) -> dict[str, list[Any]]:
    return extract_fields(values, **options).to_dict()


def test_every_field_of_a_valid_id_and_the_verdict_of_invalid_rows(vectorise: bool) -> None:
    found = fields_of(COLUMN, on=ON, vectorise=vectorise)
    assert list(found) == list(FIELD_NAMES)
    assert found["ok"] == [True, True, False, False, False]
    assert found["reason"] == [None, None, "checksum", "missing", "float-damage"]
    assert found["kind"] == ["resident-id", "resident-id", "resident-id", None, None]
    assert found["value"] == [EXAMPLE, EXAMPLE, None, None, None]
    expected = {
        "document": "mainland",
        "birth_date": datetime.date(1949, 12, 31),
        "sex": "2",
        "region_code": "110105",
        "province": "北京市",
        "prefecture": None,
        "county": "朝阳区",
        "nationality": None,
        "age": 76,
        "registry_kind": None,
    }
    for name, value in expected.items():
        # The messy row is the same number; every field of an invalid row is null.
        assert found[name] == [value, value, None, None, None], name


def test_a_registry_number_has_its_birth_date_and_place_but_an_l_number_no_sex(
    vectorise: bool,
) -> None:
    found = fields_of(["G" + EXAMPLE, L_NUMBER], on=ON, vectorise=vectorise)
    assert found["kind"] == ["registry-number", "registry-number"]
    assert found["registry_kind"] == ["G", "L"]
    assert found["birth_date"] == [datetime.date(1949, 12, 31), datetime.date(2015, 9, 1)]
    assert found["sex"] == ["2", None]
    assert found["document"] == ["mainland", None]
    assert found["county"] == ["朝阳区", "朝阳区"]
    assert found["age"] == [76, 11]


def test_a_registry_column_is_read_as_check_many_reads_it(vectorise: bool) -> None:
    column: list[object] = ["G" + EXAMPLE, EXAMPLE, "G" + EXAMPLE[:17] + "1", L_NUMBER]
    expect = Kind.REGISTRY_NUMBER
    found = fields_of(column, fields=("ok", "reason", "value"), expect=expect, vectorise=vectorise)
    report = check_many(column, expect=expect)
    assert found["ok"] == report.ok_mask()
    assert found["value"] == report.values()
    assert found["reason"] == [None, "prefix", "checksum", None]


def test_permits_and_the_foreigners_card_are_named_as_their_resident_ids_are(
    vectorise: bool,
) -> None:
    found = fields_of([HONG_KONG, TAIWAN, FOREIGNER], vectorise=vectorise)
    assert found["document"] == ["hong-kong-permit", "taiwan-permit", "foreign-permanent-resident"]
    regions = [ResidentID(v).region for v in (HONG_KONG, TAIWAN, FOREIGNER)]
    assert found["province"] == [r.province if r else None for r in regions]
    assert found["province"][1] == "台湾地区"
    # A foreigner's card: its province of issue, and a nationality.
    assert found["region_code"] == ["810000", "830000", "110000"]
    assert found["nationality"] == [None, None, "398"]


def test_names_are_those_in_force_in_the_birth_year(vectorise: bool) -> None:
    # 120110 was 东郊区 until 1991, then 东丽区.
    born_1985 = with_check("12011019850101001")
    born_2010 = with_check("12011020100101001")
    found = fields_of([born_1985, born_2010, born_1985], fields=("county",), vectorise=vectorise)
    assert found["county"] == ["东郊区", "东丽区", "东郊区"]
    assert found["county"][:2] == [
        region("120110", year=1985).county,  # type: ignore[union-attr]
        region("120110", year=2010).county,  # type: ignore[union-attr]
    ]


def test_an_unknown_region_has_no_names_under_a_looser_policy(vectorise: bool) -> None:
    unknown = with_check("11019919850101001")  # province 11 exists, county 110199 does not
    found = fields_of(
        [unknown, EXAMPLE],
        fields=("ok", "region_code", "province"),
        regions=RegionPolicy.PROVINCE,
        vectorise=vectorise,
    )
    assert found == {
        "ok": [True, True],
        "region_code": ["110199", "110105"],
        "province": [None, "北京市"],
    }
    assert ResidentID(unknown).region is None


def test_a_school_location_led_by_a_9_is_not_read_as_a_foreigners_card(vectorise: bool) -> None:
    """An L number checked by format only may hold any six digits; 971004 is no card's."""
    found = fields_of(
        ["L971004200001010015"],
        fields=("ok", "region_code", "province"),
        regions=RegionPolicy.FORMAT,
        vectorise=vectorise,
    )
    assert found == {"ok": [True], "region_code": ["971004"], "province": [None]}


def test_a_province_code_has_no_prefecture_even_beside_codes_that_name_one(
    vectorise: bool,
) -> None:
    # 460001 (五指山市) sits directly below the province code 460000 of Hainan.
    column: list[object] = [with_check("46000020100101001"), with_check("46000120100101001")]
    found = fields_of(column, fields=("prefecture",), vectorise=vectorise)
    named = [region(code, year=2010) for code in ("460000", "460001")]
    assert found["prefecture"] == [r.prefecture if r else None for r in named]
    assert found["prefecture"][0] is None


def test_ages_are_completed_years_and_a_29_february_birthday_comes_on_1_march(
    vectorise: bool,
) -> None:
    leap = with_check("11010520200229001")
    ages = [
        fields_of([leap], on=day, fields=("age",), vectorise=vectorise)["age"][0]
        for day in (
            datetime.date(2026, 2, 28),
            datetime.date(2026, 3, 1),
            datetime.date(2024, 2, 29),
            datetime.date(2020, 2, 29),
            datetime.date(2020, 2, 28),  # the day before the birth: no age
        )
    ]
    assert ages == [5, 6, 4, 0, None]


def test_a_datetime_counts_as_its_day() -> None:
    noon = datetime.datetime(2026, 12, 31, 12, 0)
    assert fields_of([EXAMPLE], fields=("age",), on=noon)["age"] == [77]


def test_the_age_is_given_only_when_a_day_is() -> None:
    assert "age" not in extract_fields([EXAMPLE])
    assert "age" in extract_fields([EXAMPLE], on=ON)


@pytest.mark.parametrize(
    "options",
    [
        {"fields": ("birthday",)},
        {"fields": "birth_date"},
        {"fields": 3},
        {"fields": ("age",)},
        {"on": "2026-11-28"},
        {"on": np.datetime64("2026-11-28")},
        {"regions": "known"},
        {"expect": "resident-id"},
        {"vectorise": 1},
    ],
    ids=repr,
)
def test_wrong_arguments_are_refused_with_invalid_value(options: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue) as caught:
        extract_fields([EXAMPLE], **options)
    assert caught.value.reason is Reason.INVALID_VALUE


def test_only_category_fields_have_codes() -> None:
    found = extract_fields([EXAMPLE], fields=("ok", "sex"))
    for name in ("ok", "county"):
        with pytest.raises(InvalidValue):
            found.codes(name)


def test_the_categories_of_an_enum_field_are_all_its_values_in_order(vectorise: bool) -> None:
    found = extract_fields([EXAMPLE, "G" + EXAMPLE], vectorise=vectorise)
    assert found.codes("sex")[1] == ("1", "2")
    assert found.codes("kind")[1] == ("resident-id", "registry-number", "school-code")
    assert found.codes("registry_kind")[1] == ("G", "L", "J")
    assert len(found.codes("document")[1]) == 5
    # Open sets: the values present, sorted.
    assert found.codes("county")[1] == ("朝阳区",)


def test_the_columns_are_numpy_arrays_of_native_types_and_copies() -> None:
    found = extract_fields(COLUMN, on=ON)
    assert found["birth_date"].dtype == np.dtype("datetime64[D]")
    assert np.isnat(found["birth_date"][2])
    assert found["ok"].dtype == np.dtype(bool)
    assert found["age"].dtype == np.dtype("int64")
    assert np.ma.getmaskarray(found["age"]).tolist() == [False, False, True, True, True]
    assert found["county"].dtype == np.dtype(object)
    found["ok"][0] = False
    assert found["ok"][0]


def test_fields_compare_by_their_values_whatever_their_form() -> None:
    vector = extract_fields(COLUMN, on=ON)
    assert vector == extract_fields(COLUMN, on=ON, vectorise=False)
    assert vector != extract_fields(COLUMN[:3], on=ON)
    assert vector != extract_fields(COLUMN, on=ON + datetime.timedelta(days=366))
    assert vector != vector.to_dict()


def test_the_repr_shows_the_shape_and_never_a_value() -> None:
    found = extract_fields([EXAMPLE])
    assert repr(found).startswith("<Fields rows=1 fields=['value', 'ok'")
    assert "19491231" not in repr(found)
    assert len(found) == len(FIELD_NAMES) - 1
    assert found.rows == 1


def test_without_numpy_the_columns_are_lists_from_the_scalar_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Importing the numpy path fails, as it does without numpy.
    monkeypatch.setitem(sys.modules, "xueji._fields", None)
    monkeypatch.delattr(xueji, "_fields", raising=False)
    found = extract_fields(COLUMN, on=ON, vectorise=True)
    assert isinstance(found["birth_date"], list)
    assert found.codes("sex") == ([1, 1, -1, -1, -1], ("1", "2"))
    monkeypatch.undo()
    assert found.to_dict() == extract_fields(COLUMN, on=ON).to_dict()


def test_a_large_column_gives_the_same_fields_on_both_paths() -> None:
    column: list[object] = [
        *COLUMN,
        "G" + EXAMPLE,
        L_NUMBER,
        HONG_KONG,
        FOREIGNER,
        with_check("12011019850101001"),
        with_check("12011020100101002"),
        "2111010001",
    ] * 2_000
    vector = extract_fields(column, on=ON)
    scalar = extract_fields(column, on=ON, vectorise=False)
    assert vector.to_dict() == scalar.to_dict()
    assert vector.rows == len(column)


def test_birth_dates_at_the_ends_of_the_calendar_are_exact(vectorise: bool) -> None:
    days = [
        datetime.date(1850, 1, 1),
        datetime.date(1900, 2, 28),
        datetime.date(1900, 3, 1),
        datetime.date(2000, 2, 29),
        datetime.date(2000, 3, 1),
        datetime.date(2100, 12, 31),
        datetime.date(9999, 12, 31),
    ]
    column: list[object] = [
        str(xueji.make_resident_id(region_code="110105", birth_date=day, sequence=1))
        for day in days
    ]
    assert fields_of(column, fields=("birth_date",), vectorise=vectorise)["birth_date"] == days
