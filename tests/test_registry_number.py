"""RegistryNumber: parsing G, L and J numbers, the value object, masking, junk input, the CLI."""

from __future__ import annotations

import copy
import datetime
import math
import pickle
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xueji import (
    InvalidNumber,
    Reason,
    RegionCheck,
    RegistryKind,
    RegistryNumber,
    ResidentID,
    make_registry_number,
    make_resident_id,
)

# tests/ and tests/data/ are not packages: the data module is imported by its own name.
sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
import registry_numbers as data

# The GB 11643 table, written out again so that the data file is checked independently.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECKS = "10X98765432"
CANONICAL = re.compile(r"[GLJ][0-9]{17}[0-9X]")
ALPHABET_19 = "0123456789X"
# Known mainland county-level codes of GB/T 2260, for generated numbers.
REGIONS = ["110105", "110108", "310115", "320102", "440305", "510107", "650102"]
SCHOOL_DAY = datetime.date(2015, 9, 1)


def check_character(body: str) -> str:
    return CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def reason_of(text: object, **options: object) -> Reason | None:
    try:
        RegistryNumber.parse(text, **options)  # type: ignore[arg-type]
    except InvalidNumber as err:
        return err.reason
    return None


def ids(cases: list[data.Case]) -> list[str]:
    return [note for _, _, note in cases]


dates = st.dates(min_value=datetime.date(1850, 1, 1), max_value=datetime.date(2030, 12, 31))


@st.composite
def numbers(draw: st.DrawFn) -> RegistryNumber:
    """A valid G, L or J number built from random parts."""
    region = draw(st.sampled_from(REGIONS))
    born = draw(dates)
    sequence = draw(st.integers(0, 999))
    kind = draw(st.sampled_from(RegistryKind))
    if kind is RegistryKind.G:
        rid = make_resident_id(region_code=region, birth_date=born, sequence=sequence)
        return RegistryNumber.for_resident(rid)
    return make_registry_number(kind, region_code=region, birth_date=born, sequence=sequence)


# -- the data-driven cases --------------------------------------------------------------


@pytest.mark.parametrize(("text", "reason", "note"), data.VALID, ids=ids(data.VALID))
def test_every_valid_case_parses_to_a_canonical_number(
    text: str, reason: Reason | None, note: str
) -> None:
    assert reason is None
    number = RegistryNumber.parse(text)
    assert CANONICAL.fullmatch(number.value)
    assert number.value[0] == text.strip()[0].upper() or not text.strip()[0].isascii()
    assert RegistryNumber(number.value) == number


@pytest.mark.parametrize(("text", "reason", "note"), data.INVALID, ids=ids(data.INVALID))
def test_every_invalid_case_fails_with_its_reason(text: str, reason: Reason, note: str) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        RegistryNumber.parse(text)
    assert excinfo.value.reason is reason


@pytest.mark.parametrize(("text", "reason", "note"), data.ALL, ids=ids(data.ALL))
def test_is_valid_answers_as_parse_does(text: str, reason: Reason | None, note: str) -> None:
    assert RegistryNumber.is_valid(text) is (reason is None)


def test_the_check_characters_in_the_data_file_are_the_gb_11643_ones() -> None:
    """A canonical G or J case ends in its right check character unless it is a checksum case."""
    checked = 0
    for text, reason, note in data.ALL:
        if text[0] in "GJ" and CANONICAL.fullmatch(text):
            right = check_character(text[1:18]) == text[18]
            assert right is (reason is not Reason.CHECKSUM), note
            checked += 1
    assert checked >= 15


def test_the_data_file_covers_every_kind_valid_and_invalid() -> None:
    for valid, invalid in [
        (data.VALID_G, data.INVALID_G),
        (data.VALID_J, data.INVALID_J),
        (data.VALID_L, data.INVALID_L),
    ]:
        assert valid
        assert all(reason is None for _, reason, _ in valid)
        assert invalid
        assert all(reason is not None for _, reason, _ in invalid)


# -- the value object --------------------------------------------------------------------


