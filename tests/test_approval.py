"""The approval-chain engine: routes, steps, decisions, deadlines, and chains checked on build."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable

import attrs
import pytest
from registry_cast import (
    CENTRAL,
    CHAOYANG_2,
    FAR,
    OTHER,
    OTHER_REGISTRAR,
    OTHER_REVIEWER,
    REGISTRAR,
    REVIEWER,
    SCHOOL,
    D,
    approve_all,
    enrolled,
    registrar,
    submitted,
)

from xueji import (
    Actor,
    ChangeRequest,
    Decision,
    IllegalTransition,
    InvalidValue,
    KeyField,
    NotAuthorized,
    Reason,
    RegistryNumber,
    RequestStatus,
    Role,
    Route,
    School,
    Step,
    SuspensionKind,
    SuspensionRequest,
    TransferRequest,
    Verdict,
    complete_transfer,
    decide,
    monday_to_friday,
    overdue,
    request_suspension,
    request_transfer,
    review,
)
from xueji.workflow import key_field_route, suspension_route, transfer_route

ON = D(2023, 5, 10)
NUMBER = enrolled().number


def transfer_request() -> TransferRequest:
    return request_transfer(enrolled(), to_school=OTHER, by=OTHER_REGISTRAR, on=ON)


# routes


def test_the_route_of_a_transfer_depends_on_where_the_two_schools_are() -> None:
    neighbour = CHAOYANG_2
    same_county = transfer_route(SCHOOL, neighbour)
    across = transfer_route(SCHOOL, OTHER)
    provinces = transfer_route(SCHOOL, FAR)
    assert [(s.role, s.scope) for s in same_county.steps] == [
        (Role.SCHOOL_REGISTRAR, "2111010001"),
        (Role.COUNTY_REVIEWER, "110105"),
    ]
    assert [(s.role, s.scope) for s in across.steps] == [
        (Role.COUNTY_REVIEWER, "110108"),
        (Role.SCHOOL_REGISTRAR, "2111010001"),
        (Role.COUNTY_REVIEWER, "110105"),
    ]
    assert [(s.role, s.scope) for s in provinces.steps] == [
        (Role.COUNTY_REVIEWER, "310101"),
        (Role.CENTRAL, None),
        (Role.SCHOOL_REGISTRAR, "2111010001"),
        (Role.COUNTY_REVIEWER, "110105"),
    ]
    # Only the last step completes the request.
    for route in (same_county, across, provinces):
        assert [s.approved for s in route.steps[:-1]] == [RequestStatus.IN_REVIEW] * (
            len(route.steps) - 1
        )
        assert route.steps[-1].approved is RequestStatus.APPROVED


def test_the_key_field_chain_is_a_route_of_the_county_and_the_central_check() -> None:
    route = key_field_route(SCHOOL)
    assert [(s.role, s.scope, s.approved, s.rejected) for s in route.steps] == [
        (Role.COUNTY_REVIEWER, "110105", RequestStatus.APPROVED, RequestStatus.REJECTED),
        (Role.CENTRAL, None, RequestStatus.VERIFIED, RequestStatus.CHECK_FAILED),
    ]
    assert submitted(enrolled(), on=ON).route == route


def test_a_suspension_goes_to_the_county_of_the_school() -> None:
    assert [(s.role, s.scope) for s in suspension_route(OTHER).steps] == [
        (Role.COUNTY_REVIEWER, "110108")
    ]


@pytest.mark.parametrize(
    ("steps", "days"),
    [
        ((), 10),
        ([Step(Role.CENTRAL, None)], 10),
        ((Step(Role.CENTRAL, None, RequestStatus.IN_REVIEW),), 10),  # the last step must end it
        ((Step(Role.CENTRAL, None, RequestStatus.VERIFIED), Step(Role.CENTRAL, None)), 10),
        ((Step(Role.CENTRAL, None),), 0),
        ((Step(Role.CENTRAL, None),), 61),
        ((Step(Role.CENTRAL, None),), True),
    ],
)
def test_a_route_that_could_not_end_or_has_no_deadline_is_refused(
    steps: object, days: object
) -> None:
    with pytest.raises(InvalidValue):
        Route(steps, days)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("role", "scope"),
    [(Role.CENTRAL, "110105"), (Role.COUNTY_REVIEWER, "2111010001"), ("teacher", None)],
)
def test_a_step_whose_scope_does_not_fit_its_role_is_refused(role: object, scope: object) -> None:
    with pytest.raises(InvalidValue):
        Step(role, scope)  # type: ignore[arg-type]


# deciding


def test_a_step_is_decided_only_by_the_actor_it_names() -> None:
    request = transfer_request()
    for wrong, reason in [
        (REVIEWER, Reason.OUT_OF_SCOPE),  # the sending county, whose turn comes last
        (REGISTRAR, Reason.WRONG_ROLE),  # the sending school, whose turn comes second
        (CENTRAL, Reason.WRONG_ROLE),
    ]:
        with pytest.raises(NotAuthorized) as excinfo:
            decide(request, Verdict.APPROVE, by=wrong, on=ON)
        assert excinfo.value.reason is reason
    assert decide(request, Verdict.APPROVE, by=OTHER_REVIEWER, on=ON).status is (
        RequestStatus.IN_REVIEW
    )


def test_the_filer_does_not_decide_a_step_of_their_own_request_even_in_another_role() -> None:
    request = transfer_request()
    same_person = Actor(Role.COUNTY_REVIEWER, "110108", "王老师", id=OTHER_REGISTRAR.id)
    with pytest.raises(NotAuthorized) as excinfo:
        decide(request, Verdict.APPROVE, by=same_person, on=ON)
    assert excinfo.value.reason is Reason.OWN_REQUEST


def test_nothing_is_decided_on_a_rejected_or_complete_request() -> None:
    rejected = decide(transfer_request(), Verdict.REJECT, by=OTHER_REVIEWER, on=ON, note="满员")
    with pytest.raises(IllegalTransition) as excinfo:
        decide(rejected, Verdict.APPROVE, by=REGISTRAR, on=ON)
    assert excinfo.value.state == "rejected"


def test_a_decision_is_dated_on_or_after_the_one_before() -> None:
    with pytest.raises(InvalidValue):
        decide(transfer_request(), Verdict.APPROVE, by=OTHER_REVIEWER, on=D(2023, 5, 9))


@pytest.mark.parametrize("request_", [None, "request", enrolled()], ids=["none", "text", "record"])
def test_decide_refuses_what_is_not_a_request(request_: object) -> None:
    with pytest.raises(InvalidValue):
        decide(request_, Verdict.APPROVE, by=OTHER_REVIEWER, on=ON)  # type: ignore[type-var]


def test_a_note_must_be_text() -> None:
    with pytest.raises(InvalidValue):
        decide(transfer_request(), Verdict.APPROVE, by=OTHER_REVIEWER, on=ON, note=5)  # type: ignore[arg-type]


def test_decide_takes_the_key_field_chain_too() -> None:
    request = decide(submitted(enrolled(), on=ON), Verdict.APPROVE, by=REVIEWER, on=ON)
    assert request.status is RequestStatus.APPROVED
    request = decide(request, Verdict.APPROVE, by=CENTRAL, on=ON)
    assert request.status is RequestStatus.VERIFIED


# chains checked when a request is built


def test_a_transfer_request_whose_status_the_decisions_do_not_give_cannot_be_built() -> None:
    request = transfer_request()
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(request, status=RequestStatus.APPROVED)
    assert excinfo.value.reason is Reason.BROKEN_CHAIN


def test_a_transfer_request_on_a_shortened_route_cannot_be_built() -> None:
    request = transfer_request()
    shortened = Route(request.route.steps[1:], request.route.days)
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(request, route=shortened)
    assert excinfo.value.reason is Reason.BROKEN_CHAIN


def test_a_transfer_request_filed_by_the_sending_school_cannot_be_built() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(transfer_request(), submitted_by=REGISTRAR)
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE


def test_a_decision_by_an_actor_the_step_does_not_name_cannot_be_built() -> None:
    forged = Decision(RequestStatus.IN_REVIEW, REVIEWER, ON)
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(transfer_request(), decisions=(forged,), status=RequestStatus.IN_REVIEW)
    assert excinfo.value.reason is Reason.OUT_OF_SCOPE


def test_a_decision_after_a_rejection_cannot_be_built() -> None:
    request = decide(transfer_request(), Verdict.REJECT, by=OTHER_REVIEWER, on=ON)
    more = Decision(RequestStatus.IN_REVIEW, REGISTRAR, ON)
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(request, decisions=(*request.decisions, more), status=RequestStatus.IN_REVIEW)
    assert excinfo.value.reason is Reason.BROKEN_CHAIN


def test_a_failed_central_check_without_its_conflicts_cannot_be_built() -> None:
    """verify_change fails a request only on the conflicts the check reported."""
    request = review(submitted(enrolled(), on=ON), Verdict.APPROVE, by=REVIEWER, on=ON)
    failed = Decision(RequestStatus.CHECK_FAILED, CENTRAL, ON)
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(
            request, decisions=(*request.decisions, failed), status=RequestStatus.CHECK_FAILED
        )
    assert excinfo.value.reason is Reason.BROKEN_CHAIN


def test_a_transfer_to_the_same_school_cannot_be_built() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        TransferRequest(enrolled().number, SCHOOL, SCHOOL, REGISTRAR, ON)
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


class Campus(School):
    """A caller's own kind of school: a subclass, whose route the rules build alike."""


