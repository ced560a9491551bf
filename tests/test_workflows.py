"""The registry's workflows as the national system runs them, one scenario each.

Each test reads like a page of the system's manual: who files, who decides each step,
what the record looks like afterwards. Transfers go along the route of where the two
schools are (same county, two counties of one province, two provinces) and are approved,
or rejected at each step in turn. Then the freeze, a late step, a pupil's twelve years,
a drop-out and return, a suspension under Liaoning's rules, and a time abroad.
"""

from __future__ import annotations

import pytest
from registry_cast import (
    CENTRAL,
    CHAOYANG_2,
    CHAOYANG_JUNIOR,
    FAR,
    JUNIOR,
    OTHER,
    SCHOOL,
    SENIOR,
    SHANGHAI_SENIOR,
    SHENYANG,
    SHENYANG_JUNIOR,
    D,
    enrolled,
    registrar,
    reviewer,
)

from xueji import (
    Action,
    IllegalTransition,
    InvalidValue,
    NotAuthorized,
    Policy,
    Reason,
    RequestStatus,
    Stage,
    Status,
    SyncOutcome,
    TransferMode,
    TransferRequest,
    Verdict,
    advance_grades,
    change_status,
    complete_transfer,
    decide,
    drop_out,
    extend_suspension,
    overdue,
    progress,
    request_extension,
    request_suspension,
    request_transfer,
    resume,
    return_from_abroad,
    set_grade,
    suspend,
    suspension_ends,
    sync_transfer,
    transfer,
)

# Transfers (转学): the routes, approved and rejected at each step.

