"""`xueji.check`: one value of any type, explained; never an exception.

What is promised (`xueji.checks`, ADR 0012): a `Check` with the kind, the canonical value
when valid, every problem with a stable reason and a severity, and the cleanings;
warnings (`normalised`, `retired-region`, `aggregate-region`) never make a value invalid;
spreadsheet damage is `float-damage`, not a misleading checksum error; the verdict and the
first reason agree with the parsers of each kind (tests/property/test_check_properties.py).
Assertions are on reasons and fields, never on wording (except that no message may hold
the 8 birth-date digits).
"""

from __future__ import annotations

import datetime
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from texts import EXAMPLE, EXAMPLE_BORN, PERMITS, SPECIALS, Explosive, Text, check_char, with_check

from xueji import (
    MAX_INPUT,
    Check,
    Cleaning,
    Kind,
    Reason,
    RegionPolicy,
    Severity,
    check,
)

# tests/ and tests/data/ are not packages: the data module is imported by its own name.
sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
import spreadsheet_damage as damage


def reasons(result: Check) -> list[Reason]:
    return [p.reason for p in result.problems]


# -- never raises, and a consistent Check --------------------------------------------------


@pytest.mark.parametrize("value", SPECIALS, ids=lambda v: type(v).__name__)
def test_every_special_value_gets_a_check_without_an_exception(value: object) -> None:
    result = check(value)
    assert isinstance(result, Check)
    assert result.ok == (isinstance(value, str) and value == EXAMPLE)


@pytest.mark.parametrize(
    "value",
    [np.array([1, 2]), pd.Series([EXAMPLE]), Explosive()],
    ids=["numpy-array", "pandas-series", "explosive"],
)
def test_a_non_text_container_is_reported_as_not_text(value: object) -> None:
    assert reasons(check(value)) == [Reason.NOT_TEXT]


def test_a_str_subclass_checks_like_the_plain_string() -> None:
    assert check(Text(EXAMPLE)) == check(EXAMPLE)
    assert check(np.str_(EXAMPLE)) == check(EXAMPLE)


@pytest.mark.parametrize("as_of", ["2020-01-01", 20200101], ids=["str", "int"])
def test_a_reference_date_that_is_not_a_date_is_a_format_error_not_an_exception(
    as_of: Any,
) -> None:
    result = check(EXAMPLE, as_of=as_of)
    assert (result.ok, result.kind, result.value) == (False, None, None)
    assert [(p.reason, p.severity) for p in result.problems] == [(Reason.FORMAT, Severity.ERROR)]
    assert result.normalised == frozenset()


# -- kinds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (EXAMPLE, Kind.RESIDENT_ID),
        ("G" + EXAMPLE, Kind.REGISTRY_NUMBER),
        ("g" + EXAMPLE.lower(), Kind.REGISTRY_NUMBER),
        ("L110105201509010123", Kind.REGISTRY_NUMBER),
        ("J11010520150901007" + check_char("11010520150901007"), Kind.REGISTRY_NUMBER),
        ("2111010001", Kind.SCHOOL_CODE),
        ("２１１１０１０００１", Kind.SCHOOL_CODE),
    ],
)
def test_the_kind_of_a_valid_value_is_recognised(text: str, kind: Kind) -> None:
    result = check(text)
    assert (result.ok, result.kind) == (True, kind)


def test_the_canonical_value_is_given_for_each_kind() -> None:
    assert check(" 110105 19491231 002x ").value == EXAMPLE
    assert check("g110105-19491231-002x").value == "G" + EXAMPLE
    assert check(" 2111010001 ").value == "2111010001"


@pytest.mark.parametrize(
    ("text", "expect", "reason"),
    [
        (EXAMPLE, Kind.SCHOOL_CODE, Reason.LENGTH),
        (EXAMPLE, Kind.REGISTRY_NUMBER, Reason.PREFIX),
        ("G" + EXAMPLE, Kind.RESIDENT_ID, Reason.FORMAT),
        ("2111010001", Kind.RESIDENT_ID, Reason.LENGTH),
        ("2111010001", Kind.REGISTRY_NUMBER, Reason.LENGTH),
    ],
)
def test_expect_forces_the_kind_and_the_value_is_judged_as_that_kind(
    text: str, expect: Kind, reason: Reason
) -> None:
    result = check(text, expect=expect)
    assert (result.ok, result.kind) == (False, expect)
    assert reasons(result)[0] is reason


