"""The data-frame accessors: ``Series.xueji`` of pandas, ``Series.xueji`` and ``Expr.xueji`` of
polars.

Each method gives the field `extract_fields` gives, in the library's own dtypes, with the
rows (and the pandas index) of the column it reads; neither module is imported by
``import xueji``; registering is idempotent and silent.
"""

from __future__ import annotations

import datetime
import importlib
import math
import subprocess
import sys
import warnings
from typing import Any

import pandas as pd
import polars as pl
import pytest
from texts import EXAMPLE, with_check

import xueji.pandas
import xueji.polars
from xueji import (
    FIELD_NAMES,
    InvalidValue,
    Kind,
    Reason,
    check_many,
    extract_fields,
    meets_age,
)

ON = datetime.date(2026, 11, 28)
COLUMN: list[str | None] = [
    EXAMPLE,
    "110105194912310021",
    None,
    "L110105201509010123",
    " g11010519491231002x ",
    with_check("12011019850101001"),
    "911398199012310021",
]
INDEX = [30, 10, 20, 70, 60, 50, 40]
#: Accessor method -> field, for the methods that take only the options.
METHODS = {
    "is_valid": "ok",
    "clean": "value",
    "reason": "reason",
    "kind": "kind",
    "document": "document",
    "registry_kind": "registry_kind",
    "birth_date": "birth_date",
    "sex": "sex",
    "region_code": "region_code",
    "province": "province",
    "prefecture": "prefecture",
    "county": "county",
    "nationality": "nationality",
}
PANDAS_DTYPES = {
    "ok": "boolean",
    "value": "string",
    "birth_date": "datetime64[s]",
    "age": "Int64",
}
POLARS_ENUMS = {"reason", "kind", "document", "registry_kind", "sex"}
POLARS_DTYPES = {"ok": pl.Boolean, "value": pl.String, "birth_date": pl.Date, "age": pl.Int64}


def on_expr(expr: pl.Expr) -> xueji.polars.ExprNamespace:
    """``expr.xueji``, typed: polars' own types do not know the registered namespace."""
    return expr.xueji  # type: ignore[attr-defined,no-any-return]


def on_series(series: pl.Series) -> xueji.polars.SeriesNamespace:
    """``series.xueji``, typed."""
    return series.xueji  # type: ignore[attr-defined,no-any-return]


def pandas_values(series: pd.Series) -> list[Any]:
    """A pandas column as plain Python values, None for every kind of missing."""
    out: list[Any] = []
    for value in series.tolist():
        if value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            out.append(None)
        elif isinstance(value, pd.Timestamp):
            out.append(value.date())
        else:
            out.append(value)
    return out


def expected(name: str, column: list[Any], **options: Any) -> list[Any]:
    return extract_fields(column, fields=(name,), **options).to_dict()[name]


# -- neither is imported by xueji; registering is silent and idempotent -------------------


def test_import_xueji_imports_neither_accessor_nor_its_library() -> None:
    code = (
        "import sys, xueji\n"
        "xueji.extract_fields(['11010519491231002X'])\n"
        "xueji.check_many(['11010519491231002X'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'polars')"
        " or m in ('xueji.pandas', 'xueji.polars')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_importing_the_accessors_warns_nothing_even_with_warnings_as_errors() -> None:
    code = (
        "import xueji.pandas, xueji.polars, pandas as pd, polars as pl\n"
        "assert pd.Series(['11010519491231002X']).xueji.is_valid().all()\n"
        "assert pl.Series(['11010519491231002X']).xueji.is_valid().all()\n"
    )
    subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, check=True, timeout=60
    )


@pytest.mark.parametrize("module", [xueji.pandas, xueji.polars])
def test_importing_an_accessor_again_changes_nothing_and_warns_nothing(module: Any) -> None:
    before = (pd.Series.xueji, pl.Series.xueji, pl.Expr.xueji)  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        importlib.reload(module)
    assert (pd.Series.xueji, pl.Series.xueji, pl.Expr.xueji) == before  # type: ignore[attr-defined]
    assert pd.Series(COLUMN).xueji.is_valid().tolist()[:3] == [True, False, False]


