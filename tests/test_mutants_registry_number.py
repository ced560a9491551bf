"""Tests that kill mutmut survivors in xueji.registry_number (issue 8.2, docs/mutation.md).

``InvalidNumber.masked``, ``.kind`` and ``.expected`` are attributes of the public API;
the tests assert on them and on ``reason``, never on message wording.
Numbers are written out as literals: mutmut switches a mutant on after import.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

import pytest

from xueji import (
    InvalidNumber,
    Reason,
    RegionCheck,
    RegistryKind,
    RegistryNumber,
    Sex,
    allocate,
    make_registry_number,
)

D = datetime.date
DAY = D(2015, 9, 1)
REGION = "110105"
L, J, G = RegistryKind.L, RegistryKind.J, RegistryKind.G


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> InvalidNumber:
    with pytest.raises(InvalidNumber) as info:
        call(*args, **kwargs)
    return info.value


def _make(kind: object, **overrides: object) -> RegistryNumber:
    parts: dict[str, object] = {"region_code": REGION, "birth_date": DAY, "sequence": 7}
    parts.update(overrides)
    return make_registry_number(kind, **parts)  # type: ignore[arg-type]


def _allocate(kind: object, **overrides: object) -> RegistryNumber:
    parts: dict[str, object] = {"region_code": REGION, "birth_date": DAY, "taken": ()}
    parts.update(overrides)
    return allocate(kind, **parts)  # type: ignore[arg-type]


BUILDERS = [pytest.param(_make, id="make"), pytest.param(_allocate, id="allocate")]


# -- _problem: which reason a malformed text gets ------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # A letter right after the prefix is a stray character, whatever the length.
        ("GA1234", Reason.FORMAT),
        ("JA11010520150901007", Reason.FORMAT),
        # 18 characters starting with a digit: an ID without its prefix, even when the
        # second character is the letter X.
        ("1X0105194912310020", Reason.PREFIX),
        ("X11010519491231002", Reason.LENGTH),
        ("G1101051949123100", Reason.LENGTH),
    ],
    ids=[
        "letter-after-prefix-short",
        "letter-after-prefix-18",
        "digit-then-x",
        "x-then-17",
        "g-17",
    ],
)
def test_malformed_text_gets_the_first_failing_reason(text: str, reason: Reason) -> None:
    assert _error(RegistryNumber.parse, text).reason is reason
    assert not RegistryNumber.is_valid(text)


# Bodies that are valid resident IDs (a Taiwan residence permit, a foreigner's permanent
# residence card) but whose region is no school location.
PERMIT_BODIES = ["830000201509010072", "911156201509010070"]


@pytest.mark.parametrize("body", PERMIT_BODIES, ids=["taiwan-permit", "foreigner-card"])
@pytest.mark.parametrize("regions", [RegionCheck.KNOWN, RegionCheck.PROVINCE])
@pytest.mark.parametrize("prefix", ["J", "L"])
def test_l_and_j_numbers_check_the_region_as_a_school_location(
    body: str, regions: RegionCheck, prefix: str
) -> None:
    assert RegistryNumber.parse("G" + body, regions=regions).resident_id is not None
    assert _error(RegistryNumber.parse, prefix + body, regions=regions).reason is Reason.REGION
    assert not RegistryNumber.is_valid(prefix + body, regions=regions)
    assert RegistryNumber.parse(prefix + body, regions=RegionCheck.FORMAT).body == body


# -- the constructor: structure only ------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["G000000201509010078", "J000000201509010078", "L000000201509010078"],
    ids=["G", "J", "L"],
)
def test_the_constructor_does_not_check_the_region(value: str) -> None:
    assert RegistryNumber(value).region_code == "000000"
    assert _error(RegistryNumber.parse, value).reason is Reason.REGION


def test_the_constructor_does_not_check_the_j_check_character() -> None:
    assert RegistryNumber("J110105201509010071").value == "J110105201509010071"
    wrong = _error(RegistryNumber.parse, "J110105201509010071")
    assert (wrong.reason, wrong.expected) == (Reason.CHECKSUM, "0")


def test_constructor_errors_name_the_kind_and_show_the_masked_input() -> None:
    not_text = _error(RegistryNumber, 19)
    assert (not_text.reason, not_text.kind, not_text.masked) == (
        Reason.NOT_TEXT,
        "registry number",
        "<int>",
    )
    wrong = _error(RegistryNumber, "G110105194912310021")
    assert (wrong.reason, wrong.kind, wrong.expected) == (
        Reason.CHECKSUM,
        "registry number",
        "X",
    )
    assert wrong.masked == "G110105********0021"


# -- parse and is_valid ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason", "masked", "expected"),
    [
        ("G110105194912310021", Reason.CHECKSUM, "G110105********0021", "X"),
        (" j110105201509010071 ", Reason.CHECKSUM, "J110105********0071", "0"),
        (19, Reason.NOT_TEXT, "<int>", None),
    ],
    ids=["g-checksum", "j-checksum-messy", "not-text"],
)
def test_parse_errors_name_the_kind_and_mask_the_cleaned_input(
    text: object, reason: Reason, masked: str, expected: str | None
) -> None:
    err = _error(RegistryNumber.parse, text)
    assert (err.reason, err.kind, err.masked, err.expected) == (
        reason,
        "registry number",
        masked,
        expected,
    )


@pytest.mark.parametrize("text", ["J110105201509010070", "L110105201509010123"], ids=["J", "L"])
def test_is_valid_honours_the_reference_date(text: str) -> None:
    assert RegistryNumber.is_valid(text, as_of=D(2015, 9, 1))
    assert not RegistryNumber.is_valid(text, as_of=D(2015, 8, 31))
    assert _error(RegistryNumber.parse, text, as_of=D(2015, 8, 31)).reason is (
        Reason.FUTURE_BIRTH_DATE
    )


def test_is_valid_honours_j_checksum() -> None:
    assert RegistryNumber.is_valid("J110105201509010071", j_checksum=False)
    assert not RegistryNumber.is_valid("J110105201509010071")
    assert not RegistryNumber.is_valid("J110105201509010071", j_checksum=True)


# -- _prefix: the parts shared by make_registry_number and allocate ------------------


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    ("kind", "masked"),
    [(G, "G"), ("G", "G"), ("K", "K"), ("XYZW", "XYZ"), (None, "Non")],
    ids=["G-kind", "G-str", "K", "long-str-cut-to-3", "none"],
)
def test_a_kind_other_than_l_or_j_is_refused_as_a_prefix(
    build: Callable[..., RegistryNumber], kind: object, masked: str
) -> None:
    err = _error(build, kind)
    assert (err.reason, err.masked, err.kind) == (Reason.PREFIX, masked, "registry kind")


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    ("region_code", "masked"),
    [
        ("11010", "******"),
        ("1101050", "******"),
        ("11010a", "******"),
        (" 110105", "******"),
        (110105, "******"),
        (None, "******"),
        ("110199", "110199"),
        ("990000", "990000"),
    ],
    ids=["5-digits", "7-digits", "letter", "space", "int", "none", "unknown", "no-school-code"],
)
def test_a_bad_region_code_is_refused_and_masked_unless_it_is_six_digits(
    build: Callable[..., RegistryNumber], region_code: object, masked: str
) -> None:
    err = _error(build, J, region_code=region_code)
    assert (err.reason, err.masked, err.kind) == (Reason.REGION, masked, "region code")


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    "born",
    [D(1850, 1, 1), D(9999, 12, 31), D(2015, 9, 1)],
    ids=["earliest", "latest", "school-day"],
)
def test_birth_dates_from_1850_to_9999_are_accepted(
    build: Callable[..., RegistryNumber], born: datetime.date
) -> None:
    assert build(L, birth_date=born).birth_date == born


@pytest.mark.parametrize("build", BUILDERS)
def test_a_datetime_birth_date_counts_as_its_date(build: Callable[..., RegistryNumber]) -> None:
    moment = datetime.datetime(2015, 9, 1, 23, 59)
    assert build(J, birth_date=moment) == build(J, birth_date=DAY)
    assert build(J, birth_date=moment).birth_date == DAY


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize("born", [D(1849, 12, 31), D(1, 1, 1)], ids=["day-before-1850", "year-1"])
def test_a_birth_date_before_1850_is_refused_and_masked(
    build: Callable[..., RegistryNumber], born: datetime.date
) -> None:
    err = _error(build, L, birth_date=born)
    assert (err.reason, err.masked, err.kind) == (Reason.BIRTH_DATE, "********", "birth date")


@pytest.mark.parametrize(
    "sequence", [-1, 1000, True, 7.0, "007"], ids=["minus-1", "1000", "bool", "float", "str"]
)
def test_a_sequence_outside_0_to_999_is_refused_and_masked(sequence: object) -> None:
    err = _error(_make, J, sequence=sequence)
    assert (err.reason, err.masked, err.kind) == (Reason.SEQUENCE, "***", "sequence")


# -- allocate: the parity buckets run to 999 ------------------------------------------


@pytest.mark.parametrize("seed", [None, 0, 11], ids=["lowest", "seed-0", "seed-11"])
@pytest.mark.parametrize(
    ("sex", "last"), [(Sex.MALE, 999), (Sex.FEMALE, 998)], ids=["male", "female"]
)
@pytest.mark.parametrize("kind", [L, J])
def test_the_last_sequence_of_each_parity_is_handed_out(
    seed: int | None, sex: Sex, last: int, kind: RegistryKind
) -> None:
    taken = {str(_make(kind, sequence=n)) for n in range(last % 2 or 2, last, 2)}
    rng = None if seed is None else random.Random(seed)
    got = _allocate(kind, taken=taken, sex=sex, rng=rng)
    assert got == _make(kind, sequence=last)
