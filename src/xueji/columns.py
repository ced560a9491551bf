"""Checks over a column: `check_many` and its lazy `Report`, with a `Summary` of counts.

`check_many` takes any iterable (a list, a numpy array, a pandas or polars Series)
without importing pandas or polars. It returns a `Report` whose per-row
[`Check`][xueji.Check] results are built only when asked for; counts and masks
come from a compact per-row code. With numpy installed and a large input, the canonical
rows are classified by a vectorised path whose results equal the scalar path's.

Examples:
    >>> report = check_many(["11010519491231002X", "110105194912310021", None])
    >>> report.ok_mask()
    [True, False, False]
    >>> dict(report.summary().reasons)
    {'checksum': 1, 'missing': 1}
    >>> report[1].problems[0].reason.value
    'checksum'
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from types import ModuleType
from typing import TYPE_CHECKING, Final, overload

import attrs

from xueji._core import (
    ALL_CODES,
    DETAIL,
    ID_CHARACTERS,
    ID_LENGTH,
    OK,
    REGISTRY_LENGTH,
    ROW_CODE,
    ROW_REASONS,
    SCHOOL_CODE_LENGTH,
    VALID_CODES,
    as_list,
    as_of_key,
    id_reason,
    lost_digits,
    region_warning,
    region_warnings,
    registry_reason,
)
from xueji._deprecated import warn as deprecated
from xueji._display import report_html, summary_html, summary_repr
from xueji._text import plain
from xueji.checks import Check, Kind, check
from xueji.errors import Reason
from xueji.frozenmap import FrozenMap, frozen_map
from xueji.parsing import RegionPolicy

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["Report", "Summary", "check_many"]

_VECTOR_THRESHOLD: Final = 20_000
#: Whether a row code is that of a row with no error, by code.
_VALID_CODE: Final = tuple(code in VALID_CODES for code in range(256))
#: The codes of the rows whose Check follows from their code (every code but ``DETAIL``).
_CODED: Final = tuple(code for code in ALL_CODES if code != DETAIL)


@attrs.frozen
class Summary:
    """Counts over a report.

    Attributes:
        rows: how many rows were checked.
        ok_rows: how many rows are ok (no error; warnings allowed), as `Check.ok` says.
        kinds: rows per kind (`Kind` value), for the rows whose kind was recognised.
        reasons: problems per reason (`Reason` value), each problem of each row once.
    """

    rows: int
    ok_rows: int
    kinds: FrozenMap[int] = attrs.field(converter=frozen_map)
    reasons: FrozenMap[int] = attrs.field(converter=frozen_map)
    __repr__ = summary_repr
    _repr_html_ = summary_html

    @property
    def ok(self) -> int:
        """Deprecated name of `ok_rows` (``ok`` is a bool everywhere else)."""
        deprecated("Summary.ok", "Summary.ok_rows")
        return self.ok_rows


@attrs.frozen
class _Options:
    as_of: datetime.date | None
    regions: RegionPolicy
    expect: Kind | None


class Report(Sequence[Check]):
    """Per-row results of `check_many`, in input order, built lazily."""

    def __init__(
        self,
        values: Sequence[object],
        codes: bytes | bytearray,
        details: dict[int, Check],
        options: _Options,
    ) -> None:
        self._values = values
        self._codes = codes
        self._details = details
        self._options = options

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, index: int) -> Check: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Check]: ...

    def __getitem__(self, index: int | slice) -> Check | Sequence[Check]:
        # A range does Python's indexing: negative indices, slices, IndexError.
        rows = range(len(self))
        if isinstance(index, slice):
            return [self[i] for i in rows[index]]
        index = rows[index]
        found = self._details.get(index)
        if found is not None:
            return found
        # Coded rows are rebuilt by the scalar check itself, so they cannot differ from it.
        o = self._options
        return check(self._values[index], as_of=o.as_of, regions=o.regions, expect=o.expect)

    def __repr__(self) -> str:
        s = self.summary()
        return f"<Report rows={s.rows} ok_rows={s.ok_rows} reasons={s.reasons}>"

    to_html = report_html
    _repr_html_ = report_html

    def ok_mask(self) -> list[bool]:
        """One bool per row: True when the row has no error (warnings allowed)."""
        valid = _VALID_CODE
        mask = [valid[code] for code in self._codes]  # a tuple look-up per row, no call
        for i, result in self._details.items():
            mask[i] = result.ok
        return mask

    def ok_array(self) -> NDArray[np.bool_]:
        """`ok_mask` as a numpy bool array, for a data frame: ``frame[report.ok_array()]``.

        Built from the per-row codes in one step, without a Python loop over the rows
        (only the rows kept in detail, few in real columns, are read one by one).

        Raises:
            ImportError: numpy is not installed (it is optional); `ok_mask` gives the
                same flags as a list.

        Examples:
            >>> check_many(["11010519491231002X", "110105194912310021", None]).ok_array()
            array([ True, False, False])
        """
        try:
            from xueji import _vector
        except ImportError as missing:
            raise ImportError(
                "Report.ok_array() needs numpy (pip install numpy); "
                "Report.ok_mask() gives the same flags as a list",
                name="numpy",
            ) from missing
        mask: NDArray[np.bool_] = _vector.ok_array(
            self._codes, {i: result.ok for i, result in self._details.items()}
        )
        return mask

    def summary(self) -> Summary:
        """Counts per kind and per problem reason (each problem of each row once)."""
        # bytes.count per code: a C scan each, far quicker than a Counter over a million rows.
        codes = self._codes
        counts = {code: n for code in _CODED if (n := codes.count(code))}
        kinds: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        ok = 0
        for code, n in counts.items():
            kinds[(self._options.expect or Kind.RESIDENT_ID).value] += n
            if code in VALID_CODES:
                ok += n
            if code != OK:
                reasons[ROW_REASONS[code - 1].value] += n
        for result in self._details.values():
            ok += result.ok
            if result.kind is not None:
                kinds[result.kind.value] += 1
            reasons.update(p.reason.value for p in result.problems)
        return Summary(len(self), ok, dict(sorted(kinds.items())), dict(sorted(reasons.items())))

    def values(self) -> list[str | None]:
        """The canonical form of every valid row, None for the others: a cleaned column."""
        # Coded rows are canonical text already; detailed rows know their value.
        out: list[str | None] = [
            str.__str__(value) if code in VALID_CODES else None
            for value, code in zip(self._values, self._codes, strict=True)
        ]
        for i, result in self._details.items():
            out[i] = result.value
        return out

    def problems(self) -> Iterator[tuple[int, Check]]:
        """``(row index, Check)`` for every row with an error or a warning."""
        for i, code in enumerate(self._codes):
            if code != OK:
                result = self[i]
                if result.problems:
                    yield i, result

    def to_records(self, *, problems_only: bool = False) -> list[dict[str, object]]:
        """One dict per row, for ``pandas.DataFrame(...)`` or ``polars.DataFrame(...)``.

        Keys: ``row``, ``ok``, ``kind``, ``value`` (canonical, or None), ``reason`` (the
        first problem's reason, or None) and ``reasons`` (all, joined by ``;``).
        """
        rows = self.problems() if problems_only else enumerate(self)
        out: list[dict[str, object]] = []
        for i, result in rows:
            reasons = [p.reason.value for p in result.problems]
            out.append(
                {
                    "row": i,
                    "ok": result.ok,
                    "kind": None if result.kind is None else result.kind.value,
                    "value": result.value,
                    "reason": reasons[0] if reasons else None,
                    "reasons": ";".join(reasons),
                }
            )
        return out


def _scalar_codes(
    values: Sequence[object], options: _Options, only: Iterable[int] | None = None
) -> tuple[bytearray, dict[int, Check]]:
    as_of, regions, expect = as_of_key(options.as_of), options.regions, options.expect
    # The fast path covers canonical text of the expected kind (resident IDs by default):
    # one call to the parser's own check function, then a per-row code.
    validate: Callable[[str, str | None, RegionPolicy], Reason | None]
    if expect is Kind.REGISTRY_NUMBER:
        length, offset, validate = REGISTRY_LENGTH, 1, registry_reason
    elif expect is None or expect is Kind.RESIDENT_ID:
        length, offset, validate = ID_LENGTH, 0, id_reason
    else:
        length, offset, validate = -1, 0, id_reason
    id_checksum = length == ID_LENGTH
    warned = region_warnings()
    code_of = ROW_CODE
    codes = bytearray(len(values))
    details: dict[int, Check] = {}
    length_code, id_characters = code_of[Reason.LENGTH], ID_CHARACTERS
    rows = enumerate(values) if only is None else ((i, values[i]) for i in only)
    for i, v in rows:
        if type(v) is str or type(v := plain(v)) is str:
            # (plain: numpy.str_ and other subclasses check as the plain string does)
            size = len(v)
            if size == length:
                reason = validate(v, as_of, regions)
                if reason is None:
                    # Most codes never warn, and the rest only for births after their
                    # last year (region_warnings): only those few rows call the core.
                    last = warned.get(v[offset : offset + 6])
                    if last is not None and last < v[offset + 6 : offset + 10]:
                        reason = region_warning(v[offset : offset + 6], v[offset + 6 : offset + 10])
                        if reason is not None:
                            codes[i] = code_of[reason]
                    continue  # OK: the bytearray starts at 0
                code = code_of.get(reason)
                # An ID that lost its last digits in a float is reported as float damage.
                if code is not None and not (id_checksum and lost_digits(v, reason)):
                    codes[i] = code
                    continue
            elif (
                id_checksum
                and 0 < size <= 20
                and size != SCHOOL_CODE_LENGTH
                and v[0] != "X"
                and id_characters.issuperset(v)
            ):
                # Digits (and X) of the wrong length: no other kind, no cleaning, no damage
                # (a school code has 10; a leading X would read as a registry prefix).
                codes[i] = length_code
                continue
        codes[i] = DETAIL
        details[i] = check(v, as_of=options.as_of, regions=regions, expect=expect)
    return codes, details


def check_many(
    values: Iterable[object],
    *,
    as_of: datetime.date | None = None,
    regions: RegionPolicy = RegionPolicy.KNOWN,
    expect: Kind | None = None,
    vectorise: bool | None = None,
) -> Report:
    """Check every value; the options are those of [`check`][xueji.check].

    ``vectorise`` forces (True) or forbids (False) the numpy path; by default it runs
    when numpy is installed and there are at least 20,000 values. Both give equal results.
    On the numpy path, a column stored in Arrow (a polars ``Series`` of strings, a pandas
    ``string[pyarrow]`` column, a pyarrow array) is read from its Arrow buffers, without
    a Python object per row.
    """
    options = _Options(as_of, regions, expect)
    vector = None if vectorise is False or expect is Kind.SCHOOL_CODE else _numpy_path()
    if (
        vector is not None
        and expect is not Kind.REGISTRY_NUMBER
        and _stored_in_arrow(values)
        and (vectorise or (isinstance(values, Sized) and len(values) >= _VECTOR_THRESHOLD))
    ):
        column = vector.arrow_column(values)
        if column is not None:
            return _vectorised(vector, column, column, options)
    # A numpy string array goes to the vectorised path as it is: turning it into a list
    # would cost more than checking it.
    string_array = type(values).__name__ == "ndarray" and getattr(values, "dtype", None) is not None
    string_array = (
        string_array
        and values.dtype.kind == "U"  # type: ignore[attr-defined]
        and values.ndim == 1  # type: ignore[attr-defined]
    )
    items: Sequence[object] = values if string_array else as_list(values)  # type: ignore[assignment]
    if vector is not None and (vectorise or len(items) >= _VECTOR_THRESHOLD):
        rows: Sequence[object] = items
        if expect is Kind.REGISTRY_NUMBER:
            # A G number's checks are its resident ID's: classify the bodies; the other
            # kinds (L, J) go to the scalar path.
            rows = [
                v[1:] if type(v) is str and len(v) == 19 and v[0] == "G" else None for v in items
            ]
        return _vectorised(vector, items, rows, options)
    if string_array:
        items = items.tolist()  # type: ignore[attr-defined]
    codes, details = _scalar_codes(items, options)
    return Report(items, codes, details, options)


def _numpy_path() -> ModuleType | None:
    """`xueji._vector`, or None without numpy (it is optional)."""
    try:
        from xueji import _vector
    except ImportError:
        return None
    return _vector


def _stored_in_arrow(values: object) -> bool:
    """Whether ``values`` keeps its data in Arrow buffers: a polars or pyarrow column, or a
    pandas one of an Arrow-backed dtype (neither library is imported to tell)."""
    library = type(values).__module__.partition(".")[0]
    if library in ("polars", "pyarrow"):
        return True
    # Both Arrow-backed pandas dtypes say so: `string[pyarrow]` and every `ArrowDtype`
    # (a storage extension dtype whose storage is "pyarrow", since pandas 2.0).
    dtype = getattr(values, "dtype", None)
    return library == "pandas" and getattr(dtype, "storage", None) == "pyarrow"


def _vectorised(
    vector: ModuleType, items: Sequence[object], rows: Sequence[object], options: _Options
) -> Report:
    """The report of ``items`` whose ``rows`` the numpy path classifies first."""
    codes, rest = vector.classify(rows, as_of_key(options.as_of), options.regions)
    scalar_codes, details = _scalar_codes(items, options, only=rest.tolist())
    codes[rest] = vector.as_array(scalar_codes)[rest]
    return Report(items, codes.tobytes(), details, options)
