"""Tests that kill mutmut survivors in xueji.check (issue 8.2, docs/mutation.md)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from test_check import EXAMPLE, with_check

from xueji import Reason, check
from xueji._text import MAX_INPUT, Cleaning
from xueji.checks import Check, Kind, Severity, region_warning

BAD_AS_OF: tuple[Any, ...] = ("2020-01-01", 20200101)
# A float that went through a spreadsheet, written out to exactly MAX_INPUT characters.
LONGEST_DAMAGE = "110105194912310021." + "0" * (MAX_INPUT - 19)
# Retired in 1990 (REGION_WARNINGS): numbers of people born up to 1990 are fine.
RETIRED, RETIRED_IN = "131027", "1990"


def reasons(result: Check) -> list[Reason]:
    return [p.reason for p in result.problems]


def assert_messages(result: Check) -> None:
    for p in result.problems:
        assert isinstance(p.message, str)
        assert p.message


def test_the_repr_masks_personal_numbers_only() -> None:
    shown = repr(check(" 11010519491231002x"))
    assert "'110105********002X'" in shown
    assert "19491231" not in shown
    assert "'normalised'" in shown
    assert "'2111010001'" in repr(check("2111010001"))
    assert "value=None" in repr(check("110105194912310021"))


@pytest.mark.parametrize(
    "value",
    [
        None,
        math.nan,
        1.10105194912310e17,
        110105194912310021,
        object(),
        b"11010519491231002X",
        "",
        "   ",
        "1.10105E+17",
        "110105194912310000",
        LONGEST_DAMAGE,
        "110105194912310021",
        " 11010519491231002x",
        "G110105********002X",
    ],
    ids=[
        "none",
        "nan",
        "float",
        "int",
        "object",
        "bytes",
        "empty",
        "blank",
        "scientific",
        "checksum-000",
        "longest-damage",
        "checksum",
        "cleaned",
        "masked",
    ],
)
def test_every_problem_has_a_non_empty_message(value: object) -> None:
    result = check(value)
    assert result.problems
    assert_messages(result)


@pytest.mark.parametrize("as_of", BAD_AS_OF, ids=["str", "int"])
def test_a_bad_as_of_is_reported_as_a_format_error(as_of: Any) -> None:
    result = check(EXAMPLE, as_of=as_of)
    assert (result.ok, result.kind, result.value) == (False, None, None)
    assert [(p.reason, p.severity) for p in result.problems] == [(Reason.FORMAT, Severity.ERROR)]
    assert result.normalised == frozenset()
    assert_messages(result)


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
def test_early_errors_keep_the_expected_kind(value: object, reason: Reason, expect: Kind) -> None:
    result = check(value, expect=expect)
    assert (result.ok, result.kind, result.value) == (False, expect, None)
    assert [(p.reason, p.severity) for p in result.problems] == [(reason, Severity.ERROR)]
    assert_messages(result)


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
def test_the_kind_is_recognised_from_the_first_character(
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


@pytest.mark.parametrize(
    ("year", "warned"),
    [("1989", False), (RETIRED_IN, False), ("1991", True), ("2005", True)],
    ids=["before", "last-year", "after", "later"],
)
@pytest.mark.parametrize("prefix", ["", "G"], ids=["resident-id", "registry-number"])
def test_a_retired_region_warns_only_after_its_last_year(
    prefix: str, year: str, warned: bool
) -> None:
    number = prefix + with_check(RETIRED + year + "0101001")
    result = check(number)
    assert (result.ok, result.value, result.normalised) == (True, number, frozenset())
    assert reasons(result) == ([Reason.RETIRED_REGION] if warned else [])
    assert all(p.severity is Severity.WARNING for p in result.problems)
    assert (region_warning(RETIRED, year) is not None) is warned


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
            assert "19491231"[start : start + 4] not in p.message
