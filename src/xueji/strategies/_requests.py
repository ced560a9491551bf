"""Policies, and the requests of the approval engine: key-field changes, transfers and
suspensions."""

from __future__ import annotations

import calendar
import datetime
import functools
import warnings
from collections.abc import Collection
from typing import Final

from hypothesis import strategies as st

from xueji._regions import KNOWN_PROVINCES
from xueji._rules import student_stages
from xueji.actor import Actor, Role
from xueji.approval import RequestStatus, Verdict
from xueji.change_request import request_change, review, verify_change
from xueji.policy import GradeChange, MonthDay, Policy
from xueji.record import (
    DedupResult,
)
from xueji.registry_number import RegistryKind, RegistryNumber
from xueji.school_transfer import (
    request_transfer,
)
from xueji.strategies._base import BORN, EVIDENCE, SICK_NOTES, valid_born, valid_members
from xueji.strategies._numbers import registry_numbers
from xueji.strategies._people import CENTRAL_ACTOR, registrar_of
from xueji.strategies._records import (
    NATIONAL_POLICY,
    NOTES,
    counties_outside,
    draw_new_value,
    draw_record,
    draw_suspended,
    later_day,
    other_counties,
    outside_freeze,
    school_teaching,
    valid_max_steps,
    with_decisions,
)
from xueji.suspension import (
    request_extension,
    request_suspension,
    suspension_ends,
)
from xueji.workflow import (
    ChangeRequest,
    KeyField,
    SuspensionKind,
    SuspensionRequest,
    TransferRequest,
)

# -- policies and the requests of the approval engine --------------------------------------


def _month_days(draw: st.DrawFn) -> MonthDay:
    month = draw(st.integers(1, 12))
    return MonthDay(month, draw(st.integers(1, calendar.monthrange(2023, month)[1])))


def policies() -> st.SearchStrategy[Policy]:
    """Valid policies: `Policy.NATIONAL`, `Policy.LIAONING`, or any other within the
    bounds `Policy` accepts.

    Examples:
        The minimal example is `Policy.NATIONAL`:

        >>> from hypothesis import find, settings
        >>> find(policies(), lambda _: True, settings=settings(database=None))
        Policy(name='national', ...)
    """

    @st.composite
    def build(draw: st.DrawFn) -> Policy:
        freeze = (_month_days(draw), _month_days(draw)) if draw(st.booleans()) else None
        return Policy(
            name=draw(st.sampled_from(("某省", "五四制试点", "辽宁"))),
            province=draw(st.none() | st.sampled_from(sorted(KNOWN_PROVINCES))),
            entry_age=draw(st.integers(5, 7)),
            entry_cutoff=_month_days(draw),
            school_year_starts=_month_days(draw),
            second_term_starts=_month_days(draw),
            primary_years=draw(st.sampled_from((6, 5))),
            transfer_freeze=freeze,
            step_days=draw(st.integers(1, 20)),
            suspension_months=draw(st.integers(1, 24)),
            extension_months=draw(st.integers(1, 24)),
            extensions=draw(st.integers(0, 3)),
            graduating_term_suspension=draw(st.booleans()),
            dropout_absence_weeks=draw(st.none() | st.integers(1, 8)),
            grade_changes=draw(st.frozensets(st.sampled_from(tuple(GradeChange)))),
        )

    return st.one_of(st.just(Policy.NATIONAL), st.just(Policy.LIAONING), build())


_MODES: Final = {KeyField.NUMBER: "renumber", KeyField.SEX: "no-id", KeyField.BIRTH_DATE: "no-id"}
#: The statuses a key-field request reaches; in-review is for longer routes.
_CHANGE_STATUSES: Final = tuple(s for s in RequestStatus if s is not RequestStatus.IN_REVIEW)


@functools.cache
def _g_numbers() -> st.SearchStrategy[RegistryNumber]:
    return registry_numbers(kinds=(RegistryKind.G,))


