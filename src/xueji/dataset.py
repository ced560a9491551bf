"""Checks over many values at once: columns, rows, duplicates, person and record.

:func:`check_many` takes any iterable (a list, a numpy array, a pandas or polars Series)
without importing pandas or polars. It returns a :class:`Report` whose per-row
:class:`~xueji.checks.Check` results are built only when asked for; counts and masks
come from a compact per-row code. With numpy installed and a large input, the canonical
rows are classified by a vectorised path whose results equal the scalar path's.

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
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, overload

import attrs

from xueji._frozen import FrozenMap, frozen_map
from xueji._text import MAX_INPUT, mask, plain
from xueji.checks import REGION_WARNINGS, Check, Kind, Problem, Severity, check
from xueji.errors import Reason
from xueji.registry_number import _problem as registry_problem
from xueji.resident_id import (
    _ID_CHARACTERS,
    RegionCheck,
    ResidentID,
    Sex,
    as_of_key,
    problem,
)

__all__ = [
    "DuplicateGroup",
    "Report",
    "RowCheck",
    "Summary",
    "check_many",
    "check_row",
    "find_duplicates",
]

# Per-row codes: a row with a code below DETAIL is a canonical 18-character resident ID
# whose whole Check follows from the code; DETAIL rows keep the Check computed for them.
OK: Final = 0
CODED_ERRORS: Final = (
    Reason.CHECKSUM,
    Reason.BIRTH_DATE,
    Reason.FUTURE_BIRTH_DATE,
    Reason.REGION,
    Reason.NATIONALITY,
    Reason.LENGTH,
)
RETIRED: Final = len(CODED_ERRORS) + 1
AGGREGATE: Final = RETIRED + 1
DETAIL: Final = 255
_ALL_CODES: Final = (OK, *range(1, AGGREGATE + 1), DETAIL)
_CODE_OF: Final = {reason: i for i, reason in enumerate(CODED_ERRORS, 1)}
_CODE_REASONS: Final = {
    **{i: reason for reason, i in _CODE_OF.items()},
    RETIRED: Reason.RETIRED_REGION,
    AGGREGATE: Reason.AGGREGATE_REGION,
}
_VECTOR_THRESHOLD: Final = 20_000
_MAX_NAME: Final = 100


@attrs.frozen
class Summary:
    """Counts over a report: rows, valid rows, rows per kind, problems per reason."""

    rows: int
    ok: int
    kinds: FrozenMap[int] = attrs.field(converter=frozen_map)
    reasons: FrozenMap[int] = attrs.field(converter=frozen_map)


@attrs.frozen
class _Options:
    as_of: datetime.date | None
    regions: RegionCheck
    expect: Kind | None


class Report(Sequence[Check]):
    """Per-row results of :func:`check_many`, in input order, built lazily."""

    def __init__(
        self,
        values: Sequence[object],
        codes: Sequence[int],
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
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        found = self._details.get(index)
        if found is not None:
            return found
        # Coded rows are rebuilt by the scalar check itself, so they cannot differ from it.
        o = self._options
        return check(self._values[index], as_of=o.as_of, regions=o.regions, expect=o.expect)

    def __repr__(self) -> str:
        s = self.summary()
        return f"<Report rows={s.rows} ok={s.ok} reasons={s.reasons}>"

    def ok_mask(self) -> list[bool]:
        """One bool per row: True when the row has no error (warnings allowed)."""
        details = self._details
        ok_codes = (OK, RETIRED, AGGREGATE)
        return [
            details[i].ok if code == DETAIL else code in ok_codes
            for i, code in enumerate(self._codes)
        ]

    def summary(self) -> Summary:
        """Counts per kind and per problem reason (each problem of each row once)."""
        # bytes.count per code: a C scan each, far quicker than a Counter over a million rows.
        codes = self._codes
        counts = {code: n for code in _ALL_CODES if (n := codes.count(code))}
        kinds: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        ok = 0
        for code, n in counts.items():
            if code == DETAIL:
                continue
            kinds[(self._options.expect or Kind.RESIDENT_ID).value] += n
            if code in (OK, RETIRED, AGGREGATE):
                ok += n
            if code != OK:
                reasons[_CODE_REASONS[code].value] += n
        for result in self._details.values():
            ok += result.ok
            if result.kind is not None:
                kinds[result.kind.value] += 1
            reasons.update(p.reason.value for p in result.problems)
        return Summary(len(self), ok, dict(sorted(kinds.items())), dict(sorted(reasons.items())))

    def values(self) -> list[str | None]:
        """The canonical form of every valid row, None for the others: a cleaned column."""
        valid = (OK, RETIRED, AGGREGATE)
        # Coded rows are canonical text already; detailed rows know their value.
        out: list[str | None] = [
            str.__str__(value) if code in valid else None
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


def _as_list(values: Iterable[object]) -> list[object]:
    # numpy arrays and pandas/polars Series hand out numpy scalars when iterated;
    # tolist()/to_list() gives plain Python objects (str, float, None) in one C call.
    # Except for numpy dates, which tolist() may turn into plain ints (nanoseconds): those
    # are iterated, so that they stay what they are (not text, not a damaged number).
    if getattr(getattr(values, "dtype", None), "kind", None) == "M":
        return list(values)
    for name in ("tolist", "to_list"):
        convert = getattr(values, name, None)
        if callable(convert):
            try:
                result = convert()
            except Exception:
                continue
            if isinstance(result, list):
                return result
    return list(values)


def _scalar_codes(
    values: Sequence[object], options: _Options, only: Iterable[int] | None = None
) -> tuple[bytearray, dict[int, Check]]:
    as_of, regions, expect = as_of_key(options.as_of), options.regions, options.expect
    # The fast path covers canonical text of the expected kind (resident IDs by default):
    # one call to the parser's own check function, then a per-row code.
    validate: Callable[[str, str | None, RegionCheck], Reason | None]
    if expect is Kind.REGISTRY_NUMBER:
        length, offset, validate = 19, 1, registry_problem
    elif expect is None or expect is Kind.RESIDENT_ID:
        length, offset, validate = 18, 0, problem
    else:
        length, offset, validate = -1, 0, problem
    id_checksum = length == 18
    warnings = REGION_WARNINGS
    code_of = _CODE_OF
    checksum = Reason.CHECKSUM
    codes = bytearray(len(values))
    details: dict[int, Check] = {}
    length_code, id_characters = code_of[Reason.LENGTH], _ID_CHARACTERS
    for i in range(len(values)) if only is None else only:
        v = values[i]
        if type(v) is not str:
            v = plain(v)  # numpy.str_ and other subclasses: the plain string checks the same
        if type(v) is str:
            size = len(v)
            if size == length:
                reason = validate(v, as_of, regions)
                if reason is None:
                    last = warnings.get(v[offset : offset + 6])
                    if last is None or last >= v[offset + 6 : offset + 10]:
                        continue  # OK: the bytearray starts at 0
                    codes[i] = AGGREGATE if last == "0000" else RETIRED
                    continue
                code = code_of.get(reason)
                # An ID ending in 000 that fails its checksum is reported as float damage.
                if code is not None and not (
                    id_checksum and reason is checksum and v.endswith("000")
                ):
                    codes[i] = code
                    continue
            elif (
                id_checksum
                and 0 < size <= 20
                and size != 10
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
    regions: RegionCheck = RegionCheck.KNOWN,
    expect: Kind | None = None,
    vectorise: bool | None = None,
) -> Report:
    """Check every value; the options are those of :func:`~xueji.check`.

    ``vectorise`` forces (True) or forbids (False) the numpy path; by default it runs
    when numpy is installed and there are at least 20,000 values. Both give equal results.
    """
    options = _Options(as_of, regions, expect)
    # A numpy string array goes to the vectorised path as it is: turning it into a list
    # would cost more than checking it.
    string_array = type(values).__name__ == "ndarray" and getattr(values, "dtype", None) is not None
    string_array = (
        string_array
        and values.dtype.kind == "U"  # type: ignore[attr-defined]
        and values.ndim == 1  # type: ignore[attr-defined]
    )
    items: Sequence[object] = values if string_array else _as_list(values)  # type: ignore[assignment]
    use_numpy = vectorise if vectorise is not None else len(items) >= _VECTOR_THRESHOLD
    if use_numpy and expect is not Kind.SCHOOL_CODE:
        try:
            from xueji import _vector
        except ImportError:  # numpy is optional
            pass
        else:
            rows: Sequence[object] = items
            if expect is Kind.REGISTRY_NUMBER:
                # A G number's checks are its resident ID's: classify the bodies; the
                # other kinds (L, J) go to the scalar path.
                rows = [
                    v[1:] if type(v) is str and len(v) == 19 and v[0] == "G" else None
                    for v in items
                ]
            vector_codes, rest = _vector.classify(rows, as_of_key(as_of), regions)
            scalar_codes, details = _scalar_codes(items, options, only=rest.tolist())
            vector_codes[rest] = _vector.as_array(scalar_codes)[rest]
            return Report(items, vector_codes.tobytes(), details, options)
    if string_array:
        items = items.tolist()  # type: ignore[attr-defined]
    codes, details = _scalar_codes(items, options)
    return Report(items, codes, details, options)


# -- rows -------------------------------------------------------------------------------


@attrs.frozen
class RowCheck:
    """The checks of one record's fields, and the problems between them."""

    ok: bool
    fields: FrozenMap[Check] = attrs.field(converter=frozen_map)
    problems: tuple[Problem, ...] = ()


