"""Properties of `extract_fields`: every field of every row equals what the scalar values
say (`check`, then `ResidentID.parse` or `RegistryNumber.parse` and their properties), on
the numpy path and on the row-by-row one, whatever the options; over columns that mix
valid numbers, the same written messily, invalid ones with a known defect, and junk.

The expected row is built here from the public scalar API only, so that neither path of
`extract_fields` is its own reference.
"""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_columns import JUNK
from texts import AS_OF

from xueji import (
    FIELD_NAMES,
    DateBeforeBirth,
    Document,
    Kind,
    RegionPolicy,
    RegistryKind,
    RegistryNumber,
    ResidentID,
    check,
    extract_fields,
    make_registry_number,
    make_resident_id,
    region,
    region_history,
)
from xueji import strategies as xs
from xueji._regions import KNOWN_CODES

BORN = (datetime.date(1850, 1, 1), datetime.date(2030, 12, 31))


def _renamed(code: str) -> bool:
    history = region_history(code)
    return history is not None and len(history.names) > 1


LOCATED = (RegistryKind.L, RegistryKind.J)
LEVELS = ("province", "prefecture", "county")
#: Codes with a name (their own, their prefecture's or their province's) that changed: the
#: names of their numbers depend on the birth year.
RENAMED = sorted(
    code for code in KNOWN_CODES if any(map(_renamed, (code, code[:4] + "00", code[:2] + "0000")))
)
#: Valid values, the same messy, invalid ones, junk: what a registry export holds.
values = st.one_of(
    xs.resident_ids(born=BORN).map(str),
    xs.registry_numbers(born=BORN).map(str),
    xs.resident_ids(documents=(Document.MAINLAND,), region_codes=RENAMED, born=BORN).map(str),
    xs.registry_numbers(kinds=LOCATED, region_codes=RENAMED, born=BORN).map(str),
    xs.resident_id_texts(messy=True, ids=xs.resident_ids(born=BORN)),
    xs.registry_number_texts(messy=True, numbers=xs.registry_numbers(born=BORN)),
    xs.invalid_resident_id_texts().map(lambda invalid: invalid.text),
    xs.invalid_registry_number_texts().map(lambda invalid: invalid.text),
    st.integers(0, len(JUNK) - 1).map(JUNK.__getitem__),
)
ON = st.dates(datetime.date(1840, 1, 1), datetime.date(2100, 12, 31))
EXPECT = st.sampled_from([None, *Kind])


def expected(
    value: object,
    *,
    on: datetime.date,
    as_of: datetime.date | None,
    regions: RegionPolicy,
    expect: Kind | None,
) -> dict[str, Any]:
    """One row's fields, from the scalar API."""
    result = check(value, as_of=as_of, regions=regions, expect=expect)
    row: dict[str, Any] = dict.fromkeys(FIELD_NAMES)
    row.update(
        value=result.value,
        ok=result.ok,
        reason=None if result.ok else result.problems[0].reason.value,
        kind=None if result.kind is None else result.kind.value,
    )
    text: Any = value
    if not result.ok or result.kind is Kind.SCHOOL_CODE:
        return row
    if result.kind is Kind.RESIDENT_ID:
        rid: ResidentID | None = ResidentID.parse(text, as_of=as_of, regions=regions)
        number = None
    else:
        number = RegistryNumber.parse(text, as_of=as_of, regions=regions)
        rid = number.resident_id
        row["registry_kind"] = number.kind.value
    if rid is not None:
        names = rid.region
        row.update(
            value=rid.value if number is None else number.value,
            document=rid.document.value,
            birth_date=rid.birth_date,
            sex=rid.sex.value,
            region_code=rid.region_code,
            nationality=rid.nationality,
        )
        with contextlib.suppress(DateBeforeBirth):
            row["age"] = rid.age_on(on)
    else:
        assert number is not None
        born = number.birth_date
        # An L or J number's names: those of its code in its birth year, the permits'
        # codes named as the permits are (ResidentID.region).
        names = region(number.region_code, year=born.year)
        if number.region_code in ("810000", "820000", "830000"):
            names = make_resident_id(
                region_code=number.region_code, birth_date=born, sequence=1
            ).region
        row.update(birth_date=born, region_code=number.region_code)
        if on >= born:
            row["age"] = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if names is not None:
        row.update(province=names.province, prefecture=names.prefecture, county=names.county)
    return row


