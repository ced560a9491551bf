"""SchoolCode and School: the 10-digit school code, and a school with its credit code.

Properties over generated codes are in tests/property/test_school_properties.py.
"""

from __future__ import annotations

import math

import attrs
import pytest

from xueji import (
    InvalidNumber,
    InvalidValue,
    Reason,
    School,
    SchoolCategory,
    SchoolCode,
)
from xueji._core import SCHOOL_CATEGORIES

# GB 32100-2015's alphabet, weights and check (MOD 31), written out here to build codes
# independently of python-stdnum.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE = "91110108551385082Q"  # its check character worked out by hand with the weights


def uscc_check(body: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def school(**changes: object) -> School:
    fields: dict[str, object] = {
        "code": "2111010001",
        "name": "北京市朝阳区实验小学",
        "region_code": "110105",
    }
    fields.update(changes)
    return School(**fields)  # type: ignore[arg-type]


def reason_of_code(text: object) -> Reason | None:
    try:
        SchoolCode.parse(text)  # type: ignore[arg-type]
    except InvalidNumber as err:
        return err.reason
    return None


# -- SchoolCode ------------------------------------------------------------------------------


def test_a_school_code_exposes_category_province_and_serial() -> None:
    code = SchoolCode.parse("2111010001")
    assert code.value == "2111010001"
    assert str(code) == "2111010001"
    assert code.category is SchoolCategory.PRIMARY
    assert code.province_code == "11"
    assert code.serial == "010001"


def test_a_university_code_is_category_41_and_the_old_moe_code() -> None:
    code = SchoolCode.parse("4111010003")  # 清华大学: 41, province 11, 0 + its MOE code 10003
    assert code.category is SchoolCategory.REGULAR_HIGHER
    assert code.serial == "010003"


def test_category_values_are_the_two_digit_codes() -> None:
    assert SchoolCategory("21") is SchoolCategory.PRIMARY
    assert SchoolCategory("11") is SchoolCategory.KINDERGARTEN
    assert SchoolCategory("34") is SchoolCategory.SENIOR_SECONDARY
    assert len(SchoolCategory) == 16
    assert all(len(c.value) == 2 and c.value.isdigit() for c in SchoolCategory)


def test_the_categories_are_the_ones_the_school_code_rule_accepts() -> None:
    # The enum names the codes the validation core checks, each with its Chinese name.
    assert {c.value: c.label for c in SchoolCategory} == SCHOOL_CATEGORIES


@pytest.mark.parametrize("category", list(SchoolCategory))
def test_every_category_makes_a_valid_code(category: SchoolCategory) -> None:
    code = SchoolCode.parse(f"{category.value}31000123")
    assert code.category is category
    assert category.label


@pytest.mark.parametrize(
    "text", [" 2111010001 ", "21-1101-0001", "2111 010 001", "２１１１０１０００１"]
)
def test_a_school_code_is_cleaned_like_a_resident_id(text: str) -> None:
    assert SchoolCode.parse(text) == SchoolCode("2111010001")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("9911010001", Reason.CATEGORY),
        ("1011010001", Reason.CATEGORY),
        ("0011010001", Reason.CATEGORY),
        ("2199010001", Reason.PROVINCE),
        ("2100010001", Reason.PROVINCE),
        ("2120010001", Reason.PROVINCE),
        ("211101000", Reason.LENGTH),
        ("21110100011", Reason.LENGTH),
        ("", Reason.LENGTH),
        ("2" * 100, Reason.LENGTH),
        ("21110100AB", Reason.FORMAT),
        ("A111010001", Reason.FORMAT),
        ("211101000x", Reason.FORMAT),
        ("21110100٠1", Reason.FORMAT),
        ("2111****01", Reason.MASKED),  # as check() says of it
        (None, Reason.NOT_TEXT),
        (2111010001, Reason.NOT_TEXT),
        (b"2111010001", Reason.NOT_TEXT),
        (2111010001.0, Reason.NOT_TEXT),
    ],
)
def test_an_invalid_school_code_fails_with_its_reason(text: object, reason: Reason) -> None:
    assert reason_of_code(text) is reason
    assert SchoolCode.is_valid(text) is False


def test_the_school_code_constructor_validates_too() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        SchoolCode("9911010001")
    assert excinfo.value.reason is Reason.CATEGORY


def test_a_school_code_is_immutable_and_hashable() -> None:
    code = SchoolCode.parse("2111010001")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        code.value = "3111010001"  # type: ignore[misc]
    assert len({code, SchoolCode.parse(" 2111010001")}) == 1


@pytest.mark.parametrize("junk", [math.inf, [], {}, object(), "\ud800" * 10, "\x00" * 10])
def test_school_code_junk_is_never_valid(junk: object) -> None:
    assert reason_of_code(junk) is not None
    assert SchoolCode.is_valid(junk) is False


# -- School ----------------------------------------------------------------------------------


def test_a_school_converts_its_code_and_trims_its_name() -> None:
    built = school(name="  北京市朝阳区实验小学\u3000")
    assert built.code == SchoolCode("2111010001")
    assert built.name == "北京市朝阳区实验小学"
    assert built.region_code == "110105"
    assert built.credit_code is None


def test_a_school_accepts_a_school_code_object() -> None:
    assert school(code=SchoolCode("2111010001")).code == SchoolCode("2111010001")


def test_a_school_with_an_invalid_code_is_refused() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        school(code="9911010001")
    assert excinfo.value.reason is Reason.CATEGORY


@pytest.mark.parametrize("name", ["", "   ", "\u3000", None])
def test_a_school_needs_a_name(name: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        school(name=name)
    assert excinfo.value.reason is Reason.INVALID_VALUE


def test_a_school_name_that_is_not_text_is_an_invalid_value() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        school(name=123)
    assert excinfo.value.reason is Reason.INVALID_VALUE


@pytest.mark.parametrize("region", ["110199", "11010", "1101050", "000000", None, 110105])
def test_a_school_region_must_be_a_known_six_digit_code(region: object) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        school(region_code=region)
    assert excinfo.value.reason is Reason.REGION


@pytest.mark.parametrize("region", ["310115", "440305", "650102"])
def test_a_school_region_must_lie_in_the_province_of_its_code(region: str) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        school(region_code=region)
    assert excinfo.value.reason is Reason.PROVINCE
    assert school(code=f"21{region[:2]}010001", region_code=region).region_code == region


def test_a_valid_credit_code_is_kept() -> None:
    assert uscc_check(CREDIT_CODE[:17]) == CREDIT_CODE[17]
    assert school(credit_code=CREDIT_CODE).credit_code == CREDIT_CODE


def test_a_credit_code_is_compacted_and_upper_cased() -> None:
    assert school(credit_code=" 91110108-551385082q ").credit_code == CREDIT_CODE


@pytest.mark.parametrize(
    ("credit_code", "reason"),
    [
        ("91110108551385082R", Reason.CHECKSUM),
        ("91110108551385082A", Reason.CHECKSUM),
        ("9111010855138508", Reason.LENGTH),
        ("91110108551385082QQ", Reason.LENGTH),
        ("9111010855138508IQ", Reason.FORMAT),
        ("9A110108551385082Q", Reason.FORMAT),
        (12345, Reason.NOT_TEXT),
    ],
)
def test_an_invalid_credit_code_fails_with_its_reason(credit_code: object, reason: Reason) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        school(credit_code=credit_code)
    assert excinfo.value.reason is reason
