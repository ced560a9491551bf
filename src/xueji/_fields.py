"""The numpy path of `xueji.fields`: the fields of a column's numbers, whole-array.

Private; imported only when numpy is installed. This module judges nothing: whether a row
is valid, and why not, comes from `_vector.classify` (the numpy mirror of the validation
core) and, for the rows it leaves, from the scalar check, exactly as in `check_many`. It
reads the parts of numbers already found valid (region code, birth date, sequence, prefix
letter) with whole-array arithmetic, and names regions by asking the scalar rule (a
callback) once per distinct code and year, or once per code when its names never changed.
Property tests hold every field equal to the scalar properties of `ResidentID` and
`RegistryNumber`.

Columns come back as ``(form, data, extra)``: ``text`` (an object array, None for null),
``bool`` (a bool array, never null), ``category`` (int32 codes, -1 for null, into the
categories in ``extra``), ``date`` (``datetime64[D]``, NaT for null) and ``int`` (int64, with
the null mask in ``extra``).
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Final, NamedTuple

import numpy as np

from xueji import _vector
from xueji._core import DETAIL, FOREIGN_CARD, KNOWN_CODES, ROW_REASONS, VALID_CODES, RegionPolicy

__all__ = ["LEVELS", "Column", "Row", "Vocabulary", "classify", "extract", "public"]

#: The levels of a region's names, as `Region` has them.
LEVELS: Final = ("province", "prefecture", "county")
# Rows of one key share a level's name: the province name depends on the first two digits
# of the code, the prefecture name on the first four, the county name on all six.
_DIVISORS: Final = {"province": 10_000, "prefecture": 100, "county": 1}
_FOREIGN: Final = int(FOREIGN_CARD)
_ZERO: Final = ord("0")

#: ``(form, data, extra)``: see the module's docstring.
Column = tuple[str, Any, Any]


class Vocabulary(NamedTuple):
    """The categories of the enumerated fields, and where each part of a number leads."""

    reasons: tuple[str, ...]
    kinds: tuple[str, ...]
    #: The kind (index into ``kinds``) of the rows the vectorised check coded.
    coded_kind: int
    resident_id: int
    registry_number: int
    documents: tuple[str, ...]
    mainland: int
    foreign: int
    #: Region code (as an int) of each residence permit, and its document.
    permits: Mapping[int, int]
    #: The sex of an odd sequence, then of an even one.
    sexes: tuple[str, str]
    registry_kinds: tuple[str, ...]


class Row(NamedTuple):
    """A row the scalar check took: its verdict, kind (index, or -1), reason and value."""

    ok: bool
    kind: int
    reason: str | None
    value: str | None


#: ``names(code, year)``: the province, prefecture and county names of a region code in a
#: birth year; ``changes(code)``: whether a code's own name ever changed.
Names = Callable[[int, int], tuple[str | None, str | None, str | None]]
Changes = Callable[[int], bool]


def classify(
    items: Sequence[object],
    as_of: str | None,
    regions: RegionPolicy,
    *,
    registry: bool,
    everything: bool,
) -> tuple[Any, list[int]]:
    """Row codes for ``items`` and the rows left for the scalar check, as `check_many`
    has them: for registry numbers, the vectorised check reads the bodies of G numbers;
    with ``everything`` (school codes), it reads nothing."""
    if everything:
        return np.full(len(items), DETAIL, dtype=np.uint8), list(range(len(items)))
    rows: Sequence[object] = items
    if registry:
        rows = [v[1:] if type(v) is str and len(v) == 19 and v[0] == "G" else None for v in items]
    codes, rest = _vector.classify(rows, as_of, regions)
    return codes, rest.tolist()


@functools.cache
def _tables() -> tuple[Any, Any]:
    known = np.zeros(1_000_000, dtype=bool)
    known[[int(code) for code in KNOWN_CODES]] = True
    valid = np.zeros(256, dtype=bool)
    valid[list(VALID_CODES)] = True
    return known, valid


def public(form: str, data: Any, extra: Any) -> Any:
    """A column as `xueji.Fields` hands it out: values rather than codes, a masked array
    for the nullable ints, and a copy, so that the caller's changes stay theirs."""
    if form == "category":
        return np.array([*extra, None], dtype=object)[data]  # code -1 is the None
    if form == "int":
        return np.ma.MaskedArray(data.copy(), mask=extra.copy())
    return data.copy()


