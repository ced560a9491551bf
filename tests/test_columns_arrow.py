"""The mask a data frame uses, and columns read from their Arrow buffers.

`Report.ok_array()` is `ok_mask()` as a numpy bool array, built from the row codes
without a loop over the rows. On the numpy path, a column stored in Arrow (a polars
``Series`` of strings, a pandas ``string[pyarrow]`` column, a pyarrow array) is read from
its buffers through the Arrow C data interface, never through a Python object per row:
its report must be the report of the same values as a list, in every view.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from registry_cast import explained
from texts import EXAMPLE, with_check

import xueji
from xueji import Reason, Report, check_many
from xueji._vector import arrow_column
from xueji.columns import _stored_in_arrow

RETIRED = with_check("11010320150301012")
TEXTS: list[str | None] = [
    EXAMPLE,
    EXAMPLE[:17] + "1",  # checksum
    None,
    EXAMPLE.lower(),  # cleaned by the scalar path
    "",
    "110105194912310000",  # float damage
    RETIRED,
    "G" + EXAMPLE,
    "１１０１０５１９４９１２３１００２Ｘ",  # full width: 18 characters, 54 bytes
    "é" * 6,  # 6 characters, 12 bytes: inside a polars view
    "é" * 9,  # 9 characters, 18 bytes: the length of an ID in bytes
    "a rather long text that is no number at all",
    EXAMPLE[:17],
    "2111010001",
    None,
    "\n",
    EXAMPLE + "\n",
]


def assert_same_as_the_list(report: Report, texts: list[str | None]) -> None:
    expected = check_many(texts, vectorise=False)
    assert list(report) == list(expected)
    assert report.summary() == expected.summary()
    assert report.ok_mask() == expected.ok_mask()
    assert report.ok_array().tolist() == expected.ok_mask()
    assert report.values() == expected.values()
    assert list(report.problems()) == list(expected.problems())
    assert report.to_records() == expected.to_records()


def chunked_polars(texts: list[str | None]) -> Any:
    half = len(texts) // 2
    series = pl.concat([pl.Series(texts[:half]), pl.Series(texts[half:])], rechunk=False)
    assert series.n_chunks() == 2
    return series


COLUMNS: dict[str, Callable[[list[str | None]], Any]] = {
    "polars": pl.Series,
    "polars, two chunks": chunked_polars,
    "pandas string[pyarrow]": lambda t: pd.Series(t, dtype="string[pyarrow]"),
    "pandas ArrowDtype(large_string)": lambda t: pd.Series(
        t, dtype=pd.ArrowDtype(pa.large_string())
    ),
    "pyarrow string": lambda t: pa.array(t, pa.string()),
    "pyarrow large_string": lambda t: pa.array(t, pa.large_string()),
    "pyarrow string_view": lambda t: pa.array(t, pa.string_view()),
    "pyarrow chunked": lambda t: pa.chunked_array([t[:5], t[5:]], pa.string()),
}


@pytest.mark.parametrize("make", COLUMNS.values(), ids=list(COLUMNS))
def test_an_arrow_column_gives_the_report_of_its_values_as_a_list(
    make: Callable[[list[str | None]], Any],
) -> None:
    assert_same_as_the_list(check_many(make(TEXTS), vectorise=True), TEXTS)


@pytest.mark.parametrize("make", COLUMNS.values(), ids=list(COLUMNS))
def test_a_slice_of_an_arrow_column_starts_at_its_own_first_row(
    make: Callable[[list[str | None]], Any],
) -> None:
    column = make(TEXTS)
    part = column[3:11] if not isinstance(column, pd.Series) else column.iloc[3:11]
    assert_same_as_the_list(check_many(part, vectorise=True), TEXTS[3:11])


@pytest.mark.parametrize("make", COLUMNS.values(), ids=list(COLUMNS))
def test_an_arrow_column_is_decoded_row_by_row_and_whole_as_it_was_written(
    make: Callable[[list[str | None]], Any],
) -> None:
    column = arrow_column(make(TEXTS))
    assert column is not None
    assert len(column) == len(TEXTS)
    assert column.tolist() == TEXTS
    assert [column[i] for i in range(len(TEXTS))] == TEXTS
    assert list(column[2:6]) == TEXTS[2:6]


def test_a_polars_column_is_read_without_a_python_object_per_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a row was read as a Python object")

    series = pl.Series(TEXTS * 3)
    for name in ("to_list", "__iter__", "__getitem__", "to_numpy", "to_arrow"):
        monkeypatch.setattr(pl.Series, name, refuse)
    report = check_many(series, vectorise=True)
    assert report.ok_array().tolist() == check_many(TEXTS * 3, vectorise=False).ok_mask()
    assert report.summary() == check_many(TEXTS * 3, vectorise=False).summary()


@pytest.mark.parametrize("make", COLUMNS.values(), ids=list(COLUMNS))
def test_a_large_arrow_column_takes_the_arrow_path_by_default(
    make: Callable[[list[str | None]], Any],
) -> None:
    # Pandas columns too, told apart by their dtype: Arrow strings (storage "pyarrow") and
    # ArrowDtype columns; pandas is not imported to tell.
    texts = TEXTS * 1_500  # 25,500 rows: above the 20,000-row threshold
    report = check_many(make(texts))
    assert isinstance(report._values, type(arrow_column(pl.Series(["x"]))))
    assert report.ok_array().tolist() == check_many(texts, vectorise=False).ok_mask()


@pytest.mark.parametrize(
    "column",
    [
        pl.Series(["a", "b", "a"], dtype=pl.Categorical),
        pl.Series([1, 2, None]),
        pl.Series([b"11010519491231002X", None]),
        pa.array([1, 2, None]),
    ],
    ids=["polars categorical", "polars integers", "polars binary", "pyarrow integers"],
)
def test_a_column_that_is_no_arrow_string_column_is_read_as_before(column: Any) -> None:
    values = column.to_pylist() if isinstance(column, pa.Array) else column.to_list()
    assert arrow_column(column) is None
    report = check_many(column, vectorise=True)
    assert list(report) == list(check_many(values, vectorise=False))


@pytest.mark.parametrize("dtype", ["string[python]", "object"])
def test_a_pandas_column_of_python_strings_is_read_as_a_list(dtype: str) -> None:
    # Asking pandas for Arrow buffers would convert every string first: slower than a list.
    column = pd.Series(TEXTS, dtype=dtype)
    assert not _stored_in_arrow(column)
    assert_same_as_the_list(check_many(column, vectorise=True), column.tolist())


def test_an_empty_arrow_column_gives_an_empty_report() -> None:
    report = check_many(pl.Series([], dtype=pl.String), vectorise=True)
    assert len(report) == 0
    assert report.ok_array().tolist() == []


def test_registry_numbers_in_an_arrow_column_are_checked_as_in_a_list() -> None:
    texts = ["G" + EXAMPLE, "G" + EXAMPLE[:17] + "1", "L110105194912310011", None, EXAMPLE]
    report = check_many(pl.Series(texts), vectorise=True, expect=None)
    assert list(report) == list(check_many(texts, vectorise=False))


# -- ok_array ----------------------------------------------------------------------------


def test_ok_array_is_a_numpy_bool_mask_a_data_frame_can_filter_with() -> None:
    texts = [EXAMPLE, EXAMPLE[:17] + "1", None, " " + EXAMPLE]
    mask = check_many(texts).ok_array()
    assert isinstance(mask, np.ndarray)
    assert (mask.dtype, mask.shape) == (np.dtype(bool), (4,))
    frame = pd.DataFrame({"sfzh": texts, "row": range(4)})
    assert frame[mask]["row"].tolist() == [0, 3]
    polars_frame = pl.DataFrame({"sfzh": texts, "row": range(4)})
    assert polars_frame.filter(mask)["row"].to_list() == [0, 3]


def test_ok_array_is_a_new_array_each_time() -> None:
    report = check_many([EXAMPLE, None], vectorise=True)
    first = report.ok_array()
    first[:] = False
    assert report.ok_array().tolist() == [True, False]


def test_without_numpy_check_many_works_and_ok_array_says_numpy_is_missing() -> None:
    code = (
        "import sys\n"
        "sys.modules['numpy'] = None  # as if it were not installed\n"
        "from xueji import check_many\n"
        f"report = check_many(['{EXAMPLE}', None] * 15000)\n"
        "assert report.ok_mask()[:2] == [True, False]\n"
        "try:\n"
        "    report.ok_array()\n"
        "except ImportError as missing:\n"
        "    print(missing.name, type(missing.__cause__).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["numpy", "ModuleNotFoundError"]


def test_ok_array_without_numpy_raises_an_import_error_that_names_numpy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In process (the test above runs a fresh interpreter): the same refusal, its cause kept.
    report = check_many([EXAMPLE, None], vectorise=False)
    monkeypatch.delattr(xueji, "_vector", raising=False)
    monkeypatch.setitem(sys.modules, "xueji._vector", None)
    with pytest.raises(ImportError) as excinfo:
        report.ok_array()
    assert excinfo.value.name == "numpy"
    assert isinstance(excinfo.value.__cause__, ImportError)
    assert explained(excinfo.value)
    assert report.ok_mask() == [True, False]


def test_a_missing_row_of_an_arrow_column_is_missing() -> None:
    report = check_many(pl.Series([None, EXAMPLE]), vectorise=True)
    assert [p.reason for p in report[0].problems] == [Reason.MISSING]
