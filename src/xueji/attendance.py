"""Person and record at the same school (人籍一致, R2): where students attend against where
their records are.

The 2025 Measures (教基〔2025〕1号, Art. 25) ask every school to check its records at least
once a semester and to deal with person–record separation (人籍分离) and records with no
student (空挂学籍). [`find_discrepancies`][xueji.find_discrepancies] lists what such a
check finds; only an enrolled record with nobody attending counts as "absent", so a
service that acts on the list never touches a suspended, abroad or closed record.

Examples:
    >>> import datetime
    >>> from xueji import Actor, DedupResult, Role, School, Sex, Student, register
    >>> school = School("2111010001", "朝阳实验小学", "110105")
    >>> record = register(
    ...     Student("王小明", Sex.MALE, datetime.date(2015, 3, 1)),
    ...     school=school,
    ...     by=Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师"),
    ...     on=datetime.date(2021, 9, 1),
    ...     dedup=DedupResult(),
    ...     taken=(),
    ... )
    >>> for found in find_discrepancies([record], {}):
    ...     print(found.kind.value, found.key, found.registered_at)
    absent L110105********0010 2111010001
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from xueji._deprecated import module_getattr
from xueji._rules import require_records
from xueji._text import mask, plain
from xueji._validators import instance_of
from xueji.errors import InvalidValue
from xueji.record import TERMINAL, Record, Status
from xueji.registry_number import RegistryNumber
from xueji.resident_id import ResidentID
from xueji.school import School, SchoolCode

__all__ = ["Discrepancy", "DiscrepancyKind", "find_discrepancies"]


class DiscrepancyKind(enum.StrEnum):
    """What a person–record check found."""

    SEPARATED = "separated"  # 人籍分离: enrolled at one school, attending another
    UNREGISTERED = "unregistered"  # attending, and no record has this number or ID
    ABSENT = "absent"  # 空挂学籍: enrolled, and nobody attends under this record
    NOT_ENROLLED = "not-enrolled"  # attending while suspended, abroad or dropped out
    CLOSED = "closed"  # attending on a closed record (graduated, withdrawn, deceased…)


@attrs.frozen
class Discrepancy:
    """One finding of a person–record check (人籍一致核查).

    ``key`` is the record's current number, or for ``unregistered`` the key the
    attendance gave, masked. ``registered_at`` and ``attending`` are school codes;
    ``status`` is the record's status (None when there is no record).
    """

    kind: DiscrepancyKind = attrs.field(validator=instance_of(DiscrepancyKind))
    key: str = attrs.field(validator=instance_of(str))
    registered_at: str | None
    attending: str | None
    status: Status | None = None


#: The order in which records sharing a key are preferred: the enrolled one answers, then
#: a suspended, abroad or dropped-out one, then a closed one.
_RANK: Final = {
    status: 0 if status is Status.ENROLLED else 2 if status in TERMINAL else 1 for status in Status
}


def _key(value: object) -> str:
    if isinstance(value, RegistryNumber | ResidentID):
        return value.value
    if isinstance(value, str):
        return str(plain(value)).strip().upper()
    raise InvalidValue(
        f"a key must be a registry number or resident ID (text), not {type(value).__name__}",
        path="attendance",
    )


def _school(value: object) -> str:
    if isinstance(value, School):
        return value.code.value
    if isinstance(value, SchoolCode):
        return value.value
    if isinstance(value, str):
        return str(plain(value)).strip()
    raise InvalidValue(
        f"a school must be a school code (text, SchoolCode or School), not {type(value).__name__}",
        path="attendance",
    )


def _pairs(attendance: object) -> Iterable[tuple[object, object]]:
    if isinstance(attendance, Mapping):
        return attendance.items()
    if isinstance(attendance, str) or not isinstance(attendance, Iterable):
        raise InvalidValue(
            "must be a mapping or an iterable of (key, school) pairs,"
            f" not {type(attendance).__name__}",
            path="attendance",
        )
    pairs = []
    for i, pair in enumerate(attendance):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise InvalidValue("not a (key, school) tuple", path=f"attendance[{i}]")
        pairs.append(pair)
    return pairs


def find_discrepancies(
    records: Iterable[Record],
    attendance: Mapping[str, str] | Iterable[tuple[str, str]],
) -> list[Discrepancy]:
    """Compare where students are registered with where they attend.

    ``records`` are [`Record`][xueji.Record] values; ``attendance`` maps a student's
    registry number (current or former) or resident ID to the school they attend
    (a mapping, or an iterable of pairs). What is reported:

    - ``unregistered``: an attendance key no record has;
    - ``separated``: an enrolled record at another school than the one attended;
    - ``not-enrolled``: a suspended, abroad or dropped-out record whose student attends a
      school (the record should be resumed, or its return recorded);
    - ``closed``: a closed record (graduated, completed, left, withdrawn, deceased) whose
      student attends a school (a new stage needs its own procedure);
    - ``absent`` (空挂学籍): an enrolled record that nobody attends under.

    Suspended, abroad, dropped-out and closed records that nobody attends under are
    expected away and are not reported. Findings on attendance come in its order, then
    the absent records by school and number. When several records share a key, the open one answers.

    Raises:
        InvalidValue: a record is not a `Record`, or an attendance key or school is not
            text (or a number, ID, `SchoolCode` or `School` value); its ``path`` names
            the argument (``records``, ``attendance``) or the entry (``records[3]``).
    """
    where: dict[str, Record] = {}  # any key of a record -> the record answering for it
    held: list[Record] = []
    for i, record in enumerate(require_records(records)):
        if not isinstance(record, Record):
            raise InvalidValue(
                f"must be a xueji.Record, not {type(record).__name__}", path=f"records[{i}]"
            )
        held.append(record)
        keys = [record.number.value, *(n.value for n in record.former_numbers)]
        if record.student.resident_id is not None:
            keys.append(record.student.resident_id.value)
        for key in keys:
            known = where.get(key)
            if known is None or _RANK[record.status] < _RANK[known.status]:
                where[key] = record
    seen: set[str] = set()
    out: list[Discrepancy] = []
    for raw_key, raw_school in _pairs(attendance):
        key, school = _key(raw_key), _school(raw_school)
        found = where.get(key)
        if found is None:
            out.append(Discrepancy(DiscrepancyKind.UNREGISTERED, mask(key), None, school))
            continue
        seen.add(found.number.value)
        registered = found.school.code.value
        if found.status in TERMINAL:
            kind: DiscrepancyKind | None = DiscrepancyKind.CLOSED
        elif found.status is not Status.ENROLLED:
            kind = DiscrepancyKind.NOT_ENROLLED
        else:
            kind = DiscrepancyKind.SEPARATED if registered != school else None
        if kind is not None:
            out.append(Discrepancy(kind, found.number.masked(), registered, school, found.status))
    absent = sorted(
        (r for r in held if r.status is Status.ENROLLED and r.number.value not in seen),
        key=lambda r: (r.school.code.value, r.number.value),
    )
    out.extend(
        Discrepancy(DiscrepancyKind.ABSENT, r.number.masked(), r.school.code.value, None, r.status)
        for r in absent
    )
    return out


__getattr__ = module_getattr(
    __name__,
    {
        "Mismatch": "xueji.attendance:Discrepancy",
        "find_mismatches": "xueji.attendance:find_discrepancies",
    },
)
