"""Unit tests for `xueji.resident_id`: parsing, accessors, value semantics, errors.

The tricky inputs come from ``tests/data/tricky_resident_ids.csv``: the inputs on which
python-stdnum 2.2, id-validator 1.0.20 and chinese-id-checker 0.9.2 crash or disagree,
the worked examples of GB 11643-1999, and the foreigner's card of GA 2102-2023, as
data-driven cases; its header names the source of every row.
Tests assert on `XuejiError.reason` and on fields, never on message wording.
"""

from __future__ import annotations

import ast
import calendar
import copy
import csv
import datetime
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs
import pytest

from xueji import (
    MAX_INPUT,
    DateBeforeBirth,
    Document,
    InvalidNumber,
    Reason,
    Region,
    RegionPolicy,
    ResidentID,
    SequenceExhausted,
    Sex,
    XuejiError,
    make_resident_id,
)
from xueji._checksum import mod_11_2

DATA = Path(__file__).parent / "data" / "tricky_resident_ids.csv"

# GB 11643-1999's example: 北京市朝阳区, born 1949-12-31, sequence 002 (female), check X.
EXAMPLE = "11010519491231002X"
LEAP_DAY = "110105200002290013"  # born 2000-02-29


@dataclass(frozen=True)
class Case:
    """One row of the tricky-input table."""

    line: int
    input: object
    parser: str
    as_of: datetime.date | None
    expected: str
    value: str
    document: str
    source: str
    note: str

    @property
    def id(self) -> str:
        return f"line{self.line}-{self.parser}-{self.expected}"


