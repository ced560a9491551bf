"""The polars namespaces ``Series.xueji`` and ``Expr.xueji``: checks and fields in polars' dtypes.

``import xueji.polars`` registers both through polars' own registration API; importing it
again changes nothing, and ``import xueji`` never imports polars. The expressions work in
``select``, ``with_columns`` and ``filter``, and keep the name of the column they read:

| method | dtype |
|---|---|
| `is_valid`, `meets_age` | ``Boolean`` (`is_valid` is never null) |
| `clean` | ``String`` |
| `birth_date` | ``Date`` |
| `age_on` | ``Int64`` |
| `reason`, `kind`, `document`, `registry_kind`, `sex` | ``Enum`` of every value |
| `region_code`, the names, `nationality` | ``Categorical`` |

`extract` gives several fields in one pass: a data frame from a Series, a struct from an
expression (``.struct.unnest()`` makes columns of it). `Series.xueji.check` gives the
column's [`Report`][xueji.Report].

Examples:
    >>> import polars as pl
    >>> import xueji.polars
    >>> frame = pl.DataFrame({"rid": ["11010519491231002X", "110105194912310021", None]})
    >>> frame.select(pl.col("rid").xueji.birth_date()).to_series().to_list()
    [datetime.date(1949, 12, 31), None, None]
    >>> frame.select(pl.col("rid").xueji.extract("ok", "reason", "sex")).unnest("rid").rows()
    [(True, None, '2'), (False, 'checksum', None), (False, 'missing', None)]
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Final, Unpack

try:
    import polars as pl
except ImportError as error:  # say which extra brings it
    message = "xueji.polars needs polars: pip install 'xueji[polars]'"
    raise ImportError(message, name="polars") from error

from xueji._accessor import Accessor, Field, Options
from xueji.checks import Kind
from xueji.columns import Report, check_many
from xueji.errors import Reason
from xueji.fields import FIELD_NAMES, Fields, extract_fields
from xueji.registry_number import RegistryKind
from xueji.resident_id import Document, Sex

__all__ = ["ExprNamespace", "SeriesNamespace"]

_NAME: Final = "xueji"
_DTYPES: Final[dict[str, pl.DataType]] = {
    "value": pl.String(),
    "ok": pl.Boolean(),
    "meets_age": pl.Boolean(),
    "birth_date": pl.Date(),
    "age": pl.Int64(),
    # Enumerations, whose every value is known in advance: an Enum.
    "reason": pl.Enum([reason.value for reason in Reason]),
    "kind": pl.Enum([kind.value for kind in Kind]),
    "document": pl.Enum([document.value for document in Document]),
    "registry_kind": pl.Enum([kind.value for kind in RegistryKind]),
    "sex": pl.Enum([sex.value for sex in Sex]),
}


def _dtype(name: str) -> pl.DataType:
    # Region codes, names and nationalities are open sets: Categorical.
    return _DTYPES.get(name, pl.Categorical())


def _series(found: Fields, name: str, label: str) -> pl.Series:
    """A field as a polars Series of its dtype."""
    dtype = _dtype(name)
    if name in _DTYPES and not isinstance(dtype, pl.Enum):
        data = found[name]
        if getattr(getattr(data, "dtype", None), "kind", None) == "O":  # text: read from a list
            data = data.tolist()
        return pl.Series(label, data, dtype=dtype)
    codes, categories = found.codes(name)
    index = pl.Series(codes, dtype=pl.Int32)
    index = pl.select(pl.when(index >= 0).then(index)).to_series()  # -1: null
    return pl.Series(label, categories, dtype=pl.String).gather(index).cast(dtype)


def _field(series: pl.Series, field: Field) -> pl.Series:
    name, options, on, years = field
    if years is None:
        return _series(extract_fields(series, fields=(name,), on=on, **options), name, series.name)
    found = extract_fields(series, fields=("birth_date", "age"), on=on, **options)
    parts = pl.DataFrame([_series(found, "birth_date", "born"), _series(found, "age", "age")])
    # Null without a birth date; False for a birth after the day (no age).
    old_enough = (pl.col("age") >= years).fill_null(value=False)
    meets = pl.when(pl.col("born").is_not_null()).then(old_enough)
    return parts.select(meets.alias(series.name)).to_series()


def _asked(fields: Sequence[str], on: datetime.date | None) -> tuple[str, ...]:
    return tuple(fields) or tuple(name for name in FIELD_NAMES if name != "age" or on is not None)


class SeriesNamespace(Accessor[pl.Series]):
    """``series.xueji``: see the module, and the methods below."""

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def _column(self, field: Field) -> pl.Series:
        return _field(self._series, field)

    def check(self, **options: Unpack[Options]) -> Report:
        """The column's [`Report`][xueji.Report]: `check_many` of its values."""
        return check_many(self._series, **options)

    def extract(
        self, *fields: str, on: datetime.date | None = None, **options: Unpack[Options]
    ) -> pl.DataFrame:
        """The ``fields`` (names of `FIELD_NAMES`; by default all, ``age`` only with ``on``)
        as a data frame, in one pass over the column."""
        found = extract_fields(self._series, fields=_asked(fields, on), on=on, **options)
        return pl.DataFrame([_series(found, name, name) for name in found])


class ExprNamespace(Accessor[pl.Expr]):
    """``pl.col(...).xueji``: the same fields as expressions (see the module)."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _column(self, field: Field) -> pl.Expr:
        asked = ("birth_date", "age") if field.years is not None else (field.name,)
        # Wrong options fail here, when the expression is built, not when it runs.
        extract_fields((), fields=asked, on=field.on, **field.options)

        def compute(series: pl.Series) -> pl.Series:
            return _field(series, field)

        return self._expr.map_batches(compute, return_dtype=_dtype(field.name), is_elementwise=True)

    def extract(
        self, *fields: str, on: datetime.date | None = None, **options: Unpack[Options]
    ) -> pl.Expr:
        """The ``fields`` as one struct column (by default all, ``age`` only with ``on``),
        in one pass; ``.struct.unnest()`` makes a column of each."""
        asked = _asked(fields, on)
        extract_fields((), fields=asked, on=on, **options)  # wrong options fail here, not later

        def compute(series: pl.Series) -> pl.Series:
            found = extract_fields(series, fields=asked, on=on, **options)
            return pl.DataFrame([_series(found, name, name) for name in asked]).to_struct(
                series.name
            )

        dtype = pl.Struct({name: _dtype(name) for name in asked})
        return self._expr.map_batches(compute, return_dtype=dtype, is_elementwise=True)


# Registered once: importing the module again (a reload) leaves the namespaces as they
# are, rather than replacing them with a warning.
if not hasattr(pl.Series, _NAME):
    pl.api.register_series_namespace(_NAME)(SeriesNamespace)
if not hasattr(pl.Expr, _NAME):
    pl.api.register_expr_namespace(_NAME)(ExprNamespace)
