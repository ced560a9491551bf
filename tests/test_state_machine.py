"""Random sequences of registry operations against a model of what each should do.

The machine keeps a small registry (three schools, a handful of students born on two days,
so that numbers compete) and a calendar that only moves forward. Each rule works out what
the library should answer, calls it, and compares. Checked after every step:

- history only grows: every success appends events, the old history is a prefix;
- registry numbers, current and former, never collide across records;
- a G number changes only through an applied NUMBER request;
- every (status, action) pair follows TRANSITIONS or raises IllegalTransition;
- every XuejiError carries a Reason;
- no operation changes its inputs.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from typing import TypeVar

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from xueji import (
    TERMINAL,
    TRANSITIONS,
    UPPER_SECONDARY,
    Action,
    Actor,
    ChangeRequest,
    DedupResult,
    DuplicateRegistration,
    IllegalTransition,
    InconsistentIdentity,
    InvalidValue,
    KeyField,
    PopulationMatch,
    Reason,
    Record,
    RegistryKind,
    RegistryNumber,
    RequestState,
    ResidentID,
    Role,
    School,
    Sex,
    Status,
    Student,
    XuejiError,
    apply_change,
    central_check,
    change_status,
    make_resident_id,
    promote,
    register,
    request_change,
    review,
    sync_transfer,
    transfer,
    update_info,
)

T = TypeVar("T")

SCHOOLS = (
    School("2111010001", "朝阳实验小学", "110105"),
    School("2111010002", "海淀小学", "110108"),
    School("3411010003", "北京四中", "110102"),
)
CENTRAL = Actor(Role.CENTRAL, None, "教育部")
BIRTHS = (datetime.date(2012, 1, 1), datetime.date(2012, 1, 2))
NAMES = ("王小明", "李华", "张伟")
START = datetime.date(2020, 9, 1)
EVIDENCE = ("户口簿变更页",)
ID_REGION = "110101"


def admin(school: School) -> Actor:
    return Actor(Role.SCHOOL_ADMIN, school.code.value, "李老师")


def reviewer(school: School) -> Actor:
    return Actor(Role.COUNTY_REVIEWER, school.region_code, "赵科长")


def resident_id(birth: datetime.date, sex: Sex, k: int) -> ResidentID:
    """The ``k``-th resident ID of this birth date and sex (odd sequences are male)."""
    return make_resident_id(
        region_code=ID_REGION, birth_date=birth, sequence=2 * k + (sex is Sex.MALE)
    )


indexes = st.integers(min_value=0, max_value=1000)
id_slots = st.integers(min_value=0, max_value=5)
# Every action, but the reversible ones more often, so that records stay open for longer.
actions = st.one_of(
    st.sampled_from((Action.SUSPEND, Action.RESUME, Action.GO_ABROAD, Action.RETURN)),
    st.sampled_from(Action),
)


# Sex and birth date requests are covered by tests/test_change_request.py.
ID_FIELDS = (KeyField.NAME, KeyField.RESIDENT_ID, KeyField.NUMBER)


class Registry(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.today = START
        self.records: list[Record] = []
        # (request, index of its record, applied yet)
        self.requests: list[tuple[ChangeRequest, int, bool]] = []
        self.id_owner: dict[ResidentID, int] = {}  # every resident ID ever given, and to whom
        self.reserved: set[str] = set()  # verified, not yet applied: IDs and G numbers

    @initialize(
        schools=st.lists(st.sampled_from(SCHOOLS), min_size=2, max_size=4),
        sexes=st.lists(st.sampled_from(Sex), min_size=4, max_size=4),
        promotions=st.lists(st.sampled_from((None, True, False)), min_size=4, max_size=4),
    )
    def a_few_students_enrol(
        self, schools: list[School], sexes: list[Sex], promotions: list[bool | None]
    ) -> None:
        """Two to four students enrol; some are promoted to G (True) or J (False) at once."""
        for k, school in enumerate(schools):
            self.register(school, NAMES[k % len(NAMES)], sexes[k], BIRTHS[k % 2], clash=False)
        for k in range(len(schools)):
            if promotions[k] is not None:
                self.promote(k, promotions[k], k, mismatch=False, dedup_passes=True)

    # helpers

    def taken(self) -> set[str]:
        return {
            n.value for r in self.records for n in (r.number, *r.former_numbers)
        } | self.reserved

    def attempt(self, operation: Callable[[], T], *inputs: object) -> T | XuejiError:
        """Run ``operation``; its error, if any, is returned. Its inputs must not change."""
        before = copy.deepcopy(inputs)
        try:
            result: T | XuejiError = operation()
        except XuejiError as err:
            result = err
        if isinstance(result, XuejiError):
            assert isinstance(result.reason, Reason)
            assert result.reason in set(Reason)
        assert inputs == before
        return result

    def expect_error(self, outcome: object, kind: type[XuejiError], reason: Reason) -> None:
        assert isinstance(outcome, kind), outcome
        assert outcome.reason is reason

    def replace(self, i: int, new: object, *, renumbered_by_request: bool = False) -> Record:
        """Check ``new`` against the record it replaces, then store it."""
        assert isinstance(new, Record), new
        old = self.records[i]
        assert len(new.history) > len(old.history)
        assert new.history[: len(old.history)] == old.history
        assert new.history[-1].on == self.today
        if old.number.kind is RegistryKind.G and not renumbered_by_request:
            assert new.number == old.number
        if new.number != old.number:
            assert new.former_numbers == (*old.former_numbers, old.number)
        else:
            assert new.former_numbers == old.former_numbers
        self.records[i] = new
        return new

    def pick(self, index: int) -> tuple[int, Record]:
        i = index % len(self.records)
        return i, self.records[i]

    # rules

    @rule(days=st.integers(min_value=0, max_value=200))
    def time_passes(self, days: int) -> None:
        self.today += datetime.timedelta(days=days)

    @rule(
        school=st.sampled_from(SCHOOLS),
        name=st.sampled_from(NAMES),
        sex=st.sampled_from(Sex),
        birth=st.sampled_from(BIRTHS),
        clash=st.booleans(),
    )
    def register(
        self, school: School, name: str, sex: Sex, birth: datetime.date, clash: bool
    ) -> None:
        student = Student(name, sex, birth)
        conflicts = (self.records[0].number,) if clash and self.records else ()
        taken = self.taken()
        outcome = self.attempt(
            lambda: register(
                student,
                school=school,
                by=admin(school),
                on=self.today,
                dedup=DedupResult(conflicts),
                taken=taken,
            ),
            student,
            taken,
        )
        if conflicts:
            self.expect_error(outcome, DuplicateRegistration, Reason.DUPLICATE_REGISTRATION)
            assert isinstance(outcome, DuplicateRegistration)
            assert outcome.conflicts == conflicts
            return
        assert isinstance(outcome, Record), outcome
        number = outcome.number
        assert number.kind is RegistryKind.L
        assert number.value not in taken
        assert (number.region_code, number.birth_date) == (school.region_code, birth)
        assert int(number.body[14:17]) % 2 == (sex is Sex.MALE)
        assert (outcome.school, outcome.status, outcome.student) == (
            school,
            Status.ENROLLED,
            student,
        )
        assert len(outcome.history) == 1
        self.records.append(outcome)

    @precondition(lambda self: self.records)
    @rule(index=indexes, to=st.sampled_from(SCHOOLS), offline=st.booleans())
    def transfer(self, index: int, to: School, offline: bool) -> None:
        i, record = self.pick(index)
        outcome = self.attempt(
            lambda: transfer(record, to_school=to, by=admin(to), on=self.today, offline=offline),
            record,
        )
        if record.status is not Status.ENROLLED or record.pending_sync or record.school == to:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        new = self.replace(i, outcome)
        assert new.school == to
        assert new.pending_sync is offline
        expected_since = self.today if offline else record.continuous_since
        assert new.continuous_since == expected_since

    @precondition(lambda self: self.records)
    @rule(index=indexes)
    def sync(self, index: int) -> None:
        i, record = self.pick(index)
        outcome = self.attempt(lambda: sync_transfer(record, on=self.today), record)
        if not record.pending_sync:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        new = self.replace(i, outcome)
        assert not new.pending_sync
        assert new.continuous_since == record.continuous_since

    @precondition(lambda self: self.records)
    @rule(
        index=indexes,
        key=st.sampled_from(("phone", "address", "guardian")),
        value=st.sampled_from((None, "甲", "乙")),
    )
    def update_info(self, index: int, key: str, value: str | None) -> None:
        i, record = self.pick(index)
        outcome = self.attempt(
            lambda: update_info(record, by=admin(record.school), on=self.today, **{key: value}),
            record,
        )
        if record.status in TERMINAL:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        new = self.replace(i, outcome)
        assert new.info.get(key) == value
        assert {k: v for k, v in new.info.items() if k != key} == {
            k: v for k, v in record.info.items() if k != key
        }

    @precondition(lambda self: self.records)
    @rule(index=indexes, action=actions)
    def change_status(self, index: int, action: Action) -> None:
        i, record = self.pick(index)
        outcome = self.attempt(
            lambda: change_status(record, action, by=admin(record.school), on=self.today),
            record,
        )
        target = TRANSITIONS.get((record.status, action))
        refused = action is Action.WITHDRAW and record.school.code.category not in UPPER_SECONDARY
        if target is None or refused:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        assert self.replace(i, outcome).status is target

    @precondition(lambda self: self.records)
    @rule(
        index=indexes,
        with_match=st.booleans(),
        slot=id_slots,
        mismatch=st.booleans(),
        dedup_passes=st.booleans(),
    )
    def promote(
        self, index: int, with_match: bool, slot: int, mismatch: bool, dedup_passes: bool
    ) -> None:
        i, record = self.pick(index)
        student = record.student
        rid = student.resident_id or resident_id(student.birth_date, student.sex, slot)
        name = "赵六" if mismatch else student.name
        match = PopulationMatch(rid, name) if with_match else None
        # The national duplicate check refuses an ID that belongs to someone else.
        held = self.id_owner.get(rid, i) != i or rid.value in self.reserved
        passes = dedup_passes and not (with_match and held)
        dedup = DedupResult(() if passes else (record.number,))
        taken = self.taken()
        outcome = self.attempt(
            lambda: promote(record, match=match, dedup=dedup, on=self.today, taken=taken),
            record,
            match,
            taken,
        )
        if record.status in TERMINAL or record.number.kind is not RegistryKind.L:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        if not passes:
            self.expect_error(outcome, DuplicateRegistration, Reason.DUPLICATE_REGISTRATION)
            return
        if with_match and mismatch:
            self.expect_error(outcome, InconsistentIdentity, Reason.MATCH_MISMATCH)
            return
        if with_match and RegistryNumber.for_resident(rid).value in taken:
            self.expect_error(outcome, DuplicateRegistration, Reason.DUPLICATE_REGISTRATION)
            return
        new = self.replace(i, outcome)
        assert new.number.value not in taken
        if with_match:
            assert new.number == RegistryNumber.for_resident(rid)
            assert new.student.resident_id == rid
            self.id_owner[rid] = i
        else:
            assert new.number.kind is RegistryKind.J
            assert new.number.region_code == record.school.region_code

    @precondition(lambda self: self.records)
    @rule(
        index=indexes,
        field=st.sampled_from(ID_FIELDS),
        name=st.sampled_from(NAMES),
        birth=st.sampled_from(BIRTHS),
        sex=st.sampled_from(Sex),
        slot=id_slots,
    )
    def request_change(
        self, index: int, field: KeyField, name: str, birth: datetime.date, sex: Sex, slot: int
    ) -> None:
        i, record = self.pick(index)
        current_id = record.student.resident_id
        new_value: object
        old: object
        if field is KeyField.NAME:
            new_value, old = name, record.student.name
        elif field is KeyField.RESIDENT_ID:
            new_value, old = resident_id(birth, sex, slot), current_id
        else:
            if current_id is None:
                new_value = RegistryNumber.for_resident(resident_id(birth, sex, slot))
            else:
                new_value = RegistryNumber.for_resident(current_id)
            old = record.number
        outcome = self.attempt(
            lambda: request_change(
                record,
                field=field,
                new_value=new_value,
                evidence=EVIDENCE,
                by=admin(record.school),
                on=self.today,
            ),
            record,
        )
        if record.status in TERMINAL:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        if field is KeyField.NUMBER:
            if record.number.kind is RegistryKind.L:
                self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
                return
            if current_id is None:
                self.expect_error(outcome, InconsistentIdentity, Reason.INCONSISTENT_IDENTITY)
                return
        if new_value == old:
            self.expect_error(outcome, InvalidValue, Reason.INVALID_VALUE)
            return
        assert isinstance(outcome, ChangeRequest), outcome
        assert (outcome.state, outcome.field, outcome.old_value) == (
            RequestState.SUBMITTED,
            field,
            old,
        )
        assert outcome.number == record.number
        self.requests.append((outcome, i, False))

    @precondition(lambda self: self.records)
    @rule(
        index=indexes,
        field=st.sampled_from(ID_FIELDS),
        name=st.sampled_from(NAMES),
        birth=st.sampled_from(BIRTHS),
        sex=st.sampled_from(Sex),
        slot=id_slots,
        approve=st.booleans(),
    )
    def change_through_the_whole_chain(
        self,
        index: int,
        field: KeyField,
        name: str,
        birth: datetime.date,
        sex: Sex,
        slot: int,
        approve: bool,
    ) -> None:
        """Request, review, check and apply in one step, so that changes do get applied.

        A number change first gets the student a new resident ID where it needs one,
        which walks J → ID → G (R11) and G → new ID → new G (R12).
        """
        i, record = self.pick(index)
        rid = record.student.resident_id
        if (
            field is KeyField.NUMBER
            and record.number.kind is not RegistryKind.L
            and (rid is None or RegistryNumber.for_resident(rid) == record.number)
        ):
            self.change_through_the_whole_chain(
                i, KeyField.RESIDENT_ID, name, birth, sex, slot, approve=True
            )
        count = len(self.requests)
        self.request_change(index, field, name, birth, sex, slot)
        if len(self.requests) > count:
            self.review_request(count, approve=approve)
            self.check_request(count)
            self.apply_request(count)

    @precondition(lambda self: self.requests)
    @rule(index=indexes, approve=st.booleans())
    def review(self, index: int, approve: bool) -> None:
        self.review_request(index % len(self.requests), approve=approve)

    def review_request(self, j: int, *, approve: bool) -> None:
        request, i, applied = self.requests[j]
        outcome = self.attempt(
            lambda: review(request, approve=approve, by=reviewer(request.school), on=self.today),
            request,
        )
        if request.state is not RequestState.SUBMITTED:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        assert isinstance(outcome, ChangeRequest), outcome
        assert outcome.state is (RequestState.APPROVED if approve else RequestState.REJECTED)
        assert outcome.decisions == (*request.decisions, outcome.decisions[-1])
        self.requests[j] = (outcome, i, applied)

    @precondition(lambda self: self.requests)
    @rule(index=indexes)
    def central_check(self, index: int) -> None:
        self.check_request(index % len(self.requests))

    def check_request(self, j: int) -> None:
        request, i, applied = self.requests[j]
        new = request.new_value
        # The national duplicate check: an ID or G number already held, or promised to
        # another verified request, is a conflict.
        if isinstance(new, ResidentID):
            clash = self.id_owner.get(new, i) != i or new.value in self.reserved
            key = new.value
        elif isinstance(new, RegistryNumber):
            clash = new.value in self.taken()
            key = new.value
        else:
            clash, key = False, ""
        dedup = DedupResult((request.number,) if clash else ())
        outcome = self.attempt(
            lambda: central_check(request, dedup=dedup, by=CENTRAL, on=self.today), request
        )
        if request.state is not RequestState.APPROVED:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        assert isinstance(outcome, ChangeRequest), outcome
        if clash:
            assert outcome.state is RequestState.CHECK_FAILED
            assert outcome.decisions[-1].conflicts == (request.number,)
        else:
            assert outcome.state is RequestState.VERIFIED
            if key:
                self.reserved.add(key)
        self.requests[j] = (outcome, i, applied)

    @precondition(lambda self: any(not applied for _, _, applied in self.requests))
    @rule(index=indexes)
    def apply_change(self, index: int) -> None:
        open_requests = [j for j, (_, _, applied) in enumerate(self.requests) if not applied]
        self.apply_request(open_requests[index % len(open_requests)])

    def apply_request(self, j: int) -> None:
        request, i, _ = self.requests[j]
        record = self.records[i]
        outcome = self.attempt(
            lambda: apply_change(record, request, on=self.today), record, request
        )
        if request.state is not RequestState.VERIFIED:
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        field = request.field
        current = {
            KeyField.NAME: record.student.name,
            KeyField.RESIDENT_ID: record.student.resident_id,
            KeyField.NUMBER: record.number,
        }[field]
        if (
            record.status in TERMINAL
            or record.number != request.number
            or current != request.old_value
        ):
            self.expect_error(outcome, IllegalTransition, Reason.ILLEGAL_TRANSITION)
            return
        new = self.replace(i, outcome, renumbered_by_request=field is KeyField.NUMBER)
        assert new.history[-1].request == request
        if field is KeyField.NAME:
            assert new.student.name == request.new_value
        elif field is KeyField.RESIDENT_ID:
            rid = request.new_value
            assert isinstance(rid, ResidentID)
            assert new.student.resident_id == rid
            assert (new.student.birth_date, new.student.sex) == (rid.birth_date, rid.sex)
            assert new.number == record.number  # R12: a new ID keeps the number
            self.id_owner[rid] = i
        else:
            assert new.number == request.new_value
        self.reserved.discard(str(request.new_value))
        self.requests[j] = (request, i, True)

    @precondition(lambda self: any(r.status not in TERMINAL for r in self.records))
    @rule(index=indexes, days=st.integers(min_value=1, max_value=400))
    def backdated_operation(self, index: int, days: int) -> None:
        """The library refuses an operation dated before the record's last event."""
        candidates = [r for r in self.records if r.status not in TERMINAL]
        record = candidates[index % len(candidates)]
        on = record.history[-1].on - datetime.timedelta(days=days)
        outcome = self.attempt(
            lambda: update_info(record, by=admin(record.school), on=on, phone="甲"), record
        )
        self.expect_error(outcome, InvalidValue, Reason.INVALID_VALUE)

    # invariants

    @invariant()
    def numbers_never_collide(self) -> None:
        numbers = [n for r in self.records for n in (r.number, *r.former_numbers)]
        assert len(numbers) == len(set(numbers))

    @invariant()
    def histories_run_forward(self) -> None:
        for record in self.records:
            dates = [e.on for e in record.history]
            assert dates == sorted(dates)
            assert record.history[0].what == "register"
            assert record.continuous_since >= record.enrolled_on


Registry.TestCase.settings = settings(
    stateful_step_count=40, deadline=None, suppress_health_check=()
)
TestRegistry = Registry.TestCase
