"""The registry's rules as pure functions: registration, promotion, transfers, updates, status.

Each operation takes the date as ``on``, the actor as ``by`` and the answers of outside
systems as values; it checks the actor's role and scope against the record's current
school and county, and returns a new record, changing nothing.
Rule numbers (R1–R13) refer to the founding rules in ``docs/rules.md``.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Container, Iterable, Mapping
from typing import Final, Literal, TypeVar

import attrs

from xueji._frozen import FrozenMap
from xueji._rules import (
    UNSET,
    Unset,
    day,
    event,
    evolve,
    require,
    require_open,
    require_passed,
    require_record,
    require_registrar,
    require_school,
    switch,
)
from xueji._validators import enum_member
from xueji.actor import Actor, Role
from xueji.errors import (
    DuplicateRegistration,
    IllegalTransition,
    InconsistentIdentity,
    InvalidNumber,
    InvalidValue,
    KeyFieldChangeRequired,
    Reason,
    XuejiError,
)
from xueji.record import (
    TRANSITIONS,
    Action,
    DedupResult,
    Event,
    EventKind,
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
    "SyncOutcome",
    "TransferMode",
    "change_status",
    "issue_formal_numbers",
    "numbers_in_use",
    "promote",
    "register",
    "sync_transfer",
    "transfer",
    "update_info",
]

V = TypeVar("V")

#: Answers keyed by registry number: as text, as `RegistryNumber` values, or both.
ByNumber = Mapping[str, V] | Mapping[RegistryNumber, V] | Mapping[str | RegistryNumber, V]

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

#: The record's own fields: each changes only through its operation, never update_info.
RECORD_FIELDS: Final = frozenset(f.name for f in attrs.fields(Record))


class TransferMode(enum.StrEnum):
    """How a transfer is made: through the national system, or on paper first (R6)."""

    ONLINE = "online"
    OFFLINE = "offline"  # 线下转学: the national system's answer follows (sync_transfer)


class SyncOutcome(enum.StrEnum):
    """The national system's answer to an offline transfer."""

    DONE = "done"  # the electronic transfer went through
    REFUSED = "refused"  # it did not: the record is where the national system has it


def _require_container(taken: object) -> Container[str]:
    if isinstance(taken, str) or not isinstance(taken, Container):
        raise InvalidValue("taken must be a container of registry numbers (a set, say)")
    return taken


