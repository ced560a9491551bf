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


def _objects(items: Sequence[object]) -> Any:
    """``items`` as a 1-d object array (each item one element, whatever its type)."""
    if isinstance(items, np.ndarray):
        return items.astype(object)
    return np.fromiter(items, dtype=object, count=len(items))


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
    kind = np.where(codes == DETAIL, -1, v.coded_kind).astype(np.int8)
    kind[detail] = [row.kind for row in rest.values()]

    out: dict[str, Column] = {}
    if "ok" in wanted:
        out["ok"] = ("bool", ok, None)
    if "kind" in wanted:
        out["kind"] = ("category", kind.astype(np.int32), v.kinds)
    if "reason" in wanted:
        out["reason"] = _reasons(codes, detail, rest, v.reasons)

    # The canonical text of every valid row: its own text when the vectorised check coded
    # it, the cleaned text when the scalar check took it.
    texts = np.full(n, None, dtype=object)
    coded_ok = np.flatnonzero(ok & (codes != DETAIL))
    texts[coded_ok] = _objects(items)[coded_ok] if coded_ok.size else None
    detail_ok = [i for i, row in rest.items() if row.ok]
    texts[detail_ok] = [rest[i].value for i in detail_ok]
    if "value" in wanted:
        if not all(type(t) is str for t in texts[coded_ok]):  # str subclasses: plain str
            texts[coded_ok] = [str.__str__(t) for t in texts[coded_ok]]
        out["value"] = ("text", texts, None)
    person = {"document", "birth_date", "sex", "region_code", "nationality", "age", *LEVELS}
    person &= set(wanted)
    if person or "registry_kind" in wanted:
        ids = np.flatnonzero(ok & (kind == v.resident_id))
        numbers = np.flatnonzero(ok & (kind == v.registry_number))
        parts = _parts(ids, numbers, texts)
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


def _matrix(texts: Any, rows: Any, width: int) -> Any:
    """The characters of the canonical texts of ``rows`` (all ``width`` long) as bytes."""
    joined = "".join(texts[rows].tolist()).encode("ascii")
    return np.frombuffer(joined, dtype=np.uint8).reshape(len(rows), width)


def _number(d: Any, start: int, stop: int) -> Any:
    """The decimal number spelled by the digit columns ``start:stop``."""
    out = np.zeros(len(d), dtype=np.int32)
    for column in range(start, stop):
        out = out * 10 + d[:, column]
    return out


class _Parts(NamedTuple):
    """The valid numbers of a column, IDs first, then registry numbers."""

    rows: Any
    #: The prefix letter of a registry number; 0 for an ID.
    prefix: Any
    #: The digit values of the ID layout (an ID, or a registry number's body).
    digits: Any
    #: IDs and G numbers: the numbers a person's fields come from (not L or J).
    personal: Any
    foreign: Any
    #: The region code `region_code` gives: ``PP0000`` for a foreigner's card.
    region: Any
    year: Any
    month_day: Any


def _parts(ids: Any, numbers: Any, texts: Any) -> _Parts:
    body = np.empty((len(ids) + len(numbers), 18), dtype=np.uint8)
    prefix = np.zeros(len(body), dtype=np.uint8)
    if ids.size:
        body[: len(ids)] = _matrix(texts, ids, 18)
    if numbers.size:
        chars = _matrix(texts, numbers, 19)
        body[len(ids) :] = chars[:, 1:]
        prefix[len(ids) :] = chars[:, 0]
    d = body - np.uint8(_ZERO)  # the check character (X or a digit) is never read
    personal = (prefix == 0) | (prefix == ord("G"))
    foreign = personal & (d[:, 0] == _FOREIGN)
    region = _number(d, 0, 6)
    region = np.where(foreign, region // 1000 % 100 * 10_000, region)
    return _Parts(
        rows=np.concatenate([ids, numbers]),
        prefix=prefix,
        digits=d,
        personal=personal,
        foreign=foreign,
        region=region,
        year=_number(d, 6, 10),
        month_day=_number(d, 10, 14),
    )


def _category(n: int, rows: Any, codes: Any, categories: tuple[str, ...]) -> Column:
    column = np.full(n, -1, dtype=np.int32)
    column[rows] = codes
    return ("category", column, categories)


def _codes_of(n: int, rows: Any, values: Any, size: int, width: int) -> Column:
    """A category column of zero-padded numbers (region codes, nationalities)."""
    seen = np.zeros(size, dtype=bool)
    seen[values] = True
    used = np.flatnonzero(seen)
    index = np.zeros(size, dtype=np.int32)
    index[used] = np.arange(used.size, dtype=np.int32)
    return _category(n, rows, index[values], tuple(f"{c:0{width}d}" for c in used.tolist()))


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
        even = (p.digits[personal, 16] % 2 == 0).astype(np.int32)  # odd: the first of sexes
        out["sex"] = _category(n, p.rows[personal], even, v.sexes)
    if "nationality" in wanted:
        at = np.flatnonzero(p.foreign)
        nationality = _number(p.digits[at], 3, 6)
        out["nationality"] = _codes_of(n, p.rows[at], nationality, 1000, 3)
    if "region_code" in wanted:
        out["region_code"] = _codes_of(n, p.rows, p.region, 1_000_000, 6)
    if "birth_date" in wanted:
        birth = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        birth[p.rows] = _dates(p.year, p.month_day)
        out["birth_date"] = ("date", birth, None)
    return out


def _dates(year: Any, month_day: Any) -> Any:
    months = (year - 1970) * 12 + (month_day // 100 - 1)
    days = (month_day % 100 - 1).astype("timedelta64[D]")
    return months.astype("datetime64[M]").astype("datetime64[D]") + days


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
    # The key of a row: its level's code, with a flag for a province code's own rows
    # (which have no prefecture) and for unknown codes, keyed by the whole code.
    unknown = ~known[region]
    key = np.where(unknown, region, region // divisor * divisor) * 4 + unknown * 2
    if level == "prefecture":
        key += region % 10_000 == 0
    keys, inverse, some_row = _unique(key, 4_000_000)
    # A key whose code's name changed over the years is split by birth year.
    by_year = np.array([changes(int(k) // 4) for k in keys.tolist()], dtype=bool)
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