def test_a_g_number_exposes_its_parts_and_its_resident_id() -> None:
    number = RegistryNumber.parse("g11010519491231002x")
    assert number.kind is RegistryKind.G
    assert number.is_formal is True
    assert number.value == "G11010519491231002X"
    assert number.body == "11010519491231002X"
    assert number.region_code == "110105"
    assert number.birth_date == datetime.date(1949, 12, 31)
    assert number.resident_id == ResidentID.parse("11010519491231002X")
    assert number.masked() == "G110105********002X"
    assert repr(number) == "RegistryNumber('G110105********002X')"
    assert str(number) == "G11010519491231002X"


def test_a_j_number_is_formal_and_has_no_resident_id() -> None:
    number = RegistryNumber.parse("J110105201509010070")
    assert number.kind is RegistryKind.J
    assert number.is_formal is True
    assert number.body == "110105201509010070"
    assert number.region_code == "110105"
    assert number.birth_date == SCHOOL_DAY
    assert number.resident_id is None
    assert number.masked() == "J110105********0070"


def test_an_l_number_is_temporary_and_has_no_resident_id() -> None:
    number = RegistryNumber.parse(" l110105-20150901-4831 ")
    assert number.kind is RegistryKind.L
    assert number.is_formal is False
    assert str(number) == "L110105201509014831"
    assert number.region_code == "110105"
    assert number.birth_date == SCHOOL_DAY
    assert number.resident_id is None
    assert repr(number) == "RegistryNumber('L110105********4831')"


@pytest.mark.parametrize(("kind", "formal"), [("G", True), ("J", True), ("L", False)])
def test_g_and_j_kinds_are_formal_and_l_is_not(kind: str, formal: bool) -> None:
    assert RegistryKind(kind).is_formal is formal


@pytest.mark.parametrize(("text", "reason", "note"), data.VALID, ids=ids(data.VALID))
def test_pickle_copy_and_deepcopy_give_an_equal_number(
    text: str, reason: Reason | None, note: str
) -> None:
    number = RegistryNumber.parse(text)
    for twin in (
        pickle.loads(pickle.dumps(number)),
        copy.copy(number),
        copy.deepcopy(number),
    ):
        assert twin == number
        assert hash(twin) == hash(number)
        assert type(twin) is RegistryNumber


def test_a_number_cannot_be_changed_in_place() -> None:
    number = RegistryNumber.parse("G11010519491231002X")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        number.value = "G110105194912310038"  # type: ignore[misc]
    assert number.value == "G11010519491231002X"


def test_equal_numbers_hash_alike_and_collapse_in_a_set() -> None:
    a = RegistryNumber.parse("G11010519491231002X")
    b = RegistryNumber.parse("g 110105 19491231 002x")
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, RegistryNumber.parse("J110105201509010070")}) == 2


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("K11010519491231002X", Reason.PREFIX),
        ("G110105194912310021", Reason.CHECKSUM),
        ("L110105201502300123", Reason.BIRTH_DATE),
        ("G11010519491231002", Reason.LENGTH),
        ("g11010519491231002X", Reason.PREFIX),
    ],
)
def test_evolve_to_a_bad_value_raises_invalid_number(bad: str, reason: Reason) -> None:
    number = RegistryNumber.parse("G11010519491231002X")
    with pytest.raises(InvalidNumber) as excinfo:
        attrs.evolve(number, value=bad)
    assert excinfo.value.reason is reason


def test_evolve_to_a_good_value_gives_that_number() -> None:
    number = RegistryNumber.parse("G11010519491231002X")
    other = attrs.evolve(number, value="J110105201509010070")
    assert other == RegistryNumber.parse("J110105201509010070")


def test_the_constructor_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        RegistryNumber(11010519491231002)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.NOT_TEXT


def test_for_resident_gives_the_g_number_of_the_id() -> None:
    rid = ResidentID.parse("11010519491231002X")
    number = RegistryNumber.for_resident(rid)
    assert number == RegistryNumber.parse("G11010519491231002X")
    assert number.kind is RegistryKind.G
    assert number.resident_id == rid


@given(numbers())
def test_a_number_parses_back_from_its_string_and_its_masked_repr_hides_the_date(
    number: RegistryNumber,
) -> None:
    assert RegistryNumber.parse(str(number)) == number
    assert RegistryNumber.parse(str(number).lower()) == number
    digits = f"{number.birth_date:%Y%m%d}"
    assert digits not in repr(number)
    assert digits not in number.masked()
    assert number.masked() == number.value[:7] + "*" * 8 + number.value[15:]