# -- pandas ---------------------------------------------------------------------------------


@pytest.fixture
def series() -> pd.Series:
    return pd.Series(COLUMN, index=INDEX, name="rid")


@pytest.mark.parametrize("method", sorted(METHODS))
def test_a_pandas_method_gives_its_field_with_the_index_name_and_dtype(
    series: pd.Series, method: str
) -> None:
    name = METHODS[method]
    result = getattr(series.xueji, method)()
    assert result.index.tolist() == INDEX
    assert result.name == "rid"
    assert str(result.dtype) == PANDAS_DTYPES.get(name, "category")
    assert pandas_values(result) == expected(name, COLUMN)


def test_pandas_categories_of_an_enum_are_every_value_and_of_names_the_present_ones(
    series: pd.Series,
) -> None:
    assert series.xueji.sex().cat.categories.tolist() == ["1", "2"]
    assert len(series.xueji.document().cat.categories) == 5
    assert series.xueji.county().cat.categories.tolist() == sorted(["朝阳区", "东郊区"])


def test_the_pandas_age_and_entry_age_are_nullable(series: pd.Series) -> None:
    ages = series.xueji.age_on(ON)
    assert str(ages.dtype) == "Int64"
    assert pandas_values(ages) == expected("age", COLUMN, on=ON)
    cut_off = datetime.date(2021, 8, 31)
    meets = series.xueji.meets_age(years=6, by=cut_off)
    assert str(meets.dtype) == "boolean"
    born = expected("birth_date", COLUMN)
    assert pandas_values(meets) == [
        None if day is None else meets_age(day, years=6, by=cut_off) for day in born
    ]
    assert pandas_values(meets) == [True, None, None, False, True, True, True]


def test_pandas_extract_gives_a_frame_of_every_field_in_one_pass(series: pd.Series) -> None:
    frame = series.xueji.extract(on=ON)
    assert frame.columns.tolist() == list(FIELD_NAMES)
    assert frame.index.tolist() == INDEX
    found = extract_fields(COLUMN, on=ON).to_dict()
    for name in FIELD_NAMES:
        assert pandas_values(frame[name]) == found[name], name
    assert series.xueji.extract("sex", "ok").columns.tolist() == ["sex", "ok"]


def test_pandas_check_gives_the_report_of_check_many(series: pd.Series) -> None:
    report = series.xueji.check(expect=Kind.REGISTRY_NUMBER)
    assert list(report) == list(check_many(COLUMN, expect=Kind.REGISTRY_NUMBER))


def test_the_options_of_check_reach_every_method(series: pd.Series) -> None:
    early = datetime.date(1949, 12, 30)
    assert series.xueji.reason(as_of=early).tolist()[0] == Reason.FUTURE_BIRTH_DATE.value
    assert series.xueji.is_valid(expect=Kind.REGISTRY_NUMBER).tolist()[0] is False


# -- polars ---------------------------------------------------------------------------------


def polars_dtype(name: str) -> Any:
    if name in POLARS_ENUMS:
        return pl.Enum
    return POLARS_DTYPES.get(name, pl.Categorical)


@pytest.fixture
def frame() -> pl.DataFrame:
    return pl.DataFrame({"rid": COLUMN}, schema={"rid": pl.String})


@pytest.mark.parametrize("method", sorted(METHODS))
def test_a_polars_expression_and_series_method_give_its_field_in_its_dtype(
    frame: pl.DataFrame, method: str
) -> None:
    name = METHODS[method]
    selected = frame.select(getattr(on_expr(pl.col("rid")), method)()).to_series()
    direct = getattr(on_series(frame["rid"]), method)()
    for result in (selected, direct):
        assert result.name == "rid"
        assert isinstance(result.dtype, polars_dtype(name)), result.dtype
        assert result.to_list() == expected(name, COLUMN)