def load_cases() -> list[Case]:
    """Read the table; ``input`` is a Python literal, optionally repeated."""
    with DATA.open(encoding="utf-8", newline="") as f:
        numbered = [(n, line) for n, line in enumerate(f, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    cases = []
    for (n, _), row in zip(numbered[1:], reader, strict=True):
        value: Any = ast.literal_eval(row["input"])
        if row["repeat"]:
            value = value * int(row["repeat"])
        as_of = datetime.date.fromisoformat(row["as_of"]) if row["as_of"] else None
        cases.append(
            Case(
                line=n,
                input=value,
                parser=row["parser"],
                as_of=as_of,
                expected=row["expected"],
                value=row["value"],
                document=row["document"],
                source=row["source"],
                note=row["note"],
            )
        )
    return cases


CASES = load_cases()
PARSE_CASES = [c for c in CASES if c.parser == "parse"]


def run(case: Case) -> ResidentID:
    if case.parser == "parse":
        return ResidentID.parse(case.input, as_of=case.as_of)  # type: ignore[arg-type]
    assert case.parser == "from_legacy"
    return ResidentID.from_legacy(case.input)  # type: ignore[arg-type]


def _error(call: Any, *args: object) -> InvalidNumber:
    with pytest.raises(InvalidNumber) as info:
        call(*args)
    return info.value


def reason_of(text: object, **options: Any) -> Reason | None:
    """The reason ``parse`` refuses ``text``, or None when it accepts it."""
    try:
        ResidentID.parse(text, **options)  # type: ignore[arg-type]
    except InvalidNumber as err:
        return err.reason
    return None


# -- the tricky-input table ---------------------------------------------------------------


def test_tricky_table_is_well_formed() -> None:
    reasons = {r.value for r in Reason}
    documents = {d.value for d in Document}
    assert len(CASES) >= 60
    for case in CASES:
        assert case.parser in {"parse", "from_legacy"}, case
        assert case.source, case
        if case.expected == "valid":
            assert len(case.value) == 18, case
            assert case.document in documents, case
        else:
            assert case.expected in reasons, case
            assert not case.value, case
            assert not case.document, case


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tricky_input_gets_the_documented_outcome(case: Case) -> None:
    if case.expected == "valid":
        rid = run(case)
        assert rid.value == case.value
        assert rid.document is Document(case.document)
        assert type(rid.value) is str
    else:
        with pytest.raises(InvalidNumber) as excinfo:
            run(case)
        assert excinfo.value.reason is Reason(case.expected)


@pytest.mark.parametrize("case", PARSE_CASES, ids=[c.id for c in PARSE_CASES])
def test_is_valid_agrees_with_parse_on_every_tricky_input(case: Case) -> None:
    assert ResidentID.is_valid(case.input, as_of=case.as_of) is (case.expected == "valid")


FUTURE_CASES = [c for c in CASES if c.expected == "future-birth-date"]


@pytest.mark.parametrize("case", FUTURE_CASES, ids=[c.id for c in FUTURE_CASES])
def test_future_rows_are_valid_without_a_reference_date(case: Case) -> None:
    """The future check is the only one these rows fail."""
    assert reason_of(case.input) is None


CHECKSUM_CASES = [c for c in CASES if c.expected == "checksum"]


@pytest.mark.parametrize("case", CHECKSUM_CASES, ids=[c.id for c in CHECKSUM_CASES])
def test_checksum_rows_are_valid_with_the_expected_check_character(case: Case) -> None:
    """The check character is the only thing wrong with these rows."""
    with pytest.raises(InvalidNumber) as excinfo:
        run(case)
    assert excinfo.value.expected is not None
    assert isinstance(case.input, str)
    repaired = case.input.strip()[:-1] + excinfo.value.expected
    assert ResidentID.is_valid(repaired, as_of=case.as_of)


REGION_CASES = [c for c in CASES if c.expected in {"region", "nationality"}]


@pytest.mark.parametrize("case", REGION_CASES, ids=[c.id for c in REGION_CASES])
def test_region_rows_are_valid_without_a_region_check(case: Case) -> None:
    """The region (or nationality) is the only thing wrong with these rows."""
    assert reason_of(case.input, regions=RegionPolicy.FORMAT) is None


# -- accessors ------------------------------------------------------------------------


def test_accessors_of_the_standard_example_are_its_parts() -> None:
    rid = ResidentID.parse(EXAMPLE)
    assert rid.value == EXAMPLE
    assert rid.region_code == "110105"
    assert rid.birth_date == datetime.date(1949, 12, 31)
    assert rid.sequence == 2
    assert rid.sex is Sex.FEMALE
    assert rid.document is Document.MAINLAND
    assert rid.nationality is None
    assert rid.check_character == "X"


def test_odd_sequence_is_male_and_even_sequence_is_female() -> None:
    born = datetime.date(1980, 1, 1)
    for sequence in range(0, 1000, 37):
        rid = make_resident_id(region_code="110105", birth_date=born, sequence=sequence)
        assert rid.sequence == sequence
        assert rid.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)


def test_sex_values_are_the_gb_t_2261_codes() -> None:
    assert Sex.MALE.value == "1"
    assert Sex.FEMALE.value == "2"


def test_region_of_a_mainland_number_is_named_from_its_code() -> None:
    rid = ResidentID.parse(EXAMPLE)
    assert rid.region == Region("110105", "北京市", None, "朝阳区")


def test_region_name_is_the_one_in_force_in_the_birth_year() -> None:
    # 120110 was 东郊区 until 1991 and 东丽区 from 1992 (GB/T 2260 via stdnum's loc.dat).
    early = make_resident_id(region_code="120110", birth_date=datetime.date(1985, 5, 1), sequence=1)
    late = make_resident_id(region_code="120110", birth_date=datetime.date(2000, 5, 1), sequence=1)
    assert early.region is not None
    assert late.region is not None
    assert early.region.county == "东郊区"
    assert late.region.county == "东丽区"


def test_region_of_a_retired_code_keeps_its_old_name() -> None:
    rid = ResidentID.parse("110103198001010013")
    assert rid.region == Region("110103", "北京市", None, "崇文区")


@pytest.mark.parametrize(
    ("number", "document"),
    [
        ("810000199001010019", Document.HONG_KONG_PERMIT),
        ("820000199001010010", Document.MACAO_PERMIT),
        ("830000199001010012", Document.TAIWAN_PERMIT),
    ],
)
def test_region_of_a_permit_is_its_province_level_name(number: str, document: Document) -> None:
    rid = ResidentID.parse(number)
    assert rid.document is document
    assert rid.region_code == number[:6]
    assert rid.nationality is None
    region = rid.region
    assert region is not None
    assert region.code == number[:6]
    assert region.province
    assert region.prefecture is None
    assert region.county is None


def test_foreign_card_accessors_give_province_and_nationality() -> None:
    rid = ResidentID.parse("911398199012310021")
    assert rid.document is Document.FOREIGN_PERMANENT_RESIDENT
    assert rid.region_code == "110000"
    assert rid.nationality == "398"
    assert rid.birth_date == datetime.date(1990, 12, 31)
    assert rid.sequence == 2
    assert rid.sex is Sex.FEMALE
    assert rid.region == Region("110000", "北京市", None, None)


def test_region_is_none_for_a_code_that_was_never_listed() -> None:
    rid = ResidentID.parse("119999198001010018", regions=RegionPolicy.FORMAT)
    assert rid.region is None


def test_age_is_counted_in_whole_years_up_to_the_birthday() -> None:
    rid = ResidentID.parse(EXAMPLE)
    assert rid.age_on(datetime.date(1949, 12, 31)) == 0
    assert rid.age_on(datetime.date(1950, 12, 30)) == 0
    assert rid.age_on(datetime.date(1950, 12, 31)) == 1
    assert rid.age_on(datetime.date(2026, 11, 28)) == 76
    assert rid.age_on(datetime.date(2026, 12, 30)) == 76
    assert rid.age_on(datetime.date(2026, 12, 31)) == 77


def test_age_of_a_leap_day_birthday_counts_from_the_first_of_march() -> None:
    rid = ResidentID.parse(LEAP_DAY)
    assert rid.age_on(datetime.date(2001, 2, 28)) == 0
    assert rid.age_on(datetime.date(2001, 3, 1)) == 1
    assert rid.age_on(datetime.date(2003, 2, 28)) == 2
    assert rid.age_on(datetime.date(2003, 3, 1)) == 3
    assert rid.age_on(datetime.date(2004, 2, 28)) == 3
    assert rid.age_on(datetime.date(2004, 2, 29)) == 4


def test_age_on_takes_a_datetime_as_its_date() -> None:
    assert ResidentID.parse(EXAMPLE).age_on(
        datetime.datetime(2026, 11, 28, 23, 59)
    ) == ResidentID.parse(EXAMPLE).age_on(datetime.date(2026, 11, 28))
    assert ResidentID.parse(EXAMPLE).age_on(datetime.datetime(1950, 12, 31, 0, 0)) == 1


def test_age_before_the_birth_date_is_refused() -> None:
    rid = ResidentID.parse(EXAMPLE)
    with pytest.raises(DateBeforeBirth) as excinfo:
        rid.age_on(datetime.date(1949, 12, 30))
    assert excinfo.value.reason is Reason.DATE_BEFORE_BIRTH
    assert isinstance(excinfo.value, ValueError)
    assert isinstance(excinfo.value, XuejiError)


# -- masking, str and repr ------------------------------------------------------------


def test_masked_form_hides_the_birth_date() -> None:
    assert ResidentID.parse(EXAMPLE).masked() == "110105********002X"


def test_str_is_the_canonical_number() -> None:
    assert str(ResidentID.parse(" 110105-19491231-002x ")) == EXAMPLE


def test_repr_shows_only_the_masked_number() -> None:
    text = repr(ResidentID.parse(EXAMPLE))
    assert text == "ResidentID('110105********002X')"
    assert "19491231" not in text


# -- value semantics ------------------------------------------------------------------


def test_numbers_with_the_same_value_are_equal_and_hash_alike() -> None:
    a = ResidentID.parse("11010519491231002x")
    b = ResidentID(EXAMPLE)
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1


def test_numbers_with_different_values_are_unequal() -> None:
    assert ResidentID(EXAMPLE) != ResidentID(LEAP_DAY)


def test_a_number_is_not_equal_to_its_string() -> None:
    text: object = EXAMPLE
    assert ResidentID(EXAMPLE) != text
    assert text != ResidentID(EXAMPLE)


def test_numbers_order_by_their_value() -> None:
    numbers = [ResidentID(LEAP_DAY), ResidentID(EXAMPLE), ResidentID("110000198001010019")]
    assert [n.value for n in sorted(numbers)] == sorted(n.value for n in numbers)


def test_a_number_is_immutable() -> None:
    rid = ResidentID(EXAMPLE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rid.value = LEAP_DAY  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del rid.value
    assert rid.value == EXAMPLE


def test_cached_accessors_do_not_change_equality() -> None:
    a = ResidentID(EXAMPLE)
    b = ResidentID(EXAMPLE)
    assert a.birth_date == b.birth_date
    assert a.document is b.document
    c = ResidentID(EXAMPLE)
    assert a == c
    assert hash(a) == hash(c)


ROUND_TRIP_NUMBERS = [EXAMPLE, LEAP_DAY, "911398199012310021", "830000199001010012"]


@pytest.mark.parametrize("number", ROUND_TRIP_NUMBERS)
@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip_gives_an_equal_number(number: str, protocol: int) -> None:
    rid = ResidentID.parse(number)
    _ = rid.birth_date, rid.document  # fill the caches first
    back = pickle.loads(pickle.dumps(rid, protocol=protocol))
    assert back == rid
    assert back.birth_date == rid.birth_date
    assert back.document is rid.document


@pytest.mark.parametrize("number", ROUND_TRIP_NUMBERS)
def test_copy_and_deepcopy_give_equal_numbers(number: str) -> None:
    rid = ResidentID.parse(number)
    for duplicate in (copy.copy(rid), copy.deepcopy(rid)):
        assert duplicate == rid
        assert duplicate.value == rid.value
        assert duplicate.document is rid.document


def test_unpickling_a_tampered_number_is_refused() -> None:
    payload = pickle.dumps(ResidentID(EXAMPLE), protocol=4)
    tampered = payload.replace(b"11010519491231002X", b"110105194912310021")
    assert tampered != payload
    with pytest.raises(InvalidNumber) as excinfo:
        pickle.loads(tampered)
    assert excinfo.value.reason is Reason.CHECKSUM


def test_evolve_to_a_valid_value_gives_a_new_number() -> None:
    rid = ResidentID(EXAMPLE)
    other = attrs.evolve(rid, value=LEAP_DAY)
    assert other == ResidentID(LEAP_DAY)
    assert rid.value == EXAMPLE


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("110105194912310021", Reason.CHECKSUM),
        ("110105190102290014", Reason.BIRTH_DATE),
        ("11010519491231002x", Reason.FORMAT),
        ("1101051949123100", Reason.LENGTH),
    ],
)
def test_evolve_to_a_bad_value_is_refused(value: str, reason: Reason) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        attrs.evolve(ResidentID(EXAMPLE), value=value)
    assert excinfo.value.reason is reason