_FIELDS: Final = frozenset(
    {"resident_id", "registry_number", "school_code", "birth_date", "sex", "name"}
)
_SEXES: Final = {
    "1": Sex.MALE,
    "2": Sex.FEMALE,
    "男": Sex.MALE,
    "女": Sex.FEMALE,
    "m": Sex.MALE,
    "f": Sex.FEMALE,
    "male": Sex.MALE,
    "female": Sex.FEMALE,
}


def _declared_date(value: object) -> datetime.date | None:
    value = plain(value)
    if isinstance(value, str) and len(value) > MAX_INPUT:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip().replace("/", "-").replace(".", "-")
        try:
            if len(text) == 8 and text.isascii() and text.isdigit():
                return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
            return datetime.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def _declared_sex(value: object) -> Sex | None:
    if isinstance(value, Sex):
        return value
    value = plain(value)
    if isinstance(value, str) and len(value) > MAX_INPUT:
        return None
    if isinstance(value, str):
        return _SEXES.get(value.strip().lower())
    if isinstance(value, int) and not isinstance(value, bool):
        return _SEXES.get(str(value)) if 0 <= value <= 9 else None
    return None


def _problem(reason: Reason, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(reason, severity, message)


def check_row(
    row: Mapping[str, object],
    *,
    columns: Mapping[str, str],
    as_of: datetime.date | None = None,
    regions: RegionCheck = RegionCheck.KNOWN,
) -> RowCheck:
    """Cross-check the fields of one record; never raises.

    ``columns`` maps the fields xueji knows (``resident_id``, ``registry_number``,
    ``school_code``, ``birth_date``, ``sex``, ``name``) to the row's column names.
    Checked: each number on its own; the declared birth date and sex against the ID;
    the registry number's birth date against the declared one (or the ID's); a G number
    whose body is not the ID (a warning: R12 allows it).

    >>> row = {"id": "11010519491231002X", "xjh": "G11010519491231002X", "sex": "男"}
    >>> columns = {"resident_id": "id", "registry_number": "xjh", "sex": "sex"}
    >>> result = check_row(row, columns=columns)
    >>> result.ok, result.problems[0].reason.value
    (False, 'sex-mismatch')
    """
    unknown = set(columns) - _FIELDS
    problems: list[Problem] = [
        _problem(Reason.INVALID_VALUE, f"unknown field {name!r}") for name in sorted(unknown)
    ]
    fields: dict[str, Check] = {}
    expects = {
        "resident_id": Kind.RESIDENT_ID,
        "registry_number": Kind.REGISTRY_NUMBER,
        "school_code": Kind.SCHOOL_CODE,
    }
    for field, kind in expects.items():
        if field in columns:
            fields[field] = check(
                row.get(columns[field]), as_of=as_of, regions=regions, expect=kind
            )
    rid_check = fields.get("resident_id")
    rid = ResidentID(rid_check.value) if rid_check and rid_check.ok and rid_check.value else None
    reg = fields.get("registry_number")
    reg_value = reg.value if reg is not None and reg.ok else None

    born: datetime.date | None = None
    if "birth_date" in columns:
        born = _declared_date(row.get(columns["birth_date"]))
        if born is None:
            problems.append(_problem(Reason.INVALID_VALUE, "the declared birth date is not a date"))
        elif rid is not None and rid.birth_date != born:
            problems.append(
                _problem(Reason.BIRTH_DATE_MISMATCH, "the ID's birth date is not the declared one")
            )
    if "sex" in columns:
        sex = _declared_sex(row.get(columns["sex"]))
        if sex is None:
            problems.append(_problem(Reason.INVALID_VALUE, "the declared sex is not recognised"))
        elif rid is not None and rid.sex != sex:
            problems.append(_problem(Reason.SEX_MISMATCH, "the ID's sex is not the declared one"))
    if reg_value is not None:
        reference = born or (rid.birth_date if rid is not None else None)
        number_born = reg_value[7:15]
        if reference is not None and number_born != f"{reference:%Y%m%d}":
            problems.append(
                _problem(
                    Reason.BIRTH_DATE_MISMATCH,
                    "the registry number's birth date is not the declared one",
                )
            )
        if rid is not None and reg_value[0] == "G" and reg_value[1:] != rid.value:
            problems.append(
                _problem(
                    Reason.REGISTRY_ID_MISMATCH,
                    "the G number's body differs from the resident ID (allowed by R12)",
                    Severity.WARNING,
                )
            )
    ok = all(c.ok for c in fields.values()) and not any(
        p.severity is Severity.ERROR for p in problems
    )
    return RowCheck(ok, fields, tuple(problems))


# -- duplicates ---------------------------------------------------------------------------


@attrs.frozen
class DuplicateGroup:
    """Rows that clash (查重, domain.md §3.5).

    ``kind``: ``id-several-numbers`` (one resident ID under several registry numbers),
    ``number-several-people`` (one registry number for different people) or
    ``same-person-details`` (same name, sex and birth date in different records).
    ``key`` is masked; ``rows`` are the row indices, in input order.
    """

    kind: str
    key: str
    rows: tuple[int, ...]


def _columns(rows: object, columns: Mapping[str, str]) -> tuple[int, dict[str, list[object]]]:
    # A data frame gives its columns directly (much cheaper than a dict per row); any other
    # iterable is read as mappings.
    if hasattr(rows, "columns") and hasattr(rows, "__getitem__") and not isinstance(rows, Mapping):
        frame: Any = rows
        data = {field: _as_list(frame[name]) for field, name in columns.items()}
        return len(next(iter(data.values()), [])), data
    fields = list(columns.items())
    data = {field: [] for field in columns}
    appends = [(data[field].append, name) for field, name in fields]
    n = 0
    for row in rows:  # type: ignore[attr-defined]
        n += 1
        if type(row) is dict or isinstance(row, Mapping):
            get = row.get
            for append, name in appends:
                append(get(name))
        else:
            for append, _ in appends:
                append(None)
    return n, data


def _read_column(values: list[object], read: Callable[[object], Any]) -> list[Any]:
    """``read`` applied to every value, each distinct value read once."""
    try:
        # Exports repeat the same few thousand spellings of sexes and dates.
        table = {value: read(value) for value in set(values)}
    except TypeError:  # an unhashable value somewhere: read them one by one
        return [read(value) for value in values]
    return [table[value] for value in values]


def _people(data: dict[str, list[object]], n: int) -> list[str | None]:
    """Each row's person key (name, sex and birth date), or None where one is unreadable.

    The key is one string, not a tuple: a string caches its hash, so counting and
    grouping a million of them hashes each once.
    """
    if not {"name", "sex", "birth_date"} <= data.keys():
        return [None] * n
    names = [
        v.strip() or None if isinstance(v, str) and len(v) <= _MAX_NAME else None
        for v in map(plain, data["name"])
    ]
    sexes = _read_column(data["sex"], _declared_sex)
    dates = _read_column(
        data["birth_date"], lambda v: None if (d := _declared_date(v)) is None else d.isoformat()
    )
    return [
        None if name is None or sex is None or born is None else f"{name}\x1f{sex}\x1f{born}"
        for name, sex, born in zip(names, sexes, dates, strict=True)
    ]


def _clashes(keys: Sequence[Hashable | None]) -> dict[Any, list[int]]:
    """Row indices of every key that occurs more than once (None never counts)."""
    counts = Counter(keys)  # counted in C: most keys occur once and are dropped here
    counts.pop(None, None)
    repeated = {key for key, count in counts.items() if count > 1}
    groups: dict[Any, list[int]] = defaultdict(list)
    if repeated:
        for i, key in enumerate(keys):
            if key in repeated:
                groups[key].append(i)
    return groups


def find_duplicates(rows: object, *, columns: Mapping[str, str]) -> list[DuplicateGroup]:
    """Groups of rows that clash, in one pass over the rows.

    ``rows`` is an iterable of mappings or a pandas/polars DataFrame; ``columns`` maps
    ``resident_id``, ``registry_number``, ``name``, ``sex`` and ``birth_date`` (any you
    have) to column names. Invalid numbers are skipped (check them with check_many).
    One registry number held by rows whose resident IDs differ, or whose name, sex and
    birth date differ, is ``number-several-people``.

    >>> rows = [
    ...     {"id": "11010519491231002X", "xjh": "G11010519491231002X"},
    ...     {"id": "11010519491231002X", "xjh": "L110105194912310011"},
    ... ]
    >>> columns = {"resident_id": "id", "registry_number": "xjh"}
    >>> group, = find_duplicates(rows, columns=columns)
    >>> group.kind, group.rows
    ('id-several-numbers', (0, 1))
    """
    # Grouping a million rows allocates millions of small acyclic objects, and each
    # allocation burst would make the cyclic collector re-scan every live row: pause it.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _find_duplicates(rows, columns)
    finally:
        if paused:
            gc.enable()


def _find_duplicates(rows: object, columns: Mapping[str, str]) -> list[DuplicateGroup]:
    n, data = _columns(rows, columns)
    none: list[str | None] = [None] * n
    ids = (
        check_many(data["resident_id"], expect=Kind.RESIDENT_ID).values()
        if "resident_id" in data
        else none
    )
    numbers = (
        check_many(data["registry_number"], expect=Kind.REGISTRY_NUMBER).values()
        if "registry_number" in data
        else none
    )
    people = _people(data, n)
    groups: list[DuplicateGroup] = []
    for rid, members in _clashes(ids).items():
        if len({numbers[i] for i in members} - {None}) > 1:
            groups.append(DuplicateGroup("id-several-numbers", mask(rid), tuple(members)))
    for number, members in _clashes(numbers).items():
        several_ids = len({ids[i] for i in members} - {None}) > 1
        several_people = len({people[i] for i in members} - {None}) > 1
        if several_ids or several_people:
            groups.append(DuplicateGroup("number-several-people", mask(number), tuple(members)))
    for person, members in _clashes(people).items():
        if len({numbers[i] or ids[i] or i for i in members}) > 1:
            # Names are personal data too: the key keeps the family name only.
            groups.append(DuplicateGroup("same-person-details", f"{person[:1]}**", tuple(members)))
    groups.sort(key=lambda g: g.rows)
    return groups