def rows_of(fields: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(fields, row, strict=True)) for row in zip(*fields.values(), strict=True)]


@settings(max_examples=60)
@given(
    column=st.lists(values, max_size=30),
    on=ON,
    as_of=AS_OF,
    regions=st.sampled_from(RegionPolicy),
    expect=EXPECT,
    vectorise=st.booleans(),
)
def test_every_field_of_every_row_is_what_the_scalar_values_say(
    column: list[object],
    on: datetime.date,
    as_of: datetime.date | None,
    regions: RegionPolicy,
    expect: Kind | None,
    vectorise: bool,
) -> None:
    options: dict[str, Any] = {"as_of": as_of, "regions": regions, "expect": expect}
    found = extract_fields(column, on=on, vectorise=vectorise, **options)
    assert found.rows == len(column)
    assert list(found) == list(FIELD_NAMES)
    assert rows_of(found.to_dict()) == [expected(v, on=on, **options) for v in column]


@settings(max_examples=40)
@given(
    column=st.lists(values, min_size=1, max_size=30),
    on=ON,
    regions=st.sampled_from(RegionPolicy),
    fields=st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=5, unique=True),
)
def test_both_paths_give_the_same_columns_and_codes(
    column: list[object], on: datetime.date, regions: RegionPolicy, fields: list[str]
) -> None:
    vector = extract_fields(column, fields=fields, on=on, regions=regions, vectorise=True)
    scalar = extract_fields(column, fields=fields, on=on, regions=regions, vectorise=False)
    assert list(vector) == list(scalar) == fields
    assert vector.to_dict() == scalar.to_dict()
    for name in fields:
        if name in ("value", "ok", "birth_date", "age"):
            continue
        codes, categories = vector.codes(name)
        assert scalar.codes(name) == (codes.tolist(), categories)
        values_of = [None if code < 0 else categories[code] for code in codes.tolist()]
        assert values_of == scalar.to_dict()[name]


@settings(max_examples=30)
@given(column=st.lists(values.filter(lambda v: isinstance(v, str)), max_size=30), on=ON)
def test_a_numpy_string_array_gives_the_fields_of_the_text_it_holds(
    column: list[str], on: datetime.date
) -> None:
    # numpy's U dtype drops trailing NULs: compare with what the array holds.
    array = np.array(column, dtype=str)
    found = extract_fields(array, on=on)
    assert found.to_dict() == extract_fields(array.tolist(), on=on, vectorise=False).to_dict()


@settings(max_examples=40)
@given(
    code=st.sampled_from(RENAMED),
    days=st.lists(st.dates(*BORN), min_size=2, max_size=20),
    kind=st.sampled_from([None, *LOCATED]),
)
def test_numbers_of_one_region_code_are_named_as_in_force_in_their_own_birth_year(
    code: str, days: list[datetime.date], kind: RegistryKind | None
) -> None:
    # One code, many birth years: rows that share a code must not share a name by mistake.
    if kind is None:
        column = [str(make_resident_id(region_code=code, birth_date=d, sequence=1)) for d in days]
    else:
        column = [
            str(make_registry_number(kind, region_code=code, birth_date=d, sequence=1))
            for d in days
        ]
    found = extract_fields(column, fields=LEVELS).to_dict()
    for i, day in enumerate(days):
        names = region(code, year=day.year)
        assert names is not None
        assert [found[level][i] for level in LEVELS] == [
            names.province,
            names.prefecture,
            names.county,
        ]
