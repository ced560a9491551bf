"""make_registry_number and allocate: building and handing out L and J numbers.

Properties over generated parts are in tests/property/test_allocate_properties.py.
Assertions are on reasons and attributes (`InvalidNumber.masked`, `label`), never on
message wording.
"""

from __future__ import annotations

import collections
import datetime
import random
from collections.abc import Callable, Container, Iterator

import pytest

from xueji import (
    FIRST_SEQUENCE,
    LAST_SEQUENCE,
    InvalidNumber,
    Reason,
    RegistryKind,
    RegistryNumber,
    SequenceExhausted,
    Sex,
    XuejiError,
    allocate,
    make_registry_number,
)

DAY = datetime.date(2015, 9, 1)
REGION = "110105"
REGIONS = ["110105", "110108", "310115", "320102", "440305", "510107", "650102"]
L, J, G = RegistryKind.L, RegistryKind.J, RegistryKind.G

# A few taken sequences, or all but a few: both ends of a bucket's life.


def number(kind: RegistryKind, sequence: int, *, region: str = REGION) -> str:
    return str(make_registry_number(kind, region_code=region, birth_date=DAY, sequence=sequence))


def sequence_of(value: RegistryNumber) -> int:
    return int(value.value[15:18])


def bucket(kind: RegistryKind, sequences: range | list[int]) -> set[str]:
    return {number(kind, s) for s in sequences}


class OnlyContains(Container[str]):
    """A container that answers ``in`` and refuses to be iterated or measured."""

    def __init__(self, members: set[str]) -> None:
        self.members = members
        self.asked = 0

    def __contains__(self, item: object) -> bool:
        self.asked += 1
        return item in self.members

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("taken was iterated")

    def __len__(self) -> int:
        raise AssertionError("taken was measured")


# -- make_registry_number ------------------------------------------------------------------


def test_a_made_number_is_region_date_sequence_and_check_character() -> None:
    made = make_registry_number(J, region_code=REGION, birth_date=DAY, sequence=7)
    assert made.value == "J110105201509010070"
    assert made.kind is J
    assert made.region_code == REGION
    assert made.birth_date == DAY
    assert make_registry_number(L, region_code=REGION, birth_date=DAY, sequence=2).value == (
        "L11010520150901002X"
    )


@pytest.mark.parametrize("sequence", [0, 1, 998, 999])
def test_every_sequence_from_000_to_999_can_be_made(sequence: int) -> None:
    made = make_registry_number(L, region_code=REGION, birth_date=DAY, sequence=sequence)
    assert sequence_of(made) == sequence


def test_a_g_number_cannot_be_made_from_parts() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_registry_number(G, region_code=REGION, birth_date=DAY, sequence=1)
    assert excinfo.value.reason is Reason.PREFIX


@pytest.mark.parametrize("region", ["110199", "990000", "000000", "11010", "1101050", "abcdef"])
def test_an_unknown_or_malformed_region_cannot_be_made(region: str) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_registry_number(J, region_code=region, birth_date=DAY, sequence=1)
    assert excinfo.value.reason is Reason.REGION


@pytest.mark.parametrize("sequence", [-1, 1000, 10**9, True])
def test_a_sequence_outside_0_to_999_cannot_be_made(sequence: int) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_registry_number(L, region_code=REGION, birth_date=DAY, sequence=sequence)
    assert excinfo.value.reason is Reason.SEQUENCE


def test_a_birth_date_before_1850_cannot_be_made() -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        make_registry_number(
            L, region_code=REGION, birth_date=datetime.date(1849, 12, 31), sequence=1
        )
    assert excinfo.value.reason is Reason.BIRTH_DATE


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


