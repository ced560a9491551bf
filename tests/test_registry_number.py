"""RegistryNumber: parsing G, L and J numbers, the value object, masking, junk input, the CLI.

Properties over generated numbers are in tests/property/test_registry_number_properties.py.
Assertions are on reasons and attributes (`InvalidNumber.masked`, `label`, `expected`),
never on message wording.
"""

from __future__ import annotations

import copy
import datetime
import math
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from xueji import (
    InvalidNumber,
    Reason,
    RegionPolicy,
    RegistryKind,
    RegistryNumber,
    ResidentID,
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


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> InvalidNumber:
    with pytest.raises(InvalidNumber) as info:
        call(*args, **kwargs)
    return info.value


def reason_of(text: object, **options: object) -> Reason | None:
    try:
        RegistryNumber.parse(text, **options)  # type: ignore[arg-type]
    except InvalidNumber as err:
        return err.reason
    return None


def ids(cases: list[data.Case]) -> list[str]:
    return [note for _, _, note in cases]


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


@pytest.mark.parametrize(
    "value",
    ["G000000201509010078", "J000000201509010078", "L000000201509010078"],
    ids=["G", "J", "L"],
)
def test_the_constructor_does_not_check_the_region(value: str) -> None:
    assert RegistryNumber(value).region_code == "000000"
    assert reason_of(value) is Reason.REGION


def test_the_constructor_does_not_check_the_j_check_character() -> None:
    assert RegistryNumber("J110105201509010071").value == "J110105201509010071"
    wrong = _error(RegistryNumber.parse, "J110105201509010071")
    assert (wrong.reason, wrong.expected) == (Reason.CHECKSUM, "0")


def test_constructor_errors_name_what_was_parsed_and_show_the_masked_input() -> None:
    not_text = _error(RegistryNumber, 19)
    assert (not_text.reason, not_text.label, not_text.masked) == (
        Reason.NOT_TEXT,
        "registry number",
        "<int>",
    )
    wrong = _error(RegistryNumber, "G110105194912310021")
    assert (wrong.reason, wrong.label, wrong.expected) == (
        Reason.CHECKSUM,
        "registry number",
        "X",
    )
    assert wrong.masked == "G110105********0021"


def test_for_resident_gives_the_g_number_of_the_id() -> None:
    rid = ResidentID.parse("11010519491231002X")
    number = RegistryNumber.for_resident(rid)
    assert number == RegistryNumber.parse("G11010519491231002X")
    assert number.kind is RegistryKind.G
    assert number.resident_id == rid


def test_the_region_code_of_a_g_number_is_its_resident_ids() -> None:
    # A foreigner's card: the first six characters are 9, the province and the nationality;
    # its region code is the province that issued it, for the ID and its G number alike.
    rid = ResidentID.parse("911398199012310021")
    number = RegistryNumber.for_resident(rid)
    assert number.region_code == rid.region_code == "110000"
    mainland = RegistryNumber.parse("G11010519491231002X")
    assert mainland.region_code == "110105"


# -- G: the body is a resident ID --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options", "reason"),
    [
        ("G110105201509010011", {"as_of": datetime.date(2015, 8, 31)}, Reason.FUTURE_BIRTH_DATE),
        ("G110105201509010011", {"as_of": SCHOOL_DAY}, None),
        ("G11019919491231002X", {"regions": RegionPolicy.PROVINCE}, None),
        ("G000000194912310027", {"regions": RegionPolicy.PROVINCE}, Reason.REGION),
        ("G000000194912310027", {"regions": RegionPolicy.FORMAT}, None),
        ("G110105194912310021", {"j_checksum": False}, Reason.CHECKSUM),
        ("G810000199001010019", {}, None),
    ],
)
def test_a_g_number_is_checked_as_its_resident_id_under_the_same_options(
    text: str, options: dict[str, object], reason: Reason | None
) -> None:
    assert reason_of(text, **options) is reason


# -- J and L: school region, date, sequence, check -----------------------------------------