def test_a_request_between_schools_of_a_subclass_is_held_to_the_same_route() -> None:
    here = Campus("2111010001", "朝阳实验小学", "110105")
    there = Campus("2111010002", "海淀小学", "110108")
    for days in (10, 15):
        route = transfer_route(here, there, days=days)
        move = TransferRequest(NUMBER, here, there, OTHER_REGISTRAR, ON, route=route)
        assert (move.route, move.route.days) == (route, days)
    with pytest.raises(InvalidValue) as excinfo:
        TransferRequest(NUMBER, here, there, OTHER_REGISTRAR, ON, route=key_field_route(here))
    assert excinfo.value.reason is Reason.BROKEN_CHAIN


def test_each_request_is_held_to_its_own_route_however_many_routes_came_before() -> None:
    """More routes than the chain checks keep at hand (20 schools, 60 day counts each):
    every request is still checked against the route of its own school and days."""
    for n in range(1, 21):
        school = School(f"211101{n:04d}", "朝阳小学", "110105")
        by = registrar(school)
        for days in range(1, 61):
            route = suspension_route(school, days=days)
            kind = SuspensionKind.SUSPEND
            pause = SuspensionRequest(NUMBER, school, kind, 6, ("病历",), by, ON, route=route)
            assert pause.route.days == days