# -- the parts both builders refuse, and how they show them ---------------------------------


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
    assert (err.reason, err.masked, err.label) == (Reason.PREFIX, masked, "registry kind")


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
        # A resident ID may carry these, a school's location never: the Taiwan residents'
        # permit code and the region part of a foreigner's card.
        ("830000", "830000"),
        ("911398", "911398"),
    ],
    ids=[
        "5-digits",
        "7-digits",
        "letter",
        "space",
        "int",
        "none",
        "unknown",
        "no-school-code",
        "permit",
        "foreigners-card",
    ],
)
def test_a_bad_region_code_is_refused_and_masked_unless_it_is_six_digits(
    build: Callable[..., RegistryNumber], region_code: object, masked: str
) -> None:
    err = _error(build, J, region_code=region_code)
    assert (err.reason, err.masked, err.label) == (Reason.REGION, masked, "region code")


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    "born",
    [datetime.date(1850, 1, 1), datetime.date(9999, 12, 31), datetime.date(2015, 9, 1)],
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
@pytest.mark.parametrize(
    "born", [datetime.date(1849, 12, 31), datetime.date(1, 1, 1)], ids=["day-before-1850", "year-1"]
)
def test_a_birth_date_before_1850_is_refused_and_masked(
    build: Callable[..., RegistryNumber], born: datetime.date
) -> None:
    err = _error(build, L, birth_date=born)
    assert (err.reason, err.masked, err.label) == (Reason.BIRTH_DATE, "********", "birth date")


@pytest.mark.parametrize(
    "sequence", [-1, 1000, True, 7.0, "007"], ids=["minus-1", "1000", "bool", "float", "str"]
)
def test_a_sequence_outside_0_to_999_is_refused_and_masked(sequence: object) -> None:
    err = _error(_make, J, sequence=sequence)
    assert (err.reason, err.masked, err.label) == (Reason.SEQUENCE, "***", "sequence")


# -- allocate: the parity buckets run to 999 ---------------------------------------------


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


# -- allocate: which number ----------------------------------------------------------------


def test_the_sequences_run_from_001_to_999() -> None:
    assert (FIRST_SEQUENCE, LAST_SEQUENCE) == (1, 999)


@pytest.mark.parametrize("kind", [L, J])
def test_the_first_number_of_an_empty_bucket_has_sequence_001(kind: RegistryKind) -> None:
    got = allocate(kind, region_code=REGION, birth_date=DAY, taken=())
    assert got.value == number(kind, 1)
    assert got.kind is kind


def test_without_rng_the_lowest_free_sequence_is_allocated() -> None:
    taken = bucket(L, [1, 2, 4])
    assert sequence_of(allocate(L, region_code=REGION, birth_date=DAY, taken=taken)) == 3


def test_000_is_not_allocated_even_when_it_is_free() -> None:
    taken = bucket(L, range(1, 999))
    got = allocate(L, region_code=REGION, birth_date=DAY, taken=taken)
    assert sequence_of(got) == 999


def test_numbers_of_another_kind_region_or_date_do_not_take_a_sequence() -> None:
    taken = {
        number(J, 1),
        number(L, 1, region="310115"),
        str(make_registry_number(L, region_code=REGION, birth_date=DAY.replace(day=2), sequence=1)),
    }
    assert sequence_of(allocate(L, region_code=REGION, birth_date=DAY, taken=taken)) == 1


@pytest.mark.parametrize("seed", [None, 0, 7])
def test_taken_is_only_asked_in_never_iterated(seed: int | None) -> None:
    rng = None if seed is None else random.Random(seed)
    taken = OnlyContains(bucket(J, [s for s in range(1, 1000) if s != 500]))
    got = allocate(J, region_code=REGION, birth_date=DAY, taken=taken, rng=rng)
    assert sequence_of(got) == 500
    assert taken.asked > 0


def test_the_same_seed_gives_the_same_number() -> None:
    taken = bucket(L, range(1, 400))
    first = allocate(L, region_code=REGION, birth_date=DAY, taken=taken, rng=random.Random(42))
    again = allocate(L, region_code=REGION, birth_date=DAY, taken=taken, rng=random.Random(42))
    assert first == again
    assert first.value not in taken


def test_random_allocation_is_roughly_uniform_over_the_free_sequences() -> None:
    free = [10, 500, 998]
    taken = bucket(J, [s for s in range(1, 1000) if s not in free])
    rng = random.Random(20240901)
    counts = collections.Counter(
        sequence_of(allocate(J, region_code=REGION, birth_date=DAY, taken=taken, rng=rng))
        for _ in range(300)
    )
    assert set(counts) == set(free)
    for sequence in free:
        assert 60 <= counts[sequence] <= 135, counts