def test_expect_keeps_a_valid_value_valid() -> None:
    assert check(EXAMPLE, expect=Kind.RESIDENT_ID).ok
    assert check("G" + EXAMPLE, expect=Kind.REGISTRY_NUMBER).ok
    assert check("2111010001", expect=Kind.SCHOOL_CODE).ok


@pytest.mark.parametrize("expect", list(Kind), ids=[k.value for k in Kind])
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, Reason.MISSING),
        (math.nan, Reason.MISSING),
        (1.10105194912310e17, Reason.FLOAT_DAMAGE),
        (object(), Reason.NOT_TEXT),
        (b"2111010001", Reason.NOT_TEXT),
        ("", Reason.MISSING),
        (" \t ", Reason.MISSING),
        ("1.10105E+17", Reason.FLOAT_DAMAGE),
        ("110105194912310021.0", Reason.FLOAT_DAMAGE),
    ],
    ids=[
        "none",
        "nan",
        "float",
        "object",
        "bytes",
        "empty",
        "blank",
        "scientific",
        "trailing-zero",
    ],
)
def test_a_value_refused_before_its_kind_is_known_keeps_the_expected_kind(
    value: object, reason: Reason, expect: Kind
) -> None:
    result = check(value, expect=expect)
    assert (result.ok, result.kind, result.value) == (False, expect, None)
    assert [(p.reason, p.severity) for p in result.problems] == [(reason, Severity.ERROR)]


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("G110105********002X", Kind.REGISTRY_NUMBER, [Reason.MASKED]),
        ("g110105********002X", Kind.REGISTRY_NUMBER, [Reason.MASKED, Reason.NORMALISED]),
        (" J110105********002X", Kind.REGISTRY_NUMBER, [Reason.MASKED, Reason.NORMALISED]),
        ("L" + "1" * MAX_INPUT, Kind.REGISTRY_NUMBER, [Reason.LENGTH]),
        ("X110105********002X", Kind.RESIDENT_ID, [Reason.MASKED]),
        ("A" + "1" * 19, Kind.REGISTRY_NUMBER, [Reason.LENGTH]),
        ("A\u00e9", Kind.REGISTRY_NUMBER, [Reason.FORMAT]),
        ("1" * 10 + "\u00e9", Kind.RESIDENT_ID, [Reason.FORMAT]),
    ],
    ids=[
        "masked-G",
        "masked-g",
        "masked-J-padded",
        "too-long-L",
        "masked-X",
        "letter-then-digits",
        "letter-then-non-ascii",
        "digits-then-non-ascii",
    ],
)
def test_the_kind_of_an_invalid_value_is_recognised_from_its_first_character(
    value: str, kind: Kind, expected: list[Reason]
) -> None:
    result = check(value)
    assert (result.ok, result.kind, result.value) == (False, kind, None)
    assert reasons(result) == expected


@pytest.mark.parametrize(
    "value",
    ["g" + EXAMPLE, "\uff27" + EXAMPLE, "\uff4a" + EXAMPLE],
    ids=["lower-g", "full-width-G", "full-width-j"],
)
def test_an_expected_resident_id_takes_no_prefix_letter(value: str) -> None:
    result = check(value, expect=Kind.RESIDENT_ID)
    assert (result.ok, result.kind, reasons(result)) == (False, Kind.RESIDENT_ID, [Reason.FORMAT])
    assert result.normalised == frozenset()


# -- warnings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cleanings"),
    [
        ("11010519491231002x", {Cleaning.LOWERCASE}),
        ("１１０１０５１９４９１２３１００２Ｘ", {Cleaning.FULL_WIDTH}),
        ("１１０１０５１９４９１２３１００２ｘ", {Cleaning.FULL_WIDTH, Cleaning.LOWERCASE}),
        (" 11010519491231002X\t", {Cleaning.WHITESPACE}),
        ("110105 19491231 002X", {Cleaning.WHITESPACE}),
        ("110105-19491231-002X", {Cleaning.SEPARATORS}),
        ("g11010519491231002X", {Cleaning.LOWERCASE}),
    ],
    ids=["x", "full-width", "full-width-x", "outer-space", "inner-space", "hyphens", "g"],
)
def test_cleaning_is_a_normalised_warning_on_a_valid_value(
    text: str, cleanings: set[Cleaning]
) -> None:
    result = check(text)
    assert result.ok
    assert result.normalised == cleanings
    assert [(p.reason, p.severity) for p in result.problems] == [
        (Reason.NORMALISED, Severity.WARNING)
    ]


