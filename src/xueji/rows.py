"""Cross-checks of rows: one record's fields (`check_row`), and clashes between records
(`find_duplicates`).

Examples:
    >>> rows = [
    ...     {"id": "11010519491231002X", "xjh": "G11010519491231002X"},
    ...     {"id": "11010519491231002X", "xjh": "L110105194912310011"},
    ... ]
    >>> columns = {"resident_id": "id", "registry_number": "xjh"}
    >>> [group.kind for group in find_duplicates(rows, columns=columns)]
    [<DuplicateKind.ID_SEVERAL_NUMBERS: 'id-several-numbers'>]
"""

from __future__ import annotations

import datetime
import enum
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Final

import attrs

from xueji._core import as_list
from xueji._text import mask, plain
from xueji.checks import Check, Kind, Problem, Severity, check
from xueji.columns import check_many
from xueji.errors import Reason
from xueji.frozenmap import FrozenMap, frozen_map
from xueji.parsing import MAX_INPUT, RegionPolicy
from xueji.resident_id import ResidentID, Sex

__all__ = ["DuplicateGroup", "DuplicateKind", "RowCheck", "check_row", "find_duplicates"]

_MAX_NAME: Final = 100


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


def _finding(reason: Reason, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(reason, severity, message)


def check_row(
    row: Mapping[str, object],
    *,
    columns: Mapping[str, str],
    as_of: datetime.date | None = None,
    regions: RegionPolicy = RegionPolicy.KNOWN,
) -> RowCheck:
    """Cross-check the fields of one record; never raises.

    ``columns`` maps the fields xueji knows (``resident_id``, ``registry_number``,
    ``school_code``, ``birth_date``, ``sex``, ``name``) to the row's column names.
    Checked: each number on its own; the declared birth date and sex against the ID;
    the registry number's birth date against the declared one (or the ID's); a G number
    whose body is not the ID (a warning: R12 allows it).

    Examples:
        >>> row = {"id": "11010519491231002X", "xjh": "G11010519491231002X", "sex": "男"}
        >>> columns = {"resident_id": "id", "registry_number": "xjh", "sex": "sex"}
        >>> result = check_row(row, columns=columns)
        >>> result.ok, result.problems[0].reason.value
        (False, 'sex-mismatch')
    """
    unknown = set(columns) - _FIELDS
    problems: list[Problem] = [
        _finding(Reason.INVALID_VALUE, f"unknown field {name!r}") for name in sorted(unknown)
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
            problems.append(_finding(Reason.INVALID_VALUE, "the declared birth date is not a date"))
        elif rid is not None and rid.birth_date != born:
            problems.append(
                _finding(Reason.BIRTH_DATE_MISMATCH, "the ID's birth date is not the declared one")
            )
    if "sex" in columns:
        sex = _declared_sex(row.get(columns["sex"]))
        if sex is None:
            problems.append(_finding(Reason.INVALID_VALUE, "the declared sex is not recognised"))
        elif rid is not None and rid.sex != sex:
            problems.append(_finding(Reason.SEX_MISMATCH, "the ID's sex is not the declared one"))
    if reg_value is not None:
        reference = born or (rid.birth_date if rid is not None else None)
        number_born = reg_value[7:15]
        if reference is not None and number_born != f"{reference:%Y%m%d}":
            problems.append(
                _finding(
                    Reason.BIRTH_DATE_MISMATCH,
                    "the registry number's birth date is not the declared one",
                )
            )
        if rid is not None and reg_value[0] == "G" and reg_value[1:] != rid.value:
            problems.append(
                _finding(
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


class DuplicateKind(enum.StrEnum):
    """How the rows of a `DuplicateGroup` clash."""

    #: One resident ID under several registry numbers.
    ID_SEVERAL_NUMBERS = "id-several-numbers"
    #: One registry number for different people (other IDs, or other name, sex and date).
    NUMBER_SEVERAL_PEOPLE = "number-several-people"
    #: The same name, sex and birth date in different records.
    SAME_PERSON_DETAILS = "same-person-details"


@attrs.frozen
class DuplicateGroup:
    """Rows that clash (查重): a problem record of the registry, found in a data set.

    ``kind`` says how (a `DuplicateKind`, which equals its text value); ``key`` is
    masked; ``rows`` are the row indices, in input order.
    """

    kind: DuplicateKind
    key: str
    rows: tuple[int, ...]


_ID_SEVERAL: Final = DuplicateKind.ID_SEVERAL_NUMBERS
_SEVERAL_PEOPLE: Final = DuplicateKind.NUMBER_SEVERAL_PEOPLE
_SAME_DETAILS: Final = DuplicateKind.SAME_PERSON_DETAILS


def _columns(rows: object, columns: Mapping[str, str]) -> tuple[int, dict[str, list[object]]]:
    # A data frame gives its columns directly (much cheaper than a dict per row); any other
    # iterable is read as mappings.
    if hasattr(rows, "columns") and hasattr(rows, "__getitem__") and not isinstance(rows, Mapping):
        frame: Any = rows
        data = {field: as_list(frame[name]) for field, name in columns.items()}
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

    Examples:
        >>> rows = [
        ...     {"id": "11010519491231002X", "xjh": "G11010519491231002X"},
        ...     {"id": "11010519491231002X", "xjh": "L110105194912310011"},
        ... ]
        >>> columns = {"resident_id": "id", "registry_number": "xjh"}
        >>> group, = find_duplicates(rows, columns=columns)
        >>> group.kind.value, group.rows
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
            groups.append(DuplicateGroup(_ID_SEVERAL, mask(rid), tuple(members)))
    for number, members in _clashes(numbers).items():
        several_ids = len({ids[i] for i in members} - {None}) > 1
        several_people = len({people[i] for i in members} - {None}) > 1
        if several_ids or several_people:
            groups.append(DuplicateGroup(_SEVERAL_PEOPLE, mask(number), tuple(members)))
    for person, members in _clashes(people).items():
        if len({numbers[i] or ids[i] or i for i in members}) > 1:
            # Names are personal data too: the key keeps the family name only.
            groups.append(DuplicateGroup(_SAME_DETAILS, f"{person[:1]}**", tuple(members)))
    groups.sort(key=lambda g: g.rows)
    return groups