@pytest.mark.parametrize("kind", ["J", "L"])
@pytest.mark.parametrize(
    ("region", "regions", "reason"),
    [
        ("110105", RegionPolicy.KNOWN, None),
        ("110199", RegionPolicy.KNOWN, Reason.REGION),
        ("110199", RegionPolicy.PROVINCE, None),
        ("990000", RegionPolicy.PROVINCE, Reason.REGION),
        ("000000", RegionPolicy.PROVINCE, Reason.REGION),
        ("990000", RegionPolicy.FORMAT, None),
        ("000000", RegionPolicy.FORMAT, None),
    ],
)
def test_the_school_region_of_j_and_l_numbers_follows_the_region_check(
    kind: str, region: str, regions: RegionPolicy, reason: Reason | None
) -> None:
    body = f"{region}20150901007"
    text = kind + body + check_character(body)
    assert reason_of(text, regions=regions) is reason


@pytest.mark.parametrize("kind", ["J", "L"])
def test_a_j_or_l_number_born_after_as_of_is_a_future_birth_date(kind: str) -> None:
    text = kind + "110105201509010070"
    assert reason_of(text, as_of=datetime.date(2015, 8, 31)) is Reason.FUTURE_BIRTH_DATE
    assert reason_of(text, as_of=SCHOOL_DAY) is None


@pytest.mark.parametrize("text", ["J110105201509010070", "L110105201509010123"], ids=["J", "L"])
def test_is_valid_honours_the_reference_date(text: str) -> None:
    assert RegistryNumber.is_valid(text, as_of=datetime.date(2015, 9, 1))
    assert not RegistryNumber.is_valid(text, as_of=datetime.date(2015, 8, 31))
    assert reason_of(text, as_of=datetime.date(2015, 8, 31)) is Reason.FUTURE_BIRTH_DATE


# Bodies that are valid resident IDs (a Taiwan residence permit, a foreigner's permanent
# residence card) but whose region is no school location.
PERMIT_BODIES = ["830000201509010072", "911398201509010075"]


@pytest.mark.parametrize("body", PERMIT_BODIES, ids=["taiwan-permit", "foreigner-card"])
@pytest.mark.parametrize("regions", [RegionPolicy.KNOWN, RegionPolicy.PROVINCE])
@pytest.mark.parametrize("prefix", ["J", "L"])
def test_l_and_j_numbers_check_the_region_as_a_school_location(
    body: str, regions: RegionPolicy, prefix: str
) -> None:
    assert RegistryNumber.parse("G" + body, regions=regions).resident_id is not None
    assert reason_of(prefix + body, regions=regions) is Reason.REGION
    assert not RegistryNumber.is_valid(prefix + body, regions=regions)
    assert RegistryNumber.parse(prefix + body, regions=RegionPolicy.FORMAT).body == body


def test_switching_the_j_checksum_off_keeps_the_other_j_checks() -> None:
    assert reason_of("J110199201509010071", j_checksum=False) is Reason.REGION
    assert reason_of("J110105201502300071", j_checksum=False) is Reason.BIRTH_DATE
    assert reason_of("J11010520150901007Y", j_checksum=False) is Reason.FORMAT


def test_is_valid_honours_j_checksum() -> None:
    assert RegistryNumber.is_valid("J110105201509010071", j_checksum=False)
    assert not RegistryNumber.is_valid("J110105201509010071")
    assert not RegistryNumber.is_valid("J110105201509010071", j_checksum=True)


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
    assert reason_of(text) is reason
    assert not RegistryNumber.is_valid(text)


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


# -- masking: no birth date in a repr or an error message -------------------------------


def test_a_checksum_error_names_the_expected_character_without_the_date() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        RegistryNumber.parse("J110105201509010071")
    assert excinfo.value.reason is Reason.CHECKSUM
    assert excinfo.value.expected == "0"
    assert "20150901" not in str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "reason", "masked", "expected"),
    [
        ("G110105194912310021", Reason.CHECKSUM, "G110105********0021", "X"),
        (" j110105201509010071 ", Reason.CHECKSUM, "J110105********0071", "0"),
        (19, Reason.NOT_TEXT, "<int>", None),
    ],
    ids=["g-checksum", "j-checksum-messy", "not-text"],
)
def test_parse_errors_name_what_was_parsed_and_mask_the_cleaned_input(
    text: object, reason: Reason, masked: str, expected: str | None
) -> None:
    err = _error(RegistryNumber.parse, text)
    assert (err.reason, err.label, err.masked, err.expected) == (
        reason,
        "registry number",
        masked,
        expected,
    )


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