ROUTES = {
    # receiving school: the deciding actors, in order, after the receiving school filed
    "same-county": (CHAOYANG_2, [registrar(SCHOOL), reviewer(SCHOOL)]),
    "across-counties": (OTHER, [reviewer(OTHER), registrar(SCHOOL), reviewer(SCHOOL)]),
    "across-provinces": (
        FAR,
        [reviewer(FAR), CENTRAL, registrar(SCHOOL), reviewer(SCHOOL)],
    ),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_a_transfer_is_filed_by_the_receiving_school_decided_step_by_step_and_completed(
    route: str,
) -> None:
    """The receiving school files; each party decides in turn; the receiving school takes
    the record (调档), which keeps its number, grade and continuous registration."""
    receiving, deciders = ROUTES[route]
    record = enrolled(grade=3)
    request = request_transfer(
        record, to_school=receiving, by=registrar(receiving), on=D(2022, 3, 1), note="搬家"
    )
    assert [(s.role, s.scope) for s in request.route.steps] == [(a.role, a.scope) for a in deciders]
    for k, actor in enumerate(deciders):
        assert request.status is (RequestStatus.SUBMITTED if k == 0 else RequestStatus.IN_REVIEW)
        with pytest.raises(IllegalTransition):
            complete_transfer(record, request, by=registrar(receiving), on=D(2022, 3, 10))
        request = decide(request, Verdict.APPROVE, by=actor, on=D(2022, 3, 2 + k))
    assert request.status is RequestStatus.APPROVED
    assert request.pending_step is None
    moved = complete_transfer(record, request, by=registrar(receiving), on=D(2022, 3, 10))
    assert (moved.school, moved.number, moved.grade) == (receiving, record.number, 3)
    assert moved.continuous_since == record.continuous_since
    assert moved.history[-1].request == request
    assert [d.by for d in moved.history[-1].request.decisions] == deciders


REJECTIONS = [
    pytest.param(route, step, id=f"{route}-at-step-{step + 1}")
    for route, (_, deciders) in sorted(ROUTES.items())
    for step in range(len(deciders))
]


@pytest.mark.parametrize(("route", "step"), REJECTIONS)
def test_a_transfer_rejected_at_any_step_ends_there_with_its_reason(route: str, step: int) -> None:
    receiving, deciders = ROUTES[route]
    record = enrolled(grade=3)
    request = request_transfer(
        record, to_school=receiving, by=registrar(receiving), on=D(2022, 3, 1)
    )
    for actor in deciders[:step]:
        request = decide(request, Verdict.APPROVE, by=actor, on=D(2022, 3, 2))
    request = decide(request, Verdict.REJECT, by=deciders[step], on=D(2022, 3, 3), note="学位已满")
    assert request.status is RequestStatus.REJECTED
    assert request.rejection is not None
    assert (request.rejection.by, request.rejection.note) == (deciders[step], "学位已满")
    assert request.pending_step is None
    for later in deciders[step + 1 :]:
        with pytest.raises(IllegalTransition):
            decide(request, Verdict.APPROVE, by=later, on=D(2022, 3, 4))
    with pytest.raises(IllegalTransition) as excinfo:
        complete_transfer(record, request, by=registrar(receiving), on=D(2022, 3, 5))
    assert excinfo.value.state == "rejected"


def test_no_transfer_starts_in_the_freeze_and_one_started_before_goes_on() -> None:
    """15 July to 14 August: the national system rolls the school year over."""
    record = enrolled(grade=3)
    for day in (D(2022, 7, 15), D(2022, 8, 1), D(2022, 8, 14)):
        with pytest.raises(IllegalTransition) as excinfo:
            request_transfer(record, to_school=OTHER, by=registrar(OTHER), on=day)
        assert excinfo.value.reason is Reason.TRANSFER_FREEZE
    before = request_transfer(record, to_school=OTHER, by=registrar(OTHER), on=D(2022, 7, 14))
    for k, actor in enumerate(ROUTES["across-counties"][1]):
        before = decide(before, Verdict.APPROVE, by=actor, on=D(2022, 7, 20 + k))
    moved = complete_transfer(record, before, by=registrar(OTHER), on=D(2022, 8, 1))
    assert moved.school == OTHER
    after = request_transfer(record, to_school=OTHER, by=registrar(OTHER), on=D(2022, 8, 15))
    assert after.status is RequestStatus.SUBMITTED


def test_a_province_may_move_or_drop_the_freeze() -> None:
    record = enrolled(grade=3)
    open_all_year = Policy(name="某省", transfer_freeze=None)
    assert (
        request_transfer(
            record, to_school=OTHER, by=registrar(OTHER), on=D(2022, 8, 1), policy=open_all_year
        ).status
        is RequestStatus.SUBMITTED
    )


def test_a_step_left_undecided_past_its_ten_working_days_is_overdue() -> None:
    """Each party has 10 working days; the caller's calendar says which days work."""
    record = enrolled(grade=3)
    request = request_transfer(record, to_school=OTHER, by=registrar(OTHER), on=D(2022, 3, 1))
    assert request.due_on() == D(2022, 3, 15)  # Tuesday 1 March + 10 weekdays
    assert overdue([request], today=D(2022, 3, 15)) == ()
    (late,) = overdue([request], today=D(2022, 3, 16))
    assert (late.request, late.step.scope, late.due_on) == (request, "110108", D(2022, 3, 15))
    request = decide(request, Verdict.APPROVE, by=reviewer(OTHER), on=D(2022, 3, 16))
    # The sending school's ten days start on the day the last step was decided.
    assert request.due_on() == D(2022, 3, 30)
    assert overdue([request], today=D(2022, 3, 30)) == ()


def test_a_pupils_twelve_years_keep_one_number_and_one_unbroken_history() -> None:
    """Registered in grade 1, advanced each summer, graduated from each stage and taken up
    by the next: the same number and student from the first day to the last."""
    record = enrolled(grade=1)
    first_number = record.number
    schools = {Stage.PRIMARY: SCHOOL, Stage.JUNIOR: JUNIOR, Stage.SENIOR: SENIOR}
    year = 2022
    while True:
        stage = record.stage
        assert stage is not None
        last = {Stage.PRIMARY: 6, Stage.JUNIOR: 9, Stage.SENIOR: 12}[stage]
        while record.grade != last:
            (record,) = advance_grades([record], by=CENTRAL, on=D(year, 8, 10)).advanced
            year += 1
        school = schools[stage]
        record = change_status(record, Action.GRADUATE, by=registrar(school), on=D(year, 6, 30))
        if stage is Stage.SENIOR:
            break
        following = {Stage.PRIMARY: Stage.JUNIOR, Stage.JUNIOR: Stage.SENIOR}[stage]
        taking = schools[following]
        record = progress(record, to_school=taking, by=registrar(taking), on=D(year, 9, 1))
        assert record.stage is following
        assert record.grade == {Stage.JUNIOR: 7, Stage.SENIOR: 10}[following]
        year += 1
    assert (record.status, record.grade, record.school) == (Status.GRADUATED, 12, SENIOR)
    assert record.number == first_number
    assert record.former_numbers == ()
    assert record.continuous_since == D(2021, 9, 1)
    kinds = [e.kind.value for e in record.history]
    assert kinds.count("advance-grade") == 9
    assert kinds.count("graduate") == 3
    assert kinds.count("progress") == 2
    assert record.history[0].on == D(2021, 9, 1)
    assert record.history[-1].on == D(2033, 6, 30)
    with pytest.raises(IllegalTransition) as excinfo:
        progress(record, to_school=SENIOR, by=registrar(SENIOR), on=D(2033, 9, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE


def test_a_drop_out_keeps_the_record_and_the_pupil_comes_back() -> None:
    """Liaoning counts four weeks of unexcused absence as dropping out (辍学); the record is
    kept through the compulsory years, and resumption undoes it."""
    record = enrolled(school=SHENYANG_JUNIOR, grade=8)
    liaoning = Policy.LIAONING
    with pytest.raises(IllegalTransition) as excinfo:
        drop_out(
            record, by=registrar(SHENYANG_JUNIOR), on=D(2022, 3, 20), absent_since=D(2022, 3, 1),
            policy=liaoning,
        )  # fmt: skip
    assert excinfo.value.reason is Reason.ABSENCE_TOO_SHORT
    with pytest.raises(InvalidValue):
        drop_out(record, by=registrar(SHENYANG_JUNIOR), on=D(2022, 3, 29), policy=liaoning)
    gone = drop_out(
        record, by=registrar(SHENYANG_JUNIOR), on=D(2022, 3, 29), absent_since=D(2022, 3, 1),
        policy=liaoning,
    )  # fmt: skip
    assert gone.status is Status.DROPPED_OUT
    assert gone.history[-1].after["absent_since"] == D(2022, 3, 1)
    with pytest.raises(IllegalTransition) as excinfo:
        request_transfer(gone, to_school=SENIOR, by=registrar(SENIOR), on=D(2022, 4, 1))
    assert excinfo.value.state == "dropped-out"
    back = resume(gone, by=registrar(SHENYANG_JUNIOR), on=D(2022, 9, 1), policy=liaoning)
    assert (back.status, back.grade, back.number) == (Status.ENROLLED, 8, record.number)
    assert back.continuous_since == record.continuous_since


def test_a_senior_pupil_cannot_drop_out_and_a_junior_pupil_cannot_withdraw() -> None:
    senior = enrolled(school=SENIOR, grade=11)
    junior = enrolled(school=SENIOR, grade=8)
    with pytest.raises(IllegalTransition) as excinfo:
        drop_out(senior, by=registrar(SENIOR), on=D(2022, 3, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE
    with pytest.raises(IllegalTransition) as excinfo:
        change_status(junior, Action.WITHDRAW, by=registrar(SENIOR), on=D(2022, 3, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE


def test_a_suspension_under_liaonings_rules() -> None:
    """Liaoning: one school year, one extension of a year, none in the graduating term."""
    liaoning = Policy.LIAONING
    record = enrolled(school=SHENYANG, grade=4)
    by, county = registrar(SHENYANG), reviewer(SHENYANG)
    with pytest.raises(IllegalTransition) as excinfo:
        request_suspension(
            record, months=13, evidence=("诊断证明",), by=by, on=D(2022, 3, 1), policy=liaoning
        )
    assert excinfo.value.reason is Reason.SUSPENSION_CAP
    request = request_suspension(
        record, months=12, evidence=("诊断证明",), by=by, on=D(2022, 3, 1), policy=liaoning
    )
    assert request.route.steps[0].scope == "210102"
    with pytest.raises(NotAuthorized):
        decide(request, Verdict.APPROVE, by=reviewer(SCHOOL), on=D(2022, 3, 2))
    with pytest.raises(IllegalTransition):
        request_suspension(
            record, months=6, evidence=("诊断证明",), by=by, on=D(2022, 3, 1), policy=liaoning,
            pending=[request],
        )  # fmt: skip
    request = decide(request, Verdict.APPROVE, by=county, on=D(2022, 3, 5))
    away = suspend(record, request, by=by, on=D(2022, 3, 7), policy=liaoning)
    assert away.status is Status.SUSPENDED
    assert suspension_ends(away) == D(2023, 3, 7)
    extension = request_extension(
        away, months=12, evidence=("复查报告",), by=by, on=D(2023, 2, 1), policy=liaoning
    )
    extension = decide(extension, Verdict.APPROVE, by=county, on=D(2023, 2, 3))
    away = extend_suspension(away, extension, by=by, on=D(2023, 2, 6), policy=liaoning)
    assert suspension_ends(away) == D(2024, 3, 7)
    with pytest.raises(IllegalTransition) as excinfo:
        request_extension(
            away, months=3, evidence=("复查报告",), by=by, on=D(2024, 1, 1), policy=liaoning
        )
    assert excinfo.value.reason is Reason.SUSPENSION_CAP  # one extension only
    with pytest.raises(IllegalTransition) as excinfo:
        resume(away, by=by, on=D(2024, 3, 8), policy=liaoning)
    assert excinfo.value.reason is Reason.SUSPENSION_CAP
    back = resume(away, by=by, on=D(2024, 3, 7), policy=liaoning)
    assert (back.status, back.grade) == (Status.ENROLLED, 4)


def test_liaoning_refuses_a_suspension_in_the_graduating_term_the_national_rules_do_not() -> None:
    sixth = enrolled(school=SHENYANG, grade=6)
    spring = D(2022, 3, 1)
    kwargs = {"months": 3, "evidence": ("诊断证明",), "by": registrar(SHENYANG), "on": spring}
    with pytest.raises(IllegalTransition) as excinfo:
        request_suspension(sixth, policy=Policy.LIAONING, **kwargs)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.GRADUATING_TERM
    assert request_suspension(sixth, **kwargs).kind.value == "suspend"  # type: ignore[arg-type]
    autumn = {**kwargs, "on": D(2021, 11, 1)}
    assert request_suspension(sixth, policy=Policy.LIAONING, **autumn).months == 3  # type: ignore[arg-type]


def test_a_pupil_abroad_comes_back_to_another_school_at_the_grade_it_sets() -> None:
    """The school that takes the pupil back sets the grade from the studies abroad; the
    time abroad stays on the record as a dated period."""
    record = enrolled(school=SCHOOL, grade=3)
    away = change_status(record, Action.GO_ABROAD, by=registrar(SCHOOL), on=D(2022, 1, 10))
    with pytest.raises(IllegalTransition) as excinfo:
        return_from_abroad(away, to_school=OTHER, grade=8, by=registrar(OTHER), on=D(2023, 9, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE
    back = return_from_abroad(away, to_school=OTHER, grade=5, by=registrar(OTHER), on=D(2023, 9, 1))
    assert (back.status, back.school, back.grade) == (Status.ENROLLED, OTHER, 5)
    assert [(p.start, p.end) for p in back.time_abroad] == [(D(2022, 1, 10), D(2023, 9, 1))]
    assert back.continuous_since == D(2023, 9, 1)
    assert back.number == record.number


def test_a_transfer_request_filed_before_a_move_is_not_completed_after_it() -> None:
    record = enrolled(grade=3)
    first = request_transfer(record, to_school=OTHER, by=registrar(OTHER), on=D(2022, 3, 1))
    second = request_transfer(record, to_school=FAR, by=registrar(FAR), on=D(2022, 3, 1))
    for k, actor in enumerate(ROUTES["across-counties"][1]):
        first = decide(first, Verdict.APPROVE, by=actor, on=D(2022, 3, 2 + k))
    for k, actor in enumerate(ROUTES["across-provinces"][1]):
        second = decide(second, Verdict.APPROVE, by=actor, on=D(2022, 3, 2 + k))
    moved = complete_transfer(record, first, by=registrar(OTHER), on=D(2022, 3, 10))
    with pytest.raises(IllegalTransition) as excinfo:
        complete_transfer(moved, second, by=registrar(FAR), on=D(2022, 3, 11))
    assert excinfo.value.reason is Reason.RECORD_MOVED
    with pytest.raises(IllegalTransition) as excinfo:
        complete_transfer(moved, first, by=registrar(OTHER), on=D(2022, 3, 11))
    assert excinfo.value.reason is Reason.ALREADY_APPLIED


def test_an_open_transfer_request_holds_back_a_second_one() -> None:
    record = enrolled(grade=3)
    first = request_transfer(record, to_school=OTHER, by=registrar(OTHER), on=D(2022, 3, 1))
    with pytest.raises(IllegalTransition) as excinfo:
        request_transfer(
            record, to_school=FAR, by=registrar(FAR), on=D(2022, 3, 2), pending=[first]
        )
    assert excinfo.value.reason is Reason.PENDING_REQUEST
    refused = decide(first, Verdict.REJECT, by=reviewer(OTHER), on=D(2022, 3, 3), note="不符合条件")
    again = request_transfer(
        record, to_school=FAR, by=registrar(FAR), on=D(2022, 3, 4), pending=[refused]
    )
    assert isinstance(again, TransferRequest)


def test_a_grade_the_school_left_offline_does_not_teach_waits_for_the_national_answer() -> None:
    """Found by the state machine: a pupil of a nine-year school moved offline to a
    junior-and-senior school, went abroad and came back there in grade 11; the national
    system then refused the transfer and sent the record back to a school without grade 11.
    Until the answer comes, a new grade must be one both schools teach (R6)."""
    record = enrolled(school=CHAOYANG_JUNIOR, grade=None, on=D(2019, 9, 1))
    moved = transfer(
        record,
        to_school=SHANGHAI_SENIOR,
        by=registrar(SHANGHAI_SENIOR),
        on=D(2020, 3, 1),
        mode=TransferMode.OFFLINE,
    )
    away = change_status(moved, Action.GO_ABROAD, by=registrar(SHANGHAI_SENIOR), on=D(2020, 4, 1))
    ret = {"to_school": SHANGHAI_SENIOR, "by": registrar(SHANGHAI_SENIOR), "on": D(2020, 9, 1)}
    with pytest.raises(IllegalTransition) as excinfo:
        return_from_abroad(away, grade=11, **ret)  # type: ignore[arg-type]
    waiting = excinfo.value
    assert (waiting.state, waiting.action) == ("pending-sync", "return from abroad")
    assert waiting.reason is Reason.WRONG_STAGE
    with pytest.raises(IllegalTransition) as excinfo:
        set_grade(moved, 10, by=registrar(SHANGHAI_SENIOR), on=D(2020, 4, 1))
    waiting = excinfo.value
    assert (waiting.state, waiting.action, waiting.reason) == (
        "pending-sync",
        "set the grade",
        Reason.WRONG_STAGE,
    )
    back = return_from_abroad(away, grade=8, **ret)  # type: ignore[arg-type]
    refused = sync_transfer(back, outcome=SyncOutcome.REFUSED, by=CENTRAL, on=D(2020, 10, 1))
    assert (refused.school, refused.grade) == (CHAOYANG_JUNIOR, 8)
    answered = sync_transfer(away, outcome=SyncOutcome.DONE, by=CENTRAL, on=D(2020, 5, 1))
    assert return_from_abroad(answered, grade=11, **ret).grade == 11  # type: ignore[arg-type]