# -- the constructor and the region checks --------------------------------------------


def test_constructor_accepts_the_canonical_number() -> None:
    assert ResidentID(EXAMPLE).value == EXAMPLE


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("11010519491231002x", Reason.FORMAT),  # lower-case x: only parse cleans
        ("１１０１０５１９４９１２３１００２Ｘ", Reason.FORMAT),  # full-width
        ("110105 19491231 002X", Reason.FORMAT),  # spaces: a stray character
        (" 11010519491231002X", Reason.FORMAT),
        ("110105********002X", Reason.FORMAT),
        ("110105194912310021", Reason.CHECKSUM),
        ("11010519490431002X", Reason.BIRTH_DATE),
        ("", Reason.LENGTH),
        (None, Reason.NOT_TEXT),
        (110105194912310021, Reason.NOT_TEXT),
        (b"11010519491231002X", Reason.NOT_TEXT),
    ],
)
def test_constructor_refuses_anything_but_canonical_text(value: object, reason: Reason) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID(value)  # type: ignore[arg-type]
    assert excinfo.value.reason is reason


def test_constructor_leaves_the_region_policy_to_parse() -> None:
    """The constructor checks structure only; parse applies RegionPolicy.KNOWN."""
    assert ResidentID("119999198001010018").region_code == "119999"
    assert reason_of("119999198001010018") is Reason.REGION