def change_requests(
    *,
    fields: Collection[KeyField] = tuple(KeyField),
    statuses: Collection[RequestStatus] = _CHANGE_STATUSES,
    born: tuple[datetime.date, datetime.date] = BORN,
    max_steps: int = 3,
    states: Collection[RequestStatus] | None = None,
) -> st.SearchStrategy[ChangeRequest]:
    """Key-field change requests made by [`request_change`][xueji.request_change] on an
    open record from `records()`, then taken to one of ``statuses`` by
    [`review`][xueji.review] and [`verify_change`][xueji.verify_change]. ``states`` is a
    deprecated name of ``statuses``.

    A ``number`` request is a J record's change to G + the student's resident ID; ``sex``
    and ``birth_date`` requests are for students without one (the ID decides otherwise).

    Examples:
        The minimal example, with ``fields=[KeyField.NAME]``: a request submitted on
        2006-01-01 to rename the minimal record's student ``'王一'`` to ``'王一一'``. With
        every field, a ``sex`` correction: it draws nothing beyond the record, and Hypothesis
        shrinks toward fewer draws first (the rest may stay unsettled: a request has more
        parts than Hypothesis's limit of 500 shrinks always settles).
    """
    if states is not None:
        warnings.warn(
            "change_requests(states=...) is deprecated: use statuses=",
            DeprecationWarning,
            stacklevel=2,
        )
        statuses = states
    chosen_fields = valid_members("fields", fields, tuple(KeyField))
    chosen_states = valid_members("statuses", statuses, _CHANGE_STATUSES)
    lo, hi = valid_born(born)
    steps = valid_max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> ChangeRequest:
        field = draw(st.sampled_from(chosen_fields))
        state = draw(st.sampled_from(chosen_states))
        mode = _MODES.get(field, "any")
        record = draw_record(draw, (lo, hi), steps, closing=False, mode=mode)
        new_value = draw_new_value(draw, field, record.student, (lo, hi))
        on = later_day(draw, record.history[-1].on)
        request = request_change(
            record,
            field=field,
            new_value=new_value,
            evidence=draw(st.sampled_from(EVIDENCE)),
            by=registrar_of(record.school),
            on=on,
        )
        if state is RequestStatus.SUBMITTED:
            return request
        reviewer = Actor(Role.COUNTY_REVIEWER, record.school.region_code, "审核员")
        on = later_day(draw, on)
        verdict = Verdict.REJECT if state is RequestStatus.REJECTED else Verdict.APPROVE
        request = review(request, verdict, by=reviewer, on=on)
        if state in (RequestStatus.APPROVED, RequestStatus.REJECTED):
            return request
        conflicts: tuple[RegistryNumber, ...] = ()
        if state is RequestStatus.CHECK_FAILED:
            conflicts = (draw(_g_numbers()),)
        return verify_change(
            request, dedup=DedupResult(conflicts), by=CENTRAL_ACTOR, on=later_day(draw, on)
        )

    return build()


_ROUTES: Final = ("same-county", "same-province", "across-provinces")
_TRANSFER_STATUSES: Final = (
    RequestStatus.SUBMITTED,
    RequestStatus.IN_REVIEW,
    RequestStatus.APPROVED,
    RequestStatus.REJECTED,
)


