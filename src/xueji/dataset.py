"""Person-and-record comparisons (`find_mismatches`), and the old home of the dataset checks.

The column report (`check_many`, `Report`, `Summary`) is in `xueji.columns` and the row
cross-checks (`check_row`, `RowCheck`, `find_duplicates`, `DuplicateGroup`) in
`xueji.rows`; their names here still work for one release, with a `DeprecationWarning`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from xueji._deprecated import module_getattr
from xueji._text import mask, plain

__all__ = ["Mismatch", "find_mismatches"]

if TYPE_CHECKING:
    from xueji.columns import Report as Report
    from xueji.columns import Summary as Summary
    from xueji.columns import check_many as check_many
    from xueji.rows import DuplicateGroup as DuplicateGroup
    from xueji.rows import RowCheck as RowCheck
    from xueji.rows import check_row as check_row
    from xueji.rows import find_duplicates as find_duplicates
else:
    __getattr__ = module_getattr(
        __name__,
        {
            **{name: f"xueji.columns:{name}" for name in ("Report", "Summary", "check_many")},
            **{
                name: f"xueji.rows:{name}"
                for name in ("DuplicateGroup", "RowCheck", "check_row", "find_duplicates")
            },
        },
    )


# -- person and record --------------------------------------------------------------------


@attrs.frozen
class Mismatch:
    """A person–record inconsistency (人籍分离, R2).

    ``kind``: ``separated`` (registered at one school, attending another),
    ``unregistered`` (attending with no record) or ``absent`` (a record at a school the
    student does not attend: 空挂学籍). ``key`` is the masked registry number or ID.
    """

    kind: str
    key: str
    registered_at: str | None
    attending: str | None


def find_mismatches(
    records: Iterable[object], attendance: Mapping[str, str] | Iterable[tuple[str, str]]
) -> list[Mismatch]:
    """Compare where students are registered with where they attend.

    ``records`` are :class:`~xueji.Record` values; ``attendance`` maps a student's
    registry number (current or former) or resident ID to the school code they attend.
    """
    from xueji.record import Record

    where: dict[str, tuple[str, str]] = {}  # any key of a record -> (record key, school)
    for record in records:
        if not isinstance(record, Record):
            continue
        school = record.school.code.value
        main = record.number.value
        keys = [main, *(n.value for n in record.former_numbers)]
        if record.student.resident_id is not None:
            keys.append(record.student.resident_id.value)
        for key in keys:
            where[key] = (main, school)
    pairs = attendance.items() if isinstance(attendance, Mapping) else attendance
    seen: set[str] = set()
    out: list[Mismatch] = []
    for key, school in pairs:
        key = str(plain(key)).strip().upper()
        found = where.get(key)
        if found is None:
            out.append(Mismatch("unregistered", mask(key), None, str(school)))
            continue
        seen.add(found[0])
        if found[1] != str(school):
            out.append(Mismatch("separated", mask(found[0]), found[1], str(school)))
    for main, school in sorted(set(where.values())):
        if main not in seen:
            out.append(Mismatch("absent", mask(main), school, None))
    return out
