"""make_registry_number and allocate: building and handing out L and J numbers."""

from __future__ import annotations

import collections
import datetime
import random
from collections.abc import Container, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    make_resident_id,
)

DAY = datetime.date(2015, 9, 1)
REGION = "110105"
REGIONS = ["110105", "110108", "310115", "320102", "440305", "510107", "650102"]
L, J, G = RegistryKind.L, RegistryKind.J, RegistryKind.G

kinds = st.sampled_from([L, J])
dates = st.dates(min_value=datetime.date(1850, 1, 1), max_value=datetime.date(2030, 12, 31))
sequences = st.integers(0, 999)
# A few taken sequences, or all but a few: both ends of a bucket's life.
taken_sets = st.sets(sequences, max_size=20) | st.sets(sequences, max_size=6).map(
    lambda free: set(range(1000)) - free
)


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


@given(kind=kinds, region=st.sampled_from(REGIONS), born=dates, sequence=sequences)
def test_a_made_body_is_the_resident_id_made_from_the_same_parts(
    kind: RegistryKind, region: str, born: datetime.date, sequence: int
) -> None:
    made = make_registry_number(kind, region_code=region, birth_date=born, sequence=sequence)
    rid = make_resident_id(region_code=region, birth_date=born, sequence=sequence)
    assert made.body == rid.value
    assert made.value == kind.value + rid.value


@given(kind=kinds, region=st.sampled_from(REGIONS), born=dates, sequence=sequences)
def test_a_made_number_parses_back_to_an_equal_value(
    kind: RegistryKind, region: str, born: datetime.date, sequence: int
) -> None:
    made = make_registry_number(kind, region_code=region, birth_date=born, sequence=sequence)
    assert RegistryNumber.parse(str(made)) == made
    assert RegistryNumber.parse(str(made), as_of=born) == made
    assert made.kind is kind
    assert made.region_code == region
    assert made.birth_date == born


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


# -- allocate: properties ------------------------------------------------------------------


@given(
    kind=kinds,
    region=st.sampled_from(REGIONS),
    born=dates,
    taken_sequences=taken_sets,
    sex=st.none() | st.sampled_from(Sex),
    seed=st.none() | st.integers(0, 2**32),
)
def test_allocate_returns_a_free_valid_number_of_the_right_parity(
    kind: RegistryKind,
    region: str,
    born: datetime.date,
    taken_sequences: set[int],
    sex: Sex | None,
    seed: int | None,
) -> None:
    taken = {
        str(make_registry_number(kind, region_code=region, birth_date=born, sequence=s))
        for s in taken_sequences
    }
    parities = {None: (0, 1), Sex.MALE: (1,), Sex.FEMALE: (0,)}[sex]
    free = [s for s in range(1, 1000) if s % 2 in parities and s not in taken_sequences]
    rng = None if seed is None else random.Random(seed)
    guarded = OnlyContains(taken)
    if not free:
        with pytest.raises(SequenceExhausted) as excinfo:
            allocate(kind, region_code=region, birth_date=born, taken=guarded, sex=sex, rng=rng)
        assert excinfo.value.reason is Reason.SEQUENCE_EXHAUSTED
        return
    got = allocate(kind, region_code=region, birth_date=born, taken=guarded, sex=sex, rng=rng)
    assert got.value not in taken
    assert sequence_of(got) in free
    if seed is None:
        assert sequence_of(got) == min(free)
    assert RegistryNumber.parse(str(got)) == got
    assert (got.kind, got.region_code, got.birth_date) == (kind, region, born)


@given(
    kind=kinds,
    taken_sequences=taken_sets,
    sex=st.none() | st.sampled_from(Sex),
    seed=st.integers(0, 2**32),
)
def test_the_same_seed_and_taken_give_the_same_number(
    kind: RegistryKind, taken_sequences: set[int], sex: Sex | None, seed: int
) -> None:
    taken = bucket(kind, sorted(taken_sequences))

    def draw() -> RegistryNumber | None:
        try:
            return allocate(
                kind,
                region_code=REGION,
                birth_date=DAY,
                taken=taken,
                sex=sex,
                rng=random.Random(seed),
            )
        except SequenceExhausted:
            return None

    assert draw() == draw()


@given(sex=st.sampled_from(Sex), seed=st.none() | st.integers(0, 2**32))
def test_the_parity_of_an_allocated_sequence_follows_sex(sex: Sex, seed: int | None) -> None:
    rng = None if seed is None else random.Random(seed)
    got = allocate(L, region_code=REGION, birth_date=DAY, taken=(), sex=sex, rng=rng)
    assert sequence_of(got) % 2 == (1 if sex is Sex.MALE else 0)
