"""``xueji.check``: one value of any type, explained; never an exception.

What is promised (check.py, ADR 0012, peers.md Part 2 §B, §C, §I): a ``Check`` with the
kind, the canonical value when valid, every problem with a stable reason and a severity,
and the cleanings; warnings (``normalised``, ``retired-region``, ``aggregate-region``) never
make a value invalid; spreadsheet damage is ``float-damage``, not a misleading checksum
error; the verdict and the first reason agree with the parsers of each kind.
Assertions are on reasons and fields, never on wording (except that no message may hold
the 8 birth-date digits).

The strategies here (valid numbers built from their parts, damaged in known ways) are
shared with ``test_dataset``.
"""

from __future__ import annotations

import datetime
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xueji import (
    Cleaning,
    InvalidNumber,
    Reason,
    RegionCheck,
    RegistryKind,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    make_registry_number,
    make_resident_id,
)
from xueji._regions import KNOWN_CODES, KNOWN_PROVINCES, known_countries, retired_codes
from xueji.checks import Check, Kind, Severity, check

# tests/ and tests/data/ are not packages: the data module is imported by its own name.
sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
import spreadsheet_damage as damage

# The GB 11643 table, written out again so that generated check characters are independent.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECKS = "10X98765432"
EXAMPLE = "11010519491231002X"
EXAMPLE_BORN = "19491231"


def check_char(body: str) -> str:
    """The MOD 11-2 check character of 17 digits."""
    return CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def with_check(body: str) -> str:
    return body + check_char(body)


# -- strategies ------------------------------------------------------------------------------

PERMITS = ("810000", "820000", "830000")
ALL_CODES = sorted(KNOWN_CODES)
RETIRED_CODES = sorted(retired_codes())
AGGREGATE_CODES = sorted(c for c in KNOWN_CODES if c.endswith("00"))
FOREIGN_CODES = st.builds(
    "9{}{}".format,
    st.sampled_from(sorted(KNOWN_PROVINCES)),
    st.sampled_from(sorted(known_countries())),
)
REGION_CODES = st.one_of(
    st.sampled_from(ALL_CODES),
    st.sampled_from(RETIRED_CODES),
    st.sampled_from(AGGREGATE_CODES),
    st.sampled_from(PERMITS),
    FOREIGN_CODES,
)
BIRTH_DATES = st.dates(min_value=datetime.date(1850, 1, 1), max_value=datetime.date(2030, 12, 31))
AS_OF = st.one_of(st.none(), st.dates(min_value=datetime.date(1990, 1, 1)))
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    """A valid resident ID (under RegionCheck.KNOWN, without as_of), built from its parts."""
    rid = make_resident_id(
        region_code=draw(REGION_CODES),
        birth_date=draw(BIRTH_DATES),
        sequence=draw(st.integers(0, 999)),
    )
    return rid.value


DAMAGES = (
    "none",
    "checksum",
    "date",
    "region",
    "short",
    "long",
    "lowercase",
    "full-width",
    "spaces",
    "hyphens",
    "000",
    "masked",
    "float-text",
)


@st.composite
def damaged_ids(draw: st.DrawFn) -> tuple[str, str]:
    """``(text, the 8 birth-date digits it carries)``: a valid ID, maybe damaged."""
    rid = draw(valid_ids())
    born = rid[6:14]
    how = draw(st.sampled_from(DAMAGES))
    if how == "checksum":
        text = rid[:17] + draw(st.sampled_from([c for c in CHECKS if c != rid[17]]))
    elif how == "date":
        month_day = draw(st.sampled_from(["1301", "0001", "0100", "0230", "0431", "0229"]))
        born = rid[6:10] + month_day
        text = with_check(rid[:10] + month_day + rid[14:17])
    elif how == "region":
        text = with_check(draw(st.sampled_from(["000000", "119999", "990000"])) + rid[6:17])
    elif how == "short":
        text = rid[: draw(st.integers(14, 17))]
    elif how == "long":
        text = rid + draw(st.sampled_from(["0", "1", "X", "00"]))
    elif how == "lowercase":
        text = rid.lower() if rid.endswith("X") else rid[:17] + "x"
    elif how == "full-width":
        text = rid.translate(FULL_WIDTH)
    elif how == "spaces":
        text = f" {rid[:6]} {rid[6:14]} {rid[14:]}\u3000"
    elif how == "hyphens":
        text = f"{rid[:6]}-{rid[6:14]}-{rid[14:]}"
    elif how == "000":
        text = rid[:15] + "000"
    elif how == "masked":
        text = rid[:6] + "********" + rid[14:]
    elif how == "float-text":
        text = draw(st.sampled_from([f"{int(rid[:17])}.0", f"{rid[0]}.{rid[1:6]}E+17"]))
    else:
        text = rid
    return text, born


id_texts = damaged_ids().map(lambda pair: pair[0])