def test_the_constructor_checks_the_structure_but_not_the_region() -> None:
    body = "000000" + "20150901" + "001"  # no such province
    assert ResidentID(body + mod_11_2(body)).region_code == "000000"
    assert not ResidentID.is_valid(body + mod_11_2(body))


@pytest.mark.parametrize(
    ("number", "known", "province", "format_only"),
    [
        # number, then the reason under KNOWN, PROVINCE and FORMAT (None: valid)
        ("11010519491231002X", None, None, None),
        ("119999198001010018", Reason.REGION, None, None),  # unknown county, province 11
        ("119911198001010015", Reason.REGION, None, None),
        ("819999199001010018", Reason.REGION, None, None),  # province 81 exists
        ("990000198001010012", Reason.REGION, Reason.REGION, None),  # no province 99 / 90
        ("910840199001010017", Reason.REGION, Reason.REGION, None),  # card of province 10
        ("911000199001010013", Reason.NATIONALITY, None, None),  # nationality 000
        ("911156199001010010", Reason.NATIONALITY, Reason.NATIONALITY, None),  # China's 156
        ("971840199001010019", Reason.REGION, Reason.REGION, None),  # Taiwan issues no card
        ("981840199001010010", Reason.REGION, Reason.REGION, None),  # nor does Hong Kong
        ("982840199001010011", Reason.REGION, Reason.REGION, None),  # nor Macao
        ("830000199001010012", None, None, None),
        ("110105194912310021", Reason.CHECKSUM, Reason.CHECKSUM, Reason.CHECKSUM),
        ("110105190102290014", Reason.BIRTH_DATE, Reason.BIRTH_DATE, Reason.BIRTH_DATE),
    ],
)
def test_each_region_check_level_refuses_only_what_it_covers(
    number: str, known: Reason | None, province: Reason | None, format_only: Reason | None
) -> None:
    assert reason_of(number) is known
    assert reason_of(number, regions=RegionPolicy.KNOWN) is known
    assert reason_of(number, regions=RegionPolicy.PROVINCE) is province
    assert reason_of(number, regions=RegionPolicy.FORMAT) is format_only
    assert ResidentID.is_valid(number, regions=RegionPolicy.PROVINCE) is (province is None)
    assert ResidentID.is_valid(number, regions=RegionPolicy.FORMAT) is (format_only is None)