def test_a_route_whose_days_were_patched_to_text_is_refused() -> None:
    pause = request_suspension(enrolled(), months=6, evidence=("病历",), by=REGISTRAR, on=ON)
    patched = copy.copy(pause.route)
    object.__setattr__(patched, "days", "15")
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(pause, route=patched)
    assert excinfo.value.reason is Reason.INVALID_VALUE


def test_a_chain_patched_past_the_constructor_is_refused_when_carried_out() -> None:
    """A hand-edited pickle skips the constructor: completing it checks the chain again."""
    record = enrolled()
    request = transfer_request()
    patched = copy.copy(request)
    object.__setattr__(patched, "status", RequestStatus.APPROVED)
    with pytest.raises(IllegalTransition) as excinfo:
        complete_transfer(record, patched, by=OTHER_REGISTRAR, on=ON)
    assert excinfo.value.reason is Reason.BROKEN_CHAIN
    assert excinfo.value.action == "complete a transfer"
    stranger = copy.copy(request)
    forged = Decision(RequestStatus.IN_REVIEW, REVIEWER, ON)
    object.__setattr__(stranger, "decisions", (forged,))
    object.__setattr__(stranger, "status", RequestStatus.APPROVED)
    with pytest.raises(NotAuthorized) as refused:
        complete_transfer(record, stranger, by=OTHER_REGISTRAR, on=ON)
    assert refused.value.reason is Reason.OUT_OF_SCOPE


