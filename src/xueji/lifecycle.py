"""The registry's rules as pure functions: registration, promotion, updates.

Each operation takes the date as ``on``, the actor as ``by`` and the answers of outside
systems as values; it checks the actor's role and scope against the record's current
school and county, and returns a new record, changing nothing.
Rule numbers (R1–R13) refer to the founding rules in ``docs/rules.md``.
Transfers are in `xueji.school_transfer`, status changes in `xueji.status`, suspensions in
`xueji.suspension`, grades and progression in `xueji.progression`; the names they had
here are kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Iterable, Mapping
from typing import Final, TypeVar

import attrs

from xueji._frozen import FrozenMap
from xueji._rules import (
    day,
    event,
    evolve,
    require,
    require_open,
    require_passed,
    require_policy,
    require_record,
    require_records,
    require_registrar,
    require_school,
)
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
from xueji.policy import Policy
from xueji.record import (
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
from xueji.stage import check_grade, stages_taught, teaches_grade

__all__ = [
    "UPPER_SECONDARY",
    "Issuance",
    "issue_formal_numbers",
    "numbers_in_use",
    "promote",
    "register",
    "update_info",
]

V = TypeVar("V")

#: Answers keyed by registry number: as text, as `RegistryNumber` values, or both.
ByNumber = Mapping[str, V] | Mapping[RegistryNumber, V] | Mapping[str | RegistryNumber, V]

#: Deprecated: no rule reads it. The school categories that withdrawal (退学) used to be
#: allowed at; it is now decided by the student's stage (`xueji.STAGES_TAUGHT`).
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


def _require_container(taken: object) -> Container[str]:
    if isinstance(taken, str) or not isinstance(taken, Container):
        raise InvalidValue(
            f"must be a container of registry numbers (a set, say), not {type(taken).__name__}",
            path="taken",
        )
    return taken


def _records(records: object) -> list[Record]:
    return [require_record(record) for record in require_records(records)]


def numbers_in_use(records: Iterable[Record]) -> frozenset[str]:
    """Every registry number the records hold now or held before, as canonical text.

    Numbers are never reused (R8): a new number must avoid former numbers too, so pass
    this (over every stored record, or its database equivalent) as ``taken`` to
    [`register`][xueji.register], [`promote`][xueji.promote],
    [`issue_formal_numbers`][xueji.issue_formal_numbers] and [`allocate`][xueji.allocate].

    Examples:
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
    numbers: set[str] = set()
    for record in _records(records):
        numbers.add(record.number.value)
        numbers.update(n.value for n in record.former_numbers)
    return frozenset(numbers)


def _age_approval(value: object) -> str | None:
    if value is not None and not (isinstance(value, str) and value.strip() and value.isprintable()):
        raise InvalidValue("an age approval is a reference to the approving document (text)")
    return value


def register(
    student: Student,
    *,
    school: School,
    by: Actor,
    on: datetime.date,
    dedup: DedupResult,
    taken: Container[str],
    grade: int | None = None,
    policy: Policy = Policy.NATIONAL,
    age_approval: str | None = None,
) -> Record:
    """Create a new record with a fresh temporary (L) number (R5, R10).

    The number comes from [`allocate`][xueji.allocate]: the school's region, the student's
    birth date and sex, and a sequence whose number is not ``in taken``. Numbers are never
    reused, so ``taken`` holds former numbers too: [`numbers_in_use`][xueji.numbers_in_use]
    over the stored records. ``by`` is the registrar of ``school``; ``dedup`` must have
    passed: a student it finds a record for already has one, which the school takes up
    by [`progress`][xueji.progress] after a graduation or by a transfer
    ([`request_transfer`][xueji.request_transfer]), never by a second registration.

    ``grade`` (1–12, counted under ``policy.primary_years``) must be in a stage the school
    teaches. A grade-1 pupil must have completed ``policy.entry_age`` years by the entry
    cut-off of the school year (31 August nationally); a younger one is registered only
    with ``age_approval``, the reference of the approving document, which the history
    keeps.

    Raises:
        NotAuthorized: ``by`` is not the school's registrar.
        DuplicateRegistration: the duplicate check found conflicts (``instead`` names the
            operations that take up an existing record).
        InvalidValue: the school teaches no stage of basic education or not the grade's
            (``wrong-stage``), or a grade-1 pupil is too young without an approval
            (``under-age``).
    """
    if not isinstance(student, Student):
        raise InvalidValue(f"student must be a xueji.Student, not {type(student).__name__}")
    school = require_school(school, what="school")
    by = require_registrar(by, school, doing="register")
    on = day(on)
    policy = require_policy(policy)
    approval = _age_approval(age_approval)
    require_passed(dedup, instead=("progress", "request_transfer"))
    taken = _require_container(taken)
    if student.birth_date > on:
        raise InvalidValue("a student cannot be registered before being born")
    taught = stages_taught(school)
    if not taught:
        raise InvalidValue(
            "the school teaches no stage of basic education", reason=Reason.WRONG_STAGE
        )
    after: dict[str, object] = {"grade": grade, "primary_years": policy.primary_years}
    if grade is not None:
        check_grade(grade)
        if not teaches_grade(school, grade, primary_years=policy.primary_years):
            raise InvalidValue(
                f"the school does not teach grade {grade}", reason=Reason.WRONG_STAGE
            )
        too_young = grade == 1 and not policy.meets_entry_age(student.birth_date, on=on)
        if too_young and approval is None:
            raise InvalidValue(
                "too young for grade 1 by the entry cut-off: give age_approval",
                reason=Reason.UNDER_AGE,
            )
    if approval is not None:
        after["age_approval"] = approval
    number = allocate(
        RegistryKind.L,
        region_code=school.region_code,
        birth_date=student.birth_date,
        taken=taken,
        sex=student.sex,
    )
    # The student is in the first event too, so that the history alone gives every field
    # of the record (xueji.history.check_history).
    registered = {"number": number, "school": school, "student": student, **after}
    first = Event(EventKind.REGISTER, on, by, {}, registered)
    return Record(
        number,
        student,
        school,
        Status.ENROLLED,
        on,
        on,
        history=(first,),
        grade=grade,
        primary_years=policy.primary_years,
    )