@st.composite
def registry_texts(draw: st.DrawFn) -> str:
    """Registry-number-like text: a prefix (right, wrong or lower-case) and an ID-like body."""
    if draw(st.booleans()):
        kind = draw(st.sampled_from([RegistryKind.L, RegistryKind.J]))
        number = make_registry_number(
            kind,
            region_code=draw(st.sampled_from(ALL_CODES)),
            birth_date=draw(BIRTH_DATES),
            sequence=draw(st.integers(0, 999)),
        )
        text = number.value
        if draw(st.booleans()):
            text = text[:-1] + draw(st.sampled_from(CHECKS))
        return text
    prefix = draw(st.sampled_from(["G", "L", "J", "g", "Ｇ", "K", ""]))
    return prefix + draw(id_texts)


SCHOOL_CATEGORIES = ["11", "21", "31", "34", "51", "93", "99", "00"]
school_texts = st.one_of(
    st.builds(
        "{}{}{:06d}".format,
        st.sampled_from(SCHOOL_CATEGORIES),
        st.sampled_from([*sorted(KNOWN_PROVINCES), "00", "99"]),
        st.integers(0, 999_999),
    ),
    st.text(alphabet="0123456789 -０", min_size=8, max_size=12),
)
junk_texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789XxGgLJ*-. Ee+", max_size=22),
)
any_text = st.one_of(id_texts, registry_texts(), school_texts, junk_texts)


class Explosive:
    """An object every dunder of which raises."""

    def _boom(self, *args: object) -> NoReturn:
        raise RuntimeError("boom")

    __str__ = __repr__ = __format__ = __len__ = __iter__ = _boom
    __eq__ = __ne__ = __lt__ = __hash__ = __bool__ = __index__ = __int__ = _boom


class Text(str):
    """A plain str subclass: text like any other."""


SPECIALS: list[object] = [
    None,
    math.nan,
    math.inf,
    -0.0,
    pd.NA,
    pd.NaT,
    np.nan,
    np.float64(1.1e17),
    np.int64(110105194912310021),
    np.str_(EXAMPLE),
    np.bool_(True),
    True,
    b"11010519491231002X",
    bytearray(b"1"),
    Text(EXAMPLE),
    EXAMPLE * 10_000,
    " " * 100_000,
    "1" * 1_000_000,
    "\x00" * 18,
    "\ud800" * 18,
    [EXAMPLE],
    (EXAMPLE,),
    {EXAMPLE: 1},
    {EXAMPLE},
    object(),
    Explosive(),
    datetime.date(1949, 12, 31),
    1j,
]
junk_values = st.one_of(
    # By index: sampled_from hashes its elements, and Explosive refuses.
    st.integers(0, len(SPECIALS) - 1).map(SPECIALS.__getitem__),
    st.from_type(object),
    st.text(),
    st.floats(),
    st.integers(),
    st.binary(),
    st.none(),
    st.from_type(type).flatmap(st.from_type),
)


def reasons(result: Check) -> list[Reason]:
    return [p.reason for p in result.problems]


def first_error(result: Check) -> list[Reason]:
    return [p.reason for p in result.problems if p.severity is Severity.ERROR][:1]


def parsed(
    parse: Callable[[], ResidentID | RegistryNumber | SchoolCode],
) -> tuple[str | None, list[Reason]]:
    """``(canonical value, [])`` when ``parse()`` succeeds, ``(None, [reason])`` when not."""
    try:
        return parse().value, []
    except InvalidNumber as err:
        return None, [err.reason]


# -- never raises, and a consistent Check --------------------------------------------------


@settings(max_examples=150)
@given(
    value=st.one_of(junk_values, any_text),
    as_of=st.one_of(st.none(), st.dates()),
    regions=st.sampled_from(RegionCheck),
    expect=st.one_of(st.none(), st.sampled_from(Kind)),
)
def test_check_never_raises_and_its_result_is_consistent(
    value: object,
    as_of: datetime.date | None,
    regions: RegionCheck,
    expect: Kind | None,
) -> None:
    result = check(value, as_of=as_of, regions=regions, expect=expect)
    assert isinstance(result, Check)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert result.ok == (not errors)
    assert (result.value is not None) == result.ok
    assert all(isinstance(p.reason, Reason) for p in result.problems)
    severities = [p.severity for p in result.problems]
    assert severities == sorted(severities, key=lambda s: s is Severity.WARNING)
    assert len(errors) <= 1
    assert bool(result.normalised) == (Reason.NORMALISED in reasons(result))
    if expect is not None:
        assert result.kind in (expect, None)
    if result.ok:
        assert result.kind is not None
        assert expect in (None, result.kind)


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


@given(pair=damaged_ids())
def test_an_18_digit_number_ending_in_000_is_float_damage_unless_its_checksum_passes(
    pair: tuple[str, str],
) -> None:
    text = pair[0]
    result = check(text)
    if len(text) == 18 and text.isascii() and text.isdigit() and text.endswith("000"):
        if text[17] == check_char(text[:17]):
            assert Reason.FLOAT_DAMAGE not in reasons(result)
        else:
            assert reasons(result) == [Reason.FLOAT_DAMAGE]