def test_canonical_text_has_no_problems_and_no_cleaning() -> None:
    result = check(EXAMPLE)
    assert (result.ok, result.value, result.problems, result.normalised) == (
        True,
        EXAMPLE,
        (),
        frozenset(),
    )


def test_a_code_retired_before_the_birth_year_is_a_retired_region_warning() -> None:
    # 110103 (北京市崇文区) was last used in 2010; born 2015-03-01, sequence 012.
    text = with_check("11010320150301012")
    result = check(text)
    assert (result.ok, result.value) == (True, text)
    assert [(p.reason, p.severity) for p in result.problems] == [
        (Reason.RETIRED_REGION, Severity.WARNING)
    ]


def test_a_retired_code_used_before_it_was_retired_raises_no_warning() -> None:
    result = check(with_check("11010320050301012"))
    assert (result.ok, result.problems) == (True, ())


@pytest.mark.parametrize("code", ["110000", "110100", "440000", "440300"])
def test_a_province_or_prefecture_code_is_an_aggregate_region_warning(code: str) -> None:
    result = check(with_check(code + "20150301012"))
    assert result.ok
    assert [(p.reason, p.severity) for p in result.problems] == [
        (Reason.AGGREGATE_REGION, Severity.WARNING)
    ]


@pytest.mark.parametrize("code", PERMITS)
def test_a_residence_permit_code_is_not_an_aggregate_region(code: str) -> None:
    result = check(with_check(code + "20150301012"))
    assert (result.ok, result.problems) == (True, ())


def test_a_foreigners_card_raises_no_region_warning() -> None:
    # 9 + province 11 + nationality 156... any known country: 840 (United States).
    result = check(with_check("911840" + "20150301012"))
    assert (result.ok, result.problems) == (True, ())


def test_warnings_of_a_g_number_follow_its_resident_id() -> None:
    result = check("g" + with_check("11010320150301012"))
    assert result.ok
    assert set(reasons(result)) == {Reason.NORMALISED, Reason.RETIRED_REGION}


def test_cleaning_is_reported_on_an_invalid_value_too() -> None:
    result = check("110105-19491231-0021")
    assert not result.ok
    assert reasons(result) == [Reason.CHECKSUM, Reason.NORMALISED]
    assert result.normalised == {Cleaning.SEPARATORS}


# 131027 was retired in 1990: numbers of people born up to 1990 raise no warning.
RETIRED_IN_1990 = "131027"


@pytest.mark.parametrize(
    ("year", "warned"),
    [("1989", False), ("1990", False), ("1991", True), ("2005", True)],
    ids=["before", "last-year", "after", "later"],
)
@pytest.mark.parametrize("prefix", ["", "G"], ids=["resident-id", "registry-number"])
def test_a_retired_region_warns_only_after_its_last_year(
    prefix: str, year: str, warned: bool
) -> None:
    number = prefix + with_check(RETIRED_IN_1990 + year + "0101001")
    result = check(number)
    assert (result.ok, result.value, result.normalised) == (True, number, frozenset())
    assert reasons(result) == ([Reason.RETIRED_REGION] if warned else [])
    assert all(p.severity is Severity.WARNING for p in result.problems)


# -- spreadsheet damage (tests/data/spreadsheet_damage.py) --------------------------------------


def test_the_valid_000_case_really_has_check_character_0() -> None:
    assert check_char(damage.VALID_000[:17]) == "0"
    assert check_char(damage.EXAMPLE[:17]) == "X"


@pytest.mark.parametrize(
    "case", damage.CASES, ids=[f"{i}-{c.reason}" for i, c in enumerate(damage.CASES)]
)
def test_spreadsheet_damage_is_reported_with_its_reason(case: damage.Case) -> None:
    result = check(case.value)
    if case.reason is None:
        assert (result.ok, reasons(result)) == (True, []), case.source
    else:
        assert not result.ok, case.source
        assert reasons(result)[0] is case.reason, case.source