def test_a_key_field_request_keeps_its_old_constructor_and_derives_its_route() -> None:
    request = submitted(enrolled(), on=ON)
    rebuilt = ChangeRequest(
        request.number,
        request.school,
        request.field,
        request.old_value,
        request.new_value,
        request.evidence,
        request.submitted_by,
        request.submitted_on,
    )
    assert rebuilt == request


# deadlines


def test_the_deadline_is_ten_working_days_after_the_step_became_pending() -> None:
    request = transfer_request()  # filed on Wednesday 10 May 2023
    assert request.pending_since == ON
    assert request.due_on() == D(2023, 5, 24)
    assert request.due_on(working_day=lambda day: True) == D(2023, 5, 20)


def test_a_closed_request_has_no_deadline_and_is_never_late() -> None:
    rejected = decide(transfer_request(), Verdict.REJECT, by=OTHER_REVIEWER, on=ON)
    assert rejected.due_on() is None
    assert rejected.pending_since is None
    assert overdue([rejected], today=D(2030, 1, 1)) == ()


def test_a_holiday_calendar_moves_the_deadline() -> None:
    request = transfer_request()
    labour_day_week = {D(2023, 5, d) for d in range(15, 20)}

    def working_day(day: datetime.date) -> bool:
        return monday_to_friday(day) and day not in labour_day_week

    assert request.due_on(working_day=working_day) == D(2023, 5, 31)


@pytest.mark.parametrize(
    "calendar",
    [lambda day: 1, lambda day: "yes", lambda day: None, "weekdays"],
    ids=["one", "text", "none", "not-callable"],
)
def test_a_calendar_that_does_not_answer_true_or_false_is_refused(calendar: object) -> None:
    with pytest.raises(InvalidValue):
        transfer_request().due_on(working_day=calendar)  # type: ignore[arg-type]


def test_a_calendar_without_working_days_is_refused_rather_than_searched_forever() -> None:
    with pytest.raises(InvalidValue):
        transfer_request().due_on(working_day=lambda day: False)


def test_overdue_lists_the_longest_overdue_first_and_refuses_what_is_not_a_request() -> None:
    early = transfer_request()
    late = request_transfer(enrolled(), to_school=FAR, by=Actor(
        Role.SCHOOL_REGISTRAR, FAR.code.value, "管理员"), on=D(2023, 5, 12))  # fmt: skip
    found = overdue([late, early], today=D(2023, 7, 1))
    assert [item.request for item in found] == [early, late]
    for requests in ([early, "late"], early):
        with pytest.raises(InvalidValue) as excinfo:
            overdue(requests, today=D(2023, 7, 1))  # type: ignore[arg-type]
        assert excinfo.value.reason is Reason.INVALID_VALUE
        assert excinfo.value.detail  # a message for people, whatever its wording


def test_review_still_takes_only_the_county_step() -> None:
    request = review(submitted(enrolled(), on=ON), Verdict.APPROVE, by=REVIEWER, on=ON)
    with pytest.raises(IllegalTransition):
        review(request, Verdict.APPROVE, by=REVIEWER, on=ON)


