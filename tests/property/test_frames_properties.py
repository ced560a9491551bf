"""The pandas and polars accessors on generated columns: every method of each gives what
`extract_fields` gives, over columns of numbers from `xueji.strategies` (valid, messy and
invalid) and missing values."""

from __future__ import annotations

import pandas as pd
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from test_frames import METHODS, expected, on_expr, on_series, pandas_values

from xueji import strategies as xs

values = st.one_of(
    xs.resident_id_texts(messy=True),
    xs.registry_number_texts(messy=True),
    xs.invalid_resident_id_texts().map(lambda invalid: invalid.text),
    st.none(),
)


@settings(max_examples=20)
@given(column=st.lists(values, max_size=20), method=st.sampled_from(sorted(METHODS)))
def test_every_accessor_gives_what_extract_fields_gives(
    column: list[str | None], method: str
) -> None:
    name = METHODS[method]
    want = expected(name, column)
    series = pd.Series(column, index=[f"r{i}" for i in range(len(column))], dtype=object)
    assert pandas_values(getattr(series.xueji, method)()) == want
    polars_series = pl.Series("c", column, dtype=pl.String)
    assert getattr(on_series(polars_series), method)().to_list() == want
    selected = pl.DataFrame([polars_series]).select(getattr(on_expr(pl.col("c")), method)())
    assert selected.to_series().to_list() == want
