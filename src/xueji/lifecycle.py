"""The registry's rules as pure functions: registration, promotion, transfers, updates, status.

Each operation takes the date as ``on``, the actor as ``by`` and the answers of outside
systems as values; it returns a new record and changes nothing.
Rule numbers (R1–R13) refer to the founding rules in ``docs/rules.md``.
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Iterable, Mapping
from typing import Final

import attrs

from xueji._frozen import FrozenMap
from xueji._rules import day, event, evolve, require_open, require_passed, require_school_admin
from xueji.errors import (
    DuplicateRegistration,
    IllegalTransition,
    InconsistentIdentity,
    InvalidValue,
    KeyFieldChangeRequired,
    Reason,
    XuejiError,
)
from xueji.record import (
    TRANSITIONS,
    Action,
    Actor,
    DedupResult,
    Event,
    PopulationMatch,
    Record,
    Status,
    Student,
)
from xueji.registry_number import RegistryKind, RegistryNumber, allocate
from xueji.school import School, SchoolCategory

__all__ = [
    "UPPER_SECONDARY",
    "Issuance",
    "change_status",
    "issue_formal_numbers",
    "promote",
    "register",
    "sync_transfer",
    "transfer",
    "update_info",
]

#: School categories whose students may withdraw (退学); compulsory stages may not.
UPPER_SECONDARY: Final = frozenset(
    {
        SchoolCategory.SENIOR_SECONDARY,
        SchoolCategory.ADULT_SENIOR_SECONDARY,
        SchoolCategory.SECONDARY_VOCATIONAL,
    }
)

#: Fields of a record that only a change request may change (R13), or that no update may.
KEY_FIELDS: Final = frozenset({"name", "resident_id", "number", "sex", "birth_date"})


def register(
    student: Student,
    *,
    school: School,
    by: Actor,
    on: datetime.date,
    dedup: DedupResult,
    taken: Container[str],
) -> Record:
    """Create a new record with a fresh temporary (L) number (R5, R10).

    The number comes from :func:`~xueji.allocate`: the school's region, the student's
    birth date and sex. ``by`` is the admin of ``school``; ``dedup`` must have passed.

    Raises:
        NotAuthorized: ``by`` is not the school's admin.
        DuplicateRegistration: the duplicate check found conflicts.
    """
    on = day(on)
    require_school_admin(by, school, doing="register")
    require_passed(dedup)
    if student.birth_date > on:
        raise InvalidValue("a student cannot be registered before being born")
    number = allocate(
        RegistryKind.L,
        region_code=school.region_code,
        birth_date=student.birth_date,
        taken=taken,
        sex=student.sex,
    )
    first = Event("register", on, by, {}, {"number": number, "school": school.code})
    return Record(number, student, school, Status.ENROLLED, on, on, history=(first,))


def _match_problem(student: Student, match: PopulationMatch) -> str | None:
    rid = match.resident_id
    if match.name != student.name:
        return "the name"
    if rid.birth_date != student.birth_date:
        return "the birth date"
    if rid.sex != student.sex:
        return "the sex"
    if student.resident_id is not None and student.resident_id != rid:
        return "the resident ID"
    return None


def promote(
    record: Record,
    *,
    match: PopulationMatch | None,
    dedup: DedupResult,
    on: datetime.date,
    taken: Container[str] = (),
) -> Record:
    """Give an L record its formal number: G with a population match, else J (R9, R11).

    With a :class:`~xueji.PopulationMatch` whose name, birth date and sex agree with the
    student, the number becomes ``G`` + the matched ID and the student gains it; with
    ``match=None`` (no usable ID) a new J number is allocated. The L number moves to
    ``former_numbers``.

    Raises:
        IllegalTransition: the record is not an open L record.
        DuplicateRegistration: the duplicate check found conflicts, or the G number is taken.
        InconsistentIdentity: the match disagrees with the student (reason ``match-mismatch``).
    """
    require_open(record, "promote")
    if record.number.kind is not RegistryKind.L:
        raise IllegalTransition(
            state=record.number.kind.value, action="promote", detail="only L numbers are promoted"
        )
    require_passed(dedup)
    student = record.student
    if match is None:
        number = allocate(
            RegistryKind.J,
            region_code=record.school.region_code,
            birth_date=student.birth_date,
            taken=taken,
            sex=student.sex,
        )
    else:
        if not isinstance(match, PopulationMatch):
            raise InvalidValue("match must be a PopulationMatch or None")
        problem = _match_problem(student, match)
        if problem is not None:
            raise InconsistentIdentity(
                f"the population match disagrees with the student on {problem}",
                reason=Reason.MATCH_MISMATCH,
            )
        number = RegistryNumber.for_resident(match.resident_id)
        if number.value in taken:
            raise DuplicateRegistration((number,))
        student = attrs.evolve(student, resident_id=match.resident_id)
    return evolve(
        record,
        event(record, "promote", on, None, number=number, student=student),
        number=number,
        student=student,
        former_numbers=(*record.former_numbers, record.number),
    )


@attrs.frozen
class Issuance:
    """The outcome of a formal-number issuance batch."""

    promoted: tuple[Record, ...]
    refused: tuple[tuple[Record, XuejiError], ...]


class _Either:
    """``in`` over two containers, without merging (or iterating) them."""

    __slots__ = ("_first", "_second")

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self._first = first
        self._second = second

    def __contains__(self, item: object) -> bool:
        return item in self._second or item in self._first


def issue_formal_numbers(
    records: Iterable[Record],
    *,
    matches: Mapping[str, PopulationMatch | None],
    dedups: Mapping[str, DedupResult],
    on: datetime.date,
    taken: Container[str] = (),
) -> Issuance:
    """Promote a batch of L records; numbers issued in the batch never collide.

    ``matches`` and ``dedups`` are keyed by each record's current (L) number. A record
    needs an entry in both: an explicit None match means "no usable ID" and gives a J
    number; a missing entry refuses the record rather than guess.
    """
    issued: set[str] = set()
    seen = _Either(taken, issued)
    batch: set[str] = set()
    promoted: list[Record] = []
    refused: list[tuple[Record, XuejiError]] = []
    for record in records:
        key = record.number.value
        try:
            if key in batch:
                raise IllegalTransition(
                    state="L", action="promote", detail="the record appears twice in the batch"
                )
            batch.add(key)
            if key not in dedups:
                raise InvalidValue("no duplicate-check result for this record")
            if key not in matches:
                raise InvalidValue("no population-database answer for this record")
            new = promote(record, match=matches[key], dedup=dedups[key], on=on, taken=seen)
        except XuejiError as err:
            refused.append((record, err))
            continue
        issued.add(new.number.value)
        promoted.append(new)
    return Issuance(tuple(promoted), tuple(refused))


def transfer(
    record: Record,
    *,
    to_school: School,
    by: Actor,
    on: datetime.date,
    offline: bool = False,
) -> Record:
    """Move an enrolled record to the receiving school (R2, R5, R6).

    ``by`` is the receiving school's admin. An offline transfer takes effect on ``on``:
    continuous registration counts from that day and ``pending_sync`` stays true until
    :func:`sync_transfer` records the electronic transfer.

    Raises:
        NotAuthorized: ``by`` is not the receiving school's admin.
        IllegalTransition: the record is not enrolled, awaits a sync, or is already there.
    """
    require_school_admin(by, to_school, doing="transfer")
    if record.status is not Status.ENROLLED:
        raise IllegalTransition(state=record.status.value, action="transfer")
    if record.pending_sync:
        raise IllegalTransition(
            state="pending-sync", action="transfer", detail="sync the last offline transfer first"
        )
    if to_school.code == record.school.code:
        raise IllegalTransition(
            state=record.status.value, action="transfer", detail="already at that school"
        )
    changes: dict[str, object] = {"school": to_school}
    if offline:
        changes.update(continuous_since=on, pending_sync=True)
    what = "transfer-offline" if offline else "transfer"
    return evolve(record, event(record, what, on, by, **changes), **changes)


def sync_transfer(record: Record, *, on: datetime.date) -> Record:
    """Record the electronic transfer that follows an offline one; continuity is kept.

    Raises:
        IllegalTransition: no offline transfer is pending.
    """
    if not record.pending_sync:
        raise IllegalTransition(state="synced", action="sync a transfer")
    return evolve(
        record, event(record, "sync-transfer", on, None, pending_sync=False), pending_sync=False
    )


def update_info(record: Record, *, by: Actor, on: datetime.date, **changes: object) -> Record:
    """Change non-key information (address, phone, guardians…) (R7); None removes a field.

    Raises:
        KeyFieldChangeRequired: a key field (name, resident ID, number, sex, birth date).
        NotAuthorized: ``by`` is not the admin of the record's school.
        IllegalTransition: the record is closed (graduated, withdrawn…).
    """
    for name in changes:
        if name in KEY_FIELDS:
            raise KeyFieldChangeRequired(name)
    require_school_admin(by, record.school, doing="update information")
    require_open(record, "update information")
    if not changes:
        raise InvalidValue("nothing to update")
    merged = {k: v for k, v in {**record.info, **changes}.items() if v is not None}
    try:
        info = FrozenMap(merged)
    except TypeError:
        raise InvalidValue("information values must be hashable (text, numbers, tuples)") from None
    before = FrozenMap({k: record.info[k] for k in changes if k in record.info})
    after = FrozenMap({k: info[k] for k in changes if k in info})
    return evolve(record, Event("update-info", day(on), by, before, after), info=info)


def change_status(
    record: Record, action: Action, *, by: Actor, on: datetime.date, note: str = ""
) -> Record:
    """Apply a status change (休学, 复学, 毕业 …) allowed by :data:`~xueji.TRANSITIONS`.

    Withdrawal (退学) is for upper-secondary schools only: compulsory-stage students keep
    their record. ``by`` is the admin of the record's school.

    Raises:
        NotAuthorized: ``by`` is not the admin of the record's school.
        IllegalTransition: the table has no such move from the current status.
    """
    try:
        action = Action(action)
    except ValueError:
        raise IllegalTransition(state=record.status.value, action=str(action)) from None
    require_school_admin(by, record.school, doing=f"{action}")
    target = TRANSITIONS.get((record.status, action))
    if target is None:
        raise IllegalTransition(state=record.status.value, action=str(action))
    if action is Action.WITHDRAW and record.school.code.category not in UPPER_SECONDARY:
        raise IllegalTransition(
            state=record.status.value,
            action=str(action),
            detail="only upper-secondary students may withdraw",
        )
    change = event(record, str(action), on, by, status=target)
    if note:
        change = attrs.evolve(change, after=FrozenMap({**change.after, "note": note}))
    return evolve(record, change, status=target)