# -- G: the body is a resident ID --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options", "reason"),
    [
        ("G110105201509010011", {"as_of": datetime.date(2015, 8, 31)}, Reason.FUTURE_BIRTH_DATE),
        ("G110105201509010011", {"as_of": SCHOOL_DAY}, None),
        ("G11019919491231002X", {"regions": RegionCheck.PROVINCE}, None),
        ("G000000194912310027", {"regions": RegionCheck.PROVINCE}, Reason.REGION),
        ("G000000194912310027", {"regions": RegionCheck.FORMAT}, None),
        ("G110105194912310021", {"j_checksum": False}, Reason.CHECKSUM),
        ("G810000199001010019", {}, None),
    ],
)
def test_a_g_number_is_checked_as_its_resident_id_under_the_same_options(
    text: str, options: dict[str, object], reason: Reason | None
) -> None:
    assert reason_of(text, **options) is reason


@given(
    body=st.text(ALPHABET_19, min_size=18, max_size=18),
    as_of=st.none() | dates,
    regions=st.sampled_from(RegionCheck),
)
def test_the_reason_a_g_body_fails_is_the_reason_its_resident_id_fails(
    body: str, as_of: datetime.date | None, regions: RegionCheck
) -> None:
    try:
        ResidentID.parse(body, as_of=as_of, regions=regions)
    except InvalidNumber as err:
        expected: Reason | None = err.reason
    else:
        expected = None
    assert reason_of("G" + body, as_of=as_of, regions=regions) is expected


@given(born=dates, sequence=st.integers(0, 999), region=st.sampled_from(REGIONS))
def test_a_g_number_built_on_a_valid_id_is_valid(
    born: datetime.date, sequence: int, region: str
) -> None:
    rid = make_resident_id(region_code=region, birth_date=born, sequence=sequence)
    assert RegistryNumber.is_valid("G" + rid.value)
    assert reason_of("G" + rid.value, as_of=born) is None


# -- J and L: school region, date, sequence, check -----------------------------------------


@pytest.mark.parametrize("kind", ["J", "L"])
@pytest.mark.parametrize(
    ("region", "regions", "reason"),
    [
        ("110105", RegionCheck.KNOWN, None),
        ("110199", RegionCheck.KNOWN, Reason.REGION),
        ("110199", RegionCheck.PROVINCE, None),
        ("990000", RegionCheck.PROVINCE, Reason.REGION),
        ("000000", RegionCheck.PROVINCE, Reason.REGION),
        ("990000", RegionCheck.FORMAT, None),
        ("000000", RegionCheck.FORMAT, None),
    ],
)
def test_the_school_region_of_j_and_l_numbers_follows_the_region_check(
    kind: str, region: str, regions: RegionCheck, reason: Reason | None
) -> None:
    body = f"{region}20150901007"
    text = kind + body + check_character(body)
    assert reason_of(text, regions=regions) is reason


@pytest.mark.parametrize("kind", ["J", "L"])
def test_a_j_or_l_number_born_after_as_of_is_a_future_birth_date(kind: str) -> None:
    text = kind + "110105201509010070"
    assert reason_of(text, as_of=datetime.date(2015, 8, 31)) is Reason.FUTURE_BIRTH_DATE
    assert reason_of(text, as_of=SCHOOL_DAY) is None


@given(
    region=st.sampled_from(REGIONS),
    born=dates,
    sequence=st.integers(0, 999),
    wrong=st.sampled_from(ALPHABET_19),
)
def test_a_j_number_with_another_check_character_fails_unless_j_checksum_is_off(
    region: str, born: datetime.date, sequence: int, wrong: str
) -> None:
    body = f"{region}{born:%Y%m%d}{sequence:03d}"
    assume(wrong != check_character(body))
    text = f"J{body}{wrong}"
    assert reason_of(text) is Reason.CHECKSUM
    assert reason_of(text, j_checksum=False) is None
    day_before = born - datetime.timedelta(days=1)
    assert reason_of(text, j_checksum=False, as_of=day_before) is Reason.FUTURE_BIRTH_DATE