def test_random_allocation_spreads_over_an_empty_bucket() -> None:
    rng = random.Random(5)
    got = {
        sequence_of(allocate(L, region_code=REGION, birth_date=DAY, taken=(), rng=rng))
        for _ in range(50)
    }
    assert len(got) > 40
    assert all(FIRST_SEQUENCE <= s <= LAST_SEQUENCE for s in got)


@pytest.mark.parametrize(("sex", "parity"), [(Sex.MALE, 1), (Sex.FEMALE, 0)])
def test_with_sex_the_lowest_free_sequence_of_that_parity_is_allocated(
    sex: Sex, parity: int
) -> None:
    got = allocate(L, region_code=REGION, birth_date=DAY, taken=bucket(L, [1, 2, 3, 4]), sex=sex)
    assert sequence_of(got) == 5 + (1 - parity)
    assert sequence_of(got) % 2 == parity


# -- allocate: running out -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "candidates"),
    [
        (None, list(range(1, 1000))),
        (Sex.MALE, list(range(1, 1000, 2))),
        (Sex.FEMALE, list(range(2, 1000, 2))),
    ],
)
@pytest.mark.parametrize("seed", [None, 3])
def test_sequence_exhausted_comes_only_after_the_last_free_sequence(
    sex: Sex | None, candidates: list[int], seed: int | None
) -> None:
    assert len(candidates) == {None: 999, Sex.MALE: 500, Sex.FEMALE: 499}[sex]
    last = candidates[len(candidates) // 2]
    taken = bucket(L, [s for s in candidates if s != last])
    rng = None if seed is None else random.Random(seed)
    got = allocate(L, region_code=REGION, birth_date=DAY, taken=taken, sex=sex, rng=rng)
    assert sequence_of(got) == last
    taken.add(got.value)
    with pytest.raises(SequenceExhausted) as excinfo:
        allocate(L, region_code=REGION, birth_date=DAY, taken=taken, sex=sex, rng=rng)
    assert excinfo.value.reason is Reason.SEQUENCE_EXHAUSTED


def test_a_full_bucket_for_one_sex_leaves_the_other_free() -> None:
    taken = bucket(J, range(1, 1000, 2))
    with pytest.raises(SequenceExhausted):
        allocate(J, region_code=REGION, birth_date=DAY, taken=taken, sex=Sex.MALE)
    got = allocate(J, region_code=REGION, birth_date=DAY, taken=taken, sex=Sex.FEMALE)
    assert sequence_of(got) == 2


def test_sequence_exhausted_names_kind_and_date_but_no_number() -> None:
    taken = bucket(J, range(1, 1000))
    with pytest.raises(SequenceExhausted) as excinfo:
        allocate(J, region_code=REGION, birth_date=DAY, taken=taken)
    err = excinfo.value
    assert isinstance(err, XuejiError)
    assert not isinstance(err, InvalidNumber)
    assert err.reason is Reason.SEQUENCE_EXHAUSTED
    assert err.kind is RegistryKind.J
    assert err.kind == "J"
    assert err.birth_date == DAY.isoformat()
    # The date is an attribute, not part of the message: messages never show birth dates.
    assert DAY.isoformat() not in str(err)
    for shown in (str(err), repr(err)):
        assert "20150901" not in shown
        assert not any(value[1:] in shown for value in bucket(J, range(1000)))


@pytest.mark.parametrize(
    ("kind", "region", "reason"),
    [(G, REGION, Reason.PREFIX), (L, "110199", Reason.REGION), (J, "1101", Reason.REGION)],
)
def test_allocate_refuses_what_make_registry_number_refuses(
    kind: RegistryKind, region: str, reason: Reason
) -> None:
    with pytest.raises(InvalidNumber) as excinfo:
        allocate(kind, region_code=region, birth_date=DAY, taken=())
    assert excinfo.value.reason is reason