def test_future_check_applies_under_every_region_check() -> None:
    as_of = datetime.date(2026, 11, 28)
    for regions in RegionPolicy:
        assert reason_of("110105202612310017", as_of=as_of, regions=regions) is (
            Reason.FUTURE_BIRTH_DATE
        )


def test_is_valid_on_messy_text_honours_as_of_and_regions() -> None:
    messy = " 110105 19491231 002x "
    assert ResidentID.is_valid(messy)
    assert not ResidentID.is_valid(messy, as_of=datetime.date(1949, 12, 30))
    unknown_county = "110199" + "20150901" + "001"  # Beijing, but no such county
    text = " " + unknown_county + mod_11_2(unknown_county) + " "
    assert ResidentID.is_valid(text, regions=RegionPolicy.PROVINCE)
    assert not ResidentID.is_valid(text)


@pytest.mark.parametrize("padding", [0, 1, MAX_INPUT - 18])
def test_padded_input_up_to_the_maximum_length_is_cleaned(padding: int) -> None:
    text = EXAMPLE + " " * padding
    assert len(text) <= MAX_INPUT
    assert ResidentID.parse(text).value == EXAMPLE


def test_input_longer_than_the_maximum_is_refused_before_cleaning() -> None:
    text = EXAMPLE + " " * (MAX_INPUT - 18 + 1)
    assert reason_of(text) is Reason.LENGTH
    assert ResidentID.is_valid(text) is False


