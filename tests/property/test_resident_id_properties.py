"""Property tests (Hypothesis) for resident ID numbers and their ISO 7064 MOD 11-2 check.

Valid numbers come from `xueji.strategies` (built from their parts, never filtered).
The check character is compared with python-stdnum (``stdnum.iso7064.mod_11_2`` and
``stdnum.cn.ric``) and with the weights of GB 11643-1999 (``W[i] = 2**(17 - i) mod 11``).
The error-detection properties are those ISO 7064 MOD 11-2 guarantees: every single
substitution and every transposition of two adjacent characters changes the check.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.iso7064 import mod_11_2 as stdnum_mod_11_2
from test_resident_id import reason_of

from xueji import (
    EARLIEST_BIRTH_DATE,
    Document,
    InvalidNumber,
    Reason,
    RegionPolicy,
    ResidentID,
    make_resident_id,
)
from xueji import strategies as xs
from xueji._checksum import CHECK_CHARACTERS, WEIGHTS, mod_11_2
from xueji._regions import KNOWN_CODES

#: A reference day; generated birth dates never pass it.
AS_OF = datetime.date(2026, 11, 28)
PERMIT_CODES = ("810000", "820000", "830000")
resident_ids = xs.resident_ids(born=(EARLIEST_BIRTH_DATE, AS_OF))
CHECK_ALPHABET = "0123456789X"
digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)


@given(resident_ids)
def test_parsing_the_string_form_gives_back_an_equal_number(rid: ResidentID) -> None:
    assert ResidentID.parse(str(rid)) == rid
    assert ResidentID.parse(str(rid), as_of=AS_OF) == rid
    assert ResidentID(str(rid)) == rid


@given(resident_ids)
def test_every_made_number_is_valid_and_keeps_its_parts(generated: ResidentID) -> None:
    region_code, birth_date = generated.value[:6], generated.birth_date
    sequence = generated.sequence
    rid = make_resident_id(region_code=region_code, birth_date=birth_date, sequence=sequence)
    assert rid == generated
    assert ResidentID.is_valid(rid.value, as_of=AS_OF)
    assert ResidentID.parse(rid.value) == rid
    assert rid.birth_date == birth_date
    assert rid.sequence == sequence
    assert rid.check_character == mod_11_2(rid.value[:17])
    if rid.document is Document.FOREIGN_PERMANENT_RESIDENT:
        assert rid.region_code == f"{region_code[1:3]}0000"
        assert rid.nationality == region_code[3:]
    else:
        assert rid.region_code == region_code
        assert rid.nationality is None


@given(resident_ids)
def test_every_single_character_substitution_is_caught(rid: ResidentID) -> None:
    value = rid.value
    for i, old in enumerate(value):
        for new in CHECK_ALPHABET:
            if new == old:
                continue
            changed = value[:i] + new + value[i + 1 :]
            expected = Reason.FORMAT if new == "X" and i < 17 else Reason.CHECKSUM
            assert reason_of(changed, regions=RegionPolicy.FORMAT) is expected, (i, new)
            assert not ResidentID.is_valid(changed)


@given(resident_ids)
def test_every_transposition_of_adjacent_different_digits_is_caught(rid: ResidentID) -> None:
    value = rid.value
    for i in range(17):
        a, b = value[i], value[i + 1]
        if a == b or not (a.isdigit() and b.isdigit()):
            continue
        swapped = value[:i] + b + a + value[i + 2 :]
        assert reason_of(swapped, regions=RegionPolicy.FORMAT) is Reason.CHECKSUM, i
        assert not ResidentID.is_valid(swapped)


@given(digits17)
def test_check_character_agrees_with_stdnum_and_the_weights_table(body: str) -> None:
    by_weights = CHECK_CHARACTERS[sum(w * int(d) for w, d in zip(WEIGHTS, body, strict=True)) % 11]
    assert mod_11_2(body) == by_weights
    assert mod_11_2(body) == stdnum_mod_11_2.calc_check_digit(body)
    assert mod_11_2(body) == ric.calc_check_digit(body + "0")
    assert stdnum_mod_11_2.is_valid(body + mod_11_2(body))


def test_weights_are_powers_of_two_modulo_eleven() -> None:
    assert [pow(2, 17 - i, 11) for i in range(17)] == list(WEIGHTS)
    assert CHECK_CHARACTERS == "10X98765432"


@given(body=digits17, check=st.sampled_from(CHECK_ALPHABET))
def test_checksum_validity_agrees_with_stdnum_ric(body: str, check: str) -> None:
    number = body + check
    stdnum_says_ok = ric.calc_check_digit(number) == check
    assert (reason_of(number, regions=RegionPolicy.FORMAT) is not Reason.CHECKSUM) is stdnum_says_ok


# Any code point, lone surrogates included, beside the characters of a number.
ANY_CHARACTER = st.characters(exclude_categories=())
LAYOUT_CHARACTERS = st.one_of(st.sampled_from(CHECK_ALPHABET), ANY_CHARACTER)


@given(st.lists(LAYOUT_CHARACTERS, min_size=18, max_size=18).map("".join))
def test_the_constructor_refuses_for_its_format_exactly_the_text_out_of_the_layout(
    text: str,
) -> None:
    # The core reads the characters as UTF-8 bytes; whatever is not 17 ASCII digits and
    # a digit or X must still be a format error, and nothing else may be one.
    in_layout = text.isascii() and text[:17].isdigit() and (text[17].isdigit() or text[17] == "X")
    try:
        ResidentID(text)
    except InvalidNumber as err:
        reason: Reason | None = err.reason
    else:
        reason = None
    assert (reason is Reason.FORMAT) is not in_layout


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
SEPARATORS = st.sampled_from(["", "", "", " ", "-", "\u00a0", "\u3000", "\u2010", "\u2011", "－"])
SURROUNDING = st.text(alphabet=" \t\n\r\u3000\u00a0", max_size=4)


@st.composite
def messy_forms(draw: st.DrawFn, value: str) -> str:
    """``value`` as a person might type it: any mix of the forms cleaning documents."""
    chars = []
    for ch in value:
        if draw(st.booleans()):
            ch = ch.translate(FULL_WIDTH)
        if ch in "XＸ" and draw(st.booleans()):
            ch = ch.lower()
        chars.append(ch)
    body = chars[0] + "".join(draw(SEPARATORS) + ch for ch in chars[1:])
    return draw(SURROUNDING) + body + draw(SURROUNDING)


@given(st.data())
def test_messy_forms_parse_to_the_same_number(data: st.DataObject) -> None:
    rid = data.draw(resident_ids)
    messy = data.draw(messy_forms(rid.value))
    assert ResidentID.parse(messy) == rid
    assert ResidentID.is_valid(messy, as_of=AS_OF)


@given(resident_ids)
def test_lower_case_and_full_width_spellings_are_the_same_number(rid: ResidentID) -> None:
    assert ResidentID.parse(rid.value.lower()) == rid
    assert ResidentID.parse(rid.value.translate(FULL_WIDTH)) == rid


@given(st.data())
def test_future_birth_dates_are_refused_and_the_reference_day_is_accepted(
    data: st.DataObject,
) -> None:
    rid = data.draw(resident_ids)
    born = rid.birth_date
    assert ResidentID.is_valid(rid.value, as_of=born)
    if born > datetime.date(1850, 1, 1):
        before = born - datetime.timedelta(days=1)
        assert reason_of(rid.value, as_of=before) is Reason.FUTURE_BIRTH_DATE


LEGACY_REGIONS = st.sampled_from(sorted(KNOWN_CODES - set(PERMIT_CODES)))


@given(region=LEGACY_REGIONS, rest=st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_legacy_upgrade_inserts_19_and_the_check_character(region: str, rest: str) -> None:
    legacy = region + rest  # region, YYMMDD, sequence: 15 digits
    upgraded = f"{region}19{rest}"
    try:
        born = datetime.date(int(upgraded[6:10]), int(upgraded[10:12]), int(upgraded[12:14]))
    except ValueError:
        with pytest.raises(InvalidNumber) as excinfo:
            ResidentID.from_legacy(legacy)
        assert excinfo.value.reason is Reason.BIRTH_DATE
    else:
        rid = ResidentID.from_legacy(legacy)
        assert rid.value == upgraded + mod_11_2(upgraded)
        assert rid.birth_date == born


def test_make_resident_id_agrees_with_parse_on_a_fixed_example() -> None:
    rid = make_resident_id(region_code="110105", birth_date=datetime.date(1949, 12, 31), sequence=2)
    assert rid == ResidentID.parse("11010519491231002X")


@given(xs.resident_ids(documents=(Document.FOREIGN_PERMANENT_RESIDENT,)))
def test_every_generated_foreigners_card_is_of_an_issuing_province_and_a_foreign_nation(
    rid: ResidentID,
) -> None:
    assert rid.region_code[:2] not in {"71", "81", "82"}
    assert rid.nationality != "156"
    assert ResidentID.is_valid(rid.value, regions=RegionPolicy.PROVINCE)
    for regions in RegionPolicy:
        assert ResidentID.parse(rid.value, regions=regions) == rid


@given(rid=resident_ids, province=st.sampled_from(["71", "81", "82"]))
def test_a_foreigners_card_of_taiwan_hong_kong_or_macao_is_refused_for_its_region(
    rid: ResidentID, province: str
) -> None:
    body = f"9{province}840{rid.value[6:17]}"
    text = body + mod_11_2(body)
    assert reason_of(text) is Reason.REGION
    assert reason_of(text, regions=RegionPolicy.PROVINCE) is Reason.REGION
    assert reason_of(text, regions=RegionPolicy.FORMAT) is None


@given(rid=xs.resident_ids(documents=(Document.FOREIGN_PERMANENT_RESIDENT,)))
def test_a_foreigners_card_with_chinas_code_as_nationality_is_refused(rid: ResidentID) -> None:
    body = f"{rid.value[:3]}156{rid.value[6:17]}"
    text = body + mod_11_2(body)
    assert reason_of(text) is Reason.NATIONALITY
    assert reason_of(text, regions=RegionPolicy.PROVINCE) is Reason.NATIONALITY
    assert reason_of(text, regions=RegionPolicy.FORMAT) is None
