"""Robustness: junk of every kind into every public resident ID parser.

Only `InvalidNumber` may leave ``ResidentID.parse`` and ``ResidentID.from_legacy``;
nothing may leave ``ResidentID.is_valid``, which returns a bool; and ``is_valid`` says yes
exactly when ``parse`` succeeds. The junk list follows python-stdnum's
``test_robustness.doctest`` and the inputs on which python-stdnum 2.2, id-validator 1.0.20
and chinese-id-checker 0.9.2 crash (``TypeError`` on ints, ``ValueError`` on ``_``, ``+``
and embedded newlines, ``KeyError`` on unknown counties). Generated input is in
tests/property/test_robustness_properties.py.
"""

from __future__ import annotations

import array
import datetime
import decimal
import fractions
import math
import uuid
from collections.abc import Callable
from typing import Any, NoReturn
from unittest import mock

import pytest

from xueji import (
    InvalidNumber,
    Reason,
    RegionPolicy,
    RegistryKind,
    ResidentID,
    allocate,
    make_registry_number,
    make_resident_id,
)

EXAMPLE = "11010519491231002X"

OPTIONS: list[dict[str, Any]] = [
    {},
    {"as_of": datetime.date(2026, 11, 28)},
    {"as_of": datetime.date.min},
    {"as_of": datetime.date.max},
    *({"regions": regions} for regions in RegionPolicy),
]
LEGACY_OPTIONS: list[dict[str, Any]] = [{}, *({"regions": regions} for regions in RegionPolicy)]


class Explosive:
    """An object every dunder of which raises."""

    def _boom(self, *args: object) -> NoReturn:
        raise RuntimeError("boom")

    __str__ = __repr__ = __format__ = __len__ = __iter__ = _boom
    __eq__ = __ne__ = __lt__ = __hash__ = __bool__ = __index__ = __int__ = _boom


class Text(str):
    """A plain str subclass: it is text and must be accepted like str."""


class HostileText(str):
    """A str subclass whose methods raise (the library promises ``whatever text is``)."""

    def _boom(self, *args: object) -> NoReturn:
        raise RuntimeError("boom")

    strip = __len__ = __iter__ = __getitem__ = __contains__ = __str__ = _boom


NOT_TEXT: list[object] = [
    None,
    b"11010519491231002X",
    bytearray(b"11010519491231002X"),
    memoryview(b"11010519491231002X"),
    array.array("B", EXAMPLE.encode()),
    0,
    -1,
    110105194912310021,
    2**200,
    True,
    1.1010519491231002e17,
    math.nan,
    math.inf,
    -math.inf,
    complex(1, 1),
    decimal.Decimal("110105194912310021"),
    fractions.Fraction(1, 3),
    [],
    list(EXAMPLE),
    [EXAMPLE],
    (EXAMPLE,),
    {},
    {EXAMPLE: EXAMPLE},
    set(),
    frozenset(EXAMPLE),
    iter(EXAMPLE),
    object(),
    object,
    str,
    Ellipsis,
    NotImplemented,
    uuid.UUID(int=0),
    datetime.date(1949, 12, 31),
    Explosive(),
    mock.Mock(),
    mock.MagicMock(),
    lambda: EXAMPLE,
]

JUNK_TEXT: list[str] = [
    "",
    " ",
    "\n",
    "\x00",
    "\x00" * 18,
    EXAMPLE + "\x00",
    "\ud800",
    "\ud800" * 18,
    EXAMPLE[:17] + "\ud800",
    "\udfff" + EXAMPLE,
    "١",
    "٣" * 18,
    "𝟏" * 18,  # mathematical bold digits: NFKC would make them ASCII, xueji does not
    "-",
    "--",
    "-" * 18,
    "x",
    "*",
    "*" * 18,
    "\u3000" * 18,
    "1" * 17 + "\n",
    "1101051949123100\n2",
    EXAMPLE + "\n" + EXAMPLE,
    "1" * 10_000,
    "1" * 10_000_000,
    " " * 10_000_000 + EXAMPLE,
    EXAMPLE * 4,
    "\N{BYTE ORDER MARK}" + EXAMPLE,
    "\u200b".join(EXAMPLE),
    "１" * 18,
    "Ｘ" * 18,
]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("junk", NOT_TEXT, ids=[type(j).__name__ for j in NOT_TEXT])
def test_parse_refuses_non_text_as_not_text(junk: object, options: dict[str, Any]) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse(junk, **options)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.NOT_TEXT


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("junk", NOT_TEXT, ids=[type(j).__name__ for j in NOT_TEXT])
def test_is_valid_says_no_to_non_text(junk: object, options: dict[str, Any]) -> None:
    assert ResidentID.is_valid(junk, **options) is False


@pytest.mark.parametrize("options", LEGACY_OPTIONS)
@pytest.mark.parametrize("junk", NOT_TEXT, ids=[type(j).__name__ for j in NOT_TEXT])
def test_from_legacy_refuses_non_text_as_not_text(junk: object, options: dict[str, Any]) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.from_legacy(junk, **options)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.NOT_TEXT


