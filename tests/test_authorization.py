"""Who may take each step: every operation × every role × where the actor acts, and actors.

The matrix is generated from two small tables, ``STEPS`` (each operation, and the role
that takes it) and ``ACTORS`` (each role in scope, out of scope, and in the scope the
record left). Every subject is built on a record that moved from one county to another,
so that an actor who acts for where the record used to be is tried on every operation.
Each cell asserts the exact outcome: success, or `NotAuthorized` with reason
``wrong-role`` or ``out-of-scope``. The steps of a routed request (`decide`) are tried
at each step whose actor acts where the record is now: the sending school and its
county, the receiving county, and the central step of a move across provinces.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import attrs
import pytest
from registry_cast import (
    CENTRAL,
    ELSEWHERE,
    FAR,
    JUNIOR,
    NEIGHBOUR,
    PASSED,
    SCHOOL,
    SPECIAL,
    STUDENT,
    D,
    actor_for,
    approve_all,
    enrolled,
    registrar,
    reviewer,
    suspended,
    transferred,
)

from xueji import (
    Action,
    Actor,
    ChangeRequest,
    GradeChange,
    InvalidValue,
    KeyField,
    NotAuthorized,
    Policy,
    Reason,
    Record,
    Role,
    School,
    SuspensionKind,
    SuspensionRequest,
    SyncOutcome,
    TransferMode,
    TransferRequest,
    Verdict,
    advance_grade,
    advance_grades,
    apply_change,
    change_status,
    complete_transfer,
    decide,
    drop_out,
    extend_suspension,
    issue_formal_numbers,
    move_down,
    progress,
    promote,
    register,
    repeat_grade,
    request_change,
    request_extension,
    request_suspension,
    request_transfer,
    resume,
    return_from_abroad,
    review,
    set_grade,
    skip_grade,
    suspend,
    sync_transfer,
    transfer,
    update_info,
    verify_change,
)

LEFT = SCHOOL  # where the record was, Chaoyang county
# Where the record is now, Haidian county: a 九年一贯制 school, so that a primary
# graduate can progress to it too.
HERE = JUNIOR
ON = D(2023, 5, 10)
#: A province that switches every grade change on.
LENIENT = Policy(grade_changes=frozenset(GradeChange))


#: Every role, in scope (where the record is now), out of scope (a school or county it
#: never was at), and after a move (where the record was before it moved).
ACTORS: dict[str, Actor] = {
    "registrar-in-scope": registrar(HERE),
    "registrar-out-of-scope": registrar(ELSEWHERE),
    "registrar-after-a-move": registrar(LEFT),
    "reviewer-in-scope": reviewer(HERE),
    "reviewer-out-of-scope": reviewer(ELSEWHERE),
    "reviewer-after-a-move": reviewer(LEFT),
    "central": CENTRAL,
}


def at_left(grade: int | None = 1) -> Record:
    """An L record registered at LEFT on 2021-09-01, in grade 1."""
    return enrolled(school=LEFT, grade=grade)


def moved(mode: TransferMode = TransferMode.ONLINE, *, grade: int | None = 1) -> Record:
    """An L record registered at LEFT on 2021-09-01, moved to HERE on 2022-09-01."""
    if mode is TransferMode.OFFLINE:
        return transfer(
            at_left(grade), to_school=HERE, by=registrar(HERE), on=D(2022, 9, 1), mode=mode
        )
    return transferred(at_left(grade), HERE, D(2022, 9, 1))


def transfer_out(to_school: School, steps: int) -> TransferRequest:
    """A transfer of the moved record to ``to_school``, its first ``steps`` steps approved."""
    request = request_transfer(moved(), to_school=to_school, by=registrar(to_school), on=ON)
    for _ in range(steps):
        step = request.pending_step
        assert step is not None
        request = decide(request, Verdict.APPROVE, by=actor_for(step), on=ON)
    return request


def transfer_in() -> tuple[Record, TransferRequest]:
    """A record at LEFT, and its transfer to HERE approved at every step."""
    record = at_left()
    request = request_transfer(record, to_school=HERE, by=registrar(HERE), on=ON)
    return record, approve_all(request, ON)


def suspension_request(kind: SuspensionKind = SuspensionKind.SUSPEND) -> SuspensionRequest:
    if kind is SuspensionKind.SUSPEND:
        return request_suspension(moved(), months=6, evidence=("病历",), by=registrar(HERE), on=ON)
    return request_extension(
        suspended(moved(), ON), months=6, evidence=("病历",), by=registrar(HERE), on=ON
    )


def abroad() -> Record:
    return change_status(moved(), Action.GO_ABROAD, by=registrar(HERE), on=ON)


def graduated_at_left() -> Record:
    record = at_left(grade=6)
    return change_status(record, Action.GRADUATE, by=registrar(LEFT), on=D(2022, 7, 1))


def filed() -> ChangeRequest:
    return request_change(
        moved(), field=KeyField.NAME, new_value="王晓明", evidence=("户口簿",),
        by=registrar(HERE), on=ON,
    )  # fmt: skip


def approved() -> ChangeRequest:
    return review(filed(), Verdict.APPROVE, by=reviewer(HERE), on=ON)


def verified() -> ChangeRequest:
    return verify_change(approved(), dedup=PASSED, by=CENTRAL, on=ON)


def issue(by: Actor) -> object:
    record = moved()
    return issue_formal_numbers(
        [record], matches={record.number: None}, dedups={record.number: PASSED}, by=by, on=ON
    )


#: Each operation with ``by`` left open, and the role that takes it. In scope means: of the
#: receiving school for a transfer, of the record's current school and county otherwise.
STEPS: dict[str, tuple[Role, Callable[[Actor], object]]] = {
    "register": (
        Role.SCHOOL_REGISTRAR,
        lambda by: register(STUDENT, school=HERE, by=by, on=ON, dedup=PASSED, taken=()),
    ),
    "transfer": (
        Role.SCHOOL_REGISTRAR,
        lambda by: transfer(at_left(), to_school=HERE, by=by, on=ON, mode=TransferMode.OFFLINE),
    ),
    "request_transfer": (
        Role.SCHOOL_REGISTRAR,
        lambda by: request_transfer(at_left(), to_school=HERE, by=by, on=ON),
    ),
    "decide-transfer-sending-school": (
        Role.SCHOOL_REGISTRAR,
        lambda by: decide(transfer_out(NEIGHBOUR, 0), Verdict.APPROVE, by=by, on=ON),
    ),
    "decide-transfer-sending-county": (
        Role.COUNTY_REVIEWER,
        lambda by: decide(transfer_out(NEIGHBOUR, 1), Verdict.REJECT, by=by, on=ON),
    ),
    "decide-transfer-central": (
        Role.CENTRAL,
        lambda by: decide(transfer_out(FAR, 1), Verdict.APPROVE, by=by, on=ON),
    ),
    "decide-transfer-receiving-county": (
        Role.COUNTY_REVIEWER,
        lambda by: decide(
            request_transfer(at_left(), to_school=HERE, by=registrar(HERE), on=ON),
            Verdict.APPROVE,
            by=by,
            on=ON,
        ),
    ),
    "complete_transfer": (
        Role.SCHOOL_REGISTRAR,
        lambda by: complete_transfer(*transfer_in(), by=by, on=ON),
    ),
    "sync_transfer": (
        Role.CENTRAL,
        lambda by: sync_transfer(
            moved(TransferMode.OFFLINE), outcome=SyncOutcome.DONE, by=by, on=ON
        ),
    ),
    "promote": (
        Role.CENTRAL,
        lambda by: promote(moved(), match=None, dedup=PASSED, by=by, on=ON),
    ),
    "issue_formal_numbers": (Role.CENTRAL, issue),
    "update_info": (
        Role.SCHOOL_REGISTRAR,
        lambda by: update_info(moved(), by=by, on=ON, phone="010-1234"),
    ),
    "change_status": (
        Role.SCHOOL_REGISTRAR,
        lambda by: change_status(moved(), Action.GO_ABROAD, by=by, on=ON),
    ),
    "drop_out": (Role.SCHOOL_REGISTRAR, lambda by: drop_out(moved(), by=by, on=ON)),
    "resume": (
        Role.SCHOOL_REGISTRAR,
        lambda by: resume(drop_out(moved(), by=registrar(HERE), on=ON), by=by, on=ON),
    ),
    "return_from_abroad": (
        Role.SCHOOL_REGISTRAR,
        lambda by: return_from_abroad(abroad(), to_school=HERE, grade=2, by=by, on=ON),
    ),
    "request_suspension": (
        Role.SCHOOL_REGISTRAR,
        lambda by: request_suspension(moved(), months=6, evidence=("病历",), by=by, on=ON),
    ),
    "decide-suspension": (
        Role.COUNTY_REVIEWER,
        lambda by: decide(suspension_request(), Verdict.APPROVE, by=by, on=ON),
    ),
    "suspend": (
        Role.SCHOOL_REGISTRAR,
        lambda by: suspend(moved(), approve_all(suspension_request(), ON), by=by, on=ON),
    ),
    "request_extension": (
        Role.SCHOOL_REGISTRAR,
        lambda by: request_extension(
            suspended(moved(), ON), months=6, evidence=("病历",), by=by, on=ON
        ),
    ),
    "extend_suspension": (
        Role.SCHOOL_REGISTRAR,
        lambda by: extend_suspension(
            suspended(moved(), ON),
            approve_all(suspension_request(SuspensionKind.EXTEND), ON),
            by=by,
            on=ON,
        ),
    ),
    "set_grade": (Role.SCHOOL_REGISTRAR, lambda by: set_grade(moved(grade=None), 2, by=by, on=ON)),
    "advance_grade": (Role.CENTRAL, lambda by: advance_grade(moved(), by=by, on=ON)),
    "advance_grades": (Role.CENTRAL, lambda by: advance_grades([moved()], by=by, on=ON)),
    "repeat_grade": (
        Role.SCHOOL_REGISTRAR,
        lambda by: repeat_grade(
            advance_grade(moved(), by=CENTRAL, on=ON), by=by, on=ON, policy=LENIENT
        ),
    ),
    "skip_grade": (
        Role.SCHOOL_REGISTRAR,
        lambda by: skip_grade(moved(), by=by, on=ON, policy=LENIENT),
    ),
    "progress": (
        Role.SCHOOL_REGISTRAR,
        lambda by: progress(graduated_at_left(), to_school=HERE, by=by, on=ON),
    ),
    "request_change": (
        Role.SCHOOL_REGISTRAR,
        lambda by: request_change(
            moved(), field=KeyField.NAME, new_value="王晓明", evidence=("户口簿",), by=by, on=ON
        ),
    ),
    "review": (Role.COUNTY_REVIEWER, lambda by: review(filed(), Verdict.APPROVE, by=by, on=ON)),
    "verify_change": (
        Role.CENTRAL,
        lambda by: verify_change(approved(), dedup=PASSED, by=by, on=ON),
    ),
    "apply_change": (
        Role.SCHOOL_REGISTRAR,
        lambda by: apply_change(moved(), verified(), by=by, on=ON),
    ),
}


def expected(operation: str, actor: str) -> Reason | None:
    """None where the step succeeds, else the reason NotAuthorized must carry."""
    role, _ = STEPS[operation]
    if ACTORS[actor].role is not role:
        return Reason.WRONG_ROLE
    if actor in ("central",) or actor.endswith("-in-scope"):
        return None
    return Reason.OUT_OF_SCOPE


MATRIX = [
    pytest.param(operation, actor, id=f"{operation}-by-{actor}")
    for operation in STEPS
    for actor in ACTORS
]


@pytest.mark.parametrize(("operation", "actor"), MATRIX)
def test_each_step_is_taken_only_by_its_role_where_the_record_is_now(
    operation: str, actor: str
) -> None:
    _, run = STEPS[operation]
    reason = expected(operation, actor)
    if reason is None:
        assert run(ACTORS[actor]) is not None
        return
    with pytest.raises(NotAuthorized) as excinfo:
        run(ACTORS[actor])
    assert type(excinfo.value) is NotAuthorized
    assert excinfo.value.reason is reason


def test_the_matrix_covers_every_role_and_has_one_allowed_actor_per_step() -> None:
    assert {a.role for a in ACTORS.values()} == set(Role)
    for operation in STEPS:
        allowed = [actor for actor in ACTORS if expected(operation, actor) is None]
        assert len(allowed) == 1, operation


def test_the_national_system_itself_may_answer_an_offline_transfer_without_an_actor() -> None:
    synced = sync_transfer(moved(TransferMode.OFFLINE), outcome=SyncOutcome.DONE, by=None, on=ON)
    assert synced.history[-1].by is None


@pytest.mark.parametrize("operation", sorted(STEPS))
@pytest.mark.parametrize(
    "by",
    [None, "李老师", ("school-registrar", "2111010002", "李老师"), Role.CENTRAL],
    ids=["none", "a-name", "a-tuple", "a-role"],
)
def test_by_must_be_an_actor(operation: str, by: object) -> None:
    if operation == "sync_transfer" and by is None:
        pytest.skip("None is the national system answering by itself")
    with pytest.raises(InvalidValue) as excinfo:
        STEPS[operation][1](by)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE


@pytest.mark.parametrize("mode", ["offline", "request"])
def test_the_sending_school_cannot_start_a_transfer(mode: str) -> None:
    """The registrar of the record's current school is not the receiving school's."""
    start: Callable[[], object] = {
        "offline": lambda: transfer(
            moved(), to_school=LEFT, by=registrar(HERE), on=ON, mode=TransferMode.OFFLINE
        ),
        "request": lambda: request_transfer(moved(), to_school=LEFT, by=registrar(HERE), on=ON),
    }[mode]
    with pytest.raises(NotAuthorized) as excinfo:
        start()
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE


def test_a_decision_by_someone_who_already_decided_the_request_is_refused() -> None:
    request = transfer_out(NEIGHBOUR, 1)
    same_person = Actor(Role.COUNTY_REVIEWER, "110108", "赵科长", id=f"A-{HERE.code}")
    with pytest.raises(NotAuthorized) as excinfo:
        decide(request, Verdict.APPROVE, by=same_person, on=ON)
    assert excinfo.value.reason is Reason.OWN_REQUEST


def test_only_a_special_education_school_moves_a_student_down_and_only_its_registrar() -> None:
    special = SPECIAL
    record = enrolled(school=special, grade=2)
    assert move_down(record, by=registrar(special), on=ON).grade == 1
    with pytest.raises(NotAuthorized) as excinfo:
        move_down(record, by=registrar(HERE), on=ON)
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE
    with pytest.raises(NotAuthorized) as excinfo:
        move_down(record, by=reviewer(special), on=ON)
    assert excinfo.value.reason is Reason.WRONG_ROLE


# Actors


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.SCHOOL_REGISTRAR, "2111010001"),
        (Role.COUNTY_REVIEWER, "110105"),
        (Role.CENTRAL, None),
        ("school-registrar", "3411010003"),
    ],
)
def test_an_actor_scope_fits_its_role(role: Role, scope: str | None) -> None:
    actor = Actor(role, scope, "李老师")
    assert actor.role is Role(role)
    assert actor.scope == scope


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.SCHOOL_REGISTRAR, None),
        (Role.SCHOOL_REGISTRAR, "110105"),
        (Role.SCHOOL_REGISTRAR, "9911010001"),  # unknown school category
        (Role.SCHOOL_REGISTRAR, "21110100"),  # a school code two digits short
        (Role.COUNTY_REVIEWER, None),
        (Role.COUNTY_REVIEWER, "2111010001"),
        (Role.COUNTY_REVIEWER, "999999"),
        (Role.COUNTY_REVIEWER, "110100"),  # a prefecture, not a county
        (Role.COUNTY_REVIEWER, 110105),
        (Role.CENTRAL, "110105"),
        (Role.CENTRAL, ""),
        ("principal", None),
        (1, None),
    ],
)
def test_an_actor_scope_that_does_not_fit_its_role_is_refused(role: object, scope: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        Actor(role, scope, "李老师")  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


def test_an_actor_name_follows_the_name_rules() -> None:
    assert Actor(Role.CENTRAL, None, " 教育部 ").name == "教育部"
    with pytest.raises(InvalidValue):
        Actor(Role.CENTRAL, None, "")


@pytest.mark.parametrize("scope", [" 2111010001 ", "２１１１０１０００１"])
def test_a_registrar_scope_must_be_the_canonical_school_code(scope: str) -> None:
    """Scopes are compared as text, so a scope that needs cleaning is refused outright."""
    with pytest.raises(InvalidValue):
        Actor(Role.SCHOOL_REGISTRAR, scope, "李老师")


@pytest.mark.parametrize("staff", ["T-0042", "a", "0" * 64, "ABC-def-123"])
def test_an_actor_id_is_a_staff_number_of_letters_digits_and_dashes(staff: str) -> None:
    assert Actor(Role.CENTRAL, None, "教育部", id=staff).id == staff


@pytest.mark.parametrize("staff", ["", " T-1", "T 1", "T_1", "张三", "０１", "0" * 65, 42, b"T-1"])
def test_an_actor_id_that_is_not_a_staff_number_is_refused(staff: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        Actor(Role.CENTRAL, None, "教育部", id=staff)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


def test_two_actors_with_the_same_name_and_different_ids_are_different_people() -> None:
    first = Actor(Role.COUNTY_REVIEWER, "110105", "张伟", id="R-1")
    assert first != attrs.evolve(first, id="R-2")


def test_the_old_registrar_role_value_still_reads_as_the_registrar_with_a_warning() -> None:
    """Where the warning points is tested below; here, what the old value stands for."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        role = Role("school-admin")
        old = Actor("school-admin", "2111010001", "李老师")
    assert role is Role.SCHOOL_REGISTRAR
    assert old == Actor(Role.SCHOOL_REGISTRAR, "2111010001", "李老师")
    assert [w.category for w in caught] == [DeprecationWarning, DeprecationWarning]


def test_the_old_registrar_role_value_still_reads_but_warns_against_the_callers_line() -> None:
    def old() -> Role:
        return Role("school-admin")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert old() is Role.SCHOOL_REGISTRAR
    assert [(w.category, w.filename, w.lineno) for w in caught] == [
        (DeprecationWarning, __file__, old.__code__.co_firstlineno + 1)
    ]