def test_switching_the_j_checksum_off_keeps_the_other_j_checks() -> None:
    assert reason_of("J110199201509010071", j_checksum=False) is Reason.REGION
    assert reason_of("J110105201502300071", j_checksum=False) is Reason.BIRTH_DATE
    assert reason_of("J11010520150901007Y", j_checksum=False) is Reason.FORMAT


@given(
    region=st.sampled_from(REGIONS),
    born=dates,
    tail=st.text("0123456789", min_size=3, max_size=3),
    last=st.sampled_from(ALPHABET_19),
)
def test_an_l_number_is_never_rejected_for_its_last_character(
    region: str, born: datetime.date, tail: str, last: str
) -> None:
    """Random 4 digits and sequence + any check character (X included) are both accepted."""
    text = f"L{region}{born:%Y%m%d}{tail}{last}"
    assert reason_of(text) is None
    assert RegistryNumber.parse(text).value == text


@pytest.mark.parametrize("last", list(ALPHABET_19))
def test_each_possible_last_character_is_accepted_on_an_l_number(last: str) -> None:
    assert RegistryNumber.is_valid(f"L11010520150901 012{last}")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("11010520150901012X", Reason.PREFIX),
        ("110105201509010126", Reason.PREFIX),
        ("M110105201509010126", Reason.PREFIX),
        ("Ｍ110105201509010126", Reason.PREFIX),
        ("G1101052015090101260", Reason.LENGTH),
        ("L", Reason.LENGTH),
        ("", Reason.LENGTH),
    ],
)
def test_a_missing_or_unknown_prefix_and_a_wrong_length_are_reported(
    text: str, reason: Reason
) -> None:
    assert reason_of(text) is reason


# -- junk never escapes as anything but InvalidNumber ---------------------------------------

JUNK: list[object] = [
    None,
    b"G11010519491231002X",
    bytearray(b"G11010519491231002X"),
    11010519491231002,
    1.1010519491231002e17,
    math.nan,
    True,
    ["G11010519491231002X"],
    object(),
    "",
    " ",
    "\n",
    "G",
    "G" * 10_000,
    "G11010519491231002X" * 1000,
    "\x00" * 19,
    "G\u0663" * 9 + "1",
    "G１１０１０５１９４９１２３１００２Ｙ",
    "G110105\u200b19491231002X",
    "\ud800" * 19,
]


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: type(j).__name__)
def test_junk_raises_invalid_number_and_is_never_valid(junk: object) -> None:
    with pytest.raises(InvalidNumber):
        RegistryNumber.parse(junk)  # type: ignore[arg-type]
    assert RegistryNumber.is_valid(junk) is False


def test_over_long_text_fails_on_length() -> None:
    assert reason_of("G" * 100_000) is Reason.LENGTH


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


# -- masking: no birth date in a repr or an error message -------------------------------


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str]:
    """A generated number, damaged once; and the 8 birth-date digits it was built with."""
    number = draw(numbers())
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


def test_a_checksum_error_names_the_expected_character_without_the_date() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        RegistryNumber.parse("J110105201509010071")
    assert excinfo.value.reason is Reason.CHECKSUM
    assert excinfo.value.expected == "0"
    assert "20150901" not in str(excinfo.value)


# -- the command line ------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xueji", "explain", *args, "--as-of", "2026-11-28"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    "text",
    ["G11010519491231002X", "L110105201509014831", "J110105201509010070", "2111010001"],
)
def test_the_cli_explains_a_valid_number_and_exits_0(text: str) -> None:
    result = run_cli(text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout
    if text[0].isalpha():
        assert text[7:15] not in result.stdout  # the birth date stays hidden without --show


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("G110105194912310021", Reason.CHECKSUM),
        ("K11010519491231002X", Reason.PREFIX),
        ("J110105201509010071", Reason.CHECKSUM),
        ("L110199201509014831", Reason.REGION),
        ("J110105203001010079", Reason.FUTURE_BIRTH_DATE),
        ("9911010001", Reason.CATEGORY),
        ("2199010001", Reason.PROVINCE),
    ],
)
def test_the_cli_reports_the_reason_of_an_invalid_number_and_exits_1(
    text: str, reason: Reason
) -> None:
    result = run_cli(text)
    assert result.returncode == 1, result.stdout + result.stderr
    assert reason.value in result.stdout
