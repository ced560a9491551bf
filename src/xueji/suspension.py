"""Suspension (休学) as a request: the school files it, the county decides, the school applies it.

The national workflow has the school file the change and its supervising education
bureau review it; how long a suspension may last is a provincial rule (ADR 0028). Here
the registrar of the record's school files a
[`SuspensionRequest`][xueji.SuspensionRequest] with its evidence
([`request_suspension`][xueji.request_suspension]), the reviewer of the school's county
decides it ([`decide`][xueji.decide]), and the registrar applies it
([`suspend`][xueji.suspend]). An extension goes the same way
([`request_extension`][xueji.request_extension], [`extend_suspension`][xueji.extend_suspension]).
The student resumes (复学) on or before the day the suspension ends
([`suspension_ends`][xueji.suspension_ends]); the policy caps the length, the extensions,
and may forbid a suspension in the second term of a stage's last grade.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from xueji._rules import (
    day,
    event,
    evolve,
    require_applicable,
    require_open,
    require_pending_free,
    require_policy,
    require_record,
    require_registrar,
)
from xueji.actor import Actor
from xueji.errors import IllegalTransition, InvalidValue, Reason
from xueji.policy import Policy, add_months
from xueji.record import EventKind, Record, Status
from xueji.stage import last_grade
from xueji.workflow import Request, SuspensionKind, SuspensionRequest, suspension_route

__all__ = [
    "extend_suspension",
    "request_extension",
    "request_suspension",
    "suspend",
    "suspension_ends",
]


def _months_of(request: object) -> int:
    assert isinstance(request, SuspensionRequest)  # the event validated its request
    return request.months


def suspension_ends(record: Record) -> datetime.date | None:
    """The last day of the current suspension, extensions included; None when the record
    is not suspended."""
    if record.status is not Status.SUSPENDED:
        return None
    months = 0
    for past in reversed(record.history):
        if past.kind is EventKind.EXTEND_SUSPENSION:
            months += _months_of(past.request)
        elif past.kind is EventKind.SUSPEND:
            return add_months(past.on, months + _months_of(past.request))
    return None  # suspended by an older release, without a request: no known end


def _extensions_used(record: Record) -> int:
    used = 0
    for past in reversed(record.history):
        if past.kind is EventKind.SUSPEND:
            break
        used += past.kind is EventKind.EXTEND_SUSPENSION
    return used


def _refuse(record: Record, action: str, detail: str, reason: Reason) -> IllegalTransition:
    return IllegalTransition(state=record.status.value, action=action, detail=detail, reason=reason)


def _require_not_graduating(record: Record, on: datetime.date, policy: Policy, action: str) -> None:
    """Where the policy says so, no suspension starts in the second term of the last grade
    of a stage. Without a known grade this cannot be told, and is not refused."""
    stage = record.stage
    if policy.graduating_term_suspension or stage is None or record.grade is None:
        return
    if record.grade == last_grade(stage, primary_years=record.primary_years) and (
        policy.in_second_term(on)
    ):
        raise _refuse(
            record, action, "no suspension in the graduating term", Reason.GRADUATING_TERM
        )


def _require_months(record: Record, months: object, cap: int, action: str) -> int:
    if type(months) is not int or months < 1:
        raise InvalidValue("months is a whole number of months, at least 1")
    if months > cap:
        raise _refuse(
            record, action, f"the policy allows at most {cap} months", Reason.SUSPENSION_CAP
        )
    return months


def _evidence(evidence: object) -> tuple[str, ...]:
    if not (
        isinstance(evidence, tuple)
        and evidence
        and all(isinstance(e, str) and e.strip() for e in evidence)
    ):
        raise InvalidValue("evidence must be a non-empty tuple of document references")
    return evidence


def request_suspension(
    record: Record,
    *,
    months: int,
    evidence: tuple[str, ...],
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
    pending: Iterable[Request] = (),
    note: str = "",
) -> SuspensionRequest:
    """File a suspension of ``months`` months for an enrolled student, with its evidence.

    ``by`` is the registrar of the record's school. ``months`` is at most
    ``policy.suspension_months``; where the policy forbids it, no suspension is filed in
    the second term of a stage's last grade. ``pending`` are the record's requests from the
    caller's store: an open suspension request among them refuses a new one.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is not enrolled (``illegal-transition``), the length
            is over the cap (``suspension-cap``), the term is the graduating one
            (``graduating-term``), or a suspension request is open (``pending-request``).
    """
    record = require_record(record)
    action = "request a suspension"
    by = require_registrar(by, record.school, doing=action)
    policy = require_policy(policy)
    on = day(on)
    if record.status is not Status.ENROLLED:
        raise IllegalTransition(state=record.status.value, action=action)
    count = _require_months(record, months, policy.suspension_months, action)
    _require_not_graduating(record, on, policy, action)
    require_pending_free(record, pending, SuspensionRequest, action=action)
    return _filed(record, SuspensionKind.SUSPEND, count, evidence, by, on, note, policy)


def _filed(
    record: Record,
    kind: SuspensionKind,
    months: int,
    evidence: object,
    by: Actor,
    on: datetime.date,
    note: object,
    policy: Policy,
) -> SuspensionRequest:
    if not isinstance(note, str):
        raise InvalidValue("a note must be text")
    route = suspension_route(record.school, days=policy.step_days)
    return SuspensionRequest(
        record.number, record.school, kind, months, _evidence(evidence), by, on, note, route
    )


def _require_running(record: Record, on: datetime.date, action: str) -> None:
    ends = suspension_ends(record)
    if record.status is not Status.SUSPENDED:
        raise IllegalTransition(state=record.status.value, action=action)
    if ends is None or on > ends:
        raise _refuse(record, action, "the suspension has ended", Reason.SUSPENSION_CAP)


def request_extension(
    record: Record,
    *,
    months: int,
    evidence: tuple[str, ...],
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
    pending: Iterable[Request] = (),
    note: str = "",
) -> SuspensionRequest:
    """File an extension of a running suspension by ``months`` months.

    Filed while the suspension runs (on or before `suspension_ends`), at most
    ``policy.extension_months`` months, and at most ``policy.extensions`` times.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is not suspended (``illegal-transition``); the
            suspension ended, the length is over the cap or the extensions are used up
            (``suspension-cap``); a suspension request is open (``pending-request``).
    """
    record = require_record(record)
    action = "request an extension"
    by = require_registrar(by, record.school, doing=action)
    policy = require_policy(policy)
    on = day(on)
    _require_running(record, on, action)
    count = _require_months(record, months, policy.extension_months, action)
    if _extensions_used(record) >= policy.extensions:
        raise _refuse(record, action, "no extension left", Reason.SUSPENSION_CAP)
    require_pending_free(record, pending, SuspensionRequest, action=action)
    return _filed(record, SuspensionKind.EXTEND, count, evidence, by, on, note, policy)


def _applicable(
    record: Record, request: object, by: object, kind: SuspensionKind, action: str
) -> tuple[SuspensionRequest, Actor]:
    record = require_record(record)
    if not (isinstance(request, SuspensionRequest) and request.kind is kind):
        raise InvalidValue(f"expected a xueji.SuspensionRequest of kind {kind.value!r}")
    actor = require_registrar(by, record.school, doing=action)
    require_open(record, action)
    require_applicable(record, request, school=request.school, action=action)
    return request, actor


def suspend(
    record: Record,
    request: SuspensionRequest,
    *,
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Start an approved suspension on ``on``; it ends ``request.months`` months later.

    ``by`` is the registrar of the record's school. Continuous registration is kept: a
    suspended student keeps the record.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is not enrolled, or the request is not approved,
            is another record's, was carried out or filed before the record moved (the
            reasons of [`complete_transfer`][xueji.complete_transfer]); the length is over
            the cap (``suspension-cap``) or the term is the graduating one
            (``graduating-term``).
    """
    action = "suspend"
    request, by = _applicable(record, request, by, SuspensionKind.SUSPEND, action)
    policy = require_policy(policy)
    if record.status is not Status.ENROLLED:
        raise IllegalTransition(state=record.status.value, action=action)
    on = day(on, after=request.decisions[-1].on)
    _require_months(record, request.months, policy.suspension_months, action)
    _require_not_graduating(record, on, policy, action)
    change = event(record, EventKind.SUSPEND, on, by, request=request, status=Status.SUSPENDED)
    return evolve(record, change, status=Status.SUSPENDED)


def extend_suspension(
    record: Record,
    request: SuspensionRequest,
    *,
    by: Actor,
    on: datetime.date,
    policy: Policy = Policy.NATIONAL,
) -> Record:
    """Carry out an approved extension: the suspension ends ``request.months`` later.

    Raises:
        NotAuthorized: ``by`` is not the registrar of the record's school.
        IllegalTransition: the record is not suspended; the suspension ended, or the
            extensions are used up (``suspension-cap``); or the request cannot be carried
            out (as for `suspend`).
    """
    action = "extend a suspension"
    request, by = _applicable(record, request, by, SuspensionKind.EXTEND, action)
    policy = require_policy(policy)
    on = day(on, after=request.decisions[-1].on)
    _require_running(record, on, action)
    _require_months(record, request.months, policy.extension_months, action)
    if _extensions_used(record) >= policy.extensions:
        raise _refuse(record, action, "no extension left", Reason.SUSPENSION_CAP)
    return evolve(record, event(record, EventKind.EXTEND_SUSPENSION, on, by, request=request))