def extract(
    items: Sequence[object],
    codes: Any,
    rest: Mapping[int, Row],
    vocabulary: Vocabulary,
    wanted: Collection[str],
    *,
    on: datetime.date | None,
    names: Names,
    changes: Changes,
) -> dict[str, Column]:
    """The ``wanted`` columns of ``items``, given the row codes of `classify` and the
    scalar check's verdict on the ``rest`` rows."""
    v = vocabulary
    n = len(codes)
    known, valid = _tables()
    detail = np.fromiter(rest, dtype=np.int64, count=len(rest))
    ok = valid[codes]
    ok[detail] = [row.ok for row in rest.values()]
    kind = np.full(n, v.coded_kind, dtype=np.int8)
    kind[codes == DETAIL] = -1
    kind[detail] = [row.kind for row in rest.values()]

    out: dict[str, Column] = {}
    if "ok" in wanted:
        out["ok"] = ("bool", ok, None)
    if "kind" in wanted:
        out["kind"] = ("category", kind.astype(np.int32), v.kinds)
    if "reason" in wanted:
        out["reason"] = _reasons(codes, detail, rest, v.reasons)

    if "value" in wanted:
        out["value"] = ("text", _values(items, codes, ok, rest), None)
    person = {"document", "birth_date", "sex", "region_code", "nationality", "age", *LEVELS}
    person &= set(wanted)
    if person or "registry_kind" in wanted:
        parts = _parts(items, codes, ok, kind, rest, v)
        out.update(_numbers(n, parts, v, person | ({"registry_kind"} & set(wanted))))
        if "age" in person and on is not None:
            out["age"] = _ages(n, parts, on)
        for level in LEVELS:
            if level in person:
                named, categories = _names(parts, level, known, names, changes)
                out[level] = _category(n, parts.rows, named, categories)
    return {name: out[name] for name in wanted}


def _reasons(codes: Any, detail: Any, rest: Mapping[int, Row], reasons: tuple[str, ...]) -> Column:
    index = {reason: i for i, reason in enumerate(reasons)}
    of_code = np.full(256, -1, dtype=np.int32)
    for code, reason in enumerate(ROW_REASONS, 1):
        if code not in VALID_CODES:
            of_code[code] = index[reason.value]
    found = of_code[codes]
    found[detail] = [-1 if row.reason is None else index[row.reason] for row in rest.values()]
    return _compact(found, reasons)


def _compact(codes: Any, categories: Sequence[str]) -> Column:
    """A category column of only the categories in use, in sorted order."""
    used = np.unique(codes[codes >= 0])
    kept = sorted(categories[i] for i in used)
    remap = np.full(len(categories) + 1, -1, dtype=np.int32)  # the last one maps -1 to -1
    remap[used] = [kept.index(categories[i]) for i in used]
    return ("category", remap[codes], tuple(kept))


def _take(items: Sequence[object], rows: Any) -> Sequence[Any]:
    """The items at ``rows``: one C-level gather rather than a Python step per row."""
    if isinstance(items, np.ndarray):
        return list(items[rows].tolist())
    if rows.size <= 1:
        return [items[i] for i in rows.tolist()]
    return operator.itemgetter(*rows.tolist())(items)  # type: ignore[no-any-return]


def _values(items: Sequence[object], codes: Any, ok: Any, rest: Mapping[int, Row]) -> Any:
    """The canonical text of every valid row (None for the others): its own text when
    the vectorised check coded it, the cleaned text when the scalar check took it."""
    texts = np.full(len(codes), None, dtype=object)
    coded = np.flatnonzero(ok & (codes != DETAIL))
    if coded.size:
        taken = _take(items, coded)
        if not all(type(t) is str for t in taken):  # str subclasses: as plain str
            taken = [str.__str__(t) for t in taken]
        texts[coded] = taken
    for i, row in rest.items():
        texts[i] = row.value
    return texts


def _chars(items: Sequence[object], rows: Any, extra: list[str], width: int) -> Any:
    """The characters of the coded ``rows`` (canonical text of ``width`` characters) and of
    the ``extra`` texts, one row of bytes each."""
    chars = np.empty((len(rows) + len(extra), width), dtype=np.uint8)
    if isinstance(items, np.ndarray) and rows.size:
        # A numpy string array: its code points, without making a str of each row.
        points = items[rows].astype(f"U{width}").view(np.uint32).reshape(-1, width)
        chars[: len(rows)] = points
    elif rows.size:
        joined = "".join(_take(items, rows)).encode("ascii")
        chars[: len(rows)] = np.frombuffer(joined, dtype=np.uint8).reshape(-1, width)
    if extra:
        joined = "".join(extra).encode("ascii")
        chars[len(rows) :] = np.frombuffer(joined, dtype=np.uint8).reshape(-1, width)
    return chars


