"""The fields of a column of numbers, for every row at once: birth dates, sexes, regions, ages.

`extract_fields` reads a column of resident IDs or registry numbers (a list, a numpy
array, a pandas or polars Series) and returns one column per field, null wherever a row
has no such field: every field of an invalid row but ``ok``, ``reason`` and ``kind``; the
sex, document and nationality of an L or J number, which carry no person's sequence.
Validity is that of `check_many` (same options, same verdict); a valid row's fields equal
the scalar properties of its `ResidentID` or `RegistryNumber`.

With numpy installed the work is whole-array; without, or with ``vectorise=False``, it is
the scalar check and properties, row by row. The accessors of `xueji.pandas` and
`xueji.polars` are built on it.

| field | what it is, for a valid row |
|---|---|
| ``value`` | the canonical number, as `Check.value` (`Report.values`) |
| ``ok`` | no error found, as `Check.ok` (never null) |
| ``reason`` | for an invalid row, the reason of its error (`Reason` value); null for a valid one |
| ``kind`` | what the value is, as `Check.kind` (`Kind` value), invalid rows too |
| ``document`` | `ResidentID.document` (`Document` value); for a G number, its ID's |
| ``registry_kind`` | `RegistryNumber.kind`: ``G``, ``L`` or ``J`` |
| ``birth_date`` | `ResidentID.birth_date`, `RegistryNumber.birth_date` |
| ``sex`` | `ResidentID.sex` (`Sex` value: ``1`` male, ``2`` female) |
| ``region_code`` | `ResidentID.region_code`, `RegistryNumber.region_code` |
| ``province``, ``prefecture``, ``county`` | the names of `ResidentID.region` (of the birth year) |
| ``nationality`` | `ResidentID.nationality` of a foreigner's card |
| ``age`` | `ResidentID.age_on(on)`: completed years; null for a birth after ``on`` |

An L or J number's names are those of its region code in its birth year, as a resident ID
of that code and year would have them.

Examples:
    >>> import datetime
    >>> column = ["11010519491231002X", " 110105 19491231 002x", "110105194912310021", None]
    >>> fields = extract_fields(column, fields=("ok", "reason", "birth_date", "sex", "county"))
    >>> fields.to_dict()["reason"]
    [None, None, 'checksum', 'missing']
    >>> fields.to_dict()["birth_date"][:2], fields.to_dict()["county"]
    ([datetime.date(1949, 12, 31), datetime.date(1949, 12, 31)], ['朝阳区', '朝阳区', None, None])
    >>> ages = extract_fields(column, fields=("age",), on=datetime.date(2026, 11, 28))
    >>> ages.to_dict()
    {'age': [76, 76, None, None]}
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from xueji._core import FOREIGN_CARD, PERMIT_CODES, as_list, as_of_key, completed_years, mod_11_2
from xueji.checks import Check, Kind, check
from xueji.errors import InvalidValue, Reason
from xueji.parsing import RegionPolicy
from xueji.regions import Region, region, region_history
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.resident_id import PERMITS, Document, ResidentID, Sex

if TYPE_CHECKING:
    from xueji._fields import Column, Vocabulary

__all__ = ["FIELD_NAMES", "Fields", "extract_fields"]

#: Every field `extract_fields` knows, in the order it gives them.
FIELD_NAMES: Final = (
    "value",
    "ok",
    "reason",
    "kind",
    "document",
    "registry_kind",
    "birth_date",
    "sex",
    "region_code",
    "province",
    "prefecture",
    "county",
    "nationality",
    "age",
)
#: The fields whose values are the members of an enum: their categories are all of them.
_CLOSED: Final[dict[str, tuple[str, ...]]] = {
    "kind": tuple(k.value for k in Kind),
    "document": tuple(d.value for d in Document),
    "registry_kind": tuple(k.value for k in RegistryKind),
    "sex": tuple(s.value for s in Sex),
}
#: The fields whose values are text drawn from a set: the others are category columns.
_FORMS: Final = {"value": "text", "ok": "bool", "birth_date": "date", "age": "int"}


class Fields(Mapping[str, Any]):
    """The columns of `extract_fields`, by field name, in the order they were asked for.

    ``fields[name]`` is a numpy array when numpy is installed, else a list, one value per
    row: object arrays of text (None for null) for the text and category fields, a bool
    array for ``ok``, ``datetime64[D]`` (NaT for null) for ``birth_date`` and a masked
    int64 array for ``age``. `to_dict` gives plain Python values (``datetime.date``, int,
    str, None) whatever the form.

    The category fields (``reason``, ``kind``, ``document``, ``registry_kind``, ``sex``,
    ``region_code``, the names, ``nationality``) also give their integer `codes`, which
    is how the data-frame accessors build category columns without hashing every row.
    """

    __slots__ = ("_columns", "_rows")
    _rows: int
    _columns: dict[str, Column]

    def __init__(self, rows: int, columns: Mapping[str, Column]) -> None:
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_columns", dict(columns))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Fields is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Fields is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Fields, (self._rows, self._columns))

    @property
    def rows(self) -> int:
        """How many rows each column has."""
        return self._rows

    def __getitem__(self, name: str) -> Any:
        form, data, extra = self._columns[name]
        if isinstance(data, list):
            return list(data)
        from xueji import _fields  # numpy is there: the column was built with it

        return _fields.public(form, data, extra)

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"<Fields rows={self._rows} fields={list(self._columns)}>"

    def __eq__(self, other: object) -> bool:
        # By values, whatever their form: numpy arrays do not compare to one bool.
        if not isinstance(other, Fields):
            return NotImplemented
        return self.rows == other.rows and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def codes(self, name: str) -> tuple[Any, tuple[str, ...]]:
        """A category field as integer codes (-1 for null) into its categories.

        The categories of ``kind``, ``document``, ``registry_kind`` and ``sex`` are every
        value of their enum, in its order; those of the others, the values present, sorted.
        The codes are a numpy int32 array when numpy is installed, else a list.

        Raises:
            InvalidValue: ``name`` is not a category field of these columns.

        Examples:
            >>> found = extract_fields(["11010519491231002X", None], fields=("sex",))
            >>> codes, categories = found.codes("sex")
            >>> [int(code) for code in codes], categories
            ([1, -1], ('1', '2'))
        """
        form, data, extra = self._columns.get(name, ("", None, None))
        if form != "category":
            raise InvalidValue(f"{name!r} is not a category field of these columns")
        if not isinstance(data, list):
            return data.copy(), extra
        categories = extra or tuple(sorted({value for value in data if value is not None}))
        index = {category: i for i, category in enumerate(categories)}
        return [-1 if value is None else index[value] for value in data], categories

    def to_dict(self) -> dict[str, list[Any]]:
        """Every column as a list of plain Python values, None for null."""
        return {name: _plain(self[name]) for name in self._columns}


def _plain(column: Any) -> list[Any]:
    # numpy's tolist() gives Python values: dates for datetime64[D] (None for NaT), None
    # for the masked entries of a masked array.
    return column if isinstance(column, list) else list(column.tolist())


def extract_fields(
    values: Iterable[object],
    *,
    fields: Iterable[str] | None = None,
    on: datetime.date | None = None,
    as_of: datetime.date | None = None,
    regions: RegionPolicy = RegionPolicy.KNOWN,
    expect: Kind | None = None,
    vectorise: bool | None = None,
) -> Fields:
    """The ``fields`` of every value: see the table of the module for each field.

    Args:
        values: a column of values of any type; each is checked as [`check`][xueji.check]
            checks it, with ``as_of``, ``regions`` and ``expect``.
        fields: the field names wanted, from `FIELD_NAMES`; by default all of them, but
            ``age`` only when ``on`` is given.
        on: the day of the ``age`` field (a datetime counts as its day).
        vectorise: False forbids the numpy path, which otherwise runs whenever numpy is
            installed (as in `check_many`, True cannot make numpy appear). Both paths give
            equal fields.

    Raises:
        InvalidValue: an unknown field, ``age`` without ``on``, or an option of the wrong type.
    """
    asked = _asked(fields, on)
    day = _day(on)
    _check_options(regions, expect, vectorise)
    items = values if _is_string_array(values) else as_list(values)
    n = len(items)  # type: ignore[arg-type]
    if vectorise is not False:
        try:
            from xueji import _fields
        except ImportError:  # numpy is optional
            pass
        else:
            codes, rest = _fields.classify(
                items,  # type: ignore[arg-type]
                as_of_key(as_of),
                regions,
                registry=expect is Kind.REGISTRY_NUMBER,
                everything=expect is Kind.SCHOOL_CODE,
            )
            vocabulary = _vocabulary(expect)
            kinds = vocabulary.kinds
            rows = {}
            for i in rest:
                result = check(items[i], as_of=as_of, regions=regions, expect=expect)  # type: ignore[index]
                kind = -1 if result.kind is None else kinds.index(result.kind.value)
                rows[i] = _fields.Row(result.ok, kind, _reason(result), result.value)
            columns = _fields.extract(
                items,  # type: ignore[arg-type]
                codes,
                rows,
                vocabulary,
                asked,
                on=day,
                names=_names_of,
                changes=_changes,
            )
            return Fields(n, columns)
    if hasattr(items, "tolist"):
        items = items.tolist()
    return Fields(n, _scalar(items, asked, day, as_of, regions, expect))  # type: ignore[arg-type]


def _is_string_array(values: object) -> bool:
    """A 1-d numpy array of text, which the numpy path reads without a list."""
    dtype = getattr(values, "dtype", None)
    return (
        type(values).__name__ == "ndarray"
        and getattr(dtype, "kind", None) == "U"
        and getattr(values, "ndim", None) == 1
    )


def _asked(fields: Iterable[str] | None, on: object) -> tuple[str, ...]:
    if fields is None:
        return tuple(name for name in FIELD_NAMES if name != "age" or on is not None)
    if isinstance(fields, str) or not isinstance(fields, Iterable):
        raise InvalidValue("fields must be a collection of field names, such as ('birth_date',)")
    asked = tuple(dict.fromkeys(fields))
    unknown = [name for name in asked if name not in FIELD_NAMES]
    if unknown:
        raise InvalidValue(f"unknown fields {unknown}: the fields are {list(FIELD_NAMES)}")
    if "age" in asked and on is None:
        raise InvalidValue("the age field needs the day it is counted on: on=datetime.date(...)")
    return asked


def _day(on: object) -> datetime.date | None:
    if on is None or type(on) is datetime.date:
        return on
    if isinstance(on, datetime.datetime):
        return on.date()
    if isinstance(on, datetime.date):
        return datetime.date(on.year, on.month, on.day)
    raise InvalidValue(f"on must be a datetime.date, not {type(on).__name__}")


def _check_options(regions: object, expect: object, vectorise: object) -> None:
    if not isinstance(regions, RegionPolicy):
        raise InvalidValue("regions must be a xueji.RegionPolicy")
    if expect is not None and not isinstance(expect, Kind):
        raise InvalidValue("expect must be a xueji.Kind or None")
    if vectorise is not None and type(vectorise) is not bool:
        raise InvalidValue("vectorise must be True, False or None")


def _reason(result: Check) -> str | None:
    # Errors come before warnings: an invalid row's first problem is its error.
    return None if result.ok else result.problems[0].reason.value


@functools.cache
def _vocabulary(expect: Kind | None) -> Vocabulary:
    from xueji._fields import Vocabulary

    kinds = _CLOSED["kind"]
    documents = _CLOSED["document"]
    return Vocabulary(
        reasons=tuple(reason.value for reason in Reason),
        kinds=kinds,
        coded_kind=kinds.index((expect or Kind.RESIDENT_ID).value),
        resident_id=kinds.index(Kind.RESIDENT_ID.value),
        registry_number=kinds.index(Kind.REGISTRY_NUMBER.value),
        documents=documents,
        mainland=documents.index(Document.MAINLAND.value),
        foreign=documents.index(Document.FOREIGN_PERMANENT_RESIDENT.value),
        permits={int(code): documents.index(PERMITS[code].value) for code in PERMIT_CODES},
        sexes=(Sex.MALE.value, Sex.FEMALE.value),
        registry_kinds=_CLOSED["registry_kind"],
    )


@functools.lru_cache(maxsize=1 << 16)
def _region_of(code: str, year: int) -> Region | None:
    """The names `ResidentID.region` gives a number of region ``code`` born in ``year``."""
    if code[0] == FOREIGN_CARD:
        # A card's own rows come here as their province (PP0000): a code led by a 9 is the
        # school location of an L or J number checked by format only, which names nothing.
        return region(code, year=year)
    body = f"{code}{year:04d}0101001"
    return ResidentID(body + mod_11_2(body)).region


def _names_of(code: int, year: int) -> tuple[str | None, str | None, str | None]:
    found = _region_of(f"{code:06d}", year)
    return (None, None, None) if found is None else (found.province, found.prefecture, found.county)


@functools.lru_cache(maxsize=1 << 14)
def _changes(code: int) -> bool:
    """Whether the region ``code`` had more than one name over the years."""
    history = region_history(f"{code:06d}")
    return history is not None and len(history.names) > 1


# -- without numpy: the scalar check and properties, row by row ---------------------------


def _scalar(
    items: Sequence[object],
    asked: tuple[str, ...],
    on: datetime.date | None,
    as_of: datetime.date | None,
    regions: RegionPolicy,
    expect: Kind | None,
) -> dict[str, Column]:
    columns: dict[str, list[Any]] = {name: [] for name in asked}
    for value in items:
        row = _row(check(value, as_of=as_of, regions=regions, expect=expect), on)
        for name, column in columns.items():
            column.append(row.get(name))
    return {
        name: (_FORMS.get(name, "category"), column, _CLOSED.get(name))
        for name, column in columns.items()
    }


def _row(result: Check, on: datetime.date | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": result.value,
        "ok": result.ok,
        "reason": _reason(result),
        "kind": None if result.kind is None else result.kind.value,
    }
    if result.value is None or result.kind is Kind.SCHOOL_CODE:
        return out
    if result.kind is Kind.RESIDENT_ID:
        rid: ResidentID | None = ResidentID(result.value)
        number = None
    else:
        number = RegistryNumber(result.value)
        rid = number.resident_id
        out["registry_kind"] = number.kind.value
    source: ResidentID | RegistryNumber = rid or number  # type: ignore[assignment]
    born = source.birth_date
    out["birth_date"] = born
    out["region_code"] = source.region_code
    if rid is not None:
        out["document"] = rid.document.value
        out["sex"] = rid.sex.value
        out["nationality"] = rid.nationality
        names = rid.region
    else:
        names = _region_of(source.region_code, born.year)
    if names is not None:
        out.update(province=names.province, prefecture=names.prefecture, county=names.county)
    if on is not None and on >= born:
        out["age"] = completed_years(born, on)
    return out
