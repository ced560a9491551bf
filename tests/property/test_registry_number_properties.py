"""Properties of `RegistryNumber`: generated numbers parse back and mask their birth date,
a G number's body fails exactly as its resident ID does, the J check character and the L
last character, and junk of every kind.

Valid numbers come from `xueji.strategies`, built from their parts.
"""

from __future__ import annotations

import datetime
import re

from hypothesis import assume, given
from hypothesis import strategies as st
from test_registry_number import reason_of

from xueji import InvalidNumber, Reason, RegionPolicy, RegistryKind, RegistryNumber, ResidentID
from xueji import strategies as xs

BORN = (datetime.date(1850, 1, 1), datetime.date(2030, 12, 31))
ALPHABET_19 = "0123456789X"
CANONICAL = re.compile(r"[GLJ][0-9]{17}[0-9X]")


@given(xs.registry_numbers(born=BORN))
def test_a_number_parses_back_from_its_string_and_its_masked_repr_hides_the_date(
    number: RegistryNumber,
) -> None:
    assert RegistryNumber.parse(str(number)) == number
    assert RegistryNumber.parse(str(number).lower()) == number
    digits = f"{number.birth_date:%Y%m%d}"
    assert digits not in repr(number)
    assert digits not in number.masked()
    assert number.masked() == number.value[:7] + "*" * 8 + number.value[15:]


@given(
    body=st.text(ALPHABET_19, min_size=18, max_size=18),
    as_of=st.none() | st.dates(*BORN),
    regions=st.sampled_from(RegionPolicy),
)
def test_the_reason_a_g_body_fails_is_the_reason_its_resident_id_fails(
    body: str, as_of: datetime.date | None, regions: RegionPolicy
) -> None:
    try:
        ResidentID.parse(body, as_of=as_of, regions=regions)
    except InvalidNumber as err:
        expected: Reason | None = err.reason
    else:
        expected = None
    assert reason_of("G" + body, as_of=as_of, regions=regions) is expected


@given(xs.resident_ids(born=BORN))
def test_a_g_number_built_on_a_valid_id_is_valid(rid: ResidentID) -> None:
    assert RegistryNumber.is_valid("G" + rid.value)
    assert reason_of("G" + rid.value, as_of=rid.birth_date) is None
    assert RegistryNumber.for_resident(rid).region_code == rid.region_code


@given(
    number=xs.registry_numbers(kinds=(RegistryKind.J,), born=BORN),
    wrong=st.sampled_from(ALPHABET_19),
)
def test_a_j_number_with_another_check_character_fails_unless_j_checksum_is_off(
    number: RegistryNumber, wrong: str
) -> None:
    assume(wrong != number.value[-1])
    text = number.value[:-1] + wrong
    born = number.birth_date
    assert reason_of(text) is Reason.CHECKSUM
    assert reason_of(text, j_checksum=False) is None
    day_before = born - datetime.timedelta(days=1)
    assert reason_of(text, j_checksum=False, as_of=day_before) is Reason.FUTURE_BIRTH_DATE


@given(
    number=xs.registry_numbers(kinds=(RegistryKind.L,), born=BORN),
    tail=st.text("0123456789", min_size=3, max_size=3),
    last=st.sampled_from(ALPHABET_19),
)
def test_an_l_number_is_never_rejected_for_its_last_character(
    number: RegistryNumber, tail: str, last: str
) -> None:
    """Random 4 digits and sequence + any check character (X included) are both accepted."""
    text = f"{number.value[:15]}{tail}{last}"
    assert reason_of(text) is None
    assert RegistryNumber.parse(text).value == text


@given(st.text(max_size=40) | st.text(ALPHABET_19 + "GLJglj -xＸ　", max_size=25))
def test_arbitrary_text_parses_or_raises_invalid_number_as_is_valid_says(text: str) -> None:
    try:
        number = RegistryNumber.parse(text)
    except InvalidNumber:
        assert RegistryNumber.is_valid(text) is False
    else:
        assert RegistryNumber.is_valid(text) is True
        assert CANONICAL.fullmatch(number.value)


@given(
    st.none()
    | st.binary()
    | st.integers()
    | st.floats()
    | st.lists(st.text(max_size=3), max_size=3)
    | st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)
)
def test_arbitrary_objects_are_not_text(junk: object) -> None:
    assert reason_of(junk) is Reason.NOT_TEXT
    assert RegistryNumber.is_valid(junk) is False


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str]:
    """A generated number, damaged once; and the 8 birth-date digits it was built with."""
    number = draw(xs.registry_numbers(born=BORN))
    text = number.value
    i = draw(st.integers(0, len(text) - 1))
    char = draw(st.sampled_from("0123456789XGLJKx *-\u3000"))
    how = draw(st.sampled_from(["none", "delete", "insert", "replace", "swap", "chop", "pad"]))
    if how == "delete":
        text = text[:i] + text[i + 1 :]
    elif how == "insert":
        text = text[:i] + char + text[i:]
    elif how == "replace":
        text = text[:i] + char + text[i + 1 :]
    elif how == "swap" and i < len(text) - 1:
        text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    elif how == "chop":
        text = text[:i] if draw(st.booleans()) else text[i:]
    elif how == "pad":
        text = char * draw(st.integers(1, 50)) + text + char * draw(st.integers(0, 50))
    return text, f"{number.birth_date:%Y%m%d}"


@given(damaged())
def test_no_repr_or_error_message_shows_the_birth_date(case: tuple[str, str]) -> None:
    text, digits = case
    assume(digits not in text[:7] and digits not in text[-4:])
    try:
        number = RegistryNumber.parse(text)
    except InvalidNumber as err:
        for shown in (str(err), repr(err), err.masked, *err.args):
            assert digits not in shown
    else:
        assert digits not in repr(number)
        assert digits not in number.masked()