def _numbers_of(body: Any) -> Any:
    """Region code, year and month-day of each row of ID-layout characters, as 3 rows.

    Column by column over the transposed digits: plain integer arithmetic, which unlike a
    matrix product does not compete for threads with whatever else the machine runs.
    """
    digits = np.ascontiguousarray((body[:, :14] - np.uint8(_ZERO)).T)
    out = np.zeros((3, len(body)), dtype=np.int32)
    for row, (start, stop) in enumerate(((0, 6), (6, 10), (10, 14))):
        for column in range(start, stop):
            out[row] *= 10
            out[row] += digits[column]
    return out


class _Parts(NamedTuple):
    """The valid numbers of a column: their rows, and what their characters say."""

    rows: Any
    #: The prefix letter of a registry number; 0 for an ID.
    prefix: Any
    #: The characters of the ID layout (an ID, or a registry number's body).
    body: Any
    #: IDs and G numbers: the numbers a person's fields come from (not L or J).
    personal: Any
    foreign: Any
    #: The region code `region_code` gives: ``PP0000`` for a foreigner's card.
    region: Any
    year: Any
    month_day: Any


def _parts(
    items: Sequence[object],
    codes: Any,
    ok: Any,
    kind: Any,
    rest: Mapping[int, Row],
    v: Vocabulary,
) -> _Parts:
    coded = ok & (codes != DETAIL)
    groups = []
    for index, width in ((v.resident_id, 18), (v.registry_number, 19)):
        rows = np.flatnonzero(coded & (kind == index))
        extra = [i for i, row in rest.items() if row.ok and row.kind == index]
        texts = [rest[i].value or "" for i in extra]
        chars = _chars(items, rows, texts, width)
        groups.append((np.concatenate([rows, np.array(extra, dtype=np.int64)]), chars))
    (id_rows, ids), (number_rows, numbers) = groups
    if numbers.size:
        body = np.concatenate([ids, numbers[:, 1:]])
        prefix = np.concatenate([np.zeros(len(ids), dtype=np.uint8), numbers[:, 0]])
    else:  # the usual column: resident IDs only, no copy
        body, prefix = ids, np.zeros(len(ids), dtype=np.uint8)
    personal = (prefix == 0) | (prefix == ord("G"))
    foreign = personal & (body[:, 0] == ord(FOREIGN_CARD))
    region, year, month_day = _numbers_of(body)
    if foreign.any():
        region = np.where(foreign, region // 1000 % 100 * 10_000, region)
    return _Parts(
        rows=np.concatenate([id_rows, number_rows]),
        prefix=prefix,
        body=body,
        personal=personal,
        foreign=foreign,
        region=region,
        year=year,
        month_day=month_day,
    )


def _category(n: int, rows: Any, codes: Any, categories: tuple[str, ...]) -> Column:
    column = np.full(n, -1, dtype=np.int32)
    column[rows] = codes
    return ("category", column, categories)


def _codes_of(n: int, rows: Any, values: Any, size: int, width: int) -> Column:
    """A category column of zero-padded numbers (region codes, nationalities)."""
    used, index, _ = _unique(values, size)
    return _category(n, rows, index, tuple(f"{c:0{width}d}" for c in used.tolist()))


def _numbers(n: int, p: _Parts, v: Vocabulary, wanted: set[str]) -> dict[str, Column]:
    """The fields read straight from the digits."""
    out: dict[str, Column] = {}
    if "registry_kind" in wanted:
        letters = np.full(256, -1, dtype=np.int32)
        for i, letter in enumerate(v.registry_kinds):
            letters[ord(letter)] = i
        at = np.flatnonzero(p.prefix != 0)
        out["registry_kind"] = _category(n, p.rows[at], letters[p.prefix[at]], v.registry_kinds)
    personal = np.flatnonzero(p.personal)
    if "document" in wanted:
        region = p.region[personal]
        document = np.full(personal.size, v.mainland, dtype=np.int32)
        for code, index in v.permits.items():
            document[region == code] = index
        document[p.foreign[personal]] = v.foreign
        out["document"] = _category(n, p.rows[personal], document, v.documents)
    if "sex" in wanted:
        # The parity of a digit's character code is the digit's: odd, the first of sexes.
        even = (p.body[personal, 16] & 1 == 0).astype(np.int32)
        out["sex"] = _category(n, p.rows[personal], even, v.sexes)
    if "nationality" in wanted:
        at = np.flatnonzero(p.foreign)
        nationality = _numbers_of(p.body[at])[0] % 1000
        out["nationality"] = _codes_of(n, p.rows[at], nationality, 1000, 3)
    if "region_code" in wanted:
        out["region_code"] = _codes_of(n, p.rows, p.region, 1_000_000, 6)
    if "birth_date" in wanted:
        birth = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        birth[p.rows] = _dates(p.year, p.month_day)
        out["birth_date"] = ("date", birth, None)
    return out


@functools.cache
def _calendar() -> tuple[Any, Any]:
    """Days from 1970-01-01 to the first of January of every year 0-9999, and the day of
    the year each month starts on, in common years (row 0) and leap years (row 1)."""
    years = np.arange(10_000, dtype=np.int64) - 1970
    year_start = years.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    lengths = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    month_start = np.stack([np.cumsum(lengths), np.cumsum(lengths)])
    month_start[1, 2:] += 1  # 29 February comes before every month from March on
    leap = (year_start[1:] - year_start[:-1]) == 366
    return year_start, month_start[np.append(leap, False).astype(np.int64)].T


def _dates(year: Any, month_day: Any) -> Any:
    """The dates as ``datetime64[D]``: three table lookups and two additions."""
    year_start, month_start = _calendar()
    month, day = month_day // 100, month_day % 100
    days = year_start[year] + month_start[month - 1, year] + day - 1
    return days.view("datetime64[D]")


def _ages(n: int, p: _Parts, on: datetime.date) -> Column:
    """Completed years on ``on``; null for a birth after it (and for rows with no date)."""
    today = on.month * 100 + on.day
    age = np.zeros(n, dtype=np.int64)
    age[p.rows] = on.year - p.year - (today < p.month_day)
    missing = np.ones(n, dtype=bool)
    missing[p.rows] = p.year * 10_000 + p.month_day > on.year * 10_000 + today
    return ("int", age, missing)


def _names(
    p: _Parts, level: str, known: Any, names: Names, changes: Changes
) -> tuple[Any, tuple[str, ...]]:
    """Codes and categories of one level's names, asking ``names`` once per distinct key."""
    region, year = p.region, p.year
    divisor = _DIVISORS[level]
    # The key of a row: its level's code, with a flag for a province code's own rows (which
    # have no prefecture); after those, unknown codes (which have no names), by their code.
    size = 1_000_000 // divisor * 2
    key = region // divisor * 2
    if level == "prefecture":
        key += region % 10_000 == 0
    unknown = ~known[region]
    if unknown.any():
        key = np.where(unknown, size + region, key)
    keys, inverse, some_row = _unique(key, size + 1_000_000)
    code_of_key = np.where(keys < size, keys // 2 * divisor, keys - size)
    # A key whose code's name changed over the years is split by birth year.
    by_year = np.array([changes(code) for code in code_of_key.tolist()], dtype=bool)
    position = LEVELS.index(level)
    found: dict[str, int] = {}

    def name_index(row: int) -> int:
        name = names(int(region[row]), int(year[row]))[position]
        return -1 if name is None else found.setdefault(name, len(found))

    of_key = np.array([name_index(r) for r in some_row.tolist()], dtype=np.int32)
    codes = of_key[inverse]
    split = np.flatnonzero(by_year[inverse])
    if split.size:
        pairs = inverse[split].astype(np.int64) * 10_000 + year[split]
        _, first, pair_inverse = np.unique(pairs, return_index=True, return_inverse=True)
        of_pair = np.array([name_index(r) for r in split[first].tolist()], dtype=np.int32)
        codes[split] = of_pair[pair_inverse.ravel()]
    order = sorted(found)
    remap = np.full(len(found) + 1, -1, dtype=np.int32)  # the last one maps -1 to -1
    remap[[found[name] for name in order]] = np.arange(len(order), dtype=np.int32)
    return remap[codes], tuple(order)


def _unique(values: Any, size: int) -> tuple[Any, Any, Any]:
    """The distinct ``values`` (all below ``size``), each row's index among them, and one
    row of each: a table lookup rather than a sort."""
    seen = np.zeros(size, dtype=bool)
    seen[values] = True
    distinct = np.flatnonzero(seen)
    index = np.zeros(size, dtype=np.int32)
    index[distinct] = np.arange(distinct.size, dtype=np.int32)
    inverse = index[values]
    some_row = np.zeros(distinct.size, dtype=np.int64)
    some_row[inverse] = np.arange(len(values))
    return distinct, inverse, some_row