@pytest.mark.parametrize(
    ("size", "reason"),
    [(MAX_INPUT - 1, Reason.FORMAT), (MAX_INPUT, Reason.FORMAT), (MAX_INPUT + 1, Reason.LENGTH)],
    ids=["below-max", "at-max", "above-max"],
)
def test_a_stray_character_is_diagnosed_in_any_input_up_to_the_maximum_length(
    size: int, reason: Reason
) -> None:
    text = "11010519491231002X" + "#" * (size - 18)
    assert len(text) == size
    assert reason_of(text) is reason
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID(text)
    assert excinfo.value.reason is reason


# Characters cleaning leaves alone: a letter, another script's digit, a lone surrogate
# (no UTF-8 form), a character of four UTF-8 bytes.
FOREIGN_CHARACTERS = ["é", "\u0663", "\ud800", "\U0001f600"]


@pytest.mark.parametrize("position", range(18))
# Plain ids: mutmut hands node ids back to pytest, and a backslash in one breaks that.
@pytest.mark.parametrize(
    "character", FOREIGN_CHARACTERS, ids=["letter", "arabic-digit", "surrogate", "emoji"]
)
def test_a_character_outside_ascii_is_a_format_error_wherever_it_stands(
    position: int, character: str
) -> None:
    text = EXAMPLE[:position] + character + EXAMPLE[position + 1 :]
    assert reason_of(text) is Reason.FORMAT
    assert ResidentID.is_valid(text) is False
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID(text)
    assert excinfo.value.reason is Reason.FORMAT


def test_a_character_outside_ascii_that_brings_an_x_to_the_18th_byte_is_a_format_error() -> None:
    # "é" is two bytes in UTF-8: the X, 17th character, is the 18th byte.
    text = "é" + EXAMPLE[1:16] + "X" + "5"
    assert len(text) == 18
    assert text.encode()[17:18] == b"X"
    assert reason_of(text) is Reason.FORMAT
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID(text)
    assert excinfo.value.reason is Reason.FORMAT


# -- birth dates ---------------------------------------------------------------------------


def test_29_february_is_accepted_exactly_in_the_gregorian_leap_years() -> None:
    # Century years are where a rule on the last three digits of the year would differ
    # (3000 is not a leap year, 3200 is).
    wrong = []
    for year in range(1850, 10000):
        body = f"110105{year:04d}0229001"
        number = body + mod_11_2(body)
        if ResidentID.is_valid(number, regions=RegionPolicy.FORMAT) is not calendar.isleap(year):
            wrong.append(year)
    assert wrong == []


@pytest.mark.parametrize(
    ("year", "leap"),
    [(1900, False), (2000, True), (2100, False), (2400, True), (3000, False), (3200, True)],
    ids=str,
)
def test_29_february_of_a_century_year_is_valid_only_if_it_divides_by_400(
    year: int, leap: bool
) -> None:
    body = f"110105{year}0229001"
    number = body + mod_11_2(body)
    if leap:
        assert ResidentID.parse(number).birth_date == datetime.date(year, 2, 29)
    else:
        assert reason_of(number) is Reason.BIRTH_DATE


# -- from_legacy -----------------------------------------------------------------------


def test_legacy_number_is_upgraded_with_19_and_a_check_character() -> None:
    rid = ResidentID.from_legacy("110105491231002")
    assert rid.value == EXAMPLE
    assert rid.birth_date == datetime.date(1949, 12, 31)


def test_legacy_number_is_checked_against_the_region_policy() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.from_legacy("119999800101001")
    assert excinfo.value.reason is Reason.REGION
    rid = ResidentID.from_legacy("119999800101001", regions=RegionPolicy.PROVINCE)
    assert rid.value == "119999198001010018"


@pytest.mark.parametrize(
    "legacy",
    ["810000900101001", "820000900101001", "830000900101001", "911840900101001"],
)
def test_legacy_numbers_of_permits_and_foreign_cards_are_refused(legacy: str) -> None:
    """Permits (2018) and the foreigner's card (2023) never had 15 digits."""
    for regions in RegionPolicy:
        with pytest.raises(InvalidNumber) as excinfo:
            ResidentID.from_legacy(legacy, regions=regions)
        assert excinfo.value.reason is Reason.REGION