# Numbers, float text and missing values say nothing of the kind; the 000 rule is an ID's.
KIND_FREE = [
    c
    for c in damage.CASES
    if c.reason in (Reason.FLOAT_DAMAGE, Reason.MISSING)
    and not (isinstance(c.value, str) and len(c.value.strip()) == 18)
]


# ids: ASCII without backslashes, so that a node id passed back to pytest (mutmut does)
# finds its test again.
@pytest.mark.parametrize(
    "case",
    KIND_FREE,
    ids=[repr(c.value).encode("ascii", "replace").decode().replace("\\", "/") for c in KIND_FREE],
)
@pytest.mark.parametrize("expect", list(Kind))
def test_spreadsheet_damage_is_reported_whatever_kind_is_expected(
    case: damage.Case, expect: Kind
) -> None:
    result = check(case.value, expect=expect)
    assert reasons(result) == [case.reason]
    assert result.kind in (expect, None)


@pytest.mark.parametrize("value", [pd.NA, pd.NaT, np.float32("nan"), float("nan")])
def test_data_frame_missing_values_are_missing(value: object) -> None:
    assert reasons(check(value)) == [Reason.MISSING]


def test_a_boolean_is_not_text_rather_than_float_damage() -> None:
    assert reasons(check(True)) == [Reason.NOT_TEXT]


# A float that went through a spreadsheet, written out to exactly MAX_INPUT characters.
LONGEST_DAMAGE = "110105194912310021." + "0" * (MAX_INPUT - 19)


@pytest.mark.parametrize(
    ("value", "kind", "reason"),
    [
        (LONGEST_DAMAGE, None, Reason.FLOAT_DAMAGE),
        (LONGEST_DAMAGE + "0", Kind.RESIDENT_ID, Reason.LENGTH),
    ],
    ids=["at-max-input", "over-max-input"],
)
def test_float_damage_is_looked_for_up_to_max_input(
    value: str, kind: Kind | None, reason: Reason
) -> None:
    result = check(value)
    assert (result.ok, result.kind, reasons(result)) == (False, kind, [reason])


# -- masking --------------------------------------------------------------------------------


def test_the_repr_of_a_check_masks_the_birth_date() -> None:
    assert EXAMPLE_BORN not in repr(check(EXAMPLE))
    assert EXAMPLE_BORN not in repr(check("G" + EXAMPLE))


def test_the_repr_masks_personal_numbers_only() -> None:
    shown = repr(check(" 11010519491231002x"))
    assert "'110105********002X'" in shown
    assert EXAMPLE_BORN not in shown
    assert "'normalised'" in shown
    assert "'2111010001'" in repr(check("2111010001"))
    assert "value=None" in repr(check("110105194912310021"))


@pytest.mark.parametrize(
    ("value", "cleanings"),
    [
        ("110105 - 1949 - 1231", {Cleaning.SEPARATORS, Cleaning.WHITESPACE}),
        ("1-1-0-1-0-5-1949-1231", {Cleaning.SEPARATORS}),
    ],
    ids=["spaced", "hyphenated"],
)
def test_a_short_number_is_masked_after_cleaning(value: str, cleanings: set[Cleaning]) -> None:
    # 14 characters once cleaned: all stars; masking the raw text would show its end.
    result = check(value)
    assert (result.ok, reasons(result)) == (False, [Reason.LENGTH, Reason.NORMALISED])
    assert result.normalised == cleanings
    for p in result.problems:
        for start in range(5):
            assert EXAMPLE_BORN[start : start + 4] not in p.message


# -- options --------------------------------------------------------------------------------


def test_a_future_birth_date_is_an_error_only_with_as_of() -> None:
    text = with_check("11010520991231001")
    assert check(text).ok
    result = check(text, as_of=datetime.date(2026, 11, 28))
    assert reasons(result) == [Reason.FUTURE_BIRTH_DATE]


@pytest.mark.parametrize(
    ("regions", "ok"),
    [(RegionPolicy.KNOWN, False), (RegionPolicy.PROVINCE, True), (RegionPolicy.FORMAT, True)],
)
def test_the_region_policy_is_passed_on(regions: RegionPolicy, ok: bool) -> None:
    result = check(with_check("11019920150301012"), regions=regions)
    assert result.ok == ok
    if not ok:
        assert reasons(result) == [Reason.REGION]