def _disagreeing_field(student: Student, match: PopulationMatch) -> str | None:
    rid = match.resident_id
    if match.name != student.name:
        return "name"
    if rid.birth_date != student.birth_date:
        return "birth_date"
    if rid.sex != student.sex:
        return "sex"
    if student.resident_id is not None and student.resident_id != rid:
        return "resident_id"
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
    action = "promote"
    record = require_record(record)
    by = require(by, Role.CENTRAL, None, doing=action)
    require_open(record, action)
    if record.number.kind is not RegistryKind.L:
        raise IllegalTransition(
            state=record.number.kind.value, action=action, detail="only L numbers are promoted"
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
            raise InvalidValue(
                f"match must be a PopulationMatch or None, not {type(match).__name__}"
            )
        field = _disagreeing_field(student, match)
        if field is not None:
            raise InconsistentIdentity(
                f"the population match disagrees with the student's {field}",
                reason=Reason.MATCH_MISMATCH,
                field=field,
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
        raise InvalidValue(
            f"must be a mapping from registry numbers, not {type(answers).__name__}", path=what
        )
    keyed: dict[str, V] = {}
    for key, value in answers.items():
        if isinstance(key, RegistryNumber):
            number = key
        elif isinstance(key, str):
            try:
                number = RegistryNumber.parse(key)
            except InvalidNumber as err:
                raise InvalidValue(
                    f"a key is not a registry number ({err.reason})", path=what
                ) from None
        else:
            raise InvalidValue(
                "must be keyed by registry numbers (text or RegistryNumber),"
                f" not {type(key).__name__}",
                path=what,
            )
        if number.value in keyed:
            raise InvalidValue(f"two keys name {number.masked()}", path=what)
        keyed[number.value] = value
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
        InvalidValue: ``records``, ``matches``, ``dedups`` or ``taken`` are not what they
            should be (the error's ``path`` names which).
    """
    by = require(by, Role.CENTRAL, None, doing="issue formal numbers")
    batch_records = _records(records)
    answers: dict[str, PopulationMatch | None] = _by_number(matches, "matches")
    checks: dict[str, DedupResult] = _by_number(dedups, "dedups")
    issued: set[str] = set()
    seen = _Either(_require_container(taken), issued)
    batch: set[str] = set()
    promoted: list[Record] = []
    refused: list[tuple[Record, XuejiError]] = []
    for record in batch_records:
        key, masked = record.number.value, record.number.masked()
        try:
            if key in batch:
                raise IllegalTransition(
                    state="L", action="promote", detail=f"{masked} is twice in the batch"
                )
            batch.add(key)
            if key not in checks:
                raise InvalidValue(f"no duplicate-check result for {masked}")
            if key not in answers:
                raise InvalidValue(f"no population-database answer for {masked}")
            new = promote(record, match=answers[key], dedup=checks[key], by=by, on=on, taken=seen)
        except XuejiError as err:
            refused.append((record, err))
            continue
        issued.add(new.number.value)
        promoted.append(new)
    return Issuance(tuple(promoted), tuple(refused))


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
    action = "update information"
    record = require_record(record)
    by = require_registrar(by, record.school, doing=action)
    require_open(record, action)
    for name in changes:
        if name in KEY_FIELDS:
            raise KeyFieldChangeRequired(name)
        if name in RECORD_FIELDS:
            raise InvalidValue(
                "a field of the record changes only through its operation", path=name
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