def test_legacy_errors_name_the_kind_and_mask_the_cleaned_input() -> None:
    clean = _error(ResidentID.from_legacy, "110105491332002")
    messy = _error(ResidentID.from_legacy, " 110105 491332 002 ")
    assert clean.reason is messy.reason is Reason.BIRTH_DATE
    assert clean.label == messy.label == "legacy resident ID"
    assert clean.masked == messy.masked == "110105******002"
    not_text = _error(ResidentID.from_legacy, 110105491231002)
    assert (not_text.reason, not_text.masked) == (Reason.NOT_TEXT, "<int>")


# -- make_resident_id -----------------------------------------------------------------


def test_made_number_has_the_computed_check_character() -> None:
    rid = make_resident_id(region_code="110105", birth_date=datetime.date(1949, 12, 31), sequence=2)
    assert rid.value == EXAMPLE
    assert ResidentID.parse(str(rid)) == rid


@pytest.mark.parametrize(
    ("region_code", "document"),
    [
        ("110105", Document.MAINLAND),
        ("110103", Document.MAINLAND),  # retired
        ("810000", Document.HONG_KONG_PERMIT),
        ("830000", Document.TAIWAN_PERMIT),
        ("911398", Document.FOREIGN_PERMANENT_RESIDENT),
    ],
)
def test_made_number_is_valid_and_of_its_document(region_code: str, document: Document) -> None:
    rid = make_resident_id(
        region_code=region_code, birth_date=datetime.date(1990, 1, 1), sequence=17
    )
    assert ResidentID.is_valid(rid.value)
    assert rid.document is document
    assert rid.sequence == 17


@pytest.mark.parametrize("sequence", [0, 1, 998, 999])
def test_made_number_takes_sequences_up_to_the_bounds_0_and_999(sequence: int) -> None:
    rid = make_resident_id(
        region_code="110105", birth_date=datetime.date(1990, 1, 1), sequence=sequence
    )
    assert rid.sequence == sequence
    assert ResidentID.is_valid(rid.value)


@pytest.mark.parametrize("sequence", [-1, 1000, 10**6])
def test_made_number_refuses_a_sequence_outside_0_to_999(sequence: int) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_resident_id(
            region_code="110105", birth_date=datetime.date(1990, 1, 1), sequence=sequence
        )
    assert excinfo.value.reason is Reason.SEQUENCE


@pytest.mark.parametrize(
    ("region_code", "reason"),
    [
        ("119999", Reason.REGION),
        ("990000", Reason.REGION),
        ("11010", Reason.REGION),
        ("1101051", Reason.REGION),
        ("11010a", Reason.REGION),
        ("１１０１０５", Reason.REGION),
        ("911000", Reason.NATIONALITY),
    ],
)
def test_made_number_refuses_an_unknown_region(region_code: str, reason: Reason) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_resident_id(region_code=region_code, birth_date=datetime.date(1990, 1, 1), sequence=1)
    assert excinfo.value.reason is reason


def test_made_number_refuses_a_birth_date_before_1850() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_resident_id(region_code="110105", birth_date=datetime.date(1849, 12, 31), sequence=1)
    assert excinfo.value.reason is Reason.BIRTH_DATE