def numbers_in_use(records: Iterable[Record]) -> frozenset[str]:
    """Every registry number the records hold now or held before, as canonical text.

    Numbers are never reused (R8): a new number must avoid former numbers too, so pass
    this (over every stored record, or its database equivalent) as ``taken`` to
    [`register`][xueji.register], [`promote`][xueji.promote],
    [`issue_formal_numbers`][xueji.issue_formal_numbers] and [`allocate`][xueji.allocate].

    >>> import datetime
    >>> from xueji import Actor, DedupResult, Role, School, Sex, Student
    >>> school = School("2111010001", "朝阳实验小学", "110105")
    >>> registrar = Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师")
    >>> central = Actor(Role.CENTRAL, None, "教育部")
    >>> first = register(
    ...     Student("王小明", Sex.MALE, datetime.date(2015, 3, 1)), school=school,
    ...     by=registrar, on=datetime.date(2021, 9, 1), dedup=DedupResult(), taken=(),
    ... )
    >>> first = promote(
    ...     first, match=None, dedup=DedupResult(), by=central, on=datetime.date(2022, 2, 1)
    ... )
    >>> sorted(numbers_in_use([first]))
    ['J110105201503010010', 'L110105201503010010']
    """
    if isinstance(records, str | Record) or not isinstance(records, Iterable):
        raise InvalidValue("records must be an iterable of xueji.Record")
    numbers: set[str] = set()
    for record in records:
        require_record(record)
        numbers.add(record.number.value)
        numbers.update(n.value for n in record.former_numbers)
    return frozenset(numbers)


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

    The number comes from [`allocate`][xueji.allocate]: the school's region, the student's
    birth date and sex, and a sequence whose number is not ``in taken``. Numbers are never
    reused, so ``taken`` holds former numbers too: [`numbers_in_use`][xueji.numbers_in_use]
    over the stored records. ``by`` is the registrar of ``school``; ``dedup`` must have
    passed.

    Raises:
        NotAuthorized: ``by`` is not the school's registrar.
        DuplicateRegistration: the duplicate check found conflicts.
    """
    if not isinstance(student, Student):
        raise InvalidValue("student must be a xueji.Student")
    school = require_school(school, what="school")
    by = require_registrar(by, school, doing="register")
    on = day(on)
    require_passed(dedup)
    taken = _require_container(taken)
    if student.birth_date > on:
        raise InvalidValue("a student cannot be registered before being born")
    number = allocate(
        RegistryKind.L,
        region_code=school.region_code,
        birth_date=student.birth_date,
        taken=taken,
        sex=student.sex,
    )
    first = Event(EventKind.REGISTER, on, by, {}, {"number": number, "school": school})
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
    by: Actor,
    on: datetime.date,
    taken: Container[str] = (),
) -> Record:
    """Give an L record its formal number: G with a population match, else J (R9, R11).

    The national system issues formal numbers after its duplicate check and population
    match, so ``by`` is `Role.CENTRAL` (ADR 0013). With a
    [`PopulationMatch`][xueji.PopulationMatch] whose name, birth date and sex agree with
    the student, the number becomes ``G`` + the matched ID and the student gains it; with
    ``match=None`` (no usable ID) a new J number is allocated, not ``in taken``
    ([`numbers_in_use`][xueji.numbers_in_use] over the stored records). The L number
    moves to ``former_numbers``.

    Raises:
        NotAuthorized: ``by`` is not the central role.
        IllegalTransition: the record is not an open L record.
        DuplicateRegistration: the duplicate check found conflicts, or the G number is taken.
        InconsistentIdentity: the match disagrees with the student (reason ``match-mismatch``).
    """
    record = require_record(record)
    by = require(by, Role.CENTRAL, None, doing="promote")
    require_open(record, "promote")
    if record.number.kind is not RegistryKind.L:
        raise IllegalTransition(
            state=record.number.kind.value, action="promote", detail="only L numbers are promoted"
        )
    require_passed(dedup)
    taken = _require_container(taken)
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
        event(record, EventKind.PROMOTE, on, by, number=number, student=student),
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


def _by_number(answers: object, what: str) -> dict[str, V]:
    """``answers`` keyed by canonical number text, from `RegistryNumber` or text keys."""
    if not isinstance(answers, Mapping):
        raise InvalidValue(f"{what} must be a mapping from registry numbers")
    keyed: dict[str, V] = {}
    for key, value in answers.items():
        if isinstance(key, RegistryNumber):
            number = key.value
        elif isinstance(key, str):
            try:
                number = RegistryNumber.parse(key).value
            except InvalidNumber:
                raise InvalidValue(f"{what}: a key is not a registry number") from None
        else:
            raise InvalidValue(f"{what} must be keyed by registry numbers (text or RegistryNumber)")
        if number in keyed:
            raise InvalidValue(f"{what}: two keys name the same number")
        keyed[number] = value
    return keyed


def issue_formal_numbers(
    records: Iterable[Record],
    *,
    matches: ByNumber[PopulationMatch | None],
    dedups: ByNumber[DedupResult],
    by: Actor,
    on: datetime.date,
    taken: Container[str] = (),
) -> Issuance:
    """Promote a batch of L records; numbers issued in the batch never collide.

    ``matches`` and ``dedups`` are keyed by each record's current (L) number, as text or
    as a `RegistryNumber`. A record needs an entry in both: an explicit None match means
    "no usable ID" and gives a J number; a missing entry refuses the record rather than
    guess. ``taken`` is [`numbers_in_use`][xueji.numbers_in_use] over the stored records;
    ``by`` is `Role.CENTRAL`, checked once for the whole batch.

    Raises:
        NotAuthorized: ``by`` is not the central role (nothing is issued).
        InvalidValue: ``records``, ``matches`` or ``dedups`` are not what they should be.
    """
    by = require(by, Role.CENTRAL, None, doing="issue formal numbers")
    if isinstance(records, str | Record) or not isinstance(records, Iterable):
        raise InvalidValue("records must be an iterable of xueji.Record")
    batch_records = [require_record(r) for r in records]
    answers: dict[str, PopulationMatch | None] = _by_number(matches, "matches")
    checks: dict[str, DedupResult] = _by_number(dedups, "dedups")
    issued: set[str] = set()
    seen = _Either(_require_container(taken), issued)
    batch: set[str] = set()
    promoted: list[Record] = []
    refused: list[tuple[Record, XuejiError]] = []
    for record in batch_records:
        key = record.number.value
        try:
            if key in batch:
                raise IllegalTransition(
                    state="L", action="promote", detail="the record appears twice in the batch"
                )
            batch.add(key)
            if key not in checks:
                raise InvalidValue("no duplicate-check result for this record")
            if key not in answers:
                raise InvalidValue("no population-database answer for this record")
            new = promote(record, match=answers[key], dedup=checks[key], by=by, on=on, taken=seen)
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
    mode: TransferMode = TransferMode.ONLINE,
    offline: bool | Literal[Unset.UNSET] = UNSET,
) -> Record:
    """Move an enrolled record to the receiving school (R2, R5, R6).

    ``by`` is the receiving school's registrar. The record is at the new school from
    ``on``, and continuous registration is kept. A `TransferMode.OFFLINE` transfer
    (done on paper first, when the national system fails) leaves ``pending_sync`` true
    until [`sync_transfer`][xueji.sync_transfer] records the national system's answer;
    no other transfer starts before that. ``offline=True`` is a deprecated spelling of
    ``mode=TransferMode.OFFLINE``.

    Raises:
        NotAuthorized: ``by`` is not the receiving school's registrar.
        IllegalTransition: the record is not enrolled, awaits a sync, or is already there.
        InvalidValue: ``mode`` is not a `TransferMode`.
    """
    record = require_record(record)
    to_school = require_school(to_school, what="to_school")
    by = require_registrar(by, to_school, doing="transfer")
    how = switch(
        mode,
        offline,
        cls=TransferMode,
        what="mode",
        old_name="offline",
        when=(TransferMode.OFFLINE, TransferMode.ONLINE),
        default=TransferMode.ONLINE,
    )
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
    if how is TransferMode.ONLINE:
        change = event(record, EventKind.TRANSFER, on, by, school=to_school)
        return evolve(record, change, school=to_school)
    change = event(record, EventKind.TRANSFER_OFFLINE, on, by, school=to_school, pending_sync=True)
    return evolve(record, change, school=to_school, pending_sync=True)


def _school_left(record: Record) -> School:
    """The school the pending offline transfer left, from its event."""
    for past in reversed(record.history):
        if past.kind is EventKind.TRANSFER_OFFLINE:
            left = past.before.get("school")
            if isinstance(left, School):
                return left
            break
    raise IllegalTransition(
        state="pending-sync",
        action="refuse a transfer",
        detail="the history holds no offline transfer to undo",
        reason=Reason.BROKEN_CHAIN,
    )


def sync_transfer(
    record: Record, *, outcome: SyncOutcome, by: Actor | None, on: datetime.date
) -> Record:
    """Record the national system's answer to an offline transfer (R6).

    `SyncOutcome.DONE`: the electronic transfer went through; the record stays at the
    receiving school, which it joined on the offline date. `SyncOutcome.REFUSED`: the
    system's record is final, so the record goes back to the school the national system
    has it at (the one it left offline); the history keeps both moves. Either way
    continuous registration is kept.

    ``by`` is `Role.CENTRAL`, or None when the answer comes from the national system's
    data exchange with nobody acting: the only events without an actor
    (`NATIONAL_EVENTS`).

    Raises:
        NotAuthorized: ``by`` is neither None nor the central role.
        IllegalTransition: no offline transfer is pending, or the record is closed.
        InvalidValue: ``outcome`` is not a `SyncOutcome`.
    """
    record = require_record(record)
    if by is not None:
        by = require(by, Role.CENTRAL, None, doing="sync a transfer")
    answer = enum_member(SyncOutcome, outcome, what="outcome")
    require_open(record, "sync a transfer")
    if not record.pending_sync:
        raise IllegalTransition(state="synced", action="sync a transfer")
    if answer is SyncOutcome.DONE:
        change = event(record, EventKind.SYNC_TRANSFER, on, by, pending_sync=False)
        return evolve(record, change, pending_sync=False)
    back = _school_left(record)
    change = event(record, EventKind.TRANSFER_REFUSED, on, by, school=back, pending_sync=False)
    return evolve(record, change, school=back, pending_sync=False)


def update_info(record: Record, *, by: Actor, on: datetime.date, **changes: object) -> Record:
    """Change non-key information (address, phone, guardians…) (R7); None removes a field.

    Key fields change only through a change request, and the record's own fields (school,
    status, dates…) only through their operations.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is closed (graduated, withdrawn…).
        KeyFieldChangeRequired: a key field (name, resident ID, number, sex, birth date).
        InvalidValue: a field of the record itself (``school``, ``status``…), or nothing.
    """
    record = require_record(record)
    by = require_registrar(by, record.school, doing="update information")
    require_open(record, "update information")
    for name in changes:
        if name in KEY_FIELDS:
            raise KeyFieldChangeRequired(name)
        if name in RECORD_FIELDS:
            raise InvalidValue(
                f"{name!r} is a field of the record: it changes only through its operation"
            )
    if not changes:
        raise InvalidValue("nothing to update")
    merged = {k: v for k, v in {**record.info, **changes}.items() if v is not None}
    try:
        info = FrozenMap(merged)
    except TypeError:
        raise InvalidValue("information values must be hashable (text, numbers, tuples)") from None
    before = FrozenMap({k: record.info[k] for k in changes if k in record.info})
    after = FrozenMap({k: info[k] for k in changes if k in info})
    change = Event(EventKind.UPDATE_INFO, day(on), by, before, after)
    return evolve(record, change, info=info)


def change_status(
    record: Record, action: Action, *, by: Actor, on: datetime.date, note: str = ""
) -> Record:
    """Apply a status change (休学, 复学, 毕业 …) allowed by the table `TRANSITIONS`.

    Withdrawal (退学) is for upper-secondary schools only: compulsory-stage students keep
    their record. ``by`` is the registrar of the record's school. Returning from abroad
    restarts continuous registration on ``on``: the time abroad is the one gap the
    registry records.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the table has no such move from the current status.
        InvalidValue: ``action`` is neither an `Action` nor text, or ``note`` is not text.
    """
    record = require_record(record)
    if not isinstance(action, str):
        raise InvalidValue("action must be a xueji.Action")
    try:
        action = Action(action)
    except ValueError:
        raise IllegalTransition(state=record.status.value, action=action) from None
    by = require_registrar(by, record.school, doing=f"{action}")
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    target = TRANSITIONS.get((record.status, action))
    if target is None:
        raise IllegalTransition(state=record.status.value, action=str(action))
    if action is Action.WITHDRAW and record.school.code.category not in UPPER_SECONDARY:
        raise IllegalTransition(
            state=record.status.value,
            action=str(action),
            detail="only upper-secondary students may withdraw",
        )
    changes: dict[str, object] = {"status": target}
    if action is Action.RETURN:
        changes["continuous_since"] = day(on)
    change = event(record, EventKind(action.value), on, by, **changes)  # type: ignore[arg-type]
    if note:
        change = attrs.evolve(change, after=FrozenMap({**change.after, "note": note}))
    return evolve(record, change, **changes)
