"""The pandas accessor ``Series.xueji``: the checks and fields of a column, in pandas' dtypes.

``import xueji.pandas`` registers it through pandas' extension API; importing it again
changes nothing, and ``import xueji`` never imports pandas. Every method reads the whole
column at once (`extract_fields`) and returns a Series with the column's index and name:

| method | dtype |
|---|---|
| `is_valid`, `meets_age` | ``boolean`` (nullable; `is_valid` is never null) |
| `clean` | ``string`` |
| `birth_date` | ``datetime64[s]`` (NaT for null) |
| `age_on` | ``Int64`` |
| `reason`, `kind`, `document`, `registry_kind`, `sex`, `region_code`, names | ``category`` |

`check` gives the column's [`Report`][xueji.Report]; `extract` gives several fields as a
data frame, in one pass.

Examples:
    >>> import pandas as pd
    >>> import xueji.pandas
    >>> rid = pd.Series(["11010519491231002X", "110105194912310021", None], index=[7, 8, 9])
    >>> rid.xueji.is_valid()
    7     True
    8    False
    9    False
    dtype: boolean
    >>> rid.xueji.reason().tolist(), str(rid.xueji.reason().dtype)
    ([nan, 'checksum', 'missing'], 'category')
    >>> rid.xueji.extract("birth_date", "county")
      birth_date county
    7 1949-12-31    朝阳区
    8        NaT    NaN
    9        NaT    NaN
"""

from __future__ import annotations

import datetime
from typing import Any, Final, Unpack

import numpy as np

try:
    import pandas as pd
except ImportError as error:  # say which extra brings it
    message = "xueji.pandas needs pandas: pip install 'xueji[pandas]'"
    raise ImportError(message, name="pandas") from error

from xueji._accessor import Accessor, Field, Options
from xueji.columns import Report, check_many
from xueji.fields import Fields, extract_fields

__all__ = ["SeriesAccessor"]

_NAME: Final = "xueji"


class SeriesAccessor(Accessor[pd.Series]):
    """``series.xueji``: see the module, and the methods below."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def _wrap(self, data: Any) -> pd.Series:
        return pd.Series(data, index=self._series.index, name=self._series.name, copy=False)

    def _column(self, field: Field) -> pd.Series:
        name, options, on, years = field
        if years is not None:
            found = extract_fields(self._series, fields=("birth_date", "age"), on=on, **options)
            ages = found["age"]
            meets = ~np.ma.getmaskarray(ages) & (ages.data >= years)
            return self._wrap(pd.arrays.BooleanArray(meets, np.isnat(found["birth_date"])))
        found = extract_fields(self._series, fields=(name,), on=on, **options)
        return self._wrap(_array(found, name))

    def check(self, **options: Unpack[Options]) -> Report:
        """The column's [`Report`][xueji.Report]: `check_many` of its values."""
        return check_many(self._series, **options)

    def extract(
        self, *fields: str, on: datetime.date | None = None, **options: Unpack[Options]
    ) -> pd.DataFrame:
        """The ``fields`` (names of `FIELD_NAMES`; by default all, ``age`` only with ``on``)
        as a data frame with the column's index, in one pass over the column."""
        found = extract_fields(self._series, fields=fields or None, on=on, **options)
        columns = {name: _array(found, name) for name in found}
        return pd.DataFrame(columns, index=self._series.index, copy=False)


def _array(found: Fields, name: str) -> Any:
    """A field as the pandas array of its dtype."""
    if name == "value":
        return pd.array(found[name], dtype="string")
    if name == "ok":
        return pd.array(found[name], dtype="boolean")
    if name == "birth_date":
        return np.asarray(found[name], dtype="datetime64[D]").astype("datetime64[s]")
    if name == "age":
        ages = found[name]
        return pd.arrays.IntegerArray(ages.data.astype(np.int64), np.ma.getmaskarray(ages))
    codes, categories = found.codes(name)
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(categories)))


# Registered once: importing the module again (a reload) leaves the accessor as it is,
# rather than replacing it with a warning.
if _NAME not in pd.Series.__dict__:
    pd.api.extensions.register_series_accessor(_NAME)(SeriesAccessor)