def transfer_requests(
    *,
    statuses: Collection[RequestStatus] = _TRANSFER_STATUSES,
    routes: Collection[str] = _ROUTES,
    born: tuple[datetime.date, datetime.date] = BORN,
    max_steps: int = 3,
) -> st.SearchStrategy[TransferRequest]:
    """Transfer requests made by [`request_transfer`][xueji.request_transfer] on an
    enrolled record from `records()`, to a school that teaches the student's stage, then
    decided step by step ([`decide`][xueji.decide]) to one of ``statuses``: submitted, in
    review (some steps approved), approved (every step) or rejected (at any step, with a
    reason). ``routes`` picks where the receiving school is: ``"same-county"``,
    ``"same-province"`` or ``"across-provinces"``. A request dated in the transfer freeze
    is filed on 15 August instead.

    Examples:
        The minimal example: a submitted request to move the minimal record to another
        school of its county (110101).
    """
    chosen = valid_members("statuses", statuses, _TRANSFER_STATUSES)
    where = valid_members("routes", routes, _ROUTES)
    lo, hi = valid_born(born)
    steps = valid_max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> TransferRequest:
        route = draw(st.sampled_from(where))
        status = draw(st.sampled_from(chosen))
        record = draw_record(draw, (lo, hi), steps, closing=False, mode="enrolled")
        here = record.school.region_code
        regions = {
            "same-county": st.just(here),
            "same-province": other_counties(here),
            "across-provinces": counties_outside(here[:2]),
        }[route]
        school = school_teaching(draw, student_stages(record), regions, record.school)
        on = outside_freeze(later_day(draw, record.history[-1].on))
        request = request_transfer(
            record,
            to_school=school,
            by=registrar_of(school),
            on=on,
            note=draw(st.sampled_from(NOTES)),
        )
        count = len(request.route.steps)
        on = later_day(draw, on)
        if status is RequestStatus.SUBMITTED:
            return request
        if status is RequestStatus.APPROVED:
            return with_decisions(request, count, on)
        if status is RequestStatus.IN_REVIEW:
            return with_decisions(request, draw(st.integers(1, count - 1)), on)
        return with_decisions(request, draw(st.integers(0, count - 1)), on, reject=True)

    return build()


_SUSPENSION_STATUSES: Final = (
    RequestStatus.SUBMITTED,
    RequestStatus.APPROVED,
    RequestStatus.REJECTED,
)


def suspension_requests(
    *,
    kinds: Collection[SuspensionKind] = tuple(SuspensionKind),
    statuses: Collection[RequestStatus] = _SUSPENSION_STATUSES,
    born: tuple[datetime.date, datetime.date] = BORN,
    max_steps: int = 3,
) -> st.SearchStrategy[SuspensionRequest]:
    """Suspension requests made by [`request_suspension`][xueji.request_suspension] on an
    enrolled record from `records()`, or extensions made by
    [`request_extension`][xueji.request_extension] on a record suspended by an approved
    request, each within the national caps, then decided by the county's reviewer.

    Examples:
        The minimal example: a submitted one-month suspension of the minimal record.
    """
    chosen_kinds = valid_members("kinds", kinds, tuple(SuspensionKind))
    chosen = valid_members("statuses", statuses, _SUSPENSION_STATUSES)
    lo, hi = valid_born(born)
    steps = valid_max_steps(max_steps)

    @st.composite
    def build(draw: st.DrawFn) -> SuspensionRequest:
        kind = draw(st.sampled_from(chosen_kinds))
        status = draw(st.sampled_from(chosen))
        record = draw_record(draw, (lo, hi), steps, closing=False, mode="enrolled")
        on = later_day(draw, record.history[-1].on)
        by = registrar_of(record.school)
        if kind is SuspensionKind.SUSPEND:
            months = draw(st.integers(1, NATIONAL_POLICY.suspension_months))
            request = request_suspension(
                record, months=months, evidence=draw(st.sampled_from(SICK_NOTES)), by=by, on=on
            )
        else:
            record = draw_suspended(draw, record, on)
            ends = suspension_ends(record)
            assert ends is not None  # suspended by a request just now
            on = datetime.date.fromordinal(draw(st.integers(on.toordinal(), ends.toordinal())))
            months = draw(st.integers(1, NATIONAL_POLICY.extension_months))
            request = request_extension(
                record, months=months, evidence=draw(st.sampled_from(SICK_NOTES)), by=by, on=on
            )
        if status is RequestStatus.SUBMITTED:
            return request
        rejected = status is RequestStatus.REJECTED
        return with_decisions(request, 0 if rejected else 1, on, reject=rejected)

    return build()
