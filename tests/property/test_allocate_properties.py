"""Properties of `make_registry_number` and `allocate`: made numbers parse back and share
their body with the resident ID of the same parts; allocation hands out a free, valid
number of the right parity, the same one for the same seed, and says when none is left.
"""

from __future__ import annotations

import datetime
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_allocate import DAY, REGION, OnlyContains, bucket, sequence_of

from xueji import (
    Reason,
    RegistryKind,
    RegistryNumber,
    SequenceExhausted,
    Sex,
    allocate,
    make_registry_number,
    make_resident_id,
)

REGIONS = ["110105", "110108", "310115", "320102", "440305", "510107", "650102"]
L, J = RegistryKind.L, RegistryKind.J


kinds = st.sampled_from([L, J])


dates = st.dates(min_value=datetime.date(1850, 1, 1), max_value=datetime.date(2030, 12, 31))


sequences = st.integers(0, 999)


taken_sets = st.sets(sequences, max_size=20) | st.sets(sequences, max_size=6).map(
    lambda free: set(range(1000)) - free
)


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