@settings(max_examples=100)
@given(
    pair=damaged_ids(),
    prefix=st.sampled_from(["", "G", "L", "J", "g"]),
    as_of=AS_OF,
    expect=st.one_of(st.none(), st.sampled_from(Kind)),
)
def test_no_message_contains_the_birth_date_digits(
    pair: tuple[str, str], prefix: str, as_of: datetime.date | None, expect: Kind | None
) -> None:
    text, born = pair
    result = check(prefix + text, as_of=as_of, expect=expect)
    for p in result.problems:
        assert born not in p.message
    assert born not in repr(result)


def test_the_repr_of_a_check_masks_the_birth_date() -> None:
    assert EXAMPLE_BORN not in repr(check(EXAMPLE))
    assert EXAMPLE_BORN not in repr(check("G" + EXAMPLE))


# -- differential: check against the parsers --------------------------------------------------


@settings(max_examples=200)
@given(
    text=any_text,
    as_of=AS_OF,
    regions=st.sampled_from(RegionCheck),
    forced=st.booleans(),
)
def test_check_agrees_with_resident_id_parse_on_resident_ids(
    text: str, as_of: datetime.date | None, regions: RegionCheck, forced: bool
) -> None:
    result = check(text, as_of=as_of, regions=regions, expect=Kind.RESIDENT_ID if forced else None)
    first = first_error(result)
    # float-damage is check's own diagnosis, and so is missing for empty text (parse: length).
    if result.kind is not Kind.RESIDENT_ID or first in ([Reason.FLOAT_DAMAGE], [Reason.MISSING]):
        return
    assert result.ok == ResidentID.is_valid(text, as_of=as_of, regions=regions)
    value, why = parsed(lambda: ResidentID.parse(text, as_of=as_of, regions=regions))
    assert (result.value, first) == (value, why)


@settings(max_examples=200)
@given(
    text=st.one_of(registry_texts(), any_text),
    as_of=AS_OF,
    regions=st.sampled_from(RegionCheck),
    forced=st.booleans(),
)
def test_check_agrees_with_registry_number_parse_on_registry_numbers(
    text: str, as_of: datetime.date | None, regions: RegionCheck, forced: bool
) -> None:
    expect = Kind.REGISTRY_NUMBER if forced else None
    result = check(text, as_of=as_of, regions=regions, expect=expect)
    first = first_error(result)
    if result.kind is not Kind.REGISTRY_NUMBER or first in (
        [Reason.FLOAT_DAMAGE],
        [Reason.MISSING],
    ):
        return
    assert result.ok == RegistryNumber.is_valid(text, as_of=as_of, regions=regions)
    value, why = parsed(lambda: RegistryNumber.parse(text, as_of=as_of, regions=regions))
    assert (result.value, first) == (value, why)


@given(text=st.one_of(school_texts, any_text), forced=st.booleans())
def test_check_agrees_with_school_code_parse_on_school_codes(text: str, forced: bool) -> None:
    result = check(text, expect=Kind.SCHOOL_CODE if forced else None)
    first = first_error(result)
    # masked and missing are check's own verdicts on text SchoolCode calls malformed.
    if result.kind is not Kind.SCHOOL_CODE or first in (
        [Reason.FLOAT_DAMAGE],
        [Reason.MISSING],
        [Reason.MASKED],
    ):
        return
    assert result.ok == SchoolCode.is_valid(text)
    value, why = parsed(lambda: SchoolCode.parse(text))
    assert (result.value, first) == (value, why)


@given(text=valid_ids(), as_of=AS_OF, regions=st.sampled_from(RegionCheck))
def test_a_valid_number_is_ok_exactly_when_the_parser_accepts_it(
    text: str, as_of: datetime.date | None, regions: RegionCheck
) -> None:
    result = check(text, as_of=as_of, regions=regions)
    assert result.ok == ResidentID.is_valid(text, as_of=as_of, regions=regions)
    assert all(p.severity is Severity.WARNING for p in result.problems) == result.ok


def test_a_future_birth_date_is_an_error_only_with_as_of() -> None:
    text = with_check("11010520991231001")
    assert check(text).ok
    result = check(text, as_of=datetime.date(2026, 11, 28))
    assert reasons(result) == [Reason.FUTURE_BIRTH_DATE]


@pytest.mark.parametrize(
    ("regions", "ok"),
    [(RegionCheck.KNOWN, False), (RegionCheck.PROVINCE, True), (RegionCheck.FORMAT, True)],
)
def test_the_region_policy_is_passed_on(regions: RegionCheck, ok: bool) -> None:
    result = check(with_check("11019920150301012"), regions=regions)
    assert result.ok == ok
    if not ok:
        assert reasons(result) == [Reason.REGION]