def outcome(parse: Callable[[], ResidentID]) -> Reason | None:
    """The reason ``parse()`` refused, or None when it succeeded; any other exception escapes."""
    try:
        rid = parse()
    except InvalidNumber as err:
        error = err
    else:
        assert type(rid.value) is str
        assert ResidentID(rid.value) == rid
        return None
    assert isinstance(error.reason, Reason)
    assert str(error)  # the error must render
    assert repr(error)
    return error.reason


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("junk", JUNK_TEXT, ids=range(len(JUNK_TEXT)))
def test_junk_text_is_refused_and_is_valid_agrees(junk: str, options: dict[str, Any]) -> None:
    assert outcome(lambda: ResidentID.parse(junk, **options)) is not None
    assert ResidentID.is_valid(junk, **options) is False


@pytest.mark.parametrize("options", LEGACY_OPTIONS)
@pytest.mark.parametrize("junk", JUNK_TEXT, ids=range(len(JUNK_TEXT)))
def test_from_legacy_refuses_junk_text(junk: str, options: dict[str, Any]) -> None:
    assert outcome(lambda: ResidentID.from_legacy(junk, **options)) is not None


def test_a_str_subclass_is_text_and_parses_to_a_plain_str() -> None:
    rid = ResidentID.parse(Text(" 11010519491231002x "))
    assert rid.value == EXAMPLE
    assert type(rid.value) is str
    assert ResidentID.is_valid(Text(EXAMPLE)) is True
    assert ResidentID.from_legacy(Text("110105491231002")).value == EXAMPLE


@pytest.mark.parametrize("text", ["11010519491231002x", "1101051949123100"])
def test_is_valid_says_no_to_a_hostile_str_subclass(text: str) -> None:
    assert ResidentID.is_valid(HostileText(text)) in (True, False)


def test_parse_gives_only_invalid_number_for_a_hostile_str_subclass() -> None:
    outcome(lambda: ResidentID.parse(HostileText("1101051949123100")))


# Characters an edit may bring in: the number's own alphabet, what cleaning knows, and
# look-alikes it must not accept.


# -- builders: parts of the wrong type ---------------------------------------------------------

GOOD_PARTS: dict[str, object] = {
    "region_code": "110105",
    "birth_date": datetime.date(2015, 3, 1),
    "sequence": 12,
}
BUILDERS: dict[str, Callable[..., object]] = {
    "make_resident_id": make_resident_id,
    "make_registry_number": lambda **parts: make_registry_number(RegistryKind.L, **parts),
    "allocate": lambda **parts: allocate(
        RegistryKind.J, taken=(), **{k: v for k, v in parts.items() if k != "sequence"}
    ),
}
# What a refused part is called and how it is shown (masked, whatever was given).
PART_ERRORS = {
    "region_code": ("region code", "******"),
    "birth_date": ("birth date", "********"),
    "sequence": ("sequence", "***"),
}
WRONG_PARTS = [
    ("region_code", None, Reason.REGION),
    ("region_code", 110105, Reason.REGION),
    ("region_code", b"110105", Reason.REGION),
    ("birth_date", "2015-03-01", Reason.BIRTH_DATE),
    ("birth_date", None, Reason.BIRTH_DATE),
    ("birth_date", 20150301, Reason.BIRTH_DATE),
    ("sequence", "12", Reason.SEQUENCE),
    ("sequence", True, Reason.SEQUENCE),
    ("sequence", 12.0, Reason.SEQUENCE),
]


@pytest.mark.parametrize(
    ("builder", "part", "junk", "reason"),
    [
        pytest.param(builder, part, junk, reason, id=f"{builder}-{part}-{type(junk).__name__}")
        for builder in BUILDERS
        for part, junk, reason in WRONG_PARTS
        if not (builder == "allocate" and part == "sequence")  # allocate picks the sequence
    ],
)
def test_a_builder_refuses_a_part_of_the_wrong_type_with_its_reason(
    builder: str, part: str, junk: object, reason: Reason
) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        BUILDERS[builder](**{**GOOD_PARTS, part: junk})
    assert excinfo.value.reason is reason
    assert (excinfo.value.label, excinfo.value.masked) == PART_ERRORS[part]
    assert str(excinfo.value)  # a message for people, whatever its wording


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_a_builder_takes_the_earliest_birth_date_and_refuses_the_day_before(builder: str) -> None:
    earliest = datetime.date(1850, 1, 1)
    assert BUILDERS[builder](**{**GOOD_PARTS, "birth_date": earliest})
    with pytest.raises(InvalidNumber) as excinfo:
        BUILDERS[builder](**{**GOOD_PARTS, "birth_date": earliest - datetime.timedelta(days=1)})
    assert excinfo.value.reason is Reason.BIRTH_DATE


@pytest.mark.parametrize("kind", ["L", "J"])
def test_a_registry_kind_may_be_given_as_its_letter(kind: str) -> None:
    made = make_registry_number(kind, **GOOD_PARTS)  # type: ignore[arg-type]
    assert made == make_registry_number(RegistryKind(kind), **GOOD_PARTS)  # type: ignore[arg-type]
    born = datetime.date(2015, 3, 1)
    allocated = allocate(kind, taken=(), region_code="110105", birth_date=born)  # type: ignore[arg-type]
    assert allocated.kind is RegistryKind(kind)
