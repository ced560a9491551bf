"""Properties of `xueji.check`: it never raises, its result is consistent, it hides the
birth date, and its verdict and first reason are those of the parser of each kind.

Valid numbers come from `xueji.strategies` (through tests/texts.py), damaged in known
ways; junk of every type comes from Hypothesis.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from texts import (
    AS_OF,
    any_text,
    check_char,
    damaged_ids,
    junk_values,
    registry_texts,
    school_texts,
    valid_ids,
)

from xueji import (
    Check,
    InvalidNumber,
    Kind,
    Reason,
    RegionPolicy,
    RegistryNumber,
    ResidentID,
    SchoolCode,
    Severity,
    check,
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


@settings(max_examples=150)
@given(
    value=st.one_of(junk_values, any_text),
    as_of=st.one_of(st.none(), st.dates()),
    regions=st.sampled_from(RegionPolicy),
    expect=st.one_of(st.none(), st.sampled_from(Kind)),
)
def test_check_never_raises_and_its_result_is_consistent(
    value: object,
    as_of: datetime.date | None,
    regions: RegionPolicy,
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


# -- differential: check against the parsers of each kind ----------------------------------


@settings(max_examples=200)
@given(
    text=any_text,
    as_of=AS_OF,
    regions=st.sampled_from(RegionPolicy),
    forced=st.booleans(),
)
def test_check_agrees_with_resident_id_parse_on_resident_ids(
    text: str, as_of: datetime.date | None, regions: RegionPolicy, forced: bool
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
    regions=st.sampled_from(RegionPolicy),
    forced=st.booleans(),
)
def test_check_agrees_with_registry_number_parse_on_registry_numbers(
    text: str, as_of: datetime.date | None, regions: RegionPolicy, forced: bool
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


@given(text=valid_ids, as_of=AS_OF, regions=st.sampled_from(RegionPolicy))
def test_a_valid_number_is_ok_exactly_when_the_parser_accepts_it(
    text: str, as_of: datetime.date | None, regions: RegionPolicy
) -> None:
    result = check(text, as_of=as_of, regions=regions)
    assert result.ok == ResidentID.is_valid(text, as_of=as_of, regions=regions)
    assert all(p.severity is Severity.WARNING for p in result.problems) == result.ok
