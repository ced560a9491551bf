"""What the data-frame accessors share: their methods, documented once.

Private. `xueji.pandas` and `xueji.polars` subclass `Accessor` with the one thing that
differs between libraries: how a field becomes a column of theirs (`_column`). Every
method takes the options of [`check`][xueji.check] as keywords: ``as_of`` (the day a birth
date may not be after), ``regions`` (a `RegionPolicy`) and ``expect`` (a `Kind`: by default
each value's kind is recognised from the value).
"""

from __future__ import annotations

import datetime
from typing import Generic, NamedTuple, TypedDict, TypeVar, Unpack

from xueji.checks import Kind
from xueji.errors import InvalidValue
from xueji.parsing import RegionPolicy

__all__ = ["Accessor", "Field", "Options"]

T = TypeVar("T")


class Options(TypedDict, total=False):
    """The options of [`check`][xueji.check], which every accessor method takes."""

    as_of: datetime.date | None
    regions: RegionPolicy
    expect: Kind | None


class Field(NamedTuple):
    """What a method asks for: a field (or ``meets_age``), the options, the day of an age
    and, for ``meets_age``, the years."""

    name: str
    options: Options
    on: datetime.date | None = None
    years: int | None = None


class Accessor(Generic[T]):
    """The fields of a column of resident IDs or registry numbers, one column each.

    A field is null (missing) where the row has none: every field of an invalid row but
    its verdict, reason and kind; the sex and document of an L or J number. Results keep
    the rows (and, in pandas, the index) of the column they come from.
    """

    def _column(self, field: Field) -> T:
        raise NotImplementedError

    def is_valid(self, **options: Unpack[Options]) -> T:
        """Whether each value is valid: no error, warnings allowed (`Check.ok`); never null."""
        return self._column(Field("ok", options))

    def clean(self, **options: Unpack[Options]) -> T:
        """The canonical number of each valid value (`Check.value`), null for the others."""
        return self._column(Field("value", options))

    def reason(self, **options: Unpack[Options]) -> T:
        """Why each invalid value is invalid (a `Reason` value); null for the valid ones."""
        return self._column(Field("reason", options))

    def kind(self, **options: Unpack[Options]) -> T:
        """What each value is (a `Kind` value), invalid values too; null if unrecognised."""
        return self._column(Field("kind", options))

    def document(self, **options: Unpack[Options]) -> T:
        """`ResidentID.document` (a `Document` value); for a G number, its ID's."""
        return self._column(Field("document", options))

    def registry_kind(self, **options: Unpack[Options]) -> T:
        """`RegistryNumber.kind` of each registry number: ``G``, ``L`` or ``J``."""
        return self._column(Field("registry_kind", options))

    def birth_date(self, **options: Unpack[Options]) -> T:
        """The birth date in each number."""
        return self._column(Field("birth_date", options))

    def sex(self, **options: Unpack[Options]) -> T:
        """`ResidentID.sex` as its GB/T 2261.1 code: ``1`` male, ``2`` female."""
        return self._column(Field("sex", options))

    def region_code(self, **options: Unpack[Options]) -> T:
        """The 6-digit region code (``PP0000``, the province of issue, for a foreigner's card)."""
        return self._column(Field("region_code", options))

    def province(self, **options: Unpack[Options]) -> T:
        """The province name of the region code, as in force in the birth year."""
        return self._column(Field("province", options))

    def prefecture(self, **options: Unpack[Options]) -> T:
        """The prefecture name of the region code, as in force in the birth year."""
        return self._column(Field("prefecture", options))

    def county(self, **options: Unpack[Options]) -> T:
        """The county name of the region code, as in force in the birth year."""
        return self._column(Field("county", options))

    def nationality(self, **options: Unpack[Options]) -> T:
        """The ISO 3166-1 numeric nationality of a foreigner's card."""
        return self._column(Field("nationality", options))

    def age_on(self, day: datetime.date, /, **options: Unpack[Options]) -> T:
        """The age on ``day`` in completed years (`ResidentID.age_on`); null for a birth
        after ``day``."""
        return self._column(Field("age", options, on=day))

    def meets_age(self, *, years: int, by: datetime.date, **options: Unpack[Options]) -> T:
        """Whether each person is ``years`` old on the day ``by`` ([`meets_age`][xueji.meets_age]):
        False for a birth after ``by``, null where there is no birth date.

        Raises:
            InvalidValue: ``years`` is not an int of 0 or more, or ``by`` not a date.
        """
        if type(years) is not int or years < 0:
            raise InvalidValue(f"years must be an int of 0 or more, not {years!r}")
        return self._column(Field("meets_age", options, on=by, years=years))