def test_polars_expressions_work_in_with_columns_filter_group_by_and_lazily(
    frame: pl.DataFrame,
) -> None:
    rid = on_expr(pl.col("rid"))
    wide = frame.with_columns(rid.province().alias("province"), rid.age_on(ON).alias("age"))
    assert wide["age"].to_list() == expected("age", COLUMN, on=ON)
    assert frame.filter(rid.is_valid()).height == sum(expected("ok", COLUMN))
    lazy = frame.lazy().select(rid.birth_date()).collect()
    assert lazy["rid"].to_list() == expected("birth_date", COLUMN)
    counts = frame.group_by(rid.province().alias("p")).len().rows()
    assert sorted(counts, key=str) == sorted([("北京市", 4), ("天津市", 1), (None, 2)], key=str)


def test_polars_extract_gives_a_struct_or_a_frame_of_the_fields(frame: pl.DataFrame) -> None:
    found = extract_fields(COLUMN, on=ON).to_dict()
    unnested = frame.select(on_expr(pl.col("rid")).extract(on=ON)).unnest("rid")
    direct = on_series(frame["rid"]).extract(on=ON)
    for result in (unnested, direct):
        assert result.columns == list(FIELD_NAMES)
        assert {name: result[name].to_list() for name in FIELD_NAMES} == found
    some = frame.select(on_expr(pl.col("rid")).extract("sex", "ok")).unnest("rid")
    assert some.columns == ["sex", "ok"]


def test_the_polars_entry_age_is_null_without_a_birth_date(frame: pl.DataFrame) -> None:
    cut_off = datetime.date(2021, 8, 31)
    meets = frame.select(on_expr(pl.col("rid")).meets_age(years=6, by=cut_off)).to_series()
    assert meets.dtype == pl.Boolean
    assert meets.to_list() == [True, None, None, False, True, True, True]
    assert on_series(frame["rid"]).meets_age(years=6, by=cut_off).to_list() == meets.to_list()


def test_a_polars_column_that_starts_with_a_null_gives_its_text() -> None:
    column = pl.Series("rid", [None, EXAMPLE], dtype=pl.String)
    assert on_series(column).clean().to_list() == [None, EXAMPLE]
    assert on_series(column).clean().dtype == pl.String


def test_polars_check_gives_the_report_of_check_many(frame: pl.DataFrame) -> None:
    assert list(on_series(frame["rid"]).check()) == list(check_many(COLUMN))


def test_wrong_options_fail_when_the_expression_is_built_not_when_it_runs() -> None:
    with pytest.raises(InvalidValue):
        on_expr(pl.col("rid")).age_on("2026-11-28")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        on_expr(pl.col("rid")).extract("birthday")
    with pytest.raises(InvalidValue):
        on_expr(pl.col("rid")).meets_age(years=-1, by=ON)
    with pytest.raises(InvalidValue):
        pd.Series(COLUMN).xueji.meets_age(years=6.0, by=ON)


def test_the_polars_accessor_works_on_the_row_by_row_path_too(
    frame: pl.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    # polars needs no numpy: without it, the fields come as lists from the scalar path.
    wanted = frame.select(on_expr(pl.col("rid")).extract(on=ON)).unnest("rid")
    monkeypatch.setitem(sys.modules, "xueji._fields", None)
    monkeypatch.delattr(xueji, "_fields", raising=False)
    assert isinstance(extract_fields(COLUMN)["sex"], list)
    found = frame.select(on_expr(pl.col("rid")).extract(on=ON)).unnest("rid")
    assert found.equals(wanted)
    assert found.schema == wanted.schema


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_an_accessor_without_its_library_names_the_library_it_needs(library: str) -> None:
    code = (
        f"import sys; sys.modules[{library!r}] = None\n"
        "try:\n"
        f"    import xueji.{library}\n"
        "except ImportError as error:\n"
        "    print(error.name, type(error.__cause__).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # The error names the library, and is raised over the original one, with its message.
    assert out.stdout.split() == [library, "ModuleNotFoundError"]