@pytest.mark.parametrize(
    ("parts", "reason", "label", "masked"),
    [
        ({"region_code": "11010a"}, Reason.REGION, "region code", "******"),
        ({"region_code": "11010"}, Reason.REGION, "region code", "******"),
        ({"region_code": "\uff11" * 6}, Reason.REGION, "region code", "******"),
        ({"region_code": "119999"}, Reason.REGION, "region code", "119999"),
        ({"region_code": "990000"}, Reason.REGION, "region code", "990000"),
        ({"region_code": "911000"}, Reason.NATIONALITY, "region code", "911000"),
        ({"region_code": "911156"}, Reason.NATIONALITY, "region code", "911156"),
        ({"region_code": "971840"}, Reason.REGION, "region code", "971840"),
        ({"sequence": -1}, Reason.SEQUENCE, "sequence", "***"),
        ({"sequence": 1000}, Reason.SEQUENCE, "sequence", "***"),
        ({"birth_date": datetime.date(1849, 12, 31)}, Reason.BIRTH_DATE, "birth date", "********"),
        (
            {"birth_date": datetime.datetime(1849, 12, 31, 23, 59)},
            Reason.BIRTH_DATE,
            "birth date",
            "********",
        ),
    ],
    ids=[
        "region-not-digits",
        "region-too-short",
        "region-full-width",
        "region-unknown-county",
        "region-unknown-province",
        "nationality-unknown",
        "nationality-china",
        "card-of-taiwan",
        "sequence-negative",
        "sequence-too-big",
        "birth-date-too-early",
        "birth-datetime-too-early",
    ],
)
def test_make_resident_id_errors_name_the_part_and_mask_it(
    parts: dict[str, Any], reason: Reason, label: str, masked: str
) -> None:
    arguments: dict[str, Any] = {
        "region_code": "110105",
        "birth_date": datetime.date(1990, 1, 1),
        "sequence": 1,
    }
    arguments.update(parts)
    err = _error(lambda: make_resident_id(**arguments))
    assert (err.reason, err.label, err.masked, err.expected) == (reason, label, masked, None)
    assert "1849" not in str(err)


def test_make_resident_id_takes_a_datetime_as_its_date() -> None:
    moment = datetime.datetime(1949, 12, 31, 23, 59)
    rid = make_resident_id(region_code="110105", birth_date=moment, sequence=2)
    assert rid == make_resident_id(
        region_code="110105", birth_date=datetime.date(1949, 12, 31), sequence=2
    )
    assert rid.value == "11010519491231002X"
    assert rid.birth_date == datetime.date(1949, 12, 31)


# -- errors ---------------------------------------------------------------------------


def test_invalid_number_is_a_value_error_and_a_xueji_error() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse("110105194912310021")
    assert isinstance(excinfo.value, ValueError)
    assert isinstance(excinfo.value, XuejiError)


def test_checksum_error_carries_the_expected_check_character() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse("110105194912310021")
    err = excinfo.value
    assert err.reason is Reason.CHECKSUM
    assert err.expected == "X"
    assert err.masked == "110105********0021"
    assert err.label == "resident ID"


def test_errors_other_than_checksum_expect_nothing() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse("110105190102290014")
    assert excinfo.value.expected is None


def test_non_text_error_shows_the_type_not_the_value() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse(110105194912310021)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.NOT_TEXT
    assert "1949" not in excinfo.value.masked
    assert "1949" not in str(excinfo.value)


def test_constructor_errors_name_what_was_parsed_and_show_the_masked_input() -> None:
    wrong = _error(ResidentID, "110105194912310021")
    assert (wrong.reason, wrong.label, wrong.expected) == (Reason.CHECKSUM, "resident ID", "X")
    assert wrong.masked == "110105********0021"
    not_text = _error(ResidentID, 110105194912310021)
    assert (not_text.reason, not_text.label, not_text.masked) == (
        Reason.NOT_TEXT,
        "resident ID",
        "<int>",
    )


def test_invalid_number_survives_pickling_with_its_fields() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        ResidentID.parse("110105194912310021")
    err = excinfo.value
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(err, protocol=protocol))
        assert type(back) is InvalidNumber
        assert back.reason is Reason.CHECKSUM
        assert back.expected == "X"
        assert back.masked == err.masked
        assert back.label == err.label
        assert str(back) == str(err)


def test_date_before_birth_survives_pickling_with_its_reason() -> None:
    with pytest.raises(DateBeforeBirth) as excinfo:
        ResidentID.parse(EXAMPLE).age_on(datetime.date(1900, 1, 1))
    back = pickle.loads(pickle.dumps(excinfo.value))
    assert type(back) is DateBeforeBirth
    assert back.reason is Reason.DATE_BEFORE_BIRTH
    assert str(back) == str(excinfo.value)


def test_sequence_exhausted_survives_pickling_with_its_fields() -> None:
    err = SequenceExhausted(kind="G", birth_date="********")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is SequenceExhausted
    assert back.reason is Reason.SEQUENCE_EXHAUSTED
    assert (back.kind, back.birth_date) == ("G", "********")
    assert not isinstance(back, ValueError)