def test_a_route_keeps_the_working_days_it_is_given_and_a_request_may_carry_it() -> None:
    transfer = transfer_request()
    key_field = submitted(enrolled(), on=ON)
    pause = request_suspension(enrolled(), months=6, evidence=("病历",), by=REGISTRAR, on=ON)
    assert {key_field.route.days, transfer.route.days, pause.route.days} == {10}
    defaults = (key_field_route(SCHOOL), transfer_route(SCHOOL, OTHER), suspension_route(SCHOOL))
    assert [route.days for route in defaults] == [10, 10, 10]
    routes = {
        "key-field": (key_field, key_field_route(SCHOOL, days=15)),
        "same-county": (transfer, transfer_route(SCHOOL, CHAOYANG_2, days=15)),
        "across-counties": (transfer, transfer_route(SCHOOL, OTHER, days=15)),
        "across-provinces": (transfer, transfer_route(SCHOOL, FAR, days=15)),
        "suspension": (pause, suspension_route(SCHOOL, days=15)),
    }
    for name, (request, route) in routes.items():
        assert route.days == 15, name
        if route.steps == request.route.steps:
            longer = attrs.evolve(request, route=route)  # type: ignore[misc]
            assert longer.due_on() == D(2023, 5, 31), name  # 15 working days after ON


@pytest.mark.parametrize("field", ["route", "status"])
def test_a_request_whose_route_or_status_is_of_another_type_cannot_be_built(field: str) -> None:
    pause = request_suspension(enrolled(), months=6, evidence=("病历",), by=REGISTRAR, on=ON)
    for request in (transfer_request(), pause, submitted(enrolled(), on=ON)):
        with pytest.raises(InvalidValue):
            attrs.evolve(request, **{field: "approved"})  # type: ignore[arg-type]


def test_a_refused_chain_names_the_part_of_the_request_at_fault() -> None:
    request = transfer_request()
    cases = {
        "route": (
            {"route": Route(request.route.steps[1:], request.route.days)},
            Reason.BROKEN_CHAIN,
        ),
        "submitted_by.role": ({"submitted_by": OTHER_REVIEWER}, Reason.WRONG_ROLE),
        "submitted_by.scope": ({"submitted_by": REGISTRAR}, Reason.OUT_OF_SCOPE),
        "status": ({"status": RequestStatus.APPROVED}, Reason.BROKEN_CHAIN),
    }
    for path, (changes, reason) in cases.items():
        with pytest.raises(InvalidValue) as excinfo:
            attrs.evolve(request, **changes)  # type: ignore[arg-type]
        assert (excinfo.value.path, excinfo.value.reason) == (path, reason)
        assert excinfo.value.detail  # a message for people, whatever its wording


def test_a_transfer_request_built_from_its_decisions_takes_the_status_of_the_last_one() -> None:
    filed = request_transfer(enrolled(), to_school=FAR, by=registrar(FAR), on=ON)
    approved = approve_all(filed, ON)
    assert len(approved.decisions) == 4
    rebuilt = TransferRequest(
        filed.number, SCHOOL, FAR, filed.submitted_by, ON, decisions=approved.decisions
    )
    assert rebuilt.status is RequestStatus.APPROVED
    assert rebuilt.route == transfer_route(SCHOOL, FAR)
    halfway = TransferRequest(
        filed.number, SCHOOL, FAR, filed.submitted_by, ON, decisions=approved.decisions[:3]
    )
    assert halfway.status is RequestStatus.IN_REVIEW
    assert halfway.pending_step == halfway.route.steps[3]


