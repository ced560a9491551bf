"""Properties of `check_many`: the vectorised path (numpy, `xueji._vector`) is the
mirror of the validation core, so its report equals the scalar path's, row by row and in
every view, and each row is `check` run alone; whatever the options and the input.

Valid numbers come from `xueji.strategies` (through tests/texts.py), damaged in known
ways; the fixed junk rows and the comparison are those of tests/test_columns.py.
"""

from __future__ import annotations

import datetime

import numpy as np
import polars as pl
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from test_columns import JUNK, assert_same_report
from texts import AS_OF, any_text, check_char, damaged_ids, registry_texts

from xueji import Kind, RegionPolicy, check_many
from xueji import strategies as xs

values = st.one_of(
    damaged_ids().map(lambda pair: pair[0]),
    registry_texts(),
    any_text,
    st.integers(0, len(JUNK) - 1).map(JUNK.__getitem__),
)


@settings(max_examples=60)
@given(
    xs=st.lists(values, max_size=40),
    as_of=AS_OF,
    regions=st.sampled_from(RegionPolicy),
)
def test_the_vectorised_path_equals_the_scalar_path(
    xs: list[object], as_of: datetime.date | None, regions: RegionPolicy
) -> None:
    assert_same_report(xs, as_of=as_of, regions=regions)


@settings(max_examples=30)
@given(
    xs=st.lists(values, max_size=30),
    as_of=AS_OF,
    regions=st.sampled_from(RegionPolicy),
    expect=st.sampled_from(Kind),
)
def test_the_vectorise_option_never_changes_a_report_whatever_kind_is_expected(
    xs: list[object], as_of: datetime.date | None, regions: RegionPolicy, expect: Kind
) -> None:
    assert_same_report(xs, as_of=as_of, regions=regions, expect=expect)


@settings(max_examples=30)
@given(
    xs=st.lists(st.one_of(damaged_ids().map(lambda pair: pair[0]), st.text(max_size=20))),
    as_of=AS_OF,
    regions=st.sampled_from(RegionPolicy),
)
def test_the_vectorised_path_on_a_numpy_string_array_equals_the_scalar_path(
    xs: list[str], as_of: datetime.date | None, regions: RegionPolicy
) -> None:
    # numpy's U dtype drops trailing NULs: compare against what the array holds.
    array = np.array(xs, dtype=str)
    held = array.tolist()
    vector = check_many(array, vectorise=True, as_of=as_of, regions=regions)
    scalar = check_many(held, vectorise=False, as_of=as_of, regions=regions)
    assert list(vector) == list(scalar)
    assert vector.summary() == scalar.summary()
    assert vector.ok_mask() == scalar.ok_mask()
    assert vector.values() == scalar.values()


@settings(max_examples=30)
@given(
    cards=st.lists(
        st.builds(
            "9{:02d}{:03d}{}".format,
            st.integers(0, 99),
            st.integers(0, 999),
            xs.resident_ids().map(lambda rid: rid.value[6:17]),  # a real date and sequence
        ),
        min_size=1,
        max_size=20,
    ),
    regions=st.sampled_from(RegionPolicy),
)
def test_both_paths_judge_every_province_and_nationality_of_a_foreigners_card_alike(
    cards: list[str], regions: RegionPolicy
) -> None:
    # Any province (issuing or not) and any nationality (China's, unknown, known), with a
    # right check character, so that the region rules are what decides.
    texts: list[object] = [body + check_char(body) for body in cards]
    assert_same_report(texts, regions=regions)


texts_or_gaps = st.one_of(
    damaged_ids().map(lambda pair: pair[0]),
    registry_texts(),
    st.text(max_size=24),
    st.none(),
)


@settings(max_examples=30)
@given(xs=st.lists(texts_or_gaps, max_size=30), as_of=AS_OF, start=st.integers(0, 5))
def test_a_column_read_from_arrow_buffers_equals_the_list_path(
    xs: list[str | None], as_of: datetime.date | None, start: int
) -> None:
    # Polars keeps strings as views (short ones inline), pyarrow here with 32-bit offsets;
    # a slice starts inside the buffers.
    expected = check_many(xs[start:], vectorise=False, as_of=as_of)
    for column in (pl.Series(xs, dtype=pl.String)[start:], pa.array(xs, pa.string())[start:]):
        report = check_many(column, vectorise=True, as_of=as_of)
        assert list(report) == list(expected)
        assert report.values() == expected.values()
        assert report.ok_array().tolist() == expected.ok_mask()


@settings(max_examples=30)
@given(xs=st.lists(values, max_size=40), regions=st.sampled_from(RegionPolicy))
def test_ok_array_equals_ok_mask_on_both_paths(xs: list[object], regions: RegionPolicy) -> None:
    for vectorise in (False, True):
        report = check_many(xs, vectorise=vectorise, regions=regions)
        mask = report.ok_array()
        assert mask.dtype == np.dtype(bool)
        assert mask.tolist() == report.ok_mask() == [row.ok for row in report]