@pytest.mark.parametrize(
    "evidence", [(5,), ("病历", None), ("  ",)], ids=["number", "none", "blank"]
)
def test_every_piece_of_evidence_is_a_non_blank_document_reference(evidence: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(submitted(enrolled(), on=ON), evidence=evidence)  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


@pytest.mark.parametrize(("months", "valid"), [(0, False), (1, True), (36, True), (37, False)])
def test_a_suspension_request_lasts_one_to_thirty_six_months(months: int, valid: bool) -> None:
    pause = request_suspension(enrolled(), months=6, evidence=("病历",), by=REGISTRAR, on=ON)
    if valid:
        assert attrs.evolve(pause, months=months).months == months
    else:
        with pytest.raises(InvalidValue) as excinfo:
            attrs.evolve(pause, months=months)
        assert excinfo.value.reason is Reason.INVALID_VALUE
        assert excinfo.value.detail  # a message for people, whatever its wording


def test_a_step_due_today_is_not_yet_overdue() -> None:
    request = transfer_request()
    due = request.due_on()
    assert due is not None
    assert overdue([request], today=due) == ()
    assert overdue([request], today=ON) == ()
    [late] = overdue([request], today=due + datetime.timedelta(days=1))
    assert (late.request, late.due_on) == (request, due)


# the values a request holds


def test_a_suspension_request_keeps_its_constructor_and_derives_its_route() -> None:
    pause = request_suspension(enrolled(), months=6, evidence=("病历",), by=REGISTRAR, on=ON)
    rebuilt = SuspensionRequest(
        pause.number, SCHOOL, pause.kind, 6, pause.evidence, pause.submitted_by, ON
    )
    assert rebuilt == pause
    assert rebuilt.route == suspension_route(SCHOOL)


SCHOOLS_THAT_ARE_NONE: dict[str, Callable[[], object]] = {
    "key-field": lambda: ChangeRequest(
        NUMBER,
        "2111010001",  # type: ignore[arg-type]
        KeyField.NAME,
        "王小明",
        "王晓明",
        ("户口簿",),
        REGISTRAR,
        ON,
    ),
    "transfer": lambda: TransferRequest(NUMBER, SCHOOL, "2111010002", OTHER_REGISTRAR, ON),  # type: ignore[arg-type]
    "suspension": lambda: SuspensionRequest(
        NUMBER,
        "2111010001",  # type: ignore[arg-type]
        SuspensionKind.SUSPEND,
        6,
        ("病历",),
        REGISTRAR,
        ON,
    ),
}


@pytest.mark.parametrize("kind", sorted(SCHOOLS_THAT_ARE_NONE))
def test_a_request_refuses_a_school_that_is_not_a_school_before_it_builds_its_route(
    kind: str,
) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        SCHOOLS_THAT_ARE_NONE[kind]()
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


@pytest.mark.parametrize(
    ("field", "value"),
    [("new_value", 5), ("new_value", None), ("old_value", RegistryNumber.parse(str(NUMBER)))],
    ids=["a-number-for-a-name", "none", "a-registry-number-for-a-name"],
)
def test_a_key_field_request_holds_values_of_its_fields_type(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as excinfo:
        attrs.evolve(submitted(enrolled(), on=ON), **{field: value})  # type: ignore[arg-type]
    assert excinfo.value.reason is Reason.INVALID_VALUE
    assert excinfo.value.detail  # a message for people, whatever its wording


@pytest.mark.parametrize("note", ["第一行\n第二行", "\x00", 5], ids=["newline", "nul", "number"])
def test_a_request_note_is_printable_text(note: object) -> None:
    move = transfer_request()
    assert attrs.evolve(move, note="").note == ""
    assert attrs.evolve(move, note="家庭搬迁").note == "家庭搬迁"
    pause = request_suspension(enrolled(), months=6, evidence=("病历",), by=REGISTRAR, on=ON)
    for request in (move, pause):
        with pytest.raises(InvalidValue) as excinfo:
            attrs.evolve(request, note=note)  # type: ignore[arg-type]
        assert excinfo.value.reason is Reason.INVALID_VALUE
        assert excinfo.value.detail  # a message for people, whatever its wording


def test_a_request_shows_its_values_but_hides_birth_dates_as_a_student_does() -> None:
    record = enrolled()
    rename = submitted(record, on=ON)
    assert "old_value='王小明', new_value='王晓明'" in repr(rename)
    shown = repr(record.student).split("birth_date=")[1].split(",")[0]
    assert shown != repr(record.student.birth_date)
    redate = submitted(record, KeyField.BIRTH_DATE, D(2015, 3, 2), on=ON)
    assert f"old_value={shown}, new_value={shown}," in repr(redate)
